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
from followup.context.schedule import Step, fill, follow_up_steps, one_line, step_action, step_people
from followup.context.schedule import promised_by as promise_date
from followup.documents.base import Context, Document
from followup.errors import Problem
from followup.notes.model import Interviewer, Notes
from followup.slugs import safe_slug

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


def plan_words(notes: Notes) -> dict[str, Any]:
    """The plan's words in the package's language: ``[follow_up_plan]`` of its ``labels.toml`` (English fills gaps).

    A user's ``style.templates`` folder may override them like any label.
    """
    from pathlib import Path

    from followup.templates import TemplateSet
    from followup.wording.language import labels

    folder = Path(notes.style.templates).expanduser() if notes.style.templates else None
    templates = TemplateSet(folder) if folder is not None and folder.is_dir() else TemplateSet()
    words: dict[str, Any] = labels(templates, notes.style.prose_language).get("follow_up_plan", {})
    return words


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


def materials_list(notes: Notes, words: dict[str, Any]) -> list[str]:
    """What 'the materials' are for these notes: only what the notes can make."""
    names = words["materials"]
    items = []
    if notes.match:
        items.append(names["criteria-match"])
    if notes.territory is not None:
        items.append(names["territory-plan"])
    if notes.ideas:
        items.append(names["process-ideas"])
    return items


def step_entry(notes: Notes, step: Step, fmt: Formatter, words: dict[str, Any]) -> dict[str, Any]:
    """Everything the checklist and the calendar say about one step, as plain values, in the plan's language."""
    role = notes.role.title
    company = notes.company.name
    people = [person_entry(person) for person in step_people(notes, step.key)]
    details: list[dict[str, Any]] = []
    maker = notes.decision_maker
    maker_name = maker.name + (f" ({maker.title})" if maker.title else "")
    purposes, labels = words["purposes"], words["details"]
    if step.key == "thank-you":
        interview_day = fmt.date(notes.interview.date, "full")
        purpose = fill(purposes["thank-you"], role=role, date=interview_day)
    elif step.key in ("call", "check-in"):
        purpose = fill(purposes[step.key], person=maker_name)
    elif step.key == "materials":
        items = materials_list(notes, words)
        purpose = (fill(purposes["materials"], person=maker_name, items=fmt.join(items)) if items
                   else fill(purposes["materials_promised"], person=maker_name))
        if notes.follow_up.promised:
            # The checklist shows the promise once, at the top.
            details.append({"label": labels["promised"], "value": notes.follow_up.promised, "calendar_only": True})
    else:
        purpose = fill(purposes["decision"], company=company, role=role)
        if notes.discovery.decision_process:
            # The checklist shows it once, on the check-in; each calendar event stands alone.
            details.append({"label": labels["how"], "value": notes.discovery.decision_process,
                            "calendar_only": True})
        if notes.discovery.next_steps:
            details.append({"label": labels["next"], "value": notes.discovery.next_steps})
    if step.key == "check-in":
        if notes.discovery.decision_process:
            details.append({"label": labels["how"], "value": notes.discovery.decision_process})
        if notes.discovery.decision_date:
            details.append({"label": labels["decision"], "value": fmt.date(notes.discovery.decision_date, "full")})
    for detail in details:
        detail.setdefault("calendar_only", False)
    action = step_action(notes, step, words=words["actions"])
    return {
        "key": step.key,
        "label": words["steps"][step.key],
        "action": action,
        "summary": step_action(notes, step, with_company=True, words=words["actions"]),
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


def description(entry: dict[str, Any], words: dict[str, Any], colon: str = ": ") -> str:
    """The calendar event's description: what to do, whom to contact and how, and the details."""
    lines = [entry["purpose"]]
    for person in entry["people"]:
        who = person["name"] + (f", {person['title']}" if person["title"] else "")
        reach = " · ".join(person["contacts"]) if person["contacts"] else words["no_contact"]
        lines.append(f"{who}{colon}{reach}")
    for detail in entry["details"]:
        lines.append(f"{detail['label']}{colon}{detail['value']}")
    return "\n".join(lines)


def alarm_for(notes: Notes, entry: dict[str, Any], words: dict[str, Any], colon: str = ": ") -> dict[str, Any]:
    """The step's reminder: when it fires and what it says."""
    minutes = ALARM_MINUTES[entry["key"]]
    when = words["alarms"][entry["key"]]
    if entry["key"] == "thank-you" and entry["due"] == notes.interview.date.isoformat():
        minutes, when = SAME_DAY_THANK_YOU_MINUTES, words["today"]
    return {"minutes": minutes, "description": f"{when}{colon}{entry['summary']}"}


def calendar_context(notes: Notes, entries: list[dict[str, Any]], words: dict[str, Any],
                     colon: str = ": ") -> dict[str, Any]:
    """The calendar as plain values: one event per step not done, plus the decision date."""
    stamp = datetime.datetime.combine(notes.interview.date, datetime.time(0, 0), tzinfo=datetime.UTC)
    events = []
    for entry in entries:
        if entry["done"] and entry["key"] != "decision":
            continue
        events.append({
            "uid": step_uid(notes, entry["key"]),
            "summary": entry["summary"],
            "description": description(entry, words, colon),
            "start": entry["due"],
            "categories": [words["category"], one_line(notes.company.name)],
            "alarms": [alarm_for(notes, entry, words, colon)],
        })
    return {
        "prodid": PRODID,
        "name": fill(words["calendar"], company=one_line(notes.company.name)),
        "stamp": stamp.isoformat(),
        "events": events,
    }


def build_context(notes: Notes, interviewer: Interviewer | None = None) -> Context:
    """The base context plus the plan (every step), the promise, the decision and the calendar."""
    words = plan_words(notes)
    context = base_context(notes, document=NAME, title=fill(words["title"], company=notes.company.name))
    fmt = Formatter(context["document"]["locale"])
    colon = "\u202f: " if context["document"]["lang_code"] == "fr" else ": "
    entries = [step_entry(notes, step, fmt, words) for step in follow_up_steps(notes)]
    plan = notes.follow_up
    promise = None
    if plan.promised:
        promised_by = promise_date(notes) or next((step.due for step in follow_up_steps(notes)
                                                  if step.key == "materials"), None)
        promise = {"text": plan.promised, "due_text": fmt.date(promised_by, "full"),
                   "by": fill(words["promise_by"], date=fmt.date(promised_by, "full"))}
    context["plan"] = {
        "steps": entries,
        "todo": sum(1 for entry in entries if not entry["done"] and entry["key"] != "decision"),
        "promise": promise,
        "people": [person_entry(person) | {"decision_role": person.decision_role or ""}
                   for person in notes.interviewers],
        "stage": notes.interview.stage or "",
    }
    context["plan"]["words"] = {**words, "prepared_by": fill(words["prepared_by"], name=notes.candidate.name),
                                "hint_parts": words["hint"].split("{command}", 1) + [""]}
    context["calendar"] = calendar_context(notes, entries, words, colon)
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
    max_pages=1,
    check=check,
    render_cost=3,  # seconds relative to a letter's, measured (benchmarks/)
)
