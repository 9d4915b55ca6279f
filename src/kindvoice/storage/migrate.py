"""Running Alembic migrations from inside kindvoice (no alembic.ini needed)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import text

if TYPE_CHECKING:
    from kindvoice.storage.database import Database

SCRIPT_LOCATION = "kindvoice.storage:migrations"
# Any fixed number works; it only has to be the same for every kindvoice process.
_PG_MIGRATION_LOCK = 0x6B696E64


def alembic_config(database: Database | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    if database is not None:
        config.set_main_option("sqlalchemy.url", database.url.replace("%", "%%"))
    return config


def head_revision() -> str:
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"expected one migration head, found {heads}")
    return str(heads[0])


def upgrade(database: Database, revision: str = "head") -> None:
    """Upgrade inside one write transaction, so two processes cannot both migrate."""
    with database.write() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
        config = alembic_config(database)
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def downgrade(database: Database, revision: str = "base") -> None:
    database.keys.vault_table_seen = False  # the vault table may be gone afterwards
    with database.write() as conn:
        config = alembic_config(database)
        config.attributes["connection"] = conn
        command.downgrade(config, revision)
