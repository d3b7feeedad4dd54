"""render/docx.py: a docxtpl template rendered and read back with python-docx; reproducible zips."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from followup.errors import TemplateError
from followup.render.docx import FIXED_ZIP_TIME, normalise_zip, render_docx
from followup.templates import TemplateSet


def _template(folder: Path, text: str) -> TemplateSet:
    (folder / "doc").mkdir(parents=True)
    document = docx.Document()
    document.add_paragraph(text)
    document.save(str(folder / "doc" / "doc.docx"))
    return TemplateSet(folder)


def test_a_template_renders_escaped_and_reproducible(tmp_path: Path) -> None:
    templates = _template(tmp_path, "Dear {{ name }},")
    data = render_docx("doc/doc.docx", {"name": "Lee & <Sons>"}, templates)
    paragraphs = [paragraph.text for paragraph in docx.Document(io.BytesIO(data)).paragraphs]
    assert paragraphs == ["Dear Lee & <Sons>,"]
    assert data == render_docx("doc/doc.docx", {"name": "Lee & <Sons>"}, templates)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {info.date_time for info in archive.infolist()} == {FIXED_ZIP_TIME}


def test_not_a_docx_is_a_template_error(tmp_path: Path) -> None:
    (tmp_path / "doc").mkdir()
    (tmp_path / "doc" / "doc.docx").write_bytes(b"plain text, not a zip")
    with pytest.raises(TemplateError, match="not a usable DOCX template"):
        render_docx("doc/doc.docx", {}, TemplateSet(tmp_path))


def test_normalise_zip_fixes_timestamps_and_keeps_every_member() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("a.xml", date_time=(2026, 1, 2, 3, 4, 5)), b"<a/>" * 100)
        archive.writestr(zipfile.ZipInfo("b.xml", date_time=(2025, 6, 7, 8, 9, 10)), b"<b/>")
    fixed = normalise_zip(buffer.getvalue())
    with zipfile.ZipFile(io.BytesIO(fixed)) as archive:
        assert [(info.filename, info.date_time) for info in archive.infolist()] == [
            ("a.xml", FIXED_ZIP_TIME), ("b.xml", FIXED_ZIP_TIME)]
        assert archive.read("a.xml") == b"<a/>" * 100 and archive.read("b.xml") == b"<b/>"
