"""followup/cache.py: the cache folder, made private to the user, or not used at all."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from followup.cache import CACHE_DIR_ENV, cache_dir, cache_subfolder


def test_the_cache_folder_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"
    monkeypatch.delenv(CACHE_DIR_ENV)
    assert cache_dir().name == "followup"


def test_a_subfolder_is_made_private_or_not_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "cache"))
    folder = cache_subfolder("jinja/1/html")
    assert folder == tmp_path / "cache" / "jinja" / "1" / "html" and folder.is_dir()
    assert stat.S_IMODE(folder.stat().st_mode) & 0o077 == 0
    (tmp_path / "file").write_text("x", encoding="utf-8")
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "file"))
    assert cache_subfolder("reads") is None
