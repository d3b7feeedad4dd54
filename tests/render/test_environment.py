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
