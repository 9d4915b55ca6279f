"""Backups: a consistent copy of everything, the last few kept, and bringing one back.

A backup is one file in a folder (``<home>/backups`` unless ``--to`` says otherwise):
``kindvoice-backup-YYYYMMDD-HHMMSS[-N][-reason].sqlite3`` for SQLite (the online backup API)
or ``.json`` for PostgreSQL (every table as stored). Values are copied as stored, so text
encrypted at rest stays encrypted in the copy. Automatic backups carry their reason
(``migration``, ``import``, ``restore``); the last ``keep`` of each kind are kept in a folder,
counted separately, so a busy week of imports never pushes out a backup the person made.

Every folder a backup went to is noted in ``<home>/backup-places.json`` (folder paths only),
so forgetting everything can remove every backup, and deleting a hosted account can take
that person out of each one.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kindvoice.core.errors import ImportFileError, KindvoiceError
from kindvoice.services.files import os_reason, write_atomically
from kindvoice.services.wiring import Context
from kindvoice.storage import snapshot
from kindvoice.storage.database import HEAD_REVISION, Database

BACKUP_FOLDER = "backups"
PLACES_FILE = "backup-places.json"
DEFAULT_KEEP = 10
REASONS = ("migration", "import", "restore")
PREFIX = "kindvoice-backup-"
_NAME = re.compile(
    r"^kindvoice-backup-(\d{8})-(\d{6})(?:-(\d+))?(?:-(migration|import|restore))?"
    r"\.(sqlite3|json)$"
)
_SIDE_FILES = ("-journal", "-wal", "-shm")
_TEMP_PREFIX = "." + PREFIX
_TEMP_SUFFIX = ".partial"


@dataclass(frozen=True)
class Backup:
    """A backup just made: where, how big, and how many of its kind the folder keeps now."""

    path: Path
    size: int
    kept: int
    keep: int
    removed: tuple[Path, ...] = ()
    # The journal is locked: its words are encrypted in the copy too.
    encrypted: bool = False


@dataclass(frozen=True)
class BackupFacts:
    """What a checked backup holds."""

    path: Path
    kind: str  # "sqlite" or "json"
    revision: str
    created: datetime | None
    entries: int
    checkins: int


@dataclass(frozen=True)
class Restored:
    facts: BackupFacts
    # The automatic backup of what was there before (None when there was nothing to keep).
    previous: Path | None


# --- making backups ---------------------------------------------------------------


def default_folder(home: Path) -> Path:
    return home / BACKUP_FOLDER


def make_backup(ctx: Context, to: Path | None = None, keep: int = DEFAULT_KEEP) -> Backup:
    """`kindvoice backup`: a consistent copy into ``to`` (or ``<home>/backups``)."""
    if keep < 1:
        raise KindvoiceError("backup_bad_keep", keep=keep)
    if to is None:
        if ctx.home is None:
            raise KindvoiceError("backup_needs_folder")
        to = default_folder(ctx.home)
    return _make(ctx.db, to, ctx.home, ctx.clock.now(), None, keep)


def automatic_backup(db: Database, home: Path | None, reason: str) -> Path | None:
    """A backup into ``<home>/backups`` before something risky ("migration", "import",
    "restore"). None when there is nothing worth keeping: no home, no database yet, no schema
    yet, or nothing a person wrote. Raises (and so stops the risky step) if it can't be made."""
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    if home is None or not snapshot.worth_keeping(db):
        return None
    now = datetime.now().astimezone()
    return _make(db, default_folder(home), home, now, reason, DEFAULT_KEEP).path


def migrate_with_backup(db: Database, home: Path | None) -> Path | None:
    """Bring the schema up to date, backing up first when an existing journal will change."""
    made = None
    if db.current_revision() not in (None, HEAD_REVISION):
        made = automatic_backup(db, home, "migration")
    db.migrate()
    return made


def _make(
    db: Database, folder: Path, home: Path | None, now: datetime, reason: str | None, keep: int
) -> Backup:
    _prepare_folder(folder)
    if home is not None:
        _remember(home, folder)
    suffix = ".sqlite3" if db.dialect == "sqlite" else ".json"
    try:
        descriptor, name = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=_TEMP_SUFFIX, dir=folder)
    except OSError as exc:
        raise KindvoiceError("backup_failed", path=str(folder), reason=os_reason(exc)) from exc
    temporary = Path(name)
    try:
        if suffix == ".sqlite3":
            os.close(descriptor)
            snapshot.copy_sqlite(db, temporary)
            _sync_file(temporary)
        else:
            data = snapshot.encode_dump(snapshot.dump(db, now, reason))
            with open(descriptor, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        final = _claim(temporary, folder, now, reason, suffix)
        _sync_folder(folder)
    except OSError as exc:
        raise KindvoiceError("backup_failed", path=str(folder), reason=os_reason(exc)) from exc
    except sqlite3.Error as exc:
        raise KindvoiceError("backup_failed", path=str(folder), reason=str(exc)) from exc
    finally:
        for leftover in (temporary, *(_side(temporary))):
            leftover.unlink(missing_ok=True)
    removed = prune(folder, reason, keep)
    kept = sum(1 for _ in _ours(folder, reason))
    encrypted = snapshot.is_locked(db)
    return Backup(final, final.stat().st_size, kept, keep, tuple(removed), encrypted)


def _sync_file(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _side(path: Path) -> list[Path]:
    return [path.with_name(path.name + side) for side in _SIDE_FILES]


def _prepare_folder(folder: Path) -> None:
    try:
        if not folder.exists():
            folder.mkdir(parents=True, mode=0o700)
    except OSError as exc:
        raise KindvoiceError("backup_failed", path=str(folder), reason=os_reason(exc)) from exc
    if not folder.is_dir():
        raise KindvoiceError("backup_not_folder", path=str(folder))


def _claim(temporary: Path, folder: Path, now: datetime, reason: str | None, suffix: str) -> Path:
    """Give the finished copy its name: never over another file, even twice in a second."""
    stamp = now.strftime("%Y%m%d-%H%M%S")
    tail = f"-{reason}" if reason else ""
    # Numbered after any of the same second already there, so order by name stays the
    # order they were made in (even when older ones of that second have been removed).
    same = [_order(path)[2] for path in _ours(folder, reason) if _stamp(path) == stamp]
    for number in itertools.count(max(same, default=0) + 1):
        counter = "" if number == 1 else f"-{number}"
        target = folder / f"{PREFIX}{stamp}{counter}{tail}{suffix}"
        try:
            os.link(temporary, target)
        except FileExistsError:
            continue
        except OSError:
            # A file system without hard links (some USB drives): claim the name, then move.
            try:
                os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
            except FileExistsError:
                continue
            os.replace(temporary, target)
            return target
        temporary.unlink()
        return target
    raise AssertionError("unreachable")  # pragma: no cover


def _sync_folder(folder: Path) -> None:
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


# --- which files are ours, keeping the last few ---------------------------------------


def _ours(folder: Path, reason: str | bool | None = False) -> Iterator[Path]:
    """kindvoice's own backups in ``folder`` (of one reason, or all when ``reason`` is False)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        found = _NAME.match(name)
        if found is None or (reason is not False and found.group(4) != reason):
            continue
        path = folder / name
        if path.is_file() and not path.is_symlink():
            yield path


def _order(path: Path) -> tuple[str, str, int]:
    found = _NAME.match(path.name)
    assert found is not None
    return found.group(1), found.group(2), int(found.group(3) or 1)


def _stamp(path: Path) -> str:
    date, time, _ = _order(path)
    return f"{date}-{time}"


def prune(folder: Path, reason: str | None, keep: int) -> list[Path]:
    """Remove the oldest of kindvoice's backups of this kind beyond the newest ``keep``."""
    ours = sorted(_ours(folder, reason), key=_order)
    removed = ours[: max(0, len(ours) - keep)]
    for path in removed:
        _remove(path)
    return removed


def list_backups(folder: Path) -> list[Path]:
    """kindvoice's backups in a folder, oldest first."""
    return sorted(_ours(folder), key=_order)


def _remove(path: Path) -> None:
    for each in (path, *_side(path)):
        each.unlink(missing_ok=True)


# --- where backups went ---------------------------------------------------------------


def _places_file(home: Path) -> Path:
    return home / PLACES_FILE


def backup_places(home: Path) -> list[Path]:
    """Every folder kindvoice has put a backup in: the default one and each ``--to``."""
    places = [default_folder(home)]
    try:
        recorded = json.loads(_places_file(home).read_text(encoding="utf-8"))
        folders = recorded.get("folders", []) if isinstance(recorded, dict) else []
    except (OSError, ValueError):
        folders = []
    for folder in folders:
        if isinstance(folder, str) and Path(folder) not in places:
            places.append(Path(folder))
    return places


def _remember(home: Path, folder: Path) -> None:
    folder = folder.resolve()
    if folder == default_folder(home).resolve():
        return
    known = backup_places(home)[1:]
    if folder in known:
        return
    try:
        home.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise KindvoiceError("backup_failed", path=str(home), reason=os_reason(exc)) from exc
    folders = [str(path) for path in (*known, folder)]
    content = json.dumps({"folders": folders}, indent=2) + "\n"
    write_atomically(_places_file(home), content.encode("utf-8"), error_code="backup_failed")


def all_backups(home: Path | None) -> list[Path]:
    """Every backup kindvoice made that is still there, in every folder it used."""
    if home is None:
        return []
    return [path for folder in backup_places(home) for path in list_backups(folder)]


# --- erasing ------------------------------------------------------------------------


def erase_all(home: Path | None) -> int:
    """Delete every backup kindvoice made (in every folder it used) and the list of folders.
    Other files in those folders stay. Returns how many backups were deleted."""
    if home is None:
        return 0
    count = 0
    for folder in backup_places(home):
        for path in list(_ours(folder)):
            _remove(path)
            count += 1
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            if name.startswith(_TEMP_PREFIX) and _TEMP_SUFFIX in name:
                (folder / name).unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        default_folder(home).rmdir()  # only when nothing else is in it
    _places_file(home).unlink(missing_ok=True)
    return count


def scrub_person(home: Path | None, uid: str) -> int:
    """Take one person (by their lasting id) out of every backup kindvoice made; everyone
    else's data stays. A backup that can't be cleaned is deleted rather than kept with their
    words in it. Returns how many backups changed."""
    if home is None:
        return 0
    changed = 0
    for folder in backup_places(home):
        for path in list(_ours(folder)):
            try:
                if _scrub_file(path, uid):
                    changed += 1
            except (OSError, sqlite3.Error, KindvoiceError, ValueError, KeyError, TypeError):
                _remove(path)
                changed += 1
    return changed


def _scrub_file(path: Path, uid: str) -> bool:
    if path.suffix == ".sqlite3":
        return snapshot.scrub_sqlite(path, uid)
    data = path.read_bytes()
    dialect = json.loads(data.decode("utf-8")).get("dialect")
    document = snapshot.read_dump(data, path, str(dialect))
    cleaned = snapshot.scrub_dump(document, uid)
    if cleaned is None:
        return False
    write_atomically(path, snapshot.encode_dump(cleaned), error_code="backup_failed")
    return True


# --- checking and restoring ------------------------------------------------------------


def check_backup(ctx: Context, path: Path) -> BackupFacts:
    """Check a backup file without changing anything (what `restore` would bring back)."""
    with _workspace(ctx.home) as work:
        facts, _ = _checked(ctx.db, path, work)
    return facts


def restore(ctx: Context, path: Path) -> Restored:
    """Check the backup, back up what is there now, then replace it in one step and bring
    the schema up to date. Any failure before the last step leaves everything as it was."""
    with _workspace(ctx.home) as work:
        facts, loaded = _checked(ctx.db, path, work)
        previous = automatic_backup(ctx.db, ctx.home, "restore")
        if isinstance(loaded, Path):
            if facts.revision != HEAD_REVISION:
                _migrate_copy(loaded)
            snapshot.restore_sqlite(ctx.db, loaded)
        else:
            snapshot.load_dump(ctx.db, loaded)
    return Restored(facts=facts, previous=previous)


@contextmanager
def _workspace(home: Path | None) -> Iterator[Path]:
    """A private folder (0700) for the copy being checked; removed afterwards."""
    parent = home if home is not None and home.is_dir() else None
    with tempfile.TemporaryDirectory(prefix=".kindvoice-restore-", dir=parent) as folder:
        yield Path(folder)


def _checked(db: Database, path: Path, work: Path) -> tuple[BackupFacts, Path | dict[str, object]]:
    data_head = _read_head(path)
    dialect = db.dialect
    if data_head.startswith(snapshot.SQLITE_MAGIC):
        if dialect != "sqlite":
            raise ImportFileError("backup_wrong_kind", path=str(path), kind="sqlite")
        copy = work / "restore.sqlite3"
        try:
            shutil.copyfile(path, copy)
        except OSError as exc:
            reason = os_reason(exc)
            raise ImportFileError("backup_unreadable", path=str(path), reason=reason) from exc
        copy.chmod(0o600)
        facts = snapshot.inspect_sqlite(copy, path)
        modified = datetime.fromtimestamp(path.stat().st_mtime).astimezone()
        return _facts(path, facts, modified), copy
    if data_head.startswith(b"\x00") or b"\x00" in data_head:
        raise ImportFileError("backup_binary", path=str(path))
    try:
        data = path.read_bytes()
    except OSError as exc:
        reason = os_reason(exc)
        raise ImportFileError("backup_unreadable", path=str(path), reason=reason) from exc
    document = snapshot.read_dump(data, path, dialect)
    facts = snapshot.dump_facts(document)
    created = datetime.fromisoformat(facts.created) if facts.created else None
    return _facts(path, facts, created), document


def _facts(path: Path, facts: snapshot.CopyFacts, created: datetime | None) -> BackupFacts:
    return BackupFacts(
        path=path,
        kind=facts.kind,
        revision=facts.revision,
        created=created,
        entries=facts.counts.get("journal_entries", 0),
        checkins=facts.counts.get("checkins", 0),
    )


def _read_head(path: Path) -> bytes:
    if not path.exists():
        raise ImportFileError("backup_missing", path=str(path))
    if path.is_dir():
        raise ImportFileError("backup_is_folder", path=str(path))
    try:
        with path.open("rb") as handle:
            head = handle.read(64)
    except OSError as exc:
        raise ImportFileError("backup_unreadable", path=str(path), reason=os_reason(exc)) from exc
    if not head.strip():
        raise ImportFileError("backup_empty", path=str(path))
    return head


def _migrate_copy(copy: Path) -> None:
    """Bring an older SQLite copy up to this kindvoice's schema before it replaces anything."""
    from sqlalchemy.exc import SQLAlchemyError

    database = Database(f"sqlite:///{copy}")
    try:
        database.migrate()
    except SQLAlchemyError as exc:
        raise KindvoiceError("restore_failed", reason=str(exc).splitlines()[0]) from exc
    finally:
        database.dispose()
    conn = sqlite3.connect(copy, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")
    finally:
        conn.close()
