"""documents/coverage.py: the one definition of a gap, shared by the email, the prep sheet and check."""

from __future__ import annotations

from docreaders import EXAMPLE_NOTES

from followup.documents.coverage import ideas_for_pain, matches_loosely, normalise, uncovered_criteria
from followup.notes import load_notes


def test_normalise_and_loose_matching() -> None:
    assert normalise("Full quota by Month 6!") == "full quota by month 6"
    assert matches_loosely("Full quota by Month 6!", "full quota by month 6")
    assert matches_loosely("3x pipeline coverage", "Reach 3x pipeline coverage by Q2")
    assert matches_loosely("Café – réseau", "cafe reseau")
    assert not matches_loosely("Fluent in Portuguese", "Fluent in Spanish")
    assert not matches_loosely("", "anything")


def test_uncovered_criteria_with_key_and_index() -> None:
    notes = load_notes(EXAMPLE_NOTES).notes
    assert uncovered_criteria(notes) == []
    discovery = notes.discovery.model_copy(update={
        "success_criteria": [*notes.discovery.success_criteria, "NPS above 50", "nps above 50!"]})
    gaps = uncovered_criteria(notes.model_copy(update={"discovery": discovery}))
    assert gaps == [("success_criteria", "NPS above 50", 3)], "reported once, with where it stands"


def test_ideas_for_pain() -> None:
    notes = load_notes(EXAMPLE_NOTES).notes
    assert [idea.title for idea in ideas_for_pain(notes, "Reps lose 30% of their week to CRM admin")] == \
        ["Log calls to the CRM automatically"]
    assert ideas_for_pain(notes, "Something nobody has an idea for") == []
