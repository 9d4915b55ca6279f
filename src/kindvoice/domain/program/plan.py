"""Where a person is in the 8-week program, and what today holds.

The program's state is never stored as such: it is worked out from a short
history of events (started, paused, resumed, restarted, pace changed, a practice
swapped, something marked done or skipped) and from what the person actually
did (practice sessions and journal entries), so it can't fall out of step with
them, and export/import carries the history whole.

All dates are the person's own calendar dates (the local date where they were),
so time zones and daylight-saving changes never shift a day.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Literal

from kindvoice.domain.practices.patterns import CUSTOM_ID
from kindvoice.domain.program.course import ActivityRef, Course, Week, activity_kind
from kindvoice.domain.program.events import PACES, ItemKey, ProgramEvent
from kindvoice.domain.program.habits import DayMark, current_streak, habit_strength

ItemStatus = Literal["todo", "done", "skipped"]

# After this many days with nothing done (pauses not counted), today starts
# with a welcome back instead of the usual plan.
LAPSE_DAYS = 4
# A practice session counts for the plan when it ran to the end or lasted this long.
COUNTS_AFTER_SECONDS = 60.0


@dataclass(frozen=True)
class DayActivity:
    """What the person did on one date: practices that count, and whether they wrote."""

    practices: frozenset[str] = frozenset()
    wrote: bool = False

    @property
    def any(self) -> bool:
        return bool(self.practices) or self.wrote


@dataclass(frozen=True)
class ProgramState:
    """The program as of ``today``."""

    started_on: date
    today: date
    day_index: int  # whole program days behind the person, from 0
    paused: bool
    pace: str
    swaps: Mapping[str, str]
    streaks: bool
    finished: bool
    days_total: int

    @property
    def week(self) -> int:
        return min(self.day_index, self.days_total - 1) // 7 + 1

    @property
    def day_of_week(self) -> int:
        return min(self.day_index, self.days_total - 1) % 7 + 1


@dataclass(frozen=True)
class PlanItem:
    key: ItemKey
    text: str
    practice: str | None  # the practice to do (after any swap); None for the reflection
    minutes: float | None
    optional: bool
    status: ItemStatus
    marked: bool  # True when the person said so, False when kindvoice noticed it


@dataclass(frozen=True)
class TodayPlan:
    state: ProgramState
    week: Week
    items: tuple[PlanItem, ...]
    welcome_back: bool
    days_away: int
    last_active_week: int | None
    habit: float
    streak: int | None  # None unless streaks are on
    next_step: PlanItem | None = field(default=None)


def program_state(
    events: Sequence[ProgramEvent], today: date, course: Course
) -> ProgramState | None:
    """The program as of ``today``, or None when it was never started (or starts later)."""
    ordered = sorted(events, key=lambda e: (e.on, e.created_at))
    starts = [e for e in ordered if e.kind in ("start", "restart") and e.on <= today]
    if not starts:
        return None
    begin = starts[-1]
    first_week = _week_value(begin) if begin.kind == "restart" else 1
    position = 7.0 * (first_week - 1)
    known = [e for e in ordered if e.on <= today]
    swaps: dict[str, str] = {}
    streaks = False
    for event in known:  # choices that hold across restarts
        if event.kind == "swap" and event.value and ">" in event.value:
            old, new = event.value.split(">", 1)
            swaps[old] = new
        elif event.kind == "streaks":
            streaks = event.value == "on"
    pace_events = [e for e in known if e.kind == "pace"]
    toggles = [e for e in known if e.kind in ("pause", "resume")]
    day = begin.on
    while True:
        pace = _pace_on(pace_events, day)
        paused = _paused_on(toggles, day, since=begin.on)
        if day >= today:
            break
        if not paused:
            position += 1.0 / PACES[pace]
        day += timedelta(days=1)
    day_index = math.floor(position + 1e-9)
    return ProgramState(
        started_on=begin.on,
        today=today,
        day_index=day_index,
        paused=paused,
        pace=pace,
        swaps=swaps,
        streaks=streaks,
        finished=day_index >= course.days,
        days_total=course.days,
    )


def plan_for_today(
    events: Sequence[ProgramEvent],
    activity: Mapping[date, DayActivity],
    today: date,
    course: Course,
) -> TodayPlan | None:
    """Today's plan: the week's daily practice, its core practice, a reflection, and
    an optional extra, each marked done (noticed or said), skipped, or still to do."""
    state = program_state(events, today, course)
    if state is None:
        return None
    week = course.week(state.week)
    marks = _marks(events, today)
    done_today = activity.get(today, DayActivity())
    offered: tuple[tuple[ItemKey, ActivityRef | None], ...] = (
        ("daily", week.daily),
        ("core", week.core),
        ("reflect", None),
        ("deeper", week.deeper),
    )
    items = tuple(
        _item(key, ref, week, state, marks, done_today)
        for key, ref in offered
        if key != "deeper" or ref is not None
    )
    days = habit_days(events, activity, today)
    away, last_week = _days_away(events, activity, days, today, course)
    welcome = away >= LAPSE_DAYS and not state.paused and not done_today.any
    if welcome:
        # A welcome back holds one small thing, not a list of what was missed.
        items = tuple(item for item in items if item.key == "daily")
    habit = habit_strength(days, state.started_on, today) if days else 0.0
    streak = current_streak(days, today) if state.streaks else None
    next_step = next((i for i in items if i.status == "todo" and not i.optional), None) or next(
        (i for i in items if i.status == "todo"), None
    )
    return TodayPlan(
        state=state,
        week=week,
        items=items,
        welcome_back=welcome,
        days_away=away,
        last_active_week=last_week,
        habit=habit,
        streak=streak,
        next_step=None if state.paused else next_step,
    )


def habit_days(
    events: Sequence[ProgramEvent], activity: Mapping[date, DayActivity], today: date
) -> dict[date, DayMark]:
    """Each day of the program so far: done (something practised, written or marked
    done), skipped (a rest day, or paused), or not done."""
    ordered = sorted(events, key=lambda e: (e.on, e.created_at))
    starts = [e.on for e in ordered if e.kind in ("start", "restart") and e.on <= today]
    if not starts:
        return {}
    first = min(starts)
    toggles = [e for e in ordered if e.kind in ("pause", "resume")]
    marked_done = {e.on for e in ordered if e.kind == "done"}
    rest_days = {e.on for e in ordered if e.kind == "skipped" and e.item == "day"}
    days: dict[date, DayMark] = {}
    day = first
    while day <= today:
        if activity.get(day, DayActivity()).any or day in marked_done:
            days[day] = "done"
        elif day in rest_days or _paused_on(toggles, day, since=first):
            days[day] = "skipped"
        else:
            days[day] = "not_done"
        day += timedelta(days=1)
    return days


def activity_by_day(
    sessions: Iterable[tuple[datetime, str, bool, float]], writings: Iterable[datetime]
) -> dict[date, DayActivity]:
    """Group practice sessions (start, practice id, completed, seconds) and journal
    entries (written at) by the calendar date they happened on, where they were."""
    practices: dict[date, set[str]] = {}
    wrote: set[date] = set()
    for started, practice, completed, seconds in sessions:
        if completed or seconds >= COUNTS_AFTER_SECONDS:
            practices.setdefault(started.date(), set()).add(practice)
    for written in writings:
        wrote.add(written.date())
    return {
        day: DayActivity(frozenset(practices.get(day, set())), day in wrote)
        for day in set(practices) | wrote
    }


def _item(
    key: ItemKey,
    ref: ActivityRef | None,
    week: Week,
    state: ProgramState,
    marks: Mapping[str, str],
    activity: DayActivity,
) -> PlanItem:
    if ref is None:
        text, practice, minutes = week.reflection, None, None
        noticed = activity.wrote
    else:
        practice = state.swaps.get(ref.practice, ref.practice)
        text, minutes = ref.text, ref.minutes
        noticed = practice in activity.practices or ref.practice in activity.practices
        if key == "daily" and _is_breathing(practice):
            # Any breathing practice answers the daily breath: the point is the breathing.
            noticed = noticed or any(_is_breathing(done) for done in activity.practices)
    mark = marks.get(key) or ("done" if marks.get("day") == "done" else None)
    if noticed:
        status: ItemStatus = "done"
    elif mark in ("done", "skipped"):
        status = "done" if mark == "done" else "skipped"
    else:
        status = "todo"
    return PlanItem(
        key=key,
        text=text,
        practice=practice,
        minutes=minutes,
        optional=key == "deeper",
        status=status,
        marked=not noticed and status != "todo",
    )


def _is_breathing(practice: str) -> bool:
    if practice == CUSTOM_ID:
        return True
    try:
        return activity_kind(practice) == "breathing"
    except KeyError:
        return False


def _marks(events: Sequence[ProgramEvent], today: date) -> dict[str, str]:
    found: dict[str, str] = {}
    for event in sorted(events, key=lambda e: e.created_at):
        if event.on == today and event.kind in ("done", "skipped") and event.item:
            found[event.item] = event.kind
    return found


def _days_away(
    events: Sequence[ProgramEvent],
    activity: Mapping[date, DayActivity],
    days: Mapping[date, DayMark],
    today: date,
    course: Course,
) -> tuple[int, int | None]:
    """Days since the person last did something (paused and rest days not counted),
    and the program week they were in then. Days before they started (or restarted)
    the program, as they did it, don't count: a program started with a date in the
    past begins without any time away."""
    starts = [e for e in events if e.kind in ("start", "restart") and e.on <= today]
    joined = max(e.created_at.date() for e in starts) if starts else today
    away = 0
    day = today - timedelta(days=1)
    while day in days and day >= joined:
        mark = days[day]
        if mark == "done":
            state = program_state(events, day, course)
            return away, None if state is None else state.week
        if mark == "not_done":
            away += 1
        day -= timedelta(days=1)
    return away, None


def _week_value(event: ProgramEvent) -> int:
    try:
        return max(1, int(event.value or "1"))
    except ValueError:
        return 1


def _pace_on(events: Sequence[ProgramEvent], day: date) -> str:
    """The pace chosen last on or before ``day`` ("normal" until one is chosen)."""
    pace = "normal"
    for event in events:
        if event.on <= day and event.value in PACES:
            pace = event.value
    return pace


def _paused_on(toggles: Sequence[ProgramEvent], day: date, since: date) -> bool:
    """Whether the program is paused on ``day``: the last pause or resume on or before
    it decides (a restart at ``since`` clears earlier pauses)."""
    paused = False
    for event in toggles:
        if since <= event.on <= day:
            paused = event.kind == "pause"
    return paused
