"""Audit mappings of chapter 7 (formal and informal help).

Tabel 7.1–7.14 are computed by ``notebooks/07_hulp.ipynb`` (:mod:`analysis.hoofdstuk7`);
Figuur 7.1–7.16 by ``notebooks/07_hulp_verloop.ipynb`` (:mod:`analysis.hoofdstuk7_verloop`):
the report prints no comparable values of those figures, so they are registered with
``geen_waarden``, except Figuur 7.3, whose text gives the correlations of the two chosen TSI
scales with the clinical classification (r = .68 and .63); those are read from the unformatted
``trauma_correlaties_r`` of ``facts/h07_verloop.json``. Published row and column labels are matched on their first words (the
printed labels vary between tables: "Jeugd- en opvoedhulp", "Jeugd- & opvoedingsondersteuning",
"Jeugdhulp").
"""

from __future__ import annotations

import math
import re

import pandas as pd

from analysis.koppelingen import Koppeling, _getal, geen_waarden


def _label(tekst: str) -> str:
    """A printed label in lower case without footnote digits, markers and "N=…"."""
    s = str(tekst).replace("’", "'").lower()
    s = re.sub(r"\bn\s*=\s*[\d.]+", "", s)
    s = re.sub(r"(?<=[a-z])\d+\b", "", s)  # "Jeugdbescherming10" (footnote 10)
    return re.sub(r"\s+", " ", s.replace("*", "")).strip()


def _zoek(label: str, regels: tuple[tuple[str, str], ...]) -> str | None:
    """The code of the first rule whose prefix the label starts with."""
    s = _label(label)
    return next((code for prefix, code in regels if s.startswith(prefix)), None)


#: Help rows of Tabel 7.1, 7.2, 7.4 and 7.5 (prefix of the printed label → row code).
HULP_RIJEN = (
    ("formele hulp totaal", "formeel"), ("jeugdbescherming", "jeugdbescherming"), ("ggz", "ggz"),
    ("verslavingszorg", "verslavingszorg"), ("jeugd- en opvoed", "jeugd_opvoedhulp"),
    ("hulp verstandelijke", "verstandelijke_beperking"), ("hulp gericht op km", "hulp_km_hg"), ("wijkteam", "wijkteam"),
    ("maatschappelijk werk", "maatschappelijk_werk"), ("medisch", "medisch"), ("anders", "anders"),
    ("informele hulp", "informeel"), ("geen hulp", "geen_hulp"),
)
#: Background problems of parents: Tabel 7.2 column headers and Tabel 7.3 row labels.
PROBLEMEN_OUDERS = (
    ("partnergeweld", "partnergeweld"), ("4 ace", "ace"), ("armoede", "armoede"), ("werkloos", "werkloos"),
    ("eigen drank", "alcohol"), ("eigen problematisch drank", "alcohol"), ("drank risico partner", "alcohol_partner"),
    ("problematisch drankgebruik (ex)partner", "alcohol_partner"), ("alleenstaand", "alleenstaand"),
    ("lage opleiding", "laagopgeleid"), ("trauma", "trauma"), ("hoge opvoedstress", "opvoedstress_hoog"),
)
#: Problems of children (Tabel 7.5 column headers).
PROBLEMEN_KINDEREN = (
    ("kindermishandeling", "kindermishandeling"), ("kindtrauma", "kindtrauma"), ("onveilig", "onveilige_hechting"),
    ("emo", "emotioneel_onveilig"), ("probleemgedrag", "probleemgedrag"),
)
#: Rating categories of Tabel 7.6–7.14 (prefix of the printed row label → category).
OORDEEL_RIJEN = (
    ("informele hulp", "informeel"), ("maatschappelijk werk", "maatschappelijk_werk"), ("wijkteam", "wijkteam"),
    ("veilig thuis", "veilig_thuis"), ("huiselijk geweld", "hg_km_overig"), ("jeugd", "jeugd_opvoedhulp"),
    ("verslavingszorg", "verslavingszorg"), ("ggz", "ggz"), ("medische", "medisch"),
    ("formele hulp totaal", "formeel_totaal"), ("alle formele hulp", "formeel_totaal"), ("alle hulp samen", "alle_hulp"),
)


def koppel_verdeling(data: pd.DataFrame, cellen: pd.DataFrame) -> pd.Series:
    """Tabel 7.1/7.4: the count (column "Ouders (N=…)"/"Kinderen (N=…)") and percentage
    ("Percentage") per help row."""
    per = data.set_index("rij")
    uit = {}
    for idx, cel in cellen.iterrows():
        rij = _zoek(cel["rij"], HULP_RIJEN)
        if rij not in per.index:
            uit[idx] = math.nan
            continue
        if _label(cel["kolom"]).startswith("percentage"):
            uit[idx] = _getal(per.at[rij, "aandeel"], 100)
        else:
            uit[idx] = _getal(per.at[rij, "aantal"])
    return pd.Series(uit, index=cellen.index, dtype=float)


def _per_probleem(problemen: tuple[tuple[str, str], ...]):
    def koppel(data: pd.DataFrame, cellen: pd.DataFrame) -> pd.Series:
        """Tabel 7.2/7.5: the percentage per help row (rij) and problem group (kolom)."""
        aandeel = {(r.kolom, r.rij): r.aandeel for r in data.itertuples()}
        uit = {idx: _getal(aandeel.get((_zoek(cel["kolom"], problemen), _zoek(cel["rij"], HULP_RIJEN))), 100)
               for idx, cel in cellen.iterrows()}
        return pd.Series(uit, index=cellen.index, dtype=float)
    return koppel


koppel_tabel_7_2 = _per_probleem(PROBLEMEN_OUDERS)
koppel_tabel_7_5 = _per_probleem(PROBLEMEN_KINDEREN)


def koppel_tabel_7_3(data: pd.DataFrame, cellen: pd.DataFrame) -> pd.Series:
    """Tabel 7.3: the percentage with each problem (rij) among parents without / with help (kolom)."""
    waarden = data[data["kolom"].isin(["geen_hulp", "wel_hulp"])]
    aandeel = {(r.rij, r.kolom): r.aandeel for r in waarden.itertuples()}
    uit = {}
    for idx, cel in cellen.iterrows():
        kolom = "geen_hulp" if _label(cel["kolom"]).startswith("geen") else "wel_hulp"
        uit[idx] = _getal(aandeel.get((_zoek(cel["rij"], PROBLEMEN_OUDERS), kolom)), 100)
    return pd.Series(uit, index=cellen.index, dtype=float)


def koppel_oordeel(data: pd.DataFrame, cellen: pd.DataFrame) -> pd.Series:
    """Tabel 7.6–7.14 (the table's data holds its own measure only): per category (rij) the
    mean score (column "Score …"), the positive share (e.g. "% (heel) belangrijk") and the
    negative share ("% (heel) onbelangrijk", "… slecht geholpen", "… ontevreden")."""
    per = data.set_index("soort")
    uit = {}
    for idx, cel in cellen.iterrows():
        soort = _zoek(cel["rij"], OORDEEL_RIJEN)
        kolom = _label(cel["kolom"])
        if soort not in per.index:
            uit[idx] = math.nan
        elif kolom.startswith("score"):
            uit[idx] = _getal(per.at[soort, "gemiddelde"])
        elif any(w in kolom for w in ("onbelangrijk", "slecht", "ontevreden")):
            uit[idx] = _getal(per.at[soort, "negatief"], 100)
        else:
            uit[idx] = _getal(per.at[soort, "positief"], 100)
    return pd.Series(uit, index=cellen.index, dtype=float)


#: Figuur 7.3: the TSI scale a published correlation is about (first matching word of the row).
TRAUMA_SCHALEN = ("depressie", "herbeleving")


def koppel_figuur_7_3(feiten: dict, cellen: pd.DataFrame) -> pd.Series:
    """Figuur 7.3: the point-biserial correlation of a TSI scale (named in the row:
    "correlatie depressie met dichotome PTSS …") with the clinical classification, from the
    unformatted ``trauma_correlaties_r`` of the chapter-7-verloop facts."""
    r = (feiten or {}).get("trauma_correlaties_r") or {}
    uit = {}
    for idx, cel in cellen.iterrows():
        schaal = next((s for s in TRAUMA_SCHALEN if s in _label(cel["rij"]).split()), None)
        uit[idx] = _getal(r.get(schaal)) if schaal else math.nan
    return pd.Series(uit, index=cellen.index, dtype=float)


#: Chapter 7: catalogue item id → how to find its computed values.
KOPPELINGEN: dict[str, Koppeling] = {
    "tabel-7.1": Koppeling("tables/tabel-7.1.csv", koppel_verdeling),
    "tabel-7.2": Koppeling("tables/tabel-7.2.csv", koppel_tabel_7_2),
    "tabel-7.3": Koppeling("tables/tabel-7.3.csv", koppel_tabel_7_3),
    "tabel-7.4": Koppeling("tables/tabel-7.4.csv", koppel_verdeling),
    "tabel-7.5": Koppeling("tables/tabel-7.5.csv", koppel_tabel_7_5),
    **{f"tabel-7.{n}": Koppeling(f"tables/tabel-7.{n}.csv", koppel_oordeel) for n in range(6, 15)},
    # Figuur 7.1–7.16 (sections 7.4–7.5): the running text gives no values comparable with a
    # figure's data, so they are registered without values; Figuur 7.3's two correlations are
    # in the chapter's facts.
    **{f"figuur-7.{n}": Koppeling(f"figures/figuur-7.{n}.json", geen_waarden) for n in range(1, 17) if n != 3},
    "figuur-7.3": Koppeling("facts/h07_verloop.json", koppel_figuur_7_3),
}
