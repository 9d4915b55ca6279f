"""A questionnaire's result, kept: the answers, the scores worked out from them, and when.

``make_assessment`` checks a person's answers against an instrument (every
problem at once, located ``answers[3]``) and scores them with
``engine.score``. The same result, written into the export and read back by
``read_assessment``, keeps its answers and its scores exactly as they were
worked out then: a later change to an instrument file never rewrites a past
score. An instrument id kindvoice doesn't know is allowed on import, since a
result may come from a person's own instrument file that isn't on this computer.
"""

from __future__ import annotations

import math
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeGuard

from kindvoice.core.errors import Problem, ValidationError
from kindvoice.domain.instruments.engine import (
    MAX_ID_LENGTH,
    MAX_ITEMS,
    SUBSCALE_NAME,
    AnswerError,
    Instrument,
    score,
)
from kindvoice.domain.practices.catalog import PATTERN_ID
from kindvoice.domain.validation import check_moment, read_moment, read_uid

# An item number as the export writes it: "1" to "200", no sign, no leading zero.
_ITEM_KEY = re.compile(r"[1-9][0-9]{0,2}")
# Stands in for a moment that couldn't be read; never stored, since reading it failed.
_UNREAD = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Assessment:
    """One time a person answered a questionnaire.

    ``answers`` pairs each item number with its answer, by item number;
    ``subscales`` pairs each subscale with its score, in the instrument's order.
    ``total`` and ``subscales`` are the scores as worked out when it was taken.
    """

    uid: str
    instrument: str
    answers: tuple[tuple[int, int], ...]
    total: float
    subscales: tuple[tuple[str, float], ...]
    taken_at: datetime
    id: int | None = None

    def answer_map(self) -> dict[int, int]:
        return dict(self.answers)

    def subscale_map(self) -> dict[str, float]:
        return dict(self.subscales)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_finite_number(value: object) -> TypeGuard[int | float]:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def check_answers(
    instrument: Instrument, answers: Mapping[Any, Any], location: str, problems: list[Problem]
) -> None:
    """Every problem with ``answers`` (item number → answer) for ``instrument``.

    Problems are located ``<location>[<item>]``: an answer to an item the
    instrument doesn't have, an item without an answer, an answer that isn't a
    whole number, and one outside the scale.
    """
    count = len(instrument.items)
    numbers = {item.number for item in instrument.items}
    for key in answers:
        if not _is_int(key) or key not in numbers:
            shown = str(key)[:20]
            problems.append(
                Problem(
                    f"{location}[{shown}]", "answer_unknown_item", {"item": shown, "count": count}
                )
            )
    low, high = instrument.scale.low, instrument.scale.high
    for item in instrument.items:
        where = f"{location}[{item.number}]"
        if item.number not in answers:
            problems.append(Problem(where, "answer_missing", {"item": item.number}))
            continue
        answer = answers[item.number]
        if not _is_int(answer):
            problems.append(Problem(where, "answer_not_whole", {"low": low, "high": high}))
        elif not low <= answer <= high:
            problems.append(
                Problem(where, "answer_out_of_range", {"value": answer, "low": low, "high": high})
            )


def make_assessment(
    instrument: Instrument,
    answers: Mapping[int, int],
    taken_at: datetime,
    now: datetime,
    *,
    uid: str | None = None,
) -> Assessment:
    """Check and score a complete set of answers; raises ValidationError with every problem.

    ``answers`` maps each item number to its answer. ``taken_at`` must carry
    its time zone and may not lie in the future of ``now``. A new ``uid`` is
    made when none is given.
    """
    problems: list[Problem] = []
    assessment_uid = str(uuid.uuid4()) if uid is None else read_uid(uid, "id", problems, set())
    if not isinstance(taken_at, datetime):
        problems.append(Problem("when", "not_a_date"))
    else:
        check_moment(taken_at, "when", problems, now=now)
    check_answers(instrument, answers, "answers", problems)
    if problems:
        raise ValidationError(problems)
    try:
        scored = score(instrument, answers)
    except AnswerError as error:  # checked above; kept so a surprise still reads kindly
        where = f"answers[{error.item}]" if error.item is not None else "answers"
        raise ValidationError([Problem(where, f"answer_{error.reason}", {})]) from error
    return Assessment(
        uid=assessment_uid,
        instrument=instrument.id,
        answers=tuple(sorted((int(k), int(v)) for k, v in answers.items())),
        total=scored.total,
        subscales=tuple((name, scored.subscales[name]) for name in instrument.subscales),
        taken_at=taken_at,
    )


# --- the export document ------------------------------------------------------------


def assessment_to_dict(assessment: Assessment) -> dict[str, Any]:
    """A result as the export writes it (see docs/data-format.md)."""
    return {
        "id": assessment.uid,
        "instrument": assessment.instrument,
        "answers": {str(number): answer for number, answer in assessment.answers},
        "total": assessment.total,
        "subscales": dict(assessment.subscales),
        "taken_at": assessment.taken_at.isoformat(),
    }


def _read_instrument_id(value: object, location: str, problems: list[Problem]) -> str:
    if value is None:
        problems.append(Problem(location, "missing"))
        return ""
    if not isinstance(value, str):
        problems.append(Problem(location, "not_text"))
        return ""
    if len(value) > MAX_ID_LENGTH or not PATTERN_ID.fullmatch(value):
        problems.append(
            Problem(location, "not_an_instrument_id", {"value": value[:40], "limit": MAX_ID_LENGTH})
        )
        return ""
    return value


def _read_answers(
    value: object, location: str, problems: list[Problem]
) -> tuple[tuple[int, int], ...]:
    if value is None:
        problems.append(Problem(location, "missing"))
        return ()
    if not isinstance(value, dict):
        problems.append(Problem(location, "not_an_object"))
        return ()
    if not value:
        problems.append(Problem(location, "no_answers"))
        return ()
    if len(value) > MAX_ITEMS:
        problems.append(Problem(location, "too_many", {"limit": MAX_ITEMS}))
        return ()
    read: list[tuple[int, int]] = []
    for key, answer in value.items():
        where = f"{location}.{str(key)[:20]}"
        if not isinstance(key, str) or not _ITEM_KEY.fullmatch(key) or int(key) > MAX_ITEMS:
            problems.append(Problem(where, "not_an_item_number", {"top": MAX_ITEMS}))
            continue
        if not _is_int(answer):
            problems.append(Problem(where, "not_a_whole_answer"))
            continue
        read.append((int(key), answer))
    return tuple(sorted(read))


def _read_score(value: object, location: str, problems: list[Problem]) -> float:
    if value is None:
        problems.append(Problem(location, "missing"))
        return 0.0
    if not _is_finite_number(value):
        problems.append(Problem(location, "not_a_finite_number"))
        return 0.0
    return float(value)


def _read_subscales(
    value: object, location: str, problems: list[Problem]
) -> tuple[tuple[str, float], ...]:
    if value is None:
        return ()
    if not isinstance(value, dict):
        problems.append(Problem(location, "not_an_object"))
        return ()
    if len(value) > MAX_ITEMS:
        problems.append(Problem(location, "too_many", {"limit": MAX_ITEMS}))
        return ()
    read: list[tuple[str, float]] = []
    for name, number in value.items():
        where = f"{location}.{str(name)[:40]}"
        if (
            not isinstance(name, str)
            or len(name) > MAX_ID_LENGTH
            or not SUBSCALE_NAME.fullmatch(name)
        ):
            problems.append(Problem(where, "not_a_subscale_name", {"limit": MAX_ID_LENGTH}))
            continue
        read.append((name, _read_score(number, where, problems)))
    return tuple(read)


def read_assessment(
    obj: Mapping[str, Any],
    location: str,
    problems: list[Problem],
    *,
    now: datetime,
    seen: set[str],
) -> Assessment:
    """One exported result, every problem collected at ``<location>.<key>``.

    ``id``, ``instrument``, ``answers``, ``total`` and ``taken_at`` are required;
    ``subscales`` may be missing or null (none). Answers must be whole numbers
    keyed by item number (``"1"``, ``"2"``, …); the scores must be finite
    numbers. Each id may appear once among ``seen`` (updated); ``taken_at`` may
    not lie in the future of ``now``. The result returned is meaningful only
    when no problem was added.
    """

    def at(key: str) -> str:
        return f"{location}.{key}"

    uid = ""
    if "id" in obj:
        uid = read_uid(obj["id"], at("id"), problems, seen)
    else:
        problems.append(Problem(at("id"), "missing"))
    taken_at = None
    if obj.get("taken_at") is None:
        problems.append(Problem(at("taken_at"), "missing"))
    else:
        taken_at = read_moment(obj["taken_at"], at("taken_at"), problems, now=now)
    return Assessment(
        uid=uid,
        instrument=_read_instrument_id(obj.get("instrument"), at("instrument"), problems),
        answers=_read_answers(obj.get("answers"), at("answers"), problems),
        total=_read_score(obj.get("total"), at("total"), problems),
        subscales=_read_subscales(obj.get("subscales"), at("subscales"), problems),
        taken_at=taken_at or _UNREAD,
    )
