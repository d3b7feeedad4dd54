"""criteria-match: the email (and its PDF/DOCX letter and plain text) that closes the sale.

One per interview, to the decision-maker (``Notes.decision_maker``). This module
gives the facts: the matches, the priorities, each pain with the ideas of the
memo that answer it, the answered concerns and who raised them, the materials
that go with it (documents/materials.py: the same list the draft attaches), the
check-in call when the follow-up plan schedules one, the decision date. The
sentences are in ``templates/languages/<lang>/criteria-match.jinja``: subject,
opening, priorities, the criteria table, the first 90 days, concerns, next step.
The email says "attached", the printed letter "enclosed".

Requirements and success criteria that no ``[[match]]`` covers are left out
(documents/coverage.py is the one definition, shared with ``followup check``).
See docs/documents/criteria-match.md.
"""

from __future__ import annotations

import datetime
from typing import Any

from followup.context import base_context
from followup.context.builder import letterhead_context, recipient_context
from followup.context.schedule import follow_up_steps
from followup.documents.base import Context, Document
from followup.documents.coverage import ideas_for_pain, matches_loosely, normalise, uncovered_criteria
from followup.documents.facts import interview_facts, match_fact, reader_facts, usable
from followup.documents.materials import material_documents
from followup.errors import Problem
from followup.notes.model import Interviewer, Notes
from followup.wording import fitting

NAME = "criteria-match"

__all__ = ["DOCUMENT", "matches_loosely", "normalise", "uncovered_criteria"]


def skip_reason(notes: Notes) -> str | None:
    """Nothing to show without a single ``[[match]]``."""
    if not notes.match:
        return "notes have no [[match]]"
    return None


def materials_date(notes: Notes) -> datetime.date:
    """The day the materials go out (the letter's date and the email's Date), never today."""
    for step in follow_up_steps(notes):
        if step.key == "materials":
            return step.due
    raise KeyError("materials")  # pragma: no cover - every schedule has a materials step


def _check_in(notes: Notes, sent_on: datetime.date) -> str:
    """The check-in call with the decision-maker, when the plan schedules it after the materials."""
    steps = {step.key: step for step in follow_up_steps(notes)}
    check_in = steps.get("check-in")
    if check_in is None or check_in.done or check_in.due < sent_on:
        return ""
    return check_in.due.isoformat()


def _priorities(notes: Notes, person: Interviewer, language: str) -> list[str]:
    """The company's priorities and the decision-maker's own, each once, as written."""
    found: list[str] = []
    seen: set[str] = set()
    for priority in [*person.priorities, *notes.discovery.priorities]:
        kept = usable(priority, language)
        if kept and not fitting.speaks_of_reader(kept, language) and normalise(kept) not in seen:
            seen.add(normalise(kept))
            found.append(kept)
    return found


def _materials(notes: Notes) -> list[dict[str, Any]]:
    """What goes with the email: the territory plan (its name) and the memo (its ideas, how many quick wins)."""
    items: list[dict[str, Any]] = []
    for name in material_documents(notes):
        if name == "territory-plan" and notes.territory is not None:
            items.append({"document": name, "territory": fitting.one_line(notes.territory.name)})
        elif name == "process-ideas":
            items.append({"document": name, "count": len(notes.ideas),
                          "quick_wins": sum(1 for idea in notes.ideas if idea.is_quick_win),
                          "first": fitting.one_line(notes.ideas[0].title) if notes.ideas else ""})
    return items


def facts(notes: Notes, language: str) -> dict[str, Any]:
    """Everything the criteria-match wording may say, already chosen and filtered."""
    person = notes.decision_maker
    sent_on = materials_date(notes)
    pains = []
    for pain in notes.discovery.pains:
        kept = usable(pain, language)
        if kept:
            pains.append({"pain": kept,
                          "ideas": [fitting.one_line(idea.title) for idea in ideas_for_pain(notes, pain)]})
    objections = [
        {"concern": fitting.one_line(objection.concern), "response": fitting.one_line(objection.response),
         "mine": notes.interviewer_named(objection.raised_by) is person}
        for objection in notes.close.objections if objection.response and objection.response.strip()]
    promised = bool(notes.follow_up.promised and notes.follow_up.promised.strip())
    return {
        "matches": [match_fact(match, language) for match in notes.match],
        "priorities": _priorities(notes, person, language),
        "pains": pains,
        "objections": objections,
        "materials": _materials(notes),
        "promised": promised,
        "promised_by": notes.follow_up.promised_by.isoformat() if notes.follow_up.promised_by else "",
        "check_in_on": _check_in(notes, sent_on),
        "sent_on": sent_on.isoformat(),
    }


# --- context, draft, checks ------------------------------------------------------------------------------


def build_context(notes: Notes, interviewer: Interviewer | None) -> Context:
    """``base_context`` plus ``reader``, ``process``, ``email`` (facts), ``letter`` (date), letterhead, recipient,
    and ``draft`` (the email's facts: sender, recipients, date).

    ``email_cc_candidates`` holds the other interviewers who have an email
    (``{"name", "email"}``); the draft copies them only when
    ``context["options"]["cc_all"]`` is true (``followup render --cc-all``).
    """
    from followup.wording.language import Writer

    person = notes.decision_maker
    context = base_context(notes, document=NAME, title=f"{notes.role.title}: criteria", reader=None)
    language = context["document"]["lang_code"]
    index = notes.interviewers.index(person)
    context["recipient_person"] = context["interviewers"][index]
    context["reader"] = {**context["recipient_person"], **reader_facts(notes, person, language)}
    context["process"] = interview_facts(notes, language)
    context["email"] = facts(notes, language)
    sent_on = materials_date(notes)
    context["letter"] = {"date_iso": sent_on.isoformat(),
                         "date_text": Writer(language, context["document"]["locale"]).date(sent_on)}
    context["letterhead"] = letterhead_context(notes)
    context["recipient"] = recipient_context(notes, person)
    context["email_cc_candidates"] = [
        {"name": other.name, "email": other.email}
        for other in notes.interviewers
        if other is not person and other.email and other.email.strip()
    ]
    context.setdefault("options", {})
    context["draft"] = draft_facts(context, sent_on)
    return context


def draft_facts(context: Context, day: datetime.date) -> dict[str, Any]:
    """The .eml draft's facts (render/eml.py makes its headers): To the decision-maker, From the candidate,
    the other interviewers with an email copied only with ``--cc-all``.

    A decision-maker with no email gives a draft with no To. The date is the day the
    materials go out (the schedule's), not today: the same notes give the same draft.
    """
    person, candidate = context["recipient_person"], context["candidate"]
    return {
        "sender": {"name": candidate["name"], "email": candidate.get("email")},
        "to": [{"name": person["name"], "email": person.get("email")}],
        "cc": [],
        "cc_all": [dict(other) for other in context["email_cc_candidates"]],
        "date": day,
    }


def check_warnings(notes: Notes) -> list[Problem]:
    """What a render of criteria-match should warn about: a recipient with no email (the draft has no To)."""
    problems: list[Problem] = []
    if not notes.match:
        return problems
    person = notes.decision_maker
    if not (person.email and person.email.strip()):
        index = notes.interviewers.index(person)
        problems.append(Problem(
            f"criteria-match: {person.name} has no email, so the .eml draft has no To address; add one or fill it "
            "in your mail client", severity="warning", key_path=f"interviewers[{index}].email"))
    return problems


DOCUMENT = Document(
    name=NAME,
    title="Criteria-match email",
    formats=("eml", "pdf", "docx", "txt"),
    per_interviewer=False,
    skip_reason=skip_reason,
    build_context=build_context,
    max_pages=2,
    check=check_warnings,
    render_cost=2,  # seconds relative to a letter's, measured (benchmarks/)
    wording=True,
)
