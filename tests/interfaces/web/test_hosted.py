"""Hosted mode: accounts, sessions, throttled guessing, CSRF on every change, headers."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from tests.interfaces.web.conftest import PASSWORD, Site, all_routes, form, headers

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def _fill(path: str) -> str:
    return re.sub(r"\{[^}]+\}", "1", path)


def unsafe_routes(_site: Site) -> list[tuple[str, str]]:
    return [(method, _fill(path)) for method, path in all_routes() if method in UNSAFE]


def test_pages_ask_to_sign_in_and_the_api_answers_401(hosted: Site) -> None:
    browser = hosted.client()
    page = browser.get("/?q=x")
    assert page.status_code == 303
    assert page.headers["location"] == "/signin?next=/%3Fq%3Dx"
    assert browser.get("/api/v1/today").status_code == 401
    assert browser.get("/signin").status_code == 200
    assert browser.get("/support").status_code == 200  # support never needs an account


def test_signing_up_with_the_form_signs_in_with_a_secure_cookie(hosted_db: Site) -> None:
    browser = hosted_db.client()
    made = browser.post("/signup", data=form(browser, login="Ana@Example.org", password=PASSWORD))
    assert made.status_code == 303
    cookie = made.headers["set-cookie"]
    assert "kv_session=" in cookie
    for flag in ("HttpOnly", "Secure", "SameSite=strict"):
        assert flag.lower() in cookie.lower()
    assert browser.get("/").status_code == 200
    assert browser.get("/api/v1/me").json()["login"] == "ana@example.org"


def test_weak_passwords_and_taken_logins_are_refused_kindly(hosted_db: Site) -> None:
    browser = hosted_db.client()
    for weak in ("short", "password123", "aaaaaaaaaaaa", "ana-example-1234"):
        sent = browser.post(
            "/api/v1/account",
            json={"login": "ana-example", "password": weak},
            headers=headers(browser),
        )
        assert sent.status_code == 422, weak
        assert sent.json()["error"]["problems"][0]["location"] == "password"
    hosted_db.person("ana-example")
    again = browser.post(
        "/api/v1/account",
        json={"login": "ANA-example", "password": PASSWORD},
        headers=headers(browser),
    )
    assert again.status_code == 422
    assert again.json()["error"]["problems"][0]["code"] == "login_taken"


def test_the_sixth_rapid_failed_sign_in_is_throttled(hosted_db: Site) -> None:
    hosted_db.person("ben")
    guesser = hosted_db.client()
    for _ in range(5):
        tried = guesser.post(
            "/api/v1/session",
            json={"login": "ben", "password": "wrong guess 1"},
            headers=headers(guesser),
        )
        assert tried.status_code == 401
    sixth = guesser.post(
        "/api/v1/session",
        json={"login": "ben", "password": "wrong guess 1"},
        headers=headers(guesser),
    )
    assert sixth.status_code == 429
    assert int(sixth.headers["retry-after"]) > 0
    # Even the right password waits now, so guessing can't go on in the background.
    right = guesser.post(
        "/api/v1/session", json={"login": "ben", "password": PASSWORD}, headers=headers(guesser)
    )
    assert right.status_code == 429
    # The sign-in form says the same, kindly.
    page = guesser.post("/signin", data=form(guesser, login="ben", password=PASSWORD))
    assert page.status_code == 429
    assert "try again in" in page.text


def test_signing_out_ends_the_session(hosted: Site) -> None:
    ana = hosted.person("ana")
    token = ana.cookies.get("kv_session")
    assert ana.post("/signout", data=form(ana)).status_code == 303
    ana.cookies.set("kv_session", token or "", domain="kindvoice.example")
    assert ana.get("/api/v1/today").status_code == 401


def test_a_bearer_token_works_for_api_clients_without_csrf(hosted: Site) -> None:
    hosted.person("cai")
    app = hosted.client()
    signed = app.post(
        "/api/v1/session", json={"login": "cai", "password": PASSWORD}, headers=headers(app)
    ).json()
    phone = hosted.client()
    auth = {"Authorization": f"Bearer {signed['token']}"}
    made = phone.post("/api/v1/checkins", json={"mood": 5, "stress": 5, "critic": 5}, headers=auth)
    assert made.status_code == 201
    assert (
        phone.get("/api/v1/checkins", headers={"Authorization": "Bearer nonsense"}).status_code
        == 401
    )


def test_every_change_without_a_csrf_token_is_refused(hosted: Site, web: Site) -> None:
    for site in (hosted, web):
        person = site.person("dee") if site is hosted else site.client()
        routes = unsafe_routes(site)
        assert len(routes) >= 5
        for method, path in routes:
            sent = person.request(method, path, data={"mood": "5"})
            assert sent.status_code == 403, (method, path, sent.status_code)
            wrong = person.request(method, path, headers={"X-CSRF-Token": "x" * 43})
            assert wrong.status_code == 403, (method, path)


def test_a_post_from_another_site_is_refused_even_with_a_token(client: TestClient) -> None:
    sent = client.post(
        "/api/v1/checkins",
        json={"mood": 5, "stress": 5, "critic": 5},
        headers={**headers(client), "Origin": "https://elsewhere.example"},
    )
    assert sent.status_code == 403


def test_local_mode_answers_only_to_loopback_names(web: Site) -> None:
    stranger = TestClient(web.app, base_url="http://attacker.example:8765")
    assert stranger.get("/").status_code == 400
    assert stranger.get("/api/v1/today").status_code == 400


def test_security_headers_on_pages_api_and_errors(hosted: Site) -> None:
    browser = hosted.client()
    for path in ("/signin", "/api/v1/ping", "/no-such-page", "/api/v1/today"):
        got = browser.get(path)
        csp = got.headers["content-security-policy"]
        assert "script-src 'self'" in csp
        assert "'unsafe-inline'" not in csp
        assert "frame-ancestors 'none'" in csp
        assert got.headers["referrer-policy"] == "no-referrer"
        assert got.headers["x-content-type-options"] == "nosniff"
        assert got.headers["strict-transport-security"].startswith("max-age=")
        assert got.headers["cache-control"] == "no-store"


def test_pages_load_nothing_from_other_sites(hosted: Site, client: TestClient) -> None:
    ana = hosted.person("eve")
    for browser in (ana, client):
        page = browser.get("/").text
        assert not re.search(r"""(?:src|href)=["'](?:https?:)?//""", page)
        assert "<script>" not in page  # no inline scripts: the CSP would block them anyway


def test_open_redirects_are_not_possible(hosted: Site) -> None:
    hosted.person("fay")
    browser = hosted.client()
    signed = browser.post(
        "/signin", data=form(browser, login="fay", password=PASSWORD, next="//evil.example/x")
    )
    assert signed.status_code == 303
    assert signed.headers["location"] == "/"


def test_deleting_an_account_removes_it_and_its_data_only(hosted_db: Site) -> None:
    ana, ben = hosted_db.person("gia"), hosted_db.person("hal")
    for person in (ana, ben):
        person.post(
            "/api/v1/checkins", json={"mood": 3, "stress": 3, "critic": 3}, headers=headers(person)
        )
    refused = ana.request(
        "DELETE", "/api/v1/account", json={"password": "not it at all"}, headers=headers(ana)
    )
    assert refused.status_code == 401
    gone = ana.request(
        "DELETE", "/api/v1/account", json={"password": PASSWORD}, headers=headers(ana)
    )
    assert gone.status_code == 200, gone.text
    assert gone.json()["checkins"] == 1
    assert ana.get("/api/v1/today").status_code == 401
    again = hosted_db.client()
    tried = again.post(
        "/api/v1/session", json={"login": "gia", "password": PASSWORD}, headers=headers(again)
    )
    assert tried.status_code == 401
    assert len(ben.get("/api/v1/checkins").json()) == 1


def test_guessing_the_password_to_delete_an_account_is_throttled_too(hosted_db: Site) -> None:
    ana = hosted_db.person("ida")
    for _ in range(5):
        tried = ana.request(
            "DELETE", "/api/v1/account", json={"password": "not it at all"}, headers=headers(ana)
        )
        assert tried.status_code == 401
    sixth = ana.request(
        "DELETE", "/api/v1/account", json={"password": PASSWORD}, headers=headers(ana)
    )
    assert sixth.status_code == 429
    assert ana.get("/api/v1/today").status_code == 200  # nothing was deleted


def test_a_body_over_the_limit_is_refused_before_it_is_read(client: TestClient) -> None:
    sent = client.post(
        "/checkin",
        content=b"x",
        headers={"Content-Length": str(61 * 1024 * 1024), **headers(client)},
    )
    assert sent.status_code == 413


def test_a_persons_days_begin_at_their_own_midnight(hosted: Site) -> None:
    ana = hosted.person("jo")
    page = ana.get("/").text
    assert 'data-timezone=""' in page  # app.js sends the browser's zone from here
    kept = ana.put(
        "/api/v1/settings", json={"timezone": "Pacific/Kiritimati"}, headers=headers(ana)
    )
    assert kept.status_code == 200
    assert kept.json()["timezone"] == "Pacific/Kiritimati"
    assert 'data-timezone="Pacific/Kiritimati"' in ana.get("/").text
    made = ana.post(
        "/api/v1/checkins", json={"mood": 5, "stress": 5, "critic": 5}, headers=headers(ana)
    ).json()
    assert made["created_at"].endswith("+14:00")  # kept in the offset where it happened
    wrong = ana.put("/api/v1/settings", json={"timezone": "Mars/Olympus"}, headers=headers(ana))
    assert wrong.status_code == 422
    assert wrong.json()["error"]["problems"][0]["location"] == "timezone"
    assert ana.get("/api/v1/settings").json()["timezone"] == "Pacific/Kiritimati"


def test_local_mode_keeps_the_computers_own_time_zone(client: TestClient) -> None:
    assert "data-timezone" not in client.get("/").text
