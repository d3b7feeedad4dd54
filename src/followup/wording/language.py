"""What a language pack gives the wording besides its templates: locale, quotation marks, lists, plurals, labels.

A language pack is a folder ``templates/languages/<code>/`` holding one wording
template per document (``<document>.jinja``) and ``labels.toml`` (headings, table
headers, chart axes, calendar titles: the short words layouts place). A user's
template folder may override any file of it, or add a language of its own.
"""

from __future__ import annotations

import copy
import datetime
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.lists import format_list

from followup.context.formatting import Formatter
from followup.errors import Problem, TemplateError
from followup.templates import TemplateSet

#: The locale a language's documents are written in when ``style.locale`` is of another language.
DEFAULT_LOCALES: dict[str, str] = {"en": "en_US", "de": "de_DE", "fr": "fr_FR", "es": "es_ES"}

#: Opening and closing quotation marks, with the spaces each language puts inside them.
QUOTES: dict[str, tuple[str, str]] = {
    "en": ("“", "”"),
    "de": ("„", "“"),
    "fr": ("«\u202f", "\u202f»"),
    "es": ("«", "»"),
}


def locale_for(language: str, style_locale: str) -> str:
    """``style.locale`` when it is of ``language`` (``de_AT`` for German), else the language's default locale."""
    if style_locale.split("_")[0].lower() == language:
        return style_locale
    return DEFAULT_LOCALES.get(language, f"{language}")


#: The list styles of CLDR that Babel's ``format_list`` knows.
ListStyle = Literal["standard", "standard-short", "or", "or-short", "unit", "unit-short", "unit-narrow"]


@lru_cache(maxsize=32)
def _locale(name: str) -> Locale:
    return Locale.parse(name)


@dataclass(frozen=True)
class Writer:
    """Dates, money, numbers, lists, plurals and quotation marks in one language and locale.

    Dates, money, numbers and percentages are ``context.formatting.Formatter``'s, for the
    document's locale; what is added here is what a sentence needs: ISO strings accepted,
    the weekday and day-month forms of each language, lists, plurals and quotation marks.
    """

    language: str = "en"
    locale: str = "en_US"

    @property
    def _formatter(self) -> Formatter:
        return Formatter(self.locale)

    def date(self, value: datetime.date | str | None, style: str = "long") -> str:
        return self._formatter.date(_as_date(value), style)

    def weekday(self, value: datetime.date | str | None) -> str:
        """``Wednesday`` / ``Mittwoch``."""
        day = _as_date(value)
        return format_date(day, "EEEE", locale=_locale(self.locale)) if day else ""

    def weekday_date(self, value: datetime.date | str | None) -> str:
        """``Wednesday, November 25`` / ``Mittwoch, 25. November`` / ``mercredi 25 novembre``."""
        day = _as_date(value)
        if day is None:
            return ""
        locale = _locale(self.locale)
        weekday = format_date(day, "EEEE", locale=locale)
        joiner = ", " if self.language in ("en", "de", "es") else " "
        return f"{weekday}{joiner}{format_skeleton('MMMMd', day, locale=locale)}"

    def day_month(self, value: datetime.date | str | None) -> str:
        """``November 25`` / ``25. November`` / ``25 novembre`` / ``25 de noviembre``."""
        day = _as_date(value)
        return format_skeleton("MMMMd", day, locale=_locale(self.locale)) if day else ""

    def money(self, amount: float | None, currency: str = "USD") -> str:
        """Whole units in the locale's own pattern: ``$1,200,000`` / ``1.200.000 €``."""
        return self._formatter.money(amount, currency)

    def number(self, value: float | None) -> str:
        return self._formatter.number(value)

    def percent(self, value: float | None) -> str:
        return self._formatter.percent(value)

    def join(self, items: list[str], style: ListStyle = "standard") -> str:
        """``a, b and c`` / ``a, b und c`` / ``a, b et c`` / ``a, b y c`` (Babel, CLDR)."""
        kept = [str(item) for item in items if item and str(item).strip()]
        if not kept:
            return ""
        joined = format_list(kept, style=style, locale=_locale(self.locale))
        return spanish_conjunctions(joined) if self.language == "es" else joined

    def plural(self, count: int, one: str, other: str) -> str:
        """``one`` or ``other`` by the language's plural rule (French counts 0 as one); ``{n}`` is the count."""
        form = _locale(self.locale).plural_form(count)
        chosen = one if form == "one" else other
        return chosen.replace("{n}", self.number(count))

    def quote(self, text: str) -> str:
        opening, closing = QUOTES.get(self.language, QUOTES["en"])
        return f"{opening}{text}{closing}"


# Spanish "y" becomes "e" before an /i/ sound (hijos, Italia, but not hielo), "o" becomes "u" before an /o/ sound.
_ES_Y = re.compile(r"\b([yY]) (?=(?:[iIíÍ]|[hH][iIíÍ])(?![aeouáéóúAEOU]))")
_ES_O = re.compile(r"\b([oO]) (?=[hH]?[oOóÓ])")


def spanish_conjunctions(text: str) -> str:
    """``a y innovación`` -> ``a e innovación``, ``siete o ocho`` -> ``siete u ocho`` (RAE)."""
    text = _ES_Y.sub(lambda found: ("e" if found.group(1) == "y" else "E") + " ", text)
    return _ES_O.sub(lambda found: ("u" if found.group(1) == "o" else "U") + " ", text)


_FR_BEFORE = re.compile(r"[ \u00a0]*([;!?»])")
_FR_COLON = re.compile(r"[ \u00a0]*:(?=\s|$)")
_FR_OPEN = re.compile(r"«[ \u00a0\u202f]*")


def french_spacing(text: str) -> str:
    """French typography: a narrow no-break space (U+202F) before ``; : ! ?`` and ``»`` and after ``«``.

    A colon gets it only when a space or the end follows (not ``https://`` or ``10:30``); runs such as ``?!``
    keep their marks together; a space already there becomes the narrow no-break one.
    """
    text = _FR_BEFORE.sub(lambda found: _nnbsp_before(found, text), text)
    text = _FR_COLON.sub(lambda found: "" if found.start() == 0 else "\u202f:", text)
    return _FR_OPEN.sub("«\u202f", text)


def _nnbsp_before(found: re.Match[str], text: str) -> str:
    start = found.start()
    previous = text[start - 1] if start else ""
    if found.group(1) == "»" and previous in ";!?":
        return "\u202f»"  # « Comment ? » : the closing guillemet keeps its space after a question mark
    if not previous or previous in ";!?\u202f" or (found.group(1) == "»" and previous == "\u202f"):
        return found.group(0).lstrip(" \u00a0") if previous in ";!?" else found.group(0)
    return "\u202f" + found.group(1)


_ARTICLE = re.compile(r"^(le|les|el)\s+", re.IGNORECASE)
_CONTRACTED = {("fr", "de", "le"): "du", ("fr", "de", "les"): "des", ("fr", "a", "le"): "au",
               ("fr", "a", "les"): "aux", ("es", "de", "el"): "del", ("es", "a", "el"): "al"}


def preposition(word: str, text: str, language: str) -> str:
    """``de``/``a`` before a fragment, contracted with its article: French ``du délai``, ``des intégrations``,
    ``d’une idée``, ``au marché``; Spanish ``del plazo``, ``al mercado``. Other languages: ``word text``."""
    text = text.strip()
    found = _ARTICLE.match(text)
    if found is not None:
        contracted = _CONTRACTED.get((language, word, found.group(1).lower()))
        if contracted is not None:
            return f"{contracted} {text[found.end():]}"
    if language == "fr":
        if word == "a":
            return f"à {text}"
        if text[:1] and text[:1].lower() in "aeiouyàâéèêëîïôû":
            return f"d’{text}"
    return f"{word} {text}"


def _as_date(value: datetime.date | str | None) -> datetime.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value))


def available_languages(templates: TemplateSet) -> list[str]:
    """The language packs on the template search path (built-in and the user's own)."""
    found: set[str] = set()
    for folder in templates.search_path:
        languages = folder / "languages"
        if languages.is_dir():
            found.update(path.name for path in languages.iterdir() if path.is_dir() and (path / "labels.toml").is_file()
                         or path.is_dir() and any(path.glob("*.jinja")))
    return sorted(found)


@lru_cache(maxsize=32)
def _read_labels(path: str, mtime: float) -> dict[str, Any]:
    with open(path, "rb") as handle:
        try:
            return tomllib.load(handle)
        except tomllib.TOMLDecodeError as error:
            raise TemplateError(Problem(f"labels are not valid TOML: {error}", file=None)) from None


def labels(templates: TemplateSet, language: str) -> dict[str, Any]:
    """The labels of ``language``: the built-in pack's, overridden key by key by a user's ``labels.toml``.

    English labels fill any key a pack lacks, so a new language can start small.
    """
    merged: dict[str, Any] = {}
    for code in ("en", language) if language != "en" else ("en",):
        for folder in reversed(templates.search_path):
            path = folder / "languages" / code / "labels.toml"
            if path.is_file():
                _merge(merged, copy.deepcopy(_read_labels(str(path), path.stat().st_mtime)))
    return merged


def _merge(into: dict[str, Any], other: dict[str, Any]) -> None:
    for key, value in other.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        elif isinstance(value, dict):
            into[key] = {}  # a copy: merging another pack into it must never change the cached labels
            _merge(into[key], value)
        else:
            into[key] = value


def notes_labels(templates_folder: str | None, language: str) -> dict[str, Any]:
    """The labels of ``language`` for facts code: the built-in packs, overridden by the notes' ``style.templates``
    folder when it exists (as :func:`labels`, English filling any key the pack lacks)."""
    from pathlib import Path

    folder = Path(templates_folder).expanduser() if templates_folder else None
    templates = TemplateSet(folder) if folder is not None and folder.is_dir() else TemplateSet()
    return labels(templates, language)
