"""Drawing pages: the Jinja2 environment (autoescaped), the shared frame, and notes.

Templates never hold sentences of their own: they call ``say("web....")`` from the one message
catalog. Whatever a person wrote is escaped by Jinja2 on the way out, so it renders as text.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib import resources
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from kindvoice import __version__
from kindvoice.interfaces import messages as m
from kindvoice.interfaces.web.security import CSRF_FIELD, csrf_token
from kindvoice.interfaces.web.viewer import current_user, preferences_for, state_of

# The header's navigation: (path, catalog key). Support is separate and always shown.
NAV: tuple[tuple[str, str], ...] = (
    ("/", "web.nav.today"),
    ("/write", "web.nav.write"),
    ("/journal", "web.nav.journal"),
    ("/breathe", "web.nav.breathe"),
    ("/practices", "web.nav.practices"),
    ("/program", "web.nav.program"),
    ("/insights", "web.nav.insights"),
    ("/learn", "web.nav.learn"),
    ("/settings", "web.nav.settings"),
)
THEMES = ("system", "light", "dark")
# Short notes a page can show after a redirect (?note=...); only these keys are accepted.
NOTES = frozenset(
    {
        "checkin_saved",
        "entry_saved",
        "entry_updated",
        "entry_deleted",
        "reframe_saved",
        "session_saved",
        "settings_saved",
        "imported",
        "forgotten",
        "signed_out",
        "account_made",
        "program_changed",
        "backup_made",
    }
)


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("kindvoice.interfaces.web", "templates"),
        autoescape=select_autoescape(["html", "svg", "xml"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["say"] = m.say
    env.globals["trap_name"] = m.trap_name
    env.globals["count"] = m.count
    env.globals["static"] = static_url
    env.globals["nav"] = NAV
    env.globals["csrf_field"] = CSRF_FIELD
    return env


@cache
def _static_version() -> str:
    """A short hash of the static files, so browsers fetch new ones after an upgrade."""
    digest = hashlib.sha256(__version__.encode())
    folder = resources.files("kindvoice.interfaces.web") / "static"
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if item.is_file():
            digest.update(item.name.encode())
            digest.update(item.read_bytes())
    return digest.hexdigest()[:10]


def static_url(name: str) -> str:
    return f"/static/{name}?v={_static_version()}"


def theme_of(request: Request) -> str:
    prefs = preferences_of(request)
    theme = prefs.get("theme", "system")
    return theme if theme in THEMES else "system"


def preferences_of(request: Request) -> dict[str, str]:
    """The person's preferences, read once per request (empty when nobody is signed in)."""
    user_id = current_user(request)
    return {} if user_id is None else preferences_for(request, user_id)


def page(
    request: Request,
    template: str,
    title: str,
    status_code: int = 200,
    **values: Any,
) -> HTMLResponse:
    """A whole page in the shared frame. ``title`` is already in words."""
    state = state_of(request)
    note = request.query_params.get("note")
    signed_in = (not state.config.hosted) or current_user(request) is not None
    html = (
        _environment()
        .get_template(template)
        .render(
            request=request,
            path=request.url.path,
            title=title,
            csrf=csrf_token(request),
            hosted=state.config.hosted,
            signed_in=signed_in,
            theme=theme_of(request) if signed_in else "system",
            # Hosted mode: the time zone kept for the person ("" when none yet); app.js
            # sends the browser's own when it differs, so days begin at their midnight.
            timezone=preferences_of(request).get("timezone", "")
            if state.config.hosted and signed_in
            else None,
            note=note if note in NOTES else None,
            **values,
        )
    )
    return HTMLResponse(html, status_code=status_code)


def fragment(template: str, **values: Any) -> str:
    """A piece of markup on its own (an SVG chart, say), escaped like any page."""
    return _environment().get_template(template).render(**values)
