"""Your data on the web, in local mode: export, import and forgetting everything."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from kindvoice.core.clock import FrozenClock
from kindvoice.domain.records import Emotion
from kindvoice.interfaces.web import settings_files
from kindvoice.services import journal
from tests.interfaces.web.conftest import PASSWORD, Site, form, headers, make_site

NOW = datetime(2026, 3, 14, 9, 30, tzinfo=timezone(timedelta(hours=1)))


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    made = make_site(tmp_path, hosted=False, clock=FrozenClock(NOW))
    yield made
    made.close()


@pytest.fixture
def browser(site: Site) -> TestClient:
    return site.client()


def _seed(site: Site, browser: TestClient) -> None:
    """Two entries (one with feelings and tags) and a check-in, as a person would keep them."""
    state = site.app.state.web
    ctx = state.context(state.local_user())
    journal.record_thought(
        ctx,
        "I always get this wrong",
        situation="the meeting ran late",
        emotions=[Emotion("anxious", 70)],
        tags=["work"],
    )
    journal.record_thought(ctx, "Nobody noticed, and that's okay")
    made = browser.post(
        "/api/v1/checkins",
        json={"mood": 6, "stress": 4, "critic": 7, "note": "long day"},
        headers=headers(browser),
    )
    assert made.status_code == 201, made.text


def _counts(browser: TestClient) -> tuple[int, int]:
    document = browser.get("/api/v1/export").json()
    return len(document["entries"]), len(document["checkins"])


def _upload(browser: TestClient, content: bytes, name: str = "mine.json") -> Any:
    return browser.post(
        "/settings/import",
        data=form(browser),
        files={"file": (name, content, "application/json")},
    )


# --- export -------------------------------------------------------------------------------


def test_export_downloads_the_whole_journal_as_the_cli_writes_it(
    site: Site, browser: TestClient
) -> None:
    _seed(site, browser)
    got = browser.get("/settings/export.json")
    assert got.status_code == 200
    assert got.headers["content-type"].startswith("application/json")
    assert (
        got.headers["content-disposition"]
        == 'attachment; filename="kindvoice-export-2026-03-14.json"'
    )
    assert got.text.endswith("}\n")
    assert '\n  "format"' in got.text
    document = json.loads(got.content)
    assert document["format"] == "kindvoice-export"
    assert {e["thought"] for e in document["entries"]} == {
        "I always get this wrong",
        "Nobody noticed, and that's okay",
    }
    assert [c["note"] for c in document["checkins"]] == ["long day"]
    assert browser.get("/api/v1/export").json() == document


def test_csv_exports_download_entries_and_checkins(site: Site, browser: TestClient) -> None:
    _seed(site, browser)
    entries = browser.get("/settings/export/entries.csv")
    assert entries.status_code == 200
    assert entries.headers["content-type"].startswith("text/csv")
    assert "kindvoice-export-2026-03-14-entries.csv" in entries.headers["content-disposition"]
    assert "I always get this wrong" in entries.content.decode("utf-8-sig")
    checkins = browser.get("/settings/export/checkins.csv")
    assert "long day" in checkins.content.decode("utf-8-sig")
    assert browser.get("/settings/export/passwords.csv").status_code == 404


# --- the round trip -------------------------------------------------------------------------


def test_export_forget_import_through_the_web_gives_everything_back(
    site: Site, browser: TestClient
) -> None:
    _seed(site, browser)
    exported = browser.get("/settings/export.json").content
    before = json.loads(exported)

    confirm = browser.get("/settings/forget")
    assert confirm.status_code == 200
    assert "2 journal entries" in confirm.text
    assert "1 check-in" in confirm.text
    gone = browser.post("/settings/forget", data=form(browser, confirm="forget"))
    assert gone.status_code == 303
    assert gone.headers["location"] == "/?note=forgotten"
    assert _counts(browser) == (0, 0)
    assert "Everything is deleted." in browser.get("/?note=forgotten").text

    back = _upload(browser, exported, "kindvoice-export-2026-03-14.json")
    assert back.status_code == 200, back.text
    assert "Added 2 journal entries and 1 check-in." in back.text
    after = browser.get("/api/v1/export").json()
    for key in ("entries", "checkins"):
        assert [item["id"] for item in after[key]] == [item["id"] for item in before[key]]
    assert after["entries"] == before["entries"]
    assert after["checkins"] == before["checkins"]
    assert after["profile"]["id"] == before["profile"]["id"]

    again = _upload(browser, exported)
    assert again.status_code == 200
    assert "Everything in that file is already here" in again.text
    assert _counts(browser) == (2, 1)


def test_the_api_round_trip_with_a_json_body_and_a_dry_run(site: Site, browser: TestClient) -> None:
    _seed(site, browser)
    document = browser.get("/api/v1/export").json()
    gone = browser.post("/api/v1/forget", json={"confirm": "forget"}, headers=headers(browser))
    assert gone.status_code == 200, gone.text
    assert gone.json()["deleted"]["entries"] == 2
    assert _counts(browser) == (0, 0)

    tried = browser.post("/api/v1/import?dry_run=true", json=document, headers=headers(browser))
    assert tried.status_code == 200, tried.text
    assert tried.json()["dry_run"] is True
    assert tried.json()["entries_added"] == 2
    assert _counts(browser) == (0, 0)

    done = browser.post("/api/v1/import", json=document, headers=headers(browser))
    assert done.status_code == 200
    report = done.json()
    assert (report["entries_added"], report["checkins_added"]) == (2, 1)
    assert report["summary"][0] == "Added 2 journal entries and 1 check-in."
    assert _counts(browser) == (2, 1)

    as_file = browser.post(
        "/api/v1/import",
        files={"file": ("x.json", json.dumps(document).encode(), "application/json")},
        headers=headers(browser),
    )
    assert as_file.json()["entries_skipped"] == 2


# --- files that can't be imported -----------------------------------------------------------

BAD_FILES = [
    pytest.param(b"", "is empty", id="empty"),
    pytest.param(b"   \n", "is empty", id="blank"),
    pytest.param(b"PK\x03\x04\x00\x00binary", "binary data", id="binary"),
    pytest.param(b"\xff\xfe{}", "UTF-8", id="not-utf8"),
    pytest.param(b'{"format": "kindvoice-export", "version": 3,', "stop part-way", id="cut"),
    pytest.param(b"{format: kindvoice}", "valid JSON", id="malformed"),
    pytest.param(b'{"hello": "world"}', "didn&#39;t look quite right", id="wrong-format"),
    pytest.param(
        b'{"format": "kindvoice-export", "version": 99}', "newer kindvoice", id="future-version"
    ),
    pytest.param(
        b'{"format": "kindvoice-export", "version": 3, "entries": [{"thought": 5}]}',
        "didn&#39;t look quite right",
        id="bad-entry",
    ),
]


@pytest.mark.parametrize(("content", "words"), BAD_FILES)
def test_an_upload_that_cant_be_imported_is_explained_and_adds_nothing(
    site: Site, browser: TestClient, content: bytes, words: str
) -> None:
    _seed(site, browser)
    sent = _upload(browser, content)
    assert sent.status_code == 422
    assert words in sent.text
    assert "Nothing was changed" in sent.text or "nothing was changed" in sent.text
    assert 'role="alert"' in sent.text
    assert _counts(browser) == (2, 1)


@pytest.mark.parametrize(("content", "words"), BAD_FILES)
def test_the_api_refuses_a_file_it_cant_import_with_its_problems(
    site: Site, browser: TestClient, content: bytes, words: str
) -> None:
    sent = browser.post(
        "/api/v1/import",
        files={"file": ("mine.json", content, "application/json")},
        headers=headers(browser),
    )
    assert sent.status_code == 422, sent.text
    error = sent.json()["error"]
    assert error["message"]
    assert error["problems"]
    assert all(p["message"] for p in error["problems"])
    assert _counts(browser) == (0, 0)


def test_a_wrong_entry_is_located_in_the_problems(browser: TestClient) -> None:
    document = {"format": "kindvoice-export", "version": 3, "entries": [{"thought": 5}]}
    sent = browser.post("/api/v1/import", json=document, headers=headers(browser))
    assert sent.status_code == 422
    assert any(p["location"].startswith("entries[0]") for p in sent.json()["error"]["problems"])


def test_the_import_form_without_a_file_asks_for_one(browser: TestClient) -> None:
    sent = browser.post(
        "/settings/import",
        data=form(browser),
        files={"file": ("", b"", "application/octet-stream")},
    )
    assert sent.status_code == 422
    assert "Please choose an export file first" in sent.text
    plain = browser.post("/settings/import", data=form(browser))
    assert plain.status_code == 422


def test_a_file_over_the_limit_is_refused_before_anything_is_imported(
    site: Site, browser: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    _seed(site, browser)
    document = browser.get("/settings/export.json").content
    browser.post("/settings/forget", data=form(browser, confirm="forget"))
    monkeypatch.setattr(settings_files, "IMPORT_LIMIT", len(document) - 1)
    page = _upload(browser, document)
    assert page.status_code == 413
    assert "larger than kindvoice can import at once (50 MB)" in page.text
    api = browser.post(
        "/api/v1/import",
        files={"file": ("big.json", document, "application/json")},
        headers=headers(browser),
    )
    assert api.status_code == 413
    assert api.json()["error"]["code"] == "import_too_big"

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted while it streams in
        yield document[:100]
        yield document[100:]

    streamed = browser.post("/api/v1/import", content=chunks(), headers=headers(browser))
    assert streamed.status_code == 413
    assert _counts(browser) == (0, 0)


def test_a_huge_declared_size_is_refused_without_reading_the_body(browser: TestClient) -> None:
    sent = browser.post(
        "/api/v1/import",
        content=b"{}",
        headers={**headers(browser), "Content-Length": str(200 * 1024 * 1024)},
    )
    assert sent.status_code == 413


# --- forgetting -------------------------------------------------------------------------------


@pytest.mark.parametrize("word", ["", "forgot", "yes", "delete"])
def test_forget_with_the_wrong_word_deletes_nothing(
    site: Site, browser: TestClient, word: str
) -> None:
    _seed(site, browser)
    sent = browser.post("/settings/forget", data=form(browser, confirm=word))
    assert sent.status_code == 422
    assert "That wasn&#39;t the word “forget”, so nothing was deleted." in sent.text
    assert _counts(browser) == (2, 1)
    api = browser.post("/api/v1/forget", json={"confirm": word}, headers=headers(browser))
    assert api.status_code == 422
    assert api.json()["error"]["problems"][0]["location"] == "confirm"
    assert _counts(browser) == (2, 1)


def test_after_forgetting_the_app_carries_on_with_a_fresh_journal(
    site: Site, browser: TestClient
) -> None:
    _seed(site, browser)
    browser.put("/api/v1/settings", json={"theme": "dark"}, headers=headers(browser))
    browser.post("/settings/forget", data=form(browser, confirm="  Forget "))
    assert browser.get("/").status_code == 200
    assert browser.get("/api/v1/settings").json()["theme"] == "system"
    made = browser.post(
        "/api/v1/checkins", json={"mood": 5, "stress": 5, "critic": 5}, headers=headers(browser)
    )
    assert made.status_code == 201
    assert _counts(browser) == (0, 1)


def test_forget_needs_the_csrf_token(site: Site, browser: TestClient) -> None:
    _seed(site, browser)
    assert browser.post("/settings/forget", data={"confirm": "forget"}).status_code == 403
    assert browser.post("/api/v1/forget", json={"confirm": "forget"}).status_code == 403
    assert _counts(browser) == (2, 1)


def test_local_mode_has_no_account_to_delete(browser: TestClient) -> None:
    assert browser.get("/settings/account/delete").status_code == 404
    sent = browser.post("/settings/account/delete", data=form(browser, password=PASSWORD))
    assert sent.status_code == 404
