"""The program's entry point (``followup.cli.run``) ends the process quickly without losing anything.

It skips the interpreter's teardown with ``os._exit``, after flushing the
output and running the exit handlers: the exit status, every line of output
and the handlers' work (temporary folders removed) must all survive that.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FULL_EXAMPLE = ROOT / "examples" / "acme-robotics.toml"


def followup(*arguments: str, **options: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "followup", *arguments], capture_output=True, text=True,
                          timeout=300, **options)  # type: ignore[call-overload]


def test_the_exit_status_and_all_the_output_survive_the_quick_exit(tmp_path: Path) -> None:
    schema = followup("schema")
    assert schema.returncode == 0
    assert schema.stdout.rstrip().endswith("}")  # the whole JSON Schema, flushed before the exit
    assert followup("check", str(tmp_path / "missing.toml")).returncode == 2
    broken = tmp_path / "broken.toml"
    broken.write_text('[company]\nname = "Acme"\n[interview\n', encoding="utf-8")
    failed = followup("check", str(broken))
    assert failed.returncode == 1
    assert "broken.toml:3:11: TOML syntax error" in failed.stderr
    assert failed.stderr.rstrip().endswith("1 error(s), 0 warning(s), 0 gap(s)")  # the last line too


def test_exit_handlers_run_before_the_quick_exit(tmp_path: Path) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    completed = followup("render", str(FULL_EXAMPLE), "-o", str(tmp_path / "out"), "-d", "thank-you-letter",
                         "-f", "pdf", env={**os.environ, "TMPDIR": str(temporary)})
    assert completed.returncode == 0, completed.stderr
    assert list((tmp_path / "out").rglob("*.pdf"))
    assert list(temporary.iterdir()) == []  # the font folder's removal is an exit handler's job here


def test_output_into_a_pipe_closed_early_is_not_an_error() -> None:
    completed = subprocess.run(f"{sys.executable} -m followup schema | head -c 10", shell=True, capture_output=True,
                               text=True, timeout=120)
    assert len(completed.stdout) == 10
    assert "Traceback" not in completed.stderr
