"""`kindvoice lock` killed with SIGKILL on a journal of 10,000 entries: old or new, never a mix.

Locking rewrites every private column inside one transaction. Each trial starts the real
command in its own process and kills it at a different moment; the kill that matters lands
while the transaction is writing (SQLite spills its changed pages to the WAL before the
commit, so a growing WAL with no vault row afterwards proves the kill landed mid-way).
After every kill the journal must be either wholly plain (no vault row, every column as it
was, the full-text index whole) or wholly sealed (a vault row, every column sealed, the
index empty), and the next `kindvoice lock` must work.

On PostgreSQL the kill lands while the lock's session holds the exclusive advisory lock that
only lock and unlock take (seen in ``pg_locks``), so it is inside the transaction; the server
rolls it back when the client is gone.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from kindvoice.domain.records import CheckIn, Emotion, Entry
from kindvoice.storage import repos
from kindvoice.storage.database import Database
from kindvoice.storage.sealing import PG_VAULT_LOCK
from tests.conftest import make_pg_database

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL"),
]

ENTRIES = 10_000
CHECKINS = 2_000
PASSPHRASE = "crash test passphrase"  # noqa: S105 - a test passphrase
MAX_TRIALS = 6
START = datetime(2025, 1, 1, 8, 0, tzinfo=UTC)


def _make_journal(path: Path) -> None:
    _fill(f"sqlite:///{path}")


def _fill(url: str) -> None:
    db = Database(url)
    db.migrate()
    with db.write() as conn:
        user = repos.ensure_local_user(conn, str(uuid.uuid4()), START)
        entries = [
            Entry(
                uid=str(uuid.uuid4()),
                thought=f"Entry {i}: I keep thinking I got it all wrong again, number {i}. " * 3,
                situation=f"situation {i} at work",
                emotions=(Emotion("worried", i % 100),),
                tags=(f"t{i % 7}",),
                created_at=START + timedelta(minutes=i),
                updated_at=START + timedelta(minutes=i),
            )
            for i in range(ENTRIES)
        ]
        repos.insert_entries(conn, user, entries)
        repos.insert_checkins(
            conn,
            user,
            [
                CheckIn(
                    uid=str(uuid.uuid4()),
                    created_at=START + timedelta(hours=i),
                    mood=i % 11,
                    stress=5,
                    critic=5,
                    note=f"check-in note {i}",
                )
                for i in range(CHECKINS)
            ],
        )
    db.compact()
    db.dispose()


def _state(path: Path) -> str:
    """'plain' or 'sealed' — and fail on anything in between."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert [r[0] for r in conn.execute("PRAGMA integrity_check")] == ["ok"]
        vault_rows = conn.execute("SELECT count(*) FROM vault").fetchone()[0]
        values = [
            value
            for query in (
                "SELECT situation FROM journal_entries",
                "SELECT thought FROM journal_entries",
                "SELECT note FROM checkins",
            )
            for (value,) in conn.execute(query)
        ]
        sealed = sum(v.startswith("kv1:") for v in values)
        indexed = conn.execute("SELECT count(*) FROM journal_fts").fetchone()[0]
        entries = conn.execute("SELECT count(*) FROM journal_entries").fetchone()[0]
    finally:
        conn.close()
    assert entries == ENTRIES
    if vault_rows == 0:
        assert sealed == 0, f"{sealed} sealed values without a vault"
        assert indexed == ENTRIES
        return "plain"
    assert vault_rows == 1
    assert sealed == len(values), f"only {sealed} of {len(values)} values sealed"
    assert indexed == 0
    return "sealed"


def _lock_command(path: Path) -> list[str]:
    return [sys.executable, "-m", "kindvoice", "--db", f"sqlite:///{path}", "lock"]


def _env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["KINDVOICE_HOME"] = str(tmp_path / "home")
    env["KINDVOICE_PASSPHRASE_COMMAND"] = f"echo {PASSPHRASE}"
    return env


def test_a_kill_during_lock_leaves_the_old_or_the_new_state_never_a_mix(tmp_path: Path) -> None:
    path = tmp_path / "big.sqlite3"
    _make_journal(path)
    assert _state(path) == "plain"
    wal = Path(f"{path}-wal")
    env = _env(tmp_path)
    interrupted_mid_write = 0
    outcomes: list[str] = []
    for trial in range(MAX_TRIALS):
        base = wal.stat().st_size if wal.exists() else 0
        process = subprocess.Popen(
            _lock_command(path), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        # Wait until the transaction has written a good share of its pages, then kill.
        grown = False
        deadline = time.monotonic() + 120
        threshold = base + (1 + trial) * 512 * 1024
        while process.poll() is None and time.monotonic() < deadline:
            if wal.exists() and wal.stat().st_size > threshold:
                grown = True
                break
            time.sleep(0.002)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        state = _state(path)
        outcomes.append(f"{trial}:{state}:{'grown' if grown else 'done'}:{process.returncode}")
        if state == "plain" and grown and process.returncode == -signal.SIGKILL:
            interrupted_mid_write += 1
        if state == "sealed":
            break
        if interrupted_mid_write >= 2:
            break
    assert interrupted_mid_write >= 1, outcomes
    # After the crash, a calm run of the same command finishes the job.
    if _state(path) == "plain":
        done = subprocess.run(
            _lock_command(path), env=env, capture_output=True, timeout=300, check=False
        )
        assert done.returncode == 0, done.stderr.decode()
    assert _state(path) == "sealed"
    _search_finds_the_last_entry(f"sqlite:///{path}", env)


def _search_finds_the_last_entry(url: str, env: dict[str, str]) -> None:
    shown = subprocess.run(
        [
            sys.executable,
            "-m",
            "kindvoice",
            "--db",
            url,
            "journal",
            "search",
            "number",
            "9999",
            "--json",
        ],
        env=env,
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert shown.returncode == 0, shown.stderr.decode()
    assert b"number 9999." in shown.stdout


def _pg_state(url: str) -> str:
    """The same check on PostgreSQL: 'plain' or 'sealed', never in between."""
    db = Database(url)
    try:
        with db.engine.connect() as conn:
            vault_rows = conn.execute(text("SELECT count(*) FROM vault")).scalar_one()
            counts = conn.execute(
                text(
                    "SELECT count(*), count(*) FILTER (WHERE thought LIKE 'kv1:%'),"
                    " count(*) FILTER (WHERE situation LIKE 'kv1:%') FROM journal_entries"
                )
            ).one()
            notes = conn.execute(
                text("SELECT count(*), count(*) FILTER (WHERE note LIKE 'kv1:%') FROM checkins")
            ).one()
    finally:
        db.dispose()
    assert counts[0] == ENTRIES
    sealed = counts[1] + counts[2] + notes[1]
    if vault_rows == 0:
        assert sealed == 0, f"{sealed} sealed values without a vault"
        return "plain"
    assert sealed == 2 * ENTRIES + notes[0], "only part of the journal is sealed"
    return "sealed"


def _holds_vault_lock(url: str) -> bool:
    """Is some session holding the exclusive lock that only lock/unlock take, mid-transaction?"""
    db = Database(url)
    try:
        with db.engine.connect() as conn:
            found = conn.execute(
                text(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                    " AND objid = :key AND mode = 'ExclusiveLock' AND granted"
                ),
                {"key": PG_VAULT_LOCK},
            ).scalar_one()
    finally:
        db.dispose()
    return bool(found)


@pytest.fixture
def pg_url(pg_admin_url: str) -> Iterator[str]:
    yield from make_pg_database(pg_admin_url)


@pytest.mark.postgres
def test_a_kill_during_lock_on_postgresql_leaves_the_old_state(pg_url: str, tmp_path: Path) -> None:
    url = pg_url
    _fill(url)
    assert _pg_state(url) == "plain"
    env = _env(tmp_path)
    command = [sys.executable, "-m", "kindvoice", "--db", url, "lock"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    caught = False
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        if _holds_vault_lock(url):
            # Let it rewrite some rows first, then kill it while it still holds the lock.
            time.sleep(0.1)
            caught = process.poll() is None and _holds_vault_lock(url)
            process.send_signal(signal.SIGKILL)
            break
        time.sleep(0.01)
    process.wait(timeout=60)
    assert caught, "the lock finished before it could be interrupted"
    # The server notices the lost client and rolls its transaction back.
    deadline = time.monotonic() + 30
    while _holds_vault_lock(url) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _pg_state(url) == "plain"
    done = subprocess.run(command, env=env, capture_output=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr.decode()
    assert _pg_state(url) == "sealed"
    _search_finds_the_last_entry(url, env)
