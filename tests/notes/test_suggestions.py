"""notes/suggestions.py: "did you mean" for unknown keys, and unknown keys removed with a warning each."""

from __future__ import annotations

from followup.notes.model import Candidate
from followup.notes.suggestions import closest, remove_unknown_keys


def test_closest_suggests_a_near_key_only() -> None:
    assert closest("compnay", ["company", "role"]) == "company"
    assert closest("zzz", ["company", "role"]) is None


def test_unknown_keys_are_removed_with_a_suggestion() -> None:
    data = {"name": "Dana", "emial": "dana@example.com"}
    warnings = remove_unknown_keys(data, Candidate, file=None, line_of=lambda path: 3, prefix="candidate")
    assert data == {"name": "Dana"}
    assert len(warnings) == 1
    warning = warnings[0]
    assert warning.severity == "warning" and warning.line == 3 and warning.key_path == "candidate.emial"
    assert "email" in (warning.message + (warning.hint or ""))
