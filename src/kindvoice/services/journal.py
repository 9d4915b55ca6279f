"""Journal use cases: write, edit, delete, list and search thought records."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime

from kindvoice.core.errors import NotFoundError, Problem, ValidationError
from kindvoice.domain.records import Emotion, Entry
from kindvoice.domain.validation import make_entry_draft, resolve_moment
from kindvoice.services.wiring import Context
from kindvoice.storage import reframing_repos, repos

MAX_SEARCH_CHARS = 500


def record_thought(
    ctx: Context,
    thought: str,
    situation: str = "",
    emotions: Iterable[Emotion] = (),
    tags: Iterable[str] = (),
    at: datetime | None = None,
) -> Entry:
    """Keep a new thought record and return it as stored."""
    draft = make_entry_draft(thought, situation, emotions, tags)
    when = resolve_moment(at, ctx.clock.now())
    entry = Entry(
        uid=str(uuid.uuid4()),
        thought=draft.thought,
        situation=draft.situation,
        emotions=draft.emotions,
        tags=draft.tags,
        created_at=when,
        updated_at=when,
    )
    with ctx.db.write() as conn:
        (entry_id,) = repos.insert_entries(conn, ctx.user_id, [entry])
        stored = repos.get_entry(conn, ctx.user_id, entry_id)
    assert stored is not None
    return stored


def get_entry(ctx: Context, entry_id: int) -> Entry:
    """One entry, or NotFoundError."""
    with ctx.db.read() as conn:
        entry = repos.get_entry(conn, ctx.user_id, entry_id)
    if entry is None:
        raise NotFoundError("entry_not_found", id=entry_id)
    return entry


def edit_entry(
    ctx: Context,
    entry_id: int,
    *,
    thought: str | None = None,
    situation: str | None = None,
    emotions: Iterable[Emotion] | None = None,
    tags: Iterable[str] | None = None,
) -> Entry:
    """Change some parts of an entry; what is not given stays as it was."""
    with ctx.db.write() as conn:
        current = repos.get_entry(conn, ctx.user_id, entry_id)
        if current is None:
            raise NotFoundError("entry_not_found", id=entry_id)
        draft = make_entry_draft(
            thought if thought is not None else current.thought,
            situation if situation is not None else current.situation,
            emotions if emotions is not None else current.emotions,
            tags if tags is not None else current.tags,
        )
        now = max(ctx.clock.now(), current.created_at)
        repos.update_entry(conn, ctx.user_id, entry_id, draft, now)
        if draft.thought != current.thought:
            # The analysis described the old words; the person's feedback and
            # reframes are their own, so those stay.
            reframing_repos.delete_analysis(conn, ctx.user_id, entry_id)
        stored = repos.get_entry(conn, ctx.user_id, entry_id)
    assert stored is not None
    return stored


def delete_entry(ctx: Context, entry_id: int) -> None:
    """Delete one entry and everything attached to it."""
    with ctx.db.write() as conn:
        if not repos.delete_entry(conn, ctx.user_id, entry_id):
            raise NotFoundError("entry_not_found", id=entry_id)


def list_entries(
    ctx: Context,
    *,
    limit: int | None = 20,
    offset: int = 0,
    tag: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[Entry]:
    """Entries, newest first (skipping the first ``offset``, for pages of a long journal)."""
    with ctx.db.read() as conn:
        return repos.list_entries(
            conn, ctx.user_id, limit=limit, offset=offset, tag=tag, since=since, until=until
        )


def search_entries(ctx: Context, query: str, limit: int = 50) -> list[Entry]:
    """Entries containing every word of ``query`` (in any part of the entry)."""
    query = query.strip()
    if not repos.search_words(query) or len(query) > MAX_SEARCH_CHARS or "\x00" in query:
        raise ValidationError([Problem("query", "empty_search")], code="empty_search")
    with ctx.db.read() as conn:
        return repos.search_entries(conn, ctx.user_id, query, limit=limit)


def count(ctx: Context) -> dict[str, int]:
    """How many entries and check-ins this person has."""
    with ctx.db.read() as conn:
        return repos.count_rows(conn, ctx.user_id)
