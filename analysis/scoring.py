"""Scoring: raw CTS2/CTSPC answers → incidents per year → the report's violence categories.

Every rule is a named constant read from the codebook (``regels`` in ``codebook.yaml``) or a
small function whose docstring cites the report section it implements. Nothing here reads
published values.

Long formats used throughout:

* incident frames: one row per (respondent, meting, item column) with ``incidenten``;
* family frames: one row per (gezin_id, meting) with ``mild``, ``ernstig``, ``totaal``
  (incidents per year) and ``categorie`` ("geen" | "mild" | "ernstig").
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.codebook import load_codebook

_CB = load_codebook()

#: Answer category (1–8) → incidents per year (CTS2 manual convention; codebook rule).
CTS_INCIDENTEN_PER_JAAR: dict[int, int] = {int(k): v for k, v in _CB.regel("cts_incidenten_per_jaar").items()}
#: Partner violence "geen geweld": at most this many mild incidents a year and no severe one (§2.5.1).
PARTNERGEWELD_GEEN_MAX_MILD: int = _CB.regel("partnergeweld_geen_max_mild")
#: Partner violence "mild geweld": at most this many incidents a year and no severe one (§2.5.1).
PARTNERGEWELD_MILD_MAX: int = _CB.regel("partnergeweld_mild_max")
#: Child maltreatment "geen geweld": at most this many incidents a year, i.e. none (§2.5.1).
KINDERMISHANDELING_GEEN_MAX: int = _CB.regel("kindermishandeling_geen_max")
#: Child maltreatment "mild geweld": at most this many mild incidents a year, no severe one (§2.5.1).
KINDERMISHANDELING_MILD_MAX: int = _CB.regel("kindermishandeling_mild_max")

#: "Geweld gestopt" (chapter 8's groups "geen geweld" / "wel geweld") is judged at this wave (§8.2).
GEWELD_GESTOPT_METING: str = _CB.regel("geweld_gestopt_meting")
#: Structural violence: on average more than this many incidents a month (hfst. 1, r. 1165-1167).
STRUCTUREEL_GEWELD_PER_MAAND_MEER_DAN: float = float(_CB.regel("structureel_geweld_per_maand_meer_dan"))

#: Category codes in their order of severity (codebook ``geweld_categorieen``).
CATEGORIEEN: list[str] = [c["code"] for c in _CB.geweld_categorieen]
CATEGORIE_LABELS: dict[str, str] = {c["code"]: c["label"] for c in _CB.geweld_categorieen}

#: CTS2 subscales that are violence (negotiation is not), in the order of Tabel 4.1.
PARTNERGEWELD_VORMEN: list[str] = ["psychisch", "fysiek", "verwonding", "seksueel"]
#: CTSPC subscales that count as child maltreatment (non-violent discipline does not).
KINDERMISHANDELING_VORMEN: list[str] = ["psychisch", "fysiek", "verwaarlozing"]


def incidenten_per_jaar(antwoorden: pd.Series) -> pd.Series:
    """Map 1–8 answers to incidents per year (missing answer → 0 incidents, documented choice)."""
    return antwoorden.map(CTS_INCIDENTEN_PER_JAAR).fillna(0).astype(float)


def _melt_items(frame: pd.DataFrame, id_vars: list[str], instrument: str, subschalen: list[str]) -> pd.DataFrame:
    """Answers in long format with incidents and the item's metadata, violence items only."""
    items = _CB.items(instrument)
    items = items[items["subschaal"].isin(subschalen)]
    long = frame.melt(id_vars=id_vars, value_vars=list(items["kolom"]), var_name="kolom", value_name="antwoord")
    long["incidenten"] = incidenten_per_jaar(long["antwoord"])
    return long.merge(items[["kolom", "nr", "perspectief", "subschaal", "ernst"]], on="kolom", how="left")


def categorie_partnergeweld(mild: pd.Series, ernstig: pd.Series) -> pd.Series:
    """Partner violence category of §2.5.1 from yearly mild and severe incidents.

    "geen": fewer than four mild incidents and no severe one; "mild": at most 21 incidents and
    no severe one; "ernstig" (veelvuldig of ernstig geweld): 22 or more, or any severe incident.
    """
    totaal = mild + ernstig
    return pd.Series(
        np.select(
            [(ernstig == 0) & (mild <= PARTNERGEWELD_GEEN_MAX_MILD), (ernstig == 0) & (totaal <= PARTNERGEWELD_MILD_MAX)],
            ["geen", "mild"],
            default="ernstig",
        ),
        index=mild.index,
    )


def categorie_kindermishandeling(mild: pd.Series, ernstig: pd.Series) -> pd.Series:
    """Child maltreatment category of §2.5.1: "geen" = 0 incidents; "mild" = at most two mild
    incidents and no severe one; otherwise "ernstig" (veelvuldig of ernstig geweld)."""
    totaal = mild + ernstig
    return pd.Series(
        np.select(
            [totaal <= KINDERMISHANDELING_GEEN_MAX, (ernstig == 0) & (mild <= KINDERMISHANDELING_MILD_MAX)],
            ["geen", "mild"],
            default="ernstig",
        ),
        index=mild.index,
    )


def ergste_categorie(*categorieen: pd.Series) -> pd.Series:
    """The most severe of several category columns (missing columns are ignored)."""
    rang = pd.concat([c.map({code: i for i, code in enumerate(CATEGORIEEN)}) for c in categorieen], axis=1).max(axis=1)
    return rang.map(lambda r: CATEGORIEEN[int(r)] if pd.notna(r) else None)


def _per_ernst(long: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    wide = long.pivot_table(index=keys, columns="ernst", values="incidenten", aggfunc="sum", fill_value=0.0)
    wide = wide.reindex(columns=["mild", "ernstig"], fill_value=0.0)
    wide.columns.name = None
    wide["totaal"] = wide["mild"] + wide["ernstig"]
    return wide.reset_index()


def partnergeweld_incidenten(cts2: pd.DataFrame, ouders: pd.DataFrame) -> pd.DataFrame:
    """Partner-violence incidents per family, wave and act, reports of both parents combined.

    A parent's ``dader`` answer and the partner's ``slachtoffer`` answer describe the same act,
    so acts are keyed by the perpetrator's sex; per act the highest report counts (codebook rule
    ``gezin_combinatie``, multi-actor perspective of §3.4). Returns one row per
    (gezin_id, meting, nr, dader_geslacht) with subschaal, ernst and incidenten.
    """
    long = _melt_items(cts2, ["ouder_id", "meting"], "cts2", PARTNERGEWELD_VORMEN)
    long = long.merge(ouders[["ouder_id", "gezin_id", "geslacht"]], on="ouder_id", how="left")
    ander = long["geslacht"].map({"vrouw": "man", "man": "vrouw"})
    long["dader_geslacht"] = np.where(long["perspectief"] == "dader", long["geslacht"], ander)
    keys = ["gezin_id", "meting", "nr", "dader_geslacht", "subschaal", "ernst"]
    return long.groupby(keys, as_index=False)["incidenten"].max()


def partnergeweld_gezin(cts2: pd.DataFrame, ouders: pd.DataFrame) -> pd.DataFrame:
    """Yearly partner-violence incidents and category per family and wave (§2.5.1, §4.3.1)."""
    gezin = _per_ernst(partnergeweld_incidenten(cts2, ouders), ["gezin_id", "meting"])
    gezin["categorie"] = categorie_partnergeweld(gezin["mild"], gezin["ernstig"])
    return gezin


def kindermishandeling_kind(ctspc_ouder: pd.DataFrame) -> pd.DataFrame:
    """Yearly child-maltreatment incidents and category per child and wave (§2.5.1).

    Per item the highest report of the parents counts (codebook rule ``gezin_combinatie``).
    """
    long = _melt_items(ctspc_ouder, ["ouder_id", "kind_id", "meting"], "ctspc_ouder", KINDERMISHANDELING_VORMEN)
    per_item = long.groupby(["kind_id", "meting", "nr", "ernst"], as_index=False)["incidenten"].max()
    kind = _per_ernst(per_item, ["kind_id", "meting"])
    kind["categorie"] = categorie_kindermishandeling(kind["mild"], kind["ernstig"])
    return kind


def kindermishandeling_gezin(ctspc_ouder: pd.DataFrame, kinderen: pd.DataFrame) -> pd.DataFrame:
    """Child maltreatment per family and wave: the most severe category among the family's
    children, and the incidents of the child with the most incidents (codebook ``gezin_combinatie``)."""
    kind = kindermishandeling_kind(ctspc_ouder).merge(kinderen[["kind_id", "gezin_id"]], on="kind_id")
    kind["rang"] = kind["categorie"].map(CATEGORIEEN.index)
    gezin = kind.groupby(["gezin_id", "meting"], as_index=False).agg(
        mild=("mild", "max"), ernstig=("ernstig", "max"), totaal=("totaal", "max"), rang=("rang", "max")
    )
    gezin["categorie"] = gezin.pop("rang").map(lambda r: CATEGORIEEN[r])
    return gezin


def totaal_geweld_gezin(partner: pd.DataFrame, kind: pd.DataFrame) -> pd.DataFrame:
    """Total family violence (Figuur 4.1): incidents of partner violence plus child
    maltreatment, and the more severe of the two categories (§4.2)."""
    both = partner.merge(kind, on=["gezin_id", "meting"], how="outer", suffixes=("_partner", "_kind"))
    for col in ("totaal_partner", "totaal_kind"):
        both[col] = both[col].fillna(0.0)
    both["totaal"] = both["totaal_partner"] + both["totaal_kind"]
    both["categorie"] = ergste_categorie(both["categorie_partner"], both["categorie_kind"])
    return both[["gezin_id", "meting", "totaal_partner", "totaal_kind", "totaal", "categorie_partner", "categorie_kind", "categorie"]]


def partnergeweld_vormen_ouder(cts2: pd.DataFrame) -> pd.DataFrame:
    """Yearly incidents per parent, wave, perspective (dader/slachtoffer) and form of partner
    violence (psychisch, fysiek, verwonding, seksueel) — the parent's own report (Tabel 4.1)."""
    long = _melt_items(cts2, ["ouder_id", "meting"], "cts2", PARTNERGEWELD_VORMEN)
    wide = long.pivot_table(
        index=["ouder_id", "meting", "perspectief"], columns="subschaal", values="incidenten", aggfunc="sum", fill_value=0.0
    )
    wide = wide.reindex(columns=PARTNERGEWELD_VORMEN, fill_value=0.0)
    wide.columns.name = None
    return wide.reset_index()


def partnergeweld_ouder(cts2: pd.DataFrame, *, per_perspectief: bool = True) -> pd.DataFrame:
    """Severity of partner violence per parent and wave — the parent's own CTS2 report (§2.5.1).

    Yearly incidents of the four violence subscales (negotiation excluded; missing answers count
    as 0) split by the items' severity: ``mild``, ``ernstig`` and ``totaal``.

    * ``per_perspectief=True`` (Tabel 4.2, Figuur 4.5/4.6, Tabel 4.3): one row per (ouder_id,
      meting, perspectief) — victim and perpetrator separately.
    * ``per_perspectief=False`` (Figuur 7.1/7.2): one row per (ouder_id, meting), the parent's
      victim and perpetrator incidents added, with the partner-violence ``categorie`` of §2.5.1
      (:func:`categorie_partnergeweld`).
    """
    long = _melt_items(cts2, ["ouder_id", "meting"], "cts2", PARTNERGEWELD_VORMEN)
    long["meting"] = long["meting"].astype(str)
    if per_perspectief:
        return _per_ernst(long, ["ouder_id", "meting", "perspectief"])
    ouder = _per_ernst(long, ["ouder_id", "meting"])
    ouder["categorie"] = categorie_partnergeweld(ouder["mild"], ouder["ernstig"])
    return ouder


def ooit_in_metingen(per_meting: pd.DataFrame, keys: list[str], waarden: list[str]) -> pd.DataFrame:
    """Whether each value was > 0 in at least one wave ("absoluut totaal" over T0–T2, §4.3.1)."""
    return (per_meting.groupby(keys)[waarden].max() > 0).reset_index()


def geweld_gestopt(totaal: pd.DataFrame) -> pd.Series:
    """"Geweld gestopt" per family (§8.2, r. 5763-5766; §8.5, r. 6093-6096; rule
    ``geweld_gestopt_meting``): at T2 no child maltreatment and hardly any partner violence, i.e.
    the family's total-violence category (:func:`totaal_geweld_gezin`, parents' and children's
    reports combined) is "geen" — "geen geweld" for partner violence (fewer than four mild, no
    severe incident) and for child maltreatment (0 incidents). Families without violence data at
    T2 are left out (545 of 576 in the report). Returns a bool Series indexed by ``gezin_id``:
    True = group "geen geweld", False = group "wel geweld"."""
    t2 = totaal[(totaal["meting"] == GEWELD_GESTOPT_METING) & totaal["categorie"].notna()]
    return pd.Series((t2["categorie"] == CATEGORIEEN[0]).to_numpy(), index=pd.Index(t2["gezin_id"], name="gezin_id"),
                     name="geweld_gestopt")


def structureel_geweld(incidenten_per_jaar: pd.Series) -> pd.Series:
    """Structural violence (hfst. 1, r. 1165-1167, Van Eijkeren e.a. 2018; §4.3.2): on average more
    than 2,5 incidents a month (rule ``structureel_geweld_per_maand_meer_dan``), i.e. more than
    30 incidents a year. Missing counts are not structural (False), like missing answers count as
    0 incidents."""
    return (incidenten_per_jaar.astype(float) / 12 > STRUCTUREEL_GEWELD_PER_MAAND_MEER_DAN).fillna(False).astype(bool)
