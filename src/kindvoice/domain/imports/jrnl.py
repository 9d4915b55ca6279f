"""jrnl's JSON export (``jrnl --export json``), read entry by entry.

The shape: ``{"tags": {"@work": 3, …}, "entries": [{"title", "body", "date": "2024-05-18",
"time": "21:30", "tags": ["@work"], "starred": false}, …]}``. jrnl splits each entry's text
into a title (its first sentence) and the rest (the body). Some journals add ``uuid`` and
``creator``; those, and anything else kindvoice doesn't use, are read past. The tag symbol
is ``@`` unless the person chose another, so leading ``@`` and ``#`` both come off.
Problems are located like kindvoice's own export: ``entries[3].date``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from kindvoice.core.errors import Problem, ValidationError
from kindvoice.domain.imports.common import ProblemLog, read_time_of_day

ERROR_CODE = "jrnl_invalid"
_TIME_24H = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?$")


@dataclass(frozen=True)
class JrnlEntry:
    """One jrnl entry, read but not yet placed in a time zone."""

    index: int  # its place in the file's "entries" list
    at: datetime  # jrnl's wall-clock time, without a time zone
    title: str
    body: str
    tags: tuple[str, ...]  # as written, without the tag symbol
    starred: bool
    content: tuple[str, ...]  # what the entry holds: the source of its id


def looks_like_jrnl(document: object) -> bool:
    """A JSON object with an ``entries`` list and no kindvoice ``format`` key."""
    return (
        isinstance(document, dict)
        and "format" not in document
        and isinstance(document.get("entries"), list)
    )


def _text(obj: Mapping[str, Any], key: str, where: str, log: ProblemLog) -> str:
    value = obj.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        log.add(f"{where}.{key}", "not_text")
        return ""
    return value.strip()


def _moment(obj: Mapping[str, Any], where: str, log: ProblemLog) -> datetime | None:
    day_text, time_text = obj.get("date"), obj.get("time")
    day = None
    if day_text is None:
        log.add(f"{where}.date", "missing")
    elif isinstance(day_text, str):
        try:
            day = date.fromisoformat(day_text.strip())
        except ValueError:
            day = None
    if day_text is not None and day is None:
        log.add(f"{where}.date", "not_a_calendar_date")
    when = None
    if time_text is None:
        log.add(f"{where}.time", "missing")
    elif isinstance(time_text, str) and _TIME_24H.match(time_text.strip()):
        when = read_time_of_day(time_text)
    if time_text is not None and when is None:
        log.add(f"{where}.time", "not_a_time_of_day", value=str(time_text)[:40])
    return None if day is None or when is None else datetime.combine(day, when)


def _tags(obj: Mapping[str, Any], where: str, log: ProblemLog) -> tuple[str, ...]:
    raw = obj.get("tags", [])
    if raw is None:
        return ()
    if not isinstance(raw, list):
        log.add(f"{where}.tags", "not_a_list")
        return ()
    tags: list[str] = []
    for index, tag in enumerate(raw):
        if not isinstance(tag, str):
            log.add(f"{where}.tags[{index}]", "not_text")
            continue
        tags.append(tag.strip().lstrip("@#").strip())
    return tuple(tags)


def _entry(item: object, index: int, log: ProblemLog) -> JrnlEntry | None:
    where = f"entries[{index}]"
    if not isinstance(item, dict):
        log.add(where, "not_an_object")
        return None
    before = len(log.problems)
    at = _moment(item, where, log)
    title = _text(item, "title", where, log)
    body = _text(item, "body", where, log)
    tags = _tags(item, where, log)
    starred = item.get("starred", False)
    if starred is None:
        starred = False
    if not isinstance(starred, bool):
        log.add(f"{where}.starred", "not_true_false")
    if len(log.problems) == before and not (title or body):
        log.add(where, "jrnl_empty_entry")
    if len(log.problems) > before or at is None:
        return None
    return JrnlEntry(
        index=index,
        at=at,
        title=title,
        body=body,
        tags=tags,
        starred=bool(starred),
        content=(at.isoformat(), title, body, " ".join(tags), str(bool(starred))),
    )


def read_jrnl(document: object) -> list[JrnlEntry]:
    """Every entry in a parsed jrnl export, oldest first.

    Raises ``ValidationError`` (``jrnl_invalid``) listing every problem with its location.
    """
    if not looks_like_jrnl(document):
        raise ValidationError([Problem("entries", "jrnl_no_entries")], code=ERROR_CODE)
    assert isinstance(document, dict)
    log = ProblemLog([])
    tags = document.get("tags", {})
    if tags is not None and not isinstance(tags, dict):
        log.add("tags", "not_an_object")
    found: list[JrnlEntry] = []
    for index, item in enumerate(document["entries"]):
        if log.full:
            log.stop_note()
            break
        entry = _entry(item, index, log)
        if entry is not None:
            found.append(entry)
    log.raise_if_any(ERROR_CODE)
    found.sort(key=lambda e: (e.at, e.index))
    return found
