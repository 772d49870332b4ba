"""Chapter 3 — the study population: Tabel 3.1 (participants per region at T0) and Tabel 3.2
(sample size at the three waves).

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
* children's age groups use the age at T0.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analysis.codebook import load_codebook
from analysis.disclosure import ONDERDRUKT, ONDERDRUKT_UITLEG, aandeel_toonbaar, basis_toonbaar, toonbare_optellingen
from analysis.formatting import LEEG, getal, pct
from analysis.populatie import NEDERLAND, scope_naam
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
    ``rapporteur`` is ``kind``). The current codebook has none."""
    cb = load_codebook()
    return [
        naam for naam, t in cb.tabellen.items()
        if t.get("instrument") and cb.instrument(t["instrument"]).get("rapporteur") == "kind"
    ]


def regio_deelname(tabellen: dict[str, pd.DataFrame], regios: list[str], zelfrapportage: list[str] | None = None) -> pd.DataFrame:
    """Tabel 3.1's counts at T0, one row per region of ``regios`` (in that order, zero when a
    region has nobody): families, parents, children and — only when the snapshot holds a
    child self-report table — children who filled in a questionnaire themselves at T0."""
    eerste = METINGEN[0]
    d = deelname(tabellen)
    regio = tabellen["gezinnen"].set_index("gezin_id")["regio"]
    ouders = d.ouders[d.ouders["meting"] == eerste]
    kinderen = d.kinderen[d.kinderen["meting"] == eerste]
    tellingen = {
        "gezinnen": ouders.drop_duplicates("gezin_id")["gezin_id"].map(regio).value_counts(),
        "ouders": ouders.drop_duplicates("ouder_id")["gezin_id"].map(regio).value_counts(),
        "kinderen": kinderen.drop_duplicates("kind_id")["gezin_id"].map(regio).value_counts(),
    }
    bronnen = [t for t in (zelfrapportage_tabellen() if zelfrapportage is None else zelfrapportage) if t in tabellen]
    if bronnen:
        zelf = pd.concat([tabellen[t].loc[tabellen[t]["meting"] == eerste, ["kind_id"]] for t in bronnen]).drop_duplicates()
        zelf = zelf.merge(tabellen["kinderen"][["kind_id", "gezin_id"]], on="kind_id")
        tellingen[ZELFRAPPORTAGE[0]] = zelf["gezin_id"].map(regio).value_counts()
    out = pd.DataFrame({k: v.reindex(regios, fill_value=0) for k, v in tellingen.items()}).fillna(0).astype(int)
    out.index.name = "regio"
    return out.reset_index()


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
    noot = f"Deelnemers aan de eerste meting ({METINGEN[0]}). Een gezin doet mee als minstens één ouder de vragenlijst invult."
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
    breed = lang.pivot(index="groep", columns="kolom", values="aantal").reindex(index=list(GROEPEN), columns=KOLOMMEN_3_2)
    rijen = [[GROEPEN[g]] + [_cel(breed.loc[g, k]) for k in KOLOMMEN_3_2] for g in GROEPEN]
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


def feiten(tellingen: pd.DataFrame, per_regio: pd.DataFrame, beveiligen: bool = False) -> dict:
    """Every number and verdict chapter 3's prose uses (formatted nl-NL).

    ``tellingen``: :func:`steekproef` before the small-cell rule; ``per_regio``:
    :func:`regio_deelname` for the scope's regions. With ``beveiligen`` (regional scopes) a
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
    kinderen_per_gezin = per_regio["kinderen"].sum() / totaal_gezinnen if totaal_gezinnen else float("nan")
    f["kinderen_per_gezin"] = getal(kinderen_per_gezin, 1) if basis_toonbaar(totaal_gezinnen) or not beveiligen else ONDERDRUKT
    return f
