"""thank-you-letter: rendered through the pipeline as pdf, docx, eml and txt, and read back."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from docreaders import (
    EXAMPLE_NOTES,
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

from followup.documents.relevance import relevant_matches
from followup.documents.thank_you_letter import check_warnings, letter_text, plain_body
from followup.documents.wording import masked

DOCUMENT = "thank-you-letter"
FORMATS = ("pdf", "docx", "eml", "txt")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory, full_notes_path: Path) -> Rendered:
    return render(full_notes_path, tmp_path_factory.mktemp("letters"), [DOCUMENT])


@pytest.fixture(scope="module")
def tricky(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """`& < > " ’ é —` in a personal note, a topic, the role, the company, an evidence and a response."""
    folder = tmp_path_factory.mktemp("tricky-letters")

    def edit(text: str) -> str:
        text = text.replace('"Good luck at the Boston Marathon in April"', toml_literal(TRICKY))
        text = text.replace('"rep ramp time"', toml_literal("ramp <time> & “quota” — é"))
        text = text.replace('title = "Regional Sales Manager, Northeast"', f'title = {toml_literal("Rep & <Lead> é")}')
        text = text.replace('name = "Acme Robotics"', f'name = {toml_literal("Acme & “Sons” <Robotics> — é")}')
        return text.replace("President's Club 2024", "President’s Club & <Circle> 2024")

    return render(write_notes(folder, "tricky.toml", edit), folder / "out", [DOCUMENT])


def texts(rendered: Rendered, person: str) -> dict[str, str]:
    """What each format says, as squashed text (the eml as its text part and its HTML part's visible text)."""
    message = read_email(rendered.path(DOCUMENT, "eml", person))
    plain, html = email_parts(message)
    return {
        "pdf": pdf_text(rendered.path(DOCUMENT, "pdf", person)),
        "docx": docx_text(rendered.path(DOCUMENT, "docx", person)),
        "txt": squash(rendered.path(DOCUMENT, "txt", person).read_text(encoding="utf-8")),
        "eml-text": squash(plain),
        "eml-html": html_text(html),
    }


def test_every_interviewer_gets_a_one_page_letter_in_four_formats(rendered: Rendered) -> None:
    for person in rendered.notes.interviewers:
        for fmt in FORMATS:
            assert rendered.path(DOCUMENT, fmt, person.name).stat().st_size > 0
        assert pdf_pages(rendered.path(DOCUMENT, "pdf", person.name)) == 1
    assert not [message for message in rendered.warnings() if "runs to" in message]


def test_letter_holds_letterhead_date_recipient_subject_and_body(rendered: Rendered) -> None:
    notes = rendered.notes
    for person in notes.interviewers:
        found = texts(rendered, person.name)
        for fmt, text in found.items():
            assert f"Dear {person.first_name}," in text, fmt
            assert notes.role.title in text, fmt
            assert notes.company.name in text, fmt
            assert notes.candidate.name in text, fmt
            assert person.topics[0] in text, fmt
            if person.personal_note:
                assert person.personal_note in text, fmt
            assert "PRIVATE-MARKER" not in text and "185k" not in text, fmt
        for fmt in ("pdf", "docx"):
            text = found[fmt]
            assert "November 21, 2026" in text  # follow_up.thank_you_by, never today
            assert "Thank you: Regional Sales Manager, Northeast interview on November 20, 2026" in text
            assert notes.candidate.phone in text and notes.candidate.email in text
            assert "linkedin.com/in/danawhitfield" in text
            if person.title:
                assert f"{person.name} {person.title} {notes.company.name} 400 Totten Pond Road" in text
        # The .txt is the email's text part (which travels with CRLF line ends).
        assert rendered.path(DOCUMENT, "txt", person.name).read_text(encoding="utf-8") == \
            email_parts(read_email(rendered.path(DOCUMENT, "eml", person.name)))[0].replace("\r\n", "\n")


def test_the_email_draft_parses_back_with_headers_and_both_parts(rendered: Rendered) -> None:
    notes = rendered.notes
    for person in notes.interviewers:
        message = read_email(rendered.path(DOCUMENT, "eml", person.name))
        # A long subject is folded onto the next line; unfolded, it reads as written.
        assert message["Subject"].strip() == "Thank you: Regional Sales Manager, Northeast interview on November 20, 2026"
        assert message["From"].addresses[0].addr_spec == notes.candidate.email
        assert message["X-Unsent"] == "1"
        assert message["Date"].datetime.date() == datetime.date(2026, 11, 21)
        if person.email:
            assert [address.addr_spec for address in message["To"].addresses] == [person.email]
            assert message["To"].addresses[0].display_name == person.name
        else:
            assert message["To"] is None  # no address in the notes: a draft with no To
        plain, html = email_parts(message)
        assert plain.startswith(f"Dear {person.first_name},")
        assert "<p" in html and f"Dear {person.first_name}," in html
    messages = [problem.message for problem in check_warnings(notes)]
    assert any("Sam Okafor" in message and "no To" in message for message in messages)


def test_tricky_text_comes_out_exactly_as_written_in_every_format(tricky: Rendered) -> None:
    for fmt, text in texts(tricky, "Jordan Lee").items():
        assert TRICKY in text, fmt
        assert "ramp <time> & “quota” — é" in text, fmt
        assert "Rep & <Lead> é" in text, fmt
        assert "Acme & “Sons” <Robotics> — é" in text, fmt
        assert "President’s Club & <Circle> 2024" in text, fmt
        assert "&amp;" not in text and "&lt;" not in text, fmt
    message = read_email(tricky.path(DOCUMENT, "eml", "Jordan Lee"))
    assert message["Subject"].strip() == "Thank you: Rep & <Lead> é interview on November 20, 2026"
    raw_html = email_parts(message)[1]
    assert "<b>bold</b>" not in raw_html and "&lt;b&gt;bold&lt;/b&gt;" in raw_html


def test_warm_and_formal_letters_read_differently(full_notes) -> None:
    formal_notes = full_notes.model_copy(
        update={"style": full_notes.style.model_copy(update={"tone": "formal", "sign_off": None})})
    person = full_notes.interviewers[0]
    warm = letter_text(full_notes, person)
    formal = letter_text(formal_notes, person)
    assert warm["greeting"] == "Dear Jordan," and formal["greeting"] == "Dear Jordan Lee,"
    for key in ("opening", "evidence_lead", "concern", "closing"):
        assert warm[key] and formal[key] and warm[key] != formal[key], key
    warm_sentences = set(plain_body(warm).split(". "))
    formal_sentences = set(plain_body(formal).split(". "))
    assert len(warm_sentences & formal_sentences) <= len(warm_sentences) // 2
    assert formal["sign_off"] == "Sincerely," and warm["sign_off"] == "With thanks,"


def test_two_interviewers_letters_differ_beyond_their_names(full_notes) -> None:
    bodies = {person.name: letter_text(full_notes, person) for person in full_notes.interviewers}
    masked_bodies = {masked(plain_body(body), full_notes) for body in bodies.values()}
    assert len(masked_bodies) == len(bodies)
    jordan, priya = bodies["Jordan Lee"], bodies["Priya Raman"]
    assert jordan["evidence_lead"] != priya["evidence_lead"]  # a different priority
    assert [item["criterion"] for item in jordan["evidence"]] != [item["criterion"] for item in priya["evidence"]]
    twin = full_notes.interviewers[1].model_copy(update={"name": "Pat Twin", "email": "pat@example.com"})
    notes = full_notes.model_copy(update={"interviewers": [*full_notes.interviewers, twin]})
    assert any("Pat Twin" in problem.message and "same letter" in problem.message for problem in check_warnings(notes))


def test_evidence_is_chosen_by_the_interviewers_topics(full_notes) -> None:
    by_name = {person.name: person for person in full_notes.interviewers}
    priya = [match.criterion for match in relevant_matches(full_notes, by_name["Priya Raman"])]
    sam = [match.criterion for match in relevant_matches(full_notes, by_name["Sam Okafor"])]
    assert "Fast response to inbound leads" in priya
    assert "Keeps the CRM clean without wasting selling time" in priya
    assert "Experience selling to plant managers" in sam
    assert 2 <= len(priya) <= 3 and 2 <= len(sam) <= 3


def test_each_letter_answers_only_its_own_interviewers_concern(full_notes) -> None:
    by_name = {person.name: letter_text(full_notes, person) for person in full_notes.interviewers}
    assert "No robotics background" in by_name["Sam Okafor"]["concern"]
    assert "three states" in by_name["Jordan Lee"]["concern"]  # raised_by = "Jordan": the first name counts
    assert "No robotics background" not in by_name["Jordan Lee"]["concern"]
    assert by_name["Priya Raman"]["concern"] == ""
    # A concern nobody is named for goes to the letters of those who raised none of their own.
    objections = [*full_notes.close.objections,
                  full_notes.close.objections[0].model_copy(update={"concern": "Panel-wide doubt", "raised_by": None})]
    notes = full_notes.model_copy(update={"close": full_notes.close.model_copy(update={"objections": objections})})
    assert "Panel-wide doubt" in letter_text(notes, notes.interviewers[1])["concern"]
    assert "Panel-wide doubt" not in letter_text(notes, notes.interviewers[2])["concern"]


def test_rendering_twice_gives_the_same_bytes(rendered: Rendered, tmp_path: Path, full_notes_path: Path) -> None:
    again = render(full_notes_path, tmp_path, [DOCUMENT], ["pdf", "docx", "eml"])
    for fmt in ("pdf", "docx", "eml"):
        assert again.path(DOCUMENT, fmt, "Jordan Lee").read_bytes() == \
            rendered.path(DOCUMENT, fmt, "Jordan Lee").read_bytes(), fmt


@pytest.mark.skipif(not EXAMPLE_NOTES.is_file(), reason="examples/acme-robotics.toml not written yet")
def test_the_full_example_renders_a_letter_for_every_interviewer(tmp_path: Path) -> None:
    result = render(EXAMPLE_NOTES, tmp_path, [DOCUMENT])
    notes = result.notes
    for person in notes.interviewers:
        found = texts(result, person.name)
        for fmt, text in found.items():
            assert person.first_name in text and notes.company.name in text and notes.role.title in text, fmt
        assert pdf_pages(result.path(DOCUMENT, "pdf", person.name)) == 1
