"""A journal with every kind of record in it, for the export and import tests."""

from __future__ import annotations

from datetime import timedelta, timezone
from pathlib import Path

from kindvoice.core.clock import FrozenClock
from kindvoice.core.config import Settings
from kindvoice.domain.nlp.types import TrapScore
from kindvoice.domain.records import CriticSpan, Emotion, StoredAnalysis
from kindvoice.services import checkins, journal, reframing
from kindvoice.services.wiring import Context, open_context
from kindvoice.storage import reframing_repos

UNICODE_SAMPLES = [
    "I'm a failure 😞 — always",
    "私はダメだ",
    "אני כישלון",
    "Ich bin so dumm, schon wieder.\nZweite Zeile\r\nDritte",
    "e\u0301 (combining) vs é",
    "zero\u200bwidth and \U0001f9e0 and \t tab",
]


def reflect(ctx: Context, clock: FrozenClock, entry_id: int, thought: str) -> None:
    """An analysis (as the engine would leave it), trap feedback and two reframes."""
    analysis = StoredAnalysis(
        model_version="test-model-1",
        crisis_level="none",
        crisis_cue="",
        critic_probability=0.8765,
        is_self_critical=True,
        traps=(TrapScore("labeling", 0.7), TrapScore("overgeneralizing", 0.3125)),
        critic_spans=(CriticSpan(0, min(5, len(thought)), 0),),
        created_at=clock.now(),
    )
    with ctx.db.write() as conn:
        reframing_repos.replace_analysis(conn, ctx.user_id, entry_id, analysis)
    reframing.record_trap_feedback(ctx, entry_id, "labeling", "confirmed")
    reframing.record_trap_feedback(ctx, entry_id, "comparing", "added")
    clock.advance(timedelta(seconds=30))
    reframing.record_reframe(
        ctx,
        entry_id,
        "Ein Fehler macht mich nicht aus 🌱",
        "edited",
        "self_kindness",
        "labeling",
        85,
        40,
    )
    reframing.record_reframe(ctx, entry_id, "My own words", "own")


def fill(ctx: Context, clock: FrozenClock) -> None:
    for index, text in enumerate(UNICODE_SAMPLES):
        clock.advance(timedelta(minutes=7))
        entry = journal.record_thought(
            ctx,
            text,
            f"situation {index}",
            [Emotion("sad", 10 * index), Emotion("😶", 5)],
            [f"tag{index}", "shared"],
        )
        if index % 2 == 0:
            assert entry.id is not None
            reflect(ctx, clock, entry.id, entry.thought)
    offset = timezone(timedelta(hours=-3, minutes=-30))
    journal.record_thought(ctx, "written elsewhere", at=clock.now().astimezone(offset))
    checkins.record_checkin(ctx, 3, 8, 9, "tough 🌧")
    clock.advance(timedelta(hours=1))
    checkins.record_checkin(ctx, 7, 2, 1)


def fresh_context(tmp_path: Path, clock: FrozenClock, name: str = "other.sqlite3") -> Context:
    return open_context(Settings(home=tmp_path, database_url=f"sqlite:///{tmp_path / name}"), clock)
