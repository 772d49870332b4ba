"""Tests for analysis.stats against hand computations and independent implementations.

Every expected value comes from a hand calculation (closed forms in the comments) or from
statsmodels / scipy / pingouin (pingouin is a test-only dependency); never from the
function under test.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pingouin as pg
import pytest
from scipy import stats as sps
from statsmodels.stats.anova import AnovaRM

from analysis import stats as st
from analysis.stats import (
    ALPHA,
    EFFECT_DREMPELS,
    Toets,
    chi2_phi,
    effect_label,
    is_betekenisvol,
    mixed_anova,
    mixed_anova_groep,
    pearson_r,
    rm_anova,
    t_test_ind,
    t_test_one_sample,
)

TOL = 1e-8
TIJDEN = ["T0", "T1", "T2"]


def long_data(n: int, seed: int, *, binary: bool = False, groups: tuple[str, ...] = ("hulp", "geen hulp"),
              group_sizes: tuple[int, ...] | None = None, effect: float = 0.3) -> pd.DataFrame:
    """Random long-format panel: subject × T0/T1/T2 with a between group."""
    rng = np.random.default_rng(seed)
    if group_sizes is None:
        grp = rng.choice(groups, size=n)
    else:
        grp = np.repeat(groups, group_sizes)
        n = len(grp)
    subj_effect = rng.normal(0, 1, n)
    rows = []
    for i in range(n):
        for j, t in enumerate(TIJDEN):
            mu = subj_effect[i] + effect * j + (0.4 * j if grp[i] == groups[0] else 0.0)
            y = mu + rng.normal(0, 1)
            if binary:
                y = float(y > 0.5)
            rows.append({"gezin": f"g{i:04d}", "meting": t, "groep": grp[i], "y": y})
    return pd.DataFrame(rows)


def assert_close(a: float, b: float, tol: float = TOL) -> None:
    assert a == pytest.approx(b, rel=tol, abs=tol)


def assert_degenerate(t: Toets) -> None:
    assert math.isnan(t.statistiek) and math.isnan(t.p) and math.isnan(t.effect)
    assert t.label is None
    assert not t.significant
    assert not is_betekenisvol(t)


# --------------------------------------------------------------------------- effect labels


def test_effect_drempels_match_tabel_2_3():
    assert EFFECT_DREMPELS == {
        "r": (0.1, 0.3, 0.5),
        "phi": (0.1, 0.3, 0.5),
        "cramers_v": (0.1, 0.3, 0.5),
        "d": (0.2, 0.5, 0.8),
        "eta2": (0.01, 0.06, 0.14),
        "eta2_rm": (0.02, 0.13, 0.26),
    }


@pytest.mark.parametrize(
    ("maat", "value", "expected"),
    [
        ("r", 0.0, None), ("r", 0.099, None), ("r", 0.1, "klein"), ("r", 0.29, "klein"),
        ("r", 0.3, "gemiddeld"), ("r", 0.5, "groot"), ("r", -0.35, "gemiddeld"), ("r", 1.0, "groot"),
        ("phi", 0.16, "klein"), ("cramers_v", 0.31, "gemiddeld"),
        ("d", 0.19, None), ("d", 0.2, "klein"), ("d", -0.5, "gemiddeld"), ("d", 0.8, "groot"), ("d", 2.3, "groot"),
        ("eta2", 0.009, None), ("eta2", 0.01, "klein"), ("eta2", 0.06, "gemiddeld"), ("eta2", 0.14, "groot"),
        ("eta2_rm", 0.019, None), ("eta2_rm", 0.02, "klein"), ("eta2_rm", 0.13, "gemiddeld"),
        ("eta2_rm", 0.19, "gemiddeld"), ("eta2_rm", 0.26, "groot"),
        ("eta2", float("nan"), None), ("r", None, None),
    ],
)
def test_effect_label(maat, value, expected):
    assert effect_label(maat, value) == expected


def test_effect_label_unknown_measure():
    with pytest.raises(KeyError):
        effect_label("omega2", 0.5)


def test_toets_significant_and_betekenisvol():
    def mk(p, effect, maat="eta2_rm"):
        return Toets("rm_anova", 5.0, (2, 100), p, maat, effect, 51, effect_label(maat, effect))

    assert ALPHA == 0.05
    assert mk(0.049, 0.19).significant and is_betekenisvol(mk(0.049, 0.19))
    assert not mk(0.05, 0.19).significant  # p < ALPHA, strictly
    # Significant but below "small" (0.02 for repeated measures): not meaningful.
    assert mk(0.001, 0.015).significant and not is_betekenisvol(mk(0.001, 0.015))
    assert not is_betekenisvol(mk(0.2, 0.3))
    assert not mk(float("nan"), 0.3).significant


def test_toets_as_dict_and_normalisation():
    t = Toets("chi2", np.float64(16.2), (np.int64(1),), np.float64(1e-4), "phi", np.float64(0.16), np.int64(576), "klein")
    d = t.as_dict()
    assert d == {
        "toets": "chi2", "statistiek": 16.2, "df": (1,), "p": 1e-4, "effectmaat": "phi", "effect": 0.16,
        "n": 576, "label": "klein", "significant": True, "betekenisvol": True,
    }
    assert type(d["statistiek"]) is float and type(d["n"]) is int and type(d["df"][0]) is int
    with pytest.raises(AttributeError):
        t.p = 0.5  # frozen


# --------------------------------------------------------------------------- rm_anova


def test_rm_anova_hand_computed_3x3():
    # Subjects × times:       T0 T1 T2 | row mean
    #   s1                     1  3  5 |   3
    #   s2                     2  5  5 |   4
    #   s3                     3  4  8 |   5
    # column means 2, 4, 6; grand mean 4.
    # SS_time  = 3·[(2−4)² + 0² + (6−4)²] = 24
    # SS_subj  = 3·[(3−4)² + 0² + (5−4)²] = 6
    # SS_total = (9+1+1) + (4+1+1) + (1+0+16) = 34
    # SS_error = 34 − 24 − 6 = 4;  df = (2, 4)
    # F = (24/2) / (4/4) = 12;  partial η² = 24 / (24 + 4) = 6/7
    # For df1 = 2: P(F > x) = (1 + 2x/df2)^(−df2/2) = (1 + 24/4)^(−2) = 1/49
    y = {"s1": [1, 3, 5], "s2": [2, 5, 5], "s3": [3, 4, 8]}
    df = pd.DataFrame([(s, t, v) for s, vals in y.items() for t, v in zip(TIJDEN, vals)],
                      columns=["gezin", "meting", "y"])
    t = rm_anova(df, "gezin", "meting", "y")
    assert t.toets == "rm_anova" and t.effectmaat == "eta2_rm"
    assert t.df == (2, 4) and t.n == 3
    assert_close(t.statistiek, 12.0)
    assert_close(t.p, 1 / 49)
    assert_close(t.effect, 6 / 7)
    assert t.label == "groot" and t.significant and is_betekenisvol(t)


@pytest.mark.parametrize(("seed", "binary"), [(1, False), (2, False), (3, True), (4, True)])
def test_rm_anova_matches_statsmodels_and_pingouin(seed, binary):
    df = long_data(120, seed, binary=binary)
    t = rm_anova(df, "gezin", "meting", "y")

    sm = AnovaRM(df, depvar="y", subject="gezin", within=["meting"]).fit().anova_table.iloc[0]
    assert t.df == (int(sm["Num DF"]), int(sm["Den DF"])) == (2, 238)
    assert_close(t.statistiek, sm["F Value"])
    assert_close(t.p, sm["Pr > F"])

    pgr = pg.rm_anova(df, dv="y", within="meting", subject="gezin", correction=False, effsize="np2").iloc[0]
    assert_close(t.statistiek, pgr["F"])
    assert_close(t.p, pgr["p_unc"])
    assert_close(t.effect, pgr["np2"])
    assert t.n == 120
    assert t.label == effect_label("eta2_rm", pgr["np2"])


def test_rm_anova_two_levels_equals_paired_t_squared():
    df = long_data(80, 11)
    df = df[df["meting"] != "T2"]
    t = rm_anova(df, "gezin", "meting", "y")
    w = df.pivot(index="gezin", columns="meting", values="y")
    ref = sps.ttest_rel(w["T0"], w["T1"])
    assert t.df == (1, 79)
    assert_close(t.statistiek, ref.statistic**2)
    assert_close(t.p, ref.pvalue)


def test_rm_anova_listwise_deletion():
    df = long_data(60, 5)
    complete = df.copy()
    # g0000 misses T2 (row absent), g0001 has a missing dv at T1: both dropped listwise.
    df = df[~((df["gezin"] == "g0000") & (df["meting"] == "T2"))].copy()
    df.loc[(df["gezin"] == "g0001") & (df["meting"] == "T1"), "y"] = np.nan
    t = rm_anova(df, "gezin", "meting", "y")
    ref_df = complete[~complete["gezin"].isin(["g0000", "g0001"])]
    ref = AnovaRM(ref_df, depvar="y", subject="gezin", within=["meting"]).fit().anova_table.iloc[0]
    assert t.n == 58 and t.df == (2, 114)
    assert_close(t.statistiek, ref["F Value"])
    assert_close(t.p, ref["Pr > F"])


def test_rm_anova_row_order_and_categorical_levels_irrelevant():
    df = long_data(40, 6)
    a = rm_anova(df, "gezin", "meting", "y")
    shuffled = df.sample(frac=1, random_state=1).assign(
        meting=lambda d: pd.Categorical(d["meting"], categories=["T2", "T0", "T1", "T9"]))
    b = rm_anova(shuffled, "gezin", "meting", "y")  # unused category T9 is ignored
    assert b.df == a.df == (2, 78)
    assert_close(b.statistiek, a.statistiek)


def test_rm_anova_duplicate_rows_raise():
    df = long_data(5, 7)
    with pytest.raises(ValueError, match="duplicate"):
        rm_anova(pd.concat([df, df.iloc[[0]]]), "gezin", "meting", "y")


def test_rm_anova_degenerate():
    df = long_data(10, 8)
    # Zero variance: everyone 1 at every time point.
    assert_degenerate(rm_anova(df.assign(y=1.0), "gezin", "meting", "y"))
    # Zero error term (every family changes identically: 0 → 1 → 1): F would be x/0.
    same = df.assign(y=df["meting"].map({"T0": 0.0, "T1": 1.0, "T2": 1.0}))
    t = rm_anova(same, "gezin", "meting", "y")
    assert_degenerate(t)
    assert t.n == 10 and t.df == (2, 18)
    # One subject, no subjects, one level.
    one = rm_anova(df[df["gezin"] == "g0000"], "gezin", "meting", "y")
    assert_degenerate(one)
    assert one.n == 1
    empty = rm_anova(df.iloc[0:0], "gezin", "meting", "y")
    assert_degenerate(empty)
    assert empty.n == 0
    assert_degenerate(rm_anova(df[df["meting"] == "T0"], "gezin", "meting", "y"))


# --------------------------------------------------------------------------- mixed_anova


@pytest.mark.parametrize(
    ("seed", "groups", "sizes", "binary"),
    [
        (21, ("hulp", "geen hulp"), None, False),
        (22, ("hulp", "geen hulp"), (30, 75), False),
        (23, ("a", "b", "c"), (20, 35, 50), False),
        (24, ("hulp", "geen hulp"), (60, 40), True),
    ],
)
def test_mixed_anova_matches_pingouin(seed, groups, sizes, binary):
    df = long_data(100, seed, groups=groups, group_sizes=sizes, binary=binary)
    t = mixed_anova(df, "gezin", "meting", "groep", "y")
    ref = pg.mixed_anova(df, dv="y", within="meting", subject="gezin", between="groep",
                         correction=False, effsize="np2")
    row = ref.set_index("Source").loc["Interaction"]
    assert t.toets == "mixed_anova_interactie" and t.effectmaat == "eta2"
    assert t.df == (int(row["DF1"]), int(row["DF2"]))
    assert_close(t.statistiek, row["F"])
    assert_close(t.p, row["p_unc"])
    assert_close(t.effect, row["np2"])
    assert t.n == df["gezin"].nunique()
    assert t.label == effect_label("eta2", row["np2"])


def test_mixed_anova_two_levels_equals_oneway_on_change_scores():
    # With two time points the group × time interaction F equals the one-way ANOVA F of
    # the change scores (T1 − T0) between groups (independent check via scipy).
    df = long_data(90, 31, groups=("a", "b", "c"), group_sizes=(25, 30, 35))
    df = df[df["meting"] != "T2"]
    t = mixed_anova(df, "gezin", "meting", "groep", "y")
    w = df.pivot(index="gezin", columns="meting", values="y")
    change = (w["T1"] - w["T0"]).to_frame("d").join(df.groupby("gezin")["groep"].first())
    ref = sps.f_oneway(*[g["d"].to_numpy() for _, g in change.groupby("groep")])
    assert t.df == (2, 87)
    assert_close(t.statistiek, ref.statistic)
    assert_close(t.p, ref.pvalue)


def test_mixed_anova_listwise_and_missing_group():
    df = long_data(50, 41)
    full = df.copy()
    df = df[~((df["gezin"] == "g0003") & (df["meting"] == "T0"))].copy()
    df.loc[df["gezin"] == "g0004", "groep"] = np.nan
    t = mixed_anova(df, "gezin", "meting", "groep", "y")
    ref_df = full[~full["gezin"].isin(["g0003", "g0004"])]
    row = pg.mixed_anova(ref_df, dv="y", within="meting", subject="gezin", between="groep",
                         correction=False).set_index("Source").loc["Interaction"]
    assert t.n == 48
    assert_close(t.statistiek, row["F"])


def test_mixed_anova_group_not_constant_raises():
    df = long_data(6, 42)
    df.loc[(df["gezin"] == "g0000") & (df["meting"] == "T2"), "groep"] = "anders"
    with pytest.raises(ValueError, match="constant"):
        mixed_anova(df, "gezin", "meting", "groep", "y")


def test_mixed_anova_degenerate():
    df = long_data(12, 43, group_sizes=(6, 6))
    # Only one group present (regional subset).
    t = mixed_anova(df[df["groep"] == "hulp"], "gezin", "meting", "groep", "y")
    assert_degenerate(t)
    assert t.n == 6
    # Two subjects in two groups: n − G = 0 error df.
    two = df[df["gezin"].isin(["g0000", "g0011"])]
    assert_degenerate(mixed_anova(two, "gezin", "meting", "groep", "y"))
    # No within-subject variation at all.
    flat = df.assign(y=df["gezin"].str[1:].astype(int).astype(float))
    assert_degenerate(mixed_anova(flat, "gezin", "meting", "groep", "y"))
    assert_degenerate(mixed_anova(df.iloc[0:0], "gezin", "meting", "groep", "y"))


@pytest.mark.parametrize(
    ("seed", "groups", "sizes", "binary"),
    [
        (31, ("geen", "wel"), (12, 24), False),
        (32, ("a", "b", "c"), (20, 35, 50), False),
        (33, ("hulp", "geen hulp"), (60, 40), True),
    ],
)
def test_mixed_anova_groep_matches_pingouins_between_effect(seed, groups, sizes, binary):
    df = long_data(0, seed, groups=groups, group_sizes=sizes, binary=binary, effect=0.5)
    # A level difference between the groups, so the main effect is not only noise.
    df["y"] = df["y"] + np.where(df["groep"] == groups[-1], 0.0 if binary else 0.8, 0.0)
    t = mixed_anova_groep(df, "gezin", "meting", "groep", "y")
    ref = pg.mixed_anova(df, dv="y", within="meting", subject="gezin", between="groep",
                         correction=False, effsize="np2").set_index("Source").loc["groep"]
    assert t.toets == "mixed_anova_groep" and t.effectmaat == "eta2"
    assert t.df == (int(ref["DF1"]), int(ref["DF2"])) == (len(groups) - 1, sum(sizes) - len(groups))
    assert_close(t.statistiek, ref["F"])
    assert_close(t.p, ref["p_unc"])
    assert_close(t.effect, ref["np2"])
    assert t.n == sum(sizes)
    assert t.label == effect_label("eta2", ref["np2"])


def test_mixed_anova_groep_hand_computed_and_listwise():
    """Two groups of two subjects, two waves. Subject means: a 1, b 3 (group g), c 5, d 7 (group h);
    grand 4, group means 2 and 6. SS_group = 2·(2·4 + 2·4) = 32; SS_subjects = 2·(9+1+1+9) = 40;
    SS_error = 8; F = (32/1) / (8/2) = 8; partial η² = 32/40 = .8. Subject e misses T1: dropped."""
    rijen = [("a", "T0", "g", 0.0), ("a", "T1", "g", 2.0), ("b", "T0", "g", 3.0), ("b", "T1", "g", 3.0),
             ("c", "T0", "h", 4.0), ("c", "T1", "h", 6.0), ("d", "T0", "h", 7.0), ("d", "T1", "h", 7.0),
             ("e", "T0", "h", 100.0)]
    df = pd.DataFrame(rijen, columns=["gezin", "meting", "groep", "y"])
    t = mixed_anova_groep(df, "gezin", "meting", "groep", "y")
    assert t.df == (1, 2) and t.n == 4
    assert_close(t.statistiek, 8.0)
    assert_close(t.effect, 0.8)
    assert_close(t.p, sps.f.sf(8.0, 1, 2))


def test_mixed_anova_groep_degenerate():
    df = long_data(12, 43, group_sizes=(6, 6))
    t = mixed_anova_groep(df[df["groep"] == "hulp"], "gezin", "meting", "groep", "y")  # one group
    assert_degenerate(t)
    assert t.n == 6
    two = df[df["gezin"].isin(["g0000", "g0011"])]  # n − G = 0 error df
    assert_degenerate(mixed_anova_groep(two, "gezin", "meting", "groep", "y"))
    assert_degenerate(mixed_anova_groep(df.assign(y=3.0), "gezin", "meting", "groep", "y"))  # no variation
    assert_degenerate(mixed_anova_groep(df.iloc[0:0], "gezin", "meting", "groep", "y"))
    # Within-subject variation alone does not make the group effect degenerate.
    flat = df.assign(y=df["gezin"].str[1:].astype(int).astype(float))
    assert math.isfinite(mixed_anova_groep(flat, "gezin", "meting", "groep", "y").statistiek)


# --------------------------------------------------------------------------- chi2_phi


def crosstab_frame(table: list[list[int]], rows=("ja", "nee"), cols=("hulp", "geen hulp")) -> pd.DataFrame:
    recs = [(r, c) for i, r in enumerate(rows) for j, c in enumerate(cols) for _ in range(table[i][j])]
    return pd.DataFrame(recs, columns=["geweld", "groep"])


def test_chi2_phi_hand_computed_2x2():
    # a=30, b=10, c=20, d=40, n=100.
    # chi² = n(ad − bc)² / [(a+b)(c+d)(a+c)(b+d)] = 100·1000² / (40·60·50·50) = 100/6
    # phi = sqrt(chi²/n) = sqrt(1/6); df = 1; p = erfc(sqrt(chi²/2)) for df = 1.
    df = crosstab_frame([[30, 10], [20, 40]])
    t = chi2_phi(df, "geweld", "groep")
    assert t.toets == "chi2" and t.effectmaat == "phi"
    assert t.df == (1,) and t.n == 100
    assert_close(t.statistiek, 100 / 6)
    assert_close(t.effect, math.sqrt(1 / 6))
    assert_close(t.p, math.erfc(math.sqrt(100 / 6 / 2)))
    assert t.label == "gemiddeld"


@pytest.mark.parametrize(
    "table",
    [[[12, 30], [25, 18]], [[5, 7], [9, 3]], [[40, 10, 22], [15, 30, 18]], [[8, 4], [6, 9], [3, 12], [7, 7]]],
)
def test_chi2_phi_matches_scipy(table):
    df = crosstab_frame(table, rows=[f"r{i}" for i in range(len(table))],
                        cols=[f"c{j}" for j in range(len(table[0]))])
    t = chi2_phi(df, "geweld", "groep")
    ref = sps.chi2_contingency(np.array(table), correction=False)
    n = int(np.sum(table))
    assert t.df == (ref.dof,) and t.n == n
    assert_close(t.statistiek, ref.statistic)
    assert_close(t.p, ref.pvalue)
    r, c = np.array(table).shape
    if (r, c) == (2, 2):
        assert t.effectmaat == "phi"
        # |phi| from the 2×2 formula (ad − bc) / sqrt(product of margins).
        (a, b), (cc, d) = table
        phi = (a * d - b * cc) / math.sqrt((a + b) * (cc + d) * (a + cc) * (b + d))
        assert_close(t.effect, abs(phi))
    else:
        assert t.effectmaat == "cramers_v"
        v = sps.contingency.association(np.array(table), method="cramer")
        assert_close(t.effect, v)


def test_chi2_phi_missing_and_unused_categories():
    df = crosstab_frame([[12, 30], [25, 18]])
    df.loc[0, "groep"] = np.nan
    df["geweld"] = pd.Categorical(df["geweld"], categories=["ja", "nee", "onbekend"])
    t = chi2_phi(df, "geweld", "groep")
    ref = sps.chi2_contingency(np.array([[11, 30], [25, 18]]), correction=False)
    assert t.n == 84 and t.df == (1,) and t.effectmaat == "phi"
    assert_close(t.statistiek, ref.statistic)


def test_chi2_phi_degenerate():
    df = crosstab_frame([[12, 30], [0, 0]])  # only "ja" observed
    t = chi2_phi(df, "geweld", "groep")
    assert_degenerate(t)
    assert t.n == 42
    assert_degenerate(chi2_phi(df.iloc[0:0], "geweld", "groep"))


# --------------------------------------------------------------------------- t-tests


def test_t_test_ind_matches_scipy_and_pingouin():
    rng = np.random.default_rng(51)
    a, b = rng.normal(10.5, 2, 70), rng.normal(9.6, 2.5, 45)
    df = pd.DataFrame({"groep": ["hulp"] * 70 + ["geen hulp"] * 45, "score": np.r_[a, b]})
    t = t_test_ind(df, "groep", "score", levels=("hulp", "geen hulp"))
    ref = sps.ttest_ind(a, b, equal_var=True)
    assert t.toets == "t_onafhankelijk" and t.effectmaat == "d"
    assert t.df == (113,) and t.n == 115
    assert_close(t.statistiek, ref.statistic)
    assert_close(t.p, ref.pvalue)
    assert_close(t.effect, pg.compute_effsize(a, b, paired=False, eftype="cohen"))
    assert t.label == effect_label("d", pg.compute_effsize(a, b, eftype="cohen"))
    # Without levels: sorted order ("geen hulp" < "hulp") flips the sign.
    t2 = t_test_ind(df, "groep", "score")
    assert_close(t2.statistiek, -ref.statistic)
    assert_close(t2.effect, -t.effect)


def test_t_test_ind_hand_computed():
    # a = [1, 2, 3] (mean 2, SS 2), b = [4, 5, 6, 7] (mean 5.5, SS 5); df = 5
    # s_p² = 7/5; t = (2 − 5.5) / sqrt(7/5 · (1/3 + 1/4)) = −3.5 / sqrt(49/60) = −3.5·sqrt(60)/7
    # d = −3.5 / sqrt(7/5)
    df = pd.DataFrame({"g": [0, 0, 0, 1, 1, 1, 1], "y": [1, 2, 3, 4, 5, 6, 7]})
    t = t_test_ind(df, "g", "y")
    assert t.df == (5,)
    assert_close(t.statistiek, -3.5 * math.sqrt(60) / 7)
    assert_close(t.effect, -3.5 / math.sqrt(7 / 5))


def test_t_test_ind_levels_and_missing():
    df = pd.DataFrame({"g": ["a", "b", "c", "a", "b", "c", "a", "b", None, "a"],
                       "y": [1.0, 2.0, 3.0, 2.0, 4.0, 5.0, 3.5, np.nan, 9.0, 1.5]})
    with pytest.raises(ValueError, match="levels"):
        t_test_ind(df, "g", "y")
    t = t_test_ind(df, "g", "y", levels=("a", "b"))
    ref = sps.ttest_ind([1.0, 2.0, 3.5, 1.5], [2.0, 4.0])
    assert t.n == 6 and t.df == (4,)
    assert_close(t.statistiek, ref.statistic)


def test_t_test_ind_degenerate():
    df = pd.DataFrame({"g": ["a", "a", "b", "b"], "y": [3.0, 3.0, 3.0, 3.0]})
    assert_degenerate(t_test_ind(df, "g", "y"))  # zero variance
    one_group = t_test_ind(df[df["g"] == "a"].assign(y=[1.0, 2.0]), "g", "y")
    assert_degenerate(one_group)
    assert one_group.n == 2
    absent = t_test_ind(df.assign(y=[1.0, 2.0, 3.0, 4.0]), "g", "y", levels=("a", "z"))
    assert_degenerate(absent)
    assert_degenerate(t_test_ind(pd.DataFrame({"g": ["a", "b"], "y": [1.0, 2.0]}), "g", "y"))  # df = 0


def test_t_test_one_sample_matches_scipy_and_pingouin():
    rng = np.random.default_rng(61)
    x = rng.normal(52.0, 9.0, 85)
    x_missing = np.r_[x, np.nan]
    t = t_test_one_sample(x_missing, 50.0)
    ref = sps.ttest_1samp(x, 50.0)
    assert t.toets == "t_een_steekproef" and t.effectmaat == "d"
    assert t.df == (84,) and t.n == 85
    assert_close(t.statistiek, ref.statistic)
    assert_close(t.p, ref.pvalue)
    pgt = pg.ttest(x, 50.0).iloc[0]
    assert_close(abs(t.effect), pgt["cohen_d"] if "cohen_d" in pgt else pgt["cohen-d"])
    assert_close(t.effect, (x.mean() - 50.0) / x.std(ddof=1))
    # Works on a pandas Series and a plain list too.
    assert_close(t_test_one_sample(pd.Series(x), 50.0).statistiek, ref.statistic)
    assert_close(t_test_one_sample(list(x), 50.0).statistiek, ref.statistic)


def test_t_test_one_sample_hand_computed_and_degenerate():
    # x = [2, 4, 6]: mean 4, sd 2; vs 3: t = 1 / (2/sqrt 3) = sqrt(3)/2, d = 0.5, df = 2.
    # Two-sided p for t with 2 df: p = 1 − t / sqrt(2 + t²) = 1 − (sqrt3/2)/sqrt(11/4) = 1 − sqrt(3/11)
    t = t_test_one_sample([2, 4, 6], 3)
    assert t.df == (2,)
    assert_close(t.statistiek, math.sqrt(3) / 2)
    assert_close(t.effect, 0.5)
    assert_close(t.p, 1 - math.sqrt(3 / 11))
    assert t.label == "gemiddeld"
    assert_degenerate(t_test_one_sample([5.0, 5.0, 5.0], 3))
    assert_degenerate(t_test_one_sample([5.0], 3))
    assert_degenerate(t_test_one_sample([], 3))


# --------------------------------------------------------------------------- pearson_r


@pytest.mark.parametrize(("n", "rho", "seed"), [(576, 0.25, 71), (30, -0.4, 72), (8, 0.1, 73)])
def test_pearson_r_matches_scipy(n, rho, seed):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n)
    y = rho * x + math.sqrt(1 - rho**2) * rng.normal(size=n)
    df = pd.DataFrame({"x": x, "y": y})
    t = pearson_r(df, "x", "y")
    ref = sps.pearsonr(x, y)
    assert t.toets == "pearson_r" and t.effectmaat == "r"
    assert t.df == (n - 2,) and t.n == n
    assert_close(t.statistiek, ref.statistic)
    assert_close(t.effect, ref.statistic)
    assert_close(t.p, ref.pvalue)
    assert t.label == effect_label("r", ref.statistic)


def test_pearson_r_pairwise_missing_and_degenerate():
    df = pd.DataFrame({"x": [1.0, 2.0, 3.0, 4.0, np.nan, 6.0], "y": [2.0, 1.0, 4.0, 3.0, 5.0, np.nan]})
    t = pearson_r(df, "x", "y")
    ref = sps.pearsonr([1, 2, 3, 4], [2, 1, 4, 3])
    assert t.n == 4 and t.df == (2,)
    assert_close(t.statistiek, ref.statistic)  # = 0.6 (hand: Sxy = 3, Sxx = Syy = 5)
    assert_close(t.statistiek, 0.6)
    assert_close(t.p, ref.pvalue)
    perfect = pearson_r(pd.DataFrame({"x": [1.0, 2.0, 3.0], "y": [2.0, 4.0, 6.0]}), "x", "y")
    assert_close(perfect.statistiek, 1.0)
    assert perfect.p == 0.0 and perfect.label == "groot"
    assert_degenerate(pearson_r(pd.DataFrame({"x": [1.0, 2.0, 3.0], "y": [5.0, 5.0, 5.0]}), "x", "y"))
    assert_degenerate(pearson_r(df.iloc[:2], "x", "y"))


def test_analysis_modules_do_not_import_pingouin():
    # pingouin is a test-only dependency: check the actual import statements.
    import ast
    import inspect

    from analysis import formatting

    for module in (st, formatting):
        tree = ast.parse(inspect.getsource(module))
        imported = {a.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names}
        imported |= {(node.module or "").split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert "pingouin" not in imported
