"""Checks for practice runs, and reading them from an export document."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from kindvoice.core.errors import ValidationError
from kindvoice.domain.portability import parse_document, to_document
from kindvoice.domain.practice_runs import (
    MAX_PATTERN_CHARS,
    MAX_RUN_SECONDS,
    PracticeRun,
    PracticeRunDraft,
    make_practice_run_draft,
    recheck_draft,
)
from kindvoice.domain.records import Entry, Journal, Reflection

NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
TOKYO = timezone(timedelta(hours=9))
ENTRY_UID = "2cde109f-8a93-4d9e-b235-a787ff36050f"


def draft(**changes: Any) -> PracticeRunDraft:
    fields: dict[str, Any] = {
        "practice": "box",
        "kind": "breathing",
        "started_at": NOW - timedelta(minutes=10),
        "now": NOW,
        "planned_s": 240,
        "actual_s": 238.5,
        "completed": True,
        "pattern": "4-4-4-4",
    }
    fields.update(changes)
    return make_practice_run_draft(fields.pop("practice"), fields.pop("kind"), **fields)


def problems_of(**changes: Any) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as caught:
        draft(**changes)
    return [(p.location, p.code) for p in caught.value.problems]


def test_draft_keeps_what_was_given_tidied() -> None:
    made = draft(pattern="  2+1-6 ", stress_before=0, kindness_after=10)
    assert made == PracticeRunDraft(
        practice="box",
        kind="breathing",
        started_at=NOW - timedelta(minutes=10),
        planned_s=240.0,
        actual_s=238.5,
        completed=True,
        pattern="2+1-6",
        stress_before=0,
        kindness_after=10,
    )
    assert isinstance(made.planned_s, float)
    assert recheck_draft(made, NOW) == made


def test_draft_accepts_the_edges() -> None:
    made = draft(planned_s=0, actual_s=MAX_RUN_SECONDS, completed=False, pattern=None)
    assert (made.planned_s, made.actual_s, made.pattern) == (0.0, 10_800.0, None)
    # -0.0 is kept as 0.0, so every database reads the same number back.
    assert str(draft(actual_s=-0.0).actual_s) == "0.0"
    letter = draft(
        kind="writing", practice="compassionate-letter", pattern=None, entry_uid=ENTRY_UID.upper()
    )
    assert letter.entry_uid == ENTRY_UID


def test_draft_reports_every_problem_at_once() -> None:
    assert problems_of(
        practice="Box Breathing",
        kind="jogging",
        started_at=NOW + timedelta(hours=1),
        planned_s=float("nan"),
        actual_s=10**400,
        completed="yes",
        pattern="x" * (MAX_PATTERN_CHARS + 1),
        stress_before=11,
        stress_after=-1,
        kindness_before=True,
        kindness_after=2.5,
        entry_uid="not-an-id",
    ) == [
        ("practice", "not_a_practice_id"),
        ("kind", "not_one_of"),
        ("pattern", "too_long"),
        ("planned_s", "not_seconds"),
        ("actual_s", "out_of_range"),
        ("completed", "not_true_false"),
        ("entry_uid", "not_an_id"),
        ("stress_before", "out_of_range"),
        ("stress_after", "out_of_range"),
        ("kindness_before", "not_a_whole_number"),
        ("kindness_after", "not_a_whole_number"),
        ("started_at", "in_the_future"),
    ]


@pytest.mark.parametrize(
    "practice", ["", "-box", "box-", "box--breath", "Box", "box breath", "x" * 61, 7]
)
def test_practice_ids_are_lowercase_words_joined_by_dashes(practice: object) -> None:
    assert problems_of(practice=practice)[0][0] == "practice"


def test_patterns_belong_to_breathing_and_entries_to_writing() -> None:
    assert problems_of(kind="guided", practice="body-scan") == [
        ("pattern", "pattern_not_breathing")
    ]
    assert problems_of(entry_uid=ENTRY_UID) == [("entry_uid", "entry_not_writing")]
    assert problems_of(pattern="") == [("pattern", "empty_text")]
    assert problems_of(pattern=478) == [("pattern", "not_text")]


def test_started_at_needs_a_time_zone() -> None:
    assert problems_of(started_at=datetime(2026, 11, 20, 9, 0)) == [("started_at", "no_time_zone")]


# --- the export document -------------------------------------------------------------


def sample_journal() -> Journal:
    written = datetime(2026, 11, 2, 23, 5, 1, 123456, tzinfo=TOKYO)
    letter = Entry(
        uid=ENTRY_UID,
        thought="Dear me",
        situation="",
        emotions=(),
        tags=(),
        created_at=written,
        updated_at=written,
        reflection=Reflection(),
    )
    return Journal(
        profile=None,
        entries=(letter,),
        practice_runs=(
            PracticeRun(
                uid="6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b",
                practice="resonance",
                kind="breathing",
                started_at=written - timedelta(hours=1),
                planned_s=300.0,
                actual_s=301.25,
                completed=True,
                pattern="5.5-5.5",
                stress_before=6,
                stress_after=3,
            ),
            PracticeRun(
                uid="7a2d3c4b-5e6f-4a71-9b8c-0d1e2f3a4b5c",
                practice="compassionate-letter",
                kind="writing",
                started_at=written,
                planned_s=0.0,
                actual_s=845.0,
                completed=False,
                kindness_before=2,
                kindness_after=7,
                entry_uid=ENTRY_UID,
            ),
        ),
    )


def test_runs_round_trip_through_the_document() -> None:
    journal = sample_journal()
    document = to_document(journal, "9.9.9")
    assert document["practice_runs"][1] == {
        "id": "7a2d3c4b-5e6f-4a71-9b8c-0d1e2f3a4b5c",
        "practice": "compassionate-letter",
        "kind": "writing",
        "pattern": None,
        "planned_seconds": 0.0,
        "actual_seconds": 845.0,
        "completed": False,
        "ratings": {
            "stress_before": None,
            "stress_after": None,
            "kindness_before": 2,
            "kindness_after": 7,
        },
        "entry": ENTRY_UID,
        "started_at": "2026-11-02T23:05:01.123456+09:00",
    }
    parsed = parse_document(copy.deepcopy(document), NOW)
    assert parsed == journal
    assert parsed.practice_runs[0].started_at.utcoffset() == timedelta(hours=9)
    assert to_document(parsed, "9.9.9") == document


def test_optional_run_fields_may_be_left_out() -> None:
    document = to_document(sample_journal(), "9.9.9")
    for run in document["practice_runs"]:
        for key in ("pattern", "ratings", "entry"):
            del run[key]
    document["practice_runs"][0]["actual_seconds"] = 301  # a whole number reads as seconds too
    parsed = parse_document(document, NOW)
    first, second = parsed.practice_runs
    assert (first.pattern, first.stress_before, first.actual_s) == (None, None, 301.0)
    assert (second.entry_uid, second.kindness_after) == (None, None)


def test_parse_reports_every_run_problem_with_its_location() -> None:
    document = to_document(sample_journal(), "9.9.9")
    first, second = document["practice_runs"]
    first["ratings"]["stress_after"] = 12
    first["entry"] = ENTRY_UID
    first["planned_seconds"] = float("inf")
    second["kind"] = None
    second["id"] = first["id"]
    second["started_at"] = "yesterday"
    with pytest.raises(ValidationError) as caught:
        parse_document(document, NOW)
    assert caught.value.code == "import_invalid"
    assert [(p.location, p.code) for p in caught.value.problems] == [
        ("practice_runs[0].planned_seconds", "not_seconds"),
        ("practice_runs[0].entry", "entry_not_writing"),
        ("practice_runs[0].ratings.stress_after", "out_of_range"),
        ("practice_runs[1].id", "repeated_id"),
        ("practice_runs[1].started_at", "not_a_date"),
        ("practice_runs[1].kind", "missing"),
    ]


def test_practice_runs_must_be_a_list() -> None:
    document = to_document(sample_journal(), "9.9.9")
    document["practice_runs"] = {"0": {}}
    with pytest.raises(ValidationError) as caught:
        parse_document(document, NOW)
    assert [(p.location, p.code) for p in caught.value.problems] == [
        ("practice_runs", "not_a_list")
    ]


def test_version_2_documents_have_no_runs() -> None:
    document = to_document(sample_journal(), "9.9.9")
    document["version"] = 2
    del document["practice_runs"]
    assert parse_document(document, NOW).practice_runs == ()
