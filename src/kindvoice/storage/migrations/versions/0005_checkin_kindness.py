"""Check-ins gain an optional self-kindness rating (0–10).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("checkins") as batch:
        batch.add_column(sa.Column("kindness", sa.SmallInteger, nullable=True))
        batch.create_check_constraint(
            op.f("ck_checkins_kindness_range"), "kindness BETWEEN 0 AND 10"
        )


def downgrade() -> None:
    with op.batch_alter_table("checkins") as batch:
        batch.drop_constraint(op.f("ck_checkins_kindness_range"), type_="check")
        batch.drop_column("kindness")
