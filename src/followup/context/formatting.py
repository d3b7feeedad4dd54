"""Dates, money, numbers and lists written for a locale, with Babel.

Formatting happens here and in the context builders, never in template code, so
templates stay readable and the PDF, DOCX and email of a document agree.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal, format_percent

#: the list styles Babel knows (``format_list``)
ListStyle = Literal["standard", "standard-short", "or", "or-short", "unit", "unit-short", "unit-narrow"]


@lru_cache(maxsize=32)
def _locale(name: str) -> Locale:
    return Locale.parse(name)


@dataclass(frozen=True)
class Formatter:
    """Formats values for one locale (``en_US``, ``de_DE`` ...)."""

    locale: str = "en_US"

    def date(self, value: datetime.date | None, style: str = "long") -> str:
        """``November 20, 2026`` (long), ``Nov 20, 2026`` (medium), ``Friday, November 20, 2026`` (full)."""
        if value is None:
            return ""
        return format_date(value, format=style, locale=_locale(self.locale))

    def weekday_date(self, value: datetime.date | None) -> str:
        """``Friday, November 20`` without the year, for dates close to today."""
        if value is None:
            return ""
        locale = _locale(self.locale)
        return f'{format_date(value, "EEEE", locale=locale)}, {format_skeleton("MMMMd", value, locale=locale)}'

    def short_weekday_date(self, value: datetime.date | None) -> str:
        """``Wed, Nov 25`` / ``Mi., 25. Nov.``: the locale's own order, for tables."""
        if value is None:
            return ""
        return format_skeleton("MMMEd", value, locale=_locale(self.locale))

    def money(self, amount: float | None, currency: str, *, whole: bool = True) -> str:
        """``$1,200,000`` / ``1.200.000 €``; whole units by default (plans do not need cents)."""
        if amount is None:
            return ""
        locale = _locale(self.locale)
        if not whole:
            return format_currency(amount, currency, locale=locale)
        # The locale's own pattern without its fraction digits: "¤#,##0.00" -> "¤#,##0".
        pattern = re.sub(r"0\.0+", "0", locale.currency_formats["standard"].pattern)
        return format_currency(round(amount), currency, format=pattern, locale=locale, currency_digits=False)

    def number(self, value: float | int | None) -> str:
        if value is None:
            return ""
        return format_decimal(value, locale=_locale(self.locale))

    def percent(self, value: float | None) -> str:
        """``25%`` (en), ``25 %`` (de, fr), rounded to whole percent."""
        if value is None:
            return ""
        return format_percent(value, locale=_locale(self.locale))

    def join(self, items: list[str], style: ListStyle = "standard") -> str:
        """``a, b, and c`` / ``a, b und c``."""
        items = [item for item in items if item]
        if not items:
            return ""
        return format_list(items, style=style, locale=_locale(self.locale))
