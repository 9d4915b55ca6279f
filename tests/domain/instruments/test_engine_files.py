"""Instrument files: each field read, each mistake named by field and reason, and own files."""

from __future__ import annotations

from pathlib import Path

import pytest

from kindvoice.domain.instruments.engine import (
    INSTRUMENT_REASONS,
    Item,
    Norms,
    Scale,
    find_instrument,
    instrument_change,
    load_instrument_file,
    parse_instrument,
    score,
)
from kindvoice.domain.practices.catalog import CATALOG_REASONS, CatalogError
from tests.domain.instruments._files import GOOD, HEAD, ITEMS, NORMS, SOURCE

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
