"""Check-ins may lack stress and critic ratings (from Daylio); the mood is always needed."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from kindvoice.core.errors import ValidationError
from kindvoice.domain.portability import checkin_to_dict, parse_document
from kindvoice.domain.records import CheckIn
from kindvoice.domain.validation import make_checkin_draft

NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
UID = "2cde109f-8a93-4d9e-b235-a787ff36050f"


def document(**checkin: Any) -> dict[str, Any]:
    item = {"id": UID, "created_at": "2026-11-01T08:00:00+01:00", "note": ""} | checkin
    return {"format": "kindvoice-export", "version": 3, "checkins": [item]}


def test_a_checkin_draft_without_stress_or_critic() -> None:
    draft = make_checkin_draft(4, None, None)
    assert (draft.mood, draft.stress, draft.critic, draft.kindness) == (4, None, None, None)
    with pytest.raises(ValidationError) as caught:
        make_checkin_draft(None, None, 11)
    assert [(p.location, p.code) for p in caught.value.problems] == [
        ("mood", "not_a_whole_number"),
        ("critic", "out_of_range"),
    ]


def test_null_ratings_round_trip_through_the_export_document() -> None:
    item = CheckIn(uid=UID, created_at=NOW, mood=3, stress=None, critic=None)
    written = checkin_to_dict(item)
    assert (written["stress"], written["critic"]) == (None, None)
    (back,) = parse_document(document(**written), NOW).checkins
    assert back == item


def test_a_missing_key_or_a_null_mood_is_still_a_problem() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_document(document(mood=None, stress=None), NOW)
    assert [(p.location, p.code) for p in caught.value.problems] == [
        ("checkins[0].mood", "not_a_whole_number"),
        ("checkins[0].critic", "missing"),
    ]
    with pytest.raises(ValidationError) as caught:
        parse_document(document(stress=2, critic=3), NOW)
    assert [(p.location, p.code) for p in caught.value.problems] == [
        ("checkins[0].mood", "missing")
    ]
