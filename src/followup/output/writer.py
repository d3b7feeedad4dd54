"""Writing outputs without losing anything: incremental, atomic, and never over a user's edit.

Each output folder (``OUT/<company>/<date>/``) keeps a manifest,
``.followup-manifest.json``, recording for every file written the hash of its
inputs (notes, profiles, templates, fonts, the package version, the file's own
name) and the hash of the bytes written. From it:

- an output whose inputs did not change and whose bytes are as written is not
  rendered again (``unchanged``), and nothing is touched;
- an output whose bytes differ from what was written was edited by the user: it
  is ``kept`` and reported, and only ``force`` replaces it;
- a file in the way that followup never wrote is kept too, unless ``force``.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from followup import __version__
from followup.output.atomic import write_atomic
from followup.templates import TemplateSet

MANIFEST_NAME = ".followup-manifest.json"
EDITED_REASON = "edited since followup wrote it; --force replaces it"
FOREIGN_REASON = "a file followup did not write is in the way; --force replaces it"


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str | None:
    try:
        return sha256_bytes(path.read_bytes())
    except OSError:
        return None


@lru_cache(maxsize=16)
def _folder_digest(folder: Path, stamp: tuple[float, int]) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def folder_digest(folder: Path) -> str:
    """A hash of every file in ``folder`` (the template folders), cached while they are unchanged."""
    try:
        stats = [path.stat() for path in folder.rglob("*")]
    except OSError:
        return "unreadable"
    stamp = (max((stat.st_mtime for stat in stats), default=0.0), len(stats))
    return _folder_digest(folder, stamp)


def inputs_digest(sources: list[Path], templates: TemplateSet) -> str:
    """The hash of everything an output of these notes depends on."""
    digest = hashlib.sha256(__version__.encode())
    for source in sources:
        digest.update(str(source).encode())
        digest.update((sha256_file(source) or "missing").encode())
    for folder in templates.search_path:
        digest.update(folder_digest(folder).encode())
    return digest.hexdigest()


@dataclass
class Manifest:
    """One output folder's record of what followup wrote there."""

    folder: Path
    entries: dict[str, dict[str, str]] = field(default_factory=dict)
    changed: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, folder: Path) -> "Manifest":
        try:
            entries = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
            if not isinstance(entries, dict):
                entries = {}
        except (OSError, ValueError):
            entries = {}
        return cls(folder=folder, entries=entries)

    def record(self, name: str, inputs: str, output: str) -> None:
        self.entries[name] = {"inputs": inputs, "output": output}
        self.changed.add(name)

    def save(self) -> None:
        """Merge this run's entries into the manifest on disk, under a lock (parallel workers)."""
        if not self.changed:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        with open(self.folder / ".followup-manifest.lock", "a+") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                current = Manifest.load(self.folder).entries
                for name in self.changed:
                    current[name] = self.entries[name]
                text = json.dumps(current, indent=1, sort_keys=True) + "\n"
                write_atomic(self.folder / MANIFEST_NAME, text.encode("utf-8"))
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
        self.changed.clear()


@dataclass
class OutputWriter:
    """Decides what to render and writes it safely; one per notes file."""

    out: Path
    force: bool
    sources: list[Path]
    templates: TemplateSet
    manifests: dict[Path, Manifest] = field(default_factory=dict)
    _inputs: str | None = None

    def _manifest(self, target: Path) -> Manifest:
        folder = target.parent
        if folder not in self.manifests:
            self.manifests[folder] = Manifest.load(folder)
        return self.manifests[folder]

    def inputs_for(self, target: Path) -> str:
        if self._inputs is None:
            self._inputs = inputs_digest(self.sources, self.templates)
        return sha256_bytes(f"{self._inputs}:{target.name}".encode())

    def needs_render(self, target: Path) -> bool:
        """False when the file is as followup wrote it from the same inputs (or edited: then write() keeps it)."""
        if self.force:
            return True
        entry = self._manifest(target).entries.get(target.name)
        if entry is None:
            return True
        on_disk = sha256_file(target)
        if on_disk is None:
            return True
        if on_disk != entry.get("output"):
            return True  # edited by the user: write() reports it as kept
        return entry.get("inputs") != self.inputs_for(target)

    def write(self, target: Path, data: bytes) -> tuple[str, str | None]:
        """Write ``data`` to ``target`` unless that would lose a user's edit; returns (status, reason)."""
        manifest = self._manifest(target)
        entry = manifest.entries.get(target.name)
        on_disk = sha256_file(target)
        new_hash = sha256_bytes(data)
        if on_disk is not None and not self.force:
            if entry is None and on_disk != new_hash:
                return "kept", FOREIGN_REASON
            if entry is not None and on_disk != entry.get("output"):
                return "kept", EDITED_REASON
        if on_disk == new_hash:
            manifest.record(target.name, self.inputs_for(target), new_hash)
            return "unchanged", None
        write_atomic(target, data)
        manifest.record(target.name, self.inputs_for(target), new_hash)
        return "written", None

    def save(self) -> None:
        for manifest in self.manifests.values():
            with contextlib.suppress(OSError):
                manifest.save()


__all__ = ["MANIFEST_NAME", "Manifest", "OutputWriter", "inputs_digest"]
