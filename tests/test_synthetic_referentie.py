"""Tests for the reference group of report §2.6: codebook tables, the synthetic generator
(analysis.synthetic_referentie) and its calibration against the report's reference values.

Reference values (``doelen`` in synthetic_parameters_referentie.yaml): §2.5.1 (the 2012 'normale
populatie': seven incidents of partner violence a year per family, SD 15; four mild psychological
items about once a year), Tabel 4.6 (ACE), Tabel 5.1 (NOSI-K 40,4) and Figuur 5.1 (6,7%
traumatised; only the direction is checked, the TSI norms are provisional); for the children
Cohen's d of the study group at T2 against this group (§6.3, §6.4) and the report's 15% rule for
emotional insecurity.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from analysis import scoring
from analysis.codebook import Codebook, load_codebook, tabel_metingen
from analysis.snapshot import validate_tables
from analysis.synthetic import generate, load_parameters

PARAMETERS = Path(__file__).resolve().parents[1] / "analysis" / "synthetic_parameters_referentie.yaml"
OUDER_TABELLEN = {"referentie_cts2": "cts2", "referentie_ctspc_ouder": "ctspc_ouder", "referentie_ace": "ace",
                  "referentie_nosik": "nosik", "referentie_tsi": "tsi"}
KIND_TABELLEN = {"referentie_tscyc": "tscyc", "referentie_sims_pr": "sims_pr", "referentie_tscc": "tscc",
                 "referentie_sis": "sis", "referentie_security_scale_kind": "security_scale_kind"}
KLEIN = {"steekproef": {"gezinnen": {"T0": 6, "T1": 4, "T2": 4, "alle": 3},
                        "echtparen": {"T0": 1, "T1": 1, "T2": 1, "alle": 1},
                        "moeders": {"T0": 5, "T1": 4, "T2": 3, "alle": 3},
                        "vaders": {"T0": 2, "T1": 1, "T2": 2, "alle": 1},
                        "twee_kinderen": {"T0": 2, "alle": 1},
                        "kinderen_leeftijd": {"3-12": 5, "13-18": 3}},
         "referentiegroep": {"steekproef": {"huishoudens": 12, "ouders": 17, "kinderen_zelfrapportage": 3, "ace": 6}}}


@pytest.fixture(scope="module")
def standaard() -> dict:
    start = time.perf_counter()
    tabellen = generate()
    return {"tabellen": tabellen, "tijd": time.perf_counter() - start}


@pytest.fixture(scope="module")
def tabellen(standaard) -> dict[str, pd.DataFrame]:
    return standaard["tabellen"]


@pytest.fixture(scope="module")
def doelen() -> dict:
    return load_parameters()["referentiegroep"]["doelen"]


def _som(df: pd.DataFrame, instrument: str, subschaal: str | None = None) -> pd.Series:
    """Sum of the item answers per row (missing answers count as 0)."""
    items = load_codebook().items(instrument)
    if subschaal is not None:
        items = items[items["subschaal"] == subschaal]
    return df[list(items["kolom"])].astype("float64").fillna(0).sum(axis=1)


def _tsi_klinisch(df: pd.DataFrame) -> np.ndarray:
    """Clinical on at least one clinical TSI scale (codebook rules tsi_t_score, tsi_normen, tsi_klinisch_t_min)."""
    cb = load_codebook()
    normen, t = cb.regel("tsi_normen"), cb.regel("tsi_t_score")
    klinisch = np.zeros(len(df), dtype=bool)
    for schaal in (s["code"] for s in cb.instrument("tsi")["schalen"] if s["klinisch"]):
        t_score = t["gemiddelde"] + t["sd"] * (_som(df, "tsi", schaal) - normen[schaal]["gemiddelde"]) / normen[schaal]["sd"]
        klinisch |= (t_score >= cb.regel("tsi_klinisch_t_min")).to_numpy()
    return klinisch


def _partnergeweld_referentie(tabellen) -> pd.DataFrame:
    """Partner violence per reference household with the study's scoring (one measurement)."""
    return scoring.partnergeweld_gezin(tabellen["referentie_cts2"].assign(meting="referentie"), tabellen["referentie_ouders"])


# ---------------------------------------------------------------------------------------
# The codebook
# ---------------------------------------------------------------------------------------
def test_tabel_metingen_is_none_without_a_meting_column():
    cb = load_codebook()
    assert tabel_metingen(cb, "tsi") == ["T0", "T1", "T2"]
    assert tabel_metingen(cb, "ace") == ["T0"]
    assert tabel_metingen(cb, "ouders_achtergrond") == ["T0", "T1", "T2"]
    for tabel in ["ouders", "kinderen", "gezinnen", "referentie_ouders", *OUDER_TABELLEN]:
        assert tabel_metingen(cb, tabel) is None, tabel


def test_reference_tables_reuse_the_instruments_and_have_no_waves():
    cb = load_codebook()
    eigen = {t for t in cb.tabellen if t.startswith("referentie_")}
    assert eigen >= {"referentie_ouders", "referentie_kinderen", *OUDER_TABELLEN}
    for tabel, instrument in OUDER_TABELLEN.items():
        spec = cb.tabellen[tabel]
        assert spec["instrument"] == instrument and "meting" not in spec["kolommen"]
        assert spec["bestand"] == f"{tabel}.parquet"
        assert spec["kolommen"]["ouder_id"]["verwijst_naar"] == "referentie_ouders.ouder_id"
        # The item columns are exactly the study's table of the same instrument.
        studie = [k for k, kspec in cb.kolommen(instrument).items() if kspec["type"] == "antwoord"]
        assert [k for k in cb.kolommen(tabel) if k not in spec["kolommen"]] == studie
    assert cb.tabellen["referentie_ctspc_ouder"]["kolommen"]["kind_id"]["verwijst_naar"] == "referentie_kinderen.kind_id"
    assert cb.regel("referentie_vergelijking_meting") == "T2"


def test_childrens_reference_tables_are_those_the_report_compares():
    """Chapter 6 compares emotional security, trauma and (child report) attachment with this group;
    parents' attachment reports, problem behaviour and quality of life have other references."""
    cb = load_codebook()
    for tabel, instrument in KIND_TABELLEN.items():
        spec = cb.tabellen[tabel]
        assert spec["instrument"] == instrument and "meting" not in spec["kolommen"]
        assert spec["kolommen"]["kind_id"]["verwijst_naar"] == "referentie_kinderen.kind_id"
        ouder_over_kind = cb.instrument(instrument)["rapporteur"] == "ouder over kind"
        assert ("ouder_id" in spec["kolommen"]) == ouder_over_kind, tabel
    for niet in ("security_scale_ouder", "isrd", "kidscreen", "ctspc_kind"):
        assert f"referentie_{niet}" not in cb.tabellen


def test_ace_intercepts_keep_the_published_shares():
    """Without a shared latent the intercept is the logit of the share; with one, the expected
    share over a standard-normal latent is still the share (checked by simulation)."""
    from analysis.synthetic_referentie import _ace_intercepten

    assert np.allclose(_ace_intercepten(np.array([0.5, 0.1]), np.array([0.0, 0.0])), [0.0, np.log(1 / 9)], atol=1e-6)
    kansen, helling = np.array([0.072, 0.024, 0.144]), np.array([5.0, 5.0, 1.5])
    a = _ace_intercepten(kansen, helling)
    z = np.random.default_rng(0).standard_normal(400_000)
    gesimuleerd = (1 / (1 + np.exp(-(a + helling * z[:, None])))).mean(axis=0)
    assert np.allclose(gesimuleerd, kansen, atol=0.002)
    assert a[0] < np.log(0.072 / 0.928)  # clustering pushes the intercept down


def test_parameter_file_has_one_top_level_key():
    with open(PARAMETERS, encoding="utf-8") as fh:
        assert list(yaml.safe_load(fh)) == ["referentiegroep"]


# ---------------------------------------------------------------------------------------
# Tables, validity, sizes
# ---------------------------------------------------------------------------------------
def test_generated_tables_are_valid(tabellen):
    assert validate_tables(tabellen) == []
    for tabel in OUDER_TABELLEN:
        assert "meting" not in tabellen[tabel].columns


def test_invalid_reference_tables_are_reported(tabellen):
    cb = load_codebook()
    alleen_referentie = Codebook({**cb.raw, "tabellen": {t: s for t, s in cb.tabellen.items() if t.startswith("referentie_")}})
    tabellen = {t: df for t, df in tabellen.items() if t.startswith("referentie_") or t == "ouders"}
    assert validate_tables({t: df for t, df in tabellen.items() if t != "ouders"}, codebook=alleen_referentie) == []
    kapot = {t: df for t, df in tabellen.items() if t != "ouders"}
    tsi = tabellen["referentie_tsi"].copy()
    tsi.loc[0, "ouder_id"] = tabellen["ouders"]["ouder_id"].iloc[0]  # a study parent is no reference parent
    kapot["referentie_tsi"] = tsi
    kapot["referentie_nosik"] = tabellen["referentie_nosik"].assign(meting="T0")
    del kapot["referentie_ace"]
    regels = {(p.bestand, p.kolom, p.regel) for p in validate_tables(kapot, codebook=alleen_referentie)}
    assert regels == {("referentie_tsi.parquet", "ouder_id", "onbekende verwijzing"),
                      ("referentie_nosik.parquet", "meting", "onbekende kolom"),
                      ("referentie_ace.parquet", "", "ontbrekend bestand")}


def test_sizes_follow_tabel_2_2_and_chapters_4_5(tabellen):
    """636 parents (Tabel 5.1) in 464 households (Tabel 2.2: 464 persons), so 172 couples; the
    120 other participants of the 756 are self-reporting children; ACE for 167 (Tabel 4.6)."""
    ouders = tabellen["referentie_ouders"]
    assert len(ouders) == 636 and ouders["gezin_id"].nunique() == 464
    per_huis = ouders.groupby("gezin_id")["geslacht"].agg(lambda s: "".join(sorted(s)))
    assert (per_huis == "manvrouw").sum() == 172 and per_huis.isin(["manvrouw", "man", "vrouw"]).all()
    assert 0.5 < (per_huis == "vrouw").sum() / per_huis.isin(["man", "vrouw"]).sum() < 0.75
    assert 30 <= ouders["leeftijd"].mean() <= 50 and ouders["leeftijd"].min() >= 18
    kinderen = tabellen["referentie_kinderen"]
    assert set(kinderen["gezin_id"]) == set(ouders["gezin_id"])
    assert kinderen["leeftijd"].between(3, 18).all() and kinderen.groupby("gezin_id").size().max() <= 3
    for tabel in ("referentie_cts2", "referentie_nosik", "referentie_tsi"):
        assert sorted(tabellen[tabel]["ouder_id"]) == sorted(ouders["ouder_id"]), tabel
    assert len(tabellen["referentie_ace"]) == 167 and tabellen["referentie_ace"]["ouder_id"].isin(ouders["ouder_id"]).all()
    # CTSPC: every parent about every child of the household.
    paren = ouders.merge(kinderen, on="gezin_id")
    ctspc = tabellen["referentie_ctspc_ouder"]
    assert sorted(zip(ctspc["ouder_id"], ctspc["kind_id"])) == sorted(zip(paren["ouder_id"], paren["kind_id"]))
    # The reference group's ids never coincide with the study's.
    assert not set(ouders["ouder_id"]) & set(tabellen["ouders"]["ouder_id"])
    assert not set(ouders["gezin_id"]) & set(tabellen["gezinnen"]["gezin_id"])


def test_children_sizes_follow_tabel_2_2(tabellen):
    """756 - 636 = 120 children of 8-18 fill in their own questionnaires; parents report about
    every child of 3-12 in their household (TSCYC, SIMS-PR)."""
    kinderen = tabellen["referentie_kinderen"].set_index("kind_id")
    zelf = tabellen["referentie_tscc"]["kind_id"]
    assert len(zelf) == 120 and zelf.is_unique and kinderen.loc[zelf, "leeftijd"].between(8, 18).all()
    for tabel in ("referentie_sis", "referentie_security_scale_kind"):
        assert sorted(tabellen[tabel]["kind_id"]) == sorted(zelf), tabel
    jong = tabellen["referentie_kinderen"][tabellen["referentie_kinderen"]["leeftijd"] <= 12]
    paren = tabellen["referentie_ouders"].merge(jong, on="gezin_id")
    for tabel in ("referentie_tscyc", "referentie_sims_pr"):
        df = tabellen[tabel]
        assert sorted(zip(df["ouder_id"], df["kind_id"])) == sorted(zip(paren["ouder_id"], paren["kind_id"])), tabel


def test_answers_on_the_scales(tabellen):
    cb = load_codebook()
    for tabel, instrument in {**OUDER_TABELLEN, **KIND_TABELLEN}.items():
        schaal = sorted(int(k) for k in cb.antwoordschaal(cb.instrument(instrument)["antwoordschaal"])["waarden"])
        antwoorden = tabellen[tabel][list(cb.items(instrument)["kolom"])]
        assert antwoorden.stack().dropna().astype(int).isin(schaal).all(), tabel
        assert 0.002 < antwoorden.isna().to_numpy().mean() < 0.025, tabel


# ---------------------------------------------------------------------------------------
# Calibration (loose) against the report's reference values
# ---------------------------------------------------------------------------------------
def test_partner_violence_like_the_2012_normal_population(tabellen, doelen):
    """§2.5.1: on average 7 incidents a year per family (SD 15); four mild psychological items
    about once a year each; so most households fall under 'geen geweld'."""
    gezin = _partnergeweld_referentie(tabellen)
    assert len(gezin) == 464
    doel = doelen["partnergeweld_incidenten"]
    assert abs(gezin["totaal"].mean() - doel["gemiddelde"]) <= 2.5, gezin["totaal"].mean()
    assert abs(gezin["totaal"].std() - doel["sd"]) <= 6, gezin["totaal"].std()
    inc = scoring.partnergeweld_incidenten(tabellen["referentie_cts2"].assign(meting="referentie"),
                                           tabellen["referentie_ouders"])
    mild_psychisch = inc[(inc["subschaal"] == "psychisch") & (inc["ernst"] == "mild")]
    per_item = mild_psychisch.groupby("nr")["incidenten"].sum() / 464
    assert sorted(per_item.index) == [3, 18, 25, 34]
    assert ((per_item / doelen["mild_psychisch_per_item"]).between(0.6, 1.5)).all(), per_item
    assert (gezin["categorie"] == "geen").mean() > 0.55


def test_ace_follows_tabel_4_6(tabellen, doelen):
    cb = load_codebook()
    items = cb.items("ace")
    ace = tabellen["referentie_ace"][list(items["kolom"])].astype("float64").fillna(0)
    for kolom, categorie in zip(items["kolom"], items["subschaal"]):
        assert abs(100 * ace[kolom].mean() - doelen["ace"][categorie]) <= 5, categorie  # n=167: SE up to 2.7
    assert abs(100 * (ace.iloc[:, :5].sum(axis=1) > 0).mean() - doelen["ace"]["zelf_huiselijk_geweld"]) <= 5
    assert abs(100 * (ace.sum(axis=1) >= 4).mean() - doelen["ace"]["vier_of_meer"]) <= 3.5


def test_ace_model_on_a_larger_sample(doelen):
    """With all 636 parents answering the ACE the shares come closer to Tabel 4.6 (the model
    keeps each category's share; clustering makes 'any of 1-5' rare and four or more possible)."""
    tabellen = generate(seed=11, parameters={"steekproef": KLEIN["steekproef"], "referentiegroep": {"steekproef": {"ace": 636}}})
    items = load_codebook().items("ace")
    ace = tabellen["referentie_ace"][list(items["kolom"])].astype("float64").fillna(0)
    assert len(ace) == 636
    gemiddeld = np.mean([abs(100 * ace[k].mean() - doelen["ace"][c]) for k, c in zip(items["kolom"], items["subschaal"])])
    assert gemiddeld <= 1.5
    assert abs(100 * (ace.iloc[:, :5].sum(axis=1) > 0).mean() - doelen["ace"]["zelf_huiselijk_geweld"]) <= 4
    assert abs(100 * (ace.sum(axis=1) >= 4).mean() - doelen["ace"]["vier_of_meer"]) <= 2


def test_parenting_stress_follows_tabel_5_1(tabellen, doelen):
    nosik = _som(tabellen["referentie_nosik"], "nosik")
    assert abs(nosik.mean() / doelen["nosik"] - 1) <= 0.05, nosik.mean()
    assert nosik.between(25, 150).all() and nosik.std() > 4


def test_trauma_below_the_study_group(tabellen, doelen):
    """Figuur 5.1: 16% (T0) and 9,2% (T2) in the study group, 6,7% in the reference group. The TSI
    norms are provisional, so only the order is checked, and the reference level loosely."""
    ref = 100 * _tsi_klinisch(tabellen["referentie_tsi"]).mean()
    tsi = tabellen["tsi"]
    t0, t2 = (100 * _tsi_klinisch(tsi[tsi["meting"] == m]).mean() for m in ("T0", "T2"))
    assert ref < t2 < t0, (ref, t2, t0)
    assert doelen["tsi_klinisch"] < 9.2 and 2 <= ref <= 12
    # Figuur 5.2: at T0 the study group scores higher on these seven clinical scales.
    for schaal in ["angstige_opwinding", "depressie", "woede", "herbeleving", "defensieve_vermijding", "dissociatie",
                   "spanningsverminderend_gedrag"]:
        referentie = _som(tabellen["referentie_tsi"], "tsi", schaal).mean()
        assert referentie < _som(tsi[tsi["meting"] == "T0"], "tsi", schaal).mean(), schaal


def _itemgemiddelde(df: pd.DataFrame, instrument: str, subschaal: str | None = None,
                    perspectief: str | None = None) -> pd.Series:
    """Mean item score per row over the items of a subscale (or all), ignoring missing answers."""
    items = load_codebook().items(instrument)
    if subschaal is not None:
        items = items[items["subschaal"] == subschaal]
    if perspectief is not None:
        items = items[items["perspectief"] == perspectief]
    return df[list(items["kolom"])].astype("float64").mean(axis=1)


def test_emotional_security_and_attachment_of_reference_children(tabellen, doelen):
    """About 15% of a normal population is 'emotioneel onveilig' by the report's rule (two SD above
    the normal population's mean on one of OA, OI, OER, BD; codebook rules emotioneel_onveilig_sd and
    the provisional sims_pr_normen / sis_normen); children feel safer with their mother (r. 4412)."""
    cb = load_codebook()
    regel = cb.regel("emotioneel_onveilig_sd")
    for instrument in ("sims_pr", "sis"):
        df = tabellen[f"referentie_{instrument}"]
        normen = cb.regel(f"{instrument}_normen")
        onveilig = np.zeros(len(df), dtype=bool)
        for schaal in regel["subschalen"]:
            grens = normen[schaal]["gemiddelde"] + regel["sd_boven_gemiddelde"] * normen[schaal]["sd"]
            # the norms are in sum units with items counted from 0 (rule emotionele_veiligheid_score =
            # som_vanaf_0): (mean item score - lowest answer 1) x k
            k = int((cb.items(instrument)["subschaal"] == schaal).sum())
            onveilig |= ((_itemgemiddelde(df, instrument, schaal) - 1) * k >= grens).to_numpy()
        assert abs(100 * onveilig.mean() - doelen["emotioneel_onveilig"]) <= 8, (instrument, onveilig.mean())
    # per child as the scorer combines the lists (any list insecure): still about 15%
    from analysis.scoring_kinderen import referentie_kind_scores
    per_kind = referentie_kind_scores(tabellen)["emotioneel_onveilig"].dropna()
    assert abs(100 * per_kind.mean() - doelen["emotioneel_onveilig"]) <= 5, per_kind.mean()
    ss = tabellen["referentie_security_scale_kind"]
    vader, moeder = (_itemgemiddelde(ss, "security_scale_kind", perspectief=p) for p in ("vader", "moeder"))
    assert abs(pd.concat([vader, moeder]).mean() - doelen["security_scale_kind"]) <= 0.25
    assert moeder.mean() > vader.mean() + 0.1


def test_reference_column_of_tabel_8_1(tabellen, doelen):
    """Tabel 8.1, reference column (r. 6012-6037): mean sum score per subscale with items counted
    from 0, per child the mean of the parents' SIMS-PR (averaged over the parents' lists) and the
    child's SIS where both exist (as analysis.hoofdstuk8 combines them); within 5% of the report.
    Computed here from the raw answers, independently of the scorer."""
    cb = load_codebook()
    for schaal, doel in doelen["tabel_8_1"].items():
        per_lijst = {}
        for instrument in ("sims_pr", "sis"):
            df = tabellen[f"referentie_{instrument}"]
            k = int((cb.items(instrument)["subschaal"] == schaal).sum())
            som = (_itemgemiddelde(df, instrument, schaal) - 1) * k
            per_lijst[instrument] = som.groupby(df["kind_id"].astype(str)).mean()
        per_kind = pd.concat(per_lijst, axis=1).mean(axis=1)
        assert abs(per_kind.mean() - doel) <= 0.05 * doel, (schaal, per_kind.mean(), doel)


def _d(studie: pd.Series, referentie: pd.Series) -> float:
    """Cohen's d of the study group against the reference group (pooled SD, equal weights)."""
    return float((studie.mean() - referentie.mean()) / np.sqrt((studie.var() + referentie.var()) / 2))


def test_children_compared_at_t2_like_chapter_6(tabellen, doelen):
    """§6.4 (r. 4504-4510): at T2 the study group's children still have more PTSS (d=.81),
    depression (.65), anxiety (.51), anger (.55) and dissociation (.53) than the reference group,
    not more sexual problems; §6.3 (r. 4476-4483): more emotional reactivity (.47) and behavioural
    dysregulation (.28), equal on overt avoidance and involvement. Per instrument, within 0.3."""
    for instrument, doel in (("tscyc", doelen["d_t2_trauma"]), ("tscc", doelen["d_t2_trauma"]),
                             ("sims_pr", doelen["d_t2_emotionele_veiligheid"]), ("sis", doelen["d_t2_emotionele_veiligheid"])):
        studie = tabellen[instrument]
        t2 = studie[studie["meting"] == "T2"]
        assert len(t2) > 50, instrument
        for schaal, d in doel.items():
            referentie = _itemgemiddelde(tabellen[f"referentie_{instrument}"], instrument, schaal)
            gemeten = _d(_itemgemiddelde(t2, instrument, schaal), referentie)
            assert abs(gemeten - d) <= 0.3, (instrument, schaal, gemeten)
            if d >= 0.25:
                assert gemeten > 0.15, (instrument, schaal, gemeten)


# ---------------------------------------------------------------------------------------
# Reference group against the study group; coherence within the reference group
# ---------------------------------------------------------------------------------------
def test_reference_group_has_less_violence_and_stress(tabellen):
    ref = _partnergeweld_referentie(tabellen)
    studie = scoring.partnergeweld_gezin(tabellen["cts2"], tabellen["ouders"])
    t2 = studie[studie["meting"] == "T2"]
    assert ref["totaal"].mean() < 0.7 * t2["totaal"].mean()
    assert (ref["categorie"] == "geen").mean() > (t2["categorie"] == "geen").mean() + 0.1
    km_ref = scoring.kindermishandeling_kind(tabellen["referentie_ctspc_ouder"].assign(meting="referentie"))
    km = scoring.kindermishandeling_kind(tabellen["ctspc_ouder"])
    assert km_ref["totaal"].mean() < km.loc[km["meting"] == "T2", "totaal"].mean()
    nosik = tabellen["nosik"].assign(som=_som(tabellen["nosik"], "nosik"))
    assert _som(tabellen["referentie_nosik"], "nosik").mean() < nosik.loc[nosik["meting"] == "T2", "som"].mean() - 3
    ace_ref = _som(tabellen["referentie_ace"], "ace")
    assert (ace_ref >= 4).mean() < 0.5 * (_som(tabellen["ace"], "ace") >= 4).mean()


def test_constructs_cohere_within_the_reference_group(tabellen):
    """§2.6: the reference group tests the links between violence, stress and trauma in 'normal'
    families: parents in households with more partner violence report more stress and trauma."""
    gezin = _partnergeweld_referentie(tabellen)[["gezin_id", "totaal"]]
    ouders = tabellen["referentie_ouders"][["ouder_id", "gezin_id"]].merge(gezin, on="gezin_id")
    for tabel, instrument in (("referentie_nosik", "nosik"), ("referentie_tsi", "tsi")):
        score = tabellen[tabel][["ouder_id"]].assign(score=_som(tabellen[tabel], instrument)).merge(ouders, on="ouder_id")
        assert score[["score", "totaal"]].corr(method="spearman").iloc[0, 1] > 0.1, tabel
    kinderen = tabellen["referentie_kinderen"][["kind_id", "gezin_id"]].merge(gezin, on="gezin_id")
    for tabel, instrument in (("referentie_tscyc", "tscyc"), ("referentie_sims_pr", "sims_pr")):
        score = tabellen[tabel][["kind_id"]].assign(score=_som(tabellen[tabel], instrument)).merge(kinderen, on="kind_id")
        assert score[["score", "totaal"]].corr(method="spearman").iloc[0, 1] > 0.1, tabel


# ---------------------------------------------------------------------------------------
# Determinism, streams, parameters, speed
# ---------------------------------------------------------------------------------------
def test_deterministic_and_seed_dependent():
    een, twee, ander = generate(seed=5, parameters=KLEIN), generate(seed=5, parameters=KLEIN), generate(seed=6, parameters=KLEIN)
    cb = load_codebook()
    alleen_referentie = Codebook({**cb.raw, "tabellen": {t: s for t, s in cb.tabellen.items() if t.startswith("referentie_")}})
    assert validate_tables({t: df for t, df in een.items() if t.startswith("referentie_")}, codebook=alleen_referentie) == []
    ouders = een["referentie_ouders"]
    assert (len(ouders), ouders["gezin_id"].nunique(), len(een["referentie_ace"]), len(een["referentie_tscc"])) == (17, 12, 6, 3)
    for tabel in [t for t in een if t.startswith("referentie_")]:
        pd.testing.assert_frame_equal(een[tabel], twee[tabel])
    assert not een["referentie_tsi"].equals(ander["referentie_tsi"])


def test_streams_are_separate():
    """The reference group never changes the study's tables, and its parts keep each other's answers."""
    basis = generate(seed=7, parameters=KLEIN)
    anders = generate(seed=7, parameters={**KLEIN, "referentiegroep": {
        **KLEIN["referentiegroep"], "model": {"welzijn": {"nosik": {"gemiddelde": 3.0}}}}})
    for tabel in ["cts2", "ctspc_ouder", "nosik", "tsi", "referentie_ouders", "referentie_cts2", "referentie_tsi"]:
        pd.testing.assert_frame_equal(basis[tabel], anders[tabel])
    assert _som(anders["referentie_nosik"], "nosik").mean() > _som(basis["referentie_nosik"], "nosik").mean() + 20


@pytest.mark.parametrize("steekproef", [{"ouders": 1000}, {"ouders": 400}, {"ace": 700}, {"kinderen_zelfrapportage": 5000}])
def test_inconsistent_design_is_refused(steekproef):
    with pytest.raises(ValueError, match="referentiegroep.steekproef"):
        generate(parameters={"steekproef": KLEIN["steekproef"], "referentiegroep": {"steekproef": steekproef}})
