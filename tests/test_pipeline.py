"""End to end: synthetic snapshot → notebooks (nation + two regions) → report and factsheets.

One build in a temporary project root is shared by the tests of this module; it is the full
render CI must run at least once (marker ``e2e``; it takes well under a minute).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import pipeline
from analysis.disclosure import MINIMUM_CELGROOTTE
from analysis.pipeline import Paden
from analysis.provenance import PROJECT_ROOT
from analysis.snapshot import SnapshotError, load_snapshot
from analysis.synthetic import write_default_snapshot

pytestmark = pytest.mark.e2e
from conftest import E2E_REGIOS as REGIOS  # noqa: E402


def _bestanden(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def snapshot(e2e_snapshot) -> Path:
    return e2e_snapshot


@pytest.fixture
def gebouwd(e2e_gebouwd):
    return e2e_gebouwd


def test_build_produces_report_and_factsheets(gebouwd):
    paden, uit = gebouwd
    rapport = paden.uitvoer / "rapport"
    assert (rapport / "index.html").is_file() and (rapport / "rapport.pdf").read_bytes().startswith(b"%PDF")
    for regio in REGIOS:
        assert (paden.uitvoer / "factsheets" / f"{regio}.html").is_file()
        assert (paden.uitvoer / "factsheets" / f"{regio}.pdf").read_bytes().startswith(b"%PDF")
    html = (rapport / "index.html").read_text(encoding="utf-8")
    # Cross-references render as Quarto's Dutch strings with the report's numbering.
    assert "Figuur 4.1" in html and "Tabel 4.1" in html and "Paragraaf 2.1" in html
    assert "@fig-" not in html and "@tbl-" not in html and "{{" not in html


def test_every_page_says_synthetic_and_carries_provenance(gebouwd, snapshot):
    paden, _ = gebouwd
    checksum = load_snapshot(snapshot).checksum
    for html in [paden.uitvoer / "rapport" / "index.html", *(paden.uitvoer / "factsheets").glob("*.html")]:
        tekst = html.read_text(encoding="utf-8")
        assert "Synthetische data" in tekst
        assert f"sha256:{checksum[:12]}" in tekst
    if shutil.which("pdftotext"):
        for pdf in [paden.uitvoer / "rapport" / "rapport.pdf", *(paden.uitvoer / "factsheets").glob("*.pdf")]:
            pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split("\f")
            pages = [p for p in pages if p.strip()]
            assert pages and all("Synthetische data" in p and f"sha256:{checksum[:12]}" in p for p in pages), pdf.name


def test_second_run_does_no_work(gebouwd, snapshot, capsys):
    paden, _ = gebouwd
    before = {p: p.stat().st_mtime_ns for p in paden.uitvoer.rglob("*") if p.is_file()}
    stamps = {p: p.stat().st_mtime_ns for p in paden.artefacten.rglob("stamp.json")}
    pipeline.bouw(snapshot, scopes=REGIOS, renderer="eigen", paden=paden)
    assert {p: p.stat().st_mtime_ns for p in paden.uitvoer.rglob("*") if p.is_file()} == before
    assert {p: p.stat().st_mtime_ns for p in paden.artefacten.rglob("stamp.json")} == stamps
    assert "actueel" in capsys.readouterr().err


def test_rebuild_from_scratch_is_byte_identical(gebouwd, snapshot, tmp_path):
    paden, _ = gebouwd
    tweede = Paden(root=tmp_path)
    # The nation and the report only (a region's notebooks are the same code with other rows).
    pipeline.bouw(snapshot, scopes=[], renderer="eigen", paden=tweede)
    eerste_html = (paden.uitvoer / "rapport" / "index.html").read_bytes()
    assert (tweede.uitvoer / "rapport" / "index.html").read_bytes() == eerste_html
    assert (tweede.uitvoer / "rapport" / "rapport.pdf").read_bytes() == (paden.uitvoer / "rapport" / "rapport.pdf").read_bytes()
    for soort in ("tables", "figures", "facts"):
        assert _bestanden(tweede.scope("nederland") / soort) == _bestanden(paden.scope("nederland") / soort)


def test_regional_artifacts_obey_the_small_cell_rule(gebouwd):
    paden, _ = gebouwd
    for regio in REGIOS:
        verdeling = pd.read_csv(paden.scope(regio) / "figures" / "figuur-4.1.csv")
        getoond = verdeling[verdeling["aandeel"].notna()]
        assert (getoond["aantal"] >= MINIMUM_CELGROOTTE).all()
        assert ((getoond["n"] - getoond["aantal"]) >= MINIMUM_CELGROOTTE).all()
        # Per wave never exactly one hidden share (it could be recomputed from the others).
        verborgen = verdeling[verdeling["aandeel"].isna()].groupby("meting").size()
        assert not (verborgen == 1).any()
        cellen = pd.read_csv(paden.scope(regio) / "tables" / "tabel-4.1.csv")
        getoond = cellen[cellen["aandeel"].notna()]
        assert ((getoond["aantal"] >= MINIMUM_CELGROOTTE) & (getoond["n"] - getoond["aantal"] >= MINIMUM_CELGROOTTE)).all()


def test_factsheet_shows_region_next_to_nation(gebouwd):
    paden, _ = gebouwd
    regio = json.loads((paden.scope("utrecht") / "facts" / "h04.json").read_text(encoding="utf-8"))
    nl = json.loads((paden.scope("nederland") / "facts" / "h04.json").read_text(encoding="utf-8"))
    html = (paden.uitvoer / "factsheets" / "utrecht.html").read_text(encoding="utf-8")
    assert "Utrecht" in html and "Tabel 1" in html and "Figuur 1" in html
    assert nl["categorie"]["geen"]["T2"] in html and regio["n_gezinnen"] in html
    # The key figures of parents, children and risk factors, region next to nation.
    nl5 = json.loads((paden.scope("nederland") / "facts" / "h05.json").read_text(encoding="utf-8"))
    nl6 = json.loads((paden.scope("nederland") / "facts" / "h06.json").read_text(encoding="utf-8"))
    assert "Tabel 2" in html and "Kerncijfers" in html
    assert nl5["opvoeding"]["opvoedstress"]["T0"] in html and nl6["uitkomsten"]["getraumatiseerd"]["T0"] in html


def _kapot(snapshot: Path, doel: Path, tabel: str, wijzig) -> Path:
    """A copy of the snapshot with one table changed (and a manifest that matches it)."""
    s = load_snapshot(snapshot)
    tabellen = dict(s.tabellen)
    tabellen[tabel] = wijzig(tabellen[tabel].copy())
    shutil.copytree(snapshot, doel)
    from analysis.provenance import sha256_bestand

    pad = doel / f"{tabel}.parquet"
    tabellen[tabel].to_parquet(pad, index=False)
    manifest = json.loads((doel / "manifest.json").read_text())
    manifest["bestanden"][pad.name] = {"rijen": len(tabellen[tabel]), "sha256": sha256_bestand(pad)}
    (doel / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return doel


def _buiten_bereik(df: pd.DataFrame) -> pd.DataFrame:
    df.loc[df.index[[3, 16]], "cts2_05_dader"] = 9
    return df


@pytest.mark.parametrize(
    "tabel, wijzig, verwacht",
    [
        ("cts2", _buiten_bereik, ["cts2.parquet", "cts2_05_dader", "buiten bereik", "rij 4, 17"]),
        ("ouders", lambda df: df.drop(columns=["geslacht"]), ["ouders.parquet", "geslacht", "ontbrekende kolom"]),
    ],
)
def test_bad_snapshot_stops_the_build_and_writes_nothing(gebouwd, snapshot, tmp_path, tabel, wijzig, verwacht):
    paden, _ = gebouwd
    kapot = _kapot(snapshot, tmp_path / "kapot", tabel, wijzig)
    voor = _bestanden(paden.root)
    with pytest.raises(SnapshotError) as fout:
        pipeline.bouw(kapot, scopes=REGIOS, renderer="eigen", paden=paden)
    for stuk in verwacht:
        assert stuk in str(fout.value)
    assert _bestanden(paden.root) == voor
    # The command line: a clear message on stderr and exit code 2, nothing written.
    proc = subprocess.run(
        [sys.executable, "-m", "analysis", "report", "--snapshot", str(kapot), "--renderer", "eigen"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)},
    )
    assert proc.returncode == 2
    assert all(stuk in proc.stderr for stuk in verwacht) and "Er is niets gemaakt" in proc.stderr


def test_colofon_states_the_audit_agreement(gebouwd):
    paden, _ = gebouwd
    index = (paden.root / "build" / "rapport" / "index.qmd").read_text(encoding="utf-8")
    from analysis import audit

    overzicht = audit.samenvatting(audit.audit(paden.scope("nederland")), audit.lees_items()).set_index("hoofdstuk")
    h4 = {k: int(v) for k, v in overzicht.loc[4].items() if k != "aandeel_binnen"}
    assert h4["cellen_vergeleken"] > 0
    assert (
        f"| 4 | {h4['items_berekend']} van {h4['items_in_catalogus']} | "
        f"{h4['cellen_binnen_tolerantie']} van {h4['cellen_vergeleken']} (" in index
    )


def test_prepare_fills_the_quarto_sources_without_rendering(gebouwd, snapshot, tmp_path):
    """Quarto's pre-render step: notebooks and filled chapter sources, no rendered output.
    (The national artifacts of the shared build are reused: they are cached on snapshot + code.)"""
    paden = Paden(root=tmp_path)
    shutil.copytree(gebouwd[0].scope("nederland"), paden.scope("nederland"))
    pipeline.bouw(snapshot, scopes=[], renderer="eigen", alleen_bronnen=True, paden=paden)
    from analysis.bronnen import boek_hoofdstukken

    for hoofdstuk in boek_hoofdstukken():
        tekst = (tmp_path / hoofdstuk).read_text(encoding="utf-8")
        assert "{{" not in tekst and "{%" not in tekst
    assert not paden.uitvoer.exists()


# -- every catalogue item in the report --------------------------------------------------------
#: Chapters whose every table and figure of the report's catalogue must be in the rendered report:
#: all of chapters 3-9 (issues 5, 6 and 7).
VOLLEDIGE_HOOFDSTUKKEN = (3, 4, 5, 6, 7, 8, 9)
CATALOGUS_MAP = PROJECT_ROOT / "analysis" / "gepubliceerd"


def _catalogus_items(hoofdstuk: int) -> list[str]:
    """Item ids of a chapter as the published report numbers them (panels a/b share one artifact:
    ``figuur-4.3a`` and ``figuur-4.3b`` are both in ``figuur-4.3``)."""
    inhoud = json.loads((CATALOGUS_MAP / f"hoofdstuk_{hoofdstuk:02d}.json").read_text(encoding="utf-8"))
    return list(dict.fromkeys(it["id"].rstrip("ab") for it in inhoud["items"]))


def _rapport_elementen(html: str) -> dict[str, tuple[str, str]]:
    """Label → (caption number as rendered, e.g. "Figuur 4.3"; artifact behind it) of every
    numbered figure and table in the report HTML."""
    import re

    uit = {}
    for label, blok in re.findall(r'<figure id="([^"]+)"[^>]*>(.*?)</figure>', html, flags=re.S):
        nummer = re.search(r"<figcaption>(Figuur \d+\.\d+)", blok)
        bron = re.search(r'src="figuren/(figuur-\d+-\d+)-[0-9a-f]+\.', blok)
        uit[label] = (nummer.group(1) if nummer else "", bron.group(1) if bron else "")
    for label, caption in re.findall(r'<table id="([^"]+)"[^>]*>\s*<caption>(Tabel \d+\.\d+)', html):
        uit[label] = (caption, "")
    return uit


def test_report_holds_every_catalogue_item_with_its_number(gebouwd):
    """Every table and figure of the catalogue's chapters 3-9 is computed, rendered with the
    report's own number and cross-referenced from the prose; the rendered number is that of the
    artifact (so numbering cannot drift when an item is added or left out)."""
    paden, _ = gebouwd
    html = (paden.uitvoer / "rapport" / "index.html").read_text(encoding="utf-8")
    elementen = _rapport_elementen(html)
    artefacten = {}
    for soort in ("figures", "tables"):
        for meta in sorted((paden.artefacten / "nederland" / soort).glob("*.json")):
            inhoud = json.loads(meta.read_text(encoding="utf-8"))
            if "label" in inhoud and "id" in inhoud:
                artefacten[inhoud["label"]] = inhoud["id"]
    gerenderd = {}
    for label, (nummer, bron) in elementen.items():
        assert label in artefacten, f"{nummer} ({label}) heeft geen artefact"
        item = artefacten[label]
        verwacht = ("Figuur " if item.startswith("figuur") else "Tabel ") + item.split("-", 1)[1]
        assert nummer == verwacht, f"{label}: gerenderd als {nummer}, artefact {item}"
        if bron:
            assert bron == item.replace(".", "-")
        assert f'href="#{label}"' in html, f"{nummer} wordt in de tekst niet genoemd"
        gerenderd[item] = label
    ontbreekt = {h: [i for i in _catalogus_items(h) if i not in gerenderd] for h in range(3, 10)}
    for h in VOLLEDIGE_HOOFDSTUKKEN:
        assert ontbreekt[h] == [], f"hoofdstuk {h}: ontbreekt in het rapport: {', '.join(ontbreekt[h])}"
