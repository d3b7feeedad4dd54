"""render/pdf.py: HTML to PDF, read back with pypdf; files outside the template folders are refused."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf

from followup.errors import Problem
from followup.render.pdf import write_pdf
from followup.templates import TemplateSet


def test_html_becomes_a_pdf_with_its_text() -> None:
    pdf = write_pdf("<h1>Thank you, Jordan</h1><p>It was good to meet.</p>")
    text = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Thank you, Jordan" in text and "good to meet" in text


def test_the_same_html_gives_the_same_bytes() -> None:
    assert write_pdf("<p>Same</p>") == write_pdf("<p>Same</p>")


def test_a_file_outside_the_template_folders_is_refused_with_a_warning(tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not for the PDF")
    warnings: list[Problem] = []
    pdf = write_pdf(f'<p>x</p><img src="{secret.as_uri()}">', TemplateSet(), warnings)
    assert pdf.startswith(b"%PDF")
    assert any("refused to fetch" in warning.message for warning in warnings)


def test_a_page_too_many_is_a_warning() -> None:
    warnings: list[Problem] = []
    write_pdf('<p style="page-break-after: always">one</p><p>two</p>', warnings=warnings, max_pages=1, label="card")
    assert [warning.message for warning in warnings] == [
        "card: the text runs to 2 pages where 1 is meant; shorten it"]
