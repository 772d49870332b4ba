"""Audit mappings of chapter 9 (risk factors)."""

from __future__ import annotations

import math
import re

import pandas as pd

from analysis.koppelingen import Koppeling

#: Published row labels of Tabel 9.1 (markers and "(T0->T1)" removed, lower case) → the
#: factor key of the table's data (``aantal`` = the mean number of risk factors).
TABEL_9_1_RIJEN = {
    "alleenstaand": "alleenstaand",
    "werkloos": "werkloos",
    "laag opgeleid": "laagopgeleid",
    "laag inkomen": "armoede",
    "risicovol drankgebruik": "alcohol",
    "risicovol drankgebruik partner": "alcohol_partner",
    "cumulatie risicofactoren": "aantal",
}


def _kale_rij(label: str) -> str:
    """"Werkloos * (T0->T1)" → "werkloos", "Cumulatie risicofactoren**" → "cumulatie risicofactoren"."""
    label = re.sub(r"\(.*?\)", " ", str(label))
    return " ".join(label.replace("*", " ").split()).lower()


def koppel_tabel_9_1(data: pd.DataFrame, cellen: pd.DataFrame) -> pd.Series:
    """Tabel 9.1: share of parents with a risk factor (percent) or the mean number of risk
    factors (row "Cumulatie risicofactoren") per wave (kolom)."""
    waarden = {(r.factor, r.meting): (r.waarde, r.maat) for r in data.itertuples()}
    uit = {}
    for idx, cel in cellen.iterrows():
        gevonden = waarden.get((TABEL_9_1_RIJEN.get(_kale_rij(cel["rij"])), str(cel["kolom"]).strip()))
        if gevonden is None or pd.isna(gevonden[0]):
            uit[idx] = math.nan
        else:
            uit[idx] = 100 * float(gevonden[0]) if gevonden[1] == "aandeel" else float(gevonden[0])
    return pd.Series(uit, index=cellen.index, dtype=float)


#: Chapter 9: catalogue item id → how to find its computed values.
KOPPELINGEN: dict[str, Koppeling] = {
    "tabel-9.1": Koppeling("tables/tabel-9.1.csv", koppel_tabel_9_1),
}
