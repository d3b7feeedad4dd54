"""Charts with matplotlib: vector SVG for the PDF, PNG at print resolution for the DOCX.

matplotlib is imported only when a chart is drawn, and a chart is drawn only
when its images are not in the cache folder already (:class:`Charts`). Output is
reproducible: no dates in the metadata, a fixed SVG hash salt.

The SVG keeps its text as text (``svg.fonttype = "none"``) rather than glyph
outlines: WeasyPrint sets it in the same bundled Lato the page uses, it stays
selectable in the PDF, and drawing a chart page costs about 30% less (outlines
are thousands of path points WeasyPrint has to parse and draw).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import json
import os
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

if TYPE_CHECKING:
    from collections.abc import Sequence

    from matplotlib.figure import Figure
    from matplotlib.text import Text

PRINT_DPI = 200


def new_figure(width_in: float = 6.5, height_in: float = 2.8) -> Figure:
    """A figure in the documents' house style (Lato if present, light grid, no top/right spines)."""
    import sys

    from followup import speedups

    if "matplotlib.figure" not in sys.modules:
        with speedups.imports_frozen():  # long-lived objects: out of every later collection
            import matplotlib.figure  # noqa: F401
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


#: how many sets of chart images the cache folder keeps (the oldest are removed beyond that)
KEPT_CHART_SETS = 200

#: a drawing: the figures by name, and the cache key of what they were drawn from (None: not kept)
Drawing = tuple[Mapping[str, "Figure"], "str | None"]


class Charts:
    """The charts of one job as the formats need them: SVG for the PDF, PNG for the DOCX, alt text for both.

    Drawn at most once, and only when needed: a set of images made before from
    the same inputs is read back from the cache folder (``charts/``) instead, so
    a render whose chart data did not change imports no matplotlib and draws
    nothing. Importing matplotlib and drawing the full example's three charts
    as SVG and PNG cost about 1.2 s of CPU per full package, in two processes
    (benchmarks/RESULTS.md). ``key`` says everything the images depend on (the
    pipeline makes it: the values the drawing reads, followup's code and
    matplotlib's version, the other library versions, the fonts); None: nothing is read back. ``draw`` returns
    the figures and the key to keep them under. A user error from ``draw`` is
    raised again by every later call: one drawing, one answer.
    """

    def __init__(self, draw: Callable[[], Drawing] | None = None, key: str | None = None) -> None:
        self._draw = draw
        self._key = key
        self._keep_as = key
        self._figures: Mapping[str, Figure] | None = None if draw is not None else {}
        self._failure: Exception | None = None
        self._entry: dict[str, dict[str, str]] | None = None

    @classmethod
    def of(cls, figures: Mapping[str, Figure]) -> Charts:
        """Figures already drawn (nothing is read from or kept in the cache)."""
        charts = cls()
        charts._figures = dict(figures)
        return charts

    def svg(self) -> dict[str, str]:
        """Each chart as SVG text, by name."""
        return self._made("svg", figure_to_svg)

    def png(self) -> dict[str, bytes]:
        """Each chart as a PNG at print resolution, by name."""
        encoded = self._made("png", lambda figure: base64.b64encode(figure_to_png(figure)).decode("ascii"))
        return {name: base64.b64decode(text) for name, text in encoded.items()}

    def descriptions(self, language: str) -> dict[str, str]:
        """Each chart's text equivalent (see :func:`figure_description`), by name."""
        return self._made(f"alt-{language}", lambda figure: figure_description(figure, language))

    def _made(self, kind: str, make: Callable[[Figure], str]) -> dict[str, str]:
        entry = self._kept()
        if kind in entry:
            return dict(entry[kind])
        figures = self._drawn()
        entry[kind] = {name: make(figure) for name, figure in figures.items()}
        if self._keep_as is not None:
            _keep(self._keep_as, entry)
        return dict(entry[kind])

    def _kept(self) -> dict[str, dict[str, str]]:
        if self._entry is None:
            self._entry = _read_kept(self._key) if self._key is not None else {}
        return self._entry

    def _drawn(self) -> Mapping[str, Figure]:
        if self._failure is not None:
            raise self._failure
        if self._figures is None:
            assert self._draw is not None
            try:
                self._figures, self._keep_as = self._draw()
            except Exception as error:
                self._failure = error
                raise
        return self._figures


def _read_kept(key: str) -> dict[str, dict[str, str]]:
    """The images kept under ``key``, by kind (``svg``, ``png`` as base64, ``alt-<language>``); {} if none.

    An entry that is not whole (kinds naming different charts, a PNG that is not base64) counts as none:
    the charts are drawn again. A read entry's time is renewed, so the sets in use are the last removed.
    """
    import binascii

    from followup.cache import cache_subfolder, read_kept

    text = read_kept("charts", f"{key}.json")
    try:
        stored = json.loads(text) if text is not None else {}
    except ValueError:
        return {}
    if not isinstance(stored, dict) or not all(isinstance(kind, str) and isinstance(images, dict)
                                               and all(isinstance(value, str) for value in images.values())
                                               for kind, images in stored.items()):
        return {}
    if len({frozenset(images) for images in stored.values()}) > 1:
        return {}
    try:
        for value in stored.get("png", {}).values():
            base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return {}
    folder = cache_subfolder("charts") if stored else None
    if folder is not None:
        with contextlib.suppress(OSError):
            os.utime(folder / f"{key}.json")
    return {kind: {str(name): value for name, value in images.items()} for kind, images in stored.items()}


def _keep(key: str, entry: Mapping[str, Mapping[str, str]]) -> None:
    """Keep ``entry`` under ``key``; beyond :data:`KEPT_CHART_SETS` sets, drop the oldest. Never fails."""
    from followup.cache import keep

    path = keep("charts", f"{key}.json", json.dumps(entry, sort_keys=True))
    if path is None:
        return
    try:
        kept = sorted(path.parent.glob("*.json"), key=lambda entry_path: (entry_path.stat().st_mtime_ns,
                                                                          entry_path.name))
        for old in kept[:-KEPT_CHART_SETS]:
            old.unlink(missing_ok=True)
    except OSError:
        pass


@lru_cache(maxsize=1)
def drawing_digest() -> str:
    """A hash of followup's own code, every module of it: the drawing, the house style, the formatters of
    the tick labels (3.5 ms, once per process that draws). Edited code gives a new digest, so images kept
    from before are not read back; a new matplotlib is in the writer's environment, also in the key."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parents[1]
    for path in sorted(package.rglob("*.py")):
        digest.update(str(path.relative_to(package)).encode())
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"unreadable")
    return digest.hexdigest()


def _nearest_tick(ticks: Sequence[float], labels: Sequence[Text], value: float) -> str:
    """The label of the tick nearest ``value``, or "" when the ticks have no labels."""
    if not len(ticks) or len(labels) != len(ticks):
        return ""
    nearest = min(range(len(ticks)), key=lambda index: abs(ticks[index] - value))
    return " ".join(labels[nearest].get_text().split())
