"""The records kindvoice keeps, as plain frozen dataclasses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from kindvoice.domain.nlp.types import Component, CrisisLevel, TrapScore

if TYPE_CHECKING:
    # practice_runs uses the checks in validation, which import this module.
    from kindvoice.domain.instruments.results import Assessment
    from kindvoice.domain.practice_runs import PracticeRun
    from kindvoice.domain.program.events import ProgramEvent

TrapVerdict = Literal["confirmed", "rejected", "added"]
VERDICTS: tuple[TrapVerdict, ...] = ("confirmed", "rejected", "added")
ReframeOrigin = Literal["own", "suggested", "edited"]
ORIGINS: tuple[ReframeOrigin, ...] = ("own", "suggested", "edited")


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
class CriticSpan:
    """Where the thought sounds self-critical: ``thought[start:end]``, in sentence ``sentence``."""

    start: int
    end: int
    sentence: int


@dataclass(frozen=True)
class StoredAnalysis:
    """What the engine noticed in an entry's thought, as kept with the entry.

    A summary of ``nlp.types.Analysis``: the entry-level figures, without the
    per-sentence detail. ``model_version`` says which engine made it, so it can
    be recomputed when the engine changes.
    """

    model_version: str
    crisis_level: CrisisLevel
    crisis_cue: str
    critic_probability: float
    is_self_critical: bool
    traps: tuple[TrapScore, ...]  # as the engine ordered them: most likely first
    critic_spans: tuple[CriticSpan, ...]
    created_at: datetime

    @property
    def is_crisis(self) -> bool:
        return self.crisis_level != "none"

    def likely_traps(self, threshold: float = 0.5, most: int = 3) -> tuple[TrapScore, ...]:
        """The traps worth naming: above ``threshold``, at most ``most`` of them."""
        ranked = sorted(self.traps, key=lambda t: -t.probability)
        return tuple(t for t in ranked if t.probability >= threshold)[:most]


@dataclass(frozen=True)
class TrapFeedback:
    """The person's own word on a thinking trap: it fits, it doesn't, or one they added."""

    trap: str
    verdict: TrapVerdict
    created_at: datetime


@dataclass(frozen=True)
class SavedReframe:
    """A kinder answer the person kept, with how much they believed the original thought
    before and after answering it (0–100, when they said)."""

    uid: str
    text: str
    origin: ReframeOrigin
    created_at: datetime
    component: Component | None = None
    trap: str | None = None
    belief_before: int | None = None
    belief_after: int | None = None
    id: int | None = None


@dataclass(frozen=True)
class Reflection:
    """Everything kept about working with one entry: the analysis, trap feedback, reframes."""

    analysis: StoredAnalysis | None = None
    trap_feedback: tuple[TrapFeedback, ...] = ()
    reframes: tuple[SavedReframe, ...] = ()


@dataclass(frozen=True)
class Entry:
    """A journal entry: a thought record.

    ``uid`` is stable across export and import; ``id`` is the local row number
    that people type on the command line. ``reflection`` is loaded only where it
    is needed (export, `journal show`); ``None`` means "not loaded", not "none".
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
    reflection: Reflection | None = None


@dataclass(frozen=True)
class CheckInDraft:
    """A check-in as entered: a 0–10 mood, stress and critic (each may be missing when it
    came from another app), an optional self-kindness, and a note."""

    mood: int
    stress: int | None
    critic: int | None
    note: str = ""
    kindness: int | None = None  # how kind the person was to themselves, when they said


@dataclass(frozen=True)
class CheckIn:
    """A quick check-in: mood, stress, how loud the inner critic was, and (when the
    person answered) how kind they were to themselves, each 0–10.

    ``stress`` and ``critic`` are None for a check-in brought in from an app that
    records a mood only (Daylio); a check-in made in kindvoice always has them.
    """

    uid: str
    created_at: datetime
    mood: int
    stress: int | None
    critic: int | None
    note: str = ""
    id: int | None = None
    kindness: int | None = None


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
    practice_runs: tuple[PracticeRun, ...] = ()
    program_events: tuple[ProgramEvent, ...] = ()
    assessments: tuple[Assessment, ...] = ()
