"""Scoring of the parents' instruments (analysis.scoring_ouders) on tiny hand-made answer sets,
expected values computed by hand in the comments, plus sanity checks on the default synthetic
snapshot against the report's chapter 5 values."""

import math

import numpy as np
import pandas as pd
import pytest

from analysis import scoring_ouders as so
from analysis.codebook import load_codebook

CB = load_codebook()
NAN = float("nan")


def rij(instrument: str, vul: float, ouder_id: str = "O1", meting: str = "T0", **antwoorden) -> dict:
    """One row of an instrument table with every item ``vul`` except the given ones."""
    uit = {"ouder_id": ouder_id, "meting": meting, **{k: vul for k in CB.items(instrument)["kolom"]}}
    uit.update(antwoorden)
    return uit


def tabel(instrument: str, *rijen: dict) -> pd.DataFrame:
    kolommen = ["ouder_id", "meting", *CB.items(instrument)["kolom"]]
    return pd.DataFrame(list(rijen))[kolommen]


def tsi_items(van: int, tot: int, waarde: int) -> dict:
    return {f"tsi_{nr:03d}": waarde for nr in range(van, tot + 1)}


# -- the missing-item rule ---------------------------------------------------------------------------
def test_missing_item_rule_is_a_codebook_rule():
    regel = CB.raw["regels"]["ontbrekende_items_max_aandeel"]
    assert regel["waarde"] == 0.2 and regel["paragraaf"] and "prorat" in regel["bron"]
    # floor(0.2 x n): 7 and 9 items -> 1, 12 -> 2, 25 -> 5, one item -> 0
    assert [so.max_ontbrekend(n) for n in (1, 4, 5, 7, 9, 10, 12, 13, 25)] == [0, 0, 1, 1, 1, 2, 2, 2, 5]


def test_schaalscore_prorates_a_sum_and_averages_a_mean():
    items = pd.DataFrame({"a": [1, 1, 1, None], "b": [2, 2, None, None], "c": [3, None, None, 3],
                          "d": [4, 4, 4, 4], "e": [5, 5, 5, 5]}, dtype="Int64")
    som = so.schaalscore(items, "som")
    # row 0: 15; row 1: one of five missing -> mean(1,2,4,5) = 3 x 5 = 15; rows 2-3: two missing -> NaN
    assert som.iloc[0] == 15 and som.iloc[1] == 15 and math.isnan(som.iloc[2]) and math.isnan(som.iloc[3])
    gemiddelde = so.schaalscore(items, "gemiddelde")
    assert gemiddelde.iloc[0] == 3 and gemiddelde.iloc[1] == 3 and math.isnan(gemiddelde.iloc[2])
    with pytest.raises(ValueError):
        so.schaalscore(items, "mediaan")


# -- TSI ------------------------------------------------------------------------------------------
def test_tsi_t_score_by_hand_from_the_norms():
    # The provisional norms of the codebook: depressie raw mean 4,0, sd 3,6; T = 50 + 10 (raw - 4,0) / 3,6.
    assert so.TSI_NORMEN["depressie"] == {"gemiddelde": 4.0, "sd": 3.6}
    t = so.tsi_t_score(pd.Series([13.0, 4.0, 0.0, NAN]), "depressie")
    assert t.iloc[0] == pytest.approx(75.0)        # 50 + 10 x 9 / 3,6
    assert t.iloc[1] == pytest.approx(50.0)
    assert t.iloc[2] == pytest.approx(38.8889, abs=1e-4)  # 50 - 10 x 4 / 3,6
    assert math.isnan(t.iloc[3])


def test_tsi_raw_scores_per_scale_and_clinical():
    # Depressie = items 10-18 (nine items); answers 2,2,2,1,1,1,2,1,1 = 13 -> T 75 >= 65: clinical.
    depressie = dict(zip([f"tsi_{nr:03d}" for nr in range(10, 19)], [2, 2, 2, 1, 1, 1, 2, 1, 1]))
    # Dissociatie = items 45-53: 1 x 9 = 9 -> T = 50 + 10 x 5 / 3,6 = 63,9: not clinical.
    tsi = tabel("tsi", rij("tsi", 0, **depressie), rij("tsi", 0, ouder_id="O2", **tsi_items(45, 53, 1)))
    ruw = so.tsi_ruwe_scores(tsi)
    assert ruw.loc[0, "depressie"] == 13 and ruw.loc[0, "woede"] == 0 and ruw.loc[1, "dissociatie"] == 9
    scores = so.tsi_scores(tsi)
    assert list(scores["tsi_geldig"]) == [True, True]
    assert scores.loc[0, "depressie"] == pytest.approx(75.0)
    assert scores.loc[1, "dissociatie"] == pytest.approx(63.8889, abs=1e-4)
    assert scores.loc[0, "klinisch_depressie"] == 1.0 and scores.loc[1, "klinisch_dissociatie"] == 0.0
    assert list(scores["getraumatiseerd"]) == [1.0, 0.0]
    assert list(scores.columns[:2]) == ["ouder_id", "meting"] and list(scores["ouder_id"]) == ["O1", "O2"]


def test_tsi_validity_excludes_invalid_lists():
    # ATR = items 87-93 all 3: raw 21, T = 50 + 10 x (21 - 3,1) / 2,8 = 113,9 >= 90 -> invalid.
    atr = tsi_items(87, 93, 3)
    # RL = items 94-100: 1 x 7 = 7 -> T = 63,9 (< 65, valid); 2 x 7 = 14 -> T = 88,9 -> invalid.
    rl_geldig, rl_ongeldig = tsi_items(94, 100, 1), tsi_items(94, 100, 2)
    # INC: pairs (1,2), (10,11), (19,20) differ by 3 each -> 9 >= 9 -> invalid; by 3, 3, 2 -> 8: valid.
    inc9 = {"tsi_001": 3, "tsi_010": 3, "tsi_019": 3}
    inc8 = {"tsi_001": 3, "tsi_010": 3, "tsi_019": 2}
    tsi = tabel("tsi", rij("tsi", 0, ouder_id="ATR", **atr), rij("tsi", 0, ouder_id="RL7", **rl_geldig),
                rij("tsi", 0, ouder_id="RL14", **rl_ongeldig), rij("tsi", 0, ouder_id="INC9", **inc9),
                rij("tsi", 0, ouder_id="INC8", **inc8))
    scores = so.tsi_scores(tsi).set_index("ouder_id")
    assert scores.loc["ATR", "t_atypische_antwoorden"] == pytest.approx(113.93, abs=0.01)
    assert scores.loc["RL7", "t_antwoordniveau"] == pytest.approx(63.93, abs=0.01)
    assert scores.loc["INC9", "inconsistente_antwoorden"] == 9 and scores.loc["INC8", "inconsistente_antwoorden"] == 8
    assert scores["tsi_geldig"].to_dict() == {"ATR": False, "RL7": True, "RL14": False, "INC9": False, "INC8": True}
    # An invalid list has no T-scores and no "getraumatiseerd".
    assert scores.loc[["ATR", "RL14", "INC9"], "depressie"].isna().all()
    assert scores.loc[["ATR", "RL14", "INC9"], "getraumatiseerd"].isna().all()
    assert scores.loc["INC8", "getraumatiseerd"] == 0.0


def test_tsi_missing_items():
    # One of nine depressie items missing: prorated 12 / 8 x 9 = 13,5; two missing: NaN, so
    # "getraumatiseerd" is unknown unless another scale is clinical.
    een_weg = dict(zip([f"tsi_{nr:03d}" for nr in range(10, 19)], [None, 2, 2, 1, 1, 1, 2, 2, 1]))
    twee_weg = {"tsi_010": None, "tsi_011": None}
    twee_weg_klinisch = {**twee_weg, **tsi_items(19, 27, 2)}  # woede 18 -> T = 50 + 10 x 14 / 3,6 = 88,9
    tsi = tabel("tsi", rij("tsi", 0, ouder_id="A", **een_weg), rij("tsi", 0, ouder_id="B", **twee_weg),
                rij("tsi", 0, ouder_id="C", **twee_weg_klinisch))
    tsi = tsi.astype({k: "Int64" for k in CB.items("tsi")["kolom"]})
    ruw = so.tsi_ruwe_scores(tsi)
    assert ruw.loc[0, "depressie"] == pytest.approx(13.5) and math.isnan(ruw.loc[1, "depressie"])
    scores = so.tsi_scores(tsi).set_index("ouder_id")
    assert scores.loc["A", "getraumatiseerd"] == 1.0
    assert math.isnan(scores.loc["B", "getraumatiseerd"])
    assert scores.loc["C", "getraumatiseerd"] == 1.0
    # INC with one pair missing (pair 10-11): prorated over the ten pairs.
    inc = so.tsi_inconsistentie(tabel("tsi", rij("tsi", 0, tsi_001=3, tsi_010=None)))
    assert inc.iloc[0] == pytest.approx(3 * 10 / 9)


# -- parenting and wellbeing -------------------------------------------------------------------------
def test_parenting_scales():
    nosik = tabel("nosik", rij("nosik", 3), rij("nosik", 3, ouder_id="O2", **{f"nosik_{i:02d}": None for i in range(1, 6)}),
                  rij("nosik", 3, ouder_id="O3", **{f"nosik_{i:02d}": None for i in range(1, 7)}))
    stress = so.opvoedstress(nosik)
    assert stress.iloc[0] == 75 and stress.iloc[1] == 75 and math.isnan(stress.iloc[2])  # 25 x 3; 5 of 25 missing; 6
    assert so.opvoedstress(tabel("nosik", rij("nosik", 1), rij("nosik", 6))).tolist() == [25, 150]
    assert so.competentie(tabel("nosi_competentie", rij("nosi_competentie", 4))).iloc[0] == 52  # 13 x 4
    ppq = tabel("ppq_warmte", rij("ppq_warmte", 5, ppq_11=4))
    assert so.warmte(ppq).iloc[0] == pytest.approx(54 / 11)  # (10 x 5 + 4) / 11 = 4,909
    mpf = tabel("mpf33_autonomie", rij("mpf33_autonomie", 4, mpf_1=1, mpf_2=2, mpf_3=3, mpf_7=None))
    assert so.autonomie(mpf).iloc[0] == pytest.approx(3.0)  # mean(1, 2, 3, 4, 4, 4), one of seven missing


def test_mansa_report_mark_and_safety():
    # cijfer = 1 + (gemiddelde - 1) x 9/6: 1 -> 1, 4 -> 5,5, 7 -> 10; mean 5,5 -> 7,75
    assert so.mansa_rapportcijfer(pd.Series([1.0, 4.0, 7.0, 5.5])).tolist() == [1.0, 5.5, 10.0, 7.75]
    mansa = tabel("mansa", rij("mansa", 5, mansa_01=6, mansa_02=6, mansa_03=6, mansa_04=6, mansa_05=6, mansa_06=6))
    assert so.kwaliteit_van_leven(mansa).iloc[0] == pytest.approx(7.75)
    veilig = tabel("veiligheid", rij("veiligheid", 7), rij("veiligheid", None, ouder_id="O2"))
    uit = so.veiligheidsbeleving(veilig)
    assert uit.iloc[0] == 7 and math.isnan(uit.iloc[1])


# -- alcohol ---------------------------------------------------------------------------------------
def test_glazen_per_week_by_hand():
    freq = pd.Series([0, 0, 1, 2, 3, 3, 4, 4, None, 3], dtype="Int64")
    hoev = pd.Series([None, 4, 0, 3, 1, 0, 0, 4, 2, None], dtype="Int64")
    glazen = so.glazen_per_week(freq, hoev)
    # never -> 0 (question 2 irrelevant); 0,25 x 1,5; 0,75 x 8; 2,5 x 3,5; 2,5 x 1,5; 7 x 1,5; 7 x 11,5; missing
    verwacht = [0, 0, 0.375, 6.0, 8.75, 3.75, 10.5, 80.5, NAN, NAN]
    assert np.allclose(glazen.to_numpy(), verwacht, equal_nan=True)
    assert so.risicovol_drinken(glazen).tolist()[:8] == [0, 0, 0, 0, 1, 0, 1, 1]
    assert np.isnan(so.risicovol_drinken(glazen).iloc[8])
    # "more than eight": exactly 8 is not risky
    assert so.risicovol_drinken(pd.Series([8.0, 8.01])).tolist() == [0.0, 1.0]


def test_glazen_per_week_range_is_the_reports_0_to_80():
    """§2.5.5 (r. 1707-1710): 'range in dit onderzoek 0-80 glazen per week'."""
    klassen = pd.Series(range(5))
    alle = so.glazen_per_week(klassen.repeat(5).reset_index(drop=True), pd.concat([klassen] * 5, ignore_index=True))
    assert alle.min() == 0 and alle.max() == 80.5  # 7 days x 11,5 glasses: 80 after rounding to whole glasses
    bron = CB.raw["regels"]["auditc_glazen_per_keer"]["bron"] + CB.raw["regels"]["auditc_keren_per_week"]["bron"]
    assert "80" in bron and "drinkdagen" in bron


def test_auditc_scores_self_and_partner():
    auditc = tabel("auditc", rij("auditc", 0, auditc_1_zelf=3, auditc_2_zelf=1, auditc_1_partner=4, auditc_2_partner=2))
    uit = so.auditc_scores(auditc).iloc[0]
    assert uit["glazen_per_week"] == 8.75 and uit["risicovol_drinken"] == 1.0      # 2,5 x 3,5
    assert uit["glazen_per_week_partner"] == 38.5 and uit["risicovol_drinken_partner"] == 1.0  # 7 x 5,5


# -- ACE -------------------------------------------------------------------------------------------
def test_ace_sum_and_four_or_more():
    ja = lambda *nrs: {f"ace_{n:02d}": 1 for n in nrs}  # noqa: E731
    ace = tabel(
        "ace",
        rij("ace", 0, ouder_id="vier", **ja(1, 2, 3, 4)),
        rij("ace", 0, ouder_id="drie", **ja(1, 2, 3)),
        rij("ace", 0, ouder_id="drie_een_weg", **ja(1, 2, 3), ace_10=None),   # 3 of 9 -> 3,33
        rij("ace", 0, ouder_id="vier_een_weg", **ja(1, 2, 3, 4), ace_10=None),  # 4 of 9 -> 4,44
        rij("ace", 0, ouder_id="drie_weg", **ja(1, 2, 3, 4, 5), ace_08=None, ace_09=None, ace_10=None),
    )
    uit = so.ace_scores(ace).set_index("ouder_id")
    assert uit.loc["vier", "ace_som"] == 4 and uit.loc["drie", "ace_som"] == 3
    assert uit.loc["drie_een_weg", "ace_som"] == pytest.approx(30 / 9)
    assert uit["ace_vier_of_meer"].iloc[:4].tolist() == [1.0, 0.0, 0.0, 1.0]
    assert math.isnan(uit.loc["drie_weg", "ace_som"]) and math.isnan(uit.loc["drie_weg", "ace_vier_of_meer"])


# -- everything per parent and wave --------------------------------------------------------------------
def test_scores_ouders_joins_the_instruments_per_parent_and_wave():
    tabellen = {
        "nosik": tabel("nosik", rij("nosik", 2, meting="T0"), rij("nosik", 3, meting="T1")),
        "veiligheid": tabel("veiligheid", rij("veiligheid", 8, meting="T1")),
        "ace": tabel("ace", rij("ace", 1, meting="T0")),
    }
    uit = so.scores_ouders(tabellen).set_index("meting")
    assert uit.loc["T0", "opvoedstress"] == 50 and uit.loc["T1", "opvoedstress"] == 75
    assert math.isnan(uit.loc["T0", "veiligheid"]) and uit.loc["T1", "veiligheid"] == 8
    assert uit.loc["T0", "ace_som"] == 10 and math.isnan(uit.loc["T1", "ace_som"])


# -- the default synthetic snapshot --------------------------------------------------------------------
@pytest.fixture(scope="module")
def standaard():
    from analysis.synthetic import generate

    return generate()


@pytest.fixture(scope="module")
def scores_drie_metingen(standaard):
    from analysis.populatie import ouders_alle_metingen

    ouders = ouders_alle_metingen(standaard)
    scores = so.scores_ouders(standaard)
    return scores[scores["ouder_id"].isin(ouders["ouder_id"])]


def test_synthetic_scores_near_chapter_5(scores_drie_metingen):
    """The generator was tuned on the report's values; scored with these functions the parents
    in all three waves come close to them (Tabel 5.1, Figuur 5.1 and 5.3)."""
    per_meting = scores_drie_metingen.groupby("meting").mean(numeric_only=True)
    # Tabel 5.1 (r. 4276-4284): 50,7 / 47,7 / 46,3; 24,2 / 23,2 / 22,9; 4,5; 3,2 / 3,3 / 3,3 (±5%).
    tabel_5_1 = {"opvoedstress": [50.7, 47.7, 46.3], "competentie": [24.2, 23.2, 22.9],
                 "warmte": [4.5, 4.5, 4.5], "autonomie": [3.2, 3.3, 3.3]}
    for kolom, waarden in tabel_5_1.items():
        assert np.allclose(per_meting[kolom].to_numpy(), waarden, rtol=0.05), kolom
    # Figuur 5.3 (r. 4292-4302): safety 7,5 -> 8,1; quality of life 7,0 / 7,2 / 7,3 (±0,3).
    assert abs(per_meting.at["T0", "veiligheid"] - 7.5) <= 0.3 and abs(per_meting.at["T2", "veiligheid"] - 8.1) <= 0.3
    assert np.allclose(per_meting["kwaliteit_van_leven"].to_numpy(), [7.0, 7.2, 7.3], atol=0.3)
    # Figuur 5.1 (r. 4212-4214): 16% traumatised at T0, 9,2% at T2 (±4 points), among valid lists.
    assert abs(100 * per_meting.at["T0", "getraumatiseerd"] - 16.0) <= 4
    assert abs(100 * per_meting.at["T2", "getraumatiseerd"] - 9.2) <= 4
    # Risky drinking (Tabel 9.1): 9,8 / 10,4 / 9,9 and partner 32,9 / 25,9 / 25,4 (±5 points).
    assert np.allclose(100 * per_meting["risicovol_drinken"].to_numpy(), [9.8, 10.4, 9.9], atol=5)
    assert np.allclose(100 * per_meting["risicovol_drinken_partner"].to_numpy(), [32.9, 25.9, 25.4], atol=5)
    # Glasses per week stay within the report's range 0-80.
    assert scores_drie_metingen[["glazen_per_week", "glazen_per_week_partner"]].max().max() <= 80.5


def test_synthetic_ranges_and_missing(scores_drie_metingen):
    s = scores_drie_metingen
    assert s["opvoedstress"].between(25, 150).all() and s["competentie"].between(13, 78).all()
    assert s["warmte"].dropna().between(1, 5).all() and s["autonomie"].dropna().between(1, 4).all()
    assert s["kwaliteit_van_leven"].dropna().between(1, 10).all() and s["veiligheid"].dropna().between(1, 10).all()
    # Few scores are missing (answers are missing at < 2%, a scale only with > 20% of its items missing).
    assert s[["opvoedstress", "competentie", "warmte", "autonomie", "kwaliteit_van_leven"]].isna().mean().max() < 0.01
    assert set(s["getraumatiseerd"].dropna().unique()) == {0.0, 1.0}
    assert s.loc[~s["tsi_geldig"].astype(bool), "getraumatiseerd"].isna().all()


def test_reference_group_scored_like_the_parents(standaard):
    ref = so.scores_referentie(standaard)
    assert len(ref) == len(standaard["referentie_tsi"]["ouder_id"].drop_duplicates())
    # Figuur 5.1 (r. 4217): 6,7% traumatised in the reference group (±4 points); Tabel 5.1: NOSI-K 40,4 (±5%).
    assert abs(100 * ref["getraumatiseerd"].mean() - 6.7) <= 4
    assert abs(ref["opvoedstress"].mean() / 40.4 - 1) <= 0.05
