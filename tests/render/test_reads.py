"""Which context keys a format reads: plain lookups are recorded, any whole read means every key."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from followup.documents import get_document
from followup.notes import load_notes
from followup.pipeline import job_context, plan_jobs
from followup.render.reads import CHART_READS, KeyRecorder, format_reads, record_chart_reads
from followup.templates import TemplateSet

FULL = Path(__file__).resolve().parents[2] / "examples" / "acme-robotics.toml"


def test_lookups_are_recorded_key_by_key() -> None:
    recorder = KeyRecorder({"a": {"x": 1}, "b": 2, "c": 3})
    assert recorder["a"]["x"] == 1 and recorder.get("b") == 2 and "z" not in recorder
    assert recorder.keys_read() == frozenset({"a", "b", "z"})


@pytest.mark.parametrize("whole_read", [
    list, dict, len, repr, str, sorted, json.dumps, copy.copy, copy.deepcopy,
    lambda data: {**data}, lambda data: data.items(), lambda data: data.values(), lambda data: data.keys(),
    lambda data: data.copy(), lambda data: data | {}, lambda data: data == {"a": 1},
    # the last one iterates alone: list(data) also calls __len__, which would hide a missing __iter__
    lambda data: "{a}".format(**data), lambda data: list(iter(data)),
])
def test_reading_the_context_as_a_whole_means_every_key(whole_read) -> None:
    recorder = KeyRecorder({"a": 1, "b": 2})
    whole_read(recorder)
    assert recorder.keys_read() is None


def test_charts_record_what_their_drawing_read() -> None:
    def draw(context: dict) -> dict:
        return {"bars": context["territory"]["accounts"]}

    assert record_chart_reads(("out/acme", "territory-plan"), draw, {"territory": {"accounts": 3}, "other": 1}) \
        == {"bars": 3}
    assert CHART_READS[("out/acme", "territory-plan")] == frozenset({"territory"})


def test_an_email_reads_its_templates_and_the_draft_facts_and_options_only_to_copy_someone() -> None:
    notes = load_notes(FULL).notes
    templates = TemplateSet()
    jobs, _ = plan_jobs(notes, documents=["thank-you-letter", "criteria-match"])
    letter = next(job for job in jobs if job.document.name == "thank-you-letter")
    keys = format_reads(letter.document, "eml", job_context(letter, notes), templates, "stamp")
    assert keys is not None and {"draft", "prose", "style", "document"} <= keys and "options" not in keys
    criteria = next(job for job in jobs if job.document.name == "criteria-match")
    context = job_context(criteria, notes)
    assert context["draft"]["cc_all"], "the example has other interviewers with an email"
    keys = format_reads(criteria.document, "eml", context, templates, "stamp")
    assert keys is not None and {"draft", "options"} <= keys  # --cc-all changes who is copied


def test_the_letter_reads_its_own_parts_and_not_the_other_interviewers() -> None:
    notes = load_notes(FULL).notes
    templates = TemplateSet()
    jobs, _ = plan_jobs(notes, documents=["thank-you-letter", "follow-up-plan", "territory-plan"])
    letter = next(job for job in jobs if job.document.name == "thank-you-letter")
    context = job_context(letter, notes)
    for fmt in ("pdf", "docx", "txt", "eml"):
        keys = format_reads(letter.document, fmt, context, templates, "stamp")
        assert keys is not None and "prose" in keys, fmt  # the layouts place the wording's prose
        assert "interviewers" not in keys and "decision_maker" not in keys, fmt
    plan = next(job for job in jobs if job.document.name == "follow-up-plan")
    assert format_reads(plan.document, "ics", job_context(plan, notes), templates, "stamp") == frozenset({"calendar"})
    territory = next(job for job in jobs if job.document.name == "territory-plan")
    assert format_reads(territory.document, "pdf", job_context(territory, notes), templates, "stamp") is None, \
        "charts never drawn in this process: every key"


def test_a_template_included_by_a_variable_means_every_key(tmp_path: Path) -> None:
    folder = tmp_path / "templates" / "thank-you-letter"
    folder.mkdir(parents=True)
    (folder / "thank-you-letter.txt").write_text("{% include which %}\n", encoding="utf-8")
    (folder / "thank-you-letter.html").write_text('{% extends "base/base.html" %}{{ letter.subject }}',
                                                  encoding="utf-8")
    templates = TemplateSet(tmp_path / "templates")
    document = get_document("thank-you-letter")
    assert format_reads(document, "txt", {}, templates, "custom") is None
    html_keys = format_reads(document, "pdf", {}, templates, "custom")
    assert html_keys is not None and "letter" in html_keys and "document" in html_keys


def test_the_names_a_template_reads_are_kept_in_the_cache_folder(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from followup.render import reads

    monkeypatch.setenv("FOLLOWUP_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "templates" / "thank-you-letter"
    folder.mkdir(parents=True)
    (folder / "thank-you-letter.txt").write_text("{{ prose.body }} {{ sender.name }}\n", encoding="utf-8")
    templates = TemplateSet(tmp_path / "templates")
    assert reads._jinja_names.__wrapped__(templates, "thank-you-letter/thank-you-letter.txt", "s1") == \
        frozenset({"prose", "sender"})
    (entry,) = (tmp_path / "cache" / "reads").iterdir()

    monkeypatch.setattr(reads, "_parsed_names", lambda *args: pytest.fail("parsed again"))
    assert reads._jinja_names.__wrapped__(templates, "thank-you-letter/thank-you-letter.txt", "s1") == \
        frozenset({"prose", "sender"}), "another process reads the answer back"
    monkeypatch.undo()
    monkeypatch.setenv("FOLLOWUP_CACHE_DIR", str(tmp_path / "cache"))
    entry.write_text("{not json", encoding="utf-8")
    assert reads._jinja_names.__wrapped__(templates, "thank-you-letter/thank-you-letter.txt", "s1") == \
        frozenset({"prose", "sender"}), "a damaged entry is found again"
    (folder / "thank-you-letter.txt").write_text("{{ prose.body }}\n", encoding="utf-8")
    assert reads._jinja_names.__wrapped__(templates, "thank-you-letter/thank-you-letter.txt", "s2") == \
        frozenset({"prose"}), "edited templates have another digest (stamp)"
