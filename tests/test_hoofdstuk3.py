"""Chapter 3: participation per region (Tabel 3.1) and sample size per wave (Tabel 3.2).

Hand-made tiny tables whose counts are worked out by hand below, plus a check that the
synthetic default snapshot reproduces the study's design counts of Tabel 3.2.
"""

from __future__ import annotations

import pandas as pd
import pytest

from analysis import hoofdstuk3 as h3
from analysis.codebook import load_codebook
from analysis.disclosure import MINIMUM_CELGROOTTE, ONDERDRUKT
from analysis.populatie import beperk_tot_scope, gezinnen_alle_metingen
from analysis.snapshot import load_snapshot
from analysis.synthetic import write_default_snapshot

REGIOS = load_codebook().regios


def _tabellen() -> dict[str, pd.DataFrame]:
    """Five families in three regions.

    G1 Amsterdam-Amstelland: mother M1 and father F1 in every wave; children K1 (5) and K2 (14)
       in every wave → a couple with two children throughout.
    G2 Utrecht: mother M2 at T0, T1; child K3 (12) at T0, T1; child K8 (10) never takes part.
    G3 Twente: father F3 at T0, T2; mother M3 at T0 only; children K4 (13) at T0, T2, K5 (3) at T0.
    G4 Twente: mother M4 in every wave; child K6 (18) in every wave; father F4 never takes part.
    G5 Utrecht: mother M5 at T0, T1 and father F5 at T0, T2 (so the family is in every wave, but
       no parent is, and it is a couple only at T0); child K7 (8) at T0.
    """
    gezinnen = pd.DataFrame({
        "gezin_id": ["G1", "G2", "G3", "G4", "G5"],
        "regio": ["Amsterdam-Amstelland", "Utrecht", "Twente", "Twente", "Utrecht"],
    })
    ouders = pd.DataFrame({
        "ouder_id": ["M1", "F1", "M2", "F3", "M3", "M4", "F4", "M5", "F5"],
        "gezin_id": ["G1", "G1", "G2", "G3", "G3", "G4", "G4", "G5", "G5"],
        "geslacht": ["vrouw", "man", "vrouw", "man", "vrouw", "vrouw", "man", "vrouw", "man"],
        "leeftijd_t0": [35, 37, 30, 45, 44, 50, 52, 33, 34],
    })
    kinderen = pd.DataFrame({
        "kind_id": ["K1", "K2", "K3", "K4", "K5", "K6", "K7", "K8"],
        "gezin_id": ["G1", "G1", "G2", "G3", "G3", "G4", "G5", "G2"],
        "geslacht": ["meisje", "jongen", "meisje", "jongen", "meisje", "jongen", "meisje", "jongen"],
        "leeftijd_t0": [5, 14, 12, 13, 3, 18, 8, 10],
    })
    golven = {
        "M1": "T0 T1 T2", "F1": "T0 T1 T2", "M2": "T0 T1", "F3": "T0 T2", "M3": "T0", "M4": "T0 T1 T2",
        "M5": "T0 T1", "F5": "T0 T2",
        "K1": "T0 T1 T2", "K2": "T0 T1 T2", "K3": "T0 T1", "K4": "T0 T2", "K5": "T0", "K6": "T0 T1 T2", "K7": "T0",
    }
    deelname = pd.DataFrame([(r, m) for r, ms in golven.items() for m in ms.split()], columns=["respondent_id", "meting"])
    return {"gezinnen": gezinnen, "ouders": ouders, "kinderen": kinderen, "deelname": deelname}


# Worked out by hand from the docstring above: {group: (T0, T1, T2, T0-T1-T2)}.
VERWACHT = {
    "gezinnen": (5, 4, 4, 3),        # T1: G1 G2 G4 G5; T2: G1 G3 G4 G5; all: G1 G4 G5
    "echtparen": (3, 1, 1, 1),       # T0: G1 G3 G5; later only G1
    "ouders": (8, 5, 5, 3),          # F4 never; all three: M1 F1 M4
    "moeders": (5, 4, 2, 2),         # T1: M1 M2 M4 M5; T2: M1 M4
    "vaders": (3, 1, 3, 1),          # T0: F1 F3 F5; T1: F1; T2: F1 F3 F5
    "kinderen": (7, 4, 4, 3),        # K8 never; all three: K1 K2 K6
    "kinderen_3_12": (4, 2, 1, 1),   # K1 K3 K5 K7 | K1 K3 | K1 | K1
    "kinderen_13_18": (3, 2, 3, 2),  # K2 K4 K6 | K2 K6 | K2 K4 K6 | K2 K6
    "twee_kinderen": (2, 1, 1, 1),   # T0: G1 G3 (G2's K8 never takes part); later only G1
}


def _als_dict(tellingen: pd.DataFrame) -> dict[str, tuple[int, ...]]:
    breed = tellingen.pivot(index="groep", columns="kolom", values="aantal")
    return {g: tuple(int(breed.loc[g, k]) for k in h3.KOLOMMEN_3_2) for g in h3.GROEPEN}


def test_sample_size_per_wave_counted_by_hand():
    assert _als_dict(h3.steekproef(_tabellen())) == VERWACHT


def test_families_in_all_waves_are_chapter_4s_families():
    tabellen = _tabellen()
    tellingen = _als_dict(h3.steekproef(tabellen))
    assert tellingen["gezinnen"][3] == len(gezinnen_alle_metingen(tabellen)) == 3


def test_tabel_3_2_layout_and_dutch_numbers():
    tabel = h3.tabel_3_2(h3.steekproef(_tabellen()))
    assert list(tabel.weergave.columns) == ["", "T0", "T1", "T2", "T0-T1-T2"]
    assert tabel.weergave.iloc[:, 0].tolist() == list(h3.GROEPEN.values())
    assert tabel.weergave.iloc[0].tolist() == ["Gezinnen", "5", "4", "4", "3"]
    assert tabel.label == "tbl-steekproef" and tabel.id == "tabel-3.2"
    assert ONDERDRUKT not in tabel.noot  # nothing hidden nationally


def test_participation_per_region_at_t0():
    per_regio = h3.regio_deelname(_tabellen(), REGIOS)
    assert per_regio["regio"].tolist() == REGIOS  # codebook order, regions without families included
    rij = per_regio.set_index("regio")
    assert rij.loc["Amsterdam-Amstelland"].tolist() == [1, 2, 2]
    assert rij.loc["Utrecht"].tolist() == [2, 3, 2]  # G2, G5 | M2 M5 F5 | K3 K7 (K8 never took part)
    assert rij.loc["Twente"].tolist() == [2, 3, 3]  # G3, G4 | F3 M3 M4 (F4 never) | K4 K5 K6
    assert rij.loc["Groningen"].tolist() == [0, 0, 0]
    assert "kinderen_zelf" not in per_regio.columns  # no child self-report table in the codebook


def test_tabel_3_1_has_regions_then_g4_and_total():
    tabel = h3.tabel_3_1(h3.regio_lang(h3.regio_overzicht(h3.regio_deelname(_tabellen(), REGIOS))))
    w = tabel.weergave
    assert list(w.columns) == ["Veilig Thuis-regio", "Gezinnen", "Ouders", "Kinderen"]
    assert w["Veilig Thuis-regio"].tolist() == [*REGIOS, "G4", "Totaal"]
    assert w.iloc[-2].tolist() == ["G4", "3", "5", "4"]  # Amsterdam-Amstelland + Utrecht
    assert w.iloc[-1].tolist() == ["Totaal", "5", "8", "7"]
    assert "zelf vragenlijsten" in tabel.noot and "G4: Amsterdam-Amstelland" in tabel.noot
    assert tabel.label == "tbl-regio-deelname" and tabel.id == "tabel-3.1"
    assert set(tabel.data.columns) >= {"regio", "soort", "kenmerk", "aantal"}


def test_child_self_report_column_appears_when_the_data_have_it():
    tabellen = _tabellen()
    tabellen["vragenlijst_kind"] = pd.DataFrame({"kind_id": ["K2", "K4", "K6", "K6"], "meting": ["T0", "T1", "T0", "T1"]})
    per_regio = h3.regio_deelname(tabellen, REGIOS, zelfrapportage=["vragenlijst_kind"]).set_index("regio")
    assert per_regio.loc["Amsterdam-Amstelland", "kinderen_zelf"] == 1  # K2
    assert per_regio.loc["Twente", "kinderen_zelf"] == 1  # K6 at T0 (K4 only at T1)
    tabel = h3.tabel_3_1(h3.regio_lang(h3.regio_overzicht(per_regio.reset_index())))
    assert tabel.weergave.columns[-1] == "Kinderen die zelf vragenlijsten invullen"
    assert "ontbreekt" not in tabel.noot


def test_regional_scope_one_row_and_small_cells_hidden():
    tabellen = beperk_tot_scope(_tabellen(), "twente")
    per_regio = h3.regio_deelname(tabellen, h3.scope_regios("twente"))
    cellen = h3.beveilig_aantallen(h3.regio_lang(h3.regio_overzicht(per_regio, totalen=False)))
    tabel = h3.tabel_3_1(cellen)
    assert tabel.weergave.values.tolist() == [["Twente", ONDERDRUKT, ONDERDRUKT, ONDERDRUKT]]
    assert cellen["aantal"].isna().all() and f"{ONDERDRUKT} = niet getoond" in tabel.noot
    steekproef = h3.tabel_3_2(h3.beveilig_aantallen(h3.steekproef(tabellen)))
    assert (steekproef.weergave.iloc[:, 1:] == ONDERDRUKT).all().all()  # every count here is below the minimum


def test_facts_shares_and_ties():
    tabellen = _tabellen()
    per_regio = h3.regio_deelname(tabellen, ["Amsterdam-Amstelland", "Utrecht", "Twente"])
    f = h3.feiten(h3.steekproef(tabellen), per_regio)
    assert f["steekproef"]["gezinnen"] == {"T0": "5", "T1": "4", "T2": "4", "T0-T1-T2": "3", "alle": "3"}
    assert f["behoud"]["gezinnen"] == {"T1": "80%", "T2": "80%", "alle": "60%"}
    assert f["behoud"]["vaders"]["alle"] == "33%"  # 1 of 3
    assert f["aandeel"]["moeders_t0"] == "63%"  # 5 of 8 = 62.5% → half up
    assert f["uitval_gezinnen"]["meeste"] == "eerste" and f["uitval_gezinnen"]["daarna_richting"] == "gelijk gebleven"
    assert f["regio"]["meeste"] == {"namen": ["Utrecht", "Twente"], "aantal": "2", "meer_dan_een": True}
    assert f["regio"]["minste"]["namen"] == ["Amsterdam-Amstelland"]
    assert f["regio"]["g4"]["gezinnen"] == "3" and f["regio"]["g4"]["aandeel_gezinnen"] == "60%"
    assert f["kinderen_per_gezin"] == "1,4"  # 7 children / 5 families
    assert f["twee_kinderen_bij_blijvers"] == "lager"  # 1 of 3 (33%) against 2 of 5 (40%)
    assert f["leeftijden"]["kinderen_13_18"] == {"van": "13", "tot": "18"}


def test_facts_in_a_regional_scope_hide_small_counts_and_shares():
    tabellen = _tabellen()
    f = h3.feiten(h3.steekproef(tabellen), h3.regio_deelname(tabellen, ["Utrecht"]), beveiligen=True)
    assert f["steekproef"]["gezinnen"]["T0"] == "5" and f["steekproef"]["vaders"]["T0"] == ONDERDRUKT
    assert f["behoud"]["gezinnen"]["T1"] == ONDERDRUKT  # 4 of 5: fewer than the minimum inside and outside
    assert f["twee_kinderen_bij_blijvers"] == "onbekend"
    assert f["regio"]["meeste"]["aantal"] == ONDERDRUKT


# -- the synthetic default snapshot reproduces the study's design ------------------------------
@pytest.fixture(scope="module")
def synthetisch(tmp_path_factory) -> dict[str, pd.DataFrame]:
    return load_snapshot(write_default_snapshot(tmp_path_factory.mktemp("snap") / "synthetisch")).tabellen


def test_synthetic_snapshot_reproduces_the_design_counts(synthetisch):
    n = _als_dict(h3.steekproef(synthetisch))
    t0, t1, t2, alle = 0, 1, 2, 3
    assert n["gezinnen"][t0] == 1024 and n["gezinnen"][t1] == 674 and n["gezinnen"][t2] == 636 and n["gezinnen"][alle] == 576
    assert (n["ouders"][t0], n["moeders"][t0], n["vaders"][t0], n["echtparen"][t0]) == (1150, 848, 302, 126)
    assert (n["ouders"][alle], n["moeders"][alle], n["vaders"][alle], n["echtparen"][alle]) == (633, 472, 161, 57)
    assert (n["kinderen"][t0], n["kinderen_3_12"][t0], n["kinderen_13_18"][t0]) == (1545, 1077, 468)
    assert n["twee_kinderen"][t0] == 521 and n["twee_kinderen"][alle] == 402
    weergave = h3.tabel_3_2(h3.steekproef(synthetisch)).weergave.set_index("")
    assert weergave.loc["Gezinnen", "T0"] == "1.024" and weergave.loc["Ouders", "T0"] == "1.150"
    assert weergave.loc["Kinderen 3-18 jaar", "T0"] == "1.545"


def test_synthetic_tabel_3_1_adds_up_to_the_t0_sample(synthetisch):
    per_regio = h3.regio_deelname(synthetisch, REGIOS)
    assert per_regio[["gezinnen", "ouders", "kinderen"]].sum().tolist() == [1024, 1150, 1545]
    assert (per_regio["gezinnen"] > 0).all()


def test_synthetic_regional_tables_obey_the_small_cell_rule(synthetisch):
    for scope in ("utrecht", "zaanstreek-waterland"):
        tabellen = beperk_tot_scope(synthetisch, scope)
        ruw = h3.steekproef(tabellen)
        cellen = h3.beveilig_aantallen(ruw)
        assert cellen.loc[ruw["aantal"] < MINIMUM_CELGROOTTE, "aantal"].isna().all()
        # No hidden count can be recomputed from a sum in the same column.
        for _, kolom in cellen.groupby("kolom"):
            verborgen = set(kolom.loc[kolom["aantal"].isna(), "groep"])
            for totaal, delen in h3.OPTELLINGEN_3_2:
                assert len(verborgen & {totaal, *delen}) != 1
        getoond = h3.tabel_3_2(cellen).weergave.iloc[:, 1:].to_numpy().ravel()
        assert all(c == ONDERDRUKT or int(c.replace(".", "")) >= MINIMUM_CELGROOTTE for c in getoond)
        regio_tabel = h3.tabel_3_1(h3.regio_lang(h3.regio_overzicht(h3.regio_deelname(tabellen, h3.scope_regios(scope)), totalen=False)))
        assert regio_tabel.weergave["Veilig Thuis-regio"].tolist() == h3.scope_regios(scope)
