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
