"""Questionnaires (instruments): keeping a result, looking back, and seeing change.

A result keeps the scores worked out when it was taken. ``change`` compares the
latest result with the first one and with the one before it; when the
instrument has norms (a reference sample's SD and test–retest r), each change
comes with Jacobson & Truax's reliable change index, and otherwise with the
numbers only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from kindvoice.domain.instruments.engine import Instrument, ReliableChange, instrument_change
from kindvoice.domain.instruments.results import Assessment, make_assessment
from kindvoice.domain.validation import resolve_moment
from kindvoice.services.wiring import Context
from kindvoice.storage import assessment_repos


@dataclass(frozen=True)
class Step:
    """One comparison of two results: the totals, the difference, and the reliable change.

    ``reliable`` is None when the instrument has no norms; then nothing is said
    about whether the difference is more than measurement error.
    """

    before: Assessment
    after: Assessment
    difference: float
    reliable: ReliableChange | None


@dataclass(frozen=True)
class Change:
    """How the latest result compares with the first and with the one before it.

    ``count`` is how many results of this instrument there are (at least two);
    with exactly two, ``since_first`` and ``since_previous`` compare the same pair.
    """

    instrument: str
    count: int
    since_first: Step
    since_previous: Step


def record(
    ctx: Context,
    instrument: Instrument,
    answers: Mapping[int, int],
    *,
    at: datetime | None = None,
) -> Assessment:
    """Score and keep one set of answers (item number → answer); raises ValidationError."""
    now = ctx.clock.now()
    taken_at = now if at is None else resolve_moment(at, now)
    assessment = make_assessment(instrument, answers, taken_at, now)
    with ctx.db.write() as conn:
        (new_id,) = assessment_repos.insert_assessments(conn, ctx.user_id, [assessment])
        stored = assessment_repos.get_assessment(conn, ctx.user_id, new_id)
    assert stored is not None
    return stored


def history(
    ctx: Context,
    instrument_id: str | None = None,
    *,
    limit: int | None = None,
    oldest_first: bool = False,
) -> list[Assessment]:
    """Past results (of one instrument, or of all), newest first unless ``oldest_first``."""
    with ctx.db.read() as conn:
        return assessment_repos.list_assessments(
            conn, ctx.user_id, instrument_id, oldest_first=oldest_first, limit=limit
        )


def compare(instrument: Instrument, before: Assessment, after: Assessment) -> Step:
    """Two totals side by side, with the reliable change when the instrument has norms."""
    return Step(
        before=before,
        after=after,
        difference=after.total - before.total,
        reliable=instrument_change(instrument, before.total, after.total),
    )


def change(ctx: Context, instrument: Instrument) -> Change | None:
    """The latest result against the first and the one before it; None with fewer than two."""
    with ctx.db.read() as conn:
        count = assessment_repos.count_assessments(conn, ctx.user_id, instrument.id)
        if count < 2:  # a change needs two results
            return None
        (first,) = assessment_repos.list_assessments(
            conn, ctx.user_id, instrument.id, oldest_first=True, limit=1
        )
        latest, previous = assessment_repos.list_assessments(
            conn, ctx.user_id, instrument.id, limit=2
        )
    return Change(
        instrument=instrument.id,
        count=count,
        since_first=compare(instrument, first, latest),
        since_previous=compare(instrument, previous, latest),
    )
