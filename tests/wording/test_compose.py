"""wording/compose.py: the sandboxed wording environment, its filters, the English fallback, apply()."""

from __future__ import annotations

from pathlib import Path

import pytest

from followup.errors import TemplateError
from followup.templates import TemplateSet
from followup.wording.compose import WORDING_FILTERS, apply, compose


def context(language: str = "en", locale: str = "en_US", **extra: object) -> dict[str, object]:
    return {"document": {"name": "mine", "lang_code": language, "locale": locale, "title": "t"},
            "style": {"tone": "warm", "sign_off": ""}, "proper_words": ["Salesforce"], "case_terms": [],
            **extra}


def write(folder: Path, language: str, text: str) -> TemplateSet:
    path = folder / "languages" / language / "mine.jinja"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return TemplateSet(folder)


def test_filters_write_in_the_documents_language(tmp_path: Path) -> None:
    source = ("== body\n{{ day|date }}; {{ day|weekday_date }}; {{ ['a', 'b', 'c']|andlist }}; "
              "{{ 1200000|money('EUR') }}; {{ plural(1, 'one idea', '{n} ideas') }}; {{ 'x'|q }}\n")
    english = compose(context(day="2026-11-25"), write(tmp_path / "en", "en", source))
    assert english.text("body") == ("November 25, 2026; Wednesday, November 25; a, b, and c; €1,200,000; one idea; "
                                    "“x”")
    german = compose(context("de", "de_DE", day="2026-11-25"), write(tmp_path / "de", "de", source))
    assert german.text("body") == "25. November 2026; Mittwoch, 25. November; a, b und c; 1.200.000 €; one idea; „x“"


def test_fitting_filters_use_the_notes_names(tmp_path: Path) -> None:
    source = "== body\nAbout {{ 'Salesforce hygiene'|clause }} and {{ 'Rep ramp time.'|clause }}.\n"
    prose = compose(context(), write(tmp_path, "en", source))
    assert prose.text("body") == "About Salesforce hygiene and rep ramp time."
    assert {"clause", "sentence", "cap", "andlist", "date", "money", "q"} <= set(WORDING_FILTERS)


def test_a_pack_without_the_document_falls_back_to_english_and_a_missing_one_is_an_error(tmp_path: Path) -> None:
    templates = write(tmp_path, "en", "== body\nEnglish.\n")
    assert compose(context("fr", "fr_FR"), templates).text("body") == "English."
    with pytest.raises(TemplateError):
        compose({**context(), "document": {"name": "nothing-here", "lang_code": "en"}}, TemplateSet(tmp_path))


def test_the_sandbox_holds_in_wording_templates(tmp_path: Path) -> None:
    templates = write(tmp_path, "en", "== body\n{{ ''.__class__.__mro__ }}\n")
    with pytest.raises(TemplateError):
        compose(context(), templates)


def test_apply_adds_labels_sign_off_prose_and_title(tmp_path: Path) -> None:
    templates = write(tmp_path, "en", "== title\nMy title\n\n== body\nHello.\n")
    ctx = context()
    prose = apply(ctx, templates)
    assert prose is not None and ctx["prose"]["body"] == "Hello."  # type: ignore[index]
    assert ctx["document"]["title"] == "My title"  # type: ignore[index]
    assert ctx["style"]["sign_off"] == "With thanks"  # type: ignore[index]
    assert ctx["labels"]["letter"]["re"] == "Re:"  # type: ignore[index]
