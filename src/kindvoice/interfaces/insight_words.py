"""The sentences that say what an insight found, shared by `kindvoice insights`, the report
and the web's Insights page.

Each function takes a metric's result and returns the catalog sentence (or
sentences) for it, so the terminal, the report and the web always say the same thing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kindvoice.interfaces import messages as m

if TYPE_CHECKING:
    from kindvoice.domain.insights.metrics import (
        Adherence,
        CriticFrequency,
        MoodOnPracticeDays,
        PracticeEffect,
        RatingChange,
        SetbackReport,
        TrapMix,
        TrapShare,
        WhatHelps,
    )
    from kindvoice.domain.insights.stats import Interval, Trend

WEEKS_PER_MONTH = 4.35  # monthly trends are fitted per week; people read them per month
MOVED_ENOUGH = 0.05  # a trap's share must move at least five points to be mentioned
TOP_TRAPS = 4


def percent(share: float) -> str:
    return f"{round(share * 100)}%"


def signed(value: float) -> str:
    """``+1.5`` or ``−1.5``, with a true minus sign."""
    return f"{value:+.1f}".replace("-", "−")


def trend_sentence(trend: Trend | None, key: str, unit_scale: float) -> str | None:
    """How a measure moved: ``insights.<key>.down|up|flat``, amounts in its own units."""
    if trend is None:
        return None
    amount = abs(trend.slope_per_week) * unit_scale
    return m.say(f"insights.{key}.{trend.direction}", amount=f"{amount:.1f}")


def critic_share(critic: CriticFrequency) -> str | None:
    if not critic.n or critic.share is None:
        return None
    critical = sum(week.self_critical for week in critic.weeks)
    return m.say(
        "insights.critic.share", share=percent(critic.share), critical=critical, n=critic.n
    )


def top_traps(traps: TrapMix) -> list[TrapShare]:
    return [t for t in traps.traps if t.share is not None][:TOP_TRAPS]


def traps_top(traps: TrapMix) -> str:
    listed = ", ".join(f"{m.trap_name(t.trap)} {percent(t.share or 0)}" for t in top_traps(traps))
    return m.say("insights.traps.top", traps=listed, n=traps.n)


def traps_moved(traps: TrapMix) -> list[str]:
    """One sentence per top trap whose share moved enough; empty when none did."""
    return [
        m.say(
            "insights.traps.moved",
            trap=m.trap_name(t.trap),
            before=percent(t.earlier_share or 0),
            after=percent(t.later_share or 0),
        )
        for t in top_traps(traps)
        if t.change is not None and abs(t.change) >= MOVED_ENOUGH
    ]


def belief_sentence(drop: Interval) -> str:
    key = "insights.belief.down" if drop.mean > 0 else "insights.belief.not_down"
    return m.say(
        key, mean=f"{abs(drop.mean):.0f}", low=f"{drop.low:.0f}", high=f"{drop.high:.0f}", n=drop.n
    )


def setbacks_found(report: SetbackReport) -> str:
    return m.say(
        "insights.setbacks.found",
        count=len(report.setbacks),
        recovered=report.recovered,
        days=report.n,
    )


def mood_sentence(mood: MoodOnPracticeDays) -> str | None:
    """Mood on days with and without practice, or None without enough days of each."""
    if mood.difference is None or mood.mean_with is None or mood.mean_without is None:
        return None
    return m.say(
        "insights.helps.mood",
        with_=f"{mood.mean_with:.1f}",
        without=f"{mood.mean_without:.1f}",
        diff=signed(mood.difference.difference),
        low=signed(mood.difference.low),
        high=signed(mood.difference.high),
        days_with=mood.days_with,
        days_without=mood.days_without,
    )


def program_rate(program: Adherence) -> str | None:
    if program.rate is None:
        return None
    return m.say(
        "insights.program.rate", done=program.done, n=program.n, share=percent(program.rate)
    )


def change_text(change: RatingChange) -> str:
    """A change around practice with its 95% interval (``−1.2 (−2.0 … −0.4)``), or how few."""
    if change.change is None:
        return m.say("insights.helps.few", have=change.n)
    c = change.change
    return f"{signed(c.mean)} ({signed(c.low)} … {signed(c.high)})"


def help_rows(helps: WhatHelps) -> list[PracticeEffect]:
    """The rows of "what helps" as charts show them: each kind with sessions, followed by
    its practices."""
    rows: list[PracticeEffect] = []
    for kind in helps.kinds:
        if kind.sessions:
            rows.append(kind)
            rows.extend(p for p in helps.practices if p.kind == kind.kind)
    return rows
