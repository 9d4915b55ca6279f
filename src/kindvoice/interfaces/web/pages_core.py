"""Today, Support, signing in and out, and what a home-screen install needs."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from kindvoice.core.errors import AuthError, Problem, TooManyAttemptsError, ValidationError
from kindvoice.domain.learn.resources import crisis_resources
from kindvoice.interfaces import messages as m
from kindvoice.interfaces.web.forms import Form, rating, redirect_target, text
from kindvoice.interfaces.web.render import page, preferences_of, static_url
from kindvoice.interfaces.web.viewer import (
    SESSION_COOKIE,
    Viewer,
    current_user,
    session_token,
    state_of,
)
from kindvoice.services import accounts, checkins, practice_log, program
from kindvoice.services.wiring import Context

router = APIRouter(include_in_schema=False)


def country_of(request: Request) -> str | None:
    """The crisis-lines country: the person's choice, else the server's KINDVOICE_COUNTRY."""
    chosen = preferences_of(request).get("country")
    return chosen or state_of(request).config.settings.country


def today_summary(ctx: Context) -> dict[str, Any]:
    """What Today shows: today's check-in, the plan's next step, and what was done today."""
    now = ctx.clock.now()
    start = now.replace(hour=0, minute=0, second=0, microsecond=0)
    latest = checkins.list_checkins(ctx, limit=1)
    checked_in = latest[0] if latest and latest[0].created_at >= start else None
    runs = practice_log.list_runs(ctx, since=start)
    plan = program.today(ctx)
    seconds = sum(run.actual_s for run in runs)
    return {
        "checkin": checked_in,
        "runs": runs,
        "practice_minutes": round(seconds / 60, 1),
        "practice_seconds": round(seconds),
        "plan": plan,
    }


@router.get("/")
def today_page(request: Request, ctx: Viewer) -> Response:
    return page(request, "today.html", m.say("web.today.title"), **today_summary(ctx))


@router.post("/checkin")
def checkin_post(request: Request, ctx: Viewer, form: Form) -> Response:
    problems: list[Problem] = []
    values = {k: rating(form, k, problems) for k in ("mood", "stress", "critic")}
    for key, value in values.items():
        if value is None and not any(p.location == key for p in problems):
            problems.append(Problem(key, "web.request.missing"))
    if problems:
        raise ValidationError(problems)
    checkins.record_checkin(
        ctx,
        mood=values["mood"] or 0,
        stress=values["stress"] or 0,
        critic=values["critic"] or 0,
        note=text(form, "note"),
    )
    return RedirectResponse("/?note=checkin_saved", status_code=303)


@router.get("/support")
def support_page(request: Request) -> Response:
    return page(
        request,
        "support.html",
        m.say("support.title"),
        resources=crisis_resources(country_of(request)),
        after_write=request.query_params.get("from") == "write",
    )


# --- signing in (hosted mode) ------------------------------------------------------


def client_address(request: Request) -> str:
    config = state_of(request).config
    if config.trust_forwarded:
        forwarded = request.headers.get("x-forwarded-for", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.client.host if request.client else "unknown"


def set_session_cookie(request: Request, response: Response, token: str) -> None:
    config = state_of(request).config
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(accounts.SESSION_MAX.total_seconds()),
        httponly=True,
        samesite="strict",
        secure=config.secure_cookies,
        path="/",
    )


@router.get("/signin")
def signin_page(request: Request) -> Response:
    if not state_of(request).config.hosted or current_user(request) is not None:
        return RedirectResponse("/", status_code=303)
    return page(
        request,
        "signin.html",
        m.say("web.signin.title"),
        next=redirect_target(request.query_params.get("next")),
        errors=[],
        login="",
    )


@router.post("/signin")
def signin_post(request: Request, form: Form) -> Response:
    state = state_of(request)
    target = redirect_target(text(form, "next"))
    if not state.config.hosted:
        return RedirectResponse(target, status_code=303)
    login = text(form, "login")
    try:
        signed = accounts.sign_in(
            state.db,
            login,
            text(form, "password"),
            client_address(request),
            state.config.clock.now(),
        )
    except (AuthError, TooManyAttemptsError) as error:
        failed: Response
        status = 429 if isinstance(error, TooManyAttemptsError) else 401
        failed = page(
            request,
            "signin.html",
            m.say("web.signin.title"),
            status_code=status,
            next=target,
            errors=m.explain(error),
            login=login,
        )
        if status == 429:
            failed.headers["Retry-After"] = str(error.params.get("retry_after", 60))
        return failed
    response = RedirectResponse(target, status_code=303)
    set_session_cookie(request, response, signed.token)
    return response


@router.get("/signup")
def signup_page(request: Request) -> Response:
    if not state_of(request).config.hosted:
        return RedirectResponse("/", status_code=303)
    return page(request, "signup.html", m.say("web.signup.title"), errors=[], login="")


@router.post("/signup")
def signup_post(request: Request, form: Form) -> Response:
    state = state_of(request)
    if not state.config.hosted:
        return RedirectResponse("/", status_code=303)
    login, password = text(form, "login"), text(form, "password")
    try:
        now = state.config.clock.now()
        signed = accounts.open_session(
            state.db, accounts.register(state.db, login, password, now), now
        )
    except ValidationError as error:
        return page(
            request,
            "signup.html",
            m.say("web.signup.title"),
            status_code=422,
            errors=m.explain(error),
            login=login,
        )
    response = RedirectResponse("/?note=account_made", status_code=303)
    set_session_cookie(request, response, signed.token)
    return response


@router.post("/signout")
def signout_post(request: Request) -> Response:
    state = state_of(request)
    token = session_token(request)
    if state.config.hosted and token:
        accounts.sign_out(state.db, token)
    response = RedirectResponse("/signin?note=signed_out", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


# --- installing on a home screen -----------------------------------------------------


@router.get("/manifest.webmanifest")
def manifest() -> Response:
    body = {
        "name": "kindvoice",
        "short_name": "kindvoice",
        "description": m.say("web.manifest.description"),
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#f6f4ef",
        "theme_color": "#5b7f77",
        "icons": [
            {"src": static_url("icon.svg"), "sizes": "any", "type": "image/svg+xml"},
            {"src": static_url("icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static_url("icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static_url("icon-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    return JSONResponse(body, media_type="application/manifest+json")


@router.get("/favicon.ico")
def favicon() -> Response:
    return RedirectResponse(static_url("icon.svg"), status_code=308)
