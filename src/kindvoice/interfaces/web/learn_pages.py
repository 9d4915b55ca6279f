"""Pages: the Learn library, a list of short pieces and each piece rendered from its Markdown.

Markdown becomes HTML with markdown-it-py in CommonMark mode with raw HTML switched off (and
no images), so a piece can't add markup or load anything: whatever looks like a tag is shown
as text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from fastapi import APIRouter, Request
from fastapi.responses import Response

from kindvoice.domain.learn.library import Piece, find_piece, load_library
from kindvoice.interfaces import messages as m
from kindvoice.interfaces.web.render import page

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

router = APIRouter(include_in_schema=False)

MAX_SLUG = 100


@dataclass(frozen=True)
class Suggestion:
    """A practice a piece suggests trying, with its name and where to do it."""

    id: str
    name: str
    kind: str  # "breathing" or "practice"
    href: str


@cache
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).disable("image")


def to_html(markdown: str) -> str:
    """Markdown as HTML: raw HTML in the source is escaped, never passed through."""
    return str(_markdown().render(markdown))


def suggestions(piece: Piece) -> list[Suggestion]:
    from kindvoice.domain.practices.catalog import find_pattern
    from kindvoice.domain.practices.guided import find_practice

    found: list[Suggestion] = []
    for practice_id in piece.try_practices:
        pattern = find_pattern(practice_id)
        if pattern is not None:
            found.append(
                Suggestion(pattern.id, pattern.name, "breathing", f"/breathe?pattern={pattern.id}")
            )
            continue
        practice = find_practice(practice_id)
        if practice is not None:
            found.append(
                Suggestion(practice.id, practice.name, "practice", f"/practices/{practice.id}")
            )
    return found


def find(slug: str) -> Piece | None:
    """The piece at ``slug`` (ids as the library writes them), or None."""
    if len(slug) > MAX_SLUG:
        return None
    return find_piece(slug)


def own_heading(piece: Piece) -> bool:
    """Whether the piece opens with its own top heading (then the page adds none)."""
    return piece.body.lstrip().startswith("# ")


@router.get("/learn")
def learn_page(request: Request) -> Response:
    return page(request, "learn.html", m.say("web.learn.title"), pieces=load_library())


@router.get("/learn/{slug}")
def piece_page(request: Request, slug: str) -> Response:
    piece = find(slug)
    if piece is None:
        return page(
            request,
            "learn_missing.html",
            m.say("web.learn.missing_title"),
            status_code=404,
            pieces=load_library(),
        )
    return page(
        request,
        "learn_piece.html",
        piece.title,
        piece=piece,
        body=to_html(piece.body),
        own_heading=own_heading(piece),
        suggestions=suggestions(piece),
    )
