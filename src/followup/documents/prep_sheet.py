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
from followup.wording.language import notes_labels

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
    "sheet.not_met": "People decision_process or next_steps name who were not interviewed: label (the pack's "
                     "article, the role and name as written: 'the CRO', 'VP sales (Marco)', 'die Geschäftsführung'), "
                     "article, name, role, source (the key they were found in).",
    "sheet.promises": "follow_up.promised: text, by (ISO date or empty), delivered (follow_up.done has materials).",
    "sheet.open_questions": "Keys of what the notes do not answer yet, in the order to ask: pain, "
                            "success_criteria, decision_process, stakeholders, timeline.",
    "sheet.close": "asked (yes/no), answer (yes, no, maybe, deferred or empty), objection (the likeliest concern "
                   "after 'no', or empty).",
}

# --- who has not been met yet -------------------------------------------------------------------------------

_C_LEVEL = re.compile(r"^C[A-Z]{1,3}O$")  # CEO, CFO, CRO, CHRO, CISO: found by shape in every language
_TOKEN = re.compile(r"\([^)]*\)|[^\W\d_][\w'’&-]*|\d[\w.]*|[;,.:!?]", re.UNICODE)
_ELISION = ("'", "’")


@dataclass(frozen=True)
class FinderWords:
    """The words :func:`people_not_met` reads notes with, from ``[prep_sheet.finder]`` of the pack's labels.toml.

    ``titles`` maps a word that heads a role phrase ("VP", "Geschäftsführung", "directeur") to the article a
    sentence puts before the role ("the", "die", "le"; "" for none); ``alone`` are titles that take no more
    words ("HR", "PDG"); ``c_level`` is the article before a C-level acronym; ``articles`` are the articles
    (and contractions) the notes may write before a role; ``joiners`` let a role go on ("Head of Sales");
    ``ends`` end it ("if", "signs"); ``honorifics`` come before a surname ("Frau", "Mme") and ``address`` says
    how a sentence names someone with one ("Herrn" -> "Herr", "Sra." -> "la Sra."); ``verbs`` and
    ``verb_endings`` tell a verb after a capitalised word at the start of a clause ("Marco decides",
    "Thomas entscheidet"); ``calendar`` words are never names. With ``capitalised_nouns`` (German) a
    capitalised word is a name only before such a verb, after an honorific or after a title.
    """

    titles: dict[str, str]
    alone: frozenset[str]
    c_level: str
    articles: frozenset[str]
    joiners: frozenset[str]
    ends: frozenset[str]
    honorifics: frozenset[str]
    address: dict[str, str]
    verbs: frozenset[str]
    verb_endings: tuple[str, ...]
    calendar: frozenset[str]
    capitalised_nouns: bool

    @classmethod
    def from_labels(cls, table: dict[str, Any]) -> FinderWords:
        """Read ``[prep_sheet.finder]``: each ``titles`` entry is written with its article ("the VP", "l’associé")."""
        titles: dict[str, str] = {}
        for entry in table.get("titles", []):
            text = str(entry).strip()
            article, _, word = text.rpartition(" ")
            for mark in _ELISION:
                if mark in word:
                    elided, _, word = word.partition(mark)
                    article = f"{elided}{mark}"
            titles.setdefault(word, article)

        def words(key: str) -> frozenset[str]:
            return frozenset(str(word).casefold().rstrip("'’") for word in table.get(key, []))

        honorifics = frozenset(str(word).rstrip(".") for word in table.get("honorifics", []))
        return cls(titles=titles, alone=frozenset(str(word) for word in table.get("alone", [])),
                   c_level=str(table.get("c_level", "")), articles=words("articles"), joiners=words("joiners"),
                   ends=words("ends"), honorifics=honorifics,
                   address={str(key).rstrip("."): str(value) for key, value in table.get("address", {}).items()},
                   verbs=words("verbs"), verb_endings=tuple(str(ending) for ending in table.get("verb_endings", [])),
                   calendar=frozenset(str(word) for word in table.get("calendar", [])),
                   capitalised_nouns=bool(table.get("capitalised_nouns", False)))

    def is_verb(self, word: str) -> bool:
        """A verb that follows a name ("decides", "entscheidet", "décide")."""
        if not word.islower():
            return False
        return word in self.verbs or (len(word) > 3 and bool(self.verb_endings) and word.endswith(self.verb_endings))

    def tokens(self, text: str) -> list[str]:
        """The words of ``text``; an elided article is a word of its own ("l’associé" -> "l’", "associé")."""
        tokens: list[str] = []
        for token in _TOKEN.findall(text):
            for mark in _ELISION:
                prefix, found, rest = token.partition(mark)
                if found and rest and prefix.casefold() in self.articles:
                    tokens += [prefix + mark, rest]
                    break
            else:
                tokens.append(token)
        return tokens

    def title(self, word: str) -> str | None:
        """``word`` as a title of the pack (a lower-case title matches in any case: "Directeur", "directeur")."""
        if word in self.titles:
            return word
        lowered = word.casefold()
        return lowered if lowered in self.titles else None

    def article(self, head: str) -> str:
        if _C_LEVEL.match(head) and head not in self.titles:
            return self.c_level
        return self.titles.get(self.title(head) or head, "")


def finder_words(notes: Notes) -> FinderWords:
    """The finder's words in the package's language (the notes' ``style.templates`` may override them)."""
    table = notes_labels(notes.style.templates, notes.style.prose_language).get("prep_sheet", {}).get("finder", {})
    return FinderWords.from_labels(table)


@dataclass(frozen=True)
class Person:
    """Someone the notes name in the process who was not interviewed: the ``role`` and ``name`` as written
    ("VP sales", "Marco"), the ``article`` the pack puts before the role ("the", "die", "le"; empty before a
    name, unless the notes wrote one), whether the name stood in parentheses, and where they were found."""

    role: str
    name: str
    source: str
    article: str = ""
    parenthesised: bool = False

    @property
    def label(self) -> str:
        """The person as a sentence names them: "the CRO", "VP sales (Marco)", "die Geschäftsführung", "l’associé"."""
        name = f"({self.name})" if self.parenthesised else self.name
        words = " ".join(part for part in (self.role, name) if part)
        if not self.article:
            return words
        return f"{self.article}{words}" if self.article.endswith(_ELISION) else f"{self.article} {words}"


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() and not word.isupper() and word[1:2].islower()


def _known_words(notes: Notes) -> set[str]:
    """Words that are not a new person: the interviewers' names, the company's and the candidate's."""
    words = {word.casefold() for person in notes.interviewers for word in person.name.split()}
    words |= {word.casefold() for word in notes.company.name.split()}
    words |= {word.casefold() for word in notes.candidate.name.split()}
    return words


def _title_met(role: str, titles: frozenset[str]) -> bool:
    """The role is an interviewer's title, or the start of one ("Vertriebsleiterin" of "Vertriebsleiterin DACH")."""
    role = role.casefold()
    return any(title == role or title.startswith(f"{role} ") for title in titles)


def _people_in(text: str, source: str, known: set[str], words: FinderWords,
               titles: frozenset[str] = frozenset()) -> list[Person]:
    """The roles and names in one note ("Final round with the CRO", "VP sales (Marco) signs off")."""
    tokens = words.tokens(text)
    found: list[Person] = []
    index = 0
    clause_start = True

    def is_name(token: str) -> bool:
        return _is_capitalised(token) and token not in words.calendar and words.title(token) is None

    while index < len(tokens):
        token = tokens[index]
        if token in ";,.:!?":
            clause_start = token != ","
            index += 1
            continue
        head = words.title(token) or (token if _C_LEVEL.match(token) else None)
        if head is not None:
            start = index
            role_words = [token]
            index += 1
            if not _C_LEVEL.match(token) and head not in words.alone:
                # "VP sales", "Head of R&D", "directeur général": up to three more words
                while index < len(tokens) and len(role_words) < 4 and not tokens[index].startswith("("):
                    word = tokens[index]
                    if word in ";,.:!?" or word.casefold() in words.ends or word.casefold() in known:
                        break  # "der Vertriebsleiter Jonas Weber": the name of someone met follows
                    if (len(role_words) > 1 and role_words[-1].casefold() not in words.joiners
                            and not word[:1].isupper()):
                        break  # "VP sales signs off": one lower-case word after the title, more after "of"
                    following = tokens[index + 1] if index + 1 < len(tokens) else ""
                    if len(role_words) > 2 and _is_capitalised(word) and _is_capitalised(following):
                        break  # "VP of Sales Marco Rossi": a name follows the role
                    role_words.append(word)
                    index += 1
                while len(role_words) > 1 and role_words[-1].casefold() in words.joiners:
                    role_words.pop()
                    index -= 1
            role = " ".join(role_words)
            name, parenthesised = "", False
            if index < len(tokens) and tokens[index].startswith("("):
                inner = tokens[index][1:-1].strip()
                if inner and all(_is_capitalised(word) for word in inner.split()):
                    name, parenthesised = inner, True
                index += 1
            else:
                names = []
                while index < len(tokens) and is_name(tokens[index]):
                    names.append(tokens[index])
                    index += 1
                name = " ".join(names)
            written = start > 0 and tokens[start - 1].casefold().rstrip("'’") in words.articles
            article = words.article(head) if not name or written else ""
            met = name.split()[0].casefold() in known if name else _title_met(role, titles)
            if not met:
                found.append(Person(role=role, name=name, source=source, article=article,
                                    parenthesised=parenthesised))
            clause_start = False
            continue
        if token.rstrip(".") in words.honorifics:
            # "Frau Müller", "Mme Dubois", "M. Lefèvre", "Frau Dr. Schmidt": the surname decides whether they were met
            address = [token]
            index += 1
            while index < len(tokens) and (tokens[index] == "." or tokens[index].rstrip(".") in words.honorifics):
                if tokens[index] == ".":
                    address[-1] += "."
                else:
                    address.append(tokens[index])
                index += 1
            names = []
            while index < len(tokens) and is_name(tokens[index]):
                names.append(tokens[index])
                index += 1
            if names and not any(name.casefold() in known for name in names):
                address[0] = words.address.get(address[0].rstrip("."), address[0])
                label = " ".join([*address, *names])
                found.append(Person(role="", name=label, source=source))
            clause_start = False
            continue
        if is_name(token) and token.casefold() not in known and not token.startswith("("):
            end = index + 1
            while end < len(tokens) and is_name(tokens[end]):
                end += 1
            following = tokens[end] if end < len(tokens) else ""
            # A capital at the start of a clause is a name only when a verb follows ("Marco decides"); in German,
            # where every noun has a capital, anywhere ("Thomas Schulz entscheidet").
            if words.is_verb(following) or not (clause_start or words.capitalised_nouns):
                found.append(Person(role="", name=" ".join(tokens[index:end]), source=source))
                index = end
                clause_start = False
                continue
        clause_start = False
        index += 1
    return found


def people_not_met(notes: Notes) -> list[Person]:
    """The people ``decision_process`` and ``next_steps`` name who are not among the interviewers, once each.

    The words it reads them by are the package language's (``[prep_sheet.finder]`` in labels.toml).
    """
    known = _known_words(notes)
    words = finder_words(notes)
    titles = frozenset(fitting.one_line(person.title).casefold() for person in notes.interviewers if person.title)
    found: list[Person] = []
    seen: set[str] = set()
    for source, text in (("decision_process", notes.discovery.decision_process),
                         ("next_steps", notes.discovery.next_steps)):
        for person in _people_in(fitting.one_line(text or ""), source, known, words, titles):
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
        "not_met": [{"label": person.label, "article": person.article, "name": person.name, "role": person.role,
                     "source": person.source}
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
