"""Tests for analysis.scoring_hulp on tiny hand-made frames (expected values computed by hand)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis import scoring_hulp as sh
from analysis.codebook import load_codebook

NA = pd.NA


def _ips(rijen: list[tuple], sleutel: tuple[str, ...] = ("ouder_id",), instrument: str = "ips_ouder") -> pd.DataFrame:
    """IPS rows: key values, wave, then {column: answer} for the columns that are not 0."""
    kolommen = list(load_codebook().items(instrument)["kolom"])
    data = []
    for *sleutels, meting, antwoorden in rijen:
        rij = dict(zip(sleutel, sleutels), meting=meting)
        rij.update({k: antwoorden.get(k, 0) for k in kolommen})
        data.append(rij)
    df = pd.DataFrame(data)
    for k in kolommen:
        df[k] = df[k].astype("Int64")
    return df


def _iss(rijen: list[tuple], sleutel: tuple[str, ...] = ("ouder_id",), instrument: str = "iss_ouder") -> pd.DataFrame:
    return _ips(rijen, sleutel, instrument)


# ---------------------------------------------------------------------------------------
# Help received
# ---------------------------------------------------------------------------------------
def test_help_per_wave_names_the_provider_types():
    # ips_08 = maatschappelijk werk, ips_05 = Veilig Thuis; an empty answer stays empty.
    df = _ips([("O1", "T0", {"ips_08": 1, "ips_05": NA})])
    uit = sh.ontvangen_per_meting(df, "ips_ouder")
    assert bool(uit.at[0, "maatschappelijk_werk"]) is True
    assert bool(uit.at[0, "ggz"]) is False
    assert pd.isna(uit.at[0, "veilig_thuis"])


def test_help_during_the_study_is_yes_at_any_wave():
    """§7.2: help during the 1.5 years = "ja" at T0, T1 or T2; known = any answer given."""
    df = _ips([
        ("O1", "T0", {}), ("O1", "T1", {"ips_01": 1}), ("O1", "T2", {}),  # GGZ at T1 only
        ("O2", "T0", {}), ("O2", "T2", {}),                                  # never any help
    ])
    leeg = {k: NA for k in load_codebook().items("ips_ouder")["kolom"]}
    df = pd.concat([df, _ips([("O3", "T0", leeg)])], ignore_index=True)  # no answer at all
    uit = sh.ontvangen_periode(sh.ontvangen_per_meting(df, "ips_ouder")).set_index("ouder_id")
    assert uit.loc["O1", "ggz"] and not uit.loc["O1", "wijkteam"]
    assert not uit.loc["O2"].drop("bekend").any() and uit.loc["O2", "bekend"]
    assert not uit.loc["O3", "bekend"]


def test_categories_of_tabel_7_1():
    # O1: Veilig Thuis (specialised, KM/HG row) and family; O2: only the GP; O3: nothing;
    # O4: only friends.
    ips = _ips([("O1", "T0", {"ips_05": 1}), ("O2", "T1", {"ips_09": 1}), ("O3", "T0", {}), ("O4", "T0", {})])
    iss = _iss([("O1", "T0", {"iss_1": 1}), ("O2", "T1", {}), ("O3", "T0", {}), ("O4", "T2", {"iss_2": 1})])
    a = sh.ontvangen_periode(sh.ontvangen_per_meting(ips, "ips_ouder"))
    b = sh.ontvangen_periode(sh.ontvangen_per_meting(iss, "iss_ouder"))
    cat = sh.hulpcategorieen(a.merge(b.drop(columns="bekend"), on="ouder_id")).set_index("ouder_id")
    assert list(cat["hulp_km_hg"]) == [True, False, False, False]
    assert list(cat["gespecialiseerd"]) == [True, False, False, False]
    assert list(cat["formeel"]) == [True, True, False, False]  # the GP counts as formal (Tabel 7.1)
    assert list(cat["medisch"]) == [False, True, False, False]
    assert list(cat["informeel"]) == [True, False, False, True]
    assert list(cat["geen_formeel"]) == [False, False, True, True]
    assert list(cat["geen_hulp"]) == [False, False, True, False]
    assert list(cat["eerste_lijn"]) == [False, False, False, False]


def test_child_help_combines_parents_and_child():
    """§7.3 (rule hulp_kind_combinatie): a type counts when a parent or the child reports it."""
    ips_ok = _ips([("O1", "K1", "T0", {"ips_11": 1}), ("O1", "K2", "T0", {}), ("O2", "K2", "T1", {})],
                  ("ouder_id", "kind_id"), "ips_ouder_kind")
    iss_ok = _iss([("O1", "K1", "T0", {}), ("O1", "K2", "T0", {})], ("ouder_id", "kind_id"), "iss_ouder_kind")
    ips_k = _ips([("K2", "T2", {"ips_01": 1})], ("kind_id",), "ips_kind")
    iss_k = _iss([("K2", "T2", {"iss_2": 1})], ("kind_id",), "iss_kind")
    uit = sh.hulpcategorieen(sh.ontvangen_kind(ips_ok, iss_ok, ips_k, iss_k)).set_index("kind_id")
    assert uit.loc["K1", "jeugdbescherming"] and not uit.loc["K1", "informeel"]
    assert uit.loc["K2", "ggz"] and uit.loc["K2", "informeel"] and uit.loc["K2", "specialistisch_kind"]
    assert list(uit["geen_hulp"]) == [False, False]


# ---------------------------------------------------------------------------------------
# Usefulness, importance, satisfaction
# ---------------------------------------------------------------------------------------
def _oordeel(kolommen: list[str], rijen: list[dict], meting: str = "T2") -> pd.DataFrame:
    df = pd.DataFrame([{"ouder_id": r["ouder_id"], "meting": meting, **{k: r.get(k, NA) for k in kolommen}} for r in rijen])
    for k in kolommen:
        df[k] = df[k].astype("Int64")
    return df


def test_satisfaction_is_usefulness_times_importance():
    assert list(sh.tevredenheid(pd.Series([1, 2, 5]), pd.Series([1, 3, 5]))) == [1, 6, 25]


def test_ratings_long_and_summary():
    cb = load_codebook()
    kol_b = list(cb.items("hulp_belang_ouder")["kolom"])
    kol_n = list(cb.items("hulp_nut_ouder")["kolom"])
    # belang_01/nut_01 = informal help, belang_08/nut_08 = GGZ.
    belang = _oordeel(kol_b, [{"ouder_id": "O1", "belang_01": 1, "belang_08": 2},
                              {"ouder_id": "O2", "belang_01": 2},
                              {"ouder_id": "O3", "belang_01": 4}])
    nut = _oordeel(kol_n, [{"ouder_id": "O1", "nut_01": 2, "nut_08": 5},
                           {"ouder_id": "O2", "nut_01": 2},
                           {"ouder_id": "O3", "nut_01": 4}])
    # A T1 row is ignored: the ratings are those of T2 (rule hulp_oordeel_meting).
    belang = pd.concat([belang, _oordeel(kol_b, [{"ouder_id": "O1", "belang_01": 5}], "T1")], ignore_index=True)
    lang = sh.oordelen(belang, nut, "hulp_belang_ouder", "hulp_nut_ouder")
    informeel = lang[lang["soort"] == "informeel"].set_index("ouder_id")
    assert list(informeel["tevredenheid"]) == [2, 4, 16]
    s = sh.oordeel_samenvatting(informeel["belang"], "belang")
    assert s["n"] == 3 and math.isclose(s["gemiddelde"], 7 / 3)
    assert math.isclose(s["positief"], 2 / 3) and math.isclose(s["negatief"], 1 / 3)
    t = sh.oordeel_samenvatting(informeel["tevredenheid"], "tevredenheid")
    # Products 2, 4, 16: satisfied <= 4 (2 of 3), dissatisfied >= 16 (1 of 3).
    assert math.isclose(t["positief"], 2 / 3) and math.isclose(t["negatief"], 1 / 3)
    # O1 found GGZ important (2) but it did not help (5).
    ggz = lang[lang["soort"] == "ggz"]
    assert list(sh.belangrijk_niet_geholpen(ggz)) == [True]
    assert not sh.belangrijk_niet_geholpen(informeel.reset_index()).any()
    # Formal total of O1 = its one formal category; all help = mean of informal and formal total.
    formeel = sh.oordeel_totaal(lang, ["ggz"], sh.FORMEEL_TOTAAL)
    assert list(formeel["belang"]) == [2] and list(formeel["tevredenheid"]) == [10]
    alle = sh.oordeel_totaal(pd.concat([lang, formeel]), [sh.INFORMEEL, sh.FORMEEL_TOTAAL], "alle_hulp")
    alle = alle.set_index("ouder_id")
    assert alle.loc["O1", "belang"] == 1.5 and alle.loc["O1", "tevredenheid"] == 6
    assert alle.loc["O2", "nut"] == 2


def test_parents_ratings_of_a_child_are_averaged():
    lang = pd.DataFrame({"ouder_id": ["O1", "O2", "O1"], "kind_id": ["K1", "K1", "K2"], "soort": ["ggz", "ggz", "ggz"],
                         "belang": [1.0, 2.0, 3.0], "nut": [2.0, 4.0, 3.0], "tevredenheid": [2.0, 8.0, 9.0]})
    uit = sh.oordelen_per_kind(lang).set_index("kind_id")
    assert uit.loc["K1", "belang"] == 1.5 and uit.loc["K1", "nut"] == 3 and uit.loc["K1", "tevredenheid"] == 5
    assert uit.loc["K2", "tevredenheid"] == 9


def test_summary_of_nothing_is_empty():
    s = sh.oordeel_samenvatting(pd.Series([NA, NA], dtype="Float64"), "nut")
    assert s["n"] == 0 and np.isnan(s["gemiddelde"])
    with pytest.raises(ValueError):
        sh.oordeel_samenvatting(pd.Series([1]), "onzin")


# ---------------------------------------------------------------------------------------
# Personality
# ---------------------------------------------------------------------------------------
def test_qbf_trait_is_the_mean_of_its_items():
    items = load_codebook().items("qbf")
    rij = {k: 4 for k in items["kolom"]}
    extraversie = list(items.loc[items["subschaal"] == "extraversie", "kolom"])
    for k, v in zip(extraversie, [1, 2, 3, 4, 5, NA]):
        rij[k] = v
    df = pd.DataFrame([{"ouder_id": "O1", "meting": "T0", **rij}])
    for k in items["kolom"]:
        df[k] = df[k].astype("Int64")
    uit = sh.qbf_scores(df)
    assert uit.at[0, "extraversie"] == 3.0  # (1+2+3+4+5)/5: the missing item is left out
    assert uit.at[0, "openheid"] == 4.0


def test_hipic_domain_reverses_the_opposite_facets():
    items = load_codebook().items("hipic")
    facet = dict(zip(items["kolom"], items["subschaal"]))
    # Anxiety items 5, self-confidence items 2: emotional stability = mean of (6-5) and 2 = 1.5.
    rij = {k: (5 if f == "angst" else 2 if f == "zelfvertrouwen" else 3) for k, f in facet.items()}
    df = pd.DataFrame([{"kind_id": "K1", "meting": "T0", **rij}])
    for k in items["kolom"]:
        df[k] = df[k].astype("Int64")
    uit = sh.hipic_scores(df)
    assert uit.at[0, "angst"] == 5 and uit.at[0, "zelfvertrouwen"] == 2
    assert uit.at[0, "emotionele_stabiliteit"] == 1.5
    assert uit.at[0, "vindingrijkheid"] == 3.0
    # Welwillendheid: altruism 3, dominance and egocentrism reversed (6 - 3 = 3): 3.
    assert uit.at[0, "welwillendheid"] == 3.0
