"""slugs.py: user text as one safe path component, the same for the output folders and the calendar UIDs."""

from __future__ import annotations

import re

from followup.output import paths
from followup.slugs import MAX_SLUG_LENGTH, WINDOWS_RESERVED_NAMES, safe_slug

SAFE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def test_slugs_are_safe_file_names() -> None:
    assert safe_slug("Acme & Sons") == "acme-sons"
    assert safe_slug("../../etc/passwd") == "etc-passwd"
    assert safe_slug("") == "unnamed"
    assert safe_slug("CON", "company") == "con-company"
    assert "con" in WINDOWS_RESERVED_NAMES


def test_text_with_nothing_to_keep_gets_the_fallback_and_a_hash() -> None:
    first, second = safe_slug("😀", "interviewer"), safe_slug("🎉", "interviewer")
    assert first != second and first.startswith("interviewer-") and SAFE.fullmatch(first)


def test_a_long_name_is_cut_at_a_word() -> None:
    slug = safe_slug("territory " * 30)
    assert len(slug) <= MAX_SLUG_LENGTH and slug.endswith("territory")


def test_the_output_layer_uses_the_same_slugs() -> None:
    assert paths.safe_slug is safe_slug
