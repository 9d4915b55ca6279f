"""Everything kindvoice says reads easily, and children's scripts read more easily still.

The reading grade is the Flesch–Kincaid grade from textstat (a test-only tool,
with its syllable data installed alongside it, so nothing is fetched). Each
check prints what it measured, so `pytest -s` shows every grade.
"""

from __future__ import annotations

import re

import pytest

textstat = pytest.importorskip("textstat", reason="the reading-level checks need textstat")

from kindvoice.domain.practices.guided import Practice, load_practices  # noqa: E402
from kindvoice.domain.program.course import load_course  # noqa: E402
from kindvoice.interfaces import messages as m  # noqa: E402

ADULT_MAX_GRADE = 8.0
CHILD_MAX_GRADE = 4.0  # scripts for children up to 12, read aloud by a grown-up
TEEN_MAX_GRADE = 6.0
# Statements about the reader, not the critic: "you always", "you never".
ABSOLUTES = re.compile(r"\byou(?:'re| are)? (?:always|never)\b", re.I)


def grade(text: str) -> float:
    return float(textstat.flesch_kincaid_grade(text))


def spoken(practice: Practice) -> str:
    return " ".join(step.text for step in practice.steps)


def limit_for(practice: Practice) -> float:
    if practice.audience == "child" and practice.ages is not None:
        return TEEN_MAX_GRADE if practice.ages[0] >= 13 else CHILD_MAX_GRADE
    return ADULT_MAX_GRADE


@pytest.mark.parametrize("practice", load_practices(), ids=lambda p: p.id)
def test_every_practice_reads_at_its_audiences_level(practice: Practice) -> None:
    found = grade(spoken(practice))
    print(f"{practice.id}: {practice.audience}, grade {found:.2f}")
    assert found <= limit_for(practice), (practice.id, found)


def test_every_program_week_reads_easily() -> None:
    for week in load_course():
        texts = [week.intro, week.core.text, week.daily.text, week.reflection]
        if week.deeper is not None:
            texts.append(week.deeper.text)
        found = grade(" ".join(texts))
        print(f"week {week.number}: grade {found:.2f}")
        assert found <= ADULT_MAX_GRADE, (week.number, found)


def _catalog_text(catalog: dict[str, str]) -> str:
    """The catalog as running text: commands and placeholders read as one short word."""
    sentences = []
    for value in catalog.values():
        text = re.sub(r"`[^`]*`|\{[^}]*\}", "it", value).strip()
        sentences.append(text if text.endswith((".", "?", ":")) else text + ".")
    return " ".join(sentences)


@pytest.mark.parametrize("name", ["HELP", "MESSAGES", "ERRORS", "PROBLEMS"])
def test_the_interface_text_reads_easily(name: str) -> None:
    found = grade(_catalog_text(getattr(m, name)))
    print(f"{name}: grade {found:.2f}")
    assert found <= ADULT_MAX_GRADE


def test_nothing_tells_the_reader_what_they_always_or_never_do() -> None:
    texts = {f"practice {p.id}": spoken(p) for p in load_practices()}
    texts |= {f"week {w.number}": w.intro + " " + w.reflection for w in load_course()}
    for name in ("HELP", "MESSAGES", "ERRORS", "PROBLEMS"):
        texts |= {f"{name}.{key}": value for key, value in getattr(m, name).items()}
    found = {key: text for key, text in texts.items() if ABSOLUTES.search(text)}
    assert not found, found


def test_the_absolutes_check_can_fail() -> None:
    assert ABSOLUTES.search("You always mess this up.")
    assert ABSOLUTES.search("you're never on time")
    assert not ABSOLUTES.search("Your critic may say you're useless.")
