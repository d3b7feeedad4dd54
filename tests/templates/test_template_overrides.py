"""Eject, edit, render with --templates: the edits show in the PDF and the DOCX; the rest falls back."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

import docx
import pypdf
import pytest
from docx.shared import RGBColor
from template_helpers import copy_notes, docx_text, outputs, pdf_text, render
from typer.testing import CliRunner

from followup.cli import app
from followup.template_admin import eject_template

OWN_SENTENCE = "Working with your team on the Northeast launch would be a privilege & a joy."
NEW_ACCENT = "#8a1c2b"
# A 2 x 2 red PNG: the user's logo.
LOGO = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP4z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg=="
)


def edit_letter_wording(folder: Path) -> None:
    """The worked example of docs/templates.md: a sentence of one's own, written once in the wording."""
    wording = folder / "languages" / "en" / "thank-you-letter.jinja"
    text = wording.read_text(encoding="utf-8")
    text = text.replace("\n== sign_off\n", f"\n{OWN_SENTENCE}\n\n== sign_off\n")
    assert OWN_SENTENCE in text
    wording.write_text(text, encoding="utf-8")


def edit_letter_html(folder: Path) -> None:
    """The worked example of docs/templates.md: a new accent colour and a logo."""
    html = folder / "thank-you-letter" / "thank-you-letter.html"
    text = html.read_text(encoding="utf-8")
    text = text.replace('{% include "base/letterhead.html" %}',
                        '<img class="logo" src="thank-you-letter/logo.png" alt="">\n'
                        '{% include "base/letterhead.html" %}')
    assert "logo.png" in text
    html.write_text(text, encoding="utf-8")
    css = folder / "thank-you-letter" / "thank-you-letter.css"
    css.write_text(css.read_text(encoding="utf-8") + f"\n:root {{ --accent: {NEW_ACCENT}; }}\n"
                   ".letterhead .logo { float: right; width: 12mm; height: 12mm; }\n", encoding="utf-8")
    (folder / "thank-you-letter" / "logo.png").write_bytes(LOGO)


def edit_letter_docx(folder: Path) -> None:
    """Edit the DOCX as Word would: retype the 'Re:' label in its run and recolour it."""
    path = folder / "thank-you-letter" / "thank-you-letter.docx"
    document = docx.Document(str(path))
    subject = next(paragraph for paragraph in document.paragraphs
                   if paragraph.text.startswith("{{ labels.letter.re }}"))
    subject.runs[0].text = "Concerning: "
    subject.runs[0].font.color.rgb = RGBColor.from_string(NEW_ACCENT[1:].upper())
    document.save(str(path))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """Eject the letter, edit it, render with and without --templates (once for the module)."""
    root = tmp_path_factory.mktemp("overrides")
    mine = root / "my-templates"
    written = eject_template("thank-you-letter", mine)
    edit_letter_wording(mine)
    edit_letter_html(mine)
    edit_letter_docx(mine)
    notes = copy_notes(root / "notes")
    custom = render(notes, root / "custom", ["thank-you-letter", "thank-you-card"], templates=mine,
                    formats=["pdf", "docx", "txt", "eml"])
    plain = render(notes, root / "plain", ["thank-you-letter", "thank-you-card"], formats=["pdf", "docx", "txt", "eml"])
    return {"root": root, "mine": mine, "written": written, "custom": custom, "plain": plain, "notes": notes}


def test_eject_copies_every_file_of_the_document(rendered: dict[str, object]) -> None:
    mine: Path = rendered["mine"]  # type: ignore[assignment]
    written = sorted(path.relative_to(mine).as_posix() for path in rendered["written"])  # type: ignore[attr-defined]
    # thank-you-letter.din5008.docx: the German A4 letter's DOCX (DIN 5008), handed over with the other.
    layouts = ["thank-you-letter/thank-you-letter.css", "thank-you-letter/thank-you-letter.din5008.docx",
               "thank-you-letter/thank-you-letter.docx",
               "thank-you-letter/thank-you-letter.email.html", "thank-you-letter/thank-you-letter.html",
               "thank-you-letter/thank-you-letter.txt"]
    assert [path for path in written if not path.startswith("languages/")] == layouts
    assert "languages/en/thank-you-letter.jinja" in written, "eject hands over the wording too"


def test_the_edited_wording_is_in_every_format(rendered: dict[str, object]) -> None:
    """One sentence added in one wording file: in the PDF, the DOCX, the plain text and both parts of the email."""
    from email import policy
    from email.parser import BytesParser

    custom, plain = rendered["custom"], rendered["plain"]
    for fmt in ("pdf", "docx", "txt", "eml"):
        letters = [path for path in outputs(custom, fmt) if "thank-you-letter" in path.name]  # type: ignore[arg-type]
        assert len(letters) == 3, fmt
        for path in letters:
            if fmt == "pdf":
                text = pdf_text(path)
            elif fmt == "docx":
                text = docx_text(path)
            elif fmt == "txt":
                text = path.read_text(encoding="utf-8")
            else:
                message = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
                text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
                html = message.get_body(("html",)).get_content()  # type: ignore[union-attr]
                assert OWN_SENTENCE.replace("&", "&amp;") in " ".join(html.split()), path
            assert OWN_SENTENCE in " ".join(text.split()), (fmt, path)
        originals = [path for path in outputs(plain, fmt) if "thank-you-letter" in path.name]  # type: ignore[arg-type]
        assert all(OWN_SENTENCE not in " ".join((pdf_text(path) if fmt == "pdf" else docx_text(path) if fmt == "docx"
                                                 else path.read_text(encoding="utf-8", errors="replace")).split())
                   for path in originals)


def test_the_edited_sentence_is_in_the_pdf(rendered: dict[str, object]) -> None:
    custom_pdfs = outputs(rendered["custom"], "pdf")  # type: ignore[arg-type]
    letters = [path for path in custom_pdfs if "thank-you-letter" in path.name]
    assert letters
    for path in letters:
        text = " ".join(pdf_text(path).split())
        assert OWN_SENTENCE in text
    plain_letters = [path for path in outputs(rendered["plain"], "pdf") if "thank-you-letter" in path.name]  # type: ignore[arg-type]
    assert all(OWN_SENTENCE not in " ".join(pdf_text(path).split()) for path in plain_letters)


def _fill_colours(pdf: Path) -> set[str]:
    """The fill colours the first page paints with, as #rrggbb."""
    page = pypdf.PdfReader(io.BytesIO(pdf.read_bytes())).pages[0]
    content = page.get_contents().get_data().decode("latin-1")
    colours = set()
    for red, green, blue in re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) rg", content):
        colours.add("#" + "".join(f"{round(float(value) * 255):02x}" for value in (red, green, blue)))
    return colours


def test_the_new_accent_colour_is_painted_in_the_pdf(rendered: dict[str, object]) -> None:
    custom = next(path for path in outputs(rendered["custom"], "pdf") if "thank-you-letter" in path.name)  # type: ignore[arg-type]
    plain = next(path for path in outputs(rendered["plain"], "pdf") if "thank-you-letter" in path.name)  # type: ignore[arg-type]
    assert NEW_ACCENT in _fill_colours(custom)
    assert NEW_ACCENT not in _fill_colours(plain)


def test_the_logo_next_to_the_users_template_is_in_the_pdf(rendered: dict[str, object]) -> None:
    custom = next(path for path in outputs(rendered["custom"], "pdf") if "thank-you-letter" in path.name)  # type: ignore[arg-type]
    plain = next(path for path in outputs(rendered["plain"], "pdf") if "thank-you-letter" in path.name)  # type: ignore[arg-type]
    custom_images = pypdf.PdfReader(io.BytesIO(custom.read_bytes())).pages[0].images
    plain_images = pypdf.PdfReader(io.BytesIO(plain.read_bytes())).pages[0].images
    assert len(custom_images) == len(plain_images) + 1
    assert not [warning for warning in rendered["custom"].warnings if "refused" in warning.message]  # type: ignore[attr-defined]


def test_the_docx_edits_are_in_the_docx(rendered: dict[str, object]) -> None:
    letters = [path for path in outputs(rendered["custom"], "docx") if "thank-you-letter" in path.name]  # type: ignore[arg-type]
    assert letters
    for path in letters:
        assert OWN_SENTENCE in docx_text(path)
        document = docx.Document(str(path))
        subject = next(paragraph for paragraph in document.paragraphs if paragraph.text.startswith("Concerning: "))
        assert subject.runs[0].font.color.rgb == RGBColor.from_string(NEW_ACCENT[1:].upper())


def test_files_without_an_override_fall_back_to_the_built_in_ones(rendered: dict[str, object]) -> None:
    """The card was not ejected: its PDF and DOCX are the built-in ones, byte for byte."""
    for fmt in ("pdf", "docx"):
        custom = {path.name: path.read_bytes() for path in outputs(rendered["custom"], fmt)  # type: ignore[arg-type]
                  if "thank-you-card" in path.name}
        plain = {path.name: path.read_bytes() for path in outputs(rendered["plain"], fmt)  # type: ignore[arg-type]
                 if "thank-you-card" in path.name}
        assert custom and custom == plain


def test_a_single_overridden_file_keeps_the_rest_built_in(tmp_path: Path) -> None:
    """Only the letter's text template is overridden: the text changes, the PDF does not."""
    mine = tmp_path / "mine" / "thank-you-letter"
    mine.mkdir(parents=True)
    (mine / "thank-you-letter.txt").write_text("{{ prose.greeting }}\n\nShort & sweet — é.\n", encoding="utf-8")
    notes = copy_notes(tmp_path / "notes")
    custom = render(notes, tmp_path / "custom", ["thank-you-letter"], templates=tmp_path / "mine",
                    formats=["txt", "pdf"])
    plain = render(notes, tmp_path / "plain", ["thank-you-letter"], formats=["txt", "pdf"])
    texts = [path.read_text(encoding="utf-8") for path in outputs(custom, "txt")]
    assert texts and all(text.endswith("\n\nShort & sweet — é.\n") and text.startswith("Dear ") for text in texts)
    assert sorted(path.read_bytes() for path in outputs(custom, "pdf")) == \
        sorted(path.read_bytes() for path in outputs(plain, "pdf"))


def test_the_templates_key_in_the_notes_is_used(tmp_path: Path) -> None:
    """[style] templates = "..." (relative to the notes file) works like --templates."""
    mine = tmp_path / "notes" / "looks" / "thank-you-letter"
    mine.mkdir(parents=True)
    (mine / "thank-you-letter.txt").write_text("From the notes' own folder.\n", encoding="utf-8")
    notes = copy_notes(tmp_path / "notes", extra='templates = "looks"')
    result = render(notes, tmp_path / "out", ["thank-you-letter"], formats=["txt"])
    assert [path.read_text(encoding="utf-8") for path in outputs(result, "txt")][0] == "From the notes' own folder.\n"


def test_cli_eject_then_render_with_templates(tmp_path: Path) -> None:
    runner = CliRunner()
    mine = tmp_path / "mine"
    ejected = runner.invoke(app, ["templates", "eject", "thank-you-card", "--to", str(mine)])
    assert ejected.exit_code == 0, ejected.output
    html = mine / "thank-you-card" / "thank-you-card.html"
    html.write_text(html.read_text(encoding="utf-8").replace(
        '<div class="footer">{{ candidate.name }}</div>', '<div class="footer">Sent from my own template</div>'),
        encoding="utf-8")
    notes = copy_notes(tmp_path / "notes")
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(notes), "--out", str(out), "-d", "thank-you-card", "-f", "pdf",
                                 "--templates", str(mine)])
    assert result.exit_code == 0, result.output
    pdfs = sorted(out.rglob("*.pdf"))
    assert pdfs and all("Sent from my own template" in pdf_text(path) for path in pdfs)


def test_an_edited_template_is_read_again_in_the_same_process(tmp_path: Path) -> None:
    """`watch` renders many times in one process: a saved template must not be served from a cache."""
    import os

    mine = tmp_path / "mine" / "thank-you-letter"
    mine.mkdir(parents=True)
    template = mine / "thank-you-letter.txt"
    notes = copy_notes(tmp_path / "notes")
    texts = []
    for number, words in enumerate(("First version.\n", "Second version.\n")):
        template.write_text(words, encoding="utf-8")
        os.utime(template, (1_700_000_000 + number * 10, 1_700_000_000 + number * 10))
        result = render(notes, tmp_path / f"out{number}", ["thank-you-letter"], templates=tmp_path / "mine",
                        formats=["txt"])
        texts.append(outputs(result, "txt")[0].read_text(encoding="utf-8"))
    assert texts == ["First version.\n", "Second version.\n"]
