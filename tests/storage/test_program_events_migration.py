"""Migration 0004: a journal at 0003 gains program events and keeps everything it had."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta, timezone

import pytest
from sqlalchemy import insert, inspect, select
from sqlalchemy.exc import IntegrityError

from kindvoice.core.clock import FrozenClock
from kindvoice.domain.practice_runs import PracticeRun
from kindvoice.domain.program.events import EVENT_KINDS, make_program_event
from kindvoice.domain.records import Emotion, Entry
from kindvoice.storage import practice_repos, program_repos, repos
from kindvoice.storage.database import HEAD_REVISION, Database
from kindvoice.storage.migrate import downgrade, upgrade
from kindvoice.storage.schema import checkins, program_events, users

USER_UID = "8d5b0c1e-8f4b-4a59-9d57-3c1b0f1a2b3c"
ENTRY_UID = "2cde109f-8a93-4d9e-b235-a787ff36050f"
CHECKIN_UID = "b2e7d144-c1d5-4ba9-9bbb-276ab02494c8"
RUN_UID = "6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b"
AUCKLAND_SUMMER = timezone(timedelta(hours=13))


def _journal_intact(db: Database, user_id: int, entry: Entry, run: PracticeRun) -> None:
    with db.read() as conn:
        (stored,) = repos.list_entries(conn, user_id)
        # Only the columns every revision here has (later ones come with 0005).
        (checkin,) = conn.execute(
            select(checkins.c.uid, checkins.c.mood, checkins.c.note).where(
                checkins.c.user_id == user_id
            )
        ).all()
        runs = practice_repos.list_practice_runs(conn, user_id)
    assert (stored.uid, stored.thought, stored.emotions, stored.tags) == (
        entry.uid,
        entry.thought,
        entry.emotions,
        entry.tags,
    )
    assert stored.created_at == entry.created_at
    assert stored.created_at.utcoffset() == timedelta(hours=13)
    assert (checkin.uid, checkin.mood, checkin.note) == (CHECKIN_UID, 6, "calmer")
    assert [dataclasses.replace(r, id=None) for r in runs] == [run]


def test_upgrade_from_0003_keeps_the_journal_and_adds_program_events(
    database_url: str, clock: FrozenClock
) -> None:
    db = Database(database_url)
    upgrade(db, "0003")
    assert db.current_revision() == "0003"
    assert "program_events" not in inspect(db.engine).get_table_names()
    now = clock.now().astimezone(AUCKLAND_SUMMER).replace(microsecond=654321)
    entry = Entry(
        uid=ENTRY_UID,
        thought="Week one, day one. I nearly didn't start 🌱",
        situation="",
        emotions=(Emotion("hopeful", 55),),
        tags=("program",),
        created_at=now,
        updated_at=now,
    )
    run = PracticeRun(
        uid=RUN_UID,
        practice="affectionate-breathing",
        kind="guided",
        started_at=now - timedelta(minutes=15),
        planned_s=600.0,
        actual_s=612.25,
        completed=True,
        stress_before=6,
        stress_after=3,
    )
    with db.write() as conn:
        user_id = repos.ensure_local_user(conn, USER_UID, now)
        repos.insert_entries(conn, user_id, [entry])
        # The columns a check-in had at 0003 (today's repositories know later ones).
        conn.execute(
            insert(checkins).values(
                uid=CHECKIN_UID,
                user_id=user_id,
                created_at=now,
                utc_offset_s=13 * 3600,
                mood=6,
                stress=3,
                critic=2,
                note="calmer",
            )
        )
        practice_repos.insert_practice_runs(conn, user_id, [run])

    db.migrate()
    assert db.current_revision() == HEAD_REVISION
    _journal_intact(db, user_id, entry, run)
    # 09:30 UTC is 22:30 in Auckland: the program day is the date there.
    day = now.date()
    assert day == date(2026, 11, 20)
    events = [
        make_program_event("start", day, now),
        make_program_event("done", day, now + timedelta(minutes=1), item="core"),
        make_program_event("pace", day, now + timedelta(minutes=2), value="slow"),
        make_program_event(
            "swap", day + timedelta(days=1), now, value="loving-kindness>soothing-touch"
        ),
    ]
    with db.write() as conn:
        ids = program_repos.insert_program_events(conn, user_id, events[::-1])
    assert len(ids) == len(set(ids)) == 4
    with db.read() as conn:
        stored = program_repos.list_program_events(conn, user_id)
        counts = repos.count_rows(conn, user_id)
    assert stored == events  # by day, then moment noted
    assert [e.created_at.utcoffset() for e in stored] == [timedelta(hours=13)] * 4
    assert stored[0].created_at.microsecond == 654321
    assert counts == {
        "entries": 1,
        "checkins": 1,
        "practice_runs": 1,
        "program_events": 4,
        "assessments": 0,
    }

    downgrade(db, "0003")
    assert db.current_revision() == "0003"
    assert "program_events" not in inspect(db.engine).get_table_names()
    _journal_intact(db, user_id, entry, run)

    db.migrate()
    assert db.current_revision() == HEAD_REVISION
    with db.read() as conn:
        assert program_repos.list_program_events(conn, user_id) == []
    _journal_intact(db, user_id, entry, run)
    db.dispose()


def test_program_events_table_has_its_index_link_and_kinds(
    database_url: str, clock: FrozenClock
) -> None:
    db = Database(database_url)
    db.migrate()
    inspector = inspect(db.engine)
    indexes = {i["name"]: i["column_names"] for i in inspector.get_indexes("program_events")}
    assert indexes["ix_program_events_user_on"] == ["user_id", "on_date"]
    keys = [
        (fk["referred_table"], fk["constrained_columns"], fk["options"].get("ondelete"))
        for fk in inspector.get_foreign_keys("program_events")
    ]
    assert keys == [("users", ["user_id"], "CASCADE")]
    now = clock.now()
    row = {"created_at": now, "utc_offset_s": 0, "on_date": now.date()}
    with db.write() as conn:
        user_id = repos.ensure_local_user(conn, USER_UID, now)
        # The table takes every kind the domain knows ...
        conn.execute(
            insert(program_events),
            [
                {**row, "uid": f"{n:08d}-0000-4000-8000-000000000000", "user_id": user_id}
                | {"kind": kind}
                for n, kind in enumerate(EVENT_KINDS)
            ],
        )
    # ... and no other, and each uid once per person.
    for bad in (
        {"kind": "jog", "uid": "x"},
        {"kind": "start", "uid": "00000000-0000-4000-8000-000000000000"},
    ):
        with pytest.raises(IntegrityError), db.write() as conn:
            conn.execute(insert(program_events), {**row, "user_id": user_id, **bad})
    with db.read() as conn:
        assert program_repos.count_program_events(conn, user_id) == len(EVENT_KINDS)
    db.dispose()


def test_forgetting_the_program_leaves_other_people_alone(
    database_url: str, clock: FrozenClock
) -> None:
    db = Database(database_url)
    db.migrate()
    now = clock.now()
    mine = make_program_event("start", now.date(), now)
    theirs = make_program_event("pause", now.date(), now)
    with db.write() as conn:
        me = repos.ensure_local_user(conn, USER_UID, now)
        (other,) = conn.execute(
            insert(users).returning(users.c.id), {"uid": ENTRY_UID, "created_at": now}
        ).scalars()
        program_repos.insert_program_events(conn, me, [mine])
        program_repos.insert_program_events(conn, other, [theirs])
        uids = [mine.uid, theirs.uid, RUN_UID]
        assert program_repos.existing_program_event_uids(conn, me, uids) == {mine.uid}
        assert program_repos.existing_program_event_uids(conn, other, uids) == {theirs.uid}
        assert program_repos.forget_program_events(conn, me) == 1
        assert program_repos.list_program_events(conn, me) == []
        assert program_repos.list_program_events(conn, other) == [theirs]
    db.dispose()
