"""Reminders: an iCalendar file any calendar app can import, and desktop notifications.

The calendar file holds one event that repeats (every day, or on chosen days of
the week) with an alert at its start. Its time is wall-clock time in the
person's time zone: with the zone's name (``TZID`` and a ``VTIMEZONE``) when we
know it, or as floating local time, which calendar apps read in their own zone.
Either way a reminder at 08:30 stays at 08:30 local time when the clocks change.

A notification goes through ``notify-send`` (libnotify) when this computer has
it; people can run ``kindvoice remind --notify`` from cron or a systemd timer.

icalendar is imported inside the functions that build or read calendars, so
importing this module stays light.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kindvoice.core.errors import ConfigError, KindvoiceError
from kindvoice.domain.reminders import WEEK, ical_days
from kindvoice.services.files import os_reason, write_atomically

if TYPE_CHECKING:
    from icalendar import Alarm

PRODID = "-//kindvoice//reminders//EN"
ZONE_ENV = "KINDVOICE_TZ"
EVENT_MINUTES = 10
# How far ahead the time zone's rules are written into the file (calendar apps
# that know the zone by name, as most do, never need them).
ZONE_RULE_YEARS = 30
NOTIFY_TIMEOUT_S = 15
MAX_REASON = 200
# Containers and virtual machines often run on UTC whatever the person's zone.
# A reminder pinned to UTC would drift by an hour twice a year where the person
# lives, so a system set to UTC counts as "zone unknown" (floating time follows
# the calendar app's zone instead). KINDVOICE_TZ=UTC still means UTC.
_UTC_NAMES = frozenset({"UTC", "UCT", "GMT", "GMT0", "Greenwich", "Universal", "Zulu"})


def reminder_uid(at: time, days: tuple[int, ...]) -> str:
    """A UID that is the same for the same reminder, so importing it twice doesn't double it."""
    when = "daily" if set(days) >= set(WEEK) else "-".join(ical_days(days)).lower()
    return f"reminder-{at:%H%M}-{when}@kindvoice"


def local_zone_name(
    environ: Mapping[str, str],
    localtime: Path = Path("/etc/localtime"),
    timezone_file: Path = Path("/etc/timezone"),
) -> str | None:
    """The person's time zone as an IANA name (``Europe/Berlin``), or None when unknown.

    ``KINDVOICE_TZ`` wins (``bad_time_zone`` when it names no zone); then ``TZ``
    when it holds a zone name; then where ``/etc/localtime`` points, then
    ``/etc/timezone``. A system zone of UTC counts as unknown (see ``_UTC_NAMES``).
    """
    chosen = environ.get(ZONE_ENV, "").strip()
    if chosen:
        if not _is_zone(chosen):
            raise ConfigError("bad_time_zone", value=chosen)
        return chosen
    for found in (
        environ.get("TZ", "").strip().removeprefix(":"),
        _zone_from_link(localtime),
        _read_small(timezone_file),
    ):
        if found and _is_zone(found):
            return None if _is_utc(found) else found
    return None


def next_start(at: time, days: tuple[int, ...], now: datetime, zone: ZoneInfo | None) -> datetime:
    """The first time at ``at`` on one of ``days``, from ``now`` on, as a wall-clock datetime.

    With a zone, ``now`` is taken in that zone and the result carries it; a time that
    doesn't exist that day (inside a spring-forward gap) moves to the next allowed day.
    Without one, ``now`` is taken in its own offset and the result is naive (floating).
    """
    if not days:
        raise ValueError("a reminder needs at least one day")
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    local = now.astimezone(zone) if zone is not None else now
    wall = local.replace(tzinfo=None)
    today = wall.date()
    for offset in range(15):  # two weeks holds every day, with room for a skipped gap
        day = today + timedelta(days=offset)
        candidate = datetime.combine(day, at)
        if day.weekday() not in days or candidate <= wall:
            continue
        if zone is None:
            return candidate
        if _exists(candidate, zone):
            return candidate.replace(tzinfo=zone)
    raise ValueError("no start found in two weeks")  # unreachable with a non-empty day list


def build_calendar(
    at: time,
    days: tuple[int, ...],
    tz_name: str | None,
    summary: str,
    description: str,
    alarm_text: str,
    uid: str,
    now: datetime,
) -> bytes:
    """The iCalendar file (RFC 5545) for a reminder at ``at`` on ``days`` (0 is Monday).

    One VEVENT, ten minutes long and marked free (``TRANSP:TRANSPARENT``), starting at
    the next such time from ``now``, repeating ``FREQ=DAILY`` for the whole week or
    ``FREQ=WEEKLY;BYDAY=…`` otherwise, with a display alarm at its start. With
    ``tz_name`` the start carries a ``TZID`` and the file its ``VTIMEZONE``; without
    it the start is floating local time. Raises ``bad_time_zone`` for an unknown name.
    """
    from icalendar import Alarm, Calendar, Event, Timezone

    zone = _zone(tz_name)
    start = next_start(at, days, now, zone)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if zone is not None and tz_name is not None:
        first = start.date()
        last = date(first.year + ZONE_RULE_YEARS, 1, 1)
        calendar.add_component(Timezone.from_tzid(tz_name, first_date=first, last_date=last))
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", now.astimezone(UTC))
    event.add("dtstart", start)
    event.add("duration", timedelta(minutes=EVENT_MINUTES))
    event.add("rrule", _rule(days))
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")
    event.add_component(_alarm_at_start(Alarm(), alarm_text))
    calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data


def write_calendar(
    path: Path, data: bytes, *, force: bool = False, make_folder: bool = False
) -> None:
    """Write ``data`` to ``path`` atomically, readable by this user only (0600).

    Refuses ``reminder_is_folder``, ``reminder_no_folder`` (unless ``make_folder``,
    which creates it 0700), ``reminder_exists`` (unless ``force``); a write that
    fails raises ``reminder_write_failed`` and leaves what was there untouched.
    """
    if path.is_dir():
        raise KindvoiceError("reminder_is_folder", path=str(path))
    folder = path.parent
    if make_folder and not folder.exists():
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:
            raise KindvoiceError(
                "reminder_write_failed", path=str(path), reason=os_reason(exc)
            ) from exc
    if not folder.is_dir():
        raise KindvoiceError("reminder_no_folder", path=str(folder))
    if (path.exists() or path.is_symlink()) and not force:
        raise KindvoiceError("reminder_exists", path=str(path))
    write_atomically(path, data, error_code="reminder_write_failed")


def notify(title: str, body: str) -> bool:
    """Show a desktop notification with ``notify-send``; False when this computer has none.

    Raises ``notify_failed`` when notify-send is there but couldn't show it (no desktop
    session to talk to, say), with the first line of what it said as the reason.
    """
    program = shutil.which("notify-send")
    if program is None:
        return False
    try:
        result = subprocess.run(
            [program, "--app-name=kindvoice", title, body],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=NOTIFY_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise KindvoiceError("notify_failed", reason=f"no answer in {NOTIFY_TIMEOUT_S} s") from exc
    except OSError as exc:
        raise KindvoiceError("notify_failed", reason=os_reason(exc)) from exc
    if result.returncode != 0:
        said = (result.stderr or result.stdout).strip().splitlines()
        reason = said[0][:MAX_REASON] if said else f"exit status {result.returncode}"
        raise KindvoiceError("notify_failed", reason=reason)
    return True


def _rule(days: tuple[int, ...]) -> dict[str, object]:
    if set(days) >= set(WEEK):
        return {"FREQ": "DAILY"}
    return {"FREQ": "WEEKLY", "BYDAY": ical_days(days)}


def _alarm_at_start(alarm: Alarm, text: str) -> Alarm:
    """A display alarm at the event's start, written ``TRIGGER:PT0M``."""
    from icalendar.prop import vDuration

    class AtStart(vDuration):  # icalendar writes a zero duration as P0D; PT0M reads better
        def to_ical(self) -> bytes:
            return b"PT0M"

    alarm.add("action", "DISPLAY")
    alarm.add("description", text)
    alarm.add("trigger", AtStart(timedelta(0)))
    return alarm


def _zone(name: str | None) -> ZoneInfo | None:
    if name is None:
        return None
    if not _is_zone(name):
        raise ConfigError("bad_time_zone", value=name)
    return ZoneInfo(name)


def _is_zone(name: str) -> bool:
    # Only IANA names: ZoneInfo also opens absolute paths and relative ones with "..".
    if not name or name.startswith(("/", ".")) or ".." in name or "\\" in name:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def _is_utc(name: str) -> bool:
    return name.startswith("Etc/") or name in _UTC_NAMES


def _exists(wall: datetime, zone: ZoneInfo) -> bool:
    """Whether the naive ``wall`` time happens in ``zone`` (not skipped by a clock change)."""
    there = wall.replace(tzinfo=zone)
    return there.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == wall


def _zone_from_link(localtime: Path) -> str | None:
    try:
        target = str(localtime.resolve(strict=True))
    except (OSError, RuntimeError):
        return None
    marker = "zoneinfo/"
    if marker not in target:
        return None
    return target.rsplit(marker, 1)[1] or None


def _read_small(path: Path) -> str | None:
    try:
        with path.open(encoding="utf-8") as handle:
            text = handle.read(256)
    except (OSError, UnicodeDecodeError):
        return None
    lines = text.strip().splitlines()
    return lines[0].strip() if lines else None
