"""Program events: the 8-week program's history, one row per thing that happened to it.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from kindvoice.storage.types import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "program_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uid", sa.String(36), nullable=False),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("on_date", sa.Date, nullable=False),
        sa.Column("item", sa.String(10), nullable=True),
        sa.Column("value", sa.String(130), nullable=True),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("utc_offset_s", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_program_events"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], ondelete="CASCADE", name="fk_program_events_user_id_users"
        ),
        sa.UniqueConstraint("user_id", "uid", name="uq_program_events_user_uid"),
        sa.CheckConstraint(
            "kind IN ('start', 'pause', 'resume', 'restart', 'pace', 'swap', 'done', 'skipped', "
            "'streaks')",
            name="ck_program_events_kind_value",
        ),
    )
    op.create_index("ix_program_events_user_on", "program_events", ["user_id", "on_date"])


def downgrade() -> None:
    op.drop_index("ix_program_events_user_on", table_name="program_events")
    op.drop_table("program_events")
