"""The errors a user can act on.

A :class:`UserError` is a mistake the user can fix (bad notes, a missing or broken
template, an unwritable output folder). It carries one or more :class:`Problem`
entries, each with a file, a location and a message, and the CLI prints them one
line each without a traceback. Any other exception is a bug: the CLI shows it as
such and keeps its traceback under ``--debug``.
"""

from __future__ import annotations

import signal
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning", "gap"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a look) in one file."""

    message: str
    file: Path | None = None
    line: int | None = None
    column: int | None = None
    key_path: str | None = None
    severity: Severity = "error"
    hint: str | None = None

    def location(self) -> str:
        """``file:line:column`` as far as it is known."""
        parts: list[str] = []
        if self.file is not None:
            parts.append(str(self.file))
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        """One readable line: ``notes.toml:12: interviewers[1].name: message (hint)``."""
        text = ""
        where = self.location()
        if where:
            text += f"{where}: "
        if self.severity != "error":
            text += f"{self.severity}: "
        if self.key_path:
            text += f"{self.key_path}: "
        text += self.message
        if self.hint:
            text += f" ({self.hint})"
        return text.replace("\r", " ").replace("\n", " ")


#: the signals that end followup like Ctrl-C (see :class:`Interrupted`), where the platform has them
TERMINATING_SIGNALS: tuple[int, ...] = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP")
                                             if hasattr(signal, name))


class Interrupted(KeyboardInterrupt):
    """A signal that ends followup the way Ctrl-C does (SIGTERM, SIGHUP): raised in the main thread.

    A ``KeyboardInterrupt``, so every place that stops cleanly on Ctrl-C (a batch
    handing out no more files, atomic writes removing their temporary file, the
    second render process) does the same for it. The process then exits with
    ``128 + signum``, as a shell reports a command ended by that signal.
    """

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_status(self) -> int:
        return 128 + self.signum

    @property
    def signal_name(self) -> str:
        try:
            return signal.Signals(self.signum).name
        except ValueError:
            return f"signal {self.signum}"


class UserError(Exception):
    """A mistake the user can fix; printed without a traceback."""

    def __init__(self, problems: Problem | str | list[Problem], *, file: Path | None = None) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems, file=file)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


class UsageError(UserError):
    """The command itself is wrong (no such path, an unknown document name): exit status 2."""


class NotesError(UserError):
    """The notes (or profile) file cannot be loaded or does not validate."""

    def __init__(self, problems: Problem | str | list[Problem], *, file: Path | None = None,
                 warnings: list[Problem] | None = None) -> None:
        super().__init__(problems, file=file)
        self.warnings: list[Problem] = list(warnings or [])


class TemplateError(UserError):
    """A template is missing, has a syntax error, uses an undefined variable or is refused by the sandbox."""


class OutputError(UserError):
    """The output folder cannot be written (read-only, full, or a name that would leave it)."""


@dataclass
class Warnings:
    """Warnings collected along the way (unknown keys, a card that overflows)."""

    items: list[Problem] = field(default_factory=list)

    def add(self, problem: Problem) -> None:
        self.items.append(problem)
