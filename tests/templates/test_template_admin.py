"""templates list / show / eject: what they report, what they copy, and that eject never overwrites."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from followup.cli import app
from followup.errors import TemplateError, UsageError, UserError
from followup.template_admin import describe_template, eject_template, list_templates
from followup.templates import builtin_templates_dir


def test_eject_copies_the_documents_files_byte_for_byte(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    written = eject_template("thank-you-card", mine)
    builtin = builtin_templates_dir()
    expected = sorted([*(f"thank-you-card/{path.name}" for path in (builtin / "thank-you-card").iterdir()),
                       *(path.relative_to(builtin).as_posix()
                         for path in (builtin / "languages").glob("*/thank-you-card.jinja"))])
    assert sorted(path.relative_to(mine).as_posix() for path in written) == expected
    for path in written:
        assert path.read_bytes() == (builtin / path.relative_to(mine)).read_bytes()
    assert not (tmp_path / "mine" / "base").exists()  # base/ is ejected on its own


def test_eject_criteria_match_hands_over_its_din5008_docx_which_a_german_a4_render_then_uses(tmp_path: Path) -> None:
    from followup.render.docx import din5008_variant
    from followup.templates import TemplateSet

    mine = tmp_path / "mine"
    written = [path.relative_to(mine).as_posix() for path in eject_template("criteria-match", mine)]
    assert "criteria-match/criteria-match.din5008.docx" in written and "criteria-match/criteria-match.docx" in written
    ejected = mine / "criteria-match" / "criteria-match.din5008.docx"
    assert ejected.read_bytes() == (builtin_templates_dir() / "criteria-match" / ejected.name).read_bytes()
    german = {"document": {"lang_code": "de"}, "style": {"paper": "a4"}}
    assert din5008_variant("criteria-match/criteria-match.docx", german, TemplateSet(mine)) == ejected
    english = {"document": {"lang_code": "en"}, "style": {"paper": "a4"}}
    assert din5008_variant("criteria-match/criteria-match.docx", english, TemplateSet(mine)) == \
        mine / "criteria-match" / "criteria-match.docx"


def test_eject_base_on_its_own(tmp_path: Path) -> None:
    written = eject_template("base", tmp_path / "mine")
    assert sorted(path.name for path in written) == [
        "address-block.html", "base.css", "base.html", "din5008.css", "fonts.css", "letter.css", "letterhead.html",
        "prose.html"]


def test_eject_never_overwrites_and_copies_nothing_when_a_file_is_in_the_way(tmp_path: Path) -> None:
    mine = tmp_path / "mine" / "thank-you-letter"
    mine.mkdir(parents=True)
    (mine / "thank-you-letter.css").write_text("/* my own work */", encoding="utf-8")
    with pytest.raises(UserError) as caught:
        eject_template("thank-you-letter", tmp_path / "mine")
    assert "thank-you-letter.css" in str(caught.value) and "never overwrites" in str(caught.value)
    assert (mine / "thank-you-letter.css").read_text(encoding="utf-8") == "/* my own work */"
    assert sorted(path.name for path in mine.iterdir()) == ["thank-you-letter.css"]


def test_eject_refuses_unknown_documents_and_the_builtin_folder(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        eject_template("no-such-document", tmp_path)
    with pytest.raises(UsageError):
        eject_template("thank-you-card", builtin_templates_dir())


def test_list_marks_overrides_additions_and_built_ins(tmp_path: Path) -> None:
    mine = tmp_path / "mine" / "thank-you-letter"
    mine.mkdir(parents=True)
    (mine / "thank-you-letter.txt").write_text("x", encoding="utf-8")
    (mine / "logo.png").write_bytes(b"png")
    rows = {(entry.document, entry.relative): entry for entry in list_templates(tmp_path / "mine")}
    assert rows[("thank-you-letter", "thank-you-letter/thank-you-letter.txt")].source == "override"
    assert rows[("thank-you-letter", "thank-you-letter/thank-you-letter.txt")].path == mine / "thank-you-letter.txt"
    assert rows[("thank-you-letter", "thank-you-letter/thank-you-letter.txt")].formats == ("txt", "eml")
    assert rows[("thank-you-letter", "thank-you-letter/logo.png")].source == "added"
    assert rows[("thank-you-letter", "thank-you-letter/thank-you-letter.docx")].source == "built-in"
    assert rows[("base", "base/base.html")].source == "built-in"
    assert rows[("thank-you-card", "thank-you-card/thank-you-card.docx")].as_row()[1:] == (
        "docx", str(builtin_templates_dir() / "thank-you-card" / "thank-you-card.docx"), "built-in")


def test_list_without_a_user_folder_is_all_built_in() -> None:
    entries = list_templates(None)
    assert entries and {entry.source for entry in entries} == {"built-in"}


def test_list_with_a_missing_folder_is_a_template_error(tmp_path: Path) -> None:
    with pytest.raises(TemplateError):
        list_templates(tmp_path / "nowhere")


def test_show_lists_files_variables_and_filters(tmp_path: Path) -> None:
    mine = tmp_path / "mine" / "thank-you-letter"
    mine.mkdir(parents=True)
    (mine / "thank-you-letter.html").write_text("x", encoding="utf-8")
    text = describe_template("thank-you-letter", tmp_path / "mine")
    assert f"override  {mine / 'thank-you-letter.html'}" in text
    assert ("prose.body" in text and "reader.topics" in text and "interviewer.first_name" in text
            and "candidate.signed_as" in text)
    assert "nl2br" in text
    assert "private" not in text


def test_cli_templates_commands(tmp_path: Path) -> None:
    runner = CliRunner()
    listed = runner.invoke(app, ["templates", "list"], env={"COLUMNS": "200"})
    assert listed.exit_code == 0 and "thank-you-card" in listed.output and "built-in" in listed.output
    shown = runner.invoke(app, ["templates", "show", "thank-you-card"])
    assert shown.exit_code == 0 and "prose.body" in shown.output
    first = runner.invoke(app, ["templates", "eject", "base", "--to", str(tmp_path)])
    assert first.exit_code == 0 and "base.html" in first.output
    again = runner.invoke(app, ["templates", "eject", "base", "--to", str(tmp_path)])
    # followup.cli.main prints user errors as one line each; the app raises them to it.
    assert again.exit_code != 0 and isinstance(again.exception, UserError)
    assert "never overwrites" in str(again.exception)


def test_list_shows_every_language_pack_and_a_users_own(tmp_path: Path) -> None:
    mine = tmp_path / "mine" / "languages"
    (mine / "it").mkdir(parents=True)
    (mine / "it" / "labels.toml").write_text('[sign_off]\nformal = "Cordiali saluti"\n', encoding="utf-8")
    (mine / "de").mkdir()
    (mine / "de" / "labels.toml").write_text('[sign_off]\nwarm = "Viele Grüße"\n', encoding="utf-8")
    rows = {(entry.document, entry.relative): entry.source for entry in list_templates(tmp_path / "mine")}
    for code in ("en", "de", "fr", "es"):
        assert rows[(f"language {code}", f"languages/{code}/thank-you-letter.jinja")] == "built-in"
    assert rows[("language de", "languages/de/labels.toml")] == "override"
    assert rows[("language it", "languages/it/labels.toml")] == "added"
