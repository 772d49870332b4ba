"""Tests for analysis.synthetic: exact design, valid answers, determinism and calibration.

The calibration targets (``doelen`` in synthetic_parameters.yaml) are checked loosely with a
small scoring helper of this file (analysis.scoring is a separate module): the generator must
stay plausible, a later calibration makes it precise.
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest

from analysis.codebook import load_codebook
from analysis.snapshot import load_snapshot, validate_tables
from analysis.synthetic import DEFAULT_SEED, generate, load_parameters, write_default_snapshot
from analysis import synthetic

CATEGORIEEN = ["geen", "mild", "ernstig"]


# ---------------------------------------------------------------------------------------
# The default snapshot, generated once per session
# ---------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def standaard(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("synthetisch") / "snapshot"
    start = time.perf_counter()
    write_default_snapshot(folder)
    geschreven = time.perf_counter()
    snap = load_snapshot(folder)
    geladen = time.perf_counter()
    return {"snapshot": snap, "tijd_schrijven": geschreven - start, "tijd_laden": geladen - geschreven}


@pytest.fixture(scope="session")
def tabellen(standaard) -> dict[str, pd.DataFrame]:
    return standaard["snapshot"].tabellen


@pytest.fixture(scope="session")
def doelen() -> dict:
    return load_parameters()["doelen"]


def _deelname_gezin(tabellen) -> pd.DataFrame:
    """Per family: the set of waves it took part in (via its parents)."""
    d = tabellen["deelname"].merge(tabellen["ouders"], left_on="respondent_id", right_on="ouder_id")
    return d.groupby("gezin_id")["meting"].agg(lambda s: "".join(sorted(set(s))))


def _alle_drie(tabellen) -> set[str]:
    patroon = _deelname_gezin(tabellen)
    return set(patroon[patroon == "T0T1T2"].index)


# ---------------------------------------------------------------------------------------
# Scoring helper (the report's rules, read from the codebook)
# ---------------------------------------------------------------------------------------
def _incidenten(df: pd.DataFrame, kolommen, cb) -> pd.DataFrame:
    regel = {int(k): float(v) for k, v in cb.regel("cts_incidenten_per_jaar").items()}
    return pd.DataFrame({k: df[k].astype("float64").map(regel).fillna(0.0) for k in kolommen}, index=df.index)


def _partnergeweld(tabellen, cb) -> pd.DataFrame:
    """Per (family, wave): mild, severe and total incidents and the category (0/1/2).

    Per item and direction (acts by the woman, acts by the man) the maximum over the family's
    reports of that act (her dader answer, his slachtoffer answer), summed over all items that
    have an ernst (negotiation excluded).
    """
    items = cb.items("cts2")
    items = items[items["ernst"].notna()]
    cts = tabellen["cts2"]
    ouders = tabellen["ouders"].set_index("ouder_id").loc[cts["ouder_id"]]
    vrouw = (ouders["geslacht"] == "vrouw").to_numpy()
    inc = _incidenten(cts, items["kolom"], cb)
    ernst = items.drop_duplicates("nr").set_index("nr")["ernst"]
    delen = {}
    for nr in ernst.index:
        dader = inc[f"cts2_{nr:02d}_dader"].to_numpy()
        slachtoffer = inc[f"cts2_{nr:02d}_slachtoffer"].to_numpy()
        delen[f"v{nr}"] = np.where(vrouw, dader, slachtoffer)  # acts by the woman
        delen[f"m{nr}"] = np.where(vrouw, slachtoffer, dader)  # acts by the man
    handelingen = pd.DataFrame(delen)
    handelingen["gezin_id"] = ouders["gezin_id"].to_numpy()
    handelingen["meting"] = cts["meting"].to_numpy()
    per = handelingen.groupby(["gezin_id", "meting"]).max()
    mild = per[[c for c in per.columns if ernst[int(c[1:])] == "mild"]].sum(axis=1)
    ernstig = per[[c for c in per.columns if ernst[int(c[1:])] == "ernstig"]].sum(axis=1)
    uit = pd.DataFrame({"mild": mild, "ernstig": ernstig, "totaal": mild + ernstig})
    uit["categorie"] = np.select(
        [(mild <= cb.regel("partnergeweld_geen_max_mild")) & (ernstig == 0),
         (uit["totaal"] <= cb.regel("partnergeweld_mild_max")) & (ernstig == 0)], [0, 1], 2)
    return uit


def _kindermishandeling(tabellen, cb) -> pd.DataFrame:
    """Per (family, wave): incidents and category (0/1/2) of the child with the most incidents."""
    items = cb.items("ctspc_ouder")
    items = items[items["ernst"].notna()]
    pc = tabellen["ctspc_ouder"]
    inc = _incidenten(pc, items["kolom"], cb)
    inc["kind_id"], inc["meting"] = pc["kind_id"].to_numpy(), pc["meting"].to_numpy()
    per_kind = inc.groupby(["kind_id", "meting"]).max()  # max over the reporting parents
    mild = per_kind[list(items.loc[items["ernst"] == "mild", "kolom"])].sum(axis=1)
    ernstig = per_kind[list(items.loc[items["ernst"] == "ernstig", "kolom"])].sum(axis=1)
    kind = pd.DataFrame({"totaal": mild + ernstig})
    kind["categorie"] = np.select(
        [kind["totaal"] <= cb.regel("kindermishandeling_geen_max"),
         (mild <= cb.regel("kindermishandeling_mild_max")) & (ernstig == 0)], [0, 1], 2)
    kind = kind.reset_index()
    kind["gezin_id"] = tabellen["kinderen"].set_index("kind_id").loc[kind["kind_id"], "gezin_id"].to_numpy()
    kind = kind.sort_values(["gezin_id", "meting", "totaal", "categorie"], ascending=[True, True, False, False])
    return kind.drop_duplicates(["gezin_id", "meting"]).set_index(["gezin_id", "meting"])[["totaal", "categorie"]]


def _gezinsgeweld(tabellen) -> pd.DataFrame:
    """Per (family, wave) of the families in all three waves: partner violence, child
    maltreatment, total incidents and the total category (worst of the two)."""
    cb = load_codebook()
    pv = _partnergeweld(tabellen, cb)
    km = _kindermishandeling(tabellen, cb)
    gezin = pv.join(km, rsuffix="_km", how="outer").fillna({"totaal_km": 0, "categorie_km": 0})
    gezin["categorie_totaal"] = np.maximum(gezin["categorie"], gezin["categorie_km"])
    gezin["incidenten_totaal"] = gezin["totaal"] + gezin["totaal_km"]
    gezin = gezin.reset_index()
    return gezin[gezin["gezin_id"].isin(_alle_drie(tabellen))]


def _vorm_ooit(tabellen) -> dict:
    """% of parents (families in all three waves) reporting a form (answer >= 3, i.e. at least
    one incident in the past year) in at least one wave, per perspective and gender."""
    cb = load_codebook()
    items = cb.items("cts2")
    items = items[items["ernst"].notna()]
    ouders = tabellen["ouders"]
    ouders = ouders[ouders["gezin_id"].isin(_alle_drie(tabellen))].set_index("ouder_id")
    cts = tabellen["cts2"][tabellen["cts2"]["ouder_id"].isin(ouders.index)]
    uit: dict = {}
    for perspectief in ("slachtoffer", "dader"):
        for geslacht in ("vrouw", "man"):
            ids = ouders.index[ouders["geslacht"] == geslacht]
            deel = cts[cts["ouder_id"].isin(ids)]
            for vorm in items["subschaal"].unique():
                kolommen = items.loc[(items["subschaal"] == vorm) & (items["perspectief"] == perspectief), "kolom"]
                ooit = (deel[list(kolommen)].fillna(0) >= 3).any(axis=1).groupby(deel["ouder_id"]).any()
                uit[(perspectief, geslacht, vorm)] = 100 * ooit.reindex(ids, fill_value=False).mean()
    return uit


# ---------------------------------------------------------------------------------------
# Structure (exact)
# ---------------------------------------------------------------------------------------
def test_default_snapshot_is_valid_and_synthetic(standaard, tabellen):
    snap = standaard["snapshot"]
    assert snap.naam == "synthetisch" and snap.synthetisch
    assert validate_tables(tabellen) == []
    manifest = (snap.pad / "manifest.json").read_text()
    assert f'"herkomst": "analysis.synthetic {synthetic.generator_versie()}, seed {DEFAULT_SEED}"' in manifest
    assert synthetic.default_snapshot_actueel(snap.pad)


def test_a_snapshot_from_an_older_generator_is_recognised_as_stale(standaard, tmp_path):
    import json
    import shutil

    kopie = tmp_path / "oud"
    shutil.copytree(standaard["snapshot"].pad, kopie)
    manifest = json.loads((kopie / "manifest.json").read_text())
    manifest["herkomst"] = "analysis.synthetic 000000000000, seed 20231"
    (kopie / "manifest.json").write_text(json.dumps(manifest))
    assert not synthetic.default_snapshot_actueel(kopie)
    assert not synthetic.default_snapshot_actueel(tmp_path / "bestaat-niet")


def test_families_per_wave_exact(tabellen):
    patroon = _deelname_gezin(tabellen)
    assert len(tabellen["gezinnen"]) == len(patroon) == 1024
    assert patroon.value_counts().to_dict() == {"T0T1T2": 576, "T0": 290, "T0T1": 98, "T0T2": 60}
    per_meting = {m: int(patroon.str.contains(m).sum()) for m in ("T0", "T1", "T2")}
    assert per_meting == {"T0": 1024, "T1": 674, "T2": 636}


def test_parents_and_couples_exact(tabellen):
    d = tabellen["deelname"].merge(tabellen["ouders"], left_on="respondent_id", right_on="ouder_id")
    tel = {m: d[d["meting"] == m]["geslacht"].value_counts().to_dict() for m in ("T0", "T1", "T2")}
    assert tel == {"T0": {"vrouw": 848, "man": 302}, "T1": {"vrouw": 557, "man": 190},
                   "T2": {"vrouw": 529, "man": 174}}
    paren = {m: int((g.groupby("gezin_id")["geslacht"].nunique() == 2).sum()) for m, g in d.groupby("meting")}
    assert paren == {"T0": 126, "T1": 73, "T2": 67}
    alle = _alle_drie(tabellen)
    ouders = tabellen["ouders"][tabellen["ouders"]["gezin_id"].isin(alle)]
    assert ouders["geslacht"].value_counts().to_dict() == {"vrouw": 472, "man": 161}
    assert int((ouders.groupby("gezin_id")["geslacht"].nunique() == 2).sum()) == 57
    # Parents follow their family: every parent takes part in all waves of the family.
    patroon = _deelname_gezin(tabellen)
    eigen = d.groupby("ouder_id")["meting"].agg(lambda s: "".join(sorted(s)))
    gezin_van = tabellen["ouders"].set_index("ouder_id")["gezin_id"]
    assert (eigen.values == patroon.loc[gezin_van.loc[eigen.index]].values).all()


def test_children_exact(tabellen):
    kinderen = tabellen["kinderen"]
    assert len(kinderen) == 1545
    assert int(kinderen["leeftijd_t0"].between(3, 12).sum()) == 1077
    assert int(kinderen["leeftijd_t0"].between(13, 18).sum()) == 468
    per_gezin = kinderen.groupby("gezin_id").size()
    assert per_gezin.max() == 2 and len(per_gezin) == 1024
    assert int((per_gezin == 2).sum()) == 521
    assert int((per_gezin.loc[sorted(_alle_drie(tabellen))] == 2).sum()) == 402
    assert abs((kinderen["geslacht"] == "meisje").mean() - 0.5) < 0.05
    ouders = tabellen["ouders"]["leeftijd_t0"]
    assert 36 <= ouders.mean() <= 42 and ouders.min() >= 21 and ouders.max() <= 60
    assert 0 < ouders.isna().sum() < 30


def test_parent_age_bands_per_gender(tabellen):
    """Tabel 3.3: the share of mothers and fathers per age band follows ``leeftijd_banden`` (exact
    counts before ~1% of ages is left missing), and fathers are older than mothers."""
    ouders = tabellen["ouders"]
    banden = load_parameters()["personen"]["ouders"]["leeftijd_banden"]
    for geslacht, verdeling in banden.items():
        leeftijd = ouders.loc[ouders["geslacht"] == geslacht, "leeftijd_t0"].dropna().astype(int)
        totaal = sum(verdeling.values())
        for band, procent in verdeling.items():
            laag, hoog = (int(x) for x in band.split("-"))
            assert abs(leeftijd.between(laag, hoog).mean() * 100 - procent / totaal * 100) < 1.0, (geslacht, band)
    per_geslacht = ouders.groupby("geslacht")["leeftijd_t0"].mean()
    assert per_geslacht["man"] > per_geslacht["vrouw"] + 2


def test_regions_and_moves_reproduce_tabel_3_1(tabellen):
    """Tabel 3.1 counted independently here (plain set logic, not hoofdstuk3): everyone who took
    part at any wave, in each region the family lived in when they took part."""
    cb = load_codebook()
    per_regio = tabellen["gezinnen"]["regio"].value_counts()
    assert set(per_regio.index) == set(cb.regios) and per_regio.sum() == 1024
    w = tabellen["woonregio"]
    # One row per family and wave it took part in; the T0 row is the family's region; moves only from T1 on.
    mee = _deelname_gezin(tabellen)
    assert len(w) == int(mee.str.len().sum()) // 2  # "T0T1T2" → three waves
    regio_t0 = tabellen["gezinnen"].set_index("gezin_id")["regio"]
    assert (w[w["meting"] == "T0"].set_index("gezin_id")["regio"] == regio_t0.loc[w.loc[w["meting"] == "T0", "gezin_id"]]).all()
    verhuisd = w[w["regio"].to_numpy() != regio_t0.loc[w["gezin_id"]].to_numpy()]
    assert 50 <= verhuisd["gezin_id"].nunique() <= 300 and set(verhuisd["meting"]) <= {"T1", "T2"}
    woon = {(g, m): r for g, m, r in w.itertuples(index=False)}
    persoon_gezin = {**dict(zip(tabellen["ouders"]["ouder_id"], tabellen["ouders"]["gezin_id"])),
                     **dict(zip(tabellen["kinderen"]["kind_id"], tabellen["kinderen"]["gezin_id"]))}
    ouders = set(tabellen["ouders"]["ouder_id"])
    tel = {k: {} for k in ("gezinnen", "ouders", "kinderen", "zelf")}
    for r, m in tabellen["deelname"].itertuples(index=False):
        g = persoon_gezin[r]
        regio = woon[(g, m)]
        if r in ouders:
            tel["gezinnen"].setdefault(regio, set()).add(g)
            tel["ouders"].setdefault(regio, set()).add(r)
        else:
            tel["kinderen"].setdefault(regio, set()).add(r)
    zelf = [t for t, spec in cb.tabellen.items() if spec.get("instrument") and spec.get("steekproef") != "referentiegroep"
            and str(cb.instrument(spec["instrument"]).get("rapporteur", "")).split(" ")[0] == "kind"]
    assert zelf
    for t in zelf:
        for k, m in tabellen[t][["kind_id", "meting"]].itertuples(index=False):
            tel["zelf"].setdefault(woon[(persoon_gezin[k], m)], set()).add(k)
    doel = load_parameters()["woonregio"]["tabel_3_1"]
    mis = [(r, i) for r in cb.regios for i, k in enumerate(tel) if len(tel[k].get(r, ())) != doel[r][i]]
    # Families and parents of one region absorb what the children cannot reach (they join only at
    # T0); the self-reporters' column can be exact only when there are no more distinct
    # self-reporters than its printed total (the children's domain sets who reports when).
    zelf_uniek = len(set().union(*tel["zelf"].values()))
    bereikbaar = zelf_uniek <= sum(v[3] for v in doel.values())
    assert len([m for m in mis if bereikbaar or m[1] != 3]) <= 2, mis
    # Placement keeps retention alike across regions: per T0 region, families in all three waves
    # within `patroon_marge` (3) of the sample's share (576 of 1,024).
    alle = tabellen["gezinnen"][tabellen["gezinnen"]["gezin_id"].isin(_alle_drie(tabellen))]
    verwacht = per_regio * 576 / 1024
    assert ((alle["regio"].value_counts().reindex(per_regio.index) - verwacht).abs() <= 3 + 1e-9).all()


def test_rows_follow_participation(tabellen):
    deelname = tabellen["deelname"]
    assert not deelname.duplicated().any()
    kinderen = tabellen["kinderen"]
    patroon = _deelname_gezin(tabellen)
    kind_rijen = deelname[deelname["respondent_id"].isin(kinderen["kind_id"])]
    # A child takes part only at waves its family takes part in (not always all of them), and a
    # family has at least one child taking part at each of its waves.
    kind_gezin = kinderen.set_index("kind_id")["gezin_id"]
    gezin_rij = kind_rijen.assign(gezin_id=kind_gezin.loc[kind_rijen["respondent_id"]].to_numpy())
    assert all(m in patroon[g] for g, m in zip(gezin_rij["gezin_id"], gezin_rij["meting"]))
    per_gezin = gezin_rij.groupby("gezin_id")["meting"].agg(lambda s: "".join(sorted(set(s))))
    assert per_gezin.reindex(patroon.index).equals(patroon)
    verwacht = patroon.loc[kinderen["gezin_id"]].str.len().sum() // 2
    assert 0.85 * verwacht <= len(kind_rijen) < verwacht
    ouder_rijen = deelname[deelname["respondent_id"].isin(tabellen["ouders"]["ouder_id"])]
    cts = tabellen["cts2"]
    # A CTS2 row per participating parent and wave, except for the families that returned no
    # violence questionnaire in a later wave (whole families; model.antwoorden.geen_geweldsvragenlijst).
    verwacht = set(zip(ouder_rijen["respondent_id"], ouder_rijen["meting"]))
    rijen = list(zip(cts["ouder_id"], cts["meting"]))
    assert len(rijen) == len(set(rijen)) and set(rijen) <= verwacht
    ontbreekt = pd.DataFrame(sorted(verwacht - set(rijen)), columns=["ouder_id", "meting"]).merge(tabellen["ouders"], on="ouder_id")
    assert set(ontbreekt["meting"]) <= {"T1", "T2"}
    gezin_meting = set(zip(ontbreekt["gezin_id"], ontbreekt["meting"]))
    met_cts = set(zip(cts.merge(tabellen["ouders"], on="ouder_id")["gezin_id"], cts["meting"]))
    assert not gezin_meting & met_cts
    aandelen = load_parameters()["model"]["antwoorden"]["geen_geweldsvragenlijst"]
    deel = _deelname_gezin(tabellen)
    for meting in ("T1", "T2"):
        n = sum(meting in p for p in deel)
        assert abs(sum(m == meting for _, m in gezin_meting) - aandelen.get(meting, 0) * n) <= 2
    # ctspc: every participating parent reports on each child of the family (at most two).
    pc = tabellen["ctspc_ouder"]
    gezin_kind = kinderen.set_index("kind_id")["gezin_id"]
    gezin_ouder = tabellen["ouders"].set_index("ouder_id")["gezin_id"]
    assert (gezin_kind.loc[pc["kind_id"]].values == gezin_ouder.loc[pc["ouder_id"]].values).all()
    verwacht_pc = (cts.merge(tabellen["ouders"], on="ouder_id").merge(kinderen, on="gezin_id")
                   .merge(kind_rijen, left_on=["kind_id", "meting"], right_on=["respondent_id", "meting"]))
    assert sorted(zip(pc["ouder_id"], pc["kind_id"], pc["meting"])) == sorted(
        zip(verwacht_pc["ouder_id"], verwacht_pc["kind_id"], verwacht_pc["meting"]))
    assert pc.groupby(["ouder_id", "meting"]).size().max() == 2


def test_partner_relation_follows_living_together(tabellen):
    """cts2.partner_relatie (Tabel 4.3): at T0 only the current or the ex-partner; a parent who
    lives together is mostly answering about the current partner, a fixed share of them (more
    men than women, ``ex_bij_samenwonen``) about an ex-partner; women more often about an
    ex-partner than men (Tabel 4.3: 62% versus 52% at T0); the later categories appear from T1 on."""
    cts = tabellen["cts2"].merge(tabellen["ouders"][["ouder_id", "geslacht"]], on="ouder_id")
    cts = cts.merge(tabellen["ouders_achtergrond"][["ouder_id", "meting", "gezinssamenstelling"]],
                    on=["ouder_id", "meting"])
    t0 = cts[cts["meting"] == "T0"]
    assert set(t0["partner_relatie"]) == {"huidige_partner", "ex_partner"}
    samen = t0[t0["gezinssamenstelling"] == "samenwonend"]
    ex_samen = samen.groupby("geslacht")["partner_relatie"].apply(lambda s: (s == "ex_partner").mean())
    spec = load_parameters()["model"]["achtergrond"]["partner_relatie"]["ex_bij_samenwonen"]
    for g in ("vrouw", "man"):
        assert abs(ex_samen[g] - spec[g]["T0"]) < 0.01  # an exact quota
    ex = t0.groupby("geslacht")["partner_relatie"].apply(lambda s: (s == "ex_partner").mean())
    assert ex["vrouw"] > ex["man"] > 0.3
    later = set(cts.loc[cts["meting"] != "T0", "partner_relatie"])
    assert later == {"huidige_partner", "ex_partner", "nieuwe_partner", "terug_bij_ex", "relatie_beeindigd"}


def test_answers_on_the_scale(tabellen):
    cb = load_codebook()
    for tabel in ("cts2", "ctspc_ouder"):
        antwoorden = tabellen[tabel][list(cb.items(tabel)["kolom"])]
        waarden = antwoorden.stack().dropna().astype(int)
        assert waarden.between(1, 8).all()
        assert set(waarden.unique()) == set(range(1, 9))
        ontbrekend = antwoorden.isna().to_numpy().mean()
        assert 0.005 < ontbrekend < 0.015
    assert len(tabellen["cts2"].columns) == 3 + 78 and len(tabellen["ctspc_ouder"].columns) == 3 + 27


def test_answer_patterns_are_plausible(tabellen):
    cts = tabellen["cts2"].merge(tabellen["ouders"], on="ouder_id")
    # Negotiation is common, also in violent families.
    assert (cts["cts2_02_dader"] >= 3).mean() > 0.6
    # Own and partner's acts of one parent correlate (mutual violence).
    assert cts[["cts2_18_dader", "cts2_18_slachtoffer"]].astype(float).corr().iloc[0, 1] > 0.4
    # In couples her dader answer and his slachtoffer answer describe the same acts.
    vrouw = cts[cts["geslacht"] == "vrouw"]
    man = cts[cts["geslacht"] == "man"]
    paar = vrouw.merge(man, on=["gezin_id", "meting"], suffixes=("_v", "_m"))
    assert paar[["cts2_09_dader_v", "cts2_09_slachtoffer_m"]].astype(float).corr().iloc[0, 1] > 0.4
    # Mothers report more victimisation than fathers.
    cb = load_codebook()
    items = cb.items("cts2")
    slachtoffer = items.loc[(items["perspectief"] == "slachtoffer") & items["ernst"].notna(), "kolom"]
    inc = _incidenten(cts, slachtoffer, cb).sum(axis=1)
    assert inc[cts["geslacht"] == "vrouw"].mean() > 1.3 * inc[cts["geslacht"] == "man"].mean()
    # Answer 2 ("not in the past year, but before") occurs, and more often after T0.
    twee = {m: (g.filter(like="cts2_").astype(float) == 2).mean().mean() for m, g in cts.groupby("meting")}
    assert 0.02 < twee["T0"] < twee["T2"]


def test_victim_and_perpetrator_incidents_order(tabellen, doelen):
    """Tabel 4.2 (T0, parents reporting any incident): women report more as victim than men,
    and both more as victim than as perpetrator. The report does not say over whom its means
    are taken, so only the order is checked."""
    cb = load_codebook()
    items = cb.items("cts2")
    items = items[items["ernst"].notna()]
    ouders = tabellen["ouders"].set_index("ouder_id")
    cts = tabellen["cts2"]
    in_alle_drie = ouders.index[ouders["gezin_id"].isin(_alle_drie(tabellen))]
    cts = cts[(cts["meting"] == "T0") & cts["ouder_id"].isin(in_alle_drie)]
    geslacht = ouders.loc[cts["ouder_id"], "geslacht"].to_numpy()
    gemiddeld = {}
    for perspectief in ("slachtoffer", "dader"):
        som = _incidenten(cts, items.loc[items["perspectief"] == perspectief, "kolom"], cb).sum(axis=1)
        for g in ("vrouw", "man"):
            deel = som[(geslacht == g) & (som > 0).to_numpy()]
            gemiddeld[(g, perspectief)] = deel.mean()
    doel = doelen["incidenten_ouder_t0"]
    assert doel["vrouw"]["slachtoffer"] > doel["man"]["slachtoffer"] > doel["man"]["dader"]
    assert gemiddeld[("vrouw", "slachtoffer")] > 1.3 * gemiddeld[("man", "slachtoffer")]
    assert gemiddeld[("vrouw", "slachtoffer")] > 1.3 * gemiddeld[("vrouw", "dader")]
    assert gemiddeld[("man", "slachtoffer")] > gemiddeld[("man", "dader")]


# ---------------------------------------------------------------------------------------
# Determinism, speed, parameters
# ---------------------------------------------------------------------------------------
def test_deterministic_and_seed_dependent(tabellen):
    opnieuw = generate()
    for naam, df in tabellen.items():
        pd.testing.assert_frame_equal(opnieuw[naam], df, obj=naam)
    ander = generate(seed=DEFAULT_SEED + 1)
    assert not ander["cts2"].equals(opnieuw["cts2"])
    assert not ander["gezinnen"]["regio"].equals(opnieuw["gezinnen"]["regio"])
    # The design stays exact whatever the seed.
    assert len(ander["ouders"]) == 1150 and len(ander["kinderen"]) == 1545


def test_small_design_through_parameters():
    klein = {"gezinnen": {"T0": 6, "T1": 4, "T2": 4, "alle": 3},
             "echtparen": {"T0": 1, "T1": 1, "T2": 1, "alle": 1},
             "moeders": {"T0": 5, "T1": 4, "T2": 3, "alle": 3},
             "vaders": {"T0": 2, "T1": 1, "T2": 2, "alle": 1},
             "twee_kinderen": {"T0": 2, "alle": 1},
             "kinderen_leeftijd": {"3-12": 5, "13-18": 3}}
    tabellen = generate(seed=3, parameters={"steekproef": klein})
    assert validate_tables(tabellen) == []
    assert (len(tabellen["gezinnen"]), len(tabellen["ouders"]), len(tabellen["kinderen"])) == (6, 7, 8)


@pytest.mark.parametrize("aanpassing, melding", [
    ({"steekproef": {"echtparen": {"T0": 500}}}, "echtparen"),
    ({"steekproef": {"kinderen_leeftijd": {"3-12": 1000}}}, "kinderen_leeftijd"),
    ({"regios": {"Atlantis": 3}}, "regio"),
    ({"model": {"antwoorden": {"klassegrenzen": {7: 16}}}}, "antwoord 7"),
    ({"model": {"partnergeweld": {"incidentie": {"fysiek": {"mild": "veel"}}}}}, "fysiek/mild"),
])
def test_inconsistent_parameters_are_refused(aanpassing, melding):
    with pytest.raises(ValueError, match=melding) as fout:
        generate(parameters=aanpassing)
    assert str(fout.value).startswith("synthetic_parameters.yaml")


def test_parameters_document_their_targets(doelen):
    assert set(doelen) >= {"totaal_geweld_categorie", "incidenten_totaal", "incidenten_partnergeweld", "vorm_ooit"}


# ---------------------------------------------------------------------------------------
# Calibration (loose): the generator stays plausible
# ---------------------------------------------------------------------------------------
def test_total_violence_categories(tabellen, doelen):
    gezin = _gezinsgeweld(tabellen)
    # Every family at T0; later waves without the families that returned no violence questionnaire.
    aandelen = load_parameters()["model"]["antwoorden"]["geen_geweldsvragenlijst"]
    per_meting = gezin["meting"].value_counts()
    assert per_meting["T0"] == 576
    for meting in ("T1", "T2"):
        assert per_meting[meting] == 576 - round(aandelen.get(meting, 0) * 576)
    for meting, doel in doelen["totaal_geweld_categorie"].items():
        deel = gezin[gezin["meting"] == meting]
        for i, categorie in enumerate(CATEGORIEEN):
            gemeten = 100 * (deel["categorie_totaal"] == i).mean()
            assert abs(gemeten - doel[categorie]) <= 8, (meting, categorie, gemeten)
    # T1 lies in between.
    aandeel_geen = {m: (g["categorie_totaal"] == 0).mean() for m, g in gezin.groupby("meting")}
    assert aandeel_geen["T0"] < aandeel_geen["T1"] < aandeel_geen["T2"]


def test_partner_violence_categories(tabellen, doelen):
    gezin = _gezinsgeweld(tabellen)
    for meting, doel in doelen["partnergeweld_categorie"].items():
        deel = gezin[gezin["meting"] == meting]
        for categorie, waarde in doel.items():
            gemeten = 100 * (deel["categorie"] == CATEGORIEEN.index(categorie)).mean()
            assert abs(gemeten - waarde) <= 8, (meting, categorie, gemeten)


def test_mean_incidents(tabellen, doelen):
    gezin = _gezinsgeweld(tabellen)
    gemiddeld = gezin.groupby("meting")[["incidenten_totaal", "totaal"]].mean()
    for meting in ("T0", "T1", "T2"):
        for kolom, doel in (("incidenten_totaal", doelen["incidenten_totaal"]),
                            ("totaal", doelen["incidenten_partnergeweld"])):
            gemeten = gemiddeld.at[meting, kolom]
            assert abs(gemeten / doel[meting] - 1) <= 0.25, (meting, kolom, gemeten)


def test_forms_reported_ever(tabellen, doelen):
    gemeten = _vorm_ooit(tabellen)
    for perspectief, per_geslacht in doelen["vorm_ooit"].items():
        for geslacht, per_vorm in per_geslacht.items():
            for vorm, doel in per_vorm.items():
                waarde = gemeten[(perspectief, geslacht, vorm)]
                assert abs(waarde - doel) <= 8, (perspectief, geslacht, vorm, waarde)


# ---------------------------------------------------------------------------------------
# Background and parent instruments (Tabel 2.1, 3.3, 3.4, 5.1, 9.1)
# ---------------------------------------------------------------------------------------
from analysis.codebook import categorie_labels, tabel_metingen  # noqa: E402

OUDER_INSTRUMENTEN = ["ace", "auditc", "nosik", "nosi_competentie", "ppq_warmte", "mpf33_autonomie", "mansa", "tsi",
                      "veiligheid"]


def test_instrument_tables_follow_tabel_2_1(tabellen):
    """Every per-wave table has exactly one row per parent and wave of its instrument (the
    codebook's `metingen`, Tabel 2.1) that the parent took part in; the codebook's `meting`
    column of the table allows exactly those waves."""
    cb = load_codebook()
    deelname = tabellen["deelname"][tabellen["deelname"]["respondent_id"].isin(tabellen["ouders"]["ouder_id"])]
    verwacht_metingen = {"ace": ["T0"]}
    for tabel in ["ouders_achtergrond", *OUDER_INSTRUMENTEN]:
        metingen = tabel_metingen(cb, tabel)
        assert metingen == verwacht_metingen.get(tabel, ["T0", "T1", "T2"]), tabel
        waarden = cb.kolommen(tabel)["meting"]["waarden"]
        assert (waarden == "metingen" and metingen == cb.metingen) or waarden == metingen, tabel
        if "instrument" in cb.tabellen[tabel]:
            assert cb.instrument(tabel)["rapporteur"] == "ouder"
        df = tabellen[tabel]
        d = deelname[deelname["meting"].isin(metingen)]
        assert sorted(zip(df["ouder_id"], df["meting"])) == sorted(zip(d["respondent_id"], d["meting"])), tabel


def test_parent_instrument_answers_on_their_scales(tabellen):
    cb = load_codebook()
    for instrument in OUDER_INSTRUMENTEN:
        items = cb.items(instrument)
        schaal = sorted(int(k) for k in cb.antwoordschaal(cb.instrument(instrument)["antwoordschaal"])["waarden"])
        antwoorden = tabellen[instrument][list(items["kolom"])]
        assert list(tabellen[instrument].columns) == ["ouder_id", "meting", *items["kolom"]]
        waarden = antwoorden.stack().dropna().astype(int)
        assert waarden.isin(schaal).all(), instrument
        assert waarden.nunique() >= min(len(schaal), 3), instrument
        ontbrekend = antwoorden.isna().to_numpy().mean()
        assert 0.003 < ontbrekend < 0.02, (instrument, ontbrekend)


def test_codebook_instruments_as_the_report_describes():
    cb = load_codebook()
    aantallen = {"ace": 10, "auditc": 6, "nosik": 25, "nosi_competentie": 13, "ppq_warmte": 11, "mpf33_autonomie": 7,
                 "mansa": 12, "tsi": 100, "veiligheid": 1}
    for instrument, n in aantallen.items():
        assert len(cb.items(instrument)) == n, instrument
    tsi = cb.instrument("tsi")
    assert sum(s["klinisch"] for s in tsi["schalen"]) == 10 and sum(not s["klinisch"] for s in tsi["schalen"]) == 3
    assert set(cb.items("tsi")["subschaal"]) <= {s["code"] for s in tsi["schalen"]}
    paren = cb.regel("tsi_inc_paren")
    assert len(paren) == 10 and all(1 <= i <= 100 for paar in paren for i in paar)
    # Every rule has a value, a paragraph and a source; category labels cover every code.
    for naam, regel in cb.raw["regels"].items():
        assert {"waarde", "paragraaf", "bron"} <= set(regel), naam
    for tabel in cb.tabellen:
        for kolom, spec in cb.kolommen(tabel).items():
            if spec.get("labels"):
                assert list(categorie_labels(cb, tabel, kolom)) == [str(w) for w in spec["waarden"]]
    assert categorie_labels(cb, "ouders_achtergrond", "inkomen")["minder_1500"] == "< €1.500"


def _procent(masker) -> float:
    return 100 * float(np.mean(masker))


def test_background_matches_tabel_3_3_and_3_4(tabellen, doelen):
    a = tabellen["ouders_achtergrond"].merge(tabellen["ouders"], on="ouder_id")
    a0 = a[a["meting"] == "T0"]
    for geslacht, doel in doelen["achtergrond_ouders_t0"].items():
        x = a0[a0["geslacht"] == geslacht]
        gemeten = {
            "nederlands": _procent(x["migratieachtergrond"] == "nederlands"),
            "basisschool": _procent(x["opleidingsniveau"] == "basisschool"),
            "minder_1500": _procent(x["inkomen"] == "minder_1500"),
            "meer_dan_12_uur_werk": _procent(x["uren_betaald_werk"].astype(float) > 12),
            "alleenstaand": _procent(x["gezinssamenstelling"] == "alleenstaand"),
            "ooit_gescheiden": _procent(x["ooit_gescheiden"] == "ja"),
            "jeugdbescherming": _procent(x["jeugdbescherming"] == "ja"),
        }
        for sleutel, waarde in doel.items():
            assert abs(gemeten[sleutel] - waarde) <= 8, (geslacht, sleutel, gemeten[sleutel])
    k = tabellen["kinderen"]
    doel = doelen["achtergrond_kinderen_t0"]
    assert abs(_procent(k["migratieachtergrond"] == "nederlands") - doel["nederlands"]) <= 6
    assert abs(_procent(k["gezinssituatie"] == "eenoudergezin") - doel["eenoudergezin"]) <= 6
    assert abs(_procent(k["ouders_ooit_gescheiden"] == "ja") - doel["ouders_ooit_gescheiden"]) <= 8
    # Couples taking part together mostly live together; the family's measure is shared.
    per_gezin = a0.groupby("gezin_id")["jeugdbescherming"].nunique()
    assert (per_gezin == 1).all()


def _glazen_per_week(df: pd.DataFrame, perspectief: str, cb) -> pd.Series:
    keren = {int(k): v for k, v in cb.regel("auditc_keren_per_week").items()}
    glazen = {int(k): v for k, v in cb.regel("auditc_glazen_per_keer").items()}
    return (df[f"auditc_1_{perspectief}"].astype(float).map(keren)
            * df[f"auditc_2_{perspectief}"].astype(float).map(glazen))


def test_risk_factors_follow_tabel_9_1(tabellen, doelen):
    cb = load_codebook()
    alle = _alle_drie(tabellen)
    ouders = tabellen["ouders"][tabellen["ouders"]["gezin_id"].isin(alle)]
    a = tabellen["ouders_achtergrond"][tabellen["ouders_achtergrond"]["ouder_id"].isin(ouders["ouder_id"])]
    au = tabellen["auditc"].set_index(["ouder_id", "meting"]).loc[list(zip(a["ouder_id"], a["meting"]))]
    ace = tabellen["ace"].set_index("ouder_id").filter(like="ace_").sum(axis=1)
    grens = cb.regel("risico_alcohol_glazen_meer_dan")
    risico = pd.DataFrame({
        "alleenstaand": a["gezinssamenstelling"].isin(cb.regel("risico_alleenstaand")).to_numpy(),
        "werkloos": (a["uren_betaald_werk"].astype(float) < cb.regel("risico_werkloos_uren_minder_dan")).to_numpy(),
        "laagopgeleid": a["opleidingsniveau"].isin(cb.regel("risico_laagopgeleid")).to_numpy(),
        "laag_inkomen": a["inkomen"].isin(cb.regel("risico_armoede_inkomen")).to_numpy(),
        "risicovol_drinken": (_glazen_per_week(au, "zelf", cb) > grens).to_numpy(),
        "risicovol_drinken_partner": (_glazen_per_week(au, "partner", cb) > grens).to_numpy(),
        "ace": (ace.loc[a["ouder_id"]] >= cb.regel("risico_ace_min")).to_numpy(),
    })
    risico["meting"] = a["meting"].to_numpy()
    per_meting = risico.groupby("meting").mean()
    for factor, doel in doelen["risicofactoren"].items():
        for meting, waarde in doel.items():
            if factor == "gemiddeld_aantal":
                gemeten = per_meting.loc[meting].drop("meting", errors="ignore").sum()
                assert abs(gemeten - waarde) <= 0.4, (meting, gemeten)
            else:
                gemeten = 100 * per_meting.at[meting, factor]
                assert abs(gemeten - waarde) <= 8, (factor, meting, gemeten)
    # Risk factors are more common than in the general population (CBS column of Tabel 3.3).
    assert 100 * per_meting.at["T0", "laag_inkomen"] > 14 + 20
    assert abs(_procent(ace >= 4) - doelen["ace_vier_of_meer"]) <= 6


def _schaalscore(tabellen, instrument: str, functie: str) -> pd.DataFrame:
    cb = load_codebook()
    df = tabellen[instrument]
    items = df[list(cb.items(instrument)["kolom"])].astype(float)
    score = items.sum(axis=1) if functie == "som" else items.mean(axis=1)
    uit = pd.DataFrame({"ouder_id": df["ouder_id"], "meting": df["meting"], "score": score})
    return uit[uit["ouder_id"].isin(tabellen["ouders"].loc[tabellen["ouders"]["gezin_id"].isin(_alle_drie(tabellen)),
                                                           "ouder_id"])]


def test_parenting_and_wellbeing_means(tabellen, doelen):
    cb = load_codebook()
    for instrument, doel in doelen["opvoeding"].items():
        gemiddeld = _schaalscore(tabellen, instrument, cb.regel(f"{instrument}_score")).groupby("meting")["score"].mean()
        for meting, waarde in doel.items():
            assert abs(gemiddeld[meting] / waarde - 1) <= 0.08, (instrument, meting, gemiddeld[meting])
    schaal, cijfer = cb.regel("mansa_rapportcijfer")["schaal"], cb.regel("mansa_rapportcijfer")["cijfer"]
    mansa = _schaalscore(tabellen, "mansa", "gemiddelde")
    mansa["cijfer"] = cijfer[0] + (mansa["score"] - schaal[0]) * (cijfer[1] - cijfer[0]) / (schaal[1] - schaal[0])
    for meting, waarde in doelen["kwaliteit_van_leven"].items():
        assert abs(mansa.groupby("meting")["cijfer"].mean()[meting] - waarde) <= 0.3
    veilig = _schaalscore(tabellen, "veiligheid", "gemiddelde").groupby("meting")["score"].mean()
    for meting, waarde in doelen["veiligheidsgevoel"].items():
        assert abs(veilig[meting] - waarde) <= 0.3


def test_trauma_and_stress_follow_violence(tabellen, doelen):
    """More violence, more trauma and stress; both decline as the violence stops (hoofdstuk 5)."""
    cb = load_codebook()
    gezin = _gezinsgeweld(tabellen)
    ouders = tabellen["ouders"][["ouder_id", "gezin_id"]]
    items = cb.items("tsi")
    normen = cb.regel("tsi_normen")
    t_score = cb.regel("tsi_t_score")
    tsi = tabellen["tsi"].merge(ouders, on="ouder_id").merge(gezin, on=["gezin_id", "meting"])
    klinisch = np.zeros(len(tsi), dtype=bool)
    totaal = np.zeros(len(tsi))
    for schaal in (s["code"] for s in cb.instrument("tsi")["schalen"] if s["klinisch"]):
        ruw = tsi[list(items.loc[items["subschaal"] == schaal, "kolom"])].astype(float).fillna(0).sum(axis=1)
        t = t_score["gemiddelde"] + t_score["sd"] * (ruw - normen[schaal]["gemiddelde"]) / normen[schaal]["sd"]
        klinisch |= (t >= cb.regel("tsi_klinisch_t_min")).to_numpy()
        totaal += ruw.to_numpy()
    tsi["klinisch"], tsi["totaal"] = klinisch, totaal
    per_meting = tsi.groupby("meting")["klinisch"].mean()
    assert per_meting["T0"] > per_meting["T1"] > per_meting["T2"] > 0.02
    doel = doelen["tsi_klinisch"]
    assert per_meting["T2"] / per_meting["T0"] < 0.8 and doel["T2"] < doel["T0"]
    # Within a wave: parents in families with severe violence report more trauma.
    t0 = tsi[tsi["meting"] == "T0"]
    assert t0.loc[t0["categorie_totaal"] == 2, "totaal"].mean() > 1.15 * t0.loc[t0["categorie_totaal"] < 2, "totaal"].mean()
    stress = _schaalscore(tabellen, "nosik", "som").merge(ouders, on="ouder_id").merge(gezin, on=["gezin_id", "meting"])
    assert stress[["score", "incidenten_totaal"]].corr(method="spearman").iloc[0, 1] > 0.1


def test_background_is_deterministic_and_keeps_violence_stream():
    """The background stream is separate: changing its parameters leaves the CTS2 answers as they are."""
    basis = generate(seed=7, parameters={"steekproef": KLEIN})
    ander = generate(seed=7, parameters={"steekproef": KLEIN,
                                         "model": {"welzijn": {"nosik": {"gemiddelde": 3.0}}}})
    pd.testing.assert_frame_equal(basis["cts2"], ander["cts2"])
    assert not basis["nosik"].equals(ander["nosik"])
    pd.testing.assert_frame_equal(basis["tsi"], generate(seed=7, parameters={"steekproef": KLEIN})["tsi"])


KLEIN = {"gezinnen": {"T0": 6, "T1": 4, "T2": 4, "alle": 3},
         "echtparen": {"T0": 1, "T1": 1, "T2": 1, "alle": 1},
         "moeders": {"T0": 5, "T1": 4, "T2": 3, "alle": 3},
         "vaders": {"T0": 2, "T1": 1, "T2": 2, "alle": 1},
         "twee_kinderen": {"T0": 2, "alle": 1},
         "kinderen_leeftijd": {"3-12": 5, "13-18": 3}}


# ---------------------------------------------------------------------------------------
# Calibration logic (issue 8): forms that stop, severe acts per actor, denial of severe acts,
# a child-maltreatment rhythm of its own, living alone with more violence, couples' background
# ---------------------------------------------------------------------------------------
def _cts2_info():
    cb = load_codebook()
    p = load_parameters()
    return cb, synthetic._iteminfo(cb, "cts2", p["model"]["partnergeweld"]["incidentie"])


def test_forms_that_stop_stay_stopped():
    cb, info = _cts2_info()
    rng = np.random.Generator(np.random.PCG64(1))
    stoppen = {"fysiek": {"T1": 1.0}, "seksueel": {"T2": 0.5}}
    door = synthetic._vorm_gestopt(rng, stoppen, info, cb.metingen, 4000)
    fysiek = info["vorm"] == info["vormen"].index("fysiek")
    seksueel = info["vorm"] == info["vormen"].index("seksueel")
    psychisch = info["vorm"] == info["vormen"].index("psychisch")
    assert door[:, 0, :].all()                               # nothing stops before T0
    assert not door[:, 1:, fysiek].any()                      # stopped for good at T1
    assert door[:, :, psychisch].all() and door[:, :, ~info["geweld"]].all()
    per_gezin = door[:, 2, seksueel]
    assert (per_gezin.all(axis=1) | ~per_gezin.any(axis=1)).all()  # a form stops as a whole
    assert abs(per_gezin[:, 0].mean() - 0.5) < 0.03
    assert synthetic._vorm_gestopt(rng, None, info, cb.metingen, 3).all()


def test_severe_acts_present_per_actor():
    """``ernst_aanwezig`` may differ between the woman's and the man's acts."""
    cb, info = _cts2_info()
    rng = np.random.Generator(np.random.PCG64(2))
    kansen = np.ones((len(info["vormen"]), 2))  # every form present for both actors
    ernst = {"ernstig": {"vrouw": {v: 0.0 for v in info["vormen"]}, "man": {v: 1.0 for v in info["vormen"]}}}
    aanwezig = synthetic._item_aanwezig(rng, np.linspace(0.01, 0.99, 50), info, kansen, ernst, 0.5, "x")
    ernstig = info["ernst"] == "ernstig"
    assert not aanwezig[:, ernstig, 0].any() and aanwezig[:, ernstig, 1].all()
    assert aanwezig[:, ~ernstig, :].all()


def test_presence_is_an_exact_quota_shared_by_actors():
    """``aanwezig`` is an exact share of the units (the lowest draws), per form and actor; with
    ``actoren`` = 1 the woman's and the man's draws coincide, so the rarer actor's form occurs only
    where the other's does; a coupled form (injuries) occurs only with its form (physical)."""
    cb, info = _cts2_info()
    rng = np.random.Generator(np.random.PCG64(5))
    kansen = np.array([[0.3, 0.5], [0.1, 0.25], [0.7, 0.7]])  # (vorm, actor)
    aanwezig = synthetic._aanwezig(rng, np.linspace(0.001, 0.999, 1000), kansen, 0.5)
    assert aanwezig.shape == (1000, 3, 2)
    assert (aanwezig.sum(axis=0) == np.rint(kansen * 1000)).all()
    gedeeld = synthetic._aanwezig(rng, np.linspace(0.001, 0.999, 1000), kansen, 0.5, actoren=1.0)
    assert (gedeeld.sum(axis=0) == np.rint(kansen * 1000)).all()
    assert not (gedeeld[:, :2, 0] & ~gedeeld[:, :2, 1]).any()  # the woman's (rarer) forms only with the man's
    kansen = np.stack([np.linspace(0.9, 0.2, len(info["vormen"]))] * 2, axis=-1)
    kansen[info["vormen"].index("verwonding")] = 0.3
    kansen[info["vormen"].index("fysiek")] = 0.6
    item = synthetic._item_aanwezig(rng, np.linspace(0.001, 0.999, 800), info, kansen, None, 0.3, "x",
                                    actoren=0.5, gekoppeld={"verwonding": "fysiek"})
    fysiek = item[:, info["vorm"] == info["vormen"].index("fysiek")].any(axis=1)
    verwonding = item[:, info["vorm"] == info["vormen"].index("verwonding")].any(axis=1)
    assert verwonding.any() and not (verwonding & ~fysiek).any()


def test_denial_is_an_exact_quota():
    cb, info = _cts2_info()
    rng = np.random.Generator(np.random.PCG64(6))
    kansen = np.zeros((600, len(info["vormen"])))
    kansen[:400, 0], kansen[400:, 0], kansen[:, 1] = 0.25, 0.5, 0.1
    ontkent = synthetic._ontkenning(rng, kansen, info)  # (respondent, item)
    per_vorm = np.stack([ontkent[:, info["vorm"] == j].any(axis=1) for j in range(len(info["vormen"]))], axis=1)
    assert per_vorm[:400, 0].sum() == 100 and per_vorm[400:, 0].sum() == 100 and per_vorm[:, 1].sum() == 60
    assert not per_vorm[:, 2:].any()
    assert not ontkent[:, ~info["geweld"]].any()


def test_ex_partner_while_living_together_and_questionnaire_nonresponse():
    """``ex_bij_samenwonen``: an exact share per gender and wave of the parents who live together
    answers about an ex-partner, the least violent first; ``geen_geweldsvragenlijst``: an exact
    share of the families taking part in a wave returns no violence questionnaire."""
    rng = np.random.Generator(np.random.PCG64(7))
    n = 1000
    man = np.arange(n) % 4 == 0
    samen = np.ones((n, 3), dtype=bool)
    geweld = np.repeat(np.linspace(-2, 2, n)[:, None], 3, axis=1)
    spec = {"lat_partner": {"T0": 0, "T1": 0, "T2": 0}, "nieuwe_partner": 0.5,
            "ex_bij_samenwonen": {"vrouw": {"T0": 0.1}, "man": {"T0": 0.2, "T2": 0.4}}, "ex_bij_samenwonen_geweld": 10.0}
    uit = synthetic._partner_relatie(rng, spec, samen, ["T0", "T1", "T2"], man, geweld)
    ex = uit == "ex_partner"
    assert ex[~man, 0].sum() == 75 and ex[man, 0].sum() == 50 and ex[man, 2].sum() == 100 and not ex[:, 1].any()
    assert geweld[ex[:, 0], 0].mean() < -1  # mostly the least violent
    deelname = np.ones((200, 3), dtype=bool)
    deelname[150:, 2] = False
    zonder = synthetic._geen_vragenlijst(rng, {"T2": 0.1, "T1": 0.05}, deelname, ["T0", "T1", "T2"])
    assert not zonder[:, 0].any() and zonder[:, 1].sum() == 10 and zonder[:150, 2].sum() == 15
    assert not (zonder & ~deelname).any()


def test_reporting_factor_per_severity_and_forms_that_start_later():
    """``meldkans`` per ernst level: 0 for severe acts means none is reported in that perspective;
    ``vorm_begint``: a form absent at T0 for everyone occurs at T1 once it may start."""
    klein = {"gezinnen": {"T0": 60, "T1": 40, "T2": 40, "alle": 30},
             "echtparen": {"T0": 10, "T1": 6, "T2": 6, "alle": 5},
             "moeders": {"T0": 50, "T1": 34, "T2": 33, "alle": 25},
             "vaders": {"T0": 20, "T1": 12, "T2": 13, "alle": 10},
             "twee_kinderen": {"T0": 20, "alle": 10},
             "kinderen_leeftijd": {"3-12": 55, "13-18": 25}}
    alle = {v: 0.0 for v in ("psychisch", "fysiek", "verwonding", "seksueel")}
    model = {"partnergeweld": {"melden": {"vrouw": {"slachtoffer": {"meldkans": {"mild": 1.0, "ernstig": 0.0}}}},
                               "aanwezig": {"man": alle | {"psychisch": 0.9}, "vrouw": alle | {"psychisch": 0.9}},
                               "vorm_begint": {"fysiek": {"T1": 1.0}}, "vorm_stoppen": {}, "stoppen": {"T0": 0, "T1": 0, "T2": 0}}}
    t = generate(seed=11, parameters={"steekproef": klein, "model": model})
    items = load_codebook().items("cts2")
    cts = t["cts2"].merge(t["ouders"][["ouder_id", "geslacht"]], on="ouder_id")
    ernstig = items.loc[(items["ernst"] == "ernstig") & (items["perspectief"] == "slachtoffer"), "kolom"]
    assert (cts.loc[cts["geslacht"] == "vrouw", ernstig].fillna(1) <= 2).all().all()
    fysiek = items.loc[items["subschaal"] == "fysiek", "kolom"]
    gemeld = (cts[fysiek].fillna(1) >= 3).any(axis=1).groupby(cts["meting"]).mean()
    assert gemeld["T0"] == 0 and gemeld["T1"] > 0.2


def test_denial_of_severe_acts_and_severe_tempo(tabellen):
    """Men who deny every severe act of their own report none in the past year, while their
    partners still report such acts; ``tempo_ernstig`` scales only severe acts (one generation
    with both, against the default snapshot of the same seed)."""
    cb = load_codebook()
    items = cb.items("cts2")
    kolommen = {(e, p): list(items.loc[(items["ernst"] == e) & (items["perspectief"] == p), "kolom"])
                for e in ("mild", "ernstig") for p in ("dader", "slachtoffer")}
    alle = {v: 1.0 for v in ("psychisch", "fysiek", "verwonding", "seksueel")}
    t = generate(parameters={"model": {"partnergeweld": {"melden": {"man": {"dader": {"ontkenning_ernstig": alle}}},
                                                          "tempo_ernstig": {"man": 4.0}}}})

    def per_geslacht(tab, geslacht, sleutel):
        c = tab["cts2"].merge(tab["ouders"][["ouder_id", "geslacht"]], on="ouder_id")
        return c.loc[c["geslacht"] == geslacht, kolommen[sleutel]].fillna(1)

    assert (per_geslacht(t, "man", ("ernstig", "dader")) <= 2).all().all()
    assert (per_geslacht(tabellen, "man", ("ernstig", "dader")) >= 3).any().any()
    # Severe acts by men 4x as frequent: women report more severe victimisation, mild unchanged.
    def gemeld(tab, sleutel):
        return (per_geslacht(tab, "vrouw", sleutel) >= 3).to_numpy().mean()
    assert gemeld(t, ("ernstig", "slachtoffer")) > 1.15 * gemeld(tabellen, ("ernstig", "slachtoffer"))  # presence limits the rise
    assert gemeld(t, ("mild", "slachtoffer")) == pytest.approx(gemeld(tabellen, ("mild", "slachtoffer")), rel=0.02)


def test_couples_share_background_but_gender_shares_hold(tabellen):
    """Couples mostly share their migration background, yet fathers keep their own distribution
    (Tabel 3.3), and living alone goes with more violence in the family (Tabel 4.3)."""
    ouders = tabellen["ouders"]
    paren = ouders[ouders.groupby("gezin_id")["ouder_id"].transform("size") == 2]
    per_paar = paren.groupby("gezin_id")["migratieachtergrond"].nunique()
    assert (per_paar == 1).mean() > 0.6
    p = load_parameters()["model"]["achtergrond"]["migratieachtergrond"]["man"]
    vaders = ouders[ouders["geslacht"] == "man"]
    assert abs((vaders["migratieachtergrond"] == "nederlands").mean() * 100 - p["nederlands"] / sum(p.values()) * 100) < 5
    items = load_codebook().items("cts2")
    slachtoffer = list(items.loc[items["ernst"].notna() & (items["perspectief"] == "slachtoffer"), "kolom"])
    t0 = tabellen["cts2"][tabellen["cts2"]["meting"] == "T0"]
    gemeld = pd.Series((t0[slachtoffer].fillna(1) >= 3).sum(axis=1).to_numpy(), index=t0["ouder_id"].to_numpy())
    a = tabellen["ouders_achtergrond"]
    situatie = a[a["meting"] == "T0"].set_index("ouder_id")["gezinssamenstelling"]
    per_situatie = gemeld.groupby(situatie.reindex(gemeld.index).to_numpy()).mean()
    assert per_situatie["alleenstaand"] > 1.1 * per_situatie["samenwonend"]
