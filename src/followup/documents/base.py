"""What a document is: its name, formats, who it is for, when it can be made, and its context."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from followup.errors import Problem
from followup.notes.model import Interviewer, Notes

if TYPE_CHECKING:
    from matplotlib.figure import Figure

Context = dict[str, Any]


@dataclass(frozen=True)
class Document:
    """One document of the package (documents.md).

    - ``skip_reason(notes)`` says why the notes cannot support it (None when they can);
    - ``build_context(notes, interviewer)`` returns the full template context
      (``base_context`` plus the document's own keys); ``interviewer`` is None for
      documents made once per interview;
    - ``draw_charts(context)`` returns matplotlib figures by name; the PDF gets
      them as SVG and the DOCX as PNG, both as ``charts.<name>`` in the template;
    - a document with an ``eml`` format puts its email's facts in its context as
      ``draft`` (sender and recipients as name and email, who is copied, the day as a
      ``datetime.date``; the subject is the wording's ``prose.subject``), and one with an
      ``ics`` format its events as ``calendar``: render/ makes the headers and the
      calendar from that data (render/eml.py, render/ics.py), never by calling the document;
    - ``max_pages``: a PDF longer than this is written with a warning;
    - ``card``: the page is a card (the DOCX gets 4.25 x 5.5 in or A6 rather than Letter or A4);
    - ``check(notes)``: warnings about these notes for this document (shown by ``check`` and ``render``);
    - ``wording``: the document's sentences come from its wording template
      (``templates/languages/<lang>/<name>.jinja``), composed into ``prose`` before any layout;
    - ``private``: the document may show the notes' ``[private]`` table, and only when the render
      asks for it (``render --include-private``): ``pipeline.job_context`` then puts ``private(notes)`` in the
      context as ``private``. Only the prep sheet, which is never sent, has it;
    - ``render_cost``: about how long all its formats take to render, relative to
      one thank-you letter (1.0), charts included; a parallel render hands out
      the longest work first with it (render/parallel.py). Measured with benchmarks/.
    """

    name: str
    title: str
    formats: tuple[str, ...]
    per_interviewer: bool
    skip_reason: Callable[[Notes], str | None]
    build_context: Callable[[Notes, Interviewer | None], Context]
    draw_charts: Callable[[Context], dict[str, Figure]] | None = None
    max_pages: int | None = None
    card: bool = False
    check: Callable[[Notes], list[Problem]] | None = None
    render_cost: float = 1.0
    wording: bool = False
    private: Callable[[Notes], list[dict[str, str]]] | None = None
