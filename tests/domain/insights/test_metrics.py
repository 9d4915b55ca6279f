"""Checks for the insight metrics on hand-made series whose answers are written out.

Intervals use the t quantiles t(4) = 2.776445, t(5) = 2.570582, t(9) = 2.262157.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kindvoice.domain.insights.inputs import CheckInPoint, EntryPoint, ReframePoint, SessionPoint
from kindvoice.domain.insights.metrics import (
    MIN_BASELINE_DAYS,
    MIN_DAYS_EACH_SIDE,
    MIN_ENTRIES_FOR_MIX,
    MIN_REFRAMES_FOR_BELIEF,
    MIN_SESSIONS_FOR_CHANGE,
    MIN_WEEKS_FOR_TREND,
    SESSION_KINDS,
    AdherenceWeek,
    CriticWeek,
    MonthSetbacks,
    Setback,
    adherence,
    critic_frequency,
    reframe_believability,
    setbacks,
    trap_mix,
    what_helps,
)
from kindvoice.domain.practice_runs import PRACTICE_KINDS
from kindvoice.domain.program.habits import DayMark

ZONE = timezone(timedelta(hours=1))
TODAY = date(2026, 3, 25)  # a Wednesday; its ISO week starts on Monday 23 March


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=ZONE)


def entry(day: date, critical: bool | None, *traps: str) -> EntryPoint:
    return EntryPoint(at=at(day), self_critical=critical, traps=traps)


def checkin(day: date, mood: int, hour: int = 9) -> CheckInPoint:
    return CheckInPoint(at=at(day, hour), mood=mood, stress=5, critic=5)


def mood_series(start: date, moods: dict[int, int | tuple[int, ...]]) -> list[CheckInPoint]:
    """Check-ins from {day offset: mood, or several moods that day}."""
    points = []
    for offset, value in moods.items():
        for hour, mood in enumerate(value if isinstance(value, tuple) else (value,), start=8):
            points.append(checkin(start + timedelta(days=offset), mood, hour))
    return points


# critic_frequency


def test_critic_frequency_counts_each_week() -> None:
    entries = [
        entry(date(2026, 3, 2), True),
        entry(date(2026, 3, 3), True),
        entry(date(2026, 3, 8), False),
        entry(date(2026, 3, 8), None),  # no verdict: an entry, not in the share
        entry(date(2026, 3, 17), False),
        entry(date(2026, 3, 24), True),
        entry(date(2026, 3, 26), True),  # after today
        entry(date(2026, 3, 1), False),  # before the window
    ]
    result = critic_frequency(entries, TODAY, weeks=4)
    assert result.weeks == (
        CriticWeek(date(2026, 3, 2), entries=4, judged=3, self_critical=2, share=2 / 3),
        CriticWeek(date(2026, 3, 9), entries=0, judged=0, self_critical=0, share=None),
        CriticWeek(date(2026, 3, 16), entries=1, judged=1, self_critical=0, share=0.0),
        CriticWeek(date(2026, 3, 23), entries=1, judged=1, self_critical=1, share=1.0),
    )
    assert result.n == 5
    assert result.share == pytest.approx(3 / 5)
    assert result.weeks_with_verdicts == 3
    assert not result.enough  # three weeks with verdicts, four needed
    assert result.trend is None
    assert MIN_WEEKS_FOR_TREND == 4


def test_critic_frequency_trend_over_weeks_with_entries() -> None:
    # Five judged entries in each of four weeks (the third week has none):
    # shares 5/5, 4/5, –, 2/5, 1/5 — every pair's slope is −0.2 a week.
    first = date(2026, 2, 23)
    entries = []
    for week, critical in ((0, 5), (1, 4), (3, 2), (4, 1)):
        for index in range(5):
            entries.append(entry(first + timedelta(weeks=week), index < critical))
    result = critic_frequency(entries, TODAY, weeks=5)
    assert [week.share for week in result.weeks] == [1.0, 0.8, None, 0.4, 0.2]
    assert result.enough
    assert result.trend is not None
    assert result.trend.slope_per_week == pytest.approx(-0.2)
    assert result.trend.n == 4
    assert result.trend.span_weeks == 4
    assert result.trend.direction == "down"


def test_critic_frequency_steady_share_is_flat() -> None:
    first = date(2026, 3, 2)
    entries = [
        entry(first + timedelta(weeks=week, days=day), day == 0)
        for week in range(4)
        for day in range(2)
    ]
    result = critic_frequency(entries, TODAY, weeks=4)
    assert result.trend is not None
    assert result.trend.direction == "flat"
    assert result.trend.slope_per_week == 0


def test_critic_frequency_without_entries() -> None:
    result = critic_frequency([], TODAY)
    assert len(result.weeks) == 12
    assert result.weeks[-1].week_start == date(2026, 3, 23)
    assert (result.n, result.share, result.enough, result.trend) == (0, None, False, None)


def test_critic_frequency_uses_the_date_where_it_happened() -> None:
    # 00:30 on Monday 23 March at +02:00 is still Sunday in UTC.
    late = EntryPoint(datetime(2026, 3, 23, 0, 30, tzinfo=timezone(timedelta(hours=2))), True)
    result = critic_frequency([late], TODAY, weeks=2)
    assert [week.judged for week in result.weeks] == [0, 1]


def test_critic_frequency_refuses_an_empty_window() -> None:
    with pytest.raises(ValueError, match="at least one week"):
        critic_frequency([], TODAY, weeks=0)


# trap_mix


def _mix_entries() -> list[EntryPoint]:
    early = date(2026, 3, 2)  # weeks 1–2 of four: earlier half
    late = date(2026, 3, 16)  # weeks 3–4: later half
    return [
        entry(early, True, "labeling", "should"),
        entry(early, True, "labeling"),
        entry(early, True, "labeling"),
        entry(early, True, "should"),
        entry(early, False, "catastrophizing"),
        entry(early, None),  # no traps: not counted
        entry(late, True, "should"),
        entry(late, True, "should"),
        entry(late, True, "should", "labeling"),
        entry(late, True, "catastrophizing"),
        entry(late, True, "should", "should"),  # a trap counts once per entry
        entry(date(2026, 2, 27), True, "labeling"),  # before the window
    ]


def test_trap_mix_counts_shares_and_change() -> None:
    # Earlier: labeling 3, should 2, catastrophizing 1 (6 mentions).
    # Later: should 4, labeling 1, catastrophizing 1 (6 mentions).
    result = trap_mix(_mix_entries(), TODAY, weeks=4)
    assert (result.n, result.mentions, result.earlier_n, result.later_n) == (10, 12, 5, 5)
    assert result.later_from == date(2026, 3, 16)
    assert result.enough
    assert result.change_enough
    names = [(share.trap, share.count) for share in result.traps]
    assert names == [("should", 6), ("labeling", 4), ("catastrophizing", 2)]
    should, labeling, catastrophizing = result.traps
    assert should.share == pytest.approx(1 / 2)
    assert labeling.share == pytest.approx(1 / 3)
    assert catastrophizing.share == pytest.approx(1 / 6)
    assert (should.earlier_share, should.later_share) == pytest.approx((2 / 6, 4 / 6))
    assert should.change == pytest.approx(1 / 3)
    assert labeling.change == pytest.approx(-1 / 3)
    assert catastrophizing.change == pytest.approx(0.0)


def test_trap_mix_with_too_few_entries_gives_counts_only() -> None:
    few = [entry(date(2026, 3, 20), True, "labeling")] * (MIN_ENTRIES_FOR_MIX - 1)
    result = trap_mix(few, TODAY, weeks=4)
    assert not result.enough
    assert [(s.trap, s.count, s.share, s.change) for s in result.traps] == [
        ("labeling", 4, None, None)
    ]


def test_trap_mix_needs_both_halves_for_a_change() -> None:
    entries = [e for e in _mix_entries() if e.traps != ("should", "should")]  # later: 4
    result = trap_mix(entries, TODAY, weeks=4)
    assert result.enough
    assert (result.earlier_n, result.later_n) == (5, 4)
    assert not result.change_enough
    assert all(s.share is not None and s.change is None for s in result.traps)


# reframe_believability


def test_reframe_believability_by_hand() -> None:
    # Drops 40, 20, 60, 0, 30: mean 30, s² = 2000 / 4 = 500, se = √(500/5) = 10,
    # half = 2.776445 · 10.
    pairs = [(80, 40), (70, 50), (90, 30), (60, 60), (100, 70)]
    points = [ReframePoint(at(TODAY), before, after) for before, after in pairs]
    points.append(ReframePoint(at(TODAY), 80, None))
    result = reframe_believability(points)
    assert (result.n, result.without_both, result.enough) == (5, 1, True)
    assert result.drop is not None
    assert result.drop.mean == 30
    assert result.drop.low == pytest.approx(30 - 27.76445, abs=1e-5)
    assert result.drop.high == pytest.approx(30 + 27.76445, abs=1e-5)


def test_reframe_believability_needs_enough_pairs() -> None:
    points = [ReframePoint(at(TODAY), 80, 20)] * (MIN_REFRAMES_FOR_BELIEF - 1)
    result = reframe_believability([*points, ReframePoint(at(TODAY), None, 10)])
    assert (result.n, result.without_both, result.enough, result.drop) == (4, 1, False, None)


# setbacks

SERIES_START = date(2026, 3, 1)
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


# what_helps


def session(
    day: int,
    practice: str,
    kind: str,
    stress: tuple[int | None, int | None] = (None, None),
    kindness: tuple[int | None, int | None] = (None, None),
    completed: bool = True,
) -> SessionPoint:
    return SessionPoint(
        at=at(SERIES_START + timedelta(days=day), 20),
        practice=practice,
        kind=kind,
        completed=completed,
        seconds=300.0,
        stress_before=stress[0],
        stress_after=stress[1],
        kindness_before=kindness[0],
        kindness_after=kindness[1],
    )


def _sessions() -> list[SessionPoint]:
    return [
        session(0, "box", "breathing", (7, 4), (3, 5)),
        session(1, "box", "breathing", (6, 4), (4, 6)),
        session(2, "box", "breathing", (8, 5), (2, 3)),
        session(3, "box", "breathing", (5, 4), completed=False),  # stopped early: still counts
        session(4, "box", "breathing", (6, 3)),
        session(5, "gentle", "breathing", (5, 5)),
        session(20, "self-compassion-break", "guided", (6, 4)),
        session(21, "self-compassion-break", "guided", (6, 4)),
        session(22, "self-compassion-break", "guided", (6, 4)),
        session(23, "self-compassion-break", "guided", (6, 4)),
        session(23, "self-compassion-break", "guided", (6, None)),  # one number: left out
    ]


# Days 0–5 have practice, days 6–11 don't. Day 3 has two check-ins (5 and 7 → 6).
# With practice: 6, 7, 8, 6, 7, 8 (mean 7, s² = 4/5 = 0.8);
# without: 5, 5, 6, 4, 5, 5 (mean 5, s² = 2/5 = 0.4).
# se² = 0.8/6 + 0.4/6 = 0.2; df = 0.04 / ((0.8/6)²/5 + (0.4/6)²/5) = 9;
# half = 2.262157 · √0.2 = 1.011667.
PRACTICE_DAY_MOODS: dict[int, int | tuple[int, ...]] = {
    0: 6,
    1: 7,
    2: 8,
    3: (5, 7),
    4: 7,
    5: 8,
    6: 5,
    7: 5,
    8: 6,
    9: 4,
    10: 5,
    11: 5,
}


def test_what_helps_by_kind_and_practice() -> None:
    result = what_helps(_sessions(), mood_series(SERIES_START, PRACTICE_DAY_MOODS))
    assert result.n == 11
    assert result.enough
    breathing, guided, writing = result.kinds
    # box and gentle: −3, −2, −3, −1, −3, 0 → mean −2, s² = 8/5, half = 2.570582 · √(1.6/6)
    assert (breathing.kind, breathing.practice, breathing.sessions) == ("breathing", None, 6)
    assert breathing.stress.n == 6
    assert breathing.stress.change is not None
    assert breathing.stress.change.mean == pytest.approx(-2.0)
    assert breathing.stress.change.low == pytest.approx(-2 - 1.327443, abs=1e-5)
    assert breathing.stress.change.high == pytest.approx(-2 + 1.327443, abs=1e-5)
    assert (breathing.kindness.n, breathing.kindness.enough) == (3, False)
    assert breathing.kindness.change is None
    assert (guided.sessions, guided.stress.n, guided.stress.enough) == (5, 4, False)
    assert (writing.sessions, writing.stress.n, writing.stress.change) == (0, 0, None)
    # Only box has enough sessions: −3, −2, −3, −1, −3 → mean −2.4, s² = 0.8, se = 0.4
    (box,) = result.practices
    assert (box.kind, box.practice, box.sessions) == ("breathing", "box", 5)
    assert box.stress.change is not None
    assert box.stress.change.mean == pytest.approx(-2.4)
    assert box.stress.change.low == pytest.approx(-2.4 - 1.110578, abs=1e-5)
    assert box.stress.change.high == pytest.approx(-2.4 + 1.110578, abs=1e-5)
    assert MIN_SESSIONS_FOR_CHANGE == 5


def test_what_helps_mood_on_practice_days_by_hand() -> None:
    mood = what_helps(_sessions(), mood_series(SERIES_START, PRACTICE_DAY_MOODS)).mood
    assert (mood.days_with, mood.days_without, mood.n, mood.enough) == (6, 6, 12, True)
    assert mood.mean_with == pytest.approx(7.0)
    assert mood.mean_without == pytest.approx(5.0)
    assert mood.difference is not None
    assert mood.difference.df == pytest.approx(9.0)
    assert mood.difference.difference == pytest.approx(2.0)
    assert mood.difference.low == pytest.approx(2 - 1.011667, abs=1e-5)
    assert mood.difference.high == pytest.approx(2 + 1.011667, abs=1e-5)


def test_what_helps_needs_enough_days_each_side() -> None:
    moods = {day: mood for day, mood in PRACTICE_DAY_MOODS.items() if day != 0}
    result = what_helps(_sessions(), mood_series(SERIES_START, moods))
    assert (result.mood.days_with, result.mood.enough) == (5, True)
    moods.pop(1)
    mood = what_helps(_sessions(), mood_series(SERIES_START, moods)).mood
    assert (mood.days_with, mood.days_without, mood.enough) == (4, 6, False)
    assert (mood.mean_with, mood.mean_without, mood.difference) == (None, None, None)
    assert MIN_DAYS_EACH_SIDE == 5


def test_what_helps_knows_every_kind_of_practice() -> None:
    assert SESSION_KINDS == PRACTICE_KINDS


def test_what_helps_with_nothing() -> None:
    result = what_helps([], [])
    assert (result.n, result.enough, result.practices) == (0, False, ())
    assert [effect.kind for effect in result.kinds] == ["breathing", "guided", "writing"]
    assert result.mood.n == 0


# adherence


def test_adherence_by_week() -> None:
    today = date(2026, 3, 18)  # a Wednesday, not marked yet
    marks: dict[date, DayMark] = {
        date(2026, 3, 2): "done",
        date(2026, 3, 3): "done",
        date(2026, 3, 4): "not_done",
        date(2026, 3, 5): "skipped",
        date(2026, 3, 6): "done",
        # 7 and 8 March: no mark, not done
        date(2026, 3, 9): "done",
        date(2026, 3, 10): "skipped",
        **{date(2026, 3, day): "done" for day in range(11, 17)},
        # 17 March: no mark, not done; 18 March (today): no mark yet, not counted
        date(2026, 3, 19): "done",  # after today
    }
    result = adherence(marks, today, weeks=4)
    assert result.weeks == (
        AdherenceWeek(date(2026, 2, 23), done=0, not_done=0, skipped=0, rate=None),
        AdherenceWeek(date(2026, 3, 2), done=3, not_done=3, skipped=1, rate=0.5),
        AdherenceWeek(date(2026, 3, 9), done=6, not_done=0, skipped=1, rate=1.0),
        AdherenceWeek(date(2026, 3, 16), done=1, not_done=1, skipped=0, rate=0.5),
    )
    assert result.first_day == date(2026, 3, 2)
    assert (result.n, result.done, result.skipped, result.enough) == (14, 10, 2, True)
    assert result.rate == pytest.approx(10 / 14)
    marks[today] = "done"
    assert adherence(marks, today, weeks=4).rate == pytest.approx(11 / 15)


def test_adherence_without_marks() -> None:
    result = adherence({}, TODAY)
    assert (result.first_day, result.n, result.enough, result.rate) == (None, 0, False, None)
    assert len(result.weeks) == 8
    assert all(week.rate is None for week in result.weeks)


def test_adherence_of_only_skipped_days_has_no_rate() -> None:
    result = adherence({TODAY: "skipped"}, TODAY)
    assert (result.n, result.skipped, result.enough, result.rate) == (0, 1, False, None)


# properties


@given(
    st.lists(
        st.tuples(
            st.integers(0, 90),
            st.one_of(st.none(), st.booleans()),
            st.lists(st.sampled_from(["labeling", "should", "mind-reading"]), max_size=3),
        ),
        max_size=60,
    )
)
def test_shares_lie_between_zero_and_one(
    rows: list[tuple[int, bool | None, list[str]]],
) -> None:
    entries = [
        entry(TODAY - timedelta(days=back), critical, *traps) for back, critical, traps in rows
    ]
    frequency = critic_frequency(entries, TODAY)
    for week in frequency.weeks:
        assert week.share is None or 0 <= week.share <= 1
        assert week.self_critical <= week.judged <= week.entries
    mix = trap_mix(entries, TODAY)
    shares = [share.share for share in mix.traps if share.share is not None]
    assert all(0 <= share <= 1 for share in shares)
    if mix.enough:
        assert sum(shares) == pytest.approx(1.0)
