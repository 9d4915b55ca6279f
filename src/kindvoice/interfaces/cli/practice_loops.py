"""The loops that run a practice in time: breathing, guided steps, and writing.

They only wait and draw. Every instant comes from the domain (the pacer's
schedule, a practice's timeline), followed on the monotonic clock through a
``Stopwatch``, so pauses and late wake-ups never add drift. A terminal that can
redraw gets a Rich live view; any other output gets one plain line as each phase
or step begins.
"""

from __future__ import annotations

import bisect
import signal
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from rich.text import Text

from kindvoice.domain.practices.guided import Practice, Step, TimedStep
from kindvoice.domain.practices.pacer import PacerSession, Schedule, Stopwatch
from kindvoice.interfaces import messages as m
from kindvoice.interfaces.cli import practice_view as view
from kindvoice.interfaces.cli import render
from kindvoice.interfaces.cli.keys import PAUSE_KEYS, STOP_KEYS, KeyReader

if TYPE_CHECKING:
    from kindvoice.interfaces.cli.practice_voice import Voice

FRAME_SECONDS = 1 / 20  # how often the live view redraws the breath
PLAIN_NAP_SECONDS = 0.25  # the longest wait when no change is due


@dataclass
class Outcome:
    """How a practice went: seconds practised, whether it ran to the end."""

    practised_s: float
    completed: bool
    answers: list[tuple[str, str]] = field(default_factory=list)


def run_breath(schedule: Schedule, *, title: str, voice: Voice | None, bell: bool) -> Outcome:
    """Pace ``schedule`` until it ends or the person stops."""
    session = PacerSession(schedule)
    pattern = schedule.pattern
    cues = voice.cues() if voice is not None and voice.player is not None else None
    last = -1

    def announce() -> None:
        nonlocal last
        state = session.state()
        if state.index == last or state.finished:
            return
        last = state.index
        if bell:
            ring()
        if cues is not None and voice is not None:
            voice.clip(cues["top_up" if state.phase.top_up else state.phase.kind])
        if not live:
            render.info(view.phase_line(state))

    live = can_redraw()
    try:
        with KeyReader(enabled=live) as keys:
            if live:
                from rich.live import Live

                def frame() -> Any:
                    return view.breath_screen(
                        pattern,
                        session.state(),
                        schedule.total,
                        paused=session.paused,
                        keys=keys.enabled,
                        title=title,
                    )

                with Live(
                    frame(), console=render.out, auto_refresh=False, transient=True
                ) as screen:
                    stopped = follow(
                        session,
                        session.next_change_at,
                        announce,
                        keys,
                        live=True,
                        draw=lambda: screen.update(frame(), refresh=True),
                    )
            else:
                stopped = follow(session, session.next_change_at, announce, keys, live=False)
    finally:
        if voice is not None:
            voice.stop()
    return Outcome(session.elapsed(), session.finished and not stopped)


def follow(
    watch: Stopwatch,
    next_change_at: Callable[[], float | None],
    announce: Callable[[], None],
    keys: KeyReader,
    *,
    live: bool,
    draw: Callable[[], None] | None = None,
    on_pause: Callable[[bool], None] | None = None,
    finished: Callable[[], bool] | None = None,
) -> bool:
    """Follow a practice until it ends; True when the person stopped it early.

    Waits until the next change (or the next frame when drawing live), so every
    change is drawn at the instant the schedule gives, never a sleep's sum.
    """
    is_done = finished or (lambda: watch.limit is not None and watch.elapsed() >= watch.limit)
    try:
        while True:
            announce()
            if draw is not None:
                draw()
            if is_done():
                return False
            now = time.monotonic()
            change = next_change_at()
            if live:
                deadline = (
                    now + FRAME_SECONDS if change is None else min(change, now + FRAME_SECONDS)
                )
            else:
                deadline = now + PLAIN_NAP_SECONDS if change is None else change
            pressed = keys.wait(deadline - now)
            if any(key in STOP_KEYS for key in pressed):
                return True
            if any(key in PAUSE_KEYS for key in pressed):
                if watch.paused:
                    watch.resume()
                else:
                    watch.pause()
                if on_pause is not None:
                    on_pause(watch.paused)
    except KeyboardInterrupt:
        return True


def can_redraw() -> bool:
    console = render.out
    return console.is_terminal and not console.is_dumb_terminal


def ring() -> None:
    if render.out.is_terminal:
        sys.stdout.write("\a")
        sys.stdout.flush()


def run_guided(
    practice: Practice,
    timeline: Sequence[TimedStep],
    *,
    voice: Voice | None,
    audio: Path | None,
    bell: bool,
) -> Outcome:
    """Show each step of ``practice`` when ``timeline`` says, with its audio if given."""
    total = timeline[-1].end
    watch = Stopwatch(limit=total)
    starts = [step.start for step in timeline]
    # The moments something changes on screen: each step's start and the start of its quiet.
    changes = sorted({t for step in timeline for t in (step.start, step.pause_start)} | {total})
    player_process = voice.play(audio) if voice is not None and audio is not None else None
    last = -1
    live = can_redraw()

    def current() -> TimedStep:
        index = max(0, bisect.bisect_right(starts, watch.elapsed()) - 1)
        return timeline[index]

    def announce() -> None:
        nonlocal last
        step = current()
        if step.index == last or watch.elapsed() >= total:
            return
        last = step.index
        if bell and step.step.cue == "chime" and player_process is None:
            ring()
        if not live:
            for line in view.step_lines(step):
                render.info(line)
            render.info("")

    def next_change_at() -> float | None:
        elapsed = watch.elapsed()
        position = bisect.bisect_right(changes, elapsed)
        if position >= len(changes):
            return None
        return watch.instant_of(changes[position])

    def on_pause(paused: bool) -> None:
        if player_process is not None and player_process.poll() is None:
            player_process.send_signal(signal.SIGSTOP if paused else signal.SIGCONT)

    try:
        with KeyReader(enabled=live) as keys:
            if live:
                from rich.live import Live

                def frame() -> Any:
                    return view.step_screen(
                        practice,
                        current(),
                        watch.elapsed(),
                        total,
                        paused=watch.paused,
                        keys=keys.enabled,
                    )

                with Live(
                    frame(), console=render.out, auto_refresh=False, transient=True
                ) as screen:
                    stopped = follow(
                        watch,
                        next_change_at,
                        announce,
                        keys,
                        live=True,
                        draw=lambda: screen.update(frame(), refresh=True),
                        on_pause=on_pause,
                    )
            else:
                stopped = follow(watch, next_change_at, announce, keys, live=False)
    finally:
        if voice is not None:
            voice.stop(player_process)
    practised = watch.elapsed()
    return Outcome(practised, practised >= total and not stopped)


# --- writing exercises --------------------------------------------------------


def run_writing(
    practice: Practice, needs_support: Callable[[str], bool], voice: Voice | None = None
) -> Outcome:
    """Walk through a writing exercise; every answer is kept, even after Ctrl-C.

    Each answer passes the crisis screen as soon as it's written. When it finds
    crisis language, the exercise ends there with support, and what was written
    is still kept.
    """
    started = time.monotonic()
    outcome = Outcome(0.0, completed=False)
    interactive = render.is_interactive()
    clips = voice.step_clips(practice) if voice is not None and voice.player is not None else None
    try:
        for index, step in enumerate(practice.steps):
            render.out.print()
            render.paragraph(step.text)
            if clips is not None and voice is not None:
                voice.clip(clips[index])
            if step.show_writing and outcome.answers:
                show_writing(practice, outcome.answers)
            if step.write is None:
                if interactive and step.pause_s:
                    linger(step.pause_s)
                continue
            answer = read_answer(step, interactive)
            if answer:
                outcome.answers.append((step.write, answer))
                if needs_support(answer):
                    break
        else:
            outcome.completed = True
    except (KeyboardInterrupt, EOFError, click.Abort):
        render.out.print()
        render.note(m.say("practice.stopped_writing"))
    finally:
        if voice is not None:
            voice.stop()
    outcome.practised_s = time.monotonic() - started
    return outcome


def show_writing(practice: Practice, answers: Sequence[tuple[str, str]]) -> None:
    from rich.panel import Panel

    body = Text("\n\n".join(answer for _, answer in answers))
    render.out.print(Panel(body, title=practice.name, border_style=render.ACCENT, padding=(1, 2)))


def linger(seconds: float) -> None:
    """A quiet moment between steps; Enter moves on sooner."""
    render.note(m.say("practice.linger"))
    with KeyReader() as keys:
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            pressed = keys.wait(left)
            if "\n" in pressed or "\r" in pressed or any(k in STOP_KEYS for k in pressed):
                break


def read_answer(step: Step, interactive: bool) -> str:
    if interactive:
        render.note(m.say("practice.write_hint", label=step.write))
    lines: list[str] = []
    while True:
        line = sys.stdin.readline()
        if not line:  # end of input
            break
        text = line.rstrip("\r\n")
        if not text.strip():
            if lines:
                break
            if interactive:
                render.note(m.say("practice.write_skip"))
                break
            continue
        lines.append(text)
    return "\n".join(lines).strip()
