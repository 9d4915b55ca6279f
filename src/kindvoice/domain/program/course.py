"""The 8-week program, read from ``content/week-1.toml`` … ``week-8.toml``.

Each week has a theme, a short introduction, a core practice to try once or a
few times, a short daily practice, a question for the journal, and optionally a
practice for going deeper. Practices are named by id: a shipped guided practice
or writing exercise (``guided.load_practices``) or a breathing pattern
(``catalog.load_patterns``), so the program never repeats their words.

The files are checked strictly, like the practices: a mistake raises
``CatalogError`` naming the file and the field (``core.practice``,
``deeper.minutes``), and the test suite reads every shipped week, so nobody meets
a broken week halfway through the program.
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import PurePosixPath
from typing import Any, Literal

from kindvoice.domain.practices.catalog import (
    PATTERN_ID,
    CatalogError,
    folded_text,
    load_patterns,
    only_known,
)
from kindvoice.domain.practices.guided import load_practices

ActivityKind = Literal["breathing", "guided", "writing"]
ACTIVITY_KINDS: tuple[ActivityKind, ...] = ("breathing", "guided", "writing")
# The core of a week is a guided practice or a writing exercise, never a bare breath.
CORE_KINDS: tuple[ActivityKind, ...] = ("guided", "writing")

PROGRAM_PACKAGE = "kindvoice.domain.program"
PROGRAM_FOLDER = "content"
# How the program's files are named in errors, so they can't be mistaken for a practice's.
PROGRAM_SOURCE = "program/content"
WEEK_FILE = re.compile(r"week-([1-9][0-9]*)\.toml")
DAYS_PER_WEEK = 7

MAX_WEEKS = 52
MAX_THEME_LENGTH = 60
MAX_INTRO_LENGTH = 1200
MAX_REFLECTION_LENGTH = 300
MAX_ACTIVITY_TEXT_LENGTH = 240
MAX_SOURCE_LENGTH = 80
MIN_MINUTES = 1.0
MAX_MINUTES = 30.0
# A citation key as docs/evidence.md writes it: "Neff & Germer 2013", "Ferrari et al. 2019".
SOURCE_KEY = re.compile(r"[A-Z][^\s,&]*(?:,? (?:&|et al\.|[A-Z][^\s,&]*))* (?:19|20)[0-9]{2}")

WEEK_KEYS = frozenset(
    {"number", "theme", "intro", "core", "daily", "reflection", "deeper", "sources"}
)
ACTIVITY_KEYS = frozenset({"practice", "text", "minutes"})

COURSE_REASONS: tuple[str, ...] = (
    "not_toml",  # the file doesn't parse; the detail says where
    "missing",  # a required field is absent
    "unknown_field",  # a field the program doesn't know (often a typo)
    "wrong_type",
    "empty",  # blank text, or no weeks at all
    "too_long",  # text over its limit
    "bad_id",  # a practice id that can't be a practice's or pattern's id
    "unknown_practice",  # no shipped practice or breathing pattern has this id
    "wrong_kind",  # a breathing pattern as a week's core practice
    "same_as_core",  # going deeper with the week's core practice again
    "minutes_not_breathing",  # minutes are only for breathing patterns
    "not_a_number",
    "not_finite",
    "out_of_range",  # minutes outside 1–30, or a week number outside 1–52
    "not_a_question",  # a reflection that doesn't end with "?"
    "bad_source",  # a citation key that doesn't look like "Author 2013"
    "duplicate_source",
    "bad_file_name",  # a course file not named week-N.toml
    "number_mismatch",  # week-3.toml saying number = 4
    "duplicate_number",  # two files for the same week
    "not_consecutive",  # a gap: week 1, then week 3
)


@dataclass(frozen=True)
class ActivityRef:
    """One practice a week suggests.

    ``practice`` is the id of a shipped guided practice, writing exercise or
    breathing pattern; ``text`` is one or two sentences saying what to do, shown
    in the daily plan; ``minutes`` is a suggested length, for breathing only.
    """

    practice: str
    text: str
    minutes: float | None = None

    @property
    def kind(self) -> ActivityKind:
        return activity_kind(self.practice)


@dataclass(frozen=True)
class Week:
    """One week of the program.

    ``reflection`` is a question for the journal. ``deeper`` is an optional
    practice for people who'd like more. ``sources`` are short citation keys
    ("Neff & Germer 2013") that docs/evidence.md explains.
    """

    number: int
    theme: str
    intro: str
    core: ActivityRef
    daily: ActivityRef
    reflection: str
    deeper: ActivityRef | None
    sources: tuple[str, ...]

    @property
    def activities(self) -> tuple[ActivityRef, ...]:
        """Core, daily and (when there is one) deeper, in that order."""
        found = (self.core, self.daily, self.deeper)
        return tuple(activity for activity in found if activity is not None)


@dataclass(frozen=True)
class Course:
    """The weeks of the program, numbered 1 to N in order."""

    weeks: tuple[Week, ...]

    def __post_init__(self) -> None:
        numbers = [week.number for week in self.weeks]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError(f"weeks must be numbered 1 to {len(numbers)} in order: {numbers}")

    def __len__(self) -> int:
        return len(self.weeks)

    def __iter__(self) -> Iterator[Week]:
        return iter(self.weeks)

    @property
    def days(self) -> int:
        return DAYS_PER_WEEK * len(self.weeks)

    def week(self, number: int) -> Week:
        """Week ``number`` (from 1). Raises IndexError for a week the course doesn't have."""
        if not 1 <= number <= len(self.weeks):
            raise IndexError(f"the course has weeks 1 to {len(self.weeks)}, not {number}")
        return self.weeks[number - 1]


def activity_kind(practice_id: str) -> ActivityKind:
    """Whether ``practice_id`` is a breathing pattern, a guided practice or a writing exercise.

    Swaps in the daily plan stay within one kind. Raises KeyError for an id that
    is none of the shipped ones.
    """
    return _kinds()[practice_id]


def parse_week(text: str, source: str) -> Week:
    """The week in ``text`` (TOML read from ``source``), checked.

    Raises CatalogError at the first mistake, naming ``source`` and the field.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CatalogError(source, "", "not_toml", str(error)) from error
    only_known(data, WEEK_KEYS, "", source)
    number = _number(data, source)
    theme = folded_text(data, "theme", MAX_THEME_LENGTH, "", source)
    intro = folded_text(data, "intro", MAX_INTRO_LENGTH, "", source)
    core = _activity(data.get("core"), "core", CORE_KINDS, source)
    daily = _activity(data.get("daily"), "daily", ACTIVITY_KINDS, source)
    reflection = folded_text(data, "reflection", MAX_REFLECTION_LENGTH, "", source)
    if not reflection.endswith("?"):
        raise CatalogError(source, "reflection", "not_a_question")
    deeper = None
    if "deeper" in data:
        deeper = _activity(data["deeper"], "deeper", ACTIVITY_KINDS, source)
        if deeper.practice == core.practice:
            raise CatalogError(source, "deeper.practice", "same_as_core", deeper.practice)
    sources = _sources(data.get("sources"), source)
    return Week(number, theme, intro, core, daily, reflection, deeper, sources)


def parse_course(files: Mapping[str, str]) -> Course:
    """The course made of ``files``: file name (``week-N.toml``, maybe in a folder) to TOML.

    Each file's ``number`` matches its name, and the numbers run 1 to N with no
    gaps. Raises CatalogError at the first mistake, naming the file and the field.
    """
    if not files:
        raise CatalogError(PROGRAM_SOURCE, "", "empty")
    by_number: dict[int, str] = {}
    for name in sorted(files):
        found = WEEK_FILE.fullmatch(PurePosixPath(name).name)
        if found is None:
            raise CatalogError(name, "", "bad_file_name", PurePosixPath(name).name)
        number = int(found.group(1))
        if number in by_number:
            raise CatalogError(name, "number", "duplicate_number", by_number[number])
        by_number[number] = name
    weeks: list[Week] = []
    for expected, number in enumerate(sorted(by_number), start=1):
        name = by_number[number]
        if number != expected:
            raise CatalogError(name, "number", "not_consecutive", f"week {expected} is missing")
        week = parse_week(files[name], name)
        if week.number != number:
            raise CatalogError(name, "number", "number_mismatch", str(week.number))
        weeks.append(week)
    return Course(tuple(weeks))


@cache
def load_course() -> Course:
    """The shipped program, every week checked."""
    folder = resources.files(PROGRAM_PACKAGE).joinpath(PROGRAM_FOLDER)
    found = {
        f"{PROGRAM_SOURCE}/{resource.name}": resource.read_text(encoding="utf-8")
        for resource in folder.iterdir()
        if resource.name.endswith(".toml")
    }
    return parse_course(found)


@cache
def _kinds() -> dict[str, ActivityKind]:
    kinds: dict[str, ActivityKind] = {pattern.id: "breathing" for pattern in load_patterns()}
    for practice in load_practices():
        kinds.setdefault(practice.id, practice.kind)
    return kinds


def _activity(raw: object, where: str, allowed: Iterable[ActivityKind], source: str) -> ActivityRef:
    if raw is None:
        raise CatalogError(source, where, "missing")
    if not isinstance(raw, dict):
        raise CatalogError(source, where, "wrong_type")
    only_known(raw, ACTIVITY_KEYS, where, source)
    practice = raw.get("practice")
    if practice is None:
        raise CatalogError(source, f"{where}.practice", "missing")
    if not isinstance(practice, str):
        raise CatalogError(source, f"{where}.practice", "wrong_type")
    if not PATTERN_ID.fullmatch(practice):
        raise CatalogError(source, f"{where}.practice", "bad_id", practice)
    kind = _kinds().get(practice)
    if kind is None:
        raise CatalogError(source, f"{where}.practice", "unknown_practice", practice)
    if kind not in tuple(allowed):
        raise CatalogError(source, f"{where}.practice", "wrong_kind", f"{practice} is {kind}")
    text = folded_text(raw, "text", MAX_ACTIVITY_TEXT_LENGTH, where, source)
    minutes = _minutes(raw.get("minutes"), kind, f"{where}.minutes", source)
    return ActivityRef(practice, text, minutes)


def _minutes(raw: object, kind: ActivityKind, field: str, source: str) -> float | None:
    if raw is None:
        return None
    if kind != "breathing":
        raise CatalogError(source, field, "minutes_not_breathing", kind)
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise CatalogError(source, field, "not_a_number")
    if not math.isfinite(raw):
        raise CatalogError(source, field, "not_finite")
    if not MIN_MINUTES <= raw <= MAX_MINUTES:
        raise CatalogError(source, field, "out_of_range", f"{raw:g}")
    return float(raw)


def _number(data: dict[str, Any], source: str) -> int:
    number = data.get("number")
    if number is None:
        raise CatalogError(source, "number", "missing")
    if isinstance(number, bool) or not isinstance(number, int):
        raise CatalogError(source, "number", "wrong_type")
    if not 1 <= number <= MAX_WEEKS:
        raise CatalogError(source, "number", "out_of_range", str(number))
    return number


def _sources(raw: object, source: str) -> tuple[str, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        raise CatalogError(source, "sources", "wrong_type")
    keys: list[str] = []
    for index, item in enumerate(raw):
        field = f"sources[{index}]"
        key = " ".join(item.split())
        if not key:
            raise CatalogError(source, field, "empty")
        if len(key) > MAX_SOURCE_LENGTH:
            raise CatalogError(source, field, "too_long", str(len(key)))
        if not SOURCE_KEY.fullmatch(key):
            raise CatalogError(source, field, "bad_source", key)
        if key in keys:
            raise CatalogError(source, field, "duplicate_source", key)
        keys.append(key)
    return tuple(keys)
