"""Build templates/criteria-match/criteria-match.docx: the criteria-match letter as a Word file.

The same letter as the PDF: letterhead (name in Lato Light, contact line, accent
rule), date, recipient block, "Re:" subject, then the sections (priorities, the
criteria table with a repeated accent header row, the first 90 days, concerns,
next steps) and the sign-off. Named styles (Letter Body, Letter Section, Match
Cell ...) let a user restyle it in Word. Letter size; the renderer makes it A4
for ``paper = "a4"`` and recolours the accent. Run ``python -m tools.docx_templates``.
"""

from __future__ import annotations

from pathlib import Path

from docx.oxml.ns import qn
from docx.shared import Inches, Pt

from tools.docx_templates.common import (
    ACCENT,
    INK,
    MUTED,
    SANS,
    SERIF,
    base_document,
    data_table,
    paragraph,
    paragraph_border,
    paragraph_style,
    save,
    styled_run,
    tag,
)


def letterhead_styles(document) -> None:
    """The letterhead, date, recipient, subject and sign-off styles shared with the thank-you letter's look."""
    paragraph_style(document, "Letterhead Name", font=SANS, size=21, color=ACCENT, space_after=2, spacing_twips=16)
    contacts = paragraph_style(document, "Letterhead Contacts", font=SANS, size=8.3, color=MUTED, space_after=20)
    paragraph_border(contacts, "bottom", color_hex="1F4E79", size_eighths=7, space_pt=8)
    paragraph_style(document, "Letter Date", font=SERIF, size=11.3, space_after=12)
    paragraph_style(document, "Letter Recipient", font=SERIF, size=11.3, space_after=0, line_spacing=1.05)
    paragraph_style(document, "Letter Subject", font=SANS, size=9.6, bold=True, space_before=12, space_after=10)
    paragraph_style(document, "Letter Body", font=SERIF, size=11.3, space_after=7, line_spacing=1.08)
    paragraph_style(document, "Letter Sign-off", font=SERIF, size=11.3, space_before=12, space_after=0,
                    keep_with_next=True)
    paragraph_style(document, "Letter Signature", font=SERIF, size=19, italic=True, color=ACCENT, space_after=0,
                    keep_with_next=True)
    paragraph_style(document, "Letter Name", font=SANS, size=8.6, color=MUTED, space_after=0)


def letterhead(document) -> None:
    """Name, contact line, date, recipient lines and subject."""
    name_paragraph = paragraph(document, "", style="Letterhead Name")
    light(name_paragraph.add_run("{{ letterhead.name }}"))
    paragraph(document, "{{ letterhead.contacts|join('   ·   ') }}", style="Letterhead Contacts")
    paragraph(document, "{{ letter.date_text }}", style="Letter Date")
    tag(document, "{%p for line in recipient.lines %}")
    paragraph(document, "{{ line }}", style="Letter Recipient")
    tag(document, "{%p endfor %}")
    subject = paragraph(document, "", style="Letter Subject")
    styled_run(subject, "{{ labels.letter.re }} ", color=ACCENT, bold=True)
    styled_run(subject, "{{ prose.subject }}", bold=True, color=INK)


def light(run) -> None:
    """Lato Light for the letterhead name (a font of its own in Word)."""
    run.font.name = "Lato Light"
    fonts = run._r.get_or_add_rPr().find(qn("w:rFonts"))
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), "Lato Light")
    run.font.size = Pt(21)


def fixed_widths(table, widths_in: list[float]) -> None:
    """Column widths Word and LibreOffice both honour: no autofit, the grid and every cell set."""
    table.autofit = False
    for column, width in zip(table.columns, widths_in):
        column.width = Inches(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_in):
            cell.width = Inches(width)


def section_style(document) -> None:
    style = paragraph_style(document, "Letter Section", font=SANS, size=8, bold=True, color=ACCENT, space_before=12,
                            space_after=3, keep_with_next=True, spacing_twips=28)
    style.font.all_caps = True


#: The criteria table's columns (criterion, evidence, proof) in inches: the 6.7 in text column of Letter paper
TABLE_WIDTHS_IN = [1.95, 2.9, 1.85]


def build() -> Path:
    """Write the criteria-match template and return its path."""
    document = base_document(body_font=SERIF, body_size=11.3, margins_in=0.9, page="letter")
    section = document.sections[0]
    section.top_margin = Inches(0.7)
    section.bottom_margin = Inches(0.75)
    letterhead_styles(document)
    body_styles(document)
    letterhead(document)
    body(document, TABLE_WIDTHS_IN)
    return save(document, "criteria-match")


def body_styles(document) -> None:
    """The styles of the letter's body after the subject (shared with criteria_match_din5008.py)."""
    section_style(document)
    paragraph_style(document, "Letter Lead", font=SERIF, size=11.3, space_after=4, keep_with_next=True)
    priority = paragraph_style(document, "Letter Priority", font=SERIF, size=11.3, italic=True, space_after=1.5)
    priority.paragraph_format.left_indent = Inches(0.18)
    priority.paragraph_format.first_line_indent = Inches(-0.18)
    paragraph_style(document, "Match Cell", font=SANS, size=8.8, space_after=0, line_spacing=1.05)
    block_title = paragraph_style(document, "Letter Block Title", font=SANS, size=8.8, bold=True, space_after=1,
                                  keep_with_next=True)
    block_title.paragraph_format.left_indent = Inches(0.14)
    paragraph_border(block_title, "left", color_hex="1F4E79", size_eighths=12, space_pt=7)
    block_text = paragraph_style(document, "Letter Block Text", font=SERIF, size=11.3, space_after=1, line_spacing=1.05)
    block_text.paragraph_format.left_indent = Inches(0.14)
    paragraph_border(block_text, "left", color_hex="1F4E79", size_eighths=12, space_pt=7)
    paragraph_style(document, "Letter Spacer", font=SERIF, size=5, space_after=0)


def body(document, table_widths_in: list[float]) -> None:
    """The letter from the greeting to the signature: the sections and the criteria table, its columns
    ``table_widths_in`` wide (shared with criteria_match_din5008.py)."""
    paragraph(document, "{{ prose.greeting }}", style="Letter Body")
    tag(document, "{%p for block in prose.opening_print_blocks %}")
    paragraph(document, "{{ block.text }}", style="Letter Body")
    tag(document, "{%p endfor %}")

    tag(document, "{%p if prose.priorities_blocks %}")
    paragraph(document, "{{ labels.criteria_match.priorities }}", style="Letter Section")
    tag(document, "{%p for block in prose.priorities_blocks %}")
    tag(document, "{%p if block.is_list %}")
    tag(document, "{%p for item in block.entries %}")
    item = paragraph(document, "", style="Letter Priority")
    styled_run(item, "—\t", color=ACCENT)
    styled_run(item, "{{ item.text }}")
    tag(document, "{%p endfor %}")
    tag(document, "{%p else %}")
    paragraph(document, "{{ block.text }}", style="Letter Lead")
    tag(document, "{%p endif %}")
    tag(document, "{%p endfor %}")
    tag(document, "{%p endif %}")

    paragraph(document, "{{ labels.criteria_match.matches }}", style="Letter Section")
    tag(document, "{%p for block in prose.matches_blocks if not block.is_list %}")
    paragraph(document, "{{ block.text }}", style="Letter Lead")
    tag(document, "{%p endfor %}")
    table = data_table(document, ["{{ labels.criteria_match.criterion|upper }}",
                                  "{{ labels.criteria_match.evidence|upper }}",
                                  "{{ labels.criteria_match.proof|upper }}"],
                       ["{{ match.label }}", "{{ match.text }}", "{{ match.note }}"],
                       "for match in prose.matches_items",
                       widths_in=table_widths_in)
    fixed_widths(table, table_widths_in)
    for row_index, row in enumerate(table.rows):
        for column, cell in enumerate(row.cells):
            for para in cell.paragraphs:
                para.style = document.styles["Match Cell"]
                for run in para.runs:
                    run.font.size = Pt(8.8 if row_index else 8)
            if row_index == 2:
                runs = cell.paragraphs[0].runs
                if column == 0:
                    runs[0].bold = True
                if column == 2:
                    runs[0].italic = True
                    runs[0].font.color.rgb = MUTED
    paragraph(document, "", style="Letter Spacer")

    for name in ("pains", "objections"):
        tag(document, f"{{%p if prose.{name}_blocks %}}")
        paragraph(document, f"{{{{ labels.criteria_match.{name} }}}}", style="Letter Section")
        tag(document, f"{{%p for block in prose.{name}_blocks %}}")
        tag(document, "{%p if block.is_list %}")
        tag(document, "{%p for item in block.entries %}")
        paragraph(document, "{{ item.label }}", style="Letter Block Title")
        paragraph(document, "{{ item.text }}", style="Letter Block Text")
        paragraph(document, "", style="Letter Spacer")
        tag(document, "{%p endfor %}")
        tag(document, "{%p else %}")
        paragraph(document, "{{ block.text }}", style="Letter Lead")
        tag(document, "{%p endif %}")
        tag(document, "{%p endfor %}")
        tag(document, "{%p endif %}")

    paragraph(document, "{{ labels.criteria_match.next }}", style="Letter Section")
    tag(document, "{%p for block in prose.closing_blocks %}")
    paragraph(document, "{{ block.text }}", style="Letter Body")
    tag(document, "{%p endfor %}")
    paragraph(document, "{{ prose.sign_off }}", style="Letter Sign-off")
    paragraph(document, "{{ prose.signature }}", style="Letter Signature")
    paragraph(document, "{{ candidate.name }}", style="Letter Name")


if __name__ == "__main__":
    print(build())
