"""Build templates/thank-you-card/thank-you-card.docx: the card as a Word file.

The page is the card (4.25 x 5.5 in; the renderer makes it A6 for ``paper = "a4"``),
with a hairline page border, the candidate's monogram, the text in EB Garamond and
the signature in accent italic. Named styles (Card Greeting, Card Body, Card
Signature ...) let a user restyle it in Word. Run ``python -m tools.docx_templates``.
"""

from __future__ import annotations

from pathlib import Path

from docx.shared import Inches, Pt

from tools.docx_templates.common import (
    ACCENT,
    MUTED,
    SANS,
    SERIF,
    base_document,
    page_border,
    paragraph,
    paragraph_border,
    paragraph_style,
    save,
    tag,
)


def build() -> Path:
    """Write the card template and return its path."""
    document = base_document(body_font=SERIF, body_size=11.5, margins_in=0.6, page="card-letter")
    section = document.sections[0]
    section.left_margin = section.right_margin = Inches(0.56)
    section.top_margin = Inches(0.55)
    section.bottom_margin = Inches(0.5)
    section.footer_distance = Inches(0.28)
    page_border(section, color_hex="1F4E79", size_eighths=4, space_pt=14)

    paragraph_style(document, "Card Monogram", font=SERIF, size=14, color=ACCENT, align="center",
                    space_after=10, spacing_twips=40)
    paragraph_style(document, "Card Greeting", font=SERIF, size=13, italic=True, space_after=6)
    paragraph_style(document, "Card Body", font=SERIF, size=12.3, space_after=7, line_spacing=1.12)
    paragraph_style(document, "Card Sign-off", font=SERIF, size=12.3, space_before=8, space_after=0,
                    keep_with_next=True)
    paragraph_style(document, "Card Signature", font=SERIF, size=17, italic=True, color=ACCENT, space_after=0)
    paragraph_style(document, "Card Footer", font=SANS, size=6.5, color=MUTED, align="center", spacing_twips=24)

    monogram = paragraph(document, "{{ card.monogram }}", style="Card Monogram")
    paragraph_border(monogram, "bottom", color_hex="D5DBE1", size_eighths=4, space_pt=6)
    monogram.paragraph_format.left_indent = Inches(1.05)
    monogram.paragraph_format.right_indent = Inches(1.05)
    paragraph(document, "{{ prose.greeting }}", style="Card Greeting")
    tag(document, "{%p for block in prose.body_blocks %}")
    paragraph(document, "{{ block.text }}", style="Card Body")
    tag(document, "{%p endfor %}")
    paragraph(document, "{{ prose.sign_off }}", style="Card Sign-off")
    paragraph(document, "{{ prose.signature }}", style="Card Signature")

    footer = section.footer
    footer_paragraph = footer.paragraphs[0]
    footer_paragraph.style = document.styles["Card Footer"]
    footer_paragraph.add_run("{{ candidate.name }}").font.size = Pt(6.5)
    return save(document, "thank-you-card")


if __name__ == "__main__":
    print(build())
