"""notes/model.py: the notes model validates what notes-format.md says, with plain defaults."""

from __future__ import annotations

import datetime

import pytest
from pydantic import ValidationError

from followup.notes.model import Notes

MINIMAL = {
    "candidate": {"name": "Dana Whitfield"}, "company": {"name": "Acme"}, "role": {"title": "Sales Manager"},
    "interview": {"date": "2026-11-20"}, "interviewers": [{"name": "Jordan Lee"}],
}


def test_minimal_notes_and_their_defaults() -> None:
    notes = Notes.model_validate(MINIMAL)
    assert notes.interview.date == datetime.date(2026, 11, 20)
    assert notes.match == [] and notes.territory is None
    assert notes.style.locale


@pytest.mark.parametrize(("change", "where"), [
    ({"interviewers": []}, "interviewers"),
    ({"interview": {"date": "not a date"}}, "interview"),
    ({"candidate": {"name": "Dana", "email": "not an address"}}, "candidate"),
    ({"company": {"name": "Acme\x00"}}, "company"),
])
def test_invalid_values_are_refused(change: dict[str, object], where: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Notes.model_validate({**MINIMAL, **change})
    assert caught.value.errors()[0]["loc"][0] == where


def test_the_model_round_trips_through_json() -> None:
    notes = Notes.model_validate(MINIMAL)
    assert Notes.model_validate_json(notes.model_dump_json()) == notes
