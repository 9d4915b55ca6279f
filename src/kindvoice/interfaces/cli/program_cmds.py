"""`kindvoice today` and the `kindvoice program` group: the 8-week path, a day at a time."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table
from rich.text import Text

from kindvoice.core.errors import Problem, ValidationError
from kindvoice.interfaces import messages as m
from kindvoice.interfaces.cli import render
from kindvoice.interfaces.cli.state import state_of
from kindvoice.interfaces.program_json import plan_json, status_json

if TYPE_CHECKING:
    from kindvoice.domain.program.course import Week
    from kindvoice.domain.program.plan import PlanItem, ProgramState, TodayPlan
    from kindvoice.services.program import ProgramStatus

program_app = typer.Typer(help=m.HELP["program"], no_args_is_help=False)

MARKS = {"todo": "○", "done": "✓", "skipped": "–"}
CALENDAR_MARKS = {"done": "●", "not_done": "·", "skipped": "–"}


# --- today ----------------------------------------------------------------------


def today(
    ctx: typer.Context,
    done: Annotated[
        str | None, typer.Option("--done", help=m.HELP["today.done"], metavar="ITEM")
    ] = None,
    skip: Annotated[
        str | None, typer.Option("--skip", help=m.HELP["today.skip"], metavar="ITEM")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help=m.HELP["json"])] = False,
) -> None:
    """What to do today, what's done, and one next step."""
    from kindvoice.services import program

    context = state_of(ctx).context
    if done and skip:
        raise ValidationError([Problem("item", "done_and_skip")])
    plan: TodayPlan | None
    if done or skip:
        plan = program.mark(context, done or skip or "", done=bool(done))
    else:
        plan = program.today(context)
    if plan is None:
        if as_json:
            render.print_json(None)
            return
        render.paragraph(m.say("today.not_started"))
        render.note(m.say("today.not_started_hint"))
        return
    if as_json:
        render.print_json(plan_json(plan, where_key="command", where=command_for))
        return
    show_plan(plan)


def show_plan(plan: TodayPlan) -> None:
    state = plan.state
    week = plan.week
    render.out.print(Text(_heading(state, week), style=f"bold {render.ACCENT}"))
    if state.finished:
        render.paragraph(m.say("today.finished"))
        render.note(m.say("today.finished_hint"))
        return
    if state.paused:
        render.paragraph(m.say("today.paused"))
        return
    if plan.welcome_back:
        render.paragraph(m.say("today.welcome_back"))
    elif state.day_of_week == 1:
        render.paragraph(week.intro, render.SOFT)
    render.out.print()
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True, style=render.SOFT)
    table.add_column(overflow="fold")
    for item in plan.items:
        table.add_row(
            Text(MARKS[item.status], style=render.ACCENT),
            m.say(f"today.item.{item.key}"),
            _item_text(item),
        )
    render.out.print(table)
    render.out.print()
    if plan.welcome_back and plan.last_active_week and plan.last_active_week < state.week:
        render.note(m.say("today.go_back", week=plan.last_active_week))
    if plan.next_step is not None:
        render.info(m.say("today.next", command=command_for(plan.next_step)))
    else:
        render.info(m.say("today.all_done"))
    render.note(m.say("today.habit", percent=_percent(plan.habit)))
    if state.day_of_week == 7 and not plan.welcome_back:
        render.note(m.say("today.week_checkin"))
    if plan.streak is not None:
        key = "today.streak" if plan.streak else "today.streak_fresh"
        render.note(m.say(key, days=plan.streak))


def _heading(state: ProgramState, week: Week) -> str:
    if state.finished:
        return m.say("today.heading_finished")
    return m.say(
        "today.heading",
        week=state.week,
        weeks=state.days_total // 7,
        theme=week.theme,
        day=state.day_of_week,
    )


def _item_text(item: PlanItem) -> Text:
    text = Text(item.text)
    if item.status == "todo":
        text.append("\n" + command_for(item), style=render.SOFT)
    elif item.marked:
        text.append("  " + m.say(f"today.marked_{item.status}"), style=render.SOFT)
    if item.optional:
        text.append("  " + m.say("today.optional"), style=render.SOFT)
    return text


def command_for(item: PlanItem) -> str:
    """The command that does ``item``."""
    from kindvoice.domain.program.course import activity_kind

    if item.practice is None:
        return "kindvoice write"
    if activity_kind(item.practice) == "breathing":
        minutes = f" --minutes {item.minutes:g}" if item.minutes else ""
        return f"kindvoice breathe {item.practice}{minutes}"
    return f"kindvoice practice {item.practice}"


def _percent(score: float) -> int:
    from kindvoice.domain.program.habits import score_percent

    return score_percent(score)


# --- program ---------------------------------------------------------------------


@program_app.command("start", help=m.HELP["program.start"])
def start(
    ctx: typer.Context,
    on: Annotated[
        str | None, typer.Option("--date", help=m.HELP["program.date"], metavar="YYYY-MM-DD")
    ] = None,
    week: Annotated[int, typer.Option("--week", help=m.HELP["program.week_number"])] = 1,
) -> None:
    from kindvoice.services import program

    state = program.start(state_of(ctx).context, _parse_date(on) if on else None, week)
    render.info(m.say("program.started", week=state.week, day=state.started_on.isoformat()))
    render.note(m.say("program.started_hint"))


@program_app.command("restart", help=m.HELP["program.restart"])
def restart(
    ctx: typer.Context,
    week: Annotated[int, typer.Option("--week", help=m.HELP["program.week_number"])] = 1,
) -> None:
    from kindvoice.services import program

    state = program.start(state_of(ctx).context, None, week)
    render.info(m.say("program.restarted", week=state.week))


@program_app.command("pause", help=m.HELP["program.pause"])
def pause(ctx: typer.Context) -> None:
    from kindvoice.services import program

    program.pause(state_of(ctx).context)
    render.info(m.say("program.paused"))


@program_app.command("resume", help=m.HELP["program.resume"])
def resume(ctx: typer.Context) -> None:
    from kindvoice.services import program

    state = program.resume(state_of(ctx).context)
    render.info(m.say("program.resumed", week=state.week, day=state.day_of_week))


@program_app.command("pace", help=m.HELP["program.pace"])
def pace(
    ctx: typer.Context,
    speed: Annotated[str, typer.Argument(help=m.HELP["program.pace_value"], metavar="normal|slow")],
) -> None:
    from kindvoice.services import program

    state = program.set_pace(state_of(ctx).context, speed)
    render.info(m.say(f"program.pace_{state.pace}"))


@program_app.command("swap", help=m.HELP["program.swap"])
def swap(
    ctx: typer.Context,
    old: Annotated[str, typer.Argument(help=m.HELP["program.swap_from"], metavar="FROM")],
    new: Annotated[str, typer.Argument(help=m.HELP["program.swap_to"], metavar="TO")],
) -> None:
    from kindvoice.services import program

    program.swap(state_of(ctx).context, old, new)
    render.info(m.say("program.swapped", old=old.strip().lower(), new=new.strip().lower()))


@program_app.command("streaks", help=m.HELP["program.streaks"])
def streaks(
    ctx: typer.Context,
    setting: Annotated[str, typer.Argument(help=m.HELP["program.streaks_value"], metavar="on|off")],
) -> None:
    from kindvoice.services import program

    value = setting.strip().lower()
    if value not in ("on", "off"):
        raise ValidationError(
            [Problem("streaks", "not_one_of", {"value": setting, "choices": "on, off"})]
        )
    program.set_streaks(state_of(ctx).context, value == "on")
    render.info(m.say(f"program.streaks_{value}"))


@program_app.command("week", help=m.HELP["program.week"])
def week(
    ctx: typer.Context,
    number: Annotated[
        int | None, typer.Argument(help=m.HELP["program.week_number"], metavar="[N]")
    ] = None,
) -> None:
    from kindvoice.services import program

    course = program.course()
    if number is None:
        plan = program.today(state_of(ctx).context)
        number = plan.state.week if plan is not None else 1
    if not 1 <= number <= len(course.weeks):
        raise ValidationError(
            [Problem("week", "no_such_week", {"week": number, "weeks": len(course.weeks)})]
        )
    shown = course.week(number)
    render.out.print(
        Text(
            m.say("program.week_title", week=number, theme=shown.theme),
            style=f"bold {render.ACCENT}",
        )
    )
    render.paragraph(shown.intro)
    render.out.print()
    for key, ref in (("daily", shown.daily), ("core", shown.core), ("deeper", shown.deeper)):
        if ref is not None:
            render.paragraph(f"{m.say(f'today.item.{key}')}: {ref.text}")
    render.paragraph(f"{m.say('today.item.reflect')}: {shown.reflection}")


@program_app.command("status", help=m.HELP["program.status"])
def status(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help=m.HELP["json"])] = False,
) -> None:
    from kindvoice.services import program

    found = program.status(state_of(ctx).context)
    if as_json:
        render.print_json(status_json(found))
        return
    state = found.state
    render.out.print(Text(m.say("program.status_title"), style=f"bold {render.ACCENT}"))
    facts = [
        (m.say("program.status_started"), state.started_on.isoformat()),
        (
            m.say("program.status_where"),
            m.say("program.status_finished")
            if state.finished
            else m.say("program.status_week", week=state.week, day=state.day_of_week),
        ),
        (m.say("program.status_pace"), m.say(f"program.pace_word_{state.pace}")),
        (m.say("program.status_habit"), f"{_percent(found.habit)}%"),
    ]
    if state.paused:
        facts.append((m.say("program.status_state"), m.say("program.status_paused")))
    if found.streak_best is not None:
        facts.append((m.say("program.status_best_streak"), str(found.streak_best)))
    for label, value in facts:
        render.info(f"{label}: {value}")
    render.note(m.say("today.habit_explained"))
    render.out.print()
    _calendar(found)


def _calendar(found: ProgramStatus) -> None:
    """The last four weeks, a row a week: ● practised, · not, – rest or paused."""
    if not found.days:
        return
    last = max(found.days)
    first = max(min(found.days), last - timedelta(days=27))
    first -= timedelta(days=first.weekday())  # rows start on Monday
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style=render.SOFT)
    for name in m.say("program.weekdays").split():
        grid.add_column(justify="center", header=name)
    grid.add_row("", *m.say("program.weekdays").split(), style=render.SOFT)
    day = first
    while day <= last:
        cells = []
        for offset in range(7):
            current = day + timedelta(days=offset)
            mark = found.days.get(current)
            cells.append(" " if mark is None else CALENDAR_MARKS[mark])
        grid.add_row(day.strftime("%d %b"), *cells)
        day += timedelta(days=7)
    render.out.print(grid)
    render.note(m.say("program.calendar_key"))


def _parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError([Problem("date", "not_a_date", {"value": value})]) from None
