"""Render the jobs of one notes file in two processes, so a full package takes half the wall time.

Used by :func:`followup.pipeline.render_notes` when it is given ``processes=2``
or more (the batch does so for a single notes file; a folder is already spread
over processes one file each). Only where ``fork`` exists (Linux): the child
starts with everything this process has imported and loaded, the notes and
the templates included, so nothing is pickled on the way in.

How the work is shared: every job waits in one queue, longest first (by the
documents' ``render_cost``), and both processes take the next one as they
become free (a shared counter), so they finish together whatever the documents
cost (the pipeline adds the documents' checks as one more item). A process
imports matplotlib only if it draws a chart (charts drawn before from the same
numbers are read back from the cache folder: render/charts.py): with the
territory plan and the process-ideas memo in different processes, that import
happens twice, and the two processes still finish about 0.3 s sooner than when
this process kept every charted job (0.33 s of matplotlib import against about
0.6 s of imbalance, measured on the full example). The child sends its results
back (bytes, or the user error of a format, and the warnings met) through a
pipe and exits; this process writes every file, so the manifest and the output
folder have one writer, as before.

The results come back in job order whichever process rendered them, so
warnings and outputs are in the same order as a one-process render, and the
bytes are the same (a render depends only on its inputs). If the child dies
or sends nothing usable, this process renders the jobs it had taken itself:
a failed fork costs time, never output.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import signal
import sys
from collections.abc import Callable, Sequence
from typing import Any

from followup.errors import Problem, UserError

#: what one job's render gives: per format (in order) its name, its bytes, its user error or None (not
#: rendered: unchanged), and its context's fingerprint; then the warnings met
Rendered = tuple[list[tuple[str, "bytes | UserError | None", "str | None"]], list[Problem]]
RenderOne = Callable[[int], Rendered]

#: rough share of a document's render time each format takes (PDF layout dominates)
FORMAT_COST = {"pdf": 10, "docx": 3, "eml": 1, "txt": 0, "ics": 1}


def fork_available() -> bool:
    """True where the ``fork`` start method exists (Linux): the only way this module parallelises."""
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


def render_in_two_processes(costs: Sequence[float], render_one: RenderOne) -> list[Rendered]:
    """``render_one(index)`` for every job index, shared between this process and one forked child.

    ``costs`` orders the shared queue: the most costly job is taken first.
    """
    count = len(costs)
    queue = sorted(range(count), key=lambda index: -costs[index])
    context = multiprocessing.get_context("fork")
    taken = context.Value("i", 0)  # how many of ``queue`` either process has taken
    receiver, sender = context.Pipe(duplex=False)

    def take() -> int | None:
        with taken.get_lock():
            position: int = taken.value
            if position >= len(queue):
                return None
            taken.value = position + 1
            return queue[position]

    first = take()  # the longest job is this process's, before the child can take it
    child = context.Process(target=_child, args=(take, render_one, sender), daemon=True)
    # SIGTERM/SIGHUP are blocked while forking, so none lands in the child before it has its own handler
    # (the parent's raises an exception, which multiprocessing's bootstrap would print as a traceback);
    # the child unblocks them once its handler is in place, the parent right after the fork.
    blocked = {getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, blocked) if hasattr(signal, "pthread_sigmask") else None
    try:
        child.start()
    finally:
        if previous is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
    sender.close()
    try:
        results: dict[int, Rendered] = {}
        index = first
        while index is not None:
            results[index] = render_one(index)
            index = take()
        child_results = _receive(receiver)
        child.join()
    finally:  # an exception here (a bug, Ctrl-C) must not leave the child waiting on a full pipe
        receiver.close()
        if child.is_alive():
            child.terminate()
            child.join()
    results.update(child_results)
    for index in range(count):  # whatever the child took but did not deliver (it died): render it here
        if index not in results:
            results[index] = render_one(index)
    return [results[index] for index in range(count)]


def _child(take: Callable[[], int | None], render_one: RenderOne, sender: Any) -> None:
    """The forked process: take jobs from the shared queue until it is empty, then send the results.

    SIGTERM or SIGHUP (the parent stopping it, or a signal to the whole process
    group) end it at once: it writes no file, so there is nothing to finish.
    """
    ours = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    for signum in ours:
        signal.signal(signum, _end_child)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, ours)  # blocked by the parent while it forked
    results: dict[int, tuple[list[tuple[str, Portable, str | None]], list[Problem]]] = {}
    try:
        while (index := take()) is not None:
            rendered, warnings = render_one(index)
            results[index] = ([(fmt, _portable(data), fingerprint) for fmt, data, fingerprint in rendered], warnings)
        sender.send_bytes(pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL))
    finally:
        sender.close()
        with contextlib.suppress(Exception):  # what os._exit would leave behind: its temporary font folders
            from followup.render.pdf import release_font_configurations

            release_font_configurations()
        os._exit(0)  # no atexit handlers, no flushing of the parent's buffers a second time


def _end_child(signum: int, frame: object) -> None:
    with contextlib.suppress(Exception):  # what os._exit would leave behind: its temporary font folders
        from followup.render.pdf import release_font_configurations

        release_font_configurations()
    os._exit(128 + signum)


def _receive(receiver: Any) -> dict[int, Rendered]:
    """The child's results, or nothing if it died before sending them."""
    try:
        payload = pickle.loads(receiver.recv_bytes())
    except (EOFError, OSError, pickle.UnpicklingError):
        return {}
    return {index: ([(fmt, _restored(data), fingerprint) for fmt, data, fingerprint in rendered], warnings)
            for index, (rendered, warnings) in payload.items()}


#: a format's result as it crosses the pipe: bytes, None, or a user error's class and problems
Portable = bytes | None | tuple[str, type[UserError], list[Problem]]


def _portable(data: bytes | UserError | None) -> Portable:
    """Bytes as they are; a user error as its class and problems (its own pickling would lose them)."""
    if isinstance(data, UserError):
        return ("error", type(data), data.problems)
    return data


def _restored(data: Portable) -> bytes | UserError | None:
    if isinstance(data, tuple):
        _, error_type, problems = data
        try:
            error: UserError = error_type(problems)
            return error
        except TypeError:
            return UserError(problems)
    return data


__all__ = ["FORMAT_COST", "fork_available", "render_in_two_processes"]
