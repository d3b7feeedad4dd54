"""Which documents go with the criteria-match email: the one definition, shared by its wording and its draft.

The email's sentence about the materials names exactly these, and the ``.eml``
draft carries exactly these PDFs; the printed letter says they are enclosed.
"""

from __future__ import annotations

from followup.notes.model import Notes

#: The documents that can travel with the criteria-match email, in the order they are named.
MATERIAL_DOCUMENTS: tuple[str, ...] = ("territory-plan", "process-ideas")


def material_documents(notes: Notes) -> list[str]:
    """The names of the documents these notes can produce that go with the criteria-match email."""
    from followup.documents import get_document

    return [name for name in MATERIAL_DOCUMENTS if get_document(name).skip_reason(notes) is None]
