"""A new person's first day in a real browser, the crisis path, and every page's accessibility.

Phone (390 px) and desktop (1280 px) screenshots of each step are saved (see conftest.py).
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    Server,
    axe_violations,
    open_page,
    screenshot,
)

SELF_CRITICAL = "I always mess everything up. I'm such a failure."
CRISIS = "I can't go on anymore. I want to end my life."
PAGES = (
    "/",
    "/write",
    "/journal",
    "/breathe",
    "/breathe?pattern=box&minutes=0.5",
    "/practices",
    "/practices/self-compassion-break",
    "/program",
    "/insights",
    "/learn",
    "/settings",
    "/support",
)


def _wait_saved(page: Any) -> None:
    page.wait_for_load_state("networkidle")


@pytest.mark.slow
def test_a_new_person_checks_in_writes_reframes_breathes_and_sees_it(
    browser: Any, server: Server
) -> None:
    page, watch = open_page(browser, server, PHONE)

    # Today: a check-in with the sliders.
    page.goto(server.url + "/")
    screenshot(page, "flow-1-today-phone")
    page.locator("#f-mood").fill("4")
    page.locator("#f-stress").fill("7")
    page.locator("#f-critic").fill("8")
    page.get_by_role("button", name=re.compile("Save check-in")).click()
    page.wait_for_url(re.compile(r"note=checkin_saved"))
    assert "inner critic 8" in page.locator("#checkin-done").inner_text()

    # Write: the live analysis notices the critic while typing.
    page.goto(server.url + "/write")
    page.locator("#f-situation").fill("Sent a report with a mistake in it")
    page.locator("#f-thought").fill(SELF_CRITICAL)
    live = page.locator("#live-lines li")
    live.first.wait_for(timeout=20_000)
    assert live.count() >= 1
    assert page.locator("#live-support").is_hidden()
    screenshot(page, "flow-2-write-phone")
    page.locator("#entry-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/journal/\d+/reflect"))
    entry_url = page.url

    # Reflect: confirm a trap, pick a suggestion, rate belief, save.
    traps = page.locator("#traps input[value=confirmed]")
    if traps.count():
        traps.first.check()
        page.locator("#traps button[type=submit]").click()
        page.wait_for_load_state("load")
        page.goto(entry_url)
    suggestion = page.locator("#reframe-form input[name=choice]").first
    suggestion.check()
    screenshot(page, "flow-3-reflect-phone")
    page.locator("#reframe-form button[type=submit]").click()
    page.wait_for_load_state("load")
    assert "note=reframe_saved" in page.url or page.locator(".note").count()

    # Breathe for 30 seconds (two box breaths, 32 s): the pacer runs to the end and is kept.
    page.goto(server.url + "/breathe?pattern=box&minutes=0.5")
    page.locator("#breathe-start").click()
    page.wait_for_timeout(2500)
    screenshot(page, "flow-4-breathe-phone")
    page.locator('#breathe[data-state="saved"]').wait_for(timeout=60_000)

    # Today and Insights both show the practice.
    page.goto(server.url + "/")
    assert "1 practice session" in page.locator("#today-so-far").inner_text()
    screenshot(page, "flow-5-today-after-phone")
    page.goto(server.url + "/insights")
    assert "1 practice session" in page.locator("main").inner_text()
    screenshot(page, "flow-6-insights-phone")
    watch.assert_clean()

    desktop, desk_watch = open_page(browser, server, DESKTOP)
    for path, name in (("/", "today"), ("/insights", "insights"), (entry_url, "entry")):
        desktop.goto(path if path.startswith("http") else server.url + path)
        screenshot(desktop, f"flow-desktop-{name}")
    desk_watch.assert_clean()


@pytest.mark.slow
def test_crisis_words_lead_straight_to_support(browser: Any, server: Server) -> None:
    page, watch = open_page(browser, server, PHONE)
    page.goto(server.url + "/write")
    page.locator("#f-thought").fill(CRISIS)
    support = page.locator("#live-support")
    support.wait_for(state="visible", timeout=20_000)
    assert support.locator("a[href^='/support']").count() >= 1
    screenshot(page, "crisis-1-write-phone")
    page.locator("#entry-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/support"))
    text = page.locator("main").inner_text()
    assert "findahelpline.com" in text
    assert "Your entry is saved" in text
    screenshot(page, "crisis-2-support-phone")
    # No reframes were offered for it, anywhere.
    page.goto(server.url + "/journal")
    page.locator("main a[href^='/journal/']").first.click()
    assert page.locator("#reframe-form").count() == 0
    watch.assert_clean()


@pytest.mark.slow
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_passes_the_accessibility_check(
    browser: Any, server: Server, scheme: str
) -> None:
    page, watch = open_page(browser, server, PHONE, color_scheme=scheme)
    problems: dict[str, list[str]] = {}
    for path in PAGES:
        page.goto(server.url + path)
        found = axe_violations(page)
        if found:
            problems[path] = found
        if scheme == "light":
            slug = re.sub(r"[^a-z0-9]+", "-", path).strip("-") or "today"
            screenshot(page, f"page-phone-{slug}")
    assert problems == {}
    watch.assert_clean()


@pytest.mark.slow
def test_the_breathing_shape_keeps_still_when_motion_is_reduced(
    browser: Any, server: Server
) -> None:
    page, watch = open_page(browser, server, PHONE, reduced_motion="reduce")
    page.goto(server.url + "/breathe?pattern=box&minutes=0.5")
    page.locator("#breathe-start").click()
    page.wait_for_timeout(1500)
    shape = page.locator(".breath-shape")
    first = shape.evaluate("el => getComputedStyle(el).transform")
    page.wait_for_timeout(1500)
    second = shape.evaluate("el => getComputedStyle(el).transform")
    assert first == second
    page.locator("#breathe-stop").click()
    watch.assert_clean()
