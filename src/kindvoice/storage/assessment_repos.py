"""Repositories for questionnaire results (assessments).

Like ``repos``, each function takes an open connection, so the service decides
the unit of work. The answers and the subscale scores are kept as JSON text
(``{"1": 3, ...}`` and ``{"self_kindness": 3.67, ...}``), the moment as a UTC
instant plus the offset it was taken in.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Row, delete, func, insert, select

from kindvoice.domain.instruments.results import Assessment
from kindvoice.storage.repos import at_offset, offset_seconds, uids_in
from kindvoice.storage.schema import assessments


def _row(user_id: int, item: Assessment) -> dict[str, Any]:
    return {
        "uid": item.uid,
        "user_id": user_id,
        "instrument": item.instrument,
        "answers_json": json.dumps({str(number): answer for number, answer in item.answers}),
        "total": item.total,
        "subscales_json": json.dumps(dict(item.subscales)),
        "taken_at": item.taken_at,
        "utc_offset_s": offset_seconds(item.taken_at),
    }


def _assessment_of(row: Row[Any]) -> Assessment:
    answers = json.loads(row.answers_json)
    subscales = json.loads(row.subscales_json)
    return Assessment(
        uid=row.uid,
        instrument=row.instrument,
        answers=tuple(sorted((int(number), int(answer)) for number, answer in answers.items())),
        total=float(row.total),
        subscales=tuple((str(name), float(value)) for name, value in subscales.items()),
        taken_at=at_offset(row.taken_at, row.utc_offset_s),
        id=int(row.id),
    )


def insert_assessments(conn: Connection, user_id: int, items: Sequence[Assessment]) -> list[int]:
    """Store results in bulk (already checked); returns their new row ids in order."""
    if not items:
        return []
    result = conn.execute(
        insert(assessments).returning(assessments.c.id, sort_by_parameter_order=True),
        [_row(user_id, item) for item in items],
    )
    return [int(row[0]) for row in result]


def get_assessment(conn: Connection, user_id: int, assessment_id: int) -> Assessment | None:
    row = conn.execute(
        select(assessments).where(
            assessments.c.user_id == user_id, assessments.c.id == assessment_id
        )
    ).first()
    return None if row is None else _assessment_of(row)


def list_assessments(
    conn: Connection,
    user_id: int,
    instrument: str | None = None,
    *,
    oldest_first: bool = False,
    limit: int | None = None,
) -> list[Assessment]:
    """This person's results (of one instrument, or all), newest first unless ``oldest_first``.

    Ordered by the moment taken, then the order stored.
    """
    query = select(assessments).where(assessments.c.user_id == user_id)
    if instrument is not None:
        query = query.where(assessments.c.instrument == instrument)
    if oldest_first:
        query = query.order_by(assessments.c.taken_at, assessments.c.id)
    else:
        query = query.order_by(assessments.c.taken_at.desc(), assessments.c.id.desc())
    if limit is not None:
        query = query.limit(limit)
    return [_assessment_of(row) for row in conn.execute(query)]


def existing_assessment_uids(conn: Connection, user_id: int, uids: Iterable[str]) -> set[str]:
    """Which of ``uids`` this person already has among their results (re-imports add nothing)."""
    return uids_in(conn, assessments, user_id, uids)


def count_assessments(conn: Connection, user_id: int, instrument: str | None = None) -> int:
    """How many results this person has kept (of one instrument, or all)."""
    query = select(func.count()).select_from(assessments).where(assessments.c.user_id == user_id)
    if instrument is not None:
        query = query.where(assessments.c.instrument == instrument)
    return int(conn.execute(query).scalar_one())


def forget_assessments(conn: Connection, user_id: int) -> int:
    """Delete every result this person kept; returns how many there were."""
    result = conn.execute(delete(assessments).where(assessments.c.user_id == user_id))
    return int(result.rowcount)
