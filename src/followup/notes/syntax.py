"""TOML syntax errors in words a notes writer understands, every one of a file at once.

tomllib stops at the first mistake and says "Invalid value" or "Expected newline
or end of document after a statement", often at a column past the mistake. Notes
are typed fast, and the same slips come back: an unquoted date that does not
exist, ``1,200,000`` or ``$1200000``, ``yes``, unquoted text, ``11/27/2026``, a
missing closing quote. :func:`syntax_problems` parses, and for the line the
parser stopped at says what is wrong and what to write (:func:`describe_slip`),
with the column where the value starts; then it blanks that line (and the rest
of an array it opened) and parses again, so every key/value line with a
mistake is reported in one run. A mistake it cannot step over (a table header,
an unterminated multi-line string) ends the scan there.
"""

from __future__ import annotations

import calendar
import datetime
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from followup.errors import Problem
from followup.notes.positions import join

#: at most this many syntax errors are reported for one file
MAX_ERRORS = 50

_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_AT_END = re.compile(r"\s*\(at end of document\)\s*$")
_KEY = r"(?:[A-Za-z0-9_-]+|\"[^\"\n]*\"|'[^'\n]*')"
_KEY_VALUE = re.compile(rf"^(\s*)({_KEY}(?:\s*\.\s*{_KEY})*)\s*=[ \t]*(.*)$")
_TABLE = re.compile(rf"^\s*\[\s*({_KEY}(?:\s*\.\s*{_KEY})*)\s*\]\s*(?:#.*)?$")
_ARRAY_TABLE = re.compile(rf"^\s*\[\[\s*({_KEY}(?:\s*\.\s*{_KEY})*)\s*\]\]\s*(?:#.*)?$")
_ISO_LIKE_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_OTHER_DATE = re.compile(r"(\d{1,4})([/.])(\d{1,2})\2(\d{2,4})")
_CURRENCY = "$€£¥"
_MONEY = re.compile(rf"[-+]?[{_CURRENCY}]?\s*(?:USD|EUR|GBP)?\s*[\d][\d,]*(?:\.\d+)?\s*([kKmM])?\s*"
                    rf"(?:USD|EUR|GBP)?\s*[{_CURRENCY}]?")
_DECIMAL_COMMA = re.compile(r"[-+]?\d+,\d{1,2}")
_YES_NO = {"yes": "true", "y": "true", "on": "true", "true": "true",
           "no": "false", "n": "false", "off": "false", "false": "false"}
_SMART_QUOTES = "“”„‘’‚«»"


@dataclass(frozen=True)
class Slip:
    """A recognised mistake on one line: where (1-based column), what is wrong, what to write."""

    column: int
    message: str
    hint: str | None = None


def _strip_comment(value: str) -> str:
    """An unquoted value without its trailing ``# comment``."""
    return value.split("#", 1)[0].rstrip()


def _closing_quote(value: str, quote: str) -> int | None:
    """The index of the quote closing the string that opens ``value``, or None."""
    index = 1
    while index < len(value):
        char = value[index]
        if char == "\\" and quote == '"':
            index += 2
            continue
        if char == quote:
            return index
        index += 1
    return None


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _date_slip(value: str) -> tuple[str, str | None] | None:
    found = _ISO_LIKE_DATE.fullmatch(value)
    if found:
        year, month, day = (int(part) for part in found.groups())
        if not 1 <= month <= 12:
            return (f"{value} is not a real date: there is no month {month}",
                    "dates are written year-month-day, like 2026-11-27")
        days = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:
            return (f"{value} is not a real date: {calendar.month_name[month]} {year} has {days} days",
                    "dates are written year-month-day, like 2026-11-27")
        return f"dates are written with two-digit months and days: {year:04d}-{month:02d}-{day:02d}", None
    found = _OTHER_DATE.fullmatch(value)
    if not found:
        return None
    first, separator, second, last = found.groups()
    if len(first) == 4:  # 2026/11/27
        readings = [(int(first), int(second), int(last))]
    else:
        year = int(last) + (2000 if len(last) == 2 else 0)
        month_first = (year, int(first), int(second))  # 11/27/2026, as in the US
        day_first = (year, int(second), int(first))  # 27.11.2026, 27/11/2026
        readings = [day_first, month_first] if separator == "." else [month_first, day_first]
    real = []
    for year, month, day in readings:
        try:
            real.append(datetime.date(year, month, day))
        except ValueError:
            continue
    if not real:
        return f"{value} is not a real date", "dates are written year-month-day, like 2026-11-27"
    if len(real) == 1 or real[0] == real[1]:
        return f"dates are written {real[0].isoformat()}", "year-month-day, without quotes"
    first_date, other = real
    return (f"dates are written {first_date.isoformat()}",
            f"year-month-day; or {other.isoformat()} if you meant {other:%B} {other.day}")


def _number_slip(value: str) -> str | None:
    if _DECIMAL_COMMA.fullmatch(value) and not re.fullmatch(r"[-+]?\d{1,3},\d{3}", value):
        return f"decimals are written with a point: {value.replace(',', '.')}"
    found = _MONEY.fullmatch(value)
    if not found:
        return None
    has_sign = any(sign in value for sign in _CURRENCY) or re.search(r"USD|EUR|GBP", value) is not None
    suffix = found.group(1)
    if not (has_sign or "," in value or suffix):
        return None
    digits = re.sub(rf"[{_CURRENCY}\s,kKmM]|USD|EUR|GBP", "", value)
    try:
        number = float(digits)
    except ValueError:
        return None
    if suffix:
        number *= 1000 if suffix in "kK" else 1_000_000
    written = str(int(number)) if number == int(number) else str(number)
    if suffix and not (has_sign or "," in value):
        return f"numbers are written in full: {written}"
    return f"numbers have no commas or currency signs: {written}"


def _bare_item(item: str) -> bool:
    """An array item that is text without quotes (a number, a boolean, a date or a string is not)."""
    item = item.strip()
    if not item or item[0] in "\"'[{" or item in ("true", "false", "inf", "nan", "+inf", "-inf"):
        return False
    try:
        tomllib.loads(f"x = {item}")
    except tomllib.TOMLDecodeError:
        return True
    return False


def _split_items(text: str) -> list[tuple[int, str]] | None:
    """The comma-separated items of an array's inside, with their offsets; None if it nests or quotes oddly."""
    items: list[tuple[int, str]] = []
    start = index = 0
    while index < len(text):
        char = text[index]
        if char in "\"'":
            end = _closing_quote(text[index:], char)
            if end is None:
                return None
            index += end + 1
            continue
        if char in "[]{}":
            return None
        if char == ",":
            items.append((start, text[start:index]))
            start = index + 1
        index += 1
    items.append((start, text[start:]))
    return items


def _without_comment(text: str) -> str:
    """``text`` up to a ``#`` that is not inside a quoted string, right-stripped."""
    index = 0
    while index < len(text):
        char = text[index]
        if char in "\"'":
            end = _closing_quote(text[index:], char)
            if end is None:
                break
            index += end + 1
            continue
        if char == "#":
            return text[:index].rstrip()
        index += 1
    return text.rstrip()


def _array_slip(value: str, value_column: int) -> Slip | None:
    """``[Salesforce hygiene, "pipeline"]`` -> text goes in quotes, with the fixed array."""
    body = _without_comment(value)
    closed = body.endswith("]")
    inside = body[1:-1] if closed else body[1:]
    items = _split_items(inside)
    if items is None:
        return None
    bare = [(offset, item) for offset, item in items if _bare_item(item)]
    if not bare:
        return None
    fixed = [_quoted(item.strip()) if _bare_item(item) else item.strip() for _, item in items if item.strip()]
    offset, item = bare[0]
    column = value_column + 1 + offset + (len(item) - len(item.lstrip()))
    suggestion = "[" + ", ".join(fixed) + ("]" if closed else ", ...")
    return Slip(column, f"text goes in quotes: {suggestion}")


def describe_slip(line: str) -> Slip | None:
    """What is wrong on a ``key = value`` line (or a line of array items), if it is a common slip."""
    found = _KEY_VALUE.match(line)
    if not found:
        return _continuation_slip(line)
    key = found.group(2).strip()
    raw = found.group(3)
    column = found.start(3) + 1
    value = raw.rstrip()
    if not value or value.startswith("#"):
        return Slip(column, "there is no value after '='",
                    f'write one, e.g. {key} = "some text", or delete the line')
    if value[0] in "\"'" and not value.startswith(('"""', "'''")):
        if _closing_quote(value, value[0]) is None:
            return Slip(column, "this text has no closing quote",
                        f"write: {key} = {_quoted(value[1:].rstrip())}")
        return None
    if value[0] in _SMART_QUOTES:
        text = value.strip(_SMART_QUOTES + " ")
        return Slip(column, "text goes in straight quotes (\"), not curly ones", f"write: {key} = {_quoted(text)}")
    if value.startswith("["):
        return _array_slip(value, column)
    plain = _strip_comment(value)
    date = _date_slip(plain)
    if date is not None:
        return Slip(column, *date)
    number = _number_slip(plain)
    if number is not None:
        return Slip(column, number)
    word = plain.casefold()
    if word in _YES_NO and plain not in ("true", "false"):
        return Slip(column, f"true or false, not {plain}", f"write: {key} = {_YES_NO[word]}")
    if plain and (plain[0].isalpha() or plain[0] in "@&(") and plain not in ("true", "false", "inf", "nan"):
        return Slip(column, f"text goes in quotes: {_quoted(plain)}")
    return None


def _continuation_slip(line: str) -> Slip | None:
    """A line inside a multi-line array holding unquoted text: ``  Salesforce hygiene,``."""
    stripped = _without_comment(line).strip()
    if not stripped or stripped.startswith("["):
        return None
    column = len(line) - len(line.lstrip()) + 1
    opens_text = stripped[0] in "\"'" and not stripped.startswith(('"""', "'''"))
    if opens_text and _closing_quote(stripped, stripped[0]) is None:
        text = stripped[1:].rstrip(",] ")
        return Slip(column, "this text has no closing quote", f"write: {_quoted(text)},")
    stripped = stripped.rstrip("]").rstrip()
    items = _split_items(stripped)
    if items is None:
        return None
    bare = [item for _, item in items if _bare_item(item)]
    if not bare:
        return None
    fixed = ", ".join(_quoted(item.strip()) if _bare_item(item) else item.strip() for _, item in items
                      if item.strip())
    return Slip(column, f"text goes in quotes: {fixed}")


def _key_path(lines: list[str], index: int) -> str | None:
    """The dotted key path of the key on ``lines[index]``, from the table headers above it."""
    found = _KEY_VALUE.match(lines[index])
    if not found:
        return None
    table = ""
    counts: dict[str, int] = {}
    for line in lines[:index]:
        header = _ARRAY_TABLE.match(line)
        if header:
            name = _dotted(header.group(1))
            counts[name] = counts.get(name, -1) + 1
            table = join(name, counts[name])
            continue
        header = _TABLE.match(line)
        if header:
            table = _dotted(header.group(1))
    path = table
    for part in found.group(2).split("."):
        path = join(path, part.strip().strip("\"'"))
    return path


def _dotted(header: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in header.split("."))


def _bracket_depth(text: str) -> int:
    """How many ``[`` a value line leaves open (strings and comments skipped)."""
    depth = index = 0
    while index < len(text):
        char = text[index]
        if char in "\"'":
            end = _closing_quote(text[index:], char)
            if end is None:
                return depth
            index += end + 1
            continue
        if char == "#":
            break
        depth += {"[": 1, "]": -1}.get(char, 0)
        index += 1
    return depth


def _blank(lines: list[str], index: int) -> bool:
    """Blank a bad key/value (or array item) line, and the rest of an array it opens; False if it cannot."""
    found = _KEY_VALUE.match(lines[index])
    if not found and _continuation_slip(lines[index]) is None:
        return False
    depth = _bracket_depth(found.group(3)) if found else 0
    lines[index] = ""
    following = index + 1
    while depth > 0 and following < len(lines):
        depth += _bracket_depth(lines[following])
        lines[following] = ""
        following += 1
    return True


def _parse_error(error: tomllib.TOMLDecodeError, text: str) -> tuple[str, int | None, int | None]:
    message = str(error)
    found = _POSITION.search(message)
    if found:
        return message[: found.start()], int(found.group(1)), int(found.group(2))
    if _AT_END.search(message):
        line = text.count("\n") + (0 if text.endswith("\n") else 1)
        return _AT_END.sub("", message) + " (at the end of the file)", line, None
    return message, None, None


def syntax_problems(text: str, path: Path) -> list[Problem]:
    """Every TOML syntax error of ``text`` that can be found, in words; [] when it parses."""
    lines = text.split("\n")
    original = list(lines)
    problems: list[Problem] = []
    while len(problems) < MAX_ERRORS:
        current = "\n".join(lines)
        try:
            tomllib.loads(current)
        except tomllib.TOMLDecodeError as error:
            message, line, column = _parse_error(error, current)
        except RecursionError:
            problems.append(Problem("TOML nested too deeply to read (arrays or tables inside each other "
                                    "hundreds of levels deep)", file=path))
            break
        else:
            break
        index = line - 1 if line is not None and 0 < line <= len(lines) else None
        slip = describe_slip(original[index]) if index is not None and lines[index] == original[index] else None
        if slip is not None and index is not None:
            problems.append(Problem(slip.message, file=path, line=line, column=slip.column,
                                    key_path=_key_path(original, index), hint=slip.hint))
        else:
            problems.append(Problem(f"TOML syntax error: {message}", file=path, line=line, column=column))
        if index is None or not _blank(lines, index):
            break
    return problems
