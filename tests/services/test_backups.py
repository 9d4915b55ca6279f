"""Backups on real databases: a copy, a change, a restore gives back exactly what was there;
the last few are kept; automatic backups come before a migration and an import."""

from __future__ import annotations

import re
import stat
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import insert

from kindvoice.core.clock import FrozenClock
from kindvoice.core.config import Settings
from kindvoice.services import backups, checkins, journal
from kindvoice.services.wiring import Context, open_context
from kindvoice.storage import repos
from kindvoice.storage.database import HEAD_REVISION, Database
from kindvoice.storage.migrate import upgrade
from kindvoice.storage.schema import checkins as checkins_table
from tests.services._backups import backup_files, everything
from tests.services._portability import fill

NAME = re.compile(r"^kindvoice-backup-\d{8}-\d{6}(-\d+)?(-[a-z]+)?\.(sqlite3|json)$")


def test_backup_change_restore_gives_back_exactly_the_old_data(
    ctx: Context, clock: FrozenClock
) -> None:
    fill(ctx, clock)
    before = everything(ctx.db)
    made = backups.make_backup(ctx)
    assert ctx.home is not None
    assert made.path.parent == ctx.home / "backups"
    assert made.size == made.path.stat().st_size > 0

    first = journal.list_entries(ctx)[0]
    assert first.id is not None
    journal.delete_entry(ctx, first.id)
    journal.record_thought(ctx, "written after the backup")
    checkins.record_checkin(ctx, 5, 5, 5, "after")
    assert everything(ctx.db) != before

    done = backups.restore(ctx, made.path)
    assert everything(ctx.db) == before
    assert done.facts.entries == len(before["journal_entries"])
    # What was there just before is kept, as an automatic backup.
    assert done.previous is not None
    assert done.previous.name.endswith("-restore" + made.path.suffix)
    # New rows don't collide with the ids that came back.
    added = journal.record_thought(ctx, "a new one after restoring")
    assert added.id is not None
    assert added.id > max(row[0] for row in before["journal_entries"])


def test_backup_file_and_folder_are_private_and_named_by_the_time(
    ctx: Context, clock: FrozenClock
) -> None:
    fill(ctx, clock)
    made = backups.make_backup(ctx)
    stamp = clock.now().astimezone().strftime("%Y%m%d-%H%M%S")
    suffix = ".sqlite3" if ctx.db.dialect == "sqlite" else ".json"
    assert made.path.name == f"kindvoice-backup-{stamp}{suffix}"
    assert stat.S_IMODE(made.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(made.path.parent.stat().st_mode) == 0o700
    # Nothing half-written is left beside it.
    assert [p.name for p in made.path.parent.iterdir()] == [made.path.name]


def test_two_backups_in_the_same_second_get_different_names(ctx: Context) -> None:
    journal.record_thought(ctx, "one thought")
    first = backups.make_backup(ctx)
    second = backups.make_backup(ctx)
    third = backups.make_backup(ctx)
    names = {first.path.name, second.path.name, third.path.name}
    assert len(names) == 3
    assert all(NAME.match(name) for name in names)
    assert backup_files(first.path.parent) == [first.path.name, second.path.name, third.path.name]
    assert third.kept == 3


def test_keep_last_n_removes_only_the_oldest_of_our_own(
    ctx: Context, clock: FrozenClock, tmp_path: Path
) -> None:
    journal.record_thought(ctx, "one thought")
    folder = tmp_path / "usb"
    folder.mkdir()
    others = [
        "notes.txt",
        "kindvoice-backup-old-copy.sqlite3",
        "kindvoice-backup-20200101-000000.sqlite3.bak",
        "kindvoice-backup-20200101-000000-import.json.txt",
    ]
    for name in others:
        (folder / name).write_text("not ours to touch")
    # An automatic backup there counts separately from the person's own.
    assert ctx.home is not None
    made = []
    for _ in range(4):
        clock.advance(timedelta(minutes=1))
        made.append(backups.make_backup(ctx, to=folder, keep=2))
    assert made[-1].kept == 2
    assert made[-1].removed == (made[1].path,)
    assert backup_files(folder) == [made[2].path.name, made[3].path.name]
    for name in others:
        assert (folder / name).read_text() == "not ours to touch"


def test_automatic_backups_are_kept_per_reason(ctx: Context, clock: FrozenClock) -> None:
    journal.record_thought(ctx, "one thought")
    own = backups.make_backup(ctx)
    assert ctx.home is not None
    for _ in range(backups.DEFAULT_KEEP + 3):
        assert backups.automatic_backup(ctx.db, ctx.home, "import") is not None
    names = backup_files(ctx.home / "backups")
    assert own.path.name in names
    assert sum(name.endswith(("-import.sqlite3", "-import.json")) for name in names) == 10


def test_automatic_backup_skips_when_there_is_nothing_worth_keeping(
    settings: Settings, tmp_path: Path
) -> None:
    db = Database(settings.database_url)
    # A database without a schema yet.
    assert backups.automatic_backup(db, settings.home, "migration") is None
    context = open_context(settings)
    try:
        # A brand-new journal: only the profile row.
        assert backups.automatic_backup(context.db, settings.home, "import") is None
        journal.record_thought(context, "now there is something")
        assert backups.automatic_backup(context.db, None, "import") is None
        made = backups.automatic_backup(context.db, settings.home, "import")
        assert made is not None
        assert made.name.endswith(("-import.sqlite3", "-import.json"))
    finally:
        context.close()
        db.dispose()
    with pytest.raises(ValueError, match="reason"):
        backups.automatic_backup(Database(settings.database_url), settings.home, "whim")


def test_automatic_backup_of_a_missing_sqlite_file_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "never.sqlite3"
    assert backups.automatic_backup(Database(f"sqlite:///{path}"), tmp_path, "import") is None
    assert not path.exists()


def _journal_at_0007(url: str, clock: FrozenClock) -> Database:
    db = Database(url)
    upgrade(db, "0007")
    with db.write() as conn:
        user_id = repos.ensure_local_user(conn, "0b8a3e4e-5d1c-4f8e-9a43-7f2b7d1e0c11", clock.now())
        conn.execute(
            insert(checkins_table).values(
                uid="4a0c9b1e-2f3d-4c5b-8a7e-6d9f0e1c2b3a",
                user_id=user_id,
                created_at=clock.now(),
                utc_offset_s=0,
                mood=4,
                stress=6,
                critic=7,
                note="written before the update",
            )
        )
    return db


def test_automatic_backup_comes_before_a_migration(settings: Settings, clock: FrozenClock) -> None:
    old = _journal_at_0007(settings.database_url, clock)
    before = everything(old)
    old.dispose()
    context = open_context(settings, clock)
    try:
        assert context.db.current_revision() == HEAD_REVISION
        folder = settings.home / "backups"
        names = backup_files(folder)
        assert len(names) == 1
        assert re.search(r"-migration\.(sqlite3|json)$", names[0])
        facts = backups.check_backup(context, folder / names[0])
        assert facts.revision == "0007"
        assert facts.checkins == 1
        # Opening again (already current) makes no more backups.
        open_context(settings, clock).close()
        assert backup_files(folder) == names

        # Bringing the old-schema backup back gives its rows, on the current schema.
        checkins.record_checkin(context, 9, 1, 1, "after the update")
        backups.restore(context, folder / names[0])
        after = everything(context.db)
        assert after["alembic_version"] == [(HEAD_REVISION,)]
        assert after["checkins"] == before["checkins"]
        assert after["users"] == before["users"]
    finally:
        context.close()


def test_an_import_is_backed_up_first(ctx: Context, clock: FrozenClock) -> None:
    fill(ctx, clock)
    before = everything(ctx.db)
    made = backups.automatic_backup(ctx.db, ctx.home, "import")
    assert made is not None
    journal.record_thought(ctx, "imported later")
    backups.restore(ctx, made)
    assert everything(ctx.db) == before


def test_backup_to_a_file_instead_of_a_folder_is_refused(ctx: Context, tmp_path: Path) -> None:
    from kindvoice.core.errors import KindvoiceError

    journal.record_thought(ctx, "one thought")
    target = tmp_path / "a-file"
    target.write_text("here")
    with pytest.raises(KindvoiceError) as raised:
        backups.make_backup(ctx, to=target)
    assert raised.value.code == "backup_not_folder"
    with pytest.raises(KindvoiceError) as raised:
        backups.make_backup(ctx, keep=0)
    assert raised.value.code == "backup_bad_keep"
    assert target.read_text() == "here"


def test_migrate_with_backup_is_what_the_server_uses(
    settings: Settings, clock: FrozenClock
) -> None:
    """`kindvoice serve` and the web app's factory migrate through this one function."""
    db = _journal_at_0007(settings.database_url, clock)
    try:
        made = backups.migrate_with_backup(db, settings.home)
        assert made is not None
        assert made.name.endswith(("-migration.sqlite3", "-migration.json"))
        assert db.current_revision() == HEAD_REVISION
        assert backups.migrate_with_backup(db, settings.home) is None
        assert len(backup_files(settings.home / "backups")) == 1
    finally:
        db.dispose()
