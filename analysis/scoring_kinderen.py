"""Scoring of the children's instruments (chapter 6, and the children's outcomes of chapters 7
and 8): attachment (Security Scale), emotional security (SIMS-PR, SIS), trauma (TSCYC, TSCC),
problem behaviour (ISRD-3/ESPAD) and quality of life (Kidscreen-27/-10).

INTERFACE (fixed; chapters 6, 7 and 8 are written against it). Every rule reads its constants
from the codebook's ``regels`` (``analysis/codeboek/kinderen.yaml``); each rule is one named
function with a docstring citing the report section.

``kind_scores(tabellen) -> DataFrame``: one row per child (``kinderen.kind_id``) and wave in which
any children's instrument about that child was filled in; columns (floats, NaN = not measured):

* ``kind_id, gezin_id, meting, geslacht`` ("meisje"/"jongen"), ``leeftijd`` (age at the wave,
  rule ``leeftijd_per_meting``);
* attachment, mean item score 1-5 (higher = more secure): ``hechting_door_moeder``,
  ``hechting_door_vader`` (the parent's Security Scale about this child), ``hechting_kind_over_moeder``,
  ``hechting_kind_over_vader`` (the child's own lists), ``veilig_gehecht`` (1/0; rule
  ``security_scale_onveilig_onder`` over every list about the child);
* emotional security, SUM score per subscale counted from 0 (rule ``emotionele_veiligheid_score``
  = "som_vanaf_0": the sum over the subscale's items of (answer − lowest answer of the scale),
  prorated under the missing-item rule; SIMS-PR items count 0-4, SIS items 0-3, so a subscale of
  k items runs from 0 to 4k / 3k, as Tabel 8.1 prints; higher = more insecure):
  ``eo_ouder_OA, eo_ouder_OI, eo_ouder_OER, eo_ouder_BD`` (SIMS-PR, mean over the parents' lists),
  ``eo_kind_OA, eo_kind_OI, eo_kind_OER, eo_kind_BD`` (SIS), ``emotioneel_onveilig`` (1/0; rule
  ``emotioneel_onveilig_sd``);
* trauma, T-scores of valid lists only: ``tscyc_<schaal>`` (mean over the parents' valid TSCYC) and
  ``tscc_<schaal>`` (the child's valid TSCC) for schaal in :data:`TRAUMA_SCHALEN`;
  ``trauma_<schaal>`` (mean of the available tscyc/tscc T of that scale: the family-level score
  of Figuur 6.6/8.4); ``getraumatiseerd`` (1/0; rule ``trauma_kind_combinatie``: any clinical
  scale on either list); ``ptss_klinisch`` (1/0; the PTSS scale clinical on either list);
* problem behaviour (child's own ISRD, 8+): ``isrd_<gedraging>`` (1/0 per behaviour of rule
  ``isrd_probleemgedragingen``), ``probleemgedrag_aantal``, ``probleemgedrag`` (1/0; rule
  ``isrd_probleemgedrag_boven`` with the norm of the child's age), ``agressief_gedrag`` (1/0; any of
  :data:`AGRESSIEF_GEDRAG`);
* quality of life, T-scores (rule ``kidscreen_score``): ``kidscreen_<domein>`` for domein in
  :data:`KIDSCREEN_DOMEINEN` (incl. ``kidscreen10`` = "algeheel welzijn").

``referentie_kind_scores(tabellen) -> DataFrame``: the same columns (without ``meting``;
``leeftijd`` from ``referentie_kinderen``) for the reference group (2012), one row per
reference child, from the ``referentie_*`` tables that exist (TSCYC, TSCC, SIMS-PR, SIS,
Security Scale child); columns of instruments the reference group did not fill in are NaN.

EXTRA COLUMNS (added to the interface, never replacing it): per informant the derived yes/no
outcomes, so chapters can show the parents' and the child's view separately —
``veilig_gehecht_ouder`` / ``veilig_gehecht_kind`` (Security Scale of the parents / of the child),
``emotioneel_onveilig_ouder`` / ``emotioneel_onveilig_kind`` (SIMS-PR / SIS),
``getraumatiseerd_tscyc`` / ``getraumatiseerd_tscc``; the validity of the trauma lists,
``tscyc_geldig`` (1 when at least one parent's TSCYC about the child is valid, 0 when lists exist
but none is valid) and ``tscc_geldig``; and the number of parents' lists ``n_lijsten_ouder``
(TSCYC, SIMS-PR or Security Scale, whichever is largest).

HOW REPORTS OF MOTHER, FATHER AND CHILD COMBINE INTO ONE CHILD SCORE

* Scores (means, T-scores): the parents' lists about a child are averaged per child and wave
  (``hechting_door_moeder`` is the mean over the child's mother figures' lists, normally one;
  ``eo_ouder_*`` and ``tscyc_*`` the mean over all parents' lists); the child's own list stays a
  column of its own. Only the trauma scales have a combined score: ``trauma_<schaal>`` = mean of
  ``tscyc_<schaal>`` and ``tscc_<schaal>`` where both exist, else the one that exists.
* Yes/no outcomes (``veilig_gehecht``, ``emotioneel_onveilig``, ``getraumatiseerd``,
  ``ptss_klinisch``) are decided PER LIST first — each parent's list and the child's list(s)
  separately, on that list's own norms — and then combined: the adverse outcome (insecurely
  attached, emotionally insecure, clinical) holds when ANY list shows it (codebook rules
  ``security_scale_onveilig_onder``, ``emotioneel_onveilig_sd``, ``trauma_kind_combinatie``); it
  is 0 when at least one list can be judged and none shows it; NaN when no list can be judged.
  Invalid trauma lists (rules ``tscyc_validiteit`` / ``tscc_validiteit``) are left out entirely.
* Which parent is mother or father: the parent's ``geslacht`` in ``ouders`` (``vrouw`` = moeder,
  ``man`` = vader); the child's own Security Scale has a list per perspective (vader/moeder).

ANALYSIS DECISIONS (where neither the report nor the codebook fixes a detail)

* Answers outside the answer scale of the item (or missing codes that slipped through) count as
  missing. Reversed items (``omgescoord: true``) are mirrored on the answer scale
  (min + max − answer; Kidscreen 6 − answer). The Security Scale has no reversed items in the
  codebook (placeholder); the mechanism is generic, so a reversed item added there is honoured.
* Missing items: the codebook rule ``ontbrekende_items_max_aandeel`` via
  :func:`analysis.scoring_ouders.schaalscore` (sums prorated, means over the answered items).
  For ISRD behaviours: a behaviour is 1 when any of its answered items is > 0, 0 when none is and
  at most :func:`~analysis.scoring_ouders.max_ontbrekend` of its items are missing, else NaN;
  the count of behaviours is a prorated sum over the behaviours that apply to the child's age.
* Boundaries: "onder" (Security Scale) is strictly below the cut-off; the emotional-insecurity
  cut-off "twee SD boven het gemiddelde" counts a score exactly at mean + 2 SD as insecure (>=);
  ISRD "boven" is strictly greater (codebook). Comparisons use a tolerance of 1e-9 so that item
  means that equal a cut-off mathematically are not flipped by floating point.
* A trauma list whose validity scales cannot be scored (too many missing items) is not valid
  (as :func:`analysis.scoring_ouders.tsi_geldig`). A valid list with a clinical scale is
  "getraumatiseerd" even when another scale is missing; it is 0 only when all six scales are known.
* ISRD items with ``leeftijd_min`` are ignored for children younger than that at the wave (the
  alcohol and drugs behaviours are then NaN, not 0, and the count runs over the other nine);
  the norm of rule ``isrd_norm_per_leeftijd`` is taken at the child's age clipped to the table's
  range (older than 18 → the 18 norm, as the codebook says; younger than 8 → the 8 norm).
* Rows: a (child, wave) gets a row when any table of :data:`INSTRUMENTTABELLEN` (the eight
  instruments above) has a list about it; the CTSPC kindversie (violence, :mod:`analysis.scoring`)
  and other child tables do not create rows. A parent whose ``geslacht`` is unknown counts in
  ``veilig_gehecht`` and the parents' means but in neither ``hechting_door_moeder`` nor ``_vader``.
* Ages: ``leeftijd`` = ``leeftijd_t0`` + years since T0 (rule ``leeftijd_per_meting``), rounded
  down; the reference group's ``leeftijd`` is its age at the single measurement.
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np
import pandas as pd

from analysis.codebook import load_codebook
from analysis.scoring_ouders import max_ontbrekend, schaalscore

_CB = load_codebook()

#: Trauma scales (TSCYC and TSCC share these names), in the order of Figuur 6.6.
TRAUMA_SCHALEN: dict[str, str] = {
    "posttraumatische_stress": "PTSS",
    "depressie": "Depressie",
    "angst": "Angst",
    "boosheid": "Woede",
    "dissociatie": "Dissociatie",
    "seksuele_problematiek": "Seksuele problemen",
}
#: Emotional security subscales (Figuur 6.4), higher = more insecure.
EO_SUBSCHALEN: dict[str, str] = {
    "OER": "Emotionele reactiviteit",
    "OI": "Openlijk bemoeien",
    "OA": "Openlijk vermijden",
    "BD": "Gedragsdisregulatie",
}
#: Kidscreen domains (Figuur 6.8), in the report's order; kidscreen10 = "algeheel welzijn".
KIDSCREEN_DOMEINEN: dict[str, str] = {
    "kidscreen10": "Algeheel welzijn",
    "lichamelijk_welzijn": "Fysiek welzijn",
    "psychisch_welbevinden": "Psychisch welzijn",
    "ouders_autonomie": "Ouders",
    "vrienden_steun": "Vrienden",
    "school": "School",
}
#: Aggressive and violent behaviour (§6.5, r. 4543): a subset of the ISRD problem behaviours.
AGRESSIEF_GEDRAG: tuple[str, ...] = ("vandalisme", "wapen_dragen", "vechtpartij", "iemand_in_elkaar_slaan", "bedreiging_om_geld")

#: Tolerance for comparisons with a cut-off (see "Boundaries" in the module docstring).
_EPS = 1e-9


def _norm(regel: str) -> dict[str, dict[str, float]]:
    return {k: {a: float(b) for a, b in v.items()} for k, v in _CB.regel(regel).items()}


def _sd_regel(regel: str) -> float:
    """The signed number of SD's of a rule spelled ``gemiddelde_min_<k>_sd`` / ``gemiddelde_plus_<k>_sd``."""
    waarde = str(_CB.regel(regel))
    m = re.fullmatch(r"gemiddelde_(min|plus)_(\d+(?:\.\d+)?)_sd", waarde)
    if m is None:
        raise ValueError(f"regel {regel}: onbekende waarde {waarde!r}")
    return (-1.0 if m.group(1) == "min" else 1.0) * float(m.group(2))


#: Years since T0 per wave (rule ``leeftijd_per_meting``, §2.3/§3.3).
LEEFTIJD_PER_METING: dict[str, float] = {k: float(v) for k, v in _CB.regel("leeftijd_per_meting").items()}

#: TSCYC / TSCC: T metric, norms per scale (raw sums; PROVISIONAL), clinical cut-off, validity (§2.5.3).
TSCYC_T_SCORE: dict[str, float] = {k: float(v) for k, v in _CB.regel("tscyc_t_score").items()}
TSCYC_NORMEN: dict[str, dict[str, float]] = _norm("tscyc_normen")
TSCYC_KLINISCH_T_MIN: float = float(_CB.regel("tscyc_klinisch_t_min"))
TSCYC_VALIDITEIT: dict[str, float] = {k: float(v) for k, v in _CB.regel("tscyc_validiteit").items()}
TSCC_T_SCORE: dict[str, float] = {k: float(v) for k, v in _CB.regel("tscc_t_score").items()}
TSCC_NORMEN: dict[str, dict[str, float]] = _norm("tscc_normen")
TSCC_KLINISCH_T_MIN: float = float(_CB.regel("tscc_klinisch_t_min"))
TSCC_VALIDITEIT: dict[str, float] = {k: float(v) for k, v in _CB.regel("tscc_validiteit").items()}
#: Rule ``trauma_kind_combinatie`` (§6.4): "ouder_of_kind" = clinical on the parent's or the child's list.
TRAUMA_KIND_COMBINATIE: str = str(_CB.regel("trauma_kind_combinatie"))

#: Security Scale norms per reporter ("ouder", "kind"; PROVISIONAL) and the cut-off in SD's (−1, §2.5.3).
SECURITY_SCALE_NORMEN: dict[str, dict[str, float]] = _norm("security_scale_normen")
SECURITY_SCALE_GRENS_SD: float = _sd_regel("security_scale_onveilig_onder")

#: Scoring of a SIMS-PR / SIS subscale (rule ``emotionele_veiligheid_score``): "som", "gemiddelde"
#: (the functions of :func:`analysis.scoring_ouders.schaalscore`) or "som_vanaf_0" / "gemiddelde_vanaf_0"
#: (the same over items counted from 0: answer − lowest answer of the scale).
EMOTIONELE_VEILIGHEID_SCORE: str = str(_CB.regel("emotionele_veiligheid_score"))
_EV_FUNCTIE, _, _EV_VANAF = EMOTIONELE_VEILIGHEID_SCORE.partition("_vanaf_")
if _EV_FUNCTIE not in ("som", "gemiddelde") or _EV_VANAF not in ("", "0"):  # pragma: no cover - codebook guard
    raise ValueError(f"emotionele_veiligheid_score: onbekende waarde {EMOTIONELE_VEILIGHEID_SCORE!r}")
#: True when the emotional-security items count from 0 (rule value ``..._vanaf_0``).
EMOTIONELE_VEILIGHEID_VANAF_0: bool = _EV_VANAF == "0"
#: SIMS-PR / SIS norms per subscale in the units of that rule (PROVISIONAL) and the insecurity rule
#: (§2.5.3, r. 1913-1920).
SIMS_PR_NORMEN: dict[str, dict[str, float]] = _norm("sims_pr_normen")
SIS_NORMEN: dict[str, dict[str, float]] = _norm("sis_normen")
EMOTIONEEL_ONVEILIG_SD: float = float(_CB.regel("emotioneel_onveilig_sd")["sd_boven_gemiddelde"])
EMOTIONEEL_ONVEILIG_SUBSCHALEN: list[str] = list(_CB.regel("emotioneel_onveilig_sd")["subschalen"])

#: ISRD: behaviour → item numbers; norm per age (PROVISIONAL); cut-off in SD's (+1, §2.5.5).
ISRD_PROBLEEMGEDRAGINGEN: dict[str, list[int]] = {k: [int(n) for n in v] for k, v in _CB.regel("isrd_probleemgedragingen").items()}
ISRD_NORM_PER_LEEFTIJD: dict[int, dict[str, float]] = {int(k): v for k, v in _norm("isrd_norm_per_leeftijd").items()}
ISRD_PROBLEEMGEDRAG_SD: float = _sd_regel("isrd_probleemgedrag_boven")

#: Kidscreen norms per domain (mean item score and SD; PROVISIONAL, §2.5.5/§6.6).
KIDSCREEN_NORMEN: dict[str, dict[str, float]] = _norm("kidscreen_normen")
#: The T metric of rule ``kidscreen_score`` ("T = 50 + 10 x (gemiddelde - normgemiddelde) / norm-sd").
KIDSCREEN_T_SCORE: dict[str, float] = {"gemiddelde": 50.0, "sd": 10.0}
if _CB.regel("kidscreen_score")["methode"] != "gemiddelde_naar_t":  # pragma: no cover - codebook guard
    raise ValueError("kidscreen_score: alleen methode gemiddelde_naar_t is geïmplementeerd")

#: Parent's ``geslacht`` in ``ouders`` → the parent's role for the child.
OUDER_ROL: dict[str, str] = {"vrouw": "moeder", "man": "vader"}


# -- items ----------------------------------------------------------------------------------------
@cache
def _itemspec(instrument: str) -> pd.DataFrame:
    """The codebook's item table of an instrument plus the item flags that ``Codebook.items``
    leaves out (``omgescoord``, ``kidscreen10``, ``leeftijd_min``) and the valid answer range."""
    spec = _CB.instrument(instrument)
    schaal = [int(k) for k in _CB.antwoordschaal(spec["antwoordschaal"])["waarden"]]
    extra = pd.DataFrame(
        [
            {
                "nr": int(item["nr"]),
                "omgescoord": bool(item.get("omgescoord", False)),
                "kidscreen10": bool(item.get("kidscreen10", False)),
                "leeftijd_min": float(item["leeftijd_min"]) if item.get("leeftijd_min") is not None else np.nan,
                "laagste": float(min(int(k) for k in item["antwoorden"])) if item.get("antwoorden") else float(min(schaal)),
                "hoogste": float(max(int(k) for k in item["antwoorden"])) if item.get("antwoorden") else float(max(schaal)),
            }
            for item in spec["items"]
        ]
    )
    return _CB.items(instrument).merge(extra, on="nr", how="left", validate="many_to_one")


def _kolommen(instrument: str, subschaal: str | None = None, perspectief: str | None = None, **vlag: bool) -> list[str]:
    return list(_kolommen_cache(instrument, subschaal, perspectief, tuple(sorted(vlag.items()))))


@cache
def _kolommen_cache(instrument: str, subschaal: str | None, perspectief: str | None, vlag: tuple) -> tuple[str, ...]:
    items = _itemspec(instrument)
    if subschaal is not None:
        items = items[items["subschaal"] == subschaal]
    if perspectief is not None:
        items = items[items["perspectief"] == perspectief]
    for naam, waarde in vlag:
        items = items[items[naam] == waarde]
    return tuple(items["kolom"])


def antwoorden(frame: pd.DataFrame, instrument: str) -> pd.DataFrame:
    """The item answers of an instrument table as floats, ready to score (§2.5.3-§2.5.5):
    answers outside the item's answer scale become NaN and reversed items (``omgescoord``) are
    mirrored on their scale (Kidscreen: 6 − answer, rule ``kidscreen_score``)."""
    spec = _itemspec(instrument)
    waarden = frame[list(spec["kolom"])].to_numpy(dtype=float, na_value=np.nan)
    laag = spec["laagste"].to_numpy()
    hoog = spec["hoogste"].to_numpy()
    with np.errstate(invalid="ignore"):
        geldig = (waarden >= laag) & (waarden <= hoog) & (waarden == np.round(waarden))
    waarden = np.where(geldig, waarden, np.nan)
    om = spec["omgescoord"].to_numpy()
    waarden[:, om] = (laag + hoog)[om] - waarden[:, om]
    return pd.DataFrame(waarden, index=frame.index, columns=list(spec["kolom"]))


def _deel(items: pd.DataFrame, kolommen: list[str]) -> pd.DataFrame:
    """The given columns of an answer frame of :func:`antwoorden` (fast positional selection)."""
    positie = {k: i for i, k in enumerate(items.columns)}
    return pd.DataFrame(items.to_numpy()[:, [positie[k] for k in kolommen]], index=items.index, columns=kolommen)


def _ja_nee(voorwaarde: pd.Series | np.ndarray, waarde: pd.Series) -> pd.Series:
    """1.0 where the condition holds, 0.0 where not, NaN where ``waarde`` is missing."""
    return pd.Series(np.where(waarde.isna(), np.nan, np.asarray(voorwaarde, dtype=float)), index=waarde.index, dtype=float)


def _een_van(vlaggen: pd.DataFrame) -> pd.Series:
    """1.0 if any column is 1; 0.0 if all columns are known and none is 1; NaN otherwise."""
    iets = (vlaggen == 1.0).any(axis=1)
    alles = vlaggen.notna().all(axis=1)
    return pd.Series(np.where(iets, 1.0, np.where(alles, 0.0, np.nan)), index=vlaggen.index, dtype=float)


# -- age (§2.3, §3.3) -----------------------------------------------------------------------------
def leeftijd_per_meting(leeftijd_t0: pd.Series, meting: pd.Series) -> pd.Series:
    """Age in whole years at a wave: age at T0 plus the years since T0 (rule
    ``leeftijd_per_meting``: T1 +1, T2 +1.5), rounded down (§2.3, §3.3)."""
    plus = meting.astype(str).map(LEEFTIJD_PER_METING).astype(float)
    return np.floor(leeftijd_t0.astype(float) + plus + _EPS)


# -- trauma (§2.5.3, §6.4) ---------------------------------------------------------------------------
def t_score(ruw: pd.Series, norm: dict[str, float], metriek: dict[str, float]) -> pd.Series:
    """T = metric mean + metric sd × (raw − norm mean) / norm sd (§2.5.3, §2.5.5)."""
    return metriek["gemiddelde"] + metriek["sd"] * (ruw.astype(float) - norm["gemiddelde"]) / norm["sd"]


def _trauma_t_scores(frame: pd.DataFrame, instrument: str, normen: dict, metriek: dict) -> pd.DataFrame:
    items = antwoorden(frame, instrument)
    return pd.DataFrame(
        {
            schaal: t_score(schaalscore(_deel(items, _kolommen(instrument, schaal)), "som"), normen[schaal], metriek)
            for schaal in normen
        },
        index=frame.index,
    )


def tscyc_t_scores(tscyc: pd.DataFrame) -> pd.DataFrame:
    """TSCYC (parent about a child of 3-12): per scale — the six clinical scales and the validity
    scales ``responsniveau`` and ``atypische_antwoorden`` — the raw sum of the 0-3 answers (prorated
    under the missing-item rule) as a T-score with the Dutch norms (rules ``tscyc_t_score``,
    ``tscyc_normen``; §2.5.3, r. 1932-1940)."""
    return _trauma_t_scores(tscyc, "tscyc", TSCYC_NORMEN, TSCYC_T_SCORE)


def tscyc_geldig(t: pd.DataFrame) -> pd.Series:
    """A TSCYC list is valid (rule ``tscyc_validiteit``; invalid lists are left out, r. 2352-2357)
    when RL T < 70 and ATR T < 90; a list whose validity scales cannot be scored is not valid."""
    rl, atr = t["responsniveau"], t["atypische_antwoorden"]
    return (
        (rl < TSCYC_VALIDITEIT["responsniveau_t_min"] - _EPS)
        & (atr < TSCYC_VALIDITEIT["atypische_antwoorden_t_min"] - _EPS)
        & rl.notna()
        & atr.notna()
    )


def tscyc_klinisch(t: pd.DataFrame) -> pd.DataFrame:
    """Per clinical TSCYC scale 1.0 when T ≥ ``tscyc_klinisch_t_min`` (70; §2.5.3), 0.0 below, NaN unknown."""
    return pd.DataFrame({s: _ja_nee(t[s] >= TSCYC_KLINISCH_T_MIN - _EPS, t[s]) for s in TRAUMA_SCHALEN}, index=t.index)


def tscc_t_scores(tscc: pd.DataFrame) -> pd.DataFrame:
    """TSCC (child 8-18 about itself): per scale — the six clinical scales and the validity scales
    ``onderrapportage`` (UND) and ``hyperrespons`` (HYP) — the prorated raw sum as a T-score with the
    American norms (rules ``tscc_t_score``, ``tscc_normen``; §2.5.3, r. 1937-1940)."""
    return _trauma_t_scores(tscc, "tscc", TSCC_NORMEN, TSCC_T_SCORE)


def tscc_geldig(t: pd.DataFrame) -> pd.Series:
    """A TSCC list is valid (rule ``tscc_validiteit``, r. 2352-2357) when UND T < 70 and HYP T < 90;
    a list whose validity scales cannot be scored is not valid."""
    und, hyp = t["onderrapportage"], t["hyperrespons"]
    return (
        (und < TSCC_VALIDITEIT["onderrapportage_t_min"] - _EPS)
        & (hyp < TSCC_VALIDITEIT["hyperrespons_t_min"] - _EPS)
        & und.notna()
        & hyp.notna()
    )


def tscc_klinisch(t: pd.DataFrame) -> pd.DataFrame:
    """Per clinical TSCC scale 1.0 when T ≥ ``tscc_klinisch_t_min`` (65; §2.5.3), 0.0 below, NaN unknown."""
    return pd.DataFrame({s: _ja_nee(t[s] >= TSCC_KLINISCH_T_MIN - _EPS, t[s]) for s in TRAUMA_SCHALEN}, index=t.index)


def getraumatiseerd_lijst(klinisch: pd.DataFrame, geldig: pd.Series) -> pd.Series:
    """One valid trauma list: 1.0 with at least one clinical scale, 0.0 when all six are known and
    none is clinical, NaN otherwise and for an invalid list (§6.4, r. 4460-4462, footnote 8)."""
    return _een_van(klinisch[list(TRAUMA_SCHALEN)]).where(geldig, np.nan)


def getraumatiseerd_kind(per_lijst: pd.DataFrame, sleutel: list[str], kolom: str = "getraumatiseerd") -> pd.Series:
    """Rule ``trauma_kind_combinatie`` (§6.4, r. 4460-4462: 'op basis van ouder- en kindgegevens'):
    a child is traumatised when ANY valid list about it — the TSCC of the child or the TSCYC of
    either parent — is clinical (1.0); 0.0 when at least one valid list is judged and none is;
    NaN without a judged list. ``per_lijst`` has the key columns and ``kolom`` (1/0/NaN per list)."""
    if TRAUMA_KIND_COMBINATIE != "ouder_of_kind":  # pragma: no cover - codebook guard
        raise ValueError(f"trauma_kind_combinatie: onbekende waarde {TRAUMA_KIND_COMBINATIE!r}")
    return _elke_lijst(per_lijst, sleutel, kolom)


def _elke_lijst(per_lijst: pd.DataFrame, sleutel: list[str], kolom: str) -> pd.Series:
    """Per key: 1.0 if any list has 1, 0.0 if any has 0 (and none 1), NaN if all are NaN (max)."""
    return per_lijst.groupby(sleutel, sort=True, observed=True)[kolom].max()


# -- attachment (§2.5.3, §6.2) ------------------------------------------------------------------------
def security_scale_score(frame: pd.DataFrame, instrument: str, perspectief: str | None = None) -> pd.Series:
    """Security Scale: the mean item score (1-5, higher = more secure) of the 15 items of one list
    (rule ``security_scale_score``; §2.5.3, r. 1994-2013; r. 4419), under the missing-item rule.
    ``instrument`` is ``security_scale_ouder`` or ``security_scale_kind`` (then ``perspectief``
    vader/moeder picks the list)."""
    items = antwoorden(frame, instrument)
    return schaalscore(_deel(items, _kolommen(instrument, perspectief=perspectief)), "gemiddelde")


def security_scale_grens(rapporteur: str) -> float:
    """Cut-off of the Security Scale for ``rapporteur`` ("ouder" or "kind"): norm mean − 1 SD of
    the Dutch non-clinical population (rules ``security_scale_normen``,
    ``security_scale_onveilig_onder``; §2.5.3, r. 2007-2013)."""
    norm = SECURITY_SCALE_NORMEN[rapporteur]
    return norm["gemiddelde"] + SECURITY_SCALE_GRENS_SD * norm["sd"]


def onveilig_gehecht(score: pd.Series, rapporteur: str) -> pd.Series:
    """One Security Scale list: 1.0 when the score lies strictly below :func:`security_scale_grens`
    (insecurely attached, §2.5.3 r. 2007-2013), 0.0 at or above it, NaN without a score."""
    return _ja_nee(score < security_scale_grens(rapporteur) - _EPS, score)


def veilig_gehecht(per_lijst: pd.DataFrame, sleutel: list[str]) -> pd.Series:
    """Per child and wave: securely attached (1.0) when none of the lists about the child — parent
    about child, child about father, child about mother — is below the cut-off; 0.0 when one is;
    NaN without a scored list (rule ``security_scale_onveilig_onder``; §2.5.3, r. 4378-4379).
    ``per_lijst`` has the key columns and ``onveilig`` (1/0/NaN per list)."""
    return 1.0 - _elke_lijst(per_lijst, sleutel, "onveilig")


# -- emotional security (§2.5.3, §6.3) ------------------------------------------------------------------
def emotionele_veiligheid_scores(frame: pd.DataFrame, instrument: str) -> pd.DataFrame:
    """SIMS-PR (parent, answers 1-5) or SIS (child, answers 1-4): per subscale the sum over its
    items of (answer − lowest answer of the scale), so items count 0-4 / 0-3 and a subscale of k
    items runs from 0 to 4k / 3k; higher = more insecure (rule ``emotionele_veiligheid_score`` =
    "som_vanaf_0"; §2.5.3, r. 1913-1920; Tabel 8.1 prints such sums, r. 6012-6037). With at most
    the allowed share of items missing the sum is prorated (mean of the answered items × number
    of items), else NaN."""
    items = antwoorden(frame, instrument)
    if EMOTIONELE_VEILIGHEID_VANAF_0:
        items = items - _itemspec(instrument)["laagste"].to_numpy()
    schalen = [s["code"] for s in _CB.instrument(instrument)["schalen"]]
    return pd.DataFrame({s: schaalscore(_deel(items, _kolommen(instrument, s)), _EV_FUNCTIE) for s in schalen}, index=frame.index)


def emotioneel_onveilig_lijst(scores: pd.DataFrame, normen: dict[str, dict[str, float]]) -> pd.Series:
    """One SIMS-PR or SIS list: 1.0 when at least one of the subscales of rule
    ``emotioneel_onveilig_sd`` (OA, OI, OER, BD) is at or above norm mean + 2 SD of the normal
    population (``sims_pr_normen`` / ``sis_normen``; §2.5.3, r. 1913-1920), 0.0 when all four are
    known and below, NaN otherwise."""
    vlaggen = pd.DataFrame(
        {
            s: _ja_nee(scores[s] >= normen[s]["gemiddelde"] + EMOTIONEEL_ONVEILIG_SD * normen[s]["sd"] - _EPS, scores[s])
            for s in EMOTIONEEL_ONVEILIG_SUBSCHALEN
        },
        index=scores.index,
    )
    return _een_van(vlaggen)


def emotioneel_onveilig(per_lijst: pd.DataFrame, sleutel: list[str]) -> pd.Series:
    """Per child and wave: emotionally insecure (1.0) when the SIS or the SIMS-PR of either parent
    is insecure, 0.0 when at least one list is judged and none is, NaN otherwise (rule
    ``emotioneel_onveilig_sd``: parents' and child's data together, §6.3 r. 4426-4427)."""
    return _elke_lijst(per_lijst, sleutel, "onveilig")


# -- problem behaviour (§2.5.5, §6.5) ------------------------------------------------------------------
def isrd_gedragingen(isrd: pd.DataFrame, leeftijd: pd.Series) -> pd.DataFrame:
    """The eleven problem behaviours of rule ``isrd_probleemgedragingen`` (§2.5.5, r. 2023-2026;
    §6.5, r. 4490-4495), 1.0/0.0/NaN per row: 1 when any of the behaviour's answered items is > 0 in
    the past year; 0 when none is and at most :func:`max_ontbrekend` of its items are missing;
    NaN otherwise. Items with ``leeftijd_min`` (alcohol, drugs: 12+) are not asked of younger
    children (``leeftijd`` = age at the wave): their behaviours are NaN for them."""
    items = antwoorden(isrd, "isrd")
    spec = _itemspec("isrd").set_index("nr")
    leeftijd = leeftijd.astype(float).to_numpy()
    uit = {}
    for gedraging, nrs in ISRD_PROBLEEMGEDRAGINGEN.items():
        waarden = _deel(items, [spec.at[n, "kolom"] for n in nrs]).to_numpy()
        gevraagd = ~(leeftijd < _leeftijd_min(gedraging))  # NaN age: asked
        iets = np.nansum(waarden > 0, axis=1) > 0
        ontbrekend = np.isnan(waarden).sum(axis=1)
        waarde = np.where(iets, 1.0, np.where(ontbrekend <= max_ontbrekend(len(nrs)), 0.0, np.nan))
        uit[gedraging] = np.where(gevraagd, waarde, np.nan)
    return pd.DataFrame(uit, index=isrd.index)


@cache
def _leeftijd_min(gedraging: str) -> float:
    """The youngest age a behaviour's items are asked at (their ``leeftijd_min``; -inf: always)."""
    spec = _itemspec("isrd").set_index("nr")
    minima = spec.loc[ISRD_PROBLEEMGEDRAGINGEN[gedraging], "leeftijd_min"].to_numpy(dtype=float)
    return float(np.nanmax(np.r_[minima, -np.inf]))


def _gevraagde_gedragingen(leeftijd: pd.Series) -> pd.DataFrame:
    """Per row and behaviour whether it applies to the child's age (unknown age: it applies)."""
    a = leeftijd.astype(float).to_numpy()
    return pd.DataFrame({g: ~(a < _leeftijd_min(g)) for g in ISRD_PROBLEEMGEDRAGINGEN}, index=leeftijd.index)


def probleemgedrag_aantal(gedragingen: pd.DataFrame, leeftijd: pd.Series) -> pd.Series:
    """Number of the problem behaviours shown (§2.5.5, r. 2023-2028): the sum over the behaviours
    that apply to the child's age (nine below 12, eleven from 12 on), prorated under the
    missing-item rule (NaN with more behaviours unknown)."""
    gevraagd = _gevraagde_gedragingen(leeftijd).set_axis(gedragingen.index)
    uit = pd.Series(np.nan, index=gedragingen.index, dtype=float)
    for patroon, groep in gevraagd.groupby(list(gevraagd.columns), sort=True):
        kolommen = [g for g, ja in zip(gevraagd.columns, patroon) if ja]
        uit.loc[groep.index] = schaalscore(gedragingen.loc[groep.index, kolommen], "som")
    return uit


def isrd_norm(leeftijd: pd.Series) -> pd.Series:
    """The problem-behaviour norm of the child's age (rule ``isrd_norm_per_leeftijd``, §2.5.5,
    r. 2023-2028): norm mean + 1 SD (rule ``isrd_probleemgedrag_boven``) of the number of
    behaviours in a normal school population of that age; ages outside the table take its
    nearest end (older than 18 → the norm of 18)."""
    jongste, oudste = min(ISRD_NORM_PER_LEEFTIJD), max(ISRD_NORM_PER_LEEFTIJD)
    grens = {j: n["gemiddelde"] + ISRD_PROBLEEMGEDRAG_SD * n["sd"] for j, n in ISRD_NORM_PER_LEEFTIJD.items()}
    jaar = np.floor(leeftijd.astype(float)).clip(jongste, oudste)
    return jaar.map(grens).astype(float)


def probleemgedrag(aantal: pd.Series, leeftijd: pd.Series) -> pd.Series:
    """Problem behaviour (§2.5.5, r. 2026-2028): 1.0 when the number of behaviours lies strictly
    above :func:`isrd_norm` of the child's age (rule ``isrd_probleemgedrag_boven``), 0.0 at or
    below, NaN when the number is unknown."""
    return _ja_nee(aantal > isrd_norm(leeftijd) + _EPS, aantal)


def agressief_gedrag(gedragingen: pd.DataFrame) -> pd.Series:
    """Aggressive and violent behaviour (§6.5, r. 4543): 1.0 when any of :data:`AGRESSIEF_GEDRAG`
    (vandalism, carrying a weapon, a fight, beating someone up, threatening for money) is shown,
    0.0 when all five are known and none is, NaN otherwise."""
    return _een_van(gedragingen[list(AGRESSIEF_GEDRAG)])


# -- quality of life (§2.5.5, §6.6) ---------------------------------------------------------------------
def kidscreen_gemiddelden(kidscreen: pd.DataFrame) -> pd.DataFrame:
    """Kidscreen-27: per domain, and for the Kidscreen-10 over its ten items, the mean item score
    (1-5, higher = better) after reversing the negatively worded items (6 − answer), under the
    missing-item rule (rule ``kidscreen_score``; §2.5.5, r. 1966-1976)."""
    items = antwoorden(kidscreen, "kidscreen")
    uit = {}
    for domein in KIDSCREEN_DOMEINEN:
        kolommen = _kolommen("kidscreen", kidscreen10=True) if domein == "kidscreen10" else _kolommen("kidscreen", domein)
        uit[domein] = schaalscore(_deel(items, kolommen), "gemiddelde")
    return pd.DataFrame(uit, index=kidscreen.index)


def kidscreen_t_scores(kidscreen: pd.DataFrame) -> pd.DataFrame:
    """Kidscreen T-scores per domain (incl. ``kidscreen10``): T = 50 + 10 × (mean item score − norm
    mean) / norm sd (rules ``kidscreen_score``, ``kidscreen_normen``; §2.5.5, §6.6 r. 4527-4528)."""
    gem = kidscreen_gemiddelden(kidscreen)
    return pd.DataFrame({d: t_score(gem[d], KIDSCREEN_NORMEN[d], KIDSCREEN_T_SCORE) for d in KIDSCREEN_DOMEINEN}, index=kidscreen.index)


# -- assembly ----------------------------------------------------------------------------------------
#: The children's instrument tables (without prefix) that make a (child, wave) row.
INSTRUMENTTABELLEN: tuple[str, ...] = (
    "security_scale_ouder", "security_scale_kind", "sims_pr", "sis", "tscyc", "tscc", "isrd", "kidscreen",
)


def score_kolommen() -> list[str]:
    """The score columns of :func:`kind_scores` in order (after the identifying columns)."""
    return [
        "hechting_door_moeder", "hechting_door_vader", "hechting_kind_over_moeder", "hechting_kind_over_vader",
        "veilig_gehecht",
        *[f"eo_ouder_{s}" for s in ("OA", "OI", "OER", "BD")],
        *[f"eo_kind_{s}" for s in ("OA", "OI", "OER", "BD")],
        "emotioneel_onveilig",
        *[f"tscyc_{s}" for s in TRAUMA_SCHALEN],
        *[f"tscc_{s}" for s in TRAUMA_SCHALEN],
        *[f"trauma_{s}" for s in TRAUMA_SCHALEN],
        "getraumatiseerd", "ptss_klinisch",
        *[f"isrd_{g}" for g in ISRD_PROBLEEMGEDRAGINGEN],
        "probleemgedrag_aantal", "probleemgedrag", "agressief_gedrag",
        *[f"kidscreen_{d}" for d in KIDSCREEN_DOMEINEN],
        # extra columns (see the module docstring)
        "veilig_gehecht_ouder", "veilig_gehecht_kind", "emotioneel_onveilig_ouder", "emotioneel_onveilig_kind",
        "getraumatiseerd_tscyc", "getraumatiseerd_tscc", "tscyc_geldig", "tscc_geldig", "n_lijsten_ouder",
    ]


def _rol(frame: pd.DataFrame, ouders: pd.DataFrame | None) -> pd.Series:
    """moeder/vader per row of a parent-about-child table (NaN when the parent is unknown)."""
    if ouders is None or "ouder_id" not in frame.columns:
        return pd.Series(np.nan, index=frame.index, dtype=object)
    geslacht = ouders.drop_duplicates("ouder_id").set_index("ouder_id")["geslacht"].astype(str).map(OUDER_ROL)
    return frame["ouder_id"].map(geslacht)


def _scores(tabellen: dict[str, pd.DataFrame], voorvoegsel: str, sleutel: list[str],
            kinderen: pd.DataFrame, ouders: pd.DataFrame | None) -> pd.DataFrame:
    """Score every children's instrument table and combine the lists per output row.

    Rows are the distinct ``sleutel`` values over the instrument tables, sorted; every list is
    tied to its row by an integer position (column ``rij``), and the per-list outcomes are
    combined with the named rule functions grouped on that position."""
    tab = {t: tabellen[voorvoegsel + t] for t in INSTRUMENTTABELLEN if voorvoegsel + t in tabellen}
    kol = score_kolommen()

    def codes(frame: pd.DataFrame) -> pd.Series:
        uit = frame[sleutel[0]].astype(str)
        for k in sleutel[1:]:
            uit = uit + "\x1f" + frame[k].astype(str)
        return uit.reset_index(drop=True)

    if tab:
        rijen = pd.concat([frame[sleutel].astype(str) for frame in tab.values()], ignore_index=True).drop_duplicates()
    else:
        rijen = pd.DataFrame({k: pd.Series([], dtype=str) for k in sleutel})
    rijen = rijen.sort_values(sleutel, kind="stable").reset_index(drop=True)
    index = pd.Index(codes(rijen))
    n = len(rijen)

    # identifying columns and age
    kind = kinderen.drop_duplicates("kind_id").set_index("kind_id")
    uit = rijen.copy()
    uit["gezin_id"] = uit["kind_id"].map(kind["gezin_id"])
    uit["geslacht"] = uit["kind_id"].map(kind["geslacht"])
    if "meting" in sleutel:
        uit["leeftijd"] = leeftijd_per_meting(uit["kind_id"].map(kind["leeftijd_t0"]), uit["meting"]).to_numpy(dtype=float)
    else:
        uit["leeftijd"] = uit["kind_id"].map(kind["leeftijd"]).to_numpy(dtype=float, na_value=np.nan)
    leeftijd = uit["leeftijd"].to_numpy(dtype=float)
    kolommen: dict[str, np.ndarray] = {k: np.full(n, np.nan) for k in kol}

    def zet(kolom: str, waarden: pd.Series) -> None:
        """Write a Series indexed by row position into the output column."""
        kolommen[kolom][waarden.index.to_numpy(dtype=int)] = waarden.to_numpy(dtype=float)

    def lijsten(frame: pd.DataFrame, waarden: pd.DataFrame) -> pd.DataFrame:
        """Per-list values with their row position in ``rij``."""
        uit_ = pd.DataFrame(waarden).reset_index(drop=True)
        uit_.insert(0, "rij", index.get_indexer(codes(frame)))
        return uit_

    n_lijsten: list[pd.Series] = []
    rij = ["rij"]

    # attachment
    hechting_lijsten: dict[str, list[pd.DataFrame]] = {"ouder": [], "kind": []}
    if "security_scale_ouder" in tab:
        f = tab["security_scale_ouder"]
        score = security_scale_score(f, "security_scale_ouder")
        lijst = lijsten(f, pd.DataFrame({"score": score, "rol": _rol(f, ouders), "onveilig": onveilig_gehecht(score, "ouder")}))
        for rol in ("moeder", "vader"):
            zet(f"hechting_door_{rol}", lijst[lijst["rol"] == rol].groupby("rij")["score"].mean())
        hechting_lijsten["ouder"].append(lijst)
        n_lijsten.append(lijst.groupby("rij").size())
    if "security_scale_kind" in tab:
        f = tab["security_scale_kind"]
        for rol in ("moeder", "vader"):
            score = security_scale_score(f, "security_scale_kind", perspectief=rol)
            lijst = lijsten(f, pd.DataFrame({"score": score, "onveilig": onveilig_gehecht(score, "kind")}))
            zet(f"hechting_kind_over_{rol}", lijst.groupby("rij")["score"].mean())
            hechting_lijsten["kind"].append(lijst)
    alle = [*hechting_lijsten["ouder"], *hechting_lijsten["kind"]]
    if alle:
        zet("veilig_gehecht", veilig_gehecht(pd.concat(alle, ignore_index=True), rij))
    for wie in ("ouder", "kind"):
        if hechting_lijsten[wie]:
            zet(f"veilig_gehecht_{wie}", veilig_gehecht(pd.concat(hechting_lijsten[wie], ignore_index=True), rij))

    # emotional security
    eo_lijsten: list[pd.DataFrame] = []
    for tabel, wie, normen in (("sims_pr", "ouder", SIMS_PR_NORMEN), ("sis", "kind", SIS_NORMEN)):
        if tabel not in tab:
            continue
        f = tab[tabel]
        scores = emotionele_veiligheid_scores(f, tabel)
        lijst = lijsten(f, scores[list(EO_SUBSCHALEN)].assign(onveilig=emotioneel_onveilig_lijst(scores, normen)))
        gemiddeld = lijst.groupby("rij")[list(EO_SUBSCHALEN)].mean()
        for s in EO_SUBSCHALEN:
            zet(f"eo_{wie}_{s}", gemiddeld[s])
        zet(f"emotioneel_onveilig_{wie}", emotioneel_onveilig(lijst, rij))
        eo_lijsten.append(lijst)
        if wie == "ouder":
            n_lijsten.append(lijst.groupby("rij").size())
    if eo_lijsten:
        zet("emotioneel_onveilig", emotioneel_onveilig(pd.concat(eo_lijsten, ignore_index=True), rij))

    # trauma
    trauma_lijsten: list[pd.DataFrame] = []
    for tabel, t_fn, geldig_fn, klinisch_fn in (
        ("tscyc", tscyc_t_scores, tscyc_geldig, tscyc_klinisch),
        ("tscc", tscc_t_scores, tscc_geldig, tscc_klinisch),
    ):
        if tabel not in tab:
            continue
        f = tab[tabel]
        t = t_fn(f)
        geldig = geldig_fn(t)
        klinisch = klinisch_fn(t)
        lijst = lijsten(
            f,
            t[list(TRAUMA_SCHALEN)].where(geldig, np.nan).assign(
                geldig=geldig.astype(float),
                getraumatiseerd=getraumatiseerd_lijst(klinisch, geldig),
                ptss=klinisch["posttraumatische_stress"].where(geldig, np.nan),
            ),
        )
        gemiddeld = lijst.groupby("rij")[list(TRAUMA_SCHALEN)].mean()
        for s in TRAUMA_SCHALEN:
            zet(f"{tabel}_{s}", gemiddeld[s])
        zet(f"{tabel}_geldig", lijst.groupby("rij")["geldig"].max())
        zet(f"getraumatiseerd_{tabel}", getraumatiseerd_kind(lijst, rij))
        trauma_lijsten.append(lijst)
        if tabel == "tscyc":
            n_lijsten.append(lijst.groupby("rij").size())
    for s in TRAUMA_SCHALEN:
        kolommen[f"trauma_{s}"] = pd.DataFrame({"a": kolommen[f"tscyc_{s}"], "b": kolommen[f"tscc_{s}"]}).mean(axis=1).to_numpy()
    if trauma_lijsten:
        alle_trauma = pd.concat(trauma_lijsten, ignore_index=True)
        zet("getraumatiseerd", getraumatiseerd_kind(alle_trauma, rij))
        zet("ptss_klinisch", getraumatiseerd_kind(alle_trauma, rij, kolom="ptss"))

    # problem behaviour (one list per child and wave)
    if "isrd" in tab:
        f = tab["isrd"]
        pos = index.get_indexer(codes(f))
        lft = pd.Series(leeftijd[pos], index=f.index)
        gedragingen = isrd_gedragingen(f, lft)
        aantal = probleemgedrag_aantal(gedragingen, lft)
        waarden = gedragingen.add_prefix("isrd_").assign(
            probleemgedrag_aantal=aantal, probleemgedrag=probleemgedrag(aantal, lft), agressief_gedrag=agressief_gedrag(gedragingen),
        )
        for k in waarden.columns:
            kolommen[k][pos] = waarden[k].to_numpy(dtype=float)

    # quality of life (one list per child and wave)
    if "kidscreen" in tab:
        f = tab["kidscreen"]
        pos = index.get_indexer(codes(f))
        waarden = kidscreen_t_scores(f).add_prefix("kidscreen_")
        for k in waarden.columns:
            kolommen[k][pos] = waarden[k].to_numpy(dtype=float)

    if n_lijsten:
        zet("n_lijsten_ouder", pd.concat(n_lijsten, axis=1).max(axis=1))
    uit = pd.concat([uit, pd.DataFrame(kolommen, index=uit.index)], axis=1)
    return uit[[*sleutel[:1], "gezin_id", *sleutel[1:], "geslacht", "leeftijd", *kol]]


def kind_scores(tabellen: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every child score per child and wave (hoofdstuk 6, 7, 8): see the module docstring for the
    columns and how the reports of mother, father and child combine. One row per (kind_id,
    meting) in any of :data:`INSTRUMENTTABELLEN`, sorted by kind_id and meting."""
    return _scores(tabellen, "", ["kind_id", "meting"], tabellen["kinderen"], tabellen.get("ouders"))


def referentie_kind_scores(tabellen: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The reference group's child scores (2012, measured once, §2.6), scored exactly like the
    study's children: one row per reference child in any ``referentie_*`` children's table
    (TSCYC, TSCC, SIMS-PR, SIS, Security Scale child), the columns of :func:`kind_scores` without
    ``meting``; instruments the group did not fill in give NaN columns."""
    kinderen = tabellen.get("referentie_kinderen")
    if kinderen is None:
        kinderen = pd.DataFrame(columns=["kind_id", "gezin_id", "geslacht", "leeftijd"])
    return _scores(tabellen, "referentie_", ["kind_id"], kinderen, tabellen.get("referentie_ouders"))
