"""Render stage: one module per format, and ``render_format`` choosing between them.

Every format is made from data in the document's context, never by calling back
into the document: the PDF, DOCX and text from their templates, the ``eml`` from
its two templates and the facts in ``context["draft"]`` (render/eml.py makes the
headers), the ``ics`` from the events in ``context["calendar"]`` (render/ics.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from followup.errors import Problem

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from followup.documents.base import Document
    from followup.render.charts import Charts
    from followup.render.eml import Attachment
    from followup.templates import TemplateSet


def render_format(document: Document, fmt: str, context: dict[str, Any], templates: TemplateSet,
                  charts: Charts | Mapping[str, Figure], warnings: list[Problem],
                  attachments: Sequence[Attachment] = ()) -> bytes:
    """The bytes of ``document`` in format ``fmt``; the same context for every format.

    ``charts``: the job's charts (render/charts.py), or figures already drawn.
    ``attachments`` go with the ``eml`` format (the criteria-match email's materials).
    """
    from followup.render.charts import Charts  # no matplotlib: that is imported only to draw

    name = document.name
    language = context.get("document", {}).get("lang_code", "en")
    chart_set = charts if isinstance(charts, Charts) else Charts.of(charts)
    if fmt == "ics":
        from followup.render.ics import build_calendar

        return build_calendar(context["calendar"])
    if fmt == "pdf":
        from followup.render.charts import svg_img_tag
        from followup.render.html import render_html
        from followup.render.pdf import write_pdf

        svgs = chart_set.svg()  # drawn before they are described: the tick labels are the drawn ones
        descriptions = chart_set.descriptions(language)
        tags = {key: svg_img_tag(svg, descriptions[key]) for key, svg in svgs.items()}
        html = render_html(f"{name}/{name}.html", {**context, "charts": tags}, templates)
        label = name + (f" for {context['interviewer']['name']}" if context.get("interviewer") else "")
        return write_pdf(html, templates, warnings, max_pages=document.max_pages, label=label)
    if fmt == "docx":
        from followup.render.docx import render_docx
        from followup.render.docx_style import fit_to_style

        images = chart_set.png()
        data = render_docx(f"{name}/{name}.docx", context, templates, images=images,
                           descriptions=chart_set.descriptions(language))
        return fit_to_style(data, context["style"], card=document.card)
    if fmt == "txt":
        from followup.render.html import render_text

        return render_text(f"{name}/{name}.txt", context, templates).encode("utf-8")
    if fmt == "eml":
        from followup.render.eml import draft_email
        from followup.render.html import render_html, render_text

        if "draft" not in context:
            raise ValueError(f"{name} has no email facts (context['draft'])")
        return draft_email(context, attachments=attachments,
                           text=render_text(f"{name}/{name}.txt", context, templates),
                           html=render_html(f"{name}/{name}.email.html", context, templates))
    raise ValueError(f"{name} cannot be rendered as {fmt}")
