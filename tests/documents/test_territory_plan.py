"""territory-plan: rendered through the pipeline as pdf and docx, read back with pypdf and python-docx.

The notes are the shared full fixture plus fixtures/territory.toml (9 named
accounts, a ramp, three segments, a 30-60-90 plan, KPIs naming 3x coverage).
Variants: de_DE + EUR + A4, 60 accounts, no quota, no accounts, no [territory].
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docreaders import (
    FIXTURES,
    Rendered,
    docx_text,
    pdf_page_size,
    pdf_pages,
    render,
    squash,
    write_notes,
)

from followup.documents.territory_plan import (
    build_context,
    skip_reason,
    territory_warnings,
)
from followup.notes import load_notes
from followup.pipeline import plan_jobs
from followup.wording.compose import apply

DOCUMENT = "territory-plan"
TERRITORY = (FIXTURES / "territory.toml").read_text(encoding="utf-8")
TRICKY_ACCOUNT = "O'Brien & Sons <Bottling> “Co” — é"

# Worked out by hand from fixtures/territory.toml: quota 1,200,000, ramp 15/25/30/30 %, coverage 3x,
# average_deal 60k and no win_rate, so one opportunity in three (the 3x coverage) is won.
QUARTER_QUOTAS = ["180,000", "300,000", "360,000"]
QUARTER_PIPELINES = ["540,000", "900,000", "1,080,000"]
SEGMENT_QUOTAS = ["720,000", "300,000", "180,000"]
TIER_POTENTIALS = ["470,000", "245,000", "105,000"]
PIPELINE_TOTAL = "3,600,000"
DEAL_SIZE = "60,000"
DEALS = "20"  # 1,200,000 / 60,000
OPPORTUNITIES = "60"  # 20 deals at a win rate of one in three


def with_territory(text: str, territory: str = TERRITORY) -> str:
    return text + "\n" + territory


def output(rendered: Rendered, fmt: str) -> Path:
    for item in rendered.result.outputs:
        if item.document == DOCUMENT and item.format == fmt and item.path is not None:
            return item.path
    raise AssertionError(f"no {DOCUMENT}.{fmt}: {rendered.result.outputs}")


def pdf_page_texts(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [squash(page.extract_text() or "") for page in PdfReader(str(path)).pages]


def pdf_images(path: Path) -> int:
    """How many bitmap images the pages draw: the charts are vector drawings, so none."""
    from pypdf import PdfReader

    count = 0
    for page in PdfReader(str(path)).pages:
        xobjects = page["/Resources"].get("/XObject") or {}
        count += sum(item.get_object().get("/Subtype") == "/Image" for item in xobjects.values())
    return count


def de_money(amount: str) -> str:
    """``1,200,000`` as German writes it in euros: ``1.200.000 €``."""
    return amount.replace(",", ".") + " €"


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    folder = tmp_path_factory.mktemp("territory")
    return render(write_notes(folder, "notes.toml", with_territory), folder / "out", [DOCUMENT])


@pytest.fixture(scope="module")
def german(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    folder = tmp_path_factory.mktemp("territory-de")

    def edit(text: str) -> str:
        text = with_territory(text).replace('locale = "en_US"', 'locale = "de_DE"')
        text = text.replace('paper = "letter"', 'paper = "a4"')
        return text.replace('currency = "USD"', 'currency = "EUR"').replace("#1f4e79", "#8a1538")

    return render(write_notes(folder, "notes.toml", edit), folder / "out", [DOCUMENT])


def sixty_accounts() -> str:
    """The fixture's territory with 60 named accounts instead of 9 (fixtures/territory-60.toml)."""
    return (FIXTURES / "territory-60.toml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def sixty(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    folder = tmp_path_factory.mktemp("territory-60")
    path = write_notes(folder, "notes.toml", lambda text: with_territory(text, sixty_accounts()))
    return render(path, folder / "out", [DOCUMENT])


@pytest.fixture(scope="module")
def no_quota(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    folder = tmp_path_factory.mktemp("territory-no-quota")
    territory = TERRITORY.replace("quota = 1200000\n", "")
    path = write_notes(folder, "notes.toml", lambda text: with_territory(text, territory))
    return render(path, folder / "out", [DOCUMENT], formats=["pdf"])


def test_full_example_is_three_to_six_letter_pages(full: Rendered) -> None:
    pdf = output(full, "pdf")
    assert 3 <= pdf_pages(pdf) <= 6
    assert tuple(round(side) for side in pdf_page_size(pdf)) == (612, 792)
    assert output(full, "docx").stat().st_size > 0
    assert not territory_warnings(full.notes)


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_derived_figures_are_in_the_text(full: Rendered, fmt: str) -> None:
    text = squash(" ".join(pdf_page_texts(output(full, fmt)))) if fmt == "pdf" else docx_text(output(full, fmt))
    for amount in [*QUARTER_QUOTAS, *QUARTER_PIPELINES, *SEGMENT_QUOTAS, *TIER_POTENTIALS, PIPELINE_TOTAL, "1,200,000"]:
        assert f"${amount}" in text, (fmt, amount)
    assert "Pipeline needed (3×)" in text
    assert f"Deals at ${DEAL_SIZE}" in text
    assert re.search(rf"Year 100% \$1,200,000 \${PIPELINE_TOTAL} {DEALS} {OPPORTUNITIES}\b", text), fmt
    assert "60%" in text and "25%" in text and "15%" in text  # segment shares
    assert "“3x pipeline coverage by end of Q1”" in text  # the KPI the coverage was read from
    assert f"An average first-year deal of ${DEAL_SIZE}; a win rate of 33%" in text
    assert "median" not in text and "which is why" not in text
    assert "about 5 new qualified opportunities a month" in text  # 60 over 12 months


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_sections_user_text_and_date(full: Rendered, fmt: str) -> None:
    text = squash(" ".join(pdf_page_texts(output(full, fmt)))) if fmt == "pdf" else docx_text(output(full, fmt))
    for heading in ("Summary", "How this plan serves the priorities we discussed", "The territory", "Segments",
                    "Account tiers and named accounts", "Pipeline maths", "The first 90 days",
                    "KPIs I would report on", "Assumptions"):
        assert heading in text, (fmt, heading)
    for words in ("New England", "Massachusetts", "FY2027", "Regional Sales Manager, Northeast", "Acme Robotics",
                  "Dana Whitfield", "Jordan Lee", "Plant-manager roundtables with the regional trade association",
                  "Washdown demo at their Portland plant", "Shadow three senior reps", "12 first meetings a month",
                  TRICKY_ACCOUNT, "Days 31-60: run the first plant-manager roundtable", "Qualified opportunities"):
        assert words in text, (fmt, words)
    assert "sets the coverage above" not in text.casefold() and "the 3× used in the pipeline maths" in text.casefold()
    assert "November 28, 2026" in text  # follow_up.materials_by, never today
    assert "PRIVATE-MARKER" not in text and "185k" not in text


def test_accounts_are_listed_by_tier_then_potential(full: Rendered) -> None:
    text = squash(" ".join(pdf_page_texts(output(full, "pdf"))))
    order = ["Granite State Plastics", "Bay Colony Machining", "Pine Tree Foods", "Narragansett Circuits",
             "Merrimack Valley Castings", TRICKY_ACCOUNT, "White Mountain Tooling", "Casco Bay Assemblies",
             "Berkshire Dairy Co-op"]
    account_section = text[text.index("All named accounts"):]
    positions = [account_section.index(name) for name in order]
    assert positions == sorted(positions)


def test_running_footer_and_page_numbers(full: Rendered) -> None:
    pages = pdf_page_texts(output(full, "pdf"))
    count = len(pages)
    assert "Dana Whitfield · New England" not in pages[0]  # the cover has no footer
    for number, page in enumerate(pages[1:], start=2):
        assert "Dana Whitfield · New England" in page
        assert f"{number} / {count}" in page
    assert "Dana Whitfield · New England" in docx_text(output(full, "docx"))


def test_charts_are_in_both_formats(full: Rendered) -> None:
    from docx import Document

    pdf = output(full, "pdf")
    text = " ".join(pdf_page_texts(pdf)).casefold()
    assert "quota by segment" in text and "quota and pipeline needed by quarter" in text
    assert pdf_images(pdf) == 0  # the charts are vector drawings, not pictures
    assert "$0" in text.split()  # with their axis labels as text (the money axes start at $0)
    document = Document(str(output(full, "docx")))
    assert len(document.inline_shapes) >= 2


def test_german_euro_a4(german: Rendered) -> None:
    from docx import Document

    pdf, docx = output(german, "pdf"), output(german, "docx")
    assert tuple(round(side) for side in pdf_page_size(pdf)) == (595, 842)
    assert 3 <= pdf_pages(pdf) <= 6
    section = Document(str(docx)).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    for text in (squash(" ".join(pdf_page_texts(pdf))), docx_text(docx)):
        for amount in [*QUARTER_QUOTAS, *QUARTER_PIPELINES, *SEGMENT_QUOTAS, PIPELINE_TOTAL, "1,200,000"]:
            assert de_money(amount) in text, amount
        assert "$" not in text
        assert f"Abschlüsse zu {de_money(DEAL_SIZE)}" in text or f"ABSCHLÜSSE ZU {de_money(DEAL_SIZE)}" in text
        assert "Deals at" not in text and "Annual quota" not in text
        assert "28. November 2026" in text
        assert "60 %" in text
    assert len(Document(str(docx)).inline_shapes) >= 2


def test_german_docx_takes_the_accent(german: Rendered) -> None:
    import zipfile

    xml = zipfile.ZipFile(output(german, "docx")).read("word/document.xml").decode("utf-8")
    assert "8A1538" in xml and "1F4E79" not in xml


def test_sixty_accounts_repeat_table_headers(sixty: Rendered) -> None:
    pages = pdf_page_texts(output(sixty, "pdf"))
    header = "Account Tier Potential Status Next step"
    assert sum(header in page for page in pages) >= 3
    assert "Account 60 Industries" in " ".join(pages)
    from docx import Document
    from docx.oxml.ns import qn

    document = Document(str(output(sixty, "docx")))
    accounts_table = next(table for table in document.tables if table.rows[0].cells[0].text == "Account")
    assert len(accounts_table.rows) == 61
    first_row = accounts_table.rows[0]._tr
    assert first_row.trPr is not None and first_row.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None
               for row in accounts_table.rows)


def test_no_quota_leaves_out_the_maths_and_says_why(no_quota: Rendered) -> None:
    text = squash(" ".join(pdf_page_texts(output(no_quota, "pdf"))))
    assert "Pipeline maths" not in text and "Pipeline needed" not in text
    assert "pipeline maths (quota per quarter, pipeline needed, deals) will follow once it is agreed" in text
    assert "Account tiers and named accounts" in text  # the rest of the plan is still there
    warnings = territory_warnings(no_quota.notes)
    assert any("no territory.quota" in warning for warning in warnings)
    assert any("no territory.quota" in message for message in no_quota.warnings())


def test_no_accounts_no_accounts_section(tmp_path: Path) -> None:
    accounts, plan = TERRITORY.index("[[territory.accounts]]"), TERRITORY.index("[[territory.plan]]")
    territory = TERRITORY[:accounts] + TERRITORY[plan:]
    notes = load_notes(write_notes(tmp_path, "notes.toml", lambda text: with_territory(text, territory))).notes
    context = build_context(notes, None)["territory"]
    assert not context["has_accounts"] and context["accounts"] == []
    assert context["maths"]["has_deals"] is True  # deals come from average_deal, never from the accounts
    assert "accounts" not in context["numbers"]
    assert any("no [[territory.accounts]]" in warning for warning in territory_warnings(notes))


def test_no_territory_is_skipped_with_its_reason(full_notes) -> None:  # type: ignore[no-untyped-def]
    assert skip_reason(full_notes) == "notes have no [territory]"
    jobs, skipped = plan_jobs(full_notes, documents=[DOCUMENT])
    assert not jobs
    assert [(item.document, item.reason) for item in skipped] == [(DOCUMENT, "notes have no [territory]")]
    assert territory_warnings(full_notes) == []


def test_coverage_named_in_a_kpi_drives_the_maths(tmp_path: Path) -> None:
    territory = TERRITORY.replace('"3x pipeline coverage by end of Q1"', '"4× coverage by the end of Q2"')
    territory = territory.replace("ramp = [0.15, 0.25, 0.30, 0.30]\n", "")
    notes = load_notes(write_notes(tmp_path, "notes.toml", lambda text: with_territory(text, territory))).notes
    maths = build_context(notes, None)["territory"]["maths"]
    assert maths["coverage_text"] == "4×"
    assert [quarter["quota_text"] for quarter in maths["quarters"]] == ["$300,000"] * 4
    assert [quarter["pipeline_text"] for quarter in maths["quarters"]] == ["$1,200,000"] * 4
    assert maths["pipeline_text"] == "$4,800,000"


def test_without_an_average_deal_the_maths_have_no_deal_counts_and_say_why(tmp_path: Path) -> None:
    from followup.check import check_notes

    path = write_notes(tmp_path, "notes.toml",
                       lambda text: with_territory(text, TERRITORY.replace("average_deal = 60000\n", "")))
    notes = load_notes(path).notes
    context = build_context(notes, None)
    prose = apply(context)
    assert prose is not None
    maths = context["territory"]["maths"]
    assert maths["has_deals"] is False and maths["deals_key"] == "deals"
    assert [figure["key"] for figure in maths["headline"]] == ["annual_quota", "coverage", "pipeline_needed"]
    assert maths["pipeline_text"] == f"${PIPELINE_TOTAL}"
    assert "deals" not in prose.text("summary") and "opportunities" not in prose.text("explain")
    why = [item.text for block in prose.blocks("assumptions") for item in block.items
           if item.text.startswith("No deal or opportunity counts")]
    assert why and "annual potential is what it could spend in a year, not the size of one deal" in why[0]
    # no account potential ever stands in for a deal size
    assert not any(amount in prose.text("assumptions") for amount in ("$85,000", "$90,000"))
    gaps = [problem.message for problem in check_notes(path).gaps]
    assert any("no territory.average_deal" in message for message in gaps), gaps


def test_with_an_average_deal_check_says_nothing_about_it(full: Rendered) -> None:
    from followup.documents.territory_checks import deal_size_gaps

    assert deal_size_gaps(full.notes) == []
