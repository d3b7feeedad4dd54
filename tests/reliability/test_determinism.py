"""Deterministic output: the same notes, profile and templates give byte-identical files on every run.

Every example in examples/ (and the rich fixture of the document tests) is
rendered twice with ``followup render --force`` in two separate processes, into
two folders, under a different hash seed, time zone, locale and working folder,
and every file is compared byte for byte. A difference names the file and the
first differing offset, which is enough to find a timestamp or a random ID.
"""

from __future__ import annotations

import datetime
import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from reliability_support import ROOT, document_outputs, example_notes, output_files

PYTHON = Path(sys.executable)
DOCUMENT_FIXTURE = ROOT / "tests" / "documents" / "fixtures" / "full.toml"


def _notes_groups() -> dict[str, list[Path]]:
    """Notes files by output folder: the document fixture shares company and date with the Acme example,
    so it renders into a folder of its own (two notes files for one company and day write the same files)."""
    groups = {"examples": example_notes()}
    if DOCUMENT_FIXTURE.exists():
        groups["fixture"] = [DOCUMENT_FIXTURE]
    return {name: files for name, files in groups.items() if files}


def _render_one(notes: list[Path], out: Path, cwd: Path, environment: dict[str, str],
                force: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **environment}
    return subprocess.run(
        [str(PYTHON), "-m", "followup", "render", *map(str, notes), "-o", str(out), "-j", "2",
         *(["--force"] if force else [])],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=600,
    )


def _render(out: Path, cwd: Path, environment: dict[str, str], force: bool = True) -> str:  # noqa: D103
    """Render every group into ``out/<group>``; the combined stdout and stderr."""
    text = ""
    for name, notes in _notes_groups().items():
        completed = _render_one(notes, out / name, cwd, environment, force)
        text += completed.stdout + completed.stderr
    return text


@pytest.fixture(scope="module")
def two_renders(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    if not _notes_groups():
        pytest.skip("no examples yet")
    first_cwd = tmp_path_factory.mktemp("first")
    second_cwd = tmp_path_factory.mktemp("second")
    first = _render(first_cwd / "out", first_cwd, {"PYTHONHASHSEED": "1", "TZ": "UTC", "LC_ALL": "C.UTF-8"})
    second = _render(second_cwd / "out", second_cwd,
                     {"PYTHONHASHSEED": "2", "TZ": "Pacific/Kiritimati", "LC_ALL": "C",
                      "SOURCE_DATE_EPOCH": "1700000000"})
    for text in (first, second):
        assert "internal error" not in text and "Traceback" not in text, text
    return first_cwd / "out", second_cwd / "out"


def _first_difference(left: bytes, right: bytes) -> int:
    for offset, (a, b) in enumerate(zip(left, right)):
        if a != b:
            return offset
    return min(len(left), len(right))


def test_every_example_renders_to_the_same_bytes_twice(two_renders: tuple[Path, Path]) -> None:
    first, second = two_renders
    first_files = {path.relative_to(first) for path in output_files(first)
                   if not path.name.endswith(".lock")}
    second_files = {path.relative_to(second) for path in output_files(second)
                    if not path.name.endswith(".lock")}
    assert first_files == second_files
    assert any(path.suffix == ".pdf" for path in first_files)
    differences = []
    for relative in sorted(first_files):
        left = (first / relative).read_bytes()
        right = (second / relative).read_bytes()
        if left != right:
            offset = _first_difference(left, right)
            differences.append(f"{relative}: differs at byte {offset}: {left[offset:offset + 40]!r} vs "
                               f"{right[offset:offset + 40]!r}")
    assert not differences, "\n".join(differences)


def test_every_format_was_compared(two_renders: tuple[Path, Path]) -> None:
    """The comparison covered every format the documents have (a format that silently vanished would pass)."""
    from reliability_support import ready_documents

    suffixes = {path.suffix.lstrip(".") for path in document_outputs(two_renders[0])}
    expected = {fmt for document in ready_documents() for fmt in document.formats}
    assert expected <= suffixes, expected - suffixes


def test_pdfs_carry_no_clock_time(two_renders: tuple[Path, Path]) -> None:
    """No PDF has a creation date from the clock: none at all, or the interview date; a fixed /ID."""
    from pypdf import PdfReader

    pdfs = [path for path in document_outputs(two_renders[0]) if path.suffix == ".pdf"]
    assert pdfs
    today = datetime.date.today().strftime("%Y%m%d")
    for path in pdfs:
        reader = PdfReader(path)
        metadata = reader.metadata or {}
        for key in ("/CreationDate", "/ModDate"):
            value = str(metadata.get(key, ""))
            interview_date = path.parent.name.replace("-", "")
            assert not value or value.startswith(f"D:{interview_date}"), (path, key, value)
            assert today not in value or today == interview_date, (path, key, value)
        identifier = reader.trailer.get("/ID")
        assert identifier is not None and str(identifier[0]) == "followup", (path, identifier)


def test_docx_zip_entries_have_fixed_timestamps(two_renders: tuple[Path, Path]) -> None:
    docx_files = [path for path in document_outputs(two_renders[0]) if path.suffix == ".docx"]
    assert docx_files
    for path in docx_files:
        with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
            stamps = {info.date_time for info in archive.infolist()}
            assert stamps == {(1980, 1, 1, 0, 0, 0)}, (path, stamps)
            names = archive.namelist()
            core = archive.read("docProps/core.xml").decode("utf-8") if "docProps/core.xml" in names else ""
            assert datetime.date.today().isoformat() not in core, (path, core)


def test_a_second_render_without_force_changes_nothing(two_renders: tuple[Path, Path]) -> None:
    """The manifest's "unchanged" is honest: rendering again writes nothing and every byte stays.

    (Runs last in this module: it renders into the first render's folder again.)
    """
    out = two_renders[0]
    cwd = out.parent
    before = {path: path.read_bytes() for path in document_outputs(out)}
    assert before
    stamps = {path: path.stat().st_mtime_ns for path in before}
    second = _render(out, cwd, {"PYTHONHASHSEED": "3"}, force=False)
    assert "Traceback" not in second
    assert {path: path.read_bytes() for path in document_outputs(out)} == before
    assert {path: path.stat().st_mtime_ns for path in before} == stamps
