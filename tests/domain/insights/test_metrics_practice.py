"""Practice metrics on hand-made series: what helps, by kind and practice, and adherence."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kindvoice.domain.insights.inputs import SessionPoint
from kindvoice.domain.insights.metrics import (
    MIN_DAYS_EACH_SIDE,
    MIN_SESSIONS_FOR_CHANGE,
    SESSION_KINDS,
    AdherenceWeek,
    adherence,
    what_helps,
)
from kindvoice.domain.practice_runs import PRACTICE_KINDS
from kindvoice.domain.program.habits import DayMark
from tests.domain.insights._series import SERIES_START, TODAY, at, mood_series

# what_helps


def session(
    day: int,
    practice: str,
    kind: str,
    stress: tuple[int | None, int | None] = (None, None),
    kindness: tuple[int | None, int | None] = (None, None),
    completed: bool = True,
) -> SessionPoint:
    return SessionPoint(
        at=at(SERIES_START + timedelta(days=day), 20),
        practice=practice,
        kind=kind,
        completed=completed,
        seconds=300.0,
        stress_before=stress[0],
        stress_after=stress[1],
        kindness_before=kindness[0],
        kindness_after=kindness[1],
    )


def _sessions() -> list[SessionPoint]:
    return [
        session(0, "box", "breathing", (7, 4), (3, 5)),
        session(1, "box", "breathing", (6, 4), (4, 6)),
        session(2, "box", "breathing", (8, 5), (2, 3)),
        session(3, "box", "breathing", (5, 4), completed=False),  # stopped early: still counts
        session(4, "box", "breathing", (6, 3)),
        session(5, "gentle", "breathing", (5, 5)),
        session(20, "self-compassion-break", "guided", (6, 4)),
        session(21, "self-compassion-break", "guided", (6, 4)),
        session(22, "self-compassion-break", "guided", (6, 4)),
        session(23, "self-compassion-break", "guided", (6, 4)),
        session(23, "self-compassion-break", "guided", (6, None)),  # one number: left out
    ]


# Days 0–5 have practice, days 6–11 don't. Day 3 has two check-ins (5 and 7 → 6).
# With practice: 6, 7, 8, 6, 7, 8 (mean 7, s² = 4/5 = 0.8);
# without: 5, 5, 6, 4, 5, 5 (mean 5, s² = 2/5 = 0.4).
# se² = 0.8/6 + 0.4/6 = 0.2; df = 0.04 / ((0.8/6)²/5 + (0.4/6)²/5) = 9;
# half = 2.262157 · √0.2 = 1.011667.
PRACTICE_DAY_MOODS: dict[int, int | tuple[int, ...]] = {
    0: 6,
    1: 7,
    2: 8,
    3: (5, 7),
    4: 7,
    5: 8,
    6: 5,
    7: 5,
    8: 6,
    9: 4,
    10: 5,
    11: 5,
}


def test_what_helps_by_kind_and_practice() -> None:
    result = what_helps(_sessions(), mood_series(SERIES_START, PRACTICE_DAY_MOODS))
    assert result.n == 11
    assert result.enough
    breathing, guided, writing = result.kinds
    # box and gentle: −3, −2, −3, −1, −3, 0 → mean −2, s² = 8/5, half = 2.570582 · √(1.6/6)
    assert (breathing.kind, breathing.practice, breathing.sessions) == ("breathing", None, 6)
    assert breathing.stress.n == 6
    assert breathing.stress.change is not None
    assert breathing.stress.change.mean == pytest.approx(-2.0)
    assert breathing.stress.change.low == pytest.approx(-2 - 1.327443, abs=1e-5)
    assert breathing.stress.change.high == pytest.approx(-2 + 1.327443, abs=1e-5)
    assert (breathing.kindness.n, breathing.kindness.enough) == (3, False)
    assert breathing.kindness.change is None
    assert (guided.sessions, guided.stress.n, guided.stress.enough) == (5, 4, False)
    assert (writing.sessions, writing.stress.n, writing.stress.change) == (0, 0, None)
    # Only box has enough sessions: −3, −2, −3, −1, −3 → mean −2.4, s² = 0.8, se = 0.4
    (box,) = result.practices
    assert (box.kind, box.practice, box.sessions) == ("breathing", "box", 5)
    assert box.stress.change is not None
    assert box.stress.change.mean == pytest.approx(-2.4)
    assert box.stress.change.low == pytest.approx(-2.4 - 1.110578, abs=1e-5)
    assert box.stress.change.high == pytest.approx(-2.4 + 1.110578, abs=1e-5)
    assert MIN_SESSIONS_FOR_CHANGE == 5


def test_what_helps_mood_on_practice_days_by_hand() -> None:
    mood = what_helps(_sessions(), mood_series(SERIES_START, PRACTICE_DAY_MOODS)).mood
    assert (mood.days_with, mood.days_without, mood.n, mood.enough) == (6, 6, 12, True)
    assert mood.mean_with == pytest.approx(7.0)
    assert mood.mean_without == pytest.approx(5.0)
    assert mood.difference is not None
    assert mood.difference.df == pytest.approx(9.0)
    assert mood.difference.difference == pytest.approx(2.0)
    assert mood.difference.low == pytest.approx(2 - 1.011667, abs=1e-5)
    assert mood.difference.high == pytest.approx(2 + 1.011667, abs=1e-5)


def test_what_helps_needs_enough_days_each_side() -> None:
    moods = {day: mood for day, mood in PRACTICE_DAY_MOODS.items() if day != 0}
    result = what_helps(_sessions(), mood_series(SERIES_START, moods))
    assert (result.mood.days_with, result.mood.enough) == (5, True)
    moods.pop(1)
    mood = what_helps(_sessions(), mood_series(SERIES_START, moods)).mood
    assert (mood.days_with, mood.days_without, mood.enough) == (4, 6, False)
    assert (mood.mean_with, mood.mean_without, mood.difference) == (None, None, None)
    assert MIN_DAYS_EACH_SIDE == 5


def test_what_helps_knows_every_kind_of_practice() -> None:
    assert SESSION_KINDS == PRACTICE_KINDS


def test_what_helps_with_nothing() -> None:
    result = what_helps([], [])
    assert (result.n, result.enough, result.practices) == (0, False, ())
    assert [effect.kind for effect in result.kinds] == ["breathing", "guided", "writing"]
    assert result.mood.n == 0


# adherence


def test_adherence_by_week() -> None:
    today = date(2026, 3, 18)  # a Wednesday, not marked yet
    marks: dict[date, DayMark] = {
        date(2026, 3, 2): "done",
        date(2026, 3, 3): "done",
        date(2026, 3, 4): "not_done",
        date(2026, 3, 5): "skipped",
        date(2026, 3, 6): "done",
        # 7 and 8 March: no mark, not done
        date(2026, 3, 9): "done",
        date(2026, 3, 10): "skipped",
        **{date(2026, 3, day): "done" for day in range(11, 17)},
        # 17 March: no mark, not done; 18 March (today): no mark yet, not counted
        date(2026, 3, 19): "done",  # after today
    }
    result = adherence(marks, today, weeks=4)
    assert result.weeks == (
        AdherenceWeek(date(2026, 2, 23), done=0, not_done=0, skipped=0, rate=None),
        AdherenceWeek(date(2026, 3, 2), done=3, not_done=3, skipped=1, rate=0.5),
        AdherenceWeek(date(2026, 3, 9), done=6, not_done=0, skipped=1, rate=1.0),
        AdherenceWeek(date(2026, 3, 16), done=1, not_done=1, skipped=0, rate=0.5),
    )
    assert result.first_day == date(2026, 3, 2)
    assert (result.n, result.done, result.skipped, result.enough) == (14, 10, 2, True)
    assert result.rate == pytest.approx(10 / 14)
    marks[today] = "done"
    assert adherence(marks, today, weeks=4).rate == pytest.approx(11 / 15)


def test_adherence_without_marks() -> None:
    result = adherence({}, TODAY)
    assert (result.first_day, result.n, result.enough, result.rate) == (None, 0, False, None)
    assert len(result.weeks) == 8
    assert all(week.rate is None for week in result.weeks)


def test_adherence_of_only_skipped_days_has_no_rate() -> None:
    result = adherence({TODAY: "skipped"}, TODAY)
    assert (result.n, result.skipped, result.enough, result.rate) == (0, 1, False, None)
