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


#: The region of the shared end-to-end build: one region keeps `make test` under 10 minutes with
#: eight notebooks per scope (Utrecht's cells are small enough that the small-cell rule hides
#: some; every notebook is also run for the smallest region by the unit tests' small designs).
E2E_REGIOS = ["utrecht"]


@pytest.fixture(scope="session")
def e2e_snapshot(tmp_path_factory):
    """The synthetic default snapshot, written once for all end-to-end tests."""
    from analysis.synthetic import write_default_snapshot

    return write_default_snapshot(tmp_path_factory.mktemp("snap") / "synthetisch")


@pytest.fixture(scope="session")
def e2e_gebouwd(tmp_path_factory, e2e_snapshot):
    """One full build (nation + E2E_REGIOS, own renderer) shared by every e2e test: (paden, uit)."""
    from analysis import pipeline

    paden = pipeline.Paden(root=tmp_path_factory.mktemp("project"))
    uit = pipeline.bouw(e2e_snapshot, scopes=E2E_REGIOS, renderer="eigen", paden=paden)
    return paden, uit


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """With pytest-xdist (`make test` runs ``-n 2 --dist loadgroup``) every test of the full
    build is meant to run in one worker, so the shared build is made once while the other worker
    runs the unit tests. ``tryfirst``: xdist reads the group marks in its own hook of this name.
    This needs pytest 8.x (requirements.lock): under pytest 9.2 xdist 3.8 cannot attach the group
    to the test ids (pytest-xdist issue #1386) and the build was made once per worker."""
    for item in items:
        if item.get_closest_marker("e2e") or {"e2e_gebouwd", "e2e_snapshot"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.xdist_group("e2e"))
