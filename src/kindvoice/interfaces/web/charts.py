"""The Insights page's charts: which numbers each one draws (with ``svg_charts``), the short
sentence that says what it found, and the table of its numbers for anyone who can't see it.

The charts mirror the report's (``interfaces/report/charts.py``) and share its names, titles
and "what it shows" sentences from the catalog; the web adds the kinder answers' drop in
belief and practice week by week. Each chart function returns None when the insight hasn't
enough behind it, as the report does. The charts themselves are in ``charts_journal``
(the critic, traps, belief, mood and setbacks) and ``charts_practice`` (what helps, the
program, practice week by week); this module holds what they share.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from kindvoice.domain.insights.common import window_start
from kindvoice.interfaces import messages as m
from kindvoice.interfaces.web import svg_charts as svg
from kindvoice.services.insight_series import InsightSeries

WEB_CHARTS: tuple[str, ...] = (
    "practice",
    "critic",
    "traps",
    "belief",
    "mood",
    "setbacks",
    "helps",
    "program",
)
"""Every chart the page can draw, by name: the report's six, the drop in belief, and practice."""


@dataclass(frozen=True)
class DataTable:
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Drawn:
    """One chart ready for a page: the SVG, the sentence beside it, and its numbers."""

    name: str
    title: str
    svg: str
    summary: str
    table: DataTable


def chart_id(name: str) -> str:
    return f"chart-{name}"


def day_label(day: date) -> str:
    return f"{day.day} {day:%b}"


def month_label(day: date) -> str:
    return f"{day:%b %Y}"


def table(title: str, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> DataTable:
    return DataTable(
        m.say("web.insights.table_caption", title=title),
        tuple(headers),
        tuple(tuple(row) for row in rows),
    )


def drawn(
    name: str,
    title: str,
    shows: str,
    summary: str,
    draw: Callable[[svg.Frame], str],
    numbers: DataTable,
) -> Drawn:
    frame = svg.Frame(chart_id(name), title, f"{shows} {summary}")
    return Drawn(name, title, draw(frame), summary, numbers)


def thin(count: int, most: int) -> int:
    return max(1, -(-count // most))


def minutes_text(seconds: float) -> str:
    """Minutes with one decimal below ten (a 30-second practice is 0.5), whole above."""
    minutes = seconds / 60
    return f"{minutes:.1f}".removesuffix(".0") if minutes < 10 else f"{minutes:.0f}"


# --- every chart by name ----------------------------------------------------------------------


def draw(series: InsightSeries, name: str, title: str, shows: str) -> Drawn | None:
    """The chart called ``name`` (one of ``WEB_CHARTS``), or None without enough behind it."""
    from kindvoice.interfaces.web.charts_journal import (
        belief_chart,
        critic_chart,
        mood_chart,
        setbacks_chart,
        traps_chart,
    )
    from kindvoice.interfaces.web.charts_practice import helps_chart, practice_chart, program_chart

    found = series.found
    first = window_start(found.today, found.weeks)
    makers: dict[str, Callable[[], Drawn | None]] = {
        "practice": lambda: practice_chart(series.practice, title, shows),
        "critic": lambda: critic_chart(found.critic, title, shows),
        "traps": lambda: traps_chart(found.traps, title, shows),
        "belief": lambda: belief_chart(found.belief, title, shows),
        "mood": lambda: mood_chart(series.moods, found.setbacks, first, title, shows),
        "setbacks": lambda: setbacks_chart(found.setbacks, title, shows),
        "helps": lambda: helps_chart(found.helps, title, shows),
        "program": lambda: program_chart(found.program, title, shows),
    }
    return makers[name]()
