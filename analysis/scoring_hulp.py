"""Scoring of help received (IPS/ISS), its usefulness and importance, and personality (QBF, HiPIC).

Small pure functions over the snapshot's DataFrames (codebook dtypes: ids as ``str``, answers as
nullable ``Int64``). Every constant comes from the codebook (``codeboek/hulp.yaml``, section
``regels``); each function names the report section it implements.

* help per provider type and wave: :func:`ontvangen_per_meting`;
* help "gedurende anderhalf jaar" (received at any wave; known if any answer was given):
  :func:`ontvangen_periode`; per child over the parents' and the child's own reports:
  :func:`ontvangen_kind`;
* the categories of Tabel 7.1-7.5 (rows, formeel, informeel, gespecialiseerd, geen hulp):
  :func:`hulpcategorieen`;
* usefulness, importance and satisfaction = nut x belang (§7.6): :func:`oordelen`,
  :func:`oordelen_per_kind`, :func:`oordeel_totaal`, :func:`oordeel_samenvatting`,
  :func:`belangrijk_niet_geholpen`;
* personality: :func:`qbf_scores`, :func:`hipic_scores`.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from analysis.codebook import Codebook, load_codebook

__all__ = [
    "INFORMEEL",
    "FORMEEL_TOTAAL",
    "belangrijk_niet_geholpen",
    "hipic_scores",
    "hulpcategorieen",
    "oordeel_samenvatting",
    "oordeel_totaal",
    "oordelen",
    "oordelen_per_kind",
    "ontvangen_kind",
    "ontvangen_per_meting",
    "ontvangen_periode",
    "qbf_scores",
    "tevredenheid",
]

#: Rating categories of the nut/belang questions that are not a single IPS provider type:
#: informal help (any ISS source) and the youth's own question about all formal help together.
INFORMEEL = "informeel"
FORMEEL_TOTAAL = "formeel_totaal"


def _cb(cb: Codebook | None) -> Codebook:
    return cb or load_codebook()


def _sleutel(df: pd.DataFrame) -> list[str]:
    return [k for k in ("ouder_id", "kind_id") if k in df.columns]


# ---------------------------------------------------------------------------------------
# Help received (IPS, ISS)
# ---------------------------------------------------------------------------------------
def ontvangen_per_meting(df: pd.DataFrame, instrument: str, cb: Codebook | None = None) -> pd.DataFrame:
    """Help per provider type (IPS) or informal source (ISS) per respondent and wave (§2.5.4).

    Returns the key columns, ``meting`` and one nullable boolean column per item, named by its
    subschaal (the code of the rule ``hulpsoorten`` or ``hulp_informeel_bronnen``): True = "ja",
    False = "nee", <NA> = not answered.
    """
    cb = _cb(cb)
    items = cb.items(instrument)
    uit = df[[*_sleutel(df), "meting"]].copy()
    for kolom, soort in zip(items["kolom"], items["subschaal"]):
        uit[soort] = df[kolom].astype("Int64").eq(1).astype("boolean").where(df[kolom].notna())
    return uit.reset_index(drop=True)


def ontvangen_periode(per_meting: pd.DataFrame, cb: Codebook | None = None) -> pd.DataFrame:
    """Help received during the study's year and a half, per respondent (rule
    ``hulp_ontvangen_periode``, §7.2): a type counts as received if it was answered "ja" at any
    wave; ``bekend`` is True when at least one answer (ja or nee) was given at any wave.

    ``per_meting`` is the output of :func:`ontvangen_per_meting` (or several of them
    concatenated). One row per respondent (key columns without ``meting``).
    """
    regel = _cb(cb).regel("hulp_ontvangen_periode")
    if regel != "ooit":
        raise ValueError(f"Onbekende regel hulp_ontvangen_periode: {regel!r}")
    sleutel = _sleutel(per_meting)
    soorten = [k for k in per_meting.columns if k not in (*sleutel, "meting")]
    waarden = per_meting[soorten]
    hulp = pd.DataFrame({s: waarden[s].fillna(False).astype(bool) for s in soorten})
    hulp[sleutel] = per_meting[sleutel]
    beantwoord = waarden.notna().any(axis=1).rename("bekend")
    uit = hulp.groupby(sleutel, sort=True)[soorten].any()
    uit["bekend"] = beantwoord.groupby([per_meting[k] for k in sleutel]).any()
    return uit.reset_index()


def ontvangen_kind(ips_ouder_kind: pd.DataFrame, iss_ouder_kind: pd.DataFrame, ips_kind: pd.DataFrame,
                   iss_kind: pd.DataFrame, cb: Codebook | None = None) -> pd.DataFrame:
    """Help received by each child over the study (rule ``hulp_kind_combinatie``, §7.3): a type
    counts when any parent or the child itself (8-18) reports it at any wave.

    Returns one row per ``kind_id`` with one boolean column per IPS type and ISS source,
    ``bekend`` (any answer from anyone).
    """
    cb = _cb(cb)
    if cb.regel("hulp_kind_combinatie") != "ouders_of_kind":
        raise ValueError("Onbekende regel hulp_kind_combinatie")
    delen = []
    for df, instrument in ((ips_ouder_kind, "ips_ouder_kind"), (ips_kind, "ips_kind"),
                           (iss_ouder_kind, "iss_ouder_kind"), (iss_kind, "iss_kind")):
        per = ontvangen_per_meting(df, instrument, cb).drop(columns=["ouder_id"], errors="ignore")
        delen.append(ontvangen_periode(per, cb).set_index("kind_id"))
    soorten = list(dict.fromkeys(k for d in delen for k in d.columns if k != "bekend"))
    kinderen = sorted(set().union(*(d.index for d in delen)))
    uit = pd.DataFrame(False, index=pd.Index(kinderen, name="kind_id"), columns=soorten)
    bekend = pd.Series(False, index=uit.index)
    for d in delen:
        d = d.reindex(uit.index)
        for s in soorten:
            if s in d.columns:
                uit[s] |= d[s].fillna(False).astype(bool)
        bekend |= d["bekend"].fillna(False).astype(bool)
    uit["bekend"] = bekend
    return uit.reset_index()


def hulpcategorieen(ontvangen: pd.DataFrame, cb: Codebook | None = None) -> pd.DataFrame:
    """The help categories of Tabel 7.1-7.5 per respondent (§7.2, §7.3).

    ``ontvangen`` has one boolean column per IPS type and ISS source (from
    :func:`ontvangen_periode` of IPS and ISS merged, or :func:`ontvangen_kind`). Returns the
    key columns, ``bekend`` and: one column per row of the rule ``hulp_rijen`` (e.g. ``hulp_km_hg``
    = Veilig Thuis or other domestic-violence help), ``formeel`` (any type of ``hulp_formeel``),
    ``informeel`` (any source of ``hulp_informeel_bronnen``), ``gespecialiseerd``
    (``hulp_gespecialiseerd_huiselijk_geweld``), ``eerste_lijn``, ``tweede_lijn`` (parents),
    ``specialistisch_kind`` and ``formeel_overig_kind`` (children), ``geen_formeel`` and
    ``geen_hulp`` (neither formal nor informal help). Types a table lacks count as not received.
    """
    cb = _cb(cb)

    def enige(codes: Iterable[str]) -> pd.Series:
        kolommen = [c for c in codes if c in ontvangen.columns]
        if not kolommen:
            return pd.Series(False, index=ontvangen.index)
        return ontvangen[kolommen].fillna(False).astype(bool).any(axis=1)

    uit = ontvangen[[*_sleutel(ontvangen), *(["bekend"] if "bekend" in ontvangen.columns else [])]].copy()
    for rij, codes in cb.regel("hulp_rijen").items():
        uit[rij] = enige(codes)
    uit["formeel"] = enige(cb.regel("hulp_formeel"))
    uit["informeel"] = enige(cb.regel("hulp_informeel_bronnen"))
    uit["gespecialiseerd"] = enige(cb.regel("hulp_gespecialiseerd_huiselijk_geweld"))
    uit["eerste_lijn"] = enige(cb.regel("hulp_eerste_lijn"))
    uit["tweede_lijn"] = enige(cb.regel("hulp_tweede_lijn_ouders"))
    uit["specialistisch_kind"] = enige(cb.regel("hulp_specialistisch_kinderen"))
    uit["formeel_overig_kind"] = enige(cb.regel("hulp_formeel_overig_kinderen"))
    uit["geen_formeel"] = ~uit["formeel"]
    uit["geen_hulp"] = ~uit["formeel"] & ~uit["informeel"]
    return uit


# ---------------------------------------------------------------------------------------
# Usefulness, importance, satisfaction (§7.6)
# ---------------------------------------------------------------------------------------
def tevredenheid(nut: pd.Series | np.ndarray, belang: pd.Series | np.ndarray) -> pd.Series:
    """Satisfaction = usefulness x importance (rule ``hulp_tevredenheid``, §7.6, r. 5308-5320):
    1 = very satisfied (very important, helped very well) … 25 = very dissatisfied."""
    return pd.Series(nut, dtype="Float64") * pd.Series(belang, dtype="Float64").to_numpy()


def oordelen(belang: pd.DataFrame, nut: pd.DataFrame, instrument_belang: str, instrument_nut: str,
             cb: Codebook | None = None) -> pd.DataFrame:
    """Long frame of the ratings (§7.6): key columns, ``soort`` (rating category), ``belang``,
    ``nut`` and ``tevredenheid`` (only where both are answered). Only the wave of the rule
    ``hulp_oordeel_meting`` is used; a category without any answer is left out."""
    cb = _cb(cb)
    meting = cb.regel("hulp_oordeel_meting")
    delen = []
    for df, instrument, naam in ((belang, instrument_belang, "belang"), (nut, instrument_nut, "nut")):
        df = df[df["meting"] == meting]
        items = cb.items(instrument)
        lang = df.melt(id_vars=_sleutel(df), value_vars=list(items["kolom"]), var_name="kolom", value_name=naam)
        lang["soort"] = lang["kolom"].map(dict(zip(items["kolom"], items["subschaal"])))
        delen.append(lang.drop(columns="kolom"))
    sleutel = [*_sleutel(belang), "soort"]
    uit = delen[0].merge(delen[1], on=sleutel, how="outer")
    uit["belang"] = uit["belang"].astype("Float64")
    uit["nut"] = uit["nut"].astype("Float64")
    uit = uit[uit["belang"].notna() | uit["nut"].notna()].copy()
    uit["tevredenheid"] = tevredenheid(uit["nut"], uit["belang"]).to_numpy()
    return uit.sort_values(sleutel).reset_index(drop=True)


def oordelen_per_kind(oordelen_ouders: pd.DataFrame, cb: Codebook | None = None) -> pd.DataFrame:
    """Parents' ratings of the help to a child, one per child and category (rule
    ``hulp_oordeel_kind_ouders``, §7.6): the mean of the parents' ratings; satisfaction is the
    mean of their products."""
    if _cb(cb).regel("hulp_oordeel_kind_ouders") != "gemiddelde":
        raise ValueError("Onbekende regel hulp_oordeel_kind_ouders")
    return (oordelen_ouders.groupby(["kind_id", "soort"], as_index=False)[["belang", "nut", "tevredenheid"]]
            .mean())


def oordeel_totaal(oordelen_: pd.DataFrame, soorten: Iterable[str], naam: str,
                   cb: Codebook | None = None) -> pd.DataFrame:
    """The rows 'Formele hulp totaal' and 'Alle hulp samen' (Tabel 7.9-7.14; rule
    ``hulp_oordeel_totaal``): per respondent the mean rating over the categories in ``soorten``
    that he or she rated, returned as rows with ``soort`` = ``naam``. Formal total: the formal
    categories; all help: ``[INFORMEEL, FORMEEL_TOTAAL]`` after the formal-total rows are added."""
    if _cb(cb).regel("hulp_oordeel_totaal") != "gemiddelde":
        raise ValueError("Onbekende regel hulp_oordeel_totaal")
    sleutel = [k for k in ("ouder_id", "kind_id") if k in oordelen_.columns]
    kies = oordelen_[oordelen_["soort"].isin(list(soorten))]
    uit = kies.groupby(sleutel, as_index=False)[["belang", "nut", "tevredenheid"]].mean()
    uit["soort"] = naam
    return uit[[*sleutel, "soort", "belang", "nut", "tevredenheid"]]


def oordeel_samenvatting(waarden: pd.Series, maat: str, cb: Codebook | None = None) -> dict[str, float]:
    """Mean, share positive and share negative of ratings (Tabel 7.6-7.14 columns), over the
    non-missing values: for ``belang``/``nut`` positive = at most ``hulp_belangrijk_max``
    ("(heel) belangrijk", "(heel) goed geholpen"), negative = at least ``hulp_onbelangrijk_min``;
    for ``tevredenheid`` the rules ``hulp_tevreden_max`` and ``hulp_ontevreden_min``.
    Shares are fractions (0-1); ``n`` is the number of values."""
    cb = _cb(cb)
    if maat in ("belang", "nut"):
        laag, hoog = cb.regel("hulp_belangrijk_max"), cb.regel("hulp_onbelangrijk_min")
    elif maat == "tevredenheid":
        laag, hoog = cb.regel("hulp_tevreden_max"), cb.regel("hulp_ontevreden_min")
    else:
        raise ValueError(f"Onbekende maat {maat!r}")
    w = pd.Series(waarden, dtype="Float64").dropna().astype(float)
    if w.empty:
        return {"n": 0, "gemiddelde": np.nan, "positief": np.nan, "negatief": np.nan}
    return {"n": int(len(w)), "gemiddelde": float(w.mean()), "positief": float((w <= laag).mean()),
            "negatief": float((w >= hoog).mean())}


def belangrijk_niet_geholpen(oordelen_: pd.DataFrame, cb: Codebook | None = None) -> pd.Series:
    """Whether help was (very) important but did not help (rule ``hulp_belangrijk_niet_geholpen``,
    §7.6, r. 5466-5469), per rating row; False where either answer is missing."""
    regel = _cb(cb).regel("hulp_belangrijk_niet_geholpen")
    uit = (oordelen_["belang"] <= regel["belang_max"]) & (oordelen_["nut"] >= regel["nut_min"])
    return uit.fillna(False).astype(bool)


# ---------------------------------------------------------------------------------------
# Personality
# ---------------------------------------------------------------------------------------
def qbf_scores(df: pd.DataFrame, cb: Codebook | None = None) -> pd.DataFrame:
    """Quick Big Five scale scores (rule ``qbf_score``, §2.5.2): per trait the mean of its items
    (1-7) over the answered items; NaN when none is answered."""
    cb = _cb(cb)
    if cb.regel("qbf_score") != "gemiddelde":
        raise ValueError("Onbekende regel qbf_score")
    items = cb.items("qbf")
    uit = df[[*_sleutel(df), "meting"]].copy()
    for trek, groep in items.groupby("subschaal", sort=False):
        uit[trek] = df[list(groep["kolom"])].astype("Float64").mean(axis=1, skipna=True)
    return uit.reset_index(drop=True)


def hipic_scores(df: pd.DataFrame, cb: Codebook | None = None) -> pd.DataFrame:
    """HiPIC facet and domain scores (rules ``hipic_domeinen``, ``hipic_omgepoold``, §2.5.3):
    facet = mean of its items (1-5); domain = mean of the items of its facets with the items of
    reversed facets counted as 6 - answer. Columns: the facets, then the domains."""
    cb = _cb(cb)
    items = cb.items("hipic")
    laag, hoog = 1, 5
    omgepoold = set(cb.regel("hipic_omgepoold"))
    uit = df[[*_sleutel(df), "meting"]].copy()
    per_facet = {f: list(g["kolom"]) for f, g in items.groupby("subschaal", sort=False)}
    for facet, kolommen in per_facet.items():
        uit[facet] = df[kolommen].astype("Float64").mean(axis=1, skipna=True)
    for domein, facetten in cb.regel("hipic_domeinen").items():
        delen = []
        for facet in facetten:
            waarden = df[per_facet[facet]].astype("Float64")
            delen.append((laag + hoog) - waarden if facet in omgepoold else waarden)
        uit[domein] = pd.concat(delen, axis=1).mean(axis=1, skipna=True)
    return uit.reset_index(drop=True)
