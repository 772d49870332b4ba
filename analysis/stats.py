"""The statistical tests the report uses, each returning one tidy :class:`Toets`.

Report: "Kwestie van lange adem" (Verwey-Jonker Instituut), §2.7 "Analyses". The report
compares the three measurements T0–T1–T2 with a repeated measures (M)ANOVA (main effect
of time), compares groups over time with a mixed ANOVA (group × time interaction; chapter 8
also its main effect of group), compares proportions with Pearson's chi-square, means with
t-tests (independent groups, and one-sample against a reference-group mean) and
associations with Pearson's r. Effect sizes are labelled by the thresholds of Tabel 2.3
(§2.7); the report does not call an effect meaningful ("betekenisvol") when it is below
"small", even when it is significant.

Conventions
-----------
* Input is a pandas DataFrame in long format (one row per subject × measurement for the
  repeated-measures tests; one row per observation otherwise).
* Missing values are dropped: listwise per subject for the repeated-measures designs (only
  subjects with a value at every level of ``within`` are used), pairwise (rows with a
  missing value in one of the columns involved) for the other tests. ``Toets.n`` is the
  number of subjects/observations actually used.
* The core statistics are computed here from sums of squares / counts with numpy; scipy is
  used only for the distribution tails (p-values). The test suite checks every function
  against statsmodels, scipy and pingouin.
* Degenerate input never raises: when a statistic is undefined (too few subjects or
  observations, fewer than two levels/groups/categories, zero variance, or a zero error
  term so that F would be a division by zero) the result has ``statistiek``, ``p`` and
  ``effect`` NaN, ``label`` None, and is neither significant nor meaningful. Regional
  subsets can be tiny, so callers get a printable "–" instead of a crash. Input that is
  *wrong* rather than degenerate (duplicate subject × measurement rows, a subject in two
  between-groups, more than two groups for a t-test without ``levels``) raises
  ``ValueError``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats as _sps

__all__ = [
    "ALPHA",
    "EFFECT_DREMPELS",
    "EFFECT_LABELS",
    "Toets",
    "chi2_phi",
    "effect_label",
    "is_betekenisvol",
    "mixed_anova",
    "mixed_anova_groep",
    "pearson_r",
    "rm_anova",
    "t_test_ind",
    "t_test_one_sample",
]

#: Significance level used throughout the report (§2.7).
ALPHA = 0.05

#: Effect-size thresholds (small, medium, large) of Tabel 2.3 (§2.7). A value counts as
#: "klein"/"gemiddeld"/"groot" when its absolute value is at or above the threshold.
#: "eta2" is the partial eta squared of a difference between groups (mixed ANOVA
#: interaction), "eta2_rm" the partial eta squared of a repeated-measures effect (time).
#: Cramér's V (r × c tables larger than 2 × 2) uses the phi thresholds.
EFFECT_DREMPELS: Mapping[str, tuple[float, float, float]] = {
    "r": (0.1, 0.3, 0.5),
    "phi": (0.1, 0.3, 0.5),
    "cramers_v": (0.1, 0.3, 0.5),
    "d": (0.2, 0.5, 0.8),
    "eta2": (0.01, 0.06, 0.14),
    "eta2_rm": (0.02, 0.13, 0.26),
}

#: Dutch labels printed in the report, in the order of the thresholds above.
EFFECT_LABELS: tuple[str, str, str] = ("klein", "gemiddeld", "groot")

_NAN = float("nan")
# Relative tolerance below which a sum of squares counts as zero (floating-point noise).
_REL_EPS = 1e-12


# --------------------------------------------------------------------------- result type


@dataclass(frozen=True)
class Toets:
    """Tidy result of one statistical test ("toets" = test).

    Fields:
        toets: which test, e.g. ``"rm_anova"``, ``"mixed_anova_interactie"``, ``"chi2"``,
            ``"t_onafhankelijk"``, ``"t_een_steekproef"``, ``"pearson_r"``.
        statistiek: the test statistic (F, chi2, t or r); NaN when undefined.
        df: degrees of freedom, e.g. ``(2, 1150)`` for F, ``(1,)`` for chi2/t/r.
        p: two-sided p-value; NaN when undefined.
        effectmaat: which effect size, ``"eta2_rm"``, ``"eta2"``, ``"phi"``,
            ``"cramers_v"``, ``"d"`` or ``"r"`` (keys of :data:`EFFECT_DREMPELS`).
        effect: the effect size value; NaN when undefined.
        n: number of subjects (repeated-measures designs) or observations used.
        label: Dutch effect-size label by Tabel 2.3 (§2.7), or None below "small"/NaN.
    """

    toets: str
    statistiek: float
    df: tuple[float, ...]
    p: float
    effectmaat: str
    effect: float
    n: int
    label: str | None

    def __post_init__(self) -> None:
        # Normalise numpy scalars to plain Python numbers (clean dicts / JSON).
        object.__setattr__(self, "statistiek", _as_float(self.statistiek))
        object.__setattr__(self, "p", _as_float(self.p))
        object.__setattr__(self, "effect", _as_float(self.effect))
        object.__setattr__(self, "n", int(self.n))
        object.__setattr__(self, "df", tuple(_as_df(v) for v in self.df))

    @property
    def significant(self) -> bool:
        """True when ``p < ALPHA`` (NaN p is never significant)."""
        return bool(not math.isnan(self.p) and self.p < ALPHA)

    def as_dict(self) -> dict[str, Any]:
        """All fields plus ``significant`` and ``betekenisvol`` as a plain dict (one table row)."""
        return {
            "toets": self.toets,
            "statistiek": self.statistiek,
            "df": self.df,
            "p": self.p,
            "effectmaat": self.effectmaat,
            "effect": self.effect,
            "n": self.n,
            "label": self.label,
            "significant": self.significant,
            "betekenisvol": is_betekenisvol(self),
        }


def _as_float(x: Any) -> float:
    return _NAN if x is None or x is pd.NA else float(x)


def _as_df(x: Any) -> float:
    """Degrees of freedom as int when integral (the usual case), else float."""
    f = _as_float(x)
    return int(f) if math.isfinite(f) and f == int(f) else f


def _toets(toets: str, statistiek: float, df: Sequence[float], p: float,
           effectmaat: str, effect: float, n: int) -> Toets:
    """Build a Toets; an undefined statistic makes p, effect and label undefined too."""
    if not math.isfinite(statistiek) or not math.isfinite(p):
        statistiek, p, effect = _NAN, _NAN, _NAN
    return Toets(toets=toets, statistiek=statistiek, df=tuple(df), p=p,
                 effectmaat=effectmaat, effect=effect, n=n,
                 label=effect_label(effectmaat, effect))


# --------------------------------------------------------------------------- effect sizes


def effect_label(effectmaat: str, value: float | None) -> str | None:
    """Dutch label of an effect size by the thresholds of Tabel 2.3 (§2.7).

    Uses the absolute value of the unrounded effect; a value at or above a threshold gets
    that threshold's label ("klein", "gemiddeld", "groot"). Below "small", NaN or None
    gives None. Unknown ``effectmaat`` raises ``KeyError``.
    """
    drempels = EFFECT_DREMPELS[effectmaat]
    if value is None or value is pd.NA:
        return None
    v = abs(float(value))
    if math.isnan(v):
        return None
    label = None
    for drempel, naam in zip(drempels, EFFECT_LABELS):
        if v >= drempel:
            label = naam
    return label


def is_betekenisvol(t: Toets) -> bool:
    """The report's "meaningful" effect (§2.7): significant AND at least a small effect.

    Effects below the "small" threshold of Tabel 2.3 are not called meaningful in the
    report even when they are significant.
    """
    return t.significant and t.label is not None


# --------------------------------------------------------------------------- helpers


def _is_zero(ss: float, scale: float) -> bool:
    """True when a sum of squares is zero up to floating-point noise relative to ``scale``."""
    return ss <= _REL_EPS * max(scale, 0.0) or ss <= 0.0


def _wide_complete(df: pd.DataFrame, subject: str, within: str, dv: str,
                   between: str | None = None) -> tuple[pd.DataFrame, list[Any], pd.Series]:
    """Subjects × within-levels matrix of ``dv``, listwise complete, plus the group per subject.

    Levels are the observed values of ``within`` (in order of appearance, or category
    order for a categorical). Subjects missing any level, or with a missing ``dv`` (or a
    missing ``between`` group), are dropped. ``between`` must be constant within a
    subject. Duplicate subject × level rows raise ValueError. Without ``between`` the
    returned group Series is empty.
    """
    cols = [subject, within, dv] + ([between] if between is not None else [])
    d = df.loc[:, cols].dropna(subset=[subject, within])
    if d.duplicated([subject, within]).any():
        raise ValueError(
            f"duplicate rows for {subject!r} × {within!r}: one row per subject per level expected")
    if isinstance(d[within].dtype, pd.CategoricalDtype):
        present = set(d[within].unique())
        levels = [c for c in d[within].cat.categories if c in present]
    else:
        levels = list(pd.unique(d[within]))
    wide = d.pivot(index=subject, columns=within, values=dv).reindex(columns=levels)
    wide = wide.dropna()
    if between is None:
        return wide, levels, pd.Series(dtype=object)
    per_subject = d.groupby(subject, sort=False, observed=True)[between]
    if (per_subject.nunique(dropna=True) > 1).any():
        raise ValueError(f"{between!r} is not constant within {subject!r}")
    groups = per_subject.first().reindex(wide.index)  # first() skips missing values
    keep = groups.notna().to_numpy()
    return wide.loc[keep], levels, groups.loc[keep]


def _values(x: Iterable[Any]) -> np.ndarray:
    """1-d float array without missing values."""
    a = pd.to_numeric(pd.Series(list(x) if not isinstance(x, pd.Series) else x),
                      errors="raise").astype(float).to_numpy()
    return a[~np.isnan(a)]


# --------------------------------------------------------------------------- ANOVAs


def rm_anova(df: pd.DataFrame, subject: str, within: str, dv: str) -> Toets:
    """One-way repeated-measures ANOVA, main effect of time (§2.7; e.g. T0–T1–T2).

    The report's "repeated measures (M)ANOVA, hoofdeffect tijd", also run on a 0/1
    indicator (share of families without violence). Sphericity is assumed (no
    Greenhouse–Geisser correction), as in SPSS's "Sphericity Assumed" row.

    With ``Y`` the n × k matrix of complete subjects::

        SS_time  = n · Σ_j (mean_j − grand)²
        SS_error = Σ_ij (Y_ij − mean_i − mean_j + grand)²
        F = (SS_time / (k−1)) / (SS_error / ((k−1)(n−1)))
        partial η² = SS_time / (SS_time + SS_error)          (effectmaat "eta2_rm")

    Only subjects with a value at every level are used (listwise); ``n`` is their number.
    Degenerate (n < 2, k < 2, zero variance, zero error term): statistic, p, effect NaN.
    """
    wide, levels, _ = _wide_complete(df, subject, within, dv)
    y = wide.to_numpy(dtype=float)
    n, k = y.shape[0], len(levels)
    df1, df2 = max(k - 1, 0), max((k - 1) * (n - 1), 0)
    if n < 2 or k < 2:
        return _toets("rm_anova", _NAN, (df1, df2), _NAN, "eta2_rm", _NAN, n)
    grand = y.mean()
    col_means = y.mean(axis=0)
    row_means = y.mean(axis=1)
    ss_total = float(((y - grand) ** 2).sum())
    ss_time = float(n * ((col_means - grand) ** 2).sum())
    resid = y - row_means[:, None] - col_means[None, :] + grand
    ss_error = float((resid ** 2).sum())
    if _is_zero(ss_total, float((y ** 2).sum())) or _is_zero(ss_error, ss_total):
        return _toets("rm_anova", _NAN, (df1, df2), _NAN, "eta2_rm", _NAN, n)
    f = (ss_time / df1) / (ss_error / df2)
    p = float(_sps.f.sf(f, df1, df2))
    return _toets("rm_anova", f, (df1, df2), p, "eta2_rm", ss_time / (ss_time + ss_error), n)


def mixed_anova(df: pd.DataFrame, subject: str, within: str, between: str, dv: str) -> Toets:
    """Group × time interaction of a mixed ANOVA (§2.7; e.g. help vs. no help over T0–T2).

    ``between`` may have two or more groups (unequal sizes allowed); it must be constant
    within a subject. Sphericity assumed. With G groups of n_g complete subjects, k levels::

        SS_cells = Σ_g Σ_j n_g (mean_gj − grand)²
        SS_group = k · Σ_g n_g (mean_g − grand)²
        SS_time  = n · Σ_j (mean_j − grand)²
        SS_inter = SS_cells − SS_group − SS_time
        SS_error = Σ_ij (Y_ij − mean_i)² − SS_time − SS_inter     (within-subjects error)
        F = (SS_inter / ((G−1)(k−1))) / (SS_error / ((n−G)(k−1)))
        partial η² = SS_inter / (SS_inter + SS_error)             (effectmaat "eta2")

    Subjects missing a level, the dv or the group are dropped listwise; ``n`` counts the
    subjects used. Degenerate (fewer than 2 groups or levels, n ≤ G, zero error term):
    statistic, p, effect NaN.
    """
    wide, levels, groups = _wide_complete(df, subject, within, dv, between)
    y = wide.to_numpy(dtype=float)
    n, k = y.shape[0], len(levels)
    codes, uniq = pd.factorize(groups)
    g = len(uniq)
    df1, df2 = max((g - 1) * (k - 1), 0), max((n - g) * (k - 1), 0)
    if g < 2 or k < 2 or n <= g:
        return _toets("mixed_anova_interactie", _NAN, (df1, df2), _NAN, "eta2", _NAN, n)
    grand = y.mean()
    col_means = y.mean(axis=0)
    row_means = y.mean(axis=1)
    n_g = np.bincount(codes, minlength=g).astype(float)
    cell_means = np.vstack([y[codes == i].mean(axis=0) for i in range(g)])  # g × k
    group_means = cell_means.mean(axis=1)
    ss_cells = float((n_g[:, None] * (cell_means - grand) ** 2).sum())
    ss_group = float(k * (n_g * (group_means - grand) ** 2).sum())
    ss_time = float(n * ((col_means - grand) ** 2).sum())
    ss_inter = max(ss_cells - ss_group - ss_time, 0.0)
    ss_within = float(((y - row_means[:, None]) ** 2).sum())
    ss_error = max(ss_within - ss_time - ss_inter, 0.0)
    if _is_zero(ss_within, float((y ** 2).sum())) or _is_zero(ss_error, ss_within):
        return _toets("mixed_anova_interactie", _NAN, (df1, df2), _NAN, "eta2", _NAN, n)
    f = (ss_inter / df1) / (ss_error / df2)
    p = float(_sps.f.sf(f, df1, df2))
    return _toets("mixed_anova_interactie", f, (df1, df2), p, "eta2",
                  ss_inter / (ss_inter + ss_error), n)


def mixed_anova_groep(df: pd.DataFrame, subject: str, within: str, between: str, dv: str) -> Toets:
    """Main effect of group of a mixed ANOVA (§8.2: "verschil op alle drie de meetmomenten").

    The companion of :func:`mixed_anova` (which returns the interaction), same input and the
    same listwise rule. With G groups of n_g complete subjects and k levels::

        SS_group    = k · Σ_g n_g (mean_g − grand)²
        SS_subjects = k · Σ_i (mean_i − grand)²;  SS_error = SS_subjects − SS_group
        F = (SS_group / (G − 1)) / (SS_error / (n − G))
        partial η² = SS_group / (SS_group + SS_error)             (effectmaat "eta2")

    A single level (k = 1) is the one-way ANOVA between groups. Degenerate (fewer than 2
    groups, n ≤ G, zero error term): statistic, p, effect NaN.
    """
    wide, levels, groups = _wide_complete(df, subject, within, dv, between)
    y = wide.to_numpy(dtype=float)
    n, k = y.shape[0], len(levels)
    codes, uniq = pd.factorize(groups)
    g = len(uniq)
    df1, df2 = max(g - 1, 0), max(n - g, 0)
    if g < 2 or k < 1 or n <= g:
        return _toets("mixed_anova_groep", _NAN, (df1, df2), _NAN, "eta2", _NAN, n)
    grand = y.mean()
    row_means = y.mean(axis=1)
    n_g = np.bincount(codes, minlength=g).astype(float)
    group_means = np.array([row_means[codes == i].mean() for i in range(g)])
    ss_group = float(k * (n_g * (group_means - grand) ** 2).sum())
    ss_subjects = float(k * ((row_means - grand) ** 2).sum())
    ss_error = ss_subjects - ss_group
    if _is_zero(ss_subjects, float((y ** 2).sum())) or _is_zero(ss_error, ss_subjects):
        return _toets("mixed_anova_groep", _NAN, (df1, df2), _NAN, "eta2", _NAN, n)
    f = (ss_group / df1) / (ss_error / df2)
    p = float(_sps.f.sf(f, df1, df2))
    return _toets("mixed_anova_groep", f, (df1, df2), p, "eta2", ss_group / (ss_group + ss_error), n)


# --------------------------------------------------------------------------- chi-square


def chi2_phi(df: pd.DataFrame, x: str, y: str) -> Toets:
    """Pearson chi-square of the cross table ``x`` × ``y`` with phi / Cramér's V (§2.7).

    SPSS's "Pearson Chi-Square": no continuity (Yates) correction, also for 2 × 2.
    Expected counts E = row total × column total / n; chi² = Σ (O − E)² / E,
    df = (r − 1)(c − 1). Effect size: for a 2 × 2 table phi = sqrt(chi² / n) (unsigned,
    effectmaat "phi"); for larger tables Cramér's V = sqrt(chi² / (n · (min(r, c) − 1)))
    (effectmaat "cramers_v", same thresholds). Only observed categories count (unused
    categorical levels are ignored); rows with a missing x or y are dropped.

    The small-expected-count rule (SPSS warns when > 20 % of cells have E < 5) is not
    applied here. Degenerate (a variable with fewer than two observed categories, or no
    observations): statistic, p, effect NaN.
    """
    d = df.loc[:, [x, y]].dropna()
    table = pd.crosstab(d[x], d[y]) if len(d) else pd.DataFrame()
    if table.size:
        table = table.loc[table.sum(axis=1) > 0, table.sum(axis=0) > 0]
    obs = table.to_numpy(dtype=float)
    n = int(obs.sum()) if obs.size else 0
    r, c = obs.shape if obs.ndim == 2 else (0, 0)
    effectmaat = "phi" if (r, c) == (2, 2) or min(r, c) < 2 else "cramers_v"
    dof = max((r - 1) * (c - 1), 0)
    if r < 2 or c < 2 or n == 0:
        return _toets("chi2", _NAN, (dof,), _NAN, effectmaat, _NAN, n)
    expected = obs.sum(axis=1, keepdims=True) * obs.sum(axis=0, keepdims=True) / n
    chi2 = float(((obs - expected) ** 2 / expected).sum())
    p = float(_sps.chi2.sf(chi2, dof))
    effect = math.sqrt(chi2 / (n * (min(r, c) - 1)))
    return _toets("chi2", chi2, (dof,), p, effectmaat, effect, n)


# --------------------------------------------------------------------------- t-tests


def t_test_ind(df: pd.DataFrame, group: str, dv: str,
               levels: Sequence[Any] | None = None) -> Toets:
    """Independent-samples t-test, equal variances assumed, with Cohen's d (§2.7).

    Student's t as in SPSS's first row ("Equal variances assumed"):
    t = (m_a − m_b) / (s_p · sqrt(1/n_a + 1/n_b)), df = n_a + n_b − 2, with pooled SD
    s_p = sqrt(((n_a − 1) s_a² + (n_b − 1) s_b²) / (n_a + n_b − 2)); d = (m_a − m_b) / s_p.

    The sign follows group a minus group b, where (a, b) = ``levels`` if given, otherwise
    the two observed groups in sorted (or category) order. ``levels`` also selects two
    groups out of more. More than two observed groups without ``levels`` raises
    ValueError. Degenerate (a group absent or only one group observed, n_a + n_b < 3,
    zero pooled variance): statistic, p, effect NaN.
    """
    d = df.loc[:, [group, dv]].dropna()
    if levels is None:
        col = d[group]
        if isinstance(col.dtype, pd.CategoricalDtype):
            present = set(col.unique())
            observed = [c for c in col.cat.categories if c in present]
        else:
            observed = sorted(col.unique())
        if len(observed) > 2:
            raise ValueError(f"{group!r} has {len(observed)} groups; pass levels=(a, b)")
        levels = observed
    else:
        levels = list(levels)
        if len(levels) != 2:
            raise ValueError("levels must name exactly two groups")
    a = (d.loc[d[group] == levels[0], dv].astype(float).to_numpy()
         if len(levels) > 0 else np.array([]))
    b = (d.loc[d[group] == levels[1], dv].astype(float).to_numpy()
         if len(levels) > 1 else np.array([]))
    na, nb = len(a), len(b)
    dof = max(na + nb - 2, 0)
    n = na + nb
    if na < 1 or nb < 1 or dof < 1:
        return _toets("t_onafhankelijk", _NAN, (dof,), _NAN, "d", _NAN, n)
    ss = float(((a - a.mean()) ** 2).sum() + ((b - b.mean()) ** 2).sum())
    scale = float(((np.concatenate([a, b]) - np.concatenate([a, b]).mean()) ** 2).sum())
    if _is_zero(ss, scale):
        return _toets("t_onafhankelijk", _NAN, (dof,), _NAN, "d", _NAN, n)
    sp = math.sqrt(ss / dof)
    diff = float(a.mean() - b.mean())
    t = diff / (sp * math.sqrt(1.0 / na + 1.0 / nb))
    p = float(2.0 * _sps.t.sf(abs(t), dof))
    return _toets("t_onafhankelijk", t, (dof,), p, "d", diff / sp, n)


def t_test_one_sample(values: Iterable[float], popmean: float) -> Toets:
    """One-sample t-test against a reference mean, with Cohen's d (§2.7).

    The report compares scale means with reference-group (norm) means.
    t = (m − μ) / (s / sqrt(n)), df = n − 1, d = (m − μ) / s with s the sample SD
    (ddof = 1). Missing values are dropped. Degenerate (n < 2, zero SD): statistic, p,
    effect NaN.
    """
    a = _values(values)
    n = len(a)
    dof = max(n - 1, 0)
    if n < 2:
        return _toets("t_een_steekproef", _NAN, (dof,), _NAN, "d", _NAN, n)
    m = float(a.mean())
    ss = float(((a - m) ** 2).sum())
    if _is_zero(ss, float((a ** 2).sum())):
        return _toets("t_een_steekproef", _NAN, (dof,), _NAN, "d", _NAN, n)
    sd = math.sqrt(ss / dof)
    diff = m - float(popmean)
    t = diff / (sd / math.sqrt(n))
    p = float(2.0 * _sps.t.sf(abs(t), dof))
    return _toets("t_een_steekproef", t, (dof,), p, "d", diff / sd, n)


# --------------------------------------------------------------------------- correlation


def pearson_r(df: pd.DataFrame, x: str, y: str) -> Toets:
    """Pearson correlation with two-sided p (§2.7); ``statistiek`` and ``effect`` are r.

    r = Σ dx·dy / sqrt(Σ dx² · Σ dy²) over pairwise-complete rows; p from
    t = r · sqrt((n − 2) / (1 − r²)) with df = n − 2 (|r| = 1 gives p = 0).
    Degenerate (n < 3, zero variance in x or y): statistic, p, effect NaN.
    """
    d = df.loc[:, [x, y]].dropna()
    xv = d[x].astype(float).to_numpy()
    yv = d[y].astype(float).to_numpy()
    n = len(d)
    dof = max(n - 2, 0)
    if n < 3:
        return _toets("pearson_r", _NAN, (dof,), _NAN, "r", _NAN, n)
    dx, dy = xv - xv.mean(), yv - yv.mean()
    sxx, syy = float((dx ** 2).sum()), float((dy ** 2).sum())
    if _is_zero(sxx, float((xv ** 2).sum())) or _is_zero(syy, float((yv ** 2).sum())):
        return _toets("pearson_r", _NAN, (dof,), _NAN, "r", _NAN, n)
    r = float((dx * dy).sum()) / math.sqrt(sxx * syy)
    r = min(1.0, max(-1.0, r))
    if abs(r) == 1.0:
        p = 0.0
    else:
        t = r * math.sqrt(dof / (1.0 - r * r))
        p = float(2.0 * _sps.t.sf(abs(t), dof))
    return _toets("pearson_r", r, (dof,), p, "r", r, n)
