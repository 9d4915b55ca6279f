"""Typed breathing patterns: what reads, what doesn't, and the reason codes given."""

from __future__ import annotations

import math

import pytest

from kindvoice.domain.practices.patterns import (
    CUSTOM_ID,
    GENTLE_MAX_HOLD_SECONDS,
    PATTERN_REASONS,
    Pattern,
    PatternError,
    Phase,
    parse_pattern,
    pattern_text,
    soften,
)

IN, HOLD, OUT, REST = "inhale", "hold_full", "exhale", "hold_empty"


@pytest.mark.parametrize(
    ("text", "phases", "name"),
    [
        ("4-7-8", ((IN, 4, False), (HOLD, 7, False), (OUT, 8, False)), "4-7-8"),
        (
            "4-4-4-4",
            ((IN, 4, False), (HOLD, 4, False), (OUT, 4, False), (REST, 4, False)),
            "4-4-4-4",
        ),
        ("5.5-5.5", ((IN, 5.5, False), (OUT, 5.5, False)), "5.5-5.5"),
        ("2+1-6", ((IN, 2, False), (IN, 1, True), (OUT, 6, False)), "2+1-6"),
        ("3-4", ((IN, 3, False), (OUT, 4, False)), "3-4"),
        (" 5,5 - 5,5 ", ((IN, 5.5, False), (OUT, 5.5, False)), "5.5-5.5"),
        ("4\u20137\u20138", ((IN, 4, False), (HOLD, 7, False), (OUT, 8, False)), "4-7-8"),
        ("0.5-60", ((IN, 0.5, False), (OUT, 60, False)), "0.5-60"),
        (".5-4.", ((IN, 0.5, False), (OUT, 4, False)), "0.5-4"),
        ("04-06.50", ((IN, 4, False), (OUT, 6.5, False)), "4-6.5"),
        (
            "2 + 1 - 4 - 6 - 2",
            ((IN, 2, False), (IN, 1, True), (HOLD, 4, False), (OUT, 6, False), (REST, 2, False)),
            "2+1-4-6-2",
        ),
        ("٤-٦", ((IN, 4, False), (OUT, 6, False)), "4-6"),  # digits in any script
        ("1+1+1-3", ((IN, 1, False), (IN, 1, True), (IN, 1, True), (OUT, 3, False)), "1+1+1-3"),
    ],
)
def test_parse_pattern_reads(
    text: str, phases: tuple[tuple[str, float, bool], ...], name: str
) -> None:
    pattern = parse_pattern(text)
    assert tuple((p.kind, p.seconds, p.top_up) for p in pattern.phases) == phases
    assert pattern.id == CUSTOM_ID
    assert pattern.name == name
    assert not pattern.gentle
    assert parse_pattern(pattern.name) == pattern  # the tidy form reads back the same


@pytest.mark.parametrize(
    ("text", "reason", "part", "index"),
    [
        ("", "empty", "", None),
        ("   ", "empty", "", None),
        ("4", "needs_exhale", "4", None),
        ("2+1", "needs_exhale", "2+1", None),
        ("abc", "not_a_number", "abc", 0),
        ("4-x-8", "not_a_number", "x", 1),
        ("4-7-8s", "not_a_number", "8s", 2),
        ("4 7 8", "not_a_number", "4 7 8", 0),
        ("nan-4", "not_a_number", "nan", 0),
        ("4-inf", "not_a_number", "inf", 1),
        ("1e3-4", "not_a_number", "1e3", 0),
        ("4-1_0", "not_a_number", "1_0", 1),
        ("0-4", "too_short", "0", 0),
        ("4-0.0", "too_short", "0.0", 1),
        ("4-0.49", "too_short", "0.49", 1),
        ("-4-4", "missing_number", "", 0),
        ("4--4", "missing_number", "", 1),
        ("4-4-", "missing_number", "", 2),
        ("+2-6", "missing_number", "", 0),
        ("4-60.01", "too_long", "60.01", 1),
        ("4-99999999999999999999", "too_long", "99999999999999999999", 1),
        ("4-4-4-4-4", "too_many_steps", "4-4-4-4-4", None),
        ("1+1+1+1+1+1+1+1-1", "too_many_phases", "9", None),
        ("4-4+2", "top_up_not_inhale", "4+2", 1),
        ("4-4-4+1-4", "top_up_not_inhale", "4+1", 2),
        ("4-4" + "-4" * 40, "too_long_text", ("4-4" + "-4" * 40)[:64], None),
    ],
)
def test_parse_pattern_refuses(text: str, reason: str, part: str, index: int | None) -> None:
    with pytest.raises(PatternError) as caught:
        parse_pattern(text)
    assert (caught.value.reason, caught.value.part, caught.value.index) == (reason, part, index)
    assert reason in PATTERN_REASONS
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(
    ("make", "reason", "index"),
    [
        (lambda: Phase("breathe", 4), "unknown_kind", None),  # type: ignore[arg-type]
        (lambda: Phase(IN, math.nan), "not_finite", None),
        (lambda: Phase(IN, math.inf), "not_finite", None),
        (lambda: Phase(IN, -4), "too_short", None),
        (lambda: Phase(IN, 0), "too_short", None),
        (lambda: Phase(IN, True), "not_a_number", None),
        (lambda: Phase(HOLD, 1, top_up=True), "top_up_not_inhale", None),
        (lambda: Pattern("p", "p", ()), "no_phases", None),
        (lambda: Pattern("p", "p", (Phase(IN, 1, top_up=True), Phase(OUT, 2))), "top_up_alone", 0),
        (
            lambda: Pattern("p", "p", (Phase(IN, 2), Phase(OUT, 2), Phase(IN, 1, top_up=True))),
            "top_up_alone",
            2,
        ),
        (lambda: Pattern("p", "p", (Phase(IN, 4), Phase(HOLD, 4))), "needs_exhale", None),
        (lambda: Pattern("p", "p", (Phase(REST, 4), Phase(OUT, 4))), "needs_inhale", None),
        (lambda: Pattern("p", "p", (Phase(IN, 1), Phase(OUT, 1)) * 5), "too_many_phases", None),
        (
            lambda: Pattern("p", "p", (Phase(IN, 4), Phase(HOLD, 4), Phase(OUT, 4)), gentle=True),
            "not_gentle",
            1,
        ),
    ],
)
def test_patterns_check_their_phases(make: object, reason: str, index: int | None) -> None:
    assert callable(make)
    with pytest.raises(PatternError) as caught:
        make()
    assert (caught.value.reason, caught.value.index) == (reason, index)
    assert reason in PATTERN_REASONS


def test_patterns_may_be_gentle_with_short_pauses() -> None:
    pattern = Pattern("soft", "Soft", (Phase(IN, 3), Phase(HOLD, 2), Phase(OUT, 4)), gentle=True)
    assert pattern.gentle
    assert pattern.cycle_seconds == 9.0


def test_patterns_keep_whole_seconds_as_floats() -> None:
    phase = Phase(IN, 4)
    assert isinstance(phase.seconds, float)
    assert phase == Phase(IN, 4.0)
    assert not phase.is_hold
    assert Phase(REST, 1).is_hold


def test_pattern_error_reads_for_a_developer() -> None:
    error = PatternError("too_long", "61", 1)
    assert str(error) == "too_long (phase 1): '61'"


# --- written back as text, and gentle mode -------------------------------------


@pytest.mark.parametrize("typed", ["4-7-8", "4-4-4-4", "5.5-5.5", "2+1-6", "0.5-60"])
def test_pattern_text_writes_a_pattern_the_way_it_was_typed(typed: str) -> None:
    assert pattern_text(parse_pattern(typed)) == typed


def test_pattern_text_spells_out_an_unusual_order() -> None:
    pattern = Pattern(
        "odd",
        "Odd",
        (Phase("exhale", 4), Phase("inhale", 2), Phase("hold_empty", 1)),
    )
    assert pattern_text(pattern) == "exhale 4, inhale 2, hold_empty 1"


def test_soften_keeps_holds_short_and_breaths_as_they_were() -> None:
    gentle = soften(parse_pattern("4-7-8-5"))
    assert [p.seconds for p in gentle.phases] == [4, GENTLE_MAX_HOLD_SECONDS, 8, 2]
    assert gentle.gentle
    assert pattern_text(gentle) == "4-2-8-2"


def test_soften_leaves_a_gentle_pattern_alone() -> None:
    calm = parse_pattern("4-1-6")
    assert soften(calm) is calm
