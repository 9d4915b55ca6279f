"""The FastAPI app: pages, the JSON API under /api/v1, static files and the safety middleware.

``create_app(config)`` builds one app (tests call it in-process); ``app_from_env()`` is the
factory uvicorn's worker processes call in hosted mode, reading the same settings from the
environment.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources

from fastapi import APIRouter, Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from kindvoice import __version__
from kindvoice.core.config import load_settings
from kindvoice.interfaces.web import errors
from kindvoice.interfaces.web.config import WebConfig
from kindvoice.interfaces.web.security import SecurityMiddleware, require_csrf
from kindvoice.interfaces.web.viewer import WebState
from kindvoice.storage.database import Database

API_PREFIX = "/api/v1"
HOSTED_ENV = "KINDVOICE_WEB_HOSTED"
INSECURE_ENV = "KINDVOICE_WEB_INSECURE_COOKIES"


def routers() -> tuple[list[APIRouter], list[APIRouter]]:
    """(page routers, API routers), one module per part of the app."""
    from kindvoice.interfaces.web import (
        api_core,
        api_insights,
        api_practice,
        api_settings,
        api_write,
        pages_core,
        pages_insights,
        pages_practice,
        pages_settings,
        pages_write,
    )

    pages = [pages_core, pages_write, pages_practice, pages_insights, pages_settings]
    apis = [api_core, api_write, api_practice, api_insights, api_settings]
    return [p.router for p in pages], [a.router for a in apis]


THREADS_ENV = "KINDVOICE_WEB_THREADS"
# Routes are plain functions FastAPI runs in a thread pool. Their work is mostly Python under
# one interpreter lock (the database, the language engine), so a few threads keep the CPU busy;
# AnyIO's default of 40 only adds memory and switching when the server is busy.
DEFAULT_THREADS = 8


def _threads() -> int:
    value = os.environ.get(THREADS_ENV, "").strip()
    return max(1, min(int(value), 200)) if value.isdigit() else DEFAULT_THREADS


@asynccontextmanager
async def _lifespan(_app: FastAPI) -> AsyncIterator[None]:
    import anyio.to_thread

    anyio.to_thread.current_default_thread_limiter().total_tokens = _threads()
    yield


def create_app(config: WebConfig, db: Database | None = None) -> FastAPI:
    """The whole web app for one database. Migrates the database when it's behind."""
    if db is None:
        from kindvoice.services.backups import migrate_with_backup
        from kindvoice.services.passphrase import ask_without_prompt

        db = Database(config.settings.database_url)
        migrate_with_backup(db, config.settings.home)
        # A locked journal: workers open it with the passphrase command (or the keyring).
        db.keys.ask = ask_without_prompt
    app = FastAPI(
        title="kindvoice",
        version=__version__,
        description=(
            "The JSON API behind kindvoice's web app: everything the pages do. Every POST, "
            "PUT, PATCH and DELETE needs the X-CSRF-Token header (the kv_csrf cookie's value) "
            "unless it is signed with Authorization: Bearer. In hosted mode, sign in first."
        ),
        docs_url=None,  # the interactive docs load scripts from a CDN; we load nothing
        redoc_url=None,
        openapi_url=API_PREFIX + "/openapi.json",
        dependencies=[Depends(require_csrf)],
        lifespan=_lifespan,
    )
    app.state.web = WebState(config=config, db=db)
    errors.install(app)
    pages, apis = routers()
    for router in apis:
        app.include_router(router, prefix=API_PREFIX)
    for router in pages:
        app.include_router(router)
    static = resources.files("kindvoice.interfaces.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    hosted = config.hosted
    secure = hosted and config.secure_cookies
    app.add_middleware(
        SecurityMiddleware,
        allowed_hosts=("*",) if hosted else config.allowed_hosts,
        secure=secure,
        hsts=secure,
    )
    return app


def app_from_env() -> FastAPI:
    """For uvicorn's workers (hosted mode): the settings come from the environment."""
    settings = load_settings()
    hosted = os.environ.get(HOSTED_ENV) == "1"
    config = WebConfig(
        settings=settings,
        hosted=hosted,
        secure_cookies=os.environ.get(INSECURE_ENV) != "1",
    )
    return create_app(config)
