"""Rendering one notes file in two processes: the same files, outputs and warnings as in one."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from followup.errors import Problem, TemplateError
from followup.pipeline import NotesResult, render_notes
from followup.render.parallel import fork_available, render_in_two_processes

ROOT = Path(__file__).resolve().parents[2]
FULL_EXAMPLE = ROOT / "examples" / "acme-robotics.toml"

needs_fork = pytest.mark.skipif(not fork_available(), reason="parallel rendering needs fork (Linux)")


def files(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``; a manifest without its entries' ``context`` keys.

    The context key records which context keys each format read, and a process learns a
    charted document's reads only once it has drawn its charts (render/reads.py): whether
    the parent or the child drew them changes the key, not any output.
    """
    found = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.name == ".followup-manifest.json":
            entries = json.loads(data)
            for entry in entries.values():
                entry.pop("context", None)
            data = json.dumps(entries, sort_keys=True).encode()
        found[str(path.relative_to(folder))] = data
    return found


def summary(result: NotesResult, out: Path) -> list[tuple[object, ...]]:
    return [(o.document, o.status, o.format, o.interviewer, o.path.relative_to(out) if o.path else None, o.reason)
            for o in result.outputs]


@needs_fork
def test_two_processes_write_the_same_files_outputs_and_warnings(tmp_path: Path) -> None:
    one = render_notes(FULL_EXAMPLE, out=tmp_path / "one", processes=1)
    two = render_notes(FULL_EXAMPLE, out=tmp_path / "two", processes=2)
    assert one.error is None and two.error is None
    assert [output.status for output in two.outputs].count("written") >= 20
    assert files(tmp_path / "one") == files(tmp_path / "two")
    assert summary(one, tmp_path / "one") == summary(two, tmp_path / "two")
    assert [str(problem) for problem in one.warnings] == [str(problem) for problem in two.warnings]
    again = render_notes(FULL_EXAMPLE, out=tmp_path / "two", processes=2)  # nothing to render: all unchanged
    assert {output.status for output in again.outputs} == {"unchanged"}


def render_one(index: int) -> tuple[list[tuple[str, bytes | TemplateError | None, str | None]], list[Problem]]:
    if index == 3:
        return [("pdf", TemplateError(Problem("broken template", key_path="x")), None)], [Problem(f"warning {index}")]
    if index == 4:
        return [("pdf", None, "fingerprint 4")], [Problem(f"warning {index}")]  # unchanged: not rendered
    return [("txt", f"job {index} by {os.getpid()}".encode(), f"fingerprint {index}")], [Problem(f"warning {index}")]


@needs_fork
def test_results_come_back_in_job_order_from_both_processes_with_user_errors_intact() -> None:
    results = render_in_two_processes([2] + [1] * 7, render_one)
    assert [warnings[0].message for _, warnings in results] == [f"warning {index}" for index in range(8)]
    (_, error, _), = results[3][0]
    assert isinstance(error, TemplateError) and error.problems[0].key_path == "x"
    assert results[4][0] == [("pdf", None, "fingerprint 4")]
    assert [fingerprint for rendered, _ in results if rendered[0][1] is not None and rendered[0][0] == "txt"
            for _, _, fingerprint in rendered] == [f"fingerprint {index}" for index in (0, 1, 2, 5, 6, 7)]
    (_, mine, _), = results[0][0]
    assert isinstance(mine, bytes) and mine.endswith(str(os.getpid()).encode())  # the longest job is this process's


@needs_fork
def test_a_child_that_dies_costs_time_not_output() -> None:
    parent = os.getpid()

    def dying(index: int) -> tuple[list[tuple[str, bytes | None, str | None]], list[Problem]]:
        if os.getpid() != parent:
            os._exit(3)  # the child dies on its first job
        return [("txt", str(index).encode(), None)], []

    results = render_in_two_processes([1] * 5, dying)
    assert [rendered[0][1] for rendered, _ in results] == [str(index).encode() for index in range(5)]


@needs_fork
def test_an_error_in_this_process_leaves_no_child_behind() -> None:
    import multiprocessing

    parent = os.getpid()

    def failing_here(index: int) -> tuple[list[tuple[str, bytes | None, str | None]], list[Problem]]:
        if os.getpid() == parent:
            raise RuntimeError("a bug while rendering")
        return [("txt", b"x" * 1_000_000, None)], []  # more than a pipe holds: the child would block sending

    with pytest.raises(RuntimeError):
        render_in_two_processes([1] * 6, failing_here)
    assert multiprocessing.active_children() == []


@needs_fork
def test_a_save_renders_in_two_processes_only_what_reads_the_part_it_changed(tmp_path: Path) -> None:
    """Each process fingerprints the jobs it takes and sends back the formats it found unchanged."""
    notes = tmp_path / "acme.toml"
    notes.write_text(FULL_EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    kinds = {"documents": ["thank-you-card", "thank-you-letter"], "formats": ["pdf", "txt"]}
    first = render_notes(notes, out=out, processes=2, **kinds)
    assert first.error is None and {output.status for output in first.outputs} == {"written"}
    notes.write_text(notes.read_text(encoding="utf-8").replace("Boston Marathon in April", "Boston Marathon in May"),
                     encoding="utf-8")
    second = render_notes(notes, out=out, processes=2, **kinds)
    written = sorted(output.path.name for output in second.outputs if output.status == "written")
    assert written == ["thank-you-card--jordan-lee.pdf"], "only Jordan's card shows his personal note"
    assert {output.status for output in second.outputs} == {"written", "unchanged"}
    third = render_notes(notes, out=out, processes=2, **kinds)  # the unchanged ones were recorded as such
    assert {output.status for output in third.outputs} == {"unchanged"}


@needs_fork
def test_the_documents_checks_run_once_in_two_processes_and_warn_as_in_one(tmp_path: Path) -> None:
    """The checks are one more item of the shared queue, not work before the fork: same warnings, same order."""
    notes = tmp_path / "acme.toml"
    notes.write_text(FULL_EXAMPLE.read_text(encoding="utf-8").replace(
        'email = "priya.raman@acme-robotics.example"\n', ""), encoding="utf-8")
    kinds = {"documents": ["thank-you-letter", "thank-you-card"], "formats": ["txt", "docx"]}
    one = render_notes(notes, out=tmp_path / "one", processes=1, **kinds)
    two = render_notes(notes, out=tmp_path / "two", processes=2, **kinds)
    expected = [str(problem) for problem in one.warnings]
    assert any("Priya Raman: no email" in warning for warning in expected)
    assert [str(problem) for problem in two.warnings] == expected
