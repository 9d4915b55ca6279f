"""Migration 0005: check-ins gain an optional self-kindness rating; old ones keep theirs."""

from __future__ import annotations

from datetime import timedelta, timezone

import pytest
from sqlalchemy import insert, inspect
from sqlalchemy.exc import IntegrityError

from kindvoice.core.clock import FrozenClock
from kindvoice.domain.records import CheckIn
from kindvoice.storage import repos
from kindvoice.storage.database import HEAD_REVISION, Database
from kindvoice.storage.migrate import downgrade, upgrade
from kindvoice.storage.schema import checkins

USER_UID = "1f5b0c1e-8f4b-4a59-9d57-3c1b0f1a2b3c"
OLD_UID = "c2e7d144-c1d5-4ba9-9bbb-276ab02494c8"
NEW_UID = "d2e7d144-c1d5-4ba9-9bbb-276ab02494c8"
LISBON = timezone(timedelta(hours=0))


def test_upgrade_keeps_old_checkins_and_takes_kindness(
    database_url: str, clock: FrozenClock
) -> None:
    db = Database(database_url)
    upgrade(db, "0004")
    columns = {c["name"] for c in inspect(db.engine).get_columns("checkins")}
    assert "kindness" not in columns
    now = clock.now().astimezone(LISBON)
    with db.write() as conn:
        user_id = repos.ensure_local_user(conn, USER_UID, now)
        conn.execute(
            insert(checkins).values(
                uid=OLD_UID,
                user_id=user_id,
                created_at=now,
                utc_offset_s=0,
                mood=4,
                stress=7,
                critic=8,
                note="before kindness was asked",
            )
        )
    db.migrate()
    assert db.current_revision() == HEAD_REVISION
    new = CheckIn(NEW_UID, now + timedelta(hours=1), 6, 3, 2, "", kindness=7)
    with db.write() as conn:
        repos.insert_checkins(conn, user_id, [new])
    with db.read() as conn:
        stored = repos.list_checkins(conn, user_id, oldest_first=True)
    assert [(c.uid, c.mood, c.kindness) for c in stored] == [(OLD_UID, 4, None), (NEW_UID, 6, 7)]
    with pytest.raises(IntegrityError), db.write() as conn:
        conn.execute(
            insert(checkins).values(
                uid="e2e7d144-c1d5-4ba9-9bbb-276ab02494c8",
                user_id=user_id,
                created_at=now,
                utc_offset_s=0,
                mood=1,
                stress=1,
                critic=1,
                note="",
                kindness=11,
            )
        )
    downgrade(db, "0004")
    assert "kindness" not in {c["name"] for c in inspect(db.engine).get_columns("checkins")}
    db.engine.dispose()
