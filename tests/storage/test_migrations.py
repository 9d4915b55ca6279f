from __future__ import annotations

import stat
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from kindvoice.core.clock import FrozenClock
from kindvoice.domain.records import Emotion, Entry, Reflection, SavedReframe, TrapFeedback
from kindvoice.storage import reframing_repos, repos
from kindvoice.storage.database import HEAD_REVISION, Database
from kindvoice.storage.migrate import downgrade, head_revision, upgrade
from kindvoice.storage.schema import is_managed_name, metadata

TABLES = {
    "users",
    "journal_entries",
    "entry_emotions",
    "entry_tags",
    "checkins",
    "entry_analyses",
    "trap_feedback",
    "reframes",
    "practice_runs",
    "program_events",
    "assessments",
}
REFLECTION_TABLES = {"entry_analyses", "trap_feedback", "reframes"}


def test_head_revision_constant_matches_alembic() -> None:
    assert head_revision() == HEAD_REVISION


def test_migrations_go_from_empty_to_head(database_url: str) -> None:
    db = Database(database_url)
    assert db.current_revision() is None
    db.migrate()
    assert db.current_revision() == HEAD_REVISION
    names = set(inspect(db.engine).get_table_names())
    assert names >= TABLES | {"alembic_version"}
    db.dispose()


def test_migrated_schema_matches_the_table_definitions(database_url: str) -> None:
    db = Database(database_url)
    db.migrate()
    with db.engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"include_name": is_managed_name}), metadata
        )
    db.dispose()
    assert diff == []


def test_every_table_but_users_has_user_id(database_url: str) -> None:
    db = Database(database_url)
    db.migrate()
    inspector = inspect(db.engine)
    for table in TABLES - {"users"}:
        assert "user_id" in {c["name"] for c in inspector.get_columns(table)}, table
    db.dispose()


def test_migrations_go_down_to_empty_and_up_again(database_url: str) -> None:
    db = Database(database_url)
    upgrade(db)
    downgrade(db, "base")
    assert not (set(inspect(db.engine).get_table_names()) & TABLES)
    upgrade(db)
    assert db.current_revision() == HEAD_REVISION
    db.dispose()


def test_migrate_twice_is_harmless(database_url: str) -> None:
    db = Database(database_url)
    db.migrate()
    db.migrate()
    assert db.current_revision() == HEAD_REVISION
    db.dispose()


def test_sqlite_connection_settings(sqlite_url: str) -> None:
    db = Database(sqlite_url)
    db.migrate()
    with db.read() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.execute(text("SELECT count(*) FROM journal_fts")).scalar() == 0
    db.dispose()


def test_sqlite_file_and_folder_are_private(tmp_path: Path) -> None:
    path = tmp_path / "new-home" / "journal.sqlite3"
    db = Database(f"sqlite:///{path}")
    db.migrate()
    db.dispose()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_upgrade_from_0001_keeps_entries_and_adds_the_reflection_tables(
    database_url: str, clock: FrozenClock
) -> None:
    db = Database(database_url)
    upgrade(db, "0001")
    assert db.current_revision() == "0001"
    assert not set(inspect(db.engine).get_table_names()) & REFLECTION_TABLES
    now = clock.now()
    entry = Entry(
        uid="2cde109f-8a93-4d9e-b235-a787ff36050f",
        thought="I always get it wrong 😞",
        situation="exam",
        emotions=(Emotion("sad", 70),),
        tags=("school",),
        created_at=now,
        updated_at=now,
    )
    with db.write() as conn:
        user_id = repos.ensure_local_user(conn, "8d5b0c1e-8f4b-4a59-9d57-3c1b0f1a2b3c", now)
        (entry_id,) = repos.insert_entries(conn, user_id, [entry])

    db.migrate()
    assert db.current_revision() == HEAD_REVISION
    reframe = SavedReframe(
        uid="5b0b6f43-3f0e-4b53-8d0c-0d1a2b3c4d5e",
        text="One exam, not my whole story.",
        origin="own",
        created_at=now,
        belief_before=90,
        belief_after=60,
    )
    with db.write() as conn:
        stored = repos.get_entry(conn, user_id, entry_id)
        assert stored is not None
        assert (stored.thought, stored.emotions, stored.tags) == (
            entry.thought,
            entry.emotions,
            entry.tags,
        )
        reframing_repos.set_trap_feedback(
            conn, user_id, entry_id, TrapFeedback("overgeneralizing", "confirmed", now)
        )
        reframing_repos.insert_reframe(conn, user_id, entry_id, reframe)
    with db.read() as conn:
        found = reframing_repos.load_reflections(conn, user_id, [entry_id])[entry_id]
    assert found.trap_feedback == (TrapFeedback("overgeneralizing", "confirmed", now),)
    assert [r.text for r in found.reframes] == ["One exam, not my whole story."]

    downgrade(db, "0001")
    assert db.current_revision() == "0001"
    assert not set(inspect(db.engine).get_table_names()) & REFLECTION_TABLES
    with db.read() as conn:
        assert repos.get_entry(conn, user_id, entry_id) is not None
    db.migrate()
    with db.read() as conn:
        assert reframing_repos.load_reflections(conn, user_id, [entry_id]) == {
            entry_id: Reflection()
        }
    db.dispose()
