"""Chapter 9 — risk factors and their relation with the violence: Tabel 9.1 and the analyses
the chapter's text reports.

- Tabel 9.1: the six risk factors that can change over the year and a half (share of parents
  per wave) and the mean number of the seven risk factors ("cumulatie", 0-7), with the
  repeated-measures ANOVA over T0-T1-T2 (η²) and the comparisons of successive waves (§9.2).
- Cumulation (three or more of seven, §2.5.5) per wave (§9.3).
- Relation with the violence at the report (T0): Pearson r of each factor and of the number of
  risk factors with the family's number of violent incidents; χ² (φ) of cumulation with
  frequent or severe violence (§9.2, §9.3).
- Relation over time: does violence decline more where a risk factor disappeared (mixed ANOVA,
  group × time, η²), and does the change in the number of risk factors go with the change in
  violence (r, T0→T2) (§9.2, §9.3).
- Help (§9.5): formal / informal help during the study and the decline of the risk factors
  (mixed ANOVA on the number of risk factors; χ² (φ) per factor).

Analysis decisions (Tabel 9.1):

- Unit: every parent who took part in all three waves (both parents of a couple), not one parent
  per family. The report does not say so, but its own numbers point that way: Tabel 7.2 counts
  368 single parents among 632 parents (58,2%), Tabel 9.1 prints 58,5% at T0.
- Denominator: per wave the parents whose answer is known (an unknown factor is not counted as
  absent); the mean number of risk factors over the parents with all seven known.

Pure functions from the snapshot's tables to the chapter's items and facts; the risk factors
themselves are scored in :mod:`analysis.risicofactoren` (codebook rules ``risico_*``), help in
:mod:`analysis.scoring_hulp`, violence in :mod:`analysis.scoring` (via chapter 4's population).
The notebook ``notebooks/09_risicofactoren.ipynb`` only calls these functions and writes what
they return.
"""

from __future__ import annotations

import math

import pandas as pd

from analysis import hoofdstuk4 as h4
from analysis import risicofactoren as rf
from analysis.codebook import load_codebook
from analysis.disclosure import ONDERDRUKT, ONDERDRUKT_UITLEG, aandeel_toonbaar, basis_toonbaar
from analysis.feiten import toets_feit, verloop_feit
from analysis.formatting import getal, pct
from analysis.populatie import ouders_alle_metingen
from analysis.stats import Toets, chi2_phi, mixed_anova, pearson_r, rm_anova
from analysis.tables import Tabel

METINGEN: list[str] = load_codebook().metingen

#: The seven risk factors of §2.5.5 (columns of :func:`analysis.risicofactoren.risicofactoren`).
FACTOREN: list[str] = list(rf.FACTOREN)
#: The factors that can change over the study (Tabel 9.1), in the table's row order, with the
#: table's row labels. ACE's are measured at T0 only and count in the cumulation alone.
TABEL_9_1_RIJEN: dict[str, str] = {
    "alleenstaand": "Alleenstaand",
    "werkloos": "Werkloos",
    "laagopgeleid": "Laag opgeleid",
    "armoede": "Laag inkomen",
    "alcohol": "Risicovol drankgebruik",
    "alcohol_partner": "Risicovol drankgebruik partner",
}
VERANDERBAAR: list[str] = list(TABEL_9_1_RIJEN)
#: Row label of the mean number of risk factors.
CUMULATIE_LABEL = "Cumulatie risicofactoren"
#: Dutch number words for the small counts of the codebook's rules (prose: "drie of meer").
TELWOORDEN = {1: "een", 2: "twee", 3: "drie", 4: "vier", 5: "vijf", 6: "zes", 7: "zeven", 8: "acht", 9: "negen", 10: "tien"}


def telwoord(n: int) -> str:
    """"drie" for 3; larger numbers as digits ("12")."""
    return TELWOORDEN.get(int(n), getal(n))


#: How the prose names each factor (Dutch, lower case).
FACTOR_NAMEN: dict[str, str] = {
    "armoede": "een laag inkomen",
    "werkloos": "werkloosheid",
    "ace": f"{telwoord(load_codebook().regel('risico_ace_min'))} of meer jeugdtrauma's",
    "alcohol": "eigen risicovol drankgebruik",
    "alcohol_partner": "risicovol drankgebruik van de (ex-)partner",
    "laagopgeleid": "een laag opleidingsniveau",
    "alleenstaand": "alleenstaand ouderschap",
}
#: Pairs of successive waves compared after the overall test (the table's "(T0→T1)").
PAREN: list[tuple[str, str]] = list(zip(METINGEN[:-1], METINGEN[1:]))
#: Significance markers of Tabel 9.1 (the report's footnote: * p < .05; ** p < .001).
MARKERING = ((0.001, "**"), (0.05, "*"))


def _paar(a: str, b: str) -> str:
    return f"{a}-{b}"


def _breed(df: pd.DataFrame, kolom: str) -> pd.DataFrame:
    """Parents × waves of one column, every wave present (a tiny region may have no rows)."""
    return df.pivot(index="ouder_id", columns="meting", values=kolom).reindex(columns=METINGEN)


# -- the risk factors per parent and wave --------------------------------------------------------
def risicofactoren_ouders(tabellen: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The seven risk factors per parent and wave for the parents who took part in all three
    waves (the 633 of chapter 4), from :mod:`analysis.risicofactoren`.

    One row per ``ouder_id`` × ``meting`` with ``gezin_id``, ``geslacht``, one column per factor
    of :data:`FACTOREN` (1.0 present, 0.0 absent, NaN unknown), ``aantal`` (number present,
    0-7; NaN when a factor is unknown) and ``cumulatie`` (1.0 when three or more, NaN when
    unknown).
    """
    ouders = ouders_alle_metingen(tabellen)
    risico = rf.risicofactoren(tabellen)
    risico = risico[risico["ouder_id"].isin(ouders["ouder_id"])]
    risico = risico[["ouder_id", "meting", *FACTOREN, "aantal", "cumulatie"]].copy()
    for kolom in [*FACTOREN, "aantal", "cumulatie"]:
        risico[kolom] = pd.to_numeric(risico[kolom].astype("Float64"), errors="coerce").astype(float)
    risico = risico.merge(ouders[["ouder_id", "gezin_id", "geslacht"]], on="ouder_id")
    return risico.sort_values(["ouder_id", "meting"], kind="stable").reset_index(drop=True)


def met_geweld(risico: pd.DataFrame, tabellen: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """``risico`` with the family's total violence in the same wave: ``geweld`` (incidents per
    year, partner violence + child maltreatment) and ``ernstig`` (1.0 = frequent or severe)."""
    totaal = h4.totaal_geweld(tabellen)[["gezin_id", "meting", "totaal", "categorie"]]
    totaal = totaal.assign(geweld=totaal["totaal"].astype(float), ernstig=(totaal["categorie"] == "ernstig").astype(float))
    return risico.merge(totaal[["gezin_id", "meting", "geweld", "ernstig"]], on=["gezin_id", "meting"], how="left")


# -- Tabel 9.1 ----------------------------------------------------------------------------------
def cellen_per_meting(risico: pd.DataFrame) -> pd.DataFrame:
    """Per factor (all seven plus ``cumulatie``, three or more) and wave: number of parents with
    the factor (``aantal``), with a known value (``n``) and the share; per wave the mean number
    of risk factors (row ``aantal``: ``gemiddelde`` over ``n`` parents). Tidy, one row per cell."""
    rijen = []
    for factor in [*FACTOREN, "cumulatie"]:
        for m in METINGEN:
            waarden = risico.loc[risico["meting"] == m, factor].dropna()
            n, aantal = int(len(waarden)), int(waarden.sum())
            rijen.append({"factor": factor, "meting": m, "maat": "aandeel", "aantal": aantal, "n": n,
                          "waarde": aantal / n if n else math.nan})
    for m in METINGEN:
        waarden = risico.loc[risico["meting"] == m, "aantal"].dropna()
        rijen.append({"factor": "aantal", "meting": m, "maat": "gemiddelde", "aantal": math.nan, "n": int(len(waarden)),
                      "waarde": float(waarden.mean()) if len(waarden) else math.nan})
    uit = pd.DataFrame(rijen)
    uit["toonbaar"] = True
    return uit


def beveilig_cellen(cellen: pd.DataFrame) -> pd.DataFrame:
    """Small-cell rule: a share needs five parents with and five without the factor, a mean a
    base of five; hidden values become missing (``toonbaar`` False). Each share is one binary
    distribution whose complement is not shown, so no complementary suppression is needed."""
    cellen = cellen.copy()
    cellen["toonbaar"] = [
        aandeel_toonbaar(int(a), int(n)) if maat == "aandeel" else basis_toonbaar(int(n))
        for a, n, maat in zip(cellen["aantal"].fillna(0), cellen["n"], cellen["maat"])
    ]
    cellen["waarde"] = cellen["waarde"].where(cellen["toonbaar"])
    cellen["aantal"] = cellen["aantal"].where(cellen["toonbaar"])
    return cellen


def verloop_toetsen(risico: pd.DataFrame) -> dict[str, dict[str, Toets]]:
    """Per factor, the cumulation (``cumulatie``) and the number of risk factors (``aantal``):
    the repeated-measures ANOVA over all waves (key "T0-T2") and over each pair of successive
    waves ("T0-T1", "T1-T2"; with two levels F = t² of the paired t-test)."""
    toetsen: dict[str, dict[str, Toets]] = {}
    for factor in [*FACTOREN, "cumulatie", "aantal"]:
        if factor == "ace":  # measured at T0 only
            continue
        per = {_paar(METINGEN[0], METINGEN[-1]): rm_anova(risico, subject="ouder_id", within="meting", dv=factor)}
        for a, b in PAREN:
            sub = risico[risico["meting"].isin([a, b])]
            per[_paar(a, b)] = rm_anova(sub, subject="ouder_id", within="meting", dv=factor)
        toetsen[factor] = per
    return toetsen


def markering(toetsen: dict[str, Toets]) -> str:
    """The table's marker of one row: "**" (p < .001) or "*" (p < .05) for the change over all
    waves; when it is significant but not every step between successive waves is, the steps
    that are, e.g. " (T0→T1)"."""
    totaal = toetsen[_paar(METINGEN[0], METINGEN[-1])]
    if pd.isna(totaal.p) or totaal.p >= MARKERING[-1][0]:
        return ""
    teken = next(t for grens, t in MARKERING if totaal.p < grens)
    stappen = [f"{a}→{b}" for a, b in PAREN if toetsen[_paar(a, b)].significant]
    if stappen and len(stappen) < len(PAREN):
        return f"{teken} ({', '.join(stappen)})"
    return teken


def tabel_9_1(cellen: pd.DataFrame, toetsen: dict[str, dict[str, Toets]], n_ouders: int) -> Tabel:
    """Tabel 9.1: share of parents with each changeable risk factor per wave, and the mean number
    of the seven risk factors, with the markers of the repeated-measures tests."""
    def waarde(factor: str, m: str) -> str:
        rij = cellen[(cellen["factor"] == factor) & (cellen["meting"] == m)].iloc[0]
        if pd.isna(rij["waarde"]):
            return ONDERDRUKT
        return pct(rij["waarde"], 1) if rij["maat"] == "aandeel" else getal(rij["waarde"], 1)

    rijen = []
    for factor, label in TABEL_9_1_RIJEN.items():
        rijen.append([label + markering(toetsen[factor]).replace("*", "\\*")] + [waarde(factor, m) for m in METINGEN])
    rijen.append([CUMULATIE_LABEL + markering(toetsen["aantal"]).replace("*", "\\*")] + [waarde("aantal", m) for m in METINGEN])
    weergave = pd.DataFrame(rijen, columns=["Risicofactor", *METINGEN])

    data = cellen[cellen["factor"].isin([*VERANDERBAAR, "aantal"])].copy()
    data["rij"] = data["factor"].map({**TABEL_9_1_RIJEN, "aantal": CUMULATIE_LABEL})
    toets_rijen = [
        {"factor": f, "vergelijking": k, **{f"toets_{veld}": v for veld, v in t.as_dict().items()}}
        for f, per in toetsen.items() if f in [*VERANDERBAAR, "aantal"] for k, t in per.items()
    ]
    toets_data = pd.DataFrame(toets_rijen)
    breed = toets_data.pivot(index="factor", columns="vergelijking", values=["toets_p", "toets_effect", "toets_n"])
    breed.columns = [f"{veld}_{vergelijking}" for veld, vergelijking in breed.columns]
    data = data.merge(breed.reset_index(), on="factor", how="left")
    data["markering"] = data["factor"].map(lambda f: markering(toetsen[f]))
    verborgen = cellen.loc[cellen["factor"].isin([*VERANDERBAAR, "aantal"]), "waarde"].isna().any()
    return Tabel(
        id="tabel-9.1",
        label="tbl-risicofactoren",
        titel="Risicofactoren die kunnen veranderen in de loop van de tijd",
        weergave=weergave,
        data=data.reset_index(drop=True),
        noot=(
            f"Ouders die aan alle drie de metingen hebben meegedaan (N={getal(n_ouders)}); percentage ouders met de "
            f"risicofactor per meting. Cumulatie risicofactoren: gemiddeld aantal van de {telwoord(len(FACTOREN))} risicofactoren "
            f"(0-{len(FACTOREN)}) bij ouders van wie alle factoren bekend zijn, inclusief {FACTOR_NAMEN['ace']} "
            f"(ACE's, alleen op {METINGEN[0]} gemeten). Verschil tussen de metingen "
            "(repeated measures ANOVA): \\* p < .05; \\*\\* p < .001; tussen haakjes de opeenvolgende metingen "
            "waartussen het verschil significant is als dat niet voor elke stap geldt."
            + (f" {ONDERDRUKT_UITLEG}" if verborgen else "")
        ),
    )


# -- relation with the violence -------------------------------------------------------------------
def samenhang_melding(risico_geweld: pd.DataFrame) -> dict[str, Toets]:
    """At the report (T0): Pearson r of each risk factor (0/1), of the number of risk factors
    (``aantal``) and of cumulation (``cumulatie``) with the family's number of violent
    incidents; key ``cumulatie_ernstig``: χ² (φ) of cumulation × frequent or severe violence."""
    t0 = risico_geweld[risico_geweld["meting"] == METINGEN[0]]
    toetsen = {f: pearson_r(t0, x=f, y="geweld") for f in [*FACTOREN, "aantal", "cumulatie"]}
    toetsen["cumulatie_ernstig"] = chi2_phi(t0, x="cumulatie", y="ernstig")
    return toetsen


def afname_groepen(risico: pd.DataFrame, factor: str) -> pd.Series:
    """Per parent with ``factor`` present at T0 and known at T2: "afgenomen" when it is absent at
    T2, "gebleven" when still present (index ``ouder_id``)."""
    breed = _breed(risico, factor)
    eerste, laatste = breed[METINGEN[0]], breed[METINGEN[-1]]
    kies = (eerste == 1) & laatste.notna()
    uit = laatste[kies].map({0.0: "afgenomen", 1.0: "gebleven"}).astype(object).rename("groep")
    uit.index.name = "ouder_id"
    return uit


def samenhang_verloop(risico_geweld: pd.DataFrame) -> dict[str, Toets]:
    """Over time: per changeable factor and for cumulation, the mixed ANOVA (group × time, η²) of
    the violence over T0-T1-T2 between parents whose factor disappeared by T2 and parents who
    still had it; key ``aantal``: Pearson r of the change in the number of risk factors with the
    change in violence (T2 − T0); key ``cumulatie_t0``: mixed ANOVA of the violence over time by
    cumulation at T0."""
    toetsen = {}
    for factor in [*VERANDERBAAR, "cumulatie"]:
        groep = afname_groepen(risico_geweld, factor).reset_index()
        sub = risico_geweld.merge(groep, on="ouder_id")
        toetsen[factor] = mixed_anova(sub, subject="ouder_id", within="meting", between="groep", dv="geweld")
    aantal, geweld = _breed(risico_geweld, "aantal"), _breed(risico_geweld, "geweld")
    verschil = pd.DataFrame({
        "d_aantal": aantal[METINGEN[-1]] - aantal[METINGEN[0]],
        "d_geweld": geweld[METINGEN[-1]] - geweld[METINGEN[0]],
    })
    toetsen["aantal"] = pearson_r(verschil, x="d_aantal", y="d_geweld")
    t0 = risico_geweld.loc[risico_geweld["meting"] == METINGEN[0], ["ouder_id", "cumulatie"]].rename(columns={"cumulatie": "cumulatie_t0"})
    sub = risico_geweld.merge(t0.dropna(), on="ouder_id")
    toetsen["cumulatie_t0"] = mixed_anova(sub, subject="ouder_id", within="meting", between="cumulatie_t0", dv="geweld")
    return toetsen


def geweld_per_groep(risico_geweld: pd.DataFrame) -> pd.DataFrame:
    """Per wave, for parents with and without cumulation at T0 (``cumulatie`` "ja"/"nee"): the
    mean violence (``gemiddelde``, incidents per year, over ``n`` parents) and the number and
    share of parents in a family with frequent or severe violence (``aantal_ernstig``,
    ``aandeel_ernstig``): the numbers behind the cumulation sentences."""
    t0 = risico_geweld.loc[risico_geweld["meting"] == METINGEN[0], ["ouder_id", "cumulatie"]].dropna()
    sub = risico_geweld.drop(columns="cumulatie").merge(t0, on="ouder_id")
    sub = sub.dropna(subset=["geweld"])
    uit = sub.groupby(["cumulatie", "meting"], as_index=False).agg(
        gemiddelde=("geweld", "mean"), n=("ouder_id", "nunique"), aantal_ernstig=("ernstig", "sum"))
    uit["aantal_ernstig"] = uit["aantal_ernstig"].astype(int)
    uit["aandeel_ernstig"] = uit["aantal_ernstig"] / uit["n"]
    uit["cumulatie"] = uit["cumulatie"].map({1.0: "ja", 0.0: "nee"})
    return uit


def daling_per_groep(risico_geweld: pd.DataFrame) -> dict[str, dict[str, float]]:
    """Per changeable factor and cumulation: the mean decline of the violence (T0 − T2, incidents
    per year) among parents whose factor disappeared (``afgenomen``) and those who kept it
    (``gebleven``); gives the direction of the mixed ANOVA of :func:`samenhang_verloop`."""
    breed = _breed(risico_geweld, "geweld")
    daling = (breed[METINGEN[0]] - breed[METINGEN[-1]]).rename("daling")
    uit = {}
    for factor in [*VERANDERBAAR, "cumulatie"]:
        groep = afname_groepen(risico_geweld, factor)
        per = pd.concat([groep, daling], axis=1, join="inner").dropna().groupby("groep")["daling"].mean()
        uit[factor] = {g: float(per.get(g, math.nan)) for g in ("afgenomen", "gebleven")}
    return uit


# -- help (§9.5) --------------------------------------------------------------------------------------
#: Help during the study compared in §9.5: column of :func:`analysis.scoring_hulp.hulpcategorieen`
#: → how the prose names it.
HULP: dict[str, str] = {"formeel": "formele hulp", "informeel": "informele hulp"}


def hulp_ouders(tabellen: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per parent: formal and informal help received during the study (any wave; IPS and ISS of
    the parent about him- or herself), from :mod:`analysis.scoring_hulp`. Parents who never
    answered a help question (``bekend`` False) are left out."""
    from analysis import scoring_hulp

    ips = scoring_hulp.ontvangen_periode(scoring_hulp.ontvangen_per_meting(tabellen["ips_ouder"], "ips_ouder"))
    iss = scoring_hulp.ontvangen_periode(scoring_hulp.ontvangen_per_meting(tabellen["iss_ouder"], "iss_ouder"))
    ontvangen = ips.merge(iss, on="ouder_id", how="outer", suffixes=("", "_iss"))
    ontvangen["bekend"] = ontvangen["bekend"].fillna(False).astype(bool) | ontvangen["bekend_iss"].fillna(False).astype(bool)
    ontvangen = ontvangen.drop(columns="bekend_iss")
    categorieen = scoring_hulp.hulpcategorieen(ontvangen)
    categorieen = categorieen[categorieen["bekend"]]
    return categorieen[["ouder_id", *HULP]].astype({k: float for k in HULP}).reset_index(drop=True)


def hulp_toetsen(risico: pd.DataFrame, hulp: pd.DataFrame) -> dict[str, Toets]:
    """Help and the decline of the risk factors: per kind of help, the mixed ANOVA (help × time,
    η²) of the number of risk factors over T0-T1-T2 (key = kind of help), and per changeable
    factor χ² (φ) of formal help × the factor having disappeared by T2 among the parents who had
    it at T0 (key = factor)."""
    sub = risico.merge(hulp, on="ouder_id")
    toetsen = {soort: mixed_anova(sub, subject="ouder_id", within="meting", between=soort, dv="aantal") for soort in HULP}
    for factor in VERANDERBAAR:
        groep = afname_groepen(risico, factor).reset_index()
        df = groep.merge(hulp, on="ouder_id")
        toetsen[factor] = chi2_phi(df, x="formeel", y="groep")
    return toetsen


def hulp_richting(risico: pd.DataFrame, hulp: pd.DataFrame) -> dict[str, float]:
    """Direction of the help tests: per kind of help the decline of the number of risk factors
    (T0 − T2) with minus without that help; per changeable factor the share of parents whose
    factor disappeared with minus without formal help. Positive = more decline with help."""
    breed = _breed(risico, "aantal")
    daling = (breed[METINGEN[0]] - breed[METINGEN[-1]]).rename("daling").reset_index().merge(hulp, on="ouder_id")
    uit = {}
    for soort in HULP:
        per = daling.groupby(soort)["daling"].mean()
        uit[soort] = float(per.get(1.0, math.nan) - per.get(0.0, math.nan))
    for factor in VERANDERBAAR:
        groep = afname_groepen(risico, factor).reset_index().merge(hulp, on="ouder_id")
        per = (groep["groep"] == "afgenomen").groupby(groep["formeel"]).mean()
        uit[factor] = float(per.get(1.0, math.nan) - per.get(0.0, math.nan))
    return uit


def definities() -> dict[str, str]:
    """The codebook's thresholds of the risk factors (rules ``risico_*``), formatted for the
    prose: income class, hours of paid work, glasses per week, ACE's, cumulation."""
    cb = load_codebook()
    achtergrond = cb.kolommen("ouders_achtergrond")
    inkomen = [achtergrond["inkomen"]["labels"][c] for c in cb.regel("risico_armoede_inkomen")]
    opleiding = [achtergrond["opleidingsniveau"]["labels"][c].lower() for c in cb.regel("risico_laagopgeleid")]
    return {
        "inkomen": " of ".join(inkomen),
        "opleiding": " of ".join(opleiding),
        "uren": telwoord(cb.regel("risico_werkloos_uren_minder_dan")),
        "glazen": telwoord(cb.regel("risico_alcohol_glazen_meer_dan")),
        "ace": telwoord(cb.regel("risico_ace_min")),
        "cumulatie": telwoord(cb.regel("risico_cumulatie_min")),
        "aantal_factoren": telwoord(len(FACTOREN)),
        "aantal_veranderbaar": telwoord(len(VERANDERBAAR)),
    }


# -- facts for the prose ----------------------------------------------------------------------
def _opgemaakt(cellen: pd.DataFrame, factor: str) -> tuple[dict, dict, bool]:
    rij = cellen[cellen["factor"] == factor].set_index("meting")
    waarden = rij["waarde"].reindex(METINGEN).to_dict()
    maat = rij["maat"].iloc[0]
    opgemaakt = {m: ONDERDRUKT if pd.isna(v) else (pct(v, 1) if maat == "aandeel" else getal(v, 1)) for m, v in waarden.items()}
    return waarden, opgemaakt, all(pd.notna(v) for v in waarden.values())


def _sterker_bij(daling: dict[str, float]) -> str:
    """Which group's violence declined more: "afgenomen", "gebleven" or "" (equal/unknown)."""
    a, b = daling.get("afgenomen", math.nan), daling.get("gebleven", math.nan)
    if pd.isna(a) or pd.isna(b) or a == b:
        return ""
    return "afgenomen" if a > b else "gebleven"


def _teken(richting: dict[str, float] | None, sleutel: str) -> bool | None:
    """True / False when the difference is positive / negative, None when unknown."""
    v = (richting or {}).get(sleutel, math.nan)
    return None if pd.isna(v) or v == 0 else bool(v > 0)


def _richting_r(t: Toets) -> str:
    if pd.isna(t.effect) or t.effect == 0:
        return ""
    return "positief" if t.effect > 0 else "negatief"


def feiten(
    risico: pd.DataFrame,
    cellen: pd.DataFrame,
    toetsen: dict[str, dict[str, Toets]],
    melding: dict[str, Toets],
    verloop: dict[str, Toets],
    groepen: pd.DataFrame,
    dalingen: dict[str, dict[str, float]],
    hulp: dict[str, Toets] | None,
    hulprichting: dict[str, float] | None = None,
) -> dict:
    """Every number and verdict chapter 9's prose uses (formatted nl-NL).

    Expects ``cellen`` and ``groepen`` after the small-cell rule (if any). ``hulp`` is None when
    no help data could be scored; the prose then says that this analysis is left out.
    """
    n_ouders = int(risico["ouder_id"].nunique())
    f: dict = {
        "n_ouders": getal(n_ouders),
        "n_gezinnen": getal(int(risico["gezin_id"].nunique())),
        "basis_toonbaar": basis_toonbaar(n_ouders),
        "definitie": definities(),
        "factor": {},
    }
    totaal = _paar(METINGEN[0], METINGEN[-1])
    for factor in FACTOREN:
        waarden, opgemaakt, toonbaar = _opgemaakt(cellen, factor)
        if factor in toetsen:
            feit = verloop_feit(waarden, opgemaakt, toetsen[factor][totaal])
            feit["stappen"] = {k: toets_feit(t) for k, t in toetsen[factor].items() if k != totaal}
            feit["stappen_significant"] = [k for k in feit["stappen"] if feit["stappen"][k]["significant"]]
        else:
            feit = dict(opgemaakt)
        feit["toonbaar"] = toonbaar
        feit["naam"] = FACTOR_NAMEN[factor]
        r = melding[factor]
        feit["melding"] = {**toets_feit(r), "richting": _richting_r(r)}
        if factor in verloop:
            feit["verloop"] = {**toets_feit(verloop[factor]), "sterker_bij": _sterker_bij(dalingen[factor])}
        if hulp is not None and factor in hulp:
            feit["hulp"] = {**toets_feit(hulp[factor]), "vaker_met_hulp": _teken(hulprichting, factor)}
        f["factor"][factor] = feit

    # The changeable factors shown at the first wave, from most to least common; the hidden ones.
    t0 = cellen[(cellen["meting"] == METINGEN[0]) & cellen["factor"].isin(VERANDERBAAR)].set_index("factor")["waarde"]
    getoond = [k for k in VERANDERBAAR if pd.notna(t0.get(k))]
    f["volgorde_t0"] = sorted(getoond, key=lambda k: (-t0[k], VERANDERBAAR.index(k)))
    f["verborgen_t0"] = [k for k in VERANDERBAAR if k not in getoond]
    # Which changeable factors changed meaningfully, and in which direction.
    f["afgenomen"] = [k for k in VERANDERBAAR if f["factor"][k]["toets"]["betekenisvol"] and f["factor"][k]["richting"] == "afgenomen"]
    f["toegenomen"] = [k for k in VERANDERBAAR if f["factor"][k]["toets"]["betekenisvol"] and f["factor"][k]["richting"] == "toegenomen"]
    f["klein"] = [k for k in VERANDERBAAR if f["factor"][k]["toets"]["significant"] and not f["factor"][k]["toets"]["betekenisvol"]]
    f["gelijk"] = [k for k in VERANDERBAAR if not f["factor"][k]["toets"]["significant"]]
    # Of those, the ones whose change happened in the first year only (T0→T1, not T1→T2).
    eerste, tweede = (_paar(a, b) for a, b in PAREN)
    f["alleen_eerste_jaar"] = [k for k in f["afgenomen"] + f["toegenomen"]
                               if f["factor"][k]["stappen"][eerste]["significant"] and not f["factor"][k]["stappen"][tweede]["significant"]]
    # Relations at the report: meaningful positive / negative correlations, and the rest.
    f["melding_positief"] = [k for k in FACTOREN if f["factor"][k]["melding"]["betekenisvol"] and f["factor"][k]["melding"]["richting"] == "positief"]
    f["melding_negatief"] = [k for k in FACTOREN if f["factor"][k]["melding"]["betekenisvol"] and f["factor"][k]["melding"]["richting"] == "negatief"]
    f["melding_geen"] = [k for k in FACTOREN if k not in f["melding_positief"] + f["melding_negatief"]]
    f["verloop_samen"] = [k for k in VERANDERBAAR if f["factor"][k]["verloop"]["betekenisvol"]]
    f["verloop_niet"] = [k for k in VERANDERBAAR if k not in f["verloop_samen"]]

    # The number of risk factors (Tabel 9.1's last row) and cumulation (three or more).
    waarden, opgemaakt, toonbaar = _opgemaakt(cellen, "aantal")
    aantal = verloop_feit(waarden, opgemaakt, toetsen["aantal"][totaal])
    aantal["stappen"] = {k: toets_feit(t) for k, t in toetsen["aantal"].items() if k != totaal}
    aantal["alle_stappen"] = all(s["significant"] for s in aantal["stappen"].values())
    aantal["toonbaar"] = toonbaar
    aantal["melding"] = {**toets_feit(melding["aantal"]), "richting": _richting_r(melding["aantal"])}
    aantal["verloop"] = {**toets_feit(verloop["aantal"]), "richting": _richting_r(verloop["aantal"])}
    f["aantal"] = aantal
    waarden, opgemaakt, toonbaar = _opgemaakt(cellen, "cumulatie")
    cum = verloop_feit(waarden, opgemaakt, toetsen["cumulatie"][totaal])
    cum["toonbaar"] = toonbaar
    cum["melding"] = {**toets_feit(melding["cumulatie"]), "richting": _richting_r(melding["cumulatie"])}
    cum["ernstig"] = toets_feit(melding["cumulatie_ernstig"])
    cum["verloop"] = {**toets_feit(verloop["cumulatie"]), "sterker_bij": _sterker_bij(dalingen["cumulatie"])}
    cum["verloop_t0"] = toets_feit(verloop["cumulatie_t0"])
    # Mean violence and share with frequent or severe violence per wave, with and without
    # cumulation at T0 (hidden below the small-cell rule).
    per_groep, ernstig = {}, {}
    for groep in ("ja", "nee"):
        sub = groepen[groepen["cumulatie"] == groep].set_index("meting").reindex(METINGEN)
        per_groep[groep] = {m: ONDERDRUKT if pd.isna(v) else getal(v) for m, v in sub["gemiddelde"].items()}
        ernstig[groep] = {m: ONDERDRUKT if pd.isna(v) else pct(v) for m, v in sub["aandeel_ernstig"].items()}
    cum["geweld"] = per_groep
    cum["geweld_toonbaar"] = all(v != ONDERDRUKT for g in per_groep.values() for v in g.values())
    cum["aandeel_ernstig"] = ernstig
    rij = groepen[groepen["meting"] == METINGEN[0]].set_index("cumulatie")["aandeel_ernstig"]
    ja, nee = rij.get("ja"), rij.get("nee")
    cum["ernstig_toonbaar"] = ja is not None and nee is not None and pd.notna(ja) and pd.notna(nee)
    cum["ernstig_vaker"] = "" if not cum["ernstig_toonbaar"] or ja == nee else ("ja" if ja > nee else "nee")
    f["cumulatie"] = cum

    # Help (§9.5).
    f["hulp_beschikbaar"] = hulp is not None
    if hulp is not None:
        f["hulp"] = {soort: {**toets_feit(hulp[soort]), "naam": naam, "meer_afname_met_hulp": _teken(hulprichting, soort)}
                     for soort, naam in HULP.items()}
        f["hulp_samen"] = [s for s in HULP if f["hulp"][s]["betekenisvol"]]
        f["hulp_factor_samen"] = [k for k in VERANDERBAAR if f["factor"][k]["hulp"]["betekenisvol"]]
    return f


def beveilig_groepen(groepen: pd.DataFrame) -> pd.DataFrame:
    """Small-cell rule for the groups with and without cumulation: a mean needs a base of five
    parents, a share five parents inside and five outside the cell."""
    groepen = groepen.copy()
    groepen["gemiddelde"] = groepen["gemiddelde"].where([basis_toonbaar(int(n)) for n in groepen["n"]])
    toonbaar = [aandeel_toonbaar(int(a), int(n)) for a, n in zip(groepen["aantal_ernstig"], groepen["n"])]
    groepen["aandeel_ernstig"] = groepen["aandeel_ernstig"].where(toonbaar)
    groepen["aantal_ernstig"] = groepen["aantal_ernstig"].where(toonbaar)
    return groepen

