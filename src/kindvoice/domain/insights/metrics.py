"""The insights, one pure function each: numbers and enums, never sentences.

Every result carries ``n`` (the data points behind it) and ``enough``: False when
there is too little to say anything, with the minimum in a named constant; then
the estimates are None, never guesses. Counts (what happened) are always given.
A point's calendar day is ``at.date()``, the date where it happened; weeks are ISO
weeks starting on Monday; a window of ``weeks`` weeks ends with the week holding
``today`` and leaves out anything after ``today``.

The functions live by subject: ``journal_metrics`` (the critic, thinking traps,
kinder answers), ``setbacks`` (reactivity and recovery, with the exact definition)
and ``practice_metrics`` (what helps, program adherence). This module gathers
them in one place for the services.
"""

from __future__ import annotations

from kindvoice.domain.insights.journal_metrics import (
    MIN_ENTRIES_FOR_MIX,
    MIN_ENTRIES_PER_HALF,
    MIN_REFRAMES_FOR_BELIEF,
    MIN_WEEKS_FOR_TREND,
    SHARE_FLAT_BAND,
    Believability,
    CriticFrequency,
    CriticWeek,
    TrapMix,
    TrapShare,
    critic_frequency,
    reframe_believability,
    trap_mix,
)
from kindvoice.domain.insights.practice_metrics import (
    MIN_DAYS_EACH_SIDE,
    MIN_DAYS_FOR_ADHERENCE,
    MIN_SESSIONS_FOR_CHANGE,
    SESSION_KINDS,
    Adherence,
    AdherenceWeek,
    MoodOnPracticeDays,
    PracticeEffect,
    RatingChange,
    WhatHelps,
    adherence,
    what_helps,
)
from kindvoice.domain.insights.setbacks import (
    BASELINE_DAYS,
    MIN_BASELINE_DAYS,
    MIN_HALF_WIDTH,
    MIN_MONTHS_FOR_TREND,
    MIN_SETBACK_DROP,
    REACTIVITY_FLAT_BAND,
    RECOVERY_FLAT_BAND,
    MonthSetbacks,
    Setback,
    SetbackReport,
    setbacks,
)

__all__ = [
    "BASELINE_DAYS",
    "MIN_BASELINE_DAYS",
    "MIN_DAYS_EACH_SIDE",
    "MIN_DAYS_FOR_ADHERENCE",
    "MIN_ENTRIES_FOR_MIX",
    "MIN_ENTRIES_PER_HALF",
    "MIN_HALF_WIDTH",
    "MIN_MONTHS_FOR_TREND",
    "MIN_REFRAMES_FOR_BELIEF",
    "MIN_SESSIONS_FOR_CHANGE",
    "MIN_SETBACK_DROP",
    "MIN_WEEKS_FOR_TREND",
    "REACTIVITY_FLAT_BAND",
    "RECOVERY_FLAT_BAND",
    "SESSION_KINDS",
    "SHARE_FLAT_BAND",
    "Adherence",
    "AdherenceWeek",
    "Believability",
    "CriticFrequency",
    "CriticWeek",
    "MonthSetbacks",
    "MoodOnPracticeDays",
    "PracticeEffect",
    "RatingChange",
    "Setback",
    "SetbackReport",
    "TrapMix",
    "TrapShare",
    "WhatHelps",
    "adherence",
    "critic_frequency",
    "reframe_believability",
    "setbacks",
    "trap_mix",
    "what_helps",
]
