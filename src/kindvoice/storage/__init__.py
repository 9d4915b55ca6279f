"""Storage: tables, migrations and repositories (SQLAlchemy Core)."""
