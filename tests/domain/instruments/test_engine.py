"""Shipped instruments as data: they load, score by hand-checked arithmetic, and judge change."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from kindvoice.domain.instruments.engine import (
    ANSWER_REASONS,
    AnswerError,
    Instrument,
    Item,
    Norms,
    Scale,
    find_instrument,
    instrument_change,
    instrument_ids,
    load_shipped,
    parse_instrument,
    reliable_change,
    score,
)
from tests.domain.instruments._files import GOOD, SOURCE

# Words that hurry, scold or promise; DESIGN.md asks for none of them.
UNKIND = re.compile(r"!|\b(just|should|must|cure|cures|heal|heals|treat|treats|guarantee)\b", re.I)


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
