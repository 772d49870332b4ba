"""Chapter 7, §7.4–7.5 — help and the course of violence and wellbeing: Figuur 7.1–7.16.

For parents (§7.4) and children (§7.5): first the course of each outcome over T0–T1–T2
(RM-ANOVA, η²), then per form of help whether that course differs between those who did and
did not receive it (mixed ANOVA group × time, partial η²). Pure functions from the snapshot's
tables to the items and facts; ``notebooks/07_hulp_verloop.ipynb`` only calls them and writes
what they return. Scoring lives elsewhere: parents' outcomes in :mod:`analysis.hoofdstuk5`
(``ouder_scores``: TSI T-scores, NOSI-K, quality of life), violence in :mod:`analysis.scoring`
(:func:`analysis.scoring.partnergeweld_ouder`), help in :mod:`analysis.scoring_hulp`,
children's outcomes in :func:`analysis.scoring_kinderen.kind_scores`.

Analysis decisions (the report does not specify them, §7.4 r. 4975-4990, §7.5):

* Population and level (r. 4975-4977): parents who took part in all three waves
  (``ouders_alle_metingen``), each parent a unit; children of the families of chapter 4
  (``gezinnen_alle_metingen``), each child a unit. Tests and the plotted means use the units
  with a score at every wave (listwise, as the RM-/mixed ANOVA does), so a figure shows exactly
  what was tested.
* Violence per parent (Figuur 7.1, 7.2): the parent's own reports only — partner violence from
  his or her CTS2 (victim and perpetrator items together) and child maltreatment from his or her
  CTSPC lists (per child, the worst child counts) — categorised with the rules of §2.5.1
  (``scoring.categorie_partnergeweld``/``categorie_kindermishandeling``/``ergste_categorie``)
  and scored 0 = geen, 1 = mild, 2 = veelvuldig of ernstig geweld. The figure shows the mean
  of that score ("gemiddeld totaal geweld").
* Parents' attachment with the child (Figuur 7.6): the parent's own Security Scale lists, per
  list the mean item score (rule ``security_scale_score``), per parent the mean over his or her
  children. The course is tested per sex (RM-ANOVA); mothers vs fathers per wave with an
  independent t-test (d); the help analyses use all parents together.
* Help received (rule ``hulp_ontvangen_periode``): a form counts as received when it was
  reported at any wave; units whose help is unknown are left out of the help analyses. Medical
  help is left out of the analyses (rule ``hulp_buiten_analyses``, r. 4781), also of the totals
  "formele hulp" and "alle hulp" (formal or informal); the children's composite "formeel
  overig" follows the report's definition (rule ``hulp_formeel_overig_kinderen``, which includes
  the (huis)arts, r. 5258). Parents: the separate forms of Tabel 7.1 and informal help, then the
  composites "tweede lijn", formal help in total and all help in total (r. 4982-4990; the
  first line equals maatschappelijk werk). Children: the separate forms of Tabel 7.4 and
  informal help, then "specialistische hulp", "formeel overig", formal and all help.
  Every form is tested for every outcome; the figures show the forms the report shows
  (catalogue panels), the facts hold all of them.
* A form "hangt samen" with the course when the interaction is meaningful (significant and at
  least a small partial η², Tabel 2.3 — which also meets the report's display threshold
  η² > .01, r. 4979) AND the mean change T0→T2 was more favourable in the group that received
  it. A meaningful interaction in the other direction is reported as a different course.
  The level difference between the groups (r. 5138-5146) is the independent t-test of the
  units' mean over the three waves (d; equivalent to the between-groups main effect).
* Trauma of the parents (Figuur 7.3): the TSI has no total score, so the report uses the two
  scales that correlate most with the clinical yes/no classification (r. 5131-5135). The
  correlations (point-biserial r) are computed over all parent-waves with a valid TSI.
  "Normal" levels in the figures are the national reference group's means where the study has
  a reference group (TSI scales and parenting stress: ``hoofdstuk5.referentie_scores``;
  children's PTSS, emotional insecurity and attachment: ``referentie_kind_scores``).
* Children: PTSS = ``trauma_posttraumatische_stress`` (mean of the valid TSCYC/TSCC T-scores).
  Emotional insecurity (Figuur 7.12, 7.13) = per informant the mean item score over the four
  subscales (OA, OI, OER, BD; a sum score is divided by its number of items, and with items
  counted from 0 -- the scorer's rule ``som_vanaf_0`` -- the scale's lowest answer is added
  back, so the POMP value does not depend on how the items are counted), expressed as a
  percentage of the scale's maximum (POMP, 0-100: SIMS-PR has five answer points, SIS four),
  per child the mean over the informants. Problem behaviour of
  teens (Figuur 7.14, 7.15) = the number of the five aggressive behaviours of r. 5279-5284
  (``AGRESSIEF_GEDRAG``) in the child's own ISRD; quality of life of teens (Figuur 7.16) =
  the Kidscreen-10 T-score. "Tieners" are the children who filled in their own lists (8+).
* Regional scopes: a mean is shown only when its base has at least ``MINIMUM_CELGROOTTE`` units;
  a help comparison (its means, group sizes and its verdict in the prose) is shown only when
  both groups have that base — otherwise the course figure's total would reveal the small group.
  Reference groups are national and never hidden.
* Figures: line charts over the waves (the report's figures did not survive; chart type, measure
  and breakdown follow the captions and the running text); a comparison figure has one panel
  per form of help with one y-scale for all panels; the reference group's mean, where there is
  one, is a dotted line. The captions keep the report's wording but without a verdict on the
  direction ("verloop" for "afname"/"toename"), since the direction is computed.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import hoofdstuk5 as h5
from analysis import scoring, scoring_hulp, scoring_kinderen
from analysis.codebook import load_codebook
from analysis.disclosure import ONDERDRUKT, basis_toonbaar
from analysis.feiten import richting, toets_feit, verloop_feit
from analysis.figures import PALET_DUO, Figuur, stijl  # sets the Agg backend before pyplot is imported
from analysis.formatting import getal, p_waarde, stat
from analysis.populatie import gezinnen_alle_metingen, ouders_alle_metingen
from analysis.stats import EFFECT_DREMPELS, Toets, is_betekenisvol, mixed_anova, pearson_r, rm_anova, t_test_ind, t_test_one_sample

import matplotlib.pyplot as plt  # noqa: E402  (after analysis.figures: Agg backend)
from matplotlib.lines import Line2D  # noqa: E402

_CB = load_codebook()
METINGEN: list[str] = _CB.metingen
WEL, NIET = "wel", "niet"
GROEP_LABELS = {WEL: "Wel ontvangen", NIET: "Niet ontvangen"}

#: Violence category → score of Figuur 7.1 (0 = geen … 2 = veelvuldig of ernstig).
GEWELD_SCORE: dict[str, int] = {c: i for i, c in enumerate(scoring.CATEGORIEEN)}


@dataclass(frozen=True)
class Hulpvorm:
    naam: str          # in running Dutch text, lower case
    titel: str         # panel title
    samengesteld: bool  # a composite of several forms (analysed "at a higher level")


#: Forms of help analysed for the parents (§7.4, r. 4982-4990), in the order of Tabel 7.1.
HULP_OUDERS: dict[str, Hulpvorm] = {
    "hulp_km_hg": Hulpvorm("hulp gericht op huiselijk geweld en kindermishandeling",
                           "Hulp gericht op huiselijk geweld en kindermishandeling", False),
    "maatschappelijk_werk": Hulpvorm("hulp van maatschappelijk werk of een zelfstandig psycholoog of pedagoog",
                                     "Maatschappelijk werk of zelfstandig psycholoog/pedagoog", False),
    "ggz": Hulpvorm("hulp van de GGZ", "GGZ", False),
    "verslavingszorg": Hulpvorm("hulp van de verslavingszorg", "Verslavingszorg", False),
    "jeugd_opvoedhulp": Hulpvorm("jeugd- en opvoedhulp", "Jeugd- en opvoedhulp", False),
    "verstandelijke_beperking": Hulpvorm("hulp bij een verstandelijke beperking", "Hulp verstandelijke beperking", False),
    "wijkteam": Hulpvorm("hulp van het wijkteam", "Wijkteam", False),
    "anders": Hulpvorm("andere formele hulp", "Andere formele hulp", False),
    "informeel": Hulpvorm("informele hulp", "Informele hulp", False),
    "tweede_lijn": Hulpvorm("tweedelijns hulp", "Tweedelijns hulp", True),
    "formeel": Hulpvorm("formele hulp in het algemeen", "Formele hulp (totaal)", True),
    "totaal": Hulpvorm("enige vorm van formele of informele hulp", "Formele of informele hulp (totaal)", True),
}
#: Forms of help analysed for the children (§7.5), in the order of Tabel 7.4.
HULP_KINDEREN: dict[str, Hulpvorm] = {
    "specialistisch_kind": Hulpvorm("formele specialistische hulp",
                                    "Specialistische hulpverlening", True),
    "ggz": Hulpvorm("hulp van de GGZ", "GGZ-voorzieningen", False),
    "jeugdbescherming": Hulpvorm("hulp van de jeugdbescherming", "Jeugdbescherming", False),
    "formeel_overig_kind": Hulpvorm("overige formele hulp",
                                    "Formeel overig", True),
    "verstandelijke_beperking": Hulpvorm("hulp bij een verstandelijke beperking", "Hulp verstandelijke beperking", False),
    "jeugd_opvoedhulp": Hulpvorm("jeugd- en opvoedhulp", "Jeugd- en opvoedhulp", False),
    "hulp_km_hg": Hulpvorm("hulp gericht op huiselijk geweld en kindermishandeling",
                           "Hulp gericht op huiselijk geweld en kindermishandeling", False),
    "wijkteam": Hulpvorm("hulp van het wijkteam", "Wijkteam", False),
    "maatschappelijk_werk": Hulpvorm("hulp van maatschappelijk werk of een zelfstandig psycholoog of orthopedagoog",
                                     "Maatschappelijk werk of zelfstandig psycholoog/pedagoog", False),
    "verslavingszorg": Hulpvorm("hulp van de verslavingszorg", "Verslavingszorg", False),
    "anders": Hulpvorm("andere formele hulp", "Andere formele hulp", False),
    "informeel": Hulpvorm("informele hulp", "Informele hulp", False),
    "formeel": Hulpvorm("formele hulp in het algemeen", "Formele hulp (totaal)", True),
    "totaal": Hulpvorm("enige vorm van formele of informele hulp", "Formele of informele hulp (totaal)", True),
}


@dataclass(frozen=True)
class Uitkomst:
    label: str          # in running Dutch text
    as_label: str       # y-axis label
    hoger_beter: bool
    verloop: str | None  # figure of the course (None: described with another figure)
    verschil: str | None  # figure of the help comparison
    vormen: tuple[str, ...]  # forms shown in the comparison figure (catalogue panels)
    decimalen: int = 1       # decimals of the printed means (two for the short 0-2 / 1-5 / 0-5 scales)


#: Parents' outcomes (§7.4), with their figures and the forms the report shows.
UITKOMSTEN_OUDERS: dict[str, Uitkomst] = {
    "geweld": Uitkomst("het totale geweld", "Gemiddelde ernst van het geweld\n(0 = geen, 1 = mild, 2 = ernstig)", False,
                       "figuur-7.1", "figuur-7.2", ("hulp_km_hg", "maatschappelijk_werk"), 2),
    "depressie": Uitkomst("depressieklachten", "Gemiddelde T-score", False, None, "figuur-7.3", ("totaal",)),
    "herbeleving": Uitkomst("herbeleving", "Gemiddelde T-score", False, None, "figuur-7.3", ("totaal",)),
    "opvoedstress": Uitkomst("de opvoedstress", "Gemiddelde opvoedstress (NOSI-K)", False, "figuur-7.4", "figuur-7.5", ("totaal",)),
    "hechting": Uitkomst("de hechting met het kind", "Gemiddelde score hechting (1-5)", True, "figuur-7.6", None, (), 2),
    "kwaliteit_van_leven": Uitkomst("de kwaliteit van leven", "Gemiddeld rapportcijfer (1-10)", True, "figuur-7.7", "figuur-7.8", ("totaal",)),
}
#: Children's outcomes (§7.5).
UITKOMSTEN_KINDEREN: dict[str, Uitkomst] = {
    "ptss": Uitkomst("de posttraumatische stress", "Gemiddelde T-score PTSS", False, "figuur-7.9", "figuur-7.10",
                     ("specialistisch_kind", "ggz", "jeugdbescherming", "formeel_overig_kind")),
    "hechting_vader": Uitkomst("de hechting met de vader", "Gemiddelde score hechting (1-5)", True, "figuur-7.11", None, (), 2),
    "hechting_moeder": Uitkomst("de hechting met de moeder", "Gemiddelde score hechting (1-5)", True, "figuur-7.11", None, (), 2),
    "emotionele_onveiligheid": Uitkomst("de emotionele onveiligheid", "Emotionele onveiligheid (0-100)", False,
                                        "figuur-7.12", "figuur-7.13", ("jeugdbescherming",)),
    "probleemgedrag": Uitkomst("het probleemgedrag", "Gemiddeld aantal gedragingen (0-5)", False,
                               "figuur-7.14", "figuur-7.15", ("hulp_km_hg",), 2),
    "kwaliteit_van_leven": Uitkomst("de kwaliteit van leven", "Gemiddelde T-score Kidscreen-10", True, "figuur-7.16", None, ()),
}
#: Trauma scales of the parents used as outcome (r. 5131-5135).
TRAUMA_OUDERS: tuple[str, ...] = ("depressie", "herbeleving")

KLEUREN_GROEP = {WEL: PALET_DUO[0], NIET: PALET_DUO[1]}
MARKERS = {WEL: "o", NIET: "s"}
LIJNSTIJL = {WEL: "-", NIET: "--"}
KLEUR_REFERENTIE = "#555555"

#: Figure labels for cross-references.
LABELS: dict[str, str] = {
    "figuur-7.1": "fig-hulp-verloop-geweld", "figuur-7.2": "fig-hulp-verschil-geweld",
    "figuur-7.3": "fig-hulp-verschil-trauma-ouders", "figuur-7.4": "fig-hulp-verloop-opvoedstress",
    "figuur-7.5": "fig-hulp-verschil-opvoedstress", "figuur-7.6": "fig-hulp-verloop-hechting-ouders",
    "figuur-7.7": "fig-hulp-verloop-kwaliteit-ouders", "figuur-7.8": "fig-hulp-verschil-kwaliteit-ouders",
    "figuur-7.9": "fig-hulp-verloop-ptss", "figuur-7.10": "fig-hulp-verschil-ptss",
    "figuur-7.11": "fig-hulp-verloop-hechting-kinderen", "figuur-7.12": "fig-hulp-verloop-onveiligheid",
    "figuur-7.13": "fig-hulp-verschil-onveiligheid", "figuur-7.14": "fig-hulp-verloop-probleemgedrag",
    "figuur-7.15": "fig-hulp-verschil-probleemgedrag", "figuur-7.16": "fig-hulp-verloop-kwaliteit-tieners",
}


def _platte_ids(df: pd.DataFrame) -> pd.DataFrame:
    """Ids, sex and wave as plain Python strings: the many small group-by/pivot steps of the
    comparisons are several times faster than on Arrow-backed strings."""
    for k in ("ouder_id", "kind_id", "gezin_id", "geslacht", "meting"):
        if k in df.columns:
            df[k] = df[k].astype(object)
    return df


# -- help received ------------------------------------------------------------------------------
def _totalen(cat: pd.DataFrame, ontvangen: pd.DataFrame) -> pd.DataFrame:
    """Add ``formeel`` (formal help without the forms left out of the analyses) and ``totaal``
    (formal or informal) to the categories of :func:`scoring_hulp.hulpcategorieen`."""
    buiten = set(_CB.regel("hulp_buiten_analyses"))
    codes = [c for c in _CB.regel("hulp_formeel") if c not in buiten and c in ontvangen.columns]
    formeel = ontvangen[codes].fillna(False).astype(bool).any(axis=1) if codes else pd.Series(False, index=ontvangen.index)
    cat = cat.copy()
    cat["formeel"] = formeel.to_numpy()
    cat["totaal"] = cat["formeel"] | cat["informeel"]
    return cat


def hulp_ouders(tabellen: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per parent whose help is known: one boolean column per form of :data:`HULP_OUDERS`
    (received at any wave, IPS and ISS about the parent him- or herself)."""
    per = pd.concat([scoring_hulp.ontvangen_per_meting(tabellen["ips_ouder"], "ips_ouder"),
                     scoring_hulp.ontvangen_per_meting(tabellen["iss_ouder"], "iss_ouder")], ignore_index=True)
    ontvangen = scoring_hulp.ontvangen_periode(per)
    cat = _totalen(scoring_hulp.hulpcategorieen(ontvangen), ontvangen)
    cat = cat[cat["bekend"].astype(bool)]
    return _platte_ids(cat[["ouder_id", *HULP_OUDERS]].sort_values("ouder_id").reset_index(drop=True))


def hulp_kinderen(tabellen: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per child whose help is known: one boolean column per form of :data:`HULP_KINDEREN`
    (rule ``hulp_kind_combinatie``: reported by a parent or the child, at any wave)."""
    ontvangen = scoring_hulp.ontvangen_kind(tabellen["ips_ouder_kind"], tabellen["iss_ouder_kind"],
                                            tabellen["ips_kind"], tabellen["iss_kind"])
    cat = _totalen(scoring_hulp.hulpcategorieen(ontvangen), ontvangen)
    cat = cat[cat["bekend"].astype(bool)]
    return _platte_ids(cat[["kind_id", *HULP_KINDEREN]].sort_values("kind_id").reset_index(drop=True))


# -- parents' outcomes --------------------------------------------------------------------------
def geweld_per_ouder(cts2: pd.DataFrame, ctspc_ouder: pd.DataFrame) -> pd.DataFrame:
    """Total violence reported by each parent per wave: ``ouder_id``, ``meting``, ``categorie``
    (partner violence from the parent's CTS2, both perspectives; child maltreatment from the
    parent's CTSPC lists, the worst child; the more severe of the two) and ``geweld`` (0-2)."""
    partner = scoring.partnergeweld_ouder(cts2, per_perspectief=False).rename(columns={"categorie": "categorie_partner"})
    # One parent's list about one child: key the child by parent and child, so the "highest
    # report of the parents" of kindermishandeling_kind is this parent's own report.
    sleutel = ctspc_ouder["ouder_id"].astype(str) + "|" + ctspc_ouder["kind_id"].astype(str)
    kind = scoring.kindermishandeling_kind(ctspc_ouder.assign(kind_id=sleutel))
    kind["ouder_id"] = kind["kind_id"].str.split("|").str[0]
    kind["meting"] = kind["meting"].astype(str)
    kind["rang"] = kind["categorie"].map(GEWELD_SCORE)
    kind = kind.groupby(["ouder_id", "meting"], as_index=False)["rang"].max()
    kind["categorie_kind"] = kind["rang"].map(lambda r: scoring.CATEGORIEEN[int(r)])
    beide = partner[["ouder_id", "meting", "categorie_partner"]].merge(
        kind[["ouder_id", "meting", "categorie_kind"]], on=["ouder_id", "meting"], how="outer")
    beide["categorie"] = scoring.ergste_categorie(beide["categorie_partner"], beide["categorie_kind"])
    beide["geweld"] = beide["categorie"].map(GEWELD_SCORE).astype(float)
    return beide[["ouder_id", "meting", "categorie", "geweld"]].sort_values(["ouder_id", "meting"]).reset_index(drop=True)


def hechting_per_ouder(security_scale_ouder: pd.DataFrame) -> pd.DataFrame:
    """The parent's attachment with his or her children per wave: per list the mean item score
    (rule ``security_scale_score``), per parent the mean over the children (``hechting``)."""
    if _CB.regel("security_scale_score") != "gemiddelde":
        raise ValueError("Onbekende regel security_scale_score")
    kolommen = list(_CB.items("security_scale_ouder")["kolom"])
    lijst = security_scale_ouder[["ouder_id", "kind_id", "meting"]].copy()
    lijst["meting"] = lijst["meting"].astype(str)
    lijst["hechting"] = security_scale_ouder[kolommen].astype("Float64").mean(axis=1, skipna=True).astype(float).to_numpy()
    return (lijst.dropna(subset=["hechting"]).groupby(["ouder_id", "meting"], as_index=False)["hechting"].mean()
            .sort_values(["ouder_id", "meting"]).reset_index(drop=True))


def ouder_uitkomsten(tabellen: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per parent in all three waves and wave: ``ouder_id``, ``gezin_id``, ``geslacht``,
    ``meting`` and the outcomes of :data:`UITKOMSTEN_OUDERS` (NaN = not measured) plus
    ``getraumatiseerd`` (for the correlations of r. 5131-5135)."""
    ouders = ouders_alle_metingen(tabellen)[["ouder_id", "gezin_id", "geslacht"]]
    rooster = ouders.merge(pd.DataFrame({"meting": METINGEN}), how="cross")
    scores = h5.ouder_scores(tabellen)
    kolommen = ["getraumatiseerd", *h5.TSI_SCHALEN, "opvoedstress", "kwaliteit_van_leven"]
    scores = scores[["ouder_id", "meting", *kolommen]].assign(meting=lambda d: d["meting"].astype(str))
    geweld = geweld_per_ouder(tabellen["cts2"], tabellen["ctspc_ouder"])[["ouder_id", "meting", "geweld"]]
    hechting = hechting_per_ouder(tabellen["security_scale_ouder"])
    uit = rooster.merge(scores, on=["ouder_id", "meting"], how="left")
    uit = uit.merge(geweld, on=["ouder_id", "meting"], how="left").merge(hechting, on=["ouder_id", "meting"], how="left")
    for k in [*kolommen, "geweld", "hechting"]:
        uit[k] = uit[k].astype(float)
    return _platte_ids(uit.sort_values(["ouder_id", "meting"], kind="stable").reset_index(drop=True))


def trauma_correlaties(scores: pd.DataFrame) -> dict[str, Toets]:
    """Point-biserial correlation of every clinical TSI scale with "getraumatiseerd" (0/1), over
    all parent-waves with a valid TSI (r. 5131-5135)."""
    return {s: pearson_r(scores, x=s, y="getraumatiseerd") for s in h5.TSI_SCHALEN}


def referentie_ouders(tabellen: dict[str, pd.DataFrame]) -> dict[str, float]:
    """Means of the national reference group on the parents' outcomes it has (TSI scales,
    parenting stress): the "normal" level of Figuur 7.3 and 7.5 (r. 5154-5157, 5179-5183).
    Pass the snapshot's unrestricted tables."""
    ref = h5.referentie_scores(tabellen)
    return {u: float(ref[u].mean()) for u in UITKOMSTEN_OUDERS if u in ref.columns and ref[u].notna().any()}


def n_met_hulpgegevens(data: pd.DataFrame, hulp: pd.DataFrame, eenheid: str) -> int:
    """Units of the population whose help is known (the base of the help comparisons)."""
    return int(data[eenheid].drop_duplicates().isin(hulp[eenheid]).sum())


# -- children's outcomes ------------------------------------------------------------------------
def _schaalgrenzen(instrument: str) -> tuple[int, int]:
    """Lowest and highest answer of an instrument's answer scale (codebook)."""
    punten = sorted(int(k) for k in _CB.antwoordschaal(_CB.instrument(instrument)["antwoordschaal"])["waarden"])
    return punten[0], punten[-1]


def _pomp(waarden: pd.Series, instrument: str) -> pd.Series:
    """A mean item score as the percentage of the scale's maximum possible score (0-100)."""
    laag, hoog = _schaalgrenzen(instrument)
    return 100 * (waarden.astype(float) - laag) / (hoog - laag)


def _itemgemiddelde(k: pd.DataFrame, voorvoegsel: str, instrument: str) -> pd.Series:
    """Mean item score on the instrument's answer scale over the four subscales of rule
    ``emotioneel_onveilig_sd`` of one informant. Rule ``emotionele_veiligheid_score``: a subscale
    score that is a sum ("som", "som_vanaf_0") is divided by its number of items first; items
    counted from 0 ("..._vanaf_0") get the scale's lowest answer back, so the result is on the
    answer scale (SIMS-PR 1-5, SIS 1-4) whichever way the subscales are scored."""
    subschalen = list(_CB.regel("emotioneel_onveilig_sd")["subschalen"])
    regel = str(_CB.regel("emotionele_veiligheid_score"))
    functie, _, vanaf = regel.partition("_vanaf_")
    if functie not in ("som", "gemiddelde") or vanaf not in ("", "0"):
        raise ValueError(f"Onbekende regel emotionele_veiligheid_score: {regel!r}")
    per_item = _CB.items(instrument)["subschaal"].value_counts()
    verschuiving = _schaalgrenzen(instrument)[0] if vanaf == "0" else 0
    delen = [k[f"{voorvoegsel}_{s}"].astype(float) / (int(per_item[s]) if functie == "som" else 1) + verschuiving
             for s in subschalen]
    return pd.concat(delen, axis=1).mean(axis=1, skipna=False)


def _kind_kolommen(k: pd.DataFrame) -> pd.DataFrame:
    """The outcomes of :data:`UITKOMSTEN_KINDEREN` from the columns of ``kind_scores``."""
    ouder = _pomp(_itemgemiddelde(k, "eo_ouder", "sims_pr"), "sims_pr")
    kind = _pomp(_itemgemiddelde(k, "eo_kind", "sis"), "sis")
    isrd = k[[f"isrd_{g}" for g in scoring_kinderen.AGRESSIEF_GEDRAG]].astype(float)
    return pd.DataFrame({
        "ptss": k["trauma_posttraumatische_stress"].astype(float),
        "hechting_vader": k["hechting_kind_over_vader"].astype(float),
        "hechting_moeder": k["hechting_kind_over_moeder"].astype(float),
        "emotionele_onveiligheid": pd.concat([ouder, kind], axis=1).mean(axis=1, skipna=True),
        "probleemgedrag": isrd.sum(axis=1, min_count=len(scoring_kinderen.AGRESSIEF_GEDRAG)),
        "kwaliteit_van_leven": k["kidscreen_kidscreen10"].astype(float),
    }, index=k.index)


def kind_uitkomsten(tabellen: dict[str, pd.DataFrame], kind_scores: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per child of the families in all three waves and wave: ``kind_id``, ``gezin_id``,
    ``meting`` and the outcomes of :data:`UITKOMSTEN_KINDEREN` (NaN = not measured).
    ``kind_scores`` defaults to :func:`scoring_kinderen.kind_scores` of the tables."""
    k = scoring_kinderen.kind_scores(tabellen) if kind_scores is None else kind_scores
    kinderen = tabellen["kinderen"]
    kinderen = kinderen[kinderen["gezin_id"].isin(gezinnen_alle_metingen(tabellen))][["kind_id", "gezin_id"]]
    rooster = kinderen.merge(pd.DataFrame({"meting": METINGEN}), how="cross")
    waarden = pd.concat([k[["kind_id"]].reset_index(drop=True), k["meting"].astype(str).reset_index(drop=True),
                         _kind_kolommen(k.reset_index(drop=True))], axis=1)
    uit = rooster.merge(waarden, on=["kind_id", "meting"], how="left")
    return _platte_ids(uit.sort_values(["kind_id", "meting"], kind="stable").reset_index(drop=True))


def referentie_kind(tabellen: dict[str, pd.DataFrame]) -> dict[str, float]:
    """Means of the children's reference group (national) on the outcomes it has; empty when
    the reference scores are not available."""
    try:
        ref = scoring_kinderen.referentie_kind_scores(tabellen)
    except NotImplementedError:
        return {}
    waarden = _kind_kolommen(ref.reset_index(drop=True))
    return {u: float(w.mean()) for u, w in waarden.items() if w.notna().any()}


# -- course over the waves and the help comparisons ------------------------------------------
def _breed(data: pd.DataFrame, eenheid: str, kolom: str) -> pd.DataFrame:
    """Units × waves of one outcome, only units with a score at every wave."""
    return data.pivot(index=eenheid, columns="meting", values=kolom).reindex(columns=METINGEN).dropna()


def verloop_toets(data: pd.DataFrame, eenheid: str, kolom: str) -> Toets:
    """RM-ANOVA over T0–T1–T2 (main effect of time, η²)."""
    return rm_anova(data[[eenheid, "meting", kolom]], subject=eenheid, within="meting", dv=kolom)


def verloop_gemiddelden(data: pd.DataFrame, eenheid: str, kolom: str, *, reeks: str = "alle",
                        beveiligen: bool = False) -> pd.DataFrame:
    """Mean, SD and n per wave over the units with a score at every wave: columns ``reeks``,
    ``meting``, ``gemiddelde``, ``sd``, ``n``, ``toonbaar`` (a regional mean needs the minimum base)."""
    breed = _breed(data, eenheid, kolom)
    n = int(len(breed))
    toonbaar = basis_toonbaar(n) if beveiligen else n > 0
    rijen = [{"reeks": reeks, "meting": m, "gemiddelde": float(breed[m].mean()) if n and toonbaar else math.nan,
              "sd": float(breed[m].std(ddof=1)) if n > 1 and toonbaar else math.nan, "n": n, "toonbaar": bool(toonbaar)}
             for m in METINGEN]
    return pd.DataFrame(rijen, columns=["reeks", "meting", "gemiddelde", "sd", "n", "toonbaar"])


@dataclass(frozen=True)
class Vergelijking:
    """One help form × one outcome: the interaction, the level difference and the means."""
    vorm: str
    toets: Toets             # mixed ANOVA group × time (partial η²)
    niveau: Toets            # t-test of the units' mean over the waves, wel − niet (d)
    gemiddelden: pd.DataFrame  # groep, meting, gemiddelde, n, toonbaar
    verandering: dict[str, float]  # mean change T0 → T2 per group
    gunstiger_bij_hulp: bool


def vergelijk_hulp(data: pd.DataFrame, hulp: pd.DataFrame, eenheid: str, kolom: str, vorm: str, *,
                   hoger_beter: bool, beveiligen: bool = False, breed: pd.DataFrame | None = None) -> Vergelijking:
    """The course of ``kolom`` among units who did and did not receive ``vorm`` (units whose help
    is unknown are left out). ``breed`` (units × waves, complete) may be passed to save work."""
    breed = _breed(data, eenheid, kolom) if breed is None else breed
    ontvangen = hulp.set_index(eenheid)[vorm].reindex(breed.index)
    breed = breed[ontvangen.notna()]
    groep = pd.Series(np.where(ontvangen[ontvangen.notna()].astype(bool), WEL, NIET), index=breed.index, name="groep")
    lang = breed.rename_axis(index=eenheid, columns="meting").stack().rename(kolom).reset_index()
    lang["groep"] = groep.reindex(lang[eenheid]).to_numpy()
    toets = mixed_anova(lang, subject=eenheid, within="meting", between="groep", dv=kolom)
    niveau = t_test_ind(pd.DataFrame({"groep": groep, "waarde": breed.mean(axis=1)}), group="groep", dv="waarde", levels=(WEL, NIET))
    aantallen = {g: int((groep == g).sum()) for g in (WEL, NIET)}
    beide = all(basis_toonbaar(n) for n in aantallen.values()) if beveiligen else True
    rijen, verandering = [], {}
    for g in (WEL, NIET):
        sub = breed[groep == g]
        n = aantallen[g]
        toonbaar = bool(beide and n > 0)
        verandering[g] = float((sub[METINGEN[-1]] - sub[METINGEN[0]]).mean()) if n else math.nan
        for m in METINGEN:
            rijen.append({"groep": g, "meting": m, "gemiddelde": float(sub[m].mean()) if n and toonbaar else math.nan,
                          "n": n if toonbaar else math.nan, "toonbaar": toonbaar})
    a, b = verandering[WEL], verandering[NIET]
    gunstiger = bool(pd.notna(a) and pd.notna(b) and ((a > b) if hoger_beter else (a < b)))
    gem = pd.DataFrame(rijen, columns=["groep", "meting", "gemiddelde", "n", "toonbaar"])
    return Vergelijking(vorm, toets, niveau, gem, verandering, gunstiger)


def vergelijk_alle(data: pd.DataFrame, hulp: pd.DataFrame, eenheid: str, uitkomsten: dict[str, Uitkomst],
                   vormen: dict[str, Hulpvorm], *, beveiligen: bool = False) -> dict[str, dict[str, Vergelijking]]:
    """Every outcome × every form of help."""
    uit = {}
    for u, spec in uitkomsten.items():
        breed = _breed(data, eenheid, u)
        uit[u] = {v: vergelijk_hulp(data, hulp, eenheid, u, v, hoger_beter=spec.hoger_beter, beveiligen=beveiligen, breed=breed)
                  for v in vormen}
    return uit


def geslacht_verschillen(scores: pd.DataFrame, kolom: str = "hechting") -> dict[str, Toets]:
    """Mothers vs fathers per wave (independent t-test, d; sign: mothers − fathers)."""
    return {m: t_test_ind(scores[scores["meting"] == m], group="geslacht", dv=kolom, levels=("vrouw", "man")) for m in METINGEN}


def moeder_vader_verschillen(kinderen: pd.DataFrame) -> dict[str, Toets]:
    """Children's attachment with the mother vs the father per wave: the one-sample t-test of
    the within-child difference (mother − father) against 0 (d = mean / SD of the difference)."""
    uit = {}
    for m in METINGEN:
        sub = kinderen[kinderen["meting"] == m]
        uit[m] = t_test_one_sample((sub["hechting_moeder"] - sub["hechting_vader"]).dropna(), 0.0)
    return uit


# -- figures ------------------------------------------------------------------------------------
def _tekst(v, decimalen: int = 1) -> str:
    return ONDERDRUKT if v is None or pd.isna(v) else getal(v, decimalen)


def _klein(as_label: str) -> str:
    """An axis label inside a sentence: first line only, first letter lower case."""
    eerste = as_label.split("\n")[0]
    return eerste[:1].lower() + eerste[1:]


def _grenzen(waarden: list) -> tuple[float, float, float]:
    """Lower and upper value of the y-axis data and the margin around them."""
    alle = [float(v) for v in waarden if v is not None and pd.notna(v)]
    laag, hoog = (min(alle), max(alle)) if alle else (0.0, 1.0)
    return laag, hoog, max((hoog - laag) * 0.25, abs(hoog) * 0.05, 0.1)


def _lijnen(ax, reeksen: list[dict], referentie: float | None = None, referentie_label: str = "", *,
            decimalen: int = 1, grenzen: tuple[float, float, float] | None = None) -> None:
    """Line chart over the waves: one line per series (``label``, ``waarden`` per wave, ``kleur``,
    ``marker``, ``stijl``), the value at each point (suppressed values leave a gap and show the
    symbol), and an optional dashed reference level."""
    x = np.arange(len(METINGEN))
    laag, hoog, marge = grenzen or _grenzen([v for r in reeksen for v in r["waarden"]] + [referentie])
    if all(pd.isna(v) for r in reeksen for v in r["waarden"]):
        # Everything hidden by the small-cell rule: one note instead of overlapping symbols.
        ax.text(x[len(x) // 2], (laag + hoog) / 2, f"{ONDERDRUKT} = niet getoond\n(te weinig personen)", ha="center",
                va="center", fontsize=8, color=KLEUR_REFERENTIE, bbox={"facecolor": "white", "edgecolor": "none"})
        reeksen = []
    for i, r in enumerate(reeksen):
        y = np.array([np.nan if pd.isna(v) else float(v) for v in r["waarden"]])
        ax.plot(x, y, color=r["kleur"], marker=r["marker"], linestyle=r["stijl"], linewidth=1.8, markersize=6)
        for j, v in enumerate(r["waarden"]):
            # The upper line's values above the points, the lower line's below.
            anderen = [rr["waarden"][j] for rr in reeksen if rr is not r and pd.notna(rr["waarden"][j])]
            onder = bool(anderen) and pd.notna(v) and float(v) < max(float(a) for a in anderen)
            yy = (laag if pd.isna(v) else float(v)) + (-1 if onder else 1) * marge * 0.25
            ax.text(x[j], yy, _tekst(v, decimalen), ha="center", va="top" if onder else "bottom", fontsize=8, color=r["kleur"])
    if referentie is not None:
        ax.axhline(referentie, color=KLEUR_REFERENTIE, linestyle=":", linewidth=1.0)
        ax.text(x[-1] + 0.3, referentie, referentie_label, fontsize=7, color=KLEUR_REFERENTIE, ha="right", va="bottom")
    ax.set_xticks(x, METINGEN)
    ax.yaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:g}".replace(".", ",")))  # Dutch decimal comma
    ax.set_xlim(-0.4, len(METINGEN) - 0.6)
    ax.set_ylim(laag - marge, hoog + marge)


def _reeks(waarden: pd.Series, label: str, kleur: str, marker: str = "o", stijl_: str = "-") -> dict:
    return {"label": label, "waarden": [waarden.get(m) for m in METINGEN], "kleur": kleur, "marker": marker, "stijl": stijl_}


def _legenda(fig, labels: list[tuple[str, str, str, str]], referentie_label: str | None = None) -> None:
    handles = [Line2D([], [], color=k, marker=mk, linestyle=st, label=lab) for lab, k, mk, st in labels]
    if referentie_label:
        handles.append(Line2D([], [], color=KLEUR_REFERENTIE, linestyle=":", label=referentie_label))
    fig.legend(handles=handles, loc="lower center", ncol=len(handles), bbox_to_anchor=(0.5, -0.02))


def verloop_figuur(figuur_id: str, titel: str, reeksen: dict[str, pd.DataFrame], as_label: str, scope_naam: str,
                   n_tekst: str, *, referentie: float | None = None, referentie_label: str = "Gemiddelde referentiegroep",
                   decimalen: int = 1) -> Figuur:
    """Course over T0–T2: one line per series (``reeksen``: label → output of
    :func:`verloop_gemiddelden`); two series get the duo palette with distinct markers and
    line styles (greyscale-safe)."""
    stijlen = [(PALET_DUO[0], "o", "-"), (PALET_DUO[1], "s", "--")]
    with stijl():
        fig, ax = plt.subplots(figsize=(6.3, 3.6))
        lijnen = [_reeks(d.set_index("meting")["gemiddelde"], lab, *stijlen[i % 2]) for i, (lab, d) in enumerate(reeksen.items())]
        _lijnen(ax, lijnen, referentie, "", decimalen=decimalen)
        ax.set_ylabel(as_label)
        ax.set_xlabel("Meting")
        if len(lijnen) > 1 or referentie is not None:
            fig.subplots_adjust(bottom=0.25)
            _legenda(fig, [(r["label"], r["kleur"], r["marker"], r["stijl"]) for r in lijnen] if len(lijnen) > 1 else [],
                     referentie_label if referentie is not None else None)
    data = pd.concat([d.assign(reeks=lab) for lab, d in reeksen.items()], ignore_index=True)
    delen = [f"{lab.lower() if len(reeksen) > 1 else ''}{': ' if len(reeksen) > 1 else ''}"
             + ", ".join(f"{m} {_tekst(v, decimalen)}" for m, v in d.set_index("meting")["gemiddelde"].items())
             for lab, d in reeksen.items()]
    alt = (f"Lijndiagram van {_klein(as_label)} op T0, T1 en T2 ({scope_naam}, {n_tekst}). "
           + "; ".join(delen) + "."
           + (f" Gestippelde lijn: {referentie_label.lower()} ({getal(referentie, decimalen)})." if referentie is not None else ""))
    return Figuur(id=figuur_id, label=LABELS[figuur_id], titel=titel, alt=alt, data=data, fig=fig)


def verschil_figuur(figuur_id: str, titel: str, panelen: list[tuple[str, Vergelijking]], as_label: str, scope_naam: str,
                    *, referenties: list[float | None] | None = None, referentie_label: str = "Gemiddelde referentiegroep",
                    decimalen: int = 1) -> Figuur:
    """One panel per (panel title, comparison): the course among those who did and did not
    receive the form of help; panels a, b, … as subplots of one figure."""
    n = len(panelen)
    kolommen = 1 if n == 1 else 2
    rijen = math.ceil(n / kolommen)
    letters = "abcdefgh"
    referenties = referenties or [None] * n
    met_referentie = any(r is not None for r in referenties)
    # One y-scale for all panels, so the panels can be compared at a glance.
    grenzen = _grenzen([*pd.concat([v.gemiddelden["gemiddelde"] for _, v in panelen]).tolist(), *referenties])
    with stijl():
        fig, assen = plt.subplots(rijen, kolommen, figsize=(6.3 if n == 1 else 7.2, 3.6 if rijen == 1 else 3.2 * rijen),
                                  squeeze=False)
        for i, (paneel, v) in enumerate(panelen):
            ax = assen[i // kolommen][i % kolommen]
            gem = v.gemiddelden
            lijnen = [_reeks(gem[gem["groep"] == g].set_index("meting")["gemiddelde"], GROEP_LABELS[g], KLEUREN_GROEP[g],
                             MARKERS[g], LIJNSTIJL[g]) for g in (WEL, NIET)]
            _lijnen(ax, lijnen, referenties[i], "", decimalen=decimalen, grenzen=grenzen)
            kop = f"{figuur_id.split('-')[1]}{letters[i]} {paneel}" if n > 1 else paneel
            ax.set_title(textwrap.fill(kop, 42), fontsize=9, loc="left")
            if i % kolommen == 0:
                ax.set_ylabel(as_label, fontsize=8)
        for j in range(n, rijen * kolommen):
            assen[j // kolommen][j % kolommen].set_visible(False)
        fig.subplots_adjust(bottom=0.22 if rijen == 1 else 0.12, hspace=0.45, wspace=0.3)
        _legenda(fig, [(GROEP_LABELS[g], KLEUREN_GROEP[g], MARKERS[g], LIJNSTIJL[g]) for g in (WEL, NIET)],
                 referentie_label if met_referentie else None)
    delen, data = [], []
    for i, (paneel, v) in enumerate(panelen):
        gem = v.gemiddelden
        data.append(gem.assign(paneel=f"{letters[i]}" if n > 1 else "", titel=paneel, vorm=v.vorm))
        per = "; ".join(f"{GROEP_LABELS[g].lower()}: " + ", ".join(
            f"{m} {_tekst(w, decimalen)}" for m, w in gem[gem["groep"] == g].set_index("meting")["gemiddelde"].items()) for g in (WEL, NIET))
        ref = f"; {referentie_label.lower()} {getal(referenties[i], decimalen)}" if referenties[i] is not None else ""
        delen.append(f"{'paneel ' + letters[i] + ' ' if n > 1 else ''}{paneel.lower()} ({per}{ref})")
    alt = (f"Lijndiagram{'men' if n > 1 else ''} van {_klein(as_label)} op T0, T1 en T2 voor wie de hulp "
           f"wel en niet ontving ({scope_naam}): " + "; ".join(delen) + "."
           + (f" Gestippelde lijn: {referentie_label.lower()}." if met_referentie else ""))
    kolom_volgorde = ["paneel", "titel", "vorm", "groep", "meting", "gemiddelde", "n", "toonbaar"]
    return Figuur(id=figuur_id, label=LABELS[figuur_id], titel=titel, alt=alt,
                  data=pd.concat(data, ignore_index=True)[kolom_volgorde], fig=fig)


# -- all series, all figures ----------------------------------------------------------------------
def verloop_alles(ouders: pd.DataFrame, kinderen: pd.DataFrame | None, *, beveiligen: bool = False) -> dict[str, dict]:
    """The course of every outcome: key ``ouders.<uitkomst>``, ``ouders.hechting.moeders|vaders``
    and ``kinderen.<uitkomst>`` → ``{"gemiddelden": DataFrame, "toets": Toets}``."""
    uit: dict[str, dict] = {}
    for u in UITKOMSTEN_OUDERS:
        uit[f"ouders.{u}"] = {"gemiddelden": verloop_gemiddelden(ouders, "ouder_id", u, beveiligen=beveiligen),
                              "toets": verloop_toets(ouders, "ouder_id", u)}
    for sekse, geslacht in (("moeders", "vrouw"), ("vaders", "man")):
        sub = ouders[ouders["geslacht"] == geslacht]
        uit[f"ouders.hechting.{sekse}"] = {"gemiddelden": verloop_gemiddelden(sub, "ouder_id", "hechting", reeks=sekse, beveiligen=beveiligen),
                                           "toets": verloop_toets(sub, "ouder_id", "hechting")}
    if kinderen is not None:
        for u in UITKOMSTEN_KINDEREN:
            uit[f"kinderen.{u}"] = {"gemiddelden": verloop_gemiddelden(kinderen, "kind_id", u, beveiligen=beveiligen),
                                    "toets": verloop_toets(kinderen, "kind_id", u)}
    return uit


#: Figure titles (the report's captions, worded without a verdict on the direction).
TITELS: dict[str, str] = {
    "figuur-7.1": "Verloop van het totale geweld (HG/KM) gerapporteerd door ouders op de drie meetmomenten",
    "figuur-7.2": "Verschil in verloop van het geweld tussen ouders die deze vorm van hulp wel of niet ontvangen hebben",
    "figuur-7.3": "Verschil in verloop van traumaklachten tussen ouders die wel of geen (in)formele hulp ontvangen hebben",
    "figuur-7.4": "De opvoedstress over de drie meetmomenten",
    "figuur-7.5": "Verschil in verloop van de opvoedstress tussen ouders die wel of geen (in)formele hulp ontvangen hebben",
    "figuur-7.6": "Hechting met het kind volgens de ouders op de drie meetmomenten",
    "figuur-7.7": "Kwaliteit van leven volgens de ouders op de drie meetmomenten",
    "figuur-7.8": "Verschil in verloop van de kwaliteit van leven tussen ouders die wel of geen hulp ontvangen hebben",
    "figuur-7.9": "PTSS-klachten van de kinderen op de drie meetmomenten",
    "figuur-7.10": "Verschil in verloop van PTSS tussen kinderen die wel of geen hulp ontvangen hebben",
    "figuur-7.11": "Hechting met de vader en de moeder volgens de kinderen op de drie meetmomenten",
    "figuur-7.12": "Emotionele onveiligheid van kinderen op de drie meetmomenten",
    "figuur-7.13": "Verschil in verloop van emotionele onveiligheid tussen kinderen die wel of geen jeugdbescherming ontvangen hebben",
    "figuur-7.14": "Probleemgedrag van tieners op de drie meetmomenten",
    "figuur-7.15": "Verschil in verloop van probleemgedrag tussen tieners die wel of geen gespecialiseerde hulp bij huiselijk geweld en kindermishandeling ontvangen hebben",
    "figuur-7.16": "Kwaliteit van leven van tieners op de drie meetmomenten",
}


def _n_titel(gem: pd.DataFrame) -> str:
    n = int(gem["n"].iloc[0]) if len(gem) else 0
    return f"N={getal(n)}" if bool(gem["toonbaar"].all()) else f"N={ONDERDRUKT}"


def figuren(verloop: dict[str, dict], vergelijkingen_ouders: dict[str, dict[str, Vergelijking]],
            vergelijkingen_kinderen: dict[str, dict[str, Vergelijking]] | None, referentie_ouders: dict[str, float],
            referentie_kinderen: dict[str, float], scope_naam: str) -> list[Figuur]:
    """Figuur 7.1–7.16 (7.9–7.16 only when the children's scores are available)."""
    uit: list[Figuur] = []
    ref_label = "Gemiddelde referentiegroep"

    def verloop_fig(fid: str, sleutel: str, spec: Uitkomst, eenheden: str, ref: float | None = None):
        gem = verloop[sleutel]["gemiddelden"]
        uit.append(verloop_figuur(fid, f"{TITELS[fid]} ({_n_titel(gem)})", {"Gemiddelde": gem}, spec.as_label, scope_naam,
                                  f"{_n_titel(gem).replace('N=', '')} {eenheden}", referentie=ref, referentie_label=ref_label,
                                  decimalen=spec.decimalen))

    def verschil_fig(fid: str, paren: list[tuple[str, str]], vergelijkingen, spec: Uitkomst, refs=None, titels=None):
        panelen = [(titels[i] if titels else (HULP_OUDERS.get(v) or HULP_KINDEREN[v]).titel, vergelijkingen[u][v])
                   for i, (u, v) in enumerate(paren)]
        uit.append(verschil_figuur(fid, TITELS[fid], panelen, spec.as_label, scope_naam, referenties=refs, referentie_label=ref_label,
                                   decimalen=spec.decimalen))

    O, K = UITKOMSTEN_OUDERS, UITKOMSTEN_KINDEREN
    verloop_fig("figuur-7.1", "ouders.geweld", O["geweld"], "ouders")
    verschil_fig("figuur-7.2", [("geweld", v) for v in O["geweld"].vormen], vergelijkingen_ouders, O["geweld"])
    verschil_fig("figuur-7.3", [(u, "totaal") for u in TRAUMA_OUDERS], vergelijkingen_ouders, O["depressie"],
                 refs=[referentie_ouders.get(u) for u in TRAUMA_OUDERS], titels=[h5.TSI_SCHALEN[u] for u in TRAUMA_OUDERS])
    verloop_fig("figuur-7.4", "ouders.opvoedstress", O["opvoedstress"], "ouders", referentie_ouders.get("opvoedstress"))
    verschil_fig("figuur-7.5", [("opvoedstress", "totaal")], vergelijkingen_ouders, O["opvoedstress"],
                 refs=[referentie_ouders.get("opvoedstress")])
    moeders, vaders = verloop["ouders.hechting.moeders"]["gemiddelden"], verloop["ouders.hechting.vaders"]["gemiddelden"]
    fid = "figuur-7.6"
    uit.append(verloop_figuur(fid, f"{TITELS[fid]} (moeders {_n_titel(moeders)}, vaders {_n_titel(vaders)})",
                              {"Moeders": moeders, "Vaders": vaders}, O["hechting"].as_label, scope_naam,
                              f"{_n_titel(moeders).replace('N=', '')} moeders en {_n_titel(vaders).replace('N=', '')} vaders",
                              decimalen=O["hechting"].decimalen))
    verloop_fig("figuur-7.7", "ouders.kwaliteit_van_leven", O["kwaliteit_van_leven"], "ouders")
    verschil_fig("figuur-7.8", [("kwaliteit_van_leven", "totaal")], vergelijkingen_ouders, O["kwaliteit_van_leven"])
    if vergelijkingen_kinderen is None:
        return uit
    verloop_fig("figuur-7.9", "kinderen.ptss", K["ptss"], "kinderen", referentie_kinderen.get("ptss"))
    verschil_fig("figuur-7.10", [("ptss", v) for v in K["ptss"].vormen], vergelijkingen_kinderen, K["ptss"],
                 refs=[referentie_kinderen.get("ptss")] * len(K["ptss"].vormen))
    vader, moeder = verloop["kinderen.hechting_vader"]["gemiddelden"], verloop["kinderen.hechting_moeder"]["gemiddelden"]
    fid = "figuur-7.11"
    uit.append(verloop_figuur(fid, f"{TITELS[fid]} ({_n_titel(vader)} over de vader, {_n_titel(moeder)} over de moeder)",
                              {"Hechting met moeder": moeder, "Hechting met vader": vader}, K["hechting_vader"].as_label, scope_naam,
                              f"{_n_titel(moeder).replace('N=', '')} kinderen over de moeder en "
                              f"{_n_titel(vader).replace('N=', '')} over de vader", decimalen=K["hechting_vader"].decimalen,
                              referentie=None))
    verloop_fig("figuur-7.12", "kinderen.emotionele_onveiligheid", K["emotionele_onveiligheid"], "kinderen",
                referentie_kinderen.get("emotionele_onveiligheid"))
    verschil_fig("figuur-7.13", [("emotionele_onveiligheid", v) for v in K["emotionele_onveiligheid"].vormen],
                 vergelijkingen_kinderen, K["emotionele_onveiligheid"], refs=[referentie_kinderen.get("emotionele_onveiligheid")])
    verloop_fig("figuur-7.14", "kinderen.probleemgedrag", K["probleemgedrag"], "tieners")
    verschil_fig("figuur-7.15", [("probleemgedrag", v) for v in K["probleemgedrag"].vormen], vergelijkingen_kinderen, K["probleemgedrag"])
    verloop_fig("figuur-7.16", "kinderen.kwaliteit_van_leven", K["kwaliteit_van_leven"], "tieners")
    return uit


# -- facts --------------------------------------------------------------------------------------
def _oordeel(richting: str, hoger_beter: bool) -> str:
    if richting not in ("toegenomen", "afgenomen"):
        return "gelijk"
    return "verbeterd" if (richting == "toegenomen") == hoger_beter else "verslechterd"


def verloop_feiten(gem: pd.DataFrame, t: Toets, spec: Uitkomst) -> dict:
    """Facts of one course: values per wave, the RM-ANOVA, direction and verdict."""
    w = gem.set_index("meting")["gemiddelde"]
    waarden = {m: w.get(m) for m in METINGEN}
    feit = verloop_feit(waarden, {m: _tekst(v, spec.decimalen) for m, v in waarden.items()}, t)
    feit.update(label=spec.label, n=getal(int(gem["n"].iloc[0])) if len(gem) else "0",
                toonbaar=bool(gem["toonbaar"].all()),
                oordeel=_oordeel(feit["richting"], spec.hoger_beter) if feit["toets"]["betekenisvol"] else "gelijk")
    return feit


def vergelijking_feiten(v: Vergelijking, vorm: Hulpvorm, decimalen: int = 1) -> dict:
    """Facts of one help comparison."""
    gem = v.gemiddelden
    per = {g: gem[gem["groep"] == g].set_index("meting") for g in (WEL, NIET)}
    betekenisvol = bool(is_betekenisvol(v.toets))
    niveau = toets_feit(v.niveau)
    niveau_richting = ""
    if niveau["betekenisvol"]:
        niveau_richting = "hoger" if v.niveau.statistiek > 0 else "lager"
    toonbaar = bool(gem["toonbaar"].all())
    return {
        "naam": vorm.naam, "titel": vorm.titel, "samengesteld": vorm.samengesteld,
        "toets": toets_feit(v.toets), "betekenisvol": betekenisvol,
        "gunstiger_bij_hulp": bool(v.gunstiger_bij_hulp),
        "samenhang": bool(betekenisvol and v.gunstiger_bij_hulp),
        "niveau": niveau, "niveau_richting": niveau_richting,
        "toonbaar": toonbaar,
        # Direction of each group's mean change T0 → T2 (only where the means may be shown).
        "richting": {g: (richting(0.0, v.verandering[g]) if toonbaar else "") for g in (WEL, NIET)},
        "n_wel": getal(per[WEL]["n"].iloc[0]) if toonbaar else ONDERDRUKT,
        "n_niet": getal(per[NIET]["n"].iloc[0]) if toonbaar else ONDERDRUKT,
        WEL: {m: _tekst(per[WEL]["gemiddelde"].get(m), decimalen) for m in METINGEN},
        NIET: {m: _tekst(per[NIET]["gemiddelde"].get(m), decimalen) for m in METINGEN},
    }


def hulp_feiten(vergelijkingen: dict[str, Vergelijking], vormen: dict[str, Hulpvorm], getoond: tuple[str, ...],
                decimalen: int = 1) -> dict:
    """Per form the comparison facts, plus the lists the prose uses: forms with a relation (by
    decreasing effect), with a different course in the other direction, and without. Only the
    forms in ``vergelijkingen`` are used."""
    vormen = {v: h for v, h in vormen.items() if v in vergelijkingen}
    per = {v: vergelijking_feiten(vergelijkingen[v], vormen[v], decimalen) for v in vormen}

    def effect(v):
        e = vergelijkingen[v].toets.effect
        return -e if pd.notna(e) else 0.0

    # A comparison with a group below the minimum cell size (regional scopes) is not reported.
    toonbaar = [v for v in vormen if per[v]["toonbaar"]]
    samenhang = sorted([v for v in toonbaar if per[v]["samenhang"]], key=lambda v: (effect(v), list(vormen).index(v)))
    anders = [v for v in toonbaar if per[v]["betekenisvol"] and not per[v]["gunstiger_bij_hulp"]]
    return {
        "vormen": per,
        "samenhang": samenhang,
        "samenhang_afzonderlijk": [v for v in samenhang if not vormen[v].samengesteld],
        "samenhang_samengesteld": [v for v in samenhang if vormen[v].samengesteld],
        "anders": anders,
        "geen": [v for v in toonbaar if not per[v]["betekenisvol"]],
        "te_klein": [v for v in vormen if not per[v]["toonbaar"]],
        "getoond": list(getoond),
        "getoond_samenhang": [v for v in getoond if per[v]["samenhang"] and per[v]["toonbaar"]],
        "getoond_geen_samenhang": [v for v in getoond if not (per[v]["samenhang"] and per[v]["toonbaar"])],
        "n_vormen": getal(len(toonbaar)),
        "aantal_vormen": len(toonbaar),
        "n_te_klein": getal(len(vormen) - len(toonbaar)),
        "aantal_te_klein": len(vormen) - len(toonbaar),
        "n_samenhang": getal(len(samenhang)),
    }


def positie(waarden: pd.Series, referentie: float | None) -> str:
    """Where a course lies relative to the reference group's mean: "boven" (every wave above),
    "onder" (every wave below), "rond" (some above, some below) or "" (no reference or hidden)."""
    w = pd.Series(waarden, dtype=float)
    if referentie is None or w.isna().any() or w.empty:
        return ""
    if (w > referentie).all():
        return "boven"
    if (w < referentie).all():
        return "onder"
    return "rond"


def _d_bereik(toetsen: dict[str, Toets]) -> dict:
    """Whether a difference holds at every wave (meaningful), its direction and the range of d."""
    ds = [t.effect for t in toetsen.values() if pd.notna(t.effect)]
    alle = all(is_betekenisvol(t) for t in toetsen.values())
    positief = all(t.statistiek > 0 for t in toetsen.values() if pd.notna(t.statistiek))
    return {
        "per_meting": {m: toets_feit(t) for m, t in toetsen.items()},
        "alle_metingen": bool(alle),
        "richting": "hoger" if alle and positief else "lager" if alle else "",
        "d_min": stat(min(abs(d) for d in ds)) if ds else "–",
        "d_max": stat(max(abs(d) for d in ds)) if ds else "–",
        "p_max": max((t.p for t in toetsen.values() if pd.notna(t.p)), default=math.nan),
    }


def feiten(
    ouders: pd.DataFrame,
    kinderen: pd.DataFrame | None,
    verloop: dict[str, dict],
    vergelijkingen_ouders: dict[str, dict[str, Vergelijking]],
    vergelijkingen_kinderen: dict[str, dict[str, Vergelijking]] | None,
    correlaties: dict[str, Toets],
    geslacht_t: dict[str, Toets],
    moeder_vader_t: dict[str, Toets] | None,
    referentie_ouders: dict[str, float],
    referentie_kinderen: dict[str, float],
    n_hulp: dict[str, int],
) -> dict:
    """Every number and verdict of §7.4–7.5 (formatted nl-NL). ``verloop`` maps a series key
    (``ouders.geweld``, ``ouders.hechting.moeders``, ``kinderen.ptss`` …) to
    ``{"gemiddelden": DataFrame, "toets": Toets}`` after the small-cell rule."""
    f: dict = {"n_ouders": getal(int(ouders["ouder_id"].nunique())),
               "n_hulp_ouders": getal(n_hulp.get("ouders", 0)),
               "kinderen_beschikbaar": kinderen is not None}
    # Ranges of the scales the prose names (emotional insecurity as POMP, attachment, violence score).
    f["bereik"] = {"pomp": {"laag": getal(0), "hoog": getal(100)},
                   "hechting": dict(zip(("laag", "hoog"), (getal(v) for v in _schaalgrenzen("security_scale_ouder")))),
                   "geweld": {"laag": getal(min(GEWELD_SCORE.values())), "hoog": getal(max(GEWELD_SCORE.values()))}}
    # The display threshold of r. 4979 is the "small" partial η² between groups of Tabel 2.3.
    f["drempel_effect"] = stat(EFFECT_DREMPELS["eta2"][0])

    def uitkomst(groep: str, u: str, spec: Uitkomst, vergelijkingen, vormen, referentie) -> dict:
        v = verloop[f"{groep}.{u}"]
        feit = verloop_feiten(v["gemiddelden"], v["toets"], spec)
        feit["hulp"] = hulp_feiten(vergelijkingen[u], vormen, spec.vormen, spec.decimalen)
        feit["referentie"] = getal(referentie[u], spec.decimalen) if u in referentie else ""
        ref = referentie.get(u)
        feit["referentie_positie"] = positie(v["gemiddelden"]["gemiddelde"], ref)
        for vorm in vergelijkingen[u]:
            gem = vergelijkingen[u][vorm].gemiddelden
            feit["hulp"]["vormen"][vorm]["referentie_positie"] = {g: positie(gem.loc[gem["groep"] == g, "gemiddelde"], ref) for g in (WEL, NIET)}
        return feit

    f["ouders"] = {u: uitkomst("ouders", u, s, vergelijkingen_ouders, HULP_OUDERS, referentie_ouders) for u, s in UITKOMSTEN_OUDERS.items()}
    # Attachment per sex (Figuur 7.6).
    for sekse in ("moeders", "vaders"):
        v = verloop[f"ouders.hechting.{sekse}"]
        f["ouders"]["hechting"][sekse] = verloop_feiten(v["gemiddelden"], v["toets"], UITKOMSTEN_OUDERS["hechting"])
    f["ouders"]["hechting"]["geslacht"] = _d_bereik(geslacht_t)
    f["ouders"]["hechting"]["geslacht"]["p_max"] = p_waarde(f["ouders"]["hechting"]["geslacht"]["p_max"])
    # Trauma scales chosen by their correlation with the clinical classification.
    volgorde = sorted(correlaties, key=lambda s: -(correlaties[s].statistiek if pd.notna(correlaties[s].statistiek) else -9))
    f["trauma_correlaties"] = {s: stat(correlaties[s].statistiek) for s in correlaties}
    # Unformatted, for the audit (the report prints r = .68 and .63, r. 5134-5135).
    f["trauma_correlaties_r"] = {s: (float(correlaties[s].statistiek) if pd.notna(correlaties[s].statistiek) else None)
                                 for s in correlaties}
    f["trauma_hoogste"] = volgorde[:len(TRAUMA_OUDERS)]
    f["trauma_keuze_hoogste"] = sorted(f["trauma_hoogste"]) == sorted(TRAUMA_OUDERS)
    f["trauma_labels"] = {s: h5.TSI_SCHALEN[s].lower() for s in h5.TSI_SCHALEN}

    if kinderen is not None and vergelijkingen_kinderen is not None:
        f["n_kinderen"] = getal(int(kinderen["kind_id"].nunique()))
        f["n_hulp_kinderen"] = getal(n_hulp.get("kinderen", 0))
        f["kinderen"] = {u: uitkomst("kinderen", u, s, vergelijkingen_kinderen, HULP_KINDEREN, referentie_kinderen) for u, s in UITKOMSTEN_KINDEREN.items()}
        f["kinderen"]["moeder_vader"] = _d_bereik(moeder_vader_t or {})
        f["kinderen"]["moeder_vader"]["p_max"] = p_waarde(f["kinderen"]["moeder_vader"]["p_max"])
    return f
