"""Shared test fixtures."""

import pytest

#: A tiny but complete study design (20 families) for analysis.synthetic.generate: per
#: participation pattern the counts add up.
KLEIN_ONTWERP = {
    "gezinnen": {"T0": 20, "T1": 14, "T2": 13, "alle": 11},
    "echtparen": {"T0": 5, "T1": 4, "T2": 3, "alle": 3},
    "moeders": {"T0": 17, "T1": 12, "T2": 11, "alle": 9},
    "vaders": {"T0": 8, "T1": 6, "T2": 5, "alle": 5},
    "twee_kinderen": {"T0": 10, "alle": 6},
    "kinderen_leeftijd": {"3-12": 21, "13-18": 9},
}


@pytest.fixture(scope="session")
def klein_ontwerp() -> dict:
    return KLEIN_ONTWERP
