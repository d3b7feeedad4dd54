"""Layout discipline, measured on the rendered pages: no holes before the last page, no heading left alone.

Every example's territory plan, process-ideas memo and criteria-match letter, and a
60-account territory plan, are rendered; for every page but the last, the content must
reach at least two thirds of the way down (the cover is a designed full page), and no
page may end on a section heading (its content would start on the next page). The
memo fits on one page when it can (the Berlin example), and the criteria email within two.
Measured with pypdf (pagefill.py): text baselines, filled boxes and the boxes of charts.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docreaders import FIXTURES, ROOT, render, write_notes
from pagefill import PageFill, page_fills

from followup.documents.territory_plan import SECTIONS
from followup.templates import TemplateSet
from followup.wording.language import labels

EXAMPLES = ROOT / "examples"
DOCUMENTS = ["territory-plan", "process-ideas", "criteria-match"]
INCH = 72.0
# (top, bottom) page margins of each document's stylesheet, in points.
MARGINS = {"territory-plan": (0.75 * INCH, 0.85 * INCH), "process-ideas": (0.65 * INCH, 0.7 * INCH),
           "criteria-match": (0.7 * INCH, 0.75 * INCH)}
LABELS = labels(TemplateSet(), "en")
HEADINGS = {
    "territory-plan": [*(LABELS["territory_plan"][key] for key in SECTIONS), "Quota by segment",
                       "Quota and pipeline needed by quarter"],
    "process-ideas": [LABELS["process_ideas"][key] for key in ("heard", "ideas", "chart", "explore")],
    "criteria-match": ["Your priorities", "The criteria we discussed", "My first 90 days", "Your concerns",
                       "Next steps"],
}
MOST_EMPTY = 1 / 3


def pdfs(out: Path) -> dict[tuple[str, str], Path]:
    """(notes folder, document) -> the PDF, for every PDF under ``out``."""
    return {(path.parent.parent.name, path.stem): path for path in out.rglob("*.pdf")}


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    out = tmp_path_factory.mktemp("layout-examples")
    for notes in ("acme-robotics.toml", "berlin-gmbh.toml"):
        render(EXAMPLES / notes, out, DOCUMENTS, formats=["pdf"])
    found = pdfs(out)
    assert len(found) == 6, sorted(found)
    return found


@pytest.fixture(scope="module")
def long_plan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("layout-60")
    territory = (FIXTURES / "territory-60.toml").read_text(encoding="utf-8")
    path = write_notes(folder, "notes.toml", lambda text: text + "\n" + territory)
    render(path, folder / "out", ["territory-plan"], formats=["pdf"])
    return next((folder / "out").rglob("territory-plan.pdf"))


def ends_on_a_heading(page: PageFill, headings: list[str]) -> str | None:
    line = page.last_line.strip().casefold()
    for heading in headings:
        if line.endswith(heading.casefold()):
            return heading
    return None


def assert_no_holes(path: Path, document: str) -> list[PageFill]:
    top, bottom = MARGINS[document]
    fills = page_fills(path, top_margin_pt=top, bottom_margin_pt=bottom)
    for page in fills[:-1]:
        assert page.empty <= MOST_EMPTY, (path, page)
    for page in fills:
        assert ends_on_a_heading(page, HEADINGS[document]) is None, (path, page)
    return fills


@pytest.mark.parametrize("document", DOCUMENTS)
def test_example_pages_have_no_holes_and_no_stranded_headings(examples: dict[tuple[str, str], Path],
                                                              document: str) -> None:
    for (_folder, name), path in examples.items():
        if name == document:
            assert_no_holes(path, document)


def test_memo_on_one_page_when_it_fits_and_criteria_email_within_two(examples: dict[tuple[str, str], Path]) -> None:
    from docreaders import pdf_pages

    berlin_memo = next(path for (folder, name), path in examples.items()
                       if name == "process-ideas" and folder != "acme-robotics")
    assert pdf_pages(berlin_memo) == 1
    for (_folder, name), path in examples.items():
        if name == "criteria-match":
            assert pdf_pages(path) <= 2, path


def test_long_plan_has_no_holes_and_no_stranded_headings(long_plan: Path) -> None:
    fills = assert_no_holes(long_plan, "territory-plan")
    assert len(fills) >= 6


def test_the_measure_sees_a_hole_and_a_stranded_heading(tmp_path: Path) -> None:
    """The measure itself: a page broken after one paragraph is mostly empty; a heading alone at the foot is seen."""
    from weasyprint import HTML

    html = ("<style>@page { size: letter; margin: 54pt 54pt 61pt; } h2 { margin: 0; }</style>"
            "<p>One line.</p><div style='break-after: page'></div><p>Second page.</p>"
            "<div style='height: 590pt'></div><h2>Pipeline maths</h2>")
    path = tmp_path / "probe.pdf"
    HTML(string=html).write_pdf(path)
    fills = page_fills(path, top_margin_pt=54, bottom_margin_pt=61)
    assert fills[0].empty > 0.9
    assert fills[1].filled > 0.9
    assert ends_on_a_heading(fills[1], HEADINGS["territory-plan"]) == "Pipeline maths"
