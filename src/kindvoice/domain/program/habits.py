"""Habit strength: how settled a practice has become, as a number from 0 to 1.

The score follows the one in Loop Habit Tracker (iSoron/uhabits, ``Score.kt`` and
``ScoreList.kt``), written here from its published formula rather than its code:

- A habit has a frequency N/D ("N times in D days"; daily is 1/1).
- Each day the score moves a small step towards that day's *completion*:
  ``score = previous · m + completion · (1 − m)``, starting from 0 on the habit's
  first day, with ``m = 0.5 ** (sqrt(N/D) / 13)``. Without practice a daily habit's
  score halves in 13 days; a less frequent habit fades more slowly.
- Completion is how much of the frequency the last D days met:
  ``min(1, days done in the last D days / N)``. For habits less often than daily,
  N and D are both doubled before counting (3 in 7 days is counted as 6 in 14),
  which smooths out an irregular week.
- A skipped day (a planned rest, an illness) leaves the score as it was. It still
  takes its place in the counting window, so it is not a day done either.
- A day not done, or with nothing recorded, counts as not done.

So the score rewards steady practice, forgives a single missed day gently and
never drops to nothing overnight: it is a picture of a habit forming, not a grade.

Streaks are here too, for the places that choose to show them (they are off by
default): the number of done days in a row, where a skipped day neither breaks nor
lengthens the run.

Pure functions over dates and marks; standard library only.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

DayMark = Literal["done", "not_done", "skipped"]
"""What one day of a habit looked like: practised, not practised, or set aside."""

HALF_LIFE_DAYS = 13
"""Days without practice for a daily habit's score to halve."""

MAX_DAYS_IN_FREQUENCY = 365

_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Frequency:
    """How often a habit is meant to happen: ``numerator`` times in ``denominator`` days.

    ``Frequency(1, 1)`` is daily; ``Frequency(3, 7)`` is three times a week.
    """

    numerator: int
    denominator: int

    def __post_init__(self) -> None:
        for name in ("numerator", "denominator"):
            number = getattr(self, name)
            if isinstance(number, bool) or not isinstance(number, int):
                raise ValueError(f"A frequency's {name} must be a whole number, not {number!r}.")
        if not 1 <= self.numerator <= self.denominator <= MAX_DAYS_IN_FREQUENCY:
            raise ValueError(
                "A frequency needs 1 ≤ times ≤ days ≤ "
                f"{MAX_DAYS_IN_FREQUENCY}, not {self.numerator} in {self.denominator}."
            )

    @property
    def value(self) -> float:
        """The frequency as a fraction of days: 1.0 for daily, 3/7 for three a week."""
        return self.numerator / self.denominator


DAILY = Frequency(1, 1)


def multiplier(freq: Frequency) -> float:
    """How much of yesterday's score carries into today: ``0.5 ** (sqrt(f) / 13)``.

    For a daily habit that is about 0.948, so a score left alone halves in 13 days.
    """
    return float(0.5 ** (math.sqrt(freq.value) / HALF_LIFE_DAYS))


def _counting_window(freq: Frequency) -> tuple[int, int]:
    """The (times, days) that completion is counted against, doubled below daily."""
    if freq.value < 1:
        return freq.numerator * 2, freq.denominator * 2
    return freq.numerator, freq.denominator


def habit_scores(marks: Sequence[DayMark], freq: Frequency = DAILY) -> list[float]:
    """The habit's score after each day, oldest first, starting from its first day.

    ``marks[0]`` is the habit's first day; the score before it is 0. The result has
    one score per mark, each between 0 and 1. Anything other than ``"done"`` or
    ``"skipped"`` counts as not done.
    """
    times, days = _counting_window(freq)
    carry = multiplier(freq)
    done = [mark == "done" for mark in marks]
    scores: list[float] = []
    score = 0.0
    done_in_window = 0
    for index, mark in enumerate(marks):
        if done[index]:
            done_in_window += 1
        leaving = index - days
        if leaving >= 0 and done[leaving]:
            done_in_window -= 1
        if mark != "skipped":
            completion = min(1.0, done_in_window / times)
            score = score * carry + completion * (1 - carry)
        scores.append(score)
    return scores


def habit_strength(
    days: Mapping[date, DayMark],
    first_day: date,
    today: date,
    freq: Frequency = DAILY,
) -> float:
    """The habit's score today, from its marks by date.

    Days from ``first_day`` to ``today`` with no mark count as not done; marks
    before ``first_day`` or after ``today`` are ignored. Before the habit's first
    day its strength is 0.0.
    """
    if today < first_day:
        return 0.0
    count = (today - first_day).days + 1
    marks: list[DayMark] = [
        days.get(first_day + timedelta(days=offset), "not_done") for offset in range(count)
    ]
    return habit_scores(marks, freq)[-1]


def current_streak(days: Mapping[date, DayMark], today: date) -> int:
    """How many days in a row the habit has been done, up to today.

    The run may end today or, when today is not done yet, yesterday: a day still
    in progress does not break it. A skipped day neither breaks nor lengthens the
    run; a day not done, or with no mark, before today ends it. Marks after
    ``today`` are ignored.
    """
    earlier = [day for day in days if day <= today]
    if not earlier:
        return 0
    earliest = min(earlier)
    streak = 0
    day = today
    if days.get(today) != "done":
        day = today - _ONE_DAY  # today is skipped, or not done yet: look from yesterday
    while day >= earliest:
        mark = days.get(day)
        if mark == "done":
            streak += 1
        elif mark != "skipped":
            break
        day -= _ONE_DAY
    return streak


def best_streak(days: Mapping[date, DayMark]) -> int:
    """The longest run of done days ever, skipped days neither breaking nor adding to it.

    A day not done, or a date with no mark between marked ones, ends a run.
    """
    best = 0
    run = 0
    previous: date | None = None
    for day in sorted(days):
        if previous is not None and day - previous > _ONE_DAY:
            run = 0  # an unmarked gap counts as not done
        mark = days[day]
        if mark == "done":
            run += 1
            best = max(best, run)
        elif mark != "skipped":
            run = 0
        previous = day
    return best


def score_percent(score: float) -> int:
    """A score as a whole percent from 0 to 100, halves rounded up (0.125 → 13)."""
    if not math.isfinite(score):
        raise ValueError(f"A habit score must be a finite number, not {score!r}.")
    return min(100, max(0, math.floor(score * 100 + 0.5)))
