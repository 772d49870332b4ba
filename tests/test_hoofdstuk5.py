"""Chapter 5: traumatised parents (Figuur 5.1), TSI scales vs the reference group (Figuur 5.2),
parenting (Tabel 5.1), safety and quality of life (Figuur 5.3) and the relation with the
decline of violence (§5.6).

Hand-made scores whose shares and means are worked out below; the tests and effect sizes
against scipy and pingouin; violence groups from hand-made CTS2/CTSPC answers; the small-cell
rule and the whole chapter on the small synthetic design (``klein_ontwerp``); the audit mappings.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pingouin as pg
import pytest
from scipy import stats as sps

from analysis import hoofdstuk5 as h5
from analysis.codebook import load_codebook
from analysis.disclosure import MINIMUM_CELGROOTTE, ONDERDRUKT

METINGEN = ["T0", "T1", "T2"]
UITKOMSTEN = ["getraumatiseerd", *h5.TSI_SCHALEN, *h5.OPVOEDING, *h5.WELZIJN]


def _scores(n: int = 40, seed: int = 3) -> pd.DataFrame:
    """``n`` parents (two per family, alternately mother and father) × three waves; every outcome
    falls over time with noise, so the tests have something to find."""
    rng = np.random.default_rng(seed)
    rijen = []
    for i in range(n):
        eigen = rng.normal(0, 1)
        for k, m in enumerate(METINGEN):
            rij = {"ouder_id": f"O{i:02d}", "gezin_id": f"G{i // 2:02d}", "geslacht": "vrouw" if i % 2 == 0 else "man", "meting": m}
            for u in UITKOMSTEN:
                rij[u] = 50 + 3 * eigen - 2 * k + rng.normal(0, 2)
            rij["getraumatiseerd"] = float(rng.random() < 0.5 - 0.15 * k)
            rijen.append(rij)
    return pd.DataFrame(rijen)


def _referentie(n: int = 30, seed: int = 4) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    ref = pd.DataFrame({s: rng.normal(44, 4, n) for s in [*h5.TSI_SCHALEN, "opvoedstress"]})
    ref["getraumatiseerd"] = (rng.random(n) < 0.1).astype(float)
    return ref


# -- Figuur 5.1 -----------------------------------------------------------------------------------
def test_trauma_shares_by_hand():
    """Four parents: traumatised at T0 2 of 4, at T1 1 of 4, at T2 0 of 3 (one invalid TSI);
    reference group 1 of 5."""
    scores = pd.DataFrame({
        "ouder_id": [o for o in "ABCD" for _ in METINGEN], "meting": METINGEN * 4,
        "getraumatiseerd": [1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, np.nan],
    })
    referentie = pd.DataFrame({"getraumatiseerd": [1.0, 0, 0, 0, 0]})
    data = h5.trauma_per_meting(scores, referentie).set_index("groep")
    assert list(data.index) == ["T0", "T1", "T2", "referentie"]
    assert list(data["aantal"]) == [2, 1, 0, 1] and list(data["n"]) == [4, 4, 3, 5]
    assert list(data["aandeel"]) == pytest.approx([0.5, 0.25, 0.0, 0.2])
    figuur = h5.figuur_5_1(data.reset_index(), 4, 5, "Utrecht")
    assert figuur.id == "figuur-5.1" and figuur.label == "fig-trauma-ouders"
    assert figuur.titel == "Percentage getraumatiseerde ouders per meting (N=4), referentiepopulatie (N=5)"
    assert "T0 50,0%; T1 25,0%; T2 0,0%; referentiepopulatie 20,0%" in figuur.alt
    # Regional: every share rests on fewer than five parents → hidden; the national reference stays.
    veilig = h5.trauma_per_meting(scores, referentie, beveiligen=True).set_index("groep")
    assert veilig.loc[METINGEN, "aandeel"].isna().all() and veilig.loc["referentie", "aandeel"] == pytest.approx(0.2)
    assert ONDERDRUKT in h5.figuur_5_1(veilig.reset_index(), 4, 5, "Utrecht").alt


def test_trauma_tests_against_scipy():
    scores, ref = _scores(), _referentie()
    toetsen = h5.trauma_toetsen(scores, ref)
    for m in ("T0", "T2"):
        studie = scores.loc[scores["meting"] == m, "getraumatiseerd"]
        tabel = np.array([[(studie == 1).sum(), (studie == 0).sum()],
                          [(ref["getraumatiseerd"] == 1).sum(), (ref["getraumatiseerd"] == 0).sum()]])
        chi2, p, _, _ = sps.chi2_contingency(tabel, correction=False)
        assert toetsen[m].statistiek == pytest.approx(chi2) and toetsen[m].p == pytest.approx(p)
        assert toetsen[m].effect == pytest.approx(math.sqrt(chi2 / tabel.sum()))
    aov = pg.rm_anova(scores, dv="getraumatiseerd", within="meting", subject="ouder_id", correction=False, effsize="np2").iloc[0]
    assert toetsen["verloop"].statistiek == pytest.approx(aov["F"])
    assert toetsen["verloop"].p == pytest.approx(aov["p_unc"]) and toetsen["verloop"].effect == pytest.approx(aov["np2"])


# -- Figuur 5.2 -----------------------------------------------------------------------------------
def test_tsi_means_and_reference_t_tests_against_scipy():
    scores, ref = _scores(), _referentie()
    data = h5.gemiddelden(scores, list(h5.TSI_SCHALEN), ref)
    assert len(data) == len(h5.TSI_SCHALEN) * 4
    rij = data[(data["schaal"] == "depressie") & (data["groep"] == "T1")].iloc[0]
    assert rij["gemiddelde"] == pytest.approx(scores.loc[scores["meting"] == "T1", "depressie"].mean())
    assert rij["n"] == 40
    toetsen = h5.tsi_toetsen(scores, ref)
    for s in ("depressie", "woede"):
        for m in ("T0", "T2"):
            a = scores.loc[scores["meting"] == m, s]
            t, p = sps.ttest_ind(a, ref[s], equal_var=True)
            assert toetsen[s][m].statistiek == pytest.approx(t) and toetsen[s][m].p == pytest.approx(p)
            sp = math.sqrt(((len(a) - 1) * a.var() + (len(ref) - 1) * ref[s].var()) / (len(a) + len(ref) - 2))
            assert toetsen[s][m].effect == pytest.approx((a.mean() - ref[s].mean()) / sp)
    figuur = h5.figuur_5_2(data, 40, 30, "Nederland")
    assert figuur.id == "figuur-5.2" and figuur.label == "fig-traumaklachten-ouders"
    assert figuur.titel == "Traumaklachten van ouders in de onderzoeksgroep (N=40) en de referentiegroep (N=30)"
    assert "klinische grens ligt bij T = 65" in figuur.alt and "verstoord zelfbeeld: T0 " in figuur.alt


def test_regional_means_need_a_base_of_five():
    scores = _scores(n=4)
    data = h5.gemiddelden(scores, ["depressie"], _referentie(), beveiligen=True).set_index("groep")
    assert data.loc[METINGEN, "gemiddelde"].isna().all() and data.loc["referentie", "gemiddelde"] == pytest.approx(_referentie()["depressie"].mean())
    assert h5.gemiddelden(_scores(n=MINIMUM_CELGROOTTE), ["depressie"], beveiligen=True)["gemiddelde"].notna().all()


# -- Tabel 5.1 ------------------------------------------------------------------------------------
def test_tsi_scales_are_the_clinical_scales_of_the_scoring():
    from analysis import scoring_ouders

    assert list(h5.TSI_SCHALEN) == scoring_ouders.TSI_KLINISCHE_SCHALEN


def test_range_from_the_codebook():
    # NOSI-K 25 items of 1-6 (sum), NOSI competence 13 items of 1-6 (sum), PPQ 1-5 and MPF33 1-4 (mean).
    assert [h5.bereik(s) for s in h5.OPVOEDING] == [(25, 150), (13, 78), (1, 5), (1, 4)]


def test_pairwise_waves_are_the_paired_t_test():
    scores = _scores()
    for paar in (["T0", "T1"], ["T1", "T2"]):
        t = h5.verloop(scores, "opvoedstress", paar)
        breed = scores.pivot(index="ouder_id", columns="meting", values="opvoedstress")
        res = sps.ttest_rel(breed[paar[0]], breed[paar[1]])
        assert t.statistiek == pytest.approx(res.statistic ** 2) and t.p == pytest.approx(res.pvalue)
        assert t.df == (1, 39)


def test_tabel_5_1_markers_and_layout():
    """Parenting stress 60 → 50 → 50 (clearly down, then flat), reference 40: markers at T0
    (T0–T1) and T2 (T2 vs reference), none at T1; the other scales have no reference."""
    rng = np.random.default_rng(8)
    scores = _scores()
    for k, (m, niveau) in enumerate(zip(METINGEN, (60, 50, 50))):
        scores.loc[scores["meting"] == m, "opvoedstress"] = niveau + rng.normal(0, 2, 40)
    ref = _referentie().assign(opvoedstress=40 + rng.normal(0, 2, 30))
    data = h5.gemiddelden(scores, list(h5.OPVOEDING), ref)
    toetsen = h5.opvoeding_toetsen(scores, ref)
    breed = scores.pivot(index="ouder_id", columns="meting", values="opvoedstress")
    assert sps.ttest_rel(breed["T0"], breed["T1"]).pvalue < 0.05 and sps.ttest_rel(breed["T1"], breed["T2"]).pvalue >= 0.05
    tabel = h5.tabel_5_1(data, toetsen, 40, 30)
    assert tabel.id == "tabel-5.1" and tabel.label == "tbl-ouderschap"
    assert tabel.titel == "De scores voor ouderschapscompetenties op drie meetmomenten"
    w = tabel.weergave.set_index("Ouders (N=40)")
    assert list(w.columns) == ["T0", "T1", "T2", "Referentiepopulatie (N=30)", "Range"]
    stress = w.loc["Opvoedstress"]
    assert stress.iloc[0].endswith("*") and not stress.iloc[1].endswith("*") and stress.iloc[2].endswith("*")
    assert stress.iloc[3] == f"{ref['opvoedstress'].mean():.1f}".replace(".", ",") and stress.iloc[4] == "25-150"
    assert w.loc["Warmte & betrokkenheid", "Referentiepopulatie (N=30)"] == "" and w.loc["Autonomie & steun", "Range"] == "1-4"
    assert set(toetsen["opvoedstress"]) == {"verloop", "T0_T1", "T1_T2", "T0_referentie", "T2_referentie"}
    assert set(toetsen["warmte"]) == {"verloop", "T0_T1", "T1_T2"}


# -- Figuur 5.3 -----------------------------------------------------------------------------------
def test_figuur_5_3_and_rm_anova_against_pingouin():
    scores = _scores()
    data = h5.gemiddelden(scores, list(h5.WELZIJN))
    assert set(data["groep"]) == set(METINGEN)  # no reference group for these outcomes
    toetsen = h5.welzijn_toetsen(scores)
    aov = pg.rm_anova(scores, dv="veiligheid", within="meting", subject="ouder_id", correction=False, effsize="np2").iloc[0]
    assert toetsen["veiligheid"].statistiek == pytest.approx(aov["F"])
    assert toetsen["veiligheid"].effect == pytest.approx(aov["np2"])
    figuur = h5.figuur_5_3(data, 40, "Nederland")
    assert figuur.id == "figuur-5.3" and figuur.label == "fig-veiligheid-kwaliteit"
    assert figuur.titel == "De gemiddelde score voor het veiligheidsgevoel van de ouders en hun kwaliteit van leven (N=40)"


# -- §5.6 -----------------------------------------------------------------------------------------
def _geweld_tabellen() -> dict[str, pd.DataFrame]:
    """Four families, one mother each and one child; every answer is 1 ("nooit") unless listed.

    G1: T0 victim of severe physical violence (CTS2 item 11, answer 3) → "ernstig"; T2 nothing →
        "geen": a milder category → "afgenomen".
    G2: T0 and T2 victim of item 3 answered 8 (25 incidents) → "ernstig" twice → "niet_afgenomen".
    G3: nothing at any wave → "geen" at T0 → "geen_geweld_t0" (nothing to decline).
    G4: only at T0 → not in the population of three waves.
    """
    cb = load_codebook()
    cts2_kol, ctspc_kol = list(cb.items("cts2")["kolom"]), list(cb.items("ctspc_ouder")["kolom"])
    golven = {"M1": METINGEN, "M2": METINGEN, "M3": METINGEN, "M4": ["T0"]}
    ouders = pd.DataFrame({"ouder_id": list(golven), "gezin_id": ["G1", "G2", "G3", "G4"], "geslacht": "vrouw"})
    kinderen = pd.DataFrame({"kind_id": ["K1", "K2", "K3", "K4"], "gezin_id": ["G1", "G2", "G3", "G4"]})
    deelname = pd.DataFrame([(o, m) for o, ms in golven.items() for m in ms], columns=["respondent_id", "meting"])
    antwoorden = {("M1", "T0"): {"cts2_11_slachtoffer": 3}, ("M2", "T0"): {"cts2_03_slachtoffer": 8},
                  ("M2", "T2"): {"cts2_03_slachtoffer": 8}}
    cts2, ctspc = [], []
    for o, m in deelname.itertuples(index=False):
        cts2.append({"ouder_id": o, "meting": m, **{k: 1 for k in cts2_kol}, **antwoorden.get((o, m), {})})
        ctspc.append({"ouder_id": o, "kind_id": "K" + o[1], "meting": m, **{k: 1 for k in ctspc_kol}})
    gezinnen = pd.DataFrame({"gezin_id": ["G1", "G2", "G3", "G4"], "regio": "Utrecht"})
    return {"gezinnen": gezinnen, "ouders": ouders, "kinderen": kinderen, "deelname": deelname,
            "cts2": pd.DataFrame(cts2), "ctspc_ouder": pd.DataFrame(ctspc)}


def test_violence_decline_groups_by_hand():
    verloop = h5.geweld_verloop(_geweld_tabellen()).set_index("gezin_id")
    assert list(verloop.index) == ["G1", "G2", "G3"]
    assert verloop.loc["G1", "groep"] == "afgenomen" and verloop.loc["G1", "categorie_T2"] == "geen"
    assert verloop.loc["G2", "groep"] == "niet_afgenomen" and verloop.loc["G2", "categorie_T0"] == "ernstig"
    assert verloop.loc["G3", "groep"] == "geen_geweld_t0"


def test_relation_is_the_group_by_time_interaction_of_pingouin():
    scores = _scores()
    # Families G00-G09 declined, G10-G19 did not; the outcome improves only where violence declined.
    verloop = pd.DataFrame({"gezin_id": [f"G{i:02d}" for i in range(20)],
                            "groep": ["afgenomen"] * 10 + ["niet_afgenomen"] * 10})
    daling = scores["gezin_id"].str[1:].astype(int) < 10
    scores.loc[daling, "veiligheid"] += scores.loc[daling, "meting"].map({"T0": 0, "T1": 3, "T2": 4})
    toetsen = h5.samenhang_toetsen(scores, verloop)
    df = scores.merge(verloop, on="gezin_id")
    aov = pg.mixed_anova(df, dv="veiligheid", within="meting", subject="ouder_id", between="groep",
                         correction=False, effsize="np2").set_index("Source")
    t = toetsen["veiligheid"]["samenhang"]
    assert t.statistiek == pytest.approx(aov.loc["Interaction", "F"]) and t.p == pytest.approx(aov.loc["Interaction", "p_unc"])
    assert t.effect == pytest.approx(aov.loc["Interaction", "np2"])
    sekse = pg.mixed_anova(scores, dv="veiligheid", within="meting", subject="ouder_id", between="geslacht",
                           correction=False, effsize="np2").set_index("Source")
    assert toetsen["veiligheid"]["sekse"].statistiek == pytest.approx(sekse.loc["Interaction", "F"])
    af = df[df["groep"] == "afgenomen"].pivot(index="ouder_id", columns="meting", values="veiligheid")
    assert toetsen["veiligheid"]["T1_T2"].p == pytest.approx(sps.ttest_rel(af["T1"], af["T2"]).pvalue)
    man, vrouw = (scores[(scores["meting"] == "T0") & (scores["geslacht"] == g)]["veiligheid"] for g in ("man", "vrouw"))
    assert toetsen["veiligheid"]["sekse_T0"].statistiek == pytest.approx(sps.ttest_ind(man, vrouw).statistic)
    assert toetsen["veiligheid"]["sterker_bij_afname"] is True  # higher is better, and it rose more there


def test_facts_follow_the_tests():
    scores, ref = _scores(), _referentie()
    verloop = pd.DataFrame({"gezin_id": [f"G{i:02d}" for i in range(20)],
                            "groep": ["afgenomen"] * 10 + ["niet_afgenomen"] * 10})
    daling = scores["gezin_id"].str[1:].astype(int) < 10
    scores.loc[daling, "veiligheid"] += scores.loc[daling, "meting"].map({"T0": 0, "T1": 3, "T2": 4})
    trauma = h5.trauma_per_meting(scores, ref)
    tsi = h5.gemiddelden(scores, list(h5.TSI_SCHALEN), ref)
    opvoeding = h5.gemiddelden(scores, list(h5.OPVOEDING), ref)
    welzijn = h5.gemiddelden(scores, list(h5.WELZIJN))
    sh_t = h5.samenhang_toetsen(scores, verloop)
    f = h5.feiten(scores, ref, trauma, h5.trauma_toetsen(scores, ref), tsi, h5.tsi_toetsen(scores, ref), opvoeding,
                  h5.opvoeding_toetsen(scores, ref), welzijn, h5.welzijn_toetsen(scores), verloop, sh_t,
                  h5.samenhang_gemiddelden(scores, verloop))
    json.dumps(f)  # facts are plain JSON
    assert (f["n_ouders"], f["n_moeders"], f["n_vaders"], f["n_referentie"]) == ("40", "20", "20", "30")
    assert f["rapportcijfer"] == {"laag": "1", "hoog": "10"}
    assert f["trauma"]["n_geldig"] == {"T0": "40", "T1": "40", "T2": "40", "referentie": "30"}
    veilig = f["welzijn"]["veiligheid"]
    assert veilig["verandering"] == "significant afgenomen"  # every outcome of _scores falls by 2 a wave …
    sh = f["samenhang"]["uitkomsten"]["veiligheid"]
    assert sh["samenhang"] and sh["toets"]["betekenisvol"]  # … except where violence declined
    assert f["samenhang"]["n_gezinnen"] == {"afgenomen": "10", "niet_afgenomen": "10", "geen_geweld_t0": "0"}
    assert f["samenhang"]["n_ouders"] == {"afgenomen": "20", "niet_afgenomen": "20"}
    # Means of the groups for the text: afgenomen T0 = mean over its parents at T0.
    verwacht = scores[daling & (scores["meting"] == "T0")]["veiligheid"].mean()
    assert sh["afgenomen"]["T0"] == f"{verwacht:.1f}".replace(".", ",")
    # Every TSI scale falls by 2 a wave with SD 2 noise: all meaningful; each in exactly one list.
    lijsten = f["tsi_lijsten"]
    gedaald = lijsten["afgenomen_klein"] + lijsten["afgenomen_gemiddeld"] + lijsten["afgenomen_groot"]
    assert sorted(gedaald + lijsten["niet_afgenomen"]) == sorted(h5.TSI_SCHALEN)
    assert sorted(lijsten["T0_hoger"] + lijsten["T0_lager"] + lijsten["T0_niet_verschillend"]) == sorted(h5.TSI_SCHALEN)
    for s in lijsten["T0_hoger"]:
        assert f["tsi"][s]["vs_referentie_T0"]["toets"]["betekenisvol"]


# -- small synthetic design: a region's chapter never fails and never leaks small cells -----------
@pytest.fixture(scope="module")
def klein(klein_ontwerp):
    pytest.importorskip("analysis.scoring_ouders")
    from analysis.synthetic import generate

    return generate(seed=13, parameters={"steekproef": klein_ontwerp})


def test_small_region_suppresses_and_does_not_fail(klein):
    scores = h5.ouder_scores(klein)
    ref = h5.referentie_scores(klein)
    trauma = h5.trauma_per_meting(scores, ref, beveiligen=True)
    studie = trauma[trauma["groep"] != "referentie"]
    zichtbaar = studie[studie["aandeel"].notna()]
    assert ((zichtbaar["aantal"] >= MINIMUM_CELGROOTTE) & (zichtbaar["n"] - zichtbaar["aantal"] >= MINIMUM_CELGROOTTE)).all()
    verloop = h5.geweld_verloop(klein)
    f = h5.feiten(scores, ref, trauma, h5.trauma_toetsen(scores, ref),
                  h5.gemiddelden(scores, list(h5.TSI_SCHALEN), ref, beveiligen=True), h5.tsi_toetsen(scores, ref),
                  h5.gemiddelden(scores, list(h5.OPVOEDING), ref, beveiligen=True), h5.opvoeding_toetsen(scores, ref),
                  h5.gemiddelden(scores, list(h5.WELZIJN), beveiligen=True), h5.welzijn_toetsen(scores), verloop,
                  h5.samenhang_toetsen(scores, verloop), h5.samenhang_gemiddelden(scores, verloop, beveiligen=True))
    assert f["n_ouders"] == str(scores["ouder_id"].nunique())
    for u, r in f["samenhang"]["uitkomsten"].items():
        if not r["toonbaar"]:
            assert ONDERDRUKT in (r["afgenomen"]["T0"], r["afgenomen"]["T2"], r["niet_afgenomen"]["T0"], r["niet_afgenomen"]["T2"],
                                  r["afgenomen"]["T1"], r["niet_afgenomen"]["T1"])


# -- audit mappings -------------------------------------------------------------------------------
def _cellen(rijen):
    return pd.DataFrame(rijen, columns=["rij", "kolom"], index=[10 + i for i in range(len(rijen))])


def test_koppel_figuur_5_1():
    from analysis.koppelingen.h05 import koppel_figuur_5_1

    data = pd.DataFrame({"groep": ["T0", "T1", "T2", "referentie"], "aandeel": [0.16, 0.12, 0.092, 0.067]})
    cellen = _cellen([("percentage getraumatiseerde ouders (onderzoeksgroep)", "T0"),
                      ("percentage getraumatiseerde ouders (onderzoeksgroep)", "T2"), ("referentiepopulatie", "referentie")])
    assert list(koppel_figuur_5_1(data, cellen)) == pytest.approx([16.0, 9.2, 6.7])


def test_koppel_tabel_5_1_and_figuur_5_3():
    from analysis.koppelingen.h05 import koppel_figuur_5_3, koppel_tabel_5_1

    data = pd.DataFrame({"rij": ["waarde"] * 3 + ["toets"], "schaal": ["opvoedstress", "opvoedstress", "warmte", "opvoedstress"],
                         "groep": ["T0", "referentie", "T1", None], "gemiddelde": [50.7, 40.4, 4.5, None]})
    cellen = _cellen([("Opvoedstress", "T0"), ("Opvoedstress", "Referentiepopulatie"), ("Warmte & betrokkenheid.", "T1"),
                      ("Opvoedstress", "range")])
    uit = koppel_tabel_5_1(data, cellen)
    assert list(uit.iloc[:3]) == pytest.approx([50.7, 40.4, 4.5]) and math.isnan(uit.iloc[3])
    fig = pd.DataFrame({"schaal": ["veiligheid", "kwaliteit_van_leven"], "groep": ["T2", "T0"], "gemiddelde": [8.1, 7.0]})
    cellen = _cellen([("veiligheidsgevoel (rapportcijfer)", "T2"), ("kwaliteit van leven (rapportcijfer)", "T0")])
    assert list(koppel_figuur_5_3(fig, cellen)) == pytest.approx([8.1, 7.0])


# -- the notebook writes every item for a region; the report shows the chapter -------------------
@pytest.mark.e2e
def test_notebook_runs_for_a_region(e2e_gebouwd):
    """The shared end-to-end build ran the notebook for the nation and two regions."""
    paden = e2e_gebouwd[0]
    for regio in ("utrecht", "nederland"):
        out = paden.scope(regio)
        for item in ("figuur-5.1", "figuur-5.2", "figuur-5.3"):
            assert (out / "figures" / f"{item}.svg").is_file()
        assert (out / "tables" / "tabel-5.1.md").is_file() and (out / "facts" / "h05.json").is_file()
    regio = pd.read_csv(paden.scope("utrecht") / "figures" / "figuur-5.1.csv")
    zichtbaar = regio[regio["aandeel"].notna() & (regio["groep"] != "referentie")]
    assert ((zichtbaar["aantal"] >= 5) & (zichtbaar["n"] - zichtbaar["aantal"] >= 5)).all()
