"""Audit mappings of chapter 8 ("geen geweld" vs "wel geweld" at T2)."""

from __future__ import annotations

import math

import pandas as pd

from analysis.koppelingen import Koppeling, _getal, _zonder_tekens, geen_waarden

#: Published group names (rows or columns of Figuur 8.1) → the figures' ``groep``.
GROEP_NAMEN = {"geen geweld": "geen", "wel geweld": "wel"}


def _rij(data: pd.DataFrame, uitkomst: str, groep: str, meting: str | None = None) -> pd.Series | None:
    sub = data[(data["uitkomst"] == uitkomst) & (data["groep"] == groep)]
    if meting is not None:
        sub = sub[sub["meting"].astype(str) == meting]
    return sub.iloc[0] if len(sub) else None


def koppel_figuur_8_1(data: pd.DataFrame, cellen: pd.DataFrame) -> pd.Series:
    """Figuur 8.1: mean incidents per year per group (rij "geen/wel geweld", kolom T0/T2); the
    number of families (rij "n", kolom "totaal"/group) and the share per group (rij
    "percentage gezinnen", in percent), from the group sizes of the figure's data."""
    n = {}
    for g in GROEP_NAMEN.values():
        rij = _rij(data, "totaal", g, "T0")
        n[g] = float(rij["n"]) if rij is not None else math.nan
    totaal = sum(n.values())
    uit = {}
    for idx, cel in cellen.iterrows():
        rij, kolom = _zonder_tekens(cel["rij"]), str(cel["kolom"]).strip().lower()
        waarde = math.nan
        if rij in GROEP_NAMEN:
            r = _rij(data, "totaal", GROEP_NAMEN[rij], str(cel["kolom"]).strip())
            waarde = _getal(r["waarde"]) if r is not None else math.nan
        elif rij == "n":
            waarde = totaal if kolom == "totaal" else n.get(GROEP_NAMEN.get(kolom, ""), math.nan)
        elif rij.startswith("percentage gezinnen"):
            g = GROEP_NAMEN.get(kolom)
            waarde = 100 * n[g] / totaal if g and totaal else math.nan
        uit[idx] = waarde
    return pd.Series(uit, index=cellen.index, dtype=float)


def _koppel_aandeel(uitkomst: str):
    """A figure whose only published cell is one share the text gives (in percent)."""
    def koppel(data: pd.DataFrame, cellen: pd.DataFrame) -> pd.Series:
        r = _rij(data, uitkomst, "alle")
        waarde = _getal(r["waarde"], 100) if r is not None else math.nan
        return pd.Series(waarde, index=cellen.index, dtype=float)
    koppel.__doc__ = f"Share of the data row ``{uitkomst}`` in percent."
    return koppel


koppel_figuur_8_2 = _koppel_aandeel("zonder_kind_T2")
koppel_figuur_8_3 = _koppel_aandeel("zonder_partner_T2")


def koppel_figuur_8_4(data: pd.DataFrame, cellen: pd.DataFrame) -> pd.Series:
    """Figuur 8.4: the number of children of §8.4.1 (rij "N kinderen") and the share of them
    without violence at T2 (rij "percentage kinderen zonder KM/PG op T2", in percent)."""
    r = _rij(data, "kinderen_geen_geweld", "alle")
    uit = {}
    for idx, cel in cellen.iterrows():
        rij = _zonder_tekens(cel["rij"])
        if r is None:
            uit[idx] = math.nan
        elif rij.startswith("n kinderen"):
            uit[idx] = _getal(r["n"])
        elif rij.startswith("percentage kinderen"):
            uit[idx] = _getal(r["waarde"], 100)
        else:
            uit[idx] = math.nan
    return pd.Series(uit, index=cellen.index, dtype=float)


#: Published row labels of Tabel 8.1 → emotional-security subscale (see hoofdstuk8.EO_TABEL).
#: Checked against §2.5.3 (r. 1951-1954: Openlijke vermijding = OA, Openlijk bemoeien = OI,
#: Openlijke emotionele reactiviteit = OER, Gedragsdisregulatie = BD): "openlijke vermijding" and
#: "openlijke bemoeienis" are named as there; "gedragsregulatie" can only be BD; "emotionele
#: bemoeienis" is then the remaining OER (its η² .06 equals the overall insecurity effect of the
#: text, r. 6006-6007). The values are sums over the subscale's items counted from 0 (rule
#: ``emotionele_veiligheid_score`` = "som_vanaf_0"): the printed 3,2 for BD lies below the lowest
#: sum of items answered from 1, so the report scored its items from 0, and so does the scorer.
TABEL_8_1_RIJEN = {"emotionele bemoeienis": "OER", "gedragsregulatie": "BD", "openlijke vermijding": "OA",
                   "openlijke bemoeienis": "OI"}


def _tabel_8_1_groep(kolom: str) -> str | None:
    k = str(kolom).strip().lower()
    if k.startswith("effect"):
        return None
    if k.startswith("referentie"):
        return "referentie"
    if "geen geweld" in k:
        return "geen"
    if "wel geweld" in k:
        return "wel"
    return None


def koppel_tabel_8_1(data: pd.DataFrame, cellen: pd.DataFrame) -> pd.Series:
    """Tabel 8.1: mean emotional insecurity per subscale (rij) at T2 per group, and in the
    reference group (kolom); the effect column holds test results (not compared)."""
    waarden = data[data["rij"] == "waarde"] if "rij" in data else data
    uit = {}
    for idx, cel in cellen.iterrows():
        schaal = TABEL_8_1_RIJEN.get(_zonder_tekens(cel["rij"]))
        groep = _tabel_8_1_groep(cel["kolom"])
        waarde = math.nan
        if schaal and groep:
            sub = waarden[(waarden["uitkomst"] == f"eo_{schaal}") & (waarden["groep"] == groep)]
            if groep != "referentie":
                sub = sub[sub["meting"].astype(str) == "T2"]
            waarde = _getal(sub["waarde"].iloc[0]) if len(sub) else math.nan
        uit[idx] = waarde
    return pd.Series(uit, index=cellen.index, dtype=float)


#: Chapter 8: catalogue item id → how to find its computed values.
KOPPELINGEN: dict[str, Koppeling] = {
    "figuur-8.1": Koppeling("figures/figuur-8.1.csv", koppel_figuur_8_1),
    "figuur-8.2": Koppeling("figures/figuur-8.2.csv", koppel_figuur_8_2),
    "figuur-8.3": Koppeling("figures/figuur-8.3.csv", koppel_figuur_8_3),
    "figuur-8.4": Koppeling("figures/figuur-8.4.csv", koppel_figuur_8_4),
    # Figuur 8.5-8.11: the report describes the lines and tests but prints no values.
    "figuur-8.5": Koppeling("figures/figuur-8.5.csv", geen_waarden),
    "figuur-8.6": Koppeling("figures/figuur-8.6.csv", geen_waarden),
    "tabel-8.1": Koppeling("tables/tabel-8.1.csv", koppel_tabel_8_1),
    "figuur-8.7": Koppeling("figures/figuur-8.7.csv", geen_waarden),
    "figuur-8.8": Koppeling("figures/figuur-8.8.csv", geen_waarden),
    "figuur-8.9": Koppeling("figures/figuur-8.9.csv", geen_waarden),
    "figuur-8.10": Koppeling("figures/figuur-8.10.csv", geen_waarden),
    "figuur-8.11": Koppeling("figures/figuur-8.11.csv", geen_waarden),
}
