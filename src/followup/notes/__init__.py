"""Load stage: read a notes file (and its profile), validate it, report problems with positions."""

from followup.notes.loader import LoadedNotes, load_notes
from followup.notes.model import Notes

__all__ = ["LoadedNotes", "Notes", "load_notes"]
