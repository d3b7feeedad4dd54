"""The follow-up cadence: when each step is due, with the spec's defaults.

Defaults (notes-format.md): thank-you the day after the interview; the call 3
business days after; the materials 5 business days after, or by the day you
promised them when that is sooner; the check-in the business day before the
decision date, else 8 business days after. Business days skip weekends and the
public holidays of ``[style] country`` (default: the locale's territory; see
:mod:`followup.context.holidays`): a call after a Monday interview in the US is
not put on Thanksgiving. A default never falls on a day off: a thank-you whose
next day is a Saturday (or a holiday) is due on the interview day itself,
keeping the 24 hours; after a weekend interview it is due on the next business
day. Dates written in the notes are used as written, weekend or not: the user
chose them.

A promise (``follow_up.promised = "A territory plan by Wednesday"``) without
``promised_by`` is dated from its words (:func:`mentioned_date`: a weekday is the
next one after the interview; also "tomorrow", "Nov 27", 2026-11-27), and so is
the panel's debrief when ``discovery.decision_process`` or ``next_steps`` dates
it ("Panel debrief Friday"); :func:`timing_warnings` says when the materials or
the promise land after what the notes date.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass

from followup.context.holidays import Country, country_for, holiday_name
from followup.errors import Problem
from followup.notes.model import Interviewer, Notes

STEP_TITLES: dict[str, str] = {
    "thank-you": "Send thank-yous",
    "call": "Call to ask whether they have questions",
    "materials": "Send the materials",
    "check-in": "Call to learn when and how they decide",
    "decision": "Decision expected",
}


@dataclass(frozen=True)
class BusinessDays:
    """Monday to Friday, less the public holidays of ``country`` (None: weekends only)."""

    country: Country | None = None

    def is_open(self, day: datetime.date) -> bool:
        return day.weekday() < 5 and holiday_name(self.country, day) is None

    def add(self, start: datetime.date, count: int) -> datetime.date:
        """``count`` business days after ``start``."""
        day = start
        added = 0
        while added < count:
            day += datetime.timedelta(days=1)
            if self.is_open(day):
                added += 1
        return day

    def on_or_after(self, day: datetime.date) -> datetime.date:
        """``day`` itself when it is a business day, else the next one."""
        while not self.is_open(day):
            day += datetime.timedelta(days=1)
        return day

    def before(self, day: datetime.date) -> datetime.date:
        """The business day before ``day``."""
        day -= datetime.timedelta(days=1)
        while not self.is_open(day):
            day -= datetime.timedelta(days=1)
        return day


WEEKENDS_ONLY = BusinessDays()


def business_days(notes: Notes) -> BusinessDays:
    """The business days of the notes' country (``[style] country``, else the locale's territory)."""
    country, _ = country_for(notes.style.country, notes.style.locale)
    return BusinessDays(country)


def is_business_day(day: datetime.date, days: BusinessDays = WEEKENDS_ONLY) -> bool:
    return days.is_open(day)


def add_business_days(start: datetime.date, count: int, days: BusinessDays = WEEKENDS_ONLY) -> datetime.date:
    """``count`` business days after ``start`` (weekends, and ``days``' holidays, skipped)."""
    return days.add(start, count)


def next_business_day(day: datetime.date, days: BusinessDays = WEEKENDS_ONLY) -> datetime.date:
    """``day`` itself when it is a business day, else the next one."""
    return days.on_or_after(day)


def previous_business_day(day: datetime.date, days: BusinessDays = WEEKENDS_ONLY) -> datetime.date:
    """The business day before ``day``."""
    return days.before(day)


_WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2, "thursday": 3,
    "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sunday": 6,
    "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5, "sonntag": 6,
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
    "lunes": 0, "martes": 1, "miércoles": 2, "miercoles": 2, "jueves": 3, "viernes": 4, "sábado": 5,
    "sabado": 5, "domingo": 6,
}
_MONTHS: dict[str, int] = {
    name: number for number in range(1, 13)
    for name in (
        datetime.date(2000, number, 1).strftime("%B").lower(),
        datetime.date(2000, number, 1).strftime("%b").lower(),
    )
} | {"sept": 9}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE_PATTERNS = (
    re.compile(r"\b(?P<iso>\d{4}-\d{2}-\d{2})\b"),
    re.compile(
        rf"\b(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{{4}}))?", re.IGNORECASE
    ),
    re.compile(
        rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?P<month>{_MONTH})\b\.?(?:\s+(?P<year>\d{{4}}))?", re.IGNORECASE
    ),
    re.compile(r"\b(?P<weekday>" + "|".join(sorted(_WEEKDAYS, key=len, reverse=True)) + r")\b", re.IGNORECASE),
    re.compile(r"\b(?P<tomorrow>tomorrow|morgen|demain|mañana)\b", re.IGNORECASE),
    re.compile(r"\b(?P<week_end>end of (?:the )?week)\b", re.IGNORECASE),
)


def mentioned_date(text: str, after: datetime.date) -> datetime.date | None:
    """The first date ``text`` names, read as the next such day after ``after``; None when it names none.

    "by Wednesday" is the first Wednesday after ``after``; "tomorrow" the day after;
    "end of the week" the Friday after; "Nov 27" / "27 November" the next one on or
    after ``after`` (or in the year written); "2026-11-27" as written.
    """
    found: list[tuple[int, datetime.date]] = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            day = _date_of(match, after)
            if day is not None:
                found.append((match.start(), day))
                break
    return min(found)[1] if found else None


def _date_of(match: re.Match[str], after: datetime.date) -> datetime.date | None:
    groups = match.groupdict()
    if groups.get("iso"):
        try:
            return datetime.date.fromisoformat(groups["iso"])
        except ValueError:
            return None
    if groups.get("weekday") or groups.get("week_end"):
        weekday = _WEEKDAYS[groups["weekday"].lower()] if groups.get("weekday") else 4
        return after + datetime.timedelta(days=(weekday - after.weekday() - 1) % 7 + 1)
    if groups.get("tomorrow"):
        return after + datetime.timedelta(days=1)
    month, day = _MONTHS[groups["month"].lower()], int(groups["day"])
    years = [int(groups["year"])] if groups.get("year") else [after.year, after.year + 1]
    for year in years:
        try:
            candidate = datetime.date(year, month, day)
        except ValueError:
            return None
        if groups.get("year") or candidate >= after:
            return candidate
    return None


def promised_by(notes: Notes) -> datetime.date | None:
    """When the promise is due: ``promised_by``, else the date ``promised`` names; None without either."""
    plan = notes.follow_up
    if plan.promised_by is not None:
        return plan.promised_by
    if plan.promised and plan.promised.strip():
        return mentioned_date(plan.promised, notes.interview.date)
    return None


def debrief_date(notes: Notes) -> tuple[datetime.date, str] | None:
    """The panel's debrief, when the notes date it: (date, the words that say so)."""
    discovery = notes.discovery
    for text in (discovery.decision_process, discovery.next_steps):
        for clause in re.split(r"[;.\n]|,\s", text or ""):
            if "debrief" in clause.lower():
                day = mentioned_date(clause, notes.interview.date)
                if day is not None:
                    return day, clause.strip()
    return None


def default_thank_you(interview_day: datetime.date, days: BusinessDays = WEEKENDS_ONLY) -> datetime.date:
    """The day after the interview; the interview day itself when the next is a day off; else the next business day."""
    following = interview_day + datetime.timedelta(days=1)
    if days.is_open(following):
        return following
    if days.is_open(interview_day):
        return interview_day
    return days.on_or_after(following)


@dataclass(frozen=True)
class Step:
    """One follow-up step and when it is due."""

    key: str  # thank-you | call | materials | check-in | decision
    title: str
    due: datetime.date
    done: bool


def follow_up_steps(notes: Notes) -> list[Step]:
    """Every step of the cadence in date order, the decision date last when there is one."""
    interview_day = notes.interview.date
    plan = notes.follow_up
    decision_date = notes.discovery.decision_date
    days = business_days(notes)
    thank_you = plan.thank_you_by or default_thank_you(interview_day, days)
    call = plan.call_on or days.add(interview_day, 3)
    materials = plan.materials_by or days.add(interview_day, 5)
    promise = promised_by(notes)
    if plan.materials_by is None and promise is not None and interview_day <= promise < materials:
        materials = promise  # what you promised, when you promised it
    if plan.check_in_on:
        check_in = plan.check_in_on
    elif decision_date and decision_date > interview_day + datetime.timedelta(days=1):
        check_in = days.before(decision_date)
    else:
        check_in = days.add(interview_day, 8)
    done = set(plan.done)
    steps = [
        Step("thank-you", STEP_TITLES["thank-you"], thank_you, "thank-you" in done),
        Step("call", STEP_TITLES["call"], call, "call" in done),
        Step("materials", STEP_TITLES["materials"], materials, "materials" in done),
        Step("check-in", STEP_TITLES["check-in"], check_in, "check-in" in done),
    ]
    steps.sort(key=lambda step: step.due)
    if decision_date:
        steps.append(Step("decision", STEP_TITLES["decision"], decision_date, decision_date < interview_day))
    return steps


def step_due(notes: Notes, key: str) -> datetime.date:
    """When one step is due."""
    for step in follow_up_steps(notes):
        if step.key == key:
            return step.due
    raise KeyError(key)


def next_step(notes: Notes) -> Step | None:
    """The first step not yet done, or None when all are done."""
    for step in follow_up_steps(notes):
        if not step.done and step.key != "decision":
            return step
    return None


def step_people(notes: Notes, key: str) -> list[Interviewer]:
    """Who a step is about: every interviewer for the thank-yous, else the decision-maker.

    The call, the materials (the criteria-match email goes to the decision-maker)
    and the check-in all go to one person, so the user knows whom to ring.
    """
    if key == "thank-you":
        return list(notes.interviewers)
    return [notes.decision_maker]


def fill(template: str, **values: str) -> str:
    """``template`` with each ``{name}`` it holds replaced by ``values[name]`` (unknown names stay as written).

    One pass, so braces inside the values (user text) are never read as placeholders.
    """
    return re.sub(r"\{([a-z_]+)\}", lambda found: values.get(found.group(1), found.group(0)), template)


def step_action(notes: Notes, step: Step, *, with_company: bool = False,
                words: Mapping[str, str] | None = None) -> str:
    """What to do, with whom, in a few words: ``Call Jordan Lee: any questions?``.

    Used as the checklist line and the ``status`` table's next step, and with
    ``with_company`` as the calendar event's title (``Call Jordan Lee (Acme
    Robotics): any questions?``), so all three say the same thing. Names are
    collapsed to one line: a title is never more than one line.
    """
    company = one_line(notes.company.name)
    person = one_line(notes.decision_maker.name)
    if with_company:
        person = f"{person} ({company})"
    if words is not None:
        # The follow-up plan's language (labels.toml [follow_up_plan.actions]); `status` keeps the English below.
        if step.key == "thank-you":
            count = len(notes.interviewers)
            key = "thank_one" if count == 1 else "thank_all"
            return fill(words[key + ("_at" if with_company else "")], name=one_line(notes.interviewers[0].name),
                        company=company, count=str(count))
        if step.key == "decision":
            return fill(words["decision_at" if with_company else "decision"], company=company)
        return fill(words[step.key], person=person, company=company)
    if step.key == "thank-you":
        count = len(notes.interviewers)
        if count == 1:
            text = f"Thank {one_line(notes.interviewers[0].name)}"
            return f"{text} ({company})" if with_company else text
        return f"Thank all {count} interviewers" + (f" at {company}" if with_company else "")
    if step.key == "call":
        return f"Call {person}: any questions?"
    if step.key == "materials":
        return f"Send {person} the materials"
    if step.key == "check-in":
        return f"Call {person}: when will you decide?"
    return f"Decision expected: {company}" if with_company else "Decision expected"


def one_line(text: str) -> str:
    """``text`` with its line breaks (and runs of spaces) as single spaces, for titles."""
    return " ".join(text.split())


def _day(day: datetime.date) -> str:
    return f"{day:%A} {day.isoformat()}"


def timing_warnings(notes: Notes) -> list[Problem]:
    """The promise or the materials landing after what the notes date: the promise itself, the debrief, the decision.

    Problems without a file (the caller adds it), severity ``warning``.
    """
    plan = notes.follow_up
    if "materials" in plan.done:
        return []
    problems: list[Problem] = []
    materials = step_due(notes, "materials")
    materials_key = "follow_up.materials_by" if plan.materials_by else "follow_up"
    promise = promised_by(notes)
    promise_key = "follow_up.promised_by" if plan.promised_by else "follow_up.promised"
    if promise is not None and materials > promise:
        words = f" ({plan.promised.strip()!r})" if plan.promised and plan.promised.strip() else ""
        problems.append(Problem(
            f"the materials are scheduled for {_day(materials)}, after the {_day(promise)} you promised{words}",
            key_path=materials_key, severity="warning",
            hint=f"send them by then (materials_by = {promise.isoformat()}), or tell them the new date"))
    debrief = debrief_date(notes)
    if debrief is not None:
        day, words = debrief
        if materials > day:
            problems.append(Problem(
                f"the materials land on {_day(materials)}, after the debrief on {_day(day)} ({words!r})",
                key_path=materials_key, severity="warning",
                hint=f"send them before the panel meets: materials_by = {days_before(notes, day).isoformat()}"))
        elif promise is not None and promise > day:
            problems.append(Problem(f"you promised them for {_day(promise)}, after the debrief on {_day(day)} "
                                    f"({words!r})", key_path=promise_key, severity="warning",
                                    hint="the panel will meet without them; send them before"))
    decision = notes.discovery.decision_date
    if decision is not None:
        if materials > decision:
            problems.append(Problem(f"the materials land on {_day(materials)}, "
                                    f"after the decision date {_day(decision)}",
                                    key_path=materials_key, severity="warning",
                                    hint=f"send them before they decide: materials_by = "
                                         f"{days_before(notes, decision).isoformat()} at the latest"))
        elif promise is not None and promise > decision:
            problems.append(Problem(f"you promised them for {_day(promise)}, after the decision date {_day(decision)}",
                                    key_path=promise_key, severity="warning",
                                    hint="they will decide without them; send them before"))
    return problems


def days_before(notes: Notes, day: datetime.date) -> datetime.date:
    """The business day before ``day`` in the notes' country."""
    return business_days(notes).before(day)
