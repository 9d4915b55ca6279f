"""Settings, local mode: whether the journal is locked, and making a backup from the browser."""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kindvoice.services import journal, vault
from kindvoice.storage.vault import KdfParams
from tests.interfaces.web.conftest import Site, form, make_site

PASSPHRASE = "settings page passphrase"  # noqa: S105 - a test passphrase


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    made = make_site(tmp_path, hosted=False)
    yield made
    made.close()


def test_settings_say_whether_the_journal_is_locked_and_make_a_backup(site: Site) -> None:
    browser = site.client()
    state = site.app.state.web
    ctx = state.context(state.local_user())
    journal.record_thought(ctx, "a thought worth keeping safe")
    page = html.unescape(browser.get("/settings").text)
    assert "isn't locked" in page
    assert "hasn't made a backup yet" in page

    made = browser.post("/settings/backup", data=form(browser), follow_redirects=False)
    assert made.status_code == 303
    assert made.headers["location"] == "/settings?note=backup_made#data"
    assert ctx.home is not None
    files = list((ctx.home / "backups").glob("kindvoice-backup-*.sqlite3"))
    assert len(files) == 1
    assert b"a thought worth keeping safe" in files[0].read_bytes()

    vault.lock(ctx.db, PASSPHRASE, ctx.clock, params=KdfParams(1, 1024, 1))
    page = html.unescape(browser.get("/settings?note=backup_made").text)
    assert "A backup is saved" in page
    assert "Your journal is locked" in page
    assert "kindvoice keeps 1 backup here" in page
    assert browser.get("/journal").text.count("a thought worth keeping safe") == 1


def test_making_a_backup_needs_the_csrf_token(site: Site) -> None:
    browser: TestClient = site.client()
    browser.get("/settings")
    refused = browser.post("/settings/backup", data={}, follow_redirects=False)
    assert refused.status_code == 403


def test_hosted_servers_show_no_backup_button(tmp_path: Path) -> None:
    hosted = make_site(tmp_path, hosted=True)
    try:
        person = hosted.person("reader@example.org")
        page = person.get("/settings")
        assert page.status_code == 200
        assert "Backups and encryption" not in page.text
        refused = person.post("/settings/backup", data=form(person), follow_redirects=False)
        assert refused.status_code == 404
    finally:
        hosted.close()
