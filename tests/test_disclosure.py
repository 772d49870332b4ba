"""The small-cell rule (ground rule 7): one constant, primary and complementary suppression."""

import pandas as pd
import pytest

from analysis import disclosure
from analysis.disclosure import MINIMUM_CELGROOTTE, aandeel_toonbaar, basis_toonbaar, toonbare_verdeling


def test_the_rule_is_one_named_constant_of_five():
    assert MINIMUM_CELGROOTTE == 5
    assert disclosure.ONDERDRUKT == "x"


@pytest.mark.parametrize(
    "teller, noemer, verwacht",
    [
        (5, 10, True),  # 5 in, 5 out
        (4, 40, False),  # too few in the cell
        (0, 40, False),  # "nobody" is disclosive too
        (36, 40, False),  # 4 outside: the complement would be disclosive
        (40, 40, False),  # "everybody"
        (35, 40, True),
        (3, 4, False),  # tiny base
    ],
)
def test_aandeel_toonbaar(teller, noemer, verwacht):
    assert aandeel_toonbaar(teller, noemer) is verwacht


def test_basis_toonbaar():
    assert basis_toonbaar(MINIMUM_CELGROOTTE) and not basis_toonbaar(MINIMUM_CELGROOTTE - 1)


def test_one_hidden_share_hides_the_smallest_other_share_too():
    # 3 / 8 / 33 of 44: "geen" (3) is hidden; without secondary suppression it would be
    # 44 - 8 - 33. The smallest visible cell (8) must go as well.
    tellers = pd.Series([3, 8, 33], index=["geen", "mild", "ernstig"])
    toonbaar = toonbare_verdeling(tellers, 44)
    assert list(toonbaar) == [False, False, True]


def test_no_secondary_suppression_needed_when_nothing_or_two_hidden():
    assert list(toonbare_verdeling(pd.Series([10, 12, 22]), 44)) == [True, True, True]
    # Two cells hidden (2 and 3): 39 may stay, the hidden pair is only known as a sum of 5.
    assert list(toonbare_verdeling(pd.Series([2, 3, 39]), 44)) == [False, False, True]


def test_everything_hidden_on_a_tiny_base():
    assert not toonbare_verdeling(pd.Series([1, 1, 2]), 4).any()


def test_a_hidden_part_of_a_sum_hides_the_smallest_other_part():
    from analysis.disclosure import toonbare_optellingen

    # ouders 30 = moeders 27 + vaders 3: vaders (3) is hidden; 30 - 27 would give it away, so
    # moeders goes too. kinderen = 12 + 9 is safe and stays.
    aantallen = pd.Series({"ouders": 30, "moeders": 27, "vaders": 3, "kinderen": 21, "jong": 12, "oud": 9})
    relaties = [("ouders", ["moeders", "vaders"]), ("kinderen", ["jong", "oud"])]
    assert toonbare_optellingen(aantallen, relaties).to_dict() == {
        "ouders": True, "moeders": False, "vaders": False, "kinderen": True, "jong": True, "oud": True
    }


def test_relations_without_a_single_hidden_member_are_left_alone():
    from analysis.disclosure import toonbare_optellingen

    # t = a + b all visible; u = c + d with both parts hidden (only their sum 4 is known, and
    # u itself is below the minimum too): nothing can be recomputed, nothing more is hidden.
    aantallen = pd.Series({"t": 12, "a": 6, "b": 6, "u": 4, "c": 2, "d": 2})
    out = toonbare_optellingen(aantallen, [("t", ["a", "b"]), ("u", ["c", "d"])])
    assert out.to_dict() == {"t": True, "a": True, "b": True, "u": False, "c": False, "d": False}


def test_beveilig_verdelingen_per_group():
    """Per wave: 3 of 40 is hidden (< 5), and with it the smallest other cell (complementary);
    a wave over nobody is hidden whole; shown cells keep their values."""
    import pandas as pd

    from analysis.disclosure import beveilig_verdelingen

    v = pd.DataFrame({"meting": ["T0"] * 3 + ["T1"] * 3 + ["T2"] * 3,
                      "aantal": [3, 10, 27, 10, 12, 18, 0, 0, 0], "n": [40] * 3 + [40] * 3 + [0] * 3})
    v["aandeel"] = v["aantal"] / v["n"].where(v["n"] > 0)
    uit = beveilig_verdelingen(v, per="meting")
    assert uit["toonbaar"].tolist() == [False, False, True, True, True, True, False, False, False]
    assert uit["aantal"].isna().tolist() == [True, True, False, False, False, False, True, True, True]
    assert uit.loc[2, "aandeel"] == 27 / 40
