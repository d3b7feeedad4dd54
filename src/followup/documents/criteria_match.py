"""criteria-match: the email (and its PDF/DOCX letter and plain text) that closes the sale.

One per interview, to the decision-maker (``Notes.decision_maker``: the
interviewer whose ``decision_role`` is ``decision-maker``, else the first one).
It shows, criterion by criterion, why the candidate is the one they described:

1. greeting and a short opening;
2. their priorities, in their own words (verbatim, as a list);
3. a table ``criterion | what I have done | proof``, one row per ``[[match]]`` in
   the order of the notes;
4. each pain with what the candidate would do about it in the first 90 days:
   the ideas whose ``problem`` names that pain (``matches_loosely``); a pain no
   idea names gets an honest "I would explore it first" sentence;
5. each objection with its answer (objections without a response are left out:
   an unanswered concern does not belong in a closing email);
6. the decision process acknowledged;
7. the promised materials referenced (``follow_up.promised``), and the territory
   plan and ideas memo named when the notes can produce them;
8. a dated next step (the check-in call), and the sign-off.

Requirements and success criteria that no ``[[match]]`` covers are left out:
``uncovered_criteria`` is the one definition of coverage, shared with
``followup check``. Sentences are written here so every format says the same
thing; templates only lay them out. See docs/documents/criteria-match.md.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from typing import Any

from followup.context import base_context
from followup.context.builder import letterhead_context, recipient_context
from followup.context.formatting import Formatter
from followup.context.schedule import follow_up_steps
from followup.documents.base import Context, Document
from followup.documents.wording import quoted, sentence
from followup.errors import Problem
from followup.notes.model import Idea, Interviewer, Notes

NAME = "criteria-match"
LEVEL_WORDS: dict[str, str] = {"low": "Low", "medium": "Medium", "high": "High"}

_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


# --- coverage and loose matching (shared with process-ideas and followup check) ---------------------------


def normalise(text: str | None) -> str:
    """``text`` for comparison only: Unicode-compatible forms, case folded, accents and punctuation dropped.

    ``"Full quota by Month 6!"`` and ``"full quota by month 6"`` compare equal. Never shown to anyone.
    """
    if not text:
        return ""
    folded = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    folded = "".join(character for character in folded if not unicodedata.combining(character))
    return " ".join(_NOT_WORD.sub(" ", folded).split())


def matches_loosely(first: str | None, second: str | None) -> bool:
    """Two texts name the same thing: equal once normalised, or one contains the other (either way)."""
    left, right = normalise(first), normalise(second)
    if not left or not right:
        return False
    return left == right or left in right or right in left


def uncovered_criteria(notes: Notes) -> list[str]:
    """The requirements and success criteria that no ``[[match]]`` covers, as written, in notes order.

    A criterion is covered when some ``match.criterion`` matches it loosely
    (``matches_loosely``: normalised, case-insensitive, substring either way).
    Duplicates are reported once. This is the one definition of a gap: the
    email leaves these out and ``followup check`` lists them ("add a [[match]]
    for ...").
    """
    criteria = [*notes.discovery.requirements, *notes.discovery.success_criteria]
    gaps: list[str] = []
    seen: set[str] = set()
    for criterion in criteria:
        key = normalise(criterion)
        if not key or key in seen:
            continue
        seen.add(key)
        if not any(matches_loosely(criterion, match.criterion) for match in notes.match):
            gaps.append(criterion)
    return gaps


def ideas_for_pain(notes: Notes, pain: str) -> list[Idea]:
    """The ideas whose ``problem`` names ``pain`` (loosely), in notes order."""
    return [idea for idea in notes.ideas if matches_loosely(idea.problem, pain)]


# --- skip rule and wording ---------------------------------------------------------------------------------


def skip_reason(notes: Notes) -> str | None:
    """Nothing to show without a single ``[[match]]``."""
    if not notes.match:
        return "notes have no [[match]]"
    return None


def subject_line(notes: Notes) -> str:
    """``Regional Sales Manager, Northeast: how I match the criteria we discussed``."""
    return f"{notes.role.title}: how I match the criteria we discussed"


def materials_date(notes: Notes) -> datetime.date:
    """The day the materials go out (the letter's date and the email's Date), never today."""
    for step in follow_up_steps(notes):
        if step.key == "materials":
            return step.due
    raise KeyError("materials")  # pragma: no cover - every schedule has a materials step


def _next_step_sentence(notes: Notes) -> str:
    """The dated next step: the check-in call after the materials, else the decision date, else an offer."""
    fmt = Formatter(notes.style.locale)
    steps = {step.key: step for step in follow_up_steps(notes)}
    sent_on = steps["materials"].due
    person = notes.decision_maker
    check_in = steps.get("check-in")
    if check_in is not None and not check_in.done and check_in.due >= sent_on:
        how = "call you" if person.phone else "be in touch"
        return f"I’ll {how} on {fmt.weekday_date(check_in.due)} to hear how the decision is shaping up and to answer anything these pages leave open."
    decision = steps.get("decision")
    if decision is not None and decision.due >= sent_on:
        return f"I look forward to hearing from you by {fmt.date(decision.due)}, and I’m glad to talk before then."
    return "I’m glad to talk any time it suits you."


def _first_ninety_days(notes: Notes) -> list[dict[str, Any]]:
    """Each pain with what the candidate would do about it: ideas that name it, else an offer to explore it."""
    items: list[dict[str, Any]] = []
    for pain in notes.discovery.pains:
        if not pain.strip():
            continue
        ideas = ideas_for_pain(notes, pain)
        actions: list[str] = []
        for idea in ideas:
            text = sentence(idea.idea)
            if idea.first_step and idea.first_step.strip():
                text += f" First step: {sentence(idea.first_step)}"
            actions.append(text)
        explore = not ideas
        if explore:
            actions.append("I would explore this first: learn from the team where it comes from and what has been "
                           "tried, then bring you a plan within my first 30 days.")
        items.append({"pain": pain, "actions": actions, "explore": explore, "titles": [idea.title for idea in ideas]})
    return items


def _decision_sentence(notes: Notes) -> str:
    fmt = Formatter(notes.style.locale)
    process = notes.discovery.decision_process
    date = notes.discovery.decision_date
    if process and process.strip():
        text = f"I understand how you will decide: {quoted(process)}"
        if date:
            text += f", with a decision expected by {fmt.date(date)}"
        return text + ". I respect that process and want to make your decision an easy one."
    if date:
        return f"I understand you expect to decide by {fmt.date(date)}, and I want to make that decision an easy one."
    return ""


NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def count_words(count: int, noun: str) -> str:
    """``one idea``, ``four ideas``, ``12 ideas``: small counts in words, as a letter writes them."""
    number = NUMBER_WORDS[count] if count < len(NUMBER_WORDS) else str(count)
    return f"{number} {noun}" + ("" if count == 1 else "s")


def enclosures(notes: Notes) -> list[str]:
    """The other materials the notes can produce: the territory plan and the ideas memo."""
    items: list[str] = []
    if notes.territory is not None:
        items.append(f"a sample territory plan for {notes.territory.name}")
    if notes.ideas:
        items.append(f"a short memo with {count_words(len(notes.ideas), 'idea')} for the challenges you described")
    return items


def _materials_sentence(notes: Notes, *, medium: str) -> str:
    """The promise kept, and the materials named. ``medium`` is "email" (attached) or "letter" (enclosed).

    With enclosures the promise is said to be kept by them; without, the promise
    is acknowledged and said to follow (by ``promised_by`` when the notes give it).
    """
    fmt = Formatter(notes.style.locale)
    verb = "attached" if medium == "email" else "enclosed"
    items = enclosures(notes)
    listed = " and ".join(items)
    promised = notes.follow_up.promised
    if promised and promised.strip():
        if items:
            return f"As promised ({quoted(promised)}), I have {verb} {listed}."
        when = f" by {fmt.date(notes.follow_up.promised_by)}" if notes.follow_up.promised_by else " shortly"
        return f"I have not forgotten what I promised you, {quoted(promised)}: it will follow{when}."
    if items:
        return f"I have also {verb} {listed}."
    return ""


def letter_text(notes: Notes, *, medium: str = "email") -> dict[str, Any]:
    """The wording of the email/letter as plain strings and lists (``medium``: "email" or "letter")."""
    fmt = Formatter(notes.style.locale)
    tone = notes.style.tone
    person = notes.decision_maker
    company, role = notes.company.name, notes.role.title
    greeting = f"Dear {person.name}," if tone == "formal" else f"Dear {person.first_name},"
    when = fmt.date(notes.interview.date) if tone == "formal" else fmt.weekday_date(notes.interview.date)
    if tone == "formal":
        opening = (f"Thank you again for your time on {when}. Below I have set out, criterion by criterion, how my "
                   f"experience meets what you told me {company} needs from its next {role}.")
    else:
        opening = (f"Thank you again for your time on {when}. I’ve put together, criterion by criterion, how my "
                   f"experience lines up with what you told me {company} needs from its next {role}.")
    priorities = [priority for priority in notes.discovery.priorities if priority.strip()]
    matches = []
    for number, match in enumerate(notes.match, start=1):
        proof = match.proof if match.proof and match.proof.strip() else ""
        matches.append({"number": number, "criterion": match.criterion, "evidence": match.evidence, "proof": proof})
    objections = [{"concern": objection.concern, "response": sentence(objection.response or "")}
                  for objection in notes.close.objections if objection.response and objection.response.strip()]
    sign_off = f"{notes.style.sign_off or ('Sincerely' if tone == 'formal' else 'With thanks')},"
    return {
        "subject": subject_line(notes),
        "greeting": greeting,
        "opening": opening,
        "priorities_lead": "What you told me matters most, in your words:" if priorities else "",
        "priorities": priorities,
        "matches_lead": "How my experience matches the criteria we discussed:",
        "matches": matches,
        "pains_lead": "The challenges you described, and what I would do about them in my first 90 days:",
        "pains": _first_ninety_days(notes),
        "objections_lead": ("You raised some fair concerns; here are my answers:" if len(objections) > 1
                            else "You raised a fair concern; here is my answer:") if objections else "",
        "objections": objections,
        "decision": _decision_sentence(notes),
        "materials": _materials_sentence(notes, medium=medium),
        "next_step": _next_step_sentence(notes),
        "sign_off": sign_off,
        "signature": notes.candidate.signed_as,
        "full_name": notes.candidate.name,
    }


# --- plain text ----------------------------------------------------------------------------------------------


def _hanging(label: str, text: str, width: int, indent: str) -> list[str]:
    """``label`` padded to ``width``, then ``text``; the text's own line breaks continue under it, aligned."""
    lines = text.splitlines() or [""]
    first = f"{indent}{label.ljust(width)}{lines[0]}".rstrip()
    rest = [f"{indent}{' ' * width}{line}".rstrip() for line in lines[1:]]
    return [first, *rest]


def text_table(matches: list[dict[str, Any]]) -> str:
    """The criteria table as an aligned plain-text list: numbered criterion, then aligned labelled lines.

    ::

        1. 5+ years closing SaaS deals
           What I have done: Seven years closing mid-market SaaS
           Proof:            President's Club 2024
    """
    labels = ("What I have done: ", "Proof: ")
    width = max(len(label) for label in labels)
    blocks: list[str] = []
    for match in matches:
        number = f"{match['number']}. "
        indent = " " * len(number)
        criterion_lines = match["criterion"].splitlines() or [""]
        lines = [number + criterion_lines[0], *(indent + line for line in criterion_lines[1:])]
        lines += _hanging(labels[0], match["evidence"], width, indent)
        if match["proof"]:
            lines += _hanging(labels[1], match["proof"], width, indent)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _bullet(text: str, marker: str = "- ") -> str:
    lines = text.splitlines() or [""]
    return "\n".join([marker + lines[0], *(" " * len(marker) + line for line in lines[1:])])


def text_sections(letter: dict[str, Any]) -> dict[str, str]:
    """Pre-laid-out plain-text blocks (lists with hanging indents) for the .txt and the email's text part."""
    pains = []
    for item in letter["pains"]:
        lines = [_bullet(item["pain"])]
        lines += [_bullet(action, "  -> ") for action in item["actions"]]
        pains.append("\n".join(lines))
    objections = []
    for item in letter["objections"]:
        objections.append(_bullet(f"{item['concern']}") + "\n" + _bullet(item["response"], "  -> "))
    return {
        "priorities": "\n".join(_bullet(priority) for priority in letter["priorities"]),
        "matches": text_table(letter["matches"]),
        "pains": "\n\n".join(pains),
        "objections": "\n\n".join(objections),
    }


# --- context, headers, checks ------------------------------------------------------------------------------


def build_context(notes: Notes, interviewer: Interviewer | None) -> Context:
    """``base_context`` plus ``letter`` (email wording), ``letter_print`` (PDF/DOCX wording), letterhead, recipient.

    ``email_cc_candidates`` holds the other interviewers who have an email
    (``{"name", "email"}``); they are added to Cc only when
    ``context["options"]["cc_all"]`` is true (``followup render --cc-all``).
    """
    fmt = Formatter(notes.style.locale)
    person = notes.decision_maker
    context = base_context(notes, document=NAME, title=subject_line(notes))
    index = notes.interviewers.index(person)
    context["recipient_person"] = context["interviewers"][index]
    sent_on = materials_date(notes)
    email_letter = letter_text(notes, medium="email")
    print_letter = letter_text(notes, medium="letter")
    for letter in (email_letter, print_letter):
        letter["date_text"] = fmt.date(sent_on)
        letter["date_iso"] = sent_on.isoformat()
        letter["text"] = text_sections(letter)
    context["letter"] = email_letter
    context["letter_print"] = print_letter

    context["letterhead"] = letterhead_context(notes)
    context["recipient"] = recipient_context(notes, person)
    context["email_cc_candidates"] = [
        {"name": other.name, "email": other.email}
        for other in notes.interviewers
        if other is not person and other.email and other.email.strip()
    ]
    context.setdefault("options", {})
    return context


def email_headers(context: Context) -> dict[str, Any]:
    """To the decision-maker (no To when they have no email), From the candidate, Cc the others with ``cc_all``."""
    from followup.render.eml import mailbox

    person = context["recipient_person"]
    candidate = context["candidate"]
    to = mailbox(person["name"], person.get("email"))
    cc: list[str] = []
    if context.get("options", {}).get("cc_all"):
        for other in context.get("email_cc_candidates", []):
            address = mailbox(other["name"], other["email"])
            if address and address != to and address not in cc:
                cc.append(address)
    return {
        "subject": context["letter"]["subject"],
        "to": [to] if to else [],
        "cc": cc or None,
        "from": mailbox(candidate["name"], candidate.get("email")),
        # The materials date from the schedule, not today: the same notes give the same draft.
        "date": datetime.date.fromisoformat(context["letter"]["date_iso"]),
    }


def check_warnings(notes: Notes) -> list[Problem]:
    """What a render of criteria-match should warn about: a recipient with no email (the draft has no To)."""
    problems: list[Problem] = []
    if not notes.match:
        return problems
    person = notes.decision_maker
    if not (person.email and person.email.strip()):
        index = notes.interviewers.index(person)
        problems.append(Problem(
            f"criteria-match: {person.name} has no email, so the .eml draft has no To address; add one or fill it "
            "in your mail client", severity="warning", key_path=f"interviewers[{index}].email"))
    return problems


DOCUMENT = Document(
    name=NAME,
    title="Criteria-match email",
    formats=("eml", "pdf", "docx", "txt"),
    per_interviewer=False,
    skip_reason=skip_reason,
    build_context=build_context,
    email=email_headers,
    max_pages=2,
    check=check_warnings,
    render_cost=2,  # seconds relative to a letter's, measured (benchmarks/)
)
