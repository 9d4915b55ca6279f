"""Family mode (issue 8): children's practices by age band, and a parent's track."""

from __future__ import annotations

import re

import pytest

from kindvoice.domain.practices.catalog import CatalogError, find_pattern
from kindvoice.domain.practices.guided import (
    GUIDED_REASONS,
    MAX_CHILD_AGE,
    MIN_CHILD_AGE,
    Practice,
    find_practice,
    for_audience,
    load_practices,
    parse_practice,
    timeline,
)

AGES: dict[str, tuple[int, int]] = {
    "balloon-breathing": (4, 7),
    "kind-friend-voice": (6, 10),
    "worry-jar": (6, 12),
    "bedtime-kindness-wish": (4, 10),
    "bubble-breathing": (4, 9),
    "teen-self-compassion-break": (13, 17),
    "teen-critic-check": (13, 17),
}
PARENT = {"parent-self-compassion-break", "after-a-hard-parenting-moment"}
# Words that hurry, scold or promise, kept away from children altogether.
UNKIND_FOR_CHILDREN = re.compile(
    r"!|\b(just|should|must|bad|wrong|naughty|cure|cures|heal|heals|therapy|guarantee)\b", re.I
)
MAX_CHILD_SECONDS = 4 * 60.0
YOUNG = 12  # at or under this, pauses stay short
HEADER = """
name = "Two breaths"
kind = "guided"
summary = "Two quiet breaths."
description = "A very short pause."
components = ["mindfulness"]
"""
STEPS = """
[[steps]]
text = "You can stop any time. Notice your feet."
pause = 2
"""


def parse(extra: str) -> Practice:
    return parse_practice(HEADER + extra + STEPS, "two-breaths", "practices/two-breaths.toml")


def family() -> list[Practice]:
    return [p for p in load_practices() if p.audience != "adult"]


def test_every_family_practice_is_shipped_with_its_age_band() -> None:
    children = {p.id: p.ages for p in for_audience("child")}
    assert children == AGES
    assert {p.id for p in for_audience("parent")} == PARENT
    for practice_id in (*AGES, *PARENT):
        found = find_practice(practice_id)
        assert found is not None
        assert found.kind == "guided"
    assert all(p.ages is None for p in for_audience("parent"))


def test_adult_practices_stay_adult_and_load_practices_keeps_everything() -> None:
    adults = for_audience("adult")
    assert adults
    assert all(p.audience == "adult" and p.ages is None for p in adults)
    assert len(adults) + len(family()) == len(load_practices())
    assert "self-compassion-break" in {p.id for p in adults}


def test_for_audience_picks_the_age_band() -> None:
    six = {p.id for p in for_audience("child", 6)}
    assert six == {
        "balloon-breathing",
        "kind-friend-voice",
        "worry-jar",
        "bedtime-kindness-wish",
        "bubble-breathing",
    }
    assert {p.id for p in for_audience("child", 15)} == {
        "teen-self-compassion-break",
        "teen-critic-check",
    }
    assert {p.id for p in for_audience("child", 11)} == {"worry-jar"}
    assert for_audience("child", 3) == ()
    # The age only narrows children's practices.
    assert for_audience("parent", 6) == for_audience("parent")


@pytest.mark.parametrize("practice", family(), ids=lambda p: p.id)
def test_family_practice_speaks_kindly_and_offers_a_way_out(practice: Practice) -> None:
    texts = [practice.name, practice.summary, practice.description]
    texts += [step.text for step in practice.steps]
    for text in texts:
        assert not UNKIND_FOR_CHILDREN.search(text), (practice.id, text)
    opening = " ".join(step.text for step in practice.steps[:3]).lower()
    assert "stop" in opening, practice.id
    assert sum(step.cue is not None for step in practice.steps) <= 2  # cues used sparingly


@pytest.mark.parametrize("practice", for_audience("child"), ids=lambda p: p.id)
def test_childrens_practices_are_short(practice: Practice) -> None:
    assert timeline(practice)[-1].end <= MAX_CHILD_SECONDS, practice.id
    assert len(practice.steps) <= 10
    assert practice.ages is not None
    if practice.ages[0] <= YOUNG:
        assert all(step.pause_s <= 6 for step in practice.steps), practice.id
        assert all(step.pause_s >= 2 for step in practice.steps), practice.id


def test_balloon_breath_is_gentle_and_playful() -> None:
    balloon = find_pattern("balloon")
    assert balloon is not None
    assert balloon.gentle
    assert [(p.kind, p.seconds) for p in balloon.phases] == [("inhale", 3), ("exhale", 4)]
    assert "balloon" in balloon.description.lower()


def test_a_childs_practice_reads_its_audience_and_ages() -> None:
    practice = parse('audience = "child"\nages = [4, 7]\n')
    assert (practice.audience, practice.ages) == ("child", (4, 7))
    assert practice.suits_age(4)
    assert practice.suits_age(7)
    assert not practice.suits_age(8)
    assert parse('audience = "parent"\n').audience == "parent"
    adult = parse("")
    assert (adult.audience, adult.ages) == ("adult", None)
    assert not adult.suits_age(30)
    edges = parse(f'audience = "child"\nages = [{MIN_CHILD_AGE}, {MAX_CHILD_AGE}]\n')
    assert edges.ages == (MIN_CHILD_AGE, MAX_CHILD_AGE)


BROKEN: list[tuple[str, str, str]] = [
    ('audience = "toddler"\n', "audience", "unknown_audience"),
    ("audience = 3\n", "audience", "wrong_type"),
    ('audience = "child"\n', "ages", "missing"),
    ("ages = [4, 7]\n", "ages", "ages_not_for_audience"),
    ('audience = "adult"\nages = [4, 7]\n', "ages", "ages_not_for_audience"),
    ('audience = "parent"\nages = [4, 7]\n', "ages", "ages_not_for_audience"),
    ('audience = "child"\nages = [8, 5]\n', "ages", "ages_reversed"),
    ('audience = "child"\nages = [2, 5]\n', "ages[0]", "age_out_of_range"),
    ('audience = "child"\nages = [13, 18]\n', "ages[1]", "age_out_of_range"),
    ('audience = "child"\nages = [4]\n', "ages", "wrong_type"),
    ('audience = "child"\nages = [4, 7, 9]\n', "ages", "wrong_type"),
    ('audience = "child"\nages = [4.5, 7]\n', "ages", "wrong_type"),
    ('audience = "child"\nages = "4-7"\n', "ages", "wrong_type"),
    ('audience = "child"\nages = [true, 7]\n', "ages", "wrong_type"),
]


@pytest.mark.parametrize(
    ("extra", "field", "reason"), BROKEN, ids=[f"{b[2]}:{b[0].strip()}" for b in BROKEN]
)
def test_a_broken_audience_or_age_band_names_the_field(extra: str, field: str, reason: str) -> None:
    with pytest.raises(CatalogError) as caught:
        parse(extra)
    error = caught.value
    assert (error.source, error.field, error.reason) == (
        "practices/two-breaths.toml",
        field,
        reason,
    )
    assert reason in GUIDED_REASONS or reason in {"missing", "wrong_type"}
