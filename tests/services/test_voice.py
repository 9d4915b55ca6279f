"""The offline voice: practices rendered to WAV, cached, exported, and played.

Fast tests use a sine-tone speaker. The tests marked slow load the real hibari
voice once for the module, with every way out to the network refused and
``HIBARI_HOME`` pointing at an empty folder, and render every shipped practice.
"""

from __future__ import annotations

import math
import os
import signal
import socket
import stat
import sys
import time
import wave
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest

from kindvoice.core.errors import KindvoiceError
from kindvoice.domain.practices.guided import (
    CHIME_SECONDS,
    Practice,
    Step,
    load_practices,
    practice_ids,
    timeline,
)
from kindvoice.services import voice
from kindvoice.services.voice import (
    CUE_KEYS,
    SAMPLE_RATE,
    HibariSpeaker,
    audio_cache_dir,
    cached_rendering,
    chime,
    export_audio,
    find_player,
    play,
    play_clip,
    render_cues,
    render_practice,
    render_steps,
    stop_playing,
)

FloatArray = npt.NDArray[np.float32]
CUE_WORDS = {
    "inhale": "Breathe in",
    "top_up": "A little more",
    "hold_full": "Hold",
    "exhale": "Breathe out",
    "hold_empty": "Rest",
}
WINDOW_S = 0.01
SILENT_RMS = 0.002  # about -54 dBFS: well under the quietest speech hibari makes
# A measured quiet stretch also holds the quiet edges of the speech around it.
EDGE_SLACK_S = 1.25


# --- speakers -------------------------------------------------------------


class ToneSpeaker:
    """A fake voice: a tone a quarter of a second per word, with quiet edges."""

    sample_rate = SAMPLE_RATE

    def __init__(self, voice_id: str = "tone/1", edge_s: float = 0.05) -> None:
        self.voice_id = voice_id
        self.edge_s = edge_s
        self.calls: list[str] = []

    def say(self, text: str) -> FloatArray:
        self.calls.append(text)
        seconds = 0.25 * len(text.split()) + 0.1
        t = np.arange(round(seconds * self.sample_rate)) / self.sample_rate
        tone = (0.3 * np.sin(2 * math.pi * 220.0 * t)).astype(np.float32)
        edge = np.zeros(round(self.edge_s * self.sample_rate), dtype=np.float32)
        return np.concatenate([edge, tone, edge])


class RefusingSpeaker(ToneSpeaker):
    """A voice that must not be used: the cache should answer instead."""

    def say(self, text: str) -> FloatArray:
        raise AssertionError(f"synthesized {text!r} although the cache had it")


@dataclass
class Recording:
    """Wraps a speaker and keeps the length of everything it said."""

    inner: HibariSpeaker
    samples: dict[str, int] = field(default_factory=dict)
    calls: int = 0

    @property
    def sample_rate(self) -> int:
        return self.inner.sample_rate

    @property
    def voice_id(self) -> str:
        return self.inner.voice_id

    def say(self, text: str) -> FloatArray:
        audio = self.inner.say(text)
        self.calls += 1
        self.samples[text] = len(audio)
        return audio


# --- helpers --------------------------------------------------------------


def small_practice(*texts: str, practice_id: str = "tiny-break") -> Practice:
    steps = [
        Step(text, pause_s=1.5, cue="chime" if i == 0 else None) for i, text in enumerate(texts)
    ]
    return Practice(
        practice_id, "Tiny", "guided", "A test.", "A test.", ("mindfulness",), tuple(steps)
    )


def read_wav(path: Path) -> tuple[tuple[int, int, int], FloatArray]:
    with wave.open(str(path), "rb") as audio:
        shape = (audio.getnchannels(), audio.getsampwidth(), audio.getframerate())
        raw = audio.readframes(audio.getnframes())
    return shape, np.frombuffer(raw, dtype="<i2").astype(np.float32) / 32767.0


def silent_runs(samples: FloatArray, rate: int) -> list[tuple[float, float]]:
    """The stretches (start, end, in seconds) where 10 ms windows stay under SILENT_RMS."""
    size = round(WINDOW_S * rate)
    count = len(samples) // size
    windows = samples[: count * size].reshape(count, size)
    quiet = np.sqrt(np.mean(windows.astype(np.float64) ** 2, axis=1)) < SILENT_RMS
    runs: list[tuple[float, float]] = []
    start: int | None = None
    for index, is_quiet in enumerate([*quiet.tolist(), False]):
        if is_quiet and start is None:
            start = index
        elif not is_quiet and start is not None:
            runs.append((start * WINDOW_S, index * WINDOW_S))
            start = None
    return runs


def cache_files(cache: Path) -> list[str]:
    return sorted(p.name for p in (cache / voice.PRACTICES_FOLDER).iterdir())


# --- network refused, hibari loaded once ----------------------------------


@dataclass
class Offline:
    attempts: list[str]
    hibari_home: Path


@pytest.fixture(scope="module")
def offline(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Offline]:
    """No connection can be made, nor any name looked up, while the voice loads and speaks."""
    attempts: list[str] = []

    def refuse(name: str) -> Any:
        def refused(*args: object, **kwargs: object) -> Any:
            attempts.append(f"{name}{args[1:] if name.startswith('socket.') else args}")
            raise OSError(f"the network is off in this test ({name})")

        return refused

    hibari_home = tmp_path_factory.mktemp("hibari-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", refuse("socket.connect"))
        patch.setattr(socket.socket, "connect_ex", refuse("socket.connect_ex"))
        patch.setattr(socket, "create_connection", refuse("create_connection"))
        patch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
        patch.setenv("HIBARI_HOME", str(hibari_home))
        yield Offline(attempts, hibari_home)
    assert attempts == []
    assert list(hibari_home.iterdir()) == []


@pytest.fixture(scope="module")
def hibari(offline: Offline) -> HibariSpeaker:
    speaker = HibariSpeaker(offline.hibari_home)
    speaker.load()
    return speaker


def test_network_guard_refuses_connections(offline: Offline) -> None:
    with pytest.raises(OSError, match="network is off"):
        socket.create_connection(("127.0.0.1", 9))
    assert offline.attempts.pop().startswith("create_connection")


# --- the acceptance test: every shipped practice, real voice --------------


@pytest.mark.slow
@pytest.mark.parametrize("practice_id", practice_ids())
def test_render_practice_speaks_every_shipped_practice_offline(
    practice_id: str, hibari: HibariSpeaker, offline: Offline, tmp_path: Path
) -> None:
    practice = next(p for p in load_practices() if p.id == practice_id)
    speaker = Recording(hibari)

    rendering = render_practice(practice, speaker, tmp_path)

    shape, samples = read_wav(rendering.path)
    assert shape == (1, 2, 24_000)
    rate = shape[2]
    speech_s = sum(speaker.samples[step.text] for step in practice.steps) / rate
    chimes_s = CHIME_SECONDS * sum(step.cue == "chime" for step in practice.steps)
    expected = speech_s + practice.pause_seconds + chimes_s
    assert len(samples) / rate == pytest.approx(expected, rel=0.03)
    assert rendering.total_s == pytest.approx(len(samples) / rate)
    assert rendering.speech_s == pytest.approx(speech_s)
    assert rendering.timeline[-1].end == pytest.approx(rendering.total_s, abs=0.01)

    # Measured from the audio itself: each written pause is a quiet stretch that long.
    runs = silent_runs(samples, rate)
    for placed in rendering.timeline:
        pause = placed.step.pause_s
        if pause < 0.5:
            continue
        middle = (placed.pause_start + placed.end) / 2
        run = next((r for r in runs if r[0] <= middle <= r[1]), None)
        assert run is not None, f"step {placed.index}: no quiet around {middle:.2f} s"
        measured = run[1] - run[0]
        assert pause - 2 * WINDOW_S <= measured <= pause + EDGE_SLACK_S, (placed.index, measured)
    # Speech is heard where the timeline says it is.
    for placed in rendering.timeline:
        start = round(placed.speech_start * rate)
        end = round(placed.pause_start * rate)
        assert float(np.sqrt(np.mean(samples[start:end] ** 2))) > 10 * SILENT_RMS
    assert offline.attempts == []


@pytest.mark.slow
def test_render_practice_reuses_the_cache_without_loading_hibari(
    hibari: HibariSpeaker, offline: Offline, tmp_path: Path
) -> None:
    practice = load_practices()[0]
    first = render_practice(practice, hibari, tmp_path)
    fresh = HibariSpeaker(offline.hibari_home)

    again = render_practice(practice, fresh, tmp_path)

    assert not fresh.loaded
    assert again == first
    assert offline.attempts == []


@pytest.mark.slow
def test_hibari_speaker_is_deterministic(hibari: HibariSpeaker) -> None:
    first = hibari.say("May I be kind to myself.")
    assert first.dtype == np.float32
    assert first.ndim == 1
    assert np.array_equal(first, hibari.say("May I be kind to myself."))
    assert 0.5 < len(first) / hibari.sample_rate < 5.0
    assert float(np.max(np.abs(first))) <= 1.0


@pytest.mark.slow
def test_render_cues_with_the_real_voice(
    hibari: HibariSpeaker, offline: Offline, tmp_path: Path
) -> None:
    clips = render_cues(CUE_WORDS, hibari, tmp_path)

    assert set(clips) == set(CUE_KEYS)
    for path in clips.values():
        shape, samples = read_wav(path)
        assert shape == (1, 2, 24_000)
        assert 0.1 < len(samples) / 24_000 < 2.0
        assert abs(samples[0]) < 0.01  # trimmed to the word, and faded in
    assert offline.attempts == []


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


# --- export ---------------------------------------------------------------


def test_export_audio_copies_the_rendering(tmp_path: Path) -> None:
    practice = small_practice("Welcome here.")
    destination = tmp_path / "out" / "break.WAV"
    destination.parent.mkdir()

    exported = export_audio(practice, ToneSpeaker(), tmp_path / "cache", destination)

    cached = render_practice(practice, RefusingSpeaker(), tmp_path / "cache")
    assert exported.path == destination
    assert exported.timeline == cached.timeline
    assert destination.read_bytes() == cached.path.read_bytes()
    assert sorted(p.name for p in destination.parent.iterdir()) == ["break.WAV"]


@pytest.mark.parametrize("name", ["break.mp3", "break", "break.wav.txt"])
def test_export_audio_refuses_a_name_that_is_not_wav(tmp_path: Path, name: str) -> None:
    speaker = ToneSpeaker()
    with pytest.raises(KindvoiceError) as caught:
        export_audio(small_practice("Hi."), speaker, tmp_path, tmp_path / name)
    assert caught.value.code == "audio_bad_destination"
    assert speaker.calls == []


def test_export_audio_refuses_a_folder(tmp_path: Path) -> None:
    (tmp_path / "folder.wav").mkdir()
    with pytest.raises(KindvoiceError) as caught:
        export_audio(small_practice("Hi."), ToneSpeaker(), tmp_path, tmp_path / "folder.wav")
    assert caught.value.code == "audio_bad_destination"


def test_export_audio_needs_an_existing_folder(tmp_path: Path) -> None:
    with pytest.raises(KindvoiceError) as caught:
        export_audio(small_practice("Hi."), ToneSpeaker(), tmp_path, tmp_path / "no" / "a.wav")
    assert caught.value.code == "audio_no_folder"


def test_export_audio_refuses_an_unwritable_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests may run as root, for whom permission bits mean nothing; ask os.access instead.
    monkeypatch.setattr(voice.os, "access", lambda *args, **kwargs: False)
    speaker = ToneSpeaker()
    with pytest.raises(KindvoiceError) as caught:
        export_audio(small_practice("Hi."), speaker, tmp_path, tmp_path / "a.wav")
    assert caught.value.code == "audio_unwritable"
    assert speaker.calls == []


def test_export_audio_write_failure_is_audio_failed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    practice = small_practice("Hi.")
    render_practice(practice, ToneSpeaker(), tmp_path / "cache")
    monkeypatch.setattr(voice.shutil, "copyfileobj", full_disk)
    with pytest.raises(KindvoiceError) as caught:
        export_audio(practice, ToneSpeaker(), tmp_path / "cache", tmp_path / "a.wav")
    assert caught.value.code == "audio_failed"
    assert caught.value.params["reason"] == "No space left on device"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache"]


# --- the voice itself, without loading it ---------------------------------


def test_hibari_speaker_voice_id_names_version_voice_and_speed(tmp_path: Path) -> None:
    speaker = HibariSpeaker(tmp_path, speed=0.9)
    assert speaker.voice_id.startswith("hibari-0.2.")
    assert speaker.voice_id.endswith("/heart/0.9")
    assert HibariSpeaker(tmp_path, speed=1.0).voice_id != speaker.voice_id
    assert not speaker.loaded


@pytest.mark.parametrize("speed", [0.4, 2.5])
def test_hibari_speaker_refuses_speeds_hibari_does_not_take(tmp_path: Path, speed: float) -> None:
    with pytest.raises(ValueError, match="speed"):
        HibariSpeaker(tmp_path, speed=speed)


def test_hibari_speaker_missing_package_is_voice_unavailable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "hibari", None)  # importing it now fails
    monkeypatch.setenv("HIBARI_HOME", str(tmp_path))  # put back after the test
    speaker = HibariSpeaker(tmp_path)
    with pytest.raises(KindvoiceError) as caught:
        speaker.say("Hello.")
    assert caught.value.code == "voice_unavailable"
    assert not speaker.loaded


def test_hibari_speaker_in_home_keeps_hibari_inside_the_data_folder(tmp_path: Path) -> None:
    speaker = HibariSpeaker.in_home(tmp_path / "home")
    assert speaker.hibari_home == tmp_path / "home" / "audio" / "hibari"
    assert not speaker.loaded


def test_audio_cache_dir_is_private(tmp_path: Path) -> None:
    folder = audio_cache_dir(tmp_path / "home")
    assert folder == tmp_path / "home" / "audio"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


# --- players --------------------------------------------------------------


def fake_player(folder: Path, name: str, body: str) -> Path:
    folder.mkdir(exist_ok=True)
    script = folder / name
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(0o755)
    return script


def test_find_player_without_any_player_is_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    assert find_player() is None


def test_find_player_prefers_paplay_then_aplay(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    aplay = fake_player(tmp_path / "bin", "aplay", "exit 0")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    assert find_player() == [str(aplay), "-q"]
    paplay = fake_player(tmp_path / "bin", "paplay", "exit 0")
    assert find_player() == [str(paplay)]


def test_play_passes_the_file_to_the_player(tmp_path: Path) -> None:
    log = tmp_path / "played.txt"
    player = fake_player(tmp_path / "bin", "paplay", f'echo "$@" > {log}')
    process = play(tmp_path / "a.wav", [str(player)])
    assert process.wait(timeout=10) == 0
    assert log.read_text(encoding="utf-8").strip() == str(tmp_path / "a.wav")


def test_play_with_a_missing_player_is_audio_player_failed(tmp_path: Path) -> None:
    with pytest.raises(KindvoiceError) as caught:
        play(tmp_path / "a.wav", [str(tmp_path / "no-such-player")])
    assert caught.value.code == "audio_player_failed"


def test_play_clip_cuts_off_the_cue_still_sounding(tmp_path: Path) -> None:
    player = fake_player(tmp_path / "bin", "paplay", "exec sleep 30")
    first = play_clip(tmp_path / "in.wav", [str(player)])
    second = play_clip(tmp_path / "out.wav", [str(player)])
    try:
        assert first.poll() is not None  # stopped and collected
        assert second.poll() is None
    finally:
        stop_playing(second)
    assert second.returncode is not None


def test_stop_playing_stops_a_paused_player(tmp_path: Path) -> None:
    player = fake_player(tmp_path / "bin", "paplay", "exec sleep 30")
    process = play(tmp_path / "a.wav", [str(player)])
    process.send_signal(signal.SIGSTOP)
    started = time.monotonic()
    stop_playing(process)
    assert process.returncode == -signal.SIGTERM
    assert time.monotonic() - started < voice.STOP_WAIT_S


def test_nothing_here_writes_outside_the_given_folders(tmp_path: Path) -> None:
    before = set(os.listdir(tmp_path))
    render_practice(small_practice("Hi."), ToneSpeaker(), tmp_path / "cache")
    render_cues({"inhale": "In"}, ToneSpeaker(), tmp_path / "cache")
    assert set(os.listdir(tmp_path)) - before == {"cache"}
