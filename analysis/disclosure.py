"""Small-cell protection for regional outputs (ground rule 7).

One named rule, applied where numbers become artifacts (the chapter notebooks, for every
regional scope), so every factsheet, table and download inherits it:

    A share (percentage) is shown only when at least ``MINIMUM_CELGROOTTE`` units are in the
    cell AND at least ``MINIMUM_CELGROOTTE`` units are outside it; a mean or count only when its
    base has at least ``MINIMUM_CELGROOTTE`` units. When one share of a distribution is
    suppressed, the smallest other share is suppressed too, so the hidden one cannot be
    recovered as 100% minus the rest.

Why numerator *and* complement: "0 of 44 families" or "44 of 44" discloses something about
every family in the region, exactly like "2 of 44". The threshold follows the NHS/OpenSAFELY
practice of suppressing counts below 5–7 for sub-national outputs; with about 44 families
per region a GGD-style base of 100 would blank every regional figure.
"""

from __future__ import annotations

import pandas as pd

#: The smallest number of units allowed in a shown cell and in its complement.
MINIMUM_CELGROOTTE: int = 5

#: Symbol shown instead of a suppressed number (CBS convention: x = geheim).
ONDERDRUKT: str = "x"
#: The table note that explains the symbol (Dutch, for readers).
ONDERDRUKT_UITLEG: str = f"{ONDERDRUKT} = niet getoond (te weinig personen of gezinnen)."


def aandeel_toonbaar(teller: int, noemer: int) -> bool:
    """Whether the share ``teller / noemer`` may be shown (primary suppression)."""
    return teller >= MINIMUM_CELGROOTTE and (noemer - teller) >= MINIMUM_CELGROOTTE


def basis_toonbaar(noemer: int) -> bool:
    """Whether a mean or count over ``noemer`` units may be shown."""
    return noemer >= MINIMUM_CELGROOTTE


def toonbare_verdeling(tellers: pd.Series, noemer: int) -> pd.Series:
    """Which shares of one distribution (cells summing to ``noemer``) may be shown.

    Primary suppression by :func:`aandeel_toonbaar`; then, if exactly one cell is hidden, the
    smallest visible cell is hidden too (complementary suppression).
    """
    toonbaar = pd.Series([aandeel_toonbaar(int(t), int(noemer)) for t in tellers], index=tellers.index)
    if (~toonbaar).sum() == 1 and toonbaar.sum() >= 1:
        kleinste = tellers[toonbaar].astype(int).sort_values(kind="stable").index[0]
        toonbaar[kleinste] = False
    return toonbaar


def beveilig_verdelingen(verdeling: pd.DataFrame, per: str) -> pd.DataFrame:
    """Apply :func:`toonbare_verdeling` to every distribution of a long table (one per value of
    column ``per``, e.g. a wave or a group; columns ``aantal``, ``n``, ``aandeel``): adds
    ``toonbaar`` and blanks ``aandeel`` and ``aantal`` of the hidden cells. A distribution over
    nobody (n = 0) is hidden whole."""
    delen = []
    for _, deel in verdeling.groupby(per, sort=False):
        deel = deel.copy()
        n = int(deel["n"].iloc[0])
        deel["toonbaar"] = toonbare_verdeling(deel["aantal"], n).to_numpy() if n else False
        delen.append(deel)
    uit = pd.concat(delen, ignore_index=True)
    uit["aandeel"] = uit["aandeel"].where(uit["toonbaar"])
    uit["aantal"] = uit["aantal"].where(uit["toonbaar"])
    return uit


def toonbare_optellingen(aantallen: pd.Series, relaties: list[tuple[str, list[str]]]) -> pd.Series:
    """Which counts may be shown when some counts add up to others (e.g. ouders = moeders +
    vaders): primary suppression by :func:`basis_toonbaar`; then, for every relation
    (total, parts) in which exactly one member is hidden — so it could be recomputed from the
    others — the smallest visible part is hidden too, until no relation leaks.
    ``aantallen`` is indexed by the names the relations use; names not in it are ignored.
    """
    toonbaar = pd.Series([basis_toonbaar(int(a)) for a in aantallen], index=aantallen.index)
    veranderd = True
    while veranderd:
        veranderd = False
        for totaal, delen in relaties:
            leden = [n for n in [totaal, *delen] if n in toonbaar.index]
            if len(leden) < 2 or (~toonbaar[leden]).sum() != 1:
                continue
            zichtbaar = [d for d in delen if d in toonbaar.index and toonbaar[d]] or [totaal]
            kleinste = min(zichtbaar, key=lambda n: (int(aantallen[n]), zichtbaar.index(n)))
            toonbaar[kleinste] = False
            veranderd = True
    return toonbaar
