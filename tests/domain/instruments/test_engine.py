"""Instruments as data: the shipped keys load, score by hand-checked arithmetic, and a
broken file says which field broke and why."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from kindvoice.domain.instruments.engine import (
    ANSWER_REASONS,
    INSTRUMENT_REASONS,
    AnswerError,
    Instrument,
    Item,
    Norms,
    Scale,
    find_instrument,
    instrument_change,
    instrument_ids,
    load_instrument_file,
    load_shipped,
    parse_instrument,
    reliable_change,
    score,
)
from kindvoice.domain.practices.catalog import CATALOG_REASONS, CatalogError

SOURCE = "broken.toml"
# Words that hurry, scold or promise; DESIGN.md asks for none of them.
UNKIND = re.compile(r"!|\b(just|should|must|cure|cures|heal|heals|treat|treats|guarantee)\b", re.I)

HEAD = """
id = "mood-mini"
name = "Mini mood"
description = "Three questions."
validated = false
wording_included = true
higher_is_better = true
scoring = "sum"
subscales = ["calm", "warmth"]
subscale_scoring = "mean"

[scale]
low = 0
high = 3
labels = ["not at all", "a little", "quite a bit", "very much"]
"""
ITEMS = """
[[items]]
number = 1
text = "I felt calm."
reverse = false
subscale = "calm"

[[items]]
number = 2
text = "I felt tense."
reverse = true
subscale = "calm"

[[items]]
number = 3
text = "I was warm to myself."
reverse = false
subscale = "warmth"
"""
NORMS = """
[norms]
mean = 5.0
sd = 1.5
retest_r = 0.8
source = "A made-up sample for the tests."
"""
GOOD = HEAD + ITEMS + NORMS


def _instrument(**changes: object) -> Instrument:
    fields: dict[str, object] = {
        "id": "tiny",
        "name": "Tiny",
        "description": "Two questions.",
        "items": (Item(1, None, False, None), Item(2, None, True, None)),
        "scale": Scale(1, 5),
        "scoring": "mean",
        "subscales": (),
        "subscale_scoring": "mean",
        "norms": None,
        "validated": False,
        "citation": "",
        "wording_included": False,
        "higher_is_better": True,
    }
    fields.update(changes)
    return Instrument(**fields)  # type: ignore[arg-type]


# --- the shipped files ---------------------------------------------------------------------


def test_every_shipped_instrument_loads() -> None:
    shipped = load_shipped()
    assert instrument_ids() == ("brs", "kindness-checkin", "scs-sf")
    for instrument in shipped:
        assert isinstance(instrument, Instrument)
        assert instrument.name
        assert instrument.description
        assert instrument.norms is None  # none shipped: see the description of each
        assert instrument.higher_is_better
        for text in (instrument.name, instrument.description):
            assert not UNKIND.search(text), (instrument.id, text)


def test_published_keys_ship_without_their_wording() -> None:
    for instrument_id in ("scs-sf", "brs"):
        instrument = find_instrument(instrument_id)
        assert instrument is not None
        assert instrument.validated
        assert not instrument.wording_included
        assert all(item.text is None for item in instrument.items)
        assert instrument.citation
    scs = find_instrument("scs-sf")
    brs = find_instrument("brs")
    assert scs is not None
    assert brs is not None
    assert "Raes" in scs.citation
    assert "250–255" in scs.citation
    assert "Smith" in brs.citation
    assert "194–200" in brs.citation
    # No norms shipped, so each says a person's own file can add them.
    assert "your own file can include them" in scs.description
    assert "your own file can include them" in brs.description


def test_scs_sf_key_matches_the_published_key() -> None:
    scs = find_instrument("SCS_SF")
    assert scs is not None
    assert len(scs.items) == 12
    assert [item.number for item in scs.items] == list(range(1, 13))
    assert (scs.scale.low, scs.scale.high) == (1, 5)
    assert scs.reverse_items == (1, 4, 8, 9, 11, 12)
    assert (scs.scoring, scs.subscale_scoring) == ("mean", "mean")
    pairs = {name: scs.subscale_items(name) for name in scs.subscales}
    assert pairs == {
        "self_kindness": (2, 6),
        "self_judgment": (11, 12),
        "common_humanity": (5, 10),
        "isolation": (4, 8),
        "mindfulness": (3, 7),
        "over_identification": (1, 9),
    }
    assert "advise using the total" in scs.description


def test_brs_key_matches_the_published_key() -> None:
    brs = find_instrument("brs")
    assert brs is not None
    assert [item.number for item in brs.items] == [1, 2, 3, 4, 5, 6]
    assert (brs.scale.low, brs.scale.high) == (1, 5)
    assert brs.reverse_items == (2, 4, 6)
    assert brs.scoring == "mean"
    assert brs.subscales == ()


def test_kindness_checkin_is_ours_and_says_it_is_not_validated() -> None:
    checkin = find_instrument("kindness-checkin")
    assert checkin is not None
    assert not checkin.validated
    assert checkin.wording_included
    assert checkin.higher_is_better
    assert "not a validated clinical scale" in checkin.description
    assert len(checkin.items) == 8
    assert checkin.scale.labels == (
        "almost never",
        "now and then",
        "about half the time",
        "often",
        "almost always",
    )
    assert checkin.scale.label(1) == "almost never"
    assert checkin.scale.label(6) is None
    assert checkin.subscales == ("self_kindness", "common_humanity", "mindfulness")
    assert checkin.reverse_items == (4, 5, 6)
    assert all(checkin.subscale_items(name) for name in checkin.subscales)
    for item in checkin.items:
        assert item.text is not None
        assert item.text.startswith("This week, ")
        assert not UNKIND.search(item.text), item.text


def test_find_instrument_unknown_and_own_first(tmp_path: Path) -> None:
    assert find_instrument("nothing-like-it") is None
    own = _instrument(id="brs", name="My BRS")
    found = find_instrument(" BRS ", own=(own,))
    assert found is own


# --- scoring, worked by hand ---------------------------------------------------------------


def test_score_scs_sf_by_hand() -> None:
    scs = find_instrument("scs-sf")
    assert scs is not None
    answers = {1: 4, 2: 3, 3: 4, 4: 2, 5: 5, 6: 3, 7: 4, 8: 1, 9: 3, 10: 4, 11: 2, 12: 5}
    # Reverse-keyed items become 1 + 5 − answer = 6 − answer:
    #   1: 6−4 = 2   4: 6−2 = 4   8: 6−1 = 5   9: 6−3 = 3   11: 6−2 = 4   12: 6−5 = 1
    # Keyed, items 1–12: 2, 3, 4, 4, 5, 3, 4, 5, 3, 4, 4, 1 → sum 42, mean 42 / 12 = 3.5.
    result = score(scs, answers)
    assert result.total == pytest.approx(3.5)
    assert result.answered == 12
    # Facets, each the mean of its keyed pair:
    assert result.subscales == pytest.approx(
        {
            "self_kindness": (3 + 3) / 2,  # items 2, 6 → 3.0
            "self_judgment": (4 + 1) / 2,  # items 11, 12 reversed → 2.5
            "common_humanity": (5 + 4) / 2,  # items 5, 10 → 4.5
            "isolation": (4 + 5) / 2,  # items 4, 8 reversed → 4.5
            "mindfulness": (4 + 4) / 2,  # items 3, 7 → 4.0
            "over_identification": (2 + 3) / 2,  # items 1, 9 reversed → 2.5
        }
    )
    assert list(result.subscales) == list(scs.subscales)


def test_score_brs_by_hand() -> None:
    brs = find_instrument("brs")
    assert brs is not None
    # Reversed 2: 6−2 = 4, 4: 6−3 = 3, 6: 6−1 = 5. Keyed: 4, 4, 5, 3, 4, 5 → 25 / 6 ≈ 4.1667.
    result = score(brs, {1: 4, 2: 2, 3: 5, 4: 3, 5: 4, 6: 1})
    assert result.total == pytest.approx(25 / 6)
    assert result.subscales == {}
    assert result.answered == 6


def test_score_kindness_checkin_by_hand() -> None:
    checkin = find_instrument("kindness-checkin")
    assert checkin is not None
    answers = {1: 3, 2: 4, 3: 2, 4: 4, 5: 2, 6: 5, 7: 3, 8: 4}
    # Reversed 4: 6−4 = 2, 5: 6−2 = 4, 6: 6−5 = 1.
    # Keyed, items 1–8: 3, 4, 2, 2, 4, 1, 3, 4 → sum 23, mean 23 / 8 = 2.875.
    result = score(checkin, answers)
    assert result.total == pytest.approx(2.875)
    assert result.subscales == pytest.approx(
        {
            "self_kindness": (3 + 2 + 3) / 3,  # items 1, 4 (reversed), 7 → 8/3
            "common_humanity": (4 + 4) / 2,  # items 2, 5 (reversed) → 4.0
            "mindfulness": (2 + 1 + 4) / 3,  # items 3, 6 (reversed), 8 → 7/3
        }
    )


def test_score_sum_with_mean_subscales() -> None:
    instrument = parse_instrument(GOOD, SOURCE)
    # Scale 0–3, item 2 reversed: 0 + 3 − 1 = 2. Keyed: 2, 2, 3 → sum 7.
    result = score(instrument, {1: 2, 2: 1, 3: 3})
    assert result.total == 7
    assert result.subscales == {"calm": 2.0, "warmth": 3.0}


def test_score_middle_answers_give_the_middle_whatever_the_keying() -> None:
    for instrument in load_shipped():
        answers = {item.number: 3 for item in instrument.items}
        result = score(instrument, answers)
        assert result.total == 3.0
        assert all(value == 3.0 for value in result.subscales.values())


# Every SCS-SF item answered 3, to spoil one answer at a time.
ALL_THREES: dict[object, object] = dict.fromkeys(range(1, 13), 3)


@pytest.mark.parametrize(
    ("answers", "reason", "item"),
    [
        (dict.fromkeys(range(1, 12), 3), "missing", 12),
        ({**ALL_THREES, 5: 0}, "out_of_range", 5),
        ({**ALL_THREES, 7: 6}, "out_of_range", 7),
        ({**ALL_THREES, 2: 2.5}, "not_whole", 2),
        ({**ALL_THREES, 3: 3.0}, "not_whole", 3),
        ({**ALL_THREES, 4: True}, "not_whole", 4),
        ({**ALL_THREES, 9: "3"}, "not_whole", 9),
        ({**ALL_THREES, 13: 3}, "unknown_item", 13),
        ({**ALL_THREES, "1": 3}, "unknown_item", None),
    ],
)
def test_score_refuses_answers_it_cannot_score(
    answers: dict[object, object], reason: str, item: int | None
) -> None:
    scs = find_instrument("scs-sf")
    assert scs is not None
    with pytest.raises(AnswerError) as caught:
        score(scs, answers)  # type: ignore[arg-type]
    assert (caught.value.reason, caught.value.item) == (reason, item)
    assert reason in ANSWER_REASONS
    assert isinstance(caught.value, ValueError)


def test_score_refuses_no_answers_at_all() -> None:
    brs = find_instrument("brs")
    assert brs is not None
    with pytest.raises(AnswerError) as caught:
        score(brs, {})
    assert (caught.value.reason, caught.value.item) == ("missing", 1)


# --- reliable change -----------------------------------------------------------------------


def test_reliable_change_by_hand() -> None:
    # SD 0.7, r 0.8: SE = 0.7 · √0.2 ≈ 0.31305; S_diff = √(2 · SE²) = √2 · SE ≈ 0.44272;
    # RC = (3.4 − 2.5) / S_diff = 0.9 / 0.44272 ≈ 2.0329 > 1.96 → reliable, and better.
    change = reliable_change(2.5, 3.4, 0.7, 0.8)
    se = 0.7 * math.sqrt(0.2)
    assert change.se == pytest.approx(se)
    assert change.se == pytest.approx(0.31305, abs=1e-5)
    assert change.s_diff == pytest.approx(math.sqrt(2) * se)
    assert change.rc == pytest.approx(0.9 / (math.sqrt(2) * se))
    assert change.rc == pytest.approx(2.033, abs=5e-4)
    assert change.reliable
    assert change.direction == "better"


def test_reliable_change_directions() -> None:
    assert reliable_change(3.4, 2.5, 0.7, 0.8).direction == "worse"
    assert reliable_change(3.4, 2.5, 0.7, 0.8).rc == pytest.approx(-2.033, abs=5e-4)
    # On a scale where lower is better, a rise is worse and a fall is better.
    assert reliable_change(2.5, 3.4, 0.7, 0.8, higher_is_better=False).direction == "worse"
    assert reliable_change(3.4, 2.5, 0.7, 0.8, higher_is_better=False).direction == "better"
    # 0.5 / 0.44272 ≈ 1.129: within measurement error.
    small = reliable_change(2.5, 3.0, 0.7, 0.8)
    assert small.rc == pytest.approx(1.129, abs=5e-4)
    assert not small.reliable
    assert small.direction == "no_reliable_change"
    assert reliable_change(3.0, 3.0, 0.7, 0.8).rc == 0.0


def test_reliable_change_needs_more_than_1_96() -> None:
    # SD 1, r 0.5: SE = √0.5, S_diff = √(2 · 0.5) = 1, so RC is the raw change.
    assert reliable_change(0.0, 1.96, 1.0, 0.5).rc == pytest.approx(1.96)
    assert not reliable_change(0.0, 1.95, 1.0, 0.5).reliable
    assert reliable_change(0.0, 1.97, 1.0, 0.5).reliable
    # With r = 0 the SE is the whole SD.
    assert reliable_change(0.0, 1.0, 2.0, 0.0).se == 2.0


@pytest.mark.parametrize(
    ("first", "second", "sd", "retest_r"),
    [
        (1.0, 2.0, 0.0, 0.8),
        (1.0, 2.0, -0.5, 0.8),
        (1.0, 2.0, 0.7, 1.0),
        (1.0, 2.0, 0.7, -0.1),
        (math.nan, 2.0, 0.7, 0.8),
        (1.0, math.inf, 0.7, 0.8),
        (1.0, 2.0, math.nan, 0.8),
    ],
)
def test_reliable_change_refuses_impossible_inputs(
    first: float, second: float, sd: float, retest_r: float
) -> None:
    with pytest.raises(ValueError, match="must be"):
        reliable_change(first, second, sd, retest_r)


def test_instrument_change_uses_the_instruments_norms() -> None:
    for instrument in load_shipped():
        assert instrument_change(instrument, 2.0, 4.0) is None
    normed = _instrument(norms=Norms(3.0, 0.7, 0.8, "A test sample"))
    change = instrument_change(normed, 2.5, 3.4)
    assert change == reliable_change(2.5, 3.4, 0.7, 0.8)
    lower_better = _instrument(norms=Norms(3.0, 0.7, 0.8, "A test sample"), higher_is_better=False)
    change = instrument_change(lower_better, 2.5, 3.4)
    assert change is not None
    assert change.direction == "worse"


# --- parsing a file ------------------------------------------------------------------------


def test_parse_reads_every_field() -> None:
    instrument = parse_instrument(GOOD, SOURCE)
    assert instrument.id == "mood-mini"
    assert (instrument.name, instrument.description) == ("Mini mood", "Three questions.")
    assert instrument.items == (
        Item(1, "I felt calm.", False, "calm"),
        Item(2, "I felt tense.", True, "calm"),
        Item(3, "I was warm to myself.", False, "warmth"),
    )
    assert instrument.scale == Scale(0, 3, ("not at all", "a little", "quite a bit", "very much"))
    assert instrument.scale.points == 4
    assert (instrument.scoring, instrument.subscale_scoring) == ("sum", "mean")
    assert instrument.subscales == ("calm", "warmth")
    assert instrument.norms == Norms(5.0, 1.5, 0.8, "A made-up sample for the tests.")
    assert (instrument.validated, instrument.wording_included) == (False, True)
    assert instrument.higher_is_better
    assert instrument.citation == ""
    assert instrument.total_range == (0.0, 9.0)


def test_parse_defaults() -> None:
    # Without subscales, subscale_scoring follows scoring; without norms there are none;
    # labels are optional.
    text = HEAD.replace('subscales = ["calm", "warmth"]\nsubscale_scoring = "mean"\n', "")
    text = text.replace('labels = ["not at all", "a little", "quite a bit", "very much"]\n', "")
    items = ITEMS.replace('subscale = "calm"\n', "").replace('subscale = "warmth"\n', "")
    instrument = parse_instrument(text + items, SOURCE)
    assert instrument.subscales == ()
    assert instrument.subscale_scoring == "sum"
    assert instrument.norms is None
    assert instrument.scale.labels is None
    assert all(item.subscale is None for item in instrument.items)


LABELS = 'labels = ["not at all", "a little", "quite a bit", "very much"]\n'
SUBSCALES = 'subscales = ["calm", "warmth"]'
SCALE = "[scale]\nlow = 0\nhigh = 3\n" + LABELS
TOP = 'id = "mood-mini"'

# (what to replace in GOOD, what with, the field named, the reason)
BROKEN: list[tuple[str, str, str, str]] = [
    ('id = "mood-mini"', "id = mood-mini", "", "not_toml"),
    ('id = "mood-mini"', 'id = "mood-mini"\ncolour = "blue"', "colour", "unknown_field"),
    ('id = "mood-mini"\n', "", "id", "missing"),
    ('id = "mood-mini"', "id = 7", "id", "wrong_type"),
    ('id = "mood-mini"', 'id = "Mood Mini"', "id", "bad_id"),
    ('name = "Mini mood"', 'name = "   "', "name", "empty"),
    ('name = "Mini mood"', f'name = "{"m" * 81}"', "name", "too_long"),
    ('description = "Three questions."\n', "", "description", "missing"),
    ("validated = false", 'validated = "no"', "validated", "wrong_type"),
    ("validated = false", "validated = true", "citation", "missing"),
    ("wording_included = true\n", "", "wording_included", "missing"),
    ("higher_is_better = true\n", "", "higher_is_better", "missing"),
    ("higher_is_better = true", "higher_is_better = 1", "higher_is_better", "wrong_type"),
    ('scoring = "sum"', 'scoring = "median"', "scoring", "unknown_scoring"),
    ('scoring = "sum"\n', "", "scoring", "missing"),
    (
        'subscale_scoring = "mean"',
        'subscale_scoring = "max"',
        "subscale_scoring",
        "unknown_scoring",
    ),
    (SUBSCALES, 'subscales = "calm"', "subscales", "wrong_type"),
    (SUBSCALES, 'subscales = ["calm", "Warmth"]', "subscales[1]", "bad_name"),
    (SUBSCALES, 'subscales = ["calm", "warmth", "calm"]', "subscales[2]", "duplicate"),
    (SUBSCALES, 'subscales = ["calm", "warmth", "rest"]', "subscales[2]", "empty_subscale"),
    (SUBSCALES, "subscales = []", "subscale_scoring", "without_subscales"),
    (SUBSCALES, 'subscales = ["calm"]', "items[2].subscale", "unknown_subscale"),
    (SCALE, "", "scale", "missing"),
    ("low = 0", "low = 0\nmiddle = 1", "scale.middle", "unknown_field"),
    ("low = 0\n", "", "scale.low", "missing"),
    ("low = 0", "low = 0.5", "scale.low", "wrong_type"),
    ("high = 3", "high = 0", "scale.high", "low_not_below_high"),
    ("high = 3", "high = -1", "scale.high", "low_not_below_high"),
    ("high = 3", "high = 101", "scale.high", "too_many_points"),
    ("high = 3", "high = 4", "scale.labels", "label_count"),
    (LABELS, 'labels = "four"\n', "scale.labels", "wrong_type"),
    ('"a little"', '"  "', "scale.labels[1]", "empty"),
    ('"a little"', "2", "scale.labels[1]", "wrong_type"),
    ('"a little"', f'"{"a" * 41}"', "scale.labels[1]", "too_long"),
    (ITEMS, "", "items", "missing"),
    ("number = 1\n", "", "items[0].number", "missing"),
    ("number = 1", 'number = "1"', "items[0].number", "wrong_type"),
    ("number = 2", "number = 3", "items[1].number", "not_consecutive"),
    ("number = 1", "number = 0", "items[0].number", "not_consecutive"),
    ("reverse = true\n", "", "items[1].reverse", "missing"),
    ("reverse = true", 'reverse = "yes"', "items[1].reverse", "wrong_type"),
    ("reverse = true", "reverse = true\nreversed = true", "items[1].reversed", "unknown_field"),
    ('subscale = "warmth"', "subscale = 2", "items[2].subscale", "wrong_type"),
    ('subscale = "warmth"', 'subscale = "heat"', "items[2].subscale", "unknown_subscale"),
    ('text = "I felt tense."\n', "", "items[1].text", "missing"),
    ('text = "I felt tense."', 'text = ""', "items[1].text", "empty"),
    ('text = "I felt calm."', f'text = "{"x" * 401}"', "items[0].text", "too_long"),
    (
        "wording_included = true",
        "wording_included = false",
        "items[0].text",
        "text_without_wording",
    ),
    ("sd = 1.5", "sd = 1.5\nn = 120", "norms.n", "unknown_field"),
    ("mean = 5.0\n", "", "norms.mean", "missing"),
    ("mean = 5.0", "mean = 12.0", "norms.mean", "out_of_range"),
    ("mean = 5.0", "mean = -0.5", "norms.mean", "out_of_range"),
    ("mean = 5.0", 'mean = "five"', "norms.mean", "wrong_type"),
    ("sd = 1.5", "sd = 0", "norms.sd", "not_positive"),
    ("sd = 1.5", "sd = -1.5", "norms.sd", "not_positive"),
    ("sd = 1.5", "sd = nan", "norms.sd", "not_finite"),
    ("sd = 1.5", "sd = true", "norms.sd", "wrong_type"),
    ("retest_r = 0.8", "retest_r = 1.0", "norms.retest_r", "out_of_range"),
    ("retest_r = 0.8", "retest_r = -0.1", "norms.retest_r", "out_of_range"),
    ("retest_r = 0.8", "retest_r = inf", "norms.retest_r", "not_finite"),
    ('source = "A made-up sample for the tests."\n', "", "norms.source", "missing"),
]


@pytest.mark.parametrize(
    ("old", "new", "field", "reason"), BROKEN, ids=[f"{c[2] or 'file'}-{c[3]}" for c in BROKEN]
)
def test_parse_names_the_field_and_reason(old: str, new: str, field: str, reason: str) -> None:
    assert GOOD.count(old) == 1, old
    with pytest.raises(CatalogError) as caught:
        parse_instrument(GOOD.replace(old, new), SOURCE)
    error = caught.value
    assert (error.source, error.field, error.reason) == (SOURCE, field, reason)
    assert error.reason in INSTRUMENT_REASONS + CATALOG_REASONS
    assert str(error).startswith(f"{SOURCE}: ")


# Whole files whose shape is wrong: a table where a value belongs, or the other way round.
# Top-level keys go first, since TOML puts any key after a [table] inside that table.
MISSHAPEN: list[tuple[str, str, str, str]] = [
    (
        "scale-wrong_type",
        HEAD.replace(SCALE, "").replace(TOP, f"{TOP}\nscale = 5") + ITEMS,
        "scale",
        "wrong_type",
    ),
    ("items-no_items", HEAD.replace(TOP, f"{TOP}\nitems = []") + NORMS, "items", "no_items"),
    ("items-wrong_type", HEAD.replace(TOP, f'{TOP}\nitems = "three"'), "items", "wrong_type"),
    (
        "norms-wrong_type",
        HEAD.replace(TOP, f'{TOP}\nnorms = "none"') + ITEMS,
        "norms",
        "wrong_type",
    ),
]


@pytest.mark.parametrize(
    ("text", "field", "reason"), [c[1:] for c in MISSHAPEN], ids=[c[0] for c in MISSHAPEN]
)
def test_parse_names_the_field_of_a_misshapen_file(text: str, field: str, reason: str) -> None:
    with pytest.raises(CatalogError) as caught:
        parse_instrument(text, SOURCE)
    assert (caught.value.source, caught.value.field, caught.value.reason) == (SOURCE, field, reason)


def test_a_validated_instrument_keeps_its_citation() -> None:
    text = GOOD.replace("validated = false", 'validated = true\ncitation = "Someone (2020)."')
    assert parse_instrument(text, SOURCE).citation == "Someone (2020)."


# --- a person's own file -------------------------------------------------------------------


def _own_scs_file() -> str:
    """A copy of the SCS-SF key as a person might write it: wording in, norms added.

    The statements here are stand-ins; a real file would hold the published wording.
    """
    scs = find_instrument("scs-sf")
    assert scs is not None
    lines = [
        'id = "scs-sf"',
        'name = "Self-Compassion Scale – Short Form, with its wording"',
        'description = "My own copy, wording typed in from the published scale."',
        'citation = "Raes, Pommier, Neff & Van Gucht (2011)."',
        "validated = true",
        "wording_included = true",
        "higher_is_better = true",
        'scoring = "mean"',
        f"subscales = {list(scs.subscales)!r}".replace("'", '"'),
        'subscale_scoring = "mean"',
        "",
        "[scale]",
        "low = 1",
        "high = 5",
        "",
        "[norms]",
        "mean = 3.0",
        "sd = 0.7",
        "retest_r = 0.8",
        'source = "Figures from my clinic\'s reference sample."',
    ]
    for item in scs.items:
        lines += [
            "",
            "[[items]]",
            f"number = {item.number}",
            f'text = "Statement {item.number} as printed in the published scale."',
            f"reverse = {str(item.reverse).lower()}",
            f'subscale = "{item.subscale}"',
        ]
    return "\n".join(lines) + "\n"


def test_own_file_with_wording_and_norms_loads(tmp_path: Path) -> None:
    path = tmp_path / "my-scs-sf.toml"
    path.write_text(_own_scs_file(), encoding="utf-8")
    own = load_instrument_file(path)
    shipped = find_instrument("scs-sf")
    assert shipped is not None
    assert own.wording_included
    assert own.items[0].text == "Statement 1 as printed in the published scale."
    assert own.norms == Norms(3.0, 0.7, 0.8, "Figures from my clinic's reference sample.")
    # The same key as the shipped one, so it scores the same.
    assert [(i.number, i.reverse, i.subscale) for i in own.items] == [
        (i.number, i.reverse, i.subscale) for i in shipped.items
    ]
    answers = {1: 4, 2: 3, 3: 4, 4: 2, 5: 5, 6: 3, 7: 4, 8: 1, 9: 3, 10: 4, 11: 2, 12: 5}
    assert score(own, answers) == score(shipped, answers)
    # And with norms, a change can be judged: the worked example above.
    change = instrument_change(own, 2.5, 3.4)
    assert change is not None
    assert change.reliable
    assert change.direction == "better"
    # The person's own copy is the one found.
    assert find_instrument("scs-sf", own=(own,)) is own


def test_own_file_mistakes_name_the_file(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(GOOD.replace("sd = 1.5", "sd = 0"), encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_instrument_file(path)
    assert (caught.value.source, caught.value.field, caught.value.reason) == (
        str(path),
        "norms.sd",
        "not_positive",
    )


def test_own_file_that_cannot_be_read(tmp_path: Path) -> None:
    garbled = tmp_path / "garbled.toml"
    garbled.write_bytes(b'id = "\xff\xfe"\n')
    missing = tmp_path / "missing.toml"
    for path in (garbled, missing):
        with pytest.raises(CatalogError) as caught:
            load_instrument_file(path)
        assert (caught.value.source, caught.value.reason) == (str(path), "unreadable")
