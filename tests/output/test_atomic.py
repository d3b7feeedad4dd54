"""output/atomic.py: a write leaves the old file or the new one, never half, and no temporary file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from followup.output import atomic
from followup.output.atomic import remove_unfinished, write_atomic


def test_a_write_creates_folders_and_replaces_keeping_permissions(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "letter.pdf"
    write_atomic(target, b"first")
    os.chmod(target, 0o600)
    write_atomic(target, b"second")
    assert target.read_bytes() == b"second"
    assert target.stat().st_mode & 0o777 == 0o600
    assert [path.name for path in target.parent.iterdir()] == ["letter.pdf"]


def test_an_interrupted_write_leaves_the_old_file_and_no_temporary(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "letter.pdf"
    write_atomic(target, b"old")

    def interrupted(source: str, destination: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [path.name for path in tmp_path.iterdir()] == ["letter.pdf"]
    assert not atomic._UNFINISHED


def test_remove_unfinished_removes_the_temporary_of_a_write_in_progress(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """What a batch worker's SIGTERM handler does before os._exit (it cannot unwind)."""
    seen: list[list[str]] = []

    def signal_arrives(source: str, destination: str) -> None:
        seen.append(sorted(path.name for path in tmp_path.iterdir()))
        remove_unfinished()
        raise SystemExit  # stands for the os._exit that follows in the handler

    monkeypatch.setattr(atomic.os, "replace", signal_arrives)
    with pytest.raises(SystemExit):
        write_atomic(tmp_path / "card.pdf", b"data")
    assert len(seen[0]) == 1 and seen[0][0].startswith(".card.pdf.") and seen[0][0].endswith(".tmp")
    assert list(tmp_path.iterdir()) == []
