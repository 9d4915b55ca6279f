"""What the report says, section by section: the plain sentences (the same catalog
sentences `kindvoice insights` prints), and for each chart its title, the sentence
saying what it shows, and the kind line to show when there isn't enough for it yet.

Nothing here draws or loads matplotlib; ``charts.py`` draws, ``html.py`` lays out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kindvoice.domain.insights.metrics import (
    MIN_BASELINE_DAYS,
    MIN_ENTRIES_FOR_MIX,
    MIN_SESSIONS_FOR_CHANGE,
    MIN_WEEKS_FOR_TREND,
)
from kindvoice.interfaces import insight_words as words
from kindvoice.interfaces import messages as m

if TYPE_CHECKING:
    from kindvoice.domain.insights.metrics import (
        Adherence,
        Believability,
        CriticFrequency,
        SetbackReport,
        TrapMix,
        WhatHelps,
    )
    from kindvoice.services.insights import Insights

CHART_NAMES: tuple[str, ...] = ("critic", "traps", "mood", "setbacks", "helps", "program")
"""Every chart, in the order the report shows them; also the PNG file names."""

"""Turns a trend per week into one per month, as the terminal view does."""
"""A trap's share moved when it changed by at least 5 points between the halves."""


@dataclass(frozen=True)
class ChartSlot:
    """Where one chart goes: its ``name`` (its id and file name), the title drawn on it,
    the sentence above it, and the line shown instead when it can't be drawn yet."""

    name: str
    title: str
    shows: str
    few: str


@dataclass(frozen=True)
class Section:
    """One insight: a title, an optional note about what it means, the plain sentences
    of what it found, its charts, a not-enough line for a section without a chart,
    and notes to read after it."""

    key: str
    title: str
    about: str | None
    summary: tuple[str, ...]
    slots: tuple[ChartSlot, ...] = ()
    few: str | None = None
    notes: tuple[str, ...] = ()


def _present(sentence: str | None) -> list[str]:
    return [] if sentence is None else [sentence]


def sections(found: Insights) -> tuple[Section, ...]:
    """Every section of the report, in order."""
    return (
        _critic(found.critic),
        _traps(found.traps),
        _belief(found.belief),
        _setbacks(found.setbacks),
        _helps(found.helps),
        _program(found.program),
    )


def slots_by_name(found: Insights) -> dict[str, ChartSlot]:
    return {slot.name: slot for section in sections(found) for slot in section.slots}


def _critic(critic: CriticFrequency) -> Section:
    summary: list[str] = []
    share = words.critic_share(critic)
    if share is not None:
        summary.append(share)
        if critic.enough:
            summary.extend(_present(words.trend_sentence(critic.trend, "critic", 100)))
    slot = ChartSlot(
        "critic",
        m.say("report.chart.critic"),
        m.say("report.critic.shows"),
        m.say("report.few.critic", need=MIN_WEEKS_FOR_TREND, have=critic.weeks_with_verdicts),
    )
    return Section("critic", m.say("insights.critic.title"), None, tuple(summary), (slot,))


def _traps(traps: TrapMix) -> Section:
    summary: list[str] = []
    if traps.enough:
        summary.append(words.traps_top(traps))
        if traps.change_enough:
            moved = words.traps_moved(traps)
            summary.extend(moved)
            if not moved:
                summary.append(m.say("insights.traps.steady"))
    shows = m.say("report.traps.shows_halves" if traps.change_enough else "report.traps.shows")
    slot = ChartSlot(
        "traps",
        m.say("report.chart.traps"),
        shows,
        m.say("report.few.traps", need=MIN_ENTRIES_FOR_MIX, have=traps.n),
    )
    return Section("traps", m.say("insights.traps.title"), None, tuple(summary), (slot,))


def _belief(belief: Believability) -> Section:
    title = m.say("insights.belief.title")
    drop = belief.drop
    if drop is None:
        return Section("belief", title, None, (), few=m.say("insights.belief.few", have=belief.n))
    return Section("belief", title, None, (words.belief_sentence(drop),))


def _setbacks(report: SetbackReport) -> Section:
    summary: list[str] = []
    if report.enough and not report.setbacks:
        summary.append(m.say("insights.setbacks.none", days=report.n))
    elif report.enough:
        summary.append(words.setbacks_found(report))
        if report.ongoing:
            summary.append(m.say("insights.setbacks.ongoing"))
        if report.trend_enough:
            for trend, key in (
                (report.reactivity_trend, "reactivity"),
                (report.recovery_trend, "recovery"),
            ):
                summary.extend(_present(words.trend_sentence(trend, key, words.WEEKS_PER_MONTH)))
    slots = (
        ChartSlot(
            "mood",
            m.say("report.chart.mood"),
            m.say("report.mood.shows"),
            m.say("report.few.mood", need=MIN_BASELINE_DAYS, have=report.n),
        ),
        ChartSlot(
            "setbacks",
            m.say("report.chart.setbacks"),
            m.say("report.setbacks.shows"),
            m.say("report.few.setbacks", have=report.recovered),
        ),
    )
    return Section(
        "setbacks",
        m.say("insights.setbacks.title"),
        m.say("insights.setbacks.about"),
        tuple(summary),
        slots,
    )


def _helps(helps: WhatHelps) -> Section:
    summary: list[str] = []
    notes: list[str] = []
    mood = helps.mood
    sentence = words.mood_sentence(mood)
    if sentence is not None:
        summary.append(sentence)
    elif helps.n:
        summary.append(
            m.say("insights.helps.mood_few", with_=mood.days_with, without=mood.days_without)
        )
    if helps.n:
        notes.append(m.say("insights.helps.not_causes"))
    most = max((max(k.stress.n, k.kindness.n) for k in helps.kinds), default=0)
    slot = ChartSlot(
        "helps",
        m.say("report.chart.helps"),
        m.say("report.helps.shows"),
        m.say("report.few.helps", need=MIN_SESSIONS_FOR_CHANGE, have=most),
    )
    return Section(
        "helps", m.say("insights.helps.title"), None, tuple(summary), (slot,), notes=tuple(notes)
    )


def _program(program: Adherence | None) -> Section:
    summary: list[str] = []
    if program is None:
        few = m.say("report.few.program_none")
    else:
        few = m.say("report.few.program", have=program.n)
        summary.extend(_present(words.program_rate(program)))
    slot = ChartSlot("program", m.say("report.chart.program"), m.say("report.program.shows"), few)
    return Section("program", m.say("insights.program.title"), None, tuple(summary), (slot,))
