"""thank-you-letter: a one-page letter (and its email draft) for each interviewer.

Letterhead with the candidate's contact details, the thank-you date, the
recipient block, a subject line, and a letter written for its reader's role
(documents/facts.py ``LETTER_KINDS``): the decision-maker gets the evidence, an
influencer the evidence that touches their topics, a stakeholder a short
collegial note, a recruiter a note about the process. This module gives the
facts; the sentences are in ``templates/languages/<lang>/thank-you-letter.jinja``,
so the PDF, DOCX, plain text and email all place the same prose. See
docs/documents/thank-you.md.
"""

from __future__ import annotations

import datetime
from typing import Any

from followup.context import base_context
from followup.context.builder import letterhead_context, recipient_context
from followup.context.schedule import follow_up_steps
from followup.documents.base import Context, Document
from followup.documents.facts import interview_facts, reader_facts
from followup.errors import Problem
from followup.notes.model import Interviewer, Notes


def skip_reason(notes: Notes) -> str | None:
    """A letter needs only what every valid notes file has."""
    return None


def build_context(notes: Notes, interviewer: Interviewer | None) -> Context:
    """``base_context`` plus ``interviewer``, ``reader`` and ``process`` (facts), ``letter``, letterhead, recipient,
    and ``draft`` (the email's facts)."""
    if interviewer is None:
        raise ValueError("thank-you-letter is made once per interviewer")
    context = base_context(notes, document="thank-you-letter", title=f"Thank you, {interviewer.name}",
                           reader=interviewer)
    language = context["document"]["lang_code"]
    index = notes.interviewers.index(interviewer)
    context["interviewer"] = context["interviewers"][index]
    context["reader"] = {**context["interviewer"], **reader_facts(notes, interviewer, language)}
    process = interview_facts(notes, language)
    context["process"] = process
    thank_you = next(step.due for step in follow_up_steps(notes) if step.key == "thank-you")
    from followup.wording.language import Writer

    writer = Writer(language, context["document"]["locale"])
    context["letter"] = {"date_iso": thank_you.isoformat(), "date_text": writer.date(thank_you)}
    context["letterhead"] = letterhead_context(notes)
    context["recipient"] = recipient_context(notes, interviewer)
    context["draft"] = draft_facts(context, thank_you)
    return context


def draft_facts(context: Context, day: datetime.date) -> dict[str, Any]:
    """The .eml draft's facts (render/eml.py makes its headers): To the interviewer, From the candidate.

    An interviewer with no email gives a draft with no To. The date is the thank-you
    date, not today: the same notes give the same draft. The subject is the wording's.
    """
    person, candidate = context["interviewer"], context["candidate"]
    return {
        "sender": {"name": candidate["name"], "email": candidate.get("email")},
        "to": [{"name": person["name"], "email": person.get("email")}],
        "cc": [],
        "cc_all": [],
        "date": day,
    }


def check_warnings(notes: Notes) -> list[Problem]:
    """Two interviewers who would get the same letter; an interviewer with no email; no evidence at all."""
    from followup.documents.readback import composed_texts, same_text_warnings

    texts = composed_texts(notes, DOCUMENT, ("body",))
    problems = same_text_warnings(notes, texts, "letter", "give each their own topics")
    for index, person in enumerate(notes.interviewers):
        if not (person.email and person.email.strip()):
            problems.append(Problem(
                f"thank-you-letter for {person.name}: no email, so the .eml draft has no To address",
                severity="warning", key_path=f"interviewers[{index}].email"))
    if not notes.match:
        problems.append(Problem("thank-you-letter: no [[match]] entries, so the letters cite no evidence",
                                severity="warning", key_path="match"))
    return problems


DOCUMENT = Document(
    name="thank-you-letter",
    title="Thank-you letter",
    formats=("pdf", "docx", "eml", "txt"),
    per_interviewer=True,
    skip_reason=skip_reason,
    build_context=build_context,
    max_pages=1,
    check=check_warnings,
    render_cost=1,  # seconds relative to a letter's, measured (benchmarks/)
    wording=True,
)
