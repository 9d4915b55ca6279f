"""What the readers share: ids made from contents, the problem cap, times of day."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import time

from kindvoice.core.errors import Problem, ValidationError

# Every id an import makes lives under this one namespace (a uuid5 of kindvoice's own name),
# so the same row always gets the same id and never clashes with ids made any other way.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://kindvoice.app/imports")
# A broken file can have a problem on every row; past this many, reading stops.
MAX_PROBLEMS = 200
_SEPARATOR = "\x1f"  # the ASCII unit separator: never typed into a journal
_TIME = re.compile(
    r"^(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"\s*(?:(?P<half>[ap])\.?\s*m\.?)?$",
    re.IGNORECASE,
)


def content_uid(source: str, kind: str, parts: Iterable[str], occurrence: int = 0) -> str:
    """A stable id for one imported record, from where it came and what it holds.

    ``occurrence`` tells apart rows that are identical in every way (the second one is 1),
    so both are kept, and a second import of the same file finds both already here.
    """
    name = _SEPARATOR.join([source, kind, *parts, str(occurrence)])
    return str(uuid.uuid5(NAMESPACE, name))


class Occurrences:
    """Counts how often each content key has been seen (for ``content_uid``)."""

    def __init__(self) -> None:
        self._seen: dict[tuple[str, ...], int] = {}

    def next(self, key: tuple[str, ...]) -> int:
        count = self._seen.get(key, 0)
        self._seen[key] = count + 1
        return count


def read_time_of_day(value: str) -> time | None:
    """A time as apps write it: ``21:41``, ``9:41 pm``, ``9:41 PM``, ``9.41 p.m.``, or None."""
    match = _TIME.match(value.strip())
    if match is None:
        return None
    hour, minute = int(match["hour"]), int(match["minute"])
    second = int(match["second"] or 0)
    half = (match["half"] or "").lower()
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return time(hour, minute, second)


@dataclass
class ProblemLog:
    """The problems found so far, and whether there are too many to keep looking."""

    problems: list[Problem]

    @property
    def full(self) -> bool:
        return len(self.problems) >= MAX_PROBLEMS

    def add(self, location: str, code: str, **params: object) -> None:
        self.problems.append(Problem(location, code, dict(params)))

    def stop_note(self) -> None:
        """Say that reading stopped early, so the count isn't taken as the whole story."""
        self.add("file", "import_stopped_early", limit=MAX_PROBLEMS)

    def raise_if_any(self, code: str) -> None:
        if self.problems:
            raise ValidationError(self.problems, code=code)
