"""Encryption at rest through the services, on real SQLite files and a real PostgreSQL.

Locking seals every private column in place; everything above the repositories keeps
seeing plain text. A wrong passphrase changes nothing; a passphrase change touches only
the vault row; a changed byte anywhere in a sealed value is refused.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text, update

from kindvoice.core.clock import FrozenClock
from kindvoice.core.config import Settings
from kindvoice.core.errors import ValidationError, VaultError
from kindvoice.domain.records import CriticSpan, StoredAnalysis
from kindvoice.services import checkins, journal, portability, reframing, vault
from kindvoice.services.wiring import Context, open_context
from kindvoice.storage import reframing_repos, sealing
from kindvoice.storage.database import Database
from kindvoice.storage.schema import checkins as checkins_table
from kindvoice.storage.schema import entry_analyses, journal_entries, reframes
from kindvoice.storage.schema import vault as vault_table
from kindvoice.storage.sealing import SEALED_COLUMNS, read_vault
from kindvoice.storage.vault import PREFIX, SALT_BYTES, KdfParams, derive_key, unwrap_key
from tests.services._portability import fill, fresh_context

# Tiny Argon2 costs keep these tests quick; the CLI tests use the real defaults.
FAST = KdfParams(time_cost=1, memory_kib=1024, parallelism=1)
SECRET = "paper boats at dawn"  # noqa: S105 - a test passphrase
MARKER = "lighthouse-marker-7f3a"


@pytest.fixture
def ctx(database_url: str, tmp_path: Path, clock: FrozenClock) -> Iterator[Context]:
    context = open_context(Settings(home=tmp_path / "home", database_url=database_url), clock)
    yield context
    context.close()


def stored(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every private column exactly as the database holds it, table by table."""
    with db.engine.connect() as conn:
        return {
            table.name: [
                tuple(row)
                for row in conn.execute(
                    select(table.c.id, *(table.c[c] for c in columns)).order_by(table.c.id)
                )
            ]
            for table, columns in SEALED_COLUMNS.items()
        }


def vault_row(db: Database) -> tuple[Any, ...] | None:
    with db.engine.connect() as conn:
        row = conn.execute(select(vault_table)).first()
    return None if row is None else tuple(row)


def crisis_analysis(ctx: Context, clock: FrozenClock, entry_id: int) -> None:
    analysis = StoredAnalysis(
        model_version="test-model-1",
        crisis_level="urgent",
        crisis_cue=f"a cue {MARKER}",
        critic_probability=0.5,
        is_self_critical=False,
        traps=(),
        critic_spans=(CriticSpan(0, 3, 0),),
        created_at=clock.now(),
    )
    with ctx.db.write() as conn:
        reframing_repos.replace_analysis(conn, ctx.user_id, entry_id, analysis)


def filled(ctx: Context, clock: FrozenClock) -> None:
    fill(ctx, clock)
    entry = journal.record_thought(ctx, f"I wrote {MARKER} here", situation=f"at {MARKER}")
    assert entry.id is not None
    crisis_analysis(ctx, clock, entry.id)
    reframing.record_reframe(ctx, entry.id, f"A kinder {MARKER} answer")
    checkins.record_checkin(ctx, 5, 5, 5, note=f"note {MARKER}")


def comparable(document: dict[str, Any]) -> dict[str, Any]:
    """An export without the moment it was made (everything else must match)."""
    document = dict(document)
    document.pop("exported_at", None)
    return document


def test_locking_seals_every_private_column_and_services_still_read_plain_text(
    ctx: Context, clock: FrozenClock
) -> None:
    filled(ctx, clock)
    before = portability.export_document(ctx)
    plain = stored(ctx.db)

    report = vault.lock(ctx.db, SECRET, clock, params=FAST)

    assert report.rows["journal_entries"] == len(plain["journal_entries"])
    sealed = stored(ctx.db)
    for table, rows in sealed.items():
        for row, old in zip(rows, plain[table], strict=True):
            assert row[0] == old[0]
            for value in row[1:]:
                assert value.startswith(PREFIX), (table, value)
    assert MARKER not in json.dumps(sealed)
    assert comparable(portability.export_document(ctx)) == comparable(before)


def test_export_of_a_locked_journal_imports_into_a_fresh_one_whole(
    ctx: Context, clock: FrozenClock, tmp_path: Path
) -> None:
    filled(ctx, clock)
    vault.lock(ctx.db, SECRET, clock, params=FAST)
    # Another process opens the locked journal: it has to be given the passphrase.
    reopened = open_context(Settings(home=tmp_path / "home", database_url=ctx.db.url), clock)
    with pytest.raises(VaultError) as locked:
        portability.export_document(reopened)
    assert locked.value.code == "vault_locked"
    assert vault.open_session(reopened.db, SECRET)
    document = portability.export_document(reopened)
    reopened.close()

    other = fresh_context(tmp_path, clock)
    journal_in = portability.parse_import_bytes(json.dumps(document).encode(), other)
    portability.import_journal(other, journal_in)
    assert comparable(portability.export_document(other)) == comparable(document)
    # and the import into a locked journal seals what it brings in
    vault.lock(other.db, "another passphrase", clock, params=FAST)
    assert MARKER not in json.dumps(stored(other.db))
    assert comparable(portability.export_document(other)) == comparable(document)
    other.close()


def test_unlocking_gives_back_exactly_the_plain_columns(ctx: Context, clock: FrozenClock) -> None:
    filled(ctx, clock)
    plain = stored(ctx.db)
    vault.lock(ctx.db, SECRET, clock, params=FAST)
    report, removed = vault.unlock(ctx.db, SECRET)
    assert report.total == sum(len(rows) for rows in plain.values())
    assert removed.key_id
    assert stored(ctx.db) == plain
    assert vault_row(ctx.db) is None
    assert [e.thought for e in journal.search_entries(ctx, MARKER)] == [f"I wrote {MARKER} here"]


def test_a_wrong_passphrase_changes_nothing(ctx: Context, clock: FrozenClock) -> None:
    filled(ctx, clock)
    vault.lock(ctx.db, SECRET, clock, params=FAST)
    sealed, row = stored(ctx.db), vault_row(ctx.db)
    ctx.db.keys.forget()

    for attempt in (
        lambda: vault.unlock(ctx.db, "paper boats at dusk"),
        lambda: vault.change_passphrase(ctx.db, "not it at all", "a new passphrase", clock),
        lambda: vault.open_session(ctx.db, ""),
    ):
        with pytest.raises(VaultError) as caught:
            attempt()
        assert caught.value.code == "wrong_passphrase"
        assert stored(ctx.db) == sealed
        assert vault_row(ctx.db) == row
        assert ctx.db.keys.cipher is None


def test_changing_the_passphrase_rewraps_the_key_and_touches_nothing_else(
    ctx: Context, clock: FrozenClock
) -> None:
    filled(ctx, clock)
    vault.lock(ctx.db, SECRET, clock, params=FAST)
    sealed, old = stored(ctx.db), vault_row(ctx.db)
    before = portability.export_document(ctx)

    vault.change_passphrase(ctx.db, SECRET, "a brand new passphrase", clock, params=FAST)

    assert stored(ctx.db) == sealed  # not one sealed byte rewritten
    new = vault_row(ctx.db)
    assert new is not None
    assert old is not None
    assert new != old
    ctx.db.keys.forget()
    with pytest.raises(VaultError):
        vault.open_session(ctx.db, SECRET)
    assert vault.open_session(ctx.db, "a brand new passphrase")
    assert comparable(portability.export_document(ctx)) == comparable(before)


def test_equal_texts_never_give_equal_ciphertexts(ctx: Context, clock: FrozenClock) -> None:
    for _ in range(3):
        journal.record_thought(ctx, "the very same words", situation="same")
    vault.lock(ctx.db, SECRET, clock, params=FAST)
    journal.record_thought(ctx, "the very same words", situation="same")
    rows = stored(ctx.db)["journal_entries"]
    thoughts = [row[2] for row in rows]
    situations = [row[1] for row in rows]
    assert len(set(thoughts)) == len(thoughts) == 4
    assert len(set(situations)) == 4
    assert {e.thought for e in journal.list_entries(ctx)} == {"the very same words"}


def test_argon2_parameters_and_a_random_salt_are_stored_and_used(
    ctx: Context, clock: FrozenClock
) -> None:
    journal.record_thought(ctx, "something private")
    params = KdfParams(time_cost=2, memory_kib=2048, parallelism=2)
    vault.lock(ctx.db, SECRET, clock, params=params)
    with ctx.db.read() as conn:
        record = read_vault(conn)
    assert record is not None
    assert record.kdf == "argon2id"
    assert record.params == params
    assert len(record.salt) == SALT_BYTES
    # The stored salt and costs are the ones that open the key ...
    key = unwrap_key(derive_key(SECRET, record.salt, params), record.wrapped_key, record.key_id)
    assert len(key) == 32
    # ... and others don't.
    for other in (KdfParams(1, 2048, 2), KdfParams(2, 4096, 2), KdfParams(2, 2048, 1)):
        with pytest.raises(VaultError):
            unwrap_key(derive_key(SECRET, record.salt, other), record.wrapped_key, record.key_id)
    with pytest.raises(VaultError):
        unwrap_key(derive_key(SECRET, bytes(16), params), record.wrapped_key, record.key_id)
    # A changed cost in the stored row stops the right passphrase from opening it.
    with ctx.db.engine.begin() as conn:
        conn.execute(update(vault_table).values(kdf_time_cost=3))
    ctx.db.keys.forget()
    with pytest.raises(VaultError) as caught:
        vault.open_session(ctx.db, SECRET)
    assert caught.value.code == "wrong_passphrase"
    # Two locks never share a salt (unlock, lock again).
    with ctx.db.engine.begin() as conn:
        conn.execute(update(vault_table).values(kdf_time_cost=2))
    vault.unlock(ctx.db, SECRET)
    vault.lock(ctx.db, SECRET, clock, params=params)
    with ctx.db.read() as conn:
        again = read_vault(conn)
    assert again is not None
    assert again.salt != record.salt
    assert again.key_id != record.key_id


def _flip(value: str, index: int) -> str:
    blob = bytearray(base64.b64decode(value[len(PREFIX) :]))
    blob[index] ^= 0x01
    return PREFIX + base64.b64encode(bytes(blob)).decode()


def test_a_changed_byte_anywhere_in_a_sealed_value_is_refused(
    ctx: Context, clock: FrozenClock
) -> None:
    entry = journal.record_thought(ctx, "short")
    assert entry.id is not None
    vault.lock(ctx.db, SECRET, clock, params=FAST)
    original = stored(ctx.db)["journal_entries"][0][2]
    length = len(base64.b64decode(original[len(PREFIX) :]))
    for index in range(length):
        with ctx.db.engine.begin() as conn:
            conn.execute(
                update(journal_entries)
                .where(journal_entries.c.id == entry.id)
                .values(thought=_flip(original, index))
            )
        with pytest.raises(VaultError) as caught:
            journal.get_entry(ctx, entry.id)
        assert caught.value.code in {"vault_damaged", "vault_version", "vault_other_key"}
        assert caught.value.params["where"] == "journal_entries.thought"
    # A sealed value moved to another column (or row of another kind) is refused too.
    with ctx.db.engine.begin() as conn:
        situation = conn.execute(select(journal_entries.c.situation)).scalar_one()
        conn.execute(update(journal_entries).values(thought=situation))
    with pytest.raises(VaultError):
        journal.get_entry(ctx, entry.id)
    with ctx.db.engine.begin() as conn:
        conn.execute(update(journal_entries).values(thought=original))
    assert journal.get_entry(ctx, entry.id).thought == "short"


def test_search_works_while_locked_and_the_index_holds_no_words(
    ctx: Context, clock: FrozenClock
) -> None:
    filled(ctx, clock)
    journal.record_thought(ctx, "Failing the driving test", tags=["exams"])
    queries = [MARKER, "written elsewhere", "tag2", "sad", "driving EXAMS", "no such words"]
    unlocked = {q: [e.id for e in journal.search_entries(ctx, q)] for q in queries}
    vault.lock(ctx.db, SECRET, clock, params=FAST)
    for query in queries:
        found = [e.id for e in journal.search_entries(ctx, query)]
        assert set(found) == set(unlocked[query]), query
    new = journal.record_thought(ctx, f"a fresh {MARKER} thought")
    assert new.id in [e.id for e in journal.search_entries(ctx, "fresh")]
    if ctx.db.dialect == "sqlite":
        with ctx.db.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM journal_fts")).scalar_one() == 0


def test_no_plain_words_are_left_in_the_sqlite_files_after_locking(
    tmp_path: Path, clock: FrozenClock
) -> None:
    path = tmp_path / "j.sqlite3"
    ctx = open_context(Settings(home=tmp_path, database_url=f"sqlite:///{path}"), clock)
    filled(ctx, clock)
    ctx.db.compact()
    assert MARKER.encode() in path.read_bytes()
    vault.lock(ctx.db, SECRET, clock, params=FAST)
    ctx.close()
    for file in tmp_path.glob("j.sqlite3*"):
        assert MARKER.encode() not in file.read_bytes(), file.name
        assert SECRET.encode() not in file.read_bytes(), file.name


def test_locking_twice_and_unlocking_an_open_journal_are_refused_kindly(
    ctx: Context, clock: FrozenClock
) -> None:
    with pytest.raises(VaultError) as caught:
        vault.unlock(ctx.db, SECRET)
    assert caught.value.code == "not_locked"
    vault.lock(ctx.db, SECRET, clock, params=FAST)
    with pytest.raises(VaultError) as caught:
        vault.lock(ctx.db, SECRET, clock, params=FAST)
    assert caught.value.code == "already_locked"


@pytest.mark.parametrize(
    ("passphrase", "code"),
    [("short", "passphrase_too_short"), (" padded words ", "passphrase_spaces")],
)
def test_a_new_passphrase_is_checked_before_anything_changes(
    ctx: Context, clock: FrozenClock, passphrase: str, code: str
) -> None:
    journal.record_thought(ctx, "something private")
    plain = stored(ctx.db)
    with pytest.raises(ValidationError) as caught:
        vault.lock(ctx.db, passphrase, clock, params=FAST)
    assert [p.code for p in caught.value.problems] == [code]
    assert stored(ctx.db) == plain
    assert vault_row(ctx.db) is None


def test_a_locked_journal_asks_once_per_process_and_allows_three_tries(
    ctx: Context, clock: FrozenClock, tmp_path: Path
) -> None:
    journal.record_thought(ctx, "something private")
    vault.lock(ctx.db, SECRET, clock, params=FAST)
    reopened = open_context(Settings(home=tmp_path / "home", database_url=ctx.db.url), clock)
    asked: list[tuple[int, bool]] = []

    def ask(_record: object, attempt: int, wrong: bool) -> str:
        asked.append((attempt, wrong))
        return SECRET if attempt == 3 else "not the one"

    reopened.db.keys.ask = ask
    assert journal.list_entries(reopened)[0].thought == "something private"
    assert journal.list_entries(reopened)[0].thought == "something private"
    assert asked == [(1, False), (2, True), (3, True)]
    reopened.db.keys.forget()
    reopened.db.keys.ask = lambda *_: "never right"
    with pytest.raises(VaultError) as caught:
        journal.list_entries(reopened)
    assert caught.value.code == "wrong_passphrase"
    reopened.close()


def test_tables_without_private_text_stay_readable_without_the_passphrase(
    ctx: Context, clock: FrozenClock, tmp_path: Path
) -> None:
    """Counting and check-in-free work needs no key; the lock only guards the words."""
    journal.record_thought(ctx, "something private")
    vault.lock(ctx.db, SECRET, clock, params=FAST)
    reopened = open_context(Settings(home=tmp_path / "home", database_url=ctx.db.url), clock)
    assert journal.count(reopened)["entries"] == 1
    assert vault.status(reopened.db) is not None
    reopened.close()


def test_only_the_listed_columns_hold_private_text() -> None:
    """A new text column must be sealed or named here on purpose."""
    from sqlalchemy import Text

    from kindvoice.storage.schema import metadata

    plain_on_purpose = {
        "entry_analyses.traps_json",  # trap names and numbers
        "assessments.answers_json",  # numbers by item
        "assessments.subscales_json",
        "vault.wrapped_key",  # already encrypted
    }
    sealed = {f"{t.name}.{c}" for t, cols in SEALED_COLUMNS.items() for c in cols}
    text_columns = {
        f"{table.name}.{column.name}"
        for table in metadata.sorted_tables
        for column in table.columns
        if isinstance(column.type, Text)
    }
    assert text_columns == sealed | plain_on_purpose
    assert {checkins_table, reframes, entry_analyses, journal_entries} == set(SEALED_COLUMNS)


def test_a_sealed_value_copied_into_another_row_does_not_open(
    ctx: Context, clock: FrozenClock
) -> None:
    first = journal.record_thought(ctx, "the first private thought")
    second = journal.record_thought(ctx, "the second private thought")
    vault.lock(ctx.db, SECRET, clock, params=FAST)
    with ctx.db.engine.begin() as conn:
        sealed = conn.execute(
            select(journal_entries.c.thought).where(journal_entries.c.id == first.id)
        ).scalar_one()
        conn.execute(
            update(journal_entries).where(journal_entries.c.id == second.id).values(thought=sealed)
        )
    assert second.id is not None
    assert first.id is not None
    with pytest.raises(VaultError) as caught:
        journal.get_entry(ctx, second.id)
    assert caught.value.code == "vault_damaged"
    assert journal.get_entry(ctx, first.id).thought == "the first private thought"


def test_rekeying_seals_everything_again_under_a_new_key(ctx: Context, clock: FrozenClock) -> None:
    filled(ctx, clock)
    vault.lock(ctx.db, SECRET, clock, params=FAST)
    before = portability.export_document(ctx)
    sealed = stored(ctx.db)
    with ctx.db.read() as conn:
        old_record = read_vault(conn)
    assert old_record is not None
    old_cipher = sealing.cipher_for(old_record, SECRET)

    report = vault.rekey(ctx.db, SECRET, "a whole new passphrase", clock, params=FAST)

    assert report.total == sum(len(rows) for rows in sealed.values())
    now = stored(ctx.db)
    for table, rows in now.items():
        for row, old in zip(rows, sealed[table], strict=True):
            assert all(new != previous for new, previous in zip(row[1:], old[1:], strict=True))
    thought = now["journal_entries"][0][2]
    with pytest.raises(VaultError):  # the old key opens nothing here any more
        old_cipher.open("journal_entries.thought", thought)
    ctx.db.keys.forget()
    with pytest.raises(VaultError):
        vault.open_session(ctx.db, SECRET)
    assert vault.open_session(ctx.db, "a whole new passphrase")
    assert comparable(portability.export_document(ctx)) == comparable(before)
    with pytest.raises(VaultError) as caught:
        vault.rekey(ctx.db, SECRET, "yet another passphrase", clock, params=FAST)
    assert caught.value.code == "wrong_passphrase"
