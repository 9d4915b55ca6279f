"""Encryption at rest inside a unit of work: which columns are sealed, and the vault row.

Every read or write transaction from :class:`~kindvoice.storage.database.Database` carries a
:class:`Sealer`. Repositories pass each private column through ``sealer.seal()`` on the way
in and ``sealer.open()`` on the way out; with no vault both give the text back unchanged, so
nothing above the repositories knows whether the journal is locked.

The first time a transaction touches a private column, the sealer reads the vault row (on
PostgreSQL under a shared advisory lock, which `lock`/`unlock` take exclusively, so no
transaction can see half of a change between plain and sealed). When there is a vault and
this process holds no key for it, it asks the database's ``ask`` callback for the passphrase
(up to ``MAX_TRIES`` times); with no callback it raises ``VaultError("vault_locked")``.
"""

from __future__ import annotations

import base64
import binascii
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Table,
    bindparam,
    delete,
    func,
    insert,
    inspect,
    select,
    text,
    update,
)

from kindvoice.core.errors import VaultError
from kindvoice.storage.schema import checkins, entry_analyses, journal_entries, reframes, vault
from kindvoice.storage.vault import (
    FORMAT_VERSION,
    KDF_NAME,
    FieldCipher,
    KdfParams,
    derive_key,
    unwrap_key,
)

# The free text kindvoice keeps, column by column. Letters are journal entries; the analysis
# keeps copies of words (the crisis cue and the self-critical sentences), so those are sealed
# too. Tags, feeling names, ratings and dates stay plain so filters and insights work.
SEALED_COLUMNS: dict[Table, tuple[str, ...]] = {
    journal_entries: ("situation", "thought"),
    checkins: ("note",),
    reframes: ("text",),
    entry_analyses: ("crisis_cue", "spans_json"),
}

# What ties a sealed value to its row (with the person's id): a sealed value copied into
# another row no longer opens. Each is known before the row is written and never changes.
ROW_KEYS: dict[Table, str] = {
    journal_entries: "uid",
    checkins: "uid",
    reframes: "uid",
    entry_analyses: "entry_id",
}

OPTION = "kindvoice_sealer"
MAX_TRIES = 3
# Shared by every transaction that reads the vault row on PostgreSQL; taken exclusively by
# lock, unlock and a passphrase change. Any fixed number works.
PG_VAULT_LOCK = 0x6B766C74

# Called with the vault row, the try number (1, 2, 3) and whether the last passphrase was
# wrong; returns a passphrase, or raises VaultError to stop.
AskPassphrase = Callable[["VaultRecord", int, bool], str]


def field_name(table: Table, column: str) -> str:
    return f"{table.name}.{column}"


def row_of(user_id: int, key: object) -> str:
    """The row a sealed value belongs to: the person and the row's lasting key."""
    return f"{user_id}:{key}"


@dataclass(frozen=True)
class VaultRecord:
    """The vault row: how the data key is wrapped."""

    version: int
    key_id: str
    kdf: str
    params: KdfParams
    salt: bytes
    wrapped_key: str
    remember: str | None
    created_at: datetime
    changed_at: datetime


class Keys:
    """What one process holds: the unlocked cipher (if any) and how to ask for a passphrase."""

    def __init__(self) -> None:
        self.cipher: FieldCipher | None = None
        self.ask: AskPassphrase | None = None
        # Once the vault table is known to exist (migration 0008), there's no need to look again.
        self.vault_table_seen = False
        self._lock = threading.Lock()

    def forget(self) -> None:
        self.cipher = None

    def open_vault(self, record: VaultRecord, passphrase: str) -> FieldCipher:
        """Unwrap the data key with ``passphrase`` and keep it for this process."""
        cipher = cipher_for(record, passphrase)
        self.cipher = cipher
        return cipher

    def cipher_for(self, record: VaultRecord) -> FieldCipher:
        """The key for this vault: the one held, or one unwrapped with an asked passphrase."""
        with self._lock:
            if self.cipher is not None and self.cipher.key_id == record.key_id:
                return self.cipher
            self.cipher = None
            if self.ask is None:
                raise VaultError("vault_locked")
            self.cipher = open_with(record, self.ask)[1]
            return self.cipher


def open_with(record: VaultRecord, ask: AskPassphrase) -> tuple[str, FieldCipher]:
    """Ask for a passphrase until one opens ``record`` (up to ``MAX_TRIES``); that passphrase
    and the key it unwrapped. Any error but a wrong passphrase stops at once."""
    wrong = False
    for attempt in range(1, MAX_TRIES + 1):
        passphrase = ask(record, attempt, wrong)
        try:
            return passphrase, cipher_for(record, passphrase)
        except VaultError as error:
            if error.code != "wrong_passphrase":
                raise
            wrong = True
    raise VaultError("wrong_passphrase")


def cipher_for(record: VaultRecord, passphrase: str) -> FieldCipher:
    """The data key of ``record``, unwrapped with ``passphrase`` (or ``wrong_passphrase``)."""
    if record.version != FORMAT_VERSION or record.kdf != KDF_NAME:
        raise VaultError("vault_version", where="vault", version=record.version)
    wrapping = derive_key(passphrase, record.salt, record.params)
    return FieldCipher(unwrap_key(wrapping, record.wrapped_key, record.key_id), record.key_id)


class Sealer:
    """Seals and opens private columns inside one transaction."""

    def __init__(self, conn: Connection, keys: Keys | None) -> None:
        self._conn = conn
        self._keys = keys
        self._checked = False
        self._cipher: FieldCipher | None = None

    def _resolve(self) -> FieldCipher | None:
        if not self._checked:
            record = read_vault(self._conn, shared_lock=True) if self._has_vault_table() else None
            if record is None:
                self._cipher = None
            elif self._keys is None:
                raise VaultError("vault_locked")
            else:
                self._cipher = self._keys.cipher_for(record)
            self._checked = True
        return self._cipher

    def _has_vault_table(self) -> bool:
        """False only for a database still at an older schema (before migration 0008)."""
        if self._keys is not None and self._keys.vault_table_seen:
            return True
        found = inspect(self._conn).has_table(vault.name)
        if found and self._keys is not None:
            self._keys.vault_table_seen = True
        return found

    @property
    def active(self) -> bool:
        """Is the journal locked (its private columns sealed)?"""
        return self._resolve() is not None

    def seal(self, table: Table, column: str, value: str, row: str) -> str:
        """``value`` as it is stored in ``table.column`` of ``row`` (see ``row_of``)."""
        cipher = self._resolve()
        return value if cipher is None else cipher.seal(field_name(table, column), value, row)

    def open(self, table: Table, column: str, value: str, row: str) -> str:
        cipher = self._resolve()
        return value if cipher is None else cipher.open(field_name(table, column), value, row)


def sealer_of(conn: Connection) -> Sealer:
    """The transaction's sealer (one made on the spot for a bare connection)."""
    found = conn.get_execution_options().get(OPTION)
    if isinstance(found, Sealer):
        return found
    made = Sealer(conn, None)
    conn.execution_options(**{OPTION: made})
    return made


# --- the vault row --------------------------------------------------------------


def _take_lock(conn: Connection, *, shared: bool) -> None:
    if conn.dialect.name == "postgresql":
        function = "pg_advisory_xact_lock_shared" if shared else "pg_advisory_xact_lock"
        conn.execute(text(f"SELECT {function}(:key)"), {"key": PG_VAULT_LOCK})


def lock_for_change(conn: Connection) -> None:
    """Wait for every transaction that has read the vault state (PostgreSQL), then hold it."""
    _take_lock(conn, shared=False)


def read_vault(conn: Connection, *, shared_lock: bool = False) -> VaultRecord | None:
    if shared_lock:
        _take_lock(conn, shared=True)
    row = conn.execute(select(vault).where(vault.c.id == 1)).first()
    if row is None:
        return None
    try:
        salt = base64.b64decode(row.salt, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise VaultError("vault_damaged", where="vault") from exc
    return VaultRecord(
        version=int(row.version),
        key_id=row.key_id,
        kdf=row.kdf,
        params=KdfParams(int(row.kdf_time_cost), int(row.kdf_memory_kib), int(row.kdf_parallelism)),
        salt=salt,
        wrapped_key=row.wrapped_key,
        remember=row.remember,
        created_at=row.created_at,
        changed_at=row.changed_at,
    )


def _vault_values(record: VaultRecord) -> dict[str, Any]:
    return {
        "version": record.version,
        "key_id": record.key_id,
        "kdf": record.kdf,
        "kdf_time_cost": record.params.time_cost,
        "kdf_memory_kib": record.params.memory_kib,
        "kdf_parallelism": record.params.parallelism,
        "salt": base64.b64encode(record.salt).decode("ascii"),
        "wrapped_key": record.wrapped_key,
        "remember": record.remember,
        "created_at": record.created_at,
        "changed_at": record.changed_at,
    }


def insert_vault(conn: Connection, record: VaultRecord) -> None:
    conn.execute(insert(vault).values(id=1, **_vault_values(record)))


def replace_vault(conn: Connection, record: VaultRecord) -> None:
    conn.execute(update(vault).where(vault.c.id == 1).values(**_vault_values(record)))


def delete_vault(conn: Connection) -> None:
    conn.execute(delete(vault))


def delete_vault_if_unused(conn: Connection) -> VaultRecord | None:
    """After forgetting: remove the vault when no private text is left under it (in hosted
    databases other people's words may still be). Returns the row removed, if any."""
    if not inspect(conn).has_table(vault.name):
        return None
    record = read_vault(conn)
    if record is None or any(count_private_rows(conn).values()):
        return None
    delete_vault(conn)
    return record


# --- sealing and opening everything at once ---------------------------------------

_BATCH = 1000


def _rows(conn: Connection, table: Table, columns: tuple[str, ...]) -> Iterator[list[Any]]:
    """Every row's id, person, row key and private columns, in batches by id (never all in
    memory at once)."""
    last = None
    while True:
        query = select(
            table.c.id, table.c.user_id, table.c[ROW_KEYS[table]], *(table.c[c] for c in columns)
        ).order_by(table.c.id)
        if last is not None:
            query = query.where(table.c.id > last)
        batch = list(conn.execute(query.limit(_BATCH)))
        if not batch:
            return
        last = batch[-1][0]
        yield batch


def transform_all(
    conn: Connection,
    change: Callable[[str, str, str], str],
    progress: Callable[[int, int], None] | None = None,
    total_rows: int = 0,
) -> int:
    """Rewrite every private column of every row with ``change(field, value, row)``.

    Used inside the one transaction of lock, unlock and (never) anything else. Returns the
    number of rows rewritten.
    """
    total = 0
    for table, columns in SEALED_COLUMNS.items():
        statement = (
            update(table)
            .where(table.c.id == bindparam("row_id"))
            .values({c: bindparam("new_" + c) for c in columns})
        )
        for batch in _rows(conn, table, columns):
            params = [
                {
                    "row_id": row[0],
                    **{
                        "new_" + column: change(
                            field_name(table, column), row[i + 3], row_of(row[1], row[2])
                        )
                        for i, column in enumerate(columns)
                    },
                }
                for row in batch
            ]
            conn.execute(statement, params)
            total += len(batch)
            if progress is not None:
                progress(total, max(total, total_rows))
    return total


def count_private_rows(conn: Connection) -> dict[str, int]:
    """How many rows of each table hold private text (for progress and the summary)."""
    return {
        table.name: int(conn.execute(select(func.count()).select_from(table)).scalar_one())
        for table in SEALED_COLUMNS
    }
