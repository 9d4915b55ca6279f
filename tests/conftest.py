"""Shared fixtures: real SQLite files, and a real PostgreSQL server when one is given.

Set KINDVOICE_TEST_DATABASE_URL (for example
``postgresql://postgres@/postgres?host=/tmp/pg``) to run the storage tests on
PostgreSQL too; `.ci/run` starts a throwaway server and sets it. Without it the
PostgreSQL variants are skipped with a visible reason.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kindvoice.core.clock import FrozenClock
from kindvoice.core.config import Settings, normalize_database_url

PG_ENV = "KINDVOICE_TEST_DATABASE_URL"
PG_SKIP_REASON = (
    f"PostgreSQL tests need a server: set {PG_ENV} (bash .ci/run starts a throwaway one)"
)
FROZEN_NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may touch the real data folder or a real database setting."""
    monkeypatch.setenv("KINDVOICE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("KINDVOICE_DATABASE_URL", raising=False)
    monkeypatch.delenv("KINDVOICE_COUNTRY", raising=False)


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(FROZEN_NOW)


def _pg_admin_url() -> str | None:
    value = os.environ.get(PG_ENV, "").strip()
    return normalize_database_url(value) if value else None


@pytest.fixture(scope="session")
def pg_admin_url() -> str:
    url = _pg_admin_url()
    if url is None:
        pytest.skip(PG_SKIP_REASON)
    return url


def make_pg_database(admin_url: str) -> Iterator[str]:
    """A brand-new, empty PostgreSQL database for one test, dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = "kv_test_" + uuid.uuid4().hex[:12]
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database of each kind: a real SQLite file, and a real PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'journal.sqlite3'}"
        return
    admin = _pg_admin_url()
    if admin is None:
        pytest.skip(PG_SKIP_REASON)
    yield from make_pg_database(admin)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'journal.sqlite3'}"


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return Settings(home=tmp_path / "home", database_url=database_url)


@pytest.fixture
def ctx(settings: Settings, clock: FrozenClock) -> Iterator[object]:
    """An open kindvoice context on each database kind, with a frozen clock."""
    from kindvoice.services.wiring import open_context

    context = open_context(settings, clock)
    try:
        yield context
    finally:
        context.close()
