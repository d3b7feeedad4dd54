"""Email drafts: the criteria-match email carries the material PDFs, and every draft's bytes are sound.

Drafts are parsed back with the ``email`` package, as a mail client would read them.
"""

from __future__ import annotations

import datetime
import email
import re
from email import policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from followup.documents.attachments import attachment_filename
from followup.errors import UserError
from followup.notes import load_notes
from followup.pipeline import NotesResult, render_notes
from followup.render.eml import Attachment, build_email, draft_email, draft_time_zone

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "acme-robotics.toml"
PDF = b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"


def parse(data: bytes) -> EmailMessage:
    message = email.message_from_bytes(data, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def attachments_of(message: EmailMessage) -> dict[str, bytes]:
    found: dict[str, bytes] = {}
    for part in message.iter_attachments():
        name = part.get_filename()
        assert name is not None, "every attachment is named"
        assert part.get_content_type() == "application/pdf"
        payload = part.get_payload(decode=True)
        assert isinstance(payload, bytes)
        found[name] = payload
    return found


def draft(**changes: object) -> bytes:
    arguments: dict[str, object] = {
        "subject": "Regional Sales Manager: how I match", "sender": "Dana <dana@example.com>",
        "to": ["Jordan <jordan@acme.example>"], "text": "Hello Jordan, café " * 40,
        "html": "<p>" + "Hello Jordan, café " * 40 + "</p>", "date": datetime.date(2026, 11, 28),
        "time_zone": draft_time_zone("en_US"),
    }
    arguments.update(changes)
    return build_email(**arguments)  # type: ignore[arg-type]


# --- build_email ------------------------------------------------------------------------------------------


def test_attachments_make_a_mixed_message_around_the_alternative_named_and_byte_identical() -> None:
    names = ["Territory plan – New England – Dana Whitfield.pdf",
             "Process ideas – Acme Robotics & Søns, a very long company name indeed – Dana Whitfield.pdf"]
    message = parse(draft(attachments=[Attachment(names[0], PDF), Attachment(names[1], PDF[::-1])]))
    assert message.get_content_type() == "multipart/mixed"
    first = next(iter(message.iter_parts()))
    assert first.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in first.iter_parts()] == ["text/plain", "text/html"]
    assert attachments_of(message) == {names[0]: PDF, names[1]: PDF[::-1]}
    assert message.get_body(preferencelist=("plain",)) is not None


def test_non_ascii_file_names_are_rfc_2231_encoded() -> None:
    data = draft(attachments=[Attachment("Territory plan – New England – José Martínez.pdf", PDF)])
    headers = data.decode("ascii")  # the whole draft is 7-bit: names and text are encoded
    assert "filename*" in headers and "utf-8''" in headers
    assert "José" not in headers


def test_without_attachments_the_draft_stays_an_alternative() -> None:
    message = parse(draft())
    assert message.get_content_type() == "multipart/alternative"
    assert list(message.iter_attachments()) == []


def test_same_input_gives_identical_bytes_and_boundaries_from_the_content() -> None:
    attachments = [Attachment("Plan.pdf", PDF)]
    first, second = draft(attachments=attachments), draft(attachments=attachments)
    assert first == second
    other = draft(attachments=attachments, text="Another text")
    boundaries = set(re.findall(rb'boundary="([^"]+)"', first))
    assert len(boundaries) == 2
    assert boundaries.isdisjoint(re.findall(rb'boundary="([^"]+)"', other))


def test_a_boundary_typed_by_the_user_cannot_break_the_draft() -> None:
    boundary = re.findall(rb'boundary="([^"]+)"', draft())[0].decode()
    text = f"--{boundary}\nContent-Type: text/html\n\nhijack"
    message = parse(draft(text=text))
    plain = message.get_body(preferencelist=("plain",))
    assert plain is not None and plain.get_content().replace("\r\n", "\n").rstrip("\n") == text


def test_quoted_printable_lines_are_at_most_76_characters() -> None:
    data = draft(text="é" * 500 + " " + "x" * 300, html="<p>" + "ü" * 400 + "</p>",
                 attachments=[Attachment("Plan.pdf", PDF)])
    assert max(len(line) for line in data.split(b"\r\n")) <= 76


@pytest.mark.parametrize(("locale", "country", "offset"), [
    ("en_US", None, "-0500"),      # New York in November, not Adak (CLDR's first US zone)
    ("en_GB", None, "+0000"),
    ("de_DE", None, "+0100"),
    ("en_US", "DE-BY", "+0100"),   # style.country wins over the locale's territory
    ("en", None, "+0000"),         # no territory: UTC
])
def test_date_is_nine_in_the_morning_in_the_candidates_time_zone(locale: str, country: str | None,
                                                                 offset: str) -> None:
    message = parse(draft(time_zone=draft_time_zone(locale, country)))
    assert message["Date"].endswith(f" 09:00:00 {offset}")
    assert message["Date"].datetime.date() == datetime.date(2026, 11, 28)


def test_summer_time_is_followed() -> None:
    message = parse(draft(date=datetime.date(2026, 7, 1), time_zone=draft_time_zone("en_US")))
    assert message["Date"].endswith(" 09:00:00 -0400")


# --- the criteria-match email through the pipeline ---------------------------------------------------------


def facts_context(**draft: object) -> dict[str, object]:
    """A context with a draft's facts, as a document puts them there (sender, recipients, the day)."""
    facts = {"sender": {"name": "Dana Whitfield", "email": "dana@example.com"},
             "to": [{"name": "Jordan Lee", "email": "jordan@acme.example"}], "cc": [],
             "cc_all": [{"name": "Priya Raman", "email": "priya@acme.example"},
                        {"name": "Jordan Lee", "email": "jordan@acme.example"}],
             "date": datetime.date(2026, 11, 21), **draft}
    return {"draft": facts, "prose": {"subject": "Thank you,\r\nBcc: evil@example.com"},
            "style": {"locale": "en_US", "country": None}, "options": {}}


def test_the_headers_are_made_from_the_facts_in_the_context() -> None:
    message = parse(draft_email(facts_context(), text="Hello", html="<p>Hello</p>"))
    assert message["From"] == "Dana Whitfield <dana@example.com>"
    assert message["To"] == "Jordan Lee <jordan@acme.example>"
    assert message["Subject"] == "Thank you, Bcc: evil@example.com" and message["Bcc"] is None
    assert message["Cc"] is None, "the people of cc_all are copied only with --cc-all"
    assert message["Date"] == "Sat, 21 Nov 2026 09:00:00 -0500"


def test_cc_all_copies_the_others_once_and_never_a_recipient() -> None:
    context = facts_context()
    context["options"] = {"cc_all": True}
    assert parse(draft_email(context, text="Hi", html="<p>Hi</p>"))["Cc"] == "Priya Raman <priya@acme.example>"


def test_a_person_without_an_email_is_left_out_and_a_bad_one_is_refused() -> None:
    message = parse(draft_email(facts_context(to=[{"name": "Jordan Lee", "email": None}]), text="Hi", html="Hi"))
    assert message["To"] is None and message["From"] == "Dana Whitfield <dana@example.com>"
    with pytest.raises(UserError, match="is not an email address"):
        draft_email(facts_context(to=[{"name": "Jordan", "email": "jordan@acme.example\r\nBcc: x@y"}]),
                    text="Hi", html="Hi")


def render(notes: Path, out: Path, **options: object) -> NotesResult:
    result = render_notes(notes, out=out, **options)  # type: ignore[arg-type]
    assert result.error is None, result.error
    assert not result.failed, result.outputs
    return result


def output(result: NotesResult, document: str, fmt: str) -> Path:
    paths = [item.path for item in result.outputs if item.document == document and item.format == fmt]
    assert len(paths) == 1 and paths[0] is not None, result.outputs
    return paths[0]


@pytest.fixture(scope="module")
def email_only(tmp_path_factory: pytest.TempPathFactory) -> NotesResult:
    """``-d criteria-match -f eml`` on the full example: the PDFs it carries are rendered too."""
    return render(EXAMPLE, tmp_path_factory.mktemp("eml") / "out", documents=["criteria-match"], formats=["eml"])


def test_email_only_renders_its_pdfs_first_and_carries_them_byte_identical(email_only: NotesResult) -> None:
    notes = load_notes(EXAMPLE).notes
    plan, memo = output(email_only, "territory-plan", "pdf"), output(email_only, "process-ideas", "pdf")
    message = parse(output(email_only, "criteria-match", "eml").read_bytes())
    assert attachments_of(message) == {
        attachment_filename(notes, "territory-plan"): plan.read_bytes(),
        attachment_filename(notes, "process-ideas"): memo.read_bytes(),
    }
    assert list(attachments_of(message)) == ["Territory plan – New England – Dana Whitfield.pdf",
                                             "Process ideas – Acme Robotics – Dana Whitfield.pdf"]
    assert plan.read_bytes().startswith(b"%PDF")


def test_the_text_names_what_is_attached(email_only: NotesResult) -> None:
    message = parse(output(email_only, "criteria-match", "eml").read_bytes())
    plain = message.get_body(preferencelist=("plain",))
    assert plain is not None
    text = " ".join(plain.get_content().split())
    assert "attached" in text and "territory plan for New England" in text and "memo" in text


def test_nothing_is_attached_that_the_notes_cannot_make(tmp_path: Path) -> None:
    """Without [territory], only the process-ideas memo goes (material_documents is the one definition)."""
    text = EXAMPLE.read_text(encoding="utf-8")
    start = text.index("[territory]")
    end = text.index("\n[", text.index("\n[[territory.accounts]]", start) + 1)
    while text.startswith("[[territory", end + 1):
        end = text.index("\n[", end + 1)
    notes = tmp_path / "notes.toml"
    notes.write_text(text[:start] + text[end + 1:], encoding="utf-8")
    result = render(notes, tmp_path / "out", documents=["criteria-match"], formats=["eml"])
    assert [item.document for item in result.outputs if item.format == "pdf"] == ["process-ideas"]
    message = parse(output(result, "criteria-match", "eml").read_bytes())
    assert list(attachments_of(message)) == ["Process ideas – Acme Robotics – Dana Whitfield.pdf"]


def test_a_full_render_draws_each_pdf_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import followup.render as render_module

    calls: list[tuple[str, str]] = []
    real = render_module.render_format

    def counting(document, fmt, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append((document.name, fmt))
        return real(document, fmt, *args, **kwargs)

    monkeypatch.setattr(render_module, "render_format", counting)
    render(EXAMPLE, tmp_path / "out", documents=["criteria-match", "territory-plan", "process-ideas"],
           formats=["eml", "pdf"])
    assert sorted(calls) == sorted([("criteria-match", "eml"), ("criteria-match", "pdf"),
                                    ("territory-plan", "pdf"), ("process-ideas", "pdf")])


def test_a_changed_territory_plan_renders_the_email_again(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = render(EXAMPLE, out, documents=["criteria-match"], formats=["eml"])
    eml = output(first, "criteria-match", "eml")
    again = render(EXAMPLE, out, documents=["criteria-match"], formats=["eml"])
    assert {item.status for item in again.outputs} == {"unchanged"}
    plan = output(first, "territory-plan", "pdf")
    changed = plan.read_bytes() + b"% a changed plan\n"
    plan.write_bytes(changed)
    third = render(EXAMPLE, out, documents=["criteria-match"], formats=["eml"])
    statuses = {(item.document, item.format): item.status for item in third.outputs}
    assert statuses[("criteria-match", "eml")] == "written"
    assert statuses[("territory-plan", "pdf")] == "kept"  # the user's plan is theirs; the email carries it
    assert changed in attachments_of(parse(eml.read_bytes())).values()
    manifest = (eml.parent / ".followup-manifest.json").read_text(encoding="utf-8")
    assert "territory-plan.pdf=" in manifest


def test_a_pdf_that_cannot_be_made_fails_the_email_that_says_it_is_attached(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import followup.render as render_module
    from followup.errors import Problem, UserError

    real = render_module.render_format

    def failing(document, fmt, *args, **kwargs):  # type: ignore[no-untyped-def]
        if document.name == "territory-plan":
            raise UserError(Problem("the plan's template is broken"))
        return real(document, fmt, *args, **kwargs)

    monkeypatch.setattr(render_module, "render_format", failing)
    result = render_notes(EXAMPLE, out=tmp_path / "out", documents=["criteria-match"], formats=["eml"])
    statuses = {(item.document, item.format): item for item in result.outputs}
    assert statuses[("territory-plan", "pdf")].status == "failed"
    email_output = statuses[("criteria-match", "eml")]
    assert email_output.status == "failed"
    assert "territory-plan.pdf could not be made: the plan's template is broken" in (email_output.reason or "")
    assert email_output.path is not None and not email_output.path.exists()
