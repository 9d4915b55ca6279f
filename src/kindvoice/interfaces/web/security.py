"""What keeps every page safe: the Host check, security headers, and CSRF protection.

CSRF uses a double-submit token: a random token in an HttpOnly, SameSite=Strict cookie
(``kv_csrf``) that every form carries in a hidden field (``csrf_token``) and every script call
in the ``X-CSRF-Token`` header. A page on another site can neither read the cookie nor set it,
so it can't post on the person's behalf. Requests signed with ``Authorization: Bearer`` (a
mobile client, never sent by a browser on its own) need no token. The check runs for every
POST, PUT, PATCH and DELETE, as an app-wide dependency, so no route can forget it.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

from fastapi import Request

from kindvoice.core.errors import KindvoiceError

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSRF_COOKIE = "kv_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# The largest request body kindvoice reads: an import file of up to 50 MB, with room for the
# form around it. Anything bigger is refused before it is read.
MAX_BODY = 60 * 1024 * 1024
TOO_BIG = b"That is more than kindvoice can take in one go (60 MB at most), so nothing was changed."

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "media-src 'self' blob:; font-src 'self'; connect-src 'self'; manifest-src 'self'; "
    "worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"referrer-policy", b"no-referrer"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
)
HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")


class CsrfError(KindvoiceError):
    code = "csrf_failed"


class HostError(KindvoiceError):
    code = "bad_host"


def _cookie(headers: list[tuple[bytes, bytes]], name: str) -> str | None:
    for key, value in headers:
        if key == b"cookie":
            for part in value.decode("latin-1").split(";"):
                k, _, v = part.strip().partition("=")
                if k == name and v:
                    return v
    return None


def _header(headers: list[tuple[bytes, bytes]], name: bytes) -> str | None:
    for key, value in headers:
        if key == name:
            return value.decode("latin-1")
    return None


def host_allowed(host_header: str | None, allowed: tuple[str, ...]) -> bool:
    """Is the Host header one of ours (any port)? ``*`` allows every host (hosted mode)."""
    if "*" in allowed:
        return True
    if not host_header:
        return False
    host = urlsplit("//" + host_header).hostname or ""
    return host.lower() in allowed


class SecurityMiddleware:
    """Pure ASGI middleware (cheap on every request): refuses unknown Hosts, makes sure each
    browser has a CSRF token, and adds the security headers to every response."""

    def __init__(
        self, app: ASGIApp, allowed_hosts: tuple[str, ...], secure: bool, hsts: bool
    ) -> None:
        self.app = app
        self.allowed_hosts = allowed_hosts
        self.secure = secure
        self.hsts = hsts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers: list[tuple[bytes, bytes]] = scope["headers"]
        if not host_allowed(_header(headers, b"host"), self.allowed_hosts):
            await _plain(send, 400, b"This address isn't one kindvoice answers to.")
            return
        length = _header(headers, b"content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
            # Refused before a byte of the body is read (the CSRF check would read a form).
            await _plain(send, 413, TOO_BIG)
            return
        sent = _cookie(headers, CSRF_COOKIE)
        fresh = sent is None or len(sent) != 43
        token = secrets.token_urlsafe(32) if sent is None or fresh else sent
        scope.setdefault("state", {})["csrf_token"] = token
        scope["state"]["csrf_fresh"] = fresh

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = list(message.get("headers", []))
                out.extend(HEADERS)
                if self.hsts:
                    out.append(HSTS)
                if fresh:
                    out.append((b"set-cookie", csrf_cookie(token, self.secure).encode()))
                if not any(k == b"cache-control" for k, _ in out):
                    out.append((b"cache-control", _cache_rule(scope)))
                message["headers"] = out
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _cache_rule(scope: Scope) -> bytes:
    """Static files with a version in their address are kept a year; nothing else is stored,
    so journal pages never linger in a shared cache."""
    if str(scope.get("path", "")).startswith("/static/"):
        if b"v=" in scope.get("query_string", b""):
            return b"public, max-age=31536000, immutable"
        return b"public, max-age=3600"
    return b"no-store"


def csrf_cookie(token: str, secure: bool) -> str:
    flags = "Path=/; HttpOnly; SameSite=Strict"
    return f"{CSRF_COOKIE}={token}; {flags}{'; Secure' if secure else ''}"


async def _plain(send: Send, status: int, body: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"), *HEADERS],
        }
    )
    await send({"type": "http.response.body", "body": body})


def csrf_token(request: Request) -> str:
    """This browser's token, for forms and for the page's scripts."""
    return str(request.state.csrf_token)


async def require_csrf(request: Request) -> None:
    """An app-wide dependency: every unsafe request carries the browser's token."""
    if request.method in SAFE_METHODS:
        return
    if request.headers.get("authorization", "").lower().startswith("bearer "):
        return
    origin = request.headers.get("origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host"):
        raise CsrfError()
    if request.state.csrf_fresh:  # no cookie came with the request
        raise CsrfError()
    expected = csrf_token(request)
    sent = request.headers.get(CSRF_HEADER)
    if sent is None:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()
            value = form.get(CSRF_FIELD)
            sent = value if isinstance(value, str) else None
    if not sent or not hmac.compare_digest(sent.encode(), expected.encode()):
        raise CsrfError()
