"""Where a passphrase can come from without a prompt: a command, or the OS keyring.

``KINDVOICE_PASSPHRASE_COMMAND`` names a command that prints the passphrase on its first
line (a password manager: ``pass show kindvoice``). It runs without a shell (split like a
shell would); wrap it in ``sh -c '…'`` for pipes. Its output is read into memory only; it is
never written to disk or logs, and errors never repeat it.

The OS keyring (through the ``keyring`` package, an optional extra) is used only after the
person chooses it with ``kindvoice passphrase remember``; the vault row then says so, and
holds nothing but that choice.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Mapping
from typing import Any

from kindvoice.core.errors import VaultError
from kindvoice.services.vault import REMEMBER_KEYRING
from kindvoice.storage.sealing import VaultRecord

COMMAND_ENV = "KINDVOICE_PASSPHRASE_COMMAND"
NEW_COMMAND_ENV = "KINDVOICE_NEW_PASSPHRASE_COMMAND"
KEYRING_SERVICE = "kindvoice"
COMMAND_TIMEOUT_S = 300.0


def command_of(env: Mapping[str, str] | None = None, name: str = COMMAND_ENV) -> str | None:
    value = (os.environ if env is None else env).get(name, "").strip()
    return value or None


def from_command(command: str) -> str:
    """Run the passphrase command and take the first line it prints."""
    try:
        args = shlex.split(command)
    except ValueError as exc:
        raise VaultError("passphrase_command_bad") from exc
    if not args:
        raise VaultError("passphrase_command_bad")
    try:
        done = subprocess.run(args, stdout=subprocess.PIPE, check=False, timeout=COMMAND_TIMEOUT_S)
    except FileNotFoundError as exc:
        raise VaultError("passphrase_command_missing", program=args[0]) from exc
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise VaultError("passphrase_command_failed", status="-") from exc
    if done.returncode != 0:
        raise VaultError("passphrase_command_failed", status=done.returncode)
    try:
        output = done.stdout.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise VaultError("passphrase_command_empty") from exc
    first = output.split("\n", 1)[0].rstrip("\r")
    if not first:
        raise VaultError("passphrase_command_empty")
    return first


def _keyring_user(key_id: str) -> str:
    return f"vault-{key_id}"


def _keyring() -> Any:
    try:
        import keyring
    except ImportError as exc:
        raise VaultError("keyring_missing") from exc
    return keyring


def keyring_get(key_id: str) -> str | None:
    """The remembered passphrase, or None when the keyring has none (or can't be reached)."""
    keyring = _keyring()
    try:
        found = keyring.get_password(KEYRING_SERVICE, _keyring_user(key_id))
    except Exception:
        return None
    return found if isinstance(found, str) and found else None


def keyring_set(key_id: str, passphrase: str) -> None:
    keyring = _keyring()
    try:
        keyring.set_password(KEYRING_SERVICE, _keyring_user(key_id), passphrase)
    except Exception as exc:
        raise VaultError("keyring_unavailable", reason=type(exc).__name__) from exc


def keyring_delete(key_id: str) -> bool:
    """Remove the remembered passphrase. False when there was none to remove."""
    keyring = _keyring()
    try:
        keyring.delete_password(KEYRING_SERVICE, _keyring_user(key_id))
    except Exception:
        return False
    return True


def ask_without_prompt(record: VaultRecord, attempt: int, wrong: bool) -> str:
    """``Keys.ask`` for processes with no one to ask (the web app's workers): the command,
    or the keyring when the person chose it; otherwise the journal stays locked."""
    command = command_of()
    if command is not None:
        if wrong:
            raise VaultError("wrong_passphrase_command")
        return from_command(command)
    if record.remember == REMEMBER_KEYRING and attempt == 1:
        try:
            found = keyring_get(record.key_id)
        except VaultError:  # the keyring package isn't installed here
            found = None
        if found is not None:
            return found
    raise VaultError("vault_locked")
