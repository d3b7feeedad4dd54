"""The library side of ``followup check``: load notes and list errors, warnings and coaching gaps.

Nothing here prints. :func:`check_notes` returns one :class:`CheckResult` per
file. Coaching gaps (``severity="gap"``) are things a notes file can do without
but a strong follow-up should not: a requirement with no evidence, no success
criteria, a promise with no date. Rules may also yield warnings (the materials
scheduled after the day promised, the debrief or the decision date). Each gap rule is a small function in
:data:`GAP_RULES` taking a :class:`GapContext` and yielding Problems; add a rule
by writing a function and appending it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from followup.errors import NotesError, Problem
from followup.notes.discovery import find_notes
from followup.notes.loader import LoadedNotes, load_notes
from followup.notes.model import Notes
from followup.notes.positions import line_of


@dataclass
class CheckResult:
    """What ``followup check`` found in one notes file."""

    path: Path
    notes: Notes | None
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    gaps: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class GapContext:
    """What a gap rule sees: the notes, their file, and where keys stand in it."""

    notes: Notes
    path: Path
    positions: dict[str, int] = field(default_factory=dict)

    def gap(self, message: str, key_path: str | None = None, hint: str | None = None) -> Problem:
        line = line_of(self.positions, key_path) if key_path else None
        return Problem(message, file=self.path, line=line, key_path=key_path, severity="gap", hint=hint)


GapRule = Callable[[GapContext], Iterable[Problem]]


def _unmatched_criteria(ctx: GapContext) -> Iterator[Problem]:
    """The criteria the email leaves out and the prep sheet probes (documents/coverage.py: one definition)."""
    from followup.documents.coverage import gaps_to_probe

    for gap in gaps_to_probe(ctx.notes):
        if gap.kind == "criterion":
            yield ctx.gap(f"no [[match]] covers {gap.text!r}", f"discovery.{gap.key}[{gap.index}]",
                          hint=f"add a [[match]] for {gap.text!r} with your evidence")


def _no_success_criteria(ctx: GapContext) -> Iterator[Problem]:
    """The same open question the prep sheet lists (documents/prep_sheet.py ``open_questions``)."""
    from followup.documents.prep_sheet import open_questions

    if "success_criteria" in open_questions(ctx.notes):
        yield ctx.gap("no success criteria captured", "discovery",
                      hint="ask: what would the person in this role need to accomplish in the first 90 days "
                           "to be a success? and add it to discovery.success_criteria")


def _interviewer_without_topics(ctx: GapContext) -> Iterator[Problem]:
    for index, person in enumerate(ctx.notes.interviewers):
        if not any(topic.strip() for topic in person.topics):
            yield ctx.gap(f"{person.name} has no topics", f"interviewers[{index}]",
                          hint="add what you talked about to their topics, so their thank-you can be specific")


def _promise_without_date(ctx: GapContext) -> Iterator[Problem]:
    from followup.context.schedule import promised_by

    follow_up = ctx.notes.follow_up
    if (follow_up.promised and follow_up.promised.strip() and not follow_up.materials_by
            and promised_by(ctx.notes) is None):
        yield ctx.gap("you promised something with no date", "follow_up.promised",
                      hint="add follow_up.promised_by (or write the day in it: 'by Wednesday'); until then it is "
                           "taken as due with the materials")


def _close_not_asked(ctx: GapContext) -> Iterator[Problem]:
    if ctx.notes.close.asked is not True:
        yield ctx.gap("the closing question was not asked", "close",
                      hint="next time ask: if you had to decide today, would you hire me? "
                           "then set close.asked = true and close.answer")


def _document_warnings(ctx: GapContext) -> Iterator[Problem]:
    """What each document the notes support says about them (a card over 90 words, two letters alike...)."""
    from followup.documents import available_documents
    from followup.documents.facts import fragment_warnings

    problems = list(fragment_warnings(ctx.notes))
    for document in available_documents():
        if document.check is None or document.skip_reason(ctx.notes) is not None:
            continue
        problems.extend(document.check(ctx.notes))
    for problem in problems:
        line = problem.line
        if line is None and problem.key_path:
            line = line_of(ctx.positions, problem.key_path)
        yield replace(problem, file=problem.file or ctx.path, line=line)


def _timing(ctx: GapContext) -> Iterator[Problem]:
    """The promise or the materials after the promised day, the debrief or the decision date (warnings)."""
    from followup.context.schedule import timing_warnings

    for problem in timing_warnings(ctx.notes):
        line = line_of(ctx.positions, problem.key_path) if problem.key_path else None
        yield replace(problem, file=ctx.path, line=line)


#: The coaching-gap rules, run in order. Append a function to add a rule.
GAP_RULES: list[GapRule] = [
    _no_success_criteria,
    _unmatched_criteria,
    _interviewer_without_topics,
    _promise_without_date,
    _close_not_asked,
    _timing,
]


def find_gaps(loaded: LoadedNotes, rules: Iterable[GapRule] | None = None) -> list[Problem]:
    """Every coaching gap in loaded notes."""
    ctx = GapContext(notes=loaded.notes, path=loaded.path, positions=loaded.positions)
    gaps: list[Problem] = []
    for rule in GAP_RULES if rules is None else rules:
        gaps.extend(rule(ctx))
    return gaps


def blocking_problems(loaded: LoadedNotes) -> list[Problem]:
    """What loads but must not be rendered: scaffold placeholders left, a country with no known holidays.

    ``render`` refuses the notes file on any of these, and ``check`` reports them as errors.
    """
    from followup.context.holidays import country_problem
    from followup.scaffold import placeholder_problems

    problems = placeholder_problems(loaded)
    country = country_problem(loaded)
    return problems + ([country] if country is not None else [])


def templates_problem(loaded: LoadedNotes) -> Problem | None:
    """``[style] templates`` naming a folder ``render`` cannot use: the error render would stop on, said now."""
    from followup.errors import TemplateError
    from followup.templates import TemplateSet, style_templates_dir

    folder = loaded.notes.style.templates
    if not folder or not folder.strip():
        return None
    directory = style_templates_dir(loaded.path, folder)
    try:
        TemplateSet(directory).validate()
    except TemplateError as error:
        reason = error.problems[0].message if error.problems else "cannot be used"
        file, line = loaded.locate("style.templates")
        return Problem(f"the templates folder {directory} {reason.removeprefix('the templates folder ')}",
                       file=file, line=line, key_path="style.templates",
                       hint="fix the path (relative to the notes file), or make the folder with: "
                            "followup templates eject DOC --to FOLDER")
    return None


def check_notes(path: Path) -> CheckResult:
    """Load one notes file and report its errors, warnings and (if it loads) coaching gaps."""
    path = Path(path)
    try:
        loaded = load_notes(path)
    except NotesError as error:
        return CheckResult(path=path, notes=None, errors=list(error.problems), warnings=list(error.warnings))
    errors = blocking_problems(loaded)
    templates = templates_problem(loaded)
    if templates is not None:
        errors.append(templates)
    warnings = list(loaded.warnings)
    gaps: list[Problem] = []
    for problem in find_gaps(loaded):
        (gaps if problem.severity == "gap" else warnings).append(problem)
    ctx = GapContext(notes=loaded.notes, path=loaded.path, positions=loaded.positions)
    for problem in _document_warnings(ctx):
        (gaps if problem.severity == "gap" else warnings).append(problem)
    return CheckResult(path=path, notes=loaded.notes, errors=errors, warnings=warnings, gaps=gaps)


def check_paths(paths: Iterable[Path]) -> list[CheckResult]:
    """Check every notes file under ``paths`` (files or folders, see :func:`find_notes`).

    A path that does not exist raises :class:`~followup.errors.UsageError` (exit status 2).
    """
    return [check_notes(path) for path in find_notes(list(paths))]
