"""Fitting note fragments into sentences, and telling which fragments cannot be fitted."""

from __future__ import annotations

import pytest

from followup.wording import fitting


@pytest.mark.parametrize(("fragment", "proper", "expected"), [
    ("Final round with the CRO if the panel agrees.", [], "final round with the CRO if the panel agrees"),
    ("Ramp time cut from 8 to 5 months", [], "ramp time cut from 8 to 5 months"),
    ("Salesforce hygiene", ["Salesforce"], "Salesforce hygiene"),
    ("CRM admin load on the reps", [], "CRM admin load on the reps"),
    ("HubSpot migration", [], "HubSpot migration"),
    ("President's Club 2024", [], "President's Club 2024"),
    ("Jordan's pipeline review", ["Jordan"], "Jordan's pipeline review"),
    ("  Winning back\nlapsed  Tier 1 accounts;", [], "winning back lapsed Tier 1 accounts"),
    ("SOC 2 audit", [], "SOC 2 audit"),
])
def test_clause_lowercases_only_what_is_not_a_name(fragment: str, proper: list[str], expected: str) -> None:
    assert fitting.clause(fragment, "en", proper) == expected


def test_german_keeps_its_capitals() -> None:
    assert fitting.clause("Neukundengewinnung im Mittelstand", "de") == "Neukundengewinnung im Mittelstand"
    assert fitting.clause("Die Einarbeitung neuer Mitarbeiter", "de") == "die Einarbeitung neuer Mitarbeiter"


@pytest.mark.parametrize(("fragment", "expected"), [
    ("at keystone I covered three states", "At keystone I covered three states."),
    ("Good luck in Boston!", "Good luck in Boston!"),
    ("5+ yrs enterprise", "5+ yrs enterprise."),
    ("“quoted” start", "“Quoted” start."),
])
def test_sentence(fragment: str, expected: str) -> None:
    assert fitting.sentence(fragment) == expected


def test_capitalised_leaves_a_leading_number_alone() -> None:
    assert fitting.capitalised("5+ yrs enterprise saas") == "5+ yrs enterprise saas"
    assert fitting.capitalised("sold tms software") == "Sold tms software"


@pytest.mark.parametrize(("fragment", "expected"), [
    ("final round with the CRO", "a final round with the CRO"),
    ("onsite with the team", "an onsite with the team"),
    ("interviews with the board", "interviews with the board"),
    ("the panel debrief", "the panel debrief"),
])
def test_article(fragment: str, expected: str) -> None:
    assert fitting.article(fragment) == expected


@pytest.mark.parametrize("fragment", ["ask how her first quarter went", "TODO send deck", "follow up re: references",
                                      "remember to bring the case study", "Don't forget the pricing sheet"])
def test_notes_to_self(fragment: str) -> None:
    assert fitting.note_to_self(fragment)


@pytest.mark.parametrize("fragment", ["Good luck at the Boston Marathon", "mid-market pipeline growth",
                                      "rep ramp time", "I hope the sprint goes well"])
def test_not_notes_to_self(fragment: str) -> None:
    assert not fitting.note_to_self(fragment)


def test_the_readers_part_of_a_personal_note_is_kept() -> None:
    assert fitting.without_notes_to_self("Good luck at the Boston Marathon - ask how it went") == \
        "Good luck at the Boston Marathon"
    assert fitting.without_notes_to_self("ask how the visits went") == ""
    assert fitting.without_notes_to_self("Thanks for the tour; the demo was great") == \
        "Thanks for the tour; the demo was great"


def test_pronouns_statements_wishes_and_verbs() -> None:
    assert fitting.speaks_of_reader("he closed his first deal in month 5")
    assert fitting.speaks_of_reader("how she ramps new AEs")
    assert not fitting.speaks_of_reader("the team's ramp plan")
    assert fitting.is_statement("rep ramp is too slow") and not fitting.is_statement("rep ramp time")
    assert fitting.wish("Good luck with the Chicago half marathon")
    assert not fitting.wish("daughter starts college next fall")
    assert fitting.starts_with_verb("Grow mid-market pipeline 40%") and fitting.starts_with_verb("Built pipeline")
    assert not fitting.starts_with_verb("Seven years closing SaaS") and not fitting.starts_with_verb("Ramp time cut")


def test_concern_subject() -> None:
    assert fitting.concern_subject("No robotics background") == "my robotics background"
    assert fitting.concern_subject("Moving from an individual role") == "Moving from an individual role"


def test_fix_case_and_shorthand() -> None:
    terms = ["CRO", "Salesforce", "Acme Robotics", "New England"]
    assert fitting.fix_case("final round w/ the cro; salesforce at acme robotics in q3 fy27, i said", terms) == \
        "final round w/ the CRO; Salesforce at Acme Robotics in Q3 FY27, I said"
    assert fitting.fix_case("new reps in new england", terms) == "new reps in New England"
    assert fitting.expand_shorthand("carve-outs w/ partners for 7 yrs", {"w/": "with", "yrs": "years"}) == \
        "carve-outs with partners for 7 years"
    assert fitting.expand_shorthand("w/o a/b", {"w/": "with", "w/o": "without"}) == "without a/b"


def test_capitalised_runs_keep_names_whole() -> None:
    runs = fitting.capitalised_runs(["Win plant managers in New England", "the Salesforce cleanup sprint",
                                     "Ramp playbook"])
    assert runs == {"New England", "Salesforce"}


def test_notes_terms_with_backslashes_are_text_not_replacement_templates() -> None:
    from followup.wording.fitting import expand_shorthand, fix_case

    assert fix_case("ask about the \\\\share\\drive rollout", [r"\\Share\Drive rollout"]) == \
        "ask about the \\\\Share\\Drive rollout"
    assert fix_case("move to sap\\1 next year", [r"SAP\1 next"]) == "move to SAP\\1 next year"
    assert expand_shorthand("w/ partners", {"w/": r"with \1 \g<0>"}) == r"with \1 \g<0> partners"


def test_terms_and_shorthand_with_backslashes_are_text_not_replacement_templates() -> None:
    """A capitalised run from the notes such as ``R\\Hub Team`` is a term; it must not be read as ``\\H``."""
    assert fitting.fix_case("the r\\hub team met", ["R\\Hub Team"]) == "the R\\Hub Team met"
    assert fitting.expand_shorthand("a b/c x", {"x": "\\1 y"}) == "a b/c \\1 y"
