"""The block syntax of wording templates: sections, paragraphs, lists; markers only where the template wrote them."""

from __future__ import annotations

from followup.wording.prose import CLOSE, FITTED, OPEN, outside_values, parse


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


def test_typography_applies_to_the_templates_text_and_fitted_fragments_never_to_printed_values() -> None:
    """French spacing (here: a bracket before each ``:``) leaves a printed name such as ``Fish: Chips`` alone."""
    def mark(text: str) -> str:
        return text.replace(":", "[:]")

    name, fragment = f"{OPEN}Fish: Chips{CLOSE}", f"{OPEN}{FITTED}note: x{CLOSE}"
    assert outside_values(f"{name}: {fragment}: end", mark) == f"{name}[:] {OPEN}note[:] x{CLOSE}[:] end"
    prose = parse(f"== body\nAbout {name}: {fragment}\n\n* {name} :: {name} || {fragment}\n", mark, "[:] ")
    assert prose.blocks("body")[0].text == "About Fish: Chips[:] note[:] x"
    item = prose.blocks("body")[1].items[0]
    assert (item.label, item.text, item.note) == ("Fish: Chips", "Fish: Chips", "note[:] x")
    assert prose.text("body").endswith("- Fish: Chips[:] Fish: Chips note[:] x")
    assert FITTED not in parse(f"== body\n{fragment}\n").text("body")
