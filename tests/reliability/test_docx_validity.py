"""DOCX validity: every generated DOCX is a sound zip of well-formed XML that python-docx opens and
LibreOffice converts (the LibreOffice test is marked ``libreoffice`` and skipped where it is absent).

The DOCX files are those of every example in examples/ plus the hostile corpus
files that render (bidi, zero-width, markup, path-like names), so awkward text
is covered too.
"""

from __future__ import annotations

import posixpath
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from reliability_support import CORPUS, document_outputs, example_notes

from followup.pipeline import render_notes

HOSTILE_RENDERABLE = ["bidi-zero-width.toml", "markup-and-templates.toml", "path-names.toml",
                      "newline-in-names.toml"]
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"


@pytest.fixture(scope="module")
def docx_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    files: list[Path] = []
    sources = example_notes() + [CORPUS / name for name in HOSTILE_RENDERABLE]
    for index, notes in enumerate(sources):
        out = tmp_path_factory.mktemp(f"docx-{index}")
        result = render_notes(notes, out=out, formats=["docx"], force=True)
        assert result.error is None and not result.failed, (notes, result)
        files.extend(path for path in document_outputs(out) if path.suffix == ".docx")
    assert files, "no DOCX was written"
    return files


def test_every_docx_is_a_sound_zip_of_well_formed_xml(docx_files: list[Path]) -> None:
    from lxml import etree

    for path in docx_files:
        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None, path
            names = set(archive.namelist())
            assert {"[Content_Types].xml", "_rels/.rels", "word/document.xml"} <= names, (path, names)
            assert len(names) == len(archive.namelist()), f"duplicate zip entries in {path}"
            for name in names:
                if name.endswith((".xml", ".rels")):
                    root = etree.fromstring(archive.read(name))
                    if name.endswith(".rels"):
                        _check_relationship_targets(path, name, root, names)


def _check_relationship_targets(path: Path, rels_name: str, root: object, names: set[str]) -> None:
    """Every internal relationship points at a part that exists (a dangling one makes Word offer a repair)."""
    folder = posixpath.dirname(posixpath.dirname(rels_name))
    for relationship in root.iter(f"{{{PACKAGE_RELATIONSHIPS}}}Relationship"):  # type: ignore[attr-defined]
        if relationship.get("TargetMode") == "External":
            continue
        target = relationship.get("Target")
        resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        assert resolved in names, f"{path}: {rels_name} points at missing {resolved}"


def test_every_docx_opens_with_python_docx(docx_files: list[Path]) -> None:
    import docx

    for path in docx_files:
        document = docx.Document(str(path))
        text = "".join(paragraph.text for paragraph in document.paragraphs)
        text += "".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
        assert text.strip(), f"{path} has no text"
        assert document.sections, path


def _soffice() -> str | None:
    return shutil.which("libreoffice") or shutil.which("soffice")


@pytest.mark.libreoffice
@pytest.mark.skipif(_soffice() is None, reason="LibreOffice (libreoffice/soffice) is not on PATH")
def test_libreoffice_converts_every_docx(docx_files: list[Path], tmp_path: Path) -> None:
    """LibreOffice loads each DOCX (a file it would have to repair fails to load headless) and makes a PDF."""
    from pypdf import PdfReader

    inputs = tmp_path / "in"
    inputs.mkdir()
    copies = []
    for index, path in enumerate(docx_files):
        copy = inputs / f"{index:03d}-{path.name}"
        shutil.copyfile(path, copy)
        copies.append(copy)
    profile = tmp_path / "profile"
    completed = subprocess.run(
        [_soffice() or "soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), *map(str, copies)],
        capture_output=True, text=True, timeout=300,
    )
    assert "Error" not in completed.stderr, completed.stderr
    for copy in copies:
        pdf = tmp_path / "pdf" / copy.with_suffix(".pdf").name
        assert pdf.exists() and pdf.stat().st_size > 0, (copy, completed.stdout, completed.stderr)
        assert len(PdfReader(pdf).pages) >= 1, pdf
