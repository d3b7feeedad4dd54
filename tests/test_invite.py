"""``followup new NAME --from INVITE``: invitations as Google Calendar, Outlook/Exchange, Zoom and Teams send them.

Each invitation below is written the way that client writes it (METHOD:REQUEST,
a VTIMEZONE block, CRLF line endings, lines folded at 75 octets, the client's
X- properties), then read through the CLI, and the notes file it writes is read
back with tomllib.
"""

from __future__ import annotations

import base64
import datetime
import subprocess
import sys
import tomllib
from email.message import EmailMessage
from pathlib import Path

import pytest
from typer.testing import CliRunner

from followup.cli import app
from followup.errors import UsageError, UserError
from followup.invite import read_invite, role_and_stage, turned_round

runner = CliRunner()


def fold(line: str) -> str:
    """An iCalendar line folded at 75 octets (RFC 5545 3.1), as the clients do (not inside a UTF-8 character)."""
    data = line.encode("utf-8")
    parts: list[bytes] = []
    limit = 75
    while len(data) > limit:
        cut = limit
        while cut > 0 and (data[cut] & 0xC0) == 0x80:
            cut -= 1
        parts.append(data[:cut])
        data = data[cut:]
        limit = 74  # the continuation's leading space counts
    parts.append(data)
    return "\n ".join(part.decode("utf-8") for part in parts)


def crlf(text: str) -> bytes:
    """What a client sends: the blocks put in, every long line folded, CRLF line endings."""
    for token, value in (("@NEW_YORK@", NEW_YORK), ("@EXCHANGE_TZ@", EXCHANGE_TZ), ("@BERLIN_TZ@", BERLIN_TZ),
                         ("@TEAMS_URL@", TEAMS_URL)):
        text = text.replace(token, value)
    lines = text.replace("\r\n", "\n").rstrip("\n").split("\n")
    return ("\r\n".join(fold(line) for line in lines) + "\r\n").encode("utf-8")


NEW_YORK = """BEGIN:VTIMEZONE
TZID:America/New_York
X-LIC-LOCATION:America/New_York
BEGIN:DAYLIGHT
TZOFFSETFROM:-0500
TZOFFSETTO:-0400
TZNAME:EDT
DTSTART:19700308T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:-0400
TZOFFSETTO:-0500
TZNAME:EST
DTSTART:19701101T020000
RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
END:STANDARD
END:VTIMEZONE"""

GOOGLE = """BEGIN:VCALENDAR
PRODID:-//Google Inc//Google Calendar 70.9054//EN
VERSION:2.0
CALSCALE:GREGORIAN
METHOD:REQUEST
@NEW_YORK@
BEGIN:VEVENT
DTSTART;TZID=America/New_York:20261120T100000
DTEND;TZID=America/New_York:20261120T113000
DTSTAMP:20261112T150000Z
ORGANIZER;CN=Jordan Lee:mailto:jordan.lee@acme-robotics.example
UID:5ds0a3k2l1m9n8b7v6c5x4z3@google.com
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;RSVP=TRUE;CN=Jordan Lee;X-NUM-GUESTS=0:mailto:jordan.lee@acme-robotics.example
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=Sam Okafor;X-NUM-GUESTS=0:mailto:sam.okafor@acme-robotics.example
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=dana.whitfield@example.com;X-NUM-GUESTS=0:mailto:dana.whitfield@example.com
ATTENDEE;CUTYPE=RESOURCE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Waltham-3-Boardroom (12);X-NUM-GUESTS=0:mailto:c_1889abcdef@resource.calendar.google.com
X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij
DESCRIPTION:Second round with the sales leadership team.\\n\\nJoin with Google Meet: https://meet.google.com/abc-defg-hij\\nOr dial: (US) +1 617-555-0100 PIN: 123456789#
LOCATION:
SEQUENCE:0
STATUS:CONFIRMED
SUMMARY:Interview: Regional Sales Manager – Acme Robotics (Second round)
TRANSP:OPAQUE
BEGIN:VALARM
ACTION:DISPLAY
DESCRIPTION:This is an event reminder
TRIGGER:-P0DT0H10M0S
END:VALARM
END:VEVENT
END:VCALENDAR
"""

EXCHANGE_TZ = """BEGIN:VTIMEZONE
TZID:Eastern Standard Time
BEGIN:STANDARD
DTSTART:16010101T020000
TZOFFSETFROM:-0400
TZOFFSETTO:-0500
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=1SU;BYMONTH=11
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:-0500
TZOFFSETTO:-0400
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=2SU;BYMONTH=3
END:DAYLIGHT
END:VTIMEZONE"""

OUTLOOK = """BEGIN:VCALENDAR
METHOD:REQUEST
PRODID:Microsoft Exchange Server 2010
VERSION:2.0
@EXCHANGE_TZ@
BEGIN:VEVENT
ORGANIZER;CN="Raman, Priya":mailto:priya.raman@acme-robotics.example
ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN="Lee, Jordan":mailto:jordan.lee@acme-robotics.example
ATTENDEE;ROLE=OPT-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN="Martínez, José":mailto:jose.martinez@acme-robotics.example
ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=Dana Whitfield:mailto:Dana.Whitfield@example.com
ATTENDEE;CUTYPE=ROOM;ROLE=NON-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=Conf Room Waltham 3 (12):mailto:confroom.waltham3@acme-robotics.example
DESCRIPTION;LANGUAGE=en-US:Hi Dana\\,\\n\\nLooking forward to meeting you. The panel is Jordan and José.\\n\\nPriya Raman\\nTalent Acquisition Partner | Acme Robotics\\n+1 781 555 0100\\n
UID:040000008200E00074C5B7101A82E00800000000D0C1E7A3B65FDC01000000000000000010000000A1B2C3D4
SUMMARY;LANGUAGE=en-US:Acme Robotics - Regional Sales Manager - Final round
DTSTART;TZID=Eastern Standard Time:20261120T190000
DTEND;TZID=Eastern Standard Time:20261120T200000
CLASS:PUBLIC
PRIORITY:5
DTSTAMP:20261112T150000Z
TRANSP:OPAQUE
STATUS:CONFIRMED
SEQUENCE:0
LOCATION;LANGUAGE=en-US:Conf Room Waltham 3 (12)
X-MICROSOFT-CDO-APPT-SEQUENCE:0
X-MICROSOFT-CDO-OWNERAPPTID:2121343535
X-MICROSOFT-CDO-BUSYSTATUS:TENTATIVE
X-MICROSOFT-CDO-INTENDEDSTATUS:BUSY
X-MICROSOFT-CDO-ALLDAYEVENT:FALSE
X-MICROSOFT-CDO-IMPORTANCE:1
X-MICROSOFT-CDO-INSTTYPE:0
X-MICROSOFT-DONOTFORWARDMEETING:FALSE
X-MICROSOFT-DISALLOW-COUNTER:FALSE
X-MICROSOFT-LOCATIONS:[{"DisplayName":"Conf Room Waltham 3 (12)"}]
BEGIN:VALARM
DESCRIPTION:REMINDER
TRIGGER;RELATED=START:-PT15M
ACTION:DISPLAY
END:VALARM
END:VEVENT
END:VCALENDAR
"""

ZOOM = """BEGIN:VCALENDAR
PRODID:-//zoom.us//iCalendar Event//EN
VERSION:2.0
CALSCALE:GREGORIAN
METHOD:PUBLISH
X-WR-TIMEZONE:America/New_York
BEGIN:VEVENT
DTSTAMP:20261112T150000Z
DTSTART:20261121T013000Z
DTEND:20261121T023000Z
SUMMARY:Acme Robotics Interview - Dana Whitfield
UID:20261112T150000Z-81234567890@fe80:0:0:0:1234:5678:9abc:def0
TZID:America/New_York
DESCRIPTION:Priya Raman is inviting you to a scheduled Zoom meeting.\\n\\nJoin Zoom Meeting\\nhttps://us02web.zoom.us/j/81234567890?pwd=QWxhZGRpbjpvcGVuIHNlc2FtZQ.1\\n\\nMeeting ID: 812 3456 7890\\nPasscode: 482913\\n
LOCATION:https://us02web.zoom.us/j/81234567890?pwd=QWxhZGRpbjpvcGVuIHNlc2FtZQ.1
ORGANIZER;CN=Priya Raman (Recruiter):mailto:priya.raman@acme-robotics.example
BEGIN:VALARM
TRIGGER:-PT10M
ACTION:DISPLAY
DESCRIPTION:Reminder
END:VALARM
END:VEVENT
END:VCALENDAR
"""

BERLIN_TZ = """BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16010101T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3
END:DAYLIGHT
END:VTIMEZONE"""

TEAMS_URL = ("https://teams.microsoft.com/l/meetup-join/19%3ameeting_NTg0MmRhOWEtNjE3Ni00ZTZiLWI2ZTMtYjA5YzM5OTE3Yjk3"
             "%40thread.v2/0?context=%7b%22Tid%22%3a%2272f988bf%22%2c%22Oid%22%3a%22a1b2c3%22%7d")
TEAMS = """BEGIN:VCALENDAR
METHOD:REQUEST
PRODID:Microsoft Exchange Server 2010
VERSION:2.0
@BERLIN_TZ@
BEGIN:VEVENT
ORGANIZER;CN=Katrin Vogel:mailto:katrin.vogel@berlin-gmbh.example
ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN="Brandt, Chloé":mailto:chloe.brandt@berlin-gmbh.example
ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=Dana Whitfield:mailto:dana.whitfield@example.com
DESCRIPTION;LANGUAGE=de-DE:________________________________________________________________________________\\nMicrosoft Teams-Besprechung\\nAuf dem Computer\\, in der mobilen App oder im Raumgerät teilnehmen\\nKlicken Sie hier\\, um an der Besprechung teilzunehmen<@TEAMS_URL@>\\nBesprechungs-ID: 271 908 343 52\\nPasscode: LZ6jQG\\n________________________________________________________________________________\\n
UID:040000008200E00074C5B7101A82E00800000000F1E2D3C4B5A6DC01000000000000000010000000E5F6A7B8
SUMMARY;LANGUAGE=de-DE:Interview Account Executive DACH
DTSTART;TZID=W. Europe Standard Time:20261201T003000
DTEND;TZID=W. Europe Standard Time:20261201T013000
CLASS:PUBLIC
PRIORITY:5
DTSTAMP:20261124T090000Z
TRANSP:OPAQUE
STATUS:CONFIRMED
SEQUENCE:0
LOCATION;LANGUAGE=de-DE:Microsoft Teams-Besprechung
X-MICROSOFT-CDO-APPT-SEQUENCE:0
X-MICROSOFT-CDO-BUSYSTATUS:TENTATIVE
X-MICROSOFT-CDO-INTENDEDSTATUS:BUSY
X-MICROSOFT-CDO-ALLDAYEVENT:FALSE
X-MICROSOFT-CDO-IMPORTANCE:1
X-MICROSOFT-CDO-INSTTYPE:0
X-MICROSOFT-SKYPETEAMSMEETINGURL:@TEAMS_URL@
X-MICROSOFT-SCHEDULINGSERVICEUPDATEURL:https://api.scheduler.teams.microsoft.com/teamsforbusiness/
X-MICROSOFT-DONOTFORWARDMEETING:FALSE
X-MICROSOFT-DISALLOW-COUNTER:FALSE
END:VEVENT
END:VCALENDAR
"""


def outlook_email(calendar: bytes) -> bytes:
    """An Outlook meeting request: multipart/alternative with text, HTML and a base64 text/calendar part."""
    message = EmailMessage()
    message["From"] = '"Raman, Priya" <priya.raman@acme-robotics.example>'
    message["To"] = "Dana Whitfield <dana.whitfield@example.com>"
    message["Subject"] = "Acme Robotics - Regional Sales Manager - Final round"
    message.set_content("Hi Dana, looking forward to meeting you.")
    message.add_alternative("<p>Hi Dana, looking forward to meeting you.</p>", subtype="html")
    message.add_alternative(calendar, maintype="text", subtype="calendar", params={"method": "REQUEST"},
                            cte="base64")
    return bytes(message)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A notes folder whose profile holds the candidate (her address and name are never an interviewer)."""
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "profile.toml").write_text('[candidate]\nname = "Dana Whitfield"\nemail = "dana.whitfield@example.com"\n',
                                        encoding="utf-8")
    return notes


def new_from(folder: Path, name: str, invite: Path) -> dict:
    result = runner.invoke(app, ["new", name, "--dir", str(folder), "--from", str(invite)])
    assert result.exit_code == 0, (result.output, result.exception)
    path = Path(result.output.split("wrote ", 1)[1].strip())
    text = path.read_text(encoding="utf-8")
    assert "# Questions to ask:" in text and "#   - If you had to decide today, would you hire me?" in text
    return tomllib.loads(text)


def people(notes: dict) -> list[dict]:
    return [{key: value for key, value in person.items() if key != "topics"} for person in notes["interviewers"]]


def test_google_calendar(folder: Path, tmp_path: Path) -> None:
    invite = tmp_path / "invite.ics"
    invite.write_bytes(crlf(GOOGLE))
    notes = new_from(folder, "Acme Robotics", invite)
    assert notes["company"]["name"] == "Acme Robotics"
    assert notes["role"]["title"] == "Regional Sales Manager"
    assert notes["interview"] == {"date": datetime.date(2026, 11, 20), "stage": "Second round", "format": "video",
                                  "location": "Google Meet"}
    assert people(notes) == [  # the organizer once; not Dana, not the boardroom
        {"name": "Jordan Lee", "email": "jordan.lee@acme-robotics.example"},
        {"name": "Sam Okafor", "email": "sam.okafor@acme-robotics.example"},
    ]


def test_outlook_exchange_email(folder: Path, tmp_path: Path) -> None:
    invite = tmp_path / "Interview.eml"
    invite.write_bytes(outlook_email(crlf(OUTLOOK)))
    assert b"Content-Transfer-Encoding: base64" in invite.read_bytes()
    notes = new_from(folder, "Acme Robotics", invite)
    assert notes["role"]["title"] == "Regional Sales Manager"
    # 19:00 Eastern on the 20th is the 21st in UTC: the invitation's own time zone decides
    assert notes["interview"] == {"date": datetime.date(2026, 11, 20), "stage": "Final round", "format": "onsite",
                                  "location": "Conf Room Waltham 3 (12)"}
    assert people(notes) == [
        {"name": "Priya Raman", "email": "priya.raman@acme-robotics.example", "title": "Talent Acquisition Partner",
         "decision_role": "recruiter"},  # her signature in the invitation says so
        {"name": "Jordan Lee", "email": "jordan.lee@acme-robotics.example"},
        {"name": "José Martínez", "email": "jose.martinez@acme-robotics.example"},
    ]  # "Last, First" turned round; Dana's address in another case and the room left out


def test_zoom(folder: Path, tmp_path: Path) -> None:
    invite = tmp_path / "zoom.ics"
    invite.write_bytes(crlf(ZOOM))
    notes = new_from(folder, "Acme Robotics", invite)
    assert notes["role"]["title"] == "Job Title"  # "Acme Robotics Interview - Dana Whitfield" names no role
    # 01:30 UTC on the 21st is 20:30 on the 20th in the calendar's zone (X-WR-TIMEZONE)
    assert notes["interview"] == {"date": datetime.date(2026, 11, 20), "format": "video", "location": "Zoom"}
    assert people(notes) == [{"name": "Priya Raman", "email": "priya.raman@acme-robotics.example",
                              "title": "Recruiter", "decision_role": "recruiter"}]


def test_teams(folder: Path, tmp_path: Path) -> None:
    invite = tmp_path / "teams.ics"
    invite.write_bytes(crlf(TEAMS))
    notes = new_from(folder, "Berlin GmbH", invite)
    assert notes["role"]["title"] == "Account Executive DACH"
    assert notes["interview"] == {"date": datetime.date(2026, 12, 1), "format": "video",
                                  "location": "Microsoft Teams-Besprechung"}  # 00:30 in Berlin, Nov 30 in UTC
    assert people(notes) == [  # Katrin's role is not stated: no decision_role guessed
        {"name": "Katrin Vogel", "email": "katrin.vogel@berlin-gmbh.example"},
        {"name": "Chloé Brandt", "email": "chloe.brandt@berlin-gmbh.example"},
    ]


def test_a_filled_in_invite_scaffold_loads_once_the_placeholders_are_replaced(folder: Path, tmp_path: Path) -> None:
    from followup.notes import load_notes

    invite = tmp_path / "invite.ics"
    invite.write_bytes(crlf(GOOGLE))
    runner.invoke(app, ["new", "Acme Robotics", "--dir", str(folder), "--from", str(invite)])
    path = folder / "acme-robotics.toml"
    loaded = load_notes(path)
    assert [person.name for person in loaded.notes.interviewers] == ["Jordan Lee", "Sam Okafor"]
    assert loaded.notes.candidate.name == "Dana Whitfield"  # from the profile: [candidate] is commented out
    assert loaded.warnings == []


@pytest.mark.parametrize(("summary", "expected"), [
    ("Interview: Regional Sales Manager – Acme Robotics", ("Regional Sales Manager", None)),
    ("Acme Robotics | Account Executive (Final round)", ("Account Executive", "Final round")),
    ("Dana Whitfield <> Acme Robotics: VP of Sales interview", ("VP of Sales", None)),
    ("Acme Robotics Interview - Dana Whitfield", (None, None)),
    ("Catch-up with Jordan", (None, None)),
    ("Interview for Sales Manager at Acme Robotics, second round", ("Sales Manager", "Second round")),
    ("Acme Robotics: Jordan / Dana", (None, None)),  # names, not a role
])
def test_the_role_only_when_the_title_clearly_names_one(summary: str, expected: tuple[str | None, str | None]) -> None:
    assert role_and_stage(summary, "Acme Robotics", "Dana Whitfield") == expected


def test_the_company_is_also_known_by_its_addresses(folder: Path, tmp_path: Path) -> None:
    invite = tmp_path / "invite.eml"
    invite.write_bytes(outlook_email(crlf(OUTLOOK)))
    notes = new_from(folder, "Acme Final Round", invite)  # NAME is only a file name here
    assert notes["role"]["title"] == "Regional Sales Manager"  # "Acme Robotics" is their address's name
    assert role_and_stage("Acme Robotics Inc | Account Executive", "Acme Robotics", None) == (None, None)
    assert role_and_stage("Acme | Account Executive", "Acme Robotics", None) == ("Account Executive", None)


def test_last_first_names_are_turned_round() -> None:
    assert turned_round('"Lee, Jordan"') == "Jordan Lee"
    assert turned_round("Jordan Lee") == "Jordan Lee"
    assert turned_round("King, Martin Luther, Jr.") == "King, Martin Luther, Jr."
    assert turned_round("Lee, Jr.") == "Lee, Jr."


@pytest.mark.parametrize(("content", "message"), [
    (b"Dear Dana,\nplease find the details below.\n", "is not an invitation: neither an .ics calendar nor an email"),
    (b"From: priya.raman@acme-robotics.example\nSubject: hello\n\nno calendar here\n",
     "is an email without a calendar invitation in it"),
    (crlf("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//x//EN\nEND:VCALENDAR\n"), "a calendar without an event"),
    (crlf(GOOGLE.replace("METHOD:REQUEST", "METHOD:CANCEL")), "is a cancellation, not an invitation"),
    (crlf(GOOGLE.replace("DTSTART;TZID=America/New_York:20261120T100000", "DTSTART:next Friday")),
     "the invitation's start date cannot be read"),
    (crlf(GOOGLE.replace("DTSTART;TZID=America/New_York:20261120T100000\n", "")), "has no start date"),
    (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:20261120T100000\r\n",  # cut short
     "is not a calendar invitation that can be read (Found no components where exactly one is required)"),
])
def test_what_is_not_an_invitation_is_one_clear_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "invite.ics"
    path.write_bytes(content)
    with pytest.raises(UserError) as caught:
        read_invite(path)
    assert len(caught.value.problems) == 1
    assert message in caught.value.problems[0].message
    assert caught.value.problems[0].file == path


def test_the_cli_prints_one_line_and_writes_nothing(tmp_path: Path) -> None:
    invite = tmp_path / "notes.txt"
    invite.write_text("see you on Friday\n", encoding="utf-8")
    completed = subprocess.run([sys.executable, "-m", "followup", "new", "Acme", "--dir", str(tmp_path / "n"),
                                "--from", str(invite)], capture_output=True, text=True, timeout=60, check=False)
    assert completed.returncode == 1
    assert completed.stderr.strip().splitlines() == [
        f"{invite}: is not an invitation: neither an .ics calendar nor an email carrying one"]
    assert not (tmp_path / "n").exists()
    with pytest.raises(UsageError):
        read_invite(tmp_path / "missing.ics")


def test_a_base64_calendar_attachment_is_found(tmp_path: Path) -> None:
    """Some clients attach the invitation as invite.ics (application/ics) instead of an alternative part."""
    message = EmailMessage()
    message["Subject"] = "Invitation"
    message.set_content("See the attached invitation.")
    message.add_attachment(crlf(ZOOM), maintype="application", subtype="ics", filename="invite.ics")
    path = tmp_path / "mail.eml"
    path.write_bytes(bytes(message))
    assert base64.b64encode(b"BEGIN:VCALENDAR")[:10] in path.read_bytes()
    assert read_invite(path).format == "video"


def test_control_characters_in_an_invitation_never_break_the_notes(folder: Path, tmp_path: Path) -> None:
    invite = tmp_path / "invite.ics"
    invite.write_bytes(crlf(OUTLOOK.replace("SUMMARY;LANGUAGE=en-US:Acme", "SUMMARY;LANGUAGE=en-US:\x07Acme").replace(
        "LOCATION;LANGUAGE=en-US:Conf Room", "LOCATION;LANGUAGE=en-US:Conf\x7f Room")))
    notes = new_from(folder, "Acme Robotics", invite)  # tomllib reads it
    assert notes["interview"]["location"] == "Conf Room Waltham 3 (12)"
    assert notes["role"]["title"] == "Regional Sales Manager"
