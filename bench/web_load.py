"""The web app under load: simulated people doing their daily flow, beside a trivial endpoint.

Run it with the interpreter kindvoice is installed in, from the repository root:

    .venv/bin/python bench/web_load.py [--users 100] [--seconds 60] [--pause 1.0]
    .venv/bin/python bench/web_load.py --quick          # a short smoke run: 10 users, 10 s

Two targets, one after the other, each a real server started here as a subprocess
(``python -m kindvoice serve`` on a free loopback port, ``KINDVOICE_HOME`` in a temp dir):

- local mode: ``kindvoice serve`` on SQLite. Local mode has one person and no accounts, so
  all simulated users share that person's data (each with its own cookies and CSRF token);
- hosted mode: ``kindvoice serve --hosted --workers 2 --insecure-cookies`` on a throwaway
  PostgreSQL cluster (initdb + pg_ctl in a temp dir, run as the postgres user when this runs
  as root, like ``.ci/run``; default durability settings). Each simulated user registers its
  own account first (not timed). Skipped, with the reason, when PostgreSQL isn't installed.

The load comes from this process: asyncio + httpx, each simulated user a client with its own
cookie jar that sends the CSRF header (the ``kv_csrf`` cookie's value) on every POST. The
daily flow, one request per step, with ``--pause`` seconds between steps: check-in; analyze a
self-critical thought; save it as a journal entry; save a reframe of that entry; log a
breathing session; the Today and Insights API; the Today and Insights pages. What is measured:

1. a paced run: N users (``--users``) for ``--seconds``, after an unmeasured warm-up (users
   start spread over one pass of the flow; every worker's first analyze loads the NLP model,
   which the warm-up also triggers on purpose). Only requests *started* inside the window
   count. Requests/s, p50/p95/p99 latency (time.perf_counter around each request) and errors
   (a status >= 400 or an exception), per step and overall; then ``GET /api/v1/ping`` (a
   trivial FastAPI endpoint) paced the same way, as the baseline, and the p95 ratio.
   Targets: p95 <= 50 ms over all steps, 0 errors;
2. a saturation run without pauses: closed-loop clients at each concurrency of ``--levels``
   (the flow, then ping, for ``--stage-seconds`` each after 1 s unmeasured). It reports the
   highest sustained throughput of the flow beside the highest of ping, and their ratio;
3. each server worker's resident memory at the end (VmRSS and peak VmHWM from
   /proc/<pid>/status; the workers are the serve process in local mode, its children in
   hosted mode), and whether the NLP runtime is mapped in it. Target: <= 400 MB each.

The load generator shares the machine's CPUs with the servers, so on a small machine the
figures are a floor, not what the server could do alone; ping is measured the same way, which
keeps the ratio fair. ``--steps`` runs part of the flow (e.g. while routes are being built).
This is a benchmark, not a test: it reports figures and PASS/MISS, and exits 0 unless no
target could be measured at all.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import importlib
import importlib.util
import os
import platform
import random
import secrets
import signal
import ssl
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web_servers import (
    Postgres,
    Server,
    find_postgres,
    nlp_mapped,
    status_mb,
    worker_pids,
)
from web_stats import Sample, TargetResult, Window, percentile, shown, verdict

P95_TARGET_MS = 50.0
RSS_TARGET_MB = 400.0
API = "/api/v1"
THOUGHT = "I always mess this up, I'm such a failure"
SITUATION = "missed a deadline"
HOSTED_WORKERS = 2
REQUEST_TIMEOUT_S = 30.0
STAGE_WARMUP_S = 1.0


@dataclass(frozen=True)
class Step:
    """One request of the daily flow. ``{entry}`` in the path is the user's last entry id."""

    name: str
    method: str
    path: str
    body: dict[str, Any] | None = None


FLOW: tuple[Step, ...] = (
    Step("checkin", "POST", f"{API}/checkins", {"mood": 6, "stress": 4, "critic": 5}),
    Step("analyze", "POST", f"{API}/analyze", {"thought": THOUGHT, "situation": SITUATION}),
    Step(
        "entry",
        "POST",
        f"{API}/entries",
        {
            "situation": SITUATION,
            "thought": THOUGHT,
            "feelings": [{"name": "anxious", "intensity": 60}],
            "tags": ["work"],
        },
    ),
    Step(
        "reframe",
        "POST",
        f"{API}/entries/{{entry}}/reframes",
        {
            "text": "Everyone slips sometimes; I can learn from this.",
            "belief_before": 80,
            "belief_after": 40,
        },
    ),
    Step(
        "breath",
        "POST",
        f"{API}/sessions",
        {
            "practice": "box",
            "kind": "breathing",
            "pattern": "4-4-4-4",
            "planned_s": 60,
            "actual_s": 60,
            "completed": True,
        },
    ),
    Step("today", "GET", f"{API}/today"),
    Step("insights", "GET", f"{API}/insights"),
    Step("page-today", "GET", "/"),
    Step("page-insights", "GET", "/insights"),
)
PING = Step("ping", "GET", f"{API}/ping")
STEP_NAMES = tuple(step.name for step in FLOW)
NOT_SENT = "not sent: no entry id (the entry step failed)"
NO_ROUTE = "HTTP 404 (no such route)"


# --- the simulated people --------------------------------------------------------------


class User:
    """One simulated person's browser: a client with its own cookies and CSRF token."""

    def __init__(self, client: httpx.AsyncClient, csrf: str) -> None:
        self.client = client
        self.csrf = csrf
        self.entry_id: int | None = None

    def twin(self) -> User:
        """Another tab of the same browser (same cookies), with its own place in the flow."""
        return User(self.client, self.csrf)

    async def do(self, step: Step, samples: list[Sample]) -> None:
        path = step.path
        if "{entry}" in path:
            if self.entry_id is None:
                samples.append(Sample(step.name, time.perf_counter(), 0.0, NOT_SENT, False))
                return
            path = path.format(entry=self.entry_id)
        headers = {"X-CSRF-Token": self.csrf} if step.method != "GET" else None
        start = time.perf_counter()
        error: str | None = None
        try:
            response = await self.client.request(step.method, path, json=step.body, headers=headers)
            ms = (time.perf_counter() - start) * 1000
            if response.status_code >= 400:
                error = _describe_failure(response, fixed_path=path == step.path)
            elif step.name == "entry":
                self.entry_id = _entry_id(response)
        except httpx.HTTPError as exc:
            ms = (time.perf_counter() - start) * 1000
            error = type(exc).__name__
        samples.append(Sample(step.name, start, ms, error))


def _describe_failure(response: httpx.Response, fixed_path: bool) -> str:
    """The status and the API's error code; a 404 on a fixed path (or the API's own
    ``http_404``, which only unknown routes get) means the route isn't there."""
    code = ""
    with contextlib.suppress(ValueError, AttributeError, TypeError, KeyError):
        code = str(response.json()["error"]["code"])
    if response.status_code == 404 and (fixed_path or code == "http_404"):
        return NO_ROUTE
    return f"HTTP {response.status_code}" + (f" {code}" if code else "")


def _entry_id(response: httpx.Response) -> int | None:
    with contextlib.suppress(ValueError, KeyError, TypeError):
        found = response.json()["id"]
        return int(found) if found is not None else None
    return None


async def walk(
    user: User,
    steps: Sequence[Step],
    pause: float,
    delay: float,
    stop_at: float,
    samples: list[Sample],
) -> None:
    """Repeat the flow (pausing between steps) until ``stop_at``; no request starts after."""
    await asyncio.sleep(delay)
    while True:
        for step in steps:
            if time.perf_counter() >= stop_at:
                return
            await user.do(step, samples)
            if pause > 0:
                await asyncio.sleep(pause)


async def measure(
    users: Sequence[User],
    steps: Sequence[Step],
    pause: float,
    warmup: float,
    seconds: float,
    spread: float,
) -> Window:
    """Run every user for ``warmup + seconds``; keep the requests started inside the window."""
    samples: list[Sample] = []
    begin = time.perf_counter() + warmup
    end = begin + seconds
    await asyncio.gather(
        *(walk(u, steps, pause, random.uniform(0, spread), end, samples) for u in users)
    )
    return Window(seconds, [s for s in samples if begin <= s.start < end])


async def open_user(
    stack: contextlib.AsyncExitStack, base_url: str, ssl_context: ssl.SSLContext
) -> User:
    """A browser of its own (own connections too: one pool shared by many clients gets slow
    in httpx as it grows, which would measure the load generator, not the server)."""
    client = await stack.enter_async_context(
        httpx.AsyncClient(
            base_url=base_url, timeout=REQUEST_TIMEOUT_S, trust_env=False, verify=ssl_context
        )
    )
    response = await client.get(f"{API}/csrf")
    response.raise_for_status()
    return User(client, str(response.json()["csrf_token"]))


async def register(user: User, number: int, run_id: str, gate: asyncio.Semaphore) -> None:
    """A hosted account of this user's own; signs in with the cookie (or the bearer token)."""
    body = {"login": f"bench-{run_id}-{number}", "password": secrets.token_urlsafe(18)}
    async with gate:
        response = await user.client.post(
            f"{API}/account", json=body, headers={"X-CSRF-Token": user.csrf}
        )
    if response.status_code != 201:
        raise RuntimeError(
            f"registering user {number}: HTTP {response.status_code} {response.text}"
        )
    if "kv_session" not in user.client.cookies:
        user.client.headers["Authorization"] = f"Bearer {response.json()['token']}"


# --- servers ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    users: int
    seconds: float
    pause: float
    warmup: float
    baseline_seconds: float
    levels: tuple[int, ...]
    stage_seconds: float
    steps: tuple[Step, ...]


def print_window_table(window: Window, steps: Sequence[Step], ping: Window) -> None:
    print(
        f"  {'step':<16}{'requests':>9}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
        f"{'errors':>8}"
    )

    def row(label: str, w: Window, step: str | None) -> None:
        ms = w.latencies(step)
        print(
            f"  {label:<16}{len(ms):>9}{w.rate(step):>9.1f}{shown(ms, 50):>9}"
            f"{shown(ms, 95):>9}{shown(ms, 99):>9}{w.errors(step):>8}"
        )

    for step in steps:
        row(step.name, window, step.name)
    row("ALL STEPS", window, None)
    row("ping (baseline)", ping, None)


def print_error_kinds(window: Window) -> None:
    for (step, reason), number in sorted(window.error_kinds().items()):
        print(f"    {step}: {reason} x{number}")


async def prime(users: Sequence[User], steps: Sequence[Step], workers: int) -> None:
    """Load the NLP model in every worker before anything is timed (several concurrent
    analyses, so that each worker gets some), and say which routes answered 404."""
    analyze = [s for s in steps if s.name == "analyze"]
    if analyze:
        samples: list[Sample] = []
        start = time.perf_counter()
        tabs = [users[i % len(users)].twin() for i in range(4 * workers)]
        await asyncio.gather(*(tab.do(analyze[0], samples) for tab in tabs))
        slowest = max(s.ms for s in samples)
        print(
            f"  warm-up: {len(tabs)} concurrent analyses (loads the NLP model in each worker):"
            f" slowest {slowest:.0f} ms, all done in {time.perf_counter() - start:.1f} s"
        )
    probe: list[Sample] = []
    tab = users[0].twin()
    for step in steps:
        await tab.do(step, probe)
    missing = sorted({s.step for s in probe if s.error == NO_ROUTE})
    failing = sorted({f"{s.step} ({s.error})" for s in probe if s.error and s.step not in missing})
    if missing:
        print(f"  note: no such route yet for: {', '.join(missing)} (they count as errors)")
    if failing:
        print(f"  note: failing on a first try: {', '.join(failing)}")


async def paced_run(users: Sequence[User], plan: Plan, result: TargetResult) -> None:
    spread = plan.pause * len(plan.steps)
    warmup = plan.warmup if plan.warmup >= 0 else spread + 2.0
    print(
        f"\n  paced run: {plan.users} users, {plan.pause:g} s between steps, "
        f"{plan.seconds:g} s measured after {warmup:g} s of warm-up "
        f"(starts spread over {spread:g} s)"
    )
    window = await measure(users, plan.steps, plan.pause, warmup, plan.seconds, spread)
    ping = await measure(
        users, (PING,), plan.pause, plan.pause + 1.0, plan.baseline_seconds, plan.pause
    )
    print_window_table(window, plan.steps, ping)
    p95 = percentile(window.latencies(), 95)
    ping_p95 = percentile(ping.latencies(), 95)
    result.paced_p95, result.paced_errors = p95, window.errors()
    print(
        f"  p95 over all steps {p95:.1f} ms, ping {ping_p95:.1f} ms "
        f"({p95 / ping_p95:.1f}x the trivial endpoint)"
    )
    print(
        f"  target p95 <= {P95_TARGET_MS:g} ms: {verdict(p95 <= P95_TARGET_MS)}; "
        f"target 0 errors: {window.errors()} {verdict(window.errors() == 0)}"
    )
    print_error_kinds(window)


async def timed_stage(
    tabs: Sequence[User], steps: Sequence[Step], seconds: float
) -> tuple[Window, float]:
    """One closed-loop stage, and the CPU cores this load generator used meanwhile."""
    cpu, wall = time.process_time(), time.perf_counter()
    window = await measure(tabs, steps, 0, STAGE_WARMUP_S, seconds, 0)
    return window, (time.process_time() - cpu) / (time.perf_counter() - wall)


async def saturation_run(users: Sequence[User], plan: Plan, result: TargetResult) -> None:
    print(
        f"\n  saturation run, no pauses: closed-loop clients, {plan.stage_seconds:g} s per "
        f"stage after {STAGE_WARMUP_S:g} s unmeasured (gen cpu: cores this load generator used)"
    )
    print(
        f"  {'clients':>8}{'flow req/s':>12}{'p95 ms':>9}{'errors':>8}{'gen cpu':>9}"
        f"{'ping req/s':>12}{'p95 ms':>9}{'gen cpu':>9}{'flow/ping':>11}"
    )
    best_at = best_errors = 0
    for level in plan.levels:
        tabs = [users[i % len(users)].twin() for i in range(level)]
        flow, flow_cpu = await timed_stage(tabs, plan.steps, plan.stage_seconds)
        base, base_cpu = await timed_stage(tabs, (PING,), plan.stage_seconds)
        print(
            f"  {level:>8}{flow.rate():>12.1f}{percentile(flow.latencies(), 95):>9.1f}"
            f"{flow.errors():>8}{flow_cpu:>9.2f}{base.rate():>12.1f}"
            f"{percentile(base.latencies(), 95):>9.1f}{base_cpu:>9.2f}"
            f"{flow.rate() / max(base.rate(), 1e-9):>10.2f}x"
        )
        if flow.rate() > result.flow_best:
            result.flow_best, best_at, best_errors = flow.rate(), level, flow.errors()
        result.ping_best = max(result.ping_best, base.rate())
        print_error_kinds(flow)
    print(
        f"  highest sustained: daily flow {result.flow_best:.1f} req/s "
        f"({result.flow_best / len(plan.steps):.1f} full flows/s, at {best_at} clients), "
        f"ping {result.ping_best:.1f} req/s; "
        f"ratio {result.flow_best / max(result.ping_best, 1e-9):.2f}"
    )
    if best_errors:
        print(f"  (that stage had {best_errors} errors: failing requests are often cheap, so the")
        print("  figure flatters the flow)")


def report_memory(server: Server, plan: Plan, result: TargetResult) -> None:
    print("\n  worker memory at the end (from /proc/<pid>/status)")
    print(f"  {'pid':>8}{'VmRSS MB':>10}{'VmHWM MB':>10}  {'NLP runtime mapped':<20}result")
    for pid in worker_pids(server):
        rss = status_mb(pid, "VmRSS")
        result.rss_mb.append(rss)
        print(
            f"  {pid:>8}{rss:>10.0f}{status_mb(pid, 'VmHWM'):>10.0f}  {nlp_mapped(pid):<20}"
            f"{verdict(rss <= RSS_TARGET_MB)} (target <= {RSS_TARGET_MB:g} MB, on VmRSS)"
        )
    if not any(step.name == "analyze" for step in plan.steps):
        print("  analyze wasn't in the flow, so no worker loaded the NLP model: these figures")
        print("  are below what the target is about")
    elif server.hosted:
        print(
            f"  with {HOSTED_WORKERS} workers and this many analyses, every worker has almost "
            "surely run one; 'NLP runtime mapped' shows whether onnxruntime is loaded in it"
        )
    if server.hosted:
        print(
            "  (VmHWM, the peak, includes signing up: each argon2 hash holds 64 MiB for a moment)"
        )


async def bench_target(server: Server, plan: Plan, result: TargetResult) -> None:
    workers = HOSTED_WORKERS if server.hosted else 1
    accounts = max(plan.users, *plan.levels)
    ssl_context = ssl.create_default_context()  # made once: plain http, but httpx wants one
    async with contextlib.AsyncExitStack() as stack:
        users = list(
            await asyncio.gather(
                *(open_user(stack, server.base_url, ssl_context) for _ in range(accounts))
            )
        )
        if server.hosted:
            started = time.perf_counter()
            run_id = secrets.token_hex(3)
            gate = asyncio.Semaphore(4)
            await asyncio.gather(*(register(u, i, run_id, gate) for i, u in enumerate(users)))
            print(
                f"  {accounts} accounts registered, one per simulated user "
                f"(not timed; took {time.perf_counter() - started:.1f} s)"
            )
        else:
            print(
                f"  local mode has one person: all simulated users share that person's data "
                f"({accounts} browser{'s' if accounts != 1 else ''}, each with its own cookies)"
            )
        await prime(users, plan.steps, workers)
        await paced_run(users[: plan.users], plan, result)
        await saturation_run(users, plan, result)
    report_memory(server, plan, result)


def run_target(name: str, plan: Plan, tmp: Path) -> TargetResult | None:
    result = TargetResult(name)
    with contextlib.ExitStack() as stack:
        if name == "local":
            server = Server("kindvoice serve (local, SQLite)", (), tmp / "local", None)
        else:
            bin_dir, why = find_postgres()
            if bin_dir is None:
                print(f"\n== hosted mode: skipped: PostgreSQL isn't available ({why}) ==")
                return None
            cluster = Postgres(bin_dir)
            stack.callback(cluster.stop)
            url = cluster.start()
            extra = ("--hosted", "--workers", str(HOSTED_WORKERS), "--insecure-cookies")
            label = f"kindvoice serve --hosted --workers {HOSTED_WORKERS} (PostgreSQL)"
            server = Server(label, extra, tmp / "hosted", url)
        stack.callback(server.stop)
        server.start()
        assert server.process is not None
        print(f"\n== {server.label}: {server.base_url}, pid {server.process.pid} ==")
        if name == "hosted":
            print(f"  PostgreSQL from {bin_dir}, throwaway cluster, default durability")
        asyncio.run(bench_target(server, plan, result))
    return result


def print_summary(results: Iterable[TargetResult]) -> None:
    done = list(results)
    print("\n== summary ==")
    print(f"  {'':<36}" + "".join(f"{r.name:>18}" for r in done))

    def row(label: str, cells: Iterable[str]) -> None:
        print(f"  {label:<36}" + "".join(f"{c:>18}" for c in cells))

    row(
        f"paced p95 ms (<= {P95_TARGET_MS:g})",
        (f"{r.paced_p95:.1f} {verdict(r.paced_p95 <= P95_TARGET_MS)}" for r in done),
    )
    row("paced errors (0)", (f"{r.paced_errors} {verdict(r.paced_errors == 0)}" for r in done))
    row("saturation: flow req/s", (f"{r.flow_best:.1f}" for r in done))
    row("saturation: ping req/s (baseline)", (f"{r.ping_best:.1f}" for r in done))
    row("flow / ping", (f"{r.flow_best / max(r.ping_best, 1e-9):.2f}" for r in done))
    row(
        f"largest worker RSS MB (<= {RSS_TARGET_MB:g})",
        (
            f"{max(r.rss_mb, default=float('nan')):.0f} "
            f"{verdict(max(r.rss_mb, default=0.0) <= RSS_TARGET_MB)}"
            for r in done
        ),
    )


def parse_args(argv: Sequence[str] | None = None) -> tuple[argparse.Namespace, Plan]:
    parser = argparse.ArgumentParser(description="The web app's daily flow under load.")
    parser.add_argument("--users", type=int, help="simulated users in the paced run (100)")
    parser.add_argument("--seconds", type=float, help="measured seconds of the paced run (60)")
    parser.add_argument("--pause", type=float, default=1.0, help="seconds between steps (1)")
    parser.add_argument(
        "--warmup",
        type=float,
        default=-1.0,
        help="unmeasured seconds before the paced run (default: one pass of the flow + 2 s)",
    )
    parser.add_argument("--baseline-seconds", type=float, help="paced ping run, seconds (15)")
    parser.add_argument("--levels", help="saturation concurrencies, comma-separated (8,16,32,64)")
    parser.add_argument("--stage-seconds", type=float, help="seconds per saturation stage (5)")
    parser.add_argument(
        "--steps",
        default=",".join(STEP_NAMES),
        help="the flow's steps to run, comma-separated, in order (default: all)",
    )
    parser.add_argument("--targets", default="local,hosted", help="local, hosted or both")
    parser.add_argument("--quick", action="store_true", help="a short smoke run (10 users, 10 s)")
    args = parser.parse_args(argv)
    quick = args.quick
    names = [n.strip() for n in args.steps.split(",") if n.strip()]
    unknown = [n for n in names if n not in STEP_NAMES]
    if unknown or not names:
        parser.error(f"unknown steps {unknown}; choose from {', '.join(STEP_NAMES)}")
    levels_text = args.levels or ("8,32" if quick else "8,16,32,64")
    try:
        levels = tuple(int(n) for n in levels_text.split(",") if n.strip())
    except ValueError:
        parser.error("--levels takes whole numbers, e.g. 8,16,32")
    targets = [t.strip() for t in args.targets.split(",") if t.strip()]
    if not targets or any(t not in ("local", "hosted") for t in targets):
        parser.error("--targets takes local, hosted or local,hosted")
    args.targets = targets
    plan = Plan(
        users=max(1, args.users or (10 if quick else 100)),
        seconds=max(1.0, args.seconds or (10.0 if quick else 60.0)),
        pause=max(0.0, args.pause),
        warmup=args.warmup,
        baseline_seconds=max(1.0, args.baseline_seconds or (5.0 if quick else 15.0)),
        levels=tuple(max(1, n) for n in levels) or (8,),
        stage_seconds=max(1.0, args.stage_seconds or (3.0 if quick else 5.0)),
        steps=tuple(s for n in names for s in FLOW if s.name == n),
    )
    return args, plan


def _stop_on_term(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


def main(argv: Sequence[str] | None = None) -> int:
    args, plan = parse_args(argv)
    if importlib.util.find_spec("kindvoice") is None:
        print("kindvoice isn't installed in this interpreter; run it with .venv/bin/python")
        return 1
    signal.signal(signal.SIGTERM, _stop_on_term)
    print(
        f"python {platform.python_version()} on {platform.platform()}, {os.cpu_count()} CPUs "
        "(shared by the servers and this load generator)"
    )
    print(
        f"flow: {' -> '.join(s.name for s in plan.steps)}; saturation levels "
        f"{', '.join(map(str, plan.levels))}"
    )
    results: list[TargetResult] = []
    with tempfile.TemporaryDirectory(prefix="kindvoice-web-load-") as tmp:
        for name in args.targets:
            try:
                found = run_target(name, plan, Path(tmp))
            except (RuntimeError, httpx.HTTPError) as exc:
                print(f"\n== {name}: could not be measured: {type(exc).__name__}: {exc}")
                continue
            if found is not None:
                results.append(found)
    if results:
        print_summary(results)
    return 0 if results else 1


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        sys.exit(main())
    print("\nstopped; the servers were shut down")
