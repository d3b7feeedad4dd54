"""Find the notes files among the paths given on the command line."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from followup.errors import Problem, UsageError

PROFILE_NAME = "profile.toml"
SKIPPED_FOLDERS = {"out"}


def _skipped(relative: Path) -> bool:
    """True for files under a hidden folder or an ``out/`` folder (relative to the folder searched)."""
    return any(part.startswith(".") or part in SKIPPED_FOLDERS for part in relative.parts[:-1])


def find_notes(paths: Iterable[Path]) -> list[Path]:
    """The notes files named by ``paths``, in a stable order.

    A file is taken as given (whatever its name). A folder is searched
    recursively for ``*.toml``, leaving out ``profile.toml`` files and anything
    under a hidden folder (``.git``, ``.venv``) or an ``out/`` folder. Files
    found in folders are sorted; duplicates are dropped. A path that does not
    exist raises :class:`~followup.errors.UsageError` (exit status 2).
    """
    found: list[Path] = []
    seen: set[Path] = set()
    missing: list[Problem] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            batch = sorted(
                candidate for candidate in path.rglob("*.toml")
                if candidate.is_file() and candidate.name != PROFILE_NAME
                and not _skipped(candidate.relative_to(path))
            )
        elif path.exists():
            batch = [path]
        else:
            missing.append(Problem("no such file or folder", file=path))
            continue
        for candidate in batch:
            key = candidate.resolve()
            if key not in seen:
                seen.add(key)
                found.append(candidate)
    if missing:
        raise UsageError(missing)
    return found
