"""Context stage: derived values (dates, money, the cadence) every template sees."""

from followup.context.builder import base_context, formatter_for
from followup.context.formatting import Formatter

__all__ = ["Formatter", "base_context", "formatter_for"]
