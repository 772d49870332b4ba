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
    assert f"mannen T0: psychisch geweld {ONDERDRUKT}" in plegers.alt and plegers.data["aandeel"].isna().all()


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
NIEUWE_FIGUREN = ["figuur-4.2", "figuur-4.3", "figuur-4.4"]


@pytest.fixture(scope="module")
def gebouwd(tmp_path_factory):
    from analysis import pipeline
    from analysis.synthetic import write_default_snapshot

    snapshot = write_default_snapshot(tmp_path_factory.mktemp("snap") / "synthetisch")
    paden = pipeline.Paden(root=tmp_path_factory.mktemp("project"))
    pipeline.bouw(snapshot, scopes=["utrecht"], renderer="eigen", paden=paden)
    return paden


@pytest.mark.e2e
def test_notebook_writes_every_new_item(gebouwd):
    for scope in ("nederland", "utrecht"):
        folder = gebouwd.scope(scope) / "figures"
        for item in NIEUWE_FIGUREN:
            for ext in ("csv", "svg", "png", "json"):
                assert (folder / f"{item}.{ext}").is_file(), (scope, item, ext)
            meta = json.loads((folder / f"{item}.json").read_text(encoding="utf-8"))
            assert meta["label"].startswith("fig-") and meta["alt"]
        feiten = json.loads((gebouwd.scope(scope) / "facts" / "h04.json").read_text(encoding="utf-8"))
        assert {"partner", "vormen"} <= set(feiten)
    # Regional shares obey the small-cell rule (hidden or at least 5 in and outside the cell).
    regio = pd.read_csv(gebouwd.scope("utrecht") / "figures" / "figuur-4.3.csv")
    zichtbaar = regio[regio["aandeel"].notna()]
    assert ((zichtbaar["aantal"] >= 5) & (zichtbaar["n"] - zichtbaar["aantal"] >= 5)).all()


@pytest.mark.e2e
def test_report_shows_the_new_figures(gebouwd):
    html = (Path(gebouwd.uitvoer) / "rapport" / "index.html").read_text(encoding="utf-8")
    for tekst in ("Figuur 4.2", "Figuur 4.3", "Figuur 4.4", "Percentage partnergeweld in de gezinnen"):
        assert tekst in html
    assert "@fig-" not in html and "{{" not in html
