"""The IMAP password: from the environment, the system keyring, or a prompt; never from a file.

In this order:

1. ``FOLLOWUP_IMAP_PASSWORD`` (for scripts and CI; an app password for Gmail or iCloud);
2. the system keyring, when the ``keyring`` package is importable (it is not a
   dependency of followup): service ``followup-imap``, user name ``user@host``
   (``keyring set followup-imap dana@gmail.com@imap.gmail.com`` stores it);
3. a prompt, when standard input is a terminal.

The password is handed to the IMAP login and nowhere else: it is never written,
printed, logged or put into an error message.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from followup.errors import Problem, UserError

PASSWORD_ENV = "FOLLOWUP_IMAP_PASSWORD"
KEYRING_SERVICE = "followup-imap"


def keyring_name(user: str, host: str) -> str:
    """The keyring user name of an account: ``user@host``."""
    return f"{user}@{host}"


def _from_keyring(user: str, host: str) -> str | None:
    try:
        import keyring  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return None
    try:
        value = keyring.get_password(KEYRING_SERVICE, keyring_name(user, host))
    except Exception:  # noqa: BLE001 - a broken or locked keyring backend: fall through to the prompt
        return None
    return value if isinstance(value, str) and value else None


def imap_password(user: str, host: str, *, prompt: Callable[[str], str] | None = None,
                  interactive: bool | None = None) -> str:
    """The password of ``user`` on ``host``; a :class:`UserError` saying how to give one when there is none."""
    value = os.environ.get(PASSWORD_ENV)
    if value:
        return value
    value = _from_keyring(user, host)
    if value:
        return value
    if interactive is None:
        interactive = sys.stdin is not None and sys.stdin.isatty()
    if interactive:
        if prompt is None:
            import getpass

            prompt = getpass.getpass
        value = prompt(f"IMAP password for {user} on {host}: ")
        if value:
            return value
    raise UserError(Problem(
        f"no IMAP password for {user} on {host}",
        hint=f"set {PASSWORD_ENV}, store it in the keyring (service {KEYRING_SERVICE}, user "
             f"{keyring_name(user, host)}) or run on a terminal to be asked",
    ))


__all__ = ["KEYRING_SERVICE", "PASSWORD_ENV", "imap_password", "keyring_name"]
