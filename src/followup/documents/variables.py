"""The documented template context: for each document, the variables its templates receive.

Generated from the code, so the documentation cannot drift: the context of each
document is built from a full sample notes file (``sample_notes.toml`` next to
this module, every table filled in) for every interviewer, and walked key by
key. Each variable gets its kind (text, number, yes/no, date, list, table) and a
one-line description, taken from, in order:

1. the document module's own ``CONTEXT_DESCRIPTIONS`` dict (a document author
   describes the keys their ``build_context`` adds, next to the code);
2. :data:`DESCRIPTIONS` below (the shared keys ``base_context`` adds);
3. the notes model's field descriptions, for keys that copy a notes table
   (``candidate.email`` is described where ``[candidate] email`` is).

Paths use dots for tables and ``[]`` for "each item of the list":
``letter.evidence[].criterion`` is ``item.criterion`` in
``{% for item in letter.evidence %}``.

It builds documents' contexts, so it sits with the documents (not in the context
layer below them): ``followup templates show`` lists one document's variables with
:func:`document_variables`; tools/gen_template_docs.py writes every document's
into docs/templates.md.
"""

from __future__ import annotations

import datetime
import importlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from followup.documents import DOCUMENT_MODULES, get_document
from followup.documents.base import Document
from followup.notes.model import (
    Candidate,
    Company,
    Discovery,
    FollowUp,
    Interview,
    Interviewer,
    Match,
    Notes,
    Objection,
    Role,
    Style,
)

SAMPLE_NOTES = Path(__file__).with_name("sample_notes.toml")

# Descriptions of the keys every document shares (base_context) and of keys that are not in the notes model.
DESCRIPTIONS: dict[str, str] = {
    "document": "What is being rendered: its name, title, author and language.",
    "document.name": "The document's name, e.g. 'thank-you-letter'.",
    "document.title": "The document's title, e.g. 'Thank-you letter'; the PDF's title.",
    "document.author": "The candidate's name; the PDF's author.",
    "document.lang": "The language tag of style.locale, e.g. 'en-US', for <html lang>.",
    "candidate": "You, from [candidate] (or your profile).",
    "candidate.signed_as": "The name you sign with: candidate.signature, else your name.",
    "candidate.address_lines": "candidate.mailing_address split into its lines.",
    "company": "The company, from [company].",
    "company.address_lines": "company.mailing_address split into its lines.",
    "role": "The role, from [role].",
    "interview": "The interview, from [interview].",
    "interview.date": "The interview date as YYYY-MM-DD (for machines; print date_text).",
    "interview.date_text": "The interview date written out for style.locale, e.g. 'March 3, 2026'.",
    "interview.weekday_text": "The weekday of the interview, e.g. 'Tuesday'.",
    "interviewers": "Everyone you met, from [[interviewers]], in the order of the notes.",
    "interviewer": "The interviewer this copy is for (documents made once per interviewer).",
    "decision_maker": "The interviewer who decides (decision_role = 'decision-maker'), else the first one.",
    "discovery": "What the company needs, from [discovery].",
    "discovery.decision_date": "When they expect to decide, as YYYY-MM-DD (print decision_date_text).",
    "discovery.decision_date_text": "discovery.decision_date written out for style.locale.",
    "matches": "Why you, from [[match]]: one table per criterion.",
    "objections": "The concerns raised, from [[close.objections]].",
    "follow_up": "The follow-up cadence, from [follow_up], as written in the notes (dates as YYYY-MM-DD).",
    "steps": "The follow-up steps with their dates worked out (defaults filled in).",
    "steps[].key": "The step's key: thank_you, call, materials, check_in or promised.",
    "steps[].title": "What to do, e.g. 'Send the thank-you notes'.",
    "steps[].due": "The due date as YYYY-MM-DD.",
    "steps[].due_text": "The due date written out for style.locale.",
    "steps[].weekday_text": "The due date with its weekday.",
    "steps[].done": "Whether the step is marked done in follow_up.done.",
    "style": "How the documents look and sound, from [style].",
    "style.sign_off": "The closing line: style.sign_off, else one for the tone ('With thanks', 'Sincerely').",
    "style.page_size": "The CSS page size for style.paper, e.g. '8.5in 11in'.",
    "style.card_size": "The CSS card size for style.paper, e.g. '4.25in 5.5in'.",
    "style.lang": "The language tag of style.locale, e.g. 'en-US'.",
    "charts": "The document's charts by name: an <img> in the PDF, an inline picture in the DOCX.",
    "document.lang_code": "The language the document is written in: en, de, fr or es.",
    "document.locale": "The locale its dates and money follow, e.g. 'en_US' (style.locale when of that language).",
    "proper_words": "Words that keep their capital inside a sentence (names from the notes); "
                    "used by the clause filter.",
    "case_terms": "Spellings a lower-case fragment is corrected to (names, brands the notes capitalise).",
    "labels": "The language pack's labels (templates/languages/<lang>/labels.toml): headings, table headers, "
              "sign-off defaults.",
    "prose": "What the wording template wrote: for each section its text (prose.body), its blocks "
             "(prose.body_blocks: paragraphs and lists) and its list items (prose.body_items).",
    "reader": "Facts about the person this document is for: their kind of letter, usable topics and priorities, "
              "the concerns they raised, the evidence for them, a scheduled call (documents/facts.py).",
    "process": "Facts about the process: the next step, the decision date, the team's priorities.",
    "email": "The criteria-match facts: matches, priorities, pains with their ideas, concerns, materials.",
    "reader.kind": "The kind of letter this reader gets: evidence (decision-maker), topical (influencer), "
                   "collegial (stakeholder, a peer) or process (recruiter).",
    "reader.topics": "Their topics the documents can use (notes to self, pronouns about them and statements "
                     "left out).",
    "reader.wish": "The part of their personal note written to them, for the card ('' when there is none).",
    "reader.priorities": "What the notes say THIS reader named as a priority: each {text, verb}.",
    "reader.priorities[].text": "The priority as written.",
    "reader.priorities[].verb": "Whether it starts with a verb ('Grow pipeline …'): 'your goal to …' fits it.",
    "reader.concerns": "The concerns this reader raised (raised_by) that have an answer.",
    "reader.concerns[].concern": "The concern, as written.",
    "reader.concerns[].response": "Your answer, as written.",
    "reader.plan_mentions": "30-60-90 goals and ideas that name this reader ('Shadow Priya on three calls').",
    "reader.evidence": "The [[match]] entries this reader's letter cites (the decision-maker's best three, an "
                       "influencer's that touch their topics).",
    "reader.evidence[].criterion": "The criterion.",
    "reader.evidence[].evidence": "What you have done, as written.",
    "reader.evidence[].verb": "Whether the evidence starts with a verb ('Built …'): 'I built …' fits it.",
    "reader.evidence[].proof": "The proof, as written ('' when none).",
    "reader.evidence[].topic": "The reader's topic this evidence answers best ('' when none).",
    "reader.call_on": "The follow-up call with this reader as YYYY-MM-DD, when the plan schedules one ('' else).",
    "reader.call_near": "Whether that call is within six days of the letter (then name it by its weekday).",
    "reader.only_interviewer": "Whether this reader was the only interviewer.",
    "reader.salutation": "Their own greeting line from the notes ('' when none).",
    "process.next_steps": "The next step of their process: {text, verb}, or empty when the notes have none.",
    "process.next_steps.text": "The next step, as written.",
    "process.next_steps.verb": "Whether it starts with a verb ('meet the CRO'): 'the next step is to …' fits it.",
    "process.decision_date": "When they decide, as YYYY-MM-DD ('' when unknown).",
    "process.thank_you_on": "The day the thank-yous go out, as YYYY-MM-DD.",
    "process.team_priorities": "The company's priorities no interviewer is noted as saying: 'the team's'.",
    "process.team_priorities[].text": "The priority as written.",
    "process.team_priorities[].verb": "Whether it starts with a verb.",
    "process.interviewer_count": "How many interviewers there were.",
    "letterhead.links[].kind": "city, phone, email or linkedin.",
    "letterhead.links[].text": "What is shown.",
    "letterhead.links[].href": "Where it points: mailto:, tel: or https: (empty for the city).",
    "email.matches": "One entry per [[match]], in the notes' order: criterion, evidence, proof, verb.",
    "email.matches[].criterion": "The criterion, as written.",
    "email.matches[].evidence": "What you have done, as written.",
    "email.matches[].verb": "Whether the evidence starts with a verb.",
    "email.matches[].proof": "The proof, as written ('' when none).",
    "email.priorities": "The company's priorities and the decision-maker's own, each once, as written.",
    "email.pains": "Each pain with the titles of the memo's ideas that answer it.",
    "email.pains[].pain": "The pain, as written.",
    "email.pains[].ideas": "The titles of the ideas whose problem names it (none: the pain is still open).",
    "email.objections": "Each concern that has an answer.",
    "email.objections[].concern": "The concern, as written.",
    "email.objections[].response": "Your answer, as written.",
    "email.objections[].mine": "Whether the decision-maker raised it (raised_by).",
    "email.materials": "What goes with the email (documents/materials.py): exactly what the draft attaches.",
    "email.materials[].document": "territory-plan or process-ideas.",
    "email.materials[].territory": "The territory's name (territory-plan).",
    "email.materials[].count": "How many ideas the memo holds (process-ideas).",
    "email.materials[].quick_wins": "How many of them are quick wins (process-ideas).",
    "email.materials[].first": "The memo's first idea's title (process-ideas).",
    "email.promised": "Whether the notes say you promised something (follow_up.promised).",
    "email.promised_by": "When you promised it, as YYYY-MM-DD ('' when not given).",
    "email.check_in_on": "The check-in call, as YYYY-MM-DD, when the plan schedules it after the materials.",
    "email.sent_on": "The day the materials go out, as YYYY-MM-DD.",
    "email_cc_candidates[].name": "Their name.",
    "email_cc_candidates[].email": "Their email address.",
    "card": "The card's layout values: monogram and size.",
    "card.monogram": "The candidate's initials, for the card's monogram.",
    "card.size_name": "The card's size, e.g. '4.25 x 5.5 in' or 'A6'.",
    "letter": "The letter's date.",
    "letter.date_text": "The letter's date written out for the document's locale.",
    "letter.date_iso": "The letter's date as YYYY-MM-DD.",
    "letterhead": "The letterhead: the candidate's name and contact details.",
    "letterhead.name": "The candidate's name.",
    "letterhead.contacts": "The candidate's contact details, one per item.",
    "letterhead.contact_line": "The contact details on one line.",
    "letterhead.links": "The contact details as links: each with kind (city, phone, email, linkedin), text and "
                        "href (mailto:, tel:, https:, or empty).",
    "recipient": "The addressee block.",
    "recipient.lines": "The addressee block's lines (name, title, company, address).",
    "recipient_person": "The interviewer the document is addressed to.",
    "email_cc_candidates": "Other interviewers with an email address (who could be copied).",
    "draft": "The email draft's facts, from which the .eml's headers are made (render/eml.py); the subject is "
             "prose.subject.",
    "draft.sender": "Who sends it: the candidate's name and email.",
    "draft.sender.name": "The sender's name.",
    "draft.sender.email": "The sender's email address (empty: no From).",
    "draft.to": "Who it is for: each with name and email (one without an email is left out of To).",
    "draft.to[].name": "Their name.",
    "draft.to[].email": "Their email address.",
    "draft.cc": "Who is always copied: each with name and email.",
    "draft.cc[].name": "Their name.",
    "draft.cc[].email": "Their email address.",
    "draft.cc_all": "Who is copied only with `followup render --cc-all`: each with name and email.",
    "draft.cc_all[].name": "Their name.",
    "draft.cc_all[].email": "Their email address.",
    "draft.date": "The day the draft is for (the Date header: 09:00 that day), a date; never today.",
    "options": "The document's options from the notes.",
    "memo": "The memo's wording and its ideas, written in Python.",
    "plan": "The follow-up checklist: its steps, the people and the promise.",
    "calendar": "The calendar (.ics) events; used by the calendar, not by templates.",
    "territory": "The territory plan: figures and tables already formatted for style.locale.",
}

# Context keys that copy a notes table, and the model class that describes their fields.
MODEL_SOURCES: dict[str, type[BaseModel]] = {
    "candidate": Candidate,
    "company": Company,
    "role": Role,
    "interview": Interview,
    "interviewers[]": Interviewer,
    "interviewer": Interviewer,
    "decision_maker": Interviewer,
    "recipient_person": Interviewer,
    "discovery": Discovery,
    "matches[]": Match,
    "objections[]": Objection,
    "follow_up": FollowUp,
    "style": Style,
}

PERSON_DERIVED = {
    "first_name": "Their first name, e.g. for 'Dear Dana,'.",
    "contact": "Their phone, else their email, else empty.",
}


@dataclass(frozen=True)
class Variable:
    """One variable a template can use: its path, its kind and what it is."""

    path: str
    kind: str
    description: str

    @property
    def depth(self) -> int:
        """0 for top-level keys, 1 for their keys, and so on."""
        return self.path.count(".")


def _kind(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, datetime.date):
        return "date"
    if isinstance(value, bool):
        return "yes/no"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, dict):
        return "table"
    if isinstance(value, (list, tuple)):
        return "list"
    return "picture"


def _walk(value: Any, path: str, kinds: dict[str, set[str]]) -> None:
    """Record the kind of ``value`` at ``path`` and walk into its tables and lists."""
    if path:
        kinds.setdefault(path, set()).add(_kind(value))
    if isinstance(value, dict):
        for key, item in value.items():
            _walk(item, f"{path}.{key}" if path else str(key), kinds)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _walk(item, f"{path}[]", kinds)


def _kind_text(path: str, kinds: dict[str, set[str]]) -> str:
    """'text', 'text or empty', 'list of text', 'list of tables'..."""
    own = kinds[path] - {"empty"}
    if "list" in own:
        items = kinds.get(f"{path}[]", set()) - {"empty"}
        item_text = " or ".join(sorted("tables" if kind == "table" else kind for kind in items)) or "items"
        text = f"list of {item_text}"
    else:
        text = " or ".join(sorted(own)) or "empty"
    if "empty" in kinds[path] and own:
        text += " or empty"
    return text


def _document_descriptions(name: str) -> dict[str, str]:
    """The ``CONTEXT_DESCRIPTIONS`` of the document's module, if it has any."""
    module = importlib.import_module(DOCUMENT_MODULES[name])
    descriptions = getattr(module, "CONTEXT_DESCRIPTIONS", None)
    return dict(descriptions) if isinstance(descriptions, dict) else {}


def _model_field(path: str) -> Any:
    """The notes model's field that ``path`` copies (``candidate.email``), or None."""
    prefix, _, field = path.rpartition(".")
    model = MODEL_SOURCES.get(prefix)
    if model is None:
        return None
    return model.model_fields.get(field)


def _model_description(path: str) -> str:
    """The notes model's description of ``path`` when it copies a notes table's field."""
    prefix, _, field = path.rpartition(".")
    if MODEL_SOURCES.get(prefix) is Interviewer and field in PERSON_DERIVED:
        return PERSON_DERIVED[field]
    info = _model_field(path)
    return (info.description or "") if info is not None else ""


def _may_be_empty(path: str) -> bool:
    """True when the notes may leave the field ``path`` copies out (it is then empty in the context)."""
    info = _model_field(path)
    return info is not None and not info.is_required() and info.default is None


_PROSE_PARTS = {
    "[].text": "A paragraph's text ('' for a list).",
    "[].is_list": "Whether this block is a list.",
    "[].entries": "A list's items: each {label, text, note}.",
    "[].entries[].label": "The item's label (shown bold; '' when none).",
    "[].entries[].text": "The item's text.",
    "[].entries[].note": "The item's note (shown muted; '' when none).",
    "[].label": "The item's label (shown bold; '' when none).",
    "[].text_item": "The item's text.",
    "[].note": "The item's note (shown muted; '' when none).",
}


def _prose_description(rest: str) -> str:
    """``prose.body``, ``prose.body_blocks[].text`` …: what the wording template wrote in a section."""
    name, _, tail = rest.partition("[")
    tail = "[" + tail if tail else ""
    if name.endswith("_blocks"):
        section = name.removesuffix("_blocks")
        return _PROSE_PARTS.get(tail, "") if tail else f"The {section} section as blocks: paragraphs and lists."
    if name.endswith("_items"):
        section = name.removesuffix("_items")
        if not tail:
            return f"The items of every list in the {section} section: each {{label, text, note}}."
        return _PROSE_PARTS.get("[].text_item" if tail == "[].text" else tail, "")
    return f"The {name} section of the wording, as plain text (paragraphs separated by blank lines)."


def describe(path: str, document_descriptions: dict[str, str]) -> str:
    """The one-line description of ``path`` (empty when nobody wrote one)."""
    for source in (document_descriptions, DESCRIPTIONS):
        if path in source:
            return source[path]
    if path.startswith("prose."):
        return _prose_description(path.removeprefix("prose."))
    if path.startswith("reader."):  # the reader is their [[interviewers]] entry plus the facts above
        return _model_description("interviewers[]." + path.removeprefix("reader.")) or \
            DESCRIPTIONS.get("interviewers[]." + path.removeprefix("reader."), "")
    return _model_description(path)


@lru_cache(maxsize=1)
def sample_notes() -> Notes:
    """The full sample notes the documented contexts are built from."""
    from followup.notes.loader import load_notes

    return load_notes(SAMPLE_NOTES).notes


def sample_contexts(document: Document, notes: Notes | None = None) -> list[dict[str, Any]]:
    """Every context ``document`` gets from the sample notes: one per interviewer, or one."""
    notes = notes or sample_notes()
    people = list(notes.interviewers) if document.per_interviewer else [None]
    contexts = []
    for person in people:
        if document.skip_reason(notes) is not None:
            break
        context = document.build_context(notes, person)
        from followup.wording.compose import apply

        apply(context, wording=document.wording)
        contexts.append(context)
    return contexts


def chart_names(document: Document, context: dict[str, Any]) -> list[str]:
    """The names of the document's charts (``charts.<name>``), drawing them once to find out."""
    if document.draw_charts is None:
        return []
    figures = document.draw_charts(context)
    names = list(figures)
    try:
        from matplotlib import pyplot

        for figure in figures.values():
            pyplot.close(figure)
    except ImportError:  # pragma: no cover - matplotlib is a dependency
        pass
    return names


def document_variables(name: str, *, with_charts: bool = True) -> list[Variable]:
    """The variables the templates of document ``name`` receive, top-level keys first within each table."""
    document = get_document(name)
    contexts = sample_contexts(document)
    kinds: dict[str, set[str]] = {}
    for context in contexts:
        _walk(context, "", kinds)
    if with_charts and contexts and document.draw_charts is not None:
        names = chart_names(document, contexts[0])
        kinds.setdefault("charts", set()).add("table")
        for chart in names:
            kinds.setdefault(f"charts.{chart}", set()).add("picture")
    own = _document_descriptions(name)
    variables = []
    for path in kinds:
        if path.startswith("labels."):
            continue  # the language pack's labels: labels.toml lists them, with comments
        if path.endswith("[]"):
            continue  # folded into the list's kind: 'list of text'
        kind = _kind_text(path, kinds)
        if _may_be_empty(path) and not kind.endswith("or empty"):
            kind += " or empty"
        variables.append(Variable(path, kind, describe(path, own)))
    return variables

