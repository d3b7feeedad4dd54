"""Business-day defaults skip public holidays; a promise is dated from its words; check says when dates collide."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from followup.check import check_notes
from followup.context.holidays import Country
from followup.context.schedule import (
    BusinessDays,
    debrief_date,
    follow_up_steps,
    mentioned_date,
    promised_by,
    step_due,
)
from followup.notes import load_notes

ROOT = Path(__file__).resolve().parents[2]
ACME = (ROOT / "examples" / "acme-robotics.toml").read_text(encoding="utf-8")
NORTHWIND = (ROOT / "examples" / "minimal" / "northwind.toml").read_text(encoding="utf-8")
PROFILE = (ROOT / "examples" / "minimal" / "profile.toml").read_text(encoding="utf-8")
FRIDAY = datetime.date(2026, 11, 20)


def write(folder: Path, text: str, name: str = "notes.toml", profile: str = PROFILE) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "profile.toml").write_text(profile, encoding="utf-8")
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def acme(edit_follow_up: str, discovery: dict[str, str] | None = None) -> str:
    """The full example with its [follow_up] dates replaced by ``edit_follow_up``."""
    start = ACME.index("[follow_up]")
    end = ACME.index("\n[", start + 1)
    text = ACME[:start] + "[follow_up]\n" + edit_follow_up + "\n" + ACME[end:]
    for old, new in (discovery or {}).items():
        assert old in text
        text = text.replace(old, new)
    return text


def test_the_default_call_skips_us_thanksgiving(tmp_path: Path) -> None:
    notes = load_notes(write(tmp_path, NORTHWIND)).notes  # a Monday interview, en_US from the profile
    assert step_due(notes, "call") == datetime.date(2026, 11, 27)  # not Thursday the 26th
    assert step_due(notes, "materials") == datetime.date(2026, 12, 1)


def test_without_holidays_for_the_country_only_weekends_are_skipped(tmp_path: Path) -> None:
    profile = PROFILE.replace('locale = "en_US"', 'locale = "en_US"\ncountry = "DE-BY"')
    notes = load_notes(write(tmp_path, NORTHWIND, profile=profile)).notes
    assert step_due(notes, "call") == datetime.date(2026, 11, 26)  # Thanksgiving is no holiday in Bavaria


def test_every_default_skips_the_countrys_holidays(tmp_path: Path) -> None:
    text = acme("done = []", {"decision_date = 2026-12-05": "decision_date = 2026-12-28"})
    notes = load_notes(write(tmp_path, text)).notes  # a Friday interview, en_US
    due = {step.key: step.due for step in follow_up_steps(notes)}
    assert due["thank-you"] == FRIDAY  # Saturday is off: the same day
    assert due["call"] == datetime.date(2026, 11, 25)
    assert due["materials"] == datetime.date(2026, 11, 30)  # 5 business days, Thanksgiving skipped
    assert due["check-in"] == datetime.date(2026, 12, 24)  # the business day before the 28th; the 25th is off
    bavaria = BusinessDays(Country("DE", "BY"))
    assert bavaria.before(datetime.date(2026, 12, 28)) == datetime.date(2026, 12, 24)
    assert bavaria.add(datetime.date(2026, 12, 23), 2) == datetime.date(2026, 12, 28)  # 25th and 26th off


def test_a_promise_by_a_weekday_is_dated_and_the_materials_scheduled_by_it(tmp_path: Path) -> None:
    text = acme('promised = "A sample territory plan by Wednesday"\ndone = []')
    notes = load_notes(write(tmp_path, text)).notes
    assert promised_by(notes) == datetime.date(2026, 11, 25)  # the Wednesday after the Friday interview
    assert step_due(notes, "materials") == datetime.date(2026, 11, 25)  # not the default Monday 30th
    result = check_notes(write(tmp_path, text))
    assert not [p for p in result.warnings + result.gaps if "promise" in p.message]


def test_materials_scheduled_after_the_promise_are_a_warning(tmp_path: Path) -> None:
    text = acme('materials_by = 2026-11-28\npromised = "A sample territory plan by Tuesday"\ndone = []')
    path = write(tmp_path, text)
    warnings = [w for w in check_notes(path).warnings if w.key_path == "follow_up.materials_by"]
    assert warnings[0].message == ("the materials are scheduled for Saturday 2026-11-28, after the Tuesday "
                                   "2026-11-24 you promised ('A sample territory plan by Tuesday')")
    assert warnings[0].line == text.splitlines().index("materials_by = 2026-11-28") + 1
    assert warnings[0].severity == "warning"


def test_materials_after_the_debrief_are_a_warning(tmp_path: Path) -> None:
    text = acme("materials_by = 2026-11-30\ndone = []")
    notes = load_notes(write(tmp_path, text)).notes
    assert debrief_date(notes) == (datetime.date(2026, 11, 27), "Panel debrief Friday")
    messages = [w.message for w in check_notes(write(tmp_path, text)).warnings]
    assert ("the materials land on Monday 2026-11-30, after the debrief on Friday 2026-11-27 "
            "('Panel debrief Friday')") in messages


def test_materials_or_a_promise_after_the_decision_date_are_warnings(tmp_path: Path) -> None:
    text = acme("materials_by = 2026-12-07\ndone = []", {"Panel debrief Friday; ": ""})
    messages = [w.message for w in check_notes(write(tmp_path, text)).warnings]
    assert "the materials land on Monday 2026-12-07, after the decision date Saturday 2026-12-05" in messages

    text = acme('promised = "The plan"\npromised_by = 2026-12-07\ndone = []', {"Panel debrief Friday; ": ""})
    warnings = [w for w in check_notes(write(tmp_path, text, "b.toml")).warnings if "decision" in w.message]
    assert [(w.key_path, w.message) for w in warnings] == [
        ("follow_up.promised_by",
         "you promised them for Monday 2026-12-07, after the decision date Saturday 2026-12-05")]


def test_done_materials_are_not_coached(tmp_path: Path) -> None:
    text = acme('materials_by = 2026-12-07\ndone = ["materials"]')
    assert not [w for w in check_notes(write(tmp_path, text)).warnings if "materials land" in w.message]


@pytest.mark.parametrize(("text", "expected"), [
    ("A sample territory plan by Tuesday", datetime.date(2026, 11, 24)),
    ("by Fri.", datetime.date(2026, 11, 27)),  # a Friday names the next Friday, not the interview day
    ("bis Mittwoch", datetime.date(2026, 11, 25)),
    ("by tomorrow", datetime.date(2026, 11, 21)),
    ("by the end of the week", datetime.date(2026, 11, 27)),
    ("by Nov 30", datetime.date(2026, 11, 30)),
    ("before 3 December", datetime.date(2026, 12, 3)),
    ("by Jan 5", datetime.date(2027, 1, 5)),
    ("on 2026-12-02", datetime.date(2026, 12, 2)),
    ("offer by Dec 5; debrief Friday", datetime.date(2026, 12, 5)),  # the first date written
    ("a plan soon", None),
])
def test_dates_named_in_words(text: str, expected: datetime.date | None) -> None:
    assert mentioned_date(text, FRIDAY) == expected
