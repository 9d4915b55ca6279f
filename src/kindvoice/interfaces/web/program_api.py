"""The JSON API: the 8-week program. Today's plan with where each part is done, the program
at a glance, the weeks, and every change (start or start again, pause, resume, pace, days in a
row, marking part of the day done or let go)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path
from pydantic import BaseModel, Field

from kindvoice.core.errors import NotFoundError
from kindvoice.domain.program.habits import score_percent
from kindvoice.domain.program.plan import TodayPlan
from kindvoice.interfaces.web.program_pages import practice_href, week_view
from kindvoice.interfaces.web.viewer import Viewer
from kindvoice.services import program
from kindvoice.services.wiring import Context

router = APIRouter(tags=["program"])


class StartIn(BaseModel):
    week: int = Field(default=1, ge=1, le=99, description="The week to start from (1 to 8).")


class PaceIn(BaseModel):
    pace: Literal["normal", "slow"]


class MarkIn(BaseModel):
    item: Literal["daily", "core", "reflect", "deeper", "day"]
    done: bool


class StreaksIn(BaseModel):
    on: bool


def plan_json(plan: TodayPlan) -> dict[str, Any]:
    state = plan.state
    return {
        "date": state.today.isoformat(),
        "week": state.week,
        "day": state.day_of_week,
        "theme": plan.week.theme,
        "intro": plan.week.intro,
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
                "href": practice_href(item.practice, item.minutes),
            }
            for item in plan.items
        ],
        "next": None if plan.next_step is None else plan.next_step.key,
        "habit_strength": round(plan.habit, 4),
        "habit_percent": score_percent(plan.habit),
        "streak": plan.streak,
    }


def program_json(ctx: Context) -> dict[str, Any]:
    course = program.course()
    weeks = [{"number": week.number, "theme": week.theme} for week in course]
    plan = program.today(ctx)
    if plan is None:
        return {"started": False, "today": None, "status": None, "weeks": weeks}
    found = program.status(ctx)
    state = found.state
    return {
        "started": True,
        "today": plan_json(plan),
        "status": {
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
        },
        "weeks": weeks,
    }


def _require_started(ctx: Context) -> TodayPlan:
    plan = program.today(ctx)
    if plan is None:
        raise NotFoundError("not_found")
    return plan


@router.get("/program")
def get_program(ctx: Viewer) -> dict[str, Any]:
    """Where you are: today's plan and the program at a glance (``started`` false before)."""
    return program_json(ctx)


@router.post("/program/start")
def start(body: StartIn, ctx: Viewer) -> dict[str, Any]:
    """Start the program today at ``week``; while one is under way, start again (the
    history stays)."""
    program.start(ctx, None, body.week)
    return program_json(ctx)


@router.post("/program/pause")
def pause(ctx: Viewer) -> dict[str, Any]:
    """Pause (nothing moves on until you resume). Pausing a paused program changes nothing."""
    if not _require_started(ctx).state.paused:
        program.pause(ctx)
    return program_json(ctx)


@router.post("/program/resume")
def resume(ctx: Viewer) -> dict[str, Any]:
    """Carry on from where you paused. Resuming a program that isn't paused changes nothing."""
    if _require_started(ctx).state.paused:
        program.resume(ctx)
    return program_json(ctx)


@router.post("/program/pace")
def pace(body: PaceIn, ctx: Viewer) -> dict[str, Any]:
    _require_started(ctx)
    program.set_pace(ctx, body.pace)
    return program_json(ctx)


@router.post("/program/streaks")
def streaks(body: StreaksIn, ctx: Viewer) -> dict[str, Any]:
    """Show days in a row on the plan, or not (off unless you turn it on)."""
    _require_started(ctx)
    program.set_streaks(ctx, body.on)
    return program_json(ctx)


@router.post("/program/mark")
def mark(body: MarkIn, ctx: Viewer) -> dict[str, Any]:
    """Say that part of today's plan (or the whole ``day``) is done, or let it go for today."""
    _require_started(ctx)
    program.mark(ctx, body.item, done=body.done)
    return program_json(ctx)


@router.get("/program/weeks/{number}")
def get_week(number: Annotated[int, Path()]) -> dict[str, Any]:
    """One week: its theme, what it's about, its practices (with links) and its sources."""
    course = program.course()
    if not 1 <= number <= len(course.weeks):
        raise NotFoundError("not_found")
    return week_view(course.week(number))
