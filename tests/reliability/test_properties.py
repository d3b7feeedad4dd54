"""Property tests: notes made from the model always render or fail as a user error, and say exactly what was written.

For notes made by :mod:`notes_strategies` (any Unicode text including RTL,
emoji, zero-width characters, markup and newlines; empty and long lists;
extreme numbers and dates; every optional section present or absent):

1. ``render_notes`` renders every ready document, or reports a
   :class:`~followup.errors.UserError`: never another exception, never an
   "internal error" output;
2. names come out exactly as written (candidate, company, role, interviewer)
   in the text, email and DOCX outputs that show them, and the .eml's plain
   text part is the .txt output;
3. nothing from ``[private]`` reaches any file: neither the bytes nor the text
   a reader extracts.

The default (``ci``) profile renders the fast formats (txt, eml, ics, docx)
for a few dozen notes and PDFs for a handful; ``HYPOTHESIS_PROFILE=deep`` and
``-m slow`` run the long version (see docs/reliability.md).
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, note, settings
from notes_strategies import PRIVATE_MARKER, ascii_name, notes_data, to_toml
from reliability_support import FAST_FORMATS, document_outputs, eml_message, output_files, output_text, ready_documents

from followup.errors import UserError
from followup.notes import load_notes
from followup.pipeline import NotesResult, render_notes

READY = [document.name for document in ready_documents()]
# matplotlib says so for every glyph the chart fonts lack; the charts are not what these tests check.
pytestmark = pytest.mark.filterwarnings("ignore:Glyph .* missing from font")


def render_generated(data: dict[str, Any], folder: Path, formats: list[str] | None,
                     explain: bool = True) -> NotesResult:
    """Write ``data`` as a notes file in ``folder`` and render it into ``folder/out``; any exception escapes."""
    notes_path = folder / "notes.toml"
    notes_path.write_text(to_toml(data), encoding="utf-8")
    if explain:
        note(notes_path.read_text(encoding="utf-8"))
    return render_notes(notes_path, out=folder / "out", documents=READY, formats=formats, force=True)


def assert_clean_failure(result: NotesResult) -> None:
    """A failure is a user error told in one line per problem, never an internal error."""
    if result.error is not None:
        assert isinstance(result.error, UserError), result.error
        for problem in result.error.problems:
            assert "\n" not in str(problem), problem
    for output in result.outputs:
        if output.status == "failed":
            reason = output.reason or ""
            assert reason and "internal error" not in reason and "Traceback" not in reason, output


def assert_nothing_private(folder: Path) -> None:
    """The private marker is in no file's bytes and in no file's extracted text."""
    for path in output_files(folder):
        assert PRIVATE_MARKER.encode() not in path.read_bytes(), path
    for path in document_outputs(folder):
        assert PRIVATE_MARKER not in output_text(path), path


def _outputs(result: NotesResult, document: str, fmt: str) -> list[Any]:
    return [output for output in result.outputs
            if output.document == document and output.format == fmt and output.status == "written"]


def assert_names_exact(result: NotesResult, data: dict[str, Any]) -> None:
    """Names appear exactly as written where the documents show them."""
    candidate = data["candidate"]["name"]
    company = data["company"]["name"]
    role = data["role"]["title"]
    for document in ("thank-you-letter", "criteria-match"):
        for fmt in ("txt", "docx"):
            for output in _outputs(result, document, fmt):
                text = output_text(output.path)
                # The letter's plain text is the body of an email to a person: its Subject names the role,
                # its DOCX names the company in the address block; the criteria email names both.
                named = [("candidate.name", candidate)]
                if not (document == "thank-you-letter" and fmt == "txt"):  # its subject line names the role
                    named += [("company.name", company), ("role.title", role)]
                for label, value in named:
                    assert value in text, (output.path.name, label, value)
    for output in _outputs(result, "thank-you-letter", "docx"):
        assert output.interviewer in output_text(output.path), (output.path.name, output.interviewer)
    for output in _outputs(result, "thank-you-card", "docx"):
        assert candidate in output_text(output.path) or _signature(data) in output_text(output.path), output.path
    for document in ("thank-you-letter", "criteria-match"):
        for output in _outputs(result, document, "eml"):
            text_twin = output.path.with_suffix(".txt")
            message = eml_message(output.path.read_bytes())
            plain = message.get_body(("plain",)).get_content()
            if text_twin.exists():
                assert _newlines(plain) == _newlines(text_twin.read_text(encoding="utf-8")), output.path.name
            # The criteria email names the company; a thank-you letter to a person need not.
            for value in (candidate, company) if document == "criteria-match" else (candidate,):
                assert value in plain, (output.path.name, value)


def _signature(data: dict[str, Any]) -> str:
    signature = data["candidate"].get("signature")
    if signature and signature.strip():
        return signature
    return data["candidate"]["name"].split()[0]


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n")


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=notes_data())
def test_generated_notes_render_or_fail_cleanly(data: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        result = render_generated(data, Path(folder), list(FAST_FORMATS))
        assert_clean_failure(result)
        assert_nothing_private(Path(folder) / "out") if (Path(folder) / "out").exists() else None
        if result.error is None and not result.failed:
            assert_names_exact(result, data)


@settings(max_examples=max(4, settings.default.max_examples // 8),
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=notes_data(names=ascii_name(), max_interviewers=1))
def test_generated_notes_render_as_pdf(data: dict[str, Any]) -> None:
    """A few notes all the way to PDF: names (ASCII, so extraction is exact) are in the text, nothing private."""
    with tempfile.TemporaryDirectory() as folder:
        result = render_generated(data, Path(folder), ["pdf"])
        assert_clean_failure(result)
        out = Path(folder) / "out"
        if out.exists():
            assert_nothing_private(out)
        assume(result.error is None and not result.failed)
        # PDF extraction breaks lines anywhere and, for some fonts, puts NULs between the letters.
        squeeze = lambda text: re.sub(r"[\s\x00]+", "", text)  # noqa: E731
        for output in _outputs(result, "thank-you-letter", "pdf") + _outputs(result, "criteria-match", "pdf"):
            text = squeeze(output_text(output.path))
            for value in (data["candidate"]["name"], data["company"]["name"]):
                assert squeeze(value) in text, (output.path.name, value)


def test_the_strategy_makes_renderable_notes(tmp_path: Path) -> None:
    """The property is not vacuous: notes like the generated ones render completely and pass every check."""
    fixed = {
        "candidate": {"name": "Zoë O'Neil & <Co> \u202eRTL \u200b👩‍💼", "email": "zoe@example.com"},
        "company": {"name": "Fish & Chips <b>Ltd</b> \"Q\""},
        "role": {"title": "Head of {{ 7*7 }} — Sales"},
        "interview": {"date": __import__("datetime").date(2026, 11, 20)},
        "interviewers": [{"name": "שלום Lee", "email": "lee@example.com", "decision_role": "decision-maker",
                          "topics": ["a\nb", "x\r\ny"]}],
        "match": [{"criterion": "c & d", "evidence": "<e>"}],
        "private": {"note": PRIVATE_MARKER},
    }
    folder = tmp_path
    result = render_generated(fixed, folder, list(FAST_FORMATS), explain=False)
    assert result.error is None and not result.failed, result
    assert_names_exact(result, fixed)
    assert_nothing_private(folder / "out")
    written = {(output.document, output.format) for output in result.outputs if output.status == "written"}
    assert ("thank-you-letter", "docx") in written and ("criteria-match", "eml") in written


@pytest.mark.slow
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=notes_data(max_interviewers=6, long_lists=True))
def test_deep_long_lists_and_every_format(data: dict[str, Any]) -> None:
    """The deep run: long lists, more interviewers, every format including PDF."""
    with tempfile.TemporaryDirectory() as folder:
        result = render_generated(data, Path(folder), None)
        assert_clean_failure(result)
        out = Path(folder) / "out"
        if out.exists():
            assert_nothing_private(out)
        if result.error is None and not result.failed:
            assert_names_exact(result, data)


@given(data=notes_data())
@settings(max_examples=60)
def test_generated_notes_load(data: dict[str, Any]) -> None:
    """The loader accepts every valid generated file and keeps every text value exactly (private included)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "notes.toml"
        path.write_text(to_toml(data), encoding="utf-8")
        notes = load_notes(path).notes
        assert notes.candidate.name == data["candidate"]["name"]
        assert notes.company.name == data["company"]["name"]
        assert [person.name for person in notes.interviewers] == [person["name"] for person in data["interviewers"]]
        assert [person.topics for person in notes.interviewers] == [person.get("topics", [])
                                                                    for person in data["interviewers"]]
        assert notes.private["nested"]["secret"].startswith(PRIVATE_MARKER)


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-20", "9999-12-31"])
def test_extreme_interview_dates(date: str, tmp_path: Path) -> None:
    """The first and last days a date can have: a clean error or a render, never an OverflowError."""
    import datetime

    data = {
        "candidate": {"name": "Dana Whitfield"}, "company": {"name": "Acme"}, "role": {"title": "AE"},
        "interview": {"date": datetime.date.fromisoformat(date)},
        "interviewers": [{"name": "Jordan Lee"}],
        "discovery": {"decision_date": datetime.date.fromisoformat(date)},
    }
    result = render_generated(data, tmp_path, list(FAST_FORMATS), explain=False)
    assert_clean_failure(result)
