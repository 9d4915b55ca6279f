"""Export and import: a versioned JSON document that round-trips, and CSV for spreadsheets."""

from __future__ import annotations

import csv
import dataclasses
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

from kindvoice import __version__
from kindvoice.core.errors import ImportFileError, KindvoiceError, Problem, ValidationError
from kindvoice.domain.portability import parse_document, to_document
from kindvoice.domain.records import CheckIn, Entry, Journal, Reflection
from kindvoice.services.wiring import Context
from kindvoice.storage import (
    assessment_repos,
    practice_repos,
    program_repos,
    reframing_repos,
    repos,
)

if TYPE_CHECKING:
    from sqlalchemy import Connection

Progress = Callable[[int, int], None]
T = TypeVar("T")
MAX_IMPORT_BYTES = 256 * 1024 * 1024
_CHUNK = 200
_PAGE = 2_000
# Spreadsheets run cells that start with these as formulas; a leading apostrophe stops that.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ImportReport:
    """What an import added, and what was already there."""

    entries_added: int
    entries_skipped: int
    checkins_added: int
    checkins_skipped: int
    dry_run: bool
    practice_runs_added: int = 0
    practice_runs_skipped: int = 0
    program_events_added: int = 0
    program_events_skipped: int = 0
    assessments_added: int = 0
    assessments_skipped: int = 0

    @property
    def adds_anything(self) -> bool:
        return bool(
            self.entries_added
            or self.checkins_added
            or self.practice_runs_added
            or self.program_events_added
            or self.assessments_added
        )


def load_journal(ctx: Context, progress: Progress | None = None) -> Journal:
    """Everything this person has kept, oldest first, read in one consistent snapshot."""
    with ctx.db.read() as conn:
        counts = repos.count_rows(conn, ctx.user_id)
        total = counts["entries"] + counts["checkins"]
        entries: list[Entry] = []
        while len(entries) < counts["entries"]:
            page = repos.list_entries(
                conn, ctx.user_id, limit=_PAGE, offset=len(entries), oldest_first=True
            )
            if not page:
                break
            ids = [e.id for e in page if e.id is not None]
            found = reframing_repos.load_reflections(conn, ctx.user_id, ids)
            entries.extend(
                dataclasses.replace(e, reflection=found[entry_id])
                for entry_id, e in zip(ids, page, strict=True)
            )
            if progress:
                progress(len(entries), total)
        items = repos.list_checkins(conn, ctx.user_id, oldest_first=True)
        runs = practice_repos.list_practice_runs(conn, ctx.user_id, oldest_first=True)
        events = program_repos.list_program_events(conn, ctx.user_id)
        results = assessment_repos.list_assessments(conn, ctx.user_id, oldest_first=True)
        if progress:
            progress(total, total)
        return Journal(
            profile=repos.get_profile(conn, ctx.user_id),
            entries=tuple(entries),
            checkins=tuple(items),
            practice_runs=tuple(runs),
            program_events=tuple(events),
            assessments=tuple(results),
        )


def export_document(ctx: Context, progress: Progress | None = None) -> dict[str, Any]:
    """The export document (see docs/data-format.md)."""
    return to_document(load_journal(ctx, progress), __version__)


def dump_document(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def write_json(ctx: Context, path: Path, progress: Progress | None = None) -> int:
    """Write the export to ``path`` atomically; returns the number of records written."""
    document = export_document(ctx, progress)
    _atomic_write(path, dump_document(document))
    lists = ("entries", "checkins", "practice_runs", "program_events", "assessments")
    return sum(len(document.get(key, ())) for key in lists)


def _atomic_write(path: Path, content: str) -> None:
    partial = path.with_name(path.name + ".partial")
    try:
        with _private_open(partial, "utf-8") as handle:
            handle.write(content)
        partial.replace(path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise KindvoiceError("export_failed", path=str(path), reason=exc.strerror) from exc


def _private_open(path: Path, encoding: str) -> TextIO:
    """Open for writing, readable only by this user: exports hold a whole journal."""
    path.unlink(missing_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    return open(fd, "w", encoding=encoding, newline="")


def _cell(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def _entry_row(entry: Entry) -> list[str]:
    return [
        str(entry.id),
        entry.created_at.isoformat(),
        entry.updated_at.isoformat(),
        _cell(entry.situation),
        _cell(entry.thought),
        _cell("; ".join(f"{e.name} {e.intensity}" for e in entry.emotions)),
        _cell(", ".join(entry.tags)),
        entry.uid,
    ]


def _optional(rating: int | None) -> str:
    """A rating that may be missing (from another app, or not asked) is an empty cell."""
    return "" if rating is None else str(rating)


def _checkin_row(item: CheckIn) -> list[str]:
    return [
        str(item.id),
        item.created_at.isoformat(),
        str(item.mood),
        _optional(item.stress),
        _optional(item.critic),
        _optional(item.kindness),
        _cell(item.note),
        item.uid,
    ]


ENTRY_COLUMNS = [
    "id",
    "created_at",
    "updated_at",
    "situation",
    "thought",
    "feelings",
    "tags",
    "uid",
]
CHECKIN_COLUMNS = ["id", "created_at", "mood", "stress", "critic", "kindness", "note", "uid"]


def write_csv(
    ctx: Context, folder: Path, stem: str, progress: Progress | None = None
) -> list[Path]:
    """Write ``<stem>-entries.csv`` and ``<stem>-checkins.csv`` (UTF-8 with a BOM for Excel)."""
    journal = load_journal(ctx)
    total = len(journal.entries) + len(journal.checkins)
    done = 0
    paths: list[Path] = []
    tables: list[tuple[str, list[str], list[list[str]]]] = [
        ("entries", ENTRY_COLUMNS, [_entry_row(e) for e in journal.entries]),
        ("checkins", CHECKIN_COLUMNS, [_checkin_row(c) for c in journal.checkins]),
    ]
    for name, header, rows in tables:
        path = folder / f"{stem}-{name}.csv"
        partial = path.with_name(path.name + ".partial")
        try:
            with _private_open(partial, "utf-8-sig") as handle:
                writer = csv.writer(handle)
                writer.writerow(header)
                for row in rows:
                    writer.writerow(row)
                    done += 1
                    if progress and done % _CHUNK == 0:
                        progress(done, total)
            partial.replace(path)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise KindvoiceError("export_failed", path=str(path), reason=exc.strerror) from exc
        paths.append(path)
    if progress:
        progress(total, total)
    return paths


def read_import_file(path: Path, ctx: Context) -> Journal:
    """Read and check a whole export file; raises a kind error before anything is stored."""
    return parse_import_bytes(read_file_bytes(path), ctx, str(path))


def read_file_bytes(path: Path, limit: int = MAX_IMPORT_BYTES) -> bytes:
    """A file to import, whole; one missing, a folder, unreadable or over ``limit`` bytes is
    an ``ImportFileError`` (checked by its size before anything is read)."""
    try:
        size = path.stat().st_size
        if size > limit:
            raise ImportFileError("import_too_big", path=str(path), limit_mb=limit >> 20)
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise ImportFileError("import_missing", path=str(path)) from exc
    except IsADirectoryError as exc:
        raise ImportFileError("import_is_folder", path=str(path)) from exc
    except OSError as exc:
        raise ImportFileError("import_unreadable", path=str(path), reason=exc.strerror) from exc


def parse_import_bytes(raw: bytes, ctx: Context, name: str = "(input)") -> Journal:
    """Decode and check export bytes (UTF-8, optional byte-order mark)."""
    if not raw.strip():
        raise ImportFileError("import_empty", path=name)
    if b"\x00" in raw:
        raise ImportFileError("import_binary", path=name, offset=raw.index(b"\x00"))
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError("import_not_utf8", path=name, offset=exc.start) from exc
    try:
        document = json.loads(content)
    except json.JSONDecodeError as exc:
        truncated = exc.pos >= len(content.rstrip()) or exc.msg.startswith("Unterminated")
        raise ImportFileError(
            "import_truncated" if truncated else "import_not_json",
            path=name,
            line=exc.lineno,
            column=exc.colno,
        ) from exc
    except RecursionError as exc:
        raise ImportFileError("import_not_json", path=name, line=1, column=1) from exc
    return parse_document(document, now=ctx.clock.now())


def _without(reflection: Reflection, known_reframes: set[str]) -> Reflection:
    """A reflection minus reframes this journal already holds (same id, kept as they are)."""
    if not known_reframes:
        return reflection
    kept = tuple(r for r in reflection.reframes if r.uid not in known_reframes)
    return dataclasses.replace(reflection, reframes=kept)


def _linked_elsewhere(journal: Journal) -> set[str]:
    """The entries that practice runs name but the file itself doesn't hold."""
    in_file = {e.uid for e in journal.entries}
    return {r.entry_uid for r in journal.practice_runs if r.entry_uid} - in_file


def _unknown_entry_links(journal: Journal, here: set[str]) -> list[Problem]:
    """A problem for each run naming an entry that is neither in the file nor ``here``."""
    known = here | {e.uid for e in journal.entries}
    return [
        Problem(f"practice_runs[{index}].entry", "unknown_entry", {"id": run.entry_uid})
        for index, run in enumerate(journal.practice_runs)
        if run.entry_uid and run.entry_uid not in known
    ]


def _insert_chunked(
    conn: Connection,
    user_id: int,
    items: Sequence[T],
    insert_some: Callable[[Connection, int, Sequence[T]], list[int]],
    done: int,
    total: int,
    progress: Progress | None,
) -> int:
    """Store ``items`` a chunk at a time, reporting progress; returns the new count done."""
    for start in range(0, len(items), _CHUNK):
        batch = items[start : start + _CHUNK]
        insert_some(conn, user_id, batch)
        done += len(batch)
        if progress:
            progress(done, total)
    return done


def import_journal(
    ctx: Context, journal: Journal, *, dry_run: bool = False, progress: Progress | None = None
) -> ImportReport:
    """Add what is new in ``journal``; what is already here (same id) is left as it is.

    Everything happens in one transaction: an import either lands whole or not at all.
    A new entry comes with its analysis, trap feedback and reframes; an entry already
    here keeps its own. A practice run may name an entry in the file or one already
    here; naming any other is a problem, and then nothing is imported. Program events
    and questionnaire results are matched by id like the rest.
    Importing into an empty journal also takes over the exported profile, so a
    restore gives back exactly what was exported.
    """
    with ctx.db.write() as conn:
        known_entries = repos.existing_uids(
            conn, ctx.user_id, "entries", (e.uid for e in journal.entries)
        )
        known_checkins = repos.existing_uids(
            conn, ctx.user_id, "checkins", (c.uid for c in journal.checkins)
        )
        known_runs = practice_repos.existing_practice_run_uids(
            conn, ctx.user_id, (r.uid for r in journal.practice_runs)
        )
        known_events = program_repos.existing_program_event_uids(
            conn, ctx.user_id, (e.uid for e in journal.program_events)
        )
        known_assessments = assessment_repos.existing_assessment_uids(
            conn, ctx.user_id, (a.uid for a in journal.assessments)
        )
        linked_here = repos.existing_uids(conn, ctx.user_id, "entries", _linked_elsewhere(journal))
        problems = _unknown_entry_links(journal, linked_here)
        if problems:
            raise ValidationError(problems, code="import_invalid")
        new_entries = [e for e in journal.entries if e.uid not in known_entries]
        new_checkins = [c for c in journal.checkins if c.uid not in known_checkins]
        new_runs = [r for r in journal.practice_runs if r.uid not in known_runs]
        new_events = [e for e in journal.program_events if e.uid not in known_events]
        new_assessments = [a for a in journal.assessments if a.uid not in known_assessments]
        report = ImportReport(
            entries_added=len(new_entries),
            entries_skipped=len(journal.entries) - len(new_entries),
            checkins_added=len(new_checkins),
            checkins_skipped=len(journal.checkins) - len(new_checkins),
            dry_run=dry_run,
            practice_runs_added=len(new_runs),
            practice_runs_skipped=len(journal.practice_runs) - len(new_runs),
            program_events_added=len(new_events),
            program_events_skipped=len(journal.program_events) - len(new_events),
            assessments_added=len(new_assessments),
            assessments_skipped=len(journal.assessments) - len(new_assessments),
        )
        if dry_run:
            return report
        empty = not any(repos.count_rows(conn, ctx.user_id).values())
        if (
            empty
            and journal.profile is not None
            and not repos.profile_uid_taken(conn, journal.profile.uid, ctx.user_id)
        ):
            repos.adopt_profile(conn, ctx.user_id, journal.profile)
        total = (
            len(new_entries)
            + len(new_checkins)
            + len(new_runs)
            + len(new_events)
            + len(new_assessments)
        )
        done = 0
        known_reframes = reframing_repos.existing_reframe_uids(
            conn,
            ctx.user_id,
            (r.uid for e in new_entries if e.reflection for r in e.reflection.reframes),
        )
        for start in range(0, len(new_entries), _CHUNK):
            batch = new_entries[start : start + _CHUNK]
            ids = repos.insert_entries(conn, ctx.user_id, batch)
            reframing_repos.insert_reflections(
                conn,
                ctx.user_id,
                [
                    (entry_id, _without(entry.reflection, known_reframes))
                    for entry_id, entry in zip(ids, batch, strict=True)
                    if entry.reflection is not None
                ],
            )
            done += len(batch)
            if progress:
                progress(done, total)
        done = _insert_chunked(
            conn, ctx.user_id, new_checkins, repos.insert_checkins, done, total, progress
        )
        # After the entries, so a run can name an entry brought in by this same import.
        done = _insert_chunked(
            conn, ctx.user_id, new_runs, practice_repos.insert_practice_runs, done, total, progress
        )
        done = _insert_chunked(
            conn,
            ctx.user_id,
            new_events,
            program_repos.insert_program_events,
            done,
            total,
            progress,
        )
        _insert_chunked(
            conn,
            ctx.user_id,
            new_assessments,
            assessment_repos.insert_assessments,
            done,
            total,
            progress,
        )
    return report
