"""Chapter 7, §7.4–7.5: help and the course of violence and wellbeing (Figuur 7.1–7.16).

Hand-made CTS2/CTSPC answers for the violence per parent, hand-made Security Scale and help
answers; the help comparison against pingouin's mixed ANOVA and scipy's t-tests; the small-cell
rule; the whole section on the small synthetic design (``klein_ontwerp``); the audit mappings.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pingouin as pg
import pytest
from scipy import stats as sps

from analysis import hoofdstuk7_verloop as h7
from analysis.codebook import load_codebook
from analysis.disclosure import MINIMUM_CELGROOTTE, ONDERDRUKT

CB = load_codebook()
METINGEN = ["T0", "T1", "T2"]


# -- violence per parent (Figuur 7.1, 7.2) ---------------------------------------------------------
def _leeg(instrument: str, rijen: list[dict]) -> pd.DataFrame:
    """Answer rows with every item "nooit" (code 1 = 0 incidents) unless given."""
    kolommen = list(CB.items(instrument)["kolom"])
    return pd.DataFrame([{**{k: 1 for k in kolommen}, **r} for r in rijen])


def test_violence_per_parent_by_hand():
    """A: T0 four mild partner acts (code 5) → mild; T1 two mild acts (code 4, at most the
    'geen' maximum of 2) but one mild act against child K1 (code 3) → mild through the child.
    B: a severe act against K2 (ctspc_07, code 3) → ernstig. C reports about the same K2 without
    violence → geen: each parent counts only his or her own report."""
    cts2 = _leeg("cts2", [
        {"ouder_id": "A", "meting": "T0", "cts2_03_dader": 5},
        {"ouder_id": "A", "meting": "T1", "cts2_03_slachtoffer": 4},
        {"ouder_id": "B", "meting": "T0"},
        {"ouder_id": "C", "meting": "T0"},
    ])
    ctspc = _leeg("ctspc_ouder", [
        {"ouder_id": "A", "kind_id": "K1", "meting": "T1", "ctspc_03": 3},
        {"ouder_id": "B", "kind_id": "K2", "meting": "T0", "ctspc_07": 3},
        {"ouder_id": "B", "kind_id": "K3", "meting": "T0"},
        {"ouder_id": "C", "kind_id": "K2", "meting": "T0"},
    ])
    uit = h7.geweld_per_ouder(cts2, ctspc).set_index(["ouder_id", "meting"])
    assert uit.loc[("A", "T0"), "categorie"] == "mild" and uit.loc[("A", "T0"), "geweld"] == 1
    assert uit.loc[("A", "T1"), "categorie"] == "mild"
    assert uit.loc[("B", "T0"), "categorie"] == "ernstig" and uit.loc[("B", "T0"), "geweld"] == 2
    assert uit.loc[("C", "T0"), "categorie"] == "geen" and uit.loc[("C", "T0"), "geweld"] == 0


def test_parent_attachment_is_the_mean_over_the_children():
    kolommen = list(CB.items("security_scale_ouder")["kolom"])
    rijen = [{"ouder_id": "A", "kind_id": "K1", "meting": "T0", **{k: 4 for k in kolommen}},
             {"ouder_id": "A", "kind_id": "K2", "meting": "T0", **{k: 2 for k in kolommen}, kolommen[0]: pd.NA},
             {"ouder_id": "B", "kind_id": "K3", "meting": "T1", **{k: (5 if i < 5 else 3) for i, k in enumerate(kolommen)}}]
    uit = h7.hechting_per_ouder(pd.DataFrame(rijen)).set_index(["ouder_id", "meting"])["hechting"]
    assert uit[("A", "T0")] == pytest.approx(3.0)
    assert uit[("B", "T1")] == pytest.approx((5 * 5 + 10 * 3) / 15)


def test_help_totals_leave_medical_help_out():
    """P1 only medical help → neither formal nor any help; P2 informal only; P3 Veilig Thuis at
    T1 → domestic-violence help and formal; P4 never answered → left out."""
    ips_k = list(CB.items("ips_ouder")["kolom"])
    iss_k = list(CB.items("iss_ouder")["kolom"])
    sub = dict(zip(CB.items("ips_ouder")["subschaal"], ips_k))
    ips = pd.DataFrame([
        {"ouder_id": "P1", "meting": "T0", **{k: 0 for k in ips_k}, sub["medisch"]: 1},
        {"ouder_id": "P2", "meting": "T0", **{k: 0 for k in ips_k}},
        {"ouder_id": "P3", "meting": "T0", **{k: 0 for k in ips_k}},
        {"ouder_id": "P3", "meting": "T1", **{k: 0 for k in ips_k}, sub["veilig_thuis"]: 1},
        {"ouder_id": "P4", "meting": "T0", **{k: pd.NA for k in ips_k}},
    ])
    iss = pd.DataFrame([
        {"ouder_id": "P1", "meting": "T0", **{k: 0 for k in iss_k}},
        {"ouder_id": "P2", "meting": "T0", **{k: 0 for k in iss_k}, iss_k[0]: 1},
        {"ouder_id": "P3", "meting": "T0", **{k: 0 for k in iss_k}},
    ])
    for df, k in ((ips, ips_k), (iss, iss_k)):
        df[k] = df[k].astype("Int64")
    uit = h7.hulp_ouders({"ips_ouder": ips, "iss_ouder": iss}).set_index("ouder_id")
    assert list(uit.index) == ["P1", "P2", "P3"]
    assert not uit.loc["P1", "formeel"] and not uit.loc["P1", "totaal"]
    assert uit.loc["P2", "informeel"] and uit.loc["P2", "totaal"] and not uit.loc["P2", "formeel"]
    assert uit.loc["P3", "hulp_km_hg"] and uit.loc["P3", "formeel"] and uit.loc["P3", "totaal"]


# -- the help comparison (mixed ANOVA) ---------------------------------------------------------------
def _lang(n: int = 30, seed: int = 5, effect: float = 3.0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``n`` units × three waves; the third with help decline ``effect`` points per wave faster."""
    rng = np.random.default_rng(seed)
    rijen, hulp = [], []
    for i in range(n):
        wel = i % 3 == 0
        basis = rng.normal(50, 5)
        for k, m in enumerate(METINGEN):
            rijen.append({"id": f"E{i:02d}", "meting": m, "y": basis - (2 + (effect if wel else 0)) * k + rng.normal(0, 2)})
        hulp.append({"id": f"E{i:02d}", "vorm": wel})
    data = pd.DataFrame(rijen)
    data.loc[3, "y"] = np.nan  # unit E01 misses T0: left out listwise
    return data, pd.DataFrame(hulp)


def test_help_comparison_against_pingouin_and_scipy():
    data, hulp = _lang()
    v = h7.vergelijk_hulp(data, hulp, "id", "y", "vorm", hoger_beter=False)
    compleet = data[data["id"] != "E01"].merge(hulp, on="id")
    ref = pg.mixed_anova(data=compleet, dv="y", within="meting", between="vorm", subject="id")
    inter = ref.set_index("Source").loc["Interaction"]
    assert v.toets.statistiek == pytest.approx(inter["F"])
    assert v.toets.effect == pytest.approx(inter["np2"])
    assert v.toets.p == pytest.approx(inter[[c for c in inter.index if c.startswith("p") and "unc" in c][0]])
    assert v.toets.n == 29
    gem = compleet.groupby("id").agg(y=("y", "mean"), vorm=("vorm", "first"))
    t = sps.ttest_ind(gem.loc[gem["vorm"], "y"], gem.loc[~gem["vorm"], "y"])
    assert v.niveau.statistiek == pytest.approx(t.statistic)
    # Means by hand and the direction: the group with help declines faster, which is favourable.
    sub = compleet[compleet["vorm"] & (compleet["meting"] == "T2")]["y"].mean()
    assert v.gemiddelden.set_index(["groep", "meting"]).loc[("wel", "T2"), "gemiddelde"] == pytest.approx(sub)
    assert v.gunstiger_bij_hulp and v.verandering["wel"] < v.verandering["niet"]
    assert not h7.vergelijk_hulp(data, hulp, "id", "y", "vorm", hoger_beter=True).gunstiger_bij_hulp


def test_regional_comparison_hides_both_groups_when_one_is_small():
    data, hulp = _lang(n=12)
    hulp["vorm"] = [i < 3 for i in range(12)]  # three units with help: below the minimum
    v = h7.vergelijk_hulp(data, hulp, "id", "y", "vorm", hoger_beter=False, beveiligen=True)
    assert v.gemiddelden["gemiddelde"].isna().all() and not v.gemiddelden["toonbaar"].any()
    feit = h7.vergelijking_feiten(v, h7.HULP_OUDERS["ggz"])
    assert feit["wel"]["T0"] == ONDERDRUKT and feit["n_wel"] == ONDERDRUKT and feit["n_niet"] == ONDERDRUKT
    lijsten = h7.hulp_feiten({"ggz": v}, {"ggz": h7.HULP_OUDERS["ggz"]}, ("ggz",))
    assert lijsten["te_klein"] == ["ggz"] and not lijsten["samenhang"] and lijsten["n_vormen"] == "0"
    # Nationally (no small-cell rule) the same comparison is shown.
    assert h7.vergelijk_hulp(data, hulp, "id", "y", "vorm", hoger_beter=False).gemiddelden["toonbaar"].all()


def test_course_means_use_the_units_measured_at_every_wave():
    data = pd.DataFrame({"id": ["a"] * 3 + ["b"] * 3 + ["c"] * 2, "meting": METINGEN * 2 + ["T0", "T1"],
                         "y": [1.0, 2.0, 3.0, 3.0, 4.0, 5.0, 10.0, 10.0]})
    gem = h7.verloop_gemiddelden(data, "id", "y").set_index("meting")
    assert list(gem["gemiddelde"]) == [2.0, 3.0, 4.0] and (gem["n"] == 2).all()
    assert h7.verloop_gemiddelden(data, "id", "y", beveiligen=True)["gemiddelde"].isna().all()  # 2 < 5
    lang, _ = _lang(n=8)
    ref = pg.rm_anova(data=lang.dropna().groupby("id").filter(lambda d: len(d) == 3), dv="y", within="meting", subject="id")
    t = h7.verloop_toets(lang, "id", "y")
    assert t.statistiek == pytest.approx(ref.loc[0, "F"]) and t.n == 7


def test_mother_father_and_sex_differences_against_scipy():
    rng = np.random.default_rng(8)
    kind = pd.DataFrame({"kind_id": [f"K{i}" for i in range(20) for _ in METINGEN], "meting": METINGEN * 20,
                         "hechting_moeder": rng.normal(3.8, 0.4, 60), "hechting_vader": rng.normal(3.5, 0.4, 60)})
    t = h7.moeder_vader_verschillen(kind)["T1"]
    sub = kind[kind["meting"] == "T1"]
    ref = sps.ttest_rel(sub["hechting_moeder"], sub["hechting_vader"])
    assert t.statistiek == pytest.approx(ref.statistic) and t.p == pytest.approx(ref.pvalue)
    verschil = sub["hechting_moeder"] - sub["hechting_vader"]
    assert t.effect == pytest.approx(verschil.mean() / verschil.std(ddof=1))
    ouders = pd.DataFrame({"ouder_id": [f"O{i}" for i in range(20)], "meting": "T0", "geslacht": ["vrouw", "man"] * 10,
                           "hechting": rng.normal(3.8, 0.4, 20)})
    g = h7.geslacht_verschillen(ouders)["T0"]
    ref = sps.ttest_ind(ouders.loc[ouders["geslacht"] == "vrouw", "hechting"], ouders.loc[ouders["geslacht"] == "man", "hechting"])
    assert g.statistiek == pytest.approx(ref.statistic)


def test_children_outcomes_by_hand():
    """Emotional insecurity as a percentage of the scale maximum, averaged over the parent's
    SIMS-PR (1-5) and the child's SIS (1-4); problem behaviour = number of the five aggressive
    behaviours."""
    rij = {"kind_id": "K1", "meting": "T0", "trauma_posttraumatische_stress": 55.0, "hechting_kind_over_vader": 3.0,
           "hechting_kind_over_moeder": 4.0, "kidscreen_kidscreen10": 48.0}
    # Subscale scores are sums of items counted from 0 (answer - 1): every SIMS-PR item answered 3
    # counts 2, every SIS item answered 1 counts 0. SIMS-PR has OA 6, OI 7, OER 9, BD 6 items.
    assert CB.regel("emotionele_veiligheid_score") == "som_vanaf_0"
    rij.update({"eo_ouder_OA": 12.0, "eo_ouder_OI": 14.0, "eo_ouder_OER": 18.0, "eo_ouder_BD": 12.0,
                "eo_kind_OA": 0.0, "eo_kind_OI": 0.0, "eo_kind_OER": 0.0, "eo_kind_BD": 0.0})
    # SIMS-PR: (3 - 1) / (5 - 1) = 50; SIS: (1 - 1) / (4 - 1) = 0; mean 25.
    for i, g in enumerate(h7.scoring_kinderen.AGRESSIEF_GEDRAG):
        rij[f"isrd_{g}"] = 1.0 if i < 2 else 0.0
    uit = h7._kind_kolommen(pd.DataFrame([rij])).iloc[0]
    assert uit["emotionele_onveiligheid"] == pytest.approx(25.0)
    assert uit["probleemgedrag"] == 2 and uit["ptss"] == 55.0 and uit["kwaliteit_van_leven"] == 48.0
    assert h7.positie(pd.Series([50.0, 49.0, 48.0]), 45.0) == "boven"
    assert h7.positie(pd.Series([50.0, 44.0, 48.0]), 45.0) == "rond"
    assert h7.positie(pd.Series([50.0, np.nan, 48.0]), 45.0) == ""


# -- small synthetic design: the whole section runs for a small region and never leaks --------------
@pytest.fixture(scope="module")
def klein(klein_ontwerp):
    from analysis.synthetic import generate

    return generate(seed=13, parameters={"steekproef": klein_ontwerp})


def test_small_design_runs_and_suppresses(klein, tmp_path):
    import matplotlib.pyplot as plt

    from analysis.figures import schrijf_figuur

    plt.close("all")  # figures other tests left open

    ouders = h7.ouder_uitkomsten(klein)
    hulp_o = h7.hulp_ouders(klein)
    try:
        kinderen, hulp_k = h7.kind_uitkomsten(klein), h7.hulp_kinderen(klein)
    except NotImplementedError:
        pytest.skip("kind_scores nog niet beschikbaar")
    verloop = h7.verloop_alles(ouders, kinderen, beveiligen=True)
    # The forms the figures show (all forms would only repeat the same code, at a cost in time).
    vormen_o = {v: h7.HULP_OUDERS[v] for v in ("hulp_km_hg", "maatschappelijk_werk", "informeel", "totaal")}
    vormen_k = {v: h7.HULP_KINDEREN[v] for v in ("specialistisch_kind", "ggz", "jeugdbescherming", "formeel_overig_kind", "hulp_km_hg")}
    vo = h7.vergelijk_alle(ouders, hulp_o, "ouder_id", h7.UITKOMSTEN_OUDERS, vormen_o, beveiligen=True)
    vk = h7.vergelijk_alle(kinderen, hulp_k, "kind_id", h7.UITKOMSTEN_KINDEREN, vormen_k, beveiligen=True)
    figuren = h7.figuren(verloop, vo, vk, {}, {}, "Kleine regio")
    assert sorted(f.id for f in figuren) == sorted(f"figuur-7.{n}" for n in range(1, 17))
    for f in figuren:
        zichtbaar = f.data[f.data["gemiddelde"].notna()]
        assert (zichtbaar["n"] >= MINIMUM_CELGROOTTE).all()  # courses and both groups of a comparison
    schrijf_figuur(tmp_path, figuren[9])  # Figuur 7.10: four panels
    assert (tmp_path / "figures" / "figuur-7.10.svg").is_file()
    feiten = h7.feiten(ouders, kinderen, verloop, vo, vk, h7.trauma_correlaties(ouders), h7.geslacht_verschillen(ouders),
                       h7.moeder_vader_verschillen(kinderen), {}, {}, {"ouders": 1, "kinderen": 1})
    json.dumps(feiten)  # serialisable
    for u, feit in feiten["ouders"].items():
        if not feit["toonbaar"] and "T0" in feit:
            assert feit["T0"] == ONDERDRUKT
        for v in feit["hulp"]["samenhang"]:
            assert feit["hulp"]["vormen"][v]["toonbaar"]

    # The fragment of the chapter template fills (StrictUndefined) with these facts.
    from analysis.bronnen import vul_sjabloon
    from analysis.feiten import schrijf_feiten

    for f in figuren:
        plt.close(f.fig)
        meta = {"id": f.id, "label": f.label, "titel": f.titel, "alt": f.alt}
        (tmp_path / "figures" / f"{f.id}.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    schrijf_feiten(tmp_path, "h07_verloop", feiten)
    tekst = vul_sjabloon("_07-hulp-verloop.qmd", tmp_path / "build" / "h7.qmd", artefacten=tmp_path,
                         meta={"synthetic": True, "scope_naam": "Kleine regio", "provenance": "x", "title": "t"}).read_text()
    assert "{#sec-hulp-resultaat-ouders}" in tekst and "{#sec-hulp-resultaat-kinderen}" in tekst
    assert "nan" not in tekst.lower().split() and "None" not in tekst
    assert all(f"#{label}" in tekst for label in h7.LABELS.values())


# -- audit mappings ---------------------------------------------------------------------------------
def test_every_figure_of_the_section_is_registered_for_the_audit():
    from analysis.koppelingen import KOPPELINGEN, geen_waarden

    for n in range(1, 17):
        k = KOPPELINGEN[f"figuur-7.{n}"]
        if n == 3:  # Figuur 7.3 (chapter 7's help module) compares values from its facts
            assert k.artefact.startswith("facts/") and k.functie is not geen_waarden
            continue
        assert k.artefact == f"figures/figuur-7.{n}.json" and k.functie is geen_waarden
    cellen = pd.DataFrame({"rij": ["a"], "kolom": ["T0"]}, index=[3])
    assert KOPPELINGEN["figuur-7.2"].functie({}, cellen).isna().all()
    # The figure labels are unique and every catalogue figure of §7.4–7.5 has a title.
    assert len(set(h7.LABELS.values())) == 16 and set(h7.LABELS) == set(h7.TITELS)
