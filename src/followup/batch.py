"""Render many notes files: one result per file, never printing (the CLI draws progress).

(First version: serial. The batch work adds parallel workers.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from followup.pipeline import NotesResult, render_notes


@dataclass
class BatchResult:
    results: list[NotesResult] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(result.failed for result in self.results)


def render_paths(paths: Iterable[Path], *, out: Path, documents: list[str] | None = None,
                 formats: list[str] | None = None, interviewer: str | None = None,
                 templates_dir: Path | None = None, force: bool = False, jobs: int | None = None,
                 on_result: Callable[[NotesResult], None] | None = None) -> BatchResult:
    """Render every notes file found under ``paths``; a failing file does not stop the others."""
    from followup.notes.discovery import find_notes

    batch = BatchResult()
    for notes_path in find_notes(list(paths)):
        result = render_notes(notes_path, out=out, documents=documents, formats=formats,
                              interviewer=interviewer, templates_dir=templates_dir, force=force)
        batch.results.append(result)
        if on_result is not None:
            on_result(result)
    return batch
