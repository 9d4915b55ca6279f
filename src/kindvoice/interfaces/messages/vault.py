"""Encryption at rest: `lock`, `unlock`, `passphrase`.

Part of the one catalog in ``messages/__init__.py``; see its voice notes. Each dict joins its
namesake there (``MESSAGES``, ``HELP``, ``ERRORS``, ``PROBLEMS``), refusing a key defined twice.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "vault.ask": "Passphrase",
    "vault.ask_new": "New passphrase",
    "vault.ask_again": "The same passphrase again, to be sure",
    "vault.is_locked": "Your journal is locked. Type your passphrase to open it (nothing shows as you type).",
    "vault.wrong_try_again": "That passphrase didn't open it. Take your time and try again ({left} tries left).",
    "vault.lock_intro": (
        "Choose a passphrase: a few words only you know. Keep a copy somewhere safe, such as a "
        "password manager. If it's lost, no one can open what you wrote, not even kindvoice."
    ),
    "vault.locking": "Locking",
    "vault.unlocking": "Unlocking",
    "vault.locked": "Your journal is locked: {pieces} now encrypted.",
    "vault.locked_after": (
        "From now on kindvoice asks for the passphrase when it needs your words. "
        "Exports stay readable, so keep them somewhere private."
    ),
    "vault.already_locked": "Your journal is already locked. To choose a new passphrase: kindvoice passphrase change",
    "vault.not_locked": "Your journal isn't locked, so there's nothing to unlock. To lock it: kindvoice lock",
    "vault.old_backups": (
        "The {count} backups made before now are not encrypted. They're in {folders}. "
        "You could delete them and make a fresh one with: kindvoice backup"
    ),
    "vault.unlock_ask": "Your words will be stored unencrypted again. Unlock?",
    "vault.unlock_kept": "Nothing changed. Your journal is still locked.",
    "vault.unlocked": "Your journal is unlocked: {pieces} stored as plain text again.",
    "vault.keyring_left": "The passphrase may still be in your keyring. You can remove it there yourself.",
    "vault.changed": "Your passphrase is changed. Everything you wrote opens with the new one.",
    "vault.changed_same_key": (
        "Older copies, such as backups, still open with the old passphrase. If you think someone "
        "learned it, kindvoice passphrase change --rekey also gives your words a new key."
    ),
    "vault.rekeying": "Encrypting again",
    "vault.rekeyed": (
        "Your passphrase is changed, and {pieces} are encrypted again under a new key. "
        "Nothing the old passphrase opens can read them now."
    ),
    "vault.remembered": "Your passphrase is kept in your computer's keyring, so kindvoice won't ask for it here.",
    "info.locked": "Locked (encrypted at rest)",
    "info.locked_yes": "yes: your words are encrypted under your passphrase",
    "info.locked_no": "no (kindvoice lock encrypts your words)",
    "restore.now_plain": (
        "This backup was made while your journal wasn't locked, so your words are stored as plain "
        "text again. To encrypt them: kindvoice lock"
    ),
    "restore.now_locked": (
        "This backup was made while your journal was locked: kindvoice will ask for the "
        "passphrase you had then."
    ),
    "vault.not_remembered": "kindvoice no longer keeps your passphrase in the keyring. It will ask when it needs it.",
}

HELP: dict[str, str] = {
    "lock": "Encrypt what you've written (entries, reframes, notes, letters) under a passphrase.",
    "lock.remember": "Also keep the passphrase in your computer's keyring, so this computer opens your journal without asking.",
    "unlock": "Decrypt everything again, so kindvoice stops asking for the passphrase.",
    "unlock.yes": "Unlock without asking to confirm.",
    "passphrase": "Change the passphrase, or keep it in your computer's keyring.",
    "passphrase.change": "Choose a new passphrase. Only the key is re-wrapped; your words stay as they are.",
    "passphrase.rekey": "Also encrypt everything again under a new key, so the old passphrase opens nothing here (takes about as long as a lock).",
    "passphrase.remember": "Keep the passphrase in your computer's keyring (you choose this; it's off unless you do).",
    "passphrase.forget_remembered": "Remove the passphrase from your computer's keyring. kindvoice will ask for it again.",
}

ERRORS: dict[str, str] = {
    "vault_locked": (
        "Your journal is locked, and there's no way to ask for the passphrase here. "
        "Run the command in a terminal, or set KINDVOICE_PASSPHRASE_COMMAND to a command that prints it. "
        "Nothing was changed."
    ),
    "wrong_passphrase": "That passphrase didn't open your journal. Nothing was changed. Take your time and try again.",
    "wrong_passphrase_command": (
        "The passphrase from KINDVOICE_PASSPHRASE_COMMAND didn't open your journal. "
        "Nothing was changed. Could you check what that command prints?"
    ),
    "vault_damaged": (
        "Some encrypted text ({where}) can't be read: it has been changed or damaged since it was written. "
        "Nothing was changed. A backup may help: kindvoice restore"
    ),
    "vault_version": (
        "Some encrypted text ({where}) uses a format this version of kindvoice doesn't know (version {version}). "
        "A newer kindvoice can open it. Nothing was changed."
    ),
    "vault_other_key": (
        "Some encrypted text ({where}) was locked with a different passphrase key than this journal's. "
        "It may come from another copy. Nothing was changed."
    ),
    "already_locked": "Your journal is already locked. Nothing was changed.",
    "not_locked": "Your journal isn't locked. To lock it: kindvoice lock",
    "vault_changed": "The lock changed while this was running, maybe in another window. Nothing was changed. Please try again.",
    "passphrase_needed": (
        "To lock your journal, kindvoice needs a passphrase. Run this in a terminal to type one, "
        "or set KINDVOICE_PASSPHRASE_COMMAND. Nothing was changed."
    ),
    "new_passphrase_needed": (
        "To change the passphrase, kindvoice needs the new one. Run this in a terminal to type it, "
        "or set KINDVOICE_NEW_PASSPHRASE_COMMAND. Nothing was changed."
    ),
    "passphrase_command_bad": "kindvoice couldn't read KINDVOICE_PASSPHRASE_COMMAND as a command. Could you check its quotes?",
    "passphrase_command_missing": "kindvoice couldn't find the program {program} named in the passphrase command. Nothing was changed.",
    "passphrase_command_failed": "The passphrase command stopped with an error (exit status {status}). Nothing was changed.",
    "passphrase_command_empty": "The passphrase command printed nothing kindvoice could use. Nothing was changed.",
    "keyring_missing": (
        "Keeping the passphrase in the keyring needs the keyring package: "
        "pip install 'kindvoice[keyring]'. Nothing was changed."
    ),
    "keyring_unavailable": "kindvoice couldn't reach your computer's keyring ({reason}). Nothing was changed.",
    "unlock_confirm_needed": "To unlock without being asked, add --yes. Nothing was changed.",
}

PROBLEMS: dict[str, str] = {
    "passphrase_too_short": "a passphrase needs at least {limit} characters. A few words you'll remember work well.",
    "passphrase_too_long": "this is longer than kindvoice takes for a passphrase ({limit:,} characters at most).",
    "passphrase_spaces": "a passphrase can't start or end with a space, or hold a line break, so it types the same way every time.",
}
