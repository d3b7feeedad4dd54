"""The ``ics`` format: an iCalendar file (RFC 5545) built with the icalendar package.

A document with an ``ics`` format puts its events in its context as a plain
``calendar`` dict (the follow-up plan's ``calendar_context`` makes it);
``render_format`` hands it to :func:`build_calendar`, which only turns it into
iCalendar objects, so what goes into the calendar is decided in one place and
tested without parsing.

Rules that make the file import cleanly everywhere and render reproducibly:

- every event is all-day (``DTSTART;VALUE=DATE``, ``DTEND`` the next day),
  marked free (``TRANSP:TRANSPARENT``), so no time zone is involved;
- ``DTSTAMP`` comes from the context (derived from the notes), never from the
  clock, so rendering twice gives byte-identical files;
- an update is an update (RFC 5545 3.8.7.4): when a calendar is written over the
  one written before, :func:`continue_calendar` carries each event's ``SEQUENCE``
  and ``DTSTAMP`` on from it: an event whose content is as before keeps both (the
  same notes give the same bytes), a changed event gets ``SEQUENCE`` one higher and
  a ``DTSTAMP`` later than the one before, so a calendar that imports the file
  again updates the event instead of ignoring it as a duplicate;
- text is escaped by icalendar (``,`` ``;`` ``\\`` and newlines); before that,
  control characters, which RFC 5545 forbids in text and which some parsers
  would take as line breaks, are removed, and every kind of line break becomes
  ``\\n``.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

#: The context keys a calendar is made from (it has no template): render/reads.py.
CALENDAR_KEYS = frozenset({"calendar"})

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

    stamp = datetime.datetime.fromisoformat(calendar["stamp"]).astimezone(datetime.UTC)
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
    data: bytes = result.to_ical()
    return data


#: the most of a previous calendar that is read (a bigger file is not one followup wrote)
PREVIOUS_LIMIT = 2_000_000
_EVENT = re.compile(rb"BEGIN:VEVENT\r?\n.*?END:VEVENT\r?\n", re.DOTALL)
_STAMP_FORMAT = "%Y%m%dT%H%M%SZ"


def _event_lines(block: bytes) -> list[bytes]:
    """The unfolded content lines of one VEVENT block."""
    return re.sub(rb"\r?\n[ \t]", b"", block).splitlines()


def _event_facts(block: bytes) -> tuple[bytes, bytes, int, datetime.datetime | None]:
    """An event's UID, its content without DTSTAMP and SEQUENCE, its SEQUENCE and its DTSTAMP."""
    uid, sequence, stamp = b"", 0, None
    content = []
    for line in _event_lines(block):
        name = line.split(b":", 1)[0].split(b";", 1)[0].upper()
        value = line.split(b":", 1)[1] if b":" in line else b""
        if name == b"UID" and not uid:
            uid = value
        if name == b"SEQUENCE":
            sequence = int(value) if value.strip().isdigit() else 0
        elif name == b"DTSTAMP":
            try:
                stamp = datetime.datetime.strptime(value.decode("ascii").strip(), _STAMP_FORMAT)
            except (UnicodeDecodeError, ValueError):
                stamp = None
        else:
            content.append(line)
    return uid, b"\n".join(content), sequence, stamp


def continue_calendar(new: bytes, previous: bytes | None) -> bytes:
    """``new`` with each event's SEQUENCE and DTSTAMP carried on from ``previous`` (see the module's rules).

    An event of ``new`` whose UID ``previous`` has: unchanged (every property but
    DTSTAMP and SEQUENCE, alarms included) it takes the previous SEQUENCE and
    DTSTAMP; changed, SEQUENCE becomes the previous one plus one and DTSTAMP the
    later of its own and the previous one plus a second. Events new in ``new``
    are left as built. Only the DTSTAMP and SEQUENCE lines change, so the rest of
    the bytes are those :func:`build_calendar` made; a ``previous`` that is not a
    calendar changes nothing.
    """
    if not previous or len(previous) > PREVIOUS_LIMIT:
        return new
    before = {}
    for match in _EVENT.finditer(previous):
        uid, content, sequence, stamp = _event_facts(match.group(0))
        if uid:
            before[uid] = (content, sequence, stamp)

    def carried(match: re.Match[bytes]) -> bytes:
        block = match.group(0)
        uid, content, sequence, stamp = _event_facts(block)
        if uid not in before or stamp is None:
            return block
        old_content, old_sequence, old_stamp = before[uid]
        if old_content == content:
            new_sequence, new_stamp = old_sequence, old_stamp or stamp
        else:
            new_sequence = max(sequence, old_sequence + 1)
            new_stamp = max(stamp, old_stamp + datetime.timedelta(seconds=1)) if old_stamp else stamp
        block = re.sub(rb"(?m)^SEQUENCE:[^\r\n]*", b"SEQUENCE:%d" % new_sequence, block, count=1)
        return re.sub(rb"(?m)^DTSTAMP:[^\r\n]*", b"DTSTAMP:" + new_stamp.strftime(_STAMP_FORMAT).encode("ascii"),
                      block, count=1)

    return _EVENT.sub(carried, new)

