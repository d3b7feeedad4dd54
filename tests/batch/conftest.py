"""Fixtures for the batch tests (plain helpers live in batch_helpers.py and notes_factory.py)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def notes_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "notes"
    folder.mkdir()
    return folder
