"""The insights, one pure function each: numbers and enums, never sentences.

Every result carries ``n`` (the data points behind it) and ``enough``: False when
there is too little to say anything, with the minimum in a named constant; then
the estimates are None, never guesses. Counts (what happened) are always given.
A point's calendar day is ``at.date()``, the date where it happened; weeks are ISO
weeks starting on Monday; a window of ``weeks`` weeks ends with the week holding
``today`` and leaves out anything after ``today``.

Setbacks: reactivity and recovery
---------------------------------
- **Daily mood**: one value per day, the mean of that day's check-ins. Days
  without a check-in are simply absent, never filled in.
- **Baseline** for day *d*: the median of the daily moods in the 28 days before
  *d* (*d* itself left out). It needs at least 7 such days; otherwise *d* has no
  baseline and no setback can start on it.
- **Band**: half-width = max(1.0, 1.4826 × MAD of those same days), where MAD is
  the median absolute deviation from their median.
- **A setback starts** on a day whose mood is below baseline − half-width *and*
  at least 2 points below the baseline. Its baseline and band are frozen at that
  day.
- **It lasts** while the following days with data stay below the frozen
  baseline − half-width: consecutive days below the band belong to the same
  setback, however many days without data lie between them.
- **Reactivity** = the frozen baseline − the lowest daily mood in the setback.
- **Recovery time** = calendar days from the setback's first day to the first
  later day with data whose mood is back at or above the frozen baseline −
  half-width. That day ends the setback and cannot start a new one; the next
  setback can start from the day after.
- **Ongoing**: a setback not yet recovered by the last day with data has no
  recovery time and is counted apart.
- **By month** (the calendar month where a setback started): how many started
  (ongoing included), how many are ongoing, the mean reactivity and the median
  recovery days of the recovered ones. The trends of monthly reactivity and
  recovery need at least 3 months with recovered setbacks.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from kindvoice.domain.insights.inputs import CheckInPoint, EntryPoint, ReframePoint, SessionPoint
from kindvoice.domain.insights.stats import (
    MAD_TO_SD,
    Difference,
    Interval,
    Spread,
    Trend,
    mean_ci95,
    rolling_median,
    trend,
    welch_ci95,
)
from kindvoice.domain.program.habits import DayMark

MIN_WEEKS_FOR_TREND = 4
"""Weeks with at least one judged entry before the critic's weekly trend is given."""
SHARE_FLAT_BAND = 0.10
"""A share's trend is flat when it changes by under 10 percentage points across its span."""

MIN_ENTRIES_FOR_MIX = 5
"""Entries with a trap in the window before trap shares are given."""
MIN_ENTRIES_PER_HALF = 5
"""Entries with a trap in each half of the window before the change in the mix is given."""

MIN_REFRAMES_FOR_BELIEF = 5
"""Reframes with both belief numbers before the mean drop in belief is given."""

BASELINE_DAYS = 28
"""The days before a day whose moods make its baseline."""
MIN_BASELINE_DAYS = 7
"""Days with data among those before a day has a baseline."""
MIN_HALF_WIDTH = 1.0
"""The narrowest band around the baseline, in mood points."""
MIN_SETBACK_DROP = 2.0
"""How far below the baseline, at least, a setback's first day is (mood points)."""
MIN_MONTHS_FOR_TREND = 3
"""Months with recovered setbacks before the trends of reactivity and recovery are given."""
REACTIVITY_FLAT_BAND = 0.5
"""Reactivity's trend is flat when it changes by under half a mood point across its span."""
RECOVERY_FLAT_BAND = 1.0
"""Recovery's trend is flat when it changes by under a day across its span."""

MIN_SESSIONS_FOR_CHANGE = 5
"""Sessions with a rating both before and after before the change in that rating is given."""
MIN_DAYS_EACH_SIDE = 5
"""Days with check-ins, with and without practice each, before their moods are compared."""

MIN_DAYS_FOR_ADHERENCE = 1
"""Program days counted before a rate is given: a share of days is a count, not an estimate."""

SESSION_KINDS: tuple[str, ...] = ("breathing", "guided", "writing")
"""The kinds of practice, as ``practice_runs.PRACTICE_KINDS`` (written out so that the
insights don't load the checks for recording a run)."""

_WEEK = timedelta(weeks=1)
_DAY = timedelta(days=1)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _window_start(today: date, weeks: int) -> date:
    """The Monday that starts a window of ``weeks`` ISO weeks ending with today's week."""
    if weeks < 1:
        raise ValueError(f"A window needs at least one week, not {weeks}.")
    return _monday(today) - _WEEK * (weeks - 1)


def _daily_moods(checkins: Iterable[CheckInPoint], today: date | None = None) -> dict[date, float]:
    """One mood per day: the mean of that day's check-ins (days after ``today`` left out)."""
    totals: dict[date, list[int]] = defaultdict(list)
    for point in checkins:
        day = point.at.date()
        if today is None or day <= today:
            totals[day].append(point.mood)
    return {day: sum(moods) / len(moods) for day, moods in totals.items()}


# --- the critic's frequency ---------------------------------------------------------


@dataclass(frozen=True)
class CriticWeek:
    """One ISO week: entries, those with a verdict, the self-critical ones and their share."""

    week_start: date
    entries: int
    judged: int
    self_critical: int
    share: float | None  # self_critical / judged; None for a week without verdicts


@dataclass(frozen=True)
class CriticFrequency:
    """How often entries sounded self-critical, week by week.

    ``n`` is the entries with a verdict in the window; ``share`` their self-critical
    share overall (None without any). ``enough`` and ``trend`` concern the trend of
    the weekly share over the weeks with verdicts (``MIN_WEEKS_FOR_TREND``).
    """

    weeks: tuple[CriticWeek, ...]  # every week of the window, oldest first
    n: int
    share: float | None
    weeks_with_verdicts: int
    enough: bool
    trend: Trend | None


def critic_frequency(
    entries: Iterable[EntryPoint], today: date, weeks: int = 12
) -> CriticFrequency:
    """The weekly share of self-critical entries over the last ``weeks`` ISO weeks, and its trend.

    An entry without a verdict counts in ``entries`` but not in the share. The trend
    (Theil–Sen, flat within ``SHARE_FLAT_BAND``) runs over the weeks with verdicts.
    """
    first = _window_start(today, weeks)
    counts = [[0, 0, 0] for _ in range(weeks)]  # entries, judged, self-critical
    for entry in entries:
        day = entry.at.date()
        if first <= day <= today:
            week = counts[(day - first).days // 7]
            week[0] += 1
            if entry.self_critical is not None:
                week[1] += 1
                week[2] += entry.self_critical
    rows = tuple(
        CriticWeek(
            week_start=first + _WEEK * index,
            entries=total,
            judged=judged,
            self_critical=critical,
            share=critical / judged if judged else None,
        )
        for index, (total, judged, critical) in enumerate(counts)
    )
    judged_weeks = [row for row in rows if row.share is not None]
    judged_total = sum(row.judged for row in rows)
    critical_total = sum(row.self_critical for row in rows)
    enough = len(judged_weeks) >= MIN_WEEKS_FOR_TREND
    weekly_trend = None
    if enough:
        weekly_trend = trend(
            [row.week_start.toordinal() for row in judged_weeks],
            [row.share for row in judged_weeks if row.share is not None],
            SHARE_FLAT_BAND,
        )
    return CriticFrequency(
        weeks=rows,
        n=judged_total,
        share=critical_total / judged_total if judged_total else None,
        weeks_with_verdicts=len(judged_weeks),
        enough=enough,
        trend=weekly_trend,
    )


# --- the mix of thinking traps --------------------------------------------------------


@dataclass(frozen=True)
class TrapShare:
    """One trap: how many entries showed it and its share of all trap mentions.

    ``earlier_share`` and ``later_share`` are its shares in each half of the window,
    ``change`` the later minus the earlier; None unless both halves have enough.
    """

    trap: str
    count: int
    share: float | None
    earlier_share: float | None
    later_share: float | None
    change: float | None


@dataclass(frozen=True)
class TrapMix:
    """Which traps showed up over the window, most common first, and how the mix moved.

    ``n`` is the entries with at least one trap, ``mentions`` the traps counted (an
    entry counts each of its traps once). ``enough`` concerns the shares
    (``MIN_ENTRIES_FOR_MIX``), ``change_enough`` the halves (``MIN_ENTRIES_PER_HALF``
    entries with a trap in each). The later half starts on ``later_from``.
    """

    traps: tuple[TrapShare, ...]
    n: int
    mentions: int
    enough: bool
    later_from: date
    earlier_n: int
    later_n: int
    change_enough: bool


def trap_mix(entries: Iterable[EntryPoint], today: date, weeks: int = 12) -> TrapMix:
    """Counts and shares of each trap over the last ``weeks`` ISO weeks, earlier half vs later.

    The earlier half is the first ``weeks // 2`` weeks of the window, the later half
    the rest. Shares are of trap mentions, so each half's shares add up to 1.
    """
    first = _window_start(today, weeks)
    later_from = first + _WEEK * (weeks // 2)
    earlier: Counter[str] = Counter()
    later: Counter[str] = Counter()
    earlier_n = later_n = 0
    for entry in entries:
        day = entry.at.date()
        traps = set(entry.traps)
        if not traps or not first <= day <= today:
            continue
        if day < later_from:
            earlier.update(traps)
            earlier_n += 1
        else:
            later.update(traps)
            later_n += 1
    total = earlier + later
    mentions = total.total()
    n = earlier_n + later_n
    enough = n >= MIN_ENTRIES_FOR_MIX
    change_enough = min(earlier_n, later_n) >= MIN_ENTRIES_PER_HALF
    earlier_mentions, later_mentions = earlier.total(), later.total()
    rows = []
    for trap, count in sorted(total.items(), key=lambda item: (-item[1], item[0])):
        before = earlier[trap] / earlier_mentions if change_enough else None
        after = later[trap] / later_mentions if change_enough else None
        rows.append(
            TrapShare(
                trap=trap,
                count=count,
                share=count / mentions if enough else None,
                earlier_share=before,
                later_share=after,
                change=after - before if after is not None and before is not None else None,
            )
        )
    return TrapMix(
        traps=tuple(rows),
        n=n,
        mentions=mentions,
        enough=enough,
        later_from=later_from,
        earlier_n=earlier_n,
        later_n=later_n,
        change_enough=change_enough,
    )


# --- how believable the old thought stays ---------------------------------------------


@dataclass(frozen=True)
class Believability:
    """The drop in belief in the original thought after reframing (before − after, 0–100).

    ``n`` is the reframes with both numbers; ``without_both`` those missing one.
    ``drop`` is their mean with a 95% interval (``MIN_REFRAMES_FOR_BELIEF``).
    """

    n: int
    without_both: int
    enough: bool
    drop: Interval | None


def reframe_believability(reframes: Iterable[ReframePoint]) -> Believability:
    """The mean drop in belief (before − after) over reframes with both numbers, with its
    95% Student's t interval. Positive means the thought was believed less afterwards."""
    drops: list[float] = []
    without_both = 0
    for reframe in reframes:
        if reframe.belief_before is None or reframe.belief_after is None:
            without_both += 1
        else:
            drops.append(reframe.belief_before - reframe.belief_after)
    enough = len(drops) >= MIN_REFRAMES_FOR_BELIEF
    return Believability(
        n=len(drops),
        without_both=without_both,
        enough=enough,
        drop=mean_ci95(drops) if enough else None,
    )


# --- setbacks: reactivity and recovery --------------------------------------------------


@dataclass(frozen=True)
class Setback:
    """One setback, as defined in the module docstring.

    ``baseline`` and ``half_width`` are frozen at ``start``; ``days_below`` counts the
    days with data in the setback; ``recovered_on`` and ``recovery_days`` are None
    while it is ``ongoing``.
    """

    start: date
    baseline: float
    half_width: float
    lowest: float
    reactivity: float
    days_below: int
    recovered_on: date | None
    recovery_days: int | None
    ongoing: bool


@dataclass(frozen=True)
class MonthSetbacks:
    """One calendar month (``month`` is its first day), from the first month with data
    to the last. ``count`` is the setbacks that started in it, ``ongoing`` included;
    the mean reactivity and median recovery are of its recovered setbacks (None
    without any)."""

    month: date
    days_with_data: int
    count: int
    ongoing: int
    mean_reactivity: float | None
    median_recovery_days: float | None


@dataclass(frozen=True)
class SetbackReport:
    """Setbacks and recovery over all the mood data up to today.

    ``n`` is the days with a mood. ``enough`` is False when no day had a baseline
    (``MIN_BASELINE_DAYS`` days with data in the ``BASELINE_DAYS`` before it); then
    ``setbacks`` and ``months`` are empty. The trends need ``MIN_MONTHS_FOR_TREND``
    months with recovered setbacks (``trend_enough``).
    """

    setbacks: tuple[Setback, ...]
    months: tuple[MonthSetbacks, ...]
    n: int
    enough: bool
    recovered: int
    ongoing: int
    months_with_recoveries: int
    trend_enough: bool
    reactivity_trend: Trend | None
    recovery_trend: Trend | None


def setbacks(checkins: Iterable[CheckInPoint], today: date) -> SetbackReport:
    """Find the setbacks in the daily moods up to ``today`` and how quickly mood came back.

    The exact definition is in the module docstring (and ``docs/insights.md``).
    """
    moods_by_day = _daily_moods(checkins, today)
    days = sorted(moods_by_day)
    moods = [moods_by_day[day] for day in days]
    spreads = rolling_median(
        [day.toordinal() for day in days], moods, BASELINE_DAYS, MIN_BASELINE_DAYS
    )
    found = _find_setbacks(days, moods, spreads)
    enough = any(spread is not None for spread in spreads)
    if not enough:
        return SetbackReport(
            setbacks=(),
            months=(),
            n=len(days),
            enough=False,
            recovered=0,
            ongoing=0,
            months_with_recoveries=0,
            trend_enough=False,
            reactivity_trend=None,
            recovery_trend=None,
        )
    months = _by_month(days, found)
    xs: list[float] = []
    reactivities: list[float] = []
    recoveries: list[float] = []
    for month in months:
        if month.mean_reactivity is not None and month.median_recovery_days is not None:
            xs.append(month.month.toordinal())
            reactivities.append(month.mean_reactivity)
            recoveries.append(month.median_recovery_days)
    trend_enough = len(xs) >= MIN_MONTHS_FOR_TREND
    reactivity_trend = recovery_trend = None
    if trend_enough:
        reactivity_trend = trend(xs, reactivities, REACTIVITY_FLAT_BAND)
        recovery_trend = trend(xs, recoveries, RECOVERY_FLAT_BAND)
    ongoing = sum(setback.ongoing for setback in found)
    return SetbackReport(
        setbacks=tuple(found),
        months=months,
        n=len(days),
        enough=True,
        recovered=len(found) - ongoing,
        ongoing=ongoing,
        months_with_recoveries=len(xs),
        trend_enough=trend_enough,
        reactivity_trend=reactivity_trend,
        recovery_trend=recovery_trend,
    )


def _find_setbacks(
    days: Sequence[date], moods: Sequence[float], spreads: Sequence[Spread | None]
) -> list[Setback]:
    found: list[Setback] = []
    start = -1  # index of the current setback's first day; -1 when none
    baseline = half_width = lowest = 0.0
    for index, mood in enumerate(moods):
        if start >= 0:
            if mood < baseline - half_width:
                lowest = min(lowest, mood)
                continue
            found.append(_setback(days, start, index, baseline, half_width, lowest))
            start = -1
            continue  # the day of recovery does not start a new setback
        spread = spreads[index]
        if spread is None:
            continue
        width = max(MIN_HALF_WIDTH, MAD_TO_SD * spread.mad)
        if mood < spread.median - width and spread.median - mood >= MIN_SETBACK_DROP:
            start, baseline, half_width, lowest = index, spread.median, width, mood
    if start >= 0:
        found.append(_setback(days, start, len(days), baseline, half_width, lowest))
    return found


def _setback(
    days: Sequence[date],
    start: int,
    end: int,
    baseline: float,
    half_width: float,
    lowest: float,
) -> Setback:
    """The setback from ``days[start]``; ``end`` is the index of the recovery day
    (``len(days)`` when it is still ongoing)."""
    recovered_on = days[end] if end < len(days) else None
    return Setback(
        start=days[start],
        baseline=baseline,
        half_width=half_width,
        lowest=lowest,
        reactivity=baseline - lowest,
        days_below=end - start,
        recovered_on=recovered_on,
        recovery_days=None if recovered_on is None else (recovered_on - days[start]).days,
        ongoing=recovered_on is None,
    )


def _month_of(day: date) -> date:
    return day.replace(day=1)


def _by_month(days: Sequence[date], found: Sequence[Setback]) -> tuple[MonthSetbacks, ...]:
    data_days: Counter[date] = Counter(_month_of(day) for day in days)
    started: dict[date, list[Setback]] = defaultdict(list)
    for setback in found:
        started[_month_of(setback.start)].append(setback)
    rows = []
    month = _month_of(days[0])
    last = _month_of(days[-1])
    while month <= last:
        here = started.get(month, [])
        recovered = [s for s in here if not s.ongoing]
        recovery_days = [s.recovery_days for s in recovered if s.recovery_days is not None]
        rows.append(
            MonthSetbacks(
                month=month,
                days_with_data=data_days[month],
                count=len(here),
                ongoing=len(here) - len(recovered),
                mean_reactivity=(
                    statistics.fmean(s.reactivity for s in recovered) if recovered else None
                ),
                median_recovery_days=(
                    float(statistics.median(recovery_days)) if recovery_days else None
                ),
            )
        )
        month = (month + timedelta(days=32)).replace(day=1)
    return tuple(rows)


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
        _daily_moods(checkins), {session.at.date() for session in all_sessions}
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
    first_window_day = _window_start(today, weeks)
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
            day += _DAY
    rows = tuple(
        AdherenceWeek(
            week_start=first_window_day + _WEEK * index,
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
