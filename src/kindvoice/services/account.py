"""The person's account: what is kept where, and forgetting everything."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from sqlalchemy import Connection

from kindvoice.core.config import Settings
from kindvoice.core.errors import KindvoiceError, VaultError
from kindvoice.services.wiring import Context
from kindvoice.storage import (
    account_repos,
    assessment_repos,
    practice_repos,
    program_repos,
    reframing_repos,
    repos,
    sealing,
)

CONFIRM_WORD = "forget"


@dataclass(frozen=True)
class Summary:
    """Where kindvoice keeps things and how much is there."""

    home: str
    database: str
    schema_version: str | None
    entries: int
    checkins: int
    practice_runs: int
    locked: bool
    backups: int


def summary(ctx: Context, settings: Settings) -> Summary:
    """What `kindvoice info` shows."""
    from kindvoice.services import backups

    with ctx.db.read() as conn:
        counts = repos.count_rows(conn, ctx.user_id)
        locked = sealing.read_vault(conn) is not None
    return Summary(
        home=str(settings.home),
        database=ctx.db.describe(),
        schema_version=ctx.db.current_revision(),
        entries=counts["entries"],
        checkins=counts["checkins"],
        practice_runs=counts["practice_runs"],
        locked=locked,
        backups=len(backups.all_backups(ctx.home)),
    )


def forget_everything(ctx: Context, confirmation: str) -> dict[str, int]:
    """Delete every entry (with its analysis, trap feedback and reframes), check-in,
    practice run, program event, questionnaire result and the profile, after the person
    typed the confirm word; then every backup kindvoice made (in every folder it used). When no
    private text is left in the database, the vault row (the wrapped key) goes as well.

    On SQLite the file is then compacted, so deleted words do not linger on disk.
    """
    from kindvoice.services import backups

    if confirmation.strip().lower() != CONFIRM_WORD:
        raise KindvoiceError("forget_not_confirmed", word=CONFIRM_WORD)
    with ctx.db.write() as conn:
        counts = forget_in(conn, ctx.user_id)
        # Nothing left to protect: the wrapped key goes too (never with others' words left).
        removed = sealing.delete_vault_if_unused(conn)
    if removed is not None:
        ctx.db.keys.forget()
        if removed.remember:
            from kindvoice.services import passphrase

            with contextlib.suppress(VaultError):  # no keyring to reach: nothing kept there
                passphrase.keyring_delete(removed.key_id)
    ctx.db.compact()
    backups.erase_all(ctx.home)
    return counts


def forget_in(conn: Connection, user_id: int) -> dict[str, int]:
    """Delete everything one person kept, inside the caller's transaction (the hosted
    account deletion uses it too, so an account and its data go together or not at all)."""
    reframing_repos.forget_reflections(conn, user_id)
    runs = practice_repos.forget_practice_runs(conn, user_id)
    events = program_repos.forget_program_events(conn, user_id)
    results = assessment_repos.forget_assessments(conn, user_id)
    account_repos.delete_account(conn, user_id)
    counts = repos.forget_user_data(conn, user_id)
    return {**counts, "practice_runs": runs, "program_events": events, "assessments": results}
