"""Dutch number formatting as the report "Kwestie van lange adem" prints it.

Two conventions live side by side in the report:

* Counts, percentages and means in running text and tables are Dutch: thousands
  separator "." from 1000 upward ("1.024", "12.345,7"), decimal comma, percent sign
  without a space ("12%", "12,4%", as in CLDR ``nl``). See :func:`getal`, :func:`aantal`,
  :func:`pct`.
* Test statistics follow APA style with a decimal POINT and (for values below 1) no
  leading zero: "F(2, 1150) = 85.21, p < .001, η² = .19", "χ²(1) = 16.20, p < .001,
  φ = .16", "d = .45" (§2.7, Tabel 2.3). See :func:`stat`, :func:`p_waarde`,
  :func:`effect_tekst`, :func:`toets_tekst`.

Rounding is ROUND_HALF_UP via :mod:`decimal`, because the published tables are rounded
half-up; Python's ``round()`` and babel round half-even and are not used. Floats are
converted through their shortest repr (``Decimal(repr(x))``), so the decimal value a reader
sees is rounded, not its binary approximation: 2.675 → "2,68" and 0.1245 as a fraction →
"12,5%", although the binary doubles are slightly below those ties. ``decimal``'s
ROUND_HALF_UP rounds ties away from zero, also for negatives: -0.5 → "-1", -2.675 → "-2,68".
A value that rounds to zero is printed without a minus sign (-0.004 → "0,00", not
"-0,00"). The minus sign is the ASCII hyphen-minus, as CLDR ``nl`` uses.

Missing values (None, NaN, pandas NA) and infinities print as an en dash "–". Only the
standard library is used here (no pandas/babel), so the module is cheap to import.
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation, localcontext
from numbers import Integral
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover - typing only
    from analysis.stats import Toets

__all__ = [
    "LEEG",
    "aantal",
    "effect_tekst",
    "getal",
    "p_waarde",
    "pct",
    "stat",
    "toets_tekst",
]

#: What the report prints for a missing/undefined value: an en dash.
LEEG = "–"

#: Effect-size symbols per ``Toets.effectmaat`` (partial eta squared is printed as η²).
EFFECT_SYMBOLEN: dict[str, str] = {
    "eta2": "η²",
    "eta2_rm": "η²",
    "phi": "φ",
    "cramers_v": "V",
    "d": "d",
    "r": "r",
}

#: Statistic symbols per ``Toets.toets``.
STATISTIEK_SYMBOLEN: dict[str, str] = {
    "rm_anova": "F",
    "mixed_anova_interactie": "F",
    "mixed_anova_groep": "F",
    "chi2": "χ²",
    "t_onafhankelijk": "t",
    "t_een_steekproef": "t",
    "pearson_r": "r",
}


# --------------------------------------------------------------------------- core


def _decimal(x: Any) -> Decimal | None:
    """Exact decimal value of ``x`` as a reader would write it, or None when missing/infinite.

    Floats (incl. numpy floats) go through ``repr(float(x))`` — the shortest string that
    round-trips — so 2.675 becomes Decimal("2.675"), not the binary value 2.67499999999999982...
    """
    if x is None:
        return None
    if isinstance(x, Decimal):
        d = x
    elif isinstance(x, bool):
        d = Decimal(int(x))
    elif isinstance(x, Integral):
        d = Decimal(int(x))
    elif isinstance(x, str):
        raise TypeError(f"expected a number, got a string: {x!r}")
    else:
        try:
            f = float(x)  # numpy scalars, Fractions, ...; pandas NA raises TypeError
        except (TypeError, ValueError):
            if type(x).__name__ in {"NAType", "NaTType"}:
                return None
            raise TypeError(f"expected a number, got {type(x).__name__}") from None
        if not math.isfinite(f):
            return None
        d = Decimal(repr(f))
    if not d.is_finite():
        return None
    return d


def _round(d: Decimal, decimalen: int) -> Decimal:
    """ROUND_HALF_UP (ties away from zero) to ``decimalen`` decimals; -0 becomes 0."""
    if decimalen < 0:
        raise ValueError("decimalen must be >= 0")
    ctx = Context(prec=max(60, d.adjusted() + decimalen + 5), rounding=ROUND_HALF_UP)
    with localcontext(ctx):
        try:
            q = d.quantize(Decimal(1).scaleb(-decimalen), rounding=ROUND_HALF_UP)
        except InvalidOperation:  # pragma: no cover - only for absurd magnitudes
            raise ValueError(f"cannot round {d} to {decimalen} decimals") from None
    if q.is_zero():
        q = q.copy_abs()
    return q


def _split(q: Decimal, decimalen: int) -> tuple[str, str, str]:
    """(sign, integer digits, fraction digits) of an already rounded Decimal."""
    sign = "-" if q.is_signed() else ""
    text = f"{q.copy_abs():f}"
    int_part, _, frac_part = text.partition(".")
    frac_part = (frac_part + "0" * decimalen)[:decimalen]
    return sign, int_part, frac_part


def _group_thousands(digits: str, sep: str = ".") -> str:
    """'1234567' → '1.234.567' (grouping from 1000 upward)."""
    groups = []
    while len(digits) > 3:
        groups.append(digits[-3:])
        digits = digits[:-3]
    groups.append(digits)
    return sep.join(reversed(groups))


# --------------------------------------------------------------------------- Dutch numbers


def getal(x: Any, decimalen: int = 0) -> str:
    """Dutch number: thousands separator "." from 1000 upward, decimal comma.

    ``getal(12345.67, 1)`` → "12.345,7", ``getal(1024)`` → "1.024", ``getal(2.675, 2)`` →
    "2,68" (half-up on the decimal value), ``getal(-0.5)`` → "-1" (ties away from zero),
    ``getal(-0.4)`` → "0". None/NaN/NA/inf → "–".
    """
    d = _decimal(x)
    if d is None:
        return LEEG
    sign, int_part, frac_part = _split(_round(d, decimalen), decimalen)
    text = sign + _group_thousands(int_part, ".")
    return f"{text},{frac_part}" if decimalen else text


def aantal(n: Any) -> str:
    """A count as the report prints it ("576", "1.150"); same as ``getal(n, 0)``."""
    return getal(n, 0)


def pct(x: Any, decimalen: int = 0, *, van_fractie: bool = True) -> str:
    """Dutch percentage without a space before "%": "12%", "12,4%".

    ``x`` is a fraction (0.124 → "12%") unless ``van_fractie=False`` (12.4 → "12%").
    The fraction is multiplied by 100 exactly in decimal before rounding half-up, so
    ``pct(0.125)`` → "13%" and ``pct(0.1245, 1)`` → "12,5%". None/NaN → "–".
    """
    d = _decimal(x)
    if d is None:
        return LEEG
    if van_fractie:
        d = d.scaleb(2)  # × 100, exact
    return getal(d, decimalen) + "%"


# --------------------------------------------------------------------------- statistics


def stat(x: Any, decimalen: int = 2, *, nul_weglaten: bool = True) -> str:
    """A statistic as the report prints it: decimal POINT, no thousands separator.

    Decision: the leading zero is dropped whenever the *rounded* absolute value is below
    1 — for every statistic, not only for those bounded by 1 — because the report also
    prints Cohen's d that way ("d = .45"): ``stat(0.19)`` → ".19", ``stat(-0.054)`` →
    "-.05", ``stat(12.4)`` → "12.40", ``stat(0.996)`` → "1.00". Pass
    ``nul_weglaten=False`` to keep it ("0.19"). Rounding half-up; a value that rounds
    to zero has no sign (".00"). None/NaN/inf → "–".
    """
    d = _decimal(x)
    if d is None:
        return LEEG
    sign, int_part, frac_part = _split(_round(d, decimalen), decimalen)
    if nul_weglaten and int_part == "0" and decimalen > 0:
        int_part = ""
    return f"{sign}{int_part}.{frac_part}" if decimalen else f"{sign}{int_part}"


def p_waarde(p: Any) -> str:
    """The report's p-value: "p < .001" below .001, else "p = .032"; NaN → "p = –".

    Three decimals, rounded half-up, decimal point, leading zero dropped
    (0.0314 → "p = .031", 0.05 → "p = .050", 0.0004 → "p < .001"). A p-value that rounds
    up to 1 prints as "p = 1.000". Values outside [0, 1] raise ValueError.
    """
    d = _decimal(p)
    if d is None:
        return f"p = {LEEG}"
    if d < 0 or d > 1:
        raise ValueError(f"p-value outside [0, 1]: {p!r}")
    if d < Decimal("0.001"):
        return "p < .001"
    return f"p = {stat(d, 3)}"


def _effect_symbool(effectmaat: str) -> str:
    return EFFECT_SYMBOLEN.get(effectmaat, effectmaat)


def _df_tekst(df: tuple[Any, ...]) -> str:
    parts = []
    for v in df:
        d = _decimal(v)
        if d is None:
            parts.append(LEEG)
        elif d == d.to_integral_value():
            parts.append(str(int(d)))  # no thousands separator in df
        else:
            parts.append(stat(d, 2, nul_weglaten=False))  # e.g. Welch df
    return ", ".join(parts)


def effect_getal(effectmaat: str, waarde: Any) -> str:
    """An effect size as printed: two decimals, or three or four where two would round it up onto a
    threshold of Tabel 2.3 that it does not reach (φ = .0996 would read as a small effect ".10"
    next to the verdict "te klein"; it prints as ".0996", and η² = .1281 as ".128", not ".13").
    So the printed number never contradicts the label the text gives it."""
    from analysis.stats import EFFECT_DREMPELS  # stats does not import formatting; kept local anyway

    d = _decimal(waarde)
    if d is None or effectmaat not in EFFECT_DREMPELS:
        return stat(waarde)
    v = abs(d)
    for decimalen in (2, 3, 4):
        afgerond = _round(v, decimalen)
        if not any(afgerond >= Decimal(str(drempel)) > v for drempel in EFFECT_DREMPELS[effectmaat]):
            return stat(waarde, decimalen)
    return stat(waarde, 5)


def effect_tekst(t: Toets) -> str:
    """Effect size and p-value: "η² = .19, p < .001", "φ = .16, p = .032", "d = .45, p = .004".

    Symbols: eta2/eta2_rm → "η²", phi → "φ", cramers_v → "V", d → "d", r → "r".
    An undefined effect prints as "η² = –, p = –".
    """
    return f"{_effect_symbool(t.effectmaat)} = {effect_getal(t.effectmaat, t.effect)}, {p_waarde(t.p)}"


def toets_tekst(t: Toets) -> str:
    """Full APA-style result: "F(2, 1150) = 85.21, p < .001, η² = .19".

    Further forms: "χ²(1) = 16.20, p < .001, φ = .16", "t(574) = -3.21, p = .001, d = -.27",
    and for a correlation (statistic and effect are both r) "r(574) = .23, p < .001"
    without repeating r. Undefined values print as "–".
    """
    symbool = STATISTIEK_SYMBOLEN.get(t.toets, t.toets)
    head = f"{symbool}({_df_tekst(t.df)}) = {stat(t.statistiek)}, {p_waarde(t.p)}"
    if t.toets == "pearson_r" and t.effectmaat == "r":
        return head
    return f"{head}, {_effect_symbool(t.effectmaat)} = {effect_getal(t.effectmaat, t.effect)}"
