"""The territory plan's charts: quota and pipeline by quarter, quota (or potential) by segment.

Drawn from ``territory.chart_data`` in the context (plain numbers, the locale,
the currency and the accent), in the house style of ``render.charts.new_figure``
and the document's accent colour, with money written by ``Formatter.money`` on
the axes and the bars. matplotlib is imported only here, inside the functions,
and only when a chart is drawn. The PDF embeds the figures as vector SVG, the
DOCX as PNG at print resolution (render/charts.py).
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

from followup.context.formatting import Formatter

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

INK = "#1d232b"
MUTED = "#5b6672"
CHART_WIDTH_IN = 6.5


def lighter(colour: str, amount: float = 0.6) -> str:
    """``colour`` (``#rrggbb`` or ``#rgb``) blended towards white by ``amount`` (0 = as is, 1 = white)."""
    digits = colour.strip().lstrip("#")
    if len(digits) == 3:
        digits = "".join(character * 2 for character in digits)
    channels = [int(digits[index:index + 2], 16) for index in (0, 2, 4)]
    blended = [round(channel + (255 - channel) * amount) for channel in channels]
    return "#" + "".join(f"{channel:02x}" for channel in blended)


def _money_axis(axis: Any, fmt: Formatter, currency: str) -> None:
    """Money tick labels for ``axis`` (``ax.yaxis`` or ``ax.xaxis``), at most five round steps."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    axis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10], min_n_ticks=3))
    axis.set_major_formatter(FuncFormatter(lambda value, _position: fmt.money(value, currency)))


def _word(words: dict[str, Any], key: str, default: str) -> str:
    """The pack's label ``key`` of ``[territory_plan]`` (the English default when a pack has none)."""
    value = words.get(key)
    return value if isinstance(value, str) and value else default


def quota_by_quarter(data: dict[str, Any], words: dict[str, Any] | None = None) -> Figure:
    """Grouped bars per quarter: the quota (accent) and the pipeline it needs (lighter accent).

    ``words`` is ``labels.territory_plan`` of the language pack: the legend and the quarter labels.
    """
    from followup.render.charts import new_figure

    fmt = Formatter(data["locale"])
    currency, accent = data["currency"], data["accent"]
    quarters = data["quarters"]
    words = words or {}
    quarter = _word(words, "quarter", "Q{n}")
    figure = new_figure(CHART_WIDTH_IN, 2.3)
    axes: Axes = figure.add_subplot()
    positions = list(range(len(quarters)))
    width = 0.36
    quota_bars = axes.bar([position - width / 2 for position in positions], [q["quota"] for q in quarters],
                          width, color=accent, label=_word(words, "legend_quota", "Quota"), zorder=3)
    pipeline_bars = axes.bar([position + width / 2 for position in positions], [q["pipeline"] for q in quarters],
                             width, color=lighter(accent, 0.55),
                             label=_word(words, "legend_pipeline", "Pipeline needed ({coverage})").replace(
                                 "{coverage}", data["coverage_text"]), zorder=3)
    size = 7 if len(quarters) <= 4 else 6
    for bars, colour in ((quota_bars, INK), (pipeline_bars, MUTED)):
        axes.bar_label(bars, labels=[fmt.money(bar.get_height(), currency) for bar in bars], padding=2,
                       fontsize=size, color=colour)
    axes.set_xticks(positions, [quarter.replace("{n}", str(q.get("number", index)))
                                for index, q in enumerate(quarters, 1)])
    axes.tick_params(axis="x", length=0, labelsize=9)
    axes.tick_params(axis="y", labelsize=7.5, colors=MUTED)
    axes.grid(axis="x", visible=False)
    _money_axis(axes.yaxis, fmt, currency)
    top = max((q["pipeline"] for q in quarters), default=1) or 1
    axes.set_ylim(0, top * 1.16)
    axes.legend(loc="upper left", frameon=False, fontsize=8, ncols=2)
    return figure


def by_segment(data: dict[str, Any], words: dict[str, Any] | None = None) -> Figure:
    """Horizontal bars per segment: its quota (with its share) or, without quota, its named potential.

    The share of quota no segment holds is drawn lighter, named by ``words["not_assigned"]``.
    """
    from followup.render.charts import new_figure

    fmt = Formatter(data["locale"])
    currency, accent = data["currency"], data["accent"]
    segments = list(reversed(data["segments"]))  # matplotlib draws bottom-up; the notes' order reads top-down
    height = 0.55 + 0.34 * len(segments)
    figure = new_figure(CHART_WIDTH_IN, max(1.4, min(height, 5.5)))
    axes: Axes = figure.add_subplot()
    unassigned = _word(words or {}, "not_assigned", "Not assigned")
    names = [textwrap.fill(unassigned if segment.get("unassigned") else segment["name"], 30) for segment in segments]
    colours = [lighter(accent, 0.55) if segment.get("unassigned") else accent for segment in segments]
    bars = axes.barh(range(len(segments)), [segment["value"] for segment in segments], height=0.62,
                     color=colours, zorder=3)
    labels = []
    for segment in segments:
        label = fmt.money(segment["value"], currency)
        if segment.get("share") is not None:
            label += f"  ·  {fmt.percent(segment['share'])}"
        labels.append(label)
    axes.bar_label(bars, labels=labels, padding=4, fontsize=7.5, color=INK)
    axes.set_yticks(range(len(segments)), names)
    axes.tick_params(axis="y", length=0, labelsize=8.5)
    axes.tick_params(axis="x", labelsize=7.5, colors=MUTED)
    axes.grid(axis="y", visible=False)
    _money_axis(axes.xaxis, fmt, currency)
    widest = max((segment["value"] for segment in segments), default=1) or 1
    axes.set_xlim(0, widest * 1.3)
    return figure


def draw_territory_charts(data: dict[str, Any], words: dict[str, Any] | None = None) -> dict[str, Figure]:
    """``quota_by_quarter`` when there is a quota; ``by_segment`` when segments have a quota or a potential.

    ``words`` is ``labels.territory_plan`` of the language pack (legends, quarters, "not assigned").
    """
    figures: dict[str, Figure] = {}
    if data.get("quarters"):
        figures["quota_by_quarter"] = quota_by_quarter(data, words)
    if data.get("segments"):
        figures["by_segment"] = by_segment(data, words)
    return figures
