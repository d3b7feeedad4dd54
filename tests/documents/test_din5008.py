"""DIN 5008 Form B for German letters on A4 (templates/base/din5008.css, base/address-block.html).

The letters are rendered and the recipient's first line is found on page 1 with
Poppler's ``pdftotext -bbox`` (word boxes in points). In German on A4 it must sit
on the 25 mm left margin inside the 85 x 45 mm address field that starts 45 mm
from the top (below the return-address zone, so between 45 and 90 mm); in English
on Letter, and in German on Letter paper, the letter keeps its own layout.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docreaders import ROOT, render, write_notes

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
