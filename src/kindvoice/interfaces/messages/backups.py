"""Backups: `backup`, `restore`, and the automatic ones.

Part of the one catalog in ``messages/__init__.py``; see its voice notes. Each dict joins its
namesake there (``MESSAGES``, ``HELP``, ``ERRORS``, ``PROBLEMS``), refusing a key defined twice.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "info.backups": "Backups kindvoice made",
    "backup.done": "Your backup is saved: {path} ({size}).",
    "backup.kept": "{folder} now holds {count} of your own backups. kindvoice keeps the newest {keep} and removes older ones.",
    "backup.encrypted_note": "Your journal is locked, so the words in this backup stay encrypted too.",
    "restore.about": "This backup is from {created}. It holds {entries} and {checkins}.",
    "restore.about_undated": "This backup holds {entries} and {checkins}.",
    "restore.warning": "Bringing it back replaces everything in your journal now. kindvoice saves a copy of what's there first.",
    "restore.ask": "Bring this backup back?",
    "restore.kept": "Okay, nothing was changed.",
    "restore.done": "Your journal is back as it was in the backup.",
    "restore.previous": "A copy of what was there before is saved at {path}.",
    "forget.backups_too": "The backups kindvoice made are deleted too ({count} in {folders}).",
    "size.bytes": "{value} bytes",
    "size.kb": "{value} KB",
    "size.mb": "{value} MB",
    "size.gb": "{value} GB",
}

HELP: dict[str, str] = {
    "backup": "Save a consistent copy of everything kindvoice keeps, and keep the last few.",
    "restore": "Bring back a backup. It's checked first, and your current data stays until it's done.",
    "backup.to": "The folder to save it in (kindvoice's own backups folder if you leave this out).",
    "backup.keep": "How many of your own backups to keep in that folder; older ones are removed.",
    "restore.file": "The backup file to bring back.",
}

ERRORS: dict[str, str] = {
    "backup_failed": "kindvoice couldn't save a backup in {path} ({reason}). Nothing was changed.",
    "backup_check_failed": "The backup kindvoice made didn't pass its own check ({reason}), so it wasn't kept. Nothing was changed.",
    "backup_not_folder": "{path} isn't a folder, so the backup can't go there. Nothing was changed.",
    "backup_needs_folder": "kindvoice doesn't have a data folder here to keep backups in. Adding --to FOLDER will work.",
    "backup_bad_keep": "kindvoice keeps at least one backup, so --keep needs a number from 1 up ({keep} won't work).",
    "backup_no_schema": "There's nothing to back up yet: this database doesn't hold a kindvoice journal.",
    "backup_missing": "There's no file at {path}. Nothing was changed.",
    "backup_is_folder": "{path} is a folder. kindvoice needs the backup file itself, like kindvoice-backup-20260101-090000.sqlite3. Nothing was changed.",
    "backup_unreadable": "kindvoice couldn't read {path} ({reason}). Nothing was changed.",
    "backup_empty": "{path} is empty, so there's nothing to bring back. Nothing was changed.",
    "backup_binary": "{path} doesn't look like a kindvoice backup. Nothing was changed.",
    "backup_not_json": "{path} doesn't look like a kindvoice backup: it isn't a database copy, and it isn't readable JSON. Nothing was changed.",
    "backup_truncated": "{path} seems to stop part-way through. Perhaps it was cut off while copying. Nothing was changed.",
    "backup_damaged": "{path} is damaged, so kindvoice can't bring it back ({reason}). Nothing was changed.",
    "backup_not_kindvoice": "{path} isn't a kindvoice backup, or parts of it are missing. Nothing was changed.",
    "backup_checksum": "{path} has changed since kindvoice wrote it (its checksum doesn't match), so it isn't safe to bring back. Nothing was changed.",
    "backup_too_new": "{path} comes from a newer kindvoice (version {revision} of the journal). Updating kindvoice will let you bring it back. Nothing was changed.",
    "backup_wrong_kind": "{path} is a backup of a {kind} journal, and this journal is kept another way, so it can't go back here. Nothing was changed.",
    "restore_failed": "kindvoice couldn't bring the backup back ({reason}). Your journal is as it was before.",
}

PROBLEMS: dict[str, str] = {}
