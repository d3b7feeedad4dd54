"""errors.py: a Problem prints as one line; user errors carry problems; Interrupted carries its signal."""

from __future__ import annotations

import signal
from pathlib import Path

from followup.errors import Interrupted, NotesError, Problem, UserError


def test_a_problem_is_one_readable_line() -> None:
    problem = Problem("must not be empty", file=Path("notes.toml"), line=12, column=3,
                      key_path="interviewers[1].name", hint="write their name\nhere")
    assert str(problem) == "notes.toml:12:3: interviewers[1].name: must not be empty (write their name here)"
    assert str(Problem("odd", severity="warning")) == "warning: odd"


def test_a_user_error_carries_its_problems() -> None:
    error = NotesError([Problem("a"), Problem("b")])
    assert isinstance(error, UserError)
    assert [problem.message for problem in error.problems] == ["a", "b"]


def test_interrupted_is_a_keyboard_interrupt_with_the_shells_status() -> None:
    error = Interrupted(signal.SIGTERM)
    assert isinstance(error, KeyboardInterrupt)
    assert error.exit_status == 143 and error.signal_name == "SIGTERM"
    assert Interrupted(signal.SIGHUP).exit_status == 129
