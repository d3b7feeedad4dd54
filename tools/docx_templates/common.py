"""Shared building blocks for the scripts that generate the DOCX templates.

Each ``tools/docx_templates/<document>.py`` builds ``templates/<document>/<document>.docx``
with python-docx: real Word styles (so a user can restyle the document in Word),
docxtpl tags (``{{ ... }}``, ``{%p for ... %}``, ``{%tr for ... %}``) as text.
Run ``python -m tools.docx_templates`` (or ``make docx-templates``) to rebuild them all;
a test checks that the committed files match what the scripts make.
"""

from __future__ import annotations

import functools
import hashlib
import io
import uuid
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


# Child order of the property elements this module writes into, from ECMA-376 Part 1's schema
# (CT_PPrBase, CT_RPr, CT_PBdr): Word rejects a file ("unreadable content") whose children are out of order.
PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
             "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
             "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
             "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
             "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
             "sectPr", "pPrChange")
RPR_ORDER = ("rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
             "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing",
             "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
             "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath")
PBDR_ORDER = ("top", "left", "bottom", "right", "between", "bar")


def insert_in_order(parent, child, order: tuple[str, ...]) -> None:
    """Insert ``child`` into ``parent`` before the first sibling the schema puts after it."""
    name = child.tag.rpartition("}")[2]
    later = set(order[order.index(name) + 1:])
    for sibling in parent:
        if sibling.tag.rpartition("}")[2] in later:
            sibling.addprevious(child)
            return
    parent.append(child)


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
    """Mark a table row as a header row repeated on every page.

    An on/off element with no ``w:val`` is on (ECMA-376 ST_OnOff allows only
    ``on``/``off`` on these row properties in the transitional schema Word checks,
    never ``true``), so the attribute is left out.
    """
    properties = row._tr.get_or_add_trPr()
    if properties.find(qn("w:tblHeader")) is None:
        properties.append(OxmlElement("w:tblHeader"))


def cant_split(row) -> None:
    """A row never breaks across pages (``w:cantSplit`` without a value: on)."""
    properties = row._tr.get_or_add_trPr()
    if properties.find(qn("w:cantSplit")) is None:
        properties.append(OxmlElement("w:cantSplit"))


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


def save(document: Document, name: str, variant: str | None = None) -> Path:
    """Save ``templates/<name>/<name>.docx`` (``<name>.<variant>.docx`` for a variant, such as the
    German letter's ``din5008``) reproducibly, without python-docx's leftovers.

    Fixed zip timestamps; empty core properties (the renderer fills them from the
    notes); none of the parts python-docx's default template carries that no
    generated document needs and that a validator or a client trips on: the
    ``stylesWithEffects.xml`` copy of the styles (Word 2010's, which disagrees
    with ``styles.xml`` once styles are added), the blank thumbnail, the empty
    bibliography ``customXml``, and ``app.xml``'s "Microsoft Macintosh Word".
    """
    import datetime

    strip_boilerplate(document)
    embed_fonts(document)
    core = document.core_properties
    core.author = ""
    core.last_modified_by = ""
    core.comments = ""
    core.title = ""
    core.subject = ""
    fixed = datetime.datetime(2026, 1, 1, 0, 0, 0)
    core.created = fixed
    core.modified = fixed
    core.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    target = TEMPLATES / name / (f"{name}.{variant}.docx" if variant else f"{name}.docx")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(normalise_zip(buffer.getvalue()))
    return target


#: relationships from the document part and the package that ``strip_boilerplate`` removes
DROPPED_RELATIONSHIPS = (
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml",
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
)
#: ``docProps/app.xml`` without an application name, a template or statistics nobody keeps up to date
APP_XML = (b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
           b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
           b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"/>')


def strip_boilerplate(document: Document) -> None:
    """Drop the parts listed in ``DROPPED_RELATIONSHIPS`` and empty ``app.xml`` (see ``save``)."""
    package = document.part.package
    for rels in (package.rels, document.part.rels):
        for r_id in [r_id for r_id, rel in rels.items() if rel.reltype in DROPPED_RELATIONSHIPS]:
            rels.pop(r_id)
    for part in package.iter_parts():
        if part.partname == "/docProps/app.xml":
            part._blob = APP_XML


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
        insert_in_order(style.element.get_or_add_rPr(), spacing, RPR_ORDER)
    return style


def paragraph_border(target, side: str, *, color_hex: str = "1F4E79", size_eighths: int = 6,
                     space_pt: int = 4) -> None:
    """A border on one side (top, bottom, left, right) of a paragraph or a paragraph style."""
    element = target.element if hasattr(target, "element") else target._p
    properties = element.get_or_add_pPr()
    borders = properties.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        insert_in_order(properties, borders, PPR_ORDER)
    line = OxmlElement(f"w:{side}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(size_eighths))
    line.set(qn("w:space"), str(space_pt))
    line.set(qn("w:color"), color_hex)
    insert_in_order(borders, line, PBDR_ORDER)


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


# --- Embedded fonts -------------------------------------------------------------------------------
#
# Every template carries the faces its styles use, embedded the way Word embeds TrueType fonts
# (ECMA-376 Part 1, 17.8.1 and 17.8.3.3 "Embedded Font Obfuscation"): each font is a part
# ``word/fonts/fontN.odttf`` related from ``fontTable.xml``, its first 32 bytes XORed with a
# key that ``w:fontKey`` carries as a GUID. So a DOCX opened where Lato and EB Garamond are not
# installed (most Windows and Mac machines) still sets the text in them and keeps its length.
#
# The fonts are subset to the Latin scripts, punctuation and currency signs (about 100 KB a face
# instead of 300-700 KB), without hinting; EB Garamond, an OpenType font with PostScript (CFF)
# outlines that Word does not embed, is converted to TrueType outlines, and its family is named
# "EB Garamond" (the bundled file calls it "EB Garamond 12"; the OFL licence reserves no name).

FONT_SOURCES = ROOT / "templates" / "fonts"
#: family -> face (Regular, Bold, Italic, BoldItalic) -> bundled file, for the faces the templates use
EMBEDDED_FONTS: dict[str, dict[str, str]] = {
    SANS: {"Regular": "Lato-Regular.ttf", "Bold": "Lato-Bold.ttf"},
    SERIF: {"Regular": "EBGaramond12-Regular.otf", "Italic": "EBGaramond12-Italic.otf"},
}
#: the generic family Word falls back to when it cannot use a font (w:family)
FONT_CLASSES = {SANS: "swiss", SERIF: "roman"}
#: the characters kept in each embedded font: Latin-1, Latin Extended-A and B, general punctuation,
#: currency signs, arrows and the minus sign, the fi/fl ligatures
EMBEDDED_CHARACTERS = (list(range(0x20, 0x7F)) + list(range(0xA0, 0x250)) + list(range(0x2000, 0x2070))
                       + list(range(0x20A0, 0x20C1)) + [0x2116, 0x2122, 0x2190, 0x2192, 0x2212, 0xFB01, 0xFB02])
FONT_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
FONT_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
FONT_TABLE_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable"
#: children of w:font in schema order (CT_Font)
FONT_ORDER = ("altName", "panose1", "charset", "family", "notTrueType", "pitch", "sig", "embedRegular",
              "embedBold", "embedItalic", "embedBoldItalic")
#: children of w:settings before w:embedTrueTypeFonts in schema order (CT_Settings)
SETTINGS_BEFORE_EMBED = ("writeProtection", "view", "zoom", "removePersonalInformation", "removeDateAndTime",
                         "doNotDisplayPageBoundaries", "displayBackgroundShape", "printPostScriptOverText",
                         "printFractionalCharacterWidth", "printFormsData")


@functools.cache
def embeddable_font(file_name: str, family: str) -> bytes:
    """The bundled font ``file_name`` as a TrueType subset named ``family`` (reproducible bytes)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(FONT_SOURCES / file_name, recalcTimestamp=False)
    options = subset.Options()
    options.hinting = False
    options.notdef_outline = True
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]
    options.drop_tables = [*options.drop_tables, "FFTM"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=EMBEDDED_CHARACTERS)
    subsetter.subset(font)
    if "CFF " in font:
        _cff_to_truetype(font)
    style = font["name"].getDebugName(2) or "Regular"
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (16, 17):
            names.names.remove(record)
    names.setName(family, 1, 3, 1, 0x409)
    names.setName(family, 1, 1, 0, 0)
    names.setName(f"{family} {style}", 4, 3, 1, 0x409)
    names.setName(f"{family} {style}", 4, 1, 0, 0)
    buffer = io.BytesIO()
    font.save(buffer, reorderTables=True)
    return buffer.getvalue()


def _cff_to_truetype(font) -> None:
    """Replace a font's PostScript (CFF) outlines by TrueType (quadratic) ones, as fontTools' otf2ttf does."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)
    metrics = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        if hasattr(glyph, "xMin"):
            metrics[name] = (metrics[name][0], glyph.xMin)
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 0)
    maxp.compile(font)
    post = font["post"]
    post.formatType = 3.0
    font.sfntVersion = "\x00\x01\x00\x00"


def font_key(data: bytes) -> str:
    """A GUID (``{XXXXXXXX-...}``) for ``w:fontKey``, derived from the font so the template is reproducible."""
    return "{" + str(uuid.UUID(bytes=hashlib.sha256(data).digest()[:16])).upper() + "}"


def obfuscate_font(data: bytes, key: str) -> bytes:
    """ECMA-376's font obfuscation: the first 32 bytes XORed with the key's 16 bytes, read from its end.

    The same operation undoes it (XOR), which is how a reader gets the font back.
    """
    key_bytes = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    head = bytes(byte ^ key_bytes[index % 16] for index, byte in enumerate(data[:32]))
    return head + data[32:]


def embed_fonts(document: Document) -> None:
    """Embed ``EMBEDDED_FONTS`` in ``document``: font parts, their fontTable entries, embedTrueTypeFonts."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from fontTools.ttLib import TTFont
    from lxml import etree

    package = document.part.package
    table_part = document.part.part_related_by(FONT_TABLE_RELATIONSHIP)
    table = etree.fromstring(table_part.blob)
    number = 0
    for family, faces in EMBEDDED_FONTS.items():
        for existing in table.findall(qn("w:font")):
            if existing.get(qn("w:name")) == family:
                table.remove(existing)
        entry = etree.SubElement(table, qn("w:font"))
        entry.set(qn("w:name"), family)
        first = TTFont(io.BytesIO(embeddable_font(faces["Regular"], family)))
        os2 = first["OS/2"]
        panose = os2.panose
        digits = [panose.bFamilyType, panose.bSerifStyle, panose.bWeight, panose.bProportion, panose.bContrast,
                  panose.bStrokeVariation, panose.bArmStyle, panose.bLetterForm, panose.bMidline, panose.bXHeight]
        values = {"panose1": {"w:val": "".join(f"{digit:02X}" for digit in digits)},
                  "charset": {"w:val": "00"}, "family": {"w:val": FONT_CLASSES[family]},
                  "pitch": {"w:val": "variable"},
                  "sig": {"w:usb0": f"{os2.ulUnicodeRange1:08X}", "w:usb1": f"{os2.ulUnicodeRange2:08X}",
                          "w:usb2": f"{os2.ulUnicodeRange3:08X}", "w:usb3": f"{os2.ulUnicodeRange4:08X}",
                          "w:csb0": f"{os2.ulCodePageRange1:08X}", "w:csb1": f"{os2.ulCodePageRange2:08X}"}}
        for name, attributes in values.items():
            child = etree.SubElement(entry, qn(f"w:{name}"))
            for attribute, value in attributes.items():
                child.set(qn(attribute), value)
        for face in ("Regular", "Bold", "Italic", "BoldItalic"):
            if face not in faces:
                continue
            data = embeddable_font(faces[face], family)
            key = font_key(data)
            number += 1
            part = Part(PackURI(f"/word/fonts/font{number}.odttf"), FONT_CONTENT_TYPE, obfuscate_font(data, key),
                        package)
            r_id = table_part.relate_to(part, FONT_RELATIONSHIP)
            embed = etree.SubElement(entry, qn(f"w:embed{face}"))
            embed.set(qn("r:id"), r_id)
            embed.set(qn("w:fontKey"), key)
    table_part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)
    settings = document.settings.element
    for unwanted in ("savePreviewPicture", "embedTrueTypeFonts"):
        for element in settings.findall(qn(f"w:{unwanted}")):
            settings.remove(element)
    embed_setting = OxmlElement("w:embedTrueTypeFonts")
    before = [child for child in settings if child.tag.rpartition("}")[2] in SETTINGS_BEFORE_EMBED]
    if before:
        before[-1].addnext(embed_setting)
    else:
        settings.insert(0, embed_setting)
