"""The frame works in a real browser: no foreign requests, no CSP or script errors, accessible."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import DESKTOP, PHONE, Server, axe_violations, open_page, screenshot


def test_today_and_support_in_both_themes(browser: Any, server: Server) -> None:
    for scheme in ("light", "dark"):
        page, watch = open_page(browser, server, PHONE, color_scheme=scheme)
        for path in ("/", "/support"):
            page.goto(server.url + path)
            assert page.locator("a.support-link").is_visible()
            assert axe_violations(page) == [], (scheme, path)
        watch.assert_clean()
    page, watch = open_page(browser, server, DESKTOP)
    page.goto(server.url + "/")
    screenshot(page, "smoke-today-desktop")
    watch.assert_clean()
