"""How the CLI shows results: progress, summary tables, status. The only place besides cli.py using rich."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from followup.batch import BatchResult
    from followup.pipeline import NotesResult


STATUS_ORDER = ("written", "unchanged", "skipped", "kept", "failed")
#: shown only when there are some
EXTRA_STATUSES = ("stale", "pruned")
#: at most this many output folders are named one per line at the end of a render
MAX_FOLDER_LINES = 8


def _interactive(stream: Any = None) -> bool:
    """A terminal a person is watching: draw bars and tables; otherwise (a pipe, CI) plain lines."""
    stream = stream if stream is not None else sys.stderr
    return bool(stream.isatty()) and not os.environ.get("CI")


def _file_summary(result: NotesResult) -> str:
    counts: Counter[str] = Counter(output.status for output in result.outputs)
    parts = [f"{counts[status]} {status}" for status in STATUS_ORDER + EXTRA_STATUSES if counts[status]]
    return ", ".join(parts) or "nothing to do"


def _counts_text(counts: Counter[str]) -> str:
    """``3 written, 0 unchanged, 1 skipped, 0 kept, 0 failed`` (stale and pruned when there are some)."""
    shown = STATUS_ORDER + tuple(status for status in EXTRA_STATUSES if counts[status])
    return ", ".join(f"{counts[status]} {status}" for status in shown)


def where_lines(batch: BatchResult) -> list[str]:
    """Where the files are: each output folder with its counts, or the folders' common parent when many."""
    by_folder: dict[str, Counter[str]] = {}
    for result in batch.results:
        if result.folder is None:
            continue
        counts = by_folder.setdefault(str(result.folder), Counter())
        for output in result.outputs:
            counts[output.status] += 1
        if result.error is not None:
            counts["failed"] += 1
    if not by_folder:
        return []
    def there(counts: Counter[str]) -> str:
        return "files are in" if counts["written"] + counts["unchanged"] + counts["kept"] else "nothing written to"

    if len(by_folder) <= MAX_FOLDER_LINES:
        return [f"{there(counts)} {folder}{os.sep}: {_counts_text(counts)}"
                for folder, counts in sorted(by_folder.items())]
    common = os.path.commonpath(list(by_folder))
    totals = batch.totals()
    return [f"{there(totals)} {len(by_folder)} folders under {common}{os.sep}: {_counts_text(totals)}"]


@contextlib.contextmanager
def progress_printer(total: int | None = None) -> Iterator[Callable[[NotesResult], None]]:
    """A callback showing each finished notes file: a rich progress bar on a terminal, plain lines otherwise.

    Failures and warnings are printed as they come (above the bar), to stderr.
    ``total`` is the number of notes files, for the bar and the ``[3/12]`` counter.
    """
    if _interactive():
        with _rich_progress(total) as on_result:
            yield on_result
        return
    finished = 0

    def on_plain_result(result: NotesResult) -> None:
        nonlocal finished
        finished += 1
        counter = f"[{finished}/{total}] " if total else ""
        if result.error is not None:
            typer.echo(f"{counter}failed {result.notes_path}", err=True)
            for problem in result.error.problems:
                typer.echo(f"  {problem}", err=True)
        else:
            typer.echo(f"{counter}done {result.notes_path}: {_file_summary(result)}")
        for warning in result.warnings:
            typer.echo(f"  {warning}", err=True)

    yield on_plain_result


@contextlib.contextmanager
def _rich_progress(total: int | None) -> Iterator[Callable[[NotesResult], None]]:
    from rich.console import Console
    from rich.markup import escape
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    columns = (TextColumn("rendering"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
               TextColumn("{task.description}"))
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("", total=total)

        def on_result(result: NotesResult) -> None:
            if result.error is not None:
                progress.console.print(f"[red]failed[/red] {escape(str(result.notes_path))}")
                for problem in result.error.problems:
                    progress.console.print(f"  {escape(str(problem))}", highlight=False)
            for warning in result.warnings:
                progress.console.print(f"  [yellow]{escape(str(warning))}[/yellow]", highlight=False)
            progress.update(task, advance=1, description=escape(result.notes_path.name))

        yield on_result


def print_watch_batch(batch: BatchResult) -> None:
    """One render of ``watch``: the time and notes file, what was written, what to look at, the warnings."""
    import datetime

    stamp = datetime.datetime.now().strftime("%H:%M:%S")
    for result in batch.results:
        name = result.notes_path.name
        if result.error is not None:
            typer.echo(f"{stamp} {name}: failed", err=True)
            for problem in result.error.problems:
                typer.echo(f"  {problem}", err=True)
        else:
            typer.echo(f"{stamp} {name}: {_file_summary(result)} ({batch.elapsed_seconds:.2f} s)")
            for output in result.outputs:
                if output.status == "written":
                    typer.echo(f"  wrote {output.path}")
                elif output.status in ("kept", "failed", "stale", "pruned"):
                    where = output.path or output.document
                    typer.echo(f"  {output.status} {where}: {output.reason or ''}", err=output.status == "failed")
        for warning in result.warnings:
            typer.echo(f"  {warning}", err=True)


def _details(batch: BatchResult) -> list[tuple[str, str, str]]:
    """(status, where, why) for everything a user should look at: skipped, kept and failed."""
    rows: list[tuple[str, str, str]] = []
    for result in batch.results:
        if result.error is not None:
            problems = result.error.problems or []
            why = "; ".join(str(dataclasses.replace(problem, file=None)) if problem.file == result.notes_path
                            else str(problem) for problem in problems) or str(result.error)
            rows.append(("failed", str(result.notes_path), why))
        for output in result.outputs:
            if output.status in ("skipped", "kept", "failed", "stale", "pruned"):
                where = str(output.path) if output.path else f"{result.notes_path}: {output.document}"
                rows.append((output.status, where, output.reason or ""))
    return rows


def print_batch_summary(batch: BatchResult) -> None:
    """The summary: written, unchanged, skipped (with reasons), kept (edited), failed (with the error).

    A rich table on a terminal; plain lines (failures on stderr) when piped or in CI.
    """
    totals = batch.totals()
    line = f"{len(batch.results)} notes file(s): {_counts_text(totals)}"
    rows = _details(batch)
    if not _interactive(sys.stdout):
        for status, where, why in rows:
            typer.echo(f"{status:9} {where}: {why}", err=status == "failed")
        typer.echo(line)
        for where_line in where_lines(batch):
            typer.echo(where_line)
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if rows:
        # Paths and reasons fold onto more lines rather than being cut ("interviewe…") on narrow terminals.
        table = Table(show_header=True, header_style="bold", expand=False)
        table.add_column("status", no_wrap=True)
        table.add_column("file", overflow="fold", ratio=1)
        table.add_column("why", overflow="fold", ratio=1)
        styles = {"failed": "red", "kept": "yellow", "skipped": "dim", "stale": "yellow"}
        for status, where, why in rows:
            table.add_row(status, where, why, style=styles.get(status))
        console.print(table)
    shown = STATUS_ORDER + tuple(status for status in EXTRA_STATUSES if totals[status])
    summary = Table(title=f"{len(batch.results)} notes file(s)", title_justify="left")
    for status in shown:
        summary.add_column(status, justify="right", overflow="fold",
                           style="red" if status == "failed" and totals[status] else None)
    summary.add_row(*(str(totals[status]) for status in shown))
    console.print(summary)
    for where_line in where_lines(batch):  # not wrapped by rich: a path stays whole to copy
        typer.echo(where_line)


#: below this many columns, status and templates tables use their narrow layout
NARROW_WIDTH = 100


def print_status(rows: list[Any], *, as_json: bool) -> None:
    """The status table (or JSON).

    Every column folds instead of ending in "…". Below :data:`NARROW_WIDTH` columns
    (an 80-column terminal) the table has four columns instead of six: the role
    goes under the company and the days overdue under the due date, so the next
    step (with the interviewers' names) keeps room to wrap on words.
    """
    import json

    if as_json:
        typer.echo(json.dumps([row.as_dict() for row in rows], indent=2, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    table = Table(title="Follow-up status")
    narrow = console.width < NARROW_WIDTH
    if narrow:
        table.add_column("company, role", overflow="fold", ratio=2)
        table.add_column("interview", overflow="fold", ratio=1)
        table.add_column("next step", overflow="fold", ratio=3)
        table.add_column("due", overflow="fold", ratio=1)
    else:
        for column in ("company", "role", "interview", "next step", "due", "overdue"):
            table.add_column(column, overflow="fold", ratio=2 if column in ("next step", "company", "role") else 1)
    for row in rows:
        values = row.as_row()
        style = "bold red" if getattr(row, "overdue_days", 0) else None
        if narrow:
            company, role, interview, step, due, overdue = values
            values = ("\n".join(part for part in (company, role) if part), interview, step,
                      "\n".join(part for part in (due, overdue) if part))
        table.add_row(*values, style=style)
    console.print(table)


def print_template_list(entries: list[Any]) -> None:
    """The templates table. Below :data:`NARROW_WIDTH` columns, a file is named relative to its
    templates folder and the folders are named once, under the table, so no path is cut."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    narrow = console.width < NARROW_WIDTH
    table = Table(title="Templates")
    for column in ("document", "formats", "file", "source"):
        table.add_column(column, overflow="fold", ratio=3 if column == "file" else 1)
    folders: dict[str, str] = {}
    for entry in entries:
        document, formats, file, source = entry.as_row()
        if narrow:
            root = str(entry.path)[: -len(entry.relative)].rstrip("/\\") if str(entry.path).endswith(
                entry.relative) else str(entry.path.parent)
            folders.setdefault(source, root)
            file = entry.relative
        table.add_row(document, formats, file, source)
    console.print(table)
    for source, root in folders.items():
        console.print(f"{source}: {root}", highlight=False, markup=False, overflow="fold")
