"""The 8-week program on the web: starting, today's plan with done and let-go buttons, pause,
resume, pace, days in a row, starting again, the weeks, the JSON API, and Today's next step."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kindvoice.core.clock import FrozenClock
from kindvoice.interfaces import messages as m
from tests.interfaces.web._seed import breathe, context_of
from tests.interfaces.web.conftest import Site, form, headers, make_site

MONDAY = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)
CHANGED = "/program?note=program_changed"


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    made = make_site(tmp_path, hosted=False, clock=FrozenClock(MONDAY))
    yield made
    made.close()


@pytest.fixture
def browser(site: Site) -> TestClient:
    return site.client()


def start(browser: TestClient, week: str = "1") -> None:
    sent = browser.post("/program/start", data=form(browser, week=week))
    assert sent.status_code == 303
    assert sent.headers["location"] == CHANGED


def state(browser: TestClient) -> dict[str, object]:
    body: dict[str, object] = browser.get("/api/v1/program").json()
    return body


def items(browser: TestClient) -> dict[str, str]:
    today = state(browser)["today"]
    assert isinstance(today, dict)
    return {item["key"]: item["status"] for item in today["items"]}


def test_before_starting_the_page_explains_and_offers_a_start(browser: TestClient) -> None:
    page = browser.get("/program")
    assert page.status_code == 200
    assert m.say("web.program.start") in page.text
    assert 'action="/program/start"' in page.text
    assert page.text.count('href="/program/week/') == 8
    assert state(browser)["started"] is False


def test_starting_shows_todays_plan(browser: TestClient) -> None:
    start(browser)
    page = browser.get(CHANGED).text
    assert m.say("web.note.program_changed") in page
    assert "Week 1 of 8" in page
    for key in ("daily", "core", "reflect", "deeper"):
        assert f'id="item-{key}"' in page
    assert 'href="/breathe?pattern=gentle&amp;minutes=2"' in page
    assert 'href="/practices/noting-the-critic"' in page
    assert "Habit strength" in page
    assert m.say("web.program.streaks_show") in page  # days in a row are off at first
    body = state(browser)
    assert body["started"] is True
    assert body["status"]["week"] == 1  # type: ignore[index]


def test_starting_at_a_chosen_week(browser: TestClient) -> None:
    start(browser, week="3")
    assert state(browser)["today"]["week"] == 3  # type: ignore[index]


@pytest.mark.parametrize("week", ["0", "9", "three", "-1"])
def test_a_week_that_isnt_one_is_refused_kindly(browser: TestClient, week: str) -> None:
    sent = browser.post("/program/start", data=form(browser, week=week))
    assert sent.status_code == 422
    assert "from 1 to 8" in sent.text or "whole number" in sent.text
    assert state(browser)["started"] is False


def test_marking_done_and_letting_go(browser: TestClient) -> None:
    start(browser)
    for item, done in (("core", "yes"), ("deeper", "no")):
        sent = browser.post("/program/mark", data=form(browser, item=item, done=done))
        assert sent.status_code == 303
        assert sent.headers["location"] == CHANGED
    assert items(browser) == {
        "daily": "todo",
        "core": "done",
        "reflect": "todo",
        "deeper": "skipped",
    }
    page = browser.get("/program").text
    assert m.say("today.marked_done") in page
    assert m.say("today.marked_skipped") in page


def test_a_practice_done_is_noticed_without_marking(site: Site, browser: TestClient) -> None:
    start(browser)
    breathe(context_of(site), seconds=90)
    assert items(browser)["daily"] == "done"
    assert m.say("web.program.noticed") in browser.get("/program").text


@pytest.mark.parametrize(
    ("item", "done"), [("nap", "yes"), ("core", "maybe"), ("", "yes"), ("core", "")]
)
def test_marking_something_unknown_is_refused(browser: TestClient, item: str, done: str) -> None:
    start(browser)
    sent = browser.post("/program/mark", data=form(browser, item=item, done=done))
    assert sent.status_code == 422
    assert set(items(browser).values()) == {"todo"}


def test_pause_and_resume_by_form(browser: TestClient) -> None:
    start(browser)
    assert browser.post("/program/pause", data=form(browser)).status_code == 303
    page = browser.get("/program").text
    assert 'id="program-paused"' in page
    assert browser.post("/program/pause", data=form(browser)).status_code == 303  # no change
    assert state(browser)["status"]["paused"] is True  # type: ignore[index]
    assert browser.post("/program/resume", data=form(browser)).status_code == 303
    assert browser.post("/program/resume", data=form(browser)).status_code == 303
    assert state(browser)["status"]["paused"] is False  # type: ignore[index]


def test_changes_before_starting_lead_back_to_the_start(browser: TestClient) -> None:
    for action, fields in (
        ("pause", {}),
        ("resume", {}),
        ("pace", {"pace": "slow"}),
        ("mark", {"item": "core", "done": "yes"}),
        ("streaks", {"streaks": "on"}),
    ):
        sent = browser.post(f"/program/{action}", data=form(browser, **fields))
        assert sent.status_code == 303, action
        assert sent.headers["location"] == "/program", action
    assert state(browser)["started"] is False


def test_pace_streaks_and_starting_again(browser: TestClient) -> None:
    start(browser)
    assert browser.post("/program/pace", data=form(browser, pace="slow")).status_code == 303
    assert browser.post("/program/streaks", data=form(browser, streaks="on")).status_code == 303
    status = state(browser)["status"]
    assert status["pace"] == "slow"
    assert status["streaks"] is True
    page = browser.get("/program").text
    assert m.say("web.program.streaks_hide") in page
    assert 'value="slow" checked' in page
    start(browser, week="5")
    assert state(browser)["today"]["week"] == 5  # type: ignore[index]


@pytest.mark.parametrize(("action", "field"), [("pace", "pace"), ("streaks", "streaks")])
def test_a_choice_that_isnt_one_is_refused(browser: TestClient, action: str, field: str) -> None:
    start(browser)
    sent = browser.post(f"/program/{action}", data=form(browser, **{field: "sideways"}))
    assert sent.status_code == 422
    assert "<h1" in sent.text


def test_forms_without_the_csrf_token_change_nothing(browser: TestClient) -> None:
    sent = browser.post("/program/start", data={"week": "1"})
    assert sent.status_code == 403
    assert state(browser)["started"] is False


@pytest.mark.parametrize("number", range(1, 9))
def test_each_week_has_its_page(browser: TestClient, number: int) -> None:
    page = browser.get(f"/program/week/{number}")
    assert page.status_code == 200
    assert f"Week {number}:" in page.text
    assert 'id="part-reflect"' in page.text
    assert 'href="/write"' in page.text
    assert f'name="week" value="{number}"' in page.text  # start here, before starting


@pytest.mark.parametrize("number", ["0", "9", "x", "-1", "99999999999999999999"])
def test_a_week_the_program_doesnt_have_is_a_kind_404(browser: TestClient, number: str) -> None:
    page = browser.get(f"/program/week/{number}")
    assert page.status_code == 404
    assert "find that" in page.text
    assert page.text.count("<h1") == 1


# --- the JSON API --------------------------------------------------------------------------


def test_the_api_starts_marks_pauses_and_paces(browser: TestClient) -> None:
    h = headers(browser)
    body = browser.post("/api/v1/program/start", json={}, headers=h).json()
    assert body["started"] is True
    assert body["today"]["week"] == 1
    item = {i["key"]: i for i in body["today"]["items"]}["daily"]
    assert item["href"] == "/breathe?pattern=gentle&minutes=2"
    body = browser.post("/api/v1/program/mark", json={"item": "core", "done": True}, headers=h)
    assert {i["key"]: i["status"] for i in body.json()["today"]["items"]}["core"] == "done"
    assert browser.post("/api/v1/program/pause", headers=h).json()["status"]["paused"] is True
    assert browser.post("/api/v1/program/pause", headers=h).status_code == 200
    assert browser.post("/api/v1/program/resume", headers=h).json()["status"]["paused"] is False
    paced = browser.post("/api/v1/program/pace", json={"pace": "slow"}, headers=h).json()
    assert paced["status"]["pace"] == "slow"
    shown = browser.post("/api/v1/program/streaks", json={"on": True}, headers=h).json()
    assert shown["status"]["streaks"] is True
    again = browser.post("/api/v1/program/start", json={"week": 4}, headers=h).json()
    assert again["today"]["week"] == 4


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("start", {"week": 0}),
        ("start", {"week": 100}),
        ("start", {"week": 9}),
        ("start", {"week": "x"}),
        ("pace", {"pace": "fast"}),
        ("pace", {}),
        ("mark", {"item": "nap", "done": True}),
        ("mark", {"item": "core", "done": "perhaps"}),
        ("mark", {"item": "core"}),
        ("streaks", {"on": "sometimes"}),
    ],
)
def test_the_api_refuses_what_it_cant_use(
    browser: TestClient, path: str, body: dict[str, object]
) -> None:
    if path != "start":
        browser.post("/api/v1/program/start", json={}, headers=headers(browser))
    sent = browser.post(f"/api/v1/program/{path}", json=body, headers=headers(browser))
    assert sent.status_code == 422
    assert sent.json()["error"]["problems"]


@pytest.mark.parametrize("path", ["pause", "resume"])
def test_the_api_says_kindly_when_there_is_no_program_yet(browser: TestClient, path: str) -> None:
    sent = browser.post(f"/api/v1/program/{path}", headers=headers(browser))
    assert sent.status_code == 404
    assert sent.json()["error"]["message"]
    marked = browser.post(
        "/api/v1/program/mark", json={"item": "core", "done": True}, headers=headers(browser)
    )
    assert marked.status_code == 404


def test_the_api_describes_each_week(browser: TestClient) -> None:
    week = browser.get("/api/v1/program/weeks/2").json()
    assert week["number"] == 2
    assert week["parts"][-1]["href"] == "/write"
    assert browser.get("/api/v1/program/weeks/9").status_code == 404
    assert browser.get("/api/v1/program/weeks/0").status_code == 404
    assert browser.get("/api/v1/program/weeks/x").status_code == 422


# --- Today's next step -----------------------------------------------------------------------


def next_step(browser: TestClient) -> str:
    page = browser.get("/").text
    found = page.split('id="next-step"')[0].rsplit('href="', 1)[1]
    return found.split('"')[0]


def test_todays_next_step_goes_where_the_step_is_done(browser: TestClient) -> None:
    start(browser)
    assert next_step(browser) == "/breathe?pattern=gentle&amp;minutes=2"
    browser.post("/program/mark", data=form(browser, item="daily", done="yes"))
    assert next_step(browser) == "/practices/noting-the-critic"
    browser.post("/program/mark", data=form(browser, item="core", done="yes"))
    assert next_step(browser) == "/write"


# --- hosted mode -----------------------------------------------------------------------------


def test_one_persons_program_is_theirs_alone(hosted: Site) -> None:
    ana, ben = hosted.person("ana"), hosted.person("ben")
    ana.post("/program/start", data=form(ana, week="2"))
    ana.post("/program/mark", data=form(ana, item="core", done="yes"))
    assert state(ana)["started"] is True
    assert state(ben)["started"] is False
    assert m.say("web.program.start") in ben.get("/program").text
    assert ben.post("/api/v1/program/pause", headers=headers(ben)).status_code == 404
    assert state(ana)["status"]["paused"] is False  # type: ignore[index]


def test_the_program_needs_signing_in_when_hosted(hosted: Site) -> None:
    stranger = hosted.client()
    assert stranger.get("/program").status_code == 303
    assert stranger.get("/api/v1/program").status_code == 401
    sent = stranger.post("/api/v1/program/start", json={}, headers=headers(stranger))
    assert sent.status_code == 401
