"""Facts: every number and verdict the Dutch prose uses, formatted nl-NL.

The report templates read only these facts (``facts.json`` per scope); a verdict such as
"significant afgenomen" is derived here from the test result, so a sentence adapts when the
data change.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from analysis.formatting import effect_tekst, toets_tekst
from analysis.stats import Toets, is_betekenisvol


def toets_feit(t: Toets) -> dict:
    """A test result as the prose needs it: formatted texts and the verdicts."""
    return {
        "tekst": effect_tekst(t),
        "volledig": toets_tekst(t),
        "significant": bool(t.significant),
        "betekenisvol": bool(is_betekenisvol(t)),
        "effect_label": t.label or "",
        "n": int(t.n),
    }


def richting(begin: float, eind: float) -> str:
    """Direction of a change in Dutch: "toegenomen", "afgenomen" or "gelijk gebleven"."""
    if begin is None or eind is None or any(isinstance(v, float) and math.isnan(v) for v in (begin, eind)):
        return "onbekend"
    if eind > begin:
        return "toegenomen"
    if eind < begin:
        return "afgenomen"
    return "gelijk gebleven"


def verloop_feit(waarden: dict[str, float], opgemaakt: dict[str, str], t: Toets, eerste: str = "T0", laatste: str = "T2") -> dict:
    """Facts of a change over the waves: formatted values per wave, the test, and the verdict.

    ``verandering`` is the Dutch verb phrase the prose uses: the direction when the change is
    meaningful (significant and at least a small effect, §2.7), otherwise "niet betekenisvol
    veranderd".
    """
    feit = {**opgemaakt, "toets": toets_feit(t), "richting": richting(waarden.get(eerste), waarden.get(laatste))}
    if feit["toets"]["betekenisvol"] and feit["richting"] in ("toegenomen", "afgenomen"):
        feit["verandering"] = f"significant {feit['richting']}"
    elif feit["toets"]["significant"]:
        feit["verandering"] = f"{feit['richting']}, maar het effect is te klein om betekenisvol te noemen"
    else:
        feit["verandering"] = "niet significant veranderd"
    return feit


def schrijf_feiten(out: Path, naam: str, feiten: dict) -> None:
    """Write ``facts/<naam>.json`` (sorted keys, UTF-8, trailing newline: reproducible bytes).

    Each chapter notebook writes its own file (``h04`` for chapter 4); the templates see them
    all as ``f.h04`` etc.
    """
    folder = Path(out) / "facts"
    folder.mkdir(parents=True, exist_ok=True)
    tekst = json.dumps(feiten, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    (folder / f"{naam}.json").write_text(tekst, encoding="utf-8")


def lees_feiten(out: Path) -> dict:
    """All facts of one scope: ``{"h04": {...}, ...}``."""
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((Path(out) / "facts").glob("*.json"))}
