"""check_notes / check_paths: errors, warnings and the coaching gaps."""

from __future__ import annotations

from pathlib import Path

import pytest
from notes_texts import MINIMAL

from followup.check import GAP_RULES, GapContext, check_notes, check_paths
from followup.documents.coverage import matches_loosely as covers
from followup.errors import Problem, UsageError

COMPLETE = MINIMAL.replace('topics = ["pipeline"]', 'email = "jordan.lee@acme.example"\ntopics = ["pipeline"]') + '''
[discovery]
requirements = ["5+ years closing SaaS deals"]
success_criteria = ["3x pipeline coverage"]

[[match]]
criterion = "5+ years closing SaaS deals"
evidence = "Seven years"

[[match]]
criterion = "3x pipeline coverage."
evidence = "Built 3.4x coverage"

[close]
asked = true
'''


def gap_keys(path: Path) -> list[str | None]:
    result = check_notes(path)
    assert result.errors == [] and result.notes is not None
    assert all(gap.severity == "gap" for gap in result.gaps)
    return [gap.key_path for gap in result.gaps]


def test_complete_notes_have_no_gaps(write) -> None:
    result = check_notes(write(COMPLETE))
    assert result.ok and result.gaps == [] and result.warnings == []


def test_errors_and_warnings_come_back_without_raising(write) -> None:
    result = check_notes(write(MINIMAL + 'nmae = "x"\n[close]\nanswer = "perhaps"\n'))
    assert result.notes is None and not result.ok
    assert [p.key_path for p in result.errors] == ["close.answer"]
    assert [p.key_path for p in result.warnings] == ["interviewers[0].nmae"]
    assert result.gaps == []


def test_unmatched_requirement_and_criterion(write) -> None:
    text = COMPLETE.replace('requirements = ["5+ years closing SaaS deals"]',
                            'requirements = ["5+ years closing SaaS deals", "Experience selling to plant managers"]')
    text = text.replace('success_criteria = ["3x pipeline coverage"]',
                        'success_criteria = ["3x pipeline coverage", "Full quota by month 6"]')
    path = write(text)
    result = check_notes(path)
    assert [g.key_path for g in result.gaps] == ["discovery.requirements[1]", "discovery.success_criteria[1]"]
    assert result.gaps[0].line == 19
    assert result.gaps[0].hint == "add a [[match]] for 'Experience selling to plant managers' with your evidence"


@pytest.mark.parametrize("criterion, wanted, expected", [
    ("3x pipeline coverage.", "3X  Pipeline-Coverage", True),
    ("pipeline coverage", "3x pipeline coverage by end of Q1", True),
    ("Full quota by month 6 (ramp)", "full quota by month 6", True),
    ("Full quota by month 6", "3x pipeline coverage", False),
    ("", "anything", False),
])
def test_covers(criterion: str, wanted: str, expected: bool) -> None:
    assert covers(criterion, wanted) is expected


def test_no_success_criteria(write) -> None:
    path = write(COMPLETE.replace('success_criteria = ["3x pipeline coverage"]', ""))
    assert gap_keys(path) == ["discovery"]
    assert "90 days" in (check_notes(path).gaps[0].hint or "")


def test_interviewer_without_topics(write) -> None:
    path = write(COMPLETE.replace('topics = ["pipeline"]', "topics = []"))
    result = check_notes(path)
    assert [g.key_path for g in result.gaps] == ["interviewers[0]"]
    assert result.gaps[0].message == "Jordan Lee has no topics"
    assert result.gaps[0].line == 13


def test_promise_without_a_date(write) -> None:
    path = write(COMPLETE + '\n[follow_up]\npromised = "A territory plan"\n')
    assert gap_keys(path) == ["follow_up.promised"]
    dated = write(COMPLETE + '\n[follow_up]\npromised = "A territory plan"\npromised_by = 2026-11-27\n', "b.toml")
    assert gap_keys(dated) == []


@pytest.mark.parametrize("close", ["asked = false", ""])
def test_closing_question_not_asked(write, close: str) -> None:
    path = write(COMPLETE.replace("asked = true", close))
    assert gap_keys(path) == ["close"]


def test_two_interviewers_who_would_get_the_same_thank_you(write) -> None:
    # Two panel members (not the decision-maker, whose letter carries the evidence) with the same topics.
    twin = ('\n[[interviewers]]\nname = "Alex Park"\nemail = "alex@acme.example"\ntopics = ["pipeline"]\n'
            '\n[[interviewers]]\nname = "Sam Okafor"\nemail = "sam@acme.example"\ntopics = ["pipeline"]\n')
    result = check_notes(write(COMPLETE + twin))
    same = [w.message for w in result.warnings if "would get the same" in w.message]
    assert any(m.startswith("thank-you-card: Sam Okafor and Alex Park would get the same card") for m in same)
    assert any(m.startswith("thank-you-letter: Sam Okafor and Alex Park would get the same letter") for m in same)
    distinct = check_notes(write(COMPLETE + twin.replace('["pipeline"]\n\n', '["hiring plans"]\n\n', 1), "b.toml"))
    assert not [w for w in distinct.warnings if "would get the same" in w.message]


def test_scaffold_placeholders_are_errors(write) -> None:
    path = write(COMPLETE.replace("Dana Whitfield", "Your Name"))
    result = check_notes(path)
    assert not result.ok and result.gaps == []
    assert [(p.key_path, p.line, p.message) for p in result.errors] == [
        ("candidate.name", 2, "replace the placeholder 'Your Name' with your own name")]


def test_gap_rules_are_an_extensible_list(write, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_ideas(ctx: GapContext) -> list[Problem]:
        return [] if ctx.notes.ideas else [ctx.gap("no ideas yet", "ideas")]

    monkeypatch.setattr("followup.check.GAP_RULES", [*GAP_RULES, no_ideas])
    assert gap_keys(write(COMPLETE)) == ["ideas"]


def test_check_paths_checks_every_file_in_a_folder(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(COMPLETE, encoding="utf-8")
    (tmp_path / "b.toml").write_text("broken = \n", encoding="utf-8")
    results = check_paths([tmp_path])
    assert [r.path.name for r in results] == ["a.toml", "b.toml"]
    assert [r.ok for r in results] == [True, False]
    with pytest.raises(UsageError):
        check_paths([tmp_path / "missing"])


def test_a_missing_style_templates_folder_is_an_error_as_at_render(write, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from followup.cli import app

    path = write(COMPLETE + '\n[style]\ntemplates = "my-templates"\n')
    line = (COMPLETE + '\n[style]\ntemplates = "my-templates"\n').splitlines().index('templates = "my-templates"') + 1
    checked = CliRunner().invoke(app, ["check", str(path)])
    assert checked.exit_code == 1
    assert (f"{path}:{line}: style.templates: the templates folder {tmp_path / 'my-templates'} does not exist"
            in checked.output)
    rendered = CliRunner().invoke(app, ["render", str(path), "-o", str(tmp_path / "out"), "-f", "txt"])
    assert rendered.exit_code == 1 and "does not exist" in rendered.output

    (tmp_path / "my-templates").mkdir()
    assert CliRunner().invoke(app, ["check", str(path)]).exit_code == 0
