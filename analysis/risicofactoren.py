"""The seven risk factors of the parents and their cumulation (report §2.5.5, r. 2038-2054;
Tabel 3.6, Tabel 9.1).

Per parent and wave each factor is 1.0 (present), 0.0 (absent) or NaN (unknown). The rules are
the codebook's ``risico_*`` constants; the instruments behind two of them (ACE, Audit-C) are
scored in :mod:`analysis.scoring_ouders`. Nothing here reads published values.

The factors, in the report's order (§2.5.5): four or more ACE's (``ace``), poverty (``armoede``),
unemployment (``werkloos``), the parent's risky drinking (``alcohol``), the partner's risky
drinking (``alcohol_partner``), low education (``laagopgeleid``) and single parenthood
(``alleenstaand``). The ACE's are measured at T0 only; as in Tabel 9.1 (r. 6329-6333) the T0
value counts in every wave.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis import scoring_ouders
from analysis.codebook import load_codebook

_CB = load_codebook()

#: Poverty: net monthly household income in these classes (< €1.500; §2.5.5 r. 2045-2046).
RISICO_ARMOEDE_INKOMEN: list[str] = list(_CB.regel("risico_armoede_inkomen"))
#: Unemployment: fewer than this many hours of paid work a week (§2.5.5 r. 2046).
RISICO_WERKLOOS_UREN_MINDER_DAN: float = float(_CB.regel("risico_werkloos_uren_minder_dan"))
#: Low education: only primary school (§2.5.5 r. 2048).
RISICO_LAAGOPGELEID: list[str] = list(_CB.regel("risico_laagopgeleid"))
#: Single parenthood (§2.5.5 r. 2049).
RISICO_ALLEENSTAAND: list[str] = list(_CB.regel("risico_alleenstaand"))
#: Cumulation: at least this many of the seven factors present (§2.5.5 r. 2053-2054).
RISICO_CUMULATIE_MIN: int = int(_CB.regel("risico_cumulatie_min"))

#: The seven factors (column names), in the order of the report's list in §2.5.5.
FACTOREN: list[str] = ["ace", "armoede", "werkloos", "alcohol", "alcohol_partner", "laagopgeleid", "alleenstaand"]

SLEUTEL = ["ouder_id", "meting"]


def _in_klassen(waarden: pd.Series, klassen: list[str]) -> pd.Series:
    return pd.Series(np.where(waarden.isna(), np.nan, waarden.isin(klassen).astype(float)), index=waarden.index, dtype=float)


def armoede(inkomen: pd.Series) -> pd.Series:
    """Poverty: net monthly household income below €1.500 (rule ``risico_armoede_inkomen``;
    §2.5.5 r. 2045-2046, hfst. 3 r. 2653)."""
    return _in_klassen(inkomen, RISICO_ARMOEDE_INKOMEN)


def werkloos(uren_betaald_werk: pd.Series) -> pd.Series:
    """Unemployment: fewer than 12 hours of paid work a week (rule ``risico_werkloos_uren_minder_dan``;
    §2.5.5 r. 2046); NaN when the hours are missing."""
    uren = uren_betaald_werk.astype(float)
    return pd.Series(np.where(uren.isna(), np.nan, (uren < RISICO_WERKLOOS_UREN_MINDER_DAN).astype(float)),
                     index=uren.index, dtype=float)


def laagopgeleid(opleidingsniveau: pd.Series) -> pd.Series:
    """Low education: primary school only (rule ``risico_laagopgeleid``; §2.5.5 r. 2048)."""
    return _in_klassen(opleidingsniveau, RISICO_LAAGOPGELEID)


def alleenstaand(gezinssamenstelling: pd.Series) -> pd.Series:
    """Single parenthood (rule ``risico_alleenstaand``; §2.5.5 r. 2049)."""
    return _in_klassen(gezinssamenstelling, RISICO_ALLEENSTAAND)


def aantal_risicofactoren(factoren: pd.DataFrame) -> pd.Series:
    """Number of factors present, 0-7 (Tabel 9.1 'Cumulatie risicofactoren', r. 6329-6333); NaN
    when any factor is unknown (a documented choice: an unknown factor is not counted as absent)."""
    return factoren.sum(axis=1, min_count=1).where(factoren.notna().all(axis=1), np.nan)


def cumulatie(factoren: pd.DataFrame) -> pd.Series:
    """Cumulation of risk factors: at least ``risico_cumulatie_min`` (3) of the seven present
    (§2.5.5 r. 2053-2054). 1.0 when that many known factors are present; 0.0 when even all
    unknown factors together could not reach it; NaN otherwise."""
    aanwezig = (factoren == 1.0).sum(axis=1)
    onbekend = factoren.isna().sum(axis=1)
    return pd.Series(
        np.where(aanwezig >= RISICO_CUMULATIE_MIN, 1.0, np.where(aanwezig + onbekend < RISICO_CUMULATIE_MIN, 0.0, np.nan)),
        index=factoren.index, dtype=float,
    )


def ace_per_ouder(ace: pd.DataFrame) -> pd.Series:
    """Four or more ACE's per parent (index ``ouder_id``), from the T0 list (the ACE is asked at
    T0 only, Tabel 2.1); 1.0 / 0.0 / NaN (:func:`analysis.scoring_ouders.vier_of_meer_aces`)."""
    scores = scoring_ouders.ace_scores(ace)
    if "meting" in scores.columns:
        scores = scores[scores["meting"] == _CB.metingen[0]]
    return scores.set_index("ouder_id")["ace_vier_of_meer"]


def risicofactoren(tabellen: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The seven risk factors per parent and wave (§2.5.5; Tabel 3.6, Tabel 9.1).

    One row per row of ``ouders_achtergrond`` (parent × wave taken part in): ``ouder_id``,
    ``meting``, one column per factor of :data:`FACTOREN` (1.0 / 0.0 / NaN), ``aantal`` (number
    present, 0-7; :func:`aantal_risicofactoren`) and ``cumulatie`` (:func:`cumulatie`). The ACE
    factor is the parent's T0 value in every wave (Tabel 9.1); drinking comes from the Audit-C of
    the same wave (NaN without one).
    """
    a = tabellen["ouders_achtergrond"]
    uit = a[SLEUTEL].copy()
    uit["armoede"] = armoede(a["inkomen"]).to_numpy()
    uit["werkloos"] = werkloos(a["uren_betaald_werk"]).to_numpy()
    uit["laagopgeleid"] = laagopgeleid(a["opleidingsniveau"]).to_numpy()
    uit["alleenstaand"] = alleenstaand(a["gezinssamenstelling"]).to_numpy()
    if "ace" in tabellen:
        uit["ace"] = uit["ouder_id"].map(ace_per_ouder(tabellen["ace"])).astype(float)
    else:
        uit["ace"] = np.nan
    if "auditc" in tabellen:
        drinken = scoring_ouders.auditc_scores(tabellen["auditc"])[[*SLEUTEL, "risicovol_drinken", "risicovol_drinken_partner"]]
        drinken = drinken.rename(columns={"risicovol_drinken": "alcohol", "risicovol_drinken_partner": "alcohol_partner"})
        uit = uit.merge(drinken, on=SLEUTEL, how="left")
    else:
        uit["alcohol"] = uit["alcohol_partner"] = np.nan
    uit = uit[[*SLEUTEL, *FACTOREN]]
    uit["aantal"] = aantal_risicofactoren(uit[FACTOREN])
    uit["cumulatie"] = cumulatie(uit[FACTOREN])
    return uit.reset_index(drop=True)
