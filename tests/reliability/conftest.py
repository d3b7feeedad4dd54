"""Shared set-up of the reliability suites: hypothesis profiles and where things are.

Hypothesis profiles (choose with ``HYPOTHESIS_PROFILE``):

- ``ci`` (the default): derandomised, so ``make test`` is reproducible; few
  examples; no deadline (a PDF can take a second).
- ``deep``: hundreds of examples with random seeds, for a run before a release:
  ``HYPOTHESIS_PROFILE=deep /tmp/probe-venv/bin/pytest tests/reliability -m "slow or not slow"``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from hypothesis import HealthCheck, settings

sys.path.insert(0, str(Path(__file__).parent))

settings.register_profile(
    "ci",
    max_examples=30,
    derandomize=True,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "deep",
    max_examples=400,
    derandomize=False,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
