"""Atomic writes: a temporary file in the same folder, flushed to disk, then renamed over the target.

A crash or Ctrl-C leaves either the old file or the new one, never half a file:
``os.replace`` within one folder (one file system) is atomic on POSIX and on
Windows. The temporary file is hidden (``.<name>.<random>.tmp``) and removed on
any failure, including ``KeyboardInterrupt``. After the rename the folder itself
is fsynced so that the rename survives a power cut, not only a crash.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from followup.errors import OutputError, Problem

TEMPORARY_SUFFIX = ".tmp"

#: temporary files this process is writing right now (for :func:`remove_unfinished`)
_UNFINISHED: set[str] = set()


def remove_unfinished() -> None:
    """Remove the temporary files of writes in progress: for a process about to end at once (``os._exit``).

    An exception (Ctrl-C included) already removes its write's temporary file;
    this is for a worker process ended by a signal handler, which exits without
    unwinding.
    """
    for temporary in list(_UNFINISHED):
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def _current_umask() -> int:
    """The process umask (read by setting and restoring it; there is no getter)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _mode_for(path: Path) -> int:
    """Keep the permissions of the file being replaced; a new file gets 0666 minus the umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~_current_umask()


def _fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (a no-op where folders cannot be opened, e.g. Windows)."""
    with contextlib.suppress(OSError, AttributeError):
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, creating parent folders; raises OutputError on I/O failure."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = _mode_for(path)
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX, dir=path.parent)
    except OSError as error:
        raise OutputError(Problem(f"cannot write here: {error.strerror or error}", file=path)) from None
    _UNFINISHED.add(temporary)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise OutputError(Problem(f"cannot write: {error.strerror or error}", file=path)) from None
        raise
    finally:
        _UNFINISHED.discard(temporary)
    _fsync_folder(path.parent)
