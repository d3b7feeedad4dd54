"""Ready-to-send email drafts (.eml) with the standard ``email`` package.

Header values come from user text, so every one is checked before it reaches a
header; this is what makes header injection impossible:

- **Names and the subject are cleaned.** Every control character (C0, DEL, C1,
  and the Unicode line and paragraph separators) becomes a space and runs of
  whitespace become one space, so ``"Jordan\\r\\nBcc: x@evil.example"`` is the
  display name ``Jordan Bcc: x@evil.example`` (quoted, harmless). Non-ASCII
  names are encoded by the email package (RFC 2047) and read back unchanged.
- **Addresses are refused, not cleaned.** An address is where mail goes, so
  guessing is worse than stopping: surrounding whitespace is trimmed (a stray
  space or trailing newline from a multi-line TOML string), but an address with
  whitespace, a control character, a quote, a comma, angle brackets or more or
  less than one ``@`` inside is refused with a :class:`UserError` naming it.
  The local part must be ASCII (a draft with an internationalised local part
  would need SMTPUTF8, which .eml files cannot promise); a non-ASCII domain is
  written in its IDNA (``xn--``) form.

The bytes are reproducible: MIME boundaries derived from the content (a hash,
so no text of the user's can contain one, and no random number either) and a
``Date`` taken from the notes, never from the clock: 09:00 on the day the draft
is for, in the candidate's time zone (:func:`draft_time_zone`).

Attachments (the criteria-match email carries the territory plan and the
process-ideas memo as PDFs) make the message ``multipart/mixed`` around the
text/HTML alternative; their file names are RFC 2231-encoded by the email
package. Quoted-printable lines stay within RFC 2045's 76 characters.

A document with an ``eml`` format gives only facts, as data in its context
(``draft``, see :func:`draft_email`): who sends it and to whom (a name and an
address each), who is copied, and the day it is for (a ``datetime.date``). The
subject is the wording's ``subject`` section (``prose.subject``). The headers
are made here from those facts, so no document builds a header and user text
meets a header in this module only.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from email.errors import HeaderParseError, MessageError
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from typing import Any

from followup.errors import Problem, UserError
from followup.notes.addresses import ascii_address

#: RFC 2045: encoded lines are at most 76 characters; the SMTP policy alone allows 78.
POLICY = SMTP.clone(max_line_length=76)
#: The hour of the draft's Date header, in the candidate's time zone.
DRAFT_HOUR = datetime.time(9, 0)

# C0 controls (newlines included), DEL, C1 controls, and the Unicode line/paragraph separators.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def header_text(value: str) -> str:
    """A header-safe version of user text: control characters (newlines included) become spaces."""
    return re.sub(r"\s+", " ", _CONTROL.sub(" ", value)).strip()


def _refuse(address: str, why: str) -> UserError:
    return UserError(Problem(f"{address!r} is not an email address: {why}", severity="error"))


def clean_address(address: str) -> str:
    """``address`` as a plain ASCII ``local@domain``, or a :class:`UserError` saying why it cannot be one."""
    try:
        return ascii_address(address)
    except ValueError as error:
        raise _refuse(address, str(error)) from None


def mailbox(name: str | None, address: str | None) -> str | None:
    """``"Jordan Lee" <jordan@acme.example>``, or None when there is no address.

    The name is cleaned with :func:`header_text`; the address is checked with
    :func:`clean_address` (a bad address is a :class:`UserError`, never cleaned
    into a different one).
    """
    if address is None or not address.strip():
        return None
    local, domain = clean_address(address).split("@")
    display = header_text(name or "")
    return str(Address(display_name=display, username=local, domain=domain))


def _header_value(value: str) -> str:
    """A header value from a caller: control characters never get through, whatever the caller did."""
    return header_text(value)


@dataclass(frozen=True)
class Attachment:
    """A file carried by a draft: the name the reader sees, and its bytes."""

    filename: str
    data: bytes
    maintype: str = "application"
    subtype: str = "pdf"


#: The most populous zone of a territory with several (CLDR lists them alphabetically: the US's first is Adak).
MAIN_ZONES: dict[str, str] = {
    "US": "America/New_York", "CA": "America/Toronto", "AU": "Australia/Sydney", "BR": "America/Sao_Paulo",
    "RU": "Europe/Moscow", "MX": "America/Mexico_City", "ES": "Europe/Madrid", "PT": "Europe/Lisbon",
    "ID": "Asia/Jakarta", "KZ": "Asia/Almaty", "CL": "America/Santiago", "EC": "America/Guayaquil",
    "MY": "Asia/Kuala_Lumpur", "CD": "Africa/Kinshasa", "MN": "Asia/Ulaanbaatar", "GL": "America/Nuuk",
    "UZ": "Asia/Tashkent", "PF": "Pacific/Tahiti", "KI": "Pacific/Tarawa", "FM": "Pacific/Pohnpei",
}


def draft_time_zone(locale: str, country: str | None = None) -> datetime.tzinfo:
    """The time zone of the candidate's drafts: the main zone of ``country``, else of the locale's territory.

    ``en_US`` gives America/New_York, ``en_GB`` Europe/London, ``de_DE`` Europe/Berlin:
    a territory with one zone gets it, one with several its most populous one's
    (:data:`MAIN_ZONES`, else the first Babel lists), so the same notes always give
    the same Date. Without a territory, or without a time-zone database, it is UTC.
    """
    from babel.core import get_global

    territory = (country or "").split("-")[0].strip().upper()
    if not territory:
        parts = locale.replace("-", "_").split("_")
        territory = next((part.upper() for part in parts[1:] if len(part) == 2 and part.isalpha()), "")
    zones = list(get_global("territory_zones").get(territory, ())) if territory else []
    if territory in MAIN_ZONES:
        zones.insert(0, MAIN_ZONES[territory])
    for name in zones:
        try:
            from zoneinfo import ZoneInfo

            return ZoneInfo(name)
        except (ImportError, KeyError, ValueError, OSError):
            continue
    return datetime.UTC


def _boundary(kind: str, parts: Sequence[bytes]) -> str:
    """A boundary derived from the content: the same draft gets the same one, and no part can contain it."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(hashlib.sha256(part).digest())
    return f"=_followup-{kind}-{digest.hexdigest()[:32]}"


def build_email(*, subject: str, sender: str | None, to: list[str], cc: list[str] | None = None,
                text: str, html: str, date: datetime.date | None = None,
                time_zone: datetime.tzinfo | None = None, attachments: Sequence[Attachment] = ()) -> bytes:
    """A draft with a plain-text and an HTML part (and ``attachments``), marked unsent so mail clients open it
    for editing.

    ``sender``, ``to`` and ``cc`` are mailboxes made by :func:`mailbox`; they are
    cleaned of control characters again here, so no caller can inject a header.
    The Date is 09:00 on ``date`` in ``time_zone`` (UTC when None).
    """
    message = EmailMessage(policy=POLICY)
    try:
        message["Subject"] = header_text(subject)
        if sender:
            message["From"] = _header_value(sender)
        if to:
            message["To"] = ", ".join(_header_value(item) for item in to)
        if cc:
            message["Cc"] = ", ".join(_header_value(item) for item in cc)
    except (HeaderParseError, MessageError, ValueError, IndexError) as error:
        raise UserError(Problem(f"cannot write the email headers: {error}")) from None
    if date is not None:
        moment = datetime.datetime.combine(date, DRAFT_HOUR, tzinfo=time_zone or datetime.UTC)
        message["Date"] = format_datetime(moment)
    message["X-Unsent"] = "1"
    message["MIME-Version"] = "1.0"
    message.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    contents = [text.encode("utf-8"), html.encode("utf-8")]
    message.set_boundary(_boundary("alternative", contents))
    if attachments:
        message.make_mixed()
        for attachment in attachments:
            message.add_attachment(attachment.data, maintype=attachment.maintype, subtype=attachment.subtype,
                                   filename=header_text(attachment.filename))
        message.set_boundary(_boundary("mixed", [*contents, *(item.data for item in attachments)]))
    return message.as_bytes()


#: The context keys a draft's headers are made from, besides what its two templates read (render/reads.py);
#: ``options`` is read too when the draft has people to copy with ``--cc-all`` (see :func:`draft_reads`).
DRAFT_KEYS = frozenset({"draft", "prose", "style"})


def draft_reads(context: dict[str, Any]) -> frozenset[str]:
    """The context keys the headers of the draft of ``context`` read: :data:`DRAFT_KEYS`, ``options`` when needed."""
    draft = context.get("draft")
    if isinstance(draft, dict) and draft.get("cc_all"):
        return DRAFT_KEYS | {"options"}
    return DRAFT_KEYS


def _mailboxes(people: Sequence[dict[str, Any]]) -> list[str]:
    """The mailboxes of ``people`` (each ``{"name", "email"}``) that have an address, each once, in order."""
    found: list[str] = []
    for person in people:
        address = mailbox(person.get("name"), person.get("email"))
        if address and address not in found:
            found.append(address)
    return found


def draft_email(context: dict[str, Any], *, text: str, html: str, attachments: Sequence[Attachment] = ()) -> bytes:
    """The draft of a document from the facts in its context, with ``text`` and ``html`` as its two parts.

    ``context["draft"]`` holds ``sender`` (``{"name", "email"}``), ``to`` and ``cc``
    (lists of them), ``cc_all`` (the people copied only with ``followup render
    --cc-all``, i.e. ``options.cc_all``) and ``date`` (a ``datetime.date``: the day
    the draft is for, never today, so the same notes give the same draft). A
    person without an email is left out (a draft with no To is still a draft);
    nobody is copied who is already a recipient. The Subject is ``prose.subject``;
    the Date is :data:`DRAFT_HOUR` that day in :func:`draft_time_zone` of ``style``.
    """
    draft = context["draft"]
    to = _mailboxes(draft.get("to", []))
    copied = list(draft.get("cc", []))
    if context.get("options", {}).get("cc_all"):
        copied += draft.get("cc_all", [])
    cc = [address for address in _mailboxes(copied) if address not in to]
    sender = draft.get("sender") or {}
    style = context["style"]
    return build_email(
        subject=context["prose"]["subject"], sender=mailbox(sender.get("name"), sender.get("email")), to=to,
        cc=cc or None, date=draft.get("date"), time_zone=draft_time_zone(style["locale"], style.get("country")),
        attachments=attachments, text=text, html=html,
    )


__all__ = ["DRAFT_KEYS", "Address", "Attachment", "build_email", "clean_address", "draft_email", "draft_reads",
           "draft_time_zone", "header_text", "mailbox"]
