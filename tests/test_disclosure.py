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
