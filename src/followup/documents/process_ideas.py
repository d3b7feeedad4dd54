"""process-ideas: a one- or two-page memo of creative ideas for the company's process (pdf, docx).

One per interview, skipped when the notes have no ``[[ideas]]``. The memo:

- a To / From / Date / Re block: to the decision-maker at the company, from the
  candidate, dated the day the materials go out (the schedule's materials date,
  never today, so the same notes give the same memo);
- "What I heard": their priorities and pains, in their words;
- the ideas, quick wins (high impact, low effort) first, then by impact (high
  first) and effort (low first); ties keep the order of the notes. Each idea
  reads problem → idea → impact → effort → first step. An idea whose
  ``problem`` names none of the pains is still shown, with its problem as written;
- an impact/effort chart: a 2x2 quadrant scatter, one numbered, labelled point
  per idea, in the accent colour (SVG in the PDF, PNG in the DOCX);
- "Questions I would explore": the pains no idea names (matched loosely, as in
  criteria-match);
- a modest close offering to discuss, with the dated check-in.

See docs/documents/process-ideas.md.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

from followup.context import base_context
from followup.context.formatting import Formatter
from followup.context.schedule import follow_up_steps
from followup.documents.base import Context, Document
from followup.documents.coverage import matches_loosely
from followup.documents.criteria_match import materials_date
from followup.notes.model import Idea, Interviewer, Notes
from followup.wording.fitting import sentence

if TYPE_CHECKING:
    from matplotlib.figure import Figure


NAME = "process-ideas"
# What the memo's own context keys hold (docs/templates.md is generated from these).
CONTEXT_DESCRIPTIONS: dict[str, str] = {
    "memo": "The memo's facts: routing, their priorities and pains, the ideas in memo order, the pains no idea "
            "names, and the interview and check-in dates (the wording template writes the sentences).",
}
LEVELS: tuple[str, ...] = ("low", "medium", "high")
LEVEL_WORDS: dict[str, str] = {"low": "Low", "medium": "Medium", "high": "High"}
# Where a level sits on a chart axis running from 0 to 1 (the quadrant lines are at 0.5).
LEVEL_POSITION: dict[str, float] = {"low": 0.17, "medium": 0.5, "high": 0.83}
IMPACT_RANK: dict[str | None, int] = {"high": 0, "medium": 1, "low": 2, None: 3}
EFFORT_RANK: dict[str | None, int] = {"low": 0, "medium": 1, "high": 2, None: 3}


def skip_reason(notes: Notes) -> str | None:
    """A memo of ideas needs ideas."""
    if not notes.ideas:
        return "notes have no [[ideas]]"
    return None


def ordered_ideas(ideas: list[Idea]) -> list[Idea]:
    """Quick wins first, then impact high to low, then effort low to high; unknown levels last; stable."""
    return sorted(ideas, key=lambda idea: (not idea.is_quick_win, IMPACT_RANK[idea.impact], EFFORT_RANK[idea.effort]))


def memo_facts(notes: Notes) -> dict[str, Any]:
    """What the memo's wording template (``languages/<lang>/process-ideas.jinja``) and layouts need: facts only.

    The routing (to, from, date), their priorities and pains, the ideas in memo order, the pains no idea
    names, how many quick wins, the ideas the chart cannot place, and the interview and check-in dates as
    ISO strings (the check-in only when it is still to come on or after the day the memo goes out).
    """
    fmt = Formatter(notes.style.locale)
    person = notes.decision_maker
    to = person.name + (f", {person.title}" if person.title and person.title.strip() else "")
    pains = [pain for pain in notes.discovery.pains if pain.strip()]
    priorities = [priority for priority in notes.discovery.priorities if priority.strip()]
    ideas = []
    for number, idea in enumerate(ordered_ideas(list(notes.ideas)), start=1):
        named_pain = next((pain for pain in pains if matches_loosely(idea.problem, pain)), None)
        ideas.append({
            "number": number,
            "title": idea.title,
            "problem": idea.problem if idea.problem and idea.problem.strip() else "",
            "names_a_pain": named_pain is not None,
            "idea": sentence(idea.idea),
            "impact_level": idea.impact or "",
            "effort_level": idea.effort or "",
            "first_step": sentence(idea.first_step) if idea.first_step and idea.first_step.strip() else "",
            "quick_win": idea.is_quick_win,
        })
    explore = [pain for pain in pains if not any(matches_loosely(idea.problem, pain) for idea in notes.ideas)]
    steps = {step.key: step for step in follow_up_steps(notes)}
    sent_on = steps["materials"].due
    check_in = steps.get("check-in")
    return {
        "to": to,
        "to_company": notes.company.name,
        "from": notes.candidate.name,
        "from_contact": notes.candidate.email or notes.candidate.phone or "",
        "date_text": fmt.date(materials_date(notes)),
        "interview_date": notes.interview.date.isoformat(),
        "check_in_on": (check_in.due.isoformat()
                        if check_in is not None and not check_in.done and check_in.due >= sent_on else ""),
        "priorities": priorities,
        "pains": pains,
        "ideas": ideas,
        "quick_wins": sum(1 for idea in ideas if idea["quick_win"]),
        "explore": explore,
        "unplotted": [str(idea["number"]) for idea in ideas if not (idea["impact_level"] and idea["effort_level"])],
    }


def build_context(notes: Notes, interviewer: Interviewer | None) -> Context:
    """``base_context`` plus ``memo`` (the wording and the ordered ideas)."""
    context = base_context(notes, document=NAME, title=f"Ideas for {notes.company.name}")
    context["memo"] = memo_facts(notes)
    return context


# --- the impact/effort chart ---------------------------------------------------------------------------------


def chart_label(title: str) -> str:
    """An idea's title wrapped to at most two short lines for the chart (the memo prints it in full)."""
    return "\n".join(textwrap.wrap(" ".join(title.split()), width=26, max_lines=2, placeholder=" …"))


def impact_effort_chart(context: Context) -> Figure:
    """A 2x2 quadrant scatter of the ideas: effort across, impact up, quick wins top left, labelled points.

    Levels sit at fixed places (low, medium on the quadrant line, high); ideas
    sharing a place are stacked a little apart so every point and label shows.
    Ideas without an impact or effort rating are not plotted (the caption names them).
    """
    from matplotlib.patches import Rectangle

    from followup.render.charts import new_figure

    accent = context["style"]["accent_color"]
    figure = new_figure(6.5, 2.7)
    axes = figure.add_subplot()
    axes.set_xlim(0, 1)
    axes.set_ylim(0, 1)
    axes.grid(False)
    axes.add_patch(Rectangle((0, 0.5), 0.5, 0.5, facecolor=accent, alpha=0.08, linewidth=0, zorder=0))
    axes.axvline(0.5, color="#c3cad1", linewidth=0.8, zorder=1)
    axes.axhline(0.5, color="#c3cad1", linewidth=0.8, zorder=1)
    corner: dict[str, Any] = {"fontsize": 8, "fontweight": "bold", "color": "#8a949e", "zorder": 2}
    chart_labels = context.get("labels", {}).get("process_ideas", {})
    corners = {"quick_wins": "Quick wins", "big_bets": "Big bets", "fill_ins": "Fill-ins", "reconsider": "Reconsider",
               **(chart_labels.get("quadrants") or {})}
    axes.text(0.02, 0.97, corners["quick_wins"].upper(), ha="left", va="top", **{**corner, "color": accent})
    axes.text(0.98, 0.97, corners["big_bets"].upper(), ha="right", va="top", **corner)
    axes.text(0.02, 0.03, corners["fill_ins"].upper(), ha="left", va="bottom", **corner)
    axes.text(0.98, 0.03, corners["reconsider"].upper(), ha="right", va="bottom", **corner)
    words = {**LEVEL_WORDS, **(chart_labels.get("levels") or {})}
    axes.set_xticks([LEVEL_POSITION[level] for level in LEVELS], [words[level] for level in LEVELS])
    axes.set_yticks([LEVEL_POSITION[level] for level in LEVELS], [words[level] for level in LEVELS])
    axes.tick_params(length=0, labelsize=8, colors="#5b6672")
    axes.set_xlabel(chart_labels.get("effort", "Effort"), fontsize=9, fontweight="bold", color="#1d232b")
    axes.set_ylabel(chart_labels.get("impact", "Impact"), fontsize=9, fontweight="bold", color="#1d232b")

    places: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for idea in context["memo"]["ideas"]:
        if idea["impact_level"] and idea["effort_level"]:
            places.setdefault((idea["effort_level"], idea["impact_level"]), []).append(idea)
    for (effort, impact), group in places.items():
        for position, idea in enumerate(group):
            x = LEVEL_POSITION[effort]
            y = LEVEL_POSITION[impact] + ((len(group) - 1) / 2 - position) * 0.13  # the first idea on top
            axes.scatter([x], [y], s=170, color=accent, edgecolors="white", linewidths=1.2, zorder=4)
            axes.text(x, y, str(idea["number"]), ha="center", va="center", color="white", fontsize=7.5,
                      fontweight="bold", zorder=5, parse_math=False)
            right_side = effort != "high"
            axes.annotate(chart_label(idea["title"]), (x, y),
                          xytext=(9 if right_side else -9, 0), textcoords="offset points",
                          ha="left" if right_side else "right", va="center", fontsize=7.5, color="#1d232b",
                          linespacing=1.1, zorder=5, parse_math=False,
                          bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.85})
    return figure


def draw_charts(context: Context) -> dict[str, Figure]:
    """``{"impact_effort": figure}``: the pipeline makes it SVG in the PDF and PNG in the DOCX."""
    return {"impact_effort": impact_effort_chart(context)}


DOCUMENT = Document(
    name=NAME,
    title="Process ideas memo",
    formats=("pdf", "docx"),
    per_interviewer=False,
    skip_reason=skip_reason,
    build_context=build_context,
    draw_charts=draw_charts,
    max_pages=2,
    wording=True,
    render_cost=5,  # seconds relative to a letter's, measured (benchmarks/)
)
