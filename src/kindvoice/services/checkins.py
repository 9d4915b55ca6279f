"""Check-in use cases: a quick rating of mood, stress and the inner critic."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import datetime

from kindvoice.domain.records import CheckIn
from kindvoice.domain.validation import make_checkin_draft, resolve_moment
from kindvoice.services.wiring import Context
from kindvoice.storage import repos


def record_checkin(
    ctx: Context,
    mood: int,
    stress: int | None,
    critic: int | None,
    note: str = "",
    at: datetime | None = None,
    kindness: int | None = None,
) -> CheckIn:
    """Keep a check-in (each rating 0–10; only the mood is needed) and return it as stored."""
    draft = make_checkin_draft(mood, stress, critic, note, kindness)
    when = resolve_moment(at, ctx.clock.now())
    item = CheckIn(
        uid=str(uuid.uuid4()),
        created_at=when,
        mood=draft.mood,
        stress=draft.stress,
        critic=draft.critic,
        note=draft.note,
        kindness=draft.kindness,
    )
    with ctx.db.write() as conn:
        (new_id,) = repos.insert_checkins(conn, ctx.user_id, [item])
    return dataclasses.replace(item, id=new_id)


def list_checkins(ctx: Context, limit: int | None = 30) -> list[CheckIn]:
    """Check-ins, newest first."""
    with ctx.db.read() as conn:
        return repos.list_checkins(conn, ctx.user_id, limit=limit)
