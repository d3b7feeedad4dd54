"""Notes files for the batch tests, written from the notes-format spec (one per company)."""

from __future__ import annotations

from pathlib import Path

NOTES_TEMPLATE = '''schema_version = 1

[candidate]
name = "Dana Whitfield"
email = "dana.whitfield@example.com"

[company]
name = "{company}"
industry = "Industrial automation"

[role]
title = "Regional Sales Manager, Northeast"

[interview]
date = 2026-11-20
format = "onsite"

[[interviewers]]
name = "Jordan Lee"
title = "VP of Sales"
email = "jordan.lee@example.com"
decision_role = "decision-maker"
topics = ["Mid-market expansion", "Rep ramp time"]
personal_note = "Good luck at the Boston Marathon in April & beyond"

[discovery]
priorities = ["Grow mid-market pipeline 40% in FY27"]
success_criteria = ["Full quota by month 6"]

[[match]]
criterion = "Full quota by month 6"
evidence = "Ramped to full quota in five months at Keystone Controls"

[style]
tone = "warm"
'''

BROKEN_NOTES = '''[company]
name = "Broken & Co"
[role
title = "oops"
'''


def company_name(index: int) -> str:
    """A distinct company name per file, so outputs never collide."""
    return f"Company {index:02d} & Sons"


def write_notes(folder: Path, count: int, *, start: int = 0) -> list[Path]:
    """``count`` good notes files in ``folder`` (some in a subfolder, to exercise the recursive search)."""
    paths = []
    for index in range(start, start + count):
        where = folder / "archive" if index % 3 == 2 else folder
        where.mkdir(parents=True, exist_ok=True)
        path = where / f"interview-{index:02d}.toml"
        path.write_text(NOTES_TEMPLATE.format(company=company_name(index)), encoding="utf-8")
        paths.append(path)
    return paths


def write_broken(folder: Path, name: str = "broken.toml") -> Path:
    """A notes file with a TOML syntax error."""
    path = folder / name
    path.write_text(BROKEN_NOTES, encoding="utf-8")
    return path
