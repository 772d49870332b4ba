"""Audit mappings of chapter 6 (consequences for the children).

The report prints no values of its figures; the running text gives a few numbers per figure
(the audit's cells, row labels as the catalogue words them). Each mapping finds the computed
counterpart in the figure's data (``figures/figuur-6.N.csv``: ``schaal``, ``groep``, ``waarde``,
``n``) or, for the boys/girls means of §6.2, in ``figures/h06-sekse.csv``.

Cells that cannot be computed from the snapshot return NaN (the audit lists them as "geen
berekende waarde"), with the reason here:

* Figuur 6.7, the ISRD-3 reference group's share with problem behaviour: the ISRD-3 sample
  (Enzmann e.a., 2017) is not in the snapshot; only its norm definition (mean + 1 SD per age
  year) is used, through the scoring rule ``isrd_norm_per_leeftijd``.
* Figuur 6.8, the size of the Kidscreen norm sample: the norm sample is not in the snapshot
  (the T-scores are standardised on it, so its mean is T = 50).
"""

from __future__ import annotations

import math
import re

import pandas as pd

from analysis.koppelingen import Koppeling, _getal, _zonder_tekens, geen_waarden


def _wave(rij: str) -> str | None:
    """The wave a row label names ("... T0 ...", "... op T2 ..."), or None."""
    gevonden = re.findall(r"\bT([012])\b", str(rij))
    return f"T{gevonden[0]}" if gevonden else None


def _waarde(data: pd.DataFrame, schaal: str, groep: str, kolom: str = "waarde") -> float:
    rij = data[(data["schaal"] == schaal) & (data["groep"] == groep)]
    return float(rij[kolom].iloc[0]) if len(rij) and pd.notna(rij[kolom].iloc[0]) else math.nan


def _koppel_aandeel(schaal: str):
    """A share per wave of one outcome: row labels that name a wave (T0/T1/T2), in percent."""
    def koppel(data: pd.DataFrame, cellen: pd.DataFrame) -> pd.Series:
        uit = {}
        for idx, cel in cellen.iterrows():
            m = _wave(cel["rij"])
            uit[idx] = _getal(_waarde(data, schaal, m), 100) if m else math.nan
        return pd.Series(uit, index=cellen.index, dtype=float)
    return koppel


def koppel_figuur_6_2(sekse: pd.DataFrame, cellen: pd.DataFrame) -> pd.Series:
    """Figuur 6.2 (text r. 4419): the child's attachment to the father at a wave, boys
    ("jongens") and girls ("meisjes"), mean item score 1-5."""
    uit = {}
    for idx, cel in cellen.iterrows():
        rij = _zonder_tekens(cel["rij"])
        m = _wave(cel["rij"])
        geslacht = "jongen" if "jongens" in rij else "meisje" if "meisjes" in rij else None
        schaal = "hechting_kind_over_vader" if "vader" in rij else "hechting_kind_over_moeder" if "moeder" in rij else None
        hit = sekse[(sekse["schaal"] == schaal) & (sekse["meting"] == m) & (sekse["geslacht"] == geslacht)]
        uit[idx] = _getal(hit["waarde"].iloc[0]) if len(hit) else math.nan
    return pd.Series(uit, index=cellen.index, dtype=float)


def koppel_figuur_6_7(data: pd.DataFrame, cellen: pd.DataFrame) -> pd.Series:
    """Figuur 6.7: the share with problem behaviour at a wave (percent) and the number of
    children it rests on ("n T0"); the ISRD-3 reference cell is not computed (module docstring)."""
    uit = {}
    for idx, cel in cellen.iterrows():
        rij = _zonder_tekens(cel["rij"])
        m = _wave(cel["rij"])
        if "referentie" in rij or m is None:
            uit[idx] = math.nan
        elif rij.startswith("n "):
            uit[idx] = _getal(_waarde(data, "probleemgedrag", m, "n"))
        else:
            uit[idx] = _getal(_waarde(data, "probleemgedrag", m), 100)
    return pd.Series(uit, index=cellen.index, dtype=float)


#: Chapter 6: catalogue item id → how to find its computed values.
KOPPELINGEN: dict[str, Koppeling] = {
    # Figuur 6.1: the text only says "ruim 60%" (words, no comparable cell).
    "figuur-6.1": Koppeling("figures/figuur-6.1.csv", geen_waarden),
    "figuur-6.2": Koppeling("figures/h06-sekse.csv", koppel_figuur_6_2),
    "figuur-6.3": Koppeling("figures/figuur-6.3.csv", _koppel_aandeel("emotioneel_veilig")),
    # Figuur 6.4 and 6.6: tests only, no values in the text.
    "figuur-6.4": Koppeling("figures/figuur-6.4.csv", geen_waarden),
    "figuur-6.5": Koppeling("figures/figuur-6.5.csv", _koppel_aandeel("getraumatiseerd")),
    "figuur-6.6": Koppeling("figures/figuur-6.6.csv", geen_waarden),
    "figuur-6.7": Koppeling("figures/figuur-6.7.csv", koppel_figuur_6_7),
    # Figuur 6.8: the only number is the size of the norm sample, which is not in the snapshot.
    "figuur-6.8": Koppeling("figures/figuur-6.8.csv", geen_waarden),
}
