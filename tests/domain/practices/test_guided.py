"""Guided practices as content files: every shipped one valid and kind, every mistake named."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from kindvoice.domain.practices.catalog import CatalogError
from kindvoice.domain.practices.guided import (
    CHIME_SECONDS,
    COMPONENTS,
    GUIDED_REASONS,
    MIN_SAY_SECONDS,
    Practice,
    find_practice,
    load_own_practices,
    load_practices,
    parse_practice,
    practice_ids,
    timeline,
    unhurried_seconds,
)

UNKIND = re.compile(
    r"!|\b(just|should|must|cure|cures|heal|heals|treatment|therapy|guarantee)\b", re.I
)
REQUIRED = {
    "self-compassion-break",
    "affectionate-breathing",
    "loving-kindness",
    "compassionate-body-scan",
    "soothing-touch",
    "noting-the-critic",
    "friend-exercise",
    "compassionate-letter",
}
GOOD = """
name = "Two breaths"
kind = "guided"
summary = "Two quiet breaths."
description = "A very short pause."
components = ["mindfulness"]

[[steps]]
cue = "chime"
text = "Notice your feet."
pause = 2

[[steps]]
text = "Notice one breath, in and out."
pause = 3.5
"""


def test_every_practice_the_issue_asks_for_is_shipped() -> None:
    assert set(practice_ids()) >= REQUIRED
    assert len(set(practice_ids())) == len(load_practices())


@pytest.mark.parametrize("practice", load_practices(), ids=lambda p: p.id)
def test_shipped_practice_is_complete_and_kind(practice: Practice) -> None:
    assert practice.components
    assert set(practice.components) <= set(COMPONENTS)
    everything = [practice.name, practice.summary, practice.description]
    everything += [step.text for step in practice.steps]
    everything += [step.write for step in practice.steps if step.write]
    for text in everything:
        assert not UNKIND.search(text), text
    # Every practice says early on that stopping is always fine.
    opening = " ".join(step.text for step in practice.steps[:3]).lower()
    assert "stop" in opening, practice.id
    if practice.kind == "guided":
        assert practice.steps[0].cue == "chime"
        assert practice.steps[-1].cue == "chime"
        assert not practice.writing_steps
        minutes = timeline(practice)[-1].end / 60
        assert 2 <= minutes <= 15, (practice.id, minutes)
    else:
        assert practice.writing_steps


def test_the_self_compassion_break_has_all_three_parts_in_order() -> None:
    found = find_practice("self-compassion-break")
    assert found is not None
    assert found.components == ("mindfulness", "common_humanity", "self_kindness")
    words = [step.text.lower() for step in found.steps]
    noticing = next(i for i, text in enumerate(words) if "hard moment" in text)
    humanity = next(i for i, text in enumerate(words) if "not the only one" in text)
    kindness = next(i for i, text in enumerate(words) if "kind to myself" in text)
    assert noticing < humanity < kindness


def test_only_the_letter_goes_to_the_journal() -> None:
    saving = {p.id for p in load_practices() if p.saves_to_journal}
    assert saving == {"compassionate-letter"}


def test_find_practice_forgives_case_spaces_and_underscores() -> None:
    for typed in ("Self-Compassion-Break", " self compassion break ", "self_compassion_break"):
        found = find_practice(typed)
        assert found is not None
        assert found.id == "self-compassion-break"
    assert find_practice("no-such-practice") is None


def test_a_good_file_reads_into_steps() -> None:
    practice = parse_practice(GOOD, "two-breaths", "two-breaths.toml")
    assert practice.id == "two-breaths"
    assert [step.pause_s for step in practice.steps] == [2.0, 3.5]
    assert practice.steps[0].cue == "chime"
    assert practice.steps[1].cue is None
    assert practice.pause_seconds == 5.5
    assert practice.word_count == 9


def test_timeline_places_chime_words_and_quiet_back_to_back() -> None:
    practice = parse_practice(GOOD, "two-breaths", "x.toml")
    placed = timeline(practice, speech_seconds=lambda step: len(step.text) / 10)
    first, second = placed
    assert first.start == 0.0
    assert first.speech_start == CHIME_SECONDS
    assert first.pause_start == pytest.approx(CHIME_SECONDS + len("Notice your feet.") / 10)
    assert first.end == pytest.approx(first.pause_start + 2)
    assert second.start == first.end
    assert second.speech_start == second.start  # no chime
    assert second.end == pytest.approx(second.pause_start + 3.5)


def test_without_a_voice_words_get_unhurried_reading_time() -> None:
    assert unhurried_seconds("Hi.") == MIN_SAY_SECONDS
    sixty_words = " ".join(["word"] * 60)
    assert math.isclose(unhurried_seconds(sixty_words), 60 * 60 / 110)
    practice = parse_practice(GOOD, "two-breaths", "x.toml")
    placed = timeline(practice)
    three_words, six_words = MIN_SAY_SECONDS, 6 * 60 / 110
    assert placed[-1].end == pytest.approx(CHIME_SECONDS + three_words + six_words + 5.5)


def _without(line: str) -> str:
    return GOOD.replace(line + "\n", "", 1)


BROKEN: list[tuple[str, str, str]] = [
    ("name = [", "", "not_toml"),
    (_without('name = "Two breaths"'), "name", "missing"),
    (GOOD.replace('kind = "guided"', 'kind = "podcast"'), "kind", "unknown_kind"),
    (GOOD.replace('summary = "Two quiet breaths."', "summary = 3"), "summary", "wrong_type"),
    (GOOD.replace('summary = "Two quiet breaths."', 'summary = "   "'), "summary", "empty"),
    (GOOD.replace('"Two quiet breaths."', f'"{"a" * 141}"'), "summary", "too_long"),
    ('colour = "blue"\n' + GOOD, "colour", "unknown_field"),
    (GOOD.replace('["mindfulness"]', '["kindness"]'), "components[0]", "unknown_component"),
    (GOOD.replace('["mindfulness"]', "[]"), "components", "empty"),
    (_without('components = ["mindfulness"]'), "components", "missing"),
    (GOOD.replace("pause = 2\n", 'pause = "two"\n'), "steps[0].pause", "not_a_number"),
    (GOOD.replace("pause = 2\n", "pause = nan\n"), "steps[0].pause", "not_finite"),
    (GOOD.replace("pause = 2\n", "pause = -1\n"), "steps[0].pause", "too_short"),
    (GOOD.replace("pause = 2\n", "pause = 301\n"), "steps[0].pause", "too_long"),
    (GOOD.replace('cue = "chime"', 'cue = "gong"'), "steps[0].cue", "unknown_cue"),
    (GOOD.replace('text = "Notice your feet."', 'text = ""'), "steps[0].text", "empty"),
    (GOOD.replace("pause = 3.5", 'pause = 3.5\nwrite = "x"'), "steps[1].write", "write_in_guided"),
    (GOOD.replace("pause = 3.5", "pause = 3.5\nspeed = 2"), "steps[1].speed", "unknown_field"),
    (GOOD.split("[[steps]]", maxsplit=1)[0] + "steps = []\n", "steps", "no_steps"),
    (GOOD.split("[[steps]]", maxsplit=1)[0], "steps", "missing"),
    (GOOD.replace('kind = "guided"', 'kind = "writing"'), "steps", "needs_write"),
    ("saves_to_journal = true\n" + GOOD, "saves_to_journal", "saves_without_write"),
    (
        GOOD.split("[[steps]]", maxsplit=1)[0] + '[[steps]]\ntext = "Rest."\npause = 300\n' * 10,
        "steps",
        "total_too_long",
    ),
]


@pytest.mark.parametrize(
    ("text", "field", "reason"), BROKEN, ids=[f"{b[2]}:{b[1]}" for b in BROKEN]
)
def test_a_broken_file_names_the_file_and_the_field(text: str, field: str, reason: str) -> None:
    with pytest.raises(CatalogError) as caught:
        parse_practice(text, "two-breaths", "practices/two-breaths.toml")
    error = caught.value
    assert error.source == "practices/two-breaths.toml"
    assert error.field == field
    assert error.reason == reason
    assert "practices/two-breaths.toml" in str(error)
    assert reason in GUIDED_REASONS or reason in {
        "not_toml",
        "missing",
        "unknown_field",
        "wrong_type",
        "empty",
        "too_long",
        "unknown_kind",
    }


def test_a_file_name_that_cant_be_typed_is_refused() -> None:
    with pytest.raises(CatalogError) as caught:
        parse_practice(GOOD, "Two Breaths", "Two Breaths.toml")
    assert caught.value.reason == "bad_id"


def test_own_practices_come_from_a_folder(tmp_path: Path) -> None:
    assert load_own_practices(tmp_path / "missing") == ()
    (tmp_path / "two-breaths.toml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a practice", encoding="utf-8")
    own = load_own_practices(tmp_path)
    assert [p.id for p in own] == ["two-breaths"]
    assert find_practice("two-breaths") is None
    assert find_practice("two-breaths", own) == own[0]


def test_own_practices_may_not_take_a_shipped_name(tmp_path: Path) -> None:
    (tmp_path / "loving-kindness.toml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        load_own_practices(tmp_path)
    assert caught.value.reason == "reserved_id"
    assert caught.value.source == str(tmp_path / "loving-kindness.toml")


def test_an_own_practice_that_isnt_text_is_named(tmp_path: Path) -> None:
    (tmp_path / "binary.toml").write_bytes(b"\xff\xfe\x00\x01 not text")
    with pytest.raises(CatalogError) as caught:
        load_own_practices(tmp_path)
    assert caught.value.reason == "unreadable"
    assert caught.value.source.endswith("binary.toml")
