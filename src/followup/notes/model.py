"""The notes model: one pydantic class per table of the notes format (version 1).

The model is strict (unknown keys are rejected, so the JSON Schema tells editors
exactly what is allowed). The loader is forgiving: it reports unknown keys as
warnings with a suggestion and removes them before the model sees the data.
Every field carries a description; the descriptions feed the JSON Schema and the
comments of the scaffold written by ``followup new``.
"""

from __future__ import annotations

import datetime
import math
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

SCHEMA_VERSION = 1

DecisionRole = Literal["decision-maker", "influencer", "stakeholder", "recruiter"]
InterviewFormat = Literal["onsite", "video", "phone"]
CloseAnswer = Literal["yes", "no", "maybe", "deferred"]
Tier = Literal["A", "B", "C"]
Level = Literal["low", "medium", "high"]
Tone = Literal["warm", "formal"]
Paper = Literal["letter", "a4"]
FollowUpStep = Literal["thank-you", "call", "materials", "check-in"]

FOLLOW_UP_STEPS: tuple[str, ...] = ("thank-you", "call", "materials", "check-in")
Language = Literal["en", "de", "fr", "es"]
LANGUAGES: tuple[str, ...] = ("en", "de", "fr", "es")


EARLIEST_YEAR, LATEST_YEAR = 1900, 2200

# Words before a first name that are not the first name ("Dr. Alan Brooks" is greeted as Alan).
HONORIFICS = frozenset({"dr", "mr", "mrs", "ms", "mx", "prof", "sir", "dame", "herr", "frau", "m", "mme", "mlle",
                        "sr", "sra", "srta", "dra", "don", "doña"})


def _plausible(day: datetime.date) -> datetime.date:
    """Dates far outside a career (year 9999) would break the business-day arithmetic of the cadence."""
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        raise ValueError(f"{day.isoformat()} is not a plausible date; years {EARLIEST_YEAR} to {LATEST_YEAR} are")
    return day


def _parse_date(value: Any) -> Any:
    """Accept a TOML date or a ``YYYY-MM-DD`` string; leave anything else to pydantic's error."""
    if isinstance(value, datetime.datetime):
        raise ValueError("a date without a time is expected, like 2026-11-20")
    if isinstance(value, datetime.date):
        return _plausible(value)
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            try:
                return _plausible(datetime.date.fromisoformat(text))
            except ValueError as error:
                if "plausible" in str(error):
                    raise
                raise ValueError(f"{value!r} is not a real calendar date") from None
        raise ValueError(f"{value!r} is not a date; write it as YYYY-MM-DD, like 2026-11-20")
    raise ValueError("a date is expected, written as YYYY-MM-DD, like 2026-11-20")


_CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _no_control_characters(value: str) -> str:
    """Refuse C0 control characters (tab and line breaks are fine): no document format can hold them."""
    found = _CONTROL_CHARACTER.search(value)
    if found:
        raise ValueError(f"contains the control character U+{ord(found.group()):04X}, which no document can "
                         "hold; remove it")
    return value


def _email_address(value: str) -> str:
    """Kept as written, but it must be an address a mail client accepts (see notes/addresses.py)."""
    from followup.notes.addresses import ascii_address

    try:
        ascii_address(value)
    except ValueError as error:
        raise ValueError(f"{value!r} is not an email address: {error}") from None
    return value


NotesDate = Annotated[datetime.date, BeforeValidator(_parse_date)]
Text = Annotated[str, Field(max_length=20_000), AfterValidator(_no_control_characters)]
EmailAddress = Annotated[str, Field(max_length=320), AfterValidator(_email_address)]
ShortList = Annotated[list[Text], Field(max_length=500)]


class Section(BaseModel):
    """Base of every table: strict keys, text kept exactly as written."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False, frozen=False)


class Candidate(Section):
    """Who you are. May live in profile.toml instead."""

    name: Text = Field(description="Your full name, as it should appear on letters and cards.", min_length=1)
    email: EmailAddress | None = Field(None, description="Your email address; the From of the email drafts.")
    phone: Text | None = Field(None, description="Your phone number, printed in the letterhead.")
    linkedin: Text | None = Field(None, description="Your LinkedIn profile address.")
    city: Text | None = Field(None, description="Where you live, e.g. 'Boston, MA'.")
    mailing_address: Text | None = Field(None, description="Your postal address (several lines allowed).")
    signature: Text | None = Field(
        None, description="How cards and letters are signed; default: the first word of your name."
    )

    @property
    def signed_as(self) -> str:
        if self.signature and self.signature.strip():
            return self.signature
        words = self.name.split()
        return words[0] if words else self.name


class Company(Section):
    """The company you interviewed with."""

    name: Text = Field(description="The company's name.", min_length=1)
    industry: Text | None = Field(None, description="What the company does, e.g. 'Industrial automation'.")
    website: Text | None = Field(None, description="The company's website.")
    mailing_address: Text | None = Field(None, description="Where paper cards and letters are mailed.")


class Role(Section):
    """The role you interviewed for."""

    title: Text = Field(description="The job title, e.g. 'Regional Sales Manager, Northeast'.", min_length=1)
    team: Text | None = Field(None, description="The team you would join.")
    reports_to: Text | None = Field(None, description="Who the role reports to; normally one of the interviewers.")
    posting_url: Text | None = Field(None, description="Where the job is posted.")


class Interview(Section):
    """When and how the interview took place."""

    date: NotesDate = Field(description="The day of the interview: a TOML date or 'YYYY-MM-DD'.")
    stage: Text | None = Field(None, description="Which round, e.g. 'Second round'.")
    format: InterviewFormat | None = Field(None, description="onsite, video or phone.")
    location: Text | None = Field(None, description="Where it took place.")


class Interviewer(Section):
    """One person you met. Each gets a thank-you card and letter."""

    name: Text = Field(description="Their full name.", min_length=1)
    title: Text | None = Field(None, description="Their job title.")
    email: EmailAddress | None = Field(None, description="Their email address; the To of their email drafts.")
    phone: Text | None = Field(None, description="Their phone number, for the follow-up calls.")
    decision_role: DecisionRole | None = Field(
        None, description="decision-maker, influencer, stakeholder or recruiter."
    )
    topics: ShortList = Field(default_factory=list, description="What you talked about with this person.")
    personal_note: Text | None = Field(None, description="The rapport detail to recall on their card.")
    mailing_address: Text | None = Field(None, description="Their postal address, for a paper card.")
    priorities: ShortList = Field(
        default_factory=list,
        description="What THIS person said matters most; only these are cited to them as theirs.",
    )
    salutation: Text | None = Field(
        None, description="The exact greeting line for this person, e.g. 'Dear Dr. Lee'; default: per language."
    )
    language: Language | None = Field(
        None, description="This person's card and letter in another language than [style] language: en, de, fr, es."
    )

    @property
    def first_name(self) -> str:
        """The first word of the name that is not an honorific: "Alan" for "Dr. Alan Brooks"."""
        words = self.name.split()
        while len(words) > 1 and words[0].casefold().rstrip(".") in HONORIFICS:
            words = words[1:]
        return words[0] if words else self.name


class Discovery(Section):
    """What the company needs: priorities, requirements, success criteria, pains, how it decides."""

    priorities: ShortList = Field(default_factory=list, description="The company's priorities, in their words.")
    requirements: ShortList = Field(default_factory=list, description="What they require of the next hire.")
    success_criteria: ShortList = Field(
        default_factory=list, description="How they will measure the hire's success."
    )
    pains: ShortList = Field(default_factory=list, description="The business pain behind the opening.")
    decision_process: Text | None = Field(None, description="How and by whom the decision is made.")
    decision_date: NotesDate | None = Field(None, description="When they expect to decide.")
    next_steps: Text | None = Field(None, description="What happens next in the process.")


class Match(Section):
    """One criterion you match, with the evidence. The criteria-match email is made of these."""

    criterion: Text = Field(
        description="The criterion, usually one of the requirements or success criteria.", min_length=1
    )
    evidence: Text = Field(description="What you have done that meets it.", min_length=1)
    proof: Text | None = Field(None, description="Proof: an award, a number, a reference.")


class Objection(Section):
    """A concern the interviewer raised, and your answer."""

    concern: Text = Field(description="The concern, as they put it.", min_length=1)
    response: Text | None = Field(None, description="Your answer to it.")
    raised_by: Text | None = Field(
        None, description="The interviewer who raised it (full or first name); default: the team as a whole."
    )


class Close(Section):
    """Closing the interviewer: did you ask for the job, and what did they say."""

    asked: bool | None = Field(None, description="Did you ask 'if you had to decide today, would you hire me?'")
    answer: CloseAnswer | None = Field(None, description="yes, no, maybe or deferred.")
    objections: list[Objection] = Field(default_factory=list, description="The concerns raised, with your answers.")


class Segment(Section):
    """A segment of the territory."""

    name: Text = Field(description="The segment's name.", min_length=1)
    accounts: int | None = Field(None, ge=0, le=10_000_000, description="How many accounts are in the segment.")
    share: float | None = Field(None, ge=0, le=1, description="Its share of quota, from 0 to 1.")
    strategy: Text | None = Field(None, description="How you would win it.")


class Account(Section):
    """A named account in the territory."""

    name: Text = Field(description="The account's name.", min_length=1)
    segment: Text | None = Field(None, description="The segment it belongs to; should name one of the segments.")
    tier: Tier | None = Field(None, description="A, B or C.")
    potential: float | None = Field(
        None, ge=0, le=1e15, description="Annual revenue potential, in the territory's currency."
    )
    status: Text | None = Field(None, description="Where the account stands today.")
    next_step: Text | None = Field(None, description="Your next step with it.")


class PlanPhase(Section):
    """One phase of the 30-60-90 day plan."""

    phase: Text = Field(description="The phase, e.g. 'First 30 days'.", min_length=1)
    goals: ShortList = Field(default_factory=list, description="What you would get done in it.")


class Territory(Section):
    """The sample territory plan."""

    name: Text = Field(description="The territory's name, e.g. 'New England'.", min_length=1)
    period: Text | None = Field(None, description="The plan's period, e.g. 'FY2027'.")
    currency: Text = Field("USD", description="The ISO 4217 currency code of quota and potentials.")
    quota: float | None = Field(None, gt=0, le=1e15, description="The annual quota in that currency.")
    ramp: list[float] | None = Field(
        None,
        min_length=1,
        max_length=12,
        description="Share of quota per quarter; must sum to 1. Default: an even split over four quarters.",
    )
    regions: ShortList = Field(default_factory=list, description="The regions the territory covers.")
    kpis: ShortList = Field(default_factory=list, description="The measures you would track.")
    segments: list[Segment] = Field(default_factory=list, max_length=200, description="The segments of the territory.")
    accounts: list[Account] = Field(default_factory=list, max_length=2000, description="Named accounts.")
    plan: list[PlanPhase] = Field(default_factory=list, max_length=50, description="The 30-60-90 day plan, in order.")
    average_deal: float | None = Field(
        None, gt=0, le=1e15,
        description="A typical first-year deal in this territory; without it the plan shows no deal counts.",
    )
    win_rate: float | None = Field(
        None, gt=0, le=1, description="Share of qualified opportunities won, from 0 to 1; default: from the coverage."
    )

    @field_validator("currency")
    @classmethod
    def _currency_code(cls, value: str) -> str:
        code = value.strip().upper()
        if not re.fullmatch(r"[A-Z]{3}", code):
            raise ValueError(f"{value!r} is not an ISO 4217 currency code; write three letters, like USD, EUR or GBP")
        return code

    @field_validator("ramp")
    @classmethod
    def _ramp_sums_to_one(cls, value: list[float] | None) -> list[float] | None:
        if value is None:
            return value
        if any(share < 0 or not math.isfinite(share) for share in value):
            raise ValueError("each quarter's share must be a number from 0 to 1")
        total = sum(value)
        if abs(total - 1) > 0.005:
            raise ValueError(f"the quarters' shares must sum to 1; these sum to {total:g}")
        return value

    @model_validator(mode="after")
    def _shares_not_above_one(self) -> Territory:
        total = sum(segment.share or 0 for segment in self.segments)
        if total > 1.005:
            raise ValueError(f"segments' shares of quota must not exceed 1 in total; they sum to {total:g}")
        return self

    @property
    def quarter_shares(self) -> list[float]:
        return list(self.ramp) if self.ramp else [0.25, 0.25, 0.25, 0.25]


class Idea(Section):
    """A creative idea for improving the company's process."""

    title: Text = Field(description="A short name for the idea.", min_length=1)
    problem: Text | None = Field(None, description="The problem it solves; usually one of the pains.")
    idea: Text = Field(description="What you would do.", min_length=1)
    impact: Level | None = Field(None, description="low, medium or high.")
    effort: Level | None = Field(None, description="low, medium or high.")
    first_step: Text | None = Field(None, description="How to start.")

    @property
    def is_quick_win(self) -> bool:
        return self.impact == "high" and self.effort == "low"


class FollowUp(Section):
    """The follow-up cadence."""

    thank_you_by: NotesDate | None = Field(
        None, description="When thank-yous go out; default: the day after the interview."
    )
    call_on: NotesDate | None = Field(
        None, description="The call to ask for questions; default: 3 business days after."
    )
    materials_by: NotesDate | None = Field(
        None, description="When the criteria-match email, territory plan and ideas go out; default: 5 business days "
                          "after, or the day promised when sooner."
    )
    check_in_on: NotesDate | None = Field(
        None, description="The call to learn when they decide; default: the business day before decision_date, "
                          "else 8 business days after."
    )
    promised: Text | None = Field(None, description="What you told them to expect from you: meet or exceed it.")
    promised_by: NotesDate | None = Field(
        None, description="When you promised it; default: the day `promised` names ('by Wednesday'), else materials_by."
    )
    done: list[FollowUpStep] = Field(
        default_factory=list, description="Steps already done: thank-you, call, materials, check-in."
    )


HEX_COLOR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")
#: ISO 3166-1 alpha-2 (or alpha-3), with an optional ISO 3166-2 subdivision: US, GB, DE-BY
COUNTRY_CODE = re.compile(r"([A-Za-z]{2,3})(?:-([A-Za-z0-9]{1,4}))?")


class Style(Section):
    """How the documents look and sound. Often kept in profile.toml."""

    tone: Tone = Field("warm", description="warm or formal.")
    sign_off: Text | None = Field(None, description="The closing line, e.g. 'With thanks'.")
    paper: Paper = Field("letter", description="letter or a4; cards are 4.25 x 5.5 in or A6.")
    accent_color: Text = Field("#1f4e79", description="The documents' accent colour, as #rrggbb.")
    locale: Text = Field("en_US", description="How dates and money are written, e.g. en_US, en_GB, de_DE.")
    templates: Text | None = Field(None, description="A folder of customised templates, searched before the built-ins.")
    language: Language | None = Field(
        None, description="The language of the documents: en, de, fr or es; default: the locale's language, else en."
    )
    country: Text | None = Field(
        None, description="Public holidays for business-day defaults (ISO 3166, 'DE-BY' with a subdivision); "
                          "default: the locale's territory.",
    )

    @property
    def prose_language(self) -> str:
        """The language the documents are written in: ``language``, else the locale's where a pack exists, else en."""
        if self.language:
            return self.language
        base = self.locale.split("_")[0].lower()
        return base if base in LANGUAGES else "en"

    @field_validator("accent_color")
    @classmethod
    def _hex_color(cls, value: str) -> str:
        if not HEX_COLOR.fullmatch(value.strip()):
            raise ValueError(f"{value!r} is not a colour; write it as #rrggbb, like #1f4e79")
        return value.strip().lower()

    @field_validator("country")
    @classmethod
    def _country_code(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        if not COUNTRY_CODE.fullmatch(value.strip()):
            raise ValueError(f"{value!r} is not a country code; write an ISO 3166 code like US, GB or DE, "
                             "or DE-BY with a region")
        return value.strip().upper()

    @field_validator("locale")
    @classmethod
    def _known_locale(cls, value: str) -> str:
        from babel import Locale, UnknownLocaleError

        try:
            Locale.parse(value.replace("-", "_"))
        except (UnknownLocaleError, ValueError, TypeError):
            raise ValueError(f"{value!r} is not a locale Babel knows; write it like en_US, en_GB or fr_FR") from None
        return value.replace("-", "_")


class Notes(Section):
    """One interview's notes."""

    model_config = ConfigDict(
        extra="forbid",
        title="followup interview notes",
        json_schema_extra={"$id": "https://followup.example/schema/notes-v1.json"},
    )

    schema_version: Literal[1] = Field(1, description="The notes format version; only 1 exists.")
    candidate: Candidate = Field(description="Who you are (may live in profile.toml).")
    company: Company = Field(description="The company you interviewed with.")
    role: Role = Field(description="The role.")
    interview: Interview = Field(description="When and how the interview took place.")
    interviewers: list[Interviewer] = Field(
        min_length=1, max_length=100, description="Everyone you met; at least one."
    )
    discovery: Discovery = Field(default_factory=Discovery, description="What the company needs.")
    match: list[Match] = Field(
        default_factory=list, max_length=500, description="Why you: one entry per criterion you match."
    )
    close: Close = Field(default_factory=Close, description="Did you ask for the job, and what did they say.")
    territory: Territory | None = Field(None, description="The sample territory plan.")
    ideas: list[Idea] = Field(default_factory=list, max_length=200, description="Creative ideas for their process.")
    follow_up: FollowUp = Field(default_factory=FollowUp, description="The follow-up cadence.")
    private: dict[str, Any] = Field(
        default_factory=dict, description="Anything only for you. Never sent: shown only on the prep sheet, and "
        "only with render --include-private."
    )
    style: Style = Field(default_factory=Style, description="How the documents look and sound.")

    def interviewer_named(self, name: str | None) -> Interviewer | None:
        """The interviewer ``name`` means (full name or first name, any case), or None."""
        if not name or not name.strip():
            return None
        wanted = name.strip().casefold()
        for person in self.interviewers:
            if wanted in (person.name.strip().casefold(), person.first_name.strip().casefold()):
                return person
        return None

    def language_for(self, person: Interviewer | None) -> str:
        """The language of a document to ``person`` (their own ``language``, else the package's)."""
        if person is not None and person.language:
            return person.language
        return self.style.prose_language

    @property
    def decision_maker(self) -> Interviewer:
        """The interviewer the criteria-match email goes to: the decision-maker, else the first one."""
        for person in self.interviewers:
            if person.decision_role == "decision-maker":
                return person
        return self.interviewers[0]
