"""Searching a locked journal, and rebuilding the full-text index after unlocking.

While the journal is locked the full-text index stays empty (it would hold every word in
plain text), so search opens each entry's words in memory instead: slower on very long
journals, but nothing readable is ever written down. Matching follows PostgreSQL's search:
every word must appear, case-insensitively, in the situation, the thought, a tag or a
feeling's name.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Connection, select, text

from kindvoice.storage.schema import FTS_TABLE, entry_emotions, entry_tags, journal_entries
from kindvoice.storage.sealing import row_of, sealer_of

_BATCH = 1000


def _labels(conn: Connection, user_id: int) -> dict[int, str]:
    """Each entry's tags and feeling names, folded for matching."""
    labels: dict[int, list[str]] = defaultdict(list)
    for entry_id, tag in conn.execute(
        select(entry_tags.c.entry_id, entry_tags.c.tag).where(entry_tags.c.user_id == user_id)
    ):
        labels[entry_id].append(tag)
    for entry_id, name in conn.execute(
        select(entry_emotions.c.entry_id, entry_emotions.c.name).where(
            entry_emotions.c.user_id == user_id
        )
    ):
        labels[entry_id].append(name)
    return {entry_id: "\n".join(words).casefold() for entry_id, words in labels.items()}


def search_sealed(conn: Connection, user_id: int, words: list[str], limit: int) -> list[int]:
    """Ids of the newest entries holding every word, newest first, at most ``limit``."""
    sealer = sealer_of(conn)
    wanted = [w.casefold() for w in words]
    labels = _labels(conn, user_id)
    found: list[int] = []
    query = (
        select(
            journal_entries.c.id,
            journal_entries.c.uid,
            journal_entries.c.situation,
            journal_entries.c.thought,
        )
        .where(journal_entries.c.user_id == user_id)
        .order_by(journal_entries.c.created_at.desc(), journal_entries.c.id.desc())
    )
    result = conn.execute(query.execution_options(yield_per=_BATCH))
    try:
        for row in result:
            haystack = "\n".join(
                (
                    sealer.open(
                        journal_entries, "situation", row.situation, row_of(user_id, row.uid)
                    ),
                    sealer.open(journal_entries, "thought", row.thought, row_of(user_id, row.uid)),
                    labels.get(row.id, ""),
                )
            ).casefold()
            if all(word in haystack for word in wanted):
                found.append(int(row.id))
                if len(found) >= limit:
                    break
    finally:
        result.close()
    return found


def clear_index(conn: Connection) -> None:
    """Empty the full-text index (SQLite), leaving none of its words behind."""
    if conn.dialect.name != "sqlite":
        return
    conn.execute(text(f"DELETE FROM {FTS_TABLE}"))
    conn.execute(text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')"))


def rebuild_index(conn: Connection) -> None:
    """Fill the full-text index again from every entry's plain words (SQLite; after unlocking)."""
    if conn.dialect.name != "sqlite":
        return
    clear_index(conn)
    tags: dict[int, list[str]] = defaultdict(list)
    for entry_id, tag in conn.execute(
        select(entry_tags.c.entry_id, entry_tags.c.tag).order_by(
            entry_tags.c.entry_id, entry_tags.c.position
        )
    ):
        tags[entry_id].append(tag)
    names: dict[int, list[str]] = defaultdict(list)
    for entry_id, name in conn.execute(
        select(entry_emotions.c.entry_id, entry_emotions.c.name).order_by(
            entry_emotions.c.entry_id, entry_emotions.c.position
        )
    ):
        names[entry_id].append(name)
    insert = text(
        f"INSERT INTO {FTS_TABLE} (rowid, situation, thought, tags, emotions) "
        "VALUES (:rowid, :situation, :thought, :tags, :emotions)"
    )
    batch: list[dict[str, object]] = []
    for row in conn.execute(
        select(journal_entries.c.id, journal_entries.c.situation, journal_entries.c.thought)
    ).all():
        batch.append(
            {
                "rowid": row.id,
                "situation": row.situation,
                "thought": row.thought,
                "tags": " ".join(tags[row.id]),
                "emotions": " ".join(names[row.id]),
            }
        )
        if len(batch) >= _BATCH:
            conn.execute(insert, batch)
            batch = []
    if batch:
        conn.execute(insert, batch)
