"""Whole-database copies: making them, checking them, bringing them back, and cleaning them.

SQLite is copied with its online backup API (a consistent copy of a live file, taken in one
step); PostgreSQL as a JSON document of every kindvoice table, read in one REPEATABLE READ
transaction. Both keep every value exactly as stored: text that is encrypted at rest stays
encrypted, and the ``vault`` row is copied as it is.

Nothing here decides where copies live or how many are kept (``services/backups.py`` does).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Date,
    DateTime,
    LargeBinary,
    delete,
    func,
    insert,
    inspect,
    literal_column,
    select,
    text,
)
from sqlalchemy import column as sql_column
from sqlalchemy import table as sql_table
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.sql import ColumnElement, Select

from kindvoice import __version__
from kindvoice.core.errors import ImportFileError, KindvoiceError
from kindvoice.storage.database import HEAD_REVISION, Database
from kindvoice.storage.schema import FTS_TABLE, metadata

FORMAT = "kindvoice-backup"
FORMAT_VERSION = 1
SQLITE_MAGIC = b"SQLite format 3\x00"
# Every kindvoice table, parents before children (the order rows go back in).
TABLE_ORDER: tuple[str, ...] = tuple(table.name for table in metadata.sorted_tables)
# Tables the first revision already had: a copy without them isn't kindvoice's.
CORE_TABLES = frozenset({"users", "journal_entries", "checkins"})
# Rows that hold nothing a person wrote: bookkeeping a backup needn't be made for.
_BOOKKEEPING = frozenset({"alembic_version", "users", "web_sessions", "login_failures"})
_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
_KINDS = frozenset({"plain", "datetime", "date", "bytes"})
_HEADER_KEYS = ("format", "version", "revision", "dialect", "created", "counts", "sha256")


@dataclass(frozen=True)
class CopyFacts:
    """What a checked copy holds: its schema revision and how many rows each table has."""

    kind: str  # "sqlite" or "json"
    revision: str
    counts: dict[str, int]
    created: str | None = None


# --- what there is ----------------------------------------------------------------


def sqlite_file(url: str) -> Path | None:
    """The file behind a SQLite URL, or None (in memory, or not SQLite)."""
    parsed = make_url(url)
    if not parsed.drivername.startswith("sqlite"):
        return None
    name = parsed.database
    if not name or name == ":memory:" or name.startswith("file:"):
        return None
    return Path(name)


@cache
def known_revisions() -> tuple[str, ...]:
    """Every migration this kindvoice has, oldest first."""
    from alembic.script import ScriptDirectory

    from kindvoice.storage.migrate import alembic_config

    script = ScriptDirectory.from_config(alembic_config())
    return tuple(reversed([str(rev.revision) for rev in script.walk_revisions()]))


def check_revision(revision: object, path: Path) -> str:
    """A copy's revision, if this kindvoice can bring it back (known, not newer than ours)."""
    if not isinstance(revision, str) or not revision:
        raise ImportFileError("backup_not_kindvoice", path=str(path))
    if revision not in known_revisions():
        if revision.isdigit() and revision > HEAD_REVISION:
            raise ImportFileError("backup_too_new", path=str(path), revision=revision)
        raise ImportFileError("backup_not_kindvoice", path=str(path))
    return revision


def _tables_in(conn: Connection) -> list[str]:
    present = set(inspect(conn).get_table_names())
    return [name for name in TABLE_ORDER if name in present]


def worth_keeping(db: Database) -> bool:
    """Does this database hold anything a person made? False when it doesn't exist yet,
    has no schema, or holds only bookkeeping (a profile row nobody has written under)."""
    path = sqlite_file(db.url) if db.url.startswith("sqlite") else None
    if db.url.startswith("sqlite") and (path is None or not path.is_file()):
        return False
    if path is not None and path.stat().st_size == 0:
        return False
    if db.current_revision() is None:
        return False
    with db.read() as conn:
        for name in _tables_in(conn):
            if name in _BOOKKEEPING:
                continue
            probe: Select[Any] = select(literal_column("1")).select_from(sql_table(name)).limit(1)
            if conn.execute(probe).first() is not None:
                return True
    return False


def is_locked(db: Database) -> bool:
    """Is encryption at rest on (a ``vault`` row)?"""
    with db.read() as conn:
        if "vault" not in _tables_in(conn):
            return False
        return conn.execute(text("SELECT 1 FROM vault")).first() is not None


def user_uid(conn: Connection, user_id: int) -> str | None:
    """A person's lasting id (the same in every copy of this database)."""
    row = conn.execute(text("SELECT uid FROM users WHERE id = :id"), {"id": user_id}).first()
    return None if row is None else str(row[0])


# --- SQLite: copying a file ---------------------------------------------------------


def _driver(raw: Any) -> sqlite3.Connection:
    driver = raw.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    return driver


def copy_sqlite(db: Database, target: Path) -> None:
    """Copy the live database into ``target`` (an empty file already made, 0600) in one step,
    then check the copy. The copy uses a plain rollback journal, so it is one file."""
    raw = db.engine.raw_connection()
    try:
        copy = sqlite3.connect(target, isolation_level=None)
        try:
            _driver(raw).backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")
            problems = [row[0] for row in copy.execute("PRAGMA integrity_check")]
        finally:
            copy.close()
    finally:
        raw.close()
    if problems != ["ok"]:
        raise KindvoiceError("backup_check_failed", path=str(target), reason=problems[0])


def inspect_sqlite(path: Path, shown_as: Path) -> CopyFacts:
    """Check a SQLite copy (a private copy of the person's file): intact, kindvoice's tables,
    a revision this kindvoice knows. ``shown_as`` is the name used in messages."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise ImportFileError("backup_damaged", path=str(shown_as), reason=str(exc)) from exc
    try:
        problems = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        if problems != ["ok"]:
            raise ImportFileError("backup_damaged", path=str(shown_as), reason=problems[0])
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        if "alembic_version" not in names or not names >= CORE_TABLES:
            raise ImportFileError("backup_not_kindvoice", path=str(shown_as))
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = check_revision(None if row is None else row[0], shown_as)
        counts = {
            # Table names come from kindvoice's own schema, never from the file.
            name: int(conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0])  # noqa: S608
            for name in TABLE_ORDER
            if name in names
        }
    except sqlite3.Error as exc:
        raise ImportFileError("backup_damaged", path=str(shown_as), reason=str(exc)) from exc
    finally:
        conn.close()
    return CopyFacts(kind="sqlite", revision=revision, counts=counts)


def restore_sqlite(db: Database, source: Path) -> None:
    """Replace the live database with ``source`` through the backup API: one write
    transaction on the live file, so an interruption leaves the old state whole."""
    db.dispose()
    raw = db.engine.raw_connection()
    try:
        origin = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            origin.backup(_driver(raw))
        finally:
            origin.close()
    except sqlite3.Error as exc:
        raise KindvoiceError("restore_failed", reason=str(exc)) from exc
    finally:
        raw.close()
        db.dispose()


def scrub_sqlite(path: Path, uid: str) -> bool:
    """Delete one person's rows from a SQLite copy (foreign keys on, so everything of
    theirs goes), then rebuild the file so no word of theirs stays in free pages.
    False when the person isn't in it."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA secure_delete = ON")
        row = conn.execute("SELECT id FROM users WHERE uid = ?", (uid,)).fetchone()
        if row is None:
            return False
        user = int(row[0])
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        conn.execute("BEGIN IMMEDIATE")
        try:
            if FTS_TABLE in names:
                conn.execute(
                    f"DELETE FROM {FTS_TABLE} WHERE rowid IN "  # noqa: S608 (a constant)
                    "(SELECT id FROM journal_entries WHERE user_id = ?)",
                    (user,),
                )
                conn.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")  # noqa: S608
            for name in reversed(TABLE_ORDER):
                if name in names and name != "users" and _has_user_column(conn, name):
                    # ``name`` is one of kindvoice's own table names.
                    conn.execute(f'DELETE FROM "{name}" WHERE user_id = ?', (user,))  # noqa: S608
            conn.execute("DELETE FROM users WHERE id = ?", (user,))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("VACUUM")
        return True
    finally:
        conn.close()


def _has_user_column(conn: sqlite3.Connection, table: str) -> bool:
    return any(row[1] == "user_id" for row in conn.execute(f'PRAGMA table_info("{table}")'))


# --- PostgreSQL: a JSON document ------------------------------------------------------


def _kind_of(sql_type: Any) -> str:
    if isinstance(sql_type, DateTime):
        return "datetime"
    if isinstance(sql_type, Date):
        return "date"
    if isinstance(sql_type, LargeBinary):
        return "bytes"
    return "plain"


def _encode(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"kindvoice can't keep a {type(value).__name__} in a backup")


def _decode(value: Any, kind: str) -> Any:
    if value is None or not isinstance(value, str):
        return value
    if kind == "datetime":
        return datetime.fromisoformat(value)
    if kind == "date":
        return date.fromisoformat(value)
    if kind == "bytes":
        return base64.b64decode(value)
    return value


def checksum(tables: dict[str, Any]) -> str:
    """SHA-256 of the table data, written the one canonical way."""
    canonical = json.dumps(tables, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def dump(db: Database, created: datetime, reason: str | None = None) -> dict[str, Any]:
    """Every kindvoice table, all rows as stored, read in one consistent transaction."""
    with db.read() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"))
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        if row is None:
            raise KindvoiceError("backup_no_schema")
        inspector = inspect(conn)
        tables: dict[str, Any] = {}
        for name in _tables_in(conn):
            columns = [(c["name"], _kind_of(c["type"])) for c in inspector.get_columns(name)]
            keys = inspector.get_pk_constraint(name).get("constrained_columns") or [columns[0][0]]
            picked: list[ColumnElement[Any]] = [sql_column(column) for column, _ in columns]
            query: Select[Any] = (
                select(*picked)
                .select_from(sql_table(name))
                .order_by(*[sql_column(key) for key in keys])
            )
            rows = conn.execute(query)
            tables[name] = {
                "columns": [list(column) for column in columns],
                "rows": [[_encode(value) for value in r] for r in rows],
            }
        dialect = conn.dialect.name
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "kindvoice": __version__,
        "revision": str(row[0]),
        "dialect": dialect,
        "created": created.isoformat(),
        "reason": reason,
        "counts": {name: len(table["rows"]) for name, table in tables.items()},
        "sha256": checksum(tables),
        "tables": tables,
    }


def encode_dump(document: dict[str, Any]) -> bytes:
    """The document as UTF-8 JSON: the header first, one table a line."""
    head = {key: value for key, value in document.items() if key != "tables"}
    lines = [json.dumps(head, ensure_ascii=False)[:-1] + ', "tables": {']
    items = list(document["tables"].items())
    for index, (name, table) in enumerate(items):
        comma = "," if index < len(items) - 1 else ""
        body = json.dumps(table, ensure_ascii=False, separators=(",", ":"))
        lines.append(f"{json.dumps(name)}: {body}{comma}")
    lines.append("}}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def read_dump(data: bytes, path: Path, dialect: str) -> dict[str, Any]:
    """Parse and check a JSON copy: structure, row shapes, counts, checksum and revision."""
    if b"\x00" in data:
        raise ImportFileError("backup_binary", path=str(path))
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ImportFileError("backup_binary", path=str(path)) from exc
    except json.JSONDecodeError as exc:
        # It stops part-way when the parser ran out of text (inside a string, or after it).
        at_end = not exc.doc[exc.pos :].strip() or exc.msg.startswith("Unterminated string")
        code = "backup_truncated" if at_end else "backup_not_json"
        raise ImportFileError(code, path=str(path)) from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ImportFileError("backup_not_kindvoice", path=str(path))
    version = document.get("version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise ImportFileError("backup_too_new", path=str(path), revision=str(version))
    if any(key not in document for key in _HEADER_KEYS) or not isinstance(
        document.get("tables"), dict
    ):
        raise ImportFileError("backup_not_kindvoice", path=str(path))
    if document["dialect"] != dialect:
        raise ImportFileError("backup_wrong_kind", path=str(path), kind=document["dialect"])
    tables: dict[str, Any] = document["tables"]
    if document["sha256"] != checksum(tables):
        raise ImportFileError("backup_checksum", path=str(path))
    _check_tables(tables, document["counts"], path)
    check_revision(document["revision"], path)
    return document


def _check_tables(tables: dict[str, Any], counts: Any, path: Path) -> None:
    if not tables.keys() >= CORE_TABLES or not set(tables) <= set(TABLE_ORDER):
        raise ImportFileError("backup_not_kindvoice", path=str(path))
    if not isinstance(counts, dict):
        raise ImportFileError("backup_not_kindvoice", path=str(path))
    for name, table in tables.items():
        columns = table.get("columns") if isinstance(table, dict) else None
        rows = table.get("rows") if isinstance(table, dict) else None
        if not isinstance(columns, list) or not isinstance(rows, list) or not columns:
            raise ImportFileError("backup_not_kindvoice", path=str(path))
        if not all(
            isinstance(c, list)
            and len(c) == 2
            and all(isinstance(p, str) for p in c)
            and _IDENTIFIER.match(c[0])
            and c[1] in _KINDS
            for c in columns
        ):
            raise ImportFileError("backup_not_kindvoice", path=str(path))
        if any(not isinstance(r, list) or len(r) != len(columns) for r in rows):
            raise ImportFileError("backup_not_kindvoice", path=str(path))
        if counts.get(name) != len(rows):
            raise ImportFileError("backup_not_kindvoice", path=str(path))


def dump_facts(document: dict[str, Any]) -> CopyFacts:
    return CopyFacts(
        kind="json",
        revision=str(document["revision"]),
        counts={name: len(t["rows"]) for name, t in document["tables"].items()},
        created=str(document["created"]),
    )


def load_dump(db: Database, document: dict[str, Any]) -> None:
    """Replace every row with the document's, in ONE transaction (PostgreSQL): empty every
    table, move the schema to the copy's revision, put the rows back, move the id counters
    past them, then bring the schema up to this kindvoice's. Any failure rolls all of it back.
    """
    from alembic import command

    from kindvoice.storage.migrate import _PG_MIGRATION_LOCK, alembic_config

    revision = str(document["revision"])
    try:
        with db.write() as conn:
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
            current = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            for name in reversed(_tables_in(conn)):
                conn.execute(delete(sql_table(name)))
            config = alembic_config(db)
            config.attributes["connection"] = conn
            order = known_revisions()
            if current not in order:  # a newer kindvoice changed this database since
                raise KindvoiceError("restore_failed", reason=f"schema {current}")
            if current != revision:
                newer = order.index(str(current)) > order.index(revision)
                (command.downgrade if newer else command.upgrade)(config, revision)
            for name in TABLE_ORDER:
                if name in document["tables"]:
                    _insert_rows(conn, name, document["tables"][name])
            _reset_counters(conn, document["tables"])
            if revision != HEAD_REVISION:
                command.upgrade(config, HEAD_REVISION)
    except (SQLAlchemyError, ValueError) as exc:  # a refused row, or a value that isn't one
        raise KindvoiceError("restore_failed", reason=_first_line(exc)) from exc


def _first_line(exc: BaseException) -> str:
    return str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]


def _insert_rows(conn: Connection, name: str, table: dict[str, Any]) -> None:
    columns = [(str(c[0]), str(c[1])) for c in table["columns"]]
    statement = insert(sql_table(name, *[sql_column(column) for column, _ in columns]))
    rows = [
        {column: _decode(value, kind) for (column, kind), value in zip(columns, row, strict=True)}
        for row in table["rows"]
    ]
    for start in range(0, len(rows), 1000):
        conn.execute(statement, rows[start : start + 1000])


def _reset_counters(conn: Connection, tables: dict[str, Any]) -> None:
    """Move each id counter past the highest id put back, so new rows don't collide."""
    for name, table in tables.items():
        if "id" not in [c[0] for c in table["columns"]]:
            continue
        sequence = conn.execute(select(func.pg_get_serial_sequence(name, "id"))).scalar()
        if sequence is None:
            continue
        highest: ColumnElement[Any] = func.coalesce(func.max(sql_column("id")), 0) + 1
        conn.execute(select(func.setval(sequence, highest, False)).select_from(sql_table(name)))


def scrub_dump(document: dict[str, Any], uid: str) -> dict[str, Any] | None:
    """The document without one person's rows (and, through the foreign keys, the rows of
    their entries), with new counts and checksum; None when the person isn't in it."""
    tables: dict[str, Any] = document["tables"]
    users = tables["users"]
    names = [c[0] for c in users["columns"]]
    found = [r for r in users["rows"] if r[names.index("uid")] == uid]
    if not found:
        return None
    removed: dict[str, list[dict[str, Any]]] = {}
    gone_values: dict[tuple[str, str], set[Any]] = {}

    def is_gone(table: str, column: str, value: Any) -> bool:
        if (table, column) not in gone_values:
            gone_values[(table, column)] = {r.get(column) for r in removed.get(table, [])}
        return value in gone_values[(table, column)]

    for table in metadata.sorted_tables:
        if table.name not in tables:
            continue
        data = tables[table.name]
        columns = [c[0] for c in data["columns"]]
        kept: list[list[Any]] = []
        gone: list[dict[str, Any]] = []
        for row in data["rows"]:
            record = dict(zip(columns, row, strict=True))
            drop = table.name == "users" and record.get("uid") == uid
            for key in table.foreign_keys:
                child, parent = key.parent.name, key.column
                value = record.get(child)
                if value is None or not is_gone(parent.table.name, parent.name, value):
                    continue
                if key.ondelete == "SET NULL":
                    record[child] = None
                else:
                    drop = True
            if drop:
                gone.append(record)
            else:
                kept.append([record.get(c) for c in columns])
        removed[table.name] = gone
        data["rows"] = kept
    document["counts"] = {name: len(t["rows"]) for name, t in tables.items()}
    document["sha256"] = checksum(tables)
    return document
