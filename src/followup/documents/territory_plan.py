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

from typing import TYPE_CHECKING, Any

from babel import Locale
from babel.numbers import format_percent

from followup.context import base_context
from followup.context.formatting import Formatter
from followup.context.schedule import step_due
from followup.documents.base import Context, Document
from followup.documents.territory_math import (
    MIN_ACCOUNTS_FOR_DEAL_SIZE,
    PipelineMaths,
    SegmentFigures,
    TierTotal,
    assumed_deal_size,
    coverage_from,
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


def _coverage(territory: Territory, notes: Notes) -> Any:
    return coverage_from(territory.kpis, notes.discovery.success_criteria)


def _maths(notes: Notes) -> PipelineMaths | None:
    territory = notes.territory
    if territory is None or territory.quota is None:
        return None
    return pipeline_maths(territory.quota, territory.ramp, _coverage(territory, notes),
                          assumed_deal_size(territory.accounts))


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
    elif territory.quota is not None and assumed_deal_size(territory.accounts) is None:
        warnings.append(f"territory-plan: fewer than {MIN_ACCOUNTS_FOR_DEAL_SIZE} named accounts have a potential, "
                        "so the plan gives no deal count")
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
    """``territory_warnings`` as Problems, for ``Document.check`` (shown by ``check`` and ``render``)."""
    return [Problem(message, severity="warning", key_path="territory") for message in territory_warnings(notes)]


def _money(fmt: Formatter, currency: str):
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


def _summary(notes: Notes, territory: Territory, maths: PipelineMaths | None, fmt: Formatter) -> list[str]:
    """The summary paragraphs: what the territory is, the numbers that matter, where the plan starts."""
    money = _money(fmt, territory.currency)
    company, role = notes.company.name, notes.role.title
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
    paragraphs = [opening]
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
        sentence = (f"{ramp}; at the {multiple(fmt, maths.coverage.multiple)} pipeline coverage {where}, "
                    f"that calls for {money(maths.pipeline)} of pipeline over the year")
        if maths.deal_size is not None and maths.deals is not None:
            sentence += (f": about {maths.opportunities} opportunities to close {maths.deals} deals "
                         f"of {money(maths.deal_size.amount)}")
        paragraphs.append(sentence + ".")
    if territory.accounts:
        potential = named_potential(territory.accounts)
        count = len(territory.accounts)
        text = f"The {count} named account{'s' if count != 1 else ''}"
        if potential:
            text += f" {'hold' if count != 1 else 'holds'} {money(potential)} of annual potential"
            if territory.quota:
                text += f", {percent(fmt, round(potential / territory.quota, 2))} of quota"
            tier_a = [total for total in tier_totals(territory.accounts) if total.tier == "A" and total.potential]
            if tier_a:
                text += (f"; the {tier_a[0].count} tier-A account{'s' if tier_a[0].count != 1 else ''} "
                         f"alone hold {money(tier_a[0].potential)}")
        else:
            text += " are listed by tier, with their status and my next step"
        paragraphs.append(text + ".")
    shares = [segment for segment in territory.segments if segment.share]
    if shares:
        largest = max(shares, key=lambda segment: segment.share or 0)
        text = f"{largest.name} carries the largest share of quota ({percent(fmt, largest.share or 0)})"
        if largest.strategy:
            text += f". How I would win it: {largest.strategy.strip()}"
        paragraphs.append(text if text.endswith((".", "!", "?")) else text + ".")
    if notes.discovery.priorities:
        paragraphs.append(f"The plan is built around the priority you named: {quoted(notes.discovery.priorities[0])}.")
    return paragraphs


def _assumptions(notes: Notes, territory: Territory, maths: PipelineMaths | None, fmt: Formatter,
                 rest: float) -> list[str]:
    """Every assumption the plan makes, in words a sales leader can challenge."""
    money = _money(fmt, territory.currency)
    items: list[str] = []
    if maths is not None:
        shares = quarter_shares(territory.ramp)
        if territory.ramp:
            items.append(f"Quota per quarter follows the ramp in the plan: "
                         f"{', '.join(percent(fmt, share) for share in shares)} of the annual quota.")
        else:
            items.append("No ramp was set, so the quota is split evenly over four quarters.")
        coverage = maths.coverage
        if coverage.source is None:
            items.append(f"Pipeline coverage of {multiple(fmt, coverage.multiple)}: no KPI names a coverage target, "
                         "and three times the quota in qualified pipeline is the common planning rule.")
        else:
            items.append(f"Pipeline coverage of {multiple(fmt, coverage.multiple)}, as in {quoted(coverage.source)}.")
        items.append("Pipeline needed is the quota of the same period times the coverage: it assumes deals close "
                     "in the quarter they are planned for.")
        if maths.deal_size is not None:
            items.append(f"An average deal of {money(maths.deal_size.amount)}: the median annual potential of the "
                         f"{maths.deal_size.basis} named accounts that have one. Real closed-won history should "
                         "replace it.")
            items.append("Deals are rounded up, quarter by quarter, so the quarters together can need a deal or two "
                         "more than the year as a whole.")
        else:
            items.append(f"No deal count: fewer than {MIN_ACCOUNTS_FOR_DEAL_SIZE} named accounts have a potential "
                         "to base an average deal size on.")
    if any(segment.share is not None for segment in territory.segments) and territory.quota is not None:
        text = "Quota per segment is the segment's share of the annual quota."
        if rest:
            text += f" {percent(fmt, rest)} of the quota is not assigned to a segment."
        items.append(text)
    if territory.accounts:
        items.append(f"Account potentials are estimated annual revenue in {territory.currency}, not forecasts; "
                     "tiers follow potential and fit.")
    items.append(f"Amounts are in {territory.currency}, rounded to whole units.")
    return items


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
    notes_for_reader: list[str] = []
    if maths is None:
        notes_for_reader.append("The quota for this territory has not been set yet, so the pipeline maths "
                                "(quota per quarter, pipeline needed, deals) will follow once it is agreed.")

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
            } for quarter in maths.quarters],
            "headline": [
                {"label": "Annual quota", "value": money(maths.quota)},
                {"label": "Coverage", "value": multiple(fmt, maths.coverage.multiple)},
                {"label": "Pipeline needed", "value": money(maths.pipeline)},
            ] + ([{"label": f"Deals at {money(maths.deal_size.amount)}", "value": fmt.number(maths.deals)}]
                 if maths.deal_size is not None and maths.deals is not None else []),
            "named_text": "",
        }
        explain = f"Pipeline needed is the quota of each quarter times the coverage of {maths_context['coverage_text']}"
        if has_deals:
            explain += (f"; at an average deal of {maths_context['deal_size_text']} the year takes "
                        f"{maths_context['deals_text']} closed deals from about {maths_context['opportunities_text']} "
                        "qualified opportunities")
        maths_context["explain"] = explain + "."
        maths_context["deals_header"] = f"Deals at {maths_context['deal_size_text']}" if has_deals else "Deals"
        if all_potential:
            maths_context["named_text"] = (
                f"The named accounts hold {money(all_potential)} of annual potential, "
                f"{percent(fmt, round(all_potential / maths.pipeline, 2))} of the pipeline needed; the rest has to "
                f"come from new logos in the segments, which is why the first 90 days put prospecting first.")

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

    chart_data = {
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
    present = {"summary": True, "definition": True, "segments": bool(territory.segments),
               "accounts": bool(territory.accounts), "maths": maths is not None, "plan": bool(territory.plan),
               "kpis": bool(territory.kpis), "assumptions": True}
    numbers = {name: str(position) for position, name in enumerate((key for key, shown in present.items() if shown), 1)}
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
        "cover_figures": cover_figures,
        "summary": _summary(notes, territory, maths, fmt),
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
        "reader_notes": notes_for_reader,
        "plan": [{"phase": phase.phase, "goals": list(phase.goals)} for phase in territory.plan],
        "kpis": [{"text": kpi, "drives_maths": bool(maths and kpi == maths.coverage.source)}
                 for kpi in territory.kpis],
        "assumptions": _assumptions(notes, territory, maths, fmt, rest),
        "chart_data": chart_data,
        "quarter_chart_title": "Quota and pipeline needed by quarter" if maths else "",
    }
    context["document"]["title"] = f"{TITLE}: {territory.name}"
    return context


def draw_charts(context: Context) -> dict[str, "Figure"]:
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
