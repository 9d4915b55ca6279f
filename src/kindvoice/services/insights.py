"""Insights: what a person's own records show, worked out by ``domain.insights``.

This module reads only what the metrics take, once, in one snapshot (``load_points``:
the small points, never whole records), and runs every metric on the points. A journal
that is already loaded (the report's tests, the bench) is turned into the same points
(``points_of``), so both ways go through one ``compute_points`` and give the same
insights. The metrics themselves (and what "enough data" means for each) are in
``domain/insights/metrics.py`` and ``docs/insights.md``.
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
from kindvoice.domain.program.events import ProgramEvent
from kindvoice.domain.program.plan import activity_by_day, habit_days
from kindvoice.domain.records import CheckIn, Entry, Journal
from kindvoice.services.wiring import Context
from kindvoice.storage import insight_repos, program_repos

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


@dataclass(frozen=True)
class InsightPoints:
    """Everything the insights take, as small points, oldest first: what ``load_points``
    reads and what ``points_of`` makes of an already loaded journal. The program's
    activity (``activity_by_day``) comes from the sessions and entries, the daily moods
    (``daily_moods``) from the check-ins."""

    entries: tuple[EntryPoint, ...] = ()
    reframes: tuple[ReframePoint, ...] = ()
    checkins: tuple[CheckInPoint, ...] = ()
    sessions: tuple[SessionPoint, ...] = ()
    program_events: tuple[ProgramEvent, ...] = ()


def load_points(ctx: Context) -> InsightPoints:
    """Read only what the insights take, in one consistent snapshot (one read
    transaction): far less than ``portability.load_journal``, which builds whole records."""
    with ctx.db.read() as conn:
        facts = insight_repos.entry_facts(conn, ctx.user_id, present=TRAP_PRESENT, most=MOST_TRAPS)
        return InsightPoints(
            entries=tuple(
                EntryPoint(f.at, f.self_critical, corrected_traps(f.likely, f.feedback))
                for f in facts
            ),
            reframes=tuple(insight_repos.reframe_points(conn, ctx.user_id)),
            checkins=tuple(insight_repos.checkin_points(conn, ctx.user_id)),
            sessions=tuple(insight_repos.session_points(conn, ctx.user_id)),
            program_events=tuple(program_repos.list_program_events(conn, ctx.user_id)),
        )


def points_of(journal: Journal) -> InsightPoints:
    """The points in an already loaded journal (the same ones ``load_points`` reads)."""
    return InsightPoints(
        entries=tuple(entry_point(entry) for entry in journal.entries),
        reframes=tuple(
            ReframePoint(kept.created_at, kept.belief_before, kept.belief_after)
            for entry in journal.entries
            if entry.reflection is not None
            for kept in entry.reflection.reframes
        ),
        checkins=tuple(_checkin_point(item) for item in journal.checkins),
        sessions=tuple(
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
        ),
        program_events=journal.program_events,
    )


def _checkin_point(item: CheckIn) -> CheckInPoint:
    return CheckInPoint(item.created_at, item.mood, item.stress, item.critic, item.kindness)


def gather(ctx: Context, weeks: int = 12) -> Insights:
    """Read what the insights take, once, and work out every insight."""
    return compute_points(load_points(ctx), ctx.clock.now().date(), weeks)


def gather_with_moods(ctx: Context, weeks: int = 12) -> tuple[Insights, list[tuple[date, float]]]:
    """Every insight and the daily moods behind the setbacks, from one read of the records
    (what a report draws)."""
    points = load_points(ctx)
    today = ctx.clock.now().date()
    return compute_points(points, today, weeks), daily_moods(points.checkins, today)


def mood_series(journal: Journal, today: date) -> list[tuple[date, float]]:
    """One mood per day up to ``today``, oldest first, from an already loaded journal
    (see ``daily_moods``)."""
    return daily_moods((_checkin_point(item) for item in journal.checkins), today)


def daily_moods(checkins: Iterable[CheckInPoint], today: date) -> list[tuple[date, float]]:
    """One mood per day up to ``today``, oldest first: the mean of that day's check-ins,
    on the date where they happened (the daily mood the setbacks are found in). Days
    without a check-in are left out, never filled in."""
    by_day: dict[date, list[int]] = {}
    for item in checkins:
        day = item.at.date()
        if day <= today:
            by_day.setdefault(day, []).append(item.mood)
    return [(day, sum(moods) / len(moods)) for day, moods in sorted(by_day.items())]


def compute(journal: Journal, today: date, weeks: int = 12) -> Insights:
    """Every insight from an already loaded journal (the report's tests and the bench):
    the journal's points, through the same ``compute_points`` as the lean read."""
    return compute_points(points_of(journal), today, weeks)


def compute_points(points: InsightPoints, today: date, weeks: int = 12) -> Insights:
    """Every insight from the points (the part ``bench/insights.py`` times)."""
    weeks = max(1, min(weeks, MAX_WEEKS))
    program = None
    if points.program_events:
        activity = activity_by_day(
            ((s.at, s.practice, s.completed, s.seconds) for s in points.sessions),
            (entry.at for entry in points.entries),
        )
        days = habit_days(points.program_events, activity, today)
        if days:
            program = adherence(days, today, weeks=min(weeks, 8))
    return Insights(
        today=today,
        weeks=weeks,
        critic=critic_frequency(points.entries, today, weeks),
        traps=trap_mix(points.entries, today, weeks),
        belief=reframe_believability(points.reframes),
        setbacks=setbacks(points.checkins, today),
        helps=what_helps(points.sessions, points.checkins),
        program=program,
    )


def entry_point(entry: Entry) -> EntryPoint:
    """An entry as the metrics see it: the engine's verdict, and the traps present
    (the engine's likely ones, corrected by the person's own word)."""
    reflection = entry.reflection
    analysis = None if reflection is None else reflection.analysis
    verdict = None if analysis is None else analysis.is_self_critical
    likely: list[str] = []
    if analysis is not None:
        likely = [t.trap for t in analysis.traps if t.probability >= TRAP_PRESENT][:MOST_TRAPS]
    feedback = () if reflection is None else reflection.trap_feedback
    return EntryPoint(
        entry.created_at, verdict, corrected_traps(likely, ((f.trap, f.verdict) for f in feedback))
    )


def corrected_traps(likely: Iterable[str], feedback: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    """The traps present in an entry: the engine's likely ones (at least ``TRAP_PRESENT``,
    at most ``MOST_TRAPS``), corrected by the person's word, ``(trap, verdict)`` in the
    order given: a rejected trap is taken out, a confirmed or added one is put in."""
    traps = list(likely)
    for trap, verdict in feedback:
        if verdict == "rejected" and trap in traps:
            traps.remove(trap)
        elif verdict in ("confirmed", "added") and trap not in traps:
            traps.append(trap)
    return tuple(_unique(traps))


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))
