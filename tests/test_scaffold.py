"""Scaffold placeholders left in a notes file: an error at ``render`` and ``check``, through the CLI."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from followup.cli import app
from followup.scaffold import (
    INTERVIEWER_NAME,
    JOB_TITLE,
    PLACEHOLDERS,
    YOUR_NAME,
    scaffold_text,
)

runner = CliRunner()


def _line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if line.startswith(needle))


def test_rendering_an_untouched_scaffold_fails_naming_each_placeholder(tmp_path: Path) -> None:
    created = runner.invoke(app, ["new", "Test Co", "--dir", str(tmp_path)])
    assert created.exit_code == 0, created.output
    notes = tmp_path / "test-co.toml"
    text = notes.read_text(encoding="utf-8")

    result = runner.invoke(app, ["render", str(notes), "-o", str(tmp_path / "out")])

    assert result.exit_code == 1
    lines = {key: _line_of(text, f'{key} = "{value}"') for key, value in
             (("name", YOUR_NAME), ("title", JOB_TITLE))}
    interviewer_line = _line_of(text, f'name = "{INTERVIEWER_NAME}"')
    expected = {
        f"{notes}:{lines['name']}: candidate.name: replace the placeholder 'Your Name' with your own name",
        f"{notes}:{lines['title']}: role.title: replace the placeholder 'Job Title' with the role's title",
        (f"{notes}:{interviewer_line}: interviewers[0].name: "
         "replace the placeholder 'Interviewer Name' with the interviewer's name"),
    }
    printed = {line.strip() for line in result.output.splitlines()}
    assert expected <= printed, result.output
    assert not (tmp_path / "out").exists() or not any(path.is_file() and path.suffix != ".json"
                                                      for path in (tmp_path / "out").rglob("*"))


def test_check_fails_on_the_same_placeholders(tmp_path: Path) -> None:
    runner.invoke(app, ["new", "Test Co", "--dir", str(tmp_path)])
    result = runner.invoke(app, ["check", str(tmp_path / "test-co.toml")])
    assert result.exit_code == 1
    found = re.findall(r": (\S+): replace the placeholder '([^']+)'", result.output)
    assert sorted(found) == sorted([("candidate.name", YOUR_NAME), ("role.title", JOB_TITLE),
                                    ("interviewers[0].name", INTERVIEWER_NAME)])


def test_a_filled_in_scaffold_renders(tmp_path: Path) -> None:
    text = scaffold_text("Test Co").replace(YOUR_NAME, "Dana Whitfield").replace(JOB_TITLE, "Account Executive")
    text = text.replace(INTERVIEWER_NAME, "Jordan Lee")
    notes = tmp_path / "test-co.toml"
    notes.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["render", str(notes), "-o", str(tmp_path / "out"), "-f", "txt"])
    assert result.exit_code == 0, result.output
    letters = list((tmp_path / "out").rglob("thank-you-letter--jordan-lee.txt"))
    assert letters and "Jordan" in letters[0].read_text(encoding="utf-8")


def test_a_placeholder_anywhere_outside_private_is_named(tmp_path: Path) -> None:
    text = scaffold_text("Test Co").replace(YOUR_NAME, "Dana Whitfield").replace(JOB_TITLE, "Account Executive")
    text = text.replace(f'name = "{INTERVIEWER_NAME}"', 'name = "Jordan Lee"')
    text = text.replace(f'# reports_to = "{INTERVIEWER_NAME}"', f'reports_to = "{INTERVIEWER_NAME}"')
    text = text.replace('# impressions = "Candid notes only for you"', f'impressions = "{INTERVIEWER_NAME}"')
    notes = tmp_path / "notes.toml"
    notes.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["check", str(notes)])
    assert result.exit_code == 1
    assert re.findall(r"notes\.toml:(\d+): (\S+): replace the placeholder", result.output) == [
        (str(_line_of(text, "reports_to = ")), "role.reports_to")]


def test_a_placeholder_in_the_profile_points_at_the_profile(tmp_path: Path) -> None:
    (tmp_path / "profile.toml").write_text(f'[candidate]\nname = "{YOUR_NAME}"\n', encoding="utf-8")
    text = scaffold_text("Test Co", candidate_in_profile=True).replace(JOB_TITLE, "Account Executive")
    notes = tmp_path / "notes.toml"
    notes.write_text(text.replace(INTERVIEWER_NAME, "Jordan Lee"), encoding="utf-8")
    result = runner.invoke(app, ["check", str(notes)])
    assert result.exit_code == 1
    assert f"{tmp_path / 'profile.toml'}:2: candidate.name: replace the placeholder" in result.output


def test_placeholders_have_one_definition() -> None:
    text = scaffold_text("")
    for value in PLACEHOLDERS:
        assert f'"{value}"' in text, value
