"""render/environment.py: the sandboxed Jinja environments refuse what a template must not do."""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2.exceptions import SecurityError, UndefinedError

from followup.render.environment import docx_environment, html_environment, text_environment
from followup.templates import TemplateSet


def test_html_is_escaped_and_text_is_not(tmp_path: Path) -> None:
    templates = TemplateSet(tmp_path)
    assert html_environment(templates).from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"
    assert text_environment(templates).from_string("{{ x }}").render(x="<b>") == "<b>"


def test_undefined_variables_are_errors() -> None:
    with pytest.raises(UndefinedError):
        docx_environment().from_string("{{ missing }}").render()


def test_private_attributes_and_huge_results_are_refused(tmp_path: Path) -> None:
    environment = html_environment(TemplateSet(tmp_path))
    with pytest.raises(SecurityError):
        environment.from_string("{{ ''.__class__.__mro__ }}").render()
    with pytest.raises(SecurityError):
        environment.from_string("{{ 'x' * 100000000 }}").render()


# --- compiled templates kept in the cache folder -------------------------------------------------------------


def _fresh(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FOLLOWUP_CACHE_DIR", str(cache))


def test_a_compiled_template_is_read_back_and_stays_sandboxed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from followup.render.environment import template_environment

    _fresh(tmp_path / "cache", monkeypatch)
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "hello.html").write_text("Hello {{ name }}", encoding="utf-8")
    (folder / "unsafe.html").write_text("{{ ''.__class__.__mro__ }}", encoding="utf-8")
    first = template_environment(TemplateSet(folder), autoescape=True)
    assert first.get_template("hello.html").render(name="<Jordan>") == "Hello &lt;Jordan&gt;"
    with pytest.raises(SecurityError):
        first.get_template("unsafe.html").render()
    kept = list((tmp_path / "cache" / "jinja").rglob("*.jinja-cache"))
    assert len(kept) == 2 and all(path.parent.name == "html" for path in kept)

    second = template_environment(TemplateSet(folder), autoescape=True)
    monkeypatch.setattr(second, "compile", lambda *args, **kwargs: pytest.fail("compiled again"))
    assert second.get_template("hello.html").render(name="<Jordan>") == "Hello &lt;Jordan&gt;"
    with pytest.raises(SecurityError):  # the code read back calls through the sandbox as the compiled one did
        second.get_template("unsafe.html").render()


def test_an_edited_template_is_compiled_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from followup.render.environment import template_environment

    _fresh(tmp_path / "cache", monkeypatch)
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "note.txt").write_text("Thank you, {{ name }}.", encoding="utf-8")
    assert template_environment(TemplateSet(folder), autoescape=False).get_template("note.txt").render(
        name="Jordan") == "Thank you, Jordan."
    (folder / "note.txt").write_text("Many thanks, {{ name }}.", encoding="utf-8")
    assert template_environment(TemplateSet(folder), autoescape=False).get_template("note.txt").render(
        name="Jordan") == "Many thanks, Jordan."


def test_a_damaged_or_unwritable_cache_never_fails_a_render(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from followup.render.environment import template_environment

    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "note.txt").write_text("Thank you, {{ name }}.", encoding="utf-8")
    _fresh(tmp_path / "cache", monkeypatch)
    template_environment(TemplateSet(folder), autoescape=False).get_template("note.txt")
    (entry,) = (tmp_path / "cache").rglob("*.jinja-cache")
    entry.write_bytes(b"not bytecode at all")
    assert template_environment(TemplateSet(folder), autoescape=False).get_template("note.txt").render(
        name="Priya") == "Thank you, Priya."

    blocked = tmp_path / "a-file"
    blocked.write_text("the cache folder cannot be made under a file", encoding="utf-8")
    _fresh(blocked, monkeypatch)
    environment = template_environment(TemplateSet(folder), autoescape=False)
    assert environment.bytecode_cache is None
    assert environment.get_template("note.txt").render(name="José") == "Thank you, José."

    _fresh(tmp_path / "full-disk", monkeypatch)
    import errno

    import jinja2.bccache

    def no_space(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(jinja2.bccache.tempfile, "NamedTemporaryFile", no_space)
    environment = template_environment(TemplateSet(folder), autoescape=False)
    assert environment.get_template("note.txt").render(name="José") == "Thank you, José."
    assert not list((tmp_path / "full-disk").rglob("*.jinja-cache"))


def test_docx_parts_are_compiled_once_and_stay_sandboxed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _fresh(tmp_path / "cache", monkeypatch)
    part = "<w:t>{{ name }}</w:t>"
    assert docx_environment().from_string(part).render(name="R&D") == "<w:t>R&amp;D</w:t>"
    again = docx_environment()
    monkeypatch.setattr(again, "compile", lambda *args, **kwargs: pytest.fail("compiled again"))
    assert again.from_string(part).render(name="R&D") == "<w:t>R&amp;D</w:t>"
    unsafe = "<w:t>{{ ''.__class__.__mro__ }}</w:t>"
    docx_environment().from_string(unsafe)
    with pytest.raises(SecurityError):
        docx_environment().from_string(unsafe).render()
