"""Insights from the journal: how often the critic spoke up, the thinking traps, and
how much kinder answers loosened the old thought. Numbers and enums, never sentences."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from kindvoice.domain.insights.common import WEEK, window_start
from kindvoice.domain.insights.inputs import EntryPoint, ReframePoint
from kindvoice.domain.insights.stats import Interval, Trend, mean_ci95, trend

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
    first = window_start(today, weeks)
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
            week_start=first + WEEK * index,
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
    first = window_start(today, weeks)
    later_from = first + WEEK * (weeks // 2)
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
