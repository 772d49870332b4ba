"""Tests for analysis.formatting: hand-written expectations plus a babel cross-check.

The hand-written strings are what the report prints. babel (CLDR nl_NL) is used as an
independent reference only for values where half-up and half-even rounding agree.
"""

from __future__ import annotations

import math
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from babel.numbers import format_decimal, format_percent

from analysis.formatting import (
    LEEG,
    aantal,
    effect_tekst,
    getal,
    p_waarde,
    pct,
    stat,
    toets_tekst,
)
from analysis.stats import Toets, effect_label

NAN = float("nan")


# --------------------------------------------------------------------------- getal / aantal


@pytest.mark.parametrize(
    ("x", "dec", "expected"),
    [
        (0, 0, "0"),
        (7, 0, "7"),
        (576, 0, "576"),
        (999, 0, "999"),
        (1000, 0, "1.000"),
        (1024, 0, "1.024"),
        (1150, 0, "1.150"),
        (12345.67, 1, "12.345,7"),
        (1234567.891, 2, "1.234.567,89"),
        (-1024, 0, "-1.024"),
        (-12345.67, 1, "-12.345,7"),
        (3.5, 2, "3,50"),
        (0.05, 3, "0,050"),
        (12.0, 1, "12,0"),
        (999.96, 1, "1.000,0"),  # rounding carries into the thousands group
        (Decimal("12.345"), 2, "12,35"),
    ],
)
def test_getal(x, dec, expected):
    assert getal(x, dec) == expected


@pytest.mark.parametrize(
    ("x", "dec", "expected"),
    [
        # Ties round half-up (away from zero) on the decimal value the reader sees.
        (0.5, 0, "1"),  # round() would give 0 (half-even)
        (1.5, 0, "2"),
        (2.5, 0, "3"),  # round() would give 2
        (2.675, 2, "2,68"),  # the binary double is 2.67499999..., round() gives 2.67
        (1.005, 2, "1,01"),  # binary 1.00499999..., round() gives 1.0
        (0.125, 2, "0,13"),  # exact binary tie, half-even would give 0,12
        (12.45, 1, "12,5"),
        (-0.5, 0, "-1"),  # ROUND_HALF_UP in decimal: ties away from zero
        (-2.5, 0, "-3"),
        (-2.675, 2, "-2,68"),
        (-0.4, 0, "0"),  # no negative zero
        (-0.004, 2, "0,00"),
        (1234.5, 0, "1.235"),
    ],
)
def test_getal_rounds_half_up(x, dec, expected):
    assert getal(x, dec) == expected


@pytest.mark.parametrize("x", [None, NAN, np.nan, pd.NA, float("inf"), -math.inf, Decimal("NaN")])
def test_getal_missing_is_en_dash(x):
    assert getal(x) == "–" == LEEG
    assert getal(x, 2) == "–"


def test_getal_accepts_numpy_and_pandas_scalars():
    assert getal(np.float64(2.675), 2) == "2,68"
    assert getal(np.float32(0.5)) == "1"
    assert getal(np.int64(1234567)) == "1.234.567"
    assert getal(pd.Series([1150]).iloc[0]) == "1.150"
    assert getal(True) == "1"


def test_getal_rejects_strings_and_negative_decimals():
    with pytest.raises(TypeError):
        getal("12")
    with pytest.raises(ValueError):
        getal(1.5, -1)


@pytest.mark.parametrize(
    ("x", "fmt"),
    [
        (1024, "#,##0"), (576, "#,##0"), (1234567, "#,##0"), (-4321, "#,##0"),
        (12345.67, "#,##0.0"), (0.0314, "#,##0.00"), (-98765.4321, "#,##0.00"),
        (2.6749, "#,##0.00"), (1.2345678, "#,##0.000"), (10000.06, "#,##0.0"),
    ],
)
def test_getal_agrees_with_babel_nl(x, fmt):
    # Values chosen so that the rounding digit is not a tie on the decimal value: half-up
    # and half-even then agree. Decimal(repr(x)) makes babel round the decimal value too.
    decimals = len(fmt.split(".")[1]) if "." in fmt else 0
    assert getal(x, decimals) == format_decimal(Decimal(repr(float(x))), format=fmt, locale="nl_NL")


def test_aantal():
    assert aantal(576) == "576"
    assert aantal(1150) == "1.150"
    assert aantal(np.int64(10000)) == "10.000"
    assert aantal(NAN) == "–"


# --------------------------------------------------------------------------- pct


@pytest.mark.parametrize(
    ("x", "dec", "expected"),
    [
        (0.12, 0, "12%"),
        (0.124, 1, "12,4%"),
        (0.125, 0, "13%"),  # half-up; half-even would print 12%
        (0.1245, 1, "12,5%"),  # 12.45 → 12.5 (the double 0.1245 is below the tie)
        (0.135, 0, "14%"),
        (0.005, 0, "1%"),
        (0.0, 0, "0%"),
        (1.0, 0, "100%"),
        (0.6667, 1, "66,7%"),
        (2 / 3, 0, "67%"),
        (12.345, 0, "1.235%"),  # > 100%: thousands separator as well
        (-0.025, 0, "-3%"),
    ],
)
def test_pct_from_fraction(x, dec, expected):
    assert pct(x, dec) == expected


def test_pct_from_percentage():
    assert pct(12.4, van_fractie=False) == "12%"
    assert pct(12.45, 1, van_fractie=False) == "12,5%"
    assert pct(50, van_fractie=False) == "50%"


@pytest.mark.parametrize("x", [None, NAN, pd.NA])
def test_pct_missing(x):
    assert pct(x) == "–"
    assert pct(x, 1, van_fractie=False) == "–"


@pytest.mark.parametrize(("x", "fmt"), [(0.12, "#,##0%"), (0.124, "#,##0.0%"), (0.0371, "#,##0.0%"), (0.87654, "#,##0.00%")])
def test_pct_agrees_with_babel_nl(x, fmt):
    decimals = len(fmt.split(".")[1].rstrip("%")) if "." in fmt else 0
    assert pct(x, decimals) == format_percent(Decimal(repr(x)), format=fmt, locale="nl_NL")


def test_pct_has_no_space_like_cldr_nl():
    assert format_percent(0.12, locale="nl_NL") == "12%"  # CLDR nl default pattern
    assert " " not in pct(0.12) and "\u00a0" not in pct(0.12)


# --------------------------------------------------------------------------- stat / p_waarde


@pytest.mark.parametrize(
    ("x", "dec", "expected"),
    [
        (0.19, 2, ".19"),
        (0.1949, 2, ".19"),
        (0.195, 2, ".20"),  # half-up
        (-0.054, 2, "-.05"),
        (-0.055, 2, "-.06"),  # ties away from zero
        (0.16, 2, ".16"),
        (0.45, 2, ".45"),
        (12.4, 2, "12.40"),
        (85.2149, 2, "85.21"),
        (16.2, 2, "16.20"),
        (0.996, 2, "1.00"),  # rounds up to 1: leading digit kept
        (-3.2051, 2, "-3.21"),
        (1234.5, 2, "1234.50"),  # no thousands separator in statistics
        (0.001, 2, ".00"),
        (-0.001, 2, ".00"),  # rounds to zero: no sign
        (2.675, 2, "2.68"),
        (0.5, 0, "1"),
        (0.0314, 3, ".031"),
    ],
)
def test_stat(x, dec, expected):
    assert stat(x, dec) == expected


def test_stat_keep_leading_zero_and_missing():
    assert stat(0.19, nul_weglaten=False) == "0.19"
    assert stat(-0.054, nul_weglaten=False) == "-0.05"
    assert stat(NAN) == "–"
    assert stat(None) == "–"
    assert stat(math.inf) == "–"


@pytest.mark.parametrize(
    ("p", "expected"),
    [
        (0.0004, "p < .001"),
        (0.0, "p < .001"),
        (1e-12, "p < .001"),
        (0.000999, "p < .001"),
        (0.001, "p = .001"),
        (0.0014, "p = .001"),
        (0.0015, "p = .002"),  # half-up
        (0.0314, "p = .031"),
        (0.0325, "p = .033"),  # half-up; half-even would give .032
        (0.05, "p = .050"),
        (0.0499, "p = .050"),
        (0.5, "p = .500"),
        (0.9996, "p = 1.000"),
        (1.0, "p = 1.000"),
        (NAN, "p = –"),
        (None, "p = –"),
        (np.float64(0.0314), "p = .031"),
    ],
)
def test_p_waarde(p, expected):
    assert p_waarde(p) == expected


@pytest.mark.parametrize("p", [-0.01, 1.2])
def test_p_waarde_out_of_range(p):
    with pytest.raises(ValueError):
        p_waarde(p)


# --------------------------------------------------------------------------- result texts


def mk(toets, statistiek, df, p, maat, effect, n=576):
    return Toets(toets, statistiek, df, p, maat, effect, n, effect_label(maat, effect))


def test_effect_tekst():
    assert effect_tekst(mk("rm_anova", 85.2149, (2, 1150), 1e-30, "eta2_rm", 0.1904)) == "η² = .19, p < .001"
    assert effect_tekst(mk("mixed_anova_interactie", 3.1, (2, 1148), 0.0455, "eta2", 0.0054)) == "η² = .005, p = .046"  # below the small threshold .01: not printed as .01
    assert effect_tekst(mk("chi2", 16.2, (1,), 0.0314, "phi", 0.16)) == "φ = .16, p = .031"
    assert effect_tekst(mk("chi2", 20.5, (2,), 0.00003, "cramers_v", 0.213)) == "V = .21, p < .001"
    assert effect_tekst(mk("t_onafhankelijk", 3.2, (574,), 0.0042, "d", 0.445)) == "d = .45, p = .004"
    assert effect_tekst(mk("pearson_r", -0.23, (574,), 0.05, "r", -0.23)) == "r = -.23, p = .050"
    assert effect_tekst(mk("rm_anova", NAN, (2, 0), NAN, "eta2_rm", NAN)) == "η² = –, p = –"


def test_toets_tekst():
    assert (toets_tekst(mk("rm_anova", 85.2149, (2, 1150), 1e-30, "eta2_rm", 0.1904))
            == "F(2, 1150) = 85.21, p < .001, η² = .19")
    assert (toets_tekst(mk("mixed_anova_interactie", 4.555, (2, 1148), 0.0107, "eta2", 0.0079))
            == "F(2, 1148) = 4.56, p = .011, η² = .008")
    assert toets_tekst(mk("chi2", 16.2, (1,), 0.00006, "phi", 0.16)) == "χ²(1) = 16.20, p < .001, φ = .16"
    assert toets_tekst(mk("chi2", 9.876, (4,), 0.0426, "cramers_v", 0.093)) == "χ²(4) = 9.88, p = .043, V = .09"
    assert toets_tekst(mk("t_onafhankelijk", -3.2051, (574,), 0.0014, "d", -0.271)) == "t(574) = -3.21, p = .001, d = -.27"
    assert toets_tekst(mk("t_een_steekproef", 0.87, (84,), 0.387, "d", 0.094)) == "t(84) = .87, p = .387, d = .09"
    # Correlation: statistic and effect are both r, so r is not repeated.
    assert toets_tekst(mk("pearson_r", 0.2349, (574,), 1e-8, "r", 0.2349)) == "r(574) = .23, p < .001"
    # Undefined result (degenerate subset).
    assert toets_tekst(mk("rm_anova", NAN, (2, 18), NAN, "eta2_rm", NAN)) == "F(2, 18) = –, p = –, η² = –"
    # Non-integral df (e.g. a Welch correction) with two decimals.
    assert toets_tekst(mk("t_onafhankelijk", 2.0, (101.456,), 0.048, "d", 0.3)) == "t(101.46) = 2.00, p = .048, d = .30"


def test_texts_from_real_results():
    # End to end with analysis.stats on a hand-computable 2×2 table: a=30, b=10, c=20,
    # d=40 → chi² = 100/6 = 16.67, phi = sqrt(1/6) = .408, p = erfc(sqrt(chi²/2)) ≈ 4.5e-5.
    from analysis.stats import chi2_phi

    rows = [("ja", "hulp")] * 30 + [("ja", "geen")] * 10 + [("nee", "hulp")] * 20 + [("nee", "geen")] * 40
    t = chi2_phi(pd.DataFrame(rows, columns=["x", "y"]), "x", "y")
    assert toets_tekst(t) == "χ²(1) = 16.67, p < .001, φ = .41"
    assert effect_tekst(t) == "φ = .41, p < .001"


# -- effect sizes at a threshold of Tabel 2.3 --------------------------------------------------
@pytest.mark.parametrize("maat, waarde, verwacht", [
    ("phi", 0.0996, ".0996"),    # .10 and .100 would both read as the small threshold it misses
    ("phi", 0.1000, ".10"),      # reaches it: two decimals
    ("phi", 0.1049, ".10"),
    ("eta2_rm", 0.1281, ".128"),  # .13 would read as a medium effect
    ("eta2_rm", 0.1349, ".13"),
    ("eta2", 0.0055, ".006"),    # .01 is the small threshold of a difference between groups
    ("eta2_rm", 0.0055, ".01"),  # ... but not of a repeated-measures effect (.02)
    ("d", -0.196, "-.196"),
    ("d", 0.45, ".45"),
])
def test_effect_size_never_prints_onto_a_threshold_it_misses(maat, waarde, verwacht):
    from analysis.formatting import effect_getal

    assert effect_getal(maat, waarde) == verwacht


def test_effect_tekst_uses_three_decimals_at_a_threshold():
    from analysis.formatting import effect_tekst, toets_tekst
    from analysis.stats import Toets

    t = Toets("chi2", 5.2, (1,), 0.004, "phi", 0.0996, 520, None)
    assert effect_tekst(t) == "φ = .0996, p = .004"
    assert toets_tekst(t) == "χ²(1) = 5.20, p = .004, φ = .0996"
