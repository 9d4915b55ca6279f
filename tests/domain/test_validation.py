from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from kindvoice.core.errors import ValidationError
from kindvoice.domain.records import Emotion
from kindvoice.domain.validation import (
    MAX_TEXT_CHARS,
    make_checkin_draft,
    make_entry_draft,
    parse_feeling,
    resolve_moment,
    tidy_tag,
)

NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def codes(error: ValidationError) -> list[tuple[str, str]]:
    return [(p.location, p.code) for p in error.problems]


def test_entry_draft_trims_and_keeps_words_exactly() -> None:
    draft = make_entry_draft(
        "  Ich bin so dumm 😞  ", " Büro ", [Emotion("traurig", 70)], ["Arbeit"]
    )
    assert draft.thought == "Ich bin so dumm 😞"
    assert draft.situation == "Büro"
    assert draft.tags == ("arbeit",)


@pytest.mark.parametrize("thought", ["", "   ", "\n\t"])
def test_entry_draft_refuses_empty_thought(thought: str) -> None:
    with pytest.raises(ValidationError) as caught:
        make_entry_draft(thought)
    assert codes(caught.value) == [("thought", "empty_text")]


def test_entry_draft_refuses_huge_thought_with_its_length() -> None:
    with pytest.raises(ValidationError) as caught:
        make_entry_draft("x" * 1_000_000)
    (problem,) = caught.value.problems
    assert problem.code == "too_long"
    assert problem.params == {"limit": MAX_TEXT_CHARS, "length": 1_000_000}


def test_entry_draft_accepts_text_at_the_limit() -> None:
    assert len(make_entry_draft("y" * MAX_TEXT_CHARS).thought) == MAX_TEXT_CHARS


@pytest.mark.parametrize(
    ("text", "code"), [("bad\x00day", "nul_character"), ("a\ud800b", "bad_character")]
)
def test_entry_draft_refuses_unstorable_characters(text: str, code: str) -> None:
    with pytest.raises(ValidationError) as caught:
        make_entry_draft(text)
    assert codes(caught.value) == [("thought", code)]


def test_entry_draft_collects_every_problem_at_once() -> None:
    with pytest.raises(ValidationError) as caught:
        make_entry_draft("", emotions=[Emotion("", 120)], tags=["x" * 80])
    assert set(codes(caught.value)) == {
        ("thought", "empty_text"),
        ("emotions[0].name", "empty_text"),
        ("emotions[0].intensity", "out_of_range"),
        ("tags[0]", "too_long"),
    }


def test_tags_are_tidied_and_deduplicated() -> None:
    assert tidy_tag("  #Self Care ") == "self-care"
    draft = make_entry_draft("t", tags=["Work", "#work", "family", "WORK"])
    assert draft.tags == ("work", "family")


@pytest.mark.parametrize(
    ("text", "name", "intensity"),
    [
        ("anxious 70", "anxious", 70),
        ("sad:40", "sad", 40),
        ("tired = 20", "tired", 20),
        ("a bit lost 35%", "a bit lost", 35),
        ("calm", "calm", 50),
    ],
)
def test_parse_feeling_reads_common_forms(text: str, name: str, intensity: int) -> None:
    assert parse_feeling(text) == Emotion(name, intensity)


@pytest.mark.parametrize("text", ["sad 140", "sad -3", "   "])
def test_parse_feeling_refuses_out_of_range_or_empty(text: str) -> None:
    with pytest.raises(ValidationError):
        parse_feeling(text)


def test_checkin_draft_checks_each_rating() -> None:
    assert make_checkin_draft(0, 10, 5, " ok ").note == "ok"
    with pytest.raises(ValidationError) as caught:
        make_checkin_draft(11, -1, True, "")
    assert [p.location for p in caught.value.problems] == ["mood", "stress", "critic"]


def test_moment_without_time_zone_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        resolve_moment(datetime(2026, 11, 1, 8, 0), NOW)
    assert codes(caught.value) == [("when", "no_time_zone")]


def test_moment_in_the_future_is_refused_but_small_skew_is_fine() -> None:
    assert resolve_moment(NOW + timedelta(minutes=4), NOW) == NOW + timedelta(minutes=4)
    with pytest.raises(ValidationError) as caught:
        resolve_moment(NOW + timedelta(days=1), NOW)
    assert codes(caught.value) == [("when", "in_the_future")]


def test_moment_keeps_its_own_offset() -> None:
    at = datetime(2026, 11, 19, 22, 0, tzinfo=timezone(timedelta(hours=-5)))
    assert resolve_moment(at, NOW).utcoffset() == timedelta(hours=-5)
    assert resolve_moment(None, NOW) == NOW
