"""thank-you-card: a print-ready card for each interviewer.

The page is the card (4.25 x 5.5 in for ``paper = "letter"``, A6 for ``a4``).
The text, 40 to 90 words, is written here so the PDF and the DOCX say the same
thing: a greeting by first name, thanks for the conversation about the role on
that day, ONE callback (the interviewer's ``personal_note`` when there is one,
else their first topic), the next step, and the sign-off with
``candidate.signature``. See docs/documents/thank-you.md for how each sentence
is chosen.
"""

from __future__ import annotations

from typing import Any

from followup.context import base_context
from followup.context.formatting import Formatter
from followup.documents.base import Context, Document
from followup.documents.wording import conversation_phrase, next_step, same_text_warnings, sentence, word_count
from followup.errors import Problem
from followup.notes.model import Interviewer, Notes

MIN_WORDS = 40
MAX_WORDS = 90


def skip_reason(notes: Notes) -> str | None:
    """A card needs only what every valid notes file has (a candidate, a role, interviewers)."""
    return None


def card_text(notes: Notes, person: Interviewer) -> dict[str, Any]:
    """The card's wording: greeting, paragraphs, sign-off, signature, and its word count.

    Optional sentences (the line of enthusiasm) are dropped first when the card
    runs over ``MAX_WORDS``.
    """
    tone = notes.style.tone
    fmt = Formatter(notes.style.locale)
    role = notes.role.title
    company = notes.company.name
    day = fmt.weekday_date(notes.interview.date)
    long_day = fmt.date(notes.interview.date)
    greeting = f"Dear {person.first_name},"

    if tone == "formal":
        thanks = (f"Thank you for {conversation_phrase(notes, tone)} on {long_day} to discuss the {role} "
                  f"position at {company}.")
    else:
        thanks = f"Thank you for {conversation_phrase(notes, tone)} on {day} about the {role} role at {company}."

    callback_kind = "none"
    if person.personal_note and person.personal_note.strip():
        callback = sentence(person.personal_note)
        callback_kind = "personal_note"
    elif person.topics:
        topic = person.topics[0].strip()
        callback = (f"Your perspective on {topic} was especially valuable to me." if tone == "formal"
                    else f"I especially enjoyed our conversation about {topic}.")
        callback_kind = "topic"
    else:
        callback = ("I appreciated your candour about the team and its goals." if tone == "formal"
                    else "I enjoyed hearing how you and the team work.")

    step = next_step(notes)
    if step.next_steps:
        upcoming = (f"I look forward to the next stage of the process: {sentence(step.next_steps)}" if tone == "formal"
                    else f"I’m looking forward to the next step: {sentence(step.next_steps)}")
    elif step.decision_date:
        upcoming = (f"I understand a decision is expected by {step.decision_date}, and I would welcome the chance "
                    f"to continue." if tone == "formal"
                    else f"I know you hope to decide by {step.decision_date}, and I’d love to be part of what comes next.")
    elif step.call_date:
        upcoming = (f"I will telephone on {step.call_date} should any questions have arisen." if tone == "formal"
                    else f"I’ll call on {step.call_date} in case any questions have come up.")
    else:
        upcoming = ("I look forward to hearing from you." if tone == "formal"
                    else "I’m looking forward to hearing from you.")

    enthusiasm = ("I would be glad to contribute to the team." if tone == "formal"
                  else f"I’d love to help {company} grow.")

    sign_off = f"{notes.style.sign_off or ('Sincerely' if tone == 'formal' else 'With thanks')},"
    signature = notes.candidate.signed_as

    def assemble(with_enthusiasm: bool) -> list[str]:
        body = [thanks, callback]
        body.append(f"{upcoming} {enthusiasm}" if with_enthusiasm else upcoming)
        return body

    paragraphs = assemble(True)
    count = word_count(" ".join([greeting, *paragraphs, sign_off, signature]))
    if count > MAX_WORDS:
        paragraphs = assemble(False)
        count = word_count(" ".join([greeting, *paragraphs, sign_off, signature]))
    return {
        "greeting": greeting,
        "paragraphs": paragraphs,
        "sign_off": sign_off,
        "signature": signature,
        "word_count": count,
        "callback_kind": callback_kind,
        "plain": "\n\n".join([greeting, *paragraphs, f"{sign_off}\n{signature}"]),
    }


def length_problem(notes: Notes, person: Interviewer, count: int) -> Problem | None:
    """A warning when the card is shorter than 40 or longer than 90 words."""
    if MIN_WORDS <= count <= MAX_WORDS:
        return None
    if count > MAX_WORDS:
        advice = "shorten the personal_note or discovery.next_steps"
        where = f"{count} words, over the {MAX_WORDS} a card holds"
    else:
        advice = "add a personal_note or topics for this interviewer"
        where = f"{count} words, under the {MIN_WORDS} a card needs"
    return Problem(f"thank-you-card for {person.name}: {where}; {advice}", severity="warning",
                   key_path=f"interviewers[{notes.interviewers.index(person)}]")


def build_context(notes: Notes, interviewer: Interviewer | None) -> Context:
    """``base_context`` plus ``interviewer`` (the person thanked) and ``card`` (the wording and layout)."""
    if interviewer is None:
        raise ValueError("thank-you-card is made once per interviewer")
    context = base_context(notes, document="thank-you-card", title=f"Thank you, {interviewer.name}")
    index = notes.interviewers.index(interviewer)
    context["interviewer"] = context["interviewers"][index]
    card = card_text(notes, interviewer)
    problem = length_problem(notes, interviewer, card["word_count"])
    card["length_warning"] = problem.message if problem else ""
    card["monogram"] = monogram(notes.candidate.name)
    card["size_name"] = "A6" if notes.style.paper == "a4" else "4.25 x 5.5 in"
    context["card"] = card
    return context


def monogram(name: str) -> str:
    """The candidate's initials for the card's monogram: first and last word, ``DW``."""
    words = [word for word in name.split() if word[:1].isalpha()]
    if not words:
        return name[:1]
    if len(words) == 1:
        return words[0][:1].upper()
    return (words[0][:1] + words[-1][:1]).upper()


def check_warnings(notes: Notes) -> list[Problem]:
    """What ``followup check`` (and a render) should say about the cards of these notes.

    - a card outside 40 to 90 words;
    - two interviewers who would get the same card, names aside.
    """
    cards = [card_text(notes, person) for person in notes.interviewers]
    problems = [problem for person, card in zip(notes.interviewers, cards)
                if (problem := length_problem(notes, person, card["word_count"])) is not None]
    return problems + same_text_warnings(notes, [card["plain"] for card in cards], "card",
                                         "give each a personal_note or different topics")


DOCUMENT = Document(
    name="thank-you-card",
    title="Thank-you card",
    formats=("pdf", "docx"),
    per_interviewer=True,
    skip_reason=skip_reason,
    build_context=build_context,
    card=True,
    max_pages=1,
    check=check_warnings,
    render_cost=0.6,  # seconds relative to a letter's, measured (benchmarks/)
)
