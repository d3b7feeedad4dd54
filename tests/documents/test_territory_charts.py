"""documents/territory_charts.py: the territory plan's charts, drawn from plain data."""

from __future__ import annotations

from followup.documents.territory_charts import draw_territory_charts, lighter
from followup.render.charts import figure_to_svg

DATA = {
    "locale": "en_US", "currency": "USD", "accent": "#1f4e79", "coverage_text": "3.0x",
    "quarters": [{"label": f"Q{index}", "quota": 300000.0, "pipeline": 900000.0} for index in range(1, 5)],
    "segments": [{"name": "Mid-market", "value": 700000.0, "share": 0.58},
                 {"name": "Enterprise", "value": 500000.0, "share": 0.42}],
    "segment_measure": "quota",
}


def test_lighter_blends_towards_white() -> None:
    assert lighter("#000000", 0.5) == "#808080"
    assert lighter("#fff") == "#ffffff"
    assert lighter("#1f4e79", 0) == "#1f4e79"


def test_both_charts_are_drawn_with_their_labels() -> None:
    figures = draw_territory_charts(DATA)
    assert figures
    svgs = [figure_to_svg(figure) for figure in figures.values()]
    assert any("Q1" in svg or "Mid-market" in svg for svg in svgs)


def test_the_charts_take_their_words_from_the_language_pack() -> None:
    """Legends, quarters and the unassigned share are the pack's labels (labels.toml, [territory_plan])."""
    from matplotlib.figure import Figure

    data = {**DATA, "locale": "fr_FR", "currency": "EUR",
            "segments": [*DATA["segments"], {"name": "", "unassigned": True, "value": 100000.0, "share": 0.08}]}
    words = {"quarter": "T{n}", "legend_quota": "Quota annuel", "legend_pipeline": "Pipeline nécessaire ({coverage})",
             "not_assigned": "Non affecté"}
    figures = draw_territory_charts(data, words)

    def texts(figure: Figure) -> list[str]:
        axes = figure.axes[0]
        legend = axes.get_legend()
        return ([label.get_text() for label in axes.get_xticklabels() + axes.get_yticklabels()]
                + ([text.get_text() for text in legend.get_texts()] if legend else []))

    quarters = texts(figures["quota_by_quarter"])
    assert {"T1", "T4", "Quota annuel", "Pipeline nécessaire (3.0x)"} <= set(quarters)
    assert "Q1" not in quarters and "Quota" not in quarters
    assert "Non affecté" in texts(figures["by_segment"])
