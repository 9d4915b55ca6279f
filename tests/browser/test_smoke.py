"""The frame works in a real browser: no foreign requests, no CSP or script errors, accessible."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import DESKTOP, PHONE, Server, open_page, screenshot

axe_module = pytest.importorskip(
    "axe_playwright_python.sync_playwright",
    reason="the accessibility check needs axe-playwright-python",
)
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def axe_violations(page: Any) -> list[str]:
    results = axe_module.Axe().run(page, options=AXE_OPTIONS)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} places, e.g. {v['nodes'][0]['target']})"
        for v in results.response["violations"]
    ]


def test_today_and_support_in_both_themes(browser: Any, server: Server) -> None:
    for scheme in ("light", "dark"):
        page, watch = open_page(browser, server, PHONE, color_scheme=scheme)
        for path in ("/", "/support"):
            page.goto(server.url + path)
            assert page.locator("a.support-link").is_visible()
            assert axe_violations(page) == [], (scheme, path)
        screenshot(page, f"smoke-today-phone-{scheme}")
        watch.assert_clean()
    page, watch = open_page(browser, server, DESKTOP)
    page.goto(server.url + "/")
    screenshot(page, "smoke-today-desktop")
    watch.assert_clean()
