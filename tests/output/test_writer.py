"""The manifest and atomic writes on their own: crash windows, failed writes, permissions."""

from __future__ import annotations

import datetime
import json
import os
import stat
import time
from pathlib import Path

import pytest

import followup.output.writer as writer_module
from followup.errors import OutputError
from followup.output.atomic import write_atomic
from followup.output.writer import MANIFEST_NAME, OutputWriter, context_fingerprint, folder_digest
from followup.templates import TemplateSet


def make_writer(tmp_path: Path, *, force: bool = False) -> OutputWriter:
    notes = tmp_path / "notes.toml"
    if not notes.exists():
        notes.write_text("# notes\n", encoding="utf-8")
    return OutputWriter(out=tmp_path / "out", force=force, sources=[notes], templates=TemplateSet())


def test_a_crash_between_manifest_and_rename_is_neither_an_edit_nor_lost(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "out" / "acme" / "2026-11-20" / "card.pdf"
    first = make_writer(tmp_path)
    assert first.write(target, b"old bytes") == ("written", None)
    first.save()
    (tmp_path / "notes.toml").write_text("# notes, changed\n", encoding="utf-8")

    def crash(path: Path, data: bytes) -> None:
        if path == target:  # Ctrl-C after the manifest was saved, before the file was replaced
            raise KeyboardInterrupt
        write_atomic(path, data)

    monkeypatch.setattr(writer_module, "write_atomic", crash)
    with pytest.raises(KeyboardInterrupt):
        make_writer(tmp_path).write(target, b"new bytes")
    monkeypatch.undo()
    entry = json.loads((target.parent / MANIFEST_NAME).read_text(encoding="utf-8"))["card.pdf"]
    assert "replacing" in entry and target.read_bytes() == b"old bytes"

    after = make_writer(tmp_path)
    assert after.plan(target) == ("render", None)  # the half-replaced file is rendered again
    assert after.write(target, b"new bytes") == ("written", None)
    after.save()
    assert target.read_bytes() == b"new bytes"
    assert "replacing" not in json.loads((target.parent / MANIFEST_NAME).read_text(encoding="utf-8"))["card.pdf"]
    assert make_writer(tmp_path).plan(target) == ("unchanged", None)


def test_an_unchanged_output_does_not_rewrite_the_manifest(tmp_path: Path) -> None:
    target = tmp_path / "out" / "card.pdf"
    first = make_writer(tmp_path)
    first.write(target, b"bytes")
    first.save()
    manifest = target.parent / MANIFEST_NAME
    before = manifest.stat().st_mtime_ns
    again = make_writer(tmp_path)
    assert again.write(target, b"bytes") == ("unchanged", None)
    again.save()
    assert manifest.stat().st_mtime_ns == before


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "card.pdf"
    target.write_bytes(b"old")

    def refuse(source: str, destination: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OutputError, match="No space left"):
        write_atomic(target, b"new")
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert [path.name for path in tmp_path.iterdir()] == ["card.pdf"]


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "card.pdf"
    target.write_bytes(b"old")
    target.chmod(0o600)
    write_atomic(target, b"new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600 and target.read_bytes() == b"new"


def test_the_template_digest_sees_any_edit(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    (folder / "card").mkdir(parents=True)
    page = folder / "card" / "card.html"
    page.write_text("<p>one</p>", encoding="utf-8")
    first = folder_digest(folder)
    assert folder_digest(folder) == first
    mtime = page.stat().st_mtime_ns
    page.write_text("<p>two</p>", encoding="utf-8")
    os.utime(page, ns=(mtime + 1, mtime + 1))
    assert folder_digest(folder) != first
    (folder / "card" / "extra.css").write_text("", encoding="utf-8")
    assert len({first, folder_digest(folder)}) == 2


def test_the_template_digest_is_read_back_by_a_later_process_until_a_file_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from followup.output import writer

    monkeypatch.setenv("FOLLOWUP_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "templates"
    folder.mkdir()
    page = folder / "card.html"
    page.write_text("<p>one</p>", encoding="utf-8")
    first = folder_digest(folder)
    writer._folder_digest.cache_clear()
    assert not list((tmp_path / "cache" / "folders").iterdir()), "a file seconds old: its digest is not kept"
    old = time.time() - 60
    os.utime(page, (old, old))
    assert folder_digest(folder) == first
    writer._folder_digest.cache_clear()  # a later process
    read: list[Path] = []
    real_read_bytes = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda path: read.append(path) or real_read_bytes(path))
    assert folder_digest(folder) == first and read == [], "kept: the files are not read again"
    writer._folder_digest.cache_clear()
    mtime = page.stat().st_mtime_ns
    page.write_text("<p>two</p>", encoding="utf-8")
    os.utime(page, ns=(mtime + 1, mtime + 1))
    assert folder_digest(folder) != first and read == [page], "an edit: hashed again"


def test_a_new_font_subsetter_is_a_new_input(monkeypatch: pytest.MonkeyPatch) -> None:
    """Installing libharfbuzz-subset changes every PDF's bytes: the manifest must see it as changed inputs."""
    from followup.render import weasy

    writer_module.library_versions.cache_clear()
    try:
        monkeypatch.setattr(weasy, "font_subsetter", lambda: "fonttools")
        before = writer_module.library_versions()
        writer_module.library_versions.cache_clear()
        monkeypatch.setattr(weasy, "font_subsetter", lambda: "harfbuzz")
        after = writer_module.library_versions()
    finally:
        writer_module.library_versions.cache_clear()
    assert before.endswith("font-subsetter=fonttools") and after.endswith("font-subsetter=harfbuzz")


def test_a_context_with_a_date_has_a_fingerprint_that_follows_the_date() -> None:
    day = datetime.date(2026, 11, 20)
    first = context_fingerprint({"draft": {"date": day}})
    assert first is not None and first == context_fingerprint({"draft": {"date": datetime.date(2026, 11, 20)}})
    assert first != context_fingerprint({"draft": {"date": datetime.date(2026, 11, 21)}})
    assert first != context_fingerprint({"draft": {"date": "2026-11-20"}})  # a date is not its text
    assert context_fingerprint({"draft": {"figure": object()}}) is None  # not plain data: not used
