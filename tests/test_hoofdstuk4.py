"""Chapter 4: partner violence per family (Figuur 4.2) and forms of partner violence per wave
for men and women (Figuur 4.3 victims, Figuur 4.4 perpetrators).

Hand-made tiny CTS2 answers whose categories and shares are worked out by hand below, plus an
end-to-end check that the notebook writes every new item and the report shows it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from analysis import hoofdstuk4 as h4
from analysis.codebook import load_codebook
from analysis.disclosure import ONDERDRUKT

CTS2_KOLOMMEN = list(load_codebook().items("cts2")["kolom"])


def _tabellen() -> dict[str, pd.DataFrame]:
    """Three families; every answer is 1 ("nooit", 0 incidents) unless listed.

    G1: mother M1 and father F1 in every wave.
        T0: M1 victim of severe physical violence (item 11, answer 3 = 1 incident);
            F1 perpetrator of mild psychological violence (item 3, answer 5 = 4 incidents).
            → family: 4 mild + 1 severe = 5 incidents, "ernstig" (any severe incident).
        T1: M1 victim of item 3 (answer 5 = 4), F1 perpetrator of item 3 (answer 4 = 2): the same
            act by the father, the highest report counts → 4 mild incidents, "mild" (4–21).
        T2: nothing → 0 incidents, "geen".
    G2: mother M2 alone, every wave.
        T0: victim of item 3 (answer 8 = 25 incidents) → 25 > 21, "ernstig".
        T1: perpetrator of item 3 (answer 4 = 2 incidents) → at most 3 mild, "geen".
        T2: nothing → "geen".
    G3: mother M3 only at T0 (victim of item 11, answer 8): not in chapter 4's population.
    """
    ouders = pd.DataFrame({
        "ouder_id": ["M1", "F1", "M2", "M3"],
        "gezin_id": ["G1", "G1", "G2", "G3"],
        "geslacht": ["vrouw", "man", "vrouw", "vrouw"],
    })
    golven = {"M1": "T0 T1 T2", "F1": "T0 T1 T2", "M2": "T0 T1 T2", "M3": "T0"}
    deelname = pd.DataFrame([(r, m) for r, ms in golven.items() for m in ms.split()], columns=["respondent_id", "meting"])
    antwoorden = {
        ("M1", "T0"): {"cts2_11_slachtoffer": 3},
        ("F1", "T0"): {"cts2_03_dader": 5},
        ("M1", "T1"): {"cts2_03_slachtoffer": 5},
        ("F1", "T1"): {"cts2_03_dader": 4},
        ("M2", "T0"): {"cts2_03_slachtoffer": 8},
        ("M2", "T1"): {"cts2_03_dader": 4},
        ("M3", "T0"): {"cts2_11_slachtoffer": 8},
    }
    rijen = []
    for _, rij in deelname.iterrows():
        items = {k: 1 for k in CTS2_KOLOMMEN}
        items.update(antwoorden.get((rij["respondent_id"], rij["meting"]), {}))
        rijen.append({"ouder_id": rij["respondent_id"], "meting": rij["meting"], **items})
    cts2 = pd.DataFrame(rijen)
    gezinnen = pd.DataFrame({"gezin_id": ["G1", "G2", "G3"], "regio": ["Utrecht", "Utrecht", "Twente"]})
    return {"gezinnen": gezinnen, "ouders": ouders, "kinderen": pd.DataFrame(columns=["kind_id", "gezin_id"]),
            "deelname": deelname, "cts2": cts2}


# -- Figuur 4.2 ---------------------------------------------------------------------------------
def test_partner_violence_per_family_by_hand():
    partner = h4.partnergeweld(_tabellen()).set_index(["gezin_id", "meting"])
    assert sorted(partner.index.get_level_values("gezin_id").unique()) == ["G1", "G2"]  # G3 not in every wave
    verwacht = {
        ("G1", "T0"): ("ernstig", 5), ("G1", "T1"): ("mild", 4), ("G1", "T2"): ("geen", 0),
        ("G2", "T0"): ("ernstig", 25), ("G2", "T1"): ("geen", 2), ("G2", "T2"): ("geen", 0),
    }
    for sleutel, (categorie, totaal) in verwacht.items():
        assert partner.loc[sleutel, "categorie"] == categorie
        assert partner.loc[sleutel, "totaal"] == totaal


def test_figuur_4_2_distribution_by_hand():
    partner = h4.partnergeweld(_tabellen())
    verdeling = h4.verdeling_per_meting(partner).set_index(["meting", "categorie"])
    # T0: both families "ernstig"; T1: G1 "mild", G2 "geen"; T2: both "geen".
    verwacht = {"T0": (0.0, 0.0, 1.0), "T1": (0.5, 0.5, 0.0), "T2": (1.0, 0.0, 0.0)}
    for meting, aandelen in verwacht.items():
        assert [verdeling.loc[(meting, c), "aandeel"] for c in ("geen", "mild", "ernstig")] == pytest.approx(list(aandelen))
        assert (verdeling.loc[meting, "n"] == 2).all()
    figuur = h4.figuur_4_2(verdeling.reset_index(), 2, "Utrecht")
    assert figuur.id == "figuur-4.2" and figuur.label == "fig-partnergeweld"
    assert figuur.titel == "Percentage partnergeweld in de gezinnen in de onderzoekspopulatie (N=2)"
    assert "T1: geen geweld 50%, mild geweld 50%, veelvuldig of ernstig geweld 0%" in figuur.alt
    assert figuur.alt.startswith("Staafdiagram van het percentage gezinnen per categorie partnergeweld")


def test_figuur_4_1_still_uses_its_own_caption():
    partner = h4.partnergeweld(_tabellen())
    figuur = h4.figuur_4_1(h4.verdeling_per_meting(partner), 2, "Nederland")
    assert figuur.id == "figuur-4.1" and figuur.label == "fig-totaal-geweld"
    assert figuur.titel == "Het totale geweld in de gezinnen over drie meetmomenten (N=2)"


def test_suppressed_bar_is_a_labelled_placeholder_not_an_empty_bar():
    """A hidden share (small-cell rule) is drawn as a hatched bar of fixed height labelled "te
    klein", never as an empty bar with "x" at the bottom (which reads as 0%); the alt text says
    "niet getoond" and explains the placeholder. A shown share of 0% stays an empty bar "0%"."""
    import matplotlib.pyplot as plt

    from analysis.figures import ONDERDRUKT_HOOGTE, ONDERDRUKT_LABEL

    rijen = [("T0", "geen", 0.0), ("T0", "mild", 0.4), ("T0", "ernstig", 0.6),
             ("T1", "geen", float("nan")), ("T1", "mild", float("nan")), ("T1", "ernstig", 0.7),
             ("T2", "geen", 0.5), ("T2", "mild", 0.25), ("T2", "ernstig", 0.25)]
    verdeling = pd.DataFrame(rijen, columns=["meting", "categorie", "aandeel"])
    figuur = h4.figuur_4_1(verdeling, 40, "Utrecht")
    ax = figuur.fig.axes[0]
    teksten = [t.get_text() for t in ax.texts]
    assert teksten.count(ONDERDRUKT_LABEL) == 2 and ONDERDRUKT not in teksten and "0%" in teksten
    geplaatst = [b for b in ax.patches if b.get_hatch()]
    assert len(geplaatst) == 2 and all(b.get_height() == ONDERDRUKT_HOOGTE for b in geplaatst)
    assert sorted(round(b.get_x() + b.get_width() / 2, 6) for b in geplaatst) == pytest.approx([1 - 0.8 / 3, 1.0])
    assert "T1: geen geweld niet getoond, mild geweld niet getoond, veelvuldig of ernstig geweld 70%" in figuur.alt
    assert "te weinig personen of gezinnen" in figuur.alt and ONDERDRUKT_LABEL in figuur.alt
    plt.close(figuur.fig)
    # Nothing hidden: no placeholder and no note.
    heel = h4.figuur_4_1(verdeling.fillna(0.1), 40, "Nederland")
    assert not [b for b in heel.fig.axes[0].patches if b.get_hatch()] and "niet getoond" not in heel.alt
    plt.close(heel.fig)


def test_figuur_4_2_mean_incidents_and_small_cells():
    partner = h4.partnergeweld(_tabellen())
    verdeling = h4.beveilig_verdeling(h4.verdeling_per_meting(partner))
    assert verdeling["aandeel"].isna().all()  # two families: every share is below the threshold
    feiten = h4.feiten_partnergeweld(partner, verdeling, h4.verloop_toetsen(partner))
    assert feiten["n_gezinnen"] == "2"
    # Means (5 + 25) / 2 = 15, (4 + 2) / 2 = 3, 0 — but a base of two families is not shown.
    assert [feiten["incidenten"][m] for m in ("T0", "T1", "T2")] == [ONDERDRUKT] * 3
    assert feiten["categorie"]["geen"]["T1"] == ONDERDRUKT and not feiten["categorie"]["geen"]["toonbaar"]
    gemiddeld = partner.groupby("meting")["totaal"].mean()
    assert list(gemiddeld) == pytest.approx([15.0, 3.0, 0.0])


# -- Figuur 4.3 / 4.4 ---------------------------------------------------------------------------
def test_forms_per_wave_by_hand():
    vormen = h4.vormen_per_meting(_tabellen())
    assert set(vormen["ouder_id"]) == {"M1", "F1", "M2"}  # M3 only at T0
    cellen = h4.aandelen_vormen_per_meting(vormen).set_index(["perspectief", "geslacht", "meting", "vorm"])
    # Women victims: T0 M1 physical, M2 psychological → 1/2 each; T1 M1 psychological → 1/2; T2 none.
    assert cellen.loc[("slachtoffer", "vrouw", "T0", "fysiek"), "aandeel"] == 0.5
    assert cellen.loc[("slachtoffer", "vrouw", "T0", "psychisch"), "aandeel"] == 0.5
    assert cellen.loc[("slachtoffer", "vrouw", "T1", "psychisch"), "aandeel"] == 0.5
    assert cellen.loc[("slachtoffer", "vrouw", "T1", "fysiek"), "aandeel"] == 0.0
    assert cellen.loc[("slachtoffer", "vrouw", "T2"), "aandeel"].eq(0.0).all()
    # Men: F1 never a victim, a perpetrator of psychological violence at T0 and T1 (1 of 1).
    assert cellen.loc[("slachtoffer", "man"), "aandeel"].eq(0.0).all()
    assert [cellen.loc[("dader", "man", m, "psychisch"), "aandeel"] for m in ("T0", "T1", "T2")] == [1.0, 1.0, 0.0]
    # Women perpetrators: M2 at T1 only → 0, 1/2, 0.
    assert [cellen.loc[("dader", "vrouw", m, "psychisch"), "aandeel"] for m in ("T0", "T1", "T2")] == [0.0, 0.5, 0.0]
    assert cellen.loc[("dader", "vrouw", "T0", "fysiek"), "n"] == 2 and cellen.loc[("dader", "man", "T0", "fysiek"), "n"] == 1
    assert len(cellen) == 2 * 2 * 3 * 4


def test_figuur_vormen_caption_alt_and_suppression():
    vormen = h4.vormen_per_meting(_tabellen())
    cellen = h4.aandelen_vormen_per_meting(vormen)
    figuur = h4.figuur_vormen(cellen, "slachtoffer", {"man": 1, "vrouw": 2}, "Utrecht")
    assert figuur.id == "figuur-4.3" and figuur.label == "fig-slachtoffers"
    assert figuur.titel == "Percentage mannen (a, N=1) en vrouwen (b, N=2) als slachtoffers van partnergeweld in de onderzoekspopulatie"
    assert "vrouwen T0: psychisch geweld 50%, fysiek geweld 50%, verwondingen 0%, seksueel geweld 0%" in figuur.alt
    assert len(figuur.data) == 24 and set(figuur.data["perspectief"]) == {"slachtoffer"}
    plegers = h4.figuur_vormen(h4.beveilig_cellen(cellen), "dader", {"man": 1, "vrouw": 2}, "Utrecht")
    assert plegers.id == "figuur-4.4" and plegers.label == "fig-plegers"
    assert "als plegers van partnergeweld" in plegers.titel
    assert "mannen T0: psychisch geweld niet getoond" in plegers.alt and plegers.data["aandeel"].isna().all()
    assert plegers.alt.endswith("waarvan de hoogte geen waarde weergeeft.") and "te klein" in plegers.alt


def test_forms_facts_follow_the_test():
    """Twelve women: physical violence 10 → 6 → 1 of 12 (clearly down), psychological never."""
    fysiek = {"T0": [1] * 10 + [0, 0], "T1": [1] * 5 + [0] * 6 + [1], "T2": [0] * 11 + [1]}
    rijen = []
    for perspectief in ("slachtoffer", "dader"):
        for i in range(12):
            for m, waarden in fysiek.items():
                rijen.append({"ouder_id": f"V{i}", "meting": m, "perspectief": perspectief, "geslacht": "vrouw",
                              "psychisch": False, "fysiek": bool(waarden[i]), "verwonding": False, "seksueel": False})
    vormen = pd.DataFrame(rijen)
    cellen = h4.aandelen_vormen_per_meting(vormen)
    feiten = h4.feiten_vormen(cellen, h4.vormen_toetsen(vormen), {"vrouw": 12})
    f = feiten["slachtoffer"]["vrouw"]
    assert (f["fysiek"]["T0"], f["fysiek"]["T1"], f["fysiek"]["T2"]) == ("83%", "50%", "8%")  # 10/12, 6/12, 1/12
    assert f["fysiek"]["verandering"] == "significant afgenomen" and f["afgenomen"] == ["fysiek"]
    assert f["psychisch"]["verandering"] == "niet significant veranderd"
    assert f["niet_afgenomen"] == ["psychisch", "verwonding", "seksueel"]
    assert feiten["n"] == {"man": "0", "vrouw": "12"}


# -- the notebook writes every item; the report shows it ---------------------------------------
NIEUWE_FIGUREN = ["figuur-4.2", "figuur-4.3", "figuur-4.4", "figuur-4.5", "figuur-4.6", "figuur-4.7"]
NIEUWE_TABELLEN = ["tabel-4.2", "tabel-4.3", "tabel-4.4", "tabel-4.5", "tabel-4.6"]


@pytest.fixture
def gebouwd(e2e_gebouwd):
    """The shared end-to-end build (tests/conftest.py): nation, Utrecht and Zaanstreek-Waterland."""
    return e2e_gebouwd[0]


@pytest.mark.e2e
def test_notebook_writes_every_new_item(gebouwd):
    for scope in ("nederland", "utrecht"):
        folder = gebouwd.scope(scope) / "figures"
        for item in NIEUWE_FIGUREN:
            for ext in ("csv", "svg", "png", "json"):
                assert (folder / f"{item}.{ext}").is_file(), (scope, item, ext)
            meta = json.loads((folder / f"{item}.json").read_text(encoding="utf-8"))
            assert meta["label"].startswith("fig-") and meta["alt"]
        for item in NIEUWE_TABELLEN:
            for ext in ("csv", "md", "json"):
                assert (gebouwd.scope(scope) / "tables" / f"{item}.{ext}").is_file(), (scope, item, ext)
        feiten = json.loads((gebouwd.scope(scope) / "facts" / "h04.json").read_text(encoding="utf-8"))
        assert {"partner", "vormen", "ernst", "relatie", "kinderen", "kinderen_zelf", "samenloop", "ace"} <= set(feiten)
    # Regional shares obey the small-cell rule (hidden or at least 5 in and outside the cell).
    regio = pd.read_csv(gebouwd.scope("utrecht") / "figures" / "figuur-4.3.csv")
    zichtbaar = regio[regio["aandeel"].notna()]
    assert ((zichtbaar["aantal"] >= 5) & (zichtbaar["n"] - zichtbaar["aantal"] >= 5)).all()


@pytest.mark.e2e
def test_report_shows_the_new_figures(gebouwd):
    html = (Path(gebouwd.uitvoer) / "rapport" / "index.html").read_text(encoding="utf-8")
    for tekst in ("Figuur 4.2", "Figuur 4.3", "Figuur 4.4", "Percentage partnergeweld in de gezinnen", "Figuur 4.5", "Figuur 4.6",
                  "Figuur 4.7", "Tabel 4.2", "Tabel 4.3", "Tabel 4.4", "Tabel 4.5", "Tabel 4.6"):
        assert tekst in html
    assert "@fig-" not in html and "{{" not in html


# ==============================================================================================
# Tabel 4.2, Figuur 4.5 / 4.6: severity per perspective and gender
# ==============================================================================================
def test_severity_per_parent_by_hand():
    """T0 of the fixture: M1 victim of item 11 (severe, 1 incident); M2 victim of item 3 (mild,
    25); F1 perpetrator of item 3 (mild, 4). M3 is not in every wave."""
    per = h4.ernst_per_ouder(_tabellen()).set_index(["ouder_id", "meting", "perspectief"])
    assert set(per.index.get_level_values("ouder_id")) == {"M1", "F1", "M2"}
    assert tuple(per.loc[("M1", "T0", "slachtoffer"), ["mild", "ernstig", "totaal"]]) == (0, 1, 1)
    assert tuple(per.loc[("M2", "T0", "slachtoffer"), ["mild", "ernstig", "totaal"]]) == (25, 0, 25)
    assert tuple(per.loc[("F1", "T0", "dader"), ["mild", "ernstig", "totaal"]]) == (4, 0, 4)
    assert per.loc[("M1", "T1", "slachtoffer"), "mild"] == 4 and per.loc[("M1", "T2", "slachtoffer"), "totaal"] == 0


def test_tabel_4_2_by_hand():
    per = h4.ernst_per_ouder(_tabellen())
    cellen = h4.ernst_cellen(per)
    c = cellen[cellen["meting"] == "T0"].set_index(["perspectief", "geslacht", "ernst"])
    # Women victims at T0: both report violence (mean (1 + 25) / 2 = 13), M1 severe (mean 1), M2 mild (25).
    assert (c.loc[("slachtoffer", "vrouw", "totaal"), "aandeel"], c.loc[("slachtoffer", "vrouw", "totaal"), "gemiddeld"]) == (1.0, 13.0)
    assert (c.loc[("slachtoffer", "vrouw", "ernstig"), "aandeel"], c.loc[("slachtoffer", "vrouw", "ernstig"), "gemiddeld"]) == (0.5, 1.0)
    assert (c.loc[("slachtoffer", "vrouw", "mild"), "aandeel"], c.loc[("slachtoffer", "vrouw", "mild"), "gemiddeld"]) == (0.5, 25.0)
    assert c.loc[("slachtoffer", "man", "totaal"), "aandeel"] == 0.0 and pd.isna(c.loc[("slachtoffer", "man", "totaal"), "gemiddeld"])
    assert (c.loc[("dader", "man", "mild"), "aandeel"], c.loc[("dader", "man", "mild"), "gemiddeld"]) == (1.0, 4.0)
    tabel = h4.tabel_4_2(cellen, h4.verschil_geslacht_ernst(per))
    assert tabel.id == "tabel-4.2" and tabel.label == "tbl-incidenten-t0"
    assert list(tabel.weergave.columns) == ["Type partnergeweld", "Vrouw (N=2) Perc. geweld", "Vrouw Gemiddeld incidenten",
                                            "Man (N=1) Perc. geweld", "Man Gemiddeld incidenten"]
    w = tabel.weergave.set_index("Type partnergeweld")
    assert list(tabel.weergave["Type partnergeweld"]) == ["Slachtofferschap", "Totaal geweld afgelopen jaar", "Ernstig geweld",
                                                         "Mild geweld", "Daderschap", "Totaal geweld afgelopen jaar",
                                                         "Ernstig geweld", "Mild geweld"]
    assert list(tabel.weergave.iloc[1, 1:]) == ["100,0%", "13", "0,0%", "–"]  # nobody to average: en dash, not x
    assert list(tabel.weergave.iloc[7, 1:]) == ["0,0%", "–", "100,0%", "4"]
    assert "x =" not in tabel.noot and "Slachtofferschap" in w.index
    verborgen = h4.tabel_4_2(h4.beveilig_aandelen_gemiddelden(cellen), h4.verschil_geslacht_ernst(per))
    # In a region a mean over nobody is hidden too: "–" would disclose that no man reported it.
    assert list(verborgen.weergave.iloc[1, 1:]) == [ONDERDRUKT] * 4 and ONDERDRUKT + " =" in verborgen.noot


def _ouders_met_geweld(seed: int = 3, n_vrouw: int = 40, n_man: int = 25) -> pd.DataFrame:
    """A random per-parent frame (three waves, both perspectives) for the statistics checks."""
    import numpy as np

    rng = np.random.default_rng(seed)
    rijen = []
    for i in range(n_vrouw + n_man):
        geslacht = "vrouw" if i < n_vrouw else "man"
        for j, m in enumerate(("T0", "T1", "T2")):
            for perspectief in ("slachtoffer", "dader"):
                ernstig = float(rng.poisson(3 - j) * rng.integers(0, 2))
                mild = float(rng.poisson(12 - 4 * j + (5 if geslacht == "vrouw" else 0)) * rng.integers(0, 2))
                rijen.append({"ouder_id": f"O{i}", "meting": m, "perspectief": perspectief, "geslacht": geslacht,
                              "mild": mild, "ernstig": ernstig, "totaal": mild + ernstig})
    return pd.DataFrame(rijen)


def test_gender_tests_agree_with_scipy():
    from scipy import stats as sps

    per = _ouders_met_geweld()
    toetsen = h4.verschil_geslacht_ernst(per)
    t0 = per[(per["meting"] == "T0") & (per["perspectief"] == "slachtoffer")]
    gemeld = t0["mild"] > 0
    tabel = pd.crosstab(t0["geslacht"], gemeld).to_numpy()
    chi2, p, _, _ = sps.chi2_contingency(tabel, correction=False)
    t = toetsen[("slachtoffer", "mild")]["aandeel"]
    assert t.statistiek == pytest.approx(chi2) and t.p == pytest.approx(p) and t.effect == pytest.approx((chi2 / len(t0)) ** 0.5)
    vrouw = t0.loc[gemeld & (t0["geslacht"] == "vrouw"), "mild"]
    man = t0.loc[gemeld & (t0["geslacht"] == "man"), "mild"]
    ref = sps.ttest_ind(vrouw, man, equal_var=True)
    t = toetsen[("slachtoffer", "mild")]["gemiddeld"]
    assert t.statistiek == pytest.approx(ref.statistic) and t.p == pytest.approx(ref.pvalue) and t.n == len(vrouw) + len(man)


def test_rm_anova_over_waves_agrees_with_statsmodels():
    from statsmodels.stats.anova import AnovaRM

    per = _ouders_met_geweld()
    toetsen = h4.ernst_toetsen(per)
    sub = per[(per["perspectief"] == "dader") & (per["geslacht"] == "vrouw")]
    ref = AnovaRM(sub, depvar="mild", subject="ouder_id", within=["meting"]).fit().anova_table.iloc[0]
    t = toetsen[("dader", "vrouw", "mild")]["gemiddeld"]
    assert t.statistiek == pytest.approx(ref["F Value"]) and t.p == pytest.approx(ref["Pr > F"]) and t.n == 40
    indicator = sub.assign(ind=(sub["ernstig"] > 0).astype(float))
    ref = AnovaRM(indicator, depvar="ind", subject="ouder_id", within=["meting"]).fit().anova_table.iloc[0]
    assert toetsen[("dader", "vrouw", "ernstig")]["aandeel"].statistiek == pytest.approx(ref["F Value"])


def test_figures_4_5_and_4_6_captions_and_data():
    per = _ouders_met_geweld()
    cellen = h4.ernst_cellen(per)
    f5 = h4.figuur_4_5(cellen, "Nederland")
    assert f5.id == "figuur-4.5" and f5.label == "fig-incidenten-ernst"
    assert f5.titel.startswith("Gemiddeld aantal partnergeweldsincidenten voor de mannen (a, N=25) en de vrouwen (b, N=40)")
    assert set(f5.data["ernst"]) == {"ernstig", "mild"} and len(f5.data) == 2 * 2 * 3 * 2
    f6 = h4.figuur_4_6(h4.beveilig_aandelen_gemiddelden(cellen), "Utrecht")
    assert f6.id == "figuur-4.6" and "Percentage mannen (a, N=25) en vrouwen (b, N=40)" in f6.titel
    assert "(Utrecht; 25 mannen, 40 vrouwen)" in f6.alt and "mannen T0: slachtoffer, ernstig geweld" in f6.alt
    feiten = h4.feiten_ernst(cellen, h4.verschil_geslacht_ernst(per), h4.ernst_toetsen(per))
    v = feiten["verloop"]["slachtoffer"]["vrouw"]["mild"]["aandeel"]
    assert v["toets"]["n"] == 40 and v["richting"] in ("afgenomen", "toegenomen", "gelijk gebleven")


def test_figuur_4_5_mean_follows_the_data():
    """Means are over the parents who report the violence: women mild victimisation T0 = 13 by hand."""
    cellen = h4.ernst_cellen(h4.ernst_per_ouder(_tabellen()))
    f5 = h4.figuur_4_5(cellen, "Nederland")
    d = f5.data.set_index(["perspectief", "geslacht", "meting", "ernst"])
    assert d.loc[("slachtoffer", "vrouw", "T0", "mild"), "gemiddeld"] == 25.0  # only M2 (25)
    assert d.loc[("slachtoffer", "vrouw", "T1", "mild"), "gemiddeld"] == 4.0   # only M1 (4)


# ==============================================================================================
# Tabel 4.3: current vs ex-partner
# ==============================================================================================
def _met_relatie() -> dict[str, pd.DataFrame]:
    t = _tabellen()
    relatie = {("M1", "T0"): "huidige_partner", ("F1", "T0"): "huidige_partner", ("M2", "T0"): "ex_partner",
               ("M1", "T2"): "huidige_partner", ("F1", "T2"): "huidige_partner", ("M2", "T2"): "nieuwe_partner"}
    t["cts2"] = t["cts2"].assign(partner_relatie=[relatie.get((o, m)) for o, m in zip(t["cts2"]["ouder_id"], t["cts2"]["meting"])])
    return t


def test_tabel_4_3_mean_is_the_sum_of_the_severe_and_mild_means_of_their_reporters():
    """Two women with an ex-partner: A 10 severe, 0 mild; B 0 severe, 20 mild; C nothing.
    Severe mean among reporters 10, mild mean 20: the cell prints 30 (the plain mean of the
    totals would be 10)."""
    per = pd.DataFrame({"ouder_id": ["A", "B", "C"], "meting": "T0", "geslacht": "vrouw", "partner_relatie": "ex_partner",
                        "slachtoffer": [10, 20, 0], "slachtoffer_ernstig": [10, 0, 0], "slachtoffer_mild": [0, 20, 0]})
    c = h4.relatie_cellen(per, metingen=("T0",)).set_index(["geslacht", "partner_relatie"])
    assert c.loc[("vrouw", "ex_partner"), "gemiddeld"] == 30.0
    assert c.loc[("vrouw", "ex_partner"), "aandeel"] == 1.0
    assert h4.gemiddelde_per_ernst(per.iloc[[2]]) == 0.0


def test_tabel_4_3_by_hand():
    per = h4.relatie_per_ouder(_met_relatie())
    cellen = h4.relatie_cellen(per)
    c = cellen.set_index(["meting", "geslacht", "partner_relatie"])
    # T0 women: M1 current partner (victim of 1 incident), M2 ex-partner (25 incidents).
    assert (c.loc[("T0", "vrouw", "huidige_partner"), "aandeel"], c.loc[("T0", "vrouw", "huidige_partner"), "gemiddeld"]) == (0.5, 1.0)
    assert (c.loc[("T0", "vrouw", "ex_partner"), "aandeel"], c.loc[("T0", "vrouw", "ex_partner"), "gemiddeld"]) == (0.5, 25.0)
    assert c.loc[("T0", "man", "huidige_partner"), "aandeel"] == 1.0 and c.loc[("T0", "man", "ex_partner"), "aantal"] == 0
    assert c.loc[("T2", "vrouw", "nieuwe_partner"), "aandeel"] == 0.5
    assert list(cellen[cellen["meting"] == "T2"]["partner_relatie"].unique()) == h4.RELATIE_RIJEN["T2"]
    tabel = h4.tabel_4_3(cellen)
    assert tabel.id == "tabel-4.3" and tabel.label == "tbl-partner-relatie"
    assert tabel.weergave.iloc[0, 0] == "Eerste meting (T0)"
    assert list(tabel.weergave.iloc[1]) == ["Aantal ouders (N)", "2", "", "1", ""]
    assert list(tabel.weergave.iloc[2]) == ["Huidige partner", "50%", "1", "100%", "0"]
    assert list(tabel.weergave.iloc[3]) == ["Ex-partner", "50%", "25", "0%", "–"]
    assert tabel.weergave.iloc[4, 0] == "Derde meting (T2)" and tabel.weergave.iloc[7, 0] == "Nieuwe andere partner"
    regio = h4.tabel_4_3(h4.beveilig_relatie_cellen(cellen))
    assert (regio.weergave.iloc[[2, 3], 1:] == ONDERDRUKT).all().all()


def test_relatie_chi2_agrees_with_scipy():
    from scipy import stats as sps

    import numpy as np
    rng = np.random.default_rng(5)
    per = pd.DataFrame({"ouder_id": [f"O{i}" for i in range(80)], "meting": "T0",
                        "geslacht": ["vrouw"] * 50 + ["man"] * 30,
                        "partner_relatie": rng.choice(["huidige_partner", "ex_partner"], 80, p=[0.4, 0.6]), "slachtoffer": 1.0})
    t = h4.relatie_toetsen(per, ("T0",))["T0"]
    chi2, p, _, _ = sps.chi2_contingency(pd.crosstab(per["geslacht"], per["partner_relatie"]).to_numpy(), correction=False)
    assert t.statistiek == pytest.approx(chi2) and t.p == pytest.approx(p) and t.effectmaat == "phi"


# ==============================================================================================
# Tabel 4.4: child maltreatment reported by the parents
# ==============================================================================================
CTSPC_KOLOMMEN = list(load_codebook().items("ctspc_ouder")["kolom"])


def _met_kinderen() -> dict[str, pd.DataFrame]:
    """K1 in G1 (M1 and F1 report), K2 in G2 (M2). All answers 1 unless listed:
    T0 K1: item 3 (physical, mild) M1 answer 4 (2), F1 answer 5 (4) → highest report 4;
           item 6 (psychological) M1 answer 3 (1) → direct 5.
    T1 K2: item 22 (neglect) answer 3 → 1.
    Witness: G1 T0 partner violence physical 1 (item 11) + psychological 4 (item 3) = 5;
             G2 T0 psychological 25, T1 psychological 2 (M2 perpetrator of item 3)."""
    t = _tabellen()
    t["kinderen"] = pd.DataFrame({"kind_id": ["K1", "K2"], "gezin_id": ["G1", "G2"]})
    antwoorden = {("M1", "K1", "T0"): {"ctspc_03": 4, "ctspc_06": 3}, ("F1", "K1", "T0"): {"ctspc_03": 5},
                  ("M2", "K2", "T1"): {"ctspc_22": 3}}
    rijen = []
    for ouder, kind in (("M1", "K1"), ("F1", "K1"), ("M2", "K2")):
        for m in ("T0", "T1", "T2"):
            items = {k: 1 for k in CTSPC_KOLOMMEN}
            items.update(antwoorden.get((ouder, kind, m), {}))
            rijen.append({"ouder_id": ouder, "kind_id": kind, "meting": m, **items})
    t["ctspc_ouder"] = pd.DataFrame(rijen)
    return t


def test_children_per_wave_by_hand():
    kind = h4.kinderen_per_meting(_met_kinderen()).set_index(["kind_id", "meting"])
    k1 = kind.loc[("K1", "T0")]
    assert (k1["fysiek"], k1["psychisch"], k1["verwaarlozing"], k1["direct"]) == (4, 1, 0, 5)
    assert (k1["getuige_fysiek"], k1["getuige_psychisch"], k1["getuige_seksueel"], k1["getuige"], k1["totaal"]) == (1, 4, 0, 5, 10)
    k2 = kind.loc[("K2", "T0")]
    assert (k2["direct"], k2["getuige_psychisch"], k2["totaal"]) == (0, 25, 25)
    assert kind.loc[("K2", "T1"), "verwaarlozing"] == 1
    assert kind.loc[("K2", "T1"), "getuige_psychisch"] == 2  # M2 perpetrator of item 3 at T1 (answer 4 = 2)
    cellen = h4.kind_cellen(kind.reset_index()).set_index(["rij", "meting"])
    assert (cellen.loc[("fysiek", "T0"), "aandeel"], cellen.loc[("fysiek", "T0"), "gemiddeld"]) == (0.5, 4.0)
    assert (cellen.loc[("getuige", "T0"), "aandeel"], cellen.loc[("getuige", "T0"), "gemiddeld"]) == (1.0, 15.0)
    assert (cellen.loc[("totaal", "T0"), "aandeel"], cellen.loc[("totaal", "T0"), "gemiddeld"]) == (1.0, 17.5)
    assert cellen.loc[("totaal", "T2"), "aandeel"] == 0.0 and (cellen["n"] == 2).all()


def test_tabel_4_4_structure_and_suppression():
    kind = h4.kinderen_per_meting(_met_kinderen())
    cellen = h4.kind_cellen(kind)
    tabel = h4.tabel_4_4(cellen, h4.kind_toetsen(kind))
    assert tabel.id == "tabel-4.4" and tabel.label == "tbl-kindermishandeling-ouders"
    assert list(tabel.weergave.columns)[:3] == ["Type kindermishandeling", "T0 % (N=2)", "T0 gem."]
    assert list(tabel.weergave["Type kindermishandeling"]) == list(h4.KIND_RIJEN.values())
    assert list(tabel.weergave.iloc[0, 1:3]) == ["50,0%", "4"] and list(tabel.weergave.iloc[8, 5:7]) == ["0,0%", "–"]
    regio = h4.tabel_4_4(h4.beveilig_aandelen_gemiddelden(cellen), h4.kind_toetsen(kind))
    assert (regio.weergave.iloc[:, 1:] == ONDERDRUKT).all().all()


def test_kind_rm_anova_agrees_with_statsmodels():
    from statsmodels.stats.anova import AnovaRM

    import numpy as np
    rng = np.random.default_rng(11)
    rijen = [{"kind_id": f"K{i}", "meting": m, **{r: float(rng.random() < 0.6 - 0.15 * j) * rng.integers(1, 9) for r in h4.KIND_RIJEN}}
             for i in range(60) for j, m in enumerate(("T0", "T1", "T2"))]
    kind = pd.DataFrame(rijen)
    toetsen = h4.kind_toetsen(kind)
    ref = AnovaRM(kind.assign(ind=(kind["fysiek"] > 0).astype(float)), depvar="ind", subject="kind_id", within=["meting"]).fit()
    assert toetsen["fysiek"].statistiek == pytest.approx(ref.anova_table["F Value"].iloc[0])
    assert toetsen["fysiek"].p == pytest.approx(ref.anova_table["Pr > F"].iloc[0])
    feiten = h4.feiten_kinderen(h4.kind_cellen(kind), toetsen)
    assert feiten["n"] == {"T0": "60", "T1": "60", "T2": "60"}
    assert set(feiten["afgenomen"]) | set(feiten["niet_afgenomen"]) == set(h4.KIND_RIJEN)


# ==============================================================================================
# The default snapshot: the new items for Nederland and one small region
# ==============================================================================================
@pytest.fixture(scope="module")
def standaard_tabellen(tmp_path_factory):
    from analysis.populatie import beperk_tot_scope
    from analysis.snapshot import load_snapshot
    from analysis.synthetic import write_default_snapshot

    snapshot = write_default_snapshot(tmp_path_factory.mktemp("standaard") / "synthetisch")
    return load_snapshot(snapshot).tabellen, beperk_tot_scope


def test_default_snapshot_new_items(standaard_tabellen):
    tabellen, beperk = standaard_tabellen
    per = h4.ernst_per_ouder(tabellen)
    cellen = h4.ernst_cellen(per)
    # Chapter 4's population: 472 mothers and 161 fathers in every wave.
    assert h4._n_per_geslacht(cellen, "T0") == {"man": 161, "vrouw": 472}
    t0 = cellen[cellen["meting"] == "T0"]
    assert ((t0["aandeel"] >= 0) & (t0["aandeel"] <= 1)).all()
    # Severe or mild ⇒ any: the share with any violence is at least each severity's share.
    for (p, g), sub in t0.groupby(["perspectief", "geslacht"]):
        s = sub.set_index("ernst")["aandeel"]
        assert s["totaal"] >= max(s["ernstig"], s["mild"])
    relatie = h4.relatie_cellen(h4.relatie_per_ouder(tabellen))
    for (_, _), sub in relatie.groupby(["meting", "geslacht"]):
        assert sub["aantal"].sum() <= sub["n"].iloc[0]
    kind = h4.kinderen_per_meting(tabellen)
    kc = h4.kind_cellen(kind).set_index(["rij", "meting"])
    for m in ("T0", "T1", "T2"):
        assert kc.loc[("totaal", m), "aandeel"] >= max(kc.loc[("direct", m), "aandeel"], kc.loc[("getuige", m), "aandeel"])


@pytest.mark.parametrize("regio", ["utrecht", "gooi-en-vechtstreek"])
def test_region_never_crashes_and_obeys_small_cells(standaard_tabellen, regio):
    tabellen, beperk = standaard_tabellen
    t = beperk(tabellen, regio)
    per = h4.ernst_per_ouder(t)
    cellen = h4.beveilig_aandelen_gemiddelden(h4.ernst_cellen(per))
    h4.tabel_4_2(cellen, h4.verschil_geslacht_ernst(per))
    h4.feiten_ernst(cellen, h4.verschil_geslacht_ernst(per), h4.ernst_toetsen(per))
    zichtbaar = cellen[cellen["aandeel"].notna()]
    assert ((zichtbaar["aantal"] >= 5) & (zichtbaar["n"] - zichtbaar["aantal"] >= 5)).all()
    relatie = h4.relatie_per_ouder(t)
    rc = h4.beveilig_relatie_cellen(h4.relatie_cellen(relatie))
    h4.tabel_4_3(rc)
    h4.feiten_relatie(rc, h4.relatie_toetsen(relatie))
    kind = h4.kinderen_per_meting(t)
    kc = h4.beveilig_aandelen_gemiddelden(h4.kind_cellen(kind))
    h4.tabel_4_4(kc, h4.kind_toetsen(kind))
    h4.feiten_kinderen(kc, h4.kind_toetsen(kind))
    assert (kc.loc[kc["gemiddeld"].notna(), "aantal"] >= 5).all()


# ==============================================================================================
# Tabel 4.5 (children's own reports), Figuur 4.7 (co-occurrence), Tabel 4.6 (ACE vs reference)
# ==============================================================================================
def _met_kindrapportage() -> dict[str, pd.DataFrame]:
    """_met_kinderen plus the children's own CTSPC (all answers 1 unless listed):
    K1 T0: item 3 (physical, mild) answer 4 → 2; item 28 (witness physical, mild) answer 5 → 4.
    K1 T1: nothing. K1 T2: item 6 (psychological, mild) answer 3 → 1. K2 only at T0: nothing."""
    t = _met_kinderen()
    kolommen = list(load_codebook().items("ctspc_kind")["kolom"])
    antwoorden = {("K1", "T0"): {"ctspck_03": 4, "ctspck_28": 5}, ("K1", "T2"): {"ctspck_06": 3}}
    rijen = []
    for kind, m in (("K1", "T0"), ("K1", "T1"), ("K1", "T2"), ("K2", "T0")):
        items = {k: 1 for k in kolommen}
        items.update(antwoorden.get((kind, m), {}))
        rijen.append({"kind_id": kind, "meting": m, **items})
    t["ctspc_kind"] = pd.DataFrame(rijen)
    return t


def test_tabel_4_5_by_hand():
    kind = h4.kinderen_zelf_per_meting(_met_kindrapportage()).set_index(["kind_id", "meting"])
    k1 = kind.loc[("K1", "T0")]
    assert (k1["fysiek"], k1["direct"], k1["getuige_fysiek"], k1["getuige"], k1["totaal"]) == (2, 2, 4, 4, 6)
    assert (k1["direct_mild"], k1["getuige_mild"], k1["direct_ernstig"]) == (2, 4, 0)
    cellen = h4.kind_zelf_cellen(kind.reset_index())
    c = cellen.set_index(["rij", "meting"])
    assert (c.loc[("fysiek", "T0"), "aandeel"], c.loc[("fysiek", "T0"), "gemiddeld"], c.loc[("fysiek", "T0"), "n"]) == (0.5, 2.0, 2)
    assert (c.loc[("totaal", "T0"), "gemiddeld"], c.loc[("psychisch", "T2"), "aandeel"], c.loc[("psychisch", "T2"), "n"]) == (6.0, 1.0, 1)
    tabel = h4.tabel_4_5(cellen, h4.kind_zelf_toetsen(kind.reset_index()))
    assert tabel.id == "tabel-4.5" and tabel.label == "tbl-kindermishandeling-kinderen"
    assert list(tabel.weergave.columns)[1::2] == ["T0 % (N=2)", "T1 % (N=1)", "T2 % (N=1)"]
    assert list(tabel.weergave["Type kindermishandeling"]) == list(h4.KIND_ZELF_RIJEN.values())  # one child in every wave: no test
    assert list(tabel.weergave.iloc[0, 1:3]) == ["50,0%", "2"]


def test_significance_stars_follow_p():
    from analysis.stats import Toets

    def t(p):
        return Toets("rm_anova", 1.0, (2, 10), p, "eta2_rm", 0.1, 6, "klein")
    assert [h4.significantie_sterren(t(p)) for p in (0.0005, 0.005, 0.03, 0.2)] == ["***", "**", "*", ""]


def test_figuur_4_7_co_occurrence_by_hand():
    gezin = h4.samenloop_per_gezin(_met_kindrapportage()).set_index(["gezin_id", "meting"])["samenloop"]
    # G1: T0 both (partner severe, parents report 5 mild incidents against K1); T1 partner mild only;
    #     T2 only K1's own report of one psychological incident (mild child maltreatment).
    # G2: T0 partner only (25 incidents); T1 neglect of K2 (1 incident) only, partner 2 mild = "geen"; T2 none.
    assert list(gezin.loc["G1"]) == ["beide", "alleen_partner", "alleen_kind"]
    assert list(gezin.loc["G2"]) == ["alleen_partner", "alleen_kind", "geen"]
    verdeling = h4.samenloop_verdeling(gezin.reset_index())
    v = verdeling.set_index(["meting", "samenloop"])["aandeel"]
    assert (v[("T0", "beide")], v[("T0", "alleen_partner")], v[("T2", "geen")]) == (0.5, 0.5, 0.5)
    figuur = h4.figuur_4_7(verdeling, "Utrecht")
    assert figuur.id == "figuur-4.7" and figuur.label == "fig-samenloop" and figuur.titel.endswith("(N=2)")
    assert "T0: partnergeweld en direct geweld tegen kinderen 50%, alleen partnergeweld 50%" in figuur.alt
    assert h4.beveilig_samenloop(verdeling)["aandeel"].isna().all()
    # Without the children's own reports G1 T2 has no violence.
    zonder = _met_kinderen()
    assert h4.samenloop_per_gezin(zonder).set_index(["gezin_id", "meting"]).loc[("G1", "T2"), "samenloop"] == "geen"


def _met_ace() -> dict[str, pd.DataFrame]:
    """Study: M1 ACE 1, 2, 6, 7 (four: 'vier of meer', domestic violence 1–5); F1 none; M2 ACE 6;
    M3 (not in every wave) all ten. Reference: R1 ACE 6, R2–R4 none, R5 has a missing answer."""
    t = _met_kinderen()
    kolommen = list(load_codebook().items("ace")["kolom"])

    def rij(ouder, ja, ontbreekt=False):
        r = {"ouder_id": ouder, **{k: int(int(k[-2:]) in ja) for k in kolommen}}
        if ontbreekt:
            r[kolommen[0]] = None
        return r
    t["ace"] = pd.DataFrame([rij("M1", {1, 2, 6, 7}), rij("F1", set()), rij("M2", {6}), rij("M3", set(range(1, 11)))]).assign(meting="T0")
    t["referentie_ace"] = pd.DataFrame([rij("R1", {6}), rij("R2", set()), rij("R3", set()), rij("R4", set()), rij("R5", {1}, True)])
    return t


def test_tabel_4_6_by_hand_and_chi2_against_scipy():
    from scipy import stats as sps

    groepen = h4.ace_groepen(_met_ace())
    assert sorted(groepen.loc[groepen["groep"] == "onderzoek", "ouder_id"]) == ["F1", "M1", "M2"]
    assert sorted(groepen.loc[groepen["groep"] == "referentie", "ouder_id"]) == ["R1", "R2", "R3", "R4"]
    c = h4.ace_cellen(groepen).set_index(["rij", "groep"])["aandeel"]
    assert c[("ace_1", "onderzoek")] == pytest.approx(1 / 3) and c[("ace_6", "onderzoek")] == pytest.approx(2 / 3)
    assert c[("ace_6", "referentie")] == 0.25 and c[("vier_of_meer", "onderzoek")] == pytest.approx(1 / 3)
    assert c[("huiselijk", "onderzoek")] == pytest.approx(1 / 3) and c[("huiselijk", "referentie")] == 0
    toetsen = h4.ace_toetsen(groepen)
    chi2, p, _, _ = sps.chi2_contingency(pd.crosstab(groepen["groep"], groepen["ace_6"]).to_numpy(), correction=False)
    assert toetsen["ace_6"].statistiek == pytest.approx(chi2) and toetsen["ace_6"].p == pytest.approx(p)
    tabel = h4.tabel_4_6(h4.ace_cellen(groepen), toetsen)
    assert tabel.id == "tabel-4.6" and list(tabel.weergave.columns) == ["", "Onderzoekspopulatie (N=3)", "Referentiepopulatie (N=4)"]
    assert list(tabel.weergave.iloc[5]) == ["6. Gescheiden ouders", "66,7%", "25,0%"]
    regio = h4.tabel_4_6(h4.beveilig_ace(h4.ace_cellen(groepen)), toetsen)
    assert (regio.weergave.iloc[:, 1] == ONDERDRUKT).all() and (regio.weergave.iloc[:, 2] != ONDERDRUKT).all()
    feiten = h4.feiten_ace(h4.ace_cellen(groepen), toetsen)
    assert feiten["ace_6"]["factor"] == "2,7" and feiten["n"] == {"onderzoek": "3", "referentie": "4"}
