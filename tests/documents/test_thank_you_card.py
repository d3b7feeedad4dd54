"""documents/thank_you_card.py: the card's facts, its monogram and its length warning."""

from __future__ import annotations

from docreaders import EXAMPLE_NOTES

from followup.documents.thank_you_card import DOCUMENT, MAX_WORDS, MIN_WORDS, build_context, length_problem, monogram
from followup.notes import load_notes


def test_monogram() -> None:
    assert monogram("Dana Whitfield") == "DW"
    assert monogram("Cher") == "C"
    assert monogram("Mary Ann de la Cruz") == "MC"


def test_context_holds_the_reader_facts_and_the_card_size() -> None:
    notes = load_notes(EXAMPLE_NOTES).notes
    context = build_context(notes, notes.interviewers[0])
    assert context["reader"]["wish"] == "Good luck at the Boston Marathon in April"
    assert context["reader"]["topics"][:2] == ["mid-market pipeline growth", "rep ramp time"]
    assert context["card"] == {"monogram": "DW", "size_name": "4.25 x 5.5 in"}
    assert context["document"]["lang_code"] == "en" and DOCUMENT.wording


def test_length_problem_outside_the_range() -> None:
    notes = load_notes(EXAMPLE_NOTES).notes
    person = notes.interviewers[0]
    assert length_problem(notes, person, (MIN_WORDS + MAX_WORDS) // 2) is None
    short = length_problem(notes, person, MIN_WORDS - 1)
    long = length_problem(notes, person, MAX_WORDS + 1)
    assert short is not None and "under the 40" in short.message and short.key_path == "interviewers[0]"
    assert long is not None and "over the 90" in long.message
