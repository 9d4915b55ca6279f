"""Keeping questionnaire results, looking back, and change with and without norms."""

from __future__ import annotations

import math
from datetime import timedelta, timezone
from pathlib import Path

import pytest

from kindvoice.core.clock import FrozenClock
from kindvoice.core.errors import ValidationError
from kindvoice.domain.instruments.engine import Instrument, find_instrument, load_instrument_file
from kindvoice.services import assessments, journal
from kindvoice.services.wiring import Context

TOKYO = timezone(timedelta(hours=9))
# Four statements, 0–4, scored by their sum (0–16), with made-up norms that make the
# arithmetic easy: SE = 4·√(1 − 0.75) = 2, S_diff = √(2·2²) = 2√2 ≈ 2.828.
OWN_FILE = """
id = "steady-four"
name = "Steady four"
description = "Four statements of my own, for the tests."
validated = false
wording_included = true
higher_is_better = true
scoring = "sum"

[scale]
low = 0
high = 4

[norms]
mean = 8.0
sd = 4.0
retest_r = 0.75
source = "Made up for the tests."

[[items]]
number = 1
text = "One."
reverse = false

[[items]]
number = 2
text = "Two."
reverse = false

[[items]]
number = 3
text = "Three."
reverse = true

[[items]]
number = 4
text = "Four."
reverse = false
"""


@pytest.fixture
def steady(tmp_path: Path) -> Instrument:
    path = tmp_path / "steady-four.toml"
    path.write_text(OWN_FILE, encoding="utf-8")
    return load_instrument_file(path)


def kindness() -> Instrument:
    found = find_instrument("kindness-checkin")
    assert found is not None
    return found


def every(value: int, count: int = 8) -> dict[int, int]:
    return dict.fromkeys(range(1, count + 1), value)


def test_record_keeps_the_answers_and_the_scores(ctx: Context, clock: FrozenClock) -> None:
    given = {1: 3, 2: 4, 3: 2, 4: 5, 5: 1, 6: 3, 7: 4, 8: 2}
    kept = assessments.record(ctx, kindness(), given)
    assert kept.id is not None
    assert kept.instrument == "kindness-checkin"
    assert kept.answer_map() == given
    assert kept.total == pytest.approx((3 + 4 + 2 + 1 + 5 + 3 + 4 + 2) / 8)
    assert kept.subscale_map() == pytest.approx(
        {"self_kindness": 8 / 3, "common_humanity": 4.5, "mindfulness": 7 / 3}
    )
    assert kept.taken_at == clock.now()
    assert assessments.history(ctx) == [kept]
    assert journal.count(ctx)["assessments"] == 1


def test_record_at_another_moment_keeps_its_offset(ctx: Context, clock: FrozenClock) -> None:
    when = (clock.now() - timedelta(days=2)).astimezone(TOKYO)
    kept = assessments.record(ctx, kindness(), every(3), at=when)
    assert kept.taken_at == when
    assert kept.taken_at.utcoffset() == timedelta(hours=9)


def test_record_refuses_answers_it_cannot_score_and_keeps_nothing(ctx: Context) -> None:
    with pytest.raises(ValidationError) as error:
        assessments.record(ctx, kindness(), {**every(3, 7), 1: 6})
    assert [(p.location, p.code) for p in error.value.problems] == [
        ("answers[1]", "answer_out_of_range"),
        ("answers[8]", "answer_missing"),
    ]
    assert assessments.history(ctx) == []


def test_history_is_newest_first_and_by_instrument(
    ctx: Context, clock: FrozenClock, steady: Instrument
) -> None:
    first = assessments.record(ctx, kindness(), every(2))
    clock.advance(timedelta(days=7))
    own = assessments.record(ctx, steady, every(1, 4))
    clock.advance(timedelta(days=7))
    second = assessments.record(ctx, kindness(), every(4))
    assert [a.uid for a in assessments.history(ctx)] == [second.uid, own.uid, first.uid]
    assert assessments.history(ctx, "kindness-checkin") == [second, first]
    assert assessments.history(ctx, "kindness-checkin", oldest_first=True) == [first, second]
    assert assessments.history(ctx, "kindness-checkin", limit=1) == [second]
    assert assessments.history(ctx, "steady-four") == [own]
    assert assessments.history(ctx, "brs") == []


def test_change_needs_two_results(ctx: Context, steady: Instrument) -> None:
    assert assessments.change(ctx, steady) is None
    assessments.record(ctx, steady, every(2, 4))
    assert assessments.change(ctx, steady) is None


def test_change_with_norms_by_hand(ctx: Context, clock: FrozenClock, steady: Instrument) -> None:
    # Item 3 is reverse-keyed (0–4: an answer a counts as 4 − a).
    first = assessments.record(ctx, steady, {1: 2, 2: 1, 3: 3, 4: 2})  # 2 + 1 + 1 + 2 = 6
    clock.advance(timedelta(days=7))
    previous = assessments.record(ctx, steady, {1: 3, 2: 3, 3: 1, 4: 1})  # 3 + 3 + 3 + 1 = 10
    two = assessments.change(ctx, steady)
    assert two is not None
    assert two.count == 2
    assert two.since_first == two.since_previous  # with two results, the same pair
    assert two.since_first.difference == 4.0
    assert two.since_first.reliable is not None
    assert two.since_first.reliable.rc == pytest.approx(4 / math.sqrt(8))  # 1.414…: not above
    assert two.since_first.reliable.direction == "no_reliable_change"

    clock.advance(timedelta(days=7))
    latest = assessments.record(ctx, steady, {1: 3, 2: 3, 3: 0, 4: 2})  # 3 + 3 + 4 + 2 = 12
    assert (first.total, previous.total, latest.total) == (6.0, 10.0, 12.0)
    change = assessments.change(ctx, steady)
    assert change is not None
    assert change.instrument == "steady-four"
    assert change.count == 3

    s_diff = math.sqrt(2 * 2.0**2)  # 2.8284…
    since_first = change.since_first
    assert (since_first.before, since_first.after) == (first, latest)
    assert since_first.difference == 6.0
    assert since_first.reliable is not None
    assert since_first.reliable.se == pytest.approx(2.0)
    assert since_first.reliable.s_diff == pytest.approx(s_diff)
    assert since_first.reliable.rc == pytest.approx(6 / s_diff)  # 2.1213…: above 1.96
    assert since_first.reliable.reliable
    assert since_first.reliable.direction == "better"

    since_previous = change.since_previous
    assert (since_previous.before, since_previous.after) == (previous, latest)
    assert since_previous.difference == 2.0
    assert since_previous.reliable is not None
    assert since_previous.reliable.rc == pytest.approx(2 / s_diff)  # 0.7071…
    assert not since_previous.reliable.reliable
    assert since_previous.reliable.direction == "no_reliable_change"


def test_change_downwards_is_worse_when_higher_is_better(
    ctx: Context, clock: FrozenClock, steady: Instrument
) -> None:
    assessments.record(ctx, steady, {1: 4, 2: 4, 3: 0, 4: 4})  # 16
    clock.advance(timedelta(days=1))
    assessments.record(ctx, steady, {1: 1, 2: 1, 3: 3, 4: 1})  # 4
    change = assessments.change(ctx, steady)
    assert change is not None
    assert change.since_previous.difference == -12.0
    assert change.since_previous.reliable is not None
    assert change.since_previous.reliable.rc == pytest.approx(-12 / math.sqrt(8))
    assert change.since_previous.reliable.direction == "worse"


def test_change_without_norms_gives_the_numbers_only(ctx: Context, clock: FrozenClock) -> None:
    # Items 4, 5 and 6 are reverse-keyed on 1–5: an answer a counts as 6 − a.
    assessments.record(ctx, kindness(), every(2))  # (5·2 + 3·4) / 8 = 2.75
    clock.advance(timedelta(days=7))
    assessments.record(ctx, kindness(), every(3))  # 3
    clock.advance(timedelta(days=7))
    assessments.record(ctx, kindness(), {**every(3), 4: 1})  # (7·3 + 5) / 8 = 3.25
    change = assessments.change(ctx, kindness())
    assert change is not None
    assert change.count == 3
    assert change.since_first.difference == pytest.approx(0.5)
    assert change.since_previous.difference == pytest.approx(0.25)
    assert change.since_first.reliable is None
    assert change.since_previous.reliable is None


def test_change_looks_only_at_its_own_instrument(
    ctx: Context, clock: FrozenClock, steady: Instrument
) -> None:
    assessments.record(ctx, steady, every(2, 4))
    clock.advance(timedelta(days=1))
    assessments.record(ctx, kindness(), every(2))
    clock.advance(timedelta(days=1))
    assessments.record(ctx, kindness(), every(3))
    assert assessments.change(ctx, steady) is None
    change = assessments.change(ctx, kindness())
    assert change is not None
    assert change.count == 2
