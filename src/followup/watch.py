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

A ``profile.toml`` above the watched folders (or in the user config folder) is
not under any watched folder: it is checked by its size and modification time
about once a second (``ChangeMap.outer_profiles_changed``), and a change to it
re-renders the watched notes below it.

The process stays warm: the render modules, WeasyPrint and docxtpl are imported
and the templates hashed once, at the start, so a save pays for rendering only;
and only the outputs that read the part of the context the save changed are
rendered (docs/batch.md, "Incremental"). After the first render, renders run in
this process (``jobs=1`` unless given): warm, each document written as soon as
it is rendered, and the keys the charts read are learnt here.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from followup.batch import BatchResult, render_paths
from followup.errors import Problem, UsageError
from followup.notes.discovery import find_notes

PROFILE_NAME = "profile.toml"


def _within(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


Stamp = tuple[int, int] | None


def _stamp(path: Path) -> Stamp:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


class ChangeMap:
    """Which notes files a set of changed paths affects (separate from the watching, to test it alone)."""

    def __init__(self, paths: Iterable[Path], *, out: Path, templates_dir: Path | None = None) -> None:
        resolved = [Path(path).resolve() for path in paths]
        self.folders = [path for path in resolved if path.is_dir()]
        self.files = {path for path in resolved if not path.is_dir()}
        self.out = Path(out).resolve()
        self.templates_dir = Path(templates_dir).resolve() if templates_dir is not None else None
        self._outer = {profile: _stamp(profile) for profile in self.outer_profiles()}

    def outer_profiles(self) -> list[Path]:
        """The ``profile.toml`` files the notes can use that no watched folder holds: in the folders above
        the watched ones, and in the user config folder (whether they exist yet or not)."""
        from followup.notes.profile import config_dir

        roots = self.roots
        candidates: set[Path] = set()
        for root in roots:
            candidates.update(parent / PROFILE_NAME for parent in root.parents)
        candidates.add(Path(config_dir()).resolve() / PROFILE_NAME)
        return sorted(candidate for candidate in candidates
                      if not any(_within(candidate, root) for root in roots))

    def outer_profiles_changed(self) -> list[Path]:
        """The notes to render again because a profile outside the watched folders changed since last asked."""
        from followup.notes.profile import config_dir

        changed = []
        for profile, stamp in self._outer.items():
            now = _stamp(profile)
            if now != stamp:
                self._outer[profile] = now
                changed.append(profile)
        if not changed:
            return []
        config_profile = Path(config_dir()).resolve() / PROFILE_NAME
        if config_profile in changed:
            return self.all_notes()
        return [notes for notes in self.all_notes() if any(_within(notes, profile.parent) for profile in changed)]

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


def check_paths(paths: Iterable[Path]) -> list[Path]:
    """The paths to watch; one that does not exist is a usage error (it would be waited on forever)."""
    paths = [Path(path) for path in paths]
    missing = [Problem("no such file or folder", file=path) for path in paths if not path.exists()]
    if missing:
        raise UsageError(missing)
    return paths


def warm_up(templates_dir: Path | None = None) -> None:
    """Load once what every render needs, so the first save is as quick as the next ones."""
    import followup.render  # noqa: F401
    from followup.documents import available_documents
    from followup.output.writer import folder_digest, library_versions
    from followup.render.weasy import import_weasyprint
    from followup.templates import TemplateSet

    available_documents()
    library_versions()
    for folder in TemplateSet(templates_dir).search_path:
        folder_digest(folder)
    import_weasyprint()
    import docxtpl  # noqa: F401


def watch_paths(paths: Iterable[Path], *, out: Path, templates_dir: Path | None = None,
                on_batch: Callable[[BatchResult], None] | None = None, documents: list[str] | None = None,
                formats: list[str] | None = None, interviewer: str | None = None, force: bool = False,
                jobs: int | None = None, stop_event: threading.Event | None = None,
                max_batches: int | None = None, debounce_ms: int = 400, step_ms: int = 50,
                force_polling: bool | None = None, initial_render: bool = False,
                profile_check_ms: int = 1000, on_ready: Callable[[], None] | None = None) -> int:
    """Watch ``paths`` (and the templates) and re-render what each save affects; returns the batches run.

    A path that does not exist raises ``UsageError``. With ``initial_render``,
    every watched notes file is rendered once first (given to ``on_batch``, not
    counted); ``on_ready`` is called once the process is warm, before waiting.
    Runs until ``stop_event`` is set, ``max_batches`` batches have run, or
    Ctrl-C (``KeyboardInterrupt`` propagates to the caller). ``on_batch`` gets
    each batch's result; the library itself prints nothing.
    """
    import watchfiles

    paths = check_paths(paths)
    changes_map = ChangeMap(paths, out=out, templates_dir=templates_dir)
    default_filter = watchfiles.DefaultFilter()

    def render(targets: list[Path], jobs: int | None) -> BatchResult:
        return render_paths(targets, out=out, documents=documents, formats=formats, interviewer=interviewer,
                            templates_dir=templates_dir, force=force, jobs=jobs)

    def watch_filter(change: watchfiles.Change, raw: str) -> bool:
        return default_filter(change, raw) and changes_map.relevant(Path(raw))

    if initial_render:
        first = render(changes_map.all_notes(), jobs)
        if on_batch is not None:
            on_batch(first)
    warm_up(templates_dir)
    if on_ready is not None:
        on_ready()
    batches = 0
    for changes in watchfiles.watch(*changes_map.roots, watch_filter=watch_filter, debounce=debounce_ms,
                                    step=step_ms, stop_event=stop_event, force_polling=force_polling,
                                    rust_timeout=profile_check_ms, yield_on_timeout=True):
        targets = sorted(set(changes_map.affected(Path(raw) for _, raw in changes))
                         | set(changes_map.outer_profiles_changed()))
        if not targets:
            continue
        # In this process unless told otherwise: it is warm, it writes each document as soon as it is
        # rendered, and it learns what the charts read (render/reads.py), so the next save renders less.
        batch = render(targets, jobs if jobs is not None else 1)
        batches += 1
        if on_batch is not None:
            on_batch(batch)
        if max_batches is not None and batches >= max_batches:
            break
    return batches


__all__ = ["ChangeMap", "check_paths", "warm_up", "watch_paths"]
