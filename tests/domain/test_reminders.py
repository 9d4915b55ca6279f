"""Reminder times and days as typed, and which line a day shows."""

from __future__ import annotations

from datetime import date, time, timedelta
from itertools import pairwise

import pytest

from kindvoice.core.errors import ValidationError
from kindvoice.domain.reminders import (
    REMINDER_REASONS,
    ReminderError,
    ical_days,
    parse_days,
    parse_time,
    read_reminder,
    rotating_index,
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("08:30", time(8, 30)),
        ("8:30", time(8, 30)),
        (" 8:30 ", time(8, 30)),
        ("00:00", time(0, 0)),
        ("0:00", time(0, 0)),
        ("23:59", time(23, 59)),
        ("19:05", time(19, 5)),
    ],
)
def test_parse_time_reads_24_hour_times(typed: str, expected: time) -> None:
    assert parse_time(typed) == expected


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("", "time_empty"),
        ("   ", "time_empty"),
        ("8", "time_format"),
        ("0830", "time_format"),
        ("8.30", "time_format"),
        ("8:3", "time_format"),
        ("08:300", "time_format"),
        ("108:30", "time_format"),
        ("8:30am", "time_format"),
        ("-1:30", "time_format"),
        ("٠٨:٣٠", "time_format"),  # Arabic-Indic digits: only ASCII digits are times
        ("24:00", "hour_out_of_range"),
        ("99:00", "hour_out_of_range"),
        ("12:60", "minute_out_of_range"),
        ("12:99", "minute_out_of_range"),
    ],
)
def test_parse_time_names_each_problem(typed: str, reason: str) -> None:
    with pytest.raises(ReminderError) as caught:
        parse_time(typed)
    assert caught.value.reason == reason
    assert reason in REMINDER_REASONS
    assert isinstance(caught.value, ValueError)
    if typed.strip():
        assert caught.value.part == typed.strip()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("daily", (0, 1, 2, 3, 4, 5, 6)),
        ("Every Day", (0, 1, 2, 3, 4, 5, 6)),
        ("weekdays", (0, 1, 2, 3, 4)),
        ("weekends", (5, 6)),
        ("weekend", (5, 6)),
        ("mon-fri", (0, 1, 2, 3, 4)),
        ("MON-FRI", (0, 1, 2, 3, 4)),
        ("Monday-Friday", (0, 1, 2, 3, 4)),
        ("mon – fri", (0, 1, 2, 3, 4)),  # a typographic dash, spaces around it
        ("sat-sun", (5, 6)),
        ("fri-mon", (0, 4, 5, 6)),  # wraps round the end of the week
        ("sun-sun", (6,)),
        ("mon,wed,fri", (0, 2, 4)),
        ("mon, wed , fri", (0, 2, 4)),
        ("wednesday", (2,)),
        ("thurs,tues", (1, 3)),
        ("fri,mon,fri", (0, 4)),  # repeats are kept once, in week order
        ("mon,wed-fri", (0, 2, 3, 4)),
        ("weekends,mon", (0, 5, 6)),
        ("mon-sun", (0, 1, 2, 3, 4, 5, 6)),
    ],
)
def test_parse_days_reads_names_ranges_lists_and_words(
    typed: str, expected: tuple[int, ...]
) -> None:
    assert parse_days(typed) == expected


@pytest.mark.parametrize(
    ("typed", "reason", "part"),
    [
        ("", "days_empty", ""),
        ("  ", "days_empty", "  "),
        ("mon" + ",mon" * 40, "days_too_long", ("mon" + ",mon" * 40)[:100]),
        ("mon,,fri", "day_part_empty", "mon,,fri"),
        ("mon,", "day_part_empty", "mon,"),
        (",", "day_part_empty", ","),
        ("someday", "unknown_day", "someday"),
        ("mon,funday", "unknown_day", "funday"),
        ("mon-xyz", "unknown_day", "xyz"),
        ("mon-", "bad_range", "mon-"),
        ("-fri", "bad_range", "-fri"),
        ("-", "bad_range", "-"),
        ("mon-wed-fri", "bad_range", "mon-wed-fri"),
        ("daily-fri", "bad_range", "daily-fri"),
    ],
)
def test_parse_days_names_each_problem(typed: str, reason: str, part: str) -> None:
    with pytest.raises(ReminderError) as caught:
        parse_days(typed)
    assert caught.value.reason == reason
    assert caught.value.part == part


def test_every_reason_is_reachable() -> None:
    """The list of reasons matches what the parsers raise (the catalog has words for each)."""
    samples = {
        "time_empty": lambda: parse_time(""),
        "time_format": lambda: parse_time("8"),
        "hour_out_of_range": lambda: parse_time("24:00"),
        "minute_out_of_range": lambda: parse_time("8:60"),
        "days_empty": lambda: parse_days(""),
        "days_too_long": lambda: parse_days("x" * 101),
        "day_part_empty": lambda: parse_days("mon,"),
        "unknown_day": lambda: parse_days("x"),
        "bad_range": lambda: parse_days("mon-"),
    }
    assert set(samples) == set(REMINDER_REASONS)
    for reason, attempt in samples.items():
        with pytest.raises(ReminderError) as caught:
            attempt()
        assert caught.value.reason == reason


def test_ical_days_are_in_week_order() -> None:
    assert ical_days((4, 0, 2)) == ["MO", "WE", "FR"]
    assert ical_days(parse_days("fri-mon")) == ["MO", "FR", "SA", "SU"]


@pytest.mark.parametrize("count", [2, 3, 7, 8, 9, 12])
def test_rotation_changes_every_day_and_uses_every_line(count: int) -> None:
    start = date(2026, 1, 1)
    picks = [rotating_index(start + timedelta(days=n), count) for n in range(2000)]
    assert all(0 <= pick < count for pick in picks)
    assert all(a != b for a, b in pairwise(picks))
    # Evenly: each run of `count` days shows every line once (the ends may be partial runs).
    shares = [picks.count(index) for index in range(count)]
    assert max(shares) - min(shares) <= 2


def test_rotation_is_deterministic() -> None:
    day = date(2026, 11, 24)
    assert rotating_index(day, 8) == rotating_index(date(2026, 11, 24), 8)
    assert [rotating_index(day, 8) for _ in range(5)] == [rotating_index(day, 8)] * 5


def test_rotation_varies_for_a_weekly_reminder() -> None:
    """Someone reminded only on Mondays doesn't see the same line every week."""
    monday = date(2026, 11, 23)
    for count in (7, 8):
        mondays = [rotating_index(monday + timedelta(weeks=n), count) for n in range(20)]
        assert len(set(mondays)) >= count // 2


def test_rotation_with_one_line_and_bad_counts() -> None:
    assert rotating_index(date(2026, 1, 1), 1) == 0
    assert rotating_index(date(2026, 1, 2), 1) == 0
    with pytest.raises(ValueError, match="at least 1"):
        rotating_index(date(2026, 1, 1), 0)


def test_read_reminder_gives_the_time_and_days() -> None:
    assert read_reminder("8:30", "mon-wed") == (time(8, 30), (0, 1, 2))


def test_read_reminder_collects_every_problem_with_its_place() -> None:
    with pytest.raises(ValidationError) as caught:
        read_reminder("25:00", "mon,,fri")
    found = [(p.location, p.code, p.params) for p in caught.value.problems]
    assert found == [
        ("at", "remind.hour_out_of_range", {"part": "25:00"}),
        ("days", "remind.day_part_empty", {"part": "mon,,fri"}),
    ]
