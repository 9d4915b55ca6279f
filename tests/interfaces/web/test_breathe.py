"""Breathe: choosing a pattern, the session page drawn from the pacer's own schedule, the
schedule API, and noting a breath (by the page's script, or by hand without scripts)."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient

from kindvoice.domain.practices.catalog import find_pattern, load_patterns
from kindvoice.domain.practices.pacer import make_schedule
from kindvoice.domain.practices.patterns import parse_pattern
from tests.interfaces.web.conftest import Site, form, headers


def data_block(html: str, block_id: str) -> dict[str, object]:
    found = re.search(
        rf'<script type="application/json" id="{block_id}">(.*?)</script>', html, re.S
    )
    assert found, block_id
    loaded: dict[str, object] = json.loads(found.group(1))
    return loaded


def engine_boundaries(text: str, **length: float) -> list[tuple[str, float, float]]:
    pattern = find_pattern(text) or parse_pattern(text)
    schedule = make_schedule(pattern, **length)  # type: ignore[arg-type]
    return [(b.phase.kind, b.start, b.end) for b in schedule.boundaries()]


def sent_boundaries(schedule: dict[str, object]) -> list[tuple[str, float, float]]:
    phases = schedule["phases"]
    assert isinstance(phases, list)
    return [(p["kind"], p["start"], p["end"]) for p in phases]


# --- the pages ---------------------------------------------------------------------------


def test_breathe_chooser_offers_every_pattern_and_every_length(client: TestClient) -> None:
    page = client.get("/breathe")
    assert page.status_code == 200
    for pattern in load_patterns():
        assert f'value="{pattern.id}"' in page.text
        assert pattern.description.split(".")[0] in page.text
    for minutes in ("0.5", "1", "2", "5", "10"):
        assert f'name="minutes" value="{minutes}"' in page.text
    assert "30 seconds" in page.text
    assert 'name="own"' in page.text
    assert 'name="gentle"' in page.text


def test_breathe_session_carries_the_pacers_exact_schedule(client: TestClient) -> None:
    page = client.get("/breathe", params={"pattern": "box", "minutes": "0.5"})
    assert page.status_code == 200
    schedule = data_block(page.text, "schedule")
    assert sent_boundaries(schedule) == engine_boundaries("box", minutes=0.5)
    total = schedule["total"]
    assert isinstance(total, float)
    assert 25 <= total <= 35
    config = data_block(page.text, "breathe-config")
    assert config["practice"] == "box"
    assert config["pattern"] == "4-4-4-4"
    # The script, the circle, the words and the quiet way without scripts.
    assert "breathe.js" in page.text
    assert 'id="breath-shape"' in page.text
    assert 'id="breathe-start"' in page.text
    assert 'id="breathe-stop"' in page.text
    assert "Breathe in for 4 seconds." in page.text
    assert 'action="/breathe/log"' in page.text


def test_every_script_on_the_breathe_page_is_a_file_or_data(client: TestClient) -> None:
    page = client.get("/breathe", params={"pattern": "4-7-8", "minutes": "1"}).text
    for tag in re.findall(r"<script[^>]*>", page):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    assert " style=" not in page


def test_typed_and_gentle_patterns_make_their_own_schedules(client: TestClient) -> None:
    typed = client.get("/breathe", params={"own": "4-6", "pattern": "box", "cycles": "3"})
    assert typed.status_code == 200
    assert "Your own pattern, 4-6" in typed.text
    assert sent_boundaries(data_block(typed.text, "schedule")) == engine_boundaries("4-6", cycles=3)
    gentle = client.get("/breathe", params={"pattern": "4-7-8", "cycles": "1", "gentle": "1"})
    phases = data_block(gentle.text, "schedule")["phases"]
    assert isinstance(phases, list)
    assert [p["end"] - p["start"] for p in phases] == [4.0, 2.0, 8.0]
    assert "two seconds at most" in gentle.text


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"pattern": "boxx"}, "no breathing pattern called"),
        ({"own": "4--6"}, "a dash with no number"),
        ({"pattern": "box", "minutes": "500"}, "longer than kindvoice paces"),
        ({"pattern": "box", "minutes": "soon"}, "isn"),
    ],
)
def test_breathe_refuses_what_it_cant_pace_kindly(
    client: TestClient, params: dict[str, str], words: str
) -> None:
    page = client.get("/breathe", params=params)
    assert page.status_code == 422
    assert words in page.text
    assert 'role="alert"' in page.text
    assert 'action="/breathe"' in page.text  # the chooser again, to try another


def test_a_breath_noted_by_hand_shows_on_today(client: TestClient) -> None:
    sent = client.post(
        "/breathe/log",
        data=form(
            client,
            pattern="box",
            length="1",
            minutes="1",
            rate="1",
            stress_before="7",
            stress_after="4",
        ),
    )
    assert sent.status_code == 303
    assert sent.headers["location"] == "/?note=session_saved"
    today = client.get("/api/v1/today").json()
    assert today["practice_sessions"] == 1
    assert today["practice_seconds"] == 60
    (run,) = client.get("/api/v1/sessions").json()
    assert run["practice"] == "box"
    assert run["pattern"] == "4-4-4-4"
    assert run["completed"] is True
    assert (run["stress_before"], run["stress_after"]) == (7, 4)
    assert 'id="today-practice"' in client.get("/").text


def test_a_breath_noted_without_rating_keeps_no_ratings(client: TestClient) -> None:
    client.post(
        "/breathe/log",
        data=form(client, pattern="4-6", length="2", minutes="0.5", stress_before="7"),
    )
    (run,) = client.get("/api/v1/sessions").json()
    assert run["practice"] == "custom"
    assert run["pattern"] == "4-6"
    assert run["stress_before"] is None
    assert run["completed"] is False  # half a minute of two


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"minutes": ""}, "this is needed"),
        ({"minutes": "0"}, "from 0 to 180"),
        ({"minutes": "many"}, "isn"),
        ({"minutes": "2", "rate": "1", "stress_before": "12"}, "from 0 to 10"),
    ],
)
def test_a_breath_noted_by_hand_is_checked_kindly(
    client: TestClient, fields: dict[str, str], words: str
) -> None:
    sent = client.post("/breathe/log", data=form(client, pattern="box", length="2", **fields))
    assert sent.status_code == 422
    assert words in sent.text
    assert client.get("/api/v1/sessions").json() == []


def test_noting_a_breath_needs_the_csrf_token(client: TestClient) -> None:
    sent = client.post("/breathe/log", data={"pattern": "box", "minutes": "2"})
    assert sent.status_code == 403
    assert client.get("/api/v1/sessions").json() == []


# --- the API ----------------------------------------------------------------------------------


def test_api_lists_the_shipped_patterns(client: TestClient) -> None:
    found = client.get("/api/v1/patterns").json()
    assert [p["id"] for p in found] == [p.id for p in load_patterns()]
    box = next(p for p in found if p["id"] == "box")
    assert box["text"] == "4-4-4-4"
    assert box["cycle_s"] == 16.0


@pytest.mark.parametrize(
    ("pattern", "query", "length"),
    [
        ("box", {"minutes": 0.5}, {"minutes": 0.5}),
        ("resonance", {"minutes": 10}, {"minutes": 10}),
        ("cyclic-sighing", {"cycles": 4}, {"cycles": 4}),
        ("4-7-8", {}, {"minutes": 2}),
        ("5.5-5.5", {"minutes": 1}, {"minutes": 1}),
        ("2+1-6", {"cycles": 2}, {"cycles": 2}),
        ("0.7-1.3", {"minutes": 3}, {"minutes": 3}),
    ],
)
def test_schedule_api_matches_the_pacer_exactly(
    client: TestClient, pattern: str, query: dict[str, float], length: dict[str, float]
) -> None:
    sent = client.get(f"/api/v1/patterns/{pattern}/schedule", params=query)
    assert sent.status_code == 200, sent.text
    body = sent.json()
    assert sent_boundaries(body) == engine_boundaries(pattern, **length)
    assert body["total"] == body["phases"][-1]["end"]
    assert all(p["word"] for p in body["phases"])


def test_the_thirty_second_schedule_is_about_thirty_seconds(client: TestClient) -> None:
    for pattern in load_patterns():
        body = client.get(f"/api/v1/patterns/{pattern.id}/schedule?minutes=0.5").json()
        assert 15 <= body["total"] <= 45, pattern.id


def test_schedule_api_gentle_mode_keeps_holds_short(client: TestClient) -> None:
    body = client.get("/api/v1/patterns/4-7-8/schedule?cycles=1&gentle=true").json()
    assert [p["end"] - p["start"] for p in body["phases"]] == [4.0, 2.0, 8.0]


@pytest.mark.parametrize(
    ("url", "status", "location"),
    [
        ("/api/v1/patterns/nope/schedule", 404, None),
        ("/api/v1/patterns/custom/schedule", 404, None),
        ("/api/v1/patterns/4--6/schedule", 422, "pattern"),
        ("/api/v1/patterns/4-99/schedule", 422, "pattern"),
        ("/api/v1/patterns/box/schedule?minutes=0", 422, "minutes"),
        ("/api/v1/patterns/box/schedule?minutes=nan", 422, "minutes"),
        ("/api/v1/patterns/box/schedule?minutes=1000", 422, "minutes"),
        ("/api/v1/patterns/box/schedule?cycles=0", 422, "cycles"),
        ("/api/v1/patterns/box/schedule?minutes=1&cycles=2", 422, "minutes"),
        ("/api/v1/patterns/60-60-60-60/schedule?cycles=100000", 422, "cycles"),
    ],
)
def test_schedule_api_refuses_kindly(
    client: TestClient, url: str, status: int, location: str | None
) -> None:
    sent = client.get(url)
    assert sent.status_code == status, sent.text
    error = sent.json()["error"]
    assert error["message"]
    if location is not None:
        assert [p["location"] for p in error["problems"]] == [location]


def test_the_load_benchs_session_is_kept_as_sent(client: TestClient) -> None:
    body = {
        "practice": "box",
        "kind": "breathing",
        "pattern": "4-4-4-4",
        "planned_s": 60,
        "actual_s": 60,
        "completed": True,
    }
    made = client.post("/api/v1/sessions", json=body, headers=headers(client))
    assert made.status_code == 201, made.text
    run = made.json()
    assert {k: run[k] for k in body} == {**body, "planned_s": 60.0, "actual_s": 60.0}
    assert client.get(f"/api/v1/sessions/{run['id']}").json() == run
    assert client.get("/api/v1/today").json()["practice_seconds"] == 60


def test_sessions_take_a_patterns_id_or_none_for_its_text(client: TestClient) -> None:
    sent = headers(client)
    by_id = client.post(
        "/api/v1/sessions",
        json={
            "practice": "box",
            "kind": "breathing",
            "pattern": "box",
            "planned_s": 32,
            "actual_s": 31.5,
            "completed": False,
            "stress_before": 6,
            "stress_after": 3,
        },
        headers=sent,
    ).json()
    assert by_id["pattern"] == "4-4-4-4"
    assert by_id["stress_after"] == 3
    without = client.post(
        "/api/v1/sessions",
        json={
            "practice": "cyclic-sighing",
            "kind": "breathing",
            "planned_s": 9,
            "actual_s": 9,
            "completed": True,
        },
        headers=sent,
    ).json()
    assert without["pattern"] == "2+1-6"
    listed = client.get("/api/v1/sessions", params={"limit": 1}).json()
    assert [r["id"] for r in listed] == [without["id"]]
    assert client.get("/api/v1/today").json()["practice_seconds"] == round(31.5 + 9)


@pytest.mark.parametrize(
    ("change", "locations"),
    [
        ({"practice": "box", "kind": "guided", "pattern": None}, {"practice"}),
        ({"practice": "nope"}, {"practice"}),
        ({"practice": "Not An Id"}, {"practice"}),
        ({"kind": "dancing"}, {"kind"}),
        ({"planned_s": -1}, {"planned_s"}),
        ({"actual_s": 20_000}, {"actual_s"}),
        ({"completed": "maybe"}, {"completed"}),
        ({"stress_before": 11, "kindness_after": -1}, {"stress_before", "kindness_after"}),
        ({"practice": "self-compassion-break", "kind": "guided"}, {"pattern"}),
        ({"pattern": "x" * 200}, {"pattern"}),
    ],
)
def test_sessions_api_refuses_what_it_cant_keep(
    client: TestClient, change: dict[str, object], locations: set[str]
) -> None:
    body = {
        "practice": "box",
        "kind": "breathing",
        "pattern": "4-4-4-4",
        "planned_s": 60,
        "actual_s": 60,
        "completed": True,
        **change,
    }
    sent = client.post("/api/v1/sessions", json=body, headers=headers(client))
    assert sent.status_code == 422, sent.text
    assert {p["location"] for p in sent.json()["error"]["problems"]} == locations
    assert client.get("/api/v1/sessions").json() == []


def test_sessions_api_refuses_numbers_json_cant_hold(client: TestClient) -> None:
    raw = (
        '{"practice": "box", "kind": "breathing", "planned_s": NaN, "actual_s": Infinity,'
        ' "completed": true}'
    )
    sent = client.post(
        "/api/v1/sessions",
        content=raw,
        headers={**headers(client), "Content-Type": "application/json"},
    )
    assert sent.status_code == 422


@pytest.mark.parametrize("session_id", ["1", "0", "-4", str(2**70), "abc"])
def test_unknown_sessions_are_kind_404s(client: TestClient, session_id: str) -> None:
    sent = client.get(f"/api/v1/sessions/{session_id}")
    assert sent.status_code == (422 if session_id == "abc" else 404)
    assert sent.json()["error"]["message"]


def test_sessions_need_the_csrf_token(client: TestClient) -> None:
    body = {
        "practice": "box",
        "kind": "breathing",
        "planned_s": 6,
        "actual_s": 6,
        "completed": True,
    }
    assert client.post("/api/v1/sessions", json=body).status_code == 403


# --- hosted mode: each person's sessions are their own -------------------------------------


def test_hosted_people_never_see_each_others_sessions(hosted: Site) -> None:
    ana, ben = hosted.person("ana"), hosted.person("ben")
    body = {
        "practice": "box",
        "kind": "breathing",
        "planned_s": 32,
        "actual_s": 32,
        "completed": True,
    }
    mine = client_post(ana, body)
    assert ben.get(f"/api/v1/sessions/{mine}").status_code == 404
    assert ben.get("/api/v1/sessions").json() == []
    assert ben.get("/api/v1/today").json()["practice_seconds"] == 0
    assert ana.get(f"/api/v1/sessions/{mine}").status_code == 200
    ben.post("/breathe/log", data=form(ben, pattern="box", length="1", minutes="1"))
    assert [r["id"] for r in ana.get("/api/v1/sessions").json()] == [mine]


def client_post(browser: TestClient, body: dict[str, object]) -> int:
    made = browser.post("/api/v1/sessions", json=body, headers=headers(browser))
    assert made.status_code == 201, made.text
    number: int = made.json()["id"]
    return number


def test_hosted_breathing_needs_signing_in(hosted: Site) -> None:
    stranger = hosted.client()
    page = stranger.get("/breathe?pattern=box&minutes=0.5")
    assert page.status_code == 303
    assert page.headers["location"].startswith("/signin")
    assert stranger.get("/api/v1/patterns/box/schedule").status_code == 401
    assert stranger.get("/api/v1/sessions").status_code == 401


# --- the spoken cues ----------------------------------------------------------------------------


def test_cues_are_served_as_wav_in_the_offline_voice(client: TestClient) -> None:
    pytest.importorskip("hibari", reason="the offline voice (hibari-tts) isn't installed here")
    sent = client.get("/api/v1/voice/cues/inhale.wav")
    assert sent.status_code == 200, sent.text
    assert sent.headers["content-type"] == "audio/wav"
    assert sent.content[:4] == b"RIFF"
    assert sent.content[8:12] == b"WAVE"
    again = client.get("/api/v1/voice/cues/top_up.wav")
    assert again.content[:4] == b"RIFF"
    assert again.content != sent.content


def test_an_unknown_cue_is_a_kind_404(client: TestClient) -> None:
    sent = client.get("/api/v1/voice/cues/shout.wav")
    assert sent.status_code == 404
    assert sent.json()["error"]["message"]
