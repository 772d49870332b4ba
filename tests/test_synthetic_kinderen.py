"""Tests for the children's instruments: the codebook (codeboek/kinderen.yaml) against Tabel 2.1 and
§2.5, and the synthetic generator analysis.synthetic_kinderen (exact design counts, age windows,
valid answers, realistic dependencies, loose calibration, determinism).

Expectations are the report's values, typed here (Tabel 2.1, §2.5.1-2.5.5, Tabel 3.2, 3.4, 4.5,
hoofdstuk 6); where the reference catalogue is present, Tabel 2.1 is also read from it.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from analysis.codebook import load_codebook
from analysis.snapshot import validate_tables
from analysis.synthetic import generate, load_parameters
from analysis.synthetic_kinderen import leeftijd_per_meting

CATALOGUS = Path("/work/shared/reference/catalogue/ch02.json")
ALLE = ["T0", "T1", "T2"]
KIND = "kind (8-18 jaar)"
OUDER_OVER_KIND = "ouder over kind"

#: Tabel 2.1, children's column and the parents' reports about a child (CR): instrument ->
#: (reporter, waves, age window of its table). HiPIC and IPS/ISS are in codeboek/hulp.yaml.
TABEL_2_1 = {
    "ctspc_kind": (KIND, ALLE, [8, 18]),  # CTSPC kindversie (incl. getuige van partnergeweld = the CTS2 row)
    "tscyc": (OUDER_OVER_KIND, ALLE, [3, 12]),  # footnote *: only children of 3-12
    "tscc": (KIND, ALLE, [8, 18]),
    "security_scale_ouder": (OUDER_OVER_KIND, ALLE, [3, 18]),
    "security_scale_kind": (KIND, ALLE, [8, 18]),
    "sims_pr": (OUDER_OVER_KIND, ALLE, [3, 12]),  # §2.5.3: parents of children of 3-12
    "sis": (KIND, ALLE, [8, 18]),
    "isrd": (KIND, ALLE, [8, 18]),  # ISRD-3 delinquency, school, sexual behaviour; ESPAD substance use
    "kidscreen": (KIND, ALLE, [8, 18]),
    "hipic": (KIND, ["T0", "T1"], None),
    "ips_kind": (KIND, ALLE, None),
    "iss_kind": (KIND, ALLE, None),
}
#: Children's column of Tabel 2.1 (instrument text -> codebook instrument).
TABEL_2_1_TEKST = {
    "Conflict Tactic Scale Parents Child (CTSPC)": "ctspc_kind",
    "Revised Conflict Tactic Scale (CTS2)": "ctspc_kind",
    "Security Scale": "security_scale_kind",
    "Security in the Interparental Subsystem Scale Child Report (SIS)": "sis",
    "Trauma Symptom Checklist for Children (TSCC)": "tscc",
    "Hierarchical Personality Inventory for Children (HiPIC)": "hipic",
    "Inventory Professional Support (IPS)": "ips_kind",
    "Inventory Social Support (ISS)": "iss_kind",
    "Kidscreen-27": "kidscreen",
    "International Self-Report Delinquency Study (ISRD-3) subscale delinquent behaviour": "isrd",
    "International Self-Report Delinquency Study (ISRD-3) subscale sexual behaviour**": "isrd",
    "European School Survey Project on Alcohol and Other Drugs (ESPAD) subscale substance use**": "isrd",
    "Item of the ISRD-3": "isrd",
}
ZELF = ["ctspc_kind", "tscc", "security_scale_kind", "sis", "isrd", "kidscreen"]
OVER_KIND = ["tscyc", "security_scale_ouder", "sims_pr"]


@pytest.fixture(scope="module")
def cb():
    return load_codebook()


@pytest.fixture(scope="module")
def standaard() -> dict:
    start = time.perf_counter()
    tabellen = generate()
    return {"tabellen": tabellen, "seconden": time.perf_counter() - start}


@pytest.fixture(scope="module")
def tabellen(standaard) -> dict[str, pd.DataFrame]:
    return standaard["tabellen"]


def _leeftijd(tabellen, df: pd.DataFrame) -> np.ndarray:
    """Age at the wave of each row, computed here: age at T0 + 0 / 1 / 1 (1.5 rounded down)."""
    t0 = df["kind_id"].map(tabellen["kinderen"].set_index("kind_id")["leeftijd_t0"]).astype(int)
    return (t0 + df["meting"].map({"T0": 0, "T1": 1, "T2": 1})).to_numpy()


def _alle_drie(tabellen) -> set[str]:
    """Children of the families that took part in all three waves (chapter 4 and 6 populations)."""
    d = tabellen["deelname"]
    ouders = d[d["respondent_id"].str.startswith("O")].groupby("respondent_id").size()
    gezinnen = set(tabellen["ouders"].set_index("ouder_id").loc[ouders[ouders == 3].index, "gezin_id"])
    k = tabellen["kinderen"]
    return set(k.loc[k["gezin_id"].isin(gezinnen), "kind_id"])


def _per_meting(df: pd.DataFrame, kolom: str) -> dict[str, float]:
    return df.groupby("meting")[kolom].mean().mul(100).to_dict()


# ---------------------------------------------------------------------------------------
# The codebook
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("instrument", sorted(TABEL_2_1))
def test_every_child_instrument_of_tabel_2_1_with_reporter_waves_and_ages(cb, instrument):
    rapporteur, metingen, leeftijd = TABEL_2_1[instrument]
    spec = cb.instrument(instrument)
    assert spec["rapporteur"] == rapporteur
    assert spec["metingen"] == metingen
    for sleutel in ("label", "bron", "paragraaf", "antwoordschaal", "kolom", "items"):
        assert spec[sleutel], sleutel
    tabel = cb.tabellen[instrument]
    assert tabel["instrument"] == instrument
    if leeftijd is not None:
        assert tabel["leeftijd"] == leeftijd
        verwacht = ["kind_id", "meting"] if rapporteur == KIND else ["ouder_id", "kind_id", "meting"]
        assert tabel["sleutel"] == verwacht


@pytest.mark.skipif(not CATALOGUS.is_file(), reason="reference catalogue not present")
def test_tabel_2_1_from_the_catalogue(cb):
    tabel = next(i for i in json.loads(CATALOGUS.read_text(encoding="utf-8"))["items"] if i["id"] == "tabel-2.1")
    gezien = set()
    for rij in tabel["rows"]:
        instrument_tekst, golven = rij["values"][2], rij["values"][3]
        if not instrument_tekst:
            continue
        naam = TABEL_2_1_TEKST[instrument_tekst]
        gezien.add(naam)
        assert cb.instrument(naam)["metingen"] == [f"T{g}" for g in golven.split("/")], naam
    assert gezien == set(TABEL_2_1) - {"tscyc", "security_scale_ouder", "sims_pr"}
    # The parents' CR rows about a child: TSCYC (3-12), Security Scale, SIM(S)-PR.
    ouder = {rij["values"][0] for rij in tabel["rows"]}
    assert {"CR: Trauma Symptom Checklist for Young Children (TSCYC)*", "CR: Security Scale",
            "CR: Security in the marital Subsystem Parent Report (SIM-PR)"} <= ouder


def test_items_and_scales_as_in_section_2_5(cb):
    def aantallen(instrument):
        return cb.items(instrument).drop_duplicates("nr")["subschaal"].value_counts().to_dict()

    # CTSPC kindversie (r. 1528-1544): 4 discipline, 5 psychological, 13 physical, 15 witnessing; no neglect.
    ck = aantallen("ctspc_kind")
    assert ck == {"disciplinering": 4, "psychisch": 5, "fysiek": 13, "getuige_psychisch": 5, "getuige_fysiek": 10}
    assert cb.instrument("ctspc_kind")["antwoordschaal"] == "frequentie_1_8"
    assert sum(aantallen("tscyc").values()) == 90 and len(aantallen("tscyc")) == 8
    assert sum(aantallen("tscc").values()) == 54 and len(aantallen("tscc")) == 8
    for instrument in ("tscyc", "tscc"):
        schalen = cb.instrument(instrument)["schalen"]
        assert sum(s["klinisch"] for s in schalen) == 6 and sum(not s["klinisch"] for s in schalen) == 2
        assert "posttraumatische_stress" in {s["code"] for s in schalen}
    assert len(cb.items("security_scale_ouder")) == 15
    assert len(cb.items("security_scale_kind")) == 30  # 15 items about father and about mother
    assert cb.instrument("security_scale_kind")["perspectieven"] == ["vader", "moeder"]
    assert set(aantallen("sims_pr")) == {"OA", "OI", "OER", "BD"} and sum(aantallen("sims_pr").values()) == 28
    assert set(aantallen("sis")) == {"OA", "OI", "OER", "BD", "CFR", "DFR", "CSR"} and sum(aantallen("sis").values()) == 44
    isrd = cb.instrument("isrd")["items"]
    assert len(isrd) == 29
    assert {i["subschaal"] for i in isrd if i.get("leeftijd_min") == 12} == {"seksueel_gedrag", "middelengebruik"}
    assert {i["subschaal"] for i in isrd if not i.get("leeftijd_min")} == {"delinquentie", "school"}
    ks = cb.instrument("kidscreen")["items"]
    assert pd.Series([i["subschaal"] for i in ks]).value_counts().to_dict() == {
        "psychisch_welbevinden": 7, "ouders_autonomie": 7, "lichamelijk_welzijn": 5, "vrienden_steun": 4, "school": 4}
    assert sum(bool(i.get("kidscreen10")) for i in ks) == 10
    schalen = {
        "tscyc": ("niet_heel_vaak_0_3", 0, 3), "tscc": ("nooit_bijna_altijd_0_3", 0, 3),
        "security_scale_ouder": ("mee_eens_1_5", 1, 5), "sims_pr": ("helemaal_1_5", 1, 5),
        "sis": ("waar_voor_mij_1_4", 1, 4), "kidscreen": ("kidscreen_1_5", 1, 5),
    }
    for instrument, (schaal, laag, hoog) in schalen.items():
        assert cb.instrument(instrument)["antwoordschaal"] == schaal
        waarden = sorted(int(k) for k in cb.antwoordschaal(schaal)["waarden"])
        assert (waarden[0], waarden[-1]) == (laag, hoog)


def test_child_ctspc_items_point_at_the_parents_and_cts2_acts(cb):
    ouder = cb.items("ctspc_ouder").set_index("nr")
    cts2 = cb.items("cts2").drop_duplicates("nr").set_index("nr")
    for item in cb.instrument("ctspc_kind")["items"]:
        if item.get("ctspc_ouder_nr") is not None:
            bron = ouder.loc[item["ctspc_ouder_nr"]]
            assert (item["subschaal"], item["ernst"]) == (bron["subschaal"], bron["ernst"] if isinstance(bron["ernst"], str) else None)
        else:
            bron = cts2.loc[item["cts2_nr"]]
            assert item["subschaal"] == "getuige_" + bron["subschaal"] and item["ernst"] == bron["ernst"]


def test_scoring_constants_are_rules_with_source(cb):
    regels = cb.raw["regels"]
    nodig = ["leeftijd_per_meting", "zelfrapportage_leeftijd", "tscyc_normen", "tscyc_klinisch_t_min", "tscc_normen",
             "tscc_klinisch_t_min", "security_scale_normen", "sims_pr_normen", "sis_normen", "emotioneel_onveilig_sd",
             "isrd_probleemgedragingen", "isrd_norm_per_leeftijd", "kidscreen_score", "kidscreen_normen"]
    for naam in nodig:
        assert {"waarde", "paragraaf", "bron"} <= set(regels[naam]), naam
    # Values the report does not give are marked provisional.
    for naam in ("tscyc_normen", "tscc_normen", "security_scale_normen", "sims_pr_normen", "sis_normen",
                 "isrd_norm_per_leeftijd", "kidscreen_normen"):
        assert regels[naam]["voorlopig"] is True and "VOORLOPIG" in regels[naam]["bron"]
    assert regels["leeftijd_per_meting"]["waarde"] == {"T0": 0, "T1": 1, "T2": 1.5}
    assert regels["emotioneel_onveilig_sd"]["waarde"]["sd_boven_gemiddelde"] == 2
    assert len(regels["isrd_probleemgedragingen"]["waarde"]) == 11
    assert set(regels["isrd_norm_per_leeftijd"]["waarde"]) == set(range(8, 19))


# ---------------------------------------------------------------------------------------
# The generated tables
# ---------------------------------------------------------------------------------------
def test_generated_tables_validate(tabellen):
    assert validate_tables(tabellen) == []
    for naam in ZELF + OVER_KIND:
        assert len(tabellen[naam]) > 0


def test_exact_design_counts_of_self_reporting_children(tabellen):
    """Tabel 3.2, 'Kinderen 8-18 jaar zelf': 362 / 268 / 266, 156 in all three waves; Tabel 3.4: 362 at T0."""
    for naam in ZELF + ["hipic", "ips_kind"]:
        df = tabellen[naam]
        per_meting = df.groupby("meting").size().to_dict()
        verwacht = {"T0": 362, "T1": 268, "T2": 266} if naam != "hipic" else {"T0": 362, "T1": 268}
        assert per_meting == verwacht, naam
    ck = tabellen["ctspc_kind"]
    assert (ck.groupby("kind_id").size() == 3).sum() == 156
    # The same children in every self-report (the help domain uses this domain's selection).
    sleutels = {naam: set(zip(tabellen[naam]["kind_id"], tabellen[naam]["meting"])) for naam in ZELF + ["ips_kind"]}
    assert len({frozenset(s) for s in sleutels.values()}) == 1


def test_self_reporters_at_t0_look_like_tabel_3_4(tabellen):
    kinderen = tabellen["kinderen"].set_index("kind_id")
    t0 = kinderen.loc[tabellen["tscc"].query("meting == 'T0'")["kind_id"]]
    assert abs((t0["geslacht"] == "meisje").mean() * 100 - 50.0) < 6
    assert abs(t0["leeftijd_t0"].mean() - 12.7) < 0.5
    assert abs((t0["leeftijd_t0"] <= 12).mean() * 100 - 49.7) < 6


def test_age_windows_hold(tabellen):
    for naam in ZELF:
        df = tabellen[naam]
        leeftijd = _leeftijd(tabellen, df)
        t0 = _leeftijd(tabellen, df.assign(meting="T0"))
        assert leeftijd.min() >= 8 and t0.max() <= 18, naam
    for naam, hoog in (("tscyc", 12), ("sims_pr", 12)):
        leeftijd = _leeftijd(tabellen, tabellen[naam])
        assert leeftijd.min() >= 3 and leeftijd.max() == hoog, naam
    so = tabellen["security_scale_ouder"]
    assert _leeftijd(tabellen, so).max() == 19  # children of 18 at T0 stay in at T1 and T2
    assert _leeftijd(tabellen, tabellen["tscc"]).max() == 19


def _met_lijsten(tabellen) -> set[tuple[str, str]]:
    """(kind_id, meting) with any child questionnaire (a parent's list about it or its own)."""
    delen = [tabellen[n][["kind_id", "meting"]] for n in ZELF[1:] + OVER_KIND]
    return set(map(tuple, pd.concat(delen).drop_duplicates().to_numpy()))


def test_parents_report_about_every_child_of_the_right_age(tabellen):
    """The parents' lists about a child come together: where a child has lists at a wave, every
    parent of its family taking part then has a Security Scale row about it, and a TSCYC and
    SIMS-PR row when the child is 3-12 at the wave; a child taking part without lists has none."""
    sleutel = ["ouder_id", "kind_id", "meting"]
    so = tabellen["security_scale_ouder"]
    so_keys = set(map(tuple, so[sleutel].to_numpy()))
    jong = so[_leeftijd(tabellen, so) <= 12]
    for naam in ("tscyc", "sims_pr"):
        assert set(map(tuple, jong[sleutel].to_numpy())) == set(map(tuple, tabellen[naam][sleutel].to_numpy())), naam
    d = tabellen["deelname"]
    ouders = d.merge(tabellen["ouders"][["ouder_id", "gezin_id"]], left_on="respondent_id", right_on="ouder_id")
    kinderen = d.merge(tabellen["kinderen"][["kind_id", "gezin_id"]], left_on="respondent_id", right_on="kind_id")
    paren = ouders[["ouder_id", "gezin_id", "meting"]].merge(kinderen[["kind_id", "gezin_id", "meting"]])
    lijsten = _met_lijsten(tabellen)
    met = paren[[k in lijsten for k in zip(paren["kind_id"], paren["meting"])]]
    assert set(map(tuple, met[sleutel].to_numpy())) == so_keys
    assert len(met) < len(paren)  # whole lists missing for some children at some waves


def test_lists_per_wave_and_children_with_data_at_every_wave(tabellen):
    """§8.4.1: 475 children of the families in all three waves have child questionnaires at every
    wave (counted here from the tables); per wave the share of the participating children with
    lists is `lijsten.respons` (exact up to rounding), falling over the waves."""
    spec = load_parameters()["kinderen"]["lijsten"]
    lijsten = _met_lijsten(tabellen)
    kinderen = _alle_drie(tabellen)
    per_kind = pd.Series([k for k, _ in lijsten]).value_counts()
    assert sum(per_kind.get(k, 0) == 3 for k in kinderen) == spec["alle_metingen"] == 475
    d = tabellen["deelname"]
    d = d[d["respondent_id"].str.startswith("K")]
    aandeel = {m: np.mean([(k, m) in lijsten for k in d.loc[d["meting"] == m, "respondent_id"]]) for m in ALLE}
    for m in ALLE:
        assert abs(aandeel[m] - spec["respons"][m]) < 0.005, (m, aandeel)
    assert aandeel["T0"] > aandeel["T1"] > aandeel["T2"]


def test_self_reporters_of_the_families_in_all_three_waves(tabellen):
    """Tabel 4.5's N (200 / 200 / 211) and r. 3278-3281 (289 at least once, 156 every wave) for the
    families in all three waves; where the other families lack eligible children the rest comes
    from these families, so T1 and T2 may lie a little higher (Tabel 3.2's totals come first)."""
    ck = tabellen["ctspc_kind"]
    ck = ck[ck["kind_id"].isin(_alle_drie(tabellen))]
    n = ck.groupby("meting").size()
    assert n["T0"] == 200 and 200 <= n["T1"] <= 210 and 211 <= n["T2"] <= 225
    per_kind = ck.groupby("kind_id").size()
    assert (per_kind == 3).sum() == 156
    assert 289 <= len(per_kind) <= 289 + (n["T1"] - 200) + (n["T2"] - 211)


def test_isrd_sexual_behaviour_and_substance_use_only_from_12(tabellen, cb):
    isrd = tabellen["isrd"]
    leeftijd = _leeftijd(tabellen, isrd)
    jong = [cb.instrument("isrd")["kolom"].format(nr=i["nr"]) for i in cb.instrument("isrd")["items"] if i.get("leeftijd_min")]
    assert len(jong) == 13
    assert isrd.loc[leeftijd < 12, jong].isna().all().all()
    assert isrd.loc[leeftijd >= 12, jong].notna().mean().mean() > 0.95
    assert isrd["isrd_16"].dropna().isin([0, 1]).all()  # blijven zitten: ja/nee


def test_answers_are_deterministic_and_independent_of_the_seed_only_here(klein_ontwerp):
    a = generate(seed=11, parameters={"steekproef": klein_ontwerp})
    b = generate(seed=11, parameters={"steekproef": klein_ontwerp})
    c = generate(seed=12, parameters={"steekproef": klein_ontwerp})
    for naam in ZELF + OVER_KIND:
        pd.testing.assert_frame_equal(a[naam], b[naam])
    assert not all(a[n].equals(c[n]) for n in ZELF + OVER_KIND)
    assert validate_tables(a) == []


def test_small_design_scales_the_self_report_counts(klein_ontwerp):
    """A test design of 30 children: the counts scale with the number of children, ages still hold."""
    t = generate(seed=3, parameters={"steekproef": klein_ontwerp})
    assert 0 < len(t["tscc"]) <= 30
    assert validate_tables(t) == []


# ---------------------------------------------------------------------------------------
# Dependencies and calibration
# ---------------------------------------------------------------------------------------
def _ctspc_vormen(tabellen, cb) -> pd.DataFrame:
    ck = tabellen["ctspc_kind"].copy()
    items = cb.items("ctspc_kind")
    for vorm in ("fysiek", "psychisch", "getuige_fysiek", "getuige_psychisch"):
        ck[vorm] = (ck[list(items.loc[items["subschaal"] == vorm, "kolom"])].fillna(1) >= 3).any(axis=1)
    return ck


def test_childrens_ctspc_follows_tabel_4_5_loosely(tabellen, cb):
    ck = _ctspc_vormen(tabellen, cb)
    ck = ck[ck["kind_id"].isin(_alle_drie(tabellen))]
    doelen = load_parameters()["kinderen"]["doelen"]["ctspc_kind_procent"]
    for vorm, doel in doelen["T0"].items():
        procent = _per_meting(ck, vorm)
        assert abs(procent["T0"] - doel) < 12, (vorm, procent)
        assert procent["T2"] < procent["T0"], vorm  # Tabel 4.5: every form declines
    # Witnessed physical partner violence falls most (29% -> 6%).
    procent = _per_meting(ck, "getuige_fysiek")
    assert procent["T2"] / procent["T0"] < 0.65


def _incidenten_per_vorm(tabellen, cb) -> pd.DataFrame:
    """Yearly incidents per child, wave and form of the child's CTSPC, computed here from the
    answers with the codebook's class midpoints (1-2 -> 0, 3 -> 1, 4 -> 2, 5 -> 4, 6 -> 8, 7 -> 15,
    8 -> 25; missing -> 0), children of the families in all three waves."""
    midden = {1: 0, 2: 0, 3: 1, 4: 2, 5: 4, 6: 8, 7: 15, 8: 25}
    assert {int(k): v for k, v in cb.regel("cts_incidenten_per_jaar").items()} == midden
    ck = tabellen["ctspc_kind"]
    ck = ck[ck["kind_id"].isin(_alle_drie(tabellen))]
    items = cb.items("ctspc_kind")
    uit = ck[["kind_id", "meting"]].copy()
    for vorm in ("fysiek", "psychisch", "getuige_fysiek", "getuige_psychisch"):
        kolommen = list(items.loc[items["subschaal"] == vorm, "kolom"])
        uit[vorm] = sum(ck[k].astype("float").map(midden).fillna(0) for k in kolommen)
    uit["direct"] = uit["fysiek"] + uit["psychisch"]
    uit["getuige"] = uit["getuige_fysiek"] + uit["getuige_psychisch"]
    uit["totaal"] = uit["direct"] + uit["getuige"]
    return uit


def test_childrens_ctspc_margins_are_exact(tabellen, cb):
    """Tabel 4.5 margins of the model: per wave and row the share of the self-reporting children
    of the complete families (exact up to rounding to whole children) and per form the mean yearly
    incidents of the reporters (as exact as whole incidents allow)."""
    spec = load_parameters()["kinderen"]["ctspc_kind"]
    inc = _incidenten_per_vorm(tabellen, cb)
    for m in ALLE:
        golf = inc[inc["meting"] == m]
        for rij, doel in spec["aandeel"][m].items():
            assert abs((golf[rij] > 0).mean() * 100 - doel) <= 50 / len(golf) + 0.3, (m, rij)
        for vorm, doel in spec["gemiddelde"][m].items():
            melders = golf.loc[golf[vorm] > 0, vorm]
            assert abs(melders.mean() - doel) <= 0.6 / len(melders) + 0.05, (m, vorm, melders.mean())
    # Nested as in the table: almost every child with physical maltreatment reports psychological too.
    t0 = inc[inc["meting"] == "T0"]
    assert ((t0["fysiek"] > 0) & (t0["psychisch"] == 0)).mean() < 0.02


def test_child_ctspc_building_blocks_by_hand():
    """_greedy splits a total over at most n items with the largest answer classes; _totalen hits a
    mean exactly where the items can hold it; _melders nests the rows of Tabel 4.5."""
    from analysis.synthetic_kinderen import _greedy, _melders, _totalen

    assert _greedy(46, 5) == [25, 15, 4, 2]
    assert _greedy(7, 2) == [4, 2]          # items run out: 6 of 7
    assert sum(_greedy(125, 5)) == 125
    t = _totalen(np.array([1.0, 2.0, 3.0, 4.0]), 10.0, np.array([5, 5, 5, 1]))
    assert t.sum() == 40 and t.min() >= 1 and t[3] <= 25
    assert all(sum(_greedy(int(x), 5)) == x for x in t)
    idx = np.arange(10)
    rang = np.arange(10, 0, -1).astype(float)  # child 0 highest
    score = {v: rang for v in ("direct", "getuige", "fysiek", "psychisch", "getuige_fysiek", "getuige_psychisch")}
    k = {"direct": 5, "psychisch": 4, "fysiek": 2, "getuige": 4, "getuige_psychisch": 4, "getuige_fysiek": 1, "totaal": 7}
    m = _melders(idx, k, score)
    assert m["psychisch"].tolist() == [0, 1, 2, 3]
    assert m["fysiek"].tolist() == [0, 4]      # child 4: direct but not psychological -> physical
    direct = set(m["psychisch"]) | set(m["fysiek"])
    getuige = set(m["getuige_psychisch"]) | set(m["getuige_fysiek"])
    assert len(direct) == 5 and len(getuige) == 4 and len(direct | getuige) == 7
    assert getuige == {0, 1, 5, 6}             # overlap 5 + 4 - 7 = 2 from the direct group first


def test_childrens_reports_follow_the_parents_acts(tabellen, cb):
    """A child reports physical maltreatment far more often where its parents report it too,
    and witnessed partner violence where the parents' CTS2 shows physical violence."""
    ck = _ctspc_vormen(tabellen, cb)
    pc = tabellen["ctspc_ouder"].copy()
    items = cb.items("ctspc_ouder")
    pc["fysiek_ouder"] = (pc[list(items.loc[items["subschaal"] == "fysiek", "kolom"])].fillna(1) >= 3).any(axis=1)
    ouder = pc.groupby(["kind_id", "meting"])["fysiek_ouder"].max()
    samen = ck.join(ouder, on=["kind_id", "meting"], how="inner")
    kans = samen.groupby("fysiek_ouder")["fysiek"].mean()
    assert kans[True] > 2 * kans[False]
    cts = tabellen["cts2"].merge(tabellen["ouders"][["ouder_id", "gezin_id"]])
    c_items = cb.items("cts2")
    cts["fysiek_pg"] = (cts[list(c_items.loc[c_items["subschaal"] == "fysiek", "kolom"])].fillna(1) >= 3).any(axis=1)
    pg = cts.groupby(["gezin_id", "meting"])["fysiek_pg"].max()
    samen = ck.merge(tabellen["kinderen"][["kind_id", "gezin_id"]]).join(pg, on=["gezin_id", "meting"], how="inner")
    kans = samen.groupby("fysiek_pg")["getuige_fysiek"].mean()
    assert kans[True] > 2 * kans[False]


def _schaalgemiddelde(df: pd.DataFrame, cb, instrument: str, schalen: list[str] | None = None) -> pd.Series:
    items = cb.items(instrument)
    if schalen is not None:
        items = items[items["subschaal"].isin(schalen)]
    return df[list(items["kolom"])].mean(axis=1)


def test_outcomes_improve_as_violence_declines(tabellen, cb):
    kinderen = _alle_drie(tabellen)
    trauma = ["angst", "depressie", "boosheid", "posttraumatische_stress", "dissociatie", "seksuele_problematiek"]
    verloop = {}
    for naam, instrument, schalen in (("tscc", "tscc", trauma), ("tscyc", "tscyc", trauma),
                                      ("sis", "sis", ["OA", "OI", "OER", "BD"]), ("sims_pr", "sims_pr", None),
                                      ("kidscreen", "kidscreen", None)):
        df = tabellen[naam]
        df = df[df["kind_id"].isin(kinderen)]
        verloop[naam] = df.assign(s=_schaalgemiddelde(df, cb, instrument, schalen)).groupby("meting")["s"].mean()
    for naam in ("tscc", "tscyc", "sis", "sims_pr"):
        assert verloop[naam]["T2"] < verloop[naam]["T0"], naam
    # Kidscreen has reversed items stored reversed (answers as given): the mean of the raw answers
    # of the positively worded items rises.
    ks = tabellen["kidscreen"]
    positief = [f"kidscreen_{i['nr']:02d}" for i in cb.instrument("kidscreen")["items"] if not i.get("omgescoord")]
    gem = ks.assign(s=ks[positief].mean(axis=1)).groupby("meting")["s"].mean()
    assert gem["T2"] > gem["T0"]


def test_more_violence_more_trauma(tabellen, cb):
    """Children reporting witnessed physical violence at T0 have more trauma complaints (TSCC)."""
    ck = _ctspc_vormen(tabellen, cb).query("meting == 'T0'")
    tscc = tabellen["tscc"].query("meting == 'T0'")
    tscc = tscc.assign(s=_schaalgemiddelde(tscc, cb, "tscc", ["posttraumatische_stress"]))
    samen = tscc.merge(ck[["kind_id", "getuige_fysiek", "fysiek"]])
    geweld = samen["getuige_fysiek"] | samen["fysiek"]
    d = (samen.loc[geweld, "s"].mean() - samen.loc[~geweld, "s"].mean()) / samen["s"].std()
    assert d > 0.15  # Cohen's d: at least a small effect (Tabel 2.3)


def test_parent_and_child_reports_correlate_moderately(tabellen, cb):
    tscyc = tabellen["tscyc"]
    ouder = tscyc.assign(s=_schaalgemiddelde(tscyc, cb, "tscyc")).groupby(["kind_id", "meting"])["s"].mean()
    tscc = tabellen["tscc"]
    kind = tscc.assign(s=_schaalgemiddelde(tscc, cb, "tscc")).set_index(["kind_id", "meting"])["s"]
    r = pd.concat([ouder, kind], axis=1, join="inner").corr().iloc[0, 1]
    assert 0.15 < r < 0.6


def test_attachment_as_in_chapter_6(tabellen, cb):
    """Mothers more secure than fathers in the child's report; boys more secure with their father."""
    sk = tabellen["security_scale_kind"].merge(tabellen["kinderen"][["kind_id", "geslacht"]])
    vader = sk[[f"ssk_{i:02d}_vader" for i in range(1, 16)]].mean(axis=1)
    moeder = sk[[f"ssk_{i:02d}_moeder" for i in range(1, 16)]].mean(axis=1)
    assert moeder.mean() - vader.mean() > 0.1
    t2 = sk.assign(v=vader)[sk["meting"] == "T2"].groupby("geslacht")["v"].mean()
    assert t2["jongen"] > t2["meisje"]
    assert 3.3 < t2["jongen"] < 4.1 and 3.1 < t2["meisje"] < 3.8  # r. 4419: 3.7 and 3.4
    # Security Scale parent list: mothers report more secure attachment than fathers.
    so = tabellen["security_scale_ouder"].merge(tabellen["ouders"][["ouder_id", "geslacht"]])
    gem = so.assign(s=_schaalgemiddelde(so, cb, "security_scale_ouder")).groupby("geslacht")["s"].mean()
    assert gem["vrouw"] > gem["man"]


def test_shares_of_chapter_6_with_the_provisional_norms(tabellen, cb):
    """With the provisional norms of the codebook: problem behaviour and emotional insecurity
    decline over the waves; securely attached stays roughly 'ruim 60%' (direction and rough
    size only -- the levels depend on the placeholders)."""
    kinderen = _alle_drie(tabellen)
    # Problem behaviour (ISRD): number of the 11 behaviours above the age norm (mean + 1 SD).
    isrd = tabellen["isrd"]
    gedragingen = cb.regel("isrd_probleemgedragingen")
    norm = cb.regel("isrd_norm_per_leeftijd")
    aantal = sum((isrd[[f"isrd_{nr:02d}" for nr in nrs]].fillna(0) > 0).any(axis=1).astype(int) for nrs in gedragingen.values())
    grens = pd.Series(np.minimum(_leeftijd(tabellen, isrd), 18)).map(lambda a: norm[a]["gemiddelde"] + norm[a]["sd"])
    pg = isrd.assign(p=(aantal.to_numpy() > grens.to_numpy()))
    procent = _per_meting(pg[pg["kind_id"].isin(kinderen)], "p")
    assert procent["T2"] < procent["T0"] and 10 < procent["T0"] < 45
    # Emotional insecurity (SIS): a subscale 2 SD above the norm.
    sis = tabellen["sis"]
    n = cb.regel("sis_normen")
    # norms in sum units with items counted from 0 (rule emotionele_veiligheid_score = som_vanaf_0):
    # (the mean item score - lowest answer 1) x k items
    k = cb.items("sis").groupby("subschaal").size()
    onveilig = np.any([(_schaalgemiddelde(sis, cb, "sis", [s]) - 1) * k[s] >= n[s]["gemiddelde"] + 2 * n[s]["sd"]
                       for s in ("OA", "OI", "OER", "BD")], axis=0)
    procent = _per_meting(sis.assign(o=onveilig), "o")
    assert procent["T2"] < procent["T0"]
    # Attachment (child about mother): mean item score below norm - 1 SD.
    sk = tabellen["security_scale_kind"]
    nk = cb.regel("security_scale_normen")["kind"]
    moeder = sk[[f"ssk_{i:02d}_moeder" for i in range(1, 16)]].mean(axis=1)
    veilig = (moeder >= nk["gemiddelde"] - nk["sd"])[moeder.notna()].mean() * 100
    assert 50 < veilig < 90


def test_leeftijd_per_meting_helper(cb):
    assert leeftijd_per_meting(cb, np.array([7, 18])).tolist() == [[7, 8, 8], [18, 19, 19]]


# ---------------------------------------------------------------------------------------
# Complaints follow the violence at each wave (issue F)
# ---------------------------------------------------------------------------------------
def test_violence_category_per_wave_by_hand(cb):
    """The family's category per (child, wave) from the acts at that wave, with the cut-offs of
    §2.5.1 (partner: <= 3 mild and no severe = geen, <= 21 and no severe = mild; child: 0 = geen,
    <= 2 mild and no severe = mild), the worse of partner violence and any child of the family."""
    from analysis.synthetic_kinderen import _categorie_per_meting

    assert cb.regel("partnergeweld_geen_max_mild") == 3 and cb.regel("partnergeweld_mild_max") == 21
    assert cb.regel("kindermishandeling_geen_max") == 0 and cb.regel("kindermishandeling_mild_max") == 2
    cts = cb.items("cts2").drop_duplicates("nr").reset_index(drop=True)
    pc = cb.items("ctspc_ouder").drop_duplicates("nr").reset_index(drop=True)
    mild_pg = int(cts.index[cts["ernst"] == "mild"][0])
    ernstig_pg = int(cts.index[cts["ernst"] == "ernstig"][0])
    mild_km = int(pc.index[pc["ernst"] == "mild"][0])
    ernstig_km = int(pc.index[pc["ernst"] == "ernstig"][0])
    geen_km = int(pc.index[pc["ernst"].isna()][0])  # non-violent discipline: never counts
    pg = np.zeros((2, 3, len(cts), 2), dtype="int64")
    km = np.zeros((3, 3, len(pc)), dtype="int64")
    # family 0 (child 0): T0 one severe act (by the man) -> 2; T1 2 + 2 mild acts of both -> 1; T2 3 mild -> 0
    pg[0, 0, ernstig_pg, 1] = 1
    pg[0, 1, mild_pg, 0] = 2
    pg[0, 1, mild_pg, 1] = 2
    pg[0, 2, mild_pg, 0] = 3
    km[0, :, geen_km] = 9
    # family 1 (children 1 and 2): child 1 one mild act at T0 -> 1, three at T1 -> 2; child 2 a severe act at T2 -> 2
    km[1, 0, mild_km] = 1
    km[1, 1, mild_km] = 3
    km[2, 2, ernstig_km] = 1
    wereld = {"ontwerp": {"kind_gezin": np.array([0, 1, 1]), "deelname": np.ones((2, 3), dtype=bool)},
              "partnergeweld_handelingen": pg, "kindermishandeling_handelingen": km}
    assert _categorie_per_meting(cb, wereld).tolist() == [[2, 1, 0], [1, 2, 2], [1, 2, 2]]


def test_childrens_complaints_follow_the_decline_of_the_familys_violence(tabellen):
    """§6.7: where the family's violence declined (category T0 -> T2, hoofdstuk 5's grouping) the
    children's emotional insecurity (SIMS-PR sum, parents' lists) falls more than where it did
    not: a group x time interaction of at least a small-to-medium size (pingouin, independent of
    analysis.stats), in the favourable direction."""
    import pingouin as pg

    from analysis import hoofdstuk5 as h5
    from analysis.scoring_kinderen import kind_scores

    verloop = h5.geweld_verloop(tabellen)
    scores = kind_scores(tabellen).merge(verloop[["gezin_id", "groep"]], on="gezin_id")
    scores = scores[scores["groep"].isin(["afgenomen", "niet_afgenomen"])].dropna(subset=["eo_ouder_OER"])
    compleet = scores.groupby("kind_id")["meting"].transform("nunique") == 3
    df = scores[compleet]
    aov = pg.mixed_anova(df, dv="eo_ouder_OER", within="meting", between="groep", subject="kind_id")
    assert aov.loc[aov["Source"] == "Interaction", "np2"].iloc[0] > 0.05
    breed = df.pivot(index="kind_id", columns="meting", values="eo_ouder_OER")
    groep = df.drop_duplicates("kind_id").set_index("kind_id")["groep"]
    verandering = (breed["T2"] - breed["T0"]).groupby(groep).mean()
    assert verandering["afgenomen"] < verandering["niet_afgenomen"] < 0.5


def test_tabel_8_1_sum_scores_of_the_groups_at_t2(tabellen):
    """Tabel 8.1 (r. 6012-6037): at T2 the mean sum score per subscale (items counted from 0, rule
    emotionele_veiligheid_score = som_vanaf_0; the parents' SIMS-PR and the child's SIS averaged per
    child) in the groups 'geen' and 'wel geweld' of chapter 8 is within 10% of the report (the audit
    asks 5% on the default snapshot; 10% leaves room for changes elsewhere in the generator), and the
    group that still has violence scores higher on every subscale."""
    from analysis import hoofdstuk8 as h8
    from analysis.scoring_kinderen import kind_scores

    doelen = load_parameters()["kinderen"]["doelen"]["tabel_8_1"]
    kinderen = h8.kind_uitkomsten(kind_scores(tabellen), h8.geweld_groepen(tabellen))
    for schaal, doel in doelen.items():
        u = f"eo_{schaal}"
        # the children with a value at every wave, as the chapter's figures and tests use them
        compleet = kinderen.dropna(subset=[u]).groupby("kind_id")["meting"].nunique()
        t2 = kinderen[kinderen["kind_id"].isin(compleet[compleet == 3].index) & (kinderen["meting"] == "T2")]
        gemiddelde = t2.groupby("groep")[u].mean()
        for groep in ("geen", "wel"):
            assert abs(gemiddelde[groep] - doel[groep]) <= 0.10 * doel[groep], (schaal, groep, gemiddelde[groep])
        assert gemiddelde["wel"] > gemiddelde["geen"], schaal
