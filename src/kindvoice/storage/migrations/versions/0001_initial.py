"""Users, journal entries with feelings and tags, check-ins, full-text search.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from kindvoice.storage.types import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

FTS_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS journal_fts USING fts5("
    "situation, thought, tags, emotions, "
    "tokenize = 'porter unicode61 remove_diacritics 2')"
)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uid", sa.String(36), nullable=False),
        sa.Column("display_name", sa.String(200), nullable=False, server_default=""),
        sa.Column("is_local", sa.Boolean, nullable=False, server_default="0"),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("utc_offset_s", sa.Integer, nullable=False, server_default="0"),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("uid", name="uq_users_uid"),
    )
    op.create_table(
        "journal_entries",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uid", sa.String(36), nullable=False),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("situation", sa.Text, nullable=False, server_default=""),
        sa.Column("thought", sa.Text, nullable=False),
        sa.Column("source", sa.String(40), nullable=False, server_default="kindvoice"),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("updated_at", UTCDateTime, nullable=False),
        sa.Column("utc_offset_s", sa.Integer, nullable=False),
        sa.Column("updated_offset_s", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_journal_entries"),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            ondelete="CASCADE",
            name="fk_journal_entries_user_id_users",
        ),
        sa.UniqueConstraint("user_id", "uid", name="uq_journal_entries_user_uid"),
    )
    op.create_index("ix_journal_entries_user_created", "journal_entries", ["user_id", "created_at"])
    for table in ("entry_emotions", "entry_tags"):
        value_columns = (
            [
                sa.Column("name", sa.String(60), nullable=False),
                sa.Column("intensity", sa.SmallInteger, nullable=False),
            ]
            if table == "entry_emotions"
            else [sa.Column("tag", sa.String(60), nullable=False)]
        )
        extra: list[sa.Constraint] = (
            [
                sa.CheckConstraint(
                    "intensity BETWEEN 0 AND 100", name="ck_entry_emotions_intensity_range"
                )
            ]
            if table == "entry_emotions"
            else [sa.UniqueConstraint("entry_id", "tag", name="uq_entry_tags_entry_tag")]
        )
        op.create_table(
            table,
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("entry_id", sa.Integer, nullable=False),
            sa.Column("user_id", sa.Integer, nullable=False),
            sa.Column("position", sa.SmallInteger, nullable=False),
            *value_columns,
            sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
            sa.ForeignKeyConstraint(
                ["entry_id"],
                ["journal_entries.id"],
                ondelete="CASCADE",
                name=f"fk_{table}_entry_id_journal_entries",
            ),
            sa.ForeignKeyConstraint(
                ["user_id"], ["users.id"], ondelete="CASCADE", name=f"fk_{table}_user_id_users"
            ),
            *extra,
        )
        op.create_index(f"ix_{table}_entry_id", table, ["entry_id"])
    op.create_index("ix_entry_tags_user_tag", "entry_tags", ["user_id", "tag"])
    op.create_table(
        "checkins",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uid", sa.String(36), nullable=False),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("utc_offset_s", sa.Integer, nullable=False),
        sa.Column("mood", sa.SmallInteger, nullable=False),
        sa.Column("stress", sa.SmallInteger, nullable=False),
        sa.Column("critic", sa.SmallInteger, nullable=False),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("id", name="pk_checkins"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], ondelete="CASCADE", name="fk_checkins_user_id_users"
        ),
        sa.CheckConstraint("mood BETWEEN 0 AND 10", name="ck_checkins_mood_range"),
        sa.CheckConstraint("stress BETWEEN 0 AND 10", name="ck_checkins_stress_range"),
        sa.CheckConstraint("critic BETWEEN 0 AND 10", name="ck_checkins_critic_range"),
        sa.UniqueConstraint("user_id", "uid", name="uq_checkins_user_uid"),
    )
    op.create_index("ix_checkins_user_created", "checkins", ["user_id", "created_at"])
    if op.get_bind().dialect.name == "sqlite":
        op.execute(FTS_CREATE)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS journal_fts")
    op.drop_table("checkins")
    op.drop_table("entry_tags")
    op.drop_table("entry_emotions")
    op.drop_table("journal_entries")
    op.drop_table("users")
