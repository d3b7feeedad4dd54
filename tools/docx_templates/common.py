"""Shared building blocks for the scripts that generate the DOCX templates.

Each ``tools/docx_templates/<document>.py`` builds ``templates/<document>/<document>.docx``
with python-docx: real Word styles (so a user can restyle the document in Word),
docxtpl tags (``{{ ... }}``, ``{%p for ... %}``, ``{%tr for ... %}``) as text.
Run ``python -m tools.docx_templates`` (or ``make docx-templates``) to rebuild them all;
a test checks that the committed files match what the scripts make.
"""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document as new_document
from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Mm, Pt, RGBColor

from followup.render.docx import normalise_zip

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"

INK = RGBColor(0x1D, 0x23, 0x2B)
MUTED = RGBColor(0x5B, 0x66, 0x72)
ACCENT = RGBColor(0x1F, 0x4E, 0x79)
SANS = "Lato"
SERIF = "EB Garamond"

PAGE_SIZES = {"letter": (Inches(8.5), Inches(11)), "a4": (Mm(210), Mm(297)),
              "card-letter": (Inches(4.25), Inches(5.5)), "card-a4": (Mm(105), Mm(148))}


def base_document(*, body_font: str = SANS, body_size: float = 10.5, margins_in: float = 0.9,
                  page: str = "letter") -> Document:
    """A new document with the house styles: Normal, Title, Heading 1-3, Table Grid look, list styles."""
    document = new_document()
    section = document.sections[0]
    section.page_width, section.page_height = PAGE_SIZES[page]
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Inches(margins_in))
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = body_font
    normal.font.size = Pt(body_size)
    normal.font.color.rgb = INK
    _east_asian_font(normal, body_font)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15
    for name, size, bold, color in (("Title", 24, False, ACCENT), ("Heading 1", 14, True, ACCENT),
                                    ("Heading 2", 11.5, True, INK), ("Heading 3", 10.5, True, INK)):
        style = styles[name]
        style.font.name = SANS
        _east_asian_font(style, SANS)
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.italic = False
        style.font.color.rgb = color
        style.paragraph_format.space_before = Pt(12 if name != "Title" else 0)
        style.paragraph_format.space_after = Pt(4)
        style.paragraph_format.keep_with_next = True
    return document


def _east_asian_font(style, font: str) -> None:
    properties = style.element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        properties.append(fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), font)


def paragraph(document: Document, text: str = "", *, style: str | None = None, bold: bool = False,
              italic: bool = False, size: float | None = None, color: RGBColor | None = None,
              align: str | None = None, space_after: float | None = None):
    """A paragraph holding ``text`` (which may contain docxtpl tags) as one run."""
    para = document.add_paragraph(style=style)
    if text:
        run = para.add_run(text)
        run.bold = bold or None
        run.italic = italic or None
        if size:
            run.font.size = Pt(size)
        if color is not None:
            run.font.color.rgb = color
    if align == "center":
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "right":
        para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if space_after is not None:
        para.paragraph_format.space_after = Pt(space_after)
    return para


def tag(document: Document, text: str):
    """A paragraph holding only a docxtpl paragraph tag (``{%p for x in xs %}``); docxtpl removes it."""
    return document.add_paragraph(text)


def shade(cell, hex_fill: str) -> None:
    """Fill a table cell with a colour."""
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), hex_fill)
    properties.append(shading)


def repeat_header(row) -> None:
    """Mark a table row as a header row repeated on every page."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def cant_split(row) -> None:
    """A row never breaks across pages."""
    properties = row._tr.get_or_add_trPr()
    element = OxmlElement("w:cantSplit")
    element.set(qn("w:val"), "true")
    properties.append(element)


def data_table(document: Document, headers: list[str], cells: list[str], loop: str, *,
               widths_in: list[float] | None = None, accent_hex: str = "1F4E79"):
    """A table with a repeated, shaded header row and one row per item through docxtpl's row loop.

    ``cells`` are the body row's cell texts (tags such as ``{{ row.name }}``);
    ``loop`` is the loop head, e.g. ``for row in matches``. docxtpl wants the
    loop tags in rows of their own, which it removes when it renders.
    """
    table = document.add_table(rows=4, cols=len(headers))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.style = document.styles["Table Grid"]
    header_row, start_row, body_row, end_row = table.rows
    repeat_header(header_row)
    for row in table.rows:
        cant_split(row)
    for cell, text in zip(header_row.cells, headers):
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        run.font.size = Pt(9.5)
        shade(cell, accent_hex)
    for cell, text in zip(body_row.cells, cells):
        run = cell.paragraphs[0].add_run(text)
        run.font.size = Pt(9.5)
    start_row.cells[0].paragraphs[0].add_run(f"{{%tr {loop} %}}")
    end_row.cells[0].paragraphs[0].add_run("{%tr endfor %}")
    if widths_in:
        for row in table.rows:
            for cell, width in zip(row.cells, widths_in):
                cell.width = Inches(width)
    return table


def save(document: Document, name: str) -> Path:
    """Save ``templates/<name>/<name>.docx`` reproducibly (fixed zip timestamps, fixed core properties)."""
    import datetime

    core = document.core_properties
    core.author = "followup"
    core.last_modified_by = "followup"
    fixed = datetime.datetime(2026, 1, 1, 0, 0, 0)
    core.created = fixed
    core.modified = fixed
    core.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    target = TEMPLATES / name / f"{name}.docx"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(normalise_zip(buffer.getvalue()))
    return target


def paragraph_style(document: Document, name: str, *, font: str = SERIF, size: float = 11, bold: bool = False,
                    italic: bool = False, color: RGBColor | None = None, space_before: float = 0,
                    space_after: float = 6, line_spacing: float | None = None, align: str | None = None,
                    keep_with_next: bool = False, spacing_twips: int | None = None):
    """A named paragraph style (so a user can restyle every such paragraph at once in Word)."""
    from docx.enum.style import WD_STYLE_TYPE

    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.quick_style = True
    style.font.name = font
    _east_asian_font(style, font)
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    style.font.color.rgb = color or INK
    fmt = style.paragraph_format
    fmt.space_before = Pt(space_before)
    fmt.space_after = Pt(space_after)
    if line_spacing is not None:
        fmt.line_spacing = line_spacing
    fmt.keep_with_next = keep_with_next
    if align == "center":
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "right":
        fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if spacing_twips is not None:
        spacing = OxmlElement("w:spacing")
        spacing.set(qn("w:val"), str(spacing_twips))
        style.element.get_or_add_rPr().append(spacing)
    return style


def paragraph_border(target, side: str, *, color_hex: str = "1F4E79", size_eighths: int = 6,
                     space_pt: int = 4) -> None:
    """A border on one side (top, bottom, left, right) of a paragraph or a paragraph style."""
    element = target.element if hasattr(target, "element") else target._p
    properties = element.get_or_add_pPr()
    borders = properties.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        properties.append(borders)
    line = OxmlElement(f"w:{side}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(size_eighths))
    line.set(qn("w:space"), str(space_pt))
    line.set(qn("w:color"), color_hex)
    borders.append(line)


def page_border(section, *, color_hex: str = "1F4E79", size_eighths: int = 4, space_pt: int = 18) -> None:
    """A thin border around every page of ``section``, ``space_pt`` from the page edge."""
    properties = section._sectPr
    borders = OxmlElement("w:pgBorders")
    borders.set(qn("w:offsetFrom"), "page")
    for side in ("top", "left", "bottom", "right"):
        line = OxmlElement(f"w:{side}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), str(size_eighths))
        line.set(qn("w:space"), str(space_pt))
        line.set(qn("w:color"), color_hex)
        borders.append(line)
    # w:pgBorders belongs after w:pgMar (and w:paperSrc) in the schema's order.
    margins = properties.find(qn("w:pgMar"))
    if margins is not None:
        margins.addnext(borders)
    else:
        properties.append(borders)


def styled_run(para, text: str, *, font: str | None = None, size: float | None = None, bold: bool = False,
               italic: bool = False, color: RGBColor | None = None):
    """A run in ``para`` with its own character formatting (for mixed runs in one paragraph)."""
    run = para.add_run(text)
    if font:
        run.font.name = font
        fonts = run._r.get_or_add_rPr().find(qn("w:rFonts"))
        if fonts is not None:
            for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                fonts.set(qn(attribute), font)
    if size:
        run.font.size = Pt(size)
    run.bold = bold or None
    run.italic = italic or None
    if color is not None:
        run.font.color.rgb = color
    return run


def prose_blocks(document: Document, blocks: str, *, body: str, item: str, spacer: str | None = None) -> None:
    """Place a section of prose (``prose.<section>_blocks``): a paragraph per paragraph block, an item
    paragraph per list item (label bold in the accent colour, a line break, the text, the note muted)."""
    from docx.enum.text import WD_BREAK

    tag(document, f"{{%p for block in {blocks} %}}")
    tag(document, "{%p if block.is_list %}")
    tag(document, "{%p for item in block.entries %}")
    line = paragraph(document, "", style=item)
    styled_run(line, "{% if item.label %}{{ item.label }}{% endif %}", font=SANS, size=8.4, bold=True, color=ACCENT)
    line.runs[-1].add_break(WD_BREAK.LINE)
    styled_run(line, "{{ item.text }}")
    styled_run(line, "{% if item.note %} {{ item.note }}{% endif %}", italic=True, color=MUTED)
    tag(document, "{%p endfor %}")
    if spacer:
        # Bordered paragraphs in a row join into one block in Word; this spacer gives the block room below.
        paragraph(document, "", style=spacer)
    tag(document, "{%p else %}")
    paragraph(document, "{{ block.text }}", style=body)
    tag(document, "{%p endif %}")
    tag(document, "{%p endfor %}")
