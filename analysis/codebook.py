"""The codebook: the data contract held as data (``codebook.yaml``).

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

CODEBOOK_PATH = Path(__file__).with_name("codebook.yaml")


@dataclass(frozen=True)
class Codebook:
    """Read-only view of ``codebook.yaml``."""

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
def load_codebook(path: Path = CODEBOOK_PATH) -> Codebook:
    """Load and cache the codebook."""
    with open(path, encoding="utf-8") as fh:
        return Codebook(yaml.safe_load(fh))


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
    table's own ``metingen``; None for tables without waves (ouders, kinderen, gezinnen)."""
    spec = cb.tabellen[tabel]
    if "instrument" in spec:
        return list(cb.instrument(spec["instrument"])["metingen"])
    if "metingen" in spec:
        return list(spec["metingen"])
    return None
