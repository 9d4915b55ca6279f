"""How the web app runs: local (one person, loopback only) or hosted (accounts, PostgreSQL)."""

from __future__ import annotations

from dataclasses import dataclass, field

from kindvoice.core.clock import Clock, SystemClock
from kindvoice.core.config import Settings

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True)
class WebConfig:
    """What `create_app()` needs. ``allowed_hosts`` guards against DNS rebinding in local mode:
    a page elsewhere that points its own name at 127.0.0.1 still can't read anything."""

    settings: Settings
    hosted: bool = False
    allowed_hosts: tuple[str, ...] = LOOPBACK_HOSTS
    clock: Clock = field(default_factory=SystemClock)
    # Hosted mode sends cookies only over HTTPS (put it behind a TLS proxy). Only for trying
    # hosted mode on this computer over plain HTTP (the load bench does) may this be False.
    secure_cookies: bool = True
    # Where the proxy in front says the client is (X-Forwarded-For); only trusted when set.
    trust_forwarded: bool = False
