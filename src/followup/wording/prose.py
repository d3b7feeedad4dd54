"""Structured prose: what a wording template writes, parsed into sections, paragraphs and lists.

A wording template (``templates/languages/<lang>/<document>.jinja``) renders to
plain text in a tiny block syntax, so that one template can say every sentence
of a document once and every layout (PDF, DOCX, TXT, EML) places the result:

``== name``
    starts a section (``subject``, ``greeting``, ``body``, ``sign_off`` …);
a blank line
    ends a paragraph; the lines of one paragraph are joined with single spaces,
    so a template can put each sentence on its own line inside ``{% if %}``;
``* text``
    a list item; ``* label :: text || note`` gives it a label (shown bold) and a
    note (shown muted); consecutive items form one list.

Markers count only where the template itself wrote them: every value a template
prints is wrapped in :data:`OPEN`/:data:`CLOSE` by the environment's finalize
hook (see :mod:`followup.wording.compose`), so user text such as ``== body`` or
``* x`` is always text. A section the template declares stays in the prose even
when nothing was written in it (its text is ``""``), so layouts can test it. The
notes loader refuses control characters, so no user text can contain the two
wrappers themselves.

A language's typography (French spaces before ``; : ! ?``) is the template's:
:func:`parse` applies it to the text the template wrote and to the note
fragments the wording fitted (a value holding :data:`FITTED`), never inside any
other printed value, so a name such as ``Fish: Chips ?`` comes out exactly as
written.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

OPEN, CLOSE = "\x01", "\x02"
#: In a printed value, marks a note fragment a fitting filter wrote (``clause``, ``sentence``, ``cap``): the
#: language's typography applies to it as to the template's text. Names, printed as they are, never hold it.
FITTED = "\x04"

_SECTION = re.compile(r"^==\s*([a-z][a-z0-9_]*)\s*$")
_ITEM = re.compile(r"^\*\s+(.*)$")
_SPACES = re.compile(r"[ \t]+")


@dataclass(frozen=True)
class Item:
    """One list item: its text, and an optional label and note."""

    text: str
    label: str = ""
    note: str = ""


@dataclass(frozen=True)
class Block:
    """A paragraph (``text``) or a list (``items``)."""

    text: str = ""
    items: tuple[Item, ...] = ()

    @property
    def is_list(self) -> bool:
        return bool(self.items)

    def plain(self, colon: str = ": ") -> str:
        """The block as plain text: a paragraph, or one ``- `` line per item (``label: text``, or ``colon``)."""
        if not self.items:
            return self.text
        lines = []
        for item in self.items:
            line = f"{item.label}{colon}{item.text}" if item.label else item.text
            if item.note:
                line += f" {item.note}"
            lines.append(f"- {line}")
        return "\n".join(lines)


@dataclass
class Prose:
    """A document's wording: named sections, each a list of blocks."""

    sections: dict[str, list[Block]] = field(default_factory=dict)
    colon: str = ": "  # between an item's label and text in plain text; French puts a narrow no-break space before it

    def blocks(self, name: str) -> list[Block]:
        return self.sections.get(name, [])

    def text(self, name: str) -> str:
        """A section as one string: paragraphs separated by blank lines (``""`` when absent)."""
        return "\n\n".join(block.plain(self.colon) for block in self.blocks(name))

    def as_context(self) -> dict[str, object]:
        """What layouts see as ``prose``: for each section ``name`` its text, ``name_blocks`` its blocks and
        ``name_items`` the items of all its lists.

        Blocks are plain dicts (``text``, ``is_list``, ``items`` of ``{label, text, note}``), so
        the sandboxed templates and docxtpl read them like any other context value.
        """
        result: dict[str, object] = {}
        for name, blocks in self.sections.items():
            result[name] = self.text(name)
            result[f"{name}_items"] = [{"label": item.label, "text": item.text, "note": item.note}
                                       for block in blocks for item in block.items]
            result[f"{name}_blocks"] = [
                {"text": block.text, "is_list": block.is_list,
                 "entries": [{"label": item.label, "text": item.text, "note": item.note} for item in block.items]}
                for block in blocks
            ]
        return result


_VALUE = re.compile(f"{OPEN}[^{CLOSE}]*{CLOSE}")
#: What a printed value is while typography runs: one character that is neither a space nor punctuation.
_PLACEHOLDER = "\x03"


def outside_values(text: str, fix: Callable[[str], str]) -> str:
    """``fix`` applied to the text a template wrote and to fitted fragments; every other printed value
    (``OPEN…CLOSE``) is kept exactly as it is."""
    values = [OPEN + fix(value[1:-1].replace(FITTED, "")) + CLOSE if FITTED in value else value
              for value in _VALUE.findall(text)]
    if not values:
        return fix(text)
    fixed = fix(_VALUE.sub(_PLACEHOLDER, text))
    kept = iter(values)
    return re.sub(_PLACEHOLDER, lambda _: next(kept), fixed)


def _clean(text: str, typography: Callable[[str], str] | None = None) -> str:
    text = _SPACES.sub(" ", text)
    if typography is not None:
        text = outside_values(text, typography)
    return text.replace(OPEN, "").replace(CLOSE, "").replace(FITTED, "").strip()


def _outside_values(line: str) -> str:
    """``line`` with every value the template printed blanked out (markers are looked for only in the rest)."""
    return _VALUE.sub(lambda found: _PLACEHOLDER * len(found.group()), line)


def _item(raw: str, typography: Callable[[str], str] | None = None) -> Item:
    """A list item's text, label and note, split only at separators the template wrote."""
    masked = _outside_values(raw)
    label = note = ""
    if " || " in masked:
        cut = masked.index(" || ")
        raw, note = raw[:cut], raw[cut + 4:]
        masked = masked[:cut]
    if " :: " in masked:
        cut = masked.index(" :: ")
        label, raw = raw[:cut], raw[cut + 4:]
    return Item(text=_clean(raw, typography), label=_clean(label, typography), note=_clean(note, typography))


def parse(text: str, typography: Callable[[str], str] | None = None, colon: str = ": ") -> Prose:
    """Parse a rendered wording template into :class:`Prose` (text before the first section is ignored).

    ``typography`` (a language's, e.g. French spacing) is applied to each paragraph, label, text and note,
    outside the values the template printed; ``colon`` joins an item's label and text in plain text.
    """
    prose = Prose(colon=colon)
    current: list[Block] | None = None
    paragraph: list[str] = []
    items: list[Item] = []

    def flush_paragraph() -> None:
        nonlocal paragraph
        if current is not None and paragraph:
            joined = _clean(" ".join(paragraph), typography)
            if joined:
                current.append(Block(text=joined))
        paragraph = []

    def flush() -> None:
        nonlocal items
        flush_paragraph()
        if current is not None and items:
            current.append(Block(items=tuple(items)))
        items = []

    for raw_line in text.splitlines():
        masked = _outside_values(raw_line).strip()
        section = _SECTION.match(masked)
        if section:
            flush()
            current = prose.sections.setdefault(section.group(1), [])
            continue
        if not _clean(raw_line):
            flush_paragraph()  # a blank line ends a paragraph; a list goes on until a paragraph line
            continue
        item = _ITEM.match(masked)
        if item:
            if paragraph:
                flush()
            start = raw_line.index("*") + 1
            items.append(_item(raw_line[start:].strip(), typography))
            continue
        if items:
            flush()
        paragraph.append(raw_line)
    flush()
    return prose

