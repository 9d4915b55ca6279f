"""Alembic migrations for kindvoice."""
