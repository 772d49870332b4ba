"""Chapter 3 — the study population: Figuur 3.1 (schematic map of the regions), Tabel 3.1
(participants per region, any wave, moved families in each region), Figuur 3.2 and 3.3 (flow charts), Tabel 3.2 and 3.5 (sample
size at the three waves), Tabel 3.3 and 3.4 (background of parents and children at T0), and
Tabel 3.6 and Figuur 3.4 (the whole T0 group against the three-wave group, with χ² and t tests).

Pure functions from the snapshot's tables to counts, the chapter's tables and facts; the
notebook ``notebooks/03_populatie.ipynb`` only calls them and writes what they return.

Who counts as taking part (the snapshot's ``deelname`` table, one row per respondent and wave):

* a parent or child takes part in a wave when they have a ``deelname`` row for it;
* a family takes part in a wave when at least one of its parents does (as in chapter 4, so
  the families of column T0-T1-T2 are exactly the N of chapter 4's analyses);
* a couple (*echtpaar*) is a family in which a mother and a father both take part;
* "twee kinderen in een gezin": a family with at least two children taking part (parents
  report on at most two children, so in the study this is exactly two);
* column T0-T1-T2: persons who took part in every wave; families (and couples, families with
  two children) that took part in every wave in the sense above;
* children's age groups use the age at T0;
* Tabel 3.1 (issue 8) counts everyone who took part at *any* wave, in every region the family
  lived in at a wave they took part in (snapshot table ``woonregio``; without it the family's
  region ``gezinnen.regio`` for every wave). The printed totals fix this rule: they exceed the T0
  totals by 111 families but 351 children, more than the at most two children per moved family
  that "T0 plus moved families" could add, so the table counts participants of later waves too,
  and families that moved in each of their regions (report r. 2469-2473). A region's scope uses
  the T0 region (:func:`analysis.populatie.beperk_tot_scope`); its Tabel 3.1 row is the national
  row, computed from all families (the notebook passes the national tables);
* families in which nobody ever reported any violence are not part of the study (§3.3,
  :func:`gezinnen_zonder_geweld`); the notebook removes them before every item but Figuur 3.2/3.3.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import scoring
from analysis.codebook import load_codebook
from analysis.disclosure import (
    ONDERDRUKT, ONDERDRUKT_UITLEG, aandeel_toonbaar, basis_toonbaar, beveilig_verdelingen, toonbare_optellingen,
    toonbare_verdeling,
)
from analysis.feiten import toets_feit
from analysis.figures import PALET_DUO, Figuur, aandeel_alt, alt_noot_onderdrukt, staafdiagram_categorieen, stijl
from analysis.formatting import LEEG, getal, pct
from analysis.populatie import NEDERLAND, scope_naam
from analysis.stats import Toets, chi2_phi, t_test_ind
from analysis.tables import Tabel

METINGEN = load_codebook().metingen
ALLE = "-".join(METINGEN)  # the column "T0-T1-T2": took part in all three waves
KOLOMMEN_3_2 = [*METINGEN, ALLE]
#: The G4 (the four largest cities) are the first four regions of the codebook.
G4 = load_codebook().regios[:4]

#: Rows of Tabel 3.2: key → label, in display order.
GROEPEN = {
    "gezinnen": "Gezinnen",
    "echtparen": "Echtparen",
    "ouders": "Ouders",
    "moeders": "Moeders",
    "vaders": "Vaders",
    "kinderen": "Kinderen 3-18 jaar",
    "kinderen_3_12": "Kinderen 3-12 jaar",
    "kinderen_13_18": "Kinderen 13-18 jaar",
    "twee_kinderen": "Twee kinderen in een gezin",
}
#: Children's age groups (age at T0, inclusive).
LEEFTIJDSGROEPEN = {"kinderen": (3, 18), "kinderen_3_12": (3, 12), "kinderen_13_18": (13, 18)}
#: Columns of Tabel 3.1: key → header.
KENMERKEN_3_1 = {"gezinnen": "Gezinnen", "ouders": "Ouders", "kinderen": "Kinderen"}
ZELFRAPPORTAGE = ("kinderen_zelf", "Kinderen die zelf vragenlijsten invullen")


# -- who took part ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Deelname:
    """Participation per wave: ids of parents, children and families, and the attributes used."""

    ouders: pd.DataFrame  # ouder_id, gezin_id, geslacht, meting (one row per parent and wave)
    kinderen: pd.DataFrame  # kind_id, gezin_id, leeftijd_t0, meting (one row per child and wave)


def deelname(tabellen: dict[str, pd.DataFrame]) -> Deelname:
    d = tabellen["deelname"][["respondent_id", "meting"]]
    ouders = tabellen["ouders"][["ouder_id", "gezin_id", "geslacht"]].merge(d, left_on="ouder_id", right_on="respondent_id")
    kinderen = tabellen["kinderen"][["kind_id", "gezin_id", "leeftijd_t0"]].merge(d, left_on="kind_id", right_on="respondent_id")
    return Deelname(ouders.drop(columns="respondent_id"), kinderen.drop(columns="respondent_id"))


def _in_alle_metingen(frame: pd.DataFrame, sleutel: str) -> pd.DataFrame:
    """Rows (one per id, first wave's attributes) of the ids that took part in every wave."""
    per_id = frame.groupby(sleutel)["meting"].nunique()
    ids = per_id[per_id == len(METINGEN)].index
    return frame[frame[sleutel].isin(ids)].drop_duplicates(sleutel)


def _gezin_sets(per_meting: dict[str, set]) -> dict[str, set]:
    """Add the "all waves" column: the families in the set at every wave."""
    alle = set.intersection(*(per_meting[m] for m in METINGEN)) if METINGEN else set()
    return {**per_meting, ALLE: alle}


def steekproef(tabellen: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Tabel 3.2's counts, tidy: one row per group × column (T0, T1, T2, T0-T1-T2)."""
    d = deelname(tabellen)
    rijen = []

    def tel(groep: str, kolom: str, aantal: int) -> None:
        rijen.append({"groep": groep, "kolom": kolom, "aantal": int(aantal)})

    gezinnen, echtparen, twee = {}, {}, {}
    for m in METINGEN:
        o = d.ouders[d.ouders["meting"] == m]
        k = d.kinderen[d.kinderen["meting"] == m]
        gezinnen[m] = set(o["gezin_id"])
        echtparen[m] = set(o.loc[o["geslacht"] == "vrouw", "gezin_id"]) & set(o.loc[o["geslacht"] == "man", "gezin_id"])
        per_gezin = k.groupby("gezin_id")["kind_id"].nunique()
        twee[m] = set(per_gezin[per_gezin >= 2].index)
    personen = {m: (d.ouders[d.ouders["meting"] == m], d.kinderen[d.kinderen["meting"] == m]) for m in METINGEN}
    personen[ALLE] = (_in_alle_metingen(d.ouders, "ouder_id"), _in_alle_metingen(d.kinderen, "kind_id"))
    gezinnen, echtparen, twee = _gezin_sets(gezinnen), _gezin_sets(echtparen), _gezin_sets(twee)

    for kolom in KOLOMMEN_3_2:
        ouders, kinderen = personen[kolom]
        tel("gezinnen", kolom, len(gezinnen[kolom]))
        tel("echtparen", kolom, len(echtparen[kolom]))
        tel("ouders", kolom, ouders["ouder_id"].nunique())
        tel("moeders", kolom, ouders.loc[ouders["geslacht"] == "vrouw", "ouder_id"].nunique())
        tel("vaders", kolom, ouders.loc[ouders["geslacht"] == "man", "ouder_id"].nunique())
        for groep, (laag, hoog) in LEEFTIJDSGROEPEN.items():
            tel(groep, kolom, kinderen.loc[kinderen["leeftijd_t0"].between(laag, hoog), "kind_id"].nunique())
        tel("twee_kinderen", kolom, len(twee[kolom]))
    out = pd.DataFrame(rijen)
    out["groep"] = pd.Categorical(out["groep"], categories=list(GROEPEN), ordered=True)
    out["kolom"] = pd.Categorical(out["kolom"], categories=KOLOMMEN_3_2, ordered=True)
    return out.sort_values(["groep", "kolom"]).reset_index(drop=True).astype({"groep": str, "kolom": str})


def zelfrapportage_tabellen() -> list[str]:
    """The codebook's tables of questionnaires children fill in themselves (an instrument whose
    ``rapporteur`` is the child, e.g. "kind (8-18 jaar)"); see :func:`rapporteur_tabellen`."""
    return rapporteur_tabellen("kind")


def woonregio_per_meting(tabellen: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The region a family lived in at each wave (gezin_id, meting, regio): the snapshot's
    ``woonregio`` table where it has a row, else the family's region (``gezinnen.regio``)."""
    gezinnen = tabellen["gezinnen"][["gezin_id", "regio"]]
    basis = gezinnen.merge(pd.DataFrame({"meting": METINGEN}), how="cross")
    if "woonregio" not in tabellen:
        return basis
    w = tabellen["woonregio"][["gezin_id", "meting", "regio"]].astype({"gezin_id": str, "meting": str, "regio": str})
    out = basis.merge(w, on=["gezin_id", "meting"], how="left", suffixes=("_gezin", ""))
    out["regio"] = out["regio"].fillna(out["regio_gezin"])
    return out[["gezin_id", "meting", "regio"]]


def regio_deelname(tabellen: dict[str, pd.DataFrame], regios: list[str], zelfrapportage: list[str] | None = None) -> pd.DataFrame:
    """Tabel 3.1's counts, one row per region of ``regios`` (in that order, zero when a region
    has nobody): families, parents, children and — only when the snapshot holds a child
    self-report table — children who filled in a questionnaire themselves.

    Counting rule (see the module docstring): a person (a family) counts in a region when they
    took part in at least one wave at which the family lived in that region — so everyone who
    took part at any wave, and a family that moved is counted in each region it lived in."""
    d = deelname(tabellen)
    woon = woonregio_per_meting(tabellen)

    def per_regio(frame: pd.DataFrame, sleutel: str) -> pd.Series:
        paren = frame[list(dict.fromkeys([sleutel, "gezin_id", "meting"]))].merge(woon, on=["gezin_id", "meting"])
        return paren.drop_duplicates([sleutel, "regio"])["regio"].value_counts()

    tellingen = {
        "gezinnen": per_regio(d.ouders, "gezin_id"),
        "ouders": per_regio(d.ouders, "ouder_id"),
        "kinderen": per_regio(d.kinderen, "kind_id"),
    }
    bronnen = [t for t in (zelfrapportage_tabellen() if zelfrapportage is None else zelfrapportage) if t in tabellen]
    if bronnen:
        zelf = pd.concat([tabellen[t][["kind_id", "meting"]] for t in bronnen]).drop_duplicates()
        zelf = zelf.merge(tabellen["kinderen"][["kind_id", "gezin_id"]], on="kind_id")
        tellingen[ZELFRAPPORTAGE[0]] = per_regio(zelf, "kind_id")
    out = pd.DataFrame({k: v.reindex(regios, fill_value=0) for k, v in tellingen.items()}).fillna(0).astype(int)
    out.index.name = "regio"
    return out.reset_index()


def verhuisde_gezinnen(tabellen: dict[str, pd.DataFrame], regios: list[str] | None = None) -> int:
    """Families that took part in more than one region (they moved during the study), among
    those that took part in one of ``regios`` (all regions when None)."""
    d = deelname(tabellen)
    paren = (d.ouders[["gezin_id", "meting"]].merge(woonregio_per_meting(tabellen), on=["gezin_id", "meting"])
             .drop_duplicates(["gezin_id", "regio"]))
    if regios is not None:
        paren = paren[paren["gezin_id"].isin(paren.loc[paren["regio"].isin(regios), "gezin_id"])]
    per_gezin = paren.groupby("gezin_id")["regio"].nunique()
    return int((per_gezin > 1).sum())


def scope_regios(scope: str) -> list[str]:
    """The regions of Tabel 3.1 in a scope: all 13 (codebook order) nationally, else the one."""
    return load_codebook().regios if scope == NEDERLAND else [scope_naam(scope)]


def regio_overzicht(per_regio: pd.DataFrame, totalen: bool = True) -> pd.DataFrame:
    """Tabel 3.1's rows (column ``soort``: regio / g4 / totaal): the regions and, with
    ``totalen`` (the national table), the G4 subtotal and the total."""
    kenmerken = [c for c in per_regio.columns if c != "regio"]
    if not totalen:
        return per_regio.assign(soort="regio")[["regio", "soort", *kenmerken]]
    g4 = per_regio[per_regio["regio"].isin(G4)][kenmerken].sum()
    totaal = per_regio[kenmerken].sum()
    extra = pd.DataFrame([{"regio": "G4", **g4.to_dict()}, {"regio": "Totaal", **totaal.to_dict()}])
    out = pd.concat([per_regio.assign(soort="regio"), extra.assign(soort=["g4", "totaal"])], ignore_index=True)
    return out[["regio", "soort", *kenmerken]]


# -- small-cell rule ----------------------------------------------------------------------------
#: Rows of Tabel 3.2 that add up: a hidden part must not be recoverable as total minus the rest.
OPTELLINGEN_3_2 = [("ouders", ["moeders", "vaders"]), ("kinderen", ["kinderen_3_12", "kinderen_13_18"])]


def beveilig_aantallen(lang: pd.DataFrame) -> pd.DataFrame:
    """Counts below the minimum cell size become missing (``toonbaar`` False), with
    complementary suppression within each column for the rows that add up (Tabel 3.2)."""
    lang = lang.copy()
    lang["toonbaar"] = [basis_toonbaar(int(a)) for a in lang["aantal"]]
    if {"groep", "kolom"} <= set(lang.columns):
        for _, idx in lang.groupby("kolom", sort=False).groups.items():
            kolom = lang.loc[idx].set_index("groep")["aantal"]
            toonbaar = toonbare_optellingen(kolom, OPTELLINGEN_3_2)
            lang.loc[idx, "toonbaar"] = toonbaar.reindex(lang.loc[idx, "groep"]).to_numpy()
    lang["aantal"] = lang["aantal"].astype("Int64").where(lang["toonbaar"].astype(bool))
    return lang


def regio_lang(regio_tabel: pd.DataFrame) -> pd.DataFrame:
    """Tabel 3.1's counts tidy: one row per region (or subtotal) × characteristic."""
    kenmerken = [c for c in regio_tabel.columns if c not in ("regio", "soort")]
    rijen = [
        {"regio": rij["regio"], "soort": rij["soort"], "kenmerk": k, "aantal": int(rij[k]), "toonbaar": True}
        for _, rij in regio_tabel.iterrows() for k in kenmerken
    ]
    return pd.DataFrame(rijen, columns=["regio", "soort", "kenmerk", "aantal", "toonbaar"])


def _cel(waarde: float) -> str:
    return ONDERDRUKT if pd.isna(waarde) else getal(int(waarde))


# -- the tables ---------------------------------------------------------------------------------
def tabel_3_1(lang: pd.DataFrame) -> Tabel:
    """Tabel 3.1 from :func:`regio_lang` (after the small-cell rule, if any)."""
    kenmerken = list(dict.fromkeys(lang["kenmerk"]))
    koppen = {**KENMERKEN_3_1, ZELFRAPPORTAGE[0]: ZELFRAPPORTAGE[1]}
    waarden = lang.set_index(["regio", "soort", "kenmerk"])["aantal"]
    rijen = [
        [regio] + [_cel(waarden[(regio, soort, k)]) for k in kenmerken]
        for regio, soort in dict.fromkeys(zip(lang["regio"], lang["soort"]))
    ]
    weergave = pd.DataFrame(rijen, columns=["Veilig Thuis-regio"] + [koppen[k] for k in kenmerken])
    noot = ("Alle deelnemers, aan welke meting ook. Wie meedeed, telt mee in de regio waar het gezin op dat moment woonde: "
            "een gezin dat tijdens het onderzoek naar een andere regio verhuisde, telt in beide regio's mee.")
    if (lang["soort"] == "totaal").any():
        noot += " Het totaal kan daardoor groter zijn dan het aantal deelnemende gezinnen."
    noot += " Een gezin doet mee als minstens één ouder de vragenlijst invult."
    if (lang["soort"] == "g4").any():
        noot += f" G4: {', '.join(G4[:-1])} en {G4[-1]}."
    if ZELFRAPPORTAGE[0] not in kenmerken:
        noot += (" Het aantal kinderen dat zelf vragenlijsten invult, ontbreekt: de gegevens bevatten geen"
                 " vragenlijsten die kinderen zelf invullen.")
    if not lang["toonbaar"].all():
        noot += f" {ONDERDRUKT_UITLEG}"
    return Tabel(
        id="tabel-3.1",
        label="tbl-regio-deelname",
        titel="Deelnemende gezinnen, ouders en kinderen per regio en de G4",
        weergave=weergave,
        data=lang,
        noot=noot,
    )


def tabel_3_2(lang: pd.DataFrame) -> Tabel:
    """Tabel 3.2 from :func:`steekproef` (after the small-cell rule, if any)."""
    groepen = list(dict.fromkeys(lang["groep"])) if (lang["groep"] == ZELF_GROEP[0]).any() else list(GROEPEN)
    breed = lang.pivot(index="groep", columns="kolom", values="aantal").reindex(index=groepen, columns=KOLOMMEN_3_2)
    rijen = [[_groep_label(g)] + [_cel(breed.loc[g, k]) for k in KOLOMMEN_3_2] for g in groepen]
    weergave = pd.DataFrame(rijen, columns=[""] + KOLOMMEN_3_2)
    noot = (
        f"{ALLE}: deelgenomen aan alle drie de metingen. Echtparen: gezinnen waarin moeder én vader meedoen. "
        f"Leeftijd van de kinderen op {METINGEN[0]}."
    )
    if "toonbaar" in lang and not lang["toonbaar"].all():
        noot += f" {ONDERDRUKT_UITLEG}"
    return Tabel(
        id="tabel-3.2",
        label="tbl-steekproef",
        titel="Steekproefomvang op de drie verschillende meetmomenten",
        weergave=weergave,
        data=lang,
        noot=noot,
    )


# -- facts for the prose ------------------------------------------------------------------------
def _aantal_feit(n: int, beveiligen: bool) -> str:
    return ONDERDRUKT if beveiligen and not basis_toonbaar(n) else getal(n)


def _aandeel_feit(teller: int, noemer: int, beveiligen: bool) -> str:
    if noemer <= 0:
        return LEEG
    if beveiligen and not aandeel_toonbaar(teller, noemer):
        return ONDERDRUKT
    return pct(teller / noemer)


def _vergelijk(a: tuple[int, int], b: tuple[int, int], beveiligen: bool) -> str:
    """Share a = (teller, noemer) against share b as the reader sees them: "hoger", "lager" or
    "gelijk" (equal when both print as the same percentage); "onbekend" when one is undefined
    or hidden by the small-cell rule."""
    if {_aandeel_feit(*a, beveiligen), _aandeel_feit(*b, beveiligen)} & {ONDERDRUKT, LEEG}:
        return "onbekend"
    x, y = a[0] / a[1], b[0] / b[1]
    if pct(x) == pct(y):
        return "gelijk"
    return "hoger" if x > y else "lager"


def _uitersten(per_regio: pd.DataFrame, kolom: str, hoogste: bool, beveiligen: bool) -> dict:
    """The region(s) with the most (or fewest) units; ties give more than one name."""
    waarde = per_regio[kolom].max() if hoogste else per_regio[kolom].min()
    namen = per_regio.loc[per_regio[kolom] == waarde, "regio"].tolist()
    return {"namen": namen, "aantal": _aantal_feit(int(waarde), beveiligen), "meer_dan_een": len(namen) > 1}


def feiten(tellingen: pd.DataFrame, per_regio: pd.DataFrame, beveiligen: bool = False, verhuisd: int = 0) -> dict:
    """Every number and verdict chapter 3's prose uses (formatted nl-NL).

    ``tellingen``: :func:`steekproef` before the small-cell rule; ``per_regio``:
    :func:`regio_deelname` for the scope's regions; ``verhuisd``: :func:`verhuisde_gezinnen`
    (families counted in more than one region). With ``beveiligen`` (regional scopes) a
    count below the minimum cell size and a share with fewer than the minimum inside or
    outside it are printed as the suppression symbol.
    """
    n = tellingen.pivot(index="groep", columns="kolom", values="aantal")
    t0, t1, t2 = METINGEN

    f: dict = {"steekproef": {}, "behoud": {}, "beveiligd": beveiligen}
    for groep in GROEPEN:
        f["steekproef"][groep] = {k: _aantal_feit(int(n.loc[groep, k]), beveiligen) for k in KOLOMMEN_3_2}
        f["steekproef"][groep]["alle"] = f["steekproef"][groep][ALLE]
        # Share of those who took part at T0 that also took part later (persons: the same person).
        f["behoud"][groep] = {
            k.replace(ALLE, "alle"): _aandeel_feit(int(n.loc[groep, k]), int(n.loc[groep, t0]), beveiligen)
            for k in (t1, t2, ALLE)
        }
    g = n.loc["gezinnen"]
    uitval_eerst, uitval_later = int(g[t0] - g[t1]), int(g[t1] - g[t2])
    f["uitval_gezinnen"] = {
        "eerste_jaar": _aantal_feit(uitval_eerst, beveiligen),
        "daarna": _aantal_feit(abs(uitval_later), beveiligen),
        "daarna_richting": "afgenomen" if uitval_later > 0 else "toegenomen" if uitval_later < 0 else "gelijk gebleven",
        # Where most families were lost: between the first two waves or the last two.
        "meeste": "eerste" if uitval_eerst > uitval_later else "tweede" if uitval_later > uitval_eerst else "gelijk",
    }
    ouders_t0, ouders_alle = int(n.loc["ouders", t0]), int(n.loc["ouders", ALLE])
    f["aandeel"] = {
        "moeders_t0": _aandeel_feit(int(n.loc["moeders", t0]), ouders_t0, beveiligen),
        "moeders_alle": _aandeel_feit(int(n.loc["moeders", ALLE]), ouders_alle, beveiligen),
        "echtparen_t0": _aandeel_feit(int(n.loc["echtparen", t0]), int(g[t0]), beveiligen),
        "twee_kinderen_t0": _aandeel_feit(int(n.loc["twee_kinderen", t0]), int(g[t0]), beveiligen),
        "twee_kinderen_alle": _aandeel_feit(int(n.loc["twee_kinderen", ALLE]), int(g[ALLE]), beveiligen),
        "jongeren_t0": _aandeel_feit(int(n.loc["kinderen_13_18", t0]), int(n.loc["kinderen", t0]), beveiligen),
    }
    # Is the share of families with two children higher among the families that stayed?
    f["twee_kinderen_bij_blijvers"] = _vergelijk(
        (int(n.loc["twee_kinderen", ALLE]), int(g[ALLE])), (int(n.loc["twee_kinderen", t0]), int(g[t0])), beveiligen
    )
    f["leeftijden"] = {groep: {"van": getal(laag), "tot": getal(hoog)} for groep, (laag, hoog) in LEEFTIJDSGROEPEN.items()}

    # Tabel 3.1: the regions.
    f["regio"] = {
        "n_regios": getal(len(per_regio)),
        "namen": per_regio["regio"].tolist(),
        "g4_namen": [r for r in G4 if r in set(per_regio["regio"])],
        "meeste": _uitersten(per_regio, "gezinnen", hoogste=True, beveiligen=beveiligen),
        "minste": _uitersten(per_regio, "gezinnen", hoogste=False, beveiligen=beveiligen),
        "per_regio": {
            rij.regio: {k: _aantal_feit(int(getattr(rij, k)), beveiligen) for k in KENMERKEN_3_1}
            for rij in per_regio.itertuples(index=False)
        },
        "zelfrapportage": ZELFRAPPORTAGE[0] in per_regio.columns,
    }
    g4 = per_regio[per_regio["regio"].isin(G4)]
    totaal_gezinnen = int(per_regio["gezinnen"].sum())
    f["regio"]["g4"] = {
        "gezinnen": _aantal_feit(int(g4["gezinnen"].sum()), beveiligen),
        "ouders": _aantal_feit(int(g4["ouders"].sum()), beveiligen),
        "kinderen": _aantal_feit(int(g4["kinderen"].sum()), beveiligen),
        "aandeel_gezinnen": _aandeel_feit(int(g4["gezinnen"].sum()), totaal_gezinnen, beveiligen),
    }
    f["regio"]["totaal_gezinnen"] = _aantal_feit(totaal_gezinnen, beveiligen)
    f["regio"]["verhuisd"] = _aantal_feit(int(verhuisd), beveiligen)
    f["regio"]["met_verhuizing"] = int(verhuisd) > 0
    # Children per family at T0 (Tabel 3.2's counts; Tabel 3.1 counts movers twice).
    gezinnen_t0, kinderen_t0 = int(n.loc["gezinnen", t0]), int(n.loc["kinderen", t0])
    kinderen_per_gezin = kinderen_t0 / gezinnen_t0 if gezinnen_t0 else float("nan")
    f["kinderen_per_gezin"] = getal(kinderen_per_gezin, 1) if basis_toonbaar(gezinnen_t0) or not beveiligen else ONDERDRUKT
    return f


# ================================================================================================
# Issue 5 — the remaining items of chapter 3: Figuur 3.1–3.4 and Tabel 3.3–3.6.
# ================================================================================================
#
# Tidy "cells" of the background tables (3.3, 3.4, 3.6): one row per table row × column with
#   blok, rij (keys), kolom (key), soort ("aandeel" | "gemiddelde" | "aantal"), teller, n,
#   waarde (fraction for a share, the mean, or the count), verdeling (True when the rows of the
#   block are one distribution that sums to n: complementary suppression applies), toonbaar.
# The display (``weergave``) is derived from the cells after the small-cell rule.


_CB = load_codebook()
EERSTE = METINGEN[0]

#: Label of Tabel 3.2/3.5's row of children who fill in questionnaires themselves.
ZELF_GROEP = ("kinderen_zelf", "Kinderen 8-18 jaar die zelf invullen")


def _kolom_labels(tabel: str, kolom: str) -> dict[str, str]:
    spec = _CB.tabellen[tabel]["kolommen"][kolom]
    return dict(spec.get("labels") or {w: w for w in spec["waarden"]})


def rapporteur_tabellen(soort: str) -> list[str]:
    """The codebook's tables of instruments by reporter: ``"kind"`` (the child about itself;
    the codebook writes e.g. "kind (8-18 jaar)") or ``"ouder over kind"``."""
    uit = []
    for naam, t in _CB.tabellen.items():
        if not t.get("instrument") or naam.startswith("referentie_"):
            continue
        r = str(_CB.instrument(t["instrument"]).get("rapporteur") or "")
        if (soort == "kind" and r.split(" ")[0] == "kind") or (soort != "kind" and r == soort):
            uit.append(naam)
    return uit


def _respondenten(tabellen: dict[str, pd.DataFrame], namen: list[str], sleutel: str = "kind_id") -> pd.DataFrame:
    """(id, meting) pairs of everyone with a row in one of the tables ``namen`` present."""
    delen = [tabellen[n][[sleutel, "meting"]] for n in namen if n in tabellen and "meting" in tabellen[n]]
    if not delen:
        return pd.DataFrame(columns=[sleutel, "meting"])
    return pd.concat(delen).drop_duplicates().reset_index(drop=True)


def zelf_invullers(tabellen: dict[str, pd.DataFrame], zelfrapportage: list[str] | None = None) -> pd.DataFrame | None:
    """(kind_id, meting) of children who filled in a questionnaire themselves, or None when the
    snapshot has no self-report table at all (the column is then "not available")."""
    namen = [t for t in (rapporteur_tabellen("kind") if zelfrapportage is None else zelfrapportage) if t in tabellen]
    return _respondenten(tabellen, namen) if namen else None


# -- who is in the study: the exclusion of families without any violence (Figuur 3.2) ------------
def gezinnen_zonder_geweld(tabellen: dict[str, pd.DataFrame]) -> set:
    """Families in which nobody ever reported any partner violence or child maltreatment (§3.3):
    every answer of every family member on the violence items of CTS2, CTSPC (parent) and the
    child's own CTSPC (maltreatment, witnessed partner violence), in every wave,
    is "dit is nooit gebeurd" (answer 1) or missing — so neither in the past year nor before.
    A family without any violence answer at all is not counted (nothing to judge)."""
    delen = []
    bronnen = (("cts2", "ouders", "ouder_id", scoring.PARTNERGEWELD_VORMEN),
               ("ctspc_ouder", "ouders", "ouder_id", scoring.KINDERMISHANDELING_VORMEN),
               # the child's own report: maltreatment and witnessed partner violence
               ("ctspc_kind", "kinderen", "kind_id", [*scoring.KINDERMISHANDELING_VORMEN, "getuige_fysiek", "getuige_psychisch"]))
    for tabel, personen, sleutel, vormen in bronnen:
        if tabel not in tabellen or tabellen[tabel].empty or not _CB.tabellen.get(tabel, {}).get("instrument"):
            continue
        items = _CB.items(_CB.tabellen[tabel]["instrument"])
        kolommen = [k for k in items.loc[items["subschaal"].isin(vormen), "kolom"] if k in tabellen[tabel].columns]
        frame = tabellen[tabel].merge(tabellen[personen][[sleutel, "gezin_id"]], on=sleutel)
        hoogste = frame[kolommen].apply(pd.to_numeric, errors="coerce").max(axis=1)
        delen.append(pd.DataFrame({"gezin_id": frame["gezin_id"], "hoogste": hoogste}))
    if not delen:
        return set()
    per_gezin = pd.concat(delen).dropna(subset=["hoogste"]).groupby("gezin_id")["hoogste"].max()
    return set(per_gezin[per_gezin <= 1].index)


def zonder_gezinnen(tabellen: dict[str, pd.DataFrame], gezinnen: set) -> dict[str, pd.DataFrame]:
    """The snapshot's tables without the given families (and their parents and children)."""
    if not gezinnen:
        return tabellen
    weg = list(gezinnen)
    weg_ids = list(set(tabellen["ouders"].loc[tabellen["ouders"]["gezin_id"].isin(weg), "ouder_id"])
                   | set(tabellen["kinderen"].loc[tabellen["kinderen"]["gezin_id"].isin(weg), "kind_id"]))
    uit = {}
    for naam, frame in tabellen.items():
        if naam.startswith("referentie_"):
            uit[naam] = frame
        elif naam in ("gezinnen", "ouders", "kinderen"):
            uit[naam] = frame[~frame["gezin_id"].isin(weg)]
        else:
            sleutels = [k for k in ("ouder_id", "kind_id", "respondent_id") if k in frame.columns]
            houd = pd.Series(True, index=frame.index)
            for k in sleutels:
                houd &= ~frame[k].isin(weg_ids)
            if not sleutels and "gezin_id" in frame.columns:
                houd &= ~frame["gezin_id"].isin(weg)
            uit[naam] = frame[houd]
    return uit


# -- Tabel 3.2 / 3.5: children who fill in questionnaires themselves ----------------------------
def steekproef_zelf(tabellen: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Tabel 3.2's row "Kinderen 8-18 jaar die zelf invullen" (tidy like :func:`steekproef`), or
    an empty frame when the snapshot holds no self-report questionnaire."""
    zelf = zelf_invullers(tabellen)
    if zelf is None:
        return pd.DataFrame(columns=["groep", "kolom", "aantal"])
    rijen = [{"groep": ZELF_GROEP[0], "kolom": m, "aantal": int(zelf.loc[zelf["meting"] == m, "kind_id"].nunique())} for m in METINGEN]
    per_kind = zelf.groupby("kind_id")["meting"].nunique()
    rijen.append({"groep": ZELF_GROEP[0], "kolom": ALLE, "aantal": int((per_kind == len(METINGEN)).sum())})
    return pd.DataFrame(rijen)


def met_zelf(tellingen: pd.DataFrame, zelf: pd.DataFrame) -> pd.DataFrame:
    """Tabel 3.2's counts with the self-report row (after "Kinderen 13-18 jaar") when there is one."""
    if zelf.empty:
        return tellingen
    out = pd.concat([tellingen, zelf], ignore_index=True)
    volgorde = list(GROEPEN)
    volgorde.insert(volgorde.index("kinderen_13_18") + 1, ZELF_GROEP[0])
    out["_r"] = out["groep"].map(volgorde.index)
    out["_k"] = out["kolom"].map(KOLOMMEN_3_2.index)
    return out.sort_values(["_r", "_k"]).drop(columns=["_r", "_k"]).reset_index(drop=True)


#: Rows of Tabel 3.5 (a subset of Tabel 3.2) and its columns.
RIJEN_3_5 = ["gezinnen", "ouders", "moeders", "vaders", "kinderen", "kinderen_3_12", "kinderen_13_18", ZELF_GROEP[0]]
KOLOMMEN_3_5 = [EERSTE, ALLE]


def _groep_label(groep: str) -> str:
    return ZELF_GROEP[1] if groep == ZELF_GROEP[0] else GROEPEN[groep]


def tabel_3_5(lang: pd.DataFrame) -> Tabel:
    """Tabel 3.5: the analysis dataset (all three waves) against T0, from :func:`met_zelf`
    (after the small-cell rule, if any). Without self-report data the last row reads "–"."""
    lang = lang[lang["kolom"].isin(KOLOMMEN_3_5) & lang["groep"].isin(RIJEN_3_5)]
    waarden = lang.set_index(["groep", "kolom"])["aantal"]
    rijen = []
    for g in RIJEN_3_5:
        if g == ZELF_GROEP[0] and not (lang["groep"] == g).any():
            rijen.append([_groep_label(g)] + [LEEG] * len(KOLOMMEN_3_5))
        else:
            rijen.append([_groep_label(g)] + [_cel(waarden[(g, k)]) for k in KOLOMMEN_3_5])
    weergave = pd.DataFrame(rijen, columns=[""] + KOLOMMEN_3_5)
    noot = (f"{ALLE}: deelgenomen aan alle drie de metingen; dit is de onderzoeksgroep van de volgende hoofdstukken. "
            f"Leeftijd van de kinderen op {EERSTE}; op latere metingen kunnen jongeren 19 of 20 jaar zijn.")
    if not (lang["groep"] == ZELF_GROEP[0]).any():
        noot += " Kinderen die zelf invullen: nog niet beschikbaar (de gegevens bevatten geen vragenlijsten die kinderen zelf invullen)."
    if "toonbaar" in lang and not lang["toonbaar"].astype(bool).all():
        noot += f" {ONDERDRUKT_UITLEG}"
    return Tabel(id="tabel-3.5", label="tbl-dataset", titel="Steekproefomvang op de drie verschillende meetmomenten",
                 weergave=weergave, data=lang.reset_index(drop=True), noot=noot)


# -- generic cells of the background tables -----------------------------------------------------
CEL_KOLOMMEN = ["blok", "rij", "kolom", "soort", "teller", "n", "waarde", "verdeling"]


def _verdeling(blok: str, kolom: str, waarden: pd.Series, codes: list) -> list[dict]:
    """One share per code of a categorical variable (missing values left out of the base)."""
    w = waarden.dropna()
    n = len(w)
    return [{"blok": blok, "rij": str(c), "kolom": kolom, "soort": "aandeel", "teller": int((w == c).sum()), "n": n,
             "waarde": (w == c).sum() / n if n else math.nan, "verdeling": True} for c in codes]


def _aandeel(blok: str, rij: str, kolom: str, ja: pd.Series) -> dict:
    """A single share: the fraction of True among the non-missing values of ``ja``."""
    w = ja.dropna().astype(bool)
    n = len(w)
    return {"blok": blok, "rij": rij, "kolom": kolom, "soort": "aandeel", "teller": int(w.sum()), "n": n,
            "waarde": w.sum() / n if n else math.nan, "verdeling": False}


def _gemiddelde(blok: str, rij: str, kolom: str, waarden: pd.Series) -> dict:
    w = pd.to_numeric(waarden, errors="coerce").dropna()
    return {"blok": blok, "rij": rij, "kolom": kolom, "soort": "gemiddelde", "teller": float(w.sum()), "n": len(w),
            "waarde": float(w.mean()) if len(w) else math.nan, "verdeling": False}


def _aantal(blok: str, rij: str, kolom: str, n: int) -> dict:
    return {"blok": blok, "rij": rij, "kolom": kolom, "soort": "aantal", "teller": n, "n": n, "waarde": float(n), "verdeling": False}


def beveilig_kenmerken(cellen: pd.DataFrame) -> pd.DataFrame:
    """Small-cell rule for the background tables: shares by :func:`toonbare_verdeling` within a
    distribution (block × column) or :func:`aandeel_toonbaar` for a single share, means and counts
    by :func:`basis_toonbaar`. Hidden cells get ``waarde`` and ``teller`` missing."""
    cellen = cellen.copy()
    toonbaar = pd.Series(True, index=cellen.index)
    for (_, _), idx in cellen[cellen["verdeling"]].groupby(["blok", "kolom"], sort=False).groups.items():
        deel = cellen.loc[idx]
        toonbaar.loc[idx] = toonbare_verdeling(deel["teller"].astype(int), int(deel["n"].iloc[0])).to_numpy()
    los = cellen.index[~cellen["verdeling"].astype(bool)]
    for i in los:
        c = cellen.loc[i]
        toonbaar[i] = aandeel_toonbaar(int(c["teller"]), int(c["n"])) if c["soort"] == "aandeel" else basis_toonbaar(int(c["n"]))
    cellen["toonbaar"] = toonbaar.astype(bool)
    cellen["waarde"] = cellen["waarde"].where(cellen["toonbaar"])
    cellen["teller"] = cellen["teller"].where(cellen["toonbaar"])
    return cellen


def _opmaak(soort: str, waarde: float, eenheid: str = "") -> str:
    if pd.isna(waarde):
        return ONDERDRUKT
    if soort == "aandeel":
        return pct(waarde, 1)
    if soort == "aantal":
        return getal(int(waarde))
    return getal(waarde, 1) + (f" {eenheid}" if eenheid else "")


def _weergave(cellen: pd.DataFrame, kolommen: dict[str, str], blokken: dict[str, str], rijen: dict[tuple[str, str], str],
              eenheden: dict[tuple[str, str], str] | None = None, extra: dict[tuple[str, str, str], str] | None = None) -> pd.DataFrame:
    """Display frame: per block a heading row (when the block has a label) and its rows; a cell
    that is not in ``cellen`` stays empty; ``extra`` holds fixed texts (e.g. significance)."""
    eenheden, extra = eenheden or {}, extra or {}
    heeft = "toonbaar" in cellen.columns
    index = {(c.blok, c.rij, c.kolom): c for c in cellen.itertuples(index=False)}
    uit = []
    for blok, bloklabel in blokken.items():
        sleutels = [r for r in rijen if r[0] == blok]
        if not sleutels:
            continue
        if bloklabel:
            uit.append([bloklabel] + [""] * len(kolommen))
        for sleutel in sleutels:
            rij = [rijen[sleutel]]
            for k in kolommen:
                if (blok, sleutel[1], k) in extra:
                    rij.append(extra[(blok, sleutel[1], k)])
                    continue
                c = index.get((blok, sleutel[1], k))
                if c is None:
                    rij.append("")
                else:
                    waarde = c.waarde if (not heeft or c.toonbaar) else math.nan
                    rij.append(_opmaak(c.soort, waarde, eenheden.get(sleutel, "")))
            uit.append(rij)
    return pd.DataFrame(uit, columns=[""] + list(kolommen.values()))


# -- the parents at T0 (Tabel 3.3 and 3.6) ------------------------------------------------------
#: Age groups of the parents at T0: key → (lowest, highest age) inclusive, label.
LEEFTIJD_OUDERS = {"<25": (0, 24, "< 25 jaar"), "25-34": (25, 34, "25-34 jaar"), "35-44": (35, 44, "35-44 jaar"),
                   "45-54": (45, 54, "45-54 jaar"), "55+": (55, 200, "55 jaar en ouder")}
#: Number of children older than 3: codes and labels (the last one is "4 or more").
KINDEREN_OUDER_DAN_3 = {"0": "Geen kinderen ouder dan 3 jaar", "1": "1 kind ouder dan 3 jaar", "2": "2 kinderen ouder dan 3 jaar",
                        "3": "3 kinderen ouder dan 3 jaar", "4+": "4 of meer kinderen ouder dan 3 jaar"}
MIGRATIE = _kolom_labels("ouders", "migratieachtergrond")
OPLEIDING = {**_kolom_labels("ouders_achtergrond", "opleidingsniveau"), "basisschool": "Lager onderwijs"}
INKOMEN = _kolom_labels("ouders_achtergrond", "inkomen")
GEZINSSAMENSTELLING = _kolom_labels("ouders_achtergrond", "gezinssamenstelling")
WERKLOOS_UREN = int(_CB.regel("risico_werkloos_uren_minder_dan"))

BLOKKEN_OUDERS = {
    "leeftijd": "Leeftijd", "migratie": "Migratieachtergrond", "opleiding": "Opleiding", "inkomen": "Netto maandelijks gezinsinkomen",
    "werk": "Betaald werk", "gezin": "Gezinssamenstelling", "kinderen_ouder_dan_3": "Aantal kinderen ouder dan 3 jaar",
    "jeugdbescherming": "Jeugdbeschermingsmaatregel", "kinderen": "Kinderen in het onderzoek",
}


def _leeftijdsgroep(leeftijd: pd.Series) -> pd.Series:
    uit = pd.Series(pd.NA, index=leeftijd.index, dtype="object")
    for code, (laag, hoog, _) in LEEFTIJD_OUDERS.items():
        uit[leeftijd.between(laag, hoog)] = code
    return uit


def ouders_t0(tabellen: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per parent who took part at T0: sex, age group, migration background and the
    T0 answers of ``ouders_achtergrond`` (empty where the parent did not answer them), plus
    ``alle_metingen`` (took part in every wave)."""
    d = deelname(tabellen).ouders
    ids = d.loc[d["meting"] == EERSTE, "ouder_id"].unique()
    ouders = tabellen["ouders"][tabellen["ouders"]["ouder_id"].isin(ids)].copy()
    per_ouder = d.groupby("ouder_id")["meting"].nunique()
    ouders["alle_metingen"] = ouders["ouder_id"].map(per_ouder).eq(len(METINGEN))
    ouders["leeftijdsgroep"] = _leeftijdsgroep(pd.to_numeric(ouders["leeftijd_t0"], errors="coerce"))
    if "ouders_achtergrond" in tabellen:
        a = tabellen["ouders_achtergrond"]
        ouders = ouders.merge(a[a["meting"] == EERSTE].drop(columns="meting"), on="ouder_id", how="left")
    for kolom in ("opleidingsniveau", "inkomen", "uren_betaald_werk", "gezinssamenstelling", "ooit_gescheiden",
                  "aantal_kinderen_ouder_dan_3", "jeugdbescherming", "migratieachtergrond"):
        if kolom not in ouders.columns:
            ouders[kolom] = pd.NA
    k = pd.to_numeric(ouders["aantal_kinderen_ouder_dan_3"], errors="coerce")
    ouders["kinderen_ouder_dan_3"] = k.map(lambda v: pd.NA if pd.isna(v) else ("4+" if v >= 4 else str(int(v))))
    uren = pd.to_numeric(ouders["uren_betaald_werk"], errors="coerce")
    ouders["werkt"] = uren.ge(WERKLOOS_UREN).where(uren.notna())
    return ouders.reset_index(drop=True)


def _ja(reeks: pd.Series) -> pd.Series:
    return reeks.map({"ja": True, "nee": False})


def _kenmerken_ouders(o: pd.DataFrame, kolom: str) -> list[dict]:
    """The shares of Tabel 3.3's blocks for one group of parents ``o`` (one column)."""
    rijen = []
    rijen += _verdeling("leeftijd", kolom, o["leeftijdsgroep"], list(LEEFTIJD_OUDERS))
    rijen += _verdeling("migratie", kolom, o["migratieachtergrond"], list(MIGRATIE))
    rijen += _verdeling("opleiding", kolom, o["opleidingsniveau"], list(OPLEIDING))
    rijen += _verdeling("inkomen", kolom, o["inkomen"], list(INKOMEN))
    return rijen


def kinderen_t0(tabellen: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Children who took part at T0 with their background, and whether a parent reported about
    them (``ouder``) and whether they filled in a questionnaire themselves (``zelf``; missing when
    the snapshot has no self-report questionnaire) at T0."""
    d = deelname(tabellen).kinderen
    ids = d.loc[d["meting"] == EERSTE, "kind_id"].unique()
    k = tabellen["kinderen"][tabellen["kinderen"]["kind_id"].isin(ids)].copy()
    ouder = _respondenten(tabellen, rapporteur_tabellen("ouder over kind"))
    k["ouder"] = k["kind_id"].isin(ouder.loc[ouder["meting"] == EERSTE, "kind_id"])
    zelf = zelf_invullers(tabellen)
    k["zelf"] = k["kind_id"].isin(zelf.loc[zelf["meting"] == EERSTE, "kind_id"]) if zelf is not None else pd.NA
    for kolom in ("migratieachtergrond", "gezinssituatie", "ouders_ooit_gescheiden"):
        if kolom not in k.columns:
            k[kolom] = pd.NA
    return k.reset_index(drop=True)


def ouder_kolommen(o: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Tabel 3.3's columns: all parents, mothers, fathers."""
    return {"ouders": o, "moeders": o[o["geslacht"] == "vrouw"], "vaders": o[o["geslacht"] == "man"]}


def achtergrond_ouders(tabellen: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Tabel 3.3's cells: per column (ouders, moeders, vaders) every block of the parents'
    background at T0, and the mean age and share of girls of their children taking part at T0."""
    o = ouders_t0(tabellen)
    kinderen = kinderen_t0(tabellen)
    rijen = []
    for kolom, groep in ouder_kolommen(o).items():
        rijen += _kenmerken_ouders(groep, kolom)
        rijen.append(_aandeel("werk", "werkt", kolom, groep["werkt"]))
        rijen += _verdeling("gezin", kolom, groep["gezinssamenstelling"], list(GEZINSSAMENSTELLING))
        rijen.append(_aandeel("gezin", "ooit_gescheiden", kolom, _ja(groep["ooit_gescheiden"])))
        rijen += _verdeling("kinderen_ouder_dan_3", kolom, groep["kinderen_ouder_dan_3"], list(KINDEREN_OUDER_DAN_3))
        rijen.append(_aandeel("jeugdbescherming", "ots", kolom, _ja(groep["jeugdbescherming"])))
        kind = kinderen[kinderen["gezin_id"].isin(groep["gezin_id"])]
        rijen.append(_gemiddelde("kinderen", "leeftijd", kolom, kind["leeftijd_t0"]))
        rijen.append(_aandeel("kinderen", "meisjes", kolom, kind["geslacht"].eq("meisje")))
    return pd.DataFrame(rijen, columns=CEL_KOLOMMEN)


#: CBS StatLine 2018 figures for parents of children aged 3-18, as the report prints them in
#: Tabel 3.3 (its footnote 3). External reference figures, not study data: shown for comparison
#: only, never computed here. None = the report gives no CBS figure ("Onb." for Indonesian).
CBS_2018: dict[tuple[str, str], float | None] = {
    ("migratie", "nederlands"): 0.764, ("migratie", "antilliaans"): 0.009, ("migratie", "marokkaans"): 0.023,
    ("migratie", "surinaams"): 0.020, ("migratie", "turks"): 0.024, ("migratie", "indonesisch"): None,
    ("migratie", "anders"): 0.157,
    ("opleiding", "basisschool"): 0.088, ("opleiding", "mavo_lbo"): 0.195, ("opleiding", "havo_vwo_mbo"): 0.396,
    ("opleiding", "hbo_wo"): 0.306, ("opleiding", "anders"): 0.057,
    ("inkomen", "minder_1500"): 0.14, ("inkomen", "tussen_1500_3100"): 0.10, ("inkomen", "meer_3100"): 0.75,
    ("werk", "werkt"): 0.95, ("gezin", "samenwonend"): 0.75, ("gezin", "alleenstaand"): 0.25,
    ("gezin", "ooit_gescheiden"): 0.095, ("jeugdbescherming", "ots"): 0.01,
}
#: Decimals of the CBS figures as printed (whole percentages for income, work, family, OTS).
_CBS_DECIMALEN = {"migratie": 1, "opleiding": 1, "inkomen": 0, "werk": 0, "gezin": 0, "jeugdbescherming": 0}


def _rijen_ouders() -> dict[tuple[str, str], str]:
    rijen = {("leeftijd", c): lab for c, (_, _, lab) in LEEFTIJD_OUDERS.items()}
    rijen |= {("migratie", c): lab for c, lab in MIGRATIE.items()}
    rijen |= {("opleiding", c): lab for c, lab in OPLEIDING.items()}
    rijen |= {("inkomen", c): lab for c, lab in INKOMEN.items()}
    rijen[("werk", "werkt")] = f"{WERKLOOS_UREN} uur of meer betaald werk per week"
    rijen |= {("gezin", c): lab for c, lab in GEZINSSAMENSTELLING.items()}
    rijen[("gezin", "ooit_gescheiden")] = "Ooit gescheiden"
    rijen |= {("kinderen_ouder_dan_3", c): lab for c, lab in KINDEREN_OUDER_DAN_3.items()}
    rijen[("jeugdbescherming", "ots")] = "OTS of uithuisplaatsing"
    rijen[("kinderen", "leeftijd")] = "Gemiddelde leeftijd kinderen"
    rijen[("kinderen", "meisjes")] = "Meisjes"
    return rijen


def tabel_3_3(cellen: pd.DataFrame, n: dict[str, int], beveiligen: bool = False) -> Tabel:
    """Tabel 3.3 from :func:`achtergrond_ouders` (after the small-cell rule, if any); ``n``:
    parents per column. The CBS column shows the report's reference figures."""
    toonbaar = toonbare_optellingen(pd.Series(n), [("ouders", ["moeders", "vaders"])]) if beveiligen else pd.Series(True, index=list(n))
    kop = {k: f"{lab} (n = {getal(n[k]) if toonbaar[k] else ONDERDRUKT})" for k, lab in (("ouders", "Ouders"), ("moeders", "Moeders"), ("vaders", "Vaders"))}
    kolommen = {**kop, "cbs": "CBS 2018"}
    rijen = _rijen_ouders()
    extra = {(b, r, "cbs"): ("Onbekend" if w is None else pct(w, _CBS_DECIMALEN[b])) for (b, r), w in CBS_2018.items()}
    weergave = _weergave(cellen, kolommen, {k: f"{v} (%)" if k != "kinderen" else v for k, v in BLOKKEN_OUDERS.items()},
                         rijen, eenheden={("kinderen", "leeftijd"): "jaar"}, extra=extra)
    noot = (f"Ouders die aan de eerste meting ({EERSTE}) deelnamen; percentages van de ouders die de vraag beantwoordden. "
            f"Betaald werk: {WERKLOOS_UREN} uur of meer per week (minder geldt als werkloos, de CBS-grens). "
            "Kinderen in het onderzoek: de kinderen over wie in de eerste meting gerapporteerd is, in de gezinnen van de ouders in de kolom. "
            "CBS 2018: cijfers van CBS StatLine voor ouders met kinderen van 3 tot 18 jaar zoals het onderzoeksrapport ze noemt "
            "(externe vergelijkingscijfers, niet uit deze gegevens berekend).")
    if "toonbaar" in cellen and not cellen["toonbaar"].all():
        noot += f" {ONDERDRUKT_UITLEG}"
    return Tabel(id="tabel-3.3", label="tbl-achtergrond-ouders", titel="Achtergrondgegevens van de ouders",
                 weergave=weergave, data=cellen, noot=noot)


# -- the children at T0 (Tabel 3.4) --------------------------------------------------------------
KIND_MIGRATIE = _kolom_labels("kinderen", "migratieachtergrond")
#: Tabel 3.4's family block: a two-parent household (biological or step-parents) or a single parent.
KIND_GEZIN = {"kerngezin": "Kerngezin ((stief)vader en (stief)moeder)", "eenouder": "Alleenstaande ouder"}
KIND_KOLOMMEN = {"totaal": "Totaal", "ouder": "Ouder ingevuld", "zelf": "Zelf ingevuld"}
#: Age of the children's split in Tabel 3.4 ("12 jaar of jonger" / "ouder dan 12 jaar").
KIND_LEEFTIJDSGRENS = LEEFTIJDSGROEPEN["kinderen_3_12"][1]


def kind_kolommen(k: pd.DataFrame) -> dict[str, pd.DataFrame]:
    uit = {"totaal": k, "ouder": k[k["ouder"]]}
    if k["zelf"].notna().all():
        uit["zelf"] = k[k["zelf"].astype(bool)]
    return uit


def achtergrond_kinderen(tabellen: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Tabel 3.4's cells per column (totaal, ouder ingevuld, zelf ingevuld when available)."""
    k = kinderen_t0(tabellen)
    rijen = []
    for kolom, groep in kind_kolommen(k).items():
        rijen.append(_aantal("algemeen", "aantal", kolom, len(groep)))
        rijen.append(_aandeel("algemeen", "meisjes", kolom, groep["geslacht"].eq("meisje")))
        rijen.append(_gemiddelde("algemeen", "leeftijd", kolom, groep["leeftijd_t0"]))
        jong = groep["leeftijd_t0"].le(KIND_LEEFTIJDSGRENS).map({True: "jong", False: "oud"})
        rijen += _verdeling("leeftijd", kolom, jong, ["jong", "oud"])
        rijen += _verdeling("migratie", kolom, groep["migratieachtergrond"], list(KIND_MIGRATIE))
        situatie = groep["gezinssituatie"].map({"biologische_ouders": "kerngezin", "stiefgezin": "kerngezin", "eenoudergezin": "eenouder"})
        rijen += _verdeling("gezin", kolom, situatie, list(KIND_GEZIN))
        rijen.append(_aandeel("gescheiden", "ooit_gescheiden", kolom, _ja(groep["ouders_ooit_gescheiden"])))
    return pd.DataFrame(rijen, columns=CEL_KOLOMMEN)


def tabel_3_4(cellen: pd.DataFrame) -> Tabel:
    """Tabel 3.4 from :func:`achtergrond_kinderen` (after the small-cell rule, if any)."""
    grens = getal(KIND_LEEFTIJDSGRENS)
    rijen = {("algemeen", "aantal"): "Aantal", ("algemeen", "meisjes"): "Percentage meisjes", ("algemeen", "leeftijd"): "Gemiddelde leeftijd",
             ("leeftijd", "jong"): f"{grens} jaar of jonger", ("leeftijd", "oud"): f"Ouder dan {grens} jaar"}
    rijen |= {("migratie", c): lab for c, lab in KIND_MIGRATIE.items()}
    rijen |= {("gezin", c): lab for c, lab in KIND_GEZIN.items()}
    rijen[("gescheiden", "ooit_gescheiden")] = "Ouders ooit gescheiden"
    blokken = {"algemeen": "", "leeftijd": "", "migratie": "Migratieachtergrond", "gezin": "Gezinssituatie", "gescheiden": ""}
    beschikbaar = "zelf" in set(cellen["kolom"])
    extra = {} if beschikbaar else {(b, r, "zelf"): LEEG for (b, r) in rijen}
    weergave = _weergave(cellen, {"totaal": "Totaal", "ouder": "Ouder ingevuld", "zelf": "Zelf ingevuld"}, blokken, rijen,
                         eenheden={("algemeen", "leeftijd"): "jaar"}, extra=extra)
    noot = (f"Kinderen over wie bij de eerste meting ({EERSTE}) gegevens zijn verzameld. Ouder ingevuld: een ouder vulde een vragenlijst "
            "over het kind in; zelf ingevuld: het kind (vanaf 8 jaar) vulde zelf een vragenlijst in. Leeftijd op "
            f"{EERSTE}. Kerngezin: het kind woont met twee (stief)ouders.")
    if not beschikbaar:
        noot += " Zelf ingevuld: nog niet beschikbaar (de gegevens bevatten geen vragenlijsten die kinderen zelf invullen)."
    if "toonbaar" in cellen and not cellen["toonbaar"].all():
        noot += f" {ONDERDRUKT_UITLEG}"
    return Tabel(id="tabel-3.4", label="tbl-achtergrond-kinderen", titel="Achtergrondkenmerken kinderen bij de eerste meting",
                 weergave=weergave, data=cellen, noot=noot)


# -- Tabel 3.6: the whole T0 group against the three-wave group --------------------------------
#: Kinds of violence of Tabel 3.6: key → (CTS2 subscale, severity, perspective, label).
INCIDENT_TYPEN = {
    f"{ernst}_{vorm}_{persp}": (vorm, ernst, persp, f"{'Licht' if ernst == 'mild' else 'Ernstig'} {vorm} geweld door "
                                                     f"{'(ex-)partner' if persp == 'slachtoffer' else 'zelf'}")
    for vorm in ("fysiek", "psychisch") for ernst in ("mild", "ernstig") for persp in ("slachtoffer", "dader")
}
KOLOMMEN_3_6 = {"totaal": "Totale T0", "alle": ALLE}
BLOKKEN_3_6 = {"leeftijd": "Leeftijd (%)", "migratie": "Migratieachtergrond (%)", "opleiding": "Opleiding (%)",
               "inkomen": "Netto maandelijks gezinsinkomen (%)", "ace": "", "incidenten": "Geweldsincidenten per type (gemiddeld per jaar)"}
#: The blocks compared with one χ² test each (categories × group) and the single shares.
TOETS_BLOKKEN = {"leeftijd": "leeftijdsgroep", "migratie": "migratieachtergrond", "opleiding": "opleidingsniveau", "inkomen": "inkomen"}


def incidenten_per_type(cts2: pd.DataFrame, meting: str = EERSTE) -> pd.DataFrame:
    """Yearly incidents per parent at ``meting`` by kind of Tabel 3.6 (the parent's own CTS2
    report: ``slachtoffer`` = by the (ex-)partner, ``dader`` = by the parent), via the scoring
    module's item metadata and incident rule."""
    vormen = sorted({v for v, _, _, _ in INCIDENT_TYPEN.values()})
    frame = cts2[cts2["meting"] == meting]
    lang = scoring._melt_items(frame, ["ouder_id", "meting"], "cts2", vormen)
    lang["type"] = lang["ernst"] + "_" + lang["subschaal"] + "_" + lang["perspectief"]
    breed = lang.pivot_table(index="ouder_id", columns="type", values="incidenten", aggfunc="sum", fill_value=0.0)
    return breed.reindex(columns=list(INCIDENT_TYPEN), fill_value=0.0).reset_index()


def ace_t0(tabellen: dict[str, pd.DataFrame]) -> pd.Series | None:
    """"Four or more ACE's" per parent at T0 (1.0/0.0/NaN) from :mod:`analysis.risicofactoren`,
    or None while that module is not there (the row then reads "nog niet beschikbaar")."""
    try:
        from analysis import risicofactoren
    except ImportError:
        return None
    if "ace" not in tabellen:
        return None
    return pd.to_numeric(risicofactoren.ace_per_ouder(tabellen["ace"]).astype("Float64"), errors="coerce").astype(float)


def vergelijking_t0(tabellen: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per parent at T0 with the characteristics of Tabel 3.6 and ``groep``:
    "blijver" (took part in all three waves) or "uitvaller" (did not)."""
    o = ouders_t0(tabellen)
    o["groep"] = np.where(o["alle_metingen"], "blijver", "uitvaller")
    inc = incidenten_per_type(tabellen["cts2"]) if "cts2" in tabellen else pd.DataFrame(columns=["ouder_id", *INCIDENT_TYPEN])
    o = o.merge(inc, on="ouder_id", how="left")
    ace = ace_t0(tabellen)
    o["ace"] = o["ouder_id"].map(ace) if ace is not None else math.nan
    o.attrs["ace_beschikbaar"] = ace is not None
    return o


def vergelijking_cellen(v: pd.DataFrame) -> pd.DataFrame:
    """Tabel 3.6's cells: the whole T0 group (column ``totaal``) and the three-wave group (``alle``)."""
    rijen = []
    for kolom, groep in {"totaal": v, "alle": v[v["groep"] == "blijver"]}.items():
        rijen += _kenmerken_ouders(groep, kolom)
        if v.attrs.get("ace_beschikbaar", True):
            rijen.append(_aandeel("ace", "ace", kolom, groep["ace"].map({1.0: True, 0.0: False})))
        for typ in INCIDENT_TYPEN:
            rijen.append(_gemiddelde("incidenten", typ, kolom, groep[typ]))
    return pd.DataFrame(rijen, columns=CEL_KOLOMMEN)


def vergelijking_toetsen(v: pd.DataFrame) -> dict[str, Toets]:
    """The tests of Tabel 3.6: the three-wave group against the parents who dropped out (the
    two are independent; the whole T0 group contains the three-wave group). Pearson χ² with
    Cramér's V (φ for 2 × 2) per block and for four or more ACE's; Student's t with Cohen's d
    for the mean number of incidents of each kind."""
    toetsen = {blok: chi2_phi(v, x="groep", y=kolom) for blok, kolom in TOETS_BLOKKEN.items()}
    if v.attrs.get("ace_beschikbaar", True):
        toetsen["ace"] = chi2_phi(v, x="groep", y="ace")
    for typ in INCIDENT_TYPEN:
        toetsen[typ] = t_test_ind(v, group="groep", dv=typ, levels=("blijver", "uitvaller"))
    return toetsen


def significantie(t: Toets) -> str:
    """Tabel 3.6's significance column: "ns" (not significant), else * p < .05, ** p < .01, *** p < .001."""
    if pd.isna(t.p):
        return LEEG
    return "***" if t.p < 0.001 else "**" if t.p < 0.01 else "*" if t.p < 0.05 else "ns"


def tabel_3_6(cellen: pd.DataFrame, toetsen: dict[str, Toets], n: dict[str, int], n_ouders: dict[str, int],
              ace_beschikbaar: bool = True, beveiligen: bool = False) -> Tabel:
    """Tabel 3.6 from :func:`vergelijking_cellen` (after the small-cell rule, if any); ``n``:
    families per column, ``n_ouders``: parents per column."""
    rijen = {("leeftijd", c): lab for c, (_, _, lab) in LEEFTIJD_OUDERS.items()}
    rijen |= {("migratie", c): lab for c, lab in MIGRATIE.items()}
    rijen |= {("opleiding", c): lab for c, lab in OPLEIDING.items()}
    rijen |= {("inkomen", c): lab for c, lab in INKOMEN.items()}
    ace_min = getal(_CB.regel("risico_ace_min"))
    rijen[("ace", "ace")] = f"Jeugdtrauma: {ace_min} of meer ACE's (%)"
    rijen |= {("incidenten", t): lab for t, (_, _, _, lab) in INCIDENT_TYPEN.items()}
    extra = {}
    for blok in TOETS_BLOKKEN:
        eerste = next(r for (b, r) in rijen if b == blok)
        extra[(blok, eerste, "sig")] = significantie(toetsen[blok])
    if ace_beschikbaar:
        extra[("ace", "ace", "sig")] = significantie(toetsen["ace"])
    else:
        extra |= {("ace", "ace", k): "nog niet beschikbaar" if k == "totaal" else "" for k in ("totaal", "alle", "sig")}
    for typ in INCIDENT_TYPEN:
        extra[("incidenten", typ, "sig")] = significantie(toetsen[typ])
    kolommen = {"totaal": f"Totale T0 (N = {_aantal_feit(n['totaal'], beveiligen)})",
                "alle": f"{ALLE} (N = {_aantal_feit(n['alle'], beveiligen)})", "sig": "Significantie"}
    weergave = _weergave(cellen, kolommen, BLOKKEN_3_6, rijen, extra=extra)
    noot = (f"N = aantal gezinnen. Kenmerken van de ouders op {EERSTE}: alle ouders van de eerste meting "
            f"(n = {_aantal_feit(n_ouders['totaal'], beveiligen)}) en de ouders die aan alle drie de metingen deelnamen "
            f"(n = {_aantal_feit(n_ouders['alle'], beveiligen)}). Geweldsincidenten: gemiddeld aantal incidenten in het jaar voor "
            f"de eerste meting volgens de ouder zelf (CTS2), aangedaan door de (ex-)partner of door de ouder zelf. "
            "Significantie: de ouders die alle metingen meededen, vergeleken met de ouders die uitvielen "
            "(χ²-toets per blok, t-toets per type geweld); ns = niet significant, * p < .05, ** p < .01, *** p < .001.")
    if not ace_beschikbaar:
        noot += " ACE's: nog niet beschikbaar (de scoring van de risicofactoren ontbreekt nog)."
    if "toonbaar" in cellen and not cellen["toonbaar"].all():
        noot += f" {ONDERDRUKT_UITLEG}"
    data = cellen.copy()
    toets_rijen = pd.DataFrame([{"blok": k, **{c: w for c, w in t.as_dict().items() if c != "df"}, "df": ";".join(map(str, t.df))}
                                for k, t in toetsen.items()])
    return Tabel(id="tabel-3.6", label="tbl-vergelijking-t0",
                 titel=f"Achtergrondgegevens van de gehele dataset op {EERSTE} en de dataset voor {ALLE}",
                 weergave=weergave, data=data, noot=noot, extra={"toetsen": toets_rijen.to_dict(orient="records")})


# -- Figuur 3.4: violence at T0, whole group against the three-wave group -----------------------
GROEP_LABELS_3_4 = {"totaal": f"{EERSTE} totaal", "alle": f"{EERSTE} drie metingen"}


def geweld_t0(tabellen: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Total family violence at T0 (category of §2.5.1) for every family that took part at T0,
    with ``alle_metingen`` (the family took part in all three waves, chapter 4's population)."""
    from analysis.populatie import gezinnen_alle_metingen

    partner = scoring.partnergeweld_gezin(tabellen["cts2"], tabellen["ouders"])
    kind = scoring.kindermishandeling_gezin(tabellen["ctspc_ouder"], tabellen["kinderen"])
    totaal = scoring.totaal_geweld_gezin(partner, kind)
    d = deelname(tabellen).ouders
    t0 = set(d.loc[d["meting"] == EERSTE, "gezin_id"])
    totaal = totaal[(totaal["meting"] == EERSTE) & totaal["gezin_id"].isin(t0)].dropna(subset=["categorie"])
    totaal = totaal.assign(alle_metingen=totaal["gezin_id"].isin(set(gezinnen_alle_metingen(tabellen))))
    return totaal[["gezin_id", "categorie", "totaal", "alle_metingen"]].reset_index(drop=True)


def geweld_t0_verdeling(g: pd.DataFrame) -> pd.DataFrame:
    """Share of families per category: the whole T0 group and the three-wave group."""
    rijen = []
    for groep, deel in {"totaal": g, "alle": g[g["alle_metingen"]]}.items():
        n = len(deel)
        for cat in scoring.CATEGORIEEN:
            a = int((deel["categorie"] == cat).sum())
            rijen.append({"groep": groep, "categorie": cat, "aantal": a, "n": n, "aandeel": a / n if n else math.nan})
    return pd.DataFrame(rijen)


def beveilig_verdeling_3_4(v: pd.DataFrame) -> pd.DataFrame:
    """Figuur 3.4's distribution per group (whole T0 group, three-wave group) under the small-cell rule."""
    return beveilig_verdelingen(v, per="groep")


def geweld_t0_toets(g: pd.DataFrame) -> Toets:
    """χ² (Cramér's V) of the T0 violence category: families in all three waves against the rest."""
    return chi2_phi(g.assign(groep=np.where(g["alle_metingen"], "blijver", "uitvaller")), x="groep", y="categorie")


def figuur_3_4(verdeling: pd.DataFrame, scope: str) -> Figuur:
    n = verdeling.groupby("groep")["n"].first()
    labels = {g: f"{lab} (N = {getal(int(n.get(g, 0)))})" for g, lab in GROEP_LABELS_3_4.items()}
    data = verdeling.assign(categorie_label=verdeling["categorie"].map(lambda c: scoring.CATEGORIE_LABELS[c]))
    fig = staafdiagram_categorieen(data, x="categorie_label", categorie="groep", waarde="aandeel", labels=labels,
                                   kleuren=dict(zip(GROEP_LABELS_3_4, PALET_DUO)), y_label="Gezinnen")
    delen = []
    for g in GROEP_LABELS_3_4:
        rij = verdeling[verdeling["groep"] == g].set_index("categorie")["aandeel"]
        delen.append(f"{labels[g]}: " + ", ".join(
            f"{scoring.CATEGORIE_LABELS[c].lower()} {aandeel_alt(rij.get(c))}" for c in scoring.CATEGORIEEN))
    alt = (f"Staafdiagram van het percentage gezinnen per geweldscategorie op {EERSTE} ({scope_naam(scope)}), voor alle gezinnen "
           f"van de eerste meting en voor de gezinnen die aan alle drie de metingen deelnamen. " + "; ".join(delen) + "."
           + alt_noot_onderdrukt(verdeling["aandeel"]))
    return Figuur(id="figuur-3.4", label="fig-geweld-t0-groepen",
                  titel="Percentage gezinnen dat aangeeft of er wel of geen geweld speelt in het gezin",
                  alt=alt, data=verdeling, fig=fig)


# -- Figuur 3.2 and 3.3: flow charts -------------------------------------------------------------
def stroom(tabellen: dict[str, pd.DataFrame], uitgesloten: set) -> dict[str, int]:
    """The counts of the flow charts (families): taking part at T0, left out because nobody
    ever reported violence, in the study at T0, at T1, at T2, in all three waves, at T1 but not
    T2, at T2 but not T1, and only at T0. ``tabellen`` still holds the left-out families."""
    d = deelname(tabellen).ouders
    per = {m: set(d.loc[d["meting"] == m, "gezin_id"]) for m in METINGEN}
    t0, t1, t2 = (per[m] for m in METINGEN)
    t0_in = t0 - uitgesloten
    t1, t2 = t1 & t0_in, t2 & t0_in
    return {
        "deelname": len(t0), "zonder_geweld": len(t0 & uitgesloten), "t0": len(t0_in), "t1": len(t1), "t2": len(t2),
        "alle": len(t1 & t2), "t1_niet_t2": len(t1 - t2), "t2_niet_t1": len(t2 - t1), "alleen_t0": len(t0_in - t1 - t2),
    }


#: How the steps of the flow charts add up: a hidden step must not be recoverable from the others.
STROOM_OPTELLINGEN = [("deelname", ["zonder_geweld", "t0"]), ("t1", ["alle", "t1_niet_t2"]), ("t2", ["alle", "t2_niet_t1"]),
                      ("t0", ["alle", "t1_niet_t2", "t2_niet_t1", "alleen_t0"])]


def stroom_toonbaar(n: dict[str, int]) -> dict[str, bool]:
    """Which steps of a regional flow chart may be shown: counts below the minimum are hidden,
    and then as many others as needed so that none can be recomputed (:func:`toonbare_optellingen`)."""
    return toonbare_optellingen(pd.Series(n), STROOM_OPTELLINGEN).to_dict()


def _stroom_teksten(n: dict[str, int], beveiligen: bool) -> dict[str, str]:
    toonbaar = stroom_toonbaar(n) if beveiligen else {k: True for k in n}
    return {k: getal(int(v)) if toonbaar[k] else ONDERDRUKT for k, v in n.items()}


def _vak(ax, x: float, y: float, tekst: str, breedte: float = 0.3, hoogte: float = 0.13, kleur: str = "#12436D", licht: bool = False):
    from matplotlib.patches import FancyBboxPatch

    vlak = "#FFFFFF" if licht else "#E8EEF4"
    ax.add_patch(FancyBboxPatch((x - breedte / 2, y - hoogte / 2), breedte, hoogte, boxstyle="round,pad=0.008,rounding_size=0.015",
                                linewidth=1.0, edgecolor=kleur, facecolor=vlak, linestyle="--" if licht else "-"))
    ax.text(x, y, tekst, ha="center", va="center", fontsize=8, color="#1A1A1A", wrap=True)


def _pijl(ax, van: tuple[float, float], naar: tuple[float, float]):
    ax.annotate("", xy=naar, xytext=van, arrowprops={"arrowstyle": "-|>", "color": "#4D4D4D", "lw": 1.0, "shrinkA": 0, "shrinkB": 0})


def _stroom_figuur(n: dict[str, int], beveiligen: bool, volledig: bool):
    """Boxes and arrows; ``volledig`` adds the waves T1, T2 and the analysis dataset (Figuur 3.3)."""
    import matplotlib.pyplot as plt

    s = _stroom_teksten(n, beveiligen)
    with stijl():
        fig, ax = plt.subplots(figsize=(6.3, 4.6 if volledig else 2.6))
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.axis("off")
        ax.grid(False)
        if not volledig:
            y0, y1 = 0.8, 0.2
            _vak(ax, 0.3, y0, f"Gezinnen die deelnamen\naan de eerste meting\nN = {s['deelname']} gezinnen", hoogte=0.3)
            _vak(ax, 0.75, 0.5, f"Niet meegenomen:\ngeen kindermishandeling\nof partnergeweld (N = {s['zonder_geweld']})", hoogte=0.3, licht=True)
            _vak(ax, 0.3, y1, f"Eerste meting ({METINGEN[0]})\nN = {s['t0']} gezinnen", hoogte=0.24)
            _pijl(ax, (0.3, y0 - 0.15), (0.3, y1 + 0.12))
            _pijl(ax, (0.3, 0.5), (0.6, 0.5))
            return fig
        fig.set_size_inches(6.3, 4.8)
        ax.set_xlim(0, 1.3)
        h, bm, bz = 0.11, 0.26, 0.34  # box height, width of a wave box, width of a side box
        _vak(ax, 0.55, 0.92, f"Gezinnen die deelnamen aan de eerste meting\nN = {s['deelname']} gezinnen", breedte=0.46, hoogte=h)
        _vak(ax, 1.1, 0.92, f"Niet meegenomen: geen kinder-\nmishandeling of partnergeweld\n(N = {s['zonder_geweld']})", breedte=bz, hoogte=h + 0.02, licht=True)
        _vak(ax, 0.55, 0.72, f"Eerste meting ({METINGEN[0]})\nN = {s['t0']} gezinnen", breedte=0.3, hoogte=h)
        _vak(ax, 1.1, 0.72, f"Alleen aan de eerste\nmeting deelgenomen\n(N = {s['alleen_t0']})", breedte=bz, hoogte=h + 0.02, licht=True)
        _vak(ax, 0.35, 0.5, f"Tweede meting ({METINGEN[1]})\nN = {s['t1']} gezinnen", breedte=bm, hoogte=h)
        _vak(ax, 0.75, 0.5, f"Derde meting ({METINGEN[2]})\nN = {s['t2']} gezinnen", breedte=bm, hoogte=h)
        _vak(ax, 0.13, 0.28, f"Niet meegenomen:\nniet deelgenomen\naan {METINGEN[2]} (N = {s['t1_niet_t2']})", breedte=bm, hoogte=h + 0.03, licht=True)
        _vak(ax, 0.97, 0.28, f"Niet meegenomen:\nniet deelgenomen\naan {METINGEN[1]} (N = {s['t2_niet_t1']})", breedte=bm, hoogte=h + 0.03, licht=True)
        _vak(ax, 0.55, 0.08, f"Dataset ({', '.join(METINGEN)}): deelgenomen\naan alle drie de metingen\nN = {s['alle']} gezinnen", breedte=0.42, hoogte=h + 0.02, licht=False)
        _pijl(ax, (0.55, 0.92 - h / 2), (0.55, 0.72 + h / 2))
        _pijl(ax, (0.78, 0.92), (1.1 - bz / 2, 0.92))
        _pijl(ax, (0.70, 0.72), (1.1 - bz / 2, 0.72))
        _pijl(ax, (0.48, 0.72 - h / 2), (0.35, 0.5 + h / 2))
        _pijl(ax, (0.62, 0.72 - h / 2), (0.75, 0.5 + h / 2))
        _pijl(ax, (0.28, 0.5 - h / 2), (0.17, 0.28 + (h + 0.03) / 2))
        _pijl(ax, (0.82, 0.5 - h / 2), (0.93, 0.28 + (h + 0.03) / 2))
        _pijl(ax, (0.40, 0.5 - h / 2), (0.50, 0.08 + (h + 0.02) / 2))
        _pijl(ax, (0.70, 0.5 - h / 2), (0.60, 0.08 + (h + 0.02) / 2))
    return fig


def _stroom_data(n: dict[str, int], beveiligen: bool, sleutels: list[str]) -> pd.DataFrame:
    labels = {"deelname": "Gezinnen die deelnamen aan de eerste meting", "zonder_geweld": "Niet meegenomen: geen geweld",
              "t0": f"Eerste meting ({METINGEN[0]})", "t1": f"Tweede meting ({METINGEN[1]})", "t2": f"Derde meting ({METINGEN[2]})",
              "t1_niet_t2": f"Wel {METINGEN[1]}, niet {METINGEN[2]}", "t2_niet_t1": f"Wel {METINGEN[2]}, niet {METINGEN[1]}",
              "alleen_t0": f"Alleen {METINGEN[0]}", "alle": "Alle drie de metingen"}
    toonbaar = stroom_toonbaar(n) if beveiligen else {k: True for k in n}
    rijen = [{"stap": k, "label": labels[k], "aantal": (n[k] if toonbaar[k] else pd.NA)} for k in sleutels]
    return pd.DataFrame(rijen).astype({"aantal": "Int64"})


def figuur_3_2(n: dict[str, int], scope: str, beveiligen: bool = False) -> Figuur:
    s = _stroom_teksten(n, beveiligen)
    alt = (f"Stroomschema ({scope_naam(scope)}): {s['deelname']} gezinnen namen deel aan de eerste meting; {s['zonder_geweld']} "
           f"daarvan zijn niet meegenomen omdat geen enkel gezinslid ooit kindermishandeling of partnergeweld meldde; "
           f"{s['t0']} gezinnen vormen de eerste meting ({METINGEN[0]}).")
    return Figuur(id="figuur-3.2", label="fig-stroom-t0", titel="Flow chart van de deelnemers aan de studie op de eerste meting",
                  alt=alt, data=_stroom_data(n, beveiligen, ["deelname", "zonder_geweld", "t0"]), fig=_stroom_figuur(n, beveiligen, False))


def figuur_3_3(n: dict[str, int], scope: str, beveiligen: bool = False) -> Figuur:
    s = _stroom_teksten(n, beveiligen)
    t0, t1, t2 = METINGEN
    alt = (f"Stroomschema ({scope_naam(scope)}): van {s['deelname']} gezinnen van de eerste meting zijn er {s['zonder_geweld']} niet "
           f"meegenomen (geen geweld), zodat {s['t0']} gezinnen de eerste meting ({t0}) vormen. Aan de tweede meting ({t1}) deden "
           f"{s['t1']} gezinnen mee, aan de derde ({t2}) {s['t2']}; {s['alleen_t0']} gezinnen deden alleen aan de eerste meting mee. "
           f"{s['t1_niet_t2']} gezinnen deden wel aan {t1} maar niet aan {t2} mee, {s['t2_niet_t1']} wel aan {t2} maar niet aan {t1}. "
           f"De dataset van alle drie de metingen telt {s['alle']} gezinnen.")
    data = _stroom_data(n, beveiligen, ["deelname", "zonder_geweld", "t0", "t1", "t2", "alleen_t0", "t1_niet_t2", "t2_niet_t1", "alle"])
    return Figuur(id="figuur-3.3", label="fig-stroom-dataset", titel="Flow chart van de gezinnen die geanalyseerd zijn in deel 2",
                  alt=alt, data=data, fig=_stroom_figuur(n, beveiligen, True))


# -- Figuur 3.1: schematic map of the participating regions -------------------------------------
#: Tile positions (column, row from the top) that keep the regions' rough geography: north at
#: the top, the Randstad on the left, Twente on the right, Brabant at the bottom. A schematic,
#: not a map: no Python package on PyPI ships Veilig Thuis-region (or GGD-region) boundaries for
#: offline use (checked: nl-maps ships only raster images of municipalities and provinces;
#: map-nl downloads boundaries at run time; cbsodata/cbsodata4/cbspy are online API clients).
TEGELS: dict[str, tuple[int, int]] = {
    "Groningen": (4, 0), "Zaanstreek-Waterland": (2, 1), "Flevoland": (3, 1),
    "Kennemerland": (1, 2), "Amsterdam-Amstelland": (2, 2), "Gooi en Vechtstreek": (3, 2), "IJsselland": (4, 2),
    "Haaglanden": (1, 3), "Utrecht": (2, 3), "Twente": (5, 3),
    "Rotterdam Rijnmond": (1, 4), "Noord-Brabant Midden": (2, 5), "Brabant Noord-Oost": (3, 5),
}
#: Region names broken over lines so they fit on a tile.
TEGEL_NAMEN = {"Zaanstreek-Waterland": "Zaanstreek-\nWaterland", "Amsterdam-Amstelland": "Amsterdam-\nAmstelland",
               "Gooi en Vechtstreek": "Gooi en\nVechtstreek", "Rotterdam Rijnmond": "Rotterdam\nRijnmond",
               "Noord-Brabant Midden": "Noord-Brabant\nMidden", "Brabant Noord-Oost": "Brabant\nNoord-Oost"}
FIGUUR_3_1_NOOT = ("Schematische weergave: elke tegel is een deelnemende Veilig Thuis-regio, ongeveer op zijn plaats in Nederland; "
                   "de kleur geeft het aantal deelnemende gezinnen bij de eerste meting, een dikke rand de G4. Een echte kaart met "
                   "de grenzen van alle Veilig Thuis-regio's en hun inwoneraantal, zoals in het onderzoeksrapport, ontbreekt: "
                   "er is geen Python-pakket dat de grenzen van de Veilig Thuis-regio's offline meelevert.")


def figuur_3_1(per_regio: pd.DataFrame, scope: str, beveiligen: bool = False) -> Figuur:
    """Tile map of the participating regions coloured by the number of families of Tabel 3.1. In a
    regional scope only that region's tile is coloured (the others are drawn empty)."""
    import matplotlib.pyplot as plt
    from matplotlib.colors import LinearSegmentedColormap
    from matplotlib.patches import Rectangle

    aantallen = per_regio.set_index("regio")["gezinnen"].astype(int).to_dict()
    kaart = LinearSegmentedColormap.from_list("regio", ["#DCE6F0", "#12436D"])
    laagste, hoogste = (min(aantallen.values()), max(aantallen.values())) if aantallen else (0, 1)
    breedte = max(hoogste - laagste, 1)
    rijen = []
    with stijl():
        fig, ax = plt.subplots(figsize=(6.3, 5.2))
        ax.axis("off")
        ax.grid(False)
        for regio in _CB.regios:
            kol, rij = TEGELS.get(regio, (0, 6))
            x, y = kol * 1.05, -rij * 0.8
            if regio in aantallen:
                n = aantallen[regio]
                tekst = _aantal_feit(n, beveiligen)
                relatief = (n - laagste) / breedte if len(aantallen) > 1 else 0.6
                kleur = kaart(0.15 + 0.85 * relatief)
                donker = relatief > 0.45
                rijen.append({"regio": regio, "g4": regio in G4, "kolom": kol, "rij": rij,
                              "gezinnen": n if not beveiligen or basis_toonbaar(n) else pd.NA})
            else:
                tekst, kleur, donker = "", "#F2F2F2", False
            ax.add_patch(Rectangle((x, y), 1.0, 0.75, facecolor=kleur, edgecolor="#1A1A1A" if regio in G4 else "#FFFFFF",
                                   linewidth=2.2 if regio in G4 else 1.0))
            naam = TEGEL_NAMEN.get(regio, regio)
            ax.text(x + 0.5, y + 0.5, naam, ha="center", va="center", fontsize=7, color="#FFFFFF" if donker else "#1A1A1A")
            if tekst:
                ax.text(x + 0.5, y + 0.14, tekst, ha="center", va="center", fontsize=9, fontweight="bold",
                        color="#FFFFFF" if donker else "#1A1A1A")
        ax.text(0.85, -4.35, "Donkerder: meer deelnemende gezinnen. Dikke rand: G4.", fontsize=7.5, color="#4D4D4D", va="top")
        ax.set_xlim(0.8, 6.4)
        ax.set_ylim(-4.6, 0.85)
        ax.set_aspect("equal")
    data = pd.DataFrame(rijen, columns=["regio", "g4", "kolom", "rij", "gezinnen"]).astype({"gezinnen": "Int64"})
    beschrijving = "; ".join(f"{r.regio} {ONDERDRUKT if pd.isna(r.gezinnen) else getal(int(r.gezinnen))}" for r in data.itertuples())
    alt = (f"Schematische kaart van Nederland met een tegel per deelnemende Veilig Thuis-regio, gekleurd naar het aantal "
           f"deelnemende gezinnen zoals in tabel 3.1 (aan welke meting ook; verhuisde gezinnen in beide regio's) ({scope_naam(scope)}); de G4-regio's hebben een dikke rand. "
           f"Aantal gezinnen: {beschrijving}.")
    return Figuur(id="figuur-3.1", label="fig-regio-kaart",
                  titel="Schematische kaart van de deelnemende Veilig Thuis-regio's met het aantal deelnemende gezinnen",
                  alt=alt, data=data, fig=fig)


# -- facts for the prose of §3.2-3.6 -------------------------------------------------------------
def _cel_feit(cellen: pd.DataFrame, blok: str, rij: str, kolom: str, decimalen: int = 0) -> str:
    """A cell of a background table as the prose prints it ("x" when hidden, "–" when absent)."""
    c = cellen[(cellen["blok"] == blok) & (cellen["rij"] == rij) & (cellen["kolom"] == kolom)]
    if c.empty:
        return LEEG
    c = c.iloc[0]
    if "toonbaar" in c.index and not bool(c["toonbaar"]):
        return ONDERDRUKT
    if pd.isna(c["waarde"]):
        return LEEG
    return pct(c["waarde"], decimalen) if c["soort"] == "aandeel" else getal(c["waarde"], decimalen)


def _som_feit(cellen: pd.DataFrame, blok: str, rijen: list[str], kolom: str, beveiligen: bool) -> str:
    """The share of several rows of one distribution together (e.g. "with a migration background"),
    from the unsuppressed cells; hidden when the sum breaks the small-cell rule."""
    c = cellen[(cellen["blok"] == blok) & (cellen["rij"].isin(rijen)) & (cellen["kolom"] == kolom)]
    if c.empty:
        return LEEG
    return _aandeel_feit(int(c["teller"].sum()), int(c["n"].iloc[0]), beveiligen)


def _verschil_feit(t: Toets) -> dict:
    """A comparison's verdict for the prose: the test texts and one of "geen" (not
    significant), "klein_niet_betekenisvol" (significant, effect below small) or "betekenisvol"."""
    f = toets_feit(t)
    f["oordeel"] = "betekenisvol" if f["betekenisvol"] else "klein_niet_betekenisvol" if f["significant"] else "geen"
    return f


#: How the prose names the compared characteristics of Tabel 3.6.
VERGELIJKING_NAMEN = {"leeftijd": "de leeftijd van de ouders", "migratie": "de migratieachtergrond", "opleiding": "het opleidingsniveau",
                      "inkomen": "het inkomen", "ace": "het aantal ouders met vier of meer jeugdtrauma's"}


def feiten_populatie(*, stroom_n: dict[str, int], zelf: pd.DataFrame, ouders: pd.DataFrame, n_ouders: dict[str, int],
                     kinderen: pd.DataFrame, vergelijking: pd.DataFrame, toetsen: dict[str, Toets], geweld: pd.DataFrame,
                     geweld_toets: Toets, beveiligen: bool = False) -> dict:
    """The facts of §3.2-3.6 (figures 3.1-3.4, tables 3.3-3.6), formatted nl-NL.

    ``ouders``/``kinderen``/``vergelijking``: the cells of Tabel 3.3/3.4/3.6 *before* the
    small-cell rule (the rule is applied here, per fact, with ``beveiligen``); ``geweld``:
    :func:`geweld_t0_verdeling`.
    """
    def cel(cellen, blok, rij, kolom, decimalen=0):
        c = cellen[(cellen["blok"] == blok) & (cellen["rij"] == rij) & (cellen["kolom"] == kolom)]
        if c.empty:
            return LEEG
        c = c.iloc[0]
        if c["soort"] == "aandeel":
            return _aandeel_feit(int(c["teller"]), int(c["n"]), beveiligen) if decimalen == 0 else (
                ONDERDRUKT if beveiligen and not aandeel_toonbaar(int(c["teller"]), int(c["n"])) else pct(c["waarde"], decimalen))
        if beveiligen and not basis_toonbaar(int(c["n"])):
            return ONDERDRUKT
        return getal(c["waarde"], decimalen)

    f: dict = {}
    f["stroom"] = _stroom_teksten(stroom_n, beveiligen)
    f["stroom"]["uitgesloten"] = "onbekend" if f["stroom"]["zonder_geweld"] == ONDERDRUKT else stroom_n["zonder_geweld"] > 0
    f["stroom"]["behoud_alle"] = _aandeel_feit(stroom_n["alle"], stroom_n["t0"], beveiligen)

    z = zelf.set_index("kolom")["aantal"] if not zelf.empty else None
    f["zelf"] = {"beschikbaar": z is not None}
    if z is not None:
        f["zelf"] |= {"T0": _aantal_feit(int(z[EERSTE]), beveiligen), "alle": _aantal_feit(int(z[ALLE]), beveiligen)}

    toonbaar = toonbare_optellingen(pd.Series(n_ouders), [("ouders", ["moeders", "vaders"])]) if beveiligen else pd.Series(True, index=list(n_ouders))
    o = {"n": {k: getal(v) if toonbaar[k] else ONDERDRUKT for k, v in n_ouders.items()}}
    for k in ("ouders", "moeders", "vaders"):
        o[k] = {
            "lager_onderwijs": cel(ouders, "opleiding", "basisschool", k), "mavo_lbo": cel(ouders, "opleiding", "mavo_lbo", k),
            "havo_vwo_mbo": cel(ouders, "opleiding", "havo_vwo_mbo", k), "hbo_wo": cel(ouders, "opleiding", "hbo_wo", k),
            "migratie": _som_feit(ouders, "migratie", [c for c in MIGRATIE if c != "nederlands"], k, beveiligen),
            "armoede": cel(ouders, "inkomen", "minder_1500", k), "midden_inkomen": cel(ouders, "inkomen", "tussen_1500_3100", k),
            "hoog_inkomen": cel(ouders, "inkomen", "meer_3100", k), "werkt": cel(ouders, "werk", "werkt", k),
            "eenouder": cel(ouders, "gezin", "alleenstaand", k), "gescheiden": cel(ouders, "gezin", "ooit_gescheiden", k),
            "jeugdbescherming": cel(ouders, "jeugdbescherming", "ots", k),
            "leeftijd_35_54": _som_feit(ouders, "leeftijd", ["35-44", "45-54"], k, beveiligen),
        }
        werk = ouders[(ouders["blok"] == "werk") & (ouders["kolom"] == k)].iloc[0]
        o[k]["werkloos"] = _aandeel_feit(int(werk["n"] - werk["teller"]), int(werk["n"]), beveiligen)
    cbs = {f"{b}_{r}": pct(w, 0) for (b, r), w in CBS_2018.items() if w is not None}
    o["cbs"] = {"armoede": cbs["inkomen_minder_1500"], "midden_inkomen": cbs["inkomen_tussen_1500_3100"],
                "hoog_inkomen": cbs["inkomen_meer_3100"], "werkloos": pct(1 - CBS_2018[("werk", "werkt")], 0),
                "eenouder": cbs["gezin_alleenstaand"], "jeugdbescherming": cbs["jeugdbescherming_ots"],
                "migratie": pct(1 - CBS_2018[("migratie", "nederlands")], 0)}
    # Poverty and unemployment against the CBS figures: how many times as high (whole number).
    def keer(eigen: tuple[str, str], cbs_waarde: float) -> str:
        c = ouders[(ouders["blok"] == eigen[0]) & (ouders["rij"] == eigen[1]) & (ouders["kolom"] == "ouders")]
        if c.empty or pd.isna(c["waarde"].iloc[0]) or not cbs_waarde or (beveiligen and not aandeel_toonbaar(int(c["teller"].iloc[0]), int(c["n"].iloc[0]))):
            return ONDERDRUKT if beveiligen else LEEG
        return getal(c["waarde"].iloc[0] / cbs_waarde)
    o["keer_armoede"] = keer(("inkomen", "minder_1500"), CBS_2018[("inkomen", "minder_1500")])
    werk = ouders[(ouders["blok"] == "werk") & (ouders["kolom"] == "ouders")].iloc[0]
    werkloos = (werk["n"] - werk["teller"]) / werk["n"] if werk["n"] else math.nan
    o["keer_werkloos"] = (ONDERDRUKT if beveiligen and not aandeel_toonbaar(int(werk["n"] - werk["teller"]), int(werk["n"]))
                          else getal(werkloos / (1 - CBS_2018[("werk", "werkt")])))
    o["armoedegrens"] = INKOMEN["minder_1500"].lstrip("< ").strip()
    f["ouders"] = o

    kinderen_kol = set(kinderen["kolom"])
    k = {"n": cel(kinderen, "algemeen", "aantal", "totaal"), "meisjes": cel(kinderen, "algemeen", "meisjes", "totaal"),
         "jongens": LEEG, "jong": cel(kinderen, "leeftijd", "jong", "totaal"), "grens": getal(KIND_LEEFTIJDSGRENS),
         "migratie": _som_feit(kinderen, "migratie", [c for c in KIND_MIGRATIE if c != "nederlands"], "totaal", beveiligen),
         "eenouder": cel(kinderen, "gezin", "eenouder", "totaal"), "zelf_beschikbaar": "zelf" in kinderen_kol}
    m = kinderen[(kinderen["blok"] == "algemeen") & (kinderen["rij"] == "meisjes") & (kinderen["kolom"] == "totaal")].iloc[0]
    k["jongens"] = _aandeel_feit(int(m["n"] - m["teller"]), int(m["n"]), beveiligen)
    if "zelf" in kinderen_kol:
        k["zelf"] = {"n": cel(kinderen, "algemeen", "aantal", "zelf"), "jong": cel(kinderen, "leeftijd", "jong", "zelf"),
                     "oud": cel(kinderen, "leeftijd", "oud", "zelf"), "leeftijd": cel(kinderen, "algemeen", "leeftijd", "zelf", 1)}
    f["kinderen"] = k

    verschillen = {blok: {**_verschil_feit(t), "naam": VERGELIJKING_NAMEN[blok]} for blok, t in toetsen.items() if blok in VERGELIJKING_NAMEN}
    incidenten = {typ: {**_verschil_feit(toetsen[typ]), "naam": INCIDENT_TYPEN[typ][3].lower()} for typ in INCIDENT_TYPEN}
    achtergrond_verschil = [VERGELIJKING_NAMEN[b] for b, v in verschillen.items() if v["significant"]]
    achtergrond_gelijk = [VERGELIJKING_NAMEN[b] for b, v in verschillen.items() if not v["significant"]]
    f["vergelijking"] = {
        "toetsen": verschillen, "incidenten": incidenten,
        "verschillend": achtergrond_verschil, "gelijk": achtergrond_gelijk,
        "verschillend_blokken": [b for b, v in verschillen.items() if v["significant"]],
        "betekenisvol": [VERGELIJKING_NAMEN[b] for b, v in verschillen.items() if v["betekenisvol"]],
        "incidenten_significant": [INCIDENT_TYPEN[t][3].lower() for t, v in incidenten.items() if v["significant"]],
        "incidenten_betekenisvol": [INCIDENT_TYPEN[t][3].lower() for t, v in incidenten.items() if v["betekenisvol"]],
        "incidenten_significant_typen": [t for t, v in incidenten.items() if v["significant"]],
        "ace_beschikbaar": "ace" in toetsen,
        "ace": {kol: cel(vergelijking, "ace", "ace", kol, 1) for kol in ("totaal", "alle")},
    }
    verdeling = geweld.set_index(["groep", "categorie"])
    g = {}
    for groep in ("totaal", "alle"):
        g[groep] = {cat: _aandeel_feit(int(verdeling.loc[(groep, cat), "aantal"]), int(verdeling.loc[(groep, cat), "n"]), beveiligen)
                    for cat in scoring.CATEGORIEEN}
        g[groep]["n"] = _aantal_feit(int(verdeling.loc[(groep, scoring.CATEGORIEEN[0]), "n"]), beveiligen)
    g["toets"] = _verschil_feit(geweld_toets)
    f["geweld_t0"] = g
    f["kaart_noot"] = FIGUUR_3_1_NOOT
    return f
