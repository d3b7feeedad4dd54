"""``make install`` puts ``followup`` on PATH: pipx when there is one, else a link in BINDIR."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VENV_FOLLOWUP = ROOT / ".venv" / "bin" / "followup"

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="no make")


def make_install(tmp_path: Path, *variables: str, path: str | None = None) -> subprocess.CompletedProcess[str]:
    stamp = tmp_path / "stamp"  # stands for the installed .venv: no pip run in a test
    stamp.touch()
    environment = dict(os.environ, PATH=path if path is not None else os.environ.get("PATH", ""))
    return subprocess.run(["make", "--no-print-directory", "-C", str(ROOT), "install", f"STAMP={stamp}",
                           *variables], check=False, capture_output=True, text=True, timeout=60, env=environment)


@pytest.mark.skipif(not VENV_FOLLOWUP.exists(), reason="no .venv/bin/followup in this checkout")
def test_without_pipx_it_links_the_venvs_followup_and_says_so(tmp_path: Path) -> None:
    bindir = tmp_path / "bin"
    completed = make_install(tmp_path, "PIPX=", f"BINDIR={bindir}")
    assert completed.returncode == 0, completed.stderr
    link = bindir / "followup"
    assert link.is_symlink() and link.resolve() == VENV_FOLLOWUP.resolve()
    assert f"linked {link}" in completed.stdout
    assert f"{bindir} is not on your PATH" in completed.stdout
    version = subprocess.run([str(link), "--version"], check=False, capture_output=True, text=True, timeout=60)
    assert version.stdout.startswith("followup ")

    on_path = make_install(tmp_path, "PIPX=", f"BINDIR={bindir}", path=f"{bindir}:{os.environ['PATH']}")
    assert "not on your PATH" not in on_path.stdout and "try  followup --help" in on_path.stdout


def test_with_pipx_it_installs_this_checkout_with_the_pinned_versions(tmp_path: Path) -> None:
    calls = tmp_path / "calls"
    pipx = tmp_path / "pipx"
    pipx.write_text(f'#!/bin/sh\nfor arg in "$@"; do echo "$arg" >> {calls}; done\n', encoding="utf-8")
    pipx.chmod(0o755)
    completed = make_install(tmp_path, f"PIPX={pipx}", f"BINDIR={tmp_path / 'bin'}")
    assert completed.returncode == 0, completed.stderr
    assert calls.read_text(encoding="utf-8").splitlines() == [
        "install", "--force", f"--pip-args=-c {ROOT / 'constraints.txt'}", "."]
    assert not (tmp_path / "bin").exists()
