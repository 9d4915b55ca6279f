from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from kindvoice.core.errors import ValidationError
from kindvoice.domain.nlp.types import TrapScore
from kindvoice.domain.portability import FORMAT_VERSION, parse_document, to_document
from kindvoice.domain.records import (
    CheckIn,
    CriticSpan,
    Emotion,
    Entry,
    Journal,
    Profile,
    Reflection,
    SavedReframe,
    StoredAnalysis,
    TrapFeedback,
)

NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
TOKYO = timezone(timedelta(hours=9))


THOUGHT = "私はダメだ — I'm useless"


def sample_reflection(written: datetime) -> Reflection:
    start = THOUGHT.index("I'm useless")
    return Reflection(
        analysis=StoredAnalysis(
            model_version="test-1",
            crisis_level="none",
            crisis_cue="",
            critic_probability=0.9312,
            is_self_critical=True,
            traps=(TrapScore("labeling", 0.81), TrapScore("overgeneralizing", 0.2)),
            critic_spans=(CriticSpan(start, len(THOUGHT), 0),),
            created_at=written + timedelta(seconds=1),
        ),
        trap_feedback=(
            TrapFeedback("labeling", "confirmed", written + timedelta(minutes=1)),
            TrapFeedback("mind_reading", "added", written + timedelta(minutes=1)),
        ),
        reframes=(
            SavedReframe(
                uid="5b0b6f43-3f0e-4b53-8d0c-0d1a2b3c4d5e",
                text="I had a hard day; that doesn't make me useless.",
                origin="edited",
                component="self_kindness",
                trap="labeling",
                belief_before=80,
                belief_after=45,
                created_at=written + timedelta(minutes=3),
            ),
            SavedReframe(
                uid="6c1c7f54-4f1f-4c64-9e1d-1e2b3c4d5e6f",
                text="Be gentle.",
                origin="own",
                created_at=written + timedelta(minutes=4),
            ),
        ),
    )


def sample_journal() -> Journal:
    written = datetime(2026, 11, 2, 23, 5, 1, 123456, tzinfo=TOKYO)
    return Journal(
        profile=Profile(uid="8d5b0c1e-8f4b-4a59-9d57-3c1b0f1a2b3c", created_at=written),
        entries=(
            Entry(
                uid="2cde109f-8a93-4d9e-b235-a787ff36050f",
                thought=THOUGHT,
                situation="late train",
                emotions=(Emotion("sad", 70), Emotion("tired", 40)),
                tags=("commute",),
                created_at=written,
                updated_at=written + timedelta(hours=1),
                reflection=sample_reflection(written),
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
    assert parsed == journal
    analysis = document["entries"][0]["analysis"]
    assert analysis["critic_spans"] == [
        {"start": THOUGHT.index("I'm"), "end": len(THOUGHT), "sentence": 0, "text": "I'm useless"}
    ]
    assert analysis["traps"] == {"labeling": 0.81, "overgeneralizing": 0.2}
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


def test_version_1_documents_still_parse() -> None:
    document = to_document(sample_journal(), "0.1.0")
    document["version"] = 1
    del document["practice_runs"]
    for key in ("analysis", "trap_feedback", "reframes"):
        del document["entries"][0][key]
    parsed = parse_document(document, NOW)
    assert parsed.entries[0].reflection == Reflection()
    assert parsed.practice_runs == ()
    again = to_document(parsed, "0.1.0")
    assert again["version"] == FORMAT_VERSION == 3
    assert again["practice_runs"] == []
    assert again["entries"][0]["analysis"] is None
    assert again["entries"][0]["trap_feedback"] == []
    assert again["entries"][0]["reframes"] == []


def test_parse_checks_every_part_of_a_reflection() -> None:
    document = to_document(sample_journal(), "1")
    entry = document["entries"][0]
    entry["analysis"]["crisis_level"] = "panic"
    entry["analysis"]["critic_probability"] = 1.5
    entry["analysis"]["is_self_critical"] = "yes"
    entry["analysis"]["traps"]["gloom"] = 0.3
    entry["analysis"]["critic_spans"][0]["end"] = 999
    del entry["analysis"]["model_version"]
    entry["trap_feedback"][1]["trap"] = "labeling"  # twice for one entry
    entry["trap_feedback"][0]["verdict"] = "maybe"
    entry["reframes"][0]["belief_before"] = 101
    entry["reframes"][0]["belief_after"] = True
    entry["reframes"][0]["origin"] = "borrowed"
    entry["reframes"][0]["component"] = "grit"
    entry["reframes"][1]["id"] = entry["reframes"][0]["id"]
    entry["reframes"][1]["text"] = "   "
    entry["reframes"][1]["trap"] = "gloom"
    at = "entries[0]"
    assert set(problems_of(document)) == {
        (f"{at}.analysis.crisis_level", "not_one_of"),
        (f"{at}.analysis.critic_probability", "not_a_probability"),
        (f"{at}.analysis.is_self_critical", "not_true_false"),
        (f"{at}.analysis.traps.gloom", "unknown_trap"),
        (f"{at}.analysis.critic_spans[0]", "bad_span"),
        (f"{at}.analysis.model_version", "missing"),
        (f"{at}.trap_feedback[1].trap", "repeated_trap"),
        (f"{at}.trap_feedback[0].verdict", "not_one_of"),
        (f"{at}.reframes[0].belief_before", "out_of_range"),
        (f"{at}.reframes[0].belief_after", "not_a_whole_number"),
        (f"{at}.reframes[0].origin", "not_one_of"),
        (f"{at}.reframes[0].component", "not_one_of"),
        (f"{at}.reframes[1].id", "repeated_id"),
        (f"{at}.reframes[1].text", "empty_text"),
        (f"{at}.reframes[1].trap", "unknown_trap"),
    }


def test_parse_reports_missing_reflection_fields_and_wrong_shapes() -> None:
    document = to_document(sample_journal(), "1")
    entry = document["entries"][0]
    del entry["reframes"][0]["text"]
    del entry["reframes"][0]["created_at"]
    del entry["reframes"][1]["origin"]
    entry["trap_feedback"] = {"labeling": "confirmed"}
    entry["analysis"]["critic_spans"] = [{"start": "0", "end": 3, "sentence": 0}]
    at = "entries[0]"
    assert set(problems_of(document)) == {
        (f"{at}.reframes[0].text", "missing"),
        (f"{at}.reframes[0].created_at", "missing"),
        (f"{at}.reframes[1].origin", "missing"),
        (f"{at}.trap_feedback", "not_a_list"),
        (f"{at}.analysis.critic_spans[0]", "bad_span"),
    }


def test_reframe_ids_must_be_unique_across_entries() -> None:
    document = to_document(sample_journal(), "1")
    second = copy.deepcopy(document["entries"][0])
    second["id"] = "0ea79863-1f70-4610-9e26-551ad1cc2fbd"
    document["entries"].append(second)
    assert set(problems_of(document)) == {
        ("entries[1].reframes[0].id", "repeated_id"),
        ("entries[1].reframes[1].id", "repeated_id"),
    }
