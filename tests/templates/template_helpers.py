"""Helpers for the template tests: the sample notes, rendering, reading outputs back."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import docx
import pypdf

from followup.documents.variables import SAMPLE_NOTES
from followup.errors import TemplateError
from followup.pipeline import NotesResult, render_notes


def copy_notes(folder: Path, extra: str = "") -> Path:
    """The full sample notes copied into ``folder`` (with ``extra`` TOML appended to [style])."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "notes.toml"
    shutil.copyfile(SAMPLE_NOTES, target)
    if extra:
        text = target.read_text(encoding="utf-8")
        target.write_text(text.replace("[style]\n", "[style]\n" + extra + "\n", 1), encoding="utf-8")
    return target


def render(notes: Path, out: Path, documents: list[str], templates: Path | None = None,
           formats: list[str] | None = None) -> NotesResult:
    """render_notes with the options the tests use; raises the user error if there is one.

    A template error fails its output only (the pipeline reports it and goes on);
    it is raised here as a TemplateError carrying the reported one-line reason.
    """
    result = render_notes(notes, out=out, documents=documents, formats=formats, templates_dir=templates,
                          force=True)
    if result.error is not None:
        raise result.error
    failed = [output.reason or "" for output in result.outputs if output.status == "failed"]
    if failed:
        raise TemplateError(failed[0])
    return result


def outputs(result: NotesResult, fmt: str) -> list[Path]:
    return [output.path for output in result.outputs if output.format == fmt and output.path is not None]


def pdf_text(path: Path) -> str:
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    return "\n".join(page.extract_text() for page in reader.pages)


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    return "\n".join(paragraph.text for paragraph in document.paragraphs)
