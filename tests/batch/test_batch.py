"""Batch rendering: good and broken notes together, incremental re-runs, user edits, crashing workers."""

from __future__ import annotations

import os
from pathlib import Path

import docx
import pypdf
import pytest
from batch_helpers import run_cli, snapshot, temporary_files
from notes_factory import company_name, write_broken, write_notes

import followup.batch as batch_module
from followup.batch import BatchResult, render_paths
from followup.output.paths import safe_slug
from followup.output.writer import EDITED_REASON, FOREIGN_REASON, MANIFEST_NAME, sha256_file
from followup.pipeline import NotesResult

CARD = ["thank-you-card"]
GOOD_COUNT = 5


def card_pdf(out: Path, index: int) -> Path:
    return out / safe_slug(company_name(index)) / "2026-11-20" / "thank-you-card--jordan-lee.pdf"


@pytest.fixture(scope="module")
def rendered_folder(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    """Five good notes (two in a subfolder) and a broken one, rendered once by the CLI with two jobs."""
    root = tmp_path_factory.mktemp("batch")
    write_notes(root / "notes", GOOD_COUNT)
    write_broken(root / "notes")
    completed = run_cli("render", "notes", "-o", "out", "-d", "thank-you-card", "-j", "2", cwd=root)
    return root, completed


def test_good_notes_render_and_a_broken_one_fails_the_run(rendered_folder: tuple[Path, object]) -> None:
    root, completed = rendered_folder
    assert completed.returncode == 1, completed.stderr
    assert "broken.toml" in completed.stderr and "TOML syntax error" in completed.stderr
    assert "10 written" in completed.stdout and "1 failed" in completed.stdout
    for index in range(GOOD_COUNT):
        pdf = card_pdf(root / "out", index)
        reader = pypdf.PdfReader(pdf)
        assert "Jordan" in reader.pages[0].extract_text()
        text = "\n".join(paragraph.text for paragraph in docx.Document(pdf.with_suffix(".docx")).paragraphs)
        assert "Dear Jordan," in text and "With thanks," in text  # the card names the role, not the company
    assert temporary_files(root / "out") == []


def test_an_unchanged_rerun_touches_no_file(rendered_folder: tuple[Path, object]) -> None:
    root, _ = rendered_folder
    before = snapshot(root / "out")
    assert any(name.endswith(MANIFEST_NAME) for name in before)
    completed = run_cli("render", "notes", "-o", "out", "-d", "thank-you-card", "-j", "2", cwd=root)
    assert completed.returncode == 1
    assert "0 written, 10 unchanged" in completed.stdout
    assert snapshot(root / "out") == before
    assert temporary_files(root / "out") == []


def test_a_changed_notes_file_renders_only_its_outputs(tmp_path: Path, notes_folder: Path) -> None:
    paths = write_notes(notes_folder, 2)
    out = tmp_path / "out"
    render_paths([notes_folder], out=out, documents=CARD, jobs=1)
    before = snapshot(out)
    paths[1].write_text(paths[1].read_text(encoding="utf-8").replace("Boston Marathon", "Chicago Marathon"),
                        encoding="utf-8")
    second = render_paths([notes_folder], out=out, documents=CARD, jobs=1)
    statuses = {result.notes_path.name: sorted(o.status for o in result.outputs) for result in second.results}
    assert statuses == {"interview-00.toml": ["unchanged", "unchanged"],
                        "interview-01.toml": ["written", "written"]}
    after = snapshot(out)
    first_company = safe_slug(company_name(0))
    assert {name: mtime for name, mtime in after.items() if name.startswith(first_company)} == \
        {name: mtime for name, mtime in before.items() if name.startswith(first_company)}
    assert "Chicago Marathon" in pypdf.PdfReader(card_pdf(out, 1)).pages[0].extract_text()


def render_a_card_and_edit_its_docx(notes_folder: Path, out: Path, addition: str) -> Path:
    """One notes file's card rendered into ``out``, then its DOCX edited by "the user"; the DOCX's path."""
    write_notes(notes_folder, 1)
    render_paths([notes_folder], out=out, documents=CARD, jobs=1)
    docx_path = card_pdf(out, 0).with_suffix(".docx")
    document = docx.Document(docx_path)
    document.add_paragraph(addition)
    document.save(docx_path)
    return docx_path


def test_an_edited_output_is_kept_and_force_replaces_it(tmp_path: Path, notes_folder: Path) -> None:
    out = tmp_path / "out"
    docx_path = render_a_card_and_edit_its_docx(notes_folder, out, "My own P.S. & thanks")
    edited = docx_path.read_bytes()

    again = render_paths([notes_folder], out=out, documents=CARD, jobs=1)
    kept = [output for output in again.results[0].outputs if output.status == "kept"]
    assert [(output.path, output.reason) for output in kept] == [(docx_path, EDITED_REASON)]
    assert docx_path.read_bytes() == edited
    assert not again.failed

    forced = render_paths([notes_folder], out=out, documents=CARD, jobs=1, force=True)
    statuses = {output.path.suffix: output.status for output in forced.results[0].outputs}
    assert statuses == {".pdf": "unchanged", ".docx": "written"}
    assert all("My own P.S." not in paragraph.text for paragraph in docx.Document(docx_path).paragraphs)
    third = render_paths([notes_folder], out=out, documents=CARD, jobs=1)
    assert {output.status for output in third.results[0].outputs} == {"unchanged"}


def test_an_edited_output_is_not_rendered_again_only_to_be_kept(tmp_path: Path, notes_folder: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import followup.render as render

    out = tmp_path / "out"
    render_a_card_and_edit_its_docx(notes_folder, out, "My own P.S.")
    (notes_folder / os.listdir(notes_folder)[0]).touch()  # a save that changes nothing: same inputs
    rendered: list[tuple[str, ...]] = []
    real_render_format = render.render_format
    monkeypatch.setattr(render, "render_format", lambda document, fmt, *rest, **options: rendered.append((fmt,))
                        or real_render_format(document, fmt, *rest, **options))

    again = render_paths([notes_folder], out=out, documents=CARD, jobs=1).results[0]
    assert {output.path.suffix: (output.status, output.reason) for output in again.outputs} == \
        {".pdf": ("unchanged", None), ".docx": ("kept", EDITED_REASON)}
    assert rendered == []  # neither format was rendered: one is unchanged, the other is the user's

    forced = render_paths([notes_folder], out=out, documents=CARD, jobs=1, force=True).results[0]
    assert {output.path.suffix: output.status for output in forced.outputs} == {".pdf": "unchanged",
                                                                                 ".docx": "written"}
    assert rendered == [("pdf",), ("docx",)]  # each format rendered and written in turn


def test_outputs_copied_without_their_manifest_are_adopted_when_identical(tmp_path: Path,
                                                                          notes_folder: Path) -> None:
    write_notes(notes_folder, 1)
    render_paths([notes_folder], out=tmp_path / "first", documents=CARD, jobs=1)
    copied = tmp_path / "copied"
    for path in (tmp_path / "first").rglob("*"):
        if path.is_file() and path.name != MANIFEST_NAME:
            target = copied / path.relative_to(tmp_path / "first")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    result = render_paths([notes_folder], out=copied, documents=CARD, jobs=1).results[0]
    assert {output.status for output in result.outputs} == {"unchanged"}
    again = render_paths([notes_folder], out=copied, documents=CARD, jobs=1).results[0]
    assert {output.status for output in again.outputs} == {"unchanged"}


def test_a_file_followup_did_not_write_is_not_overwritten(tmp_path: Path, notes_folder: Path) -> None:
    write_notes(notes_folder, 1)
    out = tmp_path / "out"
    foreign = card_pdf(out, 0)
    foreign.parent.mkdir(parents=True)
    foreign.write_bytes(b"%PDF-1.4 my own card")
    result = render_paths([notes_folder], out=out, documents=CARD, jobs=1).results[0]
    by_suffix = {output.path.suffix: output for output in result.outputs}
    assert by_suffix[".pdf"].status == "kept" and by_suffix[".pdf"].reason == FOREIGN_REASON
    assert by_suffix[".docx"].status == "written"
    assert foreign.read_bytes() == b"%PDF-1.4 my own card"


def test_parallel_results_are_sorted_and_reported_as_they_finish(tmp_path: Path, notes_folder: Path) -> None:
    write_notes(notes_folder, 4)
    write_broken(notes_folder)
    seen: list[NotesResult] = []
    batch = render_paths([notes_folder], out=tmp_path / "out", documents=CARD, jobs=2, on_result=seen.append)
    paths = [result.notes_path for result in batch.results]
    assert paths == sorted(paths) and len(paths) == 5
    assert sorted(result.notes_path for result in seen) == paths
    assert [result.notes_path.name for result in batch.results if result.failed] == ["broken.toml"]
    assert batch.jobs == 2 and batch.peak_worker_rss_kib is not None and batch.peak_worker_rss_kib > 0
    assert batch.totals()["written"] == 8 and batch.totals()["failed"] == 1


def test_a_single_file_renders_in_process(tmp_path: Path, notes_folder: Path) -> None:
    write_notes(notes_folder, 1)
    batch = render_paths([notes_folder], out=tmp_path / "out", documents=CARD, jobs=4)
    assert batch.jobs == 1 and batch.peak_worker_rss_kib is None
    assert not batch.failed


def _render_or_misbehave(path: Path, **options: object) -> NotesResult:
    """Stands in for pipeline.render_notes (inherited by forked workers): a bug, and a dying worker."""
    if path.name == "interview-01.toml":
        raise RuntimeError("boom in a worker")
    if path.name == "interview-02.toml":
        os._exit(3)
    return ORIGINAL_RENDER_NOTES(path, **options)


ORIGINAL_RENDER_NOTES = batch_module.render_notes


@pytest.mark.parametrize("jobs", [2])
def test_a_crash_or_a_dying_worker_fails_only_that_file(tmp_path: Path, notes_folder: Path,
                                                        monkeypatch: pytest.MonkeyPatch, jobs: int) -> None:
    write_notes(notes_folder, 4)
    monkeypatch.setattr(batch_module, "render_notes", _render_or_misbehave)
    batch: BatchResult = render_paths([notes_folder], out=tmp_path / "out", documents=CARD, jobs=jobs)
    by_name = {result.notes_path.name: result for result in batch.results}
    assert len(by_name) == 4 and batch.failed
    crashed = by_name["interview-01.toml"].error
    assert crashed is not None and "RuntimeError: boom in a worker" in str(crashed)
    assert "boom in a worker" in crashed.details  # the traceback, for --debug
    died = by_name["interview-02.toml"].error
    assert died is not None and "died" in str(died)
    for name in ("interview-00.toml", "interview-03.toml"):
        assert not by_name[name].failed
        assert {output.status for output in by_name[name].outputs} == {"written"}


def test_a_crash_in_process_is_a_failed_result_too(tmp_path: Path, notes_folder: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    write_notes(notes_folder, 2)
    monkeypatch.setattr(batch_module, "render_notes", _render_or_misbehave)
    batch = render_paths([notes_folder], out=tmp_path / "out", documents=CARD, jobs=1)
    assert [result.failed for result in batch.results] == [False, True]
    assert sha256_file(card_pdf(tmp_path / "out", 0)) is not None


def test_two_notes_sharing_an_output_folder_fail_before_anything_is_written(tmp_path: Path,
                                                                             notes_folder: Path) -> None:
    first, second, third = write_notes(notes_folder, 3)[:3]
    second.write_text(first.read_text(encoding="utf-8"), encoding="utf-8")  # a copy: same company and date
    out = tmp_path / "out"
    batch = render_paths([notes_folder], out=out, documents=CARD, formats=["docx"], jobs=1)
    by_path = {result.notes_path: result for result in batch.results}
    for path, other in ((first, second), (second, first)):
        result = by_path[path]
        assert result.failed and result.outputs == []
        (problem,) = result.error.problems
        assert problem.file == path and str(other) in problem.message
        assert "same company and interview date" in problem.message
    assert not (out / safe_slug(company_name(0))).exists(), "nothing is written for either of them"
    assert by_path[third].outputs[0].status == "written" and not by_path[third].failed
    assert batch.failed


def test_a_copy_rendered_later_on_its_own_is_refused_too(tmp_path: Path, notes_folder: Path) -> None:
    (first,) = write_notes(notes_folder, 1)
    copy = tmp_path / "copy.toml"
    copy.write_text(first.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    assert not render_paths([first], out=out, documents=CARD, formats=["docx"], jobs=1).failed
    before = snapshot(out)
    (result,) = render_paths([copy], out=out, documents=CARD, formats=["docx"], jobs=1).results
    assert result.failed and str(first.resolve()) in str(result.error)
    assert snapshot(out) == before
    first.unlink()  # the original is gone (renamed, say): the copy may take the folder over
    (result,) = render_paths([copy], out=out, documents=CARD, formats=["docx"], jobs=1).results
    assert not result.failed


def test_the_cli_names_both_files_and_renders_the_others(tmp_path: Path, notes_folder: Path) -> None:
    first, second = write_notes(notes_folder, 2)
    second.write_text(first.read_text(encoding="utf-8"), encoding="utf-8")
    third = notes_folder / "other.toml"
    third.write_text(first.read_text(encoding="utf-8").replace("Company 00", "Other"), encoding="utf-8")
    completed = run_cli("render", "notes", "-o", "out", "-d", "thank-you-card", "-f", "docx", cwd=tmp_path)
    assert completed.returncode == 1
    lines = [line for line in completed.stderr.splitlines() if "same company and interview date" in line]
    assert lines and all("interview-00.toml" in line and "interview-01.toml" in line for line in lines)
    assert {line.split(": its documents")[0].split()[-1] for line in lines} == {
        "notes/interview-00.toml", "notes/interview-01.toml"}, "one error for each of the two"
    assert (tmp_path / "out" / "other-sons" / "2026-11-20" / "thank-you-card--jordan-lee.docx").is_file()
