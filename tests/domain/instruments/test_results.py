"""Questionnaire results: answers checked all at once, scored, and read back from an export."""

from __future__ import annotations

import json
import math
import re
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from kindvoice.core.errors import Problem, ValidationError
from kindvoice.domain.instruments.engine import find_instrument, parse_instrument
from kindvoice.domain.instruments.results import (
    Assessment,
    assessment_to_dict,
    make_assessment,
    read_assessment,
)
from kindvoice.interfaces import messages as m

NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
HAVANA = timezone(timedelta(hours=-5))
KINDNESS = find_instrument("kindness-checkin")
assert KINDNESS is not None

SUM_SCALE = parse_instrument(
    """
id = "two-sums"
name = "Two sums"
description = "Two statements, scored by their sum."
validated = false
wording_included = true
higher_is_better = false
scoring = "sum"

[scale]
low = 0
high = 4

[[items]]
number = 1
text = "One."
reverse = false

[[items]]
number = 2
text = "Two."
reverse = true
""",
    "two-sums.toml",
)


def answers(*values: int) -> dict[int, int]:
    return dict(enumerate(values, start=1))


def problems_of(error: pytest.ExceptionInfo[ValidationError]) -> list[tuple[str, str]]:
    return [(p.location, p.code) for p in error.value.problems]


def test_make_assessment_scores_and_keeps_the_answers_in_order() -> None:
    taken = NOW.astimezone(HAVANA)
    given = {8: 2, 1: 3, 2: 4, 3: 2, 4: 5, 5: 1, 6: 3, 7: 4}
    result = make_assessment(KINDNESS, given, taken, NOW)
    assert result.instrument == "kindness-checkin"
    assert result.answers == tuple(sorted(given.items()))
    # Items 4, 5 and 6 are reverse-keyed: 5 → 1, 1 → 5, 3 → 3.
    keyed = [3, 4, 2, 1, 5, 3, 4, 2]
    assert result.total == pytest.approx(sum(keyed) / 8)
    assert result.subscales == (
        ("self_kindness", pytest.approx((3 + 1 + 4) / 3)),
        ("common_humanity", pytest.approx((4 + 5) / 2)),
        ("mindfulness", pytest.approx((2 + 3 + 2) / 3)),
    )
    assert result.taken_at == taken
    assert result.id is None
    assert len(result.uid) == 36
    assert make_assessment(KINDNESS, given, taken, NOW).uid != result.uid


def test_make_assessment_sum_scoring_without_subscales() -> None:
    result = make_assessment(SUM_SCALE, answers(4, 1), NOW, NOW)
    assert (result.total, result.subscales) == (7.0, ())


def test_make_assessment_collects_every_problem_with_its_item() -> None:
    given: dict[Any, Any] = {1: 3, 2: 0, 3: 6, 4: 2.5, 5: True, 6: "4", 9: 3, "x": 1}
    with pytest.raises(ValidationError) as error:
        make_assessment(KINDNESS, given, NOW, NOW)
    assert problems_of(error) == [
        ("answers[9]", "answer_unknown_item"),
        ("answers[x]", "answer_unknown_item"),
        ("answers[2]", "answer_out_of_range"),
        ("answers[3]", "answer_out_of_range"),
        ("answers[4]", "answer_not_whole"),
        ("answers[5]", "answer_not_whole"),
        ("answers[6]", "answer_not_whole"),
        ("answers[7]", "answer_missing"),
        ("answers[8]", "answer_missing"),
    ]
    # Every problem reads kindly, with the numbers filled in.
    lines = [m.describe_problem(p) for p in error.value.problems]
    assert (
        "answers[9]: there's no statement 9 here; this questionnaire has statements 1 to 8."
        in lines
    )
    assert "answers[2]: 0 is outside 1 to 5." in lines
    assert "answers[7]: statement 7 has no answer yet; each one needs an answer." in lines


def test_make_assessment_checks_the_moment() -> None:
    with pytest.raises(ValidationError) as error:
        make_assessment(KINDNESS, answers(3, 3, 3, 3, 3, 3, 3, 3), NOW + timedelta(hours=1), NOW)
    assert problems_of(error) == [("when", "in_the_future")]
    with pytest.raises(ValidationError) as error:
        make_assessment(KINDNESS, answers(3, 3, 3, 3, 3, 3, 3, 3), datetime(2026, 11, 1), NOW)
    assert problems_of(error) == [("when", "no_time_zone")]


def test_make_assessment_keeps_a_given_uid_in_its_usual_form() -> None:
    uid = "6F1C2B3A-4D5E-4F60-8A7B-9C0D1E2F3A4B"
    result = make_assessment(SUM_SCALE, answers(0, 0), NOW, NOW, uid=uid)
    assert result.uid == uid.lower()


def test_the_dict_round_trips_exactly() -> None:
    taken = (NOW - timedelta(days=3)).astimezone(HAVANA).replace(microsecond=123456)
    result = make_assessment(KINDNESS, answers(3, 4, 2, 5, 1, 3, 4, 2), taken, NOW)
    data = assessment_to_dict(result)
    assert data == {
        "id": result.uid,
        "instrument": "kindness-checkin",
        "answers": {"1": 3, "2": 4, "3": 2, "4": 5, "5": 1, "6": 3, "7": 4, "8": 2},
        "total": result.total,
        "subscales": dict(result.subscales),
        "taken_at": taken.isoformat(),
    }
    assert list(data["subscales"]) == ["self_kindness", "common_humanity", "mindfulness"]
    # Through JSON text and back: every float and the offset come back exactly.
    problems: list[Problem] = []
    again = read_assessment(json.loads(json.dumps(data)), "a", problems, now=NOW, seen=set())
    assert problems == []
    assert again == result
    assert again.taken_at.utcoffset() == timedelta(hours=-5)


def test_reading_allows_an_unknown_instrument_and_no_subscales() -> None:
    problems: list[Problem] = []
    data = {
        "id": "2cde109f-8a93-4d9e-b235-a787ff36050f",
        "instrument": "my-own-scale",
        "answers": {"2": -1, "1": 7},
        "total": 3,
        "taken_at": "2026-11-19T08:00:00Z",
    }
    read = read_assessment(data, "assessments[0]", problems, now=NOW, seen=set())
    assert problems == []
    assert read == Assessment(
        uid="2cde109f-8a93-4d9e-b235-a787ff36050f",
        instrument="my-own-scale",
        answers=((1, 7), (2, -1)),
        total=3.0,
        subscales=(),
        taken_at=datetime(2026, 11, 19, 8, 0, tzinfo=UTC),
    )
    assert isinstance(read.total, float)


def test_reading_collects_every_problem_with_its_location() -> None:
    seen = {"2cde109f-8a93-4d9e-b235-a787ff36050f"}
    bad = {
        "id": "2cde109f-8a93-4d9e-b235-a787ff36050f",
        "instrument": "Kindness Checkin",
        "answers": {"1": 3, "01": 2, "x": 1, "2": 2.0, "3": True, "4": "4", "999": 1},
        "total": math.nan,
        "subscales": {"self_kindness": math.inf, "Bad Name": 1.0, "mindfulness": "3"},
        "taken_at": "2026-11-19T08:00:00",
    }
    problems: list[Problem] = []
    read_assessment(bad, "assessments[2]", problems, now=NOW, seen=seen)
    assert [(p.location, p.code) for p in problems] == [
        ("assessments[2].id", "repeated_id"),
        ("assessments[2].taken_at", "no_time_zone"),
        ("assessments[2].instrument", "not_an_instrument_id"),
        ("assessments[2].answers.01", "not_an_item_number"),
        ("assessments[2].answers.x", "not_an_item_number"),
        ("assessments[2].answers.2", "not_a_whole_answer"),
        ("assessments[2].answers.3", "not_a_whole_answer"),
        ("assessments[2].answers.4", "not_a_whole_answer"),
        ("assessments[2].answers.999", "not_an_item_number"),
        ("assessments[2].total", "not_a_finite_number"),
        ("assessments[2].subscales.self_kindness", "not_a_finite_number"),
        ("assessments[2].subscales.Bad Name", "not_a_subscale_name"),
        ("assessments[2].subscales.mindfulness", "not_a_finite_number"),
    ]
    for problem in problems:
        assert not re.search(r"\{\w+\}", m.describe_problem(problem))


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"answers": {}}, [("a.answers", "no_answers")]),
        ({"answers": [3, 4]}, [("a.answers", "not_an_object")]),
        ({"answers": None}, [("a.answers", "missing")]),
        ({"total": None}, [("a.total", "missing")]),
        ({"total": True}, [("a.total", "not_a_finite_number")]),
        ({"total": "3.5"}, [("a.total", "not_a_finite_number")]),
        ({"subscales": []}, [("a.subscales", "not_an_object")]),
        ({"subscales": None}, []),
        ({"instrument": 7}, [("a.instrument", "not_text")]),
        ({"instrument": None}, [("a.instrument", "missing")]),
        ({"instrument": "x" * 61}, [("a.instrument", "not_an_instrument_id")]),
        ({"taken_at": None}, [("a.taken_at", "missing")]),
        ({"taken_at": "2026-12-25T08:00:00+00:00"}, [("a.taken_at", "in_the_future")]),
        ({"id": "not-an-id"}, [("a.id", "not_an_id")]),
    ],
)
def test_reading_one_field_at_a_time(
    changes: dict[str, Any], expected: list[tuple[str, str]]
) -> None:
    good = {
        "id": "b2e7d144-c1d5-4ba9-9bbb-276ab02494c8",
        "instrument": "brs",
        "answers": {"1": 3, "2": 3, "3": 3, "4": 3, "5": 3, "6": 3},
        "total": 3.0,
        "subscales": {},
        "taken_at": "2026-11-19T08:00:00+00:00",
    }
    problems: list[Problem] = []
    read_assessment({**good, **changes}, "a", problems, now=NOW, seen=set())
    assert [(p.location, p.code) for p in problems] == expected


def test_reading_without_an_id_says_so() -> None:
    problems: list[Problem] = []
    read_assessment({"instrument": "brs"}, "a", problems, now=NOW, seen=set())
    assert ("a.id", "missing") in [(p.location, p.code) for p in problems]
