"""The documents of the package, by name, in the order of documents.md.

Each lives in its own module, imported only when it is used.
"""

from __future__ import annotations

import importlib

from followup.documents.base import Context, Document

DOCUMENT_MODULES: dict[str, str] = {
    "thank-you-card": "followup.documents.thank_you_card",
    "thank-you-letter": "followup.documents.thank_you_letter",
    "criteria-match": "followup.documents.criteria_match",
    "prep-sheet": "followup.documents.prep_sheet",
    "territory-plan": "followup.documents.territory_plan",
    "process-ideas": "followup.documents.process_ideas",
    "follow-up-plan": "followup.documents.follow_up_plan",
}

DOCUMENT_NAMES: tuple[str, ...] = tuple(DOCUMENT_MODULES)
ALL_FORMATS: tuple[str, ...] = ("pdf", "docx", "eml", "txt", "ics")


def get_document(name: str) -> Document:
    """The document called ``name`` (KeyError if there is none)."""
    module = importlib.import_module(DOCUMENT_MODULES[name])
    document: Document = module.DOCUMENT
    return document


def available_documents() -> list[Document]:
    """Every document whose module exists (all of them once the package is complete)."""
    documents = []
    for name in DOCUMENT_NAMES:
        try:
            documents.append(get_document(name))
        except ModuleNotFoundError:
            continue
    return documents


__all__ = ["ALL_FORMATS", "DOCUMENT_NAMES", "Context", "Document", "available_documents", "get_document"]
