"""Figures for `bench/web_load.py`: percentiles, PASS/MISS, and the samples of one run."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

# --- figures ---------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100), linear between closest ranks."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    if len(ordered) == 1:
        return ordered[0]
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def shown(values: Sequence[float], q: float) -> str:
    """A percentile for a table cell; a dash when nothing was measured."""
    return f"{percentile(values, q):.1f}" if values else "-"


def verdict(ok: bool) -> str:
    return "PASS" if ok else "MISS"


@dataclass(frozen=True)
class Sample:
    """One request (or one step that couldn't be sent): when it started, how long, what went
    wrong (None when it went well)."""

    step: str
    start: float
    ms: float
    error: str | None
    sent: bool = True


@dataclass
class Window:
    """The samples of one measured stretch of time."""

    seconds: float
    samples: list[Sample] = field(default_factory=list)

    def of(self, step: str | None) -> list[Sample]:
        return [s for s in self.samples if step is None or s.step == step]

    def rate(self, step: str | None = None) -> float:
        return sum(1 for s in self.of(step) if s.sent) / self.seconds

    def latencies(self, step: str | None = None) -> list[float]:
        return [s.ms for s in self.of(step) if s.sent]

    def errors(self, step: str | None = None) -> int:
        return sum(1 for s in self.of(step) if s.error is not None)

    def error_kinds(self) -> Counter[tuple[str, str]]:
        return Counter((s.step, s.error) for s in self.samples if s.error is not None)


@dataclass
class TargetResult:
    name: str
    paced_p95: float = float("nan")
    paced_errors: int = 0
    flow_best: float = 0.0
    ping_best: float = 0.0
    rss_mb: list[float] = field(default_factory=list)
