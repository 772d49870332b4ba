"""The test setup itself: `make test` runs two pytest-xdist workers with ``--dist loadgroup`` and
relies on tests/conftest.py grouping every end-to-end test into one worker, so the expensive
shared build is made once. A pytest or xdist upgrade can silently break that (it did: pytest 9.2
with xdist 3.8), so a tiny inner session checks it with the real hook."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("xdist")

CONFTEST = Path(__file__).with_name("conftest.py")

INNER_CONFTEST = f'''
import importlib.util, os, pytest
_spec = importlib.util.spec_from_file_location("echte_conftest", {str(CONFTEST)!r})
_echt = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_echt)
pytest_collection_modifyitems = _echt.pytest_collection_modifyitems

def pytest_configure(config):
    config.addinivalue_line("markers", "e2e: end to end")

@pytest.fixture(scope="session")
def e2e_gebouwd():
    with open(os.path.join(os.path.dirname(__file__), "opbouw.log"), "a") as f:
        f.write(os.environ.get("PYTEST_XDIST_WORKER", "-") + "\\n")
    return 1
'''

INNER_TESTS = '''
import pytest
pytestmark = pytest.mark.e2e

@pytest.fixture
def gebouwd(e2e_gebouwd):
    return e2e_gebouwd

@pytest.mark.parametrize("i", range(6))
def test_uses_the_build(gebouwd, i):
    assert gebouwd == 1
'''

INNER_UNIT = '''
import pytest

@pytest.mark.parametrize("i", range(6))
def test_unit(i):
    assert i >= 0

def test_uses_the_build_without_module_mark(e2e_gebouwd):
    assert e2e_gebouwd == 1
'''


def test_the_shared_build_is_made_once_with_two_workers(tmp_path):
    (tmp_path / "conftest.py").write_text(INNER_CONFTEST)
    (tmp_path / "test_e2e_binnen.py").write_text(INNER_TESTS)
    (tmp_path / "test_unit_binnen.py").write_text(INNER_UNIT)
    r = subprocess.run([sys.executable, "-m", "pytest", "-q", "-n", "2", "--dist", "loadgroup",
                        "-p", "no:cacheprovider", "-o", "addopts=", "--rootdir", str(tmp_path), str(tmp_path)],
                       capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "13 passed" in r.stdout
    workers = (tmp_path / "opbouw.log").read_text().split()
    assert len(workers) == 1, f"the shared build was made in {len(workers)} workers: {workers}"
