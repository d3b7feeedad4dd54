"""Unit properties of the two places user text becomes something other than document text:
file names (``followup.output.paths``) and email headers (``followup.render.eml``)."""

from __future__ import annotations

import datetime
import email
import re
from email import policy
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from followup.errors import OutputError, UserError
from followup.output.paths import MAX_SLUG_LENGTH, WINDOWS_RESERVED_NAMES, output_path, safe_slug
from followup.render.eml import build_email, clean_address, header_text, mailbox

SAFE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
HEADERS = {"subject", "from", "to", "cc", "date", "x-unsent", "mime-version", "content-type"}


@pytest.mark.parametrize(("text", "expected"), [
    ("../../x", "x"), ("a/b", "a-b"), ("CON", "con-unnamed"), ("nul", "nul-unnamed"), ("Com1", "com1-unnamed"),
    ("LPT9", "lpt9-unnamed"), ("", "unnamed"), ("   ", "unnamed"), ("a\x00b\x01c", "a-b-c"),
    ("Jordan Lee", "jordan-lee"),
    ("José Martínez", "jose-martinez"), ("\u202eevil", "evil"),
])
def test_known_slugs(text: str, expected: str) -> None:
    assert safe_slug(text) == expected


def test_untransliterable_names_get_distinct_slugs() -> None:
    slugs = {safe_slug(text, "interviewer") for text in ["😀", "😀😀", ".", "..", "-", "🎉"]}
    assert len(slugs) == 6
    assert all(slug.startswith("interviewer-") for slug in slugs)


def test_a_very_long_name_is_cut() -> None:
    slug = safe_slug("word " * 200)
    assert 0 < len(slug) <= MAX_SLUG_LENGTH and SAFE.fullmatch(slug)


@given(st.text(), st.sampled_from(["company", "interviewer", "unnamed"]))
def test_every_slug_is_one_safe_component(text: str, fallback: str) -> None:
    slug = safe_slug(text, fallback)
    assert SAFE.fullmatch(slug), slug
    assert len(slug) <= MAX_SLUG_LENGTH + 20
    assert slug not in WINDOWS_RESERVED_NAMES
    assert safe_slug(text, fallback) == slug  # stable


@given(st.text(), st.text())
def test_every_output_path_stays_inside_out(company: str, person: str) -> None:
    out = Path("/tmp/followup-out")
    path = output_path(out, company=company, interview_date=datetime.date(2026, 11, 20), document="thank-you-card",
                       extension="pdf", interviewer=person)
    assert path.parent.parent.parent == out
    assert path.name.startswith("thank-you-card--") and path.suffix == ".pdf"


def test_an_output_folder_that_loops_is_an_output_error(tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    with pytest.raises(OutputError) as caught:
        output_path(loop, company="Acme", interview_date=datetime.date(2026, 11, 20), document="x", extension="txt")
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("address", [
    "jordan@acme.example\r\nBcc: victim@evil.example", "jordan@acme.example\nX: y", "jor dan@acme.example",
    "jordan@acme.example, victim@evil.example", "<jordan@acme.example>", '"j"@acme.example', "jordan",
    "a@b@c.example", "jordan@", "@acme.example", "jördan@acme.example", "jordan@acme", "j..x@acme.example",
    "jordan@acme.example\x00", "jordan@-acme.example",
])
def test_bad_addresses_are_refused(address: str) -> None:
    with pytest.raises(UserError) as caught:
        mailbox("Jordan", address)
    assert "\n" not in str(caught.value) and "\r" not in str(caught.value)


@pytest.mark.parametrize(("address", "expected"), [
    ("  jordan@acme.example\n", "jordan@acme.example"),
    ("o'neil+x@ex-ample.co.uk", "o'neil+x@ex-ample.co.uk"),
    ("jorg@bücher.example", "jorg@xn--bcher-kva.example"),
])
def test_good_addresses_are_kept(address: str, expected: str) -> None:
    assert clean_address(address) == expected


def test_no_address_means_no_mailbox() -> None:
    assert mailbox("Jordan", None) is None
    assert mailbox("Jordan", "   ") is None


@given(name=st.text(), subject=st.text(), sender_name=st.text(),
       address=st.one_of(st.emails(), st.text(max_size=30)))
def test_no_text_can_add_a_header(name: str, subject: str, sender_name: str, address: str) -> None:
    """Whatever the names and subject, the draft has exactly the expected headers and the right addresses."""
    try:
        to = mailbox(name, address)
    except UserError:
        return
    sender = mailbox(sender_name, "dana@example.com")
    data = build_email(subject=subject, sender=sender, to=[to] if to else [], text="body", html="<p>body</p>",
                       date=datetime.date(2026, 11, 21))
    message = email.message_from_bytes(data, policy=policy.default)
    keys = [key.lower() for key in message.keys()]
    assert set(keys) <= HEADERS and len(keys) == len(set(keys)), keys
    assert message["From"].addresses[0].addr_spec == "dana@example.com"
    # whitespace aside (the stdlib parser adds spaces between encoded words), the name is the cleaned name
    assert re.sub(r"\s", "", message["From"].addresses[0].display_name) == re.sub(r"\s", "", header_text(sender_name))
    assert re.sub(r"\s", "", str(message["Subject"])) == re.sub(r"\s", "", header_text(subject))
    if to:
        assert [item.addr_spec for item in message["To"].addresses] == [clean_address(address)]


def test_build_email_cleans_hand_made_header_values() -> None:
    """A caller passing raw text with a newline still cannot add a header."""
    data = build_email(subject="Hi\r\nBcc: victim@evil.example", sender="Dana <dana@example.com>\r\nX-Evil: 1",
                       to=["jordan@acme.example\nBcc: victim@evil.example"], text="b", html="<p>b</p>")
    message = email.message_from_bytes(data, policy=policy.default)
    assert {key.lower() for key in message.keys()} <= HEADERS
