"""Provenance: which snapshot and which code produced an output.

The code version is the package version plus a hash of every file that can change an output
(analysis code and codebook, notebooks, report templates, project configuration), so it is the
same on every clean clone of the same sources and changes whenever any of them changes. It is
also the code part of every cache key.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from analysis import __version__

PROJECT_ROOT = Path(__file__).resolve().parents[1]

#: Files (globs relative to the project root) whose content is part of the code version.
CODE_BESTANDEN = (
    "analysis/**/*.py",
    "analysis/**/*.yaml",
    "notebooks/*.ipynb",
    "report/**/*",
    "figures/*.mplstyle",
    "_quarto.yml",
    "pyproject.toml",
    "requirements.lock",
)


def hash_bestanden(paths: list[Path], root: Path) -> str:
    """SHA-256 over the relative paths and contents of files, in sorted order."""
    h = hashlib.sha256()
    for p in sorted(paths, key=lambda q: q.relative_to(root).as_posix()):
        h.update(p.relative_to(root).as_posix().encode())
        h.update(b"\0")
        h.update(p.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


@cache
def code_hash(root: Path = PROJECT_ROOT) -> str:
    files = {p for pattern in CODE_BESTANDEN for p in root.glob(pattern) if p.is_file() and "__pycache__" not in p.parts}
    return hash_bestanden(list(files), root)


def code_versie(root: Path = PROJECT_ROOT) -> str:
    """E.g. "0.1.0+3f2a9c1b7d4e": package version and the first 12 hex digits of the code hash."""
    return f"{__version__}+{code_hash(root)[:12]}"


def sha256_bestand(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def provenance_regel(checksum: str, synthetisch: bool, scope_naam: str) -> str:
    """The one line every output carries (Dutch)."""
    data = "synthetische data" if synthetisch else "onderzoeksdata"
    return f"Snapshot sha256:{checksum[:12]} ({data}) · code {code_versie()} · {scope_naam}"
