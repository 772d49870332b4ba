"""Audit mappings of chapter 4 (violence over time)."""

from __future__ import annotations

import math
import re

import pandas as pd

from analysis.koppelingen import Koppeling, _eerste_woord, _getal, _rijlabel, _zonder_tekens  # noqa: F401


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
        uit[idx] = _getal(waarde, 100)
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
        uit[idx] = _getal(waarde, 100)
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
        uit[idx] = _getal(waarde, 100)
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
        uit[idx] = _getal(waarde, 100)
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


def _procent_of_gemiddelde(rij, kolom: str) -> float:
    """Percent (``aandeel`` × 100) when the published column is a percentage, else the mean."""
    if rij is None:
        return math.nan
    kolom = str(kolom).lower()
    waarde = rij["aandeel"] * 100 if ("perc" in kolom) else rij["gemiddeld"]
    return float(waarde) if pd.notna(waarde) else math.nan


#: Published group headings of Tabel 4.2 (first word) → perspective.
TABEL_4_2_ROLLEN = {"slachtofferschap": "slachtoffer", "daderschap": "dader"}
#: Published row labels of Tabel 4.2 (first word) → severity column.
TABEL_4_2_ERNST = {"totaal": "totaal", "ernstig": "ernstig", "mild": "mild"}


def koppel_tabel_4_2(data: pd.DataFrame, cellen: pd.DataFrame) -> pd.Series:
    """Tabel 4.2: per role (groep), severity (rij) and gender (kolom, first word) the percentage
    reporting (kolom "Perc. geweld") or the mean incidents of those reporting, at T0."""
    data = data[data["meting"] == "T0"]
    rijen = {(r["perspectief"], r["ernst"], r["geslacht"]): r for _, r in data.iterrows()}
    uit = {}
    for idx, cel in cellen.iterrows():
        sleutel = (TABEL_4_2_ROLLEN.get(_eerste_woord(cel["groep"])), TABEL_4_2_ERNST.get(_eerste_woord(cel["rij"])),
                   TABEL_4_1_GESLACHTEN.get(_eerste_woord(cel["kolom"])))
        uit[idx] = _procent_of_gemiddelde(rijen.get(sleutel), cel["kolom"])
    return pd.Series(uit, index=cellen.index, dtype=float)


def _koppel_incidenten_per_meting(data: pd.DataFrame, cellen: pd.DataFrame, geslacht: str) -> pd.Series:
    """Figuur 4.5: mean incidents per wave (kolom). The text's "totaal" as victim equals the
    report's severe plus mild mean of Tabel 4.2 (86 = 37 + 49): the sum of both bars is compared."""
    sub = data[data["geslacht"] == geslacht]
    uit = {}
    for idx, cel in cellen.iterrows():
        label = _zonder_tekens(cel["rij"])
        perspectief = "dader" if ("pleger" in label or "dader" in label) else "slachtoffer"
        ernsten = [e for e in ("ernstig", "mild") if e in label] or ["ernstig", "mild"]
        waarden = sub[(sub["perspectief"] == perspectief) & (sub["meting"] == str(cel["kolom"]).strip()) & sub["ernst"].isin(ernsten)]
        uit[idx] = float(waarden["gemiddeld"].sum()) if len(waarden) == len(ernsten) and waarden["gemiddeld"].notna().all() else math.nan
    return pd.Series(uit, index=cellen.index, dtype=float)


def koppel_figuur_4_5a(data: pd.DataFrame, cellen: pd.DataFrame) -> pd.Series:
    """Figuur 4.5a: men (panel a of figuur-4.5)."""
    return _koppel_incidenten_per_meting(data, cellen, "man")


def koppel_figuur_4_5b(data: pd.DataFrame, cellen: pd.DataFrame) -> pd.Series:
    """Figuur 4.5b: women (panel b of figuur-4.5)."""
    return _koppel_incidenten_per_meting(data, cellen, "vrouw")


def _koppel_ernst_aandeel(data: pd.DataFrame, cellen: pd.DataFrame, geslacht: str) -> pd.Series:
    """Figuur 4.6: share (percent) of one gender that is victim or perpetrator (rij names the
    role and the severity) in a wave (kolom). The report's text gives no values; kept for coverage."""
    sub = data[data["geslacht"] == geslacht]
    uit = {}
    for idx, cel in cellen.iterrows():
        label = _zonder_tekens(cel["rij"])
        perspectief = "dader" if ("pleger" in label or "dader" in label) else "slachtoffer"
        ernst = "ernstig" if "ernstig" in label else "mild"
        w = sub[(sub["perspectief"] == perspectief) & (sub["ernst"] == ernst) & (sub["meting"] == str(cel["kolom"]).strip())]["aandeel"]
        uit[idx] = 100 * float(w.iloc[0]) if len(w) and pd.notna(w.iloc[0]) else math.nan
    return pd.Series(uit, index=cellen.index, dtype=float)


def koppel_figuur_4_6a(data: pd.DataFrame, cellen: pd.DataFrame) -> pd.Series:
    return _koppel_ernst_aandeel(data, cellen, "man")


def koppel_figuur_4_6b(data: pd.DataFrame, cellen: pd.DataFrame) -> pd.Series:
    return _koppel_ernst_aandeel(data, cellen, "vrouw")


#: Published row labels of Tabel 4.3 → cts2.partner_relatie.
TABEL_4_3_RELATIES = {"huidige partner": "huidige_partner", "ex-partner": "ex_partner", "nieuwe andere partner": "nieuwe_partner",
                      "terug bij ex-partner": "terug_bij_ex", "relatie beëindigd": "relatie_beeindigd"}


def koppel_tabel_4_3(data: pd.DataFrame, cellen: pd.DataFrame) -> pd.Series:
    """Tabel 4.3: per wave (the T0/T2 in the group heading), relationship (rij) and gender (kolom)
    the percentage (kolom "Percentage") or the mean victim incidents ("Aantal incidenten")."""
    rijen = {(r["meting"], r["partner_relatie"], r["geslacht"]): r for _, r in data.iterrows()}
    uit = {}
    for idx, cel in cellen.iterrows():
        meting = re.search(r"\bT[012]\b", str(cel["groep"]))
        sleutel = (meting.group(0) if meting else None, TABEL_4_3_RELATIES.get(_zonder_tekens(cel["rij"])),
                   TABEL_4_1_GESLACHTEN.get(_eerste_woord(cel["kolom"])))
        kolom = "perc" if "percentage" in str(cel["kolom"]).lower() else "gemiddeld"
        uit[idx] = _procent_of_gemiddelde(rijen.get(sleutel), kolom)
    return pd.Series(uit, index=cellen.index, dtype=float)


#: Published row labels of Tabel 4.4 → rows of analysis.hoofdstuk4.KIND_RIJEN.
TABEL_4_4_RIJEN = {
    "fysieke mishandeling": "fysiek", "psychische mishandeling": "psychisch", "verwaarlozing": "verwaarlozing",
    "totaal direct geweld tegen kinderen": "direct", "(mogelijk) getuige fysiek partnergeweld": "getuige_fysiek",
    "(mogelijk) getuige psychisch partnergeweld": "getuige_psychisch", "(mogelijk) getuige seksueel partnergeweld": "getuige_seksueel",
    "totaal (mogelijk) getuige partnergeweld": "getuige", "totaal kindermishandeling": "totaal",
}


def koppel_tabel_4_4(data: pd.DataFrame, cellen: pd.DataFrame) -> pd.Series:
    """Tabel 4.4: per form (rij) and wave (first word of kolom) the percentage of children
    ("Perc. kinderen") or the mean incidents of the children concerned ("Gem. aant. incidenten")."""
    rijen = {(r["rij"], r["meting"]): r for _, r in data.iterrows()}
    uit = {}
    for idx, cel in cellen.iterrows():
        sleutel = (TABEL_4_4_RIJEN.get(_zonder_tekens(cel["rij"])), _eerste_woord(cel["kolom"]).upper())
        uit[idx] = _procent_of_gemiddelde(rijen.get(sleutel), cel["kolom"])
    return pd.Series(uit, index=cellen.index, dtype=float)


KOPPELINGEN.update({
    "tabel-4.2": Koppeling("tables/tabel-4.2.csv", koppel_tabel_4_2),
    "figuur-4.5a": Koppeling("figures/figuur-4.5.csv", koppel_figuur_4_5a),
    "figuur-4.5b": Koppeling("figures/figuur-4.5.csv", koppel_figuur_4_5b),
    "figuur-4.6a": Koppeling("figures/figuur-4.6.csv", koppel_figuur_4_6a),
    "figuur-4.6b": Koppeling("figures/figuur-4.6.csv", koppel_figuur_4_6b),
    "tabel-4.3": Koppeling("tables/tabel-4.3.csv", koppel_tabel_4_3),
    "tabel-4.4": Koppeling("tables/tabel-4.4.csv", koppel_tabel_4_4),
})


#: Published row labels of Tabel 4.5 (without markers) → rows of analysis.hoofdstuk4.KIND_ZELF_RIJEN.
TABEL_4_5_RIJEN = {
    "fysieke mishandeling": "fysiek", "psychische mishandeling": "psychisch", "totaal direct geweld tegen kinderen": "direct",
    "getuige fysiek partnergeweld": "getuige_fysiek", "getuige psychisch partnergeweld": "getuige_psychisch",
    "totaal getuige partnergeweld": "getuige", "totaal kindermishandeling": "totaal",
}


def koppel_tabel_4_5(data: pd.DataFrame, cellen: pd.DataFrame) -> pd.Series:
    """Tabel 4.5: as Tabel 4.4, from the children's own reports (row labels carry significance marks)."""
    rijen = {(r["rij"], r["meting"]): r for _, r in data.iterrows()}
    uit = {}
    for idx, cel in cellen.iterrows():
        sleutel = (TABEL_4_5_RIJEN.get(_zonder_tekens(cel["rij"])), _eerste_woord(cel["kolom"]).upper())
        uit[idx] = _procent_of_gemiddelde(rijen.get(sleutel), cel["kolom"])
    return pd.Series(uit, index=cellen.index, dtype=float)


#: Published rows of Figuur 4.7 (a word they start with) → co-occurrence category.
FIGUUR_4_7_SAMENLOOP = (("zowel", "beide"), ("alleen partner", "alleen_partner"), ("alleen direct", "alleen_kind"), ("geen", "geen"))


def koppel_figuur_4_7(data: pd.DataFrame, cellen: pd.DataFrame) -> pd.Series:
    """Figuur 4.7: share of families (percent) per co-occurrence category (rij) and wave (kolom)."""
    aandeel = {(r.meting, r.samenloop): r.aandeel for r in data.itertuples()}
    uit = {}
    for idx, cel in cellen.iterrows():
        label = _zonder_tekens(cel["rij"])
        soort = next((s for woord, s in FIGUUR_4_7_SAMENLOOP if label.startswith(woord)), None)
        waarde = aandeel.get((str(cel["kolom"]).strip(), soort))
        uit[idx] = _getal(waarde, 100)
    return pd.Series(uit, index=cellen.index, dtype=float)


def koppel_tabel_4_6(data: pd.DataFrame, cellen: pd.DataFrame) -> pd.Series:
    """Tabel 4.6: per ACE row (numbered 1.–10., then the two summary rows) and group (first word
    of kolom: onderzoekspopulatie / referentiepopulatie) the percentage of parents."""
    aandeel = {(r.rij, r.groep): r.aandeel for r in data.itertuples()}
    uit = {}
    for idx, cel in cellen.iterrows():
        label = _zonder_tekens(cel["rij"])
        nummer = re.match(r"^(\d+)\.", label)
        rij = f"ace_{nummer.group(1)}" if nummer else ("huiselijk" if label.startswith("zelf huiselijk") else
                                                       "vier_of_meer" if label.startswith("vier of meer") else None)
        groep = {"onderzoekspopulatie": "onderzoek", "referentiepopulatie": "referentie"}.get(_eerste_woord(cel["kolom"]))
        waarde = aandeel.get((rij, groep))
        uit[idx] = _getal(waarde, 100)
    return pd.Series(uit, index=cellen.index, dtype=float)


KOPPELINGEN.update({
    "tabel-4.5": Koppeling("tables/tabel-4.5.csv", koppel_tabel_4_5),
    "figuur-4.7": Koppeling("figures/figuur-4.7.csv", koppel_figuur_4_7),
    "tabel-4.6": Koppeling("tables/tabel-4.6.csv", koppel_tabel_4_6),
})
