"""Golden text snapshots of every example's documents, so every wording change is reviewed as a diff.

For each notes file in examples/, every document in every format is rendered and its text written to
``tests/goldens/<example>/<file>.txt``: the text of the PDF (page by page) and of the DOCX (paragraphs and
table rows), the TXT as it is, the EML's headers, text part, the visible text of its HTML part and its
attachments' names, the ICS as it is. A difference fails with a unified diff.

Refresh after an intended change, then read the diff before committing::

    .venv/bin/python -m pytest tests/goldens --update-goldens     # or FOLLOWUP_UPDATE_GOLDENS=1 make test
    git diff tests/goldens
"""

from __future__ import annotations

import difflib
import io
import sys
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "documents"))
from docreaders import html_text  # noqa: E402

from followup.notes.discovery import find_notes
from followup.pipeline import render_notes

ROOT = Path(__file__).resolve().parents[2]
GOLDENS = Path(__file__).parent
EXAMPLES = sorted(find_notes([ROOT / "examples"]))


def pdf_snapshot(data: bytes) -> str:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    pages = [f"--- page {number} ---\n{(page.extract_text() or '').strip()}"
             for number, page in enumerate(reader.pages, start=1)]
    return "\n".join(pages)


def docx_snapshot(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    lines = [paragraph.text for paragraph in document.paragraphs if paragraph.text.strip()]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text.strip() for cell in row.cells))
    for section in document.sections:
        lines += [f"[footer] {paragraph.text}" for paragraph in section.footer.paragraphs if paragraph.text.strip()]
    return "\n".join(lines)


def eml_snapshot(data: bytes) -> str:
    message = BytesParser(policy=policy.default).parsebytes(data)
    lines = [f"{name}: {message[name]}" for name in ("From", "To", "Cc", "Subject", "Date") if message[name]]
    plain = message.get_body(("plain",))
    html = message.get_body(("html",))
    lines += ["", "--- text ---", plain.get_content().strip() if plain else ""]
    lines += ["", "--- html (visible text) ---", " ".join(html_text(html.get_content()).split()) if html else ""]
    attachments = [part.get_filename() for part in message.iter_attachments()]
    if attachments:
        lines += ["", "--- attachments ---", *[str(name) for name in attachments]]
    return "\n".join(lines)


def snapshot(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".pdf":
        return pdf_snapshot(data)
    if path.suffix == ".docx":
        return docx_snapshot(data)
    if path.suffix == ".eml":
        return eml_snapshot(data)
    return data.decode("utf-8")


@pytest.mark.parametrize("notes", EXAMPLES, ids=lambda path: path.relative_to(ROOT / "examples").as_posix())
def test_example_documents_match_their_goldens(notes: Path, tmp_path: Path, update_goldens: bool) -> None:
    result = render_notes(notes, out=tmp_path, force=True)
    assert result.error is None and not result.failed, result.outputs
    folder = GOLDENS / notes.relative_to(ROOT / "examples").with_suffix("").as_posix().replace("/", "--")
    produced = {output.path.name + ".txt": snapshot(output.path) + "\n"
                for output in result.outputs if output.path is not None and output.status == "written"}
    assert produced
    if update_goldens:
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob("*.txt"):
            if stale.name not in produced:
                stale.unlink()
        for name, text in produced.items():
            (folder / name).write_text(text, encoding="utf-8", newline="")
        return
    expected = {path.name for path in folder.glob("*.txt")}
    assert expected == set(produced), "documents added or gone: refresh with --update-goldens and review the diff"
    failures = []
    for name, text in sorted(produced.items()):
        golden = (folder / name).read_bytes().decode("utf-8")
        if golden != text:
            diff = difflib.unified_diff(golden.splitlines(), text.splitlines(), f"golden/{name}", f"now/{name}",
                                        lineterm="", n=1)
            failures.append("\n".join(diff))
    assert not failures, "\n\n".join(failures) + "\n\n(intended? refresh with --update-goldens and review the diff)"
