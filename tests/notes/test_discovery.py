"""find_notes: files as given, folders searched, profiles and hidden/out folders left out."""

from __future__ import annotations

from pathlib import Path

import pytest

from followup.errors import UsageError
from followup.notes.discovery import find_notes


def touch(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("", encoding="utf-8")


def test_folders_are_searched_recursively_and_sorted(tmp_path: Path) -> None:
    touch(tmp_path, "b.toml", "a.toml", "sub/c.toml", "profile.toml", "sub/profile.toml", "notes.txt",
          ".git/x.toml", "sub/.hidden/y.toml", "out/z.toml", "sub/out/w.toml")
    assert find_notes([tmp_path]) == [tmp_path / "a.toml", tmp_path / "b.toml", tmp_path / "sub/c.toml"]


def test_files_are_taken_as_given_and_duplicates_dropped(tmp_path: Path) -> None:
    touch(tmp_path, "a.toml", "z.notes")
    assert find_notes([tmp_path / "z.notes", tmp_path, tmp_path / "a.toml"]) == [
        tmp_path / "z.notes", tmp_path / "a.toml"]


def test_a_folder_given_inside_a_hidden_folder_is_still_searched(tmp_path: Path) -> None:
    touch(tmp_path, ".notes/a.toml")
    assert find_notes([tmp_path / ".notes"]) == [tmp_path / ".notes/a.toml"]


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as caught:
        find_notes([tmp_path / "nope.toml"])
    assert caught.value.problems[0].file == tmp_path / "nope.toml"
    assert caught.value.problems[0].message == "no such file or folder"
