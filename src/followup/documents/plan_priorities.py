"""Which parts of the territory plan serve which priority: one matching rule for the plan and ``check``.

The plan's "How this plan serves the priorities we discussed" section and the
``followup check`` coaching "no part of the plan addresses …" both call
:func:`serves`, so the document never claims a link that ``check`` would not
see, and the other way round.

The rule: a priority and a part of the plan (a segment with its strategy, a
30-60-90 goal, an idea of the process memo) serve each other when they share a
content word (stemmed, as in ``relevance.keywords``) that says something in
this plan. Words that any line of a sales plan could hold ("grow", "reps",
"first", "accounts") are left out, and so are the words of
the territory's own name, its regions and the company's name: "New England" is
in everything a New England plan says, so it links nothing. Numbers do not
count either ("40%" and "40 accounts" are not the same thing).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from followup.documents.relevance import keywords, stem
from followup.notes.model import Notes

# Words any line of a sales plan may hold: sharing one says nothing about a subject.
GENERIC: frozenset[str] = frozenset(
    [
        "grow", "growth", "win", "wins", "won", "cut", "cuts", "reduce", "increase", "improve", "better", "build",
        "make", "get", "run", "reach", "first", "new", "more", "less", "faster", "fast", "time", "times", "rep",
        "reps", "sales", "sell", "seller", "team", "plan", "day", "days", "month", "quarter", "account", "accounts",
        "deal", "deals", "quota", "target", "goal", "goals", "top", "all", "one", "two", "three", "four", "five",
        "every", "market", "markets", "business", "customer", "customers", "revenue", "company",
    ]
)
_GENERIC_STEMS: frozenset[str] = frozenset(stem(word) for word in GENERIC) | GENERIC


@dataclass(frozen=True)
class PlanPart:
    """One part of the plan a priority can be served by.

    ``kind`` is "segment", "goal" or "idea"; ``label`` names it for the reader (the
    segment, the phase, the idea's title); ``text`` is what it says; ``key_path``
    points at it in the notes.
    """

    kind: str
    label: str
    text: str
    key_path: str


@dataclass(frozen=True)
class PriorityServed:
    """A priority, whose it is ("team" or "reader": the decision-maker's own), and the parts that serve it."""

    priority: str
    whose: str
    key_path: str
    parts: tuple[PlanPart, ...]

    @property
    def served(self) -> bool:
        return bool(self.parts)


def context_words(notes: Notes) -> frozenset[str]:
    """The words of the territory's name, its regions and the company: in every line, so they link nothing."""
    words: set[str] = set(keywords(notes.company.name))
    territory = notes.territory
    if territory is not None:
        words |= keywords(territory.name)
        for region in territory.regions:
            words |= keywords(region)
    return frozenset(words)


def subject_words(text: str | None, ignore: Iterable[str] = ()) -> set[str]:
    """The words of ``text`` that can link it to a priority (no generic words, numbers or ``ignore``d words)."""
    ignored = set(ignore)
    return {word for word in keywords(text)
            if word not in _GENERIC_STEMS and word not in ignored and not word.isdigit()}


def serves(priority: str, text: str, ignore: Iterable[str] = ()) -> bool:
    """THE rule: does a part of the plan saying ``text`` serve ``priority``? (They share a subject word.)"""
    ignored = frozenset(ignore)
    return bool(subject_words(priority, ignored) & subject_words(text, ignored))


def plan_parts(notes: Notes) -> list[PlanPart]:
    """The parts of the plan that can serve a priority: segments with a strategy, 30-60-90 goals, ideas."""
    parts: list[PlanPart] = []
    territory = notes.territory
    if territory is not None:
        for index, segment in enumerate(territory.segments):
            if segment.strategy and segment.strategy.strip():
                parts.append(PlanPart("segment", segment.name, f"{segment.name}: {segment.strategy.strip()}",
                                      f"territory.segments[{index}].strategy"))
        for index, phase in enumerate(territory.plan):
            for number, goal in enumerate(phase.goals):
                if goal.strip():
                    parts.append(
                        PlanPart("goal", phase.phase, goal.strip(), f"territory.plan[{index}].goals[{number}]"))
    for index, idea in enumerate(notes.ideas):
        text = " ".join(part for part in (idea.title, idea.problem, idea.idea) if part)
        parts.append(PlanPart("idea", idea.title, text, f"ideas[{index}]"))
    return parts


def priority_map(notes: Notes) -> list[PriorityServed]:
    """Each company priority, then each of the decision-maker's own, with the parts of the plan that serve it.

    A decision-maker's priority that repeats a company priority word for word is listed once, as theirs.
    """
    ignore = context_words(notes)
    parts = plan_parts(notes)
    reader = notes.decision_maker if notes.interviewers else None
    reader_index = notes.interviewers.index(reader) if reader is not None else -1
    own = [priority for priority in (reader.priorities if reader is not None else []) if priority.strip()]
    own_keys = {priority.strip().casefold() for priority in own}
    result: list[PriorityServed] = []
    for index, priority in enumerate(notes.discovery.priorities):
        if not priority.strip() or priority.strip().casefold() in own_keys:
            continue
        result.append(PriorityServed(priority.strip(), "team", f"discovery.priorities[{index}]",
                                     tuple(part for part in parts if serves(priority, part.text, ignore))))
    for index, priority in enumerate(reader.priorities if reader is not None else []):
        if not priority.strip():
            continue
        result.append(PriorityServed(priority.strip(), "reader", f"interviewers[{reader_index}].priorities[{index}]",
                                     tuple(part for part in parts if serves(priority, part.text, ignore))))
    return result


__all__ = ["GENERIC", "PlanPart", "PriorityServed", "context_words", "plan_parts", "priority_map", "serves",
           "subject_words"]
