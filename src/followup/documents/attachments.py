"""The PDFs that travel with the criteria-match email: which ones, and the file names the reader sees.

Which documents go is :func:`followup.documents.materials.material_documents`
(the one definition, also behind the email's "attached …" sentence); this module
only names their files, e.g. ``Territory plan – New England – Dana Whitfield.pdf``
and ``Process ideas – Acme Robotics – Dana Whitfield.pdf``: what it is, what it
is about, and who sent it, so the file still makes sense in the reader's
downloads folder. What it is comes from ``[attachments]`` of the package
language's labels.toml ("Gebietsplan – DACH Nord – Lena Hoffmann.pdf"), the
language the attached PDFs are written in.
"""

from __future__ import annotations

import re

from followup.documents.materials import material_documents
from followup.notes.model import Notes
from followup.wording.language import notes_labels

#: Characters no file name may hold on some system (and control characters), replaced by a space.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029/\\:*?\"<>|]")
#: Longest file name stem, in characters; longer ones are cut at a word.
MAX_STEM = 120
SEPARATOR = " – "


def _clean(text: str) -> str:
    return " ".join(_UNSAFE.sub(" ", text).split()).strip(" .")


def attachment_titles(notes: Notes) -> dict[str, str]:
    """What each attachable document is called in its file name, in the package's language (``[attachments]``)."""
    titles = notes_labels(notes.style.templates, notes.style.prose_language).get("attachments", {})
    return {str(key): str(value) for key, value in titles.items()}


def attachment_filename(notes: Notes, document: str) -> str:
    """The file name of ``document``'s PDF as attached to the email: title – subject – candidate.pdf.

    The subject is the territory's name for the territory plan and the company for
    the others. User text is cleaned of path separators, characters Windows refuses
    and control characters; the stem is at most :data:`MAX_STEM` characters.
    """
    about = notes.company.name
    if document == "territory-plan" and notes.territory is not None and notes.territory.name.strip():
        about = notes.territory.name
    title = attachment_titles(notes).get(document) or document.replace("-", " ").capitalize()
    parts = [title, about, notes.candidate.name]
    stem = SEPARATOR.join(part for part in (_clean(value) for value in parts) if part)
    if len(stem) > MAX_STEM:
        stem = stem[:MAX_STEM].rsplit(" ", 1)[0].rstrip(" –.")
    return f"{stem}.pdf"


def email_attachments(notes: Notes) -> list[tuple[str, str]]:
    """``(document, file name)`` for every PDF the criteria-match email carries, in the order they are named."""
    return [(document, attachment_filename(notes, document)) for document in material_documents(notes)]


__all__ = ["attachment_filename", "attachment_titles", "email_attachments"]
