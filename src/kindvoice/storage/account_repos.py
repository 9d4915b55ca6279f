"""Hosted accounts, signed-in browsers, failed sign-ins and preferences (migration 0007).

Like every repository, each function takes an open connection; the service decides the
transaction. Tokens and keys arrive here already hashed.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, delete, func, insert, select, update

from kindvoice.storage.repos import offset_seconds
from kindvoice.storage.schema import accounts, login_failures, preferences, users, web_sessions


def create_account(
    conn: Connection, uid: str, login: str, password_hash: str, now: datetime
) -> int:
    """A new person (not the local one) with their account; returns their user id."""
    result = conn.execute(
        insert(users).values(
            uid=uid, is_local=False, created_at=now, utc_offset_s=offset_seconds(now)
        )
    )
    user_id = int(result.inserted_primary_key[0])  # type: ignore[index]
    conn.execute(
        insert(accounts).values(
            user_id=user_id, login=login, password_hash=password_hash, created_at=now
        )
    )
    return user_id


def login_taken(conn: Connection, login: str) -> bool:
    found = conn.execute(select(accounts.c.user_id).where(accounts.c.login == login)).first()
    return found is not None


def find_account(conn: Connection, login: str) -> tuple[int, str] | None:
    """(user id, password hash) for a login, or None."""
    row = conn.execute(
        select(accounts.c.user_id, accounts.c.password_hash).where(accounts.c.login == login)
    ).first()
    return None if row is None else (int(row.user_id), str(row.password_hash))


def account_login(conn: Connection, user_id: int) -> str | None:
    return conn.execute(select(accounts.c.login).where(accounts.c.user_id == user_id)).scalar()


def password_hash_of(conn: Connection, user_id: int) -> str | None:
    return conn.execute(
        select(accounts.c.password_hash).where(accounts.c.user_id == user_id)
    ).scalar()


def set_password_hash(conn: Connection, user_id: int, password_hash: str) -> None:
    conn.execute(
        update(accounts).where(accounts.c.user_id == user_id).values(password_hash=password_hash)
    )


def delete_account(conn: Connection, user_id: int) -> None:
    """The account, its sessions and preferences (the user row goes with forget_user_data)."""
    conn.execute(delete(web_sessions).where(web_sessions.c.user_id == user_id))
    conn.execute(delete(preferences).where(preferences.c.user_id == user_id))
    conn.execute(delete(accounts).where(accounts.c.user_id == user_id))


# --- signed-in browsers ----------------------------------------------------------


def insert_session(conn: Connection, token_hash: str, user_id: int, now: datetime) -> None:
    conn.execute(
        insert(web_sessions).values(
            token_hash=token_hash, user_id=user_id, created_at=now, last_seen_at=now
        )
    )


def find_session(conn: Connection, token_hash: str) -> tuple[int, datetime, datetime] | None:
    """(user id, created at, last seen at) of a session, or None."""
    row = conn.execute(
        select(
            web_sessions.c.user_id, web_sessions.c.created_at, web_sessions.c.last_seen_at
        ).where(web_sessions.c.token_hash == token_hash)
    ).first()
    if row is None:
        return None
    return int(row.user_id), row.created_at, row.last_seen_at


def touch_session(conn: Connection, token_hash: str, now: datetime) -> None:
    conn.execute(
        update(web_sessions).where(web_sessions.c.token_hash == token_hash).values(last_seen_at=now)
    )


def delete_session(conn: Connection, token_hash: str) -> None:
    conn.execute(delete(web_sessions).where(web_sessions.c.token_hash == token_hash))


def delete_sessions_of(conn: Connection, user_id: int) -> None:
    conn.execute(delete(web_sessions).where(web_sessions.c.user_id == user_id))


def delete_sessions_before(conn: Connection, cutoff: datetime) -> int:
    result = conn.execute(delete(web_sessions).where(web_sessions.c.last_seen_at < cutoff))
    return int(result.rowcount or 0)


# --- failed sign-ins -------------------------------------------------------------


def record_login_failure(conn: Connection, login_key: str, client_key: str, now: datetime) -> None:
    conn.execute(insert(login_failures).values(login_key=login_key, client_key=client_key, at=now))


def count_login_failures(
    conn: Connection, since: datetime, login_key: str | None = None, client_key: str | None = None
) -> tuple[int, datetime | None]:
    """How many failures since ``since`` for a login (or a client), and the oldest one's time."""
    query = select(func.count(), func.min(login_failures.c.at)).where(login_failures.c.at >= since)
    if login_key is not None:
        query = query.where(login_failures.c.login_key == login_key)
    if client_key is not None:
        query = query.where(login_failures.c.client_key == client_key)
    number, oldest = conn.execute(query).one()
    return int(number), oldest


def clear_login_failures(conn: Connection, login_key: str) -> None:
    conn.execute(delete(login_failures).where(login_failures.c.login_key == login_key))


def prune_login_failures(conn: Connection, before: datetime) -> None:
    conn.execute(delete(login_failures).where(login_failures.c.at < before))


# --- preferences -----------------------------------------------------------------


def get_preferences(conn: Connection, user_id: int) -> dict[str, str]:
    rows = conn.execute(
        select(preferences.c.name, preferences.c.value).where(preferences.c.user_id == user_id)
    )
    return {str(row.name): str(row.value) for row in rows}


def set_preference(conn: Connection, user_id: int, name: str, value: str | None) -> None:
    """Keep one preference (None removes it, so the default applies again)."""
    conn.execute(
        delete(preferences).where(preferences.c.user_id == user_id, preferences.c.name == name)
    )
    if value is not None:
        conn.execute(insert(preferences).values(user_id=user_id, name=name, value=value))
