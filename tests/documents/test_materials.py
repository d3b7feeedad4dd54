"""documents/materials.py: the documents that go with the criteria-match email, as the notes allow."""

from __future__ import annotations

from pathlib import Path

from followup.documents.materials import MATERIAL_DOCUMENTS, material_documents
from followup.notes import load_notes
from followup.notes.model import Notes

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "acme-robotics.toml"


def test_the_full_example_has_every_material() -> None:
    assert material_documents(load_notes(EXAMPLE).notes) == list(MATERIAL_DOCUMENTS)


def test_notes_without_territory_or_ideas_have_none() -> None:
    notes = Notes.model_validate({
        "candidate": {"name": "Dana"}, "company": {"name": "Acme"}, "role": {"title": "Sales Manager"},
        "interview": {"date": "2026-11-20"}, "interviewers": [{"name": "Jordan Lee"}],
    })
    assert material_documents(notes) == []
