"""`kindvoice serve` on a locked journal: opened once at the start, or refused kindly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from kindvoice.core.clock import SystemClock
from kindvoice.core.config import Settings
from kindvoice.services import journal, vault
from kindvoice.services.wiring import open_context
from kindvoice.storage.vault import KdfParams
from tests.interfaces.test_vault_cli import command_printing
from tests.interfaces.web.test_serve import first_answer, free_port

PASSPHRASE = "served with care"  # noqa: S105 - a test passphrase
WORDS = "a locked thought about the rehearsal"


def _locked_home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    ctx = open_context(
        Settings(home=home, database_url=f"sqlite:///{home / 'kindvoice.sqlite3'}"), SystemClock()
    )
    journal.record_thought(ctx, WORDS)
    vault.lock(ctx.db, PASSPHRASE, ctx.clock, params=KdfParams(1, 1024, 1))
    ctx.close()
    return home


def test_serve_refuses_a_locked_journal_it_cannot_open(tmp_path: Path) -> None:
    home = _locked_home(tmp_path)
    env = {**os.environ, "KINDVOICE_HOME": str(home)}
    env.pop("KINDVOICE_PASSPHRASE_COMMAND", None)
    for extra in ({}, {"KINDVOICE_PASSPHRASE_COMMAND": command_printing("not the passphrase")}):
        done = subprocess.run(
            [sys.executable, "-m", "kindvoice", "serve", "--port", str(free_port())],
            env={**env, **extra},
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 77, done.stderr
        assert "Nothing was changed" in done.stderr


@pytest.mark.slow
@pytest.mark.parametrize("workers", ["1", "2"])
def test_serve_opens_a_locked_journal_with_the_passphrasecommand_printing(
    tmp_path: Path, workers: str
) -> None:
    home = _locked_home(tmp_path)
    port = free_port()
    env = {
        **os.environ,
        "KINDVOICE_HOME": str(home),
        "KINDVOICE_PASSPHRASE_COMMAND": command_printing(PASSPHRASE),
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "kindvoice", "serve", "--port", str(port), "--workers", workers],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        page = first_answer(f"http://127.0.0.1:{port}/journal", server)
        assert page.status_code == 200
        assert WORDS in page.text
        found = httpx.get(f"http://127.0.0.1:{port}/journal?q=rehearsal", timeout=5)
        assert WORDS in found.text
        missing = httpx.get(f"http://127.0.0.1:{port}/journal?q=zebra", timeout=5)
        assert missing.status_code == 200
        assert WORDS not in missing.text
    finally:
        server.terminate()
        server.wait(timeout=15)
    assert WORDS.encode() not in (home / "kindvoice.sqlite3").read_bytes()
