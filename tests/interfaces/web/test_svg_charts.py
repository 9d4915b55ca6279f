"""The hand-written SVG charts: well-formed, accessible, escaped, deterministic, and calm
about empty, single-point and flat data."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest

from kindvoice.interfaces.web import svg_charts as svg
from kindvoice.interfaces.web.charts import WEB_CHARTS, draw
from kindvoice.services.insight_series import InsightSeries, practice_weeks, usual_moods
from kindvoice.services.insights import compute, mood_series
from tests.interfaces.test_report import NOW, rich_journal

NS = "{http://www.w3.org/2000/svg}"
HOSTILE = 'a <script>alert("x")</script> & \x00\x07 label'


def frame(desc: str = "What it shows.") -> svg.Frame:
    return svg.Frame("chart-test", "A <title> & more", desc)


def parsed(markup: str) -> ET.Element:
    root = ET.fromstring(markup)  # noqa: S314 - our own output, under test
    assert root.tag == f"{NS}svg"
    assert root.get("role") == "img"
    labelled = (root.get("aria-labelledby") or "").split()
    ids = {node.get("id") for node in root.iter()}
    assert labelled
    assert set(labelled) <= ids
    assert root.find(f"{NS}title") is not None
    assert root.find(f"{NS}desc") is not None
    assert "style=" not in markup
    for node in root.iter():
        for name, value in node.attrib.items():
            if name not in ("id", "class", "aria-labelledby", "font-family"):
                assert "nan" not in value.lower(), (name, value)
                assert "inf" not in value.lower(), (name, value)
    return root


def texts(root: ET.Element) -> list[str]:
    return [node.text or "" for node in root.iter(f"{NS}text")]


def every_shape(label: str = "Label", values: tuple[float | None, ...] = (1.0, 2.0)) -> list[str]:
    points = [(float(i), v) for i, v in enumerate(values)]
    return [
        svg.line_chart(
            frame(),
            [svg.Series(points, labels=[(0.0, values[0] or 0.0, label)])],
            y_range=(0, 10),
            y_ticks=[svg.Tick(0, "0"), svg.Tick(10, "10")],
            x_ticks=[svg.Tick(0, label)],
            bands=[svg.Band(0, 1, level=5)],
            rings=[(1.0, 2.0)],
        ),
        svg.bar_rows(frame(), [svg.BarRow(label, [svg.Bar(v or 0.0, label) for v in values if v])]),
        svg.column_panels(
            frame(),
            [svg.Panel(label, [svg.Column(label, v, label, label) for v in values])],
        ),
        svg.interval_rows(
            frame(),
            svg.IntervalRows(
                labels=[label],
                panels=[
                    svg.IntervalPanel(
                        label, [svg.Estimate(values[0] or 0.0, -1, 1, label)], [label]
                    )
                ],
            ),
        ),
        svg.message_chart(frame(), label),
    ]


def test_every_shape_is_well_formed_and_accessible() -> None:
    for markup in every_shape():
        root = parsed(markup)
        assert root.find(f"{NS}title").text == "A <title> & more"  # type: ignore[union-attr]


def test_text_from_data_is_escaped_never_markup() -> None:
    for markup in every_shape(HOSTILE):
        root = parsed(markup)
        assert "<script" not in markup
        assert not list(root.iter(f"{NS}script"))
        assert any("<script>" in text for text in texts(root)) or "…" in "".join(texts(root))


def test_the_same_data_gives_the_same_bytes() -> None:
    assert every_shape() == every_shape()


@pytest.mark.parametrize(
    "values",
    [(), (4.0,), (5.0, 5.0, 5.0), (None, None), (math.nan, math.inf, 3.0), (0.0, 0.0)],
    ids=["empty", "one", "flat", "all-missing", "not-finite", "zeros"],
)
def test_odd_data_never_breaks_a_chart(values: tuple[float | None, ...]) -> None:
    for markup in every_shape("x", values or (None,)):
        parsed(markup)


def test_a_flat_range_is_widened_instead_of_dividing_by_zero() -> None:
    scale = svg.Scale(5, 5, 0, 100)
    assert scale(5) == 50
    assert math.isfinite(svg.Scale(math.nan, 1, 0, 10)(0.5))


def test_numbers_are_written_the_same_way_every_time() -> None:
    assert [svg.num(v) for v in (1.0, 1.25, -0.01, math.nan, 12.345)] == [
        "1",
        "1.2",
        "0",
        "0",
        "12.3",
    ]


def test_a_line_breaks_at_missing_days_and_long_gaps() -> None:
    markup = svg.line_chart(
        frame(),
        [svg.Series([(0, 1), (1, 2), (2, None), (3, 2), (20, 3), (21, 4)], gap=7, dots=False)],
        y_range=(0, 10),
    )
    root = parsed(markup)
    assert len(list(root.iter(f"{NS}polyline"))) == 2  # 0–1 and 20–21; 3 alone is a dot
    assert len(list(root.iter(f"{NS}circle"))) == 1


def test_long_labels_are_shortened_in_the_picture() -> None:
    assert svg.short("x" * 40) == "x" * 27 + "…"
    assert svg.short("short") == "short"


def test_every_insight_chart_draws_from_a_rich_journal() -> None:
    journal = rich_journal(NOW)
    found = compute(journal, NOW.date(), 12)
    series = InsightSeries(
        found,
        usual_moods(mood_series(journal, NOW.date())),
        practice_weeks(((r.started_at, r.actual_s) for r in journal.practice_runs), NOW.date(), 12),
    )
    for name in WEB_CHARTS:
        drawn = draw(series, name, f"Title {name}", "Shows.")
        assert drawn is not None, name
        root = parsed(drawn.svg)
        assert root.get("id") == f"chart-{name}"
        assert drawn.table.rows
        assert drawn.summary
        assert all(len(row) == len(drawn.table.headers) for row in drawn.table.rows)


def test_no_insight_chart_is_drawn_from_nothing() -> None:
    from kindvoice.domain.records import Journal

    today = datetime(2026, 11, 20, tzinfo=UTC).date()
    found = compute(Journal(None, (), ()), today, 12)
    series = InsightSeries(found, (), practice_weeks((), today, 12))
    for name in WEB_CHARTS:
        assert draw(series, name, "T", "S") is None, name


def test_one_short_session_is_enough_for_the_practice_chart() -> None:
    from kindvoice.domain.records import Journal

    today = NOW.date()
    found = compute(Journal(None, (), ()), today, 4)
    practice = practice_weeks([(NOW, 30.0)], today, 4)
    assert practice.sessions == 1
    assert practice.this_week.seconds == 30.0
    drawn = draw(InsightSeries(found, (), practice), "practice", "T", "S")
    assert drawn is not None
    assert "0.5" in drawn.svg


def test_a_sentence_in_a_picture_wraps_between_words() -> None:
    words = "No chart yet: it appears once there are enough check-ins for kindvoice to learn."
    lines = svg.wrap(words * 2, width=40)
    assert all(len(line) <= 40 for line in lines)
    assert " ".join(lines) == " ".join((words * 2).split())
    root = parsed(svg.message_chart(frame(), words * 2))
    assert len(texts(root)) == len(svg.wrap(words * 2))
