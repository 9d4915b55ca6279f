"""A pacer session on a fake clock: practice time, pauses, and what a renderer waits for."""

from __future__ import annotations

import time

import pytest

from kindvoice.domain.practices.catalog import find_pattern
from kindvoice.domain.practices.pacer import PacerSession, Schedule, Stopwatch, make_schedule
from kindvoice.domain.practices.patterns import Pattern, parse_pattern
from tests.domain.practices._clock import FakeClock
from tests.domain.practices.shipped import IDS

START = 5000.0


def shipped(pattern_id: str) -> Pattern:
    found = find_pattern(pattern_id)
    assert found is not None, pattern_id
    return found


def session_for(pattern: Pattern, cycles: int = 2) -> tuple[PacerSession, FakeClock]:
    clock = FakeClock(START)
    return PacerSession(make_schedule(pattern, cycles=cycles), clock), clock


@pytest.mark.parametrize("pattern_id", IDS)
def test_session_paused_time_does_not_count_for(pattern_id: str) -> None:
    session, clock = session_for(shipped(pattern_id))
    first, second = session.schedule.boundary(0), session.schedule.boundary(1)
    assert session.started_at == START
    assert session.elapsed() == 0.0
    assert session.state().index == 0

    clock.advance(first.phase.seconds)  # exactly at the second phase
    assert session.elapsed() == second.start
    assert session.state().index == 1

    clock.advance(second.phase.seconds / 2)
    midway = second.start + second.phase.seconds / 2
    session.pause()
    assert session.paused
    clock.advance(100.0)
    assert session.elapsed() == midway
    assert session.state().index == 1
    assert session.state().seconds_left == second.phase.seconds / 2
    assert session.next_change_at() is None
    assert session.instant_of(second.end) is None

    session.pause()  # a second pause changes nothing
    clock.advance(7.0)
    assert session.elapsed() == midway
    assert session.paused_seconds() == 107.0

    session.resume()
    assert not session.paused
    assert session.elapsed() == midway
    session.resume()  # a second resume changes nothing
    assert session.elapsed() == midway
    assert session.paused_seconds() == 107.0
    # The rest of the session runs 107 s later than it would have.
    assert session.next_change_at() == START + 107.0 + second.end

    clock.advance(second.phase.seconds / 2)
    assert session.elapsed() == second.end
    assert session.state().index == 2


@pytest.mark.parametrize("pattern_id", IDS)
def test_session_finishes_after_the_last_phase_for(pattern_id: str) -> None:
    session, clock = session_for(shipped(pattern_id))
    total = session.schedule.total
    clock.advance(total / 2)
    session.pause()
    clock.advance(30.0)
    session.resume()
    clock.advance(total / 2 - 0.25)
    assert not session.finished
    assert session.next_change_at() == START + 30.0 + total

    clock.advance(0.25)
    assert session.finished
    assert session.state().finished
    assert session.next_change_at() is None
    clock.advance(60.0)
    assert session.elapsed() == total  # practice time stops at the end
    assert session.state().session_fraction == 1.0

    session.pause()  # nothing left to pause
    assert not session.paused
    session.resume()
    assert session.finished


def test_session_renderer_visits_every_boundary_on_time() -> None:
    """A renderer that waits for next_change_at() sees each phase start, then the end."""
    session, clock = session_for(shipped("cyclic-sighing"), cycles=3)
    seen = [session.state().index]
    waits: list[float] = []
    while (instant := session.next_change_at()) is not None:
        waits.append(instant - START)
        clock.now = instant
        seen.append(session.state().index)
    assert waits == list(session.schedule.offsets[1:])
    assert seen == [*range(session.schedule.phase_count), session.schedule.phase_count - 1]
    assert session.finished


def test_session_late_wake_ups_do_not_push_later_boundaries() -> None:
    # Each wake-up comes 0.3 s late; a sleep loop would fall 0.3 s further behind
    # each time, but the pacer keeps naming the same instants.
    session, clock = session_for(shipped("box"), cycles=2)
    asked: list[float] = []
    while (instant := session.next_change_at()) is not None:
        asked.append(instant)
        clock.now = instant + 0.3
    assert asked == [START + offset for offset in session.schedule.offsets[1:]]


def test_session_after_a_pause_the_renderer_waits_for_the_shifted_instant() -> None:
    session, clock = session_for(parse_pattern("2-3"), cycles=2)
    clock.advance(1.0)
    assert session.next_change_at() == START + 2.0
    session.pause()
    clock.advance(4.5)
    session.resume()
    assert session.next_change_at() == START + 4.5 + 2.0
    assert session.instant_of(5.0) == START + 4.5 + 5.0


def test_session_pause_before_anything_happens() -> None:
    session, clock = session_for(shipped("gentle"))
    session.pause()
    clock.advance(10.0)
    session.resume()
    assert session.elapsed() == 0.0
    clock.advance(3.0)
    assert session.state().phase.kind == "exhale"


def test_session_never_reads_negative_time_from_a_clock_that_steps_back() -> None:
    session, clock = session_for(shipped("gentle"))
    clock.now = START - 5.0
    assert session.elapsed() == 0.0
    assert session.state().index == 0


def test_session_uses_the_monotonic_clock_by_default() -> None:
    before = time.monotonic()
    session = PacerSession(Schedule(shipped("gentle"), 1))
    assert before <= session.started_at <= time.monotonic()
    assert 0.0 <= session.elapsed() < 1.0


# --- the stopwatch under guided practices ------------------------------------------


def test_stopwatch_counts_practice_time_only() -> None:
    clock = FakeClock(100.0)
    watch = Stopwatch(clock, limit=10.0)
    clock.advance(3.0)
    watch.pause()
    clock.advance(50.0)
    assert watch.elapsed() == 3.0
    assert watch.instant_of(5.0) is None
    watch.resume()
    assert watch.instant_of(5.0) == 155.0
    clock.advance(100.0)
    assert watch.elapsed() == 10.0  # held at the limit
    watch.pause()
    assert not watch.paused  # nothing to pause once the time is up


def test_stopwatch_without_a_limit_keeps_counting() -> None:
    clock = FakeClock(0.0)
    watch = Stopwatch(clock)
    clock.advance(7200.0)
    assert watch.elapsed() == 7200.0
