"""Ready-to-send email drafts (.eml) with the standard ``email`` package.

Header values come from user text, so every one is checked: a newline or other
control character can never reach a header (no header injection); names with
non-ASCII characters are encoded by the email package.
"""

from __future__ import annotations

import re
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, formataddr
import datetime

from followup.errors import Problem, UserError

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029\u0085]")


def header_text(value: str) -> str:
    """A header-safe version of user text: control characters (newlines included) become spaces."""
    return re.sub(r"\s+", " ", _CONTROL.sub(" ", value)).strip()


def mailbox(name: str | None, address: str | None) -> str | None:
    """``"Jordan Lee" <jordan@acme.example>``, or None when there is no usable address."""
    if not address:
        return None
    address = header_text(address)
    if not re.fullmatch(r"[^@\s<>,;\"]+@[^@\s<>,;\"]+", address):
        raise UserError(Problem(f"{address!r} is not an email address", severity="error"))
    display = header_text(name or "")
    return formataddr((display, address)) if display else address


def build_email(*, subject: str, sender: str | None, to: list[str], cc: list[str] | None = None,
                text: str, html: str, date: datetime.date | None = None) -> bytes:
    """A draft with a plain-text and an HTML part, marked unsent so mail clients open it for editing."""
    message = EmailMessage(policy=SMTP)
    message["Subject"] = header_text(subject)
    if sender:
        message["From"] = sender
    if to:
        message["To"] = ", ".join(to)
    if cc:
        message["Cc"] = ", ".join(cc)
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


__all__ = ["Address", "build_email", "header_text", "mailbox"]
