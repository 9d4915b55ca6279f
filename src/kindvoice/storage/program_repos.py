"""Repositories for the 8-week program's events.

Like ``repos``, each function takes an open connection, so the service decides
the unit of work. An event's calendar date is kept as ``on_date`` (a plain
date), its moment as a UTC instant plus the offset it was noted in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Row, delete, func, insert, select

from kindvoice.domain.program.events import ProgramEvent
from kindvoice.storage.repos import at_offset, offset_seconds, uids_in
from kindvoice.storage.schema import program_events


def _row(user_id: int, event: ProgramEvent) -> dict[str, Any]:
    return {
        "uid": event.uid,
        "user_id": user_id,
        "kind": event.kind,
        "on_date": event.on,
        "item": event.item,
        "value": event.value,
        "created_at": event.created_at,
        "utc_offset_s": offset_seconds(event.created_at),
    }


def _event_of(row: Row[Any]) -> ProgramEvent:
    return ProgramEvent(
        uid=row.uid,
        kind=row.kind,
        on=row.on_date,
        created_at=at_offset(row.created_at, row.utc_offset_s),
        item=row.item,
        value=row.value,
    )


def insert_program_events(
    conn: Connection, user_id: int, events: Sequence[ProgramEvent]
) -> list[int]:
    """Store events in bulk (already checked); returns their new row ids in order."""
    if not events:
        return []
    result = conn.execute(
        insert(program_events).returning(program_events.c.id, sort_by_parameter_order=True),
        [_row(user_id, event) for event in events],
    )
    return [int(row[0]) for row in result]


def list_program_events(conn: Connection, user_id: int) -> list[ProgramEvent]:
    """This person's events, by calendar date, then the moment noted, then the order stored."""
    query = (
        select(program_events)
        .where(program_events.c.user_id == user_id)
        .order_by(program_events.c.on_date, program_events.c.created_at, program_events.c.id)
    )
    return [_event_of(row) for row in conn.execute(query)]


def existing_program_event_uids(conn: Connection, user_id: int, uids: Iterable[str]) -> set[str]:
    """Which of ``uids`` this person already has among their events (re-imports add nothing)."""
    return uids_in(conn, program_events, user_id, uids)


def count_program_events(conn: Connection, user_id: int) -> int:
    return int(
        conn.execute(
            select(func.count())
            .select_from(program_events)
            .where(program_events.c.user_id == user_id)
        ).scalar_one()
    )


def forget_program_events(conn: Connection, user_id: int) -> int:
    """Delete every event of this person's program; returns how many there were."""
    result = conn.execute(delete(program_events).where(program_events.c.user_id == user_id))
    return int(result.rowcount)
