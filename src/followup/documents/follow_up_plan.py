"""follow-up-plan: the follow-up cadence as a calendar (ics) and a one-page checklist (pdf).

One plan feeds both formats: each step of the cadence (thank-you, call,
materials, check-in; see ``followup.context.schedule`` for the dates and their
business-day defaults) plus the decision date, with what to do, whom to contact
and how, and the promise made. The calendar holds the steps not yet in
``follow_up.done`` and the decision date; the checklist holds every step, the
done ones ticked. docs/documents/follow-up-plan.md explains the choices (all-day
events, when reminders fire, how UIDs are made).
"""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

from followup.context import base_context
from followup.context.formatting import Formatter
from followup.context.schedule import Step, follow_up_steps, one_line, step_action, step_people
from followup.context.schedule import promised_by as promise_date
from followup.documents.base import Context, Document
from followup.errors import Problem
from followup.notes.model import Interviewer, Notes
from followup.output.paths import safe_slug
from followup.render.ics import render_follow_up_ics

NAME = "follow-up-plan"
PRODID = "-//followup//follow-up-plan//EN"

# When each step's reminder fires, in minutes from the start of the (all-day) event's day.
# Negative triggers only: every client honours "before"; some ignore reminders after the start.
ALARM_MINUTES: dict[str, int] = {
    "thank-you": -6 * 60,             # 18:00 the evening before (the evening of the interview)
    "call": -15 * 60,                 # 09:00 the day before
    "materials": -(24 + 15) * 60,     # 09:00 two days before: time to prepare them
    "check-in": -15 * 60,             # 09:00 the day before
    "decision": -15 * 60,             # 09:00 the day before
}
# A thank-you due on the interview day itself (a Friday interview): 17:00 that day.
SAME_DAY_THANK_YOU_MINUTES = 17 * 60
ALARM_WORDS: dict[str, str] = {
    "thank-you": "Due tomorrow",
    "call": "Tomorrow",
    "materials": "Due in two days",
    "check-in": "Tomorrow",
    "decision": "Tomorrow",
}

STEP_LABELS: dict[str, str] = {
    "thank-you": "Thank-you",
    "call": "Call",
    "materials": "Materials",
    "check-in": "Check-in",
    "decision": "Decision",
}


def skip_reason(notes: Notes) -> str | None:
    """Nothing to plan when every step is done and no decision date is known."""
    steps = follow_up_steps(notes)
    if any(not step.done for step in steps if step.key != "decision") or notes.discovery.decision_date:
        return None
    return "every follow-up step is done and the notes have no discovery.decision_date"


def step_uid(notes: Notes, key: str) -> str:
    """A UID that stays the same across renders (and edits of anything but company and date).

    Importing the calendar again then updates the events instead of adding copies.
    """
    seed = f"{safe_slug(notes.company.name, 'company')}|{notes.interview.date.isoformat()}|{key}"
    return f"{hashlib.sha256(seed.encode('utf-8')).hexdigest()[:32]}@followup"


def contact_lines(person: Interviewer) -> list[str]:
    """How to reach someone: phone and email, as written; empty when the notes have neither."""
    return [value for value in (person.phone, person.email) if value and value.strip()]


def person_entry(person: Interviewer) -> dict[str, Any]:
    """One person to contact: name, title and the ways to reach them."""
    return {"name": person.name, "title": person.title or "", "contacts": contact_lines(person)}


def materials_list(notes: Notes) -> list[str]:
    """What 'the materials' are for these notes: only what the notes can make."""
    items = []
    if notes.match:
        items.append("the criteria-match email")
    if notes.territory is not None:
        items.append("the sample territory plan")
    if notes.ideas:
        items.append("the process ideas")
    return items


def step_entry(notes: Notes, step: Step, fmt: Formatter) -> dict[str, Any]:
    """Everything the checklist and the calendar say about one step, as plain values."""
    role = notes.role.title
    company = notes.company.name
    people = [person_entry(person) for person in step_people(notes, step.key)]
    details: list[dict[str, Any]] = []
    maker = notes.decision_maker
    maker_name = maker.name + (f" ({maker.title})" if maker.title else "")
    if step.key == "thank-you":
        interview_day = fmt.date(notes.interview.date, "full")
        purpose = f"Thank each interviewer for the {role} interview on {interview_day}, within a day."
    elif step.key == "call":
        purpose = f"Call {maker_name} to ask whether they have any questions."
    elif step.key == "materials":
        items = materials_list(notes)
        purpose = (f"Send {maker_name} {fmt.join(items)}." if items
                   else f"Send {maker_name} the materials you promised.")
        if notes.follow_up.promised:
            # The checklist shows the promise once, at the top.
            details.append({"label": "You promised", "value": notes.follow_up.promised, "calendar_only": True})
    elif step.key == "check-in":
        purpose = f"Call {maker_name} to learn when and how they will decide."
        if notes.discovery.decision_process:
            details.append({"label": "How they decide", "value": notes.discovery.decision_process})
        if notes.discovery.decision_date:
            details.append({"label": "Decision expected", "value": fmt.date(notes.discovery.decision_date, "full")})
    else:
        purpose = f"{company} expects to decide on the {role} role."
        if notes.discovery.decision_process:
            # The checklist shows it once, on the check-in; each calendar event stands alone.
            details.append({"label": "How they decide", "value": notes.discovery.decision_process,
                            "calendar_only": True})
        if notes.discovery.next_steps:
            details.append({"label": "Next steps", "value": notes.discovery.next_steps})
    for detail in details:
        detail.setdefault("calendar_only", False)
    action = step_action(notes, step)
    return {
        "key": step.key,
        "label": STEP_LABELS[step.key],
        "action": action,
        "summary": step_action(notes, step, with_company=True),
        "purpose": purpose,
        "people": people,
        "details": details,
        "done": step.done,
        "due": step.due.isoformat(),
        "due_text": fmt.date(step.due, "full"),
        "due_day": fmt.date(step.due, "d"),
        "due_month": fmt.date(step.due, "MMM"),
        "due_weekday": fmt.date(step.due, "EEE"),
    }


def description(entry: dict[str, Any]) -> str:
    """The calendar event's description: what to do, whom to contact and how, and the details."""
    lines = [entry["purpose"]]
    for person in entry["people"]:
        who = person["name"] + (f", {person['title']}" if person["title"] else "")
        reach = " · ".join(person["contacts"]) if person["contacts"] else "no phone or email in the notes"
        lines.append(f"{who}: {reach}")
    for detail in entry["details"]:
        lines.append(f"{detail['label']}: {detail['value']}")
    return "\n".join(lines)


def alarm_for(notes: Notes, entry: dict[str, Any]) -> dict[str, Any]:
    """The step's reminder: when it fires and what it says."""
    minutes = ALARM_MINUTES[entry["key"]]
    words = ALARM_WORDS[entry["key"]]
    if entry["key"] == "thank-you" and entry["due"] == notes.interview.date.isoformat():
        minutes, words = SAME_DAY_THANK_YOU_MINUTES, "Today"
    return {"minutes": minutes, "description": f"{words}: {entry['summary']}"}


def calendar_context(notes: Notes, entries: list[dict[str, Any]]) -> dict[str, Any]:
    """The calendar as plain values: one event per step not done, plus the decision date."""
    stamp = datetime.datetime.combine(notes.interview.date, datetime.time(0, 0), tzinfo=datetime.UTC)
    events = []
    for entry in entries:
        if entry["done"] and entry["key"] != "decision":
            continue
        events.append({
            "uid": step_uid(notes, entry["key"]),
            "summary": entry["summary"],
            "description": description(entry),
            "start": entry["due"],
            "categories": ["Follow-up", one_line(notes.company.name)],
            "alarms": [alarm_for(notes, entry)],
        })
    return {
        "prodid": PRODID,
        "name": f"Follow-up: {one_line(notes.company.name)}",
        "stamp": stamp.isoformat(),
        "events": events,
    }


def build_context(notes: Notes, interviewer: Interviewer | None = None) -> Context:
    """The base context plus the plan (every step), the promise, the decision and the calendar."""
    fmt = Formatter(notes.style.locale)
    context = base_context(notes, document=NAME, title=f"Follow-up plan: {notes.company.name}")
    entries = [step_entry(notes, step, fmt) for step in follow_up_steps(notes)]
    plan = notes.follow_up
    promise = None
    if plan.promised:
        promised_by = promise_date(notes) or next((step.due for step in follow_up_steps(notes)
                                                  if step.key == "materials"), None)
        promise = {"text": plan.promised, "due_text": fmt.date(promised_by, "full")}
    context["plan"] = {
        "steps": entries,
        "todo": sum(1 for entry in entries if not entry["done"] and entry["key"] != "decision"),
        "promise": promise,
        "people": [person_entry(person) | {"decision_role": person.decision_role or ""}
                   for person in notes.interviewers],
        "stage": notes.interview.stage or "",
    }
    context["calendar"] = calendar_context(notes, entries)
    return context


def check(notes: Notes) -> list[Problem]:
    """Warnings about dates that cannot be right: a step before the interview, a check-in after the decision."""
    problems = []
    interview_day = notes.interview.date
    for step in follow_up_steps(notes):
        if step.key != "decision" and step.due < interview_day:
            problems.append(Problem(f"follow-up-plan: the {step.key} step is due before the interview",
                                    key_path="follow_up", severity="warning"))
    decision_date = notes.discovery.decision_date
    check_in = notes.follow_up.check_in_on
    if decision_date and check_in and check_in > decision_date:
        problems.append(Problem("follow-up-plan: the check-in call is after the decision date; call before they decide",
                                key_path="follow_up.check_in_on", severity="warning"))
    return problems


DOCUMENT = Document(
    name=NAME,
    title="Follow-up plan",
    formats=("ics", "pdf"),
    per_interviewer=False,
    skip_reason=skip_reason,
    build_context=build_context,
    renderers={"ics": render_follow_up_ics},
    max_pages=1,
    check=check,
    render_cost=3,  # seconds relative to a letter's, measured (benchmarks/)
)
