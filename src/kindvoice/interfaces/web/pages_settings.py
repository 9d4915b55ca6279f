"""Pages: Settings (reminders, crisis-lines country, voice, theme, your data, your account),
and the two confirm pages: forgetting everything (local) and deleting an account (hosted)."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from kindvoice.core.errors import (
    AuthError,
    ImportFileError,
    KindvoiceError,
    NotFoundError,
    ValidationError,
)
from kindvoice.domain.learn.resources import crisis_resources
from kindvoice.domain.reminders import read_reminder
from kindvoice.interfaces import messages as m
from kindvoice.interfaces.web import settings_files as files
from kindvoice.interfaces.web import settings_prefs as prefs
from kindvoice.interfaces.web.forms import read_form, text
from kindvoice.interfaces.web.render import THEMES, page, preferences_of
from kindvoice.interfaces.web.viewer import SESSION_COOKIE, Viewer, state_of
from kindvoice.services import account, accounts, journal
from kindvoice.services.wiring import Context

router = APIRouter(include_in_schema=False)

SECTIONS = ("reminders", "country", "voice", "theme", "data", "account")
# What to say about a value that isn't one of the choices; each preference's section (and
# anchor) has the preference's own name.
UNKNOWN_VALUE = {
    "country": "web.settings.country.unknown",
    "voice": "web.settings.voice.unknown",
    "theme": "web.settings.theme.unknown",
}
MAX_DAY_VALUES = 14


def settings_page(
    request: Request,
    ctx: Context,
    status_code: int = 200,
    errors: dict[str, list[str]] | None = None,
    reminder: dict[str, Any] | None = None,
) -> Response:
    """The Settings page; ``errors`` holds lines to show in a section, by its anchor."""
    state = state_of(request)
    server_country = state.config.settings.country
    server_name = None
    if server_country:
        found = crisis_resources(server_country)
        server_name = found.country_name if found.country else None
    hosted = state.config.hosted
    return page(
        request,
        "settings.html",
        m.say("web.settings.title"),
        status_code=status_code,
        prefs=prefs.current(preferences_of(request)),
        countries=prefs.country_choices(),
        server_country=server_name,
        themes=THEMES,
        voices=prefs.VOICES,
        day_keys=files.DAY_KEYS,
        errors=errors or {},
        reminder=reminder or {"at": "08:30", "days": list(files.DAY_KEYS)},
        limit_mb=files.IMPORT_LIMIT_MB,
        login=accounts.login_of(ctx) if hosted else None,
        safety=None if hosted else _safety(ctx),
    )


def _safety(ctx: Context) -> dict[str, Any]:
    """Local mode: whether the journal is locked, and the backups kindvoice made."""
    from kindvoice.services import backups, vault

    made = sorted(backups.all_backups(ctx.home), key=lambda path: path.stat().st_mtime)
    newest = None
    if made:
        moment = datetime.fromtimestamp(made[-1].stat().st_mtime, tz=UTC)
        newest = moment.astimezone(ctx.clock.now().tzinfo).strftime("%a %d %b %Y, %H:%M")
    return {
        "locked": vault.status(ctx.db) is not None,
        "count": m.count(len(made), "backup"),
        "newest": newest,
    }


@router.post("/settings/backup")
def backup_post(request: Request, ctx: Viewer) -> Response:
    """Local mode: a backup into the data folder's backups (hosted servers back up whole)."""
    from kindvoice.services import backups

    if state_of(request).config.hosted:
        raise NotFoundError("not_found")
    backups.make_backup(ctx)
    return RedirectResponse("/settings?note=backup_made#data", status_code=303)


@router.get("/settings")
def settings(request: Request, ctx: Viewer) -> Response:
    return settings_page(request, ctx)


@router.post("/settings")
async def settings_post(request: Request, ctx: Viewer) -> Response:
    """Keep the preferences the form carried (each section sends its own)."""
    form = await read_form(request)
    given: dict[str, str | None] = {name: text(form, name) for name in prefs.NAMES if name in form}
    values, problems = prefs.check(given)
    if problems:
        errors = {p.location: [m.say(UNKNOWN_VALUE[p.location])] for p in problems}
        return settings_page(request, ctx, status_code=422, errors=errors)
    if values:
        await run_in_threadpool(accounts.set_preferences, ctx, values)
    section = text(form, "section")
    anchor = "#" + section if section in SECTIONS else ""
    return RedirectResponse("/settings?note=settings_saved" + anchor, status_code=303)


# --- the reminder ----------------------------------------------------------------------


@router.get("/settings/reminder.ics")
def reminder_download(request: Request, ctx: Viewer) -> Response:
    """The calendar file for the form's time and days, or the page again with kind words."""
    at = request.query_params.get("at", "")[:20]
    days = [day[:20] for day in request.query_params.getlist("day")[:MAX_DAY_VALUES]]
    try:
        when, chosen = read_reminder(at, ",".join(days))
    except ValidationError as error:
        lines = [m.say("web.settings.reminders.no_download")]
        lines.extend(m.describe_problem(p) for p in error.problems)
        return settings_page(
            request,
            ctx,
            status_code=422,
            errors={"reminders": lines},
            reminder={"at": at, "days": days},
        )
    return files.reminder_response(state_of(request), when, chosen)


# --- your data -------------------------------------------------------------------------


@router.get("/settings/export.json")
def export_json(ctx: Viewer) -> Response:
    return files.export_json(ctx)


@router.get("/settings/export/{table}.csv")
def export_csv(table: str, ctx: Viewer) -> Response:
    if table not in files.CSV_TABLES:
        raise NotFoundError("not_found")
    return files.export_csv(ctx, table)


@router.post("/settings/import")
async def import_post(request: Request, ctx: Viewer) -> Response:
    """Bring in an uploaded export: a summary of what was added, or every problem found
    with nothing imported."""
    try:
        upload = await files.read_upload(request)
        if upload is None:
            return settings_page(
                request,
                ctx,
                status_code=422,
                errors={"data": [m.say("web.settings.import.no_file")]},
            )
        raw, name = upload
        hosted = state_of(request).config.hosted
        report = await run_in_threadpool(partial(files.import_bytes, ctx, raw, name, hosted=hosted))
    except ImportFileError as error:
        status = 413 if error.code == "import_too_big" else 422
        return settings_page(request, ctx, status_code=status, errors={"data": m.explain(error)})
    except ValidationError as error:
        return settings_page(request, ctx, status_code=422, errors={"data": m.explain(error)})
    return page(
        request,
        "settings_imported.html",
        m.say("web.settings.import.title"),
        lines=files.report_lines(report),
    )


def _counts(ctx: Context) -> dict[str, str]:
    found = journal.count(ctx)
    return {
        "entries": m.count(found.get("entries", 0), "entry"),
        "checkins": m.count(found.get("checkins", 0), "checkin"),
        "runs": m.count(found.get("practice_runs", 0), "practice_run"),
    }


@router.get("/settings/forget")
def forget_page(request: Request, ctx: Viewer) -> Response:
    if state_of(request).config.hosted:
        return RedirectResponse("/settings/account/delete", status_code=303)
    return _forget(request, ctx)


def _forget(request: Request, ctx: Context, errors: list[str] | None = None) -> Response:
    return page(
        request,
        "forget.html",
        m.say("web.forget.title"),
        status_code=422 if errors else 200,
        counts=_counts(ctx),
        word=account.CONFIRM_WORD,
        errors=errors or [],
    )


@router.post("/settings/forget")
async def forget_post(request: Request, ctx: Viewer) -> Response:
    """Delete everything once the confirm word is typed (local mode; hosted mode deletes the
    account, which needs the password)."""
    state = state_of(request)
    if state.config.hosted:
        return RedirectResponse("/settings/account/delete", status_code=303)
    form = await read_form(request)
    try:
        await run_in_threadpool(account.forget_everything, ctx, text(form, "confirm")[:100])
    except KindvoiceError as error:
        if error.code != "forget_not_confirmed":
            raise
        return _forget(request, ctx, m.explain(error))
    state.forget_local_user()
    return RedirectResponse("/?note=forgotten", status_code=303)


# --- your account (hosted) -------------------------------------------------------------


def _hosted_only(request: Request) -> None:
    if not state_of(request).config.hosted:
        raise NotFoundError("web.local_has_no_accounts")


def _account_delete(
    request: Request, ctx: Context, status_code: int = 200, errors: list[str] | None = None
) -> Response:
    return page(
        request,
        "account_delete.html",
        m.say("web.account_delete.title"),
        status_code=status_code,
        login=accounts.login_of(ctx) or "",
        counts=_counts(ctx),
        errors=errors or [],
    )


@router.get("/settings/account/delete")
def account_delete_page(request: Request, ctx: Viewer) -> Response:
    _hosted_only(request)
    return _account_delete(request, ctx)


@router.post("/settings/account/delete")
async def account_delete_post(request: Request, ctx: Viewer) -> Response:
    """Delete the account and everything in it after checking the password, then sign out."""
    _hosted_only(request)
    form = await read_form(request)
    password = text(form, "password")[: accounts.MAX_PASSWORD]
    try:
        if not password:
            raise AuthError()
        await run_in_threadpool(accounts.delete_account, ctx, password)
    except AuthError:
        return _account_delete(request, ctx, 401, [m.say("web.account_delete.wrong_password")])
    response = RedirectResponse("/signin?note=forgotten", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
