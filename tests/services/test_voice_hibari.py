"""The real hibari voice, loaded once per module with the network refused, and its settings."""

from __future__ import annotations

import socket
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from kindvoice.core.errors import KindvoiceError
from kindvoice.domain.practices.guided import CHIME_SECONDS, load_practices, practice_ids
from kindvoice.services.voice import (
    CUE_KEYS,
    HibariSpeaker,
    audio_cache_dir,
    render_cues,
    render_practice,
)
from tests.services._voice import CUE_WORDS, FloatArray, read_wav

WINDOW_S = 0.01
SILENT_RMS = 0.002  # about -54 dBFS: well under the quietest speech hibari makes
# A measured quiet stretch also holds the quiet edges of the speech around it.
EDGE_SLACK_S = 1.25


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
