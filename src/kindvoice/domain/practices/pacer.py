"""The breathing pacer: a pattern laid out in time, and a session that follows it.

Every phase boundary is worked out from the start of the session by arithmetic
(the start plus the lengths of every phase before it), never by adding up sleeps.
A renderer that sleeps until the next boundary can wake a little late, but one
late wake-up never pushes the next boundary back, so the session cannot drift.

The offsets are exact: each phase length is a binary fraction, so all of them are
written as whole numbers of one common tick, summed as integers, and divided once.
Each boundary is therefore the correctly rounded sum of the phases before it.
"""

from __future__ import annotations

import bisect
import itertools
import math
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from kindvoice.domain.practices.patterns import Pattern, Phase

MAX_SESSION_MINUTES = 120
MAX_SESSION_SECONDS = MAX_SESSION_MINUTES * 60

LENGTH_REASONS: tuple[str, ...] = (
    "no_length",  # neither cycles nor minutes given
    "two_lengths",  # both given
    "not_whole",  # cycles that aren't a whole number
    "not_a_number",
    "not_finite",
    "too_short",  # under one cycle, or no minutes at all
    "too_long",  # over MAX_SESSION_MINUTES
)


class LengthError(ValueError):
    """A session length the pacer can't use; ``reason`` is one of LENGTH_REASONS."""

    def __init__(self, reason: str, part: str = "") -> None:
        self.reason = reason
        self.part = part
        super().__init__(f"{reason}: {part!r}")


@dataclass(frozen=True)
class Boundary:
    """One phase of a session and when it runs, in seconds from the start.

    ``index`` counts phases across the whole session, ``cycle`` counts cycles and
    ``step`` is the phase's place in the pattern; all three start at 0.
    """

    index: int
    cycle: int
    step: int
    phase: Phase
    start: float
    end: float


@dataclass(frozen=True)
class PhaseState:
    """Where a session is at one moment.

    ``elapsed`` is practice time, held between 0 and the session's total;
    ``phase_fraction`` and ``session_fraction`` run from 0 to 1. Once finished,
    the state shows the last phase, complete.
    """

    index: int
    cycle: int
    step: int
    phase: Phase
    elapsed: float
    seconds_left: float
    phase_fraction: float
    session_fraction: float
    finished: bool


@dataclass(frozen=True)
class Schedule:
    """A pattern repeated ``cycles`` times, with every boundary worked out in advance."""

    pattern: Pattern
    cycles: int
    _offsets: tuple[float, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if isinstance(self.cycles, bool) or not isinstance(self.cycles, int):
            raise LengthError("not_whole", str(self.cycles))
        if self.cycles < 1:
            raise LengthError("too_short", str(self.cycles))
        ticks, per_second = _exact_ticks([phase.seconds for phase in self.pattern.phases])
        cycle_ticks = sum(ticks)
        if self.cycles * cycle_ticks > MAX_SESSION_SECONDS * per_second:
            raise LengthError("too_long", str(self.cycles))
        starts = list(itertools.accumulate(ticks, initial=0))[:-1]
        offsets = [
            (cycle * cycle_ticks + start) / per_second  # int / int: correctly rounded
            for cycle in range(self.cycles)
            for start in starts
        ]
        offsets.append(self.cycles * cycle_ticks / per_second)
        object.__setattr__(self, "_offsets", tuple(offsets))

    @property
    def total(self) -> float:
        """The session's length in seconds."""
        return self._offsets[-1]

    @property
    def offsets(self) -> tuple[float, ...]:
        """When each phase starts, in seconds from the start, then the session's end."""
        return self._offsets

    @property
    def phase_count(self) -> int:
        return len(self._offsets) - 1

    def boundary(self, index: int) -> Boundary:
        """The ``index``-th phase of the session (from 0)."""
        if not 0 <= index < self.phase_count:
            raise IndexError(index)
        cycle, step = divmod(index, len(self.pattern.phases))
        return Boundary(
            index=index,
            cycle=cycle,
            step=step,
            phase=self.pattern.phases[step],
            start=self._offsets[index],
            end=self._offsets[index + 1],
        )

    def boundaries(self) -> Iterator[Boundary]:
        """Every phase of the session in order, for a renderer to wait for one by one."""
        return (self.boundary(index) for index in range(self.phase_count))

    def is_finished(self, elapsed: float) -> bool:
        return elapsed >= self.total

    def phase_at(self, elapsed: float) -> PhaseState:
        """The phase running ``elapsed`` seconds into the session.

        A phase runs from its start up to, not including, its end: at a boundary
        the new phase has just begun. Times before the start read as the start.
        """
        if math.isnan(elapsed):
            raise ValueError("elapsed is NaN")
        if elapsed >= self.total:
            return self._state(self.boundary(self.phase_count - 1), self.total, finished=True)
        at = max(elapsed, 0.0)
        return self._state(self.boundary(bisect.bisect_right(self._offsets, at) - 1), at)

    def _state(self, now: Boundary, at: float, *, finished: bool = False) -> PhaseState:
        return PhaseState(
            index=now.index,
            cycle=now.cycle,
            step=now.step,
            phase=now.phase,
            elapsed=at,
            seconds_left=0.0 if finished else now.end - at,
            phase_fraction=1.0 if finished else min((at - now.start) / (now.end - now.start), 1.0),
            session_fraction=1.0 if finished else min(at / self.total, 1.0),
            finished=finished,
        )

    def next_change(self, elapsed: float) -> float | None:
        """When the next phase starts (or the session ends) after ``elapsed``; None if finished."""
        if math.isnan(elapsed):
            raise ValueError("elapsed is NaN")
        if elapsed >= self.total:
            return None
        return self._offsets[bisect.bisect_right(self._offsets, max(elapsed, 0.0))]


def make_schedule(
    pattern: Pattern, *, cycles: int | None = None, minutes: float | None = None
) -> Schedule:
    """A schedule for ``pattern``, as long as either ``cycles`` or ``minutes`` says.

    Minutes become the nearest whole number of cycles (see ``cycles_for_minutes``),
    so the session always ends as a breath cycle ends. Raises LengthError.
    """
    if minutes is not None:
        if cycles is not None:
            raise LengthError("two_lengths")
        return Schedule(pattern, cycles_for_minutes(pattern, minutes))
    if cycles is None:
        raise LengthError("no_length")
    return Schedule(pattern, cycles)


def cycles_for_minutes(pattern: Pattern, minutes: float) -> int:
    """The whole number of cycles closest to ``minutes`` (a half rounds up), at least one.

    Near the longest session, the count rounds down rather than go past it.
    """
    if isinstance(minutes, bool) or not isinstance(minutes, int | float):
        raise LengthError("not_a_number", str(minutes))
    if not math.isfinite(minutes):
        raise LengthError("not_finite", str(minutes))
    if minutes <= 0:
        raise LengthError("too_short", str(minutes))
    if minutes > MAX_SESSION_MINUTES:
        raise LengthError("too_long", str(minutes))
    cycle = sum((Fraction(phase.seconds) for phase in pattern.phases), Fraction(0))
    nearest = math.floor(Fraction(minutes) * 60 / cycle + Fraction(1, 2))
    fits = math.floor(MAX_SESSION_SECONDS / cycle)
    return max(1, min(nearest, fits))


class Stopwatch:
    """Practice time on a monotonic clock: it starts when made and can be paused.

    ``clock`` returns seconds from a clock that never goes backwards
    (``time.monotonic`` unless a test passes a fake). Paused time doesn't count.
    ``limit``, when given, is where practice time stops: the end of the session.
    """

    def __init__(
        self, clock: Callable[[], float] = time.monotonic, limit: float | None = None
    ) -> None:
        self._clock = clock
        self.limit = limit
        self.started_at = clock()
        self._paused_before = 0.0  # the pauses that have ended
        self._paused_since: float | None = None

    @property
    def paused(self) -> bool:
        return self._paused_since is not None

    def elapsed(self) -> float:
        """Seconds of practice so far: time since the start, less every pause."""
        now = self._clock() if self._paused_since is None else self._paused_since
        practised = max(now - self.started_at - self._paused_before, 0.0)
        return practised if self.limit is None else min(practised, self.limit)

    def paused_seconds(self) -> float:
        """Seconds spent paused so far, the current pause included."""
        current = 0.0 if self._paused_since is None else self._clock() - self._paused_since
        return self._paused_before + max(current, 0.0)

    def pause(self) -> None:
        """Stop practice time; harmless when already paused or past the limit."""
        at_limit = self.limit is not None and self.elapsed() >= self.limit
        if self._paused_since is None and not at_limit:
            self._paused_since = self._clock()

    def resume(self) -> None:
        """Let practice time run again; harmless when not paused."""
        if self._paused_since is not None:
            self._paused_before += max(self._clock() - self._paused_since, 0.0)
            self._paused_since = None

    def instant_of(self, offset: float) -> float | None:
        """The clock reading when practice time reaches ``offset``, unless paused first.

        None while paused, because then no instant is known.
        """
        if self._paused_since is not None:
            return None
        return self.started_at + self._paused_before + offset


class PacerSession(Stopwatch):
    """One practice following a schedule on a monotonic clock, with pauses.

    The session starts when it is made; ``elapsed()`` stops at the schedule's end.
    Nothing here sleeps; a renderer asks ``next_change_at()`` and waits for that
    instant.
    """

    def __init__(self, schedule: Schedule, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(clock, limit=schedule.total)
        self.schedule = schedule

    @property
    def finished(self) -> bool:
        return self.schedule.is_finished(self.elapsed())

    def state(self) -> PhaseState:
        """The phase running now."""
        return self.schedule.phase_at(self.elapsed())

    def next_change_at(self) -> float | None:
        """The clock reading at which the next phase starts (or the session ends).

        None while paused or once finished. A renderer sleeps until this instant,
        draws ``state()``, and asks again; asking again is also how it catches up
        after a pause or a late wake-up.
        """
        offset = self.schedule.next_change(self.elapsed())
        return None if offset is None else self.instant_of(offset)


def _exact_ticks(lengths: Sequence[float]) -> tuple[list[int], int]:
    """The lengths as whole numbers of one common tick, and the ticks in a second.

    A float is an exact fraction whose denominator is a power of two, so the
    largest denominator is a multiple of all the others.
    """
    ratios = [length.as_integer_ratio() for length in lengths]
    per_second = max(denominator for _, denominator in ratios)
    ticks = [numerator * (per_second // denominator) for numerator, denominator in ratios]
    return ticks, per_second
