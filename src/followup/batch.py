"""Render many notes files: one result per file, in parallel, never printing (the CLI draws progress).

How the work is spread (see docs/batch.md for the measurements):

- One task is one notes file (all its documents and formats): the unit that
  fails or succeeds on its own, and big enough (0.2 to 4 s) that process
  overhead does not matter. The largest files are handed out first, so the
  workers finish together.
- ``jobs`` worker processes (default: the CPU count). With one job, or one
  notes file, everything runs in this process: no pool at all.
  A lone notes file with 2 jobs or more has its documents rendered in two
  processes instead (render/parallel.py): same files, about half the wall time.
- Where the platform has ``fork`` (Linux), the workers are forked after this
  process has imported the document modules (WeasyPrint and docxtpl are imported
  by the workers that render, so an unchanged re-run never loads them) and hashed
  the templates, so every worker starts warm. Python 3.11 refuses
  ``max_tasks_per_child`` with ``fork``, so workers are recycled by generation:
  a fresh pool every ``jobs * TASKS_PER_WORKER`` files, which bounds the memory
  a long batch can grow to. Elsewhere (spawn) the pool's own
  ``max_tasks_per_child`` does it.
- A notes file that fails, for any reason (a ``UserError`` or an unexpected
  exception, even a worker process dying), becomes a failed ``NotesResult``
  with the error text; the other files still render.
- Ctrl-C: workers ignore SIGINT; this process stops handing out files, lets the
  ones being rendered finish (every output is written atomically anyway) and
  re-raises ``KeyboardInterrupt``.
- SIGTERM and SIGHUP (``timeout``, a service manager, a CI cancel, a closed
  terminal): the CLI turns them into :class:`followup.errors.Interrupted`, a
  ``KeyboardInterrupt``, so this process does the same as for Ctrl-C. A worker
  that gets one itself (the signal sent to the whole process group) removes the
  temporary file of the write it is in, if any, and ends at once: no worker
  outlives the batch, no file is half-written.
- A signal whose exception is lost still stops the batch: while it runs, each of
  those signals is also noted (:func:`_noting_interrupts`), and the batch checks
  the note after each notes file it finishes, before it starts the next.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from followup.errors import TERMINATING_SIGNALS, Problem, UserError
from followup.notes import LoadedNotes
from followup.pipeline import NotesResult, Output, render_notes

#: files a worker process renders before it is replaced by a fresh one
TASKS_PER_WORKER = 25

OnResult = Callable[[NotesResult], None]


class WorkerError(UserError):
    """An unexpected exception (a bug) while rendering one notes file; carries the traceback text."""

    def __init__(self, problems: Problem | str | list[Problem], *, file: Path | None = None,
                 details: str = "") -> None:
        super().__init__(problems, file=file)
        self.details = details


@dataclass(frozen=True)
class RenderOptions:
    """The options of one batch, the same for every notes file (sent to the workers)."""

    out: Path
    documents: tuple[str, ...] | None
    formats: tuple[str, ...] | None
    interviewer: str | None
    templates_dir: Path | None
    force: bool
    cc_all: bool = False
    include_private: bool = False
    #: processes one notes file's documents are rendered in (render/parallel.py); 2 for a lone file
    processes: int = 1


@dataclass
class BatchResult:
    """One result per notes file, sorted by path, and how the batch ran."""

    results: list[NotesResult] = field(default_factory=list)
    jobs: int = 1
    elapsed_seconds: float = 0.0
    #: the largest resident set of any worker process of this batch, in KiB (None: no workers ran)
    peak_worker_rss_kib: int | None = None

    @property
    def failed(self) -> bool:
        """Whether anything failed (the CLI's exit status 1)."""
        return any(result.failed for result in self.results)

    def totals(self) -> Counter[str]:
        """How many outputs were written, unchanged, skipped, kept and failed; failed notes files count as failed."""
        counts: Counter[str] = Counter()
        for result in self.results:
            for output in result.outputs:
                counts[output.status] += 1
            if result.error is not None:
                counts["failed"] += 1
        return counts


def _crash_result(path: Path, error: BaseException, details: str | None = None) -> NotesResult:
    """A failed result for an unexpected exception: the message says it is a bug, the traceback is kept."""
    message = f"internal error while rendering: {type(error).__name__}: {error}"
    text = details if details is not None else "".join(traceback.format_exception(error))
    return NotesResult(notes_path=path, error=WorkerError(Problem(message, file=path), details=text))


#: notes loaded by this batch's check for shared output folders, used once by ``render_one`` (a forked
#: worker inherits them) so no notes file is loaded twice; emptied when the batch ends
_PRELOADED: dict[Path, LoadedNotes] = {}


def render_one(path: Path, options: RenderOptions) -> NotesResult:
    """Render one notes file; never raises except KeyboardInterrupt/SystemExit (a bug becomes a failed result)."""
    try:
        return render_notes(path, out=options.out, documents=options.documents, formats=options.formats,
                            interviewer=options.interviewer, templates_dir=options.templates_dir,
                            force=options.force, cc_all=options.cc_all, include_private=options.include_private,
                            processes=options.processes, loaded=_PRELOADED.pop(path, None))
    except UserError as error:
        return NotesResult(notes_path=path, error=error)
    except Exception as error:  # noqa: BLE001 - any bug in one file must not stop the batch
        return _crash_result(path, error)


def _worker_initializer() -> None:
    """Workers leave Ctrl-C to the parent, which lets the files being rendered finish; SIGTERM/SIGHUP end them.

    A worker ends with ``os._exit`` (multiprocessing's way), which skips the
    garbage collection that would remove WeasyPrint's temporary font folders:
    multiprocessing's own exit hook removes them instead.
    """
    from multiprocessing.util import Finalize

    from followup.render.pdf import release_font_configurations

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signum in TERMINATING_SIGNALS:
        signal.signal(signum, _end_worker)
    Finalize(None, release_font_configurations, exitpriority=10)


def _end_worker(signum: int, frame: object) -> None:
    """A worker's SIGTERM/SIGHUP: remove what a write in progress left, the font folders, and end now.

    Ending at once (rather than finishing the file, as for Ctrl-C) is what the
    signal asks for, and the parent stops the batch on the same signal.
    ``os._exit`` because multiprocessing's worker loop would catch an exception.
    """
    from followup.output.atomic import remove_unfinished
    from followup.render.pdf import release_font_configurations

    remove_unfinished()
    with contextlib.suppress(Exception):
        release_font_configurations()
    os._exit(128 + signum)


def _warm_up(options: RenderOptions) -> None:
    """Import the document modules and hash the templates once, before forking, so workers inherit them.

    WeasyPrint and docxtpl are left to the workers that render something: an
    unchanged re-run then never loads them (it was 0.3 of its 0.8 s), and on a
    full run both workers import them at the same time, which takes the same
    wall time as importing them here before the fork, with a core idle.
    """
    # A failure here is not the batch's to report: each file then fails with its own clear error.
    with contextlib.suppress(Exception):
        import followup.render  # noqa: F401
        from followup.documents import available_documents
        from followup.output.writer import folder_digest, library_versions
        from followup.templates import TemplateSet

        available_documents()
        library_versions()
        for folder in TemplateSet(options.templates_dir).search_path:
            folder_digest(folder)


def _fork_context() -> Any | None:
    """The ``fork`` context where the platform has it (Linux), else None (the default start method)."""
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return None


def _chunks(items: list[Path], size: int) -> Iterator[list[Path]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _largest_first(paths: list[Path]) -> list[Path]:
    """Hand out the biggest notes files first (size predicts work), so no worker is left alone at the end."""

    def size(path: Path) -> int:
        try:
            return path.stat().st_size
        except OSError:
            return 0

    return sorted(paths, key=lambda path: (-size(path), path))


def _run_pool(paths: list[Path], options: RenderOptions, workers: int, context: Any | None,
              deliver: OnResult) -> None:
    """Render ``paths`` in one pool; files left unfinished by a dying worker are retried one per pool."""
    extra: dict[str, Any] = {}
    if context is None:
        extra["max_tasks_per_child"] = TASKS_PER_WORKER
    unfinished: list[Path] = []
    executor = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                   initializer=_worker_initializer, **extra)
    try:
        futures: dict[Future[NotesResult], Path] = {
            executor.submit(render_one, path, options): path for path in paths
        }
        for future in as_completed(futures):
            try:
                result = future.result()
            except BrokenProcessPool:
                unfinished.append(futures[future])
                continue
            except Exception as error:  # noqa: BLE001 - e.g. a result that cannot be pickled
                result = _crash_result(futures[future], error)
            deliver(result)
    except BaseException:
        executor.shutdown(wait=True, cancel_futures=True)
        raise
    executor.shutdown(wait=True)
    for path in sorted(unfinished):
        _run_isolated(path, options, context, deliver)


def _run_isolated(path: Path, options: RenderOptions, context: Any | None, deliver: OnResult) -> None:
    """Retry one file whose pool broke, alone in a fresh worker, so only the file that kills workers fails."""
    with ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=_worker_initializer) as executor:
        try:
            result = executor.submit(render_one, path, options).result()
        except BrokenProcessPool as error:
            message = RuntimeError("the worker process rendering this file died (out of memory, or killed)")
            result = _crash_result(path, message, details=str(error))
        except Exception as error:  # noqa: BLE001
            result = _crash_result(path, error)
    deliver(result)


def _children_peak_rss_kib() -> int | None:
    """The peak resident set of the largest terminated child process (Linux reports KiB, macOS bytes)."""
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows has no getrusage
        return None
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak


def _output_folders(notes_paths: Iterable[Path], out: Path, *, keep: bool = False) -> dict[Path, Path]:
    """The output folder of each notes file that loads (one that does not fails on its own when rendered).

    ``keep`` leaves the loaded notes for ``render_one`` to use.
    """
    from followup.notes import load_notes
    from followup.output.paths import output_folder

    folders: dict[Path, Path] = {}
    for path in notes_paths:
        try:
            loaded = load_notes(path)
        except UserError:
            continue
        if keep:
            _PRELOADED[path] = loaded
        notes = loaded.notes
        folders[path] = output_folder(out, company=notes.company.name, interview_date=notes.interview.date)
    return folders


def _collision_problem(path: Path, folder: Path, others: list[Path]) -> Problem:
    names = ", ".join(str(other) for other in others)
    return Problem(f"its documents would go to {folder}, like those of {names} (same company and interview "
                   "date): only one of them can be there; rename a company, fix a date, or render them into "
                   "different -o folders; nothing was written for it", file=path)


def _collisions(notes_paths: list[Path], out: Path) -> dict[Path, NotesResult]:
    """A failed result for each notes file whose output folder another notes file also uses.

    Found before anything is written: among the notes of this batch, and against
    the notes files the folder's manifest says wrote there, when they still exist
    and still name that folder (a copy rendered on its own earlier).
    """
    from followup.output.writer import Manifest

    folders = _output_folders(notes_paths, out, keep=True)
    by_folder: dict[Path, list[Path]] = {}
    for path, folder in folders.items():
        by_folder.setdefault(folder.resolve(), []).append(path)
    in_batch = {path.resolve() for path in notes_paths}
    failed: dict[Path, NotesResult] = {}
    for resolved_folder, paths in by_folder.items():
        folder = folders[paths[0]]
        owners = [owner for owner in sorted(Manifest.load(folder).owners())
                  if owner not in in_batch and owner.is_file()]
        outside = [owner for owner, other in _output_folders(owners, out).items()
                   if other.resolve() == resolved_folder]
        if len(paths) + len(outside) < 2:
            continue
        for path in paths:
            others = [other for other in paths if other != path] + outside
            failed[path] = NotesResult(notes_path=path, folder=folder, error=UserError(
                _collision_problem(path, folder, others)))
    return failed


def _stale_outputs(results: list[NotesResult], out: Path, prune: bool, force: bool) -> None:
    """Report (or with ``prune``, remove) what each rendered notes file wrote once and no longer produces."""
    from followup.output.stale import PRUNE_REASON, find_stale
    from followup.output.stale import prune as prune_outputs

    produces = {result.notes_path.resolve(): result.produces for result in results
                if result.error is None and result.produces is not None}
    stale = find_stale(out, produces)
    if not stale:
        return
    by_notes = {result.notes_path.resolve(): result for result in results}
    if prune:
        for done in prune_outputs(stale, force=force):
            item = done.stale
            if item.state != "missing" or done.status == "failed":
                by_notes[item.notes].outputs.append(Output(item.document, done.status, item.format, None,
                                                           item.path, done.reason))
        return
    for item in stale:
        if item.state == "missing":
            continue
        reason = PRUNE_REASON.format(notes=by_notes[item.notes].notes_path)
        if item.state == "edited":
            reason += " (edited since followup wrote it: only with --force)"
        by_notes[item.notes].outputs.append(Output(item.document, "stale", item.format, None, item.path, reason))


def render_paths(paths: Iterable[Path], *, out: Path, documents: list[str] | None = None,
                 formats: list[str] | None = None, interviewer: str | None = None,
                 templates_dir: Path | None = None, force: bool = False, jobs: int | None = None,
                 on_result: OnResult | None = None, cc_all: bool = False, prune: bool = False,
                 include_private: bool = False) -> BatchResult:
    """Render every notes file found under ``paths``; a failing file does not stop the others.

    ``on_result`` is called in this process as each file finishes (in finishing
    order); the returned results are sorted by path. Two notes files whose
    outputs would share a folder both fail before anything is written. Outputs a
    rendered notes file no longer produces are added to its result as ``stale``;
    with ``prune`` they are removed (``pruned``; an edited one only with ``force``).
    """
    from followup.notes.discovery import find_notes

    started = time.perf_counter()
    notes_paths = sorted(dict.fromkeys(Path(path) for path in find_notes(list(paths))))
    options = RenderOptions(out=Path(out), documents=tuple(documents) if documents is not None else None,
                            formats=tuple(formats) if formats is not None else None,
                            interviewer=interviewer, templates_dir=templates_dir, force=force, cc_all=cc_all,
                            include_private=include_private)
    batch = BatchResult()

    def deliver(result: NotesResult) -> None:
        batch.results.append(result)
        if on_result is not None:
            on_result(result)

    try:
        with _noting_interrupts() as stop_if_interrupted:
            def checked(result: NotesResult) -> None:
                deliver(result)
                stop_if_interrupted()

            _render_all(notes_paths, options, jobs, batch, checked)
    finally:
        _PRELOADED.clear()
    batch.results.sort(key=lambda result: result.notes_path)
    _stale_outputs(batch.results, options.out, prune, force)
    batch.elapsed_seconds = time.perf_counter() - started
    return batch


def _render_all(notes_paths: list[Path], options: RenderOptions, jobs: int | None, batch: BatchResult,
                deliver: OnResult) -> None:
    """Every notes file rendered (in this process or a pool), each result delivered as it finishes."""
    collided = _collisions(notes_paths, options.out)
    for path in notes_paths:
        if path in collided:
            deliver(collided[path])
    notes_paths = [path for path in notes_paths if path not in collided]
    if not notes_paths:
        return
    workers = batch.jobs = max(1, min(jobs or os.cpu_count() or 1, len(notes_paths)))
    if workers == 1:
        if len(notes_paths) == 1:  # a lone file: its documents share the cores instead (same files)
            options = replace(options, processes=min(2, jobs or os.cpu_count() or 1))
        for path in notes_paths:
            deliver(render_one(path, options))
    else:
        context = _fork_context()
        if context is not None:
            _warm_up(options)
        generation = workers * TASKS_PER_WORKER if context is not None else len(notes_paths)
        for chunk in _chunks(_largest_first(notes_paths), generation):
            _run_pool(chunk, options, workers, context, deliver)
        batch.peak_worker_rss_kib = _children_peak_rss_kib()


@contextlib.contextmanager
def _noting_interrupts() -> Iterator[Callable[[], None]]:
    """While in the block, Ctrl-C, SIGTERM and SIGHUP are noted as well as raised; yields the check of the note.

    A signal's exception is raised wherever the main thread happens to be. Raised
    inside a finaliser (a ``__del__``, a weakref callback, the garbage collector),
    Python prints "Exception ignored" and carries on, and a library that catches
    ``BaseException`` can swallow it as well: in one CI run in about thirty, a
    Ctrl-C in the middle of a batch was lost and the batch finished with status
    0. The check raises the exception a signal's handler raised again, so the
    batch stops before its next notes file all the same (a handler that raises
    nothing stops nothing). Only a handler written in Python is wrapped
    (``SIG_IGN`` and ``SIG_DFL`` need no note), and only in the main thread,
    where signal handlers run.
    """
    import threading

    noted: list[BaseException] = []
    previous: dict[int, Callable[[int, Any], Any]] = {}
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGINT, *TERMINATING_SIGNALS):
            handler = signal.getsignal(signum)
            if callable(handler):
                previous[signum] = handler
                signal.signal(signum, _noting(handler, noted))

    def stop_if_interrupted() -> None:
        if noted:
            raise noted[0]  # KeyboardInterrupt, or Interrupted (cli.py): what the handler raised

    try:
        yield stop_if_interrupted
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _noting(handler: Callable[[int, Any], Any], noted: list[BaseException]) -> Callable[[int, Any], Any]:
    """``handler``, noting the exception it raises (a handler that only logs, say, stops nothing)."""
    def noting(signum: int, frame: Any) -> Any:
        try:
            return handler(signum, frame)
        except BaseException as error:
            noted.append(error)
            raise

    return noting


__all__ = ["TASKS_PER_WORKER", "BatchResult", "RenderOptions", "WorkerError", "render_one", "render_paths"]
