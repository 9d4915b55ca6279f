"""`kindvoice lock`, `unlock` and `passphrase`: encryption at rest."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kindvoice.core.errors import KindvoiceError, VaultError
from kindvoice.interfaces import messages as m
from kindvoice.interfaces.cli import render
from kindvoice.interfaces.cli.state import state_of

if TYPE_CHECKING:
    from kindvoice.storage.database import Database
    from kindvoice.storage.sealing import VaultRecord

passphrase_app = typer.Typer(help=m.HELP["passphrase"], no_args_is_help=True)


def lock(
    ctx: typer.Context,
    remember: Annotated[bool, typer.Option("--remember", help=m.HELP["lock.remember"])] = False,
) -> None:
    """Encrypt what you've written, under a passphrase."""
    from kindvoice.interfaces.cli.passphrase_ask import new_passphrase
    from kindvoice.services import passphrase as sources
    from kindvoice.services import vault
    from kindvoice.services.vault import REMEMBER_KEYRING

    context = state_of(ctx).context
    if vault.status(context.db) is not None:
        render.note(m.say("vault.already_locked"))
        return
    if render.is_interactive() and sources.command_of() is None:
        render.paragraph(m.say("vault.lock_intro"))
    chosen = new_passphrase(changing=False)
    with render.progress_bar(m.say("vault.locking")) as progress:
        report = vault.lock(context.db, chosen, context.clock, progress=progress)
    render.info(m.say("vault.locked", pieces=m.count(report.total, "private_text")))
    render.note(m.say("vault.locked_after"))
    if remember:
        record = vault.status(context.db)
        assert record is not None
        sources.keyring_set(record.key_id, chosen)
        vault.set_remember(context.db, REMEMBER_KEYRING)
        render.note(m.say("vault.remembered"))
    _old_backups_note(context.home)


def _old_backups_note(home: Path | None) -> None:
    """Backups made before locking still hold plain text: say where, once."""
    from kindvoice.interfaces.cli.backup_cmds import note_backups

    note_backups(home, "vault.old_backups")


def unlock(
    ctx: typer.Context,
    yes: Annotated[bool, typer.Option("--yes", "-y", help=m.HELP["unlock.yes"])] = False,
) -> None:
    """Decrypt everything again and stop asking for the passphrase."""
    from kindvoice.interfaces.cli.passphrase_ask import current_passphrase
    from kindvoice.services import passphrase as sources
    from kindvoice.services import vault
    from kindvoice.services.vault import REMEMBER_KEYRING

    context = state_of(ctx).context
    record = vault.status(context.db)
    if record is None:
        render.note(m.say("vault.not_locked"))
        return
    if not yes:
        if not render.is_interactive():
            raise KindvoiceError("unlock_confirm_needed")
        if not typer.confirm(m.say("vault.unlock_ask"), default=False):
            render.note(m.say("vault.unlock_kept"))
            return
    passphrase = current_passphrase(record)
    with render.progress_bar(m.say("vault.unlocking")) as progress:
        report, removed = vault.unlock(context.db, passphrase, progress=progress)
    if removed.remember == REMEMBER_KEYRING:
        try:
            sources.keyring_delete(removed.key_id)
        except VaultError:
            render.note(m.say("vault.keyring_left"))
    render.info(m.say("vault.unlocked", pieces=m.count(report.total, "private_text")))


@passphrase_app.command("change", help=m.HELP["passphrase.change"])
def change(
    ctx: typer.Context,
    rekey: Annotated[bool, typer.Option("--rekey", help=m.HELP["passphrase.rekey"])] = False,
) -> None:
    from kindvoice.interfaces.cli.passphrase_ask import current_passphrase, new_passphrase
    from kindvoice.services import passphrase as sources
    from kindvoice.services import vault
    from kindvoice.services.vault import REMEMBER_KEYRING

    context = state_of(ctx).context
    record = _locked(context.db)
    old = current_passphrase(record)
    new = new_passphrase(changing=True)
    if rekey:
        with render.progress_bar(m.say("vault.rekeying")) as progress:
            report = vault.rekey(context.db, old, new, context.clock, progress=progress)
        changed = vault.status(context.db)
        assert changed is not None
    else:
        changed = vault.change_passphrase(context.db, old, new, context.clock)
    if changed.remember == REMEMBER_KEYRING:
        sources.keyring_set(changed.key_id, new)
        if changed.key_id != record.key_id:
            with contextlib.suppress(VaultError):
                sources.keyring_delete(record.key_id)
    if rekey:
        render.info(m.say("vault.rekeyed", pieces=m.count(report.total, "private_text")))
    else:
        render.info(m.say("vault.changed"))
        render.note(m.say("vault.changed_same_key"))


@passphrase_app.command("remember", help=m.HELP["passphrase.remember"])
def remember(ctx: typer.Context) -> None:
    from kindvoice.interfaces.cli.passphrase_ask import current_passphrase
    from kindvoice.services import passphrase as sources
    from kindvoice.services import vault
    from kindvoice.services.vault import REMEMBER_KEYRING

    context = state_of(ctx).context
    record = _locked(context.db)
    passphrase = current_passphrase(record, keyring=False)
    sources.keyring_set(record.key_id, passphrase)
    vault.set_remember(context.db, REMEMBER_KEYRING)
    render.info(m.say("vault.remembered"))


@passphrase_app.command("forget-remembered", help=m.HELP["passphrase.forget_remembered"])
def forget_remembered(ctx: typer.Context) -> None:
    from kindvoice.services import passphrase as sources
    from kindvoice.services import vault

    context = state_of(ctx).context
    record = _locked(context.db)
    with contextlib.suppress(VaultError):  # no keyring here at all: nothing to remove
        sources.keyring_delete(record.key_id)
    if record.remember is not None:
        vault.set_remember(context.db, None)
    render.info(m.say("vault.not_remembered"))


def _locked(db: Database) -> VaultRecord:
    """The vault row; when the journal isn't locked, a kind error saying how to lock it."""
    from kindvoice.services import vault

    record = vault.status(db)
    if record is None:
        raise VaultError("not_locked")
    return record
