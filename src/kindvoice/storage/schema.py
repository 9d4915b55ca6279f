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
    Date,
    Float,
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
    Column("stress", SmallInteger, nullable=True),  # optional since 0008 (Daylio imports)
    Column("critic", SmallInteger, nullable=True),
    Column("note", Text, nullable=False, server_default=""),
    Column("kindness", SmallInteger, nullable=True),
    CheckConstraint("mood BETWEEN 0 AND 10", name="mood_range"),
    CheckConstraint("kindness BETWEEN 0 AND 10", name="kindness_range"),
    CheckConstraint("stress BETWEEN 0 AND 10", name="stress_range"),
    CheckConstraint("critic BETWEEN 0 AND 10", name="critic_range"),
    UniqueConstraint("user_id", "uid", name="uq_checkins_user_uid"),
    Index("ix_checkins_user_created", "user_id", "created_at"),
)


def _entry_id(*, index: bool = True, unique: bool = False) -> Column[int]:
    return Column(
        "entry_id",
        Integer,
        ForeignKey("journal_entries.id", ondelete="CASCADE"),
        nullable=False,
        index=index,
        unique=unique,
    )


# What the engine noticed in an entry's thought: one row per entry, replaced
# when the entry is analysed again (for example by a newer model).
entry_analyses = Table(
    "entry_analyses",
    metadata,
    Column("id", Integer, primary_key=True),
    _entry_id(index=False, unique=True),
    _user_id(),
    Column("model_version", String(80), nullable=False),
    Column("crisis_level", String(10), nullable=False),
    Column("crisis_cue", Text, nullable=False, server_default=""),
    Column("critic_probability", Float, nullable=False),
    Column("is_self_critical", Boolean, nullable=False),
    Column("traps_json", Text, nullable=False),  # {"trap": probability, ...}, most likely first
    Column("spans_json", Text, nullable=False),  # [{"start", "end", "sentence"}, ...]
    Column("created_at", UTCDateTime, nullable=False),
    Column("utc_offset_s", Integer, nullable=False),
    CheckConstraint("crisis_level IN ('none', 'concern', 'urgent')", name="crisis_level_value"),
    Index("ix_entry_analyses_user_model", "user_id", "model_version"),
)

# The person's own word on the traps: the best labels kindvoice will ever get.
trap_feedback = Table(
    "trap_feedback",
    metadata,
    Column("id", Integer, primary_key=True),
    _entry_id(index=False),
    _user_id(),
    Column("trap", String(40), nullable=False),
    Column("verdict", String(10), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("utc_offset_s", Integer, nullable=False),
    CheckConstraint("verdict IN ('confirmed', 'rejected', 'added')", name="verdict_value"),
    UniqueConstraint("entry_id", "trap", name="uq_trap_feedback_entry_trap"),
)

# Kinder answers a person kept, with how much they believed the original thought
# before and after answering it.
reframes = Table(
    "reframes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("uid", String(36), nullable=False),
    _entry_id(),
    _user_id(),
    Column("text", Text, nullable=False),
    Column("origin", String(10), nullable=False),
    Column("component", String(20), nullable=True),
    Column("trap", String(40), nullable=True),
    Column("belief_before", SmallInteger, nullable=True),
    Column("belief_after", SmallInteger, nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("utc_offset_s", Integer, nullable=False),
    CheckConstraint("origin IN ('own', 'suggested', 'edited')", name="origin_value"),
    CheckConstraint("belief_before BETWEEN 0 AND 100", name="belief_before_range"),
    CheckConstraint("belief_after BETWEEN 0 AND 100", name="belief_after_range"),
    UniqueConstraint("user_id", "uid", name="uq_reframes_user_uid"),
)

# Each time a person did a practice (breathing, guided or writing), with how
# stressed and how kind to themselves they felt before and after (0–10, when
# they said). A writing practice may name the entry its text was saved to; the
# run outlives that entry (SET NULL), since the practice itself still happened.
practice_runs = Table(
    "practice_runs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("uid", String(36), nullable=False),
    _user_id(),
    Column("practice", String(60), nullable=False),
    Column("kind", String(10), nullable=False),
    Column("pattern", String(160), nullable=True),
    Column("planned_s", Float, nullable=False),
    Column("actual_s", Float, nullable=False),
    Column("completed", Boolean, nullable=False),
    Column("stress_before", SmallInteger, nullable=True),
    Column("stress_after", SmallInteger, nullable=True),
    Column("kindness_before", SmallInteger, nullable=True),
    Column("kindness_after", SmallInteger, nullable=True),
    Column(
        "entry_id",
        Integer,
        ForeignKey("journal_entries.id", ondelete="SET NULL"),
        nullable=True,
        index=True,
    ),
    Column("started_at", UTCDateTime, nullable=False),
    Column("utc_offset_s", Integer, nullable=False),
    CheckConstraint("kind IN ('breathing', 'guided', 'writing')", name="kind_value"),
    CheckConstraint("planned_s BETWEEN 0 AND 10800", name="planned_s_range"),
    CheckConstraint("actual_s BETWEEN 0 AND 10800", name="actual_s_range"),
    CheckConstraint("stress_before BETWEEN 0 AND 10", name="stress_before_range"),
    CheckConstraint("stress_after BETWEEN 0 AND 10", name="stress_after_range"),
    CheckConstraint("kindness_before BETWEEN 0 AND 10", name="kindness_before_range"),
    CheckConstraint("kindness_after BETWEEN 0 AND 10", name="kindness_after_range"),
    UniqueConstraint("user_id", "uid", name="uq_practice_runs_user_uid"),
    Index("ix_practice_runs_user_started", "user_id", "started_at"),
)

# The 8-week program's history: one row per thing that happened to it (started,
# paused, a day marked done, ...), on the person's own calendar date. The program's
# state is worked out from these and from what the person did; it is never stored.
program_events = Table(
    "program_events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("uid", String(36), nullable=False),
    _user_id(),
    Column("kind", String(10), nullable=False),
    Column("on_date", Date, nullable=False),
    Column("item", String(10), nullable=True),
    Column("value", String(130), nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("utc_offset_s", Integer, nullable=False),
    CheckConstraint(
        "kind IN ('start', 'pause', 'resume', 'restart', 'pace', 'swap', 'done', 'skipped', "
        "'streaks')",
        name="kind_value",
    ),
    UniqueConstraint("user_id", "uid", name="uq_program_events_user_uid"),
    Index("ix_program_events_user_on", "user_id", "on_date"),
)

# Each time a person answered a questionnaire (an instrument): the answers as
# given ({"1": 3, ...}) and the scores as worked out then ({"subscale": score, ...}
# in the instrument's order), so a later change to an instrument file never
# rewrites a past result. ``instrument`` is the instrument's id; it may name a
# person's own instrument file that isn't on this computer.
assessments = Table(
    "assessments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("uid", String(36), nullable=False),
    _user_id(),
    Column("instrument", String(60), nullable=False),
    Column("answers_json", Text, nullable=False),
    Column("total", Float, nullable=False),
    Column("subscales_json", Text, nullable=False),
    Column("taken_at", UTCDateTime, nullable=False),
    Column("utc_offset_s", Integer, nullable=False),
    UniqueConstraint("user_id", "uid", name="uq_assessments_user_uid"),
    Index("ix_assessments_user_instrument_taken", "user_id", "instrument", "taken_at"),
)

# --- the web app (migration 0007) ----------------------------------------------
# A hosted account: how a person signs in. The local person has no account.
# ``login`` is kept lower-cased; ``password_hash`` is an Argon2id PHC string.
accounts = Table(
    "accounts",
    metadata,
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("login", String(254), nullable=False, unique=True),
    Column("password_hash", String(255), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)

# A signed-in browser. Only the SHA-256 of the cookie's token is kept, so a copy of the
# database can't be used to sign in.
web_sessions = Table(
    "web_sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    _user_id(),
    Column("created_at", UTCDateTime, nullable=False),
    Column("last_seen_at", UTCDateTime, nullable=False),
    Index("ix_web_sessions_user_id", "user_id"),
)

# Recent failed sign-ins, for slowing down guessing. Both keys are SHA-256 hashes (of the
# lower-cased login and of the client address), so no address or login is kept in clear.
login_failures = Table(
    "login_failures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("login_key", String(64), nullable=False),
    Column("client_key", String(64), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Index("ix_login_failures_login_at", "login_key", "at"),
    Index("ix_login_failures_client_at", "client_key", "at"),
)

# A person's choices in the web app (crisis-line country, voice, theme), by name.
preferences = Table(
    "preferences",
    metadata,
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("name", String(40), primary_key=True),
    Column("value", String(200), nullable=False),
)

# --- encryption at rest (migration 0008) -----------------------------------------
# At most one row: the data key, wrapped (AES-256-GCM) by a key derived from the passphrase
# with Argon2id under these parameters and this random salt. No row: nothing is encrypted.
# ``remember`` is "keyring" when the person chose to keep the passphrase in the OS keyring.
vault = Table(
    "vault",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("version", SmallInteger, nullable=False),
    Column("key_id", String(32), nullable=False),
    Column("kdf", String(20), nullable=False),
    Column("kdf_time_cost", Integer, nullable=False),
    Column("kdf_memory_kib", Integer, nullable=False),
    Column("kdf_parallelism", Integer, nullable=False),
    Column("salt", String(64), nullable=False),
    Column("wrapped_key", Text, nullable=False),
    Column("remember", String(20), nullable=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("changed_at", UTCDateTime, nullable=False),
    CheckConstraint("id = 1", name="one_row"),
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
