"""DIN 5008 Form B for German letters on A4: the PDF (templates/base/din5008.css, base/address-block.html)
and the DOCX thank-you letter (templates/thank-you-letter/thank-you-letter.din5008.docx).

The letters are rendered and the recipient's first line is found on page 1 with
Poppler's ``pdftotext -bbox`` (word boxes in points). In German on A4 it must sit
on the 25 mm left margin inside the 85 x 45 mm address field that starts 45 mm
from the top (below the return-address zone, so between 45 and 90 mm); in English
on Letter, and in German on Letter paper, the letter keeps its own layout.

The DOCX is read back twice: its XML (the frames' positions in twips, the lines
inside each frame), and, where LibreOffice is installed (tests marked
``libreoffice``), as LibreOffice lays it out: converted to PDF and measured with
``pdftotext -bbox`` like the PDF.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docreaders import ROOT, Rendered, docx_text, render, write_notes

MM = 72 / 25.4
BERLIN = ROOT / "examples" / "berlin-gmbh.toml"
ACME = ROOT / "examples" / "acme-robotics.toml"

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs Poppler's pdftotext")


def words(pdf: Path) -> list[tuple[str, float, float]]:
    """Each word of page 1 with its left edge and top edge in mm from the page's top-left corner."""
    xhtml = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"],
                           check=True, capture_output=True, text=True).stdout
    found = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>', xhtml)
    return [(html.unescape(text), float(x) / MM, float(y) / MM) for x, y, text in found]


def recipient_position(pdf: Path, first_line: str) -> tuple[float, float]:
    """Where the recipient's first line starts: the first run of words spelling ``first_line``."""
    page = words(pdf)
    wanted = first_line.split()
    for index in range(len(page)):
        if [text for text, _, _ in page[index:index + len(wanted)]] == wanted:
            return page[index][1], page[index][2]
    raise AssertionError(f"{first_line!r} not on page 1 of {pdf.name}")


def in_address_field(position: tuple[float, float]) -> bool:
    x, y = position
    return abs(x - 25) < 0.5 and 45 <= y <= 90


def test_german_a4_letters_put_the_recipient_in_the_din_address_field(tmp_path: Path) -> None:
    rendered = render(BERLIN, tmp_path / "out", ["thank-you-letter", "criteria-match"], ["pdf"])
    letters = [(output.path, output.interviewer or rendered.notes.interviewers[0].name)
               for output in rendered.result.outputs if output.path is not None]
    assert len(letters) == len(rendered.notes.interviewers) + 1  # a letter each, and the criteria-match letter
    for path, name in letters:
        position = recipient_position(path, name)
        assert in_address_field(position), (path.name, position)
        # The return address: the sender's name on one small line just above the recipient.
        above = [(text, y) for text, x, y in words(path) if abs(x - 25) < 0.5 and 45 <= y < position[1]]
        assert above and above[0][0] == rendered.notes.candidate.name.split()[0], above


def test_english_letter_and_german_on_letter_paper_keep_their_layout(tmp_path: Path) -> None:
    english = render(ACME, tmp_path / "en", ["thank-you-letter"], ["pdf"])
    person = english.notes.interviewers[0]
    position = recipient_position(english.path("thank-you-letter", "pdf", person.name), person.name)
    assert not in_address_field(position), position
    letter_paper = write_notes(tmp_path, "berlin-letter.toml",
                               lambda text: text.replace('paper = "a4"', 'paper = "letter"'), source=BERLIN)
    german = render(letter_paper, tmp_path / "de", ["thank-you-letter"], ["pdf"])
    person = german.notes.interviewers[0]
    position = recipient_position(german.path("thank-you-letter", "pdf", person.name), person.name)
    assert not in_address_field(position), position


# --- The DOCX letter (templates/thank-you-letter/thank-you-letter.din5008.docx) ---------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: DIN 5008 Form B in twips (twentieths of a point), as w:framePr and w:pgMar hold them
TWIPS_45MM, TWIPS_25MM, TWIPS_20MM, TWIPS_50MM, TWIPS_125MM = 2551, 1417, 1134, 2835, 7087


def docx_frames(path: Path) -> dict[tuple[int, int], list[str]]:
    """The text of each frame of the DOCX's body, by its (x, y) in twips from the page's left and top edges.

    Consecutive paragraphs with the same frame properties form one frame (as in Word); only frames
    positioned on the page (``w:hAnchor``/``w:vAnchor`` ``page``) are collected.
    """
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(path) as archive:
        body = etree.fromstring(archive.read("word/document.xml")).find(f"{W}body")
    frames: dict[tuple[int, int], list[str]] = {}
    for paragraph in body.iter(f"{W}p"):
        properties = paragraph.find(f"{W}pPr/{W}framePr")
        if properties is None:
            continue
        assert properties.get(f"{W}hAnchor") == "page" and properties.get(f"{W}vAnchor") == "page", \
            etree.tostring(properties)
        key = (int(properties.get(f"{W}x")), int(properties.get(f"{W}y")))
        frames.setdefault(key, []).append("".join(text.text or "" for text in paragraph.iter(f"{W}t")))
    return frames


def docx_frame(path: Path, x: int, y: int) -> tuple[dict[str, str], list[str]]:
    """The attributes of the ``w:framePr`` at (x, y) twips (without the ``w:`` prefix) and its lines."""
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    for properties in root.iter(f"{W}framePr"):
        if (properties.get(f"{W}x"), properties.get(f"{W}y")) == (str(x), str(y)):
            attributes = {str(name).removeprefix(W): str(value) for name, value in properties.attrib.items()}
            return attributes, docx_frames(path)[(x, y)]
    raise AssertionError(f"no frame at ({x}, {y}) twips in {path.name}: {sorted(docx_frames(path))}")


def test_german_a4_docx_letter_has_the_din_address_field_and_information_block(tmp_path: Path) -> None:
    rendered = render(BERLIN, tmp_path / "out", ["thank-you-letter"], ["docx"])
    candidate = rendered.notes.candidate
    company = rendered.notes.company
    for person in rendered.notes.interviewers:
        path = rendered.path("thank-you-letter", "docx", person.name)
        # The address field: 45 mm from the top, 25 mm from the left, 80 x 45 mm (DIN 5008 Form B).
        field, lines = docx_frame(path, TWIPS_25MM, TWIPS_45MM)
        assert (field["w"], field["h"], field["hRule"]) == ("4535", str(TWIPS_45MM), "atLeast"), field
        # No text beside it: the letter's text starts below the field.
        assert field["wrap"] == "notBeside", field
        # Its first line the return address, then the recipient: name, title, company, the company's address.
        assert lines[0] == "Lena Hoffmann · Oranienstraße 12 · 10999 Berlin", lines
        assert lines[1:] == [person.name, person.title, company.name, "Friedrichstraße 100", "10117 Berlin"], lines
        assert lines[0].startswith(candidate.name)
        # The letterhead's frame reaches down to the field's end (90 mm: 12 mm + 78 mm, 4422 twips), so the
        # text starts below the field, and the subject's 8.46 mm (480 twips) before it put it at 98.46 mm.
        letterhead, letterhead_lines = docx_frame(path, TWIPS_25MM, 680)
        assert letterhead["h"] == "4422" and letterhead_lines[0] == candidate.name, (letterhead, letterhead_lines)
        subject = [paragraph for paragraph in docx.Document(str(path)).paragraphs
                   if paragraph.style is not None and paragraph.style.name == "Letter Subject"]
        assert len(subject) == 1 and subject[0].paragraph_format.space_before.twips == 480, subject
        # The information block: the date at 50 mm from the top, from 125 mm to the right margin.
        date, date_lines = docx_frame(path, TWIPS_125MM, TWIPS_50MM)
        assert date_lines == ["19. November 2026"], date_lines
        assert date["w"] == "3685", date  # 65 mm: to the right margin at 190 mm
        # The address is in the field only, not once more in the text.
        body = docx_text(path)
        assert body.count("Friedrichstraße 100") == 1, body
        # Margins 25 mm left, 20 mm right, on A4; no "Betreff" before the subject.
        document = docx.Document(str(path))
        section = document.sections[0]
        assert (section.left_margin.twips, section.right_margin.twips) == (TWIPS_25MM, TWIPS_20MM)
        assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.1)
        assert "Betreff" not in body


def test_docx_letters_keep_their_layout_in_english_on_letter_paper_and_for_an_english_reader(tmp_path: Path) -> None:
    english = render(ACME, tmp_path / "en", ["thank-you-letter"], ["docx"])
    person = english.notes.interviewers[0]
    assert docx_frames(english.path("thank-you-letter", "docx", person.name)) == {}
    letter_paper = write_notes(tmp_path, "berlin-letter.toml",
                               lambda text: text.replace('paper = "a4"', 'paper = "letter"'), source=BERLIN)
    german = render(letter_paper, tmp_path / "de", ["thank-you-letter"], ["docx"])
    assert docx_frames(german.path("thank-you-letter", "docx", german.notes.interviewers[0].name)) == {}
    # interviewers[].language wins over style.language: Jonas Weber reads English, the others German.
    mixed = write_notes(tmp_path, "berlin-mixed.toml", lambda text: text.replace(
        'name = "Jonas Weber"\n', 'name = "Jonas Weber"\nlanguage = "en"\n'), source=BERLIN)
    rendered = render(mixed, tmp_path / "mixed", ["thank-you-letter"], ["docx"])
    assert docx_frames(rendered.path("thank-you-letter", "docx", "Jonas Weber")) == {}
    assert (TWIPS_25MM, TWIPS_45MM) in docx_frames(rendered.path("thank-you-letter", "docx", "Katrin Müller"))


def _soffice() -> str | None:
    return shutil.which("libreoffice") or shutil.which("soffice")


def _to_pdf(docx_path: Path, folder: Path) -> Path:
    """``docx_path`` converted to PDF by LibreOffice (its own profile folder, so runs never share one)."""
    profile = (folder / "lo-profile").resolve().as_uri()
    subprocess.run([str(_soffice()), f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), str(docx_path)], check=True, capture_output=True, timeout=180)
    pdf = folder / (docx_path.stem + ".pdf")
    assert pdf.is_file(), f"LibreOffice wrote no PDF for {docx_path.name}"
    return pdf


@pytest.mark.libreoffice
@pytest.mark.skipif(_soffice() is None, reason="LibreOffice (libreoffice/soffice) is not on PATH")
def test_libreoffice_places_the_german_docx_letter_on_din_5008(tmp_path: Path) -> None:
    rendered = render(BERLIN, tmp_path / "out", ["thank-you-letter"], ["docx"])
    person = rendered.notes.interviewers[1]
    pdf = _to_pdf(rendered.path("thank-you-letter", "docx", person.name), tmp_path)
    page = words(pdf)
    # The address field's first line, the return address, in its notes zone (45-62.7 mm), on the 25 mm margin.
    x, y = recipient_position(pdf, "Lena Hoffmann ·")
    assert abs(x - 25) < 3 and 45 <= y < 62.7, (x, y)
    # The recipient's name at the top of the address zone (62.7 mm, the PDF's is at 63.1 mm), 25 mm from the left.
    x, y = recipient_position(pdf, person.name)
    assert abs(x - 25) < 3 and abs(y - 62.7) < 3, (x, y)
    # The date in the information block, ending on the right margin (190 mm), level with the field.
    date = [(text, left, top) for text, left, top in page if text == "November" and top < 90]
    assert date and date[0][1] > 125 and 45 <= date[0][2] <= 60, date
    # The subject two lines below the field: about 98.46 mm from the top.
    subject = rendered.notes.role.title.split()[0]
    tops = [top for text, left, top in page if text == subject and top > 90]
    assert tops and abs(tops[0] - 98.46) < 3, tops


@pytest.mark.libreoffice
@pytest.mark.skipif(_soffice() is None, reason="LibreOffice (libreoffice/soffice) is not on PATH")
def test_libreoffice_keeps_the_english_docx_letter_as_it_was(tmp_path: Path) -> None:
    english = render(ACME, tmp_path / "en", ["thank-you-letter"], ["docx"])
    person = english.notes.interviewers[0]
    pdf = _to_pdf(english.path("thank-you-letter", "docx", person.name), tmp_path)
    position = recipient_position(pdf, person.name)
    assert not in_address_field(position), position
    # Where thank-you-letter.docx puts it: on its 0.95 in margin, right below the letterhead and the date
    # (53 mm down), well above the DIN field's address zone.
    assert abs(position[0] - 0.95 * 25.4) < 0.5 and position[1] < 62.7 - 3, position
    date = [(left, top) for text, left, top in words(pdf) if text == "November"]
    assert date and abs(date[0][0] - 0.95 * 25.4) < 0.5 and date[0][1] < position[1], date


# --- The DOCX criteria-match letter (templates/criteria-match/criteria-match.din5008.docx) ------------------

#: The text column between DIN 5008's 25 mm left and 20 mm right margins: 165 mm
TWIPS_165MM = 9354


def criteria_match_docx(rendered: Rendered) -> Path:
    """The criteria-match DOCX of ``rendered`` (one a package, addressed to the decision-maker)."""
    paths = [output.path for output in rendered.result.outputs
             if output.document == "criteria-match" and output.format == "docx" and output.path is not None]
    assert len(paths) == 1, rendered.result.outputs
    return paths[0]


def test_german_a4_docx_criteria_match_has_the_din_address_field_and_its_table(tmp_path: Path) -> None:
    rendered = render(BERLIN, tmp_path / "out", ["criteria-match"], ["docx"])
    path = criteria_match_docx(rendered)
    company = rendered.notes.company
    # The address field: 45 mm from the top, 25 mm from the left, 80 x 45 mm, nothing beside it.
    field, lines = docx_frame(path, TWIPS_25MM, TWIPS_45MM)
    assert (field["w"], field["h"], field["hRule"], field["wrap"]) == ("4535", str(TWIPS_45MM), "atLeast",
                                                                      "notBeside"), field
    # The return line, then the decision-maker (the letter's reader): name, title, company, address.
    reader = next(person for person in rendered.notes.interviewers if person.name == "Katrin Müller")
    assert lines == ["Lena Hoffmann · Oranienstraße 12 · 10999 Berlin", reader.name, reader.title, company.name,
                     "Friedrichstraße 100", "10117 Berlin"], lines
    # The letterhead's frame down to the field's end (4422 twips tall from 12 mm), the date at 125/50 mm.
    letterhead, letterhead_lines = docx_frame(path, TWIPS_25MM, 680)
    assert letterhead["h"] == "4422" and letterhead_lines[0] == rendered.notes.candidate.name, letterhead_lines
    date, date_lines = docx_frame(path, TWIPS_125MM, TWIPS_50MM)
    assert date["w"] == "3685" and re.fullmatch(r"\d{1,2}\. \w+ 2026", date_lines[0]), (date, date_lines)
    document = docx.Document(str(path))
    # The subject 8.46 mm (480 twips) below the field, without a label ("Betreff", "Re:").
    subject = [paragraph for paragraph in document.paragraphs
               if paragraph.style is not None and paragraph.style.name == "Letter Subject"]
    assert len(subject) == 1 and subject[0].paragraph_format.space_before.twips == 480, subject
    assert subject[0].text == f"{rendered.notes.role.title} – meine Erfahrung zu den besprochenen Kriterien", \
        subject[0].text
    # The body is criteria-match.docx's: the sections and the criteria table, its rows the matches,
    # its columns within the 165 mm text column of A4 with 25 and 20 mm margins.
    body = docx_text(path)
    for heading in ("PRIORITÄTEN", "DIE BESPROCHENEN KRITERIEN", "NÄCHSTE SCHRITTE"):
        assert heading.lower() in body.lower(), heading
    assert "Betreff" not in body and "Re:" not in body
    assert body.count("Friedrichstraße 100") == 1, body
    assert len(document.tables) == 1
    table = document.tables[0]
    assert [cell.text for cell in table.rows[0].cells] == ["KRITERIUM", "MEINE ERFAHRUNG", "NACHWEIS"]
    assert len(table.rows) == 1 + len(rendered.notes.match), [row.cells[0].text for row in table.rows]
    grid = [int(column.get(f"{W}w")) for column in table._tbl.tblGrid.iter(f"{W}gridCol")]
    assert len(grid) == 3 and TWIPS_165MM - 30 <= sum(grid) <= TWIPS_165MM, grid
    section = document.sections[0]
    assert (section.left_margin.twips, section.right_margin.twips) == (TWIPS_25MM, TWIPS_20MM)
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.1)


def test_docx_criteria_match_keeps_its_layout_in_english_and_on_letter_paper(tmp_path: Path) -> None:
    english = render(ACME, tmp_path / "en", ["criteria-match"], ["docx"])
    assert docx_frames(criteria_match_docx(english)) == {}
    letter_paper = write_notes(tmp_path, "berlin-letter.toml",
                               lambda text: text.replace('paper = "a4"', 'paper = "letter"'), source=BERLIN)
    german = render(letter_paper, tmp_path / "de", ["criteria-match"], ["docx"])
    path = criteria_match_docx(german)
    assert docx_frames(path) == {}
    assert "Spree Logistik GmbH" in docx_text(path)  # German all the same, in criteria-match.docx's layout


@pytest.mark.libreoffice
@pytest.mark.skipif(_soffice() is None, reason="LibreOffice (libreoffice/soffice) is not on PATH")
def test_libreoffice_places_the_german_docx_criteria_match_on_din_5008(tmp_path: Path) -> None:
    rendered = render(BERLIN, tmp_path / "out", ["criteria-match"], ["docx"])
    pdf = _to_pdf(criteria_match_docx(rendered), tmp_path)
    x, y = recipient_position(pdf, "Lena Hoffmann ·")
    assert abs(x - 25) < 3 and 45 <= y < 62.7, (x, y)
    x, y = recipient_position(pdf, "Katrin Müller")
    assert abs(x - 25) < 3 and abs(y - 62.7) < 3, (x, y)
    page = words(pdf)
    date = [(left, top) for text, left, top in page if text == "November" and top < 90]
    assert date and date[0][0] > 125 and 45 <= date[0][1] <= 60, date
    tops = [top for text, left, top in page if text == "Key" and top > 90]
    assert tops and abs(tops[0] - 98.46) < 3, tops
    # The criteria table on page 1, inside the 25 mm left margin and the 190 mm right one.
    header = [(left, top) for text, left, top in page if text == "KRITERIUM"]
    assert header and abs(header[0][0] - 25) < 3, header
    assert all(24 <= left < 190 for text, left, top in page if top > 90), \
        [(text, left) for text, left, top in page if top > 90 and not 24 <= left < 190]


@pytest.mark.libreoffice
@pytest.mark.skipif(_soffice() is None, reason="LibreOffice (libreoffice/soffice) is not on PATH")
def test_libreoffice_keeps_the_english_docx_criteria_match_as_it_was(tmp_path: Path) -> None:
    english = render(ACME, tmp_path / "en", ["criteria-match"], ["docx"])
    reader = next(person for person in english.notes.interviewers if person.decision_role == "decision-maker")
    pdf = _to_pdf(criteria_match_docx(english), tmp_path)
    position = recipient_position(pdf, reader.name)
    assert not in_address_field(position), position
    # Where criteria-match.docx puts it: on its 0.9 in margin, below the letterhead and the date.
    assert abs(position[0] - 0.9 * 25.4) < 0.5 and position[1] < 62.7 - 3, position
    date = [(left, top) for text, left, top in words(pdf) if text in {"November", "December"}]
    assert date and abs(date[0][0] - 0.9 * 25.4) < 0.5 and date[0][1] < position[1], date
