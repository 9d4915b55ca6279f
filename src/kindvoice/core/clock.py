"""Time as a dependency, so tests can freeze it."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """Something that tells the current time as an aware datetime."""

    def now(self) -> datetime: ...


class SystemClock:
    """The real clock, in the machine's local time zone."""

    def now(self) -> datetime:
        return datetime.now().astimezone()


class FrozenClock:
    """A clock that stands still until moved; used by tests."""

    def __init__(self, instant: datetime) -> None:
        if instant.tzinfo is None:
            raise ValueError("FrozenClock needs an aware datetime")
        self._instant = instant

    def now(self) -> datetime:
        return self._instant

    def advance(self, delta: timedelta) -> None:
        self._instant = self._instant + delta
