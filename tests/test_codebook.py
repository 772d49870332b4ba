"""The codebook as a whole: merging its files, and Tabel 2.1 of the report (who fills in which
instrument at which wave) against the instruments it defines and the synthetic snapshot."""

from __future__ import annotations

import pytest

from analysis.codebook import load_codebook, voeg_samen
from analysis.synthetic import generate

ALLE = ["T0", "T1", "T2"]
#: Tabel 2.1 (report §2.5), row by row: concept, informant → codebook instrument(s) and waves.
#: "ouder" = the parent about him/herself (SR), "ouder over kind" = about a child (CR),
#: "kind" = children of 8-18 about themselves. The children's CTS2 (witnessing partner
#: violence) is part of their CTSPC version; ISRD-3 holds delinquency, sexual behaviour,
#: the ESPAD substance-use questions and the school-career item.
TABEL_2_1 = [
    ("Kindermishandeling", "ouder over kind", ["ctspc_ouder"], ALLE),
    ("Kindermishandeling / partnergeweld (getuige)", "kind", ["ctspc_kind"], ALLE),
    ("Partnergeweld", "ouder", ["cts2"], ALLE),
    ("Ouderlijke warmte en betrokkenheid", "ouder", ["ppq_warmte"], ALLE),
    ("Ouderlijke competentie", "ouder", ["nosi_competentie"], ALLE),
    ("Autonomie", "ouder", ["mpf33_autonomie"], ALLE),
    ("Opvoedstress", "ouder", ["nosik"], ALLE),
    ("Alcoholgebruik", "ouder", ["auditc"], ALLE),
    ("Veiligheid in de hechting", "ouder over kind", ["security_scale_ouder"], ALLE),
    ("Veiligheid in de hechting", "kind", ["security_scale_kind"], ALLE),
    ("Emotionele veiligheid", "ouder over kind", ["sims_pr"], ALLE),
    ("Emotionele veiligheid", "kind", ["sis"], ALLE),
    ("Traumatische jeugdervaringen", "ouder", ["ace"], ["T0"]),
    ("Trauma symptomen", "ouder", ["tsi"], ALLE),
    ("Trauma symptomen", "ouder over kind", ["tscyc"], ALLE),
    ("Trauma symptomen", "kind", ["tscc"], ALLE),
    ("Persoonlijkheid", "ouder", ["qbf"], ["T0", "T1"]),
    ("Persoonlijkheid", "kind", ["hipic"], ["T0", "T1"]),
    ("Hulp (IPS)", "ouder", ["ips_ouder"], ALLE),
    ("Hulp (IPS)", "ouder over kind", ["ips_ouder_kind"], ALLE),
    ("Hulp (IPS)", "kind", ["ips_kind"], ALLE),
    ("Hulp (ISS)", "ouder", ["iss_ouder"], ALLE),
    ("Hulp (ISS)", "ouder over kind", ["iss_ouder_kind"], ALLE),
    ("Hulp (ISS)", "kind", ["iss_kind"], ALLE),
    ("Kwaliteit van leven", "ouder", ["mansa"], ALLE),
    ("Kwaliteit van leven", "kind", ["kidscreen"], ALLE),
    ("Delinquent gedrag, seksueel gedrag, middelengebruik, school", "kind", ["isrd"], ALLE),
]


@pytest.fixture(scope="module")
def klein(klein_ontwerp):
    return generate(seed=3, parameters={"steekproef": klein_ontwerp})


@pytest.mark.parametrize("concept, informant, instrumenten, metingen", TABEL_2_1)
def test_tabel_2_1_instrument_in_codebook_and_snapshot(klein, concept, informant, instrumenten, metingen):
    cb = load_codebook()
    for instrument in instrumenten:
        spec = cb.instrument(instrument)
        assert spec["rapporteur"].split(" (")[0] == informant, (concept, instrument)
        assert spec["metingen"] == metingen, (concept, instrument)
        tabellen = [t for t, ts in cb.tabellen.items() if ts.get("instrument") == instrument and "meting" in ts["kolommen"]]
        assert tabellen, f"{instrument}: geen tabel in het codeboek"
        for tabel in tabellen:
            df = klein[tabel]
            assert sorted(df["meting"].unique()) == metingen, (tabel, concept)
            items = list(cb.items(instrument)["kolom"])
            assert df[items].notna().to_numpy().mean() > 0.5, f"{tabel}: vooral lege antwoorden"


def test_every_instrument_is_in_tabel_2_1_or_a_named_addition():
    """Instruments beyond Tabel 2.1 are named: the ratings of help (Tabel 7.6-7.14) and the
    parents' sense of safety (§5.5, no instrument named in the report)."""
    cb = load_codebook()
    in_tabel = {i for _, _, instrumenten, _ in TABEL_2_1 for i in instrumenten}
    extra = set(cb.raw["instrumenten"]) - in_tabel
    assert extra == {"veiligheid", "hulp_belang_ouder", "hulp_nut_ouder", "hulp_belang_ouder_kind",
                     "hulp_nut_ouder_kind", "hulp_belang_kind", "hulp_nut_kind"}


def test_fragments_may_add_but_not_redefine():
    kern = {"metingen": ["T0"], "regels": {"a": {"waarde": 1}}, "tabellen": {"t": {}}}
    samen = voeg_samen([("kern.yaml", kern), ("extra.yaml", {"regels": {"b": {"waarde": 2}}})])
    assert set(samen["regels"]) == {"a", "b"} and samen["metingen"] == ["T0"]
    with pytest.raises(ValueError, match="regels.a staat zowel in kern.yaml als in extra.yaml"):
        voeg_samen([("kern.yaml", kern), ("extra.yaml", {"regels": {"a": {"waarde": 3}}})])
    with pytest.raises(ValueError, match="sectie 'metingen' hoort alleen in kern.yaml"):
        voeg_samen([("kern.yaml", kern), ("extra.yaml", {"metingen": ["T1"]})])
