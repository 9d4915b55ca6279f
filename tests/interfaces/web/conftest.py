"""Fixtures for the web app: the whole app in-process (FastAPI's TestClient) on a real SQLite
file, in local mode and in hosted mode, with helpers for CSRF tokens and accounts.

- ``web`` / ``client``: local mode, one person, at http://127.0.0.1:8765.
- ``hosted``: hosted mode (accounts, secure cookies) at https://kindvoice.example;
  ``hosted.person("ana")`` registers an account and returns a signed-in client.
- ``csrf(client)``: the browser's CSRF token (fetched once; every POST/PUT/PATCH/DELETE needs
  it as the ``X-CSRF-Token`` header or the ``csrf_token`` form field).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the web tests need FastAPI (pip install -e '.[test]')")

from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from starlette.routing import Route

from kindvoice.core.clock import Clock
from kindvoice.core.config import Settings
from kindvoice.interfaces.web.app import API_PREFIX, create_app, routers
from kindvoice.interfaces.web.config import LOOPBACK_HOSTS, WebConfig

LOCAL_BASE = "http://127.0.0.1:8765"
HOSTED_BASE = "https://kindvoice.example"
PASSWORD = "a quiet harbour at dusk"  # noqa: S105 - a test account's password


def csrf(client: TestClient) -> str:
    """This client's CSRF token (the kv_csrf cookie), fetching one when it has none yet."""
    token = client.cookies.get("kv_csrf")
    if not token:
        token = client.get("/api/v1/csrf").json()["csrf_token"]
    return str(token)


def headers(client: TestClient) -> dict[str, str]:
    """Headers for an API call that changes something."""
    return {"X-CSRF-Token": csrf(client)}


def form(client: TestClient, **values: Any) -> dict[str, Any]:
    """Form fields with the CSRF token added."""
    return {"csrf_token": csrf(client), **values}


def _walk(router: Any, prefix: str) -> Iterator[tuple[str, str]]:
    for route in router.routes:
        inner = getattr(route, "original_router", None)
        if inner is not None:  # a router included in another one
            yield from _walk(inner, prefix + route.include_context.prefix)
        elif isinstance(route, APIRoute | Route):
            for method in sorted(route.methods or ()):
                yield method, prefix + route.path


def all_routes() -> list[tuple[str, str]]:
    """(method, path) of every page and API route the app serves, however it's included."""
    pages, apis = routers()
    found: list[tuple[str, str]] = []
    for prefix, group in (("", pages), (API_PREFIX, apis)):
        for router in group:
            found.extend(_walk(router, prefix))
    return sorted(set(found))


def settings_for(tmp_path: Path, database_url: str | None = None, **extra: Any) -> Settings:
    home = tmp_path / "home"
    home.mkdir(parents=True, exist_ok=True)
    url = database_url or f"sqlite:///{home / 'journal.sqlite3'}"
    return Settings(home=home, database_url=url, **extra)


@dataclass
class Site:
    """One running app and the clients made for it."""

    app: FastAPI
    base_url: str
    config: WebConfig
    clients: list[TestClient] = field(default_factory=list)

    def client(self) -> TestClient:
        made = TestClient(self.app, base_url=self.base_url, follow_redirects=False)
        made.__enter__()
        self.clients.append(made)
        return made

    def person(self, login: str, password: str = PASSWORD) -> TestClient:
        """Hosted mode: a new account, signed in, as its own browser."""
        browser = self.client()
        made = browser.post(
            "/api/v1/account",
            json={"login": login, "password": password},
            headers=headers(browser),
        )
        assert made.status_code == 201, made.text
        return browser

    def close(self) -> None:
        for made in self.clients:
            made.__exit__(None, None, None)


def make_site(
    tmp_path: Path,
    hosted: bool,
    clock: Clock | None = None,
    extra_hosts: tuple[str, ...] = (),
    **settings: Any,
) -> Site:
    config = WebConfig(
        settings=settings_for(tmp_path, **settings),
        hosted=hosted,
        clock=clock or _system(),
        allowed_hosts=LOOPBACK_HOSTS + extra_hosts,
    )
    base_url = HOSTED_BASE if hosted else LOCAL_BASE
    return Site(app=create_app(config), base_url=base_url, config=config)


def _system() -> Clock:
    from kindvoice.core.clock import SystemClock

    return SystemClock()


@pytest.fixture
def web(tmp_path: Path) -> Iterator[Site]:
    site = make_site(tmp_path, hosted=False)
    yield site
    site.close()


@pytest.fixture
def client(web: Site) -> TestClient:
    return web.client()


@pytest.fixture
def hosted(tmp_path: Path) -> Iterator[Site]:
    site = make_site(tmp_path, hosted=True)
    yield site
    site.close()


@pytest.fixture
def hosted_db(tmp_path: Path, database_url: str) -> Iterator[Site]:
    """Hosted mode on each database kind: a real SQLite file, and a real PostgreSQL database
    (the way organisations run it; skipped with the reason shown when no server is given)."""
    site = make_site(tmp_path, hosted=True, database_url=database_url)
    yield site
    site.close()
    site.app.state.web.db.dispose()
