"""`kindvoice write` and `kindvoice journal …`."""

from __future__ import annotations

import sys
from typing import Annotated

import click
import typer

from kindvoice.core.errors import KindvoiceError, ValidationError
from kindvoice.domain.records import Emotion
from kindvoice.interfaces import messages as m
from kindvoice.interfaces.cli import reflect, reflect_view, render
from kindvoice.interfaces.cli.state import parse_when, state_of

journal_app = typer.Typer(help=m.HELP["journal"], no_args_is_help=True)

JsonOption = Annotated[bool, typer.Option("--json", help=m.HELP["json"])]
FeelOption = Annotated[
    list[str] | None, typer.Option("--feel", "-f", help=m.HELP["write.feel"], show_default=False)
]
TagOption = Annotated[
    list[str] | None, typer.Option("--tag", "-t", help=m.HELP["write.tag"], show_default=False)
]
IdArgument = Annotated[int, typer.Argument(help=m.HELP["journal.id"], min=1)]


def _feelings(values: list[str] | None) -> list[Emotion]:
    from kindvoice.domain.validation import parse_feeling

    return [parse_feeling(v) for v in values or []]


def _tags(values: list[str] | None) -> list[str]:
    # Accept both `-t work -t family` and `-t "work, family"`.
    return [part for v in values or [] for part in v.split(",") if part.strip()]


def _ask(key: str, *, to_stderr: bool) -> str:
    """One question; with --json the questions go to stderr so stdout stays pure JSON."""
    answer: str = click.prompt(m.say(key), default="", show_default=False, err=to_stderr)
    return answer


def _tell(key: str, *, to_stderr: bool) -> None:
    (render.note_err if to_stderr else render.note)(m.say(key))


def _ask_feelings(*, to_stderr: bool) -> list[Emotion]:
    from kindvoice.domain.validation import parse_feeling

    found: list[Emotion] = []
    while True:
        answer = _ask("write.ask_feeling", to_stderr=to_stderr)
        if not answer.strip():
            return found
        try:
            found.append(parse_feeling(answer))
        except ValidationError:
            _tell("write.feeling_again", to_stderr=to_stderr)


def _ask_thought(*, to_stderr: bool) -> str:
    thought = _ask("write.ask_thought", to_stderr=to_stderr)
    while not thought.strip():
        _tell("write.ask_thought_again", to_stderr=to_stderr)
        thought = _ask("write.ask_thought", to_stderr=to_stderr)
    return thought


def write(
    ctx: typer.Context,
    thought: Annotated[
        str | None, typer.Argument(help=m.HELP["write.thought"], show_default=False)
    ] = None,
    situation: Annotated[
        str | None, typer.Option("--situation", "-s", help=m.HELP["write.situation"])
    ] = None,
    feel: FeelOption = None,
    tag: TagOption = None,
    at: Annotated[str | None, typer.Option("--at", help=m.HELP["write.at"])] = None,
    guided: Annotated[bool, typer.Option("--guided", help=m.HELP["write.guided"])] = False,
    no_reflect: Annotated[
        bool, typer.Option("--no-reflect", help=m.HELP["write.no_reflect"])
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Write down what your inner voice said."""
    from kindvoice.services import journal

    state = state_of(ctx)
    emotions = _feelings(feel)
    tags = _tags(tag)
    when = parse_when(at) if at else None
    if thought == "-" or (thought is None and not guided and not render.is_interactive()):
        thought = sys.stdin.read()
    elif thought is None:
        _tell("write.intro", to_stderr=as_json)
        if situation is None:
            situation = _ask("write.ask_situation", to_stderr=as_json)
        thought = _ask_thought(to_stderr=as_json)
        if not emotions:
            emotions = _ask_feelings(to_stderr=as_json)
        if not tags:
            tags = _tags([_ask("write.ask_tags", to_stderr=as_json)])
    entry = journal.record_thought(state.context, thought, situation or "", emotions, tags, at=when)
    if as_json:
        render.print_json(
            render.entry_json(entry)
            if no_reflect
            else reflect.write_json(state.context, entry, state.settings.country, state.llm)
        )
        return
    render.entry_panel(entry)
    if no_reflect:
        render.note(m.say("write.saved", id=entry.id))
    else:
        reflect.after_write(
            state.context,
            entry,
            interactive=render.is_interactive(),
            country=state.settings.country,
            llm=state.llm,
        )


@journal_app.command("list", help=m.HELP["journal.list"])
def list_(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help=m.HELP["journal.limit"])] = 20,
    tag: Annotated[str | None, typer.Option("--tag", "-t", help=m.HELP["journal.tag"])] = None,
    since: Annotated[str | None, typer.Option("--since", help=m.HELP["journal.since"])] = None,
    as_json: JsonOption = False,
) -> None:
    from kindvoice.domain.validation import tidy_tag
    from kindvoice.services import journal

    entries = journal.list_entries(
        state_of(ctx).context,
        limit=limit,
        tag=tidy_tag(tag) if tag else None,
        since=parse_when(since) if since else None,
    )
    if as_json:
        render.print_json([render.entry_json(e) for e in entries])
    elif entries:
        render.entry_table(entries)
    else:
        render.note(m.say("journal.none_for_filter" if tag or since else "journal.empty"))


@journal_app.command("show", help=m.HELP["journal.show"])
def show(ctx: typer.Context, entry_id: IdArgument, as_json: JsonOption = False) -> None:
    from kindvoice.services import reframing

    entry = reframing.entry_with_reflection(state_of(ctx).context, entry_id)
    if as_json:
        render.print_json(render.entry_json(entry))
        return
    render.entry_panel(entry)
    if entry.reflection is not None:
        reflect_view.show_reflection(entry.reflection, entry.thought)


@journal_app.command("search", help=m.HELP["journal.search"])
def search(
    ctx: typer.Context,
    query: Annotated[list[str], typer.Argument(help=m.HELP["journal.query"])],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help=m.HELP["journal.limit"])] = 50,
    as_json: JsonOption = False,
) -> None:
    from kindvoice.services import journal

    text = " ".join(query)
    entries = journal.search_entries(state_of(ctx).context, text, limit=limit)
    if as_json:
        render.print_json([render.entry_json(e) for e in entries])
    elif entries:
        render.entry_table(entries)
    else:
        render.note(m.say("journal.no_match", query=text))


@journal_app.command("edit", help=m.HELP["journal.edit"])
def edit(
    ctx: typer.Context,
    entry_id: IdArgument,
    thought: Annotated[str | None, typer.Option("--thought", help=m.HELP["write.thought"])] = None,
    situation: Annotated[
        str | None, typer.Option("--situation", "-s", help=m.HELP["write.situation"])
    ] = None,
    feel: FeelOption = None,
    tag: TagOption = None,
    clear_feelings: Annotated[
        bool, typer.Option("--clear-feelings", help=m.HELP["journal.clear_feelings"])
    ] = False,
    clear_tags: Annotated[
        bool, typer.Option("--clear-tags", help=m.HELP["journal.clear_tags"])
    ] = False,
    as_json: JsonOption = False,
) -> None:
    from kindvoice.services import journal

    context = state_of(ctx).context
    current = journal.get_entry(context, entry_id)  # a kind "no such entry" comes first
    if thought == "-":
        thought = sys.stdin.read()
    nothing_given = thought is None and situation is None and not feel and not tag
    if nothing_given and not (clear_feelings or clear_tags):
        if not render.is_interactive():
            render.note(m.say("edit.nothing", id=entry_id))
            return
        render.entry_panel(current)
        render.note(m.say("edit.ask_keep"))
        situation = click.prompt(m.say("write.ask_situation"), default=current.situation)
        thought = click.prompt(m.say("write.ask_thought"), default=current.thought)
    emotions = [] if clear_feelings else (_feelings(feel) if feel else None)
    tags = [] if clear_tags else (_tags(tag) if tag else None)
    entry = journal.edit_entry(
        context, entry_id, thought=thought, situation=situation, emotions=emotions, tags=tags
    )
    crisis = False
    if entry.thought != current.thought or entry.situation != current.situation:
        # New words are screened and analysed like any others.
        from kindvoice.services import reframing

        crisis = reframing.analyze_entry(context, entry_id).is_crisis
    if as_json:
        render.print_json(render.entry_json(entry))
    else:
        render.entry_panel(entry)
        render.note(m.say("edit.saved", id=entry.id))
    if crisis:
        reflect_view.support_panel(state_of(ctx).settings.country, to_stderr=as_json)


@journal_app.command("reanalyze", help=m.HELP["journal.reanalyze"])
def reanalyze(ctx: typer.Context) -> None:
    from kindvoice.services import reframing

    with render.progress_bar(m.say("reanalyze.progress"), threshold=20) as progress:
        done = reframing.reanalyze_all(state_of(ctx).context, progress)
    if done:
        render.note(m.say("reanalyze.done", entries=m.count(done, "entry")))
    else:
        render.note(m.say("reanalyze.nothing"))


@journal_app.command("delete", help=m.HELP["journal.delete"])
def delete(
    ctx: typer.Context,
    entry_id: IdArgument,
    yes: Annotated[bool, typer.Option("--yes", "-y", help=m.HELP["yes"])] = False,
) -> None:
    from kindvoice.services import journal

    context = state_of(ctx).context
    entry = journal.get_entry(context, entry_id)  # a kind "no such entry" before asking
    if not yes:
        if not render.is_interactive():
            raise KindvoiceError("confirm_needed")
        render.entry_panel(entry)
        if not click.confirm(m.say("delete.confirm", id=entry_id), default=False):
            render.note(m.say("delete.kept", id=entry_id))
            return
    journal.delete_entry(context, entry_id)
    render.note(m.say("delete.done", id=entry_id))
