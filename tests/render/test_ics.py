"""render/ics.py: calendars read back with icalendar; user text cannot add properties."""

from __future__ import annotations

import datetime

from icalendar import Calendar

from followup.render.ics import build_calendar, ics_text

CALENDAR = {
    "prodid": "-//followup//test//EN", "name": "Follow-up: Acme", "stamp": "2026-11-20T09:00:00+00:00",
    "events": [{"uid": "call@followup", "summary": "Call Jordan\r\nATTENDEE:evil@example.com",
                "description": "Ask about the team", "start": "2026-11-25", "categories": ["follow-up"],
                "alarms": [{"minutes": -60, "description": "Call soon"}]}],
}


def test_a_calendar_reads_back_with_its_event_and_alarm() -> None:
    calendar = Calendar.from_ical(build_calendar(CALENDAR))
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert event["UID"] == "call@followup"
    assert event.decoded("DTSTART") == datetime.date(2026, 11, 25)
    assert "ATTENDEE" not in event  # the line break in the summary did not start a property
    alarms = list(event.walk("VALARM"))
    assert len(alarms) == 1 and alarms[0].decoded("TRIGGER") == datetime.timedelta(minutes=-60)


def test_ics_text_removes_control_characters() -> None:
    assert "\x00" not in ics_text("a\x00b") and "\r" not in ics_text("a\r\nb")


def test_the_same_calendar_gives_the_same_bytes() -> None:
    assert build_calendar(CALENDAR) == build_calendar(CALENDAR)
