"""The JSON API's core: who am I, today, check-ins, support, and hosted accounts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, Field

from kindvoice.core.errors import AuthError, NotFoundError
from kindvoice.domain.learn.resources import (
    crisis_resources,
    known_countries,
    resources_to_dict,
)
from kindvoice.domain.records import CheckIn
from kindvoice.interfaces.web.pages_core import country_of, set_session_cookie, today_summary
from kindvoice.interfaces.web.program_api import plan_json as program_plan_json
from kindvoice.interfaces.web.security import csrf_token
from kindvoice.interfaces.web.viewer import SESSION_COOKIE, Viewer, session_token, state_of
from kindvoice.services import accounts, checkins

router = APIRouter(tags=["core"])


class CheckInIn(BaseModel):
    mood: int = Field(ge=0, le=10)
    stress: int = Field(ge=0, le=10)
    critic: int = Field(ge=0, le=10)
    kindness: int | None = Field(default=None, ge=0, le=10)
    note: str = Field(default="", max_length=20_000)


class CheckInOut(BaseModel):
    id: int | None
    uid: str
    created_at: datetime
    mood: int
    stress: int | None = Field(description="0–10; null for a check-in brought in from Daylio")
    critic: int | None = Field(description="0–10; null for a check-in brought in from Daylio")
    kindness: int | None
    note: str


class Credentials(BaseModel):
    login: str = Field(max_length=254)
    password: str = Field(max_length=1024)


class PasswordIn(BaseModel):
    password: str = Field(max_length=1024)


def checkin_out(item: CheckIn) -> CheckInOut:
    return CheckInOut(
        id=item.id,
        uid=item.uid,
        created_at=item.created_at,
        mood=item.mood,
        stress=item.stress,
        critic=item.critic,
        kindness=item.kindness,
        note=item.note,
    )


@router.get("/ping")
def ping() -> dict[str, bool]:
    """A trivial endpoint: the baseline the load bench measures beside the real routes."""
    return {"ok": True}


@router.get("/csrf")
def csrf(request: Request) -> dict[str, str]:
    """This browser's CSRF token (also set as the kv_csrf cookie), for API clients."""
    return {"csrf_token": csrf_token(request)}


@router.get("/me")
def me(request: Request, ctx: Viewer) -> dict[str, Any]:
    hosted = state_of(request).config.hosted
    return {
        "hosted": hosted,
        "login": accounts.login_of(ctx) if hosted else None,
        "preferences": accounts.preferences(ctx),
    }


@router.get("/today")
def today(ctx: Viewer) -> dict[str, Any]:
    """Today's check-in (if any), the program's plan, and the practice done today."""
    found = today_summary(ctx)
    plan = found["plan"]
    return {
        "checkin": checkin_out(found["checkin"]).model_dump() if found["checkin"] else None,
        "practice_sessions": len(found["runs"]),
        "practice_seconds": found["practice_seconds"],
        # The same shape as /api/v1/program's "today" (one source: program_api.plan_json).
        "program": None if plan is None else program_plan_json(plan),
    }


@router.get("/checkins", response_model=list[CheckInOut])
def list_checkins(ctx: Viewer, limit: int = 30) -> list[CheckInOut]:
    return [checkin_out(c) for c in checkins.list_checkins(ctx, limit=max(1, min(limit, 1000)))]


@router.post("/checkins", response_model=CheckInOut, status_code=201)
def add_checkin(body: CheckInIn, ctx: Viewer) -> CheckInOut:
    item = checkins.record_checkin(
        ctx, body.mood, body.stress, body.critic, note=body.note, kindness=body.kindness
    )
    return checkin_out(item)


@router.get("/support")
def support(request: Request, country: str | None = None) -> dict[str, Any]:
    """Crisis lines for a country (ISO code), or for the person's chosen country."""
    if country is not None and len(country) > 10:
        raise NotFoundError("unknown_country", country=country[:10])
    found = crisis_resources(country or country_of(request))
    return {
        **resources_to_dict(found),
        "country_name": found.country_name,
        "known_countries": list(known_countries()),
    }


# --- hosted accounts -------------------------------------------------------------------


def _hosted_only(request: Request) -> None:
    if not state_of(request).config.hosted:
        raise NotFoundError("web.local_has_no_accounts")


@router.post("/account", status_code=201)
def register(body: Credentials, request: Request, response: Response) -> dict[str, Any]:
    """Create an account (hosted mode) and sign in."""
    _hosted_only(request)
    state = state_of(request)
    now = state.config.clock.now()
    user_id = accounts.register(state.db, body.login, body.password, now)
    signed = accounts.open_session(state.db, user_id, now)
    set_session_cookie(request, response, signed.token)
    return {"token": signed.token, "csrf_token": csrf_token(request)}


@router.post("/session")
def sign_in(body: Credentials, request: Request, response: Response) -> dict[str, Any]:
    """Sign in (hosted mode). Sets the session cookie; also returns the token for clients
    that send it as ``Authorization: Bearer``."""
    _hosted_only(request)
    return _sign_in(body, request, response)


def _sign_in(body: Credentials, request: Request, response: Response) -> dict[str, Any]:
    from kindvoice.interfaces.web.pages_core import client_address

    state = state_of(request)
    signed = accounts.sign_in(
        state.db, body.login, body.password, client_address(request), state.config.clock.now()
    )
    set_session_cookie(request, response, signed.token)
    return {"token": signed.token, "csrf_token": csrf_token(request)}


@router.delete("/session", status_code=204)
def sign_out(request: Request) -> Response:
    token = session_token(request)
    if state_of(request).config.hosted and token:
        accounts.sign_out(state_of(request).db, token)
    response = Response(status_code=204)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.delete("/account")
def delete_account(body: PasswordIn, request: Request, ctx: Viewer) -> dict[str, int]:
    """Delete the account and everything in it (hosted mode; the password confirms)."""
    _hosted_only(request)
    if not body.password:
        raise AuthError()
    return accounts.delete_account(ctx, body.password)
