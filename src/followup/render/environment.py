"""The Jinja environments: sandboxed, strict, one factory each, cached per template set.

User text is data, never code: every environment is a ``SandboxedEnvironment``
(a template cannot reach Python internals), ``StrictUndefined`` (a misspelt
variable is an error naming it, not an empty string), and HTML and DOCX
environments autoescape.
"""

from __future__ import annotations

from functools import lru_cache

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from followup.templates import TemplateSet


def _environment(templates: TemplateSet, *, autoescape: bool) -> SandboxedEnvironment:
    environment = SandboxedEnvironment(
        loader=FileSystemLoader([str(folder) for folder in templates.search_path]),
        autoescape=autoescape,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )
    environment.filters["nl2br"] = _nl2br
    return environment


def _nl2br(value: str) -> str:
    """Keep the user's line breaks in HTML: escape, then turn newlines into <br>."""
    from markupsafe import Markup, escape

    return Markup("<br>\n").join(escape(line) for line in str(value).splitlines())


@lru_cache(maxsize=8)
def html_environment(templates: TemplateSet) -> SandboxedEnvironment:
    """For ``.html`` templates (PDF pages and email HTML parts): autoescaped."""
    return _environment(templates, autoescape=True)


@lru_cache(maxsize=8)
def text_environment(templates: TemplateSet) -> SandboxedEnvironment:
    """For ``.txt`` templates (plain-text bodies): no escaping, the text is the text."""
    return _environment(templates, autoescape=False)


def docx_environment() -> SandboxedEnvironment:
    """For docxtpl: sandboxed, strict and autoescaped (docxtpl's own default truncates at '&')."""
    environment = SandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
    return environment
