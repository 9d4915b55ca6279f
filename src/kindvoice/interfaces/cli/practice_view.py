"""Drawing practices in the terminal: the breath, the steps, and the plain fallback.

Everything here only draws. The timing lives in ``domain.practices`` (the pacer's
schedule, a guided practice's timeline) and the loops in ``practice_cmds``; the
functions below take a moment of those and return something Rich can show, or
one plain line for a terminal that can't redraw.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from rich.align import Align
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from kindvoice.domain.practices.guided import Practice, TimedStep
from kindvoice.domain.practices.pacer import PhaseState
from kindvoice.domain.practices.patterns import Pattern, Phase
from kindvoice.interfaces import messages as m
from kindvoice.interfaces.cli.render import ACCENT, SOFT

BREATH_WIDTH = 41  # the widest the breath bar grows, in cells (odd: it grows from a centre)
# How full the lungs are drawn at the end of the first in-breath of a double inhale;
# the top-up fills the rest.
TOP_UP_SHARE = 0.8
BREATH_STYLE = "medium_purple3"
QUIET_STYLE = "grey50"


def phase_word(phase: Phase) -> str:
    """The word shown (and spoken) for a phase: "Breathe in", "Hold", …"""
    return m.say("breathe.top_up" if phase.top_up else f"breathe.{phase.kind}")


def fullness(phases: Sequence[Phase], state: PhaseState) -> float:
    """How full the breath is drawn at ``state``: 0 empty, 1 full.

    An in-breath rises, an out-breath falls, holds keep their level. A double
    inhale rises to TOP_UP_SHARE, and the top-up fills the rest.
    """
    phase = state.phase
    progress = _ease(state.phase_fraction)
    followed_by_top_up = (
        phase.kind == "inhale"
        and not phase.top_up
        and phases[(state.step + 1) % len(phases)].top_up
    )
    if phase.kind == "inhale":
        if phase.top_up:
            return TOP_UP_SHARE + (1 - TOP_UP_SHARE) * progress
        return (TOP_UP_SHARE if followed_by_top_up else 1.0) * progress
    if phase.kind == "exhale":
        return 1.0 - progress
    return 1.0 if phase.kind == "hold_full" else 0.0


def _ease(fraction: float) -> float:
    """Soft at both ends, like a real breath (a half cosine)."""
    return (1 - math.cos(math.pi * min(max(fraction, 0.0), 1.0))) / 2


def breath_bar(level: float, width: int = BREATH_WIDTH) -> Text:
    """A bar that grows from the centre outwards as the breath fills."""
    cells = round(level * (width - 1) / 2) * 2 + 1  # always odd, so it stays centred
    cells = max(1, min(width, cells))
    margin = (width - cells) // 2
    bar = Text(" " * margin)
    bar.append("█" * cells, style=BREATH_STYLE)
    bar.append(" " * margin)
    return bar


def clock_text(seconds: float) -> str:
    """``1:05`` for 65 seconds (rounded up: the screen never shows 0:00 too early)."""
    whole = max(0, math.ceil(seconds - 1e-9))
    return f"{whole // 60}:{whole % 60:02d}"


def _session_bar(fraction: float, left: float) -> Table:
    grid = Table.grid(expand=True, padding=(0, 1))
    grid.add_column(ratio=1)
    grid.add_column(no_wrap=True, justify="right")
    grid.add_row(
        ProgressBar(total=1.0, completed=fraction, complete_style=ACCENT, style="grey23"),
        Text(m.say("practice.left", time=clock_text(left)), style=SOFT),
    )
    return grid


def _keys_hint(paused: bool, keys: bool) -> Text:
    if not keys:
        return Text(m.say("practice.stop_hint_no_keys"), style=SOFT, justify="center")
    key = "practice.paused_hint" if paused else "practice.keys_hint"
    return Text(m.say(key), style=SOFT, justify="center")


def breath_screen(
    pattern: Pattern,
    state: PhaseState,
    total: float,
    *,
    paused: bool,
    keys: bool,
    title: str,
) -> RenderableType:
    """The breathing view: the breath bar, the phase word, its countdown, the session."""
    level = fullness(pattern.phases, state)
    word = m.say("practice.paused") if paused else phase_word(state.phase)
    countdown = "" if paused else str(max(1, math.ceil(state.seconds_left - 1e-9)))
    body = Group(
        Text(""),
        Align.center(breath_bar(level)),
        Text(""),
        Text(word, style=f"bold {ACCENT}", justify="center"),
        Text(countdown, style=SOFT, justify="center"),
        Text(""),
        _session_bar(state.session_fraction, total - state.elapsed),
        _keys_hint(paused, keys),
    )
    return Panel(body, title=title, title_align="left", border_style=ACCENT, padding=(0, 2))


def phase_line(state: PhaseState) -> str:
    """The plain fallback: one line as each phase starts."""
    seconds = format(state.phase.seconds, "g")
    return m.say("breathe.plain_line", word=phase_word(state.phase), seconds=seconds)


def step_screen(
    practice: Practice,
    step: TimedStep,
    elapsed: float,
    total: float,
    *,
    paused: bool,
    keys: bool,
) -> RenderableType:
    """A guided practice: the words of the current step, then a quiet countdown."""
    in_pause = elapsed >= step.pause_start and step.step.pause_s > 0
    body_parts: list[RenderableType] = [Text("")]
    words = Text(step.step.text, justify="center")
    if in_pause:
        words.stylize(SOFT)
    body_parts.append(words)
    body_parts.append(Text(""))
    if paused:
        body_parts.append(Text(m.say("practice.paused"), style=f"bold {ACCENT}", justify="center"))
    elif in_pause:
        quiet = m.say("practice.quiet", time=clock_text(step.end - elapsed))
        body_parts.append(Text(quiet, style=QUIET_STYLE, justify="center"))
    else:
        body_parts.append(Text(""))
    body_parts.append(Text(""))
    body_parts.append(_session_bar(min(elapsed / total, 1.0) if total else 1.0, total - elapsed))
    body_parts.append(_keys_hint(paused, keys))
    return Panel(
        Group(*body_parts),
        title=practice.name,
        title_align="left",
        border_style=ACCENT,
        padding=(0, 2),
    )


def step_lines(step: TimedStep) -> list[str]:
    """The plain fallback for a step: its words, then how long the quiet lasts."""
    lines = [step.step.text]
    if step.step.pause_s > 0:
        lines.append(m.say("practice.plain_quiet", seconds=format(round(step.step.pause_s), "d")))
    return lines


def minutes_label(seconds: float) -> str:
    minutes = max(1, round(seconds / 60))
    return m.say("practice.minutes", minutes=minutes)
