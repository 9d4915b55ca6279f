"""What the insight metrics share: calendar weeks, and one mood a day."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from kindvoice.domain.insights.inputs import CheckInPoint

WEEK = timedelta(weeks=1)
DAY = timedelta(days=1)


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def window_start(today: date, weeks: int) -> date:
    """The Monday that starts a window of ``weeks`` ISO weeks ending with today's week."""
    if weeks < 1:
        raise ValueError(f"A window needs at least one week, not {weeks}.")
    return monday(today) - WEEK * (weeks - 1)


def daily_moods(checkins: Iterable[CheckInPoint], today: date | None = None) -> dict[date, float]:
    """One mood per day: the mean of that day's check-ins (days after ``today`` left out)."""
    totals: dict[date, list[int]] = defaultdict(list)
    for point in checkins:
        day = point.at.date()
        if today is None or day <= today:
            totals[day].append(point.mood)
    return {day: sum(moods) / len(moods) for day, moods in totals.items()}
