"""What the CLI prints: where the files went, and tables that keep their useful columns at 80 columns."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from followup import cli_output
from followup.cli import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
NARROW = {"COLUMNS": "80"}


def _column(output: str, index: int) -> str:
    """Everything in column ``index`` of the rich tables in ``output``, whitespace removed (folds rejoined)."""
    cells = [line.split("│")[index + 1] for line in output.splitlines()
             if line.startswith("│") and line.count("│") > index + 1]
    return re.sub(r"\s+", "", "".join(cells))


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_status_at_80_columns_keeps_names_and_steps_whole(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["status", str(EXAMPLES)], env=NARROW)
    assert result.exit_code == 0, result.output
    assert "…" not in result.output
    assert max(len(line) for line in result.output.splitlines()) <= 80
    steps = _column(result.output, 2)
    assert _compact("Send Jordan Lee the materials") in steps  # acme: materials by Tuesday, as promised
    assert _compact("Thank all 2 interviewers") in steps
    assert _compact("Regional Sales Manager, Northeast") in _column(result.output, 0)


def test_templates_list_at_80_columns_names_every_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["templates", "list"], env=NARROW)
    assert result.exit_code == 0, result.output
    assert "…" not in result.output
    files = _column(result.output, 2)
    for name in ("thank-you-letter/thank-you-letter.email.html", "criteria-match/criteria-match.docx",
                 "base/letterhead.html"):
        assert name in files
    assert f"built-in: {ROOT / 'templates'}" in _compact(result.output).replace("built-in:", "built-in: ")


def test_the_failures_table_at_80_columns_keeps_paths_and_reasons(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    notes = tmp_path / "acme-robotics.toml"
    shutil.copy(EXAMPLES / "acme-robotics.toml", notes)
    out = tmp_path / "a-rather-long-output-folder-name-for-this-test"
    runner = CliRunner()
    first = runner.invoke(app, ["render", str(notes), "-o", str(out), "-d", "thank-you-letter", "-f", "txt",
                                "-j", "1"])
    assert first.exit_code == 0, first.output
    edited = out / "acme-robotics" / "2026-11-20" / "thank-you-letter--jose-martinez.txt"
    edited.write_text("my own words", encoding="utf-8")
    monkeypatch.setattr(cli_output, "_interactive", lambda stream=None: True)
    result = runner.invoke(app, ["render", str(notes), "-o", str(out), "-d", "thank-you-letter,thank-you-card",
                                 "-f", "txt", "-j", "1"], env=NARROW)
    assert result.exit_code == 0, result.output
    assert "…" not in result.stdout
    assert str(edited) in _column(result.stdout, 1)
    assert _compact("thank-you-card has no txt format; it has pdf, docx") in _column(result.stdout, 2)
    assert _compact("edited since followup wrote it") in _column(result.stdout, 2)
    assert f"files are in {out / 'acme-robotics' / '2026-11-20'}/" in result.stdout


def test_render_ends_by_saying_where_the_files_are(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["render", str(EXAMPLES / "acme-robotics.toml"),
                                 str(EXAMPLES / "minimal" / "northwind.toml"), "-o", str(tmp_path / "out"),
                                 "-d", "thank-you-letter", "-f", "txt", "-j", "1"])
    assert result.exit_code == 0, result.output
    last = result.stdout.splitlines()[-2:]
    assert last == [(f"files are in {tmp_path / 'out' / 'acme-robotics' / '2026-11-20'}/: "
                     "3 written, 0 unchanged, 0 skipped, 0 kept, 0 failed"),
                    (f"files are in {tmp_path / 'out' / 'northwind-traders' / '2026-11-23'}/: "
                     "1 written, 0 unchanged, 0 skipped, 0 kept, 0 failed")]
    for line in last:
        folder = Path(line.split("files are in ")[1].split("/: ")[0])
        assert len(list(folder.glob("thank-you-letter--*.txt"))) == int(line.split(": ")[1].split()[0])
    again = runner.invoke(app, ["render", str(EXAMPLES / "minimal" / "northwind.toml"), "-o",
                                str(tmp_path / "out"), "-d", "thank-you-card", "-f", "eml"])
    assert again.stdout.splitlines()[-1] == (
        f"nothing written to {tmp_path / 'out' / 'northwind-traders' / '2026-11-23'}"
        "/: 0 written, 0 unchanged, 1 skipped, 0 kept, 0 failed")


def test_many_folders_are_summed_up_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_output, "MAX_FOLDER_LINES", 1)
    result = CliRunner().invoke(app, ["render", str(EXAMPLES / "acme-robotics.toml"),
                                      str(EXAMPLES / "minimal" / "northwind.toml"), "-o", str(tmp_path / "out"),
                                      "-d", "thank-you-letter", "-f", "txt", "-j", "1"])
    assert result.stdout.splitlines()[-1] == (f"files are in 2 folders under {tmp_path / 'out'}/: "
                                              "4 written, 0 unchanged, 0 skipped, 0 kept, 0 failed")
