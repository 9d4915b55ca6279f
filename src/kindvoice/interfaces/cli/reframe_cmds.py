"""`kindvoice reframe` (the quick version, nothing saved) and `kindvoice support`."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from kindvoice.interfaces import messages as m
from kindvoice.interfaces.cli import reflect_view, render
from kindvoice.interfaces.cli.state import state_of


def reframe(
    ctx: typer.Context,
    thought: Annotated[str, typer.Argument(help=m.HELP["reframe.thought"], show_default=False)],
    situation: Annotated[
        str, typer.Option("--situation", "-s", help=m.HELP["reframe.situation"])
    ] = "",
    as_json: Annotated[bool, typer.Option("--json", help=m.HELP["json"])] = False,
) -> None:
    """See what kindvoice notices in a thought, and kinder ways to answer it."""
    from kindvoice.services import reframing

    state = state_of(ctx)
    if thought == "-":
        thought = sys.stdin.read()
    analysis, suggestions = reframing.quick_reframe(thought, situation, state.llm)
    country = state.settings.country
    urgent = analysis.crisis.level == "urgent"
    if as_json:
        data = {
            "thought": analysis.text,
            "situation": situation.strip(),
            "analysis": reflect_view.analysis_json(analysis),
            "suggestions": [reflect_view.suggestion_json(s) for s in suggestions],
        }
        if analysis.is_crisis:
            data["support"] = reflect_view.support_json(country)
            reflect_view.support_panel(country, urgent=urgent, to_stderr=True)
        render.print_json(data)
        return
    if analysis.is_crisis:
        reflect_view.support_panel(country, urgent=urgent)
        return
    # Asked for on purpose, so the suggestions come even when nothing sounded harsh.
    reflect_view.show_noticed(analysis, analysis.text)
    reflect_view.show_suggestions(suggestions)


def support(ctx: typer.Context) -> None:
    """People you can talk to, any time."""
    reflect_view.support_panel(state_of(ctx).settings.country)
