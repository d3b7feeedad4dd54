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

The bytes are reproducible: a fixed MIME boundary and a ``Date`` taken from the
notes, never from the clock.
"""

from __future__ import annotations

import datetime
import re
from email.errors import HeaderParseError, MessageError
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime

from followup.errors import Problem, UserError
from followup.notes.addresses import ascii_address

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


def build_email(*, subject: str, sender: str | None, to: list[str], cc: list[str] | None = None,
                text: str, html: str, date: datetime.date | None = None) -> bytes:
    """A draft with a plain-text and an HTML part, marked unsent so mail clients open it for editing.

    ``sender``, ``to`` and ``cc`` are mailboxes made by :func:`mailbox`; they are
    cleaned of control characters again here, so no caller can inject a header.
    """
    message = EmailMessage(policy=SMTP)
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
        moment = datetime.datetime.combine(date, datetime.time(9, 0), tzinfo=datetime.timezone.utc)
        message["Date"] = format_datetime(moment)
    message["X-Unsent"] = "1"
    message["MIME-Version"] = "1.0"
    message.set_content(text, subtype="plain", charset="utf-8", cte="quoted-printable")
    message.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")
    # A fixed boundary keeps the same notes giving the same bytes.
    message.set_boundary("followup-alternative-boundary")
    return message.as_bytes()


__all__ = ["Address", "build_email", "clean_address", "header_text", "mailbox"]
