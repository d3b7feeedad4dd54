"""Render the documents of one notes file: plan, render each format, write.

``render_notes`` is the library function behind ``followup render NOTES``; the
batch layer calls it once per notes file. It never prints: it returns a
:class:`NotesResult` with one :class:`Output` per file written, left unchanged,
kept (edited by the user), or skipped, and the warnings met on the way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from followup.documents import ALL_FORMATS, DOCUMENT_NAMES, Document, available_documents, get_document
from followup.errors import Problem, UserError
from followup.notes import LoadedNotes, load_notes
from followup.notes.model import Interviewer, Notes
from followup.output.paths import output_path, safe_slug
from followup.output.writer import OutputWriter
from followup.templates import TemplateSet

Status = Literal["written", "unchanged", "kept", "skipped", "failed"]


@dataclass
class Output:
    """What happened to one output file (or one skipped document)."""

    document: str
    status: Status
    format: str | None = None
    interviewer: str | None = None
    path: Path | None = None
    reason: str | None = None


@dataclass
class NotesResult:
    """Everything that happened for one notes file."""

    notes_path: Path
    outputs: list[Output] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    error: UserError | None = None

    @property
    def failed(self) -> bool:
        return self.error is not None or any(output.status == "failed" for output in self.outputs)


@dataclass(frozen=True)
class Job:
    """One document for one interviewer (or for the interview), in some formats."""

    document: Document
    interviewer: Interviewer | None
    formats: tuple[str, ...]


def select_interviewers(notes: Notes, name: str | None) -> list[Interviewer]:
    """All interviewers, or the one named (by name, first name or slug, any case)."""
    if name is None:
        return list(notes.interviewers)
    wanted = name.strip().casefold()
    chosen = [person for person in notes.interviewers
              if wanted in (person.name.casefold(), person.first_name.casefold(), safe_slug(person.name))]
    if not chosen:
        known = ", ".join(person.name for person in notes.interviewers)
        raise UserError(Problem(f"no interviewer called {name!r}; the notes name: {known}",
                                key_path="--interviewer"))
    return chosen


def plan_jobs(notes: Notes, *, documents: Iterable[str] | None = None, formats: Iterable[str] | None = None,
              interviewer: str | None = None) -> tuple[list[Job], list[Output]]:
    """The jobs to render and the documents skipped with their reasons.

    With ``interviewer``, per-interviewer documents are made for that person only,
    and documents made once per interview are left out unless named with ``documents``.
    """
    explicit = documents is not None
    names = list(documents) if documents is not None else list(DOCUMENT_NAMES)
    wanted_formats = tuple(formats) if formats is not None else ALL_FORMATS
    people = select_interviewers(notes, interviewer)
    jobs: list[Job] = []
    skipped: list[Output] = []
    catalogue = {document.name: document for document in available_documents()} if not explicit else None
    for name in names:
        if catalogue is not None:
            if name not in catalogue:
                continue
            document = catalogue[name]
        else:
            document = get_document(name)
        chosen_formats = tuple(fmt for fmt in document.formats if fmt in wanted_formats)
        if not chosen_formats:
            continue
        if not document.per_interviewer and interviewer is not None and not explicit:
            continue
        reason = document.skip_reason(notes)
        if reason is not None:
            skipped.append(Output(document=document.name, status="skipped", reason=reason))
            continue
        if document.per_interviewer:
            jobs.extend(Job(document, person, chosen_formats) for person in people)
        else:
            jobs.append(Job(document, None, chosen_formats))
    return jobs, skipped


def render_job(job: Job, notes: Notes, templates: TemplateSet, warnings: list[Problem],
               options: dict[str, Any] | None = None) -> dict[str, bytes | UserError]:
    """Render one job from one context, format by format; a user error fails that format only.

    ``options`` are the render options a document may use (``cc_all``), as ``options`` in its context.
    """
    from followup.render import render_format
    from followup.wording.compose import apply

    document = job.document
    context = document.build_context(notes, job.interviewer)
    apply(context, templates, wording=document.wording)
    context["options"] = dict(options or {})
    figures = document.draw_charts(context) if document.draw_charts else {}
    rendered: dict[str, bytes | UserError] = {}
    for fmt in job.formats:
        try:
            rendered[fmt] = render_format(document, fmt, context, templates, figures, warnings)
        except UserError as error:
            rendered[fmt] = error
    return rendered


def interviewer_labels(notes: Notes) -> dict[int, str]:
    """A file-name label per interviewer (by index), unique even when two names slug alike.

    "José Martínez" and "Jose Martinez" both slug to ``jose-martinez``; the
    second becomes ``jose-martinez-2`` so neither's card overwrites the other's.
    """
    labels: dict[int, str] = {}
    used: set[str] = set()
    for index, person in enumerate(notes.interviewers):
        slug = base = safe_slug(person.name, "interviewer")
        counter = 1
        while slug in used:
            counter += 1
            slug = f"{base}-{counter}"
        used.add(slug)
        labels[index] = slug
    return labels


def _targets(job: Job, notes: Notes, out: Path) -> dict[str, Path]:
    """Where each format of a job is written."""
    label = None
    if job.interviewer is not None:
        label = interviewer_labels(notes)[next(index for index, candidate in enumerate(notes.interviewers)
                                               if candidate is job.interviewer)]
    return {
        fmt: output_path(out, company=notes.company.name, interview_date=notes.interview.date,
                         document=job.document.name, extension=fmt, interviewer=label)
        for fmt in job.formats
    }


def _render_pending(job: Job, notes: Notes, templates: TemplateSet, warnings: list[Problem],
                    options: dict[str, Any]) -> dict[str, bytes | UserError]:
    """Render a job's (pending) formats; a context that cannot be built fails every one of them."""
    try:
        return render_job(job, notes, templates, warnings, options)
    except UserError as error:  # the document's context itself could not be built
        return dict.fromkeys(job.formats, error)


def _write(job: Job, targets: dict[str, Path], rendered: dict[str, bytes | UserError],
           writer: OutputWriter) -> list[Output]:
    """Write each rendered format (a format that failed is reported as failed)."""
    person = job.interviewer.name if job.interviewer else None
    outputs = []
    for fmt, data in rendered.items():
        try:
            if isinstance(data, UserError):
                raise data
            status, reason = writer.write(targets[fmt], data)
        except UserError as error:
            status, reason = "failed", "; ".join(str(problem) for problem in error.problems)
        outputs.append(Output(job.document.name, status, fmt, person, targets[fmt], reason))
    return outputs


def _planned(job: Job, targets: dict[str, Path], writer: OutputWriter) -> tuple[Job, list[Output]]:
    """The job narrowed to the formats to render, and the outputs of the others (unchanged, or kept)."""
    person = job.interviewer.name if job.interviewer else None
    pending: list[str] = []
    settled: list[Output] = []
    for fmt, target in targets.items():
        action, reason = writer.plan(target)
        if action == "render":
            pending.append(fmt)
        else:
            settled.append(Output(job.document.name, action, fmt, person, target, reason))
    return Job(job.document, job.interviewer, tuple(pending)), settled


def _render_and_write(job: Job, notes: Notes, out: Path, templates: TemplateSet, writer: OutputWriter,
                      warnings: list[Problem], options: dict[str, Any]) -> list[Output]:
    """Render one job's formats that need it and write them; a user error fails this job only."""
    targets = _targets(job, notes, out)
    pending, outputs = _planned(job, targets, writer)
    if not pending.formats:
        return outputs
    return outputs + _write(pending, targets, _render_pending(pending, notes, templates, warnings, options), writer)


def _render_and_write_in_parallel(jobs: list[Job], notes: Notes, out: Path, templates: TemplateSet,
                                  writer: OutputWriter, warnings: list[Problem],
                                  options: dict[str, Any]) -> list[Output] | None:
    """Every job rendered in two processes (see render/parallel.py), then written here, in job order.

    None when there are fewer than two jobs to render: the caller renders in this process.
    """
    from followup.render.parallel import render_in_two_processes

    planned = []
    for job in jobs:
        targets = _targets(job, notes, out)
        planned.append((job, targets, *_planned(job, targets, writer)))
    to_render = [pending for _, _, pending, _ in planned if pending.formats]
    if len(to_render) < 2:
        return None
    if any("pdf" in pending.formats for pending in to_render):
        from followup.render.weasy import import_weasyprint

        import_weasyprint()  # once, before the fork, rather than once in each process

    def render_one(index: int) -> tuple[dict[str, bytes | UserError], list[Problem]]:
        own_warnings: list[Problem] = []
        return _render_pending(to_render[index], notes, templates, own_warnings, options), own_warnings

    renders = iter(render_in_two_processes([_render_cost(pending) for pending in to_render], render_one))
    outputs: list[Output] = []
    for _job, targets, pending, settled in planned:
        outputs.extend(settled)
        if pending.formats:
            rendered, job_warnings = next(renders)
            warnings.extend(job_warnings)
            outputs.extend(_write(pending, targets, rendered, writer))
    return outputs


def _render_cost(job: Job) -> float:
    """About how long the job's formats take: the document's ``render_cost``, for the share its formats are."""
    from followup.render.parallel import FORMAT_COST

    def share(formats: Iterable[str]) -> float:
        return sum(FORMAT_COST.get(fmt, 1) for fmt in formats)

    return job.document.render_cost * share(job.formats) / max(share(job.document.formats), 1)


def render_notes(path: Path, *, out: Path, documents: Iterable[str] | None = None,
                 formats: Iterable[str] | None = None, interviewer: str | None = None,
                 templates_dir: Path | None = None, force: bool = False, cc_all: bool = False,
                 loaded: LoadedNotes | None = None, processes: int = 1) -> NotesResult:
    """Render every document the notes at ``path`` support (narrowed by the options) into ``out``.

    ``cc_all`` copies the other interviewers on the criteria-match email (``--cc-all``).
    ``processes=2`` (or more) renders the documents in two processes where ``fork``
    exists (see render/parallel.py): the same files, about half the wall time.
    """
    options: dict[str, Any] = {"cc_all": cc_all}
    result = NotesResult(notes_path=Path(path))
    try:
        loaded = loaded or load_notes(Path(path))
        result.warnings.extend(loaded.warnings)
        notes = loaded.notes
        user_templates = templates_dir
        if user_templates is None and notes.style.templates:
            user_templates = (loaded.path.parent / notes.style.templates).expanduser()
        templates = TemplateSet(user_templates)
        templates.validate()
        jobs, skipped = plan_jobs(notes, documents=documents, formats=formats, interviewer=interviewer)
        result.outputs.extend(skipped)
        for document in {job.document.name: job.document for job in jobs}.values():
            if document.check is not None:
                result.warnings.extend(replace(problem, file=problem.file or loaded.path)
                                       for problem in document.check(notes))
        writer = OutputWriter(out=Path(out), force=force, sources=loaded.sources, templates=templates,
                              options="cc-all" if cc_all else "")
        try:
            outputs = None
            if processes > 1 and len(jobs) > 1:
                from followup.render.parallel import fork_available

                if fork_available():
                    outputs = _render_and_write_in_parallel(jobs, notes, Path(out), templates, writer,
                                                            result.warnings, options)
            if outputs is not None:
                result.outputs.extend(outputs)
            else:
                for job in jobs:
                    result.outputs.extend(_render_and_write(job, notes, Path(out), templates, writer,
                                                            result.warnings, options))
        finally:
            writer.save()
    except UserError as error:
        result.error = error
    return result
