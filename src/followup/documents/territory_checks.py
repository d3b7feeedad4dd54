"""Coaching for a territory plan that a sales leader would pick apart: ``followup check`` shows these as gaps.

Each function takes the notes and returns Problems of severity ``"gap"`` with the
key path they are about (``check`` turns it into a line number):

- :func:`deal_size_gaps`: no ``territory.average_deal``, so the plan shows no deal counts;
- :func:`priority_gaps`: a priority no segment strategy, 30-60-90 goal or idea serves (the rule of
  ``plan_priorities.serves``, the same the plan's own priorities section uses);
- :func:`goal_count_gaps`: a goal counting more accounts of a tier (or "all N" named accounts) than
  the plan names ("Visit all 10 Tier A accounts" beside two Tier A accounts);
- :func:`coverage_gaps`: a KPI naming another coverage than the maths use, a goal aiming above it, a
  win rate the coverage cannot carry (3x coverage at a 25% win rate wins 75% of quota);
- :func:`segment_gaps`: a segment with a strategy but no accounts.

:func:`plan_gaps` runs them all; the territory plan's ``Document.check`` returns them.
"""

from __future__ import annotations

import re

from followup.documents.plan_priorities import priority_map
from followup.documents.territory_math import (
    coverage_from,
    coverage_needed,
    parse_coverage,
    parse_win_rate,
)
from followup.errors import Problem
from followup.notes.model import Notes

PREFIX = "territory-plan: "
NUMBER_WORDS: dict[str, int] = {word: value for value, word in enumerate([
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
])}
# "all 10 Tier A accounts", "the 5 tier-B accounts", "all twelve named accounts", "every 3 Tier C account".
_COUNTED_ACCOUNTS = re.compile(
    r"\b(all|every|the|our|my)?\s*(\d{1,4}|" + "|".join(NUMBER_WORDS) + r")\s+"
    r"(?:(?:tier[- ]?([abc])\b|([abc])[- ]tier)|(named))?\s*(?:-\s*)?accounts?\b",
    re.IGNORECASE)
# A coverage multiple can only be off by rounding (3.33x against 1 / 30%).
TOLERANCE = 0.01


def _gap(message: str, key_path: str, hint: str) -> Problem:
    return Problem(PREFIX + message, severity="gap", key_path=key_path, hint=hint)


def deal_size_gaps(notes: Notes) -> list[Problem]:
    territory = notes.territory
    if territory is None or territory.quota is None or territory.average_deal is not None:
        return []
    return [_gap("no territory.average_deal, so the plan shows the pipeline but no deals or opportunities",
                 "territory",
                 "add territory.average_deal (a typical first-year deal, from closed-won history); "
                 "an account's annual potential is not the size of one deal")]


def priority_gaps(notes: Notes) -> list[Problem]:
    if notes.territory is None:
        return []
    return [_gap(f"no part of the plan addresses {item.priority!r}", item.key_path,
                 "add a 30-60-90 goal, a segment strategy or an idea that serves it, "
                 "or the plan's priorities section says that nothing does yet")
            for item in priority_map(notes) if not item.served]


def _count(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.casefold()]


def goal_count_gaps(notes: Notes) -> list[Problem]:
    territory = notes.territory
    if territory is None:
        return []
    by_tier: dict[str, int] = {}
    for account in territory.accounts:
        if account.tier:
            by_tier[account.tier] = by_tier.get(account.tier, 0) + 1
    named = len(territory.accounts)
    problems: list[Problem] = []
    for index, phase in enumerate(territory.plan):
        for number, goal in enumerate(phase.goals):
            for match in _COUNTED_ACCOUNTS.finditer(goal):
                article, amount, tier_a, tier_b, named_word = match.groups()
                wanted = _count(amount)
                tier = (tier_a or tier_b or "").upper()
                key_path = f"territory.plan[{index}].goals[{number}]"
                if tier:
                    have = by_tier.get(tier, 0)
                    if wanted > have or (article and article.casefold() in ("all", "every") and wanted != have):
                        problems.append(_gap(
                            f"the goal {goal!r} counts {wanted} Tier {tier} accounts, but the plan names {have}",
                            key_path, f"name the Tier {tier} accounts in [[territory.accounts]], or write "
                                      f"the goal for the {have} the plan names"))
                elif (named_word or (article and article.casefold() in ("all", "every"))) and named \
                        and wanted != named:
                    problems.append(_gap(
                        f"the goal {goal!r} counts {wanted} named accounts, but the plan names {named}",
                        key_path, "make the goal and [[territory.accounts]] agree"))
    return problems


def coverage_gaps(notes: Notes) -> list[Problem]:
    territory = notes.territory
    if territory is None or territory.quota is None:
        return []
    used = coverage_from(territory.kpis, notes.discovery.success_criteria)
    where = f"from {used.source!r}" if used.source else "the 3x default"
    problems: list[Problem] = []
    for index, kpi in enumerate(territory.kpis):
        value = parse_coverage(kpi)
        if value is not None and abs(value - used.multiple) > TOLERANCE:
            problems.append(_gap(f"the KPI {kpi!r} names {value:g}x coverage, but the pipeline maths use "
                                 f"{used.multiple:g}x ({where})", f"territory.kpis[{index}]",
                                 "name one coverage target in the KPIs"))
    for index, phase in enumerate(territory.plan):
        for number, goal in enumerate(phase.goals):
            value = parse_coverage(goal)
            if value is not None and value > used.multiple + TOLERANCE:
                problems.append(_gap(f"the goal {goal!r} aims for {value:g}x coverage, above the {used.multiple:g}x "
                                     "the pipeline maths and KPIs plan for", f"territory.plan[{index}].goals[{number}]",
                                     "make the goal and the coverage KPI agree"))
    rates: list[tuple[float, str, str]] = []
    if territory.win_rate is not None:
        rates.append((territory.win_rate, "territory.win_rate", "territory.win_rate"))
    for index, kpi in enumerate(territory.kpis):
        rate = parse_win_rate(kpi)
        if rate is not None:
            rates.append((rate, repr(kpi), f"territory.kpis[{index}]"))
    for rate, said, key_path in rates:
        needed = coverage_needed(rate)
        if needed > used.multiple + TOLERANCE:
            problems.append(_gap(
                f"a win rate of {rate:.0%} ({said}) needs {needed:.3g}x pipeline coverage; at the {used.multiple:g}x "
                f"the plan uses it wins {rate * used.multiple:.0%} of quota", key_path,
                f"plan for {needed:.3g}x coverage, or a win rate of at least {1 / used.multiple:.0%}"))
    return problems


def segment_gaps(notes: Notes) -> list[Problem]:
    territory = notes.territory
    if territory is None:
        return []
    problems: list[Problem] = []
    for index, segment in enumerate(territory.segments):
        if not (segment.strategy and segment.strategy.strip()):
            continue
        named = sum(1 for account in territory.accounts if account.segment == segment.name)
        if segment.accounts == 0 or (segment.accounts is None and not named):
            problems.append(_gap(f"the segment {segment.name!r} has a strategy but no accounts",
                                 f"territory.segments[{index}]",
                                 "give the segment its number of accounts, or name accounts in it, "
                                 "or drop the strategy"))
    return problems


def plan_gaps(notes: Notes) -> list[Problem]:
    """Every coaching gap of the territory plan, in the order of the checks above."""
    return [*deal_size_gaps(notes), *priority_gaps(notes), *goal_count_gaps(notes), *coverage_gaps(notes),
            *segment_gaps(notes)]


__all__ = ["coverage_gaps", "deal_size_gaps", "goal_count_gaps", "plan_gaps", "priority_gaps", "segment_gaps"]
