"""render_notes: options that change the bytes, interviewers whose names slug alike, per-format failures."""

from __future__ import annotations

import email
import email.policy
from pathlib import Path

from followup.pipeline import render_notes

ROOT = Path(__file__).resolve().parents[1]
FULL = ROOT / "examples" / "acme-robotics.toml"


def _headers(path: Path) -> email.message.EmailMessage:
    return email.message_from_bytes(path.read_bytes(), policy=email.policy.default)


def test_cc_all_copies_the_other_interviewers_and_reruns_when_it_changes(tmp_path: Path) -> None:
    result = render_notes(FULL, out=tmp_path, documents=["criteria-match"], formats=["eml"])
    (output,) = [item for item in result.outputs if item.format == "eml"]  # and the PDFs it carries
    assert output.status == "written"
    assert _headers(output.path)["Cc"] is None
    result = render_notes(FULL, out=tmp_path, documents=["criteria-match"], formats=["eml"], cc_all=True)
    (output,) = [item for item in result.outputs if item.format == "eml"]
    assert output.status == "written", "--cc-all changes the email, so it is not 'unchanged'"
    message = _headers(output.path)
    assert "jordan.lee@acme-robotics.example" in message["To"]
    assert "priya.raman@acme-robotics.example" in message["Cc"]
    assert "jordan.lee" not in message["Cc"]


def test_interviewers_whose_names_slug_alike_get_their_own_files(tmp_path: Path) -> None:
    notes = tmp_path / "notes.toml"
    notes.write_text(
        '[candidate]\nname = "Dana Whitfield"\n[company]\nname = "Acme"\n[role]\ntitle = "AE"\n'
        '[interview]\ndate = 2026-11-20\n'
        '[[interviewers]]\nname = "José Martínez"\ntopics = ["pipeline"]\n'
        '[[interviewers]]\nname = "Jose Martinez"\ntopics = ["hiring"]\n',
        encoding="utf-8",
    )
    result = render_notes(notes, out=tmp_path / "out", documents=["thank-you-letter"], formats=["txt"])
    names = sorted(output.path.name for output in result.outputs)
    assert names == ["thank-you-letter--jose-martinez-2.txt", "thank-you-letter--jose-martinez.txt"]
    texts = {output.path.name: output.path.read_text(encoding="utf-8") for output in result.outputs}
    assert "pipeline" in texts["thank-you-letter--jose-martinez.txt"]
    assert "hiring" in texts["thank-you-letter--jose-martinez-2.txt"]


def test_a_broken_template_fails_its_own_format_only(tmp_path: Path) -> None:
    templates = tmp_path / "templates" / "process-ideas"
    templates.mkdir(parents=True)
    (templates / "process-ideas.html").write_text("{% if %}", encoding="utf-8")
    result = render_notes(FULL, out=tmp_path / "out", templates_dir=tmp_path / "templates",
                          documents=["process-ideas", "follow-up-plan"])
    statuses = {(output.document, output.format): output.status for output in result.outputs}
    assert statuses[("process-ideas", "pdf")] == "failed"
    assert statuses[("process-ideas", "docx")] == "written"
    assert statuses[("follow-up-plan", "pdf")] == "written"
    assert statuses[("follow-up-plan", "ics")] == "written"
    failed = next(output for output in result.outputs if output.status == "failed")
    assert "process-ideas.html" in failed.reason and "\n" not in failed.reason
    assert result.failed


def test_interviewer_is_found_ignoring_case_and_accents() -> None:
    from followup.notes import load_notes
    from followup.pipeline import select_interviewers

    notes = load_notes(FULL).notes
    for asked in ("Jose Martinez", "josé martínez", "JOSE", "jose-martinez", "  José   Martínez "):
        assert [person.name for person in select_interviewers(notes, asked)] == ["José Martínez"], asked
    import pytest

    from followup.errors import UserError

    with pytest.raises(UserError, match="the notes name: Jordan Lee, Priya Raman, José Martínez"):
        select_interviewers(notes, "Chloe Brandt")


def test_a_named_document_without_the_asked_format_says_why(tmp_path: Path) -> None:
    result = render_notes(FULL, out=tmp_path, documents=["thank-you-card"], formats=["eml"])
    (output,) = result.outputs
    assert output.status == "skipped" and output.document == "thank-you-card"
    assert output.reason == "thank-you-card has no eml format; it has pdf, docx"
    assert not any(tmp_path.rglob("thank-you-card*"))
    unnamed = render_notes(FULL, out=tmp_path, formats=["ics"], documents=None)
    assert all(output.document == "follow-up-plan" or output.status == "skipped" for output in unnamed.outputs), \
        "without -d, a document with no such format is simply not produced (cli.md)"
    assert not any(output.reason and "has no ics format" in output.reason for output in unnamed.outputs)


def test_a_save_re_renders_only_what_reads_the_part_it_changed(tmp_path: Path, monkeypatch) -> None:
    import docx

    from followup import render

    notes = tmp_path / "acme.toml"
    notes.write_text(FULL.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    kinds = {"documents": ["thank-you-card", "thank-you-letter", "process-ideas"], "formats": ["txt", "docx"]}
    first = render_notes(notes, out=out, **kinds)
    assert {output.status for output in first.outputs} == {"written"}
    rendered: list[str] = []
    real_render_format = render.render_format

    def counting(document, fmt, context, *rest, **options):
        person = f":{context['interviewer']['name'].split()[0]}" if context.get("interviewer") else ""
        rendered.append(f"{document.name}{person}:{fmt}")
        return real_render_format(document, fmt, context, *rest, **options)

    monkeypatch.setattr(render, "render_format", counting)

    def save(old: str, new: str) -> None:
        notes.write_text(notes.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")

    save("drop the manual call form", "retire the manual call form")
    second = render_notes(notes, out=out, **kinds)
    assert rendered == ["process-ideas:docx"], "cards and letters do not show the ideas"
    (written,) = [output for output in second.outputs if output.status == "written"]
    assert "retire the manual call form" in "\n".join(p.text for p in docx.Document(written.path).paragraphs)
    rendered.clear()
    save("Boston Marathon in April", "Boston Marathon in May")
    third = render_notes(notes, out=out, **kinds)
    assert sorted(rendered) == ["thank-you-card:Jordan:docx"], \
        "only Jordan's card shows his personal note (never his letter); the memo's charts were drawn in this process"
    assert sorted(output.path.name for output in third.outputs if output.status == "written") == [
        "thank-you-card--jordan-lee.docx"]
    card = out / "acme-robotics" / "2026-11-20" / "thank-you-card--jordan-lee.docx"
    assert "Boston Marathon in May" in "\n".join(p.text for p in docx.Document(str(card)).paragraphs)
    rendered.clear()
    again = render_notes(notes, out=out, **kinds)
    assert rendered == [] and {output.status for output in again.outputs} == {"unchanged"}, \
        "the outputs left alone had their new inputs recorded: the next run renders nothing"
    render_notes(notes, out=out, documents=["thank-you-letter"], formats=["txt"], force=True)
    assert len(rendered) == 3, "--force renders everything"


def test_without_known_chart_reads_a_charted_document_renders_on_any_change(tmp_path: Path,
                                                                            monkeypatch) -> None:
    from followup import render
    from followup.render import reads

    notes = tmp_path / "acme.toml"
    notes.write_text(FULL.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    render_notes(notes, out=out, documents=["process-ideas"], formats=["docx"])
    monkeypatch.setattr(reads, "CHART_READS", {})  # a fresh process: it has drawn no charts yet
    rendered: list[str] = []
    real_render_format = render.render_format
    monkeypatch.setattr(render, "render_format", lambda document, fmt, *rest, **options: rendered.append(fmt)
                        or real_render_format(document, fmt, *rest, **options))
    notes.write_text(notes.read_text(encoding="utf-8").replace("Boston Marathon in April", "Boston Marathon in May"),
                     encoding="utf-8")
    (output,) = render_notes(notes, out=out, documents=["process-ideas"], formats=["docx"]).outputs
    assert rendered == ["docx"] and output.status in ("written", "unchanged"), "it was rendered again"


def test_each_job_builds_its_context_once_for_its_fingerprints_and_every_format(tmp_path: Path,
                                                                                monkeypatch) -> None:
    from followup import pipeline

    built: list[str] = []
    real_job_context = pipeline.job_context

    def counting(job, *rest, **options):
        built.append(f"{job.document.name}:{job.interviewer.name if job.interviewer else ''}")
        return real_job_context(job, *rest, **options)

    monkeypatch.setattr(pipeline, "job_context", counting)
    kinds = {"documents": ["thank-you-letter", "criteria-match"]}
    result = render_notes(FULL, out=tmp_path, **kinds)
    assert result.error is None
    written = [output for output in result.outputs if output.status == "written"]
    assert len(written) == 3 * 4 + 4 + 2, "three letters in four formats, the email in four, its two attachments"
    # one context per letter, two for the criteria match: its pdf/docx/txt, then its email after the attachments
    assert sorted(built) == sorted(["thank-you-letter:Jordan Lee", "thank-you-letter:Priya Raman",
                                    "thank-you-letter:José Martínez", "criteria-match:", "criteria-match:",
                                    "territory-plan:", "process-ideas:"])


def test_a_later_render_reads_the_charts_back_and_draws_again_when_their_numbers_change(tmp_path: Path,
                                                                                          monkeypatch) -> None:
    """The chart images are kept in the cache folder under what they were drawn from (render/charts.py)."""
    import docx

    from followup.documents import territory_charts
    from followup.render import charts as charts_module
    from followup.render import reads

    monkeypatch.setenv("FOLLOWUP_CACHE_DIR", str(tmp_path / "cache"))
    drawn: list[int] = []
    real_draw = territory_charts.draw_territory_charts

    def counting(*arguments):  # type: ignore[no-untyped-def]
        drawn.append(1)
        return real_draw(*arguments)

    monkeypatch.setattr(territory_charts, "draw_territory_charts", counting)
    notes = tmp_path / "acme.toml"
    notes.write_text(FULL.read_text(encoding="utf-8"), encoding="utf-8")

    def render(out: str) -> tuple[bytes, list[bytes]]:
        monkeypatch.setattr(reads, "CHART_READS", {})  # each render as a fresh process
        result = render_notes(notes, out=tmp_path / out, documents=["territory-plan"])
        assert not result.failed
        folder = tmp_path / out / "acme-robotics" / "2026-11-20"
        pictures = docx.Document(str(folder / "territory-plan.docx")).inline_shapes
        images = [shape._inline.graphic.graphicData.pic.blipFill.blip.embed for shape in pictures]
        part = docx.Document(str(folder / "territory-plan.docx")).part
        return (folder / "territory-plan.pdf").read_bytes(), [part.related_parts[rid].blob for rid in images]

    first = render("first")
    assert len(drawn) == 1 and len(first[1]) == 2, "drawn once for the PDF and the DOCX"
    assert render("second") == first and len(drawn) == 1, "read back: the same bytes, nothing drawn"
    assert reads.CHART_READS, "the keys the drawing read, learned by the first process: watch fingerprints by them"
    notes.write_text(notes.read_text(encoding="utf-8").replace("quota = 1200000", "quota = 1500000"),
                     encoding="utf-8")
    changed = render("third")
    assert len(drawn) == 2 and changed[1] != first[1], "new numbers: drawn again"
    monkeypatch.setattr(charts_module, "drawing_digest", lambda: "edited drawing code")
    render("fourth")
    assert len(drawn) == 3, "edited drawing code: drawn again"
