"""How the audit finds the computed value of each published cell: one module per chapter.

Each ``hNN.py`` holds the mapping functions of that chapter's items and a registry
``KOPPELINGEN`` (catalogue item id → :class:`Koppeling`); :data:`KOPPELINGEN` here merges them.
Adding an item means adding one function and one registry entry in its chapter's module.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from importlib import import_module
from typing import Any, Callable

import pandas as pd

@dataclass(frozen=True)
class Koppeling:
    """How one item's computed values are found: the artifact (relative to the scope folder;
    ``.csv`` is read as a DataFrame, ``.json`` as a dict) and a pure function
    ``(artifact, published cells of the item) -> Series`` of computed values on the published
    scale, aligned with the cells' index (NaN where nothing is computed)."""

    artefact: str
    functie: Callable[[Any, pd.DataFrame], pd.Series]


def _zonder_tekens(label: str) -> str:
    return re.sub(r"[\s*]+$", "", str(label)).strip().lower()


def _eerste_woord(tekst: str) -> str:
    woorden = str(tekst).strip().lower().split()
    return woorden[0] if woorden else ""


def _rijlabel(label: str) -> str:
    """Published row label without bullets, footnote marks and the word "Regio"."""
    label = _zonder_tekens(str(label)).lstrip("■ ").strip()
    label = re.sub(r"\s*\(.*?\)\s*$", "", label)
    return re.sub(r"^regio\s+", "", label).replace("/", "-")


def _getal(waarde: Any, factor: float = 1.0) -> float:
    """A computed value on the published scale (``factor`` 100 for a share printed as a
    percentage); NaN where nothing was computed (absent or missing)."""
    return factor * float(waarde) if waarde is not None and pd.notna(waarde) else math.nan


def geen_waarden(_artefact: Any, cellen: pd.DataFrame) -> pd.Series:
    """Mapping of an item the report prints no comparable values for (a map, a figure whose
    values are only described): registered, so the audit lists it as computed."""
    return pd.Series(math.nan, index=cellen.index, dtype=float)


def _alle() -> dict[str, Koppeling]:
    uit: dict[str, Koppeling] = {}
    for nr in range(3, 10):
        try:
            module = import_module(f"analysis.koppelingen.h{nr:02d}")
        except ModuleNotFoundError:
            continue
        for item, koppeling in module.KOPPELINGEN.items():
            if item in uit:
                raise ValueError(f"Koppeling voor {item} staat twee keer in analysis.koppelingen.")
            uit[item] = koppeling
    return uit


#: Registry of all chapters: catalogue item id → how to find its computed values.
KOPPELINGEN: dict[str, Koppeling] = _alle()
