"""The points the insight metrics work on, built by the services from stored records.

Each point holds only what the metrics need, so the metrics never depend on how
records are stored. Every ``at`` is time-zone-aware and kept in the offset where
it happened: a point's calendar day is ``at.date()``, the date where it happened.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class CheckInPoint:
    """One check-in: mood, stress and the critic's loudness (0–10), self-kindness if asked.

    Stress and the critic are None for a check-in brought in from an app that keeps a
    mood only (Daylio); no metric counts a missing rating as a number.
    """

    at: datetime
    mood: int
    stress: int | None
    critic: int | None
    kindness: int | None = None


@dataclass(frozen=True)
class EntryPoint:
    """One journal entry: the engine's verdict and the traps it showed.

    ``self_critical`` is None when the entry has no verdict (not analysed yet).
    ``traps`` are the traps the engine judged present, or the person confirmed or added.
    """

    at: datetime
    self_critical: bool | None
    traps: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReframePoint:
    """One saved reframe: belief in the original thought before and after (0–100), if said."""

    at: datetime
    belief_before: int | None
    belief_after: int | None


@dataclass(frozen=True)
class SessionPoint:
    """One practice session: which practice and kind, how long, and the ratings (0–10) if said.

    ``kind`` is ``breathing``, ``guided`` or ``writing``; ``seconds`` is the time it
    actually lasted.
    """

    at: datetime
    practice: str
    kind: str
    completed: bool
    seconds: float
    stress_before: int | None
    stress_after: int | None
    kindness_before: int | None
    kindness_after: int | None
