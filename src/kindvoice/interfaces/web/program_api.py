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
from kindvoice.interfaces.program_json import plan_json as shared_plan_json
from kindvoice.interfaces.program_json import status_json
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
    """Today's plan as the terminal gives it, with links instead of commands, the week's
    intro and the habit strength in percent."""
    found = shared_plan_json(
        plan, where_key="href", where=lambda item: practice_href(item.practice, item.minutes)
    )
    return {**found, "intro": plan.week.intro, "habit_percent": score_percent(plan.habit)}


def program_json(ctx: Context) -> dict[str, Any]:
    course = program.course()
    weeks = [{"number": week.number, "theme": week.theme} for week in course]
    plan = program.today(ctx)
    if plan is None:
        return {"started": False, "today": None, "status": None, "weeks": weeks}
    return {
        "started": True,
        "today": plan_json(plan),
        "status": status_json(program.status(ctx)),
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
