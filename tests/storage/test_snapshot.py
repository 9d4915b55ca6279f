"""The database side of backups: copies hold every value exactly as stored (so encrypted text
stays encrypted), carry a header that checks out, and come back exactly."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import insert, text, update

from kindvoice.core.clock import FrozenClock
from kindvoice.core.config import Settings
from kindvoice.services import backups, checkins, journal
from kindvoice.services.wiring import Context, open_context
from kindvoice.storage import snapshot
from kindvoice.storage.database import HEAD_REVISION
from kindvoice.storage.schema import checkins as checkins_table
from kindvoice.storage.schema import journal_entries, vault
from tests.services._backups import everything

# What encrypted text looks like at rest: kindvoice never opens it while copying.
SEALED_THOUGHT = "kv1:S1YBAAAAAAAAAAAxMjM0NTY3ODkwMTI=+/sealed+thought=="
SEALED_NOTE = "kv1:S1YBAAAAAAAAAAA5ODc2NTQzMjEwOTg=+/sealed+note=="
WRAPPED_KEY = "wrapped-data-key-base64=="
SALT = "c2FsdHNhbHRzYWx0c2FsdA=="


@pytest.fixture
def sealed(settings: Settings, clock: FrozenClock) -> Iterator[Context]:
    """A journal whose private text is stored as ciphertexts, with a vault row."""
    context = open_context(settings, clock)
    entry = journal.record_thought(context, "plain before sealing")
    checkins.record_checkin(context, 4, 5, 6, "a plain note")
    now = clock.now()
    with context.db.write() as conn:
        conn.execute(
            update(journal_entries)
            .where(journal_entries.c.id == entry.id)
            .values(thought=SEALED_THOUGHT, situation="")
        )
        conn.execute(update(checkins_table).values(note=SEALED_NOTE))
        if conn.dialect.name == "sqlite":  # locking empties the search index too
            conn.execute(text("DELETE FROM journal_fts"))
            conn.execute(text("INSERT INTO journal_fts(journal_fts) VALUES ('optimize')"))
        conn.execute(
            insert(vault).values(
                id=1,
                version=1,
                key_id="0123456789abcdef",
                kdf="argon2id",
                kdf_time_cost=3,
                kdf_memory_kib=65536,
                kdf_parallelism=4,
                salt=SALT,
                wrapped_key=WRAPPED_KEY,
                remember=None,
                created_at=now,
                changed_at=now,
            )
        )
    try:
        yield context
    finally:
        context.close()


def _stored(context: Context) -> tuple[str, str, str]:
    with context.db.read() as conn:
        thought = conn.execute(text("SELECT thought FROM journal_entries")).scalar_one()
        note = conn.execute(text("SELECT note FROM checkins")).scalar_one()
        wrapped = conn.execute(text("SELECT wrapped_key FROM vault")).scalar_one()
    return thought, note, wrapped


def test_a_backup_copies_stored_values_verbatim(sealed: Context) -> None:
    made = backups.make_backup(sealed)
    assert made.encrypted
    raw = made.path.read_bytes()
    assert b"plain before sealing" not in raw
    assert b"a plain note" not in raw
    if made.path.suffix == ".sqlite3":
        conn = sqlite3.connect(made.path)
        try:
            thought = conn.execute("SELECT thought FROM journal_entries").fetchone()[0]
            note = conn.execute("SELECT note FROM checkins").fetchone()[0]
            row = conn.execute("SELECT wrapped_key, salt FROM vault").fetchone()
        finally:
            conn.close()
    else:
        tables = json.loads(raw)["tables"]

        def column(table: str, name: str) -> object:
            names = [c[0] for c in tables[table]["columns"]]
            return tables[table]["rows"][0][names.index(name)]

        thought, note = column("journal_entries", "thought"), column("checkins", "note")
        row = (column("vault", "wrapped_key"), column("vault", "salt"))
    assert (thought, note, tuple(row)) == (SEALED_THOUGHT, SEALED_NOTE, (WRAPPED_KEY, SALT))


def test_a_restore_puts_stored_values_back_verbatim(sealed: Context) -> None:
    before = everything(sealed.db)
    made = backups.make_backup(sealed)
    with sealed.db.write() as conn:
        conn.execute(text("DELETE FROM vault"))
        conn.execute(text("UPDATE checkins SET note = 'changed'"))
    backups.restore(sealed, made.path)
    assert _stored(sealed) == (SEALED_THOUGHT, SEALED_NOTE, WRAPPED_KEY)
    assert everything(sealed.db) == before


def test_a_json_dump_has_a_header_that_checks_out(ctx: Context, clock: FrozenClock) -> None:
    journal.record_thought(ctx, "Ünïcödé and 🌱 survive", tags=["one", "two"])
    created = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    document = snapshot.dump(ctx.db, created, "import")
    assert document["format"] == "kindvoice-backup"
    assert document["version"] == snapshot.FORMAT_VERSION
    assert document["revision"] == HEAD_REVISION
    assert document["dialect"] == ctx.db.dialect
    assert document["created"] == "2026-11-20T09:30:00+00:00"
    assert document["reason"] == "import"
    assert document["counts"]["journal_entries"] == 1
    assert document["counts"]["entry_tags"] == 2
    assert document["sha256"] == snapshot.checksum(document["tables"])
    encoded = snapshot.encode_dump(document)
    assert json.loads(encoded) == document
    assert "Ünïcödé and 🌱 survive".encode() in encoded
    # The header comes first, so `head` shows what a backup is.
    assert encoded.splitlines()[0].startswith(b'{"format": "kindvoice-backup"')
    assert snapshot.read_dump(encoded, Path("backup.json"), ctx.db.dialect) == document


def test_a_sqlite_copy_is_one_whole_file(
    sqlite_url: str, clock: FrozenClock, tmp_path: Path
) -> None:
    settings = Settings(home=tmp_path / "home", database_url=sqlite_url)
    context = open_context(settings, clock)
    try:
        journal.record_thought(context, "kept whole")
        made = backups.make_backup(context)
    finally:
        context.close()
    conn = sqlite3.connect(made.path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    assert sorted(p.name for p in made.path.parent.iterdir()) == [made.path.name]


def test_scrub_dump_follows_the_foreign_keys() -> None:
    document = {
        "tables": {
            "users": {"columns": [["id", "plain"], ["uid", "plain"]], "rows": [[1, "a"], [2, "b"]]},
            "journal_entries": {
                "columns": [["id", "plain"], ["user_id", "plain"]],
                "rows": [[10, 1], [11, 2]],
            },
            "entry_tags": {
                "columns": [["id", "plain"], ["user_id", "plain"], ["entry_id", "plain"]],
                "rows": [[100, 1, 10], [101, 2, 11]],
            },
            "practice_runs": {
                "columns": [["id", "plain"], ["user_id", "plain"], ["entry_id", "plain"]],
                "rows": [[7, 2, 11]],
            },
        }
    }
    cleaned = snapshot.scrub_dump(document, "a")
    assert cleaned is not None
    tables = cleaned["tables"]
    assert tables["users"]["rows"] == [[2, "b"]]
    assert tables["journal_entries"]["rows"] == [[11, 2]]
    assert tables["entry_tags"]["rows"] == [[101, 2, 11]]
    assert tables["practice_runs"]["rows"] == [[7, 2, 11]]
    assert cleaned["counts"] == {
        "users": 1,
        "journal_entries": 1,
        "entry_tags": 1,
        "practice_runs": 1,
    }
    assert cleaned["sha256"] == snapshot.checksum(tables)
    assert snapshot.scrub_dump(cleaned, "nobody") is None


def test_known_revisions_run_from_the_first_to_head() -> None:
    revisions = snapshot.known_revisions()
    assert revisions[0] == "0001"
    assert revisions[-1] == HEAD_REVISION
    assert list(revisions) == sorted(revisions)
