"""Fake voices, small practices and a WAV reader for the voice tests."""

from __future__ import annotations

import math
import wave
from pathlib import Path

import numpy as np
import numpy.typing as npt

from kindvoice.domain.practices.guided import Practice, Step
from kindvoice.services.voice import SAMPLE_RATE

FloatArray = npt.NDArray[np.float32]
CUE_WORDS = {
    "inhale": "Breathe in",
    "top_up": "A little more",
    "hold_full": "Hold",
    "exhale": "Breathe out",
    "hold_empty": "Rest",
}


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
