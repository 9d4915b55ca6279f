"""Errors become kind words here, and only here: JSON for the API, a calm page otherwise.

API errors look like ``{"error": {"code", "message", "problems": [{"location", "code",
"message"}]}}`` with a fitting status: 401 not signed in, 403 a missing CSRF token, 404 not
found, 422 input that can't be used, 429 too many sign-in attempts, 503 the database is
unavailable.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from kindvoice.core.errors import (
    AuthError,
    KindvoiceError,
    NotFoundError,
    Problem,
    StorageError,
    TooManyAttemptsError,
    ValidationError,
)
from kindvoice.domain.practices.catalog import CatalogError
from kindvoice.interfaces import messages as m
from kindvoice.interfaces.web.security import CsrfError

log = logging.getLogger("kindvoice.web")

STATUS: tuple[tuple[type[KindvoiceError], int], ...] = (
    (ValidationError, 422),
    (NotFoundError, 404),
    (CsrfError, 403),
    (TooManyAttemptsError, 429),
    (AuthError, 401),
    (StorageError, 503),
)


def status_for(error: KindvoiceError) -> int:
    for kind, status in STATUS:
        if isinstance(error, kind):
            return status
    return 400


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def problem_json(problem: Problem) -> dict[str, Any]:
    return {
        "location": problem.location,
        "code": problem.code,
        "message": m.describe_problem(problem),
    }


def error_json(error: KindvoiceError) -> dict[str, Any]:
    lines = m.explain(error)
    body: dict[str, Any] = {"code": error.code, "message": lines[0]}
    if isinstance(error, ValidationError):
        body["problems"] = [problem_json(p) for p in error.problems]
    return {"error": body}


def _error_page(request: Request, status: int, lines: list[str]) -> Response:
    from kindvoice.interfaces.web.render import page

    try:
        return page(
            request, "error.html", m.say("web.error.title"), status_code=status, lines=lines
        )
    except Exception:  # the frame itself failed (the database is down, say)
        log.exception("could not draw the error page")
        return Response(lines[0], status_code=status, media_type="text/plain; charset=utf-8")


def _kind_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, KindvoiceError)
    from kindvoice.interfaces.web.viewer import NeedsSignIn

    status = status_for(error)
    headers = {}
    if isinstance(error, TooManyAttemptsError):
        headers["Retry-After"] = str(error.params.get("retry_after", 60))
    if is_api(request):
        return JSONResponse(error_json(error), status_code=status, headers=headers)
    if isinstance(error, NeedsSignIn):
        target = request.url.path
        if request.url.query:
            target += "?" + request.url.query
        return RedirectResponse("/signin?next=" + quote(target, safe="/"), status_code=303)
    response = _error_page(request, status, m.explain(error))
    response.headers.update(headers)
    return response


def _invalid_request(request: Request, error: Exception) -> Response:
    """FastAPI's own checks (a missing field, a number that isn't one) in our words."""
    assert isinstance(error, RequestValidationError)
    problems = []
    for item in error.errors():
        where = [str(part) for part in item.get("loc", ()) if part not in ("body", "query", "path")]
        location = ".".join(where) or "request"
        kind = str(item.get("type", "invalid"))
        problems.append(Problem(location, "web.request." + _request_kind(kind)))
    return _kind_error(request, ValidationError(problems))


def _request_kind(kind: str) -> str:
    if kind in ("missing",):
        return "missing"
    if "int" in kind or "float" in kind or "number" in kind:
        return "number"
    if "too_long" in kind or "too_short" in kind or "greater" in kind or "less" in kind:
        return "range"
    if "bool" in kind:
        return "choice"
    return "invalid"


def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    key = {404: "web.error.not_found", 405: "web.error.method"}.get(
        error.status_code, "web.error.general"
    )
    if is_api(request):
        body = {"error": {"code": f"http_{error.status_code}", "message": m.say(key)}}
        return JSONResponse(body, status_code=error.status_code, headers=error.headers)
    return _error_page(request, error.status_code, [m.say(key)])


def _unexpected(request: Request, error: Exception) -> Response:
    log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=error)
    if is_api(request):
        body = {"error": {"code": "internal", "message": m.say("web.error.ours")}}
        return JSONResponse(body, status_code=500)
    return _error_page(request, 500, [m.say("web.error.ours")])


def _catalog_error(request: Request, error: Exception) -> Response:
    return _unexpected(request, error)


def install(app: FastAPI) -> None:
    app.add_exception_handler(KindvoiceError, _kind_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(CatalogError, _catalog_error)
    app.add_exception_handler(Exception, _unexpected)
