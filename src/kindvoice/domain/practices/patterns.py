"""Breathing patterns: the phases of one breath, checked, and read from typed text.

A pattern is one breath cycle, repeated by the pacer. Every pattern, shipped or
typed, passes the same checks, so the pacer can trust any ``Pattern`` it gets.
Problems are raised as ``PatternError`` with a reason code, never as sentences:
the interface turns the code into kind words.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

# hold_full: pausing with the lungs full, after an in-breath;
# hold_empty: resting with the lungs empty, after an out-breath.
PhaseKind = Literal["inhale", "hold_full", "exhale", "hold_empty"]
PHASE_KINDS: tuple[PhaseKind, ...] = ("inhale", "hold_full", "exhale", "hold_empty")
HOLD_KINDS: frozenset[str] = frozenset({"hold_full", "hold_empty"})

MIN_PHASE_SECONDS = 0.5
MAX_PHASE_SECONDS = 60.0
MAX_PHASES = 8
# A pattern marked gentle may pause briefly between breaths, never for long.
GENTLE_MAX_HOLD_SECONDS = 2.0
# Far more than any real pattern needs ("60-60+60-60-60" is 14 characters).
MAX_TEXT_LENGTH = 64
CUSTOM_ID = "custom"

# What the dash-separated steps of a typed pattern mean, by how many there are.
STEP_KINDS: dict[int, tuple[PhaseKind, ...]] = {
    2: ("inhale", "exhale"),
    3: ("inhale", "hold_full", "exhale"),
    4: ("inhale", "hold_full", "exhale", "hold_empty"),
}

PATTERN_REASONS: tuple[str, ...] = (
    "empty",  # nothing was typed
    "too_long_text",  # more characters than any pattern needs
    "too_many_steps",  # more than four dash-separated steps
    "missing_number",  # a separator with nothing on one side ("4--8", "-4-4")
    "not_a_number",  # "four", "4s", "1e3", "nan"
    "not_finite",  # NaN or infinity (possible in TOML)
    "too_short",  # under MIN_PHASE_SECONDS, zero included
    "too_long",  # over MAX_PHASE_SECONDS
    "unknown_kind",  # a phase kind not in PHASE_KINDS
    "top_up_not_inhale",  # a top-up on a hold or an out-breath
    "top_up_alone",  # a top-up that doesn't follow an in-breath
    "no_phases",
    "too_many_phases",  # more than MAX_PHASES
    "needs_inhale",
    "needs_exhale",
    "not_gentle",  # marked gentle, but holds longer than GENTLE_MAX_HOLD_SECONDS
)

_NUMBER = re.compile(r"\d+(?:[.,]\d*)?|[.,]\d+")
# People paste patterns from articles that print "4–7–8" with typographic dashes.
_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2212": "-"})


class PatternError(ValueError):
    """A breathing pattern the pacer can't use.

    ``reason`` is one of PATTERN_REASONS; ``part`` is the piece at fault (a number
    as typed, a phase kind, or the whole text); ``index`` counts phases from 0, left
    to right, when one phase is at fault, and is None otherwise.
    """

    def __init__(self, reason: str, part: str = "", index: int | None = None) -> None:
        self.reason = reason
        self.part = part
        self.index = index
        where = "" if index is None else f" (phase {index})"
        super().__init__(f"{reason}{where}: {part!r}")


def seconds_problem(seconds: object) -> str | None:
    """Why ``seconds`` can't be the length of a phase, or None when it can."""
    if isinstance(seconds, bool) or not isinstance(seconds, int | float):
        return "not_a_number"
    if not math.isfinite(seconds):
        return "not_finite"
    if seconds < MIN_PHASE_SECONDS:
        return "too_short"
    if seconds > MAX_PHASE_SECONDS:
        return "too_long"
    return None


@dataclass(frozen=True)
class Phase:
    """One part of a breath: its kind and how long it lasts.

    ``top_up`` marks the short second in-breath of a double inhale (as in cyclic
    sighing); a renderer may draw it as a small extra rise on top of the first.
    """

    kind: PhaseKind
    seconds: float
    top_up: bool = False

    def __post_init__(self) -> None:
        if self.kind not in PHASE_KINDS:
            raise PatternError("unknown_kind", str(self.kind))
        problem = seconds_problem(self.seconds)
        if problem:
            raise PatternError(problem, str(self.seconds))
        if self.top_up and self.kind != "inhale":
            raise PatternError("top_up_not_inhale", self.kind)
        # Whole numbers arrive from TOML as int; keep one type.
        object.__setattr__(self, "seconds", float(self.seconds))

    @property
    def is_hold(self) -> bool:
        return self.kind in HOLD_KINDS


@dataclass(frozen=True)
class Pattern:
    """A breath cycle the pacer repeats, with the words that introduce it.

    ``gentle`` marks a pattern with no long holds, a kind place to start.
    Construction checks the phases and raises PatternError.
    """

    id: str
    name: str
    phases: tuple[Phase, ...]
    description: str = ""
    gentle: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "phases", tuple(self.phases))
        check_phases(self.phases, gentle=self.gentle)

    @property
    def cycle_seconds(self) -> float:
        """The length of one cycle (correctly rounded sum of the phases)."""
        return math.fsum(phase.seconds for phase in self.phases)


def check_phases(phases: tuple[Phase, ...], *, gentle: bool = False) -> None:
    """Raise PatternError unless ``phases`` make a breath cycle the pacer can follow."""
    if not phases:
        raise PatternError("no_phases")
    if len(phases) > MAX_PHASES:
        raise PatternError("too_many_phases", str(len(phases)))
    for index, phase in enumerate(phases):
        if phase.top_up and (index == 0 or phases[index - 1].kind != "inhale"):
            raise PatternError("top_up_alone", phase.kind, index)
        if gentle and phase.is_hold and phase.seconds > GENTLE_MAX_HOLD_SECONDS:
            raise PatternError("not_gentle", _tidy(phase.seconds), index)
    kinds = {phase.kind for phase in phases}
    if "inhale" not in kinds:
        raise PatternError("needs_inhale")
    if "exhale" not in kinds:
        raise PatternError("needs_exhale")


def parse_pattern(text: str) -> Pattern:
    """A pattern from the way people write one: ``4-7-8``, ``4-4-4-4``, ``5.5-5.5``, ``2+1-6``.

    Dashes separate the steps of one breath. Two steps are in and out; three add a
    hold after the in-breath; four add a rest after the out-breath. A ``+`` inside
    the in-breath adds a top-up in-breath (``2+1-6``: in for 2 s, in a little more
    for 1 s, out for 6 s). A decimal comma reads like a point, and digits may be
    written in any script (``٤-٦`` reads as ``4-6``). The pattern's id is
    ``custom`` and its name the text in tidy form. Raises PatternError.
    """
    cleaned = text.strip().translate(_DASHES)
    if not cleaned:
        raise PatternError("empty")
    if len(cleaned) > MAX_TEXT_LENGTH:
        raise PatternError("too_long_text", cleaned[:MAX_TEXT_LENGTH])
    steps = cleaned.split("-")
    if len(steps) > max(STEP_KINDS):
        raise PatternError("too_many_steps", cleaned)

    lengths: list[list[float]] = []
    index = 0
    for step_number, step in enumerate(steps):
        pieces = step.split("+")
        if len(pieces) > 1 and step_number > 0:
            raise PatternError("top_up_not_inhale", step.strip(), index)
        step_lengths: list[float] = []
        for piece in pieces:
            step_lengths.append(_read_seconds(piece.strip(), index))
            index += 1
        lengths.append(step_lengths)
    if len(steps) < min(STEP_KINDS):
        raise PatternError("needs_exhale", cleaned)

    phases = tuple(
        Phase(kind, seconds, top_up=position > 0)
        for kind, step_lengths in zip(STEP_KINDS[len(steps)], lengths, strict=True)
        for position, seconds in enumerate(step_lengths)
    )
    name = "-".join("+".join(_tidy(seconds) for seconds in step) for step in lengths)
    return Pattern(id=CUSTOM_ID, name=name, phases=phases)


def _read_seconds(token: str, index: int) -> float:
    if not token:
        raise PatternError("missing_number", token, index)
    if not _NUMBER.fullmatch(token):
        raise PatternError("not_a_number", token, index)
    seconds = float(token.replace(",", "."))
    problem = seconds_problem(seconds)
    if problem:
        raise PatternError(problem, token, index)
    return seconds


def _tidy(seconds: float) -> str:
    """``4.0`` → ``4``, ``5.5`` → ``5.5``: enough digits for any typed length."""
    return format(seconds, ".15g")


def pattern_text(pattern: Pattern) -> str:
    """The pattern written the way people type one (``4-7-8``, ``2+1-6``).

    Patterns whose phases don't follow the typed order (in, hold, out, rest) are
    written phase by phase instead, like ``inhale 4, exhale 4, inhale 2, exhale 6``.
    """
    steps: list[list[Phase]] = []
    for phase in pattern.phases:
        if phase.top_up and steps:
            steps[-1].append(phase)
        else:
            steps.append([phase])
    kinds = tuple(step[0].kind for step in steps)
    if STEP_KINDS.get(len(steps)) == kinds:
        return "-".join("+".join(_tidy(p.seconds) for p in step) for step in steps)
    return ", ".join(f"{phase.kind} {_tidy(phase.seconds)}" for phase in pattern.phases)


def soften(pattern: Pattern) -> Pattern:
    """The pattern for gentle mode: every hold kept to GENTLE_MAX_HOLD_SECONDS at most.

    The breaths themselves stay as they are. A pattern that is already gentle
    comes back unchanged.
    """
    if all(not p.is_hold or p.seconds <= GENTLE_MAX_HOLD_SECONDS for p in pattern.phases):
        return pattern
    phases = tuple(
        Phase(p.kind, min(p.seconds, GENTLE_MAX_HOLD_SECONDS), p.top_up) if p.is_hold else p
        for p in pattern.phases
    )
    return Pattern(pattern.id, pattern.name, phases, pattern.description, gentle=True)
