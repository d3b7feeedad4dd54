"""followup/cache.py: the cache folder, made private to the user, or not used at all."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from followup.cache import CACHE_DIR_ENV, cache_dir, cache_subfolder, keep, read_kept


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


def test_text_is_kept_whole_and_read_back_or_not_kept_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "cache"))
    assert read_kept("reads", "a.json") is None
    assert keep("reads", "a.json", "[1, 2]") == tmp_path / "cache" / "reads" / "a.json"
    assert read_kept("reads", "a.json") == "[1, 2]"
    assert [path.name for path in (tmp_path / "cache" / "reads").iterdir()] == ["a.json"], "no temporary file left"
    (tmp_path / "file").write_text("x", encoding="utf-8")
    monkeypatch.setenv(CACHE_DIR_ENV, str(tmp_path / "file"))
    assert keep("reads", "a.json", "[1]") is None and read_kept("reads", "a.json") is None
