"""Render the documents of one notes file: plan, render each format, write.

``render_notes`` is the library function behind ``followup render NOTES``; the
batch layer calls it once per notes file. It never prints: it returns a
:class:`NotesResult` with one :class:`Output` per file written, left unchanged,
kept (edited by the user), or skipped, and the warnings met on the way.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from followup.documents import ALL_FORMATS, DOCUMENT_NAMES, Document, available_documents, get_document
from followup.errors import NotesError, Problem, UserError
from followup.notes import LoadedNotes, load_notes
from followup.notes.model import Interviewer, Notes
from followup.output.paths import output_folder, output_path, safe_slug
from followup.output.writer import OutputWriter, sha256_bytes
from followup.templates import TemplateSet, style_templates_dir

if TYPE_CHECKING:
    from followup.render.charts import Charts
    from followup.render.eml import Attachment

Status = Literal["written", "unchanged", "kept", "skipped", "failed", "stale", "pruned"]


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
    #: the folder its outputs go to (None when the notes did not load)
    folder: Path | None = None
    #: every output these notes produce when nothing is narrowed (-d, -f, --interviewer): anything
    #: else the manifest says they wrote is stale (None when the notes did not load)
    produces: frozenset[Path] | None = None

    @property
    def failed(self) -> bool:
        return self.error is not None or any(output.status == "failed" for output in self.outputs)


@dataclass(frozen=True)
class Job:
    """One document for one interviewer (or for the interview), in some formats."""

    document: Document
    interviewer: Interviewer | None
    formats: tuple[str, ...]


def _folded(text: str) -> str:
    """``text`` compared loosely: accents dropped, any case, spaces collapsed (``Chloé`` == ``chloe``)."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(character for character in decomposed if not unicodedata.combining(character))
    return " ".join(bare.casefold().split())


def select_interviewers(notes: Notes, name: str | None) -> list[Interviewer]:
    """All interviewers, or the one named (by name, first name or slug, ignoring case and accents)."""
    if name is None:
        return list(notes.interviewers)
    wanted = _folded(name)
    wanted_slug = safe_slug(name)
    labels = interviewer_labels(notes)
    chosen = [person for index, person in enumerate(notes.interviewers)
              if wanted in (_folded(person.name), _folded(person.first_name))
              or wanted_slug in (safe_slug(person.name), labels[index])]
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
            if explicit:  # named with -d: say why nothing comes of it
                skipped.append(Output(document=document.name, status="skipped", reason=_no_format_reason(
                    document, wanted_formats)))
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


def _no_format_reason(document: Document, wanted: tuple[str, ...]) -> str:
    """``thank-you-card has no eml format; it has pdf, docx``."""
    asked = ", ".join(wanted)
    noun = "format" if len(wanted) == 1 else "formats"
    return f"{document.name} has no {asked} {noun}; it has {', '.join(document.formats)}"


def job_context(job: Job, notes: Notes, options: dict[str, Any] | None = None,
                templates: TemplateSet | None = None) -> dict[str, Any]:
    """The template context a job is rendered from: the document's context plus the render ``options``,
    ``[private]`` where the document may show it and the user asked, and its ``labels`` and ``prose``
    (the wording stage: the layouts read the prose, so a change of wording is a change of context)."""
    from followup.wording.compose import apply

    document = job.document
    context = document.build_context(notes, job.interviewer)
    context["options"] = dict(options or {})
    if document.private is not None and context["options"].get("include_private"):
        context["private"] = document.private(notes)
    apply(context, templates, wording=document.wording)
    return context


def _charts_key(job: Job, notes: Notes) -> tuple[str, str]:
    """Which charts these are, for render/reads.py: the interview's output folder and the document."""
    return (f"{safe_slug(notes.company.name)}/{notes.interview.date.isoformat()}", job.document.name)


def _fingerprints(job: Job, context: dict[str, Any], notes: Notes, templates: TemplateSet,
                  stamp: str) -> dict[str, str | None]:
    """Per format, the hash of the part of the job's context that format reads (render/reads.py).

    None for a format whose context cannot be hashed: it is rendered.
    """
    from followup.output.writer import context_fingerprint
    from followup.render.reads import format_reads

    prints: dict[str, str | None] = {}
    for fmt in job.formats:
        keys = format_reads(job.document, fmt, context, templates, stamp, _charts_key(job, notes))
        if keys is None:
            prints[fmt] = context_fingerprint(["*", context])
        else:
            prints[fmt] = context_fingerprint([[key, key in context, context.get(key)] for key in sorted(keys)])
    return prints


#: one format's result: its bytes, its user error, or None when it was not rendered because what it
#: reads of its context is what its file was written from (the caller records it as unchanged)
Result = bytes | UserError | None
#: one job's formats as a forked process sends them back: (format, result, fingerprint) each, and the warnings
Rendered = tuple[list[tuple[str, Result, "str | None"]], list[Problem]]


@dataclass
class Run:
    """One render of one notes file: what every job of it shares, and the one flow each job takes.

    ``options`` are the render options a document may use (``cc_all``, ``include_private``), as
    ``options`` in its context (its wording template sees them too).
    """

    notes: Notes
    out: Path
    templates: TemplateSet
    writer: OutputWriter
    options: dict[str, Any]
    warnings: list[Problem]

    def targets(self, job: Job) -> dict[str, Path]:
        return _targets(job, self.notes, self.out)

    def planned(self, job: Job) -> tuple[Job, list[Output]]:
        """The job narrowed to the formats to render, and the outputs of the others: unchanged (same
        inputs, same bytes) or kept (edited by the user), found from the manifest without a context."""
        person = job.interviewer.name if job.interviewer else None
        pending: list[str] = []
        settled: list[Output] = []
        for fmt, target in self.targets(job).items():
            action, reason = self.writer.plan(target)
            if action == "render":
                pending.append(fmt)
            else:
                settled.append(Output(job.document.name, action, fmt, person, target, reason))
        return Job(job.document, job.interviewer, tuple(pending)), settled

    def renders(self, job: Job, warnings: list[Problem], attachments: Sequence[Attachment] = (),
                depends: Mapping[str, str] | None = None,
                reuse: bool = True) -> Iterator[tuple[str, Result, str | None]]:
        """Each format of ``job`` in turn, ``(format, result, fingerprint)``: the one flow every render takes.

        The job's context is built once. The fingerprint of what each format reads of
        it (render/reads.py) is taken before anything is drawn; a format whose
        fingerprint is the one its file was written from (``reuse``) is not rendered: a
        save that touched another interviewer or another document's section. The
        others are rendered from that one context, the charts drawn once for all of
        them; a user error fails its format only (a context or charts that cannot be
        made fail them all). Nothing is written or recorded here, so a forked process
        (render/parallel.py) runs it as well as this one; the caller writes each
        result as it comes (``watch``: the PDF first).

        ``attachments`` go with the ``eml`` format; ``depends``, their hashes, are part of what it is made from.
        """
        from followup.render import render_format

        document, targets = job.document, self.targets(job)
        try:
            context = job_context(job, self.notes, self.options, self.templates)
        except UserError as error:
            for fmt in job.formats:
                yield fmt, error, None
            return
        fingerprints = _fingerprints(job, context, self.notes, self.templates, self.writer.environment())
        charts = None
        for fmt in job.formats:
            fingerprint = fingerprints[fmt]
            if reuse and self.writer.context_matches(targets[fmt], fingerprint, depends):
                yield fmt, None, fingerprint
                continue
            if charts is None:  # drawn at most once, by the first format that needs them
                charts = self.charts(job, context)
            result: Result
            try:
                result = render_format(document, fmt, context, self.templates, charts, warnings,
                                       attachments=attachments if fmt == "eml" else ())
            except UserError as error:
                result = error
            yield fmt, result, fingerprint

    def charts(self, job: Job, context: dict[str, Any]) -> Charts:
        """The job's charts (render/charts.py): read back from the cache folder when drawn before from the
        same inputs, else drawn once, for every format of the job.

        What they are kept under: the values of the context keys the drawing
        read last time (render/reads.py learns them), the drawing code, and the
        libraries and template files (fonts) every output depends on. Charts never drawn
        before with this code are drawn, and the keys they read are learned for next time.
        """
        from followup.output.writer import context_fingerprint
        from followup.render.charts import Charts, drawing_digest
        from followup.render.reads import learned_chart_reads, record_chart_reads, remember_chart_reads

        draw_charts = job.document.draw_charts
        if draw_charts is None:
            return Charts.of({})
        where = _charts_key(job, self.notes)
        code = drawing_digest()
        environment = self.writer.environment()

        def key(keys: frozenset[str] | None) -> str | None:
            read = ["*", context] if keys is None else [[name, name in context, context.get(name)]
                                                         for name in sorted(keys)]
            return context_fingerprint([job.document.name, code, environment, read])

        def draw() -> tuple[dict[str, Any], str | None]:
            figures = record_chart_reads(where, draw_charts, context, digest=code)
            return figures, key(learned_chart_reads(where, code)[1])

        known, keys = learned_chart_reads(where, code)
        if known:  # what format_reads needs to fingerprint this document's formats from now on (watch)
            remember_chart_reads(where, keys)
        return Charts(draw, key(keys) if known else None)

    def write(self, job: Job, fmt: str, result: Result, fingerprint: str | None,
              depends: Mapping[str, str] | None = None, attachments: Sequence[Attachment] = ()) -> Output:
        """Write one format's result: written (or kept, or adopted as unchanged), unchanged, or failed.

        A result of None (its context is the one its file was written from) is
        recorded as unchanged; should the file have changed since, it is rendered here after all.
        """
        person = job.interviewer.name if job.interviewer else None
        target = self.targets(job)[fmt]
        if result is None:
            if self.writer.unchanged_context(target, fingerprint, depends):
                return Output(job.document.name, "unchanged", fmt, person, target)
            single = Job(job.document, job.interviewer, (fmt,))
            _, result, fingerprint = next(self.renders(single, self.warnings, attachments, depends, reuse=False))
        status: Status
        try:
            if isinstance(result, UserError):
                raise result
            assert result is not None
            if fmt == "ics":  # an update keeps the event's SEQUENCE/DTSTAMP or raises them (render/ics.py)
                result = _continued_calendar(result, target)
            status, reason = self.writer.write(target, result, depends, fingerprint)
        except UserError as error:
            status, reason = "failed", "; ".join(str(problem) for problem in error.problems)
        return Output(job.document.name, status, fmt, person, target, reason)

    def render_and_write(self, job: Job, attachments: Sequence[Attachment] = (),
                         depends: Mapping[str, str] | None = None) -> list[Output]:
        """Render the formats of one job that need it, writing each as soon as it is rendered."""
        pending, outputs = self.planned(job)
        for fmt, result, fingerprint in self.renders(pending, self.warnings, attachments, depends):
            outputs.append(self.write(pending, fmt, result, fingerprint, depends, attachments))
        return outputs

    def render_and_write_in_parallel(self, jobs: list[Job],
                                     checks: Callable[[], list[Problem]] | None = None) -> list[Output] | None:
        """Every job rendered in two processes (see render/parallel.py), then written here, in job order.

        Each process builds the contexts and fingerprints of the jobs it takes, so
        nothing but the manifest's plan is done here before the fork. ``checks``
        (the documents' warnings, which compose every interviewer's card and
        letter: about 0.05 s) is one more item of the shared queue rather than
        work done before the fork; its warnings come first, as in one process.
        None when there are fewer than two jobs to render (``checks`` not run):
        the caller renders in this process.
        """
        from followup.render.parallel import render_in_two_processes

        planned = [self.planned(job) for job in jobs]
        to_render = [pending for pending, _ in planned if pending.formats]
        if len(to_render) < 2:
            return None
        if any("pdf" in pending.formats for pending in to_render):
            from followup.render.weasy import import_weasyprint

            import_weasyprint()  # once, before the fork, rather than once in each process

        def render_one(index: int) -> Rendered:
            if index == len(to_render):
                return [], checks() if checks is not None else []
            own_warnings: list[Problem] = []
            return list(self.renders(to_render[index], own_warnings)), own_warnings

        costs = [_render_cost(pending) for pending in to_render] + [CHECKS_COST]
        *jobs_rendered, (_, check_warnings) = render_in_two_processes(costs, render_one)
        self.warnings.extend(check_warnings)
        rendered = iter(jobs_rendered)
        outputs: list[Output] = []
        for pending, settled in planned:
            outputs.extend(settled)
            if pending.formats:
                results, job_warnings = next(rendered)
                self.warnings.extend(job_warnings)
                outputs.extend(self.write(pending, fmt, result, fingerprint)
                               for fmt, result, fingerprint in results)
        return outputs

    def email_with_materials(self, job: Job, done: list[Output]) -> list[Output]:
        """The criteria-match email with the material PDFs as they are in OUT now (just written, unchanged
        or kept): their bytes are read back, not rendered again, and their hashes are the email's ``depends``.

        A PDF that could not be made fails the email: its text says the files are attached.
        """
        from followup.documents.attachments import email_attachments
        from followup.render.eml import Attachment

        notes = self.notes
        target = self.targets(job)["eml"]
        attachments: list[Attachment] = []
        depends: dict[str, str] = {}
        for document, filename in email_attachments(notes):
            source = output_path(self.out, company=notes.company.name, interview_date=notes.interview.date,
                                 document=document, extension="pdf")
            failure = next((output.reason for output in done
                            if output.path == source and output.status == "failed"), None)
            try:
                data = source.read_bytes() if failure is None else None
            except OSError as error:
                failure = f"cannot read it: {error.strerror or error}"
                data = None
            if data is None:
                why = f"its attachment {source.name} could not be made: {failure}"
                return [Output(job.document.name, "failed", "eml", None, target, why)]
            attachments.append(Attachment(filename, data))
            depends[source.name] = sha256_bytes(data)
        action, reason = self.writer.plan(target, depends)
        if action != "render":
            settled: Status = "unchanged" if action == "unchanged" else "kept"
            return [Output(job.document.name, settled, "eml", None, target, reason)]
        return [self.write(job, fmt, result, fingerprint, depends, attachments)
                for fmt, result, fingerprint in self.renders(job, self.warnings, attachments, depends)]


#: what the documents' checks cost, in the units of ``render_cost`` (a letter's render: 1)
CHECKS_COST = 0.5


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


def _continued_calendar(data: bytes, target: Path) -> bytes:
    """The calendar ``data`` carrying on the SEQUENCE and DTSTAMP of the calendar at ``target``, if any."""
    from followup.render.ics import PREVIOUS_LIMIT, continue_calendar

    try:
        previous = target.read_bytes() if target.is_file() and target.stat().st_size <= PREVIOUS_LIMIT else None
    except OSError:
        previous = None
    return continue_calendar(data, previous)


def _render_cost(job: Job) -> float:
    """About how long the job's formats take: the document's ``render_cost``, for the share its formats are."""
    from followup.render.parallel import FORMAT_COST

    def share(formats: Iterable[str]) -> float:
        return sum(FORMAT_COST.get(fmt, 1) for fmt in formats)

    return job.document.render_cost * share(job.formats) / max(share(job.document.formats), 1)


# --- the criteria-match email and the PDFs it carries -------------------------------------------------------


def split_email_with_materials(jobs: list[Job], notes: Notes) -> tuple[list[Job], Job | None]:
    """The jobs without the criteria-match ``eml`` (rendered last, see below) and that email's own job.

    The email carries the PDFs of ``material_documents(notes)``; their ``pdf`` is
    added to the jobs when it is not there already (``-d criteria-match -f eml``
    renders them too), so they are rendered once, before the email, never twice.
    None when no email with attachments is wanted: the jobs are then unchanged.
    """
    from followup.documents.materials import material_documents

    email = next((job for job in jobs if job.document.name == "criteria-match" and "eml" in job.formats), None)
    materials = material_documents(notes)
    if email is None or not materials:
        return jobs, None
    planned: list[Job] = []
    for job in jobs:
        if job is email:
            job = Job(job.document, job.interviewer, tuple(fmt for fmt in job.formats if fmt != "eml"))
        elif job.document.name in materials and "pdf" not in job.formats:
            job = Job(job.document, job.interviewer, (*job.formats, "pdf"))
        if job.formats:
            planned.append(job)
    present = {job.document.name for job in planned}
    planned.extend(Job(get_document(name), None, ("pdf",)) for name in materials if name not in present)
    return planned, Job(email.document, email.interviewer, ("eml",))


def all_outputs(notes: Notes, out: Path) -> frozenset[Path]:
    """Every file these notes produce with nothing narrowed: every document they support, every format."""
    jobs, _ = plan_jobs(notes)
    return frozenset(target for job in jobs for target in _targets(job, notes, out).values())


def render_notes(path: Path, *, out: Path, documents: Iterable[str] | None = None,
                 formats: Iterable[str] | None = None, interviewer: str | None = None,
                 templates_dir: Path | None = None, force: bool = False, cc_all: bool = False,
                 include_private: bool = False, loaded: LoadedNotes | None = None, processes: int = 1) -> NotesResult:
    """Render every document the notes at ``path`` support (narrowed by the options) into ``out``.

    ``cc_all`` copies the other interviewers on the criteria-match email (``--cc-all``).
    ``include_private`` shows ``[private]`` on the prep sheet (``--include-private``), nowhere else.
    ``processes=2`` (or more) renders the documents in two processes where ``fork``
    exists (see render/parallel.py): the same files, about half the wall time.
    """
    options: dict[str, Any] = {"cc_all": cc_all, "include_private": include_private}
    result = NotesResult(notes_path=Path(path))
    try:
        loaded = loaded or load_notes(Path(path))
        result.warnings.extend(loaded.warnings)
        notes = loaded.notes
        from followup.check import blocking_problems

        blocking = blocking_problems(loaded)
        if blocking:  # e.g. a scaffold placeholder left in place would be sent as written: no document
            raise NotesError(blocking)
        user_templates = templates_dir
        if user_templates is None and notes.style.templates:
            user_templates = style_templates_dir(loaded.path, notes.style.templates)
        templates = TemplateSet(user_templates)
        result.folder = output_folder(Path(out), company=notes.company.name, interview_date=notes.interview.date)
        result.produces = all_outputs(notes, Path(out))
        templates.validate()
        jobs, skipped = plan_jobs(notes, documents=documents, formats=formats, interviewer=interviewer)
        result.outputs.extend(skipped)
        document_checks = [document.check for document in {job.document.name: job.document for job in jobs}.values()
                           if document.check is not None]

        def checks() -> list[Problem]:
            """The warnings of the documents rendered (two interviewers who would get the same letter...)."""
            return [replace(problem, file=problem.file or loaded.path)
                    for check in document_checks for problem in check(notes)]
        writer = OutputWriter(out=Path(out), force=force, sources=loaded.sources, templates=templates,
                              options=",".join(name for name, on in (("cc-all", cc_all),
                                                                     ("include-private", include_private)) if on),
                              notes_path=loaded.path)
        jobs, email_job = split_email_with_materials(jobs, notes)
        run = Run(notes, Path(out), templates, writer, options, result.warnings)
        try:
            outputs = None
            if processes > 1 and len(jobs) > 1:
                from followup.render.parallel import fork_available

                if fork_available():
                    outputs = run.render_and_write_in_parallel(jobs, checks)
            if outputs is None:
                result.warnings.extend(checks())
                outputs = [output for job in jobs for output in run.render_and_write(job)]
            result.outputs.extend(outputs)
            if email_job is not None:  # after its attachments, which the jobs above brought up to date
                result.outputs.extend(run.email_with_materials(email_job, result.outputs))
        finally:
            writer.save()
    except UserError as error:
        result.error = error
    return result
