"""notes/positions.py: the line of every key path in a TOML text, for error messages."""

from __future__ import annotations

from followup.notes.positions import join, key_positions, line_of, parent

TEXT = '''schema_version = 1
[company]
name = "Acme"   # a comment

[[interviewers]]
name = "Jordan"
[[interviewers]]
name = "Priya"
topics = ["ramp", "pipeline"]
style.tone = "warm"
'''


def test_every_key_path_has_its_line() -> None:
    positions = key_positions(TEXT)
    assert positions["schema_version"] == 1
    assert positions["company.name"] == 3
    assert positions["interviewers[0].name"] == 6
    assert positions["interviewers[1].name"] == 8
    assert positions["interviewers[1].topics[1]"] == 9
    assert positions["interviewers[1].style.tone"] == 10


def test_a_missing_key_falls_back_to_its_nearest_parent() -> None:
    positions = key_positions(TEXT)
    assert line_of(positions, "interviewers[1].email") == 7
    assert line_of(positions, "company.industry") == 2
    assert line_of(positions, "territory.quota") is None


def test_join_and_parent() -> None:
    assert join("interviewers", 1) == "interviewers[1]"
    assert join("company", "name") == "company.name"
    assert join("", "company") == "company"
    assert parent("interviewers[1].name") == "interviewers[1]"
    assert parent("interviewers[1]") == "interviewers"
