"""Report figures: one style, one palette, deterministic files.

Every figure is written as SVG (used by the HTML and the PDF), PNG (download), the plotted
numbers as CSV, and a JSON with its caption, Dutch alt text and cross-reference label.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

from analysis.disclosure import ONDERDRUKT  # noqa: E402

STIJL = Path(__file__).resolve().parents[1] / "figures" / "huisstijl.mplstyle"

#: Violence categories from light to dark, so the order survives greyscale printing.
PALET: dict[str, str] = {"geen": "#A6CEE3", "mild": "#F4A261", "ernstig": "#12436D"}
#: Two-group comparisons (e.g. region vs Nederland, men vs women).
PALET_DUO: tuple[str, str] = ("#12436D", "#F46A25")


@dataclass(frozen=True)
class Figuur:
    id: str
    label: str
    titel: str
    alt: str
    data: pd.DataFrame
    fig: object  # matplotlib Figure


@contextmanager
def stijl():
    """Apply the house style (figures/huisstijl.mplstyle) within a block."""
    with plt.style.context(str(STIJL)):
        yield


def schrijf_figuur(out: Path, figuur: Figuur) -> None:
    """Write ``figures/<id>.svg|png|csv|json`` byte-for-byte reproducibly, then close the figure."""
    folder = Path(out) / "figures"
    folder.mkdir(parents=True, exist_ok=True)
    with stijl():
        figuur.fig.savefig(folder / f"{figuur.id}.svg", format="svg", metadata={"Date": None})
        figuur.fig.savefig(folder / f"{figuur.id}.png", format="png", metadata={"Software": None})
    plt.close(figuur.fig)
    figuur.data.to_csv(folder / f"{figuur.id}.csv", index=False, lineterminator="\n")
    meta = {"id": figuur.id, "label": figuur.label, "titel": figuur.titel, "alt": figuur.alt}
    (folder / f"{figuur.id}.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def staafdiagram_categorieen(
    data: pd.DataFrame, *, x: str, categorie: str, waarde: str, labels: dict[str, str], kleuren: dict[str, str], y_label: str
):
    """Grouped bars: one group per ``x`` value, one bar per category, value printed on each bar.

    ``waarde`` holds fractions (0–1); a missing value (suppressed small cell) is drawn as an
    empty slot marked with the suppression symbol.
    """
    from analysis.formatting import pct

    with stijl():
        fig, ax = plt.subplots()
        groepen = list(dict.fromkeys(data[x]))
        cats = [c for c in labels if c in set(data[categorie])]
        breedte = 0.8 / len(cats)
        for i, cat in enumerate(cats):
            sub = data[data[categorie] == cat].set_index(x).reindex(groepen)
            posities = [g + (i - (len(cats) - 1) / 2) * breedte for g in range(len(groepen))]
            hoogtes = sub[waarde].astype(float).fillna(0.0) * 100
            ax.bar(posities, hoogtes, width=breedte * 0.95, color=kleuren[cat], label=labels[cat], edgecolor="white")
            for pos, h, v in zip(posities, hoogtes, sub[waarde]):
                tekst = ONDERDRUKT if pd.isna(v) else pct(float(v))
                ax.text(pos, h + 1.5, tekst, ha="center", va="bottom", fontsize=8)
        ax.set_xticks(range(len(groepen)), groepen)
        ax.set_ylim(0, 105)
        ax.set_ylabel(y_label)
        ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:.0f}%"))
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=len(cats))
    return fig
