"""render/charts.py: matplotlib figures as SVG (for the PDF) and PNG (for the DOCX), and the image tag."""

from __future__ import annotations

import io

from PIL import Image

from followup.render.charts import figure_to_png, figure_to_svg, new_figure, svg_img_tag


def _bars():  # type: ignore[no-untyped-def]
    figure = new_figure(4, 2)
    figure.add_subplot().bar(["Q1", "Q2"], [1, 2])
    return figure


def test_a_figure_as_svg_and_as_png_of_its_size() -> None:
    svg = figure_to_svg(_bars())
    assert svg.lstrip().startswith(("<?xml", "<svg")) and "</svg>" in svg
    png = figure_to_png(_bars(), dpi=100)
    with Image.open(io.BytesIO(png)) as image:
        assert image.format == "PNG"
        assert image.size == (400, 200)


def test_the_svg_is_reproducible() -> None:
    assert figure_to_svg(_bars()) == figure_to_svg(_bars())


def test_the_image_tag_escapes_its_alt_text() -> None:
    tag = str(svg_img_tag("<svg xmlns='http://www.w3.org/2000/svg'></svg>", 'Quota "by" <quarter>'))
    assert tag.startswith("<img") and "data:image/svg+xml" in tag
    assert 'alt="Quota &#34;by&#34; &lt;quarter&gt;"' in tag or 'alt="Quota &quot;by&quot; &lt;quarter&gt;"' in tag


def test_the_description_reads_the_bars_with_the_language_s_punctuation() -> None:
    from followup.render.charts import figure_description

    figure = new_figure(4, 2)
    axes = figure.add_subplot()
    axes.bar(["T1", "T2"], [1, 2], label="Quota")
    axes.set_title("Quota par trimestre")
    english = figure_description(figure)
    assert english.startswith("Quota par trimestre. Quota: T1: ") and "; T2: " in english
    french = figure_description(figure, "fr")
    assert french.startswith("Quota par trimestre. Quota\u202f: T1\u202f: ") and "\u202f; T2\u202f: " in french
    assert " :" not in french.replace("\u202f:", "")


# --- Charts: drawn at most once, images kept in the cache folder ---------------------------------------------


def _counting_draw(calls: list[str], key: str | None = "k1"):  # type: ignore[no-untyped-def]
    def draw():  # type: ignore[no-untyped-def]
        calls.append("drawn")
        return {"bars": _bars()}, key
    return draw


def test_charts_are_drawn_once_for_every_format_and_read_back_by_a_later_render(tmp_path, monkeypatch) -> None:
    from followup.render.charts import Charts

    monkeypatch.setenv("FOLLOWUP_CACHE_DIR", str(tmp_path / "cache"))
    calls: list[str] = []
    first = Charts(_counting_draw(calls), key=None)  # never drawn with this code: nothing to read back
    svg, png, alt = first.svg(), first.png(), first.descriptions("en")
    assert calls == ["drawn"], "the SVG, the PNG and the alt text come from one drawing"
    with Image.open(io.BytesIO(png["bars"])) as image:
        assert image.format == "PNG"
    later = Charts(_counting_draw(calls), key="k1")  # a later render: the key its drawing was kept under
    assert (later.svg(), later.png(), later.descriptions("en")) == (svg, png, alt)
    assert calls == ["drawn"], "read back from the cache folder: not drawn again"
    other = Charts(_counting_draw(calls, "k2"), key="k2")  # other inputs: another key
    other.png()
    assert calls == ["drawn", "drawn"]


def test_a_kind_of_image_not_kept_yet_is_drawn_and_kept_with_the_others(tmp_path, monkeypatch) -> None:
    from followup.render.charts import Charts

    monkeypatch.setenv("FOLLOWUP_CACHE_DIR", str(tmp_path / "cache"))
    calls: list[str] = []
    Charts(_counting_draw(calls), key=None).svg()  # a PDF only
    Charts(_counting_draw(calls), key="k1").png()  # then the DOCX: no PNG kept yet
    both = Charts(_counting_draw(calls), key="k1")
    both.svg(), both.png()
    assert calls == ["drawn", "drawn"]


def test_a_damaged_or_unwritable_chart_cache_never_fails_a_render(tmp_path, monkeypatch) -> None:
    from followup.render.charts import Charts

    monkeypatch.setenv("FOLLOWUP_CACHE_DIR", str(tmp_path / "cache"))
    calls: list[str] = []
    svg = Charts(_counting_draw(calls), key=None).svg()
    (entry,) = (tmp_path / "cache" / "charts").glob("*.json")
    entry.write_text('{"svg": {"bars": 3', encoding="utf-8")
    assert Charts(_counting_draw(calls), key="k1").svg() == svg and len(calls) == 2, "damaged: drawn again"
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("FOLLOWUP_CACHE_DIR", str(blocked))
    assert Charts(_counting_draw(calls), key="k1").svg() == svg and len(calls) == 3, "no cache folder: drawn"


def test_a_drawing_that_fails_fails_every_format_with_the_same_error(tmp_path, monkeypatch) -> None:
    import pytest

    from followup.errors import Problem, UserError
    from followup.render.charts import Charts

    monkeypatch.setenv("FOLLOWUP_CACHE_DIR", str(tmp_path / "cache"))
    calls: list[str] = []

    def draw():  # type: ignore[no-untyped-def]
        calls.append("drawn")
        raise UserError(Problem("territory.quota: no numbers to chart"))

    charts = Charts(draw, key="k1")
    for kind in (charts.svg, charts.png):
        with pytest.raises(UserError, match="no numbers to chart"):
            kind()
    assert calls == ["drawn"]


def test_the_cache_keeps_the_newest_chart_sets_only(tmp_path, monkeypatch) -> None:
    from followup.render import charts as charts_module

    monkeypatch.setenv("FOLLOWUP_CACHE_DIR", str(tmp_path / "cache"))
    import os

    monkeypatch.setattr(charts_module, "KEPT_CHART_SETS", 2)
    for number in range(4):
        charts_module.Charts(_counting_draw([], f"k{number}"), key=None).svg()
        for path in (tmp_path / "cache" / "charts").glob("*.json"):  # coarse file times: make the order plain
            if path.stem == f"k{number}":
                os.utime(path, (1_000_000 + number, 1_000_000 + number))
    kept = sorted(path.stem for path in (tmp_path / "cache" / "charts").glob("*.json"))
    assert len(kept) == 2 and "k3" in kept


def test_an_entry_that_is_not_whole_is_drawn_again(tmp_path, monkeypatch) -> None:
    import json

    from followup.render.charts import Charts

    monkeypatch.setenv("FOLLOWUP_CACHE_DIR", str(tmp_path / "cache"))
    calls: list[str] = []
    first = Charts(_counting_draw(calls), key=None)
    png, alt = first.png(), first.descriptions("en")
    (entry,) = (tmp_path / "cache" / "charts").glob("*.json")
    kept = json.loads(entry.read_text(encoding="utf-8"))
    for damaged in ({**kept, "png": {"bars": "not base64!"}}, {**kept, "alt-en": {"other": "x"}}):
        entry.write_text(json.dumps(damaged), encoding="utf-8")
        again = Charts(_counting_draw(calls), key="k1")
        assert (again.png(), again.descriptions("en")) == (png, alt)
    assert len(calls) == 3, "each damaged entry: drawn again, never a failed render"
