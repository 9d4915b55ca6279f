"""Insights: the page (sections in the report's sentences, SVG charts with text alternatives),
the JSON API, each chart as SVG, and one person's insights never holding another's records."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kindvoice.core.clock import FrozenClock
from kindvoice.interfaces import messages as m
from kindvoice.interfaces.cli.insights_cmds import plain
from kindvoice.interfaces.web.charts import WEB_CHARTS
from kindvoice.services import insights, portability
from tests.interfaces.test_report import NOW, rich_journal
from tests.interfaces.web._seed import breathe, context_of, some_days
from tests.interfaces.web.conftest import Site, headers, make_site

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def rich(tmp_path: Path) -> Iterator[Site]:
    """Local mode on 20 Nov 2026, with five months of made-up records."""
    site = make_site(tmp_path, hosted=False, clock=FrozenClock(NOW))
    portability.import_journal(context_of(site), rich_journal(NOW))
    yield site
    site.close()


def inline_charts(page: str) -> list[ET.Element]:
    found = re.findall(r"<svg .*?</svg>", page, re.S)
    return [ET.fromstring(markup) for markup in found]  # noqa: S314 - our own output


def test_an_empty_journal_shows_kind_not_enough_lines_and_no_charts(client: TestClient) -> None:
    page = client.get("/insights")
    assert page.status_code == 200
    assert "<svg" not in page.text
    assert m.say("web.insights.practice_none") in page.text
    assert 'id="few-critic"' in page.text
    assert 'id="few-program"' in page.text
    assert "kindvoice program start" not in page.text  # the web's words, not the terminal's
    assert page.text.count("<h1") == 1


def test_one_short_breathing_session_shows_on_insights(web: Site, client: TestClient) -> None:
    breathe(context_of(web), seconds=30)
    page = client.get("/insights").text
    assert "1 practice session, 0.5 minutes" in page
    assert 'id="chart-practice"' in page
    summary = client.get("/api/v1/insights").json()["practice"]
    assert summary["sessions"] == 1
    assert summary["seconds"] == 30.0


def test_every_chart_is_drawn_with_its_text_alternative(rich: Site) -> None:
    client = rich.client()
    page = client.get("/insights").text
    charts = inline_charts(page)
    assert sorted(chart.get("id") or "" for chart in charts) == sorted(
        f"chart-{name}" for name in WEB_CHARTS
    )
    for chart in charts:
        assert chart.get("role") == "img"
        title_id, desc_id = (chart.get("aria-labelledby") or "").split()
        assert chart.find(f"{SVG}title").get("id") == title_id  # type: ignore[union-attr]
        assert chart.find(f"{SVG}desc").get("id") == desc_id  # type: ignore[union-attr]
    assert page.count("<details>") == len(WEB_CHARTS)
    assert page.count("<table>") == len(WEB_CHARTS)
    assert "style=" not in page


def test_the_page_says_what_the_terminal_and_report_say(rich: Site) -> None:
    from kindvoice.interfaces import insight_words as words

    found = insights.compute(rich_journal(NOW), NOW.date(), 12)
    page = rich.client().get("/insights").text
    for sentence in (
        words.critic_share(found.critic),
        words.traps_top(found.traps),
        words.setbacks_found(found.setbacks),
    ):
        assert sentence is not None
        assert sentence.replace("“", "&#8220;") in page or _escaped(sentence) in page


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&#34;").replace("'", "&#39;")


@pytest.mark.parametrize("weeks", [4, 12, 26, 52])
def test_each_window_can_be_chosen(rich: Site, weeks: int) -> None:
    client = rich.client()
    page = client.get("/insights", params={"weeks": weeks})
    assert page.status_code == 200
    assert f'<option value="{weeks}" selected>' in page.text
    assert client.get("/api/v1/insights", params={"weeks": weeks}).json()["weeks"] == weeks


@pytest.mark.parametrize("weeks", ["0", "521", "-3", "twelve", "4.5"])
def test_a_window_out_of_range_is_refused_kindly(client: TestClient, weeks: str) -> None:
    page = client.get("/insights", params={"weeks": weeks})
    assert page.status_code == 422
    assert "<h1" in page.text
    api = client.get("/api/v1/insights", params={"weeks": weeks})
    assert api.status_code == 422
    assert api.json()["error"]["problems"][0]["location"] == "weeks"
    chart = client.get("/api/v1/insights/charts/mood.svg", params={"weeks": weeks})
    assert chart.status_code == 422


def test_the_api_gives_every_figure_in_the_terminals_shape(rich: Site) -> None:
    body = rich.client().get("/api/v1/insights").json()
    expected = plain(insights.compute(rich_journal(NOW), NOW.date(), 12))
    for key, value in expected.items():
        assert body[key] == value, key
    assert body["charts"] == list(WEB_CHARTS)
    assert body["moods"]
    assert {"day", "mood", "usual"} <= set(body["moods"][0])
    assert len(body["practice"]["weeks"]) == 12


@pytest.mark.parametrize("name", WEB_CHARTS)
def test_each_chart_comes_as_an_svg_picture(rich: Site, name: str) -> None:
    answer = rich.client().get(f"/api/v1/insights/charts/{name}.svg")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("image/svg+xml")
    root = ET.fromstring(answer.text)  # noqa: S314 - our own output
    assert root.get("id") == f"chart-{name}"
    assert root.get("role") == "img"


def test_a_chart_without_enough_says_so_in_the_picture(client: TestClient) -> None:
    answer = client.get("/api/v1/insights/charts/critic.svg")
    assert answer.status_code == 200
    root = ET.fromstring(answer.text)  # noqa: S314 - our own output
    desc = root.find(f"{SVG}desc")
    assert desc is not None
    assert (desc.text or "").startswith("No chart yet")


@pytest.mark.parametrize("name", ["nope", "CRITIC", "critic.png", "x" * 41])
def test_an_unknown_chart_is_a_kind_404(client: TestClient, name: str) -> None:
    answer = client.get(f"/api/v1/insights/charts/{name}.svg")
    assert answer.status_code in (404, 422)
    assert answer.json()["error"]["message"]


def test_hosted_insights_never_hold_another_persons_records(hosted: Site) -> None:
    ana, ben = hosted.person("ana"), hosted.person("ben")
    ana_ctx = context_of(hosted, ana)
    some_days(ana_ctx, days=12)
    breathe(ana_ctx)
    for mood in (3, 4):
        sent = ana.post(
            "/api/v1/checkins",
            json={"mood": mood, "stress": 5, "critic": 5},
            headers=headers(ana),
        )
        assert sent.status_code == 201
    ana_body = ana.get("/api/v1/insights").json()
    assert ana_body["setbacks"]["n"] >= 10
    assert ana_body["practice"]["sessions"] == 1
    ben_body = ben.get("/api/v1/insights").json()
    assert ben_body["setbacks"]["n"] == 0
    assert ben_body["critic"]["n"] == 0
    assert sum(week["entries"] for week in ben_body["critic"]["weeks"]) == 0
    assert ben_body["practice"]["sessions"] == 0
    assert ben_body["moods"] == []
    assert ben_body["helps"]["n"] == 0
    page = ben.get("/insights").text
    assert m.say("web.insights.practice_none") in page
    assert "<svg" not in page
    picture = ET.fromstring(ben.get("/api/v1/insights/charts/practice.svg").text)  # noqa: S314 - our own output
    words = " ".join(node.text or "" for node in picture.iter(f"{SVG}text"))
    assert words == m.say("web.insights.practice_none")


def test_hosted_insights_need_signing_in(hosted: Site) -> None:
    stranger = hosted.client()
    page = stranger.get("/insights?weeks=4")
    assert page.status_code == 303
    assert page.headers["location"].startswith("/signin?next=/insights")
    assert stranger.get("/api/v1/insights").status_code == 401
    assert stranger.get("/api/v1/insights/charts/mood.svg").status_code == 401
