"""Hosted mode, route by route: one person can never read, change or delete another's data.

Ana keeps one of everything. Ben then tries every route of the app that names a record by id,
with Ana's ids, and every route that lists or sums up records. Each id route must answer 404
(as if the record didn't exist), nothing Ana wrote may appear in any of Ben's answers, and
Ana's records must be exactly as they were. The routes are enumerated from the app itself, so a
new route with an id in its path fails here until it is added below.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.interfaces.web.conftest import Site, all_routes, form, headers

MARKER = "Zanzibar-marmalade"
THOUGHT = f"I'm such a failure, {MARKER} proves it, I always ruin everything."
# Path parameters that name someone's own records, and those that name shared content.
OWNED = {"entry_id", "session_id"}
SHARED = {"practice_id", "pattern", "slug", "number", "table", "name", "cue"}


def _send(browser: TestClient, method: str, path: str, body: Any) -> Any:
    if path.startswith("/api/"):
        return browser.request(method, path, json=body, headers=headers(browser))
    if method == "GET":
        return browser.get(path)
    return browser.request(method, path, data=form(browser, **(body or {})))


# What Ben sends to each route that names one of Ana's records (valid, so only ownership
# can stop it).
ATTEMPTS: dict[tuple[str, str], Any] = {
    ("GET", "/api/v1/entries/{entry_id}"): None,
    ("PATCH", "/api/v1/entries/{entry_id}"): {"thought": "Ben was here"},
    ("DELETE", "/api/v1/entries/{entry_id}"): None,
    ("PUT", "/api/v1/entries/{entry_id}/traps"): {"trap": "labeling", "verdict": "rejected"},
    ("POST", "/api/v1/entries/{entry_id}/reframes"): {"text": "Ben's kinder words"},
    ("GET", "/api/v1/sessions/{session_id}"): None,
    ("GET", "/journal/{entry_id}"): None,
    ("GET", "/journal/{entry_id}/reflect"): None,
    ("GET", "/journal/{entry_id}/edit"): None,
    ("GET", "/journal/{entry_id}/delete"): None,
    ("POST", "/journal/{entry_id}/edit"): {"thought": "Ben was here", "situation": ""},
    ("POST", "/journal/{entry_id}/delete"): {"confirm": "yes"},
    ("POST", "/journal/{entry_id}/traps"): {"trap_labeling": "rejected"},
    ("POST", "/journal/{entry_id}/reframes"): {"choice": "own", "own": "Ben's kinder words"},
}
# Routes that list or sum up a person's records: Ben's answers may hold nothing of Ana's.
OVERVIEWS = (
    "/",
    "/journal",
    "/journal?q=marmalade",  # a word of the marker (the search box repeats the query)
    "/insights",
    "/program",
    "/settings",
    "/settings/export.json",
    "/settings/export/entries.csv",
    "/settings/export/checkins.csv",
    "/api/v1/today",
    "/api/v1/entries",
    "/api/v1/entries?q=marmalade",
    "/api/v1/checkins",
    "/api/v1/sessions",
    "/api/v1/insights",
    "/api/v1/program",
    "/api/v1/export",
    "/api/v1/settings",
    "/api/v1/me",
)


def _params(path: str) -> set[str]:
    return set(re.findall(r"\{([^}]+)\}", path))


@pytest.fixture
def ana_and_ben(hosted_db: Site) -> tuple[TestClient, TestClient, dict[str, Any]]:
    ana, ben = hosted_db.person("ana"), hosted_db.person("ben")
    send = headers(ana)
    entry = ana.post(
        "/api/v1/entries",
        json={"thought": THOUGHT, "situation": f"{MARKER} meeting", "tags": ["zanzibar"]},
        headers=send,
    ).json()
    ana.post(
        f"/api/v1/entries/{entry['id']}/reframes",
        json={
            "text": f"{MARKER}: one moment isn't all of me",
            "belief_before": 80,
            "belief_after": 40,
        },
        headers=send,
    ).raise_for_status()
    session = ana.post(
        "/api/v1/sessions",
        json={
            "practice": "box",
            "kind": "breathing",
            "planned_s": 60,
            "actual_s": 60,
            "completed": True,
        },
        headers=send,
    ).json()
    ana.post(
        "/api/v1/checkins",
        json={"mood": 3, "stress": 8, "critic": 9, "note": MARKER},
        headers=send,
    ).raise_for_status()
    ana.post("/api/v1/program/start", json={}, headers=send).raise_for_status()
    ana.put("/api/v1/settings", json={"theme": "dark", "country": "GB"}, headers=send)
    ids = {
        "entry_id": entry["id"],
        "session_id": session["id"],
        "entry_uid": entry["uid"],
        "session_uid": session["uid"],
    }
    return ana, ben, ids


def _snapshot(ana: TestClient, ids: dict[str, Any]) -> Any:
    entry = ana.get(f"/api/v1/entries/{ids['entry_id']}").json()
    return (
        entry,
        ana.get(f"/api/v1/sessions/{ids['session_id']}").json(),
        ana.get("/api/v1/checkins").json(),
        ana.get("/api/v1/settings").json(),
        ana.get("/api/v1/program").json(),
    )


def test_every_route_with_an_id_is_classified() -> None:
    unknown = {
        (method, path): _params(path) - OWNED - SHARED
        for method, path in all_routes()
        if _params(path) - OWNED - SHARED
    }
    assert unknown == {}, "new path parameters: say whether they name owned records"
    owned = {(m, p) for m, p in all_routes() if _params(p) & OWNED and m != "HEAD"}
    assert owned == set(ATTEMPTS), "every route with an owned id needs an attempt below"


def test_ben_cannot_reach_anas_records_by_any_route(
    ana_and_ben: tuple[TestClient, TestClient, dict[str, Any]],
) -> None:
    ana, ben, ids = ana_and_ben
    before = _snapshot(ana, ids)
    assert MARKER in before[0]["thought"]
    for (method, template), body in ATTEMPTS.items():
        path = template.format(**ids)
        got = _send(ben, method, path, body)
        assert got.status_code == 404, (method, path, got.status_code)
        assert MARKER not in got.text, (method, path)
    assert _snapshot(ana, ids) == before, "Ana's records changed"


def test_nothing_of_anas_shows_in_bens_lists_and_summaries(
    ana_and_ben: tuple[TestClient, TestClient, dict[str, Any]],
) -> None:
    ana, ben, ids = ana_and_ben
    for path in OVERVIEWS:
        got = ben.get(path)
        assert got.status_code == 200, (path, got.status_code)
        for secret in (MARKER, MARKER.lower(), ids["entry_uid"], ids["session_uid"]):
            assert secret not in got.text, (path, secret)
        mine = ana.get(path)
        assert mine.status_code == 200
    # And the same summaries do show Ana her own things, so the checks above can fail.
    assert MARKER in ana.get("/api/v1/export").text
    assert MARKER in ana.get("/journal?q=marmalade").text
    assert ana.get("/api/v1/today").json()["practice_sessions"] == 1
    assert ben.get("/api/v1/today").json()["practice_sessions"] == 0
