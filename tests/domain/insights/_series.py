"""Hand-made journal, check-in and mood series for the insight metric tests."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from kindvoice.domain.insights.inputs import CheckInPoint, EntryPoint

ZONE = timezone(timedelta(hours=1))
TODAY = date(2026, 3, 25)  # a Wednesday; its ISO week starts on Monday 23 March
SERIES_START = date(2026, 3, 1)


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=ZONE)


def entry(day: date, critical: bool | None, *traps: str) -> EntryPoint:
    return EntryPoint(at=at(day), self_critical=critical, traps=traps)


def checkin(day: date, mood: int, hour: int = 9) -> CheckInPoint:
    return CheckInPoint(at=at(day, hour), mood=mood, stress=5, critic=5)


def mood_series(start: date, moods: dict[int, int | tuple[int, ...]]) -> list[CheckInPoint]:
    """Check-ins from {day offset: mood, or several moods that day}."""
    points = []
    for offset, value in moods.items():
        for hour, mood in enumerate(value if isinstance(value, tuple) else (value,), start=8):
            points.append(checkin(start + timedelta(days=offset), mood, hour))
    return points
