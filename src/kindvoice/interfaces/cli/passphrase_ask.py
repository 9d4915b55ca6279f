"""Getting the passphrase in the terminal: the command, the keyring, or a hidden prompt.

The order is always the same: ``KINDVOICE_PASSPHRASE_COMMAND`` when it is set, then the
OS keyring when the person chose it, then a hidden prompt when someone is at the
keyboard. Without any of them a locked journal stays closed, with a note saying how to
open it. The passphrase is held in memory only for as long as the key takes to make.
"""

from __future__ import annotations

from dataclasses import replace

from kindvoice.core.errors import VaultError
from kindvoice.interfaces import messages as m
from kindvoice.interfaces.cli import render
from kindvoice.services import passphrase as sources
from kindvoice.storage.sealing import MAX_TRIES, AskPassphrase, VaultRecord, open_with


def _prompt(label: str, *, confirm: bool = False) -> str:
    import click

    value: str = click.prompt(
        label,
        hide_input=True,
        confirmation_prompt=m.say("vault.ask_again") if confirm else False,
        show_default=False,
    )
    return value


def ask(record: VaultRecord, attempt: int, wrong: bool) -> str:
    """The CLI's way to ask for the passphrase of a locked journal (see module notes): the
    sources that need no one (``passphrase.ask_without_prompt``), then the prompt."""
    try:
        return sources.ask_without_prompt(record, attempt, wrong)
    except VaultError as error:
        if error.code != "vault_locked" or not render.is_interactive():
            raise
    if wrong:
        render.note_err(m.say("vault.wrong_try_again", left=MAX_TRIES - attempt + 1))
    elif attempt == 1:
        render.note_err(m.say("vault.is_locked"))
    return _prompt(m.say("vault.ask"))


def asker() -> AskPassphrase:
    return ask


def current_passphrase(record: VaultRecord, *, keyring: bool = True) -> str:
    """Ask (up to three times) until a passphrase opens ``record``; return that passphrase.
    ``keyring=False`` leaves a remembered passphrase out (when remembering it anew)."""
    shown = record if keyring else replace(record, remember=None)
    return open_with(shown, ask)[0]


def new_passphrase(*, changing: bool) -> str:
    """A new passphrase: from ``KINDVOICE_NEW_PASSPHRASE_COMMAND`` when changing it, or
    ``KINDVOICE_PASSPHRASE_COMMAND`` when locking, or else typed twice at a hidden prompt."""
    name = sources.NEW_COMMAND_ENV if changing else sources.COMMAND_ENV
    command = sources.command_of(name=name)
    if command is not None:
        return sources.from_command(command)
    if not render.is_interactive():
        raise VaultError("new_passphrase_needed" if changing else "passphrase_needed")
    return _prompt(m.say("vault.ask_new"), confirm=True)
