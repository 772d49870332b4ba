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
from analysis.synthetic import load_parameters, write_default_snapshot

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


def test_participation_per_region_any_wave_without_moves():
    per_regio = h3.regio_deelname(_tabellen(), REGIOS)
    assert per_regio["regio"].tolist() == REGIOS  # codebook order, regions without families included
    rij = per_regio.set_index("regio")
    assert rij.loc["Amsterdam-Amstelland"].tolist() == [1, 2, 2]
    assert rij.loc["Utrecht"].tolist() == [2, 3, 2]  # G2, G5 | M2 M5 F5 | K3 K7 (K8 never took part)
    assert rij.loc["Twente"].tolist() == [2, 3, 3]  # G3, G4 | F3 M3 M4 (F4 never) | K4 K5 K6
    assert rij.loc["Groningen"].tolist() == [0, 0, 0]
    assert "kinderen_zelf" not in per_regio.columns  # no child self-report table in the codebook


def _met_verhuizing() -> dict[str, pd.DataFrame]:
    """The five families, but G3 (T0 in Twente) lives in Groningen at T2, when F3 and K4 take
    part (M3 and K5 took part at T0 only). ``woonregio`` only has rows for G3 and G4; the other
    families fall back on ``gezinnen.regio``."""
    tabellen = _tabellen()
    tabellen["woonregio"] = pd.DataFrame({
        "gezin_id": ["G3", "G3", "G4", "G4", "G4"], "meting": ["T0", "T2", "T0", "T1", "T2"],
        "regio": ["Twente", "Groningen", "Twente", "Twente", "Twente"]})
    tabellen["vragenlijst_kind"] = pd.DataFrame({"kind_id": ["K4", "K5", "K6"], "meting": ["T2", "T0", "T1"]})
    return tabellen


def test_a_family_that_moves_counts_in_both_regions():
    per_regio = h3.regio_deelname(_met_verhuizing(), REGIOS, zelfrapportage=["vragenlijst_kind"]).set_index("regio")
    # Twente: G3 G4 | F3 M3 M4 | K4 K5 K6 | self K5 (T0) K6 (T1); K4's self-report is from Groningen.
    assert per_regio.loc["Twente"].tolist() == [2, 3, 3, 2]
    # Groningen: G3 at T2 | F3 | K4 | self K4.
    assert per_regio.loc["Groningen"].tolist() == [1, 1, 1, 1]
    assert per_regio.loc["Utrecht"].tolist() == [2, 3, 2, 0]  # no woonregio rows: gezinnen.regio
    totaal = per_regio.sum()
    assert totaal["gezinnen"] == 6 and totaal["ouders"] == 9 and totaal["kinderen"] == 8  # 5 families + one move
    noot = h3.tabel_3_1(h3.regio_lang(h3.regio_overzicht(per_regio.reset_index()))).noot
    assert "in beide regio's" in noot and "aan welke meting ook" in noot and "totaal kan" in noot
    tabellen = _met_verhuizing()
    assert h3.verhuisde_gezinnen(tabellen) == 1 and h3.verhuisde_gezinnen(tabellen, ["Groningen"]) == 1
    assert h3.verhuisde_gezinnen(tabellen, ["Utrecht"]) == 0 and h3.verhuisde_gezinnen(_tabellen()) == 0
    f = h3.feiten(h3.steekproef(tabellen), per_regio.reset_index(), verhuisd=1)
    assert f["regio"]["verhuisd"] == "1" and f["regio"]["totaal_gezinnen"] == "6" and f["regio"]["met_verhuizing"]
    assert f["kinderen_per_gezin"] == "1,4"  # T0: 7 children / 5 families, not Tabel 3.1's double counts


def test_scopes_keep_the_t0_region_of_a_family_that_moves():
    tabellen = _met_verhuizing()
    groningen, twente = beperk_tot_scope(tabellen, "groningen"), beperk_tot_scope(tabellen, "twente")
    assert groningen["gezinnen"].empty and groningen["woonregio"].empty
    assert set(twente["gezinnen"]["gezin_id"]) == {"G3", "G4"} and len(twente["woonregio"]) == 5
    assert h3.steekproef(twente).equals(h3.steekproef(beperk_tot_scope(_tabellen(), "twente")))


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
    assert per_regio.loc["Twente", "kinderen_zelf"] == 2  # K6 at T0 and K4 at T1: any wave counts
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
    # Children take part per wave (Tabel 3.2's children rows exact); families with two children at
    # T0 and T2 too. The printed 402 "in all waves" cannot hold with 304 at T2 alone under the
    # column's definition (in every wave), so the generator meets T2.
    assert (n["kinderen"][t1], n["kinderen"][t2]) == (1005, 940)
    assert (n["kinderen_3_12"][t1], n["kinderen_3_12"][t2], n["kinderen_3_12"][alle]) == (688, 609, 584)
    assert n["twee_kinderen"][t0] == 521 and n["twee_kinderen"][t2] == 304
    assert n["twee_kinderen"][alle] <= n["twee_kinderen"][t2]
    weergave = h3.tabel_3_2(h3.steekproef(synthetisch)).weergave.set_index("")
    assert weergave.loc["Gezinnen", "T0"] == "1.024" and weergave.loc["Ouders", "T0"] == "1.150"
    assert weergave.loc["Kinderen 3-18 jaar", "T0"] == "1.545"


def test_synthetic_tabel_3_1_counts_moved_families_twice(synthetisch):
    per_regio = h3.regio_deelname(synthetisch, REGIOS).set_index("regio")
    # Independently: families per region = distinct (family, region) pairs of the woonregio table.
    w = synthetisch["woonregio"]
    paren = w.drop_duplicates(["gezin_id", "regio"])
    assert per_regio["gezinnen"].sum() == len(paren) == 1024 + (paren.groupby("gezin_id").size() - 1).sum()
    assert (w[w["meting"] == "T0"].set_index("gezin_id")["regio"]
            == synthetisch["gezinnen"].set_index("gezin_id")["regio"]).all()  # T0 row = the family's region
    assert (per_regio["gezinnen"] > 0).all() and per_regio["ouders"].sum() > 1150 and per_regio["kinderen"].sum() > 1545
    # The printed Tabel 3.1 (synthetic_parameters.yaml): all but at most three of its 52 cells exact,
    # all in the one region that absorbs what the design cannot place (Groningen: families and
    # parents, and the self-reporters, whose total the children's generator overshoots by three).
    doel = load_parameters()["woonregio"]["tabel_3_1"]
    mis = {(r, i) for r in REGIOS for i, (a, b) in enumerate(zip(per_regio.loc[r].tolist(), doel[r])) if a != b}
    assert len(mis) <= 3 and len({r for r, _ in mis}) <= 1


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


# ================================================================================================
# Issue 5: Figuur 3.1-3.4 and Tabel 3.3-3.6.
# ================================================================================================
import math  # noqa: E402

from scipy import stats as sps  # noqa: E402

CB = load_codebook()


def _cts2(antwoorden: dict[str, dict[str, int]]) -> pd.DataFrame:
    """CTS2 rows for (parent, wave) with every item "never" (1) except the answers given."""
    kolommen = list(CB.items("cts2")["kolom"])
    rijen = []
    for sleutel, afwijkend in antwoorden.items():
        ouder, meting = sleutel.split("@")
        rijen.append({"ouder_id": ouder, "meting": meting, **{k: 1 for k in kolommen}, **afwijkend})
    return pd.DataFrame(rijen)


def _met_geweld() -> dict[str, pd.DataFrame]:
    """The five families of :func:`_tabellen` with CTS2 answers (no CTSPC):

    G1: M1 and F1 answer "never" to everything in every wave → no violence ever.
    G2: M2 answers 2 ("not in the past year, but before") to a physical item at T0 → violence.
    G3: F3 answers 3 to a psychological item at T2 → violence.
    G4: M4 answers 8 only to a negotiation item (not violence) → no violence ever.
    G5: M5 answers 4 to a psychological item at T1 → violence.
    """
    t = _tabellen()
    golven = {"M1": "T0 T1 T2", "F1": "T0 T1 T2", "M2": "T0 T1", "F3": "T0 T2", "M3": "T0", "M4": "T0 T1 T2", "M5": "T0 T1", "F5": "T0 T2"}
    afwijkend = {"M2@T0": {"cts2_05_slachtoffer": 2}, "F3@T2": {"cts2_03_dader": 3}, "M4@T1": {"cts2_01_dader": 8},
                 "M5@T1": {"cts2_18_slachtoffer": 4}}
    t["cts2"] = _cts2({f"{o}@{m}": afwijkend.get(f"{o}@{m}", {}) for o, ms in golven.items() for m in ms.split()})
    return t


def test_families_without_any_violence_are_left_out_and_the_flow_counted_by_hand():
    t = _met_geweld()
    uit = h3.gezinnen_zonder_geweld(t)
    assert uit == {"G1", "G4"}
    n = h3.stroom(t, uit)
    # In the study: G2 G3 G5. T1: G2 G5; T2: G3 G5; all three: G5; only T0: none.
    assert n == {"deelname": 5, "zonder_geweld": 2, "t0": 3, "t1": 2, "t2": 2, "alle": 1, "t1_niet_t2": 1, "t2_niet_t1": 1, "alleen_t0": 0}
    rest = h3.zonder_gezinnen(t, uit)
    assert set(rest["gezinnen"]["gezin_id"]) == {"G2", "G3", "G5"}
    assert not set(rest["deelname"]["respondent_id"]) & {"M1", "F1", "M4", "K1", "K2", "K6"}
    assert h3.zonder_gezinnen(t, set()) is t


def test_flow_chart_figures_carry_the_counts_and_hide_small_ones_regionally():
    n = {"deelname": 50, "zonder_geweld": 2, "t0": 48, "t1": 30, "t2": 28, "alle": 25, "t1_niet_t2": 5, "t2_niet_t1": 3, "alleen_t0": 15}
    f2 = h3.figuur_3_2(n, "nederland")
    assert f2.data["aantal"].tolist() == [50, 2, 48] and "48 gezinnen vormen de eerste meting" in f2.alt
    f3 = h3.figuur_3_3(n, "utrecht", beveiligen=True)
    data = f3.data.set_index("stap")["aantal"]
    # 2 and 3 are below the minimum; then T0 (= 50 - 2), "all three" (= 28 - 3) and T1-not-T2
    # (= 30 - 25) must go too, or the hidden ones could be recomputed.
    assert set(data[data.isna()].index) == {"zonder_geweld", "t0", "alle", "t1_niet_t2", "t2_niet_t1"}
    assert data[["deelname", "t1", "t2", "alleen_t0"]].tolist() == [50, 30, 28, 15]
    assert f"{ONDERDRUKT} wel aan T2" in f3.alt and f3.id == "figuur-3.3" and f3.label == "fig-stroom-dataset"


def _met_zelf() -> dict[str, pd.DataFrame]:
    """Self-report rows (a codebook table of the child's own questionnaire):
    K2 at T0, T1, T2; K4 at T0; K6 at T0 and T2."""
    t = _tabellen()
    naam = h3.rapporteur_tabellen("kind")[0]
    t[naam] = pd.DataFrame({"kind_id": ["K2", "K2", "K2", "K4", "K6", "K6"], "meting": ["T0", "T1", "T2", "T0", "T0", "T2"]})
    return t


def test_tabel_3_5_counts_by_hand_with_the_self_report_row():
    t = _met_zelf()
    zelf = h3.steekproef_zelf(t)
    assert zelf.set_index("kolom")["aantal"].to_dict() == {"T0": 3, "T1": 1, "T2": 2, "T0-T1-T2": 1}
    tabel = h3.tabel_3_5(h3.met_zelf(h3.steekproef(t), zelf))
    w = tabel.weergave.set_index("")
    assert list(tabel.weergave.columns) == ["", "T0", "T0-T1-T2"]
    assert w.loc["Gezinnen"].tolist() == ["5", "3"] and w.loc["Moeders"].tolist() == ["5", "2"]
    assert w.loc["Kinderen 8-18 jaar die zelf invullen"].tolist() == ["3", "1"]
    assert tabel.id == "tabel-3.5" and tabel.label == "tbl-dataset"
    # Tabel 3.2 gets the row too, right after the 13-18 year olds.
    rijen = h3.tabel_3_2(h3.met_zelf(h3.steekproef(t), zelf)).weergave.iloc[:, 0].tolist()
    assert rijen.index("Kinderen 8-18 jaar die zelf invullen") == rijen.index("Kinderen 13-18 jaar") + 1


def test_tabel_3_5_without_self_report_data_says_not_available():
    tabel = h3.tabel_3_5(h3.met_zelf(h3.steekproef(_tabellen()), h3.steekproef_zelf(_tabellen())))
    assert tabel.weergave.iloc[-1].tolist() == ["Kinderen 8-18 jaar die zelf invullen", "–", "–"]
    assert "nog niet beschikbaar" in tabel.noot


def _met_achtergrond() -> dict[str, pd.DataFrame]:
    """T0 background: hours of paid work M1 20, F1 40, M2 0, F3 12, M3 11, M4 unknown, M5 36, F5 0."""
    t = _tabellen()
    uren = {"M1": 20, "F1": 40, "M2": 0, "F3": 12, "M3": 11, "M4": None, "M5": 36, "F5": 0}
    t["ouders_achtergrond"] = pd.DataFrame({
        "ouder_id": list(uren), "meting": "T0", "uren_betaald_werk": pd.array(list(uren.values()), dtype="Int64"),
        "inkomen": ["minder_1500", "meer_3100", "minder_1500", "tussen_1500_3100", "minder_1500", "minder_1500", "tussen_1500_3100", "meer_3100"],
    })
    return t


def test_tabel_3_3_shares_counted_by_hand():
    t = _met_achtergrond()
    cellen = h3.achtergrond_ouders(t)
    w = cellen.set_index(["blok", "rij", "kolom"])
    # Ages at T0 (8 parents): 25-34: M2 M5 F5; 35-44: M1 F1 M3; 45-54: F3 M4.
    assert w.loc[("leeftijd", "25-34", "ouders"), "teller"] == 3 and w.loc[("leeftijd", "25-34", "ouders"), "n"] == 8
    assert w.loc[("leeftijd", "45-54", "moeders"), "waarde"] == pytest.approx(1 / 5)  # M4
    # 12 hours or more: M1 F1 F3 M5 of the 7 who answered; mothers M1 M5 of M1 M2 M3 M5.
    assert w.loc[("werk", "werkt", "ouders"), ["teller", "n"]].tolist() == [4, 7]
    assert w.loc[("werk", "werkt", "moeders"), "waarde"] == pytest.approx(0.5)
    # Children at T0 in the mothers' families: ages 5 14 12 13 3 18 8 → 73 / 7; fathers' (G1 G3 G5): 5 14 13 3 8.
    assert w.loc[("kinderen", "leeftijd", "moeders"), "waarde"] == pytest.approx(73 / 7)
    assert w.loc[("kinderen", "leeftijd", "vaders"), "waarde"] == pytest.approx(43 / 5)
    tabel = h3.tabel_3_3(cellen, {"ouders": 8, "moeders": 5, "vaders": 3})
    weergave = tabel.weergave.set_index("")
    assert list(weergave.columns) == ["Ouders (n = 8)", "Moeders (n = 5)", "Vaders (n = 3)", "CBS 2018"]
    assert weergave.loc["25-34 jaar"].tolist() == ["37,5%", "40,0%", "33,3%", ""]
    assert weergave.loc["Gemiddelde leeftijd kinderen"].tolist() == ["10,4 jaar", "10,4 jaar", "8,6 jaar", ""]
    assert weergave.loc["< €1.500"].tolist()[-1] == "14%"  # the CBS reference figure
    assert weergave.loc["Leeftijd (%)"].tolist() == ["", "", "", ""]  # a block heading
    assert tabel.id == "tabel-3.3" and tabel.label == "tbl-achtergrond-ouders"


def test_tabel_3_4_columns_by_reporter():
    t = _met_zelf()
    t["ctspc_ouder"] = pd.DataFrame({"ouder_id": ["M1", "M2"], "kind_id": ["K1", "K3"], "meting": ["T0", "T0"]})
    cellen = h3.achtergrond_kinderen(t).set_index(["blok", "rij", "kolom"])
    # T0: K1..K7 (7 children); a parent reported on K1 and K3; K2 K4 K6 filled in themselves.
    assert cellen.loc[("algemeen", "aantal", "totaal"), "waarde"] == 7
    assert cellen.loc[("algemeen", "aantal", "ouder"), "waarde"] == 2
    assert cellen.loc[("algemeen", "aantal", "zelf"), "waarde"] == 3
    assert cellen.loc[("algemeen", "leeftijd", "zelf"), "waarde"] == pytest.approx((14 + 13 + 18) / 3)
    assert cellen.loc[("leeftijd", "jong", "totaal"), ["teller", "n"]].tolist() == [4, 7]  # 5 12 3 8
    assert cellen.loc[("algemeen", "meisjes", "totaal"), "teller"] == 4  # K1 K3 K5 K7
    tabel = h3.tabel_3_4(h3.achtergrond_kinderen(_tabellen()))
    assert tabel.weergave.set_index("").loc["Aantal", "Zelf ingevuld"] == "–" and "nog niet beschikbaar" in tabel.noot


def test_figure_3_4_shares_per_group():
    g = pd.DataFrame({"gezin_id": list("ABCDE"), "categorie": ["geen", "ernstig", "ernstig", "mild", "ernstig"], "totaal": 0.0,
                      "alle_metingen": [True, True, False, False, True]})
    v = h3.geweld_t0_verdeling(g).set_index(["groep", "categorie"])
    assert v.loc[("totaal", "ernstig"), "aandeel"] == pytest.approx(3 / 5)
    assert v.loc[("alle", "geen"), ["aantal", "n"]].tolist() == [1, 3]
    figuur = h3.figuur_3_4(h3.geweld_t0_verdeling(g), "nederland")
    assert "T0 totaal (N = 5): geen geweld 20%" in figuur.alt and figuur.label == "fig-geweld-t0-groepen"


def test_tile_map_covers_the_regions_and_hides_small_counts():
    per_regio = pd.DataFrame({"regio": REGIOS, "gezinnen": range(1, len(REGIOS) + 1)})
    assert set(h3.TEGELS) == set(REGIOS)
    assert len(set(h3.TEGELS.values())) == len(REGIOS)  # no two tiles on one spot
    figuur = h3.figuur_3_1(per_regio, "nederland", beveiligen=True)
    data = figuur.data.set_index("regio")["gezinnen"]
    assert pd.isna(data[REGIOS[0]]) and data[REGIOS[-1]] == len(REGIOS)
    assert f"{REGIOS[0]} {ONDERDRUKT}" in figuur.alt


def test_small_cell_rule_in_background_tables():
    cellen = pd.DataFrame([
        {"blok": "b", "rij": "a", "kolom": "k", "soort": "aandeel", "teller": 3, "n": 20, "waarde": 0.15, "verdeling": True},
        {"blok": "b", "rij": "c", "kolom": "k", "soort": "aandeel", "teller": 7, "n": 20, "waarde": 0.35, "verdeling": True},
        {"blok": "b", "rij": "d", "kolom": "k", "soort": "aandeel", "teller": 10, "n": 20, "waarde": 0.5, "verdeling": True},
        {"blok": "e", "rij": "f", "kolom": "k", "soort": "gemiddelde", "teller": 12.0, "n": 4, "waarde": 3.0, "verdeling": False},
        {"blok": "e", "rij": "g", "kolom": "k", "soort": "aandeel", "teller": 15, "n": 20, "waarde": 0.75, "verdeling": False},
    ])
    uit = h3.beveilig_kenmerken(cellen).set_index("rij")
    # a is below the minimum; c (the smallest other share) is hidden too; a mean of 4 is hidden.
    assert uit["toonbaar"].to_dict() == {"a": False, "c": False, "d": True, "f": False, "g": True}
    assert uit["waarde"].isna().tolist() == [True, True, False, True, False]


def test_significance_markers():
    def toets(p):
        return h3.Toets("chi2", 1.0, (1,), p, "phi", 0.1, 10, None)
    assert [h3.significantie(toets(p)) for p in (0.2, 0.04, 0.009, 0.0004, math.nan)] == ["ns", "*", "**", "***", "–"]


# -- on the synthetic snapshot ------------------------------------------------------------------
def test_tabel_3_6_tests_agree_with_scipy(synthetisch):
    v = h3.vergelijking_t0(synthetisch)
    toetsen = h3.vergelijking_toetsen(v)
    blijver = v["groep"] == "blijver"
    for blok, kolom in h3.TOETS_BLOKKEN.items():
        tabel = pd.crosstab(v[kolom].dropna(), v.loc[v[kolom].notna(), "groep"])
        chi2, p, dof, _ = sps.chi2_contingency(tabel.to_numpy(), correction=False)
        assert toetsen[blok].statistiek == pytest.approx(chi2) and toetsen[blok].p == pytest.approx(p)
        assert toetsen[blok].effect == pytest.approx(math.sqrt(chi2 / (tabel.to_numpy().sum() * (min(tabel.shape) - 1))))
    for typ in h3.INCIDENT_TYPEN:
        a, b = v.loc[blijver, typ].dropna(), v.loc[~blijver, typ].dropna()
        res = sps.ttest_ind(a, b)
        assert toetsen[typ].statistiek == pytest.approx(res.statistic) and toetsen[typ].p == pytest.approx(res.pvalue)
    # The whole T0 group is every parent at T0; the three-wave group the parents in every wave.
    n = _als_dict(h3.steekproef(synthetisch))
    assert len(v) == n["ouders"][0] and int(blijver.sum()) == n["ouders"][3]


def test_synthetic_chapter_3_items_nationally_and_for_a_small_region(synthetisch):
    for scope in ("nederland", "zaanstreek-waterland"):
        beveiligen = scope != "nederland"
        t = beperk_tot_scope(synthetisch, scope)
        uit = h3.gezinnen_zonder_geweld(t)
        tabellen = h3.zonder_gezinnen(t, uit)
        n = h3.stroom(t, uit)
        assert n["t0"] == n["deelname"] - n["zonder_geweld"] and n["alle"] == n["t1"] - n["t1_niet_t2"] == n["t2"] - n["t2_niet_t1"]
        assert n["t0"] == n["alle"] + n["t1_niet_t2"] + n["t2_niet_t1"] + n["alleen_t0"]
        ouders = h3.achtergrond_ouders(tabellen)
        kinderen = h3.achtergrond_kinderen(tabellen)
        v = h3.vergelijking_t0(tabellen)
        for cellen in (ouders, kinderen, h3.vergelijking_cellen(v)):
            getoond = h3.beveilig_kenmerken(cellen) if beveiligen else cellen
            if beveiligen:
                aandelen = getoond[(getoond["soort"] == "aandeel") & getoond["toonbaar"]]
                assert (aandelen["teller"] >= MINIMUM_CELGROOTTE).all()
                assert ((aandelen["n"] - aandelen["teller"]) >= MINIMUM_CELGROOTTE).all()
                for _, deel in getoond[getoond["verdeling"]].groupby(["blok", "kolom"]):
                    assert (~deel["toonbaar"]).sum() != 1  # a hidden share cannot be recomputed
        n_ouders = {k: len(x) for k, x in h3.ouder_kolommen(h3.ouders_t0(tabellen)).items()}
        h3.tabel_3_3(h3.beveilig_kenmerken(ouders) if beveiligen else ouders, n_ouders, beveiligen)
        tabel = h3.tabel_3_6(h3.vergelijking_cellen(v), h3.vergelijking_toetsen(v), {"totaal": n["t0"], "alle": n["alle"]},
                             {"totaal": len(v), "alle": int((v["groep"] == "blijver").sum())}, v.attrs["ace_beschikbaar"], beveiligen)
        assert tabel.weergave.columns[-1] == "Significantie"
        geweld = h3.geweld_t0(tabellen)
        verdeling = h3.geweld_t0_verdeling(geweld)
        assert verdeling.groupby("groep")["aandeel"].sum().round(9).eq(1).all()
        f = h3.feiten_populatie(stroom_n=n, zelf=h3.steekproef_zelf(tabellen), ouders=ouders, n_ouders=n_ouders, kinderen=kinderen,
                                vergelijking=h3.vergelijking_cellen(v), toetsen=h3.vergelijking_toetsen(v), geweld=verdeling,
                                geweld_toets=h3.geweld_t0_toets(geweld), beveiligen=beveiligen)
        assert f["geweld_t0"]["toets"]["oordeel"] in {"geen", "klein_niet_betekenisvol", "betekenisvol"}
        if not beveiligen:
            assert f["stroom"]["deelname"] == "1.024"
