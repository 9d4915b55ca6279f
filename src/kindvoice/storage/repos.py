"""Repositories: map domain records to rows and back. Each function takes an
open connection, so the caller (a service) decides the unit of work."""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import (
    Connection,
    Row,
    Table,
    and_,
    delete,
    func,
    insert,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.sql.elements import ColumnElement

from kindvoice.domain.records import CheckIn, Emotion, Entry, EntryDraft, Profile
from kindvoice.storage.schema import (
    FTS_TABLE,
    assessments,
    checkins,
    entry_emotions,
    entry_tags,
    journal_entries,
    practice_runs,
    program_events,
    users,
)
from kindvoice.storage.sealing import row_of, sealer_of

_WORD = re.compile(r"\w+", re.UNICODE)
_PG_LOCAL_USER_LOCK = 0x6B760001


def offset_seconds(moment: datetime) -> int:
    offset = moment.utcoffset()
    if offset is None:
        raise ValueError("moment without a time zone")
    return int(offset.total_seconds())


def at_offset(utc_moment: datetime, seconds: int) -> datetime:
    """Give a stored UTC instant back in the offset it was written in."""
    return utc_moment.astimezone(_zone(seconds))


@functools.lru_cache(maxsize=256)
def _zone(seconds: int) -> timezone:
    """The fixed offset ``seconds`` east of UTC (made once per offset: a journal has few)."""
    return UTC if seconds == 0 else timezone(timedelta(seconds=seconds))


# --- users ------------------------------------------------------------------


def ensure_local_user(conn: Connection, uid: str, now: datetime) -> int:
    """The id of the local person, creating their row on first run."""
    if conn.dialect.name == "postgresql":
        # Read committed would let two first starts both insert; serialise them.
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCAL_USER_LOCK})
    found = conn.execute(
        select(users.c.id).where(users.c.is_local.is_(True)).order_by(users.c.id)
    ).scalar()
    if found is not None:
        return int(found)
    result = conn.execute(
        insert(users).values(
            uid=uid, is_local=True, created_at=now, utc_offset_s=offset_seconds(now)
        )
    )
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def get_profile(conn: Connection, user_id: int) -> Profile:
    row = conn.execute(select(users).where(users.c.id == user_id)).one()
    return Profile(
        uid=row.uid,
        created_at=at_offset(row.created_at, row.utc_offset_s),
        display_name=row.display_name,
    )


# --- journal entries ----------------------------------------------------------


def _fts_row(entry_id: int, draft: EntryDraft) -> dict[str, Any]:
    return {
        "rowid": entry_id,
        "situation": draft.situation,
        "thought": draft.thought,
        "tags": " ".join(draft.tags),
        "emotions": " ".join(e.name for e in draft.emotions),
    }


def _write_children(conn: Connection, user_id: int, entry_id: int, draft: EntryDraft) -> None:
    if draft.emotions:
        conn.execute(
            insert(entry_emotions),
            [
                {
                    "entry_id": entry_id,
                    "user_id": user_id,
                    "position": i,
                    "name": e.name,
                    "intensity": e.intensity,
                }
                for i, e in enumerate(draft.emotions)
            ],
        )
    if draft.tags:
        conn.execute(
            insert(entry_tags),
            [
                {"entry_id": entry_id, "user_id": user_id, "position": i, "tag": tag}
                for i, tag in enumerate(draft.tags)
            ],
        )


def _fts_enabled(conn: Connection) -> bool:
    """Is there a full-text index to keep clear of deleted words (SQLite)?"""
    return conn.dialect.name == "sqlite"


def _fts_indexing(conn: Connection) -> bool:
    """Should new words go into the index? Never while the journal is locked: the index would
    hold them in plain text, so it stays empty and search reads the sealed text instead."""
    return _fts_enabled(conn) and not sealer_of(conn).active


def insert_entries(conn: Connection, user_id: int, entries: Sequence[Entry]) -> list[int]:
    """Store entries (with their feelings and tags) in bulk; returns their new ids in order."""
    if not entries:
        return []
    sealer = sealer_of(conn)
    result = conn.execute(
        insert(journal_entries).returning(journal_entries.c.id, sort_by_parameter_order=True),
        [
            {
                "uid": entry.uid,
                "user_id": user_id,
                "situation": sealer.seal(
                    journal_entries, "situation", entry.situation, row_of(user_id, entry.uid)
                ),
                "thought": sealer.seal(
                    journal_entries, "thought", entry.thought, row_of(user_id, entry.uid)
                ),
                "source": entry.source,
                "created_at": entry.created_at,
                "updated_at": entry.updated_at,
                "utc_offset_s": offset_seconds(entry.created_at),
                "updated_offset_s": offset_seconds(entry.updated_at),
            }
            for entry in entries
        ],
    )
    ids = [int(row[0]) for row in result]
    emotion_rows = [
        {
            "entry_id": entry_id,
            "user_id": user_id,
            "position": i,
            "name": e.name,
            "intensity": e.intensity,
        }
        for entry_id, entry in zip(ids, entries, strict=True)
        for i, e in enumerate(entry.emotions)
    ]
    tag_rows = [
        {"entry_id": entry_id, "user_id": user_id, "position": i, "tag": tag}
        for entry_id, entry in zip(ids, entries, strict=True)
        for i, tag in enumerate(entry.tags)
    ]
    if emotion_rows:
        conn.execute(insert(entry_emotions), emotion_rows)
    if tag_rows:
        conn.execute(insert(entry_tags), tag_rows)
    if _fts_indexing(conn):
        conn.execute(
            text(
                f"INSERT INTO {FTS_TABLE} (rowid, situation, thought, tags, emotions) "
                "VALUES (:rowid, :situation, :thought, :tags, :emotions)"
            ),
            [_fts_row(i, _as_draft(e)) for i, e in zip(ids, entries, strict=True)],
        )
    return ids


def _as_draft(entry: Entry) -> EntryDraft:
    return EntryDraft(
        thought=entry.thought, situation=entry.situation, emotions=entry.emotions, tags=entry.tags
    )


def update_entry(
    conn: Connection, user_id: int, entry_id: int, draft: EntryDraft, now: datetime
) -> bool:
    """Replace an entry's words, feelings and tags. False when there is no such entry."""
    uid = conn.execute(
        select(journal_entries.c.uid).where(
            journal_entries.c.id == entry_id, journal_entries.c.user_id == user_id
        )
    ).scalar()
    if uid is None:
        return False
    sealer, row = sealer_of(conn), row_of(user_id, uid)
    result = conn.execute(
        update(journal_entries)
        .where(journal_entries.c.id == entry_id, journal_entries.c.user_id == user_id)
        .values(
            situation=sealer.seal(journal_entries, "situation", draft.situation, row),
            thought=sealer.seal(journal_entries, "thought", draft.thought, row),
            updated_at=now,
            updated_offset_s=offset_seconds(now),
        )
    )
    if result.rowcount == 0:
        return False
    conn.execute(delete(entry_emotions).where(entry_emotions.c.entry_id == entry_id))
    conn.execute(delete(entry_tags).where(entry_tags.c.entry_id == entry_id))
    _write_children(conn, user_id, entry_id, draft)
    if _fts_indexing(conn):
        conn.execute(text(f"DELETE FROM {FTS_TABLE} WHERE rowid = :id"), {"id": entry_id})
        conn.execute(
            text(
                f"INSERT INTO {FTS_TABLE} (rowid, situation, thought, tags, emotions) "
                "VALUES (:rowid, :situation, :thought, :tags, :emotions)"
            ),
            _fts_row(entry_id, draft),
        )
        _fts_purge(conn)  # so the words an edit removed are gone from the index too
    return True


def delete_entry(conn: Connection, user_id: int, entry_id: int) -> bool:
    result = conn.execute(
        delete(journal_entries).where(
            journal_entries.c.id == entry_id, journal_entries.c.user_id == user_id
        )
    )
    if result.rowcount and _fts_enabled(conn):
        conn.execute(text(f"DELETE FROM {FTS_TABLE} WHERE rowid = :id"), {"id": entry_id})
        _fts_purge(conn)
    return bool(result.rowcount)


def _fts_purge(conn: Connection) -> None:
    """FTS5 only marks deleted rows; merging its segments drops their words for real."""
    conn.execute(text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')"))


def _load_entries(conn: Connection, rows: Sequence[Row[Any]]) -> list[Entry]:
    ids = [row.id for row in rows]
    sealer = sealer_of(conn)
    emotions: dict[int, list[Emotion]] = defaultdict(list)
    tags: dict[int, list[str]] = defaultdict(list)
    # Chunked so a very long journal never exceeds SQLite's bound-parameter limit.
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for e in conn.execute(
            select(entry_emotions.c.entry_id, entry_emotions.c.name, entry_emotions.c.intensity)
            .where(entry_emotions.c.entry_id.in_(chunk))
            .order_by(entry_emotions.c.entry_id, entry_emotions.c.position)
        ):
            emotions[e.entry_id].append(Emotion(e.name, e.intensity))
        for t in conn.execute(
            select(entry_tags.c.entry_id, entry_tags.c.tag)
            .where(entry_tags.c.entry_id.in_(chunk))
            .order_by(entry_tags.c.entry_id, entry_tags.c.position)
        ):
            tags[t.entry_id].append(t.tag)
    return [
        Entry(
            id=row.id,
            uid=row.uid,
            thought=sealer.open(
                journal_entries, "thought", row.thought, row_of(row.user_id, row.uid)
            ),
            situation=sealer.open(
                journal_entries, "situation", row.situation, row_of(row.user_id, row.uid)
            ),
            emotions=tuple(emotions[row.id]),
            tags=tuple(tags[row.id]),
            created_at=at_offset(row.created_at, row.utc_offset_s),
            updated_at=at_offset(row.updated_at, row.updated_offset_s),
            source=row.source,
        )
        for row in rows
    ]


def get_entry(conn: Connection, user_id: int, entry_id: int) -> Entry | None:
    rows = conn.execute(
        select(journal_entries).where(
            journal_entries.c.id == entry_id, journal_entries.c.user_id == user_id
        )
    ).all()
    loaded = _load_entries(conn, rows)
    return loaded[0] if loaded else None


def list_entries(
    conn: Connection,
    user_id: int,
    *,
    limit: int | None = None,
    offset: int = 0,
    tag: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    oldest_first: bool = False,
) -> list[Entry]:
    """Entries, newest first unless asked otherwise, optionally filtered."""
    conditions: list[ColumnElement[bool]] = [journal_entries.c.user_id == user_id]
    if tag:
        conditions.append(
            journal_entries.c.id.in_(
                select(entry_tags.c.entry_id).where(
                    entry_tags.c.user_id == user_id, entry_tags.c.tag == tag
                )
            )
        )
    if since is not None:
        conditions.append(journal_entries.c.created_at >= since)
    if until is not None:
        conditions.append(journal_entries.c.created_at < until)
    order = (
        (journal_entries.c.created_at, journal_entries.c.id)
        if oldest_first
        else (journal_entries.c.created_at.desc(), journal_entries.c.id.desc())
    )
    query = select(journal_entries).where(and_(*conditions)).order_by(*order).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return _load_entries(conn, conn.execute(query).all())


def search_words(query: str) -> list[str]:
    """The words of a search, as full-text search sees them."""
    return _WORD.findall(query)


def search_entries(conn: Connection, user_id: int, query: str, limit: int = 50) -> list[Entry]:
    """Entries whose situation, thought, feelings or tags contain every word of ``query``.

    SQLite uses its FTS5 index (with stemming, so "failing" finds "failed");
    PostgreSQL matches each word case-insensitively with ILIKE.
    """
    words = search_words(query)
    if not words:
        return []
    if sealer_of(conn).active:
        from kindvoice.storage.sealed_search import search_sealed

        found = search_sealed(conn, user_id, words, limit)
        by_id = {
            r.id: r
            for r in conn.execute(select(journal_entries).where(journal_entries.c.id.in_(found)))
        }
        return _load_entries(conn, [by_id[i] for i in found if i in by_id])
    if _fts_enabled(conn):
        match = " ".join('"' + w.replace('"', '""') + '"*' for w in words)
        ids = [
            int(r[0])
            for r in conn.execute(
                text(
                    f"SELECT f.rowid FROM {FTS_TABLE} AS f "
                    "JOIN journal_entries AS j ON j.id = f.rowid "
                    f"WHERE {FTS_TABLE} MATCH :match AND j.user_id = :user "
                    "ORDER BY f.rank, j.created_at DESC LIMIT :limit"
                ),
                {"match": match, "user": user_id, "limit": limit},
            )
        ]
        by_id = {
            r.id: r
            for r in conn.execute(select(journal_entries).where(journal_entries.c.id.in_(ids)))
        }
        return _load_entries(conn, [by_id[i] for i in ids if i in by_id])
    conditions = []
    for word in words:
        pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        conditions.append(
            or_(
                journal_entries.c.thought.ilike(pattern, escape="\\"),
                journal_entries.c.situation.ilike(pattern, escape="\\"),
                journal_entries.c.id.in_(
                    select(entry_tags.c.entry_id).where(
                        entry_tags.c.user_id == user_id,
                        entry_tags.c.tag.ilike(pattern, escape="\\"),
                    )
                ),
                journal_entries.c.id.in_(
                    select(entry_emotions.c.entry_id).where(
                        entry_emotions.c.user_id == user_id,
                        entry_emotions.c.name.ilike(pattern, escape="\\"),
                    )
                ),
            )
        )
    rows = conn.execute(
        select(journal_entries)
        .where(journal_entries.c.user_id == user_id, *conditions)
        .order_by(journal_entries.c.created_at.desc(), journal_entries.c.id.desc())
        .limit(limit)
    ).all()
    return _load_entries(conn, rows)


def uids_in(conn: Connection, table: Table, user_id: int, uids: Iterable[str]) -> set[str]:
    """Which of ``uids`` this person already has in ``table`` (re-imports add nothing).

    Asked in chunks, so a long list never exceeds SQLite's bound-parameter limit.
    """
    found: set[str] = set()
    uid_list = list(uids)
    for start in range(0, len(uid_list), 500):
        chunk = uid_list[start : start + 500]
        found.update(
            conn.execute(
                select(table.c.uid).where(table.c.user_id == user_id, table.c.uid.in_(chunk))
            ).scalars()
        )
    return found


def existing_uids(conn: Connection, user_id: int, table: str, uids: Iterable[str]) -> set[str]:
    """Which of ``uids`` this person already has among entries (``"entries"``) or check-ins."""
    return uids_in(conn, journal_entries if table == "entries" else checkins, user_id, uids)


def count_rows(conn: Connection, user_id: int) -> dict[str, int]:
    def count(table: Any) -> int:
        return int(
            conn.execute(
                select(func.count()).select_from(table).where(table.c.user_id == user_id)
            ).scalar_one()
        )

    return {
        "entries": count(journal_entries),
        "checkins": count(checkins),
        "practice_runs": count(practice_runs),
        "program_events": count(program_events),
        "assessments": count(assessments),
    }


# --- check-ins --------------------------------------------------------------


def insert_checkins(conn: Connection, user_id: int, items: Sequence[CheckIn]) -> list[int]:
    """Store check-ins in bulk; returns their new ids in order."""
    if not items:
        return []
    sealer = sealer_of(conn)
    result = conn.execute(
        insert(checkins).returning(checkins.c.id, sort_by_parameter_order=True),
        [
            {
                "uid": item.uid,
                "user_id": user_id,
                "created_at": item.created_at,
                "utc_offset_s": offset_seconds(item.created_at),
                "mood": item.mood,
                "stress": item.stress,
                "critic": item.critic,
                "note": sealer.seal(checkins, "note", item.note, row_of(user_id, item.uid)),
                "kindness": item.kindness,
            }
            for item in items
        ],
    )
    return [int(row[0]) for row in result]


def list_checkins(
    conn: Connection, user_id: int, *, limit: int | None = None, oldest_first: bool = False
) -> list[CheckIn]:
    order = (
        (checkins.c.created_at, checkins.c.id)
        if oldest_first
        else (checkins.c.created_at.desc(), checkins.c.id.desc())
    )
    query = select(checkins).where(checkins.c.user_id == user_id).order_by(*order)
    if limit is not None:
        query = query.limit(limit)
    sealer = sealer_of(conn)
    return [
        CheckIn(
            id=row.id,
            uid=row.uid,
            created_at=at_offset(row.created_at, row.utc_offset_s),
            mood=row.mood,
            stress=row.stress,
            critic=row.critic,
            note=sealer.open(checkins, "note", row.note, row_of(user_id, row.uid)),
            kindness=row.kindness,
        )
        for row in conn.execute(query)
    ]


# --- forgetting ---------------------------------------------------------------


def forget_user_data(conn: Connection, user_id: int) -> dict[str, int]:
    """Delete everything this person has kept, their user row included.

    Returns how many entries and check-ins were removed.
    """
    counts = count_rows(conn, user_id)
    if _fts_enabled(conn):
        conn.execute(
            text(
                f"DELETE FROM {FTS_TABLE} WHERE rowid IN "
                "(SELECT id FROM journal_entries WHERE user_id = :user)"
            ),
            {"user": user_id},
        )
        _fts_purge(conn)
    conn.execute(delete(entry_emotions).where(entry_emotions.c.user_id == user_id))
    conn.execute(delete(entry_tags).where(entry_tags.c.user_id == user_id))
    conn.execute(delete(journal_entries).where(journal_entries.c.user_id == user_id))
    conn.execute(delete(checkins).where(checkins.c.user_id == user_id))
    conn.execute(delete(users).where(users.c.id == user_id))
    return counts


def profile_uid_taken(conn: Connection, uid: str, user_id: int) -> bool:
    """Does another person (in hosted mode) already have this profile id?"""
    found = conn.execute(
        select(users.c.id).where(users.c.uid == uid, users.c.id != user_id)
    ).first()
    return found is not None


def adopt_profile(conn: Connection, user_id: int, profile: Profile) -> None:
    """Take over an imported profile (used when restoring into an empty journal)."""
    conn.execute(
        update(users)
        .where(users.c.id == user_id)
        .values(
            uid=profile.uid,
            display_name=profile.display_name,
            created_at=profile.created_at,
            utc_offset_s=offset_seconds(profile.created_at),
        )
    )
