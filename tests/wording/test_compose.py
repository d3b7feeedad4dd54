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


NNBSP = "\u202f"


def test_french_typography_is_the_templates_and_never_enters_a_printed_value(tmp_path: Path) -> None:
    """A name such as ``Fish: Chips ?`` is printed as written; the template's own ``:`` and ``?`` get the space."""
    source = "== body\nPour {{ name }} : est-ce {{ name }} ?\n\n== items\n* {{ name }} :: {{ name }} || {{ name }}\n"
    for name in ("Fish: Chips ?", "«Quote»", "Who?!", "x »", "a :: b"):
        prose = compose(context("fr", "fr_FR", name=name), write(tmp_path, "fr", source))
        assert prose.text("body") == f"Pour {name}{NNBSP}: est-ce {name}{NNBSP}?", name
        assert prose.blocks("items")[0].items[0].label == name
        assert prose.text("items") == f"- {name}{NNBSP}: {name} {name}", name
    # Fitted note fragments are the wording's, and keep French typography.
    templates = write(tmp_path, "fr", "== body\n{{ name|cap }}\n")
    fitted = compose(context("fr", "fr_FR", name="croissance: vite !"), templates)
    assert fitted.text("body") == f"Croissance{NNBSP}: vite{NNBSP}!"


TRICKY_NAMES = ["Le Chat", "Les Échos SA", "L'Oréal", "Fish: Chips ?", "A & B", "«Quote»", "hôtel", "cro", "i",
                "w/ co", "Zoë O'Neil", "Head of {{ 7*7 }} — Sales", "El Corte Inglés", "Fish ; Co!", "a\u200bb",
                "\u202eRTL\u202c", "q3 fy25", "== body", "* x", "a :: b || c", "Who?!", "x »"]


def _docx_text(path: Path) -> str:
    import re
    import zipfile

    with zipfile.ZipFile(path) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    paragraphs = re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.DOTALL)
    return "\n".join("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", paragraph)) for paragraph in paragraphs)


@pytest.mark.parametrize("language", ["en", "de", "fr", "es"])
def test_names_come_out_exactly_as_written_in_every_language(language: str, tmp_path: Path) -> None:
    """Regression: a French criteria-match said ``Fish\\u202f: Chips\\u202f?`` for the company ``Fish: Chips ?``;
    English subjects said ``Cro`` for the role ``cro`` and ``With co`` for ``w/ co``; without priorities the German,
    French and Spanish criteria-match never named the company."""
    import email
    import json
    from email import policy
    from html import unescape

    from followup.pipeline import render_notes

    for index in range(0, len(TRICKY_NAMES), 2):
        company, role = TRICKY_NAMES[index], TRICKY_NAMES[(index + 1) % len(TRICKY_NAMES)]
        candidate = TRICKY_NAMES[(index + 5) % len(TRICKY_NAMES)]
        folder = tmp_path / str(index)
        folder.mkdir()
        notes = folder / "notes.toml"
        # without priorities too (every other run): the criteria-match's opening names the company in every language
        discovery = "[discovery]\npriorities = [\"grow pipeline: fast\"]\npains = [\"slow ramp\"]\n"
        discovery = discovery if index % 4 else ""
        notes.write_text(
            f"[candidate]\nname = {json.dumps(candidate, ensure_ascii=False)}\nemail = \"dana@example.com\"\n"
            f"[company]\nname = {json.dumps(company, ensure_ascii=False)}\n"
            f"[role]\ntitle = {json.dumps(role, ensure_ascii=False)}\n"
            "[interview]\ndate = 2026-11-20\n"
            "[[interviewers]]\nname = \"Jordan Lee\"\nemail = \"lee@example.com\"\ndecision_role = \"decision-maker\"\n"
            f"{discovery}[[match]]\ncriterion = \"c & d\"\nevidence = \"<e>\"\n"
            f"[style]\nlanguage = \"{language}\"\n", encoding="utf-8")
        result = render_notes(notes, out=folder / "out", documents=["criteria-match", "thank-you-letter"],
                              formats=["txt", "docx", "eml"], force=True)
        assert result.error is None and not result.failed, result
        written = {(output.document, output.format): output.path for output in result.outputs
                   if output.status == "written"}
        for document in ("criteria-match", "thank-you-letter"):
            for fmt in ("txt", "docx"):
                path = written[(document, fmt)]
                text = path.read_text(encoding="utf-8") if fmt == "txt" else unescape(_docx_text(path))
                named = [candidate] if (document, fmt) == ("thank-you-letter", "txt") else [candidate, company, role]
                for name in named:
                    assert name in text, (language, path.name, name, text)
        message = email.message_from_bytes(written[("criteria-match", "eml")].read_bytes(), policy=policy.default)
        assert role in str(message["Subject"]), (language, message["Subject"], role)
