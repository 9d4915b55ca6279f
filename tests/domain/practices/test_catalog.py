"""The shipped breathing patterns load, read kindly, and a broken file says where it broke."""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

import pytest

from kindvoice.domain.practices.catalog import (
    CATALOG_REASONS,
    CatalogError,
    find_pattern,
    load_patterns,
    parse_catalog,
    pattern_ids,
)
from kindvoice.domain.practices.pacer import make_schedule
from kindvoice.domain.practices.patterns import PATTERN_REASONS, Pattern

SOURCE = "broken.toml"
PHASES = """phases = [
  { kind = "inhale", seconds = 4 },
  { kind = "exhale", seconds = 6 },
]"""
GOOD = f"""
[patterns.calm]
name = "Calm"
description = "A slow breath."
{PHASES}
"""
# Words that hurry, scold or promise; DESIGN.md asks for none of them.
UNKIND = re.compile(r"!|\b(just|should|must|cure|cures|heal|heals|treat|treats|guarantee)\b", re.I)


def test_catalog_every_shipped_pattern_loads() -> None:
    patterns = load_patterns()
    assert len(patterns) >= 5
    assert len(set(pattern_ids())) == len(patterns)
    for pattern in patterns:
        assert isinstance(pattern, Pattern)
        assert pattern.name
        assert pattern.description
        assert make_schedule(pattern, minutes=5).total > 0
    assert [p.id for p in patterns if p.gentle] == ["gentle", "balloon"]


def test_catalog_shipped_words_are_gentle() -> None:
    for pattern in load_patterns():
        for text in (pattern.name, pattern.description):
            assert not UNKIND.search(text), (pattern.id, text)
            assert "  " not in text
            assert not text.startswith(" ")


def test_catalog_file_ships_inside_the_package() -> None:
    resource = files("kindvoice.domain.practices").joinpath("content").joinpath("breathing.toml")
    assert resource.is_file()
    assert parse_catalog(resource.read_text(encoding="utf-8"), "copy.toml") == load_patterns()


def test_catalog_finds_patterns_by_id() -> None:
    box = find_pattern(" BOX ")
    assert box is not None
    assert box.id == "box"
    assert find_pattern("4-7-8") is not None
    assert find_pattern("custom") is None
    assert find_pattern("nothing-like-it") is None


def test_catalog_reads_a_good_file() -> None:
    (calm,) = parse_catalog(GOOD, SOURCE)
    assert (calm.id, calm.name, calm.description, calm.gentle) == (
        "calm",
        "Calm",
        "A slow breath.",
        False,
    )
    assert [p.seconds for p in calm.phases] == [4.0, 6.0]


def pattern_with(body: str, pattern_id: str = "calm") -> str:
    return f"[patterns.{pattern_id}]\n{body}\n"


NAMED = 'name = "Calm"\ndescription = "A slow breath."\n'


def phases(*rows: str) -> str:
    return NAMED + "phases = [\n" + "".join(f"  {row},\n" for row in rows) + "]"


IN4 = '{ kind = "inhale", seconds = 4 }'
OUT6 = '{ kind = "exhale", seconds = 6 }'


@pytest.mark.parametrize(
    ("text", "field", "reason"),
    [
        ("", "patterns", "missing"),
        ("patterns = 3", "patterns", "wrong_type"),
        ("[patterns]", "patterns", "empty"),
        ('title = "x"\n' + GOOD, "title", "unknown_field"),
        ("[patterns]\ncalm = 3", "patterns.calm", "wrong_type"),
        (pattern_with(NAMED + PHASES, "Calm"), "patterns.Calm", "bad_id"),
        (pattern_with(NAMED + PHASES, "calm--down"), "patterns.calm--down", "bad_id"),
        (pattern_with(NAMED + PHASES, "custom"), "patterns.custom", "reserved_id"),
        (
            pattern_with('description = "A slow breath."\n' + PHASES),
            "patterns.calm.name",
            "missing",
        ),
        (
            pattern_with('name = 3\ndescription = "x"\n' + PHASES),
            "patterns.calm.name",
            "wrong_type",
        ),
        (pattern_with('name = "  "\ndescription = "x"\n' + PHASES), "patterns.calm.name", "empty"),
        (
            pattern_with(f'name = "Calm"\ndescription = "{"a" * 601}"\n' + PHASES),
            "patterns.calm.description",
            "too_long",
        ),
        (pattern_with(NAMED + 'gentle = "yes"\n' + PHASES), "patterns.calm.gentle", "wrong_type"),
        (pattern_with(NAMED + "colour = 1\n" + PHASES), "patterns.calm.colour", "unknown_field"),
        (pattern_with(NAMED), "patterns.calm.phases", "missing"),
        (pattern_with(NAMED + 'phases = "4-6"'), "patterns.calm.phases", "wrong_type"),
        (pattern_with(NAMED + "phases = []"), "patterns.calm.phases", "no_phases"),
        (pattern_with(phases(IN4, "4")), "patterns.calm.phases[1]", "wrong_type"),
        (pattern_with(phases(IN4, "{ seconds = 6 }")), "patterns.calm.phases[1].kind", "missing"),
        (
            pattern_with(phases(IN4, '{ kind = "exhale" }')),
            "patterns.calm.phases[1].seconds",
            "missing",
        ),
        (
            pattern_with(phases(IN4, '{ kind = "breathe", seconds = 6 }')),
            "patterns.calm.phases[1].kind",
            "unknown_kind",
        ),
        (
            pattern_with(phases(IN4, "{ kind = 2, seconds = 6 }")),
            "patterns.calm.phases[1].kind",
            "wrong_type",
        ),
        (
            pattern_with(phases(IN4, '{ kind = "exhale", seconds = "6" }')),
            "patterns.calm.phases[1].seconds",
            "wrong_type",
        ),
        (
            pattern_with(phases(IN4, '{ kind = "exhale", seconds = true }')),
            "patterns.calm.phases[1].seconds",
            "wrong_type",
        ),
        (
            pattern_with(phases('{ kind = "inhale", seconds = 0 }', OUT6)),
            "patterns.calm.phases[0].seconds",
            "too_short",
        ),
        (
            pattern_with(phases('{ kind = "inhale", seconds = -4 }', OUT6)),
            "patterns.calm.phases[0].seconds",
            "too_short",
        ),
        (
            pattern_with(phases(IN4, '{ kind = "exhale", seconds = nan }')),
            "patterns.calm.phases[1].seconds",
            "not_finite",
        ),
        (
            pattern_with(phases(IN4, '{ kind = "exhale", seconds = inf }')),
            "patterns.calm.phases[1].seconds",
            "not_finite",
        ),
        (
            pattern_with(phases(IN4, '{ kind = "exhale", seconds = 61 }')),
            "patterns.calm.phases[1].seconds",
            "too_long",
        ),
        (
            pattern_with(phases(IN4, '{ kind = "exhale", seconds = 6, secs = 6 }')),
            "patterns.calm.phases[1].secs",
            "unknown_field",
        ),
        (
            pattern_with(phases(IN4, '{ kind = "exhale", seconds = 6, top_up = 1 }')),
            "patterns.calm.phases[1].top_up",
            "wrong_type",
        ),
        (
            pattern_with(phases(IN4, '{ kind = "exhale", seconds = 6, top_up = true }')),
            "patterns.calm.phases[1].top_up",
            "top_up_not_inhale",
        ),
        (
            pattern_with(phases('{ kind = "inhale", seconds = 1, top_up = true }', OUT6)),
            "patterns.calm.phases[0]",
            "top_up_alone",
        ),
        (pattern_with(phases(IN4, IN4)), "patterns.calm.phases", "needs_exhale"),
        (pattern_with(phases(*[IN4, OUT6] * 5)), "patterns.calm.phases", "too_many_phases"),
        (
            pattern_with(
                "gentle = true\n" + phases(IN4, '{ kind = "hold_full", seconds = 4 }', OUT6)
            ),
            "patterns.calm.phases[1]",
            "not_gentle",
        ),
    ],
)
def test_catalog_mistakes_name_the_file_and_field(text: str, field: str, reason: str) -> None:
    with pytest.raises(CatalogError) as caught:
        parse_catalog(text, SOURCE)
    error = caught.value
    assert (error.source, error.field, error.reason) == (SOURCE, field, reason)
    assert str(error).startswith(f"{SOURCE}: {field}: {reason}")
    assert reason in CATALOG_REASONS + PATTERN_REASONS
    assert isinstance(error, ValueError)


def test_catalog_toml_syntax_errors_say_where(tmp_path: Path) -> None:
    path = tmp_path / "breathing.toml"
    path.write_text(GOOD + "\n[patterns.second\nname = 'x'\n", encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        parse_catalog(path.read_text(encoding="utf-8"), str(path))
    error = caught.value
    assert (error.source, error.field, error.reason) == (str(path), "", "not_toml")
    assert str(path) in str(error)
    assert "line 10" in error.detail


def test_catalog_a_file_on_disk_reads_like_the_shipped_one(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(GOOD + pattern_with(phases(IN4, OUT6), "second"), encoding="utf-8")
    assert [p.id for p in parse_catalog(path.read_text(encoding="utf-8"), path.name)] == [
        "calm",
        "second",
    ]
    path.write_text(GOOD.replace("seconds = 6", "seconds = 600"), encoding="utf-8")
    with pytest.raises(CatalogError, match=r"^mine\.toml: patterns\.calm\.phases\[1\]\.seconds"):
        parse_catalog(path.read_text(encoding="utf-8"), path.name)
