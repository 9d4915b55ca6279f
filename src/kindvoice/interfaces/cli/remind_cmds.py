"""`kindvoice remind`: a calendar file with a gentle repeating reminder, or a notification now."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from kindvoice.core.errors import KindvoiceError, Problem, ValidationError
from kindvoice.domain.reminders import (
    WEEK,
    WEEKDAYS,
    read_reminder,
    rotating_index,
)
from kindvoice.interfaces import messages as m
from kindvoice.interfaces.cli import render
from kindvoice.interfaces.cli.state import state_of

DEFAULT_FILE = "kindvoice-reminder.ics"
LINE_PREFIX = "remind.line."


def reminder_line_keys() -> list[str]:
    """The catalog keys of the rotating reminder lines, in their written order."""
    keys = [key for key in m.MESSAGES if key.startswith(LINE_PREFIX)]
    return sorted(keys, key=lambda key: int(key.removeprefix(LINE_PREFIX)))


def todays_line(today: date) -> str:
    """The reminder line for ``today``: the same all day, a different one tomorrow."""
    keys = reminder_line_keys()
    return m.say(keys[rotating_index(today, len(keys))])


def describe_days(days: tuple[int, ...]) -> str:
    """``every day``, ``on weekdays`` or ``on Mondays, Wednesdays and Fridays``."""
    if set(days) >= set(WEEK):
        return m.say("remind.every_day")
    if tuple(sorted(days)) == WEEKDAYS:
        return m.say("remind.weekdays")
    names = [m.say(f"remind.day.{day}") for day in sorted(days)]
    listed = (
        names[0]
        if len(names) == 1
        else m.say("remind.and", rest=", ".join(names[:-1]), last=names[-1])
    )
    return m.say("remind.on_days", days=listed)


def remind(
    ctx: typer.Context,
    at: Annotated[
        str | None, typer.Option("--at", metavar="HH:MM", help=m.HELP["remind.at"])
    ] = None,
    days: Annotated[
        str | None, typer.Option("--days", metavar="DAYS", help=m.HELP["remind.days"])
    ] = None,
    to: Annotated[
        str | None, typer.Option("--to", "-o", metavar="FILE", help=m.HELP["remind.to"])
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=m.HELP["remind.force"])] = False,
    notify: Annotated[bool, typer.Option("--notify", help=m.HELP["remind.notify"])] = False,
) -> None:
    """A gentle reminder: a calendar file, or a desktop notification now."""
    if at is None and not notify:
        if days is not None or to is not None or force:
            raise ValidationError([Problem("at", "remind.needs_time")])
        _guidance()
        return
    if at is not None:
        _save_calendar(ctx, at, days, to, force)
    if notify:
        _notify()


def _guidance() -> None:
    render.note(m.say("remind.intro"))
    render.info("  " + m.say("remind.how_calendar"))
    render.info("  " + m.say("remind.how_notify"))
    render.note(m.say("remind.how_more"))


def _save_calendar(
    ctx: typer.Context, at: str, days: str | None, to: str | None, force: bool
) -> None:
    from kindvoice.core.clock import SystemClock
    from kindvoice.services import reminders

    when, chosen = read_reminder(at, "daily" if days is None else days)
    zone = reminders.local_zone_name(os.environ)
    if to is None:
        path = state_of(ctx).settings.home / DEFAULT_FILE
    else:
        path = Path(to).expanduser()
        if path.is_dir():
            path = path / DEFAULT_FILE
    data = reminders.build_calendar(
        when,
        chosen,
        zone,
        summary=m.say("remind.summary"),
        description=m.say("remind.description"),
        alarm_text=m.say("remind.alarm"),
        uid=reminders.reminder_uid(when, chosen),
        now=SystemClock().now(),
    )
    reminders.write_calendar(path, data, force=force, make_folder=to is None)
    shown_time = f"{when:%H:%M}"
    render.note(
        m.say("remind.saved", time=shown_time, days=describe_days(chosen), path=path.absolute())
    )
    if zone is None:
        render.note(m.say("remind.floating", time=shown_time))
    else:
        render.note(m.say("remind.zone", zone=zone, time=shown_time))
    render.note(m.say("remind.import"))
    render.note(m.say("remind.change"))


def _notify() -> None:
    from kindvoice.core.clock import SystemClock
    from kindvoice.services import reminders

    line = todays_line(SystemClock().now().date())
    if not reminders.notify(m.say("remind.notify_title"), line):
        raise KindvoiceError("notify_unavailable")
    # Quiet when run from cron or a timer (cron mails whatever a job prints).
    if render.out.is_terminal:
        render.note(m.say("remind.notified"))
