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

import pytest
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
    max_examples=300,
    derandomize=False,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def deep_run(config: pytest.Config) -> bool:
    """Whether the deeper run was asked for: ``-m slow`` (or any -m naming it) or ``HYPOTHESIS_PROFILE=deep``."""
    return "slow" in (config.getoption("markexpr") or "") or os.environ.get("HYPOTHESIS_PROFILE") == "deep"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """``make test`` (plain ``pytest``) skips the slow property run; ask for it to get it."""
    if deep_run(config):
        return
    skip = pytest.mark.skip(reason="deep property run: HYPOTHESIS_PROFILE=deep or -m slow")
    for item in items:
        if "slow" in item.keywords and "reliability" in str(item.path):
            item.add_marker(skip)
