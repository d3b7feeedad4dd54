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

SIGN_OFFS = {"warm": "With thanks", "formal": "Sincerely"}

# Page sizes in CSS units, by style.paper.
PAGE_SIZES = {
    "letter": {"page": "8.5in 11in", "card": "4.25in 5.5in", "name": "Letter", "card_name": "4.25 x 5.5 in"},
    "a4": {"page": "210mm 297mm", "card": "105mm 148mm", "name": "A4", "card_name": "A6"},
}


def formatter_for(notes: Notes) -> Formatter:
    return Formatter(notes.style.locale)


def person_context(person: Interviewer) -> dict[str, Any]:
    data = person.model_dump(mode="json")
    data["first_name"] = person.first_name
    data["contact"] = person.phone or person.email or ""
    return data


def base_context(notes: Notes, *, document: str, title: str) -> dict[str, Any]:
    """The values every document's templates receive (``[private]`` excluded)."""
    fmt = formatter_for(notes)
    candidate = notes.candidate.model_dump(mode="json")
    candidate["signed_as"] = notes.candidate.signed_as
    candidate["address_lines"] = _lines(notes.candidate.mailing_address)
    company = notes.company.model_dump(mode="json")
    company["address_lines"] = _lines(notes.company.mailing_address)
    interview = notes.interview.model_dump(mode="json")
    interview["date_text"] = fmt.date(notes.interview.date)
    interview["weekday_text"] = fmt.date(notes.interview.date, "EEEE")
    style = notes.style.model_dump(mode="json")
    style["sign_off"] = notes.style.sign_off or SIGN_OFFS[notes.style.tone]
    style["page_size"] = PAGE_SIZES[notes.style.paper]["page"]
    style["card_size"] = PAGE_SIZES[notes.style.paper]["card"]
    style["lang"] = notes.style.locale.replace("_", "-")
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
            "lang": style["lang"],
        },
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
