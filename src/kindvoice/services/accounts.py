"""Hosted accounts: registering, signing in and out, and deleting an account with everything in it.

Only ``kindvoice serve --hosted`` uses this; on a person's own computer there is one local
person and no sign-in. Passwords are hashed with Argon2id (argon2-cffi's defaults, RFC 9106's
second recommended setting: 64 MiB, 3 passes, 4 lanes). Session tokens are random; only their
SHA-256 is stored. Failed sign-ins are counted in the database, so every worker process sees
the same count.
"""

from __future__ import annotations

import hashlib
import secrets
import unicodedata
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING

from kindvoice.core.errors import AuthError, Problem, TooManyAttemptsError, ValidationError
from kindvoice.services.wiring import Context
from kindvoice.storage import account_repos
from kindvoice.storage.database import Database

if TYPE_CHECKING:
    from argon2 import PasswordHasher

MIN_PASSWORD = 10
MAX_PASSWORD = 1024
MAX_LOGIN = 254
MIN_DISTINCT = 5
# Failed sign-ins allowed for one login (or from one address) within the window: the next
# attempt is refused, even with the right password, until the oldest failure ages out.
MAX_FAILURES_PER_LOGIN = 5
MAX_FAILURES_PER_CLIENT = 20
FAILURE_WINDOW = timedelta(minutes=15)
SESSION_IDLE = timedelta(days=14)
SESSION_MAX = timedelta(days=90)
SESSION_TOUCH = timedelta(minutes=5)

# Passwords people pick most often, and patterns of keys; a password made only of these
# (ignoring case, digits and symbols around them) is refused.
_COMMON = frozenset(
    [
        "password",
        "passw0rd",
        "letmein",
        "welcome",
        "qwerty",
        "qwertyuiop",
        "asdfghjkl",
        "zxcvbnm",
        "iloveyou",
        "admin",
        "administrator",
        "monkey",
        "dragon",
        "football",
        "baseball",
        "sunshine",
        "princess",
        "trustno1",
        "master",
        "abc123",
        "abcdef",
        "abcdefgh",
        "123456",
        "1234567",
        "12345678",
        "123456789",
        "1234567890",
        "0123456789",
        "111111",
        "000000",
        "654321",
        "987654321",
        "secret",
        "changeme",
        "kindvoice",
        "selfcompassion",
    ]
)


@cache
def _password_hasher() -> PasswordHasher:
    from argon2 import PasswordHasher, Type

    return PasswordHasher(type=Type.ID)


@dataclass(frozen=True)
class SignedIn:
    """A new session: the token for the cookie (never stored) and whose it is."""

    token: str
    user_id: int


def tidy_login(login: str) -> str:
    """Logins are compared without case and without surrounding spaces."""
    return unicodedata.normalize("NFKC", login).strip().lower()


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def check_password(password: str, login: str) -> list[Problem]:
    """Every reason a new password is too easy to guess (empty list when it's fine)."""
    problems: list[Problem] = []
    if len(password) < MIN_PASSWORD:
        problems.append(Problem("password", "password_short", {"limit": MIN_PASSWORD}))
    elif len(password) > MAX_PASSWORD:
        problems.append(Problem("password", "password_long", {"limit": MAX_PASSWORD}))
    folded = password.lower()
    core = "".join(ch for ch in folded if ch.isalpha())
    if folded in _COMMON or (core and core in _COMMON) or folded.strip("0123456789!?.") in _COMMON:
        problems.append(Problem("password", "password_common"))
    elif len(set(password)) < MIN_DISTINCT:
        problems.append(Problem("password", "password_repetitive", {"limit": MIN_DISTINCT}))
    name = login.split("@", maxsplit=1)[0]
    if len(name) >= 4 and name in folded:
        problems.append(Problem("password", "password_has_login"))
    return problems


def check_login(login: str) -> list[Problem]:
    if not login:
        return [Problem("login", "login_empty")]
    if len(login) > MAX_LOGIN:
        return [Problem("login", "login_long", {"limit": MAX_LOGIN})]
    if any(ch.isspace() or unicodedata.category(ch)[0] == "C" for ch in login):
        return [Problem("login", "login_spaces")]
    return []


def register(ctx_db: Database, login: str, password: str, now: datetime) -> int:
    """Create an account; returns the new person's user id."""
    login = tidy_login(login)
    problems = check_login(login) + check_password(password, login)
    if problems:
        raise ValidationError(problems)
    password_hash = _password_hasher().hash(password)
    from sqlalchemy.exc import IntegrityError

    try:
        with ctx_db.write() as conn:
            if account_repos.login_taken(conn, login):
                raise ValidationError([Problem("login", "login_taken")])
            return account_repos.create_account(conn, str(uuid.uuid4()), login, password_hash, now)
    except IntegrityError:  # someone took the same login at the same moment
        raise ValidationError([Problem("login", "login_taken")]) from None


def open_session(db: Database, user_id: int, now: datetime) -> SignedIn:
    """A new session for someone who has just proved who they are (as when registering)."""
    token = secrets.token_urlsafe(32)
    with db.write() as conn:
        account_repos.insert_session(conn, _key(token), user_id, now)
    return SignedIn(token=token, user_id=user_id)


def _check_throttle(db: Database, login_key: str, client_key: str, now: datetime) -> None:
    since = now - FAILURE_WINDOW
    with db.read() as conn:
        by_login, oldest_login = account_repos.count_login_failures(
            conn, since, login_key=login_key
        )
        by_client, oldest_client = account_repos.count_login_failures(
            conn, since, client_key=client_key
        )
    for number, limit, oldest in (
        (by_login, MAX_FAILURES_PER_LOGIN, oldest_login),
        (by_client, MAX_FAILURES_PER_CLIENT, oldest_client),
    ):
        if number >= limit and oldest is not None:
            wait = max(1, int((oldest + FAILURE_WINDOW - now).total_seconds()) + 1)
            raise TooManyAttemptsError(retry_after=wait, minutes=max(1, -(-wait // 60)))


def sign_in(db: Database, login: str, password: str, client: str, now: datetime) -> SignedIn:
    """Check a login and password; a new session on success.

    After ``MAX_FAILURES_PER_LOGIN`` failures for one login within ``FAILURE_WINDOW`` (or
    ``MAX_FAILURES_PER_CLIENT`` from one address) every attempt is refused with
    ``TooManyAttemptsError`` until the oldest failure ages out, so guessing stays slow.
    """
    from argon2.exceptions import InvalidHashError, VerificationError

    login = tidy_login(login)
    login_key, client_key = _key(login), _key(client)
    _check_throttle(db, login_key, client_key, now)
    with db.read() as conn:
        found = account_repos.find_account(conn, login) if login else None
    hasher = _password_hasher()
    ok = False
    if found is None:
        # Spend the same effort as a real check, so timing doesn't reveal which logins exist.
        hasher.hash(password or "-")
    else:
        try:
            ok = hasher.verify(found[1], password)
        except (VerificationError, InvalidHashError):
            ok = False
    if not ok or found is None:
        with db.write() as conn:
            account_repos.record_login_failure(conn, login_key, client_key, now)
            account_repos.prune_login_failures(conn, now - FAILURE_WINDOW * 4)
        raise AuthError()
    user_id = found[0]
    with db.write() as conn:
        account_repos.clear_login_failures(conn, login_key)
        if hasher.check_needs_rehash(found[1]):
            account_repos.set_password_hash(conn, user_id, hasher.hash(password))
    return open_session(db, user_id, now)


def session_user(db: Database, token: str, now: datetime) -> int | None:
    """Whose session this token is, or None when it is unknown or has ended."""
    if not token or len(token) > 200:
        return None
    token_hash = _key(token)
    with db.read() as conn:
        found = account_repos.find_session(conn, token_hash)
    if found is None:
        return None
    user_id, created, last_seen = found
    if now - last_seen > SESSION_IDLE or now - created > SESSION_MAX:
        with db.write() as conn:
            account_repos.delete_session(conn, token_hash)
        return None
    if now - last_seen > SESSION_TOUCH:
        with db.write() as conn:
            account_repos.touch_session(conn, token_hash, now)
    return user_id


def sign_out(db: Database, token: str) -> None:
    with db.write() as conn:
        account_repos.delete_session(conn, _key(token))


def login_of(ctx: Context) -> str | None:
    with ctx.db.read() as conn:
        return account_repos.account_login(conn, ctx.user_id)


def delete_account(ctx: Context, password: str) -> dict[str, int]:
    """Delete this person's account and everything they kept, after checking their password;
    then take them out of every backup kindvoice made (everyone else's data stays there)."""
    from argon2.exceptions import InvalidHashError, VerificationError

    from kindvoice.services import account

    now = ctx.clock.now()
    with ctx.db.read() as conn:
        stored = account_repos.password_hash_of(conn, ctx.user_id)
        login = account_repos.account_login(conn, ctx.user_id)
    if stored is None or login is None:
        raise AuthError()
    # Wrong passwords here count like failed sign-ins, so a borrowed session can't guess.
    login_key, client_key = _key(login), _key(f"delete:{ctx.user_id}")
    _check_throttle(ctx.db, login_key, client_key, now)
    try:
        _password_hasher().verify(stored, password)
    except (VerificationError, InvalidHashError):
        with ctx.db.write() as conn:
            account_repos.record_login_failure(conn, login_key, client_key, now)
        raise AuthError() from None
    from kindvoice.services import backups
    from kindvoice.storage import snapshot

    with ctx.db.write() as conn:
        uid = snapshot.user_uid(conn, ctx.user_id)
        counts = account.forget_in(conn, ctx.user_id)
    ctx.db.compact()
    if uid is not None:
        backups.scrub_person(ctx.home, uid)
    return counts


def preferences(ctx: Context) -> dict[str, str]:
    with ctx.db.read() as conn:
        return account_repos.get_preferences(conn, ctx.user_id)


def set_preferences(ctx: Context, values: dict[str, str | None]) -> dict[str, str]:
    """Keep several preferences in one transaction; returns them all."""
    with ctx.db.write() as conn:
        for name, value in values.items():
            account_repos.set_preference(conn, ctx.user_id, name, value)
        return account_repos.get_preferences(conn, ctx.user_id)
