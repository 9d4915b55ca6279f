"""The Write and Journal JSON API: analyse, entries, trap answers and kinder words."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from kindvoice.domain.validation import MAX_TEXT_CHARS
from tests.interfaces.web.conftest import headers
from tests.interfaces.web.test_write import CRISIS, HARSH, SITUATION

ENTRY = {
    "situation": SITUATION,
    "thought": HARSH,
    "feelings": [{"name": "embarrassed", "intensity": 70}],
    "tags": ["Work"],
}


def add(client: TestClient, **body: Any) -> dict[str, Any]:
    made = client.post("/api/v1/entries", json={**ENTRY, **body}, headers=headers(client))
    assert made.status_code == 201, made.text
    data: dict[str, Any] = made.json()
    return data


def problems(response: Any) -> set[str]:
    return {p["location"] for p in response.json()["error"]["problems"]}


def test_analyze_says_what_it_noticed_and_offers_labelled_suggestions(client: TestClient) -> None:
    found = client.post(
        "/api/v1/analyze", json={"thought": HARSH, "situation": SITUATION}, headers=headers(client)
    )
    assert found.status_code == 200
    data = found.json()
    assert data["crisis"] is False
    assert data["self_critical"] is True
    assert data["support_url"] is None
    assert data["traps"]
    assert all(t["name"] and 0.5 <= t["probability"] <= 1 for t in data["traps"])
    assert data["noticed"][0].startswith("This sounds hard on yourself")
    assert len(data["suggestions"]) >= 3
    assert {s["part"] for s in data["suggestions"]} <= {
        "mindfulness",
        "common_humanity",
        "self_kindness",
    }
    # Nothing is kept.
    assert client.get("/api/v1/entries").json() == []


def test_analyze_answers_crisis_with_support_only(client: TestClient) -> None:
    data = client.post("/api/v1/analyze", json={"thought": CRISIS}, headers=headers(client)).json()
    assert data["crisis"] is True
    assert data["suggestions"] == []
    assert data["traps"] == []
    assert data["noticed"] == []
    assert data["support_url"] == "/support"


@pytest.mark.parametrize("thought", ["", "   ", "a" * (MAX_TEXT_CHARS + 1), "nul\x00here"])
def test_analyze_refuses_what_it_cannot_read_kindly(client: TestClient, thought: str) -> None:
    found = client.post("/api/v1/analyze", json={"thought": thought}, headers=headers(client))
    assert found.status_code == 422
    assert problems(found) == {"thought"}
    assert found.json()["error"]["message"]


def test_a_new_entry_comes_back_with_its_analysis_and_suggestions(client: TestClient) -> None:
    data = add(client)
    assert data["id"] == 1
    assert data["uid"]
    assert data["created_at"]
    assert data["thought"] == HARSH
    assert data["feelings"] == [{"name": "embarrassed", "intensity": 70}]
    assert data["tags"] == ["work"]
    assert data["crisis"] is False
    assert data["support_url"] is None
    assert data["analysis"]["self_critical"] is True
    assert data["suggestions"]
    assert data["reframes"] == []


def test_a_crisis_entry_is_kept_with_no_suggestions(client: TestClient) -> None:
    data = add(client, thought=CRISIS)
    assert data["crisis"] is True
    assert data["suggestions"] == []
    assert data["support_url"] == "/support"
    assert data["analysis"]["likely_traps"] == []
    assert client.get(f"/api/v1/entries/{data['id']}").status_code == 200


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({"thought": ""}, "thought"),
        ({"thought": "x" * (MAX_TEXT_CHARS + 1)}, "thought"),
        ({"feelings": [{"name": " ", "intensity": 3}]}, "feelings[0].name"),
        ({"feelings": [{"name": "sad", "intensity": 101}]}, "feelings.0.intensity"),
        ({"tags": ["x" * 41]}, "tags[0]"),
        ({"thought": 42}, "thought"),
    ],
)
def test_a_new_entry_with_problems_is_a_kind_422_and_keeps_nothing(
    client: TestClient, body: dict[str, Any], where: str
) -> None:
    sent = client.post("/api/v1/entries", json={**ENTRY, **body}, headers=headers(client))
    assert sent.status_code == 422
    assert where in problems(sent)
    assert client.get("/api/v1/entries").json() == []


def test_the_load_bench_flow_writes_then_keeps_a_reframe(client: TestClient) -> None:
    made = client.post(
        "/api/v1/entries", json={"thought": "I'm hopeless at this."}, headers=headers(client)
    )
    assert made.status_code == 201
    entry_id = made.json()["id"]
    kept = client.post(
        f"/api/v1/entries/{entry_id}/reframes",
        json={"text": "I'm still learning.", "belief_before": 80, "belief_after": 40},
        headers=headers(client),
    )
    assert kept.status_code == 201, kept.text
    data = kept.json()
    assert data["origin"] == "own"
    assert data["belief_before"] == 80
    assert data["belief_after"] == 40
    assert data["crisis"] is False
    (shown,) = client.get(f"/api/v1/entries/{entry_id}").json()["reframes"]
    assert shown["text"] == "I'm still learning."


def test_entries_list_newest_first_in_pages_and_search(client: TestClient) -> None:
    for number in range(5):
        add(client, thought=f"thought number {number}", situation=f"place {number}")
    listed = client.get("/api/v1/entries", params={"limit": 2}).json()
    assert [e["thought"] for e in listed] == ["thought number 4", "thought number 3"]
    later = client.get("/api/v1/entries", params={"limit": 2, "offset": 2}).json()
    assert [e["thought"] for e in later] == ["thought number 2", "thought number 1"]
    found = client.get("/api/v1/entries", params={"q": "place 3"}).json()
    assert [e["thought"] for e in found] == ["thought number 3"]
    assert client.get("/api/v1/entries", params={"q": "nowhere"}).json() == []


@pytest.mark.parametrize(
    "params", [{"limit": 0}, {"limit": 10_000}, {"offset": -1}, {"q": "!!!"}, {"q": "x" * 501}]
)
def test_entries_list_refuses_odd_paging_and_searches_kindly(
    client: TestClient, params: dict[str, Any]
) -> None:
    found = client.get("/api/v1/entries", params=params)
    assert found.status_code == 422
    assert found.json()["error"]["message"]


def test_one_entry_carries_analysis_trap_answers_and_reframes(client: TestClient) -> None:
    entry_id = add(client)["id"]
    trap = client.get(f"/api/v1/entries/{entry_id}").json()["analysis"]["likely_traps"][0]["trap"]
    client.put(
        f"/api/v1/entries/{entry_id}/traps",
        json={"trap": trap, "verdict": "confirmed"},
        headers=headers(client),
    )
    client.post(
        f"/api/v1/entries/{entry_id}/reframes",
        json={"text": "A typo is a typo.", "origin": "own", "belief_before": 60},
        headers=headers(client),
    )
    data = client.get(f"/api/v1/entries/{entry_id}").json()
    assert data["trap_feedback"][0]["trap"] == trap
    assert data["trap_feedback"][0]["verdict"] == "confirmed"
    assert data["reframes"][0]["belief_before"] == 60
    assert data["analysis"]["critic_spans"]


def test_editing_new_words_analyses_them_again(client: TestClient) -> None:
    entry_id = add(client)["id"]
    changed = client.patch(
        f"/api/v1/entries/{entry_id}",
        json={"thought": "I made soup and watched the rain.", "tags": []},
        headers=headers(client),
    )
    assert changed.status_code == 200
    data = changed.json()
    assert data["thought"] == "I made soup and watched the rain."
    assert data["tags"] == []
    assert data["feelings"] == [{"name": "embarrassed", "intensity": 70}]
    assert data["analysis"]["self_critical"] is False
    crisis = client.patch(
        f"/api/v1/entries/{entry_id}", json={"thought": CRISIS}, headers=headers(client)
    ).json()
    assert crisis["crisis"] is True
    assert crisis["suggestions"] == []
    assert crisis["support_url"] == "/support"


def test_an_edit_with_nothing_in_it_changes_nothing(client: TestClient) -> None:
    made = add(client)
    same = client.patch(f"/api/v1/entries/{made['id']}", json={}, headers=headers(client))
    assert same.status_code == 200
    assert same.json()["updated_at"] == made["updated_at"]
    assert same.json()["suggestions"] == []


def test_editing_to_nothing_is_a_kind_422_and_changes_nothing(client: TestClient) -> None:
    entry_id = add(client)["id"]
    sent = client.patch(
        f"/api/v1/entries/{entry_id}", json={"thought": " "}, headers=headers(client)
    )
    assert sent.status_code == 422
    assert problems(sent) == {"thought"}
    assert client.get(f"/api/v1/entries/{entry_id}").json()["thought"] == HARSH


def test_deleting_an_entry_takes_everything_with_it(client: TestClient) -> None:
    entry_id = add(client)["id"]
    gone = client.delete(f"/api/v1/entries/{entry_id}", headers=headers(client))
    assert gone.status_code == 204
    assert client.get(f"/api/v1/entries/{entry_id}").status_code == 404
    again = client.delete(f"/api/v1/entries/{entry_id}", headers=headers(client))
    assert again.status_code == 404


def test_trap_answers_come_one_or_several_and_a_bad_one_keeps_none(client: TestClient) -> None:
    entry_id = add(client)["id"]
    path = f"/api/v1/entries/{entry_id}/traps"
    one = client.put(
        path, json={"trap": "labeling", "verdict": "confirmed"}, headers=headers(client)
    )
    assert one.status_code == 200
    assert [(f["trap"], f["verdict"]) for f in one.json()] == [("labeling", "confirmed")]
    several = client.put(
        path,
        json=[
            {"trap": "labeling", "verdict": "rejected"},
            {"trap": "comparing", "verdict": "added"},
        ],
        headers=headers(client),
    )
    assert {(f["trap"], f["verdict"]) for f in several.json()} == {
        ("labeling", "rejected"),
        ("comparing", "added"),
    }
    bad = client.put(
        path,
        json=[{"trap": "blaming", "verdict": "added"}, {"trap": "doom", "verdict": "maybe"}],
        headers=headers(client),
    )
    assert bad.status_code == 422
    assert problems(bad) == {"[1].trap", "[1].verdict"}
    kept = client.get(f"/api/v1/entries/{entry_id}").json()["trap_feedback"]
    assert "blaming" not in {f["trap"] for f in kept}


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({"text": ""}, "text"),
        ({"text": "ok", "origin": "borrowed"}, "origin"),
        ({"text": "ok", "component": "grit"}, "component"),
        ({"text": "ok", "trap": "doom"}, "trap"),
        ({"text": "ok", "belief_before": 101}, "belief_before"),
        ({"text": "ok", "belief_after": -1}, "belief_after"),
    ],
)
def test_a_reframe_with_problems_is_a_kind_422(
    client: TestClient, body: dict[str, Any], where: str
) -> None:
    entry_id = add(client)["id"]
    sent = client.post(f"/api/v1/entries/{entry_id}/reframes", json=body, headers=headers(client))
    assert sent.status_code == 422
    assert where in problems(sent)
    assert client.get(f"/api/v1/entries/{entry_id}").json()["reframes"] == []


def test_a_reframe_in_crisis_words_comes_back_with_support(client: TestClient) -> None:
    entry_id = add(client)["id"]
    kept = client.post(
        f"/api/v1/entries/{entry_id}/reframes", json={"text": CRISIS}, headers=headers(client)
    ).json()
    assert kept["crisis"] is True
    assert kept["support_url"] == "/support"


def test_unknown_entries_are_kind_404s_on_every_route(client: TestClient) -> None:
    h = headers(client)
    calls = [
        client.get("/api/v1/entries/5"),
        client.patch("/api/v1/entries/5", json={"thought": "x"}, headers=h),
        client.delete("/api/v1/entries/5", headers=h),
        client.put(
            "/api/v1/entries/5/traps", json={"trap": "labeling", "verdict": "added"}, headers=h
        ),
        client.post("/api/v1/entries/5/reframes", json={"text": "kind"}, headers=h),
    ]
    for answer in calls:
        assert answer.status_code == 404
        assert answer.json()["error"]["code"] == "entry_not_found"
        assert "kindvoice journal" not in answer.json()["error"]["message"]


@pytest.mark.parametrize("entry_id", ["0", "-1", str(2**64), "abc"])
def test_ids_that_cannot_be_entries_are_refused_without_a_server_error(
    client: TestClient, entry_id: str
) -> None:
    found = client.get(f"/api/v1/entries/{entry_id}")
    assert found.status_code == 422
    assert found.json()["error"]["message"]


def test_api_changes_need_the_csrf_token(client: TestClient) -> None:
    sent = client.post("/api/v1/entries", json=ENTRY)
    assert sent.status_code == 403
    assert client.get("/api/v1/entries").json() == []
