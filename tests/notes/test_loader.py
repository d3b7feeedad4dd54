"""Every bad input of notes-format.md's "What a bad file gets" gives one clear Problem each."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from notes_texts import MINIMAL

from followup.errors import NotesError, Problem
from followup.notes import load_notes


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(NotesError) as caught:
        load_notes(path)
    return caught.value.problems


def only_problem(path: Path) -> Problem:
    problems = problems_of(path)
    assert len(problems) == 1, [str(p) for p in problems]
    assert problems[0].file == path
    assert "\n" not in str(problems[0])
    return problems[0]


def test_minimal_notes_load(write) -> None:
    loaded = load_notes(write(MINIMAL))
    assert loaded.notes.candidate.name == "Dana Whitfield"
    assert loaded.notes.interview.date == datetime.date(2026, 11, 20)
    assert loaded.warnings == []
    assert loaded.sources == [loaded.path]
    assert loaded.line_of("interviewers[0].name") == 14


def test_syntax_error_gives_line_and_column(write) -> None:
    path = write(MINIMAL + 'extra = "x" y\n')
    problem = only_problem(path)
    assert (problem.line, problem.column) == (16, 13)
    assert problem.message.startswith("TOML syntax error: ")
    assert "(at line" not in problem.message
    assert str(problem).startswith(f"{path}:16:13: TOML syntax error")


def test_wrong_type_names_key_path_and_line(write) -> None:
    path = write(MINIMAL.replace('topics = ["pipeline"]', 'topics = "pipeline"'))
    problem = only_problem(path)
    assert problem.key_path == "interviewers[0].topics"
    assert problem.line == 15
    assert problem.message.startswith("must be a list")


def test_missing_required_key_points_at_its_table_header(write) -> None:
    path = write(MINIMAL + '\n[[interviewers]]\ntitle = "VP of Sales"\n')
    problem = only_problem(path)
    assert problem.key_path == "interviewers[1].name"
    assert problem.line == 17  # the [[interviewers]] header of the second interviewer
    assert problem.message == "is required but missing"
    assert str(problem) == f"{path}:17: interviewers[1].name: is required but missing"


def test_missing_top_level_table(write) -> None:
    path = write(MINIMAL.replace('[role]\ntitle = "Regional Sales Manager"\n', ""))
    problem = only_problem(path)
    assert problem.key_path == "role"
    assert problem.message == "is required but missing"


def test_all_errors_are_collected_in_one_pass(write) -> None:
    text = MINIMAL.replace("date = 2026-11-20", 'date = "next Tuesday"').replace(
        'topics = ["pipeline"]', 'topics = ["pipeline"]\ndecision_role = "boss"')
    text += '\n[close]\nanswer = "perhaps"\n'
    problems = problems_of(write(text))
    assert [p.key_path for p in problems] == ["interview.date", "interviewers[0].decision_role", "close.answer"]
    assert [p.line for p in problems] == [11, 16, 19]


def test_unknown_key_is_a_warning_with_a_suggestion_and_still_loads(write) -> None:
    path = write(MINIMAL + '\n[discovery]\nsucess_criteria = ["Full quota by month 6"]\n')
    loaded = load_notes(path)
    assert len(loaded.warnings) == 1
    warning = loaded.warnings[0]
    assert warning.severity == "warning"
    assert warning.key_path == "discovery.sucess_criteria"
    assert warning.line == 18
    assert warning.hint == "did you mean success_criteria?"
    assert "sucess_criteria" in str(warning) and "did you mean success_criteria?" in str(warning)
    assert loaded.notes.discovery.success_criteria == []  # dropped, not guessed


def test_unknown_key_in_the_wrong_table_suggests_where_it_belongs(write) -> None:
    loaded = load_notes(write(MINIMAL + '\n[follow_up]\nsuccess_criteria = ["x"]\n'))
    assert loaded.warnings[0].hint == "did you mean discovery.success_criteria?"


def test_unknown_key_inside_an_array_of_tables(write) -> None:
    loaded = load_notes(write(MINIMAL + 'nmae = "typo"\n'))
    assert [(w.key_path, w.line, w.hint) for w in loaded.warnings] == [
        ("interviewers[0].nmae", 16, "did you mean name?")]


def test_private_takes_any_keys_and_never_appears_in_warnings(write) -> None:
    secret = "PRIVATE-SECRET 185k"
    text = MINIMAL + f'\n[private]\nwhatever_i_like = "{secret}"\nnested = {{ a = 1 }}\n[discovery]\npainz = ["x"]\n'
    loaded = load_notes(write(text))
    assert loaded.notes.private["whatever_i_like"] == secret
    assert [w.key_path for w in loaded.warnings] == ["discovery.painz"]
    assert all(secret not in str(w) for w in loaded.warnings)


def test_ramp_not_summing_to_one(write) -> None:
    path = write(MINIMAL + '\n[territory]\nname = "New England"\nramp = [0.5, 0.2]\n')
    problem = only_problem(path)
    assert problem.key_path == "territory.ramp"
    assert problem.line == 19
    assert "must sum to 1" in problem.message and "0.7" in problem.message


def test_answer_perhaps_lists_what_is_allowed(write) -> None:
    path = write(MINIMAL + '\n[close]\nasked = true\nanswer = "perhaps"\n')
    problem = only_problem(path)
    assert problem.key_path == "close.answer"
    assert problem.line == 19
    assert problem.message == "must be one of: yes, no, maybe, deferred (got 'perhaps')"


@pytest.mark.parametrize("value, expected", [
    ('"next Tuesday"', "is not a date; write it as YYYY-MM-DD"),
    ('"2026-02-30"', "is not a real calendar date"),
    ("2026-11-20T10:00:00", "a date without a time is expected"),
    ("20261120", "a date is expected"),
])
def test_bad_date(write, value: str, expected: str) -> None:
    path = write(MINIMAL.replace("date = 2026-11-20", f"date = {value}"))
    problem = only_problem(path)
    assert problem.key_path == "interview.date"
    assert problem.line == 11
    assert expected in problem.message


def test_date_as_string_is_accepted(write) -> None:
    loaded = load_notes(write(MINIMAL.replace("date = 2026-11-20", 'date = "2026-11-20"')))
    assert loaded.notes.interview.date == datetime.date(2026, 11, 20)


def test_non_utf8_says_where(write) -> None:
    path = write(MINIMAL.encode("utf-8") + b'\n[company]\nname = "Caf\xe9"\n', "latin1.toml")
    problem = only_problem(path)
    assert "not UTF-8" in problem.message and "0xE9" in problem.message
    assert problem.line == 18 and problem.column == 12
    assert problem.hint == "save the file as UTF-8"


def test_utf8_bom_is_accepted(write) -> None:
    loaded = load_notes(write(b"\xef\xbb\xbf" + MINIMAL.encode("utf-8")))
    assert loaded.notes.company.name == "Acme Robotics"


@pytest.mark.parametrize("content", [b"", b"   \n\t\n  \r\n"])
def test_empty_file(write, content: bytes) -> None:
    problem = only_problem(write(content))
    assert problem.message == "is empty"
    assert "followup new" in (problem.hint or "")


def test_binary_file(write) -> None:
    problem = only_problem(write(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "picture.toml"))
    assert problem.message == "is a binary file, not TOML text"


def test_file_over_one_mib(write) -> None:
    big = MINIMAL + "# " + "x" * (1024 * 1024) + "\n"
    problem = only_problem(write(big))
    assert "too large" in problem.message and "1 MiB" in problem.message


def test_missing_file() -> None:
    path = Path("/nonexistent/notes.toml")
    assert only_problem(path).message == "no such file"


def test_unknown_schema_version_is_an_error(write) -> None:
    problem = only_problem(write("schema_version = 2\n" + MINIMAL))
    assert problem.key_path == "schema_version" and problem.line == 1
    assert "version 2 is not known" in problem.message


def test_schema_version_one_is_accepted(write) -> None:
    assert load_notes(write("schema_version = 1\n" + MINIMAL)).notes.schema_version == 1


def test_text_comes_through_exactly(write) -> None:
    tricky = 'R&D <Lab> "quoted" José 🎉 שלום'
    text = MINIMAL.replace('name = "Acme Robotics"', "name = '''" + tricky + "'''")
    assert load_notes(write(text)).notes.company.name == tricky


def test_warnings_travel_with_a_notes_error(write) -> None:
    with pytest.raises(NotesError) as caught:
        load_notes(write(MINIMAL + 'nmae = "x"\ntitle = 3\n'))
    assert [p.key_path for p in caught.value.problems] == ["interviewers[0].title"]
    assert [w.key_path for w in caught.value.warnings] == ["interviewers[0].nmae"]
