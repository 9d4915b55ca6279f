"""A natural offline voice for guided practices and breathing cues, with hibari-tts.

A practice becomes one WAV file: for each step a soft chime (when the step has
one), the spoken words, then exactly the written pause in silence. The live view
follows the same ``guided.timeline()``, built from the real length of each
spoken step, so the terminal plays the whole file once with the system player
and stays in step on the monotonic clock. Where a step waits on the person (a
writing exercise), ``render_steps`` gives each step's words as a clip of its own.

Renderings are cached in kindvoice's data folder under a name keyed by the
content (render version, voice, every step), so a changed script is rendered
again by itself and an unchanged one never loads the voice.

hibari ships its default voice ("heart") inside the wheel; its other voices
download from the internet on first use. kindvoice only ever asks for the
bundled file (``download_missing=False``), points ``HIBARI_HOME`` into its own
data folder, and keeps onnxruntime's telemetry off, so speaking writes nothing
outside kindvoice's folder and touches no network.

numpy and hibari are imported inside the functions that need them, so importing
this module (to find a player, say) stays light.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import os
import shutil
import signal
import subprocess
import threading
import wave
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from importlib import metadata
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol

from kindvoice.core.errors import KindvoiceError
from kindvoice.domain.practices.guided import (
    CHIME_SECONDS,
    Practice,
    Step,
    TimedStep,
    timeline,
)
from kindvoice.domain.practices.patterns import PHASE_KINDS
from kindvoice.services.files import os_reason, write_atomically

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    FloatArray = npt.NDArray[np.float32]

# Part of every cache key: bump it when the way audio is put together changes
# (chime, levels, silence, trimming), so old renderings are made again.
RENDER_VERSION = 1
SAMPLE_RATE = 24_000
SAMPLE_WIDTH = 2  # bytes: 16-bit PCM
VOICE_NAME = "heart"  # hibari's bundled voice; the only one kindvoice uses
VOICE_SPEED = 0.9  # hibari's range is 0.5-2.0; a little slower than its natural pace
MIN_SPEED, MAX_SPEED = 0.5, 2.0
HIBARI_DISTRIBUTION = "hibari-tts"
# The breathing cues: one for each kind of phase, and one for a top-up in-breath.
CUE_KEYS: tuple[str, ...] = (*PHASE_KINDS, "top_up")

CHIME_PEAK = 0.25
CHIME_PARTIALS = ((528.0, 0.6), (660.0, 0.4))  # Hz, share of the peak
CHIME_DECAY_S = 0.55  # time constant of the bell's fade
CHIME_ATTACK_S = 0.015
CHIME_RELEASE_S = 0.25
# Speech edges quieter than this count as silence when trimming a cue word.
TRIM_LEVEL = 0.01
TRIM_MARGIN_S = 0.02
CUE_FADE_S = 0.005

PRACTICES_FOLDER = "practices"
CUES_FOLDER = "cues"
STEPS_FOLDER = "steps"
HIBARI_FOLDER = "hibari"  # HIBARI_HOME: stays empty with the bundled voice
KEY_LENGTH = 16
PLAYERS: tuple[tuple[str, ...], ...] = (("paplay",), ("aplay", "-q"), ("afplay",))
STOP_WAIT_S = 1.0


class Speaker(Protocol):
    """Something that turns words into mono float32 audio in [-1, 1].

    ``voice_id`` names the voice and its settings; it is part of every cache key,
    so it must change whenever the same words would sound different. ``say`` must
    be deterministic: the same words give the same audio.
    """

    sample_rate: int
    voice_id: str

    def say(self, text: str) -> FloatArray: ...


def _hibari_version() -> str:
    try:
        return metadata.version(HIBARI_DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "missing"


class HibariSpeaker:
    """hibari's bundled voice, loaded on the first ``say`` (a fraction of a second).

    ``hibari_home`` is where hibari would keep downloaded voices; it is set as
    ``HIBARI_HOME`` before hibari is imported so nothing lands in ``~/.cache``,
    although with the bundled voice nothing is written there at all.
    """

    def __init__(self, hibari_home: Path, speed: float = VOICE_SPEED, threads: int = 1) -> None:
        if not MIN_SPEED <= speed <= MAX_SPEED:
            raise ValueError(f"speed {speed} is outside {MIN_SPEED}-{MAX_SPEED}")
        self.hibari_home = hibari_home
        self.speed = speed
        self.threads = max(1, threads)
        self.sample_rate = SAMPLE_RATE
        # Read from the installed package's metadata, so a cache hit never imports hibari.
        self.voice_id = f"hibari-{_hibari_version()}/{VOICE_NAME}/{speed:g}"
        self._tts: Any = None
        self._lock = threading.Lock()

    @classmethod
    def in_home(cls, settings_home: Path, speed: float = VOICE_SPEED) -> HibariSpeaker:
        """The speaker for kindvoice's data folder: ``HIBARI_HOME`` is ``<home>/audio/hibari``."""
        return cls(audio_cache_dir(settings_home) / HIBARI_FOLDER, speed)

    @property
    def loaded(self) -> bool:
        return self._tts is not None

    def load(self) -> None:
        """Load the voice now (``say`` does it on first use). Raises ``voice_unavailable``."""
        with self._lock:
            if self._tts is not None:
                return
            os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
            os.environ["HIBARI_HOME"] = str(self.hibari_home)
            try:
                from hibari import SAMPLE_RATE as hibari_rate
                from hibari import Hibari
                from hibari.voices import voice_path

                # Never the downloading path: a missing bundled file is an error, not a fetch.
                model = voice_path(VOICE_NAME, download_missing=False)
                tts = Hibari(voice=VOICE_NAME, model=model, threads=self.threads)
                tts.g2p  # noqa: B018 (the lexicons load on first use; load them now)
            except Exception as exc:  # onnxruntime's own errors derive from Exception only
                raise KindvoiceError("voice_unavailable", reason=str(exc)) from exc
            if int(hibari_rate) != self.sample_rate:
                raise KindvoiceError("voice_unavailable", reason=f"sample rate {hibari_rate}")
            self._tts = tts

    def say(self, text: str) -> FloatArray:
        """``text`` spoken in the bundled voice: mono float32 at 24 kHz, the same every time."""
        import numpy as np

        self.load()
        try:
            audio = self._tts(text, speed=self.speed, seed=0)
        except Exception as exc:
            raise KindvoiceError("voice_unavailable", reason=str(exc)) from exc
        return np.asarray(audio, dtype=np.float32).reshape(-1)


@dataclass(frozen=True)
class Rendering:
    """A practice as one WAV file, and when each step happens in it.

    ``timeline`` is ``guided.timeline()`` with each step's real speech length;
    ``total_s`` is the file's length and ``speech_s`` the spoken part of it.
    """

    path: Path
    timeline: tuple[TimedStep, ...]
    total_s: float
    speech_s: float


def audio_cache_dir(settings_home: Path) -> Path:
    """``<home>/audio``, made readable by this user only when it is created."""
    folder = settings_home / "audio"
    _make_folder(folder)
    return folder


def chime(sample_rate: int = SAMPLE_RATE) -> FloatArray:
    """A soft bell, exactly ``CHIME_SECONDS`` long: two sines fading out gently."""
    import numpy as np

    count = round(CHIME_SECONDS * sample_rate)
    t = np.arange(count, dtype=np.float64) / sample_rate
    tone = sum(share * np.sin(2 * math.pi * hz * t) for hz, share in CHIME_PARTIALS)
    envelope = np.exp(-t / CHIME_DECAY_S)
    envelope *= np.clip(t / CHIME_ATTACK_S, 0.0, 1.0)  # no click at the start
    envelope *= np.clip((CHIME_SECONDS - t) / CHIME_RELEASE_S, 0.0, 1.0)  # ends at zero
    bell = tone * envelope
    peak = float(np.max(np.abs(bell)))
    return (bell * (CHIME_PEAK / peak)).astype(np.float32)


def silence(seconds: float, sample_rate: int = SAMPLE_RATE) -> FloatArray:
    """``seconds`` of digital silence (rounded to the nearest sample)."""
    import numpy as np

    return np.zeros(max(0, round(seconds * sample_rate)), dtype=np.float32)


def practice_key(practice: Practice, voice_id: str) -> str:
    """The sha256 naming a practice's rendering: anything that changes the audio changes it."""
    content = {
        "render": RENDER_VERSION,
        "voice": voice_id,
        "id": practice.id,
        "steps": [[s.text, s.pause_s, s.cue, s.write] for s in practice.steps],
    }
    return _digest(content)


def cached_rendering(practice: Practice, voice_id: str, cache_dir: Path) -> Rendering | None:
    """The rendering of ``practice`` already in ``cache_dir``, or None when it must be made."""
    wav_path, sidecar = _practice_paths(practice, voice_id, cache_dir)
    try:
        data = json.loads(sidecar.read_text(encoding="utf-8"))
        with wave.open(str(wav_path), "rb") as audio:
            shape = (audio.getnchannels(), audio.getsampwidth(), audio.getframerate())
            frames = audio.getnframes()
    except (OSError, ValueError, EOFError, wave.Error):
        return None
    if not isinstance(data, dict):
        return None
    speech = data.get("speech_s")
    if (
        data.get("key") != practice_key(practice, voice_id)
        or data.get("frames") != frames
        or shape != (1, SAMPLE_WIDTH, data.get("sample_rate"))
        or not isinstance(speech, list)
        or len(speech) != len(practice.steps)
        or not all(_is_seconds(value) for value in speech)
    ):
        return None
    return _rendering(practice, wav_path, [float(v) for v in speech], frames / shape[2])


def render_practice(practice: Practice, speaker: Speaker, cache_dir: Path) -> Rendering:
    """``practice`` spoken into one WAV file in ``cache_dir`` (reused when already there).

    Each step is its chime (if any), its words, then exactly its pause in silence;
    16-bit mono PCM at the speaker's rate. Older renderings of the same practice
    are removed. Raises ``voice_unavailable`` or ``audio_failed``.
    """
    found = cached_rendering(practice, speaker.voice_id, cache_dir)
    if found is not None:
        return found
    rate = speaker.sample_rate
    spoken = _say_each(practice.steps, speaker)
    bell = chime(rate)
    wav_path, sidecar = _practice_paths(practice, speaker.voice_id, cache_dir)

    def fill(audio: wave.Wave_write) -> None:
        for step in practice.steps:
            if step.cue == "chime":
                audio.writeframes(_pcm(bell))
            audio.writeframes(_pcm(spoken[step.text]))
            _write_silence(audio, round(step.pause_s * rate), rate)

    _make_folder(wav_path.parent)
    frames = _write_wav(wav_path, rate, fill)
    speech = [len(spoken[step.text]) / rate for step in practice.steps]
    record = {
        "key": practice_key(practice, speaker.voice_id),
        "voice_id": speaker.voice_id,
        "practice_id": practice.id,
        "sample_rate": rate,
        "frames": frames,
        "speech_s": speech,
    }
    write_atomically(sidecar, json.dumps(record).encode(), error_code="audio_failed")
    _remove_stale(wav_path.parent, practice.id, keep=(wav_path.name, sidecar.name))
    return _rendering(practice, wav_path, speech, frames / rate)


def render_steps(practice: Practice, speaker: Speaker, cache_dir: Path) -> tuple[Path, ...]:
    """Each step's chime (if any) and words as a WAV of its own, without the pause.

    For a player that waits on the person between steps (a writing step has no
    written pause) or starts again part-way through. Clip ``i`` lasts exactly
    ``timeline[i].pause_start - timeline[i].start`` of the practice's rendering.
    Cached like practices; older clips of the same practice are removed.
    """
    key = practice_key(practice, speaker.voice_id)[:KEY_LENGTH]
    folder = cache_dir / STEPS_FOLDER / f"{practice.id}.{key}"
    paths = tuple(folder / f"{index:03d}.wav" for index in range(len(practice.steps)))
    missing = [
        (step, path) for step, path in zip(practice.steps, paths, strict=True) if not path.is_file()
    ]
    if missing:
        spoken = _say_each([step for step, _ in missing], speaker)
        bell = _pcm(chime(speaker.sample_rate))
        _make_folder(folder)
        for step, path in missing:
            pcm = (bell if step.cue == "chime" else b"") + _pcm(spoken[step.text])
            _write_wav(path, speaker.sample_rate, partial(_write_frames, pcm))
        _remove_stale(folder.parent, practice.id, keep=(folder.name,))
    return paths


def render_cues(words: Mapping[str, str], speaker: Speaker, cache_dir: Path) -> dict[str, Path]:
    """Short spoken cues for the breathing pacer, one WAV each, cached like practices.

    ``words`` maps a key of ``CUE_KEYS`` (a phase kind, or ``top_up`` for the short
    second in-breath) to what is said. Quiet edges are trimmed so a cue starts
    on its phase change. Returns each key's file.
    """
    folder = cache_dir / CUES_FOLDER
    found: dict[str, Path] = {}
    for key, text in words.items():
        if key not in CUE_KEYS:
            raise ValueError(f"unknown cue {key!r}; expected one of {CUE_KEYS}")
        digest = _digest(
            {"render": RENDER_VERSION, "voice": speaker.voice_id, "cue": key, "text": text}
        )
        path = folder / f"{key}.{digest[:KEY_LENGTH]}.wav"
        if not path.is_file():
            clip = _pcm(_trim(speaker.say(text), speaker.sample_rate))
            _make_folder(folder)
            _write_wav(path, speaker.sample_rate, partial(_write_frames, clip))
            _remove_stale(folder, key, keep=(path.name,))
        found[key] = path
    return found


def export_audio(
    practice: Practice, speaker: Speaker, cache_dir: Path, destination: Path
) -> Rendering:
    """Render ``practice`` (or reuse the cache) and copy it to ``destination``, a .wav path.

    The copy is written beside the destination and renamed into place, so a
    half-written file never stands under the name. Raises ``audio_bad_destination``
    (not a .wav name, or a folder), ``audio_no_folder``, ``audio_unwritable``,
    ``audio_failed`` or ``voice_unavailable``. The returned rendering's ``path``
    is ``destination``.
    """
    if destination.suffix.lower() != ".wav" or destination.is_dir():
        raise KindvoiceError("audio_bad_destination", path=str(destination))
    folder = destination.parent
    if not folder.is_dir():
        raise KindvoiceError("audio_no_folder", path=str(folder))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise KindvoiceError("audio_unwritable", path=str(folder))
    rendering = render_practice(practice, speaker, cache_dir)

    def copy(handle: IO[bytes]) -> None:
        with rendering.path.open("rb") as source:
            shutil.copyfileobj(source, handle)

    write_atomically(destination, copy, error_code="audio_failed")
    return dataclasses.replace(rendering, path=destination)


def find_player() -> list[str] | None:
    """The command that plays a WAV file here: paplay, aplay or afplay; None when none is found."""
    for command in PLAYERS:
        found = shutil.which(command[0])
        if found:
            return [found, *command[1:]]
    return None


def play(path: Path, player: list[str]) -> subprocess.Popen[bytes]:
    """Start playing ``path`` with ``player`` (from ``find_player``); returns at once.

    Raises ``audio_player_failed`` when the player can't be started.
    """
    try:
        return subprocess.Popen(
            [*player, str(path)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    except OSError as exc:
        raise KindvoiceError("audio_player_failed", reason=os_reason(exc)) from exc


_clips: list[subprocess.Popen[bytes]] = []
_clips_lock = threading.Lock()


def play_clip(path: Path, player: list[str]) -> subprocess.Popen[bytes]:
    """Start a short cue without waiting for it. A cue still sounding is cut off first,
    so cues never pile up, and finished ones are collected so none is left behind."""
    with _clips_lock:
        for process in _clips:
            if process.poll() is None:
                stop_playing(process)
        _clips.clear()
        process = play(path, player)
        _clips.append(process)
        return process


def stop_clips() -> None:
    """Stop every cue still sounding (at the end of a session, or when it's stopped)."""
    with _clips_lock:
        for process in _clips:
            stop_playing(process)
        _clips.clear()


def stop_playing(process: subprocess.Popen[bytes]) -> None:
    """Stop a player started by ``play`` or ``play_clip`` and collect it, even a paused one."""
    if process.poll() is not None:
        return
    process.terminate()
    if hasattr(signal, "SIGCONT"):  # a player paused with SIGSTOP acts on SIGTERM once woken
        process.send_signal(signal.SIGCONT)
    try:
        process.wait(timeout=STOP_WAIT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _say_each(steps: Sequence[Step], speaker: Speaker) -> dict[str, FloatArray]:
    """Each distinct text said once: the same words sound the same."""
    spoken: dict[str, FloatArray] = {}
    for step in steps:
        if step.text not in spoken:
            spoken[step.text] = speaker.say(step.text)
    return spoken


def _rendering(practice: Practice, path: Path, speech: list[float], total_s: float) -> Rendering:
    by_text = {step.text: seconds for step, seconds in zip(practice.steps, speech, strict=True)}
    placed = timeline(practice, speech_seconds=lambda step: by_text[step.text])
    return Rendering(path, placed, total_s, math.fsum(speech))


def _practice_paths(practice: Practice, voice_id: str, cache_dir: Path) -> tuple[Path, Path]:
    # Ids are lowercase words joined by dashes, never dots, so "<id>." prefixes one practice only.
    name = f"{practice.id}.{practice_key(practice, voice_id)[:KEY_LENGTH]}"
    folder = cache_dir / PRACTICES_FOLDER
    return folder / f"{name}.wav", folder / f"{name}.json"


def _digest(content: object) -> str:
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _is_seconds(value: object) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and value >= 0
    )


def _pcm(samples: FloatArray) -> bytes:
    import numpy as np

    clipped = np.clip(samples, -1.0, 1.0) * 32767.0
    pcm: bytes = np.rint(clipped).astype("<i2").tobytes()
    return pcm


def _write_frames(pcm: bytes, audio: wave.Wave_write) -> None:
    audio.writeframes(pcm)


def _write_silence(audio: wave.Wave_write, frames: int, rate: int) -> None:
    block = bytes(SAMPLE_WIDTH * rate)
    whole, rest = divmod(frames, rate)
    for _ in range(whole):
        audio.writeframes(block)
    audio.writeframes(block[: rest * SAMPLE_WIDTH])


def _trim(samples: FloatArray, rate: int) -> FloatArray:
    import numpy as np

    loud = np.flatnonzero(np.abs(samples) > TRIM_LEVEL)
    if loud.size == 0:
        return samples
    margin = round(TRIM_MARGIN_S * rate)
    clip = samples[max(0, int(loud[0]) - margin) : int(loud[-1]) + margin + 1].copy()
    fade = min(round(CUE_FADE_S * rate), clip.size // 2)
    if fade:
        ramp = np.linspace(0.0, 1.0, fade, dtype=np.float32)
        clip[:fade] *= ramp
        clip[-fade:] *= ramp[::-1]
    return clip


def _write_wav(path: Path, rate: int, fill: Callable[[wave.Wave_write], None]) -> int:
    """Write a mono 16-bit WAV atomically; returns its number of frames."""
    frames = 0

    def write(handle: IO[bytes]) -> None:
        nonlocal frames
        with wave.open(handle, "wb") as audio:
            audio.setnchannels(1)
            audio.setsampwidth(SAMPLE_WIDTH)
            audio.setframerate(rate)
            fill(audio)
            frames = audio.getnframes()

    write_atomically(path, write, error_code="audio_failed")
    return frames


def _remove_stale(folder: Path, stem: str, keep: tuple[str, ...]) -> None:
    """Delete older renderings of the same practice or cue; a leftover is only wasted space."""
    try:
        for item in folder.iterdir():
            if not item.name.startswith(f"{stem}.") or item.name in keep:
                continue
            if item.is_dir():
                shutil.rmtree(item, ignore_errors=True)
            else:
                item.unlink(missing_ok=True)
    except OSError:
        pass


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise KindvoiceError("audio_failed", path=str(folder), reason=os_reason(exc)) from exc
