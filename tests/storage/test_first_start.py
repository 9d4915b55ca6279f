from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import func, select

from kindvoice.core.clock import FrozenClock
from kindvoice.core.config import Settings
from kindvoice.services.wiring import Context, open_context
from kindvoice.storage.schema import users


def test_first_start_race_creates_one_local_user(
    database_url: str, tmp_path: Path, clock: FrozenClock
) -> None:
    """Several processes opening a brand-new database at once agree on one person."""
    settings = Settings(home=tmp_path, database_url=database_url)
    barrier = threading.Barrier(4)
    opened: list[Context] = []
    failures: list[BaseException] = []

    def start() -> None:
        try:
            barrier.wait()
            opened.append(open_context(settings, clock))
        except BaseException as exc:  # collected and reported below
            failures.append(exc)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not failures, failures
    assert len({c.user_id for c in opened}) == 1
    with opened[0].db.read() as conn:
        assert conn.execute(select(func.count()).select_from(users)).scalar_one() == 1
    for context in opened:
        context.close()
