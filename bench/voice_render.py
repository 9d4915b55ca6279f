"""How fast kindvoice's offline voice renders a guided practice, from cold.

Run it from the repository root with the interpreter kindvoice is installed in:

    .venv/bin/python bench/voice_render.py [--practice self-compassion-break]

Three timings, each into a fresh, empty cache folder:

1. hibari from cold: a new ``HibariSpeaker``, so importing hibari and
   onnxruntime and loading the voice are included, then ``render_practice``.
2. The same practice again from the cache, with a new speaker: no synthesis,
   and hibari is not even loaded.
3. A sine-tone fake speaker as a baseline: what putting the WAV together costs
   (chime, silence, 16-bit conversion, atomic write) without any speech model.

For each, the real-time factor: seconds of audio per second of compute (the
whole file, pauses included, and the spoken part alone).

This is a benchmark, not a test: it always exits 0 and only reports figures.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import numpy.typing as npt

from kindvoice.domain.practices.guided import Practice, find_practice
from kindvoice.services.voice import SAMPLE_RATE, HibariSpeaker, Rendering, Speaker, render_practice

DEFAULT_PRACTICE = "self-compassion-break"


class ToneSpeaker:
    """The baseline: a 220 Hz tone lasting as long as hibari would roughly take."""

    sample_rate = SAMPLE_RATE
    voice_id = "bench-tone/1"

    def say(self, text: str) -> npt.NDArray[np.float32]:
        seconds = 0.4 * len(text.split())
        t = np.arange(round(seconds * self.sample_rate)) / self.sample_rate
        return (0.3 * np.sin(2 * math.pi * 220.0 * t)).astype(np.float32)


def timed(practice: Practice, speaker: Speaker, cache: Path) -> tuple[Rendering, float]:
    start = time.perf_counter()
    rendering = render_practice(practice, speaker, cache)
    return rendering, time.perf_counter() - start


def report(label: str, rendering: Rendering, seconds: float) -> None:
    whole = rendering.total_s / seconds
    spoken = rendering.speech_s / seconds
    print(
        f"{label:<34} {seconds * 1000:9.1f} ms   {whole:9.0f}x real time"
        f"   (speech alone {spoken:7.0f}x)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--practice", default=DEFAULT_PRACTICE)
    args = parser.parse_args()
    practice = find_practice(args.practice)
    if practice is None:
        print(f"no shipped practice called {args.practice!r}")
        return 0

    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory(prefix="kv-voice-bench-") as folder:
        root = Path(folder)
        assert "hibari" not in sys.modules, "hibari should not be imported yet"
        speaker = HibariSpeaker(root / "hibari-home")
        start = time.perf_counter()
        speaker.load()  # imports hibari and onnxruntime, opens the model, reads the lexicons
        load_s = time.perf_counter() - start
        cold, render_s = timed(practice, speaker, root / "cold")
        fresh = HibariSpeaker(root / "hibari-home")
        cached, cached_s = timed(practice, fresh, root / "cold")
        tone, tone_s = timed(practice, ToneSpeaker(), root / "tone")

        print(
            f"{practice.id}: {len(practice.steps)} steps, {cold.total_s:.1f} s of audio"
            f" ({cold.speech_s:.1f} s spoken, {practice.pause_seconds:g} s of pauses)"
        )
        report("hibari, cold (load included)", cold, load_s + render_s)
        print(f"{'  of which loading the voice':<34} {load_s * 1000:9.1f} ms")
        report("hibari, voice already loaded", cold, render_s)
        report("from the cache (hibari not loaded)", cached, cached_s)
        print(f"{'  hibari loaded for the cache hit':<34} {fresh.loaded}")
        report("sine-tone baseline (no model)", tone, tone_s)
    return 0


if __name__ == "__main__":
    sys.exit(main())
