"""The Settings page and the API bring in Daylio and jrnl exports too, told apart by content."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from kindvoice.core.clock import FrozenClock
from tests.interfaces.web.conftest import Site, form, headers, make_site

NOW = datetime(2026, 3, 14, 9, 30, tzinfo=timezone(timedelta(hours=1)))
DATA = Path(__file__).resolve().parents[2] / "data" / "imports"


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    made = make_site(tmp_path, hosted=False, clock=FrozenClock(NOW))
    yield made
    made.close()


@pytest.fixture
def browser(site: Site) -> TestClient:
    return site.client()


def counts(browser: TestClient) -> tuple[int, int]:
    document = browser.get("/api/v1/export").json()
    return len(document["entries"]), len(document["checkins"])


def upload(browser: TestClient, name: str, content: bytes | None = None) -> Response:
    data = (DATA / name).read_bytes() if content is None else content
    return browser.post(
        "/settings/import",
        data=form(browser),
        files={"file": (name, data, "text/csv")},
    )


def test_a_daylio_export_comes_in_through_the_settings_page(browser: TestClient) -> None:
    page = upload(browser, "daylio_current.csv")
    assert page.status_code == 200, page.text
    assert "Added 4 journal entries and 6 check-ins." in page.text
    assert counts(browser) == (4, 6)
    checkins = browser.get("/api/v1/export").json()["checkins"]
    assert {(c["stress"], c["critic"]) for c in checkins} == {(None, None)}
    listed = browser.get("/api/v1/checkins").json()
    assert {(c["mood"], c["stress"], c["critic"]) for c in listed} >= {(1, None, None)}
    again = upload(browser, "daylio_current.csv")
    assert "Everything in that file is already here" in again.text
    assert counts(browser) == (4, 6)


def test_custom_daylio_moods_on_the_web_are_named_with_the_way_to_place_them(
    browser: TestClient,
) -> None:
    page = upload(browser, "daylio_custom_moods.csv")
    assert page.status_code == 422
    text = page.text
    assert "“sad”, “ok but sleepy”, “Refreshed”" in text
    assert "kindvoice import --mood-map" in text
    assert counts(browser) == (0, 0)


def test_the_api_takes_a_jrnl_export_with_a_dry_run_first(browser: TestClient) -> None:
    raw = (DATA / "jrnl.json").read_bytes()
    tried = browser.post(
        "/api/v1/import?dry_run=true",
        files={"file": ("jrnl.json", raw, "application/json")},
        headers=headers(browser),
    )
    assert tried.status_code == 200, tried.text
    assert (tried.json()["entries_added"], tried.json()["dry_run"]) == (3, True)
    assert counts(browser) == (0, 0)
    done = browser.post("/api/v1/import", content=raw, headers=headers(browser))
    assert done.status_code == 200, done.text
    assert done.json()["summary"][0] == "Added 3 journal entries and 0 check-ins."
    entries = browser.get("/api/v1/export").json()["entries"]
    assert {e["source"] for e in entries} == {"jrnl"}
    # Read by the engine like anything written here.
    assert all(e.get("analysis") for e in entries)


def test_a_broken_daylio_sheet_is_refused_with_its_rows(browser: TestClient) -> None:
    good = (DATA / "daylio_8col.csv").read_bytes()
    cut = good[: good.index(b"Nobody said")]
    page = upload(browser, "daylio.csv", cut)
    assert page.status_code == 422
    assert "row 4" in page.text
    api = browser.post(
        "/api/v1/import",
        files={"file": ("daylio.csv", cut, "text/csv")},
        headers=headers(browser),
    )
    assert api.status_code == 422
    problems = api.json()["error"]["problems"]
    assert [p["location"] for p in problems] == ["row 4"]
    assert counts(browser) == (0, 0)
