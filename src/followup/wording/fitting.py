"""Fitting note fragments into sentences, and telling which fragments cannot be fitted.

Notes are typed fast: lowercase or capitalised, noun phrases or whole sentences,
shorthand, pronouns about the interviewer, notes to self. The wording templates
place fragments inside sentences through the filters built on this module:

- :func:`clause`: a fragment placed mid-sentence: its first word lower-cased
  unless it is a proper noun, an acronym or a name from the notes (German keeps
  every capital: its nouns are capitalised), end punctuation and stray spaces
  removed;
- :func:`sentence`: a fragment as a sentence of its own: capital first letter,
  closing full stop;
- :func:`article`: "a final round …" for a noun phrase used as a complement.

And the code that chooses facts uses the detectors, so that no document prints
what cannot be fitted (and ``followup check`` says what to write instead):
:func:`note_to_self`, :func:`speaks_of_reader`, :func:`is_statement`,
:func:`wish`, :func:`starts_with_verb`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

_SPACE = re.compile(r"\s+")
_END_PUNCT = re.compile(r"[\s.;:,!?…]+$")
_CLOSING = re.compile(r"""[.!?…]["'”’»)\]]*$""")
_WORD = re.compile(r"[^\W\d_][\w'’&.-]*", re.UNICODE)

# Words that start a note to oneself, per language (the notes are typed in the package's language or English).
_SELF = {
    "en": r"ask|remember|don'?t forget|do not forget|follow[- ]up|find out|look up|look into|check|todo|to do|"
          r"note to self|mention|bring|prepare|prep|send|research|google|need to|must|should|remind|confirm|"
          r"email|call|text|ping|circle back|reach out",
    "de": r"fragen|nachfragen|nicht vergessen|merken|erwähnen|mitbringen|vorbereiten|schicken|senden|"
          r"recherchieren|nachhaken|todo|notiz|anrufen|prüfen|klären",
    "fr": r"demander|penser à|ne pas oublier|rappeler|relancer|vérifier|préparer|envoyer|mentionner|"
          r"apporter|todo|note pour moi",
    "es": r"preguntar|recordar|no olvidar|mencionar|llevar|preparar|enviar|llamar|revisar|confirmar|todo|"
          r"nota para mí",
}
_SELF_INSIDE = re.compile(r"\b(todo|note to self|tbd|fyi|nb)\b|\(\s*(ask|remember|check)\b|\?\?", re.IGNORECASE)
# Separators between a usable part and a note to self: "Good luck at the marathon - ask how it went".
_PARTS = re.compile(r"\s+[-–—]+\s+|\s*;\s*|\s*\(\s*|\s*\)\s*|\s*//\s*")

_THIRD_PERSON = {
    "en": r"he|she|him|his|her|hers|himself|herself",
    "de": r"er|ihm|ihn|sein|seine|seinen|seinem|seiner",
    "fr": r"il|elle|lui",
    "es": r"él|ella",
}

# Verbs a priority, next step or evidence fragment may start with (imperative or past tense), English.
_VERBS_EN = set("""
grow cut reduce win increase build improve expand hire launch shorten raise lower keep get make double triple
close open enter fix scale drive hit reach speed modernize modernise automate consolidate replace move land
retain protect deliver ship create start stop run lead manage own hold bring boost accelerate simplify
standardize standardise migrate roll implement set sign meet visit shadow learn train coach review map plan
take rebuild restructure renew recover regain defend lift drop streamline hit cover onboard
grew reduced won increased built improved expanded hired launched shortened raised lowered kept got made
doubled tripled closed opened entered fixed scaled drove hit reached sped modernized modernised automated
consolidated replaced moved landed retained protected delivered shipped created started stopped ran led
managed owned held brought boosted accelerated simplified standardized standardised migrated rolled
implemented set signed met visited shadowed learned learnt trained coached reviewed mapped planned took
rebuilt restructured renewed recovered regained defended lifted dropped streamlined covered onboarded ramped
sold cut exceeded beat generated grew negotiated partnered turned achieved secured earned captured sourced
""".split())
# Verbs that make a fragment a statement rather than a noun phrase ("rep ramp is too slow").
_STATEMENT_EN = re.compile(
    r"\b(is|are|was|were|has|have|had|wants|want|needs|need|takes|take|took|loses|lose|lost|thinks|said|says|"
    r"told|feels|likes|loves|hates|worries|closed|doesn'?t|don'?t|can'?t|won'?t|will)\b", re.IGNORECASE)
_WISH_EN = re.compile(
    r"^(good luck|best of luck|thanks|thank you|i hope|hope|congrat|enjoy|have a (great|good|wonderful)|"
    r"safe travels|i enjoyed|i loved|i really enjoyed|it was|what a|all the best|wishing|best wishes)\b",
    re.IGNORECASE)
_WISH = {
    "en": _WISH_EN,
    "de": re.compile(r"^(viel erfolg|viel glück|danke|vielen dank|ich hoffe|herzlichen glückwunsch|"
                     r"alles gute|gute reise|ich wünsche|es war)", re.IGNORECASE),
    "fr": re.compile(r"^(bonne chance|merci|j'espère|j’espère|félicitations|bon courage|bonne route|"
                     r"je vous souhaite|ce fut|c'était|c’était|bonne)", re.IGNORECASE),
    "es": re.compile(r"^(mucha suerte|suerte|gracias|muchas gracias|espero|enhorabuena|felicidades|"
                     r"buen viaje|le deseo|fue un)", re.IGNORECASE),
}

# German words that may be lower-cased at the start of a clause (everything else keeps its capital).
_LOWERABLE_DE = set("""der die das den dem des ein eine einen einem einer eines unser unsere unseren unserem
mehr weniger schneller bessere besser neue neuen neuer alle jede jeden jedes kein keine keinen keinem keiner
zwei drei vier fünf sechs sieben acht neun zehn elf zwölf zwanzig hundert erste ersten erster zweite zweiten
bisher noch kaum zu nur sehr schon bereits fast rund etwa wenig wenige viele mit ohne für bei von vom im in am
auf nach vor über unter aus durch gegen um bis""".split())
_ALWAYS_PROPER_EN = set("""I Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April
May June July August September October November December""".split())


def one_line(text: str) -> str:
    """``text`` with its line breaks and runs of spaces as single spaces, trimmed."""
    return _SPACE.sub(" ", text).strip()


def _first_word(text: str) -> tuple[str, int, int] | None:
    found = _WORD.search(text)
    if not found or found.start() > 1:
        return None
    return found.group(), found.start(), found.end()


def _acronym(word: str) -> bool:
    letters = [character for character in word if character.isalpha()]
    return any(character.isdigit() for character in word) or (
        len(letters) >= 2 and sum(character.isupper() for character in letters) >= 2)


def is_protected(word: str, proper: Iterable[str] = ()) -> bool:
    """Whether ``word`` keeps its case mid-sentence: acronyms, names, digits, inner capitals, known names."""
    bare = re.sub(r"['’]s$", "", word.strip("'’.-&"))
    if not bare:
        return True
    if bare in _ALWAYS_PROPER_EN:
        return True
    if any(character.isdigit() for character in bare):
        return True
    letters = [character for character in bare if character.isalpha()]
    if len(letters) >= 2 and sum(character.isupper() for character in letters) >= 2:
        return True  # CRO, SOC, HubSpot, SaaS, McKinsey
    return bare in set(proper)


def clause(text: str, language: str = "en", proper: Iterable[str] = ()) -> str:
    """A fragment fitted mid-sentence: one line, no end punctuation, first word lower-cased unless protected."""
    text = _END_PUNCT.sub("", one_line(text))
    first = _first_word(text)
    if first is None:
        return text
    word, start, end = first
    lower = word[:1].lower() + word[1:]
    if word == lower:
        return text
    if language == "de":
        # German nouns keep their capital; only function words, numerals and adverbs start a clause in lower case.
        if word.casefold() not in _LOWERABLE_DE or is_protected(word, proper):
            return text
        return text[:start] + lower + text[end:]
    if is_protected(word, proper):
        return text
    following = _WORD.search(text, end)
    if following is not None and following.group()[:1].isupper() and not _acronym(following.group()):
        return text  # a title-case name: "President's Club 2024", "Boston Marathon"
    return text[:start] + lower + text[end:]


_NEGATION_EN = re.compile(r"^(no|not enough|not much|little|limited|lack of|lacks|lacking|without|missing)\s+",
                          re.IGNORECASE)


def concern_subject(text: str, language: str = "en") -> str:
    """What a concern is about, said by the candidate: ``No robotics background`` -> ``my robotics background``.

    English only; other languages get the concern fitted as a clause.
    """
    line = one_line(text).rstrip(" .")
    if language == "en":
        found = _NEGATION_EN.match(line)
        if found:
            return "my " + line[found.end():]
    return line


def sentence(text: str, language: str = "en") -> str:
    """A fragment as a sentence of its own: capital first letter, a closing full stop when it has none."""
    text = one_line(text).rstrip(" ;:,")
    if not text:
        return text
    first = re.match(r"""[\s"'“‘„«¿¡(]*([^\W\d_])""", text)
    if first is not None:
        index = first.start(1)
        text = text[:index] + text[index].upper() + text[index + 1:]
    if not _CLOSING.search(text):
        text += "."
    return text


def capitalised(text: str) -> str:
    """``text`` with its first letter upper-case when it starts with one (``5+ yrs`` stays as it is)."""
    first = re.match(r"""[\s"'“‘„«¿¡(]*([^\W\d_])""", text)
    if first is None:
        return text
    index = first.start(1)
    return text[:index] + text[index].upper() + text[index + 1:]


_PERIOD_CODE = re.compile(r"\b(fy|q|h)(\d{1,4})\b", re.IGNORECASE)


def _literal(text: str) -> Callable[[re.Match[str]], str]:
    """A replacement that is ``text`` itself (a backslash in it is a backslash, not a group reference)."""
    return lambda _: text


def fix_case(text: str, terms: Iterable[str] = (), language: str = "en") -> str:
    """Words typed in lower case that have a known spelling: the notes' own capitalised words and the
    language pack's ``terms`` (Salesforce, CRO, SaaS), English "i", and period codes (FY25, Q3, H1)."""
    terms = list(terms)
    for phrase in (term for term in terms if " " in term):
        # a function, not a template: a term from the notes may hold a backslash ("R\D Team")
        text = re.sub(rf"(?<!\w){re.escape(phrase)}(?!\w)", _literal(phrase), text,
                      flags=re.IGNORECASE)
    known = {term.casefold(): term for term in terms if term and term != term.lower() and " " not in term}

    def word(found: re.Match[str]) -> str:
        value = found.group()
        if value != value.lower():
            return value
        if language == "en" and value in ("i", "i'm", "i’m", "i've", "i’ve", "i'd", "i’d", "i'll", "i’ll"):
            return "I" + value[1:]
        return known.get(value.casefold(), value)

    text = re.sub(r"[^\W_][\w'’]*", word, text)
    return _PERIOD_CODE.sub(lambda found: found.group(1).upper() + found.group(2), text)


def expand_shorthand(text: str, shorthand: dict[str, str]) -> str:
    """``w/ partners`` -> ``with partners``: the language pack's shorthand, whole words only."""
    for short, long in sorted(shorthand.items(), key=lambda item: -len(item[0])):
        text = re.sub(rf"(?<![\w/]){re.escape(short)}(?![\w/])", _literal(long), text,
                      flags=re.IGNORECASE)
    return text


def article(text: str) -> str:
    """``final round with the CRO`` -> ``a final round with the CRO``; unchanged when it already has one."""
    word = (_first_word(text) or ("", 0, 0))[0]
    if not word or word.casefold() in {"a", "an", "the", "our", "my", "your", "their", "this", "that", "another",
                                       "one", "two", "three", "some", "any", "each", "every"}:
        return text
    if word.endswith("s") and not word.endswith("ss"):
        return text  # a plural: "interviews with the team"
    vowel = word[:1].casefold() in "aeio" or (word[:1].casefold() == "u" and not word.casefold().startswith("uni"))
    return ("an " if vowel else "a ") + text


def note_to_self(text: str, language: str = "en") -> bool:
    """A reminder to oneself ("ask how her first quarter went", "TODO send deck"), never for the reader."""
    line = one_line(text)
    pattern = _SELF.get(language, _SELF["en"])
    if re.match(rf"^(?:{pattern})\b", line, re.IGNORECASE) or re.match(rf"^(?:{_SELF['en']})\b", line, re.IGNORECASE):
        return True
    return bool(_SELF_INSIDE.search(line))


def without_notes_to_self(text: str, language: str = "en") -> str:
    """The part of ``text`` meant for the reader: ``Good luck in Boston - ask how it went`` -> ``Good luck in Boston``.

    ``""`` when nothing is left.
    """
    parts = [part for part in _PARTS.split(one_line(text)) if part and part.strip()]
    kept = [part.strip() for part in parts if not note_to_self(part, language)]
    if len(kept) == len(parts):
        return one_line(text)
    return "; ".join(kept)


def speaks_of_reader(text: str, language: str = "en") -> bool:
    """A third-person pronoun: "he closed his first deal in month 5" would speak of the reader in their own letter."""
    pattern = _THIRD_PERSON.get(language, _THIRD_PERSON["en"])
    return bool(re.search(rf"\b(?:{pattern})\b", one_line(text), re.IGNORECASE))


def is_statement(text: str, language: str = "en") -> bool:
    """A whole statement ("rep ramp is too slow") rather than a subject one can talk "about"."""
    if language != "en":
        return False
    return bool(_STATEMENT_EN.search(one_line(text)))


def wish(text: str, language: str = "en") -> bool:
    """A line already written to the reader ("Good luck at the Boston Marathon"), usable as it is."""
    pattern = _WISH.get(language, _WISH_EN)
    line = one_line(text)
    return bool(pattern.match(line) or _WISH_EN.match(line))


def starts_with_verb(text: str, language: str = "en") -> bool:
    """Whether ``text`` starts with a verb ("Grow mid-market pipeline", "Built pipeline to 3.4x")."""
    if language != "en":
        return False
    first = _first_word(one_line(text))
    return first is not None and first[0].casefold() in _VERBS_EN


def proper_words(texts: Iterable[str]) -> set[str]:
    """Words the notes themselves write with a capital where no sentence starts: names, brands (Salesforce)."""
    words: set[str] = set()
    for text in texts:
        line = one_line(text)
        for index, found in enumerate(_WORD.finditer(line)):
            word = found.group().strip("'’.-&")
            if not word[:1].isupper():
                continue
            before = line[:found.start()].rstrip()
            if index == 0 or before.endswith((".", "!", "?", ":", ";", "-", "–", "—", "(")):
                continue
            words.add(word)
    return words


def capitalised_runs(texts: Iterable[str]) -> set[str]:
    """Runs of words the notes capitalise where no sentence starts, each run whole: ``Salesforce``,
    ``New England``, ``President's Club`` (so ``new`` alone is never taken for ``New``)."""
    runs: set[str] = set()
    for text in texts:
        line = one_line(text)
        current: list[str] = []
        for index, found in enumerate(_WORD.finditer(line)):
            word = found.group().strip("'’.-&")
            before = line[:found.start()].rstrip()
            sentence_start = index == 0 or before.endswith((".", "!", "?", ":", ";", "-", "–", "—", "("))
            if word[:1].isupper() and not sentence_start:
                current.append(word)
                continue
            if word[:1].isupper() and sentence_start:
                if current:
                    runs.add(" ".join(current))
                current = []
                continue
            if current:
                runs.add(" ".join(current))
            current = []
        if current:
            runs.add(" ".join(current))
    return runs
