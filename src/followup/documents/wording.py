"""Small, shared pieces of wording for the thank-you card and letter.

The sentences are written here, in Python, so the PDF, DOCX, plain text and
email of a document say exactly the same thing; templates only lay them out.
User text is always inserted exactly as written (never re-cased or trimmed
inside): at most a full stop is added after it when it has no closing
punctuation of its own.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from followup.context.formatting import Formatter
from followup.context.schedule import follow_up_steps
from followup.documents.relevance import mentions
from followup.errors import Problem
from followup.notes.model import Interviewer, Notes, Objection

_CLOSING = re.compile(r"""[.!?…]["'”’»)\]]*$""")
_WORD = re.compile(r"\S+")


def sentence(text: str) -> str:
    """``text`` (trimmed at the ends) with a full stop added unless it already ends a sentence."""
    text = text.strip()
    if not text or _CLOSING.search(text):
        return text
    return text + "."


def quoted(text: str) -> str:
    """User words quoted, as they were said: “Grow mid-market pipeline 40% in FY27”."""
    return f"“{text.strip()}”"


def join_and(items: list[str]) -> str:
    """English list: ``a``, ``a and b``, ``a, b and c`` (the sentences around it are English)."""
    items = [item.strip() for item in items if item and item.strip()]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def word_count(text: str) -> int:
    """Words as a reader counts them: runs of non-space characters (a lone dash is not a word)."""
    return sum(1 for word in _WORD.findall(text) if any(character.isalnum() for character in word))


def concerns_for(notes: Notes, person: Interviewer, limit: int = 2) -> list[Objection]:
    """The concerns to answer in ``person``'s letter: only those with a response.

    Concerns ``raised_by`` this person come first (up to ``limit``). When they
    raised none, a concern with no ``raised_by`` (the model's "everyone") is
    answered instead, at most one, so each letter stays short and a concern one
    colleague raised is never put to another.
    """
    answerable = [objection for objection in notes.close.objections
                  if objection.response and objection.response.strip()]
    own = [objection for objection in answerable if mentions(person, objection.raised_by)]
    if own:
        return own[:limit]
    shared = [objection for objection in answerable if not (objection.raised_by and objection.raised_by.strip())]
    return shared[:1]


@dataclass(frozen=True)
class NextStep:
    """What happens next, in the terms the wording needs."""

    next_steps: str | None  # discovery.next_steps, as written
    decision_date: str | None  # formatted
    call_date: str | None  # the follow-up call, formatted "Wednesday, November 25", when still to come
    thank_you_date: datetime.date  # the date a thank-you is written (the letter's date)


def next_step(notes: Notes) -> NextStep:
    """The next step from discovery.next_steps, the decision date and the follow-up schedule."""
    fmt = Formatter(notes.style.locale)
    steps = {step.key: step for step in follow_up_steps(notes)}
    thank_you = steps["thank-you"].due
    call = steps.get("call")
    call_text = None
    if call is not None and not call.done and call.due >= thank_you:
        call_text = fmt.weekday_date(call.due)
    next_steps = (notes.discovery.next_steps
                  if notes.discovery.next_steps and notes.discovery.next_steps.strip() else None)
    return NextStep(
        next_steps=next_steps,
        decision_date=fmt.date(notes.discovery.decision_date) or None,
        call_date=call_text,
        thank_you_date=thank_you,
    )


def conversation_phrase(notes: Notes, tone: str) -> str:
    """How the meeting took place, for "Thank you for ...": the format of the interview matters."""
    kind = notes.interview.format
    if tone == "formal":
        return {
            "onsite": "receiving me",
            "video": "the video conversation",
            "phone": "the telephone conversation",
        }.get(kind or "", "the conversation")
    return {
        "onsite": "meeting with me",
        "video": "the video call",
        "phone": "the call",
    }.get(kind or "", "talking with me")


def masked(text: str, notes: Notes) -> str:
    """``text`` with every interviewer's name and first name blanked: to compare letters beyond the names."""
    names = sorted({name for person in notes.interviewers for name in (person.name, person.first_name) if name},
                   key=len, reverse=True)
    for name in names:
        text = text.replace(name, "•")
    return re.sub(r"\s+", " ", text).strip()


def same_text_warnings(notes: Notes, texts: list[str], what: str, advice: str) -> list[Problem]:
    """A warning for each interviewer whose text (one per interviewer, in order) repeats an earlier one's, names aside.

    ``what`` names the document in the message (``"card"``), ``advice`` says how to tell them apart.
    """
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
