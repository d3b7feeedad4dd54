"""render/docx_style.py: the page size and accent colour of a DOCX, read back from its XML."""

from __future__ import annotations

import io

import docx
from docx.shared import Twips

from followup.render.docx_style import accent_hex, set_page_and_accent


def test_accent_hex_is_words_spelling() -> None:
    assert accent_hex("#1f4e79") == "1F4E79"
    assert accent_hex(" #18e ") == "1188EE"


def test_the_page_size_is_set_on_every_section() -> None:
    document = docx.Document()
    document.add_paragraph("x")
    document.add_section()
    buffer = io.BytesIO()
    document.save(buffer)
    a4 = (11906, 16838)
    resized = docx.Document(io.BytesIO(set_page_and_accent(buffer.getvalue(), a4, None)))
    assert [(section.page_width, section.page_height) for section in resized.sections] == [
        (Twips(a4[0]), Twips(a4[1]))] * 2
