"""Helpers for the batch tests: the CLI as a subprocess, snapshots of OUT, leftover temporary files."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

CLI = [sys.executable, "-m", "followup"]


def run_cli(*arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``followup ARGUMENTS`` in ``cwd`` as a user runs it, with plain (CI) output."""
    environment = dict(os.environ, CI="1")
    return subprocess.run([*CLI, *arguments], cwd=cwd, env=environment, capture_output=True, text=True,
                          timeout=300, check=False)


def _default_signals() -> None:
    """In the child before exec: Ctrl-C, SIGTERM and SIGHUP back to their defaults, whatever this process inherited.

    A shell starts a background job (``make test &``) with SIGINT ignored, ``nohup``
    ignores SIGHUP, and an ignored signal stays ignored across exec: the CLI
    would then rightly keep ignoring it, and the interrupt tests would test nothing.
    """
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)


def start_cli(*arguments: str, cwd: Path, ignored: tuple[int, ...] = ()) -> subprocess.Popen[str]:
    """``followup ARGUMENTS`` started in ``cwd`` in its own process group (as a terminal runs a command).

    The child gets SIGINT, SIGTERM and SIGHUP at their defaults whether or not this process ignores them,
    except the ``ignored`` ones (as ``nohup`` starts a command with SIGHUP ignored).
    """

    def prepare() -> None:
        _default_signals()
        for signum in ignored:
            signal.signal(signum, signal.SIG_IGN)

    return subprocess.Popen([*CLI, *arguments], cwd=cwd, env=dict(os.environ, CI="1"), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True,
                            preexec_fn=prepare)


def snapshot(folder: Path) -> dict[str, int]:
    """Every file under ``folder`` (hidden ones too) and its mtime in nanoseconds."""
    return {str(path.relative_to(folder)): path.stat().st_mtime_ns
            for path in sorted(folder.rglob("*")) if path.is_file()}


def temporary_files(folder: Path) -> list[Path]:
    """Leftover temporary files of atomic writes."""
    return [path for path in folder.rglob("*") if path.name.endswith(".tmp")]
