"""SIGTERM and SIGHUP end a batch the way Ctrl-C does: no process left, no half-written file, 128 + signal.

What ``timeout``, a service manager or a CI cancel send (SIGTERM, to the
command or to its whole process group) and what a closed terminal sends
(SIGHUP, to the foreground process group). Processes are found in /proc by
their process group (the CLI is started in a session of its own).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import docx
import pypdf
import pytest
from batch_helpers import run_cli, start_cli, temporary_files
from notes_factory import write_notes

from followup.notes.discovery import find_notes

NOTES_COUNT = 12
ARGUMENTS = ["-d", "thank-you-card", "-d", "thank-you-letter", "-f", "pdf", "-f", "docx"]

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def group_members(group: int) -> list[int]:
    """Live (not zombie) processes whose process group is ``group``."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()  # after "pid (comm) ": state, ppid, pgrp, ...
        if int(fields[2]) == group and fields[0] != "Z":
            members.append(int(entry.name))
    return members


def wait_until(condition: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.02)
    return False


def assert_outputs_whole(out: Path) -> None:
    assert temporary_files(out) == []
    for pdf in out.rglob("*.pdf"):
        assert len(pypdf.PdfReader(pdf).pages) >= 1
    for document in out.rglob("*.docx"):
        assert docx.Document(document).paragraphs


def finish(process: subprocess.Popen[str]) -> tuple[str, list[int]]:
    """Wait for the signalled command: its stderr, and the processes of its group still alive 10 s after it ended.

    Whatever is left is then killed, so that a failing run leaves nothing behind either.
    """
    try:
        _, stderr = process.communicate(timeout=120)
    except subprocess.TimeoutExpired:  # a worker left holding the output pipes
        stderr = "(no end within 120 s)"
    left = [] if wait_until(lambda: not group_members(process.pid), 10) else group_members(process.pid)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    return stderr, left


@pytest.mark.parametrize("whole_group", [False, True], ids=["to-followup", "to-process-group"])
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_ends_a_batch_like_ctrl_c(tmp_path: Path, signum: int, whole_group: bool) -> None:
    write_notes(tmp_path / "notes", NOTES_COUNT)
    out = tmp_path / "out"
    arguments = ["render", "notes", "-o", "out", *ARGUMENTS, "-j", "2"]
    process = start_cli(*arguments, cwd=tmp_path)
    try:
        assert wait_until(lambda: any(out.rglob("*.pdf")) or process.poll() is not None, 180)
        assert process.poll() is None, "the batch finished before it could be signalled"
        assert len(group_members(process.pid)) >= 3, "expected the CLI and its two workers"
        if whole_group:
            os.killpg(process.pid, signum)
        else:
            os.kill(process.pid, signum)
    finally:
        stderr, left = finish(process)
    assert left == [], f"{len(left)} process(es) outlived the command"
    assert process.returncode == 128 + signum, (process.returncode, stderr)
    name = signal.Signals(signum).name
    assert f"interrupted by {name}: no file is half-written" in stderr
    assert "Traceback" not in stderr
    pdfs = list(out.rglob("*.pdf"))
    assert pdfs and len(pdfs) < NOTES_COUNT * 2, "the signal did not stop the batch"
    assert_outputs_whole(out)

    finished = run_cli(*arguments, cwd=tmp_path)
    assert finished.returncode == 0, finished.stderr
    assert len(list(out.rglob("*.pdf"))) == NOTES_COUNT * 2
    assert_outputs_whole(out)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_signal_ends_both_processes_of_a_lone_notes_file(tmp_path: Path, signum: int) -> None:
    """A lone notes file is rendered in two processes (render/parallel.py): the second ends with the first."""
    notes = write_notes(tmp_path / "notes", 1)[0]
    assert find_notes([notes]) == [notes]
    out = tmp_path / "out"
    process = start_cli("render", str(notes), "-o", "out", "-j", "2", cwd=tmp_path)
    try:
        assert wait_until(lambda: len(group_members(process.pid)) >= 2 or process.poll() is not None, 180)
        assert process.poll() is None, "the render finished before it could be signalled"
        os.killpg(process.pid, signum)
    finally:
        stderr, left = finish(process)
    assert left == [], f"{len(left)} process(es) outlived the command"
    assert process.returncode == 128 + signum, (process.returncode, stderr)
    assert "Traceback" not in stderr
    assert_outputs_whole(out)


def test_a_sighup_ignored_at_the_start_stays_ignored(tmp_path: Path) -> None:
    """``nohup followup render ...``: a closed terminal must not stop the batch."""
    write_notes(tmp_path / "notes", NOTES_COUNT)
    out = tmp_path / "out"
    process = start_cli("render", "notes", "-o", "out", *ARGUMENTS, "-j", "2", cwd=tmp_path,
                        ignored=(signal.SIGHUP,))
    try:
        assert wait_until(lambda: any(out.rglob("*.pdf")) or process.poll() is not None, 180)
        assert process.poll() is None, "the batch finished before it could be signalled"
        os.killpg(process.pid, signal.SIGHUP)
    finally:
        stderr, left = finish(process)
    assert left == []
    assert process.returncode == 0, stderr
    assert len(list(out.rglob("*.pdf"))) == NOTES_COUNT * 2
    assert_outputs_whole(out)
