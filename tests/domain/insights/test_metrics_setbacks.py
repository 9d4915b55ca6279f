"""Mood setbacks on hand-made series: baselines, bands, recovery and trends by month."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kindvoice.domain.insights.metrics import MIN_BASELINE_DAYS, MonthSetbacks, Setback, setbacks
from tests.domain.insights._series import SERIES_START, TODAY, checkin, mood_series

LATER = date(2026, 6, 1)  # "today" for series that must end before it
# Forty days (1 March – 9 April) of mood 6, with days 31 and 33 missing, and:
#   day 12: 3 → a setback: the baseline of days 0–11 is 6 (MAD 0, so the band is
#           6 − 1.0 = 5), and 3 is below 5 and 3 points below 6
#   day 13: 2, day 14: 4 (still below 5), day 15: 5 → recovered after 3 days; depth 6 − 2 = 4
#   day 20: 4 and 5 → 4.5: below the band, but only 1.5 below the baseline: no setback
#   day 30: 4 → a setback (days 2–29: 23 sixes and 3, 2, 4, 5, 4.5: median 6, MAD 0)
#   day 32: 3 (day 31 missing), day 34: 6 (day 33 missing) → recovered after 4 days;
#           depth 6 − 3 = 3
FORTY_DAYS: dict[int, int | tuple[int, ...]] = {
    **dict.fromkeys((offset for offset in range(40) if offset not in {31, 33}), 6),
    **{12: 3, 13: 2, 14: 4, 15: 5, 20: (4, 5), 30: 4, 32: 3, 34: 6},
}


def test_setbacks_on_forty_days_with_two_setbacks() -> None:
    result = setbacks(mood_series(SERIES_START, FORTY_DAYS), today=date(2026, 4, 9))
    assert result.n == 38
    assert result.enough
    assert result.setbacks == (
        Setback(
            start=date(2026, 3, 13),
            baseline=6.0,
            half_width=1.0,
            lowest=2.0,
            reactivity=4.0,
            days_below=3,
            recovered_on=date(2026, 3, 16),
            recovery_days=3,
            ongoing=False,
        ),
        Setback(
            start=date(2026, 3, 31),
            baseline=6.0,
            half_width=1.0,
            lowest=3.0,
            reactivity=3.0,
            days_below=2,
            recovered_on=date(2026, 4, 4),
            recovery_days=4,
            ongoing=False,
        ),
    )
    assert result.months == (
        MonthSetbacks(
            date(2026, 3, 1), 31, count=2, ongoing=0, mean_reactivity=3.5, median_recovery_days=3.5
        ),
        MonthSetbacks(
            date(2026, 4, 1), 7, count=0, ongoing=0, mean_reactivity=None, median_recovery_days=None
        ),
    )
    assert (result.recovered, result.ongoing) == (2, 0)
    assert not result.trend_enough
    assert result.reactivity_trend is None
    assert result.recovery_trend is None


def test_setbacks_leave_out_days_after_today() -> None:
    points = mood_series(SERIES_START, FORTY_DAYS)
    result = setbacks(points, today=date(2026, 4, 2))  # day 32: the second not over yet
    assert result.n == 32  # days 0–32 less the missing day 31
    assert [s.ongoing for s in result.setbacks] == [False, True]
    last = result.setbacks[-1]
    assert (last.lowest, last.reactivity, last.days_below) == (3.0, 3.0, 2)
    assert (last.recovered_on, last.recovery_days) == (None, None)
    assert (result.recovered, result.ongoing) == (1, 1)
    april = result.months[-1]
    assert (april.month, april.count, april.ongoing) == (date(2026, 4, 1), 0, 0)
    march = result.months[0]
    assert (march.count, march.ongoing, march.mean_reactivity) == (2, 1, 4.0)
    assert march.median_recovery_days == 3.0


def test_setbacks_ongoing_at_the_last_day() -> None:
    moods: dict[int, int | tuple[int, ...]] = dict.fromkeys(range(10), 7)
    moods |= {10: 4, 11: 5}
    result = setbacks(mood_series(SERIES_START, moods), today=LATER)
    (only,) = result.setbacks
    assert (only.start, only.lowest, only.reactivity, only.days_below) == (
        date(2026, 3, 11),
        4.0,
        3.0,
        2,
    )
    assert only.ongoing
    assert only.recovery_days is None
    assert (result.recovered, result.ongoing) == (0, 1)


def test_setbacks_all_equal_moods_have_none() -> None:
    moods: dict[int, int | tuple[int, ...]] = dict.fromkeys(range(60), 5)
    result = setbacks(mood_series(SERIES_START, moods), today=LATER)
    assert result.enough
    assert result.setbacks == ()
    assert [month.count for month in result.months] == [0, 0]
    # MAD 0 gives the narrowest band, 1.0: 4 is not below 5 − 1, and not 2 below 5
    moods[30] = 4
    assert setbacks(mood_series(SERIES_START, moods), today=LATER).setbacks == ()
    moods[30] = 3
    (one,) = setbacks(mood_series(SERIES_START, moods), today=LATER).setbacks
    assert (one.half_width, one.reactivity, one.recovery_days) == (1.0, 2.0, 1)


def test_setbacks_band_from_the_mad() -> None:
    # 5, 6, 7 in turn for 15 days: median 6 and MAD 1 (a third of the deviations are 0,
    # the rest 1), so the half-width is 1.4826 and the band's edge 4.5174. No earlier
    # day falls below its band.
    moods: dict[int, int | tuple[int, ...]] = {offset: 5 + offset % 3 for offset in range(15)}
    just_inside = setbacks(mood_series(SERIES_START, {**moods, 15: (4, 5)}), today=LATER)
    assert just_inside.setbacks == ()  # 4.5 is below 4.5174 but only 1.5 below 6
    result = setbacks(mood_series(SERIES_START, {**moods, 15: 4, 16: 5}), today=LATER)
    (one,) = result.setbacks
    assert one.baseline == 6.0
    assert one.half_width == pytest.approx(1.4826)
    assert (one.reactivity, one.recovery_days) == (2.0, 1)  # 5 is back above 4.5174


def test_setbacks_need_to_be_below_a_wide_band() -> None:
    # 4, 6, 8 in turn for 15 days: median 6, MAD 2, half-width 2.9652, band edge 3.0348.
    moods: dict[int, int | tuple[int, ...]] = {offset: 4 + 2 * (offset % 3) for offset in range(15)}
    two_below = setbacks(mood_series(SERIES_START, {**moods, 15: 4}), today=LATER)
    assert two_below.setbacks == ()  # 2 points below 6, yet inside the band
    three_below = setbacks(mood_series(SERIES_START, {**moods, 15: 3}), today=LATER)
    assert [s.reactivity for s in three_below.setbacks] == [3.0]


def test_setbacks_across_gaps_count_calendar_days() -> None:
    # Every other day: 14 days with data in each 28-day window.
    moods: dict[int, int | tuple[int, ...]] = dict.fromkeys(range(0, 31, 2), 6)
    moods |= {32: 3, 34: 3, 36: 6}
    (one,) = setbacks(mood_series(SERIES_START, moods), today=LATER).setbacks
    assert (one.start, one.days_below, one.recovery_days) == (date(2026, 4, 2), 2, 4)


def test_setbacks_sparse_data_has_no_baseline() -> None:
    # Every fifth day: at most five days with data in any 28-day window, seven needed.
    moods: dict[int, int | tuple[int, ...]] = dict.fromkeys(range(0, 100, 5), 6)
    moods[50] = 1
    result = setbacks(mood_series(SERIES_START, moods), today=date(2026, 7, 1))
    assert MIN_BASELINE_DAYS == 7
    assert (result.n, result.enough, result.setbacks, result.months) == (20, False, (), ())


@pytest.mark.parametrize("count", [0, 1])
def test_setbacks_with_nothing_or_a_single_point(count: int) -> None:
    points = [checkin(TODAY, 3)][:count]
    result = setbacks(points, today=TODAY)
    assert (result.n, result.enough, result.setbacks) == (count, False, ())
    assert result.reactivity_trend is None


def test_setbacks_trend_over_months() -> None:
    # 120 days of 6 from 1 January, with one setback a month, each shallower and
    # shorter than the last: depths 5, 4, 3, 2; recoveries 5, 3, 1, 1 days.
    moods: dict[int, int | tuple[int, ...]] = dict.fromkeys(range(120), 6)
    moods |= {20: 1, 21: 3, 22: 3, 23: 3, 24: 3}  # 21 January, back on day 25
    moods |= {50: 2, 51: 3, 52: 3}  # 20 February, back on day 53
    moods |= {80: 3}  # 22 March, back the next day
    moods |= {110: 4}  # 21 April, back the next day
    result = setbacks(mood_series(date(2026, 1, 1), moods), today=date(2026, 5, 1))
    assert [(s.reactivity, s.recovery_days) for s in result.setbacks] == [
        (5.0, 5),
        (4.0, 3),
        (3.0, 1),
        (2.0, 1),
    ]
    assert result.months_with_recoveries == 4
    assert result.trend_enough
    assert result.reactivity_trend is not None
    assert result.recovery_trend is not None
    assert result.reactivity_trend.direction == "down"
    assert result.reactivity_trend.slope_per_week < 0
    assert result.recovery_trend.direction == "down"
    # With the first two months only, there is no trend.
    early = {offset: mood for offset, mood in moods.items() if offset < 60}
    short = setbacks(mood_series(date(2026, 1, 1), early), today=date(2026, 5, 1))
    assert (short.trend_enough, short.reactivity_trend) == (False, None)


@given(
    st.lists(st.one_of(st.none(), st.integers(0, 5)), min_size=1, max_size=80),
    st.integers(1, 5),
)
def test_setbacks_shifting_every_mood_changes_no_setback(
    moods: list[int | None], shift: int
) -> None:
    def run(offset: int) -> list[tuple[object, ...]]:
        points = [
            checkin(SERIES_START + timedelta(days=day), mood + offset)
            for day, mood in enumerate(moods)
            if mood is not None
        ]
        report = setbacks(points, today=date(2026, 6, 1))
        return [
            (s.start, s.reactivity, s.half_width, s.days_below, s.recovery_days, s.ongoing)
            for s in report.setbacks
        ]

    assert run(0) == run(shift)


@given(st.lists(st.one_of(st.none(), st.integers(0, 10)), min_size=1, max_size=80))
def test_setbacks_hold_their_definition(moods: list[int | None]) -> None:
    points = [
        checkin(SERIES_START + timedelta(days=day), mood)
        for day, mood in enumerate(moods)
        if mood is not None
    ]
    report = setbacks(points, today=date(2026, 6, 1))
    for index, setback in enumerate(report.setbacks):
        assert setback.reactivity >= 2
        assert setback.half_width >= 1
        assert setback.days_below >= 1
        if setback.ongoing:
            assert index == len(report.setbacks) - 1
        else:
            assert setback.recovery_days is not None
            assert setback.recovery_days >= 1
    assert sum(month.count for month in report.months) == len(report.setbacks)
