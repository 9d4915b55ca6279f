"""`today` and the program, on a real database with a frozen clock.

The clock walks through a program's start, week boundaries, a pause, a ten-day
lapse, a change of time zone and a daylight-saving change; practice sessions and
journal entries are recorded as the commands record them.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from kindvoice.core.clock import FrozenClock
from kindvoice.core.config import Settings
from kindvoice.core.errors import KindvoiceError, ValidationError
from kindvoice.domain.practice_runs import make_practice_run_draft
from kindvoice.domain.program.plan import TodayPlan
from kindvoice.services import journal, practice_log, program
from kindvoice.services.wiring import Context, open_context

NEW_YORK = ZoneInfo("America/New_York")
TOKYO = timezone(timedelta(hours=9))


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(datetime(2026, 2, 23, 8, 0, tzinfo=NEW_YORK))  # a Monday morning


@pytest.fixture
def ctx(tmp_path: Path, clock: FrozenClock) -> Iterator[Context]:
    settings = Settings(home=tmp_path, database_url=f"sqlite:///{tmp_path / 'kv.sqlite3'}")
    context = open_context(settings, clock)
    try:
        yield context
    finally:
        context.close()


def breathe(ctx: Context, practice: str = "gentle", at: datetime | None = None) -> None:
    moment = at or ctx.clock.now()
    draft = make_practice_run_draft(
        practice,
        "breathing",
        started_at=moment,
        now=max(moment, ctx.clock.now()),
        planned_s=120.0,
        actual_s=120.0,
        completed=True,
        pattern="3-4",
    )
    practice_log.record_run(ctx, draft)


def plan_of(ctx: Context) -> TodayPlan:
    found = program.today(ctx)
    assert found is not None
    return found


def statuses(plan: TodayPlan) -> dict[str, str]:
    return {item.key: item.status for item in plan.items}


def test_no_plan_before_the_program_starts(ctx: Context) -> None:
    assert program.today(ctx) is None
    with pytest.raises(KindvoiceError) as caught:
        program.pause(ctx)
    assert caught.value.code == "program_not_started"


def test_today_walks_through_the_weeks(ctx: Context, clock: FrozenClock) -> None:
    program.start(ctx)
    first = plan_of(ctx)
    assert (first.state.week, first.state.day_of_week) == (1, 1)
    assert first.week.theme == program.course().week(1).theme
    assert set(statuses(first).values()) == {"todo"}
    for _ in range(6):
        clock.advance(timedelta(days=1))
        breathe(ctx)  # a little practice each day keeps it an ordinary day
    last_of_week = plan_of(ctx)
    assert (last_of_week.state.week, last_of_week.state.day_of_week) == (1, 7)
    assert statuses(last_of_week)["daily"] == "done"
    clock.advance(timedelta(days=1))
    new_week = plan_of(ctx)
    assert (new_week.state.week, new_week.state.day_of_week) == (2, 1)
    assert new_week.week.number == 2
    assert statuses(new_week)["daily"] == "todo"
    assert not new_week.welcome_back
    assert 0.25 < new_week.habit < 0.4  # six practised days of a daily habit: 1 − m⁶ ≈ 0.27


def test_things_done_are_noticed_and_marks_are_kept(ctx: Context, clock: FrozenClock) -> None:
    program.start(ctx)
    journal.record_thought(ctx, "My inner critic called me lazy again.")
    breathe(ctx, "box")
    after = program.mark(ctx, "core", done=True)
    assert statuses(after) == {"daily": "done", "core": "done", "reflect": "done", "deeper": "todo"}
    assert [i.marked for i in after.items] == [False, True, False, False]
    program.mark(ctx, "deeper", done=False)
    assert statuses(plan_of(ctx))["deeper"] == "skipped"
    assert plan_of(ctx).next_step is None
    with pytest.raises(ValidationError):
        program.mark(ctx, "everything", done=True)


def test_a_pause_holds_today_still(ctx: Context, clock: FrozenClock) -> None:
    program.start(ctx)
    clock.advance(timedelta(days=2))
    program.pause(ctx)
    paused = plan_of(ctx)
    assert paused.state.paused
    assert paused.next_step is None
    with pytest.raises(KindvoiceError):
        program.pause(ctx)
    clock.advance(timedelta(days=9))
    assert (plan_of(ctx).state.week, plan_of(ctx).state.day_of_week) == (1, 3)
    program.resume(ctx)
    resumed = plan_of(ctx)
    assert (resumed.state.week, resumed.state.day_of_week, resumed.state.paused) == (1, 3, False)
    assert not resumed.welcome_back  # the pause wasn't time away
    clock.advance(timedelta(days=5))
    assert (plan_of(ctx).state.week, plan_of(ctx).state.day_of_week) == (2, 1)


def test_ten_days_away_bring_a_welcome_back(ctx: Context, clock: FrozenClock) -> None:
    program.start(ctx)
    for _ in range(3):
        breathe(ctx)
        clock.advance(timedelta(days=1))
    clock.advance(timedelta(days=10))
    back = plan_of(ctx)
    assert back.welcome_back
    assert back.days_away == 10
    assert back.last_active_week == 1
    assert [item.key for item in back.items] == ["daily"]
    assert back.state.week == 2  # the calendar moved on; going back is offered, not forced
    breathe(ctx)
    assert not plan_of(ctx).welcome_back
    program.start(ctx, week=1)  # back to week 1, as the welcome back suggests
    again = plan_of(ctx)
    assert (again.state.week, again.state.day_of_week) == (1, 1)
    assert statuses(again)["daily"] == "done"


def test_slow_pace_and_swaps(ctx: Context, clock: FrozenClock) -> None:
    program.start(ctx)
    program.set_pace(ctx, "slow")
    program.swap(ctx, "gentle", "resonance")
    clock.advance(timedelta(days=7))
    plan = plan_of(ctx)
    assert (plan.state.week, plan.state.day_of_week, plan.state.pace) == (1, 4, "slow")
    daily = next(item for item in plan.items if item.key == "daily")
    assert daily.practice == "resonance"
    with pytest.raises(ValidationError) as caught:
        program.swap(ctx, "gentle", "loving-kindness")
    assert [p.code for p in caught.value.problems] == ["swap_other_kind"]
    with pytest.raises(ValidationError) as caught:
        program.swap(ctx, "nothing-like-this", "box")
    assert [p.location for p in caught.value.problems] == ["from"]
    with pytest.raises(ValidationError):
        program.set_pace(ctx, "fast")


def test_a_day_is_the_date_where_the_person_is(ctx: Context, clock: FrozenClock) -> None:
    program.start(ctx)
    # 23:30 in New York is already tomorrow in UTC; it still counts for today here.
    clock.advance(timedelta(hours=15, minutes=30))
    breathe(ctx)
    assert statuses(plan_of(ctx))["daily"] == "done"
    # Flying to Tokyo: it's already the next afternoon there, a new day with a fresh plan.
    clock._instant = clock.now().astimezone(TOKYO) + timedelta(hours=1)
    tokyo_plan = plan_of(ctx)
    assert tokyo_plan.state.today.isoformat() == "2026-02-24"
    assert tokyo_plan.state.day_of_week == 2
    assert statuses(tokyo_plan)["daily"] == "todo"


def test_weeks_keep_to_the_calendar_across_daylight_saving(
    ctx: Context, clock: FrozenClock
) -> None:
    clock._instant = datetime(2026, 3, 6, 21, 0, tzinfo=NEW_YORK)
    program.start(ctx)
    seen = []
    for _ in range(9):  # 2026-03-08 is 23 hours long in New York
        plan = plan_of(ctx)
        seen.append((plan.state.today.isoformat(), plan.state.week, plan.state.day_of_week))
        breathe(ctx, at=clock.now().replace(hour=0, minute=30))
        clock.advance(timedelta(days=1))
    assert seen[1:4] == [
        ("2026-03-07", 1, 2),
        ("2026-03-08", 1, 3),
        ("2026-03-09", 1, 4),
    ]
    assert seen[-2:] == [("2026-03-13", 2, 1), ("2026-03-14", 2, 2)]
    # A session at half past midnight on the day the clocks changed is that day's.
    days = program.status(ctx).days
    assert days[datetime(2026, 3, 8).date()] == "done"


def test_status_counts_the_weeks_and_the_habit(ctx: Context, clock: FrozenClock) -> None:
    program.start(ctx)
    program.set_streaks(ctx, True)
    for _ in range(9):
        breathe(ctx)
        clock.advance(timedelta(days=1))
    found = program.status(ctx)
    assert found.weeks_done == 1
    assert found.streak_best == 9
    assert len(found.days) == 10
    m = 0.5 ** (1 / 13)
    assert found.habit == pytest.approx((1 - m**9) * m)  # nine days done, today not yet
    assert plan_of(ctx).streak == 9


def test_start_checks_its_date_and_week(ctx: Context, clock: FrozenClock) -> None:
    with pytest.raises(ValidationError) as caught:
        program.start(ctx, clock.now().date() + timedelta(days=5), week=9)
    assert {p.location for p in caught.value.problems} == {"date", "week"}
    state = program.start(ctx, clock.now().date() - timedelta(days=10))
    assert (state.week, state.day_of_week) == (2, 4)
