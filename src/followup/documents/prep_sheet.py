"""prep-sheet: the candidate's own one- or two-page brief for the next round with this company.

Never sent to anyone. This module gives the facts (``sheet`` in the context):

- what they told you (priorities, requirements, success criteria, pains, how and when they decide);
- the gaps to probe (documents/coverage.py ``gaps_to_probe``, the one definition
  ``followup check`` also uses): each requirement or success criterion no
  ``[[match]]`` covers, and each match without ``proof``;
- each concern with its answer and who raised it, unanswered ones flagged;
- the people met (role, topics, their own priorities) and the people not met
  yet who decide or influence, found in ``discovery.decision_process`` and
  ``discovery.next_steps`` (:func:`people_not_met`);
- what was promised, by when, and whether it went out (``follow_up.done``);
- the questions the notes leave open (:func:`open_questions`);
- the close: whether it was asked, the answer, and the likeliest objection.

The sentences (every heading, question and line of the close) are in
``templates/languages/<lang>/prep-sheet.jinja``; the layouts only place them.
``[private]`` notes enter the context only when the render asks for them
(``render --include-private``, see :func:`private_notes` and
``pipeline.job_context``). See docs/documents/prep-sheet.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from followup.context import base_context
from followup.documents.base import Context, Document
from followup.documents.coverage import gaps_to_probe
from followup.documents.facts import own_priorities
from followup.errors import Problem
from followup.notes.model import Interviewer, Notes
from followup.wording import fitting

NAME = "prep-sheet"

#: What the layouts and the wording template find in ``sheet`` (docs/templates.md is generated from this).
CONTEXT_DESCRIPTIONS: dict[str, str] = {
    "sheet": "The prep sheet's facts: told (what they said), gaps, no_gaps, criteria_count, concerns, "
             "unanswered, met, not_met, promises, open_questions, close.",
    "sheet.told": "What they told you, from [discovery], each text on one line as typed.",
    "sheet.gaps": "Gaps to probe (documents/coverage.py gaps_to_probe): criteria first, then matches without proof.",
    "sheet.gaps[].kind": "'criterion' (no [[match]] covers it) or 'proof' (a [[match]] without proof).",
    "sheet.gaps[].text": "The requirement, success criterion or match criterion.",
    "sheet.gaps[].evidence": "The match's evidence (kind 'proof'), else empty.",
    "sheet.no_gaps": "True when there is no gap and every concern has an answer.",
    "sheet.criteria_count": "How many requirements and success criteria the notes hold.",
    "sheet.concerns": "Each close.objections entry: concern, response, answered, raised_by (full name or empty).",
    "sheet.unanswered": "How many concerns have no response yet.",
    "sheet.met": "Each interviewer: name, title, decision_role, topics, their own priorities, concerns they raised.",
    "sheet.not_met": "People decision_process or next_steps name who were not interviewed: label as written "
                     "('the CRO', 'VP sales (Marco)'), name, role, source (the key they were found in).",
    "sheet.promises": "follow_up.promised: text, by (ISO date or empty), delivered (follow_up.done has materials).",
    "sheet.open_questions": "Keys of what the notes do not answer yet, in the order to ask: pain, "
                            "success_criteria, decision_process, stakeholders, timeline.",
    "sheet.close": "asked (yes/no), answer (yes, no, maybe, deferred or empty), objection (the likeliest concern "
                   "after 'no', or empty).",
}

# --- who has not been met yet -------------------------------------------------------------------------------

#: Role titles that head a role phrase ("VP sales", "Head of Marketing"); C-level acronyms are found by shape.
_TITLE_WORDS = {"VP", "SVP", "EVP", "AVP", "Head", "Director", "Chief", "President", "Founder", "Co-founder",
                "GM", "MD", "HR"}
_NO_ARTICLE = {"HR"}  # "HR", not "the HR"
_C_LEVEL = re.compile(r"^C[A-Z]{1,3}O$")  # CEO, CFO, CRO, CHRO, CISO
#: Words that end a role phrase ("the CRO if the panel agrees", "VP sales signs off").
_AFTER_ROLE = re.compile(r"^(of|for|and|&)$", re.IGNORECASE)
_ROLE_ENDS = {"if", "to", "on", "by", "with", "who", "when", "then", "after", "before", "and", "or", "will",
              "would", "must", "may", "signs", "decides", "approves"}
_TOKEN = re.compile(r"\([^)]*\)|[^\W\d_][\w'’&-]*|\d[\w.]*|[;,.:!?]", re.UNICODE)
_CALENDAR = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Jan", "Feb", "Mar",
             "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "January", "February", "March",
             "April", "May", "June", "July", "August", "September", "October", "November", "December", "I",
             "Q1", "Q2", "Q3", "Q4"}


@dataclass(frozen=True)
class Person:
    """Someone the notes name in the process who was not interviewed: ``label`` as written ("the CRO",
    "VP sales (Marco)"), their ``name`` when the notes give one, and where they were found."""

    label: str
    name: str
    role: str
    source: str


def _is_role_head(word: str) -> bool:
    return word in _TITLE_WORDS or bool(_C_LEVEL.match(word))


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() and not word.isupper() and word[1:2].islower()


def _known_words(notes: Notes) -> set[str]:
    """Words that are not a new person: the interviewers' names, the company's and the candidate's."""
    words = {word.casefold() for person in notes.interviewers for word in person.name.split()}
    words |= {word.casefold() for word in notes.company.name.split()}
    words |= {word.casefold() for word in notes.candidate.name.split()}
    return words


def _people_in(text: str, source: str, known: set[str], titles: frozenset[str] = frozenset()) -> list[Person]:
    """The roles and names in one note ("Final round with the CRO", "VP sales (Marco) signs off")."""
    tokens = _TOKEN.findall(text)
    found: list[Person] = []
    index = 0
    clause_start = True
    while index < len(tokens):
        token = tokens[index]
        if token in ";,.:!?":
            clause_start = token != ","
            index += 1
            continue
        if _is_role_head(token):
            start = index
            words = [token]
            index += 1
            if not _C_LEVEL.match(token) and token not in {"HR", "GM", "MD"}:
                # "VP sales", "Head of R&D", "Director of Sales Operations": up to three more words
                while index < len(tokens) and len(words) < 4 and not tokens[index].startswith("("):
                    word = tokens[index]
                    if word in ";,.:!?" or word.casefold() in _ROLE_ENDS:
                        break
                    if len(words) > 1 and not _AFTER_ROLE.match(words[-1]) and not word[:1].isupper():
                        break  # "VP sales signs off": one lower-case word after the title, more after "of"
                    following = tokens[index + 1] if index + 1 < len(tokens) else ""
                    if len(words) > 2 and _is_capitalised(word) and _is_capitalised(following):
                        break  # "VP of Sales Marco Rossi": a name follows the role
                    words.append(word)
                    index += 1
                while len(words) > 1 and _AFTER_ROLE.match(words[-1]):
                    words.pop()
                    index -= 1
            role = " ".join(words)
            name, label = "", role
            if index < len(tokens) and tokens[index].startswith("("):
                inner = tokens[index][1:-1].strip()
                if inner and all(_is_capitalised(word) for word in inner.split()):
                    name, label = inner, f"{role} ({inner})"
                index += 1
            else:
                names = []
                while index < len(tokens) and _is_capitalised(tokens[index]) and tokens[index] not in _CALENDAR:
                    names.append(tokens[index])
                    index += 1
                if names:
                    name = " ".join(names)
                    label = f"{role} {name}"
            if not name and token not in _NO_ARTICLE:
                label = f"the {role}"
            elif start > 0 and tokens[start - 1].casefold() == "the":
                label = f"the {label}"
            met = name.split()[0].casefold() in known if name else role.casefold() in titles
            if not met:
                found.append(Person(label=label, name=name, role=role, source=source))
            clause_start = False
            continue
        if (_is_capitalised(token) and token not in _CALENDAR and token.casefold() not in known
                and not token.startswith("(")):
            following = tokens[index + 1] if index + 1 < len(tokens) else ""
            # A capital at the start of a clause is a name only when a verb follows ("Marco decides").
            if not clause_start or (following.islower() and following.endswith("s") and len(following) > 3):
                words = [token]
                index += 1
                while index < len(tokens) and _is_capitalised(tokens[index]) and tokens[index] not in _CALENDAR:
                    words.append(tokens[index])
                    index += 1
                name = " ".join(words)
                found.append(Person(label=name, name=name, role="", source=source))
                clause_start = False
                continue
        clause_start = False
        index += 1
    return found


def people_not_met(notes: Notes) -> list[Person]:
    """The people ``decision_process`` and ``next_steps`` name who are not among the interviewers, once each."""
    known = _known_words(notes)
    titles = frozenset(fitting.one_line(person.title).casefold() for person in notes.interviewers if person.title)
    found: list[Person] = []
    seen: set[str] = set()
    for source, text in (("decision_process", notes.discovery.decision_process),
                         ("next_steps", notes.discovery.next_steps)):
        for person in _people_in(fitting.one_line(text or ""), source, known, titles):
            key = (person.name or person.role).casefold()
            if key not in seen:
                seen.add(key)
                found.append(person)
    return found


# --- the other facts ----------------------------------------------------------------------------------------


def open_questions(notes: Notes) -> list[str]:
    """What the next round must find out because the notes do not say it yet, in the order to ask:
    ``pain`` (no ``discovery.pains``), ``success_criteria``, ``decision_process``, ``stakeholders`` (no
    decision-maker interviewed and nobody else named), ``timeline`` (no ``decision_date``)."""
    discovery = notes.discovery
    questions: list[str] = []
    if not any(pain.strip() for pain in discovery.pains):
        questions.append("pain")
    if not any(item.strip() for item in discovery.success_criteria):
        questions.append("success_criteria")
    if not (discovery.decision_process and discovery.decision_process.strip()):
        questions.append("decision_process")
    has_decider = any(person.decision_role == "decision-maker" for person in notes.interviewers)
    if not has_decider and not people_not_met(notes):
        questions.append("stakeholders")
    if discovery.decision_date is None:
        questions.append("timeline")
    return questions


def _texts(values: list[str]) -> list[str]:
    return [fitting.one_line(value) for value in values if value and value.strip()]


def _concerns(notes: Notes) -> list[dict[str, Any]]:
    concerns = []
    for objection in notes.close.objections:
        raiser = notes.interviewer_named(objection.raised_by)
        response = fitting.one_line(objection.response or "")
        concerns.append({
            "concern": fitting.one_line(objection.concern),
            "response": response,
            "answered": bool(response),
            "raised_by": raiser.name if raiser else "",
            "raised_by_first": raiser.first_name if raiser else "",
            "by_decider": raiser is not None and raiser is notes.decision_maker
                          and raiser.decision_role == "decision-maker",
        })
    return concerns


def likeliest_objection(concerns: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The objection to expect after "no": one the decision-maker raised, else an unanswered one, else the first."""
    for test in (lambda item: item["by_decider"], lambda item: not item["answered"], lambda item: True):
        for concern in concerns:
            if test(concern):
                return concern
    return None


def _person_met(notes: Notes, person: Interviewer) -> dict[str, Any]:
    raised = [fitting.one_line(objection.concern) for objection in notes.close.objections
              if notes.interviewer_named(objection.raised_by) is person]
    return {
        "name": person.name,
        "first_name": person.first_name,
        "title": fitting.one_line(person.title or ""),
        "decision_role": person.decision_role or "",
        "topics": _texts(person.topics),
        "priorities": _texts(own_priorities(notes, person)),
        "concerns": raised,
    }


def _promises(notes: Notes) -> list[dict[str, Any]]:
    follow_up = notes.follow_up
    if not (follow_up.promised and follow_up.promised.strip()):
        return []
    due = follow_up.promised_by or follow_up.materials_by
    return [{"text": fitting.one_line(follow_up.promised), "by": due.isoformat() if due else "",
             "delivered": "materials" in follow_up.done}]


def sheet_facts(notes: Notes) -> dict[str, Any]:
    """Everything the prep sheet says, as plain values."""
    discovery = notes.discovery
    gaps = [{"kind": gap.kind, "text": fitting.one_line(gap.text), "evidence": fitting.one_line(gap.evidence)}
            for gap in gaps_to_probe(notes)]
    concerns = _concerns(notes)
    close = notes.close
    return {
        "told": {
            "priorities": _texts(discovery.priorities),
            "requirements": _texts(discovery.requirements),
            "success_criteria": _texts(discovery.success_criteria),
            "pains": _texts(discovery.pains),
            "decision_process": fitting.one_line(discovery.decision_process or ""),
            "decision_date": discovery.decision_date.isoformat() if discovery.decision_date else "",
            "next_steps": fitting.one_line(discovery.next_steps or ""),
        },
        "gaps": gaps,
        "no_gaps": not gaps and all(concern["answered"] for concern in concerns),
        "criteria_count": len(_texts([*discovery.requirements, *discovery.success_criteria])),
        "concerns": concerns,
        "unanswered": sum(1 for concern in concerns if not concern["answered"]),
        "met": [_person_met(notes, person) for person in notes.interviewers],
        "not_met": [{"label": person.label, "name": person.name, "role": person.role, "source": person.source}
                    for person in people_not_met(notes)],
        "promises": _promises(notes),
        "open_questions": open_questions(notes),
        "close": {
            "asked": close.asked is True,
            "answer": close.answer or "",
            "objection": likeliest_objection(concerns),
        },
    }


def private_notes(notes: Notes) -> list[dict[str, str]]:
    """The ``[private]`` table as ``{key, text}`` lines, for the prep sheet only and only when asked for.

    Keys become words (``salary_floor`` -> ``salary floor``); a nested table or list
    is written on one line.
    """
    lines = []
    for key, value in notes.private.items():
        if isinstance(value, dict):
            text = "; ".join(f"{inner.replace('_', ' ')}: {item}" for inner, item in value.items())
        elif isinstance(value, list):
            text = "; ".join(str(item) for item in value)
        else:
            text = str(value)
        if text.strip():
            lines.append({"key": key.replace("_", " ").strip(), "text": fitting.one_line(text)})
    return lines


def skip_reason(notes: Notes) -> str | None:
    """Never skipped: with nothing but the interviewers it still lists who to ask what."""
    return None


def build_context(notes: Notes, interviewer: Interviewer | None) -> Context:
    """``base_context`` plus ``sheet`` (facts); never ``[private]`` (``pipeline.job_context`` adds it when asked)."""
    context = base_context(notes, document=NAME, title=f"Prep sheet: {notes.company.name}")
    context["sheet"] = sheet_facts(notes)
    return context


def check_warnings(notes: Notes) -> list[Problem]:
    """A concern with no answer yet: the prep sheet flags it; check says where to write the answer."""
    problems = []
    for index, objection in enumerate(notes.close.objections):
        if not (objection.response and objection.response.strip()):
            problems.append(Problem(f"the concern {fitting.one_line(objection.concern)!r} has no answer yet",
                                    severity="warning", key_path=f"close.objections[{index}].response",
                                    hint="write the one-line answer you will give in the next round"))
    return problems


DOCUMENT = Document(
    name=NAME,
    title="Prep sheet",
    formats=("pdf", "docx", "txt"),
    per_interviewer=False,
    skip_reason=skip_reason,
    build_context=build_context,
    max_pages=2,
    check=check_warnings,
    render_cost=1,
    wording=True,
    private=private_notes,
)
