"""followup status: one row per notes file, due first, broken files listed with their error and the rest still shown."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from followup.cli import app
from followup.errors import UsageError
from followup.status import StatusRow, collect_status

FULL = Path(__file__).parent / "documents" / "fixtures" / "full.toml"
TODAY = datetime.date(2026, 11, 26)


def variant(folder: Path, name: str, replacements: dict[str, str]) -> Path:
    text = FULL.read_text(encoding="utf-8")
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    """Five notes files: three interviews, one all done, one broken TOML, one that does not validate."""
    promise = 'promised = "A sample territory plan by Tuesday"'
    variant(tmp_path, "acme.toml", {promise: promise + '\ndone = ["thank-you"]'})  # next: call on 11-25
    sub = tmp_path / "later"
    sub.mkdir()
    variant(sub, "beta.toml", {'name = "Acme Robotics"': 'name = "Beta Corp"',
                               "date = 2026-11-20": "date = 2026-11-24",
                               "thank_you_by = 2026-11-21": "thank_you_by = 2026-11-27",
                               "call_on = 2026-11-25": "call_on = 2026-11-30"})
    variant(tmp_path, "gamma.toml", {'name = "Acme Robotics"': 'name = "Gamma\nGroup"'.replace("\n", "\\n"),
                                     promise: promise + '\ndone = ["thank-you", "call", "materials", "check-in"]'})
    variant(tmp_path, "delta.toml", {'name = "Acme Robotics"': 'name = "Delta"',
                                     "decision_date = 2026-12-05": "",
                                     promise: promise + '\ndone = ["thank-you", "call", "materials", "check-in"]'})
    (tmp_path / "broken.toml").write_text('schema_version = 1\n[company\nname = "x"\n', encoding="utf-8")
    variant(tmp_path, "invalid.toml", {'[role]\ntitle = "Regional Sales Manager, Northeast"\n': "[role]\n"})
    (tmp_path / "profile.toml").write_text('[style]\ntone = "warm"\n', encoding="utf-8")
    return tmp_path


def test_rows_are_sorted_by_what_is_due_first_broken_last(folder: Path) -> None:
    rows = collect_status([folder], today=TODAY)
    assert [(row.company, row.next_step, row.due) for row in rows] == [
        ("Acme Robotics", "call", datetime.date(2026, 11, 25)),
        ("Beta Corp", "thank-you", datetime.date(2026, 11, 27)),
        ("Gamma Group", "decision", datetime.date(2026, 12, 5)),  # every step done: waiting for their decision
        ("Delta", None, None),                                    # nothing left at all
        ("", None, None),
        ("", None, None),
    ]
    assert [row.path.name for row in rows[-2:]] == ["broken.toml", "invalid.toml"]
    assert "profile.toml" not in [row.path.name for row in rows]


def test_overdue_days_are_counted_from_today(folder: Path) -> None:
    rows = {row.company: row for row in collect_status([folder], today=TODAY)}
    assert rows["Acme Robotics"].overdue_days == 1
    assert rows["Beta Corp"].overdue_days == 0
    assert rows["Gamma Group"].overdue_days == 0  # their decision is never the user's overdue step
    later = {row.company: row for row in collect_status([folder], today=datetime.date(2026, 12, 1))}
    assert later["Acme Robotics"].overdue_days == 6
    assert later["Beta Corp"].overdue_days == 4


def test_a_broken_file_is_a_row_with_its_first_problem_on_one_line(folder: Path) -> None:
    rows = collect_status([folder], today=TODAY)
    broken, invalid = rows[-2:]
    assert broken.error and "\n" not in broken.error
    assert invalid.error and "role.title" in invalid.error and "\n" not in invalid.error
    for row in (broken, invalid):
        assert row.as_row()[0] == str(row.path)
        assert row.as_row()[3] == f"BROKEN: {row.error}"


def test_table_rows_are_six_strings_with_overdue_marked(folder: Path) -> None:
    rows = collect_status([folder], today=TODAY)
    assert rows[0].as_row() == ("Acme Robotics", "Regional Sales Manager, Northeast", "Nov 20, 2026",
                                "Call Jordan Lee: any questions?", "Wed, Nov 25", "! 1 day")
    assert rows[1].as_row()[3:] == ("Thank all 3 interviewers", "Fri, Nov 27", "")
    assert rows[2].as_row()[3:] == ("Decision expected", "Sat, Dec 5", "")
    assert rows[3].as_row()[3:] == ("all done", "", "")
    for row in rows:
        assert len(row.as_row()) == 6 and all(isinstance(value, str) for value in row.as_row())


def test_as_dict_is_json_ready(folder: Path) -> None:
    data = json.loads(json.dumps([row.as_dict() for row in collect_status([folder], today=TODAY)]))
    assert data[0] == {
        "company": "Acme Robotics", "role": "Regional Sales Manager, Northeast", "interview_date": "2026-11-20",
        "next_step": "call", "next_step_text": "Call Jordan Lee: any questions?", "due": "2026-11-25",
        "overdue_days": 1, "overdue": True, "path": str(folder / "acme.toml"), "error": None,
    }


def test_a_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file or folder"):
        collect_status([tmp_path / "nope"])


def test_the_command_lists_the_others_and_exits_1_when_one_is_broken(folder: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["status", str(folder), "--json"])
    assert result.exit_code == 1
    rows = json.loads(result.stdout)
    assert [row["company"] for row in rows[:4]] == ["Acme Robotics", "Beta Corp", "Gamma Group", "Delta"]
    assert [bool(row["error"]) for row in rows] == [False] * 4 + [True] * 2
    table = runner.invoke(app, ["status", str(folder / "acme.toml"), str(folder / "later")], env={"COLUMNS": "200"})
    assert table.exit_code == 0, table.output
    assert "Acme Robotics" in table.stdout and "Beta Corp" in table.stdout
    assert "Call Jordan Lee: any questions?" in table.stdout


def test_status_row_defaults() -> None:
    row = StatusRow(company="A", role="B", interview_date=datetime.date(2026, 1, 5), next_step=None, due=None,
                    overdue_days=0, path=Path("a.toml"))
    assert row.error is None
    assert row.as_row() == ("A", "B", "Jan 5, 2026", "all done", "", "")
