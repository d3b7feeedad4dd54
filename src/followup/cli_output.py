"""How the CLI shows results: progress, summary tables, status. The only place besides cli.py using rich."""

from __future__ import annotations

import contextlib
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from followup.batch import BatchResult
    from followup.pipeline import NotesResult


def _interactive() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI")


@contextlib.contextmanager
def progress_printer() -> Iterator[Callable[["NotesResult"], None]]:
    """A callback printing one line per finished notes file (plain lines when piped or in CI)."""

    def on_result(result: "NotesResult") -> None:
        counts = Counter(output.status for output in result.outputs)
        if result.error is not None:
            typer.echo(f"failed   {result.notes_path}", err=True)
            for problem in result.error.problems:
                typer.echo(f"  {problem}", err=True)
        else:
            summary = ", ".join(f"{count} {status}" for status, count in sorted(counts.items()))
            typer.echo(f"done     {result.notes_path}: {summary or 'nothing to do'}")
        for warning in result.warnings:
            typer.echo(f"  {warning}", err=True)

    yield on_result


def print_batch_summary(batch: "BatchResult") -> None:
    """The summary: written, unchanged, skipped (with reasons), kept (edited), failed (with the error)."""
    totals: Counter[str] = Counter()
    for result in batch.results:
        for output in result.outputs:
            totals[output.status] += 1
            if output.status in ("skipped", "kept"):
                where = output.path or output.document
                typer.echo(f"{output.status:8} {where}: {output.reason}")
            if output.status == "failed":
                typer.echo(f"failed   {output.path or output.document}: {output.reason}", err=True)
        if result.error is not None:
            totals["failed"] += 1
    parts = [f"{totals[status]} {status}" for status in ("written", "unchanged", "skipped", "kept", "failed")]
    typer.echo(f"{len(batch.results)} notes file(s): " + ", ".join(parts))


def print_status(rows: list[Any], *, as_json: bool) -> None:
    """The status table (or JSON)."""
    import json

    if as_json:
        typer.echo(json.dumps([row.as_dict() for row in rows], indent=2, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Follow-up status")
    for column in ("company", "role", "interview", "next step", "due", "overdue"):
        table.add_column(column)
    for row in rows:
        values = row.as_row()
        style = "bold red" if getattr(row, "overdue_days", 0) else None
        table.add_row(*values, style=style)
    Console().print(table)


def print_template_list(entries: list[Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Templates")
    for column in ("document", "formats", "file", "source"):
        table.add_column(column)
    for entry in entries:
        table.add_row(*entry.as_row())
    Console().print(table)
