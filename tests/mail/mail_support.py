"""Fixtures of the mail tests: notes with a [mail] profile, and a real Dovecot started for a test."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from dovecot import Dovecot, dovecot_binary, dovecot_version

from followup.mail.imap import CAFILE_ENV
from followup.mail.password import PASSWORD_ENV

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "acme-robotics.toml"
MINIMAL = ROOT / "examples" / "minimal"

MATCH = """
[[match]]
criterion = "5+ years closing SaaS deals"
evidence = "Seven years closing mid-market SaaS"
proof = "President's Club 2024"
"""


def mail_profile(server: Dovecot | None, *, port: int | None = None, drafts_folder: str | None = None) -> str:
    if server is None:
        return '[mail]\nimap_host = "imap.example.com"\nuser = "sam.rivera@example.com"\n'
    text = f'[mail]\nimap_host = "{server.host}"\nimap_port = {port or server.tls_port}\nuser = "{server.user}"\n'
    if drafts_folder:
        text += f'drafts_folder = "{drafts_folder}"\n'
    return text


def write_minimal(folder: Path, profile_extra: str = "", title: str | None = None) -> Path:
    """examples/minimal (a thank-you letter and a criteria-match email without attachments) with ``[mail]``."""
    folder.mkdir(parents=True, exist_ok=True)
    notes = (MINIMAL / "northwind.toml").read_text(encoding="utf-8") + MATCH
    if title:
        notes = notes.replace('title = "Account Executive"', f'title = "{title}"')
    (folder / "northwind.toml").write_text(notes, encoding="utf-8")
    profile = (MINIMAL / "profile.toml").read_text(encoding="utf-8")
    (folder / "profile.toml").write_text(profile + "\n" + profile_extra, encoding="utf-8")
    return folder / "northwind.toml"


def start_dovecot(folder: str = "Drafts") -> Dovecot:
    if dovecot_binary() is None:
        pytest.skip("dovecot is not installed (apt-get install dovecot-imapd; .ci/run installs it on Debian)")
    version = dovecot_version(str(dovecot_binary()))
    if version >= (2, 4):
        pytest.skip(f"the test server's configuration is written for Dovecot 2.3; {version[0]}.{version[1]} "
                    "changed the configuration syntax (tests/mail/dovecot.py)")
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is not installed (it makes the test server's certificate)")
    # A short root: Dovecot's UNIX sockets live under it, and their paths must stay under 108 bytes.
    return Dovecot.start(Path(tempfile.mkdtemp(prefix="fdc-")), folder)


@pytest.fixture
def dovecot(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[Dovecot]:
    """A running Dovecot whose CA the client trusts and whose password is in FOLLOWUP_IMAP_PASSWORD.

    ``@pytest.mark.parametrize("dovecot", ["Entwürfe"], indirect=True)`` names its Drafts folder.
    """
    server = start_dovecot(getattr(request, "param", "Drafts"))
    monkeypatch.setenv(CAFILE_ENV, str(server.cafile))
    monkeypatch.setenv(PASSWORD_ENV, server.password)
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(server.root, ignore_errors=True)
