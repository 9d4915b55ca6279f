"""What the Write and Journal routes share: reading an entry id, and a kind 404 in the web's
own words when an entry isn't there (or belongs to someone else: the services can't tell the
two apart, on purpose).
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.routing import APIRoute

from kindvoice.core.errors import NotFoundError
from kindvoice.interfaces import messages as m
from kindvoice.interfaces.web.errors import is_api
from kindvoice.services.llm import LlmSettings

# Entry ids are SQL integers: anything larger can't be one, and would overflow the driver.
MAX_ID = 2**63 - 1
ENTRY_NOT_FOUND = "entry_not_found"


def entry_id_of(raw: str) -> int:
    """A page's ``{entry_id}``: a positive whole number, or a kind 404 for anything else."""
    if not raw.isascii() or not raw.isdigit() or not 0 < int(raw) <= MAX_ID:
        raise NotFoundError(ENTRY_NOT_FOUND, id=raw[:20])
    return int(raw)


def entry_missing(request: Request) -> Response:
    """The kind 404 for an entry that isn't there: JSON for the API, a page otherwise."""
    message = m.say("web.journal.missing")
    if is_api(request):
        body = {"error": {"code": ENTRY_NOT_FOUND, "message": message}}
        return JSONResponse(body, status_code=404)
    from kindvoice.interfaces.web.render import page

    return page(request, "entry_missing.html", m.say("web.error.title"), status_code=404)


class EntryRoute(APIRoute):
    """A route that answers an unknown entry with ``entry_missing`` instead of the CLI's
    words (which name a terminal command)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def guarded(request: Request) -> Response:
            try:
                return await handler(request)
            except NotFoundError as error:
                if error.code != ENTRY_NOT_FOUND:
                    raise
                return entry_missing(request)

        return guarded


def see_other(target: str) -> RedirectResponse:
    return RedirectResponse(target, status_code=303)


def llm_of(request: Request) -> LlmSettings | None:
    """The optional local chat model for one more suggestion, when the settings name one."""
    from kindvoice.interfaces.web.viewer import state_of

    return LlmSettings.from_settings(state_of(request).config.settings)
