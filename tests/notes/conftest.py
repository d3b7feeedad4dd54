"""Helpers for the notes tests: a minimal valid notes text and a writer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from notes_texts import MINIMAL, REPO  # noqa: F401  (shared with the test modules)


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """``write(text, name="notes.toml")`` -> the path of a file holding ``text`` in tmp_path."""

    def _write(text: str | bytes, name: str = "notes.toml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return _write


@pytest.fixture
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty user config folder for this test ($FOLLOWUP_CONFIG_DIR)."""
    folder = tmp_path / "config"
    folder.mkdir()
    monkeypatch.setenv("FOLLOWUP_CONFIG_DIR", str(folder))
    return folder
