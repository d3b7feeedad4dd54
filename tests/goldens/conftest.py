"""Golden snapshots: ``pytest tests/goldens --update-goldens`` (or FOLLOWUP_UPDATE_GOLDENS=1) rewrites them."""

from __future__ import annotations

import os

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", default=False,
                     help="rewrite the golden text snapshots in tests/goldens/ from the current output")


@pytest.fixture(scope="session")
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens")) or os.environ.get("FOLLOWUP_UPDATE_GOLDENS") == "1"
