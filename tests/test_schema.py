"""schema.py: the notes JSON Schema validates the examples' shape and matches the committed file."""

from __future__ import annotations

import json
from pathlib import Path

from followup.schema import notes_json_schema, schema_text

ROOT = Path(__file__).resolve().parents[1]


def test_the_schema_describes_the_notes_tables() -> None:
    schema = notes_json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert {"company", "role", "interview", "interviewers"} <= set(schema["required"])
    assert "candidate" not in schema["required"]  # it may come from a profile.toml
    assert "private" in schema["properties"]


def test_the_schema_text_is_json_and_the_committed_file() -> None:
    text = schema_text()
    assert json.loads(text) == notes_json_schema()
    assert (ROOT / "schema" / "notes-v1.schema.json").read_text(encoding="utf-8") == text
