"""The 8-week program as JSON-ready data: today's plan and the program at a glance.

Shared by `kindvoice today --json` / `kindvoice program status --json` and the web API, so
both give the same shape. Each side says where a part of the plan is done (a command in the
terminal, a link on the web) and may add fields of its own. No Rich and no web code here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kindvoice.domain.program.plan import PlanItem, TodayPlan
    from kindvoice.services.program import ProgramStatus


def plan_json(
    plan: TodayPlan, *, where_key: str, where: Callable[[PlanItem], str]
) -> dict[str, Any]:
    """Today's plan; each item's ``where_key`` holds ``where(item)``, where to do it."""
    state = plan.state
    return {
        "date": state.today.isoformat(),
        "week": state.week,
        "day": state.day_of_week,
        "theme": plan.week.theme,
        "paused": state.paused,
        "finished": state.finished,
        "pace": state.pace,
        "welcome_back": plan.welcome_back,
        "days_away": plan.days_away,
        "items": [
            {
                "key": item.key,
                "text": item.text,
                "practice": item.practice,
                "minutes": item.minutes,
                "optional": item.optional,
                "status": item.status,
                "marked": item.marked,
                where_key: where(item),
            }
            for item in plan.items
        ],
        "next": None if plan.next_step is None else plan.next_step.key,
        "habit_strength": round(plan.habit, 4),
        "streak": plan.streak,
    }


def status_json(found: ProgramStatus) -> dict[str, Any]:
    """The program at a glance: where it stands, the choices made, and the days so far."""
    state = found.state
    return {
        "started_on": state.started_on.isoformat(),
        "week": state.week,
        "day": state.day_of_week,
        "paused": state.paused,
        "finished": state.finished,
        "pace": state.pace,
        "swaps": dict(state.swaps),
        "streaks": state.streaks,
        "habit_strength": round(found.habit, 4),
        "best_streak": found.streak_best,
        "days": {day.isoformat(): mark for day, mark in sorted(found.days.items())},
    }
