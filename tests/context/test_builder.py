"""context/builder.py: the values every template sees; never the [private] table."""

from __future__ import annotations

from pathlib import Path

from followup.context.builder import base_context, display_url, letterhead_context, recipient_context
from followup.notes import load_notes

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "acme-robotics.toml"


def test_the_base_context_has_the_notes_and_not_their_private_table() -> None:
    notes = load_notes(EXAMPLE).notes
    context = base_context(notes, document="thank-you-letter", title="Thank-you letter")
    assert context["company"]["name"] == notes.company.name
    assert context["candidate"]["name"] == notes.candidate.name
    assert "private" not in context
    assert "185k base" not in repr(context) and "seemed rushed" not in repr(context)  # the example's [private]


def test_the_letterhead_and_the_recipient() -> None:
    notes = load_notes(EXAMPLE).notes
    letterhead = letterhead_context(notes)
    assert notes.candidate.name in repr(letterhead)
    person = notes.interviewers[0]
    assert person.name in repr(recipient_context(notes, person))


def test_display_url_drops_the_scheme_and_trailing_slash() -> None:
    assert display_url("https://www.linkedin.com/in/dana/") == "linkedin.com/in/dana"
