"""Synthetic generator, domain: the children's own questionnaires and the parents' reports about a child beyond CTSPC.

Called by :func:`analysis.synthetic.generate` with its own random stream and the shared
``wereld`` (design, latent violence, background; see there). Parameters: ``kinderen`` in
``synthetic_parameters_kinderen.yaml``; instruments, items and age windows: ``codeboek/kinderen.yaml``.

The model, in short:

* lists about a child per wave (questionnaire non-response): a child that takes part can still
  miss all child questionnaires at a wave (the parents' lists about it and its own), more often at
  later waves; exact counts (``lijsten``: the share per wave, and 475 children of the families in
  all three waves with lists at every wave, §8.4.1); put in ``wereld["kind_lijsten"]``;
* who fills in questionnaires themselves: exact numbers per participation pattern over the
  waves, separately for the families in all three waves (Tabel 4.5's N, r. 3278-3281) and the
  others (the rest of Tabel 3.2, row "Kinderen 8-18 jaar zelf"), drawn at random among the
  children with lists who are old enough at the wave (codebook rule ``leeftijd_per_meting``);
  the selection is put in ``wereld["kind_zelfrapportage"]`` (child, wave) so the help domain, which
  runs next, lets the same children fill in their help questions;
* CTSPC kindversie: per wave exact numbers of children reporting each row of Tabel 4.5 and the
  mean yearly incidents per form (margins in the yaml), chosen and sized by a score that follows
  the family's acts at that wave (towards the child: the parents' CTSPC model; between its
  parents: the CTS2 model) and a stable openness of the child, put in the items where the acts
  were; the 1-8 answers come from the same answer helper as the parents' CTSPC;
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
from scipy.stats import norm

from analysis.codebook import Codebook
from analysis.synthetic import _antwoorden, _antwoordtabel, _grootste_rest, _likert, _samenvoegen, _schaal_bereik

__all__ = ["genereer", "leeftijd_per_meting"]

# (Family group, participation pattern over T0, T1, T2) of the children who fill in questionnaires
# themselves, most constrained first (so the exact counts can be met); "alle" = the families in all
# three waves, "overig" = the others. Shortfalls of "overig" move to "alle" (same pattern, later).
_VOLGORDE = [("alle", "111"), ("overig", "110"), ("overig", "101"), ("overig", "010"), ("overig", "001"),
             ("overig", "100"), ("alle", "110"), ("alle", "101"), ("alle", "011"), ("alle", "100"),
             ("alle", "010"), ("alle", "001")]


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
# Lists about a child per wave (questionnaire non-response)
# ---------------------------------------------------------------------------------------
def _lijsten(rng: np.random.Generator, cb: Codebook, spec: dict[str, Any], mee: np.ndarray,
             compleet: np.ndarray, in_analyse: np.ndarray | None = None) -> np.ndarray:
    """(child, wave) bool: the lists about the child (the parents' lists about it and its own)
    are filled in at that wave. A child can take part (``kind_deelname``: its parents' CTSPC about
    it) and still have no list at a wave: the whole set of child questionnaires is left out.

    Exact counts: ``alle_metingen`` children of the families in all three waves (``compleet``)
    have lists at every wave (scaled for a smaller design); of every wave's participating children
    the share ``respons[wave]`` has lists. A stable propensity per child (``stabiel``: its weight
    as a correlation) ranks the children: the top ``alle_metingen`` of the complete families
    respond at every wave; per wave the rest of the quota goes to the highest propensity plus wave
    noise among the others, where a child of a complete family outside that top never gets lists
    at all three waves (so the count stays exact). ``in_analyse`` (child bool, optional): the
    children that chapter 8 can place in a group (their family has violence data at the last
    wave); the top is drawn among them, so §8.4.1's count holds there."""
    n, w = mee.shape
    rho = float(spec["stabiel"])
    neiging = rng.standard_normal(n)
    score = rho * neiging[:, None] + np.sqrt(max(1 - rho**2, 0.0)) * rng.standard_normal((n, w))
    kandidaten = np.flatnonzero(compleet & mee.all(axis=1) & (True if in_analyse is None else in_analyse))
    factor = min(1.0, compleet.sum() / float(spec["ontwerp_kinderen_alle_metingen"]))
    k_alle = min(int(np.floor(float(spec["alle_metingen"]) * factor + 0.5)), len(kandidaten))
    altijd = np.zeros(n, dtype=bool)
    altijd[kandidaten[np.argsort(-neiging[kandidaten], kind="stable")[:k_alle]]] = True
    uit = np.zeros((n, w), dtype=bool)
    uit[altijd] = mee[altijd]
    for j, m in enumerate(cb.metingen):
        doel = int(np.floor(float(spec["respons"][m]) * mee[:, j].sum() + 0.5))
        mag = mee[:, j] & ~altijd
        if j == w - 1:  # a complete family's child outside the top: not at all three waves
            mag &= ~(compleet & uit[:, :j].all(axis=1))
        idx = np.flatnonzero(mag)
        k = max(0, min(doel - int(uit[:, j].sum()), len(idx)))
        uit[idx[np.argsort(-score[idx, j], kind="stable")[:k]], j] = True
    return uit


# ---------------------------------------------------------------------------------------
# Who fills in questionnaires themselves
# ---------------------------------------------------------------------------------------
def _patroon_aantallen(spec: dict[str, Any], metingen: list[str], factor: float) -> dict[tuple[str, str], int]:
    """Self-reporters per (family group, pattern over the waves): group "alle" = the families in
    all three waves, "overig" = the other families. See the yaml (zelfrapportage) for the sums."""
    a = {k: int(v) for k, v in spec["aantallen"].items()}
    c = {k: int(v) for k, v in spec["alle_metingen_gezinnen"].items()}
    t = [a[m] for m in metingen]
    tc = [c[m] for m in metingen]
    alle = a["alle"]
    twee = sum(tc) - 3 * alle - (c["minstens_een"] - alle)
    if twee < 0:
        raise _fout("zelfrapportage.alle_metingen_gezinnen: minstens_een past niet bij de aantallen per meting")
    uit = {("alle", "111"): alle}
    patronen = list(spec["twee_metingen"])
    for p, k in zip(patronen, _grootste_rest(np.array([float(spec["twee_metingen"][q]) for q in patronen]), twee).tolist()):
        uit[("alle", str(p))] = k
    uit[("alle", "100")] = tc[0] - alle - uit[("alle", "110")] - uit[("alle", "101")]
    uit[("alle", "010")] = tc[1] - alle - uit[("alle", "110")] - uit[("alle", "011")]
    uit[("alle", "001")] = tc[2] - alle - uit[("alle", "101")] - uit[("alle", "011")]
    beide = float(spec["overig_ook_t0"])
    r0, r1, r2 = t[0] - tc[0], t[1] - tc[1], t[2] - tc[2]
    uit[("overig", "110")] = int(np.floor(beide * r1 + 0.5))
    uit[("overig", "010")] = r1 - uit[("overig", "110")]
    uit[("overig", "101")] = int(np.floor(beide * r2 + 0.5))
    uit[("overig", "001")] = r2 - uit[("overig", "101")]
    uit[("overig", "100")] = r0 - uit[("overig", "110")] - uit[("overig", "101")]
    if any(v < 0 for v in uit.values()):
        raise _fout("zelfrapportage: aantallen, alle_metingen_gezinnen en overig_ook_t0 passen niet bij elkaar")
    return {k: int(np.floor(v * factor + 0.5)) for k, v in uit.items()}


def _zelfrapportage(rng: np.random.Generator, cb: Codebook, spec: dict[str, Any], mee: np.ndarray,
                    leeftijd: np.ndarray, compleet: np.ndarray) -> np.ndarray:
    """(child, wave) bool: exact numbers per (family group, pattern) among the eligible children
    (``mee``: taking part with lists at the wave; age 8 or more), at random with older children
    weighted. When a group of the other families has too few eligible children for a pattern,
    the rest comes from the complete families with the same pattern (the per-wave totals of
    Tabel 3.2 come first)."""
    laag, _ = cb.regel("zelfrapportage_leeftijd")
    mag = mee & (leeftijd >= int(laag))  # the upper bound holds at T0 (kinderen.leeftijd_t0 <= 18)
    factor = min(1.0, len(mee) / float(spec["ontwerp_kinderen_t0"]))
    aantallen = _patroon_aantallen(spec, cb.metingen, factor)
    gewicht = np.where(leeftijd[:, 0] > 12, float(spec["gewicht_ouder_dan_12"]), 1.0)
    zelf = np.zeros_like(mee)
    vrij = np.ones(len(mee), dtype=bool)
    tekort: dict[str, int] = {}
    for groep, patroon in _VOLGORDE:
        golven = np.array([ch == "1" for ch in patroon])
        in_groep = compleet if groep == "alle" else ~compleet
        kandidaten = np.flatnonzero(vrij & in_groep & mag[:, golven].all(axis=1))
        nodig = aantallen.get((groep, patroon), 0) + (tekort.pop(patroon, 0) if groep == "alle" else 0)
        k = min(nodig, len(kandidaten))
        if groep == "overig" and k < nodig:
            tekort[patroon] = nodig - k
        if k:
            g = gewicht[kandidaten]
            gekozen = rng.choice(kandidaten, k, replace=False, p=g / g.sum())
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
#: The child's CTSPC forms (Tabel 4.5): direct maltreatment and witnessed partner violence.
_DIRECT, _GETUIGE = ("fysiek", "psychisch"), ("getuige_fysiek", "getuige_psychisch")
#: Yearly incidents of the answers 3-8 (codebook rule cts_incidenten_per_jaar), largest first.
_WAARDEN = (25, 15, 8, 4, 2, 1)


def _top(idx: np.ndarray, score: np.ndarray, k: int) -> np.ndarray:
    """The ``k`` of ``idx`` with the highest ``score`` (indexed like the children)."""
    k = max(0, min(int(k), len(idx)))
    return idx[np.argsort(-score[idx], kind="stable")[:k]]


def _melders(idx: np.ndarray, k: dict[str, int], score: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Who reports which form among the children ``idx`` with exact numbers ``k`` per row of
    Tabel 4.5 (``direct``, ``getuige``, ``totaal`` and the four forms), nested as the table is:
    psychological and physical maltreatment within direct violence (a child with direct violence
    but no psychological reports physical), the same for witnessed violence, and the overlap of
    direct and witnessed violence = direct + witnessed - total. Within each step the highest
    ``score`` of that form goes first."""
    n = len(idx)
    kd = min(k["direct"], n)
    d = _top(idx, score["direct"], kd)
    kw = min(k["getuige"], n)
    overlap = int(np.clip(kd + kw - k["totaal"], max(0, kd + kw - n), min(kd, kw)))
    rest = np.setdiff1d(idx, d)
    w = np.concatenate([_top(d, score["getuige"], overlap), _top(rest, score["getuige"], kw - overlap)])
    uit = {}
    for groep, (fys, psy) in (("direct", _DIRECT), ("getuige", _GETUIGE)):
        lid = d if groep == "direct" else w
        p = _top(lid, score[psy], min(k[psy], len(lid)))
        alleen_fys = np.setdiff1d(lid, p)
        f = np.concatenate([alleen_fys, _top(p, score[fys], k[fys] - len(alleen_fys))])
        uit[psy], uit[fys] = np.sort(p), np.sort(f)
    return uit


def _greedy(totaal: int, plekken: int) -> list[int]:
    """``totaal`` yearly incidents as answer values (25, 15, 8, 4, 2, 1), largest first, in at
    most ``plekken`` items (the sum may fall short when the items run out)."""
    uit: list[int] = []
    for v in _WAARDEN:
        while totaal >= v and len(uit) < plekken:
            uit.append(v)
            totaal -= v
    return uit


def _totalen(gewicht: np.ndarray, gemiddelde: float, plekken: np.ndarray) -> np.ndarray:
    """Integer totals (>= 1), about proportional to ``gewicht``, that items can hold
    (:func:`_greedy`) and whose mean is ``gemiddelde`` as closely as integers allow."""
    k = len(gewicht)
    if k == 0:
        return np.zeros(0, dtype="int64")
    doel = max(int(np.floor(gemiddelde * k + 0.5)), k)
    ruw = gewicht / gewicht.sum() * (doel - k)
    t = 1 + np.floor(ruw).astype("int64")
    t[np.argsort(-(ruw - np.floor(ruw)), kind="stable")[:doel - int(t.sum())]] += 1
    som = lambda i, x: sum(_greedy(int(x), int(plekken[i])))  # noqa: E731
    t = np.array([som(i, x) for i, x in enumerate(t)], dtype="int64")
    volgorde = np.argsort(-gewicht, kind="stable")
    for _ in range(20 * k + 200):  # +-1 steps on representable totals until the sum is right
        tekort = doel - int(t.sum())
        if tekort == 0:
            break
        stap = 1 if tekort > 0 else -1
        for i in (volgorde if stap > 0 else volgorde[::-1]):
            nieuw = t[i] + stap
            if nieuw >= 1 and som(i, nieuw) == nieuw:
                t[i] = nieuw
                break
        else:
            break
    return t


def _ctspc_kind(rng: np.random.Generator, cb: Codebook, spec: dict[str, Any], wereld: dict[str, Any],
                zelf: np.ndarray, compleet: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Answers and missing mask (child, wave, item) of every child (only the self-report cells
    ``zelf`` are used).

    Per wave, separately in the complete families and the others: exact numbers of reporters
    per row of Tabel 4.5 (``aandeel`` x the self-reporters, :func:`_melders`), chosen by a score
    that follows the family's violence -- ``volgen`` x the standardised log of the acts of that
    form at that wave (towards this child: ``wereld["kindermishandeling_handelingen"]``; between
    its parents, both actors: ``wereld["partnergeweld_handelingen"]``) + ``openheid`` x a stable
    openness of the child + ``ruis`` x noise -- so a child reports where its family's violence
    is and stops reporting where it stopped. The reporters' yearly incidents per form have mean
    ``gemiddelde`` (exact as integers allow) and spread log-normally (sd ``spreiding``) by the
    same kind of score; they are put in the items of the form where the acts were, largest first,
    as the answers 3-8. Items without incidents answer 1 or 2 (the shared rule of
    :func:`analysis.synthetic._antwoorden`: an act before the study or reported in an earlier
    wave); the non-violent discipline items report the parents' acts thinned by ``meldkans``."""
    kind_gezin = wereld["ontwerp"]["kind_gezin"]
    instrument = cb.instrument("ctspc_kind")
    ouder_nrs = list(cb.items("ctspc_ouder").drop_duplicates("nr")["nr"])
    cts_nrs = list(cb.items("cts2").drop_duplicates("nr")["nr"])
    km = wereld["kindermishandeling_handelingen"]  # (child, wave, ctspc_ouder item)
    pg = wereld["partnergeweld_handelingen"].sum(axis=-1)[kind_gezin]  # (child, wave, cts2 item), both parents
    handelingen = np.stack([km[:, :, ouder_nrs.index(i["ctspc_ouder_nr"])] if i.get("ctspc_ouder_nr") is not None
                            else pg[:, :, cts_nrs.index(i["cts2_nr"])] for i in instrument["items"]], axis=-1)
    subschaal = np.array([i["subschaal"] for i in instrument["items"]], dtype=object)
    n, w, n_items = handelingen.shape
    ontbreekt = rng.random(handelingen.shape) < float(spec["ontbrekend"])
    open_ = rng.standard_normal(n)
    gemeld = np.zeros(handelingen.shape, dtype="int64")
    disc = subschaal == "disciplinering"
    gemeld[:, :, disc] = rng.binomial(handelingen[:, :, disc], float(spec["meldkans"]))

    def intensiteit(kolommen: np.ndarray, j: int) -> np.ndarray:
        x = np.log1p(handelingen[:, j][:, kolommen].sum(axis=1).astype(float))
        return _z(x)

    for j, m in enumerate(cb.metingen):
        aandeel = spec["aandeel"][m]
        gem = spec["gemiddelde"][m]
        vorm_int = {v: intensiteit(subschaal == v, j) for v in (*_DIRECT, *_GETUIGE)}
        vorm_int["direct"] = intensiteit(np.isin(subschaal, _DIRECT), j)
        vorm_int["getuige"] = intensiteit(np.isin(subschaal, _GETUIGE), j)
        score = {v: float(spec["volgen"]) * x + float(spec["openheid"]) * open_ + float(spec["ruis"]) * rng.standard_normal(n)
                 for v, x in vorm_int.items()}
        for groep in (compleet, ~compleet):
            idx = np.flatnonzero(zelf[:, j] & groep)
            if not len(idx):
                continue
            k = {r: int(np.floor(float(a) / 100 * len(idx) + 0.5)) for r, a in aandeel.items()}
            melders = _melders(idx, k, score)
            for vorm in (*_DIRECT, *_GETUIGE):
                wie = melders[vorm]
                kolommen = np.flatnonzero(subschaal == vorm)
                vrij = ~ontbreekt[wie][:, j][:, kolommen]  # (reporter, item of the form)
                ok = vrij.any(axis=1)
                wie, vrij = wie[ok], vrij[ok]
                rang = score[vorm][wie] + float(spec["ruis"]) * rng.standard_normal(len(wie))
                q = (np.argsort(np.argsort(rang, kind="stable"), kind="stable") + 0.5) / max(len(wie), 1)
                gewicht = np.exp(float(spec["spreiding"]) * norm.ppf(q))
                totalen = _totalen(gewicht, float(gem[vorm]), vrij.sum(axis=1))
                # items of the form: where this child's acts were first (most acts first), then at random
                voorkeur = handelingen[wie, j][:, kolommen] + rng.random((len(wie), len(kolommen)))
                for r, kind in enumerate(wie):
                    volg = [kolommen[c] for c in np.argsort(-voorkeur[r], kind="stable") if vrij[r, c]]
                    for item, waarde in zip(volg, _greedy(int(totalen[r]), len(volg))):
                        gemeld[kind, j, item] = waarde
    grenzen, codes, pa = wereld["klassen"]
    verwacht_t0 = handelingen[:, 0, :] * float(spec["meldkans"])
    antwoord, _ = _antwoorden(rng, gemeld, verwacht_t0, grenzen, codes, {**pa, "ontbrekend_aandeel": 0.0})
    return antwoord, ontbreekt


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

    compleet = o["deelname"][kind_gezin].all(axis=1)  # the child's family took part in all three waves
    # Lists about the child per wave (questionnaire non-response); the help domain may read it.
    # Families without a violence questionnaire at a wave (whole-questionnaire non-response of the
    # parents' CTS2/CTSPC, set by analysis.synthetic when modelled): chapter 8 has no group for a
    # family without one at the last wave, so §8.4.1's children are counted among the others.
    zonder = wereld.get("geen_geweldsvragenlijst")
    in_analyse = None if zonder is None else ~np.asarray(zonder, dtype=bool)[kind_gezin, -1]
    met_lijsten = _lijsten(rng, cb, pk["lijsten"], mee, compleet, in_analyse)
    wereld["kind_lijsten"] = met_lijsten
    zelf = _zelfrapportage(rng, cb, pk["zelfrapportage"], met_lijsten, leeftijd, compleet)
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
    antwoord, ontbreekt = _ctspc_kind(rng, cb, {**pk["ctspc_kind"], "ontbrekend": ontbrekend}, wereld, zelf, compleet)
    items = cb.items("ctspc_kind")
    tabellen["ctspc_kind"] = _antwoordtabel(sleutel_z, items, antwoord[z_rij, z_wm], ontbreekt[z_rij, z_wm],
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
    # (pair, wave): the parent takes part and the child has lists at the wave
    p_mee = o["deelname"][ouder_gezin[paar_ouder]] & o["kind_deelname"][paar_kind] & met_lijsten[paar_kind]
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
