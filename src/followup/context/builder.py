"""The one context builder every format is fed from.

``base_context`` turns validated notes into the plain values every template
sees; each document module adds its own keys on top (see ``followup.documents``).
The ``[private]`` table never enters a context. Values are plain dicts, lists and
strings (no model objects), so templates cannot reach Python internals and the
PDF, DOCX and email of a document say the same thing.
"""

from __future__ import annotations

import re
from typing import Any

from followup.context.formatting import Formatter
from followup.context.schedule import follow_up_steps
from followup.notes.model import Interviewer, Notes
from followup.wording import fitting

# Page sizes in CSS units, by style.paper.
PAGE_SIZES = {
    "letter": {"page": "8.5in 11in", "card": "4.25in 5.5in", "name": "Letter", "card_name": "4.25 x 5.5 in"},
    "a4": {"page": "210mm 297mm", "card": "105mm 148mm", "name": "A4", "card_name": "A6"},
}


def document_locale(notes: Notes, language: str) -> str:
    """The locale a document in ``language`` is written in: ``style.locale`` when it is of that language."""
    from followup.wording.language import locale_for

    return locale_for(language, notes.style.locale)


def formatter_for(notes: Notes, language: str | None = None) -> Formatter:
    return Formatter(document_locale(notes, language or notes.style.prose_language))


def person_context(person: Interviewer) -> dict[str, Any]:
    data = person.model_dump(mode="json")
    data["first_name"] = person.first_name
    data["contact"] = person.phone or person.email or ""
    return data


def base_context(notes: Notes, *, document: str, title: str, reader: Interviewer | None = None) -> dict[str, Any]:
    """The values every document's templates receive (``[private]`` excluded).

    The document is written in ``reader``'s language when they have one, else the
    package's (``style.language``); dates and money follow that language's locale.
    """
    language = notes.language_for(reader)
    locale = document_locale(notes, language)
    fmt = Formatter(locale)
    candidate = notes.candidate.model_dump(mode="json")
    candidate["signed_as"] = notes.candidate.signed_as
    candidate["address_lines"] = _lines(notes.candidate.mailing_address)
    company = notes.company.model_dump(mode="json")
    company["address_lines"] = _lines(notes.company.mailing_address)
    interview = notes.interview.model_dump(mode="json")
    interview["date_text"] = fmt.date(notes.interview.date)
    interview["weekday_text"] = fmt.date(notes.interview.date, "EEEE")
    style = notes.style.model_dump(mode="json")
    style["sign_off"] = notes.style.sign_off or ""  # the language pack's default is filled in by the wording stage
    style["page_size"] = PAGE_SIZES[notes.style.paper]["page"]
    style["card_size"] = PAGE_SIZES[notes.style.paper]["card"]
    style["lang"] = language
    steps = [
        {"key": step.key, "title": step.title, "due": step.due.isoformat(), "due_text": fmt.date(step.due),
         "weekday_text": fmt.weekday_date(step.due), "done": step.done}
        for step in follow_up_steps(notes)
    ]
    discovery = notes.discovery.model_dump(mode="json")
    discovery["decision_date_text"] = fmt.date(notes.discovery.decision_date)
    follow_up = notes.follow_up.model_dump(mode="json")
    return {
        "document": {
            "name": document,
            "title": title,
            "author": notes.candidate.name,
            "lang": locale.replace("_", "-"),
            "lang_code": language,
            "locale": locale,
        },
        "proper_words": proper_words(notes),
        "case_terms": case_terms(notes),
        "candidate": candidate,
        "company": company,
        "role": notes.role.model_dump(mode="json"),
        "interview": interview,
        "interviewers": [person_context(person) for person in notes.interviewers],
        "decision_maker": person_context(notes.decision_maker),
        "discovery": discovery,
        "matches": [match.model_dump(mode="json") for match in notes.match],
        "objections": [objection.model_dump(mode="json") for objection in notes.close.objections],
        "follow_up": follow_up,
        "steps": steps,
        "style": style,
    }


def _free_texts(notes: Notes) -> list[str]:
    """Every free-text fragment of the notes that documents may place in a sentence."""
    texts: list[str] = [*notes.discovery.priorities, *notes.discovery.requirements, *notes.discovery.success_criteria,
                        *notes.discovery.pains]
    for person in notes.interviewers:
        texts += [*person.topics, *person.priorities, person.personal_note or "", person.title or ""]
    texts += [notes.discovery.next_steps or "", notes.discovery.decision_process or ""]
    texts += [text for match in notes.match for text in (match.criterion, match.evidence, match.proof or "")]
    texts += [text for objection in notes.close.objections for text in (objection.concern, objection.response or "")]
    return texts


def _names(notes: Notes) -> list[str]:
    names: list[str] = [notes.candidate.name, notes.company.name]
    names += [person.name for person in notes.interviewers]
    if notes.territory is not None:
        names += [notes.territory.name, *notes.territory.regions]
        names += [segment.name for segment in notes.territory.segments]
        names += [account.name for account in notes.territory.accounts]
    return [name for name in names if name and name.strip()]


def proper_words(notes: Notes) -> list[str]:
    """Words that keep their capital mid-sentence: every word of every name in the notes, and brands the
    notes write with a capital mid-sentence (Salesforce)."""
    words = {word.strip("'’.,;:()") for name in [*_names(notes), notes.role.title] for word in name.split()}
    words |= fitting.proper_words(_free_texts(notes))
    return sorted(word for word in words if word[:1].isupper())


def case_terms(notes: Notes) -> list[str]:
    """Spellings a fragment typed in lower case is corrected to: people's names, the notes' names as whole
    phrases (``Acme Robotics``, not ``Robotics`` alone), and words the notes capitalise mid-sentence."""
    terms = {word for name in [notes.candidate.name, *(person.name for person in notes.interviewers)]
             for word in name.split()}
    terms |= {" ".join(name.split()) for name in _names(notes) if name[:1].isupper() and _titled(name)}
    # Job titles are title-cased by convention ("Directora Comercial", "VP of Sales"): their capitals say
    # nothing about how "comercial" or "sales" is written elsewhere.
    titles = {person.title for person in notes.interviewers if person.title}
    terms |= fitting.capitalised_runs(text for text in _free_texts(notes) if text not in titles)
    return sorted(term for term in terms if term[:1].isupper())


def _titled(name: str) -> bool:
    """A name written as a name (``Acme Robotics``, ``Lusocarga``), not a sentence-case category such as the
    segment ``Operadores logísticos``, whose capital is only that of its first word."""
    words = name.split()
    return len(words) == 1 or any(word[:1].isupper() or not word[:1].isalpha() for word in words[1:])


def display_url(url: str) -> str:
    """``linkedin.com/in/danawhitfield`` for ``https://www.linkedin.com/in/danawhitfield/``."""
    return re.sub(r"^https?://(www\.)?", "", url.strip()).rstrip("/")


def letterhead_context(notes: Notes) -> dict[str, Any]:
    """The candidate's letterhead for letter-style documents (``base/letterhead.html``)."""
    candidate = notes.candidate
    links: list[dict[str, str]] = []
    for kind, value in (("city", candidate.city), ("phone", candidate.phone), ("email", candidate.email),
                        ("linkedin", candidate.linkedin)):
        if value and value.strip():
            text = display_url(value) if kind == "linkedin" else value.strip()
            links.append({"kind": kind, "text": text, "href": contact_href(kind, value.strip())})
    contacts = [link["text"] for link in links]
    return {"name": candidate.name, "contacts": contacts, "links": links, "contact_line": " · ".join(contacts)}


def contact_href(kind: str, value: str) -> str:
    """The link a letterhead item opens: ``mailto:``, ``tel:`` or the web address (always http(s)); "" for none.

    A web address written without a scheme gets ``https://``, so any other scheme
    (``javascript:``, ``file:``) a notes file might hold becomes a harmless https
    address rather than a live link.
    """
    if kind == "email":
        return "mailto:" + value
    if kind == "phone":
        digits = re.sub(r"[^0-9+]", "", value)
        return "tel:" + digits if any(character.isdigit() for character in digits) else ""
    if kind in ("linkedin", "website"):
        return value if re.match(r"https?://", value, re.IGNORECASE) else "https://" + value.lstrip("/")
    return ""


def recipient_context(notes: Notes, person: Interviewer) -> dict[str, Any]:
    """The address block: name, title, company, then their mailing address (else the company's)."""
    address = person.mailing_address or notes.company.mailing_address or ""
    lines = [person.name]
    if person.title and person.title.strip():
        lines.append(person.title.strip())
    lines.append(notes.company.name)
    lines.extend(line.strip() for line in address.strip().splitlines() if line.strip())
    return {"lines": lines}


def _lines(text: str | None) -> list[str]:
    if not text:
        return []
    return [line.strip() for line in text.strip().splitlines() if line.strip()]
