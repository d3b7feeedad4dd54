"""The numbers of the territory plan, derived from ``[territory]``: pure functions, no formatting.

Everything the plan states beyond what the notes say is computed here, so the
PDF, the DOCX, the charts and the tests agree on one set of figures:

- the quota of each quarter, from ``ramp`` (an even split over four quarters by default);
- the quota of each segment, from its ``share`` of the annual quota;
- the pipeline coverage multiple, read from a KPI such as "3x pipeline coverage" or
  "4× coverage" (3x when none names one), and the pipeline needed per quarter and in total;
- the potential of the named accounts per tier, and the accounts in plan order
  (tier A first, then by potential, largest first);
- the deals and qualified opportunities needed, only from the notes' own ``average_deal``
  (a typical first-year deal) and ``win_rate`` (default: one over the coverage). An account's
  annual potential is what it could spend in a year, not the size of one deal, so it never
  stands in for a deal size: without ``average_deal`` the plan gives no deal counts.

docs/documents/territory-plan.md explains each rule for users.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from followup.notes.model import Account, Segment

DEFAULT_COVERAGE = 3.0
EVEN_RAMP: tuple[float, ...] = (0.25, 0.25, 0.25, 0.25)
TIER_ORDER: tuple[str, ...] = ("A", "B", "C")
# A multiple written as "3x", "3.5x", "4×", "3 times"; it counts only in a text that says "coverage".
_MULTIPLE = re.compile(r"(?<![\w.,])(\d{1,2}(?:[.,]\d{1,2})?)\s*(?:x|×|times)(?![a-z])", re.IGNORECASE)
_COVERAGE_WORD = re.compile(r"coverage", re.IGNORECASE)
# "win rate of 25%", "25% win rate", "Win rate: 30 %".
_WIN_RATE = re.compile(r"win[- ]rate\D{0,12}?(\d{1,2}(?:[.,]\d)?)\s*%|(\d{1,2}(?:[.,]\d)?)\s*%\s*win[- ]rate",
                       re.IGNORECASE)
# Shares this close to 1 count as 1 (the model allows a rounding slack of 0.005).
SHARE_TOLERANCE = 0.005


@dataclass(frozen=True)
class Coverage:
    """The pipeline coverage multiple and where it came from (``source`` is None for the 3x default)."""

    multiple: float
    source: str | None = None

    @property
    def is_default(self) -> bool:
        return self.source is None


@dataclass(frozen=True)
class QuarterFigures:
    """One quarter: its share of the annual quota, that quota, the pipeline it needs, deals and opportunities."""

    label: str
    share: float
    quota: float
    pipeline: float
    deals: int | None
    opportunities: int | None = None


@dataclass(frozen=True)
class SegmentFigures:
    """One segment with its quota derived from its share (None when the share or the quota is missing)."""

    name: str
    accounts: int | None
    share: float | None
    quota: float | None
    strategy: str | None
    named_accounts: int
    named_potential: float


@dataclass(frozen=True)
class TierTotal:
    """The named accounts of one tier ("A", "B", "C", or None for accounts without a tier)."""

    tier: str | None
    count: int
    potential: float
    with_potential: int


@dataclass(frozen=True)
class DealSize:
    """The average deal the notes name (``territory.average_deal``) and the win rate the maths uses.

    ``win_rate_given`` is False when the win rate is derived from the coverage (1 / coverage).
    """

    amount: float
    win_rate: float
    win_rate_given: bool = True


@dataclass(frozen=True)
class PipelineMaths:
    """The pipeline maths of the plan: quarters, totals, coverage, deal size and deals."""

    quota: float
    coverage: Coverage
    quarters: tuple[QuarterFigures, ...]
    pipeline: float
    deal_size: DealSize | None
    deals: int | None
    opportunities: int | None

    @property
    def opportunities_per_month(self) -> int | None:
        """The pace of pipeline generation: the year's qualified opportunities over its months, rounded up."""
        if self.opportunities is None or not self.quarters:
            return None
        return math.ceil(self.opportunities / (3 * len(self.quarters)) - 1e-9)


def quarter_shares(ramp: Sequence[float] | None) -> list[float]:
    """The share of quota per quarter: ``ramp`` as written, else an even split over four quarters."""
    return list(ramp) if ramp else list(EVEN_RAMP)


def quarter_labels(count: int) -> list[str]:
    """``Q1`` ... ``Qn``: a ramp of more than four entries runs on into the following year (Q5, Q6 ...)."""
    return [f"Q{index}" for index in range(1, count + 1)]


def parse_coverage(text: str) -> float | None:
    """The multiple named in one KPI text (``"3x pipeline coverage"`` -> 3.0), or None.

    The text must mention coverage; a multiple outside 1 to 20 is not a coverage target.
    """
    if not _COVERAGE_WORD.search(text):
        return None
    for match in _MULTIPLE.finditer(text):
        value = float(match.group(1).replace(",", "."))
        if 1 <= value <= 20:
            return value
    return None


def parse_win_rate(text: str) -> float | None:
    """The win rate named in one text (``"Win rate of 25% on qualified opportunities"`` -> 0.25), or None."""
    match = _WIN_RATE.search(text)
    if match is None:
        return None
    value = float((match.group(1) or match.group(2)).replace(",", ".")) / 100
    return value if 0 < value <= 1 else None


def coverage_needed(win_rate: float) -> float:
    """The coverage a win rate calls for: at 25% every deal needs four qualified opportunities, so 4x."""
    return 1 / win_rate


def coverage_from(*sources: Iterable[str]) -> Coverage:
    """The first coverage multiple named in ``sources`` (the KPIs first, then e.g. success criteria); 3x if none."""
    for texts in sources:
        for text in texts:
            value = parse_coverage(text)
            if value is not None:
                return Coverage(value, text)
    return Coverage(DEFAULT_COVERAGE, None)


def deals_needed(amount: float, deal_size: float) -> int:
    """Whole deals of ``deal_size`` that reach ``amount`` (rounded up: half a deal closes nothing)."""
    if deal_size <= 0:
        raise ValueError("a deal size must be positive")
    return max(0, math.ceil(amount / deal_size - 1e-9))


def deal_size(average_deal: float | None, win_rate: float | None, coverage: Coverage) -> DealSize | None:
    """The deal size and win rate of the notes; None without ``average_deal`` (no deal counts then).

    Without a ``win_rate`` the coverage implies one: 3x coverage means one qualified
    opportunity in three is won.
    """
    if average_deal is None or average_deal <= 0:
        return None
    if win_rate is not None and 0 < win_rate <= 1:
        return DealSize(float(average_deal), float(win_rate), True)
    return DealSize(float(average_deal), 1 / coverage.multiple, False)


def opportunities_needed(deals: int, win_rate: float) -> int:
    """Qualified opportunities that close ``deals`` at ``win_rate`` (rounded up)."""
    if not 0 < win_rate <= 1:
        raise ValueError("a win rate must be above 0 and at most 1")
    return max(0, math.ceil(deals / win_rate - 1e-9))


def pipeline_maths(quota: float, ramp: Sequence[float] | None, coverage: Coverage,
                   deal: DealSize | None) -> PipelineMaths:
    """Quota and pipeline per quarter and for the year; deals and opportunities only with a deal size."""
    shares = quarter_shares(ramp)
    quarters = []
    for label, share in zip(quarter_labels(len(shares)), shares):
        quarter_quota = quota * share
        deals = deals_needed(quarter_quota, deal.amount) if deal else None
        quarters.append(QuarterFigures(
            label=label,
            share=share,
            quota=quarter_quota,
            pipeline=quarter_quota * coverage.multiple,
            deals=deals,
            opportunities=opportunities_needed(deals, deal.win_rate) if deal and deals is not None else None,
        ))
    pipeline = quota * coverage.multiple
    deals = deals_needed(quota, deal.amount) if deal else None
    return PipelineMaths(
        quota=quota,
        coverage=coverage,
        quarters=tuple(quarters),
        pipeline=pipeline,
        deal_size=deal,
        deals=deals,
        opportunities=opportunities_needed(deals, deal.win_rate) if deal and deals is not None else None,
    )


def segment_figures(quota: float | None, segments: Sequence[Segment],
                    accounts: Sequence[Account]) -> list[SegmentFigures]:
    """Each segment with its quota (``share`` x ``quota``) and the named accounts that belong to it."""
    figures = []
    for segment in segments:
        members = [account for account in accounts if account.segment == segment.name]
        figures.append(SegmentFigures(
            name=segment.name,
            accounts=segment.accounts,
            share=segment.share,
            quota=quota * segment.share if quota is not None and segment.share is not None else None,
            strategy=segment.strategy,
            named_accounts=len(members),
            named_potential=float(sum(account.potential or 0 for account in members)),
        ))
    return figures


def unallocated_share(segments: Sequence[Segment]) -> float:
    """The share of quota no segment claims (0 when the shares sum to 1, or when no segment has a share)."""
    shares = [segment.share for segment in segments if segment.share is not None]
    if not shares:
        return 0.0
    rest = 1 - sum(shares)
    return rest if rest > SHARE_TOLERANCE else 0.0


def tier_totals(accounts: Sequence[Account]) -> list[TierTotal]:
    """Count and potential per tier, A to C, then the untiered accounts; tiers with no account are left out."""
    totals = []
    for tier in (*TIER_ORDER, None):
        members = [account for account in accounts if account.tier == tier]
        if not members:
            continue
        totals.append(TierTotal(
            tier=tier,
            count=len(members),
            potential=float(sum(account.potential or 0 for account in members)),
            with_potential=sum(1 for account in members if account.potential is not None),
        ))
    return totals


def plan_order(accounts: Sequence[Account]) -> list[Account]:
    """Accounts by tier (A, B, C, untiered), then by potential, largest first; unknown potentials last.

    Ties keep the order of the notes.
    """
    def key(position_and_account: tuple[int, Account]) -> tuple[int, int, float, int]:
        position, account = position_and_account
        tier = TIER_ORDER.index(account.tier) if account.tier in TIER_ORDER else len(TIER_ORDER)
        missing = 1 if account.potential is None else 0
        return tier, missing, -(account.potential or 0), position

    return [account for _, account in sorted(enumerate(accounts), key=key)]


def named_potential(accounts: Sequence[Account]) -> float:
    """The annual potential of every named account together."""
    return float(sum(account.potential or 0 for account in accounts))


__all__ = [
    "DEFAULT_COVERAGE",
    "Coverage",
    "DealSize",
    "PipelineMaths",
    "QuarterFigures",
    "SegmentFigures",
    "TierTotal",
    "coverage_from",
    "coverage_needed",
    "deal_size",
    "deals_needed",
    "named_potential",
    "opportunities_needed",
    "parse_coverage",
    "parse_win_rate",
    "pipeline_maths",
    "plan_order",
    "quarter_labels",
    "quarter_shares",
    "segment_figures",
    "tier_totals",
    "unallocated_share",
]
