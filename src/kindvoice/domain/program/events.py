"""Program events: the checks for each thing that happened to the 8-week program.

A ``ProgramEvent`` (defined with the plan, in ``plan.py``) is one short fact:
the program was started, paused, resumed or restarted, its pace changed, a
practice swapped for another, something marked done or skipped, streaks
switched on or off. Which of ``item`` and ``value`` an event carries, and their
shape, depend on its kind:

=========  ============================  ===========================================
kind       item                          value
=========  ============================  ===========================================
start      none                          none
pause      none                          none
resume     none                          none
restart    none                          the week to start from, ``"1"`` to ``"99"``
pace       none                          ``"normal"`` or ``"slow"``
swap       none                          ``"from>to"``, two practice ids
done       one of ``MARKABLE``           none
skipped    one of ``MARKABLE``           none
streaks    none                          ``"on"`` or ``"off"``
=========  ============================  ===========================================

The same checks serve an event being recorded and one read from an export file;
every check appends a ``Problem`` instead of stopping at the first.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Literal, TypeGuard, cast

from kindvoice.core.errors import Problem, ValidationError
from kindvoice.domain.practice_runs import check_practice_id
from kindvoice.domain.reflection import check_choice
from kindvoice.domain.validation import read_moment, read_uid

EventKind = Literal[
    "start", "pause", "resume", "restart", "pace", "swap", "done", "skipped", "streaks"
]
EVENT_KINDS: tuple[EventKind, ...] = (
    "start",
    "pause",
    "resume",
    "restart",
    "pace",
    "swap",
    "done",
    "skipped",
    "streaks",
)
ItemKey = Literal["daily", "core", "reflect", "deeper"]
ITEM_KEYS: tuple[ItemKey, ...] = ("daily", "core", "reflect", "deeper")
# "day" marks the whole day (a rest day: skipped, so the habit score waits).
MARKABLE: tuple[str, ...] = (*ITEM_KEYS, "day")
PACES: dict[str, int] = {"normal": 1, "slow": 2}  # calendar days per program day


@dataclass(frozen=True)
class ProgramEvent:
    """One thing that happened to the program, on the person's calendar date ``on``.

    ``item`` and ``value`` depend on the kind: ``done``/``skipped`` name an item
    (or ``day``); ``restart`` has the week to start from as ``value``; ``pace``
    has ``normal`` or ``slow``; ``swap`` has ``from>to`` practice ids; ``streaks``
    has ``on`` or ``off``.
    """

    uid: str
    kind: EventKind
    on: date
    created_at: datetime
    item: str | None = None
    value: str | None = None


# The kinds that name an item of the day's plan (or the whole day).
WITH_ITEM: tuple[str, ...] = ("done", "skipped")
# The kinds that carry a value; every other kind carries none.
WITH_VALUE: tuple[str, ...] = ("restart", "pace", "swap", "streaks")
STREAKS: tuple[str, ...] = ("on", "off")
MAX_WEEK = 99
# A week number as written: no sign, no leading zero, no spaces, ASCII digits only.
WEEK = re.compile(r"[1-9][0-9]?")
SWAP_MARK = ">"
# No program day lies before this; one may lie a day after the moment it was noted
# (a person far east of where they were a moment ago, or planning tomorrow tonight).
EARLIEST_DAY = date(2000, 1, 1)
DAYS_AHEAD = timedelta(days=1)
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Stands in for a moment that couldn't be read; never stored, since reading it failed.
_UNREAD = datetime(2000, 1, 1, tzinfo=UTC)


# --- checks for one field ---------------------------------------------------------


def check_item(
    value: object, kind: str | None, location: str, problems: list[Problem]
) -> str | None:
    """What a ``done`` or ``skipped`` event marks: one of ``MARKABLE``; other kinds have none.

    ``kind`` is None when it couldn't be read; then only the type is checked.
    """
    if kind is None:
        if value is not None and not isinstance(value, str):
            problems.append(Problem(location, "not_text"))
        return None
    if kind in WITH_ITEM:
        return check_choice(value, MARKABLE, location, problems)
    if value is not None:
        problems.append(Problem(location, "item_not_for_kind", {"kind": kind}))
    return None


def check_value(
    value: object, kind: str | None, location: str, problems: list[Problem]
) -> str | None:
    """The value an event of ``kind`` carries, in its exact written form (see the module).

    ``kind`` is None when it couldn't be read; then only the type is checked.
    """
    if kind is None:
        if value is not None and not isinstance(value, str):
            problems.append(Problem(location, "not_text"))
        return None
    if kind not in WITH_VALUE:
        if value is not None:
            problems.append(Problem(location, "value_not_for_kind", {"kind": kind}))
        return None
    if value is None:
        problems.append(Problem(location, "missing"))
        return None
    if not isinstance(value, str):
        problems.append(Problem(location, "not_text"))
        return None
    before = len(problems)
    if kind == "restart":
        if not WEEK.fullmatch(value):
            problems.append(Problem(location, "not_a_week", {"value": value[:40], "top": MAX_WEEK}))
    elif kind == "pace":
        check_choice(value, tuple(PACES), location, problems)
    elif kind == "streaks":
        check_choice(value, STREAKS, location, problems)
    else:  # swap
        _check_swap(value, location, problems)
    return value if len(problems) == before else None


def _check_swap(value: str, location: str, problems: list[Problem]) -> None:
    """``from>to``: two practice ids, each checked like a practice run's."""
    parts = value.split(SWAP_MARK)
    if len(parts) != 2:
        problems.append(Problem(location, "not_a_swap", {"value": value[:40]}))
        return
    for part in parts:
        check_practice_id(part, location, problems)


def check_day(
    value: object, created_at: datetime | None, location: str, problems: list[Problem]
) -> date | None:
    """The person's calendar date an event applies to.

    From 2000-01-01 to the day after ``created_at``'s own date (in its own offset);
    the upper bound is skipped when ``created_at`` is None or unreadable.
    """
    if value is None:
        problems.append(Problem(location, "missing"))
        return None
    # A datetime is a date too, but a moment isn't a calendar day.
    if isinstance(value, datetime) or not isinstance(value, date):
        problems.append(Problem(location, "not_a_calendar_date"))
        return None
    before = len(problems)
    if value < EARLIEST_DAY:
        problems.append(Problem(location, "too_early", {"when": value.isoformat()}))
    if _is_aware(created_at) and value > created_at.date() + DAYS_AHEAD:
        params = {"when": value.isoformat(), "noted": created_at.date().isoformat()}
        problems.append(Problem(location, "day_too_late", params))
    return value if len(problems) == before else None


def read_day(value: object, location: str, problems: list[Problem]) -> date | None:
    """A calendar date written as ``YYYY-MM-DD`` (nothing else), or None with a problem noted."""
    if value is None:
        problems.append(Problem(location, "missing"))
        return None
    if not isinstance(value, str) or not _DAY.fullmatch(value):
        problems.append(Problem(location, "not_a_calendar_date"))
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        problems.append(Problem(location, "not_a_calendar_date"))
        return None


def _is_aware(value: object) -> TypeGuard[datetime]:
    """A moment that carries its time zone."""
    return isinstance(value, datetime) and value.utcoffset() is not None


# --- a whole event ----------------------------------------------------------------


def _check_parts(
    kind_value: object,
    item: object,
    value: object,
    locate: Mapping[str, str],
    problems: list[Problem],
) -> tuple[EventKind, str | None, str | None]:
    kind = check_choice(kind_value, EVENT_KINDS, locate["kind"], problems)
    return (
        cast(EventKind, kind or "start"),
        check_item(item, kind, locate["item"], problems),
        check_value(value, kind, locate["value"], problems),
    )


MAKE_LOCATIONS: dict[str, str] = {
    name: f"event.{name}" for name in ("uid", "kind", "on", "created_at", "item", "value")
}


def make_program_event(
    kind: str,
    on: date,
    created_at: datetime,
    *,
    item: str | None = None,
    value: str | None = None,
    uid: str | None = None,
) -> ProgramEvent:
    """Check an event about to be recorded; raises ValidationError with every problem.

    Problems are located as ``event.<parameter>`` (``event.value``, ``event.on``, ...).
    ``created_at`` must carry its time zone; ``on`` must lie from 2000-01-01 to the
    day after ``created_at``'s date. A new ``uid`` is made when none is given.
    """
    where = MAKE_LOCATIONS
    problems: list[Problem] = []
    event_uid = str(uuid.uuid4()) if uid is None else read_uid(uid, where["uid"], problems, set())
    if not isinstance(created_at, datetime):
        problems.append(Problem(where["created_at"], "not_a_date"))
    elif not _is_aware(created_at):
        problems.append(Problem(where["created_at"], "no_time_zone"))
    event_kind, event_item, event_value = _check_parts(kind, item, value, where, problems)
    check_day(on, created_at, where["on"], problems)
    if problems:
        raise ValidationError(problems)
    return ProgramEvent(
        uid=event_uid,
        kind=event_kind,
        on=on,
        created_at=created_at,
        item=event_item,
        value=event_value,
    )


# --- the export document ------------------------------------------------------------


def program_event_to_dict(event: ProgramEvent) -> dict[str, Any]:
    """An event as the export writes it (see docs/data-format.md)."""
    return {
        "id": event.uid,
        "kind": event.kind,
        "on": event.on.isoformat(),
        "item": event.item,
        "value": event.value,
        "created_at": event.created_at.isoformat(),
    }


def read_program_event(
    obj: Mapping[str, Any],
    location: str,
    problems: list[Problem],
    *,
    now: datetime,
    seen: set[str],
) -> ProgramEvent:
    """One exported event, every problem collected at ``<location>.<key>``.

    ``id``, ``kind``, ``on`` and ``created_at`` are required; ``item`` and ``value``
    may be missing or null where the kind carries none. Each id may appear once
    among ``seen`` (updated); ``created_at`` may not lie in the future of ``now``.
    The event returned is meaningful only when no problem was added.
    """

    def at(key: str) -> str:
        return f"{location}.{key}"

    uid = ""
    if "id" in obj:
        uid = read_uid(obj["id"], at("id"), problems, seen)
    else:
        problems.append(Problem(at("id"), "missing"))
    created_at = None
    if obj.get("created_at") is None:
        problems.append(Problem(at("created_at"), "missing"))
    else:
        created_at = read_moment(obj["created_at"], at("created_at"), problems, now=now)
    kind, item, value = _check_parts(
        obj.get("kind"),
        obj.get("item"),
        obj.get("value"),
        {key: at(key) for key in ("kind", "item", "value")},
        problems,
    )
    on = read_day(obj.get("on"), at("on"), problems)
    if on is not None:
        check_day(on, created_at, at("on"), problems)
    return ProgramEvent(
        uid=uid,
        kind=kind,
        on=on or EARLIEST_DAY,
        created_at=created_at or _UNREAD,
        item=item,
        value=value,
    )
