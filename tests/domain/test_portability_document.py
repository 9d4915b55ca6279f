from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from kindvoice.core.errors import ValidationError
from kindvoice.domain.portability import FORMAT_VERSION, parse_document, to_document
from kindvoice.domain.records import CheckIn, Emotion, Entry, Journal, Profile

NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
TOKYO = timezone(timedelta(hours=9))


def sample_journal() -> Journal:
    written = datetime(2026, 11, 2, 23, 5, 1, 123456, tzinfo=TOKYO)
    return Journal(
        profile=Profile(uid="8d5b0c1e-8f4b-4a59-9d57-3c1b0f1a2b3c", created_at=written),
        entries=(
            Entry(
                uid="2cde109f-8a93-4d9e-b235-a787ff36050f",
                thought="私はダメだ — I'm useless",
                situation="late train",
                emotions=(Emotion("sad", 70), Emotion("tired", 40)),
                tags=("commute",),
                created_at=written,
                updated_at=written + timedelta(hours=1),
            ),
        ),
        checkins=(
            CheckIn(
                uid="f3a2c9b8-1d2e-4f5a-9b8c-7d6e5f4a3b2c",
                created_at=written,
                mood=3,
                stress=8,
                critic=9,
                note="long day",
            ),
        ),
    )


def test_document_round_trips_through_parse() -> None:
    journal = sample_journal()
    document = to_document(journal, "9.9.9")
    parsed = parse_document(copy.deepcopy(document), NOW)
    assert to_document(parsed, "9.9.9") == document
    assert parsed.entries[0].created_at.utcoffset() == timedelta(hours=9)


def test_document_has_no_export_timestamp_so_it_is_deterministic() -> None:
    journal = sample_journal()
    assert to_document(journal, "1") == to_document(journal, "1")
    assert "exported_at" not in to_document(journal, "1")


def problems_of(document: Any) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as caught:
        parse_document(document, NOW)
    return [(p.location, p.code) for p in caught.value.problems]


def test_parse_reports_every_problem_with_its_location() -> None:
    document = to_document(sample_journal(), "1")
    document["entries"][0]["thought"] = ""
    document["entries"][0]["emotions"][1]["intensity"] = 101
    document["entries"][0]["created_at"] = "2026-11-02T23:05:01"  # no time zone
    document["checkins"][0]["mood"] = "high"
    document["checkins"][0]["created_at"] = "2031-01-01T00:00:00+00:00"  # future
    assert set(problems_of(document)) == {
        ("entries[0].thought", "empty_text"),
        ("entries[0].emotions[1].intensity", "out_of_range"),
        ("entries[0].created_at", "no_time_zone"),
        ("checkins[0].mood", "not_a_whole_number"),
        ("checkins[0].created_at", "in_the_future"),
    }


def test_parse_refuses_future_format_versions_kindly() -> None:
    document = to_document(sample_journal(), "1")
    document["version"] = FORMAT_VERSION + 1
    with pytest.raises(ValidationError) as caught:
        parse_document(document, NOW)
    assert caught.value.code == "import_future_version"


@pytest.mark.parametrize(
    "document",
    [
        [],
        "text",
        {"format": "something-else", "version": 1},
        {"format": "kindvoice-export", "version": "1"},
    ],
)
def test_parse_refuses_documents_that_are_not_ours(document: Any) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_document(document, NOW)
    assert caught.value.code == "import_invalid"


def test_parse_refuses_repeated_and_malformed_ids() -> None:
    document = to_document(sample_journal(), "1")
    document["entries"].append(copy.deepcopy(document["entries"][0]))
    document["checkins"][0]["id"] = "not-a-uuid"
    found = problems_of(document)
    assert ("entries[1].id", "repeated_id") in found
    assert ("checkins[0].id", "not_an_id") in found


def test_parse_reports_missing_fields() -> None:
    document = to_document(sample_journal(), "1")
    del document["entries"][0]["created_at"]
    del document["entries"][0]["thought"]
    del document["checkins"][0]["critic"]
    assert set(problems_of(document)) == {
        ("entries[0].created_at", "missing"),
        ("entries[0].thought", "missing"),
        ("checkins[0].critic", "missing"),
    }
