"""The synthetic design (analysis.synthetic): children's own participation per wave (Tabel 3.2)
and the background shares that are exact quotas (Tabel 3.3, 3.4, 3.6). Counted here with plain
pandas, independently of analysis.hoofdstuk3."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis import synthetic as s
from analysis.codebook import load_codebook

METINGEN = ["T0", "T1", "T2"]


@pytest.fixture(scope="module")
def tabellen() -> dict[str, pd.DataFrame]:
    return s.generate()


@pytest.fixture(scope="module")
def params() -> dict:
    return s.load_parameters()


def _per_persoon(tabellen, personen: str, sleutel: str) -> pd.DataFrame:
    """One row per person: gezin_id and a boolean column per wave (took part)."""
    d = tabellen["deelname"]
    p = tabellen[personen][[sleutel, "gezin_id"]].copy()
    for m in METINGEN:
        p[m] = p[sleutel].isin(d.loc[d["meting"] == m, "respondent_id"])
    return p


def _grootste_rest(procent: list[float], n: int) -> np.ndarray:
    """Largest-remainder counts (an independent implementation for the checks)."""
    q = np.array(procent, dtype=float) / sum(procent) * n
    k = np.floor(q).astype(int)
    for i in sorted(range(len(q)), key=lambda i: -(q[i] - k[i]))[: n - k.sum()]:
        k[i] += 1
    return k


# -- children per wave --------------------------------------------------------------------------
def test_children_per_age_band_and_wave_are_exact(tabellen, params):
    kinderen = _per_persoon(tabellen, "kinderen", "kind_id")
    leeftijd = tabellen["kinderen"]["leeftijd_t0"].astype(int).to_numpy()
    for band, doel in params["steekproef"]["kinderen_leeftijd"].items():
        laag, hoog = (int(x) for x in band.split("-"))
        k = kinderen[(leeftijd >= laag) & (leeftijd <= hoog)]
        assert [int(k[m].sum()) for m in METINGEN] == [doel[m] for m in METINGEN], band
        assert int(k[METINGEN].all(axis=1).sum()) == doel["alle"], band
    # Tabel 3.2's totals: 1,545 / 1,005 / 940 children; every child takes part at T0.
    assert [int(kinderen[m].sum()) for m in METINGEN] == [1545, 1005, 940]
    assert kinderen["T0"].all()


def test_children_take_part_only_with_their_family_and_every_family_has_one(tabellen):
    ouders = _per_persoon(tabellen, "ouders", "ouder_id").groupby("gezin_id")[METINGEN].any()
    kinderen = _per_persoon(tabellen, "kinderen", "kind_id")
    gezin = ouders.loc[kinderen["gezin_id"]].to_numpy()
    assert not (kinderen[METINGEN].to_numpy() & ~gezin).any()  # never without the family
    per_gezin = kinderen.groupby("gezin_id")[METINGEN].any().loc[ouders.index]
    assert per_gezin.equals(ouders)  # a child at every wave the family takes part in
    # At most two children per family, so families with two children at T2 = children - families.
    aantal = kinderen.groupby("gezin_id")[METINGEN].sum()
    assert int((aantal["T2"] == 2).sum()) == 940 - 636 == 304
    assert int((aantal["T1"] == 2).sum()) == 1005 - 674
    # Not everyone follows the family: some children of families in all waves skip a wave.
    alle = ouders.all(axis=1)
    kind_alle = alle.loc[kinderen["gezin_id"]].to_numpy()
    assert 0 < int((kind_alle & ~kinderen[METINGEN].all(axis=1)).sum()) < 250


def test_children_participation_has_its_own_stream():
    """Another seed: still exact, a different allocation; the small design (bands as plain numbers)
    lets the children follow their family."""
    cb = load_codebook()
    p = s.load_parameters()
    a = s._ontwerp(cb, p, np.random.Generator(np.random.PCG64(7)))
    b = s._ontwerp(cb, p, np.random.Generator(np.random.PCG64(8)))
    for o in (a, b):
        mee = o["kind_deelname"]
        assert mee.sum(axis=0).tolist() == [1545, 1005, 940]
        assert not (mee & ~o["deelname"][o["kind_gezin"]]).any()
    assert not np.array_equal(a["kind_deelname"], b["kind_deelname"])
    klein = s._samenvoegen(p, {"steekproef": {
        "gezinnen": {"T0": 8, "T1": 5, "T2": 5, "alle": 4}, "echtparen": {"T0": 2, "T1": 1, "T2": 1, "alle": 1},
        "moeders": {"T0": 7, "T1": 4, "T2": 4, "alle": 3}, "vaders": {"T0": 3, "T1": 2, "T2": 2, "alle": 2},
        "twee_kinderen": {"T0": 2, "alle": 1}, "kinderen_leeftijd": {"3-12": 7, "13-18": 3}}})
    o = s._ontwerp(cb, klein, np.random.Generator(np.random.PCG64(1)))
    assert np.array_equal(o["kind_deelname"], o["deelname"][o["kind_gezin"]])


def test_kinderen_per_meting_on_a_hand_made_design():
    # Families: pattern (0 = all waves, 1 = T0+T1, 3 = T0 only) and number of children.
    patroon = np.array([0, 0, 0, 1, 3])
    n_kind = np.array([2, 2, 1, 2, 1])
    band = np.array([0, 1, 0, 1, 0, 0, 1, 1])  # drawn bands, children in family order
    # Per band: children per pattern (all, T0+T1, T0+T2, T0 only). Band 0: 4 children, band 1: 4.
    doelen = np.array([[3, 0, 0, 1], [1, 2, 0, 1]])
    b, q = s._kinderen_per_meting(np.random.Generator(np.random.PCG64(3)), patroon, n_kind, band, doelen)
    kind_gezin = np.repeat(np.arange(5), n_kind)
    for k in range(2):
        assert np.bincount(q[b == k], minlength=4).tolist() == doelen[k].tolist()
    mee = s._PATRONEN[q]
    assert not (mee & ~s._PATRONEN[patroon][kind_gezin]).any()
    for g in range(5):
        assert np.array_equal(mee[kind_gezin == g].any(axis=0), s._PATRONEN[patroon[g]])
    assert q[kind_gezin == 4].tolist() == [3]  # a family at T0 only: its child too
    # The drawn bands fit the targets: no family's bands change (children may swap places).
    for g in range(5):
        assert sorted(b[kind_gezin == g]) == sorted(band[kind_gezin == g])
    with pytest.raises(ValueError, match="kinderen_leeftijd"):
        s._kinderen_per_meting(np.random.Generator(np.random.PCG64(3)), patroon, n_kind, band,
                               np.array([[0, 0, 0, 4], [0, 0, 0, 4]]))


# -- quotas -------------------------------------------------------------------------------------
def test_quota_counts_and_ranks():
    sleutel = np.array([0.9, 0.1, 0.5, 0.3, 0.7, 0.2, 0.8, 0.4])
    man = np.array([False] * 5 + [True] * 3)
    kansen = np.where(man[:, None], [1 / 3, 2 / 3], [0.6, 0.4])
    uit = s._quota(sleutel, man, kansen)
    # Women: 3 of 5 in category 0, the lowest keys (0.1, 0.3, 0.5); men: 1 of 3, the lowest (0.2).
    assert uit.tolist() == [1, 0, 0, 0, 1, 0, 1, 1]
    # With a subgroup: women 0-3 in all waves get 60 + 20 = 80% → 3 of 4 in category 0; the fifth takes the rest (0).
    alle = np.array([True, True, True, True, False, False, False, False])
    uit = s._quota(sleutel, man, kansen, alle, np.array([20.0, -20.0]))
    assert np.bincount(uit[:5], minlength=2).tolist() == [3, 2]
    assert uit[:4].tolist() == [1, 0, 0, 0] and uit[4] == 1


def test_background_quotas_match_tabel_3_3(tabellen, params):
    pa = params["model"]["achtergrond"]
    ouders = tabellen["ouders"]
    a0 = tabellen["ouders_achtergrond"].query("meting == 'T0'").set_index("ouder_id")
    cb = load_codebook()
    for geslacht in ("vrouw", "man"):
        o = ouders[ouders["geslacht"] == geslacht]
        n = len(o)
        mig = [str(c) for c in cb.kolommen("ouders")["migratieachtergrond"]["waarden"]]
        verwacht = _grootste_rest([pa["migratieachtergrond"][geslacht][c] for c in mig], n)
        assert o["migratieachtergrond"].value_counts().reindex(mig, fill_value=0).tolist() == verwacht.tolist()
        opl = a0.loc[o["ouder_id"], "opleidingsniveau"]
        codes = list(pa["opleidingsniveau"][geslacht])
        anders = int(_grootste_rest([pa["opleidingsniveau"][geslacht]["anders"],
                                     sum(pa["opleidingsniveau"][geslacht].values()) - pa["opleidingsniveau"][geslacht]["anders"]], n)[0])
        assert int((opl == "anders").sum()) == anders and set(opl) <= set(codes)
        ink = a0.loc[o["ouder_id"], "inkomen"]
        verwacht = _grootste_rest(list(pa["inkomen"]["T0_exact"][geslacht].values()), n)
        assert ink.value_counts().reindex(list(pa["inkomen"]["T0_exact"][geslacht]), fill_value=0).tolist() == verwacht.tolist()
        gescheiden = (a0.loc[o["ouder_id"], "ooit_gescheiden"] == "ja").sum()
        assert gescheiden == round(pa["ooit_gescheiden"]["totaal"][geslacht] / 100 * n)
        k3 = a0.loc[o["ouder_id"], "aantal_kinderen_ouder_dan_3"].astype(int)
        spec = pa["kinderen_ouder_dan_3"][geslacht]
        assert k3.value_counts().reindex([int(k) for k in spec], fill_value=0).tolist() == \
            _grootste_rest(list(spec.values()), n).tolist()


def test_families_in_all_waves_differ_as_tabel_3_6(tabellen, params):
    """The 576 families' parents: the shares of all parents plus ``verschil_alle`` (within rounding)."""
    va = params["model"]["achtergrond"]["verschil_alle"]
    ouders = _per_persoon(tabellen, "ouders", "ouder_id")
    alle = ouders.set_index("ouder_id")[METINGEN].all(axis=1)
    o = tabellen["ouders"].set_index("ouder_id")
    for code, d in va["migratieachtergrond"].items():
        totaal = (o["migratieachtergrond"] == code).mean() * 100
        sub = (o.loc[alle[alle].index, "migratieachtergrond"] == code).mean() * 100
        assert abs(sub - totaal - d) < 1.5, (code, sub, totaal)
    a0 = tabellen["ouders_achtergrond"].query("meting == 'T0'").set_index("ouder_id")
    for code, d in va["inkomen"].items():
        totaal = (a0["inkomen"] == code).mean() * 100
        sub = (a0.loc[alle[alle].index, "inkomen"] == code).mean() * 100
        assert abs(sub - totaal - d) < 1.5, (code, sub, totaal)
    # Ages: 45-54 fewer among the 576 families (Tabel 3.6: 22.4% against 24.5%).
    leeftijd = o["leeftijd_t0"].astype("Float64")
    tussen = leeftijd.between(45, 54)
    assert tussen[alle[alle].index].mean() < tussen[alle[~alle].index].mean()
    # ACE four or more: fewer among parents of families not in all waves (Tabel 3.6: 25.5% of all, 26.8% of the 576).
    a = tabellen["ace"].query("meting == 'T0'").set_index("ouder_id")
    ace = (a[[f"ace_{i:02d}" for i in range(1, 11)]] == 1).sum(axis=1).ge(4).astype(float)
    assert ace[alle[alle].index].mean() > ace[alle[~alle].index].mean()
    assert abs(ace.mean() * 100 - 25.5) < 2.0 and abs(ace[alle[alle].index].mean() * 100 - 26.8) < 2.0


def test_children_background_and_girls(tabellen, params):
    k = tabellen["kinderen"]
    zelf_tabellen = [t for t in ("tscc", "sis", "kidscreen", "ctspc_kind") if t in tabellen]
    zelf = pd.concat([tabellen[t][["kind_id", "meting"]] for t in zelf_tabellen]).query("meting == 'T0'")["kind_id"].unique()
    is_zelf = k["kind_id"].isin(zelf)
    spec = params["model"]["achtergrond"]["kinderen"]
    for kolom in ("migratieachtergrond", "ouders_ooit_gescheiden"):
        for groep, kies in (("totaal", slice(None)), ("zelf", is_zelf)):
            aandeel = k.loc[kies, kolom].value_counts(normalize=True) * 100
            for code, procent in spec[kolom][groep].items():
                assert abs(aandeel.get(code, 0.0) - procent) < 0.5, (kolom, groep, code)
    # A child mostly has its first parent's migration background.
    eerste = tabellen["ouders"].drop_duplicates("gezin_id").set_index("gezin_id")["migratieachtergrond"]
    assert (k["migratieachtergrond"].to_numpy() == eerste.loc[k["gezin_id"]].to_numpy()).mean() > 0.9
    # Girls among the children of participating mothers and of participating fathers (Tabel 3.3).
    meisjes = params["personen"]["kinderen"]["aandeel_meisjes"]
    ouders = tabellen["ouders"]
    for geslacht in ("vrouw", "man"):
        gezinnen = ouders.loc[ouders["geslacht"] == geslacht, "gezin_id"]
        kk = k[k["gezin_id"].isin(gezinnen)]
        assert abs((kk["geslacht"] == "meisje").mean() - meisjes[geslacht]) < 0.002, geslacht
