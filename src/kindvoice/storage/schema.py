"""Tables. Every table but ``users`` carries ``user_id``; the local person is one row.

Journal entries have an integer ``id`` (what people type) and a ``uid`` that
stays the same across export and import. Later features attach to an entry by
``entry_id`` with ``ON DELETE CASCADE`` (analyses, reframes, practice runs), so
deleting an entry takes everything about it along.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from kindvoice.storage.types import UTCDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("uid", String(36), nullable=False, unique=True),
    Column("display_name", String(200), nullable=False, server_default=""),
    Column("is_local", Boolean, nullable=False, server_default="0"),
    Column("created_at", UTCDateTime, nullable=False),
    Column("utc_offset_s", Integer, nullable=False, server_default="0"),
)


def _user_id() -> Column[int]:
    return Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False)


journal_entries = Table(
    "journal_entries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("uid", String(36), nullable=False),
    _user_id(),
    Column("situation", Text, nullable=False, server_default=""),
    Column("thought", Text, nullable=False),
    Column("source", String(40), nullable=False, server_default="kindvoice"),
    Column("created_at", UTCDateTime, nullable=False),
    Column("updated_at", UTCDateTime, nullable=False),
    Column("utc_offset_s", Integer, nullable=False),
    Column("updated_offset_s", Integer, nullable=False),
    UniqueConstraint("user_id", "uid", name="uq_journal_entries_user_uid"),
    Index("ix_journal_entries_user_created", "user_id", "created_at"),
)

entry_emotions = Table(
    "entry_emotions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "entry_id",
        Integer,
        ForeignKey("journal_entries.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    _user_id(),
    Column("position", SmallInteger, nullable=False),
    Column("name", String(60), nullable=False),
    Column("intensity", SmallInteger, nullable=False),
    CheckConstraint("intensity BETWEEN 0 AND 100", name="intensity_range"),
)

entry_tags = Table(
    "entry_tags",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "entry_id",
        Integer,
        ForeignKey("journal_entries.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    _user_id(),
    Column("position", SmallInteger, nullable=False),
    Column("tag", String(60), nullable=False),
    UniqueConstraint("entry_id", "tag", name="uq_entry_tags_entry_tag"),
    Index("ix_entry_tags_user_tag", "user_id", "tag"),
)

checkins = Table(
    "checkins",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("uid", String(36), nullable=False),
    _user_id(),
    Column("created_at", UTCDateTime, nullable=False),
    Column("utc_offset_s", Integer, nullable=False),
    Column("mood", SmallInteger, nullable=False),
    Column("stress", SmallInteger, nullable=False),
    Column("critic", SmallInteger, nullable=False),
    Column("note", Text, nullable=False, server_default=""),
    CheckConstraint("mood BETWEEN 0 AND 10", name="mood_range"),
    CheckConstraint("stress BETWEEN 0 AND 10", name="stress_range"),
    CheckConstraint("critic BETWEEN 0 AND 10", name="critic_range"),
    UniqueConstraint("user_id", "uid", name="uq_checkins_user_uid"),
    Index("ix_checkins_user_created", "user_id", "created_at"),
)

# SQLite only: the full-text index of entries (rowid = journal_entries.id),
# kept in step by the repository inside the same transaction.
FTS_TABLE = "journal_fts"
FTS_CREATE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
    "situation, thought, tags, emotions, "
    "tokenize = 'porter unicode61 remove_diacritics 2')"
)


def is_managed_name(name: str | None, type_: str, _parent: object = None) -> bool:
    """For Alembic's autogenerate: FTS5 and its shadow tables are made by hand, not by metadata."""
    return not (type_ == "table" and name is not None and name.startswith(FTS_TABLE))
