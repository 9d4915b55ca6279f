"""Renderings exported as WAV files, and clips played through a system player."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from kindvoice.core.errors import KindvoiceError
from kindvoice.services import voice
from kindvoice.services.voice import (
    export_audio,
    find_player,
    play,
    play_clip,
    render_cues,
    render_practice,
    stop_playing,
)
from tests.services._voice import RefusingSpeaker, ToneSpeaker, small_practice

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
