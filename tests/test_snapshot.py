"""Tests for analysis.snapshot: validation (every rule), writing, loading and the manifest."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis import snapshot as snapshot_module
from analysis.snapshot import (
    MANIFEST,
    Probleem,
    SnapshotError,
    load_snapshot,
    validate_tables,
    write_snapshot,
)
from analysis.synthetic import generate


@pytest.fixture(scope="module")
def _klein(klein_ontwerp) -> dict[str, pd.DataFrame]:
    return generate(seed=5, parameters={"steekproef": klein_ontwerp})


@pytest.fixture
def tabellen(_klein) -> dict[str, pd.DataFrame]:
    """A fresh, valid copy of the small tables; each test breaks one thing."""
    return {naam: df.copy() for naam, df in _klein.items()}


def _schrijf(tabellen, folder: Path) -> Path:
    return write_snapshot(tabellen, folder, naam="test", synthetisch=True, herkomst="tests")


def _enig(problemen: list[Probleem], **velden) -> Probleem:
    gevonden = [p for p in problemen if all(getattr(p, k) == v for k, v in velden.items())]
    assert len(gevonden) == 1, (velden, problemen)
    return gevonden[0]


# ---------------------------------------------------------------------------------------
# validate_tables
# ---------------------------------------------------------------------------------------
def test_valid_tables_have_no_problems(tabellen):
    assert validate_tables(tabellen) == []


def test_missing_table(tabellen):
    del tabellen["kinderen"]
    problemen = validate_tables(tabellen)
    _enig(problemen, bestand="kinderen.parquet", regel="ontbrekend bestand")


def test_unknown_table(tabellen):
    tabellen["extra"] = pd.DataFrame({"a": [1]})
    _enig(validate_tables(tabellen), regel="onbekend bestand", bestand="extra.parquet")


def test_missing_column(tabellen):
    tabellen["gezinnen"] = tabellen["gezinnen"].drop(columns="regio")
    assert validate_tables(tabellen) == [Probleem("gezinnen.parquet", "regio", "ontbrekende kolom")]


def test_unknown_column(tabellen):
    tabellen["ouders"]["opleiding"] = "hbo"
    assert validate_tables(tabellen) == [Probleem("ouders.parquet", "opleiding", "onbekende kolom")]


def test_out_of_range_answer_names_file_column_rows(tabellen):
    cts = tabellen["cts2"]
    cts.loc[[3, 16], "cts2_05_dader"] = 9
    (p,) = validate_tables(tabellen)
    assert (p.bestand, p.kolom, p.regel, p.toelichting) == ("cts2.parquet", "cts2_05_dader", "buiten bereik",
                                                             "toegestaan 1–8")
    assert p.aantal == 2 and p.rijen == (4, 17)
    assert p.voorbeelden[0] == f"ouder_id={cts.at[3, 'ouder_id']}, meting={cts.at[3, 'meting']}: 9"
    tekst = str(SnapshotError([p], "snap"))
    assert tekst.splitlines()[0] == "De snapshot snap is ongeldig: 1 probleem in 1 bestand. Er is niets gemaakt."
    assert "cts2.parquet · kolom cts2_05_dader · buiten bereik (toegestaan 1–8): 2 rijen (rij 4, 17): " \
           f"ouder_id={cts.at[3, 'ouder_id']}, meting={cts.at[3, 'meting']}: 9; " in tekst


def test_out_of_range_integer(tabellen):
    tabellen["kinderen"].loc[0, "leeftijd_t0"] = 25
    p = _enig(validate_tables(tabellen), regel="buiten bereik")
    assert (p.bestand, p.kolom, p.toelichting, p.rijen) == ("kinderen.parquet", "leeftijd_t0", "toegestaan 3–18", (1,))


def test_many_rows_are_summarised(tabellen):
    tabellen["cts2"]["cts2_07_slachtoffer"] = 0
    p = _enig(validate_tables(tabellen), regel="buiten bereik")
    assert p.aantal == len(tabellen["cts2"]) and p.rijen == (1, 2, 3, 4, 5) and len(p.voorbeelden) == 5
    assert "(rij 1, 2, 3, 4, 5, …)" in p.regel_tekst() and p.regel_tekst().endswith("; …")


def test_missing_value_where_not_allowed(tabellen):
    tabellen["ouders"].loc[2, "geslacht"] = None
    tabellen["kinderen"]["leeftijd_t0"] = tabellen["kinderen"]["leeftijd_t0"].astype("Int64")
    tabellen["kinderen"].loc[1, "leeftijd_t0"] = pd.NA
    tabellen["ouders"].loc[0, "leeftijd_t0"] = pd.NA  # allowed: ontbreken_toegestaan
    tabellen["gezinnen"].loc[4, "gezin_id"] = ""  # an empty id counts as missing
    problemen = validate_tables(tabellen)
    assert {(p.bestand, p.kolom, p.rijen) for p in problemen if p.regel == "ontbrekende waarde"} == {
        ("ouders.parquet", "geslacht", (3,)),
        ("kinderen.parquet", "leeftijd_t0", (2,)),
        ("gezinnen.parquet", "gezin_id", (5,)),
    }


def test_missing_answers_are_allowed(tabellen):
    tabellen["cts2"]["cts2_01_dader"] = pd.array([pd.NA] * len(tabellen["cts2"]), dtype="Int64")
    assert validate_tables(tabellen) == []


def test_wrong_types(tabellen):
    n = len(tabellen["cts2"])
    tabellen["cts2"]["cts2_02_dader"] = pd.Series(["vaak"] + [1] * (n - 1), dtype=object)
    tabellen["kinderen"]["leeftijd_t0"] = tabellen["kinderen"]["leeftijd_t0"].astype("float64")
    tabellen["kinderen"].loc[3, "leeftijd_t0"] = 7.5
    tabellen["deelname"]["meting"] = tabellen["deelname"]["meting"].map({"T0": 0, "T1": 1, "T2": 2})
    tabellen["gezinnen"]["gezin_id"] = pd.Series(range(len(tabellen["gezinnen"])), dtype=object).where(
        lambda s: s > 0, "G0001")
    problemen = [p for p in validate_tables(tabellen) if p.regel == "verkeerd type"]
    per_kolom = {(p.bestand, p.kolom): p for p in problemen}
    assert per_kolom[("cts2.parquet", "cts2_02_dader")].rijen == (1,)
    assert per_kolom[("cts2.parquet", "cts2_02_dader")].voorbeelden[0].endswith(": vaak")
    assert per_kolom[("kinderen.parquet", "leeftijd_t0")].rijen == (4,)
    assert per_kolom[("deelname.parquet", "meting")].aantal == len(tabellen["deelname"])
    assert per_kolom[("gezinnen.parquet", "gezin_id")].aantal == len(tabellen["gezinnen"]) - 1
    assert len(problemen) == 4


def test_text_is_not_a_number_and_numbers_are_not_ids(tabellen):
    tabellen["cts2"]["cts2_03_dader"] = tabellen["cts2"]["cts2_03_dader"].astype("str")  # "3", not 3
    tabellen["kinderen"]["kind_id"] = pd.Series(range(1, len(tabellen["kinderen"]) + 1), dtype=object)
    problemen = [p for p in validate_tables(tabellen) if p.regel == "verkeerd type"]
    assert {(p.bestand, p.kolom) for p in problemen} == {("cts2.parquet", "cts2_03_dader"),
                                                         ("kinderen.parquet", "kind_id")}
    assert _enig(problemen, kolom="cts2_03_dader").aantal == int(tabellen["cts2"]["cts2_03_dader"].notna().sum())


def test_integral_floats_are_integers(tabellen):
    """SPSS numbers arrive as floats: 3.0 is a valid integer."""
    tabellen["cts2"]["cts2_03_dader"] = tabellen["cts2"]["cts2_03_dader"].astype("float64")
    assert validate_tables(tabellen) == []


def test_duplicate_keys(tabellen):
    cts = tabellen["cts2"]
    tabellen["cts2"] = pd.concat([cts, cts.iloc[[5]]], ignore_index=True)
    tabellen["gezinnen"].loc[1, "gezin_id"] = tabellen["gezinnen"].loc[0, "gezin_id"]
    problemen = validate_tables(tabellen)
    p = _enig(problemen, bestand="cts2.parquet", regel="dubbele sleutel")
    assert p.kolom == "ouder_id, meting" and p.aantal == 2 and p.rijen == (6, len(cts) + 1)
    assert p.voorbeelden[0] == f"ouder_id={cts.at[5, 'ouder_id']}, meting={cts.at[5, 'meting']}"
    assert _enig(problemen, bestand="gezinnen.parquet", regel="dubbele sleutel").rijen == (1, 2)


def test_unknown_region(tabellen):
    tabellen["gezinnen"].loc[2, "regio"] = "Atlantis"
    (p,) = validate_tables(tabellen)
    assert (p.bestand, p.kolom, p.regel, p.rijen) == ("gezinnen.parquet", "regio", "onbekende regio", (3,))
    assert p.voorbeelden[0].endswith(": Atlantis")


def test_unknown_region_in_the_region_per_wave(tabellen):
    w = tabellen["woonregio"]
    w.loc[[1, 4], "regio"] = ["Atlantis", "Lemurië"]
    (p,) = validate_tables(tabellen)
    assert (p.bestand, p.kolom, p.regel, p.rijen) == ("woonregio.parquet", "regio", "onbekende regio", (2, 5))
    assert p.voorbeelden[0].endswith(": Atlantis")


def test_region_per_wave_may_differ_between_waves_and_is_optional(tabellen, tmp_path):
    w = tabellen["woonregio"]
    gezin = w.loc[w["meting"] == "T1", "gezin_id"].iloc[0]
    anders = next(r for r in sorted(set(tabellen["gezinnen"]["regio"])) if r != w.loc[w["gezin_id"] == gezin, "regio"].iloc[0])
    w.loc[(w["gezin_id"] == gezin) & (w["meting"] == "T1"), "regio"] = anders
    assert validate_tables(tabellen) == []
    del tabellen["woonregio"]
    assert validate_tables(tabellen) == []  # an older snapshot without it stays valid
    s = load_snapshot(_schrijf(tabellen, tmp_path / "zonder"))
    assert "woonregio" not in s.tabellen


def test_unknown_wave(tabellen):
    tabellen["ctspc_ouder"].loc[0, "meting"] = "T3"
    (p,) = validate_tables(tabellen)
    assert (p.bestand, p.kolom, p.regel, p.rijen) == ("ctspc_ouder.parquet", "meting", "onbekende meting", (1,))


def test_unknown_category_value(tabellen):
    tabellen["kinderen"].loc[0, "geslacht"] = "anders"
    (p,) = validate_tables(tabellen)
    assert (p.kolom, p.regel, p.toelichting) == ("geslacht", "onbekende waarde", "toegestaan: meisje, jongen")


def test_unknown_foreign_keys(tabellen):
    tabellen["ouders"].loc[0, "gezin_id"] = "G9999"
    tabellen["deelname"].loc[3, "respondent_id"] = "X0001"
    problemen = validate_tables(tabellen)
    p = _enig(problemen, bestand="ouders.parquet", regel="onbekende verwijzing")
    assert p.kolom == "gezin_id" and p.rijen == (1,) and p.voorbeelden[0].endswith(": G9999")
    assert p.toelichting == "niet in gezinnen.gezin_id"
    q = _enig(problemen, bestand="deelname.parquet", regel="onbekende verwijzing")
    assert q.rijen == (4,) and q.toelichting == "niet in ouders.ouder_id of kinderen.kind_id"
    # The cts2 rows of that parent still point to an existing parent: nothing more.
    assert len(problemen) == 2


def test_several_problems_reported_at_once(tabellen):
    tabellen["gezinnen"].loc[0, "regio"] = "Atlantis"
    tabellen["cts2"].loc[1, "cts2_10_slachtoffer"] = 12
    tabellen["cts2"].loc[2, "meting"] = "T9"
    tabellen["kinderen"] = tabellen["kinderen"].drop(columns="geslacht")
    problemen = validate_tables(tabellen)
    assert {(p.bestand, p.regel) for p in problemen} == {
        ("gezinnen.parquet", "onbekende regio"),
        ("cts2.parquet", "buiten bereik"),
        ("cts2.parquet", "onbekende meting"),
        ("kinderen.parquet", "ontbrekende kolom"),
    }
    tekst = str(SnapshotError(problemen, "x"))
    assert "4 problemen in 3 bestanden" in tekst
    # Grouped by file: the two cts2 lines are adjacent.
    regels = tekst.splitlines()[1:]
    bestanden = [r.split(" · ")[0].strip() for r in regels]
    assert bestanden == sorted(bestanden, key=bestanden.index) and len(regels) == 4
    assert sum(b == "cts2.parquet" for b in bestanden) == 2
    assert [i for i, b in enumerate(bestanden) if b == "cts2.parquet"] in ([0, 1], [1, 2], [2, 3])


def test_bron_names_the_source_file(tabellen):
    tabellen["gezinnen"].loc[0, "regio"] = "Atlantis"
    (p,) = validate_tables(tabellen, bron={"gezinnen": "gezinnen.sav"})
    assert p.bestand == "gezinnen.sav"


# ---------------------------------------------------------------------------------------
# write_snapshot / load_snapshot
# ---------------------------------------------------------------------------------------
def test_write_and_load_round_trip(tabellen, tmp_path):
    pad = _schrijf(tabellen, tmp_path / "snap")
    snap = load_snapshot(pad)
    assert (snap.pad, snap.naam, snap.synthetisch) == (pad, "test", True)
    assert snap.checksum == hashlib.sha256((pad / MANIFEST).read_bytes()).hexdigest()
    assert set(snap.tabellen) == set(tabellen)
    for naam, df in tabellen.items():
        pd.testing.assert_frame_equal(snap.tabellen[naam], df, check_dtype=True)
    ouders = snap.tabellen["ouders"]
    assert ouders["ouder_id"].dtype == "str" and ouders["geslacht"].dtype == "str"
    assert ouders["leeftijd_t0"].dtype == "Int64" and snap.tabellen["cts2"]["cts2_01_dader"].dtype == "Int64"


def test_manifest_format(tabellen, tmp_path):
    pad = _schrijf(tabellen, tmp_path / "snap")
    tekst = (pad / MANIFEST).read_text(encoding="utf-8")
    manifest = json.loads(tekst)
    assert tekst.endswith("}\n") and tekst == json.dumps(manifest, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert set(manifest) == {"naam", "synthetisch", "codebook_versie", "herkomst", "bestanden"}
    assert manifest["bestanden"]["cts2.parquet"]["rijen"] == len(tabellen["cts2"])
    for bestand, info in manifest["bestanden"].items():
        assert info["sha256"] == hashlib.sha256((pad / bestand).read_bytes()).hexdigest()


def test_writing_is_deterministic(tabellen, tmp_path):
    a = _schrijf(tabellen, tmp_path / "a")
    # Same data with other dtype flavours (object strings, float answers) gives the same bytes.
    anders = {naam: df.copy() for naam, df in tabellen.items()}
    anders["gezinnen"] = anders["gezinnen"].astype(object)
    anders["cts2"]["cts2_04_dader"] = anders["cts2"]["cts2_04_dader"].astype("float64")
    b = _schrijf(anders, tmp_path / "b")
    for bestand in sorted(p.name for p in a.iterdir()):
        assert (a / bestand).read_bytes() == (b / bestand).read_bytes(), bestand
    assert sorted(p.name for p in a.iterdir()) == sorted(p.name for p in b.iterdir())


def test_nothing_written_when_invalid(tabellen, tmp_path):
    tabellen["cts2"].loc[0, "cts2_05_dader"] = 9
    with pytest.raises(SnapshotError) as fout:
        _schrijf(tabellen, tmp_path / "snap")
    assert not (tmp_path / "snap").exists()
    assert list(tmp_path.iterdir()) == []
    assert "Er is niets gemaakt." in str(fout.value) and "cts2_05_dader" in str(fout.value)


def test_atomic_replace_keeps_old_snapshot_on_failure(tabellen, tmp_path, monkeypatch):
    pad = _schrijf(tabellen, tmp_path / "snap")
    voor = {p.name: p.read_bytes() for p in pad.iterdir()}

    echt = snapshot_module._schrijf_parquet
    teller = {"n": 0}

    def faalt_halverwege(df, doel):
        teller["n"] += 1
        if teller["n"] == 3:
            raise OSError("schijf vol")
        echt(df, doel)

    monkeypatch.setattr(snapshot_module, "_schrijf_parquet", faalt_halverwege)
    nieuw = {naam: df.copy() for naam, df in tabellen.items()}
    nieuw["gezinnen"]["regio"] = "Twente"
    with pytest.raises(OSError):
        write_snapshot(nieuw, pad, naam="nieuw", synthetisch=True, herkomst="tests")
    assert {p.name: p.read_bytes() for p in pad.iterdir()} == voor
    assert [p.name for p in tmp_path.iterdir()] == ["snap"]  # no temporary folders left

    monkeypatch.setattr(snapshot_module, "_schrijf_parquet", echt)
    write_snapshot(nieuw, pad, naam="nieuw", synthetisch=True, herkomst="tests")
    assert load_snapshot(pad).naam == "nieuw" and [p.name for p in tmp_path.iterdir()] == ["snap"]
    assert set(load_snapshot(pad).tabellen["gezinnen"]["regio"]) == {"Twente"}


def test_never_replaces_a_folder_that_is_not_a_snapshot(tabellen, tmp_path):
    map_ = tmp_path / "documenten"
    map_.mkdir()
    (map_ / "belangrijk.txt").write_text("niet weggooien")
    with pytest.raises(SnapshotError, match="geen snapshot"):
        _schrijf(tabellen, map_)
    assert (map_ / "belangrijk.txt").read_text() == "niet weggooien"


@pytest.fixture
def geschreven(tabellen, tmp_path) -> Path:
    return _schrijf(tabellen, tmp_path / "snap")


def _fout_bij_laden(pad: Path) -> SnapshotError:
    with pytest.raises(SnapshotError) as fout:
        load_snapshot(pad)
    return fout.value


def test_load_missing_file(geschreven):
    (geschreven / "ouders.parquet").unlink()
    fout = _fout_bij_laden(geschreven)
    _enig(fout.problemen, bestand="ouders.parquet", regel="ontbrekend bestand")
    assert str(fout).startswith(f"De snapshot {geschreven} is ongeldig")


def test_load_file_not_in_manifest(geschreven):
    manifest = json.loads((geschreven / MANIFEST).read_text())
    del manifest["bestanden"]["kinderen.parquet"]
    (geschreven / MANIFEST).write_text(json.dumps(manifest))
    _enig(_fout_bij_laden(geschreven).problemen, bestand="kinderen.parquet", regel="ontbrekend bestand")


def test_load_missing_manifest(geschreven):
    (geschreven / MANIFEST).unlink()
    (p,) = _fout_bij_laden(geschreven).problemen
    assert (p.bestand, p.regel) == (MANIFEST, "ontbrekend bestand")
    (p,) = _fout_bij_laden(geschreven / "bestaat-niet").problemen
    assert p.regel == "ontbrekend bestand"


def test_load_checksum_mismatch(geschreven, tabellen):
    # Valid data, same number of rows, other content: only the checksum catches it.
    gezinnen = tabellen["gezinnen"].copy()
    gezinnen["regio"] = "Utrecht"
    snapshot_module._schrijf_parquet(gezinnen, geschreven / "gezinnen.parquet")
    (p,) = _fout_bij_laden(geschreven).problemen
    assert (p.bestand, p.regel) == ("gezinnen.parquet", "checksum wijkt af")


def test_load_row_count_mismatch(geschreven):
    manifest = json.loads((geschreven / MANIFEST).read_text())
    manifest["bestanden"]["deelname.parquet"]["rijen"] += 1
    (geschreven / MANIFEST).write_text(json.dumps(manifest))
    (p,) = _fout_bij_laden(geschreven).problemen
    assert (p.bestand, p.regel) == ("deelname.parquet", "aantal rijen wijkt af")


def test_load_unreadable_file(geschreven):
    (geschreven / "cts2.parquet").write_bytes(b"geen parquet")
    regels = {p.regel for p in _fout_bij_laden(geschreven).problemen if p.bestand == "cts2.parquet"}
    assert regels == {"checksum wijkt af", "onleesbaar bestand"}


def test_load_validates_content(geschreven, tabellen):
    """A file changed after writing, with an out-of-range answer: checksum and content reported."""
    cts = tabellen["cts2"].copy()
    cts.loc[[0, 9], "cts2_05_dader"] = 9
    snapshot_module._schrijf_parquet(cts, geschreven / "cts2.parquet")
    fout = _fout_bij_laden(geschreven)
    assert {(p.bestand, p.regel) for p in fout.problemen} == {
        ("cts2.parquet", "checksum wijkt af"), ("cts2.parquet", "buiten bereik")}
    assert "kolom cts2_05_dader · buiten bereik (toegestaan 1–8): 2 rijen (rij 1, 10)" in str(fout)


def test_problem_line_without_rows():
    p = Probleem("x.parquet", "a", "ontbrekende kolom")
    assert p.regel_tekst() == "x.parquet · kolom a · ontbrekende kolom"
    assert Probleem("x.parquet", "", "ontbrekend bestand").regel_tekst() == "x.parquet · ontbrekend bestand"


def test_validation_of_large_tables_finds_duplicate_keys(tabellen):
    """100x the small cts2 table and 100x a child table with an age window (tscc): the
    repeated keys are found. (How fast this runs is measured in benchmarks/bench.py.)"""

    groot = {naam: tabellen[naam] for naam in ("ouders", "kinderen")}
    for naam in ("cts2", "tscc"):
        herhaald = pd.concat([tabellen[naam]] * 100, ignore_index=True)
        herhaald["meting"] = np.resize(np.array(["T0", "T1", "T2"], dtype=object), len(herhaald))
        groot[naam] = herhaald
    problemen = validate_tables(groot)
    assert _enig(problemen, bestand="cts2.parquet", regel="dubbele sleutel").aantal > 0
    assert _enig(problemen, bestand="tscc.parquet", regel="dubbele sleutel").aantal > 0


def test_instrument_outside_its_waves_is_refused(tabellen):
    """ACE is filled in at T0 only (Tabel 2.1): a row at another wave is an unknown value."""
    tabellen["ace"].loc[0, "meting"] = "T1"
    (p,) = validate_tables(tabellen)
    assert (p.bestand, p.kolom, p.regel, p.toelichting) == ("ace.parquet", "meting", "onbekende waarde", "toegestaan: T0")


def test_background_category_outside_codebook(tabellen):
    tabellen["ouders_achtergrond"].loc[1, "inkomen"] = "1500-3100"
    (p,) = validate_tables(tabellen)
    assert (p.bestand, p.kolom, p.regel, p.aantal) == ("ouders_achtergrond.parquet", "inkomen", "onbekende waarde", 1)


# ---------------------------------------------------------------------------------------
# Age windows of the children's instruments (table key `leeftijd`, item key `leeftijd_min`)
# ---------------------------------------------------------------------------------------
def _zet_leeftijd(tabellen, kind_id: str, leeftijd_t0: int) -> None:
    kinderen = tabellen["kinderen"]
    kinderen.loc[kinderen["kind_id"] == kind_id, "leeftijd_t0"] = leeftijd_t0


def _rij(tabellen, tabel: str, meting: str) -> int:
    rijen = np.flatnonzero(tabellen[tabel]["meting"].to_numpy() == meting)
    assert len(rijen), f"de kleine snapshot heeft geen rij in {tabel} op {meting}"
    return int(rijen[0])


def test_child_too_young_for_a_self_report(tabellen):
    """TSCC is filled in by children of 8-18: a child of 5 at T0 is reported, with its age."""
    pos = _rij(tabellen, "tscc", "T0")
    kind = tabellen["tscc"]["kind_id"].iloc[pos]
    _zet_leeftijd(tabellen, kind, 5)
    problemen = validate_tables(tabellen)
    p = _enig(problemen, bestand="tscc.parquet", regel="te jong voor dit instrument")
    assert p.kolom == "kind_id"
    assert p.toelichting == "toegestaan vanaf 8 jaar op de meting, tot en met 18 jaar op T0"
    assert p.rijen[0] == pos + 1
    assert f"kind_id={kind}, meting=T0: 5 jaar" in p.voorbeelden
    # The same child is too young for its other self-reports too (and for the ISRD's 12+ questions).
    assert {q.regel for q in problemen} <= {"te jong voor dit instrument", "antwoord van een te jong kind"}


def test_child_too_old_for_a_parent_report(tabellen):
    """TSCYC is about children of 3-12 at the wave: 12 at T0 is 13 at T1 (and T2), too old."""
    pos = _rij(tabellen, "tscyc", "T1")
    kind = tabellen["tscyc"]["kind_id"].iloc[pos]
    _zet_leeftijd(tabellen, kind, 12)
    problemen = validate_tables(tabellen)
    p = _enig(problemen, bestand="tscyc.parquet", regel="te oud voor dit instrument")
    assert (p.kolom, p.toelichting) == ("kind_id", "toegestaan 3–12 jaar op de meting")
    assert pos + 1 in p.rijen
    assert any(v.endswith("meting=T1: 13 jaar") for v in p.voorbeelden)


def test_upper_bound_at_t0_lets_children_stay_in_the_study(tabellen):
    """Security Scale (parents, 3-18): the upper bound holds at T0 (Tabel 3.2, footnote *), so a
    child of 18 at T0 is 19 at T1 and still allowed; a too-old row elsewhere is still reported."""
    pos = _rij(tabellen, "security_scale_ouder", "T1")
    kind = tabellen["security_scale_ouder"]["kind_id"].iloc[pos]
    _zet_leeftijd(tabellen, kind, 18)
    problemen = validate_tables(tabellen)
    assert not [p for p in problemen if p.bestand == "security_scale_ouder.parquet"]
    assert {p.regel for p in problemen} <= {"te oud voor dit instrument"}


def test_answer_of_a_child_too_young_for_the_question(tabellen):
    """ISRD sexual behaviour and substance use are asked from 12 on: an answer of a 10-year-old
    is reported per item column; an empty answer is fine."""
    isrd = tabellen["isrd"]
    pos = _rij(tabellen, "isrd", "T0")
    kind = isrd["kind_id"].iloc[pos]
    _zet_leeftijd(tabellen, kind, 10)
    jong = [f"isrd_{nr:02d}" for nr in range(17, 30)]
    isrd.loc[isrd["kind_id"] == kind, jong] = pd.NA
    isrd.loc[pos, "isrd_17"] = 1
    (p,) = validate_tables(tabellen)
    assert (p.bestand, p.kolom, p.regel, p.aantal) == ("isrd.parquet", "isrd_17", "antwoord van een te jong kind", 1)
    assert p.toelichting == "deze vraag alleen vanaf 12 jaar; leeg laten"
    assert p.voorbeelden == (f"kind_id={kind}, meting=T0: 10 jaar",)
    assert "isrd.parquet · kolom isrd_17 · antwoord van een te jong kind" in str(SnapshotError([p], "x"))


def test_age_rule_rounds_down_at_t2(tabellen):
    """Age at T2 = age at T0 + 1.5 rounded down: 7 at T0 is 8 at T2 (allowed), 8 at T1 too."""
    for meting in ("T1", "T2"):
        pos = _rij(tabellen, "tscc", meting)
        _zet_leeftijd(tabellen, tabellen["tscc"]["kind_id"].iloc[pos], 7)
    problemen = [p for p in validate_tables(tabellen) if p.bestand == "tscc.parquet"]
    # Only T0 rows of these children (7 years old) may be reported.
    for p in problemen:
        assert p.regel == "te jong voor dit instrument"
        assert all(v.endswith("meting=T0: 7 jaar") for v in p.voorbeelden)


def test_validated_mark_skips_validation_but_not_the_checksums(_klein, tmp_path, monkeypatch):
    """The pipeline marks a snapshot it validated (environment variable); a notebook loading the
    same snapshot with the same codebook skips validation, but a changed file is still refused."""
    snap = snapshot_module
    map_ = snap.write_snapshot(_klein, tmp_path / "s", naam="klein", synthetisch=True, herkomst="test")
    geladen = snap.load_snapshot(map_)
    aanroepen = []
    monkeypatch.setattr(snap, "validate_tables", lambda *a, **k: aanroepen.append(1) or [])
    snap.load_snapshot(map_)
    assert aanroepen == [1]  # without the mark: validated
    monkeypatch.setenv(snap.GEVALIDEERD, snap.validatie_merk(geladen.checksum))
    snap.load_snapshot(map_)
    assert aanroepen == [1]  # with the mark: not validated again
    monkeypatch.setenv(snap.GEVALIDEERD, snap.validatie_merk("0" * 64))
    snap.load_snapshot(map_)
    assert aanroepen == [1, 1]  # a mark of another snapshot does not count
    monkeypatch.setenv(snap.GEVALIDEERD, snap.validatie_merk(geladen.checksum))
    (map_ / "cts2.parquet").write_bytes((map_ / "cts2.parquet").read_bytes() + b"x")
    with pytest.raises(snap.SnapshotError, match="checksum wijkt af"):
        snap.load_snapshot(map_)
