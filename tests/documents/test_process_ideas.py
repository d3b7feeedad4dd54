"""process-ideas: the memo rendered through the pipeline as pdf and docx, read back, and its chart."""

from __future__ import annotations

from pathlib import Path

import pytest
from docreaders import (
    TRICKY,
    Rendered,
    docx_text,
    pdf_pages,
    pdf_text,
    render,
    toml_literal,
    write_notes,
)

from followup.documents.process_ideas import (
    build_context,
    draw_charts,
    ordered_ideas,
    skip_reason,
)
from followup.notes.model import Idea
from followup.wording.compose import apply

DOCUMENT = "process-ideas"
PAIN_WITHOUT_IDEA = "Maine accounts get one visit a year"
ORPHAN_PROBLEM = "Too few first meetings with plant managers"

IDEAS = f"""
[[ideas]]
title = "Plant-manager roundtables"
problem = "{ORPHAN_PROBLEM}"
idea = "Host a quarterly breakfast roundtable with the regional manufacturers' association"
impact = "medium"
effort = "medium"
first_step = "Ask two customers to co-host the first one"

[[ideas]]
title = "A shared inbound queue"
problem = "inbound leads wait 2 days for a reply"
idea = "Route web leads to a round-robin queue with an alert after two hours"
impact = "high"
effort = "medium"

[[ideas]]
title = {toml_literal("Log calls & <notes> automatically")}
problem = "Reps lose 30% of their week to CRM admin"
idea = {toml_literal(TRICKY)}
impact = "high"
effort = "low"
first_step = "Pilot with two reps for 30 days"

[[ideas]]
title = "Deal reviews for new reps"
idea = "A weekly 30-minute deal review for every rep in their first two quarters"
impact = "medium"
effort = "low"
"""
# Quick win first, then impact high to low, effort low to high.
EXPECTED_ORDER = ["Log calls & <notes> automatically", "A shared inbound queue", "Deal reviews for new reps",
                  "Plant-manager roundtables"]


def edit(text: str) -> str:
    text = text.replace('"Inbound leads wait 2 days for a reply"]',
                        f'"Inbound leads wait 2 days for a reply", "{PAIN_WITHOUT_IDEA}"]')
    return text + IDEAS


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    folder = tmp_path_factory.mktemp("process-ideas")
    return render(write_notes(folder, "notes.toml", edit), folder / "out", [DOCUMENT])


def positions(text: str, titles: list[str]) -> list[int]:
    found = [text.find(title) for title in titles]
    assert -1 not in found, [title for title, where in zip(titles, found) if where == -1]
    return found


def test_pdf_and_docx_hold_every_idea_quick_wins_first(rendered: Rendered) -> None:
    pdf = pdf_text(rendered.path(DOCUMENT, "pdf", None))
    docx = docx_text(rendered.path(DOCUMENT, "docx", None))
    assert 1 <= pdf_pages(rendered.path(DOCUMENT, "pdf", None)) <= 2
    for fmt, text in {"pdf": pdf, "docx": docx}.items():
        where = positions(text, EXPECTED_ORDER)
        assert where == sorted(where), fmt
        assert TRICKY in text, fmt
        for label in ("To", "From", "Date", "Re"):
            assert label.upper() in text, fmt
        assert "Jordan Lee, VP of Sales · Acme Robotics" in text, fmt
        assert "November 28, 2026" in text, fmt  # the materials date, never today
        assert "Regional Sales Manager, Northeast: ideas on the challenges we discussed" in text, fmt
        # The idea whose problem names no pain is still shown, with its problem.
        assert ORPHAN_PROBLEM in text, fmt
        # What I heard: priorities and pains; a pain no idea names is a question to explore.
        assert "Grow mid-market pipeline 40% in FY27" in text, fmt
        explore = text.upper().find("QUESTIONS I WOULD EXPLORE")
        assert explore != -1 and text.find(PAIN_WITHOUT_IDEA, explore) != -1, fmt
        assert "I would welcome the chance to test them with you" in text, fmt
        assert "PRIVATE-MARKER" not in text


def test_docx_has_the_chart_as_an_inline_picture(rendered: Rendered) -> None:
    from docx import Document

    document = Document(str(rendered.path(DOCUMENT, "docx", None)))
    assert len(document.inline_shapes) == 1
    assert document.inline_shapes[0].width > 0


def test_pdf_has_the_chart_as_vector_drawing(rendered: Rendered) -> None:
    """The chart is SVG drawn as vectors with its text as text: no bitmap, labels selectable, points as curves."""
    from pypdf import PdfReader
    from pypdf.generic import ContentStream

    reader = PdfReader(str(rendered.path(DOCUMENT, "pdf", None)))
    chart_pages = [page for page in reader.pages if "IMPACT AND EFFORT" in (page.extract_text() or "")]
    assert len(chart_pages) == 1
    page = chart_pages[0]
    operations = [operator for _, operator in ContentStream(page.get_contents(), reader).operations]
    text = page.extract_text() or ""
    assert all(label in text for label in ("QUICK WINS", "BIG BETS", "FILL-INS", "RECONSIDER"))  # only in the chart
    assert operations.count(b"c") >= 4 * 4  # each numbered point is a circle of four Bezier curves
    xobjects = page["/Resources"].get("/XObject") or {}
    assert not [name for name, item in xobjects.items() if item.get_object().get("/Subtype") == "/Image"]
    assert b"0.121569 0.305882 0.47451 rg" in page.get_contents().get_data()  # the accent colour


def test_chart_plots_one_numbered_labelled_point_per_rated_idea(rendered: Rendered) -> None:
    context = build_context(rendered.notes, None)
    figure = draw_charts(context)["impact_effort"]
    axes = figure.axes[0]
    texts = [text.get_text() for text in axes.texts]
    for number, title in enumerate(EXPECTED_ORDER, start=1):
        assert str(number) in texts
        assert " ".join(title.split()[:2]) in " ".join(text.replace("\n", " ") for text in texts)
    assert {"QUICK WINS", "BIG BETS", "FILL-INS", "RECONSIDER"} <= set(texts)
    assert axes.get_xlabel() == "Effort" and axes.get_ylabel() == "Impact"


def test_ordering_is_quick_wins_then_impact_then_effort_and_stable() -> None:
    def idea(title: str, impact: str | None, effort: str | None) -> Idea:
        return Idea(title=title, idea="x", impact=impact, effort=effort)

    ideas = [idea("unrated", None, None), idea("low-low", "low", "low"), idea("med-high", "medium", "high"),
             idea("high-high", "high", "high"), idea("win-a", "high", "low"), idea("med-low", "medium", "low"),
             idea("win-b", "high", "low")]
    assert [item.title for item in ordered_ideas(ideas)] == [
        "win-a", "win-b", "high-high", "med-low", "med-high", "low-low", "unrated"]


def test_unrated_ideas_are_named_under_the_chart(rendered: Rendered) -> None:
    ideas = list(rendered.notes.ideas) + [Idea(title="Unrated", idea="Something")]
    context = build_context(rendered.notes.model_copy(update={"ideas": ideas}), None)
    assert context["memo"]["unplotted"] == ["5"]
    prose = apply(context)
    assert prose is not None
    assert prose.text("chart_caption").endswith("Not on the chart (impact or effort not rated): 5.")


def test_skipped_without_ideas(rendered: Rendered) -> None:
    assert skip_reason(rendered.notes) is None
    assert skip_reason(rendered.notes.model_copy(update={"ideas": []})) == "notes have no [[ideas]]"


def test_a4_and_accent_reach_the_docx(tmp_path: Path) -> None:
    from docx import Document

    def a4(text: str) -> str:
        return edit(text).replace('paper = "letter"', 'paper = "a4"').replace('"#1f4e79"', '"#8a1c2b"')

    result = render(write_notes(tmp_path, "a4.toml", a4), tmp_path / "out", [DOCUMENT], formats=["docx"])
    document = Document(str(result.path(DOCUMENT, "docx", None)))
    section = document.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    xml = document.styles.element.xml
    assert "8A1C2B" in xml and "1F4E79" not in xml
    assert len(document.inline_shapes) == 1


def test_chart_labels_are_literal_text(rendered: Rendered) -> None:
    """A ``$`` in a title is a dollar sign, not matplotlib mathematics (which would eat the text between two)."""
    from followup.render.charts import figure_to_svg

    ideas = [Idea(title="Grow the $0.8M book to $2.1M", idea="x", impact="high", effort="low")]
    context = build_context(rendered.notes.model_copy(update={"ideas": ideas}), None)
    figure = draw_charts(context)["impact_effort"]
    labels = [text for text in figure.axes[0].texts if "book" in text.get_text()]
    assert [text.get_text() for text in labels] == ["Grow the $0.8M book to\n$2.1M"]
    assert labels[0].get_parse_math() is False
    assert figure_to_svg(figure).startswith("<?xml")
