"""Bringing history in from other apps (Daylio, jrnl) beside kindvoice's own exports.

The steps, each its own function so an interface can talk with the person in between:

1. ``read_import`` / ``parse_import``: read the file, tell which app made it (or take the
   person's word), and check all of it. Any problem stops here, with nothing stored.
2. ``Loaded.unknown_moods``: Daylio mood names kindvoice can't place on its 0–10 scale yet,
   for the interface to ask about (or to name in an error).
3. ``bring``: kindvoice's own entries and check-ins for what was read, placed in the
   person's time zone (the file's times have none).
4. ``add``: keep what is new, in one transaction (or, in a dry run, only count it).
5. ``read_new_entries``: the language engine reads the new entries, like anything written
   in kindvoice, one entry at a time outside any transaction.

``backup_first`` makes the automatic backup taken before a real import.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Literal
from zoneinfo import ZoneInfo

from kindvoice.core.clock import SystemClock
from kindvoice.core.errors import ImportFileError, NotFoundError
from kindvoice.domain.imports import daylio, jrnl
from kindvoice.domain.imports.daylio import DaylioRow
from kindvoice.domain.imports.detect import json_source, sniff_text
from kindvoice.domain.imports.jrnl import JrnlEntry
from kindvoice.domain.imports.records import Brought, Placer, daylio_records, jrnl_records
from kindvoice.domain.portability import parse_document
from kindvoice.domain.records import Journal
from kindvoice.services import portability
from kindvoice.services.portability import MAX_IMPORT_BYTES, ImportReport
from kindvoice.services.wiring import Context
from kindvoice.storage import repos

if TYPE_CHECKING:
    from sqlalchemy import Connection

Source = Literal["kindvoice", "daylio", "jrnl"]
SOURCES: tuple[Source, ...] = ("kindvoice", "daylio", "jrnl")
Progress = Callable[[int, int], None]
# Other apps' exports are read whole into memory and checked row by row before anything
# is kept, so they have a lower limit than kindvoice's own (streamed) export.
MAX_OUTSIDE_BYTES = 50 * 1024 * 1024
# A stand-in mood for names nobody has placed yet: only a dry run uses it, to count.
_DRY_RUN_MOOD = 5
_CHUNK = 200


@dataclass(frozen=True)
class Loaded:
    """A checked file: a kindvoice export (``journal``), Daylio rows or jrnl entries."""

    source: Source
    name: str
    journal: Journal | None = None
    daylio_rows: tuple[DaylioRow, ...] = ()
    jrnl_entries: tuple[JrnlEntry, ...] = ()

    def unknown_moods(self, moods: Mapping[str, int]) -> list[str]:
        """Daylio mood names that neither the defaults nor ``moods`` place (first spelling)."""
        return daylio.unknown_moods(self.daylio_rows, moods)


@dataclass(frozen=True)
class OutsideReport:
    """What an import from another app added, what was already here, and its time span."""

    source: str
    entries_added: int
    entries_skipped: int
    checkins_added: int
    checkins_skipped: int
    dry_run: bool
    first: datetime | None = None
    last: datetime | None = None
    entry_ids: tuple[int, ...] = ()  # the new entries' numbers (after a real import)

    @property
    def added(self) -> int:
        return self.entries_added + self.checkins_added

    def as_import_report(self) -> ImportReport:
        """The same counts in the shape a kindvoice import reports them."""
        return ImportReport(
            entries_added=self.entries_added,
            entries_skipped=self.entries_skipped,
            checkins_added=self.checkins_added,
            checkins_skipped=self.checkins_skipped,
            dry_run=self.dry_run,
        )


@dataclass(frozen=True)
class Reading:
    """What the engine noticed in newly imported entries."""

    read: int
    self_critical: int
    crisis: tuple[int, ...]  # the entries whose words sounded like a crisis
    urgent: bool


# --- 1. reading and checking -------------------------------------------------------------


def read_import(path: Path, ctx: Context, source: Source | None = None) -> Loaded:
    """Read and check a whole file; ``source`` None means "tell from the contents"."""
    limit = MAX_OUTSIDE_BYTES if source in ("daylio", "jrnl") else MAX_IMPORT_BYTES
    return parse_import(portability.read_file_bytes(path, limit), ctx, str(path), source)


def parse_import(raw: bytes, ctx: Context, name: str, source: Source | None = None) -> Loaded:
    """Check a file's bytes as ``source`` (or as whatever app its contents show).

    Raises ``ImportFileError`` for a file that can't be read at all, ``ValidationError``
    listing every problem (with its row or entry) for one that can, and nothing is kept.
    """
    if source == "kindvoice":
        return Loaded("kindvoice", name, journal=portability.parse_import_bytes(raw, ctx, name))
    if source is None:
        return _detect(raw, ctx, name)
    return _read_outside(_outside_text(raw, name, source), name, source)


def _own_export(raw: bytes, ctx: Context, name: str) -> Loaded:
    """A kindvoice export, or kindvoice's own kind error for a file that isn't one."""
    return Loaded("kindvoice", name, journal=portability.parse_import_bytes(raw, ctx, name))


def _text_to_sniff(raw: bytes, name: str) -> str | None:
    """The file as text, or None when kindvoice's own reader should explain what's wrong
    (empty, binary, not UTF-8). A Daylio sheet with binary inside is named as one."""
    if not raw.strip():
        return None
    if b"\x00" in raw:
        head = raw[: raw.index(b"\x00")].decode("utf-8", "replace")
        if sniff_text(head) == "daylio":
            raise ImportFileError("daylio_binary", path=name, offset=raw.index(b"\x00"))
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def _detect(raw: bytes, ctx: Context, name: str) -> Loaded:
    text = _text_to_sniff(raw, name)
    shape = "other" if text is None else sniff_text(text)
    if shape == "daylio":
        return _read_outside(_outside_text(raw, name, "daylio"), name, "daylio")
    if shape == "csv":
        raise ImportFileError("import_unknown_format", path=name)
    document: object = None
    if shape == "json" and text is not None:
        try:
            document = json.loads(text)
        except (ValueError, RecursionError):
            shape = "other"  # kindvoice's reader says where it broke
    if shape != "json":
        return _own_export(raw, ctx, name)
    if json_source(document) == "jrnl":
        _check_size(raw, name)
        return Loaded("jrnl", name, jrnl_entries=tuple(jrnl.read_jrnl(document)))
    return Loaded("kindvoice", name, journal=parse_document(document, now=ctx.clock.now()))


def _check_size(raw: bytes, name: str) -> None:
    if len(raw) > MAX_OUTSIDE_BYTES:
        raise ImportFileError("import_too_big", path=name, limit_mb=MAX_OUTSIDE_BYTES >> 20)


def _outside_text(raw: bytes, name: str, source: Source) -> str:
    """Another app's file as text: not too big, not empty, not binary, UTF-8."""
    _check_size(raw, name)
    if not raw.strip():
        raise ImportFileError("import_empty", path=name)
    if b"\x00" in raw:
        raise ImportFileError(f"{source}_binary", path=name, offset=raw.index(b"\x00"))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError("import_not_utf8", path=name, offset=exc.start) from exc


def _read_outside(text: str, name: str, source: Source) -> Loaded:
    if source == "daylio":
        rows = daylio.read_daylio(text)
        if not rows:
            raise ImportFileError("import_empty", path=name)
        return Loaded("daylio", name, daylio_rows=tuple(rows))
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        truncated = exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated")
        code = "import_truncated" if truncated else "import_not_json"
        raise ImportFileError(code, path=name, line=exc.lineno, column=exc.colno) from exc
    except RecursionError as exc:
        raise ImportFileError("import_not_json", path=name, line=1, column=1) from exc
    return Loaded("jrnl", name, jrnl_entries=tuple(jrnl.read_jrnl(document)))


# --- 3. entries and check-ins ------------------------------------------------------------


def wall_clock(ctx: Context) -> Placer:
    """How a time without a zone (a phone's wall clock) is placed: in the context clock's
    zone, with that date's own daylight-saving offset where the zone is known."""
    zone = ctx.clock.now().tzinfo
    if isinstance(zone, ZoneInfo):
        return lambda at: at.replace(tzinfo=zone)
    if isinstance(ctx.clock, SystemClock):

        def local(at: datetime) -> datetime:
            try:
                return at.astimezone()  # the system's zone, as it was on that date
            except (OverflowError, OSError, ValueError):
                return at.replace(tzinfo=zone)

        return local
    return lambda at: at.replace(tzinfo=zone)


def bring(
    ctx: Context, loaded: Loaded, moods: Mapping[str, int], *, dry_run: bool = False
) -> Brought:
    """The entries and check-ins a Daylio or jrnl file gives, checked against now.

    Every Daylio mood needs a place on the scale (``daylio_unknown_moods`` otherwise),
    except in a dry run, which only counts.
    """
    place, now = wall_clock(ctx), ctx.clock.now()
    if loaded.source == "daylio":
        stand_in = _DRY_RUN_MOOD if dry_run else None
        return daylio_records(loaded.daylio_rows, moods, place, now, unknown_mood=stand_in)
    if loaded.source == "jrnl":
        return jrnl_records(loaded.jrnl_entries, place, now)
    raise ValueError(f"not a file from another app: {loaded.source}")


# --- 4. keeping what is new --------------------------------------------------------------


def _report(
    conn: Connection, ctx: Context, brought: Brought, dry_run: bool
) -> tuple[OutsideReport, list[int], list[int]]:
    """The counts, and which of the entries and check-ins are new (by their index)."""
    known_entries = repos.existing_uids(
        conn, ctx.user_id, "entries", (e.uid for e in brought.entries)
    )
    known_checkins = repos.existing_uids(
        conn, ctx.user_id, "checkins", (c.uid for c in brought.checkins)
    )
    new_entries = [i for i, e in enumerate(brought.entries) if e.uid not in known_entries]
    new_checkins = [i for i, c in enumerate(brought.checkins) if c.uid not in known_checkins]
    moments = brought.moments
    report = OutsideReport(
        source=brought.source,
        entries_added=len(new_entries),
        entries_skipped=len(brought.entries) - len(new_entries),
        checkins_added=len(new_checkins),
        checkins_skipped=len(brought.checkins) - len(new_checkins),
        dry_run=dry_run,
        first=min(moments, default=None),
        last=max(moments, default=None),
    )
    return report, new_entries, new_checkins


def add(
    ctx: Context, brought: Brought, *, dry_run: bool = False, progress: Progress | None = None
) -> OutsideReport:
    """Keep what is new (same id: already here, left as it is), in one transaction.

    A dry run only reads and counts.
    """
    if dry_run:
        with ctx.db.read() as conn:
            return _report(conn, ctx, brought, dry_run=True)[0]
    with ctx.db.write() as conn:
        report, new_entries, new_checkins = _report(conn, ctx, brought, dry_run=False)
        entries = [brought.entries[i] for i in new_entries]
        checkins = [brought.checkins[i] for i in new_checkins]
        total, done = len(entries) + len(checkins), 0
        ids: list[int] = []
        for start in range(0, len(entries), _CHUNK):
            ids.extend(repos.insert_entries(conn, ctx.user_id, entries[start : start + _CHUNK]))
            done = len(ids)
            if progress:
                progress(done, total)
        for start in range(0, len(checkins), _CHUNK):
            batch = checkins[start : start + _CHUNK]
            repos.insert_checkins(conn, ctx.user_id, batch)
            done += len(batch)
            if progress:
                progress(done, total)
    return dataclasses.replace(report, entry_ids=tuple(ids))


def backup_first(ctx: Context) -> Path | None:
    """The automatic backup taken before a real import (None when there is nowhere to keep
    one)."""
    from kindvoice.services.backups import automatic_backup

    return automatic_backup(ctx.db, ctx.home, "import")


# --- 5. reading the new entries ----------------------------------------------------------


def read_new_entries(
    ctx: Context, entry_ids: Sequence[int], progress: Progress | None = None
) -> Reading:
    """Analyse each new entry as if it had been written here, and say what was noticed.

    The engine loads once and reads one entry at a time, outside any transaction (see
    ``reframing.analyze_entry``), so a long import never holds the database's write lock.
    """
    from kindvoice.services import reframing

    self_critical, urgent, done = 0, False, 0
    crisis: list[int] = []
    for entry_id in entry_ids:
        try:
            analysis = reframing.analyze_entry(ctx, entry_id)
        except NotFoundError:
            continue  # deleted meanwhile: nothing to read
        done += 1
        self_critical += int(analysis.is_self_critical)
        if analysis.is_crisis:
            crisis.append(entry_id)
            urgent = urgent or analysis.crisis.level == "urgent"
        if progress:
            progress(done, len(entry_ids))
    return Reading(done, self_critical, tuple(crisis), urgent)
