"""Scoring of the parents' instruments beyond violence (report §2.5.2-§2.5.5, hoofdstuk 5 and 9).

Every rule is a named constant read from the codebook (``regels`` in ``codeboek/kern.yaml``) or
a small function whose docstring cites the report section it implements. Nothing here reads
published values. Violence (CTS2/CTSPC) is scored in :mod:`analysis.scoring`, the seven risk
factors in :mod:`analysis.risicofactoren`.

Conventions:

* Input is one instrument table of the snapshot (one row per parent and wave, or per reference
  parent): the item columns of the codebook plus identifying columns (``ouder_id``, ``meting``).
  Functions that return a frame keep the identifying columns (every column that is not an item
  of the instrument), in the input's row order.
* Missing item answers follow the codebook rule ``ontbrekende_items_max_aandeel``
  (:func:`schaalscore`): a scale is prorated when at most that share of its items is missing,
  otherwise its score is missing (NaN).
* Yes/no outcomes (clinical, "getraumatiseerd", risky drinking, four or more ACE's) are floats:
  1.0 yes, 0.0 no, NaN unknown — so that means are shares and missing stays missing.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from analysis.codebook import load_codebook

_CB = load_codebook()

#: Largest share of a scale's items that may be missing for a (prorated) score (codebook rule;
#: the report does not say how missing answers were handled).
ONTBREKENDE_ITEMS_MAX_AANDEEL: float = float(_CB.regel("ontbrekende_items_max_aandeel"))

#: TSI T-score metric: T = gemiddelde + sd x (raw - norm mean) / norm sd (§2.5.3, TSI manual).
TSI_T_SCORE: dict[str, float] = {k: float(v) for k, v in _CB.regel("tsi_t_score").items()}
#: TSI norms per scale (raw-score mean and sd; PROVISIONAL placeholders, see the codebook).
TSI_NORMEN: dict[str, dict[str, float]] = {
    schaal: {k: float(v) for k, v in norm.items()} for schaal, norm in _CB.regel("tsi_normen").items()
}
#: A clinical TSI scale at or above this T-score is clinically elevated (§2.5.3, r. 1685-1689).
TSI_KLINISCH_T_MIN: float = float(_CB.regel("tsi_klinisch_t_min"))
#: Validity limits (§2.5.3, r. 2352-2357; provisional): ATR T, RL T and INC raw score.
TSI_VALIDITEIT: dict[str, float] = {k: float(v) for k, v in _CB.regel("tsi_validiteit").items()}
#: The item pairs of the INC scale (provisional placeholders, see the codebook).
TSI_INC_PAREN: list[tuple[int, int]] = [tuple(p) for p in _CB.regel("tsi_inc_paren")]
#: TSI scales in the codebook's order: the ten clinical scales, then the validity scales with items.
TSI_KLINISCHE_SCHALEN: list[str] = [s["code"] for s in _CB.instrument("tsi")["schalen"] if s["klinisch"]]
TSI_VALIDITEITSSCHALEN: list[str] = [
    s["code"] for s in _CB.instrument("tsi")["schalen"] if not s["klinisch"] and s["code"] != "inconsistente_antwoorden"
]

#: Audit-C question 1 class → drinking days per week; question 2 class → glasses per day (§2.5.5).
AUDITC_KEREN_PER_WEEK: dict[int, float] = {int(k): float(v) for k, v in _CB.regel("auditc_keren_per_week").items()}
AUDITC_GLAZEN_PER_KEER: dict[int, float] = {int(k): float(v) for k, v in _CB.regel("auditc_glazen_per_keer").items()}
#: Risky drinking: more than this many glasses a week (§2.5.5, r. 1707-1717, 2050-2053).
RISICO_ALCOHOL_GLAZEN_MEER_DAN: float = float(_CB.regel("risico_alcohol_glazen_meer_dan"))

#: Childhood trauma as a risk factor: at least this many ACE's (§2.5.5, r. 2043-2045; Tabel 3.6).
RISICO_ACE_MIN: int = int(_CB.regel("risico_ace_min"))

#: MANSA: mean satisfaction on ``schaal`` (1-7) mapped linearly to a report mark on ``cijfer`` (1-10) (§5.5).
MANSA_RAPPORTCIJFER: dict[str, list[float]] = {k: [float(x) for x in v] for k, v in _CB.regel("mansa_rapportcijfer").items()}

#: Score function per instrument ("som" or "gemiddelde"; codebook rules ``<instrument>_score``, §2.5.2/§2.5.4).
SCOREFUNCTIE: dict[str, str] = {
    "ace": _CB.regel("ace_score"),
    "nosik": _CB.regel("nosik_score"),
    "nosi_competentie": _CB.regel("nosi_competentie_score"),
    "ppq_warmte": _CB.regel("ppq_warmte_score"),
    "mpf33_autonomie": _CB.regel("mpf33_autonomie_score"),
    "mansa": "gemiddelde",  # the mean satisfaction, before the report-mark rule (mansa_rapportcijfer)
}


# -- missing items ---------------------------------------------------------------------------------
def max_ontbrekend(n_items: int) -> int:
    """How many of ``n_items`` may be missing for a score: ⌊share × n⌋ (rule
    ``ontbrekende_items_max_aandeel``; 1 of 7 or 9 items, 2 of 12, 5 of 25, 0 of a single item)."""
    return int(math.floor(ONTBREKENDE_ITEMS_MAX_AANDEEL * n_items + 1e-9))


def schaalscore(items: pd.DataFrame, functie: str) -> pd.Series:
    """Sum ("som") or mean ("gemiddelde") of the item columns per row, with the missing-item rule.

    With at most :func:`max_ontbrekend` items missing, a sum is prorated (mean of the answered
    items × number of items) and a mean is taken over the answered items; with more missing the
    score is NaN (codebook rule ``ontbrekende_items_max_aandeel``).
    """
    if functie not in ("som", "gemiddelde"):
        raise ValueError(f"onbekende scorefunctie: {functie!r}")
    waarden = items.to_numpy(dtype=float, na_value=np.nan)
    n_items = waarden.shape[1]
    beantwoord = np.sum(~np.isnan(waarden), axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        gemiddelde = np.nansum(waarden, axis=1) / beantwoord
    score = gemiddelde * n_items if functie == "som" else gemiddelde
    score = np.where(n_items - beantwoord <= max_ontbrekend(n_items), score, np.nan)
    return pd.Series(score, index=items.index, dtype=float)


def _kolommen(instrument: str, subschaal: str | None = None, perspectief: str | None = None) -> list[str]:
    items = _CB.items(instrument)
    if subschaal is not None:
        items = items[items["subschaal"] == subschaal]
    if perspectief is not None:
        items = items[items["perspectief"] == perspectief]
    return list(items["kolom"])


def _id_kolommen(frame: pd.DataFrame, instrument: str) -> list[str]:
    """The identifying columns of an instrument table: every column that is not an item."""
    items = set(_CB.items(instrument)["kolom"])
    return [k for k in frame.columns if k not in items]


def instrumentscore(frame: pd.DataFrame, instrument: str, subschaal: str | None = None) -> pd.Series:
    """The score of an instrument (or one of its subscales) per row with the instrument's score
    function (:data:`SCOREFUNCTIE`, default "som") and the missing-item rule."""
    functie = SCOREFUNCTIE.get(instrument, "som")
    return schaalscore(frame[_kolommen(instrument, subschaal)], functie)


# -- ACE (§2.5.2) -----------------------------------------------------------------------------------
def ace_som(ace: pd.DataFrame) -> pd.Series:
    """Number of ACE's: the yes answers to the ten questions, 0-10 (rule ``ace_score``, §2.5.2,
    r. 1584-1594); prorated with the missing-item rule (at most two of ten missing)."""
    return instrumentscore(ace, "ace")


def vier_of_meer_aces(som: pd.Series) -> pd.Series:
    """Four or more ACE's (risk factor jeugdtrauma, §2.5.5 r. 2043-2045, Tabel 3.6; rule
    ``risico_ace_min``): 1.0 / 0.0, NaN where the number is unknown."""
    return _ja_nee(som >= RISICO_ACE_MIN, som)


def ace_scores(ace: pd.DataFrame) -> pd.DataFrame:
    """Per row of the ACE table (T0): its id columns, ``ace_som`` and ``ace_vier_of_meer``."""
    uit = ace[_id_kolommen(ace, "ace")].copy()
    uit["ace_som"] = ace_som(ace)
    uit["ace_vier_of_meer"] = vier_of_meer_aces(uit["ace_som"])
    return uit


# -- TSI (§2.5.3) -----------------------------------------------------------------------------------
def tsi_ruwe_scores(tsi: pd.DataFrame) -> pd.DataFrame:
    """Raw scale scores (sums of the 0-3 answers) of the ten clinical scales and the validity
    scales ATR and RL, one column per scale code, prorated with the missing-item rule (§2.5.3)."""
    return pd.DataFrame(
        {schaal: schaalscore(tsi[_kolommen("tsi", schaal)], "som") for schaal in [*TSI_KLINISCHE_SCHALEN, *TSI_VALIDITEITSSCHALEN]},
        index=tsi.index,
    )


def tsi_t_score(ruw: pd.Series, schaal: str) -> pd.Series:
    """T-score of one TSI scale: 50 + 10 × (raw − norm mean) / norm sd (rules ``tsi_t_score`` and
    ``tsi_normen``; TSI manual, American norms, §2.5.3 r. 1685-1689)."""
    norm = TSI_NORMEN[schaal]
    return TSI_T_SCORE["gemiddelde"] + TSI_T_SCORE["sd"] * (ruw.astype(float) - norm["gemiddelde"]) / norm["sd"]


def tsi_inconsistentie(tsi: pd.DataFrame) -> pd.Series:
    """INC validity scale: the sum of the absolute differences within the item pairs of
    ``tsi_inc_paren`` (§2.5.3); pairs with a missing answer are left out and the sum prorated
    over the ten pairs under the missing-item rule (NaN when more pairs are missing)."""
    kolom = "tsi_{:03d}".format
    verschillen = pd.DataFrame(
        {f"paar_{a}_{b}": (tsi[kolom(a)].astype(float) - tsi[kolom(b)].astype(float)).abs() for a, b in TSI_INC_PAREN},
        index=tsi.index,
    )
    return schaalscore(verschillen, "som")


def tsi_geldig(t_atr: pd.Series, t_rl: pd.Series, inc: pd.Series) -> pd.Series:
    """Whether a TSI list is valid (rule ``tsi_validiteit``; the report leaves invalid lists out,
    r. 2352-2357): ATR T below its limit, RL T below its limit and INC below its limit. A list
    whose validity scales cannot be scored (too many missing items) counts as not valid."""
    geldig = (
        (t_atr < TSI_VALIDITEIT["atypische_antwoorden_t_min"])
        & (t_rl < TSI_VALIDITEIT["antwoordniveau_t_min"])
        & (inc < TSI_VALIDITEIT["inconsistente_antwoorden_min"])
    )
    return geldig & t_atr.notna() & t_rl.notna() & inc.notna()


def tsi_klinisch(t: pd.Series) -> pd.Series:
    """A clinical TSI scale is clinically elevated at T ≥ ``tsi_klinisch_t_min`` (65; §2.5.3):
    1.0 / 0.0, NaN where the T-score is missing."""
    return _ja_nee(t >= TSI_KLINISCH_T_MIN, t)


def getraumatiseerd(klinisch: pd.DataFrame) -> pd.Series:
    """"Getraumatiseerd" (§2.5.3, Figuur 5.1): clinically elevated on at least one clinical scale.
    1.0 if any scale is clinical; 0.0 if every scale is known and none is; NaN otherwise."""
    iets = (klinisch == 1.0).any(axis=1)
    alles_bekend = klinisch.notna().all(axis=1)
    return pd.Series(np.where(iets, 1.0, np.where(alles_bekend, 0.0, np.nan)), index=klinisch.index)


def tsi_scores(tsi: pd.DataFrame) -> pd.DataFrame:
    """Everything of the TSI per row: the id columns; one T-score column per clinical scale (named
    by the scale's code; NaN for an invalid list); ``tsi_geldig``; ``getraumatiseerd`` (1.0/0.0,
    NaN for an invalid list); the validity scores ``t_atypische_antwoorden``, ``t_antwoordniveau``
    and ``inconsistente_antwoorden``; and per clinical scale ``klinisch_<schaal>`` (§2.5.3, hfst. 5)."""
    ruw = tsi_ruwe_scores(tsi)
    t = pd.DataFrame({s: tsi_t_score(ruw[s], s) for s in ruw.columns}, index=tsi.index)
    inc = tsi_inconsistentie(tsi)
    geldig = tsi_geldig(t["atypische_antwoorden"], t["antwoordniveau"], inc)
    klinisch_t = t[TSI_KLINISCHE_SCHALEN].where(geldig, np.nan)
    klinisch = pd.DataFrame({s: tsi_klinisch(klinisch_t[s]) for s in TSI_KLINISCHE_SCHALEN}, index=tsi.index)
    uit = tsi[_id_kolommen(tsi, "tsi")].copy()
    uit[TSI_KLINISCHE_SCHALEN] = klinisch_t
    uit["tsi_geldig"] = geldig.to_numpy()
    uit["getraumatiseerd"] = getraumatiseerd(klinisch).where(geldig, np.nan)
    uit["t_atypische_antwoorden"] = t["atypische_antwoorden"]
    uit["t_antwoordniveau"] = t["antwoordniveau"]
    uit["inconsistente_antwoorden"] = inc
    for s in TSI_KLINISCHE_SCHALEN:
        uit[f"klinisch_{s}"] = klinisch[s]
    return uit


# -- parenting (§2.5.4, Tabel 5.1) ---------------------------------------------------------------------
def opvoedstress(nosik: pd.DataFrame) -> pd.Series:
    """NOSI-K parenting stress: sum of the 25 items, 25-150, higher = more stress (§2.5.4, Tabel 5.1)."""
    return instrumentscore(nosik, "nosik")


def competentie(nosi_competentie: pd.DataFrame) -> pd.Series:
    """NOSI competence: sum of the 13 items, 13-78, higher = less competent (§2.5.4, Tabel 5.1)."""
    return instrumentscore(nosi_competentie, "nosi_competentie")


def warmte(ppq_warmte: pd.DataFrame) -> pd.Series:
    """PPQ warmth and involvement: mean of the 11 items, 1-5 (§2.5.4, Tabel 5.1)."""
    return instrumentscore(ppq_warmte, "ppq_warmte")


def autonomie(mpf33_autonomie: pd.DataFrame) -> pd.Series:
    """MPF33 autonomy: mean of the 7 items, 1-4, higher = more encouragement of independence (§2.5.4)."""
    return instrumentscore(mpf33_autonomie, "mpf33_autonomie")


# -- wellbeing (§2.5.3, §5.5) -----------------------------------------------------------------------
def mansa_rapportcijfer(gemiddelde: pd.Series) -> pd.Series:
    """Quality of life as a report mark (§5.5, Figuur 5.3; rule ``mansa_rapportcijfer``): the mean
    satisfaction (1-7) mapped linearly onto 1-10: cijfer = 1 + (gemiddelde − 1) × 9/6."""
    (s0, s1), (c0, c1) = MANSA_RAPPORTCIJFER["schaal"], MANSA_RAPPORTCIJFER["cijfer"]
    return c0 + (gemiddelde.astype(float) - s0) * (c1 - c0) / (s1 - s0)


def kwaliteit_van_leven(mansa: pd.DataFrame) -> pd.Series:
    """MANSA quality of life per row as a report mark 1-10 (mean of the twelve satisfaction items
    under the missing-item rule, then :func:`mansa_rapportcijfer`; §2.5.3, §5.5)."""
    return mansa_rapportcijfer(instrumentscore(mansa, "mansa"))


def veiligheidsbeleving(veiligheid: pd.DataFrame) -> pd.Series:
    """The parent's sense of safety: the report mark 1-10 of the single question (§5.5, Figuur 5.3);
    NaN when it is missing."""
    return veiligheid[_kolommen("veiligheid")[0]].astype(float)


# -- alcohol (§2.5.5) -------------------------------------------------------------------------------
def glazen_per_week(frequentie: pd.Series, hoeveelheid: pd.Series) -> pd.Series:
    """Glasses per week from Audit-C questions 1 (how often, class 0-4) and 2 (glasses per
    occasion, class 0-4): drinking days per week × glasses per day (rules
    ``auditc_keren_per_week`` and ``auditc_glazen_per_keer``; §2.5.5 r. 1707-1717, range 0-80).
    Never drinking (class 0) is 0 glasses whatever question 2 says; otherwise NaN when either
    answer is missing."""
    keren = frequentie.astype(float).map(AUDITC_KEREN_PER_WEEK)
    glazen = keren * hoeveelheid.astype(float).map(AUDITC_GLAZEN_PER_KEER)
    return glazen.where(keren != 0, 0.0).where(keren.notna(), np.nan).astype(float)


def risicovol_drinken(glazen: pd.Series) -> pd.Series:
    """Risky drinking: more than ``risico_alcohol_glazen_meer_dan`` (8) glasses a week (§2.5.5,
    r. 1707-1717, 2050-2053; norm of the addiction care): 1.0 / 0.0, NaN when unknown."""
    return _ja_nee(glazen > RISICO_ALCOHOL_GLAZEN_MEER_DAN, glazen)


def auditc_scores(auditc: pd.DataFrame) -> pd.DataFrame:
    """Per row of the Audit-C table: its id columns, ``glazen_per_week`` and
    ``glazen_per_week_partner`` and ``risicovol_drinken`` / ``risicovol_drinken_partner`` (§2.5.5:
    the parent's own drinking and that of the (ex-)partner as the parent reports it)."""
    uit = auditc[_id_kolommen(auditc, "auditc")].copy()
    for perspectief, achtervoegsel in (("zelf", ""), ("partner", "_partner")):
        glazen = glazen_per_week(auditc[f"auditc_1_{perspectief}"], auditc[f"auditc_2_{perspectief}"])
        uit[f"glazen_per_week{achtervoegsel}"] = glazen
        uit[f"risicovol_drinken{achtervoegsel}"] = risicovol_drinken(glazen)
    return uit


# -- everything per parent and wave ------------------------------------------------------------------
#: Score column per instrument table of :func:`scores_ouders` (besides TSI and Audit-C).
_SCHAALSCORES = {
    "nosik": ("opvoedstress", opvoedstress),
    "nosi_competentie": ("competentie", competentie),
    "ppq_warmte": ("warmte", warmte),
    "mpf33_autonomie": ("autonomie", autonomie),
    "mansa": ("kwaliteit_van_leven", kwaliteit_van_leven),
    "veiligheid": ("veiligheid", veiligheidsbeleving),
}
SLEUTEL = ["ouder_id", "meting"]


def scores_ouders(tabellen: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every parent score per parent and wave (hoofdstuk 5 and 9), one row per (ouder_id, meting)
    that occurs in any of the instrument tables:

    the TSI columns of :func:`tsi_scores` (T-score per clinical scale, ``tsi_geldig``,
    ``getraumatiseerd``, ...); ``opvoedstress``, ``competentie``, ``warmte``, ``autonomie``;
    ``kwaliteit_van_leven`` and ``veiligheid`` (report marks 1-10); the Audit-C columns of
    :func:`auditc_scores`; and ``ace_som`` / ``ace_vier_of_meer`` on the T0 rows. Missing tables
    give missing columns' values (NaN)."""
    delen: list[pd.DataFrame] = []
    if "tsi" in tabellen:
        delen.append(tsi_scores(tabellen["tsi"]))
    for tabel, (kolom, functie) in _SCHAALSCORES.items():
        if tabel in tabellen:
            frame = tabellen[tabel]
            delen.append(frame[SLEUTEL].assign(**{kolom: functie(frame).to_numpy()}))
    if "auditc" in tabellen:
        delen.append(auditc_scores(tabellen["auditc"]))
    if "ace" in tabellen:
        delen.append(ace_scores(tabellen["ace"])[[*SLEUTEL, "ace_som", "ace_vier_of_meer"]])
    if not delen:
        return pd.DataFrame(columns=SLEUTEL)
    uit = delen[0]
    for deel in delen[1:]:
        uit = uit.merge(deel, on=SLEUTEL, how="outer")
    return uit.sort_values(SLEUTEL, kind="stable").reset_index(drop=True)


def scores_referentie(tabellen: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The reference group's parent scores (measured once, §2.6), scored exactly like the study's
    parents: one row per ``ouder_id`` with the TSI columns of :func:`tsi_scores` and
    ``opvoedstress`` (NOSI-K). Missing tables give an empty frame or NaN columns."""
    delen: list[pd.DataFrame] = []
    if "referentie_tsi" in tabellen:
        delen.append(tsi_scores(tabellen["referentie_tsi"]))
    if "referentie_nosik" in tabellen:
        frame = tabellen["referentie_nosik"]
        delen.append(frame[["ouder_id"]].assign(opvoedstress=opvoedstress(frame).to_numpy()))
    if not delen:
        return pd.DataFrame(columns=["ouder_id", "getraumatiseerd", *TSI_KLINISCHE_SCHALEN, "opvoedstress"])
    uit = delen[0]
    for deel in delen[1:]:
        uit = uit.merge(deel, on="ouder_id", how="outer")
    for kolom in ["getraumatiseerd", *TSI_KLINISCHE_SCHALEN, "opvoedstress"]:
        if kolom not in uit.columns:
            uit[kolom] = np.nan
    return uit.sort_values("ouder_id", kind="stable").reset_index(drop=True)


def _ja_nee(voorwaarde: pd.Series, waarde: pd.Series) -> pd.Series:
    """1.0 where the condition holds, 0.0 where not, NaN where ``waarde`` is missing."""
    return pd.Series(np.where(waarde.isna(), np.nan, voorwaarde.astype(float)), index=waarde.index, dtype=float)
