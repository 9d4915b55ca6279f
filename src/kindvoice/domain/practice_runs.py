"""Practice runs: each time a person did a breathing, guided or writing practice.

Pure records and checks. A run says which practice it was, how long was planned
and how long it actually lasted, whether it was finished, and (when the person
said) how stressed and how kind towards themselves they felt before and after.
A writing practice whose text was saved as a journal entry names that entry.

The same checks serve a run being recorded and a run read from an export file;
every check appends a ``Problem`` instead of stopping at the first.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any, Literal, cast

from kindvoice.core.errors import Problem, ValidationError
from kindvoice.domain.reflection import check_choice
from kindvoice.domain.validation import check_moment, check_rating, check_text, read_uid

PracticeKind = Literal["breathing", "guided", "writing"]
PRACTICE_KINDS: tuple[PracticeKind, ...] = ("breathing", "guided", "writing")
# Practice ids are the words people type to choose one: "box", "self-compassion-break".
PRACTICE_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_PRACTICE_ID_CHARS = 60
# Room for a typed pattern (64 characters at most) and for patterns.pattern_text()'s
# phase-by-phase form of an unusual shipped pattern (8 phases, "hold_empty 59.5, " each).
MAX_PATTERN_CHARS = 160
# Three hours: longer than any practice kindvoice offers, short enough to catch typos.
MAX_RUN_SECONDS = 3 * 60 * 60
RATING_TOP = 10
RATING_FIELDS: tuple[str, ...] = (
    "stress_before",
    "stress_after",
    "kindness_before",
    "kindness_after",
)
# Where each field of a run lives in the export document, when it isn't at its own name.
DOCUMENT_PATHS: dict[str, str] = {
    "planned_s": "planned_seconds",
    "actual_s": "actual_seconds",
    "entry_uid": "entry",
    **{name: f"ratings.{name}" for name in RATING_FIELDS},
}


@dataclass(frozen=True)
class PracticeRunDraft:
    """A practice run as recorded, already checked, not yet stored.

    ``pattern`` is the breathing pattern as typed (``4-7-8``), for breathing only.
    Ratings are 0–10, or None when the person didn't say. ``entry_uid`` names the
    journal entry a writing practice's text was saved to.
    """

    practice: str
    kind: PracticeKind
    started_at: datetime
    planned_s: float
    actual_s: float
    completed: bool
    pattern: str | None = None
    stress_before: int | None = None
    stress_after: int | None = None
    kindness_before: int | None = None
    kindness_after: int | None = None
    entry_uid: str | None = None


@dataclass(frozen=True)
class PracticeRun:
    """A practice run as kept.

    ``uid`` stays the same across export and import; ``id`` is the local row
    number (None for a run read from a file and not stored yet).
    """

    uid: str
    practice: str
    kind: PracticeKind
    started_at: datetime
    planned_s: float
    actual_s: float
    completed: bool
    pattern: str | None = None
    stress_before: int | None = None
    stress_after: int | None = None
    kindness_before: int | None = None
    kindness_after: int | None = None
    entry_uid: str | None = None
    id: int | None = None

    @classmethod
    def from_draft(cls, draft: PracticeRunDraft, uid: str) -> PracticeRun:
        """The run to store for ``draft``, under the lasting id ``uid``."""
        return cls(uid=uid, **_fields_of(draft))


# --- checks for one field ---------------------------------------------------------


def check_practice_id(value: object, location: str, problems: list[Problem]) -> str:
    """A practice id: lower-case letters and digits in words joined by single dashes."""
    if value is None:
        problems.append(Problem(location, "missing"))
        return ""
    if not isinstance(value, str):
        problems.append(Problem(location, "not_text"))
        return ""
    if len(value) > MAX_PRACTICE_ID_CHARS or not PRACTICE_ID.fullmatch(value):
        problems.append(
            Problem(
                location,
                "not_a_practice_id",
                {"value": value[:40], "limit": MAX_PRACTICE_ID_CHARS},
            )
        )
    return value


def check_seconds(value: object, location: str, problems: list[Problem]) -> float:
    """A length of time in seconds: a finite number from 0 to three hours."""
    if value is None:
        problems.append(Problem(location, "missing"))
        return 0.0
    if isinstance(value, bool) or not isinstance(value, int | float):
        problems.append(Problem(location, "not_seconds", {"top": MAX_RUN_SECONDS}))
        return 0.0
    if isinstance(value, float) and not math.isfinite(value):
        problems.append(Problem(location, "not_seconds", {"top": MAX_RUN_SECONDS}))
        return 0.0
    # Compared before converting: a huge whole number from a file can't become a float.
    if not 0 <= value <= MAX_RUN_SECONDS:
        problems.append(Problem(location, "out_of_range", {"value": value, "top": MAX_RUN_SECONDS}))
        return 0.0
    return float(value) + 0.0  # + 0.0 turns -0.0 into 0.0, so every store reads it back alike


def check_true_false(value: object, location: str, problems: list[Problem]) -> bool:
    if value is None:
        problems.append(Problem(location, "missing"))
        return False
    if not isinstance(value, bool):
        problems.append(Problem(location, "not_true_false"))
        return False
    return value


def check_score(value: object, location: str, problems: list[Problem]) -> int | None:
    """A self-rating from 0 to 10, or None when the person didn't say."""
    return None if value is None else check_rating(value, location, problems, top=RATING_TOP)


def check_pattern(
    value: object, kind: str | None, location: str, problems: list[Problem]
) -> str | None:
    """A breathing pattern as text (``4-7-8``, ``2+1-6``), for breathing only.

    Kept as written (trimmed), not parsed: it records what was practised, and the
    pacer may describe an unusual pattern phase by phase rather than in typed form.
    """
    if value is None:
        return None
    if kind is not None and kind != "breathing":
        problems.append(Problem(location, "pattern_not_breathing", {"kind": kind}))
        return None
    if not isinstance(value, str):
        problems.append(Problem(location, "not_text"))
        return None
    return check_text(value, location, problems, required=True, max_chars=MAX_PATTERN_CHARS)


def check_entry_link(
    value: object, kind: str | None, location: str, problems: list[Problem]
) -> str | None:
    """The id of the journal entry a writing practice was saved to, or None."""
    if value is None:
        return None
    if kind is not None and kind != "writing":
        problems.append(Problem(location, "entry_not_writing", {"kind": kind}))
        return None
    return read_uid(value, location, problems, set()) or None


# --- a whole run ------------------------------------------------------------------


def _check_parts(
    values: Mapping[str, object], locate: Callable[[str], str], problems: list[Problem]
) -> dict[str, Any]:
    """Check every field but the moment and the id; keys are the records' field names."""
    practice = check_practice_id(values.get("practice"), locate("practice"), problems)
    kind = check_choice(values.get("kind"), PRACTICE_KINDS, locate("kind"), problems)
    parts: dict[str, Any] = {
        "practice": practice,
        "kind": cast(PracticeKind, kind or "breathing"),
        "pattern": check_pattern(values.get("pattern"), kind, locate("pattern"), problems),
        "planned_s": check_seconds(values.get("planned_s"), locate("planned_s"), problems),
        "actual_s": check_seconds(values.get("actual_s"), locate("actual_s"), problems),
        "completed": check_true_false(values.get("completed"), locate("completed"), problems),
        "entry_uid": check_entry_link(values.get("entry_uid"), kind, locate("entry_uid"), problems),
    }
    for name in RATING_FIELDS:
        parts[name] = check_score(values.get(name), locate(name), problems)
    return parts


def make_practice_run_draft(
    practice: str,
    kind: str,
    *,
    started_at: datetime,
    now: datetime,
    planned_s: float,
    actual_s: float,
    completed: bool,
    pattern: str | None = None,
    stress_before: int | None = None,
    stress_after: int | None = None,
    kindness_before: int | None = None,
    kindness_after: int | None = None,
    entry_uid: str | None = None,
) -> PracticeRunDraft:
    """Check a practice run about to be recorded; raises ValidationError with every problem.

    Problems are located by parameter name (``planned_s``, ``stress_after``, ...).
    ``started_at`` must carry its time zone and must not lie in the future of ``now``.
    """
    problems: list[Problem] = []
    parts = _check_parts(
        {
            "practice": practice,
            "kind": kind,
            "pattern": pattern,
            "planned_s": planned_s,
            "actual_s": actual_s,
            "completed": completed,
            "stress_before": stress_before,
            "stress_after": stress_after,
            "kindness_before": kindness_before,
            "kindness_after": kindness_after,
            "entry_uid": entry_uid,
        },
        lambda name: name,
        problems,
    )
    if isinstance(started_at, datetime):
        check_moment(started_at, "started_at", problems, now=now)
    else:
        problems.append(Problem("started_at", "not_a_date"))
    if problems:
        raise ValidationError(problems)
    return PracticeRunDraft(started_at=started_at, **parts)


def recheck_draft(draft: PracticeRunDraft, now: datetime) -> PracticeRunDraft:
    """Run the checks again on a draft (drafts can be built by hand); raises ValidationError."""
    return make_practice_run_draft(now=now, **_fields_of(draft))


# --- the export document ------------------------------------------------------------


def practice_run_to_dict(run: PracticeRun) -> dict[str, Any]:
    """A run as the export writes it (see docs/data-format.md)."""
    return {
        "id": run.uid,
        "practice": run.practice,
        "kind": run.kind,
        "pattern": run.pattern,
        "planned_seconds": run.planned_s,
        "actual_seconds": run.actual_s,
        "completed": run.completed,
        "ratings": {name: getattr(run, name) for name in RATING_FIELDS},
        "entry": run.entry_uid,
        "started_at": run.started_at.isoformat(),
    }


def read_practice_run(
    obj: Mapping[str, Any],
    location: str,
    problems: list[Problem],
    *,
    uid: str,
    started_at: datetime,
) -> PracticeRun:
    """The fields of one exported run (its id and moment already read), problems collected.

    ``pattern``, ``ratings`` (and each rating) and ``entry`` may be missing or null.
    """
    ratings: Mapping[str, Any] = {}
    raw_ratings = obj.get("ratings")
    if isinstance(raw_ratings, dict):
        ratings = raw_ratings
    elif raw_ratings is not None:
        problems.append(Problem(f"{location}.ratings", "not_an_object"))
    values: dict[str, object] = {
        name: obj.get(DOCUMENT_PATHS.get(name, name))
        for name in ("practice", "kind", "pattern", "planned_s", "actual_s", "completed")
    }
    values["entry_uid"] = obj.get("entry")
    for name in RATING_FIELDS:
        values[name] = ratings.get(name)
    parts = _check_parts(
        values, lambda name: f"{location}.{DOCUMENT_PATHS.get(name, name)}", problems
    )
    return PracticeRun(uid=uid, started_at=started_at, **parts)


def _fields_of(draft: PracticeRunDraft) -> dict[str, Any]:
    """A draft's fields by name (not deep-copied, unlike ``dataclasses.asdict``)."""
    return {item.name: getattr(draft, item.name) for item in fields(draft)}
