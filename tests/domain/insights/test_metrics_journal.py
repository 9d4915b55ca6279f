"""Journal metrics on hand-made series: critic frequency, trap mix, reframe believability."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kindvoice.domain.insights.inputs import EntryPoint, ReframePoint
from kindvoice.domain.insights.metrics import (
    MIN_ENTRIES_FOR_MIX,
    MIN_REFRAMES_FOR_BELIEF,
    MIN_WEEKS_FOR_TREND,
    CriticWeek,
    critic_frequency,
    reframe_believability,
    trap_mix,
)
from tests.domain.insights._series import TODAY, at, entry

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
