"""Charts with matplotlib: vector SVG for the PDF, PNG at print resolution for the DOCX.

matplotlib is imported only when a chart is drawn. Output is reproducible:
no dates in the metadata, a fixed SVG hash salt.

The SVG keeps its text as text (``svg.fonttype = "none"``) rather than glyph
outlines: WeasyPrint sets it in the same bundled Lato the page uses, it stays
selectable in the PDF, and drawing a chart page costs about 30% less (outlines
are thousands of path points WeasyPrint has to parse and draw).
"""

from __future__ import annotations

import base64
import io
from typing import TYPE_CHECKING

from markupsafe import Markup

if TYPE_CHECKING:
    from collections.abc import Sequence

    from matplotlib.figure import Figure
    from matplotlib.text import Text

PRINT_DPI = 200


def new_figure(width_in: float = 6.5, height_in: float = 2.8) -> Figure:
    """A figure in the documents' house style (Lato if present, light grid, no top/right spines)."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib import font_manager
    from matplotlib.figure import Figure

    from followup.templates import fonts_dir

    for name in ("Lato-Regular.ttf", "Lato-Bold.ttf"):
        font_file = fonts_dir() / name
        if font_file.is_file():
            font_manager.fontManager.addfont(str(font_file))
    matplotlib.rcParams.update({
        "font.family": ["Lato", "DejaVu Sans"],
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.edgecolor": "#888888",
        "axes.grid": True,
        "grid.color": "#e3e3e3",
        "grid.linewidth": 0.6,
        "axes.axisbelow": True,
        "svg.hashsalt": "followup",
        "svg.fonttype": "none",
    })
    return Figure(figsize=(width_in, height_in), layout="constrained")


def figure_to_svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def figure_to_png(figure: Figure, dpi: int = PRINT_DPI) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


def svg_img_tag(svg: str, alt: str) -> Markup:
    """An ``<img>`` with the SVG inline as a data URI (WeasyPrint keeps it vector)."""
    encoded = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return Markup('<img class="chart" alt="{}" src="data:image/svg+xml;base64,{}">').format(alt, Markup(encoded))


def figure_description(figure: Figure, language: str = "en") -> str:
    """A text equivalent of a bar chart drawn with matplotlib: what each bar stands for and its value.

    The alt text of the chart in the PDF (``<img alt>``, a tagged Figure's /Alt)
    and the DOCX (the picture's ``descr``), so a screen reader or a parser gets
    the numbers a sighted reader sees. Read from the figure itself: each bar's
    category is the tick label nearest its centre, its value is written with the
    axis's own formatter (the money format the ticks use), and a bar series
    named in the legend ("Quota") is named. Works on a figure not yet drawn.
    ``language`` sets the joining punctuation only (French: a narrow no-break space
    before ``:`` and ``;``); the words are the chart's own, already in its language.
    """
    colon, semicolon = (": ", "; ") if language != "fr" else ("\u202f: ", "\u202f; ")
    from matplotlib.container import BarContainer
    from matplotlib.text import Annotation

    sentences: list[str] = []
    for axes in figure.axes:
        title = axes.get_title().strip()
        if title:
            sentences.append(title + ".")
        for container in axes.containers:
            if not isinstance(container, BarContainer):
                continue
            vertical = container.orientation == "vertical"
            axis = axes.yaxis if vertical else axes.xaxis
            ticks = axes.get_xticks() if vertical else axes.get_yticks()
            labels = [label.get_text() for label in (axes.get_xticklabels() if vertical else axes.get_yticklabels())]
            formatter = axis.get_major_formatter()
            items = []
            values: list[float] = [float(value) for value in container.datavalues]  # type: ignore[arg-type,union-attr]
            for patch, value in zip(container.patches, values):
                centre = patch.get_x() + patch.get_width() / 2 if vertical else patch.get_y() + patch.get_height() / 2
                category = ""
                if len(ticks) and len(labels) == len(ticks):
                    nearest = min(range(len(ticks)), key=lambda index: abs(ticks[index] - centre))
                    category = " ".join(labels[nearest].split())
                shown = formatter(value, None) if callable(formatter) else f"{value:g}"
                items.append(f"{category}{colon}{shown}" if category else str(shown))
            if not vertical:
                items.reverse()  # horizontal bars are drawn bottom-up; read them top-down
            series = container.get_label() or ""
            prefix = f"{series}{colon}" if series and not series.startswith("_") else ""
            if items:
                sentences.append(prefix + semicolon.join(items) + ".")
        points = []
        for text in axes.texts:
            if isinstance(text, Annotation) and text.get_text().strip():
                x, y = text.xy
                across = _nearest_tick(list(axes.get_xticks()), axes.get_xticklabels(), x)
                up = _nearest_tick(list(axes.get_yticks()), axes.get_yticklabels(), y)
                where = ", ".join(f"{name} {value}".strip() for name, value in
                                  ((axes.get_xlabel(), across), (axes.get_ylabel(), up)) if value)
                label = " ".join(text.get_text().split())
                points.append(f"{label} ({where})" if where else label)
        if points:
            sentences.append(semicolon.join(points) + ".")
    return " ".join(sentences) or "Chart"


def _nearest_tick(ticks: Sequence[float], labels: Sequence[Text], value: float) -> str:
    """The label of the tick nearest ``value``, or "" when the ticks have no labels."""
    if not len(ticks) or len(labels) != len(ticks):
        return ""
    nearest = min(range(len(ticks)), key=lambda index: abs(ticks[index] - value))
    return " ".join(labels[nearest].get_text().split())
