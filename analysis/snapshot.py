"""Data snapshots: manifest, loading and validation against the codebook.

A snapshot is a folder with one Parquet file per codebook table plus ``manifest.json``::

    {
      "bestanden": {"cts2.parquet": {"rijen": 1234, "sha256": "…"}, …},
      "codebook_versie": 1,
      "herkomst": "analysis.synthetic, seed 20231",
      "naam": "synthetisch",
      "synthetisch": true
    }

There are no timestamps anywhere: the same tables always give byte-identical files, so the
SHA-256 of ``manifest.json`` (:attr:`Snapshot.checksum`) identifies all data of a snapshot.

* :func:`validate_tables` checks tables against the codebook (pure, no I/O) and returns every
  violation at once as :class:`Probleem` rows.
* :func:`write_snapshot` validates, then writes the Parquet files and the manifest atomically
  (into a temporary folder next to the target, which then replaces the target).
* :func:`load_snapshot` verifies the manifest (files, checksums, row counts), validates the
  tables and returns a :class:`Snapshot` with codebook dtypes: ids and categories as ``str``,
  integers (``geheel``/``antwoord``) as nullable ``Int64``.

Both raise :class:`SnapshotError`, whose text is a Dutch report of all problems, grouped by file.
Row numbers in problems are 1-based data rows (row 1 = the first record), as SPSS numbers cases.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from analysis.codebook import Codebook, load_codebook

__all__ = [
    "MANIFEST",
    "Probleem",
    "Snapshot",
    "SnapshotError",
    "load_snapshot",
    "validate_tables",
    "vervang_map",
    "write_snapshot",
]

MANIFEST = "manifest.json"
MAX_VOORBEELDEN = 5
# Fixed Parquet settings: together with stripped schema metadata they make the files
# byte-identical for identical frames.
_PARQUET_OPTIES: dict[str, Any] = {"compression": "zstd", "compression_level": 3}

_LEEG = "leeg"


# ---------------------------------------------------------------------------------------
# Problems and the error
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Probleem:
    """One violated rule in one column (or table) of one file.

    ``regel`` is a short Dutch rule name ("buiten bereik", "dubbele sleutel", …);
    ``toelichting`` adds what is allowed (e.g. "toegestaan 1–8"). ``aantal`` is the number of
    offending rows (0 for problems of a whole file or column), ``rijen`` the first row numbers
    (1-based) and ``voorbeelden`` the matching key values and offending values as text.
    """

    bestand: str
    kolom: str
    regel: str
    aantal: int = 0
    rijen: tuple[int, ...] = ()
    voorbeelden: tuple[str, ...] = ()
    toelichting: str = ""

    def regel_tekst(self) -> str:
        """One Dutch line describing this problem."""
        delen = [self.bestand]
        if self.kolom:
            delen.append(f"kolom {self.kolom}")
        regel = f"{self.regel} ({self.toelichting})" if self.toelichting else self.regel
        delen.append(regel)
        tekst = " · ".join(delen)
        if self.aantal:
            rijen = ", ".join(str(r) for r in self.rijen)
            if self.aantal > len(self.rijen):
                rijen += ", …"
            woord = "rij" if self.aantal == 1 else "rijen"
            tekst += f": {self.aantal} {woord} (rij {rijen})"
        if self.voorbeelden:
            tekst += ": " + "; ".join(self.voorbeelden)
            if self.aantal > len(self.voorbeelden):
                tekst += "; …"
        return tekst


def _telwoord(n: int, enkel: str, meer: str) -> str:
    return f"{n} {enkel if n == 1 else meer}"


class SnapshotError(Exception):
    """A snapshot (or the tables for one) violates the codebook or its manifest.

    ``problemen`` holds every :class:`Probleem`; ``str(err)`` is a Dutch report grouped by
    file with one line per (file, column, rule). ``kop`` replaces the opening words
    ("De snapshot <pad> is ongeldig") for callers such as the SPSS import.
    """

    def __init__(self, problemen: list[Probleem], pad: Path | str | None = None, kop: str | None = None):
        self.problemen = list(problemen)
        self.pad = pad
        self.kop = kop
        super().__init__(str(self))

    def __str__(self) -> str:
        bestanden = list(dict.fromkeys(p.bestand for p in self.problemen))
        telling = (
            f"{_telwoord(len(self.problemen), 'probleem', 'problemen')} in "
            f"{_telwoord(len(bestanden), 'bestand', 'bestanden')}"
        )
        kop = self.kop or f"De snapshot {self.pad} is ongeldig"
        regels = [f"{kop}: {telling}. Er is niets gemaakt."]
        for bestand in bestanden:
            regels.extend(f"  {p.regel_tekst()}" for p in self.problemen if p.bestand == bestand)
        return "\n".join(regels)


# ---------------------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------------------
def _bereik_tekst(waarden: list[int]) -> str:
    waarden = sorted(waarden)
    if waarden == list(range(waarden[0], waarden[-1] + 1)):
        return f"toegestaan {waarden[0]}–{waarden[-1]}"
    return "toegestaan " + ", ".join(str(w) for w in waarden)


def _als_tekst(waarde: Any) -> str:
    if waarde is None or (not isinstance(waarde, str) and pd.isna(waarde)):
        return _LEEG
    if isinstance(waarde, float) and waarde.is_integer():
        return str(int(waarde))
    return str(waarde)


def _categorie_waarden(cb: Codebook, spec: dict[str, Any]) -> tuple[list[str], str]:
    """Allowed values of a category column and the rule name for an unknown value."""
    waarden = spec["waarden"]
    if waarden == "regios":
        return cb.regios, "onbekende regio"
    if waarden == "metingen":
        return cb.metingen, "onbekende meting"
    return [str(w) for w in waarden], "onbekende waarde"


class _Tabelcontrole:
    """Collects the problems of one table; ``melding`` turns a row mask into a Probleem."""

    def __init__(self, df: pd.DataFrame, bestand: str, sleutel: list[str]):
        self.df = df
        self.bestand = bestand
        self.sleutel = [k for k in sleutel if k in df.columns]
        self.problemen: list[Probleem] = []

    def melding(self, kolom: str, regel: str, masker: np.ndarray, *, toelichting: str = "",
                waarde_kolom: str | None = None, waarden: Callable[[int], str] | None = None) -> None:
        """Record a problem for the rows in ``masker``; examples show the key and the value of
        ``waarde_kolom`` (or ``waarden(positie)`` for a derived value such as an age)."""
        masker = np.asarray(masker, dtype=bool)
        aantal = int(masker.sum())
        if not aantal:
            return
        posities = np.flatnonzero(masker)[:MAX_VOORBEELDEN]
        voorbeelden = []
        for pos in posities:
            sleutel = ", ".join(f"{k}={_als_tekst(self.df[k].iloc[pos])}" for k in self.sleutel)
            if waarde_kolom is not None or waarden is not None:
                waarde = _als_tekst(self.df[waarde_kolom].iloc[pos]) if waarden is None else waarden(int(pos))
                voorbeelden.append(f"{sleutel}: {waarde}" if sleutel else waarde)
            else:
                voorbeelden.append(sleutel)
        self.problemen.append(
            Probleem(
                bestand=self.bestand,
                kolom=kolom,
                regel=regel,
                aantal=aantal,
                rijen=tuple(int(p) + 1 for p in posities),
                voorbeelden=tuple(v for v in voorbeelden if v),
                toelichting=toelichting,
            )
        )

    def structureel(self, kolom: str, regel: str, toelichting: str = "") -> None:
        self.problemen.append(Probleem(self.bestand, kolom, regel, toelichting=toelichting))


def _niet_tekst(s: pd.Series) -> np.ndarray:
    """Mask of non-null values that are not strings."""
    if pd.api.types.is_string_dtype(s.dtype) and s.dtype != object:
        return np.zeros(len(s), dtype=bool)
    if s.dtype != object:
        return s.notna().to_numpy()
    try:
        # .str.len() is NaN for every non-string element (vectorised in pandas).
        lengte = s.str.len()
    except AttributeError:  # no string at all in the column
        return s.notna().to_numpy()
    return (lengte.isna() & s.notna()).to_numpy()


def _als_getal(s: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Numeric values of a column (float array, NaN = missing or not an integer) and the mask of
    values that are not integers. Integer columns take a fast path (no pandas conversions)."""
    if pd.api.types.is_bool_dtype(s.dtype):
        return np.full(len(s), np.nan), s.notna().to_numpy()
    if pd.api.types.is_integer_dtype(s.dtype):
        return s.to_numpy(dtype="float64", na_value=np.nan), np.zeros(len(s), dtype=bool)
    if pd.api.types.is_numeric_dtype(s.dtype):
        waarden = s.to_numpy(dtype="float64", na_value=np.nan)
        tekst = np.zeros(len(s), dtype=bool)
    else:
        waarden = pd.to_numeric(s, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
        tekst = s.notna().to_numpy() & ~_niet_tekst(s)  # "3" is text, not a number
    is_geheel = np.isfinite(waarden) & (np.floor(waarden) == waarden)
    fout = (s.notna().to_numpy() & ~is_geheel) | tekst
    return np.where(fout, np.nan, waarden), fout


def _isin(s: pd.Series, waarden: Any) -> np.ndarray:
    """``s.isin(waarden)`` as a bool array, through an object array: pandas' isin on Arrow-backed
    strings loops in Python, the hash table of object arrays does not."""
    return pd.Series(s.to_numpy(dtype=object, na_value=None), dtype=object).isin(list(waarden)).to_numpy()


def _controleer_kolom(t: _Tabelcontrole, cb: Codebook, kolom: str, spec: dict[str, Any]) -> None:
    s = t.df[kolom]
    soort = spec["type"]
    ontbrekend = s.isna().to_numpy()
    if soort == "id":
        ontbrekend = ontbrekend | (s.astype("str").str.strip() == "").fillna(False).to_numpy()
    if not spec.get("ontbreken_toegestaan", False) or soort == "id":
        t.melding(kolom, "ontbrekende waarde", ontbrekend)
    if soort in ("id", "categorie"):
        fout = _niet_tekst(s)
        t.melding(kolom, "verkeerd type", fout, toelichting="tekst verwacht", waarde_kolom=kolom)
        if soort == "categorie":
            waarden, regel = _categorie_waarden(cb, spec)
            onbekend = ~_isin(s, waarden) & ~ontbrekend & ~fout
            t.melding(kolom, regel, onbekend, toelichting="toegestaan: " + ", ".join(waarden),
                      waarde_kolom=kolom)
    elif soort in ("geheel", "antwoord"):
        getal, fout = _als_getal(s)
        t.melding(kolom, "verkeerd type", fout, toelichting="geheel getal verwacht", waarde_kolom=kolom)
        bekend = ~np.isnan(getal)
        if soort == "geheel":
            laag, hoog = spec["bereik"]
            buiten = bekend & ((getal < laag) | (getal > hoog))
            toelichting = f"toegestaan {laag}–{hoog}"
        else:
            buiten = bekend & ~np.isin(getal, np.asarray(spec["waarden"], dtype="float64"))
            toelichting = _bereik_tekst(spec["waarden"])
        t.melding(kolom, "buiten bereik", buiten, toelichting=toelichting, waarde_kolom=kolom)
    elif soort == "bool":
        if not pd.api.types.is_bool_dtype(s.dtype):
            fout = s.notna().to_numpy() & ~s.isin([True, False]).to_numpy()
            t.melding(kolom, "verkeerd type", fout, toelichting="ja/nee verwacht", waarde_kolom=kolom)
    else:  # pragma: no cover - a codebook error, not a data error
        raise ValueError(f"Onbekend kolomtype {soort!r} in het codeboek (kolom {kolom}).")


def _verwijzingen(spec: dict[str, Any]) -> list[tuple[str, str]]:
    doelen = spec.get("verwijst_naar") or []
    if isinstance(doelen, str):
        doelen = [doelen]
    return [tuple(d.split(".", 1)) for d in doelen]  # type: ignore[misc]


def validate_tables(
    tables: Mapping[str, pd.DataFrame],
    bron: Mapping[str, str] | None = None,
    codebook: Codebook | None = None,
) -> list[Probleem]:
    """Check tables against the codebook and return every violation (empty list = valid).

    ``tables`` maps codebook table names to frames. ``bron`` optionally maps a table name to
    the file name shown in problems (default: the codebook's ``bestand``). Checked: missing
    and unknown tables, missing and unknown columns, types, missing values, values outside
    ``waarden``/``bereik`` (unknown region/wave included), duplicate keys, foreign keys and the
    age windows of the children's instruments (table key ``leeftijd``, item key ``leeftijd_min``).
    """
    cb = codebook or load_codebook()
    bron = dict(bron or {})
    problemen: list[Probleem] = []

    def bestandsnaam(tabel: str) -> str:
        return bron.get(tabel) or cb.tabellen.get(tabel, {}).get("bestand", f"{tabel}.parquet")

    for tabel in tables:
        if tabel not in cb.tabellen:
            problemen.append(Probleem(bestandsnaam(tabel), "", "onbekend bestand",
                                      toelichting="geen tabel van het codeboek"))

    controles: dict[str, _Tabelcontrole] = {}
    kolommen_per_tabel = {tabel: cb.kolommen(tabel) for tabel in cb.tabellen if tabel in tables}
    for tabel, tspec in cb.tabellen.items():
        if tabel not in tables:
            if not tspec.get("facultatief"):  # an optional table (``facultatief``) may be absent
                problemen.append(Probleem(bestandsnaam(tabel), "", "ontbrekend bestand"))
            continue
        df = tables[tabel]
        t = _Tabelcontrole(df, bestandsnaam(tabel), list(tspec["sleutel"]))
        controles[tabel] = t
        kolommen = kolommen_per_tabel[tabel]
        for kolom in kolommen:
            if kolom not in df.columns:
                t.structureel(kolom, "ontbrekende kolom")
        for kolom in df.columns:
            if kolom not in kolommen:
                t.structureel(str(kolom), "onbekende kolom")
        for kolom, spec in kolommen.items():
            if kolom in df.columns:
                _controleer_kolom(t, cb, kolom, spec)
        sleutel = list(tspec["sleutel"])
        if all(k in df.columns for k in sleutel):
            dubbel = df.duplicated(subset=sleutel, keep=False).to_numpy()
            t.melding(", ".join(sleutel), "dubbele sleutel", dubbel)

    # Foreign keys, once every table has been checked on its own.
    for tabel, t in controles.items():
        for kolom, spec in kolommen_per_tabel[tabel].items():
            doelen = _verwijzingen(spec)
            if not doelen or kolom not in t.df.columns:
                continue
            bekend = [
                tables[doel][doelkolom].astype("str")
                for doel, doelkolom in doelen
                if doel in tables and doelkolom in tables[doel].columns
            ]
            if len(bekend) < len(doelen):
                continue  # the missing table or column is reported already
            s = t.df[kolom]
            gevonden = _isin(s.astype("str"), pd.unique(pd.concat(bekend, ignore_index=True).to_numpy(dtype=object)))
            onbekend = s.notna().to_numpy() & ~gevonden
            t.melding(kolom, "onbekende verwijzing",
                      onbekend, toelichting="niet in " + " of ".join(f"{d}.{k}" for d, k in doelen),
                      waarde_kolom=kolom)

    # Age windows of the children's instruments, once kinderen itself has been checked.
    for tabel, t in controles.items():
        _controleer_leeftijd(t, cb, tabel, tables)

    for t in controles.values():
        problemen.extend(t.problemen)
    return problemen


def _leeftijd_op_meting(cb: Codebook, leeftijd_t0: pd.Series, meting: pd.Series | str) -> np.ndarray:
    """Age in whole years at a wave: age at T0 plus the years since T0 (codebook rule
    ``leeftijd_per_meting``), rounded down; NaN where the age or the wave is unknown."""
    jaren = {str(k): float(v) for k, v in cb.regel("leeftijd_per_meting").items()}
    if isinstance(meting, str):
        plus = np.full(len(leeftijd_t0), jaren.get(meting, np.nan))
    else:
        plus = meting.astype("str").map(jaren).to_numpy(dtype="float64", na_value=np.nan)
    return np.floor(leeftijd_t0.to_numpy(dtype="float64", na_value=np.nan) + plus)


def _controleer_leeftijd(t: _Tabelcontrole, cb: Codebook, tabel: str, tables: Mapping[str, pd.DataFrame]) -> None:
    """A child-level table holds only children of the ages its instrument allows at the wave.

    The table's ``leeftijd: [min, max]`` is checked against the child's age at the wave of the row
    (``leeftijd_per_meting``); with ``leeftijd_bovengrens_meting`` the upper bound holds for the
    age at that wave instead (e.g. T0: children who entered at 18 may be 19 at T1). Items with
    ``leeftijd_min`` must be empty for younger children. Unknown children or waves are reported
    by the other rules and skipped here."""
    tspec = cb.tabellen[tabel]
    venster = tspec.get("leeftijd")
    jonge_items: list[tuple[str, int]] = []
    if "instrument" in tspec:
        spec = cb.instrument(tspec["instrument"])
        minimum = {item["nr"]: int(item["leeftijd_min"]) for item in spec["items"] if item.get("leeftijd_min") is not None}
        if minimum:
            items = cb.items(tspec["instrument"])
            jonge_items = [(k, minimum[nr]) for k, nr in zip(items["kolom"], items["nr"]) if nr in minimum]
    df = t.df
    kinderen = tables.get("kinderen")
    if (not venster and not jonge_items) or kinderen is None or not {"kind_id", "meting"} <= set(df.columns) \
            or not {"kind_id", "leeftijd_t0"} <= set(kinderen.columns) or "leeftijd_per_meting" not in cb.raw["regels"]:
        return
    uniek = kinderen.drop_duplicates("kind_id")
    per_kind = pd.Series(uniek["leeftijd_t0"].to_numpy(), index=uniek["kind_id"].astype("str"))
    leeftijd_t0 = pd.to_numeric(df["kind_id"].astype("str").map(per_kind), errors="coerce")
    leeftijd = _leeftijd_op_meting(cb, leeftijd_t0, df["meting"])
    def jaar(leeftijden: np.ndarray, waar: str = "") -> Callable[[int], str]:
        return lambda pos: f"{int(leeftijden[pos])} jaar{waar}" if np.isfinite(leeftijden[pos]) else _LEEG

    tekst = jaar(leeftijd)
    if venster:
        laag, hoog = (int(x) for x in venster)
        grens_meting = tspec.get("leeftijd_bovengrens_meting")
        if grens_meting:
            leeftijd_hoog = _leeftijd_op_meting(cb, leeftijd_t0, str(grens_meting))
            toelichting = f"toegestaan vanaf {laag} jaar op de meting, tot en met {hoog} jaar op {grens_meting}"
            tekst_hoog = jaar(leeftijd_hoog, f" op {grens_meting}")
        else:
            leeftijd_hoog, tekst_hoog = leeftijd, tekst
            toelichting = f"toegestaan {laag}–{hoog} jaar op de meting"
        with np.errstate(invalid="ignore"):
            t.melding("kind_id", "te jong voor dit instrument", leeftijd < laag, toelichting=toelichting, waarden=tekst)
            t.melding("kind_id", "te oud voor dit instrument", leeftijd_hoog > hoog, toelichting=toelichting,
                      waarden=tekst_hoog)
    for kolom, minimum in jonge_items:
        if kolom in df.columns:
            with np.errstate(invalid="ignore"):
                masker = df[kolom].notna().to_numpy() & (leeftijd < minimum)
            t.melding(kolom, "antwoord van een te jong kind", masker,
                      toelichting=f"deze vraag alleen vanaf {minimum} jaar; leeg laten", waarden=tekst)


# ---------------------------------------------------------------------------------------
# Dtypes
# ---------------------------------------------------------------------------------------
def _met_codebook_types(tabel: str, df: pd.DataFrame, cb: Codebook) -> pd.DataFrame:
    """The table in codebook column order with codebook dtypes (assumes it is valid). Columns
    that already have the codebook dtype are taken as they are (no conversion per column)."""
    uit = {}
    for kolom, spec in cb.kolommen(tabel).items():
        s = df[kolom]
        soort = spec["type"]
        if soort in ("id", "categorie"):
            al_tekst = pd.api.types.is_string_dtype(s.dtype) and s.dtype != object
            uit[kolom] = s if al_tekst else s.astype("str")
        elif soort in ("geheel", "antwoord"):
            if isinstance(s.dtype, pd.Int64Dtype):
                uit[kolom] = s
                continue
            if not pd.api.types.is_integer_dtype(s.dtype):
                s = pd.to_numeric(s, errors="coerce").astype("Float64")
            uit[kolom] = s.astype("Int64")
        elif soort == "bool":
            uit[kolom] = s.astype("boolean")
        else:  # pragma: no cover
            uit[kolom] = s
    return pd.DataFrame(uit).reset_index(drop=True)


# ---------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------
def _sha256(pad: Path) -> str:
    return hashlib.sha256(pad.read_bytes()).hexdigest()


def _schrijf_parquet(df: pd.DataFrame, pad: Path) -> None:
    tabel = pa.Table.from_pandas(df, preserve_index=False)
    # No pandas metadata: the codebook defines the dtypes, and the bytes stay the same for
    # equal data whatever dtype flavour the input frame had.
    tabel = tabel.replace_schema_metadata(None)
    pq.write_table(tabel, pad, **_PARQUET_OPTIES)


def _manifest_tekst(manifest: dict[str, Any]) -> str:
    return json.dumps(manifest, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def write_snapshot(
    tables: Mapping[str, pd.DataFrame],
    folder: Path,
    *,
    naam: str,
    synthetisch: bool,
    herkomst: str,
) -> Path:
    """Validate ``tables`` and write them as a snapshot in ``folder``; returns ``folder``.

    Raises :class:`SnapshotError` (and writes nothing) when the tables are invalid. The
    snapshot is written into a temporary folder next to ``folder`` that then replaces it, so
    an existing snapshot stays intact when anything fails. A non-empty ``folder`` that is not
    a snapshot (no ``manifest.json``) is never replaced.
    """
    folder = Path(folder)
    cb = load_codebook()
    problemen = validate_tables(tables, codebook=cb)
    if problemen:
        raise SnapshotError(problemen, folder)
    if folder.exists() and (not folder.is_dir() or (any(folder.iterdir()) and not (folder / MANIFEST).is_file())):
        raise SnapshotError(
            [Probleem(folder.name, "", "geen snapshot",
                      toelichting="de map bestaat al en bevat geen manifest.json; kies een lege of nieuwe map")],
            folder,
        )

    folder.parent.mkdir(parents=True, exist_ok=True)
    tijdelijk = _naastliggende_map(folder, "nieuw")
    tijdelijk.mkdir()
    try:
        bestanden = {}
        for tabel, tspec in cb.tabellen.items():
            if tabel not in tables:  # an optional table (validated above) the data do not have
                continue
            df = _met_codebook_types(tabel, tables[tabel], cb)
            pad = tijdelijk / tspec["bestand"]
            _schrijf_parquet(df, pad)
            bestanden[tspec["bestand"]] = {"rijen": len(df), "sha256": _sha256(pad)}
        manifest = {
            "naam": naam,
            "synthetisch": bool(synthetisch),
            "codebook_versie": cb.raw["versie"],
            "herkomst": herkomst,
            "bestanden": bestanden,
        }
        (tijdelijk / MANIFEST).write_text(_manifest_tekst(manifest), encoding="utf-8")
        vervang_map(tijdelijk, folder)
    except BaseException:
        shutil.rmtree(tijdelijk, ignore_errors=True)
        raise
    return folder


def _naastliggende_map(doel: Path, soort: str) -> Path:
    """A fresh hidden path next to ``doel`` (same file system, so renames are atomic)."""
    return doel.parent / f".{doel.name}.{soort}-{secrets.token_hex(6)}"


def vervang_map(nieuw: Path, doel: Path) -> None:
    """Put folder ``nieuw`` in place of ``doel``; the old ``doel`` survives any failure."""
    if not doel.exists():
        os.replace(nieuw, doel)
        return
    oud = _naastliggende_map(doel, "oud")
    os.replace(doel, oud)
    try:
        os.replace(nieuw, doel)
    except BaseException:
        os.replace(oud, doel)
        raise
    shutil.rmtree(oud, ignore_errors=True)


# ---------------------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Snapshot:
    """A loaded, verified and validated snapshot."""

    pad: Path
    naam: str
    synthetisch: bool
    checksum: str  # SHA-256 of manifest.json: identifies all data of the snapshot
    tabellen: dict[str, pd.DataFrame] = field(repr=False)


def _lees_manifest(folder: Path) -> tuple[dict[str, Any] | None, bytes, list[Probleem]]:
    pad = folder / MANIFEST
    if not folder.is_dir():
        return None, b"", [Probleem(MANIFEST, "", "ontbrekend bestand",
                                    toelichting=f"de map {folder} bestaat niet")]
    if not pad.is_file():
        return None, b"", [Probleem(MANIFEST, "", "ontbrekend bestand")]
    inhoud = pad.read_bytes()
    try:
        manifest = json.loads(inhoud.decode("utf-8"))
        if not isinstance(manifest, dict) or not isinstance(manifest.get("bestanden"), dict):
            raise ValueError("geen 'bestanden'")
    except ValueError as fout:
        return None, inhoud, [Probleem(MANIFEST, "", "ongeldig manifest", toelichting=str(fout))]
    return manifest, inhoud, []


#: Environment variable the pipeline sets for the notebooks it runs: the :func:`validatie_merk`
#: of the snapshot it has just validated. A notebook then still verifies every file against the
#: manifest's SHA-256, but does not validate the same tables against the same codebook again.
GEVALIDEERD = "KVLA_SNAPSHOT_GEVALIDEERD"


def validatie_merk(checksum: str) -> str:
    """Mark of a validated snapshot: its manifest checksum and the codebook's hash."""
    from analysis.codebook import codeboek_hash

    return f"{checksum}:{codeboek_hash()}"


def load_snapshot(folder: Path) -> Snapshot:
    """Load a snapshot folder: verify its manifest, validate every table, return a Snapshot.

    Raises :class:`SnapshotError` listing every problem: missing files, checksum or row-count
    mismatches, unreadable files and all codebook violations of the tables.
    """
    folder = Path(folder)
    cb = load_codebook()
    manifest, inhoud, problemen = _lees_manifest(folder)
    if manifest is None:
        raise SnapshotError(problemen, folder)

    if manifest.get("codebook_versie") != cb.raw["versie"]:
        problemen.append(Probleem(MANIFEST, "", "andere codebookversie",
                                  toelichting=f"snapshot {manifest.get('codebook_versie')}, "
                                              f"codeboek {cb.raw['versie']}"))
    vermeld = manifest["bestanden"]
    per_bestand = {tspec["bestand"]: tabel for tabel, tspec in cb.tabellen.items()}
    for bestand in vermeld:
        if bestand not in per_bestand:
            problemen.append(Probleem(bestand, "", "onbekend bestand",
                                      toelichting="staat in manifest.json maar niet in het codeboek"))

    tabellen: dict[str, pd.DataFrame] = {}
    for bestand, tabel in per_bestand.items():
        pad = folder / bestand
        if bestand not in vermeld and cb.tabellen[tabel].get("facultatief"):
            continue  # an optional table this snapshot does not hold
        if bestand not in vermeld:
            problemen.append(Probleem(bestand, "", "ontbrekend bestand",
                                      toelichting="niet vermeld in manifest.json"))
            continue
        if not pad.is_file():
            problemen.append(Probleem(bestand, "", "ontbrekend bestand"))
            continue
        verwacht = vermeld[bestand] if isinstance(vermeld[bestand], dict) else {}
        if _sha256(pad) != verwacht.get("sha256"):
            problemen.append(Probleem(bestand, "", "checksum wijkt af",
                                      toelichting="het bestand is gewijzigd na het schrijven van manifest.json"))
        try:
            # Integer columns (with nulls) come in as nullable Int64, as the codebook wants them.
            df = pq.read_table(pad).to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get)
        except (OSError, pa.ArrowException) as fout:
            problemen.append(Probleem(bestand, "", "onleesbaar bestand", toelichting=str(fout)))
            continue
        if len(df) != verwacht.get("rijen"):
            problemen.append(Probleem(bestand, "", "aantal rijen wijkt af",
                                      toelichting=f"manifest {verwacht.get('rijen')}, bestand {len(df)}"))
        tabellen[tabel] = df

    checksum = hashlib.sha256(inhoud).hexdigest()
    # Missing or unreadable tables are reported above; validate the others completely (unless
    # this exact snapshot was validated against this exact codebook by the calling pipeline).
    if problemen or os.environ.get(GEVALIDEERD) != validatie_merk(checksum):
        validatie = validate_tables(tabellen, codebook=cb)
        problemen.extend(p for p in validatie if p.regel != "ontbrekend bestand")
    if problemen:
        raise SnapshotError(problemen, folder)

    return Snapshot(
        pad=folder,
        naam=str(manifest.get("naam", folder.name)),
        synthetisch=bool(manifest.get("synthetisch", False)),
        checksum=checksum,
        tabellen={t: _met_codebook_types(t, df, cb) for t, df in tabellen.items()},
    )
