"""Build templates/process-ideas/process-ideas.docx: the ideas memo as a Word file.

"MEMO" eyebrow and title, a To / From / Date / Re block, "What I heard" (priorities
and pains as bullets), each idea (number, title, quick-win mark, then problem, idea,
impact and effort, first step), the impact/effort chart as an inline picture
(``{{ charts.impact_effort }}``), "Questions I would explore", and the close.
Named styles (Memo Label, Idea Title, Idea Fact ...) let a user restyle it in Word.
Letter size; the renderer makes it A4 for ``paper = "a4"`` and recolours the accent.
Run ``python -m tools.docx_templates``.
"""

from __future__ import annotations

from pathlib import Path

from docx.enum.table import WD_TABLE_ALIGNMENT
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
    save,
    styled_run,
    tag,
)
from tools.docx_templates.criteria_match import fixed_widths


def routing_table(document) -> None:
    """The To / From / Date / Re block: a borderless two-column table."""
    rows = (("{{ labels.process_ideas.to|upper }}", "{{ memo.to }} · {{ memo.to_company }}"),
            ("{{ labels.process_ideas.from|upper }}",
             "{{ memo.from }}{% if memo.from_contact %} · {{ memo.from_contact }}{% endif %}"),
            ("{{ labels.process_ideas.date|upper }}", "{{ memo.date_text }}"),
            ("{{ labels.process_ideas.re|upper }}", "{{ prose.subject }}"))
    table = document.add_table(rows=len(rows), cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    fixed_widths(table, [0.75, 6.0])
    for row, (label, value) in zip(table.rows, rows):
        label_cell, value_cell = row.cells
        label_paragraph = label_cell.paragraphs[0]
        label_paragraph.style = document.styles["Memo Routing"]
        styled_run(label_paragraph, label, size=7.5, bold=True, color=MUTED)
        value_paragraph = value_cell.paragraphs[0]
        value_paragraph.style = document.styles["Memo Routing"]
        styled_run(value_paragraph, value)


def build() -> Path:
    """Write the memo template and return its path."""
    document = base_document(body_font=SANS, body_size=10, margins_in=0.85, page="letter")
    section = document.sections[0]
    section.top_margin = Inches(0.65)
    section.bottom_margin = Inches(0.7)
    eyebrow = paragraph_style(document, "Memo Eyebrow", font=SANS, size=8, bold=True, color=ACCENT, space_after=0,
                              spacing_twips=30)
    eyebrow.font.all_caps = True
    paragraph_style(document, "Memo Title", font=SANS, size=23, color=ACCENT, space_after=6)
    paragraph_style(document, "Memo Routing", font=SANS, size=9.5, space_after=1)
    rule = paragraph_style(document, "Memo Rule", font=SANS, size=4, space_after=10)
    paragraph_border(rule, "bottom", color_hex="1F4E79", size_eighths=10, space_pt=4)
    paragraph_style(document, "Memo Body", font=SANS, size=10, space_after=6, line_spacing=1.15)
    section_style = paragraph_style(document, "Memo Section", font=SANS, size=8.5, bold=True, color=ACCENT,
                                    space_before=12, space_after=5, keep_with_next=True, spacing_twips=24)
    section_style.font.all_caps = True
    paragraph_border(section_style, "bottom", color_hex="D5DBE1", size_eighths=4, space_pt=2)
    paragraph_style(document, "Memo Label", font=SANS, size=8.5, bold=True, space_before=2, space_after=1,
                    keep_with_next=True)
    bullet = paragraph_style(document, "Memo Bullet", font=SANS, size=10, space_after=1.5)
    bullet.paragraph_format.left_indent = Inches(0.2)
    bullet.paragraph_format.first_line_indent = Inches(-0.16)
    idea_title = paragraph_style(document, "Idea Title", font=SANS, size=10.5, bold=True, space_before=8,
                                 space_after=2, keep_with_next=True)
    paragraph_border(idea_title, "left", color_hex="1F4E79", size_eighths=18, space_pt=6)
    idea_fact = paragraph_style(document, "Idea Fact", font=SANS, size=9.3, space_after=1, keep_with_next=True)
    idea_fact.paragraph_format.left_indent = Inches(0.0)
    paragraph_border(idea_fact, "left", color_hex="1F4E79", size_eighths=18, space_pt=6)
    paragraph_style(document, "Idea Spacer", font=SANS, size=4, space_after=0)
    paragraph_style(document, "Memo Chart", font=SANS, size=10, space_after=2, keep_with_next=True)
    paragraph_style(document, "Memo Caption", font=SANS, size=8, color=MUTED, space_after=6)
    paragraph_style(document, "Memo Sign-off", font=SANS, size=10, space_before=10, space_after=0, keep_with_next=True)
    paragraph_style(document, "Memo Signature", font=SERIF, size=16, italic=True, color=ACCENT, space_after=0)

    paragraph(document, "{{ labels.process_ideas.memo }}", style="Memo Eyebrow")
    paragraph(document, "{{ prose.title }}", style="Memo Title")
    routing_table(document)
    paragraph(document, "", style="Memo Rule")
    paragraph(document, "{{ prose.intro }}", style="Memo Body")

    tag(document, "{%p if memo.priorities or memo.pains %}")
    paragraph(document, "{{ labels.process_ideas.heard }}", style="Memo Section")
    tag(document, "{%p if memo.priorities %}")
    paragraph(document, "{{ labels.process_ideas.priorities }}", style="Memo Label")
    tag(document, "{%p for item in memo.priorities %}")
    item = paragraph(document, "", style="Memo Bullet")
    styled_run(item, "•\t", color=ACCENT)
    styled_run(item, "{{ item }}")
    tag(document, "{%p endfor %}")
    tag(document, "{%p endif %}")
    tag(document, "{%p if memo.pains %}")
    paragraph(document, "{{ labels.process_ideas.pains }}", style="Memo Label")
    tag(document, "{%p for item in memo.pains %}")
    item = paragraph(document, "", style="Memo Bullet")
    styled_run(item, "•\t", color=ACCENT)
    styled_run(item, "{{ item }}")
    tag(document, "{%p endfor %}")
    tag(document, "{%p endif %}")
    tag(document, "{%p endif %}")

    paragraph(document, "{{ labels.process_ideas.ideas }}", style="Memo Section")
    tag(document, "{%p for idea in memo.ideas %}")
    title = paragraph(document, "", style="Idea Title")
    styled_run(title, "{{ idea.number }}.  ", color=ACCENT, bold=True)
    styled_run(title, "{{ idea.title }}", bold=True, color=INK)
    styled_run(title, "{% if idea.quick_win %}   {{ labels.process_ideas.quick_win|upper }}{% endif %}",
               size=7.5, bold=True, color=ACCENT)
    tag(document, "{%p if idea.problem %}")
    fact(document, "{{ labels.process_ideas.problem|upper }}", "{{ idea.problem }}")
    tag(document, "{%p endif %}")
    fact(document, "{{ labels.process_ideas.idea|upper }}", "{{ idea.idea }}")
    levels = paragraph(document, "", style="Idea Fact")
    styled_run(levels, "{{ labels.process_ideas.impact|upper }}  ", size=7.5, bold=True, color=MUTED)
    styled_run(levels, "{{ labels.process_ideas.levels[idea.impact_level or 'none'] }}", bold=True)
    styled_run(levels, "        {{ labels.process_ideas.effort|upper }}  ", size=7.5, bold=True, color=MUTED)
    styled_run(levels, "{{ labels.process_ideas.levels[idea.effort_level or 'none'] }}", bold=True)
    tag(document, "{%p if idea.first_step %}")
    fact(document, "{{ labels.process_ideas.first_step|upper }}", "{{ idea.first_step }}")
    tag(document, "{%p endif %}")
    # Not kept with the next idea: ends the chain of keep-with-next and the idea's accent bar.
    paragraph(document, "", style="Idea Spacer")
    tag(document, "{%p endfor %}")

    paragraph(document, "{{ labels.process_ideas.chart }}", style="Memo Section")
    paragraph(document, "{{ charts.impact_effort }}", style="Memo Chart")
    paragraph(document, "{{ prose.chart_caption }}", style="Memo Caption")

    tag(document, "{%p if memo.explore %}")
    paragraph(document, "{{ labels.process_ideas.explore }}", style="Memo Section")
    paragraph(document, "{{ prose.explore_lead }}", style="Memo Body")
    tag(document, "{%p for item in memo.explore %}")
    item = paragraph(document, "", style="Memo Bullet")
    styled_run(item, "?\t", color=ACCENT, bold=True)
    styled_run(item, "{{ item }}")
    tag(document, "{%p endfor %}")
    tag(document, "{%p endif %}")

    paragraph(document, "{{ prose.closing }}", style="Memo Body").paragraph_format.space_before = Pt(12)
    paragraph(document, "{{ prose.sign_off }}", style="Memo Sign-off")
    paragraph(document, "{{ prose.signature }}", style="Memo Signature")
    return save(document, "process-ideas")


def fact(document, label: str, value: str) -> None:
    """One labelled line of an idea: a small muted label, then the value."""
    line = paragraph(document, "", style="Idea Fact")
    styled_run(line, f"{label}  ", size=7.5, bold=True, color=MUTED)
    styled_run(line, value)


if __name__ == "__main__":
    print(build())
