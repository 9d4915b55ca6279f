"""Today, Support, check-ins and the frame, in local mode."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.interfaces.web.conftest import form, headers


def test_today_page_renders_with_the_support_link_and_landmarks(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert 'href="/support"' in page.text
    assert "<main" in page.text
    assert "<nav" in page.text
    assert "<header" in page.text
    assert 'lang="en"' in page.text


def test_a_checkin_from_the_form_shows_on_today(client: TestClient) -> None:
    sent = client.post("/checkin", data=form(client, mood="6", stress="3", critic="7"))
    assert sent.status_code == 303
    assert sent.headers["location"] == "/?note=checkin_saved"
    today = client.get("/?note=checkin_saved").text
    assert 'id="checkin-done"' in today
    assert "inner critic 7" in today


def test_a_checkin_out_of_range_is_refused_kindly_and_keeps_nothing(client: TestClient) -> None:
    sent = client.post("/checkin", data=form(client, mood="11", stress="3", critic="x"))
    assert sent.status_code == 422
    assert "from 0 to 10" in sent.text
    assert client.get("/api/v1/checkins").json() == []


def test_the_api_records_and_lists_checkins(client: TestClient) -> None:
    made = client.post(
        "/api/v1/checkins", json={"mood": 4, "stress": 8, "critic": 6}, headers=headers(client)
    )
    assert made.status_code == 201, made.text
    listed = client.get("/api/v1/checkins").json()
    assert [c["stress"] for c in listed] == [8]
    assert client.get("/api/v1/today").json()["checkin"]["mood"] == 4


def test_api_validation_errors_name_each_field(client: TestClient) -> None:
    sent = client.post(
        "/api/v1/checkins", json={"mood": 40, "critic": "loud"}, headers=headers(client)
    )
    assert sent.status_code == 422
    problems = {p["location"] for p in sent.json()["error"]["problems"]}
    assert problems == {"mood", "stress", "critic"}


def test_support_is_reachable_without_anything_else(client: TestClient) -> None:
    page = client.get("/support")
    assert page.status_code == 200
    assert "findahelpline.com" in page.text
    us = client.get("/api/v1/support", params={"country": "us"}).json()
    assert us["country"] == "US"
    assert "911" in us["emergency"]


def test_unknown_pages_and_routes_are_kind_404s(client: TestClient) -> None:
    assert client.get("/no-such-page").status_code == 404
    missing = client.get("/api/v1/no-such-route")
    assert missing.status_code == 404
    assert missing.json()["error"]["message"]


def test_manifest_and_icons_are_served(client: TestClient) -> None:
    manifest = client.get("/manifest.webmanifest").json()
    assert manifest["display"] == "standalone"
    for icon in manifest["icons"]:
        assert client.get(icon["src"]).status_code == 200


def test_the_openapi_document_describes_the_api(client: TestClient) -> None:
    spec = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/checkins" in spec["paths"]
    assert not any(path.startswith("/api/v1") is False for path in spec["paths"])


def test_today_in_the_api_gives_the_program_as_the_program_route_does(client: TestClient) -> None:
    assert client.get("/api/v1/today").json()["program"] is None
    client.post("/api/v1/program/start", json={}, headers=headers(client)).raise_for_status()
    today = client.get("/api/v1/today").json()["program"]
    assert today == client.get("/api/v1/program").json()["today"]
    assert today["week"] == 1
    assert {item["key"] for item in today["items"]} >= {"daily", "core"}
