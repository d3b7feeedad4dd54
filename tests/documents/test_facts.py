"""documents/facts.py: what a card, letter or email may say about its reader, and what check warns about."""

from __future__ import annotations

from docreaders import EXAMPLE_NOTES

from followup.documents.facts import (
    call_date,
    concerns_raised_by,
    fragment_warnings,
    interview_facts,
    own_priorities,
    plan_mentions,
    reader_facts,
    usable,
    usable_topic,
)
from followup.notes import load_notes
from followup.notes.model import Notes


def acme() -> Notes:
    return load_notes(EXAMPLE_NOTES).notes


def test_usable_fragments() -> None:
    assert usable("Good luck in Boston - ask how it went", "en") == "Good luck in Boston"
    assert usable("ask how the visits went", "en") == ""
    assert usable_topic("he closed his first deal in month 5", "en") == ""
    assert usable_topic("rep ramp is too slow", "en") == ""
    assert usable_topic("rep ramp time", "en") == "rep ramp time"


def test_kinds_of_letter_by_role() -> None:
    notes = acme()
    kinds = [reader_facts(notes, person, "en")["kind"] for person in notes.interviewers]
    assert kinds == ["evidence", "topical", "collegial"]


def test_who_said_what() -> None:
    notes = acme()
    jordan, priya, jose = notes.interviewers
    assert own_priorities(notes, jordan) == [], "the notes attribute no priority to Jordan"
    assert [item["concern"] for item in concerns_raised_by(notes, jose)] == ["No robotics background"]
    assert concerns_raised_by(notes, priya) == []
    alone = notes.model_copy(update={"interviewers": [jordan]})
    assert own_priorities(alone, jordan) == notes.discovery.priorities, "the only interviewer owns them all"


def test_a_call_only_with_the_decision_maker_while_it_is_to_come() -> None:
    notes = acme()
    jordan, priya, _ = notes.interviewers
    assert call_date(notes, jordan) == "2026-11-25" and call_date(notes, priya) == ""
    done = notes.model_copy(update={"follow_up": notes.follow_up.model_copy(update={"done": ["thank-you", "call"]})})
    assert call_date(done, jordan) == ""


def test_plan_mentions_and_process() -> None:
    notes = acme()
    plan = notes.territory.model_copy(update={"plan": [notes.territory.plan[0].model_copy(
        update={"goals": ["Shadow Priya on three calls", "Meet the top 20 accounts"]})]})
    with_priya = notes.model_copy(update={"territory": plan})
    assert plan_mentions(with_priya, with_priya.interviewers[1]) == ["Shadow Priya on three calls"]
    process = interview_facts(notes, "en")
    assert process["next_steps"] == {"text": "Final round with the CRO if the panel agrees", "verb": False}
    assert process["decision_date"] == "2026-12-05"
    assert [item["text"] for item in process["team_priorities"]][0] == "Grow mid-market pipeline 40% in FY27"


def test_fragment_warnings_name_the_key_and_what_to_write() -> None:
    notes = acme()
    assert fragment_warnings(notes) == []
    person = notes.interviewers[0].model_copy(update={"topics": ["he closed his first deal in month 5"],
                                                      "personal_note": "ask how the marathon went"})
    problems = fragment_warnings(notes.model_copy(update={"interviewers": [person, *notes.interviewers[1:]]}))
    assert [(problem.key_path, problem.severity) for problem in problems] == [
        ("interviewers[0].topics[0]", "warning"), ("interviewers[0].personal_note", "warning")]
    assert "speaks of Jordan in the third person" in problems[0].message
    assert problems[1].hint and "[private]" in problems[1].hint
