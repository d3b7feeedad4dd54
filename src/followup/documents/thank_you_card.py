"""thank-you-card: a print-ready card for each interviewer (draft: the card/letter work refines it)."""

from __future__ import annotations

from followup.context import base_context
from followup.documents.base import Context, Document
from followup.notes.model import Interviewer, Notes


def skip_reason(notes: Notes) -> str | None:
    return None


def build_context(notes: Notes, interviewer: Interviewer | None) -> Context:
    assert interviewer is not None
    context = base_context(notes, document="thank-you-card", title=f"Thank you, {interviewer.name}")
    context["interviewer"] = next(p for p in context["interviewers"] if p["name"] == interviewer.name)
    return context


DOCUMENT = Document(
    name="thank-you-card", title="Thank-you card", formats=("pdf", "docx"), per_interviewer=True,
    skip_reason=skip_reason, build_context=build_context, max_pages=1,
)
