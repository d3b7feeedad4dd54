"""followup's cache folder.

The cache folder is ``$FOLLOWUP_CACHE_DIR`` or the user's cache folder
(``platformdirs.user_cache_dir("followup")``: ``~/.cache/followup`` on Linux).
What is kept there can always be made again: public holidays looked up
(context/holidays.py), templates compiled by Jinja (render/environment.py),
the context keys each template reads (render/reads.py), the charts' images
(render/charts.py: the newest 200 sets). Deleting the folder costs one slower render.

A cache never fails a render: a folder that cannot be created or written is
simply not used, and an entry that cannot be read is made again.
"""

from __future__ import annotations

import os
from pathlib import Path

CACHE_DIR_ENV = "FOLLOWUP_CACHE_DIR"


def cache_dir() -> Path:
    """The cache folder (not created here)."""
    override = os.environ.get(CACHE_DIR_ENV)
    if override:
        return Path(override).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("followup"))


def cache_subfolder(name: str) -> Path | None:
    """``cache_dir() / name``, created private to the user; None when it cannot be."""
    folder = cache_dir() / name
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK | os.X_OK) else None


def read_kept(subfolder: str, name: str) -> str | None:
    """The text kept as ``name`` in ``subfolder``, or None when there is none (or it cannot be read)."""
    folder = cache_subfolder(subfolder)
    if folder is None:
        return None
    try:
        return (folder / name).read_text(encoding="utf-8")
    except (OSError, ValueError):
        return None


def keep(subfolder: str, name: str, text: str) -> Path | None:
    """Keep ``text`` as ``name`` in ``subfolder``, atomically (a reader never sees half of it).

    Returns where it was kept; None, and nothing else, when it cannot be.
    """
    folder = cache_subfolder(subfolder)
    if folder is None:
        return None
    target = folder / name
    temporary = folder / f".{name}.{os.getpid()}.tmp"
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, target)
    except OSError:
        try:
            temporary.unlink(missing_ok=True)
        except OSError:
            pass
        return None
    return target


__all__ = ["CACHE_DIR_ENV", "cache_dir", "cache_subfolder", "keep", "read_kept"]
