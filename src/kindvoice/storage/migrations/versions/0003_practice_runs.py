"""Practice runs: each breathing, guided or writing practice a person did.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from kindvoice.storage.types import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

RATINGS = ("stress_before", "stress_after", "kindness_before", "kindness_after")


def upgrade() -> None:
    op.create_table(
        "practice_runs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("uid", sa.String(36), nullable=False),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("practice", sa.String(60), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("pattern", sa.String(160), nullable=True),
        sa.Column("planned_s", sa.Float, nullable=False),
        sa.Column("actual_s", sa.Float, nullable=False),
        sa.Column("completed", sa.Boolean, nullable=False),
        *(sa.Column(name, sa.SmallInteger, nullable=True) for name in RATINGS),
        sa.Column("entry_id", sa.Integer, nullable=True),
        sa.Column("started_at", UTCDateTime, nullable=False),
        sa.Column("utc_offset_s", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_practice_runs"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], ondelete="CASCADE", name="fk_practice_runs_user_id_users"
        ),
        # The run outlives the entry it was saved to: deleting the entry unlinks it.
        sa.ForeignKeyConstraint(
            ["entry_id"],
            ["journal_entries.id"],
            ondelete="SET NULL",
            name="fk_practice_runs_entry_id_journal_entries",
        ),
        sa.UniqueConstraint("user_id", "uid", name="uq_practice_runs_user_uid"),
        sa.CheckConstraint(
            "kind IN ('breathing', 'guided', 'writing')", name="ck_practice_runs_kind_value"
        ),
        sa.CheckConstraint(
            "planned_s BETWEEN 0 AND 10800", name="ck_practice_runs_planned_s_range"
        ),
        sa.CheckConstraint("actual_s BETWEEN 0 AND 10800", name="ck_practice_runs_actual_s_range"),
        *(
            sa.CheckConstraint(f"{name} BETWEEN 0 AND 10", name=f"ck_practice_runs_{name}_range")
            for name in RATINGS
        ),
    )
    op.create_index("ix_practice_runs_user_started", "practice_runs", ["user_id", "started_at"])
    op.create_index("ix_practice_runs_entry_id", "practice_runs", ["entry_id"])


def downgrade() -> None:
    op.drop_index("ix_practice_runs_entry_id", table_name="practice_runs")
    op.drop_index("ix_practice_runs_user_started", table_name="practice_runs")
    op.drop_table("practice_runs")
