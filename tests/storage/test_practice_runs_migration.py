"""Migration 0003: a journal at 0002 gains practice runs and keeps everything it had."""

from __future__ import annotations

import dataclasses
from datetime import timedelta, timezone

from sqlalchemy import inspect

from kindvoice.core.clock import FrozenClock
from kindvoice.domain.practice_runs import PracticeRun
from kindvoice.domain.records import Emotion, Entry, SavedReframe, TrapFeedback
from kindvoice.storage import practice_repos, reframing_repos, repos
from kindvoice.storage.database import HEAD_REVISION, Database
from kindvoice.storage.migrate import downgrade, upgrade

USER_UID = "8d5b0c1e-8f4b-4a59-9d57-3c1b0f1a2b3c"
ENTRY_UID = "2cde109f-8a93-4d9e-b235-a787ff36050f"
RUN_UID = "6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b"
BERLIN_WINTER = timezone(timedelta(hours=1))


def _entry_intact(db: Database, user_id: int, entry_id: int, entry: Entry) -> None:
    with db.read() as conn:
        stored = repos.get_entry(conn, user_id, entry_id)
        reflection = reframing_repos.load_reflections(conn, user_id, [entry_id])[entry_id]
    assert stored is not None
    assert (stored.uid, stored.thought, stored.situation) == (
        entry.uid,
        entry.thought,
        entry.situation,
    )
    assert (stored.emotions, stored.tags) == (entry.emotions, entry.tags)
    assert stored.created_at == entry.created_at
    assert stored.created_at.utcoffset() == timedelta(hours=1)
    assert [r.text for r in reflection.reframes] == ["Writing this down was brave."]
    assert [f.trap for f in reflection.trap_feedback] == ["labeling"]


def test_upgrade_from_0002_keeps_the_journal_and_adds_practice_runs(
    database_url: str, clock: FrozenClock
) -> None:
    db = Database(database_url)
    upgrade(db, "0002")
    assert db.current_revision() == "0002"
    assert "practice_runs" not in inspect(db.engine).get_table_names()
    now = clock.now().astimezone(BERLIN_WINTER)
    entry = Entry(
        uid=ENTRY_UID,
        thought="Dear me: I'm a mess, and I'm also trying 🌱",
        situation="after the letter exercise",
        emotions=(Emotion("tender", 60), Emotion("tired", 30)),
        tags=("letter", "evening"),
        created_at=now,
        updated_at=now,
    )
    with db.write() as conn:
        user_id = repos.ensure_local_user(conn, USER_UID, now)
        (entry_id,) = repos.insert_entries(conn, user_id, [entry])
        reframing_repos.set_trap_feedback(
            conn, user_id, entry_id, TrapFeedback("labeling", "confirmed", now)
        )
        reframing_repos.insert_reframe(
            conn,
            user_id,
            entry_id,
            SavedReframe(
                uid="5b0b6f43-3f0e-4b53-8d0c-0d1a2b3c4d5e",
                text="Writing this down was brave.",
                origin="own",
                created_at=now,
            ),
        )

    db.migrate()
    assert db.current_revision() == HEAD_REVISION
    _entry_intact(db, user_id, entry_id, entry)
    run = PracticeRun(
        uid=RUN_UID,
        practice="compassionate-letter",
        kind="writing",
        started_at=now - timedelta(minutes=20),
        planned_s=0.0,
        actual_s=1190.5,
        completed=True,
        kindness_before=3,
        kindness_after=7,
        entry_uid=ENTRY_UID,
    )
    with db.write() as conn:
        (run_id,) = practice_repos.insert_practice_runs(conn, user_id, [run])
    with db.read() as conn:
        stored = practice_repos.get_practice_run(conn, user_id, run_id)
    assert stored is not None
    assert stored == dataclasses.replace(run, id=run_id)
    assert stored.started_at.utcoffset() == timedelta(hours=1)

    downgrade(db, "0002")
    assert db.current_revision() == "0002"
    assert "practice_runs" not in inspect(db.engine).get_table_names()
    _entry_intact(db, user_id, entry_id, entry)

    db.migrate()
    assert db.current_revision() == HEAD_REVISION
    with db.read() as conn:
        assert practice_repos.list_practice_runs(conn, user_id) == []
    _entry_intact(db, user_id, entry_id, entry)
    db.dispose()


def test_practice_runs_table_has_its_index_and_links(database_url: str) -> None:
    db = Database(database_url)
    db.migrate()
    inspector = inspect(db.engine)
    indexes = {i["name"]: i["column_names"] for i in inspector.get_indexes("practice_runs")}
    assert indexes["ix_practice_runs_user_started"] == ["user_id", "started_at"]
    keys = {
        fk["referred_table"]: (fk["constrained_columns"], fk["options"].get("ondelete"))
        for fk in inspector.get_foreign_keys("practice_runs")
    }
    assert keys == {
        "users": (["user_id"], "CASCADE"),
        "journal_entries": (["entry_id"], "SET NULL"),
    }
    db.dispose()
