"""Helpers for the backup tests: every row of every table, read the plain way."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import inspect, select, text

from kindvoice.services import backups
from kindvoice.storage.database import Database
from kindvoice.storage.schema import metadata


def everything(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Each kindvoice table's rows (ordered by primary key), and the schema version."""
    found: dict[str, list[tuple[Any, ...]]] = {}
    with db.read() as conn:
        present = set(inspect(conn).get_table_names())
        for table in metadata.sorted_tables:
            if table.name in present:
                order = list(table.primary_key.columns)
                found[table.name] = [tuple(r) for r in conn.execute(select(table).order_by(*order))]
        version = conn.execute(text("SELECT version_num FROM alembic_version")).all()
        found["alembic_version"] = [tuple(r) for r in version]
    return found


def backup_files(folder: Path) -> list[str]:
    return [path.name for path in backups.list_backups(folder)]
