"""territory_checks: `followup check` coaching for a territory plan that contradicts itself or its readers."""

from __future__ import annotations

from pathlib import Path

from docreaders import FIXTURES, write_notes

from followup.check import check_notes
from followup.documents.territory_checks import (
    coverage_gaps,
    goal_count_gaps,
    plan_gaps,
    priority_gaps,
    segment_gaps,
)
from followup.notes import load_notes
from followup.notes.model import Notes

TERRITORY = (FIXTURES / "territory.toml").read_text(encoding="utf-8")
CONSISTENT = TERRITORY.replace("Win rate of 25% on qualified opportunities",
                               "Win rate of 35% on qualified opportunities")


def write(tmp_path: Path, territory: str) -> Path:
    return write_notes(tmp_path, "notes.toml", lambda text: text + "\n" + territory)


def load(tmp_path: Path, territory: str) -> Notes:
    return load_notes(write(tmp_path, territory)).notes


def test_a_consistent_plan_has_no_gaps(tmp_path: Path) -> None:
    assert plan_gaps(load(tmp_path, CONSISTENT)) == []


def test_a_goal_counting_more_tier_a_accounts_than_named(tmp_path: Path) -> None:
    territory = CONSISTENT.replace('"Meet the top 20 accounts"', '"Visit all 10 Tier A accounts"')
    path = write(tmp_path, territory)
    gaps = goal_count_gaps(load_notes(path).notes)
    assert len(gaps) == 1
    assert "'Visit all 10 Tier A accounts' counts 10 Tier A accounts, but the plan names 3" in gaps[0].message
    assert gaps[0].key_path == "territory.plan[0].goals[0]" and gaps[0].severity == "gap"
    problem = next(item for item in check_notes(path).gaps if "Tier A" in item.message)
    assert problem.line is not None and "Visit all 10 Tier A" in path.read_text().splitlines()[problem.line - 1]
    # as many as named, or a top-N of the whole segment, is fine
    assert goal_count_gaps(load(tmp_path, CONSISTENT.replace('"Meet the top 20 accounts"',
                                                              '"Visit all three Tier A accounts"'))) == []
    assert goal_count_gaps(load(tmp_path, CONSISTENT)) == []


def test_a_kpi_naming_another_coverage_or_a_win_rate_it_cannot_carry(tmp_path: Path) -> None:
    territory = CONSISTENT.replace('"12 first meetings a month"', '"4x pipeline coverage by the end of Q2"')
    messages = [gap.message for gap in coverage_gaps(load(tmp_path, territory))]
    assert any("'4x pipeline coverage by the end of Q2' names 4x coverage, but the pipeline maths use 3x" in m
               for m in messages), messages
    messages = [gap.message for gap in coverage_gaps(load(tmp_path, TERRITORY))]  # 25% win rate at 3x
    assert any("a win rate of 25%" in m and "needs 4x pipeline coverage" in m and "wins 75% of quota" in m
               for m in messages), messages
    goal = CONSISTENT.replace('"Reach 3x pipeline coverage"', '"Reach 5x pipeline coverage"')
    assert any("aims for 5x coverage" in gap.message for gap in coverage_gaps(load(tmp_path, goal)))


def test_a_segment_strategy_for_a_segment_with_no_accounts(tmp_path: Path) -> None:
    territory = CONSISTENT.replace('name = "Contract electronics"\naccounts = 30',
                                  'name = "Contract electronics"\naccounts = 0')
    gaps = segment_gaps(load(tmp_path, territory))
    assert [gap.message for gap in gaps] == [
        "territory-plan: the segment 'Contract electronics' has a strategy but no accounts"]
    assert gaps[0].key_path == "territory.segments[2]"


def test_a_priority_nothing_in_the_plan_addresses(tmp_path: Path) -> None:
    notes = load(tmp_path, CONSISTENT)
    assert priority_gaps(notes) == []
    territory = CONSISTENT.replace('"Plant-manager roundtables with the regional trade association"', '"Events"')
    territory = territory.replace('"Run the first plant-manager roundtable", ', "")
    path = write_notes(tmp_path, "notes.toml", lambda text: text.replace(
        "Win plant managers in New England", "Open the Austrian market") + "\n" + territory)
    messages = [gap.message for gap in check_notes(path).gaps]
    assert "territory-plan: no part of the plan addresses 'Open the Austrian market'" in messages, messages
