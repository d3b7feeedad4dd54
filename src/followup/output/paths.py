"""Output file names: ``OUT/<company-slug>/<interview-date>/<document>[--<interviewer-slug>].<ext>``.

Every part made from user text is a :func:`followup.slugs.safe_slug` (one safe
path component on Linux, macOS and Windows; the rules are in followup/slugs.py),
and the whole path is checked to stay inside OUT.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from followup.errors import OutputError, Problem, UsageError
from followup.slugs import MAX_SLUG_LENGTH, WINDOWS_RESERVED_NAMES, safe_slug

__all__ = ["MAX_SLUG_LENGTH", "WINDOWS_RESERVED_NAMES", "output_folder", "output_path", "prepare_out", "safe_slug"]


def output_folder(out: Path, *, company: str, interview_date: datetime.date) -> Path:
    """The folder one interview's outputs go to: ``OUT/<company-slug>/<interview-date>``."""
    return out / safe_slug(company, "company") / interview_date.isoformat()


def output_path(out: Path, *, company: str, interview_date: datetime.date, document: str,
                extension: str, interviewer: str | None = None) -> Path:
    """Where one output file goes; raises OutputError if it would leave ``out``."""
    name = safe_slug(document, "document")
    if interviewer is not None:
        name += f"--{safe_slug(interviewer, 'interviewer')}"
    path = output_folder(out, company=company, interview_date=interview_date) / f"{name}.{safe_slug(extension, 'out')}"
    try:
        root = out.resolve()
        inside = path.resolve().is_relative_to(root)
    except (OSError, RuntimeError) as error:
        raise OutputError(Problem(f"cannot use the output folder {out}: {error}")) from None
    if not inside:
        raise OutputError(Problem(f"refusing to write {path}: it would leave the output folder {out}"))
    return path


def prepare_out(out: Path) -> None:
    """Make sure ``out`` is a folder that can be written, creating it; one clear error (exit 2) if not.

    Checked once before rendering, so a bad ``-o`` (a file, a folder that cannot be
    created or written) is one line rather than the same error for every output.
    """
    import os

    if out.exists() and not out.is_dir():
        raise UsageError(Problem("the output folder is a file, not a folder; choose another -o", file=out,
                                 key_path="-o/--out"))
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UsageError(Problem(f"cannot create the output folder: {error.strerror or error}", file=out,
                                 key_path="-o/--out")) from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise UsageError(Problem("cannot write into the output folder (permission denied)", file=out,
                                 key_path="-o/--out"))
