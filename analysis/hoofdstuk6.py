"""Chapter 6 — consequences for the children: Figuur 6.1–6.8 and the relation between the
decline of violence and each outcome (§6.7).

Pure functions from the snapshot's tables to the chapter's items and facts; the notebook
``notebooks/06_welzijn_kinderen.ipynb`` only calls them and writes what they return. Scoring of
the children's instruments (Security Scale, SIMS-PR/SIS, TSCYC/TSCC, ISRD, Kidscreen) lives in
:mod:`analysis.scoring_kinderen`; the family's decline of violence in
:func:`analysis.hoofdstuk5.geweld_verloop`. This module only selects, aggregates, tests and formats.

Analysis decisions (the report does not specify them; §6.1 r. 4365-4370, §2.7):

* Population: the children of the families with a parent in all three waves
  (``gezinnen_alle_metingen``, the 576 families), siblings included (r. 4365). Per outcome only
  the children with a score on that outcome in all three waves count (complete cases,
  r. 4369): shares and means per wave, the tests over time, the sex comparisons and the
  relation with the decline of violence all use the same children, so n is the same at every
  wave of one outcome.
* Secure attachment per informant (Figuur 6.1): the scorer's rule
  ``security_scale_onveilig_onder`` (mean item score below the norm mean − 1 SD of
  ``security_scale_normen``) applied to one informant's lists: "ouders" = every available
  parent list about the child at or above the parents' cut-off; "kind over vader/moeder" =
  that list of the child at or above the children's cut-off. "Alle informanten" is the
  scorer's ``veilig_gehecht`` (no list about the child below its cut-off).
* Emotional security: "emotioneel veilig" = 1 − ``emotioneel_onveilig`` (parents' and child's
  lists combined by the scorer). The subscales (Figuur 6.4) are sum scores with every item
  counted from 0 (scorer's rule ``emotionele_veiligheid_score`` = "som_vanaf_0", as Tabel 8.1
  prints them) shown per informant, because the SIMS-PR (parents, items 0-4) and the SIS (child,
  items 0-3) have different answer scales and numbers of items.
* Trauma subscales (Figuur 6.6): the family-level T-score ``trauma_<schaal>`` (mean of the
  parents' TSCYC and the child's TSCC T-scores available for that child).
* Reference groups: the national reference group of 2012 (``referentie_kind_scores``) for
  emotional security, trauma and the child's attachment (Bastiaansen e.a.'s non-clinical
  group in the report); no reference for the parents' attachment report nor for trauma as a
  share (the report gives none). Kidscreen: the norm group's mean T = 50 (T-scores are defined
  on the norm sample), tested with a one-sample t-test. Problem behaviour: the ISRD-3 sample is
  not in the snapshot, so the study's waves are shown without a reference bar and the norm
  (mean + 1 SD per age year) is described in the figure note and the prose.
* Change over time: RM-ANOVA T0–T1–T2 (η², also on 0/1 outcomes: the report's "(M)ANOVA's en
  chi-kwadraattoetsen"). Pairwise markers (* p < .05, legend r. 4621): RM-ANOVA on the two
  waves (F = t² of the paired t-test) for T0–T1 and T1–T2 (and T0–T2 for the prose); T2 vs the
  reference: independent t-test (d) for means, Pearson χ² (φ) for shares, one-sample t against
  the norm for Kidscreen.
* Boys vs girls per wave: independent t-test (d, sign boys − girls) for means, χ² (φ) for 0/1
  outcomes (the report's "one sample t-toetsen" is read as this comparison of two groups).
* Mother vs father (Figuur 6.2): parents' lists — independent t-test between mothers' and
  fathers' scores per wave (different respondents), d = mothers − fathers; child's lists — the
  same child about both parents, one-sample t-test of the difference (mother − father)
  against 0 (d = mean difference / SD of the differences), per wave and in the reference group.
* Relation with the decline of violence (§6.7): as chapter 5 — the family's decline group of
  :func:`analysis.hoofdstuk5.geweld_verloop` ("afgenomen"/"niet afgenomen"; families without
  violence at T0 left out), group × time interaction of a mixed ANOVA (partial η²), the T1–T2
  change within the "afgenomen" group, and the direction (did the outcome improve more where
  violence declined?).
* Regional scopes: shares obey the small-cell rule, means and the number of children need the
  minimum base; a verdict against the reference takes its direction from the unsuppressed data,
  and a boys/girls difference is only described when both values may be shown.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from analysis import hoofdstuk5 as h5
from analysis import scoring_kinderen as sk
from analysis.codebook import load_codebook
from analysis.disclosure import ONDERDRUKT, aandeel_toonbaar, basis_toonbaar
from analysis.feiten import toets_feit, verloop_feit
from analysis.figures import Figuur, stijl  # sets the Agg backend before pyplot is imported
from analysis.formatting import getal, p_waarde, pct, stat
from analysis.populatie import gezinnen_alle_metingen
from analysis.stats import ALPHA, Toets, chi2_phi, is_betekenisvol, mixed_anova, rm_anova, t_test_ind, t_test_one_sample

import matplotlib.pyplot as plt  # noqa: E402  (after analysis.figures: Agg backend)
from matplotlib.patches import Patch  # noqa: E402

_CB = load_codebook()
METINGEN: list[str] = _CB.metingen
REFERENTIE = "referentie"
GROEP_LABELS = {"T0": "T0", "T1": "T1", "T2": "T2", REFERENTIE: "Referentiegroep"}
#: Colours: the waves light to dark (greyscale-safe), the reference group in the accent colour.
KLEUREN: dict[str, str] = h5.KLEUREN
#: Kidscreen T-scores are standardised on the norm sample: its mean is T = 50 by definition
#: (rule ``kidscreen_score``: T = 50 + 10 × (mean − norm mean) / norm SD).
KIDSCREEN_NORM_T = 50.0
VERLOOP_GROEPEN = h5.VERLOOP_GROEPEN

#: Every outcome of the chapter: figure, Dutch label, share or mean, whether higher is better and
#: where its reference comes from ("groep": the reference group's column; "norm": a fixed mean).
UITKOMSTEN: dict[str, dict] = {
    # Figuur 6.1 -- secure attachment per informant
    "veilig_ouders": {"figuur": "6.1", "label": "Ouders", "aandeel": True, "hoger_beter": True},
    "veilig_kind_vader": {"figuur": "6.1", "label": "Kind over vader", "aandeel": True, "hoger_beter": True},
    "veilig_kind_moeder": {"figuur": "6.1", "label": "Kind over moeder", "aandeel": True, "hoger_beter": True},
    "veilig_gehecht": {"figuur": "6.1", "label": "Alle informanten", "aandeel": True, "hoger_beter": True},
    # Figuur 6.2 -- attachment scores per informant
    "hechting_door_moeder": {"figuur": "6.2", "label": "Moeder", "aandeel": False, "hoger_beter": True},
    "hechting_door_vader": {"figuur": "6.2", "label": "Vader", "aandeel": False, "hoger_beter": True},
    "hechting_kind_over_moeder": {"figuur": "6.2", "label": "Kind over moeder", "aandeel": False, "hoger_beter": True, "referentie": "groep"},
    "hechting_kind_over_vader": {"figuur": "6.2", "label": "Kind over vader", "aandeel": False, "hoger_beter": True, "referentie": "groep"},
    # Figuur 6.3 -- emotionally secure children
    "emotioneel_veilig": {"figuur": "6.3", "label": "Emotioneel veilig", "aandeel": True, "hoger_beter": True, "referentie": "groep"},
    # Figuur 6.4 -- emotional insecurity subscales per informant (higher = more insecure)
    **{f"eo_{wie}_{s}": {"figuur": "6.4", "label": naam, "informant": wie, "subschaal": s, "aandeel": False,
                         "hoger_beter": False, "referentie": "groep"}
       for wie in ("ouder", "kind") for s, naam in sk.EO_SUBSCHALEN.items()},
    # Figuur 6.5 -- traumatised children
    "getraumatiseerd": {"figuur": "6.5", "label": "Getraumatiseerd", "aandeel": True, "hoger_beter": False},
    # Figuur 6.6 -- trauma subscales (family-level T-score)
    **{f"trauma_{s}": {"figuur": "6.6", "label": naam, "aandeel": False, "hoger_beter": False, "referentie": "groep"}
       for s, naam in sk.TRAUMA_SCHALEN.items()},
    # Figuur 6.7 -- problem behaviour (and the aggressive behaviours of §6.5)
    "probleemgedrag": {"figuur": "6.7", "label": "Probleemgedrag", "aandeel": True, "hoger_beter": False},
    **{f"isrd_{g}": {"figuur": "6.7-agressie", "label": g.replace("_", " "), "aandeel": True, "hoger_beter": False}
       for g in sk.AGRESSIEF_GEDRAG},
    # Figuur 6.8 -- quality of life (Kidscreen T-scores) against the norm
    **{f"kidscreen_{d}": {"figuur": "6.8", "label": naam, "aandeel": False, "hoger_beter": True, "referentie": "norm"}
       for d, naam in sk.KIDSCREEN_DOMEINEN.items()},
}
#: Dutch names of the aggressive behaviours in running text (§6.5, r. 4543).
AGRESSIE_NAMEN: dict[str, str] = {
    "vandalisme": "vandalisme",
    "wapen_dragen": "een wapen dragen",
    "vechtpartij": "betrokken zijn bij een vechtpartij",
    "iemand_in_elkaar_slaan": "iemand in elkaar slaan",
    "bedreiging_om_geld": "iemand bedreigen om geld",
}
#: Names of the outcomes in running text (default: the figure label in lower case).
NAMEN: dict[str, str] = {
    "veilig_ouders": "veilige hechting volgens de ouders", "veilig_kind_vader": "veilige hechting aan de vader (volgens het kind)",
    "veilig_kind_moeder": "veilige hechting aan de moeder (volgens het kind)", "veilig_gehecht": "veilige hechting volgens alle informanten",
    "emotioneel_veilig": "emotioneel veilige kinderen", "getraumatiseerd": "getraumatiseerde kinderen",
    "probleemgedrag": "kinderen met probleemgedrag",
    "hechting_door_moeder": "hechting volgens de moeder", "hechting_door_vader": "hechting volgens de vader",
    "hechting_kind_over_moeder": "hechting van het kind met de moeder", "hechting_kind_over_vader": "hechting van het kind met de vader",
    "trauma_posttraumatische_stress": "posttraumatische stress", "trauma_boosheid": "woede",
    "trauma_seksuele_problematiek": "seksuele problemen",
    **{f"isrd_{g}": naam for g, naam in AGRESSIE_NAMEN.items()},
    "kidscreen_kidscreen10": "algeheel welzijn", "kidscreen_lichamelijk_welzijn": "fysiek welzijn",
    "kidscreen_psychisch_welbevinden": "psychisch welzijn", "kidscreen_ouders_autonomie": "de relatie met de ouders",
    "kidscreen_vrienden_steun": "de relatie met vrienden", "kidscreen_school": "school",
}


def naam(u: str) -> str:
    """Dutch name of an outcome in running text."""
    return NAMEN.get(u, UITKOMSTEN[u]["label"].lower())


#: Outcomes per figure, in the figure's order.
FIGUREN: dict[str, list[str]] = {}
for _u, _spec in UITKOMSTEN.items():
    FIGUREN.setdefault(_spec["figuur"], []).append(_u)

#: Figure metadata: catalogue caption, cross-reference label.
FIGUUR_META: dict[str, tuple[str, str]] = {
    "6.1": ("Percentage veilig gehechte kinderen per meting vanuit ouders en kinderen", "fig-hechting-veilig"),
    "6.2": ("Hechting gerapporteerd vanuit moeder, vader en kind", "fig-hechting-scores"),
    "6.3": ("Percentage emotioneel veilige kinderen per meting vanuit ouders en kinderen", "fig-emotioneel-veilig"),
    "6.4": ("Emotionele veiligheid kinderen gerapporteerd door ouders en kinderen", "fig-emotionele-veiligheid"),
    "6.5": ("Percentage getraumatiseerde kinderen per meting vanuit ouders en kinderen", "fig-trauma-kinderen"),
    "6.6": ("Traumaklachten kinderen gerapporteerd door ouders en kinderen", "fig-traumaklachten-kinderen"),
    "6.7": ("Percentage kinderen dat probleemgedrag vertoont per meting", "fig-probleemgedrag"),
    "6.8": ("Kwaliteit van leven gerapporteerd door kinderen", "fig-kwaliteit-kinderen"),
}


# -- scores ---------------------------------------------------------------------------------------
def _veilig(lijsten: pd.DataFrame, grens: float) -> pd.Series:
    """1 when every available list is at or above ``grens``, 0 when one is below, NaN without a list."""
    heeft = lijsten.notna().any(axis=1)
    onder = (lijsten < grens).any(axis=1)
    return pd.Series(np.where(heeft, np.where(onder, 0.0, 1.0), np.nan), index=lijsten.index)


def _hechtingsgrenzen() -> dict[str, float]:
    """Cut-off of secure attachment per informant (rule ``security_scale_onveilig_onder``: the
    norm mean minus one SD of ``security_scale_normen``)."""
    normen = _CB.regel("security_scale_normen")
    return {wie: float(n["gemiddelde"]) - float(n["sd"]) for wie, n in normen.items()}


def _afgeleid(df: pd.DataFrame) -> pd.DataFrame:
    """The derived columns of this chapter: secure attachment per informant, emotionally secure."""
    df = df.copy()
    grens = _hechtingsgrenzen()
    for kolom in ("hechting_door_moeder", "hechting_door_vader", "hechting_kind_over_moeder", "hechting_kind_over_vader",
                  "emotioneel_onveilig", "veilig_gehecht"):
        if kolom not in df:
            df[kolom] = np.nan
    df["veilig_ouders"] = _veilig(df[["hechting_door_moeder", "hechting_door_vader"]], grens["ouder"])
    df["veilig_kind_vader"] = _veilig(df[["hechting_kind_over_vader"]], grens["kind"])
    df["veilig_kind_moeder"] = _veilig(df[["hechting_kind_over_moeder"]], grens["kind"])
    df["emotioneel_veilig"] = 1.0 - df["emotioneel_onveilig"].astype(float)
    for u in UITKOMSTEN:
        if u not in df:
            df[u] = np.nan
        df[u] = df[u].astype(float)
    return df


def kind_gegevens(tabellen: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every outcome of the chapter per child and wave, for the children of the families in all
    three waves: ``kind_id``, ``gezin_id``, ``geslacht``, ``meting`` and one column per
    :data:`UITKOMSTEN` (floats; 0/1 for shares, NaN = not measured)."""
    scores = sk.kind_scores(tabellen)
    scores = scores[scores["gezin_id"].isin(gezinnen_alle_metingen(tabellen))]
    uit = _afgeleid(scores)
    return uit[["kind_id", "gezin_id", "geslacht", "meting", *UITKOMSTEN]].sort_values(
        ["kind_id", "meting"], kind="stable").reset_index(drop=True)


def referentie_gegevens(tabellen: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The national reference group (measured once), with the same outcome columns (NaN where
    the group did not fill in the instrument). Pass the unrestricted tables, also for a region."""
    ref = _afgeleid(sk.referentie_kind_scores(tabellen))
    return ref[list(UITKOMSTEN)].reset_index(drop=True)


def compleet(scores: pd.DataFrame, kolom: str) -> pd.DataFrame:
    """Rows of the children with a score on ``kolom`` in every wave (complete cases)."""
    breed = scores.pivot(index="kind_id", columns="meting", values=kolom).reindex(columns=METINGEN).dropna()
    sub = scores[scores["kind_id"].isin(breed.index) & scores["meting"].isin(METINGEN)]
    return sub.reset_index(drop=True)


# -- shares and means per wave --------------------------------------------------------------------
def per_meting(scores: pd.DataFrame, uitkomsten: list[str], referentie: pd.DataFrame | None = None,
               *, beveiligen: bool = False) -> pd.DataFrame:
    """Per outcome (``schaal``) and ``groep`` (wave; reference group or norm where the outcome has
    one): ``waarde`` (share 0-1 or mean), ``aantal`` (shares: children with 1), ``sd``, ``n``,
    ``toonbaar``. Waves over the complete cases of the outcome. With ``beveiligen`` a regional
    share obeys the small-cell rule and a regional mean needs the minimum base; the national
    reference group is never hidden."""
    rijen = []
    for u in uitkomsten:
        spec = UITKOMSTEN[u]
        sub = compleet(scores, u)
        groepen = [(m, sub.loc[sub["meting"] == m, u].astype(float)) for m in METINGEN]
        if spec.get("referentie") == "groep" and referentie is not None and u in referentie:
            groepen.append((REFERENTIE, referentie[u].dropna().astype(float)))
        for g, w in groepen:
            n = int(len(w))
            rij = {"schaal": u, "groep": g, "waarde": float(w.mean()) if n else math.nan,
                   "aantal": int(w.sum()) if spec["aandeel"] else math.nan,
                   "sd": float(w.std(ddof=1)) if n > 1 else math.nan, "n": n, "toonbaar": True}
            if beveiligen and g != REFERENTIE:
                rij["toonbaar"] = aandeel_toonbaar(int(w.sum()), n) if spec["aandeel"] else basis_toonbaar(n)
            rijen.append(rij)
        if spec.get("referentie") == "norm":
            rijen.append({"schaal": u, "groep": REFERENTIE, "waarde": KIDSCREEN_NORM_T, "aantal": math.nan,
                          "sd": math.nan, "n": 0, "toonbaar": True})
    df = pd.DataFrame(rijen, columns=["schaal", "groep", "waarde", "aantal", "sd", "n", "toonbaar"])
    df["waarde"] = df["waarde"].where(df["toonbaar"])
    df["sd"] = df["sd"].where(df["toonbaar"])
    df["aantal"] = df["aantal"].where(df["toonbaar"])
    return df


# -- tests ----------------------------------------------------------------------------------------
def verloop(scores: pd.DataFrame, kolom: str, metingen: list[str] | None = None, *, al_compleet: bool = False) -> Toets:
    """RM-ANOVA over the waves (all three by default, or a pair for the markers), over the
    complete cases of the outcome (``al_compleet``: ``scores`` holds them already)."""
    sub = scores if al_compleet else compleet(scores, kolom)
    sub = sub[sub["meting"].isin(metingen or METINGEN)]
    return rm_anova(sub, subject="kind_id", within="meting", dv=kolom)


def vergelijk_referentie(scores: pd.DataFrame, referentie: pd.DataFrame | None, kolom: str, meting: str = "T2",
                         *, al_compleet: bool = False) -> Toets | None:
    """Children in one wave (complete cases) against the reference: χ² (φ) for a share, t-test
    (d, children − reference) for a mean, one-sample t against the norm for Kidscreen; None
    without a reference."""
    spec = UITKOMSTEN[kolom]
    studie = scores if al_compleet else compleet(scores, kolom)
    studie = studie.loc[studie["meting"] == meting, kolom].astype(float)
    if spec.get("referentie") == "norm":
        return t_test_one_sample(studie, KIDSCREEN_NORM_T)
    if spec.get("referentie") != "groep" or referentie is None or kolom not in referentie:
        return None
    df = pd.concat([pd.DataFrame({"groep": meting, "waarde": studie.to_numpy()}),
                    pd.DataFrame({"groep": REFERENTIE, "waarde": referentie[kolom].dropna().astype(float).to_numpy()})],
                   ignore_index=True)
    if spec["aandeel"]:
        return chi2_phi(df, x="groep", y="waarde")
    return t_test_ind(df, group="groep", dv="waarde", levels=(meting, REFERENTIE))


def sekse_toets(scores: pd.DataFrame, kolom: str, meting: str, *, al_compleet: bool = False) -> Toets:
    """Boys vs girls in one wave (complete cases): χ² (φ) for a share, t-test (d, boys − girls)."""
    sub = scores if al_compleet else compleet(scores, kolom)
    sub = sub[(sub["meting"] == meting) & sub["geslacht"].isin(["jongen", "meisje"])]
    if UITKOMSTEN[kolom]["aandeel"]:
        return chi2_phi(sub, x="geslacht", y=kolom)
    return t_test_ind(sub, group="geslacht", dv=kolom, levels=("jongen", "meisje"))


def toetsen(scores: pd.DataFrame, referentie: pd.DataFrame | None, uitkomsten: list[str]) -> dict[str, dict[str, Toets | None]]:
    """Per outcome: "verloop" (T0–T1–T2), the pairs "T0_T1", "T1_T2", "T0_T2", "T2_referentie"
    (None without a reference), "T2_studie_hoger" (bool, None without a reference: the children's
    T2 value above the reference's) and "sekse_T0" … "sekse_T2"."""
    uit = {}
    for u in uitkomsten:
        sub = compleet(scores, u)[["kind_id", "meting", "geslacht", u]]
        t: dict[str, Toets | None] = {"verloop": verloop(sub, u, al_compleet=True)}
        for a, b in (("T0", "T1"), ("T1", "T2"), ("T0", "T2")):
            t[f"{a}_{b}"] = verloop(sub, u, [a, b], al_compleet=True)
        t["T2_referentie"] = vergelijk_referentie(sub, referentie, u, "T2", al_compleet=True)
        # Direction of the difference on the unsuppressed data (a regional value may be hidden).
        studie_t2 = sub.loc[sub["meting"] == "T2", u].astype(float).mean()
        if UITKOMSTEN[u].get("referentie") == "norm":
            ref_waarde = KIDSCREEN_NORM_T
        elif t["T2_referentie"] is not None:
            ref_waarde = float(referentie[u].dropna().astype(float).mean())
        else:
            ref_waarde = math.nan
        t["T2_studie_hoger"] = bool(studie_t2 > ref_waarde) if pd.notna(studie_t2) and pd.notna(ref_waarde) else None
        for m in METINGEN:
            t[f"sekse_{m}"] = sekse_toets(sub, u, m, al_compleet=True)
        uit[u] = t
    return uit


def markeringen(t: dict[str, Toets | None]) -> dict[str, bool]:
    """The figure's stars (* p < .05, r. 4621): a wave differs from the next one (T0 from T1, T1
    from T2, T2 from the reference group)."""
    ref = t.get("T2_referentie")
    return {"T0": t["T0_T1"].significant, "T1": t["T1_T2"].significant, "T2": bool(ref is not None and ref.significant)}


def moeder_vader_toetsen(scores: pd.DataFrame, referentie: pd.DataFrame | None) -> dict[str, dict[str, Toets]]:
    """Mother vs father (Figuur 6.2). "ouders": per wave, independent t-test of the mothers'
    against the fathers' scores (d = mothers − fathers); "kind": per wave and in the reference
    group ("referentie"), the child's score about the mother minus that about the father,
    one-sample t against 0 (paired; d = mean difference / SD)."""
    ouders, kind = {}, {}
    moeder = compleet(scores, "hechting_door_moeder")
    vader = compleet(scores, "hechting_door_vader")
    km = compleet(scores, "hechting_kind_over_moeder")
    beide = km[km["kind_id"].isin(set(compleet(scores, "hechting_kind_over_vader")["kind_id"]))]
    for m in METINGEN:
        df = pd.concat([pd.DataFrame({"ouder": "moeder", "w": moeder.loc[moeder["meting"] == m, "hechting_door_moeder"].to_numpy()}),
                        pd.DataFrame({"ouder": "vader", "w": vader.loc[vader["meting"] == m, "hechting_door_vader"].to_numpy()})],
                       ignore_index=True)
        ouders[m] = t_test_ind(df, group="ouder", dv="w", levels=("moeder", "vader"))
        rij = beide[beide["meting"] == m]
        kind[m] = t_test_one_sample(rij["hechting_kind_over_moeder"] - rij["hechting_kind_over_vader"], 0.0)
    if referentie is not None:
        kind[REFERENTIE] = t_test_one_sample(
            (referentie["hechting_kind_over_moeder"] - referentie["hechting_kind_over_vader"]).dropna(), 0.0)
    return {"ouders": ouders, "kind": kind}


def _celwaarde(waarden: pd.Series, aandeel: bool, beveiligen: bool) -> dict:
    """One cell of a figure: ``waarde`` (the mean, or for a 0/1 outcome the share), ``n`` and
    ``toonbaar``. Regionally (``beveiligen``) a mean needs the minimum base and a share the
    small-cell rule on both sides; a hidden or empty cell has ``waarde`` NaN."""
    w = waarden.astype(float)
    n = int(len(w))
    if aandeel:
        toonbaar = aandeel_toonbaar(int(w.sum()), n) if beveiligen else n > 0
    else:
        toonbaar = basis_toonbaar(n) if beveiligen else n > 0
    return {"waarde": float(w.mean()) if n and toonbaar else math.nan, "n": n, "toonbaar": bool(toonbaar)}


def sekse_gemiddelden(scores: pd.DataFrame, uitkomsten: list[str], *, beveiligen: bool = False) -> pd.DataFrame:
    """Mean (or share) per outcome, wave and sex over the complete cases: the numbers behind the
    prose on boys and girls; a regional value needs the minimum base (shares: both sides)."""
    rijen = []
    for u in uitkomsten:
        sub = compleet(scores, u)
        for m in METINGEN:
            for g in ("jongen", "meisje"):
                w = sub.loc[(sub["meting"] == m) & (sub["geslacht"] == g), u]
                rijen.append({"schaal": u, "meting": m, "geslacht": g, **_celwaarde(w, UITKOMSTEN[u]["aandeel"], beveiligen)})
    return pd.DataFrame(rijen, columns=["schaal", "meting", "geslacht", "waarde", "n", "toonbaar"])


# -- §6.7: relation with the decline of violence ----------------------------------------------------
def _met_groep(scores: pd.DataFrame, verloop_gezin: pd.DataFrame) -> pd.DataFrame:
    df = scores.merge(verloop_gezin[["gezin_id", "groep"]], on="gezin_id", how="inner")
    return df[df["groep"].isin(list(VERLOOP_GROEPEN))]


def samenhang_toetsen(scores: pd.DataFrame, verloop_gezin: pd.DataFrame, uitkomsten: list[str]) -> dict[str, dict[str, object]]:
    """Per outcome: the decline-group × time interaction (mixed ANOVA, "samenhang"), the T1–T2
    change where violence declined ("T1_T2") and "sterker_bij_afname" (bool: the mean T0→T2
    change was more favourable where the family's violence declined)."""
    df = _met_groep(scores, verloop_gezin)
    uit: dict[str, dict[str, object]] = {}
    for u in uitkomsten:
        sub = compleet(df, u)
        t: dict[str, object] = {
            "samenhang": mixed_anova(sub, subject="kind_id", within="meting", between="groep", dv=u),
            "T1_T2": rm_anova(sub[(sub["groep"] == "afgenomen") & sub["meting"].isin(["T1", "T2"])],
                              subject="kind_id", within="meting", dv=u),
        }
        breed = sub.pivot(index="kind_id", columns="meting", values=u).reindex(columns=METINGEN)
        groep = sub.drop_duplicates("kind_id").set_index("kind_id")["groep"].reindex(breed.index)
        verandering = (breed[METINGEN[-1]] - breed[METINGEN[0]]).groupby(groep).mean()
        a, b = verandering.get("afgenomen"), verandering.get("niet_afgenomen")
        t["sterker_bij_afname"] = bool(a is not None and b is not None and pd.notna(a) and pd.notna(b)
                                       and ((a > b) if UITKOMSTEN[u]["hoger_beter"] else (a < b)))
        uit[u] = t
    return uit


def samenhang_gemiddelden(scores: pd.DataFrame, verloop_gezin: pd.DataFrame, uitkomsten: list[str],
                          *, beveiligen: bool = False) -> pd.DataFrame:
    """Share or mean per outcome, decline group and wave over the complete cases (as in the
    mixed ANOVA); a regional value needs the minimum base (shares: both sides)."""
    df = _met_groep(scores, verloop_gezin)
    rijen = []
    for u in uitkomsten:
        sub = compleet(df, u)
        for g in VERLOOP_GROEPEN:
            for m in METINGEN:
                w = sub.loc[(sub["groep"] == g) & (sub["meting"] == m), u]
                rijen.append({"uitkomst": u, "groep": g, "meting": m, **_celwaarde(w, UITKOMSTEN[u]["aandeel"], beveiligen)})
    return pd.DataFrame(rijen, columns=["uitkomst", "groep", "meting", "waarde", "n", "toonbaar"])


# -- figures --------------------------------------------------------------------------------------
def _tekst(waarde: float, aandeel: bool, ster: bool = False) -> str:
    if waarde is None or pd.isna(waarde):
        return ONDERDRUKT
    return (pct(waarde) if aandeel else getal(waarde, 1)) + ("*" if ster else "")


def _met_markeringen(data: pd.DataFrame, toetsen_: dict[str, dict[str, Toets | None]]) -> pd.DataFrame:
    """Adds ``ster`` (bool) to the figure data: the star of each wave (none on the reference)."""
    data = data.copy()
    data["ster"] = [bool(markeringen(toetsen_[s])[g]) if g in METINGEN and s in toetsen_ else False
                    for s, g in zip(data["schaal"], data["groep"])]
    return data


def _groepsstaven(ax, data: pd.DataFrame, schalen: list[str], labels: list[str], *, aandeel: bool, fontsize: float = 7,
                  tekst_draai: int = 0) -> list[str]:
    """Grouped vertical bars: per outcome the waves (and the reference where present)."""
    groepen = [g for g in [*METINGEN, REFERENTIE] if g in set(data["groep"])]
    breedte = 0.8 / len(groepen)
    schaal = 100.0 if aandeel else 1.0
    top = float(np.nanmax(data["waarde"].to_numpy(dtype=float))) * schaal if data["waarde"].notna().any() else 1.0
    for i, g in enumerate(groepen):
        sub = data[data["groep"] == g].set_index("schaal").reindex(schalen)
        for k, s in enumerate(schalen):
            if s not in sub.index or pd.isna(sub.loc[s, "n"]) and pd.isna(sub.loc[s, "waarde"]):
                continue
            pos = k + (i - (len(groepen) - 1) / 2) * breedte
            v = sub.loc[s, "waarde"]
            h = 0.0 if pd.isna(v) else float(v) * schaal
            ax.bar(pos, h, width=breedte * 0.95, color=KLEUREN[g], edgecolor="white")
            ax.text(pos, h + top * 0.015, _tekst(v, aandeel, bool(sub.loc[s].get("ster", False))), ha="center", va="bottom",
                    fontsize=fontsize, rotation=tekst_draai)
    ax.set_xticks(range(len(schalen)), labels)
    return groepen


def _legenda(ax, groepen: list[str], referentie_label: str = "Referentiegroep") -> None:
    labels = {**GROEP_LABELS, REFERENTIE: referentie_label}
    ax.legend(handles=[Patch(facecolor=KLEUREN[g], label=labels[g]) for g in groepen],
              loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=len(groepen))


def _alt_waarden(data: pd.DataFrame, schalen: list[str], namen: dict[str, str], aandeel: bool,
                 referentie_label: str = "referentiegroep") -> str:
    delen = []
    for s in schalen:
        sub = data[data["schaal"] == s].set_index("groep")
        waarden = ", ".join(f"{referentie_label if g == REFERENTIE else g} {_tekst(sub.loc[g, 'waarde'], aandeel)}"
                            for g in [*METINGEN, REFERENTIE] if g in sub.index)
        n_tekst = _n_tekst(sub) if METINGEN[0] in sub.index else getal(0)
        delen.append(f"{_klein(namen[s])} ({n_tekst} kinderen): {waarden}")
    return "; ".join(delen)


def _klein(tekst: str) -> str:
    """Lower case for running text, except abbreviations (PTSS) and the T of T-scores."""
    return " ".join(w if w.isupper() or w.startswith("(T") else w.lower() for w in tekst.split(" "))


def _ster_noot() -> str:
    return (f"Een sterretje (* p < {stat(ALPHA)}) betekent dat de meting significant verschilt "
            "van de volgende: T0 van T1, T1 van T2 en T2 van de referentiegroep.")


def figuur_aandeel(nummer: str, data: pd.DataFrame, scope_naam: str) -> Figuur:
    """Figuur 6.1, 6.3, 6.5 and 6.7: the share per wave (and in the reference group), grouped by
    series where a figure has more than one (Figuur 6.1: per informant)."""
    schalen = [s for s in FIGUREN[nummer] if s in set(data["schaal"])]
    namen = {s: UITKOMSTEN[s]["label"] for s in schalen}
    titel, label = FIGUUR_META[nummer]
    with stijl():
        fig, ax = plt.subplots(figsize=(7.0, 4.2) if len(schalen) > 1 else (6.0, 4.0))
        groepen = _groepsstaven(ax, data, schalen, [namen[s] for s in schalen] if len(schalen) > 1 else [""],
                                aandeel=True, fontsize=8)
        if len(schalen) == 1:
            ax.set_xticks([])
        ax.set_ylim(0, 105)
        ax.set_ylabel("Percentage kinderen")
        ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0f}%"))
        _legenda(ax, groepen)
    alt = (f"Staafdiagram: {titel[0].lower() + titel[1:]} ({scope_naam}; kinderen met gegevens op alle drie de "
           f"meetmomenten). " + _alt_waarden(data, schalen, namen, True) + ".")
    return Figuur(id=f"figuur-{nummer}", label=label, titel=titel, alt=alt, data=data, fig=fig)


def figuur_gemiddelden(nummer: str, data: pd.DataFrame, scope_naam: str) -> Figuur:
    """Figuur 6.2, 6.4, 6.6 and 6.8: mean score per series, per wave and reference/norm group.
    Figuur 6.4 has one panel per informant (sum scores; SIMS-PR items 1-5, SIS items 1-4)."""
    titel, label = FIGUUR_META[nummer]
    schalen_alle = [s for s in FIGUREN[nummer] if s in set(data["schaal"])]
    ref_label = "Normgroep (T = 50)" if nummer == "6.8" else "Referentiegroep"
    ref_label = ref_label.replace("50", getal(KIDSCREEN_NORM_T))
    with stijl():
        if nummer == "6.4":
            fig, assen = plt.subplots(1, 2, figsize=(8.0, 4.4))
            panelen = [("ouder", "Ouders (SIMS-PR)"), ("kind", "Kinderen (SIS)")]
        else:
            fig, ax = plt.subplots(figsize=(8.0, 4.4))
            assen, panelen = [ax], [(None, None)]
        for ax, (wie, kop) in zip(assen, panelen):
            schalen = [s for s in schalen_alle if wie is None or UITKOMSTEN[s].get("informant") == wie]
            labels = [s.rsplit("_", 1)[-1] if wie else UITKOMSTEN[s]["label"] for s in schalen]
            if wie:
                labels = ["ER" if x == "OER" else x for x in labels]
            # Figuur 6.4 and 6.6 have four narrow bars per series whose values lie close together:
            # upright labels would run into each other, so every label stands vertically above its
            # own bar (tests/test_hoofdstuk6.py checks that no two labels overlap).
            staand = nummer in ("6.4", "6.6") or len(schalen) > 4
            groepen = _groepsstaven(ax, data[data["schaal"].isin(schalen)], schalen, labels, aandeel=False,
                                    fontsize=7 if nummer in ("6.4", "6.6") else 6 if len(schalen) > 4 else 7,
                                    tekst_draai=90 if staand else 0)
            # The panels of Figuur 6.4 share one y-axis, so the informants can be compared.
            sub = data if nummer == "6.4" else data[data["schaal"].isin(schalen)]
            top = float(np.nanmax(sub["waarde"].to_numpy(dtype=float))) if sub["waarde"].notna().any() else 1.0
            ax.set_ylim(0, top * (1.3 if nummer in ("6.4", "6.6") else 1.25))
            decimalen = 1 if nummer in ("6.2", "6.4") else 0
            ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _, d=decimalen: getal(v, d)))
            if kop:
                ax.set_title(kop, fontsize=9)
            if len(schalen) > 4:
                ax.tick_params(axis="x", labelsize=8)
        assen[0].set_ylabel({"6.2": "Gemiddelde score (1-5)", "6.4": "Gemiddelde somscore (vanaf 0)", "6.6": "Gemiddelde T-score",
                             "6.8": "Gemiddelde T-score"}[nummer])
        if nummer == "6.4":
            assen[0].legend(handles=[Patch(facecolor=KLEUREN[g], label=GROEP_LABELS[g]) for g in groepen],
                            loc="upper center", bbox_to_anchor=(1.1, -0.1), ncol=len(groepen))
        else:
            _legenda(assen[0], groepen, ref_label)
    namen = {s: (("ouders " if UITKOMSTEN[s]["informant"] == "ouder" else "kind ") + UITKOMSTEN[s]["label"])
             if nummer == "6.4" else UITKOMSTEN[s]["label"] for s in schalen_alle}
    alt = (f"Staafdiagram: {titel[0].lower() + titel[1:]} ({scope_naam}), gemiddelde score per meting"
           f"{' en in de ' + _klein(ref_label) if REFERENTIE in set(data['groep']) else ''}. "
           + _alt_waarden(data, schalen_alle, namen, False, _klein(ref_label)) + ".")
    return Figuur(id=f"figuur-{nummer}", label=label, titel=titel, alt=alt, data=data, fig=fig)


def figuur(nummer: str, data: pd.DataFrame, toetsen_: dict[str, dict[str, Toets | None]], scope_naam: str) -> Figuur:
    """One figure of the chapter from the data of every outcome (:func:`per_meting`): its own
    outcomes, with the stars of :func:`markeringen` in column ``ster``."""
    sub = _met_markeringen(data[data["schaal"].isin(FIGUREN[nummer])].reset_index(drop=True), toetsen_)
    if nummer in ("6.1", "6.3", "6.5", "6.7"):
        return figuur_aandeel(nummer, sub, scope_naam)
    return figuur_gemiddelden(nummer, sub, scope_naam)


#: The file with the sex breakdown behind the prose on boys and girls (relative to the scope folder).
SEKSE_BESTAND = "figures/h06-sekse.csv"


def schrijf_sekse(out, sekse: pd.DataFrame) -> None:
    """Write the boys/girls means and shares (after the small-cell rule) next to the figures."""
    from pathlib import Path

    pad = Path(out) / SEKSE_BESTAND
    pad.parent.mkdir(parents=True, exist_ok=True)
    sekse.to_csv(pad, index=False, lineterminator="\n")


def samenhang_uitkomsten() -> list[str]:
    """The outcomes of §6.7: every outcome of Figuur 6.1-6.8 (not the separate aggressive behaviours)."""
    return [u for fig in ("6.1", "6.2", "6.3", "6.4", "6.5", "6.6", "6.7", "6.8") for u in FIGUREN[fig]]


# -- facts for the prose ----------------------------------------------------------------------------
def _vergelijking(t: Toets | None, studie_hoger: bool | None) -> str:
    """Dutch verdict of the children vs the reference: "hoger", "lager" or "niet verschillend"
    (direction from the unsuppressed data, so a hidden regional value keeps its verdict)."""
    if t is None or not is_betekenisvol(t) or studie_hoger is None:
        return "niet verschillend"
    return "hoger" if studie_hoger else "lager"


def _gunstig(richting_: str, hoger_beter: bool) -> str:
    if richting_ not in ("toegenomen", "afgenomen"):
        return "gelijk"
    return "verbeterd" if (richting_ == "toegenomen") == hoger_beter else "verslechterd"


def _sekse_feit(t: Toets, sekse: pd.DataFrame, u: str, m: str) -> dict:
    """One wave's sex comparison: the test, and which sex scores higher when it is meaningful
    and both values may be shown (a hidden regional value is not described)."""
    r = sekse[(sekse["schaal"] == u) & (sekse["meting"] == m)].set_index("geslacht")["waarde"]
    j, mj = r.get("jongen"), r.get("meisje")
    zichtbaar = j is not None and mj is not None and pd.notna(j) and pd.notna(mj)
    hoger = ""
    if is_betekenisvol(t) and zichtbaar:
        if UITKOMSTEN[u]["aandeel"]:
            hoger = "jongens" if j > mj else "meisjes"
        else:
            hoger = "jongens" if t.statistiek > 0 else "meisjes"
    aandeel = UITKOMSTEN[u]["aandeel"]
    return {"toets": toets_feit(t), "hoger": hoger, "jongens": _tekst(j, aandeel), "meisjes": _tekst(mj, aandeel)}


def _uitkomst_feit(u: str, data: pd.DataFrame, t: dict[str, Toets | None], sekse: pd.DataFrame) -> dict:
    spec = UITKOMSTEN[u]
    rij = data[data["schaal"] == u].set_index("groep")
    w = {m: rij["waarde"].get(m) for m in METINGEN}
    feit = verloop_feit(w, {m: _tekst(v, spec["aandeel"]) for m, v in w.items()}, t["verloop"])
    ref = rij["waarde"].get(REFERENTIE) if REFERENTIE in rij.index else None
    feit.update(
        label=naam(u), aandeel=bool(spec["aandeel"]), n=_n_tekst(rij),
        toonbaar=all(pd.notna(v) for v in w.values()),
        oordeel=_gunstig(feit["richting"], spec["hoger_beter"]) if feit["toets"]["betekenisvol"] else "gelijk",
        **{k: {"toets": toets_feit(t[k]), "betekenisvol": bool(is_betekenisvol(t[k])),
               "richting": _richting_paar(w, k)} for k in ("T0_T1", "T1_T2", "T0_T2")},
        heeft_referentie=t["T2_referentie"] is not None,
        referentie=_tekst(ref, spec["aandeel"]) if ref is not None else "",
    )
    if t["T2_referentie"] is not None:
        feit["vs_referentie_T2"] = {"toets": toets_feit(t["T2_referentie"]),
                                    "verschil": _vergelijking(t["T2_referentie"], t.get("T2_studie_hoger"))}
    feit["sekse"] = {m: _sekse_feit(t[f"sekse_{m}"], sekse, u, m) for m in METINGEN}
    feit["sekse_metingen"] = [m for m in METINGEN if feit["sekse"][m]["hoger"]]
    return feit


def _n_tekst(rij: pd.DataFrame) -> str:
    """The number of children of an outcome; hidden (symbol) when a wave was suppressed and the
    number itself is below the minimum cell size."""
    golven = rij.reindex(METINGEN)
    n = int(golven["n"].iloc[0]) if golven["n"].notna().any() else 0
    verborgen = not bool(golven["toonbaar"].fillna(False).all())
    return ONDERDRUKT if verborgen and not basis_toonbaar(n) else getal(n)


def _richting_paar(w: dict, k: str) -> str:
    a, b = k.split("_")
    va, vb = w.get(a), w.get(b)
    if va is None or vb is None or pd.isna(va) or pd.isna(vb):
        return "onbekend"
    return "toegenomen" if vb > va else "afgenomen" if vb < va else "gelijk gebleven"


def _eo_itembereik(instrument: str) -> str:
    """What one item of a SIMS-PR / SIS subscale counts, e.g. "0 tot en met 4": the answer scale
    of the codebook, shifted to start at 0 when the scorer counts the items from 0 (rule
    ``emotionele_veiligheid_score`` = "som_vanaf_0")."""
    punten = sorted(int(k) for k in _CB.antwoordschaal(_CB.instrument(instrument)["antwoordschaal"])["waarden"])
    laag, hoog = punten[0], punten[-1]
    verschuiving = laag if sk.EMOTIONELE_VEILIGHEID_VANAF_0 else 0
    return f"{getal(laag - verschuiving)} tot en met {getal(hoog - verschuiving)}"


def feiten(
    scores: pd.DataFrame,
    referentie: pd.DataFrame,
    per_meting_data: pd.DataFrame,
    toetsen_: dict[str, dict[str, Toets | None]],
    moeder_vader: dict[str, dict[str, Toets]],
    sekse: pd.DataFrame,
    verloop_gezin: pd.DataFrame,
    samenhang_t: dict[str, dict[str, object]],
    samenhang_data: pd.DataFrame,
) -> dict:
    """Every number and verdict chapter 6's prose uses (formatted nl-NL). Expects the data after
    the small-cell rule (hidden values missing); hidden values print as the symbol."""
    kinderen = scores.drop_duplicates("kind_id")
    f: dict = {
        "n_kinderen": getal(int(kinderen["kind_id"].nunique())),
        "n_gezinnen": getal(int(kinderen["gezin_id"].nunique())),
        "n_referentie": getal(int(len(referentie))),
        "alfa": f"p < {stat(ALPHA)}",
        "ster_noot": _ster_noot(),
        "ster_noot_zonder_referentie": (f"Een sterretje (* p < {stat(ALPHA)}) betekent dat de meting significant verschilt "
                                        "van de volgende: T0 van T1 en T1 van T2."),
        "leeftijd": {naam_: [getal(a) for a in _CB.tabellen[tabel]["leeftijd"]]
                     for naam_, tabel in (("hechting_ouder", "security_scale_ouder"), ("kind", "security_scale_kind"),
                                          ("trauma_ouder", "tscyc"), ("eo_ouder", "sims_pr"))},
        "leeftijd_middelen": getal(_CB.regel("isrd_leeftijd_12_18")),
        "n_kidscreen": getal(len(sk.KIDSCREEN_DOMEINEN)),
        "n_eo_subschalen": getal(len(sk.EO_SUBSCHALEN)),
        "eo_itembereik": {wie: _eo_itembereik(instrument) for wie, instrument in (("ouder", "sims_pr"), ("kind", "sis"))},
        "kidscreen_norm": getal(KIDSCREEN_NORM_T),
        "uitkomsten": {u: _uitkomst_feit(u, per_meting_data, toetsen_[u], sekse) for u in toetsen_},
    }
    uk = f["uitkomsten"]
    # Figuur 6.2: mother vs father.
    mv = {}
    for wie, per in moeder_vader.items():
        d = [abs(per[m].effect) for m in METINGEN if is_betekenisvol(per[m])]
        mv[wie] = {
            **{g: toets_feit(t) for g, t in per.items()},
            "moeder_veiliger_alle": all(is_betekenisvol(per[m]) and per[m].statistiek > 0 for m in METINGEN),
            "vader_veiliger_alle": all(is_betekenisvol(per[m]) and per[m].statistiek < 0 for m in METINGEN),
            "d_min": stat(min(d)) if d else "", "d_max": stat(max(d)) if d else "",
            "p_max": p_waarde(max(per[m].p for m in METINGEN)) if all(pd.notna(per[m].p) for m in METINGEN) else "",
        }
        if REFERENTIE in per:
            mv[wie]["referentie_moeder_veiliger"] = bool(is_betekenisvol(per[REFERENTIE]) and per[REFERENTIE].statistiek > 0)
    f["moeder_vader"] = mv
    # Lists the prose enumerates.
    def lijst(fig: str, pred) -> list[str]:
        return [u for u in FIGUREN[fig] if u in uk and pred(uk[u])]

    f["lijsten"] = {}
    for fig in ("6.4", "6.6", "6.8", "6.7-agressie"):
        f["lijsten"][fig] = {
            "afgenomen": lijst(fig, lambda x: x["toets"]["betekenisvol"] and x["richting"] == "afgenomen"),
            "toegenomen": lijst(fig, lambda x: x["toets"]["betekenisvol"] and x["richting"] == "toegenomen"),
            "niet_veranderd": lijst(fig, lambda x: not x["toets"]["betekenisvol"]),
            "alle_paren": lijst(fig, lambda x: x["T0_T1"]["betekenisvol"] and x["T1_T2"]["betekenisvol"]),
            "alleen_T0_T2": lijst(fig, lambda x: x["T0_T2"]["betekenisvol"] and not (x["T0_T1"]["betekenisvol"] and x["T1_T2"]["betekenisvol"])),
            "T2_hoger": lijst(fig, lambda x: x.get("vs_referentie_T2", {}).get("verschil") == "hoger"),
            "T2_lager": lijst(fig, lambda x: x.get("vs_referentie_T2", {}).get("verschil") == "lager"),
            "T2_gelijk": lijst(fig, lambda x: x["heeft_referentie"] and x["vs_referentie_T2"]["verschil"] == "niet verschillend"),
            "sekse": lijst(fig, lambda x: bool(x["sekse_metingen"])),
            "T0_T1_betekenisvol": lijst(fig, lambda x: x["T0_T1"]["betekenisvol"]),
            "T1_T2_betekenisvol": lijst(fig, lambda x: x["T1_T2"]["betekenisvol"]),
        }
    f["agressie_namen"] = {f"isrd_{g}": naam for g, naam in AGRESSIE_NAMEN.items()}

    # §6.7
    groepen = verloop_gezin["groep"].value_counts()
    sh: dict = {
        "n_gezinnen": {g: getal(int(groepen.get(g, 0))) for g in [*VERLOOP_GROEPEN, "geen_geweld_t0"]},
        "uitkomsten": {},
    }
    for u, t in samenhang_t.items():
        spec = UITKOMSTEN[u]
        sub = samenhang_data[samenhang_data["uitkomst"] == u]
        per_groep, toonbaar = {}, True
        for g in VERLOOP_GROEPEN:
            r = sub[sub["groep"] == g].set_index("meting")
            toonbaar = toonbaar and bool(r["waarde"].notna().all())
            per_groep[g] = {m: _tekst(r["waarde"].get(m), spec["aandeel"]) for m in METINGEN}
            per_groep[f"n_{g}"] = getal(int(r["n"].get(METINGEN[0], 0)))
        sterker = bool(t["sterker_bij_afname"])
        sh["uitkomsten"][u] = {
            "label": naam(u), "toets": toets_feit(t["samenhang"]),
            "samenhang": bool(is_betekenisvol(t["samenhang"]) and sterker), "sterker_bij_afname": sterker,
            "toonbaar": toonbaar, **per_groep,
            "T1_T2": {"toets": toets_feit(t["T1_T2"]), "betekenisvol": bool(is_betekenisvol(t["T1_T2"]))},
        }
    shu = sh["uitkomsten"]

    def groep(fig: str) -> dict:
        met = [u for u in FIGUREN[fig] if u in shu and shu[u]["samenhang"]]
        eff = [samenhang_t[u]["samenhang"].effect for u in met]
        return {"met": met, "zonder": [u for u in FIGUREN[fig] if u in shu and not shu[u]["samenhang"]],
                "effect_min": stat(min(eff)) if eff else "", "effect_max": stat(max(eff)) if eff else "",
                "t1_t2_niet": [u for u in met if not shu[u]["T1_T2"]["betekenisvol"]]}

    sh["groepen"] = {fig: groep(fig) for fig in ("6.1", "6.2", "6.3", "6.4", "6.5", "6.6", "6.7", "6.8")}
    f["samenhang"] = sh
    return f
