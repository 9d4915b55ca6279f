"""The Insights page's charts from the journal and check-ins: how often the critic spoke up,
the thinking traps, the kinder answers' drop in belief, mood day by day with its setbacks, and
setbacks month by month."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from kindvoice.domain.insights.metrics import (
    Believability,
    CriticFrequency,
    SetbackReport,
    TrapMix,
)
from kindvoice.interfaces import messages as m
from kindvoice.interfaces.insight_words import percent
from kindvoice.interfaces.web import svg_charts as svg
from kindvoice.interfaces.web.charts import Drawn, day_label, drawn, month_label, table, thin
from kindvoice.services.insight_series import MoodDay

MAX_TRAPS = 8
MAX_MONTHS = 12
LINE_GAP_DAYS = 7
"""Days without a check-in after which the mood line breaks instead of joining up."""


# --- the inner critic -------------------------------------------------------------------------


def critic_chart(critic: CriticFrequency, title: str, shows: str) -> Drawn | None:
    if not critic.enough:
        return None
    first = next(i for i, week in enumerate(critic.weeks) if week.share is not None)
    weeks = critic.weeks[first:]
    points = [(float(i), None if w.share is None else w.share * 100) for i, w in enumerate(weeks)]
    shares = [w.share for w in weeks if w.share is not None]
    labels = [
        (x, y, f"{round(y)}%")
        for x, y in points
        if y is not None and len(weeks) <= svg.LABEL_ALL_UP_TO
    ]
    step = thin(len(weeks), 8)
    ticks = [svg.Tick(float(i), day_label(w.week_start)) for i, w in enumerate(weeks)][::step]
    latest = next(w for w in reversed(weeks) if w.share is not None)
    summary = m.say(
        "web.insights.alt.critic",
        low=percent(min(shares)),
        high=percent(max(shares)),
        latest=percent(latest.share or 0.0),
    )
    rows = [
        (
            day_label(w.week_start),
            str(w.judged),
            str(w.self_critical),
            "·" if w.share is None else percent(w.share),
        )
        for w in weeks
    ]
    headers = [m.say(f"web.insights.col.{key}") for key in ("week", "judged", "critical", "share")]
    return drawn(
        "critic",
        title,
        shows,
        summary,
        lambda frame: svg.line_chart(
            frame,
            [svg.Series(points, labels=labels)],
            y_range=(0, 100),
            y_ticks=[svg.Tick(v, f"{v}%") for v in (0, 50, 100)],
            x_ticks=ticks,
            x_range=(0, max(1, len(weeks) - 1)),
        ),
        table(title, headers, rows),
    )


# --- thinking traps ---------------------------------------------------------------------------


def traps_chart(traps: TrapMix, title: str, shows: str) -> Drawn | None:
    rows = [t for t in traps.traps if t.share is not None][:MAX_TRAPS]
    if not traps.enough or not rows:
        return None
    halves = traps.change_enough
    earlier, later = m.say("report.chart.traps.earlier"), m.say("report.chart.traps.later")
    bar_rows = []
    for index, row in enumerate(rows):
        if halves:
            before, after = row.earlier_share or 0.0, row.later_share or 0.0
            tail = (f" {earlier}", f" {later}") if index == 0 else ("", "")
            bars: tuple[svg.Bar, ...] = (
                svg.Bar(before, percent(before) + tail[0], soft=True),
                svg.Bar(after, percent(after) + tail[1]),
            )
        else:
            bars = (svg.Bar(row.share or 0.0, percent(row.share or 0.0)),)
        bar_rows.append(svg.BarRow(m.trap_name(row.trap), bars))
    summary = m.say(
        "web.insights.alt.traps", trap=m.trap_name(rows[0].trap), share=percent(rows[0].share or 0)
    )
    headers = [m.say("web.insights.col.trap"), m.say("web.insights.col.entries")]
    headers.append(m.say("web.insights.col.share"))
    if halves:
        headers += [earlier, later]
    table_rows = []
    for row in rows:
        cells = [m.trap_name(row.trap), str(row.count), percent(row.share or 0.0)]
        if halves:
            cells += [percent(row.earlier_share or 0.0), percent(row.later_share or 0.0)]
        table_rows.append(cells)
    return drawn(
        "traps",
        title,
        shows,
        summary,
        lambda frame: svg.bar_rows(frame, bar_rows),
        table(title, headers, table_rows),
    )


# --- kinder answers ---------------------------------------------------------------------------


def belief_chart(belief: Believability, title: str, shows: str) -> Drawn | None:
    drop = belief.drop
    if drop is None:
        return None
    label = m.say("web.insights.belief_row", n=drop.n)
    chart = svg.IntervalRows(
        labels=[label],
        panels=[
            svg.IntervalPanel(
                "", [svg.Estimate(drop.mean, drop.low, drop.high, f"{drop.mean:.0f}")]
            )
        ],
        strong=[True],
    )
    summary = m.say(
        "web.insights.alt.belief",
        mean=f"{drop.mean:.0f}",
        low=f"{drop.low:.0f}",
        high=f"{drop.high:.0f}",
    )
    headers = [m.say(f"web.insights.col.{key}") for key in ("answers", "drop", "low", "high")]
    rows = [(str(drop.n), f"{drop.mean:.1f}", f"{drop.low:.1f}", f"{drop.high:.1f}")]
    return drawn(
        "belief",
        title,
        shows,
        summary,
        lambda frame: svg.interval_rows(frame, chart),
        table(title, headers, rows),
    )


# --- mood, with setbacks -----------------------------------------------------------------------


def mood_chart(
    moods: Sequence[MoodDay], report: SetbackReport, first: date, title: str, shows: str
) -> Drawn | None:
    """Daily mood over the window, the usual level as a soft dashed line, setbacks shaded
    with the level they were measured against, a ring on the day mood came back."""
    shown = [day for day in moods if day.day >= first]
    if not report.enough or not shown:
        return None
    start, last = shown[0].day, shown[-1].day
    points = [(float(d.day.toordinal()), d.mood) for d in shown]
    usual = [(float(d.day.toordinal()), d.usual) for d in shown]
    mood_on = {d.day: d.mood for d in shown}
    bands = []
    rings = []
    for setback in report.setbacks:
        end = setback.recovered_on or last
        if end < start:
            continue
        left = max(setback.start, start)
        bands.append(
            svg.Band(left.toordinal() - 0.5, end.toordinal() + 0.5, level=setback.baseline)
        )
        if setback.recovered_on is not None and setback.recovered_on in mood_on:
            rings.append((float(setback.recovered_on.toordinal()), mood_on[setback.recovered_on]))
    values = [d.mood for d in shown]
    usual_now = next((d.usual for d in reversed(shown) if d.usual is not None), None)
    params = {"days": len(shown), "low": f"{min(values):g}", "high": f"{max(values):g}"}
    if usual_now is None:
        summary = m.say("web.insights.alt.mood", **params)
    else:
        summary = m.say("web.insights.alt.mood_usual", usual=f"{usual_now:.1f}", **params)
    headers = [m.say(f"web.insights.col.{key}") for key in ("day", "mood", "usual")]
    rows = [
        (day_label(d.day), f"{d.mood:.1f}", "·" if d.usual is None else f"{d.usual:.1f}")
        for d in shown
    ]
    ticks = [svg.Tick(float(day.toordinal()), label) for day, label in _day_ticks(start, last)]
    return drawn(
        "mood",
        title,
        shows,
        summary,
        lambda frame: svg.line_chart(
            frame,
            [
                svg.Series(usual, soft=True, dots=False, gap=LINE_GAP_DAYS),
                svg.Series(points, dots=len(shown) <= 120, gap=LINE_GAP_DAYS),
            ],
            y_range=(0, 10),
            y_ticks=[svg.Tick(v, str(v)) for v in (0, 5, 10)],
            x_ticks=ticks,
            x_range=(start.toordinal() - 0.5, last.toordinal() + 0.5),
            bands=bands,
            rings=rings,
            height=250,
        ),
        table(title, headers, rows),
    )


def _day_ticks(first: date, last: date) -> list[tuple[date, str]]:
    """Mondays for a short span, the first of each month for a long one; eight at most."""
    if (last - first).days <= 100:
        day = first + timedelta(days=-first.weekday() % 7)
        found = []
        while day <= last:
            found.append((day, day_label(day)))
            day += timedelta(weeks=1)
    else:
        found = []
        month = (first.replace(day=1) + timedelta(days=32)).replace(day=1)
        while month <= last:
            found.append((month, f"{month:%b}"))
            month = (month + timedelta(days=32)).replace(day=1)
    return found[:: thin(len(found), 8)] or [(first, day_label(first))]


# --- setbacks month by month --------------------------------------------------------------------


def setbacks_chart(report: SetbackReport, title: str, shows: str) -> Drawn | None:
    months = report.months[-MAX_MONTHS:]
    if not report.enough or not any(month.mean_reactivity is not None for month in months):
        return None

    def empty(count: int) -> str:
        return m.say("report.chart.setbacks.none" if not count else "report.chart.ongoing")

    depth = svg.Panel(
        m.say("report.chart.setbacks.depth"),
        [
            svg.Column(
                f"{month.month:%b}",
                month.mean_reactivity,
                "" if month.mean_reactivity is None else f"{month.mean_reactivity:.1f}",
                empty(month.count),
            )
            for month in months
        ],
    )
    days = svg.Panel(
        m.say("report.chart.setbacks.days"),
        [
            svg.Column(
                f"{month.month:%b}",
                month.median_recovery_days,
                "" if month.median_recovery_days is None else f"{month.median_recovery_days:g}",
                empty(month.count),
            )
            for month in months
        ],
        soft=True,
    )
    summary = m.say(
        "web.insights.alt.setbacks",
        months=len(months),
        count=sum(month.count for month in months),
    )
    headers = [m.say(f"insights.col.{key}") for key in ("month", "setbacks", "drop", "recovery")]
    rows = [
        (
            month_label(month.month),
            str(month.count),
            "·" if month.mean_reactivity is None else f"{month.mean_reactivity:.1f}",
            "·" if month.median_recovery_days is None else f"{month.median_recovery_days:g}",
        )
        for month in months
    ]
    return drawn(
        "setbacks",
        title,
        shows,
        summary,
        lambda frame: svg.column_panels(frame, [depth, days]),
        table(title, headers, rows),
    )
