"""render/docx.py: a docxtpl template rendered and read back with python-docx; reproducible zips."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from followup.errors import TemplateError
from followup.render.docx import FIXED_ZIP_TIME, din5008_variant, normalise_zip, render_docx
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


def _letter_templates(folder: Path, *names: str) -> None:
    (folder / "letter").mkdir(parents=True, exist_ok=True)
    for name in names:
        document = docx.Document()
        document.add_paragraph(f"{name}: {{{{ who }}}}")
        document.save(str(folder / "letter" / name))


def _rendered(data: bytes) -> str:
    return docx.Document(io.BytesIO(data)).paragraphs[0].text


def test_a_german_a4_document_uses_the_din5008_variant_of_its_template(tmp_path: Path) -> None:
    _letter_templates(tmp_path, "letter.docx", "letter.din5008.docx")
    templates = TemplateSet(tmp_path)

    def made(lang_code: str, paper: str) -> str:
        context = {"who": "Weber", "document": {"lang_code": lang_code}, "style": {"paper": paper}}
        return _rendered(render_docx("letter/letter.docx", context, templates))

    assert made("de", "a4") == "letter.din5008.docx: Weber"
    assert made("de", "letter") == "letter.docx: Weber"
    assert made("en", "a4") == "letter.docx: Weber"
    assert made("fr", "a4") == "letter.docx: Weber"


def test_the_din5008_variant_comes_from_the_folder_of_the_template_found(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A user's own letter.docx wins over a built-in DIN variant; a user's own variant is used."""
    import followup.templates

    builtin, user = tmp_path / "builtin", tmp_path / "user"
    _letter_templates(builtin, "letter.docx", "letter.din5008.docx")
    _letter_templates(user, "letter.docx")
    monkeypatch.setattr(followup.templates, "builtin_templates_dir", lambda: builtin)
    german = {"document": {"lang_code": "de"}, "style": {"paper": "a4"}}
    assert din5008_variant("letter/letter.docx", german, TemplateSet(user)) == user / "letter" / "letter.docx"
    assert din5008_variant("letter/letter.docx", german, TemplateSet()) == builtin / "letter" / "letter.din5008.docx"
    (user / "letter" / "letter.docx").unlink()
    _letter_templates(user, "letter.din5008.docx")
    assert din5008_variant("letter/letter.docx", german, TemplateSet(user)) == user / "letter" / "letter.din5008.docx"
