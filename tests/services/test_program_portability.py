"""Program events through export and import: exact round trips, no repeats, bad files."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kindvoice.core.clock import FrozenClock
from kindvoice.core.config import Settings
from kindvoice.core.errors import ValidationError
from kindvoice.domain.portability import to_document
from kindvoice.domain.program.events import EVENT_KINDS, ProgramEvent, make_program_event
from kindvoice.domain.records import Journal
from kindvoice.interfaces import messages as m
from kindvoice.services import account, checkins, journal, portability
from kindvoice.services.wiring import Context, open_context
from kindvoice.storage import program_repos

KOLKATA = timezone(timedelta(hours=5, minutes=30))
ST_JOHNS = timezone(timedelta(hours=-3, minutes=-30))
KIRITIMATI = timezone(timedelta(hours=14))

# Every kind once, in the order a program might see them: (kind, item, value).
HISTORY: list[tuple[str, str | None, str | None]] = [
    ("start", None, None),
    ("done", "daily", None),
    ("skipped", "day", None),
    ("pace", None, "slow"),
    ("pause", None, None),
    ("resume", None, None),
    ("swap", None, "affectionate-breathing>soothing-touch"),
    ("streaks", None, "on"),
    ("restart", None, "2"),
]
ZONES = (KOLKATA, ST_JOHNS, UTC, KIRITIMATI)


def keep_history(ctx: Context, clock: FrozenClock) -> list[ProgramEvent]:
    """Every kind of event, a day apart, noted in four time zones; oldest first."""
    events: list[ProgramEvent] = []
    for index, (kind, item, value) in enumerate(HISTORY):
        noted = (clock.now() - timedelta(days=len(HISTORY) - index)).astimezone(
            ZONES[index % len(ZONES)]
        )
        noted = noted.replace(microsecond=1000 * index)
        events.append(make_program_event(kind, noted.date(), noted, item=item, value=value))
    # Two on the same day, noted a moment apart: the earlier one comes first.
    last = events[-1]
    events.append(
        make_program_event("done", last.on, last.created_at + timedelta(seconds=1), item="core")
    )
    with ctx.db.write() as conn:
        program_repos.insert_program_events(conn, ctx.user_id, events[::-1])
    return events


def with_journal(ctx: Context, clock: FrozenClock) -> list[ProgramEvent]:
    """A small journal (two entries, a check-in) and a program history."""
    journal.record_thought(ctx, "I can't even keep up with a program.", "day three")
    clock.advance(timedelta(minutes=5))
    journal.record_thought(ctx, "Well, I came back to it 🌱")
    checkins.record_checkin(ctx, 5, 4, 6, "back again")
    return keep_history(ctx, clock)


def fresh_context(tmp_path: Path, clock: FrozenClock, name: str = "other.sqlite3") -> Context:
    return open_context(Settings(home=tmp_path, database_url=f"sqlite:///{tmp_path / name}"), clock)


def stored_events(ctx: Context) -> list[ProgramEvent]:
    with ctx.db.read() as conn:
        return program_repos.list_program_events(conn, ctx.user_id)


def test_program_events_round_trip_exactly(
    ctx: Context, clock: FrozenClock, tmp_path: Path
) -> None:
    events = with_journal(ctx, clock)
    assert stored_events(ctx) == events
    first = portability.export_document(ctx)
    assert first["version"] == 3
    assert list(first)[-1] == "program_events"
    assert [e["kind"] for e in first["program_events"]] == [*(k for k, _, _ in HISTORY), "done"]
    assert first["program_events"][3] == {
        "id": events[3].uid,
        "kind": "pace",
        "on": events[3].on.isoformat(),
        "item": None,
        "value": "slow",
        "created_at": events[3].created_at.isoformat(),
    }
    assert first["program_events"][1]["created_at"].endswith(".001000-03:30")
    assert first["program_events"][3]["created_at"].endswith(".003000+14:00")
    path = tmp_path / "export.json"
    assert portability.write_json(ctx, path) == 2 + 1 + len(events)

    # Into an empty SQLite file ...
    other = fresh_context(tmp_path, clock)
    report = portability.import_journal(other, portability.read_import_file(path, other))
    assert (report.program_events_added, report.program_events_skipped) == (len(events), 0)
    assert (report.entries_added, report.checkins_added) == (2, 1)
    imported = stored_events(other)
    assert imported == events  # every field: id, kind, day, item, value, moment
    assert [e.created_at.utcoffset() for e in imported] == [
        e.created_at.utcoffset() for e in events
    ]
    assert portability.export_document(other) == first
    assert journal.count(other)["program_events"] == len(events)
    other.close()
    # ... and into an empty database of the same kind (this one, after forgetting).
    removed = account.forget_everything(ctx, "forget")
    assert removed["program_events"] == len(events)
    again = open_context(Settings(home=tmp_path, database_url=ctx.db.url), clock)
    assert journal.count(again) == {
        "entries": 0,
        "checkins": 0,
        "practice_runs": 0,
        "program_events": 0,
        "assessments": 0,
    }
    portability.import_journal(again, portability.read_import_file(path, again))
    assert stored_events(again) == events
    assert portability.export_document(again) == first
    again.close()


def test_every_kind_is_in_the_round_trip() -> None:
    assert sorted(kind for kind, _, _ in HISTORY) == sorted(EVENT_KINDS)


def test_reimport_adds_no_program_event_twice(
    ctx: Context, clock: FrozenClock, tmp_path: Path
) -> None:
    events = with_journal(ctx, clock)
    path = tmp_path / "export.json"
    portability.write_json(ctx, path)
    report = portability.import_journal(ctx, portability.read_import_file(path, ctx))
    assert (report.program_events_added, report.program_events_skipped) == (0, len(events))
    assert stored_events(ctx) == events

    other = fresh_context(tmp_path, clock)
    dry = portability.import_journal(other, portability.read_import_file(path, other), dry_run=True)
    assert (dry.dry_run, dry.program_events_added, dry.program_events_skipped) == (
        True,
        len(events),
        0,
    )
    assert stored_events(other) == []
    # Some already there, some new: only the new ones are added.
    document = portability.export_document(ctx)
    document["program_events"] = document["program_events"][:4]
    half = tmp_path / "half.json"
    half.write_text(json.dumps(document), encoding="utf-8")
    portability.import_journal(other, portability.read_import_file(half, other))
    report = portability.import_journal(other, portability.read_import_file(path, other))
    assert (report.program_events_added, report.program_events_skipped) == (len(events) - 4, 4)
    assert stored_events(other) == events
    other.close()


@pytest.mark.parametrize("version", [2, 3])
def test_files_without_program_events_still_import(
    ctx: Context, clock: FrozenClock, tmp_path: Path, version: int
) -> None:
    with_journal(ctx, clock)
    document = portability.export_document(ctx)
    del document["program_events"]
    if version < 3:
        del document["practice_runs"]
    document["version"] = version
    path = tmp_path / f"v{version}.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    other = fresh_context(tmp_path, clock)
    report = portability.import_journal(other, portability.read_import_file(path, other))
    assert (report.entries_added, report.program_events_added) == (2, 0)
    assert stored_events(other) == []
    exported = portability.export_document(other)
    assert "program_events" not in exported
    assert exported == {**document, "version": 3, "practice_runs": []}
    other.close()


def test_an_empty_program_history_writes_no_key(ctx: Context, clock: FrozenClock) -> None:
    journal.record_thought(ctx, "Not started yet.")
    assert "program_events" not in portability.export_document(ctx)


def test_malformed_program_events_give_every_problem_and_import_nothing(
    ctx: Context, clock: FrozenClock, tmp_path: Path
) -> None:
    with_journal(ctx, clock)
    document = portability.export_document(ctx)
    events = document["program_events"]
    events[0]["kind"] = "begin"
    events[1]["item"] = "lunch"
    events[2]["on"] = "2026/11/12"
    events[3]["value"] = "fast"
    events[4]["created_at"] = "2026-11-01T08:00:00"
    events[5]["value"] = "on"
    events[6]["value"] = "affectionate-breathing"
    events[7]["item"] = "day"
    events[8]["value"] = "9" * 3
    events[9]["id"] = events[0]["id"]
    events[9]["on"] = "2030-01-01"
    events.append({"id": "nope", "item": 7})
    events.append(["start"])
    path = tmp_path / "bad-events.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    other = fresh_context(tmp_path, clock)
    with pytest.raises(ValidationError) as caught:
        portability.read_import_file(path, other)
    assert caught.value.code == "import_invalid"
    assert sorted((p.location, p.code) for p in caught.value.problems) == sorted(
        [
            ("program_events[0].kind", "not_one_of"),
            ("program_events[1].item", "not_one_of"),
            ("program_events[2].on", "not_a_calendar_date"),
            ("program_events[3].value", "not_one_of"),
            ("program_events[4].created_at", "no_time_zone"),
            ("program_events[5].value", "value_not_for_kind"),
            ("program_events[6].value", "not_a_swap"),
            ("program_events[7].item", "item_not_for_kind"),
            ("program_events[8].value", "not_a_week"),
            ("program_events[9].id", "repeated_id"),
            ("program_events[9].on", "day_too_late"),
            ("program_events[10].id", "not_an_id"),
            ("program_events[10].kind", "missing"),
            ("program_events[10].on", "missing"),
            ("program_events[10].created_at", "missing"),
            ("program_events[10].item", "not_text"),
            ("program_events[11]", "not_an_object"),
        ]
    )
    for problem in caught.value.problems:
        assert m.describe_problem(problem).startswith(problem.location)
    assert journal.count(other) == {
        "entries": 0,
        "checkins": 0,
        "practice_runs": 0,
        "program_events": 0,
        "assessments": 0,
    }
    other.close()


def test_an_import_that_fails_later_leaves_no_program_event_behind(
    ctx: Context, clock: FrozenClock, tmp_path: Path
) -> None:
    """One transaction: a practice run naming an unknown entry stops the whole import."""
    with_journal(ctx, clock)
    document = portability.export_document(ctx)
    document["practice_runs"] = [
        {
            "id": "0b7e7f55-2a3c-4d1e-8f90-1a2b3c4d5e6f",
            "practice": "compassionate-letter",
            "kind": "writing",
            "planned_seconds": 0,
            "actual_seconds": 600,
            "completed": True,
            "entry": "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d",
            "started_at": clock.now().isoformat(),
        }
    ]
    path = tmp_path / "unlinked.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    other = fresh_context(tmp_path, clock)
    with pytest.raises(ValidationError):
        portability.import_journal(other, portability.read_import_file(path, other))
    assert stored_events(other) == []
    other.close()


# --- what `kindvoice import` says -------------------------------------------------------


def _export_file(tmp_path: Path, events: list[ProgramEvent]) -> Path:
    document: dict[str, Any] = to_document(
        Journal(profile=None, program_events=tuple(events)), "0.1.0"
    )
    path = tmp_path / "program.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_cli_import_mentions_program_events(tmp_path: Path) -> None:
    from kindvoice.interfaces.cli import app as cli_app

    noted = datetime.now(UTC) - timedelta(days=1)
    path = _export_file(
        tmp_path,
        [
            make_program_event("start", noted.date(), noted),
            make_program_event("done", noted.date(), noted, item="daily"),
        ],
    )
    runner = CliRunner()
    db = f"sqlite:///{tmp_path / 'cli.sqlite3'}"

    def kv(*args: str) -> Any:
        result = runner.invoke(cli_app.app, ["--db", db, *args], prog_name="kindvoice")
        assert result.exit_code == 0, result.output
        return result

    two = m.count(2, "program_event")
    dry = kv("import", str(path), "--dry-run").stdout
    assert m.say("import.would_add_events", events=two) in dry
    assert m.say("import.dry_run") in dry
    assert m.say("import.added_events", events=two) in kv("import", str(path)).stdout
    assert m.say("import.nothing_new") in kv("import", str(path)).stdout
    dry_again = kv("import", str(path), "--dry-run").stdout
    assert m.say("import.already_events", events=two) in dry_again
