"""documents/relevance.py: which matches and priorities speak to which interviewer's topics."""

from __future__ import annotations

from followup.documents.relevance import keywords, mentions, relevant_matches, stem, unique
from followup.notes.model import Notes

NOTES = Notes.model_validate({
    "candidate": {"name": "Dana"}, "company": {"name": "Acme"}, "role": {"title": "Sales Manager"},
    "interview": {"date": "2026-11-20"},
    "interviewers": [{"name": "Jordan Lee", "topics": ["Rep ramp time"]},
                     {"name": "Priya Shah", "topics": ["Pipeline coverage", "Forecast accuracy"]}],
    "match": [{"criterion": "Ramps new reps fast", "evidence": "Cut ramping time to 4 months"},
              {"criterion": "Builds pipeline", "evidence": "3x pipeline coverage in FY25 forecasts"}],
})


def test_stems_and_keywords() -> None:
    assert stem("ramping") == stem("ramps") == "ramp"
    assert keywords("The ramping of the reps") == {"ramp", "reps"}  # stop words out, stems in


def test_each_interviewer_gets_the_matches_on_their_topics_first() -> None:
    jordan, priya = NOTES.interviewers
    assert relevant_matches(NOTES, jordan, limit=1)[0].criterion == "Ramps new reps fast"
    assert relevant_matches(NOTES, priya, limit=1)[0].criterion == "Builds pipeline"


def test_mentions_by_full_or_first_name_and_unique_keeps_order() -> None:
    jordan = NOTES.interviewers[0]
    assert mentions(jordan, "Jordan") and mentions(jordan, "jordan lee") and not mentions(jordan, "Priya")
    assert unique(["b", "a", "b"]) == ["b", "a"]
