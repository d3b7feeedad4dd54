"""templates.py: the built-in template folder, and a user's folder searched first, file by file."""

from __future__ import annotations

from pathlib import Path

import pytest

from followup.errors import TemplateError
from followup.templates import TemplateSet, builtin_templates_dir, fonts_dir


def test_the_built_in_templates_and_fonts_are_found() -> None:
    assert (builtin_templates_dir() / "base").is_dir()
    assert any(path.suffix == ".ttf" for path in fonts_dir().iterdir())


def test_a_user_file_overrides_the_built_in_one_and_the_rest_falls_through(tmp_path: Path) -> None:
    (tmp_path / "thank-you-letter").mkdir()
    (tmp_path / "thank-you-letter" / "thank-you-letter.txt").write_text("mine", encoding="utf-8")
    templates = TemplateSet(tmp_path)
    mine = tmp_path / "thank-you-letter" / "thank-you-letter.txt"
    assert templates.find("thank-you-letter/thank-you-letter.txt") == mine
    assert templates.find("thank-you-letter/thank-you-letter.html").is_relative_to(builtin_templates_dir())
    with pytest.raises(TemplateError, match="no template"):
        templates.find("thank-you-letter/none.html")


def test_a_symlink_out_of_the_template_folders_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("secret", encoding="utf-8")
    folder = tmp_path / "mine" / "thank-you-letter"
    folder.mkdir(parents=True)
    (folder / "thank-you-letter.txt").symlink_to(outside)
    with pytest.raises(TemplateError, match="outside the template folders"):
        TemplateSet(tmp_path / "mine").find("thank-you-letter/thank-you-letter.txt")


def test_a_missing_user_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="does not exist"):
        TemplateSet(tmp_path / "missing").validate()
