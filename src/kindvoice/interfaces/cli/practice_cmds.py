"""`kindvoice breathe` and `kindvoice practice`: choose a practice, run it, keep a note of it.

Choosing (patterns, practices, a person's own practice files), the questions
before and after, and the note kept afterwards live here; the timed loops are
in ``practice_loops``, the drawing in ``practice_view`` and the voice in
``practice_voice``.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import click
import typer
from rich.table import Table
from rich.text import Text

from kindvoice.core.errors import Problem, ValidationError
from kindvoice.domain.practices.catalog import find_pattern, load_patterns
from kindvoice.domain.practices.guided import (
    MAX_CHILD_AGE,
    MIN_CHILD_AGE,
    Practice,
    find_practice,
    for_audience,
    load_practices,
    timeline,
)
from kindvoice.domain.practices.patterns import (
    CUSTOM_ID,
    Pattern,
    pattern_text,
    soften,
)
from kindvoice.interfaces import messages as m
from kindvoice.interfaces.cli import render
from kindvoice.interfaces.cli.state import CliState, state_of
from kindvoice.interfaces.pattern_choice import (
    DEFAULT_PATTERN,
    custom_title,
    pattern_about,
    resolve_pattern,
    schedule_for,
)

if TYPE_CHECKING:
    from kindvoice.interfaces.cli import practice_loops as loops

OWN_PRACTICES_FOLDER = "practices"  # in kindvoice's home: a person's own practice files


# --- breathe ------------------------------------------------------------------


def breathe(
    ctx: typer.Context,
    pattern: Annotated[
        str | None, typer.Argument(help=m.HELP["breathe.pattern"], metavar="[PATTERN]")
    ] = None,
    minutes: Annotated[
        float | None, typer.Option("--minutes", "-m", help=m.HELP["breathe.minutes"])
    ] = None,
    cycles: Annotated[int | None, typer.Option("--cycles", help=m.HELP["breathe.cycles"])] = None,
    gentle: Annotated[bool, typer.Option("--gentle", help=m.HELP["breathe.gentle"])] = False,
    voice: Annotated[bool, typer.Option("--voice", help=m.HELP["practice.voice"])] = False,
    bell: Annotated[bool, typer.Option("--bell", help=m.HELP["practice.bell"])] = False,
    no_rate: Annotated[bool, typer.Option("--no-rate", help=m.HELP["practice.no_rate"])] = False,
    list_only: Annotated[bool, typer.Option("--list", help=m.HELP["breathe.list"])] = False,
) -> None:
    """A paced breath in the terminal."""
    from kindvoice.interfaces.cli import practice_loops as loops
    from kindvoice.interfaces.cli.practice_voice import Voice

    if list_only:
        _pattern_table()
        return
    state = state_of(ctx)
    chosen = resolve_pattern(pattern or DEFAULT_PATTERN)
    is_gentle = gentle or state.settings.gentle
    if is_gentle:
        softened = soften(chosen)
        if softened is not chosen:
            render.note(m.say("breathe.softened"))
        chosen = softened
    schedule = schedule_for(chosen, minutes=minutes, cycles=cycles)
    title, about = _pattern_words(chosen)
    _intro(title, about, schedule.total)
    speaker = Voice(state.settings.home) if voice else None
    before = _ratings("before", no_rate)
    started = state.context.clock.now()
    outcome = loops.run_breath(schedule, title=title, voice=speaker, bell=bell)
    _finish(
        state,
        practice_id=chosen.id,
        kind="breathing",
        pattern=pattern_text(chosen),
        planned_s=schedule.total,
        outcome=outcome,
        before=before,
        started=started,
        no_rate=no_rate,
    )


def _pattern_words(pattern: Pattern) -> tuple[str, str]:
    """The title and the few sentences that introduce a pattern."""
    if pattern.id == CUSTOM_ID:
        return custom_title(pattern), pattern_about(pattern)
    return m.say("breathe.title", name=pattern.name), pattern_about(pattern)


def _pattern_table() -> None:
    table = Table(border_style=render.SOFT, header_style=render.ACCENT)
    table.add_column(m.say("practice.col_id"), no_wrap=True)
    table.add_column(m.say("practice.col_name"), min_width=14, overflow="fold")
    table.add_column(m.say("breathe.col_pattern"), no_wrap=True)
    table.add_column(m.say("practice.col_about"), overflow="fold")
    for pattern in load_patterns():
        first_sentence = pattern.description.split(". ")[0].rstrip(".") + "."
        table.add_row(pattern.id, pattern.name, pattern_text(pattern), first_sentence)
    render.out.print(table)
    render.note(m.say("breathe.list_hint"))


# --- practice -----------------------------------------------------------------


def practice(
    ctx: typer.Context,
    name: Annotated[
        str | None, typer.Argument(help=m.HELP["practice.name"], metavar="[NAME]")
    ] = None,
    list_only: Annotated[bool, typer.Option("--list", help=m.HELP["practice.list"])] = False,
    family: Annotated[bool, typer.Option("--family", help=m.HELP["practice.family"])] = False,
    age: Annotated[
        int | None,
        typer.Option("--age", min=MIN_CHILD_AGE, max=MAX_CHILD_AGE, help=m.HELP["practice.age"]),
    ] = None,
    voice: Annotated[bool, typer.Option("--voice", help=m.HELP["practice.voice"])] = False,
    bell: Annotated[bool, typer.Option("--bell", help=m.HELP["practice.bell"])] = False,
    export_audio: Annotated[
        Path | None,
        typer.Option("--export-audio", help=m.HELP["practice.export_audio"], metavar="FILE.wav"),
    ] = None,
    no_rate: Annotated[bool, typer.Option("--no-rate", help=m.HELP["practice.no_rate"])] = False,
) -> None:
    """A guided practice or a writing exercise."""
    from kindvoice.interfaces.cli import practice_loops as loops
    from kindvoice.interfaces.cli.practice_voice import Voice

    if (family or age is not None) and name is None:
        _family_table(_own_practices(state_of(ctx)), age)
        return
    if list_only or name is None:
        _practice_table(_own_practices(state_of(ctx)))
        return
    state = state_of(ctx)
    chosen = _resolve_practice(name, _own_practices(state))
    if export_audio is not None:
        _export(state, chosen, export_audio)
        return
    speaker = Voice(state.settings.home) if voice else None
    if chosen.kind == "writing":
        _intro(chosen.name, chosen.description, None, writing=True)
        before = _ratings("before", no_rate)
        started = state.context.clock.now()
        outcome = loops.run_writing(
            chosen, lambda text: _answer_needs_support(state, text), speaker
        )
        entry_uid = _keep_writing(state, chosen, outcome)
        planned = 0.0
    else:
        rendering = speaker.render(chosen) if speaker is not None else None
        placed = rendering.timeline if rendering is not None else timeline(chosen)
        _intro(chosen.name, chosen.description, placed[-1].end)
        before = _ratings("before", no_rate)
        started = state.context.clock.now()
        outcome = loops.run_guided(
            chosen,
            placed,
            voice=speaker,
            audio=rendering.path if rendering is not None else None,
            bell=bell,
        )
        entry_uid = None
        planned = placed[-1].end
    _finish(
        state,
        practice_id=chosen.id,
        kind=chosen.kind,
        pattern=None,
        planned_s=planned,
        outcome=outcome,
        before=before,
        started=started,
        no_rate=no_rate,
        entry_uid=entry_uid,
    )


def _length(practice: Practice) -> float:
    return timeline(practice)[-1].end


def _export(state: CliState, practice: Practice, destination: Path) -> None:
    from kindvoice.interfaces.cli import practice_view as view
    from kindvoice.interfaces.cli.practice_voice import Voice

    rendering = Voice(state.settings.home, to_play=False).export(practice, destination)
    render.info(
        m.say("practice.exported", path=str(destination), time=view.clock_text(rendering.total_s))
    )


def _own_practices(state: CliState) -> tuple[Practice, ...]:
    from kindvoice.domain.practices.guided import load_own_practices

    return load_own_practices(state.settings.home / OWN_PRACTICES_FOLDER)


def _resolve_practice(name: str, own: Sequence[Practice]) -> Practice:
    found = find_practice(name, own)
    if found is not None:
        return found
    ids = [p.id for p in (*load_practices(), *own)]
    if find_pattern(name) is not None:
        problem = Problem("practice", "practice.is_breathing", {"name": name.strip()})
        raise ValidationError([problem])
    close = difflib.get_close_matches(name.strip().lower(), ids, n=1)
    code = "practice.unknown_close" if close else "practice.unknown"
    params = {"name": name.strip(), "close": "".join(close)}
    raise ValidationError([Problem("practice", code, params)])


def _practice_table(own: Sequence[Practice]) -> None:
    from kindvoice.interfaces.cli import practice_view as view

    table = Table(border_style=render.SOFT, header_style=render.ACCENT)
    table.add_column(m.say("practice.col_id"), no_wrap=True)
    table.add_column(m.say("practice.col_name"))
    table.add_column(m.say("practice.col_length"), no_wrap=True)
    table.add_column(m.say("practice.col_about"), overflow="fold")
    for item in (*for_audience("adult"), *(p for p in own if p.audience == "adult")):
        length = (
            m.say("practice.writing_length")
            if item.kind == "writing"
            else view.minutes_label(_length(item))
        )
        table.add_row(item.id, item.name, length, item.summary)
    render.out.print(table)
    render.note(m.say("practice.list_hint"))


def _family_table(own: Sequence[Practice], age: int | None) -> None:
    """Children's practices grouped by age band, youngest first, then the parent's track."""
    from kindvoice.interfaces.cli import practice_view as view

    children = [*for_audience("child", age), *(p for p in own if p.audience == "child")]
    if age is not None:
        children = [p for p in children if p.suits_age(age)]
    children.sort(key=lambda p: (p.ages or (0, 0), _length(p), p.id))
    parents = [*for_audience("parent"), *(p for p in own if p.audience == "parent")]
    if age is not None and not children:
        render.note(m.say("practice.family_none", age=age))
    table = Table(
        title=m.say("practice.family_title"),
        border_style=render.SOFT,
        header_style=render.ACCENT,
    )
    table.add_column(m.say("practice.col_id"), no_wrap=True)
    table.add_column(m.say("practice.col_name"))
    table.add_column(m.say("practice.col_ages"), no_wrap=True)
    table.add_column(m.say("practice.col_length"), no_wrap=True)
    table.add_column(m.say("practice.col_about"), overflow="fold")
    band: tuple[int, int] | None = None
    for item in children:
        if band is not None and item.ages != band:
            table.add_section()
        band = item.ages
        low, high = item.ages or (0, 0)
        ages = m.say("practice.family_ages", low=low, high=high)
        table.add_row(item.id, item.name, ages, view.minutes_label(_length(item)), item.summary)
    if children and parents:
        table.add_section()
    for item in parents:
        length = view.minutes_label(_length(item))
        table.add_row(item.id, item.name, m.say("practice.family_parent"), length, item.summary)
    render.out.print(table)
    example = next(iter((*children, *parents)), None)
    render.note(m.say("practice.family_hint", example=example.id if example else "--family"))


# --- writing exercises --------------------------------------------------------


def _answer_needs_support(state: CliState, text: str) -> bool:
    """Screen an answer as soon as it's written; crisis words get support at once."""
    from kindvoice.services import reframing

    level = reframing.screen(text).level
    if level == "none":
        return False
    from kindvoice.interfaces.cli import reflect_view

    render.out.print()
    reflect_view.support_panel(state.settings.country, urgent=level == "urgent")
    render.note(m.say("practice.paused_for_support"))
    return True


def _keep_writing(state: CliState, practice: Practice, outcome: loops.Outcome) -> str | None:
    """Save a letter (or, when the person asks, any writing) to the journal."""
    if not outcome.answers:
        return None
    keep = practice.saves_to_journal
    if not keep and render.is_interactive():
        keep = click.confirm(m.say("practice.keep_writing"), default=False)
    if not keep:
        return None
    from kindvoice.services import journal

    text = "\n\n".join(answer for _, answer in outcome.answers)
    entry = journal.record_thought(state.context, text, situation=practice.name, tags=[practice.id])
    render.note(m.say("practice.letter_saved", id=entry.id, tag=practice.id))
    return entry.uid


# --- before and after ---------------------------------------------------------


def _intro(title: str, description: str, seconds: float | None, *, writing: bool = False) -> None:
    from kindvoice.interfaces.cli import practice_view as view

    render.out.print(Text(title, style=f"bold {render.ACCENT}"))
    render.paragraph(description)
    if seconds is not None:
        render.paragraph(m.say("practice.length", time=view.clock_text(seconds)), render.SOFT)
    stop = "practice.how_to_stop_writing" if writing else "practice.how_to_stop"
    render.paragraph(m.say(stop), render.SOFT)
    render.out.print()


def _ratings(when: str, no_rate: bool) -> tuple[int | None, int | None]:
    """Stress and self-kindness, 0–10, asked only at a terminal; Enter skips."""
    if no_rate or not render.is_interactive():
        return (None, None)
    try:
        stress = _ask_optional(f"practice.ask_stress_{when}")
        kindness = _ask_optional(f"practice.ask_kindness_{when}")
    except (click.Abort, EOFError):
        return (None, None)
    render.out.print()
    return (stress, kindness)


def _ask_optional(key: str) -> int | None:
    while True:
        answer = click.prompt(m.say(key), default="", show_default=False).strip()
        if not answer:
            return None
        if answer.isdigit() and 0 <= int(answer) <= 10:
            return int(answer)
        render.note(m.say("practice.ask_again"))


def _finish(
    state: CliState,
    *,
    practice_id: str,
    kind: str,
    pattern: str | None,
    planned_s: float,
    outcome: loops.Outcome,
    before: tuple[int | None, int | None],
    started: datetime,
    no_rate: bool,
    entry_uid: str | None = None,
) -> None:
    from kindvoice.interfaces.cli import practice_view as view

    practised = view.clock_text(outcome.practised_s)
    if outcome.completed:
        render.info(m.say("practice.done", time=practised))
        after = _ratings("after", no_rate)
    else:
        render.info(m.say("practice.stopped", time=practised))
        keep = True
        if render.is_interactive():
            try:
                keep = click.confirm(m.say("practice.keep_note"), default=True)
            except (click.Abort, EOFError):
                keep = False
        if not keep:
            render.note(m.say("practice.not_kept"))
            return
        after = (None, None)
    from kindvoice.domain.practice_runs import make_practice_run_draft
    from kindvoice.services import practice_log

    draft = make_practice_run_draft(
        practice_id,
        kind,
        started_at=started,
        now=state.context.clock.now(),
        pattern=pattern,
        planned_s=round(planned_s, 3),
        actual_s=round(min(outcome.practised_s, 10_800.0), 3),
        completed=outcome.completed,
        stress_before=before[0],
        stress_after=after[0],
        kindness_before=before[1],
        kindness_after=after[1],
        entry_uid=entry_uid,
    )
    run = practice_log.record_run(state.context, draft)
    render.note(m.say("practice.kept", id=run.id))
    if before[0] is not None and after[0] is not None:
        render.note(m.say("practice.stress_change", before=before[0], after=after[0]))


# --- sessions -------------------------------------------------------------------


def sessions(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help=m.HELP["sessions.limit"])] = 30,
    practice_id: Annotated[
        str | None, typer.Option("--practice", help=m.HELP["sessions.practice"])
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help=m.HELP["json"])] = False,
) -> None:
    """The practice sessions you kept a note of, newest first."""
    from kindvoice.domain.practice_runs import practice_run_to_dict
    from kindvoice.interfaces.cli import practice_view as view
    from kindvoice.services import practice_log

    wanted = practice_id.strip().lower() if practice_id else None
    state = state_of(ctx)
    runs = practice_log.list_runs(state.context, limit=limit, practice=wanted)
    if as_json:
        render.print_json([{"number": run.id, **practice_run_to_dict(run)} for run in runs])
        return
    if not runs:
        render.note(m.say("sessions.empty"))
        return
    names = {p.id: p.name for p in load_patterns()}
    names |= {p.id: p.name for p in (*load_practices(), *_own_practices(state))}
    table = Table(border_style=render.SOFT, header_style=render.ACCENT)
    table.add_column(m.say("journal.col_when"), no_wrap=True)
    table.add_column(m.say("practice.col_name"))
    table.add_column(m.say("sessions.col_length"), justify="right", max_width=10)
    table.add_column(m.say("sessions.col_stress"), justify="center", no_wrap=True)
    table.add_column(m.say("sessions.col_kindness"), justify="center", no_wrap=True)
    for run in runs:
        name = names.get(run.practice, run.practice)
        if run.pattern and run.practice == CUSTOM_ID:
            name = m.say("breathe.custom_title", text=run.pattern)
        length = view.clock_text(run.actual_s)
        if not run.completed:
            length = m.say("sessions.stopped_early", time=length)
        table.add_row(
            render.when(run.started_at),
            name,
            length,
            _change(run.stress_before, run.stress_after),
            _change(run.kindness_before, run.kindness_after),
        )
    render.out.print(table)
    render.note(m.say("sessions.ratings_hint"))


def _change(before: int | None, after: int | None) -> str:
    if before is None and after is None:
        return "·"
    shown = ("·" if value is None else str(value) for value in (before, after))
    return " → ".join(shown)
