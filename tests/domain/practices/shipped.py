"""What the shipped breathing patterns are, written out by hand for the tests to check."""

from __future__ import annotations

# Each phase: kind, seconds, top-up.
SHIPPED: dict[str, tuple[tuple[str, float, bool], ...]] = {
    "gentle": (("inhale", 3, False), ("exhale", 4, False)),
    "balloon": (("inhale", 3, False), ("exhale", 4, False)),
    "resonance": (("inhale", 5.5, False), ("exhale", 5.5, False)),
    "box": (
        ("inhale", 4, False),
        ("hold_full", 4, False),
        ("exhale", 4, False),
        ("hold_empty", 4, False),
    ),
    "cyclic-sighing": (("inhale", 2, False), ("inhale", 1, True), ("exhale", 6, False)),
    "4-7-8": (("inhale", 4, False), ("hold_full", 7, False), ("exhale", 8, False)),
}

# Where each phase of the first cycle starts, then where the cycle ends.
FIRST_CYCLE: dict[str, tuple[float, ...]] = {
    "gentle": (0, 3, 7),
    "balloon": (0, 3, 7),
    "resonance": (0, 5.5, 11),
    "box": (0, 4, 8, 12, 16),
    "cyclic-sighing": (0, 2, 3, 9),
    "4-7-8": (0, 4, 11, 19),
}

# Whole cycles for 1, 5 and 10 minutes: the nearest count, a half rounding up.
CYCLES_FOR_MINUTES: dict[str, dict[float, int]] = {
    "gentle": {1: 9, 5: 43, 10: 86},  # 7 s a cycle: 8.57, 42.86, 85.71
    "balloon": {1: 9, 5: 43, 10: 86},  # the same 7 s cycle as gentle
    "resonance": {1: 5, 5: 27, 10: 55},  # 11 s: 5.45, 27.27, 54.55
    "box": {1: 4, 5: 19, 10: 38},  # 16 s: 3.75, 18.75, 37.5
    "cyclic-sighing": {1: 7, 5: 33, 10: 67},  # 9 s: 6.67, 33.33, 66.67
    "4-7-8": {1: 3, 5: 16, 10: 32},  # 19 s: 3.16, 15.79, 31.58
}

IDS = sorted(SHIPPED)
