"""Where a person is in the program, and today's plan, worked out from events alone."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from kindvoice.domain.program.course import ActivityRef, Course, Week
from kindvoice.domain.program.events import ProgramEvent
from kindvoice.domain.program.habits import DAILY, multiplier
from kindvoice.domain.program.plan import (
    LAPSE_DAYS,
    DayActivity,
    activity_by_day,
    habit_days,
    plan_for_today,
    program_state,
)

START = date(2026, 3, 2)  # a Monday
_ids = itertools.count()


def week(number: int) -> Week:
    return Week(
        number=number,
        theme=f"Theme {number}",
        intro=f"Intro {number}.",
        core=ActivityRef("self-compassion-break", f"Core {number}."),
        daily=ActivityRef("gentle", f"Daily {number}.", minutes=2),
        reflection=f"Question {number}?",
        deeper=ActivityRef("loving-kindness", f"Deeper {number}.") if number % 2 else None,
        sources=(),
    )


COURSE = Course(tuple(week(n) for n in range(1, 9)))


def event(kind: str, on: date, item: str | None = None, value: str | None = None) -> ProgramEvent:
    n = next(_ids)
    created = datetime.combine(on, datetime.min.time(), UTC) + timedelta(seconds=n)
    return ProgramEvent(f"e{n}", kind, on, created, item, value)  # type: ignore[arg-type]


def day(n: int) -> date:
    return START + timedelta(days=n)


def where(events: list[ProgramEvent], today: date) -> tuple[int, int, bool]:
    state = program_state(events, today, COURSE)
    assert state is not None
    return state.week, state.day_of_week, state.paused


def test_nothing_before_the_program_starts() -> None:
    assert program_state([], START, COURSE) is None
    assert program_state([event("start", day(3))], day(2), COURSE) is None
    assert plan_for_today([], {}, START, COURSE) is None


@pytest.mark.parametrize(
    ("offset", "expected"),
    [(0, (1, 1)), (6, (1, 7)), (7, (2, 1)), (13, (2, 7)), (14, (3, 1)), (55, (8, 7))],
)
def test_weeks_follow_the_calendar(offset: int, expected: tuple[int, int]) -> None:
    assert where([event("start", START)], day(offset))[:2] == expected


def test_the_program_finishes_after_eight_weeks() -> None:
    state = program_state([event("start", START)], day(56), COURSE)
    assert state is not None
    assert state.finished
    assert (state.week, state.day_of_week) == (8, 7)
    assert not program_state([event("start", START)], day(55), COURSE).finished  # type: ignore[union-attr]


def test_a_pause_holds_the_program_still() -> None:
    events = [event("start", START), event("pause", day(3)), event("resume", day(10))]
    assert where(events, day(2)) == (1, 3, False)
    assert where(events, day(3)) == (1, 4, True)
    assert where(events, day(9)) == (1, 4, True)
    assert where(events, day(10)) == (1, 4, False)
    assert where(events, day(13)) == (1, 7, False)
    assert where(events, day(14)) == (2, 1, False)


def test_pause_and_resume_on_the_same_day_follow_their_order() -> None:
    events = [event("start", START), event("pause", day(2)), event("resume", day(2))]
    assert where(events, day(2)) == (1, 3, False)
    assert where(events, day(5)) == (1, 6, False)


def test_slow_pace_stretches_each_week_to_two() -> None:
    events = [event("start", START), event("pace", START, value="slow")]
    assert where(events, day(1))[:2] == (1, 1)
    assert where(events, day(2))[:2] == (1, 2)
    assert where(events, day(13))[:2] == (1, 7)
    assert where(events, day(14))[:2] == (2, 1)


def test_pace_can_change_part_way() -> None:
    events = [event("start", START), event("pace", day(7), value="slow")]
    # Seven days at the usual pace, then half a program day per calendar day.
    assert where(events, day(7))[:2] == (2, 1)
    assert where(events, day(11))[:2] == (2, 3)
    events.append(event("pace", day(11), value="normal"))
    assert where(events, day(12))[:2] == (2, 4)


def test_restart_begins_again_at_the_chosen_week() -> None:
    events = [event("start", START), event("pause", day(3)), event("restart", day(20), value="3")]
    assert where(events, day(19)) == (1, 4, True)
    assert where(events, day(20)) == (3, 1, False)  # a restart clears the pause
    assert where(events, day(27)) == (4, 1, False)


def test_a_program_started_in_the_past_is_already_under_way() -> None:
    assert where([event("start", day(-9))], START)[:2] == (2, 3)


def test_weeks_are_calendar_days_across_a_daylight_saving_change() -> None:
    # US clocks changed on 2026-03-08; a program day is still one calendar date.
    events = [event("start", date(2026, 3, 7))]
    assert where(events, date(2026, 3, 9))[:2] == (1, 3)
    assert where(events, date(2026, 3, 14))[:2] == (2, 1)


def test_todays_plan_notices_what_was_done() -> None:
    events = [event("start", START)]
    activity = {day(1): DayActivity(frozenset({"gentle"}), wrote=True)}
    plan = plan_for_today(events, activity, day(1), COURSE)
    assert plan is not None
    statuses = {item.key: (item.status, item.marked) for item in plan.items}
    assert statuses == {
        "daily": ("done", False),
        "core": ("todo", False),
        "reflect": ("done", False),
        "deeper": ("todo", False),
    }
    assert plan.next_step is not None
    assert plan.next_step.key == "core"
    assert [item.optional for item in plan.items] == [False, False, False, True]


def test_marks_and_swaps_shape_the_plan() -> None:
    events = [
        event("start", START),
        event("swap", START, value="gentle>resonance"),
        event("done", day(1), item="core"),
        event("skipped", day(1), item="reflect"),
    ]
    activity = {day(1): DayActivity(frozenset({"resonance"}))}
    plan = plan_for_today(events, activity, day(1), COURSE)
    assert plan is not None
    by_key = {item.key: item for item in plan.items}
    assert by_key["daily"].practice == "resonance"
    assert by_key["daily"].status == "done"
    assert (by_key["core"].status, by_key["core"].marked) == ("done", True)
    assert (by_key["reflect"].status, by_key["reflect"].marked) == ("skipped", True)
    assert plan.next_step is not None
    assert plan.next_step.key == "deeper"  # only the optional one is left
    # Marks belong to their day.
    tomorrow = plan_for_today(events, activity, day(2), COURSE)
    assert tomorrow is not None
    assert {i.status for i in tomorrow.items} == {"todo"}


def test_week_two_has_no_deeper_exercise_here() -> None:
    activity = {day(6): DayActivity(wrote=True)}
    plan = plan_for_today([event("start", START)], activity, day(7), COURSE)
    assert plan is not None
    assert [item.key for item in plan.items] == ["daily", "core", "reflect"]


def test_after_ten_days_away_today_is_a_welcome_back() -> None:
    events = [event("start", START)]
    activity = {day(n): DayActivity(frozenset({"gentle"})) for n in range(3)}
    plan = plan_for_today(events, activity, day(13), COURSE)
    assert plan is not None
    assert plan.welcome_back
    assert plan.days_away == 10
    assert plan.last_active_week == 1
    assert [item.key for item in plan.items] == ["daily"]  # one small thing, not a backlog
    assert plan.state.week == 2


def test_a_short_gap_is_not_a_lapse() -> None:
    events = [event("start", START)]
    activity = {day(0): DayActivity(wrote=True)}
    plan = plan_for_today(events, activity, day(LAPSE_DAYS), COURSE)
    assert plan is not None
    assert plan.days_away == LAPSE_DAYS - 1
    assert not plan.welcome_back


def test_paused_and_rest_days_dont_count_as_time_away() -> None:
    events = [
        event("start", START),
        event("pause", day(1)),
        event("resume", day(9)),
        event("skipped", day(9), item="day"),
    ]
    activity = {day(0): DayActivity(wrote=True)}
    plan = plan_for_today(events, activity, day(10), COURSE)
    assert plan is not None
    assert plan.days_away == 0
    assert not plan.welcome_back


def test_something_done_today_ends_the_welcome_back() -> None:
    events = [event("start", START)]
    activity = {day(0): DayActivity(wrote=True), day(13): DayActivity(frozenset({"gentle"}))}
    plan = plan_for_today(events, activity, day(13), COURSE)
    assert plan is not None
    assert not plan.welcome_back
    assert len(plan.items) == 3


def test_habit_days_and_strength_forgive_rest_and_pauses() -> None:
    events = [
        event("start", START),
        event("skipped", day(2), item="day"),
        event("pause", day(4)),
        event("resume", day(6)),
        event("done", day(7), item="daily"),
    ]
    activity = {day(0): DayActivity(wrote=True), day(1): DayActivity(frozenset({"box"}))}
    days = habit_days(events, activity, day(8))
    assert days == {
        day(0): "done",
        day(1): "done",
        day(2): "skipped",
        day(3): "not_done",
        day(4): "skipped",
        day(5): "skipped",
        day(6): "not_done",
        day(7): "done",
        day(8): "not_done",
    }
    plan = plan_for_today(events, activity, day(8), COURSE)
    assert plan is not None
    m = multiplier(DAILY)
    after_two = (1 - m) * m + (1 - m)
    expected = ((after_two * m * m) * m + (1 - m)) * m  # rest days and pauses leave it alone
    assert plan.habit == pytest.approx(expected)
    assert plan.streak is None  # streaks are off unless asked for


def test_streaks_show_only_when_turned_on() -> None:
    events = [event("start", START), event("streaks", START, value="on")]
    activity = {day(n): DayActivity(wrote=True) for n in range(3)}
    plan = plan_for_today(events, activity, day(3), COURSE)
    assert plan is not None
    assert plan.streak == 3


def test_activity_falls_on_the_date_where_it_happened() -> None:
    new_york = timezone(timedelta(hours=-5))
    tokyo = timezone(timedelta(hours=9))
    late_evening = datetime(2026, 3, 2, 23, 30, tzinfo=new_york)  # 04:30 UTC on the 3rd
    early_morning = datetime(2026, 3, 3, 6, 0, tzinfo=tokyo)  # 21:00 UTC on the 2nd
    activity = activity_by_day(
        [
            (late_evening, "gentle", True, 120.0),
            (early_morning, "box", False, 75.0),
            (early_morning, "resonance", False, 20.0),  # stopped too soon to count
        ],
        [late_evening],
    )
    assert activity == {
        date(2026, 3, 2): DayActivity(frozenset({"gentle"}), wrote=True),
        date(2026, 3, 3): DayActivity(frozenset({"box"})),
    }


def test_a_program_started_with_a_past_date_begins_without_time_away() -> None:
    begun = ProgramEvent("late", "start", START, datetime(2026, 3, 9, 20, 0, tzinfo=UTC))
    plan = plan_for_today([begun], {}, day(7), COURSE)
    assert plan is not None
    assert plan.days_away == 0
    assert not plan.welcome_back
    # Ten days after joining with nothing done, it is a welcome back after all.
    later = plan_for_today([begun], {}, day(17), COURSE)
    assert later is not None
    assert later.days_away == 10
    assert later.welcome_back


@pytest.mark.parametrize("breathed", ["box", "custom", "cyclic-sighing"])
def test_any_breathing_answers_the_daily_breath(breathed: str) -> None:
    activity = {day(1): DayActivity(frozenset({breathed}))}
    plan = plan_for_today([event("start", START)], activity, day(1), COURSE)
    assert plan is not None
    daily = next(item for item in plan.items if item.key == "daily")
    assert daily.status == "done"
    core = next(item for item in plan.items if item.key == "core")
    assert core.status == "todo"


def test_a_guided_practice_doesnt_answer_the_daily_breath() -> None:
    activity = {day(1): DayActivity(frozenset({"loving-kindness"}))}
    plan = plan_for_today([event("start", START)], activity, day(1), COURSE)
    assert plan is not None
    statuses = {item.key: item.status for item in plan.items}
    assert statuses["daily"] == "todo"
    assert statuses["deeper"] == "done"
