"""Checks for habit strength (Loop Habit Tracker's score) and streaks.

Expected scores are worked out by hand from the formula:
score = previous · m + completion · (1 − m), m = 0.5 ** (sqrt(f) / 13).
"""

from __future__ import annotations

import itertools
import math
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kindvoice.domain.program.habits import (
    DAILY,
    DayMark,
    Frequency,
    best_streak,
    current_streak,
    habit_scores,
    habit_strength,
    multiplier,
    score_percent,
)

M_DAILY = 0.5 ** (1 / 13)
M_3_7 = 0.5 ** (math.sqrt(3 / 7) / 13)
START = date(2026, 3, 2)


def day(offset: int) -> date:
    return START + timedelta(days=offset)


def repeat(mark: DayMark, count: int) -> list[DayMark]:
    return [mark] * count


def approx(value: float) -> object:
    return pytest.approx(value, rel=1e-12, abs=1e-15)


# Frequency and multiplier


def test_frequency_value_and_daily() -> None:
    assert Frequency(1, 1) == DAILY
    assert DAILY.value == 1.0
    assert Frequency(3, 7).value == 3 / 7


@pytest.mark.parametrize(
    ("numerator", "denominator"),
    [(0, 1), (2, 1), (1, 0), (-1, 7), (8, 7), (1, 366), (366, 366)],
)
def test_frequency_out_of_range_is_refused(numerator: int, denominator: int) -> None:
    with pytest.raises(ValueError, match="frequency"):
        Frequency(numerator, denominator)


def test_frequency_needs_whole_numbers() -> None:
    with pytest.raises(ValueError, match="whole number"):
        Frequency(True, 1)
    with pytest.raises(ValueError, match="whole number"):
        Frequency(1, 7.0)  # type: ignore[arg-type]


def test_frequency_limits_are_allowed() -> None:
    assert Frequency(365, 365).value == 1.0
    assert Frequency(1, 365).value == 1 / 365


def test_multiplier() -> None:
    assert multiplier(DAILY) == approx(M_DAILY)
    assert multiplier(Frequency(3, 7)) == approx(M_3_7)
    # a daily habit left alone for 13 days keeps half its score
    assert multiplier(DAILY) ** 13 == approx(0.5)
    # a weekly habit fades more slowly than a daily one
    assert multiplier(Frequency(1, 7)) > multiplier(DAILY)


# Daily habit


def test_no_days_no_scores() -> None:
    assert habit_scores([]) == []


def test_daily_habit_over_a_few_days() -> None:
    m = M_DAILY
    s1 = 0 * m + 1 * (1 - m)  # done
    s2 = s1 * m + 1 * (1 - m)  # done: (1 − m)·m + (1 − m) = 1 − m²
    s3 = s2 * m + 0 * (1 - m)  # not done
    s4 = s3 * m + 1 * (1 - m)  # done
    scores = habit_scores(["done", "done", "not_done", "done"])
    assert scores == [approx(s1), approx(s2), approx(s3), approx(s4)]
    assert s2 == approx(1 - m**2)
    assert s3 == approx((1 - m**2) * m)


def test_daily_habit_all_done_is_one_minus_m_to_the_n() -> None:
    scores = habit_scores(repeat("done", 30))
    assert scores[0] == approx(1 - M_DAILY)
    assert scores[6] == approx(1 - M_DAILY**7)
    assert scores[12] == approx(1 - 0.5)  # 13 days in: half way
    assert scores[29] == approx(1 - M_DAILY**30)


def test_first_day_not_done_stays_at_zero() -> None:
    assert habit_scores(["not_done", "not_done"]) == [0.0, 0.0]


def test_skipped_days_leave_the_score_unchanged() -> None:
    m = M_DAILY
    s1 = 1 - m  # done
    s2 = s1  # skipped
    s3 = s2  # skipped
    s4 = s3 * m + (1 - m)  # done
    s5 = s4  # skipped
    s6 = s5 * m  # not done
    scores = habit_scores(["done", "skipped", "skipped", "done", "skipped", "not_done"])
    assert scores == [approx(s1), approx(s2), approx(s3), approx(s4), approx(s5), approx(s6)]


def test_skipped_first_day_stays_at_zero() -> None:
    assert habit_scores(["skipped", "skipped"]) == [0.0, 0.0]


def test_a_long_gap_multiplies_by_m_to_the_gap() -> None:
    before = 1 - M_DAILY**10  # ten done days
    scores = habit_scores(repeat("done", 10) + repeat("not_done", 30))
    assert scores[9] == approx(before)
    assert scores[-1] == approx(before * M_DAILY**30)
    # 26 days away is two half-lives: a quarter of the score is left
    assert scores[9 + 26] == approx(before * 0.25)


def test_anything_else_counts_as_not_done() -> None:
    unknown = habit_scores(["done", "unknown"])  # type: ignore[list-item]
    assert unknown == habit_scores(["done", "not_done"])


# A 3-in-7 habit: counted as 6 done in the last 14 days


def test_three_a_week_fractional_completion() -> None:
    m = M_3_7
    s1 = 0 * m + (1 / 6) * (1 - m)  # done: 1 done in window
    s2 = s1 * m + (1 / 6) * (1 - m)  # not done: still 1
    s3 = s2 * m + (2 / 6) * (1 - m)  # done: 2
    s4 = s3 * m + (3 / 6) * (1 - m)  # done: 3
    s5 = s4  # skipped: unchanged
    s6 = s5 * m + (4 / 6) * (1 - m)  # done: 4
    s7 = s6 * m + (5 / 6) * (1 - m)  # done: 5
    s8 = s7 * m + (6 / 6) * (1 - m)  # done: 6, the whole doubled frequency
    s9 = s8 * m + 1 * (1 - m)  # done: 7, but completion stops at 1
    marks: list[DayMark] = [
        "done",
        "not_done",
        "done",
        "done",
        "skipped",
        "done",
        "done",
        "done",
        "done",
    ]
    expected = [s1, s2, s3, s4, s5, s6, s7, s8, s9]
    assert habit_scores(marks, Frequency(3, 7)) == [approx(s) for s in expected]


def test_three_a_week_completion_saturates() -> None:
    m = M_3_7
    s6 = 0.0
    for done_so_far in range(1, 7):  # 1/6, 2/6, ... 6/6
        s6 = s6 * m + (done_so_far / 6) * (1 - m)
    s7 = s6 * m + min(1, 7 / 6) * (1 - m)
    s8 = s7 * m + min(1, 8 / 6) * (1 - m)
    scores = habit_scores(repeat("done", 8), Frequency(3, 7))
    assert scores[5] == approx(s6)
    assert scores[6] == approx(s7)
    assert scores[7] == approx(s8)
    # once saturated, each day is what a "done" every day would give: same step as above
    assert scores[7] - scores[6] == approx((1 - s7) * (1 - m))


def test_three_a_week_old_days_leave_the_window() -> None:
    m = M_3_7
    # six done days, then eight not done: the window of 14 still holds all six
    marks = repeat("done", 6) + repeat("not_done", 10)
    completions = [1 / 6, 2 / 6, 3 / 6, 4 / 6, 5 / 6, 6 / 6] + [6 / 6] * 8
    # day 15: days 2–15 in the window, 5 done; day 16: days 3–16, 4 done
    completions += [5 / 6, 4 / 6]
    score = 0.0
    expected = []
    for completion in completions:
        score = score * m + completion * (1 - m)
        expected.append(score)
    assert habit_scores(marks, Frequency(3, 7)) == [approx(s) for s in expected]


def test_a_skipped_day_still_takes_its_slot_in_the_window() -> None:
    m = M_3_7
    s1 = (1 / 6) * (1 - m)  # day 1 done
    # days 2–14 skipped: unchanged
    # day 15 done: the window is days 2–15 (13 skipped slots and today), 1 done;
    # the skips did not stretch the window back to day 1
    s15 = s1 * m + (1 / 6) * (1 - m)
    scores = habit_scores(["done", *repeat("skipped", 13), "done"], Frequency(3, 7))
    assert scores[:14] == [approx(s1)] * 14
    assert scores[14] == approx(s15)


def test_daily_frequency_is_not_doubled() -> None:
    m = 0.5 ** (math.sqrt(2 / 2) / 13)
    # 2 in 2 days is f = 1: counted as 2 in the last 2 days, not 4 in 4
    s1 = (1 / 2) * (1 - m)
    s2 = s1 * m + (2 / 2) * (1 - m)
    assert habit_scores(["done", "done"], Frequency(2, 2)) == [approx(s1), approx(s2)]


# habit_strength over dates


def test_habit_strength_fills_missing_dates_as_not_done() -> None:
    m = M_DAILY
    days: dict[date, DayMark] = {day(0): "done", day(2): "done"}
    expected = (((1 - m) * m) * m + (1 - m)) * m  # done, missing, done, missing
    assert habit_strength(days, day(0), day(3)) == approx(expected)


def test_habit_strength_today_before_first_day_is_zero() -> None:
    days: dict[date, DayMark] = {day(0): "done"}
    assert habit_strength(days, day(1), day(0)) == 0.0


def test_habit_strength_on_the_first_day() -> None:
    days: dict[date, DayMark] = {day(0): "done"}
    assert habit_strength(days, day(0), day(0)) == approx(1 - M_DAILY)
    assert habit_strength({}, day(0), day(0)) == 0.0


def test_habit_strength_ignores_dates_outside_the_range() -> None:
    inside: dict[date, DayMark] = {day(0): "done", day(1): "skipped", day(2): "done"}
    outside: dict[date, DayMark] = {day(-5): "done", day(-1): "done", day(3): "done"}
    expected = habit_strength(inside, day(0), day(2))
    assert habit_strength({**inside, **outside}, day(0), day(2)) == expected
    assert expected == approx((1 - M_DAILY) * M_DAILY + (1 - M_DAILY))


def test_habit_strength_uses_the_frequency() -> None:
    days: dict[date, DayMark] = {day(0): "done", day(1): "done"}
    m = M_3_7
    expected = ((1 / 6) * (1 - m)) * m + (2 / 6) * (1 - m)
    assert habit_strength(days, day(0), day(1), Frequency(3, 7)) == approx(expected)


# Streaks


def test_streak_counts_done_days_ending_today() -> None:
    days: dict[date, DayMark] = {day(0): "done", day(1): "done", day(2): "done"}
    assert current_streak(days, day(2)) == 3
    assert best_streak(days) == 3


def test_streak_today_not_done_yet_does_not_break_it() -> None:
    days: dict[date, DayMark] = {day(0): "done", day(1): "done"}
    assert current_streak(days, day(2)) == 2
    assert current_streak({**days, day(2): "not_done"}, day(2)) == 2


def test_streak_skips_neither_break_nor_extend() -> None:
    days: dict[date, DayMark] = {
        day(0): "done",
        day(1): "skipped",
        day(2): "done",
        day(3): "skipped",
        day(4): "skipped",
        day(5): "done",
    }
    assert current_streak(days, day(5)) == 3
    assert current_streak({**days, day(6): "skipped"}, day(6)) == 3
    assert best_streak(days) == 3


def test_streak_a_missed_day_breaks_it() -> None:
    days: dict[date, DayMark] = {
        day(0): "done",
        day(1): "done",
        day(2): "done",
        day(3): "not_done",
        day(4): "done",
    }
    assert current_streak(days, day(4)) == 1
    assert best_streak(days) == 3


def test_streak_an_unmarked_day_breaks_it() -> None:
    days: dict[date, DayMark] = {day(0): "done", day(1): "done", day(3): "done"}
    assert current_streak(days, day(3)) == 1
    assert best_streak(days) == 2


def test_streak_ended_two_days_ago_is_over() -> None:
    days: dict[date, DayMark] = {day(0): "done", day(1): "done"}
    assert current_streak(days, day(3)) == 0
    assert current_streak({**days, day(2): "not_done"}, day(3)) == 0


def test_streak_ignores_days_after_today_and_empty_history() -> None:
    assert current_streak({}, day(0)) == 0
    assert best_streak({}) == 0
    assert current_streak({day(1): "done"}, day(0)) == 0
    assert current_streak({day(0): "done", day(1): "done"}, day(0)) == 1


# Percent


@pytest.mark.parametrize(
    ("score", "percent"),
    [(0.0, 0), (1.0, 100), (0.5, 50), (0.125, 13), (0.124, 12), (0.999, 100), (-0.1, 0)],
)
def test_score_percent(score: float, percent: int) -> None:
    assert score_percent(score) == percent


def test_score_percent_refuses_nan() -> None:
    with pytest.raises(ValueError, match="finite"):
        score_percent(math.nan)


# Properties

marks_strategy = st.lists(st.sampled_from(["done", "not_done", "skipped"]), max_size=200)


@st.composite
def frequencies(draw: st.DrawFn) -> Frequency:
    denominator = draw(st.integers(min_value=1, max_value=30))
    numerator = draw(st.integers(min_value=1, max_value=denominator))
    return Frequency(numerator, denominator)


@given(marks=marks_strategy, freq=frequencies())
def test_scores_stay_between_zero_and_one(marks: list[DayMark], freq: Frequency) -> None:
    scores = habit_scores(marks, freq)
    assert len(scores) == len(marks)
    assert all(0.0 <= score <= 1.0 for score in scores)


@given(count=st.integers(min_value=1, max_value=400), freq=frequencies())
def test_all_done_rises_towards_one(count: int, freq: Frequency) -> None:
    scores = habit_scores(repeat("done", count), freq)
    assert scores[0] > 0.0
    assert all(later >= earlier for earlier, later in itertools.pairwise(scores))
    # once completion is full, the distance to 1 shrinks by m each day
    times = freq.numerator * 2 if freq.value < 1 else freq.numerator
    m = multiplier(freq)
    for index in range(times, count):
        assert 1 - scores[index] == pytest.approx((1 - scores[index - 1]) * m, abs=1e-12)


@given(marks=marks_strategy, freq=frequencies())
def test_skips_never_change_the_score(marks: list[DayMark], freq: Frequency) -> None:
    scores = habit_scores(marks, freq)
    for index, mark in enumerate(marks):
        if mark == "skipped":
            assert scores[index] == (scores[index - 1] if index else 0.0)


@given(marks=marks_strategy)
def test_current_streak_never_exceeds_best(marks: list[DayMark]) -> None:
    days = {day(offset): mark for offset, mark in enumerate(marks)}
    today = day(max(len(marks) - 1, 0))
    assert 0 <= current_streak(days, today) <= best_streak(days) <= marks.count("done")
