"""The offline voice for the web app: a practice's own rendered audio and the breathing cues.

Renderings are made by ``services.voice`` and cached in ``<home>/audio``, so a practice is
spoken once and then served as a file. One speaker per worker process loads hibari on first
use; renders take turns (they are CPU work, and two of the same practice would only repeat
each other). When the voice can't run here, ``VoiceUnavailable`` carries the kind words and
the pages fall back to the browser's own speech.
"""

from __future__ import annotations

import threading
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from kindvoice.core.errors import KindvoiceError
from kindvoice.domain.practices.guided import Practice, TimedStep

if TYPE_CHECKING:
    from kindvoice.services.voice import HibariSpeaker, Rendering

_render_lock = threading.Lock()


class VoiceUnavailable(KindvoiceError):
    """The voice couldn't render here (hibari missing, or a failure while rendering)."""

    code = "voice_unavailable"


@cache
def _speaker(home: Path) -> HibariSpeaker:
    from kindvoice.services import voice

    return voice.HibariSpeaker.in_home(home)


def _cache_dir(home: Path) -> Path:
    from kindvoice.services import voice

    return voice.audio_cache_dir(home)


def cached_timeline(home: Path, practice: Practice) -> tuple[TimedStep, ...] | None:
    """The voiced timeline when the practice is already rendered (a cheap check that never
    loads the voice), else None."""
    from kindvoice.services import voice

    try:
        found = voice.cached_rendering(practice, _speaker(home).voice_id, _cache_dir(home))
    except (KindvoiceError, OSError):
        return None
    return None if found is None else found.timeline


def render_practice(home: Path, practice: Practice) -> Rendering:
    """The practice as one WAV (from the cache when it's there). Raises VoiceUnavailable."""
    from kindvoice.services import voice

    with _render_lock:
        try:
            return voice.render_practice(practice, _speaker(home), _cache_dir(home))
        except KindvoiceError as error:
            raise VoiceUnavailable(reason=str(error.params.get("reason", error.code))) from error
        except (OSError, ValueError, RuntimeError) as error:  # onnxruntime and friends
            raise VoiceUnavailable(reason=type(error).__name__) from error


def render_cues(home: Path, words: dict[str, str]) -> dict[str, Path]:
    """The breathing cues, one short WAV per kind of phase. Raises VoiceUnavailable."""
    from kindvoice.services import voice

    with _render_lock:
        try:
            return voice.render_cues(words, _speaker(home), _cache_dir(home))
        except KindvoiceError as error:
            raise VoiceUnavailable(reason=str(error.params.get("reason", error.code))) from error
        except (OSError, ValueError, RuntimeError) as error:
            raise VoiceUnavailable(reason=type(error).__name__) from error
