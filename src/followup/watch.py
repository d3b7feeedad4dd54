"""``followup watch``: re-render what a saved change affects, until stopped.

What a change re-renders:

- a notes file (``*.toml``): that file;
- a ``profile.toml``: every notes file in that folder and below (the notes that
  can use it);
- any file in the templates folder (``--templates``): every watched notes file.

Editors that save by writing a temporary file and renaming it over the notes
file are handled: watchfiles reports the rename as a change of the notes file's
path, and paths that no longer exist (the temporary file) are ignored. Folders
are watched rather than single files, for the same reason: a rename replaces the
file a per-file watch would follow. The output folder is never watched, so
writing outputs cannot trigger another render even when OUT lies inside a
watched folder.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from followup.batch import BatchResult, render_paths
from followup.notes.discovery import find_notes

PROFILE_NAME = "profile.toml"


def _within(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


class ChangeMap:
    """Which notes files a set of changed paths affects (separate from the watching, to test it alone)."""

    def __init__(self, paths: Iterable[Path], *, out: Path, templates_dir: Path | None = None) -> None:
        resolved = [Path(path).resolve() for path in paths]
        self.folders = [path for path in resolved if path.is_dir()]
        self.files = {path for path in resolved if not path.is_dir()}
        self.out = Path(out).resolve()
        self.templates_dir = Path(templates_dir).resolve() if templates_dir is not None else None

    @property
    def roots(self) -> list[Path]:
        """The folders to watch: each folder given, the folder of each file given, the templates."""
        roots = list(self.folders) + sorted({path.parent for path in self.files})
        if self.templates_dir is not None and self.templates_dir.is_dir():
            roots.append(self.templates_dir)
        unique: list[Path] = []
        for root in sorted(set(roots), key=lambda path: (len(path.parts), str(path))):
            if not any(_within(root, kept) for kept in unique):
                unique.append(root)
        return unique

    def relevant(self, path: Path) -> bool:
        """Whether a change at ``path`` can matter (the watch filter)."""
        path = Path(path).resolve()
        if _within(path, self.out):
            return False
        if self.templates_dir is not None and _within(path, self.templates_dir):
            return True
        return path.suffix == ".toml"

    def is_watched_notes(self, path: Path) -> bool:
        if path.name == PROFILE_NAME:
            return False
        return path in self.files or any(_within(path, folder) for folder in self.folders)

    def all_notes(self) -> list[Path]:
        """Every notes file being watched."""
        found = {Path(path).resolve() for path in find_notes(self.folders)} if self.folders else set()
        found |= {path for path in self.files if path.is_file()}
        return sorted(path for path in found if not _within(path, self.out))

    def affected(self, changed: Iterable[Path]) -> list[Path]:
        """The notes files to render again after ``changed`` paths changed, sorted."""
        chosen: set[Path] = set()
        for raw in changed:
            path = Path(raw).resolve()
            if not self.relevant(path):
                continue
            if self.templates_dir is not None and _within(path, self.templates_dir):
                return self.all_notes()
            if path.name == PROFILE_NAME:
                chosen.update(notes for notes in self.all_notes() if _within(notes, path.parent))
            elif path.is_file() and self.is_watched_notes(path):
                chosen.add(path)
        return sorted(chosen)


def watch_paths(paths: Iterable[Path], *, out: Path, templates_dir: Path | None = None,
                on_batch: Callable[[BatchResult], None] | None = None, documents: list[str] | None = None,
                formats: list[str] | None = None, interviewer: str | None = None, force: bool = False,
                jobs: int | None = None, stop_event: threading.Event | None = None,
                max_batches: int | None = None, debounce_ms: int = 400, step_ms: int = 50,
                force_polling: bool | None = None) -> int:
    """Watch ``paths`` (and the templates) and re-render what each save affects; returns the batches run.

    Runs until ``stop_event`` is set, ``max_batches`` batches have run, or Ctrl-C
    (``KeyboardInterrupt`` propagates to the caller). ``on_batch`` gets each
    batch's result; the library itself prints nothing.
    """
    import watchfiles

    changes_map = ChangeMap(paths, out=out, templates_dir=templates_dir)
    default_filter = watchfiles.DefaultFilter()

    def watch_filter(change: watchfiles.Change, raw: str) -> bool:
        return default_filter(change, raw) and changes_map.relevant(Path(raw))

    batches = 0
    for changes in watchfiles.watch(*changes_map.roots, watch_filter=watch_filter, debounce=debounce_ms,
                                    step=step_ms, stop_event=stop_event, force_polling=force_polling):
        targets = changes_map.affected(Path(raw) for _, raw in changes)
        if not targets:
            continue
        batch = render_paths(targets, out=out, documents=documents, formats=formats, interviewer=interviewer,
                             templates_dir=templates_dir, force=force, jobs=jobs)
        batches += 1
        if on_batch is not None:
            on_batch(batch)
        if max_batches is not None and batches >= max_batches:
            break
    return batches


__all__ = ["ChangeMap", "watch_paths"]
