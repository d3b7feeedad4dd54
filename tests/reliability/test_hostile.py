"""The hostile-input suite: whatever a user (or a shared template) throws at followup gets one clear line.

Every case renders through ``followup.pipeline.render_notes`` (the function
behind ``followup render``) and checks three things: the outcome is either a
full render or a :class:`~followup.errors.UserError` whose problems are each one
readable line; nothing else escapes (a RecursionError, an XML error, a
UnicodeError would be a traceback for the user); and no partial file is left
behind (no ``.tmp``, no half-written document). The notes files are in
``corpus/``; the ones too large to keep in git are written by the tests.
"""

from __future__ import annotations

import errno
import io
import os
import re
import subprocess
import sys
import zipfile
from email.headerregistry import AddressHeader
from pathlib import Path
from typing import Any

import pytest
from reliability_support import CORPUS, ROOT, document_outputs, eml_message, output_files, output_text

from followup.errors import NotesError, OutputError, TemplateError, UserError
from followup.output import atomic
from followup.pipeline import NotesResult, render_notes

PYTHON = Path(sys.executable)
FAST = ["txt", "eml", "ics", "docx"]
ALLOWED_HEADERS = {"subject", "from", "to", "cc", "date", "x-unsent", "mime-version", "content-type"}

# name -> "error" (a UserError is the right answer) or "ok" (it must render)
CORPUS_EXPECTATIONS: dict[str, Any] = {
    "empty.toml": "error",
    "binary.toml": "error",
    "not-utf8.toml": "error",
    "syntax-error.toml": "error",
    "deep-arrays.toml": "error",
    "deep-inline-tables.toml": "error",
    "deep-dotted-keys.toml": "error",
    "newline-in-email.toml": "error",
    "control-characters.toml": "error",
    "control-character-in-candidate.toml": "error",
    "newline-in-names.toml": "ok",
    "bidi-zero-width.toml": "ok",
    "path-names.toml": "ok",
    "markup-and-templates.toml": "ok",
}


def _cases() -> list[Any]:
    cases = []
    for name, expected in CORPUS_EXPECTATIONS.items():
        cases.append(expected if not isinstance(expected, str) else pytest.param(name, expected, id=name))
    return cases


def assert_one_line_problems(error: UserError) -> None:
    """Every problem prints as one readable line: no newline, no traceback, not a wall of text."""
    assert error.problems, error
    for problem in error.problems:
        text = str(problem)
        assert "\n" not in text and "\r" not in text, text
        assert "Traceback" not in text, text
        assert len(text) < 600, text


def assert_no_partial_files(out: Path) -> None:
    """No temporary file anywhere, and every document written is complete (it reads back)."""
    for path in output_files(out):
        assert not path.name.endswith(".tmp"), f"temporary file left behind: {path}"
    for path in document_outputs(out):
        if path.suffix == ".docx":
            with zipfile.ZipFile(path) as archive:
                assert archive.testzip() is None, path
        elif path.suffix == ".pdf":
            data = path.read_bytes()
            assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF"), path
        else:
            output_text(path)


def failure_lines(result: NotesResult) -> list[str]:
    """What the user is told failed: the notes file's error and each failed output's reason."""
    lines = [str(problem) for problem in result.error.problems] if result.error is not None else []
    lines += [output.reason or "" for output in result.outputs if output.status == "failed"]
    return lines


def assert_failed_clearly(result: NotesResult, kind: type[UserError] = UserError, contains: str = "") -> None:
    """The render failed as a user error (of ``kind`` when the pipeline kept the type), each line readable."""
    if result.error is not None:
        assert isinstance(result.error, kind), result.error
        assert_one_line_problems(result.error)
    lines = failure_lines(result)
    assert lines, f"expected a failure: {result}"
    for line in lines:
        assert line and "\n" not in line and "\r" not in line and "Traceback" not in line, line
        assert not line.startswith("internal error"), line
        assert len(line) < 600, line
    if contains:
        assert any(contains in line for line in lines), lines


def render(path: Path, out: Path, **options: Any) -> NotesResult:
    return render_notes(path, out=out, force=True, **options)


def test_the_corpus_is_complete() -> None:
    """Every corpus file has an expectation (a new file cannot be silently left out)."""
    assert sorted(path.name for path in CORPUS.glob("*.toml")) == sorted(CORPUS_EXPECTATIONS)


@pytest.mark.parametrize(("name", "expected"), _cases())
def test_corpus_file_renders_or_gives_one_clear_error(name: str, expected: str, tmp_path: Path) -> None:
    result = render(CORPUS / name, tmp_path, formats=FAST)
    if expected == "ok-or-error" and (result.error is not None or result.failed):
        expected = "error"
    if expected == "error":
        assert_failed_clearly(result, UserError)
    else:
        assert result.error is None, result.error
        assert not result.failed, result.outputs
        assert any(output.status == "written" for output in result.outputs)
    assert_no_partial_files(tmp_path)


@pytest.fixture(scope="module")
def hostile_renders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The corpus files that must render, each rendered once in the fast formats (and PDF for one)."""
    folders: dict[str, Path] = {}
    for name, expected in CORPUS_EXPECTATIONS.items():
        if expected != "ok":
            continue
        out = tmp_path_factory.mktemp(name.removesuffix(".toml"))
        formats = None if name == "newline-in-names.toml" else FAST
        result = render(CORPUS / name, out, formats=formats)
        assert result.error is None and not result.failed, (name, result)
        folders[name] = out
    return folders


def _eml_files(folder: Path) -> list[Path]:
    return [path for path in document_outputs(folder) if path.suffix == ".eml"]


@pytest.mark.parametrize("name", ["newline-in-names.toml", "bidi-zero-width.toml", "markup-and-templates.toml"])
def test_no_header_injection_in_any_email(name: str, hostile_renders: dict[str, Path]) -> None:
    emails = _eml_files(hostile_renders[name])
    assert emails, "the corpus file should make at least one email"
    for path in emails:
        data = path.read_bytes()
        head = data.split(b"\r\n\r\n", 1)[0] if b"\r\n\r\n" in data else data.split(b"\n\n", 1)[0]
        # Every header line is a known header or a folded continuation (starts with a space).
        for line in re.split(rb"\r?\n", head):
            assert line[:1] in (b" ", b"\t") or line.split(b":", 1)[0].lower().decode() in ALLOWED_HEADERS, line
        message = eml_message(data)
        keys = [key.lower() for key in message.keys()]
        assert set(keys) <= ALLOWED_HEADERS, keys
        assert len(keys) == len(set(keys)), keys
        assert "bcc" not in keys and "x-injected" not in keys
        for key in ("from", "to", "cc"):
            header = message.get(key)
            if header is None:
                continue
            assert isinstance(header, AddressHeader)
            for address in header.addresses:
                assert "evil.example" not in address.addr_spec, (path, address)
                assert not re.search(r"[\x00-\x1f\x7f]", address.display_name), address
        assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", str(message["subject"]))


def test_an_address_with_a_newline_is_refused_with_one_line(tmp_path: Path) -> None:
    result = render(CORPUS / "newline-in-email.toml", tmp_path, formats=["eml"])
    assert_failed_clearly(result, UserError, contains="is not an email address")
    assert not [path for path in output_files(tmp_path) if path.suffix in (".eml", ".tmp")]


def _personal(path: Path) -> bool:
    """A card, or a letter's plain text: written to a person about the role, they need not name the company."""
    return path.name.startswith("thank-you-card") or (path.name.startswith("thank-you-letter")
                                                       and path.suffix == ".txt")


def test_names_with_markup_come_out_as_written(hostile_renders: dict[str, Path]) -> None:
    """Jinja in user text is text, not code: ``{{ 7*7 }}`` stays, no 49; markup is not interpreted."""
    company = "Fish & Chips <b>Ltd</b> \"Q\" it's {{ 7*7 }} {% raw %}"
    texts = {path.name: output_text(path) for path in document_outputs(hostile_renders["markup-and-templates.toml"])
             if path.suffix in (".txt", ".docx", ".ics") and not _personal(path)}
    assert texts
    for name, text in texts.items():
        assert company in text, name
    for path in document_outputs(hostile_renders["markup-and-templates.toml"]):
        if path.suffix in (".txt", ".docx"):
            assert "49" not in output_text(path).replace("2049", ""), path  # {{ 7*7 }} never evaluated
    for path in _eml_files(hostile_renders["markup-and-templates.toml"]):
        message = eml_message(path.read_bytes())
        html = message.get_body(("html",)).get_content()
        assert "<script>" not in html and "&lt;script&gt;" in html, path


def test_bidi_and_zero_width_characters_are_kept(hostile_renders: dict[str, Path]) -> None:
    """Invisible characters are the user's text: kept as written in text and DOCX, never a crash."""
    folder = hostile_renders["bidi-zero-width.toml"]
    company = "Acme \u202escitoboR\u202c \u200bGmbH\u200d"
    for path in document_outputs(folder):
        if path.suffix in (".txt", ".docx") and not _personal(path):
            assert company in output_text(path), path


def test_ics_lines_are_never_broken(hostile_renders: dict[str, Path]) -> None:
    """Every .ics line ends in CRLF, is at most 75 octets, and is a property or a folded continuation."""
    from icalendar import Calendar

    calendars = [path for folder in hostile_renders.values() for path in document_outputs(folder)
                 if path.suffix == ".ics"]
    assert calendars
    for path in calendars:
        data = path.read_bytes()
        assert data.endswith(b"\r\n")
        lines = data[:-2].split(b"\r\n")
        for line in lines:
            assert b"\r" not in line and b"\n" not in line, (path, line)
            assert len(line) <= 75, (path, line)
            assert line[:1] == b" " or re.match(rb"^[A-Z][A-Z0-9-]*[;:]", line), (path, line)
            assert not re.search(rb"[\x00-\x08\x0a-\x1f\x7f]", line), (path, line)
        calendar = Calendar.from_ical(data)
        assert calendar.walk("VEVENT"), path


def test_names_that_are_paths_stay_inside_out(hostile_renders: dict[str, Path]) -> None:
    out = hostile_renders["path-names.toml"].resolve()
    files = document_outputs(out)
    assert files
    for path in files:
        assert path.resolve().is_relative_to(out), path
        relative = path.relative_to(out)
        assert len(relative.parts) == 3, relative
        for part in relative.parts:
            stem = part.split(".")[0]
            assert re.fullmatch(r"[a-z0-9-]+(\.[a-z]+)?", part) or re.fullmatch(r"\d{4}-\d{2}-\d{2}", part), part
            assert stem.split("--")[-1] not in {"con", "prn", "aux", "nul", "com1", "lpt1"}, part
    # one distinct card file per interviewer: no two names collapse into one file
    from followup.notes import load_notes

    people = load_notes(CORPUS / "path-names.toml").notes.interviewers
    cards = [path for path in files if path.name.startswith("thank-you-card--") and path.suffix == ".docx"]
    assert len(cards) == len(people) == 7, [path.name for path in cards]


@pytest.mark.parametrize(("name", "key_path"), [("control-character-in-candidate.toml", "candidate.name"),
                                                 ("control-characters.toml", "company.name")])
def test_a_control_character_is_blamed_on_the_notes_not_the_template(name: str, key_path: str,
                                                                     tmp_path: Path) -> None:
    """Refused when the notes load, with the key path and the line, before any document is made."""
    result = render(CORPUS / name, tmp_path, formats=["docx"])
    assert_failed_clearly(result, NotesError)
    lines = failure_lines(result)
    assert any(key_path in line and "control character" in line for line in lines), lines
    assert not any("template" in line.casefold() for line in lines), lines
    assert not tmp_path.exists() or not document_outputs(tmp_path)


def test_a_file_over_one_mebibyte_is_refused(tmp_path: Path) -> None:
    notes = tmp_path / "huge.toml"
    filler = "# " + "x" * 1000 + "\n"
    text = (CORPUS / "path-names.toml").read_text(encoding="utf-8")
    notes.write_text(text + filler * 1100, encoding="utf-8")
    assert notes.stat().st_size > 1024 * 1024
    out = tmp_path / "out"
    result = render(notes, out)
    assert_failed_clearly(result, NotesError)
    assert_failed_clearly(result, NotesError, contains="1 MiB")
    assert not out.exists() or not output_files(out)


def test_a_huge_array_is_one_error_not_a_hang(tmp_path: Path) -> None:
    """300,000 topics (under 1 MiB): the model's list limit answers, in one line per problem."""
    notes = tmp_path / "huge-array.toml"
    text = (CORPUS / "path-names.toml").read_text(encoding="utf-8")
    topics = "topics = [" + ",".join(['""'] * 300_000) + "]\n"
    notes.write_text(text.replace('name = "CON"\n', 'name = "CON"\n' + topics, 1), encoding="utf-8")
    assert notes.stat().st_size < 1024 * 1024
    result = render(notes, tmp_path / "out")
    assert_failed_clearly(result, NotesError)
    assert len(failure_lines(result)) < 20


@pytest.mark.parametrize("depth", [10_000])
@pytest.mark.parametrize("kind", ["arrays", "inline-tables"])
def test_load_notes_turns_deep_nesting_into_a_notes_error(kind: str, depth: int, tmp_path: Path) -> None:
    from followup.notes import load_notes

    notes = tmp_path / "deep.toml"
    value = "[" * depth + "]" * depth if kind == "arrays" else "{a = " * depth + "1" + "}" * depth
    notes.write_text(f"x = {value}\n", encoding="utf-8")
    with pytest.raises(NotesError) as caught:
        load_notes(notes)
    assert_one_line_problems(caught.value)


def test_a_template_folder_that_is_a_symlink_loop(tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    result = render(CORPUS / "bidi-zero-width.toml", tmp_path / "out", templates_dir=loop, formats=FAST)
    assert_failed_clearly(result, TemplateError)
    assert not (tmp_path / "out").exists() or not output_files(tmp_path / "out")


def test_a_symlink_loop_inside_a_template_folder(tmp_path: Path) -> None:
    """A loop in a user's template folder (an ejected copy gone wrong) must not hang or crash the render."""
    folder = tmp_path / "templates"
    (folder / "thank-you-card").mkdir(parents=True)
    (folder / "thank-you-card" / "again").symlink_to(folder / "thank-you-card")
    (folder / "self").symlink_to(folder / "self")
    result = render(CORPUS / "bidi-zero-width.toml", tmp_path / "out", templates_dir=folder, formats=["txt", "docx"])
    if result.error is not None:
        assert_failed_clearly(result, UserError)
    else:
        assert not result.failed, result.outputs
    assert_no_partial_files(tmp_path / "out")


def test_templates_named_in_the_notes_that_loop(tmp_path: Path) -> None:
    """``style.templates`` naming a symlink loop: a TemplateError, not a traceback."""
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    notes = tmp_path / "notes.toml"
    notes.write_text((CORPUS / "path-names.toml").read_text(encoding="utf-8") + '\n[style]\ntemplates = "loop"\n',
                     encoding="utf-8")
    result = render(notes, tmp_path / "out", formats=FAST)
    assert_failed_clearly(result, TemplateError)


def test_an_output_folder_that_cannot_be_created(tmp_path: Path) -> None:
    """OUT under a regular file: mkdir fails even for root (chmod 0o555 would not stop root)."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = render(CORPUS / "path-names.toml", blocker / "out", formats=FAST)
    assert_failed_clearly(result, OutputError)
    assert blocker.read_text() == "not a folder"


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        result = render(CORPUS / "path-names.toml", out, formats=FAST)
        assert_failed_clearly(result, OutputError)
        assert not output_files(out)
    finally:
        out.chmod(0o755)


def test_a_target_that_is_a_folder(tmp_path: Path) -> None:
    """Something in the way that cannot be replaced: one error, the temporary file removed."""
    out = tmp_path / "out"
    first = render(CORPUS / "markup-and-templates.toml", out, formats=["txt"])
    assert first.error is None and not first.failed
    target = next(path for path in document_outputs(out) if path.suffix == ".txt")
    target.unlink()
    target.mkdir()
    result = render(CORPUS / "markup-and-templates.toml", out, formats=["txt"])
    if not any(output.status == "kept" for output in result.outputs):
        assert_failed_clearly(result, OutputError)
    assert target.is_dir()
    assert not [path for path in output_files(out) if path.name.endswith(".tmp")]


class _FullDisk:
    """Stands in for the ``os`` module inside followup.output.atomic: every write fails with ENOSPC."""

    def __getattr__(self, name: str) -> Any:
        return getattr(os, name)

    @staticmethod
    def write(descriptor: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    @staticmethod
    def fdopen(descriptor: int, *args: Any, **kwargs: Any) -> Any:
        handle = os.fdopen(descriptor, *args, **kwargs)

        class FullHandle(io.RawIOBase):
            def __enter__(self) -> FullHandle:
                return self

            def __exit__(self, *exc: object) -> None:
                handle.close()

            def write(self, data: Any) -> int:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

            def flush(self) -> None:
                handle.flush()

            def fileno(self) -> int:
                return handle.fileno()

            def close(self) -> None:
                handle.close()

        return FullHandle()


def test_a_full_disk_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    first = render(CORPUS / "markup-and-templates.toml", out, formats=["txt", "docx"])
    assert first.error is None and not first.failed
    before = {path: path.read_bytes() for path in document_outputs(out)}
    for path in before:  # make every file need rewriting
        path.write_bytes(b"edited")
    edited = {path: path.read_bytes() for path in before}
    monkeypatch.setattr(atomic, "os", _FullDisk())
    result = render(CORPUS / "markup-and-templates.toml", out, formats=["txt", "docx"])
    monkeypatch.undo()
    assert_failed_clearly(result, OutputError)
    assert_failed_clearly(result, OutputError, contains="No space left on device")
    assert {path: path.read_bytes() for path in before} == edited  # old bytes untouched, nothing half-written
    assert not [path for path in output_files(out) if path.name.endswith(".tmp")]


def test_a_full_disk_on_a_new_file_creates_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(atomic, "os", _FullDisk())
    out = tmp_path / "out"
    result = render(CORPUS / "markup-and-templates.toml", out, formats=["txt"])
    monkeypatch.undo()
    assert_failed_clearly(result, OutputError, contains="No space left on device")
    if out.exists():
        assert not document_outputs(out), output_files(out)
        assert not [path for path in output_files(out) if path.name.endswith(".tmp")]


def _cli(*arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    environment.pop("FOLLOWUP_DEBUG", None)
    return subprocess.run([str(PYTHON), "-m", "followup", *arguments], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env=environment)


@pytest.mark.parametrize("name", ["binary.toml", "newline-in-email.toml", "deep-arrays.toml",
                                  "control-characters.toml"])
def test_the_command_line_prints_one_line_per_problem_and_exits_1(name: str, tmp_path: Path) -> None:
    completed = _cli("render", str(CORPUS / name), "-o", str(tmp_path / "out"), "-f", "eml", cwd=tmp_path)
    assert completed.returncode == 1, completed
    assert "Traceback" not in completed.stderr
    assert "internal error" not in completed.stderr + completed.stdout, completed.stderr + completed.stdout
    assert not [path for path in output_files(tmp_path) if path.name.endswith(".tmp")]


def test_interviewers_with_the_same_slug_do_not_share_a_file(tmp_path: Path) -> None:
    notes = tmp_path / "same-names.toml"
    notes.write_text((CORPUS / "markup-and-templates.toml").read_text(encoding="utf-8") + """
[[interviewers]]
name = "Sam Lee"
personal_note = "first"

[[interviewers]]
name = "Sam Lee"
personal_note = "second"

[[interviewers]]
name = "sam-lee"
""", encoding="utf-8")
    result = render(notes, tmp_path / "out", formats=["docx"], documents=["thank-you-card"])
    if result.error is not None or result.failed:
        assert_failed_clearly(result)
        return
    cards = [path for path in document_outputs(tmp_path / "out") if path.name.startswith("thank-you-card--")]
    assert len(cards) == 4, [path.name for path in cards]
