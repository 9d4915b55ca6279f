"""`kindvoice learn [TOPIC]`: short, honest pieces about self-compassion, with their sources."""

from __future__ import annotations

import difflib
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from kindvoice.core.errors import Problem, ValidationError
from kindvoice.interfaces import messages as m
from kindvoice.interfaces.cli import render


def learn(
    topic: Annotated[
        str | None, typer.Argument(help=m.HELP["learn.topic"], metavar="[TOPIC]")
    ] = None,
) -> None:
    """Short reads about self-compassion."""
    from kindvoice.domain.learn.library import find_piece, load_library

    if topic is None:
        _topics()
        return
    piece = find_piece(topic)
    if piece is None:
        ids = [p.id for p in load_library()]
        close = difflib.get_close_matches(topic.strip().lower(), ids, n=1)
        code = "learn.unknown_close" if close else "learn.unknown"
        params = {"name": topic.strip(), "close": "".join(close)}
        raise ValidationError([Problem("topic", code, params)])
    from rich.markdown import Markdown

    if not piece.body.lstrip().startswith("#"):  # a piece may open with its own heading
        render.out.print(Text(piece.title, style=f"bold {render.ACCENT}"))
    render.note(m.say("learn.minutes", minutes=piece.minutes))
    render.out.print()
    render.out.print(Markdown(piece.body))
    render.out.print()
    for suggestion in piece.try_practices:
        render.note(m.say("learn.try", command=_command(suggestion)))
    if piece.citations:
        render.note(m.say("learn.sources", sources="; ".join(piece.citations)))
    render.note(m.say("learn.not_therapy"))


def _command(practice_id: str) -> str:
    from kindvoice.domain.practices.catalog import find_pattern

    verb = "breathe" if find_pattern(practice_id) is not None else "practice"
    return f"kindvoice {verb} {practice_id}"


def _topics() -> None:
    from kindvoice.domain.learn.library import load_library

    table = Table(border_style=render.SOFT, header_style=render.ACCENT)
    table.add_column(m.say("learn.col_id"), no_wrap=True)
    table.add_column(m.say("learn.col_title"))
    table.add_column(m.say("learn.col_minutes"), justify="right", no_wrap=True)
    table.add_column(m.say("learn.col_about"), overflow="fold")
    for piece in load_library():
        table.add_row(piece.id, piece.title, str(piece.minutes), piece.summary)
    render.out.print(table)
    render.note(m.say("learn.hint"))
