"""The facts the wording templates of the card, letter and criteria email are written from.

Code decides what is true and what fits: which priorities are a reader's own,
which concerns they raised, which evidence touches their topics, whether the
follow-up plan schedules a call with them, which fragments of the notes can be
placed in a sentence at all. The templates (``templates/languages/<lang>/``)
only write sentences about these facts.

Who said what (notes-format.md): a priority is the reader's when it is in their
``priorities`` (or they are the only interviewer); a concern is theirs when its
``raised_by`` names them. Everything else is the team's.
"""

from __future__ import annotations

from typing import Any

from followup.context.schedule import follow_up_steps
from followup.documents.relevance import rank_matches, relevant_matches
from followup.errors import Problem
from followup.notes.model import Interviewer, Match, Notes
from followup.wording import fitting

#: What each ``decision_role`` gets in a letter (docs/documents/thank-you.md).
LETTER_KINDS: dict[str, str] = {
    "decision-maker": "evidence",
    "influencer": "topical",
    "stakeholder": "collegial",
    "recruiter": "process",
}


def usable(text: str | None, language: str) -> str:
    """``text`` as one line when a document can place it for its reader, else ``""``."""
    if not text or not text.strip():
        return ""
    kept = fitting.without_notes_to_self(text, language)
    if not kept or fitting.note_to_self(kept, language):
        return ""
    return kept


def usable_topic(text: str, language: str) -> str:
    """A topic a letter can name in "our conversation about …": no note to self, no pronoun, not a statement."""
    kept = usable(text, language)
    if not kept or fitting.speaks_of_reader(kept, language) or fitting.is_statement(kept, language):
        return ""
    return kept


def phrase(text: str, language: str) -> dict[str, Any]:
    """A fragment with what a template needs to fit it: the text and whether it starts with a verb."""
    return {"text": fitting.one_line(text), "verb": fitting.starts_with_verb(text, language)}


def match_fact(match: Match, language: str) -> dict[str, Any]:
    """A ``[[match]]`` for a template: criterion, evidence (and whether it starts with a verb), proof."""
    proof = fitting.one_line(match.proof) if match.proof and match.proof.strip() else ""
    return {"criterion": fitting.one_line(match.criterion), "evidence": fitting.one_line(match.evidence),
            "verb": fitting.starts_with_verb(match.evidence, language), "proof": proof}


def own_priorities(notes: Notes, person: Interviewer) -> list[str]:
    """The priorities the notes attribute to ``person`` (all of the company's when they are the only interviewer)."""
    mine = [priority for priority in person.priorities if priority.strip()]
    if not mine and len(notes.interviewers) == 1:
        mine = [priority for priority in notes.discovery.priorities if priority.strip()]
    return mine


def concerns_raised_by(notes: Notes, person: Interviewer) -> list[dict[str, str]]:
    """The concerns ``person`` raised that have an answer (an unanswered one is for the prep sheet)."""
    return [{"concern": fitting.one_line(objection.concern), "response": fitting.one_line(objection.response)}
            for objection in notes.close.objections
            if objection.response and objection.response.strip()
            and notes.interviewer_named(objection.raised_by) is person]


def plan_mentions(notes: Notes, person: Interviewer) -> list[str]:
    """30-60-90 goals and ideas of the plan that name ``person`` ("Shadow Priya on three calls")."""
    first = person.first_name.casefold()
    found: list[str] = []
    if notes.territory is not None:
        for phase in notes.territory.plan:
            found += [goal for goal in phase.goals if first in goal.casefold().split()]
    for idea in notes.ideas:
        for text in (idea.idea, idea.first_step or ""):
            if first in text.casefold().replace(",", " ").split():
                found.append(text)
    return [fitting.one_line(text) for text in found]


def call_date(notes: Notes, person: Interviewer) -> str:
    """The ISO date of the follow-up call with ``person`` when the follow-up plan schedules one, else ``""``.

    The plan's calls are with the decision-maker only (context/schedule.py), so no
    letter promises a call to anyone else.
    """
    if person is not notes.decision_maker:
        return ""
    steps = {step.key: step for step in follow_up_steps(notes)}
    call, thank_you = steps.get("call"), steps["thank-you"]
    if call is None or call.done or call.due < thank_you.due:
        return ""
    return call.due.isoformat()


def _within_a_week(notes: Notes, iso: str) -> bool:
    """Whether a date is within six days of the thank-you (a letter may then name it by its weekday)."""
    import datetime

    if not iso:
        return False
    steps = {step.key: step for step in follow_up_steps(notes)}
    return (datetime.date.fromisoformat(iso) - steps["thank-you"].due).days <= 6


def evidence_for(notes: Notes, person: Interviewer, kind: str) -> list[Match]:
    """The ``[[match]]`` entries a letter of ``kind`` cites: the decision-maker's best three; for an
    influencer only those that touch their topics (at most two); none for the others."""
    if kind == "evidence":
        return relevant_matches(notes, person, limit=3, minimum=2)
    if kind == "topical":
        return [match for match, rank in rank_matches(notes, person) if rank.score > 0][:2]
    return []


def reader_facts(notes: Notes, person: Interviewer, language: str) -> dict[str, Any]:
    """Everything a card or letter to ``person`` may say about them, already filtered for what fits."""
    kind = LETTER_KINDS.get(person.decision_role or "", "topical")
    if person is notes.decision_maker:
        kind = "evidence"
    topics = [topic for topic in (usable_topic(text, language) for text in person.topics) if topic]
    topic_of = {id(match): rank.topic for match, rank in rank_matches(notes, person)}
    note = usable(person.personal_note, language)
    wish = note if note and fitting.wish(note, language) and not fitting.speaks_of_reader(note, language) else ""
    priorities = [phrase(text, language) for text in own_priorities(notes, person)
                  if usable(text, language) and not fitting.speaks_of_reader(text, language)]
    return {
        "kind": kind,
        "topics": topics,
        "wish": wish,
        "priorities": priorities,
        "concerns": concerns_raised_by(notes, person),
        "plan_mentions": plan_mentions(notes, person),
        "evidence": [{**match_fact(match, language), "topic": usable_topic(topic_of.get(id(match)) or "", language)}
                     for match in evidence_for(notes, person, kind)],
        "call_on": call_date(notes, person),
        "call_near": _within_a_week(notes, call_date(notes, person)),
        "only_interviewer": len(notes.interviewers) == 1,
        "salutation": fitting.one_line(person.salutation) if person.salutation and person.salutation.strip() else "",
    }


def interview_facts(notes: Notes, language: str) -> dict[str, Any]:
    """The facts about the process every card and letter may use."""
    steps = {step.key: step for step in follow_up_steps(notes)}
    next_steps = usable(notes.discovery.next_steps, language)
    attributed = {priority for person in notes.interviewers for priority in person.priorities}
    return {
        "next_steps": phrase(next_steps, language) if next_steps else None,
        "decision_date": notes.discovery.decision_date.isoformat() if notes.discovery.decision_date else "",
        "thank_you_on": steps["thank-you"].due.isoformat(),
        "team_priorities": [phrase(priority, language) for priority in notes.discovery.priorities
                            if usable(priority, language) and not fitting.speaks_of_reader(priority, language)
                            and priority not in attributed],
        "interviewer_count": len(notes.interviewers),
    }


# --- what check says about fragments no document can use ---------------------------------------------------


def fragment_warnings(notes: Notes) -> list[Problem]:
    """A warning for every note fragment the documents leave out, with its key path and what to write instead."""
    language = notes.style.prose_language
    problems: list[Problem] = []

    def warn(key_path: str, text: str, why: str, advice: str) -> None:
        problems.append(Problem(f"{fitting.one_line(text)!r} {why}; the documents leave it out", severity="warning",
                                key_path=key_path, hint=advice))

    for index, person in enumerate(notes.interviewers):
        lang = notes.language_for(person)
        for number, topic in enumerate(person.topics):
            path = f"interviewers[{index}].topics[{number}]"
            if not usable(topic, lang):
                warn(path, topic, "reads like a note to yourself", "move it to [private]; topics are what you "
                     "talked about, e.g. 'rep ramp time'")
            elif fitting.speaks_of_reader(usable(topic, lang), lang):
                warn(path, topic, f"speaks of {person.first_name} in the third person",
                     "write the subject itself, e.g. 'closing the first deal in month 5'")
            elif fitting.is_statement(usable(topic, lang), lang):
                warn(path, topic, "is a sentence, not a subject", "write what you talked about as a few words, "
                     "e.g. 'rep ramp time'")
        note = person.personal_note
        if note and note.strip():
            path = f"interviewers[{index}].personal_note"
            kept = usable(note, lang)
            if not kept:
                warn(path, note, "reads like a note to yourself", "write the line you would say to them, e.g. "
                     "'Good luck at the Boston Marathon in April', and keep reminders in [private]")
            elif fitting.speaks_of_reader(kept, lang) or not fitting.wish(kept, lang):
                warn(path, note, "is a note about them, not a line to them",
                     "write it as you would say it to them, e.g. 'Good luck at the Boston Marathon in April'")
            elif kept != fitting.one_line(note):
                problems.append(Problem(f"only {kept!r} of the personal note goes on the card; the rest reads "
                                        "like a note to yourself", severity="warning", key_path=path,
                                        hint="keep reminders in [private]"))
        for number, priority in enumerate(person.priorities):
            if not usable(priority, lang) or fitting.speaks_of_reader(priority, lang):
                warn(f"interviewers[{index}].priorities[{number}]", priority, "is not a priority in their words",
                     "write what they said matters, e.g. 'rep ramp time under 4 months'")
    for number, priority in enumerate(notes.discovery.priorities):
        if not usable(priority, language):
            warn(f"discovery.priorities[{number}]", priority, "reads like a note to yourself",
                 "write the company's priority in their words, e.g. 'Grow mid-market pipeline 40% in FY27'")
        elif fitting.speaks_of_reader(priority, language):
            warn(f"discovery.priorities[{number}]", priority, "speaks of someone in the third person",
                 "write the priority itself, e.g. 'faster onboarding'; put what one person said in their "
                 "interviewers[].priorities")
    if notes.discovery.next_steps and not usable(notes.discovery.next_steps, language):
        warn("discovery.next_steps", notes.discovery.next_steps, "reads like a note to yourself",
             "write the next step of their process, e.g. 'final round with the CRO'")
    return problems
