"""Restoring checks the file first: a bad one gets a kind error and changes nothing; a restore
that breaks half-way leaves the journal as it was."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kindvoice.core.clock import FrozenClock
from kindvoice.core.errors import ImportFileError, KindvoiceError
from kindvoice.interfaces import messages as m
from kindvoice.services import backups
from kindvoice.services.wiring import Context
from kindvoice.storage import snapshot
from tests.services._backups import backup_files, everything
from tests.services._portability import fill


def _good_backup(ctx: Context, clock: FrozenClock) -> Path:
    fill(ctx, clock)
    return backups.make_backup(ctx).path


def _rewrite_dump(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    """Change a JSON backup and give it a matching checksum again."""
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    document["counts"] = {name: len(t["rows"]) for name, t in document["tables"].items()}
    document["sha256"] = snapshot.checksum(document["tables"])
    path.write_bytes(snapshot.encode_dump(document))


def _assert_refused(ctx: Context, path: Path, code: str) -> None:
    assert ctx.home is not None
    folder = ctx.home / "backups"
    files_before = backup_files(folder)
    before = everything(ctx.db)
    with pytest.raises(KindvoiceError) as raised:
        backups.restore(ctx, path)
    assert raised.value.code == code
    assert everything(ctx.db) == before
    # Refused before anything happened: not even the automatic backup was made.
    assert backup_files(folder) == files_before
    text = m.explain(raised.value)[0]
    assert "Nothing was changed" in text or "as it was" in text


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _zero_bytes(path: Path) -> None:
    path.write_bytes(b"")


def _binary(path: Path) -> None:
    path.write_bytes(bytes(range(256)) * 8)


def _blank(path: Path) -> None:
    path.write_bytes(b"   \n\n  ")


def _wrong_json(path: Path) -> None:
    path.write_text('{"entries": [], "format": "someone-else"}')


def _not_json(path: Path) -> None:
    path.write_text("Dear diary, today was long.\n")


@pytest.mark.parametrize(
    ("damage", "code"),
    [
        (_zero_bytes, "backup_empty"),
        (_blank, "backup_empty"),
        (_binary, "backup_binary"),
        (_wrong_json, "backup_not_kindvoice"),
        (_not_json, "backup_not_json"),
    ],
    ids=["empty", "blank", "binary", "wrong-json", "not-json"],
)
def test_a_file_that_is_no_backup_changes_nothing(
    ctx: Context, clock: FrozenClock, damage: Callable[[Path], None], code: str
) -> None:
    path = _good_backup(ctx, clock)
    damage(path)
    _assert_refused(ctx, path, code)


def test_a_truncated_backup_changes_nothing(ctx: Context, clock: FrozenClock) -> None:
    path = _good_backup(ctx, clock)
    _truncate(path)
    code = "backup_damaged" if ctx.db.dialect == "sqlite" else "backup_truncated"
    _assert_refused(ctx, path, code)


def test_a_missing_file_or_a_folder_changes_nothing(
    ctx: Context, clock: FrozenClock, tmp_path: Path
) -> None:
    fill(ctx, clock)
    _assert_refused(ctx, tmp_path / "nowhere.sqlite3", "backup_missing")
    _assert_refused(ctx, tmp_path, "backup_is_folder")


def test_a_backup_of_the_other_kind_of_database_changes_nothing(
    ctx: Context, clock: FrozenClock, tmp_path: Path
) -> None:
    fill(ctx, clock)
    other = tmp_path / "other-kind"
    if ctx.db.dialect == "sqlite":
        document = {"format": "kindvoice-backup", "version": 1, "revision": "0008"}
        document |= {"dialect": "postgresql", "created": "2026-01-01T00:00:00+00:00"}
        document |= {"counts": {}, "tables": {}, "sha256": snapshot.checksum({})}
        other.write_text(json.dumps(document))
        _assert_refused(ctx, other, "backup_wrong_kind")
    else:
        sqlite3.connect(other).execute("CREATE TABLE users (id INTEGER)").connection.close()
        _assert_refused(ctx, other, "backup_wrong_kind")


def test_a_sqlite_file_that_is_not_kindvoices_changes_nothing(
    ctx: Context, clock: FrozenClock, tmp_path: Path
) -> None:
    if ctx.db.dialect != "sqlite":
        pytest.skip("a SQLite file goes back only into a SQLite journal")
    fill(ctx, clock)
    other = tmp_path / "recipes.sqlite3"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE recipes (id INTEGER PRIMARY KEY, name TEXT)")
    conn.execute("INSERT INTO recipes (name) VALUES ('soup')")
    conn.commit()
    conn.close()
    _assert_refused(ctx, other, "backup_not_kindvoice")


def test_a_backup_from_a_newer_kindvoice_changes_nothing(ctx: Context, clock: FrozenClock) -> None:
    path = _good_backup(ctx, clock)
    if ctx.db.dialect == "sqlite":
        conn = sqlite3.connect(path)
        conn.execute("UPDATE alembic_version SET version_num = '0099'")
        conn.commit()
        conn.close()
    else:
        _rewrite_dump(path, lambda d: d.update(revision="0099"))
    _assert_refused(ctx, path, "backup_too_new")


def test_a_backup_with_an_unknown_revision_changes_nothing(
    ctx: Context, clock: FrozenClock
) -> None:
    path = _good_backup(ctx, clock)
    if ctx.db.dialect == "sqlite":
        conn = sqlite3.connect(path)
        conn.execute("UPDATE alembic_version SET version_num = 'abc123'")
        conn.commit()
        conn.close()
    else:
        _rewrite_dump(path, lambda d: d.update(revision="abc123"))
    _assert_refused(ctx, path, "backup_not_kindvoice")


def test_a_changed_json_backup_fails_its_checksum(ctx: Context, clock: FrozenClock) -> None:
    if ctx.db.dialect == "sqlite":
        pytest.skip("JSON backups are PostgreSQL's")
    path = _good_backup(ctx, clock)
    document = json.loads(path.read_text(encoding="utf-8"))
    rows = document["tables"]["journal_entries"]["rows"]
    columns = [c[0] for c in document["tables"]["journal_entries"]["columns"]]
    rows[0][columns.index("thought")] = "words nobody wrote"
    path.write_bytes(snapshot.encode_dump(document))
    _assert_refused(ctx, path, "backup_checksum")


def test_a_json_backup_with_a_strange_column_name_is_refused(
    ctx: Context, clock: FrozenClock
) -> None:
    if ctx.db.dialect == "sqlite":
        pytest.skip("JSON backups are PostgreSQL's")
    path = _good_backup(ctx, clock)

    def sneak(document: dict[str, Any]) -> None:
        document["tables"]["users"]["columns"][0][0] = 'id"; DROP TABLE users; --'

    _rewrite_dump(path, sneak)
    _assert_refused(ctx, path, "backup_not_kindvoice")


def test_a_restore_that_breaks_half_way_leaves_the_journal_as_it_was(
    ctx: Context, clock: FrozenClock
) -> None:
    """PostgreSQL: every row goes in one transaction; a row the schema refuses (a mood of 99,
    late in the file) rolls all of it back, the emptied tables included."""
    if ctx.db.dialect == "sqlite":
        pytest.skip("SQLite copies the whole file in one step; there is no half-way")
    path = _good_backup(ctx, clock)

    def break_last_checkin(document: dict[str, Any]) -> None:
        table = document["tables"]["checkins"]
        columns = [c[0] for c in table["columns"]]
        table["rows"][-1][columns.index("mood")] = 99

    _rewrite_dump(path, break_last_checkin)
    assert ctx.home is not None
    before = everything(ctx.db)
    with pytest.raises(KindvoiceError) as raised:
        backups.restore(ctx, path)
    assert raised.value.code == "restore_failed"
    assert everything(ctx.db) == before
    # The state before was kept as an automatic backup, and it is whole.
    kept = [n for n in backup_files(ctx.home / "backups") if "-restore" in n]
    assert len(kept) == 1
    assert backups.check_backup(ctx, ctx.home / "backups" / kept[0]).entries == len(
        before["journal_entries"]
    )


def test_bad_files_raise_import_file_errors(ctx: Context, tmp_path: Path) -> None:
    """The CLI maps these to its data-error exit code."""
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    with pytest.raises(ImportFileError):
        backups.check_backup(ctx, empty)
