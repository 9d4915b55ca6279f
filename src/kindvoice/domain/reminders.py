"""Reminders, as plain values: a time of day, the days of the week, today's line.

Everything here is pure. A typed time (``08:30``) and typed days (``mon-fri``)
become a ``datetime.time`` and a tuple of weekdays (0 is Monday, as in
``date.weekday()``); a mistake raises ``ReminderError`` with a reason code and
the part at fault, never a sentence (``read_reminder`` collects both as
problems). Which reminder line to show on a day is chosen here too; the lines
themselves live in the message catalog.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, time

from kindvoice.core.errors import Problem, ValidationError

WEEK: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 6)
WEEKDAYS: tuple[int, ...] = (0, 1, 2, 3, 4)
WEEKEND: tuple[int, ...] = (5, 6)
# Far more than any list of days needs ("monday,tuesday,...,sunday" is 56 characters).
MAX_DAYS_TEXT = 100

REMINDER_REASONS: tuple[str, ...] = (
    "time_empty",  # no time was given
    "time_format",  # not H:MM or HH:MM ("8", "8.30", "0830", "8:3")
    "hour_out_of_range",  # hours past 23
    "minute_out_of_range",  # minutes past 59
    "days_empty",  # no days were given
    "days_too_long",  # more text than any list of days needs
    "day_part_empty",  # an empty item in a list ("mon,,fri", "mon,")
    "unknown_day",  # not a day's name or one of the words below
    "bad_range",  # a range without two ends ("mon-", "mon-wed-fri", "daily-fri")
)

# Each day's name, its usual short forms and the common longer ones.
DAY_NAMES: dict[str, int] = {
    **dict.fromkeys(("mo", "mon", "monday"), 0),
    **dict.fromkeys(("tu", "tue", "tues", "tuesday"), 1),
    **dict.fromkeys(("we", "wed", "weds", "wednesday"), 2),
    **dict.fromkeys(("th", "thu", "thur", "thurs", "thursday"), 3),
    **dict.fromkeys(("fr", "fri", "friday"), 4),
    **dict.fromkeys(("sa", "sat", "saturday"), 5),
    **dict.fromkeys(("su", "sun", "sunday"), 6),
}
# Words that stand for several days at once.
DAY_GROUPS: dict[str, tuple[int, ...]] = {
    **dict.fromkeys(("daily", "everyday", "every day", "all", "week"), WEEK),
    **dict.fromkeys(("weekdays", "workdays"), WEEKDAYS),
    **dict.fromkeys(("weekend", "weekends"), WEEKEND),
}
ICAL_DAYS: tuple[str, ...] = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

_TIME = re.compile(r"(\d{1,2}):(\d{2})", re.ASCII)
# People paste ranges with typographic dashes ("mon–fri").
_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2212": "-"})


class ReminderError(ValueError):
    """A reminder time or list of days that can't be used.

    ``reason`` is one of ``REMINDER_REASONS``; ``part`` is the piece at fault, as typed.
    """

    def __init__(self, reason: str, part: str = "") -> None:
        self.reason = reason
        self.part = part
        super().__init__(f"{reason}: {part!r}")


def parse_time(text: str) -> time:
    """``8:30`` or ``08:30`` (24-hour, 00:00 to 23:59) as a ``time``."""
    typed = text.strip()
    if not typed:
        raise ReminderError("time_empty", text)
    found = _TIME.fullmatch(typed)
    if found is None:
        raise ReminderError("time_format", typed)
    hour, minute = int(found.group(1)), int(found.group(2))
    if hour > 23:
        raise ReminderError("hour_out_of_range", typed)
    if minute > 59:
        raise ReminderError("minute_out_of_range", typed)
    return time(hour, minute)


def parse_days(text: str) -> tuple[int, ...]:
    """Typed days as sorted weekdays (0 is Monday), each once.

    Takes day names (``mon``, ``Monday``), ranges that may wrap round the week
    (``mon-fri``, ``fri-mon``), lists of either (``mon,wed,fri``, ``mon, wed-fri``)
    and the words ``daily``, ``weekdays`` and ``weekends``. Case doesn't matter.
    """
    typed = " ".join(text.translate(_DASHES).lower().split())
    if not typed:
        raise ReminderError("days_empty", text)
    if len(typed) > MAX_DAYS_TEXT:
        raise ReminderError("days_too_long", text.strip()[:MAX_DAYS_TEXT])
    chosen: set[int] = set()
    for item in typed.split(","):
        part = item.strip()
        if not part:
            raise ReminderError("day_part_empty", typed)
        chosen.update(_days_in(part))
    return tuple(sorted(chosen))


def read_reminder(at: str, days: str) -> tuple[time, tuple[int, ...]]:
    """A typed time and days together, for the terminal and the web alike.

    Every problem in both is collected into one ``ValidationError``, located ``at`` and
    ``days`` with the codes ``remind.<reason>`` (so the catalog words them).
    """
    problems: list[Problem] = []
    when: time | None = None
    chosen: tuple[int, ...] = ()
    try:
        when = parse_time(at)
    except ReminderError as error:
        problems.append(Problem("at", f"remind.{error.reason}", {"part": error.part}))
    try:
        chosen = parse_days(days)
    except ReminderError as error:
        problems.append(Problem("days", f"remind.{error.reason}", {"part": error.part}))
    if problems or when is None:
        raise ValidationError(problems)
    return when, chosen


def _days_in(part: str) -> tuple[int, ...]:
    if part in DAY_GROUPS:
        return DAY_GROUPS[part]
    if "-" not in part:
        return (_day(part),)
    ends = [end.strip() for end in part.split("-")]
    if len(ends) != 2 or not all(ends) or any(end in DAY_GROUPS for end in ends):
        raise ReminderError("bad_range", part)
    first, last = _day(ends[0]), _day(ends[1])
    return tuple((first + step) % 7 for step in range((last - first) % 7 + 1))


def _day(name: str) -> int:
    found = DAY_NAMES.get(name)
    if found is None:
        raise ReminderError("unknown_day", name)
    return found


def ical_days(days: tuple[int, ...]) -> list[str]:
    """Weekdays as iCalendar's two-letter names, in week order: ``['MO', 'WE']``."""
    return [ICAL_DAYS[day] for day in sorted(set(days))]


def rotating_index(day: date, count: int) -> int:
    """Which of ``count`` lines to show on ``day``: the same all day, a different one tomorrow.

    Days are taken in blocks of ``count``; each block shows every line once, in an
    order shuffled by a hash of the block's number, so a reminder that comes only
    on Mondays still sees the lines change. Where one block meets the next, the
    first line of the new block is swapped with its second if it would repeat
    yesterday's.
    """
    if count < 1:
        raise ValueError(f"count must be at least 1, not {count}")
    number = day.toordinal()
    if count <= 2:
        return number % count
    block, place = divmod(number, count)
    order = _block_order(block, count)
    if place <= 1 and order[0] == _block_order(block - 1, count)[-1]:
        order[0], order[1] = order[1], order[0]
    return order[place]


def _block_order(block: int, count: int) -> list[int]:
    def key(index: int) -> bytes:
        return hashlib.sha256(f"kindvoice-reminder:{block}:{index}".encode()).digest()

    return sorted(range(count), key=key)
