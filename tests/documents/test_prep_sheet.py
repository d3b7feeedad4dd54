"""prep-sheet: the candidate's own brief for the next round, read back from the PDF, DOCX and TXT.

Three notes files: the full example (gaps, concerns, a person not met yet, a promise),
one with no gaps (every criterion matched, every match with proof: the sheet says so
and is shorter), and one with nothing but the interviewers. ``[private]`` shows only
with ``include_private`` and only on the prep sheet.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docreaders import EXAMPLE_NOTES, docx_text, pdf_pages, pdf_text, render

from followup.check import check_notes
from followup.documents import get_document
from followup.documents.coverage import gaps_to_probe
from followup.documents.prep_sheet import open_questions, people_not_met, private_notes, sheet_facts
from followup.notes import load_notes
from followup.pipeline import render_notes

DOC = "prep-sheet"
CLOSE = "So if you had to make a decision today, would you hire me?"
SECRETS = ("185k base", "Jordan seemed rushed")

BARE = """\
[candidate]
name = "Dana Whitfield"

[company]
name = "Acme Robotics"

[role]
title = "Account Executive"

[interview]
date = 2026-11-20

[[interviewers]]
name = "Jordan Lee"

[[interviewers]]
name = "Priya Raman"
"""


def no_gaps_text() -> str:
    """The full example with every success criterion matched and every match given its proof."""
    text = EXAMPLE_NOTES.read_text(encoding="utf-8")
    return re.sub(r'(evidence = "[^"]*"\n)(?!proof)', r'\1proof = "Reference: Keystone Controls VP of Sales"\n', text)


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The full example's prep sheet, as text, in every format."""
    out = tmp_path_factory.mktemp("full")
    rendered = render(EXAMPLE_NOTES, out, [DOC])
    paths = {output.format: output.path for output in rendered.result.outputs if output.path is not None}
    assert set(paths) == {"pdf", "docx", "txt"}
    assert pdf_pages(paths["pdf"]) <= 2
    return {"pdf": pdf_text(paths["pdf"]), "docx": docx_text(paths["docx"]),
            "txt": paths["txt"].read_text(encoding="utf-8")}


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("fmt", ["pdf", "docx", "txt"])
def test_the_full_example_holds_every_part(full: dict[str, str], fmt: str) -> None:
    text = squash(full[fmt])
    # what they told you
    assert "Grow mid-market pipeline 40% in FY27" in text
    assert "Panel debrief Friday" in text
    # gaps: the three matches without proof, each with what to bring
    assert "Three matches have no proof yet" in text
    for criterion in ("3x pipeline coverage", "Fast response to inbound leads",
                      "Keeps the CRM clean without wasting selling time"):
        assert criterion in text
    assert "Bring proof that you built mid-market pipeline to 3.4x coverage" in text
    assert "President's Club 2024" not in text  # a match with proof is no gap
    # concerns with their answer and who raised them
    assert "No robotics background" in text and "Raised by José Martínez" in text
    assert "certified on Keystone's full line in six weeks" in text
    # people met, and the CRO not met yet with questions
    assert "Jordan Lee, VP of Sales (decides)" in text
    assert "Talked about CRM admin load on the reps" in text
    assert "The CRO, named in the next steps" in text
    assert "What would you need to see from me to say yes?" in text
    # the promise, its date, not delivered
    assert "A sample territory plan by Tuesday" in text and "Due Tuesday, November 24" in text
    assert "Not delivered yet" in text
    # the close, scripted, with the decision-maker's objection and its answer
    assert CLOSE in text
    assert "the answer was maybe" in text
    assert "Likeliest: moving from an individual role to managing accounts across three states (Jordan Lee)" in text
    assert "Your answer: At Keystone I covered Ohio, Indiana and Michigan" in text
    assert "let me think about it" in text and "before December 5" in text
    # the notes answer every basic question: none is left open
    assert "questions still open" not in text.casefold()
    # nothing private by default
    assert not any(secret in text for secret in SECRETS)
    assert "private notes" not in text.casefold()


def test_the_txt_has_boxes_to_tick(full: dict[str, str]) -> None:
    assert "[ ] 3x pipeline coverage:" in full["txt"]
    assert "[ ] What would you need to see from me to say yes?" in full["txt"]


def test_a_sheet_with_no_gaps_says_so_and_is_shorter(tmp_path: Path, full: dict[str, str]) -> None:
    path = tmp_path / "nogaps.toml"
    path.write_text(no_gaps_text(), encoding="utf-8")
    notes = load_notes(path).notes
    assert gaps_to_probe(notes) == []
    rendered = render(path, tmp_path / "out", [DOC])
    paths = {output.format: output.path for output in rendered.result.outputs if output.path is not None}
    for text in (pdf_text(paths["pdf"]), docx_text(paths["docx"]), paths["txt"].read_text(encoding="utf-8")):
        text = squash(text)
        assert "No gaps: every requirement and success criterion has evidence" in text
        assert "No proof yet" not in text
        assert CLOSE in text
    txt = paths["txt"].read_text(encoding="utf-8")
    assert len(txt) < len(full["txt"]) - 300
    assert txt.count("[ ]") < full["txt"].count("[ ]")
    assert pdf_pages(paths["pdf"]) == 1


def test_a_sheet_from_nothing_but_the_interviewers(tmp_path: Path) -> None:
    path = tmp_path / "bare.toml"
    path.write_text(BARE, encoding="utf-8")
    notes = load_notes(path).notes
    assert get_document(DOC).skip_reason(notes) is None
    assert open_questions(notes) == ["pain", "success_criteria", "decision_process", "stakeholders", "timeline"]
    rendered = render(path, tmp_path / "out", [DOC])
    paths = {output.format: output.path for output in rendered.result.outputs if output.path is not None}
    assert pdf_pages(paths["pdf"]) == 1
    for text in (pdf_text(paths["pdf"]), docx_text(paths["docx"]), paths["txt"].read_text(encoding="utf-8")):
        text = squash(text)
        assert "No requirements or success criteria noted yet" in text
        assert "Jordan Lee" in text and "Priya Raman" in text
        assert "Nothing noted yet: ask what matters most to them." in text
        assert "What is the business problem behind this opening" in text
        assert "Who else has a say in this hire" in text
        assert "When do you expect to decide" in text
        assert "You did not ask last time" in text
        assert CLOSE in text
        folded = text.casefold()
        assert "concerns" not in folded and "what you promised" not in folded and "not met yet" not in folded


def test_include_private_shows_the_private_notes_on_the_prep_sheet_only(tmp_path: Path) -> None:
    result = render_notes(EXAMPLE_NOTES, out=tmp_path, formats=["txt", "eml", "ics", "docx"], force=True,
                          include_private=True)
    assert result.error is None and not result.failed, result.outputs
    written = [output for output in result.outputs if output.path is not None and output.path.is_file()]
    assert {output.document for output in written} >= {"thank-you-letter", "criteria-match", DOC}
    for output in written:
        path = output.path
        assert path is not None
        text = docx_text(path) if path.suffix == ".docx" else path.read_text(encoding="utf-8", errors="replace")
        shows = all(secret in text for secret in SECRETS)
        assert shows == (output.document == DOC), f"{path.name}: private notes {'missing' if not shows else 'shown'}"
    pdf = render_notes(EXAMPLE_NOTES, out=tmp_path / "pdf", documents=[DOC], formats=["pdf"], include_private=True)
    pdf_path = next(output.path for output in pdf.outputs if output.path is not None)
    text = pdf_text(pdf_path)
    assert "PRIVATE NOTES" in text.upper() and "Salary floor — 185k base" in text


def test_switching_include_private_renders_the_sheet_again(tmp_path: Path) -> None:
    first = render_notes(EXAMPLE_NOTES, out=tmp_path, documents=[DOC], formats=["txt"])
    path = next(output.path for output in first.outputs if output.path is not None)
    assert "185k base" not in path.read_text(encoding="utf-8")
    second = render_notes(EXAMPLE_NOTES, out=tmp_path, documents=[DOC], formats=["txt"], include_private=True)
    assert [output.status for output in second.outputs] == ["written"]
    assert "185k base" in path.read_text(encoding="utf-8")
    third = render_notes(EXAMPLE_NOTES, out=tmp_path, documents=[DOC], formats=["txt"])
    assert [output.status for output in third.outputs] == ["written"]
    assert "185k base" not in path.read_text(encoding="utf-8")


def test_the_context_never_holds_private_notes() -> None:
    notes = load_notes(EXAMPLE_NOTES).notes
    context = get_document(DOC).build_context(notes, None)
    assert not any(secret in repr(context) for secret in SECRETS)
    assert private_notes(notes) == [
        {"key": "salary floor", "text": "185k base"},
        {"key": "impressions", "text": "Jordan seemed rushed; ask José about team turnover"},
    ]


def test_one_definition_of_a_gap_for_check_and_the_sheet(tmp_path: Path) -> None:
    text = EXAMPLE_NOTES.read_text(encoding="utf-8").replace(
        'success_criteria = ["Full quota by month 6", "3x pipeline coverage", "Fast response to inbound leads"]',
        'success_criteria = ["Full quota by month 6", "3x pipeline coverage", "Fast response to inbound leads", '
        '"Two new logos a quarter"]')
    path = tmp_path / "gap.toml"
    path.write_text(text, encoding="utf-8")
    notes = load_notes(path).notes
    gaps = gaps_to_probe(notes)
    assert [(gap.kind, gap.text) for gap in gaps] == [
        ("criterion", "Two new logos a quarter"), ("proof", "3x pipeline coverage"),
        ("proof", "Fast response to inbound leads"), ("proof", "Keeps the CRM clean without wasting selling time")]
    check_gaps = [gap for gap in check_notes(path).gaps if gap.message.startswith("no [[match]] covers")]
    assert [gap.key_path for gap in check_gaps] == ["discovery.success_criteria[3]"]
    sheet = sheet_facts(notes)
    assert [gap["text"] for gap in sheet["gaps"] if gap["kind"] == "criterion"] == ["Two new logos a quarter"]


def test_an_unanswered_concern_is_flagged_and_check_warns(tmp_path: Path) -> None:
    marker = "\n[territory]\n"
    text = EXAMPLE_NOTES.read_text(encoding="utf-8").replace(
        marker, '\n[[close.objections]]\nconcern = "Has never sold hardware"\nraised_by = "Priya Raman"\n' + marker, 1)
    path = tmp_path / "concern.toml"
    path.write_text(text, encoding="utf-8")
    warnings = [problem for problem in check_notes(path).warnings if "no answer yet" in problem.message]
    assert [problem.key_path for problem in warnings] == ["close.objections[2].response"]
    rendered = render(path, tmp_path / "out", [DOC], formats=["txt"])
    txt_path = next(output.path for output in rendered.result.outputs if output.path is not None)
    txt = squash(txt_path.read_text(encoding="utf-8"))
    assert "One concern has no answer yet" in txt
    assert ("Has never sold hardware: No answer yet. Prepare one before the meeting. "
            "(Raised by Priya Raman · Prepare)") in txt


@pytest.mark.parametrize(("text", "expected"), [
    ("Final round with the CRO if the panel agrees", ["the CRO"]),
    ("VP sales (Marco) signs off; offer after the CFO approves", ["VP sales (Marco)", "the CFO"]),
    ("Marco decides after a call with the CEO and Head of Sales Operations",
     ["Marco", "the CEO", "the Head of Sales Operations"]),
    ("Panel debrief Friday; Jordan decides with input from Priya; offer by Dec 5", []),
    ("Jordan and Sam Patel from finance decide", ["Sam Patel"]),
    ("Director of Sales (Ana) and HR", ["Director of Sales (Ana)", "HR"]),
    ("Meet VP of Sales Marco Rossi next week", ["VP of Sales Marco Rossi"]),
    ("the VP sales (Jordan) decides", []),
    ("Final round with the VP of Sales", []),  # Jordan's own title: already met
])
def test_people_not_met_come_from_the_decision_process_and_next_steps(tmp_path: Path, text: str,
                                                                      expected: list[str]) -> None:
    path = tmp_path / "people.toml"
    path.write_text(BARE.replace('name = "Jordan Lee"', 'name = "Jordan Lee"\ntitle = "VP of Sales"')
                    + f'\n[discovery]\nnext_steps = "{text}"\n', encoding="utf-8")
    notes = load_notes(path).notes
    assert [person.label for person in people_not_met(notes)] == expected
    if expected:
        assert "stakeholders" not in open_questions(notes)


def test_the_cli_flag_reaches_the_sheet(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from followup.cli import app

    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["render", str(EXAMPLE_NOTES), "-d", DOC, "-f", "txt", "-o", str(out),
                                      "--include-private"])
    assert result.exit_code == 0, result.output
    (path,) = out.rglob("prep-sheet.txt")
    assert "Salary floor: 185k base" in path.read_text(encoding="utf-8")


def test_user_text_is_text_never_markup_or_markers(tmp_path: Path) -> None:
    tricky = 'Fish & chips <b>bold</b> "quoted" == close * x :: y || z'
    marker = "\n[territory]\n"
    text = EXAMPLE_NOTES.read_text(encoding="utf-8").replace(
        marker, '\n[[close.objections]]\nconcern = ' + '"' + tricky.replace('"', '\\"') + '"\n' + marker, 1)
    path = tmp_path / "tricky.toml"
    path.write_text(text, encoding="utf-8")
    rendered = render(path, tmp_path / "out", [DOC])
    paths = {output.format: output.path for output in rendered.result.outputs if output.path is not None}
    for fmt, content in (("txt", paths["txt"].read_text(encoding="utf-8")), ("pdf", pdf_text(paths["pdf"])),
                         ("docx", docx_text(paths["docx"]))):
        assert squash(tricky) in squash(content), fmt


@pytest.mark.parametrize(("language", "text", "expected"), [
    ("de", "Zweitgespräch mit der Geschäftsführung", ["die Geschäftsführung"]),
    ("de", "Feedbackrunde am Freitag; Frau Raman entscheidet gemeinsam mit Herrn Lee", []),
    ("de", "Thomas Schulz entscheidet nach Rücksprache mit dem Vorstand", ["Thomas Schulz", "der Vorstand"]),
    ("de", "Abschlussgespräch mit Herrn Dr. Brandt im Dezember", ["Herr Dr. Brandt"]),
    ("de", "Der Vertriebsleiter Jordan Lee gibt das Okay", []),
    ("fr", "Entretien final avec le directeur général", ["le directeur général"]),
    ("fr", "Comité vendredi ; Mme Raman décide avec M. Lee", []),
    ("fr", "Validation par la DRH puis rencontre avec l’associé fondateur", ["la DRH", "l’associé fondateur"]),
    ("fr", "Paul Martin valide l’offre", ["Paul Martin"]),
    ("es", "Entrevista final con el consejero delegado", ["el consejero delegado"]),
    ("es", "Reunión del comité el viernes; decide Jordan con la opinión de Priya", []),
    ("es", "La directora de operaciones firma la oferta tras hablar con la Sra. Gómez",
     ["la directora de operaciones", "la Sra. Gómez"]),
])
def test_people_not_met_are_found_with_the_words_of_the_package_language(tmp_path: Path, language: str, text: str,
                                                                          expected: list[str]) -> None:
    """The finder reads German, French and Spanish notes with [prep_sheet.finder] of their pack: titles with the
    article a sentence puts before them, honorifics, the articles and verbs around a name."""
    path = tmp_path / "people.toml"
    path.write_text(BARE + f'\n[discovery]\nnext_steps = "{text}"\n\n[style]\nlanguage = "{language}"\n',
                    encoding="utf-8")
    notes = load_notes(path).notes
    assert [person.label for person in people_not_met(notes)] == expected


def test_a_templates_folder_can_teach_the_finder_a_title(tmp_path: Path) -> None:
    """The finder's words are labels: a user's templates folder adds a title like any other label."""
    folder = tmp_path / "mine" / "languages" / "de"
    folder.mkdir(parents=True)
    (folder / "labels.toml").write_text('[prep_sheet.finder]\ntitles = ["die Prokuristin"]\n', encoding="utf-8")
    path = tmp_path / "people.toml"
    path.write_text(BARE + '\n[discovery]\nnext_steps = "Termin mit der Prokuristin"\n\n[style]\nlanguage = "de"\n'
                    f'templates = "{(tmp_path / "mine").as_posix()}"\n', encoding="utf-8")
    assert [person.label for person in people_not_met(load_notes(path).notes)] == ["die Prokuristin"]
