"""Reading a document's composed prose back, for the warnings ``check`` gives about cards and letters.

``check`` (and a render) warns when two interviewers would get the same text, or
a card runs outside its word range: it composes the same wording the documents
use, with the notes' own template folder when they name one.
"""

from __future__ import annotations

import re
from pathlib import Path

from followup.documents.base import Document
from followup.errors import Problem
from followup.notes.model import Notes
from followup.templates import TemplateSet

_WORD = re.compile(r"\S+")


def word_count(text: str) -> int:
    """Words as a reader counts them: runs of non-space characters (a lone dash is not a word)."""
    return sum(1 for word in _WORD.findall(text) if any(character.isalnum() for character in word))


def composed_texts(notes: Notes, document: Document, sections: tuple[str, ...]) -> list[str]:
    """For each interviewer in order, the named sections of ``document``'s prose to them, as one text."""
    from followup.wording.compose import apply

    templates = TemplateSet(Path(notes.style.templates)) if notes.style.templates else TemplateSet()
    texts: list[str] = []
    for person in notes.interviewers:
        context = document.build_context(notes, person)
        prose = apply(context, templates)
        assert prose is not None
        texts.append("\n\n".join(prose.text(name) for name in sections if prose.text(name)))
    return texts


def masked(text: str, notes: Notes) -> str:
    """``text`` with every interviewer's name and first name blanked: to compare letters beyond the names."""
    names = sorted({name for person in notes.interviewers for name in (person.name, person.first_name) if name},
                   key=len, reverse=True)
    for name in names:
        text = text.replace(name, "•")
    return re.sub(r"\s+", " ", text).strip()


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` (split after . ! ? and at line breaks), names kept."""
    parts = re.split(r"(?<=[.!?])\s+|\n+", text)
    return [part.strip() for part in parts if part and part.strip()]


def same_text_warnings(notes: Notes, texts: list[str], what: str, advice: str) -> list[Problem]:
    """A warning for each interviewer whose text (one per interviewer, in order) repeats an earlier one's."""
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for person, text in zip(notes.interviewers, texts):
        key = masked(text, notes)
        if key in seen:
            problems.append(Problem(
                f"thank-you-{what}: {person.name} and {seen[key]} would get the same {what} apart from the name; "
                f"{advice}", severity="warning"))
        else:
            seen[key] = person.name
    return problems
