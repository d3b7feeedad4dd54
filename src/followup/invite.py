"""Read an interview invitation (``.ics``, or an ``.eml`` carrying one) for ``followup new --from``.

What Google Calendar, Outlook/Exchange, Zoom and Teams send is iCalendar
(RFC 5545) with ``METHOD:REQUEST``: one ``VEVENT`` with ``SUMMARY``, ``DTSTART``
(in a ``TZID`` whose ``VTIMEZONE`` is included; Outlook names it the Windows way,
"Eastern Standard Time"), ``LOCATION``, ``DESCRIPTION``, an ``ORGANIZER`` and
``ATTENDEE``s (``CN`` the name, ``mailto:`` the address, ``CUTYPE=ROOM`` or
``RESOURCE`` for rooms), and the meeting link in ``LOCATION``, ``DESCRIPTION``,
``X-GOOGLE-CONFERENCE`` or ``X-MICROSOFT-SKYPETEAMSMEETINGURL``. icalendar reads
the folded lines, CRLF endings and time zones (Windows names included).

:func:`read_invite` returns what the notes can start from and nothing it is
unsure of: the role only when the title reads like one ("Interview: Regional
Sales Manager – Acme Robotics"), ``decision_role = "recruiter"`` only when the
invitation says the person recruits. Anything that is not an invitation is one
:class:`~followup.errors.UserError` line.
"""

from __future__ import annotations

import datetime
import email
import email.policy
import re
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path
from typing import Any

from followup.errors import Problem, UsageError, UserError

#: meeting services whose links make an interview a video call, and the name written as its location
MEETING_LINKS: tuple[tuple[str, str], ...] = (
    (r"https?://[\w.-]*zoom\.us/(?:j|my|w|s)/\S+", "Zoom"),
    (r"https?://teams\.microsoft\.com/l/meetup-join/\S+", "Microsoft Teams"),
    (r"https?://teams\.live\.com/meet/\S+", "Microsoft Teams"),
    (r"https?://meet\.google\.com/[a-z]{3}-[a-z]{4}-[a-z]{3}\S*", "Google Meet"),
    (r"https?://[\w.-]*webex\.com/\S+", "Webex"),
    (r"https?://(?:[\w.-]+\.)?whereby\.com/\S+", "Whereby"),
    (r"https?://(?:global\.|app\.)?gotomeeting\.com/join/\S+", "GoToMeeting"),
)
_RECRUITING = re.compile(r"\b(recruit\w*|talent acquisition|talent partner|sourc(?:er|ing)|hr business partner|"
                         r"people partner|human resources|hiring coordinator)\b", re.IGNORECASE)
_ROLE_WORDS = re.compile(r"\b(manager|director|executive|representative|rep|engineer|lead|head|vp|vice president|"
                         r"president|specialist|consultant|analyst|officer|partner|associate|coordinator|developer|"
                         r"designer|architect|sales|account|ae|sdr|bdr|cro|cfo|cto|ceo|advisor|strategist)\b",
                         re.IGNORECASE)
_STAGE = re.compile(r"\b((?:first|second|third|fourth|final|1st|2nd|3rd|4th) (?:round|interview)|phone screen|"
                    r"screening call|panel(?: interview)?|onsite(?: interview)?)\b", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s*<>\s*|\s+[-–—|/x]\s+|\s*[:|–—]\s*|\s+(?:at|with|for|@)\s+|\s*[()]\s*", re.IGNORECASE)
_INTERVIEW_WORDS = re.compile(r"\b(interview(?:ing)?|invitation|invite|meeting|call|video call|zoom|teams)\b",
                              re.IGNORECASE)
_NOT_PEOPLE = {"ROOM", "RESOURCE", "GROUP", "UNKNOWN"}


@dataclass
class Person:
    """Someone on the invitation: an ``[[interviewers]]`` table."""

    name: str | None
    email: str | None
    title: str | None = None
    decision_role: str | None = None


@dataclass
class Invitation:
    """What an interview invitation says, ready for the notes."""

    summary: str
    date: datetime.date
    timezone: str | None = None
    role: str | None = None
    stage: str | None = None
    format: str | None = None
    location: str | None = None
    people: list[Person] = field(default_factory=list)


def _fail(path: Path, message: str) -> UserError:
    return UserError(Problem(message, file=path))


def _calendar_text(path: Path) -> bytes:
    """The iCalendar bytes of ``path``: the file itself, or the calendar part of an email."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UsageError(Problem("no such file", file=path)) from None
    except IsADirectoryError:
        raise UsageError(Problem("is a folder, not an invitation", file=path)) from None
    except OSError as error:
        raise _fail(path, f"cannot be read: {error.strerror or error}") from None
    head = raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:40].upper()
    if head.startswith(b"BEGIN:VCALENDAR"):
        return raw
    message = email.message_from_bytes(raw, policy=email.policy.default)
    if not message.keys():
        raise _fail(path, "is not an invitation: neither an .ics calendar nor an email carrying one")
    for part in message.walk():
        if _is_calendar(part):
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and payload.strip():
                return payload
    raise _fail(path, "is an email without a calendar invitation in it (no text/calendar part)")


def _is_calendar(part: Message) -> bool:
    content_type = part.get_content_type()
    if content_type in ("text/calendar", "application/ics"):
        return True
    filename = part.get_filename() or ""
    return filename.lower().endswith(".ics")


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _text(value: Any) -> str:
    """A property's text without control characters (TOML cannot hold them unescaped), stripped."""
    return _CONTROL.sub("", str(value)).strip() if value is not None else ""


def _address(value: Any) -> str | None:
    text = _text(value)
    if text.lower().startswith("mailto:"):
        text = text[7:]
    text = text.strip()
    return text if "@" in text else None


def turned_round(name: str) -> str:
    """``"Lee, Jordan"`` -> ``"Jordan Lee"``; a name without one comma is left as it is."""
    name = " ".join(name.strip().strip('"').split())
    if name.count(",") == 1:
        last, first = (part.strip() for part in name.split(","))
        suffixes = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "phd", "ph.d.", "md", "mba"}
        if first and last and first.lower() not in suffixes:
            return f"{first} {last}"
    return name


def _name_and_title(common_name: str) -> tuple[str, str | None]:
    """``"Priya Raman (Talent Acquisition)"`` / ``"Priya Raman - Recruiter"`` -> name and title."""
    found = re.fullmatch(r"(.+?)\s*(?:\((.+)\)|\s[-–|]\s(.+))", common_name)
    if found:
        name = found.group(1)
        title = (found.group(2) or found.group(3) or "").strip()
        return turned_round(name), title or None
    return turned_round(common_name), None


def _name_from_address(address: str) -> str | None:
    local = address.split("@", 1)[0]
    parts = [part for part in re.split(r"[._-]+", local) if part.isalpha()]
    if len(parts) >= 2:
        return " ".join(part.capitalize() for part in parts)
    return None


def _signature_title(description: str, name: str) -> str | None:
    """The line under ``name`` in the description, when it is a job title (an email signature)."""
    lines = [line.strip() for line in description.splitlines()]
    for index, line in enumerate(lines):
        if line.casefold() == name.casefold() and index + 1 < len(lines):
            following = lines[index + 1].split("|")[0].strip()
            if following and len(following) <= 60 and not re.search(r"[@:/]|\d{3}", following):
                return following
    return None


def _people(event: Any, description: str, candidate_emails: set[str], candidate_name: str | None) -> list[Person]:
    """Organizer and attendees alike, once each; never the candidate, a room or a resource."""
    entries: list[Any] = []
    organizer = event.get("ORGANIZER")
    if organizer is not None:
        entries.append(organizer)
    attendees = event.get("ATTENDEE")
    if attendees is not None:
        entries.extend(attendees if isinstance(attendees, list) else [attendees])
    people: list[Person] = []
    seen: set[str] = set()
    for value in entries:
        params = getattr(value, "params", {})
        if str(params.get("CUTYPE", "INDIVIDUAL")).upper() in _NOT_PEOPLE:
            continue
        address = _address(value)
        if address and address.lower().endswith("resource.calendar.google.com"):
            continue  # a Google room booked as an attendee
        if address and address.lower() in candidate_emails:
            continue
        common_name = _text(params.get("CN")).strip('"')
        name, title = _name_and_title(common_name) if common_name and "@" not in common_name else (None, None)
        if name is None and address:
            name = _name_from_address(address)
        if candidate_name and name and name.casefold() == candidate_name.casefold():
            continue
        key = (address or name or "").lower()
        if not key or key in seen:
            continue
        seen.add(key)
        if title is None and name:
            title = _signature_title(description, name)
        role_text = " ".join(filter(None, [title, address.split("@")[0] if address else None]))
        recruiter = bool(_RECRUITING.search(role_text)) or bool(
            address and re.match(r"(recruit|talent|careers|jobs|hiring)", address, re.IGNORECASE))
        people.append(Person(name=name, email=address, title=title,
                             decision_role="recruiter" if recruiter else None))
    return people


def _loosely(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.casefold()).strip()


def _names_company(part: str, companies: list[str]) -> bool:
    """``part`` is the company: one of ``companies``, or the start of one ("Acme Robotics" of "Acme Robotics Inc")."""
    loose = _loosely(part)
    return any(loose == _loosely(name) or _loosely(name).startswith(loose + " ") for name in companies if name)


def _domain_names(people: list[Person]) -> list[str]:
    """"acme robotics" for jordan.lee@acme-robotics.example: the company as its addresses spell it."""
    names = []
    for person in people:
        if person.email:
            labels = person.email.rsplit("@", 1)[1].split(".")
            if len(labels) >= 2:
                names.append(labels[-2].replace("-", " "))
    return names


def role_and_stage(summary: str, company: str | None, candidate_name: str | None,
                   other_names: list[str] | None = None) -> tuple[str | None, str | None]:
    """The role and the stage a title names, when it clearly does; (None, None) when unsure.

    ``company`` (and ``other_names``, e.g. from the interviewers' addresses) is taken out of the title.
    """
    stage_match = _STAGE.search(summary)
    stage = stage_match.group(1) if stage_match else None
    text = _STAGE.sub(" ", summary)
    leftovers = []
    for part in _SEPARATORS.split(text):
        part = _INTERVIEW_WORDS.sub(" ", part or "")
        part = " ".join(part.split()).strip(" -–—,.;")
        if not part:
            continue
        if _names_company(part, [company or "", *(other_names or [])]):
            continue
        if candidate_name and _loosely(part) == _loosely(candidate_name):
            continue
        leftovers.append(part)
    role = None
    if len(leftovers) == 1 and _ROLE_WORDS.search(leftovers[0]) and len(leftovers[0]) <= 80:
        role = leftovers[0]
    if stage:
        stage = stage[0].upper() + stage[1:]
    return role, stage


def _meeting_service(texts: list[str]) -> str | None:
    for text in texts:
        for pattern, service in MEETING_LINKS:
            if re.search(pattern, text, re.IGNORECASE):
                return service
    return None


def _local_date(event: Any, calendar: Any) -> tuple[datetime.date, str | None]:
    start = event.get("DTSTART")
    if start is None:
        raise ValueError("the invitation has no start date (DTSTART)")
    value = event.decoded("DTSTART")
    if isinstance(value, datetime.datetime):
        zone = value.tzinfo
        name = str(start.params.get("TZID")) if start.params.get("TZID") else None
        if zone is not None and name is None:  # a UTC time: the calendar's own zone, if it names one
            wanted = _text(calendar.get("X-WR-TIMEZONE"))
            zones = calendar.walk("VTIMEZONE")
            if not wanted and len(zones) == 1:
                wanted = _text(zones[0].get("TZID"))
            if wanted:
                converted = _in_zone(value, wanted, calendar)
                if converted is not None:
                    return converted.date(), wanted
            return value.date(), "UTC" if value.utcoffset() == datetime.timedelta(0) else None
        return value.date(), name
    if isinstance(value, datetime.date):
        return value, None
    raise ValueError(f"the invitation's start date cannot be read ({_text(start.to_ical().decode())!r})")


def _in_zone(value: datetime.datetime, zone_name: str, calendar: Any) -> datetime.datetime | None:
    try:
        zones = {_text(zone.get("TZID")): zone.to_tz() for zone in calendar.walk("VTIMEZONE")}
    except Exception:  # noqa: BLE001 - a VTIMEZONE icalendar cannot turn into a zone: try the name
        zones = {}
    zone = zones.get(zone_name)
    if zone is None:
        import zoneinfo

        from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

        try:
            zone = zoneinfo.ZoneInfo(WINDOWS_TO_OLSON.get(zone_name, zone_name))
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return None
    return value.astimezone(zone)


def read_invite(path: Path, *, company: str | None = None, candidate_emails: set[str] | None = None,
                candidate_name: str | None = None) -> Invitation:
    """Read the first event of an invitation; raise :class:`UserError` (one line) when it is not one."""
    import icalendar

    path = Path(path)
    data = _calendar_text(path)
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except (ValueError, IndexError, KeyError) as error:
        reason = str(error).split(": b'", 1)[0].split("\n", 1)[0]
        reason = reason if len(reason) <= 100 else reason[:99] + "…"
        raise _fail(path, f"is not a calendar invitation that can be read ({reason})") from None
    method = _text(calendar.get("METHOD")).upper()
    if method == "CANCEL":
        raise _fail(path, "is a cancellation, not an invitation")
    events = calendar.walk("VEVENT")
    if not events:
        raise _fail(path, "is a calendar without an event in it")
    event = events[0]
    try:
        day, zone = _local_date(event, calendar)
    except ValueError as error:
        raise _fail(path, str(error)) from None
    summary = " ".join(_text(event.get("SUMMARY")).split())
    location = _text(event.get("LOCATION"))
    description = _text(event.get("DESCRIPTION"))
    links = [location, description, _text(event.get("X-GOOGLE-CONFERENCE")),
             _text(event.get("X-MICROSOFT-SKYPETEAMSMEETINGURL")), _text(event.get("URL"))]
    service = _meeting_service(links)
    if service is not None:
        meeting_format: str | None = "video"
        if not location or re.fullmatch(r"https?://\S+", location):
            location = service
    elif location and re.fullmatch(r"[+\d\s().-]{7,}", location):
        meeting_format = "phone"
    else:
        meeting_format = "onsite" if location else None
    emails = {address.lower() for address in candidate_emails or set()}
    people = _people(event, description, emails, candidate_name)
    role, stage = role_and_stage(summary, company, candidate_name, _domain_names(people))
    return Invitation(summary=summary, date=day, timezone=zone, role=role, stage=stage, format=meeting_format,
                      location=location or None, people=people)
