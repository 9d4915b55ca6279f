"""The Learn library: short pieces about self-compassion, read from ``content/*.md``.

Each piece is a Markdown file with TOML front matter between two ``+++`` lines::

    +++
    title = "What self-compassion is"     # 80 characters at most
    summary = "One or two sentences."      # 200 characters at most
    minutes = 4                            # reading time, 1 to 10
    audience = "adult"                     # "adult" or "parent"
    order = 1                              # where it sits in the list
    +++
    The body, in Markdown. Factual claims carry short citations such as
    [Ferrari et al. 2019], each explained in docs/evidence.md.

The files are checked strictly: a mistake in one is a bug in kindvoice, reported
as ``CatalogError`` naming the file and the field. They ship inside the package
and are read once.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from kindvoice.domain.practices.catalog import CatalogError, folded_text, only_known

CONTENT_PACKAGE = "kindvoice.domain.learn"
CONTENT_FOLDER = "content"
FENCE = "+++"
MAX_TITLE_LENGTH = 80
MAX_SUMMARY_LENGTH = 200
MIN_MINUTES = 1
MAX_MINUTES = 10
AUDIENCES = ("adult", "parent")
PIECE_KEYS = frozenset({"title", "summary", "minutes", "audience", "order", "try"})
MAX_TRY = 4  # practices or breathing patterns a piece suggests trying
# Ids come from file names and are typed on the command line.
PIECE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# A short citation: [Neff 2003], [Neff & Germer 2013], [Ferrari et al. 2019].
_SURNAME = r"[A-Z][A-Za-z'\-]+(?: [A-Z][A-Za-z'\-]+)?"
CITATION = re.compile(
    rf"\[({_SURNAME}(?: et al\.| & {_SURNAME}|(?:, {_SURNAME})+,? & {_SURNAME})? \d{{4}}[a-z]?)\]"
)


@dataclass(frozen=True)
class Piece:
    """One piece of the library, with the citation markers its body uses."""

    id: str
    title: str
    summary: str
    minutes: int
    audience: str
    order: int
    body: str
    citations: tuple[str, ...]
    try_practices: tuple[str, ...] = ()  # shipped practices or breathing patterns to try


def citations_in(body: str) -> tuple[str, ...]:
    """The citation markers in ``body`` (without brackets), each once, in order of first use."""
    return tuple(dict.fromkeys(match.group(1) for match in CITATION.finditer(body)))


def _try(raw: object, source: str) -> tuple[str, ...]:
    """The practices a piece suggests: each must be a shipped practice or breathing pattern."""
    from kindvoice.domain.practices.catalog import find_pattern
    from kindvoice.domain.practices.guided import find_practice

    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        raise CatalogError(source, "try", "wrong_type")
    if len(raw) > MAX_TRY:
        raise CatalogError(source, "try", "too_long", str(len(raw)))
    for index, item in enumerate(raw):
        if find_practice(item) is None and find_pattern(item) is None:
            raise CatalogError(source, f"try[{index}]", "unknown_practice", item)
    return tuple(raw)


def parse_piece(text: str, piece_id: str, source: str) -> Piece:
    """The piece in ``text`` (read from ``source``).

    Raises CatalogError at the first mistake, naming ``source`` and the field.
    """
    if not PIECE_ID.fullmatch(piece_id):
        raise CatalogError(source, "id", "bad_id", piece_id)
    front, body = _split(text, source)
    try:
        data = tomllib.loads(front)
    except tomllib.TOMLDecodeError as error:
        raise CatalogError(source, "", "not_toml", str(error)) from error
    only_known(data, PIECE_KEYS, "", source)
    title = folded_text(data, "title", MAX_TITLE_LENGTH, "", source)
    summary = folded_text(data, "summary", MAX_SUMMARY_LENGTH, "", source)
    minutes = _integer(data, "minutes", source)
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise CatalogError(source, "minutes", "out_of_range", str(minutes))
    audience = folded_text(data, "audience", MAX_TITLE_LENGTH, "", source)
    if audience not in AUDIENCES:
        raise CatalogError(source, "audience", "unknown_audience", audience)
    order = _integer(data, "order", source)
    suggested = _try(data.get("try", []), source)
    tidy_body = body.strip()
    if not tidy_body:
        raise CatalogError(source, "body", "empty")
    return Piece(
        piece_id,
        title,
        summary,
        minutes,
        audience,
        order,
        tidy_body + "\n",
        citations_in(tidy_body),
        suggested,
    )


@cache
def load_library() -> tuple[Piece, ...]:
    """Every shipped piece, in reading order (by ``order``, then id)."""
    folder = files(CONTENT_PACKAGE).joinpath(CONTENT_FOLDER)
    pieces = [
        parse_piece(
            entry.read_text(encoding="utf-8"),
            entry.name.removesuffix(".md"),
            f"{CONTENT_FOLDER}/{entry.name}",
        )
        for entry in folder.iterdir()
        if entry.name.endswith(".md") and entry.is_file()
    ]
    return tuple(sorted(pieces, key=lambda piece: (piece.order, piece.id)))


def piece_ids() -> tuple[str, ...]:
    return tuple(piece.id for piece in load_library())


def find_piece(piece_id: str) -> Piece | None:
    """The piece with this id (any case; spaces or underscores as dashes), or None."""
    wanted = "-".join(piece_id.strip().lower().replace("_", " ").split())
    return next((piece for piece in load_library() if piece.id == wanted), None)


def _split(text: str, source: str) -> tuple[str, str]:
    """The front matter and the body of a piece."""
    lines = text.lstrip("\ufeff").splitlines(keepends=True)
    if not lines or lines[0].strip() != FENCE:
        raise CatalogError(source, "front_matter", "missing")
    for index, line in enumerate(lines[1:], start=1):
        if line.strip() == FENCE:
            return "".join(lines[1:index]), "".join(lines[index + 1 :])
    raise CatalogError(source, "front_matter", "unclosed")


def _integer(data: dict[str, object], key: str, source: str) -> int:
    value = data.get(key)
    if value is None:
        raise CatalogError(source, key, "missing")
    if isinstance(value, bool) or not isinstance(value, int):
        raise CatalogError(source, key, "wrong_type")
    return value
