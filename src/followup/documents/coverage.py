"""Coverage: which criteria a ``[[match]]`` covers and which ideas answer which pain.

The one definition, used by the criteria-match email (it leaves uncovered
criteria out), the process-ideas memo, the prep sheet and ``followup check``
(it reports them as gaps).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from followup.notes.model import Idea, Notes

_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalise(text: str | None) -> str:
    """``text`` for comparison only: case folded, accents and punctuation dropped (never shown)."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    folded = "".join(character for character in folded if not unicodedata.combining(character))
    return " ".join(_NOT_WORD.sub(" ", folded).split())


def matches_loosely(first: str | None, second: str | None) -> bool:
    """Two texts name the same thing: equal once normalised, or one contains the other (either way)."""
    left, right = normalise(first), normalise(second)
    if not left or not right:
        return False
    return left == right or left in right or right in left


def uncovered_criteria(notes: Notes) -> list[tuple[str, str, int]]:
    """``(key, text, index)`` of each requirement and success criterion no ``[[match]]`` covers, in notes order.

    ``key`` is ``requirements`` or ``success_criteria`` (for key paths); a
    criterion written twice is reported once.
    """
    gaps: list[tuple[str, str, int]] = []
    seen: set[str] = set()
    for key in ("requirements", "success_criteria"):
        for index, criterion in enumerate(getattr(notes.discovery, key)):
            normal = normalise(criterion)
            if not normal or normal in seen:
                continue
            seen.add(normal)
            if not any(matches_loosely(criterion, match.criterion) for match in notes.match):
                gaps.append((key, criterion, index))
    return gaps


def ideas_for_pain(notes: Notes, pain: str) -> list[Idea]:
    """The ideas whose ``problem`` names ``pain`` (loosely), in notes order."""
    return [idea for idea in notes.ideas if matches_loosely(idea.problem, pain)]


@dataclass(frozen=True)
class Gap:
    """Something the next round should probe: a criterion no ``[[match]]`` covers, or a match with no proof.

    ``kind`` is ``criterion`` (``key`` is ``requirements`` or ``success_criteria``)
    or ``proof`` (``key`` is ``match``); ``index`` points into that list, for key paths.
    """

    kind: str
    key: str
    index: int
    text: str
    evidence: str = ""


def gaps_to_probe(notes: Notes) -> list[Gap]:
    """Every gap, criteria first (in notes order), then every ``[[match]]`` without ``proof``.

    The one definition of a gap: the prep sheet lists them all, ``followup check``
    reports the uncovered criteria (a match without proof is coaching for the
    next round, not a fault in the notes).
    """
    found = [Gap("criterion", key, index, text) for key, text, index in uncovered_criteria(notes)]
    for index, match in enumerate(notes.match):
        if not (match.proof and match.proof.strip()) and match.criterion.strip():
            found.append(Gap("proof", "match", index, match.criterion, match.evidence))
    return found
