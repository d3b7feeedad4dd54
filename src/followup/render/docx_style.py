"""DOCX page size by ``style.paper``, and the accent colour by ``style.accent_color``.

A DOCX template has one page size, fixed in its ``w:pgSz`` element; putting a
Jinja tag there would make the template a file Word refuses to open. So the
templates are made for US paper (Letter, or a 4.25 x 5.5 in card) and a
``fit_to_style`` sets A4 (or A6 for a card) after rendering, when the notes
ask for ``paper = "a4"``; ``render_format`` applies it to every document's DOCX. The margins are left as designed.
(The German letter's DIN 5008 template, ``thank-you-letter.din5008.docx``, is made
for A4 with its own margins; setting A4 again changes nothing.)

The same holds for colours: the templates are drawn in the house accent
(``TEMPLATE_ACCENT``, #1F4E79) and the renderer swaps it for ``style.accent_color``
in the document, its styles and its headers and footers.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

# Page sizes in twentieths of a point (twips), as w:pgSz wants them.
TWIPS: dict[tuple[str, bool], tuple[int, int]] = {
    ("letter", False): (12240, 15840),  # 8.5 x 11 in
    ("a4", False): (11906, 16838),  # 210 x 297 mm
    ("letter", True): (6120, 7920),  # 4.25 x 5.5 in
    ("a4", True): (5953, 8391),  # A6, 105 x 148 mm
}

_PAGE_SIZE = re.compile(rb"<w:pgSz\b[^>]*/>")
TEMPLATE_ACCENT = "1F4E79"
# Only colour attributes are recoloured, never text.
_ACCENT_ATTRIBUTE = re.compile(rb'(w:(?:val|color|fill)=")' + TEMPLATE_ACCENT.encode("ascii") + rb'"', re.IGNORECASE)
_RECOLOURED = re.compile(r"word/(document|styles|header\d*|footer\d*)\.xml")


def accent_hex(colour: str) -> str:
    """``#1f4e79`` or ``#18e`` as Word writes colours: ``1F4E79``."""
    digits = colour.strip().lstrip("#")
    if len(digits) == 3:
        digits = "".join(character * 2 for character in digits)
    return digits.upper()


def set_page_and_accent(docx: bytes, size: tuple[int, int] | None, accent: str | None) -> bytes:
    """``docx`` with every section's page size set to ``size`` (twips, portrait) and the accent recoloured."""
    from followup.render.docx import normalise_zip

    source = zipfile.ZipFile(io.BytesIO(docx))
    changed: dict[str, bytes] = {}
    for name in source.namelist():
        if (size is not None and name == "word/document.xml") or (accent is not None and _RECOLOURED.fullmatch(name)):
            data = original = source.read(name)
            if size is not None and name == "word/document.xml":
                data = _PAGE_SIZE.sub(f'<w:pgSz w:w="{size[0]}" w:h="{size[1]}"/>'.encode("ascii"), data)
            if accent is not None and _RECOLOURED.fullmatch(name):
                data = _ACCENT_ATTRIBUTE.sub(rb"\g<1>" + accent.encode("ascii") + rb'"', data)
            if data != original:
                changed[name] = data
    # Every other member (the embedded fonts above all) keeps its compressed bytes.
    return normalise_zip(docx, replace=changed)


def fit_to_style(docx: bytes, style: dict[str, Any], *, card: bool) -> bytes:
    """``docx`` on the paper of ``style.paper`` (a card size when ``card``) and in ``style.accent_color``."""
    paper = style.get("paper", "letter")
    size = TWIPS[(paper, card)] if paper != "letter" else None
    accent = accent_hex(style.get("accent_color") or "#" + TEMPLATE_ACCENT)
    if size is None and accent == TEMPLATE_ACCENT:
        return docx
    return set_page_and_accent(docx, size, accent if accent != TEMPLATE_ACCENT else None)
