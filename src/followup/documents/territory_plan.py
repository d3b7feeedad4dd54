"""territory-plan: the sample territory plan a candidate sends, three to six pages, pdf and docx.

Sections: title page, summary, the territory (regions, period, quota), segments
with their share and quota, account tiers and the named accounts, the pipeline
maths, the 30-60-90 plan, KPIs, and the assumptions made. The numbers come from
``territory_math`` (pure functions); this module words them and formats them for
``style.locale`` and ``territory.currency``, so the PDF, the DOCX and the charts
(``territory_charts``) say the same thing.

Missing parts degrade: no accounts, no accounts section; no quota, no maths
section (a note in the document says why, and ``territory_warnings`` tells
``followup check``); no ``[territory]``, no document (``skip_reason``).
docs/documents/territory-plan.md explains the assumptions and the maths.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from babel import Locale
from babel.numbers import format_percent

from followup.context import base_context
from followup.context.formatting import Formatter
from followup.context.schedule import step_due
from followup.documents.base import Context, Document
from followup.documents.plan_priorities import PriorityServed, priority_map
from followup.documents.territory_checks import plan_gaps
from followup.documents.territory_math import (
    Coverage,
    PipelineMaths,
    SegmentFigures,
    TierTotal,
    coverage_from,
    deal_size,
    named_potential,
    pipeline_maths,
    plan_order,
    quarter_shares,
    segment_figures,
    tier_totals,
    unallocated_share,
)
from followup.documents.wording import join_and, quoted
from followup.errors import Problem
from followup.notes.model import Interviewer, Notes, Territory

if TYPE_CHECKING:
    from matplotlib.figure import Figure


NAME = "territory-plan"
TITLE = "Sample territory plan"
# The section headings, in the order the plan shows them (a section with nothing to show is left out).
SECTION_TITLES: dict[str, str] = {
    "summary": "Summary",
    "priorities": "How this plan serves the priorities we discussed",
    "definition": "The territory",
    "segments": "Segments",
    "accounts": "Account tiers and named accounts",
    "maths": "Pipeline maths",
    "plan": "The first 90 days",
    "kpis": "KPIs I would report on",
    "assumptions": "Assumptions",
}
TIER_LABELS: dict[str | None, str] = {"A": "Tier A", "B": "Tier B", "C": "Tier C", None: "No tier"}
TIER_MEANINGS: dict[str | None, str] = {
    "A": "Largest potential: named coverage, executive sponsors",
    "B": "Solid potential: regular cadence, grow the footprint",
    "C": "Smaller or early: efficient touches, events, partners",
    None: "Not yet tiered",
}


def skip_reason(notes: Notes) -> str | None:
    """The plan is made of ``[territory]``; without it there is nothing to send."""
    if notes.territory is None:
        return "notes have no [territory]"
    return None


def percent(fmt: Formatter, value: float) -> str:
    """``15%`` / ``15 %``; one decimal only where the share needs it (``12.5%``)."""
    if abs(value * 100 - round(value * 100)) < 1e-6:
        return fmt.percent(value)
    locale = Locale.parse(fmt.locale)
    pattern = locale.percent_formats[None].pattern
    head, _, tail = pattern.rpartition("0")
    return format_percent(value, format=f"{head}0.#{tail}", locale=locale)


def multiple(fmt: Formatter, value: float) -> str:
    """A coverage multiple: ``3×``, ``3.5×`` (``3,5×`` in German)."""
    return f"{fmt.number(round(value, 2))}×"


def materials_date(notes: Notes) -> str:
    """The plan's date: the day the materials go out (follow_up.materials_by or its default), never today."""
    return Formatter(notes.style.locale).date(step_due(notes, "materials"))


def _coverage(territory: Territory, notes: Notes) -> Coverage:
    return coverage_from(territory.kpis, notes.discovery.success_criteria)


def _maths(notes: Notes) -> PipelineMaths | None:
    territory = notes.territory
    if territory is None or territory.quota is None:
        return None
    coverage = _coverage(territory, notes)
    return pipeline_maths(territory.quota, territory.ramp, coverage,
                          deal_size(territory.average_deal, territory.win_rate, coverage))


def territory_warnings(notes: Notes) -> list[str]:
    """What ``followup check`` should say about the territory plan of these notes (one line each).

    Empty when the notes have no ``[territory]`` (the skip reason says that) or when
    every part of the plan can be made.
    """
    territory = notes.territory
    if territory is None:
        return []
    warnings: list[str] = []
    if territory.quota is None:
        warnings.append("territory-plan: no territory.quota, so the plan has no pipeline maths "
                        "(quarterly quota, pipeline needed, deals)")
    if not territory.accounts:
        warnings.append("territory-plan: no [[territory.accounts]], so the plan has no accounts section")
    segment_names = {segment.name for segment in territory.segments}
    if segment_names:
        strays = [account.name for account in territory.accounts
                  if account.segment is not None and account.segment not in segment_names]
        if strays:
            warnings.append(f"territory-plan: {len(strays)} account(s) name a segment that is not among "
                            f"[[territory.segments]]: {join_and(strays[:5])}{' ...' if len(strays) > 5 else ''}")
    if not territory.segments:
        warnings.append("territory-plan: no [[territory.segments]], so the plan has no segments section")
    if not territory.plan:
        warnings.append("territory-plan: no [[territory.plan]], so the plan has no 30-60-90 day section")
    return warnings


def check_warnings(notes: Notes) -> list[Problem]:
    """``territory_warnings`` as Problems, then the coaching gaps of ``territory_checks`` (for ``Document.check``).

    ``followup check`` lists the warnings as warnings and the gaps as coaching.
    """
    if notes.territory is None:
        return []
    warnings = [Problem(message, severity="warning", key_path="territory") for message in territory_warnings(notes)]
    return warnings + plan_gaps(notes)


def _money(fmt: Formatter, currency: str) -> Callable[[float], str]:
    return lambda amount: fmt.money(amount, currency)


def _segment_rows(fmt: Formatter, currency: str, figures: list[SegmentFigures], rest: float,
                  quota: float | None) -> list[dict[str, Any]]:
    money = _money(fmt, currency)
    rows = [{
        "name": figure.name,
        "accounts_text": fmt.number(figure.accounts) if figure.accounts is not None else "",
        "share_text": percent(fmt, figure.share) if figure.share is not None else "",
        "quota_text": money(figure.quota) if figure.quota is not None else "",
        "strategy": figure.strategy or "",
        "named_text": fmt.number(figure.named_accounts) if figure.named_accounts else "",
    } for figure in figures]
    if rest:
        rows.append({"name": "Not assigned to a segment", "accounts_text": "", "share_text": percent(fmt, rest),
                     "quota_text": money(quota * rest) if quota is not None else "",
                     "strategy": "Inbound and new logos outside the named segments", "named_text": ""})
    return rows


def _tier_rows(fmt: Formatter, currency: str, totals: list[TierTotal], all_potential: float) -> list[dict[str, Any]]:
    money = _money(fmt, currency)
    return [{
        "tier": TIER_LABELS[total.tier],
        "meaning": TIER_MEANINGS[total.tier],
        "count_text": fmt.number(total.count),
        "potential_text": money(total.potential) if total.with_potential else "",
        "share_text": percent(fmt, round(total.potential / all_potential, 2)) if all_potential and total.with_potential else "",
    } for total in totals]


KIND_LABELS: dict[str, str] = {"segment": "Segment", "goal": "", "idea": "Idea"}


def _sentences(notes: Notes, territory: Territory, maths: PipelineMaths | None, fmt: Formatter, rest: float,
               priorities: list[PriorityServed], numbers: dict[str, str]) -> dict[str, Any]:
    """Every sentence of the plan, from facts computed elsewhere; the one place its prose is written.

    Keys: ``summary`` (paragraphs), ``reader_notes``, ``explain`` (under the pipeline maths),
    ``priorities_intro``, ``priority_rows`` (each priority with what serves it, or that nothing does yet)
    and ``assumptions``. No sentence names a focus the plan's own goals do not have: the summary
    counts the priorities the plan serves by the same rule as its priorities section and ``check``.
    """
    money = _money(fmt, territory.currency)
    company, role = notes.company.name, notes.role.title
    deal = maths.deal_size if maths is not None else None

    # Summary.
    period = f" in {territory.period}" if territory.period else ""
    opening = f"This is how I would run {territory.name} for {company} as {role}{period}"
    if territory.quota is not None and territory.regions:
        opening += f": {money(territory.quota)} of quota across {join_and(territory.regions)}."
    elif territory.quota is not None:
        opening += f", against a quota of {money(territory.quota)}."
    elif territory.regions:
        opening += f", across {join_and(territory.regions)}."
    else:
        opening += "."
    summary = [opening]
    if maths is not None:
        shares = [quarter.share for quarter in maths.quarters]
        if territory.ramp and len(set(shares)) > 1:
            ramp = (f"The quota ramps from {percent(fmt, shares[0])} in {maths.quarters[0].label} to "
                    f"{percent(fmt, max(shares))} by {maths.quarters[shares.index(max(shares))].label}")
        else:
            ramp = f"The quota is spread evenly, {money(maths.quarters[0].quota)} a quarter"
        if maths.coverage.source is None:
            where = "I plan for"
        elif maths.coverage.source in territory.kpis:
            where = "named in the KPIs"
        else:
            where = "you set as a success criterion"
        text = (f"{ramp}; at the {multiple(fmt, maths.coverage.multiple)} pipeline coverage {where}, "
                f"that calls for {money(maths.pipeline)} of pipeline over the year")
        if deal is not None and maths.deals is not None:
            text += (f": {fmt.number(maths.deals)} deals at an average of {money(deal.amount)}, from about "
                     f"{fmt.number(maths.opportunities or 0)} qualified opportunities")
        summary.append(text + ".")
    if territory.accounts:
        potential = named_potential(territory.accounts)
        count = len(territory.accounts)
        text = f"The {count} named account{'s' if count != 1 else ''}"
        if potential:
            text += f" {'hold' if count != 1 else 'holds'} {money(potential)} of annual potential"
            tier_a = [total for total in tier_totals(territory.accounts) if total.tier == "A" and total.potential]
            if tier_a:
                text += (f"; the {tier_a[0].count} tier-A account{'s' if tier_a[0].count != 1 else ''} "
                         f"alone {'holds' if tier_a[0].count == 1 else 'hold'} {money(tier_a[0].potential)}")
        else:
            text += " are listed by tier, with their status and my next step"
        summary.append(text + ".")
    shares_given = [segment for segment in territory.segments if segment.share]
    if shares_given:
        largest = max(shares_given, key=lambda segment: segment.share or 0)
        text = f"{largest.name} carries the largest share of quota ({percent(fmt, largest.share or 0)})"
        if largest.strategy:
            text += f". How I would win it: {largest.strategy.strip()}"
        summary.append(text if text.endswith((".", "!", "?")) else text + ".")
    if priorities:
        served = sum(1 for item in priorities if item.served)
        section = numbers.get("priorities", "")
        if served == len(priorities):
            text = (f"Each of the {count_words(len(priorities), 'priority', 'priorities')} we discussed has a part "
                    f"of this plan behind it; section {section} shows which.")
        elif served:
            text = (f"{served_words(served)} of the {count_words(len(priorities), 'priority', 'priorities')} "
                    f"we discussed {'has' if served == 1 else 'have'} a part of this plan behind "
                    f"{'it' if served == 1 else 'them'}; section {section} shows which, and where the plan has "
                    "nothing yet.")
        else:
            text = (f"This first draft does not yet address the priorities we discussed; section {section} "
                    "lists them, and they are where I would start with you.")
        summary.append(text)

    reader_notes: list[str] = []
    if maths is None:
        reader_notes.append("The quota for this territory has not been set yet, so the pipeline maths "
                            "(quota per quarter, pipeline needed, deals) will follow once it is agreed.")

    # Priorities section.
    own = any(item.whose == "reader" for item in priorities)
    priority_rows = []
    for item in priorities:
        serves = []
        for part in item.parts:
            if part.kind == "segment":
                serves.append(f"Segment strategy, {part.text}")
            elif part.kind == "goal":
                serves.append(f"{part.label}: {part.text}")
            else:
                serves.append(f"Idea in the process memo: {part.label}")
        priority_rows.append({
            "priority": item.priority,
            "whose": ("Yours" if item.whose == "reader" else company) if own else "",
            "serves": serves,
            "nothing": "" if item.served else "Nothing in this plan addresses it yet.",
        })
    priorities_intro = ("What you and the team told me matters most, and the parts of this plan that serve it."
                        if own else "What the team told me matters most, and the parts of this plan that serve it.")

    # The pipeline maths, explained.
    explain = ""
    if maths is not None:
        explain = f"Pipeline needed is the quota of each quarter times the coverage of {multiple(fmt, maths.coverage.multiple)}"
        if deal is not None and maths.deals is not None:
            explain += (f"; at an average deal of {money(deal.amount)} the year takes {fmt.number(maths.deals)} "
                        f"closed deals from about {fmt.number(maths.opportunities or 0)} qualified opportunities "
                        f"(a win rate of {percent(fmt, round(deal.win_rate, 2))}): about "
                        f"{fmt.number(maths.opportunities_per_month or 0)} new qualified opportunities a month")
        explain += "."
        all_potential = named_potential(territory.accounts)
        if all_potential:
            explain += (f" The named accounts could spend {money(all_potential)} a year, "
                        f"{percent(fmt, round(all_potential / maths.pipeline, 2))} of the pipeline needed; "
                        "the rest has to come from accounts not yet named.")

    # Assumptions.
    assumptions: list[str] = []
    if maths is not None:
        shares = quarter_shares(territory.ramp)
        if territory.ramp:
            assumptions.append(f"Quota per quarter follows the ramp in the plan: "
                               f"{', '.join(percent(fmt, share) for share in shares)} of the annual quota.")
        else:
            assumptions.append("No ramp was set, so the quota is split evenly over four quarters.")
        coverage = maths.coverage
        if coverage.source is None:
            assumptions.append(f"Pipeline coverage of {multiple(fmt, coverage.multiple)}: no KPI names a coverage "
                               "target, and three times the quota in qualified pipeline is the common planning rule.")
        else:
            assumptions.append(f"Pipeline coverage of {multiple(fmt, coverage.multiple)}, as in "
                               f"{quoted(coverage.source)}.")
        assumptions.append("Pipeline needed is the quota of the same period times the coverage: it assumes deals "
                           "close in the quarter they are planned for.")
        if deal is not None:
            text = f"An average first-year deal of {money(deal.amount)}"
            if deal.win_rate_given:
                text += f" and a win rate of {percent(fmt, round(deal.win_rate, 2))} on qualified opportunities."
            else:
                text += (f"; a win rate of {percent(fmt, round(deal.win_rate, 2))}, the one "
                         f"{multiple(fmt, coverage.multiple)} coverage implies (one qualified opportunity in "
                         f"{fmt.number(round(coverage.multiple, 2))} is won).")
            assumptions.append(text + " Closed-won history for the territory should confirm both.")
            assumptions.append("Deals and opportunities are rounded up, quarter by quarter, so the quarters together "
                               "can need a deal or two more than the year as a whole.")
        else:
            assumptions.append("No deal or opportunity counts yet: they need the average deal size from closed-won "
                               "history. An account's annual potential is what it could spend in a year, not the "
                               "size of one deal, so it does not stand in for one.")
    if any(segment.share is not None for segment in territory.segments) and territory.quota is not None:
        text = "Quota per segment is the segment's share of the annual quota."
        if rest:
            text += f" {percent(fmt, rest)} of the quota is not assigned to a segment."
        assumptions.append(text)
    if territory.accounts:
        assumptions.append(f"Account potentials are estimated annual spend in {territory.currency}, not forecasts; "
                           "tiers follow potential and fit.")
    assumptions.append(f"Amounts are in {territory.currency}, rounded to whole units.")

    return {"summary": summary, "reader_notes": reader_notes, "explain": explain,
            "priorities_intro": priorities_intro, "priority_rows": priority_rows, "assumptions": assumptions}


def count_words(count: int, one: str, many: str) -> str:
    """``three priorities``, ``one priority`` (numbers up to ten in words, as in prose)."""
    words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
    number = words[count] if 0 <= count < len(words) else str(count)
    return f"{number} {one if count == 1 else many}"


def served_words(count: int) -> str:
    """``Two`` / ``One``: the count opening a sentence."""
    return count_words(count, "", "").strip().capitalize()


def build_context(notes: Notes, interviewer: Interviewer | None = None) -> Context:
    """The base context plus ``territory``: every figure already worded and formatted."""
    context = base_context(notes, document=NAME, title=TITLE)
    territory = notes.territory
    if territory is None:
        raise ValueError("territory-plan needs [territory]; check skip_reason first")
    fmt = Formatter(notes.style.locale)
    money = _money(fmt, territory.currency)
    maths = _maths(notes)
    rest = unallocated_share(territory.segments)
    figures = segment_figures(territory.quota, territory.segments, territory.accounts)
    totals = tier_totals(territory.accounts)
    all_potential = named_potential(territory.accounts)
    ordered = plan_order(territory.accounts)
    definition = [{"label": "Territory", "value": territory.name}]
    if territory.period:
        definition.append({"label": "Period", "value": territory.period})
    if territory.regions:
        definition.append({"label": "Regions", "value": join_and(territory.regions)})
    if territory.quota is not None:
        definition.append({"label": "Annual quota", "value": money(territory.quota)})
    if territory.segments:
        accounts_total = sum(segment.accounts or 0 for segment in territory.segments)
        text = f"{len(territory.segments)} segment{'s' if len(territory.segments) != 1 else ''}"
        if accounts_total:
            text += f", {fmt.number(accounts_total)} accounts"
        definition.append({"label": "Segments", "value": text})
    if territory.accounts:
        text = f"{fmt.number(len(territory.accounts))} account{'s' if len(territory.accounts) != 1 else ''}"
        if all_potential:
            text += f", {money(all_potential)} potential"
        definition.append({"label": "Named accounts", "value": text})
    definition.append({"label": "Role", "value": notes.role.title})
    if notes.role.reports_to:
        definition.append({"label": "Reporting to", "value": notes.role.reports_to})

    maths_context: dict[str, Any] | None = None
    if maths is not None:
        has_deals = maths.deal_size is not None
        maths_context = {
            "coverage_text": multiple(fmt, maths.coverage.multiple),
            "coverage_source": maths.coverage.source or "",
            "coverage_is_default": maths.coverage.is_default,
            "quota_text": money(maths.quota),
            "total_share_text": percent(fmt, 1),
            "pipeline_text": money(maths.pipeline),
            "has_deals": has_deals,
            "deal_size_text": money(maths.deal_size.amount) if maths.deal_size else "",
            "deals_text": fmt.number(maths.deals) if maths.deals is not None else "",
            "opportunities_text": fmt.number(maths.opportunities) if maths.opportunities is not None else "",
            "quarters": [{
                "label": quarter.label,
                "share_text": percent(fmt, quarter.share),
                "quota_text": money(quarter.quota),
                "pipeline_text": money(quarter.pipeline),
                "deals_text": fmt.number(quarter.deals) if quarter.deals is not None else "",
                "opportunities_text": fmt.number(quarter.opportunities) if quarter.opportunities is not None else "",
            } for quarter in maths.quarters],
            "headline": [
                {"label": "Annual quota", "value": money(maths.quota)},
                {"label": "Coverage", "value": multiple(fmt, maths.coverage.multiple)},
                {"label": "Pipeline needed", "value": money(maths.pipeline)},
            ] + ([{"label": f"Deals at {money(maths.deal_size.amount)}", "value": fmt.number(maths.deals)}]
                 if maths.deal_size is not None and maths.deals is not None else []),
            "deals_header": f"Deals at {money(maths.deal_size.amount)}" if maths.deal_size else "Deals",
            "opportunities_header": "Qualified opportunities",
        }

    cover_figures: list[dict[str, str]] = []
    if territory.quota is not None:
        cover_figures.append({"label": "Annual quota", "value": money(territory.quota)})
    if maths is not None:
        cover_figures.append({"label": f"Pipeline at {multiple(fmt, maths.coverage.multiple)}",
                              "value": money(maths.pipeline)})
    if territory.accounts:
        cover_figures.append({"label": "Named accounts", "value": fmt.number(len(territory.accounts))})
    if territory.segments:
        cover_figures.append({"label": "Segments", "value": fmt.number(len(territory.segments))})
    if territory.regions and len(cover_figures) < 4:
        cover_figures.append({"label": "Regions", "value": fmt.number(len(territory.regions))})

    chart_data: dict[str, Any] = {
        "locale": notes.style.locale,
        "currency": territory.currency,
        "accent": notes.style.accent_color,
        "quarters": [{"label": quarter.label, "quota": quarter.quota, "pipeline": quarter.pipeline}
                     for quarter in maths.quarters] if maths else [],
        "coverage_text": multiple(fmt, maths.coverage.multiple) if maths else "",
        "segments": [],
        "segment_measure": "",
    }
    if territory.quota is not None and any(figure.quota for figure in figures):
        chart_data["segment_measure"] = "quota"
        chart_data["segments"] = [{"name": figure.name, "value": figure.quota, "share": figure.share}
                                  for figure in figures if figure.quota]
        if rest:
            chart_data["segments"].append({"name": "Not assigned", "value": territory.quota * rest, "share": rest})
    elif any(figure.named_potential for figure in figures):
        chart_data["segment_measure"] = "potential"
        chart_data["segments"] = [{"name": figure.name, "value": figure.named_potential, "share": None}
                                  for figure in figures if figure.named_potential]

    period = territory.period or ""
    priorities = priority_map(notes)
    present = {"summary": True, "priorities": bool(priorities), "definition": True, "segments": bool(territory.segments),
               "accounts": bool(territory.accounts), "maths": maths is not None, "plan": bool(territory.plan),
               "kpis": bool(territory.kpis), "assumptions": True}
    numbers = {name: str(position) for position, name in enumerate((key for key, shown in present.items() if shown), 1)}
    words = _sentences(notes, territory, maths, fmt, rest, priorities, numbers)
    if maths_context is not None:
        maths_context["explain"] = words["explain"]
    context["charts"] = {}
    context["territory"] = {
        "name": territory.name,
        "period": period,
        "currency": territory.currency,
        "subtitle_parts": [part for part in (period, notes.role.title, notes.company.name) if part],
        "date_text": materials_date(notes),
        "prepared_for": context["decision_maker"],
        "footer_text": f"{notes.candidate.name} · {territory.name}",
        "numbers": numbers,
        "titles": SECTION_TITLES,
        "contents": [{"number": number, "title": SECTION_TITLES[key]} for key, number in numbers.items()],
        "cover_figures": cover_figures,
        "summary": words["summary"],
        "priorities_intro": words["priorities_intro"],
        "priorities": words["priority_rows"],
        "definition": definition,
        "regions": list(territory.regions),
        "has_segments": bool(territory.segments),
        "segments": _segment_rows(fmt, territory.currency, figures, rest, territory.quota),
        "segment_chart_title": ("Quota by segment" if chart_data["segment_measure"] == "quota"
                                else "Named-account potential by segment" if chart_data["segment_measure"] else ""),
        "has_accounts": bool(territory.accounts),
        "tiers": _tier_rows(fmt, territory.currency, totals, all_potential),
        "tiers_total": {"count_text": fmt.number(len(territory.accounts)),
                        "potential_text": money(all_potential) if all_potential else ""},
        "accounts": [{
            "name": account.name,
            "segment": account.segment or "",
            "tier": account.tier or "",
            "potential_text": money(account.potential) if account.potential is not None else "",
            "status": account.status or "",
            "next_step": account.next_step or "",
        } for account in ordered],
        "maths": maths_context,
        "has_maths": maths_context is not None,
        "reader_notes": words["reader_notes"],
        "plan": [{"phase": phase.phase, "goals": list(phase.goals)} for phase in territory.plan],
        "kpis": [{"text": kpi, "drives_maths": bool(maths and kpi == maths.coverage.source)}
                 for kpi in territory.kpis],
        "coverage_tag": (f"the {multiple(fmt, maths.coverage.multiple)} used in the pipeline maths"
                         if maths is not None else ""),
        "assumptions": words["assumptions"],
        "chart_data": chart_data,
        "quarter_chart_title": "Quota and pipeline needed by quarter" if maths else "",
    }
    context["document"]["title"] = f"{TITLE}: {territory.name}"
    return context


def draw_charts(context: Context) -> dict[str, Figure]:
    """The plan's charts by name (see territory_charts): only those the numbers allow."""
    from followup.documents.territory_charts import draw_territory_charts

    return draw_territory_charts(context["territory"]["chart_data"])


DOCUMENT = Document(
    name=NAME,
    title=TITLE,
    formats=("pdf", "docx"),
    per_interviewer=False,
    skip_reason=skip_reason,
    build_context=build_context,
    draw_charts=draw_charts,
    check=check_warnings,
    render_cost=10,  # seconds relative to a letter's, measured (benchmarks/)
)
