"""The 8-week program as content files: every week loads and reads kindly, every mistake named."""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

import pytest

from kindvoice.domain.practices.catalog import CatalogError, pattern_ids
from kindvoice.domain.practices.guided import practice_ids
from kindvoice.domain.program.course import (
    COURSE_REASONS,
    PROGRAM_SOURCE,
    ActivityRef,
    Course,
    Week,
    activity_kind,
    load_course,
    parse_course,
    parse_week,
)

ROOT = Path(__file__).resolve().parents[3]
SOURCE = "week.toml"
THEMES = (
    "Noticing the inner critic",
    "Being with hard moments",
    "Remembering you're not alone",
    "Kindness in words and touch",
    "When things go wrong",
    "A compassionate voice",
    "Caring about what matters",
    "Keeping it going",
)
# Words that hurry, scold, promise or claim to treat; DESIGN.md asks for none of them.
UNKIND = re.compile(
    r"!|\b(just|should|must|cure[sd]?|heal(s|ing)?|treat(s|ed|ing|ment)?|therapy|guarantee[sd]?)\b",
    re.I,
)
# Every intro says, one way or another, that going slowly is fine.
UNHURRIED = re.compile(r"slow|pace|gentl|no hurry|another day", re.I)
GOOD = """
number = 1
theme = "A small week"
intro = "A short introduction."
reflection = "What did you notice?"
sources = ["Neff 2003"]

[core]
practice = "self-compassion-break"
text = "Try the break once."

[daily]
practice = "gentle"
minutes = 2
text = "Two minutes of gentle breathing."

[deeper]
practice = "friend-exercise"
text = "Try the friend exercise."
"""
WITHOUT_CORE = GOOD.replace(
    '[core]\npractice = "self-compassion-break"\ntext = "Try the break once."\n', ""
)


def week_text(number: int) -> str:
    return GOOD.replace("number = 1", f"number = {number}", 1)


def swap(old: str, new: str) -> str:
    assert GOOD.count(old) == 1, old
    return GOOD.replace(old, new)


# --- the shipped program ---------------------------------------------------------------


def test_all_eight_weeks_load() -> None:
    course = load_course()
    assert len(course) == 8
    assert course.days == 56
    assert [week.number for week in course] == list(range(1, 9))
    assert all(course.week(n).number == n for n in range(1, 9))
    assert load_course() is course
    for missing in (0, 9, -1):
        with pytest.raises(IndexError):
            course.week(missing)


def test_the_week_files_ship_inside_the_package() -> None:
    folder = files("kindvoice.domain.program").joinpath("content")
    names = sorted(item.name for item in folder.iterdir() if item.name.endswith(".toml"))
    assert names == sorted(f"week-{n}.toml" for n in range(1, 9))
    copy = {f"copy/{name}": folder.joinpath(name).read_text(encoding="utf-8") for name in names}
    assert parse_course(copy) == load_course()


def test_themes_come_in_order() -> None:
    assert tuple(week.theme for week in load_course()) == THEMES


def test_every_referenced_practice_exists_and_fits_its_place() -> None:
    known = set(practice_ids()) | set(pattern_ids())
    for week in load_course():
        for activity in week.activities:
            assert activity.practice in known, (week.number, activity.practice)
            if activity.kind == "breathing":
                assert activity.minutes is not None
                assert 2 <= activity.minutes <= 5, (week.number, activity)
            else:
                assert activity.minutes is None
        assert week.core.kind in ("guided", "writing")
        assert week.daily.kind == "breathing" or week.daily.practice == "soothing-touch"
        assert week.deeper is not None
        assert week.deeper.practice != week.core.practice


def test_the_core_practices_follow_the_themes() -> None:
    course = load_course()
    assert course.week(1).core.practice == "noting-the-critic"
    assert course.week(2).core.practice in {"affectionate-breathing", "compassionate-body-scan"}
    assert course.week(3).core.practice == "self-compassion-break"
    assert course.week(4).core.practice in {"soothing-touch", "loving-kindness"}
    assert course.week(5).core.practice in {"self-compassion-break", "friend-exercise"}
    assert course.week(6).core.practice in {"compassionate-letter", "friend-exercise"}
    assert course.week(7).core.practice in {"friend-exercise", "loving-kindness"}


@pytest.mark.parametrize("week", load_course().weeks, ids=lambda w: f"week-{w.number}")
def test_every_week_reads_kindly(week: Week) -> None:
    texts = [week.theme, week.intro, week.reflection]
    texts += [activity.text for activity in week.activities]
    for text in texts:
        assert not UNKIND.search(text), (week.number, text)
        assert "  " not in text
        assert text == text.strip()
    assert week.reflection.endswith("?")
    sentences = re.findall(r"[.?](?=\s|$)", week.intro)
    assert 3 <= len(sentences) <= 6, (week.number, len(sentences))
    assert UNHURRIED.search(week.intro), week.number
    for activity in week.activities:
        assert 1 <= len(re.findall(r"[.?:](?=\s|$)", activity.text)) <= 3, activity.text


def test_every_source_is_explained_in_the_evidence_page() -> None:
    evidence = (ROOT / "docs" / "evidence.md").read_text(encoding="utf-8")
    flat = " ".join(evidence.split())
    sources_list = evidence.split("\n## Sources\n", 1)[1]
    entries = [" ".join(entry.split()) for entry in sources_list.split("\n- ")]
    assert "## The 8-week program" in evidence
    assert evidence.index("## The 8-week program") < evidence.index("## Safety and gentle mode")
    keys = {key for week in load_course() for key in week.sources}
    assert keys
    for key in keys:
        authors, year = key.rsplit(" ", 1)
        cited = (f"{authors} {year}", f"{authors} ({year})")
        spelled_out = tuple(c.replace(" & ", " and ") for c in cited)
        assert any(c in flat for c in cited + spelled_out), key
        surname = re.split(r"[ ,]", authors, maxsplit=1)[0]
        assert any(
            entry.lstrip("- ").startswith(f"{surname},") and f"({year})" in entry
            for entry in entries
        ), key


def test_activity_kind_knows_patterns_practices_and_writing() -> None:
    assert activity_kind("gentle") == "breathing"
    assert activity_kind("cyclic-sighing") == "breathing"
    assert activity_kind("soothing-touch") == "guided"
    assert activity_kind("compassionate-letter") == "writing"
    assert not set(pattern_ids()) & set(practice_ids())
    with pytest.raises(KeyError):
        activity_kind("forest-bathing")


# --- reading one week --------------------------------------------------------------------


def test_a_good_week_reads_into_fields() -> None:
    week = parse_week(GOOD, SOURCE)
    assert week == Week(
        number=1,
        theme="A small week",
        intro="A short introduction.",
        core=ActivityRef("self-compassion-break", "Try the break once."),
        daily=ActivityRef("gentle", "Two minutes of gentle breathing.", 2.0),
        reflection="What did you notice?",
        deeper=ActivityRef("friend-exercise", "Try the friend exercise."),
        sources=("Neff 2003",),
    )
    assert week.activities == (week.core, week.daily, week.deeper)


def test_deeper_and_sources_are_optional() -> None:
    text = GOOD.split("[deeper]", maxsplit=1)[0].replace('sources = ["Neff 2003"]\n', "")
    week = parse_week(text, SOURCE)
    assert week.deeper is None
    assert week.sources == ()
    assert week.activities == (week.core, week.daily)


def test_minutes_may_be_left_out_and_any_kind_may_be_daily() -> None:
    text = swap('practice = "gentle"\nminutes = 2\n', 'practice = "soothing-touch"\n')
    assert parse_week(text, SOURCE).daily == ActivityRef(
        "soothing-touch", "Two minutes of gentle breathing."
    )


BROKEN: list[tuple[str, str, str]] = [
    ("number = \n" + GOOD, "", "not_toml"),
    ('colour = "blue"\n' + GOOD, "colour", "unknown_field"),
    (swap("[core]\n", "[core]\nlength = 5\n"), "core.length", "unknown_field"),
    (swap("number = 1\n", ""), "number", "missing"),
    (swap("number = 1\n", 'number = "1"\n'), "number", "wrong_type"),
    (swap("number = 1\n", "number = 1.0\n"), "number", "wrong_type"),
    (swap("number = 1\n", "number = true\n"), "number", "wrong_type"),
    (swap("number = 1\n", "number = 0\n"), "number", "out_of_range"),
    (swap("number = 1\n", "number = 53\n"), "number", "out_of_range"),
    (swap('theme = "A small week"\n', ""), "theme", "missing"),
    (swap('theme = "A small week"', 'theme = "   "'), "theme", "empty"),
    (swap('theme = "A small week"', f'theme = "{"a" * 61}"'), "theme", "too_long"),
    (swap('intro = "A short introduction."', "intro = 3"), "intro", "wrong_type"),
    (swap("A short introduction.", "Words. " * 200), "intro", "too_long"),
    (WITHOUT_CORE, "core", "missing"),
    ('core = "self-compassion-break"\n' + WITHOUT_CORE, "core", "wrong_type"),
    (swap('practice = "self-compassion-break"\n', ""), "core.practice", "missing"),
    (swap('"self-compassion-break"', "3"), "core.practice", "wrong_type"),
    (swap('"self-compassion-break"', '"Self Compassion"'), "core.practice", "bad_id"),
    (swap('"self-compassion-break"', '"forest-bathing"'), "core.practice", "unknown_practice"),
    (swap('"self-compassion-break"', '"gentle"'), "core.practice", "wrong_kind"),
    (swap('text = "Try the break once."\n', ""), "core.text", "missing"),
    (swap("Try the break once.", "Slowly. " * 40), "core.text", "too_long"),
    (
        swap('[daily]\npractice = "gentle"', '[daily]\npractice = "nowhere"'),
        "daily.practice",
        "unknown_practice",
    ),
    (swap("minutes = 2\n", 'minutes = "2"\n'), "daily.minutes", "not_a_number"),
    (swap("minutes = 2\n", "minutes = true\n"), "daily.minutes", "not_a_number"),
    (swap("minutes = 2\n", "minutes = nan\n"), "daily.minutes", "not_finite"),
    (swap("minutes = 2\n", "minutes = inf\n"), "daily.minutes", "not_finite"),
    (swap("minutes = 2\n", "minutes = 0.5\n"), "daily.minutes", "out_of_range"),
    (swap("minutes = 2\n", "minutes = 31\n"), "daily.minutes", "out_of_range"),
    (swap('"friend-exercise"\n', '"resonance"\nminutes = 45\n'), "deeper.minutes", "out_of_range"),
    (
        swap('"friend-exercise"\n', '"friend-exercise"\nminutes = 5\n'),
        "deeper.minutes",
        "minutes_not_breathing",
    ),
    (swap('"friend-exercise"', '"self-compassion-break"'), "deeper.practice", "same_as_core"),
    (swap('"What did you notice?"', f'"What {"a" * 300}?"'), "reflection", "too_long"),
    (swap('"What did you notice?"', '"Notice one thing."'), "reflection", "not_a_question"),
    (swap('reflection = "What did you notice?"\n', ""), "reflection", "missing"),
    (swap('["Neff 2003"]', '"Neff 2003"'), "sources", "wrong_type"),
    (swap('["Neff 2003"]', '["Neff 2003", 2003]'), "sources", "wrong_type"),
    (swap('["Neff 2003"]', '["Neff 2003", " "]'), "sources[1]", "empty"),
    (swap('["Neff 2003"]', '["Neff"]'), "sources[0]", "bad_source"),
    (swap('["Neff 2003"]', '["neff 2003"]'), "sources[0]", "bad_source"),
    (swap('["Neff 2003"]', f'["{"Neff " * 20}2003"]'), "sources[0]", "too_long"),
    (swap('["Neff 2003"]', '["Neff 2003", "Neff  2003"]'), "sources[1]", "duplicate_source"),
]


@pytest.mark.parametrize(("text", "field", "reason"), BROKEN)
def test_a_broken_week_names_the_file_and_the_field(text: str, field: str, reason: str) -> None:
    with pytest.raises(CatalogError) as caught:
        parse_week(text, SOURCE)
    error = caught.value
    assert (error.source, error.field, error.reason) == (SOURCE, field, reason)
    assert SOURCE in str(error)


def test_a_writing_exercise_may_be_the_core() -> None:
    text = swap('"self-compassion-break"', '"compassionate-letter"')
    assert parse_week(text, SOURCE).core.kind == "writing"


def test_a_deeper_table_written_as_text_is_the_wrong_type() -> None:
    text = 'deeper = "friend-exercise"\n' + GOOD.split("[deeper]", maxsplit=1)[0]
    with pytest.raises(CatalogError) as caught:
        parse_week(text, SOURCE)
    assert (caught.value.field, caught.value.reason) == ("deeper", "wrong_type")


# --- putting weeks together --------------------------------------------------------------

COURSE_BROKEN: list[tuple[dict[str, str], str, str, str]] = [
    ({}, PROGRAM_SOURCE, "", "empty"),
    (
        {"week-1.toml": week_text(1), "week-3.toml": week_text(3)},
        "week-3.toml",
        "number",
        "not_consecutive",
    ),
    ({"week-2.toml": week_text(2)}, "week-2.toml", "number", "not_consecutive"),
    ({"week-1.toml": week_text(2)}, "week-1.toml", "number", "number_mismatch"),
    ({"week-01.toml": week_text(1)}, "week-01.toml", "", "bad_file_name"),
    ({"notes.toml": week_text(1)}, "notes.toml", "", "bad_file_name"),
    (
        {"a/week-1.toml": week_text(1), "b/week-1.toml": week_text(1)},
        "b/week-1.toml",
        "number",
        "duplicate_number",
    ),
    (
        {"week-1.toml": week_text(1), "week-2.toml": "number = 2\n"},
        "week-2.toml",
        "theme",
        "missing",
    ),
]


@pytest.mark.parametrize(("texts", "source", "field", "reason"), COURSE_BROKEN)
def test_a_broken_course_names_the_file(
    texts: dict[str, str], source: str, field: str, reason: str
) -> None:
    with pytest.raises(CatalogError) as caught:
        parse_course(texts)
    error = caught.value
    assert (error.source, error.field, error.reason) == (source, field, reason)


def test_a_course_from_strings_is_numbered_in_order() -> None:
    course = parse_course({f"week-{n}.toml": week_text(n) for n in (3, 1, 2)})
    assert [week.number for week in course] == [1, 2, 3]
    assert course.days == 21
    assert course.week(2).number == 2


def test_a_course_out_of_order_cant_be_built() -> None:
    week = parse_week(week_text(2), SOURCE)
    with pytest.raises(ValueError, match="numbered"):
        Course((week,))


def test_every_reason_is_raised_by_some_test() -> None:
    raised = {reason for _, _, reason in BROKEN if reason}
    raised |= {reason for *_, reason in COURSE_BROKEN}
    assert raised == set(COURSE_REASONS)
