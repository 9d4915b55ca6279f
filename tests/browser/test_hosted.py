"""Hosted mode in a real browser: signing up, the person's own time zone, signing out."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import PHONE, Server, axe_violations, open_page, screenshot


@pytest.mark.slow
def test_signing_up_checking_in_and_signing_out(browser: Any, hosted_server: Server) -> None:
    page, watch = open_page(browser, hosted_server, PHONE, timezone_id="Asia/Tokyo")
    page.goto(hosted_server.url + "/")
    page.wait_for_url(re.compile(r"/signin\?next=/"))
    assert axe_violations(page) == []
    page.get_by_role("link", name="Make an account").click()
    page.locator("#f-login").fill("mika@example.org")
    page.locator("#f-password").fill("password1234")  # long enough for the browser's own check
    page.locator("form button[type=submit]").click()
    assert "many people use" in page.locator(".errors").inner_text()
    page.locator("#f-password").fill("lanterns over the quiet river")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(re.compile(r"note=account_made"))
    screenshot(page, "hosted-1-welcome-phone")
    # The browser's own time zone is kept, so this person's days begin at Tokyo's midnight.
    page.locator('html[data-timezone="Asia/Tokyo"]').wait_for(state="attached", timeout=10_000)
    page.locator("#f-mood").fill("6")
    page.get_by_role("button", name=re.compile("Save check-in")).click()
    page.wait_for_url(re.compile(r"note=checkin_saved"))
    assert page.locator("#checkin-done").count() == 1
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r"/signin"))
    page.goto(hosted_server.url + "/journal")
    page.wait_for_url(re.compile(r"/signin\?next=/journal"))
    watch.assert_clean()
