"""The file names of the PDFs the criteria-match email carries."""

from __future__ import annotations

from pathlib import Path

import pytest
from docreaders import EXAMPLE_NOTES

from followup.documents.attachments import (
    MAX_STEM,
    attachment_filename,
    attachment_titles,
    email_attachments,
)
from followup.documents.materials import material_documents
from followup.notes import load_notes
from followup.notes.model import Notes


def test_names_say_what_about_and_from_whom() -> None:
    notes = load_notes(EXAMPLE_NOTES).notes
    names = dict(email_attachments(notes))
    assert list(names) == material_documents(notes) == ["territory-plan", "process-ideas"]
    assert names["territory-plan"] == "Territory plan – New England – Dana Whitfield.pdf"
    assert names["process-ideas"] == "Process ideas – Acme Robotics – Dana Whitfield.pdf"


def test_only_what_the_notes_can_make(full_notes: Notes) -> None:
    assert full_notes.territory is None
    assert [document for document, _ in email_attachments(full_notes)] == material_documents(full_notes)
    assert "territory-plan" not in material_documents(full_notes)


def test_user_text_cannot_make_a_path_or_a_name_windows_refuses(full_notes: Notes) -> None:
    notes = full_notes.model_copy(deep=True)
    notes.company.name = '../../etc/passwd: "x" <y>|z?*\\\n\x00'
    name = attachment_filename(notes, "process-ideas")
    assert not set('/\\:*?"<>|\n\x00') & set(name)
    assert name.startswith("Process ideas – etc passwd x y z – ") and name.endswith(".pdf")


def test_long_names_are_cut_at_a_word(full_notes: Notes) -> None:
    notes = full_notes.model_copy(deep=True)
    notes.company.name = "Very " * 60
    name = attachment_filename(notes, "process-ideas")
    assert len(name) <= MAX_STEM + len(".pdf") and name.endswith("Very.pdf")


@pytest.mark.parametrize(("example", "plan", "ideas"), [
    ("berlin-gmbh.toml", "Gebietsplan – DACH Nord – Lena Hoffmann.pdf",
     "Prozessideen – Spree Logistik GmbH – Lena Hoffmann.pdf"),
    ("lyon-rhone-automatismes.toml", "Plan de territoire – Auvergne-Rhône-Alpes – Julien Moreau.pdf",
     "Idées d’amélioration – Rhône Automatismes – Julien Moreau.pdf"),
    ("madrid-iberlogix.toml", "Plan territorial – Centro y Portugal – Lucía Fernández.pdf",
     "Ideas de mejora – Iberlogix – Lucía Fernández.pdf"),
])
def test_names_are_in_the_package_language(example: str, plan: str, ideas: str) -> None:
    """The attached PDFs are written in the package's language, and so are their names ([attachments] labels)."""
    notes = load_notes(EXAMPLE_NOTES.parent / example).notes
    assert dict(email_attachments(notes)) == {"territory-plan": plan, "process-ideas": ideas}


def test_a_templates_folder_renames_the_attachments(tmp_path: Path) -> None:
    folder = tmp_path / "mine" / "languages" / "en"
    folder.mkdir(parents=True)
    (folder / "labels.toml").write_text('[attachments]\nterritory-plan = "Sales plan: draft"\n', encoding="utf-8")
    notes = load_notes(EXAMPLE_NOTES).notes.model_copy(deep=True)
    notes.style.templates = str(tmp_path / "mine")
    assert attachment_titles(notes)["process-ideas"] == "Process ideas"  # the built-in label fills the gap
    assert attachment_filename(notes, "territory-plan") == "Sales plan draft – New England – Dana Whitfield.pdf"
