"""Reproduction audit: computed versus published.

Compares what the pipeline computed for one scope (the national one: ``_artifacts/nederland``)
with the values printed in the report, cell by cell, and reports per chapter how much of the
report is computed and how much of it agrees within a stated tolerance.

- The published values are data in the repository (``analysis/gepubliceerd/``, converted once
  from the project's catalogue of the report). Only this module (and, later, the synthetic
  generator's calibration) reads them: never scoring, statistics, tables or notebooks.
- Each item (table or figure) that the pipeline produces gets a *koppeling* in
  :data:`KOPPELINGEN` (one module per chapter in :mod:`analysis.koppelingen`): which artifact
  to read and a pure function that gives, for every published cell of the item, the computed
  value on the published scale (percentages as 12.4, not 0.124). Adding an item means adding
  one function and one registry entry in its chapter's module.
- Tolerances are named constants: percentages ±:data:`TOLERANTIE_PROCENTPUNT` percentage
  points, means and other measured numbers ±:data:`TOLERANTIE_RELATIEF` (relative), counts of
  the study design exactly. A value that prints the same as the published one always agrees
  (half a unit of the printed last digit is allowed on top of nothing else).
- Where the report's own notes show that a printed value is inconsistent (a percentage that
  does not match its count, a copied row, text and table disagreeing), the cell carries that
  reason: no data can reproduce such a value, and the audit says so. Such cells are still
  compared and shown, but the agreement of the data (:func:`samenvatting`,
  ``aandeel_consistent_binnen``) is taken over the consistent cells only.
- The chapter-4 headline numbers of the report's summary (``summary.json``, key
  ``kerncijfers_hoofdstuk_4``: data, like every published value) are compared with the computed
  values of the cells they rest on (:func:`samenvatting_hoofdstuk_4`).

Entry point for the CLI / ``make audit``: :func:`main`.
"""

from __future__ import annotations

import json
import math
import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

from analysis.formatting import getal, pct
from analysis.koppelingen import KOPPELINGEN, Koppeling
from analysis.snapshot import vervang_map

__all__ = [
    "GEPUBLICEERD_MAP",
    "HOOFDSTUKKEN",
    "TOLERANTIE_PROCENTPUNT",
    "TOLERANTIE_RELATIEF",
    "KOPPELINGEN",
    "Koppeling",
    "parse_gepubliceerd",
    "decimalen",
    "lees_gepubliceerd",
    "lees_items",
    "tolerantie",
    "vergelijk",
    "bereken",
    "audit",
    "samenvatting",
    "audit_qmd",
    "lees_samenvatting",
    "lees_kerncijfers_hoofdstuk_4",
    "samenvatting_hoofdstuk_4",
    "main",
]

#: Folder with the published values (one JSON per chapter, see its README.md).
GEPUBLICEERD_MAP = Path(__file__).resolve().parent / "gepubliceerd"
#: Chapters of the report whose tables and figures the project recomputes.
HOOFDSTUKKEN = tuple(range(3, 10))

#: Percentages: computed and published may differ by this many percentage points.
TOLERANTIE_PROCENTPUNT = 2
#: Means, scores, coefficients and counts of an outcome: relative difference allowed.
TOLERANTIE_RELATIEF = 0.05
#: Counts of the study design (families, parents, children per wave/region): exact.
TOLERANTIE_AANTAL = 0
#: Float noise allowed on top of a tolerance (so 5.000000001 − 7 is still within 2 points).
_EPSILON = 1e-9

#: How each unit of a published cell is compared ("absoluut" in its own scale, "relatief").
EENHEID_REGELS: dict[str, str] = {
    "%": "procentpunt",
    "aantal": "exact",
    "frequentie": "relatief",
    "gemiddelde": "relatief",
    "coëfficiënt": "relatief",
}

# -- statuses of a cell (Dutch, shown in the audit) ---------------------------------------------
BINNEN = "binnen tolerantie"
BUITEN = "buiten tolerantie"
NOG_NIET = "nog niet berekend"
GEEN_BEREKENING = "geen berekende waarde"
NIET_NUMERIEK = "niet numeriek"
GEEN_WAARDEN = "geen gepubliceerde waarden"

KOLOMMEN = [
    "hoofdstuk", "item", "soort", "groep", "rij", "kolom", "eenheid", "gepubliceerd", "waarde",
    "berekend", "verschil", "tolerantie", "binnen_tolerantie", "status", "reden",
]


# -- printed values ----------------------------------------------------------------------------
_SIGNIFICANTIE = re.compile(r"[\s*]+$")
_HAAKJES = re.compile(r"\s*\([^()]*\)\s*$")
_EENHEID_ACHTER = re.compile(r"\s*(%|jaar)$")
_NL_GETAL = re.compile(r"^-?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$")  # 1.024 · 12,4 · 82
_PUNT_DECIMAAL = re.compile(r"^-?\d*\.\d+$")  # 7.0 · 78.5 · .68 (a decimal point as printed)


def _kern(tekst: str) -> str:
    """The number part of a printed value: markers, a trailing "(…)", "%" and "jaar" removed."""
    s = str(tekst).strip().replace("\u2212", "-")
    s = _SIGNIFICANTIE.sub("", s)
    s = _HAAKJES.sub("", s)
    s = _EENHEID_ACHTER.sub("", s).strip()
    return _SIGNIFICANTIE.sub("", s)


def parse_gepubliceerd(tekst: Any) -> float | None:
    """The number a printed value stands for, on its printed scale; None if it is no number.

    "12,4%" → 12.4, "82%" → 82.0, "1.024" → 1024.0 (a dot followed by groups of three digits
    is a thousands separator), "78.5%" and "8.1" → 78.5 and 8.1 (a dot followed by anything
    else is a decimal point, as misprinted in a few cells), ".68" → 0.68, "55,0%*" and "37**"
    → 55.0 and 37.0 (significance markers), "9,6 jaar" → 9.6, "60 (Zestig)" → 60.0.
    Test results and words ("η2=.19", "ns", "Onb.", "25-150", "ruim 60%") → None.
    """
    if tekst is None or (isinstance(tekst, float) and math.isnan(tekst)):
        return None
    s = _kern(tekst)
    if _NL_GETAL.match(s):
        return float(s.replace(".", "").replace(",", "."))
    if _PUNT_DECIMAAL.match(s):
        return float(s)
    return None


def decimalen(tekst: str) -> int:
    """Number of decimals printed: "12,4%" → 1, "1.024" → 0, "2,08" → 2, "7.0" → 1."""
    s = _kern(tekst)
    if "," in s:
        return len(s.split(",", 1)[1])
    if _NL_GETAL.match(s):
        return 0
    if _PUNT_DECIMAAL.match(s):
        return len(s.split(".", 1)[1])
    return 0


def tolerantie(eenheid: str, waarde: float, gepubliceerd: str) -> float | None:
    """Largest absolute difference (on the printed scale) that still counts as agreement.

    Percentages: :data:`TOLERANTIE_PROCENTPUNT`; means etc.: :data:`TOLERANTIE_RELATIEF` of
    the published value; design counts: exact. Never less than half a unit of the printed
    last digit, so a computed value that *prints* as the published one always agrees
    (published "2", computed 2.4). None for units that are not compared.
    """
    regel = EENHEID_REGELS.get(eenheid)
    if regel is None or waarde is None:
        return None
    if regel == "exact":
        return float(TOLERANTIE_AANTAL)
    afronding = 0.5 * 10.0 ** (-decimalen(gepubliceerd))
    basis = float(TOLERANTIE_PROCENTPUNT) if regel == "procentpunt" else TOLERANTIE_RELATIEF * abs(waarde)
    return max(basis, afronding)


# -- reading the published values ----------------------------------------------------------------
def lees_items(map: Path = GEPUBLICEERD_MAP, hoofdstukken=HOOFDSTUKKEN) -> pd.DataFrame:
    """One row per catalogue item of the chapters: hoofdstuk, item, soort, bijschrift, noten."""
    rijen = []
    for nr in hoofdstukken:
        inhoud = json.loads((Path(map) / f"hoofdstuk_{nr:02d}.json").read_text(encoding="utf-8"))
        for it in inhoud["items"]:
            rijen.append({"hoofdstuk": nr, "item": it["id"], "soort": it["kind"], "nummer": it["number"],
                          "bijschrift": it["caption"], "noten": it.get("notes", ""), "n_cellen": len(it["cellen"])})
    return pd.DataFrame(rijen, columns=["hoofdstuk", "item", "soort", "nummer", "bijschrift", "noten", "n_cellen"])


def lees_gepubliceerd(map: Path = GEPUBLICEERD_MAP, hoofdstukken=HOOFDSTUKKEN) -> pd.DataFrame:
    """Every published cell of the chapters (tables: every printed cell; figures: the numbers
    the running text gives): hoofdstuk, item, soort, groep, rij, exemplaar, kolom, eenheid,
    gepubliceerd (as printed), waarde (parsed, printed scale), reden (inconsistency, or "")."""
    rijen = []
    for nr in hoofdstukken:
        inhoud = json.loads((Path(map) / f"hoofdstuk_{nr:02d}.json").read_text(encoding="utf-8"))
        for it in inhoud["items"]:
            for cel in it["cellen"]:
                rijen.append({"hoofdstuk": nr, "item": it["id"], "soort": it["kind"], **cel})
    kolommen = ["hoofdstuk", "item", "soort", "groep", "rij", "exemplaar", "kolom", "eenheid", "gepubliceerd", "waarde", "reden"]
    df = pd.DataFrame(rijen, columns=kolommen)
    df["waarde"] = pd.to_numeric(df["waarde"], errors="coerce")
    df["reden"] = df["reden"].fillna("")
    return df




def _lees_artefact(pad: Path) -> Any:
    if pad.suffix == ".json":
        return json.loads(pad.read_text(encoding="utf-8"))
    return pd.read_csv(pad)


def bereken(artefacten: Path, gepubliceerd: pd.DataFrame, koppelingen: dict[str, Koppeling] | None = None) -> pd.Series:
    """Computed value for every published cell (NaN where none); ``berekend`` aligned with
    ``gepubliceerd``. Items with a koppeling whose artifact is missing raise FileNotFoundError."""
    koppelingen = KOPPELINGEN if koppelingen is None else koppelingen
    berekend = pd.Series(math.nan, index=gepubliceerd.index, dtype=float)
    for item, kop in koppelingen.items():
        cellen = gepubliceerd[gepubliceerd["item"] == item]
        if cellen.empty:
            continue
        artefact = _lees_artefact(Path(artefacten) / kop.artefact)
        berekend.loc[cellen.index] = kop.functie(artefact, cellen).reindex(cellen.index).astype(float)
    return berekend


# -- comparing ----------------------------------------------------------------------------------
def vergelijk(cellen: pd.DataFrame, berekende_items: set[str] | frozenset[str] = frozenset()) -> pd.DataFrame:
    """Compare published and computed values, one row per published cell.

    ``cellen`` has at least: item, kolom, rij, eenheid, gepubliceerd, waarde, berekend (on the
    printed scale) and optionally reden, hoofdstuk, soort, groep. ``berekende_items`` are the
    items the pipeline produces; cells of other items get status "nog niet berekend".
    Returns the tidy audit frame (columns :data:`KOLOMMEN`): verschil = berekend − waarde,
    tolerantie (absolute, printed scale), binnen_tolerantie (True/False, NA when not compared),
    status and reden.
    """
    df = cellen.copy()
    for kolom, standaard in (("hoofdstuk", pd.NA), ("soort", ""), ("groep", ""), ("reden", "")):
        if kolom not in df:
            df[kolom] = standaard
    df["reden"] = df["reden"].fillna("")
    df["waarde"] = pd.to_numeric(df["waarde"], errors="coerce")
    df["berekend"] = pd.to_numeric(df.get("berekend"), errors="coerce")
    df["verschil"] = df["berekend"] - df["waarde"]
    df["tolerantie"] = [
        tolerantie(e, w, g) if pd.notna(w) else None
        for e, w, g in zip(df["eenheid"], df["waarde"], df["gepubliceerd"])
    ]
    df["tolerantie"] = pd.to_numeric(df["tolerantie"], errors="coerce")
    binnen, status = [], []
    for rij in df.itertuples():
        if rij.item not in berekende_items:
            binnen.append(pd.NA)
            status.append(NOG_NIET)
        elif pd.isna(rij.waarde) or pd.isna(rij.tolerantie):
            binnen.append(pd.NA)
            status.append(NIET_NUMERIEK)
        elif pd.isna(rij.berekend):
            binnen.append(pd.NA)
            status.append(GEEN_BEREKENING)
        else:
            ok = bool(abs(rij.verschil) <= rij.tolerantie + _EPSILON)
            binnen.append(ok)
            status.append(BINNEN if ok else BUITEN)
    df["binnen_tolerantie"] = pd.array(binnen, dtype="boolean")
    df["status"] = status
    return df[KOLOMMEN].reset_index(drop=True)


def audit(artefacten: Path, map: Path = GEPUBLICEERD_MAP, koppelingen: dict[str, Koppeling] | None = None) -> pd.DataFrame:
    """The full audit frame for one scope's artifacts: every published cell of chapters 3–9,
    plus one row per item without published values (so every item is visible)."""
    koppelingen = KOPPELINGEN if koppelingen is None else koppelingen
    gepubliceerd = lees_gepubliceerd(map)
    gepubliceerd["berekend"] = bereken(artefacten, gepubliceerd, koppelingen)
    df = vergelijk(gepubliceerd, set(koppelingen))
    items = lees_items(map)
    leeg = items[items["n_cellen"] == 0]
    if not leeg.empty:
        extra = pd.DataFrame({
            "hoofdstuk": leeg["hoofdstuk"].to_numpy(), "item": leeg["item"].to_numpy(), "soort": leeg["soort"].to_numpy(),
            "groep": "", "rij": "", "kolom": "", "eenheid": "", "gepubliceerd": "", "waarde": math.nan,
            "berekend": math.nan, "verschil": math.nan, "tolerantie": math.nan,
            "binnen_tolerantie": pd.array([pd.NA] * len(leeg), dtype="boolean"),
            "status": [GEEN_WAARDEN if i in koppelingen else NOG_NIET for i in leeg["item"]], "reden": "",
        })
        df = pd.concat([df, extra[KOLOMMEN]], ignore_index=True)
    volgorde = {item: k for k, item in enumerate(items["item"])}
    df["_volgorde"] = df["item"].map(volgorde)
    df = df.sort_values(["_volgorde"], kind="stable").drop(columns="_volgorde").reset_index(drop=True)
    df["hoofdstuk"] = df["hoofdstuk"].astype(int)
    return df


def samenvatting(df: pd.DataFrame, items: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per chapter: items in the catalogue, items computed, published numeric cells, cells
    compared, cells within tolerance, and the share within tolerance (NaN if none compared).

    Compared cells whose printed value contradicts the report itself (a ``reden``) are counted
    apart (``cellen_inconsistent``): no data can reproduce them, so the agreement that measures
    the data (``aandeel_consistent_binnen``) is taken over the other, consistent cells only
    (``cellen_consistent``, of which ``consistent_binnen_tolerantie`` agree).

    ``items`` (from :func:`lees_items`) gives the catalogue's item count; without it the items
    present in ``df`` are counted."""
    rijen = []
    hoofdstukken = sorted(set(df["hoofdstuk"]) | (set(items["hoofdstuk"]) if items is not None else set()))
    for nr in hoofdstukken:
        sub = df[df["hoofdstuk"] == nr]
        n_items = int((items["hoofdstuk"] == nr).sum()) if items is not None else sub["item"].nunique()
        berekend = sub.loc[sub["status"] != NOG_NIET, "item"].nunique()
        vergeleken = sub["status"].isin([BINNEN, BUITEN])
        numeriek = sub["waarde"].notna()
        n_verg = int(vergeleken.sum())
        n_binnen = int((sub["status"] == BINNEN).sum())
        inconsistent = vergeleken & (sub["reden"].fillna("") != "")
        n_cons = n_verg - int(inconsistent.sum())
        n_cons_binnen = int(((sub["status"] == BINNEN) & ~inconsistent).sum())
        rijen.append({
            "hoofdstuk": int(nr), "items_in_catalogus": n_items, "items_berekend": int(berekend),
            "cellen_gepubliceerd": int(numeriek.sum()), "cellen_vergeleken": n_verg,
            "cellen_binnen_tolerantie": n_binnen, "aandeel_binnen": (n_binnen / n_verg) if n_verg else math.nan,
            "cellen_inconsistent": int(inconsistent.sum()), "cellen_consistent": n_cons,
            "consistent_binnen_tolerantie": n_cons_binnen,
            "aandeel_consistent_binnen": (n_cons_binnen / n_cons) if n_cons else math.nan,
        })
    return pd.DataFrame(rijen)


# -- headline numbers of the summary (summary.json) ---------------------------------------------
def lees_samenvatting(map: Path = GEPUBLICEERD_MAP) -> pd.DataFrame:
    """The facts of the summary and chapter 14 (``summary.json``), one row each."""
    inhoud = json.loads((Path(map) / "summary.json").read_text(encoding="utf-8"))
    return pd.DataFrame(inhoud["feiten"])


def lees_kerncijfers_hoofdstuk_4(map: Path = GEPUBLICEERD_MAP) -> tuple[dict[str, Any], ...]:
    """The chapter-4 headline numbers of the report's summary and chapter 14 (``summary.json``,
    key ``kerncijfers_hoofdstuk_4``), one dict per number: ``regel`` (the fact's line in
    ``feiten``), ``deel`` (which number of a fact that states several, e.g. "T0"/"T2"), ``waarde``
    (the number compared: the printed one, or where the summary says it in words — "twee derde",
    "één op de vijf" — the figure's value the catalogue gives as its source), ``eenheid``, and the
    published cell whose computed value the number states: ``item`` and the start of the cell's
    row and column label (``rij``, ``kolom``). Facts without a computed counterpart have ``item``
    None (the share of families with psychological partner violence over the three waves,
    children with several forms of violence)."""
    inhoud = json.loads((Path(map) / "summary.json").read_text(encoding="utf-8"))
    return tuple(dict(k) for k in inhoud["kerncijfers_hoofdstuk_4"])


def samenvatting_hoofdstuk_4(df: pd.DataFrame, map: Path = GEPUBLICEERD_MAP) -> pd.DataFrame:
    """The chapter-4 headline numbers of the summary against the computed values: one row per
    number of :func:`lees_kerncijfers_hoofdstuk_4` with the fact's wording (``bewering``, as printed:
    ``gepubliceerd``), the number compared (``waarde``), the computed value of its cell in the audit
    frame ``df`` (:func:`audit`), verschil, tolerantie and status (as for table cells)."""
    feiten = lees_samenvatting(map).drop_duplicates("regel").set_index("regel")
    kerncijfers = lees_kerncijfers_hoofdstuk_4(map)
    rijen = []
    for kop in kerncijfers:
        feit = feiten.loc[kop["regel"]]
        berekend = math.nan
        if kop["item"]:
            cel = df[(df["item"] == kop["item"]) & df["rij"].astype(str).str.startswith(kop["rij"])
                     & df["kolom"].astype(str).str.startswith(kop["kolom"])]
            if len(cel):
                berekend = float(cel["berekend"].iloc[0])
        tekst = getal(kop["waarde"], 1 if kop["waarde"] % 1 else 0) + ("%" if kop["eenheid"] == "%" else "")
        rijen.append({"hoofdstuk": 4, "item": kop["item"] or "", "rij": f"{feit['bewering']}" + (f" ({kop['deel']})" if kop["deel"] else ""),
                      "kolom": f"r. {kop['regel']}", "eenheid": kop["eenheid"], "gepubliceerd": tekst, "waarde": kop["waarde"],
                      "berekend": berekend, "bewering": feit["bewering"], "sectie": feit["sectie"], "tekst": feit["gepubliceerd"]})
    cellen = pd.DataFrame(rijen)
    uit = vergelijk(cellen, {k["item"] for k in kerncijfers if k["item"]} | {""})
    uit.loc[cellen["item"].eq("").to_numpy(), "status"] = GEEN_BEREKENING
    return uit.assign(tekst=cellen["tekst"].to_numpy(), sectie=cellen["sectie"].to_numpy())


# -- the audit page -----------------------------------------------------------------------------
_MD_SPECIAAL = re.compile(r"([\\`*_\[\]{}<>|#@$~^])")


def _md(tekst: Any) -> str:
    """Text safe inside a pandoc pipe-table cell."""
    if tekst is None or (isinstance(tekst, float) and math.isnan(tekst)) or tekst is pd.NA:
        return ""
    return _MD_SPECIAAL.sub(r"\\\1", " ".join(str(tekst).split()))


def _opgemaakt(waarde: float, eenheid: str, gepubliceerd: str, verschil: bool = False) -> str:
    """A computed number printed like the published one (same decimals, Dutch notation)."""
    if waarde is None or pd.isna(waarde):
        return "–"
    d = decimalen(gepubliceerd) + (1 if verschil else 0)
    tekst = getal(waarde, d)
    if verschil and not tekst.startswith("-") and tekst.strip("0,") != "":
        tekst = "+" + tekst
    if eenheid == "%":
        tekst += " pp" if verschil else "%"
    return tekst


def _tabel(kop: list[str], uitlijning: str, rijen: list[list[str]], bijschrift: str, label: str,
           breedtes: list[int] | None = None) -> list[str]:
    """A pipe table; ``breedtes`` (relative column widths) become the separator's dash counts,
    which pandoc uses as column widths for tables with long cells."""
    breedtes = breedtes or [3] * len(kop)
    scheiding = [(":" + "-" * b) if u == "l" else ("-" * b + ":") for u, b in zip(uitlijning, breedtes)]
    regels = ["| " + " | ".join(kop) + " |", "|" + "|".join(scheiding) + "|"]
    regels += ["| " + " | ".join(r) + " |" for r in rijen]
    return regels + ["", f": {bijschrift} {{#tbl-{label}}}", ""]


def audit_qmd(df: pd.DataFrame, samenvatting_df: pd.DataFrame, items: pd.DataFrame, titel: str = "Reproductie-audit",
              kopcijfers: pd.DataFrame | None = None) -> str:
    """The audit page as a Quarto source (Dutch): summary per chapter, compared cells with
    reasons, the summary's chapter-4 headline numbers (``kopcijfers``, from
    :func:`samenvatting_hoofdstuk_4`) and the items not computed yet."""
    tol_pct = getal(TOLERANTIE_PROCENTPUNT)
    tol_rel = pct(TOLERANTIE_RELATIEF)
    uit = ["---", f'title: "{titel}"', "lang: nl", "---", ""]
    uit += [
        "Deze pagina zet de waarden die de rapportgenerator berekent naast de waarden die in het rapport "
        "*Kwestie van lange adem* zijn gedrukt, cel voor cel, voor de tabellen en figuren van de hoofdstukken 3 tot en met 9. "
        f"Een percentage komt overeen als het niet meer dan {tol_pct} procentpunt afwijkt; een gemiddelde of score "
        f"als het niet meer dan {tol_rel} afwijkt; aantallen uit de onderzoeksopzet moeten precies kloppen. "
        "Een berekend getal dat op dezelfde manier wordt afgedrukt als het gepubliceerde, telt altijd als overeenkomend. "
        "Van figuren zijn alleen de getallen bekend die de lopende tekst noemt.",
        "",
        "Waar het rapport zichzelf tegenspreekt (een percentage dat niet bij het aantal past, een gekopieerde rij, tekst "
        "en tabel die verschillen), kan geen enkele dataset het gedrukte getal reproduceren; de reden staat dan bij de cel.",
        "",
        "## Overzicht per hoofdstuk",
        "",
    ]
    rijen = []
    for r in samenvatting_df.itertuples():
        aandeel = "–" if pd.isna(r.aandeel_binnen) else pct(r.aandeel_binnen, 1)
        consistent = "–" if pd.isna(r.aandeel_consistent_binnen) else (
            f"{getal(r.consistent_binnen_tolerantie)} van {getal(r.cellen_consistent)} ({pct(r.aandeel_consistent_binnen, 1)})")
        rijen.append([str(r.hoofdstuk), getal(r.items_in_catalogus), getal(r.items_berekend), getal(r.cellen_gepubliceerd),
                      getal(r.cellen_vergeleken), getal(r.cellen_binnen_tolerantie), aandeel, getal(r.cellen_inconsistent), consistent])
    tot = samenvatting_df.sum(numeric_only=True)
    n_verg, n_binnen = int(tot["cellen_vergeleken"]), int(tot["cellen_binnen_tolerantie"])
    n_cons, n_cons_binnen = int(tot["cellen_consistent"]), int(tot["consistent_binnen_tolerantie"])
    rijen.append(["**Totaal**", getal(tot["items_in_catalogus"]), getal(tot["items_berekend"]), getal(tot["cellen_gepubliceerd"]),
                  getal(n_verg), getal(n_binnen), pct(n_binnen / n_verg) if n_verg else "–", getal(tot["cellen_inconsistent"]),
                  f"{getal(n_cons_binnen)} van {getal(n_cons)} ({pct(n_cons_binnen / n_cons)})" if n_cons else "–"])
    uit += _tabel(["Hoofdstuk", "Items", "Berekend", "Gepubliceerde getallen", "Vergeleken", "Binnen tolerantie", "Overeenstemming",
                   "Tegenstrijdig gedrukt", "Consistente cellen binnen tolerantie"],
                  "lrrrrrrrr", rijen, "Overeenstemming tussen berekende en gepubliceerde waarden per hoofdstuk", "overzicht")
    uit += ["Een gedrukte waarde die het rapport zelf tegenspreekt, telt niet mee in de laatste kolom: die meet alleen "
            "hoe dicht de berekening komt bij de getallen die met elkaar in overeenstemming zijn.", ""]

    vergeleken = df[df["status"] != NOG_NIET]
    uit += ["## Vergeleken cellen", ""]
    if vergeleken.empty:
        uit += ["Er zijn nog geen items berekend.", ""]
    else:
        redenen: list[str] = []
        rijen = []
        for r in vergeleken.itertuples():
            verwijzing = ""
            if r.reden:
                if r.reden not in redenen:
                    redenen.append(r.reden)
                verwijzing = f"zie {redenen.index(r.reden) + 1}"
            rij = f"{r.groep} › {r.rij}" if r.groep else r.rij
            oordeel = {BINNEN: "ja", BUITEN: "nee"}.get(r.status, r.status)
            rijen.append([_md(r.item), _md(rij), _md(r.kolom), _md(r.gepubliceerd),
                          _opgemaakt(r.berekend, r.eenheid, r.gepubliceerd),
                          _opgemaakt(r.verschil, r.eenheid, r.gepubliceerd, verschil=True), _md(oordeel), verwijzing])
        uit += _tabel(["Item", "Rij", "Kolom", "Gepubliceerd", "Berekend", "Verschil", "Binnen", "Reden"],
                      "llllrrll", rijen, "Gepubliceerde en berekende waarden per cel (landelijk)", "cellen",
                      [10, 34, 13, 10, 9, 9, 7, 6])
        if redenen:
            uit += ["Redenen waarom een gedrukte waarde niet te reproduceren is (uit de notities bij de catalogus van het rapport):", ""]
            uit += [f"{k}. {_md(reden)}" for k, reden in enumerate(redenen, 1)] + [""]

    if kopcijfers is not None and len(kopcijfers):
        vergeleken_k = kopcijfers["status"].isin([BINNEN, BUITEN])
        n_binnen_k = int((kopcijfers["status"] == BINNEN).sum())
        uit += ["## Kerncijfers van hoofdstuk 4 in de samenvatting", "",
                f"Van de {getal(len(kopcijfers))} getallen uit hoofdstuk 4 die de samenvatting en het slothoofdstuk noemen, "
                f"worden er {getal(int(vergeleken_k.sum()))} berekend; {getal(n_binnen_k)} daarvan liggen binnen de tolerantie. "
                "Waar de samenvatting het getal in woorden geeft (\"twee derde\"), geldt het getal uit de figuur of tabel waar het op berust.", ""]
        rijen = [[_md(r.rij), _md(r.kolom), _md(r.tekst), _md(r.gepubliceerd), _opgemaakt(r.berekend, r.eenheid, r.gepubliceerd),
                  _md({BINNEN: "ja", BUITEN: "nee"}.get(r.status, r.status))] for r in kopcijfers.itertuples()]
        uit += _tabel(["Bewering", "Regel", "Gedrukt", "Getal", "Berekend", "Binnen"], "llllrl", rijen,
                      "Kerncijfers van hoofdstuk 4 in de samenvatting: gedrukt en berekend", "kerncijfers", [40, 8, 14, 8, 8, 8])

    nog = items[~items["item"].isin(set(vergeleken["item"]))]
    uit += ["## Nog niet berekend", ""]
    if nog.empty:
        uit += ["Alle items van de hoofdstukken 3 tot en met 9 worden berekend.", ""]
    else:
        uit += [f"Deze {getal(len(nog))} items van het rapport maakt de rapportgenerator nog niet; het aantal gedrukte "
                "getallen laat zien hoeveel er nog te vergelijken is.", ""]
        numeriek = df[df["waarde"].notna()].groupby("item").size()
        rijen = [[_md(r.item), "tabel" if r.soort == "table" else "figuur", _md(r.bijschrift), getal(int(numeriek.get(r.item, 0)))]
                 for r in nog.itertuples()]
        uit += _tabel(["Item", "Soort", "Bijschrift", "Gedrukte getallen"], "lllr", rijen,
                      "Items die nog niet worden berekend", "nog-niet", [10, 7, 60, 10])
    return "\n".join(uit) + "\n"


def _meld(samenvatting_df: pd.DataFrame) -> None:
    for r in samenvatting_df.itertuples():
        if r.cellen_vergeleken:
            deel = f"{r.cellen_binnen_tolerantie} van {r.cellen_vergeleken} cellen binnen tolerantie ({pct(r.aandeel_binnen, 1)})"
            if r.cellen_inconsistent and r.cellen_consistent:
                deel += (f"; zonder de {r.cellen_inconsistent} tegenstrijdig gedrukte cellen {r.consistent_binnen_tolerantie} "
                         f"van {r.cellen_consistent} ({pct(r.aandeel_consistent_binnen, 1)})")
        else:
            deel = "nog geen cellen vergeleken"
        print(f"Hoofdstuk {r.hoofdstuk}: {r.items_berekend} van {r.items_in_catalogus} items berekend; {deel}.")


def main(artefacten: Path, uit: Path, *, provenance: str = "", synthetic: bool = False,
         map: Path = GEPUBLICEERD_MAP) -> int:
    """Write ``uit/audit.csv``, ``uit/audit.qmd``, ``uit/audit.html`` and ``uit/audit.pdf``
    for one scope's artifacts (normally ``_artifacts/nederland``) and print the agreement per
    chapter. ``provenance`` is the line printed on the page, ``synthetic`` marks every page as
    synthetic data. Returns 0 when the audit was written, 1 when the artifacts are missing.
    Disagreement is reported, not an error."""
    from analysis.render import render_document  # pandoc/Typst only needed for the page

    artefacten, uit = Path(artefacten), Path(uit)
    if not artefacten.is_dir():
        print(f"Audit: geen artefacten in {artefacten}; eerst de analyses draaien (make report).", file=sys.stderr)
        return 1
    try:
        df = audit(artefacten, map)
    except FileNotFoundError as fout:
        print(f"Audit: artefact ontbreekt: {fout.filename}", file=sys.stderr)
        return 1
    items = lees_items(map)
    overzicht = samenvatting(df, items)
    # Everything is written into a temporary folder that replaces ``uit`` only when complete.
    uit.parent.mkdir(parents=True, exist_ok=True)
    tijdelijk = Path(tempfile.mkdtemp(prefix=".tmp-audit-", dir=uit.parent))
    tijdelijk.chmod(0o755)  # mkdtemp makes it private; the result is an ordinary output folder
    try:
        df.to_csv(tijdelijk / "audit.csv", index=False, float_format="%.10g")
        kopcijfers = samenvatting_hoofdstuk_4(df, map)
        kopcijfers.to_csv(tijdelijk / "kerncijfers_hoofdstuk_4.csv", index=False, float_format="%.10g")
        bron = tijdelijk / "audit.qmd"
        bron.write_text(audit_qmd(df, overzicht, items, kopcijfers=kopcijfers), encoding="utf-8")
        meta = {"title": "Reproductie-audit", "subtitle": "Berekende versus gepubliceerde waarden", "date": "",
                "provenance": provenance, "synthetic": synthetic, "lang": "nl"}
        render_document(bron, meta, tijdelijk / "audit.html", tijdelijk / "audit.pdf")
        vervang_map(tijdelijk, uit)
    except BaseException:
        shutil.rmtree(tijdelijk, ignore_errors=True)
        raise
    _meld(overzicht)
    k = kopcijfers["status"]
    print(f"Kerncijfers hoofdstuk 4 (samenvatting): {int((k == BINNEN).sum())} van {int(k.isin([BINNEN, BUITEN]).sum())} "
          f"berekende getallen binnen tolerantie ({len(k)} genoemd).")
    return 0
