"""Build templates/thank-you-letter/thank-you-letter.din5008.docx: the German A4 letter, DIN 5008 Form B.

The renderer uses it instead of thank-you-letter.docx when the letter is German
and the paper A4 (``followup.render.docx.din5008_variant``); docs/languages.md
gives the measures. The head of the first page is made of frames (paragraphs
with ``w:framePr``) at absolute positions on the page, which Word and LibreOffice
both place exactly:

- the letterhead, at 12 mm from the top, in a frame that reaches down to the
  end of the address field (90 mm), and its rule at 40 mm (an empty frame with
  a top border);
- the address field, 45 mm from the top and 25 mm from the left, 80 x 45 mm (at
  least: a longer address grows it rather than being cut): the one-line return
  address (8 pt) at the bottom of its 17.7 mm notes zone, then the recipient's
  lines from 62.7 mm;
- the information block with the date, 50 mm from the top, from 125 mm to the
  right margin (190 mm), the date ending on the margin;
- fold marks at 105 and 210 mm and the hole mark at 148.5 mm on the left edge.

No text runs beside the head's frames (``w:wrap="notBeside"``), and the text of
page 1 would start (at the 20 mm top margin) inside the letterhead's frame, so
it starts below that frame, at 90 mm; its first paragraph, the subject, has
8.46 mm (two lines) of space before it: 98.46 mm. The later pages start at the
top margin. Why the letterhead's frame is that tall: LibreOffice moves a line
below a frame only when the line would start inside it (a line starting just
above the address field is left where it is, on top of the field), so the text
must start inside a frame that ends where the text should begin. Frames that let
text run through them (``through``) and a spacer paragraph do not work either:
LibreOffice moves text below them all the same. Margins 25 mm left, 20 mm
right, top and bottom; the page is A4 already. The named styles are those of
thank-you-letter.docx, plus "Letter Return Address".
"""

from __future__ import annotations

from pathlib import Path

from docx.enum.text import WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from tools.docx_templates.common import (
    INK,
    MUTED,
    PPR_ORDER,
    SANS,
    SERIF,
    base_document,
    insert_in_order,
    paragraph,
    paragraph_border,
    paragraph_style,
    prose_blocks,
    save,
    styled_run,
    tag,
)
from tools.docx_templates.thank_you_letter import letter_styles, light

#: DIN 5008 Form B, in mm from the page's top-left corner
LEFT_MARGIN, RIGHT_MARGIN, TOP_MARGIN, BOTTOM_MARGIN = 25, 20, 20, 20
LETTERHEAD_TOP = 12
RULE_TOP = 40  # the rule under the letterhead, 5 mm above the address field (as in the PDF)
ADDRESS_TOP, ADDRESS_LEFT, ADDRESS_WIDTH, ADDRESS_HEIGHT = 45, 25, 80, 45
NOTES_ZONE = 17.7  # the address field's first zone; the return address is its last line
INFO_TOP, INFO_LEFT = 50, 125
TEXT_TOP = 98.46  # the subject: two lines below the address field (45 + 45 mm, then 2 x 4.23 mm)
FOLD_MARKS = (105, 148.5, 210)


def twips(mm: float) -> int:
    """Millimetres as twentieths of a point, as w:framePr wants them (45 mm = 2551)."""
    return round(mm * 1440 / 25.4)


def frame(para, *, x: float, y: float, width: float, height: float | None = None, exact: bool = False,
          wrap: str = "notBeside") -> None:
    """Place ``para`` in a frame at ``x``, ``y`` mm from the page's left and top edges, ``width`` mm wide,
    at least (or exactly) ``height`` mm tall.

    Consecutive paragraphs with the same frame properties share one frame. No
    text runs beside a frame (``notBeside``): the letter's text goes below it.
    """
    properties = para._p.get_or_add_pPr()
    element = OxmlElement("w:framePr")
    element.set(qn("w:w"), str(twips(width)))
    if height is not None:
        element.set(qn("w:h"), str(twips(height)))
        element.set(qn("w:hRule"), "exact" if exact else "atLeast")
    element.set(qn("w:wrap"), wrap)
    element.set(qn("w:vAnchor"), "page")
    element.set(qn("w:hAnchor"), "page")
    element.set(qn("w:x"), str(twips(x)))
    element.set(qn("w:y"), str(twips(y)))
    insert_in_order(properties, element, PPR_ORDER)


def rule(document, *, x: float, y: float, width: float, color_hex: str, size_eighths: int, wrap: str) -> None:
    """A horizontal line ``width`` mm long at ``x``, ``y`` mm on the page: an empty frame with a top border."""
    mark = paragraph(document, "", style="Normal", space_after=0)
    mark.paragraph_format.space_before = Pt(0)
    mark.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    mark.paragraph_format.line_spacing = Pt(1)
    paragraph_border(mark, "top", color_hex=color_hex, size_eighths=size_eighths, space_pt=0)
    frame(mark, x=x, y=y, width=width, height=0.4, exact=True, wrap=wrap)


def no_border(para, side: str) -> None:
    """Switch off a border ``para``'s style gives it (``w:val="nil"``)."""
    paragraph_border(para, side)
    line = para._p.pPr.find(qn("w:pBdr")).find(qn(f"w:{side}"))
    for attribute in ("w:sz", "w:space", "w:color"):
        del line.attrib[qn(attribute)]
    line.set(qn("w:val"), "nil")


def din5008_document(body_size: float):
    """A new A4 document with DIN 5008 Form B's margins: 25 mm left, 20 mm right, top and bottom."""
    document = base_document(body_font=SERIF, body_size=body_size, page="a4")
    section = document.sections[0]
    section.left_margin, section.right_margin = Mm(LEFT_MARGIN), Mm(RIGHT_MARGIN)
    section.top_margin, section.bottom_margin = Mm(TOP_MARGIN), Mm(BOTTOM_MARGIN)
    return document


def din5008_head(document, *, body_line_pt: float) -> None:
    """Page 1's head in frames (letterhead, address field, date, fold marks), then the subject.

    Shared by the letters with a DIN 5008 variant (this one, criteria_match_din5008.py).
    ``document`` already has the letter's styles (Letterhead Name, Letterhead
    Contacts, Letter Recipient, Letter Date, Letter Subject); this adds "Letter
    Return Address". ``body_line_pt`` is the height of a line of the body text:
    two of them follow the subject.
    """
    # The return address: 8 pt, its line at the bottom of the notes zone (its top 3.9 mm above the zone's end).
    paragraph_style(document, "Letter Return Address", font=SANS, size=8, color=MUTED,
                    space_before=(NOTES_ZONE - 3.9) * 72 / 25.4, space_after=4, line_spacing=1.0)
    text_width = 210 - LEFT_MARGIN - RIGHT_MARGIN

    name_paragraph = paragraph(document, "", style="Letterhead Name")
    light(name_paragraph.add_run("{{ letterhead.name }}"))
    # Down to the end of the address field, so that the text starts below it (see the module's docstring).
    letterhead = {"x": LEFT_MARGIN, "y": LETTERHEAD_TOP, "width": text_width,
                  "height": ADDRESS_TOP + ADDRESS_HEIGHT - LETTERHEAD_TOP}
    frame(name_paragraph, **letterhead)
    contacts = paragraph(document, "{{ letterhead.contacts|join('   ·   ') }}", style="Letterhead Contacts")
    frame(contacts, **letterhead)
    # The style's rule under the contacts would become the whole frame's border in LibreOffice (and sit
    # elsewhere in Word): this letter draws it as a frame of its own, at the letterhead's foot.
    no_border(contacts, "bottom")
    rule(document, x=LEFT_MARGIN, y=RULE_TOP, width=text_width, color_hex="1F4E79", size_eighths=5,
         wrap="notBeside")

    address = {"x": ADDRESS_LEFT, "y": ADDRESS_TOP, "width": ADDRESS_WIDTH, "height": ADDRESS_HEIGHT}
    returned = paragraph(document, "{{ ([candidate.name] + (candidate.address_lines or [letterhead.links"
                         " | selectattr('kind', 'equalto', 'city') | map(attribute='text') | first"
                         " | default('')])) | select | join(' · ') }}", style="Letter Return Address")
    frame(returned, **address)
    tag(document, "{%p for line in recipient.lines %}")
    frame(paragraph(document, "{{ line }}", style="Letter Recipient"), **address)
    tag(document, "{%p endfor %}")

    date = paragraph(document, "{{ letter.date_text }}", style="Letter Date", align="right", space_after=0)
    frame(date, x=INFO_LEFT, y=INFO_TOP, width=210 - RIGHT_MARGIN - INFO_LEFT)

    for top in FOLD_MARKS:
        # In the left margin, beside no text: text may run beside it ("around").
        rule(document, x=5, y=top, width=7 if top == 148.5 else 5, color_hex="8A949E", size_eighths=4, wrap="around")

    # DIN 5008: the subject in bold without the word "Betreff", two blank lines below the address field
    # (the text starts below the frames, at the field's end) and two after it.
    subject = paragraph(document, "", style="Letter Subject")
    subject.paragraph_format.space_before = Mm(TEXT_TOP - ADDRESS_TOP - ADDRESS_HEIGHT)
    subject.paragraph_format.space_after = Pt(2 * body_line_pt)
    styled_run(subject, "{{ prose.subject }}", bold=True, color=INK)


def build() -> Path:
    """Write the DIN 5008 letter template and return its path."""
    document = din5008_document(body_size=11.5)
    letter_styles(document)
    din5008_head(document, body_line_pt=11.5 * 1.1)
    paragraph(document, "{{ prose.greeting }}", style="Letter Body")
    prose_blocks(document, "prose.body_blocks", body="Letter Body", item="Letter Evidence", spacer="Letter Spacer")
    paragraph(document, "{{ prose.sign_off }}", style="Letter Sign-off")
    paragraph(document, "{{ prose.signature }}", style="Letter Signature")
    paragraph(document, "{{ candidate.name }}", style="Letter Name")
    return save(document, "thank-you-letter", variant="din5008")


if __name__ == "__main__":
    print(build())
