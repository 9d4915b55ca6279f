"""`kindvoice serve`: the web app. Local (loopback only, no sign-in) unless --hosted.

FastAPI and uvicorn are imported only when the command runs, so `kindvoice --help` stays fast.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from typing import TYPE_CHECKING, Annotated

import typer

from kindvoice.core.errors import ConfigError, KindvoiceError
from kindvoice.interfaces import messages as m
from kindvoice.interfaces.cli import render
from kindvoice.interfaces.cli.state import state_of

if TYPE_CHECKING:
    from kindvoice.storage.database import Database

DEFAULT_PORT = 8765
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})


def is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _check_port(host: str, port: int) -> None:
    """Fail kindly before uvicorn does, when the port is taken or the address isn't here."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise KindvoiceError(
                "serve_port_busy", host=host, port=port, reason=str(error.strerror)
            ) from None


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help=m.HELP["serve.host"])] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help=m.HELP["serve.port"])] = (
        DEFAULT_PORT
    ),
    hosted: Annotated[bool, typer.Option("--hosted", help=m.HELP["serve.hosted"])] = False,
    workers: Annotated[
        int | None, typer.Option("--workers", min=1, max=64, help=m.HELP["serve.workers"])
    ] = None,
    open_browser: Annotated[bool, typer.Option("--open", help=m.HELP["serve.open"])] = False,
    trust_proxy: Annotated[
        bool, typer.Option("--trust-proxy", help=m.HELP["serve.trust_proxy"])
    ] = False,
    insecure_cookies: Annotated[
        bool, typer.Option("--insecure-cookies", help=m.HELP["serve.insecure_cookies"])
    ] = False,
) -> None:
    state = state_of(ctx)
    settings = state.settings
    if not hosted and not is_loopback(host):
        raise ConfigError("serve_needs_hosted", host=host)
    if workers is None:
        workers = 2 if hosted else 1
    if hosted and settings.is_sqlite and workers > 1:
        raise ConfigError("serve_hosted_needs_postgres")
    _check_port(host, port)

    import uvicorn

    from kindvoice.services.backups import migrate_with_backup
    from kindvoice.storage.database import Database

    db = Database(settings.database_url)
    migrate_with_backup(db, settings.home)  # once, before any worker starts
    _open_if_locked(db, several=hosted or workers > 1)
    url_host = f"[{host}]" if ":" in host else host
    url = f"http://{url_host}:{port}/"
    options = {
        "host": host,
        "port": port,
        "log_level": "warning",
        "access_log": False,  # paths can hold search words; they are nobody's business
        "server_header": False,
        "proxy_headers": trust_proxy,
        "forwarded_allow_ips": "*" if trust_proxy else None,
    }
    if hosted:
        db.dispose()
        os.environ["KINDVOICE_WEB_HOSTED"] = "1"
        os.environ["KINDVOICE_DATABASE_URL"] = settings.database_url
        if insecure_cookies:
            os.environ["KINDVOICE_WEB_INSECURE_COOKIES"] = "1"
            render.info(m.say("serve.insecure_cookies"))
        render.info(m.say("serve.hosted_at", url=url, workers=workers))
        uvicorn.run(
            "kindvoice.interfaces.web.app:app_from_env",
            factory=True,
            workers=workers,
            **options,  # type: ignore[arg-type]
        )
        return

    render.info(m.say("serve.local_at", url=url))
    render.info(m.say("serve.stop_hint"))
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    if workers > 1:  # several processes on the one SQLite file (WAL lets them share it)
        db.dispose()
        os.environ["KINDVOICE_DATABASE_URL"] = settings.database_url
        uvicorn.run(
            "kindvoice.interfaces.web.app:app_from_env",
            factory=True,
            workers=workers,
            **options,  # type: ignore[arg-type]
        )
        return

    from kindvoice.interfaces.web.app import create_app
    from kindvoice.interfaces.web.config import WebConfig

    app = create_app(WebConfig(settings=settings), db=db)
    uvicorn.run(app, **options)  # type: ignore[arg-type]


def _open_if_locked(db: Database, *, several: bool) -> None:
    """A locked journal is opened once, before serving: here at the terminal (the command,
    the keyring or a prompt), or, for worker processes, checked now with the passphrase
    command or the keyring, which each worker then uses itself."""
    from kindvoice.services import vault

    record = vault.status(db)
    if record is None:
        return
    if several:
        from kindvoice.services.passphrase import ask_without_prompt

        vault.open_session(db, ask_without_prompt(record, 1, False))
        return
    from kindvoice.interfaces.cli.passphrase_ask import current_passphrase

    vault.open_session(db, current_passphrase(record))
