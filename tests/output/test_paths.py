"""output/paths.py: output paths that never leave OUT, named with the safe slugs of followup/slugs.py."""

from __future__ import annotations

import datetime
from pathlib import Path

from followup.output.paths import output_path, safe_slug

DAY = datetime.date(2026, 11, 20)


def test_slugs_are_safe_file_names() -> None:
    assert safe_slug("Acme & Sons") == "acme-sons"
    assert safe_slug("../../etc/passwd") == "etc-passwd"
    assert safe_slug("") == "unnamed"
    assert safe_slug("CON") == "con-unnamed"


def test_an_output_path_stays_inside_out(tmp_path: Path) -> None:
    path = output_path(tmp_path, company="../../Acme", interview_date=DAY, document="thank-you-card",
                       extension="pdf", interviewer="Jordan Lee")
    assert path.resolve().is_relative_to(tmp_path.resolve())
    assert path.suffix == ".pdf" and "jordan-lee" in path.name and "thank-you-card" in path.name
    assert "2026-11-20" in str(path.relative_to(tmp_path))
