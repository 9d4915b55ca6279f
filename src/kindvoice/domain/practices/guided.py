"""Guided practices and writing exercises, read from ``content/practices/*.toml``.

A practice is a list of timed steps: words to say or show, then a quiet pause of
so many seconds, and optionally a soft chime. A writing exercise is the same,
except that some steps ask the person to write, and the letter exercise keeps
what they wrote in the journal. One file is one practice, so adding a practice is
adding a file; the file's name (without ``.toml``) is the practice's id.

People can add their own practices too, as files of the same shape in the
``practices`` folder of kindvoice's home (``load_own_practices``).

Some practices are for families (issue 8): ``audience = "child"`` with an age
band ``ages = [low, high]``, or ``audience = "parent"`` for a parent's own
track. Without ``audience`` a practice is for adults. ``for_audience`` picks
them out; ``load_practices`` still returns every one.

Files are checked strictly, like the breathing patterns: a mistake raises
``CatalogError`` naming the file and the field, and the test suite reads every
shipped file, so nobody meets a broken practice halfway through.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal

from kindvoice.domain.practices.catalog import (
    CONTENT_FOLDER,
    CONTENT_PACKAGE,
    PATTERN_ID,
    CatalogError,
    folded_text,
    only_known,
)

PracticeKind = Literal["guided", "writing"]
PRACTICE_KINDS: tuple[PracticeKind, ...] = ("guided", "writing")
Cue = Literal["chime"]
CUES: tuple[Cue, ...] = ("chime",)
# Which of the three parts of self-compassion (Neff 2003) a practice works with.
COMPONENTS: tuple[str, ...] = ("mindfulness", "common_humanity", "self_kindness")
# Who a practice is for: grown-ups (the default), children of an age band, or a
# parent looking after themselves as a parent.
Audience = Literal["adult", "child", "parent"]
AUDIENCES: tuple[Audience, ...] = ("adult", "child", "parent")
MIN_CHILD_AGE = 3
MAX_CHILD_AGE = 17

PRACTICES_FOLDER = "practices"
MAX_NAME_LENGTH = 60
MAX_SUMMARY_LENGTH = 140
MAX_DESCRIPTION_LENGTH = 800
MAX_STEP_TEXT_LENGTH = 600
MAX_PROMPT_LENGTH = 200
MAX_PAUSE_SECONDS = 300.0
MAX_STEPS = 60
# A writing step waits for the person, however long that takes; in audio and in
# a timed run it is given this much quiet unless the file says otherwise.
MAX_TOTAL_PAUSE_SECONDS = 45 * 60.0
# How long a soft chime cue lasts, in audio and in the terminal's timing.
CHIME_SECONDS = 1.5
# Without a voice, steps stay on screen for the time it takes to read them
# slowly, at about this many words a minute, and never less than MIN_SAY_SECONDS.
UNHURRIED_WORDS_PER_MINUTE = 110
MIN_SAY_SECONDS = 2.0

PRACTICE_KEYS = frozenset(
    {
        "name",
        "kind",
        "summary",
        "description",
        "components",
        "saves_to_journal",
        "steps",
        "audience",
        "ages",
    }
)
STEP_KEYS = frozenset({"text", "pause", "cue", "write", "show_writing"})

GUIDED_REASONS: tuple[str, ...] = (
    "no_steps",
    "too_many_steps",
    "unknown_cue",
    "unknown_kind",
    "unknown_component",
    "not_a_number",
    "not_finite",
    "too_short",
    "too_long",
    "write_in_guided",  # a writing step in a practice that isn't a writing exercise
    "needs_write",  # a writing exercise with nothing to write
    "saves_without_write",
    "total_too_long",
    "unknown_audience",
    "ages_not_for_audience",  # an age band on a practice that isn't for children
    "age_out_of_range",  # an age outside 3 to 17
    "ages_reversed",  # the first age is above the second
)


@dataclass(frozen=True)
class Step:
    """One moment of a practice: ``text`` is said, then ``pause_s`` seconds of quiet.

    ``cue`` is a soft sound before the words ("chime"), or None. ``write`` is the
    short label of what the person writes at this step (writing exercises only),
    or None when nothing is written. ``show_writing`` shows the person what they
    have written so far, after the words (writing exercises only).
    """

    text: str
    pause_s: float = 0.0
    cue: Cue | None = None
    write: str | None = None
    show_writing: bool = False


@dataclass(frozen=True)
class Practice:
    """A guided practice or writing exercise, as shipped in a content file."""

    id: str
    name: str
    kind: PracticeKind
    summary: str
    description: str
    components: tuple[str, ...]
    steps: tuple[Step, ...]
    saves_to_journal: bool = False
    audience: Audience = "adult"
    # For children's practices: the youngest and oldest age it is written for.
    ages: tuple[int, int] | None = None

    def suits_age(self, age: int) -> bool:
        """Whether ``age`` is inside this practice's age band (never, without one)."""
        return self.ages is not None and self.ages[0] <= age <= self.ages[1]

    @property
    def pause_seconds(self) -> float:
        """All the scripted quiet, in seconds (speech not included)."""
        return math.fsum(step.pause_s for step in self.steps)

    @property
    def writing_steps(self) -> tuple[Step, ...]:
        return tuple(step for step in self.steps if step.write is not None)

    @property
    def word_count(self) -> int:
        return sum(len(step.text.split()) for step in self.steps)


@dataclass(frozen=True)
class TimedStep:
    """A step placed in time: the chime (if any) starts at ``start``, the words at
    ``speech_start``, the quiet at ``pause_start``, and the step ends at ``end``."""

    index: int
    step: Step
    start: float
    speech_start: float
    pause_start: float
    end: float


def unhurried_seconds(text: str) -> float:
    """About how long ``text`` takes to read or say slowly, in seconds."""
    words = len(text.split())
    return max(MIN_SAY_SECONDS, words * 60.0 / UNHURRIED_WORDS_PER_MINUTE)


def timeline(
    practice: Practice,
    speech_seconds: Callable[[Step], float] | None = None,
) -> tuple[TimedStep, ...]:
    """Every step of ``practice`` placed in time from 0.

    ``speech_seconds`` says how long a step's words take (the real length of the
    spoken audio, when there is a voice); without it, the unhurried reading time.
    The pauses are always exactly as written.
    """
    measure = speech_seconds or (lambda step: unhurried_seconds(step.text))
    placed: list[TimedStep] = []
    now = 0.0
    for index, step in enumerate(practice.steps):
        speech_start = now + (CHIME_SECONDS if step.cue == "chime" else 0.0)
        pause_start = speech_start + measure(step)
        end = pause_start + step.pause_s
        placed.append(TimedStep(index, step, now, speech_start, pause_start, end))
        now = end
    return tuple(placed)


def parse_practice(text: str, practice_id: str, source: str) -> Practice:
    """The practice in ``text`` (TOML read from ``source``), checked.

    Raises CatalogError at the first mistake, naming ``source`` and the field.
    """
    if not PATTERN_ID.fullmatch(practice_id) or len(practice_id) > MAX_NAME_LENGTH:
        raise CatalogError(source, "", "bad_id", practice_id)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise CatalogError(source, "", "not_toml", str(error)) from error
    only_known(data, PRACTICE_KEYS, "", source)
    name = folded_text(data, "name", MAX_NAME_LENGTH, "", source)
    kind = _choice(data, "kind", PRACTICE_KINDS, "unknown_kind", source)
    summary = folded_text(data, "summary", MAX_SUMMARY_LENGTH, "", source)
    description = folded_text(data, "description", MAX_DESCRIPTION_LENGTH, "", source)
    components = _components(data.get("components"), source)
    saves = data.get("saves_to_journal", False)
    if not isinstance(saves, bool):
        raise CatalogError(source, "saves_to_journal", "wrong_type")
    steps = _steps(data.get("steps"), kind, source)
    if kind == "writing" and not any(step.write for step in steps):
        raise CatalogError(source, "steps", "needs_write")
    if saves and not any(step.write for step in steps):
        raise CatalogError(source, "saves_to_journal", "saves_without_write")
    audience: Audience = "adult"
    if "audience" in data:
        audience = _choice(data, "audience", AUDIENCES, "unknown_audience", source)
    ages = _ages(data.get("ages"), audience, source)
    practice = Practice(
        practice_id,
        name,
        kind,
        summary,
        description,
        components,
        steps,
        saves,
        audience,
        ages,
    )
    if practice.pause_seconds > MAX_TOTAL_PAUSE_SECONDS:
        raise CatalogError(source, "steps", "total_too_long", f"{practice.pause_seconds:g}")
    return practice


@cache
def load_practices() -> tuple[Practice, ...]:
    """Every shipped practice: guided ones first, shortest first, then the writing exercises."""
    folder = files(CONTENT_PACKAGE).joinpath(CONTENT_FOLDER).joinpath(PRACTICES_FOLDER)
    found: list[Practice] = []
    for resource in sorted(folder.iterdir(), key=lambda item: item.name):
        if not resource.name.endswith(".toml"):
            continue
        practice_id = resource.name.removesuffix(".toml")
        source = f"{CONTENT_FOLDER}/{PRACTICES_FOLDER}/{resource.name}"
        found.append(parse_practice(resource.read_text(encoding="utf-8"), practice_id, source))
    return _in_order(found)


def for_audience(audience: Audience, age: int | None = None) -> tuple[Practice, ...]:
    """The shipped practices for ``audience``, in the usual order.

    For children, ``age`` keeps only those whose age band holds it; without it,
    every children's practice. ``age`` is ignored for the other audiences.
    """
    chosen = (p for p in load_practices() if p.audience == audience)
    if audience == "child" and age is not None:
        return tuple(p for p in chosen if p.suits_age(age))
    return tuple(chosen)


def load_own_practices(folder: Path) -> tuple[Practice, ...]:
    """The practices a person keeps in ``folder`` (``*.toml``), checked like shipped ones.

    A missing folder holds none. A file whose id is taken by a shipped practice,
    or that can't be read as UTF-8 text, raises CatalogError naming it.
    """
    if not folder.is_dir():
        return ()
    shipped = {practice.id for practice in load_practices()}
    found: list[Practice] = []
    for path in sorted(folder.glob("*.toml")):
        practice_id = path.name.removesuffix(".toml")
        if practice_id in shipped:
            raise CatalogError(str(path.absolute()), "", "reserved_id", practice_id)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CatalogError(
                str(path.absolute()), "", "unreadable", type(error).__name__
            ) from error
        found.append(parse_practice(text, practice_id, str(path.absolute())))
    return _in_order(found)


def practice_ids() -> tuple[str, ...]:
    return tuple(practice.id for practice in load_practices())


def find_practice(practice_id: str, own: Iterable[Practice] = ()) -> Practice | None:
    """The practice with this id (any case; spaces or underscores as dashes), or None.

    Shipped practices are looked at first, then ``own``.
    """
    wanted = "-".join(practice_id.strip().lower().replace("_", " ").split())
    return next((p for p in (*load_practices(), *own) if p.id == wanted), None)


def _in_order(found: Iterable[Practice]) -> tuple[Practice, ...]:
    return tuple(
        sorted(found, key=lambda p: (PRACTICE_KINDS.index(p.kind), timeline(p)[-1].end, p.id))
    )


def _ages(raw: object, audience: Audience, source: str) -> tuple[int, int] | None:
    if raw is None:
        if audience == "child":
            raise CatalogError(source, "ages", "missing")
        return None
    if audience != "child":
        raise CatalogError(source, "ages", "ages_not_for_audience", audience)
    if (
        not isinstance(raw, list)
        or len(raw) != 2
        or not all(isinstance(age, int) and not isinstance(age, bool) for age in raw)
    ):
        raise CatalogError(source, "ages", "wrong_type")
    low, high = raw
    for index, age in enumerate(raw):
        if not MIN_CHILD_AGE <= age <= MAX_CHILD_AGE:
            raise CatalogError(source, f"ages[{index}]", "age_out_of_range", str(age))
    if low > high:
        raise CatalogError(source, "ages", "ages_reversed", f"{low} > {high}")
    return (low, high)


def _components(raw: object, source: str) -> tuple[str, ...]:
    if raw is None:
        raise CatalogError(source, "components", "missing")
    if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
        raise CatalogError(source, "components", "wrong_type")
    if not raw:
        raise CatalogError(source, "components", "empty")
    for index, item in enumerate(raw):
        if item not in COMPONENTS:
            raise CatalogError(source, f"components[{index}]", "unknown_component", item)
    return tuple(dict.fromkeys(raw))


def _steps(raw: object, kind: PracticeKind, source: str) -> tuple[Step, ...]:
    if raw is None:
        raise CatalogError(source, "steps", "missing")
    if not isinstance(raw, list):
        raise CatalogError(source, "steps", "wrong_type")
    if not raw:
        raise CatalogError(source, "steps", "no_steps")
    if len(raw) > MAX_STEPS:
        raise CatalogError(source, "steps", "too_many_steps", str(len(raw)))
    return tuple(_step(item, kind, f"steps[{index}]", source) for index, item in enumerate(raw))


def _step(raw: object, kind: PracticeKind, where: str, source: str) -> Step:
    if not isinstance(raw, dict):
        raise CatalogError(source, where, "wrong_type")
    only_known(raw, STEP_KEYS, where, source)
    text = folded_text(raw, "text", MAX_STEP_TEXT_LENGTH, where, source)
    pause = raw.get("pause", 0)
    if isinstance(pause, bool) or not isinstance(pause, int | float):
        raise CatalogError(source, f"{where}.pause", "not_a_number")
    if not math.isfinite(pause):
        raise CatalogError(source, f"{where}.pause", "not_finite")
    if pause < 0:
        raise CatalogError(source, f"{where}.pause", "too_short", f"{pause:g}")
    if pause > MAX_PAUSE_SECONDS:
        raise CatalogError(source, f"{where}.pause", "too_long", f"{pause:g}")
    cue = raw.get("cue")
    if cue is not None and cue not in CUES:
        raise CatalogError(source, f"{where}.cue", "unknown_cue", str(cue))
    write = raw.get("write")
    if write is not None:
        if kind != "writing":
            raise CatalogError(source, f"{where}.write", "write_in_guided")
        write = folded_text(raw, "write", MAX_PROMPT_LENGTH, where, source)
    show = raw.get("show_writing", False)
    if not isinstance(show, bool):
        raise CatalogError(source, f"{where}.show_writing", "wrong_type")
    if show and kind != "writing":
        raise CatalogError(source, f"{where}.show_writing", "write_in_guided")
    return Step(text, float(pause), cue, write, show)


def _choice(
    table: dict[str, Any], key: str, allowed: Iterable[str], reason: str, source: str
) -> Any:
    value = table.get(key)
    if value is None:
        raise CatalogError(source, key, "missing")
    if not isinstance(value, str):
        raise CatalogError(source, key, "wrong_type")
    if value not in tuple(allowed):
        raise CatalogError(source, key, reason, value)
    return value
