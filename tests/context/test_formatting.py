"""context/formatting.py: dates, money, numbers, percent and lists in the notes' locale (Babel)."""

from __future__ import annotations

import datetime

from followup.context.formatting import Formatter

DAY = datetime.date(2026, 12, 4)


def test_english_and_german_dates() -> None:
    assert Formatter("en_US").date(DAY) == "December 4, 2026"
    assert Formatter("de_DE").date(DAY) == "4. Dezember 2026"
    assert Formatter("en_US").weekday_date(DAY) == "Friday, December 4"
    assert Formatter("en_US").date(None) == ""


def test_money_numbers_and_percent() -> None:
    assert Formatter("en_US").money(1200000, "USD") == "$1,200,000"
    assert Formatter("de_DE").money(1200000, "EUR") == "1.200.000\xa0€"
    assert Formatter("en_US").number(1234567) == "1,234,567"
    assert Formatter("en_US").percent(0.25) == "25%"


def test_lists_join_in_the_locales_words() -> None:
    assert Formatter("en_US").join(["plan", "ideas", "calendar"]) == "plan, ideas, and calendar"
    assert Formatter("de_DE").join(["Plan", "Ideen"]) == "Plan und Ideen"
    assert Formatter("en_US").join(["", "only"]) == "only"
    assert Formatter("en_US").join([]) == ""
