"""Scoring of the children's instruments (analysis.scoring_kinderen).

Tiny hand-made answer sets whose expected scores are worked out by hand from the codebook's
(provisional) norms in the comments; the combination of the reports of mother, father and child
in ``kind_scores``; the reference group; the interface on the small synthetic design
(``klein_ontwerp``); and an independent plain-Python re-scoring of a sample of the default design.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis import scoring_kinderen as sk
from analysis.codebook import load_codebook
from analysis.scoring_ouders import max_ontbrekend

CB = load_codebook()
NAN = float("nan")

OUDER_TABELLEN = {"tscyc", "sims_pr", "security_scale_ouder"}


def kolommen(instrument: str, subschaal: str | None = None, nrs=None) -> list[str]:
    items = CB.items(instrument)
    if subschaal is not None:
        items = items[items["subschaal"] == subschaal]
    if nrs is not None:
        items = items[items["nr"].isin(list(nrs))]
    return list(items["kolom"])


def rij(instrument: str, vul: float, kind_id: str, meting: str | None = "T0", ouder_id: str | None = None, **antwoorden) -> dict:
    """One row of an instrument table, every item ``vul`` except the given ones."""
    uit: dict = {"kind_id": kind_id}
    if ouder_id is not None:
        uit["ouder_id"] = ouder_id
    if meting is not None:
        uit["meting"] = meting
    uit.update({k: vul for k in kolommen(instrument)})
    uit.update(antwoorden)
    return uit


def tabel(*rijen: dict) -> pd.DataFrame:
    frame = pd.DataFrame(list(rijen))
    items = [k for k in frame.columns if k not in ("ouder_id", "kind_id", "meting")]
    frame[items] = frame[items].astype("Int64")
    return frame


def met(kolommen_: list[str], waarde: float) -> dict:
    return {k: waarde for k in kolommen_}


# -- constants come from the codebook -------------------------------------------------------------------
def test_constants_are_the_codebook_rules():
    regels = CB.raw["regels"]
    assert sk.TSCYC_NORMEN["angst"] == {"gemiddelde": 4.1, "sd": 3.6}
    assert sk.TSCYC_KLINISCH_T_MIN == regels["tscyc_klinisch_t_min"]["waarde"] == 70
    assert sk.TSCC_KLINISCH_T_MIN == regels["tscc_klinisch_t_min"]["waarde"] == 65
    assert sk.SECURITY_SCALE_GRENS_SD == -1.0 and sk.ISRD_PROBLEEMGEDRAG_SD == 1.0
    assert sk.EMOTIONEEL_ONVEILIG_SD == 2 and sk.EMOTIONEEL_ONVEILIG_SUBSCHALEN == ["OA", "OI", "OER", "BD"]
    assert sk.EMOTIONELE_VEILIGHEID_SCORE == regels["emotionele_veiligheid_score"]["waarde"] == "som_vanaf_0"
    assert sk.EMOTIONELE_VEILIGHEID_VANAF_0 is True
    assert sk.ISRD_NORM_PER_LEEFTIJD[18] == {"gemiddelde": 2.2, "sd": 1.5}
    assert set(sk.ISRD_PROBLEEMGEDRAGINGEN) >= set(sk.AGRESSIEF_GEDRAG)
    assert len(sk.ISRD_PROBLEEMGEDRAGINGEN) == 11
    assert set(sk.KIDSCREEN_NORMEN) == set(sk.KIDSCREEN_DOMEINEN)


def test_leeftijd_per_meting():
    # T1 is one year after T0, T2 one and a half: 10 -> 10, 11, 11 (rounded down)
    uit = sk.leeftijd_per_meting(pd.Series([10, 10, 10, 18]), pd.Series(["T0", "T1", "T2", "T2"]))
    assert uit.tolist() == [10.0, 11.0, 11.0, 19.0]


# -- missing items --------------------------------------------------------------------------------------
def test_missing_item_rule_on_security_scale():
    # 15 items, floor(0.2 x 15) = 3 may be missing: mean over the 12 answered; 4 missing -> NaN
    assert max_ontbrekend(15) == 3
    k = kolommen("security_scale_ouder")
    drie = {**met(k[:3], None), **met(k[3:], 4)}
    drie[k[3]] = 1  # answered: 1 + 11 x 4 = 45 over 12 items = 3.75
    vier = {**met(k[:4], None), **met(k[4:], 4)}
    frame = tabel(rij("security_scale_ouder", 4, "K1", ouder_id="O1", **drie), rij("security_scale_ouder", 4, "K1", ouder_id="O2", **vier))
    score = sk.security_scale_score(frame, "security_scale_ouder")
    assert score.iloc[0] == pytest.approx(3.75) and math.isnan(score.iloc[1])


def test_answers_outside_the_scale_count_as_missing():
    k = kolommen("security_scale_ouder")
    frame = tabel(rij("security_scale_ouder", 4, "K1", ouder_id="O1", **{k[0]: 9, k[1]: 0}))
    # 9 and 0 are not on the 1-5 scale: mean of the other 13 items = 4
    assert sk.security_scale_score(frame, "security_scale_ouder").iloc[0] == 4.0
    assert sk.antwoorden(frame, "security_scale_ouder")[[k[0], k[1]]].isna().all(axis=None)


# -- trauma -------------------------------------------------------------------------------------------
def test_tscyc_t_score_by_hand():
    # angst = items 1-9, norm raw mean 4,1 sd 3,6. Items 1-6 answered 2: raw 12 ->
    # T = 50 + 10 x (12 - 4,1) / 3,6 = 71,944...; all zero: T = 50 - 41/3,6 = 38,611...
    frame = tabel(rij("tscyc", 0, "K1", ouder_id="O1", **met(kolommen("tscyc", nrs=range(1, 7)), 2)),
                  rij("tscyc", 0, "K1", ouder_id="O2"))
    t = sk.tscyc_t_scores(frame)
    assert t["angst"].iloc[0] == pytest.approx(50 + 10 * (12 - 4.1) / 3.6)
    assert t["angst"].iloc[0] == pytest.approx(71.9444, abs=1e-4)
    assert t["angst"].iloc[1] == pytest.approx(38.6111, abs=1e-4)
    klinisch = sk.tscyc_klinisch(t)
    assert klinisch["angst"].tolist() == [1.0, 0.0] and klinisch["depressie"].tolist() == [0.0, 0.0]
    # raw 11 on angst: T = 50 + 10 x 6,9 / 3,6 = 69,17 < 70 -> not clinical
    t11 = sk.tscyc_t_scores(tabel(rij("tscyc", 0, "K1", ouder_id="O1", **met(kolommen("tscyc", nrs=range(1, 6)), 2), tscyc_06=1)))
    assert t11["angst"].iloc[0] == pytest.approx(69.1667, abs=1e-4) and sk.tscyc_klinisch(t11)["angst"].iloc[0] == 0.0


def test_tscyc_validity():
    # RL = items 74-82, norm 4,1 / 3,6: raw 18 -> T = 88,6 >= 70 invalid; raw 11 -> 69,2 valid.
    # ATR = items 83-90, norm 1,6 / 1,8: raw 9 -> T = 91,1 >= 90 invalid.
    rl = kolommen("tscyc", "responsniveau")
    atr = kolommen("tscyc", "atypische_antwoorden")
    frame = tabel(
        rij("tscyc", 0, "K1", ouder_id="O1", **met(rl, 2)),
        rij("tscyc", 0, "K1", ouder_id="O2", **met(rl[:5], 2), **{rl[5]: 1}),
        rij("tscyc", 0, "K1", ouder_id="O3", **met(atr[:3], 3)),
        rij("tscyc", 0, "K1", ouder_id="O4", **met(rl, None)),
    )
    t = sk.tscyc_t_scores(frame)
    assert t["responsniveau"].iloc[0] == pytest.approx(50 + 10 * 13.9 / 3.6)
    assert t["atypische_antwoorden"].iloc[2] == pytest.approx(50 + 10 * 7.4 / 1.8)
    # the fourth list cannot be scored on RL (nine items missing): not valid
    assert sk.tscyc_geldig(t).tolist() == [False, True, False, False]


def test_tscc_t_score_validity_and_clinical_cut_off():
    # angst = items 1-8, norm 4,4 / 3,6: raw 10 -> T = 65,56 >= 65 clinical; raw 9 -> 62,8 not.
    # UND = items 49-51, norm 1,7 / 1,4: raw 6 -> T = 80,7 >= 70 invalid.
    ang = kolommen("tscc", "angst")
    frame = tabel(
        rij("tscc", 0, "K1", **met(ang[:5], 2), **{ang[5]: 0}),
        rij("tscc", 0, "K2", **met(ang[:4], 2), **{ang[4]: 1}),
        rij("tscc", 0, "K3", **met(kolommen("tscc", "onderrapportage"), 2)),
    )
    t = sk.tscc_t_scores(frame)
    assert t["angst"].tolist() == pytest.approx([50 + 10 * 5.6 / 3.6, 50 + 10 * 4.6 / 3.6, 50 - 10 * 4.4 / 3.6])
    assert t["onderrapportage"].iloc[2] == pytest.approx(50 + 10 * 4.3 / 1.4)  # 80,7
    assert sk.tscc_geldig(t).tolist() == [True, True, False]
    assert sk.tscc_klinisch(t)["angst"].tolist() == [1.0, 0.0, 0.0]


# -- a whole child: mother, father and child combined ----------------------------------------------------
@pytest.fixture(scope="module")
def gezin() -> dict[str, pd.DataFrame]:
    """K1 (10 at T0): mother O1 and father O2 report; K2 (12): only the father's (invalid) TSCYC and
    the child's own lists; K3 (18 at T0): ISRD at T0 and T2; K4 (11): ISRD; K5 (13): ISRD with a
    missing drugs item."""
    kinderen = pd.DataFrame({
        "kind_id": ["K1", "K2", "K3", "K4", "K5"], "gezin_id": ["G1", "G1", "G2", "G3", "G4"],
        "geslacht": ["meisje", "jongen", "meisje", "jongen", "jongen"],
        "leeftijd_t0": pd.array([10, 12, 18, 11, 13], dtype="Int64"),
    })
    ouders = pd.DataFrame({"ouder_id": ["O1", "O2"], "gezin_id": ["G1", "G1"], "geslacht": ["vrouw", "man"],
                           "leeftijd_t0": pd.array([40, 42], dtype="Int64")})
    rl = kolommen("tscyc", "responsniveau")
    tscyc = tabel(
        # mother: clinical on angst only (raw 12, T 71,9), valid
        rij("tscyc", 0, "K1", ouder_id="O1", **met(kolommen("tscyc", nrs=range(1, 7)), 2)),
        # father: invalid (RL raw 18) and clinical on depressie (raw 24): left out entirely
        rij("tscyc", 0, "K1", ouder_id="O2", **met(rl, 2), **met(kolommen("tscyc", "depressie"), 3)),
        rij("tscyc", 0, "K2", ouder_id="O2", **met(rl, 2)),
    )
    tscc = tabel(rij("tscc", 0, "K1"), rij("tscc", 0, "K2", **met(kolommen("tscc", "posttraumatische_stress"), 2)))
    sso = tabel(rij("security_scale_ouder", 4, "K1", ouder_id="O1"), rij("security_scale_ouder", 3, "K1", ouder_id="O2"))
    vader = [k for k in kolommen("security_scale_kind") if k.endswith("_vader")]
    ssk = tabel(rij("security_scale_kind", 5, "K2", **met(vader[:9], 3), **met(vader[9:], 4)))
    sims = tabel(rij("sims_pr", 1, "K1", ouder_id="O1"), rij("sims_pr", 1, "K1", ouder_id="O2", **met(kolommen("sims_pr", "OA"), 4)))
    sis = tabel(rij("sis", 1, "K2"))
    isrd = tabel(
        rij("isrd", 0, "K3", "T0", isrd_01=1, isrd_03=2, isrd_10=1),                 # 3 behaviours, age 18
        rij("isrd", 0, "K3", "T2", isrd_02=1, isrd_03=2, isrd_10=1, isrd_22=1),      # 4 (vandalism once), age 19
        rij("isrd", None, "K4", "T0", **{**met(kolommen("isrd", nrs=range(1, 17)), 0), "isrd_03": 1, "isrd_10": 3, "isrd_22": 2}),
        rij("isrd", 0, "K5", "T0", isrd_25=None, isrd_16=1),
        rij("isrd", 0, "K5", "T1", isrd_25=None, isrd_26=1),
    )
    kid = tabel(rij("kidscreen", 5, "K2", **met(kolommen("kidscreen", nrs=[9, 10, 11]), 1)), rij("kidscreen", 3, "K2", "T1"))
    return {"kinderen": kinderen, "ouders": ouders, "tscyc": tscyc, "tscc": tscc, "security_scale_ouder": sso,
            "security_scale_kind": ssk, "sims_pr": sims, "sis": sis, "isrd": isrd, "kidscreen": kid}


@pytest.fixture(scope="module")
def scores(gezin) -> pd.DataFrame:
    return sk.kind_scores(gezin).set_index(["kind_id", "meting"])


def test_rows_and_identifying_columns(scores):
    assert list(scores.index) == [("K1", "T0"), ("K2", "T0"), ("K2", "T1"), ("K3", "T0"), ("K3", "T2"),
                                  ("K4", "T0"), ("K5", "T0"), ("K5", "T1")]
    assert scores.loc[("K3", "T2"), "leeftijd"] == 19 and scores.loc[("K5", "T1"), "leeftijd"] == 14
    assert scores.loc[("K1", "T0"), "gezin_id"] == "G1" and scores.loc[("K1", "T0"), "geslacht"] == "meisje"


def test_child_clinical_on_one_scale_of_the_parents_list_only_is_traumatised(scores):
    k1 = scores.loc[("K1", "T0")]
    assert k1["getraumatiseerd"] == 1.0 and k1["getraumatiseerd_tscyc"] == 1.0 and k1["getraumatiseerd_tscc"] == 0.0
    # the father's invalid list (depressie clinical) is ignored: T's are the mother's only
    assert k1["tscyc_angst"] == pytest.approx(50 + 10 * 7.9 / 3.6)
    assert k1["tscyc_depressie"] == pytest.approx(50 - 10 * 3.6 / 3.2)  # 38,75: raw 0
    assert k1["tscyc_geldig"] == 1.0 and k1["ptss_klinisch"] == 0.0
    assert k1["n_lijsten_ouder"] == 2  # both parents' lists count, the invalid one too
    # trauma_<schaal>: mean of the parents' and the child's T; TSCC angst raw 0 -> 50 - 44/3,6
    assert k1["trauma_angst"] == pytest.approx((50 + 10 * 7.9 / 3.6 + 50 - 10 * 4.4 / 3.6) / 2)


def test_invalid_list_is_ignored_and_child_list_decides(scores):
    k2 = scores.loc[("K2", "T0")]
    assert k2["tscyc_geldig"] == 0.0 and math.isnan(k2["tscyc_angst"]) and math.isnan(k2["getraumatiseerd_tscyc"])
    # TSCC PTSS: nine items x 2 = raw 18, norm 5,0 / 4,1 -> T = 81,7: clinical
    assert k2["tscc_posttraumatische_stress"] == pytest.approx(50 + 10 * 13 / 4.1)
    assert k2["trauma_posttraumatische_stress"] == pytest.approx(50 + 10 * 13 / 4.1)
    assert k2["getraumatiseerd"] == 1.0 and k2["ptss_klinisch"] == 1.0
    # K2 at T1 only filled in the Kidscreen: no trauma judgement
    assert math.isnan(scores.loc[("K2", "T1"), "getraumatiseerd"])


def test_attachment_per_list_and_combined(scores):
    k1 = scores.loc[("K1", "T0")]
    # mother 4,0 >= 4,1 - 0,55 = 3,55; father 3,0 below: insecure on one list -> not securely attached
    assert k1["hechting_door_moeder"] == 4.0 and k1["hechting_door_vader"] == 3.0
    assert k1["veilig_gehecht"] == 0.0 and k1["veilig_gehecht_ouder"] == 0.0 and math.isnan(k1["veilig_gehecht_kind"])
    # K2's list about father: 9 x 3 + 6 x 4 = 51 / 15 = 3,4 = exactly 4,0 - 0,6: not BELOW -> secure
    k2 = scores.loc[("K2", "T0")]
    assert k2["hechting_kind_over_vader"] == pytest.approx(3.4) and k2["hechting_kind_over_moeder"] == 5.0
    assert k2["veilig_gehecht"] == 1.0 and k2["veilig_gehecht_kind"] == 1.0 and math.isnan(k2["hechting_door_moeder"])


def test_security_scale_cut_off_boundary():
    assert sk.security_scale_grens("kind") == pytest.approx(3.4) and sk.security_scale_grens("ouder") == pytest.approx(3.55)
    uit = sk.onveilig_gehecht(pd.Series([51 / 15, 50 / 15, 3.55, 3.54, NAN]), "kind")
    assert uit.tolist()[:4] == [0.0, 1.0, 0.0, 0.0] and math.isnan(uit.iloc[4])
    assert sk.onveilig_gehecht(pd.Series([3.55, 3.54]), "ouder").tolist() == [0.0, 1.0]


def test_security_scale_has_no_reversed_items_and_reversal_is_generic():
    # The codebook reverses no Security Scale item (placeholder); Kidscreen reverses 9, 10, 11.
    for instrument in ("security_scale_ouder", "security_scale_kind"):
        assert not sk._itemspec(instrument)["omgescoord"].any()
    spec = sk._itemspec("kidscreen")
    assert spec.loc[spec["omgescoord"], "nr"].tolist() == [9, 10, 11]


def test_emotional_security_sum_scores_mean_over_parents_and_any_list(scores):
    k1 = scores.loc[("K1", "T0")]
    # SIMS-PR OA (6 items, counted from 0: answer - 1): mother 6 x (1 - 1) = 0, father 6 x (4 - 1)
    # = 18 (>= 5,4 + 2 x 4,2 = 13,8 -> insecure) -> mean over the parents' lists 9; OER (9 items
    # answered 1) = 0
    assert k1["eo_ouder_OA"] == 9.0 and k1["eo_ouder_OER"] == 0.0
    assert k1["emotioneel_onveilig"] == 1.0 and k1["emotioneel_onveilig_ouder"] == 1.0
    k2 = scores.loc[("K2", "T0")]
    # SIS BD: 4 items answered 1, each counting 1 - 1 = 0
    assert k2["eo_kind_BD"] == 0.0 and k2["emotioneel_onveilig"] == 0.0 and math.isnan(k2["eo_ouder_OA"])


def test_emotional_security_sum_is_prorated_over_answered_items():
    oa = kolommen("sims_pr", "OA")  # 6 items: at most one may be missing (max_ontbrekend(6))
    assert len(oa) == 6 and max_ontbrekend(6) == 1
    frame = tabel(
        rij("sims_pr", 2, "K1", ouder_id="O1", **{oa[0]: None, oa[1]: 5}),       # from 0: 1+1+1+1+4 over 5 -> 8/5 x 6 = 9,6
        rij("sims_pr", 2, "K2", ouder_id="O1", **{oa[0]: None, oa[1]: None}),    # two missing -> NaN
        rij("sims_pr", 3, "K3", ouder_id="O1"),                                  # 6 x (3 - 1) = 12
    )
    uit = sk.emotionele_veiligheid_scores(frame, "sims_pr")
    assert uit["OA"].iloc[0] == pytest.approx(8 / 5 * 6) and math.isnan(uit["OA"].iloc[1])
    assert uit["OA"].iloc[2] == 12.0 and uit["OER"].iloc[2] == 18.0 and uit["BD"].iloc[0] == 6.0


def test_emotional_security_items_count_from_the_lowest_answer():
    # SIS (answers 1-4) counts every item as answer - 1: BD (4 items) answered 1, 2, 3, 4 -> 0+1+2+3 = 6,
    # all 4 -> 12 (the maximum 3 x 4), all 1 -> 0; SIMS-PR (1-5) BD (6 items) all 5 -> 6 x 4 = 24.
    bd = kolommen("sis", "BD")
    frame = tabel(rij("sis", 1, "K1", **dict(zip(bd, [1, 2, 3, 4]))), rij("sis", 4, "K2"), rij("sis", 1, "K3"))
    uit = sk.emotionele_veiligheid_scores(frame, "sis")
    assert uit["BD"].tolist() == [6.0, 12.0, 0.0] and uit["OER"].tolist() == [0.0, 27.0, 0.0]
    assert sk.emotionele_veiligheid_scores(tabel(rij("sims_pr", 5, "K1", ouder_id="O1")), "sims_pr")["BD"].iloc[0] == 24.0
    # Independent check: the 0-based sum is the 1-based sum minus the number of items.
    items = frame[bd].to_numpy(dtype=float)
    assert (items.sum(axis=1) - len(bd)).tolist() == uit["BD"].tolist()


def test_traumatised_list_with_a_missing_scale():
    # a valid list clinical on angst with depressie unscorable is traumatised; one without a
    # clinical scale and a missing scale cannot be judged (NaN)
    klinisch = pd.DataFrame({s: [0.0, 0.0] for s in sk.TRAUMA_SCHALEN})
    klinisch.loc[0, "angst"] = 1.0
    klinisch["depressie"] = NAN
    uit = sk.getraumatiseerd_lijst(klinisch, pd.Series([True, True]))
    assert uit.iloc[0] == 1.0 and math.isnan(uit.iloc[1])
    assert math.isnan(sk.getraumatiseerd_lijst(klinisch, pd.Series([False, False])).iloc[0])


def test_emotional_insecurity_boundary_exactly_two_sd():
    # SIS cut-offs in sum units counted from 0 (norm mean + 2 SD): OA 6,3 + 8,4 = 14,7;
    # OI 4,2 + 7,2 = 11,4; OER 6,3 + 9,9 = 16,2; BD 1,2 + 3,2 = 4,4. Exactly at the cut-off counts.
    # The norms are the earlier 1-based placeholders minus k items (SIS OA: 13,3 - 7; SIMS-PR BD: 7,8 - 6).
    assert sk.SIS_NORMEN["OA"] == {"gemiddelde": pytest.approx(6.3), "sd": 4.2}
    assert sk.SIMS_PR_NORMEN["BD"] == {"gemiddelde": pytest.approx(1.8), "sd": 2.4}
    scores = pd.DataFrame({"OA": [14.7, 14.69, 0.0, NAN, NAN], "OI": [0.0, 11.39, 0.0, 0.0, 12.0],
                           "OER": [2.0, 16.19, 2.0, 2.0, 2.0], "BD": [0.0, 4.39, 4.4, 0.0, 0.0]})
    uit = sk.emotioneel_onveilig_lijst(scores, sk.SIS_NORMEN)
    assert uit.tolist()[:3] == [1.0, 0.0, 1.0] and math.isnan(uit.iloc[3]) and uit.iloc[4] == 1.0


# -- problem behaviour ----------------------------------------------------------------------------------
def test_isrd_norm_per_age_incl_older_than_18():
    leeftijd = pd.Series([8, 11, 12, 18, 19, 20, NAN])
    # mean + 1 SD: 0,4 + 0,7; 0,6 + 0,9; 0,8 + 1,0; 2,2 + 1,5 (18, and for 19 and 20 too)
    assert sk.isrd_norm(leeftijd).tolist()[:6] == pytest.approx([1.1, 1.5, 1.8, 3.7, 3.7, 3.7])
    assert math.isnan(sk.isrd_norm(leeftijd).iloc[6])


def test_isrd_count_and_problem_behaviour(scores):
    k3_t0, k3_t2 = scores.loc[("K3", "T0")], scores.loc[("K3", "T2")]
    # T0 (18): vandalism (items 1), shoplifting (3), fight (10) = 3 <= 3,7 -> no problem behaviour
    assert k3_t0["probleemgedrag_aantal"] == 3 and k3_t0["probleemgedrag"] == 0.0
    assert k3_t0["isrd_vandalisme"] == 1 and k3_t0["isrd_alcohol"] == 0 and k3_t0["agressief_gedrag"] == 1.0
    # T2 (19, norm of 18): graffiti (vandalism, item 2), shoplifting, fight, drunk (22) = 4 > 3,7
    assert k3_t2["leeftijd"] == 19 and k3_t2["probleemgedrag_aantal"] == 4 and k3_t2["probleemgedrag"] == 1.0
    assert k3_t2["isrd_alcohol"] == 1.0 and k3_t2["isrd_drugs"] == 0.0


def test_isrd_12_plus_items_absent_for_an_eleven_year_old(scores):
    k4 = scores.loc[("K4", "T0")]
    # items 17-29 not asked at 11 (the stray answer to item 22 is ignored): alcohol and drugs NaN,
    # the count runs over the other nine: shoplifting + fight = 2 > 1,5 (norm of 11)
    assert math.isnan(k4["isrd_alcohol"]) and math.isnan(k4["isrd_drugs"])
    assert k4["probleemgedrag_aantal"] == 2 and k4["probleemgedrag"] == 1.0
    assert k4["isrd_vechtpartij"] == 1.0 and k4["agressief_gedrag"] == 1.0


def test_isrd_missing_items_in_a_behaviour_and_prorated_count(scores):
    # K5 T0 (13): drugs item 25 missing, others 0 -> one of four missing > floor(0,8) = 0 -> drugs NaN;
    # the count: 1 (blijven zitten) over 10 known of 11 behaviours -> prorated 1 x 11/10 = 1,1 <= 2,2
    k5 = scores.loc[("K5", "T0")]
    assert math.isnan(k5["isrd_drugs"]) and k5["isrd_blijven_zitten"] == 1.0
    assert k5["probleemgedrag_aantal"] == pytest.approx(1.1) and k5["probleemgedrag"] == 0.0
    # K5 T1 (14): item 25 missing but XTC (26) used -> drugs 1 whatever item 25 says
    assert scores.loc[("K5", "T1"), "isrd_drugs"] == 1.0


# -- quality of life ------------------------------------------------------------------------------------
def test_kidscreen_reversed_items_and_t_scores(scores):
    k2 = scores.loc[("K2", "T0")]
    # items 9-11 answered 1 are reversed to 6 - 1 = 5, all others 5: every mean item score is 5
    assert k2["kidscreen_psychisch_welbevinden"] == pytest.approx(50 + 10 * (5 - 4.0) / 0.65)
    assert k2["kidscreen_lichamelijk_welzijn"] == pytest.approx(50 + 10 * (5 - 3.7) / 0.75)
    assert k2["kidscreen_kidscreen10"] == pytest.approx(70.0)  # 50 + 10 x 1,1 / 0,55
    t1 = scores.loc[("K2", "T1")]  # all 3 (reversed 3 stays 3)
    assert t1["kidscreen_school"] == pytest.approx(50 + 10 * (3 - 3.6) / 0.7)
    assert t1["kidscreen_kidscreen10"] == pytest.approx(50 + 10 * (3 - 3.9) / 0.55)


def test_kidscreen10_uses_its_ten_items():
    spec = sk._itemspec("kidscreen")
    assert spec["kidscreen10"].sum() == 10
    # only the Kidscreen-10 items at 5, the rest 1: Kidscreen-10 mean 5 (reversed ones answered 1)
    k10 = spec[spec["kidscreen10"]]
    antwoorden = met(list(k10["kolom"]), 5)
    antwoorden.update(met(list(k10.loc[k10["omgescoord"], "kolom"]), 1))
    rest = spec[~spec["kidscreen10"]]
    antwoorden.update(met(list(rest.loc[rest["omgescoord"], "kolom"]), 5))  # reversed -> 1
    gem = sk.kidscreen_gemiddelden(tabel(rij("kidscreen", 1, "K1", **antwoorden)))
    assert gem["kidscreen10"].iloc[0] == 5.0 and gem["school"].iloc[0] == pytest.approx((5 + 5 + 1 + 1) / 4)


# -- reference group -------------------------------------------------------------------------------------
def test_reference_scores_by_hand():
    tabellen = {
        "referentie_kinderen": pd.DataFrame({"kind_id": ["R1", "R2"], "gezin_id": ["RG1", "RG2"],
                                             "geslacht": ["meisje", "jongen"], "leeftijd": pd.array([6, 14], dtype="Int64")}),
        "referentie_ouders": pd.DataFrame({"ouder_id": ["RO1"], "gezin_id": ["RG1"], "geslacht": ["vrouw"],
                                           "leeftijd": pd.array([35], dtype="Int64")}),
        "referentie_tscyc": tabel(rij("tscyc", 0, "R1", None, ouder_id="RO1", **met(kolommen("tscyc", nrs=range(1, 7)), 2))),
        "referentie_sims_pr": tabel(rij("sims_pr", 1, "R1", None, ouder_id="RO1")),
        "referentie_tscc": tabel(rij("tscc", 0, "R2", None)),
        "referentie_sis": tabel(rij("sis", 4, "R2", None)),
        "referentie_security_scale_kind": tabel(rij("security_scale_kind", 2, "R2", None)),
    }
    ref = sk.referentie_kind_scores(tabellen).set_index("kind_id")
    assert "meting" not in ref.columns and list(ref.index) == ["R1", "R2"]
    assert ref.loc["R1", "leeftijd"] == 6 and ref.loc["R2", "geslacht"] == "jongen"
    assert ref.loc["R1", "tscyc_angst"] == pytest.approx(50 + 10 * 7.9 / 3.6) and ref.loc["R1", "getraumatiseerd"] == 1.0
    assert ref.loc["R1", "emotioneel_onveilig"] == 0.0 and ref.loc["R2", "emotioneel_onveilig"] == 1.0
    assert ref.loc["R2", "getraumatiseerd"] == 0.0 and ref.loc["R2", "veilig_gehecht"] == 0.0
    assert ref[[c for c in ref.columns if c.startswith(("kidscreen_", "isrd_", "hechting_door"))]].isna().all(axis=None)
    # the same columns as kind_scores without meting
    assert list(ref.reset_index().columns) == [c for c in sk.kind_scores(_leeg()).columns if c != "meting"]


def _leeg() -> dict[str, pd.DataFrame]:
    return {"kinderen": pd.DataFrame({"kind_id": pd.Series([], dtype=str), "gezin_id": pd.Series([], dtype=str),
                                      "geslacht": pd.Series([], dtype=str), "leeftijd_t0": pd.array([], dtype="Int64")})}


def test_no_instrument_tables_gives_an_empty_frame_with_the_interface():
    uit = sk.kind_scores(_leeg())
    assert len(uit) == 0 and {"kind_id", "meting", "getraumatiseerd", "kidscreen_kidscreen10"} <= set(uit.columns)


# -- small synthetic design: interface and plausible ranges -------------------------------------------------
INTERFACE = [
    "kind_id", "gezin_id", "meting", "geslacht", "leeftijd",
    "hechting_door_moeder", "hechting_door_vader", "hechting_kind_over_moeder", "hechting_kind_over_vader", "veilig_gehecht",
    *[f"eo_{w}_{s}" for w in ("ouder", "kind") for s in ("OA", "OI", "OER", "BD")], "emotioneel_onveilig",
    *[f"{p}_{s}" for p in ("tscyc", "tscc", "trauma") for s in sk.TRAUMA_SCHALEN], "getraumatiseerd", "ptss_klinisch",
    *[f"isrd_{g}" for g in sk.ISRD_PROBLEEMGEDRAGINGEN], "probleemgedrag_aantal", "probleemgedrag", "agressief_gedrag",
    *[f"kidscreen_{d}" for d in sk.KIDSCREEN_DOMEINEN],
]


@pytest.fixture(scope="module")
def klein(klein_ontwerp):
    from analysis.synthetic import generate

    return generate(seed=13, parameters={"steekproef": klein_ontwerp})


def test_interface_on_the_small_synthetic_design(klein):
    uit = sk.kind_scores(klein)
    assert set(INTERFACE) <= set(uit.columns)
    assert not uit.duplicated(["kind_id", "meting"]).any() and len(uit) > 0
    assert set(uit["meting"]) <= {"T0", "T1", "T2"} and set(uit["geslacht"]) <= {"meisje", "jongen"}
    assert set(uit["kind_id"]) <= set(klein["kinderen"]["kind_id"])
    numeriek = uit[INTERFACE[4:]]
    assert all(pd.api.types.is_float_dtype(numeriek[k]) for k in numeriek.columns)
    for k in ("hechting_door_moeder", "hechting_door_vader", "hechting_kind_over_moeder", "hechting_kind_over_vader"):
        assert uit[k].dropna().between(1, 5).all()
    # sum scores counted from 0: k items of 0-4 (SIMS-PR) / 0-3 (SIS) run from 0 to 4k / 3k
    for wie, hoog in (("ouder", 4), ("kind", 3)):
        instrument = "sims_pr" if wie == "ouder" else "sis"
        for s in sk.EO_SUBSCHALEN:
            k = len(kolommen(instrument, s))
            assert uit[f"eo_{wie}_{s}"].dropna().between(0, hoog * k).all(), (wie, s)
    # values below the lowest sum of items counted from 1 occur (BD: 6 SIMS-PR items)
    assert (uit["eo_ouder_BD"].dropna() < len(kolommen("sims_pr", "BD"))).any()
    for k in ("veilig_gehecht", "emotioneel_onveilig", "getraumatiseerd", "ptss_klinisch", "probleemgedrag", "agressief_gedrag",
              *[f"isrd_{g}" for g in sk.ISRD_PROBLEEMGEDRAGINGEN]):
        assert set(uit[k].dropna()) <= {0.0, 1.0}, k
    assert uit["probleemgedrag_aantal"].dropna().between(0, 11).all()
    trauma = uit[[f"trauma_{s}" for s in sk.TRAUMA_SCHALEN]].stack().dropna()
    assert trauma.between(20, 200).all() and 40 < trauma.median() < 65
    kidscreen = uit[[f"kidscreen_{d}" for d in sk.KIDSCREEN_DOMEINEN]].stack().dropna()
    assert kidscreen.between(0, 100).all() and 35 < kidscreen.median() < 65
    # a child's own lists exist only from 8 at T0; the parents' TSCYC/SIMS-PR only to 12
    assert (uit.loc[uit["tscc_angst"].notna(), "leeftijd"] >= 8).all()
    assert (uit.loc[uit["eo_ouder_OA"].notna(), "leeftijd"] <= 12).all()
    ref = sk.referentie_kind_scores(klein)
    assert "meting" not in ref.columns and len(ref) > 0 and not ref["kind_id"].duplicated().any()
    assert ref["kidscreen_kidscreen10"].isna().all() and ref["getraumatiseerd"].notna().any()


# -- independent plain-Python re-scoring ------------------------------------------------------------------
def _gemiddelde(waarden: list) -> float:
    """Mean over the answered items under the missing-item rule (at most floor(0.2 n) missing)."""
    antw = [float(w) for w in waarden if not pd.isna(w)]
    return sum(antw) / len(antw) if len(waarden) - len(antw) <= math.floor(0.2 * len(waarden) + 1e-9) else NAN


def test_independent_rescoring_on_the_small_design(klein):
    uit = sk.kind_scores(klein).set_index(["kind_id", "meting"])
    ouders = klein["ouders"].set_index("ouder_id")["geslacht"]
    k_sso = kolommen("security_scale_ouder")
    verwacht: dict = {}
    for r in klein["security_scale_ouder"].to_dict("records"):
        if ouders[r["ouder_id"]] == "vrouw":
            verwacht.setdefault((r["kind_id"], r["meting"]), []).append(_gemiddelde([r[k] for k in k_sso]))
    for sleutel, lijst in verwacht.items():
        lijst = [x for x in lijst if not math.isnan(x)]
        if lijst:
            assert uit.loc[sleutel, "hechting_door_moeder"] == pytest.approx(sum(lijst) / len(lijst))
    # Kidscreen psychisch welbevinden: reversed items 9-11, mean, T with norm 4,0 / 0,65
    k_psy = kolommen("kidscreen", "psychisch_welbevinden")
    for r in klein["kidscreen"].to_dict("records"):
        waarden = [(6 - r[k]) if k in ("kidscreen_09", "kidscreen_10", "kidscreen_11") and not pd.isna(r[k]) else r[k] for k in k_psy]
        gem = _gemiddelde(waarden)
        t = 50 + 10 * (gem - 4.0) / 0.65
        gevonden = uit.loc[(r["kind_id"], r["meting"]), "kidscreen_psychisch_welbevinden"]
        assert (math.isnan(t) and math.isnan(gevonden)) or gevonden == pytest.approx(t)
    # getraumatiseerd from the TSCC alone where there is no TSCYC: any valid clinical scale
    tscyc_sleutels = set(zip(klein["tscyc"]["kind_id"], klein["tscyc"]["meting"]))
    gecontroleerd = 0
    for r in klein["tscc"].to_dict("records"):
        sleutel = (r["kind_id"], r["meting"])
        if sleutel in tscyc_sleutels:
            continue
        def t(schaal):
            k = kolommen("tscc", schaal)
            g = _gemiddelde([r[c] for c in k])
            n = sk.TSCC_NORMEN[schaal]
            return 50 + 10 * (g * len(k) - n["gemiddelde"]) / n["sd"]
        geldig = t("onderrapportage") < 70 and t("hyperrespons") < 90
        ts = [t(s) for s in sk.TRAUMA_SCHALEN]
        if not geldig:
            assert math.isnan(uit.loc[sleutel, "getraumatiseerd"])
        elif any(x >= 65 for x in ts):
            assert uit.loc[sleutel, "getraumatiseerd"] == 1.0
        elif all(not math.isnan(x) for x in ts):
            assert uit.loc[sleutel, "getraumatiseerd"] == 0.0
        gecontroleerd += 1
    assert gecontroleerd > 0
