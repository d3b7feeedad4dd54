"""The IMAP helpers that need no server: mailbox names, LIST parsing, what counts as this computer."""

from __future__ import annotations

import pytest

from followup.errors import UserError
from followup.mail.imap import (
    decode_mailbox,
    encode_mailbox,
    is_loopback,
    open_mailbox,
    parse_list,
    quote,
)


@pytest.mark.parametrize(("name", "wire"), [
    ("Drafts", "Drafts"), ("[Gmail]/Drafts", "[Gmail]/Drafts"), ("Entwürfe", "Entw&APw-rfe"),
    ("A & B", "A &- B"), ("Черновики", "&BCcENQRABD0EPgQyBDgEOgQ4-"), ("下書き", "&Tgtm+DBN-"),
])
def test_modified_utf7_both_ways(name: str, wire: str) -> None:
    assert encode_mailbox(name) == wire
    assert decode_mailbox(wire) == name


def test_list_lines_give_flags_and_decoded_names() -> None:
    lines: list[object] = [
        b'(\\HasNoChildren \\Drafts) "/" Entw&APw-rfe',
        b'(\\HasNoChildren) "/" "[Gmail]/Sent Mail"',
        (b'(\\Drafts) "." {11}', b'My "Drafts"'),
        b'(\\Noselect \\HasChildren) NIL "with \\"quote\\""',
        b"garbage",
    ]
    assert parse_list(lines) == [
        ({"\\hasnochildren", "\\drafts"}, "Entwürfe"),
        ({"\\hasnochildren"}, "[Gmail]/Sent Mail"),
        ({"\\drafts"}, 'My "Drafts"'),
        ({"\\noselect", "\\haschildren"}, 'with "quote"'),
    ]


def test_quote_escapes_backslashes_and_quotes() -> None:
    assert quote('a "b" \\c') == '"a \\"b\\" \\\\c"'


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.8.9.10", True), ("::1", True), ("[::1]", True), ("localhost", True),
    ("LOCALHOST.", True), ("10.0.0.1", False), ("imap.gmail.com", False), ("localhost.evil.example", False),
])
def test_only_this_computer_counts_as_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_a_host_that_does_not_exist_is_one_clear_line() -> None:
    with pytest.raises(UserError) as caught:
        open_mailbox("imap.does-not-exist.invalid", 993, "user", "secret-password", timeout=5)
    message = str(caught.value)
    assert message.startswith("cannot find the IMAP server imap.does-not-exist.invalid")
    assert "secret-password" not in message
