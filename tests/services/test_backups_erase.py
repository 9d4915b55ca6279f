"""Erasing: forgetting everything removes every backup kindvoice made, wherever it went;
deleting a hosted account takes that one person out of every backup and leaves the rest."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from kindvoice.core.clock import FrozenClock
from kindvoice.services import account, accounts, backups, checkins, journal
from kindvoice.services.wiring import Context
from kindvoice.storage import snapshot
from tests.services._backups import backup_files, everything
from tests.services._portability import fill

PASSWORD = "a quiet harbour at dawn"  # noqa: S105 (a test account)


def test_forget_removes_backups_in_every_folder_used(
    ctx: Context, clock: FrozenClock, tmp_path: Path
) -> None:
    fill(ctx, clock)
    assert ctx.home is not None
    usb = tmp_path / "usb stick"
    usb.mkdir()
    (usb / "holiday.jpg").write_bytes(b"\xff\xd8 not ours")
    backups.make_backup(ctx)
    backups.make_backup(ctx, to=usb)
    backups.automatic_backup(ctx.db, ctx.home, "import")
    places = json.loads((ctx.home / "backup-places.json").read_text())
    assert places == {"folders": [str(usb.resolve())]}
    assert len(backup_files(ctx.home / "backups")) == 2
    assert len(backup_files(usb)) == 1

    account.forget_everything(ctx, "forget")

    assert not (ctx.home / "backups").exists()
    assert backup_files(usb) == []
    assert (usb / "holiday.jpg").read_bytes() == b"\xff\xd8 not ours"
    assert not (ctx.home / "backup-places.json").exists()


def test_forget_leaves_other_files_in_the_backups_folder(ctx: Context, clock: FrozenClock) -> None:
    fill(ctx, clock)
    assert ctx.home is not None
    backups.make_backup(ctx)
    mine = ctx.home / "backups" / "my-own-notes.txt"
    mine.write_text("keep me")
    account.forget_everything(ctx, "forget")
    assert backup_files(ctx.home / "backups") == []
    assert mine.read_text() == "keep me"


def test_a_wrong_confirm_word_leaves_the_backups(ctx: Context, clock: FrozenClock) -> None:
    from kindvoice.core.errors import KindvoiceError

    fill(ctx, clock)
    made = backups.make_backup(ctx)
    with pytest.raises(KindvoiceError):
        account.forget_everything(ctx, "maybe")
    assert made.path.exists()


def _person(ctx: Context, login: str, words: str) -> Context:
    user_id = accounts.register(ctx.db, login, PASSWORD, ctx.clock.now())
    person = Context(db=ctx.db, user_id=user_id, clock=ctx.clock, home=ctx.home)
    journal.record_thought(person, words, "at work", tags=["private"])
    checkins.record_checkin(person, 4, 6, 7, f"{login}'s note")
    return person


def _rows_of(backup: Path, uid: str) -> dict[str, int]:
    """How many rows in a backup belong to the person with this lasting id."""
    if backup.suffix == ".sqlite3":
        conn = sqlite3.connect(backup)
        try:
            found = conn.execute("SELECT id FROM users WHERE uid = ?", (uid,)).fetchone()
            if found is None:
                return {}
            counts = {}
            for name in ("journal_entries", "checkins", "entry_tags", "accounts"):
                query = f"SELECT count(*) FROM {name} WHERE user_id = ?"  # noqa: S608
                counts[name] = conn.execute(query, found).fetchone()[0]
            return counts
        finally:
            conn.close()
    document = json.loads(backup.read_text(encoding="utf-8"))
    tables = document["tables"]
    users = tables["users"]
    uid_at = [c[0] for c in users["columns"]].index("uid")
    ids = [row[0] for row in users["rows"] if row[uid_at] == uid]
    if not ids:
        return {}
    counts = {}
    for name in ("journal_entries", "checkins", "entry_tags", "accounts"):
        at = [c[0] for c in tables[name]["columns"]].index("user_id")
        counts[name] = sum(1 for row in tables[name]["rows"] if row[at] == ids[0])
    return counts


def test_deleting_a_hosted_account_takes_only_that_person_out_of_backups(
    ctx: Context, tmp_path: Path
) -> None:
    assert ctx.home is not None
    ana = _person(ctx, "ana", "ana's secret worry about the exam")
    ben = _person(ctx, "ben", "ben's own words stay")
    with ctx.db.read() as conn:
        ana_uid = snapshot.user_uid(conn, ana.user_id)
        ben_uid = snapshot.user_uid(conn, ben.user_id)
    assert ana_uid is not None
    assert ben_uid is not None
    away = tmp_path / "offsite"
    first = backups.make_backup(ctx).path
    second = backups.make_backup(ctx, to=away).path
    for path in (first, second):
        assert _rows_of(path, ana_uid)["journal_entries"] == 1
        assert b"secret worry" in path.read_bytes()
    bens_before = _rows_of(first, ben_uid)
    assert bens_before == {"journal_entries": 1, "checkins": 1, "entry_tags": 1, "accounts": 1}

    accounts.delete_account(ana, PASSWORD)

    for path in (first, second):
        assert _rows_of(path, ana_uid) == {}
        assert _rows_of(path, ben_uid) == bens_before
        assert b"secret worry" not in path.read_bytes()
        assert b"ben's own words stay" in path.read_bytes()
        # Still a whole, valid backup (new checksum for JSON) that can come back.
        facts = backups.check_backup(ben, path)
        assert facts.entries == 1
    backups.restore(ben, second)
    assert [e.thought for e in journal.list_entries(ben)] == ["ben's own words stay"]


def test_scrubbing_a_person_who_is_not_in_a_backup_leaves_it_alone(
    ctx: Context, clock: FrozenClock
) -> None:
    fill(ctx, clock)
    made = backups.make_backup(ctx).path
    before = made.read_bytes()
    assert backups.scrub_person(ctx.home, "00000000-0000-0000-0000-000000000000") == 0
    assert made.read_bytes() == before


def test_a_backup_that_cannot_be_cleaned_is_removed(ctx: Context, clock: FrozenClock) -> None:
    fill(ctx, clock)
    assert ctx.home is not None
    made = backups.make_backup(ctx).path
    made.write_bytes(made.read_bytes()[:300])  # damaged: neither restorable nor cleanable
    with ctx.db.read() as conn:
        uid = snapshot.user_uid(conn, ctx.user_id)
    assert uid is not None
    assert backups.scrub_person(ctx.home, uid) == 1
    assert not made.exists()


def test_scrubbed_sqlite_backup_has_no_trace_in_its_search_index(
    ctx: Context, clock: FrozenClock
) -> None:
    if ctx.db.dialect != "sqlite":
        pytest.skip("the search index is SQLite's")
    ana = _person(ctx, "ana", "zebracrossing worries")
    made = backups.make_backup(ctx).path
    assert b"zebracrossing" in made.read_bytes()
    accounts.delete_account(ana, PASSWORD)
    conn = sqlite3.connect(made)
    try:
        hits = conn.execute(
            "SELECT count(*) FROM journal_fts WHERE journal_fts MATCH 'zebracrossing'"
        ).fetchone()[0]
    finally:
        conn.close()
    assert hits == 0
    assert b"zebracrossing" not in made.read_bytes()
    assert everything(ctx.db)["users"]  # the local person is still there
