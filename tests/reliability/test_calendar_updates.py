"""Calendars that update: re-importing a changed follow-up plan updates its events (RFC 5545 SEQUENCE).

The previous .ics in the output folder is what each event's SEQUENCE and DTSTAMP carry on from
(``render/ics.py``, ``continue_calendar``): the clock never enters, so the same notes still give
the same bytes.
"""

from __future__ import annotations

import re
from pathlib import Path

from reliability_support import EXAMPLES

from followup.pipeline import render_notes
from followup.render.ics import continue_calendar


def _events(path: Path) -> dict[str, tuple[int, str, str]]:
    """UID -> (SEQUENCE, DTSTAMP, DTSTART) of every event, read with icalendar."""
    from icalendar import Calendar

    calendar = Calendar.from_ical(path.read_bytes())
    return {str(event["UID"]): (int(event.get("SEQUENCE", 0)), event["DTSTAMP"].to_ical().decode(),
                                event["DTSTART"].to_ical().decode())
            for event in calendar.walk("VEVENT")}


def _render(notes: Path, out: Path, *, force: bool = False) -> Path:
    result = render_notes(notes, out=out, documents=["follow-up-plan"], formats=["ics"], force=force)
    assert result.error is None and not result.failed, result
    [path] = sorted(out.rglob("*.ics"))
    return path


def test_a_changed_date_raises_sequence_and_keeps_uid(tmp_path: Path) -> None:
    source = (EXAMPLES / "acme-robotics.toml").read_text(encoding="utf-8")
    notes = tmp_path / "acme.toml"
    notes.write_text(source, encoding="utf-8")
    out = tmp_path / "out"
    path = _render(notes, out)
    first_bytes = path.read_bytes()
    first = _events(path)
    assert first and all(sequence == 0 for sequence, _, _ in first.values())

    # Nothing changed: forced or not, the same bytes (no clock, no bump).
    assert _render(notes, out, force=True).read_bytes() == first_bytes

    # Move the call: that event's SEQUENCE goes up and its DTSTAMP later; every UID stays.
    changed = re.sub(r"(?m)^call_on\s*=.*$", "call_on = 2026-12-02", source)
    if changed == source:
        changed = source.replace("[follow_up]", "[follow_up]\ncall_on = 2026-12-02", 1)
    assert changed != source
    notes.write_text(changed, encoding="utf-8")
    second = _events(_render(notes, out))
    assert set(second) == set(first)
    moved = [uid for uid in first if first[uid][2] != second[uid][2]]
    assert moved, "the call's date did not move"
    for uid in first:
        if uid in moved:
            assert second[uid][0] == first[uid][0] + 1
            assert second[uid][1] > first[uid][1]
    assert any(second[uid] == first[uid] for uid in first if uid not in moved)

    # Rendering the changed notes again changes nothing more.
    second_bytes = path.read_bytes()
    assert _render(notes, out, force=True).read_bytes() == second_bytes


def test_continue_calendar_without_a_previous_calendar_changes_nothing() -> None:
    made = (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a@x\r\nDTSTAMP:20261120T000000Z\r\nSEQUENCE:0\r\n"
            b"SUMMARY:Call\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    assert continue_calendar(made, None) == made
    assert continue_calendar(made, b"not a calendar") == made
    assert continue_calendar(made, made) == made
    earlier = made.replace(b"SUMMARY:Call", b"SUMMARY:Call Jordan").replace(b"SEQUENCE:0", b"SEQUENCE:3")
    updated = continue_calendar(made, earlier)
    assert b"SEQUENCE:4\r\n" in updated and b"DTSTAMP:20261120T000001Z\r\n" in updated
    assert updated.replace(b"SEQUENCE:4", b"SEQUENCE:0").replace(b"T000001Z", b"T000000Z") == made
