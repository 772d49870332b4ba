"""Audit mappings of chapter 5 (wellbeing of parents and parenthood)."""

from __future__ import annotations


import pandas as pd

from analysis.koppelingen import Koppeling, _getal, _zonder_tekens, geen_waarden

#: Published row labels of Figuur 5.1 (a word they start with) → the figure's groups; the
#: reference group's single cell sits in column "referentie".
FIGUUR_5_1_RIJEN = (("percentage getraumatiseerde", "onderzoeksgroep"), ("referentie", "referentie"))


def koppel_figuur_5_1(data: pd.DataFrame, cellen: pd.DataFrame) -> pd.Series:
    """Figuur 5.1: share of traumatised parents per wave (kolom T0/T1/T2) and in the reference
    group (kolom "referentie"), in percent."""
    aandeel = dict(zip(data["groep"].astype(str), data["aandeel"]))
    uit = {}
    for idx, cel in cellen.iterrows():
        rij = next((g for woord, g in FIGUUR_5_1_RIJEN if _zonder_tekens(cel["rij"]).startswith(woord)), None)
        kolom = str(cel["kolom"]).strip()
        groep = "referentie" if rij == "referentie" else kolom if rij == "onderzoeksgroep" else None
        waarde = aandeel.get(groep)
        uit[idx] = _getal(waarde, 100)
    return pd.Series(uit, index=cellen.index, dtype=float)


#: Published row labels of Tabel 5.1 (markers and a trailing "." removed, lower case) → scale.
TABEL_5_1_RIJEN = {
    "opvoedstress": "opvoedstress",
    "ouderlijke competenties": "competentie",
    "warmte & betrokkenheid": "warmte",
    "autonomie & steun": "autonomie",
}
#: Published columns of Tabel 5.1 → the table data's ``groep`` ("range" is text: not compared).
TABEL_5_1_KOLOMMEN = {"T0": "T0", "T1": "T1", "T2": "T2", "Referentiepopulatie": "referentie"}


def koppel_tabel_5_1(data: pd.DataFrame, cellen: pd.DataFrame) -> pd.Series:
    """Tabel 5.1: mean score per parenting scale (rij) and wave or reference group (kolom)."""
    waarden = data[data["rij"] == "waarde"] if "rij" in data else data
    gemiddelde = {(r.schaal, r.groep): r.gemiddelde for r in waarden.itertuples()}
    uit = {}
    for idx, cel in cellen.iterrows():
        schaal = TABEL_5_1_RIJEN.get(_zonder_tekens(cel["rij"]).rstrip(". "))
        waarde = gemiddelde.get((schaal, TABEL_5_1_KOLOMMEN.get(str(cel["kolom"]).strip())))
        uit[idx] = _getal(waarde)
    return pd.Series(uit, index=cellen.index, dtype=float)


#: Published row labels of Figuur 5.3 (their first words) → outcome.
FIGUUR_5_3_RIJEN = (("veiligheid", "veiligheid"), ("kwaliteit van leven", "kwaliteit_van_leven"))


def koppel_figuur_5_3(data: pd.DataFrame, cellen: pd.DataFrame) -> pd.Series:
    """Figuur 5.3: mean report mark (1-10) for the sense of safety and quality of life (rij) per wave."""
    gemiddelde = {(r.schaal, r.groep): r.gemiddelde for r in data.itertuples()}
    uit = {}
    for idx, cel in cellen.iterrows():
        uitkomst = next((u for woord, u in FIGUUR_5_3_RIJEN if _zonder_tekens(cel["rij"]).startswith(woord)), None)
        waarde = gemiddelde.get((uitkomst, str(cel["kolom"]).strip()))
        uit[idx] = _getal(waarde)
    return pd.Series(uit, index=cellen.index, dtype=float)


#: Chapter 5: catalogue item id → how to find its computed values.
KOPPELINGEN: dict[str, Koppeling] = {
    "figuur-5.1": Koppeling("figures/figuur-5.1.csv", koppel_figuur_5_1),
    # Figuur 5.2: the report names the scales that differ, but prints no values.
    "figuur-5.2": Koppeling("figures/figuur-5.2.csv", geen_waarden),
    "tabel-5.1": Koppeling("tables/tabel-5.1.csv", koppel_tabel_5_1),
    "figuur-5.3": Koppeling("figures/figuur-5.3.csv", koppel_figuur_5_3),
}
