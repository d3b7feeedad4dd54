"""Fixtures of the wording tests: notes typed the way people really type, and their composed prose."""

from __future__ import annotations

from pathlib import Path

import pytest

from followup.documents import get_document
from followup.notes import load_notes
from followup.notes.model import Notes
from followup.wording.compose import apply
from followup.wording.prose import Prose

FIXTURES = Path(__file__).with_name("fixtures")
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
#: The examples and the messy notes every wording rule is checked over.
NOTES_FILES = [EXAMPLES / "acme-robotics.toml", EXAMPLES / "minimal" / "northwind.toml",
               FIXTURES / "lowercase-panel.toml", FIXTURES / "formal-single.toml", FIXTURES / "shorthand-peer.toml"]


def load(path: Path) -> Notes:
    return load_notes(path).notes


def prose_for(notes: Notes, document: str, person: str | None = None) -> Prose:
    """The composed prose of ``document`` for the interviewer whose first name is ``person``."""
    doc = get_document(document)
    reader = None
    if person is not None:
        reader = next(candidate for candidate in notes.interviewers if candidate.first_name == person)
    context = doc.build_context(notes, reader)
    prose = apply(context)
    assert prose is not None
    return prose


@pytest.fixture(scope="session")
def acme() -> Notes:
    return load(EXAMPLES / "acme-robotics.toml")


@pytest.fixture(scope="session")
def panel() -> Notes:
    return load(FIXTURES / "lowercase-panel.toml")


@pytest.fixture(scope="session")
def formal() -> Notes:
    return load(FIXTURES / "formal-single.toml")
