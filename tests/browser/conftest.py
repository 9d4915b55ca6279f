"""Browser tests: Playwright driving Debian's chromium against a real `kindvoice serve`.

They skip, with the reason shown, when the Playwright package or /usr/bin/chromium is missing
(`.ci/run` installs chromium, so CI runs them). Each test gets a fresh server on a free port with
its own data folder, started exactly as a person would start it (`python -m kindvoice serve`).

Every page load is watched: a request to any host but the test server, a script error, or a
Content-Security-Policy violation fails the test. Screenshots go to ``KINDVOICE_SCREENSHOTS``
(default ``build/screenshots``), at phone and desktop widths.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

CHROMIUM = Path(os.environ.get("KINDVOICE_CHROMIUM", "/usr/bin/chromium"))
ROOT = Path(__file__).resolve().parents[2]
SHOTS = Path(os.environ.get("KINDVOICE_SCREENSHOTS", ROOT / "build" / "screenshots"))
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
]
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}

playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="the browser tests need Playwright (pip install -e '.[test]')"
)
if not CHROMIUM.exists():
    pytest.skip(
        f"the browser tests need chromium at {CHROMIUM} (apt-get install chromium "
        "chromium-driver; bash .ci/run installs it)",
        allow_module_level=True,
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    url: str
    home: Path
    process: subprocess.Popen[str]


def _start(tmp_path: Path, *extra: str) -> Iterator[Server]:
    port = _free_port()
    home = tmp_path / "home"
    env = {**os.environ, "KINDVOICE_HOME": str(home)}
    env.pop("KINDVOICE_DATABASE_URL", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "kindvoice", "serve", "--port", str(port), *extra],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(url + "/api/v1/ping", timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            out = process.stdout.read() if process.stdout else ""
            pytest.fail(f"kindvoice serve didn't start: {out}")
        time.sleep(0.1)
    try:
        yield Server(url=url, home=home, process=process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    """`kindvoice serve`, as a person starts it on their own computer."""
    yield from _start(tmp_path)


@pytest.fixture
def hosted_server(tmp_path: Path) -> Iterator[Server]:
    """Hosted mode on this computer: one worker on SQLite, the cookie allowed over HTTP."""
    yield from _start(tmp_path, "--hosted", "--workers", "1", "--insecure-cookies")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as driver:
        launched = driver.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
        )
        yield launched
        launched.close()


@dataclass
class Watch:
    """What went wrong while pages loaded: foreign requests, script errors, CSP reports."""

    origin: str
    foreign: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert not self.foreign, f"requests to other hosts: {self.foreign}"
        assert not self.errors, f"errors in the page: {self.errors}"


def open_page(
    browser: Any, server: Server, form: dict[str, Any], **extra: Any
) -> tuple[Any, Watch]:
    """A new browser context (phone or desktop) and page, with every request watched."""
    context = browser.new_context(**form, **extra)
    watch = Watch(origin=server.url)
    own = urlsplit(server.url).netloc

    context.route("**/*", lambda route: _handle(route, own, watch))
    page = context.new_page()
    page.on("pageerror", lambda error: watch.errors.append(f"script error: {error}"))
    page.on("console", lambda message: _console(message, watch))
    page.on("response", lambda response: _response(response, watch))
    return page, watch


def _console(message: Any, watch: Watch) -> None:
    # A page answered with a kind 4xx (a form with a mistake) is logged by chromium as
    # "Failed to load resource"; failing files are caught by _response instead.
    if message.type == "error" and not message.text.startswith("Failed to load resource"):
        watch.errors.append(f"console: {message.text}")


def _response(response: Any, watch: Watch) -> None:
    """A style sheet, script, image or API call that failed (pages themselves may be 4xx)."""
    if response.status >= 400 and response.request.resource_type != "document":
        watch.errors.append(f"{response.status} for {response.url}")
    elif response.status >= 500:
        watch.errors.append(f"{response.status} for the page {response.url}")


def _handle(route: Any, own: str, watch: Watch) -> None:
    target = urlsplit(route.request.url)
    if target.scheme in ("data", "blob") or target.netloc == own:
        route.continue_()
        return
    watch.foreign.append(route.request.url)
    route.abort()


AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def axe_violations(page: Any) -> list[str]:
    """WCAG 2.1 A and AA violations that axe-core finds in the page as it is now."""
    axe = pytest.importorskip(
        "axe_playwright_python.sync_playwright",
        reason="the accessibility check needs axe-playwright-python",
    )
    results = axe.Axe().run(page, options=AXE_OPTIONS)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} places, e.g. {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]


def screenshot(page: Any, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
