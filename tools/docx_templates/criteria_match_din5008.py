"""Build templates/criteria-match/criteria-match.din5008.docx: the German A4 criteria-match letter, DIN 5008 Form B.

The renderer uses it instead of criteria-match.docx when the letter is German
and the paper A4 (``followup.render.docx.din5008_variant``), as it does for the
thank-you letter. Page 1's head is the thank-you letter's
(``thank_you_letter_din5008.din5008_head``: the letterhead, the address field
45 mm from the top and 25 mm from the left with the return line and the
recipient, the date from 125 mm, the fold marks, then the subject without a
label at 98.46 mm); its module docstring says why the frames are laid out so.
The body is criteria-match.docx's (``criteria_match.body``: the greeting, the
sections, the criteria table with its repeated header row, the sign-off), with
the table's columns narrowed to the 165 mm text column between DIN's 25 mm left
and 20 mm right margins. The named styles are those of criteria-match.docx, plus
"Letter Return Address".
"""

from __future__ import annotations

from pathlib import Path

from tools.docx_templates.common import save
from tools.docx_templates.criteria_match import body, body_styles, letterhead_styles
from tools.docx_templates.thank_you_letter_din5008 import din5008_document, din5008_head

BODY_SIZE = 11.3  # criteria-match.docx's body text, 1.08 lines apart (its "Letter Body" style)
#: The criteria table's columns (criterion, evidence, proof) in inches: criteria-match.docx's 1.95, 2.9 and
#: 1.85 in scaled to the 165 mm (6.5 in) text column
TABLE_WIDTHS_IN = [1.9, 2.8, 1.79]


def build() -> Path:
    """Write the DIN 5008 criteria-match template and return its path."""
    document = din5008_document(body_size=BODY_SIZE)
    letterhead_styles(document)
    body_styles(document)
    din5008_head(document, body_line_pt=BODY_SIZE * 1.08)
    body(document, TABLE_WIDTHS_IN)
    return save(document, "criteria-match", variant="din5008")


if __name__ == "__main__":
    print(build())
