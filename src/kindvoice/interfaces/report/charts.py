"""The report's charts, one function each, drawn with matplotlib's object API on the
Agg canvas (no pyplot, no global state, no display needed).

Each function takes an insight and returns PNG bytes, or None when the insight
hasn't enough data behind it for a chart. matplotlib is imported inside the
functions only, so nothing else in kindvoice pays for it.

The look: a soft off-white background, the terminal's purple (``medium_purple3``)
and grey (``grey62``), no boxes, no legends where a direct label will do, and
text sized to read at 800 pixels wide.
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from kindvoice.interfaces import messages as m
from kindvoice.interfaces.insight_words import help_rows, signed
from kindvoice.interfaces.report.sections import CHART_NAMES, slots_by_name

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from kindvoice.domain.insights.metrics import (
        Adherence,
        CriticFrequency,
        RatingChange,
        Setback,
        SetbackReport,
        TrapMix,
        WhatHelps,
    )
    from kindvoice.services.insights import Insights

# --- the palette -------------------------------------------------------------------------
BACKGROUND = "#fbfaf8"
INK = "#3f3a4a"
SOFT_INK = "#77727f"
ACCENT = "#875fd7"  # medium_purple3
ACCENT_SOFT = "#bba9ea"
BAR = "#9a80df"  # a softer purple for large areas
GREY_BAR = "#c9c6cf"
DEEP = "#5f4b9e"
GREY = "#9e9e9e"  # grey62
GREY_LIGHT = "#e6e3ea"
BAND = "#f1edf8"
SHADE = "#e7dff6"

WIDTH_IN = 8.0
DPI = 160  # 1280 pixels wide: sharp on a phone, readable when shown at 800
TITLE_SIZE = 12.5
LABEL_SIZE = 10.0
SMALL_SIZE = 8.5

MAX_TRAPS = 8
MAX_MONTHS = 12
MAX_WEEK_TICKS = 13
LINE_GAP_DAYS = 7
"""Days without a check-in after which the mood line breaks instead of joining up."""
MARKED_DAYS = 180
"""Up to this many days of mood, each day also gets a small dot."""
LABELLED_WEEKS = 16
"""Up to this many weeks, every point on the critic's line carries its share."""
COUNTED_WEEKS = 26
"""Up to this many weeks, each week shows how many entries were looked at."""


# --- shared pieces ---------------------------------------------------------------------------


def _figure(height: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(WIDTH_IN, height), dpi=DPI, facecolor=BACKGROUND, layout="constrained")


def _png(figure: Figure) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, facecolor=BACKGROUND, metadata={"Software": None})
    return buffer.getvalue()


def _title(figure: Figure, text: str) -> None:
    figure.suptitle(text, x=0.012, ha="left", fontsize=TITLE_SIZE, color=INK)


def _quiet(axes: Axes, *, left: bool = False) -> None:
    """No box, no tick marks; soft grey labels."""
    axes.set_facecolor(BACKGROUND)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(side == "left" and left)
    axes.spines["bottom"].set_color(GREY_LIGHT)
    axes.tick_params(colors=SOFT_INK, labelsize=LABEL_SIZE - 0.5, length=0, pad=5)


def _date_labels(days: Sequence[date], monthly: bool = False) -> list[str]:
    """``5 Oct`` or ``Oct``, with the year beneath where a year begins (and beneath the
    first label, unless the next one already starts a new year: two years side by side
    would run into each other)."""
    labels: list[str] = []
    for index, day in enumerate(days):
        text = f"{day:%b}" if monthly else f"{day.day} {day:%b}"
        if index == 0:
            starts_next = len(days) > 1 and days[1].year != day.year
            with_year = not starts_next
        else:
            with_year = days[index - 1].year != day.year
        labels.append(f"{text}\n{day.year}" if with_year else text)
    return labels


def _every(count: int, most: int) -> int:
    """The step that keeps ``count`` ticks down to ``most``."""
    return max(1, math.ceil(count / most))


# --- (a) the inner critic, week by week ------------------------------------------------------


def critic_chart(critic: CriticFrequency, title: str) -> bytes | None:
    """The weekly share of self-critical entries as a line with points, on a soft
    0–100% band; each point labelled with its share, each week with its count."""
    if not critic.enough:
        return None
    first = next(index for index, week in enumerate(critic.weeks) if week.share is not None)
    weeks = critic.weeks[first:]  # from the first week kindvoice looked at an entry
    xs = list(range(len(weeks)))
    ys = [math.nan if week.share is None else week.share * 100 for week in weeks]
    figure = _figure(3.4)
    _title(figure, title)
    axes = figure.add_subplot()
    _quiet(axes)
    axes.axhspan(0, 100, color=BAND, zorder=0, linewidth=0)
    axes.plot(
        xs,
        ys,
        color=ACCENT,
        linewidth=2.2,
        marker="o",
        markersize=6.5,
        markerfacecolor=ACCENT,
        markeredgecolor=BACKGROUND,
        markeredgewidth=1.2,
        zorder=3,
        solid_capstyle="round",
    )
    shown = [(x, y) for x, y in zip(xs, ys, strict=True) if not math.isnan(y)]
    labelled = set(xs)
    if len(xs) > LABELLED_WEEKS:  # too many to label each: the ends, the highest, the lowest
        values = [y for _, y in shown]
        keep = {shown[0][0], shown[-1][0], shown[values.index(max(values))][0]}
        keep.add(shown[values.index(min(values))][0])
        labelled = keep
    for x, y in shown:
        if x in labelled:
            below = _neighbours_above(ys, x)
            axes.annotate(
                f"{round(y)}%",
                (x, y),
                xytext=(0, -10 if below else 9),
                textcoords="offset points",
                ha="center",
                va="top" if below else "bottom",
                fontsize=SMALL_SIZE + 0.5,
                color=DEEP,
                zorder=4,
            )
    for x, week in zip(xs, weeks, strict=True):
        if week.judged and len(xs) <= COUNTED_WEEKS:
            axes.text(
                x,
                -11,
                str(week.judged),
                ha="center",
                va="center",
                fontsize=SMALL_SIZE - 0.5,
                color=GREY,
            )
    axes.text(
        -0.75,
        -11,
        m.say("report.chart.critic.entries"),
        ha="right",
        va="center",
        fontsize=SMALL_SIZE - 0.5,
        color=GREY,
    )
    axes.set_ylim(-18, 116)
    axes.set_yticks([0, 50, 100], ["0%", "50%", "100%"])
    axes.set_xlim(-0.6, len(xs) - 0.4)
    step = _every(len(xs), MAX_WEEK_TICKS)
    ticks = xs[::step]
    axes.set_xticks(ticks, _date_labels([weeks[x].week_start for x in ticks]))
    axes.spines["bottom"].set_visible(False)
    return _png(figure)


def _neighbours_above(ys: Sequence[float], x: int) -> bool:
    """Whether the line comes in from above on average, so a label fits better below."""
    around = [ys[i] for i in (x - 1, x + 1) if 0 <= i < len(ys) and not math.isnan(ys[i])]
    return bool(around) and sum(around) / len(around) > ys[x] and ys[x] > 8


# --- (b) thinking traps ----------------------------------------------------------------------


def traps_chart(traps: TrapMix, title: str) -> bytes | None:
    """Horizontal bars of each trap's share, most common at the top; two bars a trap
    (earlier in grey, recently in purple) when both halves have enough."""
    rows = [t for t in traps.traps if t.share is not None][:MAX_TRAPS]
    if not traps.enough or not rows:
        return None
    halves = traps.change_enough
    figure = _figure(1.0 + (0.56 if halves else 0.42) * len(rows))
    _title(figure, title)
    axes = figure.add_subplot()
    _quiet(axes)
    ys = list(range(len(rows)))[::-1]
    most = 0.0
    for y, row in zip(ys, rows, strict=True):
        bars: tuple[tuple[float, float, str, str], ...]
        if halves:
            bars = (
                (y + 0.2, row.earlier_share or 0.0, GREY_BAR, m.say("report.chart.traps.earlier")),
                (y - 0.2, row.later_share or 0.0, BAR, m.say("report.chart.traps.later")),
            )
            height = 0.36
        else:
            bars = ((float(y), row.share or 0.0, BAR, ""),)
            height = 0.6
        for position, share, colour, name in bars:
            most = max(most, share)
            axes.barh(position, share, height=height, color=colour, linewidth=0)
            text = f"{round(share * 100)}%"
            if name and y == ys[0]:
                text += f"  {name}"  # the top trap names its two bars: no legend needed
            axes.text(
                share,
                position,
                "  " + text,
                va="center",
                ha="left",
                fontsize=SMALL_SIZE + 0.5,
                color=INK if colour == BAR else SOFT_INK,
            )
    axes.set_yticks(ys, [m.trap_name(row.trap) for row in rows])
    axes.tick_params(axis="y", labelcolor=INK, labelsize=LABEL_SIZE)
    axes.set_xticks([])
    axes.set_xlim(0, max(most, 0.05) * 1.45)
    axes.set_ylim(-0.6, len(rows) - 0.4)
    axes.spines["bottom"].set_visible(False)
    return _png(figure)


# --- (c) mood over time, with setbacks -------------------------------------------------------


def mood_chart(
    moods: Sequence[tuple[date, float]], report: SetbackReport, title: str
) -> bytes | None:
    """Daily mood as a line with small points (broken over long gaps), setbacks shaded
    with the usual level they were measured against dotted, and a ring on the day mood
    came back. The most recent setback is named in words, low down beside it."""
    if not report.enough or not moods:
        return None
    first, last = moods[0][0], moods[-1][0]
    xs: list[float] = []
    ys: list[float] = []
    previous: date | None = None
    for day, mood in moods:
        if previous is not None and (day - previous).days > LINE_GAP_DAYS:
            xs.append(math.nan)
            ys.append(math.nan)
        xs.append(day.toordinal())
        ys.append(mood)
        previous = day
    figure = _figure(3.5)
    _title(figure, title)
    axes = figure.add_subplot()
    _quiet(axes)
    for level in (0, 5, 10):
        axes.axhline(level, color=GREY_LIGHT, linewidth=0.8, zorder=0)
    axes.plot(
        xs,
        ys,
        color=ACCENT,
        linewidth=1.5,
        marker="o" if len(moods) <= MARKED_DAYS else "",
        markersize=3,
        zorder=3,
    )
    mood_on = dict(moods)
    for setback in report.setbacks:
        end = setback.recovered_on or last
        left, right = setback.start.toordinal() - 0.5, end.toordinal() + 0.5
        axes.axvspan(left, right, color=SHADE, zorder=1, linewidth=0)
        axes.hlines(
            setback.baseline, left, right, colors=DEEP, linestyles=":", linewidth=1.6, zorder=2
        )
        if setback.recovered_on is not None:
            axes.plot(
                setback.recovered_on.toordinal(),
                mood_on.get(setback.recovered_on, setback.baseline),
                marker="o",
                markersize=10,
                markerfacecolor="none",
                markeredgecolor=DEEP,
                markeredgewidth=1.6,
                zorder=4,
            )
    if report.setbacks:
        _label_latest(axes, report.setbacks[-1], first, last)
    axes.set_ylim(-0.4, 10.6)
    axes.set_yticks([0, 5, 10])
    axes.set_xlim(first.toordinal() - 1.5, last.toordinal() + 1.5)
    ticks = _day_ticks(first, last)
    axes.set_xticks([day.toordinal() for day in ticks], _date_labels(ticks, _monthly(first, last)))
    axes.spines["bottom"].set_visible(False)
    return _png(figure)


def _label_latest(axes: Axes, setback: Setback, first: date, last: date) -> None:
    """Name the most recent setback in words, low down beside its shading, where the
    mood line seldom goes."""
    if setback.recovery_days is None:
        words = m.say("report.chart.mood.ongoing")
    elif setback.recovery_days == 1:
        words = m.say("report.chart.mood.back_one")
    else:
        words = m.say("report.chart.mood.back", days=setback.recovery_days)
    end = setback.recovered_on or last
    span = max(1, last.toordinal() - first.toordinal())
    near_end = (end.toordinal() - first.toordinal()) / span > 0.6
    x = setback.start.toordinal() - 1.5 if near_end else end.toordinal() + 1.5
    axes.text(
        x,
        0.6,
        words,
        ha="right" if near_end else "left",
        va="center",
        fontsize=SMALL_SIZE,
        color=DEEP,
        zorder=5,
    )


def _monthly(first: date, last: date) -> bool:
    return (last - first).days > 100


def _day_ticks(first: date, last: date) -> list[date]:
    """Mondays every week or few for a short span, first days of months for a long one."""
    if not _monthly(first, last):
        monday = first + timedelta(days=-first.weekday() % 7)
        mondays = []
        while monday <= last:
            mondays.append(monday)
            monday += timedelta(weeks=1)
        return mondays[:: _every(len(mondays), 8)] or [first]
    months = []
    month = (first.replace(day=1) + timedelta(days=32)).replace(day=1)
    while month <= last:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return months[:: _every(len(months), 10)] or [first]


# --- (d) what helps -------------------------------------------------------------------------


def helps_chart(helps: WhatHelps, title: str) -> bytes | None:
    """For each kind of practice (and each practice with enough sessions): the mean
    change in stress and in self-kindness as a point with 95% interval whiskers,
    side by side, each with a zero line."""
    rows = help_rows(helps)
    if not any(row.stress.enough or row.kindness.enough for row in rows):
        return None
    figure = _figure(max(2.6, 1.35 + 0.5 * len(rows)))
    _title(figure, title)
    stress_axes, kindness_axes = figure.subplots(1, 2, sharey=True, sharex=True)
    reach = 1.0
    for row in rows:
        for change in (row.stress, row.kindness):
            if change.change is not None:
                reach = max(reach, abs(change.change.low), abs(change.change.high))
    ys = list(range(len(rows)))[::-1]
    panels = (
        (stress_axes, "report.chart.helps.stress", [row.stress for row in rows]),
        (kindness_axes, "report.chart.helps.kindness", [row.kindness for row in rows]),
    )
    for axes, key, changes in panels:
        _quiet(axes)
        axes.set_title(m.say(key), loc="left", fontsize=LABEL_SIZE, color=INK, pad=8)
        axes.axvline(0, color=GREY, linewidth=1.0, zorder=1)
        for y, row, change in zip(ys, rows, changes, strict=True):
            _help_point(axes, y, change, kind=row.practice is None)
        axes.spines["bottom"].set_visible(False)
        axes.tick_params(axis="x", labelsize=SMALL_SIZE)
    limit = reach * 1.3
    step = 1 if limit <= 3.5 else 2 if limit <= 7 else 5
    ticks = [t for t in range(-10, 11, step) if abs(t) <= limit * 0.8]
    stress_axes.set_xlim(-limit, limit)
    stress_axes.set_xticks(ticks)
    _space_panels(figure)
    stress_axes.set_ylim(-0.7, len(rows) - 0.3)
    labels = [
        f"{m.say(f'insights.kind.{row.kind}') if row.practice is None else row.practice}"
        f" ({row.sessions})"
        for row in rows
    ]
    stress_axes.set_yticks(ys, labels)
    for label, row in zip(stress_axes.get_yticklabels(), rows, strict=True):
        label.set_color(INK if row.practice is None else SOFT_INK)
        label.set_fontsize(LABEL_SIZE if row.practice is None else SMALL_SIZE + 0.5)
    return _png(figure)


def _space_panels(figure: Figure) -> None:
    """A little air between two panels side by side, so their labels never meet."""
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    engine = figure.get_layout_engine()
    if isinstance(engine, ConstrainedLayoutEngine):
        engine.set(wspace=0.08)


def _help_point(axes: Axes, y: float, change: RatingChange, *, kind: bool) -> None:
    found = change.change
    if found is None:
        axes.text(
            0,
            y,
            m.say("insights.helps.few", have=change.n),
            ha="center",
            va="center",
            fontsize=SMALL_SIZE - 0.5,
            color=SOFT_INK,
            zorder=3,
            bbox={"facecolor": BACKGROUND, "edgecolor": "none", "pad": 1.5},
        )
        return
    colour = ACCENT if kind else ACCENT_SOFT
    axes.errorbar(
        found.mean,
        y,
        xerr=[[found.mean - found.low], [found.high - found.mean]],
        fmt="o",
        color=colour,
        ecolor=colour,
        elinewidth=2.0,
        capsize=0,
        markersize=7 if kind else 6,
        markeredgecolor=BACKGROUND,
        zorder=3,
    )
    axes.annotate(
        signed(found.mean),
        (found.mean, y),
        xytext=(0, 7),
        textcoords="offset points",
        ha="center",
        va="bottom",
        fontsize=SMALL_SIZE,
        color=DEEP if kind else SOFT_INK,
        zorder=4,
    )


# --- (e) setbacks, month by month -----------------------------------------------------------


def setbacks_chart(report: SetbackReport, title: str) -> bytes | None:
    """Two small bar charts side by side, one bar a month: how deep the recovered
    setbacks went on average, and the median days mood took to come back."""
    months = report.months[-MAX_MONTHS:]
    if not report.enough or not any(month.mean_reactivity is not None for month in months):
        return None
    figure = _figure(3.0)
    _title(figure, title)
    depth_axes, days_axes = figure.subplots(1, 2)
    xs = list(range(len(months)))
    labels = _date_labels([month.month for month in months], monthly=True)
    panels = (
        (
            depth_axes,
            "report.chart.setbacks.depth",
            [month.mean_reactivity for month in months],
            BAR,
            "{:.1f}",
        ),
        (
            days_axes,
            "report.chart.setbacks.days",
            [month.median_recovery_days for month in months],
            ACCENT_SOFT,
            "{:g}",
        ),
    )
    for axes, key, values, colour, shape in panels:
        _quiet(axes)
        axes.set_title(m.say(key), loc="left", fontsize=LABEL_SIZE, color=INK, pad=8)
        top = max((value for value in values if value is not None), default=1.0)
        for x, value, month in zip(xs, values, months, strict=True):
            if value is None:
                gap = "report.chart.setbacks.none" if not month.count else "report.chart.ongoing"
                axes.text(
                    x,
                    0.02 * top,
                    m.say(gap),
                    ha="center",
                    va="bottom",
                    color=SOFT_INK,
                    fontsize=SMALL_SIZE - 0.5,
                )
                continue
            axes.bar(x, value, width=0.62, color=colour, linewidth=0)
            axes.text(
                x,
                value + top * 0.04,
                shape.format(value),
                ha="center",
                va="bottom",
                fontsize=SMALL_SIZE,
                color=INK,
            )
        axes.set_ylim(0, top * 1.28)
        axes.set_yticks([])
        axes.set_xlim(-0.6, len(xs) - 0.4)
        axes.set_xticks(xs, labels)
        axes.tick_params(axis="x", labelsize=SMALL_SIZE if len(xs) > 6 else LABEL_SIZE - 0.5)
    _space_panels(figure)
    return _png(figure)


# --- (f) the program, week by week ----------------------------------------------------------


def program_chart(program: Adherence | None, title: str) -> bytes | None:
    """One bar a week: the share of program days practised, on a pale full-height
    track, labelled with the days themselves (``5 of 7``)."""
    if program is None or not any(week.rate is not None for week in program.weeks):
        return None
    first = next(index for index, week in enumerate(program.weeks) if week.rate is not None)
    weeks = program.weeks[first:]  # no empty weeks from before the program began
    figure = _figure(2.9)
    _title(figure, title)
    axes = figure.add_subplot()
    _quiet(axes)
    xs = list(range(len(weeks)))
    for x, week in zip(xs, weeks, strict=True):
        if week.rate is None:
            continue
        axes.bar(x, 1.0, width=0.5, color=GREY_LIGHT, linewidth=0, zorder=1)
        axes.bar(x, week.rate, width=0.5, color=BAR, linewidth=0, zorder=2)
        axes.text(
            x,
            1.04,
            m.say("report.chart.program.days", done=week.done, n=week.done + week.not_done),
            ha="center",
            va="bottom",
            fontsize=SMALL_SIZE + 0.5,
            color=INK,
        )
    axes.set_ylim(0, 1.2)
    axes.set_yticks([])
    axes.set_xlim(-0.6, len(xs) - 0.4)
    axes.set_xticks(xs, _date_labels([week.week_start for week in weeks]))
    axes.spines["bottom"].set_visible(False)
    return _png(figure)


# --- all of them ----------------------------------------------------------------------------


def draw_all(found: Insights, moods: Sequence[tuple[date, float]]) -> dict[str, bytes | None]:
    """Every chart of the report by name (``CHART_NAMES``, in order), None where the
    insight lacks enough data."""
    slots = slots_by_name(found)
    drawn: Mapping[str, bytes | None] = {
        "critic": critic_chart(found.critic, slots["critic"].title),
        "traps": traps_chart(found.traps, slots["traps"].title),
        "mood": mood_chart(moods, found.setbacks, slots["mood"].title),
        "setbacks": setbacks_chart(found.setbacks, slots["setbacks"].title),
        "helps": helps_chart(found.helps, slots["helps"].title),
        "program": program_chart(found.program, slots["program"].title),
    }
    return {name: drawn[name] for name in CHART_NAMES}
