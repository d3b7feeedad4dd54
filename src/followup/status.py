"""Where each interview's follow-up stands (``followup status``) and marking a step done (``followup done``).

``collect_status`` loads every notes file found and returns one row per file:
the next step not yet done, when it is due and how many days it is overdue. A
file that does not load is a row too, with its first problem as a one-line
error, so one broken file never hides the others. Rows are sorted by what is
due first; interviews with nothing left to do follow; broken files come last.

``mark_done`` edits the notes file in place with tomlkit: only the ``done``
line changes (or a ``done`` line, or a ``[follow_up]`` table, is added), and
every comment, blank line and layout choice of the user's file is kept.
"""

from __future__ import annotations

import datetime
import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from followup.context.formatting import Formatter
from followup.context.schedule import follow_up_steps, next_step, step_action
from followup.errors import NotesError, Problem, UsageError, UserError
from followup.notes.model import FOLLOW_UP_STEPS


@dataclass(frozen=True)
class StatusRow:
    """One interview in the status table (or one notes file that does not load)."""

    company: str
    role: str
    interview_date: datetime.date | None
    next_step: str | None          # thank-you | call | materials | check-in | decision; None when nothing is left
    due: datetime.date | None
    overdue_days: int
    path: Path
    error: str | None = None
    next_step_text: str = ""       # what to do, with whom: "Call Jordan Lee: any questions?"
    locale: str = "en_US"

    def as_dict(self) -> dict[str, Any]:
        """The row for ``--json``: ISO dates, plain strings and numbers."""
        return {
            "company": self.company,
            "role": self.role,
            "interview_date": self.interview_date.isoformat() if self.interview_date else None,
            "next_step": self.next_step,
            "next_step_text": self.next_step_text,
            "due": self.due.isoformat() if self.due else None,
            "overdue_days": self.overdue_days,
            "overdue": self.overdue_days > 0,
            "path": str(self.path),
            "error": self.error,
        }

    def as_row(self) -> tuple[str, str, str, str, str, str]:
        """Company, role, interview, next step, due, overdue: six strings for the table."""
        if self.error is not None:
            return (str(self.path), "", "", f"BROKEN: {self.error}", "", "")
        fmt = Formatter(self.locale)
        interview = fmt.date(self.interview_date, "medium")
        due = fmt.short_weekday_date(self.due) if self.due else ""
        if self.overdue_days > 0:
            overdue = f"! {self.overdue_days} day{'s' if self.overdue_days != 1 else ''}"
        else:
            overdue = ""
        return (self.company, self.role, interview, self.next_step_text or "all done", due, overdue)


def _sort_key(row: StatusRow) -> tuple[int, datetime.date, str, str]:
    """Due first (earliest date first); then interviews with nothing due; broken files last."""
    if row.error is not None:
        return (2, datetime.date.max, str(row.path), "")
    if row.due is None:
        return (1, datetime.date.max, row.company.casefold(), str(row.path))
    return (0, row.due, row.company.casefold(), str(row.path))


def status_of(path: Path, today: datetime.date) -> StatusRow:
    """The row for one notes file; a file that does not load gives a broken row with its first problem."""
    from followup.notes import load_notes

    try:
        notes = load_notes(path).notes
    except NotesError as error:
        first = error.problems[0] if error.problems else Problem("cannot be loaded", file=path)
        return StatusRow(company="", role="", interview_date=None, next_step=None, due=None, overdue_days=0,
                         path=path, error=_one_line(_without_file(first, path)))
    except UserError as error:
        return StatusRow(company="", role="", interview_date=None, next_step=None, due=None, overdue_days=0,
                         path=path, error=_one_line(str(error.problems[0]) if error.problems else str(error)))
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        return StatusRow(company="", role="", interview_date=None, next_step=None, due=None, overdue_days=0,
                         path=path, error=_one_line(f"cannot be read: {reason}"))
    step = next_step(notes)
    company = " ".join(notes.company.name.split())
    role = " ".join(notes.role.title.split())
    row = functools.partial(StatusRow, company=company, role=role, interview_date=notes.interview.date, path=path,
                            locale=notes.style.locale)
    if step is not None:
        overdue = max(0, (today - step.due).days)
        return row(next_step=step.key, due=step.due, overdue_days=overdue,
                   next_step_text=step_action(notes, step))
    decision = next((item for item in follow_up_steps(notes) if item.key == "decision"), None)
    if decision is not None and decision.due >= today:
        # Every step is done; what is left is waiting for their decision (never "overdue": it is theirs).
        return row(next_step="decision", due=decision.due, overdue_days=0,
                   next_step_text=step_action(notes, decision))
    return row(next_step=None, due=None, overdue_days=0, next_step_text="all done")


def collect_status(paths: list[Path], today: datetime.date | None = None) -> list[StatusRow]:
    """One row per notes file found under ``paths``, sorted by what is due first, broken files last.

    ``today`` (default: the system date) decides what is overdue. A path that
    does not exist is a usage error; a notes file that does not load is a row.
    """
    from followup.notes.discovery import find_notes

    today = today or datetime.date.today()
    missing = [path for path in paths if not Path(path).exists()]
    if missing:
        raise UsageError([Problem("no such file or folder", file=Path(path)) for path in missing])
    rows = [status_of(Path(path), today) for path in find_notes([Path(path) for path in paths])]
    return sorted(rows, key=_sort_key)


def _without_file(problem: Problem, path: Path) -> str:
    """The problem as one line, without repeating the file the row already names."""
    text = str(problem)
    prefix = f"{path}:"
    if text.startswith(prefix):
        text = text[len(prefix):].lstrip()
    return text


def _one_line(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------------------------- followup done

STEP_ALIASES: dict[str, str] = {
    "thankyou": "thank-you", "thanks": "thank-you", "thank-yous": "thank-you",
    "checkin": "check-in", "material": "materials",
}


def normalise_step(step: str) -> str:
    """``thank_you``, ``Thank You``, ``checkin`` -> the step's name; a UsageError for anything else."""
    cleaned = "-".join(step.strip().casefold().replace("_", " ").replace("-", " ").split())
    cleaned = STEP_ALIASES.get(cleaned.replace("-", ""), STEP_ALIASES.get(cleaned, cleaned))
    if cleaned not in FOLLOW_UP_STEPS:
        raise UsageError(Problem(f"{step!r} is not a follow-up step; choose from {', '.join(FOLLOW_UP_STEPS)}",
                                 key_path="STEP"))
    return cleaned


def mark_done(path: Path, step: str) -> str:
    """Add ``step`` to ``[follow_up].done`` in the notes file at ``path``, keeping everything else byte for byte.

    Creates the ``done`` key, or the ``[follow_up]`` table, when missing. Marking
    a step that is already done changes nothing. Writes atomically. Returns the
    line the CLI prints.
    """
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    from followup.output.atomic import write_atomic

    key = normalise_step(step)
    path = Path(path)
    if not path.is_file():
        raise UsageError(Problem("no such notes file", file=path))
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise UserError(Problem(f"cannot be read: {error.strerror or error}", file=path)) from None
    bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
    try:
        text = raw[len(bom):].decode("utf-8")
    except UnicodeDecodeError:
        raise UserError(Problem("is not UTF-8 text; save it as UTF-8 and try again", file=path)) from None
    try:
        document = tomlkit.parse(text)
        before = tomllib.loads(text)
    except (TOMLKitError, tomllib.TOMLDecodeError) as error:
        raise UserError(Problem(f"is not valid TOML ({_one_line(str(error))}); fix it, then mark the step done",
                                file=path)) from None

    follow_up = document.get("follow_up")
    if follow_up is None:
        # No [follow_up] at all: append one at the end, after a blank line, in the file's own line endings.
        newline = "\r\n" if "\r\n" in text else "\n"
        ending = "" if not text or text.endswith("\n") else newline
        separator = newline if text.strip() else ""
        new_text = f'{text}{ending}{separator}[follow_up]{newline}done = ["{key}"]{newline}'
    else:
        if not isinstance(follow_up, dict):
            raise UserError(Problem("follow_up must be a table ([follow_up]); cannot mark a step done",
                                    file=path, key_path="follow_up"))
        done = follow_up.get("done")
        if done is not None and not isinstance(done, list):
            raise UserError(Problem('follow_up.done must be a list, like done = ["thank-you"]',
                                    file=path, key_path="follow_up.done"))
        if done is not None and key in done:
            return f"{key} was already marked done in {path}"
        if done is None:
            steps = tomlkit.array()
            steps.append(key)
            _add_done_key(follow_up, steps)
        else:
            done.append(key)
        new_text = tomlkit.dumps(document)
    if "\r\n" in text and text.count("\n") == text.count("\r\n"):
        new_text = re.sub(r"(?<!\r)\n", "\r\n", new_text)  # a CRLF file stays CRLF, added line included
    _check_only_done_changed(before, new_text, key, path)
    write_atomic(path.resolve(), bom + new_text.encode("utf-8"))
    return f"marked {key} done in {path}" + _what_next(path)


def _add_done_key(table: Any, value: Any) -> None:
    """Add ``done`` right after the table's last key, before any comment or blank line that follows it.

    Comments between two tables usually introduce the next one; a new key placed
    after them would read as if it belonged to the wrong place.
    """
    container = getattr(table, "value", None)
    body = getattr(container, "body", None)
    insert_at = getattr(container, "_insert_at", None)
    if body is not None and insert_at is not None:
        last_key = max((index for index, (name, _item) in enumerate(body) if name is not None), default=-1)
        if last_key + 1 < len(body):
            insert_at(last_key + 1, "done", value)
            return
    table["done"] = value


def _check_only_done_changed(before: dict[str, Any], new_text: str, key: str, path: Path) -> None:
    """Refuse to write unless the edited file parses to the same data with ``key`` added to follow_up.done."""
    try:
        after = tomllib.loads(new_text)
    except tomllib.TOMLDecodeError as error:  # pragma: no cover - a tomlkit bug; never write a broken file
        raise UserError(Problem(f"editing would break the file ({error}); mark the step by hand", file=path)) from None
    expected = dict(before)
    follow_up = dict(expected.get("follow_up", {}))
    follow_up["done"] = [*follow_up.get("done", []), key]
    expected["follow_up"] = follow_up
    if after != expected:  # pragma: no cover - a tomlkit bug; never write a file that says something else
        raise UserError(Problem("editing would change more than follow_up.done; mark the step by hand", file=path))


def _what_next(path: Path) -> str:
    """``; next: Send Jordan Lee the materials by Saturday, November 28`` when the notes load."""
    from followup.notes import load_notes

    try:
        notes = load_notes(path).notes
    except (UserError, OSError, ValueError):
        return ""
    step = next_step(notes)
    if step is None:
        return "; every follow-up step is done"
    return f"; next: {step_action(notes, step)} by {Formatter(notes.style.locale).weekday_date(step.due)}"
