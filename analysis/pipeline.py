"""Orchestration: snapshot → notebooks per scope → filled sources → rendered documents.

Every stage is cached on what produced it: a scope's artifacts on (snapshot checksum, code
version, parameters); a document on the hash of its filled source and every file it includes.
A re-run with nothing changed does no work; a region's page can never show another region's or
an older snapshot's numbers. Every stage writes into a temporary folder that replaces the old
one only when the stage succeeded, so a failure leaves no half-written output behind.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from analysis import render
from analysis.bronnen import boek_hoofdstukken, boek_metadata, vul_sjabloon
from analysis.codebook import load_codebook
from analysis.populatie import NEDERLAND, scope_naam
from analysis.provenance import PROJECT_ROOT, code_versie, provenance_regel
from analysis.snapshot import GEVALIDEERD, Snapshot, load_snapshot, validatie_merk, vervang_map

#: The chapter notebooks, run for every scope (papermill parameters: snapshot, regio, out).
NOTEBOOKS = sorted((PROJECT_ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
#: Parallel notebook runs (the target machine has 2 cores).
WERKERS = 2


@dataclass(frozen=True)
class Paden:
    root: Path = PROJECT_ROOT

    @property
    def artefacten(self) -> Path:
        return self.root / "_artifacts"

    @property
    def bouw(self) -> Path:
        return self.root / "build"

    @property
    def uitvoer(self) -> Path:
        return self.root / "_output"

    def scope(self, scope: str) -> Path:
        return self.artefacten / scope


def log(bericht: str) -> None:
    print(bericht, file=sys.stderr, flush=True)


def alle_scopes() -> list[str]:
    return [NEDERLAND, *load_codebook().regio_slugs]


def _lees_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


# -- stage 1: notebooks per scope ---------------------------------------------------------------
def scope_sleutel(snapshot: Snapshot, scope: str) -> dict:
    return {"snapshot": snapshot.checksum, "code": code_versie(), "regio": scope, "notebooks": [n.name for n in NOTEBOOKS]}


def _voer_uit(notebook: str, snapshot: str, scope: str, out: str) -> None:
    import papermill

    papermill.execute_notebook(
        notebook,
        str(Path(out) / "notebooks" / Path(notebook).name),
        parameters={"snapshot": snapshot, "regio": scope, "out": out},
        cwd=str(PROJECT_ROOT),
        progress_bar=False,
        log_output=False,
        kernel_name="python3",
    )


def _maak_scope(snapshot_pad: str, scope: str, doel: str, sleutel: dict) -> str:
    doel_pad = Path(doel)
    doel_pad.parent.mkdir(parents=True, exist_ok=True)
    tijdelijk = Path(tempfile.mkdtemp(prefix=f".tmp-{scope}-", dir=doel_pad.parent))
    # The parent validated this snapshot: the notebooks verify its checksums but skip validation.
    os.environ[GEVALIDEERD] = validatie_merk(sleutel["snapshot"])
    try:
        (tijdelijk / "notebooks").mkdir()
        # The kernels' own chatter (transport warnings, shutdown messages) goes to a log file
        # next to the executed notebooks instead of the terminal; errors still raise here.
        with open(tijdelijk / "notebooks" / "kernel.log", "w") as kernel_log:
            os.dup2(kernel_log.fileno(), 2)
            for nb in NOTEBOOKS:
                _voer_uit(str(nb), snapshot_pad, scope, str(tijdelijk))
        # Executed notebooks carry timings; keep them for reviewers but outside the cache key.
        (tijdelijk / "stamp.json").write_text(json.dumps(sleutel, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        vervang_map(tijdelijk, doel_pad)
    except BaseException:
        shutil.rmtree(tijdelijk, ignore_errors=True)
        raise
    return scope


def maak_artefacten(snapshot: Snapshot, scopes: list[str], paden: Paden) -> None:
    """Run every chapter notebook for every scope whose artifacts are missing or stale."""
    te_doen = [s for s in scopes if _lees_json(paden.scope(s) / "stamp.json") != scope_sleutel(snapshot, s)]
    if not te_doen:
        log(f"Notebooks: alle {len(scopes)} scopes zijn actueel (niets opnieuw berekend).")
        return
    log(f"Notebooks: {len(te_doen)} van {len(scopes)} scopes berekenen ({', '.join(te_doen)}).")
    with ProcessPoolExecutor(max_workers=min(WERKERS, len(te_doen))) as pool:
        futures = [
            pool.submit(_maak_scope, str(snapshot.pad), s, str(paden.scope(s)), scope_sleutel(snapshot, s)) for s in te_doen
        ]
        for fut in futures:
            fut.result()


# -- stage 2 and 3: fill templates, render ------------------------------------------------------
def meta_voor(snapshot: Snapshot, scope: str, titel: str, ondertitel: str = "") -> dict:
    boek = boek_metadata()
    return {
        "title": titel,
        "subtitle": ondertitel,
        "author": boek.get("author", ""),
        "date": boek.get("date", ""),
        "provenance": provenance_regel(snapshot.checksum, snapshot.synthetisch, scope_naam(scope)),
        "synthetic": snapshot.synthetisch,
        "scope_naam": scope_naam(scope),
        "lang": "nl",
    }


_INCLUDE = re.compile(r"\]\(([^)\s]+\.(?:svg|png))\)")


def bron_sleutel(bronnen: list[Path], extra: dict) -> str:
    """Hash of filled sources, every figure they include, the renderer's code and meta."""
    h = hashlib.sha256(json.dumps(extra, sort_keys=True).encode())
    h.update(code_versie().encode())
    for bron in bronnen:
        tekst = bron.read_bytes()
        h.update(tekst)
        for rel in _INCLUDE.findall(tekst.decode("utf-8")):
            h.update((bron.parent / rel).read_bytes())
    return h.hexdigest()


def quarto_beschikbaar() -> bool:
    return shutil.which("quarto") is not None


def audit_overzicht(artefacten: Path) -> dict:
    """The audit's agreement per chapter and its tolerances, formatted for the report's colofon
    (so every render states its own fidelity). Only the audit module reads published values."""
    from analysis import audit
    from analysis.formatting import getal, pct

    overzicht = audit.samenvatting(audit.audit(artefacten), audit.lees_items())
    rijen = [
        {
            "hoofdstuk": getal(r.hoofdstuk),
            "onderdelen": f"{getal(r.items_berekend)} van {getal(r.items_in_catalogus)}",
            "cellen": f"{getal(r.cellen_binnen_tolerantie)} van {getal(r.cellen_vergeleken)} ({pct(r.aandeel_binnen, 1)})"
            if r.cellen_vergeleken else "–",
        }
        for r in overzicht.itertuples()
    ]
    return {"rijen": rijen, "procentpunt": getal(audit.TOLERANTIE_PROCENTPUNT) + (" procentpunt" if audit.TOLERANTIE_PROCENTPUNT == 1 else " procentpunten"), "relatief": pct(audit.TOLERANTIE_RELATIEF)}


def maak_rapport(snapshot: Snapshot, paden: Paden, renderer: str = "auto", alleen_bronnen: bool = False) -> Path:
    """Fill the book's chapters with the national facts and render HTML + PDF."""
    artefacten = paden.scope(NEDERLAND)
    boek = boek_metadata()
    meta = meta_voor(snapshot, NEDERLAND, boek["title"], boek.get("subtitle", ""))
    extra = {"audit": audit_overzicht(artefacten)}
    bronnen = []
    for hoofdstuk in boek_hoofdstukken():
        doel = paden.root / hoofdstuk
        sjabloon = Path(hoofdstuk).name
        bronnen.append(vul_sjabloon(sjabloon, doel, artefacten=artefacten, meta=meta, extra=extra))
    if alleen_bronnen:
        return bronnen[0].parent
    uit = paden.uitvoer / "rapport"
    sleutel = bron_sleutel(bronnen, meta)
    stempel = paden.uitvoer / ".stamps" / "rapport"
    if uit.exists() and stempel.exists() and stempel.read_text() == sleutel:
        log("Rapport: actueel (niet opnieuw opgemaakt).")
        return uit
    if renderer == "quarto" or (renderer == "auto" and quarto_beschikbaar()):
        subprocess.run(["quarto", "render", "--to", "html"], cwd=paden.root, check=True)
        subprocess.run(["quarto", "render", "--to", "typst"], cwd=paden.root, check=True)
    else:
        render.render_book(bronnen, meta, uit, pdf_name="rapport.pdf")
    stempel.parent.mkdir(parents=True, exist_ok=True)
    stempel.write_text(sleutel)
    log(f"Rapport: {uit}")
    return uit


def maak_factsheet(snapshot: Snapshot, scope: str, paden: Paden, renderer: str = "auto", alleen_bronnen: bool = False) -> Path:
    """Fill the factsheet template for one region (next to the national facts) and render it."""
    naam = scope_naam(scope)
    meta = meta_voor(snapshot, scope, f"Factsheet {naam}", "Kwestie van lange adem — geweld in gezinnen na een melding bij Veilig Thuis")
    bron = vul_sjabloon(
        "factsheet.qmd", paden.bouw / "factsheets" / f"{scope}.qmd",
        artefacten=paden.scope(scope), nationaal=paden.scope(NEDERLAND), meta=meta,
    )
    if alleen_bronnen:
        return bron
    uit = paden.uitvoer / "factsheets"
    html, pdf = uit / f"{scope}.html", uit / f"{scope}.pdf"
    sleutel = bron_sleutel([bron], meta)
    stempel = paden.uitvoer / ".stamps" / f"factsheet-{scope}"
    if html.exists() and pdf.exists() and stempel.exists() and stempel.read_text() == sleutel:
        return html
    if renderer == "quarto" or (renderer == "auto" and quarto_beschikbaar()):
        for fmt in ("html", "typst"):
            subprocess.run(["quarto", "render", str(bron), "--to", fmt, "--output-dir", str(uit)], cwd=paden.root, check=True)
    else:
        render.render_document(bron, meta, html, pdf)
    stempel.parent.mkdir(parents=True, exist_ok=True)
    stempel.write_text(sleutel)
    return html


def bouw(snapshot_pad: Path, *, scopes: list[str] | None = None, rapport: bool = True, renderer: str = "auto",
         alleen_bronnen: bool = False, paden: Paden = Paden()) -> dict[str, Path]:
    """The whole build. Validates the snapshot first: an invalid one stops everything before
    any output is touched (raises :class:`analysis.snapshot.SnapshotError`)."""
    snapshot = load_snapshot(snapshot_pad)
    regios = load_codebook().regio_slugs if scopes is None else [s for s in scopes if s != NEDERLAND]
    maak_artefacten(snapshot, [NEDERLAND, *regios], paden)
    uit: dict[str, Path] = {}
    if rapport:
        uit["rapport"] = maak_rapport(snapshot, paden, renderer, alleen_bronnen)
    for regio in regios:
        uit[regio] = maak_factsheet(snapshot, regio, paden, renderer, alleen_bronnen)
    if regios and not alleen_bronnen:
        log(f"Factsheets: {len(regios)} in {paden.uitvoer / 'factsheets'}")
    return uit


def audit_argumenten(snapshot_pad: Path, paden: Paden = Paden()) -> dict:
    """Arguments for :func:`analysis.audit.main`: the national artifacts (made or refreshed
    first, so the audit always compares the current snapshot and code) and ``_output/audit``."""
    snapshot = load_snapshot(snapshot_pad)
    maak_artefacten(snapshot, [NEDERLAND], paden)
    return {
        "artefacten": paden.scope(NEDERLAND),
        "uit": paden.uitvoer / "audit",
        "provenance": provenance_regel(snapshot.checksum, snapshot.synthetisch, scope_naam(NEDERLAND)),
        "synthetic": snapshot.synthetisch,
    }
