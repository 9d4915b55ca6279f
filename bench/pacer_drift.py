"""Drift of the breathing pacer on the real clock, beside a naive sleep loop.

Run it from the repository root with the interpreter kindvoice is installed in:

    .venv/bin/python bench/pacer_drift.py [--seconds 24] [--pattern 0.8-0.5-1.1-0.6]

Two parts:

1. Real time. A null renderer follows a ``PacerSession`` on ``time.monotonic``:
   it sleeps until the next boundary the schedule names, "draws" the new phase
   (formats a line it never prints) and records how late it woke against the
   scheduled instant. At the same time, in a second thread, a naive loop sleeps
   each phase's length back to back and records how far behind the same schedule
   each of its phase changes lands. A third thread runs the loop `kindvoice
   breathe` itself uses (``practice_loops.follow``, plain mode, no keys) and
   records, for each phase change it announces, how late that was. All three
   follow one fast pattern (default: a
   3-second, uneven box) for about ``--seconds``, side by side, so machine noise
   hits them alike. It prints the max and p95 drift of each in ms, the ratio of
   naive to pacer, and PASS/MISS against the target: max drift <= 2 ms for the
   pacer and for the command's loop.
2. Analytic. For each shipped pattern, and for the fast pattern, a 10-minute
   schedule's offsets from the start instant are compared with the exact sum of
   the phase lengths before each boundary; every one should be equal. Beside it,
   how far a running float total (``t += seconds``) strays, for contrast.

This is a benchmark, not a test: it always exits 0 and only reports figures.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import sys
import threading
import time
from dataclasses import dataclass, field
from fractions import Fraction

from kindvoice.domain.practices.catalog import load_patterns
from kindvoice.domain.practices.pacer import PacerSession, PhaseState, Schedule, make_schedule
from kindvoice.domain.practices.patterns import Pattern, PatternError, parse_pattern

TARGET_MAX_MS = 2.0
DEFAULT_SECONDS = 24.0
DEFAULT_PATTERN = "0.8-0.5-1.1-0.6"
ANALYTIC_MINUTES = 10


@dataclass
class Run:
    """The lateness of each drawn phase change, in seconds, and the last frame drawn."""

    drifts: list[float] = field(default_factory=list)
    frame: str = ""


def draw_state(state: PhaseState) -> str:
    """The null renderer: builds the line a terminal would show, and drops it."""
    return f"{state.phase.kind:<10} {state.seconds_left:5.1f}s  {state.session_fraction:6.1%}"


def sleep_until(instant: float) -> float:
    """Sleep until the monotonic clock reaches ``instant``; return the time it woke."""
    while (now := time.monotonic()) < instant:
        time.sleep(instant - now)
    return now


def follow_pacer(schedule: Schedule, gate: threading.Barrier, run: Run) -> None:
    gate.wait()
    session = PacerSession(schedule)
    drawn = (session.state().index, False)
    run.frame = draw_state(session.state())
    while (instant := session.next_change_at()) is not None:
        woke = sleep_until(instant)
        state = session.state()
        run.frame = draw_state(state)
        if (state.index, state.finished) != drawn:
            run.drifts.append(woke - instant)
            drawn = (state.index, state.finished)


def command_loop(schedule: Schedule, gate: threading.Barrier, run: Run) -> None:
    """The loop `kindvoice breathe` runs, with the announcement recording its lateness."""
    from kindvoice.interfaces.cli.keys import KeyReader
    from kindvoice.interfaces.cli.practice_loops import follow

    gate.wait()
    session = PacerSession(schedule)
    last = -2

    def announce() -> None:
        nonlocal last
        state = session.state()
        seen = -1 if state.finished else state.index
        if seen == last:
            return
        last = seen
        if seen == 0:  # the session's start is not a change
            return
        instant = session.instant_of(schedule.offsets[-1 if state.finished else state.index])
        assert instant is not None  # never paused here
        run.drifts.append(time.monotonic() - instant)
        run.frame = draw_state(state)

    with KeyReader(enabled=False) as keys:
        follow(session, session.next_change_at, announce, keys, live=False)


def naive_loop(schedule: Schedule, gate: threading.Barrier, run: Run) -> None:
    """What a first attempt looks like: sleep(phase seconds), draw, repeat."""
    gate.wait()
    start = time.monotonic()
    changes = iter(schedule.offsets[1:])  # where each change belongs
    phases = schedule.pattern.phases
    for _ in range(schedule.cycles):
        for number, phase in enumerate(phases):
            time.sleep(phase.seconds)
            woke = time.monotonic()
            upcoming = phases[(number + 1) % len(phases)]
            run.frame = f"{upcoming.kind:<10} {upcoming.seconds:5.1f}s"
            run.drifts.append(woke - start - next(changes))


def p95(values: list[float]) -> float:
    """The nearest-rank 95th percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def real_time(pattern: Pattern, seconds: float) -> None:
    schedule = make_schedule(pattern, minutes=seconds / 60)
    print(
        f"pattern {pattern.name} ({pattern.cycle_seconds:g} s a cycle), {schedule.cycles} cycles, "
        f"{schedule.total:g} s, {schedule.phase_count} phase changes; "
        "pacer and naive loop run side by side\n"
    )
    pacer, command, naive = Run(), Run(), Run()
    gate = threading.Barrier(3)
    threads = [
        threading.Thread(target=follow_pacer, args=(schedule, gate, pacer)),
        threading.Thread(target=command_loop, args=(schedule, gate, command)),
        threading.Thread(target=naive_loop, args=(schedule, gate, naive)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    print(f"{'loop':<18} {'changes':>7}  {'max drift':>10}  {'p95 drift':>10}  {'last change':>11}")
    runs = (("pacer (schedule)", pacer), ("breathe's loop", command), ("naive sleep loop", naive))
    for name, run in runs:
        ms = [d * 1000 for d in run.drifts]
        print(f"{name:<18} {len(ms):>7}  {max(ms):>7.3f} ms  {p95(ms):>7.3f} ms  {ms[-1]:>8.3f} ms")
    pacer_max, naive_max = max(pacer.drifts) * 1000, max(naive.drifts) * 1000
    ratio = naive_max / pacer_max if pacer_max > 0 else math.inf
    print(f"naive / pacer, max drift: {ratio:.1f}x")
    verdict = "PASS" if pacer_max <= TARGET_MAX_MS else "MISS"
    print(f"target: pacer max drift <= {TARGET_MAX_MS:g} ms: {verdict} ({pacer_max:.3f} ms)")
    command_max = max(command.drifts) * 1000
    verdict = "PASS" if command_max <= TARGET_MAX_MS else "MISS"
    print(
        f"target: breathe's loop max drift <= {TARGET_MAX_MS:g} ms: {verdict} "
        f"({command_max:.3f} ms)"
    )


def analytic(patterns: list[Pattern]) -> None:
    print(
        f"\nanalytic: {ANALYTIC_MINUTES}-minute schedules, each offset from the start instant "
        "against the exact sum of the phases before it"
    )
    print(f"{'pattern':<16} {'cycles':>6} {'boundaries':>10}  {'equal':>9}  running float total")
    all_equal = True
    for pattern in patterns:
        schedule = make_schedule(pattern, minutes=ANALYTIC_MINUTES)
        exact = Fraction(0)
        running = 0.0
        equal = 0
        strays = 0.0
        for boundary in schedule.boundaries():
            equal += boundary.start == float(exact)
            strays = max(strays, abs(running - boundary.start))
            exact += Fraction(boundary.phase.seconds)
            running += boundary.phase.seconds
        equal += schedule.total == float(exact)
        strays = max(strays, abs(running - schedule.total))
        count = schedule.phase_count + 1  # every phase start, and the end
        all_equal = all_equal and equal == count
        print(
            f"{pattern.id if pattern.id != 'custom' else pattern.name:<16} {schedule.cycles:>6} "
            f"{count:>10}  {f'{equal}/{count}':>9}  strays up to {strays * 1e9:.3g} ns"
        )
    print(f"every boundary equals the exact sum: {'yes' if all_equal else 'NO'}")


def main() -> None:
    parser = argparse.ArgumentParser(description="Drift of the breathing pacer on the real clock.")
    parser.add_argument("--seconds", type=float, default=DEFAULT_SECONDS, help="real-time run")
    parser.add_argument("--pattern", default=DEFAULT_PATTERN, help="a fast pattern, e.g. 1-1-1-1")
    args = parser.parse_args()
    try:
        pattern = parse_pattern(args.pattern)
    except PatternError as error:
        print(f"--pattern {args.pattern!r} can't be used: {error.reason} ({error.part!r})")
        return
    seconds = min(max(args.seconds, 1.0), 600.0)

    print(f"python {platform.python_version()} at {sys.executable}")
    print(f"{platform.platform()}, {os.cpu_count()} CPUs\n")
    real_time(pattern, seconds)
    analytic([*load_patterns(), pattern])


if __name__ == "__main__":
    main()
