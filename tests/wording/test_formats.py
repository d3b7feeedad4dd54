"""The composed prose in every format, read back from the files a user gets: PDF, DOCX, TXT, EML."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from wording_support import EXAMPLES, FIXTURES

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "documents"))
from docreaders import Rendered, docx_text, email_parts, html_text, pdf_pages, pdf_text, read_email, render  # noqa: E402

DOCUMENTS = ["thank-you-card", "thank-you-letter", "criteria-match"]


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def acme(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    return render(EXAMPLES / "acme-robotics.toml", tmp_path_factory.mktemp("acme"), DOCUMENTS)


@pytest.fixture(scope="module")
def formal(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    return render(FIXTURES / "formal-single.toml", tmp_path_factory.mktemp("formal"), DOCUMENTS)


@pytest.fixture(scope="module")
def tricky(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """The panel notes with markup, ampersands and block markers in the very fragments the wording places."""
    folder = tmp_path_factory.mktemp("tricky")
    text = (FIXTURES / "lowercase-panel.toml").read_text(encoding="utf-8")
    text = text.replace('"expanding into midwest cold chain"', '"R&D <b>labs</b> & == body"')
    text = text.replace('title = "enterprise account executive"', 'title = "Sales & <Field> Manager — é"')
    path = folder / "notes.toml"
    path.write_text(text, encoding="utf-8")
    return render(path, folder / "out", DOCUMENTS)


def texts(rendered: Rendered, document: str, person: str | None) -> dict[str, str]:
    """The visible text of one document for one reader in each of its formats."""
    found: dict[str, str] = {}
    for fmt in ("pdf", "docx", "txt", "eml"):
        try:
            path = rendered.path(document, fmt, person)  # type: ignore[arg-type]
        except AssertionError:
            continue
        if fmt == "pdf":
            found[fmt] = squash(pdf_text(path))
        elif fmt == "docx":
            found[fmt] = squash(docx_text(path))
        elif fmt == "txt":
            found[fmt] = squash(path.read_text(encoding="utf-8"))
        else:
            plain, html = email_parts(read_email(path))
            found["eml-text"], found["eml-html"] = squash(plain), squash(html_text(html))
    return found


def test_every_format_says_the_letters_sentences(acme: Rendered) -> None:
    formats = texts(acme, "thank-you-letter", "Jordan Lee")
    assert set(formats) == {"pdf", "docx", "txt", "eml-text", "eml-html"}
    for fmt, text in formats.items():
        assert "I will call you on Wednesday in case any questions have come up." in text, fmt
        assert "walk me through the Regional Sales Manager, Northeast role and the FY27 territory split" in text, fmt
        assert "With thanks," in text and "Re: Thank you" in text or fmt != "pdf"


def test_the_card_is_one_page_in_both_formats(acme: Rendered) -> None:
    for person in ("Jordan Lee", "Priya Raman", "José Martínez"):
        assert pdf_pages(acme.path("thank-you-card", "pdf", person)) == 1
        docx = squash(docx_text(acme.path("thank-you-card", "docx", person)))
        pdf = squash(pdf_text(acme.path("thank-you-card", "pdf", person)))
        first = person.split()[0]
        assert f"Dear {first}," in docx and f"Dear {first}," in pdf


def test_the_email_says_attached_for_exactly_what_it_carries_and_the_letter_enclosed(acme: Rendered) -> None:
    formats = texts(acme, "criteria-match", None)
    sentence = ("I have {} a sample territory plan for New England and a short memo of four ideas for the "
                "challenges the team described.")
    for fmt in ("eml-text", "eml-html", "txt"):
        assert sentence.format("attached") in formats[fmt], fmt
        assert "enclosed" not in formats[fmt]
    for fmt in ("pdf", "docx"):
        assert sentence.format("enclosed") in formats[fmt], fmt
        assert "attached" not in formats[fmt]
    assert pdf_pages(acme.path("criteria-match", "pdf", None)) <= 2  # type: ignore[arg-type]


def test_the_email_summarises_the_memo_instead_of_repeating_it(acme: Rendered) -> None:
    text = texts(acme, "criteria-match", None)["eml-text"]
    assert ("The memo sets out four ideas, each with a first step; two of them are quick wins that cost little "
            "to try.") in text
    assert "Reps lose 30% of their week to CRM admin: Log calls to the CRM automatically." in text
    assert text.count("memo") == 2, "the memo is named where it is attached and where it is summarised, once each"
    for idea_text in ("Switch on the dialer's CRM sync", "A daily rota so one rep owns inbound leads",
                      "Pilot with two reps for 30 days"):
        assert idea_text not in text


def test_nothing_attached_or_enclosed_without_materials(formal: Rendered) -> None:
    for text in texts(formal, "criteria-match", None).values():
        assert "attached" not in text and "enclosed" not in text and "memo" not in text
        assert "Dear Dr. Brooks," in text
        assert "I know you plan to decide by 10 December" in text


def test_user_text_is_escaped_and_never_structure(tricky: Rendered) -> None:
    letter = texts(tricky, "thank-you-letter", "Maria Chen")
    for fmt, text in letter.items():
        assert "Sales & <Field> Manager — é" in text, fmt
    card = texts(tricky, "thank-you-card", "Maria Chen")
    for fmt, text in card.items():
        assert "R&D <b>labs</b> & == body" in text, fmt
    html = email_parts(read_email(tricky.path("thank-you-letter", "eml", "Maria Chen")))[1]
    assert "<b>labs</b>" not in html and "&lt;Field&gt;" in html
