"""Putting kindvoice together from settings: the database and the person."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from kindvoice.core.clock import Clock, SystemClock
from kindvoice.core.config import Settings
from kindvoice.storage import repos
from kindvoice.storage.database import Database


@dataclass
class Context:
    """What every service call needs: where the data is, whose it is, and the time."""

    db: Database
    user_id: int
    clock: Clock

    def close(self) -> None:
        self.db.dispose()


def open_context(settings: Settings, clock: Clock | None = None) -> Context:
    """Open (and if needed create and migrate) the database; make sure the local person exists."""
    clock = clock or SystemClock()
    db = Database(settings.database_url)
    db.migrate()
    with db.write() as conn:
        user_id = repos.ensure_local_user(conn, str(uuid.uuid4()), clock.now())
    return Context(db=db, user_id=user_id, clock=clock)
