"""Import real data from SPSS ``.sav`` files into a snapshot.

Real data arrive as SPSS files, one per codebook table, already in the snapshot's shape (long
format: e.g. one row per parent and wave for ``cts2``). A YAML mapping file ("koppeling") says
per table which ``.sav`` file to read (path relative to the mapping file), which SPSS
variable holds each codebook column, and how values are recoded. :func:`import_sav` reads the
files with pyreadstat, maps and recodes them, turns SPSS missing codes into nulls, validates
everything against the codebook and writes a snapshot (``synthetisch: false``). On any
problem nothing is written and :class:`ImportFout` lists every problem at once, naming the
``.sav`` file, the column (with its SPSS variable) and the SPSS case numbers (1-based).

Example mapping file (``koppeling.yaml``)::

    # Koppeling van de SPSS-bestanden aan de tabellen van het codeboek.
    tabellen:
      gezinnen:
        bestand: spss/gezinnen.sav          # relative to this file
        kolommen:                           # codebook column: SPSS variable
          gezin_id: GEZINNR
          regio: VTREGIO
        hercoderen:
          regio: waardelabels               # use the value labels stored in the .sav file
      ouders:
        bestand: spss/ouders.sav
        kolommen: {ouder_id: RESPNR, gezin_id: GEZINNR, geslacht: GESLACHT, leeftijd_t0: LFT}
        hercoderen:
          geslacht: {1: vrouw, 2: man}      # SPSS code: codebook value
        ontbrekend:
          leeftijd_t0: [99]                 # extra missing codes of this column
      cts2:
        bestand: spss/cts2_lang.sav
        kolommen: {ouder_id: RESPNR, meting: METING}
        # Item columns by pattern instead of one by one: {nr} is the item number and
        # {perspectief} the code below, so cts2_05_dader <- CTS2_05D.
        items: "CTS2_{nr:02d}{perspectief}"
        perspectieven: {dader: D, slachtoffer: S}
        hercoderen:
          meting: {0: T0, 1: T1, 2: T2}
      # ... kinderen, deelname and ctspc_ouder likewise (ctspc_ouder: items: "CTSPC_{nr:02d}").

Rules:

* A codebook column not listed under ``kolommen`` (or matched by ``items``) is taken from the
  SPSS variable with the same name (case-insensitive); if there is none, that is an error.
* SPSS variables that no column uses are ignored and listed in the :class:`ImportVerslag`.
* Values without a recode keep their own value (as text in a category column), so an
  unknown code is reported by the validation ("onbekende meting: 3").
* Nulls: SPSS system-missing, user-missing values declared in the file, the answer scale's
  ``ontbrekend`` codes (answer columns) and the ``ontbrekend`` codes of the mapping.
* Numeric SPSS ids become text without decimals (``12.0`` → ``"12"``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyreadstat
import yaml

from analysis.codebook import Codebook, load_codebook
from analysis.snapshot import Probleem, SnapshotError, validate_tables, write_snapshot

__all__ = ["ImportFout", "ImportVerslag", "import_sav"]

WAARDELABELS = "waardelabels"


class ImportFout(SnapshotError):
    """The SPSS import failed; nothing was written. ``problemen`` lists every problem."""


@dataclass(frozen=True)
class ImportVerslag:
    """What :func:`import_sav` did."""

    pad: Path  # the snapshot folder written
    rijen: dict[str, int]  # rows per table
    genegeerd: dict[str, list[str]] = field(default_factory=dict)  # per .sav file: SPSS variables not used
    leeg_gemaakt: dict[str, int] = field(default_factory=dict)  # per table: missing codes turned into null

    def __str__(self) -> str:
        regels = [f"Snapshot geschreven naar {self.pad}."]
        for tabel, n in self.rijen.items():
            leeg = self.leeg_gemaakt.get(tabel)
            extra = f", {leeg} ontbrekende codes leeg gemaakt" if leeg else ""
            regels.append(f"  {tabel}: {n} rijen{extra}")
        for bestand, namen in self.genegeerd.items():
            if namen:
                regels.append(f"  {bestand}: niet gebruikte SPSS-variabelen: {', '.join(namen)}")
        return "\n".join(regels)


def _lees_koppeling(pad: Path) -> tuple[dict[str, Any], list[Probleem]]:
    if not pad.is_file():
        return {}, [Probleem(pad.name, "", "ontbrekend bestand", toelichting=str(pad))]
    try:
        koppeling = yaml.safe_load(pad.read_text(encoding="utf-8")) or {}
        if not isinstance(koppeling, dict) or not isinstance(koppeling.get("tabellen"), dict):
            raise ValueError("verwacht een sleutel 'tabellen' met per tabel een bestand")
    except (yaml.YAMLError, ValueError) as fout:
        return {}, [Probleem(pad.name, "", "ongeldige koppeling", toelichting=str(fout).splitlines()[0])]
    return koppeling, []


def _bronvariabelen(cb: Codebook, tabel: str, spec: dict[str, Any], variabelen: list[str]) -> dict[str, str | None]:
    """Codebook column -> SPSS variable (None when there is none)."""
    per_naam = {v.lower(): v for v in variabelen}
    expliciet = spec.get("kolommen") or {}
    tspec = cb.tabellen[tabel]
    patroon = spec.get("items")
    items = cb.items(tspec["instrument"]) if "instrument" in tspec else pd.DataFrame(columns=["kolom"])
    perspectieven = spec.get("perspectieven") or {}
    uit: dict[str, str | None] = {}
    for kolom in cb.kolommen(tabel):
        if kolom in expliciet:
            naam = str(expliciet[kolom])
        elif patroon and kolom in set(items["kolom"]):
            rij = items[items["kolom"] == kolom].iloc[0]
            pers = rij["perspectief"]
            naam = patroon.format(nr=int(rij["nr"]), perspectief=perspectieven.get(pers, pers) if pers else "")
        else:
            naam = kolom
        uit[kolom] = per_naam.get(naam.lower())
    return uit


def _als_tekst(s: pd.Series) -> pd.Series:
    """Text version of an SPSS column; integral numbers without decimals."""
    if pd.api.types.is_numeric_dtype(s.dtype):
        waarden = s.to_numpy(dtype="float64", na_value=np.nan)
        if np.all(np.isnan(waarden) | (np.floor(waarden) == waarden)):
            return s.astype("Float64").astype("Int64").astype("str")
        return s.astype("str")
    return s.astype("str").str.strip()


def _hercodeer(s: pd.Series, code: dict[Any, Any]) -> pd.Series:
    """Recode values; values without a recode keep their value (as text)."""
    nieuw = s.map(code)
    return nieuw.where(nieuw.notna(), _als_tekst(s).where(s.notna()))


def _kolom(cb: Codebook, kolom: str, kspec: dict[str, Any], s: pd.Series, spec: dict[str, Any],
           labels: dict[Any, str] | None) -> tuple[pd.Series, int]:
    """One codebook column from its SPSS column; returns it and the number of codes made null."""
    code = (spec.get("hercoderen") or {}).get(kolom)
    if code == WAARDELABELS:
        code = labels or {}
    ontbrekend = list((spec.get("ontbrekend") or {}).get(kolom, []))
    if kspec["type"] == "antwoord":
        schaal = cb.antwoordschaal(cb.instrument(kspec["instrument"])["antwoordschaal"])
        ontbrekend += list(schaal.get("ontbrekend", []))
    leeg = 0
    if ontbrekend:
        masker = s.isin(ontbrekend)
        leeg = int(masker.sum())
        s = s.mask(masker)
    if code:
        s = _hercodeer(s, code)
    elif kspec["type"] == "id" or (kspec["type"] == "categorie" and not pd.api.types.is_numeric_dtype(s.dtype)):
        # A numeric category without recode stays numeric: the validation reports its codes.
        s = _als_tekst(s).where(s.notna())
    return s, leeg


def import_sav(mapping_path: Path, out_folder: Path, *, naam: str) -> ImportVerslag:
    """Import the ``.sav`` files named in ``mapping_path`` into a snapshot at ``out_folder``.

    Raises :class:`ImportFout` (nothing written) on any problem: a missing or unreadable file,
    an unmapped codebook column, an unknown table or column in the mapping, or any codebook
    violation of the data (rows numbered as SPSS cases, 1-based).
    """
    mapping_path = Path(mapping_path)
    out_folder = Path(out_folder)
    cb = load_codebook()
    kop = f"De import van {mapping_path.name} naar {out_folder} is mislukt"
    koppeling, problemen = _lees_koppeling(mapping_path)
    if problemen:
        raise ImportFout(problemen, out_folder, kop=kop)

    specs = koppeling["tabellen"]
    for tabel in specs:
        if tabel not in cb.tabellen:
            problemen.append(Probleem(mapping_path.name, "", "onbekende tabel",
                                      toelichting=f"{tabel} staat niet in het codeboek"))
    tabellen: dict[str, pd.DataFrame] = {}
    bron: dict[str, str] = {}
    kolomnamen: dict[str, dict[str, str]] = {}
    genegeerd: dict[str, list[str]] = {}
    leeg_gemaakt: dict[str, int] = {}
    for tabel in cb.tabellen:
        spec = specs.get(tabel)
        if not isinstance(spec, dict) or not spec.get("bestand"):
            problemen.append(Probleem(mapping_path.name, "", "ontbrekende tabel",
                                      toelichting=f"geen .sav-bestand voor tabel {tabel}"))
            continue
        pad = mapping_path.parent / spec["bestand"]
        bestand = Path(spec["bestand"]).name
        if bestand in bron.values():  # one file for several tables: name the table too
            bestand = f"{bestand} [{tabel}]"
        bron[tabel] = bestand
        for kolom in spec.get("kolommen") or {}:
            if kolom not in cb.kolommen(tabel):
                problemen.append(Probleem(mapping_path.name, kolom, "onbekende kolom",
                                          toelichting=f"niet in het codeboek voor tabel {tabel}"))
        if not pad.is_file():
            problemen.append(Probleem(bestand, "", "ontbrekend bestand", toelichting=str(pad)))
            continue
        try:
            df, meta = pyreadstat.read_sav(str(pad), user_missing=False)
        except Exception as fout:  # pyreadstat raises its own error types
            problemen.append(Probleem(bestand, "", "onleesbaar bestand", toelichting=str(fout)))
            continue
        variabelen = _bronvariabelen(cb, tabel, spec, list(df.columns))
        kolommen, leeg = {}, 0
        for kolom, kspec in cb.kolommen(tabel).items():
            var = variabelen[kolom]
            if var is None:
                gezocht = (spec.get("kolommen") or {}).get(kolom)
                toelichting = (f"SPSS-variabele {gezocht} bestaat niet" if gezocht
                               else "geen SPSS-variabele gekoppeld")
                problemen.append(Probleem(bestand, kolom, "ontbrekende kolom", toelichting=toelichting))
                continue
            labels = meta.variable_value_labels.get(var)
            kolommen[kolom], n = _kolom(cb, kolom, kspec, df[var], spec, labels)
            leeg += n
        gebruikt = {v for v in variabelen.values() if v}
        genegeerd[bestand] = [v for v in df.columns if v not in gebruikt]
        leeg_gemaakt[tabel] = leeg
        kolomnamen[tabel] = {k: f"{k} ({v})" if v != k else k for k, v in variabelen.items() if v}
        tabellen[tabel] = pd.DataFrame(kolommen, index=df.index)

    # Missing tables and columns are reported above with their SPSS context.
    for p in validate_tables(tabellen, bron=bron, codebook=cb):
        if p.regel in ("ontbrekend bestand", "ontbrekende kolom"):
            continue
        tabel = next((t for t, b in bron.items() if b == p.bestand), None)
        namen = kolomnamen.get(tabel, {})
        problemen.append(replace(p, kolom=namen.get(p.kolom, p.kolom)))
    if problemen:
        raise ImportFout(problemen, out_folder, kop=kop)

    write_snapshot(tabellen, out_folder, naam=naam, synthetisch=False,
                   herkomst=f"analysis.sav_import, koppeling {mapping_path.name}")
    return ImportVerslag(
        pad=out_folder,
        rijen={t: len(df) for t, df in tabellen.items()},
        genegeerd=genegeerd,
        leeg_gemaakt=leeg_gemaakt,
    )
