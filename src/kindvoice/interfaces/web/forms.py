"""Reading plain HTML forms: every field as text, numbers checked kindly, nothing trusted."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from starlette.datastructures import FormData, UploadFile

from kindvoice.core.errors import Problem

MAX_FIELD = 100_000


async def read_form(request: Request) -> FormData:
    """The form (already read by the CSRF check, so this costs nothing twice)."""
    return await request.form()


# For a route: ``def save(request: Request, ctx: Viewer, form: Form)``. The form is read in
# this async dependency, so the route itself can be a plain function that FastAPI runs in its
# thread pool, and its database and model work never holds up the event loop.
Form = Annotated[FormData, Depends(read_form)]


def text(form: FormData, name: str, default: str = "") -> str:
    value = form.get(name)
    if value is None or isinstance(value, UploadFile):
        return default
    return value[:MAX_FIELD]


def rating(
    form: FormData, name: str, problems: list[Problem], low: int = 0, high: int = 10
) -> int | None:
    """A whole number from ``low`` to ``high``; an empty field is None; anything else is a
    problem located at ``name``."""
    raw = text(form, name).strip()
    if not raw:
        return None
    try:
        value = int(raw)
    except ValueError:
        problems.append(Problem(name, "web.request.number"))
        return None
    if not low <= value <= high:
        problems.append(Problem(name, "web.request.between", {"low": low, "high": high}))
        return None
    return value


def redirect_target(raw: str | None, default: str = "/") -> str:
    """Only paths on this site (``/journal``), never another site (``//evil``, ``http:``)."""
    if not raw or not raw.startswith("/") or raw.startswith("//") or "\\" in raw:
        return default
    return raw
