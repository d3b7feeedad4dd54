"""follow-up-plan: the calendar read back with icalendar and vobject (an independent parser), the checklist by pypdf."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from docreaders import TRICKY, Rendered, pdf_pages, pdf_text, render, toml_literal, write_notes

from followup.context.schedule import follow_up_steps
from followup.documents.follow_up_plan import DOCUMENT as PLAN
from followup.documents.follow_up_plan import SAME_DAY_THANK_YOU_MINUTES, step_uid
from followup.notes import load_notes
from followup.pipeline import render_notes
from followup.render import render_format
from followup.render.ics import ics_text
from followup.templates import TemplateSet

DOCUMENT = "follow-up-plan"
COMPANY = "Acme & “Sons” <Robotics> — é; a, b\\c"
# A promise with every awkward character, a newline, a control character (BEL) and a Unicode line separator.
PROMISE = TRICKY + "\nsecond line; with, commas \\ backslash and\u2028more"


def calendar_of(path: Path) -> Any:
    from icalendar import Calendar

    return Calendar.from_ical(path.read_bytes())


def events_of(path: Path) -> list[Any]:
    return list(calendar_of(path).walk("VEVENT"))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory, full_notes_path: Path) -> Rendered:
    return render(full_notes_path, tmp_path_factory.mktemp("plan"), [DOCUMENT])


@pytest.fixture(scope="module")
def done_two(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """The full notes with thank-you and call done: nothing else changed."""
    folder = tmp_path_factory.mktemp("plan-done")

    def edit(text: str) -> str:
        return text.replace('promised = "A sample territory plan by Tuesday"',
                            'promised = "A sample territory plan by Tuesday"\ndone = ["thank-you", "call"]')

    return render(write_notes(folder, "done.toml", edit), folder / "out", [DOCUMENT])


@pytest.fixture(scope="module")
def tricky(tmp_path_factory: pytest.TempPathFactory) -> Rendered:
    """Awkward text in the company, the promise and the decision process; de_DE, so a German plan on A4."""
    folder = tmp_path_factory.mktemp("plan-tricky")

    def edit(text: str) -> str:
        text = text.replace('name = "Acme Robotics"', f"name = {toml_literal(COMPANY)}")
        text = text.replace('promised = "A sample territory plan by Tuesday"',
                            "promised = " + toml_literal(PROMISE).replace("\n", "\\n").replace("\u0007", "\\u0007")
                            .replace("\u2028", "\\u2028") + '\ndone = ["thank-you"]')
        text = text.replace('decision_process = "Panel debrief Friday; Jordan decides; offer by Dec 5"',
                            f"decision_process = {toml_literal(TRICKY)}")
        return text.replace('paper = "letter"', 'paper = "a4"').replace('locale = "en_US"', 'locale = "de_DE"')

    return render(write_notes(folder, "tricky.toml", edit), folder / "out", [DOCUMENT])


def test_the_calendar_has_one_event_per_step_plus_the_decision_in_date_order(rendered: Rendered) -> None:
    events = events_of(rendered.path(DOCUMENT, "ics", None))
    starts = [event.decoded("dtstart") for event in events]
    assert starts == [datetime.date(2026, 11, 21), datetime.date(2026, 11, 25), datetime.date(2026, 11, 28),
                      datetime.date(2026, 12, 4), datetime.date(2026, 12, 5)]
    summaries = [str(event["summary"]) for event in events]
    assert summaries == [
        "Thank all 3 interviewers at Acme Robotics",
        "Call Jordan Lee (Acme Robotics): any questions?",
        "Send Jordan Lee (Acme Robotics) the materials",
        "Call Jordan Lee (Acme Robotics): when will you decide?",
        "Decision expected: Acme Robotics",
    ]
    for event in events:
        # All-day, one day long, free time: no time zone can move it.
        assert type(event.decoded("dtstart")) is datetime.date
        assert event.decoded("dtend") == event.decoded("dtstart") + datetime.timedelta(days=1)
        assert str(event["transp"]) == "TRANSPARENT"
        assert event.decoded("dtstamp") == datetime.datetime(2026, 11, 20, tzinfo=datetime.UTC)
        assert str(event["uid"]).endswith("@followup")


def test_the_calendar_header_says_what_it_is(rendered: Rendered) -> None:
    calendar = calendar_of(rendered.path(DOCUMENT, "ics", None))
    assert str(calendar["version"]) == "2.0"
    assert str(calendar["prodid"]) == "-//followup//follow-up-plan//EN"
    assert str(calendar["method"]) == "PUBLISH"
    assert str(calendar["calscale"]) == "GREGORIAN"


def test_every_event_has_a_reminder_before_it(rendered: Rendered) -> None:
    events = events_of(rendered.path(DOCUMENT, "ics", None))
    triggers = []
    for event in events:
        alarms = list(event.walk("VALARM"))
        assert len(alarms) == 1
        assert str(alarms[0]["action"]) == "DISPLAY"
        assert str(event["summary"]) in str(alarms[0]["description"])
        triggers.append(alarms[0].decoded("trigger"))
    hours = datetime.timedelta(hours=1)
    # Thank-you: 18:00 the evening before; calls and decision: 09:00 the day before; materials: 09:00 two days before.
    assert triggers == [-6 * hours, -15 * hours, -39 * hours, -15 * hours, -15 * hours]


def test_descriptions_name_whom_to_contact_and_how(rendered: Rendered) -> None:
    descriptions = {str(event["summary"]).split(" ")[0] + str(index): str(event["description"])
                    for index, event in enumerate(events_of(rendered.path(DOCUMENT, "ics", None)))}
    thank_you, call, materials, check_in, decision = descriptions.values()
    assert "Jordan Lee, VP of Sales: +1 781 555 0100 · jordan.lee@acme-robotics.example" in thank_you
    assert "Priya Raman, Director of Sales Operations: priya.raman@acme-robotics.example" in thank_you
    assert "Sam Okafor, Senior Account Executive: no phone or email in the notes" in thank_you
    for text in (call, check_in):
        assert "+1 781 555 0100" in text and "jordan.lee@acme-robotics.example" in text
        assert "Priya" not in text
    assert "You promised: A sample territory plan by Tuesday" in materials
    assert "the criteria-match email" in materials
    assert "How they decide: Panel debrief Friday; Jordan decides; offer by Dec 5" in check_in
    assert "Decision expected: Saturday, December 5, 2026" in check_in
    assert "Next steps: Final round with the CRO if the panel agrees" in decision


def test_done_steps_are_left_out_and_the_others_keep_their_uids(rendered: Rendered, done_two: Rendered) -> None:
    full = {str(event["uid"]): str(event["summary"]) for event in events_of(rendered.path(DOCUMENT, "ics", None))}
    left = {str(event["uid"]): str(event["summary"]) for event in events_of(done_two.path(DOCUMENT, "ics", None))}
    assert list(left.values()) == [
        "Send Jordan Lee (Acme Robotics) the materials",
        "Call Jordan Lee (Acme Robotics): when will you decide?",
        "Decision expected: Acme Robotics",
    ]
    # Importing the new calendar updates the same events: the UIDs of the steps left are unchanged.
    assert set(left) < set(full)
    assert all(full[uid] == summary for uid, summary in left.items())
    notes = done_two.notes
    assert set(left) == {step_uid(notes, key) for key in ("materials", "check-in", "decision")}
    assert len(set(full)) == 5


def test_rendering_twice_gives_byte_identical_files(rendered: Rendered, full_notes_path: Path,
                                                    tmp_path: Path) -> None:
    first = rendered.path(DOCUMENT, "ics", None).read_bytes()
    again = render(full_notes_path, tmp_path, [DOCUMENT], formats=["ics"]).path(DOCUMENT, "ics", None).read_bytes()
    assert again == first
    direct = render_format(PLAN, "ics", PLAN.build_context(rendered.notes, None), TemplateSet(), {}, [])
    assert direct == first


def test_the_file_is_valid_icalendar_text(rendered: Rendered, tricky: Rendered) -> None:
    for path in (rendered.path(DOCUMENT, "ics", None), tricky.path(DOCUMENT, "ics", None)):
        data = path.read_bytes()
        assert data.endswith(b"\r\n")
        lines = data.split(b"\r\n")[:-1]
        assert all(len(line) <= 75 for line in lines), "content lines are folded at 75 octets"
        assert b"\n" not in b"".join(lines), "no bare line feeds"
        assert not any(byte < 0x20 and byte != 0x09 for byte in b"".join(lines)), "no control characters"


def test_awkward_text_comes_back_exactly(tricky: Rendered) -> None:
    events = events_of(tricky.path(DOCUMENT, "ics", None))
    summaries = [str(event["summary"]) for event in events]
    assert f"Jordan Lee ({COMPANY}) die Unterlagen senden" in summaries
    assert "Allen 3 Gesprächspartnern" not in " ".join(summaries)  # thank-you is done
    materials = next(str(event["description"]) for event in events if "Unterlagen" in str(event["summary"]))
    # Newlines and the Unicode line separator arrive as newlines; the BEL control character is dropped.
    assert "Ihre Zusage: " + PROMISE.replace("\u0007", "").replace("\u2028", "\n") in materials
    check_in = next(str(event["description"]) for event in events if "Entscheidung?" in str(event["summary"]))
    assert f"So wird entschieden: {TRICKY}" in check_in
    assert "Entscheidung erwartet: Samstag, 5. Dezember 2026" in check_in
    assert [str(category) for category in events[0]["categories"].cats] == ["Follow-up", COMPANY]


def test_an_independent_parser_reads_the_same_calendar(rendered: Rendered, tricky: Rendered) -> None:
    vobject = pytest.importorskip("vobject")
    for result in (rendered, tricky):
        path = result.path(DOCUMENT, "ics", None)
        calendar = vobject.readOne(path.read_text(encoding="utf-8"))
        ours = events_of(path)
        theirs = calendar.vevent_list
        assert len(theirs) == len(ours)
        for mine, other in zip(ours, theirs, strict=True):
            assert other.uid.value == str(mine["uid"])
            assert other.summary.value == str(mine["summary"])
            assert other.description.value == str(mine["description"])
            assert other.dtstart.value == mine.decoded("dtstart")
            assert other.dtend.value == mine.decoded("dtend")
            assert len(other.valarm_list) == 1
            assert other.valarm.trigger.value == mine.walk("VALARM")[0].decoded("trigger")
    materials = next(event for event in vobject.readOne(tricky.path(DOCUMENT, "ics", None).read_text("utf-8"))
                     .vevent_list if "Unterlagen" in event.summary.value)
    assert "Ihre Zusage: " + PROMISE.replace("\u0007", "").replace("\u2028", "\n") in materials.description.value


def test_private_notes_never_reach_the_plan(rendered: Rendered) -> None:
    assert b"PRIVATE-MARKER" not in rendered.path(DOCUMENT, "ics", None).read_bytes()
    assert "PRIVATE-MARKER" not in pdf_text(rendered.path(DOCUMENT, "pdf", None))
    assert "PRIVATE-MARKER" not in str(PLAN.build_context(rendered.notes, None))


def test_the_checklist_is_one_page_with_every_step_whom_to_call_and_the_promise(rendered: Rendered) -> None:
    path = rendered.path(DOCUMENT, "pdf", None)
    assert pdf_pages(path) == 1
    text = pdf_text(path)
    for phrase in ("Acme Robotics", "Regional Sales Manager, Northeast", "Second round, November 20, 2026",
                   "Thank all 3 interviewers", "Call Jordan Lee: any questions?", "Send Jordan Lee the materials",
                   "Call Jordan Lee: when will you decide?", "Decision expected",
                   "A sample territory plan by Tuesday", "By Tuesday, November 24, 2026",  # the promise's own day
                   "+1 781 555 0100", "priya.raman@acme-robotics.example", "no phone or email in the notes",
                   "Prepared by Dana Whitfield"):
        assert phrase in text, phrase
    assert "✓" not in text  # nothing done yet
    assert [warning for warning in rendered.warnings() if DOCUMENT in warning] == []


def test_the_checklist_ticks_done_steps_and_keeps_awkward_text(tricky: Rendered) -> None:
    path = tricky.path(DOCUMENT, "pdf", None)
    assert pdf_pages(path) == 1
    text = pdf_text(path)
    assert text.count("✓") == 1
    assert "DANK ERLEDIGT" in text
    assert COMPANY in text
    assert TRICKY in text
    assert "20. November 2026" in text  # dates written for de_DE
    from pypdf import PdfReader

    metadata = PdfReader(str(path)).metadata
    assert metadata is not None and metadata.title == f"Follow-up-Plan: {COMPANY}"
    assert metadata.author == "Dana Whitfield"


def test_ics_text_drops_control_characters_and_normalises_line_breaks() -> None:
    assert ics_text("a\r\nb\rc\u2028d\u0085e\x00f\x1bg\th\x7f") == "a\nb\nc\nd\nef\x1bg\th".replace("\x1b", "")


# ------------------------------------------------------------------------------------------- the schedule


def schedule_notes(full_notes_path: Path, folder: Path, interview: str, decision: str | None) -> Path:
    def edit(text: str) -> str:
        text = text.replace("date = 2026-11-20", f"date = {interview}")
        text = text.replace("thank_you_by = 2026-11-21\ncall_on = 2026-11-25\nmaterials_by = 2026-11-28\n", "")
        decision_line = f"decision_date = {decision}" if decision else ""
        return text.replace("decision_date = 2026-12-05", decision_line)

    return write_notes(folder, f"{interview}-{decision}.toml", edit, source=full_notes_path)


def test_defaults_follow_the_spec_in_business_days(full_notes_path: Path, tmp_path: Path) -> None:
    notes = load_notes(schedule_notes(full_notes_path, tmp_path, "2026-11-20", "2026-12-07")).notes
    due = {step.key: step.due for step in follow_up_steps(notes)}
    assert due == {
        "thank-you": datetime.date(2026, 11, 20),   # Friday interview: the next day is a Saturday, so that day
        "call": datetime.date(2026, 11, 25),        # 3 business days after
        "materials": datetime.date(2026, 11, 24),   # 5 business days after, but promised "by Tuesday"
        "check-in": datetime.date(2026, 12, 4),     # the business day before Monday's decision
        "decision": datetime.date(2026, 12, 7),
    }
    notes = load_notes(schedule_notes(full_notes_path, tmp_path, "2026-11-17", None)).notes
    due = {step.key: step.due for step in follow_up_steps(notes)}
    assert due["thank-you"] == datetime.date(2026, 11, 18)
    assert due["check-in"] == datetime.date(2026, 11, 30)  # 8 business days after a Tuesday, less Thanksgiving
    assert "decision" not in due


def test_a_default_never_falls_on_a_weekend(full_notes_path: Path, tmp_path: Path) -> None:
    base = load_notes(full_notes_path).notes
    for offset in range(14):
        day = datetime.date(2026, 11, 16) + datetime.timedelta(days=offset)
        notes = base.model_copy(update={
            "interview": base.interview.model_copy(update={"date": day}),
            "follow_up": base.follow_up.model_copy(
                update={"thank_you_by": None, "call_on": None, "materials_by": None}),
            "discovery": base.discovery.model_copy(update={"decision_date": day + datetime.timedelta(days=13)}),
        })
        for step in follow_up_steps(notes):
            if step.key != "decision":
                assert step.due.weekday() < 5, (day, step)
                assert step.due >= day


def test_a_same_day_thank_you_reminds_that_afternoon(full_notes_path: Path, tmp_path: Path) -> None:
    path = schedule_notes(full_notes_path, tmp_path, "2026-11-20", "2026-12-07")
    calendar = PLAN.build_context(load_notes(path).notes, None)["calendar"]
    assert calendar["events"][0]["start"] == "2026-11-20"
    assert calendar["events"][0]["alarms"][0]["minutes"] == SAME_DAY_THANK_YOU_MINUTES


def test_nothing_left_to_plan_is_skipped_with_a_reason(full_notes_path: Path, tmp_path: Path) -> None:
    def edit(text: str) -> str:
        text = text.replace("decision_date = 2026-12-05", "")
        return text.replace('promised = "A sample territory plan by Tuesday"',
                            'done = ["thank-you", "call", "materials", "check-in"]')

    result = render_notes(write_notes(tmp_path, "all-done.toml", edit), out=tmp_path / "out",
                          documents=[DOCUMENT], force=True)
    assert [(output.status, output.reason) for output in result.outputs] == [
        ("skipped", "every follow-up step is done and the notes have no discovery.decision_date")]


def test_a_check_in_after_the_decision_is_a_warning(full_notes_path: Path, tmp_path: Path) -> None:
    path = write_notes(tmp_path, "late.toml", lambda text: text.replace(
        "materials_by = 2026-11-28", "materials_by = 2026-11-28\ncheck_in_on = 2026-12-09"))
    assert PLAN.check is not None
    messages = [problem.message for problem in PLAN.check(load_notes(path).notes)]
    assert messages == ["follow-up-plan: the check-in call is after the decision date; call before they decide"]
