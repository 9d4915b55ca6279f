"""The lean read behind the insights: only the columns the metrics take, in a few queries.

Like ``repos``, each function takes an open connection, so the service decides the unit
of work (one read transaction for all of them). Nothing here builds whole records: an
entry is its moment, the engine's verdict and its likely traps (``traps_json`` decoded
with ``json.loads`` only, no record per trap), and check-ins, reframes and practice runs
come back as the points the metrics take (``domain/insights/inputs.py``). Every moment
is put back into the offset where it happened (``repos.at_offset``), and every list is in
the order the whole-record reads give oldest first (``repos.list_entries``,
``reframing_repos.load_reflections``, ``repos.list_checkins``,
``practice_repos.list_practice_runs``), so the metrics see the same points either way.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import Connection, and_, select

from kindvoice.domain.insights.inputs import CheckInPoint, ReframePoint, SessionPoint
from kindvoice.storage.repos import at_offset
from kindvoice.storage.schema import (
    checkins,
    entry_analyses,
    journal_entries,
    practice_runs,
    reframes,
    trap_feedback,
)


class EntryFacts(NamedTuple):
    """One entry as the insights need it.

    ``self_critical`` is None when the entry has no analysis. ``likely`` holds the traps
    the engine judged at least ``present`` likely, in the engine's order (most likely
    first), at most ``most`` of them. ``feedback`` is the person's word on the entry's
    traps, ``(trap, verdict)`` in the order it was kept.
    """

    at: datetime
    self_critical: bool | None
    likely: tuple[str, ...]
    feedback: tuple[tuple[str, str], ...]


def entry_facts(conn: Connection, user_id: int, *, present: float, most: int) -> list[EntryFacts]:
    """This person's entries, oldest first (by moment, then id), with their analysis'
    verdict and likely traps and the person's word on the traps: two queries."""
    said: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for entry_id, trap, word in conn.execute(
        select(trap_feedback.c.entry_id, trap_feedback.c.trap, trap_feedback.c.verdict)
        .where(trap_feedback.c.user_id == user_id)
        .order_by(trap_feedback.c.id)
    ).all():
        said[entry_id].append((trap, word))
    query = (
        select(
            journal_entries.c.id,
            journal_entries.c.created_at,
            journal_entries.c.utc_offset_s,
            entry_analyses.c.is_self_critical,
            entry_analyses.c.traps_json,
        )
        .select_from(
            journal_entries.outerjoin(
                entry_analyses,
                and_(
                    entry_analyses.c.entry_id == journal_entries.c.id,
                    entry_analyses.c.user_id == user_id,
                ),
            )
        )
        .where(journal_entries.c.user_id == user_id)
        .order_by(journal_entries.c.created_at, journal_entries.c.id)
    )
    found: list[EntryFacts] = []
    for entry_id, created_at, offset_s, critical, traps_json in conn.execute(query).all():
        verdict: bool | None
        likely: tuple[str, ...]
        if traps_json is None:  # no analysis (the column itself is never NULL)
            verdict, likely = None, ()
        else:
            verdict = bool(critical)
            scores: dict[str, float] = json.loads(traps_json)
            likely = tuple([trap for trap, p in scores.items() if p >= present][:most])
        feedback = said.get(entry_id)
        found.append(
            EntryFacts(
                at_offset(created_at, offset_s),
                verdict,
                likely,
                () if feedback is None else tuple(feedback),
            )
        )
    return found


def reframe_points(conn: Connection, user_id: int) -> list[ReframePoint]:
    """This person's saved reframes, by their entry (oldest first), then as kept."""
    query = (
        select(
            reframes.c.created_at,
            reframes.c.utc_offset_s,
            reframes.c.belief_before,
            reframes.c.belief_after,
        )
        .select_from(reframes.join(journal_entries, journal_entries.c.id == reframes.c.entry_id))
        .where(reframes.c.user_id == user_id, journal_entries.c.user_id == user_id)
        .order_by(journal_entries.c.created_at, journal_entries.c.id, reframes.c.id)
    )
    return [
        ReframePoint(at_offset(created_at, offset_s), before, after)
        for created_at, offset_s, before, after in conn.execute(query).all()
    ]


def checkin_points(conn: Connection, user_id: int) -> list[CheckInPoint]:
    """This person's check-ins, oldest first."""
    query = (
        select(
            checkins.c.created_at,
            checkins.c.utc_offset_s,
            checkins.c.mood,
            checkins.c.stress,
            checkins.c.critic,
            checkins.c.kindness,
        )
        .where(checkins.c.user_id == user_id)
        .order_by(checkins.c.created_at, checkins.c.id)
    )
    return [
        CheckInPoint(at_offset(created_at, offset_s), mood, stress, critic, kindness)
        for created_at, offset_s, mood, stress, critic, kindness in conn.execute(query).all()
    ]


def session_points(conn: Connection, user_id: int) -> list[SessionPoint]:
    """This person's practice runs, oldest first (by start, then id)."""
    query = (
        select(
            practice_runs.c.started_at,
            practice_runs.c.utc_offset_s,
            practice_runs.c.practice,
            practice_runs.c.kind,
            practice_runs.c.completed,
            practice_runs.c.actual_s,
            practice_runs.c.stress_before,
            practice_runs.c.stress_after,
            practice_runs.c.kindness_before,
            practice_runs.c.kindness_after,
        )
        .where(practice_runs.c.user_id == user_id)
        .order_by(practice_runs.c.started_at, practice_runs.c.id)
    )
    return [
        SessionPoint(
            at_offset(started_at, offset_s),
            practice,
            kind,
            bool(completed),
            float(actual_s),
            stress_before,
            stress_after,
            kindness_before,
            kindness_after,
        )
        for (
            started_at,
            offset_s,
            practice,
            kind,
            completed,
            actual_s,
            stress_before,
            stress_after,
            kindness_before,
            kindness_after,
        ) in conn.execute(query).all()
    ]
