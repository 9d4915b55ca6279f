"""Questionnaire results through export and import: exact round trips, no repeats, bad files."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kindvoice.core.clock import FrozenClock
from kindvoice.core.config import Settings
from kindvoice.core.errors import ValidationError
from kindvoice.domain.instruments.engine import Instrument, find_instrument, parse_instrument
from kindvoice.domain.instruments.results import Assessment, make_assessment
from kindvoice.domain.portability import to_document
from kindvoice.domain.records import Journal
from kindvoice.interfaces import messages as m
from kindvoice.services import account, assessments, checkins, journal, portability
from kindvoice.services.wiring import Context, open_context
from kindvoice.storage import assessment_repos

NEPAL = timezone(timedelta(hours=5, minutes=45))
MARQUESAS = timezone(timedelta(hours=-9, minutes=-30))
# A person's own questionnaire: its file needn't be on the computer that imports the results.
OWN = parse_instrument(
    """
id = "my-evening-three"
name = "My evening three"
description = "Three questions I ask myself in the evening."
validated = false
wording_included = true
higher_is_better = true
scoring = "sum"
subscales = ["rest", "warmth"]
subscale_scoring = "sum"

[scale]
low = 0
high = 6

[[items]]
number = 1
text = "I rested."
reverse = false
subscale = "rest"

[[items]]
number = 2
text = "I rushed."
reverse = true
subscale = "rest"

[[items]]
number = 3
text = "I was warm to myself."
reverse = false
subscale = "warmth"
""",
    "my-evening-three.toml",
)


def kindness() -> Instrument:
    found = find_instrument("kindness-checkin")
    assert found is not None
    return found


def keep_results(ctx: Context, clock: FrozenClock) -> list[Assessment]:
    """Five results of two instruments, in odd time zones, oldest first."""
    kept: list[Assessment] = []
    plan: list[tuple[Instrument, dict[int, int]]] = [
        (kindness(), {1: 3, 2: 4, 3: 2, 4: 5, 5: 1, 6: 3, 7: 4, 8: 2}),
        (OWN, {1: 6, 2: 0, 3: 5}),
        (kindness(), dict.fromkeys(range(1, 9), 3)),
        (OWN, {1: 1, 2: 6, 3: 0}),
        (kindness(), {1: 5, 2: 5, 3: 4, 4: 1, 5: 2, 6: 1, 7: 5, 8: 4}),
    ]
    for index, (instrument, given) in enumerate(plan):
        zone = NEPAL if index % 2 else MARQUESAS
        when = (clock.now() - timedelta(days=10 - index)).astimezone(zone)
        kept.append(
            assessments.record(ctx, instrument, given, at=when.replace(microsecond=index * 7))
        )
    return kept


def with_journal(ctx: Context, clock: FrozenClock) -> list[Assessment]:
    journal.record_thought(ctx, "I'm bad at looking after myself.", "late again")
    checkins.record_checkin(ctx, 5, 4, 6, "tired", kindness=4)
    return keep_results(ctx, clock)


def fresh_context(tmp_path: Path, clock: FrozenClock, name: str = "other.sqlite3") -> Context:
    return open_context(Settings(home=tmp_path, database_url=f"sqlite:///{tmp_path / name}"), clock)


def stored(ctx: Context) -> list[Assessment]:
    with ctx.db.read() as conn:
        return assessment_repos.list_assessments(conn, ctx.user_id, oldest_first=True)


def without_ids(results: list[Assessment]) -> list[tuple[Any, ...]]:
    return [
        (a.uid, a.instrument, a.answers, a.total, a.subscales, a.taken_at, a.taken_at.utcoffset())
        for a in results
    ]


def test_assessments_round_trip_exactly(ctx: Context, clock: FrozenClock, tmp_path: Path) -> None:
    results = with_journal(ctx, clock)
    first = portability.export_document(ctx)
    assert first["version"] == 3
    assert list(first)[-1] == "assessments"
    assert [a["instrument"] for a in first["assessments"]] == [a.instrument for a in results]
    assert first["assessments"][1] == {
        "id": results[1].uid,
        "instrument": "my-evening-three",
        "answers": {"1": 6, "2": 0, "3": 5},
        "total": 17.0,
        "subscales": {"rest": 12.0, "warmth": 5.0},
        "taken_at": results[1].taken_at.isoformat(),
    }
    assert first["assessments"][1]["taken_at"].endswith(".000007+05:45")
    assert first["assessments"][0]["taken_at"].endswith("-09:30")
    path = tmp_path / "export.json"
    assert portability.write_json(ctx, path) == 1 + 1 + len(results)

    # Into an empty SQLite file: every field comes back, even for an instrument it doesn't know.
    other = fresh_context(tmp_path, clock)
    report = portability.import_journal(other, portability.read_import_file(path, other))
    assert (report.assessments_added, report.assessments_skipped) == (len(results), 0)
    assert (report.entries_added, report.checkins_added) == (1, 1)
    assert without_ids(stored(other)) == without_ids(results)
    assert portability.export_document(other) == first
    assert journal.count(other)["assessments"] == len(results)
    other.close()
    # ... and into an empty database of the same kind (this one, after forgetting).
    removed = account.forget_everything(ctx, "forget")
    assert removed["assessments"] == len(results)
    again = open_context(Settings(home=tmp_path, database_url=ctx.db.url), clock)
    assert journal.count(again)["assessments"] == 0
    portability.import_journal(again, portability.read_import_file(path, again))
    assert without_ids(stored(again)) == without_ids(results)
    assert portability.export_document(again) == first
    again.close()


def test_no_results_write_no_key(ctx: Context, clock: FrozenClock) -> None:
    journal.record_thought(ctx, "Nothing answered yet.")
    assert "assessments" not in portability.export_document(ctx)


def test_reimport_adds_no_result_twice(ctx: Context, clock: FrozenClock, tmp_path: Path) -> None:
    results = with_journal(ctx, clock)
    path = tmp_path / "export.json"
    portability.write_json(ctx, path)
    report = portability.import_journal(ctx, portability.read_import_file(path, ctx))
    assert (report.assessments_added, report.assessments_skipped) == (0, len(results))
    assert without_ids(stored(ctx)) == without_ids(results)

    other = fresh_context(tmp_path, clock)
    dry = portability.import_journal(other, portability.read_import_file(path, other), dry_run=True)
    assert (dry.dry_run, dry.assessments_added, dry.assessments_skipped) == (True, len(results), 0)
    assert stored(other) == []
    # Some already there, some new: only the new ones are added.
    document = portability.export_document(ctx)
    document["assessments"] = document["assessments"][:2]
    half = tmp_path / "half.json"
    half.write_text(json.dumps(document), encoding="utf-8")
    portability.import_journal(other, portability.read_import_file(half, other))
    report = portability.import_journal(other, portability.read_import_file(path, other))
    assert (report.assessments_added, report.assessments_skipped) == (len(results) - 2, 2)
    assert without_ids(stored(other)) == without_ids(results)
    other.close()


@pytest.mark.parametrize("version", [2, 3])
def test_files_without_assessments_still_import(
    ctx: Context, clock: FrozenClock, tmp_path: Path, version: int
) -> None:
    with_journal(ctx, clock)
    document = portability.export_document(ctx)
    del document["assessments"]
    if version < 3:
        del document["practice_runs"]
    document["version"] = version
    path = tmp_path / f"v{version}.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    other = fresh_context(tmp_path, clock)
    report = portability.import_journal(other, portability.read_import_file(path, other))
    assert (report.entries_added, report.assessments_added) == (1, 0)
    assert stored(other) == []
    assert "assessments" not in portability.export_document(other)
    other.close()


def test_malformed_assessments_give_every_problem_and_import_nothing(
    ctx: Context, clock: FrozenClock, tmp_path: Path
) -> None:
    with_journal(ctx, clock)
    document = portability.export_document(ctx)
    results = document["assessments"]
    results[0]["answers"]["3"] = 2.5
    results[1]["total"] = "high"
    results[2]["subscales"]["mindfulness"] = None
    results[3]["instrument"] = "My Evening"
    results[4]["id"] = results[0]["id"]
    results[4]["taken_at"] = "2030-01-01T00:00:00+00:00"
    results.append({"id": "nope", "answers": {"one": 1}})
    results.append(["kindness-checkin"])
    path = tmp_path / "bad-results.json"
    # NaN and Infinity are what Python's json writes for floats that aren't finite.
    text = json.dumps(document).replace('"high"', "NaN")
    path.write_text(text, encoding="utf-8")
    other = fresh_context(tmp_path, clock)
    with pytest.raises(ValidationError) as caught:
        portability.read_import_file(path, other)
    assert caught.value.code == "import_invalid"
    assert sorted((p.location, p.code) for p in caught.value.problems) == sorted(
        [
            ("assessments[0].answers.3", "not_a_whole_answer"),
            ("assessments[1].total", "not_a_finite_number"),
            ("assessments[2].subscales.mindfulness", "missing"),
            ("assessments[3].instrument", "not_an_instrument_id"),
            ("assessments[4].id", "repeated_id"),
            ("assessments[4].taken_at", "in_the_future"),
            ("assessments[5].id", "not_an_id"),
            ("assessments[5].instrument", "missing"),
            ("assessments[5].answers.one", "not_an_item_number"),
            ("assessments[5].total", "missing"),
            ("assessments[5].taken_at", "missing"),
            ("assessments[6]", "not_an_object"),
        ]
    )
    for problem in caught.value.problems:
        assert m.describe_problem(problem).startswith(problem.location)
        assert not re.search(r"\{\w+\}", m.describe_problem(problem))
    assert journal.count(other) == {
        "entries": 0,
        "checkins": 0,
        "practice_runs": 0,
        "program_events": 0,
        "assessments": 0,
    }
    other.close()


def test_an_import_that_fails_later_leaves_no_result_behind(
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
    assert stored(other) == []
    other.close()


# --- what `kindvoice import` says -------------------------------------------------------


def test_cli_import_mentions_questionnaire_results(tmp_path: Path) -> None:
    from kindvoice.interfaces.cli import app as cli_app

    now = datetime.now(UTC)
    results = [
        make_assessment(kindness(), dict.fromkeys(range(1, 9), value), now - timedelta(days=1), now)
        for value in (2, 4)
    ]
    path = tmp_path / "results.json"
    document = to_document(Journal(profile=None, assessments=tuple(results)), "0.1.0")
    path.write_text(json.dumps(document), encoding="utf-8")
    runner = CliRunner()
    db = f"sqlite:///{tmp_path / 'cli.sqlite3'}"

    def kv(*args: str) -> Any:
        result = runner.invoke(cli_app.app, ["--db", db, *args], prog_name="kindvoice")
        assert result.exit_code == 0, result.output
        return result

    two = m.count(2, "assessment")
    assert two == "2 questionnaire results"
    dry = kv("import", str(path), "--dry-run").stdout
    assert m.say("import.would_add_assessments", results=two) in dry
    assert m.say("import.dry_run") in dry
    assert m.say("import.added_assessments", results=two) in kv("import", str(path)).stdout
    assert m.say("import.nothing_new") in kv("import", str(path)).stdout
    dry_again = kv("import", str(path), "--dry-run").stdout
    assert m.say("import.already_assessments", results=two) in dry_again
    listed = json.loads(kv("assess", "--history", "--json").stdout)
    assert [r["uid"] for r in listed] == [r.uid for r in results[::-1]]
