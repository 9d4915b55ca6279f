"""Crash safety: a writer killed with SIGKILL at random moments loses nothing it acknowledged.

One SQLite file is used for every trial, so each new writer also has to recover
the journal left behind by the previous crash (a hot WAL and a stale -shm). The
checks after each crash open the file read-only, which leaves the WAL in place
for the next writer to recover instead of folding it back cleanly.
"""

from __future__ import annotations

import random
import signal
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from tests.storage._writer import PipeReader, start_writer

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="needs SIGKILL and select() on pipes"),
]

TRIALS = 24
SEED = 20261125
MAX_KILL_DELAY_S = 0.3
FIRST_ACK_TIMEOUT_S = 60.0
ENTRY_CHILDREN = 2  # the writer gives every entry two feelings and two tags


def _check_crashed_journal(path: Path, acknowledged: set[str], trial: str) -> int:
    """Integrity and completeness of the journal as a crash left it; returns its size."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        assert integrity == ["ok"], f"{trial}: integrity_check says {integrity}"
        broken_links = conn.execute("PRAGMA foreign_key_check").fetchall()
        assert broken_links == [], f"{trial}: foreign_key_check found {broken_links}"
        stored = {row[0] for row in conn.execute("SELECT uid FROM journal_entries")}
        lost = acknowledged - stored
        assert not lost, f"{trial}: {len(lost)} acknowledged entries are missing, e.g. {min(lost)}"
        # Each write is one transaction: an entry never survives without its parts.
        partial = conn.execute(
            "SELECT count(*) FROM journal_entries AS j WHERE"
            " (SELECT count(*) FROM entry_tags AS t WHERE t.entry_id = j.id) != :n"
            " OR (SELECT count(*) FROM entry_emotions AS e WHERE e.entry_id = j.id) != :n"
            " OR NOT EXISTS (SELECT 1 FROM journal_fts AS f WHERE f.rowid = j.id)",
            {"n": ENTRY_CHILDREN},
        ).fetchone()[0]
        assert partial == 0, f"{trial}: {partial} entries were stored only in part"
        return len(stored)
    finally:
        conn.close()


def _run_and_kill(
    url: str, stderr_path: Path, rng: random.Random, trial: str
) -> tuple[list[str], float]:
    """Start a writer, kill it at a random moment after its first acknowledgement."""
    with stderr_path.open("wb") as stderr:
        proc = start_writer(["forever", url], stderr)
        try:
            reader = PipeReader(proc)
            first = reader.next_line(FIRST_ACK_TIMEOUT_S)
            assert first is not None, (
                f"{trial}: the writer acknowledged nothing (exit {proc.poll()}):\n"
                + stderr_path.read_text(errors="replace")
            )
            delay = rng.uniform(0.0, MAX_KILL_DELAY_S)
            # Not synchronisation: this is the random moment of the crash.
            time.sleep(delay)
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
            lines, _unacknowledged_tail = reader.rest(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
            assert proc.stdout is not None
            proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL, (
        f"{trial}: the writer stopped by itself (exit {proc.returncode}) before the kill:\n"
        + stderr_path.read_text(errors="replace")
    )
    return [first, *lines], delay


def test_sqlite_journal_survives_sigkill_during_writes(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    url = f"sqlite:///{path}"
    rng = random.Random(SEED)
    acknowledged: set[str] = set()
    for number in range(1, TRIALS + 1):
        trial = f"trial {number}/{TRIALS} (seed {SEED})"
        uids, delay = _run_and_kill(url, tmp_path / f"writer-{number}.err", rng, trial)
        assert len(uids) == len(set(uids)), f"{trial}: a uid was acknowledged twice"
        acknowledged.update(uids)
        # Every entry acknowledged in this or any earlier trial must still be there.
        size = _check_crashed_journal(path, acknowledged, f"{trial}, killed after {delay:.3f}s")
        assert size >= len(acknowledged)

    # Finally open it normally: recovery, a full-text index check, and a clean close.
    conn = sqlite3.connect(path)
    try:
        conn.execute("INSERT INTO journal_fts(journal_fts) VALUES ('integrity-check')")
        assert [row[0] for row in conn.execute("PRAGMA integrity_check")] == ["ok"]
        stored = {row[0] for row in conn.execute("SELECT uid FROM journal_entries")}
    finally:
        conn.close()
    assert acknowledged <= stored
