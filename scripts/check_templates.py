"""Which reframe templates the engine itself mishears, checked on training thoughts only.

Every suggestion kindvoice offers must read as kind to its own engine: not self-critical,
not crisis language. When the model is retrained its sense of "harsh" moves, so run this
after every retrain and reword any template it lists. It fills each template with the
person's words found in *training* thoughts (never held-out ones, which
evaluate_nlp.py keeps for the final figures) and prints how often each one is misheard.

    python scripts/check_templates.py [--thoughts 120]
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator

from nlp_data import critic_items, trap_items

from kindvoice.domain.nlp.analyzer import analyze
from kindvoice.domain.nlp.heads import load_heads
from kindvoice.domain.nlp.reframe import _slots
from kindvoice.domain.nlp.reframe_templates import CORE_TEMPLATES, GENERIC_EVENT, TRAP_TEMPLATES
from kindvoice.domain.nlp.specifics import extract_specifics


def fillings(limit: int) -> list[dict[str, str]]:
    """Slot values from the first ``limit`` training thoughts that name an event or label."""
    found: list[dict[str, str]] = [dict(GENERIC_EVENT)]
    for item in critic_items() + trap_items():
        if item.split != "train":
            continue
        specifics = extract_specifics(item.text)
        if specifics.event or specifics.labels:
            found.append(_slots(specifics, "")[0])
        if len(found) > limit:
            break
    return found


def templates() -> Iterator[tuple[str, str]]:
    for component, texts in CORE_TEMPLATES.items():
        for text in texts:
            yield component, text
    for trap, options in TRAP_TEMPLATES.items():
        for option in options:
            yield trap, option.text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--thoughts", type=int, default=120, help="training thoughts to use")
    args = parser.parse_args()
    threshold = load_heads().critic.thresholds[0]
    fills = fillings(args.thoughts)
    misheard = 0
    for where, template in templates():
        harsh = crisis = tried = 0
        for slots in fills:
            try:
                text = template.format(**slots)
            except KeyError:
                continue  # this template needs a word the thought didn't have
            tried += 1
            analysis = analyze(text)
            harsh += analysis.critic_probability >= threshold
            crisis += analysis.is_crisis
        if harsh or crisis:
            misheard += 1
            print(
                f"{harsh:4d} self-critical {crisis:4d} crisis of {tried:4d}  [{where}] {template}"
            )
    print(f"{misheard} templates misheard at least once, with {len(fills)} fillings each")


if __name__ == "__main__":
    main()
