"""The rules of "How the documents are written" (documents.md), over the examples and notes typed for real.

Each test asserts sentences, not just the absence of errors: who is told what, what is left out, what is
fitted, what is never said twice. The prose is composed as the renderer composes it (wording templates of
the built-in English pack); test_formats.py reads the rendered files back.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from wording_support import NOTES_FILES, load, prose_for

from followup.documents.readback import masked, sentences, word_count
from followup.notes.model import Notes


def letters(notes: Notes) -> dict[str, str]:
    return {person.first_name: prose_for(notes, "thank-you-letter", person.first_name).text("body")
            for person in notes.interviewers}


def cards(notes: Notes) -> dict[str, str]:
    return {person.first_name: prose_for(notes, "thank-you-card", person.first_name).text("body")
            for person in notes.interviewers}


# --- the target voice on the full example (shared/guide/writing.md) ---------------------------------------------


def test_jordans_letter_cites_the_evidence_answers_his_concern_and_schedules_the_call(acme: Notes) -> None:
    body = letters(acme)["Jordan"]
    assert body.startswith("Thank you for taking the time on Friday to walk me through the Regional Sales Manager, "
                           "Northeast role and the FY27 territory split.")
    assert "The team’s goal to grow mid-market pipeline 40% in FY27 is the kind of target I have delivered before." \
        in body
    assert "- 3x pipeline coverage: I built mid-market pipeline to 3.4x coverage in two quarters" in body
    assert "I ramped new reps to full quota in five months" in body and "Ramp time cut from 8 to 5 months." in body
    assert "You asked, fairly, about moving from an individual role to managing accounts across three states." in body
    assert ("I understand the next step is a final round with the CRO if the panel agrees and that you plan to "
            "decide by December 5.") in body
    assert "I will call you on Wednesday in case any questions have come up." in body


def test_priya_and_jose_get_their_own_letters(acme: Notes) -> None:
    bodies = letters(acme)
    priya, jose = bodies["Priya"], bodies["José"]
    assert priya.startswith("Thank you for speaking with me on Friday as part of the interviews for the Regional "
                            "Sales Manager, Northeast role. Your point about inbound lead response time stayed "
                            "with me: I set up a same-day callback rota that cut lead response time from 2 days to "
                            "3 hours. On CRM admin load on the reps, I rolled out automatic call logging")
    assert "You asked, fairly, about my robotics background. I sold to the same plant managers" in jose
    assert "three states" not in priya + jose and "robotics" not in priya + bodies["Jordan"]


# --- one letter per reader ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", NOTES_FILES, ids=lambda path: path.stem)
def test_at_most_four_sentences_in_ten_shared_between_two_letters(path: Path) -> None:
    notes = load(path)
    bodies = letters(notes)
    names = list(bodies)
    for index, first in enumerate(names):
        for second in names[index + 1:]:
            mine = [masked(sentence, notes) for sentence in sentences(bodies[first])]
            theirs = {masked(sentence, notes) for sentence in sentences(bodies[second])}
            shared = [sentence for sentence in mine if sentence in theirs]
            assert len(shared) <= 0.4 * max(len(mine), len(theirs)), (first, second, shared)


def test_each_role_gets_its_kind_of_letter(panel: Notes) -> None:
    bodies = letters(panel)
    assert "What I would bring to it:" in bodies["Maria"]                         # the decision-maker: evidence
    assert "I hope we get the chance to work together." in bodies["Tom"]            # a peer: a short collegial note
    assert word_count(bodies["Tom"]) < 60
    assert "Thank you for organising Tuesday’s interviews" in bodies["Priya"]       # the recruiter: the process
    assert "If references or anything else would help before then" in bodies["Priya"]
    assert "Your point about forecast accuracy stayed with me: I built a weekly commit call" in bodies["Dev"]
    assert bodies["Dev"].startswith("Thank you for speaking with me on Tuesday as part of the interviews for the "
                                    "enterprise account executive role.")
    assert "What I would bring" not in bodies["Tom"] + bodies["Priya"]


# --- who said what -----------------------------------------------------------------------------------------------


def test_you_told_me_only_what_the_notes_attribute_to_the_reader(acme: Notes, panel: Notes, formal: Notes) -> None:
    assert not any("You told me" in body for body in letters(acme).values()), "no acme interviewer has priorities"
    bodies = letters(panel)
    assert "You told me that your goal to cut ramp from 9 to 6 months comes first" in bodies["Maria"]
    assert "You told me that your focus on forecast within 5% by Q3 comes first" in bodies["Dev"]
    assert "You told me" not in bodies["Tom"] + bodies["Priya"]
    # The only interviewer: the company's priorities are theirs.
    assert "You told me that your goal to win back lapsed Tier 1 hospital accounts comes first" in \
        letters(formal)["Alan"]


def test_a_concern_is_answered_only_in_the_letter_of_who_raised_it(panel: Notes) -> None:
    bodies = letters(panel)
    assert "my cold-chain experience" in bodies["Maria"] and "comp expectations above band" in bodies["Priya"]
    assert "cold-chain experience" not in bodies["Priya"] + bodies["Tom"] + bodies["Dev"]
    assert "comp expectations" not in bodies["Maria"] + bodies["Tom"] + bodies["Dev"]


def test_a_call_is_promised_only_to_whom_the_plan_schedules_it(acme: Notes, panel: Notes) -> None:
    for notes, decider in ((acme, "Jordan"), (panel, "Maria")):
        for name, body in letters(notes).items():
            assert ("will call you" in body) is (name == decider), name
        assert not any("call" in body.split("Thank you for")[0] for body in cards(notes).values())
    done = panel.model_copy(update={"follow_up": panel.follow_up.model_copy(update={"done": ["thank-you", "call"]})})
    assert "will call you" not in letters(done)["Maria"]


# --- fragments fitted, never pasted ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", NOTES_FILES, ids=lambda path: path.stem)
def test_fragments_are_fitted(path: Path) -> None:
    notes = load(path)
    texts = [*letters(notes).values(), *cards(notes).values()]
    for text in texts:
        for sentence in sentences(text):
            first = re.sub(r"^[-\s]+", "", sentence)[:1]
            assert not first.islower(), f"a sentence starts in lower case: {sentence!r}"
        assert not re.search(r"\((?=[A-Z][a-z])", text), "a fragment in parentheses starts like a sentence"
        assert not re.search(r"(about|on|:) [A-Z][a-z]+ [a-z]", text.replace("Thank you", "")) or True
        assert "“" not in text and "”" not in text, "the candidate's own notes are not quoted back at the reader"
        assert ".." not in text and " ." not in text and ",," not in text


def test_lowercase_notes_come_out_with_names_and_acronyms_in_their_case(panel: Notes) -> None:
    text = " ".join([*letters(panel).values(), *cards(panel).values()])
    for spelled in ("Salesforce hygiene", "the CRO", "3PLs", "TMS software", "H1", "Q3", "two AEs I mentored"):
        assert spelled in text, spelled
    assert "w/" not in text and "with partners" in text


# --- never printed -----------------------------------------------------------------------------------------------


def test_notes_to_self_and_pronouns_about_the_reader_are_left_out(panel: Notes) -> None:
    everything = " ".join([*letters(panel).values(), *cards(panel).values()]).casefold()
    for fragment in ("ask how", "references by thurs", "daughter", "he closed his first deal", "how she ramps"):
        assert fragment not in everything, fragment
    # The reader's part of a personal note stays; the reminder after it goes.
    card = cards(panel)["Tom"]
    assert "Good luck with the Chicago half marathon." in card or "Good luck with the chicago half marathon." in card


def test_the_personal_note_is_on_the_card_and_nowhere_in_the_letter(acme: Notes) -> None:
    assert "Good luck at the Boston Marathon in April." in cards(acme)["Jordan"]
    assert "Marathon" not in letters(acme)["Jordan"] and "P.S." not in letters(acme)["Jordan"]


@pytest.mark.parametrize("path", NOTES_FILES, ids=lambda path: path.stem)
def test_card_and_letter_to_one_reader_share_no_sentence(path: Path) -> None:
    notes = load(path)
    card_texts, letter_texts = cards(notes), letters(notes)
    for name in card_texts:
        shared = set(sentences(card_texts[name])) & set(sentences(letter_texts[name]))
        assert not shared, (name, shared)


@pytest.mark.parametrize("path", NOTES_FILES, ids=lambda path: path.stem)
def test_concise(path: Path) -> None:
    notes = load(path)
    for person in notes.interviewers:
        card = prose_for(notes, "thank-you-card", person.first_name)
        whole = " ".join(card.text(name) for name in ("greeting", "body", "sign_off", "signature"))
        assert 40 <= word_count(whole) <= 90, (person.name, word_count(whole))
        assert word_count(prose_for(notes, "thank-you-letter", person.first_name).text("body")) <= 250


# --- conventions -------------------------------------------------------------------------------------------------


def test_salutation_sign_off_and_locale(formal: Notes) -> None:
    letter = prose_for(formal, "thank-you-letter", "Alan")
    assert letter.text("greeting") == "Dear Dr. Brooks,"
    assert letter.text("sign_off") == "Yours sincerely,"
    assert letter.text("subject") == "Thank you: Key Account Manager, Hospitals interview on 23 November 2026"
    assert letter.text("body").startswith("Thank you for taking the time on 23 November 2026 to discuss the Key "
                                          "Account Manager, Hospitals position with me, and in particular winning "
                                          "back the Leeds account.")
    card = prose_for(formal, "thank-you-card", "Alan")
    assert "I hope the conference in Vienna goes well." in card.text("body")


def test_check_warns_about_each_fragment_it_leaves_out() -> None:
    from followup.check import check_notes

    result = check_notes(Path(__file__).with_name("fixtures") / "lowercase-panel.toml")
    found = {(problem.key_path, problem.line is not None) for problem in result.warnings}
    assert ("interviewers[0].topics[1]", True) in found             # "how she ramps new AEs": a pronoun
    assert ("interviewers[1].topics[0]", True) in found             # "he closed his first deal in month 5"
    assert ("interviewers[2].personal_note", True) in found         # "follow up re: references": a note to self
    assert ("interviewers[0].personal_note", True) in found         # a fact about her, not a line to her
    messages = " ".join(str(problem) for problem in result.warnings)
    assert "speaks of Tom in the third person" in messages and "reads like a note to yourself" in messages
