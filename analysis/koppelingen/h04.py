"""Audit mappings of chapter 4 (violence over time)."""

from __future__ import annotations

import math
import re

import pandas as pd

from analysis.koppelingen import Koppeling, _eerste_woord, _rijlabel, _zonder_tekens  # noqa: F401


#: Published category labels of Figuur 4.1 → the pipeline's categories (first match wins).
FIGUUR_4_1_CATEGORIEEN = (("geen", "geen"), ("matig", "mild"), ("mild", "mild"), ("ernstig", "ernstig"), ("veel", "ernstig"))


def koppel_figuur_4_1(verdeling: pd.DataFrame, cellen: pd.DataFrame) -> pd.Series:
    """Figuur 4.1: share of families per category (rij) and wave (kolom), in percent."""
    aandeel = {(r.meting, r.categorie): r.aandeel for r in verdeling.itertuples()}
    uit = {}
    for idx, cel in cellen.iterrows():
        label = _zonder_tekens(cel["rij"])
        categorie = next((cat for woord, cat in FIGUUR_4_1_CATEGORIEEN if label.startswith(woord)), None)
        waarde = aandeel.get((str(cel["kolom"]).strip(), categorie))
        uit[idx] = 100 * float(waarde) if waarde is not None and pd.notna(waarde) else math.nan
    return pd.Series(uit, index=cellen.index, dtype=float)


#: Published row labels of Tabel 4.1 (without significance markers) → form of violence.
TABEL_4_1_VORMEN = {"psychisch geweld": "psychisch", "fysiek geweld": "fysiek", "verwondingen": "verwonding", "seksueel geweld": "seksueel"}
#: Published group headings of Tabel 4.1 (by their first word) → perspective.
TABEL_4_1_PERSPECTIEVEN = {"slachtoffer": "slachtoffer", "dader": "dader"}
#: Published columns of Tabel 4.1 (by their first word) → gender.
TABEL_4_1_GESLACHTEN = {"man": "man", "vrouw": "vrouw"}



def koppel_tabel_4_1(cellen_berekend: pd.DataFrame, cellen: pd.DataFrame) -> pd.Series:
    """Tabel 4.1: share of men / women (kolom) reporting a form (rij) as victim or perpetrator
    (groep heading) at least once over T0–T2, in percent."""
    aandeel = {(r.perspectief, r.vorm, r.geslacht): r.aandeel for r in cellen_berekend.itertuples()}
    uit = {}
    for idx, cel in cellen.iterrows():
        sleutel = (
            TABEL_4_1_PERSPECTIEVEN.get(_eerste_woord(cel["groep"])),
            TABEL_4_1_VORMEN.get(_zonder_tekens(cel["rij"])),
            TABEL_4_1_GESLACHTEN.get(_eerste_woord(cel["kolom"])),
        )
        waarde = aandeel.get(sleutel)
        uit[idx] = 100 * float(waarde) if waarde is not None and pd.notna(waarde) else math.nan
    return pd.Series(uit, index=cellen.index, dtype=float)


#: Published category labels of Figuur 4.2 (by their first word) → the pipeline's categories.
FIGUUR_4_2_CATEGORIEEN = {"geen": "geen", "matig": "mild", "mild": "mild", "frequent": "ernstig", "veel": "ernstig",
                          "veelvuldig": "ernstig", "ernstig": "ernstig"}


def koppel_figuur_4_2(verdeling: pd.DataFrame, cellen: pd.DataFrame) -> pd.Series:
    """Figuur 4.2: share of families per partner-violence category (rij) and wave (kolom), in percent."""
    aandeel = {(r.meting, r.categorie): r.aandeel for r in verdeling.itertuples()}
    uit = {}
    for idx, cel in cellen.iterrows():
        categorie = FIGUUR_4_2_CATEGORIEEN.get(_eerste_woord(_zonder_tekens(cel["rij"])))
        waarde = aandeel.get((str(cel["kolom"]).strip(), categorie))
        uit[idx] = 100 * float(waarde) if waarde is not None and pd.notna(waarde) else math.nan
    return pd.Series(uit, index=cellen.index, dtype=float)


#: Published row labels of Figuur 4.3/4.4 (a word they contain) → form of partner violence.
FIGUUR_4_3_VORMEN = (("psychisch", "psychisch"), ("fysiek", "fysiek"), ("verwond", "verwonding"), ("letsel", "verwonding"),
                     ("seksueel", "seksueel"))
#: The text gives these values for "T1_of_T2": the running text says the second wave, the
#: conclusion and the summary the third; the two later sources are followed (T2).
FIGUUR_4_3_METINGEN = {"T0": "T0", "T1": "T1", "T2": "T2", "T1_of_T2": "T2"}


def _koppel_vormen_per_meting(data: pd.DataFrame, cellen: pd.DataFrame, perspectief: str, geslacht: str) -> pd.Series:
    """Share (percent) of one gender reporting a form (rij) in a wave (kolom), as victim or perpetrator."""
    sub = data[(data["perspectief"] == perspectief) & (data["geslacht"] == geslacht)]
    aandeel = {(r.meting, r.vorm): r.aandeel for r in sub.itertuples()}
    uit = {}
    for idx, cel in cellen.iterrows():
        label = _zonder_tekens(cel["rij"])
        vorm = next((v for woord, v in FIGUUR_4_3_VORMEN if woord in label), None)
        waarde = aandeel.get((FIGUUR_4_3_METINGEN.get(str(cel["kolom"]).strip()), vorm))
        uit[idx] = 100 * float(waarde) if waarde is not None and pd.notna(waarde) else math.nan
    return pd.Series(uit, index=cellen.index, dtype=float)


def koppel_figuur_4_3a(data: pd.DataFrame, cellen: pd.DataFrame) -> pd.Series:
    """Figuur 4.3a: men as victims of partner violence, per form and wave (panel a of figuur-4.3)."""
    return _koppel_vormen_per_meting(data, cellen, "slachtoffer", "man")


def koppel_figuur_4_3b(data: pd.DataFrame, cellen: pd.DataFrame) -> pd.Series:
    """Figuur 4.3b: women as victims of partner violence, per form and wave (panel b of figuur-4.3)."""
    return _koppel_vormen_per_meting(data, cellen, "slachtoffer", "vrouw")


def koppel_figuur_4_4a(data: pd.DataFrame, cellen: pd.DataFrame) -> pd.Series:
    """Figuur 4.4a: men as perpetrators of partner violence (panel a of figuur-4.4)."""
    return _koppel_vormen_per_meting(data, cellen, "dader", "man")


def koppel_figuur_4_4b(data: pd.DataFrame, cellen: pd.DataFrame) -> pd.Series:
    """Figuur 4.4b: women as perpetrators of partner violence (panel b of figuur-4.4)."""
    return _koppel_vormen_per_meting(data, cellen, "dader", "vrouw")


#: Chapter 4: catalogue item id → how to find its computed values.
KOPPELINGEN: dict[str, Koppeling] = {
    "figuur-4.1": Koppeling("figures/figuur-4.1.csv", koppel_figuur_4_1),
    "tabel-4.1": Koppeling("tables/tabel-4.1.csv", koppel_tabel_4_1),
    "figuur-4.2": Koppeling("figures/figuur-4.2.csv", koppel_figuur_4_2),
    "figuur-4.3a": Koppeling("figures/figuur-4.3.csv", koppel_figuur_4_3a),
    "figuur-4.3b": Koppeling("figures/figuur-4.3.csv", koppel_figuur_4_3b),
    "figuur-4.4a": Koppeling("figures/figuur-4.4.csv", koppel_figuur_4_4a),
    "figuur-4.4b": Koppeling("figures/figuur-4.4.csv", koppel_figuur_4_4b),
}
