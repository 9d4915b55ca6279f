"""What the Breathe and Practices pages and their API share: choosing a pattern or a practice,
the schedule and timeline as JSON, and keeping a note of a practice run.

The browser animates from the very schedule ``pacer.make_schedule`` works out, so the offsets
sent here are the engine's own floats (JSON keeps every digit of a float).
"""

from __future__ import annotations

import json
import math
from datetime import timedelta
from typing import Any

from markupsafe import Markup

from kindvoice.core.errors import Problem, ValidationError
from kindvoice.domain.practice_runs import (
    MAX_RUN_SECONDS,
    PRACTICE_ID,
    PRACTICE_KINDS,
    PracticeRun,
    make_practice_run_draft,
)
from kindvoice.domain.practices.catalog import find_pattern, load_patterns
from kindvoice.domain.practices.guided import Practice, TimedStep, find_practice, load_practices
from kindvoice.domain.practices.pacer import Schedule
from kindvoice.domain.practices.patterns import (
    CUSTOM_ID,
    Pattern,
    pattern_text,
)
from kindvoice.interfaces import messages as m
from kindvoice.interfaces.pattern_choice import (
    MAX_PATTERN_TEXT,
    custom_title,
    pattern_about,
    resolve_pattern,
)
from kindvoice.services import practice_log
from kindvoice.services.wiring import Context

# The lengths offered on the Breathe page, in minutes (30 seconds is the shortest).
LENGTHS: tuple[float, ...] = (0.5, 1.0, 2.0, 5.0, 10.0)
# The words said (and shown) for each kind of phase; the same keys as the terminal's cues.
CUE_WORD_KEYS: dict[str, str] = {
    "inhale": "breathe.inhale",
    "hold_full": "breathe.hold_full",
    "exhale": "breathe.exhale",
    "hold_empty": "breathe.hold_empty",
    "top_up": "breathe.top_up",
}


def cue_words() -> dict[str, str]:
    return {kind: m.say(key) for kind, key in CUE_WORD_KEYS.items()}


# --- choosing a breathing pattern -----------------------------------------------------


def is_known_pattern(text: str) -> bool:
    return len(text) <= MAX_PATTERN_TEXT and find_pattern(text) is not None


def read_minutes(raw: str | None, location: str = "minutes") -> float | None:
    """Minutes typed in a form or a link (``0.5``, ``2``, ``1,5``); None when empty."""
    if raw is None or not raw.strip():
        return None
    text = raw.strip().replace(",", ".")[:20]
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise ValidationError([Problem(location, "length.not_a_number", {"part": text})])
    return value


def read_cycles(raw: str | None) -> int | None:
    if raw is None or not raw.strip():
        return None
    text = raw.strip()[:20]
    if not text.isdigit():
        raise ValidationError([Problem("cycles", "length.not_whole", {"part": text})])
    return int(text)


def pattern_title(pattern: Pattern) -> str:
    return custom_title(pattern) if pattern.id == CUSTOM_ID else pattern.name


def step_lines(pattern: Pattern) -> list[str]:
    """The pattern in words, one line per phase: for reading without the moving circle."""
    return [
        m.say(
            "web.practice.step.top_up" if phase.top_up else f"web.practice.step.{phase.kind}",
            seconds=format(phase.seconds, "g"),
        )
        for phase in pattern.phases
    ]


def pattern_json(pattern: Pattern) -> dict[str, Any]:
    return {
        "id": pattern.id,
        "name": pattern_title(pattern),
        "text": pattern_text(pattern),
        "description": pattern_about(pattern),
        "gentle": pattern.gentle,
        "cycle_s": pattern.cycle_seconds,
        "phases": [
            {"kind": p.kind, "seconds": p.seconds, "top_up": p.top_up} for p in pattern.phases
        ],
    }


def schedule_json(schedule: Schedule) -> dict[str, Any]:
    """The whole session with every phase's exact start and end, from the pacer itself."""
    words = cue_words()
    return {
        "pattern": pattern_json(schedule.pattern),
        "cycles": schedule.cycles,
        "total": schedule.total,
        "phases": [
            {
                "index": b.index,
                "cycle": b.cycle,
                "step": b.step,
                "kind": b.phase.kind,
                "top_up": b.phase.top_up,
                "start": b.start,
                "end": b.end,
                "word": words["top_up" if b.phase.top_up else b.phase.kind],
            }
            for b in schedule.boundaries()
        ],
    }


# --- practices ------------------------------------------------------------------------


def shipped_practice(practice_id: str) -> Practice | None:
    """A shipped practice by id (any case), or None. Only the shipped ones: in hosted mode
    the server's own practice files belong to nobody in particular."""
    if len(practice_id) > 80:
        return None
    return find_practice(practice_id)


def practice_minutes(placed: tuple[TimedStep, ...]) -> int:
    return max(1, round(placed[-1].end / 60))


def timeline_json(placed: tuple[TimedStep, ...]) -> list[dict[str, Any]]:
    return [
        {
            "index": t.index,
            "start": t.start,
            "speech_start": t.speech_start,
            "pause_start": t.pause_start,
            "end": t.end,
            "text": t.step.text,
            "cue": t.step.cue,
            "pause_s": t.step.pause_s,
        }
        for t in placed
    ]


def known_practice_ids() -> dict[str, str]:
    """Every id a practice run may name, with its kind: breathing patterns (and ``custom``
    for a typed one), guided practices and writing exercises."""
    kinds = {p.id: "breathing" for p in load_patterns()}
    kinds[CUSTOM_ID] = "breathing"
    kinds |= {p.id: p.kind for p in load_practices()}
    return kinds


# --- keeping a note of a run --------------------------------------------------------------


def record_run(
    ctx: Context,
    *,
    practice: str,
    kind: str,
    planned_s: float,
    actual_s: float,
    completed: bool,
    pattern: str | None = None,
    ratings: dict[str, int | None] | None = None,
    entry_uid: str | None = None,
) -> PracticeRun:
    """Check and keep one practice run, started ``actual_s`` seconds ago.

    The practice must be one kindvoice offers, of that kind. For breathing, ``pattern`` may be
    a pattern's id (``box``) or its text (``4-4-4-4``); without one, a shipped pattern's own.
    Raises ValidationError with every problem.
    """
    problems: list[Problem] = []
    known_kind = known_practice_ids().get(practice)
    if known_kind is None:  # a well-formed id of no practice kindvoice offers
        offered = len(practice) > 60 or not PRACTICE_ID.fullmatch(practice)
    else:  # a practice kindvoice offers, but of another kind
        offered = kind not in PRACTICE_KINDS or known_kind == kind
    if not offered:
        problems.append(Problem("practice", "web.request.choice"))
    if kind == "breathing":
        if pattern is not None and is_known_pattern(pattern):
            pattern = pattern_text(resolve_pattern(pattern))
        elif pattern is None and practice != CUSTOM_ID and is_known_pattern(practice):
            pattern = pattern_text(resolve_pattern(practice))
    now = ctx.clock.now()
    spent = actual_s if math.isfinite(actual_s) and 0 <= actual_s <= MAX_RUN_SECONDS else 0.0
    given = ratings or {}
    try:
        draft = make_practice_run_draft(
            practice,
            kind,
            started_at=now - timedelta(seconds=spent),
            now=now,
            planned_s=round(planned_s, 3) if math.isfinite(planned_s) else planned_s,
            actual_s=round(actual_s, 3) if math.isfinite(actual_s) else actual_s,
            completed=completed,
            pattern=pattern,
            stress_before=given.get("stress_before"),
            stress_after=given.get("stress_after"),
            kindness_before=given.get("kindness_before"),
            kindness_after=given.get("kindness_after"),
            entry_uid=entry_uid,
        )
    except ValidationError as error:
        problems.extend(error.problems)
    if problems:
        raise ValidationError(problems)
    return practice_log.record_run(ctx, draft)


def run_json(run: PracticeRun) -> dict[str, Any]:
    return {
        "id": run.id,
        "uid": run.uid,
        "practice": run.practice,
        "kind": run.kind,
        "pattern": run.pattern,
        "planned_s": run.planned_s,
        "actual_s": run.actual_s,
        "completed": run.completed,
        "stress_before": run.stress_before,
        "stress_after": run.stress_after,
        "kindness_before": run.kindness_before,
        "kindness_after": run.kindness_after,
        "entry_uid": run.entry_uid,
        "started_at": run.started_at.isoformat(),
    }


# --- words and data for the pages ---------------------------------------------------------


def time_words(seconds: float) -> str:
    """``30 seconds``, ``1 minute``, ``12 minutes``: how long, in words."""
    if seconds < 90:
        whole = max(0, round(seconds))
        return m.say(
            "web.practice.time.second" if whole == 1 else "web.practice.time.seconds", n=whole
        )
    minutes = round(seconds / 60)
    return m.say("web.practice.time.minutes", n=minutes)


def length_label(minutes: float) -> str:
    return (
        time_words(minutes * 60)
        if minutes < 1
        else m.say(
            "web.practice.time.minute" if minutes == 1 else "web.practice.time.minutes",
            n=format(minutes, "g"),
        )
    )


def data_block(value: object) -> Markup:
    """JSON for a ``<script type="application/json">`` block: nothing in it can end the block
    or be read as markup, whatever text it holds."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(raw, escaped)
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)  # noqa: S704 (escaped above for a script block)
