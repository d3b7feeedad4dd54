"""The render command's options: comma-separated formats, unknown ones, one line for a bad -o, accents."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from followup.cli import app

ROOT = Path(__file__).resolve().parents[1]
FULL = ROOT / "examples" / "acme-robotics.toml"


def _followup(*arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "followup", *arguments], cwd=cwd, capture_output=True, text=True,
                          env=dict(os.environ, CI="1"), timeout=300, check=False)


def test_comma_separated_formats_are_two_formats(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["render", str(FULL), "-o", str(tmp_path), "-d", "thank-you-card",
                                      "-f", "pdf,docx", "--interviewer", "jose martinez", "-j", "1"])
    assert result.exit_code == 0, result.output
    folder = tmp_path / "acme-robotics" / "2026-11-20"
    assert sorted(path.name for path in folder.glob("thank-you-card*")) == [
        "thank-you-card--jose-martinez.docx", "thank-you-card--jose-martinez.pdf"]
    assert (folder / "thank-you-card--jose-martinez.pdf").read_bytes().startswith(b"%PDF")


def test_an_unknown_format_is_a_usage_error_listing_the_known_ones(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["render", str(FULL), "-o", str(tmp_path), "-f", "pdf,doc"])
    assert result.exit_code == 2
    assert "'doc' is not a format; choose from pdf, docx, eml, txt, ics" in result.output
    assert not any(tmp_path.iterdir())


def test_nothing_to_do_says_why(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["render", str(FULL), "-o", str(tmp_path), "-d", "thank-you-card", "-f", "eml"])
    assert result.exit_code == 0, result.output
    assert "thank-you-card has no eml format; it has pdf, docx" in result.output


def test_a_bad_out_is_one_line_and_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    for out, message in (("a-file", "the output folder is a file, not a folder"),
                         ("a-file/inside", "cannot create the output folder")):
        completed = _followup("render", str(FULL), "-o", out, cwd=tmp_path)
        assert completed.returncode == 2, completed.stderr
        lines = completed.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"{out}: -o/--out: {message}"), lines
        assert completed.stdout == ""
