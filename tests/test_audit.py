"""Tests for analysis.audit: parsing printed values, tolerances, the item mappings, the
published data against the catalogue, and that the published values never feed the analysis."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pandas as pd
import pytest

from analysis import audit
from analysis.audit import (
    BINNEN,
    BUITEN,
    GEEN_BEREKENING,
    NIET_NUMERIEK,
    NOG_NIET,
    TOLERANTIE_PROCENTPUNT,
    TOLERANTIE_RELATIEF,
    decimalen,
    parse_gepubliceerd,
    samenvatting,
    tolerantie,
    vergelijk,
)
from analysis.koppelingen.h04 import (
    koppel_figuur_4_1,
    koppel_figuur_4_2,
    koppel_figuur_4_3a,
    koppel_figuur_4_3b,
    koppel_tabel_4_1,
)

ROOT = Path(__file__).resolve().parents[1]
CATALOGUS = ROOT.parent / "shared" / "reference" / "catalogue"


# -- parser -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "tekst, waarde",
    [
        ("12,4%", 12.4),
        ("82%", 82.0),
        ("1.024", 1024.0),
        ("1024", 1024.0),
        ("1.150.000", 1150000.0),
        ("2,08", 2.08),
        ("78.5%", 78.5),  # misprinted decimal point
        ("8.1", 8.1),
        (".68", 0.68),
        ("55,0%*", 55.0),
        ("37**", 37.0),
        ("50,7*", 50.7),
        ("9,6 jaar", 9.6),
        ("60 (Zestig)", 60.0),
        ("0", 0.0),
        (" 7% ", 7.0),
    ],
)
def test_parse_getallen(tekst, waarde):
    assert parse_gepubliceerd(tekst) == pytest.approx(waarde)


@pytest.mark.parametrize("tekst", ["η2=.19", "η2=.06 p<.001", "ns", "Onb.", "25-150", "ruim 60%", "", None, "bijna 80"])
def test_parse_slaat_niet_getallen_over(tekst):
    assert parse_gepubliceerd(tekst) is None


def test_decimalen():
    assert decimalen("12,4%") == 1
    assert decimalen("1.024") == 0
    assert decimalen("2,08") == 2
    assert decimalen("7.0") == 1
    assert decimalen("82%") == 0


# -- tolerances and comparison ------------------------------------------------------------------
def test_tolerantie_constanten():
    assert TOLERANTIE_PROCENTPUNT == 2
    assert TOLERANTIE_RELATIEF == 0.05
    assert tolerantie("%", 7.0, "7%") == 2
    assert tolerantie("gemiddelde", 70.0, "70") == pytest.approx(3.5)
    assert tolerantie("aantal", 576.0, "576") == 0
    # a mean that prints as the published one always agrees: half a unit of the last digit
    assert tolerantie("gemiddelde", 2.0, "2") == 0.5
    assert tolerantie("toets", None, "ns") is None


def _cellen(rijen):
    return pd.DataFrame(rijen, columns=["hoofdstuk", "item", "rij", "kolom", "eenheid", "gepubliceerd", "waarde", "berekend"])


def test_vergelijk_percentages_afronding():
    df = vergelijk(
        _cellen([
            (4, "x", "a", "T0", "%", "7%", 7.0, 100 * 0.0649),   # 6,49 prints as 6%: within 2 points
            (4, "x", "b", "T0", "%", "7%", 7.0, 100 * 0.05),     # exactly 2 points: within
            (4, "x", "c", "T0", "%", "7%", 7.0, 100 * 0.0449),   # 2,51 points: outside
            (4, "x", "d", "T0", "%", "12,4%", 12.4, 100 * 0.145),  # 2,1 points: outside
            (4, "x", "e", "T0", "%", "82%", 82.0, 100 * 0.7969),  # 2,31 points: outside
        ]),
        {"x"},
    )
    assert list(df["status"]) == [BINNEN, BINNEN, BUITEN, BUITEN, BUITEN]
    assert df.loc[0, "verschil"] == pytest.approx(-0.51)
    assert bool(df.loc[0, "binnen_tolerantie"]) is True
    assert bool(df.loc[2, "binnen_tolerantie"]) is False


def test_vergelijk_gemiddelden_aantallen_en_status():
    df = vergelijk(
        _cellen([
            (4, "x", "gem", "T0", "gemiddelde", "70", 70.0, 73.4),   # 4,9% relative: within
            (4, "x", "gem2", "T0", "gemiddelde", "70", 70.0, 73.6),  # 5,1%: outside
            (4, "x", "klein", "T0", "gemiddelde", "2", 2.0, 2.4),    # prints as "2": within
            (3, "y", "n", "T0", "aantal", "576", 576.0, 576.0),      # design count: exact
            (3, "y", "n2", "T0", "aantal", "1.024", 1024.0, 1023.0),  # off by one: outside
            (3, "y", "sig", "", "toets", "ns", None, 1.0),            # not a number
            (3, "y", "leeg", "T1", "%", "5%", 5.0, math.nan),         # nothing computed
            (5, "z", "r", "T0", "%", "5%", 5.0, math.nan),            # item not computed
        ]),
        {"x", "y"},
    )
    assert list(df["status"]) == [BINNEN, BUITEN, BINNEN, BINNEN, BUITEN, NIET_NUMERIEK, GEEN_BEREKENING, NOG_NIET]
    assert df["binnen_tolerantie"].isna().tolist() == [False] * 5 + [True] * 3
    for kolom in ["item", "rij", "kolom", "gepubliceerd", "berekend", "verschil", "binnen_tolerantie", "reden"]:
        assert kolom in df.columns


def test_samenvatting_per_hoofdstuk():
    df = vergelijk(
        _cellen([
            (4, "x", "a", "T0", "%", "7%", 7.0, 6.49),
            (4, "x", "b", "T0", "%", "7%", 7.0, 12.0),
            (4, "w", "c", "T0", "%", "9%", 9.0, math.nan),
            (5, "z", "d", "T0", "%", "5%", 5.0, math.nan),
        ]),
        {"x"},
    )
    items = pd.DataFrame({"hoofdstuk": [4, 4, 4, 5], "item": ["x", "w", "v", "z"]})
    s = samenvatting(df, items).set_index("hoofdstuk")
    assert s.loc[4, "items_in_catalogus"] == 3
    assert s.loc[4, "items_berekend"] == 1
    assert s.loc[4, "cellen_gepubliceerd"] == 3
    assert s.loc[4, "cellen_vergeleken"] == 2
    assert s.loc[4, "cellen_binnen_tolerantie"] == 1
    assert s.loc[4, "aandeel_binnen"] == pytest.approx(0.5)
    assert s.loc[5, "items_berekend"] == 0 and math.isnan(s.loc[5, "aandeel_binnen"])
    assert s.loc[4, "cellen_inconsistent"] == 0 and s.loc[4, "cellen_consistent"] == 2


def test_samenvatting_laat_tegenstrijdige_cellen_buiten_de_consistente_noemer():
    """A printed value that contradicts the report (a reden) is still compared and shown, but the
    agreement over consistent cells leaves it out: 1 of 2 consistent cells agree, not 1 of 3."""
    cellen = _cellen([
        (4, "x", "a", "T0", "%", "7%", 7.0, 6.49),      # within, consistent
        (4, "x", "b", "T0", "%", "7%", 7.0, 12.0),      # outside, consistent
        (4, "x", "c", "T1", "%", "531", 531.0, 331.0),  # outside, contradicts the report itself
        (4, "x", "d", "T2", "%", "9%", 9.0, 9.5),       # within, but inconsistent: still counted apart
    ])
    cellen["reden"] = ["", "", "Rij telt niet op", "Tekst en tabel verschillen"]
    df = vergelijk(cellen, {"x"})
    assert list(df["status"]) == [BINNEN, audit.BUITEN, audit.BUITEN, BINNEN]
    assert df.loc[2, "reden"] == "Rij telt niet op"
    s = samenvatting(df).set_index("hoofdstuk")
    assert s.loc[4, "cellen_vergeleken"] == 4 and s.loc[4, "cellen_binnen_tolerantie"] == 2
    assert s.loc[4, "cellen_inconsistent"] == 2 and s.loc[4, "cellen_consistent"] == 2
    assert s.loc[4, "consistent_binnen_tolerantie"] == 1
    assert s.loc[4, "aandeel_consistent_binnen"] == pytest.approx(0.5)
    items = pd.DataFrame({"hoofdstuk": [4], "item": ["x"], "soort": ["table"], "bijschrift": ["T"], "noten": [""], "n_cellen": [4]})
    qmd = audit.audit_qmd(df, samenvatting(df, items), items)
    assert "Tegenstrijdig gedrukt" in qmd and "1 van 2 (50,0%)" in qmd


# -- mappings -----------------------------------------------------------------------------------
def test_koppel_figuur_4_1():
    verdeling = pd.DataFrame({
        "meting": ["T0", "T0", "T0", "T2", "T2", "T2"],
        "categorie": ["geen", "mild", "ernstig"] * 2,
        "aandeel": [0.0649, 0.12, 0.8151, 0.29, float("nan"), 0.53],
    })
    cellen = pd.DataFrame({
        "rij": ["geen geweld (geweld gestopt)", "matig geweld", "veel/ernstig geweld (ernstig en veelvuldig)", "matig geweld"],
        "kolom": ["T0", "T0", "T0", "T2"],
    }, index=[10, 11, 12, 13])
    uit = koppel_figuur_4_1(verdeling, cellen)
    assert list(uit.index) == [10, 11, 12, 13]
    assert uit[10] == pytest.approx(6.49)
    assert uit[11] == pytest.approx(12.0)
    assert uit[12] == pytest.approx(81.51)
    assert math.isnan(uit[13])  # hidden (small cell) → no computed value


def test_koppel_tabel_4_1_rijen_op_label_onder_groepskop():
    berekend = pd.DataFrame([
        {"perspectief": p, "vorm": v, "geslacht": g, "aandeel": a}
        for (p, v, g, a) in [
            ("slachtoffer", "psychisch", "man", 0.80), ("slachtoffer", "fysiek", "vrouw", 0.51),
            ("dader", "psychisch", "man", 0.74), ("dader", "fysiek", "vrouw", 0.30),
        ]
    ])
    cellen = pd.DataFrame({
        "groep": ["Slachtoffer van geweld partner", "Slachtoffer van geweld partner",
                  "Dader zelf geweld tegen (ex)partner", "Dader zelf geweld tegen (ex)partner"],
        "rij": ["Psychisch geweld", "Fysiek geweld**", "Psychisch geweld", "Fysiek geweld"],
        "kolom": ["Man N=161", "Vrouw N=472", "Man N=161", "Vrouw N=472"],
    })
    uit = koppel_tabel_4_1(berekend, cellen)
    assert list(uit) == pytest.approx([80.0, 51.0, 74.0, 30.0])


def test_koppel_figuur_4_2():
    verdeling = pd.DataFrame({
        "meting": ["T0"] * 3 + ["T2"] * 3,
        "categorie": ["geen", "mild", "ernstig"] * 2,
        "aandeel": [0.19, 0.16, 0.65, 0.49, 0.19, 0.32],
    })
    cellen = pd.DataFrame({
        "rij": ["frequent of ernstig partnergeweld", "frequent of ernstig partnergeweld", "geen partnergeweld", "matig partnergeweld"],
        "kolom": ["T0", "T2", "T2", "T0"],
    })
    assert list(koppel_figuur_4_2(verdeling, cellen)) == pytest.approx([65.0, 32.0, 49.0, 16.0])


def test_koppel_figuur_4_3_per_geslacht_en_t1_of_t2_is_t2():
    rijen = []
    for p, basis in (("slachtoffer", 0.0), ("dader", 0.5)):
        for g, extra in (("man", 0.0), ("vrouw", 0.2)):
            for m, stap in (("T0", 0.3), ("T1", 0.2), ("T2", 0.1)):
                for k, v in enumerate(("psychisch", "fysiek", "verwonding", "seksueel")):
                    rijen.append({"perspectief": p, "geslacht": g, "meting": m, "vorm": v, "aandeel": basis + extra + stap - 0.01 * k})
    data = pd.DataFrame(rijen)
    cellen = pd.DataFrame({
        "rij": ["psychisch geweld", "fysiek geweld", "letsel/verwondingen", "seksueel misbruik"],
        "kolom": ["T1_of_T2", "T1_of_T2", "T1_of_T2", "T0"],
    })
    # slachtoffer: man = stap - 0.01k, vrouw = 0.2 + stap - 0.01k; T1_of_T2 read as T2 (stap 0.1)
    assert list(koppel_figuur_4_3a(data, cellen)) == pytest.approx([10.0, 9.0, 8.0, 27.0])
    assert list(koppel_figuur_4_3b(data, cellen)) == pytest.approx([30.0, 29.0, 28.0, 47.0])


def test_registry_bevat_hoofdstuk_4():
    assert {"figuur-4.1", "tabel-4.1", "figuur-4.2", "figuur-4.3a", "figuur-4.3b", "figuur-4.4a", "figuur-4.4b"} <= set(audit.KOPPELINGEN)
    for item, kop in audit.KOPPELINGEN.items():
        assert re.fullmatch(r"(tabel|figuur)-\d+\.\d+[a-z]?", item)
        assert callable(kop.functie)


def test_audit_op_artefacten(tmp_path):
    """The whole audit on hand-made artifacts of the computed chapter-4 items."""
    (tmp_path / "figures").mkdir()
    (tmp_path / "tables").mkdir()
    pd.DataFrame({
        "meting": ["T0"] * 3 + ["T1"] * 3 + ["T2"] * 3,
        "categorie": ["geen", "mild", "ernstig"] * 3,
        "aandeel": [0.07, 0.12, 0.81, 0.2, 0.2, 0.6, 0.29, 0.17, 0.54],
    }).to_csv(tmp_path / "figures" / "figuur-4.1.csv", index=False)
    rijen = []
    for p in ("slachtoffer", "dader"):
        for v in ("psychisch", "fysiek", "verwonding", "seksueel"):
            for g in ("man", "vrouw"):
                rijen.append({"perspectief": p, "vorm": v, "geslacht": g, "aandeel": 0.5})
    pd.DataFrame(rijen).to_csv(tmp_path / "tables" / "tabel-4.1.csv", index=False)
    pd.DataFrame({
        "meting": ["T0"] * 3 + ["T2"] * 3, "categorie": ["geen", "mild", "ernstig"] * 2,
        "aandeel": [0.19, 0.16, 0.65, 0.49, 0.19, 0.32],
    }).to_csv(tmp_path / "figures" / "figuur-4.2.csv", index=False)
    vormen = pd.DataFrame([
        {"perspectief": p, "geslacht": g, "meting": m, "vorm": v, "aandeel": 0.1}
        for p in ("slachtoffer", "dader") for g in ("man", "vrouw") for m in ("T0", "T1", "T2")
        for v in ("psychisch", "fysiek", "verwonding", "seksueel")
    ])
    vormen[vormen["perspectief"] == "slachtoffer"].to_csv(tmp_path / "figures" / "figuur-4.3.csv", index=False)
    vormen[vormen["perspectief"] == "dader"].to_csv(tmp_path / "figures" / "figuur-4.4.csv", index=False)
    pd.DataFrame({"groep": ["gezinnen", "ouders"], "kolom": ["T0", "T0"], "aantal": [1024, 1149]}).to_csv(
        tmp_path / "tables" / "tabel-3.2.csv", index=False)
    pd.DataFrame({"regio": ["Utrecht"], "soort": ["regio"], "kenmerk": ["gezinnen"], "aantal": [62], "toonbaar": [True]}).to_csv(
        tmp_path / "tables" / "tabel-3.1.csv", index=False)
    # Only the mappings of the items made above (each chapter's own tests cover the rest).
    getest = {"tabel-3.1", "tabel-3.2", "figuur-4.1", "tabel-4.1", "figuur-4.2", "figuur-4.3a", "figuur-4.3b",
              "figuur-4.4a", "figuur-4.4b"}
    koppelingen = {k: v for k, v in audit.KOPPELINGEN.items() if k in getest}
    assert set(koppelingen) == getest
    df = audit.audit(tmp_path, koppelingen=koppelingen)
    t32 = df[df["item"] == "tabel-3.2"].set_index(["rij", "kolom"])["status"]
    assert t32[("Gezinnen", "T0")] == BINNEN and t32[("Ouders", "T0")] == audit.BUITEN  # design counts: exact
    t31 = df[df["item"] == "tabel-3.1"].set_index(["rij", "kolom"])["status"]
    assert t31[("Utrecht", "Aantal gezinnen")] == BINNEN
    assert (df.loc[df["item"] == "figuur-4.2", "status"] == BINNEN).all()
    assert df.loc[df["item"].isin(["figuur-4.3a", "figuur-4.3b"]), "berekend"].eq(10.0).all()
    assert (df.loc[df["item"].isin(["figuur-4.4a", "figuur-4.4b"]), "status"] == audit.GEEN_WAARDEN).all()
    fig = df[df["item"] == "figuur-4.1"]
    assert len(fig) == 6 and (fig["status"] == BINNEN).all()
    tab = df[df["item"] == "tabel-4.1"]
    assert len(tab) == 16 and tab["berekend"].eq(50.0).all()
    # the T0 'geen geweld' cell carries the catalogue's reason (7% vs 6% elsewhere)
    geen_t0 = fig[(fig["kolom"] == "T0") & fig["rij"].str.startswith("geen")]
    assert "Tegenstrijdigheid" in geen_t0["reden"].iloc[0]
    # every catalogue item of chapters 3–9 is visible; the others are "nog niet berekend"
    assert set(df["item"]) == set(audit.lees_items()["item"])
    assert (df.loc[~df["item"].isin(koppelingen), "status"] == NOG_NIET).all()
    s = samenvatting(df, audit.lees_items()).set_index("hoofdstuk")
    assert s.loc[4, "items_berekend"] == 7 and s.loc[4, "cellen_vergeleken"] == 22 + 4 + 6
    assert s.loc[3, "items_berekend"] == 2


def test_audit_qmd_bevat_overzicht_en_cellen():
    df = vergelijk(_cellen([(4, "tabel-4.1", "Fysiek geweld**", "Man N=161", "%", "33%", 33.0, 29.19)]), {"tabel-4.1"})
    df.loc[0, "groep"] = "Slachtoffer van geweld partner"
    items = pd.DataFrame({"hoofdstuk": [4, 4], "item": ["tabel-4.1", "figuur-4.2"], "soort": ["table", "figure"],
                          "bijschrift": ["Tabel", "Figuur"], "noten": ["", ""], "n_cellen": [1, 0]})
    qmd = audit.audit_qmd(df, samenvatting(df, items), items)
    assert "## Overzicht per hoofdstuk" in qmd and "{#tbl-overzicht}" in qmd and "{#tbl-cellen}" in qmd
    assert r"Fysiek geweld\*\*" in qmd  # markdown-escaped
    assert "| 33% | 29% | -3,8 pp | nee |" in qmd
    assert "figuur-4.2" in qmd  # listed as not computed yet


# -- the published data ---------------------------------------------------------------------------
def _catalogus_beschikbaar() -> bool:
    return CATALOGUS.is_dir() and any(CATALOGUS.glob("ch0[3-9].json"))


@pytest.mark.skipif(not _catalogus_beschikbaar(), reason="../shared/reference/catalogue niet aanwezig")
def test_gepubliceerd_komt_overeen_met_catalogus():
    """Every printed table cell of chapters 3–9 is in analysis/gepubliceerd, exactly as printed,
    under its row, group heading and column, with the number the parser gives."""
    totaal = 0
    for nr in audit.HOOFDSTUKKEN:
        cat = json.loads((CATALOGUS / f"ch{nr:02d}.json").read_text(encoding="utf-8"))
        eigen = json.loads((audit.GEPUBLICEERD_MAP / f"hoofdstuk_{nr:02d}.json").read_text(encoding="utf-8"))
        eigen_items = {it["id"]: it for it in eigen["items"]}
        assert set(eigen_items) == {it["id"] for it in cat["items"]}
        for it in cat["items"]:
            mijn = eigen_items[it["id"]]
            assert mijn["kind"] == it["kind"] and mijn["caption"] == it["caption"] and mijn["notes"] == it.get("notes", "")
            if it["kind"] != "table":
                continue
            verwacht, groep, gezien = [], "", {}
            for rij in it["rows"]:
                if not rij["values"]:
                    groep = rij["label"]
                    continue
                gezien[(groep, rij["label"])] = gezien.get((groep, rij["label"]), 0) + 1
                for kolom, tekst in zip(it["columns"][1:], rij["values"]):
                    if tekst.strip():
                        verwacht.append((groep, rij["label"], gezien[(groep, rij["label"])], kolom, tekst))
            gekregen = [(c["groep"], c["rij"], c["exemplaar"], c["kolom"], c["gepubliceerd"]) for c in mijn["cellen"]]
            assert gekregen == verwacht, it["id"]
            for c in mijn["cellen"]:
                assert c["waarde"] == parse_gepubliceerd(c["gepubliceerd"]), (it["id"], c)
                assert (c["eenheid"] == "%") == ("%" in c["gepubliceerd"]) or c["gepubliceerd"] == "2,95", (it["id"], c)
            totaal += len(verwacht)
    assert totaal == 1023  # the catalogue's count of printed cells in chapters 3–9


@pytest.mark.skipif(not _catalogus_beschikbaar(), reason="../shared/reference/catalogue niet aanwezig")
def test_gepubliceerde_figuurwaarden_uit_de_tekst():
    cat = json.loads((CATALOGUS / "ch04.json").read_text(encoding="utf-8"))
    eigen = {it["id"]: it for it in json.loads((audit.GEPUBLICEERD_MAP / "hoofdstuk_04.json").read_text(encoding="utf-8"))["items"]}
    for it in cat["items"]:
        if it["kind"] != "figure":
            continue
        for label, waarden in ((it.get("data") or {}).get("from_text") or {}).items():
            for kolom, tekst in (waarden.items() if isinstance(waarden, dict) else [("", waarden)]):
                if isinstance(tekst, str) and parse_gepubliceerd(tekst) is not None:
                    assert any(c["rij"] == label and c["kolom"] == kolom and c["gepubliceerd"] == tekst
                               for c in eigen[it["id"]]["cellen"]), (it["id"], label, kolom)


def test_gepubliceerd_formaat_zonder_shared():
    """The product's own copy is complete without ../shared: one file per chapter + summary."""
    for nr in audit.HOOFDSTUKKEN:
        assert (audit.GEPUBLICEERD_MAP / f"hoofdstuk_{nr:02d}.json").is_file()
    assert (audit.GEPUBLICEERD_MAP / "summary.json").is_file()
    assert (audit.GEPUBLICEERD_MAP / "README.md").is_file()
    cellen = audit.lees_gepubliceerd()
    assert len(cellen[cellen["soort"] == "table"]) == 1023
    assert set(cellen["eenheid"]) <= set(audit.EENHEID_REGELS) | {"toets", "tekst"}
    # study-design counts are compared exactly
    assert set(cellen.loc[cellen["item"] == "tabel-3.2", "eenheid"]) == {"aantal"}


def test_gepubliceerde_waarden_voeden_de_analyse_niet():
    """Only audit.py (and later synthetic.py, for calibration) may mention the published values."""
    # __main__.py only describes the `audit` command in its help text; it reads nothing.
    toegestaan = {"audit.py", "synthetic.py", "__main__.py"}
    overtreders = [
        p.relative_to(ROOT).as_posix()
        for p in sorted((ROOT / "analysis").rglob("*"))
        if p.is_file() and p.suffix in {".py", ".yaml", ".yml", ".ipynb", ".qmd", ".j2", ".md", ".json"}
        and "gepubliceerd" not in p.relative_to(ROOT / "analysis").parts[:1]
        and "__pycache__" not in p.parts
        and p.name not in toegestaan
        and "gepubliceerd" in p.read_text(encoding="utf-8", errors="replace").lower()
    ]
    # the notebooks' code must not read them either (their prose and the report's may say the word)
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        code = "".join("".join(c.get("source", [])) for c in json.loads(nb.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "code")
        if "gepubliceerd" in code.lower():
            overtreders.append(nb.relative_to(ROOT).as_posix())
    assert overtreders == []


def test_koppel_tabel_3_2_op_rijlabel_en_kolom():
    from analysis.koppelingen.h03 import koppel_tabel_3_2

    tellingen = pd.DataFrame(
        {"groep": ["gezinnen", "moeders", "kinderen_13_18"], "kolom": ["T0", "T0-T1-T2", "T1"], "aantal": [1024, 472, 317]}
    )
    cellen = pd.DataFrame(
        {"rij": ["Gezinnen", "■ Moeders", "■ Kinderen 13-18 jaar (19/20*)", "Kinderen 8-18 jaar zelf (19/20*)"],
         "kolom": ["T0", "T0-T1-T2", "T1", "T0"]}
    )
    out = koppel_tabel_3_2(tellingen, cellen)
    assert list(out[:3]) == [1024.0, 472.0, 317.0] and math.isnan(out.iloc[3])


def test_koppel_tabel_3_1_op_regionaam():
    from analysis.koppelingen.h03 import koppel_tabel_3_1

    per_regio = pd.DataFrame(
        {"regio": ["Zaanstreek-Waterland", "Kennemerland"], "kenmerk": ["gezinnen", "ouders"], "aantal": [49, 110]}
    )
    cellen = pd.DataFrame(
        {"rij": ["Regio Zaanstreek/Waterland", "Regio Kennemerland", "Regio Kennemerland"],
         "kolom": ["Aantal gezinnen", "Totaal ouders", "Totaal kinderen zelf"]}
    )
    out = koppel_tabel_3_1(per_regio, cellen)
    assert list(out[:2]) == [49.0, 110.0] and math.isnan(out.iloc[2])


def test_generator_targets_do_not_feed_the_analysis():
    """Calibration targets (``doelen`` in synthetic_parameters*.yaml) are read by the generator's
    tests only: no analysis module, notebook or template reads the parameter files or imports the
    generator's parameters, so no output can equal a published value by construction."""
    import re

    patroon = re.compile(r"synthetic_parameters|load_parameters|[\"']doelen[\"']")
    overtreders = []
    for p in sorted([*(ROOT / "analysis").rglob("*.py"), *(ROOT / "report").rglob("*.qmd"),
                     *(ROOT / "notebooks").glob("*.ipynb")]):
        if p.parent.name == "__pycache__" or p.name.startswith("synthetic"):
            continue
        if patroon.search(p.read_text(encoding="utf-8")):
            overtreders.append(p.relative_to(ROOT).as_posix())
    assert overtreders == []


def test_tegenstrijdige_cellen_zijn_echt_tegenstrijdig():
    """The cells marked as contradicting the report are so by the report's own printed numbers
    (checked here from the published values, independently of any computation)."""
    cellen = audit.lees_gepubliceerd()

    def waarde(item, rij_begin, kolom_begin):
        sel = cellen[(cellen["item"] == item) & cellen["rij"].str.startswith(rij_begin) & cellen["kolom"].str.startswith(kolom_begin)]
        assert len(sel) == 1, (item, rij_begin, kolom_begin)
        return float(sel["waarde"].iloc[0]), sel["reden"].iloc[0]

    # Tabel 3.2: children in all three waves cannot outnumber those at T2 (or, aged 13-18, at T1).
    alle, reden = waarde("tabel-3.2", "Kinderen 3-18", "T0-T1-T2")
    assert reden and alle > waarde("tabel-3.2", "Kinderen 3-18", "T2")[0]
    oud, reden = waarde("tabel-3.2", "■ Kinderen 13-18", "T0-T1-T2")
    assert reden and oud > waarde("tabel-3.2", "■ Kinderen 13-18", "T1")[0]
    # ... and at T1 no more families can have two children than children minus families.
    twee, reden = waarde("tabel-3.2", "Twee kinderen", "T1")
    assert reden and twee > waarde("tabel-3.2", "Kinderen 3-18", "T1")[0] - waarde("tabel-3.2", "Gezinnen", "T1")[0]
    # Tabel 4.4: the mean of "Totaal kindermishandeling" (direct + witness, over the children with
    # either) is at least (share direct x mean direct + share witness x mean witness) / share total,
    # even with every printed number rounded in its favour.
    for golf in ("T0", "T1", "T2"):
        def w(rij, soort):
            sel = cellen[(cellen["item"] == "tabel-4.4") & cellen["rij"].str.startswith(rij)
                         & cellen["kolom"].str.startswith(golf) & cellen["kolom"].str.contains(soort)]
            return float(sel["waarde"].iloc[0])

        direct = (w("Totaal direct", "Perc") - 0.05) / 100 * (w("Totaal direct", "Gem") - 0.5)
        getuige = (w("Totaal (mogelijk)", "Perc") - 0.05) / 100 * (w("Totaal (mogelijk)", "Gem") - 0.5)
        ondergrens = (direct + getuige) / ((w("Totaal kindermishandeling", "Perc") + 0.05) / 100)
        gem = cellen[(cellen["item"] == "tabel-4.4") & cellen["rij"].str.startswith("Totaal kindermishandeling")
                     & cellen["kolom"].str.startswith(golf) & cellen["kolom"].str.contains("Gem")]
        assert ondergrens > float(gem["waarde"].iloc[0]) + 0.5 and gem["reden"].iloc[0], golf


def test_kerncijfers_van_hoofdstuk_4_zijn_data():
    """The headline numbers are read from summary.json (no published value typed in code): the
    file's entries, in order, with the printed number where the summary prints one."""
    inhoud = json.loads((audit.GEPUBLICEERD_MAP / "summary.json").read_text(encoding="utf-8"))
    kerncijfers = audit.lees_kerncijfers_hoofdstuk_4()
    assert list(kerncijfers) == inhoud["kerncijfers_hoofdstuk_4"] and len(kerncijfers) == 35
    sleutels = {"regel", "deel", "waarde", "eenheid", "item", "rij", "kolom"}
    assert all(set(k) == sleutels for k in kerncijfers)
    assert len({(k["regel"], k["deel"]) for k in kerncijfers}) == len(kerncijfers)
    # Spot checks against the summary's own wording: r. 9978 prints "6,5%"; r. 84 "91% naar 66%".
    per = {(k["regel"], k["deel"]): k for k in kerncijfers}
    assert per[(9978, "")]["waarde"] == 6.5 and per[(9978, "")]["item"] == "figuur-4.1"
    assert (per[(84, "T0")]["waarde"], per[(84, "T2")]["waarde"]) == (91.0, 66.0)
    feiten = audit.lees_samenvatting().drop_duplicates("regel").set_index("regel")
    for k in kerncijfers:  # a fact with a printed number is compared with exactly that number
        gedrukt = feiten.loc[k["regel"], "waarde"]
        if pd.notna(gedrukt) and not k["deel"]:
            assert k["waarde"] == gedrukt, k
    # No published number is left as a literal in the code.
    assert "SAMENVATTING_HOOFDSTUK_4" not in audit.__all__ and not hasattr(audit, "SAMENVATTING_HOOFDSTUK_4")


def test_kerncijfers_worden_uit_de_gegeven_map_gelezen(tmp_path):
    """samenvatting_hoofdstuk_4 reads the headline numbers from the folder it is given."""
    inhoud = json.loads((audit.GEPUBLICEERD_MAP / "summary.json").read_text(encoding="utf-8"))
    inhoud["kerncijfers_hoofdstuk_4"] = [{"regel": 64, "deel": "", "waarde": 50.0, "eenheid": "%",
                                          "item": "figuur-4.7", "rij": "zowel", "kolom": "T0"}]
    (tmp_path / "summary.json").write_text(json.dumps(inhoud, ensure_ascii=False), encoding="utf-8")
    df = pd.DataFrame({"item": ["figuur-4.7"], "rij": ["zowel partnergeweld als …"], "kolom": ["T0"], "berekend": [51.0]})
    s = audit.samenvatting_hoofdstuk_4(df, tmp_path)
    assert len(s) == 1 and s["waarde"].iloc[0] == 50.0 and s["gepubliceerd"].iloc[0] == "50%"
    assert s["status"].iloc[0] == BINNEN  # 51 vs 50: within 2 points


def test_kopcijfers_van_hoofdstuk_4_uit_de_samenvatting():
    """Every mapped headline number exists in summary.json and is compared with the computed value
    of its published cell; numbers without a computed counterpart say so."""
    feiten = audit.lees_samenvatting()
    kerncijfers = audit.lees_kerncijfers_hoofdstuk_4()
    assert {k["regel"] for k in kerncijfers} <= set(feiten["regel"])
    cellen = audit.lees_gepubliceerd()
    for kop in kerncijfers:
        if kop["item"]:  # the cell exists, exactly once
            sel = cellen[(cellen["item"] == kop["item"]) & cellen["rij"].str.startswith(kop["rij"]) & cellen["kolom"].str.startswith(kop["kolom"])]
            assert len(sel) == 1, kop
    df = pd.DataFrame({"item": ["figuur-4.7", "tabel-4.4", "tabel-4.4"], "rij": ["zowel partnergeweld als …", "Totaal kindermishandeling", "Totaal (mogelijk) getuige partnergeweld"],
                       "kolom": ["T0", "T0 N=894 Perc. kinderen", "T0 N=894 Gem. aant. incidenten"], "berekend": [60.0, 89.5, 80.0]})
    s = audit.samenvatting_hoofdstuk_4(df).set_index(["kolom", "item"])
    assert s.loc[("r. 64", "figuur-4.7"), "status"] == audit.BUITEN          # 60 vs 57: more than 2 points
    assert s.loc[("r. 113", "tabel-4.4"), "status"] == BINNEN               # 89.5 vs 91
    assert s.loc[("r. 115", "tabel-4.4"), "status"] == audit.BUITEN         # 80 vs 74: more than 5%
    assert s.loc[("r. 116", ""), "status"] == audit.GEEN_BEREKENING         # no computed counterpart
    assert s.loc[("r. 9982", "figuur-4.1"), "status"].tolist() == [audit.GEEN_BEREKENING] * 2  # not in df
