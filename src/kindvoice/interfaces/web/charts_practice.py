"""The Insights page's charts from practice: what seems to help (the change around a
session), the program week by week, and minutes of practice week by week."""

from __future__ import annotations

from kindvoice.domain.insights.metrics import (
    Adherence,
    PracticeEffect,
    RatingChange,
    WhatHelps,
)
from kindvoice.interfaces import messages as m
from kindvoice.interfaces.insight_words import change_text, help_rows, percent, signed
from kindvoice.interfaces.web import svg_charts as svg
from kindvoice.interfaces.web.charts import Drawn, day_label, drawn, minutes_text, table
from kindvoice.services.insight_series import PracticeWeeks

# --- what helps -----------------------------------------------------------------------------


def practice_name(practice_id: str) -> str:
    """A practice's or breathing pattern's name, or its id when kindvoice doesn't know it."""
    from kindvoice.domain.practices.catalog import find_pattern
    from kindvoice.domain.practices.guided import find_practice

    found = find_practice(practice_id) or find_pattern(practice_id)
    return practice_id if found is None else found.name


def _row_name(row: PracticeEffect) -> str:
    name = (
        m.say(f"insights.kind.{row.kind}") if row.practice is None else practice_name(row.practice)
    )
    return f"{name} ({row.sessions})"


def _estimate(change: RatingChange) -> svg.Estimate | None:
    found = change.change
    if found is None:
        return None
    return svg.Estimate(found.mean, found.low, found.high, signed(found.mean))


def helps_chart(helps: WhatHelps, title: str, shows: str) -> Drawn | None:
    rows = help_rows(helps)
    if not any(row.stress.enough or row.kindness.enough for row in rows):
        return None
    panels = [
        svg.IntervalPanel(
            m.say(key),
            [_estimate(getattr(row, part)) for row in rows],
            [m.say("insights.helps.few", have=getattr(row, part).n) for row in rows],
        )
        for key, part in (
            ("report.chart.helps.stress", "stress"),
            ("report.chart.helps.kindness", "kindness"),
        )
    ]
    chart = svg.IntervalRows(
        labels=[_row_name(row) for row in rows],
        panels=panels,
        strong=[row.practice is None for row in rows],
    )
    summary = m.say("web.insights.alt.helps", rows=len(rows))
    headers = [m.say(f"insights.col.{key}") for key in ("practice", "sessions", "stress")]
    headers.append(m.say("insights.col.kindness"))
    table_rows = [
        (_row_name(row), str(row.sessions), change_text(row.stress), change_text(row.kindness))
        for row in rows
    ]
    return drawn(
        "helps",
        title,
        shows,
        summary,
        lambda frame: svg.interval_rows(frame, chart),
        table(title, headers, table_rows),
    )


# --- the program ----------------------------------------------------------------------------


def program_chart(program: Adherence | None, title: str, shows: str) -> Drawn | None:
    if program is None or not any(week.rate is not None for week in program.weeks):
        return None
    first = next(i for i, week in enumerate(program.weeks) if week.rate is not None)
    weeks = program.weeks[first:]
    panel = svg.Panel(
        "",
        [
            svg.Column(
                day_label(week.week_start),
                week.rate,
                m.say("report.chart.program.days", done=week.done, n=week.done + week.not_done),
            )
            for week in weeks
        ],
        top=1.0,
        track=True,
    )
    summary = m.say(
        "web.insights.alt.program", done=program.done, n=program.n, share=percent(program.rate or 0)
    )
    headers = [m.say(f"web.insights.col.{key}") for key in ("week", "done", "not_done", "rest")]
    rows = [(day_label(w.week_start), str(w.done), str(w.not_done), str(w.skipped)) for w in weeks]
    return drawn(
        "program",
        title,
        shows,
        summary,
        lambda frame: svg.column_panels(frame, [panel]),
        table(title, headers, rows),
    )


# --- practice week by week ----------------------------------------------------------------------


def practice_chart(practice: PracticeWeeks, title: str, shows: str) -> Drawn | None:
    if not practice.sessions:
        return None
    panel = svg.Panel(
        "",
        [
            svg.Column(
                day_label(week.week_start),
                week.seconds / 60 if week.sessions else None,
                minutes_text(week.seconds) if week.sessions else "",
            )
            for week in practice.weeks
        ],
    )
    summary = m.say(
        "web.insights.alt.practice",
        sessions=m.count(practice.sessions, "practice_run"),
        minutes=minutes_text(practice.seconds),
    )
    headers = [m.say(f"web.insights.col.{key}") for key in ("week", "sessions", "minutes")]
    rows = [
        (day_label(w.week_start), str(w.sessions), minutes_text(w.seconds))
        for w in practice.weeks
        if w.sessions
    ]
    return drawn(
        "practice",
        title,
        shows,
        summary,
        lambda frame: svg.column_panels(frame, [panel]),
        table(title, headers, rows),
    )
