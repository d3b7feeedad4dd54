"""Render stage: one module per format, and ``render_format`` choosing between them."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from followup.errors import Problem

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from followup.documents.base import Document
    from followup.templates import TemplateSet


@lru_cache(maxsize=64)
def _takes_figures(renderer: Callable[..., bytes]) -> bool:
    """Does a document's own renderer accept the drawn ``figures`` (so it need not draw them again)?"""
    try:
        return "figures" in inspect.signature(renderer).parameters
    except (TypeError, ValueError):
        return False


def render_format(document: "Document", fmt: str, context: dict[str, Any], templates: "TemplateSet",
                  figures: dict[str, "Figure"], warnings: list[Problem]) -> bytes:
    """The bytes of ``document`` in format ``fmt``; the same context for every format."""
    name = document.name
    if fmt in document.renderers:
        renderer = document.renderers[fmt]
        if _takes_figures(renderer):  # each chart is drawn once per render, whichever formats use it
            return renderer(context, templates, figures=figures)
        return renderer(context, templates)
    if fmt == "pdf":
        from followup.render.charts import figure_to_svg, svg_img_tag
        from followup.render.html import render_html
        from followup.render.pdf import write_pdf

        charts = {key: svg_img_tag(figure_to_svg(figure), key.replace("_", " ")) for key, figure in figures.items()}
        html = render_html(f"{name}/{name}.html", {**context, "charts": charts}, templates)
        label = name + (f" for {context['interviewer']['name']}" if context.get("interviewer") else "")
        return write_pdf(html, templates, warnings, max_pages=document.max_pages, label=label)
    if fmt == "docx":
        from followup.render.charts import figure_to_png
        from followup.render.docx import render_docx

        images = {key: figure_to_png(figure) for key, figure in figures.items()}
        return render_docx(f"{name}/{name}.docx", context, templates, images=images)
    if fmt == "txt":
        from followup.render.html import render_text

        return render_text(f"{name}/{name}.txt", context, templates).encode("utf-8")
    if fmt == "eml":
        from followup.render.eml import build_email
        from followup.render.html import render_html, render_text

        if document.email is None:
            raise ValueError(f"{name} has no email headers")
        headers = document.email(context)
        return build_email(
            subject=headers["subject"], sender=headers.get("from"), to=headers.get("to", []),
            cc=headers.get("cc"), date=headers.get("date"),
            text=render_text(f"{name}/{name}.txt", context, templates),
            html=render_html(f"{name}/{name}.email.html", context, templates),
        )
    raise ValueError(f"{name} cannot be rendered as {fmt}")
