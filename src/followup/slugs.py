"""Safe slugs: user text as one safe path component (and as a stable id), for every layer.

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

It sits below every layer that names things: ``output.paths`` makes the output
folders and files with it, and ``documents.follow_up_plan`` seeds its calendar
UIDs with the company's slug (the same slug as its folder), without importing
the output layer.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from slugify import slugify

MAX_SLUG_LENGTH = 60
WINDOWS_RESERVED_NAMES = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{digit}" for digit in range(10)} | {f"lpt{digit}" for digit in range(10)}
)
_SAFE_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]


@lru_cache(maxsize=1024)
def safe_slug(text: str, fallback: str = "unnamed") -> str:
    """An ASCII, lower-case slug that is a safe single path component (``../../x`` -> ``x``).

    Kept per process: a package names its folder and files from the same few names
    dozens of times, and python-slugify costs about 0.25 ms a call (8 ms of a letter's render).
    """
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


__all__ = ["MAX_SLUG_LENGTH", "WINDOWS_RESERVED_NAMES", "safe_slug"]
