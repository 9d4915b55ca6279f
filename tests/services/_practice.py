"""Practice runs for the service tests: one of each kind, in more than one time zone."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from kindvoice.core.clock import FrozenClock
from kindvoice.domain.practice_runs import PracticeRun, make_practice_run_draft
from kindvoice.services import practice_log
from kindvoice.services.wiring import Context

KOLKATA = timezone(timedelta(hours=5, minutes=30))
ST_JOHNS = timezone(timedelta(hours=-3, minutes=-30))


def record(ctx: Context, practice: str, kind: str, at: datetime, **fields: Any) -> PracticeRun:
    """Check and keep one run, as a command would."""
    draft = make_practice_run_draft(practice, kind, started_at=at, now=ctx.clock.now(), **fields)
    return practice_log.record_run(ctx, draft)


def practise(ctx: Context, clock: FrozenClock, letter_entry: str | None) -> list[PracticeRun]:
    """Four runs, oldest first: breathing (every rating), guided (stopped early, no
    ratings), a custom breathing pattern, and a letter saved to ``letter_entry``."""
    clock.advance(timedelta(minutes=3))
    start = clock.now() - timedelta(hours=2)
    return [
        record(
            ctx,
            "box",
            "breathing",
            start.astimezone(KOLKATA).replace(microsecond=123456),
            pattern="4-4-4-4",
            planned_s=240.0,
            actual_s=241.375,
            completed=True,
            stress_before=7,
            stress_after=4,
            kindness_before=3,
            kindness_after=6,
        ),
        record(
            ctx,
            "self-compassion-break",
            "guided",
            (start + timedelta(minutes=20)).astimezone(ST_JOHNS),
            planned_s=300,
            actual_s=92.5,
            completed=False,
        ),
        record(
            ctx,
            "custom",
            "breathing",
            start + timedelta(minutes=40),
            pattern=" 2+1-6 ",
            planned_s=60,
            actual_s=0.1,
            completed=False,
            stress_before=0,
            stress_after=10,
        ),
        record(
            ctx,
            "compassionate-letter",
            "writing",
            start + timedelta(hours=1),
            planned_s=0,
            actual_s=1234.0625,
            completed=True,
            kindness_after=8,
            entry_uid=letter_entry,
        ),
    ]
