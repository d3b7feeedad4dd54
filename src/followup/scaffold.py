"""``followup new``: write a commented notes file to fill in right after the interview.

The file covers every table of the notes format. Required keys carry
placeholders (so the file loads as written, and ``followup check`` points at
the placeholders still left); optional keys are commented out with an example
value and the model's description; the questions a candidate should ask in the
interview sit above each table as comments.

The first line, ``#:schema ./notes-v1.schema.json``, is the Taplo / Even Better
TOML hint that gives completion and validation in editors; the schema file is
written beside the notes file when it is not already there (never overwritten).
If a profile.toml that applies to the folder already holds ``[candidate]`` or
``[style]``, those tables are written commented out so they do not hide it.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from followup.errors import Problem, UserError
from followup.notes import model as m
from followup.schema import SCHEMA_FILE_NAME, schema_text

if TYPE_CHECKING:
    from followup.invite import Invitation
    from followup.notes.loader import LoadedNotes

YOUR_NAME = "Your Name"
COMPANY_NAME = "Company Name"
JOB_TITLE = "Job Title"
INTERVIEWER_NAME = "Interviewer Name"

#: The values ``followup new`` writes into required keys, and what to write instead. A value still
#: equal to one of them is an error at ``render`` and ``check`` (see :func:`placeholder_problems`).
PLACEHOLDERS: dict[str, str] = {
    YOUR_NAME: "your own name",
    COMPANY_NAME: "the company's name",
    JOB_TITLE: "the role's title",
    INTERVIEWER_NAME: "the interviewer's name",
}


@dataclass
class _Key:
    name: str
    example: str  # TOML text of the value
    active: bool = False  # written uncommented


@dataclass
class _Table:
    header: str  # "[company]" or "[[interviewers]]"
    model: type[BaseModel]
    keys: list[_Key]
    questions: list[str] = field(default_factory=list)
    intro: str | None = None
    active: bool = True  # the header is written uncommented


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _tables(company: str, today: datetime.date, candidate_active: bool, style_active: bool) -> list[_Table]:
    return [
        _Table("[candidate]", m.Candidate, [
            _Key("name", _q(YOUR_NAME), active=candidate_active),
            _Key("email", _q("you@example.com")),
            _Key("phone", _q("+1 617 555 0142")),
            _Key("linkedin", _q("https://www.linkedin.com/in/you")),
            _Key("city", _q("Boston, MA")),
            _Key("mailing_address", _q("12 Elm Street\nSomerville, MA 02143")),
            _Key("signature", _q("Dana")),
        ], intro="Tip: keep [candidate] and [style] in a profile.toml beside your notes (or in a parent folder).",
            active=candidate_active),
        _Table("[company]", m.Company, [
            _Key("name", _q(company), active=True),
            _Key("industry", _q("Industrial automation")),
            _Key("website", _q("https://example.com")),
            _Key("mailing_address", _q("400 Main Street\nWaltham, MA 02451")),
        ]),
        _Table("[role]", m.Role, [
            _Key("title", _q(JOB_TITLE), active=True),
            _Key("team", _q("Mid-market sales")),
            _Key("reports_to", _q(INTERVIEWER_NAME)),
            _Key("posting_url", _q("https://example.com/careers/123")),
        ]),
        _Table("[interview]", m.Interview, [
            _Key("date", today.isoformat(), active=True),
            _Key("stage", _q("Second round")),
            _Key("format", _q("onsite")),
            _Key("location", _q("Their office")),
        ]),
        _Table("[[interviewers]]", m.Interviewer, [
            _Key("name", _q(INTERVIEWER_NAME), active=True),
            _Key("title", _q("VP of Sales")),
            _Key("email", _q("name@example.com")),
            _Key("phone", _q("+1 781 555 0100")),
            _Key("decision_role", _q("decision-maker")),
            _Key("topics", "[]", active=True),
            _Key("personal_note", _q("Good luck at the marathon in April")),
            _Key("mailing_address", _q("400 Main Street\nWaltham, MA 02451")),
        ], intro="One [[interviewers]] table per person you met; copy the block for each.", questions=[
            "What made you decide to join the company, and what keeps you here?",
            "What is the biggest challenge your team faces this year?",
        ]),
        _Table("[discovery]", m.Discovery, [
            _Key("priorities", "[]", active=True),
            _Key("requirements", "[]", active=True),
            _Key("success_criteria", "[]", active=True),
            _Key("pains", "[]", active=True),
            _Key("decision_process", _q("Panel debrief Friday; the VP decides")),
            _Key("decision_date", (today + datetime.timedelta(days=14)).isoformat()),
            _Key("next_steps", _q("Final round with the CRO")),
        ], questions=[
            "What are the company's top priorities for the next year?",
            "What would the person in this role need to accomplish in the first 90 days to be a success?",
            "How will you measure success in this role after six months? After a year?",
            "What skills and experience must the next hire bring?",
            "What is not working today that made you open this role?",
            "What does it cost the team when that problem goes unsolved?",
            "How will you decide, who is involved, and by when?",
            "What are the next steps after today?",
        ]),
        _Table("[[match]]", m.Match, [
            _Key("criterion", _q("5+ years closing SaaS deals")),
            _Key("evidence", _q("Seven years closing mid-market SaaS; 132% of quota in FY25")),
            _Key("proof", _q("President's Club 2024")),
        ], intro="Why you: one [[match]] per requirement or success criterion you meet. Uncomment and copy.",
            active=False),
        _Table("[close]", m.Close, [
            _Key("asked", "false", active=True),
            _Key("answer", _q("maybe")),
        ], questions=[
            "If you had to decide today, would you hire me?",
            "What concerns do you have about my background that I can address now?",
        ]),
        _Table("[[close.objections]]", m.Objection, [
            _Key("concern", _q("No robotics background")),
            _Key("response", _q("I sold to the same plant managers for four years")),
            _Key("raised_by", _q(INTERVIEWER_NAME)),
        ], intro="One [[close.objections]] per concern raised. Uncomment and copy.", active=False),
        _Table("[territory]", m.Territory, [
            _Key("name", _q("New England")),
            _Key("period", _q("FY2027")),
            _Key("currency", _q("USD")),
            _Key("quota", "1200000"),
            _Key("ramp", "[0.15, 0.25, 0.30, 0.30]"),
            _Key("regions", '["Massachusetts", "New Hampshire"]'),
            _Key("kpis", '["3x pipeline coverage by end of Q1"]'),
        ], intro="Uncomment [territory] and the tables below it to have a territory plan made.", questions=[
            "What is the quota for this territory, and how does it ramp?",
            "Which segments and named accounts matter most?",
            "Which numbers do you watch every week?",
        ], active=False),
        _Table("[[territory.segments]]", m.Segment, [
            _Key("name", _q("Mid-market manufacturers")),
            _Key("accounts", "140"),
            _Key("share", "0.6"),
            _Key("strategy", _q("Roundtables with the regional trade association")),
        ], active=False),
        _Table("[[territory.accounts]]", m.Account, [
            _Key("name", _q("Granite State Plastics")),
            _Key("segment", _q("Mid-market manufacturers")),
            _Key("tier", _q("A")),
            _Key("potential", "180000"),
            _Key("status", _q("Customer; renewal in Q2")),
            _Key("next_step", _q("Executive business review in January")),
        ], active=False),
        _Table("[[territory.plan]]", m.PlanPhase, [
            _Key("phase", _q("First 30 days")),
            _Key("goals", '["Meet the top 20 accounts"]'),
        ], active=False),
        _Table("[[ideas]]", m.Idea, [
            _Key("title", _q("Log calls to the CRM automatically")),
            _Key("problem", _q("Reps lose 30% of their week to CRM admin")),
            _Key("idea", _q("Switch on the dialer's CRM sync")),
            _Key("impact", _q("high")),
            _Key("effort", _q("low")),
            _Key("first_step", _q("Pilot with two reps for 30 days")),
        ], intro="Creative ideas for their process, one [[ideas]] each. Uncomment and copy.", active=False),
        _Table("[follow_up]", m.FollowUp, [
            _Key("thank_you_by", (today + datetime.timedelta(days=1)).isoformat()),
            _Key("call_on", (today + datetime.timedelta(days=3)).isoformat()),
            _Key("materials_by", (today + datetime.timedelta(days=7)).isoformat()),
            _Key("check_in_on", (today + datetime.timedelta(days=10)).isoformat()),
            _Key("promised", _q("A sample territory plan by Tuesday")),
            _Key("promised_by", (today + datetime.timedelta(days=5)).isoformat()),
            _Key("done", "[]", active=True),
        ], intro="Every date has a default; set one only to change it."),
        _Table("[private]", m.Notes, [
            _Key("salary_floor", _q("185k base")),
            _Key("impressions", _q("Candid notes only for you")),
        ], intro="Anything only for you, with any keys. Never sent; shown only on your prep sheet "
                 "with render --include-private."),
        _Table("[style]", m.Style, [
            _Key("tone", _q("warm")),
            _Key("sign_off", _q("With thanks")),
            _Key("paper", _q("letter")),
            _Key("accent_color", _q("#1f4e79")),
            _Key("locale", _q("en_US")),
            _Key("country", _q("US")),
            _Key("templates", _q("my-templates")),
        ], active=style_active),
    ]


def _set(table: _Table, name: str, value: str) -> None:
    """Write ``name = value`` (TOML text) in ``table``, uncommented."""
    for key in table.keys:
        if key.name == name:
            key.example, key.active = value, True
            return
    raise KeyError(name)  # pragma: no cover - a key the scaffold does not write


def _fill(tables: list[_Table], invite: Invitation, source: str) -> list[_Table]:
    """The scaffold with what the invitation says written in: role, date, stage, format, location, one
    ``[[interviewers]]`` per person (the questions above the first only)."""
    filled: list[_Table] = []
    for table in tables:
        if table.header == "[role]" and invite.role:
            _set(table, "title", _q(invite.role))
        elif table.header == "[interview]":
            zone = f", {invite.timezone}" if invite.timezone else ""
            table.intro = f"From the invitation {invite.summary!r} ({source}{zone})." if invite.summary else \
                f"From the invitation {source}{zone}."
            _set(table, "date", invite.date.isoformat())
            for name, value in (("stage", invite.stage), ("format", invite.format), ("location", invite.location)):
                if value:
                    _set(table, name, _q(value))
        elif table.header == "[[interviewers]]" and invite.people:
            for index, person in enumerate(invite.people):
                copy = _Table(table.header, table.model,
                              [_Key(key.name, key.example, key.active) for key in table.keys],
                              questions=table.questions if index == 0 else [],
                              intro=table.intro if index == 0 else None)
                _set(copy, "name", _q(person.name or INTERVIEWER_NAME))
                for name, value in (("email", person.email), ("title", person.title),
                                    ("decision_role", person.decision_role)):
                    if value:
                        _set(copy, name, _q(value))
                filled.append(copy)
            continue
        filled.append(table)
    return filled


def _comment_block(text: str) -> list[str]:
    return [f"# {line}" if line else "#" for line in text.splitlines()]


def _render(tables: list[_Table], schema_ref: str) -> str:
    lines = [
        f"#:schema {schema_ref}",
        "# Interview notes for followup (format version 1). Fill in what you can,",
        "# right after the interview; uncomment a line (remove the '# ') to use it.",
        "# Check it with: followup check <this file>   Render with: followup render <this file>",
        "",
        "schema_version = 1",
    ]
    for table in tables:
        lines.append("")
        doc = (table.model.__doc__ or "").strip().splitlines()[0] if table.model is not m.Notes else ""
        if doc:
            lines += _comment_block(doc)
        if table.intro:
            lines += _comment_block(table.intro)
        if table.questions:
            lines.append("# Questions to ask:")
            lines += [f"#   - {question}" for question in table.questions]
        lines.append(table.header if table.active else f"# {table.header}")
        for key in table.keys:
            info = table.model.model_fields.get(key.name)
            description = info.description if info is not None and info.description else ""
            required = info is not None and info.is_required() and table.model is not m.Notes
            line = f"{key.name} = {key.example}"
            if not (key.active and table.active):
                line = f"# {line}"
            comment = ("required. " if required else "") + description
            lines.append(f"{line:<60} # {comment}" if comment else line)
    return "\n".join(lines) + "\n"


def _profile_values(directory: Path, table: str, key: str) -> list[Any]:
    """``[table] key`` of every profile that applies to ``directory``, nearest first."""
    from followup.notes.loader import read_toml
    from followup.notes.profile import find_profiles

    found: list[Any] = []
    for profile in find_profiles(directory / "notes.toml"):
        try:
            data, _ = read_toml(profile)
        except UserError:
            continue
        value = data.get(table)
        if isinstance(value, dict) and value.get(key):
            found.append(value[key])
    return found


def _profile_has(directory: Path, table: str, key: str | None = None) -> bool:
    from followup.notes.loader import read_toml
    from followup.notes.profile import find_profiles

    for profile in find_profiles(directory / "notes.toml"):
        try:
            data, _ = read_toml(profile)
        except UserError:
            continue
        value = data.get(table)
        if isinstance(value, dict) and (key is None or value.get(key)):
            return True
    return False


def _read_invite(name: str, directory: Path, invite: Path) -> Invitation:
    """The invitation, read without the candidate's own address or name (from the profile)."""
    from followup.invite import read_invite

    emails = {str(value) for value in _profile_values(directory, "candidate", "email")}
    names = [str(value) for value in _profile_values(directory, "candidate", "name")]
    return read_invite(invite, company=name, candidate_emails=emails, candidate_name=names[0] if names else None)


def scaffold_text(name: str, *, today: datetime.date | None = None, candidate_in_profile: bool = False,
                  style_in_profile: bool = False, schema_ref: str = f"./{SCHEMA_FILE_NAME}",
                  invite: Invitation | None = None, invite_source: str = "") -> str:
    """The text of a new notes file for the company ``name``, with what ``invite`` says filled in."""
    day = invite.date if invite is not None else today or datetime.date.today()
    tables = _tables(name.strip() or COMPANY_NAME, day,
                     candidate_active=not candidate_in_profile, style_active=not style_in_profile)
    if invite is not None:
        tables = _fill(tables, invite, invite_source)
    return _render(tables, schema_ref)


def write_scaffold(name: str, directory: Path, *, invite: Path | None = None) -> Path:
    """Write ``<slug-of-name>.toml`` in ``directory`` and return its path; never overwrites.

    With ``invite`` (an ``.ics`` or an ``.eml`` carrying one), what the invitation
    says is filled in (see :mod:`followup.invite`). Also writes
    ``notes-v1.schema.json`` beside it when missing (for the ``#:schema`` editor
    hint). Raises :class:`UserError` if the notes file exists or the invitation
    cannot be read.
    """
    from slugify import slugify

    directory = Path(directory)
    invitation = _read_invite(name, directory, Path(invite)) if invite is not None else None
    slug = slugify(name, max_length=80) or "notes"
    path = directory / f"{slug}.toml"
    if path.exists():
        raise UserError(Problem("already exists; followup new never overwrites a file", file=path,
                                hint="pick another name or --dir, or edit the file you have"))
    try:
        directory.mkdir(parents=True, exist_ok=True)
        text = scaffold_text(name, candidate_in_profile=_profile_has(directory, "candidate", "name"),
                             style_in_profile=_profile_has(directory, "style"), invite=invitation,
                             invite_source=Path(invite).name if invite is not None else "")
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        raise UserError(Problem("already exists; followup new never overwrites a file", file=path)) from None
    except OSError as error:
        raise UserError(Problem(f"cannot be written: {error.strerror or error}", file=path)) from None
    schema_path = directory / SCHEMA_FILE_NAME
    if not schema_path.exists():
        try:
            with schema_path.open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(schema_text())
        except OSError:
            pass  # only an editor convenience
    return path


def _strings(value: Any, key_path: str) -> Iterator[tuple[str, str]]:
    """(key path, text) for every string in a dumped model, ``interviewers[0].name`` style."""
    from followup.notes.positions import join

    if isinstance(value, str):
        yield key_path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, join(key_path, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, join(key_path, index))


def placeholder_problems(loaded: LoadedNotes) -> list[Problem]:
    """One error per value still equal to a scaffold placeholder, where it stands (notes or profile).

    ``[private]`` is left alone: it is never rendered.
    """
    data = loaded.notes.model_dump(mode="python", exclude={"private"})
    problems: list[Problem] = []
    for key_path, value in _strings(data, ""):
        wanted = PLACEHOLDERS.get(value.strip())
        if wanted is None:
            continue
        file, line = loaded.locate(key_path)
        problems.append(Problem(f"replace the placeholder {value.strip()!r} with {wanted}", file=file, line=line,
                                key_path=key_path))
    return problems
