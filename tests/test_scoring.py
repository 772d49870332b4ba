"""Scoring rules on tiny hand-made answer sets; expected values computed by hand in comments."""

import numpy as np
import pandas as pd
import pytest

from analysis import scoring
from analysis.codebook import load_codebook

CB = load_codebook()
CTS2_KOLOMMEN = list(CB.items("cts2")["kolom"])
CTSPC_KOLOMMEN = list(CB.items("ctspc_ouder")["kolom"])


def cts2_rij(ouder_id, meting, **antwoorden):
    """A CTS2 row with every answer 1 (never) except the given ones (e.g. cts2_03_dader=8)."""
    rij = {"ouder_id": ouder_id, "meting": meting, **{k: 1 for k in CTS2_KOLOMMEN}}
    rij.update(antwoorden)
    return rij


def ctspc_rij(ouder_id, kind_id, meting, **antwoorden):
    rij = {"ouder_id": ouder_id, "kind_id": kind_id, "meting": meting, **{k: 1 for k in CTSPC_KOLOMMEN}}
    rij.update(antwoorden)
    return rij


OUDERS = pd.DataFrame(
    {"ouder_id": ["M1", "V1", "M2"], "gezin_id": ["G1", "G1", "G2"], "geslacht": ["vrouw", "man", "vrouw"]}
)


def test_incidenten_per_jaar_follows_cts2_midpoints():
    antwoorden = pd.Series([1, 2, 3, 4, 5, 6, 7, 8, None], dtype="Int64")
    assert list(scoring.incidenten_per_jaar(antwoorden)) == [0, 0, 1, 2, 4, 8, 15, 25, 0]


@pytest.mark.parametrize(
    "mild, ernstig, verwacht",
    [
        (0, 0, "geen"),
        (3, 0, "geen"),  # fewer than four mild incidents
        (4, 0, "mild"),
        (21, 0, "mild"),
        (22, 0, "ernstig"),  # 22 or more: veelvuldig
        (0, 1, "ernstig"),  # any severe incident
    ],
)
def test_categorie_partnergeweld_boundaries(mild, ernstig, verwacht):
    out = scoring.categorie_partnergeweld(pd.Series([float(mild)]), pd.Series([float(ernstig)]))
    assert out.iloc[0] == verwacht


@pytest.mark.parametrize(
    "mild, ernstig, verwacht",
    [(0, 0, "geen"), (1, 0, "mild"), (2, 0, "mild"), (3, 0, "ernstig"), (0, 1, "ernstig")],
)
def test_categorie_kindermishandeling_boundaries(mild, ernstig, verwacht):
    out = scoring.categorie_kindermishandeling(pd.Series([float(mild)]), pd.Series([float(ernstig)]))
    assert out.iloc[0] == verwacht


def test_partnergeweld_combines_both_reports_of_the_same_act():
    # Item 3 (psychisch, mild). Mother says she did it 2x (answer 4 -> 2 incidents); father
    # says she did it to him 6-10x (his slachtoffer answer 6 -> 8). Same act: max = 8.
    # Father says he did item 9 (fysiek, mild) once (answer 3 -> 1); mother doesn't report it.
    # Mother reports item 14 (fysiek, ernstig) done to her 1x (answer 3 -> 1): severe.
    cts2 = pd.DataFrame(
        [
            cts2_rij("M1", "T0", cts2_03_dader=4, cts2_14_slachtoffer=3),
            cts2_rij("V1", "T0", cts2_03_slachtoffer=6, cts2_09_dader=3),
            cts2_rij("M2", "T0", cts2_18_dader=5),  # 3-5 times -> 4 mild incidents
        ]
    )
    gezin = scoring.partnergeweld_gezin(cts2, OUDERS).set_index("gezin_id")
    assert gezin.loc["G1", "mild"] == 8 + 1
    assert gezin.loc["G1", "ernstig"] == 1
    assert gezin.loc["G1", "categorie"] == "ernstig"
    assert gezin.loc["G2", "mild"] == 4 and gezin.loc["G2", "categorie"] == "mild"


def test_negotiation_items_are_not_violence():
    cts2 = pd.DataFrame([cts2_rij("M2", "T0", cts2_01_dader=8, cts2_30_slachtoffer=8)])
    gezin = scoring.partnergeweld_gezin(cts2, OUDERS)
    assert gezin.loc[0, "totaal"] == 0 and gezin.loc[0, "categorie"] == "geen"


def test_kindermishandeling_worst_child_and_max_over_parents():
    kinderen = pd.DataFrame({"kind_id": ["K1", "K2"], "gezin_id": ["G1", "G1"]})
    ctspc = pd.DataFrame(
        [
            # K1: mother reports item 6 (psychisch, mild) 2x (answer 4 -> 2); father 1x -> max 2: mild.
            ctspc_rij("M1", "K1", "T0", ctspc_06=4),
            ctspc_rij("V1", "K1", "T0", ctspc_06=3),
            # K2: non-violent discipline only (item 1) -> no maltreatment.
            ctspc_rij("M1", "K2", "T0", ctspc_01=8),
            # T1: K2 hit in the face once (item 21, ernstig).
            ctspc_rij("M1", "K1", "T1"),
            ctspc_rij("M1", "K2", "T1", ctspc_21=3),
        ]
    )
    kind = scoring.kindermishandeling_kind(ctspc).set_index(["kind_id", "meting"])
    assert kind.loc[("K1", "T0"), "mild"] == 2 and kind.loc[("K1", "T0"), "categorie"] == "mild"
    assert kind.loc[("K2", "T0"), "categorie"] == "geen"
    gezin = scoring.kindermishandeling_gezin(ctspc, kinderen).set_index(["gezin_id", "meting"])
    assert gezin.loc[("G1", "T0"), "categorie"] == "mild"
    assert gezin.loc[("G1", "T1"), "categorie"] == "ernstig"
    assert gezin.loc[("G1", "T1"), "totaal"] == 1


def test_totaal_geweld_is_worst_category_and_sum_of_incidents():
    partner = pd.DataFrame({"gezin_id": ["G1", "G2"], "meting": ["T0", "T0"], "totaal": [3.0, 30.0], "categorie": ["geen", "ernstig"]})
    kind = pd.DataFrame({"gezin_id": ["G1"], "meting": ["T0"], "totaal": [2.0], "categorie": ["mild"]})
    totaal = scoring.totaal_geweld_gezin(partner, kind).set_index("gezin_id")
    assert totaal.loc["G1", "categorie"] == "mild" and totaal.loc["G1", "totaal"] == 5
    assert totaal.loc["G2", "categorie"] == "ernstig" and totaal.loc["G2", "totaal"] == 30


def test_vormen_ooit_per_ouder():
    cts2 = pd.DataFrame(
        [
            cts2_rij("M1", "T0", cts2_06_slachtoffer=3),  # verwonding as victim at T0
            cts2_rij("M1", "T1", cts2_10_dader=3),  # seksueel as perpetrator at T1
            cts2_rij("M1", "T2"),
        ]
    )
    per_meting = scoring.partnergeweld_vormen_ouder(cts2)
    ooit = scoring.ooit_in_metingen(per_meting, ["ouder_id", "perspectief"], scoring.PARTNERGEWELD_VORMEN).set_index("perspectief")
    assert bool(ooit.loc["slachtoffer", "verwonding"]) and not bool(ooit.loc["slachtoffer", "seksueel"])
    assert bool(ooit.loc["dader", "seksueel"]) and not bool(ooit.loc["dader", "fysiek"])
    assert np.isclose(per_meting.query("meting == 'T0' and perspectief == 'slachtoffer'")["verwonding"].iloc[0], 1)


def test_partnergeweld_ouder_severity_per_parent_and_wave():
    """The parent's own report, no combination with the partner's answers.
    M1 T0: did item 3 (psychisch, mild) 3-5x (answer 5 -> 4) and suffered item 11 (fysiek,
    ernstig) once (answer 3 -> 1); negotiation item 1 (answer 8) does not count.
    M1 T1: suffered item 3 twice (answer 4 -> 2) and item 5 (fysiek, mild) once (answer 3 -> 1).
    V1 T0: nothing. V1 reporting M1's acts does not change M1's own rows."""
    cts2 = pd.DataFrame(
        [
            cts2_rij("M1", "T0", cts2_03_dader=5, cts2_11_slachtoffer=3, cts2_01_dader=8),
            cts2_rij("M1", "T1", cts2_03_slachtoffer=4, cts2_05_slachtoffer=3),
            cts2_rij("V1", "T0", cts2_03_slachtoffer=8),
        ]
    )
    per = scoring.partnergeweld_ouder(cts2).set_index(["ouder_id", "meting", "perspectief"])
    assert len(per) == 6  # 3 parent-waves x 2 perspectives, zero rows included
    assert per.loc[("M1", "T0", "dader"), ["mild", "ernstig", "totaal"]].tolist() == [4, 0, 4]
    assert per.loc[("M1", "T0", "slachtoffer"), ["mild", "ernstig", "totaal"]].tolist() == [0, 1, 1]
    assert per.loc[("M1", "T1", "slachtoffer"), ["mild", "ernstig", "totaal"]].tolist() == [3, 0, 3]
    assert per.loc[("M1", "T1", "dader"), "totaal"] == 0
    assert per.loc[("V1", "T0", "slachtoffer"), "mild"] == 25 and per.loc[("V1", "T0", "dader"), "totaal"] == 0

    # Both perspectives added, categorised by §2.5.1: M1 T0 4 mild + 1 severe -> ernstig;
    # M1 T1 3 mild -> geen (fewer than four); V1 T0 25 mild -> ernstig (22 or more).
    samen = scoring.partnergeweld_ouder(cts2, per_perspectief=False).set_index(["ouder_id", "meting"])
    assert "perspectief" not in samen.columns and len(samen) == 3
    assert samen.loc[("M1", "T0"), ["mild", "ernstig", "totaal"]].tolist() == [4, 1, 5]
    assert samen.loc[("M1", "T0"), "categorie"] == "ernstig"
    assert samen.loc[("M1", "T1"), "totaal"] == 3 and samen.loc[("M1", "T1"), "categorie"] == "geen"
    assert samen.loc[("V1", "T0"), "categorie"] == "ernstig"


def test_geweld_gestopt_at_t2_family_level():
    """§8.2: 'geen geweld' at T2 = no child maltreatment and hardly any partner violence (the
    'geen' category of both); families without T2 data are left out."""
    assert scoring.GEWELD_GESTOPT_METING == "T2"
    partner = pd.DataFrame({"gezin_id": ["G1", "G2", "G3", "G4", "G1", "G5"], "meting": ["T2"] * 5 + ["T1"],
                            "totaal": [3.0, 4.0, 0.0, 0.0, 30.0, 0.0], "categorie": ["geen", "mild", "geen", "geen", "ernstig", "geen"]})
    partner.loc[4, "meting"] = "T0"
    kind = pd.DataFrame({"gezin_id": ["G1", "G3", "G4"], "meting": ["T2"] * 3, "totaal": [0.0, 1.0, 0.0],
                         "categorie": ["geen", "mild", "geen"]})
    gestopt = scoring.geweld_gestopt(scoring.totaal_geweld_gezin(partner, kind))
    # G1: 3 mild partner incidents (< 4) and no maltreatment -> stopped, whatever T0 was;
    # G2: 4 mild partner incidents -> not; G3: one child incident -> not; G4: none -> stopped;
    # G5: no data at T2 -> left out.
    assert gestopt.to_dict() == {"G1": True, "G2": False, "G3": False, "G4": True}
    assert gestopt.index.name == "gezin_id" and gestopt.name == "geweld_gestopt"


def test_structureel_geweld_more_than_two_and_a_half_a_month():
    """Hfst. 1 (r. 1165-1167): more than 2,5 incidents a month = more than 30 a year."""
    assert scoring.STRUCTUREEL_GEWELD_PER_MAAND_MEER_DAN == 2.5
    uit = scoring.structureel_geweld(pd.Series([0.0, 30.0, 31.0, 50.0, np.nan]))
    assert uit.tolist() == [False, False, True, True, False]


def test_geweld_gestopt_on_the_synthetic_snapshot():
    """Chapter 8 (r. 5763-5766): violence stopped at T2 in 29% of the families (157 of 545); the
    synthetic families in all three waves come within six points."""
    from analysis.populatie import gezinnen_alle_metingen
    from analysis.synthetic import generate

    t = generate()
    gezinnen = gezinnen_alle_metingen(t)
    totaal = scoring.totaal_geweld_gezin(scoring.partnergeweld_gezin(t["cts2"], t["ouders"]),
                                         scoring.kindermishandeling_gezin(t["ctspc_ouder"], t["kinderen"]))
    gestopt = scoring.geweld_gestopt(totaal[totaal["gezin_id"].isin(gezinnen)])
    assert 500 <= len(gestopt) <= len(gezinnen) == 576
    assert abs(100 * gestopt.mean() - 29) <= 6
