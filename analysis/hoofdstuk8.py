"""Chapter 8 — "Als het geweld niet stopt": families where the violence stopped ("geen geweld")
versus families where it went on ("wel geweld") at T2: Figuur 8.1–8.11 and Tabel 8.1.

Pure functions from the snapshot's tables to the chapter's items and facts; the notebook
``notebooks/08_geweld_stopt_niet.ipynb`` only calls them and writes what they return. Violence
per family comes from :mod:`analysis.scoring` (via :func:`analysis.hoofdstuk4.totaal_geweld`),
the groups from :func:`analysis.scoring.geweld_gestopt`, the parents' outcomes from
:func:`analysis.hoofdstuk5.ouder_scores`, the children's from
:func:`analysis.scoring_kinderen.kind_scores`, risk factors from :mod:`analysis.risicofactoren`
and help from :mod:`analysis.scoring_hulp`. This module only selects, aggregates, tests and
formats.

Analysis decisions (the report does not specify them, §8.2-§8.4, methods of the catalogue):

* Groups: families that took part in all three waves (``h4.totaal_geweld``) with a violence
  category at T2. "geen geweld" = total-violence category "geen" at T2 (no child maltreatment,
  fewer than four mild and no severe partner-violence incidents in the past half year);
  "wel geweld" = "mild" or "ernstig" at T2. A parent or child belongs to the group of his or
  her family.
* Incidents (Figuur 8.1–8.3): incidents per year per family (partner violence + child
  maltreatment, each alone), with the groups of the total violence in all three figures (the
  captions speak of "wel en geen geweld"). The share of families without child maltreatment
  and without partner violence at T2 (the 26% of the text) is over the same families.
* Group × time: per outcome the mixed ANOVA (sphericity assumed) on the subjects with a value
  at every wave: the group × time interaction ("verschil in verloop", partial η², thresholds
  of a group difference) from :func:`analysis.stats.mixed_anova`, and the main effect of group
  ("verschil op alle drie de meetmomenten", partial η² = SS_group / (SS_group + SS_subjects
  within groups)) from :func:`analysis.stats.mixed_anova_groep`. Per wave the groups are
  compared with the independent t-test (d; sign: wel − geen) or, for a 0/1 outcome, Pearson χ²
  (φ). Within each group the change over the waves is
  the RM-ANOVA. The means printed in the figures are over the same subjects as the tests.
* Reference group: at T2 each group against the national reference group (t-test, d; χ², φ
  for a share), also for a regional scope.
* Children: every child with a row of :func:`kind_scores` in all three waves (the N=475 of
  §8.4.1); trauma (Figuur 8.4) is the share with clinical trauma (``getraumatiseerd``; the text
  speaks of the percentage of children with trauma complaints); PTSS (8.5) the T-score
  ``trauma_posttraumatische_stress``. Emotional insecurity per subscale (Tabel 8.1) is the sum
  score with every item counted from 0 (the scorer's rule ``emotionele_veiligheid_score`` =
  "som_vanaf_0": Tabel 8.1 prints values below the lowest sum of items counted from 1). The
  report's table mixes the parents' (SIMS-PR, children 3-12) and the children's reports (SIS,
  8-18) without saying how; here, per child and wave, the mean of the available reports' sum
  scores (the parents' lists already averaged by the scorer, then SIMS-PR and SIS averaged), like
  the trauma scores of the interface: a child of 3-7 counts with the parents' report, one of
  13-18 with its own, one of 8-12 with the mean of both. The two lists have different numbers of
  items per subscale and answer scales (SIMS-PR 0-4, SIS 0-3 per item), so a mixed mean is only a
  rough common level; the reference group is combined the same way. Overall insecurity (8.6) is
  the mean of the four subscale sums. Quality of life (8.7)
  is the Kidscreen-10 T-score.
* Background (§8.2, last paragraph): per family one parent (the lowest ``ouder_id`` among the
  parents in all three waves, a fixed stand-in for the report's random choice) with the risk
  factors at T0 (χ², φ), the number of risk factors (t, d), and the family's violence at T0:
  severe, mild (χ², φ) and incidents per year (t, d).
* Help (§8.3): per help category of Tabel 7.1/7.4 (and informal help), received at any wave,
  χ² (φ) of help × "geweld gestopt" among parents and among children; φ gets the sign of the
  difference in the share of stopped violence (negative = fewer stopped with that help).
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pandas as pd

from analysis import hoofdstuk4 as h4
from analysis import risicofactoren as rf
from analysis import scoring
from analysis.codebook import load_codebook
from analysis.disclosure import ONDERDRUKT, ONDERDRUKT_UITLEG, aandeel_toonbaar, basis_toonbaar
from analysis.feiten import richting, toets_feit
from analysis.figures import PALET_DUO, Figuur, stijl  # sets the Agg backend before pyplot is imported
from analysis.formatting import getal, pct
from analysis.populatie import ouders_alle_metingen
from analysis.stats import Toets, chi2_phi, is_betekenisvol, mixed_anova, mixed_anova_groep, rm_anova, t_test_ind
from analysis.tables import Tabel

import matplotlib.pyplot as plt  # noqa: E402  (after analysis.figures: Agg backend)
from matplotlib.lines import Line2D  # noqa: E402

_CB = load_codebook()
METINGEN: list[str] = _CB.metingen
#: The two groups of the chapter, in the order of the figures' legends.
GROEPEN: dict[str, str] = {"geen": "geen geweld", "wel": "wel geweld"}
REFERENTIE = "referentie"
#: Line colour, marker and line style per group: two hues that differ in lightness, and
#: markers/line styles, so the figures read in greyscale.
STIJL_GROEP: dict[str, dict] = {
    "geen": {"color": PALET_DUO[1], "marker": "o", "linestyle": "-"},
    "wel": {"color": PALET_DUO[0], "marker": "s", "linestyle": "--"},
}

#: Incident measures of Figuur 8.1–8.3: column of the family frame, figure id, label, title text.
INCIDENTEN: dict[str, dict] = {
    "totaal": {"id": "figuur-8.1", "label": "fig-incidenten-groepen", "naam": "huiselijk geweld en kindermishandeling",
               "as": "Incidenten per jaar (partnergeweld en kindermishandeling)", "titel": "HG/KM"},
    "totaal_kind": {"id": "figuur-8.2", "label": "fig-kindermishandeling-groepen", "naam": "kindermishandeling",
                    "as": "Incidenten kindermishandeling per jaar", "titel": "kindermishandeling"},
    "totaal_partner": {"id": "figuur-8.3", "label": "fig-partnergeweld-groepen", "naam": "partnergeweld",
                       "as": "Incidenten partnergeweld per jaar", "titel": "partnergeweld"},
}

#: Emotional-security subscales of Tabel 8.1 (report's row labels) in the table's order.
EO_TABEL: dict[str, str] = {"OER": "Emotionele bemoeienis", "BD": "Gedragsregulatie",
                            "OA": "Openlijke vermijding", "OI": "Openlijke bemoeienis"}
#: Children's trauma scales (kind_scores ``trauma_<schaal>``) with the prose's names.
KIND_TRAUMA: dict[str, str] = {"posttraumatische_stress": "PTSS", "angst": "angst", "depressie": "depressie",
                               "boosheid": "woede", "dissociatie": "dissociatie", "seksuele_problematiek": "seksuele zorgen"}

#: Children's outcomes: column → prose label, share (0/1) or mean, whether higher is better.
KIND_UITKOMSTEN: dict[str, dict] = {
    "getraumatiseerd": {"label": "het percentage kinderen met klinische traumaklachten", "aandeel": True, "hoger_beter": False},
    **{f"trauma_{s}": {"label": n, "aandeel": False, "hoger_beter": False} for s, n in KIND_TRAUMA.items()},
    "emotionele_onveiligheid": {"label": "de emotionele onveiligheid", "aandeel": False, "hoger_beter": False},
    **{f"eo_{s}": {"label": lab.lower(), "aandeel": False, "hoger_beter": False} for s, lab in EO_TABEL.items()},
    "kidscreen_kidscreen10": {"label": "de kwaliteit van leven", "aandeel": False, "hoger_beter": True},
    "probleemgedrag_aantal": {"label": "het probleemgedrag", "aandeel": False, "hoger_beter": False},
    "hechting_door_moeder": {"label": "de hechting volgens moeders", "aandeel": False, "hoger_beter": True},
    "hechting_door_vader": {"label": "de hechting volgens vaders", "aandeel": False, "hoger_beter": True},
    "hechting_kind_over_moeder": {"label": "de hechting met moeder volgens het kind", "aandeel": False, "hoger_beter": True},
    "hechting_kind_over_vader": {"label": "de hechting met vader volgens het kind", "aandeel": False, "hoger_beter": True},
}
#: Parents' outcomes (columns of h5.ouder_scores).
OUDER_TSI: dict[str, str] = {"angstige_opwinding": "angst", "depressie": "depressie", "woede": "woede",
                             "herbeleving": "herbeleving", "dissociatie": "dissociatie"}
OUDER_UITKOMSTEN: dict[str, dict] = {
    "getraumatiseerd": {"label": "het percentage ouders met klinische traumaklachten", "aandeel": True, "hoger_beter": False},
    **{s: {"label": n, "aandeel": False, "hoger_beter": False} for s, n in OUDER_TSI.items()},
    "opvoedstress": {"label": "de opvoedstress", "aandeel": False, "hoger_beter": False},
    "kwaliteit_van_leven": {"label": "de kwaliteit van leven", "aandeel": False, "hoger_beter": True},
    "veiligheid": {"label": "de veiligheidsbeleving", "aandeel": False, "hoger_beter": True},
}

#: Outcome figures: id → (children/parents, column, label, y-axis, title). The title follows the caption.
UITKOMST_FIGUREN: dict[str, dict] = {
    "figuur-8.4": {"wie": "kinderen", "kolom": "getraumatiseerd", "label": "fig-trauma-kinderen-groepen",
                   "as": "Kinderen met klinische traumaklachten", "titel": "Traumaklachten voor kinderen"},
    "figuur-8.5": {"wie": "kinderen", "kolom": "trauma_posttraumatische_stress", "label": "fig-ptss-kinderen-groepen",
                   "as": "Gemiddelde T-score PTSS", "titel": "Gemiddelde PTSS-klachten voor kinderen"},
    "figuur-8.6": {"wie": "kinderen", "kolom": "emotionele_onveiligheid", "label": "fig-onveiligheid-kinderen-groepen",
                   "as": "Gemiddelde somscore onveiligheid (vanaf 0)", "titel": "Gemiddelde emotionele onveiligheid voor kinderen"},
    "figuur-8.7": {"wie": "kinderen", "kolom": "kidscreen_kidscreen10", "label": "fig-kwaliteit-kinderen-groepen",
                   "as": "Gemiddelde T-score Kidscreen-10", "titel": "Gemiddelde kwaliteit van leven voor kinderen"},
    "figuur-8.8": {"wie": "ouders", "kolom": "depressie", "label": "fig-depressie-ouders-groepen",
                   "as": "Gemiddelde T-score depressie (TSI)", "titel": "Gemiddelde depressieklachten van ouders"},
    "figuur-8.9": {"wie": "ouders", "kolom": "opvoedstress", "label": "fig-opvoedstress-groepen",
                   "as": "Gemiddelde opvoedstress (NOSI-K)", "titel": "Gemiddelde opvoedstress voor ouders"},
    "figuur-8.10": {"wie": "ouders", "kolom": "kwaliteit_van_leven", "label": "fig-kwaliteit-ouders-groepen",
                    "as": "Gemiddeld rapportcijfer", "titel": "Gemiddelde kwaliteit van leven van ouders"},
    "figuur-8.11": {"wie": "ouders", "kolom": "veiligheid", "label": "fig-veiligheid-ouders-groepen",
                    "as": "Gemiddeld rapportcijfer", "titel": "Gemiddelde veiligheidsbeleving van ouders"},
}

#: Background of §8.2: column → prose label; 0/1 factors get χ², the others a t-test.
ACHTERGROND: dict[str, dict] = {
    "laagopgeleid": {"label": "een laag opleidingsniveau", "aandeel": True},
    "armoede": {"label": "een laag inkomen", "aandeel": True},
    "alleenstaand": {"label": "alleenstaand ouderschap", "aandeel": True},
    "werkloos": {"label": "geen (of weinig) betaald werk", "aandeel": True},
    "ace": {"label": "kindermishandeling in de eigen jeugd", "aandeel": True},
    "alcohol": {"label": "risicovol alcoholgebruik", "aandeel": True},
    "cumulatie": {"label": "een cumulatie van risicofactoren", "aandeel": True},
    "aantal": {"label": "het aantal risicofactoren", "aandeel": False},
    "ernstig_T0": {"label": "ernstig of veelvuldig geweld bij de melding", "aandeel": True},
    "mild_T0": {"label": "mild geweld bij de melding", "aandeel": True},
    "incidenten_T0": {"label": "het aantal incidenten bij de melding", "aandeel": False},
}
#: Help categories of §8.3 (columns of scoring_hulp.hulpcategorieen) with the prose's names.
HULP: dict[str, str] = {
    "hulp_km_hg": "hulp gericht op huiselijk geweld en kindermishandeling (Veilig Thuis, MDCK, opvang)",
    "maatschappelijk_werk": "maatschappelijk werk en zelfstandige psychologen of pedagogen",
    "wijkteam": "het wijkteam",
    "ggz": "de ggz",
    "jeugd_opvoedhulp": "jeugd- en opvoedhulp",
    "verslavingszorg": "de verslavingszorg",
    "verstandelijke_beperking": "hulp bij een verstandelijke beperking",
    "medisch": "medische hulp",
    "jeugdbescherming": "de jeugdbescherming",
    "anders": "andere formele hulp",
    "informeel": "informele hulp",
}


# -- groups -------------------------------------------------------------------------------------
def geweld_groepen(tabellen: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per family with violence data at T2 (of the families in all three waves): ``gezin_id``
    and ``groep`` ("geen" = violence stopped, "wel" = not), sorted by family."""
    gestopt = scoring.geweld_gestopt(h4.totaal_geweld(tabellen))
    uit = pd.DataFrame({"gezin_id": gestopt.index.astype(str), "groep": np.where(gestopt.to_numpy(), "geen", "wel")})
    return uit.sort_values("gezin_id", kind="stable").reset_index(drop=True)


def groep_aantallen(groepen: pd.DataFrame, *, beveiligen: bool = False) -> pd.DataFrame:
    """Number and share of families per group (``groep``, ``aantal``, ``n``, ``aandeel``,
    ``toonbaar``); a regional share obeys the small-cell rule on both sides."""
    n = int(len(groepen))
    rijen = []
    for g in GROEPEN:
        a = int((groepen["groep"] == g).sum())
        toonbaar = aandeel_toonbaar(a, n) if beveiligen else n > 0
        rijen.append({"groep": g, "aantal": a if toonbaar else math.nan, "n": n,
                      "aandeel": a / n if toonbaar and n else math.nan, "toonbaar": bool(toonbaar)})
    return pd.DataFrame(rijen)


# -- tests --------------------------------------------------------------------------------------
def _compleet(df: pd.DataFrame, subject: str, kolom: str) -> pd.DataFrame:
    """Rows of the subjects with a value of ``kolom`` in every wave (and a group)."""
    d = df.dropna(subset=[kolom, "groep"])
    d = d[d["meting"].isin(METINGEN)]
    aantal = d.groupby(subject)["meting"].nunique()
    return d[d[subject].isin(aantal[aantal == len(METINGEN)].index)]


def _vergelijk_groepen(df: pd.DataFrame, kolom: str, aandeel: bool) -> Toets:
    """Groups compared in one wave: χ² (φ) for a 0/1 outcome, else t (d; sign wel − geen)."""
    if aandeel:
        return chi2_phi(df, x="groep", y=kolom)
    return t_test_ind(df, group="groep", dv=kolom, levels=("wel", "geen"))


def uitkomst_toetsen(df: pd.DataFrame, subject: str, uitkomsten: dict[str, dict],
                     referentie: pd.DataFrame | None = None) -> dict[str, dict[str, Toets]]:
    """Per outcome: "groep" (main effect of group), "interactie" (group × time), per wave the
    groups compared ("T0", "T1", "T2"), the RM-ANOVA within each group ("verloop_geen",
    "verloop_wel") and, where the reference group has the outcome, each group at T2 against it
    ("ref_geen", "ref_wel"). All on the subjects complete over the waves."""
    uit: dict[str, dict[str, Toets]] = {}
    for u, spec in uitkomsten.items():
        if u not in df:
            continue
        d = _compleet(df, subject, u)
        t = {"groep": mixed_anova_groep(d, subject=subject, within="meting", between="groep", dv=u),
             "interactie": mixed_anova(d, subject=subject, within="meting", between="groep", dv=u)}
        for m in METINGEN:
            t[m] = _vergelijk_groepen(d[d["meting"] == m], u, spec["aandeel"])
        for g in GROEPEN:
            t[f"verloop_{g}"] = rm_anova(d[d["groep"] == g], subject=subject, within="meting", dv=u)
        if referentie is not None and u in referentie and referentie[u].notna().any():
            for g in GROEPEN:
                studie = d.loc[(d["meting"] == METINGEN[-1]) & (d["groep"] == g), [u]].assign(vergelijking=g)
                ref = referentie[[u]].dropna().assign(vergelijking=REFERENTIE)
                samen = pd.concat([studie, ref], ignore_index=True)
                t[f"ref_{g}"] = (chi2_phi(samen, x="vergelijking", y=u) if spec["aandeel"]
                                 else t_test_ind(samen, group="vergelijking", dv=u, levels=(g, REFERENTIE)))
        uit[u] = t
    return uit


def verloop_per_groep(df: pd.DataFrame, subject: str, uitkomsten: dict[str, dict],
                      referentie: pd.DataFrame | None = None, *, beveiligen: bool = False) -> pd.DataFrame:
    """Mean (or share) per outcome, group and wave over the subjects complete over the waves
    (as in the tests), plus the reference group's mean as ``groep`` "referentie" (``meting``
    empty) where it has the outcome. Columns: uitkomst, groep, meting, waarde, n, aantal (0/1
    outcomes), toonbaar. With ``beveiligen`` a regional mean needs a base of at least the
    minimum cell size and a share the small-cell rule on both sides; the national reference
    group is never hidden."""
    rijen = []
    for u, spec in uitkomsten.items():
        if u not in df:
            continue
        d = _compleet(df, subject, u)
        for g in GROEPEN:
            for m in METINGEN:
                w = d.loc[(d["groep"] == g) & (d["meting"] == m), u].astype(float)
                n = int(len(w))
                aantal = int(w.sum()) if spec["aandeel"] else math.nan
                if spec["aandeel"]:
                    toonbaar = aandeel_toonbaar(aantal, n) if beveiligen else n > 0
                else:
                    toonbaar = basis_toonbaar(n) if beveiligen else n > 0
                # A regional base below the minimum is itself hidden (it is a count of a small group).
                n_tonen = n if not beveiligen or basis_toonbaar(n) else math.nan
                rijen.append({"uitkomst": u, "groep": g, "meting": m, "waarde": float(w.mean()) if toonbaar else math.nan,
                              "n": n_tonen, "aantal": aantal if toonbaar else math.nan, "toonbaar": bool(toonbaar)})
        if referentie is not None and u in referentie and referentie[u].notna().any():
            w = referentie[u].dropna().astype(float)
            rijen.append({"uitkomst": u, "groep": REFERENTIE, "meting": "", "waarde": float(w.mean()), "n": int(len(w)),
                          "aantal": int(w.sum()) if spec["aandeel"] else math.nan, "toonbaar": True})
    return pd.DataFrame(rijen, columns=["uitkomst", "groep", "meting", "waarde", "n", "aantal", "toonbaar"])


# -- §8.2: incidents per group ------------------------------------------------------------------
def incidenten_per_gezin(tabellen: dict[str, pd.DataFrame], groepen: pd.DataFrame) -> pd.DataFrame:
    """Per family with a group and wave: incidents per year (``totaal``, ``totaal_kind``,
    ``totaal_partner``), the categories, and ``groep``."""
    totaal = h4.totaal_geweld(tabellen)
    uit = totaal.merge(groepen, on="gezin_id", how="inner")
    return uit.sort_values(["gezin_id", "meting"], kind="stable").reset_index(drop=True)


def incidenten_toetsen(gezin: pd.DataFrame) -> dict[str, dict[str, Toets]]:
    """Per incident measure (Figuur 8.1–8.3) the tests of :func:`uitkomst_toetsen`."""
    spec = {k: {"aandeel": False} for k in INCIDENTEN}
    return uitkomst_toetsen(gezin, "gezin_id", spec)


def zonder_geweld_t2(gezin: pd.DataFrame, *, beveiligen: bool = False) -> dict[str, dict]:
    """Share of families without child maltreatment ("kind") and without partner violence
    ("partner") at T2 (category "geen"), over the families with a group."""
    t2 = gezin[gezin["meting"] == METINGEN[-1]]
    uit = {}
    for soort, kolom in (("kind", "categorie_kind"), ("partner", "categorie_partner")):
        w = t2[kolom].dropna()
        n, a = int(len(w)), int((w == scoring.CATEGORIEEN[0]).sum())
        toonbaar = aandeel_toonbaar(a, n) if beveiligen else n > 0
        uit[soort] = {"aantal": a if toonbaar else math.nan, "n": n, "aandeel": a / n if toonbaar and n else math.nan,
                      "toonbaar": bool(toonbaar)}
    return uit


def kinderen_populatie(kinderen: pd.DataFrame, *, beveiligen: bool = False) -> dict:
    """The children of §8.4.1: number (``n``), number and share in the group "geen geweld"
    (``aantal``, ``aandeel``; small-cell rule for a region)."""
    per = kinderen.drop_duplicates("kind_id")
    n, a = int(len(per)), int((per["groep"] == "geen").sum())
    toonbaar = aandeel_toonbaar(a, n) if beveiligen else n > 0
    return {"n": n, "aantal": a if toonbaar else math.nan, "aandeel": a / n if toonbaar and n else math.nan,
            "toonbaar": bool(toonbaar)}


def _extra_rij(uitkomst: str, meting: str, waarden: dict) -> pd.DataFrame:
    """One row of a figure's data for a number the text gives about the figure (not plotted)."""
    return pd.DataFrame([{"uitkomst": uitkomst, "groep": "alle", "meting": meting, "waarde": waarden["aandeel"],
                          "n": waarden["n"], "aantal": waarden["aantal"], "toonbaar": waarden["toonbaar"]}])


# -- figures ------------------------------------------------------------------------------------
def _n_tekst(n) -> str:
    """A group size for labels and prose: the suppression symbol when hidden (missing)."""
    return ONDERDRUKT if n is None or pd.isna(n) else getal(int(n))


def _n_groep(sub: pd.DataFrame, g: str) -> float:
    """The (complete-case) size of group ``g`` in one outcome's data; NaN when hidden."""
    n = sub.loc[sub["groep"] == g, "n"]
    return float(n.max()) if n.notna().any() else math.nan


def _tekst(v, aandeel: bool) -> str:
    if v is None or pd.isna(v):
        return ONDERDRUKT
    return pct(v, 1) if aandeel else getal(v, 1)


def _tick_decimalen(ticks) -> int:
    """The fewest decimals (0-2) that print every tick value exactly."""
    for d in range(3):
        if all(abs(v * 10**d - round(v * 10**d)) < 1e-6 for v in ticks):
            return d
    return 2


def figuur_verloop(item: str, label: str, titel: str, data: pd.DataFrame, uitkomst: str, y_label: str, scope_naam: str,
                   omschrijving: str, *, aandeel: bool = False, ondergrens_nul: bool = True) -> Figuur:
    """Line chart: the mean (or share, in percent) of one outcome per group over T0–T1–T2,
    each point labelled; the reference group (where present) as a dotted horizontal line."""
    sub = data[data["uitkomst"] == uitkomst]
    factor = 100.0 if aandeel else 1.0
    with stijl():
        fig, ax = plt.subplots()
        handles = []
        alle = []
        for g, naam in GROEPEN.items():
            r = sub[sub["groep"] == g].set_index("meting").reindex(METINGEN)
            y = r["waarde"].astype(float) * factor
            alle.extend(y.dropna().tolist())
            st = STIJL_GROEP[g]
            ax.plot(range(len(METINGEN)), y.to_numpy(), color=st["color"], marker=st["marker"], linestyle=st["linestyle"],
                    linewidth=1.8, markersize=6)
            handles.append(Line2D([], [], color=st["color"], marker=st["marker"], linestyle=st["linestyle"],
                                  label=f"{naam} (n={_n_tekst(_n_groep(sub, g))})"))
        ref = sub[sub["groep"] == REFERENTIE]
        if not ref.empty:
            rv = float(ref["waarde"].iloc[0]) * factor
            alle.append(rv)
            ax.axhline(rv, color="#555555", linestyle=":", linewidth=1.2)
            handles.append(Line2D([], [], color="#555555", linestyle=":", label="referentiegroep"))
        top = max(alle) if alle else 1.0
        bodem = 0.0 if ondergrens_nul else (min(alle) if alle else 0.0)
        marge = (top - bodem) * 0.06 if top > bodem else max(abs(top) * 0.05, 0.5)
        reeksen = {g: sub[sub["groep"] == g].set_index("meting").reindex(METINGEN)["waarde"] for g in GROEPEN}
        for g in GROEPEN:
            ander = reeksen["geen" if g == "wel" else "wel"]
            for i, (m, v) in enumerate(reeksen[g].items()):
                if pd.isna(v):  # a hidden value: the symbol just above the x axis, in the group's colour
                    ax.annotate(ONDERDRUKT, (i, 0.04 if g == "geen" else 0.12), xycoords=("data", "axes fraction"),
                                ha="center", fontsize=8, color=STIJL_GROEP[g]["color"])
                    continue
                yv = float(v) * factor
                # The higher of the two groups is labelled above its point, the lower below.
                boven = pd.isna(ander[m]) or pd.isna(v) or v > ander[m] or (v == ander[m] and g == "wel")
                ax.annotate(_tekst(v, aandeel), (i, yv), textcoords="offset points", xytext=(0, 7 if boven else -14),
                            ha="center", fontsize=8, color=STIJL_GROEP[g]["color"])
        if ondergrens_nul:
            ax.set_ylim(-0.1 * top if top > 0 else -0.1, top * 1.2 if top > 0 else 1.0)
        else:
            ax.set_ylim(bodem - 3 * marge, top + 3 * marge)
        ax.set_xticks(range(len(METINGEN)), METINGEN)
        ax.set_xlim(-0.3, len(METINGEN) - 0.7)
        ax.set_ylabel(y_label)
        if aandeel:
            ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0f}%"))
        else:  # Dutch decimal comma, as many decimals as the tick step needs (at most two)
            ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _, a=ax: getal(v, _tick_decimalen(a.get_yticks()))))
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=len(handles))
    delen = []
    for g, naam in GROEPEN.items():
        r = sub[sub["groep"] == g].set_index("meting").reindex(METINGEN)
        delen.append(f"{naam} (n={_n_tekst(_n_groep(sub, g))}): "
                     + ", ".join(f"{m} {_tekst(r.loc[m, 'waarde'], aandeel)}" for m in METINGEN))
    if not ref.empty:
        delen.append(f"referentiegroep {_tekst(ref['waarde'].iloc[0], aandeel)}")
    alt = (f"Lijndiagram van {omschrijving} op T0, T1 en T2 voor de groep 'geen geweld' en de groep 'wel geweld' "
           f"({scope_naam}). " + "; ".join(delen) + ".")
    return Figuur(id=item, label=label, titel=titel, alt=alt, data=sub.reset_index(drop=True), fig=fig)


def figuur_incidenten(data: pd.DataFrame, kolom: str, scope_naam: str, zonder_t2: dict | None = None) -> Figuur:
    """Figuur 8.1 (total), 8.2 (child maltreatment) or 8.3 (partner violence). With
    ``zonder_t2`` (:func:`zonder_geweld_t2`) the data of 8.2/8.3 also hold the share of
    families without that violence at T2 (uitkomst ``zonder_kind_T2`` / ``zonder_partner_T2``)."""
    spec = INCIDENTEN[kolom]
    titel = (f"Verschil tussen wel en geen geweld en het gemiddelde aantal incidenten {spec['titel']} op de drie "
             f"meetmomenten")
    figuur = figuur_verloop(spec["id"], spec["label"], titel, data, kolom, spec["as"], scope_naam,
                            f"het gemiddelde aantal incidenten {spec['naam']} per gezin per jaar")
    soort = {"totaal_kind": "kind", "totaal_partner": "partner"}.get(kolom)
    if zonder_t2 is not None and soort:
        extra = _extra_rij(f"zonder_{soort}_T2", METINGEN[-1], zonder_t2[soort])
        figuur = dataclasses.replace(figuur, data=pd.concat([figuur.data, extra], ignore_index=True))
    return figuur


def figuur_uitkomst(item: str, data: pd.DataFrame, scope_naam: str, populatie: dict | None = None) -> Figuur:
    """Figuur 8.4–8.11: one outcome of the children or the parents per group over the waves.
    With ``populatie`` (:func:`kinderen_populatie`, Figuur 8.4) the data also hold the children
    of §8.4.1 and the share of them in the group "geen geweld" (uitkomst ``kinderen_geen_geweld``)."""
    spec = UITKOMST_FIGUREN[item]
    uitkomsten = KIND_UITKOMSTEN if spec["wie"] == "kinderen" else OUDER_UITKOMSTEN
    aandeel = uitkomsten[spec["kolom"]]["aandeel"]
    sub = data[data["uitkomst"] == spec["kolom"]]
    n = [_n_groep(sub, g) for g in GROEPEN]
    # The total is printed only when both groups are shown (else it would reveal the hidden one).
    titel = (f"{spec['titel']} uit de groepen ‘wel’ en ‘geen’ geweld op de drie meetmomenten"
             + ("" if any(pd.isna(x) for x in n) else f" (N={getal(int(sum(n)))})"))
    omschrijving = f"{uitkomsten[spec['kolom']]['label']} ({spec['wie']})"
    figuur = figuur_verloop(item, spec["label"], titel, data, spec["kolom"], spec["as"], scope_naam, omschrijving,
                            aandeel=aandeel, ondergrens_nul=aandeel or spec["kolom"] in ("kwaliteit_van_leven", "veiligheid"))
    if populatie is not None:
        extra = _extra_rij("kinderen_geen_geweld", "", populatie)
        figuur = dataclasses.replace(figuur, data=pd.concat([figuur.data, extra], ignore_index=True))
    return figuur


# -- §8.2: background -----------------------------------------------------------------------------
def achtergrond(tabellen: dict[str, pd.DataFrame], groepen: pd.DataFrame) -> pd.DataFrame:
    """Per family with a group: the risk factors at T0 of one parent (the lowest ``ouder_id``
    among the parents in all three waves), the number of risk factors, and the family's
    violence at T0 (``ernstig_T0``, ``mild_T0`` 1/0, ``incidenten_T0``)."""
    ouders = ouders_alle_metingen(tabellen)[["ouder_id", "gezin_id"]]
    ouders = ouders[ouders["gezin_id"].isin(groepen["gezin_id"])].sort_values("ouder_id", kind="stable")
    gekozen = ouders.drop_duplicates("gezin_id")
    risico = rf.risicofactoren(tabellen)
    risico = risico[risico["meting"] == METINGEN[0]].drop(columns="meting")
    for kolom in [*rf.FACTOREN, "aantal", "cumulatie"]:
        risico[kolom] = pd.to_numeric(risico[kolom].astype("Float64"), errors="coerce").astype(float)
    uit = groepen.merge(gekozen, on="gezin_id", how="left").merge(risico, on="ouder_id", how="left")
    totaal = h4.totaal_geweld(tabellen)
    t0 = totaal[totaal["meting"] == METINGEN[0]].set_index("gezin_id")
    uit["ernstig_T0"] = uit["gezin_id"].map(t0["categorie"] == "ernstig").astype(float)
    uit["mild_T0"] = uit["gezin_id"].map(t0["categorie"] == "mild").astype(float)
    uit["incidenten_T0"] = uit["gezin_id"].map(t0["totaal"]).astype(float)
    return uit.sort_values("gezin_id", kind="stable").reset_index(drop=True)


def achtergrond_toetsen(achtergrond_: pd.DataFrame) -> dict[str, Toets]:
    """Per background characteristic: χ² (φ) of group × a 0/1 factor, t-test (d; wel − geen)
    for a number."""
    return {k: (chi2_phi(achtergrond_, x="groep", y=k) if spec["aandeel"]
                else t_test_ind(achtergrond_, group="groep", dv=k, levels=("wel", "geen")))
            for k, spec in ACHTERGROND.items() if k in achtergrond_}


def achtergrond_per_groep(achtergrond_: pd.DataFrame) -> pd.DataFrame:
    """Share (0/1 factors) or mean per characteristic and group (for the direction of a
    difference; the prose prints only the tests)."""
    rijen = []
    for k in ACHTERGROND:
        if k not in achtergrond_:
            continue
        for g in GROEPEN:
            w = achtergrond_.loc[achtergrond_["groep"] == g, k].dropna()
            rijen.append({"kenmerk": k, "groep": g, "waarde": float(w.mean()) if len(w) else math.nan, "n": int(len(w))})
    return pd.DataFrame(rijen, columns=["kenmerk", "groep", "waarde", "n"])


# -- §8.3: help -----------------------------------------------------------------------------------
def hulp_ouders(tabellen: dict[str, pd.DataFrame], groepen: pd.DataFrame) -> pd.DataFrame:
    """Per parent in all three waves of a family with a group: the help categories received
    during the study (IPS and ISS of the parent, any wave; parents who never answered are left
    out) and ``groep``."""
    from analysis import scoring_hulp

    ips = scoring_hulp.ontvangen_periode(scoring_hulp.ontvangen_per_meting(tabellen["ips_ouder"], "ips_ouder"))
    iss = scoring_hulp.ontvangen_periode(scoring_hulp.ontvangen_per_meting(tabellen["iss_ouder"], "iss_ouder"))
    ontvangen = ips.merge(iss, on="ouder_id", how="outer", suffixes=("", "_iss"))
    ontvangen["bekend"] = ontvangen["bekend"].fillna(False).astype(bool) | ontvangen["bekend_iss"].fillna(False).astype(bool)
    cat = scoring_hulp.hulpcategorieen(ontvangen.drop(columns="bekend_iss"))
    cat = cat[cat["bekend"]]
    ouders = ouders_alle_metingen(tabellen)[["ouder_id", "gezin_id"]].merge(groepen, on="gezin_id")
    uit = ouders.merge(cat[["ouder_id", *[h for h in HULP if h in cat]]], on="ouder_id", how="inner")
    return uit.sort_values("ouder_id", kind="stable").reset_index(drop=True)


def hulp_kinderen(tabellen: dict[str, pd.DataFrame], groepen: pd.DataFrame) -> pd.DataFrame:
    """Per child of a family with a group: the help categories the child received during the
    study (parents' and own reports, :func:`analysis.scoring_hulp.ontvangen_kind`) and ``groep``."""
    from analysis import scoring_hulp

    ontvangen = scoring_hulp.ontvangen_kind(tabellen["ips_ouder_kind"], tabellen["iss_ouder_kind"], tabellen["ips_kind"],
                                            tabellen["iss_kind"])
    cat = scoring_hulp.hulpcategorieen(ontvangen)
    cat = cat[cat["bekend"]]
    kinderen = tabellen["kinderen"][["kind_id", "gezin_id"]].merge(groepen, on="gezin_id")
    uit = kinderen.merge(cat[["kind_id", *[h for h in HULP if h in cat]]], on="kind_id", how="inner")
    return uit.sort_values("kind_id", kind="stable").reset_index(drop=True)


def met_teken(t: Toets, verschil: float) -> Toets:
    """φ with the sign of ``verschil`` (negative = fewer families with stopped violence among
    those with the help)."""
    if pd.isna(t.effect) or pd.isna(verschil) or verschil >= 0:
        return t
    return dataclasses.replace(t, effect=-abs(t.effect))


def hulp_toetsen(hulp: pd.DataFrame) -> dict[str, Toets]:
    """Per help category: χ² (φ, signed) of receiving it × violence stopped."""
    d = hulp.assign(gestopt=(hulp["groep"] == "geen").astype(float))
    uit = {}
    for h in HULP:
        if h not in d:
            continue
        x = d[h].astype(float)
        per = d["gestopt"].groupby(x).mean()
        verschil = float(per.get(1.0, math.nan) - per.get(0.0, math.nan))
        uit[h] = met_teken(chi2_phi(d.assign(hulp=x), x="hulp", y="gestopt"), verschil)
    return uit


# -- Tabel 8.1 ------------------------------------------------------------------------------------
def kind_uitkomsten(kind: pd.DataFrame, groepen: pd.DataFrame) -> pd.DataFrame:
    """Children's scores (from ``kind_scores``) of the children with a row in all three waves
    and a group, with the combined emotional-insecurity scores (``eo_<X>``: mean of SIMS-PR and
    SIS; ``emotionele_onveiligheid``: mean of the four subscales) and ``groep``."""
    d = voeg_eo_toe(kind).merge(groepen, on="gezin_id", how="inner")
    aantal = d.groupby("kind_id")["meting"].nunique()
    d = d[d["kind_id"].isin(aantal[aantal == len(METINGEN)].index)]
    return d.sort_values(["kind_id", "meting"], kind="stable").reset_index(drop=True)


def voeg_eo_toe(scores: pd.DataFrame) -> pd.DataFrame:
    """Add ``eo_<X>`` (mean of the available parent and child report per subscale) and
    ``emotionele_onveiligheid`` (mean of the four subscales; NaN unless all four are known)."""
    d = scores.copy()
    for s in EO_TABEL:
        kolommen = [k for k in (f"eo_ouder_{s}", f"eo_kind_{s}") if k in d]
        d[f"eo_{s}"] = d[kolommen].astype(float).mean(axis=1) if kolommen else math.nan
    d["emotionele_onveiligheid"] = d[[f"eo_{s}" for s in EO_TABEL]].mean(axis=1, skipna=False)
    return d


def ouder_uitkomsten(scores: pd.DataFrame, groepen: pd.DataFrame) -> pd.DataFrame:
    """Parents' scores (``h5.ouder_scores``) with the group of their family."""
    return scores.merge(groepen, on="gezin_id", how="inner").sort_values(["ouder_id", "meting"], kind="stable").reset_index(drop=True)


def tabel_8_1(data: pd.DataFrame, toetsen: dict[str, dict[str, Toets]]) -> Tabel:
    """Mean emotional insecurity per subscale at T2 per group and in the reference group, with
    the main effect of group over T0–T1–T2 (η² and p)."""
    from analysis.formatting import p_waarde, stat

    kolommen = ["Schaal", "T2 geen geweld", "T2 wel geweld", "Referentiegroep", "Verschil wel/geen geweld over T0-T1-T2"]
    rijen = []
    for s, label in EO_TABEL.items():
        u = f"eo_{s}"
        sub = data[data["uitkomst"] == u]
        cel = {g: sub.loc[(sub["groep"] == g) & (sub["meting"] == METINGEN[-1]), "waarde"] for g in GROEPEN}
        ref = sub.loc[sub["groep"] == REFERENTIE, "waarde"]
        t = toetsen[u]["groep"]
        rijen.append([label, *[_tekst(cel[g].iloc[0] if len(cel[g]) else math.nan, False) for g in GROEPEN],
                      getal(ref.iloc[0], 1) if len(ref) else "", f"η² = {stat(t.effect)}, {p_waarde(t.p)}"])
    weergave = pd.DataFrame(rijen, columns=kolommen)
    toets_rijen = [{"uitkomst": f"eo_{s}", "vergelijking": "groep", **{f"toets_{k}": v for k, v in toetsen[f"eo_{s}"]["groep"].as_dict().items()}}
                   for s in EO_TABEL]
    tabel_data = pd.concat([data[data["uitkomst"].isin([f"eo_{s}" for s in EO_TABEL])].assign(rij="waarde"),
                            pd.DataFrame(toets_rijen).assign(rij="toets")], ignore_index=True)
    n = {g: _n_tekst(_n_groep(data[data["uitkomst"] == "eo_OER"], g)) for g in GROEPEN}
    verborgen = (weergave.iloc[:, 1:3] == ONDERDRUKT).any().any() or ONDERDRUKT in n.values()
    noot = (f"Gemiddelde somscore per subschaal (som van de items, elk item geteld vanaf 0; per kind het gemiddelde van de "
            f"SIMS-PR, ouder over kind, en de SIS, kind zelf, voor zover ingevuld); een hogere "
            f"score betekent meer emotionele onveiligheid. Kinderen met gegevens op alle drie de meetmomenten: "
            f"{n['geen']} in de groep ‘geen geweld’ en {n['wel']} in de groep ‘wel geweld’. De laatste kolom "
            f"geeft het hoofdeffect van de groep in een repeated measures ANOVA over T0, T1 en T2 (partiële η²)."
            + (f" {ONDERDRUKT_UITLEG}" if verborgen else ""))
    return Tabel(id="tabel-8.1", label="tbl-onveiligheid-groepen",
                 titel="Gemiddelde emotionele onveiligheid voor kinderen uit de groepen ‘wel’ en ‘geen’ geweld op het derde meetmoment",
                 weergave=weergave, data=tabel_data, noot=noot)


# -- facts ----------------------------------------------------------------------------------------
def _groep_feit(t: Toets) -> dict:
    """:func:`toets_feit` of a main effect of group, with "F" as the statistic's symbol."""
    feit = toets_feit(t)
    feit["volledig"] = feit["volledig"].replace(t.toets, "F", 1)
    return feit


def _groep_hoger(t: Toets) -> str:
    """Which group scores higher according to a t-test with sign wel − geen: "wel", "geen" or ""."""
    if pd.isna(t.statistiek) or not is_betekenisvol(t):
        return ""
    return "wel" if t.statistiek > 0 else "geen"


def _hoger_gemiddeld(data: pd.DataFrame, u: str) -> str:
    """Group with the higher mean over the three waves (unsuppressed computation of the data)."""
    sub = data[(data["uitkomst"] == u) & data["groep"].isin(list(GROEPEN))]
    per = sub.groupby("groep")["waarde"].mean()
    if per.isna().any() or len(per) < 2:
        return ""
    return "wel" if per.get("wel") > per.get("geen") else "geen" if per.get("wel") < per.get("geen") else ""


def uitkomst_feiten(data: pd.DataFrame, toetsen: dict[str, dict[str, Toets]], uitkomsten: dict[str, dict],
                    ruw: pd.DataFrame | None = None) -> dict:
    """Facts per outcome: formatted values per group and wave (and reference), each test as a
    fact, and the verdicts: ``hoger`` (the group with the higher mean when the main effect is
    meaningful), ``verloop_anders`` (interaction meaningful), ``gunstiger_bij`` (the group whose
    T0→T2 change was more favourable), per group the change ("afgenomen"/"toegenomen"/"gelijk"),
    per wave which group scores meaningfully higher, and per group the verdict against the
    reference group at T2. ``ruw`` (unsuppressed data) gives directions only."""
    ruw = data if ruw is None else ruw
    uit = {}
    for u, spec in uitkomsten.items():
        if u not in toetsen:
            continue
        t = toetsen[u]
        sub = data[data["uitkomst"] == u]
        rsub = ruw[ruw["uitkomst"] == u]
        feit: dict = {"label": spec["label"], "toonbaar": bool(sub.loc[sub["groep"].isin(list(GROEPEN)), "toonbaar"].all())}
        for g in GROEPEN:
            r = sub[sub["groep"] == g].set_index("meting")
            feit[g] = {m: _tekst(r["waarde"].get(m), spec["aandeel"]) for m in METINGEN}
            feit[g]["n"] = _n_tekst(r["n"].max()) if len(r) else "0"
            rr = rsub[rsub["groep"] == g].set_index("meting")["waarde"]
            richting_ = richting(rr.get(METINGEN[0]), rr.get(METINGEN[-1]))
            vt = t[f"verloop_{g}"]
            feit[g]["verloop"] = {"toets": toets_feit(vt), "richting": richting_ if is_betekenisvol(vt) else "gelijk"}
        ref = sub[sub["groep"] == REFERENTIE]
        feit["referentie"] = _tekst(ref["waarde"].iloc[0], spec["aandeel"]) if len(ref) else ""
        feit["groep"] = _groep_feit(t["groep"])
        feit["interactie"] = toets_feit(t["interactie"])
        feit["hoger"] = _hoger_gemiddeld(rsub, u) if is_betekenisvol(t["groep"]) else ""
        # Direction of the interaction: the change T0→T2 per group (unsuppressed).
        verandering = {}
        for g in GROEPEN:
            rr = rsub[rsub["groep"] == g].set_index("meting")["waarde"]
            verandering[g] = rr.get(METINGEN[-1], math.nan) - rr.get(METINGEN[0], math.nan)
        gunstig = ""
        if all(pd.notna(v) for v in verandering.values()) and verandering["geen"] != verandering["wel"]:
            beter_geen = (verandering["geen"] > verandering["wel"]) == spec["hoger_beter"]
            gunstig = "geen" if beter_geen else "wel"
        feit["gunstiger_bij"] = gunstig
        if feit["hoger"]:
            feit["beter_bij"] = feit["hoger"] if spec["hoger_beter"] else ("wel" if feit["hoger"] == "geen" else "geen")
        else:
            feit["beter_bij"] = ""
        feit["verloop_anders"] = bool(is_betekenisvol(t["interactie"]))
        for m in METINGEN:
            tm = t[m]
            if spec["aandeel"]:
                hoger = _hoger_in_meting(rsub, m) if is_betekenisvol(tm) else ""
            else:
                hoger = _groep_hoger(tm)
            feit[f"verschil_{m}"] = {"toets": toets_feit(tm), "hoger": hoger}
        hoger_per_meting = {feit[f"verschil_{m}"]["hoger"] for m in METINGEN}
        feit["hoger_alle_metingen"] = hoger_per_meting.pop() if len(hoger_per_meting) == 1 else ""
        for g in GROEPEN:
            if f"ref_{g}" in t:
                tr = t[f"ref_{g}"]
                rr = rsub[rsub["groep"] == g].set_index("meting")["waarde"].get(METINGEN[-1])
                rv = ref["waarde"].iloc[0] if len(ref) else math.nan
                oordeel = "niet verschillend"
                if is_betekenisvol(tr) and pd.notna(rr) and pd.notna(rv):
                    oordeel = "hoger" if rr > rv else "lager"
                feit[f"ref_{g}"] = {"toets": toets_feit(tr), "verschil": oordeel}
        uit[u] = feit
    return uit


def _hoger_in_meting(rsub: pd.DataFrame, m: str) -> str:
    r = rsub[rsub["meting"] == m].set_index("groep")["waarde"]
    if pd.isna(r.get("wel")) or pd.isna(r.get("geen")) or r.get("wel") == r.get("geen"):
        return ""
    return "wel" if r.get("wel") > r.get("geen") else "geen"


def feiten(
    groepen: pd.DataFrame,
    aantallen: pd.DataFrame,
    incidenten: pd.DataFrame,
    incidenten_t: dict[str, dict[str, Toets]],
    zonder_t2: dict[str, dict],
    achtergrond_t: dict[str, Toets],
    achtergrond_groep: pd.DataFrame,
    hulp_ouders_t: dict[str, Toets],
    hulp_kinderen_t: dict[str, Toets],
    kinderen: pd.DataFrame | None,
    kind_data: pd.DataFrame | None,
    kind_t: dict[str, dict[str, Toets]] | None,
    ouders: pd.DataFrame,
    ouder_data: pd.DataFrame,
    ouder_t: dict[str, dict[str, Toets]],
    *,
    ruw: dict[str, pd.DataFrame] | None = None,
    beveiligen: bool = False,
) -> dict:
    """Every number and verdict of chapter 8's prose (formatted nl-NL). The item data are
    expected after the small-cell rule; ``ruw`` ({"incidenten", "kinderen", "ouders"}: the
    unsuppressed data) only sets directions. Without children's scores (``kinderen`` None) the
    children's facts are absent and ``kinderen_beschikbaar`` is False."""
    ruw = ruw or {}
    per = aantallen.set_index("groep")
    n_gezinnen = int(len(groepen))
    f: dict = {
        "n_gezinnen": getal(n_gezinnen),
        "groep": {g: {"n": ONDERDRUKT if pd.isna(per.loc[g, "aantal"]) else getal(int(per.loc[g, "aantal"])),
                      "aandeel": pct(per.loc[g, "aandeel"]) if pd.notna(per.loc[g, "aandeel"]) else ONDERDRUKT}
                  for g in GROEPEN},
        "groep_toonbaar": bool(per["toonbaar"].all()),
        "zonder_t2": {s: {"aandeel": pct(v["aandeel"]) if pd.notna(v["aandeel"]) else ONDERDRUKT, "toonbaar": v["toonbaar"]}
                      for s, v in zonder_t2.items()},
    }
    inc_spec = {k: {"label": v["naam"], "aandeel": False, "hoger_beter": False} for k, v in INCIDENTEN.items()}
    f["incidenten"] = uitkomst_feiten(incidenten, incidenten_t, inc_spec, ruw.get("incidenten"))
    for k in INCIDENTEN:  # whole incidents read better in the prose
        feit = f["incidenten"][k]
        for g in GROEPEN:
            r = incidenten[(incidenten["uitkomst"] == k) & (incidenten["groep"] == g)].set_index("meting")["waarde"]
            feit[g].update({f"{m}_heel": ONDERDRUKT if pd.isna(r.get(m)) else getal(r.get(m)) for m in METINGEN})

    # §8.2: background
    richting_ = achtergrond_groep.pivot(index="kenmerk", columns="groep", values="waarde")
    ach = {}
    for k, spec in ACHTERGROND.items():
        if k not in achtergrond_t:
            continue
        t = achtergrond_t[k]
        hoger = ""
        if is_betekenisvol(t) and k in richting_.index:
            hoger = "wel" if richting_.loc[k, "wel"] > richting_.loc[k, "geen"] else "geen"
        ach[k] = {"label": spec["label"], "toets": toets_feit(t), "hoger": hoger}
    f["achtergrond"] = ach
    risico = ["laagopgeleid", "armoede", "alleenstaand", "werkloos", "ace", "alcohol", "cumulatie", "aantal"]
    f["achtergrond_verschillend"] = [k for k in risico if k in ach and ach[k]["toets"]["betekenisvol"]]
    f["achtergrond_gelijk"] = [k for k in risico if k in ach and not ach[k]["toets"]["betekenisvol"]]

    # §8.3: help
    for naam, toetsen_ in (("hulp_ouders", hulp_ouders_t), ("hulp_kinderen", hulp_kinderen_t)):
        h = {k: {"label": HULP[k], "toets": toets_feit(t), "minder_gestopt": bool(is_betekenisvol(t) and t.effect < 0),
                 "meer_gestopt": bool(is_betekenisvol(t) and t.effect > 0)} for k, t in toetsen_.items()}
        f[naam] = {"per_soort": h, "minder": [k for k in h if h[k]["minder_gestopt"]],
                   "meer": [k for k in h if h[k]["meer_gestopt"]],
                   "geen_verschil": [k for k in h if not h[k]["toets"]["betekenisvol"]],
                   "n": getal(int(max((t.n for t in toetsen_.values()), default=0)))}

    # §8.4.1 children
    f["kinderen_beschikbaar"] = kinderen is not None and kind_t is not None
    if f["kinderen_beschikbaar"]:
        pop = kinderen_populatie(kinderen, beveiligen=beveiligen)
        f["n_kinderen"] = getal(pop["n"])
        f["kinderen_geen_aandeel"] = pct(pop["aandeel"]) if pd.notna(pop["aandeel"]) else ONDERDRUKT
        f["kinderen"] = uitkomst_feiten(kind_data, kind_t, KIND_UITKOMSTEN, ruw.get("kinderen"))
        tr = [f"trauma_{s}" for s in KIND_TRAUMA if s != "posttraumatische_stress"]
        f["kind_trauma_overig_verschil"] = [u for u in tr if u in f["kinderen"] and any(
            f["kinderen"][u][f"verschil_{m}"]["toets"]["betekenisvol"] for m in ("T0", "T2"))]
        f["kind_trauma_overig_gelijk"] = [u for u in tr if u in f["kinderen"] and u not in f["kind_trauma_overig_verschil"]]
        f["kind_trauma_overig_interactie"] = [u for u in tr if u in f["kinderen"] and f["kinderen"][u]["verloop_anders"]]
        eo = [f"eo_{s}" for s in EO_TABEL]
        f["eo_geen_onder_ref"] = [u for u in eo if f["kinderen"][u].get("ref_geen", {}).get("verschil") == "lager"]
        f["eo_wel_boven_ref"] = [u for u in eo if f["kinderen"][u].get("ref_wel", {}).get("verschil") == "hoger"]

        hoofd = ["getraumatiseerd", "trauma_posttraumatische_stress", "emotionele_onveiligheid", "kidscreen_kidscreen10"]
        f["kinderen_samenvatting"] = _samenvatting(f["kinderen"], hoofd)

    # §8.4.2 parents
    n_o = ouders.drop_duplicates("ouder_id")
    f["n_ouders"] = getal(int(len(n_o)))
    f["ouders"] = uitkomst_feiten(ouder_data, ouder_t, OUDER_UITKOMSTEN, ruw.get("ouders"))
    tsi = [s for s in OUDER_TSI if s in f["ouders"]]
    f["ouder_tsi_t0_t2"] = [s for s in tsi if all(f["ouders"][s][f"verschil_{m}"]["toets"]["betekenisvol"] for m in ("T0", "T2"))]
    f["ouder_tsi_geen_verschil"] = [s for s in tsi if not any(f["ouders"][s][f"verschil_{m}"]["toets"]["betekenisvol"] for m in METINGEN)
                                    and not f["ouders"][s]["groep"]["betekenisvol"]]
    f["ouder_tsi_interactie"] = [s for s in tsi if f["ouders"][s]["verloop_anders"]]
    f["ouders_samenvatting"] = _samenvatting(f["ouders"], ["getraumatiseerd", "depressie", "opvoedstress", "kwaliteit_van_leven", "veiligheid"])
    return f


def _samenvatting(feiten_: dict, uitkomsten: list[str]) -> dict:
    """Which of the main outcomes favour which group: over the whole period ("beter_geen",
    "beter_wel": a meaningful main effect of group) and in the change over time ("sterker_geen",
    "sterker_wel": a meaningful interaction, more favourable in that group)."""
    u = [k for k in uitkomsten if k in feiten_]
    return {
        "beter_geen": [k for k in u if feiten_[k]["beter_bij"] == "geen"],
        "beter_wel": [k for k in u if feiten_[k]["beter_bij"] == "wel"],
        "sterker_geen": [k for k in u if feiten_[k]["verloop_anders"] and feiten_[k]["gunstiger_bij"] == "geen"],
        "sterker_wel": [k for k in u if feiten_[k]["verloop_anders"] and feiten_[k]["gunstiger_bij"] == "wel"],
    }
