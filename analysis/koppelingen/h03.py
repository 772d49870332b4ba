"""Audit mappings of chapter 3 (study population)."""

from __future__ import annotations

import math
import re

import pandas as pd

from analysis.koppelingen import Koppeling, _eerste_woord, _rijlabel, _zonder_tekens  # noqa: F401


#: Published row labels of Tabel 3.2 (normalised, by their start) → row of tabel-3.2.csv.
#: "Kinderen 8-18 jaar zelf" has no computed counterpart yet (no child self-report data).
TABEL_3_2_RIJEN = (
    ("gezinnen", "gezinnen"), ("echtparen", "echtparen"), ("ouders", "ouders"), ("moeders", "moeders"),
    ("vaders", "vaders"), ("kinderen 3-18", "kinderen"), ("kinderen 3-12", "kinderen_3_12"),
    ("kinderen 13-18", "kinderen_13_18"), ("twee kinderen", "twee_kinderen"),
)
#: Published columns of Tabel 3.1 → characteristic in tabel-3.1.csv ("Totaal kinderen zelf": none yet).
TABEL_3_1_KOLOMMEN = {"aantal gezinnen": "gezinnen", "totaal ouders": "ouders", "totaal kinderen": "kinderen"}



def koppel_tabel_3_2(tellingen: pd.DataFrame, cellen: pd.DataFrame) -> pd.Series:
    """Tabel 3.2: counts per row and wave column (T0, T1, T2, T0-T1-T2)."""
    aantal = {(r.groep, str(r.kolom)): r.aantal for r in tellingen.itertuples()}
    uit = {}
    for idx, cel in cellen.iterrows():
        label = _rijlabel(cel["rij"])
        groep = next((g for begin, g in TABEL_3_2_RIJEN if label.startswith(begin)), None)
        waarde = aantal.get((groep, str(cel["kolom"]).strip()))
        uit[idx] = float(waarde) if waarde is not None and pd.notna(waarde) else math.nan
    return pd.Series(uit, index=cellen.index, dtype=float)


def koppel_tabel_3_1(per_regio: pd.DataFrame, cellen: pd.DataFrame) -> pd.Series:
    """Tabel 3.1: families, parents and children per region (matched on the region's name)."""
    aantal = {(_rijlabel(r.regio), r.kenmerk): r.aantal for r in per_regio.itertuples()}
    uit = {}
    for idx, cel in cellen.iterrows():
        kenmerk = TABEL_3_1_KOLOMMEN.get(_zonder_tekens(cel["kolom"]))
        waarde = aantal.get((_rijlabel(cel["rij"]), kenmerk))
        uit[idx] = float(waarde) if waarde is not None and pd.notna(waarde) else math.nan
    return pd.Series(uit, index=cellen.index, dtype=float)


#: Chapter 3: catalogue item id → how to find its computed values.
KOPPELINGEN: dict[str, Koppeling] = {
    "tabel-3.1": Koppeling("tables/tabel-3.1.csv", koppel_tabel_3_1),
    "tabel-3.2": Koppeling("tables/tabel-3.2.csv", koppel_tabel_3_2),
}
