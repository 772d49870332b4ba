"""Report tables: one structure for every table, written as CSV (numbers) and as the Quarto
pipe table the report includes (formatted Dutch strings)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd


@dataclass(frozen=True)
class Tabel:
    """A report table.

    ``weergave``: what the reader sees — strings, first column the row labels, column names the
    header; a row whose other cells are all empty is a group heading. ``data``: the numbers
    behind it (tidy), written as CSV. ``label`` is the Quarto cross-reference label (``tbl-…``).
    """

    id: str
    label: str
    titel: str
    weergave: pd.DataFrame
    data: pd.DataFrame
    noot: str = ""
    extra: dict = field(default_factory=dict)


def _cel(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


#: Bounds of a column's relative width in the pipe table's separator line (in dashes).
MIN_STREEPJES, MAX_STREEPJES = 3, 40
#: A header word may be at most this many characters wider than the column's longest cell: long
#: header words ("Partnergeweld" over a column of "80,0%") hyphenate, so they do not take the room
#: the cells of a wide table need (Tabel 7.2 has eleven columns).
KOP_MARGE = 3
#: Added to every column: the cell's padding, so right-aligned numbers of neighbouring narrow
#: columns do not touch.
CEL_MARGE = 2


def kolombreedtes(weergave: pd.DataFrame) -> list[int]:
    """Dashes per column of the separator line: pandoc sizes the columns of a wide pipe table by
    them, so each column gets room for its longest cell (a header may wrap at its longest word);
    without this every column would be equally wide and long row labels would break into
    one word per line. A header's longest word counts up to :data:`KOP_MARGE` characters beyond
    the column's longest cell; every column gets :data:`CEL_MARGE` more for its padding."""
    breedtes = []
    for i, kolom in enumerate(weergave.columns):
        cellen = [len(_cel(v)) for v in weergave.iloc[:, i]]
        kop = max((len(w) for w in str(kolom).split()), default=0)
        langste_cel = max(cellen, default=0)
        breedtes.append(min(MAX_STREEPJES, max(MIN_STREEPJES, min(kop, langste_cel + KOP_MARGE), langste_cel)) + CEL_MARGE)
    return breedtes


def tabel_markdown(tabel: Tabel) -> str:
    """The table as a pipe table with Quarto caption line ``: titel {#tbl-…}`` and its note."""
    cols = list(tabel.weergave.columns)
    streepjes = kolombreedtes(tabel.weergave)
    scheiding = [":" + "-" * streepjes[0]] + ["-" * streepjes[i] + ":" for i in range(1, len(cols))]
    lines = ["| " + " | ".join(_cel(c) for c in cols) + " |", "|" + "|".join(scheiding) + "|"]
    for row in tabel.weergave.itertuples(index=False):
        cells = [_cel(v) for v in row]
        if all(c == "" for c in cells[1:]) and cells[0]:
            cells[0] = f"**{cells[0]}**"
        lines.append("| " + " | ".join(cells) + " |")
    out = "\n".join(lines) + f"\n\n: {tabel.titel} {{#{tabel.label}}}\n"
    if tabel.noot:
        out += f"\n::: {{.tabelnoot}}\n{tabel.noot}\n:::\n"
    return out


def schrijf_tabel(out: Path, tabel: Tabel) -> None:
    """Write ``tables/<id>.csv`` (numbers), ``<id>.md`` (pipe table) and ``<id>.json`` (metadata)."""
    folder = Path(out) / "tables"
    folder.mkdir(parents=True, exist_ok=True)
    tabel.data.to_csv(folder / f"{tabel.id}.csv", index=False, lineterminator="\n")
    (folder / f"{tabel.id}.md").write_text(tabel_markdown(tabel), encoding="utf-8")
    meta = {"id": tabel.id, "label": tabel.label, "titel": tabel.titel, "noot": tabel.noot, **tabel.extra}
    (folder / f"{tabel.id}.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
