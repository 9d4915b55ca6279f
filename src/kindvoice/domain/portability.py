"""The kindvoice export document: building it and reading it back.

The format is described in ``docs/data-format.md``. Reading checks the whole
document and collects every problem with its location before anything is
stored, so a bad file changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from kindvoice.core.errors import Problem, ValidationError
from kindvoice.domain.instruments.results import Assessment, assessment_to_dict, read_assessment
from kindvoice.domain.practice_runs import PracticeRun, practice_run_to_dict, read_practice_run
from kindvoice.domain.program.events import ProgramEvent, program_event_to_dict, read_program_event
from kindvoice.domain.records import CheckIn, Emotion, Entry, Journal, Profile
from kindvoice.domain.reflection import ReflectionReader, reflection_to_dict
from kindvoice.domain.validation import (
    MAX_NOTE_CHARS,
    MAX_TEXT_CHARS,
    check_emotions,
    check_name,
    check_optional_rating,
    check_rating,
    check_tags,
    check_text,
    read_moment,
    read_uid,
)

FORMAT_NAME = "kindvoice-export"
FORMAT_VERSION = 3
# Version 2 added each entry's "analysis", "trap_feedback" and "reframes";
# version 3 added "practice_runs", and later the optional "program_events" and
# "assessments" (each written only when there are some; a version 3 file without
# one has none). Every earlier version stays readable.


def format_moment(value: datetime) -> str:
    """ISO 8601 with the offset the moment was written in, microseconds kept."""
    return value.isoformat()


def entry_to_dict(entry: Entry) -> dict[str, Any]:
    """An entry as the export writes it; its reflection too, when it was loaded."""
    data: dict[str, Any] = {
        "id": entry.uid,
        "created_at": format_moment(entry.created_at),
        "updated_at": format_moment(entry.updated_at),
        "situation": entry.situation,
        "thought": entry.thought,
        "emotions": [{"name": e.name, "intensity": e.intensity} for e in entry.emotions],
        "tags": list(entry.tags),
        "source": entry.source,
    }
    if entry.reflection is not None:
        data.update(reflection_to_dict(entry.reflection, entry.thought))
    return data


def checkin_to_dict(checkin: CheckIn) -> dict[str, Any]:
    return {
        "id": checkin.uid,
        "created_at": format_moment(checkin.created_at),
        "mood": checkin.mood,
        "stress": checkin.stress,
        "critic": checkin.critic,
        "kindness": checkin.kindness,
        "note": checkin.note,
    }


def to_document(journal: Journal, app_version: str) -> dict[str, Any]:
    """The export document for ``journal``; the same data always gives the same document."""
    profile = journal.profile
    document: dict[str, Any] = {
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
        "practice_runs": [practice_run_to_dict(r) for r in journal.practice_runs],
    }
    if journal.program_events:
        document["program_events"] = [program_event_to_dict(e) for e in journal.program_events]
    if journal.assessments:
        document["assessments"] = [assessment_to_dict(a) for a in journal.assessments]
    return document


class _Reader:
    """Walks a parsed JSON document, collecting problems instead of stopping."""

    def __init__(self, now: datetime) -> None:
        self.now = now
        self.problems: list[Problem] = []
        self.entry_ids: set[str] = set()
        self.checkin_ids: set[str] = set()
        self.run_ids: set[str] = set()
        self.event_ids: set[str] = set()
        self.assessment_ids: set[str] = set()
        self.reflections = ReflectionReader(self.problems, now)

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
        where = f"{location}.{key}"
        if key not in obj:
            if required:
                self.problem(where, "missing")
            return ""
        value = obj[key]
        if value is None and not required:
            return ""  # null is read as "nothing written" for optional text
        limit = MAX_NOTE_CHARS if key == "note" else MAX_TEXT_CHARS
        return check_text(value, where, self.problems, required=required, max_chars=limit)

    def moment(self, obj: Mapping[str, Any], key: str, location: str) -> datetime | None:
        value = self.field(obj, key, location)
        if value is None:
            return None
        return read_moment(value, f"{location}.{key}", self.problems, now=self.now)

    def uid(self, obj: Mapping[str, Any], location: str, seen: set[str]) -> str:
        value = self.field(obj, "id", location)
        if value is None:
            return ""
        return read_uid(value, f"{location}.id", self.problems, seen)

    def entry(self, item: object, location: str) -> Entry | None:
        obj = self.obj(item, location)
        if obj is None:
            return None
        uid = self.uid(obj, location, self.entry_ids)
        created = self.moment(obj, "created_at", location)
        updated = self.moment(obj, "updated_at", location)
        if created and updated and updated < created:
            self.problem(f"{location}.updated_at", "before_created")
        emotions: list[Emotion] = []
        emotions_raw = self.field(obj, "emotions", location, default=[])
        if not isinstance(emotions_raw, list):
            self.problem(f"{location}.emotions", "not_a_list")
            emotions_raw = []
        for index, raw in enumerate(emotions_raw):
            emotion = self.obj(raw, f"{location}.emotions[{index}]")
            if emotion is not None:
                # Checked just below by check_emotions, whatever their types are.
                emotions.append(Emotion(emotion.get("name"), emotion.get("intensity")))  # type: ignore[arg-type]
        tags_raw = self.field(obj, "tags", location, default=[])
        if not isinstance(tags_raw, list):
            self.problem(f"{location}.tags", "not_a_list")
            tags_raw = []
        source = self.field(obj, "source", location, default="kindvoice")
        if not isinstance(source, str):
            self.problem(f"{location}.source", "not_text")
            source = "kindvoice"
        thought = self.text(obj, "thought", location, required=True)
        return Entry(
            uid=uid,
            thought=thought,
            situation=self.text(obj, "situation", location),
            emotions=check_emotions(emotions, f"{location}.emotions", self.problems),
            tags=check_tags(tags_raw, f"{location}.tags", self.problems),
            created_at=created or self.now,
            updated_at=updated or self.now,
            source=check_name(source, f"{location}.source", self.problems),
            reflection=self.reflections.read(obj, location, thought),
        )

    def checkin(self, item: object, location: str) -> CheckIn | None:
        obj = self.obj(item, location)
        if obj is None:
            return None
        uid = self.uid(obj, location, self.checkin_ids)
        created = self.moment(obj, "created_at", location)
        # The mood is always there. Stress and the critic are null for a check-in that came
        # from an app recording a mood only (Daylio); a key left out is still a problem.
        mood = 0
        if "mood" in obj:
            mood = check_rating(obj["mood"], f"{location}.mood", self.problems, top=10)
        else:
            self.field(obj, "mood", location)  # noted as missing
        optional: dict[str, int | None] = {}
        for key in ("stress", "critic"):
            value = self.field(obj, key, location)
            optional[key] = check_optional_rating(value, f"{location}.{key}", self.problems, top=10)
        return CheckIn(
            uid=uid,
            created_at=created or self.now,
            mood=mood,
            stress=optional["stress"],
            critic=optional["critic"],
            note=self.text(obj, "note", location),
            kindness=check_optional_rating(
                obj.get("kindness"), f"{location}.kindness", self.problems, top=10
            ),
        )

    def practice_run(self, item: object, location: str) -> PracticeRun | None:
        obj = self.obj(item, location)
        if obj is None:
            return None
        uid = self.uid(obj, location, self.run_ids)
        started = self.moment(obj, "started_at", location)
        return read_practice_run(
            obj, location, self.problems, uid=uid, started_at=started or self.now
        )

    def program_event(self, item: object, location: str) -> ProgramEvent | None:
        obj = self.obj(item, location)
        if obj is None:
            return None
        return read_program_event(obj, location, self.problems, now=self.now, seen=self.event_ids)

    def assessment(self, item: object, location: str) -> Assessment | None:
        obj = self.obj(item, location)
        if obj is None:
            return None
        return read_assessment(obj, location, self.problems, now=self.now, seen=self.assessment_ids)

    def profile(self, value: object) -> Profile | None:
        obj = self.obj(value, "profile")
        if obj is None:
            return None
        created = self.moment(obj, "created_at", "profile")
        return Profile(
            uid=self.uid(obj, "profile", set()),
            created_at=created or self.now,
            display_name=check_text(
                obj.get("display_name", ""), "profile.display_name", self.problems, max_chars=200
            ),
        )

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

    raw_profile = top.get("profile")
    profile = None if raw_profile is None else reader.profile(raw_profile)
    entries = reader.items(top, "entries", reader.entry)
    checkins = reader.items(top, "checkins", reader.checkin)
    # Missing before version 3: no practice runs.
    runs = reader.items(top, "practice_runs", reader.practice_run)
    # Optional in version 3 (and absent before): no program events.
    events = reader.items(top, "program_events", reader.program_event)
    # Optional in version 3 (and absent before): no questionnaire results.
    assessments = reader.items(top, "assessments", reader.assessment)
    if reader.problems:
        raise ValidationError(reader.problems, code="import_invalid")
    return Journal(
        profile=profile,
        entries=tuple(e for e in entries if e is not None),
        checkins=tuple(c for c in checkins if c is not None),
        practice_runs=tuple(r for r in runs if r is not None),
        program_events=tuple(e for e in events if e is not None),
        assessments=tuple(a for a in assessments if a is not None),
    )
