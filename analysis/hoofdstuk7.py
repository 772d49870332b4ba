"""Chapter 7 — formal and informal help during the year and a half after the report: Tabel
7.1–7.14 and the numbers of §7.1–7.3, §7.6 and the conclusion (§7.7).

Pure functions from the snapshot's tables to the chapter's tables and facts; the notebook
``notebooks/07_hulp.ipynb`` only calls them and writes what they return. Sections 7.4–7.5 (help
and the course of violence and wellbeing, Figuur 7.1–7.16) live in
:mod:`analysis.hoofdstuk7_verloop`. Scoring of help (received per provider type, the categories
of the tables, importance/usefulness/satisfaction) is :mod:`analysis.scoring_hulp`; the parents'
risk factors are :mod:`analysis.risicofactoren`; violence :mod:`analysis.scoring`; trauma and
parenting stress :mod:`analysis.hoofdstuk5`; the children's problems
:mod:`analysis.scoring_kinderen`. This module only selects, aggregates, tests and formats.

Analysis decisions (the report does not specify them):

* Population: parents who took part in all three waves (``ouders_alle_metingen``, the 633) and
  the children of the families that took part in all three waves (``gezinnen_alle_metingen``).
  Help tables (7.1–7.5) count those whose help is known (at least one help answer in some wave,
  rule ``hulp_ontvangen_periode``: the N=632 and N=931 of the report).
* Background problems of parents (Tabel 7.2/7.3) are their state at the first wave (T0), the
  moment of the report: partner violence = the family's partner violence (CTS2) at T0 is not
  "geen"; the seven risk factors of §2.5.5 at T0 (:func:`analysis.risicofactoren.risicofactoren`);
  trauma = clinically traumatised on the TSI at T0 (valid lists only); high parenting stress =
  a NOSI-K total at T0 at or above the 90th percentile of the national reference group
  (:data:`OPVOEDSTRESS_PERCENTIEL`; the report gives no cut-off, the reference group is the only
  norm in the data, and the 90th percentile is the usual lower bound of the clinical range of
  Dutch norm-referenced instruments). A problem's share in Tabel 7.3 is over the parents whose
  status on it is known.
* Problems of children (Tabel 7.5), also at T0: child maltreatment = the child's CTSPC category
  (parents' report) is not "geen"; trauma = ``getraumatiseerd``; insecure attachment =
  ``veilig_gehecht`` is 0; emotional insecurity = ``emotioneel_onveilig``; problem behaviour =
  ``probleemgedrag`` (teenagers' own ISRD) — all from :func:`analysis.scoring_kinderen.kind_scores`.
* Tabel 7.3 gets a Pearson χ² (φ) per problem (no help vs help): the report calls differences
  "beduidend" without a test; the prose only calls a difference meaningful when the test says so.
* Ratings (Tabel 7.6–7.14): the T2 answers (rule ``hulp_oordeel_meting``) of the raters in the
  population; the youth's "Alle formele hulp" is their own question, the parents' "Formele hulp
  totaal" and "Alle hulp samen" are per-rater means (rule ``hulp_oordeel_totaal``); parents'
  ratings of a child are averaged per child (rule ``hulp_oordeel_kind_ouders``). The N of a
  caption is the number of raters who rated at least one kind of help.
* Comparisons between kinds of help (§7.6) are paired: per rater the difference between two
  categories, tested with a one-sample t-test against 0 (Cohen's d = mean difference / SD of the
  differences), over the raters who rated both. Importance versus usefulness: the same paired
  test on each rater's "all help" row.
* "Belangrijk maar niet geholpen" (rule ``hulp_belangrijk_niet_geholpen``) counts raters (children
  for Tabel 7.12–7.14) with at least one such category, as a share of all raters.
* Regional scopes: a share is shown only under the small-cell rule (numerator and complement at
  least the minimum), a mean only with a base of at least the minimum, a group's N only when the
  share it is of may be shown (:mod:`analysis.disclosure`).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from analysis import hoofdstuk5 as h5
from analysis import risicofactoren as rf
from analysis import scoring, scoring_hulp, scoring_kinderen
from analysis.codebook import load_codebook
from analysis.disclosure import ONDERDRUKT, ONDERDRUKT_UITLEG, aandeel_toonbaar, basis_toonbaar
from analysis.feiten import toets_feit
from analysis.formatting import LEEG, getal, pct, stat
from analysis.populatie import gezinnen_alle_metingen, ouders_alle_metingen
from analysis.stats import Toets, chi2_phi, is_betekenisvol, t_test_one_sample
from analysis.tables import Tabel

_CB = load_codebook()
METINGEN: list[str] = _CB.metingen
T0 = METINGEN[0]

#: High parenting stress: NOSI-K total at or above this percentile of the reference group
#: (codebook rule ``opvoedstress_hoog_percentiel``).
OPVOEDSTRESS_PERCENTIEL: float = float(_CB.regel("opvoedstress_hoog_percentiel"))

#: Rows of Tabel 7.1/7.2 (parents) with the table's labels; children (7.4/7.5) add youth protection.
HULP_RIJEN: dict[str, str] = {
    "formeel": "Formele hulp totaal",
    "jeugdbescherming": "Jeugdbescherming",
    "ggz": "GGZ Psychische en psychiatrische zorg",
    "verslavingszorg": "Verslavingszorg",
    "jeugd_opvoedhulp": "Jeugd- en opvoedhulp",
    "verstandelijke_beperking": "Hulp verstandelijke beperkingen",
    "hulp_km_hg": "Hulp gericht op KM/HG",
    "wijkteam": "Wijkteam",
    "maatschappelijk_werk": "Maatschappelijk werk/zelfstandig psycho-/pedagogen",
    "medisch": "Medisch",
    "anders": "Anders",
    "informeel": "Informele hulp (vrienden/familie/buren)",
    "geen_hulp": "Geen hulp",
}
RIJEN_OUDERS = [r for r in HULP_RIJEN if r != "jeugdbescherming"]
RIJEN_KINDEREN = list(HULP_RIJEN)
#: How the prose names each help row (Dutch, lower case).
HULP_NAMEN: dict[str, str] = {
    "formeel": "formele hulp",
    "jeugdbescherming": "jeugdbescherming",
    "ggz": "psychische of psychiatrische zorg (GGZ)",
    "verslavingszorg": "verslavingszorg",
    "jeugd_opvoedhulp": "jeugd- en opvoedhulp",
    "verstandelijke_beperking": "hulp bij een verstandelijke beperking",
    "hulp_km_hg": "hulp gericht op huiselijk geweld en kindermishandeling",
    "wijkteam": "het wijkteam",
    "maatschappelijk_werk": "maatschappelijk werk of een zelfstandig psycholoog of pedagoog",
    "medisch": "medische hulp",
    "anders": "andere formele hulp",
    "informeel": "informele hulp",
    "geen_hulp": "geen hulp",
}

#: Background problems of parents (Tabel 7.2 columns, Tabel 7.3 rows): column label, row label, prose name.
PROBLEMEN_OUDERS: dict[str, dict[str, str]] = {
    "partnergeweld": {"kolom": "Partnergeweld", "rij": "Partnergeweld", "naam": "partnergeweld"},
    "ace": {"kolom": "4 ACE’s", "rij": "4 ACE’s", "naam": "vier of meer jeugdtrauma's (ACE's)"},
    "armoede": {"kolom": "Armoede", "rij": "Armoede", "naam": "armoede"},
    "werkloos": {"kolom": "Werkloos", "rij": "Werkloosheid", "naam": "werkloosheid"},
    "alcohol": {"kolom": "Eigen drank risico", "rij": "Eigen problematisch drankgebruik", "naam": "eigen problematisch drankgebruik"},
    "alcohol_partner": {"kolom": "Drank risico partner", "rij": "Problematisch drankgebruik (ex)partner",
                        "naam": "problematisch drankgebruik van de (ex-)partner"},
    "alleenstaand": {"kolom": "Alleenstaand", "rij": "Alleenstaand", "naam": "alleenstaand ouderschap"},
    "laagopgeleid": {"kolom": "Lage opleiding", "rij": "Lage opleiding", "naam": "een lage opleiding"},
    "trauma": {"kolom": "Trauma ouder", "rij": "Traumaklachten", "naam": "traumaklachten"},
    "opvoedstress_hoog": {"kolom": "Hoge opvoedstress", "rij": "Hoge opvoedstress", "naam": "hoge opvoedstress"},
}
#: Problems of children (Tabel 7.5 columns).
PROBLEMEN_KINDEREN: dict[str, dict[str, str]] = {
    "kindermishandeling": {"kolom": "Kindermishandeling", "naam": "kindermishandeling"},
    "kindtrauma": {"kolom": "Kindtrauma", "naam": "traumaklachten"},
    "onveilige_hechting": {"kolom": "Onveilige hechting", "naam": "onveilige hechting"},
    "emotioneel_onveilig": {"kolom": "Emotioneel onveilig", "naam": "emotionele onveiligheid"},
    "probleemgedrag": {"kolom": "Probleemgedrag (alleen tieners)", "naam": "probleemgedrag (tieners)"},
}

#: Rating categories per rater group (rows of Tabel 7.6–7.14, in the report's order).
INFORMEEL, FORMEEL_TOTAAL, ALLE_HULP = scoring_hulp.INFORMEEL, scoring_hulp.FORMEEL_TOTAAL, "alle_hulp"
OORDEEL_SOORTEN: dict[str, dict[str, str]] = {
    "jongeren": {
        INFORMEEL: "Informele hulp", "maatschappelijk_werk": "Maatschappelijk werk/zelfst. psychologen/pedagogen",
        "veilig_thuis": "Veilig Thuis", "ggz": "GGZ", "jeugd_opvoedhulp": "Jeugdhulp", FORMEEL_TOTAAL: "Alle formele hulp",
    },
    "ouders": {
        INFORMEEL: "Informele hulp", "maatschappelijk_werk": "Maatschappelijk werk", "wijkteam": "Wijkteam",
        "veilig_thuis": "Veilig Thuis", "hg_km_overig": "Huiselijk geweld & Kindermishandeling",
        "jeugd_opvoedhulp": "Jeugd- & opvoedingsondersteuning", "verslavingszorg": "Verslavingszorg", "ggz": "GGZ-hulp",
        "medisch": "Medische hulp (vooral huisarts)", FORMEEL_TOTAAL: "Formele hulp totaal", ALLE_HULP: "Alle hulp samen",
    },
    "kinderen": {
        INFORMEEL: "Informele hulp", "wijkteam": "Wijkteam", "jeugd_opvoedhulp": "Jeugd- & opvoedingsondersteuning",
        "ggz": "GGZ-hulp", FORMEEL_TOTAAL: "Formele hulp totaal", ALLE_HULP: "Alle hulp samen",
    },
}
#: How the prose names a rating category.
OORDEEL_NAMEN: dict[str, str] = {
    INFORMEEL: "informele hulp", "maatschappelijk_werk": "het maatschappelijk werk", "wijkteam": "het wijkteam",
    "veilig_thuis": "Veilig Thuis", "hg_km_overig": "de hulp bij huiselijk geweld en kindermishandeling",
    "jeugd_opvoedhulp": "de jeugd- en opvoedingsondersteuning", "verslavingszorg": "de verslavingszorg",
    "ggz": "de GGZ", "medisch": "de medische hulp", FORMEEL_TOTAAL: "de formele hulp als geheel",
    ALLE_HULP: "alle hulp samen",
}
#: Items: (table id, rater group, measure); captions per item.
OORDEEL_TABELLEN: dict[str, tuple[str, str]] = {
    "tabel-7.6": ("jongeren", "belang"), "tabel-7.7": ("jongeren", "nut"), "tabel-7.8": ("jongeren", "tevredenheid"),
    "tabel-7.9": ("ouders", "belang"), "tabel-7.10": ("ouders", "nut"), "tabel-7.11": ("ouders", "tevredenheid"),
    "tabel-7.12": ("kinderen", "belang"), "tabel-7.13": ("kinderen", "nut"), "tabel-7.14": ("kinderen", "tevredenheid"),
}
MAAT_KOLOMMEN: dict[str, tuple[str, str, str]] = {
    "belang": ("Score belang", "% (heel) belangrijk", "% (heel) onbelangrijk"),
    "nut": ("Score nut", "% (heel) goed geholpen", "% (heel) slecht geholpen"),
    "tevredenheid": ("Score nut × belang", "% (heel) tevreden", "% (heel) ontevreden"),
}
OORDEEL_TITELS: dict[tuple[str, str], str] = {
    ("jongeren", "belang"): "Het belang van de hulp volgens jongeren",
    ("jongeren", "nut"): "Het nut van de hulp volgens jongeren",
    ("jongeren", "tevredenheid"): "Tevredenheid van jongeren over de hulp (nut × belang)",
    ("ouders", "belang"): "Belang van de hulp aan de ouders",
    ("ouders", "nut"): "Nut van de hulp aan de ouders",
    ("ouders", "tevredenheid"): "Tevredenheid over de hulp aan de ouders (nut × belang)",
    ("kinderen", "belang"): "Belang van de hulp aan de kinderen volgens de ouders",
    ("kinderen", "nut"): "Nut van de hulp aan de kinderen volgens de ouders",
    ("kinderen", "tevredenheid"): "Tevredenheid over de hulp aan de kinderen volgens de ouders (nut × belang)",
}
OORDEEL_LABELS: dict[tuple[str, str], str] = {
    ("jongeren", "belang"): "tbl-belang-jongeren", ("jongeren", "nut"): "tbl-nut-jongeren",
    ("jongeren", "tevredenheid"): "tbl-tevredenheid-jongeren", ("ouders", "belang"): "tbl-belang-ouders",
    ("ouders", "nut"): "tbl-nut-ouders", ("ouders", "tevredenheid"): "tbl-tevredenheid-ouders",
    ("kinderen", "belang"): "tbl-belang-kinderen", ("kinderen", "nut"): "tbl-nut-kinderen",
    ("kinderen", "tevredenheid"): "tbl-tevredenheid-kinderen",
}


# -- helpers -------------------------------------------------------------------------------------
def _fmt_aandeel(v, decimalen: int = 1) -> str:
    return ONDERDRUKT if v is None or pd.isna(v) else pct(v, decimalen)


def _fmt_gem(v, decimalen: int = 2) -> str:
    return ONDERDRUKT if v is None or pd.isna(v) else getal(v, decimalen)


def _n_tekst(n: int, toonbaar: bool) -> str:
    return f"N={getal(n) if toonbaar else ONDERDRUKT}"


# -- help received -------------------------------------------------------------------------------
def hulp_ouders(tabellen: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The help categories over the year and a half per parent in all three waves whose help is
    known (:func:`analysis.scoring_hulp.hulpcategorieen`), with ``n_formeel`` (number of formal
    rows of Tabel 7.1 received) and ``gezin_id``."""
    ouders = ouders_alle_metingen(tabellen)[["ouder_id", "gezin_id"]]
    ips = scoring_hulp.ontvangen_periode(scoring_hulp.ontvangen_per_meting(tabellen["ips_ouder"], "ips_ouder"))
    iss = scoring_hulp.ontvangen_periode(scoring_hulp.ontvangen_per_meting(tabellen["iss_ouder"], "iss_ouder"))
    samen = ips.merge(iss.rename(columns={"bekend": "bekend_iss"}), on="ouder_id", how="outer")
    samen["bekend"] = samen["bekend"].astype("boolean").fillna(False) | samen["bekend_iss"].astype("boolean").fillna(False)
    samen = samen.drop(columns="bekend_iss")
    cat = scoring_hulp.hulpcategorieen(samen)
    cat = cat[cat["bekend"].astype(bool)].merge(ouders, on="ouder_id", how="inner")
    formele_rijen = [r for r in RIJEN_OUDERS if r not in ("formeel", "informeel", "geen_hulp")]
    cat["n_formeel"] = cat[formele_rijen].sum(axis=1)
    return cat.sort_values("ouder_id", kind="stable").reset_index(drop=True)


def kinderen_populatie(tabellen: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Children of the families that took part in all three waves (``kind_id``, ``gezin_id``)."""
    k = tabellen["kinderen"]
    return k[k["gezin_id"].isin(gezinnen_alle_metingen(tabellen))][["kind_id", "gezin_id"]].reset_index(drop=True)


def hulp_kinderen(tabellen: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The help categories per child of the population whose help is known (parents' and the
    child's own reports, rule ``hulp_kind_combinatie``)."""
    ontvangen = scoring_hulp.ontvangen_kind(tabellen["ips_ouder_kind"], tabellen["iss_ouder_kind"],
                                            tabellen["ips_kind"], tabellen["iss_kind"])
    cat = scoring_hulp.hulpcategorieen(ontvangen)
    cat = cat[cat["bekend"].astype(bool)].merge(kinderen_populatie(tabellen), on="kind_id", how="inner")
    formele_rijen = [r for r in RIJEN_KINDEREN if r not in ("formeel", "informeel", "geen_hulp")]
    cat["n_formeel"] = cat[formele_rijen].sum(axis=1)
    return cat.sort_values("kind_id", kind="stable").reset_index(drop=True)


def verdeling_hulp(hulp: pd.DataFrame, rijen: list[str], *, beveiligen: bool = False) -> pd.DataFrame:
    """Tabel 7.1/7.4: per help row the number and share of respondents (``rij``, ``aantal``,
    ``n``, ``aandeel``, ``toonbaar``). Hidden cells get a missing count and share."""
    n = int(len(hulp))
    uit = []
    for r in rijen:
        aantal = int(hulp[r].sum())
        toonbaar = aandeel_toonbaar(aantal, n) if beveiligen else n > 0
        uit.append({"rij": r, "aantal": aantal if toonbaar else math.nan, "n": n,
                    "aandeel": aantal / n if (n and toonbaar) else math.nan, "toonbaar": bool(toonbaar)})
    return pd.DataFrame(uit, columns=["rij", "aantal", "n", "aandeel", "toonbaar"])


def _tabel_verdeling(data: pd.DataFrame, item: str, label: str, titel: str, wie: str) -> Tabel:
    n = int(data["n"].iloc[0]) if len(data) else 0
    geen = "Geen hulp ouders" if wie == "Ouders" else "Geen hulp kinderen"
    rijen = []
    for r in data.itertuples():
        lab = geen if r.rij == "geen_hulp" else HULP_RIJEN[r.rij]
        rijen.append([lab, ONDERDRUKT if pd.isna(r.aantal) else getal(r.aantal), _fmt_aandeel(r.aandeel)])
    weergave = pd.DataFrame(rijen, columns=["Voorziening", f"{wie} (N={getal(n)})", "Percentage"])
    verborgen = (~data["toonbaar"]).any()
    noot = ("Hulp die in de anderhalf jaar na de melding bij een van de drie metingen is genoemd; meerdere "
            "voorzieningen per persoon mogelijk. Hulp gericht op KM/HG: Veilig Thuis en andere hulp gericht op "
            "huiselijk geweld en kindermishandeling (MDCK, MDA++, vrouwen- of mannenopvang). Geen hulp: geen formele "
            "en geen informele hulp." + (f" {ONDERDRUKT_UITLEG}" if verborgen else ""))
    return Tabel(id=item, label=label, titel=titel, weergave=weergave, data=data, noot=noot)


def tabel_7_1(data: pd.DataFrame) -> Tabel:
    return _tabel_verdeling(data, "tabel-7.1", "tbl-hulp-ouders",
                            "Voorzieningen die door de ouders genoemd zijn waarvan zij hulp hebben ontvangen", "Ouders")


def tabel_7_4(data: pd.DataFrame) -> Tabel:
    return _tabel_verdeling(data, "tabel-7.4", "tbl-hulp-kinderen",
                            "Voorzieningen waarvan kinderen en tieners hulp hebben ontvangen", "Kinderen")


# -- background problems -------------------------------------------------------------------------
def problemen_ouders(tabellen: dict[str, pd.DataFrame], referentie: pd.DataFrame) -> pd.DataFrame:
    """Per parent in all three waves the background problems at T0 (1.0 / 0.0 / NaN), one
    column per key of :data:`PROBLEMEN_OUDERS`. ``referentie``: the national reference group's
    scores (:func:`analysis.hoofdstuk5.referentie_scores`) for the parenting-stress cut-off."""
    ouders = ouders_alle_metingen(tabellen)[["ouder_id", "gezin_id"]]
    uit = ouders.copy()
    partner = scoring.partnergeweld_gezin(tabellen["cts2"], tabellen["ouders"])
    partner = partner[partner["meting"] == T0].set_index("gezin_id")["categorie"]
    cat = uit["gezin_id"].map(partner)
    uit["partnergeweld"] = np.where(cat.isna(), np.nan, (cat != scoring.CATEGORIEEN[0]).astype(float))
    risico = rf.risicofactoren(tabellen)
    risico = risico[risico["meting"] == T0].drop_duplicates("ouder_id").set_index("ouder_id")
    for f in rf.FACTOREN:
        uit[f] = pd.to_numeric(uit["ouder_id"].map(risico[f]), errors="coerce").astype(float)
    scores = h5.ouder_scores(tabellen)
    s0 = scores[scores["meting"] == T0].set_index("ouder_id")
    uit["trauma"] = uit["ouder_id"].map(s0["getraumatiseerd"]).astype(float)
    grens = opvoedstress_grens(referentie)
    stress = uit["ouder_id"].map(s0["opvoedstress"]).astype(float)
    uit["opvoedstress_hoog"] = np.where(stress.isna() | math.isnan(grens), np.nan, (stress >= grens).astype(float))
    return uit[["ouder_id", "gezin_id", *PROBLEMEN_OUDERS]].reset_index(drop=True)


def opvoedstress_grens(referentie: pd.DataFrame) -> float:
    """The NOSI-K total from which parenting stress counts as high: the reference group's
    :data:`OPVOEDSTRESS_PERCENTIEL` percentile (NaN without a reference group)."""
    w = referentie["opvoedstress"].dropna().astype(float) if "opvoedstress" in referentie else pd.Series(dtype=float)
    return float(w.quantile(OPVOEDSTRESS_PERCENTIEL)) if len(w) else math.nan


def problemen_kinderen(tabellen: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per child of the population the problems of Tabel 7.5 at T0 (1.0 / 0.0 / NaN). The
    children's instrument scores come from :func:`analysis.scoring_kinderen.kind_scores`; while
    that is not available only child maltreatment is known (the other columns stay NaN)."""
    uit = kinderen_populatie(tabellen)
    km = scoring.kindermishandeling_kind(tabellen["ctspc_ouder"])
    km = km[km["meting"] == T0].drop_duplicates("kind_id").set_index("kind_id")["categorie"]
    cat = uit["kind_id"].map(km)
    uit["kindermishandeling"] = np.where(cat.isna(), np.nan, (cat != scoring.CATEGORIEEN[0]).astype(float))
    try:
        ks = scoring_kinderen.kind_scores(tabellen)
    except NotImplementedError:
        ks = None
    bronnen = {"kindtrauma": ("getraumatiseerd", False), "onveilige_hechting": ("veilig_gehecht", True),
               "emotioneel_onveilig": ("emotioneel_onveilig", False), "probleemgedrag": ("probleemgedrag", False)}
    for probleem, (kolom, omgekeerd) in bronnen.items():
        if ks is None or kolom not in ks:
            uit[probleem] = np.nan
            continue
        k0 = ks[ks["meting"] == T0].drop_duplicates("kind_id").set_index("kind_id")[kolom]
        w = pd.to_numeric(uit["kind_id"].map(k0), errors="coerce").astype(float)
        uit[probleem] = (1.0 - w) if omgekeerd else w
    return uit[["kind_id", "gezin_id", *PROBLEMEN_KINDEREN]].reset_index(drop=True)


def hulp_per_probleem(hulp: pd.DataFrame, problemen: pd.DataFrame, rijen: list[str], sleutel: str,
                      probleemlijst: list[str], *, beveiligen: bool = False) -> pd.DataFrame:
    """Tabel 7.2/7.5: per problem (``kolom``) the share of the respondents with that problem
    (and known help) who received each help row (``rij``): ``aantal``, ``n`` (the problem group),
    ``aandeel``, ``toonbaar``, ``n_toonbaar`` (whether the group's size may be shown)."""
    df = hulp.merge(problemen.drop(columns=["gezin_id"], errors="ignore"), on=sleutel, how="left")
    n_totaal = int(len(df))
    uit = []
    for p in probleemlijst:
        groep = df[df[p] == 1.0]
        n = int(len(groep))
        n_bekend = int(df[p].notna().sum())
        n_toonbaar = aandeel_toonbaar(n, n_bekend) if beveiligen else True
        for r in rijen:
            aantal = int(groep[r].sum())
            toonbaar = n_toonbaar and (aandeel_toonbaar(aantal, n) if beveiligen else n > 0)
            uit.append({"kolom": p, "rij": r, "aantal": aantal if toonbaar else math.nan, "n": n,
                        "aandeel": aantal / n if (n and toonbaar) else math.nan, "toonbaar": bool(toonbaar),
                        "n_toonbaar": bool(n_toonbaar), "n_totaal": n_totaal})
    return pd.DataFrame(uit, columns=["kolom", "rij", "aantal", "n", "aandeel", "toonbaar", "n_toonbaar", "n_totaal"])


def _tabel_per_probleem(data: pd.DataFrame, item: str, label: str, titel: str, problemen: dict, rijen: list[str],
                        geen_label: str) -> Tabel:
    kolommen = ["Hulpvorm"]
    for p, spec in problemen.items():
        sub = data[data["kolom"] == p]
        n = int(sub["n"].iloc[0]) if len(sub) else 0
        kolommen.append(f"{spec['kolom']} {_n_tekst(n, bool(sub['n_toonbaar'].all()) if len(sub) else True)}")
    regels = []
    for r in rijen:
        cellen = [geen_label if r == "geen_hulp" else HULP_RIJEN[r]]
        for p in problemen:
            cel = data[(data["kolom"] == p) & (data["rij"] == r)]
            if cel.empty or int(cel["n"].iloc[0]) == 0:
                cellen.append(LEEG)
            else:
                cellen.append(_fmt_aandeel(cel["aandeel"].iloc[0]))
        regels.append(cellen)
    weergave = pd.DataFrame(regels, columns=kolommen)
    verborgen = (~data["toonbaar"] & (data["n"] > 0)).any()
    return Tabel(id=item, label=label, titel=titel, weergave=weergave, data=data,
                 noot=("Percentage van de personen met het probleem (bij de eerste meting) dat de hulpvorm in de anderhalf "
                       "jaar na de melding heeft ontvangen; meerdere hulpvormen per persoon mogelijk. "
                       f"{LEEG} = niemand met dit probleem of het probleem is niet gemeten."
                       + (f" {ONDERDRUKT_UITLEG}" if verborgen else "")))


def tabel_7_2(data: pd.DataFrame) -> Tabel:
    n = int(data["n_totaal"].iloc[0]) if len(data) else 0
    return _tabel_per_probleem(data, "tabel-7.2", "tbl-hulp-achtergrond-ouders",
                               f"Welk percentage van ouders met een achtergrondprobleem komt bij welke hulpvorm terecht (n={getal(n)})?",
                               PROBLEMEN_OUDERS, RIJEN_OUDERS, "Geen hulp ouders")


def tabel_7_5(data: pd.DataFrame) -> Tabel:
    return _tabel_per_probleem(data, "tabel-7.5", "tbl-hulp-problemen-kinderen",
                               "Welk percentage kinderen met een probleem komt bij welke hulpvorm terecht?",
                               PROBLEMEN_KINDEREN, RIJEN_KINDEREN, "Geen hulp kinderen")


# -- Tabel 7.3: parents without and with help ----------------------------------------------------
def problemen_naar_hulp(hulp: pd.DataFrame, problemen: pd.DataFrame, *, beveiligen: bool = False) -> pd.DataFrame:
    """Tabel 7.3: per problem (``rij``) and group (``kolom``: "geen_hulp" / "wel_hulp") the share
    of parents with the problem, over those whose status is known: ``aantal``, ``n``,
    ``aandeel``, ``toonbaar``, ``n_groep`` (the group's size)."""
    df = hulp[["ouder_id", "geen_hulp"]].merge(problemen.drop(columns=["gezin_id"]), on="ouder_id", how="left")
    uit = []
    for p in PROBLEMEN_OUDERS:
        for groep, masker in (("geen_hulp", df["geen_hulp"]), ("wel_hulp", ~df["geen_hulp"])):
            sub = df.loc[masker, p].dropna()
            n, aantal = int(len(sub)), int(sub.sum())
            toonbaar = aandeel_toonbaar(aantal, n) if beveiligen else n > 0
            uit.append({"rij": p, "kolom": groep, "aantal": aantal if toonbaar else math.nan, "n": n,
                        "aandeel": aantal / n if (n and toonbaar) else math.nan, "toonbaar": bool(toonbaar),
                        "n_groep": int(masker.sum())})
    return pd.DataFrame(uit, columns=["rij", "kolom", "aantal", "n", "aandeel", "toonbaar", "n_groep"])


def problemen_naar_hulp_toetsen(hulp: pd.DataFrame, problemen: pd.DataFrame) -> dict[str, Toets]:
    """Per problem: Pearson χ² (φ) of no help versus help (unsuppressed data)."""
    df = hulp[["ouder_id", "geen_hulp"]].merge(problemen.drop(columns=["gezin_id"]), on="ouder_id", how="left")
    return {p: chi2_phi(df.assign(groep=df["geen_hulp"].map({True: "geen", False: "wel"})), x="groep", y=p)
            for p in PROBLEMEN_OUDERS}


def tabel_7_3(data: pd.DataFrame, toetsen: dict[str, Toets], *, beveiligen: bool = False) -> Tabel:
    groepen = {g: int(data.loc[data["kolom"] == g, "n_groep"].iloc[0]) if len(data) else 0 for g in ("geen_hulp", "wel_hulp")}
    totaal = sum(groepen.values())
    n_toonbaar = aandeel_toonbaar(groepen["geen_hulp"], totaal) if beveiligen else True
    kolommen = ["Achtergrondprobleem", f"Geen hulp ouders {_n_tekst(groepen['geen_hulp'], n_toonbaar)}",
                f"Wel hulp ouders {_n_tekst(groepen['wel_hulp'], n_toonbaar)}", "Verschil"]
    regels = []
    for p, spec in PROBLEMEN_OUDERS.items():
        cellen = [spec["rij"]]
        for g in ("geen_hulp", "wel_hulp"):
            cel = data[(data["rij"] == p) & (data["kolom"] == g)]
            cellen.append(LEEG if cel.empty or int(cel["n"].iloc[0]) == 0 else _fmt_aandeel(cel["aandeel"].iloc[0], 0))
        t = toetsen[p]
        verborgen_rij = bool((~data.loc[(data["rij"] == p) & (data["n"] > 0), "toonbaar"]).any())
        if verborgen_rij:  # a test on a hidden cell would tell about the few people in it
            cellen.append(ONDERDRUKT)
        else:
            cellen.append(f"φ = {stat(t.effect)}{'*' if is_betekenisvol(t) else ''}" if not math.isnan(t.effect) else LEEG)
        regels.append(cellen)
    weergave = pd.DataFrame(regels, columns=kolommen)
    toets_rijen = pd.DataFrame([{"rij": p, "kolom": "toets", **{f"toets_{k}": v for k, v in t.as_dict().items()}}
                                for p, t in toetsen.items()])
    verborgen = (~data["toonbaar"] & (data["n"] > 0)).any()
    noot = ("Percentage ouders met het achtergrondprobleem bij de eerste meting, van de ouders van wie dat bekend is. "
            "Geen hulp: geen formele en geen informele hulp in de anderhalf jaar na de melding. Verschil: Pearson χ² "
            "met φ als effectmaat; \\* = betekenisvol verschil (p < .05 en minstens een klein effect)."
            + (f" {ONDERDRUKT_UITLEG}" if verborgen else ""))
    return Tabel(id="tabel-7.3", label="tbl-hulp-wel-geen", titel="Vergelijking tussen ouders die wel en geen hulp hebben "
                 "ontvangen wat betreft achtergrondproblematiek", weergave=weergave,
                 data=pd.concat([data, toets_rijen], ignore_index=True), noot=noot)


# -- ratings (§7.6) ------------------------------------------------------------------------------
def oordelen_jongeren(tabellen: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Youth's own ratings (T2) of the children in the population: ``kind_id``, ``soort``,
    ``belang``, ``nut``, ``tevredenheid``."""
    o = scoring_hulp.oordelen(tabellen["hulp_belang_kind"], tabellen["hulp_nut_kind"], "hulp_belang_kind", "hulp_nut_kind")
    return o[o["kind_id"].isin(kinderen_populatie(tabellen)["kind_id"])].reset_index(drop=True)


def _met_totalen(o: pd.DataFrame) -> pd.DataFrame:
    formeel = sorted(s for s in o["soort"].unique() if s != INFORMEEL)
    o = pd.concat([o, scoring_hulp.oordeel_totaal(o, formeel, FORMEEL_TOTAAL)], ignore_index=True)
    return pd.concat([o, scoring_hulp.oordeel_totaal(o, [INFORMEEL, FORMEEL_TOTAAL], ALLE_HULP)], ignore_index=True)


def oordelen_ouders(tabellen: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Parents' ratings (T2) of their own help, parents in all three waves, with the rows
    "Formele hulp totaal" and "Alle hulp samen" per parent (rule ``hulp_oordeel_totaal``)."""
    o = scoring_hulp.oordelen(tabellen["hulp_belang_ouder"], tabellen["hulp_nut_ouder"], "hulp_belang_ouder", "hulp_nut_ouder")
    o = o[o["ouder_id"].isin(ouders_alle_metingen(tabellen)["ouder_id"])].reset_index(drop=True)
    return _met_totalen(o)


def oordelen_kinderen(tabellen: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Parents' ratings (T2) of the help to a child of the population, one per child and category
    (rule ``hulp_oordeel_kind_ouders``), with the two total rows per child."""
    o = scoring_hulp.oordelen(tabellen["hulp_belang_ouder_kind"], tabellen["hulp_nut_ouder_kind"],
                              "hulp_belang_ouder_kind", "hulp_nut_ouder_kind")
    o = o[o["kind_id"].isin(kinderen_populatie(tabellen)["kind_id"])]
    return _met_totalen(scoring_hulp.oordelen_per_kind(o))


def _sleutel(o: pd.DataFrame) -> str:
    """The rater of a ratings frame: the parent for ratings of their own help, otherwise the
    child (youth's own ratings and parents' ratings per child)."""
    return "ouder_id" if "ouder_id" in o.columns and "kind_id" not in o.columns else "kind_id"


def oordeel_samenvatting(o: pd.DataFrame, groep: str, *, beveiligen: bool = False) -> pd.DataFrame:
    """Per category (``soort``, the rows of the group's tables) and measure (``maat``): ``n``,
    ``gemiddelde``, ``positief`` and ``negatief`` (fractions), ``aantal_positief``,
    ``aantal_negatief`` and whether each may be shown."""
    uit = []
    for soort in OORDEEL_SOORTEN[groep]:
        sub = o[o["soort"] == soort]
        for maat in ("belang", "nut", "tevredenheid"):
            s = scoring_hulp.oordeel_samenvatting(sub[maat] if len(sub) else pd.Series(dtype="Float64"), maat)
            n = int(s["n"])
            if n == 0:
                continue
            pos, neg = int(round(s["positief"] * n)), int(round(s["negatief"] * n))
            gem_ok = basis_toonbaar(n) if beveiligen else True
            pos_ok = aandeel_toonbaar(pos, n) if beveiligen else True
            neg_ok = aandeel_toonbaar(neg, n) if beveiligen else True
            uit.append({"soort": soort, "maat": maat, "n": n,
                        "gemiddelde": s["gemiddelde"] if gem_ok else math.nan,
                        "positief": s["positief"] if pos_ok else math.nan,
                        "negatief": s["negatief"] if neg_ok else math.nan,
                        "aantal_positief": pos if pos_ok else math.nan, "aantal_negatief": neg if neg_ok else math.nan,
                        "toonbaar_gemiddelde": bool(gem_ok), "toonbaar_positief": bool(pos_ok),
                        "toonbaar_negatief": bool(neg_ok)})
    return pd.DataFrame(uit, columns=["soort", "maat", "n", "gemiddelde", "positief", "negatief", "aantal_positief",
                                      "aantal_negatief", "toonbaar_gemiddelde", "toonbaar_positief", "toonbaar_negatief"])


def n_beoordelaars(o: pd.DataFrame) -> int:
    """Raters who rated at least one kind of help (importance or usefulness)."""
    if o.empty:
        return 0
    return int(o.loc[o["belang"].notna() | o["nut"].notna(), _sleutel(o)].nunique())


def tabel_oordeel(samenvatting: pd.DataFrame, item: str, n: int, *, beveiligen: bool = False) -> Tabel:
    """One of Tabel 7.6–7.14: per category the mean score and the positive and negative shares."""
    groep, maat = OORDEEL_TABELLEN[item]
    sub = samenvatting[samenvatting["maat"] == maat].set_index("soort")
    k_gem, k_pos, k_neg = MAAT_KOLOMMEN[maat]
    regels = []
    for soort, lab in OORDEEL_SOORTEN[groep].items():
        if soort not in sub.index:
            continue
        r = sub.loc[soort]
        n_tekst = getal(r["n"]) if (beveiligen is False or basis_toonbaar(int(r["n"]))) else ONDERDRUKT
        regels.append([lab, _fmt_gem(r["gemiddelde"]), _fmt_aandeel(r["positief"]), _fmt_aandeel(r["negatief"]), n_tekst])
    weergave = pd.DataFrame(regels, columns=["Hulpsoort", k_gem, k_pos, k_neg, "n"])
    verborgen = (weergave.iloc[:, 1:4] == ONDERDRUKT).any().any()
    if maat == "tevredenheid":
        uitleg = ("Score nut × belang: het product van het oordeel over het nut en het belang, van 1 (heel tevreden: heel "
                  "belangrijk en heel goed geholpen) tot 25 (heel ontevreden). (Heel) tevreden: product hoogstens "
                  f"{getal(_CB.regel('hulp_tevreden_max'))}; (heel) ontevreden: product minstens "
                  f"{getal(_CB.regel('hulp_ontevreden_min'))}.")
    else:
        woord = "belangrijk" if maat == "belang" else "goed geholpen"
        uitleg = (f"Score van 1 (heel {woord}) tot 5 (heel {'onbelangrijk' if maat == 'belang' else 'slecht geholpen'}); "
                  "een lagere score is gunstiger. Percentages: antwoord 1 of 2, respectievelijk 4 of 5.")
    getoond = [soort for soort in OORDEEL_SOORTEN[groep] if soort in sub.index]
    if groep != "jongeren":
        totaal = (" Formele hulp totaal en alle hulp samen: per beoordelaar het gemiddelde van de beoordeelde hulpsoorten."
                  if {FORMEEL_TOTAAL, ALLE_HULP} & set(getoond) else "")
    else:
        totaal = " Alle formele hulp: een aparte vraag over alle formele hulp samen." if FORMEEL_TOTAAL in getoond else ""
    wie = {"jongeren": "jongeren over de hulp aan henzelf", "ouders": "ouders over de hulp aan henzelf",
           "kinderen": "ouders over de hulp aan hun kinderen (per kind)"}[groep]
    noot = (f"Oordeel van {wie} bij de derde meting, over de hulp sinds de melding. {uitleg}{totaal} "
            "n = aantal beoordelingen." + (f" {ONDERDRUKT_UITLEG}" if verborgen else ""))
    titel = f"{OORDEEL_TITELS[(groep, maat)]} (N={getal(n)})"
    return Tabel(id=item, label=OORDEEL_LABELS[(groep, maat)], titel=titel, weergave=weergave,
                 data=sub.reset_index().assign(groep=groep), noot=noot)


def gepaard(o: pd.DataFrame, maat: str, a: str, b: str) -> Toets:
    """Paired comparison of categories ``a`` and ``b`` on ``maat`` over the raters who rated
    both: one-sample t-test of (b − a) against 0; d > 0 means ``a`` scores lower (better)."""
    k = _sleutel(o)
    breed = o[o["soort"].isin([a, b])].pivot_table(index=k, columns="soort", values=maat, aggfunc="first")
    if a not in breed or b not in breed:
        return t_test_one_sample([], 0.0)
    verschil = (breed[b].astype(float) - breed[a].astype(float)).dropna()
    return t_test_one_sample(verschil.to_numpy(), 0.0)


def nut_tegen_belang(o: pd.DataFrame, soort: str) -> Toets:
    """Paired test of usefulness against importance on one category's rows: t-test of
    (nut − belang) against 0; d > 0 means usefulness scores higher (less favourable)."""
    sub = o[o["soort"] == soort]
    verschil = (sub["nut"].astype(float) - sub["belang"].astype(float)).dropna()
    return t_test_one_sample(verschil.to_numpy(), 0.0)


def oordeel_toetsen(o: pd.DataFrame, groep: str) -> dict[str, dict[str, Toets]]:
    """The comparisons the text of §7.6 makes for one rater group: importance of informal help
    against every other category ("belang_informeel"), for the parents' ratings of children also
    of GGZ ("belang_ggz"), usefulness and satisfaction between the categories the youth rated
    ("nut", "tevredenheid": the first category against the others) and usefulness against
    importance on "all help" ("nut_belang"; parents only)."""
    soorten = [s for s in OORDEEL_SOORTEN[groep] if s not in (FORMEEL_TOTAAL, ALLE_HULP)]
    aanwezig = set(o["soort"].unique())
    uit: dict[str, dict[str, Toets]] = {"belang_informeel": {s: gepaard(o, "belang", INFORMEEL, s)
                                                             for s in soorten if s != INFORMEEL and s in aanwezig}}
    if groep == "kinderen":
        uit["belang_ggz"] = {s: gepaard(o, "belang", "ggz", s) for s in soorten if s not in ("ggz", INFORMEEL) and s in aanwezig}
        uit["belang_ggz"][INFORMEEL] = gepaard(o, "belang", INFORMEEL, "ggz")
    for maat in ("nut", "tevredenheid"):
        beoordeeld = [s for s in soorten if s in aanwezig and o.loc[o["soort"] == s, maat].notna().any()]
        if len(beoordeeld) >= 2:
            uit[maat] = {s: gepaard(o, maat, beoordeeld[0], s) for s in beoordeeld[1:]}
    if groep != "jongeren":
        uit["nut_belang"] = {ALLE_HULP: nut_tegen_belang(o, ALLE_HULP)}
    return uit


def belangrijk_niet_geholpen(o: pd.DataFrame) -> dict:
    """Raters with at least one category they found (very) important that did (very) badly
    (rule ``hulp_belangrijk_niet_geholpen``): number, share of the raters, and per category the
    number of raters (individual categories only)."""
    k = _sleutel(o)
    enkel = o[~o["soort"].isin([FORMEEL_TOTAAL, ALLE_HULP])] if "soort" in o else o
    vlag = scoring_hulp.belangrijk_niet_geholpen(enkel)
    wie = enkel.loc[vlag, k].unique()
    n = n_beoordelaars(o)
    per = enkel.loc[vlag].groupby("soort")[k].nunique().to_dict()
    return {"aantal": int(len(wie)), "n": n, "aandeel": len(wie) / n if n else math.nan,
            "per_soort": {s: int(v) for s, v in sorted(per.items())}}


# -- facts ---------------------------------------------------------------------------------------
def _cel(data: pd.DataFrame, **waar) -> pd.Series | None:
    sub = data
    for k, v in waar.items():
        sub = sub[sub[k] == v]
    return sub.iloc[0] if len(sub) else None


def _toonbaar_aandeel(cel) -> str:
    return ONDERDRUKT if cel is None or pd.isna(cel["aandeel"]) else pct(cel["aandeel"], 0)


def _aandeel_1(cel) -> str:
    return ONDERDRUKT if cel is None or pd.isna(cel["aandeel"]) else pct(cel["aandeel"], 1)


def _toetsen_lijst(toetsen: dict[str, Toets]) -> dict:
    """Facts of a family of comparisons: per category the test, the categories with a
    meaningful difference, those without, and the range of |d| among the meaningful ones."""
    sig = [s for s, t in toetsen.items() if is_betekenisvol(t)]
    niet = [s for s, t in toetsen.items() if not is_betekenisvol(t)]
    d = [abs(toetsen[s].effect) for s in sig]
    p = [toetsen[s].p for s in sig]
    return {
        "per_soort": {s: toets_feit(t) for s, t in toetsen.items()},
        "betekenisvol": sig, "niet_betekenisvol": niet,
        "namen_betekenisvol": [OORDEEL_NAMEN[s] for s in sig], "namen_niet": [OORDEEL_NAMEN[s] for s in niet],
        "d_min": stat(min(d)) if d else "", "d_max": stat(max(d)) if d else "",
        "p_max": ("p < .001" if max(p) < 0.001 else "p < .01" if max(p) < 0.01 else "p < .05") if p else "",
        "alle": bool(toetsen) and not niet, "geen": not sig,
        # every meaningful difference favours the first category (it scores lower = better)
        "gunstig": all(toetsen[s].effect > 0 for s in sig),
    }


def _oordeel_feiten(samenvatting: pd.DataFrame, groep: str, toetsen: dict, bng: dict, n: int, beveiligen: bool = False) -> dict:
    f: dict = {"n": getal(n) if (not beveiligen or basis_toonbaar(n)) else ONDERDRUKT, "soorten": {}}
    leeg = {"gemiddelde": LEEG, "positief": LEEG, "negatief": LEEG, "n": getal(0), "meerderheid": False}
    for soort in OORDEEL_SOORTEN[groep]:
        per = {}
        for maat in ("belang", "nut", "tevredenheid"):
            r = _cel(samenvatting, soort=soort, maat=maat)
            if r is None:
                per[maat] = dict(leeg)  # nobody rated it (in this scope)
                continue
            per[maat] = {"gemiddelde": _fmt_gem(r["gemiddelde"]), "positief": _fmt_aandeel(r["positief"]),
                         "negatief": _fmt_aandeel(r["negatief"]), "n": getal(r["n"]),
                         "meerderheid": bool(pd.notna(r["positief"]) and r["positief"] > 0.5)}
        f["soorten"][soort] = {"naam": OORDEEL_NAMEN[soort], **per}
    enkel = [s for s in OORDEEL_SOORTEN[groep] if s not in (FORMEEL_TOTAAL, ALLE_HULP)]
    for maat in ("belang", "nut", "tevredenheid"):
        sub = samenvatting[(samenvatting["maat"] == maat) & samenvatting["soort"].isin(enkel)].dropna(subset=["gemiddelde"])
        if sub.empty:
            f[maat] = {"bekend": False, "beste": enkel[0], "beste_naam": LEEG, "slechtste": enkel[0], "slechtste_naam": LEEG,
                       "positief_min": LEEG, "positief_max": LEEG, "negatief_max": LEEG, "regulier_beste": [],
                       "alle_meer_dan_helft_positief": False, "helft_positief_of_meer": False}
            continue
        beste, slechtste = sub.loc[sub["gemiddelde"].idxmin()], sub.loc[sub["gemiddelde"].idxmax()]
        pos = samenvatting[(samenvatting["maat"] == maat) & samenvatting["soort"].isin(enkel)]
        f[maat] = {
            "bekend": True, "beste": str(beste["soort"]), "beste_naam": OORDEEL_NAMEN[str(beste["soort"])],
            "slechtste": str(slechtste["soort"]), "slechtste_naam": OORDEEL_NAMEN[str(slechtste["soort"])],
            "positief_min": _fmt_aandeel(pos["positief"].min()), "positief_max": _fmt_aandeel(pos["positief"].max()),
            "negatief_max": _fmt_aandeel(pos["negatief"].max()),
            "alle_meer_dan_helft_positief": bool(pos["positief"].notna().all() and (pos["positief"] > 0.5).all()),
            "helft_positief_of_meer": bool(pos["positief"].notna().all() and (pos["positief"] >= 0.5).all()),
        }
        # Formal help other than the informal kind: the best-rated regular provider (not VT / KM-HG help).
        regulier = sub[~sub["soort"].isin([INFORMEEL, "veilig_thuis", "hg_km_overig"])]
        volgorde = regulier.sort_values("gemiddelde", kind="stable")["soort"].tolist()
        f[maat]["regulier_beste"] = [OORDEEL_NAMEN[s] for s in volgorde[:2]]
    f["toetsen"] = {k: _toetsen_lijst(v) for k, v in toetsen.items()}
    bng_ok = (not beveiligen) or aandeel_toonbaar(bng["aantal"], bng["n"])
    f["belangrijk_niet_geholpen"] = {
        "aantal": getal(bng["aantal"]) if bng_ok else ONDERDRUKT,
        "aandeel": ONDERDRUKT if (pd.isna(bng["aandeel"]) or not bng_ok) else pct(bng["aandeel"], 1),
        "geen": bool(bng["aantal"] == 0 and bng_ok),
        "toonbaar": bool(basis_toonbaar(bng["n"])),
        "soorten": [OORDEEL_NAMEN[s] for s in bng["per_soort"]],
        "per_soort": {s: (getal(v) if (not beveiligen or basis_toonbaar(v)) else ONDERDRUKT) for s, v in bng["per_soort"].items()},
    }
    return f


#: A problem group's share of a help row counts as clearly higher (lower) than that of everyone
#: when it differs by at least this many percentage points (a description, not a test).
VERSCHIL_DUIDELIJK = 0.05


def _boven_gemiddeld(feit: dict, per_probleem: pd.DataFrame, verdeling: pd.DataFrame, rijen: list[str]) -> None:
    """Adds per problem group the help rows (prose names) whose share is clearly above
    (``hoger``) or below (``lager``) the share among everyone, on the shown values."""
    alle = verdeling.set_index("rij")["aandeel"]
    for p in feit:
        sub = per_probleem[per_probleem["kolom"] == p].set_index("rij")["aandeel"]
        vormen = [r for r in rijen if r not in ("formeel", "geen_hulp")]
        feit[p]["hoger"] = [HULP_NAMEN[r] for r in vormen if pd.notna(sub.get(r)) and pd.notna(alle.get(r))
                            and sub[r] - alle[r] >= VERSCHIL_DUIDELIJK]
        feit[p]["lager"] = [HULP_NAMEN[r] for r in vormen if pd.notna(sub.get(r)) and pd.notna(alle.get(r))
                            and alle[r] - sub[r] >= VERSCHIL_DUIDELIJK]
        g, a = sub.get("geen_hulp"), alle.get("geen_hulp")
        feit[p]["minder_zonder_hulp"] = bool(pd.notna(g) and pd.notna(a) and g < a)


def feiten(
    hulp_o: pd.DataFrame, verdeling_o: pd.DataFrame, per_probleem_o: pd.DataFrame,
    wel_geen: pd.DataFrame, wel_geen_t: dict[str, Toets],
    hulp_k: pd.DataFrame, verdeling_k: pd.DataFrame, per_probleem_k: pd.DataFrame,
    oordelen_: dict[str, pd.DataFrame], samenvattingen: dict[str, pd.DataFrame],
    oordeel_t: dict[str, dict], n_ouders: int, opvoedstress_grens_: float,
    *, beveiligen: bool = False,
) -> dict:
    """Every number and verdict of the prose of §7.1–7.3, §7.6 and §7.7 (formatted nl-NL), from
    the item data after the small-cell rule (hidden values print as the symbol)."""
    f: dict = {"n_ouders": getal(n_ouders), "n_ouders_bekend": getal(len(hulp_o)),
               "n_kinderen_bekend": getal(len(hulp_k)),
               "opvoedstress_grens": getal(opvoedstress_grens_) if not math.isnan(opvoedstress_grens_) else LEEG,
               "opvoedstress_percentiel": getal(100 * OPVOEDSTRESS_PERCENTIEL),
               "verschil_duidelijk": getal(100 * VERSCHIL_DUIDELIJK),
               "beveiligd": bool(beveiligen)}

    def rij_feiten(verdeling: pd.DataFrame) -> dict:
        uit = {}
        for r in verdeling.itertuples():
            uit[r.rij] = {"aandeel": _fmt_aandeel(r.aandeel, 0), "aandeel_1": _fmt_aandeel(r.aandeel, 1),
                          "aantal": ONDERDRUKT if pd.isna(r.aantal) else getal(r.aantal),
                          "waarde": None if pd.isna(r.aandeel) else float(r.aandeel)}
        return uit

    def geen_formeel(hulp: pd.DataFrame) -> dict:
        n, aantal = len(hulp), int(hulp["geen_formeel"].sum())
        ok = (aandeel_toonbaar(aantal, n) if beveiligen else n > 0)
        return {"aandeel": pct(aantal / n, 0) if ok else ONDERDRUKT, "aandeel_1": pct(aantal / n, 1) if ok else ONDERDRUKT}

    # §7.2 parents (Tabel 7.1)
    o = rij_feiten(verdeling_o)
    formeel_o = hulp_o[hulp_o["formeel"]]
    meer = int((formeel_o["n_formeel"] >= 2).sum())
    ok = aandeel_toonbaar(meer, len(formeel_o)) if beveiligen else len(formeel_o) > 0
    geen_inf = int((~hulp_o["informeel"]).sum())
    ok_inf = aandeel_toonbaar(geen_inf, len(hulp_o)) if beveiligen else len(hulp_o) > 0
    tweede = int(hulp_o["tweede_lijn"].sum())
    ok_tweede = aandeel_toonbaar(tweede, len(hulp_o)) if beveiligen else len(hulp_o) > 0
    f["ouders"] = {
        "rijen": o, "geen_formeel": geen_formeel(hulp_o),
        "geen_informeel": pct(geen_inf / len(hulp_o), 0) if ok_inf and len(hulp_o) else ONDERDRUKT,
        "meerdere_formeel": pct(meer / len(formeel_o), 0) if ok else ONDERDRUKT,
        "meerdere_formeel_meeste": bool(len(formeel_o) and meer / len(formeel_o) > 0.5),
        "tweede_lijn": pct(tweede / len(hulp_o), 0) if ok_tweede and len(hulp_o) else ONDERDRUKT,
        # Which kinds of formal help are mentioned most (the top three rows of Tabel 7.1).
        "meest_genoemd": [HULP_NAMEN[r] for r in verdeling_o[verdeling_o["rij"].isin(
            [x for x in RIJEN_OUDERS if x not in ("formeel", "informeel", "geen_hulp")])]
            .sort_values("aandeel", ascending=False, kind="stable")["rij"].head(3)],
    }

    # Tabel 7.2
    pp: dict = {}
    for p, spec in PROBLEMEN_OUDERS.items():
        sub = per_probleem_o[per_probleem_o["kolom"] == p]
        n = int(sub["n"].iloc[0]) if len(sub) else 0
        pp[p] = {"naam": spec["naam"], "n": getal(n) if (sub["n_toonbaar"].all() if len(sub) else True) else ONDERDRUKT,
                 "rijen": {r: _toonbaar_aandeel(_cel(sub, rij=r)) for r in RIJEN_OUDERS},
                 "rijen_1": {r: _aandeel_1(_cel(sub, rij=r)) for r in RIJEN_OUDERS}}
    f["per_probleem"] = pp
    _boven_gemiddeld(pp, per_probleem_o, verdeling_o, RIJEN_OUDERS)
    inform = per_probleem_o[per_probleem_o["rij"] == "informeel"].dropna(subset=["aandeel"])
    if len(inform):
        laagste = inform.loc[inform["aandeel"].idxmin()]
        f["informeel_laagst"] = {"probleem": PROBLEMEN_OUDERS[laagste["kolom"]]["naam"],
                                 "aandeel": pct(laagste["aandeel"], 0),
                                 "duidelijk": bool(laagste["aandeel"] < inform["aandeel"].median() - 0.05)}
    else:
        f["informeel_laagst"] = {"probleem": "", "aandeel": ONDERDRUKT, "duidelijk": False}
    verslaving = [_cel(per_probleem_o, kolom=p, rij="verslavingszorg") for p in ("alcohol", "alcohol_partner")]
    f["verslaving_bij_alcohol"] = {"eigen": _aandeel_1(verslaving[0]), "partner": _aandeel_1(verslaving[1]),
                                   "laag": bool(all(c is not None and pd.notna(c["aandeel"]) and c["aandeel"] < 0.05 for c in verslaving))}

    # Tabel 7.3
    wg: dict = {"rijen": {}}
    for p, spec in PROBLEMEN_OUDERS.items():
        geen, wel = _cel(wel_geen, rij=p, kolom="geen_hulp"), _cel(wel_geen, rij=p, kolom="wel_hulp")
        t = wel_geen_t[p]
        minder = bool(is_betekenisvol(t) and geen is not None and wel is not None and pd.notna(geen["aandeel"])
                      and pd.notna(wel["aandeel"]) and geen["aandeel"] < wel["aandeel"])
        wg["rijen"][p] = {"naam": spec["naam"], "geen": _toonbaar_aandeel(geen), "wel": _toonbaar_aandeel(wel),
                          "toets": toets_feit(t), "minder_bij_geen_hulp": minder}
    wg["minder"] = [PROBLEMEN_OUDERS[p]["naam"] for p in PROBLEMEN_OUDERS if wg["rijen"][p]["minder_bij_geen_hulp"]]
    wg["meer"] = [PROBLEMEN_OUDERS[p]["naam"] for p in PROBLEMEN_OUDERS
                  if is_betekenisvol(wel_geen_t[p]) and not wg["rijen"][p]["minder_bij_geen_hulp"]]
    n_geen = int(hulp_o["geen_hulp"].sum())
    wg["n_geen"] = getal(n_geen) if (aandeel_toonbaar(n_geen, len(hulp_o)) if beveiligen else True) else ONDERDRUKT
    wg["n_wel"] = getal(len(hulp_o) - n_geen) if (aandeel_toonbaar(n_geen, len(hulp_o)) if beveiligen else True) else ONDERDRUKT
    pg = _cel(wel_geen, rij="partnergeweld", kolom="geen_hulp")
    wg["partnergeweld_meerderheid"] = bool(pg is not None and pd.notna(pg["aandeel"]) and pg["aandeel"] > 0.5)
    f["wel_geen"] = wg

    # §7.3 children (Tabel 7.4, 7.5)
    k = rij_feiten(verdeling_k)
    spec_n = int(hulp_k["specialistisch_kind"].sum())
    ok_spec = aandeel_toonbaar(spec_n, len(hulp_k)) if beveiligen else len(hulp_k) > 0
    f["kinderen"] = {"rijen": k, "geen_formeel": geen_formeel(hulp_k),
                     "specialistisch": pct(spec_n / len(hulp_k), 0) if ok_spec and len(hulp_k) else ONDERDRUKT}
    pk: dict = {}
    for p, spec in PROBLEMEN_KINDEREN.items():
        sub = per_probleem_k[per_probleem_k["kolom"] == p]
        n = int(sub["n"].iloc[0]) if len(sub) else 0
        pk[p] = {"naam": spec["naam"], "gemeten": bool(n > 0),
                 "n": getal(n) if (sub["n_toonbaar"].all() if len(sub) else True) else ONDERDRUKT,
                 "rijen": {r: _toonbaar_aandeel(_cel(sub, rij=r)) for r in RIJEN_KINDEREN}}
    f["per_probleem_kind"] = pk
    _boven_gemiddeld(pk, per_probleem_k, verdeling_k, RIJEN_KINDEREN)
    f["kind_problemen_gemeten"] = [p for p in PROBLEMEN_KINDEREN if pk[p]["gemeten"]]
    # Medical help for children: do they hardly see a doctor (below 5% in every problem group)?
    med = per_probleem_k[(per_probleem_k["rij"] == "medisch") & (per_probleem_k["n"] > 0)]
    f["kinderen_nauwelijks_medisch"] = bool(len(med) and med["aandeel"].notna().all() and (med["aandeel"] < 0.05).all())

    # §7.6 ratings
    oo: dict = {}
    for groep in ("jongeren", "ouders", "kinderen"):
        o_ = oordelen_[groep]
        oo[groep] = _oordeel_feiten(samenvattingen[groep], groep, oordeel_t[groep], belangrijk_niet_geholpen(o_),
                                    n_beoordelaars(o_), beveiligen)
    # Comparisons between rater groups (on the "all help" or the youth's "all formal help" rows).
    def gem(groep: str, soort: str, maat: str) -> float:
        r = _cel(samenvattingen[groep], soort=soort, maat=maat)
        return math.nan if r is None else float(r["gemiddelde"])
    def gem_van(waarden: list[float]) -> float:
        w = [v for v in waarden if not math.isnan(v)]
        return float(np.mean(w)) if w else math.nan
    vergelijk = {}
    for maat in ("belang", "nut"):
        j = gem("jongeren", FORMEEL_TOTAAL, maat) if maat == "belang" else gem_van(
            [gem("jongeren", s, maat) for s in ("ggz", "jeugd_opvoedhulp")])
        ou, ki = gem("ouders", FORMEEL_TOTAAL, maat), gem("kinderen", FORMEEL_TOTAAL, maat)
        vergelijk[maat] = {"ouders_beter_dan_jongeren": bool(ou < j) if not (math.isnan(ou) or math.isnan(j)) else False,
                           "kinderen_slechter_dan_ouders": bool(ki > ou) if not (math.isnan(ou) or math.isnan(ki)) else False,
                           "kinderen_beter_dan_jongeren": bool(ki < j) if not (math.isnan(ki) or math.isnan(j)) else False}
    tj = gem_van([gem("jongeren", s, "tevredenheid") for s in ("ggz", "jeugd_opvoedhulp")])
    to, tk = gem("ouders", FORMEEL_TOTAAL, "tevredenheid"), gem("kinderen", FORMEEL_TOTAAL, "tevredenheid")
    vergelijk["tevredenheid"] = {"ouders_beter_dan_jongeren": bool(to < tj) if not (math.isnan(to) or math.isnan(tj)) else False,
                                 "kinderen_slechter_dan_ouders": bool(tk > to) if not (math.isnan(to) or math.isnan(tk)) else False,
                                 "kinderen_beter_dan_jongeren": bool(tk < tj) if not (math.isnan(tk) or math.isnan(tj)) else False}
    oo["vergelijk"] = vergelijk
    schaal = sorted(int(x) for x in _CB.antwoordschaal("belang_1_5")["waarden"])
    oo["schaal"] = {"laag": getal(schaal[0]), "hoog": getal(schaal[-1]), "product_laag": getal(schaal[0] ** 2),
                    "product_hoog": getal(schaal[-1] ** 2)}
    f["oordelen"] = oo
    return f

