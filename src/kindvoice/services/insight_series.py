"""The series behind the web app's insight charts, gathered with every insight from one read.

Beside ``services.insights`` (the metrics themselves), this gives what a page draws, from
the same lean read of the points (``insights.load_points``): the daily mood with the usual
level it is measured against (the setbacks' baseline: the median of the 28 days before,
once 7 of them have a check-in), and practice week by week (sessions and minutes), so even
one short session shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from kindvoice.domain.insights.common import WEEK, window_start
from kindvoice.domain.insights.metrics import BASELINE_DAYS, MIN_BASELINE_DAYS
from kindvoice.domain.insights.stats import rolling_median
from kindvoice.services.insights import Insights, compute_points, daily_moods, load_points
from kindvoice.services.wiring import Context


@dataclass(frozen=True)
class MoodDay:
    """One day with a check-in: its mood (the mean of the day's check-ins) and the usual
    level before it (None until 7 of the 28 days before it have a check-in)."""

    day: date
    mood: float
    usual: float | None


@dataclass(frozen=True)
class PracticeWeek:
    """One ISO week: the practice sessions started in it and their length in seconds."""

    week_start: date
    sessions: int
    seconds: float


@dataclass(frozen=True)
class PracticeWeeks:
    """Practice over the window, week by week, oldest first; ``this_week`` is the last."""

    weeks: tuple[PracticeWeek, ...]
    sessions: int
    seconds: float

    @property
    def this_week(self) -> PracticeWeek:
        return self.weeks[-1]


@dataclass(frozen=True)
class InsightSeries:
    """Every insight, and the series a page draws beside them."""

    found: Insights
    moods: tuple[MoodDay, ...]
    practice: PracticeWeeks


def gather(ctx: Context, weeks: int = 12) -> InsightSeries:
    """Read the person's records once: every insight, the daily moods with their usual
    level, and practice by week over the last ``weeks`` weeks."""
    points = load_points(ctx)
    today = ctx.clock.now().date()
    found = compute_points(points, today, weeks)
    return InsightSeries(
        found=found,
        moods=usual_moods(daily_moods(points.checkins, today)),
        practice=practice_weeks(
            ((session.at, session.seconds) for session in points.sessions),
            today,
            found.weeks,
        ),
    )


def usual_moods(moods: Sequence[tuple[date, float]]) -> tuple[MoodDay, ...]:
    """Each day's mood with its usual level: the setbacks' baseline (the median of the
    ``BASELINE_DAYS`` before it, given ``MIN_BASELINE_DAYS`` with a check-in)."""
    days = [day.toordinal() for day, _ in moods]
    values = [mood for _, mood in moods]
    spreads = rolling_median(days, values, BASELINE_DAYS, MIN_BASELINE_DAYS)
    return tuple(
        MoodDay(day, mood, None if spread is None else spread.median)
        for (day, mood), spread in zip(moods, spreads, strict=True)
    )


def practice_weeks(
    sessions: Iterable[tuple[datetime, float]], today: date, weeks: int
) -> PracticeWeeks:
    """Sessions and seconds practised in each of the last ``weeks`` ISO weeks up to today
    (on the date where each session started; later ones left out)."""
    first = window_start(today, weeks)
    counts = [0] * weeks
    seconds = [0.0] * weeks
    for started, length in sessions:
        day = started.date()
        if first <= day <= today:
            index = (day - first).days // 7
            counts[index] += 1
            seconds[index] += max(0.0, length)
    rows = tuple(
        PracticeWeek(first + WEEK * index, counts[index], seconds[index]) for index in range(weeks)
    )
    return PracticeWeeks(rows, sum(counts), sum(seconds))
