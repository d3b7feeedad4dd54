"""followup new writes a file that loads; the committed schema is fresh; every example loads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from notes_texts import REPO

from followup.check import check_notes
from followup.errors import UserError
from followup.notes import load_notes
from followup.notes.discovery import find_notes
from followup.notes.model import Notes
from followup.scaffold import write_scaffold
from followup.schema import SCHEMA_FILE_NAME, notes_json_schema, schema_text

EXAMPLES = REPO / "examples"


def test_scaffold_loads_as_written(tmp_path: Path, config_dir: Path) -> None:
    path = write_scaffold("Acme Robotics & Co", tmp_path / "notes")
    assert path == tmp_path / "notes" / "acme-robotics-co.toml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith(f"#:schema ./{SCHEMA_FILE_NAME}\n")
    loaded = load_notes(path)
    assert loaded.warnings == []
    assert loaded.notes.company.name == "Acme Robotics & Co"
    assert (path.parent / SCHEMA_FILE_NAME).read_text(encoding="utf-8") == schema_text()
    # the placeholders left are errors
    assert {e.key_path for e in check_notes(path).errors} == {"candidate.name", "role.title", "interviewers[0].name"}


def test_scaffold_covers_every_table_and_asks_the_discovery_questions(tmp_path: Path) -> None:
    text = write_scaffold("Acme", tmp_path).read_text(encoding="utf-8")
    for table in ("[candidate]", "[company]", "[role]", "[interview]", "[[interviewers]]", "[discovery]",
                  "[[match]]", "[close]", "[[close.objections]]", "[territory]", "[[territory.segments]]",
                  "[[territory.accounts]]", "[[territory.plan]]", "[[ideas]]", "[follow_up]", "[private]",
                  "[style]"):
        assert table in text, table
    assert "What would the person in this role need to accomplish in the first 90 days to be a success?" in text
    assert "If you had to decide today, would you hire me?" in text
    assert Notes.model_fields["discovery"].annotation.model_fields["pains"].description in text


def test_scaffold_with_every_line_uncommented_loads(tmp_path: Path, config_dir: Path) -> None:
    path = write_scaffold("Acme", tmp_path)
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        body = line[2:] if line.startswith("# ") else line
        if body.startswith(("[", "schema_version")) or (" = " in body and not body.startswith(("#", " "))):
            lines.append(body)
    full = tmp_path / "full.toml"
    full.write_text("\n".join(lines) + "\n", encoding="utf-8")
    notes = load_notes(full).notes
    assert notes.territory is not None and notes.territory.segments and notes.ideas and notes.match


def test_scaffold_never_overwrites(tmp_path: Path) -> None:
    path = write_scaffold("Acme", tmp_path)
    path.write_text("my notes", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        write_scaffold("Acme", tmp_path)
    assert caught.value.problems[0].file == path
    assert path.read_text(encoding="utf-8") == "my notes"


def test_scaffold_leaves_an_existing_schema_file_alone(tmp_path: Path) -> None:
    (tmp_path / SCHEMA_FILE_NAME).write_text("{}", encoding="utf-8")
    write_scaffold("Acme", tmp_path)
    assert (tmp_path / SCHEMA_FILE_NAME).read_text(encoding="utf-8") == "{}"


def test_scaffold_defers_to_a_profile(tmp_path: Path, config_dir: Path) -> None:
    (tmp_path / "profile.toml").write_text('[candidate]\nname = "Sam Rivera"\n[style]\ntone = "formal"\n',
                                           encoding="utf-8")
    path = write_scaffold("Northwind", tmp_path)
    assert "\n# [candidate]\n" in path.read_text(encoding="utf-8")
    notes = load_notes(path).notes
    assert notes.candidate.name == "Sam Rivera" and notes.style.tone == "formal"


def test_committed_schema_is_fresh() -> None:
    committed = REPO / "schema" / "notes-v1.schema.json"
    assert committed.read_text(encoding="utf-8") == schema_text(), (
        "schema/notes-v1.schema.json is stale; regenerate it with `make schema` "
        "(or: followup schema > schema/notes-v1.schema.json)")


def test_schema_describes_the_notes() -> None:
    schema = notes_json_schema()
    assert schema["$id"].endswith("notes-v1.json")
    assert "candidate" not in schema["required"]  # it may live in profile.toml
    assert {"company", "role", "interview", "interviewers"} <= set(schema["required"])
    assert schema["properties"]["private"]["type"] == "object"
    json.dumps(schema)


def test_every_example_loads_and_checks_without_errors_or_warnings() -> None:
    paths = find_notes([EXAMPLES])
    names = {path.relative_to(EXAMPLES).as_posix() for path in paths}
    assert {"acme-robotics.toml", "minimal/northwind.toml", "berlin-gmbh.toml"} <= names
    for path in paths:
        result = check_notes(path)
        assert result.errors == [] and load_notes(path).warnings == [], (path, [str(p) for p in result.errors])
    # The full example is what a careful user writes: nothing for any document to warn about.
    assert check_notes(EXAMPLES / "acme-robotics.toml").warnings == []


def test_full_example_is_full() -> None:
    loaded = load_notes(EXAMPLES / "acme-robotics.toml")
    notes = loaded.notes
    assert len(notes.interviewers) == 3 and notes.decision_maker.decision_role == "decision-maker"
    assert len({(tuple(p.topics), p.personal_note) for p in notes.interviewers}) == 3
    assert len(notes.match) >= 5 and notes.close.objections
    territory = notes.territory
    assert territory is not None and territory.quota and territory.ramp and len(territory.segments) == 3
    assert len(territory.accounts) >= 8 and {a.tier for a in territory.accounts} == {"A", "B", "C"}
    assert len(territory.plan) == 3 and "3x pipeline coverage by end of Q1" in territory.kpis
    assert 3 <= len(notes.ideas) <= 4 and any(idea.is_quick_win for idea in notes.ideas)
    assert notes.follow_up.promised and notes.private and notes.style.locale == "en_US"
    assert any("José" in p.name for p in notes.interviewers) and "R&D" in notes.interviewers[2].title
    assert check_notes(EXAMPLES / "acme-robotics.toml").gaps == []


def test_minimal_example_relies_on_its_profile() -> None:
    loaded = load_notes(EXAMPLES / "minimal" / "northwind.toml")
    assert loaded.notes.candidate.name == "Sam Rivera" and loaded.notes.style.tone == "formal"
    assert EXAMPLES / "minimal" / "profile.toml" in loaded.sources


def test_german_example() -> None:
    notes = load_notes(EXAMPLES / "berlin-gmbh.toml").notes
    assert notes.style.locale == "de_DE" and notes.style.paper == "a4"
    assert notes.territory is not None and notes.territory.currency == "EUR"
