"""DOCX page size by ``style.paper``.

A DOCX template has one page size, fixed in its ``w:pgSz`` element; putting a
Jinja tag there would make the template a file Word refuses to open. So the
templates are made for US paper (Letter, or a 4.25 x 5.5 in card) and a
document's own ``docx`` renderer sets A4 (or A6 for a card) after rendering,
when the notes ask for ``paper = "a4"``. The margins are left as designed.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from followup.templates import TemplateSet

# Page sizes in twentieths of a point (twips), as w:pgSz wants them.
TWIPS: dict[tuple[str, bool], tuple[int, int]] = {
    ("letter", False): (12240, 15840),  # 8.5 x 11 in
    ("a4", False): (11906, 16838),  # 210 x 297 mm
    ("letter", True): (6120, 7920),  # 4.25 x 5.5 in
    ("a4", True): (5953, 8391),  # A6, 105 x 148 mm
}

_PAGE_SIZE = re.compile(rb"<w:pgSz\b[^>]*/>")


def set_page_size(docx: bytes, width: int, height: int) -> bytes:
    """``docx`` with every section's page size set to ``width`` x ``height`` twips (portrait)."""
    from followup.render.docx import normalise_zip

    source = zipfile.ZipFile(io.BytesIO(docx))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = _PAGE_SIZE.sub(f'<w:pgSz w:w="{width}" w:h="{height}"/>'.encode("ascii"), data)
            target.writestr(info.filename, data)
    return normalise_zip(output.getvalue())


def docx_for_paper(name: str, *, card: bool) -> Callable[[dict[str, Any], "TemplateSet"], bytes]:
    """A ``docx`` renderer for document ``name`` that sizes the page for ``style.paper``."""

    def render(context: dict[str, Any], templates: "TemplateSet") -> bytes:
        from followup.render.docx import render_docx

        data = render_docx(f"{name}/{name}.docx", context, templates)
        paper = context.get("style", {}).get("paper", "letter")
        if paper == "letter":
            return data
        width, height = TWIPS[(paper, card)]
        return set_page_size(data, width, height)

    return render
