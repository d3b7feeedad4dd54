"""criteria-match: rendered through the pipeline as eml, pdf, docx and txt, and read back."""

from __future__ import annotations

import datetime
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from docreaders import (
    TRICKY,
    Rendered,
    docx_text,
    email_parts,
    html_text,
    pdf_pages,
    pdf_text,
    read_email,
    render,
    squash,
    toml_literal,
    write_notes,
)

from followup.documents.criteria_match import (
    build_context,
    check_warnings,
    email_headers,
    matches_loosely,
    skip_reason,
    uncovered_criteria,
)
from followup.notes import load_notes

DOCUMENT = "criteria-match"
ROLE = "Sales & <Field> Manager — é"
UNCOVERED = "Fluent in Portuguese"
PAIN_WITHOUT_IDEA = "Maine accounts get one visit a year"

EXTRA = """
[territory]
name = "New England"
quota = 1200000

[[ideas]]
title = "Log calls to the CRM automatically"
problem = "reps lose 30% of their week to CRM admin"
idea = "Switch on the dialer's CRM sync and drop the manual call form"
impact = "high"
effort = "low"
first_step = "Pilot with two reps for 30 days"
"""


def edit(text: str) -> str:
    """The full fixture plus ideas, a territory, an uncovered requirement, a pain with no idea and tricky text."""
    text = text.replace('title = "Regional Sales Manager, Northeast"', f"title = {toml_literal(ROLE)}")
    text = text.replace('requirements = ["5+ years closing SaaS deals"',
                        f'requirements = [{toml_literal(UNCOVERED)}, "5+ years closing SaaS deals"')
    text = text.replace('"Inbound leads wait 2 days for a reply"]',
                        f'"Inbound leads wait 2 days for a reply", {toml_literal(PAIN_WITHOUT_IDEA)}]')
    text = text.replace('evidence = "Seven years closing mid-market SaaS; 132% of quota in FY25"',
                        f"evidence = {toml_literal('Seven years closing SaaS; ' + TRICKY)}")
    text = text.replace('concern = "No robotics background"', f"concern = {toml_literal('No robotics & <PLC> background')}")
    return text + EXTRA


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    folder = tmp_path_factory.mktemp("criteria-match")
    return render(write_notes(folder, "notes.toml", edit), folder / "out", [DOCUMENT])


class CriteriaRows(HTMLParser):
    """Counts the body rows of ``<table class="criteria">`` and collects their cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.in_table = self.in_body = False
        self.rows: list[list[str]] = []
        self.styles: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "table" and attributes.get("class") == "criteria":
            self.in_table = True
        if self.in_table and tag == "tbody":
            self.in_body = True
        if self.in_body and tag == "tr":
            self.rows.append([])
        if self.in_body and tag == "td":
            self._cell = []
            self.styles.append(attributes.get("style") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None:
            self.rows[-1].append(squash("".join(self._cell)))
            self._cell = None
        if tag == "tbody":
            self.in_body = False
        if tag == "table":
            self.in_table = False

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def test_draft_goes_to_the_decision_maker_with_the_exact_subject(rendered: Rendered) -> None:
    message = read_email(rendered.path(DOCUMENT, "eml", None))
    assert message["Subject"] == f"{ROLE}: how I match the criteria we discussed"
    assert [address.addr_spec for address in message["To"].addresses] == ["jordan.lee@acme-robotics.example"]
    assert message["To"].addresses[0].display_name == "Jordan Lee"
    assert message["From"].addresses[0].addr_spec == "dana.whitfield@example.com"
    assert message["Cc"] is None, "the other interviewers are only copied with --cc-all"
    # Dated the day the materials go out (follow_up.materials_by), not today.
    assert message["Date"].datetime.date() == datetime.date(2026, 11, 28)


def test_html_part_has_one_table_row_per_match_with_inline_styles_only(rendered: Rendered) -> None:
    _, html = email_parts(read_email(rendered.path(DOCUMENT, "eml", None)))
    parser = CriteriaRows()
    parser.feed(html)
    notes = rendered.notes
    assert len(parser.rows) == len(notes.match)
    for row, match in zip(parser.rows, notes.match):
        assert row[0] == squash(match.criterion)
        assert row[1] == squash(match.evidence)
        assert row[2] == squash(match.proof or "")
    assert all(style for style in parser.styles), "every cell carries its own inline style"
    assert "<style" not in html.lower() and "<link" not in html.lower() and "class=\"chart\"" not in html


def test_both_parts_hold_priorities_objections_pains_decision_promise_and_next_step(rendered: Rendered) -> None:
    plain, html = email_parts(read_email(rendered.path(DOCUMENT, "eml", None)))
    notes = rendered.notes
    for text in (squash(plain), html_text(html)):
        for priority in notes.discovery.priorities:
            assert priority in text
        for objection in notes.close.objections:
            assert objection.concern in text
            assert squash(objection.response or "") in text
        assert "Switch on the dialer's CRM sync and drop the manual call form." in text
        assert PAIN_WITHOUT_IDEA in text and "I would explore this first" in text
        assert "“Panel debrief Friday; Jordan decides; offer by Dec 5”" in text
        assert "As promised (“A sample territory plan by Tuesday”), I have attached a sample territory plan for New England" in text
        assert "I’ll call you on Friday, December 4" in text
        assert TRICKY in text and ROLE in text


def test_uncovered_criteria_are_left_out_of_every_format(rendered: Rendered) -> None:
    message = read_email(rendered.path(DOCUMENT, "eml", None))
    plain, html = email_parts(message)
    texts = {
        "eml-text": plain, "eml-html": html_text(html), "txt": rendered.path(DOCUMENT, "txt", None).read_text("utf-8"),
        "pdf": pdf_text(rendered.path(DOCUMENT, "pdf", None)), "docx": docx_text(rendered.path(DOCUMENT, "docx", None)),
    }
    assert uncovered_criteria(rendered.notes) == [UNCOVERED]
    for fmt, text in texts.items():
        assert UNCOVERED not in text, fmt


def test_pdf_docx_and_txt_say_the_same_and_keep_tricky_text(rendered: Rendered) -> None:
    pdf = pdf_text(rendered.path(DOCUMENT, "pdf", None))
    docx = docx_text(rendered.path(DOCUMENT, "docx", None))
    txt = squash(rendered.path(DOCUMENT, "txt", None).read_text("utf-8"))
    assert pdf_pages(rendered.path(DOCUMENT, "pdf", None)) <= 2
    for fmt, text in {"pdf": pdf, "docx": docx, "txt": txt}.items():
        assert ROLE in text, fmt
        # A narrow table cell wraps inside "</b>", and pypdf reads a line break as a space there.
        assert TRICKY.replace(" ", "") in text.replace(" ", "") if fmt == "pdf" else TRICKY in text, fmt
        assert "No robotics & <PLC> background" in text, fmt
        for match in rendered.notes.match:
            assert squash(match.criterion) in text, fmt
        assert "Dear Jordan," in text
    # The printed letter encloses what the email attaches.
    assert "I have enclosed a sample territory plan" in pdf and "I have enclosed a sample territory plan" in docx


def test_plain_text_table_is_an_aligned_list() -> None:
    table = text_table([{"number": 1, "criterion": "A & <b>", "evidence": "did it\nand more", "proof": "award"}])
    assert table.splitlines() == [
        "1. A & <b>",
        "   What I have done: did it",
        "                     and more",
        "   Proof:            award",
    ]


def test_cc_all_copies_the_other_interviewers_who_have_an_email(rendered: Rendered) -> None:
    context = build_context(rendered.notes, None)
    assert email_headers(context)["cc"] is None
    context["options"] = {"cc_all": True}
    cc = email_headers(context)["cc"]
    assert cc == ["Priya Raman <priya.raman@acme-robotics.example>"]  # Sam Okafor has no email


def test_first_interviewer_without_a_decision_maker_and_no_to_without_an_email(rendered: Rendered) -> None:
    notes = rendered.notes
    people = [person.model_copy(update={"decision_role": None}) for person in notes.interviewers]
    people[0] = people[0].model_copy(update={"email": None})
    changed = notes.model_copy(update={"interviewers": people})
    context = build_context(changed, None)
    assert context["recipient_person"]["name"] == "Jordan Lee"
    assert email_headers(context)["to"] == []
    assert [problem.key_path for problem in check_warnings(changed)] == ["interviewers[0].email"]
    # The decision-maker wins over the order of the notes.
    people = [person.model_copy(update={"decision_role": None}) for person in notes.interviewers]
    people[1] = people[1].model_copy(update={"decision_role": "decision-maker"})
    assert letter_text(notes.model_copy(update={"interviewers": people}))["greeting"] == "Dear Priya,"


def test_skipped_without_any_match(rendered: Rendered) -> None:
    assert skip_reason(rendered.notes) is None
    assert skip_reason(rendered.notes.model_copy(update={"match": []})) == "notes have no [[match]]"


def test_coverage_is_normalised_case_insensitive_and_substring_either_way(full_notes_path: Path) -> None:
    assert matches_loosely("Full quota by Month 6!", "full quota by month 6")
    assert matches_loosely("3x pipeline coverage", "Reach 3x pipeline coverage by Q2")
    assert matches_loosely("Café – réseau", "cafe reseau")
    assert not matches_loosely("Fluent in Portuguese", "Fluent in Spanish")
    assert not matches_loosely("", "anything")
    notes = load_notes(full_notes_path).notes
    assert uncovered_criteria(notes) == []
    discovery = notes.discovery.model_copy(update={"success_criteria": ["full quota by MONTH 6", "NPS above 50",
                                                                         "nps above 50"]})
    assert uncovered_criteria(notes.model_copy(update={"discovery": discovery})) == ["NPS above 50"]


def test_same_notes_give_the_same_draft(rendered: Rendered, tmp_path: Path) -> None:
    again = render(write_notes(tmp_path, "notes.toml", edit), tmp_path / "out", [DOCUMENT], formats=["eml", "txt"])
    for fmt in ("eml", "txt"):
        assert again.path(DOCUMENT, fmt, None).read_bytes() == rendered.path(DOCUMENT, fmt, None).read_bytes()
    assert not re.search(r"salary|PRIVATE-MARKER", again.path(DOCUMENT, "eml", None).read_text("utf-8"))
