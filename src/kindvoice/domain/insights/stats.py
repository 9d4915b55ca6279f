"""The statistics behind the insights: intervals, trends and robust middles.

Standard library only.

- **Student's t at 0.975** (for two-sided 95% intervals): a table of the exact
  quantiles for whole degrees of freedom 1–30, to six decimals. Between two whole
  numbers (Welch's degrees of freedom are fractional) the value is interpolated
  linearly in 1/df; t is convex in 1/df, so this is never narrower than the exact
  quantile (beyond the table's rounding) and at most 0.4% wider from df 3 on, 0.05%
  from df 5. Above 30 the Cornish–Fisher expansion of t around the normal
  quantile 1.959964 (Abramowitz & Stegun 26.7.5, four terms) is used: within
  1e-8 of the exact value there, and it tends to 1.959964 as df grows.
- **Intervals**: the mean with a 95% Student's t interval; the difference of two
  means with Welch's interval (unequal variances, Welch–Satterthwaite df).
- **Trends**: the Theil–Sen slope (the median of the slopes between every pair of
  points), robust to a single odd week; a trend is "flat" when the fitted change
  across the span of the data is smaller than a band given in the measure's own
  units.
- **Middles and spreads**: the median, the median absolute deviation (MAD,
  unscaled) and a trailing window of both over calendar days.
"""

from __future__ import annotations

import math
import statistics
from bisect import bisect_left, insort
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

Direction = Literal["down", "up", "flat"]

NORMAL_975 = 1.959964
"""The standard normal quantile at 0.975."""

MAD_TO_SD = 1.4826
"""Scales a MAD to a standard deviation for normally distributed values."""

# Student's t quantile at 0.975 for df = 1..30 (exact values rounded to six decimals).
_T_975 = (
    12.706205,
    4.302653,
    3.182446,
    2.776445,
    2.570582,
    2.446912,
    2.364624,
    2.306004,
    2.262157,
    2.228139,
    2.200985,
    2.178813,
    2.160369,
    2.144787,
    2.131450,
    2.119905,
    2.109816,
    2.100922,
    2.093024,
    2.085963,
    2.079614,
    2.073873,
    2.068658,
    2.063899,
    2.059539,
    2.055529,
    2.051831,
    2.048407,
    2.045230,
    2.042272,
)
_DAYS_PER_WEEK = 7.0


@dataclass(frozen=True)
class Interval:
    """A mean with its 95% interval, from ``n`` values."""

    mean: float
    low: float
    high: float
    n: int


@dataclass(frozen=True)
class Difference:
    """The difference of two means (a − b) with its 95% Welch interval and degrees of freedom."""

    difference: float
    low: float
    high: float
    n_a: int
    n_b: int
    df: float


@dataclass(frozen=True)
class Trend:
    """A robust straight-line trend.

    ``slope_per_week`` is the Theil–Sen slope in the measure's units per week;
    ``span_weeks`` how far apart the first and last points lie; ``direction`` is
    ``flat`` when ``|slope_per_week × span_weeks|`` is below the measure's band.
    """

    slope_per_week: float
    n: int
    direction: Direction
    span_weeks: float


@dataclass(frozen=True)
class Spread:
    """The median and unscaled MAD of ``n`` values."""

    median: float
    mad: float
    n: int


def t_quantile_975(df: float) -> float:
    """Student's t quantile at 0.975 for ``df`` degrees of freedom (df ≥ 1, may be fractional).

    The table for df 1–30, interpolated in 1/df between whole numbers; the
    Cornish–Fisher expansion above 30 (see the module docstring for accuracy).
    """
    if df == math.inf:
        return NORMAL_975
    if not df >= 1:  # also refuses NaN
        raise ValueError(f"Student's t needs at least one degree of freedom, not {df!r}.")
    if df > len(_T_975):
        return _cornish_fisher_975(df)
    lower = math.floor(df)
    upper = math.ceil(df)
    if lower == upper:
        return _T_975[lower - 1]
    weight = (1 / lower - 1 / df) / (1 / lower - 1 / upper)
    return _T_975[lower - 1] + (_T_975[upper - 1] - _T_975[lower - 1]) * weight


def _cornish_fisher_975(df: float) -> float:
    z = NORMAL_975
    z3, z5, z7, z9 = z**3, z**5, z**7, z**9
    return (
        z
        + (z3 + z) / (4 * df)
        + (5 * z5 + 16 * z3 + 3 * z) / (96 * df**2)
        + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df**3)
        + (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * df**4)
    )


def _mean_and_variance(values: Sequence[float]) -> tuple[float, float]:
    """The mean and the sample variance (n − 1), two passes with exact sums."""
    mean = math.fsum(values) / len(values)
    variance = math.fsum((value - mean) ** 2 for value in values) / (len(values) - 1)
    return mean, variance


def mean_ci95(values: Sequence[float]) -> Interval:
    """The mean of ``values`` with a 95% Student's t interval; needs at least two values.

    ``mean ± t(0.975, n − 1) · s / √n``, with ``s`` the sample standard deviation.
    """
    n = len(values)
    if n < 2:
        raise ValueError(f"An interval needs at least two values, not {n}.")
    mean, variance = _mean_and_variance(values)
    half = t_quantile_975(n - 1) * math.sqrt(variance / n)
    return Interval(mean=mean, low=mean - half, high=mean + half, n=n)


def welch_ci95(a: Sequence[float], b: Sequence[float]) -> Difference:
    """The difference of means ``mean(a) − mean(b)`` with Welch's 95% interval.

    ``se = √(s_a²/n_a + s_b²/n_b)``, ``df = se⁴ / ((s_a²/n_a)²/(n_a − 1) + (s_b²/n_b)²/(n_b − 1))``
    and the interval is ``difference ± t(0.975, df) · se``. Each side needs at least
    two values. When both sides are constant (se = 0) the interval is the
    difference itself, with df = n_a + n_b − 2.
    """
    n_a, n_b = len(a), len(b)
    if n_a < 2 or n_b < 2:
        raise ValueError(f"Welch's interval needs two values a side, not {n_a} and {n_b}.")
    mean_a, var_a = _mean_and_variance(a)
    mean_b, var_b = _mean_and_variance(b)
    part_a, part_b = var_a / n_a, var_b / n_b
    difference = mean_a - mean_b
    se_squared = part_a + part_b
    if se_squared == 0:
        df = float(n_a + n_b - 2)
        return Difference(difference, difference, difference, n_a, n_b, df)
    df = se_squared**2 / (part_a**2 / (n_a - 1) + part_b**2 / (n_b - 1))
    half = t_quantile_975(df) * math.sqrt(se_squared)
    return Difference(difference, difference - half, difference + half, n_a, n_b, df)


def theil_sen_slope(xs: Sequence[float], ys: Sequence[float]) -> float:
    """The median of the slopes between every pair of points with different x.

    O(n²) in the number of points: meant for weekly or monthly series (a few
    hundred points at most). Needs two different x values.
    """
    if len(xs) != len(ys):
        raise ValueError(f"A slope needs as many x as y values, not {len(xs)} and {len(ys)}.")
    slopes = [
        (ys[j] - ys[i]) / (xs[j] - xs[i])
        for i in range(len(xs))
        for j in range(i + 1, len(xs))
        if xs[j] != xs[i]
    ]
    if not slopes:
        raise ValueError("A slope needs at least two different x values.")
    return float(statistics.median(slopes))


def trend(days: Sequence[float], ys: Sequence[float], flat_band: float) -> Trend:
    """The Theil–Sen trend of ``ys`` over ``days`` (x in days), in units per week.

    The direction is ``flat`` when the fitted change across the span of the data,
    ``|slope| × (last day − first day)``, is smaller than ``flat_band`` (in the
    units of ``ys``); otherwise ``up`` or ``down`` by the slope's sign.
    """
    slope_per_day = theil_sen_slope(days, ys)
    span_days = max(days) - min(days)
    change = slope_per_day * span_days
    direction: Direction = "flat"
    if abs(change) >= flat_band:
        direction = "up" if change > 0 else "down"
    return Trend(
        slope_per_week=slope_per_day * _DAYS_PER_WEEK,
        n=len(days),
        direction=direction,
        span_weeks=span_days / _DAYS_PER_WEEK,
    )


def _median_of_sorted(ordered: Sequence[float]) -> float:
    count = len(ordered)
    return (ordered[(count - 1) // 2] + ordered[count // 2]) / 2


def mad(values: Sequence[float]) -> float:
    """The median absolute deviation from the median, unscaled (multiply by
    ``MAD_TO_SD`` to compare it with a standard deviation). Needs one value."""
    if not values:
        raise ValueError("A MAD needs at least one value.")
    middle = _median_of_sorted(sorted(values))
    return _median_of_sorted(sorted(abs(value - middle) for value in values))


def rolling_median(
    days: Sequence[int], values: Sequence[float], window: int, min_count: int = 1
) -> list[Spread | None]:
    """For each point, the median and MAD of the points in the ``window`` days before it.

    ``days`` are strictly increasing whole days (ordinals); the window for a point
    on day ``d`` is days ``d − window`` to ``d − 1``: the point itself is left out,
    and days without a point are simply absent. A point whose window holds fewer
    than ``min_count`` points gets None. The window slides once over the points,
    kept sorted, so the cost is O(n · window).
    """
    if len(days) != len(values):
        raise ValueError(f"Need as many days as values, not {len(days)} and {len(values)}.")
    result: list[Spread | None] = []
    ordered: list[float] = []
    oldest = 0
    for index, day in enumerate(days):
        if index:
            if day <= days[index - 1]:
                raise ValueError("Days must be strictly increasing.")
            insort(ordered, values[index - 1])
        while oldest < index and days[oldest] < day - window:
            del ordered[bisect_left(ordered, values[oldest])]
            oldest += 1
        if len(ordered) < max(1, min_count):
            result.append(None)
            continue
        middle = _median_of_sorted(ordered)
        spread = _median_of_sorted(sorted(abs(value - middle) for value in ordered))
        result.append(Spread(median=middle, mad=spread, n=len(ordered)))
    return result
