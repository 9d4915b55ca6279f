"""The kindvoice export document: building it and reading it back.

The format is described in ``docs/data-format.md``. Reading checks the whole
document and collects every problem with its location before anything is
stored, so a bad file changes nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from kindvoice.core.errors import Problem, ValidationError
from kindvoice.domain.records import CheckIn, Emotion, Entry, Journal, Profile
from kindvoice.domain.validation import (
    MAX_NOTE_CHARS,
    check_emotions,
    check_moment,
    check_name,
    check_rating,
    check_tags,
    check_text,
)

FORMAT_NAME = "kindvoice-export"
FORMAT_VERSION = 1
MAX_SOURCE_CHARS = 32


def format_moment(value: datetime) -> str:
    """ISO 8601 with the offset the moment was written in, microseconds kept."""
    return value.isoformat()


def entry_to_dict(entry: Entry) -> dict[str, Any]:
    return {
        "id": entry.uid,
        "created_at": format_moment(entry.created_at),
        "updated_at": format_moment(entry.updated_at),
        "situation": entry.situation,
        "thought": entry.thought,
        "emotions": [{"name": e.name, "intensity": e.intensity} for e in entry.emotions],
        "tags": list(entry.tags),
        "source": entry.source,
    }


def checkin_to_dict(checkin: CheckIn) -> dict[str, Any]:
    return {
        "id": checkin.uid,
        "created_at": format_moment(checkin.created_at),
        "mood": checkin.mood,
        "stress": checkin.stress,
        "critic": checkin.critic,
        "note": checkin.note,
    }


def to_document(journal: Journal, app_version: str) -> dict[str, Any]:
    """The export document for ``journal``; the same data always gives the same document."""
    profile = journal.profile
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "app_version": app_version,
        "profile": None
        if profile is None
        else {
            "id": profile.uid,
            "display_name": profile.display_name,
            "created_at": format_moment(profile.created_at),
        },
        "entries": [entry_to_dict(e) for e in journal.entries],
        "checkins": [checkin_to_dict(c) for c in journal.checkins],
    }


class _Reader:
    """Walks a parsed JSON document, collecting problems instead of stopping."""

    def __init__(self, now: datetime) -> None:
        self.now = now
        self.problems: list[Problem] = []

    def problem(self, location: str, code: str, **params: Any) -> None:
        self.problems.append(Problem(location, code, params))

    def obj(self, value: object, location: str) -> Mapping[str, Any] | None:
        if not isinstance(value, dict):
            self.problem(location, "not_an_object")
            return None
        return value

    def field(self, obj: Mapping[str, Any], key: str, location: str, default: object = ...) -> Any:
        if key in obj:
            return obj[key]
        if default is ...:
            self.problem(f"{location}.{key}", "missing")
            return None
        return default

    def text(
        self, obj: Mapping[str, Any], key: str, location: str, *, required: bool = False
    ) -> str:
        value = self.field(obj, key, location, default=None if required else "")
        where = f"{location}.{key}"
        if value is None:
            if required and key in obj:
                self.problem(where, "not_text")
            return ""
        limit = MAX_NOTE_CHARS if key == "note" else None
        if limit is None:
            return check_text(value, where, self.problems, required=required)
        return check_text(value, where, self.problems, required=required, max_chars=limit)

    def moment(self, obj: Mapping[str, Any], key: str, location: str) -> datetime | None:
        value = self.field(obj, key, location)
        where = f"{location}.{key}"
        if value is None:
            return None
        if not isinstance(value, str):
            self.problem(where, "not_a_date")
            return None
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            self.problem(where, "not_a_date", value=value[:40])
            return None
        before = len(self.problems)
        check_moment(parsed, where, self.problems, now=self.now)
        return parsed if len(self.problems) == before else None

    def uid(self, obj: Mapping[str, Any], location: str, seen: set[str]) -> str:
        value = self.field(obj, "id", location)
        where = f"{location}.id"
        if value is None:
            return ""
        try:
            text = str(uuid.UUID(value)) if isinstance(value, str) else ""
        except ValueError:
            text = ""
        if not text:
            self.problem(where, "not_an_id")
            return ""
        if text in seen:
            self.problem(where, "repeated_id", id=text)
        seen.add(text)
        return text

    def items(
        self, document: Mapping[str, Any], key: str, read_one: Callable[[object, str], Any]
    ) -> list[Any]:
        value = document.get(key, [])
        if not isinstance(value, list):
            self.problem(key, "not_a_list")
            return []
        return [read_one(item, f"{key}[{index}]") for index, item in enumerate(value)]


def parse_document(document: object, now: datetime) -> Journal:
    """Read an export document; raises ValidationError listing every problem found."""
    reader = _Reader(now)
    top = reader.obj(document, "(file)")
    if top is None:
        raise ValidationError(reader.problems, code="import_invalid")
    if top.get("format") != FORMAT_NAME:
        raise ValidationError([Problem("format", "not_our_format")], code="import_invalid")
    version = top.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ValidationError([Problem("version", "bad_version")], code="import_invalid")
    if version > FORMAT_VERSION:
        raise ValidationError(
            [Problem("version", "future_version", {"version": version, "ours": FORMAT_VERSION})],
            code="import_future_version",
        )

    entry_ids: set[str] = set()
    checkin_ids: set[str] = set()

    def read_entry(item: object, location: str) -> Entry | None:
        obj = reader.obj(item, location)
        if obj is None:
            return None
        uid = reader.uid(obj, location, entry_ids)
        created = reader.moment(obj, "created_at", location)
        updated = reader.moment(obj, "updated_at", location)
        if created and updated and updated < created:
            reader.problem(f"{location}.updated_at", "before_created")
        emotions_raw = reader.field(obj, "emotions", location, default=[])
        emotions: list[Emotion] = []
        if not isinstance(emotions_raw, list):
            reader.problem(f"{location}.emotions", "not_a_list")
        else:
            for index, raw in enumerate(emotions_raw):
                emotion = reader.obj(raw, f"{location}.emotions[{index}]")
                if emotion is not None:
                    emotions.append(Emotion(emotion.get("name"), emotion.get("intensity")))  # type: ignore[arg-type]
        tags_raw = reader.field(obj, "tags", location, default=[])
        if not isinstance(tags_raw, list):
            reader.problem(f"{location}.tags", "not_a_list")
            tags_raw = []
        source = reader.field(obj, "source", location, default="kindvoice")
        if source is not None and not isinstance(source, str):
            reader.problem(f"{location}.source", "not_text")
            source = "kindvoice"
        entry = Entry(
            uid=uid,
            thought=reader.text(obj, "thought", location, required=True),
            situation=reader.text(obj, "situation", location),
            emotions=check_emotions(emotions, f"{location}.emotions", reader.problems),
            tags=check_tags(tags_raw, f"{location}.tags", reader.problems),
            created_at=created or now,
            updated_at=updated or now,
            source=check_name(source or "kindvoice", f"{location}.source", reader.problems),
        )
        return entry

    def read_checkin(item: object, location: str) -> CheckIn | None:
        obj = reader.obj(item, location)
        if obj is None:
            return None
        uid = reader.uid(obj, location, checkin_ids)
        created = reader.moment(obj, "created_at", location)
        ratings: dict[str, int] = {}
        for key in ("mood", "stress", "critic"):
            value = reader.field(obj, key, location)
            ratings[key] = (
                0 if value is None
                else check_rating(value, f"{location}.{key}", reader.problems, top=10)
            )
        return CheckIn(
            uid=uid,
            created_at=created or now,
            note=reader.text(obj, "note", location),
            **ratings,
        )

    profile: Profile | None = None
    raw_profile = top.get("profile")
    if raw_profile is not None:
        obj = reader.obj(raw_profile, "profile")
        if obj is not None:
            created = reader.moment(obj, "created_at", "profile")
            profile = Profile(
                uid=reader.uid(obj, "profile", set()),
                created_at=created or now,
                display_name=check_text(
                    obj.get("display_name", ""), "profile.display_name", reader.problems,
                    max_chars=200,
                ),
            )

    entries = reader.items(top, "entries", read_entry)
    checkins = reader.items(top, "checkins", read_checkin)
    if reader.problems:
        raise ValidationError(reader.problems, code="import_invalid")
    return Journal(
        profile=profile,
        entries=tuple(e for e in entries if e is not None),
        checkins=tuple(c for c in checkins if c is not None),
    )
