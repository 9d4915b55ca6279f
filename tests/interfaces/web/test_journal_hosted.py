"""Hosted mode: one person's journal is out of reach of everyone else, route by route."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.interfaces.web.conftest import Site, form, headers
from tests.interfaces.web.test_write import HARSH, stored, write_entry


def _ana_and_ben(hosted: Site) -> tuple[TestClient, TestClient, int]:
    ana, ben = hosted.person("ana"), hosted.person("ben")
    entry_id = write_entry(ana, situation="ana's secret situation")
    write_entry(ben, thought="Ben's own thought about the meeting.")
    return ana, ben, entry_id


def test_another_persons_entry_is_a_404_on_every_page(hosted: Site) -> None:
    ana, ben, entry_id = _ana_and_ben(hosted)
    for path in ("", "/reflect", "/edit", "/delete"):
        page = ben.get(f"/journal/{entry_id}{path}")
        assert page.status_code == 404, path
        assert HARSH not in page.text
    posts = {
        "/edit": {"thought": "ben was here"},
        "/delete": {"confirm": "yes"},
        "/traps": {"added": "blaming"},
        "/reframes": {"own": "ben's words", "belief_before": "10", "belief_after": "5"},
    }
    for path, fields in posts.items():
        sent = ben.post(f"/journal/{entry_id}{path}", data=form(ben, **fields))
        assert sent.status_code == 404, path
    _untouched(ana, entry_id)


def test_another_persons_entry_is_a_404_on_every_api_route(hosted: Site) -> None:
    ana, ben, entry_id = _ana_and_ben(hosted)
    base = f"/api/v1/entries/{entry_id}"
    h = headers(ben)
    calls = {
        "get": ben.get(base),
        "patch": ben.patch(base, json={"thought": "ben was here"}, headers=h),
        "delete": ben.delete(base, headers=h),
        "traps": ben.put(base + "/traps", json={"trap": "blaming", "verdict": "added"}, headers=h),
        "reframes": ben.post(base + "/reframes", json={"text": "ben's words"}, headers=h),
    }
    for name, answer in calls.items():
        assert answer.status_code == 404, name
        assert answer.json()["error"]["code"] == "entry_not_found", name
    _untouched(ana, entry_id)


def test_lists_and_searches_hold_only_ones_own_entries(hosted: Site) -> None:
    _, ben, _ = _ana_and_ben(hosted)
    assert [e["thought"] for e in ben.get("/api/v1/entries").json()] == [
        "Ben's own thought about the meeting."
    ]
    assert ben.get("/api/v1/entries", params={"q": "secret"}).json() == []
    page = ben.get("/journal").text
    assert HARSH not in page
    assert "Ben&#39;s own thought" in page
    assert "secret situation" not in ben.get("/journal", params={"q": "secret"}).text


def test_writing_needs_someone_signed_in(hosted: Site) -> None:
    stranger = hosted.client()
    page = stranger.get("/write")
    assert page.status_code == 303
    assert page.headers["location"].startswith("/signin?next=/write")
    assert stranger.get("/journal/1").status_code == 303
    api = stranger.post("/api/v1/entries", json={"thought": "hello"}, headers=headers(stranger))
    assert api.status_code == 401
    analysed = stranger.post("/api/v1/analyze", json={"thought": HARSH}, headers=headers(stranger))
    assert analysed.status_code == 401


def _untouched(ana: TestClient, entry_id: int) -> None:
    data = stored(ana, entry_id)
    assert data["thought"] == HARSH
    assert data["situation"] == "ana's secret situation"
    assert data["trap_feedback"] == []
    assert data["reframes"] == []
