"""The 8-week program: starting, pausing, pacing and choosing, and today's plan.

Every change is one event kept in ``program_events``; the state and the plan are
worked out from those events and from what the person did (practice sessions and
journal entries) by ``domain.program.plan``. Dates are the person's own calendar
dates, read from the context's clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from kindvoice.core.errors import KindvoiceError, Problem, ValidationError
from kindvoice.domain.program.course import Course, activity_kind, load_course
from kindvoice.domain.program.events import MARKABLE, PACES, ProgramEvent, make_program_event
from kindvoice.domain.program.habits import DayMark, best_streak, habit_strength
from kindvoice.domain.program.plan import (
    DayActivity,
    ProgramState,
    TodayPlan,
    activity_by_day,
    habit_days,
    plan_for_today,
    program_state,
)
from kindvoice.services.wiring import Context
from kindvoice.storage import practice_repos, program_repos, repos

# Far enough back for a date typed by mistake to be caught, near enough to be any real start.
MAX_START_DAYS_BACK = 366


@dataclass(frozen=True)
class ProgramStatus:
    """The program at a glance, for `kindvoice program status`."""

    state: ProgramState
    habit: float
    streak_best: int | None
    days: dict[date, DayMark]
    weeks_done: int


def today_of(ctx: Context) -> date:
    """The person's calendar date now."""
    return ctx.clock.now().date()


def events(ctx: Context) -> list[ProgramEvent]:
    with ctx.db.read() as conn:
        return program_repos.list_program_events(conn, ctx.user_id)


def start(ctx: Context, on: date | None = None, week: int = 1) -> ProgramState:
    """Start the program (again) on ``on`` (today by default) at ``week``.

    Starting again while a program is under way is a restart: the history stays.
    """
    today = today_of(ctx)
    day = on or today
    problems: list[Problem] = []
    if day > today + timedelta(days=1):
        problems.append(Problem("date", "in_the_future", {"when": day.isoformat()}))
    if day < today - timedelta(days=MAX_START_DAYS_BACK):
        problems.append(Problem("date", "too_early", {"when": day.isoformat()}))
    course = load_course()
    if not 1 <= week <= len(course.weeks):
        problems.append(Problem("week", "no_such_week", {"week": week, "weeks": len(course.weeks)}))
    if problems:
        raise ValidationError(problems)
    kind = "start" if week == 1 and not events(ctx) else "restart"
    _record(ctx, kind, on=day, value=None if kind == "start" else str(week))
    state = program_state(events(ctx), max(day, today), course)
    assert state is not None
    return state


def pause(ctx: Context) -> ProgramState:
    state = _current(ctx)
    if state.paused:
        raise KindvoiceError("program_already_paused")
    _record(ctx, "pause")
    return _current(ctx)


def resume(ctx: Context) -> ProgramState:
    state = _current(ctx)
    if not state.paused:
        raise KindvoiceError("program_not_paused")
    _record(ctx, "resume")
    return _current(ctx)


def set_pace(ctx: Context, pace: str) -> ProgramState:
    _current(ctx)
    wanted = pace.strip().lower()
    if wanted not in PACES:
        raise ValidationError(
            [Problem("pace", "not_one_of", {"value": pace, "choices": "normal, slow"})]
        )
    _record(ctx, "pace", value=wanted)
    return _current(ctx)


def swap(ctx: Context, old: str, new: str) -> ProgramState:
    """Use ``new`` wherever the program offers ``old`` (the same kind of practice)."""
    _current(ctx)
    old_id, new_id = (name.strip().lower() for name in (old, new))
    problems: list[Problem] = []
    kinds: dict[str, str | None] = {}
    for where, name in (("from", old_id), ("to", new_id)):
        try:
            kinds[where] = activity_kind(name)
        except KeyError:
            kinds[where] = None
            problems.append(Problem(where, "unknown_practice", {"value": name}))
    if not problems and kinds["from"] != kinds["to"]:
        problems.append(
            Problem("to", "swap_other_kind", {"value": new_id, "kind": kinds["from"] or ""})
        )
    if problems:
        raise ValidationError(problems)
    _record(ctx, "swap", value=f"{old_id}>{new_id}")
    return _current(ctx)


def set_streaks(ctx: Context, on: bool) -> ProgramState:
    _current(ctx)
    _record(ctx, "streaks", value="on" if on else "off")
    return _current(ctx)


def mark(ctx: Context, item: str, done: bool) -> TodayPlan:
    """Say that an item of today's plan (or the whole ``day``) is done or skipped."""
    _current(ctx)
    key = item.strip().lower()
    if key not in MARKABLE:
        raise ValidationError(
            [Problem("item", "not_one_of", {"value": item, "choices": ", ".join(MARKABLE)})]
        )
    _record(ctx, "done" if done else "skipped", item=key)
    plan = today(ctx)
    assert plan is not None
    return plan


def today(ctx: Context) -> TodayPlan | None:
    """Today's plan, or None when no program has been started."""
    day = today_of(ctx)
    history = events(ctx)
    if not history:
        return None
    activity = _activity(ctx, history, day)
    return plan_for_today(history, activity, day, load_course())


def status(ctx: Context) -> ProgramStatus:
    day = today_of(ctx)
    history = events(ctx)
    state = _state(history, day)
    activity = _activity(ctx, history, day)
    days = habit_days(history, activity, day)
    habit = habit_strength(days, min(days), day) if days else 0.0
    return ProgramStatus(
        state=state,
        habit=habit,
        streak_best=best_streak(days) if state.streaks else None,
        days=days,
        weeks_done=min(state.day_index // 7, len(load_course().weeks)),
    )


def course() -> Course:
    return load_course()


def _current(ctx: Context) -> ProgramState:
    return _state(events(ctx), today_of(ctx))


def _state(history: list[ProgramEvent], day: date) -> ProgramState:
    state = program_state(history, day, load_course())
    if state is None:
        raise KindvoiceError("program_not_started")
    return state


def _record(
    ctx: Context,
    kind: str,
    *,
    on: date | None = None,
    item: str | None = None,
    value: str | None = None,
) -> ProgramEvent:
    now = ctx.clock.now()
    event = make_program_event(kind, on or now.date(), now, item=item, value=value)
    with ctx.db.write() as conn:
        program_repos.insert_program_events(conn, ctx.user_id, [event])
    return event


def _activity(ctx: Context, history: list[ProgramEvent], day: date) -> dict[date, DayActivity]:
    """What the person did from the program's first day on, by their calendar date."""
    first = min(event.on for event in history)
    # A day early, so an entry written just after midnight elsewhere is still found.
    since = datetime.combine(first - timedelta(days=1), datetime.min.time()).astimezone()
    with ctx.db.read() as conn:
        runs = practice_repos.list_practice_runs(conn, ctx.user_id, since=since)
        entries = repos.list_entries(conn, ctx.user_id, since=since)
    sessions = [(r.started_at, r.practice, r.completed, r.actual_s) for r in runs]
    return activity_by_day(sessions, [entry.created_at for entry in entries])
