"""The records kindvoice keeps, as plain frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Emotion:
    """A feeling named by the person, with how strong it was (0–100)."""

    name: str
    intensity: int


@dataclass(frozen=True)
class EntryDraft:
    """What a person wrote, already checked and tidied, not yet stored."""

    thought: str
    situation: str = ""
    emotions: tuple[Emotion, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Entry:
    """A journal entry: a thought record.

    ``uid`` is stable across export and import; ``id`` is the local row number
    that people type on the command line.
    """

    uid: str
    thought: str
    situation: str
    emotions: tuple[Emotion, ...]
    tags: tuple[str, ...]
    created_at: datetime
    updated_at: datetime
    id: int | None = None
    source: str = "kindvoice"


@dataclass(frozen=True)
class CheckInDraft:
    """A check-in as entered: three 0–10 ratings and an optional note."""

    mood: int
    stress: int
    critic: int
    note: str = ""


@dataclass(frozen=True)
class CheckIn:
    """A quick check-in: mood, stress and how loud the inner critic was (0–10)."""

    uid: str
    created_at: datetime
    mood: int
    stress: int
    critic: int
    note: str = ""
    id: int | None = None


@dataclass(frozen=True)
class Profile:
    """The person whose journal this is."""

    uid: str
    created_at: datetime
    display_name: str = ""


@dataclass(frozen=True)
class Journal:
    """Everything one person has kept, as exported or imported."""

    profile: Profile | None
    entries: tuple[Entry, ...] = ()
    checkins: tuple[CheckIn, ...] = ()
