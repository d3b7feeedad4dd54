"""HTML from a Jinja template: the first half of every PDF and of every email's HTML part."""

from __future__ import annotations

from typing import Any

from followup.render.environment import html_environment, text_environment
from followup.render.template_errors import template_errors
from followup.templates import TemplateSet


def render_html(template: str, context: dict[str, Any], templates: TemplateSet | None = None) -> str:
    """Render ``template`` (a path relative to the template folders) with ``context``."""
    templates = templates or TemplateSet()
    with template_errors(template, context.get("document", {}).get("name", "")):
        return html_environment(templates).get_template(template).render(context)


def render_text(template: str, context: dict[str, Any], templates: TemplateSet | None = None) -> str:
    """Render a plain-text template (no escaping)."""
    templates = templates or TemplateSet()
    with template_errors(template, context.get("document", {}).get("name", "")):
        return text_environment(templates).get_template(template).render(context)
