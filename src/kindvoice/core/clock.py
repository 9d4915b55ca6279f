"""Time as a dependency, so tests can freeze it."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
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


class ZonedClock:
    """Another clock's time, told in one time zone (a hosted person's own, say)."""

    def __init__(self, base: Clock, zone: tzinfo) -> None:
        self._base = base
        self.zone = zone

    def now(self) -> datetime:
        return self._base.now().astimezone(self.zone)


def find_zone(name: str | None) -> tzinfo | None:
    """The IANA time zone called ``name`` (``Europe/Berlin``), or None when there's no such
    zone on this computer."""
    if not name or len(name) > 64 or name.startswith(("/", ".")) or ".." in name:
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None
