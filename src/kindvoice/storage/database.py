"""Opening the database: engines, connection settings, units of work, migrations.

SQLite is tuned for a journal that must never lose a word: WAL, synchronous=FULL,
foreign keys on, and a long busy timeout. Write transactions start with
``BEGIN IMMEDIATE`` so two processes queue for the write lock instead of failing
with "database is locked" when a read transaction tries to become a write.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from kindvoice.core.errors import StorageError
from kindvoice.storage.sealing import OPTION as _SEALER
from kindvoice.storage.sealing import Keys, Sealer

# The newest migration. A test checks it against Alembic's own idea of head, so
# a normal start can skip loading Alembic when the schema is already current.
HEAD_REVISION = "0008"
BUSY_TIMEOUT_S = 30.0
_WRITE = "kindvoice_write"


def _sqlite_path(url: str) -> Path | None:
    database = make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def _prepare_sqlite_file(path: Path) -> None:
    """Create the data folder (private to this user) and the database file (0600)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not path.exists():
            fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
            os.close(fd)
    except OSError as exc:
        raise StorageError("storage_unavailable", where=str(path), reason=str(exc)) from exc


def _ensure_wal(cursor: Any) -> None:
    """Switch a database to WAL (a setting kept in the file), waiting out other processes.

    Changing the journal mode needs an exclusive lock and SQLite does not run its busy
    handler for it, so two processes creating the same new file at once could see
    "database is locked" here; this retries for as long as the busy timeout allows.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    delay = 0.005
    while True:
        try:
            mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
            if str(mode).lower() != "wal":
                cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise
            if time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.1)


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event decide how transactions start.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        _ensure_wal(cursor)
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        # Deleted words are overwritten, not left behind in free pages.
        cursor.execute("PRAGMA secure_delete = ON")
    finally:
        cursor.close()


def _on_sqlite_begin(conn: Connection) -> None:
    mode = "IMMEDIATE" if conn.get_execution_options().get(_WRITE) else "DEFERRED"
    conn.exec_driver_sql(f"BEGIN {mode}")


def build_engine(url: str) -> Engine:
    """An engine for ``url`` with kindvoice's connection settings."""
    if url.startswith("sqlite"):
        path = _sqlite_path(url)
        if path is not None:
            _prepare_sqlite_file(path)
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
        return engine
    try:
        return create_engine(url, pool_pre_ping=True)
    except ModuleNotFoundError as exc:
        raise StorageError("driver_missing", module=exc.name or "psycopg") from exc


class Database:
    """One database, opened lazily. Hands out read and write units of work."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._engine: Engine | None = None
        # Encryption at rest: this process's unlocked key and how to ask for the passphrase.
        self.keys = Keys()

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = build_engine(self.url)
        return self._engine

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A transaction that may write; commits on success, rolls back on error."""
        with self._connect() as conn:
            conn.execution_options(**{_WRITE: True, _SEALER: Sealer(conn, self.keys)})
            with conn.begin():
                yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read-only transaction (a consistent snapshot)."""
        with self._connect() as conn:
            conn.execution_options(**{_SEALER: Sealer(conn, self.keys)})
            with conn.begin():
                yield conn

    @contextmanager
    def _connect(self) -> Iterator[Connection]:
        try:
            conn = self.engine.connect()
        except (DBAPIError, OSError) as exc:
            raise StorageError(
                "storage_unavailable", where=self.describe(), reason=str(exc).splitlines()[0]
            ) from exc
        with conn:
            yield conn

    def describe(self) -> str:
        """The URL with any password hidden, for messages and `kindvoice info`."""
        return make_url(self.url).render_as_string(hide_password=True)

    def current_revision(self) -> str | None:
        """The schema version stored in the database, or None for an empty one."""
        try:
            with self.read() as conn:
                row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        except StorageError:
            raise
        except SQLAlchemyError:
            return None
        return None if row is None else str(row[0])

    def migrate(self) -> None:
        """Bring the schema to the newest version (a no-op when it already is)."""
        if self.current_revision() == HEAD_REVISION:
            return
        from kindvoice.storage.migrate import upgrade

        upgrade(self)

    def compact(self, postgres_tables: Sequence[str] = ()) -> None:
        """After forgetting or locking: rebuild storage so no old text lingers.

        SQLite folds the WAL back and rebuilds the file. PostgreSQL keeps old row versions
        until they are vacuumed; ``VACUUM FULL`` rewrites the tables named (it locks them
        while it runs, so it is only asked for after a lock or unlock).
        """
        if self.dialect == "postgresql" and postgres_tables:
            with self.engine.connect() as plain:
                autocommit = plain.execution_options(isolation_level="AUTOCOMMIT")
                autocommit.exec_driver_sql("VACUUM FULL " + ", ".join(postgres_tables))
            return
        if self.dialect != "sqlite":
            return
        # VACUUM cannot run inside a transaction, so this bypasses SQLAlchemy's
        # begin handling and talks to the driver connection (autocommit) directly.
        raw = self.engine.raw_connection()
        try:
            driver = raw.driver_connection
            assert driver is not None
            driver.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            driver.execute("VACUUM")
            driver.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            raw.close()

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
