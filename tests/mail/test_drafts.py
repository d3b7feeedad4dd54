"""The drafts side of ``followup drafts`` that needs no server: ids, content hashes, the listing."""

from __future__ import annotations

from pathlib import Path

from mail_support import mail_profile, write_minimal

from followup.mail.drafts import (
    CONTENT_HASH_HEADER,
    DRAFT_ID_HEADER,
    content_hash,
    draft_id,
    is_untouched,
    send_drafts,
    stamped,
)
from followup.render.eml import build_email


def sample(text: str = "Hello", subject: str = "Thanks") -> bytes:
    return build_email(subject=subject, sender="Dana <dana@example.com>", to=["Jordan <j@acme.example>"],
                       text=text, html=f"<p>{text}</p>")


def test_a_draft_id_is_stable_and_tells_drafts_apart(tmp_path: Path) -> None:
    notes = tmp_path / "acme.toml"
    assert draft_id(notes, "thank-you-letter", "Jordan Lee") == draft_id(notes, "thank-you-letter", "Jordan Lee")
    ids = {draft_id(notes, "thank-you-letter", "Jordan Lee"), draft_id(notes, "thank-you-letter", "Priya Raman"),
           draft_id(notes, "criteria-match", None), draft_id(tmp_path / "other.toml", "criteria-match", None)}
    assert len(ids) == 4


def test_a_stamped_draft_is_untouched_until_its_text_subject_or_recipients_change() -> None:
    data = stamped(sample(), "abc")
    assert data.startswith(f"{DRAFT_ID_HEADER}: abc\r\n{CONTENT_HASH_HEADER}: ".encode())
    assert is_untouched(data)
    assert is_untouched(data.replace(b"\r\n", b"\n")), "a server storing LF line ends changes nothing"
    for edit in (sample("Hello there"), sample(subject="Thanks!"), sample().replace(b"j@acme", b"k@acme")):
        head = data.split(b"\r\n")[1]  # our hash, on an edited message
        assert not is_untouched(f"{DRAFT_ID_HEADER}: abc\r\n".encode() + head + b"\r\n" + edit)
    assert not is_untouched(sample()), "no hash header: not ours as uploaded"
    assert content_hash(sample()) == content_hash(sample())


def test_without_to_mailbox_it_lists_what_it_would_upload_without_connecting(tmp_path: Path) -> None:
    notes = write_minimal(tmp_path / "notes", mail_profile(None))
    run = send_drafts([notes], out=tmp_path / "out")
    assert not run.failed
    lines = [result.describe() for result in run.results]
    assert [result.status for result in run.results] == ["would upload", "would upload"]
    assert any("thank-you-letter--alex-chen.eml to Alex Chen <alex.chen@northwind.example>" in line for line in lines)
    assert any("criteria-match.eml" in line for line in lines)
    assert run.destinations == ["the \\Drafts folder on imap.example.com"]


def test_without_mail_settings_the_listing_says_where_to_add_them(tmp_path: Path) -> None:
    notes = write_minimal(tmp_path / "notes")
    listed = send_drafts([notes], out=tmp_path / "out")
    assert not listed.failed and "add [mail] to profile.toml" in listed.destinations[0]
    upload = send_drafts([notes], out=tmp_path / "out", to_mailbox=True, password=lambda _: "unused")
    assert upload.failed
    assert str(upload.errors[0].problems[0]).startswith("no [mail] in a profile.toml for ")


def test_cc_all_reaches_the_criteria_match_draft(tmp_path: Path) -> None:
    notes = write_minimal(tmp_path / "notes", mail_profile(None))
    text = notes.read_text(encoding="utf-8")
    notes.write_text(text.replace("[[match]]", '[[interviewers]]\nname = "Robin Park"\n'
                                  'email = "robin.park@northwind.example"\n\n[[match]]', 1), encoding="utf-8")
    plain = send_drafts([notes], out=tmp_path / "out")
    copied = send_drafts([notes], out=tmp_path / "out", cc_all=True)
    criteria = [next(result.draft for result in run.results if result.draft and result.draft.document ==
                     "criteria-match") for run in (plain, copied)]
    assert b"Cc:" not in criteria[0].data
    assert b"Cc: Robin Park <robin.park@northwind.example>" in criteria[1].data
