"""Chapter 6: the children's attachment, emotional security, trauma, problem behaviour and
quality of life (Figuur 6.1-6.8) and the relation with the decline of violence (§6.7).

Hand-made scores whose shares and means are worked out below (complete cases, the derived
secure attachment per informant); the tests and effect sizes against scipy and pingouin; the
stars of the figures; the small-cell rule and the whole chapter on the small synthetic design
(``klein_ontwerp``); the audit mappings.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pingouin as pg
import pytest
from scipy import stats as sps

from analysis import hoofdstuk6 as h6
from analysis.codebook import load_codebook
from analysis.disclosure import MINIMUM_CELGROOTTE, ONDERDRUKT

METINGEN = ["T0", "T1", "T2"]


def _scores(n: int = 60, seed: int = 5) -> pd.DataFrame:
    """``n`` children (two per family, alternately boy and girl) × three waves; means fall over
    time with noise and 0/1 outcomes become less likely, so the tests have something to find."""
    rng = np.random.default_rng(seed)
    rijen = []
    for i in range(n):
        eigen = rng.normal(0, 1)
        for k, m in enumerate(METINGEN):
            rij = {"kind_id": f"K{i:03d}", "gezin_id": f"G{i // 2:03d}", "geslacht": "jongen" if i % 2 == 0 else "meisje",
                   "meting": m}
            for u, spec in h6.UITKOMSTEN.items():
                if spec["aandeel"]:
                    rij[u] = float(rng.random() < 0.6 - 0.15 * k + 0.1 * eigen)
                else:
                    rij[u] = 50 + 3 * eigen - 2 * k + rng.normal(0, 2) + (1.5 if i % 2 == 0 else 0)
            rijen.append(rij)
    return pd.DataFrame(rijen)


def _referentie(n: int = 40, seed: int = 6) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    ref = pd.DataFrame({u: rng.normal(45, 4, n) for u in h6.UITKOMSTEN})
    for u, spec in h6.UITKOMSTEN.items():
        if spec["aandeel"]:
            ref[u] = (rng.random(n) < 0.2).astype(float)
    return ref


# -- population and derived scores ---------------------------------------------------------------
def test_complete_cases_shares_and_means_by_hand():
    """Child C lacks emotional security at T1 → left out of every wave of that outcome (not of
    trauma). Emotionally secure A: 1,1,1; B: 0,1,1; D: 0,0,1 → T0 1/3, T1 2/3, T2 3/3; reference
    1 of 4 → 25%. Anxiety over all four children: T0 (60+50+70+40)/4 = 55."""
    scores = pd.DataFrame({
        "kind_id": [k for k in "ABCD" for _ in METINGEN], "gezin_id": "G1", "geslacht": "jongen",
        "meting": METINGEN * 4,
        "emotioneel_veilig": [1, 1, 1, 0, 1, 1, 1, np.nan, 0, 0, 0, 1],
        "trauma_angst": [60, 55, 50, 50, 50, 50, 70, 70, 70, 40, 43, 46],
    })
    ref = pd.DataFrame({"emotioneel_veilig": [1.0, 0, 0, 0], "trauma_angst": [40.0, 42, 44, 46]})
    data = h6.per_meting(scores, ["emotioneel_veilig", "trauma_angst"], ref).set_index(["schaal", "groep"])
    ev = data.loc["emotioneel_veilig"]
    assert list(ev.index) == ["T0", "T1", "T2", "referentie"]
    assert list(ev["n"]) == [3, 3, 3, 4] and list(ev["aantal"]) == [1, 2, 3, 1]
    assert list(ev["waarde"]) == pytest.approx([1 / 3, 2 / 3, 1.0, 0.25])
    ta = data.loc["trauma_angst"]
    assert list(ta["waarde"]) == pytest.approx([55.0, (55 + 50 + 70 + 43) / 4, (50 + 50 + 70 + 46) / 4, 43.0])
    assert list(ta["n"]) == [4, 4, 4, 4]
    assert ta.loc["T0", "sd"] == pytest.approx(np.std([60, 50, 70, 40], ddof=1))
    # Regional: fewer than five children → hidden; the national reference group stays.
    veilig = h6.per_meting(scores, ["emotioneel_veilig", "trauma_angst"], ref, beveiligen=True)
    studie = veilig[veilig["groep"] != "referentie"]
    assert studie["waarde"].isna().all() and not studie["toonbaar"].any()
    assert veilig.loc[veilig["groep"] == "referentie", "waarde"].notna().all()


def test_secure_attachment_per_informant_uses_the_norm_minus_one_sd():
    normen = load_codebook().regel("security_scale_normen")
    ouder = normen["ouder"]["gemiddelde"] - normen["ouder"]["sd"]
    kind = normen["kind"]["gemiddelde"] - normen["kind"]["sd"]
    df = pd.DataFrame({
        "hechting_door_moeder": [ouder + 0.01, ouder - 0.01, np.nan, ouder],
        "hechting_door_vader": [ouder + 0.5, np.nan, np.nan, ouder - 0.2],
        "hechting_kind_over_vader": [kind, kind - 0.01, np.nan, np.nan],
        "hechting_kind_over_moeder": [kind + 1, np.nan, kind - 1, np.nan],
        "emotioneel_onveilig": [1.0, 0.0, np.nan, 0.0],
    })
    uit = h6._afgeleid(df)
    # One parent list below the cut-off makes the parents' verdict "insecure".
    assert uit["veilig_ouders"].tolist()[:2] == [1.0, 0.0] and math.isnan(uit["veilig_ouders"][2]) and uit["veilig_ouders"][3] == 0.0
    assert uit["veilig_kind_vader"].tolist()[:2] == [1.0, 0.0] and math.isnan(uit["veilig_kind_vader"][2])
    assert uit["veilig_kind_moeder"][0] == 1.0 and uit["veilig_kind_moeder"][2] == 0.0
    assert uit["emotioneel_veilig"].tolist()[:2] == [0.0, 1.0]


# -- tests against scipy / pingouin --------------------------------------------------------------
def test_change_pairs_reference_and_sex_against_scipy_and_pingouin():
    scores, ref = _scores(), _referentie()
    t = h6.toetsen(scores, ref, ["trauma_angst", "emotioneel_veilig", "kidscreen_school", "getraumatiseerd"])
    breed = scores.pivot(index="kind_id", columns="meting", values="trauma_angst")
    aov = pg.rm_anova(scores, dv="trauma_angst", within="meting", subject="kind_id", correction=False, effsize="np2").iloc[0]
    assert t["trauma_angst"]["verloop"].statistiek == pytest.approx(aov["F"])
    assert t["trauma_angst"]["verloop"].p == pytest.approx(aov["p_unc"]) and t["trauma_angst"]["verloop"].effect == pytest.approx(aov["np2"])
    # A pair of waves: the RM-ANOVA's p equals the paired t-test's p.
    assert t["trauma_angst"]["T0_T1"].p == pytest.approx(sps.ttest_rel(breed["T0"], breed["T1"]).pvalue)
    assert t["trauma_angst"]["T1_T2"].p == pytest.approx(sps.ttest_rel(breed["T1"], breed["T2"]).pvalue)
    # T2 vs the reference group: Student's t, d = (children - reference) / pooled SD.
    res = sps.ttest_ind(breed["T2"], ref["trauma_angst"])
    assert t["trauma_angst"]["T2_referentie"].p == pytest.approx(res.pvalue)
    sp = math.sqrt(((len(breed) - 1) * breed["T2"].var() + (len(ref) - 1) * ref["trauma_angst"].var()) / (len(breed) + len(ref) - 2))
    assert t["trauma_angst"]["T2_referentie"].effect == pytest.approx((breed["T2"].mean() - ref["trauma_angst"].mean()) / sp)
    # Shares: Pearson χ² without continuity correction, φ = sqrt(χ²/n).
    studie = scores.loc[scores["meting"] == "T2", "emotioneel_veilig"]
    tabel = pd.crosstab(np.r_[np.zeros(len(studie)), np.ones(len(ref))], np.r_[studie, ref["emotioneel_veilig"]])
    chi2, p, _, _ = sps.chi2_contingency(tabel, correction=False)
    assert t["emotioneel_veilig"]["T2_referentie"].p == pytest.approx(p)
    assert t["emotioneel_veilig"]["T2_referentie"].effect == pytest.approx(math.sqrt(chi2 / tabel.to_numpy().sum()))
    # Kidscreen: one-sample t against the norm's T = 50.
    one = sps.ttest_1samp(scores.loc[scores["meting"] == "T2", "kidscreen_school"], 50.0)
    assert t["kidscreen_school"]["T2_referentie"].p == pytest.approx(one.pvalue)
    # No reference for trauma as a share.
    assert t["getraumatiseerd"]["T2_referentie"] is None
    # Sex: boys minus girls (boys score 1.5 higher by construction).
    t0 = scores[scores["meting"] == "T0"]
    res = sps.ttest_ind(t0.loc[t0["geslacht"] == "jongen", "trauma_angst"], t0.loc[t0["geslacht"] == "meisje", "trauma_angst"])
    assert t["trauma_angst"]["sekse_T0"].statistiek == pytest.approx(res.statistic)


def test_stars_follow_the_pairwise_tests():
    scores, ref = _scores(), _referentie()
    t = h6.toetsen(scores, ref, ["trauma_angst", "getraumatiseerd"])
    ster = h6.markeringen(t["trauma_angst"])
    assert ster == {"T0": t["trauma_angst"]["T0_T1"].significant, "T1": t["trauma_angst"]["T1_T2"].significant,
                    "T2": t["trauma_angst"]["T2_referentie"].significant}
    assert h6.markeringen(t["getraumatiseerd"])["T2"] is False  # no reference: never a star on T2
    data = h6._met_markeringen(h6.per_meting(scores, ["trauma_angst"], ref), t)
    assert list(data["ster"]) == [ster["T0"], ster["T1"], ster["T2"], False]


def test_mother_vs_father():
    scores, ref = _scores(), _referentie()
    scores["hechting_door_moeder"] += 2.0
    scores["hechting_kind_over_moeder"] += 1.0
    mv = h6.moeder_vader_toetsen(scores, ref)
    m0 = scores[scores["meting"] == "T0"]
    res = sps.ttest_ind(m0["hechting_door_moeder"], m0["hechting_door_vader"])
    assert mv["ouders"]["T0"].statistiek == pytest.approx(res.statistic) and mv["ouders"]["T0"].effect > 0
    verschil = m0["hechting_kind_over_moeder"] - m0["hechting_kind_over_vader"]
    assert mv["kind"]["T0"].p == pytest.approx(sps.ttest_rel(m0["hechting_kind_over_moeder"], m0["hechting_kind_over_vader"]).pvalue)
    assert mv["kind"]["T0"].effect == pytest.approx(verschil.mean() / verschil.std(ddof=1))
    rv = ref["hechting_kind_over_moeder"] - ref["hechting_kind_over_vader"]
    assert mv["kind"]["referentie"].effect == pytest.approx(rv.mean() / rv.std(ddof=1))


def test_relation_is_the_group_by_time_interaction_of_pingouin():
    scores = _scores()
    gezinnen = sorted(scores["gezin_id"].unique())
    verloop = pd.DataFrame({"gezin_id": gezinnen, "groep": ["afgenomen" if k % 3 == 0 else "niet_afgenomen" if k % 3 == 1
                                                            else "geen_geweld_t0" for k in range(len(gezinnen))]})
    # Where violence declined, trauma falls faster.
    scores = scores.merge(verloop, on="gezin_id")
    scores.loc[(scores["groep"] == "afgenomen") & (scores["meting"] == "T2"), "trauma_angst"] -= 6
    scores = scores.drop(columns="groep")
    t = h6.samenhang_toetsen(scores, verloop, ["trauma_angst"])["trauma_angst"]
    df = scores.merge(verloop, on="gezin_id")
    df = df[df["groep"] != "geen_geweld_t0"]
    aov = pg.mixed_anova(df, dv="trauma_angst", within="meting", subject="kind_id", between="groep",
                         correction=False, effsize="np2").set_index("Source")
    assert t["samenhang"].statistiek == pytest.approx(aov.loc["Interaction", "F"])
    assert t["samenhang"].p == pytest.approx(aov.loc["Interaction", "p_unc"]) and t["samenhang"].effect == pytest.approx(aov.loc["Interaction", "np2"])
    af = df[df["groep"] == "afgenomen"].pivot(index="kind_id", columns="meting", values="trauma_angst")
    assert t["T1_T2"].p == pytest.approx(sps.ttest_rel(af["T1"], af["T2"]).pvalue)
    assert t["sterker_bij_afname"] is True
    data = h6.samenhang_gemiddelden(scores, verloop, ["trauma_angst"]).set_index(["groep", "meting"])
    sub = df[(df["groep"] == "afgenomen") & (df["meting"] == "T2")]
    assert data.loc[("afgenomen", "T2"), "waarde"] == pytest.approx(sub["trauma_angst"].mean())


def test_facts_follow_the_tests():
    scores, ref = _scores(), _referentie()
    # A subset of the outcomes keeps the test fast; the facts cover whatever outcomes were tested.
    uit = ["trauma_angst", "trauma_posttraumatische_stress", "emotioneel_veilig", "getraumatiseerd", "kidscreen_school"]
    t = h6.toetsen(scores, ref, uit)
    data = h6.per_meting(scores, uit, ref)
    verloop = pd.DataFrame({"gezin_id": sorted(scores["gezin_id"].unique())})
    verloop["groep"] = ["afgenomen" if k % 2 else "niet_afgenomen" for k in range(len(verloop))]
    st = h6.samenhang_toetsen(scores, verloop, uit)
    f = h6.feiten(scores, ref, data, t, h6.moeder_vader_toetsen(scores, ref), h6.sekse_gemiddelden(scores, uit), verloop, st,
                  h6.samenhang_gemiddelden(scores, verloop, uit))
    assert set(f["uitkomsten"]) == set(uit) and set(f["samenhang"]["uitkomsten"]) == set(uit)
    ta = f["uitkomsten"]["trauma_angst"]
    assert ta["toets"]["betekenisvol"] == (t["trauma_angst"]["verloop"].significant and t["trauma_angst"]["verloop"].label is not None)
    assert ta["richting"] == "afgenomen" and ta["verandering"] == "significant afgenomen"
    # Children score ~50 → 46 against a reference of ~45: higher at T2 (d > 0, significant).
    assert ta["vs_referentie_T2"]["verschil"] == "hoger" and "trauma_angst" in f["lijsten"]["6.6"]["T2_hoger"]
    # Boys score higher by construction; where meaningful, the facts say "jongens".
    assert all(f["uitkomsten"]["trauma_angst"]["sekse"][m]["hoger"] in ("", "jongens") for m in METINGEN)
    assert f["n_kinderen"] == "60" and f["alfa"] == "p < .05"
    assert f["uitkomsten"]["trauma_posttraumatische_stress"]["label"] == "posttraumatische stress"


def _overlappende_labels(fig) -> list[tuple[str, str]]:
    """Pairs of value labels (or a label and a bar, or a label and the top of the axes) whose
    drawn boxes overlap."""
    from analysis.figures import stijl

    with stijl():
        fig.canvas.draw()
        r = fig.canvas.get_renderer()
        botsingen = []
        for ax in fig.axes:
            teksten = list(ax.texts)
            vakken = [t.get_window_extent(r) for t in teksten]
            staven = [b.get_window_extent(r) for b in ax.patches if b.get_height() > 0]
            boven = ax.get_window_extent(r).y1
            for i, vak in enumerate(vakken):
                botsingen += [(teksten[i].get_text(), teksten[j].get_text()) for j in range(i + 1, len(vakken))
                              if vak.overlaps(vakken[j])]
                botsingen += [(teksten[i].get_text(), "staaf") for staaf in staven if vak.overlaps(staaf)]
                if vak.y1 > boven:
                    botsingen.append((teksten[i].get_text(), "bovenrand"))
    return botsingen


@pytest.mark.parametrize("nummer", ["6.4", "6.6"])
def test_value_labels_of_close_bars_do_not_overlap(nummer):
    """Figuur 6.4 and 6.6: four bars per series with nearly equal values (the worst case for labels,
    e.g. "10,7*" next to "10,4*"), one wave suppressed: every label stands free."""
    import matplotlib.pyplot as plt

    rijen = []
    for k, schaal in enumerate(h6.FIGUREN[nummer]):
        basis = 10.0 + k % 3 if nummer == "6.4" else 50.0 - k
        for i, groep in enumerate([*METINGEN, h6.REFERENTIE]):
            verborgen = k == 1 and groep == "T1"
            rijen.append({"schaal": schaal, "groep": groep, "waarde": math.nan if verborgen else basis + 0.3 * (i % 2),
                          "n": 40, "toonbaar": not verborgen, "ster": groep != h6.REFERENTIE})
    figuur = h6.figuur_gemiddelden(nummer, pd.DataFrame(rijen), "Nederland")
    teksten = [t.get_text() for ax in figuur.fig.axes for t in ax.texts]
    assert len(teksten) == 4 * len(h6.FIGUREN[nummer]) and ONDERDRUKT in teksten
    assert all(t.get_rotation() == 90 for ax in figuur.fig.axes for t in ax.texts)
    assert _overlappende_labels(figuur.fig) == []
    if nummer == "6.4":  # both informants on one y-axis
        assert figuur.fig.axes[0].get_ylim() == figuur.fig.axes[1].get_ylim()
    plt.close(figuur.fig)


# -- small synthetic design: a region's chapter never fails and never leaks small cells -----------
@pytest.fixture(scope="module")
def klein(klein_ontwerp):
    from analysis.synthetic import generate

    return generate(seed=13, parameters={"steekproef": klein_ontwerp})


def test_small_design_suppresses_and_does_not_fail(klein):
    from analysis import hoofdstuk5 as h5

    scores = h6.kind_gegevens(klein)
    ref = h6.referentie_gegevens(klein)
    uit = list(h6.UITKOMSTEN)
    data = h6.per_meting(scores, uit, ref, beveiligen=True)
    aandeel = data["schaal"].map(lambda u: h6.UITKOMSTEN[u]["aandeel"])
    zichtbaar = data[(data["groep"] != "referentie") & data["waarde"].notna()]
    zichtbaar_aandeel = zichtbaar[aandeel[zichtbaar.index]]
    assert ((zichtbaar_aandeel["aantal"] >= MINIMUM_CELGROOTTE)
            & (zichtbaar_aandeel["n"] - zichtbaar_aandeel["aantal"] >= MINIMUM_CELGROOTTE)).all()
    assert (zichtbaar["n"] >= MINIMUM_CELGROOTTE).all()
    # The tests on the shares and on one scale per figure of means (all of them take long).
    getoetst = [*h6.FIGUREN["6.1"], *h6.FIGUREN["6.3"], *h6.FIGUREN["6.5"], *h6.FIGUREN["6.7"],
                "hechting_door_moeder", "hechting_door_vader", "hechting_kind_over_vader", "eo_kind_OER", "trauma_angst", "kidscreen_school"]
    t = h6.toetsen(scores, ref, getoetst)
    sekse = h6.sekse_gemiddelden(scores, uit, beveiligen=True)
    assert (sekse.loc[sekse["waarde"].notna(), "n"] >= MINIMUM_CELGROOTTE).all()
    verloop = h5.geweld_verloop(klein)
    rel = getoetst
    f = h6.feiten(scores, ref, data, t, h6.moeder_vader_toetsen(scores, ref), sekse, verloop,
                  h6.samenhang_toetsen(scores, verloop, rel), h6.samenhang_gemiddelden(scores, verloop, rel, beveiligen=True))
    assert f["n_kinderen"] == str(scores["kind_id"].nunique())
    for nummer in ("6.1", "6.2", "6.3", "6.4", "6.5", "6.6", "6.7", "6.8"):
        figuur = h6.figuur(nummer, data, t, "Utrecht")
        assert figuur.id == f"figuur-{nummer}" and figuur.label.startswith("fig-")
        if data.loc[data["schaal"].isin(h6.FIGUREN[nummer]) & (data["groep"] != "referentie"), "waarde"].isna().any():
            assert ONDERDRUKT in figuur.alt
        import matplotlib.pyplot as plt

        plt.close(figuur.fig)


# -- audit mappings -------------------------------------------------------------------------------
def _cellen(rijen):
    return pd.DataFrame({"rij": rijen, "kolom": ""}, index=[10 + i for i in range(len(rijen))])


def test_audit_mappings():
    from analysis.koppelingen.h06 import KOPPELINGEN, koppel_figuur_6_2, koppel_figuur_6_7

    assert set(KOPPELINGEN) == {f"figuur-6.{i}" for i in range(1, 9)}
    fig = pd.DataFrame({"schaal": ["probleemgedrag"] * 3 + ["emotioneel_veilig"] * 2, "groep": ["T0", "T1", "T2", "T0", "referentie"],
                        "waarde": [0.27, 0.25, 0.2, 0.54, 0.8], "n": [150, 150, 150, 600, 500]})
    uit = koppel_figuur_6_7(fig, _cellen(["probleemgedrag T0, onderzoeksgroep (n=208) (r. 4537)",
                                          "probleemgedrag referentiegroep (ISRD-3) (r. 4539)", "n T0 (r. 4537)"]))
    assert uit.iloc[0] == pytest.approx(27.0) and math.isnan(uit.iloc[1]) and uit.iloc[2] == 150
    uit = KOPPELINGEN["figuur-6.3"].functie(fig, _cellen(["emotioneel veilig T0 (r. 4427-4428)"]))
    assert uit.iloc[0] == pytest.approx(54.0)
    sekse = pd.DataFrame({"schaal": "hechting_kind_over_vader", "meting": ["T2", "T2", "T1"], "geslacht": ["jongen", "meisje", "jongen"],
                          "waarde": [3.7, 3.4, 3.0], "n": 50, "toonbaar": True})
    uit = koppel_figuur_6_2(sekse, _cellen(["hechting met vader T2, jongens (gemiddeld) (r. 4419)",
                                            "hechting met vader T2, meisjes (gemiddeld) (r. 4419)"]))
    assert list(uit) == pytest.approx([3.7, 3.4])
    assert KOPPELINGEN["figuur-6.8"].functie(fig, _cellen(["referentie N (r. 4528)"])).isna().all()
