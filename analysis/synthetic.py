"""The synthetic default snapshot: a fake study population with the report's design.

Nobody's real data may enter the repository, so the product runs by default on synthetic
data with the structure of "Kwestie van lange adem": exact numbers of families, parents,
couples and children per wave (Tabel 3.2; a child's participation is its own — it takes part
only at waves its family does, every family has a child at each of its waves, and the children
per age band and wave are exact, :func:`_kinderen_per_meting`; since every family then has at
most two children per wave, "two children" at T2 (304) is exact and the printed 402 families with
two children in all waves cannot be), families spread over the 13 Veilig Thuis regions
with some moving to another region from T1 on (table ``woonregio``; placed so that Tabel 3.1,
which counts moved families in both regions, comes out as printed — all but two or three of its
52 cells: children join only at T0 here, while the printed 1,896 children need at least 129 who
join later, so one region, Groningen, absorbs the shortfall with extra families and parents; see
:func:`_woonregio`), and raw CTS2/CTSPC item answers (1–8) from a simple model of violence that
declines over the waves. Scores and categories are never generated: analysis.scoring derives
them from the answers, exactly as it does for real data.

Everything about tables, columns, items (subschaal, ernst), regions, waves and the answer
scale comes from the codebook; the design counts, the model's parameters and its calibration
targets live in ``synthetic_parameters.yaml`` (documented line by line).

The answer model, in short:

* per family a latent intensity (gamma, mean 1), a per-wave factor, a decline over the waves
  and a chance that the violence stops (for good; partner violence alone may stop too, e.g.
  after a separation); the child-maltreatment level is partly the family's own (optionally with
  a per-wave factor of its own, so that partner violence and child maltreatment co-occur about
  as often as by chance, Figuur 4.7; it has a random stream of its own, ``SeedSequence([seed, 1])``);
  per form of violence (subschaal), severity level and actor whether it occurs at all: an exact
  quota (``aanwezig`` is the share of families, or children, with the lowest draws), the draws
  following the family's rank on its level (more violent families show more forms and severe
  acts; men's severe acts are more common), the woman's and the man's draws mostly shared
  (``samenhang_actoren``: mutual violence) and injuries taking the physical-violence draw
  (``gekoppelde_vormen``); a form may end for good before a later wave (``vorm_stoppen``:
  physical violence ends sooner than psychological violence, Tabel 4.4, Figuur 4.3) or start
  after T0 (``vorm_begint``, so Tabel 4.1's "at any wave" lies a little above T0);
* per act (family × wave × item × actor) a Poisson count whose rate is the item's incidence
  (by subschaal and ernst) times the intensity times a gamma factor shared by both directions,
  so violence is largely mutual; the decline may differ per actor (``verloop_actor``) and, for
  child maltreatment, per form (``verloop_vorm``); negotiation and non-violent discipline items
  have a fixed rate unrelated to violence;
* each respondent reports acts with a factor per perspective and severity (``meldkans``: below 1
  binomial thinning, above 1 some acts counted twice; this sets Tabel 4.2's mean incidents) and
  may deny a form altogether, or only its severe acts (``ontkenning_ernstig``: men as
  perpetrators); severe acts may have an extra rate per actor (``tempo_ernstig``); in couples both
  partners report the same acts (A's dader answer and B's slachtoffer answer), so their answers
  correlate; parents report the same acts towards a child;
* the reported yearly count becomes an answer category (the inverse of the codebook rule
  ``cts_incidenten_per_jaar``); a count of 0 becomes 2 ("not in the past year, but before")
  when the act happened before, else 1; about 1% of answers is left missing;
* some families return no violence questionnaire at all in a later wave (an exact quota,
  ``geen_geweldsvragenlijst``: their CTS2/CTSPC rows are left out, Figuur 8.1's 545 of 576);
* whom the CTS2 answers concern (``cts2.partner_relatie``, Tabel 4.3) follows living together,
  with a quota per gender of parents who live with someone yet answer about an ex-partner.

Every stage of the partner-violence model (presence, onset, counts, each perspective's reports)
draws from a stream of its own (``Generator.spawn``), so tuning one stage leaves the draws of the
others as they were (common random numbers); presence and denial are exact quotas for the same
reason. The family-level intensity remains a gamma draw, so means over small groups (e.g. the
161 fathers) still vary between seeds.

Calibration (issue 8) tuned the parameters against the published tables of chapters 3 and 4 with
the reproduction audit (``analysis.audit``), never by copying a published number into an output;
the values the model was tuned against are the ``doelen`` and the report's tables, which no analysis
module reads. Where the model could not reach a table, logic was added (forms that stop, severe
acts per actor, denial of severe acts, living alone with more violence, age bands per gender).

Parents' background (Tabel 3.3/3.4/9.1) and the other parent instruments (ACE, Audit-C, NOSI-K,
NOSI competentie, PPQ, MPF33, MANSA, TSI, veiligheidsbeleving) come from a second random stream
(``SeedSequence([seed, 2])``), so they never change the violence answers: latent variables per
parent (socio-economic position, vulnerability, ACE, drinking) plus the family's violence per wave
(the same latent intensity, lowest once the violence stopped) drive raw item answers. Shares that
Tabel 3.3/3.4/3.6 print (migration background, education, income and age band at T0, ever divorced,
children older than 3, girls per parent's gender) are exact quotas per gender, handed out by rank of
the latent or draw (:func:`_quota`), with the families in all three waves differing from all families
as Tabel 3.6 shows; children's background is set once the self-reporters are known
(:func:`_kind_achtergrond`).

``generate`` is pure and deterministic: ``numpy.random.Generator(PCG64(seed))``.
"""

from __future__ import annotations

import copy
import itertools
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

#: libyaml's loader where PyYAML has it (4x faster on the codebook), else the pure-Python one.
_YAML_LADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

from analysis.codebook import Codebook, codeboek_bestanden, load_codebook
from analysis.snapshot import write_snapshot

__all__ = ["DEFAULT_SEED", "PARAMETERS_PATH", "generate", "load_parameters", "write_default_snapshot"]

PARAMETERS_PATH = Path(__file__).with_name("synthetic_parameters.yaml")
DEFAULT_SEED = 20231

# Domain terms the model needs; checked against the codebook.
VROUW, MAN = "vrouw", "man"  # ouders.geslacht: mothers and fathers
MEISJE, JONGEN = "meisje", "jongen"  # kinderen.geslacht
DADER, SLACHTOFFER = "dader", "slachtoffer"  # CTS2 perspectives: own acts, the partner's acts
ALLE = "alle"  # steekproef key: took part in all three waves

# Participation patterns over (T0, T1, T2): everyone starts at T0.
_PATRONEN = np.array([[1, 1, 1], [1, 1, 0], [1, 0, 1], [1, 0, 0]], dtype=bool)
_ECHTPAAR, _MOEDER, _VADER = 0, 1, 2  # family types: both parents, only the mother, only the father


# ---------------------------------------------------------------------------------------
# Parameters
# ---------------------------------------------------------------------------------------
@cache
def _lees_parameters(path: Path) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_YAML_LADER)


def parameter_bestanden() -> list[Path]:
    """``synthetic_parameters.yaml`` (design, parents) and the domain files next to it
    (``synthetic_parameters_<domein>.yaml``: children, help, reference group), in load order."""
    return [PARAMETERS_PATH, *sorted(PARAMETERS_PATH.parent.glob("synthetic_parameters_*.yaml"))]


def load_parameters(path: Path | None = None) -> dict[str, Any]:
    """The generator's parameters (a fresh copy): ``path`` alone, or by default the main file
    with every domain file merged in. A domain file adds top-level keys of its own; a key
    defined twice is an error."""
    if path is not None:
        return copy.deepcopy(_lees_parameters(Path(path)))
    uit: dict[str, Any] = {}
    for bestand in parameter_bestanden():
        for sleutel, waarde in (_lees_parameters(bestand) or {}).items():
            if sleutel in uit and sleutel != "versie":
                raise ValueError(f"{bestand.name}: parameter {sleutel!r} staat al in een ander parameterbestand.")
            uit[sleutel] = copy.deepcopy(waarde)
    return uit


def _samenvoegen(basis: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """``basis`` with ``extra`` merged in: nested dicts merge, other values replace."""
    uit = dict(basis)
    for sleutel, waarde in extra.items():
        if isinstance(waarde, dict) and isinstance(uit.get(sleutel), dict):
            uit[sleutel] = _samenvoegen(uit[sleutel], waarde)
        else:
            uit[sleutel] = copy.deepcopy(waarde)
    return uit


def _fout(tekst: str) -> ValueError:
    return ValueError(f"synthetic_parameters.yaml: {tekst}")


def _item_tarief(incidentie: dict[str, Any], subschaal: str, ernst: str | None) -> float:
    waarde = incidentie.get(subschaal)
    if ernst is not None:
        waarde = waarde.get(ernst) if isinstance(waarde, dict) else None
    if not isinstance(waarde, (int, float)):
        wat = f"{subschaal}/{ernst}" if ernst else subschaal
        raise _fout(f"geen incidentie voor subschaal {wat}")
    return float(waarde)


def _klassegrenzen(cb: Codebook, p: dict[str, Any], schaal: str) -> tuple[np.ndarray, np.ndarray]:
    """Lower count bounds and answer codes of the categories for counts >= 1, checked against
    the codebook rule that maps answers to yearly counts."""
    regel = {int(k): v for k, v in cb.regel("cts_incidenten_per_jaar").items()}
    grenzen = {int(k): int(v) for k, v in p["model"]["antwoorden"]["klassegrenzen"].items()}
    codes = sorted(grenzen)
    waarden = sorted(int(k) for k in cb.antwoordschaal(schaal)["waarden"])
    if sorted(k for k, v in regel.items() if v > 0) != codes or set(codes) - set(waarden):
        raise _fout("klassegrenzen horen bij de antwoorden met een aantal > 0 in de regel cts_incidenten_per_jaar")
    for i, code in enumerate(codes):
        hoog = grenzen[codes[i + 1]] - 1 if i + 1 < len(codes) else np.inf
        if not grenzen[code] <= regel[code] <= hoog:
            raise _fout(f"antwoord {code}: het aantal uit het codeboek ({regel[code]}) valt buiten de klasse")
    return np.array([grenzen[c] for c in codes]), np.array(codes)


# ---------------------------------------------------------------------------------------
# Design
# ---------------------------------------------------------------------------------------
def _per_patroon(aantallen: dict[str, int], metingen: list[str], wat: str) -> np.ndarray:
    """Counts per participation pattern (all, T0+T1, T0+T2, T0 only) from per-wave counts."""
    try:
        t0, t1, t2 = (int(aantallen[m]) for m in metingen)
        alle = int(aantallen[ALLE])
    except KeyError as ontbreekt:
        raise _fout(f"steekproef.{wat} mist {ontbreekt}") from None
    uit = np.array([alle, t1 - alle, t2 - alle, t0 - t1 - t2 + alle])
    if (uit < 0).any():
        raise _fout(f"steekproef.{wat}: de aantallen per meting passen niet bij elkaar")
    return uit


def _grootste_rest(gewichten: np.ndarray, totaal: int) -> np.ndarray:
    """Integer counts proportional to ``gewichten`` summing to ``totaal`` (largest remainder;
    weights that are all zero give the first ones one each)."""
    gewichten = np.asarray(gewichten, dtype=float)
    quota = gewichten / gewichten.sum() * totaal if gewichten.sum() > 0 else np.zeros(len(gewichten))
    aantallen = np.floor(quota).astype(int)
    volgorde = np.argsort(-(quota - aantallen), kind="stable")
    aantallen[volgorde[: totaal - aantallen.sum()]] += 1
    return aantallen


def _ids(prefix: str, n: int) -> np.ndarray:
    breedte = max(4, len(str(n)))
    return np.array([f"{prefix}{i:0{breedte}d}" for i in range(1, n + 1)], dtype=object)


def _ontwerp(cb: Codebook, p: dict[str, Any], rng: np.random.Generator) -> dict[str, Any]:
    metingen = cb.metingen
    st = p["steekproef"]
    gezinnen = _per_patroon(st["gezinnen"], metingen, "gezinnen")
    paren = _per_patroon(st["echtparen"], metingen, "echtparen")
    moeders = _per_patroon(st["moeders"], metingen, "moeders") - paren
    vaders = _per_patroon(st["vaders"], metingen, "vaders") - paren
    if (moeders < 0).any() or (vaders < 0).any() or not np.array_equal(paren + moeders + vaders, gezinnen):
        raise _fout("steekproef: echtparen, moeders en vaders passen niet bij het aantal gezinnen")

    # Families: pattern and type, in random order (the id says nothing about participation).
    patroon = np.repeat(np.arange(4), gezinnen)
    soort = np.concatenate([np.repeat([_ECHTPAAR, _MOEDER, _VADER], [paren[i], moeders[i], vaders[i]])
                            for i in range(4)])
    volgorde = rng.permutation(len(patroon))
    patroon, soort = patroon[volgorde], soort[volgorde]
    n_gezin = len(patroon)
    deelname = _PATRONEN[patroon]  # (gezin, meting)

    # Regions: Tabel 3.1 scaled to the number of families, independent of participation.
    regio_gewicht = p["regios"]
    if set(regio_gewicht) != set(cb.regios):
        raise _fout("regios moeten precies de 13 regio's van het codeboek zijn")
    per_regio = _grootste_rest(np.array([regio_gewicht[r] for r in cb.regios], dtype=float), n_gezin)
    regio = rng.permutation(np.repeat(np.array(cb.regios, dtype=object), per_regio))

    # Children: exactly `twee_kinderen` families with two children (at T0 and among `alle`).
    twee = st["twee_kinderen"]
    alle = np.flatnonzero(patroon == 0)
    overig = np.flatnonzero(patroon != 0)
    n_twee_alle, n_twee_overig = int(twee[ALLE]), int(twee[metingen[0]]) - int(twee[ALLE])
    if not (0 <= n_twee_alle <= len(alle) and 0 <= n_twee_overig <= len(overig)):
        raise _fout("steekproef.twee_kinderen past niet bij het aantal gezinnen")
    n_kind = np.ones(n_gezin, dtype=int)
    n_kind[rng.choice(alle, n_twee_alle, replace=False)] = 2
    n_kind[rng.choice(overig, n_twee_overig, replace=False)] = 2
    kind_gezin = np.repeat(np.arange(n_gezin), n_kind)
    kl = st["kinderen_leeftijd"]
    banden = [(int(b.split("-")[0]), int(b.split("-")[1]), int(n[metingen[0]] if isinstance(n, dict) else n))
              for b, n in kl.items()]
    if sum(n for *_, n in banden) != len(kind_gezin):
        raise _fout("steekproef.kinderen_leeftijd telt niet op tot het aantal kinderen")
    band = rng.permutation(np.repeat(np.arange(len(banden)), [n for *_, n in banden]))
    u_leeftijd, u_geslacht = rng.random(len(band)), rng.random(len(band))
    if all(isinstance(n, dict) for n in kl.values()):
        # Children's own participation (and so their age band) from a stream of its own: spawning
        # leaves ``rng`` as it is, so the rest of the sample and the violence answers stay the same.
        doelen = np.array([_per_patroon(n, metingen, f"kinderen_leeftijd.{b}") for b, n in kl.items()])
        band, kind_patroon = _kinderen_per_meting(rng.spawn(1)[0], patroon, n_kind, band, doelen)
        kind_deelname = _PATRONEN[kind_patroon]
    else:
        kind_deelname = deelname[kind_gezin]
    laag = np.array([b[0] for b in banden])[band]
    hoog = np.array([b[1] for b in banden])[band]
    kind_leeftijd = laag + np.floor(u_leeftijd * (hoog - laag + 1)).astype(int)
    kind_geslacht = _meisjes(p["personen"]["kinderen"]["aandeel_meisjes"], u_geslacht, soort[kind_gezin])

    # Parents: mother first in couples.
    n_ouder = np.where(soort == _ECHTPAAR, 2, 1)
    ouder_gezin = np.repeat(np.arange(n_gezin), n_ouder)
    eerste = np.repeat(np.cumsum(n_ouder) - n_ouder, n_ouder)
    positie = np.arange(len(ouder_gezin)) - eerste
    ouder_soort = soort[ouder_gezin]
    is_man = (ouder_soort == _VADER) | ((ouder_soort == _ECHTPAAR) & (positie == 1))
    po = p["personen"]["ouders"]
    oudste_kind = np.zeros(n_gezin, dtype=int)
    np.maximum.at(oudste_kind, kind_gezin, kind_leeftijd)
    if po.get("leeftijd_banden"):
        # A stream of its own (spawning leaves ``rng`` as it is) and the same draws from ``rng`` as the
        # normal model, so the rest of the sample does not change with the age model.
        leeftijd = _leeftijden_per_band(rng.spawn(1)[0], po, is_man, oudste_kind[ouder_gezin], deelname[ouder_gezin].all(axis=1),
                                        ((p.get("model") or {}).get("achtergrond") or {}).get("verschil_alle", {}).get("leeftijd"))
        rng.normal(size=len(ouder_gezin))
    else:
        leeftijd = np.rint(rng.normal(po["leeftijd_gemiddeld"], po["leeftijd_sd"], len(ouder_gezin)))
        leeftijd = np.clip(leeftijd, po["leeftijd_min"], po["leeftijd_max"])
        leeftijd = np.minimum(np.maximum(leeftijd, oudste_kind[ouder_gezin] + po["leeftijd_verschil_kind"]),
                              po["leeftijd_max"])
    leeftijd_ontbreekt = rng.random(len(leeftijd)) < po["leeftijd_ontbrekend"]

    return {
        "deelname": deelname,
        "regio": regio,
        "ouder_gezin": ouder_gezin,
        "ouder_man": is_man,
        "ouder_leeftijd": leeftijd.astype("int64"),
        "ouder_leeftijd_ontbreekt": leeftijd_ontbreekt,
        "kind_gezin": kind_gezin,
        # (child, wave): the waves a child takes part in (parents report about it, or it reports
        # itself); every domain reads this, never the family's participation, for children.
        "kind_deelname": kind_deelname,
        "kind_leeftijd": kind_leeftijd.astype("int64"),
        "kind_geslacht": kind_geslacht,
    }


def _leeftijden_per_band(rng: np.random.Generator, po: dict[str, Any], is_man: np.ndarray,
                         oudste_kind: np.ndarray, alle: np.ndarray | None = None,
                         verschil: dict[str, float] | None = None) -> np.ndarray:
    """Parents' ages at T0 with exact counts per age band and gender (``leeftijd_banden``: % per
    band "low-high" per gender, largest-remainder rounding), uniform within a band. The ages are
    handed out by rank of the oldest child's age plus noise (``leeftijd_rangruis`` in years), so
    young parents mostly have young children; the minimum age gap to the oldest child is not
    enforced (it would break the band counts). With ``alle`` (parent's family in all waves) and
    ``verschil`` (band: percentage points, Tabel 3.6) those parents get their own band counts
    (see :func:`_quota`)."""
    leeftijd = np.zeros(len(is_man))
    for geslacht, kies in ((VROUW, ~is_man), (MAN, is_man)):
        idx = np.flatnonzero(kies)
        if not len(idx):
            continue
        spec = po["leeftijd_banden"][geslacht]
        banden = [(int(b.split("-")[0]), int(b.split("-")[1]), float(w)) for b, w in spec.items()]
        u = rng.random(len(idx))
        sleutel = oudste_kind[idx] + rng.normal(0.0, po.get("leeftijd_rangruis", 5.0), len(idx))
        kansen = np.broadcast_to(np.array([w for *_, w in banden]), (len(idx), len(banden)))
        v = None if verschil is None or alle is None else np.array([float(verschil.get(b, 0.0)) for b in spec])
        band = _quota(sleutel, np.zeros(len(idx), dtype=bool), kansen, None if alle is None else alle[idx], v)
        laag, hoog = np.array([b[0] for b in banden])[band], np.array([b[1] for b in banden])[band]
        waarde = laag + np.floor(u * (hoog - laag + 1))
        for k in range(len(banden)):  # within a band, too, the older ages go with the older children
            leden = np.flatnonzero(band == k)
            leeftijd[idx[leden[np.argsort(sleutel[leden], kind="stable")]]] = np.sort(waarde[leden])
    return leeftijd


def _kinderen_per_meting(rng: np.random.Generator, patroon: np.ndarray, n_kind: np.ndarray,
                         band: np.ndarray, doelen: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Age band and participation pattern (index into ``_PATRONEN``) per child, children in family
    order, from the bands drawn at random (``band``). ``doelen`` (band, pattern) holds the exact
    number of children per age band and pattern.

    A child takes part only at waves its family takes part in, and every family has a child at
    each of its waves. Which (band, pattern) the children of a family get is an integer program
    over family types (the family's pattern, number of children and drawn bands): the counts per
    type and outcome that meet ``doelen`` with the fewest changed bands plus children not following
    their family, so bands stay nearly independent of participation. Which families of a type get
    which outcome follows ``rng``."""
    from scipy.optimize import Bounds, LinearConstraint, milp

    n_band = doelen.shape[0]
    eerste = np.cumsum(n_kind) - n_kind
    getrokken = [tuple(sorted(band[eerste[g]:eerste[g] + n_kind[g]].tolist())) for g in range(len(n_kind))]
    sleutel = list(zip(patroon.tolist(), getrokken))
    soorten = sorted(set(sleutel))
    keuzes, kosten = [], []  # (type index, ((band, pattern), ...)) and its cost
    for t, (f, banden) in enumerate(soorten):
        mag = [q for q in range(len(_PATRONEN)) if not (_PATRONEN[q] & ~_PATRONEN[f]).any()]
        kinderen = [(b, q) for b in range(n_band) for q in mag]
        for combinatie in itertools.combinations_with_replacement(kinderen, len(banden)):
            if np.array_equal(np.logical_or.reduce([_PATRONEN[q] for _, q in combinatie]), _PATRONEN[f]):
                nieuw = sorted(b for b, _ in combinatie)
                veranderd = len(banden) - sum(min(banden.count(b), nieuw.count(b)) for b in set(banden))
                keuzes.append((t, combinatie))
                # A child of a family that goes on, taking part at T0 only, weighs most: the later
                # analyses of the families in all waves follow their children (e.g. Tabel 7.4).
                kosten.append(veranderd + sum((3 if q == len(_PATRONEN) - 1 else 1) * (q != f) for _, q in combinatie))
    rijen, doel = [], []
    aantal = {s: sleutel.count(s) for s in soorten}
    for t, s in enumerate(soorten):
        rijen.append([1.0 if k[0] == t else 0.0 for k in keuzes])
        doel.append(aantal[s])
    for b in range(n_band):
        for q in range(len(_PATRONEN)):
            rijen.append([float(sum(kind == (b, q) for kind in k[1])) for k in keuzes])
            doel.append(int(doelen[b, q]))
    res = milp(np.array(kosten, dtype=float), constraints=LinearConstraint(np.array(rijen), doel, doel),
               integrality=np.ones(len(keuzes)), bounds=Bounds(0, np.inf))
    if res.x is None:
        raise _fout("steekproef.kinderen_leeftijd: de aantallen per meting passen niet bij de gezinnen")
    x = np.rint(res.x).astype(int)
    band = band.copy()
    kind_patroon = np.empty(len(band), dtype=int)
    for t, s in enumerate(soorten):
        leden = rng.permutation([g for g in range(len(n_kind)) if sleutel[g] == s])
        uitkomsten = [c for (tt, c), k in zip(keuzes, x) if tt == t for _ in range(k)]
        for g, c in zip(leden, uitkomsten):
            c = [c[i] for i in rng.permutation(len(c))]
            band[eerste[g]:eerste[g] + len(c)] = [b for b, _ in c]
            kind_patroon[eerste[g]:eerste[g] + len(c)] = [q for _, q in c]
    return band, kind_patroon


def _meisjes(aandeel: float | dict[str, float], u: np.ndarray, soort: np.ndarray) -> np.ndarray:
    """Children's gender from uniform draws ``u`` (child): with one share, ``u`` below it; with a
    share per parent's gender ({vrouw: p, man: p}: girls among the children of participating
    mothers and of participating fathers, Tabel 3.3), exact numbers per family type (couple,
    mother only, father only; couples' children count for both), the lowest draws girls."""
    if not isinstance(aandeel, dict):
        return np.where(u < float(aandeel), MEISJE, JONGEN).astype(object)
    p_v, p_m = float(aandeel[VROUW]), float(aandeel[MAN])
    c = {s: int((soort == s).sum()) for s in (_ECHTPAAR, _MOEDER, _VADER)}
    g_paar = int(round(c[_ECHTPAAR] * (p_v + p_m) / 2))
    aantal = {_ECHTPAAR: g_paar,
              _MOEDER: int(round(p_v * (c[_MOEDER] + c[_ECHTPAAR]))) - g_paar,
              _VADER: int(round(p_m * (c[_VADER] + c[_ECHTPAAR]))) - g_paar}
    meisje = np.zeros(len(u), dtype=bool)
    for s, k in aantal.items():
        idx = np.flatnonzero(soort == s)
        meisje[idx[np.argsort(u[idx], kind="stable")[:int(np.clip(k, 0, len(idx)))]]] = True
    return np.where(meisje, MEISJE, JONGEN).astype(object)


# ---------------------------------------------------------------------------------------
# Answer model
# ---------------------------------------------------------------------------------------
def _rang(niveau: np.ndarray) -> np.ndarray:
    """Rank of each family's level in (0, 1): near 0 = most violent."""
    n = len(niveau)
    return (n - 1 - np.argsort(np.argsort(niveau, kind="stable"), kind="stable") + 0.5) / n


def _gamma(rng: np.random.Generator, vorm: float, shape: tuple[int, ...]) -> np.ndarray:
    """Gamma factors with mean 1."""
    return rng.gamma(vorm, 1.0 / vorm, shape)


def _iteminfo(cb: Codebook, instrument: str, incidentie: dict[str, Any]) -> dict[str, Any]:
    """Per item (one per nr): rate, whether it is violence, its form index; the forms."""
    items = cb.items(instrument).drop_duplicates("nr")
    ernst = [e if isinstance(e, str) else None for e in items["ernst"]]
    subschaal = list(items["subschaal"])
    geweld = np.array([e is not None for e in ernst])
    vormen = list(dict.fromkeys(s for s, g in zip(subschaal, geweld) if g))
    return {
        "nr": items["nr"].to_numpy(),
        "ernst": np.array([e or "" for e in ernst], dtype=object),
        "tarief": np.array([_item_tarief(incidentie, s, e) for s, e in zip(subschaal, ernst)]),
        "geweld": geweld,
        "vorm": np.array([vormen.index(s) if g else 0 for s, g in zip(subschaal, geweld)]),
        "vormen": vormen,
    }


def _vormkansen(tabel: dict[str, Any], vormen: list[str], wat: str) -> np.ndarray:
    try:
        return np.array([float(tabel[v]) for v in vormen])
    except KeyError as ontbreekt:
        raise _fout(f"{wat} mist subschaal {ontbreekt}") from None


def _aanwezig(rng: np.random.Generator, rang: np.ndarray, kansen: np.ndarray, samenhang: float,
              actoren: float = 0.0, koppel: dict[int, int] | None = None) -> np.ndarray:
    """Whether a form occurs; ``rang`` (low = violent family) drives it with prob. ``samenhang``.

    ``rang`` has shape (n,), ``kansen`` the trailing shape; result shape (n, *kansen.shape).
    ``actoren``: probability that the draws along the last axis (the two actors of partner
    violence) are one and the same, so a form occurs with both partners more often (mutual
    violence) and the family-level share stays close to the larger actor's share.
    ``koppel`` {form index: form index}: a form that takes the other form's draw, so it occurs
    only with that form when it is rarer (injuries come with physical violence).
    """
    shape = (len(rang), *kansen.shape)
    eigen = rng.random(shape)
    keuze = rng.random(shape)
    if actoren > 0 and kansen.ndim >= 2:
        samen = (rng.random(shape[:-1]) < actoren)[..., None]
        eigen = np.where(samen, eigen[..., :1], eigen)
        keuze = np.where(samen, keuze[..., :1], keuze)
    gedeeld = np.broadcast_to(rang.reshape((-1,) + (1,) * kansen.ndim), shape)
    u = np.where(keuze < samenhang, gedeeld, eigen)
    for naar, van in (koppel or {}).items():
        u[:, naar] = u[:, van]
    # Exact quotas: per form (and actor) the round(kans x n) units with the lowest draws, so the
    # share is the parameter itself and seed noise does not move it.
    rang = np.argsort(np.argsort(u, axis=0, kind="stable"), axis=0, kind="stable")
    return rang < np.rint(np.broadcast_to(kansen, shape) * len(u))


def _item_aanwezig(rng: np.random.Generator, rang: np.ndarray, info: dict[str, Any],
                   kansen: np.ndarray, ernst_kansen: dict[str, Any], samenhang: float, wat: str,
                   actoren: float = 0.0, gekoppeld: dict[str, str] | None = None) -> np.ndarray:
    """Whether each item's acts can occur: shape (n, item, *kansen.shape[1:]).

    ``kansen`` (vorm, ...) is the probability that a form occurs at all; ``ernst_kansen`` maps
    an ernst level to the conditional probability per form that its acts occur too (e.g. severe
    psychological acts only in some families with psychological violence). Non-violence items
    always occur. ``gekoppeld`` {form: form}: a form whose presence follows the other's draw.
    """
    koppel = {info["vormen"].index(a): info["vormen"].index(b) for a, b in (gekoppeld or {}).items()}
    vorm = _aanwezig(rng, rang, kansen, samenhang, actoren, koppel)[:, info["vorm"]]
    for ernst, tabel in (ernst_kansen or {}).items():
        if kansen.ndim == 2 and {VROUW, MAN} <= set(tabel):  # per actor (partner violence: woman, man)
            extra = np.stack([_vormkansen(tabel[g], info["vormen"], f"{wat}.{ernst}.{g}") for g in (VROUW, MAN)], axis=-1)
        else:
            extra = _vormkansen(tabel, info["vormen"], f"{wat}.{ernst}")
            extra = extra.reshape((-1,) + (1,) * (kansen.ndim - 1))
        kies = info["ernst"] == ernst
        vorm[:, kies] &= _aanwezig(rng, rang, np.broadcast_to(extra, kansen.shape), samenhang, actoren)[:, info["vorm"][kies]]
    geweld = info["geweld"].reshape((1, -1) + (1,) * (kansen.ndim - 1))
    return vorm | ~geweld


def _vorm_gestopt(rng: np.random.Generator, stoppen: dict[str, Any] | None, info: dict[str, Any],
                  metingen: list[str], n: int) -> np.ndarray:
    """Whether each item's form still goes on per (unit, wave, item): a form present at T0 stops
    for good before a later wave with the probability ``stoppen[form][wave]`` (forms or waves not
    listed never stop), e.g. physical violence ends sooner than psychological violence. Shape
    (n, wave, item); non-violence items always go on."""
    doorgaan = np.ones((n, len(metingen), len(info["vormen"])), dtype=bool)
    for j, vorm in enumerate(info["vormen"]):
        kansen = np.array([float((stoppen or {}).get(vorm, {}).get(m, 0.0)) for m in metingen])
        doorgaan[:, :, j] = ~np.logical_or.accumulate(rng.random((n, len(metingen))) < kansen, axis=1)
    return doorgaan[:, :, info["vorm"]] | ~info["geweld"][None, None, :]


def _antwoorden(rng: np.random.Generator, aantal: np.ndarray, verwacht_t0: np.ndarray,
                grenzen: np.ndarray, codes: np.ndarray, pa: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    """Answer codes (and missing mask) for reported yearly counts of shape (n, meting, item).

    ``verwacht_t0`` (n, item) is the expected reported count at T0 without stopping: it sets the
    chance that an act happened before the study (answer 2 instead of 1 when the count is 0).
    """
    antwoord = np.where(aantal > 0, codes[np.clip(np.searchsorted(grenzen, aantal, side="right") - 1, 0, None)], 1)
    eerder_gemeld = np.zeros_like(aantal, dtype=bool)
    eerder_gemeld[:, 1:] = np.logical_or.accumulate(aantal > 0, axis=1)[:, :-1]
    voorgeschiedenis = rng.random(verwacht_t0.shape) < -np.expm1(-pa["voorgeschiedenis"] * verwacht_t0)
    herinnerd = eerder_gemeld & (rng.random(aantal.shape) < pa["herinnering"])
    antwoord = np.where((aantal == 0) & (voorgeschiedenis[:, None, :] | herinnerd), 2, antwoord)
    ontbreekt = rng.random(aantal.shape) < pa["ontbrekend_aandeel"]
    return antwoord, ontbreekt


def _ontkenning(rng: np.random.Generator, kansen: np.ndarray, info: dict[str, Any]) -> np.ndarray:
    """Mask (n, item): the respondent reports nothing of this item's form. ``kansen`` (n, vorm):
    per form an exact quota, round(kans x number) of the respondents with that probability."""
    u = rng.random(kansen.shape)
    ontkent = np.zeros(kansen.shape, dtype=bool)
    for j in range(kansen.shape[1]):
        for kans in np.unique(kansen[:, j]):
            rijen = np.flatnonzero(kansen[:, j] == kans)
            k = int(round(float(kans) * len(rijen)))
            ontkent[rijen[np.argsort(u[rijen, j], kind="stable")[:k]], j] = True
    return ontkent[:, info["vorm"]] & info["geweld"][None, :]


def _gezinsniveau(rng: np.random.Generator, mg: dict[str, Any], metingen: list[str], n_gezin: int) -> dict[str, Any]:
    """Latent family level (gamma, mean 1), per-wave factor and stopping for good."""
    niveau = _gamma(rng, mg["intensiteit_vorm"], (n_gezin,))
    schommeling = _gamma(rng, mg["schommeling_vorm"], (n_gezin, len(metingen)))
    stopkans = np.array([mg["stoppen"][w] for w in metingen])
    actief = ~np.logical_or.accumulate(rng.random((n_gezin, len(metingen))) < stopkans, axis=1)
    return {"niveau": niveau, "golf": schommeling * actief, "rang": _rang(niveau), "actief": actief}


def _partnergeweld(rng: np.random.Generator, cb: Codebook, m: dict[str, Any], gezin: dict[str, Any],
                   ouder_gezin: np.ndarray, ouder_man: np.ndarray, klassen: tuple) -> tuple[np.ndarray, ...]:
    """CTS2 answers and missing mask, shape (parent, wave, item nr, perspective), and the acts
    that happened, shape (family, wave, item nr, actor 0 = woman / 1 = man)."""
    metingen = cb.metingen
    mp, mg = m["partnergeweld"], m["gezin"]
    info = _iteminfo(cb, "cts2", mp["incidentie"])
    # One random stream per stage (common random numbers): tuning one stage leaves the draws of
    # the other stages as they were, so a parameter moves only what it is about.
    r_stop, r_aanwezig, r_begin, r_factor, r_vorm, r_tel, r_dader, r_slachtoffer = rng.spawn(8)
    verloop = np.array([mp["verloop"][w] for w in metingen])
    # Partner violence alone may stop too (e.g. after a separation); child maltreatment goes on.
    pv_stopkans = np.array([mp["stoppen"][w] for w in metingen])
    pv_actief = ~np.logical_or.accumulate(r_stop.random((len(gezin["niveau"]), len(metingen))) < pv_stopkans, axis=1)

    # Acts per (family, wave, item, actor), actor 0 = the woman, 1 = the man.
    kansen = np.stack([_vormkansen(mp["aanwezig"][g], info["vormen"], f"partnergeweld.aanwezig.{g}")
                       for g in (VROUW, MAN)], axis=-1)  # (vorm, actor)
    actoren = float(mp.get("samenhang_actoren", 0.0))
    item_aanwezig = _item_aanwezig(r_aanwezig, gezin["rang"], info, kansen, mp.get("ernst_aanwezig"),
                                   mg["samenhang_vormen"], "partnergeweld.ernst_aanwezig", actoren,
                                   mp.get("gekoppelde_vormen"))  # (gezin, item, actor)
    n_gezin = len(gezin["niveau"])
    geweld = info["geweld"]
    nieuw = np.zeros((n_gezin, len(metingen), len(info["nr"]), 2), dtype=bool)  # forms that started after T0
    if mp.get("vorm_begint"):
        # A form absent at T0 may start later (and then goes on): a new partner, an escalation.
        # Per (family, form, actor) the chance that it has started by each later wave.
        later = _item_aanwezig(r_begin, gezin["rang"], info, np.ones_like(kansen), mp.get("ernst_aanwezig"),
                               mg["samenhang_vormen"], "partnergeweld.ernst_aanwezig", actoren, mp.get("gekoppelde_vormen"))
        kans = np.array([[float(mp["vorm_begint"].get(v, {}).get(w, 0.0)) for w in metingen] for v in info["vormen"]])
        begonnen = np.logical_or.accumulate(r_begin.random((n_gezin, 2, len(info["vormen"]), len(metingen))) < kans, axis=-1)
        begonnen = np.moveaxis(begonnen, (1, 2, 3), (3, 2, 1))[:, :, info["vorm"], :]  # (gezin, wave, item, actor)
        vorm_t0 = np.zeros((n_gezin, len(info["vormen"]), 2), dtype=bool)
        for j in range(len(info["vormen"])):
            vorm_t0[:, j] = (item_aanwezig[:, (info["vorm"] == j) & geweld]).any(axis=1)
        nieuw = ~vorm_t0[:, info["vorm"], :][:, None] & begonnen & later[:, None] & geweld[None, None, :, None]
    # Violence by a man is more frequent than by a woman; negotiation is not.
    actor_tempo = np.where(geweld[:, None], np.array([mp["tempo"][VROUW], mp["tempo"][MAN]]), 1.0)  # (item, actor)
    if mp.get("tempo_ernstig"):  # severe acts: an extra factor per actor (men's severe acts are the most frequent)
        extra = np.array([mp["tempo_ernstig"].get(VROUW, 1.0), mp["tempo_ernstig"].get(MAN, 1.0)])
        actor_tempo = np.where((info["ernst"] == "ernstig")[:, None], actor_tempo * extra, actor_tempo)
    # The decline per actor relative to ``verloop`` (e.g. women's acts decline less than men's).
    actor_verloop = np.array([[float((mp.get("verloop_actor") or {}).get(g, {}).get(w, 1.0)) for g in (VROUW, MAN)]
                              for w in metingen])  # (wave, actor)
    item_factor = _gamma(r_factor, mp["item_vorm"], (n_gezin, len(metingen), len(info["nr"])))
    intensiteit = gezin["niveau"][:, None] * gezin["golf"] * pv_actief * verloop
    tempo = info["tarief"] * np.where(geweld, intensiteit[:, :, None], 1.0) * item_factor
    doorgaan = np.ones((n_gezin, len(metingen), len(info["nr"])), dtype=bool)
    if mp.get("vorm_stoppen"):  # forms that end before a later wave (family level, both actors)
        doorgaan = _vorm_gestopt(r_vorm, mp["vorm_stoppen"], info, metingen, n_gezin)
    golf_actor = np.where(geweld[None, :, None], actor_verloop[:, None, :], 1.0)  # (wave, item, actor)
    # New forms start at full strength (no decline since T0) and do not stop in the wave they start.
    nieuw_tempo = np.where(nieuw, 1.0 / np.where(geweld, verloop[:, None], 1.0)[None, :, :, None], 0.0)
    gewicht = (item_aanwezig[:, None, :, :] & doorgaan[..., None]) + nieuw_tempo
    handelingen = r_tel.poisson(tempo[..., None] * actor_tempo * golf_actor * gewicht)
    verwacht_t0 = info["tarief"][None, :, None] * actor_tempo * np.where(
        geweld[None, :, None], gezin["niveau"][:, None, None] * verloop[0], 1.0) * item_aanwezig

    # Each parent reports as dader (own acts) and as slachtoffer (the partner's acts).
    eigen = ouder_man.astype(int)
    antwoorden, ontbrekend = [], []
    for perspectief in cb.instrument("cts2")["perspectieven"]:
        actor = eigen if perspectief == DADER else 1 - eigen
        rng = r_dader if perspectief == DADER else r_slachtoffer
        melden = {g: mp["melden"][g][perspectief] for g in (VROUW, MAN)}
        # meldkans: one value, or one per ernst level ({mild: .., ernstig: ..}); per (parent, item).
        per_item = {g: np.array([float(melden[g]["meldkans"].get(e or "mild", 1.0)) if isinstance(melden[g]["meldkans"], dict)
                                 else float(melden[g]["meldkans"]) for e in info["ernst"]]) for g in (VROUW, MAN)}
        meldkans = np.where(ouder_man[:, None], per_item[MAN][None, :], per_item[VROUW][None, :])  # (ouder, item)
        ontkenkans = np.stack([_vormkansen(melden[g]["ontkenning"], info["vormen"],
                                           f"partnergeweld.melden.{g}.{perspectief}.ontkenning")
                               for g in (VROUW, MAN)])[eigen]  # (ouder, vorm)
        ontkent = _ontkenning(rng, ontkenkans, info)  # (ouder, item)
        if any("ontkenning_ernstig" in melden[g] for g in (VROUW, MAN)):
            # A respondent may admit a form's mild acts but deny its severe ones (e.g. men as perpetrators).
            ernstig_kans = np.stack([_vormkansen({v: 0.0 for v in info["vormen"]} | melden[g].get("ontkenning_ernstig", {}),
                                                 info["vormen"], f"partnergeweld.melden.{g}.{perspectief}.ontkenning_ernstig")
                                     for g in (VROUW, MAN)])[eigen]
            ontkent |= _ontkenning(rng, ernstig_kans, info) & (info["ernst"] == "ernstig")[None, :]
        echt = handelingen[ouder_gezin, :, :, actor]
        # A reporting factor above 1 over-reports (counts rounded up by the respondent).
        gemeld = rng.binomial(echt, np.minimum(meldkans, 1.0)[:, None, :])
        if (meldkans > 1).any():
            gemeld = gemeld + rng.binomial(echt, np.clip(meldkans - 1.0, 0.0, 1.0)[:, None, :])
        gemeld = np.where(ontkent[:, None, :], 0, gemeld)
        if any("ontkenning_t0" in melden[g] for g in (VROUW, MAN)):
            # Only at T0 (just after the report to Veilig Thuis) a respondent may keep a form to
            # themselves that they report later: Tabel 4.1 ("at any wave") above Tabel 4.2 (T0).
            t0_kans = np.stack([_vormkansen({v: 0.0 for v in info["vormen"]} | melden[g].get("ontkenning_t0", {}),
                                            info["vormen"], f"partnergeweld.melden.{g}.{perspectief}.ontkenning_t0")
                                for g in (VROUW, MAN)])[eigen]
            gemeld[:, 0, :] = np.where(_ontkenning(rng, t0_kans, info), 0, gemeld[:, 0, :])
        verwacht = verwacht_t0[ouder_gezin, :, actor] * meldkans * ~ontkent
        antwoord, ontbreekt = _antwoorden(rng, gemeld, verwacht, *klassen)
        antwoorden.append(antwoord)
        ontbrekend.append(ontbreekt)
    return np.stack(antwoorden, axis=-1), np.stack(ontbrekend, axis=-1), handelingen


def _ouder_kind_paren(ouder_gezin: np.ndarray, kind_gezin: np.ndarray, n_gezin: int) -> tuple[np.ndarray, np.ndarray]:
    """All (parent, child) pairs within a family, ordered by parent, then child."""
    per_gezin = np.bincount(kind_gezin, minlength=n_gezin)
    eerste_kind = np.cumsum(per_gezin) - per_gezin
    per_ouder = per_gezin[ouder_gezin]
    paar_ouder = np.repeat(np.arange(len(ouder_gezin)), per_ouder)
    binnen = np.arange(len(paar_ouder)) - np.repeat(np.cumsum(per_ouder) - per_ouder, per_ouder)
    return paar_ouder, eerste_kind[ouder_gezin][paar_ouder] + binnen


def _kindermishandeling(rng: np.random.Generator, cb: Codebook, m: dict[str, Any], gezin: dict[str, Any],
                        kind_gezin: np.ndarray, paar_ouder: np.ndarray, paar_kind: np.ndarray,
                        n_ouder: int, klassen: tuple) -> tuple[np.ndarray, ...]:
    """CTSPC answers and missing mask per (parent, child) pair, shape (pair, wave, item nr); the
    acts that happened per (child, wave, item nr) and the child's latent intensity (child, wave)."""
    metingen = cb.metingen
    mk, mg = m["kindermishandeling"], m["gezin"]
    info = _iteminfo(cb, "ctspc_ouder", mk["incidentie"])
    verloop = np.array([mk["verloop"][w] for w in metingen])
    # The family's child-maltreatment level: its partner-violence level mixed with a level of its own.
    koppeling = mk["samenhang_partnergeweld"]
    niveau = koppeling * gezin["niveau"] + (1 - koppeling) * _gamma(rng, mg["intensiteit_vorm"], gezin["niveau"].shape)
    kind_factor = _gamma(rng, mk["kind_vorm"], (len(kind_gezin),))
    # The per-wave factor: the family's own (shared with partner violence) or, with
    # ``eigen_schommeling``, one of its own, so that partner violence and child maltreatment
    # co-occur about as often as by chance (Figuur 4.7); stopping for good stays shared.
    golf = gezin["golf"]
    if mk.get("eigen_schommeling"):
        golf = _gamma(rng, mg["schommeling_vorm"], golf.shape) * gezin["actief"]

    # Acts per (child, wave, item).
    kansen = _vormkansen(mk["aanwezig"], info["vormen"], "kindermishandeling.aanwezig")
    item_aanwezig = _item_aanwezig(rng, _rang(niveau)[kind_gezin], info, kansen, mk.get("ernst_aanwezig"),
                                   mg["samenhang_vormen"], "kindermishandeling.ernst_aanwezig")  # (kind, item)
    geweld = info["geweld"]
    item_factor = _gamma(rng, mk["item_vorm"], (len(kind_gezin), len(metingen), len(info["nr"])))
    intensiteit = (niveau[:, None] * golf)[kind_gezin] * verloop * kind_factor[:, None]
    tempo = info["tarief"] * np.where(geweld, intensiteit[:, :, None], 1.0) * item_factor
    if mk.get("vorm_stoppen"):  # forms that end before a later wave (per family: all its children)
        tempo = tempo * _vorm_gestopt(rng, mk["vorm_stoppen"], info, metingen, len(niveau))[kind_gezin]
    if mk.get("verloop_vorm"):  # the decline per form relative to ``verloop`` (rate factor per wave)
        factor = np.array([[float(mk["verloop_vorm"].get(v, {}).get(w, 1.0)) for w in metingen] for v in info["vormen"]])
        tempo = tempo * np.where(geweld[None, :], factor[info["vorm"]].T, 1.0)[None]
    handelingen = rng.poisson(tempo * item_aanwezig[:, None, :])
    verwacht_t0 = info["tarief"][None, :] * np.where(
        geweld[None, :], (niveau[kind_gezin] * verloop[0] * kind_factor)[:, None], 1.0) * item_aanwezig

    # Every participating parent reports the acts towards each child of the family.
    ontkenkans = _vormkansen(mk["melden"]["ontkenning"], info["vormen"], "kindermishandeling.melden.ontkenning")
    ontkent = _ontkenning(rng, np.broadcast_to(ontkenkans, (n_ouder, len(info["vormen"]))), info)[paar_ouder]
    gemeld = rng.binomial(handelingen[paar_kind], mk["melden"]["meldkans"])
    gemeld = np.where(ontkent[:, None, :], 0, gemeld)
    verwacht = verwacht_t0[paar_kind] * mk["melden"]["meldkans"] * ~ontkent
    antwoord, ontbreekt = _antwoorden(rng, gemeld, verwacht, *klassen)
    return antwoord, ontbreekt, handelingen, intensiteit


def _antwoordtabel(sleutels: dict[str, np.ndarray], items: pd.DataFrame, antwoord: np.ndarray,
                   ontbreekt: np.ndarray, index: list[tuple[int, ...]]) -> pd.DataFrame:
    """A wide frame: key columns plus one nullable Int64 column per item column of ``items``;
    ``index[j]`` locates column j in the trailing axes of ``antwoord``/``ontbreekt``."""
    data: dict[str, Any] = dict(sleutels)
    for kolom, plek in zip(items["kolom"], index):
        data[kolom] = pd.arrays.IntegerArray(antwoord[(slice(None), *plek)].astype("int64"),
                                             ontbreekt[(slice(None), *plek)])
    return pd.DataFrame(data)


def _geen_vragenlijst(rng: np.random.Generator, aandelen: dict[str, float], deelname: np.ndarray,
                      metingen: list[str]) -> np.ndarray:
    """Per (family, wave): the family returns no violence questionnaire (CTS2, CTSPC) in that wave.
    ``aandelen`` {wave: share}: an exact quota of the families taking part in that wave, drawn at
    random separately among the families in all three waves and the others (Figuur 8.1: 545 of the
    576 families have violence data at T2)."""
    zonder = np.zeros(deelname.shape, dtype=bool)
    alle = deelname.all(axis=1)
    for j, meting in enumerate(metingen):
        aandeel = float(aandelen.get(meting, 0.0))
        for groep in (alle, ~alle):
            kandidaten = np.flatnonzero(deelname[:, j] & groep)
            k = int(round(aandeel * len(kandidaten)))
            zonder[rng.permutation(kandidaten)[:k], j] = True
    return zonder


# ---------------------------------------------------------------------------------------
# Background and wellbeing of the parents (Tabel 3.3, 3.4, 9.1; hoofdstuk 5)
# ---------------------------------------------------------------------------------------
# Drawn from a second random stream (seed, 2), so adding or tuning these instruments never
# changes the violence answers above. Every answer comes from a latent variable per parent
# (and wave); the family's violence level per wave (the same latent intensity that drives the
# CTS2/CTSPC answers, zero once the violence stopped) raises trauma, stress and risks.
def _normaal_kwantiel(p: np.ndarray) -> np.ndarray:
    from scipy.special import ndtri  # scipy is a pinned dependency (statistics)

    return ndtri(np.clip(p, 1e-12, 1 - 1e-12))


def _categorie(latent: np.ndarray, kansen: np.ndarray) -> np.ndarray:
    """Category index per element: ``latent`` (standard normal) cut at the quantiles of the
    cumulative ``kansen`` (..., k), broadcast against ``latent``; index 0 = lowest latent."""
    kansen = np.asarray(kansen, dtype=float)
    grenzen = _normaal_kwantiel(np.cumsum(kansen, axis=-1)[..., :-1] / kansen.sum(axis=-1, keepdims=True))
    return (latent[..., None] > grenzen).sum(axis=-1)


def _quota(sleutel: np.ndarray, man: np.ndarray, kansen: np.ndarray, alle: np.ndarray | None = None,
           verschil: np.ndarray | None = None) -> np.ndarray:
    """Category index per parent with exact numbers per gender: ``kansen`` (parent, category) are
    the gender's shares (rows equal within a gender), counted out by largest remainder and handed
    out by rank of ``sleutel`` (lowest key = category 0), so a latent's correlations stay. With
    ``alle`` (parent took part in every wave) and ``verschil`` (category: percentage points the
    families in all waves differ from all families, Tabel 3.6), the parents of those families get
    their own numbers (the gender's shares plus ``verschil``), the others the rest."""
    uit = np.zeros(len(sleutel), dtype=int)
    for geslacht in (False, True):
        idx = np.flatnonzero(man == geslacht)
        if not len(idx):
            continue
        p = kansen[idx[0]] / kansen[idx[0]].sum()
        totaal = _grootste_rest(p, len(idx))
        delen = [(idx, totaal)]
        if alle is not None and verschil is not None:
            binnen = idx[alle[idx]]
            sub = _grootste_rest(np.clip(p + np.asarray(verschil) / 100, 1e-9, None), len(binnen))
            while (sub > totaal).any():  # the subgroup cannot take more than the gender has
                teveel = np.clip(sub - totaal, 0, None)
                sub -= teveel
                ruimte = totaal - sub
                for _ in range(int(teveel.sum())):
                    j = int(np.argmax(ruimte))
                    sub[j] += 1
                    ruimte[j] -= 1
            delen = [(binnen, sub), (idx[~alle[idx]], totaal - sub)]
        for leden, aantallen in delen:
            volgorde = leden[np.argsort(sleutel[leden], kind="stable")]
            uit[volgorde] = np.repeat(np.arange(len(aantallen)), aantallen)
    return uit


def _per_geslacht(tabel: dict[str, Any], codes: list[str], man: np.ndarray, wat: str) -> np.ndarray:
    """(parent, category) probabilities from {vrouw: {code: p}, man: {code: p}}."""
    try:
        rij = {g: np.array([float(tabel[g][c]) for c in codes]) for g in (VROUW, MAN)}
    except KeyError as ontbreekt:
        raise _fout(f"{wat} mist {ontbreekt}") from None
    return np.where(man[:, None], rij[MAN], rij[VROUW])


def _mix(rng: np.random.Generator, delen: list[tuple[float, np.ndarray]], shape: tuple[int, ...]) -> np.ndarray:
    """A standard-normal latent: weighted standard-normal parts plus independent noise for the rest."""
    uit = np.zeros(shape)
    rest = 1.0
    for gewicht, deel in delen:
        uit = uit + gewicht * deel
        rest -= gewicht**2
    return uit + np.sqrt(max(rest, 0.0)) * rng.standard_normal(shape)


def _likert(rng: np.random.Generator, latent: np.ndarray, n_items: int, bereik: tuple[int, int],
            spec: dict[str, Any]) -> np.ndarray:
    """Item answers (parent, wave, item): round(mu + helling x latent + item offset + noise), clipped."""
    laag, hoog = bereik
    offset = rng.normal(0.0, spec.get("item_sd", 0.25), n_items)
    ster = spec["gemiddelde"] + spec["helling"] * latent[..., None] + offset \
        + rng.normal(0.0, spec["ruis"], (*latent.shape, n_items))
    return np.clip(np.rint(ster), laag, hoog).astype("int64")


def _schaal_bereik(cb: Codebook, instrument: str) -> tuple[int, int]:
    waarden = sorted(int(k) for k in cb.antwoordschaal(cb.instrument(instrument)["antwoordschaal"])["waarden"])
    return waarden[0], waarden[-1]


def _geweld_per_meting(m: dict[str, Any], gezin: dict[str, Any], metingen: list[str]) -> np.ndarray:
    """Standardised family violence per (family, wave): log(1 + latent partner-violence
    intensity), centred and scaled on T0; families whose violence stopped get the lowest values."""
    verloop = np.array([m["partnergeweld"]["verloop"][w] for w in metingen])
    log = np.log1p(gezin["niveau"][:, None] * gezin["golf"] * verloop)
    return (log - log[:, 0].mean()) / log[:, 0].std()


def _achtergrond(rng: np.random.Generator, cb: Codebook, p: dict[str, Any], o: dict[str, Any],
                 geweld: np.ndarray) -> dict[str, Any]:
    """Background per parent (T0) and per parent and wave; children's background (T0)."""
    pa = p["model"]["achtergrond"]
    metingen = cb.metingen
    man, g = o["ouder_man"], o["ouder_gezin"]
    n, w = len(g), len(metingen)
    n_gezin = len(o["deelname"])
    per_gezin = np.bincount(g, minlength=n_gezin)
    paar = per_gezin[g] == 2
    eerste = np.r_[True, g[1:] != g[:-1]]  # the first parent of each family (the mother in couples)
    eerste_ouder = np.flatnonzero(eerste)  # index per family

    def codes(tabel: str, kolom: str) -> list[str]:
        return [str(c) for c in cb.kolommen(tabel)[kolom]["waarden"]]

    # Migration background: per gender (Tabel 3.3); the second parent of a couple often shares it.
    mig_codes = codes("ouders", "migratieachtergrond")
    kans = _per_geslacht(pa["migratieachtergrond"], mig_codes, man, "model.achtergrond.migratieachtergrond")
    u_migratie = rng.random(n)
    deelt = paar & ~eerste & (rng.random(n) < pa["migratie_zelfde_als_partner"])
    # Sharing = the same uniform draw, cut at the second parent's own (gender) shares: couples mostly
    # agree, while the fathers' and mothers' distributions stay those of Tabel 3.3.
    u_migratie = np.where(deelt, u_migratie[eerste_ouder[g]], u_migratie)
    # Exact numbers per gender (and for the families in all waves, Tabel 3.6) by rank of the draw.
    alle = o["deelname"][g].all(axis=1)
    va = pa.get("verschil_alle") or {}

    def verschil(sleutel: str, codes: list[str]) -> np.ndarray | None:
        return np.array([float(va[sleutel].get(c, 0.0)) for c in codes]) if sleutel in va else None

    migratie = _quota(u_migratie, man, kans, alle, verschil("migratieachtergrond", mig_codes))

    # Socio-economic latent (couples correlated) drives education, income and work.
    ses = rng.standard_normal(n)
    ses = np.where(paar & ~eerste, 0.5 * ses[eerste_ouder[g]] + np.sqrt(0.75) * ses, ses)
    opl_codes = codes("ouders_achtergrond", "opleidingsniveau")
    opl_kans = _per_geslacht(pa["opleidingsniveau"], opl_codes, man, "model.achtergrond.opleidingsniveau")
    anders = opl_codes.index("anders")
    geordend = [i for i in range(len(opl_codes)) if i != anders]  # low to high
    opl_latent = _mix(rng, [(pa["samenhang_ses"], ses)], (n,))
    u_anders = rng.random(n)
    # 'anders' (exact per gender) by the lowest draws, the ordered levels by rank of the latent.
    v_opl = verschil("opleidingsniveau", opl_codes)
    is_anders = _quota(u_anders, man, np.column_stack([opl_kans[:, anders], opl_kans.sum(axis=1) - opl_kans[:, anders]]),
                       alle, None if v_opl is None else np.array([v_opl[anders], -v_opl[anders]])) == 0
    opl = np.full(n, anders)
    rest = np.flatnonzero(~is_anders)
    opl[rest] = np.array(geordend)[_quota(opl_latent[rest], man[rest], opl_kans[rest][:, geordend], alle[rest],
                                          None if v_opl is None else v_opl[geordend])]
    # Per wave a few parents report an adjacent level (Tabel 9.1: 7.7%, 8.2%, 7.4% low educated).
    stap = np.where(rng.random((n, w)) < pa["opleiding_wisselt"], rng.choice([-1, 1], (n, w)), 0)
    stap[:, 0] = 0
    rang = np.searchsorted(geordend, opl)[:, None] + stap
    opl_w = np.where(opl[:, None] == anders, anders, np.array(geordend)[np.clip(rang, 0, len(geordend) - 1)])

    def per_meting(samenhang: float, stabiliteit: float) -> np.ndarray:
        """A standard-normal latent per (parent, wave), correlated with ses and over the waves."""
        uit = np.empty((n, w))
        uit[:, 0] = _mix(rng, [(samenhang, ses)], (n,))
        for j in range(1, w):
            uit[:, j] = stabiliteit * uit[:, j - 1] + np.sqrt(1 - stabiliteit**2) * rng.standard_normal(n)
        return uit

    verbetering = lambda sleutel: np.array([pa[sleutel]["verbetering"][m] for m in metingen])  # noqa: E731
    ink_codes = codes("ouders_achtergrond", "inkomen")
    ink_kans = _per_geslacht(pa["inkomen"]["T0"], ink_codes, man, "model.achtergrond.inkomen.T0")
    ink_latent = per_meting(pa["samenhang_ses"], pa["stabiliteit"]) + verbetering("inkomen")
    inkomen = _categorie(ink_latent, ink_kans[:, None, :])
    if pa["inkomen"].get("T0_exact"):  # T0: exact numbers per gender (Tabel 3.3/3.6) by rank of the latent
        inkomen[:, 0] = _quota(ink_latent[:, 0], man, _per_geslacht(pa["inkomen"]["T0_exact"], ink_codes, man,
                                                                   "model.achtergrond.inkomen.T0_exact"),
                               alle, verschil("inkomen", ink_codes))
    werk_kans = np.where(man, pa["werk"]["T0"][MAN], pa["werk"]["T0"][VROUW])  # P(> 12 hours)
    werkt = per_meting(pa["samenhang_ses"], pa["stabiliteit"]) + verbetering("werk") > _normaal_kwantiel(1 - werk_kans)[:, None]
    uren_werk = np.clip(np.rint(rng.normal(np.where(man, pa["werk"]["uren_man"], pa["werk"]["uren_vrouw"])[:, None],
                                           pa["werk"]["uren_sd"], (n, w))), 13, 60)
    weinig = np.where(rng.random((n, w)) < pa["werk"]["deel_nul_uren"], 0, rng.integers(1, 12, (n, w)))
    uren = np.where(werkt, uren_werk, weinig).astype("int64")
    uren_ontbreekt = rng.random((n, w)) < pa["ontbrekend_aandeel"]

    # Living together: couples in the study mostly do (and split or not together); others per gender.
    samen = np.empty((n, w), dtype=bool)
    kans_samen = np.where(paar, pa["samenwonend"]["echtpaar"],
                          np.where(man, pa["samenwonend"]["alleen_vader"], pa["samenwonend"]["alleen_moeder"]))
    trek = rng.random((n, w))
    if pa["samenwonend"].get("samenhang_geweld"):
        # Parents with more violence in the family live alone more often at T0 (violence by an
        # ex-partner is the most frequent, Tabel 4.3); same draws, so the shares stay the same.
        r = pa["samenwonend"]["samenhang_geweld"]
        from scipy.special import ndtr  # scipy is a pinned dependency (statistics)

        trek[:, 0] = ndtr(r * geweld[g, 0] / max(geweld[:, 0].std(), 1e-9) + np.sqrt(1 - r**2) * _normaal_kwantiel(trek[:, 0]))
    trek = np.where((paar & ~eerste)[:, None], trek[eerste_ouder[g]], trek)  # couples share their draws
    samen[:, 0] = trek[:, 0] < kans_samen
    if pa["samenwonend"].get("totaal"):
        # T0: exact numbers per gender (Tabel 3.3), the most likely first (draw minus probability);
        # mothers first, fathers in couples with their partner, then the fathers taking part alone.
        sleutel = trek[:, 0] - kans_samen
        tot = pa["samenwonend"]["totaal"]
        vrouw = np.flatnonzero(~man)
        k = int(round(float(tot[VROUW]) / 100 * len(vrouw)))
        samen[:, 0] = False
        samen[vrouw[np.argsort(sleutel[vrouw], kind="stable")[:k]], 0] = True
        paar_man = np.flatnonzero(man & paar)
        samen[paar_man, 0] = samen[eerste_ouder[g[paar_man]], 0]
        alleen_man = np.flatnonzero(man & ~paar)
        k = int(np.clip(round(float(tot[MAN]) / 100 * man.sum()) - samen[paar_man, 0].sum(), 0, len(alleen_man)))
        samen[alleen_man[np.argsort(sleutel[alleen_man], kind="stable")[:k]], 0] = True
    for j in range(1, w):
        samen[:, j] = np.where(samen[:, j - 1], trek[:, j] >= pa["samenwonend"]["uit_elkaar"],
                               trek[:, j] < pa["samenwonend"]["gaan_samenwonen"])
    og = pa["ooit_gescheiden"]  # per living situation, optionally per gender ({vrouw: {...}, man: {...}})
    og_man, og_vrouw = og.get(MAN, og), og.get(VROUW, og)
    kans_gescheiden = np.where(samen[:, 0], np.where(man, og_man["samenwonend"], og_vrouw["samenwonend"]),
                               np.where(man, og_man["alleenstaand"], og_vrouw["alleenstaand"]))
    u_gescheiden = rng.random(n)
    gescheiden = u_gescheiden < kans_gescheiden
    if og.get("totaal"):  # exact numbers per gender (Tabel 3.3), the most likely by living situation first
        totaal = np.where(man, float(og["totaal"][MAN]), float(og["totaal"][VROUW])) / 100
        gescheiden = _quota(u_gescheiden - kans_gescheiden, man, np.column_stack([totaal, 1 - totaal])) == 0
    gescheiden = np.logical_or.accumulate(
        np.column_stack([gescheiden] + [samen[:, j - 1] & ~samen[:, j] for j in range(1, w)]), axis=1)

    k3 = pa["kinderen_ouder_dan_3"]  # % per number of children, optionally per gender
    k3_per = {gsl: k3.get(gsl, k3) for gsl in (VROUW, MAN)}
    kinderen_aantal = np.array([int(k) for k in k3_per[VROUW]])
    if [int(k) for k in k3_per[MAN]] != list(kinderen_aantal):
        raise _fout("kinderen_ouder_dan_3: dezelfde aantallen voor vrouwen en mannen")
    kinderen_kans = np.where(man[:, None], [float(v) for v in k3_per[MAN].values()], [float(v) for v in k3_per[VROUW].values()])
    aantal_kinderen = kinderen_aantal[_quota(rng.random(n), man, kinderen_kans)]  # exact per gender

    # Child protection order (OTS or out-of-home placement): per family, more likely with more violence.
    jb = pa["jeugdbescherming"]
    jb_latent = _mix(rng, [(jb["samenhang_geweld"], geweld[:, 0])], (n_gezin,))
    maatregel = np.empty((n_gezin, w), dtype=bool)
    # Families where only the father takes part more often have a measure (Tabel 3.3: fathers 30.1%).
    alleen_vader = (per_gezin == 1) & man[eerste_ouder]
    jb_t0 = np.where(alleen_vader, jb.get("T0_alleen_vader", jb["T0"]), jb["T0"])
    maatregel[:, 0] = jb_latent > _normaal_kwantiel(1 - jb_t0)
    if jb.get("exact"):  # exact numbers per kind of family (father alone or not), the highest latent first
        maatregel[:, 0] = _quota(-jb_latent, alleen_vader, np.column_stack([jb_t0, 1 - jb_t0])) == 0
    for j in range(1, w):
        maatregel[:, j] = np.where(maatregel[:, j - 1], rng.random(n_gezin) < jb["blijft"],
                                   rng.random(n_gezin) < jb["nieuw"])

    # Children: background of the family's first parent (Tabel 3.4 follows Tabel 3.3 closely).
    k_ouder = eerste_ouder[o["kind_gezin"]]
    stief = rng.random(len(k_ouder)) < pa["kind_stiefgezin_bij_samenwonen"]
    situatie = np.where(~samen[k_ouder, 0], "eenoudergezin", np.where(stief, "stiefgezin", "biologische_ouders"))
    return {
        "migratie": np.array(mig_codes, dtype=object)[migratie],
        "opleiding": np.array(opl_codes, dtype=object)[opl_w],
        "inkomen": np.array(ink_codes, dtype=object)[inkomen],
        "uren": uren, "uren_ontbreekt": uren_ontbreekt,
        "gezinssamenstelling": np.where(samen, "samenwonend", "alleenstaand").astype(object),
        "ooit_gescheiden": np.where(gescheiden, "ja", "nee").astype(object),
        "aantal_kinderen": np.repeat(aantal_kinderen[:, None], w, axis=1),
        "jeugdbescherming": np.where(maatregel[g], "ja", "nee").astype(object),
        "kind_migratie": np.array(mig_codes, dtype=object)[migratie[k_ouder]],
        "kind_situatie": situatie.astype(object),
        "kind_gescheiden": np.where(gescheiden[k_ouder, 0], "ja", "nee").astype(object),
        # For :func:`_kind_achtergrond`: the first parent's category plus its draw (a rank key).
        "kind_migratie_sleutel": migratie[k_ouder] + u_migratie[k_ouder],
        "kind_gescheiden_sleutel": (~gescheiden[k_ouder, 0]).astype(float) + u_gescheiden[k_ouder],
        "kind_situatie_sleutel": (~samen[k_ouder, 0]).astype(float) + trek[k_ouder, 0],
        "kind_stief": stief,
    }


def _kind_achtergrond(cb: Codebook, p: dict[str, Any], a: dict[str, Any], zelf: np.ndarray) -> dict[str, np.ndarray]:
    """Children's migration background and parents ever divorced (T0) with exact numbers among the
    children who fill in questionnaires themselves at T0 (``zelf``) and the others
    (``model.achtergrond.kinderen``: % of all children and of the self-reporters, Tabel 3.4), handed
    out by rank of the first parent's category and draw, so a child mostly has its parent's."""
    spec = (p["model"]["achtergrond"].get("kinderen") or {})
    uit = {}
    for kolom, sleutel, codes in (("migratieachtergrond", "kind_migratie_sleutel",
                                   [str(c) for c in cb.kolommen("kinderen")["migratieachtergrond"]["waarden"]]),
                                  ("ouders_ooit_gescheiden", "kind_gescheiden_sleutel", ["ja", "nee"]),
                                  ("gezinssituatie", "kind_situatie_sleutel", ["kerngezin", "eenoudergezin"])):
        if kolom not in spec:
            continue
        totaal = np.array([float(spec[kolom]["totaal"][c]) for c in codes]) / 100
        eigen = np.array([float(spec[kolom]["zelf"][c]) for c in codes]) / 100
        n_zelf, n = int(zelf.sum()), len(zelf)
        rest = np.clip((totaal * n - eigen * n_zelf) / max(n - n_zelf, 1), 1e-9, None)
        kansen = np.where(zelf[:, None], eigen, rest)
        uit[kolom] = np.array(codes, dtype=object)[_quota(a[sleutel], zelf, kansen)]
    if "gezinssituatie" in uit:  # two parents: a stepfamily or the biological parents, as drawn
        kern = uit["gezinssituatie"] == "kerngezin"
        uit["gezinssituatie"][kern] = np.where(a["kind_stief"][kern], "stiefgezin", "biologische_ouders")
    return uit


def _partner_relatie(rng: np.random.Generator, spec: dict[str, Any], samen: np.ndarray,
                     metingen: list[str], man: np.ndarray | None = None,
                     geweld: np.ndarray | None = None) -> np.ndarray:
    """Whom the CTS2 answers concern per (parent, wave), from living together (``samen``, bool)
    and, for the gender-specific parameters, the parent's gender (``man``, bool) and the family's
    standardised violence per wave (``geweld``)."""
    n, w = samen.shape
    man = np.zeros(n, dtype=bool) if man is None else np.asarray(man, dtype=bool)
    lat = rng.random((n, w)) < np.array([spec["lat_partner"][m] for m in metingen])
    nieuw = rng.random((n, w)) < spec["nieuwe_partner"]
    uit = np.where(samen | lat, "huidige_partner", "ex_partner").astype(object)
    if spec.get("ex_bij_samenwonen"):
        # A parent who lives with a (new) partner may still answer about the violence of an ex-partner
        # (Tabel 4.3: fewer men report about their current partner than live together): an exact
        # quota per gender and wave, mostly the parents with the least violence (the ex-partner is
        # no longer around; ``ex_bij_samenwonen_geweld`` = weight of the violence in that choice).
        u = rng.random((n, w))
        if geweld is not None:
            u = u + float(spec.get("ex_bij_samenwonen_geweld", 0.0)) * geweld
        for gi, g in enumerate((VROUW, MAN)):
            for j, m in enumerate(metingen):
                rijen = np.flatnonzero(samen[:, j] & (man == bool(gi)))
                k = int(round(float(spec["ex_bij_samenwonen"].get(g, {}).get(m, 0.0)) * len(rijen)))
                uit[rijen[np.argsort(u[rijen, j], kind="stable")[:k]], j] = "ex_partner"
    for j in range(1, w):
        gestopt = samen[:, j - 1] & ~samen[:, j]
        begonnen = ~samen[:, j - 1] & samen[:, j]
        uit[gestopt, j] = "relatie_beeindigd"
        uit[begonnen, j] = np.where(nieuw[begonnen, j], "nieuwe_partner", "terug_bij_ex")
    overgangen = spec.get("overgangen_zonder_verhuizing") or {}
    if overgangen:
        # From T1 on, the relationship of a parent living alone may change without a move (a new
        # partner or one that just ended living elsewhere, back with the ex): Tabel 4.3 T2 (4-6% each).
        # One table for everyone, or one per gender ({vrouw: {...}, man: {...}}).
        per_geslacht = overgangen if {VROUW, MAN} <= set(overgangen) else {VROUW: overgangen, MAN: overgangen}
        codes = list(dict.fromkeys(c for g in (VROUW, MAN) for c in per_geslacht[g]))
        kansen = np.stack([np.cumsum([float(per_geslacht[g].get(c, 0.0)) for c in codes]) for g in (VROUW, MAN)])
        trek = rng.random((n, w))
        for j in range(1, w):
            vrij = np.isin(uit[:, j], ["huidige_partner", "ex_partner"]) & ~samen[:, j]
            keuze = (trek[:, j][:, None] >= kansen[man.astype(int)]).sum(axis=1)
            for k, code in enumerate(codes):
                uit[vrij & (keuze == k), j] = code
    return uit


def _welzijn(rng: np.random.Generator, cb: Codebook, p: dict[str, Any], o: dict[str, Any],
             geweld: np.ndarray) -> dict[str, np.ndarray]:
    """Item answers (parent, wave, item) of every parent instrument beyond violence."""
    mw = p["model"]["welzijn"]
    metingen = cb.metingen
    man, g = o["ouder_man"], o["ouder_gezin"]
    n, w = len(g), len(metingen)
    v = geweld[g]  # (parent, wave): standardised violence, lower once it stopped
    verloop = lambda spec: np.array([spec.get("verloop", {}).get(m, 0.0) for m in metingen])  # noqa: E731

    # Lasting vulnerability per parent; childhood adversity (ACE) linked to it and to the violence.
    kwetsbaar = rng.standard_normal(n)
    ace_latent = _mix(rng, [(mw["ace"]["samenhang_kwetsbaarheid"], kwetsbaar),
                            (mw["ace"]["samenhang_geweld"], v[:, 0])], (n,))
    uit: dict[str, np.ndarray] = {}
    ace = cb.items("ace")
    kans = np.array([float(mw["ace"]["kansen"][s]) for s in ace["subschaal"]])
    logit = np.log(kans / (1 - kans))[None, :] + mw["ace"]["helling"] * ace_latent[:, None]
    # Parents of families that did not take part in every wave report somewhat fewer ACEs (Tabel 3.6).
    logit = logit + np.where(o["deelname"][g].all(axis=1), 0.0, float(mw["ace"].get("verschil_niet_alle", 0.0)))[:, None]
    ja = rng.random((n, len(kans))) < 1 / (1 + np.exp(-logit))
    uit["ace"] = np.repeat(ja.astype("int64")[:, None, :], w, axis=1)  # only T0 is used

    def toestand(spec: dict[str, Any]) -> np.ndarray:
        """Latent (parent, wave): vulnerability + violence of that wave + ACE + a stable own part + noise."""
        eigen = rng.standard_normal(n)[:, None]
        return (spec.get("kwetsbaarheid", 0.0) * kwetsbaar[:, None] + spec.get("geweld", 0.0) * v
                + spec.get("ace", 0.0) * ace_latent[:, None] + spec.get("eigen", 0.0) * eigen
                + spec.get("ruis_meting", 0.0) * rng.standard_normal((n, w)) + verloop(spec))

    for instrument in ("nosik", "nosi_competentie", "ppq_warmte", "mpf33_autonomie", "mansa", "veiligheid"):
        spec = mw[instrument]
        uit[instrument] = _likert(rng, toestand(spec), len(cb.items(instrument)), _schaal_bereik(cb, instrument), spec)

    # TSI: one trauma latent, a factor per scale; validity scales mostly unrelated.
    spec = mw["tsi"]
    trauma = toestand(spec)
    items = cb.items("tsi")
    schalen = list(dict.fromkeys(items["subschaal"]))
    antwoorden = np.empty((n, w, len(items)), dtype="int64")
    for schaal in schalen:
        kies = np.flatnonzero(items["subschaal"].to_numpy() == schaal)
        sspec = _samenvoegen(spec, spec.get("schalen", {}).get(schaal, {}))
        factor = sspec["samenhang"] * trauma + np.sqrt(max(1 - sspec["samenhang"] ** 2, 0)) * rng.standard_normal((n, w))
        antwoorden[:, :, kies] = _likert(rng, factor, len(kies), _schaal_bereik(cb, "tsi"), sspec)
    uit["tsi"] = antwoorden

    # Audit-C: own drinking (men more) and the (ex-)partner's (more where there is more violence).
    spec = mw["auditc"]
    eigen = _mix(rng, [(spec["stabiliteit"], np.repeat(rng.standard_normal(n)[:, None], w, axis=1))], (n, w))
    eigen = eigen + np.where(man, spec["man"], spec["vrouw"])[:, None]
    partner = _mix(rng, [(spec["stabiliteit"], np.repeat(rng.standard_normal(n)[:, None], w, axis=1))], (n, w))
    partner = partner + np.where(man, spec["vrouw"], spec["man"])[:, None] + spec["partner_extra"] + spec["partner_geweld"] * v
    # In couples the partner's drinking is the other parent's, seen through the respondent's eyes.
    per_gezin = np.bincount(g, minlength=len(o["deelname"]))
    ander = np.arange(n) + np.where(np.r_[True, g[1:] != g[:-1]], 1, -1)
    ander = np.where(per_gezin[g] == 2, ander, -1)
    partner = np.where((ander >= 0)[:, None], eigen[np.clip(ander, 0, n - 1)] + spec["partner_ruis"] * rng.standard_normal((n, w)),
                       partner)
    audit = []
    for latent in (eigen, partner):
        keren = _categorie(latent + spec["item_ruis"] * rng.standard_normal((n, w)), np.array(spec["kansen"]["frequentie"]))
        glazen = _categorie(latent + spec["item_ruis"] * rng.standard_normal((n, w)), np.array(spec["kansen"]["hoeveelheid"]))
        zes = _categorie(latent + spec["item_ruis"] * rng.standard_normal((n, w)), np.array(spec["kansen"]["zes_of_meer"]))
        nooit = keren == 0
        audit.append(np.stack([keren, np.where(nooit, 0, glazen), np.where(nooit, 0, zes)], axis=-1))
    uit["auditc"] = np.stack(audit, axis=-1)  # (parent, wave, item, perspectief)
    return uit


def generate(seed: int = DEFAULT_SEED, parameters: dict[str, Any] | None = None) -> dict[str, pd.DataFrame]:
    """Generate all codebook tables of a synthetic snapshot (pure and deterministic).

    ``parameters`` are merged into ``synthetic_parameters.yaml`` (nested dicts merge), so a
    test can override e.g. only ``steekproef`` for a small design.
    """
    cb = load_codebook()
    p = _samenvoegen(load_parameters(), parameters or {})
    _controleer_codeboek(cb)
    rng = np.random.Generator(np.random.PCG64(seed))
    m = p["model"]
    klassen = (*_klassegrenzen(cb, p, cb.instrument("cts2")["antwoordschaal"]), m["antwoorden"])

    o = _ontwerp(cb, p, rng)
    deelname, ouder_gezin, kind_gezin = o["deelname"], o["ouder_gezin"], o["kind_gezin"]
    n_gezin, n_ouder = len(deelname), len(ouder_gezin)
    gezin = _gezinsniveau(rng, m["gezin"], cb.metingen, n_gezin)
    cts_antwoord, cts_ontbreekt, pg_handelingen = _partnergeweld(rng, cb, m, gezin, ouder_gezin, o["ouder_man"], klassen)
    paar_ouder, paar_kind = _ouder_kind_paren(ouder_gezin, kind_gezin, n_gezin)
    # Child maltreatment has a stream of its own, so tuning partner violence leaves it unchanged.
    rng_km = np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, 1])))
    pc_antwoord, pc_ontbreekt, km_handelingen, km_intensiteit = _kindermishandeling(rng_km, cb, m, gezin, kind_gezin, paar_ouder,
                                                                                    paar_kind, n_ouder, klassen)

    gezin_id, ouder_id, kind_id = _ids("G", n_gezin), _ids("O", n_ouder), _ids("K", len(kind_gezin))
    meting = np.array(cb.metingen, dtype=object)
    tabellen: dict[str, pd.DataFrame] = {
        "gezinnen": pd.DataFrame({"gezin_id": gezin_id, "regio": o["regio"]}),
        "ouders": pd.DataFrame({
            "ouder_id": ouder_id,
            "gezin_id": gezin_id[ouder_gezin],
            "geslacht": np.where(o["ouder_man"], MAN, VROUW).astype(object),
            "leeftijd_t0": pd.arrays.IntegerArray(o["ouder_leeftijd"], o["ouder_leeftijd_ontbreekt"]),
        }),
        "kinderen": pd.DataFrame({
            "kind_id": kind_id,
            "gezin_id": gezin_id[kind_gezin],
            "geslacht": o["kind_geslacht"],
            "leeftijd_t0": pd.array(o["kind_leeftijd"], dtype="Int64"),
        }),
    }
    # One row per respondent and wave taken part in: parents and children follow their family.
    o_rij, o_meting = np.nonzero(deelname[ouder_gezin])
    k_rij, k_meting = np.nonzero(o["kind_deelname"])
    tabellen["deelname"] = pd.DataFrame({
        "respondent_id": np.concatenate([ouder_id[o_rij], kind_id[k_rij]]),
        "meting": np.concatenate([meting[o_meting], meting[k_meting]]),
    })

    items = cb.items("cts2")
    nrs = list(dict.fromkeys(items["nr"]))
    perspectieven = cb.instrument("cts2")["perspectieven"]
    tabellen["cts2"] = _antwoordtabel(
        {"ouder_id": ouder_id[o_rij], "meting": meting[o_meting]},
        items, cts_antwoord[o_rij, o_meting], cts_ontbreekt[o_rij, o_meting],
        [(nrs.index(nr), perspectieven.index(pers)) for nr, pers in zip(items["nr"], items["perspectief"])],
    )
    p_rij, p_meting = np.nonzero(deelname[ouder_gezin[paar_ouder]] & o["kind_deelname"][paar_kind])
    items = cb.items("ctspc_ouder")
    nrs = list(dict.fromkeys(items["nr"]))
    tabellen["ctspc_ouder"] = _antwoordtabel(
        {"ouder_id": ouder_id[paar_ouder[p_rij]], "kind_id": kind_id[paar_kind[p_rij]], "meting": meting[p_meting]},
        items, pc_antwoord[p_rij, p_meting], pc_ontbreekt[p_rij, p_meting],
        [(nrs.index(nr),) for nr in items["nr"]],
    )
    # Background and wellbeing: a second random stream, so the violence answers above stay the same.
    rng2 = np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, 2])))
    geweld = _geweld_per_meting(m, gezin, cb.metingen)
    a = _achtergrond(rng2, cb, p, o, geweld)
    tabellen["ouders"]["migratieachtergrond"] = a["migratie"]
    tabellen["kinderen"]["migratieachtergrond"] = a["kind_migratie"]
    tabellen["kinderen"]["gezinssituatie"] = a["kind_situatie"]
    tabellen["kinderen"]["ouders_ooit_gescheiden"] = a["kind_gescheiden"]
    rij, wm = o_rij, o_meting
    tabellen["ouders_achtergrond"] = pd.DataFrame({
        "ouder_id": ouder_id[rij],
        "meting": meting[wm],
        "opleidingsniveau": a["opleiding"][rij, wm],
        "inkomen": a["inkomen"][rij, wm],
        "uren_betaald_werk": pd.arrays.IntegerArray(a["uren"][rij, wm], a["uren_ontbreekt"][rij, wm]),
        "gezinssamenstelling": a["gezinssamenstelling"][rij, wm],
        "ooit_gescheiden": a["ooit_gescheiden"][rij, wm],
        "aantal_kinderen_ouder_dan_3": pd.array(a["aantal_kinderen"][rij, wm], dtype="Int64"),
        "jeugdbescherming": a["jeugdbescherming"][rij, wm],
    })
    # A third stream, so the background and wellbeing answers stay as they were.
    rng3 = np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, 3])))
    relatie = _partner_relatie(rng3, p["model"]["achtergrond"]["partner_relatie"],
                               a["gezinssamenstelling"] == "samenwonend", cb.metingen, o["ouder_man"],
                               geweld[ouder_gezin])
    tabellen["cts2"].insert(2, "partner_relatie", relatie[o_rij, o_meting])
    # Whole-questionnaire non-response: some families that take part in a later wave return no
    # CTS2/CTSPC at all (their rows are left out; the other questionnaires are there).
    if m["antwoorden"].get("geen_geweldsvragenlijst"):
        rng4 = np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, 4])))
        zonder = _geen_vragenlijst(rng4, m["antwoorden"]["geen_geweldsvragenlijst"], deelname, cb.metingen)
        gezin_rij = pd.Series(np.arange(n_gezin), index=gezin_id)
        for naam in ("cts2", "ctspc_ouder"):
            df = tabellen[naam]
            g = gezin_rij.loc[tabellen["ouders"].set_index("ouder_id").loc[df["ouder_id"], "gezin_id"]].to_numpy()
            w = np.array([cb.metingen.index(x) for x in df["meting"]])
            tabellen[naam] = df[~zonder[g, w]].reset_index(drop=True)
    welzijn = _welzijn(rng2, cb, p, o, geweld)
    ontbrekend = m["antwoorden"]["ontbrekend_aandeel"]
    for instrument, antwoord in welzijn.items():
        golven = [cb.metingen.index(w) for w in cb.instrument(instrument)["metingen"]]
        kies = np.isin(o_meting, golven)
        rij, wm = o_rij[kies], o_meting[kies]
        items = cb.items(instrument)
        nrs = list(dict.fromkeys(items["nr"]))
        perspectieven = cb.instrument(instrument).get("perspectieven")
        index = [(nrs.index(nr), perspectieven.index(pers)) if perspectieven else (nrs.index(nr),)
                 for nr, pers in zip(items["nr"], items["perspectief"])]
        gekozen = antwoord[rij, wm]
        tabellen[instrument] = _antwoordtabel(
            {"ouder_id": ouder_id[rij], "meting": meting[wm]}, items, gekozen,
            rng2.random(gekozen.shape) < ontbrekend, index)
    # The domains beyond the parents (children's own questionnaires, help, the reference group)
    # each get the shared "world" of this family sample and a random stream of their own, so
    # adding or changing one domain leaves every other table unchanged.
    wereld = {
        "ontwerp": o, "gezin": gezin, "geweld": geweld, "achtergrond": a, "welzijn": welzijn,
        "gezin_id": gezin_id, "ouder_id": ouder_id, "kind_id": kind_id,
        "ouder_deelname": (o_rij, o_meting), "kind_deelname": (k_rij, k_meting),
        "paar_ouder": paar_ouder, "paar_kind": paar_kind,
        "partnergeweld_handelingen": pg_handelingen,
        "kindermishandeling_handelingen": km_handelingen, "kindermishandeling_intensiteit": km_intensiteit,
        "klassen": klassen,
    }
    for nummer, domein in enumerate(_domeinen(), start=10):
        rng_domein = np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, nummer])))
        for naam, df in domein.genereer(rng_domein, cb, p, wereld).items():
            if naam in tabellen:
                raise ValueError(f"Tabel {naam!r} wordt door twee delen van de generator gemaakt.")
            tabellen[naam] = df
    # Children's background once the self-reporters are known (Tabel 3.4); nothing above reads it.
    zelf = wereld.get("kind_zelfrapportage")
    if zelf is not None:
        for kolom, waarden in _kind_achtergrond(cb, p, a, np.asarray(zelf)[:, 0]).items():
            tabellen["kinderen"][kolom] = waarden
    _melding_heeft_grond(cb, tabellen)
    # Last: the regions (T0 region and moves), so every table above stays as it was.
    _woonregio(cb, p, tabellen, o["deelname"], seed)
    for df in tabellen.values():
        for kolom in df.columns:
            if df[kolom].dtype == object:
                df[kolom] = df[kolom].astype("str")
    return {t: tabellen[t] for t in cb.tabellen}


def _aanwezig_per_gezin(tabellen: dict[str, pd.DataFrame], frame: pd.DataFrame, sleutel: str,
                        gezin_index: pd.Series, golven: list[str], n_gezin: int) -> np.ndarray:
    """Per family: how many distinct persons (``sleutel``) of ``frame`` (rows person × wave) took
    part in at least one of ``golven``."""
    rijen = frame[frame["meting"].isin(golven)].drop_duplicates(sleutel)
    return np.bincount(gezin_index.loc[rijen[sleutel]].to_numpy(), minlength=n_gezin)


def _woonregio(cb: Codebook, p: dict[str, Any], tabellen: dict[str, pd.DataFrame], deelname: np.ndarray,
               seed: int) -> None:
    """Place the families in regions and let some move (tables ``gezinnen.regio`` = T0 region
    and ``woonregio``, in place), so that Tabel 3.1 — everyone who took part at any wave, counted
    in every region the family lived in when they took part — reproduces ``woonregio.tabel_3_1``
    for as many of its cells as the sample allows.

    The choice is an integer program over family *types* (what a family adds to its T0 region
    when it stays, when it moves, and to its new region): how many families of each type live in
    each region, move out of it and move into it. It minimises the total miss, and also tries
    letting one region absorb what the sample cannot reach (every other cell exact); the solution
    with the fewest cells that miss wins. HiGHS without a time limit is deterministic; which
    families of a type get which region follows a fixed-seed permutation.
    """
    from scipy.optimize import Bounds, LinearConstraint, linear_sum_assignment, milp

    from analysis.hoofdstuk3 import zelfrapportage_tabellen

    spec = p.get("woonregio") or {}
    doel = spec.get("tabel_3_1")
    gezinnen = tabellen["gezinnen"]
    n_gezin, regios = len(gezinnen), list(cb.regios)
    if not doel:
        tabellen["woonregio"] = _woonregio_tabel(cb, gezinnen, deelname, gezinnen["regio"].to_numpy(), None, 0)
        return
    if set(doel) != set(regios) or any(len(v) != 4 for v in doel.values()):
        raise _fout("woonregio.tabel_3_1: per regio van het codeboek vier aantallen")
    metingen = list(cb.metingen)
    if spec.get("verhuis_meting", metingen[1]) not in metingen[1:]:
        raise _fout("woonregio.verhuis_meting moet een latere meting zijn")
    w = metingen.index(spec.get("verhuis_meting", metingen[1]))
    voor, na = metingen[:w], metingen[w:]
    gezin_index = pd.Series(np.arange(n_gezin), index=gezinnen["gezin_id"].to_numpy())
    persoon_gezin = pd.concat([
        tabellen["ouders"].set_index("ouder_id")["gezin_id"], tabellen["kinderen"].set_index("kind_id")["gezin_id"]])
    d = tabellen["deelname"].assign(gezin=lambda x: gezin_index.loc[persoon_gezin.loc[x["respondent_id"]]].to_numpy())
    ouders = d[d["respondent_id"].isin(tabellen["ouders"]["ouder_id"])]
    kinderen = d[d["respondent_id"].isin(tabellen["kinderen"]["kind_id"])]
    bronnen = [t for t in zelfrapportage_tabellen() if t in tabellen]
    zelf = (pd.concat([tabellen[t][["kind_id", "meting"]] for t in bronnen]).drop_duplicates() if bronnen
            else pd.DataFrame({"kind_id": pd.Series(dtype=str), "meting": pd.Series(dtype=str)}))
    zelf_gezin = gezin_index.loc[persoon_gezin.loc[zelf["kind_id"]]]
    kind_gezin = pd.Series(zelf_gezin.to_numpy(), index=zelf["kind_id"].to_numpy())
    kind_gezin = kind_gezin[~kind_gezin.index.duplicated()]

    def vector(golven: list[str]) -> np.ndarray:
        o = _aanwezig_per_gezin(tabellen, ouders, "respondent_id", ouders.drop_duplicates("respondent_id").set_index("respondent_id")["gezin"], golven, n_gezin)
        k = _aanwezig_per_gezin(tabellen, kinderen, "respondent_id", kinderen.drop_duplicates("respondent_id").set_index("respondent_id")["gezin"], golven, n_gezin)
        z = _aanwezig_per_gezin(tabellen, zelf, "kind_id", kind_gezin, golven, n_gezin)
        return np.column_stack([(o > 0).astype(int), o, k, z])

    blijft, weg, nieuw = vector(metingen), vector(voor), vector(na)
    # The family's own participation pattern is part of its type: regions keep the sample's mix of
    # patterns (below), so a region's later waves are not left to chance by the placement.
    patroon = deelname.astype(int)
    soorten, soort = np.unique(np.hstack([blijft, weg, nieuw, patroon]), axis=0, return_inverse=True)
    soort = soort.ravel()
    n_soort, n_regio, n_kol = len(soorten), len(regios), 4
    aantal = np.bincount(soort, minlength=n_soort)
    kan_verhuizen = soorten[:, 8] > 0  # takes part again after the move
    doelen = np.array([doel[r] for r in regios], dtype=float)  # (region, column)

    # Variables: x (stay), y (move out), u (move in) per region × type; e+ and e- per cell.
    nx = n_regio * n_soort
    n_cel = n_regio * n_kol
    n_var = 3 * nx + 2 * n_cel
    X, Y, U = 0, nx, 2 * nx
    EP, EM = 3 * nx, 3 * nx + n_cel

    def idx(basis: int, r: int, t: int) -> int:
        return basis + r * n_soort + t

    rijen, onder, boven = [], [], []

    def beperking(coef: dict[int, float], lo: float, hi: float) -> None:
        rij = np.zeros(n_var)
        for k, v in coef.items():
            rij[k] += v
        rijen.append(rij), onder.append(lo), boven.append(hi)

    for t in range(n_soort):
        beperking({**{idx(X, r, t): 1 for r in range(n_regio)}, **{idx(Y, r, t): 1 for r in range(n_regio)}},
                  aantal[t], aantal[t])
        beperking({**{idx(U, r, t): 1 for r in range(n_regio)}, **{idx(Y, r, t): -1 for r in range(n_regio)}}, 0, 0)
        for r in range(n_regio):  # a family cannot move into the region it leaves
            coef = {idx(Y, q, t): -1.0 for q in range(n_regio)}
            coef[idx(Y, r, t)] = 0.0
            coef[idx(U, r, t)] = 1.0
            beperking(coef, -np.inf, 0)
    for r in range(n_regio):
        for c in range(n_kol):
            cel = r * n_kol + c
            coef = {}
            for t in range(n_soort):
                coef[idx(X, r, t)] = soorten[t, c]
                coef[idx(Y, r, t)] = soorten[t, 4 + c]
                coef[idx(U, r, t)] = soorten[t, 8 + c]
            coef[EP + cel], coef[EM + cel] = -1.0, 1.0
            beperking(coef, doelen[r, c], doelen[r, c])
    # Per T0 region, the families taking part at each later wave and at all waves stay within
    # `patroon_marge` of the share in the whole sample (so regions stay alike in retention).
    marge = float(spec.get("patroon_marge", 3))
    kenmerken = [soorten[:, 12 + k] for k in range(1, len(metingen))] + [soorten[:, 12:].min(axis=1)]
    for kenmerk in kenmerken:
        q = float((kenmerk * aantal).sum()) / max(int(aantal.sum()), 1)
        for r in range(n_regio):
            coef = {}
            for t in range(n_soort):
                coef[idx(X, r, t)] = coef[idx(Y, r, t)] = float(kenmerk[t]) - q
            beperking(coef, -marge, marge)
    # Most of a region's families live there from T0: families moving in at most `aandeel_nieuw`
    # of the region's printed number of families.
    for r in range(n_regio):
        beperking({idx(U, r, t): 1.0 for t in range(n_soort)}, 0, np.ceil(float(spec.get("aandeel_nieuw", 0.2)) * doelen[r, 0]))
    hoog = np.full(n_var, np.inf)
    for r in range(n_regio):
        for t in range(n_soort):
            hoog[idx(X, r, t)] = aantal[t]
            hoog[idx(Y, r, t)] = hoog[idx(U, r, t)] = aantal[t] if kan_verhuizen[t] else 0
    beperkingen = LinearConstraint(np.array(rijen), onder, boven)

    def los_op(opvang: int | None):
        """Least total miss (L1); with ``opvang`` every other region's cells must be exact and
        the miss goes to that region's families and parents rather than its children."""
        kosten = np.zeros(n_var)
        kosten[Y:U] = 0.01  # of equal solutions, the one with fewer moves
        bovengrens = hoog.copy()
        if opvang is None:
            kosten[EP:] = 1.0
        else:
            bovengrens[EP:] = 0.0
            for c, gewicht in enumerate((1.0, 1.0, 100.0, 100.0)):
                for basis in (EP, EM):
                    bovengrens[basis + opvang * n_kol + c], kosten[basis + opvang * n_kol + c] = np.inf, gewicht
        res = milp(kosten, constraints=beperkingen, integrality=np.ones(n_var), bounds=Bounds(np.zeros(n_var), bovengrens))
        if res.x is None:
            return None
        x = np.rint(res.x).astype(int)
        return int(((x[EP:EM] + x[EM:]) > 0).sum()), int((x[EP:EM] + x[EM:]).sum()), x

    # The sample may not reach every printed count (here: children join only at T0). Letting one
    # region's families and parents absorb what is left (the regions with the most children first,
    # a few tries; every other cell exact) leaves the fewest cells that miss; the least total miss
    # over all cells (slower, spreads the miss) is the fallback.
    kandidaten = []
    for r in np.argsort(-doelen[:, 2], kind="stable")[: int(spec.get("opvang_pogingen", 1))]:
        k = los_op(int(r))
        if k is not None:
            kandidaten.append(k)
    if not kandidaten:  # no region can absorb it all (e.g. a small test design): least total miss
        kandidaten = [k for k in [los_op(None)] if k is not None]
    if not kandidaten:
        raise _fout("woonregio: geen verdeling over de regio's gevonden")
    oplossing = min(kandidaten, key=lambda k: (k[0], k[1]))[2]

    # Families of each type in a fixed-seed order: stayers and movers out per region, then movers in.
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, 99])))
    volgorde = rng.permutation(n_gezin)
    t0 = np.empty(n_gezin, dtype=object)
    later = np.full(n_gezin, None, dtype=object)
    for t in range(n_soort):
        leden = [g for g in volgorde if soort[g] == t]
        uit = [r for r in range(n_regio) for _ in range(oplossing[idx(Y, r, t)])]
        blijf = [r for r in range(n_regio) for _ in range(oplossing[idx(X, r, t)])]
        verhuizers, blijvers = leden[:len(uit)], leden[len(uit):]
        for g, r in zip(blijvers, blijf):
            t0[g] = regios[r]
        naar = [r for r in range(n_regio) for _ in range(oplossing[idx(U, r, t)])]
        if uit:  # pair movers with new regions, never their own (an assignment problem)
            rij, kol = linear_sum_assignment(np.equal.outer(np.array(uit), np.array(naar)).astype(float))
            for i, j in zip(rij, kol):
                t0[verhuizers[i]], later[verhuizers[i]] = regios[uit[i]], regios[naar[j]]
    tabellen["gezinnen"] = gezinnen.assign(regio=t0)
    tabellen["woonregio"] = _woonregio_tabel(cb, tabellen["gezinnen"], deelname, t0, later, w)


def _woonregio_tabel(cb: Codebook, gezinnen: pd.DataFrame, deelname: np.ndarray, t0: np.ndarray,
                     later: np.ndarray | None, w: int) -> pd.DataFrame:
    """One row per family and wave it takes part in: the T0 region, or from wave ``w`` on the
    region a mover moved to."""
    g, m = np.nonzero(deelname)
    regio = t0[g].astype(object)
    if later is not None:
        verhuisd = (m >= w) & np.array([later[i] is not None for i in g], dtype=bool)
        regio[verhuisd] = later[g[verhuisd]]
    return pd.DataFrame({"gezin_id": gezinnen["gezin_id"].to_numpy()[g],
                         "meting": np.array(cb.metingen, dtype=object)[m], "regio": regio})


def _melding_heeft_grond(cb: Codebook, tabellen: dict[str, pd.DataFrame]) -> None:
    """Every family of the study was reported for (suspected) violence, and the report leaves out
    families where nobody ever reports any (§3.3): the snapshot holds only the study population.
    Where the model happened to give a family no violent answer at all (not in the past year,
    not before), its first parent reports one act of mild psychological violence by the
    partner as "niet in het afgelopen jaar, wel eerder" at T0 (in place)."""
    per_gezin = []
    for tabel, personen, sleutel in (("cts2", "ouders", "ouder_id"), ("ctspc_ouder", "ouders", "ouder_id"),
                                     ("ctspc_kind", "kinderen", "kind_id")):
        if tabel not in tabellen or tabel not in cb.tabellen:
            continue
        items = cb.items(cb.tabellen[tabel]["instrument"])
        kolommen = list(items.loc[items["ernst"].notna(), "kolom"])
        gezin = tabellen[personen].set_index(sleutel)["gezin_id"]
        hoogste = tabellen[tabel][kolommen].max(axis=1)
        per_gezin.append(pd.Series(hoogste.to_numpy(), index=gezin.loc[tabellen[tabel][sleutel]].to_numpy()))
    hoogste = pd.concat(per_gezin).groupby(level=0).max()
    zonder = set(tabellen["gezinnen"]["gezin_id"]) - set(hoogste[hoogste >= 2].index)
    if not zonder:
        return
    items = cb.items("cts2")
    kolom = items.loc[(items["subschaal"] == "psychisch") & (items["ernst"] == "mild")
                      & (items["perspectief"] == SLACHTOFFER), "kolom"].iloc[0]
    ouders = tabellen["ouders"]
    eerste = ouders[ouders["gezin_id"].isin(zonder)].drop_duplicates("gezin_id")["ouder_id"]
    cts = tabellen["cts2"]
    rij = cts["ouder_id"].isin(eerste) & (cts["meting"] == cb.metingen[0])
    cts.loc[rij, kolom] = 2


def _domeinen() -> list[Any]:
    """The generator modules of the other domains, in a fixed order (each has
    ``genereer(rng, cb, parameters, wereld) -> {table: DataFrame}``)."""
    from analysis import synthetic_hulp, synthetic_kinderen, synthetic_referentie

    return [synthetic_kinderen, synthetic_hulp, synthetic_referentie]


def _controleer_codeboek(cb: Codebook) -> None:
    """The model's domain terms must be the codebook's."""
    verwacht = {
        "ouders.geslacht": ({VROUW, MAN}, set(cb.kolommen("ouders")["geslacht"]["waarden"])),
        "kinderen.geslacht": ({MEISJE, JONGEN}, set(cb.kolommen("kinderen")["geslacht"]["waarden"])),
        "cts2.perspectieven": ({DADER, SLACHTOFFER}, set(cb.instrument("cts2")["perspectieven"])),
    }
    for wat, (model, codeboek) in verwacht.items():
        if model != codeboek:
            raise ValueError(f"De generator verwacht voor {wat} {sorted(model)}, "
                             f"het codeboek heeft {sorted(codeboek)}.")
    if len(cb.metingen) != 3:
        raise ValueError("Het ontwerp (Tabel 3.2) gaat uit van precies drie metingen.")


def generator_versie() -> str:
    """Hash of everything that determines the generated data (generator, its parameters, the
    codebook): part of the snapshot's ``herkomst``, so a stale default snapshot is recognised."""
    from analysis.provenance import hash_bestanden

    hier = Path(__file__).resolve().parent
    bestanden = [*hier.glob("synthetic*.py"), *parameter_bestanden(), *codeboek_bestanden()]
    return hash_bestanden(bestanden, hier)[:12]


def herkomst(seed: int = DEFAULT_SEED) -> str:
    return f"analysis.synthetic {generator_versie()}, seed {seed}"


def write_default_snapshot(folder: Path, seed: int = DEFAULT_SEED) -> Path:
    """Generate the synthetic default snapshot and write it to ``folder`` (atomically)."""
    return write_snapshot(generate(seed), Path(folder), naam="synthetisch", synthetisch=True, herkomst=herkomst(seed))


def default_snapshot_actueel(folder: Path, seed: int = DEFAULT_SEED) -> bool:
    """Whether ``folder`` holds the synthetic snapshot the current generator would write."""
    import json

    try:
        manifest = json.loads((Path(folder) / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return manifest.get("herkomst") == herkomst(seed)
