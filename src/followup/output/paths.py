"""Output file names: ``OUT/<company-slug>/<interview-date>/<document>[--<interviewer-slug>].<ext>``.

Names come from user text, so they go through python-slugify (ASCII, lower case,
no separators) and the final path is checked to be inside OUT.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from slugify import slugify

from followup.errors import OutputError, Problem

MAX_SLUG_LENGTH = 60


def safe_slug(text: str, fallback: str = "unnamed") -> str:
    """An ASCII, lower-case slug that is a safe single path component (``../../x`` -> ``x``)."""
    slug = slugify(text or "", max_length=MAX_SLUG_LENGTH, word_boundary=True, lowercase=True)
    slug = slug.strip("-.")
    return slug or fallback


def output_path(out: Path, *, company: str, interview_date: datetime.date, document: str,
                extension: str, interviewer: str | None = None) -> Path:
    """Where one output file goes; raises OutputError if it would leave ``out``."""
    name = document
    if interviewer is not None:
        name += f"--{safe_slug(interviewer, 'interviewer')}"
    path = out / safe_slug(company, "company") / interview_date.isoformat() / f"{name}.{extension}"
    root = out.resolve()
    if not path.resolve().is_relative_to(root):
        raise OutputError(Problem(f"refusing to write {path}: it would leave the output folder {out}"))
    return path
