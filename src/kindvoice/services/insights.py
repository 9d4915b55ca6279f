"""Insights: what a person's own records show, worked out by ``domain.insights``.

This module reads everything once, in one snapshot, turns records into the small
points the metrics take, and runs every metric. The metrics themselves (and what
"enough data" means for each) are in ``domain/insights/metrics.py`` and
``docs/insights.md``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from kindvoice.domain.insights.inputs import CheckInPoint, EntryPoint, ReframePoint, SessionPoint
from kindvoice.domain.insights.metrics import (
    Adherence,
    Believability,
    CriticFrequency,
    SetbackReport,
    TrapMix,
    WhatHelps,
    adherence,
    critic_frequency,
    reframe_believability,
    setbacks,
    trap_mix,
    what_helps,
)
from kindvoice.domain.program.plan import activity_by_day, habit_days
from kindvoice.domain.records import Entry, Journal
from kindvoice.services.portability import load_journal
from kindvoice.services.wiring import Context

# A trap the engine found at least this likely counts as present (the bar the
# reflection uses to name traps), unless the person said it doesn't fit.
TRAP_PRESENT = 0.5
MOST_TRAPS = 3
MAX_WEEKS = 520


@dataclass(frozen=True)
class Insights:
    """Every insight for one person as of ``today``, over the last ``weeks`` weeks
    where an insight has a window."""

    today: date
    weeks: int
    critic: CriticFrequency
    traps: TrapMix
    belief: Believability
    setbacks: SetbackReport
    helps: WhatHelps
    program: Adherence | None  # None when no program was ever started


def gather(ctx: Context, weeks: int = 12) -> Insights:
    """Read the person's records once and work out every insight."""
    return compute(load_journal(ctx), ctx.clock.now().date(), weeks)


def gather_with_moods(ctx: Context, weeks: int = 12) -> tuple[Insights, list[tuple[date, float]]]:
    """Every insight and the daily moods behind the setbacks, from one read of the records
    (what a report draws)."""
    journal = load_journal(ctx)
    today = ctx.clock.now().date()
    return compute(journal, today, weeks), mood_series(journal, today)


def mood_series(journal: Journal, today: date) -> list[tuple[date, float]]:
    """One mood per day up to ``today``, oldest first: the mean of that day's check-ins,
    on the date where they happened (the daily mood the setbacks are found in). Days
    without a check-in are left out, never filled in."""
    by_day: dict[date, list[int]] = {}
    for item in journal.checkins:
        day = item.created_at.date()
        if day <= today:
            by_day.setdefault(day, []).append(item.mood)
    return [(day, sum(moods) / len(moods)) for day, moods in sorted(by_day.items())]


def compute(journal: Journal, today: date, weeks: int = 12) -> Insights:
    """Every insight from an already loaded journal (the part ``bench/insights.py`` times)."""
    weeks = max(1, min(weeks, MAX_WEEKS))
    entries = [entry_point(entry) for entry in journal.entries]
    reframes = [
        ReframePoint(kept.created_at, kept.belief_before, kept.belief_after)
        for entry in journal.entries
        if entry.reflection is not None
        for kept in entry.reflection.reframes
    ]
    checkins = [
        CheckInPoint(c.created_at, c.mood, c.stress, c.critic, c.kindness) for c in journal.checkins
    ]
    sessions = [
        SessionPoint(
            r.started_at,
            r.practice,
            r.kind,
            r.completed,
            r.actual_s,
            r.stress_before,
            r.stress_after,
            r.kindness_before,
            r.kindness_after,
        )
        for r in journal.practice_runs
    ]
    program = None
    if journal.program_events:
        activity = activity_by_day(
            ((r.started_at, r.practice, r.completed, r.actual_s) for r in journal.practice_runs),
            (entry.created_at for entry in journal.entries),
        )
        days = habit_days(journal.program_events, activity, today)
        if days:
            program = adherence(days, today, weeks=min(weeks, 8))
    return Insights(
        today=today,
        weeks=weeks,
        critic=critic_frequency(entries, today, weeks),
        traps=trap_mix(entries, today, weeks),
        belief=reframe_believability(reframes),
        setbacks=setbacks(checkins, today),
        helps=what_helps(sessions, checkins),
        program=program,
    )


def entry_point(entry: Entry) -> EntryPoint:
    """An entry as the metrics see it: the engine's verdict, and the traps present
    (the engine's likely ones, corrected by the person's own word)."""
    reflection = entry.reflection
    analysis = None if reflection is None else reflection.analysis
    verdict = None if analysis is None else analysis.is_self_critical
    traps: list[str] = []
    if analysis is not None:
        likely = [t.trap for t in analysis.traps if t.probability >= TRAP_PRESENT]
        traps.extend(likely[:MOST_TRAPS])
    if reflection is not None:
        for feedback in reflection.trap_feedback:
            if feedback.verdict == "rejected" and feedback.trap in traps:
                traps.remove(feedback.trap)
            elif feedback.verdict in ("confirmed", "added") and feedback.trap not in traps:
                traps.append(feedback.trap)
    return EntryPoint(entry.created_at, verdict, tuple(_unique(traps)))


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
