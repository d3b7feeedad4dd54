"""The JSON Schema of the notes format, for editor completion and validation.

``followup schema`` prints it; a copy is committed at ``schema/notes-v1.schema.json``
(a test fails when that copy is stale; regenerate it with ``make schema``).
"""

from __future__ import annotations

from typing import Any

from followup.notes.model import Notes

SCHEMA_ID = "https://followup.example/schema/notes-v1.json"
SCHEMA_FILE_NAME = "notes-v1.schema.json"


def notes_json_schema() -> dict[str, Any]:
    """The notes format as JSON Schema (draft 2020-12).

    ``[candidate]`` is not required here: it may live in a profile.toml, and an
    editor validating a single notes file cannot see that profile. The loader
    still requires a candidate name from the notes or a profile.
    """
    schema = Notes.model_json_schema(by_alias=True, mode="validation")
    ordered: dict[str, Any] = {"$schema": "https://json-schema.org/draft/2020-12/schema"}
    ordered.update(schema)
    ordered["$id"] = SCHEMA_ID
    required = [name for name in ordered.get("required", []) if name != "candidate"]
    ordered["required"] = required
    return ordered


def schema_text() -> str:
    """The schema as the text ``followup schema`` prints (and the committed file holds)."""
    import json

    return json.dumps(notes_json_schema(), indent=2, ensure_ascii=False) + "\n"
