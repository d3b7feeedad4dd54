"""The ``ics`` format: an iCalendar file (RFC 5545) built with the icalendar package.

The document's context carries a plain ``calendar`` dict (see
``followup.documents.follow_up_plan.calendar_context``); this module only turns
it into iCalendar objects, so what goes into the calendar is decided in one
place and tested without parsing.

Rules that make the file import cleanly everywhere and render reproducibly:

- every event is all-day (``DTSTART;VALUE=DATE``, ``DTEND`` the next day),
  marked free (``TRANSP:TRANSPARENT``), so no time zone is involved;
- ``DTSTAMP`` comes from the context (derived from the notes), never from the
  clock, so rendering twice gives byte-identical files;
- text is escaped by icalendar (``,`` ``;`` ``\\`` and newlines); before that,
  control characters, which RFC 5545 forbids in text and which some parsers
  would take as line breaks, are removed, and every kind of line break becomes
  ``\\n``.
"""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from followup.templates import TemplateSet

# C0 controls except TAB and LF, DEL, and the C1 controls (RFC 5545 CONTROL, plus C1 for safety).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x84\x86-\x9f]")
# Everything a parser might treat as a line break becomes a plain LF (escaped as \n by icalendar).
_LINE_BREAK = re.compile(r"\r\n|[\r\x85\u2028\u2029]")


def ics_text(text: str) -> str:
    """``text`` safe for an iCalendar TEXT value: line breaks normalised to LF, control characters removed."""
    return _CONTROL.sub("", _LINE_BREAK.sub("\n", text))


def build_calendar(calendar: dict[str, Any]) -> bytes:
    """The bytes of an iCalendar file for a plain ``calendar`` dict.

    ``calendar`` holds ``prodid``, ``name``, ``stamp`` (an ISO date-time in UTC)
    and ``events``: each with ``uid``, ``summary``, ``description``, ``start``
    (ISO date), ``categories`` (list) and ``alarms`` (each ``minutes`` relative to
    the start of the day, negative before, and ``description``).
    """
    from icalendar import Alarm, Calendar, Event

    stamp = datetime.datetime.fromisoformat(calendar["stamp"]).astimezone(datetime.timezone.utc)
    result = Calendar()
    result.add("prodid", calendar["prodid"])
    result.add("version", "2.0")
    result.add("calscale", "GREGORIAN")
    result.add("method", "PUBLISH")
    result.add("x-wr-calname", ics_text(calendar["name"]))
    for item in calendar["events"]:
        start = datetime.date.fromisoformat(item["start"])
        event = Event()
        event.add("uid", item["uid"])
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", start + datetime.timedelta(days=1))
        event.add("summary", ics_text(item["summary"]))
        event.add("description", ics_text(item["description"]))
        if item.get("categories"):
            event.add("categories", [ics_text(category) for category in item["categories"]])
        event.add("transp", "TRANSPARENT")
        event.add("status", "CONFIRMED")
        event.add("sequence", 0)
        for reminder in item.get("alarms", []):
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", ics_text(reminder["description"]))
            alarm.add("trigger", datetime.timedelta(minutes=reminder["minutes"]))
            event.add_component(alarm)
        result.add_component(event)
    return result.to_ical()


def render_follow_up_ics(context: dict[str, Any], templates: "TemplateSet") -> bytes:
    """The follow-up-plan's calendar (``templates`` is unused: the calendar has no template)."""
    return build_calendar(context["calendar"])
