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
    segment_figures,
    tier_totals,
    unallocated_share,
)
from followup.errors import Problem
from followup.notes.model import Interviewer, Notes, Territory
from followup.wording.language import Writer

if TYPE_CHECKING:
    from matplotlib.figure import Figure


NAME = "territory-plan"
TITLE = "Sample territory plan"
# What the plan's own context keys hold (docs/templates.md is generated from these).
CONTEXT_DESCRIPTIONS: dict[str, str] = {
    "plan_facts": "The facts the wording template writes the plan's sentences from: figures formatted for the "
                  "locale, the maths (deals only with an average deal), the priorities and what serves them.",
    "territory": "The territory plan's tables and figures, already formatted for style.locale.",
}

# The sections in the order the plan shows them (a section with nothing to show is left out); their headings
# are labels of the language pack (labels.toml, [territory_plan]).
SECTIONS: tuple[str, ...] = ("summary", "priorities", "definition", "segments", "accounts", "maths", "plan", "kpis",
                             "assumptions")
# Every word the layouts and charts print is a label of the language pack ([territory_plan] of labels.toml):
# the context carries keys (``tier``: "A", "B", "C" or "none"), counts with their plural form and figures.


def count(fmt: Formatter, unit: str, value: int) -> dict[str, str]:
    """A count the layouts word by the pack's ``[territory_plan.counts]``: ``{unit}_{form}`` with ``{n}``.

    ``form`` is ``one`` or ``other`` by the language's plural rule (Babel, CLDR; French counts 0 as one).
    """
    language = fmt.locale.split("_")[0]
    form = Writer(language, fmt.locale).plural(value, "one", "other")
    return {"key": f"{unit}_{form}", "text": fmt.number(value)}


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
                            f"[[territory.segments]]: {', '.join(strays[:5])}{' ...' if len(strays) > 5 else ''}")
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
        "unassigned": False,
        "accounts_text": fmt.number(figure.accounts) if figure.accounts is not None else "",
        "share_text": percent(fmt, figure.share) if figure.share is not None else "",
        "quota_text": money(figure.quota) if figure.quota is not None else "",
        "strategy": figure.strategy or "",
        "named_text": fmt.number(figure.named_accounts) if figure.named_accounts else "",
    } for figure in figures]
    if rest:
        rows.append({"name": "", "unassigned": True, "accounts_text": "", "share_text": percent(fmt, rest),
                     "quota_text": money(quota * rest) if quota is not None else "", "strategy": "",
                     "named_text": ""})
    return rows


def _tier_rows(fmt: Formatter, currency: str, totals: list[TierTotal], all_potential: float) -> list[dict[str, Any]]:
    money = _money(fmt, currency)
    return [{
        "tier": total.tier or "none",
        "count_text": fmt.number(total.count),
        "potential_text": money(total.potential) if total.with_potential else "",
        "share_text": (percent(fmt, round(total.potential / all_potential, 2))
                       if all_potential and total.with_potential else ""),
    } for total in totals]


def plan_facts(notes: Notes, territory: Territory, maths: PipelineMaths | None, fmt: Formatter, rest: float,
               priorities: list[PriorityServed], numbers: dict[str, str]) -> dict[str, Any]:
    """What the plan's wording template (``languages/<lang>/territory-plan.jinja``) writes its sentences from.

    Facts only, no sentences: figures already formatted for ``style.locale`` and the currency (``*_text``),
    the ramp, the coverage and where it came from, the deal maths when the notes give an average deal, the
    named accounts, the largest segment, and each priority with the parts of the plan that serve it (by
    ``plan_priorities.serves``, the rule ``check`` uses, so no sentence names a focus the plan does not have).
    """
    money = _money(fmt, territory.currency)
    maths_facts: dict[str, Any] | None = None
    if maths is not None:
        shares = [quarter.share for quarter in maths.quarters]
        peak = shares.index(max(shares))
        source = maths.coverage.source
        deal = maths.deal_size
        all_potential = named_potential(territory.accounts)
        maths_facts = {
            "ramped": bool(territory.ramp) and len(set(shares)) > 1,
            "ramp_given": bool(territory.ramp),
            "share_texts": [percent(fmt, share) for share in shares],
            "first_share_text": percent(fmt, shares[0]),
            "first_label": maths.quarters[0].label,
            "first_number": "1",
            "peak_share_text": percent(fmt, shares[peak]),
            "peak_label": maths.quarters[peak].label,
            "peak_number": str(peak + 1),
            "quarter_quota_text": money(maths.quarters[0].quota),
            "coverage_text": multiple(fmt, maths.coverage.multiple),
            "coverage_number_text": fmt.number(round(maths.coverage.multiple, 2)),
            "coverage_source": source or "",
            "coverage_from": ("default" if source is None else "kpis" if source in territory.kpis
                              else "success_criteria"),
            "pipeline_text": money(maths.pipeline),
            "deal": None if deal is None or maths.deals is None else {
                "amount_text": money(deal.amount),
                "deals": maths.deals,
                "deals_text": fmt.number(maths.deals),
                "opportunities_text": fmt.number(maths.opportunities or 0),
                "per_month_text": fmt.number(maths.opportunities_per_month or 0),
                "win_rate_text": percent(fmt, round(deal.win_rate, 2)),
                "win_rate_given": deal.win_rate_given,
            },
            "named_potential_text": money(all_potential) if all_potential else "",
            "named_share_text": percent(fmt, round(all_potential / maths.pipeline, 2)) if all_potential else "",
        }
    potential = named_potential(territory.accounts)
    tier_a = [total for total in tier_totals(territory.accounts) if total.tier == "A" and total.potential]
    shares_given = [segment for segment in territory.segments if segment.share]
    largest = max(shares_given, key=lambda segment: segment.share or 0) if shares_given else None
    return {
        "name": territory.name,
        "period": territory.period or "",
        "regions": list(territory.regions),
        "currency": territory.currency,
        "quota_text": money(territory.quota) if territory.quota is not None else "",
        "maths": maths_facts,
        "accounts": {
            "count": len(territory.accounts),
            "count_text": fmt.number(len(territory.accounts)),
            "potential_text": money(potential) if potential else "",
            "tier_a_count": tier_a[0].count if tier_a else 0,
            "tier_a_potential_text": money(tier_a[0].potential) if tier_a else "",
        },
        "largest_segment": None if largest is None else {
            "name": largest.name, "share_text": percent(fmt, largest.share or 0), "strategy": largest.strategy or ""},
        "segment_quota": (any(segment.share is not None for segment in territory.segments)
                          and territory.quota is not None),
        "unassigned_share_text": percent(fmt, rest) if rest else "",
        "priorities": [{
            "priority": item.priority,
            "own": item.whose == "reader",
            "parts": [{"kind": part.kind, "label": part.label, "text": part.text.split(": ", 1)[-1]
                       if part.kind == "segment" else part.text} for part in item.parts],
        } for item in priorities],
        "own_priorities": any(item.whose == "reader" for item in priorities),
        "priorities_served": sum(1 for item in priorities if item.served),
        "priorities_section": numbers.get("priorities", ""),
    }


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
    definition: list[dict[str, Any]] = [{"key": "territory", "value": territory.name, "counts": []}]
    if territory.period:
        definition.append({"key": "period", "value": territory.period, "counts": []})
    if territory.regions:
        definition.append({"key": "regions", "value": fmt.join(list(territory.regions)), "counts": []})
    if territory.quota is not None:
        definition.append({"key": "annual_quota", "value": money(territory.quota), "counts": []})
    if territory.segments:
        accounts_total = sum(segment.accounts or 0 for segment in territory.segments)
        counts = [count(fmt, "segments", len(territory.segments))]
        if accounts_total:
            counts.append(count(fmt, "accounts", accounts_total))
        definition.append({"key": "segments", "value": "", "counts": counts})
    if territory.accounts:
        counts = [count(fmt, "accounts", len(territory.accounts))]
        if all_potential:
            counts.append({"key": "potential", "text": money(all_potential)})
        definition.append({"key": "named_accounts", "value": "", "counts": counts})
    definition.append({"key": "role", "value": notes.role.title, "counts": []})
    if notes.role.reports_to:
        definition.append({"key": "reporting_to", "value": notes.role.reports_to, "counts": []})

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
                "number": str(index),
                "share_text": percent(fmt, quarter.share),
                "quota_text": money(quarter.quota),
                "pipeline_text": money(quarter.pipeline),
                "deals_text": fmt.number(quarter.deals) if quarter.deals is not None else "",
                "opportunities_text": fmt.number(quarter.opportunities) if quarter.opportunities is not None else "",
            } for index, quarter in enumerate(maths.quarters, 1)],
            "headline": [
                {"key": "annual_quota", "value": money(maths.quota)},
                {"key": "coverage", "value": multiple(fmt, maths.coverage.multiple)},
                {"key": "pipeline_needed", "value": money(maths.pipeline)},
            ] + ([{"key": "deals_at", "value": fmt.number(maths.deals)}]
                 if maths.deal_size is not None and maths.deals is not None else []),
            "deals_key": "deals_at" if maths.deal_size else "deals",
        }

    cover_figures: list[dict[str, str]] = []
    if territory.quota is not None:
        cover_figures.append({"key": "annual_quota", "value": money(territory.quota)})
    if maths is not None:
        cover_figures.append({"key": "pipeline_at", "value": money(maths.pipeline)})
    if territory.accounts:
        cover_figures.append({"key": "named_accounts", "value": fmt.number(len(territory.accounts))})
    if territory.segments:
        cover_figures.append({"key": "segments", "value": fmt.number(len(territory.segments))})
    if territory.regions and len(cover_figures) < 4:
        cover_figures.append({"key": "regions", "value": fmt.number(len(territory.regions))})

    chart_data: dict[str, Any] = {
        "locale": notes.style.locale,
        "currency": territory.currency,
        "accent": notes.style.accent_color,
        "quarters": [{"label": quarter.label, "number": index, "quota": quarter.quota, "pipeline": quarter.pipeline}
                     for index, quarter in enumerate(maths.quarters, 1)] if maths else [],
        "coverage_text": multiple(fmt, maths.coverage.multiple) if maths else "",
        "segments": [],
        "segment_measure": "",
    }
    if territory.quota is not None and any(figure.quota for figure in figures):
        chart_data["segment_measure"] = "quota"
        chart_data["segments"] = [{"name": figure.name, "unassigned": False, "value": figure.quota,
                                   "share": figure.share}
                                  for figure in figures if figure.quota]
        if rest:
            chart_data["segments"].append({"name": "", "unassigned": True, "value": territory.quota * rest,
                                           "share": rest})
    elif any(figure.named_potential for figure in figures):
        chart_data["segment_measure"] = "potential"
        chart_data["segments"] = [{"name": figure.name, "unassigned": False, "value": figure.named_potential,
                                   "share": None}
                                  for figure in figures if figure.named_potential]

    period = territory.period or ""
    priorities = priority_map(notes)
    present = {"summary": True, "priorities": bool(priorities), "definition": True,
               "segments": bool(territory.segments), "accounts": bool(territory.accounts),
               "maths": maths is not None, "plan": bool(territory.plan), "kpis": bool(territory.kpis),
               "assumptions": True}
    numbers = {name: str(position) for position, name in enumerate((key for key, shown in present.items() if shown), 1)}
    context["plan_facts"] = plan_facts(notes, territory, maths, fmt, rest, priorities, numbers)
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
        "contents": [{"number": number, "key": key} for key, number in numbers.items()],
        "cover_figures": cover_figures,
        "has_priorities": bool(priorities),
        "definition": definition,
        "regions": list(territory.regions),
        "has_segments": bool(territory.segments),
        "segments": _segment_rows(fmt, territory.currency, figures, rest, territory.quota),
        "segment_chart_key": ("chart_quota_by_segment" if chart_data["segment_measure"] == "quota"
                              else "chart_potential_by_segment" if chart_data["segment_measure"] else ""),
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
        "plan": [{"phase": phase.phase, "goals": list(phase.goals)} for phase in territory.plan],
        "kpis": [{"text": kpi, "drives_maths": bool(maths and kpi == maths.coverage.source)}
                 for kpi in territory.kpis],
        "chart_data": chart_data,
        "quarter_chart_key": "chart_by_quarter" if maths else "",
        # What the labels with a placeholder ("Pipeline at {coverage}", "Deals at {amount}") are filled with.
        "coverage_text": multiple(fmt, maths.coverage.multiple) if maths else "",
        "deal_amount_text": money(maths.deal_size.amount) if maths and maths.deal_size else "",
    }
    context["document"]["title"] = f"{TITLE}: {territory.name}"
    return context


def draw_charts(context: Context) -> dict[str, Figure]:
    """The plan's charts by name (see territory_charts): only those the numbers allow."""
    from followup.documents.territory_charts import draw_territory_charts

    words = context.get("labels", {}).get("territory_plan", {})
    return draw_territory_charts(context["territory"]["chart_data"], words)


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
    wording=True,
)
