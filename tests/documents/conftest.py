"""Fixtures shared by the document tests (helpers to read outputs back are in docreaders.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docreaders import FULL_NOTES

from followup.notes import load_notes
from followup.notes.model import Notes


@pytest.fixture(scope="session")
def full_notes_path() -> Path:
    """The rich notes fixture every document test starts from."""
    return FULL_NOTES


@pytest.fixture(scope="session")
def full_notes() -> Notes:
    return load_notes(FULL_NOTES).notes
