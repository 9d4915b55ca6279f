"""Practices, step clips and breathing cues rendered to WAV and cached, with a fake voice."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from kindvoice.domain.practices.guided import CHIME_SECONDS, timeline
from kindvoice.services import voice
from kindvoice.services.voice import (
    SAMPLE_RATE,
    cached_rendering,
    chime,
    render_cues,
    render_practice,
    render_steps,
)
from tests.services._voice import CUE_WORDS, RefusingSpeaker, ToneSpeaker, read_wav, small_practice


def cache_files(cache: Path) -> list[str]:
    return sorted(p.name for p in (cache / voice.PRACTICES_FOLDER).iterdir())


# --- rendering with a fake voice ------------------------------------------


def test_render_practice_lays_out_chime_speech_and_exact_pauses(tmp_path: Path) -> None:
    speaker = ToneSpeaker()
    practice = small_practice("Welcome here.", "Breathe and rest a while.")

    rendering = render_practice(practice, speaker, tmp_path)

    shape, samples = read_wav(rendering.path)
    assert shape == (1, 2, SAMPLE_RATE)
    spoken = [len(speaker.say(step.text)) for step in practice.steps]
    expected = round(CHIME_SECONDS * SAMPLE_RATE) + sum(spoken) + 2 * round(1.5 * SAMPLE_RATE)
    assert len(samples) == expected
    assert rendering.timeline == timeline(
        practice, speech_seconds=lambda step: len(speaker.say(step.text)) / SAMPLE_RATE
    )
    assert rendering.speech_s == pytest.approx(sum(spoken) / SAMPLE_RATE)
    for placed in rendering.timeline:
        quiet = samples[round(placed.pause_start * SAMPLE_RATE) : round(placed.end * SAMPLE_RATE)]
        assert len(quiet) == round(1.5 * SAMPLE_RATE)
        assert not quiet.any()
    bell = samples[: round(CHIME_SECONDS * SAMPLE_RATE)]
    assert float(np.max(np.abs(bell))) == pytest.approx(0.25, abs=0.001)


def test_render_practice_says_repeated_words_once(tmp_path: Path) -> None:
    speaker = ToneSpeaker()
    render_practice(small_practice("Breathe.", "Breathe.", "Rest."), speaker, tmp_path)
    assert speaker.calls == ["Breathe.", "Rest."]


def test_render_practice_second_time_synthesizes_nothing(tmp_path: Path) -> None:
    practice = small_practice("Welcome here.", "Rest a while.")
    first = render_practice(practice, ToneSpeaker(), tmp_path)
    counting = ToneSpeaker()

    again = render_practice(practice, counting, tmp_path)
    from_cache = render_practice(practice, RefusingSpeaker(), tmp_path)

    assert counting.calls == []
    assert again == first == from_cache
    assert cached_rendering(practice, "tone/1", tmp_path) == first


def test_render_practice_changed_text_renders_anew_and_drops_the_old(tmp_path: Path) -> None:
    first = render_practice(small_practice("Welcome here."), ToneSpeaker(), tmp_path)
    neighbour = render_practice(
        small_practice("Hello.", practice_id="tiny-break-two"), ToneSpeaker(), tmp_path
    )
    speaker = ToneSpeaker()

    changed = render_practice(small_practice("Welcome, friend."), speaker, tmp_path)

    assert speaker.calls == ["Welcome, friend."]
    assert changed.path != first.path
    assert not first.path.exists()
    assert not first.path.with_suffix(".json").exists()
    assert neighbour.path.exists()  # another practice whose id starts the same way stays
    kept = [changed.path, neighbour.path]
    assert cache_files(tmp_path) == sorted(
        name for path in kept for name in (path.name, path.with_suffix(".json").name)
    )


@pytest.mark.parametrize(
    "change",
    [
        lambda s: replace(s, pause_s=s.pause_s + 1),
        lambda s: replace(s, cue=None),
        lambda s: replace(s, write="A note"),
    ],
    ids=["pause", "cue", "write"],
)
def test_render_practice_key_covers_every_step_field(tmp_path: Path, change: Any) -> None:
    practice = small_practice("Welcome here.")
    changed = replace(practice, steps=(change(practice.steps[0]),))
    assert voice.practice_key(practice, "v") != voice.practice_key(changed, "v")
    assert voice.practice_key(practice, "v") != voice.practice_key(practice, "w")


def test_render_practice_broken_sidecar_renders_again(tmp_path: Path) -> None:
    practice = small_practice("Welcome here.")
    first = render_practice(practice, ToneSpeaker(), tmp_path)
    first.path.with_suffix(".json").write_text("{not json", encoding="utf-8")
    speaker = ToneSpeaker()

    again = render_practice(practice, speaker, tmp_path)

    assert speaker.calls == ["Welcome here."]
    assert again == first


def test_render_practice_missing_wav_renders_again(tmp_path: Path) -> None:
    practice = small_practice("Welcome here.")
    render_practice(practice, ToneSpeaker(), tmp_path).path.unlink()
    assert cached_rendering(practice, "tone/1", tmp_path) is None
    assert render_practice(practice, ToneSpeaker(), tmp_path).path.exists()


def test_render_practice_leaves_no_partial_files(tmp_path: Path) -> None:
    render_practice(small_practice("Welcome here."), ToneSpeaker(), tmp_path)
    assert not [name for name in cache_files(tmp_path) if name.endswith(".partial")]


def test_chime_is_soft_and_exactly_as_long_as_the_timeline_says() -> None:
    bell = chime()
    assert len(bell) == round(CHIME_SECONDS * SAMPLE_RATE)
    assert float(np.max(np.abs(bell))) == pytest.approx(0.25, abs=1e-4)
    assert abs(float(bell[0])) < 1e-3
    assert abs(float(bell[-1])) < 1e-3


def test_silence_is_rounded_to_the_sample() -> None:
    assert len(voice.silence(1.25)) == 30_000
    assert not voice.silence(0.5).any()
    assert len(voice.silence(0.0)) == 0


# --- one clip per step ---------------------------------------------------


def test_render_steps_gives_each_step_its_chime_and_words(tmp_path: Path) -> None:
    practice = small_practice("Welcome here.", "Rest a while.", "Rest a while.")
    rendering = render_practice(practice, ToneSpeaker(), tmp_path)
    speaker = ToneSpeaker()

    clips = render_steps(practice, speaker, tmp_path)

    assert speaker.calls == ["Welcome here.", "Rest a while."]
    assert len(clips) == 3
    _, whole = read_wav(rendering.path)
    for placed, clip in zip(rendering.timeline, clips, strict=True):
        shape, samples = read_wav(clip)
        assert shape == (1, 2, SAMPLE_RATE)
        start = round(placed.start * SAMPLE_RATE)
        assert len(samples) == round((placed.pause_start - placed.start) * SAMPLE_RATE)
        assert np.array_equal(samples, whole[start : start + len(samples)])


def test_render_steps_reuses_clips_and_drops_old_ones(tmp_path: Path) -> None:
    first = render_steps(small_practice("Welcome here."), ToneSpeaker(), tmp_path)
    assert render_steps(small_practice("Welcome here."), RefusingSpeaker(), tmp_path) == first

    changed = render_steps(small_practice("Welcome, friend."), ToneSpeaker(), tmp_path)

    assert changed[0].exists()
    assert not first[0].parent.exists()


# --- breathing cues -------------------------------------------------------


def test_render_cues_trims_and_caches_each_word(tmp_path: Path) -> None:
    speaker = ToneSpeaker(edge_s=0.3)

    clips = render_cues(CUE_WORDS, speaker, tmp_path)
    again = render_cues(CUE_WORDS, speaker, tmp_path)

    assert clips == again
    assert sorted(speaker.calls) == sorted(CUE_WORDS.values())
    shape, samples = read_wav(clips["inhale"])
    assert shape == (1, 2, SAMPLE_RATE)
    untrimmed = len(ToneSpeaker(edge_s=0.3).say("Breathe in"))
    assert len(samples) < untrimmed - 0.5 * SAMPLE_RATE


def test_render_cues_new_words_replace_the_old_file(tmp_path: Path) -> None:
    old = render_cues({"exhale": "Breathe out"}, ToneSpeaker(), tmp_path)["exhale"]
    new = render_cues({"exhale": "And out"}, ToneSpeaker(), tmp_path)["exhale"]
    assert new != old
    assert new.exists()
    assert not old.exists()


def test_render_cues_refuses_an_unknown_key(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown cue"):
        render_cues({"sigh": "Sigh"}, ToneSpeaker(), tmp_path)
