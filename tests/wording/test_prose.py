"""The block syntax of wording templates: sections, paragraphs, lists; markers only where the template wrote them."""

from __future__ import annotations

from followup.wording.prose import CLOSE, OPEN, parse


def test_sections_paragraphs_and_joined_lines() -> None:
    prose = parse("ignored before any section\n== subject\nHello\n\n== body\nFirst sentence.\nSecond one.\n\n"
                  "A new paragraph.\n== empty\n\n")
    assert prose.text("subject") == "Hello"
    assert [block.text for block in prose.blocks("body")] == ["First sentence. Second one.", "A new paragraph."]
    assert prose.blocks("empty") == [] and prose.text("empty") == ""
    assert prose.as_context()["empty_blocks"] == []


def test_list_items_with_label_and_note_stay_one_list_across_blank_lines() -> None:
    prose = parse("== body\nLead:\n\n* Criterion :: I built it. || Proof.\n\n* Other :: Plain\n\nAfter.\n")
    blocks = prose.blocks("body")
    assert [block.is_list for block in blocks] == [False, True, False]
    items = blocks[1].items
    assert [(item.label, item.text, item.note) for item in items] == [("Criterion", "I built it.", "Proof."),
                                                                      ("Other", "Plain", "")]
    assert prose.text("body") == "Lead:\n\n- Criterion: I built it. Proof.\n- Other: Plain\n\nAfter."


def test_markers_inside_printed_values_are_text() -> None:
    """User text that looks like a section, an item or a separator never changes the structure."""
    value = f"{OPEN}== body{CLOSE}"
    item = f"{OPEN}* not an item :: really || no{CLOSE}"
    prose = parse(f"== body\n{value}\n{item}\n* {OPEN}a :: b{CLOSE} :: text\n")
    blocks = prose.blocks("body")
    assert blocks[0].text == "== body * not an item :: really || no"
    assert blocks[1].items[0].label == "a :: b" and blocks[1].items[0].text == "text"
    assert list(prose.sections) == ["body"]


def test_as_context_gives_text_blocks_and_items() -> None:
    context = parse("== body\nPara.\n\n* L :: T || N\n").as_context()
    assert context["body"] == "Para.\n\n- L: T N"
    assert context["body_blocks"] == [{"text": "Para.", "is_list": False, "entries": []},
                                      {"text": "", "is_list": True,
                                       "entries": [{"label": "L", "text": "T", "note": "N"}]}]
    assert context["body_items"] == [{"label": "L", "text": "T", "note": "N"}]
