"""Synthetic generator, domain: the children's own questionnaires and the parents' reports about a child beyond CTSPC.

Called by :func:`analysis.synthetic.generate` with its own random stream and the shared
``wereld`` (design, latent violence, background; see there). Parameters: ``kinderen`` in
``synthetic_parameters_kinderen.yaml``; instruments, items and age windows: ``codeboek/kinderen.yaml``.

The model, in short:

* who fills in questionnaires themselves: exact numbers per participation pattern over the
  waves (Tabel 3.2, row "Kinderen 8-18 jaar zelf"), drawn at random among the children whose
  family takes part and who are old enough at the wave (codebook rule ``leeftijd_per_meting``);
  the selection is put in ``wereld["kind_zelfrapportage"]`` (child, wave) so the help domain, which
  runs next, lets the same children fill in their help questions;
* CTSPC kindversie: the child reports (binomial thinning, denial per form) the acts towards it
  that the parents' CTSPC model generated, and the acts between its parents that it witnessed
  (a per-child share of the CTS2 acts of both parents); the 1-8 answers come from the same
  answer helper as the parents' CTSPC;
* per child and wave a burden from its own maltreatment intensity, the family's partner
  violence and the family's violence category AT THAT WAVE (geen/mild/ernstig from the acts that
  happened then, the codebook's cut-offs of §2.5.1), plus the change of that category since T0 --
  so a child's complaints fall where the family's violence declines or stops and hardly where it
  goes on (§6.7, chapter 8) -- drives five outcome latents
  (trauma, emotional insecurity, attachment security, problem behaviour, quality of life) with a
  lasting vulnerability of the child, a stable own part and noise; parents' reports about a child
  and the child's own report are two views of the same latent, so they correlate moderately;
* item answers with the shared Likert helper, one factor per scale.

Scores, norms and categories are never generated: scoring derives them from these answers.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from analysis.codebook import Codebook
from analysis.synthetic import _antwoorden, _antwoordtabel, _likert, _samenvoegen, _schaal_bereik

__all__ = ["genereer", "leeftijd_per_meting"]

# Participation patterns over (T0, T1, T2) of the children who fill in questionnaires themselves,
# most constrained first (so the exact counts can be met).
_PATROON_VOLGORDE = ["111", "011", "110", "101", "010", "001", "100"]


def _fout(tekst: str) -> ValueError:
    return ValueError(f"synthetic_parameters_kinderen.yaml: {tekst}")


def _z(x: np.ndarray, basis: np.ndarray | None = None) -> np.ndarray:
    """Standardised on ``basis`` (default: ``x`` itself)."""
    basis = x if basis is None else basis
    sd = basis.std()
    return (x - basis.mean()) / sd if sd > 0 else np.zeros_like(x, dtype=float)


def leeftijd_per_meting(cb: Codebook, leeftijd_t0: np.ndarray) -> np.ndarray:
    """Age in whole years per (child, wave): age at T0 plus the years since T0 (codebook rule
    ``leeftijd_per_meting``), rounded down."""
    jaren = cb.regel("leeftijd_per_meting")
    plus = np.array([float(jaren[m]) for m in cb.metingen])
    return np.floor(np.asarray(leeftijd_t0, dtype=float)[:, None] + plus[None, :]).astype("int64")


# ---------------------------------------------------------------------------------------
# Who fills in questionnaires themselves
# ---------------------------------------------------------------------------------------
def _patroon_aantallen(spec: dict[str, Any], metingen: list[str], factor: float) -> dict[str, int]:
    a = {k: int(v) for k, v in spec["aantallen"].items()}
    later = {str(k): int(v) for k, v in spec["later_begonnen"].items()}
    t0, t1, t2 = (a[m] for m in metingen)
    uit = {"111": a["alle"], **{k: later.get(k, 0) for k in ("011", "010", "001")}}
    uit["110"] = t1 - uit["111"] - uit["011"] - uit["010"]
    uit["101"] = t2 - uit["111"] - uit["011"] - uit["001"]
    uit["100"] = t0 - uit["111"] - uit["110"] - uit["101"]
    if any(v < 0 for v in uit.values()):
        raise _fout("zelfrapportage: aantallen en later_begonnen passen niet bij elkaar")
    return {k: int(np.floor(v * factor + 0.5)) for k, v in uit.items()}


def _zelfrapportage(rng: np.random.Generator, cb: Codebook, spec: dict[str, Any], mee: np.ndarray,
                    leeftijd: np.ndarray) -> np.ndarray:
    """(child, wave) bool: exact numbers per pattern among the eligible children, at random."""
    laag, _ = cb.regel("zelfrapportage_leeftijd")
    mag = mee & (leeftijd >= int(laag))  # the upper bound holds at T0 (kinderen.leeftijd_t0 <= 18)
    factor = min(1.0, len(mee) / float(spec["ontwerp_kinderen_t0"]))
    aantallen = _patroon_aantallen(spec, cb.metingen, factor)
    zelf = np.zeros_like(mee)
    vrij = np.ones(len(mee), dtype=bool)
    for patroon in _PATROON_VOLGORDE:
        golven = np.array([c == "1" for c in patroon])
        kandidaten = np.flatnonzero(vrij & mag[:, golven].all(axis=1))
        k = min(aantallen[patroon], len(kandidaten))
        gewicht = np.where(leeftijd[kandidaten, 0] > 12, float(spec["gewicht_ouder_dan_12"]), 1.0)
        gekozen = rng.choice(kandidaten, k, replace=False, p=gewicht / gewicht.sum()) if k else np.array([], dtype=int)
        zelf[np.ix_(gekozen, golven)] = True
        vrij[gekozen] = False
    return zelf


# ---------------------------------------------------------------------------------------
# Latent outcomes
# ---------------------------------------------------------------------------------------
def _categorie_per_meting(cb: Codebook, wereld: dict[str, Any]) -> np.ndarray:
    """The family's violence category per (child, wave) from the acts that happened at that wave
    (before anyone reports them): 0 = geen, 1 = mild, 2 = veelvuldig of ernstig, the more severe
    of partner violence (both actors) and the maltreatment of any child of the family, with the
    cut-offs of the codebook rules of §2.5.1 (``partnergeweld_geen_max_mild``,
    ``partnergeweld_mild_max``, ``kindermishandeling_geen_max``, ``kindermishandeling_mild_max``).
    This is the quantity the analyses group families on (decline: §5.6/§6.7; stopped: §8.2)."""
    kind_gezin = wereld["ontwerp"]["kind_gezin"]
    n_gezin = len(wereld["ontwerp"]["deelname"])

    def ernst(instrument: str) -> np.ndarray:
        return cb.items(instrument).drop_duplicates("nr")["ernst"].to_numpy(dtype=object)

    e_pg, e_km = ernst("cts2"), ernst("ctspc_ouder")
    pg = wereld["partnergeweld_handelingen"].sum(axis=-1)  # (family, wave, item): both actors
    pg_mild, pg_ernstig = pg[:, :, e_pg == "mild"].sum(axis=-1), pg[:, :, e_pg == "ernstig"].sum(axis=-1)
    pg_cat = np.select([(pg_ernstig == 0) & (pg_mild <= int(cb.regel("partnergeweld_geen_max_mild"))),
                        (pg_ernstig == 0) & (pg_mild <= int(cb.regel("partnergeweld_mild_max")))], [0, 1], 2)
    km = wereld["kindermishandeling_handelingen"]  # (child, wave, item)
    km_mild, km_ernstig = km[:, :, e_km == "mild"].sum(axis=-1), km[:, :, e_km == "ernstig"].sum(axis=-1)
    km_cat = np.select([km_mild + km_ernstig <= int(cb.regel("kindermishandeling_geen_max")),
                        (km_ernstig == 0) & (km_mild <= int(cb.regel("kindermishandeling_mild_max")))], [0, 1], 2)
    gezin_km = np.zeros((n_gezin, km_cat.shape[1]), dtype="int64")
    np.maximum.at(gezin_km, kind_gezin, km_cat)
    return np.maximum(pg_cat, gezin_km)[kind_gezin]


def _belasting(cb: Codebook, pk: dict[str, Any], wereld: dict[str, Any]) -> np.ndarray:
    """Burden per (child, wave): own maltreatment intensity, the family's partner violence and the
    family's violence category AT THAT WAVE (:func:`_categorie_per_meting`), standardised on T0
    and weighted ``niveau``, plus ``verandering`` x the change of the category (in steps) since T0 -- so a child whose
    family's violence declines or stops sees its burden fall with it, more than the family's level
    at T0 alone would say."""
    kind_gezin = wereld["ontwerp"]["kind_gezin"]
    km = np.log1p(wereld["kindermishandeling_intensiteit"])
    km = _z(km, km[:, 0])
    pg = wereld["geweld"][kind_gezin]
    cat = _categorie_per_meting(cb, wereld).astype(float)
    b = pk["belasting"]
    som = (float(b["kindermishandeling"]) * km + float(b["partnergeweld"]) * pg
           + float(b.get("categorie", 0.0)) * _z(cat, cat[:, 0]))
    # The level (standardised on T0) plus the change of the category since T0 in category steps
    # (geen/mild/ernstig = 0/1/2; not standardised, so the effect of one step does not depend on
    # how the categories happen to spread at T0): complaints follow the course of the violence
    # within the family, beyond the family's level at the report.
    return float(b.get("niveau", 1.0)) * _z(som, som[:, 0]) + float(b.get("verandering", 0.0)) * (cat - cat[:, :1])


def _uitkomsten(rng: np.random.Generator, pk: dict[str, Any], metingen: list[str], belasting: np.ndarray,
                leeftijd: np.ndarray, meisje: np.ndarray) -> dict[str, np.ndarray]:
    """Outcome latents (child, wave) per outcome of ``uitkomsten``."""
    n, w = belasting.shape
    kwetsbaar = rng.standard_normal(n)[:, None]
    uit = {}
    for naam, spec in pk["uitkomsten"].items():
        verloop = np.array([float(spec.get("verloop", {}).get(m, 0.0)) for m in metingen])
        uit[naam] = (spec.get("belasting", 0.0) * belasting + spec.get("kwetsbaarheid", 0.0) * kwetsbaar
                     + spec.get("eigen", 0.0) * rng.standard_normal(n)[:, None]
                     + spec.get("ruis_meting", 0.0) * rng.standard_normal((n, w)) + verloop[None, :]
                     + spec.get("meisje", 0.0) * meisje[:, None] + spec.get("leeftijd", 0.0) * (leeftijd - 12) / 5)
    return uit


def _zicht(rng: np.random.Generator, latent: np.ndarray, lading: float, extra: np.ndarray | float = 0.0) -> np.ndarray:
    """A respondent's view of a latent: loading x latent + a stable colouring + noise for the rest."""
    return lading * latent + extra + np.sqrt(max(1 - lading**2, 0.0)) * rng.standard_normal(latent.shape)


def _schalen(rng: np.random.Generator, cb: Codebook, instrument: str, latent: np.ndarray,
             spec: dict[str, Any]) -> np.ndarray:
    """Item answers (row, item) for a multi-scale instrument: one factor per scale."""
    items = cb.items(instrument).drop_duplicates("nr")
    subschaal = items["subschaal"].to_numpy()
    bereik = _schaal_bereik(cb, instrument)
    uit = np.empty((len(latent), len(items)), dtype="int64")
    for schaal in dict.fromkeys(subschaal):
        kies = np.flatnonzero(subschaal == schaal)
        sspec = _samenvoegen(spec, spec.get("schalen", {}).get(schaal, {}))
        s = float(sspec.get("samenhang", 1.0))
        factor = s * latent + np.sqrt(max(1 - s**2, 0.0)) * rng.standard_normal(latent.shape)
        uit[:, kies] = _likert(rng, factor, len(kies), bereik, sspec)
    return uit


# ---------------------------------------------------------------------------------------
# CTSPC kindversie
# ---------------------------------------------------------------------------------------
def _ctspc_kind(rng: np.random.Generator, cb: Codebook, spec: dict[str, Any], wereld: dict[str, Any],
                rijen: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Answers and missing mask (child, wave, item) of the children in ``rijen``."""
    kind_gezin = wereld["ontwerp"]["kind_gezin"]
    instrument = cb.instrument("ctspc_kind")
    ouder_nrs = list(cb.items("ctspc_ouder").drop_duplicates("nr")["nr"])
    cts_nrs = list(cb.items("cts2").drop_duplicates("nr")["nr"])
    km = wereld["kindermishandeling_handelingen"][rijen]  # (child, wave, ctspc_ouder item)
    pg = wereld["partnergeweld_handelingen"][kind_gezin[rijen]].sum(axis=-1)  # (child, wave, cts2 item), both parents
    n, w = km.shape[:2]
    getuige_a = float(spec["getuige_vorm"])
    gemiddeld = float(spec["getuige_gemiddeld"])
    getuige = rng.beta(getuige_a, getuige_a * (1 - gemiddeld) / gemiddeld, n)
    ontkenning = spec["ontkenning"]
    handelingen, kans, ontkent = [], [], []
    ontkent_vorm = {vorm: rng.random(n) < float(k) for vorm, k in ontkenning.items()}
    for item in instrument["items"]:
        if item.get("ctspc_ouder_nr") is not None:
            handelingen.append(km[:, :, ouder_nrs.index(item["ctspc_ouder_nr"])])
            kans.append(np.full(n, float(spec["meldkans"])))
        else:
            handelingen.append(pg[:, :, cts_nrs.index(item["cts2_nr"])])
            kans.append(getuige)
        vorm = item["subschaal"]
        ontkent.append(ontkent_vorm[vorm] if vorm in ontkent_vorm else np.zeros(n, dtype=bool))
    handelingen = np.stack(handelingen, axis=-1)
    kans = np.stack(kans, axis=-1)  # (child, item)
    ontkent = np.stack(ontkent, axis=-1)
    gemeld = np.where(ontkent[:, None, :], 0, rng.binomial(handelingen, kans[:, None, :]))
    verwacht_t0 = handelingen[:, 0, :] * kans * ~ontkent
    grenzen, codes, pa = wereld["klassen"]
    return _antwoorden(rng, gemeld, verwacht_t0, grenzen, codes, {**pa, "ontbrekend_aandeel": spec.get("ontbrekend", pa["ontbrekend_aandeel"])})


# ---------------------------------------------------------------------------------------
# ISRD-3 / ESPAD
# ---------------------------------------------------------------------------------------
def _isrd(rng: np.random.Generator, cb: Codebook, spec: dict[str, Any], latent: np.ndarray,
          leeftijd: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Answers (row, item) and the mask of items left empty because the child is too young."""
    items = cb.instrument("isrd")["items"]
    kansen = np.array([float(k) for k in spec["kansen"]])
    if len(kansen) != len(items):
        raise _fout("isrd.kansen heeft niet één kans per item")
    per_jaar = np.array([float(spec["per_jaar"][i["subschaal"]]) for i in items])
    minimum = np.array([int(i.get("leeftijd_min") or 0) for i in items])
    logit = np.log(kansen / (1 - kansen))[None, :] + float(spec["niveau"]) + float(spec["helling"]) * latent[:, None] \
        + per_jaar[None, :] * (leeftijd[:, None] - 14)
    gedaan = rng.random(logit.shape) < 1 / (1 + np.exp(-logit))
    hoog = 1 + rng.poisson(float(spec["frequentie"]) * np.exp(0.5 * latent)[:, None], logit.shape)
    bovenste = int(_schaal_bereik(cb, "isrd")[1])
    grens = np.array([max(int(k) for k in i["antwoorden"]) if i.get("antwoorden") else bovenste for i in items])
    antwoord = np.where(gedaan, np.minimum(hoog, grens[None, :]), 0).astype("int64")
    te_jong = leeftijd[:, None] < minimum[None, :]
    return antwoord, te_jong


# ---------------------------------------------------------------------------------------
# The domain
# ---------------------------------------------------------------------------------------
def genereer(rng: np.random.Generator, cb: Codebook, p: dict[str, Any], wereld: dict[str, Any]) -> dict[str, pd.DataFrame]:
    """The tables of this domain: the children's own questionnaires (8-18) and the parents'
    reports about a child (TSCYC, Security Scale, SIMS-PR)."""
    pk = p["kinderen"]
    metingen = cb.metingen
    meting = np.array(metingen, dtype=object)
    o = wereld["ontwerp"]
    kind_gezin, ouder_gezin = o["kind_gezin"], o["ouder_gezin"]
    kind_id, ouder_id = wereld["kind_id"], wereld["ouder_id"]
    n_k = len(kind_gezin)
    mee = o["kind_deelname"]  # (child, wave): the child takes part
    leeftijd = leeftijd_per_meting(cb, o["kind_leeftijd"])
    meisje = o["kind_geslacht"] == "meisje"
    ontbrekend = float(pk["ontbrekend_aandeel"])

    zelf = _zelfrapportage(rng, cb, pk["zelfrapportage"], mee, leeftijd)
    wereld["kind_zelfrapportage"] = zelf  # read by the help domain (synthetic_hulp), which runs next
    belasting = _belasting(cb, pk, wereld)
    latent = _uitkomsten(rng, pk, metingen, belasting, leeftijd, meisje)
    # The outcome latents (child, wave) per outcome: read by the help domain (synthetic_hulp), so
    # help follows the child's actual problems (Tabel 7.5) rather than stand-ins.
    wereld["kind_uitkomsten"] = latent
    spec_u = pk["uitkomsten"]
    tabellen: dict[str, pd.DataFrame] = {}

    def tabel(naam: str, sleutels: dict[str, np.ndarray], antwoord: np.ndarray, leeg: np.ndarray | None = None) -> None:
        items = cb.items(naam)
        nrs = list(dict.fromkeys(items["nr"]))
        pers = cb.instrument(naam).get("perspectieven")
        index = [(nrs.index(nr), pers.index(pp)) if pers else (nrs.index(nr),) for nr, pp in zip(items["nr"], items["perspectief"])]
        ontbreekt = rng.random(antwoord.shape) < ontbrekend
        if leeg is not None:
            ontbreekt |= leeg
        tabellen[naam] = _antwoordtabel(sleutels, items, antwoord, ontbreekt, index)

    # ---- children's own questionnaires -------------------------------------------------
    z_rij, z_wm = np.nonzero(zelf)
    sleutel_z = {"kind_id": kind_id[z_rij], "meting": meting[z_wm]}
    alle_z = np.flatnonzero(zelf.any(axis=1))
    antwoord, ontbreekt = _ctspc_kind(rng, cb, {**pk["ctspc_kind"], "ontbrekend": ontbrekend}, wereld, alle_z)
    plek = np.searchsorted(alle_z, z_rij)
    items = cb.items("ctspc_kind")
    tabellen["ctspc_kind"] = _antwoordtabel(sleutel_z, items, antwoord[plek, z_wm], ontbreekt[plek, z_wm],
                                            [(j,) for j in range(len(items))])

    def kind_zicht(uitkomst: str) -> np.ndarray:
        return _zicht(rng, latent[uitkomst], float(spec_u[uitkomst].get("kind", 1.0)))[z_rij, z_wm]

    tabel("tscc", sleutel_z, _schalen(rng, cb, "tscc", kind_zicht("trauma"), pk["tscc"]))
    # SIS: insecurity; constructive representations go the other way (negative samenhang).
    tabel("sis", sleutel_z, _schalen(rng, cb, "sis", kind_zicht("onveiligheid"), pk["sis"]))
    antwoord, te_jong = _isrd(rng, cb, pk["isrd"], kind_zicht("probleem"), leeftijd[z_rij, z_wm])
    tabel("isrd", sleutel_z, antwoord, te_jong)
    ks = _schalen(rng, cb, "kidscreen", kind_zicht("kwaliteit"), pk["kidscreen"])
    omgescoord = np.array([bool(i.get("omgescoord")) for i in cb.instrument("kidscreen")["items"]])
    laag, hoog = _schaal_bereik(cb, "kidscreen")
    tabel("kidscreen", sleutel_z, np.where(omgescoord[None, :], laag + hoog - ks, ks))
    # Security Scale about father and mother: two views sharing the child's latent.
    sk = pk["security_scale_kind"]
    hechting = kind_zicht("hechting")
    r = float(sk["vader_moeder"])
    jongen = ~meisje[z_rij]
    lijsten = []
    for perspectief in cb.instrument("security_scale_kind")["perspectieven"]:
        eigen = r * hechting + np.sqrt(1 - r**2) * rng.standard_normal(len(hechting))
        if perspectief == "vader":
            eigen = eigen + (float(sk["vader"]) + float(sk["vader_jongen"]) * jongen) / float(sk["helling"])
        antw = _likert(rng, eigen, len(cb.instrument("security_scale_kind")["items"]), _schaal_bereik(cb, "security_scale_kind"), sk)
        lijst_weg = rng.random(len(hechting)) < float(sk["lijst_ontbreekt"][perspectief])
        lijsten.append((antw, np.repeat(lijst_weg[:, None], antw.shape[1], axis=1)))
    tabel("security_scale_kind", sleutel_z, np.stack([a for a, _ in lijsten], axis=-1),
          np.stack([m for _, m in lijsten], axis=-1))

    # ---- parents about a child ---------------------------------------------------------
    paar_ouder, paar_kind = wereld["paar_ouder"], wereld["paar_kind"]
    p_mee = o["deelname"][ouder_gezin[paar_ouder]] & o["kind_deelname"][paar_kind]  # (pair, wave)
    p_leeftijd = leeftijd[paar_kind]
    p_t0 = p_leeftijd[:, :1]
    zicht = float(pk["ouder_zicht"]) * rng.standard_normal(len(paar_ouder))[:, None]  # a parent's stable colouring
    vader = o["ouder_man"][paar_ouder]

    def ouder_tabel(naam: str, uitkomst: str, maak) -> None:
        laag, hoog = cb.tabellen[naam]["leeftijd"]
        bovengrens = p_t0[:, 0][:, None] if cb.tabellen[naam].get("leeftijd_bovengrens_meting") else p_leeftijd
        rij, wm = np.nonzero(p_mee & (p_leeftijd >= laag) & (bovengrens <= hoog))
        view = _zicht(rng, latent[uitkomst][paar_kind], float(spec_u[uitkomst].get("ouder_kind", 1.0)), zicht)[rij, wm]
        sleutels = {"ouder_id": ouder_id[paar_ouder[rij]], "kind_id": kind_id[paar_kind[rij]], "meting": meting[wm]}
        tabel(naam, sleutels, maak(view, rij))

    ouder_tabel("tscyc", "trauma", lambda v, rij: _schalen(rng, cb, "tscyc", v, pk["tscyc"]))
    ouder_tabel("sims_pr", "onveiligheid", lambda v, rij: _schalen(rng, cb, "sims_pr", v, pk["sims_pr"]))
    so = pk["security_scale_ouder"]
    ouder_tabel("security_scale_ouder", "hechting",
                lambda v, rij: _likert(rng, v + float(so["vader"]) * vader[rij] / float(so["helling"]), len(cb.instrument("security_scale_ouder")["items"]),
                                       _schaal_bereik(cb, "security_scale_ouder"), so))
    return tabellen
