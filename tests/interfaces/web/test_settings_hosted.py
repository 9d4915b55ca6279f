"""Your data in hosted mode: each person's export, import and account are their own."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from tests.interfaces.web.conftest import PASSWORD, Site, form, headers


def _checkin(browser: TestClient, note: str) -> None:
    made = browser.post(
        "/api/v1/checkins",
        json={"mood": 5, "stress": 5, "critic": 5, "note": note},
        headers=headers(browser),
    )
    assert made.status_code == 201, made.text


def _document(browser: TestClient) -> dict[str, object]:
    got = browser.get("/settings/export.json")
    assert got.status_code == 200
    found: dict[str, object] = json.loads(got.content)
    return found


def _notes(browser: TestClient) -> list[str]:
    return [c["note"] for c in browser.get("/api/v1/export").json()["checkins"]]


def test_an_export_holds_only_its_own_persons_data(hosted: Site) -> None:
    ana, ben = hosted.person("ana"), hosted.person("ben")
    _checkin(ana, "ana's quiet morning")
    _checkin(ben, "ben's long day")
    text = ana.get("/settings/export.json").text
    assert "ana's quiet morning" in text
    assert "ben's long day" not in text
    assert _notes(ben) == ["ben's long day"]
    csv = ana.get("/settings/export/checkins.csv").content.decode("utf-8-sig")
    assert "ben's" not in csv


def test_an_import_lands_only_in_the_importers_own_journal(hosted: Site) -> None:
    ana, ben = hosted.person("ana"), hosted.person("ben")
    _checkin(ana, "ana's quiet morning")
    exported = ana.get("/settings/export.json").content
    got = ben.post(
        "/settings/import",
        data=form(ben),
        files={"file": ("ana.json", exported, "application/json")},
    )
    assert got.status_code == 200, got.text
    assert _notes(ana) == ["ana's quiet morning"]  # ana's journal gained nothing
    assert _notes(ben) == ["ana's quiet morning"]  # a copy, in ben's own journal
    _checkin(ben, "ben's own")
    again = ana.post("/api/v1/import", json=_document(ben), headers=headers(ana))
    assert again.json()["checkins_added"] == 1
    assert sorted(_notes(ana)) == ["ana's quiet morning", "ben's own"]


def test_nobody_can_import_without_signing_in(hosted: Site) -> None:
    ana = hosted.person("ana")
    stranger = hosted.client()
    sent = stranger.post("/api/v1/import", json=_document(ana), headers=headers(stranger))
    assert sent.status_code == 401
    page = stranger.post(
        "/settings/import",
        data=form(stranger),
        files={"file": ("a.json", b"{}", "application/json")},
    )
    assert page.status_code == 303
    assert page.headers["location"].startswith("/signin")


def test_deleting_an_account_removes_only_that_person_and_signs_them_out(
    hosted: Site,
) -> None:
    ana, ben = hosted.person("ana"), hosted.person("ben")
    _checkin(ana, "ana's")
    _checkin(ben, "ben's")
    ana.put("/api/v1/settings", json={"theme": "dark"}, headers=headers(ana))
    page = ana.get("/settings/account/delete")
    assert page.status_code == 200
    assert "1 check-in" in page.text
    assert "ana" in page.text
    gone = ana.post("/settings/account/delete", data=form(ana, password=PASSWORD))
    assert gone.status_code == 303
    assert gone.headers["location"] == "/signin?note=forgotten"
    assert "kv_session" in gone.headers["set-cookie"]
    assert ana.get("/api/v1/settings").status_code == 401
    assert _notes(ben) == ["ben's"]
    assert ben.get("/api/v1/settings").json()["theme"] == "system"
    again = hosted.client()
    signin = again.post(
        "/api/v1/session", json={"login": "ana", "password": PASSWORD}, headers=headers(again)
    )
    assert signin.status_code == 401
    fresh = again.post(
        "/api/v1/session", json={"login": "ben", "password": PASSWORD}, headers=headers(again)
    )
    assert fresh.status_code == 200


def test_a_wrong_password_deletes_nothing(hosted: Site) -> None:
    ana = hosted.person("ana")
    _checkin(ana, "ana's")
    for password in ("", "not my password"):
        sent = ana.post("/settings/account/delete", data=form(ana, password=password))
        assert sent.status_code == 401
        assert "That password doesn&#39;t match your account, so nothing was deleted." in sent.text
    assert _notes(ana) == ["ana's"]
    assert ana.get("/settings").status_code == 200


def test_hosted_forget_goes_through_the_password(hosted: Site) -> None:
    ana, ben = hosted.person("ana"), hosted.person("ben")
    _checkin(ana, "ana's")
    _checkin(ben, "ben's")
    assert ana.get("/settings/forget").headers["location"] == "/settings/account/delete"
    sent = ana.post("/settings/forget", data=form(ana, confirm="forget"))
    assert sent.status_code == 303
    assert _notes(ana) == ["ana's"]
    no_password = ana.post("/api/v1/forget", json={"confirm": "forget"}, headers=headers(ana))
    assert no_password.status_code == 401
    wrong = ana.post(
        "/api/v1/forget", json={"confirm": "forget", "password": "nope"}, headers=headers(ana)
    )
    assert wrong.status_code == 401
    assert _notes(ana) == ["ana's"]
    done = ana.post(
        "/api/v1/forget", json={"confirm": "forget", "password": PASSWORD}, headers=headers(ana)
    )
    assert done.status_code == 200
    assert done.json()["deleted"]["checkins"] == 1
    assert ana.get("/api/v1/export").status_code == 401
    assert _notes(ben) == ["ben's"]


def test_account_pages_need_a_signed_in_person(hosted: Site) -> None:
    stranger = hosted.client()
    assert stranger.get("/settings/account/delete").status_code == 303
    sent = stranger.post("/settings/account/delete", data=form(stranger, password=PASSWORD))
    assert sent.status_code == 303
    assert sent.headers["location"].startswith("/signin")
