"""Public holidays for the business-day defaults, from the ``holidays`` package (python-holidays).

``[style] country`` names the country (ISO 3166-1 alpha-2, ``US``), optionally with
a subdivision (ISO 3166-2 without the country, ``DE-BY``: Bavaria); without it, the
locale's territory is used (``en_US`` -> ``US``, ``de_DE`` -> ``DE``); a locale with
no territory (``fr``) means weekends only.

Looking one country up costs about half a second the first time in a process:
``holidays`` imports every country it knows. The dates found are kept in a small
JSON file in the user's cache folder (``$FOLLOWUP_CACHE_DIR``, else
``platformdirs.user_cache_dir("followup")``), keyed by the installed ``holidays``
package, so ``check`` and ``status`` read them back in a millisecond; the file is a
convenience, never needed (unwritable, corrupt or stale: it is rebuilt or skipped).
"""

from __future__ import annotations

import datetime
import functools
import importlib.util
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from followup.cache import cache_dir
from followup.errors import Problem
from followup.notes.model import COUNTRY_CODE

if TYPE_CHECKING:
    from followup.notes.loader import LoadedNotes

CACHE_FILE = "holidays-v1.json"



class UnknownCountry(ValueError):
    """``holidays`` knows no such country, or no such subdivision of it."""


@dataclass(frozen=True)
class Country:
    """A country and, optionally, one of its subdivisions: ``Country("DE", "BY")``."""

    code: str
    subdivision: str | None = None

    def __str__(self) -> str:
        return f"{self.code}-{self.subdivision}" if self.subdivision else self.code


def parse_country(text: str) -> Country | None:
    """``"de-by"`` -> ``Country("DE", "BY")``; None when it is not shaped like an ISO 3166 code."""
    found = COUNTRY_CODE.fullmatch(text.strip())
    if not found:
        return None
    code, subdivision = found.groups()
    return Country(code.upper(), subdivision.upper() if subdivision else None)


def locale_territory(locale: str) -> Country | None:
    """The territory of a locale (``en_US`` -> US, ``zh_Hant_TW`` -> TW), None when it has none."""
    for part in reversed(locale.replace("-", "_").split("_")[1:]):
        if len(part) == 2 and part.isalpha():
            return Country(part.upper())
    return None


def country_for(country: str | None, locale: str) -> tuple[Country | None, bool]:
    """The country whose holidays count, and whether the user wrote it (``[style] country``) or it is the default."""
    if country and country.strip():
        return parse_country(country), True
    return locale_territory(locale), False


def _cache_dir() -> Path:
    return cache_dir()


def _package_key() -> str:
    """What identifies the installed ``holidays`` (where it is, when it was written), without importing it."""
    spec = importlib.util.find_spec("holidays")
    if spec is None or spec.origin is None:
        return "none"
    try:
        stat = os.stat(spec.origin)
    except OSError:
        return spec.origin
    return f"{spec.origin}:{stat.st_mtime_ns}:{stat.st_size}"


def _read_cache() -> dict[str, dict[str, str]]:
    try:
        data = json.loads((_cache_dir() / CACHE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("package") != _package_key():
        return {}
    calendars = data.get("calendars")
    return calendars if isinstance(calendars, dict) else {}


def _write_cache(calendars: dict[str, dict[str, str]]) -> None:
    folder = _cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".holidays-", suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump({"package": _package_key(), "calendars": calendars}, stream)
        os.replace(temporary, folder / CACHE_FILE)
    except OSError:
        return  # a cache is a convenience


def _look_up(country: Country, year: int) -> dict[str, str]:
    import holidays

    try:
        found = holidays.country_holidays(country.code, subdiv=country.subdivision, years=year)
    except NotImplementedError:
        if country.subdivision is None:
            raise UnknownCountry(f"{country.code!r} is not a country with known public holidays") from None
        try:
            holidays.country_holidays(country.code, years=year)
        except NotImplementedError:
            raise UnknownCountry(f"{country.code!r} is not a country with known public holidays") from None
        raise UnknownCountry(f"{country.code!r} has no subdivision {country.subdivision!r}") from None
    return {day.isoformat(): str(name) for day, name in sorted(found.items())}


_UNKNOWN: dict[Country, str] = {}  # countries found unknown in this process, and why


@functools.lru_cache(maxsize=64)
def public_holidays(country: Country, year: int) -> dict[datetime.date, str]:
    """The public holidays of ``country`` in ``year``: date -> name. Raises :class:`UnknownCountry`."""
    if country in _UNKNOWN:
        raise UnknownCountry(_UNKNOWN[country])
    key = f"{country}|{year}"
    calendars = _read_cache()
    if key not in calendars:
        try:
            calendars[key] = _look_up(country, year)
        except UnknownCountry as error:
            _UNKNOWN[country] = str(error)
            raise
        _write_cache(calendars)
    return {datetime.date.fromisoformat(day): name for day, name in calendars[key].items()}


def holiday_name(country: Country | None, day: datetime.date) -> str | None:
    """The name of the public holiday on ``day`` in ``country``, None on a working day or an unknown country."""
    if country is None:
        return None
    try:
        return public_holidays(country, day.year).get(day)
    except UnknownCountry:
        return None


def country_error(country: str | None, locale: str, year: int) -> str | None:
    """What is wrong with ``[style] country`` (written by the user), or None; the locale's default is never an error."""
    chosen, written = country_for(country, locale)
    if not written:
        return None
    if chosen is None:
        return f"{country!r} is not a country code; write an ISO 3166 code like US, GB or DE, or DE-BY with a region"
    try:
        public_holidays(chosen, year)
    except UnknownCountry as error:
        return f"{error}; write an ISO 3166 code like US, GB or DE, or DE-BY with a region"
    return None


def country_problem(loaded: LoadedNotes) -> Problem | None:
    """An error at ``style.country`` (in the notes or the profile holding it) when holidays cannot be found for it."""
    notes = loaded.notes
    message = country_error(notes.style.country, notes.style.locale, notes.interview.date.year)
    if message is None:
        return None
    file, line = loaded.locate("style.country")
    return Problem(message, file=file, line=line, key_path="style.country")
