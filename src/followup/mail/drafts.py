"""``followup drafts``: every ``.eml`` draft of some notes, put into the user's Drafts folder over IMAP.

The drafts are rendered first (only what changed: the ``render`` pipeline into
OUT, ``-f eml``; the criteria-match email with its PDFs). Each upload carries
two headers of ours:

- ``X-Followup-Draft-Id``: derived from the notes file's path, the document and
  the interviewer, so the same draft gets the same id on every run;
- ``X-Followup-Content-Hash``: a hash of what the reader sees (Subject, To, Cc
  and the body, attachments included) as followup uploaded it.

A re-run finds the earlier upload by its id and:

- leaves it alone when it already holds exactly this draft (``unchanged``);
- replaces it when it is as followup uploaded it: the new one is appended with
  the ``\\Draft`` flag, read back and compared, and only then is the old one
  deleted and expunged by UID (``replaced``); a dropped connection leaves the
  old one in place, or at worst both, which the next run tidies;
- keeps it when its content no longer matches its hash, or the hash is missing:
  the user edited it in the mailbox (``kept``, reported like an edited output
  file; delete it there to upload again);
- keeps a look-alike without our id (same Subject and To), rather than adding a
  copy beside it: like a foreign file in OUT.
"""

from __future__ import annotations

import datetime
import email
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from email import policy
from email.message import Message
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from followup.errors import Problem, UserError
from followup.notes.profile import (
    MailSettings,
    find_profiles,
    mail_settings,
    read_profile,
)

if TYPE_CHECKING:
    from followup.mail.imap import Mailbox

DRAFT_ID_HEADER = "X-Followup-Draft-Id"
CONTENT_HASH_HEADER = "X-Followup-Content-Hash"
#: the headers whose text the content hash covers (with the body)
HASHED_HEADERS = ("Subject", "To", "Cc")

Status = Literal["would upload", "uploaded", "replaced", "unchanged", "kept", "failed"]


@dataclass(frozen=True)
class Draft:
    """One ``.eml`` ready to upload: where it came from, what the reader sees, and the bytes to append."""

    notes_path: Path
    path: Path
    document: str
    interviewer: str | None
    subject: str
    to: str
    attachments: tuple[str, ...]
    draft_id: str
    data: bytes
    date: datetime.datetime | None


@dataclass
class DraftResult:
    """What happened to one draft (or to one notes file that could not give its drafts)."""

    status: Status
    notes_path: Path
    draft: Draft | None = None
    reason: str | None = None

    def describe(self) -> str:
        """One line: ``uploaded criteria-match.eml to Jordan Lee <…>: "subject" (2 attachments)``."""
        if self.draft is None:
            return f"{self.status} {self.notes_path}: {self.reason}"
        draft = self.draft
        text = f"{self.status} {draft.path}"
        if self.reason:
            return f"{text}: {self.reason}"
        text += f" to {draft.to or '(no To: fill it in)'}: {draft.subject!r}"
        if draft.attachments:
            text += " with " + ", ".join(draft.attachments)
        return text


@dataclass
class DraftsRun:
    """Everything ``followup drafts`` did: one result per draft, where they went, and the error that stopped it."""

    results: list[DraftResult] = field(default_factory=list)
    destinations: list[str] = field(default_factory=list)
    errors: list[UserError] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.errors) or any(result.status == "failed" for result in self.results)


# --- the drafts ---------------------------------------------------------------------------------------------


def draft_id(notes_path: Path, document: str, interviewer: str | None) -> str:
    """The stable id of one draft: the notes file's absolute path, the document and the interviewer."""
    key = f"{Path(notes_path).resolve()}\0{document}\0{interviewer or ''}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _split(data: bytes) -> tuple[bytes, bytes]:
    normal = data.replace(b"\r\n", b"\n")
    head, _, body = normal.partition(b"\n\n")
    return head, body


def content_hash(data: bytes) -> str:
    """A hash of what the reader sees: the Subject, To and Cc (decoded) and the body, line endings normalised.

    Our own two headers are not part of it, so the hash of an upload can be checked against the upload itself.
    """
    head, body = _split(data)
    message = email.message_from_bytes(head + b"\n\n", policy=policy.default)
    digest = hashlib.sha256()
    for name in HASHED_HEADERS:
        digest.update(f"{name}: {' '.join(str(message.get(name, '')).split())}\n".encode())
    digest.update(body.rstrip(b"\n"))
    return digest.hexdigest()


def stamped(data: bytes, identifier: str) -> bytes:
    """``data`` with our id and content hash on top (CRLF, like the rest of the draft)."""
    return (f"{DRAFT_ID_HEADER}: {identifier}\r\n{CONTENT_HASH_HEADER}: {content_hash(data)}\r\n").encode() + data


def is_untouched(data: bytes) -> bool:
    """Whether a message in the mailbox is exactly as followup uploaded it (its content hash still holds)."""
    head, _ = _split(data)
    message = email.message_from_bytes(head + b"\n\n", policy=policy.default)
    recorded = message.get(CONTENT_HASH_HEADER)
    return recorded is not None and str(recorded).strip() == content_hash(data)


def _attachment_names(message: Message) -> tuple[str, ...]:
    return tuple(part.get_filename() or "attachment" for part in message.walk()
                 if part.get_content_disposition() == "attachment")


def read_draft(notes_path: Path, path: Path, document: str, interviewer: str | None) -> Draft:
    """The draft at ``path`` (an ``.eml`` followup rendered), stamped for upload."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UserError(Problem(f"cannot read the draft: {error.strerror or error}", file=path)) from None
    message = email.message_from_bytes(data, policy=policy.default)
    date = None
    if message.get("Date"):
        try:
            date = parsedate_to_datetime(str(message["Date"]))
        except (TypeError, ValueError):
            date = None
    identifier = draft_id(notes_path, document, interviewer)
    return Draft(notes_path=Path(notes_path), path=path, document=document, interviewer=interviewer,
                 subject=" ".join(str(message.get("Subject", "")).split()),
                 to=" ".join(str(message.get("To", "")).split()),
                 attachments=_attachment_names(message), draft_id=identifier,
                 data=stamped(data, identifier), date=date)


def collect_drafts(notes_paths: Iterable[Path], *, out: Path, templates_dir: Path | None = None,
                   cc_all: bool = False) -> tuple[list[Draft], list[DraftResult]]:
    """Render the ``.eml`` drafts of these notes into ``out`` (what changed only) and read them back.

    ``templates_dir`` and ``cc_all`` are ``render``'s ``--templates`` and ``--cc-all``.
    A notes file or draft that fails is a ``failed`` result; the others go on.
    """
    from followup.pipeline import render_notes

    drafts: list[Draft] = []
    failures: list[DraftResult] = []
    for notes_path in notes_paths:
        result = render_notes(Path(notes_path), out=out, formats=["eml"], templates_dir=templates_dir,
                              cc_all=cc_all)
        if result.error is not None:
            reason = "; ".join(str(problem) for problem in result.error.problems)
            failures.append(DraftResult("failed", Path(notes_path), reason=reason))
            continue
        for output in result.outputs:
            if output.format != "eml" or output.path is None:
                continue
            if output.status == "failed":
                failures.append(DraftResult("failed", Path(notes_path), reason=f"{output.path}: {output.reason}"))
                continue
            try:
                drafts.append(read_draft(Path(notes_path), output.path, output.document, output.interviewer))
            except UserError as error:
                failures.append(DraftResult("failed", Path(notes_path), reason=str(error.problems[0])))
    return drafts, failures


def settings_for(notes_path: Path) -> MailSettings | None:
    """The ``[mail]`` settings of the profiles that apply to ``notes_path``."""
    return mail_settings([read_profile(path) for path in find_profiles(notes_path)])


# --- the upload ---------------------------------------------------------------------------------------------


#: the header fields that tell our uploads (and drafts that look like them) apart
INDEX_FIELDS = (DRAFT_ID_HEADER, "Subject", "To")
FOREIGN_REASON = ("a draft with the same subject and recipient is already there, not uploaded by followup (or "
                  "edited without its marker); delete it there to upload this one")
EDITED_REASON = "edited in the mailbox since followup put it there; delete it there to upload this version"


def _field(head: bytes, name: str) -> str | None:
    value = email.message_from_bytes(head.replace(b"\r\n", b"\n").rstrip(b"\n") + b"\n\n",
                                     policy=policy.default).get(name)
    return None if value is None else " ".join(str(value).split())


def _ours(mailbox: Mailbox, draft: Draft) -> tuple[list[str], list[str]]:
    """The UIDs of this draft's earlier uploads, and of look-alikes without our id (same Subject and To)."""
    heads = mailbox.headers(INDEX_FIELDS)
    ours = [uid for uid, head in heads.items() if _field(head, DRAFT_ID_HEADER) == draft.draft_id]
    subject, to = _field(draft.data, "Subject"), _field(draft.data, "To")
    alike = [uid for uid, head in heads.items() if _field(head, DRAFT_ID_HEADER) is None
             and _field(head, "Subject") == subject and _field(head, "To") == to]
    return ours, alike


def _upload_one(mailbox: Mailbox, draft: Draft) -> DraftResult:
    uids, alike = _ours(mailbox, draft)
    if not uids and alike:
        return DraftResult("kept", draft.notes_path, draft, reason=FOREIGN_REASON)
    remote = [mailbox.fetch(uid) for uid in uids]
    if any(not is_untouched(item.data) for item in remote):
        return DraftResult("kept", draft.notes_path, draft, reason=EDITED_REASON)
    ours = _header(draft.data, CONTENT_HASH_HEADER)
    if len(remote) == 1 and _header(remote[0].data, CONTENT_HASH_HEADER) == ours:
        return DraftResult("unchanged", draft.notes_path, draft)
    uid = mailbox.append(draft.data, draft.date)
    if uid is None:  # a server without UIDPLUS: find it by its id
        fresh = [found for found in _ours(mailbox, draft)[0] if found not in uids]
        uid = fresh[-1] if fresh else None
    if uid is None or _normal(mailbox.fetch(uid).data) != _normal(draft.data) or "\\draft" not in mailbox.flags(uid):
        raise UserError(Problem(f"{mailbox.host} did not store {draft.path.name} as sent; nothing was replaced"))
    mailbox.delete(uids)
    return DraftResult("replaced" if remote else "uploaded", draft.notes_path, draft)


def _normal(data: bytes) -> bytes:
    return data.replace(b"\r\n", b"\n").rstrip(b"\n")


def _header(data: bytes, name: str) -> str | None:
    head, _ = _split(data)
    value = email.message_from_bytes(head + b"\n\n", policy=policy.default).get(name)
    return None if value is None else str(value).strip()


def upload(drafts: list[Draft], settings: MailSettings, password: str, *, folder: str | None = None) -> DraftsRun:
    """Put ``drafts`` into the Drafts folder of the account ``settings`` names (see the module docstring).

    The folder is ``folder`` (``--folder``), else ``drafts_folder``, else the one
    marked ``\\Drafts``, else ``Drafts``. Stops at the first server error, which is
    in ``errors``; the drafts done before it are in ``results``.
    """
    from followup.mail.imap import open_mailbox

    run = DraftsRun()
    try:
        mailbox = open_mailbox(settings.imap_host, settings.imap_port, settings.user, password)
    except UserError as error:
        run.errors.append(error)
        return run
    try:
        chosen = folder or settings.drafts_folder or mailbox.drafts_folder() or "Drafts"
        mailbox.select(chosen)
        run.destinations.append(f"{chosen} on {settings.imap_host}")
        for draft in drafts:
            run.results.append(_upload_one(mailbox, draft))
    except UserError as error:
        run.errors.append(error)
    finally:
        mailbox.close()
    return run


def send_drafts(notes_paths: Iterable[Path], *, out: Path, to_mailbox: bool = False, folder: str | None = None,
                password: Callable[[MailSettings], str] | None = None, templates_dir: Path | None = None,
                cc_all: bool = False) -> DraftsRun:
    """``followup drafts``: render the drafts, then list them (default) or upload them (``to_mailbox``).

    Notes files whose profiles name different ``[mail]`` accounts go to each their own.
    ``password`` gives the password of an account (default: :func:`followup.mail.password.imap_password`).
    """
    paths = [Path(path) for path in notes_paths]
    drafts, failures = collect_drafts(paths, out=out, templates_dir=templates_dir, cc_all=cc_all)
    run = DraftsRun(results=list(failures))
    accounts: dict[MailSettings | None, list[Draft]] = {}
    for draft in drafts:
        try:
            settings = settings_for(draft.notes_path)
        except UserError as error:
            run.errors.append(error)
            continue
        accounts.setdefault(settings, []).append(draft)
    for settings, group in accounts.items():
        if not to_mailbox:
            where = folder or (settings.drafts_folder if settings else None) or "the \\Drafts folder"
            run.destinations.append(f"{where} on {settings.imap_host}" if settings else
                                    "nowhere yet: add [mail] to profile.toml (see followup drafts --help)")
            run.results.extend(DraftResult("would upload", draft.notes_path, draft) for draft in group)
            continue
        if settings is None:
            run.errors.append(UserError(Problem(
                "no [mail] in a profile.toml for " + ", ".join(sorted({str(d.notes_path) for d in group})),
                hint="add [mail] with imap_host and user to profile.toml beside the notes")))
            continue
        try:
            if password is None:
                from followup.mail.password import imap_password

                secret = imap_password(settings.user, settings.imap_host)
            else:
                secret = password(settings)
        except UserError as error:
            run.errors.append(error)
            continue
        done = upload(group, settings, secret, folder=folder)
        run.results.extend(done.results)
        run.destinations.extend(done.destinations)
        run.errors.extend(done.errors)
    return run


__all__ = ["CONTENT_HASH_HEADER", "DRAFT_ID_HEADER", "Draft", "DraftResult", "DraftsRun", "collect_drafts",
           "content_hash", "draft_id", "is_untouched", "read_draft", "send_drafts", "stamped", "upload"]
