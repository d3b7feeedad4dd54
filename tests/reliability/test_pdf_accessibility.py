"""Accessible PDFs: every PDF is tagged (PDF/UA-1: a structure tree, /MarkInfo, /Lang, the title as
the window title), its charts carry alt text, the letterhead's email and web address are links,
and headings come out of text extraction as words.

Read back with pypdf (and Poppler's ``pdftotext`` where it is installed: viewers' search and
copy use the same text), from the PDFs of every example.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from reliability_support import document_outputs, example_notes

from followup.context.builder import contact_href
from followup.pipeline import render_notes

#: capitals read apart, as Poppler reads letter-spaced headings ("YO U R P R I O R I T I E S")
#: the documents with section headings
HEADED = ("territory-plan", "process-ideas", "criteria-match", "follow-up-plan")
SPACED_CAPITALS = re.compile(r"\b(?:[A-Z]{1,2} ){3,}[A-Z]{1,2}\b")


@pytest.fixture(scope="module")
def pdf_files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    files: list[Path] = []
    for index, notes in enumerate(example_notes()):
        out = tmp_path_factory.mktemp(f"pdf-{index}")
        result = render_notes(notes, out=out, formats=["pdf"], force=True)
        assert result.error is None and not result.failed, (notes, result)
        files.extend(path for path in document_outputs(out) if path.suffix == ".pdf")
    assert files
    return files


def _structure(node: Any, found: list[dict[str, Any]]) -> None:
    """Every structure element under ``node`` (the structure tree, depth first)."""
    node = node.get_object()
    if isinstance(node, list):
        for child in node:
            _structure(child, found)
        return
    if not hasattr(node, "get") or node.get("/Type") == "/MCR" or "/S" not in node:
        return
    found.append(node)
    if "/K" in node:
        _structure(node["/K"], found)


def test_every_pdf_is_tagged_with_language_and_title(pdf_files: list[Path]) -> None:
    from pypdf import PdfReader

    for path in pdf_files:
        reader = PdfReader(path)
        root = reader.trailer["/Root"]
        assert "/StructTreeRoot" in root, f"{path.name} is not tagged"
        assert bool(root["/MarkInfo"]["/Marked"]), path.name
        assert str(root.get("/Lang", "")).strip(), f"{path.name} has no /Lang"
        assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"]), path.name
        assert reader.metadata is not None and (reader.metadata.title or "").strip(), f"{path.name} has no title"
        elements: list[dict[str, Any]] = []
        _structure(root["/StructTreeRoot"]["/K"], elements)
        kinds = {str(element["/S"]) for element in elements}
        assert "/P" in kinds, (path.name, kinds)
        if path.name.startswith(HEADED):  # cards and letters have no headings
            assert kinds & {"/H1", "/H2", "/H3", "/H4", "/H5", "/H6", "/H"}, (path.name, kinds)
        if path.name.startswith(("territory-plan", "criteria-match")):
            assert {"/Table", "/TH", "/TD"} <= kinds, (path.name, kinds)


def test_chart_figures_have_alt_text(pdf_files: list[Path]) -> None:
    """The territory plan's and the process ideas' charts are /Figure elements whose /Alt gives their data."""
    from pypdf import PdfReader

    charted = [path for path in pdf_files if path.name.startswith(("territory-plan", "process-ideas"))]
    assert charted
    for path in charted:
        elements: list[dict[str, Any]] = []
        _structure(PdfReader(path).trailer["/Root"]["/StructTreeRoot"]["/K"], elements)
        figures = [element for element in elements if element["/S"] == "/Figure"]
        assert figures, f"{path.name}: no /Figure in the structure tree"
        for figure in figures:
            alt = str(figure.get("/Alt", ""))
            assert len(alt) > 20, (path.name, alt)


def _links(path: Path) -> list[tuple[str, bool]]:
    """Each Link annotation's URI, and whether the structure tree knows it (a /StructParent)."""
    from pypdf import PdfReader

    links = []
    for page in PdfReader(path).pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Link":
                links.append((str(annotation["/A"].get("/URI", "")), "/StructParent" in annotation))
    return links


def test_letterhead_email_phone_and_linkedin_are_links(pdf_files: list[Path]) -> None:
    """Each letterhead's email, phone and LinkedIn address is a tagged Link annotation, one per item."""
    import tomllib

    from reliability_support import EXAMPLES

    candidate = tomllib.loads((EXAMPLES / "acme-robotics.toml").read_text(encoding="utf-8"))["candidate"]
    letters = [path for path in pdf_files if path.name.startswith(("thank-you-letter", "criteria-match"))
               and "acme-robotics" in path.parts]
    assert letters
    for path in letters:
        links = _links(path)
        uris = [uri for uri, _ in links]
        assert uris.count(f"mailto:{candidate['email']}") == 1, (path.name, uris)
        assert sum(uri.startswith("https://") and "linkedin.com" in uri for uri in uris) == 1, (path.name, uris)
        assert sum(uri.startswith("tel:+") for uri in uris) == 1, (path.name, uris)
        assert all(tagged for _, tagged in links), (path.name, links)


def test_contact_links_never_use_another_scheme() -> None:
    assert contact_href("email", "dana@example.com") == "mailto:dana@example.com"
    assert contact_href("phone", "+1 (617) 555-0142") == "tel:+16175550142"
    assert contact_href("phone", "ask me") == ""
    assert contact_href("linkedin", "linkedin.com/in/dana") == "https://linkedin.com/in/dana"
    assert contact_href("linkedin", "HTTPS://linkedin.com/in/dana") == "HTTPS://linkedin.com/in/dana"
    assert contact_href("linkedin", "javascript:alert(1)").startswith("https://")
    assert contact_href("city", "Boston, MA") == ""


def test_headings_extract_as_words_and_phone_numbers_stay_whole(pdf_files: list[Path]) -> None:
    """No letter-spaced capitals read apart, and the candidate's phone number on one line, in every PDF."""
    from pypdf import PdfReader

    poppler = shutil.which("pdftotext")
    for path in pdf_files:
        texts = ["\n".join(page.extract_text() or "" for page in PdfReader(path).pages)]
        if poppler:
            texts.append(subprocess.run([poppler, "-layout", str(path), "-"], capture_output=True, text=True,
                                        check=True).stdout)
        for text in texts:
            assert not SPACED_CAPITALS.findall(text), (path.name, SPACED_CAPITALS.findall(text)[:5])
        if path.name.startswith("territory-plan") and "acme-robotics" in path.parts:
            assert "+1 617 555 0142" in texts[-1], path.name
