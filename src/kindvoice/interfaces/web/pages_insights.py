"""Pages: Insights (the sections the report has, in the same sentences, with SVG charts drawn
here), and the routers of the Program and Learn pages, which join the app through this one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from kindvoice.interfaces import messages as m
from kindvoice.interfaces.report.sections import sections as report_sections
from kindvoice.interfaces.web import learn_pages, program_pages
from kindvoice.interfaces.web.charts import Drawn, draw, minutes_text
from kindvoice.interfaces.web.render import page
from kindvoice.interfaces.web.viewer import Viewer
from kindvoice.services import insight_series
from kindvoice.services.insight_series import InsightSeries

router = APIRouter(include_in_schema=False)
router.include_router(program_pages.router)
router.include_router(learn_pages.router)

WEEK_CHOICES = (4, 12, 26, 52)
MAX_WEEKS = 520
Weeks = Annotated[int, Query(ge=1, le=MAX_WEEKS)]


@dataclass(frozen=True)
class Slot:
    """One chart's place: drawn when there is enough, else the kind ``few`` line."""

    name: str
    title: str
    shows: str
    few: str
    drawn: Drawn | None


@dataclass(frozen=True)
class WebSection:
    key: str
    title: str
    about: str | None
    summary: tuple[str, ...]
    slots: tuple[Slot, ...]
    few: str | None
    notes: tuple[str, ...]


def _web_words() -> dict[str, str]:
    """The report's sentences that name a terminal command, and the web's words for them."""
    return {
        m.say("insights.setbacks.ongoing"): m.say("web.insights.setbacks_ongoing"),
        m.say("report.few.program_none"): m.say("web.insights.program_none"),
    }


def _slot(series: InsightSeries, name: str, title: str, shows: str, few: str) -> Slot:
    return Slot(name, title, shows, few, draw(series, name, title, shows))


def practice_section(series: InsightSeries) -> WebSection:
    """Practice week by week: shown first, so even one short session is seen."""
    practice = series.practice
    weeks = series.found.weeks
    if practice.sessions:
        summary: tuple[str, ...] = (
            m.say(
                "web.insights.practice_total",
                weeks=weeks,
                sessions=m.count(practice.sessions, "practice_run"),
                minutes=minutes_text(practice.seconds),
            ),
            m.say(
                "web.insights.practice_this_week",
                sessions=m.count(practice.this_week.sessions, "practice_run"),
                minutes=minutes_text(practice.this_week.seconds),
            ),
        )
    else:
        summary = ()
    slot = _slot(
        series,
        "practice",
        m.say("web.insights.chart.practice"),
        m.say("web.insights.practice_shows"),
        m.say("web.insights.practice_none"),
    )
    return WebSection(
        "practice", m.say("web.insights.practice_h"), None, summary, (slot,), None, ()
    )


def web_sections(series: InsightSeries) -> tuple[WebSection, ...]:
    """Every section of the page, in order: practice, then the report's own sections."""
    found = series.found
    words = _web_words()
    made = [practice_section(series)]
    for section in report_sections(found):
        slots = tuple(
            _slot(series, s.name, s.title, s.shows, words.get(s.few, s.few)) for s in section.slots
        )
        few = section.few
        if section.key == "belief":
            belief_few = few or m.say("insights.belief.few", have=found.belief.n)
            slots = (
                _slot(
                    series,
                    "belief",
                    m.say("web.insights.chart.belief"),
                    m.say("web.insights.belief_shows"),
                    belief_few,
                ),
            )
            few = None
        if found.setbacks.enough:
            slots = tuple(
                Slot(s.name, s.title, s.shows, m.say("web.insights.mood_none_here"), None)
                if s.name == "mood" and s.drawn is None
                else s
                for s in slots
            )
        made.append(
            WebSection(
                section.key,
                section.title,
                section.about,
                tuple(words.get(line, line) for line in section.summary),
                slots,
                few,
                section.notes,
            )
        )
    return tuple(made)


def find_slot(series: InsightSeries, name: str) -> Slot | None:
    for section in web_sections(series):
        for slot in section.slots:
            if slot.name == name:
                return slot
    return None


@router.get("/insights")
def insights_page(request: Request, ctx: Viewer, weeks: Weeks = 12) -> Response:
    series = insight_series.gather(ctx, weeks)
    choices = sorted({*WEEK_CHOICES, series.found.weeks})
    return page(
        request,
        "insights.html",
        m.say("web.insights.title"),
        found=series.found,
        sections=web_sections(series),
        weeks=series.found.weeks,
        week_choices=choices,
    )
