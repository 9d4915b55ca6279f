"""The voice during a practice, for the CLI: rendering, the sound player, and cues.

A thin layer over ``services.voice`` that knows where kindvoice keeps its audio,
tells the person kindly when there is no player, and never lets a missing
player stop a practice: without one, everything still runs on screen.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from kindvoice.interfaces import messages as m
from kindvoice.interfaces.cli import render

if TYPE_CHECKING:
    from kindvoice.domain.practices.guided import Practice
    from kindvoice.services.voice import HibariSpeaker, Rendering

# The breathing cues, and the words said for each.
CUE_WORD_KEYS = {
    "inhale": "breathe.inhale",
    "hold_full": "breathe.hold_full",
    "exhale": "breathe.exhale",
    "hold_empty": "breathe.hold_empty",
    "top_up": "breathe.top_up",
}


class Voice:
    """kindvoice's offline voice for one command, loaded only when it first speaks."""

    def __init__(self, home: Path, *, to_play: bool = True) -> None:
        from kindvoice.services import voice

        self.home = home
        self.player = voice.find_player()
        self._speaker: HibariSpeaker | None = None
        if to_play and self.player is None:
            render.note(m.say("practice.no_player"))

    @property
    def speaker(self) -> HibariSpeaker:
        from kindvoice.services import voice

        if self._speaker is None:
            self._speaker = voice.HibariSpeaker.in_home(self.home)
        return self._speaker

    @property
    def cache(self) -> Path:
        from kindvoice.services import voice

        return voice.audio_cache_dir(self.home)

    def render(self, practice: Practice) -> Rendering:
        from kindvoice.services import voice

        with render.err.status(m.say("practice.preparing_voice")):
            return voice.render_practice(practice, self.speaker, self.cache)

    def step_clips(self, practice: Practice) -> tuple[Path, ...]:
        from kindvoice.services import voice

        with render.err.status(m.say("practice.preparing_voice")):
            return voice.render_steps(practice, self.speaker, self.cache)

    def cues(self) -> dict[str, Path]:
        from kindvoice.services import voice

        words = {kind: m.say(key) for kind, key in CUE_WORD_KEYS.items()}
        with render.err.status(m.say("practice.preparing_voice")):
            return dict(voice.render_cues(words, self.speaker, self.cache))

    def export(self, practice: Practice, destination: Path) -> Rendering:
        from kindvoice.services import voice

        with render.err.status(m.say("practice.preparing_voice")):
            return voice.export_audio(practice, self.speaker, self.cache, destination)

    def play(self, path: Path) -> subprocess.Popen[bytes] | None:
        """Start a whole practice's audio; None without a player."""
        from kindvoice.services import voice

        return None if self.player is None else voice.play(path, self.player)

    def clip(self, path: Path) -> None:
        """A short cue, without waiting for it."""
        from kindvoice.services import voice

        if self.player is not None:
            voice.play_clip(path, self.player)

    @staticmethod
    def stop(process: subprocess.Popen[bytes] | None = None) -> None:
        """Stop ``process`` (a practice's audio) and any cue still sounding."""
        from kindvoice.services import voice

        if process is not None:
            voice.stop_playing(process)
        voice.stop_clips()
