"""documents/criteria_match.py: the email's facts, its draft's facts and its warnings."""

from __future__ import annotations

import datetime

from docreaders import EXAMPLE_NOTES

from followup.documents.criteria_match import DOCUMENT, build_context, check_warnings, facts, skip_reason
from followup.notes import load_notes
from followup.wording.compose import apply


def test_facts_of_the_full_example() -> None:
    notes = load_notes(EXAMPLE_NOTES).notes
    found = facts(notes, "en")
    assert [item["document"] for item in found["materials"]] == ["territory-plan", "process-ideas"]
    assert found["materials"][1]["count"] == 4 and found["materials"][1]["quick_wins"] == 2
    assert [(item["concern"][:10], item["mine"]) for item in found["objections"]] == \
        [("No robotic", False), ("Moving fro", True)], "only Jordan's own concern is 'yours'"
    assert found["pains"][0] == {"pain": "Reps lose 30% of their week to CRM admin",
                                 "ideas": ["Log calls to the CRM automatically"]}
    assert found["check_in_on"] == "2026-12-04" and found["promised"]


def test_priorities_once_and_never_a_pronoun() -> None:
    notes = load_notes(EXAMPLE_NOTES).notes
    jordan = notes.interviewers[0].model_copy(update={"priorities": ["grow mid-market pipeline 40% in FY27",
                                                                     "she wants faster ramp"]})
    found = facts(notes.model_copy(update={"interviewers": [jordan, *notes.interviewers[1:]]}), "en")
    assert found["priorities"] == ["grow mid-market pipeline 40% in FY27", "Cut the time reps spend on CRM admin",
                                   "Win plant managers in New England"]


def test_draft_facts_and_who_cc_all_copies() -> None:
    notes = load_notes(EXAMPLE_NOTES).notes
    context = build_context(notes, None)
    apply(context, wording=DOCUMENT.wording)
    draft = context["draft"]
    assert context["prose"]["subject"] == "Regional Sales Manager, Northeast: how I match the criteria we discussed"
    assert draft["to"] == [{"name": "Jordan Lee", "email": "jordan.lee@acme-robotics.example"}]
    assert draft["cc"] == [] and [person["name"] for person in draft["cc_all"]] == ["Priya Raman", "José Martínez"]
    assert draft["date"] == datetime.date.fromisoformat(context["email"]["sent_on"])  # the materials' day


def test_skip_and_warning() -> None:
    notes = load_notes(EXAMPLE_NOTES).notes
    assert skip_reason(notes) is None and skip_reason(notes.model_copy(update={"match": []}))
    jordan = notes.interviewers[0].model_copy(update={"email": None})
    problems = check_warnings(notes.model_copy(update={"interviewers": [jordan, *notes.interviewers[1:]]}))
    assert [problem.key_path for problem in problems] == ["interviewers[0].email"]
