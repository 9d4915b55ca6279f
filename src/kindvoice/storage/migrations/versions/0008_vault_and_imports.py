"""Encryption at rest (the vault) and imports from other apps (check-ins with mood only).

The ``vault`` table holds at most one row: how the data key is wrapped by the passphrase
(Argon2id parameters, the random salt, the wrapped key). Check-ins imported from Daylio
carry a mood but no stress or inner-critic rating, so those two become optional.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from kindvoice.storage.types import UTCDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "vault",
        sa.Column("id", sa.Integer, nullable=False),
        sa.Column("version", sa.SmallInteger, nullable=False),
        sa.Column("key_id", sa.String(32), nullable=False),
        sa.Column("kdf", sa.String(20), nullable=False),
        sa.Column("kdf_time_cost", sa.Integer, nullable=False),
        sa.Column("kdf_memory_kib", sa.Integer, nullable=False),
        sa.Column("kdf_parallelism", sa.Integer, nullable=False),
        sa.Column("salt", sa.String(64), nullable=False),
        sa.Column("wrapped_key", sa.Text, nullable=False),
        sa.Column("remember", sa.String(20), nullable=True),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("changed_at", UTCDateTime, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_vault"),
        sa.CheckConstraint("id = 1", name=op.f("ck_vault_one_row")),
    )
    with op.batch_alter_table("checkins") as batch:
        batch.alter_column("stress", existing_type=sa.SmallInteger, nullable=True)
        batch.alter_column("critic", existing_type=sa.SmallInteger, nullable=True)


def downgrade() -> None:
    op.execute("DELETE FROM checkins WHERE stress IS NULL OR critic IS NULL")
    with op.batch_alter_table("checkins") as batch:
        batch.alter_column("stress", existing_type=sa.SmallInteger, nullable=False)
        batch.alter_column("critic", existing_type=sa.SmallInteger, nullable=False)
    op.drop_table("vault")
