"""Encryption at rest: lock, unlock, change the passphrase, open a session.

The slow part, Argon2id, always runs before a transaction starts, so a wrong passphrase is
found out before anything is touched and no write lock is held while the key is made.
Locking and unlocking rewrite every private field inside one transaction: an interruption
(even ``kill -9``) leaves the journal as it was. A passphrase change rewrites only the
vault row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from kindvoice.core.clock import Clock
from kindvoice.core.errors import Problem, ValidationError, VaultError
from kindvoice.storage import sealed_search, sealing
from kindvoice.storage.database import Database
from kindvoice.storage.sealing import VaultRecord
from kindvoice.storage.vault import (
    DEFAULT_KDF,
    FORMAT_VERSION,
    KDF_NAME,
    FieldCipher,
    KdfParams,
    derive_key,
    new_data_key,
    new_key_id,
    new_salt,
    unwrap_key,
    wrap_key,
)

MIN_PASSPHRASE_CHARS = 8
MAX_PASSPHRASE_CHARS = 1024
REMEMBER_KEYRING = "keyring"


@dataclass(frozen=True)
class LockReport:
    """What a lock or unlock rewrote, by table (rows holding private text)."""

    rows: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def check_new_passphrase(passphrase: str) -> str:
    """A new passphrase must be long enough to be worth having (it isn't stripped)."""
    problems: list[Problem] = []
    if len(passphrase) < MIN_PASSPHRASE_CHARS:
        problems.append(
            Problem("passphrase", "passphrase_too_short", {"limit": MIN_PASSPHRASE_CHARS})
        )
    elif len(passphrase) > MAX_PASSPHRASE_CHARS:
        problems.append(
            Problem("passphrase", "passphrase_too_long", {"limit": MAX_PASSPHRASE_CHARS})
        )
    elif passphrase.strip() != passphrase or "\n" in passphrase:
        problems.append(Problem("passphrase", "passphrase_spaces", {}))
    if problems:
        raise ValidationError(problems)
    return passphrase


def status(db: Database) -> VaultRecord | None:
    """The vault row, or None when the journal isn't locked. Needs no passphrase."""
    with db.read() as conn:
        return sealing.read_vault(conn)


def _new_record(
    data_key: bytes,
    key_id: str,
    passphrase: str,
    params: KdfParams,
    clock: Clock,
    previous: VaultRecord | None = None,
) -> VaultRecord:
    salt = new_salt()
    wrapped = wrap_key(derive_key(passphrase, salt, params), data_key, key_id)
    now = clock.now()
    return VaultRecord(
        version=FORMAT_VERSION,
        key_id=key_id,
        kdf=KDF_NAME,
        params=params,
        salt=salt,
        wrapped_key=wrapped,
        remember=None if previous is None else previous.remember,
        created_at=now if previous is None else previous.created_at,
        changed_at=now,
    )


def lock(
    db: Database,
    passphrase: str,
    clock: Clock,
    *,
    params: KdfParams = DEFAULT_KDF,
    progress: Callable[[int, int], None] | None = None,
) -> LockReport:
    """Encrypt every private field in place, in one transaction, under a new data key."""
    check_new_passphrase(passphrase)
    data_key, key_id = new_data_key(), new_key_id()
    record = _new_record(data_key, key_id, passphrase, params, clock)
    cipher = FieldCipher(data_key, key_id)
    with db.write() as conn:
        sealing.lock_for_change(conn)
        if sealing.read_vault(conn) is not None:
            raise VaultError("already_locked")
        rows = sealing.count_private_rows(conn)
        sealing.insert_vault(conn, record)
        sealing.transform_all(conn, cipher.seal, progress, sum(rows.values()))
        sealed_search.clear_index(conn)
    db.keys.cipher = cipher
    db.compact(postgres_tables=[t.name for t in sealing.SEALED_COLUMNS])
    return LockReport(rows)


def unlock(
    db: Database, passphrase: str, *, progress: Callable[[int, int], None] | None = None
) -> tuple[LockReport, VaultRecord]:
    """Decrypt every private field in place and remove the vault, in one transaction.

    Returns what was rewritten and the vault row that was removed (so the caller can
    clear a remembered passphrase from the keyring).
    """
    record = status(db)
    if record is None:
        raise VaultError("not_locked")
    cipher = sealing.cipher_for(record, passphrase)
    with db.write() as conn:
        sealing.lock_for_change(conn)
        current = sealing.read_vault(conn)
        if current is None:
            raise VaultError("not_locked")
        if current.key_id != record.key_id:
            raise VaultError("vault_changed")
        rows = sealing.count_private_rows(conn)
        sealing.transform_all(conn, cipher.open, progress, sum(rows.values()))
        sealing.delete_vault(conn)
        sealed_search.rebuild_index(conn)
    db.keys.forget()
    return LockReport(rows), record


def change_passphrase(
    db: Database,
    current: str,
    new: str,
    clock: Clock,
    *,
    params: KdfParams = DEFAULT_KDF,
) -> VaultRecord:
    """Wrap the same data key under a new passphrase (fresh salt; today's Argon2 costs).

    Nothing but the vault row changes; every sealed field stays exactly as it was.
    """
    check_new_passphrase(new)
    record = status(db)
    if record is None:
        raise VaultError("not_locked")
    if record.version != FORMAT_VERSION or record.kdf != KDF_NAME:
        raise VaultError("vault_version", where="vault", version=record.version)
    data_key = unwrap_key(
        derive_key(current, record.salt, record.params), record.wrapped_key, record.key_id
    )
    changed = _new_record(data_key, record.key_id, new, params, clock, previous=record)
    with db.write() as conn:
        sealing.lock_for_change(conn)
        now_stored = sealing.read_vault(conn)
        if now_stored is None or now_stored.wrapped_key != record.wrapped_key:
            raise VaultError("vault_changed")
        sealing.replace_vault(conn, changed)
    db.keys.cipher = FieldCipher(data_key, record.key_id)
    return changed


def rekey(
    db: Database,
    current: str,
    new: str,
    clock: Clock,
    *,
    params: KdfParams = DEFAULT_KDF,
    progress: Callable[[int, int], None] | None = None,
) -> LockReport:
    """A new passphrase *and* a new data key: every sealed field is opened with the old key
    and sealed again with the new one, in one transaction (like a lock). Old copies of the
    database (backups) keep needing the old passphrase; nothing of the old key opens the new."""
    check_new_passphrase(new)
    record = status(db)
    if record is None:
        raise VaultError("not_locked")
    old = sealing.cipher_for(record, current)
    data_key, key_id = new_data_key(), new_key_id()
    fresh = _new_record(data_key, key_id, new, params, clock, previous=record)
    cipher = FieldCipher(data_key, key_id)

    def again(field: str, value: str, row: str) -> str:
        return cipher.seal(field, old.open(field, value, row), row)

    with db.write() as conn:
        sealing.lock_for_change(conn)
        now_stored = sealing.read_vault(conn)
        if now_stored is None or now_stored.key_id != record.key_id:
            raise VaultError("vault_changed")
        rows = sealing.count_private_rows(conn)
        sealing.transform_all(conn, again, progress, sum(rows.values()))
        sealing.replace_vault(conn, fresh)
    db.keys.cipher = cipher
    db.compact(postgres_tables=[t.name for t in sealing.SEALED_COLUMNS])
    return LockReport(rows)


def open_session(db: Database, passphrase: str) -> bool:
    """Unlock this process's use of a locked journal. False when it isn't locked."""
    record = status(db)
    if record is None:
        return False
    db.keys.open_vault(record, passphrase)
    return True


def set_remember(db: Database, remember: str | None) -> None:
    """Note whether the passphrase is kept in the OS keyring (only the choice, never it)."""
    with db.write() as conn:
        sealing.lock_for_change(conn)
        record = sealing.read_vault(conn)
        if record is None:
            raise VaultError("not_locked")
        sealing.replace_vault(conn, replace(record, remember=remember))
