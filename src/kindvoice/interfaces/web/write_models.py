"""The JSON shapes of the Write and Journal API: what comes in (with limits) and what goes out.

Lengths here are generous outer bounds; the domain's own checks (``domain/validation.py``)
give the exact limits in kind words, with each problem's location.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from kindvoice.domain.nlp.types import Analysis, Reframe, TrapScore
from kindvoice.domain.records import Entry, SavedReframe, StoredAnalysis, TrapFeedback
from kindvoice.domain.validation import MAX_EMOTIONS, MAX_TAGS, MAX_TEXT_CHARS
from kindvoice.interfaces import messages as m
from kindvoice.interfaces.reflect_words import noticed_lines

# Room for surrounding whitespace, which the domain trims before it measures.
TEXT_BOUND = MAX_TEXT_CHARS * 2
NAME_BOUND = 200
SUPPORT_URL = "/support"


# --- in ----------------------------------------------------------------------------------


class FeelingIn(BaseModel):
    name: str = Field(max_length=NAME_BOUND, description="A feeling, like 'anxious'.")
    intensity: int = Field(ge=0, le=100, description="How strong it was, 0–100.")


class AnalyzeIn(BaseModel):
    thought: str = Field(max_length=TEXT_BOUND, description="The thought, in its own words.")
    situation: str = Field(default="", max_length=TEXT_BOUND)


class EntryIn(BaseModel):
    thought: str = Field(max_length=TEXT_BOUND)
    situation: str = Field(default="", max_length=TEXT_BOUND)
    feelings: list[FeelingIn] = Field(default_factory=list, max_length=MAX_EMOTIONS * 5)
    tags: list[str] = Field(default_factory=list, max_length=MAX_TAGS * 5)


class EntryPatch(BaseModel):
    """Only what is given changes; an empty list clears the feelings or tags."""

    thought: str | None = Field(default=None, max_length=TEXT_BOUND)
    situation: str | None = Field(default=None, max_length=TEXT_BOUND)
    feelings: list[FeelingIn] | None = Field(default=None, max_length=MAX_EMOTIONS * 5)
    tags: list[str] | None = Field(default=None, max_length=MAX_TAGS * 5)


class TrapVerdictIn(BaseModel):
    trap: str = Field(max_length=NAME_BOUND, description="A thinking trap, like 'labeling'.")
    verdict: str = Field(
        max_length=NAME_BOUND, description="'confirmed' (it fits), 'rejected' or 'added'."
    )


class ReframeIn(BaseModel):
    text: str = Field(max_length=TEXT_BOUND, description="The kinder answer.")
    origin: str = Field(
        default="own", max_length=NAME_BOUND, description="'own', 'suggested' or 'edited'."
    )
    component: str | None = Field(
        default=None,
        max_length=NAME_BOUND,
        description="'mindfulness', 'common_humanity' or 'self_kindness'.",
    )
    trap: str | None = Field(default=None, max_length=NAME_BOUND)
    belief_before: int | None = Field(
        default=None, ge=0, le=100, description="Belief in the original thought before, 0–100."
    )
    belief_after: int | None = Field(
        default=None, ge=0, le=100, description="Belief in the original thought after, 0–100."
    )


# --- out ---------------------------------------------------------------------------------


class FeelingOut(BaseModel):
    name: str
    intensity: int


class TrapOut(BaseModel):
    trap: str
    name: str
    probability: float


class SpanOut(BaseModel):
    start: int
    end: int
    sentence: int
    text: str


class SuggestionOut(BaseModel):
    text: str
    part: str = Field(description="The part of self-compassion it speaks to.")
    part_name: str
    trap: str | None
    question: str | None
    source: str


class AnalysisOut(BaseModel):
    model_version: str
    created_at: datetime | None
    crisis: bool
    crisis_level: str
    self_critical: bool
    critic_probability: float
    critic_spans: list[SpanOut]
    traps: list[TrapOut] = Field(description="Every trap, most likely first.")
    likely_traps: list[TrapOut] = Field(description="The ones worth naming (none for crisis).")
    noticed: list[str] = Field(description="What was noticed, in kind words.")


class AnalyzeOut(BaseModel):
    crisis: bool
    self_critical: bool
    traps: list[TrapOut] = Field(description="The likely thinking traps (none for crisis).")
    noticed: list[str]
    suggestions: list[SuggestionOut] = Field(description="Kinder answers; none for crisis.")
    support_url: str | None = Field(description="Where support is, when crisis language showed.")


class FeedbackOut(BaseModel):
    trap: str
    name: str
    verdict: str
    created_at: datetime


class ReframeOut(BaseModel):
    id: int | None
    uid: str
    text: str
    origin: str
    component: str | None
    trap: str | None
    belief_before: int | None
    belief_after: int | None
    created_at: datetime


class ReframeSaved(ReframeOut):
    crisis: bool = Field(description="The words sounded like crisis: support comes first.")
    support_url: str | None


class EntryBrief(BaseModel):
    id: int | None
    uid: str
    created_at: datetime
    updated_at: datetime
    situation: str
    thought: str
    feelings: list[FeelingOut]
    tags: list[str]


class EntryOut(EntryBrief):
    analysis: AnalysisOut | None
    trap_feedback: list[FeedbackOut]
    reframes: list[ReframeOut]


class EntryWritten(EntryOut):
    crisis: bool
    suggestions: list[SuggestionOut] = Field(description="Kinder answers; none for crisis.")
    support_url: str | None


# --- shaping records ----------------------------------------------------------------------


def trap_out(score: TrapScore) -> TrapOut:
    return TrapOut(trap=score.trap, name=m.trap_name(score.trap), probability=score.probability)


def suggestion_out(item: Reframe) -> SuggestionOut:
    return SuggestionOut(
        text=item.text,
        part=item.component,
        part_name=m.say("component." + item.component),
        trap=item.trap,
        question=item.question,
        source=item.source,
    )


def analysis_out(found: Analysis | StoredAnalysis, thought: str) -> AnalysisOut:
    crisis = found.is_crisis
    if isinstance(found, StoredAnalysis):
        level, created = found.crisis_level, found.created_at
        version = found.model_version
    else:
        level, created, version = found.crisis.level, None, found.model_version
    return AnalysisOut(
        model_version=version,
        created_at=created,
        crisis=crisis,
        crisis_level=level,
        self_critical=found.is_self_critical,
        critic_probability=round(float(found.critic_probability), 4),
        critic_spans=[
            SpanOut(start=s.start, end=s.end, sentence=s.sentence, text=thought[s.start : s.end])
            for s in found.critic_spans
        ],
        traps=[trap_out(t) for t in found.traps],
        likely_traps=[] if crisis else [trap_out(t) for t in found.likely_traps()],
        noticed=noticed_lines(found, thought),
    )


def feedback_out(item: TrapFeedback) -> FeedbackOut:
    return FeedbackOut(
        trap=item.trap,
        name=m.trap_name(item.trap),
        verdict=item.verdict,
        created_at=item.created_at,
    )


def reframe_fields(item: SavedReframe) -> dict[str, object]:
    return {
        "id": item.id,
        "uid": item.uid,
        "text": item.text,
        "origin": item.origin,
        "component": item.component,
        "trap": item.trap,
        "belief_before": item.belief_before,
        "belief_after": item.belief_after,
        "created_at": item.created_at,
    }


def brief_fields(entry: Entry) -> dict[str, object]:
    return {
        "id": entry.id,
        "uid": entry.uid,
        "created_at": entry.created_at,
        "updated_at": entry.updated_at,
        "situation": entry.situation,
        "thought": entry.thought,
        "feelings": [FeelingOut(name=e.name, intensity=e.intensity) for e in entry.emotions],
        "tags": list(entry.tags),
    }


def entry_fields(entry: Entry) -> dict[str, object]:
    """An entry with what is kept about it (its reflection must be loaded)."""
    reflection = entry.reflection
    assert reflection is not None
    return {
        **brief_fields(entry),
        "analysis": None
        if reflection.analysis is None
        else analysis_out(reflection.analysis, entry.thought),
        "trap_feedback": [feedback_out(f) for f in reflection.trap_feedback],
        "reframes": [ReframeOut.model_validate(reframe_fields(r)) for r in reflection.reframes],
    }
