"""What counts as an email address: one rule for the notes model and the email drafts.

An address is refused, never cleaned into a different one: a space, a line
break, a quote or a second @ in it is a mistake the user must see (and a
header-injection attempt must not become a working header).
"""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_LOCAL_PART = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+")
_DOMAIN_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
MAX_ADDRESS_LENGTH = 254


def ascii_address(address: str) -> str:
    """``address`` as a plain ASCII ``local@domain`` (the domain in its xn-- form); ValueError says why not."""
    stripped = address.strip()
    if not stripped:
        raise ValueError("it is empty")
    if _CONTROL.search(stripped) or re.search(r"\s", stripped):
        raise ValueError("it has a space, a line break or a control character inside")
    if stripped.count("@") != 1:
        raise ValueError("it needs exactly one @")
    local, domain = stripped.split("@")
    if not _LOCAL_PART.fullmatch(local) or local.startswith(".") or local.endswith(".") or ".." in local:
        raise ValueError("the part before @ may use only ASCII letters, digits and . _ % + - and the like")
    try:
        ascii_domain = domain.rstrip(".").encode("idna").decode("ascii") if domain else ""
    except UnicodeError:
        raise ValueError("the part after @ is not a domain name") from None
    labels = ascii_domain.split(".")
    if len(labels) < 2 or not all(_DOMAIN_LABEL.fullmatch(label) for label in labels):
        raise ValueError("the part after @ is not a domain name like example.com")
    result = f"{local}@{ascii_domain}"
    if len(result) > MAX_ADDRESS_LENGTH:
        raise ValueError("it is too long")
    return result
