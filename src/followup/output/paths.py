"""Output file names: ``OUT/<company-slug>/<interview-date>/<document>[--<interviewer-slug>].<ext>``.

Names come from user text, so they go through python-slugify and a few more
rules that make every slug one safe path component on Linux, macOS and Windows:

- ASCII letters, digits and single hyphens only, lower case, no leading or
  trailing ``-`` or ``.``: ``../../x`` is ``x``, ``a/b`` is ``a-b``, NUL and
  other control characters are separators, never part of a name;
- at most :data:`MAX_SLUG_LENGTH` characters, cut at a word boundary;
- a Windows reserved device name (``CON``, ``PRN``, ``AUX``, ``NUL``,
  ``COM1``-``COM9``, ``LPT1``-``LPT9``) gets the fallback word appended
  (``con-company``), so the folder can be created and copied to Windows;
- text with nothing to transliterate (all emoji, all punctuation, ``.``,
  ``..``) becomes the fallback word plus a short hash of the text
  (``interviewer-1a2b3c4d``), so two such names do not share one file; empty
  text is just the fallback word.

Finally the whole path is checked to stay inside OUT.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from pathlib import Path

from slugify import slugify

from followup.errors import OutputError, Problem, UsageError

MAX_SLUG_LENGTH = 60
WINDOWS_RESERVED_NAMES = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{digit}" for digit in range(10)} | {f"lpt{digit}" for digit in range(10)}
)
_SAFE_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def safe_slug(text: str, fallback: str = "unnamed") -> str:
    """An ASCII, lower-case slug that is a safe single path component (``../../x`` -> ``x``)."""
    text = text or ""
    slug = slugify(text, max_length=MAX_SLUG_LENGTH, word_boundary=True, lowercase=True)
    # slugify already yields [a-z0-9-]; this keeps the promise even if it ever does not.
    slug = "-".join(_SAFE_SLUG.findall(re.sub(r"[^a-z0-9]+", "-", slug.lower())))
    fallback_slug = "-".join(_SAFE_SLUG.findall(re.sub(r"[^a-z0-9]+", "-", fallback.lower()))) or "unnamed"
    if not slug:
        if not text.strip():
            return fallback_slug
        return f"{fallback_slug}-{_text_hash(text)}"
    if slug in WINDOWS_RESERVED_NAMES:
        return f"{slug}-{fallback_slug}"
    return slug


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
