"""Insights from practice: what changed around sessions, mood on practice days, and
how steady the program has been. Numbers and enums, never sentences."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from kindvoice.domain.insights.common import DAY, WEEK, daily_moods, window_start
from kindvoice.domain.insights.inputs import CheckInPoint, SessionPoint
from kindvoice.domain.insights.stats import Difference, Interval, mean_ci95, welch_ci95
from kindvoice.domain.program.habits import DayMark

MIN_SESSIONS_FOR_CHANGE = 5
"""Sessions with a rating both before and after before the change in that rating is given."""
MIN_DAYS_EACH_SIDE = 5
"""Days with check-ins, with and without practice each, before their moods are compared."""

MIN_DAYS_FOR_ADHERENCE = 1
"""Program days counted before a rate is given: a share of days is a count, not an estimate."""

SESSION_KINDS: tuple[str, ...] = ("breathing", "guided", "writing")
"""The kinds of practice, as ``practice_runs.PRACTICE_KINDS`` (written out so that the
insights don't load the checks for recording a run)."""


# --- what helps -------------------------------------------------------------------------


@dataclass(frozen=True)
class RatingChange:
    """The change in one rating from before to after a session (after − before, 0–10 scale).

    ``n`` is the sessions with both numbers; ``change`` their mean with a 95%
    interval (``MIN_SESSIONS_FOR_CHANGE``).
    """

    n: int
    enough: bool
    change: Interval | None


@dataclass(frozen=True)
class PracticeEffect:
    """Before and after for one kind of practice (``practice`` None) or one practice."""

    kind: str
    practice: str | None
    sessions: int
    stress: RatingChange
    kindness: RatingChange


@dataclass(frozen=True)
class MoodOnPracticeDays:
    """Mood on days with any practice session against days without, among days with check-ins.

    ``difference`` is mean(with) − mean(without) with Welch's 95% interval; it and
    the means need ``MIN_DAYS_EACH_SIDE`` days on each side.
    """

    days_with: int
    days_without: int
    n: int
    enough: bool
    mean_with: float | None
    mean_without: float | None
    difference: Difference | None


@dataclass(frozen=True)
class WhatHelps:
    """Changes around practice sessions, by kind and by practice, and mood on practice days.

    ``kinds`` always holds breathing, guided and writing, in that order;
    ``practices`` only the practices with enough sessions for at least one rating,
    by kind then id. ``n`` is all sessions; ``enough`` whether any part says something.
    """

    kinds: tuple[PracticeEffect, ...]
    practices: tuple[PracticeEffect, ...]
    mood: MoodOnPracticeDays
    n: int
    enough: bool


def _rating_change(pairs: Sequence[tuple[int | None, int | None]]) -> RatingChange:
    changes = [
        after - before for before, after in pairs if before is not None and after is not None
    ]
    enough = len(changes) >= MIN_SESSIONS_FOR_CHANGE
    return RatingChange(
        n=len(changes), enough=enough, change=mean_ci95(changes) if enough else None
    )


def _effect(kind: str, practice: str | None, group: Sequence[SessionPoint]) -> PracticeEffect:
    return PracticeEffect(
        kind=kind,
        practice=practice,
        sessions=len(group),
        stress=_rating_change([(s.stress_before, s.stress_after) for s in group]),
        kindness=_rating_change([(s.kindness_before, s.kindness_after) for s in group]),
    )


def what_helps(sessions: Iterable[SessionPoint], checkins: Iterable[CheckInPoint]) -> WhatHelps:
    """Before-to-after changes in stress and self-kindness per kind and per practice, and
    daily mood on days with any practice session against days without.

    Every session with both numbers counts, finished or not (leaving out the ones
    stopped early would flatter the practice). Daily mood is the mean of the day's
    check-ins; only days with check-ins are compared.
    """
    all_sessions = list(sessions)
    by_kind: dict[str, list[SessionPoint]] = defaultdict(list)
    by_practice: dict[tuple[str, str], list[SessionPoint]] = defaultdict(list)
    for session in all_sessions:
        by_kind[session.kind].append(session)
        by_practice[(session.kind, session.practice)].append(session)
    kinds = tuple(_effect(kind, None, by_kind.get(kind, [])) for kind in SESSION_KINDS)
    kind_order: dict[str, int] = {kind: index for index, kind in enumerate(SESSION_KINDS)}
    practices = []
    for (kind, practice), group in sorted(
        by_practice.items(),
        key=lambda item: (kind_order.get(item[0][0], len(kind_order)), item[0]),
    ):
        effect = _effect(kind, practice, group)
        if effect.stress.enough or effect.kindness.enough:
            practices.append(effect)
    mood = _mood_on_practice_days(
        daily_moods(checkins), {session.at.date() for session in all_sessions}
    )
    enough = mood.enough or any(
        effect.stress.enough or effect.kindness.enough for effect in (*kinds, *practices)
    )
    return WhatHelps(
        kinds=kinds, practices=tuple(practices), mood=mood, n=len(all_sessions), enough=enough
    )


def _mood_on_practice_days(
    moods: Mapping[date, float], practice_days: set[date]
) -> MoodOnPracticeDays:
    with_practice = [mood for day, mood in moods.items() if day in practice_days]
    without = [mood for day, mood in moods.items() if day not in practice_days]
    enough = min(len(with_practice), len(without)) >= MIN_DAYS_EACH_SIDE
    return MoodOnPracticeDays(
        days_with=len(with_practice),
        days_without=len(without),
        n=len(moods),
        enough=enough,
        mean_with=math.fsum(with_practice) / len(with_practice) if enough else None,
        mean_without=math.fsum(without) / len(without) if enough else None,
        difference=welch_ci95(with_practice, without) if enough else None,
    )


# --- adherence --------------------------------------------------------------------------


@dataclass(frozen=True)
class AdherenceWeek:
    """One ISO week of the program: days done, not done and skipped, and the rate
    done / (done + not done); None when the week has no such day."""

    week_start: date
    done: int
    not_done: int
    skipped: int
    rate: float | None


@dataclass(frozen=True)
class Adherence:
    """Days practised out of the program's days so far, skipped days left out of both.

    ``first_day`` is the program's first marked day (None without marks); ``n`` the
    days counted (done + not done) from it to today (today only once marked);
    ``rate`` done / n. ``weeks`` are the last ISO weeks up to today's, oldest first.
    """

    weeks: tuple[AdherenceWeek, ...]
    first_day: date | None
    n: int
    done: int
    skipped: int
    enough: bool
    rate: float | None


def adherence(days: Mapping[date, DayMark], today: date, weeks: int = 8) -> Adherence:
    """Days practised / days in the program so far, overall and for each of the last
    ``weeks`` ISO weeks.

    The program runs from its first marked day to ``today``; a day in it without a
    mark counts as not done (as habit strength counts it), except ``today`` itself,
    which is still going on and counts only once marked. A skipped day counts
    neither way, and marks after ``today`` are ignored.
    """
    first_window_day = window_start(today, weeks)
    marked = [day for day in days if day <= today]
    first_day = min(marked) if marked else None
    tallies = [Counter[str]() for _ in range(weeks)]
    overall: Counter[str] = Counter()
    if first_day is not None:
        day = first_day
        while day <= today:
            if day == today and day not in days:
                break  # today isn't over: no mark yet is not a day missed
            mark = days.get(day, "not_done")
            kind = mark if mark in {"done", "skipped"} else "not_done"
            overall[kind] += 1
            if day >= first_window_day:
                tallies[(day - first_window_day).days // 7][kind] += 1
            day += DAY
    rows = tuple(
        AdherenceWeek(
            week_start=first_window_day + WEEK * index,
            done=tally["done"],
            not_done=tally["not_done"],
            skipped=tally["skipped"],
            rate=_rate(tally),
        )
        for index, tally in enumerate(tallies)
    )
    n = overall["done"] + overall["not_done"]
    enough = n >= MIN_DAYS_FOR_ADHERENCE
    return Adherence(
        weeks=rows,
        first_day=first_day,
        n=n,
        done=overall["done"],
        skipped=overall["skipped"],
        enough=enough,
        rate=_rate(overall) if enough else None,
    )


def _rate(tally: Counter[str]) -> float | None:
    counted = tally["done"] + tally["not_done"]
    return tally["done"] / counted if counted else None
