"""The ``followup`` command: a thin Typer adapter over the library.

Each command parses its options, calls one library function and prints what it
returns. Library errors (:class:`followup.errors.UserError`) print as one line
per problem on stderr, without a traceback; anything else is a bug, shown as
such, with its traceback under ``--debug``. Heavy libraries are imported inside
the commands that need them so that ``--help`` stays instant.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from followup import __version__

if TYPE_CHECKING:
    from followup.errors import Problem

app = typer.Typer(
    name="followup",
    help="Turn interview notes (TOML) into the follow-up package: thank-you cards and letters, the "
    "criteria-match email, a territory plan, process ideas and the follow-up calendar.\n\n"
    "Start with: followup new \"Acme Robotics\" (--from invite.ics fills in the interviewers), fill in the "
    "file, then  followup check acme-robotics.toml  and  followup render acme-robotics.toml",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
templates_app = typer.Typer(help="List, inspect and eject the templates documents are made from.",
                            no_args_is_help=True, rich_markup_mode=None)
app.add_typer(templates_app, name="templates")

STATE = {"debug": False}
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def _err(text: str) -> None:
    typer.echo(text, err=True)


def _interrupted(error: KeyboardInterrupt, what: str) -> int:
    """Say (one line) that followup was interrupted and what that left; the exit status: 130, or 128 + signal."""
    from followup.errors import Interrupted

    by = f"interrupted by {error.signal_name}" if isinstance(error, Interrupted) else "interrupted"
    with contextlib.suppress(OSError):  # SIGHUP: the terminal may be gone
        _err(f"{by}: {what}" if what else by)
    return error.exit_status if isinstance(error, Interrupted) else EXIT_INTERRUPTED


def _raise_interrupted(signum: int, frame: object) -> None:
    from followup.errors import Interrupted

    raise Interrupted(signum)


def _terminate_like_ctrl_c() -> None:
    """SIGTERM and SIGHUP end followup the way Ctrl-C does (see batch.py), unless they are ignored (nohup)."""
    import threading

    from followup.errors import TERMINATING_SIGNALS

    if threading.current_thread() is not threading.main_thread():
        return
    for signum in TERMINATING_SIGNALS:
        if signal.getsignal(signum) == signal.SIG_DFL:
            signal.signal(signum, _raise_interrupted)


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        _err(str(problem))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"followup {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for internal errors.")] = False,
    version: Annotated[bool | None, typer.Option("--version", callback=_version, is_eager=True,
                                                    help="Print the version and exit.")] = None,
) -> None:
    STATE["debug"] = debug


@app.command()
def new(
    name: Annotated[str, typer.Argument(help="The company (or a name for the notes file).")],
    directory: Annotated[Path, typer.Option("--dir", help="Folder to write the notes file in.")] = Path("."),
    invite: Annotated[Path | None, typer.Option(
        "--from", help="An interview invitation (.ics, or an .eml with one) to fill in the role, date, format, "
        "location and interviewers from.")] = None,
) -> None:
    """Write a commented notes file to fill in after the interview; never overwrites.

    Example: followup new "Acme Robotics" --dir notes/ --from invite.ics
    """
    from followup.scaffold import write_scaffold

    path = write_scaffold(name, directory, invite=invite)
    typer.echo(f"wrote {path}")


@app.command()
def check(
    paths: Annotated[list[Path], typer.Argument(help="Notes files or folders of them.")],
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")] = False,
) -> None:
    """Load and validate notes; print errors, warnings and coaching gaps. Exit 1 on errors.

    Example: followup check notes/
    """
    from followup.check import check_paths

    results = check_paths(paths)
    failed = False
    for result in results:
        _print_problems(result.errors)
        _print_problems(result.warnings)
        for gap in result.gaps:
            typer.echo(str(gap))
        if result.errors or (strict and result.warnings):
            failed = True
        elif not result.warnings and not result.gaps:
            typer.echo(f"{result.path}: ok")
    total_errors = sum(len(result.errors) for result in results)
    typer.echo(f"checked {len(results)} notes file(s): {total_errors} error(s), "
               f"{sum(len(r.warnings) for r in results)} warning(s), {sum(len(r.gaps) for r in results)} gap(s)",
               err=failed)
    raise typer.Exit(EXIT_FAILED if failed else EXIT_OK)


DocumentsOption = Annotated[list[str] | None, typer.Option(
    "-d", "--document", help="Only this document (repeatable): thank-you-card, thank-you-letter, criteria-match, "
    "territory-plan, process-ideas, follow-up-plan, prep-sheet.")]
FormatsOption = Annotated[list[str] | None, typer.Option(
    "-f", "--format", help="Only this format (repeatable, or comma-separated: -f pdf,docx): pdf, docx, eml, txt, "
    "ics.")]
OutOption = Annotated[Path, typer.Option("-o", "--out", help="Output folder.")]
TemplatesOption = Annotated[Path | None, typer.Option(
    "--templates", help="A folder of customised templates, searched before the built-in ones.")]


def _split(values: list[str] | None) -> list[str] | None:
    """``-f pdf,docx -f txt`` -> ``[pdf, docx, txt]`` (repeated and comma-separated alike, duplicates dropped)."""
    if values is None:
        return None
    return list(dict.fromkeys(part.strip() for value in values for part in value.split(",") if part.strip()))


def _validate_choices(documents: list[str] | None,
                      formats: list[str] | None) -> tuple[list[str] | None, list[str] | None]:
    """The documents and formats asked for, split at commas; an unknown one is a usage error listing the known."""
    from followup.documents import ALL_FORMATS, DOCUMENT_NAMES

    documents, formats = _split(documents), _split(formats)
    for name in documents or []:
        if name not in DOCUMENT_NAMES:
            raise typer.BadParameter(f"{name!r} is not a document; choose from {', '.join(DOCUMENT_NAMES)}",
                                     param_hint="-d/--document")
    for fmt in formats or []:
        if fmt not in ALL_FORMATS:
            raise typer.BadParameter(f"{fmt!r} is not a format; choose from {', '.join(ALL_FORMATS)}",
                                     param_hint="-f/--format")
    return documents, formats


@app.command()
def render(
    paths: Annotated[list[Path], typer.Argument(help="Notes files or folders of them.")],
    document: DocumentsOption = None,
    fmt: FormatsOption = None,
    out: OutOption = Path("out"),
    interviewer: Annotated[str | None, typer.Option(
        "--interviewer", help="Only this interviewer's cards and letters.")] = None,
    jobs: Annotated[int | None, typer.Option("-j", "--jobs", min=1, help="Parallel workers (default: CPUs).")] = None,
    templates: TemplatesOption = None,
    force: Annotated[bool, typer.Option("--force", help="Render everything again and replace edited outputs.")] = False,
    cc_all: Annotated[bool, typer.Option("--cc-all", help="Copy every other interviewer on the criteria-match "
                                         "email (by default it goes to the decision-maker only).")] = False,
    include_private: Annotated[bool, typer.Option("--include-private", help="Show your [private] notes on the "
                                                  "prep sheet (the one document never sent).")] = False,
    prune: Annotated[bool, typer.Option("--prune", help="Remove stale outputs: files followup wrote for these "
                                        "notes that they no longer produce (an edited one only with --force).")
                     ] = False,
) -> None:
    """Render the follow-up package for notes files or whole folders into OUT.

    Example: followup render notes/ -o out/ -d thank-you-card -f pdf,docx
    """
    document, fmt = _validate_choices(document, fmt)
    from followup.batch import render_paths
    from followup.cli_output import print_batch_summary, progress_printer
    from followup.notes.discovery import find_notes
    from followup.output.paths import prepare_out

    notes_paths = find_notes(list(paths))
    prepare_out(out)
    try:
        with progress_printer(len(notes_paths)) as on_result:
            batch = render_paths(notes_paths, out=out, documents=document, formats=fmt, interviewer=interviewer,
                                 templates_dir=templates, force=force, jobs=jobs, on_result=on_result,
                                 cc_all=cc_all, include_private=include_private, prune=prune)
    except KeyboardInterrupt as error:
        raise typer.Exit(_interrupted(error, "no file is half-written; run the same command again to finish")) \
            from None
    print_batch_summary(batch)
    raise typer.Exit(EXIT_FAILED if batch.failed else EXIT_OK)


@app.command()
def drafts(
    paths: Annotated[list[Path], typer.Argument(help="Notes files or folders of them.")],
    to_mailbox: Annotated[bool, typer.Option("--to-mailbox", help="Upload them (default: only list them).")] = False,
    folder: Annotated[str | None, typer.Option(
        "--folder", help="The mailbox folder (default: drafts_folder in [mail], else the \\Drafts folder).")] = None,
    out: OutOption = Path("out"),
    templates: TemplatesOption = None,
    cc_all: Annotated[bool, typer.Option("--cc-all", help="Copy every other interviewer on the criteria-match "
                                         "email, as with render --cc-all.")] = False,
) -> None:
    """Put every email draft (.eml) of the notes into your mailbox's Drafts folder over IMAP.

    Renders what is needed into OUT first. The account is [mail] in profile.toml
    (imap_host, imap_port, user, drafts_folder); the password comes from
    FOLLOWUP_IMAP_PASSWORD, the system keyring or a prompt. Re-running replaces
    the earlier upload of a draft; a draft you edited in the mailbox is kept.
    Without --to-mailbox it lists what it would upload.

    Example: followup drafts notes/acme.toml --to-mailbox
    """
    from followup.mail.drafts import send_drafts
    from followup.notes.discovery import find_notes

    run = send_drafts(find_notes(list(paths)), out=out, to_mailbox=to_mailbox, folder=folder,
                      templates_dir=templates, cc_all=cc_all)
    for result in run.results:
        typer.echo(result.describe(), err=result.status == "failed")
    for destination in run.destinations:
        typer.echo(("would go to " if not to_mailbox else "in ") + destination)
    for error in run.errors:
        _print_problems(error.problems)
    raise typer.Exit(EXIT_FAILED if run.failed else EXIT_OK)


@app.command()
def status(
    paths: Annotated[list[Path], typer.Argument(help="Notes files or folders of them.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """A table of interviews: the next follow-up step, when it is due, overdue ones marked.

    Example: followup status notes/
    """
    from followup.cli_output import print_status
    from followup.status import collect_status

    rows = collect_status(paths)
    print_status(rows, as_json=as_json)
    raise typer.Exit(EXIT_FAILED if any(row.error for row in rows) else EXIT_OK)


@app.command()
def done(
    notes: Annotated[Path, typer.Argument(help="The notes file.")],
    step: Annotated[str, typer.Argument(help="thank-you, call, materials or check-in.")],
) -> None:
    """Mark a follow-up step done in the notes file, keeping its comments and layout.

    Example: followup done notes/acme.toml call
    """
    from followup.status import mark_done

    message = mark_done(notes, step)
    typer.echo(message)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the notes format, for editor completion and validation.

    Example: followup schema > notes.schema.json
    """
    import json

    from followup.schema import notes_json_schema

    typer.echo(json.dumps(notes_json_schema(), indent=2, ensure_ascii=False))


@app.command()
def watch(
    paths: Annotated[list[Path], typer.Argument(help="Notes files or folders to watch.")],
    out: OutOption = Path("out"),
    templates: TemplatesOption = None,
) -> None:
    """Render once, then re-render what changed each time a notes file, profile or template is saved (Ctrl-C stops).

    Each render prints the time, the notes file, what was written and the warnings.

    Example: followup watch notes/ -o out/
    """
    from followup.cli_output import print_watch_batch
    from followup.output.paths import prepare_out
    from followup.watch import check_paths, watch_paths

    check_paths(paths)
    prepare_out(out)
    try:
        watch_paths(paths, out=out, templates_dir=templates, on_batch=print_watch_batch, initial_render=True,
                    on_ready=lambda: typer.echo("watching; press Ctrl-C to stop"))
    except KeyboardInterrupt:
        typer.echo("stopped")


@app.command()
def doctor() -> None:
    """Say what followup found on this machine (HarfBuzz subsetting, fonts, templates) and what it costs.

    Example: followup doctor
    """
    from followup.doctor import diagnose

    for line in diagnose():
        typer.echo(line)


@templates_app.command("list")
def templates_list(templates: TemplatesOption = None) -> None:
    """Each document, its formats, and where its template files are (built-in or overridden).

    Example: followup templates list --templates my-templates/
    """
    from followup.cli_output import print_template_list
    from followup.template_admin import list_templates

    print_template_list(list_templates(templates))


@templates_app.command("show")
def templates_show(
    document: Annotated[str, typer.Argument(help="The document, e.g. thank-you-letter.")],
    templates: TemplatesOption = None,
) -> None:
    """The template files of one document and the variables they can use.

    Example: followup templates show thank-you-letter
    """
    _validate_choices([document], None)
    from followup.template_admin import describe_template

    typer.echo(describe_template(document, templates))


@templates_app.command("eject")
def templates_eject(
    document: Annotated[str, typer.Argument(help="The document, e.g. thank-you-letter.")],
    to: Annotated[Path, typer.Option("--to", help="Folder to copy the templates into.")] = Path("templates"),
) -> None:
    """Copy a document's built-in templates into a folder to customise; never overwrites.

    The shared page frame and stylesheet are ejected on their own: followup templates eject base

    Example: followup templates eject thank-you-letter --to my-templates/
    """
    if document != "base":
        _validate_choices([document], None)
    from followup.template_admin import eject_template

    for path in eject_template(document, to):
        typer.echo(f"wrote {path}")
    typer.echo(f"render with: followup render NOTES --templates {to}")


def main() -> None:
    """Entry point: run the app, print user errors in one place, keep tracebacks for bugs."""
    from followup.errors import UsageError, UserError

    _terminate_like_ctrl_c()
    try:
        app()  # standalone: Typer handles usage errors (exit 2) and exits with the command's status
    except UsageError as error:
        _print_problems(error.problems)
        sys.exit(EXIT_USAGE)
    except UserError as error:
        _print_problems(error.problems)
        sys.exit(EXIT_FAILED)
    except KeyboardInterrupt as error:
        sys.exit(_interrupted(error, ""))
    except Exception as error:  # a bug: say so, keep the traceback for --debug
        if STATE["debug"] or os.environ.get("FOLLOWUP_DEBUG"):
            raise
        _err(f"followup: internal error: {type(error).__name__}: {error}")
        _err("this is a bug in followup; run again with --debug for the traceback and report it")
        sys.exit(EXIT_FAILED)


def run() -> None:
    """The program's entry point (the ``followup`` script, ``python -m followup``): ``main``, then a quick exit.

    Once a command has finished, its output is flushed and the exit handlers have
    run, the process may end without the interpreter's teardown
    (:func:`followup.speedups.exit_now`). ``main`` keeps the ordinary exit for
    callers inside Python (tests); a bug's traceback (``--debug``) and a process
    with other threads still running exit the ordinary way too.
    """
    from followup.speedups import exit_now

    try:
        main()
        code: object = 0
    except SystemExit as exit_request:
        code = exit_request.code
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("message"): print it, exit 1, as the interpreter would
        print(code, file=sys.stderr)
        status = 1
    exit_now(status)
    sys.exit(status)
