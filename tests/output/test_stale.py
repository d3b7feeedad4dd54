"""Stale outputs: what a notes file wrote once and no longer produces is reported, and pruned on request."""

from __future__ import annotations

import json
from pathlib import Path

from followup.batch import render_paths
from followup.output.stale import find_stale, prune
from followup.output.writer import MANIFEST_NAME

NOTES = '''[candidate]
name = "Dana Whitfield"
[company]
name = "Acme"
[role]
title = "AE"
[interview]
date = {date}
[[interviewers]]
name = "Jordan Lee"
topics = ["pipeline"]
{second}'''
PRIYA = '[[interviewers]]\nname = "Priya Raman"\ntopics = ["hiring"]\n'
LETTER = {"documents": ["thank-you-letter"], "formats": ["txt"], "jobs": 1}


def _notes(path: Path, *, date: str = "2026-11-20", priya: bool = True) -> Path:
    path.write_text(NOTES.format(date=date, second=PRIYA if priya else ""), encoding="utf-8")
    return path


def _statuses(batch: object) -> dict[str, str]:
    (result,) = batch.results  # type: ignore[attr-defined]
    return {output.path.name if output.status not in ("stale", "pruned") else str(output.path): output.status
            for output in result.outputs}


def test_a_changed_date_leaves_the_old_folder_stale_and_prune_removes_it(tmp_path: Path) -> None:
    notes, out = _notes(tmp_path / "acme.toml"), tmp_path / "out"
    render_paths([notes], out=out, **LETTER)
    old = out / "acme" / "2026-11-20"
    assert sorted(path.name for path in old.glob("*.txt")) == ["thank-you-letter--jordan-lee.txt",
                                                               "thank-you-letter--priya-raman.txt"]
    _notes(notes, date="2026-11-21")
    batch = render_paths([notes], out=out, **LETTER)
    stale = {output.path: output for output in batch.results[0].outputs if output.status == "stale"}
    assert set(stale) == {old / "thank-you-letter--jordan-lee.txt", old / "thank-you-letter--priya-raman.txt"}
    assert all("--prune" in (output.reason or "") for output in stale.values())
    assert all(path.is_file() for path in stale), "reported, not removed, without --prune"
    assert not batch.failed
    batch = render_paths([notes], out=out, prune=True, **LETTER)
    pruned = [output.path for output in batch.results[0].outputs if output.status == "pruned"]
    assert sorted(pruned) == sorted(stale)
    assert not old.exists(), "the emptied date folder goes with its manifest"
    assert (out / "acme" / "2026-11-21" / "thank-you-letter--jordan-lee.txt").is_file()
    again = render_paths([notes], out=out, prune=True, **LETTER)
    assert [output.status for output in again.results[0].outputs] == ["unchanged", "unchanged"]


def test_a_removed_interviewer_s_files_are_stale_and_edits_and_foreign_files_are_safe(tmp_path: Path) -> None:
    notes, out = _notes(tmp_path / "acme.toml"), tmp_path / "out"
    render_paths([notes], out=out, **LETTER)
    folder = out / "acme" / "2026-11-20"
    render_paths([notes], out=out, documents=["thank-you-card"], formats=["docx"], jobs=1)
    priya_letter = folder / "thank-you-letter--priya-raman.txt"
    priya_letter.write_text("my own edit", encoding="utf-8")
    foreign = folder / "notes-to-self.txt"
    foreign.write_text("mine", encoding="utf-8")
    _notes(notes, priya=False)
    batch = render_paths([notes], out=out, prune=True, **LETTER)
    by_path = {output.path: output for output in batch.results[0].outputs}
    assert by_path[folder / "thank-you-card--priya-raman.docx"].status == "pruned"
    assert not (folder / "thank-you-card--priya-raman.docx").exists()
    assert by_path[priya_letter].status == "kept" and "--force" in (by_path[priya_letter].reason or "")
    assert priya_letter.read_text(encoding="utf-8") == "my own edit"
    assert foreign.read_text(encoding="utf-8") == "mine" and foreign not in by_path
    assert (folder / "thank-you-card--jordan-lee.docx").is_file(), "a narrowed render makes nothing else stale"
    batch = render_paths([notes], out=out, prune=True, force=True, **LETTER)
    assert not priya_letter.exists()
    assert foreign.is_file(), "a file followup did not write is never pruned, even with --force"


def test_a_narrowed_render_calls_nothing_stale(tmp_path: Path) -> None:
    notes, out = _notes(tmp_path / "acme.toml"), tmp_path / "out"
    render_paths([notes], out=out, **LETTER)
    batch = render_paths([notes], out=out, documents=["thank-you-letter"], formats=["txt"],
                         interviewer="Jordan", jobs=1)
    assert {output.status for output in batch.results[0].outputs} == {"unchanged"}


def test_a_tampered_manifest_cannot_reach_outside_its_folder(tmp_path: Path) -> None:
    notes = _notes(tmp_path / "acme.toml").resolve()
    folder = tmp_path / "out" / "acme" / "2026-11-20"
    folder.mkdir(parents=True)
    victim = tmp_path / "out" / "victim.txt"
    victim.write_text("keep", encoding="utf-8")
    entry = {"inputs": "x", "output": "y", "notes": str(notes)}
    (folder / MANIFEST_NAME).write_text(json.dumps({"../../victim.txt": entry, "gone.txt": entry}),
                                        encoding="utf-8")
    stale = find_stale(tmp_path / "out", {notes: frozenset()})
    assert [(item.path.name, item.state) for item in stale] == [("gone.txt", "missing")]
    prune(stale)
    assert victim.read_text(encoding="utf-8") == "keep"
    assert set(json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))) == {"../../victim.txt"}
