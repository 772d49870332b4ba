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

from analysis.disclosure import ONDERDRUKT_UITLEG  # noqa: E402

STIJL = Path(__file__).resolve().parents[1] / "figures" / "huisstijl.mplstyle"

#: Violence categories from light to dark, so the order survives greyscale printing.
PALET: dict[str, str] = {"geen": "#A6CEE3", "mild": "#F4A261", "ernstig": "#12436D"}
#: Two-group comparisons (e.g. region vs Nederland, men vs women).
PALET_DUO: tuple[str, str] = ("#12436D", "#F46A25")

#: A share hidden by the small-cell rule is drawn as a hatched placeholder bar of this fixed
#: height (percent of the axis; between grid lines, so its top does not read as a value) with a
#: dashed grey outline and :data:`ONDERDRUKT_LABEL` on top -- never as an empty bar, which reads
#: as 0%. The hatch has the category's colour, so the legend still says what is hidden.
ONDERDRUKT_HOOGTE: float = 15.0
ONDERDRUKT_LABEL: str = "te klein"
ONDERDRUKT_KLEUR: str = "#8C8C8C"
#: A hidden share in an alt text, and the sentence that closes an alt text with hidden shares
#: (its reason is the tables' note, :data:`analysis.disclosure.ONDERDRUKT_UITLEG`).
ONDERDRUKT_ALT: str = "niet getoond"
ONDERDRUKT_ALT_NOOT: str = (
    f"Niet getoond: {ONDERDRUKT_UITLEG.split('(', 1)[1].rstrip(').')}; de figuur toont daar een gearceerde "
    f"grijze staaf met '{ONDERDRUKT_LABEL}', waarvan de hoogte geen waarde weergeeft."
)


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

    ``waarde`` holds fractions (0–1); a missing value (suppressed small cell) is drawn as a
    hatched grey placeholder of fixed height labelled "te klein" (:data:`ONDERDRUKT_LABEL`), so
    that no reader takes it for 0%.
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
                if pd.isna(v):
                    _onderdrukte_staaf(ax, pos, breedte * 0.95, kleuren[cat])
                else:
                    ax.text(pos, h + 1.5, pct(float(v)), ha="center", va="bottom", fontsize=8)
        ax.set_xticks(range(len(groepen)), groepen)
        ax.set_ylim(0, 105)
        ax.set_ylabel(y_label)
        ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:.0f}%"))
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=len(cats))
    return fig


def _onderdrukte_staaf(ax, pos: float, breedte: float, kleur: str) -> None:
    """The placeholder of a suppressed share: white with a hatch in the category's colour, a
    dashed grey outline, fixed height, labelled "te klein" (vertical, so it stays within its own
    bar's column)."""
    ax.bar(pos, ONDERDRUKT_HOOGTE, width=breedte, color="white", edgecolor=ONDERDRUKT_KLEUR, hatch="///",
           hatchcolor=kleur, linewidth=0.8, linestyle="--")
    ax.text(pos, ONDERDRUKT_HOOGTE + 1.5, ONDERDRUKT_LABEL, ha="center", va="bottom", fontsize=8, rotation=90,
            color="#404040")


def aandeel_alt(waarde) -> str:
    """A share in a figure's alt text: "12,4%", or "niet getoond" when the small-cell rule hid
    it (the figure shows the "te klein" placeholder there; close the alt text with
    :func:`alt_noot_onderdrukt`)."""
    from analysis.formatting import pct

    return ONDERDRUKT_ALT if pd.isna(waarde) else pct(waarde)


def alt_noot_onderdrukt(waarden) -> str:
    """" " + :data:`ONDERDRUKT_ALT_NOOT` when any of the figure's shares is hidden (missing), else ""."""
    return f" {ONDERDRUKT_ALT_NOOT}" if pd.Series(list(waarden), dtype=float).isna().any() else ""
