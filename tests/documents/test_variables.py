"""documents/variables.py: the documented variables of each document, from its real sample context."""

from __future__ import annotations

from followup.documents import get_document
from followup.documents.variables import document_variables, sample_contexts, sample_notes


def test_every_variable_of_the_letter_is_described_and_in_its_context() -> None:
    variables = document_variables("thank-you-letter")
    paths = [variable.path for variable in variables]
    assert "company.name" in paths and "candidate.name" in paths
    assert all(variable.description for variable in variables)
    assert len(paths) == len(set(paths))


def test_the_sample_notes_give_one_context_per_interviewer_for_a_letter() -> None:
    notes = sample_notes()
    contexts = sample_contexts(get_document("thank-you-letter"), notes)
    assert len(contexts) == len(notes.interviewers)
    assert all(context["company"]["name"] == notes.company.name for context in contexts)


def test_the_draft_facts_are_described_with_the_day_as_a_date() -> None:
    kinds = {variable.path: variable.kind for variable in document_variables("thank-you-letter", with_charts=False)}
    assert kinds["draft.date"] == "date" and kinds["draft.to"] == "list of tables"
