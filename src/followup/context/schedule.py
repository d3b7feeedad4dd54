"""The follow-up cadence: when each step is due, with the spec's defaults.

Defaults (notes-format.md): thank-you the day after the interview; the call 3
business days after; the materials 5 business days after; the check-in the
business day before the decision date, else 8 business days after. A default
never falls on a weekend: a thank-you whose next day is a Saturday is due on
the (Friday) interview day itself, keeping the 24 hours; after a weekend
interview it is due on the Monday. Dates written in the notes are used as
written, weekend or not: the user chose them.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from dataclasses import dataclass

from followup.notes.model import Interviewer, Notes

STEP_TITLES: dict[str, str] = {
    "thank-you": "Send thank-yous",
    "call": "Call to ask whether they have questions",
    "materials": "Send the materials",
    "check-in": "Call to learn when and how they decide",
    "decision": "Decision expected",
}


def is_business_day(day: datetime.date) -> bool:
    return day.weekday() < 5


def add_business_days(start: datetime.date, count: int) -> datetime.date:
    """``count`` business days after ``start`` (Saturday and Sunday are skipped)."""
    day = start
    added = 0
    while added < count:
        day += datetime.timedelta(days=1)
        if is_business_day(day):
            added += 1
    return day


def next_business_day(day: datetime.date) -> datetime.date:
    """``day`` itself when it is a business day, else the Monday after."""
    while not is_business_day(day):
        day += datetime.timedelta(days=1)
    return day


def previous_business_day(day: datetime.date) -> datetime.date:
    """The business day before ``day``."""
    day -= datetime.timedelta(days=1)
    while not is_business_day(day):
        day -= datetime.timedelta(days=1)
    return day


def default_thank_you(interview_day: datetime.date) -> datetime.date:
    """The day after the interview; the interview day itself when that is a Friday; Monday after a weekend."""
    following = interview_day + datetime.timedelta(days=1)
    if is_business_day(following):
        return following
    if is_business_day(interview_day):
        return interview_day
    return next_business_day(following)


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
    thank_you = plan.thank_you_by or default_thank_you(interview_day)
    call = plan.call_on or add_business_days(interview_day, 3)
    materials = plan.materials_by or add_business_days(interview_day, 5)
    if plan.check_in_on:
        check_in = plan.check_in_on
    elif decision_date and decision_date > interview_day + datetime.timedelta(days=1):
        check_in = previous_business_day(decision_date)
    else:
        check_in = add_business_days(interview_day, 8)
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
