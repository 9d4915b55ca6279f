"""The JSON API: settings (preferences), the reminder calendar, export, import, forgetting."""

from __future__ import annotations

import dataclasses
from functools import partial
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from kindvoice.core.errors import ImportFileError, KindvoiceError, ValidationError
from kindvoice.domain.reminders import read_reminder
from kindvoice.interfaces import messages as m
from kindvoice.interfaces.web import settings_files as files
from kindvoice.interfaces.web import settings_prefs as prefs
from kindvoice.interfaces.web.errors import error_json
from kindvoice.interfaces.web.viewer import SESSION_COOKIE, Viewer, state_of
from kindvoice.services import account, accounts, portability

router = APIRouter(tags=["settings"])

Voice = Literal["on", "off"]
Theme = Literal["system", "light", "dark"]


class SettingsOut(BaseModel):
    """Every preference, with its default where none is kept."""

    country: str | None = Field(description="ISO code for the crisis lines; null: anywhere")
    voice: Voice
    theme: Theme
    timezone: str | None = Field(
        description="IANA time zone for the person's days (hosted mode); null: the server's"
    )


class SettingsIn(BaseModel):
    """The preferences to change; one left out stays as it is, null goes back to its default."""

    model_config = ConfigDict(extra="forbid")

    country: str | None = Field(default=None, max_length=10)
    voice: Voice | None = None
    theme: Theme | None = None
    timezone: str | None = Field(default=None, max_length=64)


class ImportReportOut(BaseModel):
    entries_added: int
    entries_skipped: int
    checkins_added: int
    checkins_skipped: int
    dry_run: bool
    practice_runs_added: int
    practice_runs_skipped: int
    program_events_added: int
    program_events_skipped: int
    assessments_added: int
    assessments_skipped: int
    summary: list[str] = Field(description="What happened, in plain sentences")


class ForgetIn(BaseModel):
    confirm: str = Field(max_length=100, description='The word "forget"')
    password: str | None = Field(
        default=None, max_length=1024, description="Hosted mode: the account's password"
    )


class ForgetOut(BaseModel):
    deleted: dict[str, int]


def _out(kept: dict[str, str]) -> SettingsOut:
    return SettingsOut.model_validate(prefs.current(kept))


@router.get("/settings", response_model=SettingsOut)
def get_settings(ctx: Viewer) -> SettingsOut:
    return _out(accounts.preferences(ctx))


@router.put("/settings", response_model=SettingsOut)
def put_settings(body: SettingsIn, ctx: Viewer) -> SettingsOut:
    """Change some preferences; an unknown country is a 422 and then nothing is kept."""
    given = {name: getattr(body, name) for name in body.model_fields_set}
    values, problems = prefs.check(given)
    if problems:
        raise ValidationError(problems)
    kept = accounts.set_preferences(ctx, values) if values else accounts.preferences(ctx)
    return _out(kept)


ICS: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/calendar": {}}, "description": "The iCalendar file"}
}


@router.get("/reminders.ics", response_class=Response, responses=ICS)
def reminder_calendar(
    request: Request,
    ctx: Viewer,
    at: Annotated[str, Query(max_length=20, description="HH:MM, 24-hour")],
    days: Annotated[
        str, Query(max_length=100, description="daily, weekdays, weekends, mon-fri, mon,wed")
    ] = "daily",
) -> Response:
    """A calendar file with a repeating reminder at ``at`` on ``days``."""
    when, chosen = read_reminder(at, days)
    return files.reminder_response(state_of(request), when, chosen)


@router.get("/export")
def export(ctx: Viewer) -> dict[str, Any]:
    """The whole journal as the kindvoice export document (see docs/data-format.md)."""
    return portability.export_document(ctx)


IMPORT_BODY: dict[str, Any] = {
    "requestBody": {
        "content": {
            "application/json": {"schema": {"type": "object"}},
            "text/csv": {"schema": {"type": "string"}},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {"file": {"type": "string", "format": "binary"}},
                }
            },
        }
    }
}


def _file_error(error: ImportFileError) -> JSONResponse:
    """A file that couldn't be read at all: 413 when too big, else 422, with one problem."""
    body = error_json(error)
    body["error"]["problems"] = [
        {"location": "file", "code": error.code, "message": body["error"]["message"]}
    ]
    return JSONResponse(body, status_code=413 if error.code == "import_too_big" else 422)


@router.post("/import", response_model=ImportReportOut, openapi_extra=IMPORT_BODY)
async def import_(request: Request, ctx: Viewer, dry_run: bool = False) -> Any:
    """Bring in a kindvoice export, a Daylio CSV export or a jrnl JSON export (multipart
    ``file``, or the file itself as the body), told apart by what's inside.

    Nothing is added unless the whole file can be used; what is already here (same id) stays
    as it is. A Daylio export whose moods kindvoice can't place on its 0–10 scale is a 422
    naming them (`kindvoice import --mood-map` brings such a file in).
    """
    try:
        upload = await files.read_upload(request)
        if upload is None:
            upload = (b"", m.say("web.settings.import.the_file"))
        raw, name = upload
        hosted = state_of(request).config.hosted
        report = await run_in_threadpool(
            partial(files.import_bytes, ctx, raw, name, hosted=hosted, dry_run=dry_run)
        )
    except ImportFileError as error:
        return _file_error(error)
    return ImportReportOut(**dataclasses.asdict(report), summary=files.report_lines(report))


@router.post("/forget", response_model=ForgetOut)
def forget(body: ForgetIn, request: Request, ctx: Viewer) -> Any:
    """Delete everything kept here, after the confirm word. In hosted mode this deletes the
    account too, so the password is needed as well, and the session ends."""
    state = state_of(request)
    if body.confirm.strip().lower() != account.CONFIRM_WORD:
        error = KindvoiceError("forget_not_confirmed", word=account.CONFIRM_WORD)
        found = error_json(error)
        found["error"]["problems"] = [
            {"location": "confirm", "code": error.code, "message": found["error"]["message"]}
        ]
        return JSONResponse(found, status_code=422)
    if state.config.hosted:
        counts = accounts.delete_account(ctx, body.password or "")
        response = JSONResponse(ForgetOut(deleted=counts).model_dump())
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response
    counts = account.forget_everything(ctx, body.confirm)
    state.forget_local_user()
    return ForgetOut(deleted=counts)
