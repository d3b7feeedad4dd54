"""Build templates/thank-you-letter/thank-you-letter.docx: the one-page letter as a Word file.

Letterhead (name in Lato Light, contact line, accent rule), date, recipient block,
subject line, the paragraphs in EB Garamond, the evidence items with an accent
bar, sign-off and signature. Named styles (Letter Body, Letter Evidence ...) let
a user restyle it in Word. Letter size; the renderer makes it A4 for ``paper = "a4"``.
Run ``python -m tools.docx_templates``.
"""

from __future__ import annotations

from pathlib import Path

from docx.shared import Inches, Pt

from tools.docx_templates.common import (
    ACCENT,
    INK,
    MUTED,
    SANS,
    SERIF,
    base_document,
    paragraph,
    paragraph_border,
    paragraph_style,
    prose_blocks,
    save,
    styled_run,
    tag,
)


def build() -> Path:
    """Write the letter template and return its path."""
    document = base_document(body_font=SERIF, body_size=11.5, margins_in=0.95, page="letter")
    section = document.sections[0]
    section.top_margin = Inches(0.7)
    section.bottom_margin = Inches(0.75)

    letter_styles(document)

    name_paragraph = paragraph(document, "", style="Letterhead Name")
    run = name_paragraph.add_run("{{ letterhead.name }}")
    light(run)
    paragraph(document, "{{ letterhead.contacts|join('   ·   ') }}", style="Letterhead Contacts")
    paragraph(document, "{{ letter.date_text }}", style="Letter Date")
    tag(document, "{%p for line in recipient.lines %}")
    paragraph(document, "{{ line }}", style="Letter Recipient")
    tag(document, "{%p endfor %}")
    subject = paragraph(document, "", style="Letter Subject")
    styled_run(subject, "{{ labels.letter.re }} ", color=ACCENT, bold=True)
    styled_run(subject, "{{ prose.subject }}", bold=True, color=INK)
    paragraph(document, "{{ prose.greeting }}", style="Letter Body")
    prose_blocks(document, "prose.body_blocks", body="Letter Body", item="Letter Evidence", spacer="Letter Spacer")
    paragraph(document, "{{ prose.sign_off }}", style="Letter Sign-off")
    paragraph(document, "{{ prose.signature }}", style="Letter Signature")
    paragraph(document, "{{ candidate.name }}", style="Letter Name")
    return save(document, "thank-you-letter")


def letter_styles(document) -> None:
    """The letter's named styles (shared with the DIN 5008 variant, thank_you_letter_din5008.py)."""
    paragraph_style(document, "Letterhead Name", font=SANS, size=21, color=ACCENT, space_after=2, spacing_twips=16)
    contacts = paragraph_style(document, "Letterhead Contacts", font=SANS, size=8.3, color=MUTED, space_after=26)
    paragraph_border(contacts, "bottom", color_hex="1F4E79", size_eighths=7, space_pt=8)
    paragraph_style(document, "Letter Date", font=SERIF, size=11.5, space_after=14)
    paragraph_style(document, "Letter Recipient", font=SERIF, size=11.5, space_after=0, line_spacing=1.05)
    paragraph_style(document, "Letter Subject", font=SANS, size=9.6, bold=True, space_before=14, space_after=12)
    paragraph_style(document, "Letter Body", font=SERIF, size=11.5, space_after=8, line_spacing=1.1)
    evidence = paragraph_style(document, "Letter Evidence", font=SERIF, size=11.5, space_after=5, line_spacing=1.05)
    evidence.paragraph_format.left_indent = Inches(0.16)
    paragraph_border(evidence, "left", color_hex="1F4E79", size_eighths=12, space_pt=8)
    paragraph_style(document, "Letter Spacer", font=SERIF, size=7, space_after=2)
    paragraph_style(document, "Letter Sign-off", font=SERIF, size=11.5, space_before=16, space_after=0,
                    keep_with_next=True)
    paragraph_style(document, "Letter Signature", font=SERIF, size=19, italic=True, color=ACCENT, space_after=0,
                    keep_with_next=True)
    paragraph_style(document, "Letter Name", font=SANS, size=8.6, color=MUTED, space_after=0)


def light(run) -> None:
    """Lato Light for the letterhead name (a font of its own in Word)."""
    from docx.oxml.ns import qn

    run.font.name = "Lato Light"
    fonts = run._r.get_or_add_rPr().find(qn("w:rFonts"))
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), "Lato Light")
    run.font.size = Pt(21)


if __name__ == "__main__":
    print(build())
