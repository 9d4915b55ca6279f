from __future__ import annotations

import csv
import dataclasses
import json
from datetime import timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from kindvoice.core.clock import FrozenClock
from kindvoice.core.config import Settings
from kindvoice.core.errors import ImportFileError, KindvoiceError, ValidationError
from kindvoice.domain.nlp.types import TrapScore
from kindvoice.domain.practice_runs import PracticeRun
from kindvoice.domain.records import CriticSpan, Emotion, StoredAnalysis
from kindvoice.services import account, checkins, journal, portability, practice_log, reframing
from kindvoice.services.wiring import Context, open_context
from kindvoice.storage import reframing_repos
from kindvoice.storage.schema import (
    entry_analyses,
    practice_runs,
    program_events,
    reframes,
    trap_feedback,
)
from tests.services._practice import practise

UNICODE_SAMPLES = [
    "I'm a failure 😞 — always",
    "私はダメだ",
    "אני כישלון",
    "Ich bin so dumm, schon wieder.\nZweite Zeile\r\nDritte",
    "e\u0301 (combining) vs é",
    "zero\u200bwidth and \U0001f9e0 and \t tab",
]


def reflect(ctx: Context, clock: FrozenClock, entry_id: int, thought: str) -> None:
    """An analysis (as the engine would leave it), trap feedback and two reframes."""
    analysis = StoredAnalysis(
        model_version="test-model-1",
        crisis_level="none",
        crisis_cue="",
        critic_probability=0.8765,
        is_self_critical=True,
        traps=(TrapScore("labeling", 0.7), TrapScore("overgeneralizing", 0.3125)),
        critic_spans=(CriticSpan(0, min(5, len(thought)), 0),),
        created_at=clock.now(),
    )
    with ctx.db.write() as conn:
        reframing_repos.replace_analysis(conn, ctx.user_id, entry_id, analysis)
    reframing.record_trap_feedback(ctx, entry_id, "labeling", "confirmed")
    reframing.record_trap_feedback(ctx, entry_id, "comparing", "added")
    clock.advance(timedelta(seconds=30))
    reframing.record_reframe(
        ctx,
        entry_id,
        "Ein Fehler macht mich nicht aus 🌱",
        "edited",
        "self_kindness",
        "labeling",
        85,
        40,
    )
    reframing.record_reframe(ctx, entry_id, "My own words", "own")


def fill(ctx: Context, clock: FrozenClock) -> None:
    for index, text in enumerate(UNICODE_SAMPLES):
        clock.advance(timedelta(minutes=7))
        entry = journal.record_thought(
            ctx,
            text,
            f"situation {index}",
            [Emotion("sad", 10 * index), Emotion("😶", 5)],
            [f"tag{index}", "shared"],
        )
        if index % 2 == 0:
            assert entry.id is not None
            reflect(ctx, clock, entry.id, entry.thought)
    offset = timezone(timedelta(hours=-3, minutes=-30))
    journal.record_thought(ctx, "written elsewhere", at=clock.now().astimezone(offset))
    checkins.record_checkin(ctx, 3, 8, 9, "tough 🌧")
    clock.advance(timedelta(hours=1))
    checkins.record_checkin(ctx, 7, 2, 1)


def fresh_context(tmp_path: Path, clock: FrozenClock, name: str = "other.sqlite3") -> Context:
    return open_context(Settings(home=tmp_path, database_url=f"sqlite:///{tmp_path / name}"), clock)


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


def _valid_document(ctx: Context, clock: FrozenClock) -> dict[str, Any]:
    fill(ctx, clock)
    return portability.export_document(ctx)


def _bad_files(document: dict[str, Any]) -> dict[str, bytes]:
    good = portability.dump_document(document).encode("utf-8")
    huge = json.loads(good)
    huge["entries"][0]["thought"] = "x" * 1_000_000
    future = json.loads(good)
    future["version"] = 99
    later = json.loads(good)
    later["entries"][1]["created_at"] = "2099-01-01T00:00:00+00:00"
    naive = json.loads(good)
    naive["checkins"][0]["created_at"] = "2026-11-01T08:00:00"
    escaped_nul = json.loads(good)
    escaped_nul["entries"][0]["thought"] = "nul\u0000inside"
    belief = json.loads(good)
    belief["entries"][0]["reframes"][0]["belief_after"] = 140
    return {
        "empty": b"",
        "whitespace": b"  \n ",
        "nul bytes": good[:50] + b"\x00\x00" + good[50:],
        "invalid utf-8": good[:60] + b"\xff\xfe\xfa" + good[60:],
        "truncated": good[: len(good) // 2],
        "not json": b"entries: [1, 2]",
        "binary": bytes(range(256)),
        "huge thought": json.dumps(huge).encode(),
        "future version": json.dumps(future).encode(),
        "future date": json.dumps(later).encode(),
        "no time zone": json.dumps(naive).encode(),
        "escaped nul": json.dumps(escaped_nul).encode(),
        "belief out of range": json.dumps(belief).encode(),
        "wrong shape": b'{"format": "kindvoice-export", "version": 1, "entries": {"a": 1}}',
        "deep nesting": b"[" * 100_000 + b"]" * 100_000,
    }


def test_bad_import_files_get_clear_errors_and_change_nothing(
    ctx: Context, clock: FrozenClock, tmp_path: Path
) -> None:
    document = _valid_document(ctx, clock)
    before = portability.export_document(ctx)
    for name, content in _bad_files(document).items():
        path = tmp_path / "bad.json"
        path.write_bytes(content)
        with pytest.raises(KindvoiceError) as caught:
            portability.import_journal(ctx, portability.read_import_file(path, ctx))
        assert isinstance(caught.value, ImportFileError | ValidationError), name
        assert caught.value.code.startswith("import_"), (name, caught.value.code)
        assert portability.export_document(ctx) == before, name


def test_bad_import_errors_say_what_and_where(
    ctx: Context, clock: FrozenClock, tmp_path: Path
) -> None:
    files = _bad_files(_valid_document(ctx, clock))

    def error_for(name: str) -> KindvoiceError:
        path = tmp_path / "bad.json"
        path.write_bytes(files[name])
        with pytest.raises(KindvoiceError) as caught:
            portability.read_import_file(path, ctx)
        return caught.value

    assert error_for("empty").code == "import_empty"
    assert error_for("nul bytes").code == "import_binary"
    assert error_for("invalid utf-8").code == "import_not_utf8"
    assert error_for("truncated").code == "import_truncated"
    assert error_for("not json").code == "import_not_json"
    assert error_for("future version").code == "import_future_version"
    huge = error_for("huge thought")
    assert isinstance(huge, ValidationError)
    assert [(p.location, p.code) for p in huge.problems] == [("entries[0].thought", "too_long")]
    later = error_for("future date")
    assert isinstance(later, ValidationError)
    assert [(p.location, p.code) for p in later.problems] == [
        ("entries[1].created_at", "in_the_future")
    ]
    belief = error_for("belief out of range")
    assert isinstance(belief, ValidationError)
    assert [(p.location, p.code) for p in belief.problems] == [
        ("entries[0].reframes[0].belief_after", "out_of_range")
    ]
    naive = error_for("no time zone")
    assert isinstance(naive, ValidationError)
    assert [(p.location, p.code) for p in naive.problems] == [
        ("checkins[0].created_at", "no_time_zone")
    ]


def test_missing_file_and_folder_get_kind_errors(ctx: Context, tmp_path: Path) -> None:
    with pytest.raises(ImportFileError) as missing:
        portability.read_import_file(tmp_path / "nope.json", ctx)
    assert missing.value.code == "import_missing"
    with pytest.raises(ImportFileError) as folder:
        portability.read_import_file(tmp_path, ctx)
    assert folder.value.code == "import_is_folder"


def test_import_accepts_a_byte_order_mark(ctx: Context, clock: FrozenClock, tmp_path: Path) -> None:
    document = _valid_document(ctx, clock)
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + portability.dump_document(document).encode("utf-8"))
    other = fresh_context(tmp_path, clock)
    portability.import_journal(other, portability.read_import_file(path, other))
    assert portability.export_document(other) == document
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


# --- practice runs (format version 3) --------------------------------------------------

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
