"""Chapter 5 — violence and the wellbeing of parents and parenthood: Figuur 5.1–5.3, Tabel 5.1
and the relation between the decline of violence and each outcome (§5.6).

Pure functions from the snapshot's tables to the chapter's items and facts; the notebook
``notebooks/05_welzijn_ouders.ipynb`` only calls them and writes what they return. Scoring of
the instruments (TSI T-scores, validity, "getraumatiseerd", NOSI-K, competence, PPQ, MPF33,
MANSA report mark, sense of safety) lives in :mod:`analysis.scoring_ouders`; violence per family
in :mod:`analysis.scoring`. This module only selects, aggregates, tests and formats.

Analysis decisions (the report does not specify them, §5.6 r. 4257-4268):

* Population: parents who took part in all three waves (``ouders_alle_metingen``, the N=633
  of the captions). Shares and means per wave are over the parents with a (valid) score in
  that wave; the repeated-measures tests use the parents with a score in every wave.
* Reference group: every scope compares with the whole national reference sample (the
  reference group is not regional, so it is never suppressed).
* Change over time: RM-ANOVA T0–T1–T2 (η², Tabel 2.3). Pairwise waves (Tabel 5.1 markers):
  RM-ANOVA on the two waves (F = t² of the paired t-test). Study vs reference: independent
  t-test (d) for means, Pearson χ² (φ) for the share of traumatised parents.
* "Decline of violence": per family the category of the total violence (partner violence and
  child maltreatment, §4.2) at T0 and T2. Families with violence at T0 are split into
  "afgenomen" (a milder category at T2) and "niet afgenomen"; families without violence at T0
  have nothing to decline and are left out of the relation. The relation is the group × time
  interaction of a mixed ANOVA (partial η²); sex enters as a second between factor in its own
  mixed ANOVA (sex × time) and as a t-test of men vs women per wave.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from analysis import scoring, scoring_ouders
from analysis.codebook import load_codebook
from analysis.disclosure import ONDERDRUKT, ONDERDRUKT_UITLEG, aandeel_toonbaar, basis_toonbaar
from analysis.feiten import toets_feit, verloop_feit
from analysis.figures import Figuur, stijl  # sets the Agg backend before pyplot is imported
from analysis.formatting import getal, pct, stat
from analysis.populatie import gezinnen_alle_metingen, ouders_alle_metingen
from analysis.tables import Tabel
from analysis.stats import Toets, chi2_phi, is_betekenisvol, mixed_anova, rm_anova, t_test_ind

import matplotlib.pyplot as plt  # noqa: E402  (after analysis.figures: Agg backend)
from matplotlib.patches import Patch  # noqa: E402

_CB = load_codebook()
METINGEN: list[str] = _CB.metingen
#: The reference group's column in the tidy data of the items.
REFERENTIE = "referentie"
GROEP_LABELS = {"T0": "T0", "T1": "T1", "T2": "T2", REFERENTIE: "Referentiepopulatie"}

#: Clinical TSI scales in the order of Figuur 5.2, with the report's Dutch names (§5.3).
TSI_SCHALEN: dict[str, str] = {
    "angstige_opwinding": "Angstige opwinding",
    "depressie": "Depressie",
    "woede": "Woede",
    "herbeleving": "Herbeleving",
    "defensieve_vermijding": "Defensieve vermijding",
    "dissociatie": "Dissociatie",
    "seksuele_zorgen": "Seksuele zorgen",
    "disfunctioneel_seksueel_gedrag": "Disfunctioneel seksueel gedrag",
    "verstoord_zelfbeeld": "Verstoord zelfbeeld",
    "spanningsverminderend_gedrag": "Spanningsverminderend gedrag",
}

#: Parenting scales of Tabel 5.1: row label, instrument, whether a higher score is better.
OPVOEDING: dict[str, dict] = {
    "opvoedstress": {"label": "Opvoedstress", "instrument": "nosik", "hoger_beter": False},
    "competentie": {"label": "Ouderlijke competenties", "instrument": "nosi_competentie", "hoger_beter": False},
    "warmte": {"label": "Warmte & betrokkenheid", "instrument": "ppq_warmte", "hoger_beter": True},
    "autonomie": {"label": "Autonomie & steun", "instrument": "mpf33_autonomie", "hoger_beter": True},
}
#: Report marks of Figuur 5.3 (1-10), in the figure's order.
WELZIJN: dict[str, str] = {"veiligheid": "Veiligheidsgevoel", "kwaliteit_van_leven": "Kwaliteit van leven"}

#: Outcomes of the relation with the decline of violence (§5.6), with whether higher is better.
SAMENHANG_UITKOMSTEN: dict[str, dict] = {
    "getraumatiseerd": {"label": "percentage getraumatiseerde ouders", "hoger_beter": False, "aandeel": True},
    **{s: {"label": lab.lower(), "hoger_beter": False, "aandeel": False} for s, lab in TSI_SCHALEN.items()},
    "opvoedstress": {"label": "opvoedstress", "hoger_beter": False, "aandeel": False},
    "kwaliteit_van_leven": {"label": "kwaliteit van leven", "hoger_beter": True, "aandeel": False},
    "veiligheid": {"label": "veiligheidsgevoel", "hoger_beter": True, "aandeel": False},
}
VERLOOP_GROEPEN = {"afgenomen": "geweld afgenomen", "niet_afgenomen": "geweld niet afgenomen"}

#: Colours: the waves light to dark (greyscale-safe), the reference group in the accent colour.
KLEUREN: dict[str, str] = {"T0": "#A6CEE3", "T1": "#4F8FC0", "T2": "#12436D", REFERENTIE: "#F46A25"}


# -- scores -------------------------------------------------------------------------------------
def ouder_scores(tabellen: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every outcome of the chapter per parent and wave, for the parents who took part in all
    three waves: ``ouder_id``, ``gezin_id``, ``geslacht``, ``meting``, ``getraumatiseerd``
    (0/1; missing for an invalid TSI), one T-score column per clinical TSI scale, the four
    parenting scales, ``kwaliteit_van_leven`` and ``veiligheid`` (report marks 1-10)."""
    ouders = ouders_alle_metingen(tabellen)[["ouder_id", "gezin_id", "geslacht"]]
    scores = scoring_ouders.scores_ouders(tabellen)
    scores = scores[scores["ouder_id"].isin(ouders["ouder_id"])]
    kolommen = ["ouder_id", "meting", "getraumatiseerd", *TSI_SCHALEN, *OPVOEDING, *WELZIJN]
    uit = ouders.merge(scores[kolommen], on="ouder_id", how="inner")
    uit["getraumatiseerd"] = uit["getraumatiseerd"].astype(float)
    return uit.sort_values(["ouder_id", "meting"], kind="stable").reset_index(drop=True)


def referentie_scores(tabellen: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The reference group (measured once): ``getraumatiseerd``, the TSI scales and
    ``opvoedstress``, one row per respondent, scored like the parents. The group is national:
    pass the snapshot's unrestricted tables, also for a regional scope."""
    ref = scoring_ouders.scores_referentie(tabellen)
    return ref[["getraumatiseerd", *TSI_SCHALEN, "opvoedstress"]].assign(
        getraumatiseerd=lambda d: d["getraumatiseerd"].astype(float)).reset_index(drop=True)


def _met_referentie(scores: pd.DataFrame, referentie: pd.DataFrame, meting: str, kolom: str) -> pd.DataFrame:
    """One wave of the parents next to the reference group: columns ``groep`` and ``waarde``."""
    studie = scores.loc[scores["meting"] == meting, [kolom]].assign(groep=meting)
    ref = referentie[[kolom]].assign(groep=REFERENTIE)
    return pd.concat([studie, ref], ignore_index=True).rename(columns={kolom: "waarde"})


def vergelijk_referentie(scores: pd.DataFrame, referentie: pd.DataFrame, kolom: str, meting: str, *, aandeel: bool = False) -> Toets:
    """Parents in one wave vs the reference group: χ² (φ) for a 0/1 outcome, otherwise the
    independent t-test with Cohen's d (sign: parents minus reference)."""
    df = _met_referentie(scores, referentie, meting, kolom)
    if aandeel:
        return chi2_phi(df, x="groep", y="waarde")
    return t_test_ind(df, group="groep", dv="waarde", levels=(meting, REFERENTIE))


def verloop(scores: pd.DataFrame, kolom: str, metingen: list[str] | None = None) -> Toets:
    """RM-ANOVA over the waves (all three by default, or a pair for the markers of Tabel 5.1)."""
    sub = scores[scores["meting"].isin(metingen or METINGEN)]
    return rm_anova(sub, subject="ouder_id", within="meting", dv=kolom)


def _significant_teken(t: Toets) -> str:
    return "*" if t.significant else ""


def _vergelijking(t: Toets, studie: float, ref: float) -> str:
    """Dutch verdict of parents vs reference: "hoger", "lager" or "niet verschillend" (§2.7)."""
    if not is_betekenisvol(t) or pd.isna(studie) or pd.isna(ref):
        return "niet verschillend"
    return "hoger" if studie > ref else "lager"


# -- Figuur 5.1: traumatised parents per wave and in the reference group -------------------------
def trauma_per_meting(scores: pd.DataFrame, referentie: pd.DataFrame, *, beveiligen: bool = False) -> pd.DataFrame:
    """Number and share of traumatised parents per wave (valid TSI only) and in the reference
    group; with ``beveiligen`` the regional shares obey the small-cell rule (the national
    reference group is never hidden)."""
    rijen = []
    for m in METINGEN:
        w = scores.loc[scores["meting"] == m, "getraumatiseerd"].dropna()
        rijen.append({"groep": m, "aantal": int(w.sum()), "n": int(len(w))})
    w = referentie["getraumatiseerd"].dropna()
    rijen.append({"groep": REFERENTIE, "aantal": int(w.sum()), "n": int(len(w))})
    df = pd.DataFrame(rijen)
    df["aandeel"] = df["aantal"] / df["n"].where(df["n"] > 0)
    df["toonbaar"] = True
    if beveiligen:
        studie = df["groep"] != REFERENTIE
        df.loc[studie, "toonbaar"] = [aandeel_toonbaar(a, n) for a, n in zip(df.loc[studie, "aantal"], df.loc[studie, "n"])]
        df["aandeel"] = df["aandeel"].where(df["toonbaar"])
        df["aantal"] = df["aantal"].where(df["toonbaar"])
    return df


def _staven(ax, posities, hoogtes, kleuren, teksten, breedte, fontsize=8, horizontaal=False, marge=0.0):
    for pos, h, kleur, tekst in zip(posities, hoogtes, kleuren, teksten):
        h0 = 0.0 if pd.isna(h) else float(h)
        if horizontaal:
            ax.barh(pos, h0, height=breedte, color=kleur, edgecolor="white")
            ax.text(h0 + marge, pos, tekst, ha="left", va="center", fontsize=fontsize)
        else:
            ax.bar(pos, h0, width=breedte, color=kleur, edgecolor="white")
            ax.text(pos, h0 + marge, tekst, ha="center", va="bottom", fontsize=fontsize)


def _legenda(groepen: list[str]) -> list[Patch]:
    return [Patch(facecolor=KLEUREN[g], label=GROEP_LABELS[g]) for g in groepen]


def figuur_5_1(data: pd.DataFrame, n_ouders: int, n_referentie: int, scope_naam: str) -> Figuur:
    groepen = list(data["groep"])
    teksten = [ONDERDRUKT if pd.isna(a) else pct(a, 1) for a in data["aandeel"]]
    hoogtes = data["aandeel"].astype(float) * 100
    with stijl():
        fig, ax = plt.subplots()
        top = max(10.0, float(np.nanmax(hoogtes.to_numpy())) if hoogtes.notna().any() else 10.0)
        _staven(ax, range(len(groepen)), hoogtes, [KLEUREN[g] for g in groepen], teksten, 0.6, marge=top * 0.02)
        ax.set_xticks(range(len(groepen)), [GROEP_LABELS[g] for g in groepen])
        ax.set_ylim(0, top * 1.2)
        ax.set_ylabel("Ouders met klinische traumaklachten")
        ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0f}%"))
    alt = (
        f"Staafdiagram van het percentage ouders met klinische traumaklachten (TSI) op T0, T1 en T2 "
        f"({scope_naam}, {getal(n_ouders)} ouders) en in de referentiepopulatie ({getal(n_referentie)} personen): "
        + "; ".join(f"{GROEP_LABELS[g].lower() if g == REFERENTIE else g} {t}" for g, t in zip(groepen, teksten)) + "."
    )
    titel = f"Percentage getraumatiseerde ouders per meting (N={getal(n_ouders)}), referentiepopulatie (N={getal(n_referentie)})"
    return Figuur(id="figuur-5.1", label="fig-trauma-ouders", titel=titel, alt=alt, data=data, fig=fig)


def trauma_toetsen(scores: pd.DataFrame, referentie: pd.DataFrame) -> dict[str, Toets]:
    """Figuur 5.1: change over T0–T2 (key "verloop") and parents vs reference at T0 and T2."""
    return {
        "verloop": verloop(scores, "getraumatiseerd"),
        "T0": vergelijk_referentie(scores, referentie, "getraumatiseerd", "T0", aandeel=True),
        "T2": vergelijk_referentie(scores, referentie, "getraumatiseerd", "T2", aandeel=True),
    }


# -- Figuur 5.2: TSI scales per wave and in the reference group ---------------------------------
def gemiddelden(scores: pd.DataFrame, kolommen: list[str], referentie: pd.DataFrame | None = None,
                *, beveiligen: bool = False) -> pd.DataFrame:
    """Mean, SD and n per outcome (``schaal``) and ``groep`` (wave, or the reference group where
    it has the outcome). With ``beveiligen`` a regional mean needs a base of at least the
    minimum cell size (the reference group is national and never hidden)."""
    rijen = []
    for kolom in kolommen:
        for m in METINGEN:
            w = scores.loc[scores["meting"] == m, kolom].dropna().astype(float)
            rijen.append({"schaal": kolom, "groep": m, "gemiddelde": w.mean() if len(w) else math.nan,
                          "sd": w.std(ddof=1) if len(w) > 1 else math.nan, "n": int(len(w))})
        if referentie is not None and kolom in referentie:
            w = referentie[kolom].dropna().astype(float)
            rijen.append({"schaal": kolom, "groep": REFERENTIE, "gemiddelde": w.mean() if len(w) else math.nan,
                          "sd": w.std(ddof=1) if len(w) > 1 else math.nan, "n": int(len(w))})
    df = pd.DataFrame(rijen, columns=["schaal", "groep", "gemiddelde", "sd", "n"])
    df["toonbaar"] = True
    if beveiligen:
        studie = df["groep"] != REFERENTIE
        df.loc[studie, "toonbaar"] = [basis_toonbaar(int(n)) for n in df.loc[studie, "n"]]
        df["gemiddelde"] = df["gemiddelde"].where(df["toonbaar"])
        df["sd"] = df["sd"].where(df["toonbaar"])
    return df


def tsi_toetsen(scores: pd.DataFrame, referentie: pd.DataFrame) -> dict[str, dict[str, Toets]]:
    """Per clinical TSI scale: RM-ANOVA over T0–T2 and t-tests of T0 and T2 against the reference."""
    return {
        s: {"verloop": verloop(scores, s),
            "T0": vergelijk_referentie(scores, referentie, s, "T0"),
            "T2": vergelijk_referentie(scores, referentie, s, "T2")}
        for s in TSI_SCHALEN
    }


def figuur_5_2(data: pd.DataFrame, n_ouders: int, n_referentie: int, scope_naam: str) -> Figuur:
    """Grouped horizontal bars: per TSI scale the mean T-score at T0, T1, T2 and in the
    reference group, with the clinical limit as a dashed line."""
    groepen = [*METINGEN, REFERENTIE]
    schalen = list(TSI_SCHALEN)
    grens = float(_CB.regel("tsi_klinisch_t_min"))
    breedte = 0.8 / len(groepen)
    with stijl():
        fig, ax = plt.subplots(figsize=(7.0, 7.6))
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", visible=True)
        for i, g in enumerate(groepen):
            sub = data[data["groep"] == g].set_index("schaal").reindex(schalen)
            posities = [k + (i - (len(groepen) - 1) / 2) * breedte for k in range(len(schalen))]
            teksten = [ONDERDRUKT if pd.isna(v) else getal(v, 1) for v in sub["gemiddelde"]]
            _staven(ax, posities, sub["gemiddelde"], [KLEUREN[g]] * len(schalen), teksten, breedte * 0.95,
                    fontsize=6, horizontaal=True, marge=0.4)
        ax.axvline(grens, color="#555555", linestyle="--", linewidth=0.9)
        ax.text(grens, -0.9, f"klinische grens (T = {getal(grens)})", fontsize=7, ha="center", va="bottom", color="#555555")
        ax.set_yticks(range(len(schalen)), [TSI_SCHALEN[s] for s in schalen])
        ax.invert_yaxis()
        ax.set_xlim(0, max(grens + 10, float(np.nanmax(data["gemiddelde"].to_numpy(dtype=float))) + 8)
                    if data["gemiddelde"].notna().any() else grens + 10)
        ax.set_xlabel("Gemiddelde T-score")
        ax.legend(handles=_legenda(groepen), loc="upper center", bbox_to_anchor=(0.5, -0.07), ncol=len(groepen))
    delen = []
    for s in schalen:
        sub = data[data["schaal"] == s].set_index("groep")["gemiddelde"]
        waarden = ", ".join(f"{GROEP_LABELS[g].lower() if g == REFERENTIE else g} "
                            f"{ONDERDRUKT if pd.isna(sub.get(g)) else getal(sub.get(g), 1)}" for g in groepen)
        delen.append(f"{TSI_SCHALEN[s].lower()}: {waarden}")
    alt = (
        f"Staafdiagram van de gemiddelde T-score op de tien klinische schalen van de TSI op T0, T1 en T2 "
        f"({scope_naam}, {getal(n_ouders)} ouders) en in de referentiegroep ({getal(n_referentie)} personen); "
        f"de klinische grens ligt bij T = {getal(grens)}. " + "; ".join(delen) + "."
    )
    titel = f"Traumaklachten van ouders in de onderzoeksgroep (N={getal(n_ouders)}) en de referentiegroep (N={getal(n_referentie)})"
    return Figuur(id="figuur-5.2", label="fig-traumaklachten-ouders", titel=titel, alt=alt, data=data, fig=fig)


# -- Tabel 5.1: parenting over the three waves ---------------------------------------------------
def bereik(schaal: str) -> tuple[int, int]:
    """Theoretical range of a parenting scale from the codebook: items × answer scale for a sum
    score, the answer scale for a mean score (rule ``<instrument>_score``)."""
    instrument = OPVOEDING[schaal]["instrument"]
    waarden = sorted(int(k) for k in _CB.antwoordschaal(_CB.instrument(instrument)["antwoordschaal"])["waarden"])
    n_items = len(_CB.items(instrument))
    if _CB.regel(f"{instrument}_score") == "som":
        return n_items * waarden[0], n_items * waarden[-1]
    return waarden[0], waarden[-1]


def opvoeding_toetsen(scores: pd.DataFrame, referentie: pd.DataFrame) -> dict[str, dict[str, Toets]]:
    """Per parenting scale: RM-ANOVA T0–T2, the pairwise waves T0–T1 and T1–T2, and T2 against
    the reference group where it has the scale (only parenting stress; T0 too, for the text)."""
    uit = {}
    for s in OPVOEDING:
        t = {"verloop": verloop(scores, s), "T0_T1": verloop(scores, s, ["T0", "T1"]), "T1_T2": verloop(scores, s, ["T1", "T2"])}
        if s in referentie:
            t["T0_referentie"] = vergelijk_referentie(scores, referentie, s, "T0")
            t["T2_referentie"] = vergelijk_referentie(scores, referentie, s, "T2")
        uit[s] = t
    return uit


def tabel_5_1(data: pd.DataFrame, toetsen: dict[str, dict[str, Toets]], n_ouders: int, n_referentie: int) -> Tabel:
    # The N of the parents heads the label column (one N for all three waves), so the header line
    # stays short enough for pandoc to keep natural column widths.
    kolommen = [f"Ouders (N={getal(n_ouders)})", *METINGEN, f"Referentiepopulatie (N={getal(n_referentie)})", "Range"]
    markering = {"T0": "T0_T1", "T1": "T1_T2", "T2": "T2_referentie"}
    rijen = []
    for s, spec in OPVOEDING.items():
        sub = data[data["schaal"] == s].set_index("groep")["gemiddelde"]
        cellen = []
        for g in [*METINGEN, REFERENTIE]:
            v = sub.get(g)
            if g == REFERENTIE and (v is None or pd.isna(v)):
                cellen.append("")
                continue
            toets = toetsen[s].get(markering.get(g, ""))
            cellen.append(ONDERDRUKT if v is None or pd.isna(v) else getal(v, 1) + (_significant_teken(toets) if toets else ""))
        laag, hoog = bereik(s)
        rijen.append([spec["label"], *cellen, f"{laag}-{hoog}"])
    weergave = pd.DataFrame(rijen, columns=kolommen)
    toets_rijen = []
    for s, t in toetsen.items():
        for naam, toets in t.items():
            toets_rijen.append({"schaal": s, "vergelijking": naam, **{f"toets_{k}": v for k, v in toets.as_dict().items()}})
    tabel_data = pd.concat([data.assign(rij="waarde"), pd.DataFrame(toets_rijen).assign(rij="toets")], ignore_index=True)
    verborgen = (weergave.iloc[:, 1:5] == ONDERDRUKT).any().any()
    noot = (
        "Gemiddelde score per meting. Opvoedstress: een hogere score betekent meer stress; ouderlijke competenties: "
        "een lagere score betekent meer competentie; warmte & betrokkenheid en autonomie & steun: een hogere score "
        "betekent meer warmte en betrokkenheid of meer steun. Alleen voor opvoedstress zijn gegevens van de "
        "referentiepopulatie beschikbaar. \\* p < .05; het sterretje bij T0 staat voor het verschil tussen T0 en T1, "
        "bij T1 voor dat tussen T1 en T2 en bij T2 voor dat tussen T2 en de referentiegroep."
        + (f" {ONDERDRUKT_UITLEG}" if verborgen else "")
    )
    return Tabel(id="tabel-5.1", label="tbl-ouderschap", titel="De scores voor ouderschapscompetenties op drie meetmomenten",
                 weergave=weergave, data=tabel_data, noot=noot)


# -- Figuur 5.3: sense of safety and quality of life ---------------------------------------------
def welzijn_toetsen(scores: pd.DataFrame) -> dict[str, Toets]:
    return {s: verloop(scores, s) for s in WELZIJN}


def figuur_5_3(data: pd.DataFrame, n_ouders: int, scope_naam: str) -> Figuur:
    """Grouped bars: the mean report mark (1-10) for safety and quality of life per wave."""
    uitkomsten = list(WELZIJN)
    breedte = 0.8 / len(METINGEN)
    with stijl():
        fig, ax = plt.subplots()
        for i, m in enumerate(METINGEN):
            sub = data[data["groep"] == m].set_index("schaal").reindex(uitkomsten)
            posities = [k + (i - (len(METINGEN) - 1) / 2) * breedte for k in range(len(uitkomsten))]
            teksten = [ONDERDRUKT if pd.isna(v) else getal(v, 1) for v in sub["gemiddelde"]]
            _staven(ax, posities, sub["gemiddelde"], [KLEUREN[m]] * len(uitkomsten), teksten, breedte * 0.95, marge=0.15)
        ax.set_xticks(range(len(uitkomsten)), [WELZIJN[u] for u in uitkomsten])
        ax.set_ylim(0, 10.8)
        ax.set_yticks(range(0, 11, 2))
        ax.set_ylabel("Gemiddeld rapportcijfer")
        ax.legend(handles=_legenda(METINGEN), loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=len(METINGEN))
    delen = []
    for u in uitkomsten:
        sub = data[data["schaal"] == u].set_index("groep")["gemiddelde"]
        delen.append(f"{WELZIJN[u].lower()}: " + ", ".join(
            f"{m} {ONDERDRUKT if pd.isna(sub.get(m)) else getal(sub.get(m), 1)}" for m in METINGEN))
    alt = (f"Staafdiagram van het gemiddelde rapportcijfer (1 tot 10) dat ouders geven voor hun veiligheidsgevoel en hun "
           f"kwaliteit van leven op T0, T1 en T2 ({scope_naam}, {getal(n_ouders)} ouders). " + "; ".join(delen) + ".")
    titel = f"De gemiddelde score voor het veiligheidsgevoel van de ouders en hun kwaliteit van leven (N={getal(n_ouders)})"
    return Figuur(id="figuur-5.3", label="fig-veiligheid-kwaliteit", titel=titel, alt=alt, data=data, fig=fig)


# -- §5.6: the relation between the decline of violence and each outcome -------------------------
def geweld_verloop(tabellen: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per family in all three waves: the category of total violence (§4.2) at T0 and T2 and
    ``groep``: "afgenomen" (milder at T2), "niet_afgenomen" (violence at T0, not milder at T2)
    or "geen_geweld_t0" (no violence at T0: left out of the relation)."""
    partner = scoring.partnergeweld_gezin(tabellen["cts2"], tabellen["ouders"])
    kind = scoring.kindermishandeling_gezin(tabellen["ctspc_ouder"], tabellen["kinderen"])
    totaal = scoring.totaal_geweld_gezin(partner, kind)
    totaal = totaal[totaal["gezin_id"].isin(gezinnen_alle_metingen(tabellen))].dropna(subset=["categorie"])
    breed = totaal.pivot(index="gezin_id", columns="meting", values="categorie").reindex(columns=METINGEN)
    breed = breed.dropna(subset=[METINGEN[0], METINGEN[-1]])
    rang = {c: i for i, c in enumerate(scoring.CATEGORIEEN)}
    begin, eind = breed[METINGEN[0]].map(rang), breed[METINGEN[-1]].map(rang)
    groep = np.select([begin == 0, eind < begin], ["geen_geweld_t0", "afgenomen"], default="niet_afgenomen")
    return pd.DataFrame({"gezin_id": breed.index, "categorie_T0": breed[METINGEN[0]].to_numpy(),
                         "categorie_T2": breed[METINGEN[-1]].to_numpy(), "groep": groep}).reset_index(drop=True)


def samenhang_toetsen(scores: pd.DataFrame, verloop_gezin: pd.DataFrame) -> dict[str, dict[str, object]]:
    """Per outcome of §5.6: the decline-group × time interaction (mixed ANOVA, key "samenhang"),
    the T1–T2 change among parents whose family's violence declined ("T1_T2"), the sex × time
    interaction ("sekse"), men vs women per wave ("sekse_T0" …, t-test, sign men − women) and
    "sterker_bij_afname" (bool): the mean T0→T2 change was more favourable where violence declined."""
    df = scores.merge(verloop_gezin[["gezin_id", "groep"]], on="gezin_id", how="inner")
    df = df[df["groep"].isin(list(VERLOOP_GROEPEN))]
    uit: dict[str, dict[str, object]] = {}
    for u in SAMENHANG_UITKOMSTEN:
        t: dict[str, object] = {
            "samenhang": mixed_anova(df, subject="ouder_id", within="meting", between="groep", dv=u),
            "T1_T2": verloop(df[df["groep"] == "afgenomen"], u, ["T1", "T2"]),
            "sekse": mixed_anova(scores, subject="ouder_id", within="meting", between="geslacht", dv=u),
        }
        for m in METINGEN:
            t[f"sekse_{m}"] = t_test_ind(scores[scores["meting"] == m], group="geslacht", dv=u, levels=("man", "vrouw"))
        # Direction of the relation (on the unsuppressed data): did the outcome change more
        # favourably from T0 to T2 where the family's violence declined?
        breed = df.pivot(index="ouder_id", columns="meting", values=u).reindex(columns=METINGEN).dropna()
        groep = df.drop_duplicates("ouder_id").set_index("ouder_id")["groep"].reindex(breed.index)
        verandering = (breed[METINGEN[-1]] - breed[METINGEN[0]]).groupby(groep).mean()
        a, b = verandering.get("afgenomen"), verandering.get("niet_afgenomen")
        t["sterker_bij_afname"] = bool(a is not None and b is not None and pd.notna(a) and pd.notna(b)
                                       and ((a > b) if SAMENHANG_UITKOMSTEN[u]["hoger_beter"] else (a < b)))
        uit[u] = t
    return uit


def samenhang_gemiddelden(scores: pd.DataFrame, verloop_gezin: pd.DataFrame, *, beveiligen: bool = False) -> pd.DataFrame:
    """Mean (or share) per outcome, decline group and wave, over the parents with a score in
    every wave (as in the mixed ANOVA); a regional value needs the minimum base (shares: the
    small-cell rule on both sides)."""
    df = scores.merge(verloop_gezin[["gezin_id", "groep"]], on="gezin_id", how="inner")
    df = df[df["groep"].isin(list(VERLOOP_GROEPEN))]
    rijen = []
    for u, spec in SAMENHANG_UITKOMSTEN.items():
        breed = df.pivot(index="ouder_id", columns="meting", values=u).reindex(columns=METINGEN).dropna()
        groep = df.drop_duplicates("ouder_id").set_index("ouder_id")["groep"].reindex(breed.index)
        for g in VERLOOP_GROEPEN:
            sub = breed[groep == g]
            for m in METINGEN:
                n = int(len(sub))
                waarde = float(sub[m].mean()) if n else math.nan
                if spec["aandeel"]:
                    aantal = int(sub[m].sum())
                    toonbaar = aandeel_toonbaar(aantal, n) if beveiligen else n > 0
                else:
                    toonbaar = basis_toonbaar(n) if beveiligen else n > 0
                rijen.append({"uitkomst": u, "groep": g, "meting": m, "waarde": waarde if toonbaar else math.nan,
                              "n": n, "toonbaar": bool(toonbaar)})
    return pd.DataFrame(rijen, columns=["uitkomst", "groep", "meting", "waarde", "n", "toonbaar"])


# -- facts for the prose -------------------------------------------------------------------------
def _fmt(v, soort: str) -> str:
    if v is None or pd.isna(v):
        return ONDERDRUKT
    return pct(v, 1) if soort == "aandeel" else getal(v, 1)


def _rijen(data: pd.DataFrame, schaal: str) -> pd.Series:
    return data[data["schaal"] == schaal].set_index("groep")["gemiddelde"]


def _gunstig(richting_: str, hoger_beter: bool) -> str:
    """Whether a change is an improvement: "verbeterd", "verslechterd" or "gelijk"."""
    if richting_ not in ("toegenomen", "afgenomen"):
        return "gelijk"
    return "verbeterd" if (richting_ == "toegenomen") == hoger_beter else "verslechterd"


def feiten(
    scores: pd.DataFrame,
    referentie: pd.DataFrame,
    trauma: pd.DataFrame,
    trauma_t: dict[str, Toets],
    tsi: pd.DataFrame,
    tsi_t: dict[str, dict[str, Toets]],
    opvoeding: pd.DataFrame,
    opvoeding_t: dict[str, dict[str, Toets]],
    welzijn: pd.DataFrame,
    welzijn_t: dict[str, Toets],
    verloop_gezin: pd.DataFrame,
    samenhang_t: dict[str, dict[str, object]],
    samenhang_data: pd.DataFrame,
) -> dict:
    """Every number and verdict chapter 5's prose uses (formatted nl-NL). Expects the item data
    after the small-cell rule (hidden values missing); hidden values print as the symbol."""
    ouders = scores.drop_duplicates("ouder_id")
    n_ouders = int(len(ouders))
    geslacht = ouders["geslacht"].value_counts()
    f: dict = {
        "n_ouders": getal(n_ouders),
        "n_moeders": getal(int(geslacht.get("vrouw", 0))),
        "n_vaders": getal(int(geslacht.get("man", 0))),
        "n_referentie": getal(int(len(referentie))),
        "basis_toonbaar": basis_toonbaar(n_ouders),
    }

    # Figuur 5.1
    per = trauma.set_index("groep")
    waarden = {m: per.loc[m, "aandeel"] for m in METINGEN}
    tr = verloop_feit(waarden, {m: _fmt(v, "aandeel") for m, v in waarden.items()}, trauma_t["verloop"])
    tr["referentie"] = _fmt(per.loc[REFERENTIE, "aandeel"], "aandeel")
    # Valid TSI lists per wave and in the reference group (invalid lists are left out, §2.5.3).
    tr["n_geldig"] = {g: getal(int(n)) for g, n in per["n"].items()}
    tr["toonbaar"] = all(pd.notna(v) for v in waarden.values())
    for m in ("T0", "T2"):
        tr[f"vs_referentie_{m}"] = {"toets": toets_feit(trauma_t[m]),
                                    "verschil": _vergelijking(trauma_t[m], per.loc[m, "aandeel"], per.loc[REFERENTIE, "aandeel"])}
    f["trauma"] = tr

    # Figuur 5.2
    f["tsi"] = {}
    for s, label in TSI_SCHALEN.items():
        rij = _rijen(tsi, s)
        w = {m: rij.get(m) for m in METINGEN}
        feit = verloop_feit(w, {m: _fmt(v, "gemiddelde") for m, v in w.items()}, tsi_t[s]["verloop"])
        feit.update(label=label.lower(), referentie=_fmt(rij.get(REFERENTIE), "gemiddelde"),
                    toonbaar=all(pd.notna(v) for v in w.values()))
        for m in ("T0", "T2"):
            feit[f"vs_referentie_{m}"] = {"toets": toets_feit(tsi_t[s][m]), "verschil": _vergelijking(tsi_t[s][m], rij.get(m), rij.get(REFERENTIE))}
        f["tsi"][s] = feit
    lijst = lambda pred: [s for s in TSI_SCHALEN if pred(f["tsi"][s])]  # noqa: E731
    f["tsi_lijsten"] = {
        **{f"{m}_{v}": lijst(lambda x, m=m, v=v: x[f"vs_referentie_{m}"]["verschil"] == v)
           for m in ("T0", "T2") for v in ("hoger", "lager", "niet verschillend")},
        **{f"afgenomen_{lab}": lijst(lambda x, lab=lab: x["toets"]["betekenisvol"] and x["richting"] == "afgenomen"
                                      and x["toets"]["effect_label"] == lab) for lab in ("klein", "gemiddeld", "groot")},
        "niet_afgenomen": lijst(lambda x: not (x["toets"]["betekenisvol"] and x["richting"] == "afgenomen")),
    }
    f["tsi_lijsten"] = {k.replace(" ", "_"): v for k, v in f["tsi_lijsten"].items()}

    # Tabel 5.1
    f["opvoeding"] = {}
    for s, spec in OPVOEDING.items():
        rij = _rijen(opvoeding, s)
        w = {m: rij.get(m) for m in METINGEN}
        t = opvoeding_t[s]
        feit = verloop_feit(w, {m: _fmt(v, "gemiddelde") for m, v in w.items()}, t["verloop"])
        laag, hoog = bereik(s)
        feit.update(label=spec["label"].lower().replace("&", "en"), bereik_laag=getal(laag), bereik_hoog=getal(hoog),
                    oordeel=_gunstig(feit["richting"], spec["hoger_beter"]) if feit["toets"]["betekenisvol"] else "gelijk",
                    toonbaar=all(pd.notna(v) for v in w.values()),
                    T0_T1=toets_feit(t["T0_T1"]), T1_T2=toets_feit(t["T1_T2"]))
        if "T2_referentie" in t:
            feit["referentie"] = _fmt(rij.get(REFERENTIE), "gemiddelde")
            for m in ("T0", "T2"):
                feit[f"vs_referentie_{m}"] = {"toets": toets_feit(t[f"{m}_referentie"]),
                                              "verschil": _vergelijking(t[f"{m}_referentie"], rij.get(m), rij.get(REFERENTIE))}
        f["opvoeding"][s] = feit
    f["opvoeding_zonder_verandering"] = [s for s in OPVOEDING if s != "opvoedstress" and not f["opvoeding"][s]["toets"]["betekenisvol"]]
    f["opvoeding_met_verandering"] = [s for s in OPVOEDING if s != "opvoedstress" and f["opvoeding"][s]["toets"]["betekenisvol"]]

    # Figuur 5.3 (report marks: the answer scale of the sense-of-safety question)
    cijfers = sorted(int(k) for k in _CB.antwoordschaal(_CB.instrument("veiligheid")["antwoordschaal"])["waarden"])
    f["rapportcijfer"] = {"laag": getal(cijfers[0]), "hoog": getal(cijfers[-1])}
    f["welzijn"] = {}
    for s, label in WELZIJN.items():
        rij = _rijen(welzijn, s)
        w = {m: rij.get(m) for m in METINGEN}
        feit = verloop_feit(w, {m: _fmt(v, "gemiddelde") for m, v in w.items()}, welzijn_t[s])
        feit.update(label=label.lower(), toonbaar=all(pd.notna(v) for v in w.values()))
        f["welzijn"][s] = feit

    # §5.6
    groepen = verloop_gezin["groep"].value_counts()
    in_relatie = scores.merge(verloop_gezin[["gezin_id", "groep"]], on="gezin_id").drop_duplicates("ouder_id")
    ouders_groep = in_relatie["groep"].value_counts()
    sh: dict = {
        "n_gezinnen": {g: getal(int(groepen.get(g, 0))) for g in [*VERLOOP_GROEPEN, "geen_geweld_t0"]},
        "n_ouders": {g: getal(int(ouders_groep.get(g, 0))) for g in VERLOOP_GROEPEN},
        "uitkomsten": {},
    }
    for u, spec in SAMENHANG_UITKOMSTEN.items():
        t = samenhang_t[u]
        sub = samenhang_data[samenhang_data["uitkomst"] == u]
        per_groep, toonbaar = {}, True
        for g in VERLOOP_GROEPEN:
            r = sub[sub["groep"] == g].set_index("meting")["waarde"]
            toonbaar = toonbaar and bool(r.notna().all())
            per_groep[g] = {m: _fmt(r.get(m), "aandeel" if spec["aandeel"] else "gemiddelde") for m in METINGEN}
        sterker = bool(t["sterker_bij_afname"])
        per_meting = [t[f"sekse_{m}"] for m in METINGEN]
        mannen_lager = all(is_betekenisvol(x) and x.statistiek < 0 for x in per_meting)
        mannen_hoger = all(is_betekenisvol(x) and x.statistiek > 0 for x in per_meting)
        sh["uitkomsten"][u] = {
            "label": spec["label"],
            "toets": toets_feit(t["samenhang"]),
            "samenhang": bool(is_betekenisvol(t["samenhang"]) and sterker),
            "sterker_bij_afname": bool(sterker),
            "toonbaar": toonbaar,
            **per_groep,
            "T1_T2": {"toets": toets_feit(t["T1_T2"]), "betekenisvol": bool(is_betekenisvol(t["T1_T2"]))},
            "sekse": toets_feit(t["sekse"]),
            "sekse_niveau": "mannen lager" if mannen_lager else "mannen hoger" if mannen_hoger else "",
        }
    uk = sh["uitkomsten"]
    sh["tsi_met_samenhang"] = [s for s in TSI_SCHALEN if uk[s]["samenhang"]]
    sh["tsi_zonder_samenhang"] = [s for s in TSI_SCHALEN if not uk[s]["samenhang"]]
    sh["tsi_t1_t2_niet"] = [s for s in sh["tsi_met_samenhang"] if not uk[s]["T1_T2"]["betekenisvol"]]
    sh["tsi_sekse"] = [s for s in TSI_SCHALEN if uk[s]["sekse"]["betekenisvol"]]
    sh["tsi_sekse_niveau"] = [s for s in TSI_SCHALEN if uk[s]["sekse_niveau"]]
    effecten = [samenhang_t[s]["samenhang"].effect for s in sh["tsi_met_samenhang"]]
    sh["tsi_effect_min"] = stat(min(effecten)) if effecten else ""
    sh["tsi_effect_max"] = stat(max(effecten)) if effecten else ""
    f["samenhang"] = sh
    return f
