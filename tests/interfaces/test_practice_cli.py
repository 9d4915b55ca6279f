"""`kindvoice breathe` and `kindvoice practice`, run for real (on the real clock).

The live view is checked on a real terminal screen: tmux runs the command in a
pseudo-terminal and ``capture-pane`` shows what a person would see. The plain
fallback, the writing exercises and the errors run through a pipe.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
import wave
from pathlib import Path
from typing import Any

import pytest

from kindvoice.interfaces import messages as m

KINDVOICE = [sys.executable, "-m", "kindvoice"]
TMUX = shutil.which("tmux")
NEEDS_TMUX = pytest.mark.skipif(
    TMUX is None, reason="the live-view tests need tmux (bash .ci/run installs it)"
)


def run(
    home: Path, *args: str, stdin: str = "", timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KINDVOICE_HOME": str(home), "NO_COLOR": "1", "COLUMNS": "100"}
    return subprocess.run(
        [*KINDVOICE, *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
    )


def exported(home: Path) -> dict[str, Any]:
    result = run(home, "export", "--to", "-")
    assert result.returncode == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


def own_practice(home: Path, name: str, steps: str) -> Path:
    """A practice of the person's own, with ``steps`` as its [[steps]] tables."""
    folder = home / "practices"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.toml"
    header = (
        f'name = "{name.title()}"\nkind = "guided"\nsummary = "s"\n'
        'description = "A short one."\ncomponents = ["mindfulness"]\n'
    )
    path.write_text(header + steps, encoding="utf-8")
    return path


# --- the plain fallback --------------------------------------------------------


def test_breathe_without_a_terminal_prints_one_line_per_phase(home: Path) -> None:
    started = time.monotonic()
    result = run(home, "breathe", "0.5-1", "--cycles", "2")
    took = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if "·" in line]
    assert lines == ["Breathe in · 0.5 s", "Breathe out · 1 s"] * 2
    assert "Your own pattern, 0.5-1" in result.stdout
    assert "press q or Ctrl-C" in result.stdout
    assert m.say("practice.done", time="0:03") in result.stdout
    assert took >= 3.0  # it really waited for the breaths
    (run_record,) = exported(home)["practice_runs"]
    assert run_record["practice"] == "custom"
    assert run_record["kind"] == "breathing"
    assert run_record["pattern"] == "0.5-1"
    assert run_record["completed"] is True
    assert run_record["planned_seconds"] == 3.0
    assert 2.9 <= run_record["actual_seconds"] <= 3.01


def test_sessions_lists_what_was_practised(home: Path) -> None:
    assert m.say("sessions.empty") in run(home, "sessions").stdout
    assert json.loads(run(home, "sessions", "--json").stdout) == []
    run(home, "breathe", "0.5-0.5", "--cycles", "1")
    run(home, "breathe", "gentle", "--cycles", "1")
    shown = run(home, "sessions")
    assert shown.returncode == 0, shown.stderr
    assert "Your own pattern, 0.5-0.5" in shown.stdout
    assert "Gentle breath" in shown.stdout
    assert shown.stdout.index("Gentle breath") < shown.stdout.index("Your own pattern")
    only = json.loads(run(home, "sessions", "--practice", "gentle", "--json").stdout)
    assert [item["practice"] for item in only] == ["gentle"]
    assert only[0]["number"] == 2


def test_breathe_shipped_pattern_in_gentle_mode_keeps_holds_short(home: Path) -> None:
    result = run(home, "breathe", "4-7-8", "--cycles", "1", "--gentle")
    assert result.returncode == 0, result.stderr
    assert m.say("breathe.softened") in result.stdout
    lines = [line for line in result.stdout.splitlines() if "·" in line]
    assert lines == ["Breathe in · 4 s", "Hold · 2 s", "Breathe out · 8 s"]
    (run_record,) = exported(home)["practice_runs"]
    assert run_record["pattern"] == "4-2-8"


def test_gentle_mode_can_be_the_usual_setting(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KINDVOICE_GENTLE", "1")
    result = run(home, "breathe", "1-3-1", "--cycles", "1")
    assert result.returncode == 0, result.stderr
    assert "Hold · 2 s" in result.stdout


def test_ctrl_c_ends_gracefully_and_keeps_the_unfinished_session(home: Path) -> None:
    env = {**os.environ, "KINDVOICE_HOME": str(home), "NO_COLOR": "1"}
    process = subprocess.Popen(
        [*KINDVOICE, "breathe", "box", "--cycles", "5"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stdout is not None
    for line in process.stdout:  # wait until the practice has begun
        if line.startswith("Breathe in"):
            break
    time.sleep(1.0)
    process.send_signal(signal.SIGINT)
    rest, errors = process.communicate(timeout=30)
    assert process.returncode == 0, errors
    assert "You stopped after 0:0" in rest
    assert "Kept a note of this session" in rest
    (run_record,) = exported(home)["practice_runs"]
    assert run_record["completed"] is False
    assert 0.5 < run_record["actual_seconds"] < 10
    assert run_record["planned_seconds"] == 80.0


def test_guided_practice_without_a_terminal_shows_each_step_in_time(home: Path) -> None:
    folder = home / "practices"
    folder.mkdir(parents=True)
    (folder / "two-breaths.toml").write_text(
        "\n".join(
            [
                'name = "Two breaths"',
                'kind = "guided"',
                'summary = "Two quiet breaths."',
                'description = "A very short pause, for testing the timing."',
                'components = ["mindfulness"]',
                "[[steps]]",
                'text = "Notice your feet."',
                "pause = 1",
                "[[steps]]",
                'text = "Notice one breath."',
                "pause = 1.5",
            ]
        ),
        encoding="utf-8",
    )
    listed = run(home, "practice", "--list")
    assert "two-breaths" in listed.stdout
    assert "self-compassion-break" in listed.stdout
    started = time.monotonic()
    result = run(home, "practice", "two-breaths")
    took = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.index("Notice your feet.") < out.index("(a quiet moment, 1 s)")
    assert out.index("(a quiet moment, 1 s)") < out.index("Notice one breath.")
    assert "(a quiet moment, 2 s)" in out
    assert took >= 2 * 2.0 + 2.5  # two steps of at least two seconds' words, and the quiet
    (run_record,) = exported(home)["practice_runs"]
    assert run_record["practice"] == "two-breaths"
    assert run_record["kind"] == "guided"
    assert run_record["completed"] is True


def test_compassionate_letter_is_kept_in_the_journal_and_linked(home: Path) -> None:
    answers = (
        "I snapped at my brother.\n\nDear me,\nyou were exhausted.\n\nRest, then call him.\n\n"
    )
    result = run(home, "practice", "compassionate-letter", stdin=answers)
    assert result.returncode == 0, result.stderr
    assert "Your words are kept in your journal as entry 1" in result.stdout
    data = exported(home)
    (entry,) = data["entries"]
    assert entry["thought"] == (
        "I snapped at my brother.\n\nDear me,\nyou were exhausted.\n\nRest, then call him."
    )
    assert entry["tags"] == ["compassionate-letter"]
    (run_record,) = data["practice_runs"]
    assert run_record["kind"] == "writing"
    assert run_record["entry"] == entry["id"]
    assert run_record["completed"] is True


def test_a_letter_in_crisis_gets_support_at_once(home: Path) -> None:
    answers = "I want to kill myself tonight.\n\nDear me,\n\n"
    result = run(home, "practice", "compassionate-letter", stdin=answers)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    # Support comes straight after the answer, before any further prompt.
    assert out.index("findahelpline.com") < out.index(m.say("practice.paused_for_support"))
    assert "Now picture a friend" not in out
    assert "Your words are kept in your journal" in out
    data = exported(home)
    (entry,) = data["entries"]
    assert entry["thought"] == "I want to kill myself tonight."
    (run_record,) = data["practice_runs"]
    assert run_record["completed"] is False


def test_friend_exercise_without_a_terminal_keeps_no_writing(home: Path) -> None:
    result = run(home, "practice", "friend-exercise", stdin="Kindly.\n\nHarshly.\n\n")
    assert result.returncode == 0, result.stderr
    data = exported(home)
    assert data["entries"] == []
    (run_record,) = data["practice_runs"]
    assert run_record["practice"] == "friend-exercise"
    assert run_record["entry"] is None


# --- mistakes -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["breathe", "boxx"], "Did you mean box?"),
        (["breathe", "sunshine"], "The patterns are: gentle, resonance, box"),
        (["breathe", "4-0-4"], "0 seconds is shorter than kindvoice paces"),
        (["breathe", "4-x-4"], "“x” isn't a number of seconds"),
        (["breathe", "4", "--cycles", "1"], "at least an in-breath and an out-breath"),
        (["breathe", "box", "--minutes", "500"], "two hours"),
        (["breathe", "box", "--minutes", "1", "--cycles", "2"], "minutes or cycles, not both"),
        (["practice", "box"], "`kindvoice breathe box` starts it"),
        (["practice", "self-compasion-break"], "Did you mean self-compassion-break?"),
    ],
)
def test_mistakes_get_a_kind_precise_message(home: Path, args: list[str], expected: str) -> None:
    result = run(home, *args)
    assert result.returncode == 65
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert not (home / "kindvoice.sqlite3").exists() or exported(home)["practice_runs"] == []


def test_a_broken_own_practice_file_is_named_with_its_field(home: Path) -> None:
    path = own_practice(home, "mine", '[[steps]]\ntext = "Hello."\npause = "ten"\n')
    result = run(home, "practice", "--list")
    assert result.returncode == 65
    assert str(path) in result.stderr
    assert "steps[0].pause" in result.stderr
    assert "a number of seconds" in result.stderr


# --- the live view on a real terminal --------------------------------------------


class Screen:
    """A command running in a tmux pseudo-terminal, 90 × 30."""

    def __init__(self, home: Path, command: str) -> None:
        self.name = "kv-" + uuid.uuid4().hex[:8]
        env = f"KINDVOICE_HOME={home} PYTHONUNBUFFERED=1"
        shell = f"{env} {sys.executable} -m kindvoice {command}; echo EXITED=$?; sleep 120"
        subprocess.run(
            [str(TMUX), "new-session", "-d", "-s", self.name, "-x", "90", "-y", "30", shell],
            check=True,
        )

    def text(self) -> str:
        shown = subprocess.run(
            [str(TMUX), "capture-pane", "-p", "-t", self.name],
            capture_output=True,
            text=True,
            check=True,
        )
        return shown.stdout

    def wait_for(self, needle: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.text()
            if needle in shown:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{needle!r} never appeared; the screen shows:\n{self.text()}")

    def keys(self, *keys: str) -> None:
        subprocess.run([str(TMUX), "send-keys", "-t", self.name, *keys], check=True)

    def close(self) -> None:
        subprocess.run([str(TMUX), "kill-session", "-t", self.name], check=False)


@pytest.fixture
def screen_factory(home: Path) -> Any:
    opened: list[Screen] = []

    def start(command: str) -> Screen:
        opened.append(Screen(home, command))
        return opened[-1]

    yield start
    for screen in opened:
        screen.close()


def _breath_bar_width(shown: str) -> int:
    rows = [line for line in shown.splitlines() if "█" in line]
    assert len(rows) == 1, shown
    return rows[0].count("█")


@pytest.mark.slow
@NEEDS_TMUX
def test_breathe_box_on_a_terminal_draws_the_live_view(home: Path, screen_factory: Any) -> None:
    screen = screen_factory("breathe box --minutes 0.2 --no-rate")
    first = screen.wait_for("Breathe in")
    assert "Box breathing" in first
    assert "Space pauses · q or Ctrl-C stops" in first
    assert "left" in first
    shown = screen.wait_for("Hold", timeout=10)
    held = _breath_bar_width(shown)
    assert held >= 39  # full after the in-breath
    shown = screen.wait_for("Breathe out", timeout=10)
    shown = screen.wait_for("Rest", timeout=10)
    assert _breath_bar_width(shown) <= 3  # empty after the out-breath
    done = screen.wait_for("EXITED=0", timeout=30)
    assert "That's the end of the practice. You gave yourself 0:16." in done
    assert "Kept a note of this session (number 1)." in done
    assert "Space pauses" not in done  # the live view cleared itself away
    (run_record,) = exported(home)["practice_runs"]
    assert run_record["pattern"] == "4-4-4-4"
    assert run_record["completed"] is True


@pytest.mark.slow
@NEEDS_TMUX
def test_live_view_pauses_resumes_and_stops_with_a_question(
    home: Path, screen_factory: Any
) -> None:
    screen = screen_factory("breathe resonance --minutes 1")
    screen.wait_for("(Enter to skip)")
    screen.keys("7", "Enter")
    screen.wait_for("kind are you being")
    screen.keys("Enter")
    screen.wait_for("Breathe in")
    screen.keys("Space")
    paused = screen.wait_for("Paused", timeout=5)
    assert "Space carries on" in paused
    left = [line for line in paused.splitlines() if "left" in line]
    time.sleep(1.5)
    assert [line for line in screen.text().splitlines() if "left" in line] == left
    screen.keys("Space")
    screen.wait_for("Space pauses", timeout=5)
    screen.keys("q")
    asked = screen.wait_for("Would you like to keep a note of this session?")
    assert "You stopped after" in asked
    screen.keys("y", "Enter")
    screen.wait_for("EXITED=0")
    (run_record,) = exported(home)["practice_runs"]
    assert run_record["completed"] is False
    assert run_record["ratings"]["stress_before"] == 7
    assert run_record["ratings"]["kindness_before"] is None


@pytest.mark.slow
@NEEDS_TMUX
def test_guided_practice_on_a_terminal_shows_the_step_and_the_quiet(
    home: Path, screen_factory: Any
) -> None:
    own_practice(home, "short", '[[steps]]\ntext = "Feel your feet on the floor."\npause = 3\n')
    screen = screen_factory("practice short --no-rate")
    screen.wait_for("Feel your feet on the floor.")
    quiet = screen.wait_for("a quiet moment", timeout=10)
    assert "Short" in quiet
    done = screen.wait_for("EXITED=0", timeout=20)
    assert "That's the end of the practice." in done


# --- the voice, through a stand-in sound player -------------------------------------


@pytest.fixture
def fake_player(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A `paplay` on PATH that notes what it was asked to play, then waits to be stopped.

    Each test's player sleeps for its own odd number of seconds, so
    ``_still_playing`` finds only this test's players.
    """
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "played.log"
    script = bin_dir / "paplay"
    seconds = f"600.{uuid.uuid4().int % 10**9:09d}"
    script.write_text(f'#!/bin/sh\necho "$@" >> {log}\nexec sleep {seconds}\n', encoding="utf-8")
    script.chmod(0o755)
    (tmp_path / "sleep-seconds").write_text(seconds, encoding="utf-8")
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return log


def _still_playing(fake_player: Path) -> list[str]:
    seconds = (fake_player.parent / "sleep-seconds").read_text(encoding="utf-8")
    found = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True, check=False)
    return [line for line in found.stdout.splitlines() if line == f"sleep {seconds}"]


@pytest.mark.slow
def test_guided_practice_with_voice_plays_its_rendering_and_stops_the_player(
    home: Path, fake_player: Path
) -> None:
    own_practice(home, "short", '[[steps]]\ncue = "chime"\ntext = "Feel your feet."\npause = 1\n')
    result = run(home, "practice", "short", "--voice")
    assert result.returncode == 0, result.stderr
    (played,) = fake_player.read_text(encoding="utf-8").splitlines()
    wav = Path(played.split()[-1])
    assert wav.is_file()
    assert wav.is_relative_to(home / "audio")
    assert wav.suffix == ".wav"
    assert not _still_playing(fake_player)
    (run_record,) = exported(home)["practice_runs"]
    # The planned length is the rendering's: chime, the real speech, and the quiet.
    assert 1.5 + 1.0 < run_record["planned_seconds"] < 1.5 + 1.0 + 4.0
    assert run_record["completed"] is True


@pytest.mark.slow
def test_breathe_with_voice_speaks_each_phase(home: Path, fake_player: Path) -> None:
    result = run(home, "breathe", "1-1.5", "--cycles", "2", "--voice")
    assert result.returncode == 0, result.stderr
    played = fake_player.read_text(encoding="utf-8").splitlines()
    names = [Path(line.split()[-1]).name.split(".")[0] for line in played]
    assert names == ["inhale", "exhale", "inhale", "exhale"]
    assert not _still_playing(fake_player)


def test_export_audio_writes_a_wav_where_asked(home: Path, tmp_path: Path) -> None:
    own_practice(home, "short", '[[steps]]\ntext = "Feel your feet."\npause = 2\n')
    target = tmp_path / "short.wav"
    result = run(home, "practice", "short", "--export-audio", str(target))
    assert result.returncode == 0, result.stderr
    assert f"Saved the practice as audio in {target}" in result.stdout
    with wave.open(str(target)) as audio:
        seconds = audio.getnframes() / audio.getframerate()
    assert 2.5 < seconds < 6
    wrong = run(home, "practice", "short", "--export-audio", str(tmp_path / "short.mp3"))
    assert wrong.returncode == 1
    assert "needs a file name ending in .wav" in wrong.stderr
