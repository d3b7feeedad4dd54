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
    assert process.returncode == 130, process.returncode
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
