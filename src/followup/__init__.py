"""followup: turn interview notes into the follow-up package."""

__version__ = "0.1.0"
