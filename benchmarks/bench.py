"""Speed and memory of the pipeline's stages (targets from the issues; not run by the tests).

    .venv/bin/python benchmarks/bench.py            # stages on the synthetic snapshot
    .venv/bin/python benchmarks/bench.py --volledig  # plus a full build in a temporary root

Targets: generate + write the synthetic snapshot < 30 s; load + validate < 2 s; scoring the
whole snapshot < 2 s; a second `make report` with nothing changed does no work.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import tracemalloc
from pathlib import Path

DOELEN = {"synthetische snapshot": 30.0, "laden en valideren": 2.0, "scoren (geweld)": 2.0,
          "scoren (ouderinstrumenten)": 2.0,
          "scoren (kinderinstrumenten)": 2.0, "scoren (hulp)": 2.0, "laden in een notebook (al gevalideerd)": 1.0}


def meet(naam: str, fn):
    """Time one run (without tracing, which would slow it down), then a traced run for memory."""
    t0 = time.perf_counter()
    uit = fn()
    duur = time.perf_counter() - t0
    tracemalloc.start()
    fn()
    _, piek = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    doel = DOELEN.get(naam)
    oordeel = "" if doel is None else ("ok" if duur < doel else f"TE TRAAG (doel < {doel:g} s)")
    print(f"{naam:28s} {duur:7.2f} s   piek {piek / 2**20:7.1f} MiB   {oordeel}")
    return uit


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--volledig", action="store_true", help="ook een volledige build meten")
    args = parser.parse_args()

    from analysis import scoring
    from analysis.snapshot import load_snapshot
    from analysis.synthetic import write_default_snapshot

    with tempfile.TemporaryDirectory() as tmp:
        pad = meet("synthetische snapshot", lambda: write_default_snapshot(Path(tmp) / "synthetisch"))
        s = meet("laden en valideren", lambda: load_snapshot(pad))
        import os

        from analysis.snapshot import GEVALIDEERD, validatie_merk

        os.environ[GEVALIDEERD] = validatie_merk(s.checksum)
        meet("laden in een notebook (al gevalideerd)", lambda: load_snapshot(pad))
        del os.environ[GEVALIDEERD]
        t = s.tabellen
        meet(
            "scoren (geweld)",
            lambda: (
                scoring.partnergeweld_gezin(t["cts2"], t["ouders"]),
                scoring.kindermishandeling_gezin(t["ctspc_ouder"], t["kinderen"]),
                scoring.partnergeweld_vormen_ouder(t["cts2"]),
            ),
        )
        from analysis import risicofactoren, scoring_ouders

        meet("scoren (ouderinstrumenten)",
             lambda: (scoring_ouders.scores_ouders(t), scoring_ouders.scores_referentie(t), risicofactoren.risicofactoren(t)))
        from analysis import scoring_hulp, scoring_kinderen

        meet("scoren (kinderinstrumenten)",
             lambda: (scoring_kinderen.kind_scores(t), scoring_kinderen.referentie_kind_scores(t)))
        meet("scoren (hulp)", lambda: scoring_hulp.hulpcategorieen(scoring_hulp.ontvangen_periode(
            scoring_hulp.ontvangen_per_meting(t["ips_ouder"], "ips_ouder"))))
        if args.volledig:
            from analysis import pipeline

            paden = pipeline.Paden(root=Path(tmp) / "project")
            t0 = time.perf_counter()
            pipeline.bouw(pad, renderer="eigen", paden=paden)
            print(f"{'volledige build (14 scopes)':28s} {time.perf_counter() - t0:7.2f} s")
            t0 = time.perf_counter()
            pipeline.bouw(pad, renderer="eigen", paden=paden)
            print(f"{'tweede build (niets nieuw)':28s} {time.perf_counter() - t0:7.2f} s")


if __name__ == "__main__":
    main()
