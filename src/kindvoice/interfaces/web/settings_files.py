"""Files that come and go on the Settings page: the reminder calendar, exports and imports.

Shared by the pages and the JSON API, so both make the same files and read uploads the same
careful way: a size limit checked before anything is read where the request says its size,
and while reading where it doesn't; the whole file is checked before anything is stored.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
from datetime import time
from pathlib import Path

from fastapi import Request
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from kindvoice.core.errors import ConfigError, ImportFileError, Problem, ValidationError
from kindvoice.interfaces import messages as m
from kindvoice.interfaces.web.viewer import WebState
from kindvoice.services import portability
from kindvoice.services.portability import ImportReport
from kindvoice.services.wiring import Context

IMPORT_LIMIT_MB = 50
IMPORT_LIMIT = IMPORT_LIMIT_MB * 1024 * 1024
# Room for a multipart form's own headers and small fields around the file.
_ENVELOPE = 64 * 1024
_MAX_NAME = 80
REMINDER_FILE = "kindvoice-reminder.ics"
DAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
CSV_TABLES = ("entries", "checkins")


# --- the reminder ----------------------------------------------------------------------


def _zone(state: WebState) -> str | None:
    """This computer's time zone in local mode. A hosted server's zone isn't the person's,
    so there the time floats: calendar apps read it in their own zone."""
    if state.config.hosted:
        return None
    from kindvoice.services import reminders

    try:
        return reminders.local_zone_name(os.environ)
    except ConfigError:  # a KINDVOICE_TZ nobody can use: floating time still works
        return None


def reminder_response(state: WebState, when: time, days: tuple[int, ...]) -> Response:
    """The .ics file as a download."""
    from kindvoice.services import reminders

    data = reminders.build_calendar(
        when,
        days,
        _zone(state),
        summary=m.say("remind.summary"),
        description=m.say("web.settings.reminders.description"),
        alarm_text=m.say("remind.alarm"),
        uid=reminders.reminder_uid(when, days),
        now=state.config.clock.now(),
    )
    return download(data, "text/calendar; charset=utf-8", REMINDER_FILE)


# --- exports ---------------------------------------------------------------------------


def download(data: bytes, media_type: str, filename: str) -> Response:
    return Response(
        data,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def export_stem(ctx: Context) -> str:
    return "kindvoice-export-" + ctx.clock.now().strftime("%Y-%m-%d")


def export_json(ctx: Context) -> Response:
    """The whole journal, written exactly as `kindvoice export` writes it."""
    text = portability.dump_document(portability.export_document(ctx))
    return download(
        text.encode("utf-8"), "application/json; charset=utf-8", export_stem(ctx) + ".json"
    )


def export_csv(ctx: Context, table: str) -> Response:
    """One of the two CSV files `kindvoice export --format csv` writes."""
    stem = export_stem(ctx)
    with tempfile.TemporaryDirectory(prefix="kindvoice-csv-") as folder:
        portability.write_csv(ctx, Path(folder), stem)
        data = (Path(folder) / f"{stem}-{table}.csv").read_bytes()
    return download(data, "text/csv; charset=utf-8", f"{stem}-{table}.csv")


# --- imports ---------------------------------------------------------------------------


def _too_big() -> ImportFileError:
    return ImportFileError(
        "import_too_big", path=m.say("web.settings.import.the_file"), limit_mb=IMPORT_LIMIT_MB
    )


def _declared_size(request: Request) -> int | None:
    raw = request.headers.get("content-length", "")
    return int(raw) if raw.isdigit() else None


def _file_name(upload: UploadFile) -> str:
    name = (upload.filename or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    name = "".join(ch for ch in name if ch.isprintable())[:_MAX_NAME]
    return name or m.say("web.settings.import.the_file")


async def read_upload(request: Request, field: str = "file") -> tuple[bytes, str] | None:
    """The uploaded export and a name to call it by, or None when no file came.

    Takes a multipart form (the file in ``field``) or the file itself as the body. More than
    ``IMPORT_LIMIT`` bytes is ``import_too_big``: refused before reading when the request
    says its size, and as soon as the limit is passed when it doesn't.
    """
    size = _declared_size(request)
    if size is not None and size > IMPORT_LIMIT + _ENVELOPE:
        raise _too_big()
    content_type = request.headers.get("content-type", "").lower()
    if content_type.startswith("application/x-www-form-urlencoded"):
        return None  # a form without a file part (the file needs multipart)
    if content_type.startswith("multipart/form-data"):
        # Files are spooled to disk past 1 MB, never held whole in memory.
        form = await request.form(max_files=1, max_fields=20)
        upload = form.get(field)
        if not isinstance(upload, UploadFile):
            return None
        if not upload.filename and not upload.size:
            return None  # the form was sent without choosing a file
        if upload.size is not None and upload.size > IMPORT_LIMIT:
            raise _too_big()
        raw = await upload.read(IMPORT_LIMIT + 1)
        if len(raw) > IMPORT_LIMIT:
            raise _too_big()
        return raw, _file_name(upload)
    chunks: list[bytes] = []
    total = 0
    async for chunk in request.stream():
        total += len(chunk)
        if total > IMPORT_LIMIT:
            raise _too_big()
        chunks.append(chunk)
    return b"".join(chunks), m.say("web.settings.import.the_file")


def import_bytes(
    ctx: Context, raw: bytes, name: str, *, hosted: bool, dry_run: bool = False
) -> ImportReport:
    """Check the whole file, then add what is new in one transaction (or nothing at all).

    The file may be a kindvoice export, a Daylio CSV export or a jrnl JSON export, told
    apart by what's inside. Daylio moods kindvoice can't place on its scale are a problem
    that names them: the command line's ``--mood-map`` (or its questions) can place them.
    In hosted mode a kindvoice export's profile is left out: an account keeps its own
    identity, and one person's export brought into another account must not take over (or
    clash with) the first person's profile id. Before a real import on a person's own
    computer, kindvoice takes its automatic backup; imported entries are then read by the
    engine like anything written here.
    """
    from kindvoice.services import outside_import

    loaded = outside_import.parse_import(raw, ctx, name)
    if loaded.journal is not None:
        journal = dataclasses.replace(loaded.journal, profile=None) if hosted else loaded.journal
        report = portability.import_journal(ctx, journal, dry_run=True)
        if dry_run or not report.adds_anything:
            return report
        _backup_first(ctx, hosted)
        return portability.import_journal(ctx, journal)
    unknown = loaded.unknown_moods({})
    if unknown:
        names = ", ".join(f"“{n}”" for n in unknown)
        problem = Problem("file", "daylio_moods_listed", {"names": names, "example": unknown[0]})
        raise ValidationError([problem], code="daylio_moods_need_map")
    brought = outside_import.bring(ctx, loaded, {})
    found = outside_import.add(ctx, brought, dry_run=True)
    if dry_run or not found.added:
        return found.as_import_report()
    _backup_first(ctx, hosted)
    added = outside_import.add(ctx, brought)
    outside_import.read_new_entries(ctx, added.entry_ids)
    return added.as_import_report()


def _backup_first(ctx: Context, hosted: bool) -> None:
    """The automatic backup before an import, on a person's own computer. A hosted server
    holds many people's journals; its operator backs it up as a whole."""
    if not hosted:
        from kindvoice.services import outside_import

        outside_import.backup_first(ctx)


def _listed(parts: list[str]) -> str:
    if len(parts) == 1:
        return parts[0]
    return m.say("remind.and", rest=", ".join(parts[:-1]), last=parts[-1])


def _other_records(practice_runs: int, program_events: int, assessments: int) -> list[str]:
    """The records besides entries and check-ins, counted in words (only those there are)."""
    counted = zip(
        (practice_runs, program_events, assessments),
        ("practice_run", "program_event", "assessment"),
        strict=True,
    )
    return [m.count(number, noun) for number, noun in counted if number]


def report_lines(report: ImportReport) -> list[str]:
    """What an import added and what was already here, in plain sentences."""
    added = (
        report.entries_added
        + report.checkins_added
        + report.practice_runs_added
        + report.program_events_added
        + report.assessments_added
    )
    if not added:
        return [m.say("web.settings.import.nothing_new")]
    lines = [
        m.say(
            "web.settings.import.added",
            entries=m.count(report.entries_added, "entry"),
            checkins=m.count(report.checkins_added, "checkin"),
        )
    ]
    more = _other_records(
        report.practice_runs_added, report.program_events_added, report.assessments_added
    )
    if more:
        lines.append(m.say("web.settings.import.added_more", things=_listed(more)))
    if report.entries_skipped or report.checkins_skipped:
        lines.append(
            m.say(
                "web.settings.import.skipped",
                entries=m.count(report.entries_skipped, "entry"),
                checkins=m.count(report.checkins_skipped, "checkin"),
            )
        )
    kept = _other_records(
        report.practice_runs_skipped, report.program_events_skipped, report.assessments_skipped
    )
    if kept:
        lines.append(m.say("web.settings.import.skipped_more", things=_listed(kept)))
    return lines
