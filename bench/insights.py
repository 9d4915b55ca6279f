"""How long every insight takes over ten years of daily records, read from a real SQLite file.

Run it from the repository root with the interpreter kindvoice is installed in:

    .venv/bin/python bench/insights.py [--years 10] [--seed 7]

It writes a synthetic journal into a temporary SQLite file through kindvoice's
own repositories: a check-in every day (a mood that wanders, with setbacks that
recover), a journal entry every day with a stored analysis (self-critical or not,
one to three traps) and, every few days, a kinder answer with belief before and
after, a practice session every day with before-and-after ratings, and a program
started on the first day. Then it times, best of five:

- reading everything (``services.portability.load_journal``, the baseline: the
  same read an export does, whole records),
- the lean read the insights use (``services.insights.load_points``: only the
  columns the metrics take, as small points),
- computing every insight from the points (``services.insights.compute_points``),
- the lean read and computing together, as ``kindvoice insights`` does
  (``services.insights.gather``), beside the old way: reading everything, then
  computing from the journal (``services.insights.compute(load_journal(ctx), ...)``).

Target: computing all insights <= 200 ms. It prints each figure, the ratio of the
full read to the lean one, and the ratio of computing to reading, and checks that
both ways give the same insights. This is a benchmark, not a test: it always exits 0.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from kindvoice.core.clock import FrozenClock
from kindvoice.core.config import Settings
from kindvoice.domain.nlp.types import TRAPS, TrapScore
from kindvoice.domain.practice_runs import PracticeRun
from kindvoice.domain.program.events import make_program_event
from kindvoice.domain.records import CheckIn, Entry, Reflection, SavedReframe, StoredAnalysis
from kindvoice.services import insights
from kindvoice.services.portability import load_journal
from kindvoice.services.wiring import open_context
from kindvoice.storage import practice_repos, program_repos, reframing_repos, repos

TARGET_MS = 200.0
ZONE = timezone(timedelta(hours=1))
PRACTICES = (
    ("gentle", "breathing"),
    ("self-compassion-break", "guided"),
    ("friend-exercise", "writing"),
)


def synthetic(
    years: int, seed: int, end: datetime
) -> tuple[list[Entry], list[Reflection], list[CheckIn], list[PracticeRun]]:
    rng = random.Random(seed)
    days = 365 * years
    start = end - timedelta(days=days)
    entries, reflections, checkins, runs = [], [], [], []
    mood = 6.0
    dip = 0
    for n in range(days):
        day = start + timedelta(days=n)
        if dip == 0 and rng.random() < 0.03:
            dip = rng.randint(2, 6)
        mood += (6.0 - mood) * 0.3 + rng.gauss(0, 0.6) - (3.0 if dip else 0.0)
        dip = max(0, dip - 1)
        mood = min(10.0, max(0.0, mood))
        at = day.replace(hour=21).astimezone(ZONE)
        checkins.append(
            CheckIn(
                str(uuid.UUID(int=rng.getrandbits(128))),
                at,
                round(mood),
                rng.randint(0, 10),
                rng.randint(0, 10),
                "",
                kindness=rng.randint(0, 10),
            )
        )
        critical = rng.random() < 0.45
        traps = rng.sample(TRAPS, rng.randint(1, 3))
        analysis = StoredAnalysis(
            model_version="bench",
            crisis_level="none",
            crisis_cue="",
            critic_probability=0.9 if critical else 0.1,
            is_self_critical=critical,
            traps=tuple(TrapScore(t, round(rng.uniform(0.5, 0.99), 4)) for t in traps),
            critic_spans=(),
            created_at=at,
        )
        kept = ()
        if n % 3 == 0:
            before = rng.randint(40, 100)
            kept = (
                SavedReframe(
                    str(uuid.UUID(int=rng.getrandbits(128))),
                    "A kinder answer.",
                    "own",
                    at,
                    belief_before=before,
                    belief_after=max(0, before - rng.randint(0, 40)),
                ),
            )
        entries.append(
            Entry(
                uid=str(uuid.UUID(int=rng.getrandbits(128))),
                thought="I always get this wrong.",
                situation="",
                emotions=(),
                tags=(),
                created_at=at,
                updated_at=at,
            )
        )
        reflections.append(Reflection(analysis=analysis, reframes=kept))
        practice, kind = PRACTICES[n % 3]
        stress = rng.randint(3, 9)
        runs.append(
            PracticeRun(
                uid=str(uuid.UUID(int=rng.getrandbits(128))),
                practice=practice,
                kind=kind,
                started_at=at - timedelta(hours=2),
                planned_s=300.0,
                actual_s=300.0,
                completed=True,
                pattern="3-4" if kind == "breathing" else None,
                stress_before=stress,
                stress_after=max(0, stress - rng.randint(0, 3)),
                kindness_before=rng.randint(2, 7),
                kindness_after=rng.randint(3, 9),
            )
        )
    return entries, reflections, checkins, runs


def best_of(runs: int, work: object) -> float:
    assert callable(work)
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description="Time every insight over years of records.")
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    years = min(max(args.years, 1), 30)
    print(f"python {platform.python_version()} at {sys.executable}")
    print(f"{platform.platform()}, {os.cpu_count()} CPUs\n")
    end = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
    entries, reflections, checkins, runs = synthetic(years, args.seed, end)
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        settings = Settings(home=home, database_url=f"sqlite:///{home / 'bench.sqlite3'}")
        ctx = open_context(settings, FrozenClock(end.astimezone(ZONE)))
        try:
            started = time.perf_counter()
            with ctx.db.write() as conn:
                ids = repos.insert_entries(conn, ctx.user_id, entries)
                reframing_repos.insert_reflections(
                    conn, ctx.user_id, list(zip(ids, reflections, strict=True))
                )
                repos.insert_checkins(conn, ctx.user_id, checkins)
                practice_repos.insert_practice_runs(conn, ctx.user_id, runs)
                first = entries[0].created_at
                program_repos.insert_program_events(
                    conn, ctx.user_id, [make_program_event("start", first.date(), first)]
                )
            print(
                f"{years} years: {len(entries):,} entries, {len(checkins):,} check-ins, "
                f"{len(runs):,} practice sessions, {sum(len(r.reframes) for r in reflections):,} "
                f"kinder answers, written in {time.perf_counter() - started:.1f} s\n"
            )
            journal = load_journal(ctx)
            points = insights.load_points(ctx)
            today = ctx.clock.now().date()
            found = insights.compute(journal, today)
            same = insights.compute_points(points, today) == found
            read_ms = best_of(5, lambda: load_journal(ctx))
            lean_ms = best_of(5, lambda: insights.load_points(ctx))
            compute_ms = best_of(5, lambda: insights.compute_points(points, today))
            gather_ms = best_of(5, lambda: insights.gather(ctx))
            old_ms = best_of(5, lambda: insights.compute(load_journal(ctx), today))
        finally:
            ctx.close()
    print(f"{'read everything (baseline)':<34} {read_ms:8.1f} ms")
    print(f"{'read the points (lean)':<34} {lean_ms:8.1f} ms")
    print(f"{'compute every insight':<34} {compute_ms:8.1f} ms")
    print(f"{'kindvoice insights (lean, gather)':<34} {gather_ms:8.1f} ms")
    print(f"{'before (read everything, compute)':<34} {old_ms:8.1f} ms")
    print(f"full read / lean read: {read_ms / lean_ms:.2f}x")
    print(f"compute / lean read: {compute_ms / lean_ms:.2f}x")
    print(f"same insights from both reads: {'yes' if same else 'NO'}")
    print(
        f"found: {found.critic.n} entries judged, {len(found.setbacks.setbacks)} setbacks "
        f"({found.setbacks.recovered} recovered), {found.helps.n} sessions"
    )
    verdict = "PASS" if compute_ms <= TARGET_MS else "MISS"
    print(f"target: computing all insights <= {TARGET_MS:g} ms: {verdict} ({compute_ms:.1f} ms)")


if __name__ == "__main__":
    main()
