"""Where each key of a TOML file stands: a map from dotted key paths to line numbers.

tomllib and tomlkit do not report positions, so this module scans the text
itself. It only runs on text tomllib has already parsed, so it can assume the
TOML is valid; if it meets something it does not understand it stops and
returns what it has found so far (positions are a courtesy, never a failure).

Key paths use the user's terms: ``interviewers[1].name`` is the ``name`` of the
second ``[[interviewers]]`` table (array indexes count from 0, as in the error
messages of most tools). Arrays of tables, tables, dotted keys, inline tables
and arrays (also arrays of inline tables) are mapped; a key path that is not in
the map (a missing key) is looked up by :func:`line_of` as its nearest parent,
so a missing required key points at the header of its table.
"""

from __future__ import annotations

import re

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def join(prefix: str, key: str | int) -> str:
    """Append a key or an index to a dotted key path."""
    if isinstance(key, int):
        return f"{prefix}[{key}]"
    return f"{prefix}.{key}" if prefix else key


def parent(path: str) -> str | None:
    """The key path one level up (``a.b[2].c`` -> ``a.b[2]`` -> ``a.b`` -> ``a``), or None at the top."""
    if not path:
        return None
    if path.endswith("]"):
        return path[: path.rindex("[")]
    if "." in path:
        return path[: path.rindex(".")]
    return ""


def line_of(positions: dict[str, int], path: str) -> int | None:
    """The line of ``path``, else of its nearest parent that has one."""
    current: str | None = path
    while current:
        if current in positions:
            return positions[current]
        current = parent(current)
    return None


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        self.line = 1
        self.positions: dict[str, int] = {}
        self.array_counts: dict[str, int] = {}

    # -- low level -------------------------------------------------------
    def peek(self, n: int = 1) -> str:
        return self.text[self.i : self.i + n]

    def advance(self, n: int = 1) -> None:
        chunk = self.text[self.i : self.i + n]
        self.line += chunk.count("\n")
        self.i += n

    def skip_spaces(self) -> None:
        while self.i < len(self.text) and self.text[self.i] in " \t":
            self.i += 1

    def skip_comment(self) -> None:
        if self.peek() == "#":
            end = self.text.find("\n", self.i)
            self.i = len(self.text) if end < 0 else end

    def skip_blank(self) -> None:
        """Spaces, newlines and comments."""
        while self.i < len(self.text):
            ch = self.text[self.i]
            if ch in " \t\r":
                self.i += 1
            elif ch == "\n":
                self.advance()
            elif ch == "#":
                self.skip_comment()
            else:
                return

    def record(self, path: str, line: int) -> None:
        self.positions.setdefault(path, line)

    # -- keys -------------------------------------------------------------
    def key_part(self) -> str:
        ch = self.peek()
        if ch == '"':
            self.i += 1
            out = []
            while self.i < len(self.text) and self.text[self.i] != '"':
                if self.text[self.i] == "\\":
                    out.append(self.text[self.i : self.i + 2])
                    self.i += 2
                    continue
                out.append(self.text[self.i])
                self.i += 1
            self.i += 1
            return "".join(out)
        if ch == "'":
            end = self.text.index("'", self.i + 1)
            key = self.text[self.i + 1 : end]
            self.i = end + 1
            return key
        match = _BARE_KEY.match(self.text, self.i)
        if not match:
            raise ValueError("not a key")
        self.i = match.end()
        return match.group()

    def dotted_key(self) -> list[str]:
        parts = [self.key_part()]
        while True:
            self.skip_spaces()
            if self.peek() != ".":
                return parts
            self.i += 1
            self.skip_spaces()
            parts.append(self.key_part())

    def resolve(self, parts: list[str]) -> str:
        """A table header's key path, with the current index of every array of tables on the way."""
        path = ""
        for part in parts:
            path = join(path, part)
            if path in self.array_counts:
                path = join(path, self.array_counts[path] - 1)
        return path

    # -- values -----------------------------------------------------------
    def string(self) -> None:
        for quote in ('"""', "'''"):
            if self.peek(3) == quote:
                self.advance(3)
                while self.i < len(self.text):
                    if quote == '"""' and self.text[self.i] == "\\":
                        self.advance(2)
                        continue
                    if self.peek(3) == quote:
                        self.advance(3)
                        # up to two more quotes may belong to the string
                        while self.peek() == quote[0]:
                            self.advance()
                        return
                    self.advance()
                return
        quote = self.peek()
        self.i += 1
        while self.i < len(self.text) and self.text[self.i] != quote:
            if quote == '"' and self.text[self.i] == "\\":
                self.i += 1
            self.i += 1
        self.i += 1

    def value(self, path: str) -> None:
        ch = self.peek()
        if ch in "\"'":
            self.string()
        elif ch == "[":
            self.advance()
            index = 0
            while True:
                self.skip_blank()
                if self.peek() == "]":
                    self.advance()
                    return
                self.record(join(path, index), self.line)
                self.value(join(path, index))
                self.skip_blank()
                if self.peek() == ",":
                    self.advance()
                    index += 1
        elif ch == "{":
            self.advance()
            while True:
                self.skip_blank()
                if self.peek() == "}":
                    self.advance()
                    return
                self.key_value(path)
                self.skip_blank()
                if self.peek() == ",":
                    self.advance()
        else:
            match = re.compile(r"[^,\]}\n#]*").match(self.text, self.i)
            assert match is not None
            self.i = match.end()

    def key_value(self, table: str) -> None:
        line = self.line
        parts = self.dotted_key()
        path = table
        for part in parts:
            path = join(path, part)
            self.record(path, line)
        self.skip_spaces()
        if self.peek() != "=":
            raise ValueError("expected '='")
        self.i += 1
        self.skip_spaces()
        self.value(path)

    # -- document ---------------------------------------------------------
    def document(self) -> dict[str, int]:
        table = ""
        while True:
            self.skip_blank()
            if self.i >= len(self.text):
                return self.positions
            line = self.line
            if self.peek(2) == "[[":
                self.i += 2
                self.skip_spaces()
                parts = self.dotted_key()
                self.skip_spaces()
                self.i += 2  # ]]
                array = join(self.resolve(parts[:-1]), parts[-1]) if len(parts) > 1 else parts[0]
                self.array_counts[array] = self.array_counts.get(array, 0) + 1
                table = join(array, self.array_counts[array] - 1)
                self.record(array, line)
                self.record(table, line)
            elif self.peek() == "[":
                self.i += 1
                self.skip_spaces()
                parts = self.dotted_key()
                self.skip_spaces()
                self.i += 1  # ]
                table = self.resolve(parts)
                self.record(table, line)
            else:
                self.key_value(table)
            self.skip_spaces()
            self.skip_comment()


def key_positions(text: str) -> dict[str, int]:
    """Map every key path of a (valid) TOML text to the 1-based line where it stands."""
    scanner = _Scanner(text)
    try:
        return scanner.document()
    except (ValueError, IndexError, AssertionError):
        return scanner.positions
