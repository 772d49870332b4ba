"""Audit mappings of chapter 3 (study population)."""

from __future__ import annotations

import math
import re

import pandas as pd

from analysis.koppelingen import Koppeling, _eerste_woord, _getal, _rijlabel, _zonder_tekens, geen_waarden  # noqa: F401


#: Published row labels of Tabel 3.2 (normalised, by their start) → row of tabel-3.2.csv.
#: "Kinderen 8-18 jaar zelf" is the row of children who fill in questionnaires themselves
#: (present in the CSV only when the snapshot holds child self-report questionnaires).
TABEL_3_2_RIJEN = (
    ("gezinnen", "gezinnen"), ("echtparen", "echtparen"), ("ouders", "ouders"), ("moeders", "moeders"),
    ("vaders", "vaders"), ("kinderen 3-18", "kinderen"), ("kinderen 3-12", "kinderen_3_12"),
    ("kinderen 13-18", "kinderen_13_18"), ("kinderen 8-18 jaar zelf", "kinderen_zelf"), ("twee kinderen", "twee_kinderen"),
)
#: Published columns of Tabel 3.1 → characteristic in tabel-3.1.csv ("Totaal kinderen zelf" only with self-report data).
TABEL_3_1_KOLOMMEN = {"aantal gezinnen": "gezinnen", "totaal ouders": "ouders", "totaal kinderen": "kinderen",
                      "totaal kinderen zelf": "kinderen_zelf"}



def koppel_tabel_3_2(tellingen: pd.DataFrame, cellen: pd.DataFrame) -> pd.Series:
    """Tabel 3.2: counts per row and wave column (T0, T1, T2, T0-T1-T2)."""
    aantal = {(r.groep, str(r.kolom)): r.aantal for r in tellingen.itertuples()}
    uit = {}
    for idx, cel in cellen.iterrows():
        label = _rijlabel(cel["rij"])
        groep = next((g for begin, g in TABEL_3_2_RIJEN if label.startswith(begin)), None)
        waarde = aantal.get((groep, str(cel["kolom"]).strip()))
        uit[idx] = _getal(waarde)
    return pd.Series(uit, index=cellen.index, dtype=float)


def koppel_tabel_3_1(per_regio: pd.DataFrame, cellen: pd.DataFrame) -> pd.Series:
    """Tabel 3.1: families, parents and children per region (matched on the region's name)."""
    aantal = {(_rijlabel(r.regio), r.kenmerk): r.aantal for r in per_regio.itertuples()}
    uit = {}
    for idx, cel in cellen.iterrows():
        kenmerk = TABEL_3_1_KOLOMMEN.get(_zonder_tekens(cel["kolom"]))
        waarde = aantal.get((_rijlabel(cel["rij"]), kenmerk))
        uit[idx] = _getal(waarde)
    return pd.Series(uit, index=cellen.index, dtype=float)


# -- Tabel 3.3, 3.4 and 3.6: tidy cells (blok, rij, kolom, soort, waarde) ------------------------
#: Published block headings (normalised, by a word they contain) → block of the computed cells.
BLOKKEN = (("leeftijd", "leeftijd"), ("migratie", "migratie"), ("opleiding", "opleiding"), ("inkomen", "inkomen"),
           ("betaald werk", "werk"), ("gezinsamenstelling", "gezin"), ("kinderen ouder dan", "kinderen_ouder_dan_3"),
           ("familie", "gezin"))
#: Published row labels (normalised) → (block or None = the heading's block, row key).
RIJEN = {
    "< 25 jaar": (None, "<25"), "25-34 jaar": (None, "25-34"), "35-44 jaar": (None, "35-44"), "45-54 jaar": (None, "45-54"),
    "> 55 jaar": (None, "55+"),
    "nederlands": (None, "nederlands"), "antilliaans": (None, "antilliaans"), "marokkaans": (None, "marokkaans"),
    "surinaams": (None, "surinaams"), "turks": (None, "turks"), "indonesisch": (None, "indonesisch"), "anders": (None, "anders"),
    "lager onderwijs": (None, "basisschool"), "mavo, lbo": (None, "mavo_lbo"), "havo, vwo, mbo": (None, "havo_vwo_mbo"),
    "hbo, wo": (None, "hbo_wo"),
    "< €1,500": (None, "minder_1500"), "€1,500 - €3,100": (None, "tussen_1500_3100"), "> €3,100": (None, "meer_3100"),
    "> 12 uur betaald werk": ("werk", "werkt"),
    "samenwonend/kerngezin": (None, "samenwonend"), "alleen wonend (eenouder)": (None, "alleenstaand"),
    "ooit gescheiden": (None, "ooit_gescheiden"),
    "0 kinderen ouder dan 3 jaar": (None, "0"), "1 kind ouder dan 3 jaar": (None, "1"), "2 kinderen ouder dan 3 jaar": (None, "2"),
    "3 kinderen ouder dan 3 jaar": (None, "3"), "> 4 kinderen ouder dan 3 jaar": (None, "4+"),
    "ots of uithuisplaatsing": ("jeugdbescherming", "ots"), "gemiddelde leeftijd kinderen": ("kinderen", "leeftijd"),
    "sekse kinderen, meisje (%)": ("kinderen", "meisjes"),
    "ace studie (vier of meer aces)": ("ace", "ace"),
}
#: Tabel 3.4's rows without a block heading, and its family block.
RIJEN_3_4 = {
    "aantal": ("algemeen", "aantal"), "percentage meisjes": ("algemeen", "meisjes"), "gemiddelde leeftijd": ("algemeen", "leeftijd"),
    "=< 12 jaar": ("leeftijd", "jong"), "> 12 jaar": ("leeftijd", "oud"),
    "kerngezin (stief)vader + (stief)moeder": ("gezin", "kerngezin"), "alleenstaande ouder": ("gezin", "eenouder"),
    "ooit gescheiden": ("gescheiden", "ooit_gescheiden"),
}


def _label(tekst: str) -> str:
    return re.sub(r"\s+", " ", str(tekst).replace("■", "")).strip().lower()


def _blok(groep: str) -> str | None:
    g = _label(groep)
    return next((blok for woord, blok in BLOKKEN if woord in g), None)


def _incident(rij: str) -> str | None:
    """Tabel 3.6's "Licht fysiek geweld door (ex)partner" → "mild_fysiek_slachtoffer"."""
    r = _label(rij)
    m = re.match(r"(licht|ernstig) (fysiek|psychisch) geweld door (.*)$", r)
    if not m:
        return None
    perspectief = "dader" if m.group(3).strip() == "zelf" else "slachtoffer"
    return f"{'mild' if m.group(1) == 'licht' else 'ernstig'}_{m.group(2)}_{perspectief}"


def _waarden(cellen: pd.DataFrame) -> dict[tuple[str, str, str], float]:
    """(blok, rij, kolom) → value on the printed scale (shares in percent)."""
    uit = {}
    for c in cellen.itertuples():
        if pd.isna(c.waarde):
            continue
        uit[(c.blok, str(c.rij), c.kolom)] = float(c.waarde) * (100.0 if c.soort == "aandeel" else 1.0)
    return uit


def _koppel_kenmerken(berekend: pd.DataFrame, cellen: pd.DataFrame, kolommen, rijen: dict) -> pd.Series:
    waarden = _waarden(berekend)
    uit = {}
    for idx, cel in cellen.iterrows():
        kolom = kolommen(_label(cel["kolom"]))
        label = _label(cel["rij"])
        incident = _incident(cel["rij"])
        if incident:
            sleutel = ("incidenten", incident)
        elif label in rijen:
            blok, rij = rijen[label]
            sleutel = (blok or _blok(cel["groep"]), rij)
        else:
            sleutel = None
        waarde = waarden.get((*sleutel, kolom)) if sleutel and kolom else None
        uit[idx] = waarde if waarde is not None else math.nan
    return pd.Series(uit, index=cellen.index, dtype=float)


def _kolom_3_3(kolom: str) -> str | None:
    """Tabel 3.3's columns; the CBS column is an external source, not computed."""
    return next((k for k in ("ouders", "moeders", "vaders") if kolom.startswith(k)), None)


def koppel_tabel_3_3(berekend: pd.DataFrame, cellen: pd.DataFrame) -> pd.Series:
    """Tabel 3.3: shares (and the children's mean age) per column of parents."""
    return _koppel_kenmerken(berekend, cellen, _kolom_3_3, RIJEN)


def koppel_tabel_3_4(berekend: pd.DataFrame, cellen: pd.DataFrame) -> pd.Series:
    """Tabel 3.4: children at T0, in total, reported about by a parent, and self-reporting."""
    kolommen = {"totaal": "totaal", "ouder ingevuld": "ouder", "zelf ingevuld": "zelf"}
    rijen = {**{k: v for k, v in RIJEN.items() if v[0] is None}, **RIJEN_3_4}
    return _koppel_kenmerken(berekend, cellen, kolommen.get, rijen)


def koppel_tabel_3_6(berekend: pd.DataFrame, cellen: pd.DataFrame) -> pd.Series:
    """Tabel 3.6: the whole T0 group and the three-wave group (the significance column is a
    verdict, not a number: not compared)."""
    def kolom(k: str) -> str | None:
        return "totaal" if k.startswith("totale") else "alle" if k.startswith("t0-t1-t2") else None
    return _koppel_kenmerken(berekend, cellen, kolom, RIJEN)


def koppel_tabel_3_5(tellingen: pd.DataFrame, cellen: pd.DataFrame) -> pd.Series:
    """Tabel 3.5: the T0 and T0-T1-T2 columns of Tabel 3.2, with the self-report row."""
    return koppel_tabel_3_2(tellingen, cellen)


#: Flow charts: the published step (normalised, by its start) → step of figuur-3.2/3.3.csv.
STROOM_STAPPEN = (("gezinnen deelgenomen aan eerste meting", "deelname"), ("niet meegenomen", "zonder_geweld"),
                  ("gezinnen eerste meting", "t0"), ("gezinnen wel t1, niet t2", "t1_niet_t2"), ("gezinnen wel t2, niet t1", "t2_niet_t1"))


def koppel_stroom(stappen: pd.DataFrame, cellen: pd.DataFrame) -> pd.Series:
    """Figuur 3.2 and 3.3: the number of families per step of the flow chart."""
    aantal = {r.stap: r.aantal for r in stappen.itertuples()}
    uit = {}
    for idx, cel in cellen.iterrows():
        stap = next((s for begin, s in STROOM_STAPPEN if _label(cel["rij"]).startswith(begin)), None)
        waarde = aantal.get(stap)
        uit[idx] = _getal(waarde)
    return pd.Series(uit, index=cellen.index, dtype=float)


#: Chapter 3: catalogue item id → how to find its computed values.
KOPPELINGEN: dict[str, Koppeling] = {
    "figuur-3.1": Koppeling("figures/figuur-3.1.csv", geen_waarden),
    "tabel-3.1": Koppeling("tables/tabel-3.1.csv", koppel_tabel_3_1),
    "figuur-3.2": Koppeling("figures/figuur-3.2.csv", koppel_stroom),
    "tabel-3.2": Koppeling("tables/tabel-3.2.csv", koppel_tabel_3_2),
    "tabel-3.3": Koppeling("tables/tabel-3.3.csv", koppel_tabel_3_3),
    "tabel-3.4": Koppeling("tables/tabel-3.4.csv", koppel_tabel_3_4),
    "figuur-3.3": Koppeling("figures/figuur-3.3.csv", koppel_stroom),
    "tabel-3.5": Koppeling("tables/tabel-3.5.csv", koppel_tabel_3_5),
    "tabel-3.6": Koppeling("tables/tabel-3.6.csv", koppel_tabel_3_6),
    "figuur-3.4": Koppeling("figures/figuur-3.4.csv", geen_waarden),
}
