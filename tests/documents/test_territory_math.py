"""The territory plan's derived numbers (territory_math): quarters, segments, coverage, tiers, deals."""

from __future__ import annotations

import pytest

from followup.documents.territory_math import (
    Coverage,
    DealSize,
    coverage_from,
    coverage_needed,
    deal_size,
    deals_needed,
    named_potential,
    opportunities_needed,
    parse_coverage,
    parse_win_rate,
    pipeline_maths,
    plan_order,
    quarter_labels,
    quarter_shares,
    segment_figures,
    tier_totals,
    unallocated_share,
)
from followup.notes.model import Account, Segment


def account(name: str, tier: str | None = None, potential: float | None = None, segment: str | None = None) -> Account:
    return Account(name=name, tier=tier, potential=potential, segment=segment)


@pytest.mark.parametrize(("text", "expected"), [
    ("3x pipeline coverage by end of Q1", 3.0),
    ("4× coverage", 4.0),
    ("Pipeline coverage of 3.5x", 3.5),
    ("Coverage 2,5x", 2.5),
    ("3 times pipeline coverage", 3.0),
    ("12 first meetings a month", None),
    ("3x more first meetings", None),        # a multiple, but not of coverage
    ("Coverage of the whole state", None),  # coverage, but no multiple
    ("50x coverage", None),                 # not a believable coverage target
    ("€1.5M pipeline by month 4", None),
])
def test_parse_coverage(text: str, expected: float | None) -> None:
    assert parse_coverage(text) == expected


def test_coverage_comes_from_the_first_kpi_that_names_one_else_three() -> None:
    found = coverage_from(["12 first meetings a month", "4× coverage"], ["3x pipeline coverage"])
    assert found == Coverage(4.0, "4× coverage")
    assert not found.is_default
    fallback = coverage_from(["12 first meetings a month"], ["3.5x pipeline coverage"])
    assert fallback.multiple == 3.5
    default = coverage_from([], [])
    assert default == Coverage(3.0, None) and default.is_default


def test_quarters_follow_the_ramp_or_split_evenly() -> None:
    assert quarter_shares(None) == [0.25, 0.25, 0.25, 0.25]
    assert quarter_shares([0.15, 0.25, 0.3, 0.3]) == [0.15, 0.25, 0.3, 0.3]
    assert quarter_labels(5) == ["Q1", "Q2", "Q3", "Q4", "Q5"]


def test_pipeline_maths_for_a_ramped_quota_with_an_average_deal() -> None:
    coverage = Coverage(3.0)
    deal = deal_size(120_000, None, coverage)
    assert deal == DealSize(120_000, pytest.approx(1 / 3), False)  # the win rate 3x coverage implies
    maths = pipeline_maths(1_200_000, [0.15, 0.25, 0.30, 0.30], coverage, deal)
    assert [quarter.quota for quarter in maths.quarters] == pytest.approx([180_000, 300_000, 360_000, 360_000])
    assert [quarter.pipeline for quarter in maths.quarters] == pytest.approx([540_000, 900_000, 1_080_000, 1_080_000])
    assert [quarter.deals for quarter in maths.quarters] == [2, 3, 3, 3]
    assert [quarter.opportunities for quarter in maths.quarters] == [6, 9, 9, 9]
    assert maths.pipeline == pytest.approx(3_600_000)
    assert maths.deals == 10
    assert maths.opportunities == 30
    assert maths.opportunities_per_month == 3
    assert sum(quarter.quota for quarter in maths.quarters) == pytest.approx(maths.quota)


def test_a_named_win_rate_sets_the_opportunities() -> None:
    deal = deal_size(60_000, 0.25, Coverage(3.0))
    assert deal == DealSize(60_000, 0.25, True)
    maths = pipeline_maths(1_200_000, None, Coverage(3.0), deal)
    assert maths.deals == 20 and maths.opportunities == 80  # 20 deals at one in four
    assert maths.opportunities_per_month == 7  # 80 over 12 months, rounded up
    assert [quarter.deals for quarter in maths.quarters] == [5, 5, 5, 5]
    assert [quarter.opportunities for quarter in maths.quarters] == [20, 20, 20, 20]
    assert opportunities_needed(3, 0.4) == 8  # 7.5 rounds up
    with pytest.raises(ValueError):
        opportunities_needed(3, 0)


def test_without_an_average_deal_there_are_no_deal_counts() -> None:
    assert deal_size(None, 0.25, Coverage(3.0)) is None
    assert deal_size(None, None, Coverage(3.0)) is None


def test_win_rates_and_the_coverage_they_need() -> None:
    assert parse_win_rate("Win rate of 25% on qualified opportunities") == 0.25
    assert parse_win_rate("30% win rate") == 0.3
    assert parse_win_rate("12 first meetings a month") is None
    assert parse_win_rate("win rate up 5 points") is None
    assert coverage_needed(0.25) == 4


def test_pipeline_maths_without_a_deal_size_has_no_deals() -> None:
    maths = pipeline_maths(900_000, None, Coverage(4.0, "4× coverage"), None)
    assert [quarter.quota for quarter in maths.quarters] == pytest.approx([225_000] * 4)
    assert maths.pipeline == pytest.approx(3_600_000)
    assert maths.deals is None and maths.opportunities is None
    assert all(quarter.deals is None for quarter in maths.quarters)


def test_deals_round_up_and_tolerate_float_noise() -> None:
    assert deals_needed(300_000, 100_000) == 3
    assert deals_needed(300_000.0000001, 100_000) == 3
    assert deals_needed(300_001, 100_000) == 4
    assert deals_needed(0, 100_000) == 0
    with pytest.raises(ValueError):
        deals_needed(1, 0)


def test_segment_quota_is_share_of_quota_and_counts_named_accounts() -> None:
    segments = [Segment(name="Mid-market", accounts=140, share=0.6, strategy="Roundtables"),
                Segment(name="Food", accounts=55, share=0.25), Segment(name="Other")]
    accounts = [account("a", potential=100, segment="Mid-market"), account("b", potential=50, segment="Mid-market"),
                account("c", segment="Food")]
    figures = segment_figures(1_200_000, segments, accounts)
    assert [figure.quota for figure in figures] == pytest.approx([720_000, 300_000, None])
    assert figures[2].quota is None
    assert [figure.named_accounts for figure in figures] == [2, 1, 0]
    assert figures[0].named_potential == 150
    assert segment_figures(None, segments, accounts)[0].quota is None
    assert unallocated_share(segments) == pytest.approx(0.15)
    assert unallocated_share([Segment(name="x", share=0.5), Segment(name="y", share=0.498)]) == 0.0
    assert unallocated_share([Segment(name="x")]) == 0.0


def test_tier_totals_and_plan_order() -> None:
    accounts = [account("c1", "C", 10), account("a1", "A", 100), account("none", None, 500), account("a2", "A", 300),
                account("a3", "A", None), account("b1", "B", 50), account("a4", "A", 100)]
    totals = tier_totals(accounts)
    assert [(total.tier, total.count, total.potential, total.with_potential) for total in totals] == [
        ("A", 4, 500, 3), ("B", 1, 50, 1), ("C", 1, 10, 1), (None, 1, 500, 1)]
    assert [item.name for item in plan_order(accounts)] == ["a2", "a1", "a4", "a3", "b1", "c1", "none"]
    assert named_potential(accounts) == 1060
    assert tier_totals([]) == []
