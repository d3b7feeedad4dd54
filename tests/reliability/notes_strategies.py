"""Hypothesis strategies for notes files, generated from the notes model, and a TOML writer for them.

The notes are built as plain data (what ``tomllib`` would give) and written
with :func:`to_toml` (every string a basic string with every control character
escaped, every list of tables an inline array), so any text at all can be
carried into a notes file and through the real loader.
"""

from __future__ import annotations

import datetime
import math
from typing import Any

from hypothesis import strategies as st

PRIVATE_MARKER = "PRIVATE-7f3a9c"

# Awkward pieces every text strategy mixes in: markup, quotes, RTL, emoji, zero-width, Jinja, TOML-ish.
TRICKY_PIECES = [
    "&", "<", ">", '"', "'", "’", "é", "—", "<b>x</b>", "&amp;", "{{ 7*7 }}", "{% if %}", "${x}", "%s",
    "שלום", "مرحبا", "\u202e", "\u202c", "\u200b", "\u200d", "\ufeff", "👩‍💼", "🎉", "日本語", "Ω", "ﬁ",
    "\\", "]]>", "#", "=", "[x]", "\t",
]
NEWLINES = ["\n", "\r\n", "\r", "\u2028", "\x85"]


# The C0 controls the model refuses (tab, LF and CR are text); the hostile corpus covers them.
REFUSED_CONTROLS = "".join(chr(code) for code in [*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


def _characters(extra_blacklist: tuple[str, ...] = ()) -> st.SearchStrategy[str]:
    return st.characters(blacklist_categories=("Cs", *extra_blacklist), blacklist_characters=REFUSED_CONTROLS)


def any_text(min_size: int = 0, max_size: int = 40, newlines: bool = True) -> st.SearchStrategy[str]:
    """Any Unicode text (no surrogates), often made of tricky pieces, with newlines when allowed."""
    pieces = TRICKY_PIECES + (NEWLINES if newlines else [])
    blacklist = () if newlines else ("Cc", "Zl", "Zp")
    piece = st.one_of(st.sampled_from(pieces), st.text(_characters(blacklist), min_size=1, max_size=8))
    joined = st.lists(piece, min_size=0, max_size=max(1, max_size // 4)).map("".join)
    return joined.filter(lambda text: min_size <= len(text) <= max_size * 3 and (min_size == 0 or text.strip()))


def clean_name(max_size: int = 30) -> st.SearchStrategy[str]:
    """A name a person could type: letters of any script, marks, digits, punctuation, symbols, single spaces.

    Used where the test asserts the exact text comes out (no control characters,
    no leading or trailing or doubled spaces: those are cleaned in headers).
    """
    letters = st.characters(whitelist_categories=("L", "M", "N", "P", "S"))
    word = st.one_of(st.text(letters, min_size=1, max_size=10),
                     st.sampled_from(["&", "<b>", '"Q"', "O'Neil", "José", "Zoë", "שלום", "مرحبا", "👩‍💼",
                                      "{{ x }}", "Ŋ", "a\u200bb", "x\u200dy",
                                      # what a language's wording must not touch in a name: French spacing
                                      # before : ; ! ? », contracted articles, shorthand and case fixes
                                      "Fish:", ":", "?", "!", ";", "?!", "«", "»", "«Q»", "::", "||", "Le", "Les",
                                      "El", "L'Oréal", "hôtel", "w/", "cro", "i", "q3", "fy25", "==", "*"]))
    return st.lists(word, min_size=1, max_size=4).map(" ".join).filter(lambda text: len(text) <= max_size * 2)


def ascii_name(max_size: int = 24) -> st.SearchStrategy[str]:
    """A name that survives PDF text extraction exactly: ASCII letters and digits, single spaces."""
    word = st.text(st.sampled_from("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789"), min_size=2,
                   max_size=8)
    return st.lists(word, min_size=1, max_size=3).map(" ".join).filter(lambda text: len(text) <= max_size)


def optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


def emails() -> st.SearchStrategy[str]:
    return st.one_of(st.emails(), st.sampled_from(["dana.whitfield@example.com", "o'neil+x@ex-ample.co.uk"]))


def notes_dates() -> st.SearchStrategy[datetime.date]:
    return st.dates(min_value=datetime.date(1950, 1, 1), max_value=datetime.date(2099, 12, 31))


def _drop_none(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value is not None and value != {}}


@st.composite
def notes_data(draw: st.DrawFn, *, names: st.SearchStrategy[str] | None = None, max_interviewers: int = 3,
               long_lists: bool = False) -> dict[str, Any]:
    """A valid notes file as plain data: every optional section present or absent, any text in every value."""
    if names is None:  # a strategy is always truthy: ``names or ...`` never chose the fallback, and warned
        names = clean_name()
    text = any_text()
    list_size = 40 if long_lists else 4
    text_list = st.lists(any_text(min_size=1), max_size=list_size)
    interview_date = draw(notes_dates())
    candidate = _drop_none({
        "name": draw(names),
        "email": draw(optional(emails())),
        "phone": draw(optional(text)),
        "linkedin": draw(optional(text)),
        "city": draw(optional(text)),
        "mailing_address": draw(optional(text)),
        "signature": draw(optional(text)),
    })
    company = _drop_none({"name": draw(names), "industry": draw(optional(text)),
                          "website": draw(optional(text)), "mailing_address": draw(optional(text))})
    role = _drop_none({"title": draw(names), "team": draw(optional(text)), "reports_to": draw(optional(text)),
                       "posting_url": draw(optional(text))})
    interview = _drop_none({"date": interview_date, "stage": draw(optional(text)),
                            "format": draw(optional(st.sampled_from(["onsite", "video", "phone"]))),
                            "location": draw(optional(text))})
    people = draw(st.lists(st.builds(dict), min_size=1, max_size=max_interviewers))
    interviewers = []
    for _ in people:
        interviewers.append(_drop_none({
            "name": draw(names),
            "title": draw(optional(text)),
            "email": draw(optional(emails())),
            "phone": draw(optional(text)),
            "decision_role": draw(optional(st.sampled_from(["decision-maker", "influencer", "stakeholder",
                                                             "recruiter"]))),
            "topics": draw(optional(text_list)),
            "personal_note": draw(optional(text)),
            "mailing_address": draw(optional(text)),
        }))
    data: dict[str, Any] = {
        "candidate": candidate, "company": company, "role": role, "interview": interview,
        "interviewers": interviewers,
        "private": {"salary_floor": f"{PRIVATE_MARKER}-{draw(st.text(st.sampled_from('abcdef0123'), max_size=6))}",
                    "impressions": draw(text), "nested": {"secret": f"{PRIVATE_MARKER}-nested"}},
    }
    if draw(st.booleans()):
        data["schema_version"] = 1
    if draw(st.booleans()):
        data["discovery"] = _drop_none({
            "priorities": draw(optional(text_list)), "requirements": draw(optional(text_list)),
            "success_criteria": draw(optional(text_list)), "pains": draw(optional(text_list)),
            "decision_process": draw(optional(text)),
            "decision_date": draw(optional(notes_dates())), "next_steps": draw(optional(text)),
        })
    if draw(st.booleans()):
        data["match"] = draw(st.lists(st.fixed_dictionaries(
            {"criterion": any_text(min_size=1), "evidence": any_text(min_size=1)},
            optional={"proof": text}), max_size=list_size))
    if draw(st.booleans()):
        data["close"] = _drop_none({
            "asked": draw(optional(st.booleans())),
            "answer": draw(optional(st.sampled_from(["yes", "no", "maybe", "deferred"]))),
            "objections": draw(optional(st.lists(st.fixed_dictionaries(
                {"concern": any_text(min_size=1)},
                # raised_by must name one of the interviewers (notes-format.md)
                optional={"response": text, "raised_by": st.sampled_from([person["name"] for person in interviewers])}),
                max_size=list_size))),
        })
    if draw(st.booleans()):
        data["territory"] = draw(territory_data(list_size))
    if draw(st.booleans()):
        levels = st.sampled_from(["low", "medium", "high"])
        data["ideas"] = draw(st.lists(st.fixed_dictionaries(
            {"title": any_text(min_size=1), "idea": any_text(min_size=1)},
            optional={"problem": text, "impact": levels, "effort": levels, "first_step": text}),
            max_size=list_size))
    if draw(st.booleans()):
        data["follow_up"] = _drop_none({
            "thank_you_by": draw(optional(notes_dates())), "call_on": draw(optional(notes_dates())),
            "materials_by": draw(optional(notes_dates())), "check_in_on": draw(optional(notes_dates())),
            "promised": draw(optional(text)), "promised_by": draw(optional(notes_dates())),
            "done": draw(optional(st.lists(st.sampled_from(["thank-you", "call", "materials", "check-in"]),
                                           unique=True))),
        })
    if draw(st.booleans()):
        data["style"] = _drop_none({
            "tone": draw(optional(st.sampled_from(["warm", "formal"]))),
            "sign_off": draw(optional(text)),
            "paper": draw(optional(st.sampled_from(["letter", "a4"]))),
            "accent_color": draw(optional(st.from_regex(r"#[0-9a-fA-F]{6}", fullmatch=True))),
            "locale": draw(optional(st.sampled_from(["en_US", "en_GB", "de_DE", "fr_FR", "ar_EG", "he_IL",
                                                     "ja_JP", "hi_IN"]))),
            # every language pack writes the documents (style.language), whatever the locale says
            "language": draw(optional(st.sampled_from(["en", "de", "fr", "es"]))),
        })
    return data


@st.composite
def territory_data(draw: st.DrawFn, list_size: int) -> dict[str, Any]:
    """A territory with extreme numbers: quotas from a cent to 10^15, tiny and uneven shares."""
    text = any_text()
    money = st.one_of(st.integers(min_value=1, max_value=10**15),
                      st.floats(min_value=0.01, max_value=1e15, allow_nan=False, allow_infinity=False))
    segment_count = draw(st.integers(min_value=0, max_value=min(list_size, 6)))
    raw_shares = draw(st.lists(st.floats(min_value=0, max_value=1), min_size=segment_count,
                               max_size=segment_count))
    total = sum(raw_shares)
    shares = [share / total for share in raw_shares] if total > 1 else raw_shares
    shares = [math.floor(share * 1000) / 1000 for share in shares]
    segments = []
    for share in shares:
        segments.append(_drop_none({
            "name": draw(any_text(min_size=1)),
            "accounts": draw(optional(st.integers(min_value=0, max_value=10_000_000))),
            "share": draw(optional(st.just(share))),
            "strategy": draw(optional(text)),
        }))
    ramp = draw(optional(st.lists(st.integers(min_value=0, max_value=100), min_size=1, max_size=12)
                         .filter(lambda parts: sum(parts) > 0)))
    if ramp is not None:
        total_ramp = sum(ramp)
        shares_ramp = [part / total_ramp for part in ramp]
        shares_ramp[-1] = 1 - sum(shares_ramp[:-1])
        ramp = [max(0.0, share) for share in shares_ramp]
    return _drop_none({
        "name": draw(any_text(min_size=1)),
        "period": draw(optional(text)),
        "currency": draw(optional(st.sampled_from(["USD", "EUR", "JPY", "GBP", "CHF", "BHD", "XXX", "ZZZ"]))),
        "quota": draw(optional(money)),
        "ramp": ramp,
        "regions": draw(optional(st.lists(any_text(min_size=1), max_size=list_size))),
        "kpis": draw(optional(st.lists(any_text(min_size=1), max_size=list_size))),
        "segments": segments or None,
        "accounts": draw(optional(st.lists(st.fixed_dictionaries(
            {"name": any_text(min_size=1)},
            optional={"segment": text, "tier": st.sampled_from(["A", "B", "C"]),
                      "potential": st.one_of(st.integers(min_value=0, max_value=10**15),
                                             st.floats(min_value=0, max_value=1e15)),
                      "status": text, "next_step": text}), max_size=list_size))),
        "plan": draw(optional(st.lists(st.fixed_dictionaries(
            {"phase": any_text(min_size=1)}, optional={"goals": st.lists(any_text(min_size=1), max_size=4)}),
            max_size=min(list_size, 6)))),
    })


def _toml_string(text: str) -> str:
    out = ['"']
    for character in text:
        code = ord(character)
        if character == '"':
            out.append('\\"')
        elif character == "\\":
            out.append("\\\\")
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04X}")
        else:
            out.append(character)
    out.append('"')
    return "".join(out)


def toml_value(value: Any) -> str:
    """One TOML value, inline (strings escaped, lists and tables inline)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_toml_string(key)} = {toml_value(item)}" for key, item in value.items()) + "}"
    raise TypeError(f"cannot write {value!r} as TOML")


def to_toml(data: dict[str, Any]) -> str:
    """A notes file: top-level values first, then one ``[table]`` per section, lists of tables inline."""
    lines = [f"{key} = {toml_value(value)}" for key, value in data.items() if not isinstance(value, dict)]
    for key, value in data.items():
        if isinstance(value, dict):
            lines.append(f"\n[{key}]")
            lines.extend(f"{_toml_string(inner)} = {toml_value(item)}" for inner, item in value.items())
    return "\n".join(lines) + "\n"
