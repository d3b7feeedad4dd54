"""thank-you-card: rendered through the pipeline, read back from the PDF (pypdf) and the DOCX (python-docx)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docreaders import (
    EXAMPLE_NOTES,
    TRICKY,
    Rendered,
    docx_text,
    pdf_page_size,
    pdf_pages,
    pdf_text,
    render,
    toml_literal,
    write_notes,
)

from followup.documents.thank_you_card import MAX_WORDS, MIN_WORDS, card_text, check_warnings, length_problem
from followup.documents.wording import word_count
from followup.notes import load_notes

DOCUMENT = "thank-you-card"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory, full_notes_path: Path) -> Rendered:
    return render(full_notes_path, tmp_path_factory.mktemp("cards"), [DOCUMENT])


@pytest.fixture(scope="module")
def tricky(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """The full notes with `& < > " ’ é —` in the personal note, the role and the company name, on A4 paper."""
    folder = tmp_path_factory.mktemp("tricky-cards")

    def edit(text: str) -> str:
        text = text.replace('"Good luck at the Boston Marathon in April"', toml_literal(TRICKY))
        text = text.replace('title = "Regional Sales Manager, Northeast"', f'title = {toml_literal("Rep & <Lead> é")}')
        text = text.replace('name = "Acme Robotics"', f'name = {toml_literal("Acme & “Sons” <Robotics> — é")}')
        return text.replace('paper = "letter"', 'paper = "a4"')

    return render(write_notes(folder, "tricky.toml", edit), folder / "out", [DOCUMENT])


def test_every_interviewer_gets_a_one_page_card_as_pdf_and_docx(rendered: Rendered) -> None:
    for person in rendered.notes.interviewers:
        pdf = rendered.path(DOCUMENT, "pdf", person.name)
        docx = rendered.path(DOCUMENT, "docx", person.name)
        assert pdf.read_bytes().startswith(b"%PDF")
        assert pdf_pages(pdf) == 1
        assert docx.stat().st_size > 0
    assert not [message for message in rendered.warnings() if DOCUMENT in message]


def test_the_page_is_the_card(rendered: Rendered, tricky: Rendered) -> None:
    from docx import Document

    person = rendered.notes.interviewers[0].name
    width, height = pdf_page_size(rendered.path(DOCUMENT, "pdf", person))
    assert (round(width), round(height)) == (306, 396)  # 4.25 x 5.5 in
    section = Document(str(rendered.path(DOCUMENT, "docx", person))).sections[0]
    assert (round(section.page_width.inches, 2), round(section.page_height.inches, 2)) == (4.25, 5.5)
    # paper = "a4" gives A6: 105 x 148 mm.
    width, height = pdf_page_size(tricky.path(DOCUMENT, "pdf", person))
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (105, 148)
    section = Document(str(tricky.path(DOCUMENT, "docx", person))).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (105, 148)


def test_the_card_holds_greeting_thanks_one_callback_and_signature(rendered: Rendered) -> None:
    notes = rendered.notes
    for person in notes.interviewers:
        for text in (pdf_text(rendered.path(DOCUMENT, "pdf", person.name)),
                     docx_text(rendered.path(DOCUMENT, "docx", person.name))):
            assert f"Dear {person.first_name}," in text
            assert notes.role.title in text
            assert notes.company.name in text
            assert "Friday, November 20" in text
            assert notes.candidate.signed_as in text
            if person.personal_note:
                assert person.personal_note in text
                assert not any(topic in text for topic in person.topics), "one callback only"
            else:
                assert person.topics[0] in text
            assert notes.discovery.next_steps in text
            assert "PRIVATE-MARKER" not in text


def test_card_word_count_is_between_40_and_90(full_notes) -> None:
    for person in full_notes.interviewers:
        card = card_text(full_notes, person)
        assert MIN_WORDS <= card["word_count"] <= MAX_WORDS, card["plain"]
        assert card["word_count"] == word_count(card["plain"])
    assert check_warnings(full_notes) == []


def test_tricky_text_comes_out_exactly_as_written(tricky: Rendered) -> None:
    person = tricky.notes.interviewers[0].name
    for text in (pdf_text(tricky.path(DOCUMENT, "pdf", person)), docx_text(tricky.path(DOCUMENT, "docx", person))):
        assert TRICKY + "." in text
        assert "Rep & <Lead> é" in text
        assert "Acme & “Sons” <Robotics> — é" in text
        assert "&amp;" not in text and "&lt;" not in text


def test_warm_and_formal_cards_read_differently(full_notes) -> None:
    person = full_notes.interviewers[0]
    warm = card_text(full_notes, person)
    formal = card_text(full_notes.model_copy(update={"style": full_notes.style.model_copy(update={"tone": "formal"})}),
                       person)
    warm_sentences = set(warm["paragraphs"])
    formal_sentences = set(formal["paragraphs"])
    # Only the personal note (the user's own words) may be shared.
    assert warm_sentences & formal_sentences <= {f"{person.personal_note}."}
    assert len(warm_sentences - formal_sentences) >= 2


def test_each_interviewer_gets_a_different_card_and_twins_are_reported(full_notes) -> None:
    bodies = [" ".join(card_text(full_notes, person)["paragraphs"][1:]) for person in full_notes.interviewers]
    assert len(set(bodies)) == len(bodies)
    twin = full_notes.interviewers[2].model_copy(update={"name": "Sam Twin"})
    notes = full_notes.model_copy(update={"interviewers": [*full_notes.interviewers, twin]})
    messages = [problem.message for problem in check_warnings(notes)]
    assert any("Sam Twin" in message and "same card" in message for message in messages)


def test_an_overflowing_card_is_written_with_warnings(tmp_path: Path) -> None:
    long_note = "I keep thinking about the story of the first plant you sold to, and the night shift " * 18
    path = write_notes(tmp_path, "long.toml",
                       lambda text: text.replace('"Good luck at the Boston Marathon in April"', toml_literal(long_note)))
    result = render(path, tmp_path / "out", [DOCUMENT], ["pdf"])
    pdf = result.path(DOCUMENT, "pdf", "Jordan Lee")
    assert pdf_pages(pdf) >= 2
    assert any(message.startswith("thank-you-card for Jordan Lee: the text runs to") for message in result.warnings())
    notes = load_notes(path).notes
    messages = [problem.message for problem in check_warnings(notes)]
    assert any("Jordan Lee" in message and f"over the {MAX_WORDS}" in message for message in messages)


def test_a_bare_card_still_has_40_words_and_the_limits_are_reported(full_notes) -> None:
    bare = full_notes.interviewers[2].model_copy(update={"personal_note": None, "topics": []})
    discovery = full_notes.discovery.model_copy(update={"next_steps": None, "decision_date": None})
    notes = full_notes.model_copy(update={"interviewers": [bare], "discovery": discovery})
    card = card_text(notes, bare)
    assert MIN_WORDS <= card["word_count"] <= MAX_WORDS, card["plain"]
    assert "Wednesday, November 25" in card["plain"]  # the follow-up call is the next step
    assert "under the 40" in length_problem(notes, bare, MIN_WORDS - 1).message
    assert "over the 90" in length_problem(notes, bare, MAX_WORDS + 1).message
    assert length_problem(notes, bare, MIN_WORDS) is None


def test_docx_accent_follows_style(tmp_path: Path) -> None:
    import zipfile

    path = write_notes(tmp_path, "red.toml", lambda text: text.replace('"#1f4e79"', '"#a83232"'))
    result = render(path, tmp_path / "out", [DOCUMENT], ["docx"])
    archive = zipfile.ZipFile(result.path(DOCUMENT, "docx", "Jordan Lee"))
    xml = archive.read("word/styles.xml") + archive.read("word/document.xml")
    assert b"A83232" in xml and b"1F4E79" not in xml.upper()


@pytest.mark.skipif(not EXAMPLE_NOTES.is_file(), reason="examples/acme-robotics.toml not written yet")
def test_the_full_example_renders_a_card_for_every_interviewer(tmp_path: Path) -> None:
    result = render(EXAMPLE_NOTES, tmp_path, [DOCUMENT])
    for person in result.notes.interviewers:
        text = pdf_text(result.path(DOCUMENT, "pdf", person.name))
        assert person.first_name in text and result.notes.candidate.signed_as in text
        assert MIN_WORDS <= card_text(result.notes, person)["word_count"] <= MAX_WORDS
        assert person.first_name in docx_text(result.path(DOCUMENT, "docx", person.name))
