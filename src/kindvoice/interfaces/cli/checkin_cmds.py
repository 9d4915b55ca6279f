"""`kindvoice checkin` and `kindvoice checkins`."""

from __future__ import annotations

from typing import Annotated

import click
import typer

from kindvoice.core.errors import KindvoiceError
from kindvoice.interfaces import messages as m
from kindvoice.interfaces.cli import render
from kindvoice.interfaces.cli.state import parse_when, state_of


def _ask_rating(key: str) -> int:
    while True:
        answer = click.prompt(m.say(key), default="", show_default=False).strip()
        if answer.isdigit() and 0 <= int(answer) <= 10:
            return int(answer)
        render.note(m.say("checkin.ask_again"))


def _ask_optional_rating(key: str) -> int | None:
    while True:
        answer = click.prompt(m.say(key), default="", show_default=False).strip()
        if not answer:
            return None
        if answer.isdigit() and 0 <= int(answer) <= 10:
            return int(answer)
        render.note(m.say("checkin.ask_again_or_skip"))


def checkin(
    ctx: typer.Context,
    mood: Annotated[
        int | None, typer.Option("--mood", min=0, max=10, help=m.HELP["checkin.mood"])
    ] = None,
    stress: Annotated[
        int | None, typer.Option("--stress", min=0, max=10, help=m.HELP["checkin.stress"])
    ] = None,
    critic: Annotated[
        int | None, typer.Option("--critic", min=0, max=10, help=m.HELP["checkin.critic"])
    ] = None,
    kindness: Annotated[
        int | None, typer.Option("--kindness", min=0, max=10, help=m.HELP["checkin.kindness"])
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help=m.HELP["checkin.note"])] = None,
    at: Annotated[str | None, typer.Option("--at", help=m.HELP["write.at"])] = None,
    as_json: Annotated[bool, typer.Option("--json", help=m.HELP["json"])] = False,
) -> None:
    """A twenty-second check-in."""
    from kindvoice.services import checkins

    missing = [
        name
        for name, value in (("--mood", mood), ("--stress", stress), ("--critic", critic))
        if value is None
    ]
    if missing:
        if not render.is_interactive():
            raise KindvoiceError("needs_terminal", what=", ".join(missing))
        render.note(m.say("checkin.intro"))
        mood = _ask_rating("checkin.ask_mood") if mood is None else mood
        stress = _ask_rating("checkin.ask_stress") if stress is None else stress
        critic = _ask_rating("checkin.ask_critic") if critic is None else critic
        if kindness is None:
            kindness = _ask_optional_rating("checkin.ask_kindness")
        if note is None:
            note = click.prompt(m.say("checkin.ask_note"), default="", show_default=False)
    assert mood is not None
    assert stress is not None
    assert critic is not None
    item = checkins.record_checkin(
        state_of(ctx).context,
        mood,
        stress,
        critic,
        note or "",
        at=parse_when(at) if at else None,
        kindness=kindness,
    )
    if as_json:
        render.print_json(render.checkin_json(item))
    else:
        render.note(m.say("checkin.saved"))


def list_checkins(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help=m.HELP["checkins.limit"])] = 30,
    as_json: Annotated[bool, typer.Option("--json", help=m.HELP["json"])] = False,
) -> None:
    """Show your recent check-ins."""
    from kindvoice.services import checkins

    items = checkins.list_checkins(state_of(ctx).context, limit=limit)
    if as_json:
        render.print_json([render.checkin_json(i) for i in items])
    elif items:
        render.checkin_table(items)
    else:
        render.note(m.say("checkins.empty"))
