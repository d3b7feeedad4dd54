"""documents/readback.py: counting words, splitting sentences, comparing letters beyond the names."""

from __future__ import annotations

from docreaders import EXAMPLE_NOTES

from followup.documents.readback import composed_texts, masked, same_text_warnings, sentences, word_count
from followup.documents.thank_you_card import DOCUMENT as CARD
from followup.notes import load_notes


def test_word_count_and_sentences() -> None:
    assert word_count("Dear Jordan, thank you — truly.") == 5, "a lone dash is not a word"
    assert sentences("One. Two! Three?\nFour") == ["One.", "Two!", "Three?", "Four"]


def test_masked_and_same_text_warnings() -> None:
    notes = load_notes(EXAMPLE_NOTES).notes
    assert masked("Dear Jordan Lee and Priya", notes) == "Dear • and •"
    texts = ["Hello Jordan.", "Hello Priya.", "Something else, José."]
    problems = same_text_warnings(notes, texts, "card", "give each a topic")
    assert [problem.message for problem in problems] == [
        "thank-you-card: Priya Raman and Jordan Lee would get the same card apart from the name; give each a topic"]


def test_composed_texts_are_the_cards_as_rendered() -> None:
    notes = load_notes(EXAMPLE_NOTES).notes
    texts = composed_texts(notes, CARD, ("greeting", "body"))
    assert [text.split("\n")[0] for text in texts] == ["Dear Jordan,", "Dear Priya,", "Dear José,"]
    assert "Good luck at the Boston Marathon in April." in texts[0]
