"""Render a document's wording template into :class:`~followup.wording.prose.Prose`.

``compose(context, templates)`` picks ``languages/<lang>/<document>.jinja`` for
the language of the context (``context["document"]["lang_code"]``), renders it
in the same sandbox as every other template (no autoescape: the output is text,
and each layout escapes it for its format), and parses the result. The filters
it offers are how a template fits note fragments into sentences and writes
dates, money, lists and plurals in its language; docs/templates.md lists them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from jinja2 import pass_context
from jinja2.ext import Extension
from jinja2.runtime import Context as JinjaContext

from followup.errors import Problem, TemplateError
from followup.render.environment import TemplateSandbox, template_environment
from followup.render.template_errors import template_errors
from followup.templates import TemplateSet
from followup.wording import fitting
from followup.wording.language import Writer, french_spacing, labels, locale_for, preposition
from followup.wording.prose import CLOSE, FITTED, OPEN, Prose, parse


class _SentenceLines(Extension):
    """Keep the line break after a line of text that ends in a block tag.

    ``trim_blocks`` removes the newline after every block tag, which is right for a
    line holding only ``{% if %}`` but glues ``…{% endif %}`` to the next sentence.
    Such lines get one more newline before Jinja sees them.
    """

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        lines = source.split("\n")
        for index, line in enumerate(lines[:-1]):
            stripped = line.rstrip()
            if stripped.endswith(("%}", "#}")) and _BLOCK_TAGS.sub("", stripped).strip():
                lines[index] = line + "\n"
        return "\n".join(lines)


_BLOCK_TAGS = re.compile(r"{%.*?%}|{#.*?#}")


def _finalize(value: Any) -> Any:
    """Every printed value is one line of text, marked so the block syntax never sees markers inside it."""
    if value is None:
        return ""
    text = str(value).replace(OPEN, "").replace(CLOSE, "")
    return f"{OPEN}{fitting.one_line(text)}{CLOSE}" if text.strip() else ""


def _writer(context: JinjaContext) -> Writer:
    document = context.get("document") or {}
    return Writer(language=document.get("lang_code", "en"), locale=document.get("locale", "en_US"))


def _language(context: JinjaContext) -> str:
    return str((context.get("document") or {}).get("lang_code", "en"))


def _proper(context: JinjaContext) -> list[str]:
    return list(context.get("proper_words") or [])


def _terms(context: JinjaContext) -> list[str]:
    return [*(context.get("case_terms") or []), *((context.get("labels") or {}).get("terms") or [])]


def _tidy(context: JinjaContext, value: Any) -> str:
    """A fragment as the notes typed it, with shorthand spelled out and known words in their case."""
    labels = context.get("labels") or {}
    text = fitting.one_line(_unmarked(value))
    text = fitting.expand_shorthand(text, dict(labels.get("shorthand") or {}))
    return fitting.fix_case(text, _terms(context), _language(context))


def _unmarked(value: Any) -> str:
    return str(value or "").replace(FITTED, "")


def _fitted(text: str) -> str:
    """A note fragment a filter fitted, marked so that the language's typography (French spacing) applies to it
    when the prose is parsed; a value printed as it is (a name) is never marked, so stays exactly as written."""
    return FITTED + text if text else text


def _same_mark(value: Any, text: str) -> str:
    """``text`` made from ``value``, marked as fitted when ``value`` was."""
    return _fitted(text) if FITTED in str(value or "") else text


def _filters() -> dict[str, Callable[..., Any]]:
    @pass_context
    def clause(context: JinjaContext, value: Any) -> str:
        return _fitted(fitting.clause(_tidy(context, value), _language(context),
                                                [*_proper(context), *_terms(context)]))

    @pass_context
    def sentence(context: JinjaContext, value: Any) -> str:
        return _fitted(fitting.sentence(_tidy(context, value), _language(context)))

    @pass_context
    def date(context: JinjaContext, value: Any, style: str = "long") -> str:
        return _writer(context).date(value, style)

    @pass_context
    def weekday(context: JinjaContext, value: Any) -> str:
        return _writer(context).weekday(value)

    @pass_context
    def weekday_date(context: JinjaContext, value: Any) -> str:
        return _writer(context).weekday_date(value)

    @pass_context
    def day_month(context: JinjaContext, value: Any) -> str:
        return _writer(context).day_month(value)

    @pass_context
    def money(context: JinjaContext, value: Any, currency: str = "USD") -> str:
        return _writer(context).money(value, currency)

    @pass_context
    def number(context: JinjaContext, value: Any) -> str:
        return _writer(context).number(value)

    @pass_context
    def percent(context: JinjaContext, value: Any) -> str:
        return _writer(context).percent(value)

    @pass_context
    def andlist(context: JinjaContext, value: Any) -> str:
        items = [str(item) for item in value or []]
        return _same_mark("".join(items), _writer(context).join([_unmarked(item) for item in items]))

    @pass_context
    def orlist(context: JinjaContext, value: Any) -> str:
        items = [str(item) for item in value or []]
        return _same_mark("".join(items), _writer(context).join([_unmarked(item) for item in items], style="or"))

    @pass_context
    def q(context: JinjaContext, value: Any) -> str:
        return _writer(context).quote(fitting.one_line(str(value or "")))

    @pass_context
    def concern_subject(context: JinjaContext, value: Any) -> str:
        return _fitted(fitting.clause(fitting.concern_subject(_tidy(context, value), _language(context)),
                                                _language(context), [*_proper(context), *_terms(context)]))

    def article(value: Any) -> str:
        return _same_mark(value, fitting.article(_unmarked(value)))

    @pass_context
    def cap(context: JinjaContext, value: Any) -> str:
        return _fitted(fitting.capitalised(_tidy(context, value)))

    def nodot(value: Any) -> str:
        return str(value or "").rstrip(" .")

    @pass_context
    def de(context: JinjaContext, value: Any) -> str:
        return _same_mark(value, preposition("de", _unmarked(value), _language(context)))

    @pass_context
    def a(context: JinjaContext, value: Any) -> str:
        return _same_mark(value, preposition("a", _unmarked(value), _language(context)))

    return {"clause": clause, "sentence": sentence, "date": date, "weekday": weekday,
            "weekday_date": weekday_date, "day_month": day_month, "money": money, "number": number,
            "percent": percent, "andlist": andlist, "orlist": orlist, "q": q, "article": article,
            "cap": cap, "nodot": nodot, "concern_subject": concern_subject, "de": de, "a": a}


@pass_context
def _plural(context: JinjaContext, count: int, one: str, other: str) -> str:
    """``one`` or ``other`` by the language's plural rule; ``{n}`` is the count in digits, ``{w}`` in words
    (``labels.numbers``) up to ten."""
    count = int(count)
    words = (context.get("labels") or {}).get("numbers") or []
    word = str(words[count]) if 0 <= count < len(words) else _writer(context).number(count)
    return _writer(context).plural(count, one, other).replace("{w}", word)


#: The filters a wording template may use, by name (docs/templates.md lists them from here).
WORDING_FILTERS: dict[str, Callable[..., Any]] = _filters()


@lru_cache(maxsize=8)
def wording_environment(templates: TemplateSet) -> TemplateSandbox:
    """The sandboxed environment of wording templates: plain text, every value one marked line."""
    environment = template_environment(templates, autoescape=False, kind="wording", finalize=_finalize,
                                       extensions=[_SentenceLines])
    environment.filters.update(WORDING_FILTERS)
    environment.globals["plural"] = _plural
    return environment


def wording_template(document: str, language: str) -> str:
    """The wording template's name on the template search path."""
    return f"languages/{language}/{document}.jinja"


def compose(context: dict[str, Any], templates: TemplateSet | None = None) -> Prose:
    """The prose of the document ``context`` describes, in its language."""
    templates = templates or TemplateSet()
    document = context["document"]["name"]
    language = context["document"].get("lang_code", "en")
    name = wording_template(document, language)
    if not templates.exists(name):
        # A pack may start small: a document it does not write yet is written in English.
        name = wording_template(document, "en")
    if not templates.exists(name):
        raise TemplateError(Problem(f"no wording template {name!r} for {document}",
                                    hint="add the file to your templates folder"))
    with template_errors(name, document):
        text = wording_environment(templates).get_template(name).render(context)
    if language == "fr":
        # French typography on the template's own text (a narrow no-break space before ; : ! ? and inside « »);
        # the values it prints are kept as written (names above all); fitted fragments got it from their filter.
        return parse(text, french_spacing, "\u202f: ")
    return parse(text)


def _package_language(style: dict[str, Any]) -> str:
    """The language of the package (``style.language``, else the locale's where a pack exists, else en)."""
    from followup.notes.model import LANGUAGES

    if style.get("language"):
        return str(style["language"])
    base = str(style.get("locale") or "en_US").split("_")[0].lower()
    return base if base in LANGUAGES else "en"


def apply(context: dict[str, Any], templates: TemplateSet | None = None, *, wording: bool = True) -> Prose | None:
    """Give ``context`` what its layouts place: ``labels`` of its language and, with ``wording``, its ``prose``.

    The language pack's default sign-off (``labels.sign_off.<tone>``) fills
    ``style.sign_off`` when the notes give none; a ``title`` section of the
    prose becomes the document's title (PDF and DOCX metadata, the page title).
    """
    templates = templates or TemplateSet()
    language = context["document"].get("lang_code", "en")
    name = context["document"]["name"]
    if wording and language != "en" and not templates.exists(wording_template(name, language)):
        # The pack does not word this document yet: it is written in English, so it is English throughout
        # (dates, labels, and the `lang` of its PDF and DOCX), not English sentences tagged as German.
        language = "en"
        locale = locale_for("en", str(context["document"].get("locale", "en_US")))
        context["document"].update(lang_code="en", locale=locale, lang=locale.replace("_", "-"))
        if isinstance(context.get("style"), dict):
            context["style"]["lang"] = "en"
    context["labels"] = labels(templates, language)
    style = context.get("style")
    if isinstance(style, dict) and (not style.get("sign_off") or _package_language(style) != language):
        # The notes' sign_off is in the package's language; a reader with a language of their own
        # (an English letter in a Spanish package) gets their pack's closing, not "Atentamente".
        style["sign_off"] = context["labels"].get("sign_off", {}).get(style.get("tone", "warm"), "")
    if not wording:
        return None
    prose = compose(context, templates)
    context["prose"] = prose.as_context()
    if prose.text("title"):
        context["document"]["title"] = prose.text("title")
    return prose
