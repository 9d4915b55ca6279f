"""Export and import of the journal: exact round trips, merging, CSV, and forgetting it all."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kindvoice.core.clock import FrozenClock
from kindvoice.core.config import Settings
from kindvoice.core.errors import KindvoiceError
from kindvoice.domain.records import Emotion
from kindvoice.services import account, journal, portability, reframing
from kindvoice.services.wiring import Context, open_context
from kindvoice.storage.schema import (
    entry_analyses,
    practice_runs,
    program_events,
    reframes,
    trap_feedback,
)
from tests.services._portability import UNICODE_SAMPLES, fill, fresh_context
from tests.services._practice import practise


def test_export_import_export_gives_the_same_document(
    ctx: Context, clock: FrozenClock, tmp_path: Path
) -> None:
    fill(ctx, clock)
    first = portability.export_document(ctx)
    path = tmp_path / "export.json"
    portability.write_json(ctx, path)
    assert json.loads(path.read_text(encoding="utf-8")) == first

    # Into an empty database of the same kind (this one, after forgetting) ...
    account.forget_everything(ctx, "forget")
    again = open_context(Settings(home=tmp_path, database_url=ctx.db.url), clock)
    report = portability.import_journal(again, portability.read_import_file(path, again))
    assert (report.entries_added, report.checkins_added) == (7, 2)
    assert portability.export_document(again) == first
    # ... and into an empty SQLite file.
    other = fresh_context(tmp_path, clock)
    portability.import_journal(other, portability.read_import_file(path, other))
    assert portability.export_document(other) == first
    assert path.read_text(encoding="utf-8") == portability.dump_document(first)
    again.close()
    other.close()


def test_export_carries_each_entrys_reflection(ctx: Context, clock: FrozenClock) -> None:
    fill(ctx, clock)
    document = portability.export_document(ctx)
    assert document["version"] == 3
    first, second = document["entries"][:2]
    assert first["analysis"]["model_version"] == "test-model-1"
    assert first["analysis"]["traps"] == {"labeling": 0.7, "overgeneralizing": 0.3125}
    assert first["analysis"]["critic_spans"] == [
        {"start": 0, "end": 5, "sentence": 0, "text": UNICODE_SAMPLES[0][:5]}
    ]
    assert [(f["trap"], f["verdict"]) for f in first["trap_feedback"]] == [
        ("labeling", "confirmed"),
        ("comparing", "added"),
    ]
    assert [
        (r["text"], r["origin"], r["component"], r["trap"], r["belief_before"], r["belief_after"])
        for r in first["reframes"]
    ] == [
        ("Ein Fehler macht mich nicht aus 🌱", "edited", "self_kindness", "labeling", 85, 40),
        ("My own words", "own", None, None, None, None),
    ]
    assert (second["analysis"], second["trap_feedback"], second["reframes"]) == (None, [], [])


def test_version_1_files_still_import(ctx: Context, clock: FrozenClock, tmp_path: Path) -> None:
    fill(ctx, clock)
    document = portability.export_document(ctx)
    document["version"] = 1
    del document["practice_runs"]
    for entry in document["entries"]:
        for key in ("analysis", "trap_feedback", "reframes"):
            del entry[key]
    path = tmp_path / "v1.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    other = fresh_context(tmp_path, clock)
    report = portability.import_journal(other, portability.read_import_file(path, other))
    assert (report.entries_added, report.checkins_added) == (7, 2)
    again = portability.export_document(other)
    assert again["version"] == 3
    assert [e["thought"] for e in again["entries"]] == [e["thought"] for e in document["entries"]]
    assert all(e["reframes"] == [] and e["analysis"] is None for e in again["entries"])
    other.close()


def test_reimport_adds_nothing_twice(ctx: Context, clock: FrozenClock, tmp_path: Path) -> None:
    fill(ctx, clock)
    path = tmp_path / "export.json"
    portability.write_json(ctx, path)
    report = portability.import_journal(ctx, portability.read_import_file(path, ctx))
    assert (report.entries_added, report.entries_skipped) == (0, 7)
    assert (report.checkins_added, report.checkins_skipped) == (0, 2)
    assert journal.count(ctx) == {
        "entries": 7,
        "checkins": 2,
        "practice_runs": 0,
        "program_events": 0,
        "assessments": 0,
    }


def test_reframes_already_here_are_not_added_twice(
    ctx: Context, clock: FrozenClock, tmp_path: Path
) -> None:
    fill(ctx, clock)
    document = portability.export_document(ctx)
    copied = document["entries"][0]
    copied["id"] = "0ea79863-1f70-4610-9e26-551ad1cc2fbd"  # a new entry, with known reframes
    copied["reframes"].append(
        {**copied["reframes"][0], "id": "3f1c0f6e-5c1a-4f53-9d2e-7c1b0a2f3e4d"}
    )
    document["entries"] = [copied]
    path = tmp_path / "copy.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    report = portability.import_journal(ctx, portability.read_import_file(path, ctx))
    assert report.entries_added == 1
    added = portability.export_document(ctx)["entries"]
    (mine,) = [e for e in added if e["id"] == copied["id"]]
    assert [r["id"] for r in mine["reframes"]] == ["3f1c0f6e-5c1a-4f53-9d2e-7c1b0a2f3e4d"]
    assert mine["analysis"] == copied["analysis"]


def test_dry_run_changes_nothing(ctx: Context, clock: FrozenClock, tmp_path: Path) -> None:
    fill(ctx, clock)
    path = tmp_path / "export.json"
    portability.write_json(ctx, path)
    other = fresh_context(tmp_path, clock)
    report = portability.import_journal(
        other, portability.read_import_file(path, other), dry_run=True
    )
    assert report.dry_run
    assert report.entries_added == 7
    assert journal.count(other) == {
        "entries": 0,
        "checkins": 0,
        "practice_runs": 0,
        "program_events": 0,
        "assessments": 0,
    }
    other.close()


def test_import_merges_into_an_existing_journal(
    ctx: Context, clock: FrozenClock, tmp_path: Path
) -> None:
    fill(ctx, clock)
    path = tmp_path / "export.json"
    portability.write_json(ctx, path)
    other = fresh_context(tmp_path, clock)
    journal.record_thought(other, "my own entry")
    profile_before = portability.export_document(other)["profile"]
    seen: list[tuple[int, int]] = []
    report = portability.import_journal(
        other, portability.read_import_file(path, other), progress=lambda d, t: seen.append((d, t))
    )
    assert report.entries_added == 7
    assert journal.count(other) == {
        "entries": 8,
        "checkins": 2,
        "practice_runs": 0,
        "program_events": 0,
        "assessments": 0,
    }
    assert portability.export_document(other)["profile"] == profile_before
    assert seen[-1] == (9, 9)
    other.close()


def test_csv_export_has_both_tables_and_defuses_formulas(
    ctx: Context, clock: FrozenClock, tmp_path: Path
) -> None:
    fill(ctx, clock)
    journal.record_thought(
        ctx, '=HYPERLINK("x")', emotions=[Emotion("@odd", 5)], tags=["=cmd|x", "csv"]
    )
    paths = portability.write_csv(ctx, tmp_path, "out")
    assert [p.name for p in paths] == ["out-entries.csv", "out-checkins.csv"]
    with paths[0].open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 8
    assert rows[0]["thought"] == UNICODE_SAMPLES[0]
    assert rows[-1]["thought"].startswith("'=")
    assert rows[-1]["feelings"] == "'@odd 5"
    assert rows[-1]["tags"] == "'=cmd|x, csv"
    assert rows[3]["thought"] == UNICODE_SAMPLES[3]  # newlines survive inside quotes
    with paths[1].open(encoding="utf-8-sig", newline="") as handle:
        assert [r["note"] for r in csv.DictReader(handle)] == ["tough 🌧", ""]


def test_forget_needs_the_word_and_then_deletes_everything(
    ctx: Context, clock: FrozenClock
) -> None:
    fill(ctx, clock)
    practise(ctx, clock, letter_entry=journal.list_entries(ctx)[0].uid)
    with pytest.raises(KindvoiceError):
        account.forget_everything(ctx, "yes")
    assert journal.count(ctx)["entries"] == 7
    removed = account.forget_everything(ctx, "Forget")
    assert removed == {
        "entries": 7,
        "checkins": 2,
        "practice_runs": 4,
        "program_events": 0,
        "assessments": 0,
    }
    again = open_context(Settings(home=Path("."), database_url=ctx.db.url), clock)
    assert journal.count(again) == {
        "entries": 0,
        "checkins": 0,
        "practice_runs": 0,
        "program_events": 0,
        "assessments": 0,
    }
    with again.db.read() as conn:
        for table in (entry_analyses, trap_feedback, reframes, practice_runs, program_events):
            assert conn.execute(select(func.count()).select_from(table)).scalar_one() == 0
    assert journal.search_entries(again, "failure") == []
    again.close()


def test_forget_leaves_no_words_in_the_sqlite_file(
    sqlite_url: str, clock: FrozenClock, tmp_path: Path
) -> None:
    context = open_context(Settings(home=tmp_path, database_url=sqlite_url), clock)
    entry = journal.record_thought(context, "zebracrossingsecret")
    assert entry.id is not None
    reframing.record_reframe(context, entry.id, "giraffereframesecret", "own")
    account.forget_everything(context, "forget")
    context.close()
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    for file in path.parent.glob(path.name + "*"):
        assert b"zebracrossingsecret" not in file.read_bytes(), file
        assert b"giraffereframesecret" not in file.read_bytes(), file
