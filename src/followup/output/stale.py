"""Stale outputs: files a notes file wrote once and no longer produces, found through the manifests.

A date changed (the outputs now go to another date folder) or an interviewer
was removed: the old files stay in OUT, ready to be sent by mistake. Every
manifest entry records the notes file that wrote it (``notes``), so for each
notes file rendered, any output the manifests attribute to it that it would not
produce today (with nothing narrowed) is stale.

Pruning removes only what is safe to remove:

- a file followup wrote for that notes file (a manifest entry names it), and
  only by its plain file name inside that manifest's folder;
- never a file whose bytes are not what followup wrote (the user edited it),
  unless ``force``;
- never a file no manifest knows (a file followup did not write);
- an output folder left with nothing but its manifest is removed, and so is a
  company folder left empty; OUT itself never is.

Manifests written before entries recorded their notes file know no owner:
those outputs are never called stale (render them once to record it).
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from followup.errors import OutputError
from followup.output.writer import LOCK_NAME, MANIFEST_NAME, Manifest, sha256_file

State = Literal["as-written", "edited", "missing"]
PRUNE_REASON = "no longer produced by {notes}; --prune removes it"
EDITED_STALE_REASON = "no longer produced by {notes}, but edited since followup wrote it; --prune --force removes it"


@dataclass(frozen=True)
class StaleOutput:
    """One output a notes file no longer produces."""

    path: Path
    notes: Path
    state: State

    @property
    def document(self) -> str:
        """The document it was, from its name (``thank-you-card--jordan-lee.pdf`` -> ``thank-you-card``)."""
        return self.path.name.split(".", 1)[0].split("--", 1)[0]

    @property
    def format(self) -> str:
        return self.path.suffix.lstrip(".")


@dataclass(frozen=True)
class Pruned:
    """What ``prune`` did about one stale output: ``pruned``, ``kept`` (edited) or ``failed``."""

    stale: StaleOutput
    status: Literal["pruned", "kept", "failed"]
    reason: str | None = None


def _plain_name(name: str) -> bool:
    """A manifest entry that is a plain file name in its folder (a tampered manifest cannot reach further)."""
    return bool(name) and Path(name).name == name and name not in (".", "..") and not name.startswith(".")


def find_stale(out: Path, produces: Mapping[Path, frozenset[Path]]) -> list[StaleOutput]:
    """Every output the manifests under ``out`` attribute to a notes file of ``produces`` that it no longer makes.

    ``produces`` maps each notes file to every output it produces today; files that
    are gone from disk are listed too (``missing``: only their manifest entry is left).
    """
    wanted = {Path(notes).resolve(): {Path(path).resolve() for path in paths} for notes, paths in produces.items()}
    if not wanted:
        return []
    stale: list[StaleOutput] = []
    for manifest_file in sorted(Path(out).glob(f"*/*/{MANIFEST_NAME}")):
        manifest = Manifest.load(manifest_file.parent)
        for name, entry in sorted(manifest.entries.items()):
            notes = entry.get("notes")
            if not isinstance(notes, str) or Path(notes) not in wanted or not _plain_name(name):
                continue
            target = manifest.folder / name
            if target.resolve() in wanted[Path(notes)]:
                continue
            on_disk = sha256_file(target)
            if on_disk is None:
                state: State = "missing"
            elif manifest.knows(name, on_disk):
                state = "as-written"
            else:
                state = "edited"
            stale.append(StaleOutput(path=target, notes=Path(notes), state=state))
    return stale


def prune(stale: list[StaleOutput], *, force: bool = False) -> list[Pruned]:
    """Remove stale outputs (edited ones only with ``force``), their manifest entries, and emptied folders."""
    done: list[Pruned] = []
    forget: dict[Path, list[str]] = {}
    for item in stale:
        if item.state == "edited" and not force:
            done.append(Pruned(item, "kept", EDITED_STALE_REASON.format(notes=item.notes)))
            continue
        if item.state != "missing":
            try:
                item.path.unlink()
            except FileNotFoundError:
                pass
            except OSError as error:
                done.append(Pruned(item, "failed", f"cannot remove it: {error.strerror or error}"))
                continue
            done.append(Pruned(item, "pruned"))
        forget.setdefault(item.path.parent, []).append(item.path.name)
    for folder, names in forget.items():
        manifest = Manifest.load(folder)
        try:
            manifest.forget(names)
        except OutputError as error:
            done.extend(Pruned(item, "failed", "; ".join(str(problem) for problem in error.problems))
                        for item in stale if item.path.parent == folder and item.path.name in names)
            continue
        _remove_if_empty(folder)
    return done


def _remove_if_empty(folder: Path) -> None:
    """An output folder with nothing left but its manifest goes, and its company folder if that is empty then."""
    if Manifest.load(folder).entries:
        return
    try:
        left = {path.name for path in folder.iterdir()}
    except OSError:
        return
    if not left <= {MANIFEST_NAME, LOCK_NAME}:
        return
    with contextlib.suppress(OSError):
        for name in left:
            (folder / name).unlink()
        folder.rmdir()
        folder.parent.rmdir()  # only if the company folder is empty now (rmdir refuses otherwise)


__all__ = ["EDITED_STALE_REASON", "PRUNE_REASON", "Pruned", "StaleOutput", "find_stale", "prune"]
