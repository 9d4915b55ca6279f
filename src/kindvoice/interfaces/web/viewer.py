"""Who is asking: the one local person, or the signed-in person in hosted mode.

Every route takes ``Viewer`` (pages) or ``ApiViewer`` (the JSON API) and gets a service
``Context`` scoped to that person: the services filter every query by ``ctx.user_id``, so one
person's routes can never reach another's data.
"""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request

from kindvoice.core.clock import ZonedClock, find_zone
from kindvoice.core.errors import AuthError
from kindvoice.interfaces.web.config import WebConfig
from kindvoice.services import accounts
from kindvoice.services.wiring import Context
from kindvoice.storage import repos
from kindvoice.storage.database import Database

SESSION_COOKIE = "kv_session"


class NeedsSignIn(AuthError):
    """No session (or an ended one) in hosted mode. Pages send the person to sign in;
    the API answers 401."""

    code = "needs_sign_in"


@dataclass
class WebState:
    """Shared by every request of one worker process."""

    config: WebConfig
    db: Database
    _local_user: int | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def local_user(self) -> int:
        """The local person's id (made again after they forget everything)."""
        with self._lock:
            if self._local_user is None:
                with self.db.write() as conn:
                    self._local_user = repos.ensure_local_user(
                        conn, str(uuid.uuid4()), self.config.clock.now()
                    )
            return self._local_user

    def forget_local_user(self) -> None:
        with self._lock:
            self._local_user = None

    def context(self, user_id: int) -> Context:
        return Context(
            db=self.db, user_id=user_id, clock=self.config.clock, home=self.config.settings.home
        )


def state_of(request: Request) -> WebState:
    state: WebState = request.app.state.web
    return state


def session_token(request: Request) -> str | None:
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip() or None
    return request.cookies.get(SESSION_COOKIE)


def current_user(request: Request) -> int | None:
    """The person asking, or None in hosted mode when nobody is signed in."""
    state = state_of(request)
    if not state.config.hosted:
        return state.local_user()
    cached = getattr(request.state, "user_id", None)
    if cached is not None:
        return int(cached)
    token = session_token(request)
    if token is None:
        return None
    user_id = accounts.session_user(state.db, token, state.config.clock.now())
    request.state.user_id = user_id
    return user_id


def preferences_for(request: Request, user_id: int) -> dict[str, str]:
    """The person's preferences, read once per request."""
    cached = getattr(request.state, "preferences", None)
    if cached is None:
        cached = accounts.preferences(state_of(request).context(user_id))
        request.state.preferences = cached
    return dict(cached)


def viewer_context(request: Request) -> Context:
    user_id = current_user(request)
    if user_id is None:
        raise NeedsSignIn()
    state = state_of(request)
    ctx = state.context(user_id)
    if state.config.hosted:
        # Days (Today, the program, insights) begin at the person's own midnight, not the
        # server's: the browser tells us its time zone (static/app.js keeps it current).
        zone = find_zone(preferences_for(request, user_id).get("timezone"))
        if zone is not None:
            ctx.clock = ZonedClock(state.config.clock, zone)
    return ctx


Viewer = Annotated[Context, Depends(viewer_context)]
