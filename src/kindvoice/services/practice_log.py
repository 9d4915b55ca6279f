"""Practice-log use cases: keeping each practice a person did, and looking back at them."""

from __future__ import annotations

import uuid
from datetime import datetime

from kindvoice.core.errors import NotFoundError, Problem, ValidationError
from kindvoice.domain.practice_runs import PracticeRun, PracticeRunDraft, recheck_draft
from kindvoice.services.wiring import Context
from kindvoice.storage import practice_repos


def record_run(ctx: Context, draft: PracticeRunDraft) -> PracticeRun:
    """Keep one practice run and return it as stored.

    The draft is checked again (raises ValidationError with every problem), and an
    ``entry_uid`` must name one of this person's journal entries.
    """
    checked = recheck_draft(draft, ctx.clock.now())
    run = PracticeRun.from_draft(checked, str(uuid.uuid4()))
    with ctx.db.write() as conn:
        if run.entry_uid is not None and not practice_repos.entry_ids_by_uid(
            conn, ctx.user_id, [run.entry_uid]
        ):
            raise ValidationError([Problem("entry_uid", "unknown_entry", {"id": run.entry_uid})])
        (run_id,) = practice_repos.insert_practice_runs(conn, ctx.user_id, [run])
        stored = practice_repos.get_practice_run(conn, ctx.user_id, run_id)
    assert stored is not None  # written in this very transaction
    return stored


def list_runs(
    ctx: Context,
    *,
    limit: int | None = None,
    since: datetime | None = None,
    practice: str | None = None,
) -> list[PracticeRun]:
    """Practice runs, newest first: only those started at ``since`` or later, and only
    of ``practice`` (an id such as ``box``), when given."""
    if since is not None and since.utcoffset() is None:
        raise ValidationError([Problem("since", "no_time_zone")])
    with ctx.db.read() as conn:
        return practice_repos.list_practice_runs(
            conn, ctx.user_id, limit=limit, since=since, practice=practice
        )


def get_run(ctx: Context, run_id: int) -> PracticeRun:
    """One practice run, or NotFoundError (also for someone else's)."""
    with ctx.db.read() as conn:
        run = practice_repos.get_practice_run(conn, ctx.user_id, run_id)
    if run is None:
        raise NotFoundError("practice_run_not_found", id=run_id)
    return run
