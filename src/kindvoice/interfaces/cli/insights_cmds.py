"""`kindvoice insights`: what your own records show, in plain words, small tables and sparklines."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from kindvoice.interfaces import insight_words as words
from kindvoice.interfaces import messages as m
from kindvoice.interfaces.cli import render
from kindvoice.interfaces.cli.state import state_of

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

BARS = "▁▂▃▄▅▆▇█"
MONTHS_SHOWN = 6


def insights(
    ctx: typer.Context,
    weeks: Annotated[
        int, typer.Option("--weeks", "-w", min=1, max=520, help=m.HELP["insights.weeks"])
    ] = 12,
    as_json: Annotated[bool, typer.Option("--json", help=m.HELP["json"])] = False,
) -> None:
    """What your own records show."""
    from kindvoice.services import insights as service

    found = service.gather(state_of(ctx).context, weeks)
    if as_json:
        render.print_json(plain(found))
        return
    show(found)


def show(found: Insights) -> None:
    render.out.print(
        Text(
            m.say("insights.title", weeks=found.weeks, today=found.today.strftime("%d %b %Y")),
            style=f"bold {render.ACCENT}",
        )
    )
    render.note(m.say("insights.about"))
    _critic(found.critic)
    _traps(found.traps)
    _belief(found.belief)
    _setbacks(found.setbacks)
    _helps(found.helps)
    if found.program is not None:
        _program(found.program)


def _section(key: str) -> None:
    render.out.print()
    render.out.print(Text(m.say(key), style=f"bold {render.ACCENT}"))


def sparkline(values: Sequence[float | None], low: float = 0.0, high: float = 1.0) -> str:
    """One character a value, taller for higher; a space where there is no value."""
    span = high - low
    out = []
    for value in values:
        if value is None or math.isnan(value):
            out.append(" ")
            continue
        share = 0.0 if span <= 0 else min(max((value - low) / span, 0.0), 1.0)
        out.append(BARS[round(share * (len(BARS) - 1))])
    return "".join(out)


def _say(sentence: str | None) -> None:
    if sentence is not None:
        render.paragraph(sentence)


def _critic(critic: CriticFrequency) -> None:
    _section("insights.critic.title")
    if critic.n == 0 or critic.share is None:
        render.note(m.say("insights.critic.none"))
        return
    _say(words.critic_share(critic))
    line = sparkline([w.share for w in critic.weeks])
    render.info(m.say("insights.week_by_week", line=line))
    if critic.enough:
        _say(words.trend_sentence(critic.trend, "critic", 100))
    else:
        render.note(m.say("insights.critic.few_weeks", have=critic.weeks_with_verdicts))


def _traps(traps: TrapMix) -> None:
    _section("insights.traps.title")
    if not traps.enough:
        render.note(m.say("insights.traps.few", have=traps.n))
        return
    render.paragraph(words.traps_top(traps))
    if traps.change_enough:
        moved = words.traps_moved(traps)
        for line in moved:
            render.info(line)
        if not moved:
            render.note(m.say("insights.traps.steady"))
    else:
        render.note(m.say("insights.traps.few_halves"))


def _belief(belief: Believability) -> None:
    _section("insights.belief.title")
    if belief.drop is None:
        render.note(m.say("insights.belief.few", have=belief.n))
        return
    render.paragraph(words.belief_sentence(belief.drop))


def _setbacks(report: SetbackReport) -> None:
    _section("insights.setbacks.title")
    render.note(m.say("insights.setbacks.about"))
    if not report.enough:
        render.note(m.say("insights.setbacks.few", have=report.n))
        return
    if not report.setbacks:
        render.paragraph(m.say("insights.setbacks.none", days=report.n))
        return
    render.paragraph(words.setbacks_found(report))
    if report.ongoing:
        render.paragraph(m.say("insights.setbacks.ongoing"))
    table = Table(border_style=render.SOFT, header_style=render.ACCENT)
    table.add_column(m.say("insights.col.month"), no_wrap=True)
    table.add_column(m.say("insights.col.setbacks"), justify="right")
    table.add_column(m.say("insights.col.drop"), justify="right")
    table.add_column(m.say("insights.col.recovery"), justify="right")
    for month in report.months[-MONTHS_SHOWN:]:
        table.add_row(
            month.month.strftime("%b %Y"),
            str(month.count),
            "·" if month.mean_reactivity is None else f"{month.mean_reactivity:.1f}",
            "·" if month.median_recovery_days is None else f"{month.median_recovery_days:g}",
        )
    render.out.print(table)
    if report.trend_enough:
        _say(words.trend_sentence(report.reactivity_trend, "reactivity", words.WEEKS_PER_MONTH))
        _say(words.trend_sentence(report.recovery_trend, "recovery", words.WEEKS_PER_MONTH))
    else:
        render.note(m.say("insights.setbacks.few_months"))


def _helps(helps: WhatHelps) -> None:
    _section("insights.helps.title")
    if helps.n == 0:
        render.note(m.say("insights.helps.none"))
        return
    table = Table(border_style=render.SOFT, header_style=render.ACCENT)
    table.add_column(m.say("insights.col.practice"))
    table.add_column(m.say("insights.col.sessions"), justify="right")
    table.add_column(m.say("insights.col.stress"), justify="right")
    table.add_column(m.say("insights.col.kindness"), justify="right")
    for effect in (*helps.kinds, *helps.practices):
        if effect.sessions == 0:
            continue
        label = (
            m.say(f"insights.kind.{effect.kind}")
            if effect.practice is None
            else ("  " + effect.practice)
        )
        table.add_row(
            label,
            str(effect.sessions),
            words.change_text(effect.stress),
            words.change_text(effect.kindness),
        )
    render.out.print(table)
    render.note(m.say("insights.helps.how_to_read"))
    mood = helps.mood
    sentence = words.mood_sentence(mood)
    if sentence is not None:
        render.paragraph(sentence)
    else:
        render.note(
            m.say("insights.helps.mood_few", with_=mood.days_with, without=mood.days_without)
        )
    render.note(m.say("insights.helps.not_causes"))


def _program(program: Adherence) -> None:
    _section("insights.program.title")
    rate = words.program_rate(program)
    if rate is None:
        render.note(m.say("insights.program.none"))
        return
    render.paragraph(rate)
    render.info(m.say("insights.week_by_week", line=sparkline([w.rate for w in program.weeks])))


def plain(value: Any) -> Any:
    """Insights as JSON-ready data: dataclasses to objects, dates to ISO text."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 4)
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    return value
