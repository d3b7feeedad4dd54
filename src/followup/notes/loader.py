"""Read a notes file and validate it into :class:`~followup.notes.model.Notes`.

The steps, each reporting problems a user can act on (see docs/notes-decisions.md):

1. bytes: not over 1 MiB, not empty, not binary, UTF-8 (a BOM is allowed);
2. TOML: every syntax error found, with line and column, the common slips in words
   (:mod:`followup.notes.syntax`);
3. positions: where each key stands (:mod:`followup.notes.positions`);
4. profiles: ``profile.toml`` beside the notes, in parent folders and in the
   user config folder, merged key by key under the notes (:mod:`followup.notes.profile`);
5. unknown keys: a warning each, with the closest known key, then dropped
   (:mod:`followup.notes.suggestions`);
6. validation: every pydantic error at once, as one :class:`Problem` each, with
   the dotted key path, the line, and a plain-English message
   (:mod:`followup.notes.messages`).

Any problem in steps 1, 2 or 6 raises :class:`NotesError` (its ``warnings``
carry the warnings found so far); warnings alone never stop loading.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from followup.errors import NotesError, Problem
from followup.notes.messages import describe_input, message_for
from followup.notes.model import SCHEMA_VERSION, Notes
from followup.notes.positions import join, key_positions, line_of
from followup.notes.profile import find_profiles, merge_profiles, read_profile
from followup.notes.suggestions import remove_unknown_keys
from followup.notes.syntax import syntax_problems

MAX_BYTES = 1024 * 1024


@dataclass
class LoadedNotes:
    """Validated notes with where they came from and what was worth a warning."""

    path: Path
    notes: Notes
    warnings: list[Problem] = field(default_factory=list)
    sources: list[Path] = field(default_factory=list)
    #: key path -> line in the notes file (``interviewers[1].name`` -> 44)
    positions: dict[str, int] = field(default_factory=dict)
    #: the profile files used, nearest first (also in ``sources``)
    profiles: list[Path] = field(default_factory=list)

    def line_of(self, key_path: str) -> int | None:
        """The line of ``key_path`` in the notes file, else of its nearest parent."""
        return line_of(self.positions, key_path)

    def locate(self, key_path: str) -> tuple[Path, int | None]:
        """Where ``key_path`` is written: the notes file, else the nearest profile holding it, else the notes
        file at its nearest parent's line."""
        if key_path in self.positions:
            return self.path, self.positions[key_path]
        for profile in self.profiles:
            try:
                positions = read_toml(profile)[1]
            except NotesError:
                continue
            if key_path in positions:
                return profile, positions[key_path]
        return self.path, self.line_of(key_path)


def read_text(path: Path) -> str:
    """The text of a notes or profile file, after the byte-level checks."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise NotesError(Problem("no such file", file=path)) from None
    except IsADirectoryError:
        raise NotesError(Problem("is a folder, not a notes file", file=path)) from None
    except OSError as error:
        raise NotesError(Problem(f"cannot be read: {error.strerror or error}", file=path)) from None
    if len(raw) > MAX_BYTES:
        size = path.stat().st_size / (1024 * 1024)
        raise NotesError(Problem(
            f"is too large ({size:.1f} MiB); a notes file may be at most 1 MiB", file=path))
    if b"\x00" in raw:
        raise NotesError(Problem("is a binary file, not TOML text", file=path,
                                 line=raw[: raw.index(b"\x00")].count(b"\n") + 1))
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise NotesError(Problem(
            f"is not UTF-8 text: byte 0x{raw[error.start]:02X} at offset {error.start} cannot be read",
            file=path, line=line, column=column, hint="save the file as UTF-8",
        )) from None
    if not text.strip():
        raise NotesError(Problem("is empty", file=path,
                                 hint=f"start from a commented template with: followup new {path.stem!r}"))
    return text


def parse_toml(text: str, path: Path) -> dict[str, Any]:
    """Parse TOML text; syntax errors become Problems with line and column, every one found.

    The common slips (``1,200,000``, ``yes``, unquoted text, ``11/27/2026``, a date that does not
    exist, a missing closing quote) say what to write instead (:mod:`followup.notes.syntax`).
    """
    try:
        return tomllib.loads(text)
    except RecursionError:
        raise NotesError(Problem("TOML nested too deeply to read (arrays or tables inside each other "
                                 "hundreds of levels deep)", file=path)) from None
    except tomllib.TOMLDecodeError:
        pass
    problems = syntax_problems(text, path)
    raise NotesError(problems or [Problem("TOML syntax error", file=path)])


def read_toml(path: Path) -> tuple[dict[str, Any], dict[str, int]]:
    """Read, check and parse a TOML file: (data, key path -> line)."""
    text = read_text(path)
    data = parse_toml(text, path)
    return data, key_positions(text)


def format_loc(loc: tuple[Any, ...]) -> str:
    """pydantic's ``('interviewers', 1, 'name')`` as ``interviewers[1].name``."""
    path = ""
    for part in loc:
        path = join(path, part) if isinstance(part, (int, str)) else path
    return path


def _schema_version_problem(data: dict[str, Any], path: Path, positions: dict[str, int]) -> Problem | None:
    if "schema_version" not in data:
        return None
    version = data["schema_version"]
    if isinstance(version, int) and not isinstance(version, bool) and version == SCHEMA_VERSION:
        return None
    return Problem(
        f"notes format version {describe_input(version)} is not known; this followup reads version {SCHEMA_VERSION}",
        file=path, line=line_of(positions, "schema_version"), key_path="schema_version",
        hint=f"write schema_version = {SCHEMA_VERSION}, or update followup",
    )


def cross_reference_problems(notes: Notes, path: Path, notes_line: Any) -> list[Problem]:
    """Keys that must name something else in the same notes: ``close.objections[].raised_by`` an interviewer."""
    problems: list[Problem] = []
    known = ", ".join(person.name for person in notes.interviewers)
    for index, objection in enumerate(notes.close.objections):
        if objection.raised_by is not None and notes.interviewer_named(objection.raised_by) is None:
            key_path = f"close.objections[{index}].raised_by"
            problems.append(Problem(
                f"{objection.raised_by!r} is not one of the interviewers ({known})", file=path,
                line=notes_line(key_path), key_path=key_path,
                hint="write the full or first name of the interviewer who raised it, or leave raised_by out"))
    return problems


def load_notes(path: Path) -> LoadedNotes:
    """Load and validate one notes file with its profiles; raise :class:`NotesError` listing every problem."""
    path = Path(path)
    data, positions = read_toml(path)

    version_problem = _schema_version_problem(data, path, positions)
    if version_problem is not None:
        raise NotesError(version_problem)

    def notes_line(key_path: str) -> int | None:
        return line_of(positions, key_path)

    warnings = remove_unknown_keys(data, Notes, file=path, line_of=notes_line)

    profiles = [read_profile(profile_path) for profile_path in find_profiles(path)]
    for profile in profiles:
        warnings += profile.warnings
    merged = merge_profiles(data, profiles)

    try:
        notes = Notes.model_validate(merged.data)
    except ValidationError as error:
        problems: list[Problem] = []
        for item in error.errors():
            key_path = format_loc(tuple(item["loc"]))
            file, line = path, notes_line(key_path)
            if key_path in merged.origins:
                file, line = merged.origins[key_path]
            hint = None
            if item["type"] == "missing" and key_path in ("candidate", "candidate.name"):
                hint = "add it to [candidate] here or in a profile.toml beside the notes"
            problems.append(Problem(message_for(dict(item)), file=file, line=line, key_path=key_path or None,
                                    hint=hint))
        problems.sort(key=lambda problem: (problem.file != path, problem.line or 0))
        raise NotesError(problems, warnings=warnings) from None

    cross = cross_reference_problems(notes, path, notes_line)
    if cross:
        raise NotesError(cross, warnings=warnings)

    sources = [path] + [profile.path for profile in profiles]
    return LoadedNotes(path=path, notes=notes, warnings=warnings, sources=sources,
                       positions=positions, profiles=[profile.path for profile in profiles])
