"""Repositories for practice runs.

Like ``repos``, each function takes an open connection, so the service decides
the unit of work. A run names its journal entry by ``uid`` in the domain and by
``entry_id`` in the table; these functions translate between the two, always
within the same person's entries.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, Select, delete, func, insert, select

from kindvoice.domain.practice_runs import PracticeRun
from kindvoice.storage.repos import at_offset, offset_seconds, uids_in
from kindvoice.storage.schema import journal_entries, practice_runs

_CHUNK = 500


def entry_ids_by_uid(conn: Connection, user_id: int, uids: Iterable[str]) -> dict[str, int]:
    """The local ids of this person's entries among ``uids`` (unknown ones are left out)."""
    found: dict[str, int] = {}
    uid_list = sorted(set(uids))
    # Chunked so a very long list never exceeds SQLite's bound-parameter limit.
    for start in range(0, len(uid_list), _CHUNK):
        chunk = uid_list[start : start + _CHUNK]
        for row in conn.execute(
            select(journal_entries.c.uid, journal_entries.c.id).where(
                journal_entries.c.user_id == user_id, journal_entries.c.uid.in_(chunk)
            )
        ):
            found[row.uid] = int(row.id)
    return found


def _row(user_id: int, run: PracticeRun, entry_id: int | None) -> dict[str, Any]:
    return {
        "uid": run.uid,
        "user_id": user_id,
        "practice": run.practice,
        "kind": run.kind,
        "pattern": run.pattern,
        "planned_s": run.planned_s,
        "actual_s": run.actual_s,
        "completed": run.completed,
        "stress_before": run.stress_before,
        "stress_after": run.stress_after,
        "kindness_before": run.kindness_before,
        "kindness_after": run.kindness_after,
        "entry_id": entry_id,
        "started_at": run.started_at,
        "utc_offset_s": offset_seconds(run.started_at),
    }


def insert_practice_runs(conn: Connection, user_id: int, runs: Sequence[PracticeRun]) -> list[int]:
    """Store runs in bulk; returns their new ids in order.

    Each ``entry_uid`` must name one of this person's entries (the service checks
    first); an unknown one raises ``LookupError`` and the caller's transaction
    should roll back.
    """
    if not runs:
        return []
    entry_ids = entry_ids_by_uid(conn, user_id, (r.entry_uid for r in runs if r.entry_uid))
    rows = []
    for run in runs:
        entry_id = None
        if run.entry_uid is not None:
            if run.entry_uid not in entry_ids:
                raise LookupError(f"no entry {run.entry_uid} for user {user_id}")
            entry_id = entry_ids[run.entry_uid]
        rows.append(_row(user_id, run, entry_id))
    result = conn.execute(
        insert(practice_runs).returning(practice_runs.c.id, sort_by_parameter_order=True), rows
    )
    return [int(row[0]) for row in result]


def _select_runs(user_id: int) -> Select[Any]:
    """This person's runs, each with the uid of the entry it names (if any)."""
    return (
        select(practice_runs, journal_entries.c.uid.label("entry_uid"))
        .select_from(
            practice_runs.outerjoin(
                journal_entries, journal_entries.c.id == practice_runs.c.entry_id
            )
        )
        .where(practice_runs.c.user_id == user_id)
    )


def _run_of(row: Row[Any]) -> PracticeRun:
    return PracticeRun(
        id=row.id,
        uid=row.uid,
        practice=row.practice,
        kind=row.kind,
        pattern=row.pattern,
        planned_s=float(row.planned_s),
        actual_s=float(row.actual_s),
        completed=bool(row.completed),
        stress_before=row.stress_before,
        stress_after=row.stress_after,
        kindness_before=row.kindness_before,
        kindness_after=row.kindness_after,
        entry_uid=row.entry_uid,
        started_at=at_offset(row.started_at, row.utc_offset_s),
    )


def get_practice_run(conn: Connection, user_id: int, run_id: int) -> PracticeRun | None:
    """One of this person's runs, or None (someone else's runs are never found)."""
    row = conn.execute(_select_runs(user_id).where(practice_runs.c.id == run_id)).first()
    return None if row is None else _run_of(row)


def list_practice_runs(
    conn: Connection,
    user_id: int,
    *,
    limit: int | None = None,
    since: datetime | None = None,
    practice: str | None = None,
    oldest_first: bool = False,
) -> list[PracticeRun]:
    """Runs, newest first unless asked otherwise; ``since`` and ``practice`` filter them."""
    query = _select_runs(user_id)
    if since is not None:
        query = query.where(practice_runs.c.started_at >= since)
    if practice is not None:
        query = query.where(practice_runs.c.practice == practice)
    order = (
        (practice_runs.c.started_at, practice_runs.c.id)
        if oldest_first
        else (practice_runs.c.started_at.desc(), practice_runs.c.id.desc())
    )
    query = query.order_by(*order)
    if limit is not None:
        query = query.limit(limit)
    return [_run_of(row) for row in conn.execute(query)]


def existing_practice_run_uids(conn: Connection, user_id: int, uids: Iterable[str]) -> set[str]:
    """Which of ``uids`` this person already has among their runs (re-imports add nothing)."""
    return uids_in(conn, practice_runs, user_id, uids)


def count_practice_runs(conn: Connection, user_id: int) -> int:
    return int(
        conn.execute(
            select(func.count())
            .select_from(practice_runs)
            .where(practice_runs.c.user_id == user_id)
        ).scalar_one()
    )


def forget_practice_runs(conn: Connection, user_id: int) -> int:
    """Delete every run this person has kept; returns how many there were."""
    result = conn.execute(delete(practice_runs).where(practice_runs.c.user_id == user_id))
    return int(result.rowcount)
