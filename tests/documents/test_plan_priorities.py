"""plan_priorities: the one rule linking a priority to the parts of the territory plan that serve it."""

from __future__ import annotations

from pathlib import Path

from docreaders import FIXTURES, write_notes

from followup.documents.plan_priorities import (
    context_words,
    plan_parts,
    priority_map,
    serves,
)
from followup.documents.territory_plan import build_context
from followup.notes import load_notes
from followup.notes.model import Notes
from followup.wording.compose import apply

TERRITORY = (FIXTURES / "territory.toml").read_text(encoding="utf-8")


def notes_with(tmp_path: Path, extra: str = "", edit=lambda text: text) -> Notes:  # type: ignore[no-untyped-def]
    path = write_notes(tmp_path, "notes.toml", lambda text: edit(text) + "\n" + TERRITORY + extra)
    return load_notes(path).notes


def test_the_rule_needs_a_shared_subject_word() -> None:
    assert serves("Win plant managers in New England", "Run the first plant-manager roundtable")
    assert serves("Cut the time reps spend on CRM admin", "Clean up the pipeline in the CRM")
    # generic words of any sales plan link nothing
    assert not serves("Grow new business fast", "Reach the first new accounts")
    assert not serves("Cut the time reps spend on CRM admin", "Shadow three senior reps")
    # numbers link nothing; the words of the territory itself are ignored when asked to
    assert not serves("Grow pipeline 40%", "Close 40 deals")
    assert not serves("Win in New England", "Clean up the New England CRM", ignore={"new", "england"})


def test_company_priorities_served_and_not_served(tmp_path: Path) -> None:
    notes = notes_with(tmp_path, edit=lambda text: text.replace(
        'priorities = ["Grow mid-market pipeline 40% in FY27", "Cut the time reps spend on CRM admin", '
        '"Win plant managers in New England"]',
        'priorities = ["Win plant managers in New England", "Open the Austrian market"]'))
    items = {item.priority: item for item in priority_map(notes)}
    plant = items["Win plant managers in New England"]
    assert plant.served and plant.whose == "team"
    assert {part.kind for part in plant.parts} >= {"segment", "goal"}
    assert not items["Open the Austrian market"].served
    assert {"new", "england"} <= context_words(notes)
    context = build_context(notes, None)
    prose = apply(context)
    assert prose is not None
    rows = {item.label: item for block in prose.blocks("priorities") for item in block.items}
    assert rows["Open the Austrian market"].text == "Nothing in this plan addresses it yet."
    served = rows["Win plant managers in New England"].text
    assert "Days 31-60: run the first plant-manager roundtable" in served
    assert "Mid-market manufacturers segment: plant-manager roundtables" in served
    summary = prose.text("summary")
    assert "One of the two priorities we discussed has a part of this plan behind it" in summary
    assert "built around" not in summary


def test_the_decision_makers_own_priorities_are_theirs(tmp_path: Path) -> None:
    def edit(text: str) -> str:
        head, marker, rest = text.partition('decision_role = "decision-maker"')
        return head + marker + '\npriorities = ["Same-day reply on inbound leads", "Hire two reps in Maine"]' + rest

    notes = notes_with(tmp_path, edit=edit)
    own = [item for item in priority_map(notes) if item.whose == "reader"]
    context = build_context(notes, None)
    prose = apply(context)
    assert prose is not None
    notes_by_priority = {item.label: item.note for block in prose.blocks("priorities") for item in block.items}
    assert notes_by_priority["Hire two reps in Maine"] == "Yours"
    assert notes_by_priority["Grow mid-market pipeline 40% in FY27"] == "Acme Robotics"
    assert "What you and the team told me matters most" in prose.text("priorities_intro")
    assert [item.priority for item in own] == ["Same-day reply on inbound leads", "Hire two reps in Maine"]
    assert own[0].served and not own[1].served
    assert own[0].key_path.startswith("interviewers[") and own[0].key_path.endswith("].priorities[0]")


def test_plan_parts_are_strategies_goals_and_ideas(tmp_path: Path) -> None:
    notes = notes_with(tmp_path)
    kinds = [part.kind for part in plan_parts(notes)]
    assert kinds.count("segment") == 3 and "goal" in kinds
    assert kinds.count("idea") == len(notes.ideas)
