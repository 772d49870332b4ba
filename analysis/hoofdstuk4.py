"""Chapter 4 — decline of partner violence and child maltreatment: Figuur 4.1–4.7 and Tabel 4.1–4.6.

Pure functions from the snapshot's tables to the chapter's items and facts; the notebook
``notebooks/04_geweld.ipynb`` only calls them and writes what they return.
"""

from __future__ import annotations

import pandas as pd

from analysis import scoring
from analysis.codebook import load_codebook
from analysis.disclosure import (ONDERDRUKT, ONDERDRUKT_UITLEG, aandeel_toonbaar, basis_toonbaar, beveilig_verdelingen,
                                 toonbare_verdeling)
from analysis.feiten import toets_feit, verloop_feit
from analysis.figures import (ONDERDRUKT_ALT, PALET, Figuur, aandeel_alt, alt_noot_onderdrukt, staafdiagram_categorieen,
                              stijl)
from analysis.formatting import LEEG, getal, pct
from analysis.populatie import gezinnen_alle_metingen, ouders_alle_metingen
from analysis.stats import Toets, chi2_phi, rm_anova, t_test_ind
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
    return beveilig_verdelingen(verdeling, per="meting")


def verloop_toetsen(gezin_meting: pd.DataFrame) -> dict[str, Toets]:
    """Repeated-measures ANOVA over T0–T1–T2 (§4.2): per category on the 0/1 indicator of being
    in it, and on the total number of incidents (key "incidenten")."""
    toetsen = {}
    for cat in scoring.CATEGORIEEN:
        df = gezin_meting.assign(indicator=(gezin_meting["categorie"] == cat).astype(float))
        toetsen[cat] = rm_anova(df, subject="gezin_id", within="meting", dv="indicator")
    toetsen["incidenten"] = rm_anova(gezin_meting, subject="gezin_id", within="meting", dv="totaal")
    return toetsen


def figuur_categorieen(
    verdeling: pd.DataFrame, n_gezinnen: int, scope_naam: str, *, id: str, label: str, titel: str, onderwerp: str
) -> Figuur:
    """Grouped bars of the share of families per violence category and wave (Figuur 4.1, 4.2).

    ``titel`` may contain ``{n}`` for the number of families; ``onderwerp`` names the violence
    in the alt text ("geweldscategorie", "categorie partnergeweld").
    """
    fig = staafdiagram_categorieen(
        verdeling, x="meting", categorie="categorie", waarde="aandeel",
        labels=scoring.CATEGORIE_LABELS, kleuren=PALET, y_label="Gezinnen",
    )
    delen = []
    for m in METINGEN:
        rij = verdeling[verdeling["meting"] == m].set_index("categorie")["aandeel"]
        waarden = ", ".join(
            f"{scoring.CATEGORIE_LABELS[c].lower()} {aandeel_alt(rij.get(c))}" for c in scoring.CATEGORIEEN
        )
        delen.append(f"{m}: {waarden}")
    alt = (
        f"Staafdiagram van het percentage gezinnen per {onderwerp} op T0, T1 en T2 "
        f"({scope_naam}, {getal(n_gezinnen)} gezinnen). " + "; ".join(delen) + "." + alt_noot_onderdrukt(verdeling["aandeel"])
    )
    return Figuur(id=id, label=label, titel=titel.format(n=getal(n_gezinnen)), alt=alt, data=verdeling, fig=fig)


def figuur_4_1(verdeling: pd.DataFrame, n_gezinnen: int, scope_naam: str) -> Figuur:
    return figuur_categorieen(
        verdeling, n_gezinnen, scope_naam, id="figuur-4.1", label="fig-totaal-geweld",
        titel="Het totale geweld in de gezinnen over drie meetmomenten (N={n})", onderwerp="geweldscategorie",
    )


# -- Figuur 4.2: partner violence in the families over the three waves --------------------------
def partnergeweld(tabellen: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Partner violence per family and wave (incidents ``totaal``, ``categorie``) for the
    families that took part in all three waves; combined reports of both parents (§4.3.1)."""
    gezinnen = gezinnen_alle_metingen(tabellen)
    partner = scoring.partnergeweld_gezin(tabellen["cts2"], tabellen["ouders"])
    partner = partner[partner["gezin_id"].isin(gezinnen)]
    return partner.dropna(subset=["categorie"]).reset_index(drop=True)


def figuur_4_2(verdeling: pd.DataFrame, n_gezinnen: int, scope_naam: str) -> Figuur:
    return figuur_categorieen(
        verdeling, n_gezinnen, scope_naam, id="figuur-4.2", label="fig-partnergeweld",
        titel="Percentage partnergeweld in de gezinnen in de onderzoekspopulatie (N={n})", onderwerp="categorie partnergeweld",
    )


# -- Figuur 4.3 / 4.4: forms of partner violence per wave, men (a) and women (b) ---------------
#: Forms of partner violence from light to dark (greyscale-safe), legend order of Tabel 4.1.
VORM_KLEUREN: dict[str, str] = {"psychisch": "#A6CEE3", "fysiek": "#F4A261", "verwonding": "#F46A25", "seksueel": "#12436D"}
#: Figure per perspective: id, label, caption (catalogue captions of 4.3a/b and 4.4a/b joined).
VORMEN_FIGUREN: dict[str, dict[str, str]] = {
    "slachtoffer": {
        "id": "figuur-4.3", "label": "fig-slachtoffers",
        "titel": "Percentage mannen (a, N={man}) en vrouwen (b, N={vrouw}) als slachtoffers van partnergeweld in de onderzoekspopulatie",
        "rol": "slachtoffer van partnergeweld",
    },
    "dader": {
        "id": "figuur-4.4", "label": "fig-plegers",
        "titel": "Percentage mannen (a, N={man}) en vrouwen (b, N={vrouw}) als plegers van partnergeweld in de onderzoekspopulatie",
        "rol": "pleger van partnergeweld",
    },
}
GESLACHT_MEERVOUD = {"man": "mannen", "vrouw": "vrouwen"}
PANEEL = {"man": "a", "vrouw": "b"}


def vormen_per_meting(tabellen: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per parent who took part in all three waves, per wave and perspective: whether each form
    of partner violence was reported for the past year (own report, §4.3.1), with geslacht."""
    ouders = ouders_alle_metingen(tabellen)
    per_meting = scoring.partnergeweld_vormen_ouder(tabellen["cts2"])
    per_meting = per_meting[per_meting["ouder_id"].isin(ouders["ouder_id"])].copy()
    per_meting[scoring.PARTNERGEWELD_VORMEN] = per_meting[scoring.PARTNERGEWELD_VORMEN] > 0
    return per_meting.merge(ouders[["ouder_id", "geslacht"]], on="ouder_id").reset_index(drop=True)


def aandelen_vormen_per_meting(vormen: pd.DataFrame) -> pd.DataFrame:
    """Share of men / women reporting each form per perspective and wave (one row per cell)."""
    lang = vormen.melt(id_vars=["ouder_id", "meting", "perspectief", "geslacht"], value_vars=scoring.PARTNERGEWELD_VORMEN,
                       var_name="vorm", value_name="gemeld")
    cellen = lang.groupby(["perspectief", "geslacht", "meting", "vorm"], as_index=False).agg(
        aantal=("gemeld", "sum"), n=("gemeld", "size"))
    cellen["aantal"] = cellen["aantal"].astype(int)
    cellen["aandeel"] = cellen["aantal"] / cellen["n"]
    volgorde = {v: i for i, v in enumerate(scoring.PARTNERGEWELD_VORMEN)}
    return cellen.sort_values(["perspectief", "geslacht", "meting", "vorm"], key=lambda k: k.map(volgorde) if k.name == "vorm" else k,
                              kind="stable").reset_index(drop=True)


def vormen_toetsen(vormen: pd.DataFrame) -> dict[tuple[str, str, str], Toets]:
    """RM-ANOVA over T0–T1–T2 on the 0/1 indicator of each form, per perspective and gender."""
    toetsen = {}
    for perspectief in PERSPECTIEF_LABELS:
        for geslacht in GESLACHT_LABELS:
            sub = vormen[(vormen["perspectief"] == perspectief) & (vormen["geslacht"] == geslacht)]
            for vorm in scoring.PARTNERGEWELD_VORMEN:
                df = sub.assign(indicator=sub[vorm].astype(float))
                toetsen[(perspectief, geslacht, vorm)] = rm_anova(df, subject="ouder_id", within="meting", dv="indicator")
    return toetsen


def figuur_vormen(cellen: pd.DataFrame, perspectief: str, n_per_geslacht: dict[str, int], scope_naam: str) -> Figuur:
    """Figuur 4.3 (slachtoffer) or 4.4 (dader): one group of bars per gender (a: men, b: women)
    and wave, one bar per form of partner violence."""
    spec = VORMEN_FIGUREN[perspectief]
    data = cellen[cellen["perspectief"] == perspectief].copy()
    data["groep"] = [f"{m}\n{PANEEL[g]}. {GESLACHT_MEERVOUD[g]}" for m, g in zip(data["meting"], data["geslacht"])]
    data["geslacht"] = pd.Categorical(data["geslacht"], categories=list(GESLACHT_LABELS))
    data = data.sort_values(["geslacht", "meting"], kind="stable")
    data["geslacht"] = data["geslacht"].astype(str)
    fig = staafdiagram_categorieen(
        data, x="groep", categorie="vorm", waarde="aandeel",
        labels={v: VORM_LABELS[v] for v in scoring.PARTNERGEWELD_VORMEN}, kleuren=VORM_KLEUREN, y_label="Ouders",
    )
    fig.set_size_inches(max(fig.get_size_inches()[0], 7.5), fig.get_size_inches()[1])
    ax = fig.axes[0]
    for tekst in ax.texts:
        tekst.set_fontsize(6.5)
    # Two-line group labels (wave, panel): the legend goes below them.
    with stijl():
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=len(scoring.PARTNERGEWELD_VORMEN))
    delen = []
    for g in GESLACHT_LABELS:
        for m in METINGEN:
            rij = data[(data["geslacht"] == g) & (data["meting"] == m)].set_index("vorm")["aandeel"]
            waarden = ", ".join(
                f"{VORM_LABELS[v].lower()} {aandeel_alt(rij.get(v))}" for v in scoring.PARTNERGEWELD_VORMEN
            )
            delen.append(f"{GESLACHT_MEERVOUD[g]} {m}: {waarden}")
    alt = (
        f"Staafdiagram van het percentage mannen en vrouwen dat zegt {spec['rol']} te zijn, per vorm van geweld "
        f"op T0, T1 en T2 ({scope_naam}; {getal(n_per_geslacht.get('man', 0))} mannen, "
        f"{getal(n_per_geslacht.get('vrouw', 0))} vrouwen). " + "; ".join(delen) + "." + alt_noot_onderdrukt(data["aandeel"])
    )
    titel = spec["titel"].format(man=getal(n_per_geslacht.get("man", 0)), vrouw=getal(n_per_geslacht.get("vrouw", 0)))
    return Figuur(id=spec["id"], label=spec["label"], titel=titel, alt=alt, data=data.drop(columns="groep").reset_index(drop=True), fig=fig)


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
        + (f" {ONDERDRUKT_UITLEG}" if cellen["aandeel"].isna().any() else ""),
    )


# -- Facts for the prose -----------------------------------------------------------------------
def categorie_feiten(verdeling: pd.DataFrame, toetsen: dict[str, Toets]) -> dict:
    """Per category: the share per wave (formatted), its RM-ANOVA and the verdict."""
    uit = {}
    for cat in scoring.CATEGORIEEN:
        rij = verdeling[verdeling["categorie"] == cat].set_index("meting")
        waarden = rij["aandeel"].to_dict()
        opgemaakt = {m: (ONDERDRUKT if pd.isna(v) else pct(v)) for m, v in waarden.items()}
        feit = verloop_feit(waarden, opgemaakt, toetsen[cat])
        feit["toonbaar"] = bool(rij["aandeel"].notna().all())
        feit["label"] = scoring.CATEGORIE_LABELS[cat].lower()
        uit[cat] = feit
    return uit


def feiten_partnergeweld(gezin_meting: pd.DataFrame, verdeling: pd.DataFrame, toetsen: dict[str, Toets]) -> dict:
    """Facts of Figuur 4.2: families, mean partner-violence incidents and the categories."""
    n_gezinnen = int(gezin_meting["gezin_id"].nunique())
    toonbaar = basis_toonbaar(n_gezinnen)
    gemiddeld = gezin_meting.groupby("meting")["totaal"].mean().reindex(METINGEN)
    return {
        "n_gezinnen": getal(n_gezinnen),
        "incidenten": verloop_feit(
            gemiddeld.to_dict(), {m: getal(v) if toonbaar else ONDERDRUKT for m, v in gemiddeld.items()}, toetsen["incidenten"]
        ),
        "categorie": categorie_feiten(verdeling, toetsen),
    }


def feiten_vormen(cellen: pd.DataFrame, toetsen: dict[tuple[str, str, str], Toets], n_per_geslacht: dict[str, int]) -> dict:
    """Facts of Figuur 4.3 and 4.4: ``[perspectief][geslacht][vorm]`` the share per wave, the
    RM-ANOVA and the verdict; per perspective and gender the forms that changed meaningfully."""
    uit: dict = {"n": {g: getal(int(n_per_geslacht.get(g, 0))) for g in GESLACHT_LABELS}}
    for perspectief in PERSPECTIEF_LABELS:
        uit[perspectief] = {}
        for geslacht in GESLACHT_LABELS:
            per_vorm = {}
            for vorm in scoring.PARTNERGEWELD_VORMEN:
                rij = cellen[(cellen["perspectief"] == perspectief) & (cellen["geslacht"] == geslacht) & (cellen["vorm"] == vorm)]
                waarden = rij.set_index("meting")["aandeel"].reindex(METINGEN).to_dict()
                opgemaakt = {m: (ONDERDRUKT if pd.isna(v) else pct(v)) for m, v in waarden.items()}
                feit = verloop_feit(waarden, opgemaakt, toetsen[(perspectief, geslacht, vorm)])
                feit["toonbaar"] = all(pd.notna(v) for v in waarden.values())
                feit["vorm"] = VORM_LABELS[vorm].lower()
                per_vorm[vorm] = feit
            per_vorm["afgenomen"] = [v for v in scoring.PARTNERGEWELD_VORMEN
                                     if per_vorm[v]["toets"]["betekenisvol"] and per_vorm[v]["richting"] == "afgenomen"]
            per_vorm["niet_afgenomen"] = [v for v in scoring.PARTNERGEWELD_VORMEN if v not in per_vorm["afgenomen"]]
            uit[perspectief][geslacht] = per_vorm
    return uit


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
    f["categorie"] = categorie_feiten(verdeling, toetsen)

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


# ==============================================================================================
# Tabel 4.2, Figuur 4.5, Figuur 4.6: partner violence by severity, per perspective and gender
# ==============================================================================================
#: Severity columns of the per-parent frame: any violence, severe, mild (CTS2 ``ernst``).
ERNSTEN: list[str] = ["totaal", "ernstig", "mild"]
ERNST_LABELS: dict[str, str] = {"totaal": "Totaal geweld afgelopen jaar", "ernstig": "Ernstig geweld", "mild": "Mild geweld"}
ROL_LABELS: dict[str, str] = {"slachtoffer": "Slachtofferschap", "dader": "Daderschap"}
ROL_KORT: dict[str, str] = {"slachtoffer": "slachtoffer", "dader": "pleger"}
GESLACHTEN_TABEL: list[str] = ["vrouw", "man"]  # the report's column order (Tabel 4.2, 4.3)
#: Bars of Figuur 4.5 / 4.6 (perspective × severity), light to dark per perspective.
REEKSEN: dict[str, str] = {
    "slachtoffer_ernstig": "Slachtoffer, ernstig geweld", "slachtoffer_mild": "Slachtoffer, mild geweld",
    "dader_ernstig": "Pleger, ernstig geweld", "dader_mild": "Pleger, mild geweld",
}
REEKS_KLEUREN: dict[str, str] = {
    "slachtoffer_ernstig": "#12436D", "slachtoffer_mild": "#A6CEE3", "dader_ernstig": "#F46A25", "dader_mild": "#F4C7A1",
}


def _als_tekst(waarde: float, opmaak, verborgen: bool = True) -> str:
    """A formatted cell; a missing value prints as the suppression symbol when it was hidden by
    the small-cell rule, otherwise (undefined, e.g. a mean over nobody) as an en dash."""
    if pd.notna(waarde):
        return opmaak(waarde)
    return ONDERDRUKT if verborgen else LEEG


#: The flag column the small-cell rule sets per value column.
VLAGGEN: dict[str, str] = {"aandeel": "toonbaar", "gemiddeld": "gemiddeld_toonbaar"}


def _teksten(frame: pd.DataFrame, kolom: str, opmaak) -> pd.Series:
    """A value column formatted per row: hidden → suppression symbol, undefined → en dash."""
    vlag = VLAGGEN[kolom]
    verborgen = ~frame[vlag].fillna(True).astype(bool) if vlag in frame.columns else pd.Series(False, index=frame.index)
    return pd.Series([_als_tekst(v, opmaak, bool(h)) for v, h in zip(frame[kolom], verborgen)], index=frame.index, dtype=object)


def _iets_verborgen(frame: pd.DataFrame) -> bool:
    """Whether the small-cell rule hid any value of the frame (then the table note explains x)."""
    return any(bool((~frame[v].fillna(True).astype(bool)).any()) for v in VLAGGEN.values() if v in frame.columns)


def _tekst_van(frame: pd.DataFrame, sleutel, kolom: str, opmaak) -> str:
    """One formatted value of ``frame`` (indexed by the key), or an en dash when the row is absent."""
    if sleutel not in frame.index:
        return LEEG
    return _teksten(frame.loc[[sleutel]], kolom, opmaak).iloc[0]


def ernst_per_ouder(tabellen: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per parent who took part in all three waves: incidents by severity per wave and
    perspective, with geslacht (the population of Tabel 4.2 and Figuur 4.5/4.6)."""
    ouders = ouders_alle_metingen(tabellen)
    per = scoring.partnergeweld_ouder(tabellen["cts2"])
    per = per[per["ouder_id"].isin(ouders["ouder_id"])]
    return per.merge(ouders[["ouder_id", "geslacht"]], on="ouder_id").reset_index(drop=True)


def ernst_cellen(per_ouder: pd.DataFrame) -> pd.DataFrame:
    """Per perspective, gender, wave and severity: ``n`` parents, ``aantal`` reporting at least one
    incident, ``aandeel`` = aantal / n, and ``gemiddeld`` = mean incidents among those reporting
    (the report's convention: means over the parents with that violence, Tabel 4.2)."""
    sleutels = ["perspectief", "geslacht", "meting", "ernst"]
    lang = per_ouder.melt(id_vars=["ouder_id", "meting", "perspectief", "geslacht"], value_vars=ERNSTEN,
                          var_name="ernst", value_name="incidenten")
    lang["gemeld"] = lang["incidenten"] > 0
    cellen = lang.groupby(sleutels, as_index=False).agg(n=("gemeld", "size"), aantal=("gemeld", "sum"))
    gemiddeld = lang[lang["gemeld"]].groupby(sleutels)["incidenten"].mean().rename("gemiddeld").reset_index()
    cellen = cellen.merge(gemiddeld, on=sleutels, how="left")
    cellen["aantal"] = cellen["aantal"].astype(int)
    cellen["aandeel"] = cellen["aantal"] / cellen["n"]
    volgorde = {"ernst": {e: i for i, e in enumerate(ERNSTEN)}, "perspectief": {p: i for i, p in enumerate(PERSPECTIEF_LABELS)}}
    return cellen.sort_values(sleutels, key=lambda k: k.map(volgorde[k.name]) if k.name in volgorde else k,
                              kind="stable").reset_index(drop=True)


def beveilig_aandelen_gemiddelden(cellen: pd.DataFrame) -> pd.DataFrame:
    """Small-cell rule: a share needs 5 parents in and outside the cell, a mean 5 parents in its base."""
    cellen = cellen.copy()
    cellen["toonbaar"] = [aandeel_toonbaar(int(a), int(n)) for a, n in zip(cellen["aantal"], cellen["n"])]
    cellen["gemiddeld_toonbaar"] = [basis_toonbaar(int(a)) for a in cellen["aantal"]]
    cellen["gemiddeld"] = cellen["gemiddeld"].where(cellen["gemiddeld_toonbaar"])
    cellen["aandeel"] = cellen["aandeel"].where(cellen["toonbaar"])
    cellen["aantal"] = cellen["aantal"].where(cellen["toonbaar"] | cellen["gemiddeld_toonbaar"])
    return cellen


def verschil_geslacht_ernst(per_ouder: pd.DataFrame, meting: str = "T0") -> dict[tuple[str, str], dict[str, Toets]]:
    """Women vs men in one wave, per perspective and severity: χ² (φ) on reporting the violence,
    and an independent t-test (d, women minus men) on the incidents of those reporting it."""
    toetsen = {}
    golf = per_ouder[per_ouder["meting"] == meting]
    for perspectief in PERSPECTIEF_LABELS:
        sub = golf[golf["perspectief"] == perspectief]
        for ernst in ERNSTEN:
            gemeld = sub.assign(gemeld=(sub[ernst] > 0).astype(int))
            toetsen[(perspectief, ernst)] = {
                "aandeel": chi2_phi(gemeld, x="geslacht", y="gemeld"),
                "gemiddeld": t_test_ind(gemeld[gemeld["gemeld"] == 1], group="geslacht", dv=ernst, levels=("vrouw", "man")),
            }
    return toetsen


def ernst_toetsen(per_ouder: pd.DataFrame) -> dict[tuple[str, str, str], dict[str, Toets]]:
    """RM-ANOVA over T0–T1–T2 per perspective, gender and severity: on the 0/1 indicator of
    reporting the violence (Figuur 4.6) and on the yearly incidents of all parents (Figuur 4.5)."""
    toetsen = {}
    for perspectief in PERSPECTIEF_LABELS:
        for geslacht in GESLACHT_LABELS:
            sub = per_ouder[(per_ouder["perspectief"] == perspectief) & (per_ouder["geslacht"] == geslacht)]
            for ernst in ERNSTEN:
                toetsen[(perspectief, geslacht, ernst)] = {
                    "aandeel": rm_anova(sub.assign(indicator=(sub[ernst] > 0).astype(float)), subject="ouder_id",
                                        within="meting", dv="indicator"),
                    "gemiddeld": rm_anova(sub, subject="ouder_id", within="meting", dv=ernst),
                }
    return toetsen


def _n_per_geslacht(cellen: pd.DataFrame, meting: str) -> dict[str, int]:
    sub = cellen[(cellen["meting"] == meting) & (cellen["ernst"] == "totaal") & (cellen["perspectief"] == "slachtoffer")]
    return {g: int(n) for g, n in zip(sub["geslacht"], sub["n"])}


def tabel_4_2(cellen: pd.DataFrame, toetsen: dict[tuple[str, str], dict[str, Toets]], meting: str = "T0") -> Tabel:
    """Tabel 4.2: share reporting and mean incidents at T0 by gender, victim/perpetrator and
    severity; markers on the women's value for the women–men difference (χ² resp. t-test)."""
    golf = cellen[cellen["meting"] == meting]
    n = _n_per_geslacht(cellen, meting)
    kolommen = ["Type partnergeweld"]
    for g in GESLACHTEN_TABEL:
        kolommen += [f"{GESLACHT_LABELS[g]} (N={getal(n.get(g, 0))}) Perc. geweld", f"{GESLACHT_LABELS[g]} Gemiddeld incidenten"]
    rijen = []
    for perspectief in PERSPECTIEF_LABELS:
        rijen.append([ROL_LABELS[perspectief]] + [""] * (len(kolommen) - 1))
        for ernst in ERNSTEN:
            rij = [ERNST_LABELS[ernst]]
            sub = golf[(golf["perspectief"] == perspectief) & (golf["ernst"] == ernst)].set_index("geslacht")
            for g in GESLACHTEN_TABEL:
                teken_a = significantie_teken(toetsen[(perspectief, ernst)]["aandeel"]) if g == "vrouw" else ""
                teken_g = significantie_teken(toetsen[(perspectief, ernst)]["gemiddeld"]) if g == "vrouw" else ""
                rij += [_tekst_van(sub, g, "aandeel", lambda v: pct(v, 1)) + teken_a, _tekst_van(sub, g, "gemiddeld", getal) + teken_g]
            rijen.append(rij)
    weergave = pd.DataFrame(rijen, columns=kolommen)
    toets_rijen = pd.DataFrame([
        {"perspectief": p, "ernst": e, **{f"toets_{soort}_{k}": v for soort, t in paar.items() for k, v in t.as_dict().items()}}
        for (p, e), paar in toetsen.items()
    ])
    data = golf.merge(toets_rijen, on=["perspectief", "ernst"], how="left")
    verborgen = _iets_verborgen(golf)
    return Tabel(
        id="tabel-4.2",
        label="tbl-incidenten-t0",
        titel="Gemiddeld aantal incidenten partnergeweld het afgelopen jaar op het eerste meetmoment, "
        "opgesplitst naar ernstig en minder ernstig",
        weergave=weergave,
        data=data,
        noot="Perc. geweld: percentage vrouwen of mannen dat dit geweld meldt over het jaar voor de eerste meting. "
        "Gemiddeld incidenten: gemiddeld aantal incidenten per jaar bij wie dit geweld meldt. "
        "Verschil tussen vrouwen en mannen (χ²-toets voor het percentage, t-toets voor het gemiddelde): "
        "\\* p < .05; \\*\\* p < .01." + (f" {ONDERDRUKT_UITLEG}" if verborgen else ""),
    )


def _panelen_staven(data: pd.DataFrame, waarde: str, *, procent: bool, y_label: str):
    """Two panels (a: men, b: women), waves on the x-axis, one bar per series of :data:`REEKSEN`,
    the value printed on each bar; a missing value (suppressed) shows the suppression symbol."""
    import matplotlib.pyplot as plt

    with stijl():
        fig, assen = plt.subplots(1, 2, sharey=True, figsize=(8.5, 3.6))
        maximum = 0.0
        for ax, geslacht in zip(assen, GESLACHT_LABELS):
            sub = data[data["geslacht"] == geslacht]
            breedte = 0.8 / len(REEKSEN)
            for i, reeks in enumerate(REEKSEN):
                perspectief, ernst = reeks.split("_")
                rij = sub[(sub["perspectief"] == perspectief) & (sub["ernst"] == ernst)].set_index("meting")[waarde].reindex(METINGEN)
                posities = [x + (i - (len(REEKSEN) - 1) / 2) * breedte for x in range(len(METINGEN))]
                hoogtes = rij.astype(float).fillna(0.0) * (100 if procent else 1)
                maximum = max(maximum, float(hoogtes.max()) if len(hoogtes) else 0.0)
                ax.bar(posities, hoogtes, width=breedte * 0.95, color=REEKS_KLEUREN[reeks], label=REEKSEN[reeks], edgecolor="white")
                for pos, h, v in zip(posities, hoogtes, rij):
                    tekst = ONDERDRUKT if pd.isna(v) else (pct(float(v)) if procent else getal(float(v)))
                    ax.text(pos, h, tekst, ha="center", va="bottom", fontsize=6.5)
            ax.set_xticks(range(len(METINGEN)), METINGEN)
            ax.set_title(f"{PANEEL[geslacht]}. {GESLACHT_MEERVOUD[geslacht].capitalize()}", fontsize=10)
        if procent:
            assen[0].set_ylim(0, 105)
            assen[0].yaxis.set_major_formatter(_ticker().FuncFormatter(lambda v, _: f"{v:.0f}%"))
        else:
            assen[0].set_ylim(0, max(maximum * 1.15, 1.0))
        assen[0].set_ylabel(y_label)
        handles, labels = assen[0].get_legend_handles_labels()
        fig.legend(handles, labels, loc="lower center", ncol=len(REEKSEN), fontsize=8, frameon=False)
        fig.subplots_adjust(bottom=0.24, wspace=0.08)
    return fig


def _ticker():
    import matplotlib.ticker

    return matplotlib.ticker


def _alt_reeksen(data: pd.DataFrame, waarde: str, opmaak) -> str:
    delen = []
    for geslacht in GESLACHT_LABELS:
        for m in METINGEN:
            sub = data[(data["geslacht"] == geslacht) & (data["meting"] == m)]
            waarden = []
            for reeks, label in REEKSEN.items():
                perspectief, ernst = reeks.split("_")
                v = sub[(sub["perspectief"] == perspectief) & (sub["ernst"] == ernst)]
                waarden.append(f"{label.lower()} {_teksten(v, waarde, opmaak).iloc[0] if len(v) else LEEG}")
            delen.append(f"{GESLACHT_MEERVOUD[geslacht]} {m}: " + ", ".join(waarden))
    return "; ".join(delen)


def _figuur_ernst(cellen: pd.DataFrame, scope_naam: str, *, waarde: str, procent: bool, opmaak, y_label: str,
                  beschrijving: str, titel: str, id: str, label: str) -> Figuur:
    """Panels a (men) and b (women) of ``waarde`` per wave, victim/perpetrator × severe/mild
    (Figuur 4.5, 4.6). ``beschrijving`` opens the alt text; ``titel`` may contain ``{man}`` and
    ``{vrouw}`` for the numbers of men and women at T0."""
    data = cellen[cellen["ernst"].isin(["ernstig", "mild"])].reset_index(drop=True)
    n = _n_per_geslacht(cellen, "T0")
    man, vrouw = getal(n.get("man", 0)), getal(n.get("vrouw", 0))
    fig = _panelen_staven(data, waarde, procent=procent, y_label=y_label)
    alt = f"{beschrijving} ({scope_naam}; {man} mannen, {vrouw} vrouwen). " + _alt_reeksen(data, waarde, opmaak) + "."
    return Figuur(id=id, label=label, titel=titel.format(man=man, vrouw=vrouw), alt=alt, data=data, fig=fig)


def figuur_4_5(cellen: pd.DataFrame, scope_naam: str) -> Figuur:
    """Figuur 4.5a/b: mean incidents (among the parents reporting the violence) per wave, as
    victim and as perpetrator, severe and mild; a: men, b: women."""
    return _figuur_ernst(
        cellen, scope_naam, waarde="gemiddeld", procent=False, opmaak=getal, y_label="Gemiddeld aantal incidenten per jaar",
        beschrijving="Staafdiagram van het gemiddelde aantal incidenten partnergeweld per jaar bij de ouders die het geweld "
        "melden, als slachtoffer en als pleger, ernstig en mild, op T0, T1 en T2",
        titel="Gemiddeld aantal partnergeweldsincidenten voor de mannen (a, N={man}) en de vrouwen (b, N={vrouw}) in de "
        "onderzoekspopulatie, opgesplitst naar pleger en slachtofferschap",
        id="figuur-4.5", label="fig-incidenten-ernst",
    )


def figuur_4_6(cellen: pd.DataFrame, scope_naam: str) -> Figuur:
    """Figuur 4.6a/b: share of men (a) and women (b) who are victim or perpetrator, severe and mild, per wave."""
    return _figuur_ernst(
        cellen, scope_naam, waarde="aandeel", procent=True, opmaak=pct, y_label="Ouders",
        beschrijving="Staafdiagram van het percentage mannen en vrouwen dat zegt slachtoffer of pleger te zijn van ernstig "
        "en van mild partnergeweld, op T0, T1 en T2",
        titel="Percentage mannen (a, N={man}) en vrouwen (b, N={vrouw}) dat zegt slachtoffer of pleger te zijn, "
        "opgesplitst naar ernstig en mild geweld",
        id="figuur-4.6", label="fig-ernst-per-meting",
    )


def feiten_ernst(cellen: pd.DataFrame, verschillen: dict, toetsen: dict) -> dict:
    """Facts of Tabel 4.2 and Figuur 4.5/4.6: ``t0[perspectief][ernst]`` (women, men, tests),
    ``verloop[perspectief][geslacht][ernst]`` (share and mean per wave, RM-ANOVA, verdict)."""
    n = _n_per_geslacht(cellen, "T0")
    uit: dict = {"n": {g: getal(n.get(g, 0)) for g in GESLACHT_LABELS}, "t0": {}, "verloop": {}}
    for perspectief in PERSPECTIEF_LABELS:
        uit["t0"][perspectief] = {}
        uit["verloop"][perspectief] = {g: {} for g in GESLACHT_LABELS}
        for ernst in ERNSTEN:
            sub = cellen[(cellen["perspectief"] == perspectief) & (cellen["ernst"] == ernst)]
            t0 = sub[sub["meting"] == "T0"].set_index("geslacht")
            feit = {"label": ERNST_LABELS[ernst].lower()}
            for g in GESLACHT_LABELS:
                feit[g] = {"aandeel": _tekst_van(t0, g, "aandeel", pct), "gemiddeld": _tekst_van(t0, g, "gemiddeld", getal)}
            for soort in ("aandeel", "gemiddeld"):
                t = verschillen[(perspectief, ernst)][soort]
                v, m = t0[soort].get("vrouw", float("nan")), t0[soort].get("man", float("nan"))
                feit[f"toets_{soort}"] = toets_feit(t)
                feit[f"vaker_{soort}"] = "" if pd.isna(v) or pd.isna(m) or v == m else ("vrouwen" if v > m else "mannen")
                feit[f"toonbaar_{soort}"] = not (pd.isna(v) or pd.isna(m))
            uit["t0"][perspectief][ernst] = feit
            for g in GESLACHT_LABELS:
                rij = sub[sub["geslacht"] == g].set_index("meting").reindex(METINGEN)
                paar = toetsen[(perspectief, g, ernst)]
                uit["verloop"][perspectief][g][ernst] = {
                    "aandeel": verloop_feit(rij["aandeel"].to_dict(), _teksten(rij, "aandeel", pct).to_dict(), paar["aandeel"]),
                    "gemiddeld": verloop_feit(rij["gemiddeld"].to_dict(), _teksten(rij, "gemiddeld", getal).to_dict(), paar["gemiddeld"]),
                }
    return uit


# ==============================================================================================
# Tabel 4.3: violence by the current partner or an ex-partner (cts2.partner_relatie)
# ==============================================================================================
#: Rows of Tabel 4.3 per wave, in the report's order (at T0 only current or ex-partner).
RELATIE_RIJEN: dict[str, list[str]] = {
    "T0": ["huidige_partner", "ex_partner"],
    "T2": ["huidige_partner", "nieuwe_partner", "terug_bij_ex", "relatie_beeindigd", "ex_partner"],
}
METING_KOPPEN: dict[str, str] = {"T0": "Eerste meting (T0)", "T1": "Tweede meting (T1)", "T2": "Derde meting (T2)"}


def relatie_labels() -> dict[str, str]:
    return load_codebook().tabellen["cts2"]["kolommen"]["partner_relatie"]["labels"]


def relatie_per_ouder(tabellen: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per parent (all three waves) and wave: whom the CTS2 answers concern (``partner_relatie``),
    the incidents of which the parent was the victim (``slachtoffer``; severe and mild apart in
    ``slachtoffer_ernstig`` and ``slachtoffer_mild``), and geslacht."""
    ouders = ouders_alle_metingen(tabellen)
    cts2 = tabellen["cts2"]
    relatie = cts2[["ouder_id", "meting", "partner_relatie"]].copy()
    relatie["meting"] = relatie["meting"].astype(str)
    per = scoring.partnergeweld_ouder(cts2)
    slachtoffer = per[per["perspectief"] == "slachtoffer"][["ouder_id", "meting", "totaal", "ernstig", "mild"]].rename(
        columns={"totaal": "slachtoffer", "ernstig": "slachtoffer_ernstig", "mild": "slachtoffer_mild"})
    uit = relatie.merge(slachtoffer, on=["ouder_id", "meting"], how="left").merge(ouders[["ouder_id", "geslacht"]], on="ouder_id")
    uit["partner_relatie"] = uit["partner_relatie"].astype(object).where(uit["partner_relatie"].notna(), None)
    return uit.reset_index(drop=True)


def relatie_cellen(per_ouder: pd.DataFrame, metingen: tuple[str, ...] = ("T0", "T2")) -> pd.DataFrame:
    """Per wave, gender and relationship: ``aantal`` parents, ``n`` parents with a known relationship
    in that wave and gender, ``aandeel`` and ``gemiddeld``: victim incidents in the past year by
    the report's convention for totals of Tabel 4.2 and Figuur 4.5 — the mean severe incidents of
    the parents reporting severe violence plus the mean mild incidents of those reporting mild
    violence (:func:`gemiddelde_per_ernst`).

    Analysis decision: the printed cells prove this convention. Weighted by the printed shares,
    Tabel 4.3's T0 cells average to Figuur 4.5's totals (women .38 x 42 + .62 x 112 = 85 against
    37 + 49 = 86; men .48 x 27 + .52 x 53 = 41 against 15 + 26), whereas the mean over all
    parents of their victim incidents would average to far less."""
    rijen = []
    for meting in metingen:
        golf = per_ouder[(per_ouder["meting"] == meting) & per_ouder["partner_relatie"].notna()]
        for geslacht in GESLACHTEN_TABEL:
            sub = golf[golf["geslacht"] == geslacht]
            for relatie in RELATIE_RIJEN.get(meting, list(relatie_labels())):
                cel = sub[sub["partner_relatie"] == relatie]
                rijen.append({"meting": meting, "geslacht": geslacht, "partner_relatie": relatie, "aantal": len(cel),
                              "n": len(sub), "aandeel": len(cel) / len(sub) if len(sub) else float("nan"),
                              "gemiddeld": gemiddelde_per_ernst(cel) if len(cel) else float("nan")})
    return pd.DataFrame(rijen)


def gemiddelde_per_ernst(cel: pd.DataFrame) -> float:
    """Mean severe victim incidents among the parents reporting any severe incident plus the
    mean mild ones among those reporting any mild incident; a severity nobody reports adds 0."""
    totaal = 0.0
    for kolom in ("slachtoffer_ernstig", "slachtoffer_mild"):
        gemeld = cel.loc[cel[kolom] > 0, kolom]
        totaal += float(gemeld.mean()) if len(gemeld) else 0.0
    return totaal


def beveilig_relatie_cellen(cellen: pd.DataFrame) -> pd.DataFrame:
    """Small-cell rule per distribution (wave × gender), with complementary suppression; a mean
    needs 5 parents in its category."""
    delen = []
    for _, groep in cellen.groupby(["meting", "geslacht"], sort=False):
        groep = groep.copy()
        groep["toonbaar"] = toonbare_verdeling(groep["aantal"], int(groep["n"].iloc[0]))
        groep["gemiddeld_toonbaar"] = [basis_toonbaar(int(a)) for a in groep["aantal"]]
        delen.append(groep)
    uit = pd.concat(delen).reset_index(drop=True)
    uit["gemiddeld"] = uit["gemiddeld"].where(uit["gemiddeld_toonbaar"])
    uit["aandeel"] = uit["aandeel"].where(uit["toonbaar"])
    uit["aantal"] = uit["aantal"].where(uit["toonbaar"])
    return uit


def relatie_toetsen(per_ouder: pd.DataFrame, metingen: tuple[str, ...] = ("T0", "T2")) -> dict[str, Toets]:
    """Per wave: χ² of gender × relationship (φ at T0, Cramér's V with more categories)."""
    return {m: chi2_phi(per_ouder[(per_ouder["meting"] == m) & per_ouder["partner_relatie"].notna()], x="geslacht", y="partner_relatie")
            for m in metingen}


def tabel_4_3(cellen: pd.DataFrame) -> Tabel:
    labels = relatie_labels()
    kolommen = [""] + [f"{GESLACHT_LABELS[g]} {k}" for g in GESLACHTEN_TABEL for k in ("Percentage", "Aantal incidenten")]
    rijen = []
    for meting in dict.fromkeys(cellen["meting"]):
        golf = cellen[cellen["meting"] == meting]
        n = golf.groupby("geslacht")["n"].first()
        rijen.append([METING_KOPPEN[meting]] + [""] * (len(kolommen) - 1))
        rijen.append(["Aantal ouders (N)"] + [w for g in GESLACHTEN_TABEL for w in (getal(int(n.get(g, 0))), "")])
        for relatie in dict.fromkeys(golf["partner_relatie"]):
            sub = golf[golf["partner_relatie"] == relatie].set_index("geslacht")
            rij = [labels[relatie]]
            for g in GESLACHTEN_TABEL:
                rij += [_tekst_van(sub, g, "aandeel", pct), _tekst_van(sub, g, "gemiddeld", getal)]
            rijen.append(rij)
    verborgen = _iets_verborgen(cellen)
    return Tabel(
        id="tabel-4.3",
        label="tbl-partner-relatie",
        titel="Rapportage geweld huidige of ex-partner (aantal incidenten in het afgelopen jaar)",
        weergave=pd.DataFrame(rijen, columns=kolommen),
        data=cellen,
        noot="Percentage: over wie de ouder de vragen over partnergeweld beantwoordde. Aantal incidenten: incidenten per jaar waarvan de ouder "
        "slachtoffer was, zoals in tabel 4.2 en figuur 4.5 het gemiddelde aantal ernstige incidenten van de ouders die "
        "ernstig geweld melden plus het gemiddelde aantal milde incidenten van de ouders die mild geweld melden." + (f" {ONDERDRUKT_UITLEG}" if verborgen else ""),
    )


def feiten_relatie(cellen: pd.DataFrame, toetsen: dict[str, Toets]) -> dict:
    """Facts of Tabel 4.3: ``[meting][geslacht][relatie]`` share and mean, N, and the χ² per wave."""
    uit: dict = {}
    for meting in dict.fromkeys(cellen["meting"]):
        golf = cellen[cellen["meting"] == meting]
        uit[meting] = {"toets": toets_feit(toetsen[meting])}
        for g in GESLACHTEN_TABEL:
            sub = golf[golf["geslacht"] == g].set_index("partner_relatie")
            uit[meting][g] = {r: {"aandeel": _tekst_van(sub, r, "aandeel", pct), "gemiddeld": _tekst_van(sub, r, "gemiddeld", getal),
                                  "toonbaar": bool(pd.notna(sub.loc[r, "aandeel"]) and pd.notna(sub.loc[r, "gemiddeld"]))}
                              for r in sub.index}
            uit[meting][g]["n"] = getal(int(sub["n"].iloc[0])) if len(sub) else "0"
            ex, huidig = sub["gemiddeld"].get("ex_partner"), sub["gemiddeld"].get("huidige_partner")
            uit[meting][g]["ex_meer_incidenten"] = bool(pd.notna(ex) and pd.notna(huidig) and ex > huidig)
            ex_a, huidig_a = sub["aandeel"].get("ex_partner"), sub["aandeel"].get("huidige_partner")
            uit[meting][g]["meestal_ex"] = bool(pd.notna(ex_a) and pd.notna(huidig_a) and ex_a > huidig_a)
    return uit


# ==============================================================================================
# Tabel 4.4: child maltreatment reported by the parents, per form and wave
# ==============================================================================================
#: Rows of Tabel 4.4: key → label; ``direct`` = physical, psychological or neglect; ``getuige``
#: = partner violence in the family in that wave (the child is a possible witness).
KIND_RIJEN: dict[str, str] = {
    "fysiek": "Fysieke mishandeling",
    "psychisch": "Psychische mishandeling",
    "verwaarlozing": "Verwaarlozing",
    "direct": "Totaal direct geweld tegen kinderen",
    "getuige_fysiek": "(mogelijk) getuige fysiek partnergeweld",
    "getuige_psychisch": "(mogelijk) getuige psychisch partnergeweld",
    "getuige_seksueel": "(mogelijk) getuige seksueel partnergeweld",
    "getuige": "Totaal (mogelijk) getuige partnergeweld",
    "totaal": "Totaal kindermishandeling",
}
#: Partner-violence subscales per witnessed form (injuries count with physical violence).
GETUIGE_VORMEN: dict[str, list[str]] = {"getuige_fysiek": ["fysiek", "verwonding"], "getuige_psychisch": ["psychisch"],
                                        "getuige_seksueel": ["seksueel"]}


def kindermishandeling_vormen_kind(ctspc_ouder: pd.DataFrame) -> pd.DataFrame:
    """Yearly incidents per child, wave and form of maltreatment (psychisch, fysiek,
    verwaarlozing); per item the highest report of the parents (codebook ``gezin_combinatie``).

    General scoring function (the per-form sibling of ``scoring.kindermishandeling_kind``).
    """
    items = load_codebook().items("ctspc_ouder")
    items = items[items["subschaal"].isin(scoring.KINDERMISHANDELING_VORMEN)]
    lang = ctspc_ouder.melt(id_vars=["ouder_id", "kind_id", "meting"], value_vars=list(items["kolom"]), var_name="kolom", value_name="antwoord")
    lang["incidenten"] = scoring.incidenten_per_jaar(lang["antwoord"])
    lang = lang.merge(items[["kolom", "nr", "subschaal"]], on="kolom", how="left")
    lang["meting"] = lang["meting"].astype(str)
    per_item = lang.groupby(["kind_id", "meting", "nr", "subschaal"], as_index=False)["incidenten"].max()
    breed = per_item.pivot_table(index=["kind_id", "meting"], columns="subschaal", values="incidenten", aggfunc="sum", fill_value=0.0)
    breed = breed.reindex(columns=scoring.KINDERMISHANDELING_VORMEN, fill_value=0.0)
    breed.columns.name = None
    return breed.reset_index()


def kinderen_per_meting(tabellen: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per child of the families in all three waves with a parent's CTSPC in that wave: incidents
    per row of Tabel 4.4 (direct maltreatment, possible witness of the family's partner violence,
    and their totals)."""
    gezinnen = gezinnen_alle_metingen(tabellen)
    kind = kindermishandeling_vormen_kind(tabellen["ctspc_ouder"]).merge(tabellen["kinderen"][["kind_id", "gezin_id"]], on="kind_id")
    kind = kind[kind["gezin_id"].isin(gezinnen)]
    kind["direct"] = kind[scoring.KINDERMISHANDELING_VORMEN].sum(axis=1)
    partner = scoring.partnergeweld_incidenten(tabellen["cts2"], tabellen["ouders"])
    partner["meting"] = partner["meting"].astype(str)
    per_vorm = partner.pivot_table(index=["gezin_id", "meting"], columns="subschaal", values="incidenten", aggfunc="sum", fill_value=0.0)
    per_vorm = per_vorm.reindex(columns=scoring.PARTNERGEWELD_VORMEN, fill_value=0.0)
    getuige = pd.DataFrame({k: per_vorm[v].sum(axis=1) for k, v in GETUIGE_VORMEN.items()}).reset_index()
    kind = kind.merge(getuige, on=["gezin_id", "meting"], how="left")
    kind[list(GETUIGE_VORMEN)] = kind[list(GETUIGE_VORMEN)].fillna(0.0)
    kind["getuige"] = kind[list(GETUIGE_VORMEN)].sum(axis=1)
    kind["totaal"] = kind["direct"] + kind["getuige"]
    return kind.reset_index(drop=True)


def kind_cellen(kind: pd.DataFrame, rijen_spec: dict[str, str] | None = None) -> pd.DataFrame:
    """Per row of Tabel 4.4 and wave: ``n`` children, ``aantal`` with at least one incident,
    ``aandeel``, and ``gemiddeld`` = mean incidents of the children concerned (as in Tabel 4.2)."""
    rijen = []
    for meting in METINGEN:
        golf = kind[kind["meting"] == meting]
        for rij in rijen_spec or KIND_RIJEN:
            gemeld = golf[rij] > 0
            rijen.append({"rij": rij, "meting": meting, "n": len(golf), "aantal": int(gemeld.sum()),
                          "aandeel": gemeld.mean() if len(golf) else float("nan"),
                          "gemiddeld": float(golf.loc[gemeld, rij].mean()) if gemeld.any() else float("nan")})
    return pd.DataFrame(rijen)


def kind_toetsen(kind: pd.DataFrame, rijen_spec: dict[str, str] | None = None) -> dict[str, Toets]:
    """RM-ANOVA over T0–T1–T2 on the 0/1 indicator of each row (children with a report in every wave)."""
    return {rij: rm_anova(kind.assign(indicator=(kind[rij] > 0).astype(float)), subject="kind_id", within="meting", dv="indicator")
            for rij in rijen_spec or KIND_RIJEN}


def _tabel_kinderen(cellen: pd.DataFrame, toetsen: dict[str, Toets], rijen_spec: dict[str, str], *, id: str, label: str,
                    titel: str, noot: str, tekens: bool) -> Tabel:
    """Tabel 4.4 / 4.5: per row the share of children and mean incidents per wave (N per wave in the header)."""
    n = cellen.groupby("meting")["n"].first().reindex(METINGEN).fillna(0)
    kolommen = ["Type kindermishandeling"]
    for m in METINGEN:
        kolommen += [f"{m} % (N={getal(int(n[m]))})", f"{m} gem."]
    rijen = []
    for rij, rijlabel in rijen_spec.items():
        sub = cellen[cellen["rij"] == rij].set_index("meting")
        waarden = [rijlabel + (significantie_sterren(toetsen[rij]) if tekens else "")]
        for m in METINGEN:
            waarden += [_tekst_van(sub, m, "aandeel", lambda v: pct(v, 1)), _tekst_van(sub, m, "gemiddeld", getal)]
        rijen.append(waarden)
    toets_rijen = pd.DataFrame([{"rij": r, **{f"toets_{k}": v for k, v in t.as_dict().items()}} for r, t in toetsen.items()])
    return Tabel(id=id, label=label, titel=titel, weergave=pd.DataFrame(rijen, columns=kolommen),
                 data=cellen.merge(toets_rijen, on="rij", how="left"),
                 noot=noot + (f" {ONDERDRUKT_UITLEG}" if _iets_verborgen(cellen) else ""))


def tabel_4_4(cellen: pd.DataFrame, toetsen: dict[str, Toets]) -> Tabel:
    return _tabel_kinderen(
        cellen, toetsen, KIND_RIJEN, id="tabel-4.4", label="tbl-kindermishandeling-ouders",
        titel="Percentage kinderen en gemiddelde aantal incidenten gerapporteerd door de ouders",
        noot="%: percentage kinderen bij wie de ouders deze vorm van geweld voor het afgelopen jaar melden. "
        "Gem.: gemiddeld aantal incidenten per jaar bij deze kinderen. (Mogelijk) getuige: de ouders melden "
        "partnergeweld in het gezin in dat jaar. De verandering over de drie metingen staat in de tekst.",
        tekens=False,
    )


def feiten_kinderen(cellen: pd.DataFrame, toetsen: dict[str, Toets], rijen_spec: dict[str, str] | None = None) -> dict:
    """Facts of Tabel 4.4 (or 4.5 with ``rijen_spec``): per row the share and mean per wave, the RM-ANOVA and its verdict."""
    rijen_spec = rijen_spec or KIND_RIJEN
    n = cellen.groupby("meting")["n"].first().reindex(METINGEN).fillna(0)
    uit: dict = {"n": {m: getal(int(n[m])) for m in METINGEN}}
    for rij, label in rijen_spec.items():
        sub = cellen[cellen["rij"] == rij].set_index("meting").reindex(METINGEN)
        feit = verloop_feit(sub["aandeel"].to_dict(), _teksten(sub, "aandeel", pct).to_dict(), toetsen[rij])
        feit["gemiddeld"] = _teksten(sub, "gemiddeld", getal).to_dict()
        feit["label"] = label[0].lower() + label[1:]
        feit["toonbaar"] = bool(sub["aandeel"].notna().all())
        uit[rij] = feit
    uit["afgenomen"] = [r for r in rijen_spec if uit[r]["toets"]["betekenisvol"] and uit[r]["richting"] == "afgenomen"]
    uit["niet_afgenomen"] = [r for r in rijen_spec if r not in uit["afgenomen"]]
    return uit


def significantie_sterren(t: Toets) -> str:
    """Markers of Tabel 4.5: *** p < .001, ** p < .01, * p < .05."""
    if pd.isna(t.p):
        return ""
    return "***" if t.p < 0.001 else "**" if t.p < 0.01 else "*" if t.p < 0.05 else ""


# ==============================================================================================
# Tabel 4.5: child maltreatment reported by the children themselves (ctspc_kind)
# ==============================================================================================
#: Rows of Tabel 4.5 (the children's version has no neglect; witness items are the child's own).
KIND_ZELF_RIJEN: dict[str, str] = {
    "fysiek": "Fysieke mishandeling",
    "psychisch": "Psychische mishandeling",
    "direct": "Totaal direct geweld tegen kinderen",
    "getuige_fysiek": "Getuige fysiek partnergeweld",
    "getuige_psychisch": "Getuige psychisch partnergeweld",
    "getuige": "Totaal getuige partnergeweld",
    "totaal": "Totaal kindermishandeling",
}
KIND_ZELF_SUBSCHALEN: list[str] = ["fysiek", "psychisch", "getuige_fysiek", "getuige_psychisch"]


def kind_zelf_incidenten(ctspc_kind: pd.DataFrame) -> pd.DataFrame:
    """Yearly incidents per child and wave by subscale of the children's CTSPC (own report),
    with ``mild`` / ``ernstig`` of the direct items (for the family categories of Figuur 4.7) and
    of the witness items. General scoring function (children's version, kinderen.yaml)."""
    items = load_codebook().items("ctspc_kind")
    items = items[items["subschaal"].isin(KIND_ZELF_SUBSCHALEN)]
    lang = ctspc_kind.melt(id_vars=["kind_id", "meting"], value_vars=list(items["kolom"]), var_name="kolom", value_name="antwoord")
    lang["incidenten"] = scoring.incidenten_per_jaar(lang["antwoord"])
    lang = lang.merge(items[["kolom", "subschaal", "ernst"]], on="kolom", how="left")
    lang["meting"] = lang["meting"].astype(str)
    breed = lang.pivot_table(index=["kind_id", "meting"], columns="subschaal", values="incidenten", aggfunc="sum", fill_value=0.0)
    breed = breed.reindex(columns=KIND_ZELF_SUBSCHALEN, fill_value=0.0)
    lang["soort"] = lang["subschaal"].str.startswith("getuige").map({True: "getuige", False: "direct"}) + "_" + lang["ernst"].astype(str)
    ernst = lang.pivot_table(index=["kind_id", "meting"], columns="soort", values="incidenten", aggfunc="sum", fill_value=0.0)
    ernst = ernst.reindex(columns=["direct_mild", "direct_ernstig", "getuige_mild", "getuige_ernstig"], fill_value=0.0)
    uit = breed.join(ernst)
    uit.columns.name = None
    return uit.reset_index()


def kinderen_zelf_per_meting(tabellen: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per child (families in all three waves) who filled in the children's CTSPC in a wave:
    incidents per row of Tabel 4.5."""
    gezinnen = gezinnen_alle_metingen(tabellen)
    kind = kind_zelf_incidenten(tabellen["ctspc_kind"]).merge(tabellen["kinderen"][["kind_id", "gezin_id"]], on="kind_id")
    kind = kind[kind["gezin_id"].isin(gezinnen)].copy()
    kind["direct"] = kind["fysiek"] + kind["psychisch"]
    kind["getuige"] = kind["getuige_fysiek"] + kind["getuige_psychisch"]
    kind["totaal"] = kind["direct"] + kind["getuige"]
    return kind.reset_index(drop=True)


def kind_zelf_cellen(kind: pd.DataFrame) -> pd.DataFrame:
    return kind_cellen(kind, KIND_ZELF_RIJEN)


def kind_zelf_toetsen(kind: pd.DataFrame) -> dict[str, Toets]:
    return kind_toetsen(kind, KIND_ZELF_RIJEN)


def tabel_4_5(cellen: pd.DataFrame, toetsen: dict[str, Toets]) -> Tabel:
    return _tabel_kinderen(
        cellen, toetsen, KIND_ZELF_RIJEN, id="tabel-4.5", label="tbl-kindermishandeling-kinderen",
        titel="Percentage kinderen en gemiddelde aantal incidenten gerapporteerd door de kinderen",
        noot="Kinderen vanaf acht jaar die de vragenlijst zelf invulden. %: percentage kinderen dat deze vorm van "
        "geweld over het afgelopen jaar meldt. Gem.: gemiddeld aantal incidenten per jaar bij deze kinderen. "
        "Verandering over de drie metingen (repeated measures ANOVA, kinderen die alle drie de keren invulden): "
        "\\* p < .05; \\*\\* p < .01; \\*\\*\\* p < .001.",
        tekens=True,
    )


# ==============================================================================================
# Figuur 4.7: co-occurrence of partner violence and direct violence against children per family
# ==============================================================================================
SAMENLOOP: dict[str, str] = {
    "beide": "Partnergeweld en direct geweld tegen kinderen",
    "alleen_partner": "Alleen partnergeweld",
    "alleen_kind": "Alleen direct geweld tegen kinderen",
    "geen": "Geen geweld",
}
SAMENLOOP_KLEUREN: dict[str, str] = {"beide": "#12436D", "alleen_partner": "#F46A25", "alleen_kind": "#F4A261", "geen": "#A6CEE3"}


def samenloop_per_gezin(tabellen: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per family in all three waves and wave: partner violence (category of §2.5.1 other than
    "geen", from both parents and, where present, the children's witness reports) and direct
    violence against a child (child-maltreatment category other than "geen" by a parent's or the
    child's own report), and the combination (``samenloop``: beide, alleen_partner, alleen_kind, geen)."""
    gezinnen = gezinnen_alle_metingen(tabellen)
    partner = scoring.partnergeweld_gezin(tabellen["cts2"], tabellen["ouders"])
    partner["meting"] = partner["meting"].astype(str)
    partner["partnergeweld"] = partner["categorie"] != "geen"
    kind = scoring.kindermishandeling_gezin(tabellen["ctspc_ouder"], tabellen["kinderen"])
    kind["meting"] = kind["meting"].astype(str)
    kind["kindgeweld"] = kind["categorie"] != "geen"
    gezin = pd.DataFrame([(g, m) for g in gezinnen for m in METINGEN], columns=["gezin_id", "meting"])
    gezin = gezin.merge(partner[["gezin_id", "meting", "partnergeweld"]], how="left").merge(
        kind[["gezin_id", "meting", "kindgeweld"]], how="left")
    if "ctspc_kind" in tabellen and len(tabellen["ctspc_kind"]):
        zelf = kind_zelf_incidenten(tabellen["ctspc_kind"]).merge(tabellen["kinderen"][["kind_id", "gezin_id"]], on="kind_id")
        zelf["kind_zelf"] = scoring.categorie_kindermishandeling(zelf["direct_mild"], zelf["direct_ernstig"]) != "geen"
        zelf["getuige_zelf"] = scoring.categorie_partnergeweld(zelf["getuige_mild"], zelf["getuige_ernstig"]) != "geen"
        per_gezin = zelf.groupby(["gezin_id", "meting"], as_index=False)[["kind_zelf", "getuige_zelf"]].any()
        gezin = gezin.merge(per_gezin, on=["gezin_id", "meting"], how="left")
    for kolom in ("partnergeweld", "kindgeweld", "kind_zelf", "getuige_zelf"):
        if kolom not in gezin.columns:
            gezin[kolom] = False
        gezin[kolom] = gezin[kolom].astype("boolean").fillna(False).astype(bool)
    gezin["partnergeweld"] |= gezin.pop("getuige_zelf")
    gezin["kindgeweld"] |= gezin.pop("kind_zelf")
    gezin["samenloop"] = [
        "beide" if p and k else "alleen_partner" if p else "alleen_kind" if k else "geen"
        for p, k in zip(gezin["partnergeweld"], gezin["kindgeweld"])
    ]
    return gezin


def samenloop_verdeling(gezin: pd.DataFrame) -> pd.DataFrame:
    tellingen = gezin.groupby(["meting", "samenloop"]).size().unstack(fill_value=0).reindex(index=METINGEN, columns=list(SAMENLOOP), fill_value=0)
    lang = tellingen.stack().rename("aantal").reset_index()
    lang["n"] = lang.groupby("meting")["aantal"].transform("sum")
    lang["aandeel"] = lang["aantal"] / lang["n"].where(lang["n"] > 0)
    return lang


def samenloop_toetsen(gezin: pd.DataFrame) -> dict[str, Toets]:
    return {c: rm_anova(gezin.assign(indicator=(gezin["samenloop"] == c).astype(float)), subject="gezin_id", within="meting",
                        dv="indicator") for c in SAMENLOOP}


def beveilig_samenloop(verdeling: pd.DataFrame) -> pd.DataFrame:
    """Figuur 4.7's distribution per wave under the small-cell rule (as :func:`beveilig_verdeling`)."""
    return beveilig_verdelingen(verdeling, per="meting")


def figuur_4_7(verdeling: pd.DataFrame, scope_naam: str) -> Figuur:
    n = int(verdeling.groupby("meting")["n"].first().max()) if len(verdeling) else 0
    fig = staafdiagram_categorieen(verdeling.rename(columns={"samenloop": "soort"}), x="meting", categorie="soort", waarde="aandeel",
                                   labels=SAMENLOOP, kleuren=SAMENLOOP_KLEUREN, y_label="Gezinnen")
    ax = fig.axes[0]
    with stijl():
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2, fontsize=8)
    delen = []
    for m in METINGEN:
        sub = verdeling[verdeling["meting"] == m]
        teksten = {c: _teksten(sub[sub["samenloop"] == c], "aandeel", pct).iloc[0] for c in SAMENLOOP if (sub["samenloop"] == c).any()}
        delen.append(f"{m}: " + ", ".join(f"{SAMENLOOP[c].lower()} {ONDERDRUKT_ALT if t == ONDERDRUKT else t}"
                                          for c, t in teksten.items()))
    alt = (f"Staafdiagram van het percentage gezinnen met zowel partnergeweld als direct geweld tegen kinderen, alleen "
           f"partnergeweld, alleen direct geweld tegen kinderen of geen geweld, op T0, T1 en T2 ({scope_naam}, {getal(n)} gezinnen). "
           + "; ".join(delen) + "." + alt_noot_onderdrukt(verdeling["aandeel"]))
    return Figuur(id="figuur-4.7", label="fig-samenloop",
                  titel=f"Samenloop van partnergeweld en direct geweld tegen kinderen in de gezinnen (N={getal(n)})",
                  alt=alt, data=verdeling, fig=fig)


def feiten_samenloop(verdeling: pd.DataFrame, toetsen: dict[str, Toets]) -> dict:
    uit = {}
    for c in SAMENLOOP:
        sub = verdeling[verdeling["samenloop"] == c].set_index("meting").reindex(METINGEN)
        feit = verloop_feit(sub["aandeel"].to_dict(), _teksten(sub, "aandeel", pct).to_dict(), toetsen[c])
        feit["label"] = SAMENLOOP[c].lower()
        uit[c] = feit
    return uit


# ==============================================================================================
# Tabel 4.6: childhood trauma (ACE) of the study's parents and the reference population
# ==============================================================================================
#: ACE rows of Tabel 4.6 by item number (the report's wording), then two summary rows.
ACE_LABELS: dict[int, str] = {
    1: "1. Psychische mishandeling", 2: "2. Fysieke mishandeling", 3: "3. Seksueel misbruik", 4: "4. Psychische verwaarlozing",
    5: "5. Fysieke verwaarlozing", 6: "6. Gescheiden ouders", 7: "7. Mishandeling van de moeder (getuige IPV)",
    8: "8. Probleemdrinker, alcoholist of drugsgebruiker in het huishouden", 9: "9. Depressief gezinslid (zelfmoordpoging)",
    10: "10. Gezinslid gedetineerd",
}
ACE_HUISELIJK_GEWELD: list[int] = [1, 2, 3, 4, 5]
GROEPEN: dict[str, str] = {"onderzoek": "Onderzoekspopulatie", "referentie": "Referentiepopulatie"}


def ace_antwoorden_per_ouder(ace: pd.DataFrame) -> pd.DataFrame:
    """Per parent with all ten ACE answers: 0/1 per item (``ace_1`` … ``ace_10``), ``huiselijk``
    (any of ACE 1–5) and ``vier_of_meer`` (sum at least the codebook's ``risico_ace_min``).
    Tabel 4.6 counts only complete lists, unlike the risk factor "4+ ACE's"
    (:func:`analysis.risicofactoren.ace_per_ouder`), which prorates a list with few missing answers."""
    items = load_codebook().items("ace")
    kolommen = list(items["kolom"])
    if "meting" in ace.columns:
        ace = ace[ace["meting"].astype(str) == "T0"]
    compleet = ace.dropna(subset=kolommen)
    uit = pd.DataFrame({"ouder_id": compleet["ouder_id"].to_numpy()})
    for nr, kolom in zip(items["nr"], kolommen):
        uit[f"ace_{nr}"] = (compleet[kolom].astype(float).to_numpy() == 1)
    uit["huiselijk"] = uit[[f"ace_{nr}" for nr in ACE_HUISELIJK_GEWELD]].any(axis=1)
    uit["vier_of_meer"] = uit[[f"ace_{nr}" for nr in items["nr"]]].sum(axis=1) >= load_codebook().regel("risico_ace_min")
    return uit


ACE_RIJEN: dict[str, str] = {**{f"ace_{nr}": label for nr, label in ACE_LABELS.items()},
                             "huiselijk": "Zelf huiselijk geweld meegemaakt (ACE's 1 t/m 5)", "vier_of_meer": "Vier of meer ACE's meegemaakt"}


def ace_groepen(tabellen: dict[str, pd.DataFrame], referentie_ace: pd.DataFrame | None = None) -> pd.DataFrame:
    """The study's parents (all three waves) and the reference group's parents, one row each, with
    ``groep``. ``referentie_ace``: the national reference group's answers (a region's tables, cut by
    ``beperk_tot_scope``, no longer hold them); default ``tabellen["referentie_ace"]``."""
    ouders = ouders_alle_metingen(tabellen)
    onderzoek = ace_antwoorden_per_ouder(tabellen["ace"])
    onderzoek = onderzoek[onderzoek["ouder_id"].isin(ouders["ouder_id"])].assign(groep="onderzoek")
    referentie = ace_antwoorden_per_ouder(tabellen["referentie_ace"] if referentie_ace is None else referentie_ace)
    referentie = referentie.assign(groep="referentie")
    return pd.concat([onderzoek, referentie], ignore_index=True)


def ace_cellen(groepen: pd.DataFrame) -> pd.DataFrame:
    rijen = []
    for rij in ACE_RIJEN:
        for groep in GROEPEN:
            sub = groepen[groepen["groep"] == groep]
            rijen.append({"rij": rij, "groep": groep, "n": len(sub), "aantal": int(sub[rij].sum()),
                          "aandeel": sub[rij].mean() if len(sub) else float("nan")})
    return pd.DataFrame(rijen)


def ace_toetsen(groepen: pd.DataFrame) -> dict[str, Toets]:
    """χ² (φ) of study vs reference parents per ACE row."""
    return {rij: chi2_phi(groepen.assign(ja=groepen[rij].astype(int)), x="groep", y="ja") for rij in ACE_RIJEN}


def beveilig_ace(cellen: pd.DataFrame) -> pd.DataFrame:
    """Small-cell rule for the region's own parents; the (national) reference group is not a region's cell."""
    cellen = cellen.copy()
    cellen["toonbaar"] = [g == "referentie" or aandeel_toonbaar(int(a), int(n)) for g, a, n in zip(cellen["groep"], cellen["aantal"], cellen["n"])]
    cellen["aandeel"] = cellen["aandeel"].where(cellen["toonbaar"])
    cellen["aantal"] = cellen["aantal"].where(cellen["toonbaar"])
    return cellen


def tabel_4_6(cellen: pd.DataFrame, toetsen: dict[str, Toets]) -> Tabel:
    n = cellen.groupby("groep")["n"].first()
    kolommen = [""] + [f"{GROEPEN[g]} (N={getal(int(n.get(g, 0)))})" for g in GROEPEN]
    rijen = []
    for rij, label in ACE_RIJEN.items():
        sub = cellen[cellen["rij"] == rij].set_index("groep")
        rijen.append([label + significantie_teken(toetsen[rij])] + [_tekst_van(sub, g, "aandeel", lambda v: pct(v, 1)) for g in GROEPEN])
    toets_rijen = pd.DataFrame([{"rij": r, **{f"toets_{k}": v for k, v in t.as_dict().items()}} for r, t in toetsen.items()])
    return Tabel(
        id="tabel-4.6", label="tbl-jeugdtrauma",
        titel="Het percentage ouders uit de onderzoekspopulatie en referentiepopulatie die te maken hebben gehad met jeugdtrauma's",
        weergave=pd.DataFrame(rijen, columns=kolommen), data=cellen.merge(toets_rijen, on="rij", how="left"),
        noot="Percentage ouders dat het jeugdtrauma (ACE) in de eerste achttien levensjaren meemaakte; ouders die alle tien "
        "vragen beantwoordden. Verschil tussen onderzoeks- en referentiepopulatie (χ²-toets): \\* p < .05; \\*\\* p < .01."
        + (f" {ONDERDRUKT_UITLEG}" if _iets_verborgen(cellen) else ""),
    )


def feiten_ace(cellen: pd.DataFrame, toetsen: dict[str, Toets]) -> dict:
    n = cellen.groupby("groep")["n"].first()
    uit: dict = {"n": {g: getal(int(n.get(g, 0))) for g in GROEPEN}}
    for rij, label in ACE_RIJEN.items():
        sub = cellen[cellen["rij"] == rij].set_index("groep")
        o, r = sub["aandeel"].get("onderzoek"), sub["aandeel"].get("referentie")
        uit[rij] = {"label": label.split(". ", 1)[-1].lower(), "onderzoek": _tekst_van(sub, "onderzoek", "aandeel", pct),
                    "referentie": _tekst_van(sub, "referentie", "aandeel", pct), "toets": toets_feit(toetsen[rij]),
                    "hoger": bool(pd.notna(o) and pd.notna(r) and o > r),
                    "factor": getal(o / r, 1) if pd.notna(o) and pd.notna(r) and r > 0 else LEEG}
    items = [f"ace_{nr}" for nr in ACE_LABELS]
    uit["alle_hoger_betekenisvol"] = all(uit[i]["toets"]["betekenisvol"] and uit[i]["hoger"] for i in items)
    uit["niet_betekenisvol"] = [i for i in items if not (uit[i]["toets"]["betekenisvol"] and uit[i]["hoger"])]
    return uit
