"""The lean read behind the insights gives exactly what the full read gives.

A varied journal is kept through the services on a real database (SQLite, and PostgreSQL
when one is given): entries analysed and not, the person's word on traps of every kind,
reframes with and without beliefs, check-ins with and without self-kindness, breathing,
guided and writing sessions, the program's events, all in several time zones and near
midnight. Then the lean read (``insights.load_points``, and every ``gather`` built on it)
must give the same points and the same insights as the full journal
(``compute(load_journal(ctx), ...)``).
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta, timezone

import pytest

from kindvoice.core.config import Settings
from kindvoice.domain.insights.inputs import CheckInPoint, EntryPoint, ReframePoint, SessionPoint
from kindvoice.domain.nlp.types import TRAPS, Analysis, CrisisFinding, TrapScore
from kindvoice.domain.practice_runs import make_practice_run_draft
from kindvoice.services import (
    checkins,
    insight_series,
    insights,
    journal,
    practice_log,
    program,
    reframing,
)
from kindvoice.services.portability import load_journal
from kindvoice.services.wiring import Context, open_context

END = datetime(2026, 11, 20, 21, 45, tzinfo=UTC)
DAYS = 150
ZONES = (
    UTC,
    timezone(timedelta(hours=1)),
    timezone(timedelta(hours=5, minutes=30)),
    timezone(timedelta(hours=-3, minutes=-30)),
    timezone(timedelta(hours=-8)),
    timezone(timedelta(hours=12, minutes=45)),
)
# Probabilities the scripted engine gives: exactly on the bar, just under it, well above.
CHANCES = (0.5, 0.4999, 0.93, 0.71, 0.62, 0.55, 0.2, 0.05)
PRACTICES = (
    ("gentle", "breathing", "4-6"),
    ("box", "breathing", "4-4-4-4"),
    ("self-compassion-break", "guided", None),
    ("friend-exercise", "writing", None),
)
THOUGHTS = ("I always get this wrong", "Nobody will ever want to hear from me")


class MovingClock:
    """A clock that is set, in any time zone, to wherever the story has got to."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def now(self) -> datetime:
        return self.at


def scripted_analysis(rng: random.Random, text: str) -> Analysis:
    """What a made-up engine noticed: up to five traps, most likely first."""
    traps = rng.sample(TRAPS, rng.randint(0, 5))
    scores = sorted(
        (TrapScore(trap, rng.choice(CHANCES)) for trap in traps),
        key=lambda t: -t.probability,
    )
    critical = rng.random() < 0.55
    return Analysis(
        text=text,
        model_version="scripted",
        crisis=CrisisFinding("none"),
        critic_probability=0.9 if critical else 0.1,
        is_self_critical=critical,
        critic_spans=(),
        traps=tuple(scores),
        sentences=(),
    )


@pytest.fixture
def moving(settings: Settings) -> Iterator[tuple[Context, MovingClock]]:
    clock = MovingClock(END - timedelta(days=DAYS))
    context = open_context(settings, clock)
    try:
        yield context, clock
    finally:
        context.close()


def keep_a_varied_journal(
    ctx: Context, clock: MovingClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(11)
    monkeypatch.setattr(
        reframing, "_analyze", lambda text, situation="": scripted_analysis(rng, text)
    )
    first = END - timedelta(days=DAYS)
    for n in range(DAYS):
        zone = ZONES[n % len(ZONES)]
        # Late in the evening or just after midnight where the person is.
        local = (first + timedelta(days=n)).astimezone(zone)
        at = local.replace(hour=23 if n % 2 else 0, minute=50 if n % 2 else 10, second=n % 60)
        clock.at = at + timedelta(minutes=20)
        if n == 40:
            program.start(ctx)
        elif n == 55:
            program.pause(ctx)
        elif n == 60:
            program.resume(ctx)
        elif n == 95:
            program.start(ctx, week=2)  # a restart
        if n > 40 and n % 9 == 3 and not 55 <= n < 60:
            program.mark(ctx, "day", done=n % 2 == 0)
        mood = 6 + rng.randint(-1, 1) - (4 if n % 23 in (0, 1) else 0)
        checkins.record_checkin(
            ctx,
            max(0, mood),
            rng.randint(0, 10),
            rng.randint(0, 10),
            at=at,
            kindness=None if n % 4 == 0 else rng.randint(0, 10),
        )
        if n % 7 == 5:  # a second check-in that day
            checkins.record_checkin(ctx, rng.randint(0, 10), 4, 4, at=at + timedelta(minutes=5))
        if n % 6 != 4:
            keep_an_entry(ctx, rng, n, at)
        practice, kind, pattern = PRACTICES[n % len(PRACTICES)]
        seconds = 30.0 if n % 5 == 0 else 240.5
        rated = n % 3 != 0
        draft = make_practice_run_draft(
            practice,
            kind,
            started_at=at - timedelta(minutes=10),
            now=clock.now(),
            planned_s=240.0,
            actual_s=seconds,
            completed=seconds > 60,
            pattern=pattern,
            stress_before=rng.randint(4, 9) if rated else None,
            stress_after=rng.randint(0, 6) if rated else None,
            kindness_before=rng.randint(1, 6) if rated else None,
            kindness_after=rng.randint(3, 10) if rated else None,
        )
        practice_log.record_run(ctx, draft)
    clock.at = END.astimezone(ZONES[1])


def keep_an_entry(ctx: Context, rng: random.Random, n: int, at: datetime) -> None:
    entry = journal.record_thought(ctx, THOUGHTS[n % 2], at=at)
    assert entry.id is not None
    if n % 5 != 0:  # every fifth entry is never analysed
        reframing.analyze_entry(ctx, entry.id)
    if n % 4 == 1:
        for trap in rng.sample(TRAPS, 2):
            verdict = rng.choice(("confirmed", "rejected", "added"))
            reframing.record_trap_feedback(ctx, entry.id, trap, verdict)
    if n % 8 == 2:  # a later word on the same trap replaces the earlier one
        reframing.record_trap_feedback(ctx, entry.id, TRAPS[0], "added")
        reframing.record_trap_feedback(ctx, entry.id, TRAPS[1], "confirmed")
        reframing.record_trap_feedback(ctx, entry.id, TRAPS[0], "rejected")
    if n % 3 == 0:
        before = rng.randint(40, 100)
        reframing.record_reframe(
            ctx,
            entry.id,
            "I did what I could with what I knew.",
            belief_before=before,
            belief_after=max(0, before - rng.randint(0, 40)),
        )
    if n % 10 == 1:
        reframing.record_reframe(ctx, entry.id, "That is a harsh word.", belief_before=70)
        reframing.record_reframe(ctx, entry.id, "Maybe not always.")


def stamps(points: Sequence[EntryPoint | ReframePoint | CheckInPoint | SessionPoint]) -> list[str]:
    """Each point's moment as written, offset included (equality alone ignores it)."""
    return [point.at.isoformat() for point in points]


def test_the_lean_read_gives_the_same_insights_as_the_whole_journal(
    moving: tuple[Context, MovingClock], monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx, clock = moving
    keep_a_varied_journal(ctx, clock, monkeypatch)
    whole = load_journal(ctx)
    today = clock.now().date()

    lean = insights.load_points(ctx)
    full = insights.points_of(whole)
    assert lean == full
    assert stamps(lean.entries) == stamps(full.entries)
    assert stamps(lean.reframes) == stamps(full.reframes)
    assert stamps(lean.checkins) == stamps(full.checkins)
    assert stamps(lean.sessions) == stamps(full.sessions)

    # The journal is varied enough that every insight has something to say.
    found = insights.gather(ctx)
    enough = (found.critic.enough, found.traps.enough, found.belief.enough, found.helps.enough)
    assert enough == (True, True, True, True)
    assert found.setbacks.setbacks
    assert found.helps.practices
    assert found.program is not None
    assert any(p.traps for p in lean.entries if p.self_critical is None)  # added, unanalysed
    assert any(len(p.traps) > insights.MOST_TRAPS for p in lean.entries)  # added past the cap
    assert any(p.kindness is None for p in lean.checkins)

    for weeks in (1, 4, 12, 26, 520):
        expected = insights.compute(whole, today, weeks)
        assert insights.gather(ctx, weeks) == expected, weeks
        found_too, moods = insights.gather_with_moods(ctx, weeks)
        assert found_too == expected
        assert moods == insights.mood_series(whole, today)
        series = insight_series.gather(ctx, weeks)
        assert series.found == expected
        assert series.moods == insight_series.usual_moods(insights.mood_series(whole, today))
        assert series.practice == insight_series.practice_weeks(
            ((run.started_at, run.actual_s) for run in whole.practice_runs),
            today,
            expected.weeks,
        )


def test_an_empty_journal_reads_as_no_points(
    moving: tuple[Context, MovingClock],
) -> None:
    ctx, clock = moving
    assert insights.load_points(ctx) == insights.InsightPoints()
    today = clock.now().date()
    assert insights.gather(ctx) == insights.compute(load_journal(ctx), today)
