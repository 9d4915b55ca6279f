"""For any valid pattern and any moment, the schedule's boundaries and lookups agree."""

from __future__ import annotations

import itertools
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from kindvoice.domain.practices.pacer import Schedule
from kindvoice.domain.practices.patterns import (
    MAX_PHASE_SECONDS,
    MAX_PHASES,
    MIN_PHASE_SECONDS,
    PHASE_KINDS,
    Pattern,
    Phase,
)

# Any float a phase may last, including ones that aren't exact in binary.
lengths = st.floats(min_value=MIN_PHASE_SECONDS, max_value=MAX_PHASE_SECONDS)


@st.composite
def patterns(draw: st.DrawFn) -> Pattern:
    count = draw(st.integers(min_value=2, max_value=MAX_PHASES))
    kinds = list(draw(st.lists(st.sampled_from(PHASE_KINDS), min_size=count, max_size=count)))
    first, second = draw(st.permutations(range(count)))[:2]
    kinds[first], kinds[second] = "inhale", "exhale"  # every pattern breathes in and out
    phases = []
    for index, kind in enumerate(kinds):
        after_inhale = index > 0 and kinds[index - 1] == "inhale"
        top_up = kind == "inhale" and after_inhale and draw(st.booleans())
        phases.append(Phase(kind, draw(lengths), top_up))
    return Pattern("custom", "drawn", tuple(phases))


# 8 phases of 60 s for 15 cycles is the longest session allowed.
@settings(max_examples=150, deadline=None)
@given(
    pattern=patterns(),
    cycles=st.integers(min_value=1, max_value=15),
    moment=st.floats(min_value=-0.05, max_value=1.05),
)
def test_schedule_boundaries_and_phase_at_agree(
    pattern: Pattern, cycles: int, moment: float
) -> None:
    schedule = Schedule(pattern, cycles)
    bounds = list(schedule.boundaries())
    total = schedule.total
    assert len(bounds) == cycles * len(pattern.phases) == schedule.phase_count

    # Strictly increasing, back to back, from 0 to the total.
    assert bounds[0].start == 0.0
    for before, after in itertools.pairwise(bounds):
        assert before.start < after.start
        assert before.end == after.start
    assert bounds[-1].end == total

    # Each boundary is the exact sum of the phases before it (rounded once), so
    # the phase lengths sum to the total with no drift at all.
    seconds = [b.phase.seconds for b in bounds]
    assert math.fsum(seconds) == total
    for boundary in bounds:
        assert boundary.start == math.fsum(seconds[: boundary.index])
        assert schedule.phase_at(boundary.start).index == boundary.index

    # Any moment falls in the phase whose boundaries surround it.
    elapsed = moment * total
    state = schedule.phase_at(elapsed)
    assert 0.0 <= state.phase_fraction <= 1.0
    assert 0.0 <= state.session_fraction <= 1.0
    if elapsed >= total:
        assert state.finished
        assert state.index == len(bounds) - 1
        assert state.seconds_left == 0.0
        return
    at = max(elapsed, 0.0)
    now = bounds[state.index]
    assert not state.finished
    assert now.start <= at < now.end
    assert (state.cycle, state.step, state.phase) == (now.cycle, now.step, now.phase)
    assert state.seconds_left == now.end - at
    assert 0.0 < state.seconds_left <= now.end - now.start
    # A phase lasts its length to within the rounding of its two boundaries.
    assert abs((now.end - now.start) - now.phase.seconds) <= math.ulp(now.end)
    assert schedule.next_change(elapsed) == now.end
