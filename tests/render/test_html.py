"""render/html.py: Jinja templates to HTML (escaped) and plain text (not escaped), from the template folders."""

from __future__ import annotations

from pathlib import Path

from followup.render.html import render_html, render_text
from followup.templates import TemplateSet


def test_html_escapes_user_text_and_text_does_not(tmp_path: Path) -> None:
    (tmp_path / "doc").mkdir()
    (tmp_path / "doc" / "page.html").write_text("<p>{{ name }}</p>", encoding="utf-8")
    (tmp_path / "doc" / "page.txt").write_text("Dear {{ name }},", encoding="utf-8")
    templates = TemplateSet(tmp_path)
    assert render_html("doc/page.html", {"name": "Lee & <Sons>"}, templates) == "<p>Lee &amp; &lt;Sons&gt;</p>"
    assert render_text("doc/page.txt", {"name": "Lee & <Sons>"}, templates) == "Dear Lee & <Sons>,"


def test_a_users_template_folder_comes_before_the_built_in_one(tmp_path: Path) -> None:
    (tmp_path / "base").mkdir()
    (tmp_path / "base" / "mine.html").write_text("mine: {{ 2 + 2 }}", encoding="utf-8")
    assert render_html("base/mine.html", {}, TemplateSet(tmp_path)) == "mine: 4"
