"""Synthetic generator, domain: help received (IPS/ISS), its usefulness and importance, and personality (QBF, HiPIC).

Called by :func:`analysis.synthetic.generate` with its own random stream and the shared
``wereld`` (design, latent violence, background; see there).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from analysis.codebook import Codebook


def genereer(rng: np.random.Generator, cb: Codebook, p: dict[str, Any], wereld: dict[str, Any]) -> dict[str, pd.DataFrame]:
    """The tables of this domain (none yet)."""
    return {}
