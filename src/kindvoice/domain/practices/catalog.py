"""The breathing patterns shipped with kindvoice, read from ``content/breathing.toml``.

The patterns are data so that adding one needs no code. The file is checked
strictly: a mistake in it is a bug in kindvoice, reported as ``CatalogError``
naming the file and the field, so the test suite finds it before anyone meets it
halfway through a breath. The file ships inside the package and is read once.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib.resources import files
from typing import Any

from kindvoice.domain.practices.patterns import (
    CUSTOM_ID,
    PHASE_KINDS,
    Pattern,
    PatternError,
    Phase,
)

CONTENT_PACKAGE = "kindvoice.domain.practices"
CONTENT_FOLDER = "content"
CONTENT_FILE = "breathing.toml"
MAX_NAME_LENGTH = 60
MAX_DESCRIPTION_LENGTH = 600
# Ids are typed on the command line: lower-case words joined by single dashes.
PATTERN_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
PATTERN_KEYS = frozenset({"name", "description", "gentle", "phases"})
PHASE_KEYS = frozenset({"kind", "seconds", "top_up"})

CATALOG_REASONS: tuple[str, ...] = (
    "not_toml",  # the file doesn't parse; the detail says where
    "missing",  # a required field is absent
    "unknown_field",  # a field the catalog doesn't know (often a typo)
    "wrong_type",
    "empty",  # blank text, or no patterns at all
    "too_long",  # text over its limit
    "bad_id",
    "reserved_id",  # "custom" belongs to typed patterns; a shipped practice's id is taken
    "unreadable",  # a person's own practice file that isn't UTF-8 text
    # ... and every reason in patterns.PATTERN_REASONS, for the phases themselves.
)

# Which field of a phase table each of the pattern checks is about.
_PHASE_FIELD_OF_REASON = {
    "unknown_kind": "kind",
    "top_up_not_inhale": "top_up",
    "not_a_number": "seconds",
    "not_finite": "seconds",
    "too_short": "seconds",
    "too_long": "seconds",
}


class CatalogError(ValueError):
    """A mistake in a pattern file: which file, which field, and a reason code."""

    def __init__(self, source: str, field: str, reason: str, detail: str = "") -> None:
        self.source = source
        self.field = field
        self.reason = reason
        self.detail = detail
        message = f"{source}: {field or '(whole file)'}: {reason}"
        super().__init__(f"{message} ({detail})" if detail else message)


def parse_catalog(text: str, source: str) -> tuple[Pattern, ...]:
    """The patterns in ``text`` (TOML read from ``source``), in the file's order.

    Raises CatalogError at the first mistake, naming ``source`` and the field.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CatalogError(source, "", "not_toml", str(error)) from error
    only_known(data, frozenset({"patterns"}), "", source)
    patterns = data.get("patterns")
    if patterns is None:
        raise CatalogError(source, "patterns", "missing")
    if not isinstance(patterns, dict):
        raise CatalogError(source, "patterns", "wrong_type")
    if not patterns:
        raise CatalogError(source, "patterns", "empty")
    return tuple(_pattern(key, table, source) for key, table in patterns.items())


@cache
def load_patterns() -> tuple[Pattern, ...]:
    """Every shipped pattern, in the order they are offered."""
    resource = files(CONTENT_PACKAGE).joinpath(CONTENT_FOLDER).joinpath(CONTENT_FILE)
    return parse_catalog(resource.read_text(encoding="utf-8"), f"{CONTENT_FOLDER}/{CONTENT_FILE}")


def pattern_ids() -> tuple[str, ...]:
    return tuple(pattern.id for pattern in load_patterns())


def find_pattern(pattern_id: str) -> Pattern | None:
    """The shipped pattern with this id (any case, spaces around ignored), or None."""
    wanted = pattern_id.strip().lower()
    return next((pattern for pattern in load_patterns() if pattern.id == wanted), None)


def _pattern(pattern_id: str, table: object, source: str) -> Pattern:
    where = f"patterns.{pattern_id}"
    if not PATTERN_ID.fullmatch(pattern_id):
        raise CatalogError(source, where, "bad_id", pattern_id)
    if pattern_id == CUSTOM_ID:
        raise CatalogError(source, where, "reserved_id", pattern_id)
    if not isinstance(table, dict):
        raise CatalogError(source, where, "wrong_type")
    only_known(table, PATTERN_KEYS, where, source)
    name = _text(table, "name", MAX_NAME_LENGTH, where, source)
    description = _text(table, "description", MAX_DESCRIPTION_LENGTH, where, source)
    gentle = table.get("gentle", False)
    if not isinstance(gentle, bool):
        raise CatalogError(source, f"{where}.gentle", "wrong_type")
    raw_phases = table.get("phases")
    if raw_phases is None:
        raise CatalogError(source, f"{where}.phases", "missing")
    if not isinstance(raw_phases, list):
        raise CatalogError(source, f"{where}.phases", "wrong_type")
    phases = tuple(
        _phase(raw, f"{where}.phases[{index}]", source) for index, raw in enumerate(raw_phases)
    )
    try:
        return Pattern(pattern_id, name, phases, description, gentle)
    except PatternError as error:
        field = f"{where}.phases" if error.index is None else f"{where}.phases[{error.index}]"
        raise CatalogError(source, field, error.reason, error.part) from error


def _phase(raw: object, where: str, source: str) -> Phase:
    if not isinstance(raw, dict):
        raise CatalogError(source, where, "wrong_type")
    only_known(raw, PHASE_KEYS, where, source)
    kind = raw.get("kind")
    seconds = raw.get("seconds")
    top_up = raw.get("top_up", False)
    for key, value in (("kind", kind), ("seconds", seconds)):
        if value is None:
            raise CatalogError(source, f"{where}.{key}", "missing")
    if not isinstance(kind, str):
        raise CatalogError(source, f"{where}.kind", "wrong_type")
    if kind not in PHASE_KINDS:
        raise CatalogError(source, f"{where}.kind", "unknown_kind", kind)
    if isinstance(seconds, bool) or not isinstance(seconds, int | float):
        raise CatalogError(source, f"{where}.seconds", "wrong_type")
    if not isinstance(top_up, bool):
        raise CatalogError(source, f"{where}.top_up", "wrong_type")
    try:
        return Phase(kind, seconds, top_up)
    except PatternError as error:
        field = _PHASE_FIELD_OF_REASON.get(error.reason, "seconds")
        raise CatalogError(source, f"{where}.{field}", error.reason, error.part) from error


def _text(table: dict[str, Any], key: str, limit: int, where: str, source: str) -> str:
    value = table.get(key)
    if value is None:
        raise CatalogError(source, f"{where}.{key}", "missing")
    if not isinstance(value, str):
        raise CatalogError(source, f"{where}.{key}", "wrong_type")
    tidy = value.strip()
    if not tidy:
        raise CatalogError(source, f"{where}.{key}", "empty")
    if len(tidy) > limit:
        raise CatalogError(source, f"{where}.{key}", "too_long", str(len(tidy)))
    return tidy


def only_known(table: dict[str, Any], known: frozenset[str], where: str, source: str) -> None:
    """Raise CatalogError for the first field of ``table`` that isn't in ``known``."""
    unknown = sorted(set(table) - known)
    if unknown:
        field = f"{where}.{unknown[0]}" if where else unknown[0]
        raise CatalogError(source, field, "unknown_field")


def folded_text(table: dict[str, Any], key: str, limit: int, where: str, source: str) -> str:
    """The text at ``table[key]``, with runs of white space folded to one space.

    Shared by every content file (practices, the program, questionnaires): raises
    CatalogError naming ``source`` and the field when it is missing, not text,
    empty or longer than ``limit`` characters.
    """
    field = f"{where}.{key}" if where else key
    value = table.get(key)
    if value is None:
        raise CatalogError(source, field, "missing")
    if not isinstance(value, str):
        raise CatalogError(source, field, "wrong_type")
    tidy = " ".join(value.split())
    if not tidy:
        raise CatalogError(source, field, "empty")
    if len(tidy) > limit:
        raise CatalogError(source, field, "too_long", str(len(tidy)))
    return tidy
