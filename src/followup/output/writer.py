"""Writing outputs without losing anything: incremental, atomic, and never over a user's edit.

Each output folder (``OUT/<company>/<date>/``) keeps a manifest,
``.followup-manifest.json``, recording for every file written the hash of its
inputs (notes, profiles, every template and font file, the versions of followup
and of the libraries that make the bytes, the file's own name) and the hash of
the bytes written. From it:

- an output whose inputs did not change and whose bytes are as written is not
  rendered again (``unchanged``), and nothing in OUT is touched, not even the
  manifest;
- an output whose bytes differ from what was written was edited by the user: it
  is ``kept`` and reported, and only ``force`` replaces it;
- a file in the way that followup never wrote is kept too, unless ``force``
  (or unless it is byte for byte what followup would write: then it is adopted).

An output may depend on other outputs: the criteria-match email carries the
territory plan and process-ideas PDFs. Their hashes (``depends``: output name ->
hash of its bytes) are part of the email's inputs and recorded in its entry
(``"depends": "process-ideas.pdf=…;territory-plan.pdf=…"``), so a changed
territory plan renders the email again.

Crash safety: before a file is replaced, its manifest entry is saved with the
new hash *and* the hash of the file being replaced (``replacing``). Whatever
moment a crash or Ctrl-C hits, the file on disk is then one the manifest knows
(the old one or the new one), so the next run neither calls it a user's edit nor
loses it; it simply renders it again if it is stale.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Literal

from followup import __version__
from followup.errors import OutputError, Problem
from followup.output.atomic import write_atomic
from followup.templates import TemplateSet

try:  # POSIX; elsewhere parallel workers rely on writing different folders
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

MANIFEST_NAME = ".followup-manifest.json"
LOCK_NAME = ".followup-manifest.lock"
EDITED_REASON = "edited since followup wrote it; --force replaces it"
FOREIGN_REASON = "a file followup did not write is in the way; --force replaces it"
#: the libraries whose version changes an output's bytes (matplotlib: the charts)
RENDERING_LIBRARIES = ("weasyprint", "pydyf", "docxtpl", "python-docx", "jinja2", "babel", "matplotlib")

Entry = dict[str, str | None]


def sha256_bytes(data: bytes) -> str:
    """Hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str | None:
    """Hex SHA-256 of the file at ``path``, or None when it does not exist or cannot be read."""
    try:
        return sha256_bytes(path.read_bytes())
    except OSError:
        return None


@lru_cache(maxsize=1)
def library_versions() -> str:
    """The versions of followup and of the rendering libraries, and WeasyPrint's font subsetter, as one string.

    The subsetter (HarfBuzz's ``libharfbuzz-subset`` where it is installed,
    fontTools otherwise) changes the bytes of every PDF; installing it between
    two renders made every PDF of a notes file differ (docs/reliability.md).
    Recorded here, such a change is an input like a new version: the next run
    renders again rather than calling yesterday's files unchanged.
    """
    from followup.render.weasy import font_subsetter

    parts = [f"followup={__version__}"]
    for name in RENDERING_LIBRARIES:
        try:
            parts.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name}=absent")
    parts.append(f"font-subsetter={font_subsetter()}")
    return ";".join(parts)


#: a file modified less than this long ago makes a template folder's digest not kept (see _folder_digest)
RACY_SECONDS = 3


@lru_cache(maxsize=32)
def _folder_digest(folder: Path, stamp: tuple[tuple[str, int, int], ...]) -> str:
    """The content hash of the files of ``stamp``, kept in the cache folder under the stamp: reading and
    hashing the built-in templates and fonts (about 2 MB) cost 10 ms in every process.

    Not kept while a file is less than :data:`RACY_SECONDS` old: a file system with coarse times (FAT,
    some network shares) can give an edit made within the same tick the same stamp (git's "racily
    clean" entries).
    """
    import time

    from followup.cache import keep, read_kept

    name = hashlib.sha256(repr((str(folder), stamp)).encode("utf-8", "surrogatepass")).hexdigest()
    kept = read_kept("folders", name)
    if kept is not None and len(kept) == 64:
        return kept
    digest = hashlib.sha256()
    for relative, _, _ in stamp:
        digest.update(relative.encode())
        digest.update(b"\0")
        try:
            digest.update((folder / relative).read_bytes())
        except OSError:
            digest.update(b"unreadable")
        digest.update(b"\0")
    newest = max((modified for _, modified, _ in stamp), default=0)
    if time.time_ns() - newest > RACY_SECONDS * 1_000_000_000:
        keep("folders", name, digest.hexdigest())
    return digest.hexdigest()


def folder_digest(folder: Path) -> str:
    """A hash of every file under ``folder`` (templates and fonts), by name and content.

    The content hash is cached against every file's name, size and mtime (in
    nanoseconds), so a batch hashes the templates once per process, and any edit,
    added or removed file gives a new hash.
    """
    try:
        stamp = tuple(sorted(
            (str(path.relative_to(folder)), stat.st_mtime_ns, stat.st_size)
            for path in folder.rglob("*")
            if path.is_file() and (stat := path.stat())
        ))
    except OSError:
        return "unreadable"
    return _folder_digest(folder, stamp)


def _plain(value: object) -> str:
    """A date in a context as JSON: its ISO form, tagged so it never equals the same text."""
    if isinstance(value, datetime.date):
        return f"date:{value.isoformat()}"
    raise TypeError(f"{type(value).__name__} is not plain data")


def context_fingerprint(context: object) -> str | None:
    """A hash of a document's template context, or None when it is not plain data (then it is not used).

    Contexts are plain data (dicts, lists, text, numbers, and dates: an email draft's
    day is a ``datetime.date``), so their JSON form says everything a render reads from them.
    """
    try:
        text = json.dumps(context, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_plain)
    except (TypeError, ValueError):
        return None
    return sha256_bytes(text.encode("utf-8", "surrogatepass"))


def environment_digest(templates: TemplateSet) -> str:
    """The hash of what an output depends on besides its context: library versions and template files."""
    digest = hashlib.sha256(library_versions().encode())
    for folder in templates.search_path:
        digest.update(str(folder).encode())
        digest.update(folder_digest(folder).encode())
    return digest.hexdigest()


def inputs_digest(sources: list[Path], templates: TemplateSet) -> str:
    """The hash of everything an output of these notes depends on."""
    digest = hashlib.sha256(library_versions().encode())
    for source in sources:
        digest.update(str(source).encode())
        digest.update((sha256_file(source) or "missing").encode())
    for folder in templates.search_path:
        digest.update(str(folder).encode())
        digest.update(folder_digest(folder).encode())
    return digest.hexdigest()


def depends_text(depends: Mapping[str, str] | None) -> str:
    """``a.pdf=<hash>;b.pdf=<hash>``: the outputs an output carries, by name, sorted; "" for none."""
    return ";".join(f"{name}={digest}" for name, digest in sorted((depends or {}).items()))


@contextlib.contextmanager
def _locked(folder: Path):  # type: ignore[no-untyped-def]
    """An exclusive lock on ``folder``'s manifest while it is read, merged and written."""
    if fcntl is None:  # pragma: no cover - Windows
        yield
        return
    with open(folder / LOCK_NAME, "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@dataclass
class Manifest:
    """One output folder's record of what followup wrote there."""

    folder: Path
    entries: dict[str, Entry] = field(default_factory=dict)
    changed: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, folder: Path) -> Manifest:
        """The manifest of ``folder``; empty when there is none or it is unreadable."""
        try:
            entries = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            entries = {}
        if not isinstance(entries, dict):
            entries = {}
        entries = {name: entry for name, entry in entries.items() if isinstance(entry, dict)}
        return cls(folder=folder, entries=entries)

    def record(self, name: str, inputs: str, output: str, replacing: str | None = None,
               depends: str | None = None, notes: Path | None = None, context: str | None = None) -> None:
        """Note what ``name`` was (or is about to be) written from; unchanged entries are left alone.

        ``depends`` names the outputs it carries with their hashes (the email's attachments).
        ``notes`` is the notes file that produces it (absolute): stale outputs and
        two notes files sharing one folder are found with it. ``context`` is the
        hash of its template context and environment (``OutputWriter.context_key``).
        """
        entry: Entry = {"inputs": inputs, "output": output}
        if depends:
            entry["depends"] = depends
        if replacing is not None and replacing != output:
            entry["replacing"] = replacing
        if notes is not None:
            entry["notes"] = str(notes)
        if context is not None:
            entry["context"] = context
        if self.entries.get(name) == entry:
            return
        self.entries[name] = entry
        self.changed.add(name)

    def forget(self, names: list[str]) -> None:
        """Drop entries (files pruned): saved at once, merged under the lock like ``save``."""
        if not names:
            return
        try:
            with _locked(self.folder):
                current = Manifest.load(self.folder).entries
                for name in names:
                    current.pop(name, None)
                    self.entries.pop(name, None)
                    self.changed.discard(name)
                text = json.dumps(current, indent=1, sort_keys=True) + "\n"
                write_atomic(self.folder / MANIFEST_NAME, text.encode("utf-8"))
        except OSError as error:
            raise OutputError(Problem(f"cannot write the output folder's manifest: {error.strerror or error}",
                                      file=self.folder / MANIFEST_NAME)) from None

    def owners(self) -> set[Path]:
        """The notes files recorded as having written something here."""
        return {Path(notes) for entry in self.entries.values() if isinstance(notes := entry.get("notes"), str)}

    def knows(self, name: str, on_disk: str) -> bool:
        """Whether bytes hashing to ``on_disk`` at ``name`` are followup's (written, or being replaced)."""
        entry = self.entries.get(name)
        return entry is not None and on_disk in (entry.get("output"), entry.get("replacing"))

    def save(self) -> None:
        """Merge this run's entries into the manifest on disk, under a lock (parallel workers share folders)."""
        if not self.changed:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with _locked(self.folder):
                current = Manifest.load(self.folder).entries
                for name in self.changed:
                    current[name] = self.entries[name]
                text = json.dumps(current, indent=1, sort_keys=True) + "\n"
                write_atomic(self.folder / MANIFEST_NAME, text.encode("utf-8"))
        except OSError as error:
            raise OutputError(Problem(f"cannot write the output folder's manifest: {error.strerror or error}",
                                      file=self.folder / MANIFEST_NAME)) from None
        self.changed.clear()


#: What a render should do about an output (``OutputWriter.plan``), and what writing it did (``write``).
PlanAction = Literal["render", "unchanged", "kept"]
WriteStatus = Literal["written", "unchanged", "kept"]


@dataclass
class OutputWriter:
    """Decides what to render and writes it safely; one per notes file."""

    out: Path
    force: bool
    sources: list[Path]
    templates: TemplateSet
    options: str = ""  # render options that change the bytes (e.g. --cc-all), part of the inputs
    #: the notes file being rendered, recorded with each output (None: not recorded)
    notes_path: Path | None = None
    manifests: dict[Path, Manifest] = field(default_factory=dict)
    _inputs: str | None = None
    _environment: str | None = None

    def _manifest(self, target: Path) -> Manifest:
        folder = target.parent
        if folder not in self.manifests:
            self.manifests[folder] = Manifest.load(folder)
        return self.manifests[folder]

    def inputs_for(self, target: Path, depends: Mapping[str, str] | None = None) -> str:
        """The inputs hash of one output (the notes' inputs plus the output's own name, and the hashes
        of the outputs it carries, ``depends``)."""
        if self._inputs is None:
            self._inputs = inputs_digest(self.sources, self.templates)
        carried = depends_text(depends)
        key = f"{self._inputs}:{self.options}:{target.name}" + (f":{carried}" if carried else "")
        return sha256_bytes(key.encode())

    def context_key(self, target: Path, fingerprint: str | None,
                    depends: Mapping[str, str] | None = None) -> str | None:
        """What the bytes of ``target`` are made from, without the notes file itself: its template
        context (``context_fingerprint``), the templates, the library versions, the options, its name
        and the hashes of the outputs it carries (``depends``: a changed attachment changes the email)."""
        if fingerprint is None:
            return None
        carried = depends_text(depends)
        return sha256_bytes(f"{self.environment()}:{self.options}:{target.name}:{fingerprint}:{carried}".encode())

    def environment(self) -> str:
        """``environment_digest`` of this writer's templates, computed once."""
        if self._environment is None:
            self._environment = environment_digest(self.templates)
        return self._environment

    def context_matches(self, target: Path, fingerprint: str | None,
                        depends: Mapping[str, str] | None = None) -> str | None:
        """The hash of ``target`` on disk when it was written from this context and is as written, else None.

        Reads only (a forked render process asks it too); :meth:`unchanged_context` records the answer.
        """
        key = self.context_key(target, fingerprint, depends)
        if self.force or key is None:
            return None
        entry = self._manifest(target).entries.get(target.name)
        if entry is None or entry.get("context") != key:
            return None
        on_disk = sha256_file(target)
        if on_disk is None or on_disk != entry.get("output"):
            return None
        return on_disk

    def unchanged_context(self, target: Path, fingerprint: str | None,
                          depends: Mapping[str, str] | None = None) -> bool:
        """Whether ``target`` is unchanged although its notes file changed: its context is the one it was
        written from and its bytes are as written. Then the new inputs are recorded and it is not rendered.

        A save that changes one interviewer's topics re-renders what shows those topics,
        not the whole package (the manifest alone knew only that the notes file changed).
        """
        on_disk = self.context_matches(target, fingerprint, depends)
        if on_disk is None:
            return False
        self._manifest(target).record(target.name, self.inputs_for(target, depends), on_disk,
                                      depends=depends_text(depends) or None, notes=self._notes(),
                                      context=self.context_key(target, fingerprint, depends))
        return True

    def _notes(self) -> Path | None:
        return self.notes_path.resolve() if self.notes_path is not None else None

    def plan(self, target: Path, depends: Mapping[str, str] | None = None) -> tuple[PlanAction, str | None]:
        """What a render should do about ``target``: ``("render", None)``, ``("unchanged", None)``
        (the file is exactly as followup wrote it, from the same inputs) or ``("kept", reason)``.

        ``kept`` is a file the user edited since followup wrote it: ``write`` would keep
        it whatever the new bytes, so the caller reports it without rendering it (it
        used to be rendered on every run only to be kept). A file the manifest has no
        entry for is still rendered: if it holds exactly the bytes followup would write
        (outputs copied without their manifest), ``write`` adopts it as unchanged.
        With ``force`` everything is rendered.
        """
        if self.force:
            return "render", None
        manifest = self._manifest(target)
        entry = manifest.entries.get(target.name)
        if entry is None:
            return "render", None
        on_disk = sha256_file(target)
        if on_disk is None:
            return "render", None
        if not manifest.knows(target.name, on_disk):
            return "kept", EDITED_REASON
        if on_disk == entry.get("output") and entry.get("inputs") == self.inputs_for(target, depends):
            return "unchanged", None
        return "render", None

    def write(self, target: Path, data: bytes, depends: Mapping[str, str] | None = None,
              fingerprint: str | None = None) -> tuple[WriteStatus, str | None]:
        """Write ``data`` to ``target`` unless that would lose a user's edit; returns (status, reason).

        Status is ``written``, ``unchanged`` (the bytes on disk are already these)
        or ``kept`` (an edited or foreign file left in place, with the reason).
        ``fingerprint`` is the ``context_fingerprint`` of the context ``data`` was rendered from.
        """
        manifest = self._manifest(target)
        on_disk = sha256_file(target)
        new_hash = sha256_bytes(data)
        if on_disk is not None and not self.force and on_disk != new_hash \
                and not manifest.knows(target.name, on_disk):
            known = target.name in manifest.entries
            return "kept", EDITED_REASON if known else FOREIGN_REASON
        inputs = self.inputs_for(target, depends)
        needs = depends_text(depends) or None
        notes = self._notes()
        context = self.context_key(target, fingerprint, depends)
        if on_disk == new_hash:
            manifest.record(target.name, inputs, new_hash, depends=needs, notes=notes, context=context)
            return "unchanged", None
        # Record the new hash (and the one being replaced) before replacing the file, so the
        # manifest never lags the disk: see the module docstring.
        manifest.record(target.name, inputs, new_hash, replacing=on_disk, depends=needs, notes=notes, context=context)
        manifest.save()
        write_atomic(target, data)
        manifest.record(target.name, inputs, new_hash, depends=needs, notes=notes, context=context)
        return "written", None

    def save(self) -> None:
        """Save every manifest this writer changed."""
        for manifest in self.manifests.values():
            # Every written file's entry was saved before the file was replaced; what is left
            # here (files adopted as unchanged) is not worth failing the notes file over.
            with contextlib.suppress(OutputError):
                manifest.save()


__all__ = ["EDITED_REASON", "FOREIGN_REASON", "MANIFEST_NAME", "Manifest", "OutputWriter", "depends_text",
           "inputs_digest"]
