"""Build templates/territory-plan/territory-plan.docx: the sample territory plan as a Word file.

The same sections as the PDF, from the same context: a cover (territory, role,
company, key figures, prepared by / for / date) and a page break, then numbered
sections with real Word headings. Tables come from ``common.data_table``: a
shaded header row repeated on every page, rows that never split, one row per item
through docxtpl's row loops. Charts are ``{{ charts.<name> }}`` inline images
(PNG at print resolution). The footer carries the candidate's name, the territory
and the page number. Letter size; the document's renderer makes it A4 and swaps
the accent by ``style``. Run ``python -m tools.docx_templates``.
"""

from __future__ import annotations

from pathlib import Path

from docx.enum.text import WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor

from tools.docx_templates.common import (
    ACCENT,
    INK,
    MUTED,
    SANS,
    base_document,
    cant_split,
    data_table,
    paragraph,
    paragraph_border,
    paragraph_style,
    save,
    styled_run,
    tag,
)

TEXT_WIDTH_IN = 6.8
PLAN = "labels.territory_plan"  # the pack's words for the plan (labels.toml, [territory_plan])


def col(key: str) -> str:
    """A table header: the pack's ``[territory_plan.columns]`` label ``key``."""
    return f"{{{{ {PLAN}.columns.{key} }}}}"


def build() -> Path:
    """Write the territory-plan template and return its path."""
    document = base_document(body_size=10, margins_in=0.85, page="letter")
    section = document.sections[0]
    section.top_margin = Inches(0.75)
    section.bottom_margin = Inches(0.85)

    paragraph_style(document, "Cover Eyebrow", font=SANS, size=8.5, bold=True, color=ACCENT, space_before=110,
                    space_after=8, spacing_twips=30)
    paragraph_style(document, "Cover Title", font=SANS, size=36, color=ACCENT, space_after=8)
    paragraph_style(document, "Cover Subtitle", font=SANS, size=13, color=INK, space_after=6)
    paragraph_style(document, "Cover Regions", font=SANS, size=9, color=MUTED, space_after=60)
    paragraph_style(document, "Cover Figure", font=SANS, size=20, color=ACCENT, space_after=10, keep_with_next=True)
    prepared = paragraph_style(document, "Cover Prepared", font=SANS, size=10, color=INK,
                               space_before=40, space_after=0)
    paragraph_border(prepared, "top", color_hex="1F4E79", size_eighths=10, space_pt=8)
    paragraph_style(document, "Plan Lead", font=SANS, size=12, color=INK, space_after=8, line_spacing=1.2)
    paragraph_style(document, "Plan Body", font=SANS, size=10, color=INK, space_after=6, line_spacing=1.15)
    note = paragraph_style(document, "Reader Note", font=SANS, size=9, color=INK, space_before=4, space_after=8)
    note.paragraph_format.left_indent = Inches(0.12)
    paragraph_border(note, "left", color_hex="1F4E79", size_eighths=18, space_pt=6)
    paragraph_style(document, "Chart Caption", font=SANS, size=8, bold=True, color=MUTED, space_before=10,
                    space_after=2, keep_with_next=True, spacing_twips=20)
    paragraph_style(document, "Chart", font=SANS, size=10, space_after=8)
    paragraph_style(document, "Headline Figure", font=SANS, size=10, color=INK, space_after=2, keep_with_next=True)

    _cover(document)
    _footer(document)

    paragraph(document, "{{ territory.numbers.summary }}   {{ labels.territory_plan.summary }}", style="Heading 1")
    tag(document, "{%p for block in prose.summary_blocks %}")
    paragraph(document, "{{ block.text }}", style="Plan Body")
    tag(document, "{%p endfor %}")
    tag(document, "{%p for block in prose.reader_note_blocks %}")
    paragraph(document, "{{ block.text }}", style="Reader Note")
    tag(document, "{%p endfor %}")

    tag(document, "{%p if territory.has_priorities %}")
    paragraph(document, "{{ territory.numbers.priorities }}   {{ labels.territory_plan.priorities }}",
              style="Heading 1")
    paragraph(document, "{{ prose.priorities_intro }}", style="Plan Body")
    priorities = data_table(document, ["{{ labels.territory_plan.priority }}", "{{ labels.territory_plan.serves }}"],
                            ["{{ row.label }}{% if row.note %} ({{ row.note }}){% endif %}", "{{ row.text }}"],
                            "for row in prose.priorities_items", widths_in=[2.4, TEXT_WIDTH_IN - 2.4])
    _grid(priorities, [2.4, TEXT_WIDTH_IN - 2.4])
    tag(document, "{%p endif %}")

    paragraph(document, "{{ territory.numbers.definition }}   {{ labels.territory_plan.definition }}",
              style="Heading 1")
    facts = data_table(document, ["{{ labels.territory_plan.definition }}", ""],
                       ["{{ labels.territory_plan.facts[fact.key] }}",
                        ("{{ fact.value }}{% for part in fact.counts %}"
                         "{{ labels.territory_plan.counts[part.key]|replace('{n}', part.text) }}"
                         "{% if not loop.last %}, {% endif %}{% endfor %}")],
                       "for fact in territory.definition", widths_in=[1.8, TEXT_WIDTH_IN - 1.8])
    for run in facts.rows[2].cells[1].paragraphs[0].runs:
        run.bold = True
    facts._tbl.remove(facts.rows[0]._tr)  # a two-column fact sheet needs no header row
    _grid(facts, [1.8, TEXT_WIDTH_IN - 1.8])

    tag(document, "{%p if territory.has_segments %}")
    paragraph(document, "{{ territory.numbers.segments }}   {{ labels.territory_plan.segments }}", style="Heading 1")
    segments = data_table(document, [col("segment"), col("accounts"), col("share_of_quota"),
                                     col("quota"), col("strategy")],
               ["{{ labels.territory_plan.not_assigned_segment if segment.unassigned else segment.name }}",
                "{{ segment.accounts_text or '–' }}", "{{ segment.share_text or '–' }}",
                "{{ segment.quota_text or '–' }}",
                "{{ labels.territory_plan.not_assigned_strategy if segment.unassigned else segment.strategy }}"],
               "for segment in territory.segments", widths_in=[1.7, 0.75, 0.8, 0.95, 2.6])
    _align_right(segments, [1, 2, 3])
    _grid(segments, [1.7, 0.75, 0.8, 0.95, 2.6])
    tag(document, '{%p if "by_segment" in charts %}')
    paragraph(document, "{{ labels.territory_plan[territory.segment_chart_key]|upper }}", style="Chart Caption")
    paragraph(document, "{{ charts.by_segment }}", style="Chart")
    tag(document, "{%p endif %}")
    tag(document, "{%p endif %}")

    tag(document, "{%p if territory.has_accounts %}")
    paragraph(document, "{{ territory.numbers.accounts }}   {{ labels.territory_plan.accounts }}", style="Heading 1")
    tiers = data_table(document, [col("tier"), col("cover"), col("accounts"),
                                  col("potential"), col("share")],
                       ["{{ labels.territory_plan.tiers[tier.tier] }}",
                        "{{ labels.territory_plan.tier_meanings[tier.tier] }}", "{{ tier.count_text }}",
                        "{{ tier.potential_text or '–' }}", "{{ tier.share_text or '–' }}"],
                       "for tier in territory.tiers", widths_in=[0.8, 3.3, 0.8, 1.1, 0.8])
    _total_row(tiers, ["{{ labels.territory_plan.all_named }}", "", "{{ territory.tiers_total.count_text }}",
                       "{{ territory.tiers_total.potential_text or '–' }}", ""])
    _align_right(tiers, [2, 3, 4])
    _grid(tiers, [0.8, 3.3, 0.8, 1.1, 0.8])
    paragraph(document, "", style="Plan Body", space_after=4)
    accounts = data_table(document, [col("account"), col("segment"), col("tier"),
                                     col("potential"), col("status"), col("next_step")],
               ["{{ account.name }}", "{{ account.segment }}", "{{ account.tier }}",
                "{{ account.potential_text or '–' }}", "{{ account.status }}", "{{ account.next_step }}"],
               "for account in territory.accounts", widths_in=[1.45, 1.15, 0.4, 0.85, 1.45, 1.5])
    _align_right(accounts, [3])
    _grid(accounts, [1.45, 1.15, 0.4, 0.85, 1.45, 1.5])
    tag(document, "{%p endif %}")

    tag(document, "{%p if territory.has_maths %}")
    paragraph(document, "{{ territory.numbers.maths }}   {{ labels.territory_plan.maths }}", style="Heading 1")
    tag(document, "{%p for figure in territory.maths.headline %}")
    figure = paragraph(document, "", style="Headline Figure")
    styled_run(figure, "{{ figure.value }}", size=15, color=ACCENT)
    styled_run(figure, ("   {{ labels.territory_plan.facts[figure.key]"
                        "|replace('{amount}', territory.deal_amount_text)|upper }}"), size=7.5, color=MUTED)
    tag(document, "{%p endfor %}")
    paragraph(document, "", style="Plan Body", space_after=2)
    quarters = data_table(document, [col("quarter"), col("share_of_quota"), col("quota"),
                                     ("{{ labels.territory_plan.columns.pipeline_needed"
                                      "|replace('{coverage}', territory.maths.coverage_text) }}"),
                                     ("{{ labels.territory_plan.facts[territory.maths.deals_key]"
                                      "|replace('{amount}', territory.deal_amount_text) }}"),
                                     "{{ labels.territory_plan.opportunities }}"],
                          ["{{ labels.territory_plan.quarter|replace('{n}', quarter.number) }}",
                           "{{ quarter.share_text }}", "{{ quarter.quota_text }}",
                           "{{ quarter.pipeline_text }}", "{{ quarter.deals_text or '–' }}",
                           "{{ quarter.opportunities_text or '–' }}"],
                          "for quarter in territory.maths.quarters", widths_in=[0.8, 0.9, 1.2, 1.5, 1.2, 1.2])
    _total_row(quarters, ["{{ labels.territory_plan.year }}", "{{ territory.maths.total_share_text }}",
                          "{{ territory.maths.quota_text }}",
                          "{{ territory.maths.pipeline_text }}", "{{ territory.maths.deals_text or '–' }}",
                          "{{ territory.maths.opportunities_text or '–' }}"])
    _align_right(quarters, [1, 2, 3, 4, 5])
    _grid(quarters, [0.8, 0.9, 1.2, 1.5, 1.2, 1.2])
    tag(document, "{%p for block in prose.explain_blocks %}")
    paragraph(document, "{{ block.text }}", style="Plan Body")
    tag(document, "{%p endfor %}")
    tag(document, '{%p if "quota_by_quarter" in charts %}')
    paragraph(document, "{{ labels.territory_plan[territory.quarter_chart_key]|upper }}", style="Chart Caption")
    paragraph(document, "{{ charts.quota_by_quarter }}", style="Chart")
    tag(document, "{%p endif %}")
    tag(document, "{%p endif %}")

    tag(document, "{%p if territory.plan %}")
    paragraph(document, "{{ territory.numbers.plan }}   {{ labels.territory_plan.plan }}", style="Heading 1")
    tag(document, "{%p for phase in territory.plan %}")
    paragraph(document, "{{ loop.index }}.  {{ phase.phase }}", style="Heading 2")
    tag(document, "{%p for goal in phase.goals %}")
    paragraph(document, "{{ goal }}", style="List Bullet")
    tag(document, "{%p endfor %}")
    tag(document, "{%p endfor %}")
    tag(document, "{%p endif %}")

    tag(document, "{%p if territory.kpis %}")
    paragraph(document, "{{ territory.numbers.kpis }}   {{ labels.territory_plan.kpis }}", style="Heading 1")
    tag(document, "{%p for kpi in territory.kpis %}")
    kpi = paragraph(document, "{{ kpi.text }}", style="List Bullet")
    styled_run(kpi, "{% if kpi.drives_maths %}   ({{ prose.coverage_tag }}){% endif %}", size=8, color=ACCENT)
    tag(document, "{%p endfor %}")
    tag(document, "{%p endif %}")

    paragraph(document, "{{ territory.numbers.assumptions }}   {{ labels.territory_plan.assumptions }}",
              style="Heading 1")
    tag(document, "{%p for item in prose.assumptions_items %}")
    paragraph(document, "{{ item.text }}", style="List Number")
    tag(document, "{%p endfor %}")
    return save(document, "territory-plan")


def _cover(document) -> None:
    """The cover page: eyebrow, territory, role and company, regions, key figures, prepared by / for / date."""
    paragraph(document, ("{{ labels.territory_plan.eyebrow|upper }}"
                         "{% if territory.period %}  ·  {{ territory.period }}{% endif %}"), style="Cover Eyebrow")
    paragraph(document, "{{ territory.name }}", style="Cover Title")
    paragraph(document, "{{ role.title }}  ·  {{ company.name }}", style="Cover Subtitle")
    paragraph(document, "{{ territory.regions|join('   ·   ') }}", style="Cover Regions")
    tag(document, "{%p for figure in territory.cover_figures %}")
    figure = paragraph(document, "", style="Cover Figure")
    styled_run(figure, "{{ figure.value }}", size=20, color=ACCENT)
    styled_run(figure, ("   {{ labels.territory_plan.facts[figure.key]"
                        "|replace('{coverage}', territory.coverage_text)|upper }}"), size=8, color=MUTED)
    tag(document, "{%p endfor %}")
    prepared = paragraph(document, "", style="Cover Prepared")
    styled_run(prepared, "{{ labels.territory_plan.prepared_by|upper }}   ", size=7.5, bold=True, color=ACCENT)
    styled_run(prepared, "{{ candidate.name }}", bold=True)
    styled_run(prepared, "{% if candidate.email %}   {{ candidate.email }}{% endif %}"
                         "{% if candidate.phone %}   {{ candidate.phone }}{% endif %}", size=8.5, color=MUTED)
    for_line = paragraph(document, "", style="Plan Body", space_after=0)
    for_line.paragraph_format.space_before = Pt(6)
    styled_run(for_line, "{{ labels.territory_plan.prepared_for|upper }}   ", size=7.5, bold=True, color=ACCENT)
    styled_run(for_line, "{{ territory.prepared_for.name }}", bold=True)
    styled_run(for_line, "   {% if territory.prepared_for.title %}{{ territory.prepared_for.title }}, {% endif %}"
                         "{{ company.name }}", size=8.5, color=MUTED)
    date_line = paragraph(document, "", style="Plan Body")
    date_line.paragraph_format.space_before = Pt(6)
    styled_run(date_line, "{{ labels.territory_plan.date|upper }}   ", size=7.5, bold=True, color=ACCENT)
    styled_run(date_line, "{{ territory.date_text }}", bold=True)
    date_line.runs[-1].add_break(WD_BREAK.PAGE)


def _footer(document) -> None:
    """Candidate · territory on the left, the page number on the right."""
    section = document.sections[0]
    footer = section.footer.paragraphs[0]
    stops = footer.paragraph_format.tab_stops
    for inherited in (3.25, 6.5):  # the Footer style's centre and right stops, set for a 6.5 in column
        stops.add_tab_stop(Inches(inherited), WD_TAB_ALIGNMENT.CLEAR)
    stops.add_tab_stop(Inches(TEXT_WIDTH_IN), WD_TAB_ALIGNMENT.RIGHT)
    styled_run(footer, "{{ territory.footer_text }}\t", font=SANS, size=7.5, color=MUTED)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "15")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), "5B6672")
    properties.append(colour)
    properties.append(size)
    run.append(properties)
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    footer._p.append(field)


def _grid(table, widths_in: list[float]) -> None:
    """Column widths in the table grid too (LibreOffice and Word read w:gridCol, not only the cells)."""
    from docx.shared import Inches as inches

    table.autofit = False
    for column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_in):
        column.set(qn("w:w"), str(int(inches(width).twips)))


def _align_right(table, columns: list[int]) -> None:
    """Right-align the number columns of a table, in every row (header, loop rows, body, totals)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for row in table.rows:
        for index in columns:
            for para in row.cells[index].paragraphs:
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _total_row(table, texts: list[str]) -> None:
    """A bold total row under a ``data_table``'s loop, with an accent rule above it."""
    row = table.add_row()
    cant_split(row)
    for cell, text in zip(row.cells, texts):
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.size = Pt(9.5)
        run.font.color.rgb = RGBColor(0x1D, 0x23, 0x2B)


if __name__ == "__main__":
    print(build())
