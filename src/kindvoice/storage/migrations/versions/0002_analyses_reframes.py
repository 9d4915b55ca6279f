"""Analyses of entries, the person's feedback on thinking traps, and their reframes.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from kindvoice.storage.types import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _owners(table: str) -> list[sa.Constraint]:
    """The two foreign keys every table here has: the entry and the person."""
    return [
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["journal_entries.id"],
            ondelete="CASCADE",
            name=f"fk_{table}_entry_id_journal_entries",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], ondelete="CASCADE", name=f"fk_{table}_user_id_users"
        ),
    ]


def upgrade() -> None:
    op.create_table(
        "entry_analyses",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("entry_id", sa.Integer, nullable=False),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("model_version", sa.String(80), nullable=False),
        sa.Column("crisis_level", sa.String(10), nullable=False),
        sa.Column("crisis_cue", sa.Text, nullable=False, server_default=""),
        sa.Column("critic_probability", sa.Float, nullable=False),
        sa.Column("is_self_critical", sa.Boolean, nullable=False),
        sa.Column("traps_json", sa.Text, nullable=False),
        sa.Column("spans_json", sa.Text, nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("utc_offset_s", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_entry_analyses"),
        *_owners("entry_analyses"),
        sa.UniqueConstraint("entry_id", name="uq_entry_analyses_entry_id"),
        sa.CheckConstraint(
            "crisis_level IN ('none', 'concern', 'urgent')",
            name="ck_entry_analyses_crisis_level_value",
        ),
    )
    op.create_index("ix_entry_analyses_user_model", "entry_analyses", ["user_id", "model_version"])
    op.create_table(
        "trap_feedback",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("entry_id", sa.Integer, nullable=False),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("trap", sa.String(40), nullable=False),
        sa.Column("verdict", sa.String(10), nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("utc_offset_s", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_trap_feedback"),
        *_owners("trap_feedback"),
        sa.UniqueConstraint("entry_id", "trap", name="uq_trap_feedback_entry_trap"),
        sa.CheckConstraint(
            "verdict IN ('confirmed', 'rejected', 'added')", name="ck_trap_feedback_verdict_value"
        ),
    )
    op.create_table(
        "reframes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uid", sa.String(36), nullable=False),
        sa.Column("entry_id", sa.Integer, nullable=False),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("origin", sa.String(10), nullable=False),
        sa.Column("component", sa.String(20), nullable=True),
        sa.Column("trap", sa.String(40), nullable=True),
        sa.Column("belief_before", sa.SmallInteger, nullable=True),
        sa.Column("belief_after", sa.SmallInteger, nullable=True),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("utc_offset_s", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_reframes"),
        *_owners("reframes"),
        sa.UniqueConstraint("user_id", "uid", name="uq_reframes_user_uid"),
        sa.CheckConstraint(
            "origin IN ('own', 'suggested', 'edited')", name="ck_reframes_origin_value"
        ),
        sa.CheckConstraint(
            "belief_before BETWEEN 0 AND 100", name="ck_reframes_belief_before_range"
        ),
        sa.CheckConstraint("belief_after BETWEEN 0 AND 100", name="ck_reframes_belief_after_range"),
    )
    op.create_index("ix_reframes_entry_id", "reframes", ["entry_id"])


def downgrade() -> None:
    op.drop_table("reframes")
    op.drop_table("trap_feedback")
    op.drop_table("entry_analyses")
