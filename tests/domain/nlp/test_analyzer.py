"""The engine as the app uses it: crisis first, self-criticism, traps, long texts."""

from __future__ import annotations

import pytest

from kindvoice.domain.nlp.analyzer import analyze, model_version
from kindvoice.domain.nlp.reframe import suggest_reframes
from kindvoice.domain.nlp.types import TRAPS


@pytest.mark.parametrize(
    "text",
    [
        "I want to kill myself",
        "kms",
        "Everyone would be better off without me.",
        "This is my goodbye letter. I'm sorry.",
    ],
)
def test_analyze_puts_crisis_first_and_gives_no_reframe(text: str) -> None:
    analysis = analyze(text)
    assert analysis.crisis.level in ("concern", "urgent")
    assert analysis.crisis.cue
    assert not analysis.is_self_critical
    assert suggest_reframes(text, analysis) == []


@pytest.mark.parametrize(
    "text",
    [
        "This traffic is killing me",
        "I'm dying to see it",
        "We killed it at the gig last night",
        "My phone died",
    ],
)
def test_analyze_leaves_idioms_alone(text: str) -> None:
    assert analyze(text).crisis.level == "none"


@pytest.mark.parametrize(
    "text",
    [
        "I'm such a failure",
        "I always ruin everything",
        "What is wrong with me, I'm so stupid",
        "im such a loser lol",
    ],
)
def test_analyze_hears_harsh_self_talk(text: str) -> None:
    analysis = analyze(text)
    assert analysis.is_self_critical
    assert analysis.critic_spans
    for span in analysis.critic_spans:
        assert text[span.start : span.end] == span.text


@pytest.mark.parametrize(
    "text",
    [
        "The referee was an idiot",
        "I had pasta for lunch",
        "I made a mistake and that's okay",
        "The meeting moved to three o'clock",
    ],
)
def test_analyze_does_not_hear_criticism_where_there_is_none(text: str) -> None:
    assert not analyze(text).is_self_critical


def test_analyze_scores_every_trap_and_names_likely_ones() -> None:
    analysis = analyze("I should always get everything right, and I never do.")
    assert {t.trap for t in analysis.traps} == set(TRAPS)
    probabilities = [t.probability for t in analysis.traps]
    assert probabilities == sorted(probabilities, reverse=True)
    assert {"should_statements", "overgeneralizing", "all_or_nothing"} & {
        t.trap for t in analysis.traps[:3]
    }


def test_long_entries_are_read_sentence_by_sentence() -> None:
    text = (
        "Work was long today and the bus was late again. I made dinner and watched a show. "
        "Honestly I'm such an idiot for sending that email. "
        "Sometimes I think everyone would be better off without me. Anyway, bed soon."
    )
    analysis = analyze(text)
    assert len(analysis.sentences) == 5
    assert analysis.crisis.level != "none"
    assert analysis.crisis.span is not None
    assert analysis.crisis.span.sentence == 3
    assert analysis.sentences[2].critic_probability > analysis.sentences[1].critic_probability


def test_empty_text_and_version() -> None:
    analysis = analyze("   ")
    assert analysis.sentences == ()
    assert analysis.crisis.level == "none"
    assert analysis.model_version == model_version()
    assert model_version().startswith("1+")
