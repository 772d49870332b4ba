"""Chapter 9: risk factors over the waves (Tabel 9.1), cumulation, their relation with the
violence and with help.

Hand-made tiny frames whose shares, groups and markers are worked out by hand below; the
statistics of the chapter against scipy / statsmodels / pingouin on random data; the audit
mapping on the published row labels; the template filled with the facts, national and regional.
The risk factors themselves are scored in analysis.risicofactoren (tested there); the chain test at
the end runs them on a small synthetic study for the nation and a region.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pingouin as pg
import pytest
from scipy import stats as sps
from statsmodels.stats.anova import AnovaRM

from analysis import bronnen
from analysis import hoofdstuk9 as h9
from analysis.disclosure import ONDERDRUKT
from analysis.feiten import schrijf_feiten
from analysis.koppelingen.h09 import koppel_tabel_9_1
from analysis.stats import Toets
from analysis.tables import schrijf_tabel

METINGEN = ["T0", "T1", "T2"]


def _risico(waarden: dict[str, dict[str, list]], geweld: dict[str, list] | None = None) -> pd.DataFrame:
    """A risico frame: ``waarden[factor][ouder] = [T0, T1, T2]`` (None = unknown); factors not
    given are 0; ``aantal`` and ``cumulatie`` follow from the seven factors (unknown counts 0)."""
    ouders = sorted({o for per in waarden.values() for o in per})
    rijen = []
    for o in ouders:
        for i, m in enumerate(METINGEN):
            rij = {"ouder_id": o, "meting": m, "gezin_id": "G" + o, "geslacht": "vrouw"}
            for f in h9.FACTOREN:
                v = waarden.get(f, {}).get(o, [0, 0, 0])[i]
                rij[f] = math.nan if v is None else float(v)
            if geweld is not None:
                rij["geweld"] = float(geweld[o][i])
            rijen.append(rij)
    df = pd.DataFrame(rijen)
    df["aantal"] = df[h9.FACTOREN].fillna(0).sum(axis=1)
    df["cumulatie"] = (df["aantal"] >= 3).astype(float)
    if geweld is not None:
        df["ernstig"] = (df["geweld"] > 21).astype(float)
    return df


#: werkloos: P1 loses it after T0, P2 after T1, P3 keeps it, P4/P5 never, P6 unknown at T1.
WERKLOOS = {"P1": [1, 0, 0], "P2": [1, 1, 0], "P3": [1, 1, 1], "P4": [0, 0, 0], "P5": [0, 0, 0], "P6": [1, None, 1]}


def _willekeurig(n: int = 60, seed: int = 3) -> pd.DataFrame:
    """Random risk factors and violence for ``n`` parents (declining on average)."""
    rng = np.random.default_rng(seed)
    waarden = {f: {} for f in h9.FACTOREN}
    geweld = {}
    for k in range(n):
        o = f"P{k:03d}"
        for f in h9.FACTOREN:
            start = rng.random() < 0.4
            if f == "ace":
                waarden[f][o] = [int(start)] * 3
            else:
                waarden[f][o] = [int(start), int(start and rng.random() < 0.8), int(start and rng.random() < 0.7)]
        basis = rng.gamma(2, 20)
        geweld[o] = [round(basis), round(basis * rng.uniform(0.2, 1)), round(basis * rng.uniform(0, 0.8))]
    return _risico(waarden, geweld)


# -- Tabel 9.1 -----------------------------------------------------------------------------------
def test_shares_and_mean_per_wave_by_hand():
    cellen = h9.cellen_per_meting(_risico({"werkloos": WERKLOOS, "alcohol": {"P1": [1, 1, 1]}}))
    w = cellen[cellen["factor"] == "werkloos"].set_index("meting")
    assert list(w["aantal"]) == [4, 2, 2] and list(w["n"]) == [6, 5, 6]  # P6 unknown at T1
    assert list(w["waarde"]) == pytest.approx([4 / 6, 2 / 5, 2 / 6])
    # number of risk factors: T0 P1 has werkloos + alcohol = 2, P2, P3, P6 one each → 5 / 6
    a = cellen[cellen["factor"] == "aantal"].set_index("meting")
    assert list(a["waarde"]) == pytest.approx([5 / 6, 3 / 6, 3 / 6])
    assert set(a["maat"]) == {"gemiddelde"}


def test_small_cell_rule_on_shares_and_means():
    cellen = pd.DataFrame({
        "factor": ["a", "b", "c", "aantal", "aantal"], "meting": "T0",
        "maat": ["aandeel"] * 3 + ["gemiddelde"] * 2,
        "aantal": [4, 5, 5, math.nan, math.nan], "n": [20, 10, 9, 4, 5],
        "waarde": [0.2, 0.5, 5 / 9, 1.5, 2.0], "toonbaar": True,
    })
    uit = h9.beveilig_cellen(cellen)
    # 4 inside → hidden; 5 in and 5 out → shown; 5 in but 4 out → hidden; mean over 4 hidden, over 5 shown
    assert list(uit["toonbaar"]) == [False, True, False, False, True]
    assert uit["waarde"].isna().tolist() == [True, False, True, True, False]


def _toets(p: float) -> Toets:
    return Toets("rm_anova", 5.0, (2, 100), p, "eta2_rm", 0.05, 51, "klein")


@pytest.mark.parametrize("p_totaal, p01, p12, verwacht", [
    (0.0005, 0.01, 0.3, "** (T0→T1)"),   # significant overall, only the first step
    (0.03, 0.01, 0.02, "*"),              # every step significant: no step named
    (0.03, 0.2, 0.04, "* (T1→T2)"),
    (0.2, 0.01, 0.3, ""),                 # not significant overall: no marker at all
    (0.001, 0.5, 0.5, "*"),               # p = .001 is not below .001
])
def test_table_markers(p_totaal, p01, p12, verwacht):
    assert h9.markering({"T0-T2": _toets(p_totaal), "T0-T1": _toets(p01), "T1-T2": _toets(p12)}) == verwacht


def test_tabel_9_1_rows_columns_caption_and_format():
    risico = _risico({"werkloos": WERKLOOS})
    cellen = h9.cellen_per_meting(risico)
    tabel = h9.tabel_9_1(cellen, h9.verloop_toetsen(risico), 6)
    assert tabel.titel == "Risicofactoren die kunnen veranderen in de loop van de tijd"
    assert list(tabel.weergave.columns) == ["Risicofactor", "T0", "T1", "T2"]
    labels = [r.split("\\*")[0] for r in tabel.weergave["Risicofactor"]]
    assert labels == ["Alleenstaand", "Werkloos", "Laag opgeleid", "Laag inkomen", "Risicovol drankgebruik",
                      "Risicovol drankgebruik partner", "Cumulatie risicofactoren"]
    rij = tabel.weergave.set_index(tabel.weergave["Risicofactor"].str.split("\\").str[0])
    assert list(rij.loc["Werkloos", METINGEN]) == ["66,7%", "40,0%", "33,3%"]
    assert list(rij.loc["Cumulatie risicofactoren", METINGEN]) == ["0,7", "0,3", "0,3"]  # 4/6, 2/6 (P6 unknown counts 0), 2/6
    assert "N=6" in tabel.noot and "ACE" in tabel.noot
    # the CSV behind it: six factors plus the mean, three waves, with the tests' p-values
    assert len(tabel.data) == 7 * 3 and "toets_p_T0-T2" in tabel.data.columns


def test_suppressed_cells_show_x_and_the_note_says_why():
    risico = _risico({"werkloos": WERKLOOS})
    cellen = h9.beveilig_cellen(h9.cellen_per_meting(risico))
    tabel = h9.tabel_9_1(cellen, h9.verloop_toetsen(risico), 6)
    assert (tabel.weergave.loc[1, METINGEN] == ONDERDRUKT).all()  # 4 of 6, 2 of 5, 2 of 6: all hidden
    assert list(tabel.weergave.iloc[-1][METINGEN]) == ["0,7", "0,3", "0,3"]  # means over 6 ≥ 5 parents
    assert "niet getoond" in tabel.noot


# -- the statistics against scipy / statsmodels / pingouin -----------------------------------------
def test_change_over_waves_matches_statsmodels_and_paired_t():
    risico = _willekeurig()
    toetsen = h9.verloop_toetsen(risico)
    for factor in ("werkloos", "aantal"):
        res = AnovaRM(risico, depvar=factor, subject="ouder_id", within=["meting"]).fit().anova_table
        assert toetsen[factor]["T0-T2"].statistiek == pytest.approx(res["F Value"].iloc[0])
        assert toetsen[factor]["T0-T2"].p == pytest.approx(res["Pr > F"].iloc[0])
        for a, b in (("T0", "T1"), ("T1", "T2")):
            breed = risico.pivot(index="ouder_id", columns="meting", values=factor)
            t = sps.ttest_rel(breed[a], breed[b])
            assert toetsen[factor][f"{a}-{b}"].statistiek == pytest.approx(t.statistic ** 2)
            assert toetsen[factor][f"{a}-{b}"].p == pytest.approx(t.pvalue)
    assert "ace" not in toetsen  # measured at T0 only


def test_relation_at_the_report_matches_scipy():
    risico = _willekeurig()
    melding = h9.samenhang_melding(risico)
    t0 = risico[risico["meting"] == "T0"]
    for factor in ("alcohol_partner", "aantal"):
        r, p = sps.pearsonr(t0[factor], t0["geweld"])
        assert melding[factor].effect == pytest.approx(r) and melding[factor].p == pytest.approx(p)
    chi2, p, _, _ = sps.chi2_contingency(pd.crosstab(t0["cumulatie"], t0["ernstig"]), correction=False)
    t = melding["cumulatie_ernstig"]
    assert t.statistiek == pytest.approx(chi2) and t.p == pytest.approx(p)
    assert t.effect == pytest.approx(math.sqrt(chi2 / len(t0))) and t.effectmaat == "phi"


def test_groups_whose_factor_disappeared_by_hand():
    groep = h9.afname_groepen(_risico({"werkloos": WERKLOOS}), "werkloos")
    assert groep.to_dict() == {"P1": "afgenomen", "P2": "afgenomen", "P3": "gebleven", "P6": "gebleven"}


def test_relation_over_time_matches_pingouin_and_scipy():
    risico = _willekeurig(n=80)
    verloop = h9.samenhang_verloop(risico)
    groep = h9.afname_groepen(risico, "armoede")
    sub = risico.merge(groep, left_on="ouder_id", right_index=True)
    aov = pg.mixed_anova(data=sub, dv="geweld", within="meting", between="groep", subject="ouder_id", correction=False)
    inter = aov[aov["Source"] == "Interaction"].iloc[0]
    assert verloop["armoede"].statistiek == pytest.approx(inter["F"])
    assert verloop["armoede"].effect == pytest.approx(inter["np2"])
    breed = risico.pivot(index="ouder_id", columns="meting", values=["aantal", "geweld"])
    r, p = sps.pearsonr(breed[("aantal", "T2")] - breed[("aantal", "T0")], breed[("geweld", "T2")] - breed[("geweld", "T0")])
    assert verloop["aantal"].effect == pytest.approx(r) and verloop["aantal"].p == pytest.approx(p)


def test_help_and_decline_match_pingouin_and_scipy():
    risico = _willekeurig(n=80)
    rng = np.random.default_rng(8)
    hulp = pd.DataFrame({"ouder_id": sorted(risico["ouder_id"].unique())})
    hulp["formeel"] = (rng.random(len(hulp)) < 0.6).astype(float)
    hulp["informeel"] = (rng.random(len(hulp)) < 0.7).astype(float)
    toetsen = h9.hulp_toetsen(risico, hulp)
    sub = risico.merge(hulp, on="ouder_id")
    aov = pg.mixed_anova(data=sub, dv="aantal", within="meting", between="formeel", subject="ouder_id", correction=False)
    assert toetsen["formeel"].effect == pytest.approx(aov[aov["Source"] == "Interaction"]["np2"].iloc[0])
    groep = h9.afname_groepen(risico, "werkloos").reset_index().merge(hulp, on="ouder_id")
    chi2, p, _, _ = sps.chi2_contingency(pd.crosstab(groep["formeel"], groep["groep"]), correction=False)
    assert toetsen["werkloos"].statistiek == pytest.approx(chi2) and toetsen["werkloos"].p == pytest.approx(p)


# -- facts and the template --------------------------------------------------------------------------
def _feiten(risico: pd.DataFrame, beveiligen: bool = False, met_hulp: bool = True) -> tuple[dict, object]:
    cellen = h9.cellen_per_meting(risico)
    groepen = h9.geweld_per_groep(risico)
    if beveiligen:
        cellen, groepen = h9.beveilig_cellen(cellen), h9.beveilig_groepen(groepen)
    toetsen = h9.verloop_toetsen(risico)
    hulp = pd.DataFrame({"ouder_id": sorted(risico["ouder_id"].unique())})
    hulp["formeel"] = (np.arange(len(hulp)) % 2).astype(float)
    hulp["informeel"] = (np.arange(len(hulp)) % 3 > 0).astype(float)
    f = h9.feiten(risico, cellen, toetsen, h9.samenhang_melding(risico), h9.samenhang_verloop(risico), groepen,
                  h9.daling_per_groep(risico), h9.hulp_toetsen(risico, hulp) if met_hulp else None,
                  h9.hulp_richting(risico, hulp) if met_hulp else None)
    return f, h9.tabel_9_1(cellen, toetsen, risico["ouder_id"].nunique())


def test_facts_follow_the_tests():
    f, _ = _feiten(_willekeurig(n=80))
    t = f["factor"]
    for k in h9.VERANDERBAAR:
        # every changeable factor is in exactly one verdict list
        assert sum(k in f[lijst] for lijst in ("afgenomen", "toegenomen", "klein", "gelijk")) == 1
        assert (k in f["klein"] or k in f["gelijk"]) != t[k]["toets"]["betekenisvol"]
    assert sorted(f["melding_positief"] + f["melding_negatief"] + f["melding_geen"]) == sorted(h9.FACTOREN)
    assert f["definitie"]["cumulatie"] == "drie" and f["definitie"]["aantal_factoren"] == "zeven"
    aandelen = [float(t[k]["T0"].rstrip("%").replace(",", ".")) for k in f["volgorde_t0"]]
    assert aandelen == sorted(aandelen, reverse=True)


def test_facts_hide_small_cells():
    klein = _willekeurig(n=12)
    f, _ = _feiten(klein, beveiligen=True)
    cellen = h9.cellen_per_meting(klein)
    for k in h9.FACTOREN:
        rij = cellen[(cellen["factor"] == k) & (cellen["meting"] == "T0")].iloc[0]
        zichtbaar = rij["aantal"] >= 5 and rij["n"] - rij["aantal"] >= 5
        assert (f["factor"][k]["T0"] == ONDERDRUKT) != zichtbaar
    # the prose ranks only the shown factors; the hidden ones are named apart
    assert f["verborgen_t0"] == [k for k in h9.VERANDERBAAR if f["factor"][k]["T0"] == ONDERDRUKT]
    assert sorted(f["volgorde_t0"] + f["verborgen_t0"]) == sorted(h9.VERANDERBAAR)


@pytest.mark.parametrize("beveiligen, met_hulp", [(False, True), (True, True), (False, False)])
def test_template_prints_only_facts(tmp_path, beveiligen, met_hulp):
    n = 12 if beveiligen else 80
    f, tabel = _feiten(_willekeurig(n=n), beveiligen, met_hulp)
    schrijf_feiten(tmp_path, "h09", f)
    schrijf_tabel(tmp_path, tabel)
    doel = bronnen.vul_sjabloon("09-risicofactoren.qmd", tmp_path / "uit" / "h9.qmd", artefacten=tmp_path, meta={})
    tekst = doel.read_text(encoding="utf-8")
    assert "{{" not in tekst and "{%" not in tekst
    assert "{#tbl-risicofactoren}" in tekst and "@tbl-risicofactoren" in tekst
    assert f["factor"]["werkloos"]["T0"] in tekst and f["aantal"]["T2"] in tekst
    assert ("Gegevens over de ontvangen hulp" in tekst) != met_hulp


# -- audit mapping ------------------------------------------------------------------------------------
def test_koppel_tabel_9_1_on_published_labels():
    data = pd.DataFrame({
        "factor": ["werkloos", "werkloos", "alcohol_partner", "alcohol", "aantal"],
        "meting": ["T0", "T1", "T0", "T0", "T2"],
        "maat": ["aandeel"] * 4 + ["gemiddelde"],
        "waarde": [0.475, math.nan, 0.329, 0.098, 2.04],
    })
    cellen = pd.DataFrame({
        "rij": ["Werkloos * (T0->T1)", "Werkloos * (T0->T1)", "Risicovol drankgebruik partner * (T0->T1)",
                "Risicovol drankgebruik", "Cumulatie risicofactoren**", "Laag opgeleid"],
        "kolom": ["T0", "T1", "T0", "T0", "T2", "T0"],
    })
    uit = koppel_tabel_9_1(data, cellen)
    assert uit.iloc[[0, 2, 3, 4]].tolist() == pytest.approx([47.5, 32.9, 9.8, 2.04])
    assert math.isnan(uit.iloc[1]) and math.isnan(uit.iloc[5])  # hidden, and not in the data


# -- the whole chain on a small synthetic study ----------------------------------------------------
@pytest.fixture(scope="module")
def klein(klein_ontwerp):
    from analysis.synthetic import generate

    return generate(seed=9, parameters={"steekproef": klein_ontwerp})


@pytest.mark.parametrize("regio", ["nederland", "utrecht"])
def test_chain_runs_for_nation_and_region(klein, tmp_path, regio):
    from analysis.populatie import NEDERLAND, beperk_tot_scope, ouders_alle_metingen

    tabellen = beperk_tot_scope(klein, regio)
    risico = h9.risicofactoren_ouders(tabellen)
    assert set(risico["ouder_id"]) == set(ouders_alle_metingen(tabellen)["ouder_id"])
    cellen = h9.cellen_per_meting(risico)
    groepen = h9.geweld_per_groep(h9.met_geweld(risico, tabellen))
    if regio != NEDERLAND:
        cellen, groepen = h9.beveilig_cellen(cellen), h9.beveilig_groepen(groepen)
    risico_geweld = h9.met_geweld(risico, tabellen)
    toetsen = h9.verloop_toetsen(risico)
    hulp = h9.hulp_ouders(tabellen)
    f = h9.feiten(risico, cellen, toetsen, h9.samenhang_melding(risico_geweld), h9.samenhang_verloop(risico_geweld),
                  groepen, h9.daling_per_groep(risico_geweld), h9.hulp_toetsen(risico, hulp), h9.hulp_richting(risico, hulp))
    schrijf_feiten(tmp_path, "h09", f)
    schrijf_tabel(tmp_path, h9.tabel_9_1(cellen, toetsen, risico["ouder_id"].nunique()))
    data = pd.read_csv(tmp_path / "tables" / "tabel-9.1.csv")
    zichtbaar = data[(data["maat"] == "aandeel") & data["waarde"].notna()]
    if regio != NEDERLAND:
        assert ((zichtbaar["aantal"] >= 5) & (zichtbaar["n"] - zichtbaar["aantal"] >= 5)).all()
    assert json.loads((tmp_path / "facts" / "h09.json").read_text(encoding="utf-8"))["n_ouders"] == f["n_ouders"]


def test_tabel_9_1_counts_every_parent_of_the_longitudinal_sample(klein):
    """Tabel 9.1's population and denominators, recomputed with plain pandas from the raw
    tables: every parent who took part in all three waves (both parents of a couple), per wave
    the share among the parents whose answer is known."""
    from analysis.codebook import load_codebook

    cb = load_codebook()
    deelname = klein["ouders_achtergrond"].groupby("ouder_id")["meting"].nunique()
    alle = set(deelname[deelname == len(METINGEN)].index)
    achtergrond = klein["ouders_achtergrond"][klein["ouders_achtergrond"]["ouder_id"].isin(alle)]
    cellen = h9.cellen_per_meting(h9.risicofactoren_ouders(klein)).set_index(["factor", "meting"])
    for m in METINGEN:
        rij = achtergrond[achtergrond["meting"] == m]
        inkomen, uren = rij["inkomen"].dropna(), rij["uren_betaald_werk"].dropna().astype(float)
        verwacht = {
            "armoede": (inkomen.isin(cb.regel("risico_armoede_inkomen")).sum(), len(inkomen)),
            "werkloos": ((uren < cb.regel("risico_werkloos_uren_minder_dan")).sum(), len(uren)),
            "alleenstaand": (rij["gezinssamenstelling"].isin(cb.regel("risico_alleenstaand")).sum(),
                             rij["gezinssamenstelling"].notna().sum()),
        }
        for factor, (aantal, n) in verwacht.items():
            assert (cellen.at[(factor, m), "aantal"], cellen.at[(factor, m), "n"]) == (aantal, n), (factor, m)
    assert cellen.at[("armoede", "T0"), "n"] == len(alle)


# -- audit data of chapters 7 and 8 kept with chapter 9's audit work ---------------------------------
def test_koppel_figuur_7_3_reads_the_unformatted_correlations():
    from analysis.koppelingen.h07 import KOPPELINGEN, koppel_figuur_7_3

    assert KOPPELINGEN["figuur-7.3"].artefact == "facts/h07_verloop.json"
    cellen = pd.DataFrame({"rij": ["correlatie depressie met dichotome PTSS (klinisch trauma) (r. 5134-5135)",
                                   "correlatie herbeleving met dichotome PTSS (r. 5135)", "iets anders"],
                           "kolom": ["", "", ""]})
    uit = koppel_figuur_7_3({"trauma_correlaties_r": {"depressie": 0.61, "herbeleving": 0.58, "angst": 0.7}}, cellen)
    assert uit.iloc[:2].tolist() == pytest.approx([0.61, 0.58]) and math.isnan(uit.iloc[2])
    assert koppel_figuur_7_3({"trauma_correlaties_r": {"depressie": None}}, cellen).isna().all()


def _kleinste_noemer(waarde: float, stap: float) -> int:
    """The smallest number of raters k for which some j/k (as a percentage when ``stap`` is 0.1,
    else as a mean of whole scores) prints as ``waarde`` with the printed precision."""
    schaal = 100 if stap == 0.1 else 1
    return next(k for k in range(1, 1000)
                if any(abs(schaal * j / k - waarde) <= stap / 2 + 1e-9 for j in range(int((waarde + stap) * k / schaal) + 2)))


def test_marked_cells_of_chapters_7_and_8_contradict_the_report():
    """The reasons given in hoofdstuk_07/08.json rest on the printed numbers alone."""
    from analysis import audit

    cellen = audit.lees_gepubliceerd()

    def cel(item, rij, kolom=""):
        sel = cellen[(cellen["item"] == item) & cellen["rij"].str.startswith(rij) & cellen["kolom"].str.startswith(kolom)]
        assert len(sel) == 1, (item, rij, kolom)
        return float(sel["waarde"].iloc[0]), sel["reden"].iloc[0]

    # Tabel 7.9-7.11: 5 parents received addiction care (Tabel 7.1), even one rating per wave
    # gives at most 15 raters; every printed value of the row needs more than 5.
    verslaafd, _ = cel("tabel-7.1", "Verslavingszorg", "Ouders")
    assert verslaafd == 5
    for item in ("tabel-7.9", "tabel-7.10", "tabel-7.11"):
        rij = cellen[(cellen["item"] == item) & cellen["rij"].str.startswith("Verslavingszorg")]
        assert len(rij) == 3 and (rij["reden"] != "").all()
        for r in rij.itertuples():
            stap = 0.1 if r.eenheid == "%" else 0.01
            assert _kleinste_noemer(r.waarde, stap) > verslaafd, (item, r.kolom)
            if r.eenheid == "%":
                assert _kleinste_noemer(r.waarde, stap) > 3 * verslaafd
    # Tabel 7.3 vs 7.2: at most 184 parents with high parenting stress vs 270 in Tabel 7.2's header.
    geen, reden_geen = cel("tabel-7.3", "Hoge opvoedstress", "Geen")
    wel, reden_wel = cel("tabel-7.3", "Hoge opvoedstress", "Wel")
    hooguit = math.floor((geen + 0.5) / 100 * 43) + math.floor((wel + 0.5) / 100 * 589)
    assert hooguit == 184 < 270 and reden_geen and reden_wel
    # Chapter 8: the 157 of 545 families without any violence at T2 are also without child
    # maltreatment and without partner violence, so neither share can be 26%.
    geen_geweld, _ = cel("figuur-8.1", "n", "geen geweld")
    totaal, _ = cel("figuur-8.1", "n", "totaal")
    for item, rij in (("figuur-8.2", "percentage gezinnen zonder kindermishandeling"),
                      ("figuur-8.3", "percentage gezinnen zonder partnergeweld")):
        waarde, reden = cel(item, rij)
        assert reden and waarde + 0.5 < 100 * geen_geweld / 576 < 100 * geen_geweld / totaal
