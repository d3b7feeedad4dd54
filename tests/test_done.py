"""followup done: marks a step in [follow_up].done, changing that one line and keeping every other byte."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from followup.cli import app
from followup.documents.follow_up_plan import DOCUMENT as PLAN
from followup.errors import UsageError, UserError
from followup.notes import load_notes
from followup.status import mark_done

FULL = Path(__file__).parent / "documents" / "fixtures" / "full.toml"

COMMENTED = """\
# Acme, second round.   Written in the car park.
schema_version = 1   # v1

[company]
name = "Acme"  # the company

[follow_up]
call_on    = 2026-11-25   # aligned = on purpose
# what I have done so far
done = [ "thank-you" ]   # keep this comment
promised = 'A plan by Tuesday'   # literal string

# [private] below is mine
[private]
note = \"\"\"
multi-line
  text\"\"\"
"""


def write(tmp_path: Path, text: str, name: str = "notes.toml", newline: str = "\n") -> Path:
    path = tmp_path / name
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


def changed_lines(before: bytes, after: bytes) -> list[tuple[int, bytes, bytes]]:
    """(index, old, new) for each line that differs; the files must have the same number of lines."""
    old_lines, new_lines = before.splitlines(keepends=True), after.splitlines(keepends=True)
    assert len(old_lines) == len(new_lines)
    return [(index, old, new) for index, (old, new) in enumerate(zip(old_lines, new_lines)) if old != new]


def test_only_the_done_line_changes_and_comments_stay_byte_for_byte(tmp_path: Path) -> None:
    path = write(tmp_path, COMMENTED)
    before = path.read_bytes()
    message = mark_done(path, "call")
    after = path.read_bytes()
    assert changed_lines(before, after) == [
        (9, b'done = [ "thank-you" ]   # keep this comment\n',
         b'done = [ "thank-you", "call" ]   # keep this comment\n')
    ]
    assert tomllib.loads(after.decode())["follow_up"]["done"] == ["thank-you", "call"]
    assert message == f"marked call done in {path}"


def test_marking_again_changes_nothing(tmp_path: Path) -> None:
    path = write(tmp_path, COMMENTED)
    mark_done(path, "materials")
    once = path.read_bytes()
    modified = path.stat().st_mtime_ns
    assert mark_done(path, "materials") == f"materials was already marked done in {path}"
    assert path.read_bytes() == once
    assert path.stat().st_mtime_ns == modified
    assert mark_done(path, "thank-you").startswith("thank-you was already marked done")
    assert tomllib.loads(once.decode())["follow_up"]["done"] == ["thank-you", "materials"]


def test_a_missing_follow_up_table_is_added_at_the_end(tmp_path: Path) -> None:
    text = COMMENTED.replace('[follow_up]\ncall_on    = 2026-11-25   # aligned = on purpose\n'
                             '# what I have done so far\ndone = [ "thank-you" ]   # keep this comment\n'
                             "promised = 'A plan by Tuesday'   # literal string\n\n", "")
    path = write(tmp_path, text.rstrip("\n"))  # and no newline at the end of the file
    before = path.read_bytes()
    mark_done(path, "check-in")
    after = path.read_bytes()
    assert after == before + b'\n\n[follow_up]\ndone = ["check-in"]\n'
    assert tomllib.loads(after.decode())["follow_up"] == {"done": ["check-in"]}


def test_a_missing_done_key_is_added_after_the_tables_last_key(tmp_path: Path) -> None:
    text = COMMENTED.replace('# what I have done so far\ndone = [ "thank-you" ]   # keep this comment\n', "")
    path = write(tmp_path, text)
    before = path.read_bytes().splitlines(keepends=True)
    mark_done(path, "call")
    after = path.read_bytes().splitlines(keepends=True)
    index = before.index(b"promised = 'A plan by Tuesday'   # literal string\n") + 1
    assert after == before[:index] + [b'done = ["call"]\n'] + before[index:]


def test_windows_line_endings_are_kept(tmp_path: Path) -> None:
    text = COMMENTED.replace('# what I have done so far\ndone = [ "thank-you" ]   # keep this comment\n', "")
    path = write(tmp_path, text, newline="\r\n")
    before = path.read_bytes()
    mark_done(path, "call")
    after = path.read_bytes()
    assert after.count(b"\r\n") == before.count(b"\r\n") + 1
    assert after.count(b"\n") == after.count(b"\r\n")
    assert b'done = ["call"]\r\n' in after


def test_step_names_are_forgiving_and_unknown_ones_are_refused(tmp_path: Path) -> None:
    path = write(tmp_path, COMMENTED)
    assert mark_done(path, "Check_In").startswith("marked check-in done")
    assert mark_done(path, "thankyou").startswith("thank-you was already marked done")
    before = path.read_bytes()
    with pytest.raises(UsageError, match="'dance' is not a follow-up step; choose from thank-you, call, materials"):
        mark_done(path, "dance")
    assert path.read_bytes() == before


@pytest.mark.parametrize(("text", "message"), [
    ('[follow_up\ndone = []\n', "is not valid TOML"),
    ('follow_up = 3\n', "follow_up must be a table"),
    ('[follow_up]\ndone = "call"\n', "follow_up.done must be a list"),
])
def test_a_file_that_cannot_be_edited_is_left_alone(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(UserError, match=message):
        mark_done(path, "call")
    assert path.read_text(encoding="utf-8") == text


def test_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such notes file"):
        mark_done(tmp_path / "nope.toml", "call")


def test_the_command_marks_the_step_and_the_calendar_drops_it(tmp_path: Path) -> None:
    path = tmp_path / "acme.toml"
    path.write_bytes(FULL.read_bytes())
    before = path.read_bytes()
    result = CliRunner().invoke(app, ["done", str(path), "call"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == (f"marked call done in {path}; next: Thank all 3 interviewers "
                                     "by Saturday, November 21")
    # The fixture has [follow_up] without done: one line added, the rest unchanged.
    old_lines, new_lines = before.splitlines(keepends=True), path.read_bytes().splitlines(keepends=True)
    assert len(new_lines) == len(old_lines) + 1
    added = new_lines.index(b'done = ["call"]\n')
    assert new_lines[:added] + new_lines[added + 1:] == old_lines
    notes = load_notes(path).notes
    assert notes.follow_up.done == ["call"]
    summaries = [event["summary"] for event in PLAN.build_context(notes, None)["calendar"]["events"]]
    assert "Call Jordan Lee (Acme Robotics): any questions?" not in summaries
    assert len(summaries) == 4


def test_a_byte_order_mark_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + COMMENTED.encode("utf-8"))
    before = path.read_bytes()
    mark_done(path, "call")
    after = path.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf# Acme")
    assert len(changed_lines(before, after)) == 1
