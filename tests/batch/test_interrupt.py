"""Ctrl-C in the middle of a batch leaves only complete, readable files, and a re-run finishes the job."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import docx
import pypdf
import pytest
from batch_helpers import run_cli, start_cli, temporary_files
from notes_factory import write_notes

NOTES_COUNT = 12


@pytest.mark.parametrize(("jobs", "whole_group"), [(2, False), (2, True), (1, True)],
                         ids=["2-jobs-parent-only", "2-jobs-terminal-ctrl-c", "in-process-ctrl-c"])
def test_sigint_leaves_only_complete_files(tmp_path: Path, jobs: int, whole_group: bool) -> None:
    """SIGINT to the CLI alone, and to its whole process group as a terminal's Ctrl-C does."""
    write_notes(tmp_path / "notes", NOTES_COUNT)
    out = tmp_path / "out"
    arguments = ["render", "notes", "-o", "out", "-d", "thank-you-card", "-d", "thank-you-letter",
                 "-f", "pdf", "-f", "docx", "-j", str(jobs)]
    process = start_cli(*arguments, cwd=tmp_path)
    try:
        deadline = time.monotonic() + 120
        while not any(out.rglob("*.pdf")) and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert process.poll() is None, "the batch finished before it could be interrupted"
        if whole_group:
            os.killpg(process.pid, signal.SIGINT)
        else:
            process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130, (process.returncode, stderr[-2000:])
    assert "Traceback" not in stderr
    pdfs = sorted(out.rglob("*.pdf"))
    documents = sorted(out.rglob("*.docx"))
    assert pdfs, "nothing was written before the interrupt"
    assert len(pdfs) < NOTES_COUNT * 2, "the interrupt did not stop the batch"
    for pdf in pdfs:
        assert len(pypdf.PdfReader(pdf).pages) >= 1
    for document in documents:
        assert docx.Document(document).paragraphs
    assert temporary_files(out) == []

    finished = run_cli(*arguments, cwd=tmp_path)
    assert finished.returncode == 0, finished.stderr
    assert " 0 kept" in finished.stdout and "0 failed" in finished.stdout
    assert len(list(out.rglob("*.pdf"))) == NOTES_COUNT * 2


def test_a_ctrl_c_whose_exception_was_lost_still_stops_the_batch(tmp_path: Path, monkeypatch) -> None:
    """Raised inside a finaliser, or caught by a library that catches BaseException, a KeyboardInterrupt is lost:
    the batch noted the signal, and stops before its next notes file all the same."""
    import followup.batch as batch_module
    from followup.batch import render_paths

    write_notes(tmp_path / "notes", 3)
    started: list[Path] = []
    real_render_one = batch_module.render_one

    def swallowing(path, options):  # type: ignore[no-untyped-def]
        started.append(path)
        try:  # what a library swallowing BaseException does with a Ctrl-C that lands in it
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(1)
        except KeyboardInterrupt:
            pass
        return real_render_one(path, options)

    monkeypatch.setattr(batch_module, "render_one", swallowing)
    before = signal.getsignal(signal.SIGINT)
    with pytest.raises(KeyboardInterrupt):
        render_paths([tmp_path / "notes"], out=tmp_path / "out", documents=["thank-you-letter"], formats=["txt"],
                     jobs=1)
    assert len(started) == 1, "the batch stopped after the file the Ctrl-C was lost in"
    assert signal.getsignal(signal.SIGINT) is before


def test_a_signal_whose_handler_raises_nothing_stops_nothing(tmp_path: Path) -> None:
    """A host program's own SIGHUP handler (reopening a log, say) is called once and the batch goes on."""
    from followup.batch import render_paths

    write_notes(tmp_path / "notes", 2)
    calls: list[int] = []
    previous = signal.signal(signal.SIGHUP, lambda signum, frame: calls.append(signum))
    try:
        def on_result(result) -> None:  # type: ignore[no-untyped-def]
            if not calls:
                os.kill(os.getpid(), signal.SIGHUP)
                time.sleep(0.2)

        batch = render_paths([tmp_path / "notes"], out=tmp_path / "out", documents=["thank-you-letter"],
                             formats=["txt"], jobs=1, on_result=on_result)
    finally:
        signal.signal(signal.SIGHUP, previous)
    assert calls == [signal.SIGHUP] and len(batch.results) == 2 and not batch.failed
