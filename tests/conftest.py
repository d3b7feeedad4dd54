"""Fixtures and settings shared by every test folder (keep this small)."""

from __future__ import annotations

import os
import tempfile


def pytest_configure(config) -> None:  # noqa: ANN001 - pytest hook
    """Isolate the user config folder: no real ~/.config/followup/profile.toml leaks into a test."""
    os.environ["FOLLOWUP_CONFIG_DIR"] = tempfile.mkdtemp(prefix="followup-config-")
    # and no real ~/.cache/followup (the public holidays looked up, context/holidays.py) either
    os.environ["FOLLOWUP_CACHE_DIR"] = tempfile.mkdtemp(prefix="followup-cache-")
