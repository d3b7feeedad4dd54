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
    from matplotlib.figure import Figure

PRINT_DPI = 200


def new_figure(width_in: float = 6.5, height_in: float = 2.8) -> "Figure":
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


def figure_to_svg(figure: "Figure") -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def figure_to_png(figure: "Figure", dpi: int = PRINT_DPI) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


def svg_img_tag(svg: str, alt: str) -> Markup:
    """An ``<img>`` with the SVG inline as a data URI (WeasyPrint keeps it vector)."""
    encoded = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return Markup('<img class="chart" alt="{}" src="data:image/svg+xml;base64,{}">').format(alt, Markup(encoded))
