"""``followup drafts --to-mailbox`` against a real Dovecot (tests/mail/dovecot.py), read back with imaplib."""

from __future__ import annotations

import email
import imaplib
import os
import select
import socket
import ssl
import subprocess
import sys
import threading
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from dovecot import Dovecot
from mail_support import EXAMPLE, mail_profile, write_minimal

from followup.errors import UserError
from followup.mail.drafts import (
    CONTENT_HASH_HEADER,
    DRAFT_ID_HEADER,
    DraftsRun,
    send_drafts,
)
from followup.mail.imap import CAFILE_ENV, encode_mailbox, open_mailbox, quote
from followup.mail.password import PASSWORD_ENV


def read_folder(server: Dovecot, folder: str) -> list[tuple[set[str], bytes]]:
    """Every message of ``folder`` with its flags, read with plain imaplib (not followup's client)."""
    context = ssl.create_default_context(cafile=str(server.cafile))
    connection = imaplib.IMAP4_SSL(server.host, server.tls_port, ssl_context=context)
    try:
        token = f"\0{server.user}\0{server.password}".encode()
        connection.authenticate("PLAIN", lambda _: token)
        status, _ = connection.select(quote(encode_mailbox(folder)))
        assert status == "OK", folder
        _, data = connection.uid("SEARCH", "ALL")
        found = []
        for uid in data[0].split():
            _, parts = connection.uid("FETCH", uid, "(FLAGS BODY.PEEK[])")
            head, body = parts[0]
            flags_text = head.decode() + b"".join(p for p in parts[1:] if isinstance(p, bytes)).decode()
            flags = set(flags_text.split("FLAGS (")[1].split(")")[0].split())
            found.append((flags, body))
        return found
    finally:
        connection.logout()


def parse(data: bytes) -> EmailMessage:
    message = email.message_from_bytes(data, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def upload(notes: Path, out: Path, **options: object) -> DraftsRun:
    return send_drafts([notes], out=out, to_mailbox=True, **options)  # type: ignore[arg-type]


def statuses(run: DraftsRun) -> list[str]:
    return [result.status for result in run.results]


def test_every_draft_lands_in_drafts_with_the_draft_flag_and_its_attachments(dovecot: Dovecot,
                                                                             tmp_path: Path) -> None:
    notes = tmp_path / "notes" / "acme.toml"
    notes.parent.mkdir()
    notes.write_bytes(EXAMPLE.read_bytes())
    (notes.parent / "profile.toml").write_text(mail_profile(dovecot), encoding="utf-8")
    run = upload(notes, tmp_path / "out")
    assert not run.errors, run.errors
    assert statuses(run) == ["uploaded"] * 4  # three thank-you letters and the criteria-match email
    stored = read_folder(dovecot, "Drafts")
    assert len(stored) == 4
    assert all({"\\Draft", "\\Seen"} <= flags for flags, _ in stored)
    assert read_folder(dovecot, "INBOX") == []
    by_name = {result.draft.path.name: result.draft for result in run.results if result.draft}
    criteria = next(parse(data) for _, data in stored if b"how I match" in data)
    pdfs = {part.get_filename(): part.get_payload(decode=True) for part in criteria.iter_attachments()}
    folder = by_name["criteria-match.eml"].path.parent
    assert pdfs == {"Territory plan – New England – Dana Whitfield.pdf": (folder / "territory-plan.pdf").read_bytes(),
                    "Process ideas – Acme Robotics – Dana Whitfield.pdf": (folder / "process-ideas.pdf").read_bytes()}
    assert criteria[DRAFT_ID_HEADER] == by_name["criteria-match.eml"].draft_id
    assert run.destinations == [f"Drafts on {dovecot.host}"]


@pytest.mark.parametrize("dovecot", ["Entwürfe"], indirect=True)
def test_the_drafts_folder_is_found_by_its_special_use(dovecot: Dovecot, tmp_path: Path) -> None:
    notes = write_minimal(tmp_path / "notes", mail_profile(dovecot))
    run = upload(notes, tmp_path / "out")
    assert not run.errors, run.errors
    assert run.destinations == [f"Entwürfe on {dovecot.host}"]
    assert len(read_folder(dovecot, "Entwürfe")) == len(run.results) == 2
    with pytest.raises(AssertionError):
        read_folder(dovecot, "Drafts")  # there is no folder of that name: the \Drafts attribute found it


def test_a_rerun_replaces_the_earlier_upload_instead_of_adding_a_copy(dovecot: Dovecot, tmp_path: Path) -> None:
    notes = write_minimal(tmp_path / "notes", mail_profile(dovecot))
    out = tmp_path / "out"
    assert statuses(upload(notes, out)) == ["uploaded", "uploaded"]
    assert statuses(upload(notes, out)) == ["unchanged", "unchanged"]
    write_minimal(tmp_path / "notes", mail_profile(dovecot), title="Senior Account Executive")
    again = upload(notes, out)
    assert not again.errors, again.errors
    assert statuses(again) == ["replaced", "replaced"]
    stored = read_folder(dovecot, "Drafts")
    assert len(stored) == 2
    assert all(b"Senior Account Executive" in data for _, data in stored)
    assert all("\\Draft" in flags for flags, _ in stored)


def test_a_draft_edited_in_the_mailbox_is_kept_and_reported(dovecot: Dovecot, tmp_path: Path) -> None:
    notes = write_minimal(tmp_path / "notes", mail_profile(dovecot))
    out = tmp_path / "out"
    upload(notes, out)
    # The user edits the letter in their mail client: it saves a new message (keeping our headers) and
    # removes the old one.
    mailbox = open_mailbox(dovecot.host, dovecot.tls_port, dovecot.user, dovecot.password)
    try:
        mailbox.select("Drafts")
        letter = next(mailbox.fetch(uid) for uid, head in mailbox.headers(["Subject"]).items()
                      if b"Thank you" in head)
        edited = letter.data.replace(b"Dear ", b"Hello again, dear ", 1)
        assert edited != letter.data
        mailbox.append(edited, None)
        mailbox.delete([letter.uid])
    finally:
        mailbox.close()
    write_minimal(tmp_path / "notes", mail_profile(dovecot), title="Senior Account Executive")
    run = upload(notes, out)
    by_document = {result.draft.document: result for result in run.results if result.draft}
    assert by_document["thank-you-letter"].status == "kept"
    assert "edited in the mailbox" in (by_document["thank-you-letter"].reason or "")
    assert by_document["criteria-match"].status == "replaced"
    stored = [data for _, data in read_folder(dovecot, "Drafts")]
    assert len(stored) == 2
    assert edited.replace(b"\r\n", b"\n") in [data.replace(b"\r\n", b"\n") for data in stored]


def test_a_draft_without_our_content_hash_counts_as_edited(dovecot: Dovecot, tmp_path: Path) -> None:
    notes = write_minimal(tmp_path / "notes", mail_profile(dovecot))
    out = tmp_path / "out"
    upload(notes, out)
    mailbox = open_mailbox(dovecot.host, dovecot.tls_port, dovecot.user, dovecot.password)
    try:
        mailbox.select("Drafts")
        for uid in mailbox.headers([DRAFT_ID_HEADER]):
            data = mailbox.fetch(uid).data
            lines = [line for line in data.split(b"\r\n") if not line.startswith(CONTENT_HASH_HEADER.encode())]
            mailbox.append(b"\r\n".join(lines), None)
            mailbox.delete([uid])
    finally:
        mailbox.close()
    assert statuses(upload(notes, out)) == ["kept", "kept"]
    assert len(read_folder(dovecot, "Drafts")) == 2


def test_a_look_alike_draft_followup_did_not_upload_is_kept(dovecot: Dovecot, tmp_path: Path) -> None:
    """The user opened the .eml in a desktop client and saved it as a draft (or a client dropped our headers)."""
    notes = write_minimal(tmp_path / "notes", mail_profile(dovecot))
    out = tmp_path / "out"
    listed = send_drafts([notes], out=out)
    letter = next(result.draft for result in listed.results
                  if result.draft and result.draft.document == "thank-you-letter")
    mailbox = open_mailbox(dovecot.host, dovecot.tls_port, dovecot.user, dovecot.password)
    try:
        mailbox.select("Drafts")
        mailbox.append(letter.path.read_bytes(), None)  # the .eml as it is in OUT: none of our headers
    finally:
        mailbox.close()
    run = upload(notes, out)
    by_document = {result.draft.document: result for result in run.results if result.draft}
    assert by_document["thank-you-letter"].status == "kept"
    assert "not uploaded by followup" in (by_document["thank-you-letter"].reason or "")
    assert by_document["criteria-match"].status == "uploaded"
    assert len(read_folder(dovecot, "Drafts")) == 2


def test_a_wrong_password_is_one_clear_line(dovecot: Dovecot, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    notes = write_minimal(tmp_path / "notes", mail_profile(dovecot))
    monkeypatch.setenv(PASSWORD_ENV, "not the password")
    run = upload(notes, tmp_path / "out")
    assert run.failed and len(run.errors) == 1
    (problem,) = run.errors[0].problems
    assert str(problem).startswith(f"{dovecot.host} refused the login of {dovecot.user}: wrong user name or password")
    assert "not the password" not in str(problem)
    assert read_folder(dovecot, "Drafts") == []


def test_a_missing_folder_is_one_clear_line(dovecot: Dovecot, tmp_path: Path) -> None:
    notes = write_minimal(tmp_path / "notes", mail_profile(dovecot, drafts_folder="Brouillons"))
    run = upload(notes, tmp_path / "out")
    assert [str(problem) for error in run.errors for problem in error.problems] == [
        (f"there is no folder 'Brouillons' on {dovecot.host} (set drafts_folder in [mail] or pass --folder; "
         "its folders: Drafts, INBOX, Sent)")]


def test_an_unreachable_server_is_one_clear_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # nothing listens here once the socket is closed
    notes = write_minimal(tmp_path / "notes", f'[mail]\nimap_host = "127.0.0.1"\nimap_port = {port}\nuser = "x"\n')
    monkeypatch.setenv(PASSWORD_ENV, "secret")
    run = upload(notes, tmp_path / "out")
    (problem,) = [problem for error in run.errors for problem in error.problems]
    assert str(problem).startswith(f"cannot reach 127.0.0.1:{port}: Connection refused")


class CuttingProxy:
    """Forwards one connection to ``port`` and cuts both sides once the client has sent ``cut_after`` bytes."""

    def __init__(self, port: int, cut_after: int) -> None:
        self.port, self.cut_after = port, cut_after
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.address = self.listener.getsockname()
        self.cut = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        client, _ = self.listener.accept()
        server = socket.create_connection(("127.0.0.1", self.port))
        sent = 0
        try:
            while not self.cut.is_set():
                readable, _, _ = select.select([client, server], [], [], 5)
                if not readable:
                    break
                for sock in readable:
                    data = sock.recv(4096)
                    if not data:
                        return
                    if sock is client:
                        if sent + len(data) > self.cut_after:
                            server.sendall(data[: self.cut_after - sent])
                            self.cut.set()
                            break
                        sent += len(data)
                        server.sendall(data)
                    else:
                        client.sendall(data)
        finally:
            for sock in (client, server, self.listener):
                sock.close()


def test_a_connection_dropped_mid_upload_is_one_clear_line_and_leaves_nothing_half_uploaded(
        dovecot: Dovecot, tmp_path: Path) -> None:
    notes = tmp_path / "notes" / "acme.toml"
    notes.parent.mkdir()
    notes.write_bytes(EXAMPLE.read_bytes())
    out = tmp_path / "out"
    # The criteria-match email (its PDFs: ~150 kB) is the last draft; cut inside it.
    proxy = CuttingProxy(dovecot.tls_port, cut_after=60_000)
    (notes.parent / "profile.toml").write_text(mail_profile(dovecot, port=proxy.address[1]), encoding="utf-8")
    run = upload(notes, out)
    assert proxy.cut.is_set()
    (problem,) = [problem for error in run.errors for problem in error.problems]
    assert str(problem).startswith(f"the connection to {dovecot.host} dropped while uploading a draft")
    stored = read_folder(dovecot, "Drafts")
    uploaded = [result.draft for result in run.results if result.status == "uploaded" and result.draft]
    assert len(stored) == len(uploaded) == 3, "the letters went; the email was not half-stored"
    assert all(b"how I match" not in data for _, data in stored)
    # Run again without the proxy: the rest goes up, nothing twice.
    (notes.parent / "profile.toml").write_text(mail_profile(dovecot), encoding="utf-8")
    again = upload(notes, out)
    assert sorted(statuses(again)) == ["unchanged", "unchanged", "unchanged", "uploaded"]
    assert len(read_folder(dovecot, "Drafts")) == 4


def test_starttls_on_a_port_that_greets_in_plain_text(dovecot: Dovecot, tmp_path: Path) -> None:
    notes = write_minimal(tmp_path / "notes", mail_profile(dovecot, port=dovecot.starttls_port))
    run = upload(notes, tmp_path / "out")
    assert not run.errors, run.errors
    assert statuses(run) == ["uploaded", "uploaded"]


def test_a_certificate_the_client_does_not_trust_is_refused(dovecot: Dovecot, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(CAFILE_ENV)
    for port in (dovecot.tls_port, dovecot.starttls_port):
        with pytest.raises(UserError) as caught:
            open_mailbox(dovecot.host, port, dovecot.user, dovecot.password)
        message = str(caught.value)
        assert message.startswith(f"the certificate of {dovecot.host} is not trusted"), message
        assert dovecot.password not in message


def test_the_command_never_shows_the_password(dovecot: Dovecot, tmp_path: Path) -> None:
    notes = write_minimal(tmp_path / "notes", mail_profile(dovecot))
    environment = dict(os.environ, **{CAFILE_ENV: str(dovecot.cafile)})
    outputs = []
    for password in (dovecot.password, "a wrong password ünïcode"):
        environment[PASSWORD_ENV] = password
        for arguments in (["--to-mailbox"], []):
            done = subprocess.run([sys.executable, "-m", "followup", "drafts", str(notes), "-o",
                                   str(tmp_path / "out"), *arguments], check=False, capture_output=True,
                                  text=True,
                                  env=environment, timeout=120)
            outputs.append((password, arguments, done))
    for password, _, done in outputs:
        assert password not in done.stdout + done.stderr
        assert "Traceback" not in done.stderr
    ok, wrong = outputs[0][2], outputs[2][2]
    assert ok.returncode == 0 and "uploaded" in ok.stdout, ok.stderr
    assert wrong.returncode == 1
    assert wrong.stderr.strip().splitlines() == [
        (f"{dovecot.host} refused the login of {dovecot.user}: wrong user name or password "
         "(Gmail and iCloud need an app password, not your account password)")]
    listed = outputs[1][2]
    assert listed.returncode == 0 and listed.stdout.count("would upload") == 2
