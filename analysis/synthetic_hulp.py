"""Synthetic generator, domain: help received (IPS/ISS), its usefulness and importance, and personality (QBF, HiPIC).

Called by :func:`analysis.synthetic.generate` with its own random stream and the shared
``wereld`` (design, latent violence, background; see there). Parameters: ``hulp`` in
``synthetic_parameters_hulp.yaml``.

The model, in short:

* per parent a latent *need for help* from the family's violence at T0 and the parent's background
  problems (ACE, poverty, unemployment, living alone, trauma complaints, parenting stress), and per
  child from the child's maltreatment intensity and the first parent's need; per provider type a
  latent = loading x need + own noise;
* on top of that, the background problems of Tabel 7.2/7.3 (parents: partner violence, the risk
  factors, trauma and parenting-stress proxies; children: proxies of the problems of Tabel 7.5 —
  own maltreatment, maltreatment plus partner violence, teenager, age, sex) shift the latents of
  formal help, of each row of the tables and of informal help (``effecten``, fitted offline by
  iterating the probit difference between the printed column shares and the computed ones);
* who received help during the study, exactly in the printed shares within two groups (families
  in all three waves, the others), so Tabel 7.1/7.4 come out to the rounding: formal help for the
  highest ranks of help seeking; each provider type by rank of its latent, only among those with
  formal help, everyone of them at least one type (an uncovered respondent takes a type over from
  someone with two or more); the row 'Hulp gericht op KM/HG' (Veilig Thuis or other) in its own
  share; informal help in a share among those with and one among those without formal help, so
  'geen hulp' is exact too;
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


def _quota(latent: np.ndarray, kans: float, groep: np.ndarray, mag: np.ndarray) -> np.ndarray:
    """True for the ``kans`` share (rounded) with the highest latent among ``mag``, per group."""
    uit = np.zeros(len(latent), dtype=bool)
    for g in np.unique(groep[mag]):
        idx = np.flatnonzero(mag & (groep == g))
        k = int(np.floor(kans * len(idx) + 0.5))
        if k:
            uit[idx[np.argsort(-latent[idx], kind="stable")[:k]]] = True
    return uit


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


def _problemen_ouders(cb: Codebook, wereld: dict[str, Any]) -> dict[str, np.ndarray]:
    """The background problems of Tabel 7.2/7.3 per parent at T0, as the generator knows them:
    0/1 where the analysis rule can be applied to the latent answers (partner violence in the
    family, four or more ACE's, poverty, unemployment, risky drinking of the parent and of the
    partner, low education, single parenthood), standardised proxies for the two that need the
    full scoring (trauma: mean TSI answer; parenting stress: NOSI-K sum)."""
    from analysis.scoring_ouders import glazen_per_week  # the Audit-C rule of §2.5.5

    o, a, w = wereld["ontwerp"], wereld["achtergrond"], wereld["welzijn"]
    g = o["ouder_gezin"]
    audit = w["auditc"][:, 0]  # (parent, item, perspective)

    def drinkt(perspectief: int) -> np.ndarray:
        glazen = glazen_per_week(pd.Series(audit[:, 0, perspectief]), pd.Series(audit[:, 1, perspectief]))
        return (glazen.fillna(0).to_numpy() > float(cb.regel("risico_alcohol_glazen_meer_dan"))).astype(float)

    return {
        "partnergeweld": (wereld["partnergeweld_handelingen"][g, 0].sum(axis=(1, 2)) > 0).astype(float),
        "ace": (w["ace"][:, 0, :].sum(axis=1) >= float(cb.regel("risico_ace_min"))).astype(float),
        "armoede": np.isin(a["inkomen"][:, 0], cb.regel("risico_armoede_inkomen")).astype(float),
        "werkloos": (a["uren"][:, 0] < cb.regel("risico_werkloos_uren_minder_dan")).astype(float),
        "alcohol": drinkt(0),
        "alcohol_partner": drinkt(1),
        "alleenstaand": np.isin(a["gezinssamenstelling"][:, 0], cb.regel("risico_alleenstaand")).astype(float),
        "laagopgeleid": np.isin(a["opleiding"][:, 0], cb.regel("risico_laagopgeleid")).astype(float),
        "trauma": _z(w["tsi"][:, 0, :].mean(axis=1)),
        "opvoedstress": _z(w["nosik"][:, 0, :].sum(axis=1)),
    }


def _problemen_kinderen(wereld: dict[str, Any]) -> dict[str, np.ndarray]:
    """Proxies of the children's problems of Tabel 7.5 the generator knows at T0: the child's own
    maltreatment (``mishandeling``, standardised log intensity), its burden of maltreatment and
    the family's partner violence together (``belasting``, behind trauma, insecure attachment and
    emotional insecurity), being a teenager (``tiener``, 12+: problem behaviour is measured in
    teenagers only), age (``leeftijd``, standardised) and sex (``meisje``)."""
    o = wereld["ontwerp"]
    km = _z(np.log1p(wereld["kindermishandeling_intensiteit"][:, 0]))
    pg = _z(wereld["geweld"][o["kind_gezin"], 0])
    leeftijd = np.asarray(o["kind_leeftijd"], dtype=float)
    return {"mishandeling": km, "belasting": _z(km + pg), "tiener": (leeftijd >= 12).astype(float),
            "leeftijd": _z(leeftijd), "meisje": (np.asarray(o["kind_geslacht"]).astype(str) == "meisje").astype(float)}


def _effect(effecten: dict[str, dict[str, float]], code: str, problemen: dict[str, np.ndarray], n: int) -> np.ndarray:
    """Shift of a latent by the respondent's problems: sum of weight x problem (``effecten[code]``)."""
    uit = np.zeros(n)
    for probleem, gewicht in (effecten.get(code) or {}).items():
        uit += float(gewicht) * problemen[probleem]
    return uit


# ---------------------------------------------------------------------------------------
# The domain
# ---------------------------------------------------------------------------------------
def genereer(rng: np.random.Generator, cb: Codebook, p: dict[str, Any], wereld: dict[str, Any]) -> dict[str, pd.DataFrame]:
    """The tables of this domain: IPS/ISS of parents (about themselves and their children) and
    children (8-18), nut and belang (T2), QBF (parents) and HiPIC (children)."""
    ph = p["hulp"]
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
    # Background problems shift the latents of formal help, of each row of Tabel 7.2 and of
    # informal help (`effecten`, calibrated against Tabel 7.2/7.3); the quota keep the totals.
    problemen = _problemen_ouders(cb, wereld)
    effecten = po.get("effecten", {})
    rij_van = {c: r for r, cs in rijen.items() for c in cs}
    o_formeel = _quota(zoekt + _effect(effecten, "formeel", problemen, n_o), po["kans_formeel"], o_groep, o_bekend)
    o_latent = latenten(ips_codes, po["lading"], zoekt)
    o_latent = {c: v + _effect(effecten, rij_van.get(c, c), problemen, n_o) for c, v in o_latent.items()}
    o_ooit = _soorten(rng, o_latent, po["kansen"], po.get("rijen", {}), rijen, po["kans_formeel"], o_formeel, o_groep)
    o_informeel = _informeel(rng, po, zoekt, o_formeel, o_groep, o_bekend,
                             met=_effect(effecten, "informeel", problemen, n_o),
                             zonder=-_effect(effecten, "geen_hulp", problemen, n_o))
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
    k_problemen = _problemen_kinderen(wereld)
    k_effecten = pk.get("effecten", {})
    k_formeel = _quota(k_zoekt + _effect(k_effecten, "formeel", k_problemen, n_k), pk["kans_formeel"], k_groep, k_bekend)
    k_latent = latenten(ips_codes_k, pk["lading"], k_zoekt)
    k_latent = {c: v + _effect(k_effecten, rij_van.get(c, c), k_problemen, n_k) for c, v in k_latent.items()}
    k_ooit = _soorten(rng, k_latent, pk["kansen"], pk.get("rijen", {}), rijen, pk["kans_formeel"], k_formeel, k_groep)
    k_informeel = _informeel(rng, pk, k_zoekt, k_formeel, k_groep, k_bekend,
                             met=_effect(k_effecten, "informeel", k_problemen, n_k),
                             zonder=-_effect(k_effecten, "geen_hulp", k_problemen, n_k))
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
    oordeel_o = _oordelen(rng, cb, "ouder", po_o, ontvangen_o, formeel_codes, mag_o, o_groep)
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
    oordeel_p = _oordelen(rng, cb, "ouder_kind", pk_o, ontvangen_p, formeel_codes, mag_p, p_groep)
    eerste_paar = {}
    for j in np.flatnonzero(is_eerste):
        eerste_paar[paar_kind[j]] = j
    tweede = np.flatnonzero(~is_eerste)
    partner = np.array([eerste_paar.get(paar_kind[j], -1) for j in tweede], dtype=int)
    for soort in ("belang", "nut"):
        a = oordeel_p[soort]
        for kol in range(a.shape[1]):
            bron = a[partner, kol]
            zelfde = (partner >= 0) & (bron > 0) & (a[tweede, kol] > 0) & (rng.random(len(tweede)) < pk_o["zelfde_als_partner"])
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
    oordeel_z = _oordelen(rng, cb, "kind", pj, ontvangen_z, formeel_codes, mag_z, k_groep)
    zr_t2 = np.flatnonzero(zelf[:, t2])
    for soort in ("belang", "nut"):
        naam = f"hulp_{soort}_kind"
        tabellen[naam] = _oordeel_tabel(cb, naam, {"kind_id": kind_id[zr_t2], "meting": meting[np.full(len(zr_t2), t2)]},
                                        oordeel_z[soort], zr_t2)

    # ---- personality ------------------------------------------------------------------------
    tabellen["qbf"] = _qbf(rng, cb, ph["qbf"], wereld, o_mee, ouder_id, meting)
    tabellen["hipic"] = _hipic(rng, cb, ph["hipic"], zelf, kind_id, meting)
    return tabellen


def _soorten(rng: np.random.Generator, latent: dict[str, np.ndarray], kansen: dict[str, float],
             rij_kansen: dict[str, float], rijen: dict[str, list[str]], kans_formeel: float,
             formeel: np.ndarray, groep: np.ndarray) -> dict[str, np.ndarray]:
    """Which provider types each respondent received, exactly in the shares ``kansen`` (of all)
    within each group, only among those with formal help (``formeel``), each of whom gets at
    least one type. A row of ``hulp_rijen`` with two types and a share in ``rij_kansen`` (e.g.
    'Hulp gericht op KM/HG') is received exactly in that share too: the first type within the
    row in its own share, the second for the rest of the row plus the overlap."""
    codes = list(latent)
    uit = {c: _quota(latent[c], kansen[c] / kans_formeel, groep, formeel) for c in codes}
    samengesteld = set()
    for rij, rij_kans in rij_kansen.items():
        eerste, tweede = rijen[rij]
        in_rij = _quota(np.maximum(latent[eerste], latent[tweede]), rij_kans / kans_formeel, groep, formeel)
        uit[eerste] = _quota(latent[eerste], kansen[eerste] / rij_kans, groep, in_rij)
        beide = (kansen[eerste] + kansen[tweede] - rij_kans) / kansen[eerste]
        uit[tweede] = (in_rij & ~uit[eerste]) | _quota(latent[tweede], beide, groep, uit[eerste])
        samengesteld |= {eerste, tweede}
    # Everyone with formal help has a type: an uncovered respondent takes a type (by its share)
    # over from someone of the group with two or more types, so every share stays exact.
    enkel = [c for c in codes if c not in samengesteld]
    gewicht = np.array([kansen[c] for c in enkel]) / sum(kansen[c] for c in enkel)
    matrix = np.column_stack([uit[c] for c in codes])
    kolom = {c: codes.index(c) for c in codes}
    for u in rng.permutation(np.flatnonzero(formeel & ~matrix.any(axis=1))):
        for k in rng.choice(len(enkel), size=len(enkel), replace=False, p=gewicht):
            j = kolom[enkel[k]]
            donor = np.flatnonzero((groep == groep[u]) & matrix[:, j] & (matrix.sum(axis=1) >= 2))
            if len(donor):
                matrix[donor[np.argmin(latent[enkel[k]][donor])], j] = False
                matrix[u, j] = True
                break
    return {c: matrix[:, kolom[c]].copy() for c in codes}


def _informeel(rng: np.random.Generator, spec: dict[str, Any], zoekt: np.ndarray, formeel: np.ndarray,
               groep: np.ndarray, bekend: np.ndarray, met: np.ndarray | float = 0.0,
               zonder: np.ndarray | float = 0.0) -> np.ndarray:
    """Informal help, exactly: a share among those with formal help and one among those without,
    so that the informal total and 'geen hulp' (neither) come out as ``kans_informeel`` and
    ``kans_geen_hulp``. ``met`` and ``zonder`` shift the latent among those with and without
    formal help (the background problems)."""
    lad = spec["lading_informeel"]
    latent = lad * zoekt + np.sqrt(1 - lad**2) * rng.standard_normal(len(zoekt))
    zonder_formeel = 1 - spec["kans_formeel"]
    aandeel_zonder = (zonder_formeel - spec["kans_geen_hulp"]) / zonder_formeel
    aandeel_met = (spec["kans_informeel"] - (zonder_formeel - spec["kans_geen_hulp"])) / spec["kans_formeel"]
    return (_quota(latent + met, aandeel_met, groep, bekend & formeel)
            | _quota(latent + zonder, aandeel_zonder, groep, bekend & ~formeel))


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
