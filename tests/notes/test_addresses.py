"""Email addresses are checked when the notes load: key path, line, and why."""

from __future__ import annotations

from pathlib import Path

import pytest
from notes_texts import MINIMAL

from followup.errors import NotesError
from followup.notes import load_notes


@pytest.mark.parametrize(("address", "why"), [
    ("a@b.example\\r\\nBcc: x@evil.example", "line break"),
    ("jordan at acme.example", "space"),
    ("jordan@@acme.example", "exactly one @"),
    ("jordan@localhost", "domain name"),
])
def test_a_bad_address_is_one_error_with_its_key_path_and_line(tmp_path: Path, address: str, why: str) -> None:
    path = tmp_path / "notes.toml"
    path.write_text(MINIMAL.replace('name = "Jordan Lee"', f'name = "Jordan Lee"\nemail = "{address}"'),
                    encoding="utf-8")
    with pytest.raises(NotesError) as raised:
        load_notes(path)
    (problem,) = raised.value.problems
    assert problem.key_path == "interviewers[0].email"
    assert problem.line == path.read_text(encoding="utf-8").splitlines().index(f'email = "{address}"') + 1
    assert why in problem.message


def test_a_good_address_is_kept_as_written(tmp_path: Path) -> None:
    path = tmp_path / "notes.toml"
    path.write_text(MINIMAL.replace('name = "Jordan Lee"', 'name = "Jordan Lee"\nemail = "jordan.lee@bücher.example"'),
                    encoding="utf-8")
    assert load_notes(path).notes.interviewers[0].email == "jordan.lee@bücher.example"
