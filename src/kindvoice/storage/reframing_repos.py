"""Repositories for working with an entry: its analysis, trap feedback and reframes.

Like ``repos``, each function takes an open connection, so the service decides
the unit of work. Everything here hangs off an entry (``ON DELETE CASCADE``),
and every row carries ``user_id`` so forgetting a person can delete by it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Row, delete, insert, or_, select

from kindvoice.domain.records import (
    Reflection,
    SavedReframe,
    StoredAnalysis,
    TrapFeedback,
)
from kindvoice.domain.reflection import (
    spans_from_plain,
    spans_to_plain,
    traps_from_plain,
    traps_to_plain,
)
from kindvoice.storage.repos import at_offset, offset_seconds, uids_in
from kindvoice.storage.schema import entry_analyses, journal_entries, reframes, trap_feedback
from kindvoice.storage.sealing import Sealer, row_of, sealer_of

_CHUNK = 500


def _analysis_row(
    sealer: Sealer, user_id: int, entry_id: int, analysis: StoredAnalysis
) -> dict[str, Any]:
    return {
        "entry_id": entry_id,
        "user_id": user_id,
        "model_version": analysis.model_version,
        "crisis_level": analysis.crisis_level,
        "crisis_cue": sealer.seal(
            entry_analyses, "crisis_cue", analysis.crisis_cue, row_of(user_id, entry_id)
        ),
        "critic_probability": analysis.critic_probability,
        "is_self_critical": analysis.is_self_critical,
        # Plain JSON text, in the engine's order, so it reads back exactly.
        "traps_json": json.dumps(traps_to_plain(analysis.traps)),
        "spans_json": sealer.seal(
            entry_analyses,
            "spans_json",
            json.dumps(spans_to_plain(analysis.critic_spans)),
            row_of(user_id, entry_id),
        ),
        "created_at": analysis.created_at,
        "utc_offset_s": offset_seconds(analysis.created_at),
    }


def _feedback_row(user_id: int, entry_id: int, item: TrapFeedback) -> dict[str, Any]:
    return {
        "entry_id": entry_id,
        "user_id": user_id,
        "trap": item.trap,
        "verdict": item.verdict,
        "created_at": item.created_at,
        "utc_offset_s": offset_seconds(item.created_at),
    }


def _reframe_row(sealer: Sealer, user_id: int, entry_id: int, item: SavedReframe) -> dict[str, Any]:
    return {
        "uid": item.uid,
        "entry_id": entry_id,
        "user_id": user_id,
        "text": sealer.seal(reframes, "text", item.text, row_of(user_id, item.uid)),
        "origin": item.origin,
        "component": item.component,
        "trap": item.trap,
        "belief_before": item.belief_before,
        "belief_after": item.belief_after,
        "created_at": item.created_at,
        "utc_offset_s": offset_seconds(item.created_at),
    }


def _analysis_of(sealer: Sealer, row: Row[Any]) -> StoredAnalysis:
    return StoredAnalysis(
        model_version=row.model_version,
        crisis_level=row.crisis_level,
        crisis_cue=sealer.open(
            entry_analyses, "crisis_cue", row.crisis_cue, row_of(row.user_id, row.entry_id)
        ),
        critic_probability=float(row.critic_probability),
        is_self_critical=bool(row.is_self_critical),
        traps=traps_from_plain(json.loads(row.traps_json)),
        critic_spans=spans_from_plain(
            json.loads(
                sealer.open(
                    entry_analyses, "spans_json", row.spans_json, row_of(row.user_id, row.entry_id)
                )
            )
        ),
        created_at=at_offset(row.created_at, row.utc_offset_s),
    )


def _reframe_of(sealer: Sealer, row: Row[Any]) -> SavedReframe:
    return SavedReframe(
        id=row.id,
        uid=row.uid,
        text=sealer.open(reframes, "text", row.text, row_of(row.user_id, row.uid)),
        origin=row.origin,
        component=row.component,
        trap=row.trap,
        belief_before=row.belief_before,
        belief_after=row.belief_after,
        created_at=at_offset(row.created_at, row.utc_offset_s),
    )


# --- analyses ------------------------------------------------------------------


def replace_analysis(
    conn: Connection, user_id: int, entry_id: int, analysis: StoredAnalysis
) -> None:
    """Keep ``analysis`` as the entry's one analysis, replacing any earlier one."""
    delete_analysis(conn, user_id, entry_id)
    conn.execute(
        insert(entry_analyses), _analysis_row(sealer_of(conn), user_id, entry_id, analysis)
    )


def delete_analysis(conn: Connection, user_id: int, entry_id: int) -> None:
    conn.execute(
        delete(entry_analyses).where(
            entry_analyses.c.entry_id == entry_id, entry_analyses.c.user_id == user_id
        )
    )


def entries_needing_analysis(conn: Connection, user_id: int, model_version: str) -> list[int]:
    """Entries with no analysis, or one made by another model version, oldest first."""
    query = (
        select(journal_entries.c.id)
        .select_from(
            journal_entries.outerjoin(
                entry_analyses, entry_analyses.c.entry_id == journal_entries.c.id
            )
        )
        .where(
            journal_entries.c.user_id == user_id,
            or_(
                entry_analyses.c.id.is_(None),
                entry_analyses.c.model_version != model_version,
            ),
        )
        .order_by(journal_entries.c.created_at, journal_entries.c.id)
    )
    return [int(i) for i in conn.execute(query).scalars()]


# --- trap feedback and reframes -----------------------------------------------


def set_trap_feedback(conn: Connection, user_id: int, entry_id: int, item: TrapFeedback) -> None:
    """Keep the person's word on one trap for this entry (a later word replaces an earlier one)."""
    conn.execute(
        delete(trap_feedback).where(
            trap_feedback.c.entry_id == entry_id,
            trap_feedback.c.user_id == user_id,
            trap_feedback.c.trap == item.trap,
        )
    )
    conn.execute(insert(trap_feedback), _feedback_row(user_id, entry_id, item))


def insert_reframe(conn: Connection, user_id: int, entry_id: int, item: SavedReframe) -> int:
    result = conn.execute(insert(reframes), _reframe_row(sealer_of(conn), user_id, entry_id, item))
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def existing_reframe_uids(conn: Connection, user_id: int, uids: Iterable[str]) -> set[str]:
    """Which of ``uids`` this person already has among their reframes."""
    return uids_in(conn, reframes, user_id, uids)


# --- whole reflections ---------------------------------------------------------


def load_reflections(
    conn: Connection, user_id: int, entry_ids: Sequence[int]
) -> dict[int, Reflection]:
    """Each entry's analysis, feedback and reframes (in the order they were kept)."""
    sealer = sealer_of(conn)
    analyses: dict[int, StoredAnalysis] = {}
    feedback: dict[int, list[TrapFeedback]] = defaultdict(list)
    kept: dict[int, list[SavedReframe]] = defaultdict(list)
    # Chunked so a very long journal never exceeds SQLite's bound-parameter limit.
    for start in range(0, len(entry_ids), _CHUNK):
        chunk = list(entry_ids[start : start + _CHUNK])
        for row in conn.execute(
            select(entry_analyses).where(
                entry_analyses.c.user_id == user_id, entry_analyses.c.entry_id.in_(chunk)
            )
        ):
            analyses[row.entry_id] = _analysis_of(sealer, row)
        for row in conn.execute(
            select(trap_feedback)
            .where(trap_feedback.c.user_id == user_id, trap_feedback.c.entry_id.in_(chunk))
            .order_by(trap_feedback.c.id)
        ):
            feedback[row.entry_id].append(
                TrapFeedback(
                    trap=row.trap,
                    verdict=row.verdict,
                    created_at=at_offset(row.created_at, row.utc_offset_s),
                )
            )
        for row in conn.execute(
            select(reframes)
            .where(reframes.c.user_id == user_id, reframes.c.entry_id.in_(chunk))
            .order_by(reframes.c.id)
        ):
            kept[row.entry_id].append(_reframe_of(sealer, row))
    return {
        entry_id: Reflection(
            analysis=analyses.get(entry_id),
            trap_feedback=tuple(feedback[entry_id]),
            reframes=tuple(kept[entry_id]),
        )
        for entry_id in entry_ids
    }


def insert_reflections(
    conn: Connection, user_id: int, items: Sequence[tuple[int, Reflection]]
) -> None:
    """Store imported reflections in bulk, each under its (new) entry id."""
    sealer = sealer_of(conn)
    analysis_rows = [
        _analysis_row(sealer, user_id, entry_id, r.analysis) for entry_id, r in items if r.analysis
    ]
    feedback_rows = [
        _feedback_row(user_id, entry_id, f) for entry_id, r in items for f in r.trap_feedback
    ]
    reframe_rows = [
        _reframe_row(sealer, user_id, entry_id, item)
        for entry_id, r in items
        for item in r.reframes
    ]
    for table, rows in (
        (entry_analyses, analysis_rows),
        (trap_feedback, feedback_rows),
        (reframes, reframe_rows),
    ):
        if rows:
            conn.execute(insert(table), rows)


def forget_reflections(conn: Connection, user_id: int) -> None:
    """Delete every analysis, piece of feedback and reframe this person has kept."""
    for table in (reframes, trap_feedback, entry_analyses):
        conn.execute(delete(table).where(table.c.user_id == user_id))
