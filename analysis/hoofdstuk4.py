"""Chapter 4 — decline of partner violence and child maltreatment: Figuur 4.1 and Tabel 4.1.

Pure functions from the snapshot's tables to the chapter's items and facts; the notebook
``notebooks/04_geweld.ipynb`` only calls them and writes what they return.
"""

from __future__ import annotations

import pandas as pd

from analysis import scoring
from analysis.codebook import load_codebook
from analysis.disclosure import ONDERDRUKT, aandeel_toonbaar, basis_toonbaar, toonbare_verdeling
from analysis.feiten import toets_feit, verloop_feit
from analysis.figures import PALET, Figuur, staafdiagram_categorieen
from analysis.formatting import getal, pct
from analysis.populatie import gezinnen_alle_metingen, ouders_alle_metingen
from analysis.stats import Toets, chi2_phi, rm_anova
from analysis.tables import Tabel

METINGEN = load_codebook().metingen
VORM_LABELS = {"psychisch": "Psychisch geweld", "fysiek": "Fysiek geweld", "verwonding": "Verwondingen", "seksueel": "Seksueel geweld"}
PERSPECTIEF_LABELS = {"slachtoffer": "Slachtoffer van geweld door (ex-)partner", "dader": "Zelf geweld gebruikt tegen (ex-)partner"}
GESLACHT_LABELS = {"man": "Man", "vrouw": "Vrouw"}


# -- Figuur 4.1: total violence in the families over the three waves ---------------------------
def totaal_geweld(tabellen: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Total violence per family and wave for the families that took part in all three waves."""
    gezinnen = gezinnen_alle_metingen(tabellen)
    partner = scoring.partnergeweld_gezin(tabellen["cts2"], tabellen["ouders"])
    kind = scoring.kindermishandeling_gezin(tabellen["ctspc_ouder"], tabellen["kinderen"])
    totaal = scoring.totaal_geweld_gezin(partner, kind)
    totaal = totaal[totaal["gezin_id"].isin(gezinnen)]
    # A family with no answer at all in a wave has no category; it is left out of that wave.
    return totaal.dropna(subset=["categorie"]).reset_index(drop=True)


def verdeling_per_meting(gezin_meting: pd.DataFrame, kolom: str = "categorie") -> pd.DataFrame:
    """Number and share of families per category and wave (one row per wave × category)."""
    tellingen = gezin_meting.groupby(["meting", kolom]).size().unstack(fill_value=0)
    tellingen = tellingen.reindex(index=METINGEN, columns=scoring.CATEGORIEEN, fill_value=0)
    lang = tellingen.stack().rename("aantal").reset_index().rename(columns={kolom: "categorie"})
    lang["n"] = lang.groupby("meting")["aantal"].transform("sum")
    lang["aandeel"] = lang["aantal"] / lang["n"].where(lang["n"] > 0)
    return lang


def beveilig_verdeling(verdeling: pd.DataFrame) -> pd.DataFrame:
    """Apply the small-cell rule per wave: hidden shares become missing (``toonbaar`` False)."""
    delen = []
    for _, groep in verdeling.groupby("meting", sort=False):
        groep = groep.copy()
        groep["toonbaar"] = toonbare_verdeling(groep["aantal"], int(groep["n"].iloc[0]))
        delen.append(groep)
    out = pd.concat(delen)
    out["aandeel"] = out["aandeel"].where(out["toonbaar"])
    out["aantal"] = out["aantal"].where(out["toonbaar"])
    return out.reset_index(drop=True)


def verloop_toetsen(gezin_meting: pd.DataFrame) -> dict[str, Toets]:
    """Repeated-measures ANOVA over T0–T1–T2 (§4.2): per category on the 0/1 indicator of being
    in it, and on the total number of incidents (key "incidenten")."""
    toetsen = {}
    for cat in scoring.CATEGORIEEN:
        df = gezin_meting.assign(indicator=(gezin_meting["categorie"] == cat).astype(float))
        toetsen[cat] = rm_anova(df, subject="gezin_id", within="meting", dv="indicator")
    toetsen["incidenten"] = rm_anova(gezin_meting, subject="gezin_id", within="meting", dv="totaal")
    return toetsen


def figuur_4_1(verdeling: pd.DataFrame, n_gezinnen: int, scope_naam: str) -> Figuur:
    fig = staafdiagram_categorieen(
        verdeling, x="meting", categorie="categorie", waarde="aandeel",
        labels=scoring.CATEGORIE_LABELS, kleuren=PALET, y_label="Gezinnen",
    )
    delen = []
    for m in METINGEN:
        rij = verdeling[verdeling["meting"] == m].set_index("categorie")["aandeel"]
        waarden = ", ".join(
            f"{scoring.CATEGORIE_LABELS[c].lower()} {ONDERDRUKT if pd.isna(rij.get(c)) else pct(rij[c])}" for c in scoring.CATEGORIEEN
        )
        delen.append(f"{m}: {waarden}")
    alt = (
        f"Staafdiagram van het percentage gezinnen per geweldscategorie op T0, T1 en T2 "
        f"({scope_naam}, {getal(n_gezinnen)} gezinnen). " + "; ".join(delen) + "."
    )
    return Figuur(
        id="figuur-4.1",
        label="fig-totaal-geweld",
        titel=f"Het totale geweld in de gezinnen over drie meetmomenten (N={getal(n_gezinnen)})",
        alt=alt,
        data=verdeling,
        fig=fig,
    )


# -- Tabel 4.1: partner violence of men and women over T0–T1–T2 ---------------------------------
def vormen_ooit(tabellen: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per parent who took part in all three waves: whether each form of partner violence was
    reported at least once over T0–T2, as victim and as perpetrator ("absoluut totaal", §4.3.1)."""
    ouders = ouders_alle_metingen(tabellen)
    per_meting = scoring.partnergeweld_vormen_ouder(tabellen["cts2"])
    per_meting = per_meting[per_meting["ouder_id"].isin(ouders["ouder_id"])]
    ooit = scoring.ooit_in_metingen(per_meting, ["ouder_id", "perspectief"], scoring.PARTNERGEWELD_VORMEN)
    return ooit.merge(ouders[["ouder_id", "geslacht"]], on="ouder_id")


def aandelen_per_geslacht(ooit: pd.DataFrame) -> pd.DataFrame:
    """Share of men and women reporting each form, per perspective (tidy: one row per cell)."""
    lang = ooit.melt(id_vars=["ouder_id", "perspectief", "geslacht"], value_vars=scoring.PARTNERGEWELD_VORMEN, var_name="vorm", value_name="ooit")
    cellen = lang.groupby(["perspectief", "vorm", "geslacht"], as_index=False).agg(aantal=("ooit", "sum"), n=("ooit", "size"))
    cellen["aandeel"] = cellen["aantal"] / cellen["n"]
    return cellen


def verschil_geslacht(ooit: pd.DataFrame) -> dict[tuple[str, str], Toets]:
    """Chi-square (with φ) of men vs women for each perspective and form (Tabel 4.1, §4.3.1)."""
    toetsen = {}
    for perspectief in PERSPECTIEF_LABELS:
        sub = ooit[ooit["perspectief"] == perspectief]
        for vorm in scoring.PARTNERGEWELD_VORMEN:
            toetsen[(perspectief, vorm)] = chi2_phi(sub.assign(ooit=sub[vorm].astype(int)), x="geslacht", y="ooit")
    return toetsen


def significantie_teken(t: Toets) -> str:
    """The table's markers: ** p < .01, * p < .05."""
    if pd.isna(t.p):
        return ""
    return "**" if t.p < 0.01 else "*" if t.p < 0.05 else ""


def beveilig_cellen(cellen: pd.DataFrame) -> pd.DataFrame:
    """Small-cell rule for shares of a binary outcome: hidden shares become missing."""
    cellen = cellen.copy()
    cellen["toonbaar"] = [aandeel_toonbaar(int(a), int(n)) for a, n in zip(cellen["aantal"], cellen["n"])]
    cellen["aandeel"] = cellen["aandeel"].where(cellen["toonbaar"])
    cellen["aantal"] = cellen["aantal"].where(cellen["toonbaar"])
    return cellen


def tabel_4_1(cellen: pd.DataFrame, toetsen: dict[tuple[str, str], Toets], n_per_geslacht: dict[str, int]) -> Tabel:
    kolommen = ["Partnergeweld T0-T1-T2"] + [f"{GESLACHT_LABELS[g]} (N={getal(n_per_geslacht.get(g, 0))})" for g in GESLACHT_LABELS]
    rijen = []
    for perspectief, kop in PERSPECTIEF_LABELS.items():
        rijen.append([kop] + [""] * len(GESLACHT_LABELS))
        for vorm in scoring.PARTNERGEWELD_VORMEN:
            sub = cellen[(cellen["perspectief"] == perspectief) & (cellen["vorm"] == vorm)].set_index("geslacht")
            waarden = [ONDERDRUKT if pd.isna(sub["aandeel"].get(g)) else pct(sub["aandeel"][g]) for g in GESLACHT_LABELS]
            rijen.append([VORM_LABELS[vorm] + significantie_teken(toetsen[(perspectief, vorm)])] + waarden)
    weergave = pd.DataFrame(rijen, columns=kolommen)
    toets_rijen = pd.DataFrame(
        [{"perspectief": p, "vorm": v, **{f"toets_{k}": val for k, val in t.as_dict().items()}} for (p, v), t in toetsen.items()]
    )
    data = cellen.merge(toets_rijen, on=["perspectief", "vorm"], how="left")
    return Tabel(
        id="tabel-4.1",
        label="tbl-partnergeweld-geslacht",
        titel="Absoluut totaal partnergeweld mannen en vrouwen in de onderzoekspopulatie op de drie meetmomenten",
        weergave=weergave,
        data=data,
        noot="Percentage ouders dat de vorm van geweld op minstens één van de drie meetmomenten meldt. "
        "Verschil tussen mannen en vrouwen (χ²-toets): \\* p < .05; \\*\\* p < .01."
        + (f" {ONDERDRUKT} = niet getoond (te weinig personen)." if cellen["aandeel"].isna().any() else ""),
    )


# -- Facts for the prose -----------------------------------------------------------------------
def feiten(
    gezin_meting: pd.DataFrame,
    verdeling: pd.DataFrame,
    toetsen: dict[str, Toets],
    cellen: pd.DataFrame,
    verschillen: dict[tuple[str, str], Toets],
    ooit: pd.DataFrame,
) -> dict:
    """Every number and verdict chapter 4's prose and the factsheets use (formatted nl-NL).

    Expects ``verdeling`` and ``cellen`` after the small-cell rule (if any): hidden values
    appear as the suppression symbol and ``toonbaar`` False.
    """
    n_gezinnen = int(gezin_meting["gezin_id"].nunique())
    ouders = ooit.drop_duplicates("ouder_id")
    n_geslacht = ouders["geslacht"].value_counts()
    f: dict = {
        "n_gezinnen": getal(n_gezinnen),
        "n_vrouwen": getal(int(n_geslacht.get("vrouw", 0))),
        "n_mannen": getal(int(n_geslacht.get("man", 0))),
        "basis_toonbaar": basis_toonbaar(n_gezinnen),
    }
    gemiddeld = gezin_meting.groupby("meting")["totaal"].mean().reindex(METINGEN)
    gemiddeld_partner = gezin_meting.groupby("meting")["totaal_partner"].mean().reindex(METINGEN)
    toonbaar = basis_toonbaar(n_gezinnen)
    f["incidenten"] = verloop_feit(
        gemiddeld.to_dict(), {m: getal(v) if toonbaar else ONDERDRUKT for m, v in gemiddeld.items()}, toetsen["incidenten"]
    )
    f["incidenten_partner"] = {m: getal(v) if toonbaar else ONDERDRUKT for m, v in gemiddeld_partner.items()}
    f["categorie"] = {}
    for cat in scoring.CATEGORIEEN:
        rij = verdeling[verdeling["categorie"] == cat].set_index("meting")
        waarden = rij["aandeel"].to_dict()
        opgemaakt = {m: (ONDERDRUKT if pd.isna(v) else pct(v)) for m, v in waarden.items()}
        feit = verloop_feit(waarden, opgemaakt, toetsen[cat])
        feit["toonbaar"] = bool(rij["aandeel"].notna().all())
        feit["label"] = scoring.CATEGORIE_LABELS[cat].lower()
        f["categorie"][cat] = feit

    # Tabel 4.1: which forms differ meaningfully between men and women, and in which direction.
    f["geslacht"] = {}
    for (perspectief, vorm), t in verschillen.items():
        sub = cellen[(cellen["perspectief"] == perspectief) & (cellen["vorm"] == vorm)].set_index("geslacht")["aandeel"]
        vrouw, man = sub.get("vrouw"), sub.get("man")
        f["geslacht"][f"{perspectief}_{vorm}"] = {
            "vorm": VORM_LABELS[vorm].lower(),
            "vrouw": ONDERDRUKT if pd.isna(vrouw) else pct(vrouw),
            "man": ONDERDRUKT if pd.isna(man) else pct(man),
            "toonbaar": not (pd.isna(vrouw) or pd.isna(man)),
            "vaker": "" if pd.isna(vrouw) or pd.isna(man) or vrouw == man else ("vrouwen" if vrouw > man else "mannen"),
            "toets": toets_feit(t),
        }
    # Per perspective: the forms that women resp. men report meaningfully more often (§2.7).
    f["verschillen"] = {
        perspectief: {
            groep: [
                k for k, v in f["geslacht"].items()
                if k.startswith(perspectief + "_") and v["toets"]["betekenisvol"] and v["toonbaar"] and v["vaker"] == groep
            ]
            for groep in ("vrouwen", "mannen")
        }
        for perspectief in PERSPECTIEF_LABELS
    }
    return f
