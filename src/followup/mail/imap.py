"""An IMAP mailbox, just enough of it to put drafts into: connect safely, find Drafts, append, replace.

Security, whatever the profile says:

- port 993: TLS from the first byte; port 143: STARTTLS, required; any other
  port: TLS, else STARTTLS when the server greets in plain text. The certificate
  is verified against the system's trusted certificates (Python's default SSL
  context: chain and host name). ``FOLLOWUP_IMAP_CAFILE`` names a CA file to trust
  instead; it exists for the tests' throwaway server and nothing else uses it.
- Plain IMAP (no TLS at all) only to a loopback address (``127.0.0.1``, ``::1``,
  ``localhost``): a local bridge or test server; never over a network.
- The password goes to ``AUTHENTICATE PLAIN`` (UTF-8) or ``LOGIN`` and nowhere
  else; no error message includes it or the server's reply to it.

Every failure is a :class:`~followup.errors.UserError` of one line: the server
cannot be reached, its certificate is not trusted, the login is refused, the
folder does not exist, the connection dropped.
"""

from __future__ import annotations

import contextlib
import datetime
import imaplib
import ipaddress
import os
import re
import socket
import ssl
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from followup.errors import Problem, UserError

CAFILE_ENV = "FOLLOWUP_IMAP_CAFILE"
TIMEOUT = 30.0
TLS_PORT, STARTTLS_PORT = 993, 143

# --- names ----------------------------------------------------------------------------------------------------


def is_loopback(host: str) -> bool:
    """Whether ``host`` is this computer: ``localhost`` or a loopback IP address (never resolved by DNS)."""
    if host.lower().rstrip(".") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def encode_mailbox(name: str) -> str:
    """``name`` in IMAP's modified UTF-7 (RFC 3501 5.1.3): ``Entwürfe`` -> ``Entw&APw-rfe``."""
    import base64

    result: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            encoded = base64.b64encode("".join(pending).encode("utf-16-be")).decode("ascii").rstrip("=")
            result.append("&" + encoded.replace("/", ",") + "-")
            pending.clear()

    for character in name:
        if 0x20 <= ord(character) <= 0x7E:
            flush()
            result.append("&-" if character == "&" else character)
        else:
            pending.append(character)
    flush()
    return "".join(result)


def decode_mailbox(name: str) -> str:
    """The readable name of a mailbox given in modified UTF-7 (the reverse of :func:`encode_mailbox`)."""
    import base64

    def decode(match: re.Match[str]) -> str:
        body = match.group(1)
        if not body:
            return "&"
        data = body.replace(",", "/")
        data += "=" * (-len(data) % 4)
        try:
            return base64.b64decode(data).decode("utf-16-be")
        except (ValueError, UnicodeDecodeError):
            return match.group(0)

    return re.sub(r"&([A-Za-z0-9+,]*)-", decode, name)


def quote(text: str) -> str:
    """An IMAP quoted string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


_LIST = re.compile(rb'^\((?P<flags>[^)]*)\)\s+(?P<delimiter>NIL|"(?:[^"\\]|\\.)*")\s+(?P<name>.*)$', re.IGNORECASE)


def parse_list(lines: list[object]) -> list[tuple[set[str], str]]:
    """``(flags, name)`` of each ``LIST`` response line (names decoded; flags as written, e.g. ``\\Drafts``)."""
    folders: list[tuple[set[str], str]] = []
    for item in lines:
        literal: bytes | None = None
        if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], bytes):
            line, literal = item[0], item[1] if isinstance(item[1], bytes) else None
        elif isinstance(item, bytes):
            line = item
        else:
            continue
        match = _LIST.match(line.strip())
        if match is None:
            continue
        flags = {flag.decode("ascii", "replace").lower() for flag in match.group("flags").split()}
        raw = match.group("name").strip()
        if literal is not None and raw.startswith(b"{"):
            raw = literal
        elif raw.startswith(b'"') and raw.endswith(b'"'):
            raw = re.sub(rb"\\(.)", rb"\1", raw[1:-1])
        folders.append((flags, decode_mailbox(raw.decode("utf-8", "replace"))))
    return folders


# --- the connection -------------------------------------------------------------------------------------------


def tls_context() -> ssl.SSLContext:
    """Python's default client context (certificate and host name verified); ``FOLLOWUP_IMAP_CAFILE`` for tests."""
    cafile = os.environ.get(CAFILE_ENV) or None
    return ssl.create_default_context(cafile=cafile)


_PLAINTEXT_REPLY = ("WRONG_VERSION_NUMBER", "RECORD_LAYER_FAILURE", "UNKNOWN_PROTOCOL", "PACKET_LENGTH_TOO_LONG")


def _fail(message: str, hint: str | None = None) -> UserError:
    return UserError(Problem(message, hint=hint))


@dataclass(frozen=True)
class Remote:
    """A message in the folder: its UID and its bytes as the server holds them."""

    uid: str
    data: bytes


class Mailbox:
    """One logged-in IMAP connection. Use :func:`open_mailbox`; every method raises only :class:`UserError`."""

    def __init__(self, connection: imaplib.IMAP4, host: str) -> None:
        self.connection = connection
        self.host = host
        self.folder: str | None = None

    @contextlib.contextmanager
    def _talking(self, doing: str) -> Iterator[None]:
        """Server trouble while ``doing`` something, as one line."""
        try:
            yield
        except UserError:
            raise
        except imaplib.IMAP4.abort:
            raise _fail(f"the connection to {self.host} dropped while {doing}",
                        "nothing was replaced; run again to finish") from None
        except (OSError, EOFError) as error:
            reason = getattr(error, "strerror", None) or type(error).__name__
            raise _fail(f"the connection to {self.host} dropped while {doing} ({reason})",
                        "nothing was replaced; run again to finish") from None
        except imaplib.IMAP4.error as error:
            raise _fail(f"{self.host} refused {doing}: {_server_text(error)}") from None

    def _ok(self, reply: tuple[str, Sequence[object] | None], doing: str) -> list[object]:
        status, data = reply
        if status != "OK":
            raise _fail(f"{self.host} refused {doing}: {_server_text(data)}")
        return list(data or [])

    def folders(self) -> list[tuple[set[str], str]]:
        """Every folder with its attributes (``LIST "" "*"``)."""
        with self._talking("listing its folders"):
            return parse_list(self._ok(self.connection.list('""', '"*"'), "listing its folders"))

    def drafts_folder(self) -> str | None:
        """The folder marked ``\\Drafts`` (RFC 6154 special use), or None."""
        return next((name for flags, name in self.folders() if "\\drafts" in flags), None)

    def select(self, folder: str) -> None:
        """Open ``folder`` for reading and writing; a missing folder is a :class:`UserError`."""
        with self._talking(f"opening the folder {folder!r}"):
            status, _ = self.connection.select(quote(encode_mailbox(folder)))
        if status != "OK":
            known = ", ".join(sorted(name for _, name in self.folders())) or "none"
            raise _fail(f"there is no folder {folder!r} on {self.host}",
                        f"set drafts_folder in [mail] or pass --folder; its folders: {known}")
        self.folder = folder

    def headers(self, fields: Sequence[str]) -> dict[str, bytes]:
        """Some header fields of every message in the open folder, by UID (one ``UID FETCH 1:*``).

        Read here and matched by the caller rather than with ``SEARCH HEADER``, which
        servers implement unevenly (substring matches, or not for every header).
        """
        request = f"(UID BODY.PEEK[HEADER.FIELDS ({' '.join(fields)})])"
        with self._talking("reading the folder"):
            data = self._ok(self.connection.uid("FETCH", "1:*", request), "reading the folder")
        found: dict[str, bytes] = {}
        for index, item in enumerate(data):
            if not (isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], bytes)):
                continue
            after = data[index + 1] if index + 1 < len(data) else b""
            text = bytes(item[0]) + b" " + (after if isinstance(after, bytes) else b"")
            match = re.search(rb"UID (\d+)", text, re.IGNORECASE)
            if match:
                found[match.group(1).decode("ascii")] = item[1]
        return found

    def fetch(self, uid: str) -> Remote:
        """The full bytes of the message ``uid`` (without marking it seen)."""
        with self._talking("reading a draft back"):
            data = self._ok(self.connection.uid("FETCH", uid, "(BODY.PEEK[])"), "reading a draft back")
        for item in data:
            if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], bytes):
                return Remote(uid, item[1])
        raise _fail(f"{self.host} did not return the draft it holds as UID {uid}")

    def flags(self, uid: str) -> set[str]:
        """The flags of message ``uid``, lower case (``\\draft``)."""
        with self._talking("reading a draft's flags"):
            data = self._ok(self.connection.uid("FETCH", uid, "(FLAGS)"), "reading a draft's flags")
        text = b" ".join(item for item in data if isinstance(item, bytes)).decode("ascii", "replace")
        match = re.search(r"FLAGS \(([^)]*)\)", text, re.IGNORECASE)
        return {flag.lower() for flag in match.group(1).split()} if match else set()

    def append(self, data: bytes, when: datetime.datetime | None) -> str | None:
        """Put ``data`` into the open folder flagged ``\\Draft`` and ``\\Seen`` (the user's own words, not new
        mail, as clients save drafts); its new UID when the server says it."""
        assert self.folder is not None, "select a folder first"
        moment = imaplib.Time2Internaldate(when) if when is not None else None
        with self._talking("uploading a draft"):
            reply = self._ok(self.connection.append(quote(encode_mailbox(self.folder)), r"(\Draft \Seen)", moment,
                                                    data),
                             "the draft")
        text = b" ".join(item for item in reply if isinstance(item, bytes)).decode("ascii", "replace")
        match = re.search(r"APPENDUID \d+ (\d+)", text, re.IGNORECASE)
        return match.group(1) if match else None

    def delete(self, uids: list[str]) -> None:
        """Remove the messages ``uids`` for good: ``\\Deleted``, then ``UID EXPUNGE`` of exactly these.

        Without UIDPLUS a plain EXPUNGE would also remove what the user marked
        deleted; then it runs only when nothing else in the folder is marked.
        """
        if not uids:
            return
        uid_set = ",".join(uids)
        with self._talking("removing the earlier upload"):
            self._ok(self.connection.uid("STORE", uid_set, "+FLAGS.SILENT", r"(\Deleted)"),
                     "removing the earlier upload")
            if "UIDPLUS" in self.connection.capabilities:
                self._ok(self.connection.uid("EXPUNGE", uid_set), "removing the earlier upload")
                return
            marked = self._ok(self.connection.uid("SEARCH", "DELETED"), "removing the earlier upload")
            others = {uid for item in marked if isinstance(item, bytes) for uid in item.decode().split()} - set(uids)
            if not others:
                self._ok(self.connection.expunge(), "removing the earlier upload")

    def close(self) -> None:
        """Log out; a connection that is already gone is fine."""
        with contextlib.suppress(Exception):
            self.connection.logout()


def _server_text(error: object) -> str:
    """The server's words, without anything the client sent (imaplib's messages quote only the reply)."""
    if isinstance(error, (list, tuple)):
        error = b" ".join(item for item in error if isinstance(item, bytes))
    if isinstance(error, BaseException):
        error = error.args[0] if error.args else ""
    if isinstance(error, bytes):
        error = error.decode("utf-8", "replace")
    text = " ".join(str(error).split())
    return text[:200] or "no reason given"


def _connect(host: str, port: int, timeout: float) -> imaplib.IMAP4:
    context = tls_context()
    if port == STARTTLS_PORT:
        return _starttls(host, port, context, timeout)
    try:
        return imaplib.IMAP4_SSL(host, port, ssl_context=context, timeout=timeout)
    except ssl.SSLCertVerificationError:
        raise
    except ssl.SSLError as error:
        if port != TLS_PORT and (error.reason or "") in _PLAINTEXT_REPLY:
            return _starttls(host, port, context, timeout)
        raise


def _starttls(host: str, port: int, context: ssl.SSLContext, timeout: float) -> imaplib.IMAP4:
    connection = imaplib.IMAP4(host, port, timeout=timeout)
    if "STARTTLS" in connection.capabilities:
        connection.starttls(ssl_context=context)
        return connection
    if is_loopback(host):
        return connection
    with contextlib.suppress(Exception):
        connection.shutdown()
    raise _fail(f"{host}:{port} offers no TLS (STARTTLS)",
                "followup sends your password only over TLS, or in plain text to this computer only")


def open_mailbox(host: str, port: int, user: str, password: str, *, timeout: float = TIMEOUT) -> Mailbox:
    """A logged-in :class:`Mailbox` on ``host:port``; one clear :class:`UserError` for each way it can fail."""
    try:
        connection = _connect(host, port, timeout)
    except UserError:
        raise
    except ssl.SSLCertVerificationError as error:
        raise _fail(f"the certificate of {host} is not trusted ({error.verify_message})",
                    "followup does not send your password to a server it cannot verify") from None
    except ssl.SSLError as error:
        raise _fail(f"cannot talk TLS with {host}:{port} ({error.reason or error})") from None
    except socket.gaierror:
        raise _fail(f"cannot find the IMAP server {host}", "check imap_host in [mail]") from None
    except TimeoutError:
        raise _fail(f"cannot reach {host}:{port}: no answer in {timeout:.0f} s") from None
    except (OSError, EOFError, imaplib.IMAP4.error) as error:
        reason = getattr(error, "strerror", None) or _server_text(error)
        raise _fail(f"cannot reach {host}:{port}: {reason}", "check imap_host and imap_port in [mail]") from None
    mailbox = Mailbox(connection, host)
    try:
        _login(connection, user, password)
    except imaplib.IMAP4.abort:
        mailbox.close()
        raise _fail(f"the connection to {host} dropped while logging in") from None
    except (imaplib.IMAP4.error, UnicodeEncodeError):
        mailbox.close()
        raise _fail(f"{host} refused the login of {user}: wrong user name or password",
                    "Gmail and iCloud need an app password, not your account password") from None
    except OSError as error:
        mailbox.close()
        raise _fail(f"the connection to {host} dropped while logging in ({error.strerror or type(error).__name__})") \
            from None
    return mailbox


def _login(connection: imaplib.IMAP4, user: str, password: str) -> None:
    """``AUTHENTICATE PLAIN`` (any characters) when offered, else ``LOGIN`` (ASCII only)."""
    if "AUTH=PLAIN" in connection.capabilities:
        token = f"\0{user}\0{password}".encode()
        connection.authenticate("PLAIN", lambda _challenge: token)
    else:
        connection.login(user, password)


__all__ = ["CAFILE_ENV", "Mailbox", "Remote", "decode_mailbox", "encode_mailbox", "is_loopback", "open_mailbox",
           "parse_list", "quote", "tls_context"]
