"""documents/base.py: every registered Document is complete and consistent."""

from __future__ import annotations

from followup.documents import ALL_FORMATS, DOCUMENT_NAMES, get_document
from followup.documents.base import Document


def test_every_document_is_a_document_of_known_formats() -> None:
    for name in DOCUMENT_NAMES:
        document = get_document(name)
        assert isinstance(document, Document)
        assert document.name == name
        assert document.formats and set(document.formats) <= set(ALL_FORMATS)
        assert document.render_cost > 0


def test_cards_and_per_interviewer_documents() -> None:
    assert get_document("thank-you-card").card and get_document("thank-you-card").per_interviewer
    assert not get_document("territory-plan").per_interviewer
