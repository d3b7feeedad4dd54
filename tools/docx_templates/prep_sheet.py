"""Build templates/prep-sheet/prep-sheet.docx: the candidate's prep sheet as a Word file.

The same sheet as the PDF: "PREP SHEET" eyebrow, the company as title, the role and
the next round, then the sections of the wording template (what they told you, gaps
to probe, concerns, people met and not met yet with their questions, promises, open
questions, the close, and the private notes when the render asked for them). A list
item is "label — text · note"; questions and gaps get an empty box (☐) to tick.
Named styles (Prep Section, Prep Item, Prep Box ...) let a user restyle it in Word.
Letter size; the renderer makes it A4 for ``paper = "a4"`` and recolours the accent.
Run ``python -m tools.docx_templates``.
"""

from __future__ import annotations

from pathlib import Path

from docx.shared import Inches

from tools.docx_templates.common import (
    ACCENT,
    INK,
    MUTED,
    SANS,
    base_document,
    paragraph,
    paragraph_border,
    paragraph_style,
    save,
    styled_run,
    tag,
)

BOX = "☐"


def styles(document) -> None:
    """The sheet's named styles: compact Lato, accent section labels, hanging-indent items."""
    eyebrow = paragraph_style(document, "Prep Eyebrow", font=SANS, size=8, bold=True, color=ACCENT, space_after=0,
                              spacing_twips=24)
    eyebrow.font.all_caps = True
    paragraph_style(document, "Prep Title", font=SANS, size=19, color=ACCENT, space_after=0)
    paragraph_style(document, "Prep Subtitle", font=SANS, size=9.5, color=MUTED, space_after=2)
    next_round = paragraph_style(document, "Prep Next", font=SANS, size=9, bold=True, space_after=4)
    paragraph_border(next_round, "bottom", color_hex="1F4E79", size_eighths=10, space_pt=4)
    section = paragraph_style(document, "Prep Section", font=SANS, size=8, bold=True, color=ACCENT, space_before=8,
                              space_after=3, keep_with_next=True, spacing_twips=24)
    section.font.all_caps = True
    paragraph_border(section, "bottom", color_hex="D5DBE1", size_eighths=4, space_pt=1)
    paragraph_style(document, "Prep Sub", font=SANS, size=8.5, bold=True, color=MUTED, space_before=3,
                    space_after=2, keep_with_next=True)
    paragraph_style(document, "Prep Lead", font=SANS, size=8.8, italic=True, space_after=2, keep_with_next=True)
    paragraph_style(document, "Prep Person", font=SANS, size=8.8, bold=True, space_before=3, space_after=1,
                    keep_with_next=True)
    for name in ("Prep Item", "Prep Box"):
        item = paragraph_style(document, name, font=SANS, size=8.8, space_after=2.5, line_spacing=1.05)
        item.paragraph_format.left_indent = Inches(0.2)
        item.paragraph_format.first_line_indent = Inches(-0.2)


def items(document, blocks: str, *, boxes: bool = False) -> None:
    """Place ``prose.<section>_blocks``: a lead paragraph per paragraph block, an item paragraph per list item."""
    tag(document, f"{{%p for block in {blocks} %}}")
    tag(document, "{%p if block.is_list %}")
    tag(document, "{%p for item in block.entries %}")
    line = paragraph(document, "", style="Prep Box" if boxes else "Prep Item")
    styled_run(line, f"{BOX}\t" if boxes else "•\t", color=ACCENT)
    styled_run(line, "{% if item.label %}{{ item.label }}{% endif %}", bold=True, color=INK)
    styled_run(line, "{% if item.label %} — {% endif %}", color=MUTED)
    styled_run(line, "{{ item.text }}")
    styled_run(line, "{% if item.note %} · {{ item.note }}{% endif %}", italic=True, color=MUTED, size=8)
    tag(document, "{%p endfor %}")
    tag(document, "{%p else %}")
    paragraph(document, "{{ block.text }}", style="Prep Lead")
    tag(document, "{%p endif %}")
    tag(document, "{%p endfor %}")


def section(document, name: str, label: str, *, boxes: bool = False, optional: bool = True) -> None:
    """A heading and its prose section; an optional one is left out when the wording wrote nothing."""
    blocks = f"prose.get('{name}_blocks', [])"
    if optional:
        tag(document, f"{{%p if {blocks} %}}")
    paragraph(document, f"{{{{ labels.prep_sheet.{label} }}}}", style="Prep Section")
    items(document, blocks, boxes=boxes)
    if optional:
        tag(document, "{%p endif %}")


def build() -> Path:
    """Write the prep-sheet template and return its path."""
    document = base_document(body_font=SANS, body_size=8.8, margins_in=0.6, page="letter")
    page = document.sections[0]
    page.top_margin = Inches(0.5)
    page.bottom_margin = Inches(0.55)
    styles(document)

    eyebrow = paragraph(document, "", style="Prep Eyebrow")
    styled_run(eyebrow, "{{ labels.prep_sheet.eyebrow }}")
    styled_run(eyebrow, "    {{ labels.prep_sheet.private_only }}", bold=False, color=MUTED)
    paragraph(document, "{{ company.name }}", style="Prep Title")
    paragraph(document, "{{ prose.get('subtitle', '') }}", style="Prep Subtitle")
    paragraph(document, "{{ prose.get('next', '') }}", style="Prep Next")

    section(document, "told", "told")
    section(document, "gaps", "gaps", boxes=True, optional=False)
    section(document, "concerns", "concerns")

    paragraph(document, "{{ labels.prep_sheet.people }}", style="Prep Section")
    paragraph(document, "{{ labels.prep_sheet.met }}", style="Prep Sub")
    items(document, "prose.get('met_blocks', [])")
    tag(document, "{%p if prose.get('not_met_blocks', []) %}")
    paragraph(document, "{{ labels.prep_sheet.not_met }}", style="Prep Sub")
    tag(document, "{%p for block in prose.get('not_met_blocks', []) %}")
    tag(document, "{%p if block.is_list %}")
    tag(document, "{%p for item in block.entries %}")
    line = paragraph(document, "", style="Prep Box")
    styled_run(line, f"{BOX}\t", color=ACCENT)
    styled_run(line, "{{ item.text }}")
    tag(document, "{%p endfor %}")
    tag(document, "{%p else %}")
    paragraph(document, "{{ block.text }}", style="Prep Person")
    tag(document, "{%p endif %}")
    tag(document, "{%p endfor %}")
    tag(document, "{%p endif %}")

    section(document, "promises", "promises", boxes=True)
    section(document, "questions", "questions", boxes=True)
    section(document, "close", "close", optional=False)
    section(document, "private", "private")
    return save(document, "prep-sheet")


if __name__ == "__main__":
    print(build())
