"""Helpers of the reliability suites: which documents are ready, and reading every output format back as text.

Every reader uses the library a user's own tools would: pypdf for PDF, the
``email`` package for .eml, icalendar for .ics, and the DOCX's own XML (each
``w:p`` paragraph joined from its ``w:t`` runs, as Word shows it) for DOCX.
"""

from __future__ import annotations

import email
import io
import re
import zipfile
from email import policy
from pathlib import Path

from followup.documents import Document, available_documents
from followup.templates import TemplateSet

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
CORPUS = Path(__file__).parent / "corpus"
FIXTURES = Path(__file__).parent / "fixtures"
WORD_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FAST_FORMATS = ("txt", "eml", "ics", "docx")


def template_files(document: Document, fmt: str) -> list[str]:
    """The template files a format of a document needs (none for the calendar, made from its events)."""
    name = document.name
    if fmt == "ics":
        return []
    return {
        "pdf": [f"{name}/{name}.html"],
        "docx": [f"{name}/{name}.docx"],
        "txt": [f"{name}/{name}.txt"],
        "eml": [f"{name}/{name}.txt", f"{name}/{name}.email.html"],
    }.get(fmt, [])


def ready_documents() -> list[Document]:
    """The documents whose code and every template are in place (others are still being written)."""
    templates = TemplateSet()
    return [
        document for document in available_documents()
        if all(templates.exists(file) for fmt in document.formats for file in template_files(document, fmt))
    ]


def example_notes() -> list[Path]:
    """Every notes file in examples/ (a profile.toml is a profile, not notes)."""
    if not EXAMPLES.is_dir():
        return []
    return sorted(path for path in EXAMPLES.rglob("*.toml") if path.name != "profile.toml")


def docx_paragraphs(data: bytes) -> list[str]:
    """The text of every paragraph of a DOCX (body, headers, footers, text boxes), as Word shows it."""
    from lxml import etree

    paragraphs: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in sorted(archive.namelist()):
            if not re.fullmatch(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml", name):
                continue
            root = etree.fromstring(archive.read(name))
            for paragraph in root.iter(f"{{{WORD_NAMESPACE}}}p"):
                parts: list[str] = []
                for node in paragraph.iter(f"{{{WORD_NAMESPACE}}}t", f"{{{WORD_NAMESPACE}}}tab",
                                           f"{{{WORD_NAMESPACE}}}br"):
                    if node.tag.endswith("}t"):
                        parts.append(node.text or "")
                    elif node.tag.endswith("}tab"):
                        parts.append("\t")
                    else:
                        parts.append("\n")
                paragraphs.append("".join(parts))
    return paragraphs


def eml_message(data: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(data, policy=policy.default)  # type: ignore[return-value]


def eml_text(data: bytes) -> str:
    """The decoded headers and both parts of an .eml, as one string."""
    message = eml_message(data)
    pieces = [f"{key}: {value}" for key, value in message.items()]
    for part in message.walk():
        if part.get_content_maintype() == "text":
            pieces.append(part.get_content())
    return "\n".join(pieces)


def ics_text(data: bytes) -> str:
    """Every text value of every component of an .ics, unescaped."""
    from icalendar import Calendar

    calendar = Calendar.from_ical(data)
    pieces: list[str] = []
    for component in calendar.walk():
        for value in component.values():
            if isinstance(value, list):
                pieces.extend(str(item.to_ical().decode() if hasattr(item, "to_ical") else item) for item in value)
            elif hasattr(value, "cats"):
                pieces.extend(str(item) for item in value.cats)
            else:
                pieces.append(str(value))
    return "\n".join(pieces)


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)


def output_text(path: Path) -> str:
    """The text a reader sees in one output file, by its extension."""
    data = path.read_bytes()
    suffix = path.suffix
    if suffix == ".txt":
        return data.decode("utf-8")
    if suffix == ".eml":
        return eml_text(data)
    if suffix == ".ics":
        return ics_text(data)
    if suffix == ".docx":
        return "\n".join(docx_paragraphs(data))
    if suffix == ".pdf":
        return pdf_text(data)
    raise AssertionError(f"unknown output format: {path}")


def output_files(folder: Path) -> list[Path]:
    """Every file under ``folder`` (hidden ones included: a stray .tmp must be seen)."""
    return sorted(path for path in folder.rglob("*") if path.is_file())


def document_outputs(folder: Path) -> list[Path]:
    """The documents written under ``folder`` (not the manifest and its lock)."""
    return [path for path in output_files(folder) if not path.name.startswith(".followup-manifest")]
