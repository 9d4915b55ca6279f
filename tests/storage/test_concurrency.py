"""Two processes writing to one SQLite file at the same time: no lock errors, no lost rows.

Both writers are released together by a start barrier (a line on their stdin)
onto a file that does not exist yet, so they also race to create and migrate it.
Each then writes entries and check-ins for a few seconds, mixed with listing,
searching and editing, and reports the uid of every write it had acknowledged.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.storage._writer import PipeReader, start_writer

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="needs select() on pipes"),
]

WRITE_SECONDS = 3.5
LABELS = ("alpha", "beta")
READY_TIMEOUT_S = 60.0
FINISH_TIMEOUT_S = 120.0


def _stored(conn: sqlite3.Connection, sql: str) -> list[Any]:
    return [row[0] for row in conn.execute(sql)]


def _run_writers_together(url: str, tmp_path: Path) -> dict[str, tuple[int, str, str]]:
    """Run one writer per label, released at once; each one's exit code, stdout and stderr."""
    err_paths = {label: tmp_path / f"{label}.err" for label in LABELS}
    err_files = {label: err_paths[label].open("wb") for label in LABELS}
    procs = {
        label: start_writer(
            ["timed", url, str(WRITE_SECONDS), label], err_files[label], with_stdin=True
        )
        for label in LABELS
    }
    outputs: dict[str, str] = {}
    try:
        # The start barrier: both are loaded and waiting before either may begin.
        for label, proc in procs.items():
            ready = PipeReader(proc).next_line(READY_TIMEOUT_S)
            errors = err_paths[label].read_text(errors="replace")
            assert ready == "ready", f"{label} did not get ready:\n{errors}"
        for proc in procs.values():
            assert proc.stdin is not None
            proc.stdin.write(b"go\n")
            proc.stdin.flush()  # communicate() below closes it
        for label, proc in procs.items():
            out, _ = proc.communicate(timeout=FINISH_TIMEOUT_S)
            outputs[label] = out.decode(errors="replace")
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        for file in err_files.values():
            file.close()
    return {
        label: (proc.returncode, outputs[label], err_paths[label].read_text(errors="replace"))
        for label, proc in procs.items()
    }


def test_sqlite_two_writer_processes_neither_lock_out_nor_lose_rows(tmp_path: Path) -> None:
    path = tmp_path / "journal.sqlite3"
    results = _run_writers_together(f"sqlite:///{path}", tmp_path)

    reports: dict[str, dict[str, list[str]]] = {}
    for label, (returncode, out, errors) in results.items():
        assert "locked" not in (out + errors).lower(), f"{label}:\n{errors}"
        assert returncode == 0, f"{label} failed (exit {returncode}):\n{errors}"
        reports[label] = json.loads(out.strip().splitlines()[-1])
        assert reports[label]["entries"], f"{label} acknowledged no writes"
        assert reports[label]["checkins"], f"{label} acknowledged no check-ins"

    acknowledged_entries = [uid for r in reports.values() for uid in r["entries"]]
    acknowledged_checkins = [uid for r in reports.values() for uid in r["checkins"]]
    conn = sqlite3.connect(path)
    try:
        assert _stored(conn, "PRAGMA integrity_check") == ["ok"]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        entry_uids = _stored(conn, "SELECT uid FROM journal_entries")
        checkin_uids = _stored(conn, "SELECT uid FROM checkins")
        fts_rows = _stored(conn, "SELECT count(*) FROM journal_fts")[0]
        # Both started on a brand-new file: exactly one of them made the local person.
        local_users = _stored(conn, "SELECT count(*) FROM users WHERE is_local")[0]
        # When each process wrote, by its own tag: the two must have overlapped.
        spans = {
            label: conn.execute(
                "SELECT min(j.created_at), max(j.created_at) FROM journal_entries AS j"
                " JOIN entry_tags AS t ON t.entry_id = j.id WHERE t.tag = ?",
                (label,),
            ).fetchone()
            for label in LABELS
        }
    finally:
        conn.close()

    assert len(entry_uids) == len(acknowledged_entries)
    assert sorted(entry_uids) == sorted(acknowledged_entries)
    assert len(checkin_uids) == len(acknowledged_checkins)
    assert sorted(checkin_uids) == sorted(acknowledged_checkins)
    assert fts_rows == len(entry_uids)
    assert local_users == 1
    (a_first, a_last), (b_first, b_last) = spans["alpha"], spans["beta"]
    assert a_first < b_last, f"alpha began after beta had finished: {spans}"
    assert b_first < a_last, f"beta began after alpha had finished: {spans}"
