"""wording/language.py: locale per language, Babel formatting, labels merged over English."""

from __future__ import annotations

import datetime
from pathlib import Path

from followup.templates import TemplateSet
from followup.wording.language import Writer, available_languages, labels, locale_for, notes_labels


def test_locale_for() -> None:
    assert locale_for("en", "en_GB") == "en_GB"
    assert locale_for("de", "en_US") == "de_DE"
    assert locale_for("es", "es_MX") == "es_MX"


def test_writer_per_language() -> None:
    day = datetime.date(2026, 11, 25)
    assert Writer("fr", "fr_FR").weekday_date(day) == "mercredi 25 novembre"
    assert Writer("es", "es_ES").join(["a", "b", "c"]) == "a, b y c"
    assert Writer("fr", "fr_FR").plural(0, "one", "other") == "one", "French counts 0 as singular"
    assert Writer("en", "en_US").plural(0, "one", "other") == "other"
    assert Writer("de", "de_DE").quote("x") == "„x“"


def test_labels_fall_back_to_english_key_by_key(tmp_path: Path) -> None:
    pack = tmp_path / "languages" / "xx"
    pack.mkdir(parents=True)
    (pack / "labels.toml").write_text('[letter]\nre = "Betr.:"\n', encoding="utf-8")
    templates = TemplateSet(tmp_path)
    merged = labels(templates, "xx")
    assert merged["letter"]["re"] == "Betr.:"
    assert merged["sign_off"]["warm"] == "With thanks", "what the pack lacks comes from English"
    assert labels(templates, "en")["letter"]["re"] == "Re:", "the English labels are not changed by the merge"
    assert "xx" in available_languages(templates) and "en" in available_languages(templates)


def test_notes_labels_read_the_notes_templates_folder_and_ignore_a_missing_one(tmp_path: Path) -> None:
    """Facts code (the finder, the attachment names) reads labels through the notes' style.templates."""
    assert notes_labels(None, "de")["attachments"]["territory-plan"] == "Gebietsplan"
    assert notes_labels(str(tmp_path / "nowhere"), "fr")["attachments"]["territory-plan"] == "Plan de territoire"
    folder = tmp_path / "languages" / "es"
    folder.mkdir(parents=True)
    (folder / "labels.toml").write_text('[attachments]\nprocess-ideas = "Propuestas"\n', encoding="utf-8")
    mine = notes_labels(str(tmp_path), "es")["attachments"]
    assert mine == {"territory-plan": "Plan territorial", "process-ideas": "Propuestas"}
