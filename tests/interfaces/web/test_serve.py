"""`kindvoice serve`: loopback only unless --hosted, prints its address, really answers."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from kindvoice.interfaces.cli.app import app
from kindvoice.interfaces.cli.serve_cmds import is_loopback

runner = CliRunner()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def first_answer(url: str, server: subprocess.Popen[str], wait_s: float = 60) -> httpx.Response:
    """The first answer a just-started server gives at ``url``, trying until it listens."""
    deadline = time.monotonic() + wait_s
    while True:
        try:
            return httpx.get(url, timeout=5)
        except httpx.TransportError:
            assert server.poll() is None, server.stdout.read() if server.stdout else ""
            assert time.monotonic() < deadline, "the server never answered"
            time.sleep(0.1)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "example.org"])  # noqa: S104
def test_serve_refuses_other_addresses_without_hosted(host: str) -> None:
    result = runner.invoke(app, ["serve", "--host", host, "--port", str(free_port())])
    assert result.exit_code == 1
    assert "only on this computer" in result.output
    assert "--hosted" in result.output


def test_hosted_with_several_workers_needs_postgres() -> None:
    result = runner.invoke(app, ["serve", "--hosted", "--workers", "2"])
    assert result.exit_code == 1
    assert "PostgreSQL" in result.output


def test_a_busy_port_is_named_kindly() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(app, ["serve", "--port", str(port)])
    assert result.exit_code == 1
    assert f"port {port}" in result.output


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("127.0.0.2", True),
        ("0.0.0.0", False),  # noqa: S104
        ("10.0.0.1", False),
        ("kindvoice.example", False),
    ],
)
def test_loopback_names(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


@pytest.mark.slow
@pytest.mark.parametrize("workers", ["1", "2"])
def test_serve_prints_its_address_and_answers_there(tmp_path: Path, workers: str) -> None:
    port = free_port()
    env = {**os.environ, "KINDVOICE_HOME": str(tmp_path / "home")}
    server = subprocess.Popen(
        [sys.executable, "-m", "kindvoice", "serve", "--port", str(port), "--workers", workers],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert server.stdout is not None
        first = server.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in first
        page = first_answer(f"http://127.0.0.1:{port}/", server, wait_s=30)
        assert page.status_code == 200
        assert "kindvoice" in page.text
        stranger = httpx.get(
            f"http://127.0.0.1:{port}/", headers={"Host": "rebound.example"}, timeout=5
        )
        assert stranger.status_code == 400  # every worker keeps to loopback names
        assert list((tmp_path / "home").glob("*.sqlite3")), "the journal is in KINDVOICE_HOME"
    finally:
        server.terminate()
        server.wait(timeout=15)
