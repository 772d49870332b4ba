"""Command line: ``python -m analysis <command>`` (the Makefile calls these).

  synth       write the synthetic default snapshot
  validate    check a snapshot against the codebook
  import-sav  convert SPSS .sav files into a snapshot (mapping file)
  report      notebooks for every scope, then the report and all factsheets
  factsheet   one region's factsheet (and the national numbers it compares with)
  prepare     notebooks + filled sources only (Quarto's pre-render step)
  audit       computed versus published values (national scope) → _output/audit/
  codeboek    the data contract as a page (HTML, PDF, variabelen.csv) → _output/codeboek/
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from analysis.codebook import load_codebook
from analysis.provenance import PROJECT_ROOT

DEFAULT_SNAPSHOT = PROJECT_ROOT / "snapshots" / "synthetisch"


def _snapshot_pad(waarde: str | None) -> Path:
    """The snapshot to use: the argument, else $SNAPSHOT, else the synthetic default (made if absent)."""
    waarde = waarde or os.environ.get("SNAPSHOT") or ""
    if waarde:
        pad = Path(waarde).expanduser().resolve()
        if not pad.exists():
            raise SystemExit(f"Fout: snapshot {pad} bestaat niet.")
        return pad
    from analysis.synthetic import default_snapshot_actueel, write_default_snapshot

    if not default_snapshot_actueel(DEFAULT_SNAPSHOT):
        # Absent, or written by an older generator/codebook: (re)generate it (deterministic).
        print(f"Synthetische snapshot maken in {DEFAULT_SNAPSHOT} …", file=sys.stderr)
        write_default_snapshot(DEFAULT_SNAPSHOT)
    return DEFAULT_SNAPSHOT


def _regios(waarden: list[str] | None) -> list[str] | None:
    if not waarden or waarden == ["alle"]:
        return None
    cb = load_codebook()
    return [cb.regio_slug(cb.regio_naam(w)) for w in waarden]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="opdracht", required=True)

    p = sub.add_parser("synth", help="synthetische snapshot schrijven")
    p.add_argument("--out", type=Path, default=DEFAULT_SNAPSHOT)
    p.add_argument("--seed", type=int, default=20231)

    p = sub.add_parser("validate", help="snapshot controleren")
    p.add_argument("snapshot", nargs="?")

    p = sub.add_parser("import-sav", help="SPSS .sav-bestanden omzetten naar een snapshot")
    p.add_argument("mapping", type=Path)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--naam", default="onderzoeksdata")

    for naam in ("report", "prepare"):
        p = sub.add_parser(naam)
        p.add_argument("--snapshot")
        p.add_argument("--regio", nargs="*", help="regio-slugs (standaard: alle 13)")
        p.add_argument("--renderer", choices=["auto", "quarto", "eigen"], default="auto")

    p = sub.add_parser("audit", help="berekende tegenover gepubliceerde waarden")
    p.add_argument("--snapshot")

    p = sub.add_parser("codeboek", help="het datacontract als pagina (HTML, PDF, CSV)")
    p.add_argument("--out", type=Path, default=PROJECT_ROOT / "_output" / "codeboek")

    p = sub.add_parser("factsheet", help="factsheet van één regio")
    p.add_argument("regio")
    p.add_argument("--snapshot")
    p.add_argument("--renderer", choices=["auto", "quarto", "eigen"], default="auto")

    args = parser.parse_args(argv)

    from analysis.snapshot import SnapshotError

    try:
        if args.opdracht == "synth":
            from analysis.synthetic import write_default_snapshot

            print(write_default_snapshot(args.out, seed=args.seed))
        elif args.opdracht == "validate":
            from analysis.snapshot import load_snapshot

            s = load_snapshot(_snapshot_pad(args.snapshot))
            print(f"Snapshot {s.pad} is geldig (sha256:{s.checksum[:12]}, {'synthetisch' if s.synthetisch else 'onderzoeksdata'}).")
        elif args.opdracht == "import-sav":
            from analysis.sav_import import import_sav

            print(import_sav(args.mapping, args.out, naam=args.naam))
        elif args.opdracht == "codeboek":
            from analysis import codeboek_pagina

            return codeboek_pagina.main(args.out)
        elif args.opdracht == "audit":
            from analysis import audit, pipeline

            return audit.main(**pipeline.audit_argumenten(_snapshot_pad(args.snapshot)))
        elif args.opdracht in ("report", "prepare", "factsheet"):
            from analysis import pipeline

            regios = _regios([args.regio] if args.opdracht == "factsheet" else args.regio)
            uit = pipeline.bouw(
                _snapshot_pad(args.snapshot), scopes=regios, rapport=args.opdracht in ("report", "prepare"),
                renderer="eigen" if args.opdracht == "prepare" else args.renderer, alleen_bronnen=args.opdracht == "prepare",
            )
            for naam, pad in uit.items():
                print(f"{naam}: {pad}")
    except SnapshotError as fout:
        print(str(fout), file=sys.stderr)
        return 2
    except KeyError as fout:
        print(f"Fout: {fout.args[0]}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
