from __future__ import annotations

import pytest

from kindvoice.domain.nlp.crisis import screen_sentence
from kindvoice.domain.nlp.cues import critic_cues, critic_spans
from kindvoice.domain.nlp.sentences import MAX_SENTENCES, split_sentences


def test_sentences_keep_their_offsets() -> None:
    text = 'I failed again.  Dr. Smith said so!\nWhat is wrong with me?? ok "fine." Bye'
    found = split_sentences(text)
    assert [s.text for s in found] == [
        "I failed again.",
        "Dr. Smith said so!",
        "What is wrong with me??",
        'ok "fine."',
        "Bye",
    ]
    for sentence in found:
        assert text[sentence.start : sentence.end] == sentence.text


def test_sentences_skip_empty_and_cap_huge_texts() -> None:
    assert split_sentences("   \n\n ... ") == []
    many = " ".join(f"Sentence number {i}." for i in range(MAX_SENTENCES + 50))
    found = split_sentences(many)
    assert len(found) == MAX_SENTENCES
    assert found[-1].text.endswith(f"number {MAX_SENTENCES + 49}.")


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("I want to kill myself", "concern"),
        ("kms", "concern"),
        ("honestly i wanna kms", "concern"),
        ("Everyone would be better off without me", "concern"),
        ("I cut myself again last night", "concern"),
        ("I don't want to wake up tomorrow", "concern"),
        ("What's the point of living anymore", "concern"),
        ("This is my goodbye letter to all of you", "urgent"),
        ("I have the pills ready to end it tonight", "urgent"),
        ("I took all my pills an hour ago", "urgent"),
        ("I'm standing on the bridge right now", "urgent"),
        ("I'm going to end my life", "urgent"),
    ],
)
def test_crisis_rules_catch_danger(text: str, level: str) -> None:
    hit = screen_sentence(text)
    assert hit is not None
    assert hit.level == level


@pytest.mark.parametrize(
    "text",
    [
        "This traffic is killing me",
        "I'm dying to see it",
        "We killed it at the gig",
        "My phone died",
        "I could die of embarrassment lol",
        "I'd kill for a coffee",
        "My feet are killing me",
        "I'm dead tired",
        "I'm going to end it with him, it's over between us",
        "I'm such a failure",
        "I feel so lonely tonight",
    ],
)
def test_crisis_rules_leave_idioms_and_sadness_alone(text: str) -> None:
    assert screen_sentence(text) is None


@pytest.mark.parametrize(
    ("text", "cue", "present"),
    [
        ("I'm such a failure", "self_label", True),
        ("I'm not a failure, I just had a bad day", "self_label", False),
        ("I'm not a failure, I just had a bad day", "negated_label", True),
        ("my boss said I'm useless, but I know I did my best", "reported", True),
        ("the referee was an idiot", "other_label", True),
        ("the referee was an idiot", "self_label", False),
        ("im such a loser lol", "casual", True),
        ("I made a mistake and that's okay", "compassion", True),
    ],
)
def test_critic_cues(text: str, cue: str, present: bool) -> None:
    assert critic_cues(text)[cue] is present


def test_critic_spans_cover_the_harsh_clause() -> None:
    text = "It's all my fault, I'm a terrible mother"
    assert [text[s.start : s.end] for s in critic_spans(text)] == [
        "It's all my fault",
        "I'm a terrible mother",
    ]
    assert critic_spans("I'm not stupid for asking") == []
