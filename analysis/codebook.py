"""The codebook: the data contract held as data (the YAML files in ``codeboek/``).

``codeboek/kern.yaml`` holds the design (waves, regions), the answer scales, the scoring rules and
the families' and parents' tables; every other ``codeboek/*.yaml`` adds one domain (children's
instruments, help, the reference group) with the same sections. They are merged into one
codebook; a name defined twice is an error.

Validation (:mod:`analysis.snapshot`), scoring (:mod:`analysis.scoring`) and the synthetic
generator (:mod:`analysis.synthetic`) all read it, so a variable, an item's subscale or a
scoring constant is defined exactly once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

#: libyaml's loader where PyYAML has it (4x faster on the codebook), else the pure-Python one.
_YAML_LADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

CODEBOOK_MAP = Path(__file__).with_name("codeboek")
#: The file with the design and the shared sections; it is read first.
KERN = "kern.yaml"
#: Sections that fragments may extend (mappings, merged by name); everything else is kern-only.
SAMEN_TE_VOEGEN = ("antwoordschalen", "regels", "instrumenten", "tabellen", "normen")


@dataclass(frozen=True)
class Codebook:
    """Read-only view of the merged codebook (``codeboek/*.yaml``)."""

    raw: dict[str, Any]

    # -- design -------------------------------------------------------------------------
    @property
    def metingen(self) -> list[str]:
        return list(self.raw["metingen"])

    @property
    def regios(self) -> list[str]:
        """The 13 Veilig Thuis regions of Tabel 3.1, in the report's order."""
        return [r["naam"] for r in self.raw["regios"]]

    def regio_slug(self, naam: str) -> str:
        for r in self.raw["regios"]:
            if r["naam"] == naam:
                return r["slug"]
        raise KeyError(f"onbekende regio: {naam!r}")

    def regio_naam(self, slug: str) -> str:
        for r in self.raw["regios"]:
            if r["slug"] == slug or r["naam"] == slug:
                return r["naam"]
        raise KeyError(f"onbekende regio: {slug!r}; kies uit {', '.join(self.regio_slugs)}")

    @property
    def regio_slugs(self) -> list[str]:
        return [r["slug"] for r in self.raw["regios"]]

    @property
    def geweld_categorieen(self) -> list[dict[str, str]]:
        return list(self.raw["geweld_categorieen"])

    # -- rules --------------------------------------------------------------------------
    def regel(self, naam: str) -> Any:
        """The value of a named scoring rule (see ``regels`` in the codebook)."""
        return self.raw["regels"][naam]["waarde"]

    # -- answer scales and instruments --------------------------------------------------
    def antwoordschaal(self, naam: str) -> dict[str, Any]:
        return self.raw["antwoordschalen"][naam]

    def instrument(self, naam: str) -> dict[str, Any]:
        return self.raw["instrumenten"][naam]

    def items(self, instrument: str) -> pd.DataFrame:
        """One row per answer column of an instrument.

        Columns: ``kolom`` (column name in the snapshot), ``nr``, ``perspectief`` (CTS2:
        dader/slachtoffer; otherwise None), ``subschaal``, ``ernst``, ``label``.
        """
        spec = self.instrument(instrument)
        perspectieven = spec.get("perspectieven") or [None]
        rows = []
        for item in spec["items"]:
            for perspectief in perspectieven:
                rows.append(
                    {
                        "kolom": spec["kolom"].format(nr=item["nr"], perspectief=perspectief),
                        "nr": item["nr"],
                        "perspectief": perspectief,
                        "subschaal": item["subschaal"],
                        "ernst": item["ernst"],
                        "label": item["label"],
                    }
                )
        return pd.DataFrame(rows)

    # -- tables -------------------------------------------------------------------------
    @property
    def tabellen(self) -> dict[str, dict[str, Any]]:
        return self.raw["tabellen"]

    def kolommen(self, tabel: str) -> dict[str, dict[str, Any]]:
        """Every column of a table with its spec, item columns of its instrument included."""
        spec = self.tabellen[tabel]
        cols = dict(spec["kolommen"])
        if "instrument" in spec:
            instrument = spec["instrument"]
            schaal = self.antwoordschaal(self.instrument(instrument)["antwoordschaal"])
            waarden = sorted(int(k) for k in schaal["waarden"])
            for row in self.items(instrument).itertuples():
                cols[row.kolom] = {
                    "type": "antwoord",
                    "waarden": waarden,
                    "instrument": instrument,
                    "label": row.label,
                    "ontbreken_toegestaan": True,
                }
        return cols


@cache
def codeboek_hash(map_: Path = CODEBOOK_MAP) -> str:
    """SHA-256 over the codebook's files (names and contents, in load order)."""
    import hashlib

    h = hashlib.sha256()
    for pad in codeboek_bestanden(map_):
        h.update(pad.name.encode() + b"\0" + pad.read_bytes() + b"\0")
    return h.hexdigest()


def codeboek_bestanden(map_: Path = CODEBOOK_MAP) -> list[Path]:
    """The codebook's files in load order: ``kern.yaml`` first, then the rest by name."""
    rest = sorted(p for p in map_.glob("*.yaml") if p.name != KERN)
    return [map_ / KERN, *rest]


def voeg_samen(delen: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    """Merge codebook fragments (name, content): the first is the kern; later ones may only add
    names to the sections of :data:`SAMEN_TE_VOEGEN`. A name defined twice raises ValueError."""
    (kern_naam, kern), *rest = delen
    raw = {k: (dict(v) if k in SAMEN_TE_VOEGEN else v) for k, v in kern.items()}
    herkomst = {(sectie, naam): kern_naam for sectie in SAMEN_TE_VOEGEN for naam in raw.get(sectie, {})}
    for naam_bestand, deel in rest:
        for sectie, inhoud in (deel or {}).items():
            if sectie not in SAMEN_TE_VOEGEN:
                raise ValueError(f"Codeboek {naam_bestand}: sectie {sectie!r} hoort alleen in {kern_naam}.")
            doel = raw.setdefault(sectie, {})
            for naam, spec in (inhoud or {}).items():
                if naam in doel:
                    raise ValueError(f"Codeboek: {sectie}.{naam} staat zowel in "
                                     f"{herkomst[(sectie, naam)]} als in {naam_bestand}.")
                doel[naam] = spec
                herkomst[(sectie, naam)] = naam_bestand
    return raw


@cache
def load_codebook(map_: Path = CODEBOOK_MAP) -> Codebook:
    """Load, merge and cache the codebook."""
    delen = []
    for pad in codeboek_bestanden(map_):
        with open(pad, encoding="utf-8") as fh:
            delen.append((pad.name, yaml.load(fh, Loader=_YAML_LADER)))
    return Codebook(voeg_samen(delen))


# -- additive helpers (background variables, instrument waves) -------------------------
def categorie_labels(cb: Codebook, tabel: str, kolom: str) -> dict[str, str]:
    """Dutch label per code of a category column (``labels`` in the codebook; the code itself
    where a column has no labels)."""
    spec = cb.kolommen(tabel)[kolom]
    labels = spec.get("labels") or {}
    waarden = cb.metingen if spec["waarden"] == "metingen" else (
        cb.regios if spec["waarden"] == "regios" else [str(w) for w in spec["waarden"]])
    return {w: str(labels.get(w, w)) for w in waarden}


def tabel_metingen(cb: Codebook, tabel: str) -> list[str] | None:
    """The waves a per-wave table covers: its instrument's ``metingen`` (Tabel 2.1), else the
    table's own ``metingen``; None for tables without a ``meting`` column (ouders, kinderen,
    gezinnen, and the reference group's instruments, measured once)."""
    spec = cb.tabellen[tabel]
    if "meting" not in spec["kolommen"]:
        return None
    if "instrument" in spec:
        return list(cb.instrument(spec["instrument"])["metingen"])
    if "metingen" in spec:
        return list(spec["metingen"])
    return None
