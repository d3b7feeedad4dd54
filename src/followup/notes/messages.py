"""Plain-English wording for pydantic's validation errors.

pydantic says "Field required" and "Input should be 'onsite', 'video' or
'phone'"; a user editing a notes file wants "is required but missing" and
"must be one of: onsite, video, phone (got 'perhaps')". :func:`message_for`
turns one pydantic error (a dict from ``ValidationError.errors()``) into that
sentence. Our own validators (dates, ramp, currency, colour, locale) already
speak plainly; their ``Value error, `` prefix is simply removed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_GOT_MAX = 40

# pydantic error type -> message; ``{...}`` fields come from the error's ctx.
MESSAGES: dict[str, str] = {
    "missing": "is required but missing",
    "extra_forbidden": "is not a known key",
    "string_type": "must be text in quotes, like \"...\"",
    "string_too_short": "must not be empty",
    "string_too_long": "is too long (at most {max_length} characters)",
    "int_type": "must be a whole number, like 140",
    "int_parsing": "must be a whole number, like 140",
    "int_from_float": "must be a whole number, like 140",
    "float_type": "must be a number, like 1200000 or 0.25",
    "float_parsing": "must be a number, like 1200000 or 0.25",
    "finite_number": "must be a finite number",
    "bool_type": "must be true or false (without quotes)",
    "bool_parsing": "must be true or false (without quotes)",
    "list_type": "must be a list, like [\"first\", \"second\"]",
    "tuple_type": "must be a list, like [\"first\", \"second\"]",
    "model_type": "must be a table (a [section] or { key = value })",
    "model_attributes_type": "must be a table (a [section] or { key = value })",
    "dict_type": "must be a table (a [section] or { key = value })",
    "date_type": "must be a date, written as YYYY-MM-DD, like 2026-11-20",
    "date_parsing": "must be a date, written as YYYY-MM-DD, like 2026-11-20",
    "date_from_datetime_inexact": "must be a date without a time, like 2026-11-20",
    "greater_than": "must be more than {gt}",
    "greater_than_equal": "must be at least {ge}",
    "less_than": "must be less than {lt}",
    "less_than_equal": "must be at most {le}",
}

# Types where showing what the user wrote helps ("got 'perhaps'").
_SHOW_INPUT = {
    "literal_error", "int_type", "int_parsing", "int_from_float", "float_type", "float_parsing",
    "bool_type", "bool_parsing", "string_type", "greater_than", "greater_than_equal",
    "less_than", "less_than_equal", "date_type", "date_parsing",
}


def describe_input(value: Any) -> str:
    """A short rendering of what the user wrote, for "(got ...)"."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        text = value if len(value) <= _GOT_MAX else value[: _GOT_MAX - 1] + "…"
        return repr(text)
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    return text if len(text) <= _GOT_MAX else text[: _GOT_MAX - 1] + "…"


def _number(value: Any) -> Any:
    """``0.0`` as ``0``, ``1e15`` as ``1000000000000000``: numbers as a person writes them."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def message_for(error: Mapping[str, Any]) -> str:
    """The plain-English message for one pydantic error."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    value = error.get("input")
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", ""))) or [str(ctx.get("expected", ""))]
        text = "must be one of: " + ", ".join(allowed)
    elif kind == "value_error" or kind == "assertion_error":
        return str(error.get("msg", "")).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    elif kind == "too_short":
        minimum = int(ctx.get("min_length", 1))
        text = f"needs at least {_plural(minimum, 'entry')}".replace("entrys", "entries")
    elif kind == "too_long":
        maximum = int(ctx.get("max_length", 0))
        text = f"has too many entries (at most {maximum})"
    elif kind in MESSAGES:
        try:
            text = MESSAGES[kind].format(**{k: _number(v) for k, v in ctx.items()})
        except (KeyError, IndexError):
            text = MESSAGES[kind]
    else:
        text = str(error.get("msg", "is not valid")).rstrip(".")
        text = text[:1].lower() + text[1:]
    if kind in _SHOW_INPUT and "input" in error:
        text += f" (got {describe_input(value)})"
    return text
