"""render/template_errors.py: a template mistake becomes one TemplateError naming the file, line and document."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from followup.errors import TemplateError
from followup.render.template_errors import template_errors


def test_a_syntax_error_names_its_file_and_line(tmp_path: Path) -> None:
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(tmp_path))
    (tmp_path / "card.html").write_text("line one\n{% if %}\n", encoding="utf-8")
    with pytest.raises(TemplateError) as caught, template_errors("card.html", "thank-you-card"):
        environment.get_template("card.html")
    problem = caught.value.problems[0]
    assert problem.line == 2 and problem.file is not None and problem.file.name == "card.html"
    assert problem.message.startswith("template syntax error")


def test_an_undefined_variable_is_a_template_error() -> None:
    environment = jinja2.Environment(undefined=jinja2.StrictUndefined)
    with pytest.raises(TemplateError), template_errors("letter.html", "thank-you-letter"):
        environment.from_string("{{ nobody.name }}").render()


def test_a_failing_expression_is_a_template_error_and_a_bug_is_not() -> None:
    with pytest.raises(TemplateError, match="the template failed: ZeroDivisionError"), \
            template_errors("letter.html", "thank-you-letter"):
        jinja2.Environment().from_string("{{ 1 / 0 }}").render()
    with pytest.raises(RuntimeError), template_errors("letter.html", "thank-you-letter"):
        raise RuntimeError("a bug in followup, not in the template")
