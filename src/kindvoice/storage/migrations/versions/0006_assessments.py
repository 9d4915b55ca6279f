"""Assessments: each time a person answered a questionnaire, with its answers and scores.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from kindvoice.storage.types import UTCDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uid", sa.String(36), nullable=False),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("instrument", sa.String(60), nullable=False),
        sa.Column("answers_json", sa.Text, nullable=False),
        sa.Column("total", sa.Float, nullable=False),
        sa.Column("subscales_json", sa.Text, nullable=False),
        sa.Column("taken_at", UTCDateTime, nullable=False),
        sa.Column("utc_offset_s", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_assessments"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], ondelete="CASCADE", name="fk_assessments_user_id_users"
        ),
        sa.UniqueConstraint("user_id", "uid", name="uq_assessments_user_uid"),
    )
    op.create_index(
        "ix_assessments_user_instrument_taken",
        "assessments",
        ["user_id", "instrument", "taken_at"],
    )


def downgrade() -> None:
    op.drop_index("ix_assessments_user_instrument_taken", table_name="assessments")
    op.drop_table("assessments")
