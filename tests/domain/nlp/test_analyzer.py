"""The engine as the app uses it: crisis first, self-criticism, traps, long texts."""

from __future__ import annotations

import pytest

from kindvoice.domain.nlp.analyzer import _in_context, analyze, critic_contexts, model_version
from kindvoice.domain.nlp.reframe import suggest_reframes
from kindvoice.domain.nlp.sentences import split_sentences
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
    assert suggest_reframes(text, analysis) == []


def test_a_crisis_that_is_also_harsh_is_both_and_still_gets_no_reframe() -> None:
    text = "I'm a worthless failure and everyone would be better off without me."
    analysis = analyze(text)
    assert analysis.is_crisis
    assert analysis.is_self_critical  # counted where the critic is tallied over time
    assert any("failure" in span.text for span in analysis.critic_spans)
    assert suggest_reframes(text, analysis) == []


def test_a_crisis_with_no_harsh_words_is_not_called_self_critical() -> None:
    analysis = analyze("I have the pills ready for tonight.")
    assert analysis.is_crisis
    assert not analysis.is_self_critical


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
        "I'm not a failure.",
        "My boss said I'm useless, but I know the report was solid.",
        "Forgetting one appointment doesn't make me a mess.",
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
    assert model_version().startswith("3+")


def test_critic_contexts_keep_short_texts_whole_and_pair_long_ones() -> None:
    assert critic_contexts(split_sentences("I'm such an idiot.")) == [(0, 0)]
    assert critic_contexts(split_sentences("He said I'm lazy. He's wrong. I worked.")) == [(0, 2)]
    four = "I woke up. I ate. I'm an idiot. I slept."
    assert critic_contexts(split_sentences(four)) == [(0, 1), (1, 2), (2, 3)]
    long_three = " ".join(["This sentence is long enough to matter here." * 4] * 3)
    assert len(critic_contexts(split_sentences(long_three.replace("here.", "here. ")))) > 1


def test_in_context_gives_the_context_to_the_sentence_that_carries_it() -> None:
    # Two sentences; the first is harsh alone, the pair is not: the reply decides.
    assert _in_context([(0, 1)], [0.9, 0.1, 0.2], 0.5) == [0.2, 0.1]
    # Neither is harsh alone, the pair is: the harsher one carries it.
    assert _in_context([(0, 1)], [0.3, 0.4, 0.8], 0.5) == [0.3, 0.8]
    # Pairs over four sentences: each keeps its best reading.
    result = _in_context([(0, 1), (1, 2), (2, 3)], [0.1, 0.2, 0.9, 0.1, 0.1, 0.7, 0.6], 0.5)
    assert result == [0.1, 0.2, 0.7, 0.1]
    assert _in_context([(0, 0)], [0.42], 0.5) == [0.42]


def test_heads_were_trained_on_the_shipped_encoder() -> None:
    import hashlib
    import json
    from importlib import resources

    folder = resources.files("kindvoice.domain.nlp").joinpath("model")
    meta = json.loads(folder.joinpath("heads.json").read_text(encoding="utf-8"))
    encoder = folder.joinpath("encoder.onnx").read_bytes()
    assert meta["encoder_sha256"] == hashlib.sha256(encoder).hexdigest()
