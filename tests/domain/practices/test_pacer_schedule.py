"""The pacer's schedule for every shipped pattern: order, boundaries, length and lookups.

Every shipped length is a whole or half second, exact in binary, so the expected
times below compare with ``==``. Where a test steps just short of a boundary it
uses a tolerance.
"""

from __future__ import annotations

import math

import pytest

from kindvoice.domain.practices.catalog import find_pattern, pattern_ids
from kindvoice.domain.practices.pacer import (
    MAX_SESSION_SECONDS,
    LengthError,
    Schedule,
    make_schedule,
)
from kindvoice.domain.practices.patterns import Pattern, parse_pattern
from tests.domain.practices.shipped import CYCLES_FOR_MINUTES, FIRST_CYCLE, IDS, SHIPPED

CYCLES = 3
JUST = 1e-6  # a moment short of a boundary


def shipped(pattern_id: str) -> Pattern:
    found = find_pattern(pattern_id)
    assert found is not None, pattern_id
    return found


def test_schedule_tests_cover_every_shipped_pattern() -> None:
    assert sorted(pattern_ids()) == IDS, "add the new pattern to tests/domain/practices/shipped.py"


@pytest.mark.parametrize("pattern_id", IDS)
def test_schedule_phase_order_for(pattern_id: str) -> None:
    pattern = shipped(pattern_id)
    assert tuple((p.kind, p.seconds, p.top_up) for p in pattern.phases) == SHIPPED[pattern_id]
    schedule = make_schedule(pattern, cycles=CYCLES)
    found = [(b.index, b.cycle, b.step, b.phase) for b in schedule.boundaries()]
    per_cycle = len(pattern.phases)
    assert found == [
        (cycle * per_cycle + step, cycle, step, phase)
        for cycle in range(CYCLES)
        for step, phase in enumerate(pattern.phases)
    ]


@pytest.mark.parametrize("pattern_id", IDS)
def test_schedule_boundary_offsets_for(pattern_id: str) -> None:
    *starts, cycle = FIRST_CYCLE[pattern_id]
    schedule = make_schedule(shipped(pattern_id), cycles=CYCLES)
    expected = [n * cycle + start for n in range(CYCLES) for start in starts]
    assert [b.start for b in schedule.boundaries()] == expected
    assert [b.end for b in schedule.boundaries()] == [*expected[1:], CYCLES * cycle]
    assert schedule.offsets == (*expected, CYCLES * cycle)
    assert schedule.phase_count == len(expected)
    for boundary in schedule.boundaries():
        assert boundary.end - boundary.start == boundary.phase.seconds


@pytest.mark.parametrize("pattern_id", IDS)
def test_schedule_length_in_cycles_and_minutes_for(pattern_id: str) -> None:
    pattern = shipped(pattern_id)
    cycle = FIRST_CYCLE[pattern_id][-1]
    assert pattern.cycle_seconds == cycle
    for cycles in (1, 2, 7):
        schedule = make_schedule(pattern, cycles=cycles)
        assert schedule.cycles == cycles
        assert schedule.total == cycles * cycle
    for minutes, cycles in CYCLES_FOR_MINUTES[pattern_id].items():
        schedule = make_schedule(pattern, minutes=minutes)
        assert schedule.cycles == cycles, minutes
        assert schedule.total == cycles * cycle
        # Nearest whole cycle: never more than half a cycle away from what was asked.
        assert abs(schedule.total - minutes * 60) <= cycle / 2


@pytest.mark.parametrize("pattern_id", IDS)
def test_schedule_phase_at_boundaries_and_midway_for(pattern_id: str) -> None:
    schedule = make_schedule(shipped(pattern_id), cycles=CYCLES)
    total = schedule.total
    for boundary in schedule.boundaries():
        seconds = boundary.phase.seconds
        at_start = schedule.phase_at(boundary.start)
        assert (at_start.index, at_start.cycle, at_start.step) == (
            boundary.index,
            boundary.cycle,
            boundary.step,
        )
        assert at_start.phase == boundary.phase
        assert at_start.seconds_left == seconds
        assert at_start.phase_fraction == 0.0
        assert at_start.session_fraction == boundary.start / total
        assert not at_start.finished

        midway = schedule.phase_at(boundary.start + seconds / 2)
        assert midway.index == boundary.index
        assert midway.seconds_left == seconds / 2
        assert midway.phase_fraction == 0.5
        assert midway.elapsed == boundary.start + seconds / 2

        nearly = schedule.phase_at(boundary.end - JUST)
        assert nearly.index == boundary.index
        assert nearly.seconds_left == pytest.approx(JUST, abs=1e-9)
        assert nearly.phase_fraction == pytest.approx(1 - JUST / seconds, abs=1e-9)
        assert 0.0 <= nearly.phase_fraction < 1.0


@pytest.mark.parametrize("pattern_id", IDS)
def test_schedule_finished_for(pattern_id: str) -> None:
    schedule = make_schedule(shipped(pattern_id), cycles=CYCLES)
    total = schedule.total
    assert not schedule.is_finished(total - JUST)
    assert not schedule.phase_at(total - JUST).finished
    assert schedule.next_change(total - JUST) == total
    for after in (total, total + 0.25, total * 10, math.inf):
        state = schedule.phase_at(after)
        assert schedule.is_finished(after)
        assert state.finished
        assert state.index == schedule.phase_count - 1
        assert state.phase == schedule.pattern.phases[-1]
        assert (state.elapsed, state.seconds_left) == (total, 0.0)
        assert state.phase_fraction == state.session_fraction == 1.0
        assert schedule.next_change(after) is None


def test_schedule_times_before_the_start_read_as_the_start() -> None:
    schedule = make_schedule(shipped("box"), cycles=1)
    early = schedule.phase_at(-3.0)
    assert (early.index, early.elapsed, early.seconds_left, early.session_fraction) == (
        0,
        0.0,
        4.0,
        0.0,
    )
    assert schedule.next_change(-3.0) == 4.0


def test_schedule_next_change_is_the_next_boundary() -> None:
    schedule = make_schedule(shipped("4-7-8"), cycles=2)
    assert [schedule.next_change(t) for t in (0, 3.999, 4, 10.5, 11, 37.9)] == [
        4,
        4,
        11,
        11,
        19,
        38,
    ]
    assert schedule.next_change(38) is None


def test_schedule_rejects_nan_times() -> None:
    schedule = make_schedule(shipped("box"), cycles=1)
    with pytest.raises(ValueError, match="NaN"):
        schedule.phase_at(math.nan)
    with pytest.raises(ValueError, match="NaN"):
        schedule.next_change(math.nan)


def test_schedule_boundary_index_out_of_range() -> None:
    schedule = make_schedule(shipped("gentle"), cycles=1)
    assert schedule.boundary(1).phase.kind == "exhale"
    for index in (-1, 2):
        with pytest.raises(IndexError):
            schedule.boundary(index)


def test_schedule_minutes_round_half_up_to_whole_cycles() -> None:
    pattern = parse_pattern("0.5-1")  # 1.5 s a cycle
    assert make_schedule(pattern, minutes=0.0625).cycles == 3  # 3.75 s: 2.5 cycles
    assert make_schedule(pattern, minutes=0.05).cycles == 2  # 3 s: exactly 2
    assert make_schedule(pattern, minutes=0.001).cycles == 1  # a moment: still one breath


def test_schedule_minutes_stay_within_the_longest_session() -> None:
    assert make_schedule(shipped("box"), minutes=120).total == MAX_SESSION_SECONDS  # 450 cycles
    nearly = make_schedule(shipped("4-7-8"), minutes=120)  # 378.9 cycles would round past it
    assert nearly.cycles == 378
    assert nearly.total <= MAX_SESSION_SECONDS


@pytest.mark.parametrize(
    ("cycles", "minutes", "reason"),
    [
        (None, None, "no_length"),
        (1, 1.0, "two_lengths"),
        (0, None, "too_short"),
        (-3, None, "too_short"),
        (2.5, None, "not_whole"),
        (True, None, "not_whole"),
        (10_000, None, "too_long"),
        (None, 0.0, "too_short"),
        (None, -1.0, "too_short"),
        (None, math.nan, "not_finite"),
        (None, math.inf, "not_finite"),
        (None, 121.0, "too_long"),
        (None, "5", "not_a_number"),
    ],
)
def test_schedule_length_errors(cycles: object, minutes: object, reason: str) -> None:
    with pytest.raises(LengthError) as caught:
        make_schedule(shipped("box"), cycles=cycles, minutes=minutes)  # type: ignore[arg-type]
    assert caught.value.reason == reason
    assert isinstance(caught.value, ValueError)


def test_schedule_offsets_are_exact_sums_of_the_phases() -> None:
    # Lengths that aren't exact in binary: the offsets are still the correctly
    # rounded sums, where adding them up one by one would wander by a few ulps.
    pattern = parse_pattern("0.7-1.3-2.9-0.6")
    schedule = Schedule(pattern, 400)
    lengths = [b.phase.seconds for b in schedule.boundaries()]
    for boundary in schedule.boundaries():
        assert boundary.start == math.fsum(lengths[: boundary.index])
    assert schedule.total == math.fsum(lengths)


def test_schedule_is_a_plain_value() -> None:
    pattern = shipped("box")
    assert make_schedule(pattern, cycles=2) == Schedule(pattern, 2)
    assert hash(make_schedule(pattern, cycles=2)) == hash(Schedule(pattern, 2))
    assert make_schedule(pattern, cycles=2) != Schedule(pattern, 3)
