"""The kindvoice error family.

Every error carries a stable ``code``; interfaces turn codes into kind words
(see ``kindvoice.interfaces.messages``) and exit codes or HTTP statuses. Errors
never print themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One thing wrong with some input: where it is, what it is, and details."""

    location: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)


class KindvoiceError(Exception):
    """Base of every error kindvoice raises on purpose."""

    code = "error"

    def __init__(self, code: str | None = None, **params: Any) -> None:
        self.code = code or type(self).code
        self.params = params
        super().__init__(f"{self.code}: {params}" if params else self.code)


class ValidationError(KindvoiceError):
    """Input that kindvoice cannot keep as it is. Holds every problem found."""

    code = "invalid_input"

    def __init__(self, problems: list[Problem], code: str | None = None) -> None:
        self.problems = list(problems)
        super().__init__(code, count=len(self.problems))


class NotFoundError(KindvoiceError):
    """The thing asked for does not exist (for this user)."""

    code = "not_found"


class ImportFileError(KindvoiceError):
    """An import file that could not be read at all (not JSON, not UTF-8, ...)."""

    code = "import_unreadable"


class StorageError(KindvoiceError):
    """The database could not be opened or used."""

    code = "storage_unavailable"


class ConfigError(KindvoiceError):
    """A setting has a value kindvoice cannot use."""

    code = "bad_setting"


class AuthError(KindvoiceError):
    """Signing in didn't work (the login or password didn't match, or the session ended)."""

    code = "sign_in_failed"


class TooManyAttemptsError(KindvoiceError):
    """Too many failed sign-ins in a short time; ``retry_after`` says when to try again."""

    code = "too_many_attempts"


class VaultError(KindvoiceError):
    """Encryption at rest: the journal is locked, the passphrase didn't open it, or a piece of
    encrypted text has been changed or damaged since it was written."""

    code = "vault_locked"
