"""DOCX validity: every generated DOCX is a sound zip of well-formed XML that python-docx opens,
that the strict OOXML validator (openxml-audit, Office 2016 schemas, strict policy) passes with no
finding, that carries its fonts and its metadata, and that LibreOffice converts (the LibreOffice
test is marked ``libreoffice`` and skipped where it is absent).

The DOCX files are those of every example in examples/ plus the hostile corpus
files that render (bidi, zero-width, markup, path-like names), so awkward text
is covered too.
"""

from __future__ import annotations

import io
import os
import posixpath
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from reliability_support import (
    CORPUS,
    EXAMPLES,
    WORD_NAMESPACE,
    document_outputs,
    example_notes,
)

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


def test_every_docx_validates_strictly(docx_files: list[Path]) -> None:
    """Zero findings from openxml-audit (the Open XML SDK's schema and semantic checks, in pure Python).

    An element out of schema order or an attribute value outside its type makes Word
    show "Word found unreadable content" and offer a repair.
    """
    from openxml_audit import FileFormat, OpenXmlValidator

    validator = OpenXmlValidator(file_format=FileFormat.OFFICE_2016, max_errors=0, strict=True)
    findings = {}
    for path in docx_files:
        result = validator.validate(str(path))
        if result.errors or not result.is_valid:
            findings[path.name] = [f"{error.part_uri} {error.path}: {error.description}" for error in result.errors]
    assert not findings, findings


def test_every_docx_embeds_its_fonts(docx_files: list[Path]) -> None:
    """Lato and EB Garamond travel inside each DOCX as ECMA-376 obfuscated fonts a reader can undo.

    Each ``w:embed*`` names a font part and a key; XOR with the key gives back a
    TrueType font of that family. Every font the styles name is in the font table.
    """
    from fontTools.ttLib import TTFont
    from lxml import etree

    word = f"{{{WORD_NAMESPACE}}}"
    relationship = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    for path in docx_files:
        with zipfile.ZipFile(path) as archive:
            table = etree.fromstring(archive.read("word/fontTable.xml"))
            rels = etree.fromstring(archive.read("word/_rels/fontTable.xml.rels"))
            targets = {rel.get("Id"): rel.get("Target") for rel in rels}
            embedded: dict[str, set[str]] = {}
            for font in table.iter(f"{word}font"):
                for embed in font:
                    if not embed.tag.startswith(f"{word}embed"):
                        continue
                    key = embed.get(f"{word}fontKey")
                    data = bytearray(archive.read("word/" + targets[embed.get(relationship)]))
                    key_bytes = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
                    for index in range(32):
                        data[index] ^= key_bytes[index % 16]
                    parsed = TTFont(io.BytesIO(bytes(data)))
                    assert "glyf" in parsed, f"{path.name}: {font.get(f'{word}name')} is not TrueType"
                    assert parsed["name"].getDebugName(1) == font.get(f"{word}name"), path.name
                    embedded.setdefault(font.get(f"{word}name"), set()).add(embed.tag[len(word):])
            assert embedded.get("Lato", set()) >= {"embedRegular", "embedBold"}, (path.name, embedded)
            assert embedded.get("EB Garamond", set()) >= {"embedRegular", "embedItalic"}, (path.name, embedded)
            styles = archive.read("word/styles.xml").decode("utf-8")
            used = set(re.findall(r'w:ascii="([^"]+)"', styles))
            declared = {font.get(f"{word}name") for font in table.iter(f"{word}font")}
            assert used <= declared, (path.name, used - declared)
            settings = archive.read("word/settings.xml").decode("utf-8")
            assert "<w:embedTrueTypeFonts/>" in settings and "savePreviewPicture" not in settings, path.name


def test_every_docx_carries_the_notes_metadata(docx_files: list[Path]) -> None:
    """Author the candidate, a title, a subject, the language and the document's date; no tool boilerplate."""
    import docx

    for path in docx_files:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            app = archive.read("docProps/app.xml").decode("utf-8")
            core_xml = archive.read("docProps/core.xml").decode("utf-8")
        assert not any(name.startswith(("docProps/thumbnail", "customXml/")) or "stylesWithEffects" in name
                       for name in names), (path.name, names)
        assert "Application" not in app and "Word" not in app, app
        assert "python-docx" not in core_xml and "followup" not in core_xml.lower(), core_xml
        core = docx.Document(str(path)).core_properties
        assert core.author and core.author == core.last_modified_by, path.name
        assert core.title and core.subject and core.language, (path.name, core.title, core.subject)
        assert core.created == core.modified and core.created.hour == 12, (path.name, core.created)
        assert core.created.year >= 2020, (path.name, core.created)


def test_docx_metadata_follows_the_notes(tmp_path: Path) -> None:
    """The full example's letter: the candidate's name, the letter's title and language, the letter's date."""
    import tomllib

    import docx

    notes = EXAMPLES / "acme-robotics.toml"
    data = tomllib.loads(notes.read_text(encoding="utf-8"))
    result = render_notes(notes, out=tmp_path, formats=["docx"], documents=["territory-plan"], force=True)
    assert result.error is None and not result.failed, result
    [path] = [path for path in document_outputs(tmp_path) if path.suffix == ".docx"]
    core = docx.Document(str(path)).core_properties
    assert core.author == data["candidate"]["name"]
    assert data["company"]["name"] in core.subject and data["role"]["title"] in core.subject
    assert core.created.date() == data["interview"]["date"]
    assert core.language == data.get("style", {}).get("locale", "en-US").replace("_", "-")
    assert "territory plan" in core.title.lower()


def test_docx_charts_have_alt_text_with_their_numbers(docx_files: list[Path]) -> None:
    """Every picture in a DOCX has a description (Word's alt text) saying what the chart shows.

    The territory plan's bar charts give each bar's value; the process-ideas chart
    names each idea with its effort and impact.
    """
    charted = 0
    for path in docx_files:
        with zipfile.ZipFile(path) as archive:
            body = archive.read("word/document.xml").decode("utf-8")
        for properties in re.findall(r"<wp:docPr\b[^>]*>", body):
            charted += 1
            found = re.search(r'descr="([^"]*)"', properties)
            description = found.group(1) if found else ""
            assert len(description) > 20, (path.name, properties)
            if path.name.startswith("territory-plan"):
                assert re.search(r"\d", description), (path.name, description)
            if path.name.startswith("process-ideas"):
                # each idea with its effort and impact, in the document's language: "(Effort Low, Impact High)"
                assert re.search(r"\([^()]+ \w+, [^()]+ \w+\)", description), (path.name, description)
    assert charted, "no chart in any DOCX: the territory plan should have two"


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
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert "Error" not in completed.stderr, completed.stderr
    for copy in copies:
        pdf = tmp_path / "pdf" / copy.with_suffix(".pdf").name
        assert pdf.exists() and pdf.stat().st_size > 0, (copy, completed.stdout, completed.stderr)
        assert len(PdfReader(pdf).pages) >= 1, pdf


FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>/usr/share/fonts</dir>
  <cachedir>{cache}</cachedir>
  <include ignore_missing="yes">/etc/fonts/conf.d</include>
</fontconfig>
"""


@pytest.mark.libreoffice
@pytest.mark.skipif(_soffice() is None, reason="LibreOffice (libreoffice/soffice) is not on PATH")
def test_docx_without_the_fonts_installed_keeps_its_pages(tmp_path: Path) -> None:
    """On a machine without Lato and EB Garamond, LibreOffice sets each DOCX in its embedded fonts,
    and no DOCX runs to more pages than the PDF of the same document (docs/reliability.md has the counts).

    LibreOffice runs with a fresh HOME and a Fontconfig configuration of the system font folders
    only, so no user font folder can supply the fonts; if the system has them, the test is void
    and says so.
    """
    from pypdf import PdfReader

    config = tmp_path / "fonts.conf"
    config.write_text(FONTS_CONF.format(cache=tmp_path / "fc-cache"), encoding="utf-8")
    environment = {**os.environ, "HOME": str(tmp_path / "home"), "FONTCONFIG_FILE": str(config)}
    listed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, env=environment,
                            check=False).stdout if shutil.which("fc-list") else ""
    if "Lato" in listed or "EB Garamond" in listed:
        pytest.skip("Lato or EB Garamond is installed system-wide: cannot test a machine without them")
    inputs = tmp_path / "in"
    inputs.mkdir()
    pairs = []
    for index, notes in enumerate(example_notes()):
        out = tmp_path / f"out-{index}"
        result = render_notes(notes, out=out, formats=["docx", "pdf"], force=True)
        assert result.error is None and not result.failed, (notes, result)
        for path in document_outputs(out):
            if path.suffix == ".docx" and path.with_suffix(".pdf").exists():
                copy = inputs / f"{index}-{path.name}"
                shutil.copyfile(path, copy)
                pairs.append((copy, path.with_suffix(".pdf")))
    assert pairs
    completed = subprocess.run(
        [_soffice() or "soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--norestore", "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), *(str(copy) for copy, _ in pairs)],
        capture_output=True, text=True, timeout=600, env=environment, check=False,
    )
    longer = {}
    for copy, pdf in pairs:
        converted = tmp_path / "pdf" / copy.with_suffix(".pdf").name
        assert converted.exists(), (copy, completed.stderr)
        reader = PdfReader(converted)
        fonts = {str(font["/BaseFont"]) for page in reader.pages
                 for font in (page["/Resources"].get_object().get("/Font") or {}).values()
                 if "/BaseFont" in font.get_object()}
        assert any("Lato" in font for font in fonts), (copy.name, fonts)
        if len(reader.pages) > len(PdfReader(pdf).pages):
            longer[copy.name] = (len(reader.pages), len(PdfReader(pdf).pages))
    assert not longer, f"DOCX longer than its PDF (LibreOffice pages, PDF pages): {longer}"
