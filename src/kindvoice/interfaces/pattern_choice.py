"""Choosing a breathing pattern from what a person typed, and the words that introduce it.

Shared by `kindvoice breathe` and the web's Breathe page, so both take the same words (a
shipped pattern's id in any case, or a typed one like ``4-6``) and answer a mistake with the
same kind problem. No Rich and no web code here: both sides import it.
"""

from __future__ import annotations

import difflib

from kindvoice.core.errors import Problem, ValidationError
from kindvoice.domain.practices.catalog import find_pattern, load_patterns
from kindvoice.domain.practices.pacer import LengthError, Schedule, make_schedule
from kindvoice.domain.practices.patterns import (
    CUSTOM_ID,
    Pattern,
    PatternError,
    parse_pattern,
    pattern_text,
    soften,
)
from kindvoice.interfaces import messages as m

DEFAULT_PATTERN = "resonance"
DEFAULT_MINUTES = 2.0
MAX_PATTERN_TEXT = 64
# How much of what was typed a problem quotes back.
MAX_ECHO = 40


def resolve_pattern(text: str, *, gentle: bool = False) -> Pattern:
    """A shipped pattern by id, or a typed one (``4-6``); softened when ``gentle``.

    Raises ValidationError located at ``pattern``.
    """
    cleaned = text.strip()
    shipped = find_pattern(cleaned) if len(cleaned) <= MAX_PATTERN_TEXT else None
    if shipped is not None:
        return soften(shipped) if gentle else shipped
    if cleaned and not any(ch.isdigit() for ch in cleaned):
        choices = [p.id for p in load_patterns()]
        close = difflib.get_close_matches(cleaned.lower()[:MAX_PATTERN_TEXT], choices, n=1)
        code = "pattern.unknown_close" if close else "pattern.unknown"
        name, listed = cleaned[:MAX_ECHO], ", ".join(choices)
        params = {"name": name, "choices": listed, "close": "".join(close)}
        raise ValidationError([Problem("pattern", code, params)])
    try:
        typed = parse_pattern(cleaned)
    except PatternError as error:
        details = {"part": error.part[:MAX_ECHO], "text": cleaned[:MAX_ECHO]}
        raise ValidationError([Problem("pattern", f"pattern.{error.reason}", details)]) from None
    return soften(typed) if gentle else typed


def schedule_for(pattern: Pattern, *, minutes: float | None, cycles: int | None) -> Schedule:
    """The session, as long as asked (``DEFAULT_MINUTES`` when neither is given).

    Raises ValidationError located at ``minutes`` or ``cycles``.
    """
    if minutes is None and cycles is None:
        minutes = DEFAULT_MINUTES
    try:
        return make_schedule(pattern, cycles=cycles, minutes=minutes)
    except LengthError as error:
        where = "cycles" if cycles is not None and minutes is None else "minutes"
        raise ValidationError(
            [Problem(where, f"length.{error.reason}", {"part": error.part[:MAX_ECHO]})]
        ) from None


def pattern_about(pattern: Pattern) -> str:
    """The few sentences that introduce a pattern (made up for a typed one)."""
    if pattern.id != CUSTOM_ID:
        return pattern.description
    steps = ", ".join(
        m.say(
            "breathe.about.top_up" if phase.top_up else f"breathe.about.{phase.kind}",
            seconds=format(phase.seconds, "g"),
        )
        for phase in pattern.phases
    )
    return m.say("breathe.custom_about", steps=steps)


def custom_title(pattern: Pattern) -> str:
    """A typed pattern's title: the pattern as written."""
    return m.say("breathe.custom_title", text=pattern_text(pattern))
