"""Helpers for the batch tests: the CLI as a subprocess, snapshots of OUT, leftover temporary files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CLI = [sys.executable, "-m", "followup"]


def run_cli(*arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``followup ARGUMENTS`` in ``cwd`` as a user runs it, with plain (CI) output."""
    environment = dict(os.environ, CI="1")
    return subprocess.run([*CLI, *arguments], cwd=cwd, env=environment, capture_output=True, text=True,
                          timeout=300, check=False)


def snapshot(folder: Path) -> dict[str, int]:
    """Every file under ``folder`` (hidden ones too) and its mtime in nanoseconds."""
    return {str(path.relative_to(folder)): path.stat().st_mtime_ns
            for path in sorted(folder.rglob("*")) if path.is_file()}


def temporary_files(folder: Path) -> list[Path]:
    """Leftover temporary files of atomic writes."""
    return [path for path in folder.rglob("*") if path.name.endswith(".tmp")]
