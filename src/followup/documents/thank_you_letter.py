"""thank-you-letter: a one-page letter (and its email draft) for each interviewer.

Letterhead with the candidate's contact details, the thank-you date, the
recipient block, a subject line naming the role and the interview date, then
three or four short paragraphs:

1. thanks, with a specific moment from that interviewer's topics;
2. two or three of the company's priorities met with the candidate's evidence:
   the ``[[match]]`` entries closest to that interviewer's topics (relevance.py);
3. the answer to a concern that interviewer raised (left out when there is none);
4. enthusiasm and the next step;

and the sign-off. The sentences are written here, so the PDF, DOCX, plain text
and email all say the same thing. ``warm`` and ``formal`` tones use different
sentences, not just a different sign-off. See docs/documents/thank-you.md.
"""

from __future__ import annotations

import re
from typing import Any

from followup.context import base_context
from followup.context.builder import letterhead_context, recipient_context
from followup.context.formatting import Formatter
from followup.documents.base import Context, Document
from followup.documents.relevance import relevant_matches, relevant_priorities
from followup.documents.wording import (
    concerns_for,
    conversation_phrase,
    join_and,
    next_step,
    quoted,
    same_text_warnings,
    sentence,
)
from followup.errors import Problem
from followup.notes.model import Interviewer, Notes


def skip_reason(notes: Notes) -> str | None:
    """A letter needs only what every valid notes file has."""
    return None


def subject_line(notes: Notes) -> str:
    """``Thank you: Regional Sales Manager, Northeast interview on November 20, 2026``."""
    fmt = Formatter(notes.style.locale)
    return f"Thank you: {notes.role.title} interview on {fmt.date(notes.interview.date)}"


def _opening(notes: Notes, person: Interviewer, tone: str) -> str:
    fmt = Formatter(notes.style.locale)
    role, company = notes.role.title, notes.company.name
    topics = [topic.strip() for topic in person.topics if topic.strip()][:2]
    note = person.personal_note.strip() if person.personal_note and person.personal_note.strip() else None
    if tone == "formal":
        first = (f"Thank you for {conversation_phrase(notes, tone)} on {fmt.date(notes.interview.date)} to discuss "
                 f"the {role} position at {company}.")
        if topics:
            moment = (f"Your perspective on {join_and(topics)} was especially valuable, and it sharpened my "
                      f"understanding of what the role requires.")
        else:
            moment = "I came away with a clear understanding of the role and of the priorities behind it."
        parts = [first, moment]
        if note:
            parts.append(sentence(note))
        return " ".join(parts)
    first = (f"Thank you for {conversation_phrase(notes, tone)} on {fmt.weekday_date(notes.interview.date)} "
             f"about the {role} role.")
    if topics:
        moment = (f"I especially enjoyed our conversation about {join_and(topics)}; it gave me a real feel for "
                  f"where {company} is headed.")
    elif note:
        moment = sentence(note)
    else:
        moment = f"I came away with a real feel for the team and where {company} is headed."
    return f"{first} {moment}"


def _evidence(notes: Notes, person: Interviewer, tone: str) -> tuple[str, list[dict[str, str]]]:
    """The lead sentence of the evidence paragraph and its items (criterion, evidence, proof)."""
    matches = relevant_matches(notes, person, limit=3, minimum=2)
    priorities = relevant_priorities(notes, person, limit=1)
    company = notes.company.name
    items = []
    for match in matches:
        proof = match.proof.strip() if match.proof and match.proof.strip() else ""
        evidence = match.evidence.strip()
        items.append({
            "criterion": match.criterion.strip(),
            "evidence": sentence(evidence) if not proof else evidence,
            "proof": proof,
            "proof_text": f"({proof})." if proof and not re.search(r"[.!?]$", proof) else (f"({proof})" if proof else ""),
        })
    if priorities:
        priority = quoted(priorities[0])
        if tone == "formal":
            lead = f"I understand that a central priority for {company} is {priority}."
            lead += (" Allow me to summarise how my experience meets the criteria we discussed:" if items
                     else " It is precisely the work I have done throughout my career.")
        else:
            lead = f"You told me the priority is {priority}, and that is the work I love doing."
            lead += " Here is what I would bring to it:" if items else ""
    elif items:
        lead = ("Allow me to summarise how my experience meets the criteria we discussed:" if tone == "formal"
                else "Here is how my experience lines up with what you need:")
    else:
        lead = ""
    return lead, items


def _concern(notes: Notes, person: Interviewer, tone: str) -> str:
    sentences: list[str] = []
    for position, objection in enumerate(concerns_for(notes, person)):
        concern = quoted(objection.concern)
        response = sentence(objection.response or "")
        if tone == "formal":
            sentences.append(f"I would also like to address the concern you raised, {concern}. {response}" if position == 0
                             else f"As to {concern}: {response}")
        else:
            sentences.append(f"You were candid about one concern, {concern}, and I appreciated that. {response}"
                             if position == 0 else f"And on {concern}: {response}")
    return " ".join(sentences)


def _closing(notes: Notes, person: Interviewer, tone: str) -> str:
    role, company = notes.role.title, notes.company.name
    step = next_step(notes)
    parts: list[str] = []
    if tone == "formal":
        parts.append(f"I remain very interested in the {role} position and am confident that I can contribute "
                     f"to {company} from the first day.")
        if step.next_steps:
            parts.append(f"I understand the next step to be as follows: {sentence(step.next_steps)}")
        elif step.decision_date:
            parts.append(f"I understand that a decision is expected by {step.decision_date}.")
        if step.call_date:
            parts.append(f"I will be in touch on {step.call_date} should any questions have arisen in the meantime.")
        else:
            parts.append("Please do not hesitate to contact me should you need anything further.")
        return " ".join(parts)
    parts.append(f"I left our conversation even more excited about joining {company}.")
    if step.next_steps:
        parts.append(f"As I understand it, the next step is this: {sentence(step.next_steps)}")
    elif step.decision_date:
        parts.append(f"I know you hope to decide by {step.decision_date}.")
    if step.call_date:
        how = "call you" if person.phone else "get in touch"
        parts.append(f"I’ll {how} on {step.call_date} in case any questions have come up.")
    else:
        parts.append("If anything comes up in the meantime, I’m only an email away.")
    return " ".join(parts)


def letter_text(notes: Notes, person: Interviewer) -> dict[str, Any]:
    """The letter's wording (greeting, paragraphs, evidence items, sign-off) as plain strings."""
    tone = notes.style.tone
    greeting = f"Dear {person.name}," if tone == "formal" else f"Dear {person.first_name},"
    opening = _opening(notes, person, tone)
    evidence_lead, evidence_items = _evidence(notes, person, tone)
    concern = _concern(notes, person, tone)
    closing = _closing(notes, person, tone)
    note = person.personal_note.strip() if person.personal_note and person.personal_note.strip() else ""
    # The warm letter keeps the personal note for a postscript when the opening recalled the topics instead.
    postscript = f"P.S. {sentence(note)}" if tone == "warm" and note and note not in opening else ""
    sign_off = f"{notes.style.sign_off or ('Sincerely' if tone == 'formal' else 'With thanks')},"
    return {
        "greeting": greeting,
        "opening": opening,
        "evidence_lead": evidence_lead,
        "evidence": evidence_items,
        "concern": concern,
        "closing": closing,
        "postscript": postscript,
        "sign_off": sign_off,
        "signature": notes.candidate.signed_as,
        "full_name": notes.candidate.name,
    }


def plain_body(letter: dict[str, Any]) -> str:
    """The body as plain text (what the .txt and the email's text part say), for comparisons and checks."""
    lines = [letter["greeting"], letter["opening"]]
    if letter["evidence_lead"]:
        lines.append(letter["evidence_lead"])
    for item in letter["evidence"]:
        lines.append(f"{item['criterion']}: {item['evidence']} {item['proof_text']}".strip())
    if letter["concern"]:
        lines.append(letter["concern"])
    lines.append(letter["closing"])
    return "\n\n".join(lines)


def build_context(notes: Notes, interviewer: Interviewer | None) -> Context:
    """``base_context`` plus ``interviewer``, ``letter`` (wording), ``letterhead`` and ``recipient``."""
    if interviewer is None:
        raise ValueError("thank-you-letter is made once per interviewer")
    fmt = Formatter(notes.style.locale)
    context = base_context(notes, document="thank-you-letter", title=f"Thank you, {interviewer.name}")
    index = notes.interviewers.index(interviewer)
    context["interviewer"] = context["interviewers"][index]
    letter = letter_text(notes, interviewer)
    step = next_step(notes)
    letter["date_text"] = fmt.date(step.thank_you_date)
    letter["date_iso"] = step.thank_you_date.isoformat()
    letter["subject"] = subject_line(notes)
    context["letter"] = letter

    context["letterhead"] = letterhead_context(notes)
    context["recipient"] = recipient_context(notes, interviewer)
    return context


def email_headers(context: Context) -> dict[str, Any]:
    """The draft's headers: To the interviewer (none when the notes have no email for them), From the candidate."""
    import datetime

    from followup.render.eml import mailbox

    person = context["interviewer"]
    candidate = context["candidate"]
    to = mailbox(person["name"], person.get("email"))
    return {
        "subject": context["letter"]["subject"],
        "to": [to] if to else [],
        "from": mailbox(candidate["name"], candidate.get("email")),
        "cc": None,
        # The thank-you date, not today: the same notes give the same draft.
        "date": datetime.date.fromisoformat(context["letter"]["date_iso"]),
    }


def check_warnings(notes: Notes) -> list[Problem]:
    """What ``followup check`` (and a render) should say about the letters of these notes.

    - two interviewers who would get the same letter, names aside;
    - an interviewer with no email: their draft has no To;
    - notes with no ``[[match]]``: the letters have no evidence paragraph.
    """
    problems = same_text_warnings(notes, [plain_body(letter_text(notes, person)) for person in notes.interviewers],
                                  "letter", "give each their own topics")
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
    email=email_headers,
    max_pages=1,
    check=check_warnings,
    render_cost=1,  # seconds relative to a letter's, measured (benchmarks/)
)
