"""Chapter 4 — decline of partner violence and child maltreatment: Figuur 4.1–4.4 and Tabel 4.1.

Pure functions from the snapshot's tables to the chapter's items and facts; the notebook
``notebooks/04_geweld.ipynb`` only calls them and writes what they return.
"""

from __future__ import annotations

import pandas as pd

from analysis import scoring
from analysis.codebook import load_codebook
from analysis.disclosure import ONDERDRUKT, ONDERDRUKT_UITLEG, aandeel_toonbaar, basis_toonbaar, toonbare_verdeling
from analysis.feiten import toets_feit, verloop_feit
from analysis.figures import PALET, Figuur, staafdiagram_categorieen, stijl
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
            f"{scoring.CATEGORIE_LABELS[c].lower()} {ONDERDRUKT if pd.isna(rij.get(c)) else pct(rij[c])}" for c in scoring.CATEGORIEEN
        )
        delen.append(f"{m}: {waarden}")
    alt = (
        f"Staafdiagram van het percentage gezinnen per {onderwerp} op T0, T1 en T2 "
        f"({scope_naam}, {getal(n_gezinnen)} gezinnen). " + "; ".join(delen) + "."
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
                f"{VORM_LABELS[v].lower()} {ONDERDRUKT if pd.isna(rij.get(v)) else pct(rij[v])}" for v in scoring.PARTNERGEWELD_VORMEN
            )
            delen.append(f"{GESLACHT_MEERVOUD[g]} {m}: {waarden}")
    alt = (
        f"Staafdiagram van het percentage mannen en vrouwen dat zegt {spec['rol']} te zijn, per vorm van geweld "
        f"op T0, T1 en T2 ({scope_naam}; {getal(n_per_geslacht.get('man', 0))} mannen, "
        f"{getal(n_per_geslacht.get('vrouw', 0))} vrouwen). " + "; ".join(delen) + "."
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
