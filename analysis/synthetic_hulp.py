"""Synthetic generator, domain: help received (IPS/ISS), its usefulness and importance, and personality (QBF, HiPIC).

Called by :func:`analysis.synthetic.generate` with its own random stream and the shared
``wereld`` (design, latent violence, background; see there). Parameters: ``hulp`` in
``synthetic_parameters_hulp.yaml``.

The model, in short:

* per parent a latent *need for help* from the family's violence at T0 and the parent's background
  problems (ACE, poverty, unemployment, living alone, trauma complaints, parenting stress), and per
  child from the child's maltreatment intensity and the first parent's need; per provider type a
  latent = loading x need + own noise;
* who received help during the study, exactly in the printed shares within two groups (families
  in all three waves, the others), so Tabel 7.1/7.4 come out to the rounding (:func:`_toewijzen`):
  first 'geen hulp' (lowest help seeking), then formal help (highest help seeking) among the rest,
  informal help for everyone in between and a share of those with formal help, then each provider
  type by rank of its latent among those with formal help (the row 'Hulp gericht op KM/HG' =
  Veilig Thuis or other as a whole first), everyone with formal help at least one type (an
  uncovered respondent takes a type over from someone with two or more and the same problems);
* in the families of all three waves these choices also follow the respondents' problems at T0:
  per help row the share of each problem group that received it (Tabel 7.2/7.5) and, for parents,
  the share of the no-help group with each problem (Tabel 7.3), by one-for-one swaps from the
  top of the latent ranking (:func:`_kies`). The parents' problems are derived from the
  generator's own answers as the analysis derives them (:func:`_problemen_ouders`); of the
  children's only maltreatment can be, the others enter as the probability that the analysis finds
  the problem given the child's outcome latent (``wereld["kind_uitkomsten"]``) and whether an
  instrument about the child is filled in (:func:`_problemen_kinderen`);
* per wave "ja" with a probability per wave (help declines), at least once for a received type,
  only at waves taken part in; only "nee" answers are ever left missing, a few respondents skip
  the whole help section (Tabel 7.1: N=632 of 633, Tabel 7.4: N=931 of 978);
* for children the first parent reports every type the child received (in some wave), a second
  parent and the child itself (8-18, self-reporting) report part of them;
* importance and usefulness (T2 only) per rated category: latents = a person part (shared over
  the categories) + an own part, nut's own part following belang's (more closely for bad than for
  good help); belang answers 1-5 by rank in the proportions ``verdeling`` (exactly, within the
  same two groups), nut answers per belang answer in the conditional shares the latent model
  implies (simulated), in counts that also give nut's own ``verdeling`` exactly;
* QBF and HiPIC answers from trait latents (stable from T0 to T1) with the shared Likert helper.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from analysis.codebook import Codebook
from analysis.synthetic import _antwoordtabel, _likert

__all__ = ["genereer"]

INFORMEEL, FORMEEL_TOTAAL = "informeel", "formeel_totaal"  # rating categories beyond one IPS type


# ---------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------
def _z(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    sd = x.std()
    return (x - x.mean()) / sd if sd > 0 else np.zeros_like(x)


def _verdeel(latent: np.ndarray, verdeling: list[float], groep: np.ndarray, mag: np.ndarray) -> np.ndarray:
    """Answers 1..k assigned by rank of ``latent`` (low latent = 1) in the proportions
    ``verdeling`` (largest remainder), exactly within each group of ``mag``; 0 elsewhere."""
    kansen = np.asarray(verdeling, dtype=float)
    uit = np.zeros(len(latent), dtype="int64")
    if kansen.sum() <= 0:
        return uit
    kansen = kansen / kansen.sum()
    for g in np.unique(groep[mag]):
        idx = np.flatnonzero(mag & (groep == g))
        quota = kansen * len(idx)
        aantal = np.floor(quota).astype(int)
        rest = len(idx) - aantal.sum()
        aantal[np.argsort(-(quota - aantal), kind="stable")[:rest]] += 1
        volgorde = idx[np.argsort(latent[idx], kind="stable")]
        uit[volgorde] = np.repeat(np.arange(1, len(kansen) + 1), aantal)
    return uit


def _per_meting(rng: np.random.Generator, ooit: np.ndarray, doet_mee: np.ndarray, kans: np.ndarray) -> np.ndarray:
    """'ja' per wave (n, wave) for received help ``ooit`` (n,): at waves taken part in with
    probability ``kans`` per wave, and at least once (a random wave taken part in, by ``kans``)."""
    ja = ooit[:, None] & doet_mee & (rng.random(doet_mee.shape) < kans)
    leeg = ooit & ~ja.any(axis=1) & doet_mee.any(axis=1)
    if leeg.any():
        gewicht = doet_mee[leeg] * kans * rng.random((int(leeg.sum()), doet_mee.shape[1]))
        ja[np.flatnonzero(leeg), gewicht.argmax(axis=1)] = True
    return ja


def _codes(cb: Codebook, instrument: str) -> list[str]:
    return list(cb.items(instrument)["subschaal"])


def _kans_per_meting(spec: dict[str, float], metingen: list[str]) -> np.ndarray:
    return np.array([float(spec[m]) for m in metingen])


# ---------------------------------------------------------------------------------------
# Need for help
# ---------------------------------------------------------------------------------------
def _behoefte_ouders(cb: Codebook, ph: dict[str, Any], wereld: dict[str, Any]) -> np.ndarray:
    """Standardised need for help per parent from violence and background problems at T0."""
    o, a, w = wereld["ontwerp"], wereld["achtergrond"], wereld["welzijn"]
    g = o["ouder_gezin"]
    gewicht = ph["behoefte"]
    delen = {
        "geweld": wereld["geweld"][g, 0],
        "ace": w["ace"][:, 0, :].sum(axis=1),
        "armoede": np.isin(a["inkomen"][:, 0], cb.regel("risico_armoede_inkomen")).astype(float),
        "werkloos": (a["uren"][:, 0] < cb.regel("risico_werkloos_uren_minder_dan")).astype(float),
        "alleenstaand": np.isin(a["gezinssamenstelling"][:, 0], cb.regel("risico_alleenstaand")).astype(float),
        "trauma": w["tsi"][:, 0, :].mean(axis=1),
        "opvoedstress": w["nosik"][:, 0, :].sum(axis=1),
    }
    return _z(sum(float(gewicht[k]) * _z(v) for k, v in delen.items()))


def _jaarlijks(cb: Codebook, wereld: dict[str, Any], aantal: np.ndarray) -> np.ndarray:
    """Yearly incidents as the analysis counts them from an act count: the count's answer class
    (the generator's class bounds, ``wereld["klassen"]``) and that answer's count in rule
    ``cts_incidenten_per_jaar``; 0 for no acts."""
    grenzen, codes = wereld["klassen"][0], wereld["klassen"][1]
    regel = {int(k): float(v) for k, v in cb.regel("cts_incidenten_per_jaar").items()}
    per_code = np.array([regel[int(c)] for c in codes])
    klasse = np.clip(np.searchsorted(grenzen, aantal, side="right") - 1, 0, len(codes) - 1)
    return np.where(aantal >= 1, per_code[klasse], 0.0)


def _mild_ernstig(cb: Codebook, instrument: str, incidenten: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mild and severe yearly incidents per row of ``incidenten`` (row, item[, perspective]); the
    items are the instrument's numbers in order, their severity from the codebook."""
    ernst = cb.items(instrument).drop_duplicates("nr")["ernst"].to_numpy()
    som = lambda kies: incidenten[:, kies].reshape(len(incidenten), -1).sum(axis=1)  # noqa: E731
    return som(ernst == "mild"), som(ernst == "ernstig")


def _problemen_ouders(cb: Codebook, ph: dict[str, Any], wereld: dict[str, Any]) -> np.ndarray:
    """The background problems of Tabel 7.2/7.3 per parent at T0 (parent x ``ouders.problemen``;
    1/0, NaN = unknown), as the analysis derives them from the answers the generator made:
    partner violence in the family not "geen" (the acts of both partners in yearly incidents, the
    cut-offs of §2.5.1), four or more ACE's, poverty, unemployment, risky drinking of the parent
    and of the (ex-)partner (the Audit-C rule of §2.5.5), single parenthood, low education,
    clinical trauma (TSI scoring of :mod:`analysis.scoring_ouders` on the T0 answers; NaN for an
    invalid list) and high parenting stress (the NOSI-K sums at T0 above the share
    ``opvoedstress_hoog_aandeel``: the analysis's cut-off is the reference group's, made later)."""
    from analysis import scoring
    from analysis.scoring_ouders import glazen_per_week, tsi_scores  # the rules of §2.5.3 / §2.5.5

    o, a, w = wereld["ontwerp"], wereld["achtergrond"], wereld["welzijn"]
    g = o["ouder_gezin"]
    audit = w["auditc"][:, 0]  # (parent, item, perspective)

    def drinkt(perspectief: int) -> np.ndarray:
        glazen = glazen_per_week(pd.Series(audit[:, 0, perspectief]), pd.Series(audit[:, 1, perspectief]))
        return (glazen.fillna(0).to_numpy() > float(cb.regel("risico_alcohol_glazen_meer_dan"))).astype(float)

    mild, ernstig = _mild_ernstig(cb, "cts2", _jaarlijks(cb, wereld, wereld["partnergeweld_handelingen"][:, 0]))
    geen = (ernstig == 0) & (mild <= scoring.PARTNERGEWELD_GEEN_MAX_MILD)
    items = cb.items("tsi")
    tsi = pd.DataFrame(w["tsi"][:, 0, :], columns=list(items["kolom"]))
    tsi.insert(0, "ouder_id", wereld["ouder_id"])
    tsi.insert(1, "meting", cb.metingen[0])
    stress = w["nosik"][:, 0, :].sum(axis=1)
    problemen = {
        "partnergeweld": (~geen[g]).astype(float),
        "ace": (w["ace"][:, 0, :].sum(axis=1) >= float(cb.regel("risico_ace_min"))).astype(float),
        "armoede": np.isin(a["inkomen"][:, 0], cb.regel("risico_armoede_inkomen")).astype(float),
        "werkloos": (a["uren"][:, 0] < cb.regel("risico_werkloos_uren_minder_dan")).astype(float),
        "alcohol": drinkt(0),
        "alcohol_partner": drinkt(1),
        "alleenstaand": np.isin(a["gezinssamenstelling"][:, 0], cb.regel("risico_alleenstaand")).astype(float),
        "laagopgeleid": np.isin(a["opleiding"][:, 0], cb.regel("risico_laagopgeleid")).astype(float),
        "trauma": tsi_scores(tsi)["getraumatiseerd"].to_numpy(dtype=float),
        "opvoedstress_hoog": (stress >= np.quantile(stress, 1 - float(ph["ouders"]["opvoedstress_hoog_aandeel"]))).astype(float),
    }
    return np.column_stack([problemen[p] for p in ph["ouders"]["problemen"]])


def _problemen_kinderen(cb: Codebook, ph: dict[str, Any], wereld: dict[str, Any]) -> np.ndarray:
    """The problems of Tabel 7.5 per child at T0 (child x ``kinderen.problemen``) as weights: child
    maltreatment 1/0 as the analysis derives it from the parents' CTSPC (the acts in yearly
    incidents, cut-off of §2.5.1); for trauma, insecure attachment, emotional insecurity and
    problem behaviour the probability that the analysis finds the problem: 0 where no instrument
    about the child is filled in at T0 (the instruments' age windows, self-reports in
    ``wereld["kind_zelfrapportage"]``), else a probit of the child's outcome latent at T0
    (``wereld["kind_uitkomsten"]``, set by the children's domain) with ``kinderen.meting`` [intercept,
    slope], one for children judged by their parents only (``probit``) and one for children who
    also report themselves (``probit_zelf``: a second list makes the problem likelier to be found);
    fitted offline to how the analysis classifies the generated answers."""
    from scipy.stats import norm

    from analysis import scoring

    o = wereld["ontwerp"]
    n = len(o["kind_gezin"])
    mee = np.asarray(o["kind_deelname"], dtype=bool)[:, 0]
    zelf = wereld.get("kind_zelfrapportage")
    zelf = np.zeros(n, dtype=bool) if zelf is None else np.asarray(zelf, dtype=bool)[:, 0]
    leeftijd = np.asarray(o["kind_leeftijd"], dtype=float)

    def venster(tabel: str) -> np.ndarray:
        laag, hoog = cb.tabellen[tabel]["leeftijd"]
        return mee & (leeftijd >= laag) & (leeftijd <= hoog)

    km = np.asarray(wereld["kindermishandeling_handelingen"])[:, 0]
    mild, ernstig = _mild_ernstig(cb, "ctspc_ouder", _jaarlijks(cb, wereld, km))
    uit = {"kindermishandeling": ((mild + ernstig) > scoring.KINDERMISHANDELING_GEEN_MAX).astype(float)}
    latent = wereld.get("kind_uitkomsten")
    if latent is None:  # without the children's domain only maltreatment is known
        return np.column_stack([uit.get(p, np.zeros(n)) for p in ph["kinderen"]["problemen"]])
    meetbaar = {"kindtrauma": venster("tscyc") | zelf, "onveilige_hechting": venster("security_scale_ouder") | zelf,
                "emotioneel_onveilig": venster("sims_pr") | zelf, "probleemgedrag": zelf}
    for probleem, spec in ph["kinderen"]["meting"].items():
        x = float(spec["richting"]) * np.asarray(latent[spec["uitkomst"]], dtype=float)[:, 0]
        ouder, eigen = spec.get("probit", [0.0, 0.0]), spec.get("probit_zelf", spec.get("probit"))
        z = np.where(zelf, eigen[0] + eigen[1] * x, ouder[0] + ouder[1] * x)
        uit[probleem] = np.where(meetbaar[probleem], norm.cdf(z), 0.0)
    return np.column_stack([uit[p] for p in ph["kinderen"]["problemen"]])


# ---------------------------------------------------------------------------------------
# The domain
# ---------------------------------------------------------------------------------------
def genereer(rng: np.random.Generator, cb: Codebook, p: dict[str, Any], wereld: dict[str, Any]) -> dict[str, pd.DataFrame]:
    """The tables of this domain: IPS/ISS of parents (about themselves and their children) and
    children (8-18), nut and belang (T2), QBF (parents) and HiPIC (children)."""
    ph = p["hulp"]
    # Own streams for the ratings and for personality, so that a change in how help is assigned
    # does not re-draw them (they depend on who received which help, not on its random numbers).
    rng_oordeel, rng_persoon = (np.random.Generator(np.random.PCG64(int(z))) for z in rng.integers(0, 2**63, size=2))
    metingen = cb.metingen
    meting = np.array(metingen, dtype=object)
    o = wereld["ontwerp"]
    deelname = o["deelname"]
    g_ouder, g_kind = o["ouder_gezin"], o["kind_gezin"]
    n_o, n_k, w = len(g_ouder), len(g_kind), len(metingen)
    ouder_id, kind_id = wereld["ouder_id"], wereld["kind_id"]
    alle_gezin = deelname.all(axis=1)
    ontbrekend = float(ph["ontbrekend_nee"])
    t2 = metingen.index(cb.regel("hulp_oordeel_meting"))

    # ---- parents about themselves -----------------------------------------------------
    po = ph["ouders"]
    o_mee = deelname[g_ouder]  # (parent, wave)
    o_groep = alle_gezin[g_ouder].astype(int)
    o_bekend = rng.random(n_o) >= po["sectie_overgeslagen"]
    behoefte = _behoefte_ouders(cb, ph, wereld)
    zoekt = po["behoefte"] * behoefte + np.sqrt(1 - po["behoefte"] ** 2) * rng.standard_normal(n_o)
    kans_w = _kans_per_meting(po["per_meting"], metingen)

    def latenten(codes: list[str], lading: dict[str, float] | float, basis: np.ndarray) -> dict[str, np.ndarray]:
        uit = {}
        for code in codes:
            lad = float(lading[code] if isinstance(lading, dict) else lading)
            uit[code] = lad * basis + np.sqrt(max(1 - lad**2, 0)) * rng.standard_normal(len(basis))
        return uit

    ips_codes = _codes(cb, "ips_ouder")
    rijen = cb.regel("hulp_rijen")
    # Who received which help: exact shares, and among the families in all three waves also per
    # background problem at T0 (Tabel 7.2/7.3 margins, see _toewijzen).
    problemen = _problemen_ouders(cb, ph, wereld)
    o_latent = latenten(ips_codes, po["lading"], zoekt)
    o_formeel, o_ooit, o_informeel = _toewijzen(rng, po, zoekt, o_latent, rijen, o_groep, o_bekend, problemen)
    iss_codes_o = _codes(cb, "iss_ouder")
    o_bron = _bronnen(rng, o_informeel, iss_codes_o, po["bronnen"])

    tabellen: dict[str, pd.DataFrame] = {}
    rij, wm = np.nonzero(o_mee)
    sleutel_o = {"ouder_id": ouder_id[rij], "meting": meting[wm]}
    tabellen["ips_ouder"] = _janee_tabel(rng, cb, "ips_ouder", sleutel_o, o_ooit, o_mee, kans_w, o_bekend, rij, wm, ontbrekend)
    tabellen["iss_ouder"] = _janee_tabel(rng, cb, "iss_ouder", sleutel_o, o_bron, o_mee, kans_w, o_bekend, rij, wm, ontbrekend)

    # ---- children: what they received, reported by parents and by themselves -------------
    pk = ph["kinderen"]
    k_mee = o["kind_deelname"]
    k_groep = alle_gezin[g_kind].astype(int)
    k_bekend = rng.random(n_k) >= pk["sectie_overgeslagen"]
    eerste_ouder = np.full(len(deelname), -1)
    eerste_ouder[g_ouder[::-1]] = np.arange(n_o)[::-1]  # the first parent of each family
    km = wereld["kindermishandeling_intensiteit"][:, 0]
    k_behoefte = _z(pk["gewicht_mishandeling"] * _z(np.log1p(km)) + pk["gewicht_ouder"] * zoekt[eerste_ouder[g_kind]])
    k_zoekt = pk["behoefte"] * k_behoefte + np.sqrt(1 - pk["behoefte"] ** 2) * rng.standard_normal(n_k)
    ips_codes_k = _codes(cb, "ips_ouder_kind")
    k_problemen = _problemen_kinderen(cb, ph, wereld)
    k_latent = latenten(ips_codes_k, pk["lading"], k_zoekt)
    k_formeel, k_ooit, k_informeel = _toewijzen(rng, pk, k_zoekt, k_latent, rijen, k_groep, k_bekend, k_problemen)
    iss_codes_k = _codes(cb, "iss_ouder_kind")
    k_bron = _bronnen(rng, k_informeel, iss_codes_k, pk["bronnen"])
    kans_kw = _kans_per_meting(pk["per_meting"], metingen)

    paar_ouder, paar_kind = wereld["paar_ouder"], wereld["paar_kind"]
    is_eerste = eerste_ouder[g_ouder[paar_ouder]] == paar_ouder
    # The first parent reports every type received; a second parent each with `meldkans_partner`.
    def paar_ooit(ooit: dict[str, np.ndarray], meldkans: float) -> dict[str, np.ndarray]:
        return {c: v[paar_kind] & (is_eerste | (rng.random(len(paar_kind)) < meldkans)) for c, v in ooit.items()}

    p_mee = k_mee[paar_kind]
    p_rij, p_wm = np.nonzero(p_mee)
    sleutel_p = {"ouder_id": ouder_id[paar_ouder[p_rij]], "kind_id": kind_id[paar_kind[p_rij]], "meting": meting[p_wm]}
    paar_ips = paar_ooit(k_ooit, pk["meldkans_partner"])
    paar_iss = paar_ooit(k_bron, pk["meldkans_partner"])
    tabellen["ips_ouder_kind"] = _janee_tabel(rng, cb, "ips_ouder_kind", sleutel_p, paar_ips, p_mee, kans_kw,
                                              k_bekend[paar_kind], p_rij, p_wm, ontbrekend)
    tabellen["iss_ouder_kind"] = _janee_tabel(rng, cb, "iss_ouder_kind", sleutel_p, paar_iss, p_mee, kans_kw,
                                              k_bekend[paar_kind], p_rij, p_wm, ontbrekend)

    # Children who fill in questionnaires themselves (8-18): the children's domain may put its
    # selection in wereld["kind_zelfrapportage"] (child, wave); otherwise this domain's own.
    zelf = wereld.get("kind_zelfrapportage")
    if zelf is None:
        zelf = _zelfrapportage(rng, ph["zelfrapportage"], o, k_mee, metingen)
    zelf = np.asarray(zelf, dtype=bool)
    zelf_ooit = {c: v & (rng.random(n_k) < pk["meldkans_kind"]) for c, v in k_ooit.items()}
    zelf_bron = {c: v & (rng.random(n_k) < pk["meldkans_kind"]) for c, v in k_bron.items()}
    z_rij, z_wm = np.nonzero(zelf)
    sleutel_z = {"kind_id": kind_id[z_rij], "meting": meting[z_wm]}
    tabellen["ips_kind"] = _janee_tabel(rng, cb, "ips_kind", sleutel_z, zelf_ooit, zelf, kans_kw, k_bekend, z_rij, z_wm, ontbrekend)
    tabellen["iss_kind"] = _janee_tabel(rng, cb, "iss_kind", sleutel_z, zelf_bron, zelf, kans_kw, k_bekend, z_rij, z_wm, ontbrekend)

    # ---- importance and usefulness (T2) ---------------------------------------------------
    po_o = ph["oordeel"]["ouder"]
    formeel_codes = cb.regel("hulp_formeel")
    ontvangen_o = {**{c: v for c, v in o_ooit.items()}, INFORMEEL: o_informeel}
    mag_o = o_mee[:, t2] & o_bekend
    oordeel_o = _oordelen(rng_oordeel, cb, "ouder", po_o, ontvangen_o, formeel_codes, mag_o, o_groep)
    rij_t2 = np.flatnonzero(o_mee[:, t2])
    for soort in ("belang", "nut"):
        naam = f"hulp_{soort}_ouder"
        tabellen[naam] = _oordeel_tabel(cb, naam, {"ouder_id": ouder_id[rij_t2], "meting": meting[np.full(len(rij_t2), t2)]},
                                        oordeel_o[soort], rij_t2)

    # Parents about a child: per (parent, child) pair; exact for the first parents, a second
    # parent mostly agrees with the first.
    pk_o = ph["oordeel"]["ouder_kind"]
    ontvangen_p = {**paar_ips, INFORMEEL: np.any([paar_iss[c] for c in paar_iss], axis=0)}
    mag_p = p_mee[:, t2] & k_bekend[paar_kind]
    p_groep = k_groep[paar_kind] + 2 * (~is_eerste)
    oordeel_p = _oordelen(rng_oordeel, cb, "ouder_kind", pk_o, ontvangen_p, formeel_codes, mag_p, p_groep)
    eerste_paar = {}
    for j in np.flatnonzero(is_eerste):
        eerste_paar[paar_kind[j]] = j
    tweede = np.flatnonzero(~is_eerste)
    partner = np.array([eerste_paar.get(paar_kind[j], -1) for j in tweede], dtype=int)
    for soort in ("belang", "nut"):
        a = oordeel_p[soort]
        for kol in range(a.shape[1]):
            bron = a[partner, kol]
            zelfde = (partner >= 0) & (bron > 0) & (a[tweede, kol] > 0) & (rng_oordeel.random(len(tweede)) < pk_o["zelfde_als_partner"])
            a[tweede[zelfde], kol] = bron[zelfde]
    pr_t2 = np.flatnonzero(p_mee[:, t2])
    for soort in ("belang", "nut"):
        naam = f"hulp_{soort}_ouder_kind"
        tabellen[naam] = _oordeel_tabel(cb, naam, {"ouder_id": ouder_id[paar_ouder[pr_t2]], "kind_id": kind_id[paar_kind[pr_t2]],
                                                   "meting": meting[np.full(len(pr_t2), t2)]}, oordeel_p[soort], pr_t2)

    # Youth about their own help (what they reported themselves).
    pj = ph["oordeel"]["kind"]
    zelf_informeel = np.any([zelf_bron[c] for c in zelf_bron], axis=0)
    ontvangen_z = {**zelf_ooit, INFORMEEL: zelf_informeel}
    mag_z = zelf[:, t2] & k_bekend
    oordeel_z = _oordelen(rng_oordeel, cb, "kind", pj, ontvangen_z, formeel_codes, mag_z, k_groep)
    zr_t2 = np.flatnonzero(zelf[:, t2])
    for soort in ("belang", "nut"):
        naam = f"hulp_{soort}_kind"
        tabellen[naam] = _oordeel_tabel(cb, naam, {"kind_id": kind_id[zr_t2], "meting": meting[np.full(len(zr_t2), t2)]},
                                        oordeel_z[soort], zr_t2)

    # ---- personality ------------------------------------------------------------------------
    tabellen["qbf"] = _qbf(rng_persoon, cb, ph["qbf"], wereld, o_mee, ouder_id, meting)
    tabellen["hipic"] = _hipic(rng_persoon, cb, ph["hipic"], zelf, kind_id, meting)
    return tabellen


def _kies(score: np.ndarray, k: int, mag: np.ndarray, kenmerken: np.ndarray | None = None,
          doelen: np.ndarray | None = None) -> np.ndarray:
    """Exactly ``k`` of ``mag`` (True), by rank of ``score``, and with margins: where ``kenmerken``
    (n x m, a weight per respondent and problem: 0/1 or a probability) and ``doelen`` (m target
    sums over the chosen) are given, the top ``k`` are improved by one-for-one swaps, each time the
    swap that brings the chosen's sums closest to the targets (squared deviation relative to each
    problem's total weight among ``mag``), among equal swaps the one that costs the least score;
    until no swap helps. Deterministic."""
    idx = np.flatnonzero(mag)
    uit = np.zeros(len(score), dtype=bool)
    k = int(min(max(k, 0), len(idx)))
    if k == 0:
        return uit
    volgorde = idx[np.argsort(-score[idx], kind="stable")]
    uit[volgorde[:k]] = True
    if kenmerken is None or doelen is None or k == len(idx):
        return uit
    doel = np.asarray(doelen, dtype=float)
    telt = ~np.isnan(doel)  # problems without a target do not count
    K = np.nan_to_num(np.asarray(kenmerken, dtype=float)[idx][:, telt])
    doel = doel[telt]
    schaal = np.maximum(K.sum(axis=0), 1.0)
    s = np.asarray(score, dtype=float)[idx]
    gekozen = uit[idx]
    for _ in range(4 * len(idx)):
        afwijking = (K[gekozen].sum(axis=0) - doel) / schaal
        nu = float(np.sum(afwijking**2))
        binnen, buiten = np.flatnonzero(gekozen), np.flatnonzero(~gekozen)
        # new deviation for swapping out a (rows) and in b (columns)
        nieuw = afwijking[None, None, :] + (K[buiten][None, :, :] - K[binnen][:, None, :]) / schaal
        winst = nu - np.sum(nieuw**2, axis=2)
        beste = winst.max()
        if beste <= 1e-12:
            break
        kosten = s[binnen][:, None] - s[buiten][None, :]
        kandidaat = winst >= beste - 1e-12
        a, b = np.unravel_index(np.argmin(np.where(kandidaat, kosten, np.inf)), winst.shape)
        gekozen[binnen[a]], gekozen[buiten[b]] = False, True
    uit[idx] = gekozen
    return uit


def _toewijzen(rng: np.random.Generator, spec: dict[str, Any], zoekt: np.ndarray, latent: dict[str, np.ndarray],
               rijen: dict[str, list[str]], groep: np.ndarray, bekend: np.ndarray,
               kenmerken: np.ndarray | None) -> tuple[np.ndarray, dict[str, np.ndarray], np.ndarray]:
    """Who received formal help, each provider type and informal help, exactly in the shares of
    ``spec`` within each group (families in all three waves, the others), among those whose help
    is known (``bekend``). In the group of families in all three waves (``groep`` 1) the choices
    also follow the respondents' problems (``kenmerken``: n x problems, 0/1 or probability): per
    help row the share of each problem group that received it (``per_probleem``, Tabel 7.2/7.5),
    and for 'geen hulp' either that share or the share of the no-help group with each problem
    (``geen_hulp_groep``, Tabel 7.3); see :func:`_kies`.

    Order: no help at all (lowest help seeking and informal latent), formal help (highest help
    seeking) among the rest, informal help for everyone in between and a share of those with
    formal help, then the provider types among those with formal help (a two-type row of
    ``rijen`` as a whole first, then its types), everyone with formal help at least one type."""
    n = len(zoekt)
    lad = spec["lading_informeel"]
    inf_latent = lad * zoekt + np.sqrt(1 - lad**2) * rng.standard_normal(n)
    marges = spec.get("per_probleem") or {}
    geen_groep = spec.get("geen_hulp_groep")
    codes = list(latent)
    rij_kansen = spec.get("rijen", {})
    formeel = np.zeros(n, dtype=bool)
    informeel = np.zeros(n, dtype=bool)
    ooit = {c: np.zeros(n, dtype=bool) for c in codes}
    for g in np.unique(groep[bekend]):
        mag = bekend & (groep == g)
        n_g = int(mag.sum())
        K = kenmerken if (kenmerken is not None and g == 1) else None
        totaal = np.nan_to_num(K[mag]).sum(axis=0) if K is not None else None

        def doel(rij: str, basis: np.ndarray | None = None) -> np.ndarray | None:
            if K is None or rij not in marges:
                return None
            w = np.array([float(marges[rij].get(p, np.nan)) for p in spec["problemen"]])
            return w * totaal - (0.0 if basis is None else np.nan_to_num(K[basis]).sum(axis=0))

        def aantal(kans: float) -> int:
            return int(np.floor(kans * n_g + 0.5))

        k_geen = aantal(spec["kans_geen_hulp"])
        if K is not None and geen_groep:
            # a share over those whose status is known (Tabel 7.3): of the no-help group's expected known part
            bekend_deel = np.mean(~np.isnan(np.asarray(K, dtype=float)[mag]), axis=0)
            d_geen = np.array([float(geen_groep.get(p, np.nan)) for p in spec["problemen"]]) * k_geen * bekend_deel
        else:
            d_geen = doel("geen_hulp")
        geen = _kies(-(zoekt + inf_latent), k_geen, mag, K, d_geen)
        f = _kies(zoekt, aantal(spec["kans_formeel"]), mag & ~geen, K, doel("formeel"))
        rest = mag & ~geen & ~f
        inf = rest | _kies(inf_latent, aantal(spec["kans_informeel"]) - int(rest.sum()), f, K, doel("informeel", rest))
        formeel |= f
        informeel |= inf
        # provider types among those with formal help
        samengesteld = set()
        for rij, rij_kans in rij_kansen.items():
            eerste, tweede = rijen[rij]
            in_rij = _kies(np.maximum(latent[eerste], latent[tweede]), aantal(rij_kans), f, K, doel(rij))
            n_rij = int(in_rij.sum())
            een = _kies(latent[eerste], aantal(spec["kansen"][eerste]), in_rij)
            beide = aantal(spec["kansen"][eerste]) + aantal(spec["kansen"][tweede]) - n_rij
            twee = (in_rij & ~een) | _kies(latent[tweede], beide, een)
            ooit[eerste] |= een
            ooit[tweede] |= twee
            samengesteld |= {eerste, tweede}
        rij_van = {c: r for r, cs in rijen.items() for c in cs}
        enkel = [c for c in codes if c not in samengesteld]
        for c in enkel:
            ooit[c] |= _kies(latent[c], aantal(spec["kansen"][c]), f, K, doel(rij_van.get(c, c)))
        # Everyone with formal help has a type: an uncovered respondent takes a type (by its share)
        # over from someone with two or more types, preferably with the same problems.
        gewicht = np.array([spec["kansen"][c] for c in enkel]) / sum(spec["kansen"][c] for c in enkel)
        matrix = np.column_stack([ooit[c] for c in codes])
        kolom = {c: codes.index(c) for c in codes}
        profiel = np.nan_to_num(K) if K is not None else np.zeros((n, 1))
        for u in rng.permutation(np.flatnonzero(f & ~matrix.any(axis=1))):
            for j in rng.choice(len(enkel), size=len(enkel), replace=False, p=gewicht):
                kk = kolom[enkel[j]]
                donor = np.flatnonzero(mag & matrix[:, kk] & (matrix.sum(axis=1) >= 2))
                if len(donor):
                    afstand = np.abs(profiel[donor] - profiel[u]).sum(axis=1)
                    beste = donor[np.lexsort((latent[enkel[j]][donor], afstand))[0]]
                    matrix[beste, kk] = False
                    matrix[u, kk] = True
                    break
        for c in codes:
            ooit[c] = np.where(mag, matrix[:, kolom[c]], ooit[c])
    return formeel, ooit, informeel


def _bronnen(rng: np.random.Generator, informeel: np.ndarray, codes: list[str], kansen: dict[str, float]) -> dict[str, np.ndarray]:
    """Which informal sources (ISS) helped: each with its probability, at least one (the likeliest)."""
    uit = {c: informeel & (rng.random(len(informeel)) < float(kansen[c])) for c in codes}
    geen = informeel & ~np.any(list(uit.values()), axis=0)
    keuze = rng.choice(len(codes), size=len(informeel), p=np.array([kansen[c] for c in codes]) / sum(kansen[c] for c in codes))
    for i, c in enumerate(codes):
        uit[c] = uit[c] | (geen & (keuze == i))
    return uit


def _janee_tabel(rng: np.random.Generator, cb: Codebook, instrument: str, sleutels: dict[str, np.ndarray],
                 ooit: dict[str, np.ndarray], doet_mee: np.ndarray, kans: np.ndarray, bekend: np.ndarray,
                 rij: np.ndarray, wm: np.ndarray, ontbrekend: float) -> pd.DataFrame:
    """Wide 0/1 table of an IPS/ISS instrument for the rows (rij, wm) of ``doet_mee``."""
    items = cb.items(instrument)
    antwoord = np.zeros((len(rij), len(items)), dtype="int64")
    leeg = np.zeros_like(antwoord, dtype=bool)
    for j, code in enumerate(items["subschaal"]):
        ja = _per_meting(rng, ooit[code], doet_mee, kans)[rij, wm]
        antwoord[:, j] = ja.astype("int64")
        leeg[:, j] = ~bekend[rij] | (~ja & (rng.random(len(rij)) < ontbrekend))
    return _antwoordtabel(sleutels, items, antwoord, leeg, [(j,) for j in range(len(items))])


def _oordelen(rng: np.random.Generator, cb: Codebook, wie: str, spec: dict[str, Any], ontvangen: dict[str, np.ndarray],
              formeel_codes: list[str], mag: np.ndarray, groep: np.ndarray) -> dict[str, np.ndarray]:
    """Belang and nut answers (respondent, category of the belang instrument; 0 = not asked).

    Latents (low = positive): belang = person part + own part; nut = person part + own part that
    follows belang's own part with correlation ``samenhang`` = [below, above] the middle of
    belang's own part (judgements agree more about bad help than about good help)."""
    codes = _codes(cb, f"hulp_belang_{wie}")
    nut_codes = set(_codes(cb, f"hulp_nut_{wie}"))
    n = len(mag)
    persoon = rng.standard_normal(n)
    a = np.sqrt(spec["persoon"])
    rest = np.sqrt(1 - spec["persoon"])
    samenhang = spec["samenhang"]
    formeel = np.any([ontvangen[k] for k in formeel_codes if k in ontvangen], axis=0)
    kans_oordeel = spec.get("kans_oordeel", {})
    uit = {"belang": np.zeros((n, len(codes)), dtype="int64"), "nut": np.zeros((n, len(codes)), dtype="int64")}
    for j, code in enumerate(codes):
        heeft = formeel if code == FORMEEL_TOTAAL else ontvangen[code]
        kies = mag & heeft & (rng.random(n) < float(kans_oordeel.get(code, 1.0)))
        r = samenhang.get(code, samenhang["standaard"]) if isinstance(samenhang, dict) else samenhang
        laag, hoog = (float(r[0]), float(r[1])) if isinstance(r, list) else (float(r), float(r))
        eigen_b = rng.standard_normal(n)
        eigen_n = _volgt(rng, eigen_b, laag, hoog)
        uit["belang"][:, j] = _verdeel(a * persoon + rest * eigen_b, spec["verdeling"]["belang"][code], groep, kies)
        if code in nut_codes:
            # The joint distribution the latents imply (by simulation), then nut per belang answer
            # in exactly those conditional shares: the satisfaction cells do not depend on chance.
            kansen = _gezamenlijk(rng, spec["persoon"], laag, hoog, spec["verdeling"]["belang"][code],
                                  spec["verdeling"]["nut"][code])
            uit["nut"][:, j] = _verdeel_bij(a * persoon + rest * eigen_n, uit["belang"][:, j], kansen,
                                            spec["verdeling"]["nut"][code], groep, kies)
    return uit


def _verdeel_bij(latent: np.ndarray, eerste: np.ndarray, kansen: np.ndarray, verdeling: list[float],
                 groep: np.ndarray, mag: np.ndarray) -> np.ndarray:
    """Second answers given the first (``eerste``, 1..k) with conditional shares ``kansen`` (rows:
    first answer), in counts that also give the second answer's own shares ``verdeling`` exactly
    (largest remainder, then the leftover units to cells whose row and column still miss some);
    within a first answer by rank of ``latent``."""
    uit = np.zeros(len(latent), dtype="int64")
    marge = np.asarray(verdeling, dtype=float) / np.sum(verdeling)
    for g in np.unique(groep[mag]):
        idx = np.flatnonzero(mag & (groep == g))
        rijen = np.bincount(eerste[idx] - 1, minlength=kansen.shape[0])
        quota = marge * len(idx)
        kolommen = np.floor(quota).astype(int)
        kolommen[np.argsort(-(quota - kolommen), kind="stable")[: len(idx) - kolommen.sum()]] += 1
        verwacht = rijen[:, None] * kansen
        aantal = np.floor(verwacht).astype(int)
        for cel in np.argsort(-(verwacht - aantal), axis=None, kind="stable"):
            r, c = divmod(int(cel), kansen.shape[1])
            if aantal[r].sum() < rijen[r] and aantal[:, c].sum() < kolommen[c]:
                aantal[r, c] += 1
        for r in range(len(rijen)):
            while aantal[r].sum() < rijen[r]:
                tekort = np.flatnonzero(aantal.sum(axis=0) < kolommen)
                c = int(tekort[0]) if len(tekort) else int(np.argmax(kansen[r]))
                aantal[r, c] += 1
        for r in range(len(rijen)):
            rij_idx = idx[eerste[idx] == r + 1]
            volgorde = rij_idx[np.argsort(latent[rij_idx], kind="stable")]
            uit[volgorde] = np.repeat(np.arange(1, kansen.shape[1] + 1), aantal[r])
    return uit


def _volgt(rng: np.random.Generator, eigen_b: np.ndarray, laag: float, hoog: float) -> np.ndarray:
    """A standard-normal part correlated with ``eigen_b``: ``laag`` below its middle, ``hoog`` above."""
    rho = np.where(eigen_b > 0, hoog, laag)
    return rho * eigen_b + np.sqrt(1 - rho**2) * rng.standard_normal(len(eigen_b))


def _gezamenlijk(rng: np.random.Generator, persoon: float, laag: float, hoog: float, verdeling_b: list[float],
                 verdeling_n: list[float], n: int = 40_000) -> np.ndarray:
    """Joint answer shares (belang x nut) of the latent model, by simulation, rows normalised."""
    p = rng.standard_normal(n)
    eigen_b = rng.standard_normal(n)
    eigen_n = _volgt(rng, eigen_b, laag, hoog)
    a, rest = np.sqrt(persoon), np.sqrt(1 - persoon)
    alle = np.ones(n, dtype=bool)
    nul = np.zeros(n, dtype="int64")
    b = _verdeel(a * p + rest * eigen_b, verdeling_b, nul, alle)
    v = _verdeel(a * p + rest * eigen_n, verdeling_n, nul, alle)
    k_b, k_n = len(verdeling_b), len(verdeling_n)
    tabel = np.bincount((b - 1) * k_n + (v - 1), minlength=k_b * k_n).reshape(k_b, k_n).astype(float)
    return tabel / np.maximum(tabel.sum(axis=1, keepdims=True), 1.0)


def _oordeel_tabel(cb: Codebook, naam: str, sleutels: dict[str, np.ndarray], antwoord: np.ndarray,
                   rijen: np.ndarray) -> pd.DataFrame:
    """Wide table of a nut/belang instrument; columns follow the belang categories (0 = empty)."""
    items = cb.items(naam)
    alle = _codes(cb, naam.replace("hulp_nut_", "hulp_belang_"))
    index = [(alle.index(c),) for c in items["subschaal"]]
    gekozen = antwoord[rijen]
    return _antwoordtabel(sleutels, items, np.where(gekozen > 0, gekozen, 1), gekozen == 0, index)


def _zelfrapportage(rng: np.random.Generator, spec: dict[str, Any], o: dict[str, Any], k_mee: np.ndarray,
                    metingen: list[str]) -> np.ndarray:
    """Children who fill in their own questionnaire per wave: aged 8-18 at that wave (age at T0
    plus the years since T0, birthdays spread over the year), a child's willingness, per-wave dropout."""
    laag, hoog = spec["leeftijd"]
    jaren = np.array([float(spec["jaren_na_t0"][m]) for m in metingen])
    leeftijd = o["kind_leeftijd"][:, None] + np.floor(jaren[None, :] + rng.random(len(k_mee))[:, None])
    wil = rng.random(len(k_mee)) < spec["deelname"]
    uitval = rng.random(k_mee.shape) < spec["uitval_per_meting"]
    return k_mee & (leeftijd >= laag) & (leeftijd <= hoog) & wil[:, None] & ~uitval


def _qbf(rng: np.random.Generator, cb: Codebook, spec: dict[str, Any], wereld: dict[str, Any], o_mee: np.ndarray,
         ouder_id: np.ndarray, meting: np.ndarray) -> pd.DataFrame:
    """QBF answers: per trait a latent stable over the waves (emotional instability linked to trauma)."""
    metingen = list(cb.instrument("qbf")["metingen"])
    golven = [list(meting).index(m) for m in metingen]
    items = cb.items("qbf")
    n = len(o_mee)
    trauma = _z(wereld["welzijn"]["tsi"][:, 0, :].mean(axis=1))
    antwoord = np.zeros((n, len(golven), len(items)), dtype="int64")
    for trek, kies in items.groupby("subschaal", sort=False).indices.items():
        ts = spec["trekken"][trek]
        eerste = ts.get("trauma", 0.0) * trauma + np.sqrt(1 - ts.get("trauma", 0.0) ** 2) * rng.standard_normal(n)
        latent = np.empty((n, len(golven)))
        latent[:, 0] = eerste
        for j in range(1, len(golven)):
            latent[:, j] = spec["stabiliteit"] * latent[:, j - 1] + np.sqrt(1 - spec["stabiliteit"] ** 2) * rng.standard_normal(n)
        antwoord[:, :, kies] = _likert(rng, latent, len(kies), (1, 7), {**spec, **ts})
    mee = o_mee[:, golven]
    rij, wm = np.nonzero(mee)
    gekozen = antwoord[rij, wm]
    return _antwoordtabel({"ouder_id": ouder_id[rij], "meting": np.array(metingen, dtype=object)[wm]}, items, gekozen,
                          rng.random(gekozen.shape) < spec["ontbrekend"], [(j,) for j in range(len(items))])


def _hipic(rng: np.random.Generator, cb: Codebook, spec: dict[str, Any], zelf: np.ndarray, kind_id: np.ndarray,
           meting: np.ndarray) -> pd.DataFrame:
    """HiPIC answers of self-reporting children: domain latents, facets loading on them (reversed
    facets negatively), stable from T0 to T1."""
    metingen = list(cb.instrument("hipic")["metingen"])
    golven = [list(meting).index(m) for m in metingen]
    items = cb.items("hipic")
    n = len(zelf)
    omgepoold = set(cb.regel("hipic_omgepoold"))
    antwoord = np.zeros((n, len(golven), len(items)), dtype="int64")
    for domein, facetten in cb.regel("hipic_domeinen").items():
        latent = np.empty((n, len(golven)))
        latent[:, 0] = rng.standard_normal(n)
        for j in range(1, len(golven)):
            latent[:, j] = spec["stabiliteit"] * latent[:, j - 1] + np.sqrt(1 - spec["stabiliteit"] ** 2) * rng.standard_normal(n)
        for facet in facetten:
            kies = np.flatnonzero(items["subschaal"].to_numpy() == facet)
            teken = -1.0 if facet in omgepoold else 1.0
            f = teken * spec["lading_facet"] * latent + np.sqrt(1 - spec["lading_facet"] ** 2) * rng.standard_normal((n, len(golven)))
            antwoord[:, :, kies] = _likert(rng, f, len(kies), (1, 5), spec)
    mee = zelf[:, golven]
    rij, wm = np.nonzero(mee)
    gekozen = antwoord[rij, wm]
    return _antwoordtabel({"kind_id": kind_id[rij], "meting": np.array(metingen, dtype=object)[wm]}, items, gekozen,
                          rng.random(gekozen.shape) < spec["ontbrekend"], [(j,) for j in range(len(items))])
