"""Putting kindvoice together from settings: the database and the person."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

from kindvoice.core.clock import Clock, SystemClock
from kindvoice.core.config import Settings
from kindvoice.storage import repos
from kindvoice.storage.database import HEAD_REVISION, Database


@dataclass
class Context:
    """What every service call needs: where the data is, whose it is, and the time."""

    db: Database
    user_id: int
    clock: Clock
    # kindvoice's data folder (where automatic backups go); None when there is none to use.
    home: Path | None = None

    def close(self) -> None:
        self.db.dispose()


def open_context(settings: Settings, clock: Clock | None = None) -> Context:
    """Open (and if needed create and migrate) the database; make sure the local person exists.

    An existing journal is backed up into ``<home>/backups`` before its schema changes."""
    clock = clock or SystemClock()
    db = Database(settings.database_url)
    revision = db.current_revision()
    if revision is None:
        db.migrate()
    elif revision != HEAD_REVISION:
        from kindvoice.services.backups import migrate_with_backup

        migrate_with_backup(db, settings.home)
    with db.write() as conn:
        user_id = repos.ensure_local_user(conn, str(uuid.uuid4()), clock.now())
    return Context(db=db, user_id=user_id, clock=clock, home=settings.home)
