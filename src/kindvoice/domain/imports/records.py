"""Rows from another app, as kindvoice's own entries and check-ins.

A Daylio moment always becomes a check-in with its mood (Daylio asks nothing about stress or
the inner critic, so those stay empty). When it has words, it also becomes a journal entry
at the same moment: the note is the thought, and the note's title (a short heading Daylio
offers, usually naming what happened) is the situation. A title without a note is the
thought itself, since an entry always has one. Activities become tags.

A jrnl entry becomes a journal entry: its title (jrnl's name for the first sentence) and
body together are the thought, its tags are tags, and a starred entry is tagged ``starred``.

Every id comes from the record's contents (``content_uid``), so a second import of the same
file finds everything already here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from kindvoice.core.errors import Problem, ValidationError
from kindvoice.domain.imports import daylio, jrnl
from kindvoice.domain.imports.common import Occurrences, content_uid
from kindvoice.domain.imports.daylio import DaylioRow, mood_key, mood_scale
from kindvoice.domain.imports.jrnl import JrnlEntry
from kindvoice.domain.records import CheckIn, Entry
from kindvoice.domain.validation import MAX_NOTE_CHARS, check_moment, check_tags, check_text

# Places a wall-clock time (without a zone) in the person's time zone.
Placer = Callable[[datetime], datetime]
STARRED_TAG = "starred"
_AROUND_SLASH = re.compile(r"\s*/\s*")


@dataclass(frozen=True)
class Brought:
    """What a file from another app gives kindvoice: entries and check-ins, oldest first."""

    source: str
    entries: tuple[Entry, ...]
    checkins: tuple[CheckIn, ...]

    @property
    def moments(self) -> list[datetime]:
        return [e.created_at for e in self.entries] + [c.created_at for c in self.checkins]


def activity_tag(name: str) -> str:
    """An activity as a tag: ``movies / tv`` is ``movies/tv`` (check_tags tidies the rest)."""
    return _AROUND_SLASH.sub("/", name.strip())


def _placed(
    at: datetime, where: str, place: Placer, now: datetime, problems: list[Problem]
) -> datetime:
    moment = place(at)
    check_moment(moment, where, problems, now=now)
    return moment


def daylio_records(
    rows: Sequence[DaylioRow],
    moods: Mapping[str, int],
    place: Placer,
    now: datetime,
    *,
    unknown_mood: int | None = None,
) -> Brought:
    """Check-ins (and entries, for moments with words) for Daylio rows.

    ``moods`` are the person's own names and values, on top of Daylio's defaults. A mood
    that is still unknown raises ``daylio_unknown_moods``, unless ``unknown_mood`` gives a
    stand-in value (a dry run counts what would come in before anyone has said).
    """
    if unknown_mood is None:
        daylio.require_known_moods(rows, moods)
    scale = mood_scale(moods)
    problems: list[Problem] = []
    seen = Occurrences()
    entries: list[Entry] = []
    checkins: list[CheckIn] = []
    for row in rows:
        where = f"row {row.row}"
        moment = _placed(row.at, where, place, now, problems)
        occurrence = seen.next(row.content)
        mood = scale.get(mood_key(row.mood), unknown_mood if unknown_mood is not None else 5)
        has_words = bool(row.note or row.title)
        # A moment without words keeps its activities in the check-in's note, so nothing of
        # it is lost; a moment with words keeps them as the entry's tags instead.
        note = "" if has_words else ", ".join(a.strip() for a in row.activities if a.strip())
        checkins.append(
            CheckIn(
                uid=content_uid("daylio", "checkin", row.content, occurrence),
                created_at=moment,
                mood=mood,
                stress=None,
                critic=None,
                note=check_text(note, f"{where}, activities", problems, max_chars=MAX_NOTE_CHARS),
            )
        )
        if not has_words:
            continue
        words = row.note or row.title
        thought = check_text(
            words, f"{where}, {'note' if row.note else 'note_title'}", problems, required=True
        )
        situation = check_text(row.title if row.note else "", f"{where}, note_title", problems)
        tags = check_tags(
            [activity_tag(a) for a in row.activities], f"{where}, activities", problems
        )
        entries.append(
            Entry(
                uid=content_uid("daylio", "entry", row.content, occurrence),
                thought=thought,
                situation=situation,
                emotions=(),
                tags=tags,
                created_at=moment,
                updated_at=moment,
                source="daylio",
            )
        )
    if problems:
        raise ValidationError(problems, code=daylio.ERROR_CODE)
    return Brought("daylio", tuple(entries), tuple(checkins))


def _thought(entry: JrnlEntry) -> str:
    """jrnl's title and body as one thought: the title on its own line, as jrnl shows it."""
    return "\n".join(part for part in (entry.title, entry.body) if part)


def jrnl_records(found: Iterable[JrnlEntry], place: Placer, now: datetime) -> Brought:
    """Journal entries for jrnl's entries."""
    problems: list[Problem] = []
    seen = Occurrences()
    entries: list[Entry] = []
    for item in found:
        where = f"entries[{item.index}]"
        moment = _placed(item.at, f"{where}.date", place, now, problems)
        tags = (*item.tags, STARRED_TAG) if item.starred else item.tags
        entries.append(
            Entry(
                uid=content_uid("jrnl", "entry", item.content, seen.next(item.content)),
                thought=check_text(_thought(item), f"{where}.body", problems, required=True),
                situation="",
                emotions=(),
                tags=check_tags(tags, f"{where}.tags", problems),
                created_at=moment,
                updated_at=moment,
                source="jrnl",
            )
        )
    if problems:
        raise ValidationError(problems, code=jrnl.ERROR_CODE)
    return Brought("jrnl", tuple(entries), ())
