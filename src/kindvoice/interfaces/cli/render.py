"""Drawing things in the terminal: soft colours, and plain text when there are none."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from kindvoice.interfaces.messages import say

if TYPE_CHECKING:
    from kindvoice.domain.records import CheckIn, Entry

ACCENT = "medium_purple3"
SOFT = "grey62"
PROGRESS_THRESHOLD = 500

out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False)


def is_interactive() -> bool:
    return sys.stdin.isatty()


def when(moment: datetime) -> str:
    """A moment in the reader's local time, in a friendly short form."""
    local = moment.astimezone()
    return local.strftime("%a %d %b %Y, %H:%M")


# Sentences are folded between words on a terminal (Rich wraps them to its width)
# and printed with soft wrapping elsewhere, so piped output keeps each sentence on
# one line.
def note(message: str) -> None:
    out.print(Text(message, style=SOFT), soft_wrap=not out.is_terminal)


def note_err(message: str) -> None:
    err.print(Text(message, style=SOFT), soft_wrap=not err.is_terminal)


def paragraph(message: str, style: str = "") -> None:
    """A longer text, folded like a note, in any style."""
    out.print(Text(message, style=style), soft_wrap=not out.is_terminal)


def info(message: str) -> None:
    out.print(Text(message), soft_wrap=not out.is_terminal)


def kind_error(lines: Sequence[str]) -> None:
    for index, line in enumerate(lines):
        err.print(Text(line, style="bold" if index == 0 else ""), soft_wrap=not err.is_terminal)


def print_json(data: Any) -> None:
    # Straight to stdout: no wrapping or colours that would break the JSON.
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def entry_json(entry: Entry) -> dict[str, Any]:
    """The export's form of an entry, with the local number people type as ``id``."""
    from kindvoice.domain.portability import entry_to_dict

    data = entry_to_dict(entry)
    return {"id": entry.id, "uid": data.pop("id"), **data}


def checkin_json(item: CheckIn) -> dict[str, Any]:
    from kindvoice.domain.portability import checkin_to_dict

    data = checkin_to_dict(item)
    return {"id": item.id, "uid": data.pop("id"), **data}


def feelings(entry: Entry) -> str:
    return ", ".join(f"{e.name} {e.intensity}" for e in entry.emotions)


def entry_panel(entry: Entry) -> None:
    body = Text()
    if entry.situation:
        body.append(say("entry.situation") + "\n", style=SOFT)
        body.append(entry.situation + "\n\n")
    body.append(say("entry.thought") + "\n", style=SOFT)
    body.append(entry.thought + "\n")
    if entry.emotions:
        body.append("\n" + say("entry.feelings") + "\n", style=SOFT)
        body.append(feelings(entry) + "\n")
    if entry.tags:
        body.append("\n" + say("entry.tags") + "\n", style=SOFT)
        body.append(", ".join("#" + t for t in entry.tags) + "\n")
    body.rstrip()
    footer = say("entry.written", when=when(entry.created_at))
    if entry.updated_at != entry.created_at:
        footer += " · " + say("entry.edited", when=when(entry.updated_at))
    out.print(
        Panel(
            body,
            title=say("write.saved_title", id=entry.id),
            title_align="left",
            subtitle=footer,
            subtitle_align="right",
            border_style=ACCENT,
            padding=(1, 2),
        )
    )


def _shorten(value: str, width: int) -> str:
    flat = " ".join(value.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def entry_table(entries: Sequence[Entry]) -> None:
    table = Table(border_style=SOFT, header_style=ACCENT, show_lines=False, expand=False)
    table.add_column(say("journal.col_id"), justify="right", no_wrap=True)
    table.add_column(say("journal.col_when"), no_wrap=True)
    table.add_column(say("journal.col_thought"), overflow="fold")
    table.add_column(say("journal.col_feelings"), overflow="fold")
    table.add_column(say("journal.col_tags"), overflow="fold")
    for entry in entries:
        table.add_row(
            str(entry.id),
            when(entry.created_at),
            _shorten(entry.thought, 70),
            _shorten(feelings(entry), 30),
            _shorten(", ".join(entry.tags), 24),
        )
    out.print(table)


def _rating(value: int | None) -> str:
    """A rating, or a quiet dot where there is none (not asked, or from another app)."""
    return "·" if value is None else str(value)


def checkin_table(items: Sequence[CheckIn]) -> None:
    table = Table(border_style=SOFT, header_style=ACCENT)
    table.add_column(say("journal.col_when"), no_wrap=True)
    for key in (
        "checkins.col_mood",
        "checkins.col_stress",
        "checkins.col_critic",
        "checkins.col_kindness",
    ):
        table.add_column(say(key), justify="right")
    table.add_column(say("checkins.col_note"), overflow="fold")
    for item in items:
        table.add_row(
            when(item.created_at),
            str(item.mood),
            _rating(item.stress),
            _rating(item.critic),
            _rating(item.kindness),
            _shorten(item.note, 60),
        )
    out.print(table)


@contextmanager
def progress_bar(
    label: str, threshold: int = PROGRESS_THRESHOLD
) -> Iterator[Callable[[int, int], None]]:
    """A progress bar on the terminal for long jobs; silent when not on a terminal
    or when the job turns out to be small."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    progress = Progress(
        TextColumn("{task.description}"),
        BarColumn(complete_style=ACCENT),
        MofNCompleteColumn(),
        console=err,
        transient=True,
    )
    task: list[Any] = []

    def update(done: int, total: int) -> None:
        if total < threshold or not err.is_terminal:
            return
        if not task:
            progress.start()
            task.append(progress.add_task(label, total=total))
        progress.update(task[0], completed=done, total=total)

    try:
        yield update
    finally:
        if task:
            progress.stop()
