"""Tests for chapter 7 (analysis.hoofdstuk7): help tables 7.1–7.5, the ratings of Tabel
7.6–7.14, the facts and the audit mappings (analysis.koppelingen.h07)."""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import stats as sps

from analysis import audit
from analysis import hoofdstuk5 as h5
from analysis import hoofdstuk7 as h7
from analysis.bronnen import vul_sjabloon
from analysis.disclosure import ONDERDRUKT
from analysis.feiten import schrijf_feiten
from analysis.koppelingen import KOPPELINGEN, h07
from analysis.populatie import ouders_alle_metingen
from analysis.synthetic import generate
from analysis.tables import schrijf_tabel


# -- help received -------------------------------------------------------------------------------
def _hulp(n: int, **kolommen: list[bool]) -> pd.DataFrame:
    df = pd.DataFrame({"ouder_id": [f"O{i:03d}" for i in range(n)]})
    for k, v in kolommen.items():
        df[k] = v
    for r in h7.RIJEN_KINDEREN:
        if r not in df:
            df[r] = False
    return df


def test_verdeling_hulp_counts_shares_and_small_cells():
    hulp = _hulp(20, formeel=[True] * 14 + [False] * 6, ggz=[True] * 3 + [False] * 17, geen_hulp=[False] * 18 + [True] * 2)
    d = h7.verdeling_hulp(hulp, ["formeel", "ggz", "geen_hulp"]).set_index("rij")
    assert d.loc["formeel", "aantal"] == 14 and d.loc["formeel", "aandeel"] == pytest.approx(0.70)
    assert d.loc["ggz", "aandeel"] == pytest.approx(3 / 20)
    assert (d["n"] == 20).all()
    beveiligd = h7.verdeling_hulp(hulp, ["formeel", "ggz", "geen_hulp"], beveiligen=True).set_index("rij")
    # 14 of 20 (complement 6) may be shown; 3 and 2 of 20 may not.
    assert beveiligd.loc["formeel", "aandeel"] == pytest.approx(0.70)
    assert math.isnan(beveiligd.loc["ggz", "aandeel"]) and math.isnan(beveiligd.loc["geen_hulp", "aantal"])
    tabel = h7.tabel_7_1(beveiligd.reset_index())
    assert list(tabel.weergave.columns) == ["Voorziening", "Ouders (N=20)", "Percentage"]
    assert tabel.weergave.iloc[0].tolist() == ["Formele hulp totaal", "14", "70,0%"]
    assert tabel.weergave.iloc[1, 1:].tolist() == [ONDERDRUKT, ONDERDRUKT]
    assert ONDERDRUKT in tabel.noot


def test_help_by_problem_are_column_shares():
    # 10 parents: 6 with the problem (4 of them formal help), 4 without (1 with formal help).
    hulp = _hulp(10, formeel=[True] * 4 + [False] * 2 + [True] + [False] * 3)
    problemen = pd.DataFrame({"ouder_id": hulp["ouder_id"], "gezin_id": "G", "armoede": [1.0] * 6 + [0.0] * 3 + [np.nan]})
    d = h7.hulp_per_probleem(hulp, problemen, ["formeel"], "ouder_id", ["armoede"])
    assert d.loc[0, "n"] == 6 and d.loc[0, "aantal"] == 4 and d.loc[0, "aandeel"] == pytest.approx(4 / 6)


def test_problems_by_help_and_chi2_match_scipy():
    rng = np.random.default_rng(3)
    n = 200
    geen = rng.random(n) < 0.15
    probleem = np.where(geen, rng.random(n) < 0.2, rng.random(n) < 0.5).astype(float)
    probleem[:5] = np.nan
    hulp = pd.DataFrame({"ouder_id": [f"O{i}" for i in range(n)], "geen_hulp": geen})
    problemen = pd.DataFrame({"ouder_id": hulp["ouder_id"], "gezin_id": "G",
                              **{p: probleem for p in h7.PROBLEMEN_OUDERS}})
    d = h7.problemen_naar_hulp(hulp, problemen)
    bekend = ~np.isnan(probleem)
    cel = d[(d["rij"] == "armoede") & (d["kolom"] == "geen_hulp")].iloc[0]
    assert cel["n"] == (geen & bekend).sum()
    assert cel["aandeel"] == pytest.approx(np.nanmean(probleem[geen]))
    assert cel["n_groep"] == geen.sum()
    t = h7.problemen_naar_hulp_toetsen(hulp, problemen)["armoede"]
    tabel = pd.crosstab(geen[bekend], probleem[bekend])
    chi2, p, _, _ = sps.chi2_contingency(tabel.to_numpy(), correction=False)
    assert t.statistiek == pytest.approx(chi2) and t.p == pytest.approx(p)
    assert t.effect == pytest.approx(math.sqrt(chi2 / bekend.sum()))


def test_tabel_7_3_hides_the_test_of_a_hidden_row():
    hulp = pd.DataFrame({"ouder_id": [f"O{i}" for i in range(40)], "geen_hulp": [True] * 8 + [False] * 32})
    problemen = pd.DataFrame({"ouder_id": hulp["ouder_id"], "gezin_id": "G",
                              **{p: [1.0] * 2 + [0.0] * 6 + [1.0] * 16 + [0.0] * 16 for p in h7.PROBLEMEN_OUDERS}})
    d = h7.problemen_naar_hulp(hulp, problemen, beveiligen=True)
    t = h7.problemen_naar_hulp_toetsen(hulp, problemen)
    tabel = h7.tabel_7_3(d, t, beveiligen=True)
    rij = tabel.weergave.iloc[0]
    assert rij.iloc[1] == ONDERDRUKT and rij.iloc[3] == ONDERDRUKT  # 2 of 8: hidden, and so is φ
    assert rij.iloc[2] == "50%"


# -- ratings -------------------------------------------------------------------------------------
def _oordelen() -> pd.DataFrame:
    belang = {"A": {"informeel": 1, "ggz": 2}, "B": {"informeel": 2, "ggz": 4}, "C": {"informeel": 1, "ggz": 1},
              "D": {"informeel": 3, "ggz": 5}, "E": {"informeel": 2}, "F": {"ggz": 2}}
    nut = {"A": {"informeel": 2, "ggz": 5}, "B": {"informeel": 1, "ggz": 4}, "C": {"informeel": 1, "ggz": 2},
           "D": {"informeel": 5, "ggz": 1}, "E": {"informeel": 2}, "F": {"ggz": 3}}
    rijen = [{"ouder_id": o, "soort": s, "belang": float(b), "nut": float(nut[o][s])}
             for o, d in belang.items() for s, b in d.items()]
    df = pd.DataFrame(rijen)
    df["tevredenheid"] = df["belang"] * df["nut"]
    return df


def test_rating_summary_by_hand():
    s = h7.oordeel_samenvatting(_oordelen(), "ouders").set_index(["soort", "maat"])
    # GGZ importance: 2, 4, 1, 5, 2 → mean 2.8; (heel) belangrijk (≤2): 3 of 5; onbelangrijk (≥4): 2 of 5.
    r = s.loc[("ggz", "belang")]
    assert (r["n"], r["gemiddelde"], r["positief"], r["negatief"]) == (5, pytest.approx(2.8), pytest.approx(0.6), pytest.approx(0.4))
    # GGZ satisfaction: 10, 16, 2, 5, 6 → mean 7.8; tevreden (≤4): 1; ontevreden (≥16): 1.
    r = s.loc[("ggz", "tevredenheid")]
    assert r["gemiddelde"] == pytest.approx(7.8) and r["positief"] == pytest.approx(0.2) and r["negatief"] == pytest.approx(0.2)
    beveiligd = h7.oordeel_samenvatting(_oordelen(), "ouders", beveiligen=True).set_index(["soort", "maat"])
    assert beveiligd.loc[("ggz", "belang"), "gemiddelde"] == pytest.approx(2.8)  # base 5: shown
    assert math.isnan(beveiligd.loc[("ggz", "belang"), "positief"])  # 3 of 5: complement 2 < 5


def test_paired_comparison_matches_scipy_ttest_rel():
    o = _oordelen()
    t = h7.gepaard(o, "belang", "informeel", "ggz")
    breed = o.pivot(index="ouder_id", columns="soort", values="belang").dropna()
    ref = sps.ttest_rel(breed["ggz"], breed["informeel"])
    verschil = breed["ggz"] - breed["informeel"]
    assert t.n == 4 and t.statistiek == pytest.approx(ref.statistic) and t.p == pytest.approx(ref.pvalue)
    assert t.effect == pytest.approx(verschil.mean() / verschil.std(ddof=1))
    nb = h7.nut_tegen_belang(o, "ggz")
    assert nb.statistiek == pytest.approx(sps.ttest_rel(o.loc[o.soort == "ggz", "nut"], o.loc[o.soort == "ggz", "belang"]).statistic)


def test_important_but_not_helped_counts_raters():
    o = _oordelen()  # A: ggz belang 2, nut 5; B: ggz belang 4 (not important); D: informeel belang 3
    b = h7.belangrijk_niet_geholpen(o)
    assert b["aantal"] == 1 and b["n"] == 6 and b["per_soort"] == {"ggz": 1}
    assert b["aandeel"] == pytest.approx(1 / 6)


def test_parenting_stress_cut_off_is_the_reference_percentile():
    ref = pd.DataFrame({"opvoedstress": np.arange(1, 101, dtype=float)})
    assert h7.opvoedstress_grens(ref) == pytest.approx(np.quantile(np.arange(1, 101), h7.OPVOEDSTRESS_PERCENTIEL))


def test_totals_are_means_per_rater():
    o = _oordelen().drop(columns="tevredenheid")
    o["tevredenheid"] = o["belang"] * o["nut"]
    met = h7._met_totalen(o)
    a = met[(met["ouder_id"] == "A")].set_index("soort")
    assert a.loc[h7.FORMEEL_TOTAAL, "belang"] == pytest.approx(2.0)  # only GGZ is formal
    assert a.loc[h7.ALLE_HULP, "belang"] == pytest.approx(1.5)  # mean of informal (1) and formal total (2)


# -- the chapter on a small generated design ----------------------------------------------------
@pytest.fixture(scope="module")
def klein(klein_ontwerp, tmp_path_factory):
    """All of chapter 7's items and facts on a small synthetic design, written like the notebook."""
    t = generate(seed=7, parameters={"steekproef": klein_ontwerp})
    out = tmp_path_factory.mktemp("h07")
    ref = h5.referentie_scores(t)
    ho = h7.hulp_ouders(t)
    vo = h7.verdeling_hulp(ho, h7.RIJEN_OUDERS)
    po = h7.problemen_ouders(t, ref)
    ppo = h7.hulp_per_probleem(ho, po, h7.RIJEN_OUDERS, "ouder_id", list(h7.PROBLEMEN_OUDERS))
    wg, wgt = h7.problemen_naar_hulp(ho, po), h7.problemen_naar_hulp_toetsen(ho, po)
    hk = h7.hulp_kinderen(t)
    vk = h7.verdeling_hulp(hk, h7.RIJEN_KINDEREN)
    ppk = h7.hulp_per_probleem(hk, h7.problemen_kinderen(t), h7.RIJEN_KINDEREN, "kind_id", list(h7.PROBLEMEN_KINDEREN))
    o = {"jongeren": h7.oordelen_jongeren(t), "ouders": h7.oordelen_ouders(t), "kinderen": h7.oordelen_kinderen(t)}
    sv = {g: h7.oordeel_samenvatting(o[g], g) for g in o}
    ot = {g: h7.oordeel_toetsen(o[g], g) for g in o}
    for tabel in (h7.tabel_7_1(vo), h7.tabel_7_2(ppo), h7.tabel_7_3(wg, wgt), h7.tabel_7_4(vk), h7.tabel_7_5(ppk)):
        schrijf_tabel(out, tabel)
    for item, (groep, _maat) in h7.OORDEEL_TABELLEN.items():
        schrijf_tabel(out, h7.tabel_oordeel(sv[groep], item, h7.n_beoordelaars(o[groep])))
    f = h7.feiten(ho, vo, ppo, wg, wgt, hk, vk, ppk, o, sv, ot, len(ouders_alle_metingen(t)), h7.opvoedstress_grens(ref))
    schrijf_feiten(out, "h07", f)
    return {"t": t, "out": out, "hulp_o": ho, "verdeling_o": vo, "feiten": f}


def test_small_design_runs_the_whole_chapter(klein, tmp_path):
    t, ho, vo = klein["t"], klein["hulp_o"], klein["verdeling_o"]
    ouders = ouders_alle_metingen(t)
    assert set(ho["ouder_id"]) <= set(ouders["ouder_id"])
    # 'Geen hulp' is neither formal nor informal help; the table's share is the mean of the flag.
    assert (ho["geen_hulp"] == (~ho["formeel"] & ~ho["informeel"])).all()
    assert vo.set_index("rij").loc["geen_hulp", "aandeel"] == pytest.approx(ho["geen_hulp"].mean())
    f = klein["feiten"]
    json.dumps(f)  # serialisable
    assert f["n_ouders"] == str(len(ouders))
    # Every item's artifacts are there, and the template fills (the 7.4-7.5 fragment stubbed).
    for item in [f"tabel-7.{n}" for n in range(1, 15)]:
        assert (klein["out"] / "tables" / f"{item}.md").exists(), item
    root = tmp_path / "report"
    shutil.copytree(Path(__file__).resolve().parents[1] / "report", root)
    (root / "_07-hulp-verloop.qmd").write_text("{## stub ##}\n", encoding="utf-8")
    doel = vul_sjabloon("07-hulp.qmd", tmp_path / "07.qmd", artefacten=klein["out"], root=root,
                        meta={"synthetic": True, "scope_naam": "Nederland", "provenance": "x", "title": "t"})
    tekst = doel.read_text(encoding="utf-8")
    assert "{#sec-hulp}" in tekst and "@tbl-hulp-ouders" in tekst and "{{" not in tekst


def test_template_includes_the_fragment_of_sections_7_4_7_5():
    tekst = (Path(__file__).resolve().parents[1] / "report" / "07-hulp.qmd").read_text(encoding="utf-8")
    fragment = tekst.index('{% include "_07-hulp-verloop.qmd" %}')
    assert tekst.index("{#sec-hulp-kinderen}") < fragment < tekst.index("{#sec-hulp-tevredenheid}")


# -- audit mappings ------------------------------------------------------------------------------
def test_every_chapter_7_item_has_a_mapping():
    items = audit.lees_items()
    ch7 = set(items.loc[items["hoofdstuk"] == 7, "item"])
    assert ch7 == set(h07.KOPPELINGEN)
    assert all(KOPPELINGEN[i] is h07.KOPPELINGEN[i] for i in ch7)
    # Figures without printed values; Figuur 7.3's two correlations come from the facts of §7.4.
    assert all(h07.KOPPELINGEN[f"figuur-7.{n}"].functie.__name__ == "geen_waarden" for n in range(1, 17) if n != 3)
    assert h07.KOPPELINGEN["figuur-7.3"].artefact == "facts/h07_verloop.json"


def test_mappings_find_every_printed_table_cell(klein):
    """Each published cell of Tabel 7.1–7.14 maps onto the computed table: a row and column of
    the table's data, on the printed scale."""
    cellen = audit.lees_gepubliceerd()
    cellen = cellen[cellen["item"].str.startswith("tabel-7.") & cellen["waarde"].notna()]
    kop = {k: v for k, v in h07.KOPPELINGEN.items() if k.startswith("tabel")}
    berekend = audit.bereken(klein["out"], cellen, kop)
    # On the small design a few categories have no raters; every other cell maps.
    leeg = berekend.isna()
    for idx in cellen.index[leeg]:
        cel = cellen.loc[idx]
        data = pd.read_csv(klein["out"] / "tables" / f"{cel['item']}.csv")
        if "soort" in data:  # a rating category nobody rated in the small design
            assert h07._zoek(cel["rij"], h07.OORDEEL_RIJEN) not in set(data["soort"]), (cel["item"], cel["rij"])
        elif cel["item"] == "tabel-7.3":  # nobody in the group whose status on the problem is known
            rij = h07._zoek(cel["rij"], h07.PROBLEMEN_OUDERS)
            kolom = "geen_hulp" if str(cel["kolom"]).startswith("Geen") else "wel_hulp"
            assert data.loc[(data["rij"] == rij) & (data["kolom"] == kolom), "n"].iloc[0] == 0, (rij, kolom)
        elif cel["item"] in ("tabel-7.2", "tabel-7.5"):  # nobody with the problem in the small design
            problemen = h07.PROBLEMEN_OUDERS if cel["item"] == "tabel-7.2" else h07.PROBLEMEN_KINDEREN
            kolom = h07._zoek(cel["kolom"], problemen)
            assert (data.loc[data["kolom"] == kolom, "n"] == 0).all(), (cel["item"], kolom)
        else:
            raise AssertionError(f"geen waarde voor {cel['item']} {cel['rij']} {cel['kolom']}")
    # Spot checks against the data: Tabel 7.1 and 7.3.
    v = klein["verdeling_o"].set_index("rij")
    t71 = cellen[(cellen["item"] == "tabel-7.1") & (cellen["rij"] == "Formele hulp totaal")]
    assert berekend[t71.index[t71["kolom"] == "Percentage"][0]] == pytest.approx(100 * v.loc["formeel", "aandeel"])
    assert berekend[t71.index[t71["kolom"] != "Percentage"][0]] == v.loc["formeel", "aantal"]
    d73 = pd.read_csv(klein["out"] / "tables" / "tabel-7.3.csv")
    t73 = cellen[(cellen["item"] == "tabel-7.3") & (cellen["rij"] == "Hoge opvoedstress")]
    geen = d73[(d73["rij"] == "opvoedstress_hoog") & (d73["kolom"] == "geen_hulp")]["aandeel"].iloc[0]
    assert berekend[t73.index[t73["kolom"].str.startswith("Geen")][0]] == pytest.approx(100 * geen, nan_ok=True)


def test_label_matching_of_printed_rows_and_columns():
    assert h07._zoek("Jeugdbescherming10", h07.HULP_RIJEN) == "jeugdbescherming"
    assert h07._zoek("Maatschappelijk werk/ zelfstandige psycho-/pedagogen", h07.HULP_RIJEN) == "maatschappelijk_werk"
    assert h07._zoek("Geen hulp kinderen", h07.HULP_RIJEN) == "geen_hulp"
    assert h07._zoek("Drank risico partner N=188", h07.PROBLEMEN_OUDERS) == "alcohol_partner"
    assert h07._zoek("Eigen drank risico N=58", h07.PROBLEMEN_OUDERS) == "alcohol"
    assert h07._zoek("4 ACE’s N=167", h07.PROBLEMEN_OUDERS) == "ace"
    assert h07._zoek("Emo onveilig N=294", h07.PROBLEMEN_KINDEREN) == "emotioneel_onveilig"
    assert h07._zoek("Jeugd & opvoedingsondersteuning", h07.OORDEEL_RIJEN) == "jeugd_opvoedhulp"
    assert h07._zoek("Alle formele hulp", h07.OORDEEL_RIJEN) == "formeel_totaal"
    assert h07._zoek("Medische hulp (vooral huisarts)", h07.OORDEEL_RIJEN) == "medisch"
