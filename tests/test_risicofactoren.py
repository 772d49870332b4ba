"""The seven risk factors and their cumulation (analysis.risicofactoren): hand-made examples,
and Tabel 9.1 recomputed on the default synthetic snapshot."""

import math

import numpy as np
import pandas as pd
import pytest

from analysis import risicofactoren as rf
from analysis.codebook import load_codebook

CB = load_codebook()
NAN = float("nan")


def achtergrond(ouder_id, meting, inkomen="meer_3100", uren=38, opleiding="hbo_wo", samenstelling="samenwonend"):
    return {"ouder_id": ouder_id, "meting": meting, "opleidingsniveau": opleiding, "inkomen": inkomen,
            "uren_betaald_werk": uren, "gezinssamenstelling": samenstelling, "ooit_gescheiden": "nee",
            "aantal_kinderen_ouder_dan_3": 1, "jeugdbescherming": "nee"}


def ace_rij(ouder_id, ja: int, ontbrekend: int = 0):
    """An ACE row (T0) with ``ja`` yes answers, then ``ontbrekend`` missing ones, the rest no."""
    waarden = [1] * ja + [None] * ontbrekend + [0] * (10 - ja - ontbrekend)
    return {"ouder_id": ouder_id, "meting": "T0", **{f"ace_{i:02d}": w for i, w in zip(range(1, 11), waarden)}}


def audit_rij(ouder_id, meting, zelf=(0, 0), partner=(0, 0)):
    return {"ouder_id": ouder_id, "meting": meting, "auditc_1_zelf": zelf[0], "auditc_2_zelf": zelf[1], "auditc_3_zelf": 0,
            "auditc_1_partner": partner[0], "auditc_2_partner": partner[1], "auditc_3_partner": 0}


def test_single_factors_by_the_codebook_rules():
    assert rf.armoede(pd.Series(["minder_1500", "tussen_1500_3100", "meer_3100", None])).tolist()[:3] == [1, 0, 0]
    assert math.isnan(rf.armoede(pd.Series(["minder_1500", None])).iloc[1])
    # fewer than 12 hours is unemployed; exactly 12 is not (codebook choice, Tabel 3.3 counts '> 12')
    uren = rf.werkloos(pd.Series([0, 11, 12, 38, None], dtype="Int64"))
    assert uren.tolist()[:4] == [1, 1, 0, 0] and math.isnan(uren.iloc[4])
    assert rf.laagopgeleid(pd.Series(["basisschool", "mavo_lbo", "anders"])).tolist() == [1, 0, 0]
    assert rf.alleenstaand(pd.Series(["alleenstaand", "samenwonend"])).tolist() == [1, 0]


def test_count_and_cumulation():
    f = pd.DataFrame(
        [[1, 1, 1, 0, 0, 0, 0],      # three: cumulation
         [1, 1, 0, 0, 0, 0, 0],      # two: none
         [1, 1, NAN, 0, 0, 0, 0],    # two known + one unknown: count unknown, cumulation unknown
         [1, 1, 1, NAN, 0, 0, 0],    # three known present: cumulation even with one unknown
         [1, 0, NAN, 0, 0, 0, 0]],   # at most two: no cumulation
        columns=rf.FACTOREN, dtype=float)
    aantal = rf.aantal_risicofactoren(f)
    assert aantal.iloc[0] == 3 and aantal.iloc[1] == 2 and aantal.iloc[2:].isna().all()
    cum = rf.cumulatie(f)
    assert cum.iloc[0] == 1 and cum.iloc[1] == 0 and math.isnan(cum.iloc[2]) and cum.iloc[3] == 1 and cum.iloc[4] == 0
    assert rf.RISICO_CUMULATIE_MIN == 3


def test_risicofactoren_per_parent_and_wave():
    tabellen = {
        "ouders_achtergrond": pd.DataFrame([
            achtergrond("A", "T0", inkomen="minder_1500", uren=0, samenstelling="alleenstaand"),
            achtergrond("A", "T1", inkomen="minder_1500", uren=20, samenstelling="alleenstaand"),
            achtergrond("B", "T0", opleiding="basisschool"),
            achtergrond("B", "T2"),
        ]),
        # A: five ACE's at T0; B: three yes and one missing -> 3,33, fewer than four
        "ace": pd.DataFrame([ace_rij("A", 5), ace_rij("B", 3, ontbrekend=1)]),
        # A at T0: 2-3 times a week, 3-4 glasses -> 8,75 > 8; partner 4+ a week, 1-2 -> 10,5.
        # A at T1: monthly or less -> 0,875 / 0; B at T2: no Audit-C row -> unknown.
        "auditc": pd.DataFrame([audit_rij("A", "T0", zelf=(3, 1), partner=(4, 0)), audit_rij("A", "T1", zelf=(1, 1)),
                                audit_rij("B", "T0")]),
    }
    r = rf.risicofactoren(tabellen).set_index(["ouder_id", "meting"])
    assert list(r.columns) == [*rf.FACTOREN, "aantal", "cumulatie"]
    a0, a1, b0, b2 = (r.loc[k] for k in [("A", "T0"), ("A", "T1"), ("B", "T0"), ("B", "T2")])
    assert a0[rf.FACTOREN].to_dict() == {"ace": 1, "armoede": 1, "werkloos": 1, "alcohol": 1, "alcohol_partner": 1,
                                         "laagopgeleid": 0, "alleenstaand": 1}
    assert a0["aantal"] == 6 and a0["cumulatie"] == 1
    # ACE's from T0 count at T1 too (Tabel 9.1); 20 hours of work is not unemployed
    assert a1["ace"] == 1 and a1["werkloos"] == 0 and a1["alcohol"] == 0 and a1["aantal"] == 3 and a1["cumulatie"] == 1
    assert b0["ace"] == 0 and b0["laagopgeleid"] == 1 and b0["aantal"] == 1 and b0["cumulatie"] == 0
    assert math.isnan(b2["alcohol"]) and math.isnan(b2["aantal"]) and b2["cumulatie"] == 0 and b2["ace"] == 0


def test_names_match_chapter_9():
    """Chapter 9 and Tabel 3.6 read these columns by name; the set must stay the same."""
    from analysis import hoofdstuk9

    assert set(rf.FACTOREN) == set(hoofdstuk9.FACTOREN) and len(rf.FACTOREN) == 7


# -- Tabel 9.1 on the default synthetic snapshot ------------------------------------------------------
#: Tabel 9.1 as printed (r. 6230-6243), % of the parents per wave; the mean number of factors.
TABEL_9_1 = {
    "alleenstaand": [58.5, 58.9, 55.0],
    "werkloos": [47.5, 42.5, 40.9],
    "laagopgeleid": [7.7, 8.2, 7.4],
    "armoede": [45.6, 38.7, 37.4],
    "alcohol": [9.8, 10.4, 9.9],
    "alcohol_partner": [32.9, 25.9, 25.4],
}
TABEL_9_1_CUMULATIE = [2.2, 2.1, 2.0]


@pytest.fixture(scope="module")
def risico_drie_metingen():
    from analysis.populatie import ouders_alle_metingen
    from analysis.synthetic import generate

    tabellen = generate()
    ouders = ouders_alle_metingen(tabellen)
    r = rf.risicofactoren(tabellen)
    return r[r["ouder_id"].isin(ouders["ouder_id"])], len(ouders)


def test_tabel_9_1_on_the_synthetic_snapshot(risico_drie_metingen):
    """The generator was tuned with similar logic; the percentages are within five points of the
    report's and the mean number of factors within 0,15."""
    r, n_ouders = risico_drie_metingen
    assert n_ouders == 633 and len(r) == 3 * 633
    per_meting = r.groupby("meting")[[*rf.FACTOREN, "aantal"]].mean()
    for factor, waarden in TABEL_9_1.items():
        gemeten = 100 * per_meting[factor].to_numpy()
        assert np.allclose(gemeten, waarden, atol=5), (factor, gemeten.round(1))
    assert np.allclose(per_meting["aantal"].to_numpy(), TABEL_9_1_CUMULATIE, atol=0.15), per_meting["aantal"]
    # The mean declines over the waves, as in the table (2,2 -> 2,1 -> 2,0).
    assert per_meting["aantal"].is_monotonic_decreasing
    # ACE's are a T0 measure: the same share in every wave; Tabel 3.6 has 25,5% with four or more (±6).
    assert per_meting["ace"].nunique() == 1 and abs(100 * per_meting["ace"].iloc[0] - 25.5) <= 6
    # Few unknowns (missing hours or Audit-C answers).
    assert r["aantal"].isna().mean() < 0.08 and r["cumulatie"].isna().mean() < 0.03
