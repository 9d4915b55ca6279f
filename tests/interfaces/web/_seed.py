"""Seeding a person's records for the Insights, Program and Learn tests: straight through the
services, with the site's own database and clock."""

from __future__ import annotations

from datetime import datetime, timedelta

from fastapi.testclient import TestClient

from kindvoice.domain.practice_runs import make_practice_run_draft
from kindvoice.services import accounts, checkins, journal, practice_log
from kindvoice.services.wiring import Context
from tests.interfaces.web.conftest import Site


def context_of(site: Site, browser: TestClient | None = None) -> Context:
    """The service context of the local person, or of the person signed in on ``browser``."""
    state = site.app.state.web
    if browser is None:
        return state.context(state.local_user())
    token = browser.cookies.get("kv_session")
    assert token
    user_id = accounts.session_user(state.db, token, site.config.clock.now())
    assert user_id is not None
    return state.context(user_id)


def breathe(ctx: Context, seconds: float = 30.0, at: datetime | None = None) -> None:
    """One breathing session of ``seconds`` (finished), as the Breathe page keeps it."""
    now = ctx.clock.now()
    draft = make_practice_run_draft(
        "gentle",
        "breathing",
        started_at=at or now - timedelta(seconds=seconds),
        now=now,
        planned_s=seconds,
        actual_s=seconds,
        completed=True,
        pattern="4-6",
    )
    practice_log.record_run(ctx, draft)


def some_days(ctx: Context, days: int = 10) -> None:
    """A check-in a day and an entry a day for ``days`` days up to now."""
    now = ctx.clock.now()
    for back in range(days):
        at = now - timedelta(days=back, hours=1)
        checkins.record_checkin(ctx, 6, 4, 5, at=at)
        journal.record_thought(ctx, "I always get this wrong", at=at)
