"""Setbacks in mood, how deep they went and how quickly mood came back.

Setbacks: reactivity and recovery
---------------------------------
- **Daily mood**: one value per day, the mean of that day's check-ins. Days
  without a check-in are simply absent, never filled in.
- **Baseline** for day *d*: the median of the daily moods in the 28 days before
  *d* (*d* itself left out). It needs at least 7 such days; otherwise *d* has no
  baseline and no setback can start on it.
- **Band**: half-width = max(1.0, 1.4826 × MAD of those same days), where MAD is
  the median absolute deviation from their median.
- **A setback starts** on a day whose mood is below baseline − half-width *and*
  at least 2 points below the baseline. Its baseline and band are frozen at that
  day.
- **It lasts** while the following days with data stay below the frozen
  baseline − half-width: consecutive days below the band belong to the same
  setback, however many days without data lie between them.
- **Reactivity** = the frozen baseline − the lowest daily mood in the setback.
- **Recovery time** = calendar days from the setback's first day to the first
  later day with data whose mood is back at or above the frozen baseline −
  half-width. That day ends the setback and cannot start a new one; the next
  setback can start from the day after.
- **Ongoing**: a setback not yet recovered by the last day with data has no
  recovery time and is counted apart.
- **By month** (the calendar month where a setback started): how many started
  (ongoing included), how many are ongoing, the mean reactivity and the median
  recovery days of the recovered ones. The trends of monthly reactivity and
  recovery need at least 3 months with recovered setbacks.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from kindvoice.domain.insights.common import daily_moods
from kindvoice.domain.insights.inputs import CheckInPoint
from kindvoice.domain.insights.stats import MAD_TO_SD, Spread, Trend, rolling_median, trend

BASELINE_DAYS = 28
"""The days before a day whose moods make its baseline."""
MIN_BASELINE_DAYS = 7
"""Days with data among those before a day has a baseline."""
MIN_HALF_WIDTH = 1.0
"""The narrowest band around the baseline, in mood points."""
MIN_SETBACK_DROP = 2.0
"""How far below the baseline, at least, a setback's first day is (mood points)."""
MIN_MONTHS_FOR_TREND = 3
"""Months with recovered setbacks before the trends of reactivity and recovery are given."""
REACTIVITY_FLAT_BAND = 0.5
"""Reactivity's trend is flat when it changes by under half a mood point across its span."""
RECOVERY_FLAT_BAND = 1.0
"""Recovery's trend is flat when it changes by under a day across its span."""


# --- setbacks: reactivity and recovery --------------------------------------------------


@dataclass(frozen=True)
class Setback:
    """One setback, as defined in the module docstring.

    ``baseline`` and ``half_width`` are frozen at ``start``; ``days_below`` counts the
    days with data in the setback; ``recovered_on`` and ``recovery_days`` are None
    while it is ``ongoing``.
    """

    start: date
    baseline: float
    half_width: float
    lowest: float
    reactivity: float
    days_below: int
    recovered_on: date | None
    recovery_days: int | None
    ongoing: bool


@dataclass(frozen=True)
class MonthSetbacks:
    """One calendar month (``month`` is its first day), from the first month with data
    to the last. ``count`` is the setbacks that started in it, ``ongoing`` included;
    the mean reactivity and median recovery are of its recovered setbacks (None
    without any)."""

    month: date
    days_with_data: int
    count: int
    ongoing: int
    mean_reactivity: float | None
    median_recovery_days: float | None


@dataclass(frozen=True)
class SetbackReport:
    """Setbacks and recovery over all the mood data up to today.

    ``n`` is the days with a mood. ``enough`` is False when no day had a baseline
    (``MIN_BASELINE_DAYS`` days with data in the ``BASELINE_DAYS`` before it); then
    ``setbacks`` and ``months`` are empty. The trends need ``MIN_MONTHS_FOR_TREND``
    months with recovered setbacks (``trend_enough``).
    """

    setbacks: tuple[Setback, ...]
    months: tuple[MonthSetbacks, ...]
    n: int
    enough: bool
    recovered: int
    ongoing: int
    months_with_recoveries: int
    trend_enough: bool
    reactivity_trend: Trend | None
    recovery_trend: Trend | None


def setbacks(checkins: Iterable[CheckInPoint], today: date) -> SetbackReport:
    """Find the setbacks in the daily moods up to ``today`` and how quickly mood came back.

    The exact definition is in the module docstring (and ``docs/insights.md``).
    """
    moods_by_day = daily_moods(checkins, today)
    days = sorted(moods_by_day)
    moods = [moods_by_day[day] for day in days]
    spreads = rolling_median(
        [day.toordinal() for day in days], moods, BASELINE_DAYS, MIN_BASELINE_DAYS
    )
    found = _find_setbacks(days, moods, spreads)
    enough = any(spread is not None for spread in spreads)
    if not enough:
        return SetbackReport(
            setbacks=(),
            months=(),
            n=len(days),
            enough=False,
            recovered=0,
            ongoing=0,
            months_with_recoveries=0,
            trend_enough=False,
            reactivity_trend=None,
            recovery_trend=None,
        )
    months = _by_month(days, found)
    xs: list[float] = []
    reactivities: list[float] = []
    recoveries: list[float] = []
    for month in months:
        if month.mean_reactivity is not None and month.median_recovery_days is not None:
            xs.append(month.month.toordinal())
            reactivities.append(month.mean_reactivity)
            recoveries.append(month.median_recovery_days)
    trend_enough = len(xs) >= MIN_MONTHS_FOR_TREND
    reactivity_trend = recovery_trend = None
    if trend_enough:
        reactivity_trend = trend(xs, reactivities, REACTIVITY_FLAT_BAND)
        recovery_trend = trend(xs, recoveries, RECOVERY_FLAT_BAND)
    ongoing = sum(setback.ongoing for setback in found)
    return SetbackReport(
        setbacks=tuple(found),
        months=months,
        n=len(days),
        enough=True,
        recovered=len(found) - ongoing,
        ongoing=ongoing,
        months_with_recoveries=len(xs),
        trend_enough=trend_enough,
        reactivity_trend=reactivity_trend,
        recovery_trend=recovery_trend,
    )


def _find_setbacks(
    days: Sequence[date], moods: Sequence[float], spreads: Sequence[Spread | None]
) -> list[Setback]:
    found: list[Setback] = []
    start = -1  # index of the current setback's first day; -1 when none
    baseline = half_width = lowest = 0.0
    for index, mood in enumerate(moods):
        if start >= 0:
            if mood < baseline - half_width:
                lowest = min(lowest, mood)
                continue
            found.append(_setback(days, start, index, baseline, half_width, lowest))
            start = -1
            continue  # the day of recovery does not start a new setback
        spread = spreads[index]
        if spread is None:
            continue
        width = max(MIN_HALF_WIDTH, MAD_TO_SD * spread.mad)
        if mood < spread.median - width and spread.median - mood >= MIN_SETBACK_DROP:
            start, baseline, half_width, lowest = index, spread.median, width, mood
    if start >= 0:
        found.append(_setback(days, start, len(days), baseline, half_width, lowest))
    return found


def _setback(
    days: Sequence[date],
    start: int,
    end: int,
    baseline: float,
    half_width: float,
    lowest: float,
) -> Setback:
    """The setback from ``days[start]``; ``end`` is the index of the recovery day
    (``len(days)`` when it is still ongoing)."""
    recovered_on = days[end] if end < len(days) else None
    return Setback(
        start=days[start],
        baseline=baseline,
        half_width=half_width,
        lowest=lowest,
        reactivity=baseline - lowest,
        days_below=end - start,
        recovered_on=recovered_on,
        recovery_days=None if recovered_on is None else (recovered_on - days[start]).days,
        ongoing=recovered_on is None,
    )


def _month_of(day: date) -> date:
    return day.replace(day=1)


def _by_month(days: Sequence[date], found: Sequence[Setback]) -> tuple[MonthSetbacks, ...]:
    data_days: Counter[date] = Counter(_month_of(day) for day in days)
    started: dict[date, list[Setback]] = defaultdict(list)
    for setback in found:
        started[_month_of(setback.start)].append(setback)
    rows = []
    month = _month_of(days[0])
    last = _month_of(days[-1])
    while month <= last:
        here = started.get(month, [])
        recovered = [s for s in here if not s.ongoing]
        recovery_days = [s.recovery_days for s in recovered if s.recovery_days is not None]
        rows.append(
            MonthSetbacks(
                month=month,
                days_with_data=data_days[month],
                count=len(here),
                ongoing=len(here) - len(recovered),
                mean_reactivity=(
                    statistics.fmean(s.reactivity for s in recovered) if recovered else None
                ),
                median_recovery_days=(
                    float(statistics.median(recovery_days)) if recovery_days else None
                ),
            )
        )
        month = (month + timedelta(days=32)).replace(day=1)
    return tuple(rows)
