"""Pages: the 8-week program. What it is and a way to start; today's plan with done and
let-go buttons; pause, resume, pace, days in a row and starting again; a page for each week.

Every change is a plain form (POST, then a 303 back to /program?note=program_changed), so
the pages work without JavaScript. The rules live in ``services.program``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from kindvoice.core.errors import NotFoundError, Problem, ValidationError
from kindvoice.domain.program.course import Course, Week, activity_kind
from kindvoice.domain.program.habits import score_percent
from kindvoice.domain.program.plan import TodayPlan
from kindvoice.interfaces import messages as m
from kindvoice.interfaces.web.forms import Form, rating, text
from kindvoice.interfaces.web.render import page
from kindvoice.interfaces.web.viewer import Viewer
from kindvoice.services import program
from kindvoice.services.wiring import Context

router = APIRouter(include_in_schema=False)

CHANGED = "/program?note=program_changed"


def practice_href(practice: str | None, minutes: float | None = None) -> str:
    """Where to do something the program offers: a breathing pattern on /breathe (with its
    minutes), a guided practice or writing exercise on /practices/<id>, the reflection on
    /write."""
    if practice is None:
        return "/write"
    try:
        kind = activity_kind(practice)
    except KeyError:
        kind = None
    safe = quote(practice, safe="")
    if kind == "breathing":
        length = f"&minutes={minutes:g}" if minutes else ""
        return f"/breathe?pattern={safe}{length}"
    return f"/practices/{safe}"


def week_view(week: Week) -> dict[str, Any]:
    """A week's parts in plan order, each with its link."""
    parts: list[dict[str, Any]] = []
    for key, ref in (("daily", week.daily), ("core", week.core), ("deeper", week.deeper)):
        if ref is not None:
            parts.append(
                {
                    "key": key,
                    "text": ref.text,
                    "practice": ref.practice,
                    "minutes": ref.minutes,
                    "href": practice_href(ref.practice, ref.minutes),
                }
            )
    parts.append(
        {"key": "reflect", "text": week.reflection, "practice": None, "minutes": None}
        | {"href": "/write"}
    )
    return {
        "number": week.number,
        "theme": week.theme,
        "intro": week.intro,
        "parts": parts,
        "sources": list(week.sources),
    }


def plan_view(plan: TodayPlan) -> dict[str, Any]:
    state = plan.state
    return {
        "plan": plan,
        "state": state,
        "weeks_total": state.days_total // 7,
        "habit_percent": score_percent(plan.habit),
        "hrefs": {item.key: practice_href(item.practice, item.minutes) for item in plan.items},
        "go_back": plan.welcome_back
        and plan.last_active_week is not None
        and plan.last_active_week < state.week,
    }


def _week_number(course: Course, raw: str | int) -> int | None:
    try:
        number = int(str(raw).strip())
    except ValueError:
        return None
    return number if 1 <= number <= len(course.weeks) else None


@router.get("/program")
def program_page(request: Request, ctx: Viewer) -> Response:
    course = program.course()
    plan = program.today(ctx)
    values: dict[str, Any] = {
        "course": course,
        "weeks": [(week.number, week.theme) for week in course],
        "plan": None,
        "status": None,
    }
    if plan is not None:
        values |= plan_view(plan)
        values["status"] = program.status(ctx)
    return page(request, "program.html", m.say("web.program.title"), **values)


@router.get("/program/week/{number}")
def week_page(request: Request, ctx: Viewer, number: str) -> Response:
    course = program.course()
    found = _week_number(course, number)
    if found is None:
        raise NotFoundError("not_found")
    started = program.today(ctx) is not None
    return page(
        request,
        "program_week.html",
        m.say("program.week_title", week=found, theme=course.week(found).theme),
        week=week_view(course.week(found)),
        weeks_total=len(course.weeks),
        started=started,
    )


@router.post("/program/start")
def start_post(request: Request, ctx: Viewer, form: Form) -> Response:
    problems: list[Problem] = []
    weeks = len(program.course().weeks)
    week = rating(form, "week", problems, low=1, high=weeks)
    if problems:
        raise ValidationError(problems)
    program.start(ctx, None, week or 1)
    return RedirectResponse(CHANGED, status_code=303)


def _started(ctx: Context) -> TodayPlan | None:
    return program.today(ctx)


@router.post("/program/pause")
def pause_post(ctx: Viewer) -> Response:
    plan = _started(ctx)
    if plan is None:
        return RedirectResponse("/program", status_code=303)
    if not plan.state.paused:
        program.pause(ctx)
    return RedirectResponse(CHANGED, status_code=303)


@router.post("/program/resume")
def resume_post(ctx: Viewer) -> Response:
    plan = _started(ctx)
    if plan is None:
        return RedirectResponse("/program", status_code=303)
    if plan.state.paused:
        program.resume(ctx)
    return RedirectResponse(CHANGED, status_code=303)


@router.post("/program/pace")
def pace_post(request: Request, ctx: Viewer, form: Form) -> Response:
    if _started(ctx) is None:
        return RedirectResponse("/program", status_code=303)
    program.set_pace(ctx, text(form, "pace"))
    return RedirectResponse(CHANGED, status_code=303)


@router.post("/program/streaks")
def streaks_post(request: Request, ctx: Viewer, form: Form) -> Response:
    if _started(ctx) is None:
        return RedirectResponse("/program", status_code=303)
    choice = text(form, "streaks").strip().lower()
    if choice not in ("on", "off"):
        raise ValidationError([Problem("streaks", "web.request.choice")])
    program.set_streaks(ctx, choice == "on")
    return RedirectResponse(CHANGED, status_code=303)


@router.post("/program/mark")
def mark_post(request: Request, ctx: Viewer, form: Form) -> Response:
    if _started(ctx) is None:
        return RedirectResponse("/program", status_code=303)
    done = text(form, "done").strip().lower()
    problems: list[Problem] = []
    if done not in ("yes", "no"):
        problems.append(Problem("done", "web.request.choice"))
    item = text(form, "item")
    if not item.strip():
        problems.append(Problem("item", "web.request.missing"))
    if problems:
        raise ValidationError(problems)
    program.mark(ctx, item, done=done == "yes")
    return RedirectResponse(CHANGED, status_code=303)
