"""What encryption at rest costs: locking, unlocking, and reading encrypted entries.

Run it from the repository root with the interpreter kindvoice is installed in:

    .venv/bin/python bench/vault.py [--entries 10000] [--repeat 5]

It writes a synthetic journal of ``--entries`` entries (each with a situation, a thought of
about 300 characters, a feeling, a tag and a stored analysis, plus a check-in with a note for
every fourth entry) into a temporary SQLite file through kindvoice's own repositories, copies
the file, and then times on the real disk:

- ``kindvoice lock`` (``services.vault.lock``: one transaction sealing every private column,
  then the file rebuilt), with the default Argon2id costs (64 MiB, 3 passes, 4 lanes),
- ``kindvoice unlock`` (``services.vault.unlock``: opening every column again and rebuilding
  the search index),
- the Argon2id derivation alone (part of both, and of opening a locked journal once per run),
- reading every entry (``services.journal.list_entries``), best of ``--repeat``, from the plain
  copy (the baseline) and from the locked one in the same run: the per-entry overhead is the
  difference divided by the number of entries, and the ratio is locked over plain,
- one search, plain (SQLite's full-text index) against locked (opened in memory), for common
  words (stops at the 50 newest matches) and for a word no entry holds (opens every entry).

This is a benchmark, not a test: it prints its figures and always exits 0.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kindvoice.core.clock import FrozenClock
from kindvoice.core.config import Settings
from kindvoice.domain.nlp.types import TrapScore
from kindvoice.domain.records import CheckIn, CriticSpan, Emotion, Entry, StoredAnalysis
from kindvoice.services import journal, vault
from kindvoice.services.wiring import Context, open_context
from kindvoice.storage import reframing_repos, repos
from kindvoice.storage.vault import DEFAULT_KDF, derive_key, new_salt

START = datetime(2020, 1, 1, 7, 0, tzinfo=UTC)
PASSPHRASE = "a bench passphrase"  # noqa: S105 - a made-up passphrase for timing
_SAMPLE = (
    "I keep telling myself I ruined the meeting and everyone saw how useless I am. "
    "Maybe it was not that bad, but the voice says I always fail when it matters. "
    "Tomorrow I could try talking to myself the way I would talk to a friend. "
    "Breathing slowly helped a little after lunch, then the worry came back. "
)
WORDS = _SAMPLE.split()


def _fill(ctx: Context, count: int, rng: random.Random) -> None:
    entries = []
    for i in range(count):
        moment = START + timedelta(hours=6 * i)
        thought = " ".join(rng.choice(WORDS) for _ in range(55))
        entries.append(
            Entry(
                uid=str(uuid.uuid4()),
                thought=thought,
                situation=f"situation {i}: " + " ".join(rng.choice(WORDS) for _ in range(8)),
                emotions=(Emotion("worried", rng.randrange(101)),),
                tags=(f"tag{i % 9}",),
                created_at=moment,
                updated_at=moment,
            )
        )
    with ctx.db.write() as conn:
        ids = repos.insert_entries(conn, ctx.user_id, entries)
        for entry_id, entry in zip(ids, entries, strict=True):
            reframing_repos.replace_analysis(
                conn,
                ctx.user_id,
                entry_id,
                StoredAnalysis(
                    model_version="bench",
                    crisis_level="none",
                    crisis_cue="",
                    critic_probability=0.7,
                    is_self_critical=True,
                    traps=(TrapScore("labeling", 0.6),),
                    critic_spans=(CriticSpan(0, 20, 0),),
                    created_at=entry.created_at,
                ),
            )
        repos.insert_checkins(
            conn,
            ctx.user_id,
            [
                CheckIn(
                    uid=str(uuid.uuid4()),
                    created_at=START + timedelta(hours=24 * i),
                    mood=rng.randrange(11),
                    stress=rng.randrange(11),
                    critic=rng.randrange(11),
                    note="a short note about the day " + str(i),
                )
                for i in range(count // 4)
            ],
        )


def _best(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return min(times)


def _open(path: Path, clock: FrozenClock) -> Context:
    return open_context(Settings(home=path.parent, database_url=f"sqlite:///{path}"), clock)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    clock = FrozenClock(datetime(2026, 11, 30, 9, 0, tzinfo=UTC))
    print(f"kindvoice vault bench: {args.entries:,} entries, best of {args.repeat}")
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory(prefix="kv-vault-bench-") as folder:
        plain_path = Path(folder) / "plain.sqlite3"
        ctx = _open(plain_path, clock)
        _fill(ctx, args.entries, random.Random(args.seed))
        ctx.db.compact()
        ctx.close()
        locked_path = Path(folder) / "locked.sqlite3"
        shutil.copyfile(plain_path, locked_path)

        salt = new_salt()
        kdf_s = _best(lambda: derive_key(PASSPHRASE, salt, DEFAULT_KDF), 3)

        locked = _open(locked_path, clock)
        started = time.perf_counter()
        report = vault.lock(locked.db, PASSPHRASE, clock)
        lock_s = time.perf_counter() - started
        plain = _open(plain_path, clock)

        def read_plain() -> object:
            return journal.list_entries(plain, limit=None)

        def read_locked() -> object:
            return journal.list_entries(locked, limit=None)

        read_plain()
        read_locked()  # warm both files and the key
        plain_read = _best(read_plain, args.repeat)
        locked_read = _best(read_locked, args.repeat)
        plain_search = _best(lambda: journal.search_entries(plain, "friend lunch"), args.repeat)
        locked_search = _best(lambda: journal.search_entries(locked, "friend lunch"), args.repeat)
        # A word no entry holds: every entry is opened (the worst case).
        plain_miss = _best(lambda: journal.search_entries(plain, "zebra"), args.repeat)
        locked_miss = _best(lambda: journal.search_entries(locked, "zebra"), args.repeat)

        started = time.perf_counter()
        vault.unlock(locked.db, PASSPHRASE)
        unlock_s = time.perf_counter() - started
        plain.close()
        locked.close()

    figures = {
        "kdf": kdf_s,
        "lock": lock_s,
        "unlock": unlock_s,
        "plain_read": plain_read,
        "locked_read": locked_read,
        "plain_search": plain_search,
        "locked_search": locked_search,
        "plain_miss": plain_miss,
        "locked_miss": locked_miss,
    }
    _report(args.entries, report, figures)
    return 0


def _report(entries: int, report: vault.LockReport, f: dict[str, float]) -> None:
    kdf_s, lock_s, unlock_s = f["kdf"], f["lock"], f["unlock"]
    plain_read, locked_read = f["plain_read"], f["locked_read"]
    plain_search, locked_search = f["plain_search"], f["locked_search"]
    plain_miss, locked_miss = f["plain_miss"], f["locked_miss"]
    per_entry_us = (locked_read - plain_read) / entries * 1e6
    print(f"rows sealed by lock:            {report.total:,} ({report.rows})")
    print(f"Argon2id derivation:            {kdf_s * 1000:8.1f} ms (64 MiB, t=3, p=4)")
    print(f"lock   {entries:,} entries:          {lock_s * 1000:8.1f} ms (with the KDF)")
    print(f"unlock {entries:,} entries:          {unlock_s * 1000:8.1f} ms (with the KDF)")
    print(f"read all entries, plain:        {plain_read * 1000:8.1f} ms (baseline)")
    print(f"read all entries, locked:       {locked_read * 1000:8.1f} ms")
    print(f"per-entry read overhead:        {per_entry_us:8.1f} µs")
    print(f"locked / plain read ratio:      {locked_read / plain_read:8.2f}x")
    print(f"search, plain (FTS5 index):     {plain_search * 1000:8.1f} ms")
    print(f"search, locked (in memory):     {locked_search * 1000:8.1f} ms")
    print(f"locked / plain search ratio:    {locked_search / plain_search:8.2f}x")
    print(f"search for a missing word, plain:  {plain_miss * 1000:8.1f} ms")
    print(f"search for a missing word, locked: {locked_miss * 1000:8.1f} ms (opens every entry)")


if __name__ == "__main__":
    sys.exit(main())
