"""Practice runs in exports (format version 3): round trips, older files, links to entries."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from kindvoice.core.clock import FrozenClock
from kindvoice.core.config import Settings
from kindvoice.core.errors import ValidationError
from kindvoice.domain.practice_runs import PracticeRun
from kindvoice.services import account, journal, portability, practice_log
from kindvoice.services.wiring import Context, open_context
from tests.services._portability import fill, fresh_context
from tests.services._practice import practise

RATING_KEYS = ("stress_before", "stress_after", "kindness_before", "kindness_after")


def _journal_with_runs(ctx: Context, clock: FrozenClock) -> tuple[str, list[PracticeRun]]:
    """The usual journal plus four practice runs; the letter is saved to the newest entry."""
    fill(ctx, clock)
    letter = journal.list_entries(ctx, limit=1)[0].uid
    return letter, practise(ctx, clock, letter_entry=letter)


def _without_ids(runs: list[PracticeRun]) -> list[PracticeRun]:
    return [dataclasses.replace(r, id=None) for r in runs]


def test_practice_runs_round_trip_exactly(ctx: Context, clock: FrozenClock, tmp_path: Path) -> None:
    letter, runs = _journal_with_runs(ctx, clock)
    first = portability.export_document(ctx)
    assert first["version"] == 3
    assert first["practice_runs"][0] == {
        "id": runs[0].uid,
        "practice": "box",
        "kind": "breathing",
        "pattern": "4-4-4-4",
        "planned_seconds": 240.0,
        "actual_seconds": 241.375,
        "completed": True,
        "ratings": {
            "stress_before": 7,
            "stress_after": 4,
            "kindness_before": 3,
            "kindness_after": 6,
        },
        "entry": None,
        "started_at": runs[0].started_at.isoformat(),
    }
    assert first["practice_runs"][0]["started_at"].endswith(".123456+05:30")
    assert first["practice_runs"][1]["started_at"].endswith("-03:30")
    assert first["practice_runs"][1]["ratings"] == dict.fromkeys(RATING_KEYS)
    assert first["practice_runs"][2]["pattern"] == "2+1-6"
    assert first["practice_runs"][3]["entry"] == letter
    path = tmp_path / "export.json"
    assert portability.write_json(ctx, path) == 7 + 2 + 4

    # Into an empty SQLite file ...
    other = fresh_context(tmp_path, clock)
    report = portability.import_journal(other, portability.read_import_file(path, other))
    assert (report.practice_runs_added, report.practice_runs_skipped) == (4, 0)
    assert portability.export_document(other) == first
    imported = practice_log.list_runs(other)[::-1]
    assert _without_ids(imported) == _without_ids(runs)
    assert [r.started_at.utcoffset() for r in imported] == [r.started_at.utcoffset() for r in runs]
    assert imported[3].entry_uid == letter
    assert letter in {e.uid for e in journal.list_entries(other, limit=None)}
    other.close()
    # ... and into an empty database of the same kind (this one, after forgetting).
    account.forget_everything(ctx, "forget")
    again = open_context(Settings(home=tmp_path, database_url=ctx.db.url), clock)
    portability.import_journal(again, portability.read_import_file(path, again))
    assert portability.export_document(again) == first
    again.close()


def test_version_2_files_still_import(ctx: Context, clock: FrozenClock, tmp_path: Path) -> None:
    fill(ctx, clock)
    document = portability.export_document(ctx)
    document["version"] = 2
    del document["practice_runs"]
    path = tmp_path / "v2.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    other = fresh_context(tmp_path, clock)
    report = portability.import_journal(other, portability.read_import_file(path, other))
    assert (report.entries_added, report.checkins_added, report.practice_runs_added) == (7, 2, 0)
    assert portability.export_document(other) == {**document, "version": 3, "practice_runs": []}
    other.close()


def test_reimport_adds_no_practice_run_twice(
    ctx: Context, clock: FrozenClock, tmp_path: Path
) -> None:
    _journal_with_runs(ctx, clock)
    path = tmp_path / "export.json"
    portability.write_json(ctx, path)
    report = portability.import_journal(ctx, portability.read_import_file(path, ctx))
    assert (report.practice_runs_added, report.practice_runs_skipped) == (0, 4)
    assert len(practice_log.list_runs(ctx)) == 4

    other = fresh_context(tmp_path, clock)
    dry = portability.import_journal(other, portability.read_import_file(path, other), dry_run=True)
    assert (dry.dry_run, dry.practice_runs_added) == (True, 4)
    assert practice_log.list_runs(other) == []
    other.close()


def test_a_run_may_name_an_entry_already_here(
    ctx: Context, clock: FrozenClock, tmp_path: Path
) -> None:
    letter, _ = _journal_with_runs(ctx, clock)
    document = portability.export_document(ctx)
    run = {**document["practice_runs"][3], "id": "0b7e7f55-2a3c-4d1e-8f90-1a2b3c4d5e6f"}
    document.update(entries=[], checkins=[], practice_runs=[run])
    path = tmp_path / "one-run.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    report = portability.import_journal(ctx, portability.read_import_file(path, ctx))
    assert (report.entries_added, report.practice_runs_added) == (0, 1)
    (added,) = [r for r in practice_log.list_runs(ctx) if r.uid == run["id"]]
    assert added.entry_uid == letter


def test_a_run_naming_an_unknown_entry_imports_nothing(
    ctx: Context, clock: FrozenClock, tmp_path: Path
) -> None:
    _journal_with_runs(ctx, clock)
    document = portability.export_document(ctx)
    stranger = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d"
    document["practice_runs"][3]["entry"] = stranger
    path = tmp_path / "unlinked.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    other = fresh_context(tmp_path, clock)
    for dry_run in (True, False):
        with pytest.raises(ValidationError) as caught:
            portability.import_journal(
                other, portability.read_import_file(path, other), dry_run=dry_run
            )
        assert caught.value.code == "import_invalid"
        assert [(p.location, p.code, p.params) for p in caught.value.problems] == [
            ("practice_runs[3].entry", "unknown_entry", {"id": stranger})
        ]
    assert journal.count(other) == {
        "entries": 0,
        "checkins": 0,
        "practice_runs": 0,
        "program_events": 0,
        "assessments": 0,
    }
    assert practice_log.list_runs(other) == []
    other.close()


def test_malformed_practice_runs_give_every_problem_with_its_location(
    ctx: Context, clock: FrozenClock, tmp_path: Path
) -> None:
    _journal_with_runs(ctx, clock)
    document = portability.export_document(ctx)
    runs = document["practice_runs"]
    runs[0]["ratings"]["stress_after"] = 11
    runs[0]["planned_seconds"] = "four minutes"
    runs[1]["kind"] = "jogging"
    runs[1]["started_at"] = "2026-11-01T08:00:00"
    runs[2]["practice"] = "Custom Pattern"
    runs[2]["completed"] = "yes"
    runs[2]["actual_seconds"] = 1e9
    runs[3]["pattern"] = "4-7-8"
    runs[3]["ratings"] = [1, 2]
    runs[3]["id"] = runs[0]["id"]
    runs.append({"id": "nope", "ratings": None, "pattern": None, "entry": None})
    runs.append("a string")
    path = tmp_path / "bad-runs.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    before = portability.export_document(ctx)
    with pytest.raises(ValidationError) as caught:
        portability.read_import_file(path, ctx)
    assert caught.value.code == "import_invalid"
    assert sorted((p.location, p.code) for p in caught.value.problems) == sorted(
        [
            ("practice_runs[0].ratings.stress_after", "out_of_range"),
            ("practice_runs[0].planned_seconds", "not_seconds"),
            ("practice_runs[1].kind", "not_one_of"),
            ("practice_runs[1].started_at", "no_time_zone"),
            ("practice_runs[2].practice", "not_a_practice_id"),
            ("practice_runs[2].completed", "not_true_false"),
            ("practice_runs[2].actual_seconds", "out_of_range"),
            ("practice_runs[3].pattern", "pattern_not_breathing"),
            ("practice_runs[3].ratings", "not_an_object"),
            ("practice_runs[3].id", "repeated_id"),
            ("practice_runs[4].id", "not_an_id"),
            ("practice_runs[4].practice", "missing"),
            ("practice_runs[4].kind", "missing"),
            ("practice_runs[4].planned_seconds", "missing"),
            ("practice_runs[4].actual_seconds", "missing"),
            ("practice_runs[4].completed", "missing"),
            ("practice_runs[4].started_at", "missing"),
            ("practice_runs[5]", "not_an_object"),
        ]
    )
    assert portability.export_document(ctx) == before
