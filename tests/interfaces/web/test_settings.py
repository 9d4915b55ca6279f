"""Settings: the page, preferences (country, voice, theme) and the reminder calendar."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient

from kindvoice.domain.learn.resources import known_countries
from kindvoice.interfaces.web.render import THEMES
from tests.interfaces.web.conftest import Site, form, headers

icalendar = pytest.importorskip("icalendar")


def _theme(page: str) -> str:
    found = re.search(r'<html lang="en" data-theme="([a-z]+)"', page)
    assert found, "the page has no data-theme"
    return found.group(1)


def test_settings_page_has_every_section_with_its_anchor_and_one_h1(client: TestClient) -> None:
    page = client.get("/settings")
    assert page.status_code == 200
    for anchor in ("reminders", "country", "voice", "theme", "data"):
        assert f'id="{anchor}"' in page.text
        assert f'href="#{anchor}"' in page.text
    assert 'id="account"' not in page.text  # local mode has no accounts
    assert page.text.count("<h1") == 1
    assert 'href="/settings/forget"' in page.text
    assert 'enctype="multipart/form-data"' in page.text
    # every input that a person fills in has a label
    for field in ("f-at", "f-country", "f-file"):
        assert f'for="{field}"' in page.text


def test_preferences_saved_from_the_form_persist_and_the_theme_shows_on_the_next_page(
    client: TestClient,
) -> None:
    assert _theme(client.get("/").text) == "system"
    saved = client.post("/settings", data=form(client, theme="dark", section="theme"))
    assert saved.status_code == 303
    assert saved.headers["location"] == "/settings?note=settings_saved#theme"
    assert _theme(client.get("/").text) == "dark"
    client.post("/settings", data=form(client, voice="on", section="voice"))
    client.post("/settings", data=form(client, country="gb", section="country"))
    assert client.get("/api/v1/settings").json() == {
        "country": "GB",
        "voice": "on",
        "theme": "dark",
        "timezone": None,
    }
    page = client.get("/settings?note=settings_saved").text
    assert "Your settings are saved." in page
    assert '<option value="GB" selected>United Kingdom</option>' in page
    assert 'value="on" checked' in page
    support = client.get("/support").text
    assert "the United Kingdom" in support
    client.post("/settings", data=form(client, theme="light", section="theme"))
    assert _theme(client.get("/settings").text) == "light"


def test_choosing_anywhere_removes_the_country(client: TestClient) -> None:
    client.post("/settings", data=form(client, country="US"))
    assert client.get("/api/v1/settings").json()["country"] == "US"
    client.post("/settings", data=form(client, country=""))
    assert client.get("/api/v1/settings").json()["country"] is None


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"country": "ZZ", "theme": "dark"}, "doesn't have lines for that country"),
        ({"theme": "purple"}, "light or dark"),
        ({"voice": "loud"}, "on or off"),
    ],
)
def test_a_value_that_isnt_a_choice_is_refused_kindly_and_nothing_is_saved(
    client: TestClient, fields: dict[str, str], words: str
) -> None:
    sent = client.post("/settings", data=form(client, **fields))
    assert sent.status_code == 422
    assert words in html.unescape(sent.text)
    assert 'role="alert"' in sent.text
    assert client.get("/api/v1/settings").json() == {
        "country": None,
        "voice": "off",
        "theme": "system",
        "timezone": None,
    }


def test_the_settings_form_needs_its_csrf_token(client: TestClient) -> None:
    sent = client.post("/settings", data={"theme": "dark"})
    assert sent.status_code == 403
    assert client.get("/api/v1/settings").json()["theme"] == "system"


# --- the JSON API's preferences ---------------------------------------------------------


def test_api_settings_start_with_their_defaults(client: TestClient) -> None:
    assert client.get("/api/v1/settings").json() == {
        "country": None,
        "voice": "off",
        "theme": "system",
        "timezone": None,
    }


def test_api_put_changes_only_what_it_names_and_null_removes(client: TestClient) -> None:
    put = client.put(
        "/api/v1/settings", json={"country": "us", "voice": "on"}, headers=headers(client)
    )
    assert put.status_code == 200, put.text
    assert put.json() == {"country": "US", "voice": "on", "theme": "system", "timezone": None}
    put = client.put("/api/v1/settings", json={"theme": "dark"}, headers=headers(client))
    assert put.json() == {"country": "US", "voice": "on", "theme": "dark", "timezone": None}
    put = client.put(
        "/api/v1/settings", json={"country": None, "voice": None}, headers=headers(client)
    )
    assert put.json() == {"country": None, "voice": "off", "theme": "dark", "timezone": None}
    assert client.get("/api/v1/settings").json() == put.json()


@pytest.mark.parametrize(
    ("body", "location"),
    [
        ({"country": "ZZ"}, "country"),
        ({"country": "x" * 11}, "country"),
        ({"theme": "purple"}, "theme"),
        ({"voice": True}, "voice"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_api_put_refuses_what_isnt_a_choice_with_a_422_and_keeps_nothing(
    client: TestClient, body: dict[str, object], location: str
) -> None:
    sent = client.put("/api/v1/settings", json={"theme": "dark", **body}, headers=headers(client))
    assert sent.status_code == 422, sent.text
    problems = sent.json()["error"]["problems"]
    assert location in {p["location"] for p in problems}
    assert all(p["message"] for p in problems)
    assert client.get("/api/v1/settings").json()["theme"] == "system"


def test_every_known_country_and_theme_can_be_chosen(client: TestClient) -> None:
    for code in known_countries():
        put = client.put("/api/v1/settings", json={"country": code}, headers=headers(client))
        assert put.json()["country"] == code
    for theme in THEMES:
        put = client.put("/api/v1/settings", json={"theme": theme}, headers=headers(client))
        assert put.json()["theme"] == theme


# --- the reminder calendar --------------------------------------------------------------


def _event(data: bytes) -> icalendar.Event:
    calendar = icalendar.Calendar.from_ical(data)
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    assert len(events) == 1
    return events[0]


def test_the_reminder_form_downloads_a_calendar_that_repeats_on_the_chosen_days(
    client: TestClient,
) -> None:
    got = client.get(
        "/settings/reminder.ics", params=[("at", "07:45"), ("day", "mon"), ("day", "wed")]
    )
    assert got.status_code == 200
    assert got.headers["content-type"].startswith("text/calendar")
    assert got.headers["content-disposition"] == 'attachment; filename="kindvoice-reminder.ics"'
    event = _event(got.content)
    rule = event["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"]
    assert rule["BYDAY"] == ["MO", "WE"]
    start = event.decoded("DTSTART")
    assert (start.hour, start.minute) == (7, 45)
    assert event.walk("VALARM")


def test_every_day_ticked_makes_a_daily_reminder(client: TestClient) -> None:
    days = [("day", d) for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")]
    got = client.get("/settings/reminder.ics", params=[("at", "21:00"), *days])
    assert _event(got.content)["RRULE"]["FREQ"] == ["DAILY"]


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ([("at", "8"), ("day", "mon")], "couldn&#39;t read “8” as a time"),
        ([("at", "25:00"), ("day", "mon")], "hour past 23"),
        ([("at", "08:30")], "give the days"),
        ([("at", "08:30"), ("day", "someday")], "doesn&#39;t know “someday” as a day"),
    ],
)
def test_a_reminder_that_cant_be_made_shows_the_page_again_and_downloads_nothing(
    client: TestClient, params: list[tuple[str, str]], words: str
) -> None:
    got = client.get("/settings/reminder.ics", params=params)
    assert got.status_code == 422
    assert got.headers["content-type"].startswith("text/html")
    assert "content-disposition" not in got.headers
    assert "Nothing was downloaded" in got.text
    assert words in got.text


def test_the_api_makes_a_reminder_from_typed_days(client: TestClient) -> None:
    got = client.get("/api/v1/reminders.ics", params={"at": "08:30", "days": "mon-fri"})
    assert got.status_code == 200
    assert got.headers["content-type"].startswith("text/calendar")
    event = _event(got.content)
    assert event["RRULE"]["BYDAY"] == ["MO", "TU", "WE", "TH", "FR"]
    daily = client.get("/api/v1/reminders.ics", params={"at": "08:30"})
    assert _event(daily.content)["RRULE"]["FREQ"] == ["DAILY"]


@pytest.mark.parametrize(
    ("params", "locations"),
    [
        ({"at": "8.30", "days": "funday"}, {"at", "days"}),
        ({"at": "08:30", "days": "mon-"}, {"days"}),
        ({}, {"at"}),
        ({"at": "0" * 21}, {"at"}),
    ],
)
def test_the_api_refuses_a_reminder_it_cant_make_with_a_422(
    client: TestClient, params: dict[str, str], locations: set[str]
) -> None:
    got = client.get("/api/v1/reminders.ics", params=params)
    assert got.status_code == 422
    assert {p["location"] for p in got.json()["error"]["problems"]} == locations


def test_hosted_reminders_float_in_the_calendars_own_zone(hosted: Site) -> None:
    ana = hosted.person("ana")
    got = ana.get("/api/v1/reminders.ics", params={"at": "08:30", "days": "weekends"})
    event = _event(got.content)
    assert event.decoded("DTSTART").tzinfo is None
    assert event["RRULE"]["BYDAY"] == ["SA", "SU"]


# --- hosted mode ------------------------------------------------------------------------


def test_hosted_settings_need_a_signed_in_person(hosted: Site) -> None:
    stranger = hosted.client()
    page = stranger.get("/settings")
    assert page.status_code == 303
    assert page.headers["location"].startswith("/signin")
    for path in ("/api/v1/settings", "/api/v1/export", "/api/v1/reminders.ics?at=08:30"):
        assert stranger.get(path).status_code == 401, path
    assert stranger.get("/settings/export.json").status_code == 303


def test_hosted_preferences_belong_to_one_person(hosted: Site) -> None:
    ana, ben = hosted.person("ana"), hosted.person("ben")
    ana.post("/settings", data=form(ana, theme="dark", country="DE"))
    assert _theme(ana.get("/").text) == "dark"
    assert _theme(ben.get("/").text) == "system"
    assert ben.get("/api/v1/settings").json()["country"] is None
    page = ana.get("/settings").text
    assert 'id="account"' in page
    assert "You&#39;re signed in as ana." in page
    assert 'href="/settings/account/delete"' in page
