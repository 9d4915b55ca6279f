"""What the inner-dialogue engine returns, as plain frozen records."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

CrisisLevel = Literal["none", "concern", "urgent"]
CRISIS_LEVELS: tuple[CrisisLevel, ...] = ("none", "concern", "urgent")

# Our taxonomy of thinking traps (after Beck 1979 and Burns 1980, as used by
# Sharma et al. 2023); docs/nlp.md maps the datasets' label names onto these.
TRAPS: tuple[str, ...] = (
    "all_or_nothing",
    "overgeneralizing",
    "labeling",
    "fortune_telling",
    "mind_reading",
    "emotional_reasoning",
    "should_statements",
    "personalizing",
    "discounting_positive",
    "catastrophizing",
    "mental_filter",
    "comparing",
    "blaming",
)

# The three parts of self-compassion (Neff 2003).
Component = Literal["mindfulness", "common_humanity", "self_kindness"]
COMPONENTS: tuple[Component, ...] = ("mindfulness", "common_humanity", "self_kindness")


@dataclass(frozen=True)
class Span:
    """A stretch of the analysed text: ``text[start:end]``, inside sentence ``sentence``."""

    start: int
    end: int
    text: str
    sentence: int


@dataclass(frozen=True)
class CrisisFinding:
    """The crisis screen's verdict and, when it is not ``none``, what triggered it."""

    level: CrisisLevel
    cue: str = ""
    span: Span | None = None


@dataclass(frozen=True)
class TrapScore:
    trap: str
    probability: float


@dataclass(frozen=True)
class SentenceAnalysis:
    """One sentence of a longer text and what was found in it."""

    index: int
    start: int
    end: int
    text: str
    crisis: CrisisFinding
    critic_probability: float
    critic_spans: tuple[Span, ...]
    traps: tuple[TrapScore, ...]  # every trap, most likely first


@dataclass(frozen=True)
class Analysis:
    """Everything the engine noticed in one piece of writing.

    Entry-level figures combine the sentences: the crisis level is the highest
    of any sentence, the self-criticism probability the highest of any sentence,
    and each trap's probability its highest in any sentence. Crisis and
    self-criticism are judged independently; check ``is_crisis`` first.
    """

    text: str
    model_version: str
    crisis: CrisisFinding
    critic_probability: float
    is_self_critical: bool
    critic_spans: tuple[Span, ...]
    traps: tuple[TrapScore, ...]  # every trap, most likely first
    sentences: tuple[SentenceAnalysis, ...]

    @property
    def is_crisis(self) -> bool:
        return self.crisis.level != "none"

    def likely_traps(self, threshold: float = 0.5, most: int = 3) -> tuple[TrapScore, ...]:
        """The traps worth naming: above ``threshold``, at most ``most`` of them."""
        return tuple(t for t in self.traps if t.probability >= threshold)[:most]


@dataclass(frozen=True)
class Reframe:
    """One suggested kinder answer to the inner critic."""

    text: str
    component: Component
    trap: str | None = None
    question: str | None = None  # a gentle trap-specific question, when a trap was found
    source: Literal["template", "llm"] = "template"
