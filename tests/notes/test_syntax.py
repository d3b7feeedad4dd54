"""The common TOML slips get a message saying what to write, with line and column; every one of a file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from notes_texts import MINIMAL

from followup.errors import NotesError, Problem
from followup.notes import load_notes

# MINIMAL is 15 lines; a slip appended to it stands on line 16 (in [[interviewers]]).
LINE = MINIMAL.count("\n") + 1


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(NotesError) as caught:
        load_notes(path)
    return caught.value.problems


def one_slip(write: Callable[..., Path], line: str) -> Problem:
    problems = problems_of(write(MINIMAL + line + "\n"))
    assert len(problems) == 1, problems
    assert problems[0].line == LINE
    return problems[0]


def test_an_impossible_unquoted_date(write) -> None:
    problem = one_slip(write, "date = 2026-13-01")
    assert problem.column == 8  # where the value starts, not where the parser gave up
    assert problem.message == "2026-13-01 is not a real date: there is no month 13"
    assert problem.hint == "dates are written year-month-day, like 2026-11-27"
    assert problem.key_path == "interviewers[0].date"


def test_a_day_the_month_does_not_have(write) -> None:
    problem = one_slip(write, "date = 2026-11-31")
    assert (problem.column, problem.message) == (8, "2026-11-31 is not a real date: November 2026 has 30 days")


def test_thousands_separators(write) -> None:
    problem = one_slip(write, "quota = 1,200,000")
    assert (problem.column, problem.message) == (9, "numbers have no commas or currency signs: 1200000")


def test_a_currency_sign(write) -> None:
    problem = one_slip(write, "quota = $1200000")
    assert (problem.column, problem.message) == (9, "numbers have no commas or currency signs: 1200000")


def test_yes_for_a_boolean(write) -> None:
    problem = one_slip(write, "asked = yes")
    assert (problem.column, problem.message, problem.hint) == (9, "true or false, not yes", "write: asked = true")


def test_unquoted_text_in_an_array(write) -> None:
    problem = one_slip(write, "topics = [Salesforce hygiene]")
    assert (problem.column, problem.message) == (11, 'text goes in quotes: ["Salesforce hygiene"]')


def test_a_us_date(write) -> None:
    problem = one_slip(write, "date = 11/27/2026")
    assert (problem.column, problem.message) == (8, "dates are written 2026-11-27")


def test_an_ambiguous_date_offers_both_readings(write) -> None:
    problem = one_slip(write, "date = 04.03.2026")
    assert problem.message == "dates are written 2026-03-04"
    assert problem.hint == "year-month-day; or 2026-04-03 if you meant April 3"


def test_a_missing_closing_quote(write) -> None:
    problem = one_slip(write, 'personal_note = "Good luck in Boston')
    assert (problem.column, problem.message) == (17, "this text has no closing quote")
    assert problem.hint == 'write: personal_note = "Good luck in Boston"'


def test_unquoted_text(write) -> None:
    problem = one_slip(write, "title = VP of Sales")
    assert (problem.column, problem.message) == (9, 'text goes in quotes: "VP of Sales"')


def test_every_slip_of_a_file_is_reported_in_one_run(write) -> None:
    text = MINIMAL + (
        'personal_note = "Good luck\n'            # 16
        "topics2 = [\n  Salesforce hygiene,\n]\n"  # 17-19
        "\n[close]\n"                               # 20-21
        "asked = yes\n"                             # 22
        "\n[territory]\n"                           # 23-24
        "quota = 1,200,000\n"                       # 25
    )
    problems = problems_of(write(text))
    assert [(p.line, p.column, p.key_path) for p in problems] == [
        (16, 17, "interviewers[0].personal_note"), (18, 3, None), (22, 9, "close.asked"),
        (25, 9, "territory.quota")]
    assert problems[1].message == 'text goes in quotes: "Salesforce hygiene"'


def test_a_mistake_it_does_not_know_keeps_the_parsers_words(write) -> None:
    problem = one_slip(write, 'note = "a" b')
    assert problem.message == "TOML syntax error: Expected newline or end of document after a statement"
    assert problem.column == 12


def test_a_broken_table_header_ends_the_scan(write) -> None:
    problems = problems_of(write(MINIMAL + "[close\nasked = yes\n"))
    assert len(problems) == 1
    assert problems[0].message == "TOML syntax error: Expected ']' at the end of a table declaration"


def test_the_cli_prints_each_slip_on_its_own_line(write) -> None:
    from typer.testing import CliRunner

    from followup.cli import app

    path = write(MINIMAL + "asked = yes\nquota = $1200000\n")
    result = CliRunner().invoke(app, ["check", str(path)])
    assert result.exit_code == 1
    assert f"{path}:16:9: interviewers[0].asked: true or false, not yes (write: asked = true)" in result.output
    assert f"{path}:17:9: interviewers[0].quota: numbers have no commas or currency signs: 1200000" in result.output


def test_a_slip_on_a_scaffold_line_keeps_its_comment_out_of_the_advice(write) -> None:
    line = "topics = [pipeline growth, rep ramp time]                 # What you talked about with this person."
    problem = one_slip(write, line)
    assert (problem.column, problem.message) == (11, 'text goes in quotes: ["pipeline growth", "rep ramp time"]')


def test_a_missing_quote_inside_a_multi_line_array(write) -> None:
    problems = problems_of(write(MINIMAL + 'topics2 = [\n  "pipeline,\n  "ramp time",\n]\nasked = yes\n'))
    assert [(p.line, p.column, p.message) for p in problems] == [
        (17, 3, "this text has no closing quote"), (20, 9, "true or false, not yes")]
    assert problems[0].hint == 'write: "pipeline",'
