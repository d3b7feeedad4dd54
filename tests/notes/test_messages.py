"""notes/messages.py: pydantic's errors in plain English, from real validation errors."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, Field, ValidationError

from followup.notes.messages import describe_input, message_for


class Sample(BaseModel):
    name: str = Field(min_length=1)
    count: int = Field(ge=0, le=10)
    tags: list[str] = Field(default_factory=list, max_length=2)


def messages(data: dict[str, object]) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        Sample.model_validate(data)
    return {str(error["loc"][0]): message_for(error) for error in caught.value.errors()}


def test_missing_empty_and_out_of_range_values() -> None:
    found = messages({"name": "", "count": 11, "tags": ["a", "b", "c"]})
    assert found["name"] == "must not be empty"
    assert "10" in found["count"] and "Input should" not in found["count"]
    assert "2" in found["tags"]
    assert messages({"count": 1})["name"] == "is required but missing"


def test_a_wrong_type_names_what_was_given() -> None:
    message = messages({"name": "x", "count": "many"})["count"]
    assert "many" in message


def test_describe_input_shortens_long_text() -> None:
    assert describe_input("x" * 100).endswith("…'")
    assert len(describe_input("x" * 100)) < 50
    assert describe_input(3) == "3"
