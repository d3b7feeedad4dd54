"""thank-you-card: a print-ready card for each interviewer.

The page is the card (4.25 x 5.5 in for ``paper = "letter"``, A6 for ``a4``).
This module gives the facts (documents/facts.py: the reader's usable topics, the
usable part of their personal note, whether a call is scheduled with them); the
words are in ``templates/languages/<lang>/thank-you-card.jinja``: a greeting,
thanks for the conversation about the role on that day, one callback, the next
step, the sign-off. 40 to 90 words; ``check`` warns outside that range. See
docs/documents/thank-you.md.
"""

from __future__ import annotations

from followup.context import base_context
from followup.documents.base import Context, Document
from followup.documents.facts import interview_facts, reader_facts
from followup.errors import Problem
from followup.notes.model import Interviewer, Notes

MIN_WORDS = 40
MAX_WORDS = 90


def skip_reason(notes: Notes) -> str | None:
    """A card needs only what every valid notes file has (a candidate, a role, interviewers)."""
    return None


def build_context(notes: Notes, interviewer: Interviewer | None) -> Context:
    """``base_context`` plus ``interviewer``, ``reader`` (facts about them), ``process`` and ``card`` (layout)."""
    if interviewer is None:
        raise ValueError("thank-you-card is made once per interviewer")
    context = base_context(notes, document="thank-you-card", title=f"Thank you, {interviewer.name}",
                           reader=interviewer)
    language = context["document"]["lang_code"]
    index = notes.interviewers.index(interviewer)
    context["interviewer"] = context["interviewers"][index]
    context["reader"] = {**context["interviewer"], **reader_facts(notes, interviewer, language)}
    context["process"] = interview_facts(notes, language)
    context["card"] = {"monogram": monogram(notes.candidate.name),
                       "size_name": "A6" if notes.style.paper == "a4" else "4.25 x 5.5 in"}
    return context


def monogram(name: str) -> str:
    """The candidate's initials for the card's monogram: first and last word, ``DW``."""
    words = [word for word in name.split() if word[:1].isalpha()]
    if not words:
        return name[:1]
    if len(words) == 1:
        return words[0][:1].upper()
    return (words[0][:1] + words[-1][:1]).upper()


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


def check_warnings(notes: Notes) -> list[Problem]:
    """A card outside 40 to 90 words; two interviewers who would get the same card, names aside."""
    from followup.documents.readback import composed_texts, same_text_warnings, word_count

    texts = composed_texts(notes, DOCUMENT, ("greeting", "body", "sign_off", "signature"))
    problems = [problem for person, text in zip(notes.interviewers, texts)
                if (problem := length_problem(notes, person, word_count(text))) is not None]
    return problems + same_text_warnings(notes, texts, "card", "give each a personal_note or different topics")


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
    wording=True,
)
