"""documents/thank_you_letter.py: the letter's facts, its draft's facts and its warnings."""

from __future__ import annotations

import datetime

from docreaders import EXAMPLE_NOTES

from followup.documents.thank_you_letter import DOCUMENT, build_context, check_warnings
from followup.notes import load_notes
from followup.wording.compose import apply


def test_context_and_headers() -> None:
    notes = load_notes(EXAMPLE_NOTES).notes
    context = build_context(notes, notes.interviewers[2])
    apply(context, wording=DOCUMENT.wording)
    assert context["letter"] == {"date_iso": "2026-11-21", "date_text": "November 21, 2026"}
    assert context["recipient"]["lines"][:3] == ["José Martínez", "Head of R&D Partnerships", "Acme Robotics"]
    draft = context["draft"]
    assert context["prose"]["subject"] == \
        "Thank you: Regional Sales Manager, Northeast interview on November 20, 2026"
    assert draft["to"] == [{"name": "José Martínez", "email": "jose.martinez@acme-robotics.example"}]
    assert draft["sender"] == {"name": "Dana Whitfield", "email": "dana.whitfield@example.com"}
    assert draft["cc"] == draft["cc_all"] == []
    assert draft["date"] == datetime.date(2026, 11, 21)  # the thank-you date, a date (not text)


def test_warnings_for_a_missing_email_and_no_evidence() -> None:
    notes = load_notes(EXAMPLE_NOTES).notes
    assert check_warnings(notes) == []
    person = notes.interviewers[1].model_copy(update={"email": None})
    bare = notes.model_copy(update={"interviewers": [notes.interviewers[0], person], "match": []})
    messages = [(problem.key_path, problem.message) for problem in check_warnings(bare)]
    assert ("interviewers[1].email",
            "thank-you-letter for Priya Raman: no email, so the .eml draft has no To address") in messages
    assert ("match", "thank-you-letter: no [[match]] entries, so the letters cite no evidence") in messages
