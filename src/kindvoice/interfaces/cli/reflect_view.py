"""Drawing what kindvoice noticed, the suggestions, a stored reflection, and support.

The sentences about what was noticed come from ``interfaces/reflect_words.py``, which the
web app uses too, so both always say the same thing.

Everything here only draws (or shapes JSON); the conversation that asks
questions lives in ``reflect.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from kindvoice.domain.learn.resources import CrisisLine, crisis_resources, resources_to_dict
from kindvoice.domain.learn.resources import known_countries as _known_countries
from kindvoice.domain.nlp.types import Analysis, Reframe
from kindvoice.domain.records import Reflection
from kindvoice.domain.reflection import analysis_to_dict, summarize
from kindvoice.interfaces import messages as m
from kindvoice.interfaces.cli import render
from kindvoice.interfaces.reflect_words import Noticed, noticed_lines


def show_noticed(noticed: Noticed, thought: str, console: Console | None = None) -> bool:
    """Draw what was noticed; returns whether anything was."""
    console = console or render.out
    lines = noticed_lines(noticed, thought)
    console.print(Text(m.say("reflect.noticed"), style=f"bold {render.ACCENT}"))
    if not lines:
        console.print(
            Text(m.say("reflect.nothing"), style=render.SOFT), soft_wrap=not console.is_terminal
        )
        return False
    for line in lines:
        console.print(Text("• " + line), soft_wrap=not console.is_terminal)
    return True


def show_suggestions(suggestions: Sequence[Reframe], console: Console | None = None) -> None:
    console = console or render.out
    if not suggestions:
        return
    console.print()
    console.print(Text(m.say("reflect.suggestions"), style=f"bold {render.ACCENT}"))
    for number, item in enumerate(suggestions, start=1):
        line = Text(f"{number}. ")
        line.append(item.text)
        line.append(f"  ({m.say('component.' + item.component)})", style=render.SOFT)
        console.print(line, soft_wrap=not console.is_terminal)
        if item.question:
            console.print(
                Text("   " + item.question, style=render.SOFT), soft_wrap=not console.is_terminal
            )


def _traps(names: Sequence[str]) -> str:
    return ", ".join(m.trap_name(n) for n in names)


def _belief(before: int | None, after: int | None) -> str:
    if before is not None and after is not None:
        return m.say("show.belief", before=before, after=after)
    if before is not None:
        return m.say("show.belief_before", before=before)
    if after is not None:
        return m.say("show.belief_after", after=after)
    return ""


def show_reflection(reflection: Reflection, thought: str) -> None:
    """What `kindvoice journal show` adds below an entry."""
    analysis = reflection.analysis
    if analysis is not None or reflection.reframes:
        render.out.print()
    if analysis is not None and analysis.is_crisis:
        render.note(m.say("show.crisis"))
    elif analysis is not None:
        show_noticed(analysis, thought)
    if reflection.trap_feedback and not (analysis is not None and analysis.is_crisis):
        render.out.print()
        render.out.print(Text(m.say("show.feedback"), style=f"bold {render.ACCENT}"))
        for verdict in ("confirmed", "rejected", "added"):
            names = [f.trap for f in reflection.trap_feedback if f.verdict == verdict]
            if names:
                render.info("  " + m.say(f"show.{verdict}", traps=_traps(names)))
    if reflection.reframes:
        render.out.print()
        render.out.print(Text(m.say("show.reframes"), style=f"bold {render.ACCENT}"))
        for item in reflection.reframes:
            line = Text("• " + item.text)
            belief = _belief(item.belief_before, item.belief_after)
            if belief:
                line.append(f"  ({belief})", style=render.SOFT)
            render.out.print(line, soft_wrap=not render.out.is_terminal)


# --- support --------------------------------------------------------------------


def _numbers(numbers: Sequence[str]) -> str:
    return m.say("support.or").join(numbers)


def _line_text(line: CrisisLine) -> Text:
    text = Text(line.name, style="bold")
    ways = []
    if line.phone and line.phone == line.text:
        ways.append(m.say("support.call_or_text", numbers=_numbers(line.phone)))
    else:
        if line.phone:
            ways.append(m.say("support.call", numbers=_numbers(line.phone)))
        if line.text:
            ways.append(m.say("support.text", numbers=_numbers(line.text)))
    if line.web:
        ways.append(line.web)
    if line.hours:
        ways.append(line.hours)
    text.append(": " + " · ".join(ways))
    return text


def support_panel(
    country: str | None, *, after_write: bool = False, urgent: bool = False, to_stderr: bool = False
) -> None:
    """The calm support panel: who to reach, and a few steps for right now."""
    console = render.err if to_stderr else render.out
    found = crisis_resources(country)
    parts: list[RenderableType] = [
        Text(m.say("support.after_write" if after_write else "support.any_time")),
        Text(),
    ]
    emergency = Text(
        m.say("support.emergency", numbers=_numbers(found.emergency))
        if found.emergency
        else m.say("support.emergency_unknown")
    )
    lines = [
        Text(
            m.say("support.lines_for", country=found.country_name)
            if not found.is_default
            else m.say("support.lines_anywhere"),
            style=render.SOFT,
        ),
        *(_line_text(line) for line in found.lines),
    ]
    # Someone who may act now sees the emergency number first.
    if urgent:
        parts += [emergency, Text(), *lines]
    else:
        parts += [*lines, Text(), emergency]
    steps = Table.grid(padding=(0, 1))
    steps.add_column(no_wrap=True)
    steps.add_column()
    for key in ("step_breathe", "step_person", "step_means", "step_pass"):
        steps.add_row("•", m.say("support." + key))
    parts += [Text(), Text(m.say("support.steps"), style=render.SOFT)]
    console.print(
        Panel(
            Group(*parts, steps),
            title=m.say("support.title"),
            title_align="left",
            border_style=render.ACCENT,
            padding=(1, 2),
        )
    )
    if found.is_default:
        codes = ", ".join(_known_countries())
        if country:
            console.print(
                Text(m.say("support.unknown_country", country=country), style=render.SOFT),
                soft_wrap=not console.is_terminal,
            )
        console.print(
            Text(m.say("support.set_country", codes=codes), style=render.SOFT),
            soft_wrap=not console.is_terminal,
        )
    console.print(
        Text(m.say("support.not_a_service"), style=render.SOFT), soft_wrap=not console.is_terminal
    )


# --- JSON ----------------------------------------------------------------------------


def suggestion_json(item: Reframe) -> dict[str, Any]:
    return {
        "text": item.text,
        "component": item.component,
        "trap": item.trap,
        "question": item.question,
        "source": item.source,
    }


def support_json(country: str | None) -> dict[str, Any]:
    return resources_to_dict(crisis_resources(country))


def analysis_json(analysis: Analysis) -> dict[str, Any]:
    """A fresh analysis in the same shape as a stored one (see docs/data-format.md),
    without the moment it was stored."""
    data = analysis_to_dict(summarize(analysis, datetime.now(UTC)), analysis.text)
    data.pop("created_at")
    return data
