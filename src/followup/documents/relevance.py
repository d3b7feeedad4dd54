"""Which parts of the notes matter most to one interviewer.

A thank-you letter to the VP of Sales should cite the evidence that answers what
the VP talked about, not the same three lines every interviewer gets. This module
ranks ``[[match]]`` entries and discovery priorities by how many words they share
with an interviewer's ``topics`` (a small, predictable bag-of-words score: no
model, no randomness, so the same notes always give the same letter).

Ties keep the order of the notes file, so the user's own ordering is the
tie-breaker. Shared by the thank-you letter and, later, the criteria-match email.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from followup.notes.model import Interviewer, Match, Notes

# Words that say nothing about a subject; kept short on purpose (English notes).
STOPWORDS: frozenset[str] = frozenset(
    """a an and are as at be by for from has have in into is it its of on or our over per that the their
    them they this to was we were what when which who will with you your my me i than then there these those
    more most very can could would should about after before during each how than year years time week month""".split()
)

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)


def stem(word: str) -> str:
    """A crude English stem so that 'ramp', 'ramps' and 'ramping' meet; good enough for ranking."""
    for suffix in ("ing", "ers", "ies", "ed", "er", "es", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def keywords(text: str | None) -> frozenset[str]:
    """The stemmed content words of ``text`` (case, accents and punctuation ignored)."""
    return _keywords(text) if text else frozenset()


@lru_cache(maxsize=4096)
def _keywords(text: str) -> frozenset[str]:
    """``keywords`` of one text, cached: a letter ranks the same matches against the same topics many times."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(character for character in folded if not unicodedata.combining(character))
    return frozenset(stem(word) for word in _WORD.findall(folded) if word not in STOPWORDS and len(word) > 1)


def topic_keywords(interviewer: Interviewer) -> set[str]:
    """What an interviewer talked about, as keywords (their topics; their title as a weak hint)."""
    words: set[str] = set()
    for topic in interviewer.topics:
        words |= keywords(topic)
    return words


@dataclass(frozen=True)
class Ranked:
    """One ranked item: its score, its position in the notes, and which topic it answers best."""

    score: int
    index: int
    topic: str | None


def _rank(texts: Sequence[Sequence[tuple[str | None, int]]], interviewer: Interviewer) -> list[Ranked]:
    """Score each item (a list of (text, weight) parts) against each topic; best first, ties in notes order."""
    ranked: list[Ranked] = []
    for index, parts in enumerate(texts):
        best_topic: str | None = None
        best_topic_score = 0
        total = 0
        for topic in interviewer.topics:
            wanted = keywords(topic)
            score = sum(weight * len(wanted & keywords(text)) for text, weight in parts)
            total += score
            if score > best_topic_score:
                best_topic, best_topic_score = topic, score
        ranked.append(Ranked(total, index, best_topic))
    return sorted(ranked, key=lambda item: (-item.score, item.index))


def rank_matches(notes: Notes, interviewer: Interviewer) -> list[tuple[Match, Ranked]]:
    """Every ``[[match]]`` entry with its relevance to ``interviewer``, most relevant first.

    The criterion counts double: it is the company's own words for what they need.
    """
    parts = [[(match.criterion, 2), (match.evidence, 1), (match.proof, 1)] for match in notes.match]
    return [(notes.match[item.index], item) for item in _rank(parts, interviewer)]


def relevant_matches(notes: Notes, interviewer: Interviewer, limit: int = 3, minimum: int = 2) -> list[Match]:
    """The matches to cite to ``interviewer``: those sharing words with their topics, best first.

    At least ``minimum`` (when the notes have that many): when too few matches
    touch the topics, the letter is filled up with the first matches of the notes,
    which the user put first because they matter most. At most ``limit``.
    """
    ranked = rank_matches(notes, interviewer)
    chosen = [match for match, item in ranked if item.score > 0][:limit]
    for match, _item in ranked:
        if len(chosen) >= max(minimum, 0) or len(chosen) >= limit:
            break
        if match not in chosen:
            chosen.append(match)
    # Present them in the order of the notes file: the user's order reads better than a score order.
    order = {id(match): position for position, match in enumerate(notes.match)}
    return sorted(chosen, key=lambda match: order[id(match)])


def relevant_priorities(notes: Notes, interviewer: Interviewer, limit: int = 1) -> list[str]:
    """The company priorities (``discovery.priorities``) closest to ``interviewer``'s topics, best first.

    With no overlap at all the first priorities of the notes are returned, so a
    letter can still name what the company said matters most.
    """
    priorities = notes.discovery.priorities
    ranked = _rank([[(priority, 1)] for priority in priorities], interviewer)
    return [priorities[item.index] for item in ranked[:limit]]


def best_topic(interviewer: Interviewer, text: str) -> str | None:
    """The interviewer's topic that shares the most words with ``text`` (None when none does)."""
    ranked = _rank([[(text, 1)]], interviewer)
    return ranked[0].topic if ranked else None


def mentions(person: Interviewer, name: str | None) -> bool:
    """Whether ``name`` (as written in ``raised_by`` and the like) means ``person``.

    Matches the full name or the first name, ignoring case and surrounding spaces.
    """
    if not name:
        return False
    wanted = name.strip().casefold()
    return wanted in (person.name.strip().casefold(), person.first_name.strip().casefold())


def unique(items: Iterable[str]) -> list[str]:
    """``items`` without repeats, first occurrence kept."""
    seen: set[str] = set()
    result: list[str] = []
    for item in items:
        if item not in seen:
            seen.add(item)
            result.append(item)
    return result
