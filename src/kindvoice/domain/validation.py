"""Checks and tidying for what people write. Every check collects problems.

Limits are generous: a journal page fits easily. Text is stored exactly as
written (no Unicode normalisation), except that surrounding whitespace is
trimmed. NUL characters and lone surrogates are refused because they cannot be
stored portably (PostgreSQL rejects NUL; UTF-8 cannot encode lone surrogates).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta

from kindvoice.core.errors import Problem, ValidationError
from kindvoice.domain.records import CheckInDraft, Emotion, EntryDraft

MAX_TEXT_CHARS = 50_000
MAX_NOTE_CHARS = 5_000
MAX_NAME_CHARS = 40
MAX_EMOTIONS = 20
MAX_TAGS = 30
# A little slack for clocks that disagree by a few minutes.
FUTURE_TOLERANCE = timedelta(minutes=5)
EARLIEST_YEAR = 1900

_SURROGATES = re.compile("[\ud800-\udfff]")
_FEELING = re.compile(r"^\s*(?P<name>.+?)\s*(?:[:=]\s*|\s+)(?P<value>-?\d+)\s*%?\s*$")


def check_text(
    value: str,
    location: str,
    problems: list[Problem],
    *,
    required: bool = False,
    max_chars: int = MAX_TEXT_CHARS,
) -> str:
    """Trim ``value`` and record any problem with it; returns the tidy text."""
    if not isinstance(value, str):
        problems.append(Problem(location, "not_text"))
        return ""
    text = value.strip()
    if "\x00" in text:
        problems.append(Problem(location, "nul_character"))
    elif _SURROGATES.search(text):
        problems.append(Problem(location, "bad_character"))
    if required and not text:
        problems.append(Problem(location, "empty_text"))
    if len(text) > max_chars:
        problems.append(Problem(location, "too_long", {"limit": max_chars, "length": len(text)}))
    return text


def check_rating(value: object, location: str, problems: list[Problem], *, top: int) -> int:
    """A whole number from 0 to ``top`` (booleans are not numbers here)."""
    if isinstance(value, bool) or not isinstance(value, int):
        problems.append(Problem(location, "not_a_whole_number", {"top": top}))
        return 0
    if not 0 <= value <= top:
        problems.append(Problem(location, "out_of_range", {"top": top, "value": value}))
    return value


def check_optional_rating(
    value: object, location: str, problems: list[Problem], *, top: int
) -> int | None:
    """Like ``check_rating``, but None (not given) is kept as None."""
    return None if value is None else check_rating(value, location, problems, top=top)


def check_name(value: object, location: str, problems: list[Problem]) -> str:
    """A short label, such as a feeling or a tag."""
    if not isinstance(value, str):
        problems.append(Problem(location, "not_text"))
        return ""
    return check_text(value, location, problems, required=True, max_chars=MAX_NAME_CHARS)


def tidy_tag(tag: str) -> str:
    """Tags are lower-case, without a leading '#', inner spaces as dashes."""
    return "-".join(tag.strip().lstrip("#").strip().lower().split())


def check_tags(tags: Iterable[object], location: str, problems: list[Problem]) -> tuple[str, ...]:
    """Tidy tags, drop repeats (keeping the first), and check each one."""
    seen: list[str] = []
    for index, raw in enumerate(tags):
        where = f"{location}[{index}]"
        if not isinstance(raw, str):
            problems.append(Problem(where, "not_text"))
            continue
        tag = check_name(tidy_tag(raw), where, problems)
        if tag and tag not in seen:
            seen.append(tag)
    if len(seen) > MAX_TAGS:
        problems.append(Problem(location, "too_many", {"limit": MAX_TAGS}))
    return tuple(seen)


def check_emotions(
    emotions: Iterable[Emotion], location: str, problems: list[Problem]
) -> tuple[Emotion, ...]:
    """Check each feeling's name and 0–100 intensity."""
    checked: list[Emotion] = []
    for index, emotion in enumerate(emotions):
        where = f"{location}[{index}]"
        name = check_name(emotion.name, f"{where}.name", problems)
        intensity = check_rating(emotion.intensity, f"{where}.intensity", problems, top=100)
        checked.append(Emotion(name=name, intensity=intensity))
    if len(checked) > MAX_EMOTIONS:
        problems.append(Problem(location, "too_many", {"limit": MAX_EMOTIONS}))
    return tuple(checked)


def check_moment(
    value: datetime, location: str, problems: list[Problem], *, now: datetime
) -> datetime:
    """A moment must carry its time zone and must not lie in the future."""
    if value.tzinfo is None or value.utcoffset() is None:
        problems.append(Problem(location, "no_time_zone"))
        return value
    if value > now + FUTURE_TOLERANCE:
        problems.append(Problem(location, "in_the_future", {"when": value.isoformat()}))
    if value.year < EARLIEST_YEAR:
        problems.append(Problem(location, "too_early", {"when": value.isoformat()}))
    return value


def read_moment(
    value: object, location: str, problems: list[Problem], *, now: datetime
) -> datetime | None:
    """An ISO 8601 moment from a file: parsed and checked, or None with a problem noted."""
    if not isinstance(value, str):
        problems.append(Problem(location, "not_a_date"))
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        problems.append(Problem(location, "not_a_date", {"value": value[:40]}))
        return None
    before = len(problems)
    check_moment(parsed, location, problems, now=now)
    return parsed if len(problems) == before else None


def read_uid(value: object, location: str, problems: list[Problem], seen: set[str]) -> str:
    """A UUID in its usual lower-case form; each may appear once among ``seen``."""
    try:
        text = str(uuid.UUID(value)) if isinstance(value, str) else ""
    except ValueError:
        text = ""
    if not text:
        problems.append(Problem(location, "not_an_id"))
        return ""
    if text in seen:
        problems.append(Problem(location, "repeated_id", {"id": text}))
    seen.add(text)
    return text


def check_belief(value: object, location: str, problems: list[Problem]) -> int | None:
    """How much someone believes a thought, 0–100, or None when they didn't say."""
    return None if value is None else check_rating(value, location, problems, top=100)


def resolve_moment(at: datetime | None, now: datetime) -> datetime:
    """``at`` when given and sensible, otherwise ``now``; raises ValidationError."""
    if at is None:
        return now
    problems: list[Problem] = []
    check_moment(at, "when", problems, now=now)
    if problems:
        raise ValidationError(problems)
    return at


def make_entry_draft(
    thought: str,
    situation: str = "",
    emotions: Iterable[Emotion] = (),
    tags: Iterable[str] = (),
) -> EntryDraft:
    """Check and tidy a new or edited entry; raises ValidationError with every problem."""
    problems: list[Problem] = []
    draft = EntryDraft(
        thought=check_text(thought, "thought", problems, required=True),
        situation=check_text(situation, "situation", problems),
        emotions=check_emotions(emotions, "emotions", problems),
        tags=check_tags(tags, "tags", problems),
    )
    if problems:
        raise ValidationError(problems)
    return draft


def make_checkin_draft(
    mood: object, stress: object, critic: object, note: str = "", kindness: object = None
) -> CheckInDraft:
    """Check a check-in's 0–10 ratings and its note. Stress, the critic and self-kindness
    may each be None (not given); the mood is always needed."""
    problems: list[Problem] = []
    draft = CheckInDraft(
        mood=check_rating(mood, "mood", problems, top=10),
        stress=check_optional_rating(stress, "stress", problems, top=10),
        critic=check_optional_rating(critic, "critic", problems, top=10),
        note=check_text(note, "note", problems, max_chars=MAX_NOTE_CHARS),
        kindness=check_optional_rating(kindness, "kindness", problems, top=10),
    )
    if problems:
        raise ValidationError(problems)
    return draft


def parse_feeling(text: str) -> Emotion:
    """Read a feeling written as ``sad:70``, ``sad=70``, ``sad 70`` or ``sad 70%``.

    A name without a number gets intensity 50, the middle of the scale.
    """
    problems: list[Problem] = []
    match = _FEELING.match(text)
    if match:
        name, value = match["name"], int(match["value"])
    else:
        name, value = text, 50
    if name.strip().lstrip("-").isdigit():
        raise ValidationError([Problem("feeling", "feeling_needs_name")])
    emotion = Emotion(
        name=check_name(name.strip(), "feeling", problems),
        intensity=check_rating(value, "feeling", problems, top=100),
    )
    if problems:
        raise ValidationError(problems)
    return emotion
