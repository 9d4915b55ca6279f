"""Checks for the insight statistics: t quantiles, intervals, trends, medians.

Reference t quantiles are the published two-sided 95% values (and, for fractional
degrees of freedom, the exact quantile worked out independently); every other
expected number is worked out by hand in the comment beside it.
"""

from __future__ import annotations

import itertools
import math
import statistics

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kindvoice.domain.insights.stats import (
    NORMAL_975,
    Spread,
    mad,
    mean_ci95,
    rolling_median,
    t_quantile_975,
    theil_sen_slope,
    trend,
    welch_ci95,
)

# t quantiles


@pytest.mark.parametrize(
    ("df", "expected"),
    [(1, 12.706), (2, 4.303), (5, 2.571), (10, 2.228), (20, 2.086), (30, 2.042)],
)
def test_t_quantile_matches_the_table(df: int, expected: float) -> None:
    assert t_quantile_975(df) == pytest.approx(expected, abs=5e-4)


@pytest.mark.parametrize(
    ("df", "expected"),
    # Exact values: 31 → 2.039513, 40 → 2.021075, 100 → 1.983972, 1000 → 1.962339.
    [(31, 2.039513), (40, 2.021075), (100, 1.983972), (1000, 1.962339)],
)
def test_t_quantile_beyond_the_table_is_accurate(df: int, expected: float) -> None:
    assert t_quantile_975(df) == pytest.approx(expected, abs=1e-6)


def test_t_quantile_for_large_df_is_the_normal_quantile() -> None:
    assert t_quantile_975(1e6) == pytest.approx(1.960, abs=1e-3)
    assert t_quantile_975(1e9) == pytest.approx(NORMAL_975, abs=1e-8)
    assert t_quantile_975(math.inf) == NORMAL_975


def test_t_quantile_between_whole_df_is_close_and_never_narrower() -> None:
    # The exact quantile at df = 7.5294 (Welch's df in the test below) is 2.331334.
    value = t_quantile_975(0.64 / 0.085)
    assert value == pytest.approx(2.331334, abs=1e-3)
    assert value >= 2.331334 - 1e-6


def test_t_quantile_decreases_with_df() -> None:
    dfs = [1 + step / 4 for step in range(400)]
    values = [t_quantile_975(df) for df in dfs]
    assert all(later < earlier for earlier, later in itertools.pairwise(values))


@pytest.mark.parametrize("df", [0, 0.5, -3, math.nan])
def test_t_quantile_refuses_fewer_than_one_df(df: float) -> None:
    with pytest.raises(ValueError, match="degree of freedom"):
        t_quantile_975(df)


# mean_ci95


def test_mean_ci95_by_hand() -> None:
    # mean 5, s² = (9 + 1 + 1 + 9) / 3 = 20/3, se = √(20/3) / 2 = 1.290994,
    # half = 3.182446 · 1.290994 = 4.108520
    interval = mean_ci95([2, 4, 6, 8])
    assert interval.n == 4
    assert interval.mean == 5
    assert interval.low == pytest.approx(5 - 4.108520, abs=1e-6)
    assert interval.high == pytest.approx(5 + 4.108520, abs=1e-6)


def test_mean_ci95_of_equal_values_has_no_width() -> None:
    interval = mean_ci95([3.0, 3.0, 3.0])
    assert (interval.mean, interval.low, interval.high) == (3.0, 3.0, 3.0)


@pytest.mark.parametrize("values", [[], [4.0]])
def test_mean_ci95_needs_two_values(values: list[float]) -> None:
    with pytest.raises(ValueError, match="two values"):
        mean_ci95(values)


# Welch


def test_welch_ci95_by_hand() -> None:
    # a: mean 8, s² = 10/4 = 2.5; b: mean 5, s² = (1 + 1 + 0 + 0 + 4) / 4 = 1.5.
    # se² = 2.5/5 + 1.5/5 = 0.8; df = 0.8² / (0.5²/4 + 0.3²/4) = 0.64 / 0.085 = 7.529412.
    # Exact t(0.975, 7.529412) = 2.331334; half = 2.331334 · √0.8 = 2.085209.
    result = welch_ci95([6, 7, 8, 9, 10], [4, 4, 5, 5, 7])
    assert result.difference == pytest.approx(3.0)
    assert result.df == pytest.approx(7.529412, abs=1e-6)
    assert (result.n_a, result.n_b) == (5, 5)
    assert result.low == pytest.approx(3 - 2.085209, abs=1e-3)
    assert result.high == pytest.approx(3 + 2.085209, abs=1e-3)


def test_welch_ci95_with_equal_variances_has_pooled_df() -> None:
    # Both s² = 2.5 with n = 5: se² = 1, df = 1 / (0.25/4 + 0.25/4) = 8, t = 2.306004.
    result = welch_ci95([1, 2, 3, 4, 5], [3, 4, 5, 6, 7])
    assert result.difference == pytest.approx(-2.0)
    assert result.df == pytest.approx(8.0)
    assert result.low == pytest.approx(-2 - 2.306004, abs=1e-6)
    assert result.high == pytest.approx(-2 + 2.306004, abs=1e-6)


def test_welch_ci95_of_two_constant_sides_is_the_difference() -> None:
    result = welch_ci95([4, 4, 4], [1, 1])
    assert (result.difference, result.low, result.high, result.df) == (3.0, 3.0, 3.0, 3.0)


def test_welch_ci95_needs_two_values_a_side() -> None:
    with pytest.raises(ValueError, match="two values a side"):
        welch_ci95([1, 2, 3], [1])


# Theil–Sen and trend


def test_theil_sen_slope_ignores_one_wild_point() -> None:
    # Six pairs among the first four points have slope 1; the four pairs with the
    # last point have 25, 33, 49 and 97: the median of the ten is 1.
    assert theil_sen_slope([0, 1, 2, 3, 4], [0, 1, 2, 3, 100]) == 1.0


def test_theil_sen_slope_skips_pairs_with_the_same_x() -> None:
    assert theil_sen_slope([0, 0, 2], [1, 5, 3]) == pytest.approx(0.0)  # slopes 1 and −1


def test_theil_sen_slope_needs_two_different_x() -> None:
    with pytest.raises(ValueError, match="two different x"):
        theil_sen_slope([3, 3], [1, 2])
    with pytest.raises(ValueError, match="as many x as y"):
        theil_sen_slope([1, 2], [1])


def test_trend_reports_per_week_and_direction() -> None:
    days = [0, 7, 14, 21]
    falling = trend(days, [0.9, 0.8, 0.7, 0.6], flat_band=0.1)
    assert falling.slope_per_week == pytest.approx(-0.1)
    assert falling.span_weeks == 3
    assert falling.n == 4
    assert falling.direction == "down"  # fitted change −0.3 across three weeks
    assert trend(days, [0.9, 0.8, 0.7, 0.6], flat_band=0.5).direction == "flat"
    assert trend(days, [1, 2, 3, 4], flat_band=1.0).direction == "up"
    assert trend(days, [2, 2, 2, 2], flat_band=0.1).direction == "flat"


# mad and rolling_median


def test_mad_is_robust_and_unscaled() -> None:
    # median 3, deviations 2, 1, 0, 1, 97 → median 1
    assert mad([1, 2, 3, 4, 100]) == 1.0
    assert mad([5.0]) == 0.0
    assert mad([5, 7, 5, 7]) == 1.0  # median 6, every deviation 1
    with pytest.raises(ValueError, match="at least one value"):
        mad([])


def test_rolling_median_uses_the_days_before_only() -> None:
    days = [0, 1, 2, 3, 10, 40]
    values = [4.0, 8.0, 6.0, 2.0, 9.0, 1.0]
    result = rolling_median(days, values, window=28, min_count=2)
    assert result[0] is None  # nothing before
    assert result[1] is None  # one day before: fewer than two
    assert result[2] == Spread(median=6.0, mad=2.0, n=2)  # 4, 8
    assert result[3] == Spread(median=6.0, mad=2.0, n=3)  # 4, 8, 6: deviations 2, 2, 0
    assert result[4] == Spread(median=5.0, mad=2.0, n=4)  # 4, 8, 6, 2
    # day 40 looks at days 12–39: only day 10 is too early, so nothing is left
    assert result[5] is None


def test_rolling_median_window_edges() -> None:
    # Day 28's window is days 0–27, day 29's is days 1–28.
    result = rolling_median([0, 28, 29], [1.0, 2.0, 3.0], window=28)
    assert result[1] == Spread(median=1.0, mad=0.0, n=1)
    assert result[2] == Spread(median=2.0, mad=0.0, n=1)


def test_rolling_median_refuses_unordered_days() -> None:
    with pytest.raises(ValueError, match="strictly increasing"):
        rolling_median([0, 2, 2], [1.0, 2.0, 3.0], window=28)
    with pytest.raises(ValueError, match="as many days"):
        rolling_median([0, 1], [1.0], window=28)


@given(
    st.lists(
        st.tuples(st.integers(1, 6), st.integers(0, 10)),
        min_size=1,
        max_size=60,
    )
)
def test_rolling_median_matches_a_naive_window(steps: list[tuple[int, int]]) -> None:
    days: list[int] = []
    day = 0
    for gap, _ in steps:
        day += gap
        days.append(day)
    values = [float(value) for _, value in steps]
    result = rolling_median(days, values, window=10, min_count=3)
    for index, day in enumerate(days):
        window = [v for d, v in zip(days, values, strict=True) if day - 10 <= d < day]
        if len(window) < 3:
            assert result[index] is None
        else:
            middle = statistics.median(window)
            assert result[index] == Spread(median=middle, mad=mad(window), n=len(window))
