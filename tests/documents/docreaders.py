"""Helpers for the document tests: render notes through the pipeline and read the outputs back.

Render through ``followup.pipeline.render_notes`` (the real path a user takes)
into a temporary folder and read the files back with the libraries a user's
tools would use: pypdf, python-docx, the ``email`` package. Fixtures live in
conftest.py; these are plain functions so test modules can import them.
"""

from __future__ import annotations

import email
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from pathlib import Path

from followup.notes import load_notes
from followup.notes.model import Notes
from followup.pipeline import NotesResult, render_notes

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[2]
FULL_NOTES = FIXTURES / "full.toml"
EXAMPLE_NOTES = ROOT / "examples" / "acme-robotics.toml"

# Every character that must come out exactly as written, in every format.
TRICKY = 'Fish & chips <b>bold</b> "quoted" it’s café — done'


@dataclass
class Rendered:
    """One render of one notes file: the result, the notes, and a way to find each output file."""

    result: NotesResult
    notes: Notes
    out: Path

    def path(self, document: str, fmt: str, interviewer: str) -> Path:
        for output in self.result.outputs:
            if (output.document == document and output.format == fmt and output.interviewer == interviewer
                    and output.path is not None):
                return output.path
        raise AssertionError(f"no {document}.{fmt} for {interviewer}: {self.result.outputs}")

    def warnings(self) -> list[str]:
        return [problem.message for problem in self.result.warnings]


def render(notes_path: Path, out: Path, documents: Iterable[str], formats: Iterable[str] | None = None) -> Rendered:
    """Render ``documents`` of the notes at ``notes_path`` into ``out``; fail loudly on any error."""
    result = render_notes(notes_path, out=out, documents=list(documents), formats=formats, force=True)
    assert result.error is None, result.error
    assert not result.failed, result.outputs
    return Rendered(result=result, notes=load_notes(notes_path).notes, out=out)


def write_notes(folder: Path, name: str, edit: Callable[[str], str] | None = None, source: Path = FULL_NOTES) -> Path:
    """A copy of ``source`` (the full fixture) in ``folder``, changed by ``edit`` (text in, text out)."""
    text = source.read_text(encoding="utf-8")
    if edit is not None:
        text = edit(text)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def toml_literal(text: str) -> str:
    """A TOML basic string holding ``text`` exactly."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def squash(text: str) -> str:
    """Whitespace collapsed to single spaces: line breaks in a PDF or DOCX are layout, not text."""
    return re.sub(r"\s+", " ", text).strip()


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return squash(" ".join(page.extract_text() or "" for page in PdfReader(str(path)).pages))


def pdf_pages(path: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


def pdf_page_size(path: Path) -> tuple[float, float]:
    """Width and height of the first page in points."""
    from pypdf import PdfReader

    box = PdfReader(str(path)).pages[0].mediabox
    return float(box.width), float(box.height)


def docx_text(path: Path) -> str:
    """Every paragraph of the body, its tables, headers and footers, as one squashed string."""
    from docx import Document

    document = Document(str(path))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    for section in document.sections:
        parts.extend(paragraph.text for paragraph in section.footer.paragraphs)
        parts.extend(paragraph.text for paragraph in section.header.paragraphs)
    return squash("\n".join(parts))


def read_email(path: Path) -> EmailMessage:
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def email_parts(message: EmailMessage) -> tuple[str, str]:
    """The plain-text and the HTML part of a draft."""
    plain = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert plain is not None and html is not None, "the draft needs a text and an HTML part"
    return plain.get_content(), html.get_content()


def html_text(html: str) -> str:
    """The visible text of an HTML part (tags dropped, entities decoded)."""
    import html as html_module

    without_tags = re.sub(r"<[^>]+>", " ", re.sub(r"(?s)<(style|title)\b.*?</\1>", " ", html))
    return squash(html_module.unescape(without_tags))


