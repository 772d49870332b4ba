"""Synthetic generator, domain: the reference group of report section 2.6.

Called by :func:`analysis.synthetic.generate` with its own random stream and the shared
``wereld`` (design, latent violence, background; see there). Parameters: ``referentiegroep`` in
``synthetic_parameters_referentie.yaml``; tables: ``codeboek/referentiegroep.yaml``.

The reference group is a sample of the general Dutch population (2012), measured once, with far
less violence, trauma and stress than the study group. It shares nothing with the study's
families, so ``wereld`` only supplies the answer classes of the 1-8 frequency scale. The model:

* design: ``huishoudens`` households, ``ouders`` parents (so ``ouders - huishoudens`` households
  with both parents, mother first), 1-3 children of 3-18 per household; ``kinderen_zelfrapportage``
  children of 8-18 fill in their own questionnaires; ``ace`` parents answered the ACE (Tabel 4.6);
* violence: per household a latent intensity (gamma, mean 1, very unequal); per form and actor
  whether it occurs (linked to the household's rank); per act a Poisson count; every parent reports
  own acts (dader) and the partner's (slachtoffer), thinned by ``meldkans``; the CTSPC likewise per
  child, its level partly the household's;
* wellbeing: per parent a vulnerability, the household's standardised violence and an ACE latent
  drive the ACE answers (intercepts solved so that each item's expected share is its ``kansen``),
  the NOSI-K and the TSI (a trauma latent with a factor per scale), with the study's helpers;
* children: per child a latent from the household's partner violence and the child's own
  maltreatment drives TSCYC and SIMS-PR (each parent about each child of 3-12, with the parent's
  own noise) and TSCC, SIS and the Security Scale about father and mother (the self-reporting
  children of 8-18; mothers a little higher).

Each part draws from its own sub-stream, so tuning one leaves the others' answers unchanged.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from analysis.codebook import Codebook
from analysis.synthetic import (
    DADER,
    JONGEN,
    MAN,
    MEISJE,
    VROUW,
    _antwoorden,
    _antwoordtabel,
    _fout,
    _gamma,
    _ids,
    _item_aanwezig,
    _iteminfo,
    _likert,
    _mix,
    _ouder_kind_paren,
    _rang,
    _samenvoegen,
    _schaal_bereik,
    _vormkansen,
)

__all__ = ["genereer"]


# ---------------------------------------------------------------------------------------
# Design
# ---------------------------------------------------------------------------------------
def _ontwerp(rng: np.random.Generator, pr: dict[str, Any]) -> dict[str, Any]:
    st, po = pr["steekproef"], pr["personen"]
    n_huis, n_ouder = int(st["huishoudens"]), int(st["ouders"])
    n_paar = n_ouder - n_huis
    if not 0 <= n_paar <= n_huis:
        raise _fout("referentiegroep.steekproef: er zijn meer huishoudens dan ouders of meer dan twee ouders per huishouden")

    # Parents: both in `n_paar` random households (mother first), else the mother or the father.
    paar = np.zeros(n_huis, dtype=bool)
    paar[rng.choice(n_huis, n_paar, replace=False)] = True
    ouder_gezin = np.repeat(np.arange(n_huis), np.where(paar, 2, 1))
    tweede = np.r_[False, ouder_gezin[1:] == ouder_gezin[:-1]]
    alleen_moeder = rng.random(n_huis) < po["alleen_moeder"]
    ouder_man = np.where(paar[ouder_gezin], tweede, ~alleen_moeder[ouder_gezin])

    # Children of 3-18: 1-3 per household, ages uniform.
    aantallen = np.array([int(k) for k in po["kinderen_per_huishouden"]])
    kansen = np.array([float(v) for v in po["kinderen_per_huishouden"].values()])
    n_kind = aantallen[(rng.random(n_huis)[:, None] > np.cumsum(kansen / kansen.sum())[:-1]).sum(axis=1)]
    kind_gezin = np.repeat(np.arange(n_huis), n_kind)
    laag, hoog = po["kind_leeftijd"]
    kind_leeftijd = rng.integers(laag, hoog + 1, len(kind_gezin))
    kind_meisje = rng.random(len(kind_gezin)) < po["aandeel_meisjes"]

    oudste = np.zeros(n_huis, dtype=int)
    np.maximum.at(oudste, kind_gezin, kind_leeftijd)
    leeftijd = np.clip(np.rint(rng.normal(po["leeftijd_gemiddeld"], po["leeftijd_sd"], n_ouder)),
                       po["leeftijd_min"], po["leeftijd_max"])
    leeftijd = np.minimum(np.maximum(leeftijd, oudste[ouder_gezin] + po["leeftijd_verschil_kind"]), po["leeftijd_max"])

    # Who filled in what beyond the main instruments: children's self-report, the ACE.
    zl, zh = po["zelfrapportage_leeftijd"]
    kan_zelf = np.flatnonzero((kind_leeftijd >= zl) & (kind_leeftijd <= zh))
    n_zelf, n_ace = int(st["kinderen_zelfrapportage"]), int(st["ace"])
    if n_zelf > len(kan_zelf) or n_ace > n_ouder:
        raise _fout("referentiegroep.steekproef: te veel kinderen met zelfrapportage of ouders met ACE")
    return {
        "n_huis": n_huis,
        "ouder_gezin": ouder_gezin,
        "ouder_man": ouder_man,
        "ouder_leeftijd": leeftijd.astype("int64"),
        "ouder_leeftijd_ontbreekt": rng.random(n_ouder) < po["leeftijd_ontbrekend"],
        "kind_gezin": kind_gezin,
        "kind_leeftijd": kind_leeftijd.astype("int64"),
        "kind_meisje": kind_meisje,
        "kind_zelf": np.sort(rng.choice(kan_zelf, n_zelf, replace=False)),
        "ace_ouders": np.sort(rng.choice(n_ouder, n_ace, replace=False)),
    }


# ---------------------------------------------------------------------------------------
# Violence (CTS2, CTSPC), one measurement
# ---------------------------------------------------------------------------------------
def _een_meting(rng: np.random.Generator, gemeld: np.ndarray, verwacht: np.ndarray, klassen: tuple,
                pa: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """Answers and missing mask (n, item) for reported counts (n, item), via the study's helper."""
    grenzen, codes, _ = klassen
    antwoord, ontbreekt = _antwoorden(rng, gemeld[:, None, :], verwacht, grenzen, codes,
                                      {"herinnering": 0.0, **pa})
    return antwoord[:, 0, :], ontbreekt[:, 0, :]


def _partnergeweld(rng: np.random.Generator, cb: Codebook, m: dict[str, Any], o: dict[str, Any],
                   klassen: tuple) -> dict[str, Any]:
    """CTS2 answers (parent, item nr, perspective) and the acts per (household, item nr, actor)."""
    mp, mg = m["partnergeweld"], m["gezin"]
    info = _iteminfo(cb, "cts2", mp["incidentie"])
    n_huis = o["n_huis"]
    niveau = _gamma(rng, mg["intensiteit_vorm"], (n_huis,))
    kansen = np.stack([_vormkansen(mp["aanwezig"][g], info["vormen"], f"referentiegroep.partnergeweld.aanwezig.{g}")
                       for g in (VROUW, MAN)], axis=-1)  # (vorm, actor 0 = woman / 1 = man)
    aanwezig = _item_aanwezig(rng, _rang(niveau), info, kansen, mp.get("ernst_aanwezig"), mg["samenhang_vormen"],
                              "referentiegroep.partnergeweld.ernst_aanwezig")  # (household, item, actor)
    geweld = info["geweld"]
    actor_tempo = np.where(geweld[:, None], np.array([mp["tempo"][VROUW], mp["tempo"][MAN]]), 1.0)
    intensiteit = np.where(geweld, niveau[:, None], 1.0) * info["tarief"]  # (household, item)
    item_factor = _gamma(rng, mp["item_vorm"], intensiteit.shape)
    handelingen = rng.poisson((intensiteit * item_factor)[..., None] * actor_tempo * aanwezig)
    verwacht = intensiteit[..., None] * actor_tempo * aanwezig

    g, eigen = o["ouder_gezin"], o["ouder_man"].astype(int)
    antwoorden, ontbrekend = [], []
    for perspectief in cb.instrument("cts2")["perspectieven"]:
        actor = eigen if perspectief == DADER else 1 - eigen
        meldkans = float(mp["meldkans"][perspectief])
        gemeld = rng.binomial(handelingen[g, :, actor], meldkans)
        antwoord, ontbreekt = _een_meting(rng, gemeld, verwacht[g, :, actor] * meldkans, klassen, m["antwoorden"])
        antwoorden.append(antwoord)
        ontbrekend.append(ontbreekt)
    return {"antwoord": np.stack(antwoorden, axis=-1), "ontbreekt": np.stack(ontbrekend, axis=-1),
            "handelingen": handelingen, "niveau": niveau, "geweld_items": geweld}


def _kindermishandeling(rng: np.random.Generator, cb: Codebook, m: dict[str, Any], o: dict[str, Any],
                        niveau_huis: np.ndarray, klassen: tuple) -> dict[str, Any]:
    """CTSPC answers per (parent, child) pair of a household, shape (pair, item nr)."""
    mk, mg = m["kindermishandeling"], m["gezin"]
    info = _iteminfo(cb, "ctspc_ouder", mk["incidentie"])
    kg = o["kind_gezin"]
    k = mk["samenhang_partnergeweld"]
    niveau = (k * niveau_huis[kg] + (1 - k) * _gamma(rng, mg["intensiteit_vorm"], kg.shape)) \
        * _gamma(rng, mk["kind_vorm"], kg.shape)
    kansen = _vormkansen(mk["aanwezig"], info["vormen"], "referentiegroep.kindermishandeling.aanwezig")
    aanwezig = _item_aanwezig(rng, _rang(niveau), info, kansen, mk.get("ernst_aanwezig"), mg["samenhang_vormen"],
                              "referentiegroep.kindermishandeling.ernst_aanwezig")  # (child, item)
    intensiteit = np.where(info["geweld"], niveau[:, None], 1.0) * info["tarief"] * aanwezig
    handelingen = rng.poisson(intensiteit * _gamma(rng, mk["item_vorm"], intensiteit.shape))
    paar_ouder, paar_kind = _ouder_kind_paren(o["ouder_gezin"], kg, o["n_huis"])
    gemeld = rng.binomial(handelingen[paar_kind], mk["meldkans"])
    antwoord, ontbreekt = _een_meting(rng, gemeld, intensiteit[paar_kind] * mk["meldkans"], klassen, m["antwoorden"])
    return {"antwoord": antwoord, "ontbreekt": ontbreekt, "paar_ouder": paar_ouder, "paar_kind": paar_kind,
            "handelingen": handelingen, "geweld_items": info["geweld"]}


# ---------------------------------------------------------------------------------------
# Wellbeing (ACE, NOSI-K, TSI)
# ---------------------------------------------------------------------------------------
def _ace_intercepten(kansen: np.ndarray, helling: np.ndarray) -> np.ndarray:
    """Per item the intercept a with E[logistic(a + helling x Z)] = kans for Z standard normal
    (Gauss-Hermite quadrature, bisection): the marginal shares stay the published ones."""
    knopen, gewichten = np.polynomial.hermite_e.hermegauss(61)
    gewichten = gewichten / gewichten.sum()
    helling = np.broadcast_to(np.asarray(helling, dtype=float), np.shape(kansen))
    laag, hoog = np.full(len(kansen), -60.0), np.full(len(kansen), 60.0)
    for _ in range(100):
        midden = (laag + hoog) / 2
        verwacht = (gewichten / (1 + np.exp(-(midden[:, None] + helling[:, None] * knopen)))).sum(axis=1)
        te_hoog = verwacht > kansen
        hoog = np.where(te_hoog, midden, hoog)
        laag = np.where(te_hoog, laag, midden)
    return (laag + hoog) / 2


def _per_categorie(waarde: Any, categorieen: list[str], wat: str) -> np.ndarray:
    """One number per ACE category from a number (the same for all) or a mapping by category."""
    if not isinstance(waarde, dict):
        return np.full(len(categorieen), float(waarde))
    try:
        return np.array([float(waarde[c]) for c in categorieen])
    except KeyError as ontbreekt:
        raise _fout(f"referentiegroep.model.welzijn.ace.{wat} mist {ontbreekt}") from None


def _welzijn(rng: np.random.Generator, cb: Codebook, m: dict[str, Any], o: dict[str, Any],
             geweld: dict[str, Any]) -> dict[str, np.ndarray]:
    """Item answers per parent: ACE (parent, item), NOSI-K (parent, item), TSI (parent, item)."""
    mw = m["welzijn"]
    g = o["ouder_gezin"]
    n = len(g)
    acts = geweld["handelingen"][:, geweld["geweld_items"], :].sum(axis=(1, 2))
    log = np.log1p(acts)
    v = ((log - log.mean()) / (log.std() or 1.0))[g]
    kwetsbaar = rng.standard_normal(n)
    ace_latent = _mix(rng, [(mw["ace"]["samenhang_kwetsbaarheid"], kwetsbaar), (mw["ace"]["samenhang_geweld"], v)], (n,))

    categorieen = list(cb.items("ace")["subschaal"])
    kans = _per_categorie(mw["ace"]["kansen"], categorieen, "kansen")
    helling = _per_categorie(mw["ace"]["helling"], categorieen, "helling")
    a = _ace_intercepten(kans, helling)
    ja = rng.random((n, len(kans))) < 1 / (1 + np.exp(-(a + helling * ace_latent[:, None])))
    uit = {"ace": ja.astype("int64")}

    def toestand(spec: dict[str, Any]) -> np.ndarray:
        return (spec.get("kwetsbaarheid", 0.0) * kwetsbaar + spec.get("geweld", 0.0) * v
                + spec.get("ace", 0.0) * ace_latent + spec.get("eigen", 0.0) * rng.standard_normal(n))

    spec = mw["nosik"]
    uit["nosik"] = _likert(rng, toestand(spec), len(cb.items("nosik")), _schaal_bereik(cb, "nosik"), spec)

    uit["tsi"] = _per_schaal(rng, cb, "tsi", toestand(mw["tsi"]), mw["tsi"])
    return uit


def _per_schaal(rng: np.random.Generator, cb: Codebook, instrument: str, latent: np.ndarray,
                spec: dict[str, Any]) -> np.ndarray:
    """Item answers (n, item nr): per subscale a factor correlated ``samenhang`` with ``latent``,
    answers from the study's Likert helper with the scale's own settings (``schalen``)."""
    items = cb.items(instrument).drop_duplicates("nr")
    subschaal = items["subschaal"].to_numpy()
    uit = np.empty((len(latent), len(items)), dtype="int64")
    for schaal in dict.fromkeys(subschaal):
        kies = np.flatnonzero(subschaal == schaal)
        sspec = _samenvoegen(spec, spec.get("schalen", {}).get(schaal, {}))
        samenhang = sspec.get("samenhang", 1.0)
        factor = samenhang * latent + np.sqrt(max(1 - samenhang**2, 0.0)) * rng.standard_normal(len(latent))
        uit[:, kies] = _likert(rng, factor, len(kies), _schaal_bereik(cb, instrument), sspec)
    return uit


# ---------------------------------------------------------------------------------------
# Children's instruments (TSCYC, SIMS-PR by a parent; TSCC, SIS, Security Scale by the child)
# ---------------------------------------------------------------------------------------
def _z(x: np.ndarray) -> np.ndarray:
    x = np.log1p(np.asarray(x, dtype=float))
    return (x - x.mean()) / (x.std() or 1.0)


def _kinderen(rng: np.random.Generator, cb: Codebook, m: dict[str, Any], o: dict[str, Any],
              geweld: dict[str, Any], km: dict[str, Any]) -> dict[str, Any]:
    """Answers of the children's instruments: per child a latent from the household's partner
    violence and the child's own maltreatment; a parent's report adds the parent's view (noise)."""
    mkind = m["kinderen"]
    kg = o["kind_gezin"]
    v = _z(geweld["handelingen"][:, geweld["geweld_items"], :].sum(axis=(1, 2)))[kg]
    mishandeling = _z(km["handelingen"][:, km["geweld_items"]].sum(axis=1))
    n = len(kg)

    def latent(spec: dict[str, Any]) -> np.ndarray:
        return (spec.get("geweld", 0.0) * v + spec.get("mishandeling", 0.0) * mishandeling
                + spec.get("eigen", 0.0) * rng.standard_normal(n))

    laag, hoog = mkind["ouder_over_kind_leeftijd"]
    paar = np.flatnonzero((o["kind_leeftijd"][km["paar_kind"]] >= laag) & (o["kind_leeftijd"][km["paar_kind"]] <= hoog))
    paar_ouder, paar_kind = km["paar_ouder"][paar], km["paar_kind"][paar]
    zelf = o["kind_zelf"]
    uit: dict[str, Any] = {"ouder_over_kind": (paar_ouder, paar_kind), "zelf": zelf}
    for instrument in ("tscyc", "sims_pr"):
        spec = mkind[instrument]
        kind = latent(spec)[paar_kind] + mkind["ouder_ruis"] * rng.standard_normal(len(paar_kind))
        uit[instrument] = _per_schaal(rng, cb, instrument, kind, spec)
    for instrument in ("tscc", "sis"):
        spec = mkind[instrument]
        uit[instrument] = _per_schaal(rng, cb, instrument, latent(spec)[zelf], spec)
    # Security Scale: one list about the father and one about the mother, sharing the child's latent.
    spec = mkind["security_scale_kind"]
    kind = latent(spec)[zelf]
    lijsten = []
    for perspectief in cb.instrument("security_scale_kind")["perspectieven"]:
        pspec = _samenvoegen(spec, spec.get("perspectieven", {}).get(perspectief, {}))
        lijst = kind + pspec["eigen_lijst"] * rng.standard_normal(len(zelf))
        lijsten.append(_per_schaal(rng, cb, "security_scale_kind", lijst, pspec))
    uit["security_scale_kind"] = np.stack(lijsten, axis=-1)
    return uit


# ---------------------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------------------
def _index(cb: Codebook, instrument: str) -> list[tuple[int, ...]]:
    """Where each item column of ``instrument`` sits in the trailing axes (item nr[, perspective])."""
    items = cb.items(instrument)
    nrs = list(dict.fromkeys(items["nr"]))
    perspectieven = cb.instrument(instrument).get("perspectieven")
    return [(nrs.index(nr), perspectieven.index(p)) if perspectieven else (nrs.index(nr),)
            for nr, p in zip(items["nr"], items["perspectief"])]


def genereer(rng: np.random.Generator, cb: Codebook, p: dict[str, Any], wereld: dict[str, Any]) -> dict[str, pd.DataFrame]:
    """The reference group's tables (``referentie_*`` of the codebook)."""
    pr = p["referentiegroep"]
    m = pr["model"]
    # One sub-stream per part: tuning one part leaves the answers of the others as they are.
    stromen = [np.random.Generator(np.random.PCG64(s)) for s in np.random.SeedSequence(rng.integers(0, 2**63, 4)).spawn(4)]
    o = _ontwerp(stromen[0], pr)
    klassen = wereld["klassen"]
    pg = _partnergeweld(stromen[1], cb, m, o, klassen)
    km = _kindermishandeling(stromen[1], cb, m, o, pg["niveau"], klassen)
    welzijn = _welzijn(stromen[2], cb, m, o, pg)

    gezin_id = _ids("RG", o["n_huis"])
    ouder_id = _ids("RO", len(o["ouder_gezin"]))
    kind_id = _ids("RK", len(o["kind_gezin"]))
    tabellen = {
        "referentie_ouders": pd.DataFrame({
            "ouder_id": ouder_id,
            "gezin_id": gezin_id[o["ouder_gezin"]],
            "geslacht": np.where(o["ouder_man"], MAN, VROUW).astype(object),
            "leeftijd": pd.arrays.IntegerArray(o["ouder_leeftijd"], o["ouder_leeftijd_ontbreekt"]),
        }),
        "referentie_kinderen": pd.DataFrame({
            "kind_id": kind_id,
            "gezin_id": gezin_id[o["kind_gezin"]],
            "geslacht": np.where(o["kind_meisje"], MEISJE, JONGEN).astype(object),
            "leeftijd": pd.array(o["kind_leeftijd"], dtype="Int64"),
        }),
    }
    tabellen["referentie_cts2"] = _antwoordtabel({"ouder_id": ouder_id}, cb.items("cts2"), pg["antwoord"],
                                                 pg["ontbreekt"], _index(cb, "cts2"))
    tabellen["referentie_ctspc_ouder"] = _antwoordtabel(
        {"ouder_id": ouder_id[km["paar_ouder"]], "kind_id": kind_id[km["paar_kind"]]},
        cb.items("ctspc_ouder"), km["antwoord"], km["ontbreekt"], _index(cb, "ctspc_ouder"))

    ontbrekend = m["antwoorden"]["ontbrekend_aandeel"]
    for instrument, rijen in (("ace", o["ace_ouders"]), ("nosik", slice(None)), ("tsi", slice(None))):
        antwoord = welzijn[instrument][rijen]
        tabellen[f"referentie_{instrument}"] = _antwoordtabel(
            {"ouder_id": ouder_id[rijen]}, cb.items(instrument), antwoord,
            stromen[2].random(antwoord.shape) < ontbrekend, _index(cb, instrument))

    # Children's instruments: parents about a child of 3-12, children of 8-18 about themselves.
    kind = _kinderen(stromen[3], cb, m, o, pg, km)
    paar_ouder, paar_kind = kind["ouder_over_kind"]
    over_kind = {"ouder_id": ouder_id[paar_ouder], "kind_id": kind_id[paar_kind]}
    for instrument in ("tscyc", "sims_pr", "tscc", "sis", "security_scale_kind"):
        antwoord = kind[instrument]
        sleutels = over_kind if instrument in ("tscyc", "sims_pr") else {"kind_id": kind_id[kind["zelf"]]}
        tabellen[f"referentie_{instrument}"] = _antwoordtabel(
            sleutels, cb.items(instrument), antwoord, stromen[3].random(antwoord.shape) < ontbrekend, _index(cb, instrument))
    return tabellen
