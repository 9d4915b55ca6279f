from __future__ import annotations

import pytest

from kindvoice.domain.nlp.specifics import Specifics, extract_specifics, find_event, find_labels


@pytest.mark.parametrize(
    ("thought", "labels"),
    [
        ("I'm a failure", ("failure",)),
        ("I'm so stupid", ("stupid",)),
        ("what an idiot I am", ("idiot",)),
        ("What an idiot.", ("idiot",)),
        ("I am such a loser", ("loser",)),
        ("im worthless", ("worthless",)),
        ("I’m completely useless at this", ("useless",)),
        ("I feel like a burden to everyone", ("burden",)),
        ("I feel so pathetic", ("pathetic",)),
        ("I'm a terrible mother", ("terrible mother",)),
        ("I'm the worst mum", ("worst mum",)),
        ("I'm a bad friend", ("bad friend",)),
        ("I look fat and disgusting", ("fat", "disgusting")),
        ("I'm such a complete and utter failure, a fraud and a mess", ("failure", "fraud", "mess")),
        ("I'm not good enough for this job", ("not good enough",)),
        ("I must be stupid", ("stupid",)),
        ("I've been so lazy", ("lazy",)),
        ("Stupid me, forgot again.", ("stupid",)),
        ("I'm such an IDIOT", ("idiot",)),
        ("I'm the worst", ("the worst",)),
        ("I'm a waste of space", ("waste of space",)),
    ],
)
def test_specifics_find_labels_in_their_own_words(thought: str, labels: tuple[str, ...]) -> None:
    assert find_labels(thought) == labels


@pytest.mark.parametrize(
    "thought",
    [
        "I'm not stupid, only tired",
        "I'm not a failure",
        "I feel terrible about it",
        "I feel awful",
        "What a mess the meeting was",
        "He called me stupid",
        "The test was stupid",
        "I'm tired and sad",
        "",
        "Ich bin so dumm",
    ],
)
def test_specifics_find_no_label_where_none_is_put_on_the_self(thought: str) -> None:
    assert find_labels(thought) == ()


@pytest.mark.parametrize(
    ("thought", "situation", "event"),
    [
        ("I'm a failure", "missed the deadline", "missed the deadline"),
        ("I'm so stupid", "The exam", "the exam"),
        ("I'm so stupid", "my presentation.", "my presentation"),
        ("I'm useless", "Forgot mum's birthday!", "forgot mum's birthday"),
        ("I'm useless", "At work today I missed the deadline", "missed the deadline"),
        (
            "I'm useless",
            "At work today I missed the deadline for the big quarterly report that my boss needed",
            "missed the deadline",
        ),
        ("I'm useless", "My boss yelled at me in front of everyone today", "my boss yelled at me"),
        ("I'm useless", "Sarah ignored me at lunch", "Sarah ignored me at lunch"),
        ("I'm useless", "I just missed the bus", "missed the bus"),
        ("I failed the exam and I'm an idiot", "", "failed the exam"),
        (
            "I'm a terrible mother. I forgot mum's birthday again.",
            "",
            "forgot mum's birthday",
        ),
        ("I can't believe I didn't finish the report", "", "didn't finish the report"),
        ("I've been avoiding everyone all week", "", "avoiding everyone all week"),
        ("I keep messing up at work", "", "keep messing up at work"),
        ("I was late again, typical", "", "was late"),
        ("I'll never pass the driving test", "", "the driving test"),
        ("I'm so stupid", "", ""),
        ("I always mess everything up", "", ""),
        ("I felt awful and wanted to hide", "", ""),
        ("I'm useless", "at least I tried", ""),
        ("I was so stupid", "", ""),
        # Someone else's account of the person is not an event to echo back.
        ("She told everyone I was a liar. I wasn't.", "", ""),
        ("My ex said I was impossible to live with.", "", ""),
        ("Mom always said I was the selfish one", "", ""),
        # A lone verb leaves out what it was done to; some verbs stand alone.
        ("Every relationship I've ever had, I've wrecked.", "", ""),
        ("I panicked.", "", "panicked"),
        ("I've let myself go completely.", "", ""),
        # A clause that ends by itself keeps its last word; a cut one loses it.
        ("I snapped at the people I live with", "", "snapped at the people"),
        ("I can't deal with what I put up with", "", ""),
        ("I cried over a parking ticket", "", "cried over a parking ticket"),
        # A cut never leaves a word that leans on what followed ("with years" of ...).
        (
            "I spent my whole weekend on hours of pointless scrolling and snacking",
            "",
            "spent my whole weekend",
        ),
        # The critic's verdict after "and it's" is not part of what happened.
        ("I crashed the car and it's completely my fault", "", "crashed the car"),
        # Life-and-death idioms are not echoed ("to save my life").
        ("I couldn't meet a deadline to save my life.", "", ""),
        # Harm to one's own body or health is not echoed back in a kind sentence.
        ("I've been wrecking my own health with takeaways", "", ""),
        ("I burned myself on the oven tray again", "", ""),
        ("I burned the toast again", "", "burned the toast"),
        # "even" is the critic's scorn, not part of what happened.
        ("I couldn't even run a mile", "", "couldn't run a mile"),
        (
            "Cooked dinner for eight and everyone went back for seconds.",
            "",
            "cooked dinner for eight",
        ),
        ("The argument doesn't change how much I care.", "", "the argument"),
    ],
)
def test_specifics_find_a_short_event_preferring_the_situation(
    thought: str, situation: str, event: str
) -> None:
    assert find_event(thought, situation) == event


def test_specifics_event_stays_short_and_tidy() -> None:
    long_situation = (
        "Yesterday I completely forgot to send the invoice to the client who had been "
        "waiting for weeks and weeks."
    )
    event = find_event("I'm hopeless", long_situation)
    assert 0 < len(event.split()) <= 8
    assert event[-1].isalnum()
    assert event[0].islower()


def test_specifics_event_skips_phrases_that_hold_a_harsh_label() -> None:
    # "was so stupid" is the critic talking, not what happened.
    assert find_event("I was so stupid, I forgot the keys") == "forgot the keys"
    assert find_event("I said something stupid at the meeting") == "the meeting"


def test_specifics_collect_absolutes_and_should_words_in_order() -> None:
    found = extract_specifics(
        "I always ruin everything and nobody cares. I should have known, I must do better, "
        "I ought to stop and I have to be perfect. I shouldn't complain."
    )
    assert found.absolutes == ("always", "everything", "nobody")
    assert found.shoulds == ("should", "must", "ought to", "have to", "shouldn't")


def test_specifics_must_be_as_a_guess_is_not_a_should() -> None:
    assert extract_specifics("I must be stupid").shoulds == ()


def test_specifics_bundle_everything_and_know_when_empty() -> None:
    found = extract_specifics("I'm a failure, I never get it right", "missed the deadline")
    assert found == Specifics(
        labels=("failure",), event="missed the deadline", absolutes=("never",), shoulds=()
    )
    assert not found.is_empty
    assert extract_specifics("Today was hard").is_empty
