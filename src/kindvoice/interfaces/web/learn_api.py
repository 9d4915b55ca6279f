"""The JSON API: the Learn library, each piece as Markdown and as safe HTML."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from kindvoice.core.errors import NotFoundError
from kindvoice.domain.learn.library import Piece, load_library
from kindvoice.interfaces.web.learn_pages import MAX_SLUG, find, suggestions, to_html

router = APIRouter(tags=["learn"])


def piece_json(piece: Piece) -> dict[str, Any]:
    return {
        "id": piece.id,
        "title": piece.title,
        "summary": piece.summary,
        "minutes": piece.minutes,
        "audience": piece.audience,
        "order": piece.order,
        "sources": list(piece.citations),
        "try": [
            {"id": s.id, "name": s.name, "kind": s.kind, "href": s.href} for s in suggestions(piece)
        ],
    }


@router.get("/learn")
def list_pieces() -> list[dict[str, Any]]:
    """Every piece in reading order (no bodies)."""
    return [piece_json(piece) for piece in load_library()]


@router.get("/learn/{slug}")
def get_piece(slug: Annotated[str, Path(max_length=MAX_SLUG)]) -> dict[str, Any]:
    """One piece: its Markdown, and the same as HTML (raw HTML in it is shown as text)."""
    piece = find(slug)
    if piece is None:
        raise NotFoundError("not_found")
    return piece_json(piece) | {"markdown": piece.body, "html": to_html(piece.body)}
