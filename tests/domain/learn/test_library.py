"""The Learn library: every piece validates, cites only what docs/evidence.md explains,
keeps kindvoice's voice, and reads at about grade 8 or below."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import textstat

from kindvoice.domain.learn.library import (
    AUDIENCES,
    Piece,
    citations_in,
    find_piece,
    load_library,
    parse_piece,
    piece_ids,
)
from kindvoice.domain.practices.catalog import CatalogError, find_pattern
from kindvoice.domain.practices.guided import find_practice

EVIDENCE = Path(__file__).resolve().parents[3] / "docs" / "evidence.md"
EXPECTED_IDS = {
    "what-self-compassion-is",
    "self-compassion-and-self-esteem",
    "what-the-research-shows",
    "common-barriers",
    "culture-and-self-compassion",
    "the-inner-critic-as-protector",
    "when-to-seek-help",
}
MAX_GRADE = 8.0
WORDS_A_MINUTE = 200

GOOD_FRONT = """+++
title = "A title"
summary = "A short summary."
minutes = 3
audience = "adult"
order = 1
+++
"""
GOOD = GOOD_FRONT + "Some words [Neff 2003].\n"


# --- reference matching -------------------------------------------------------------------

_AUTHOR = re.compile(r"((?:[A-Z][A-Za-z'\-]+ )*[A-Z][A-Za-z'\-]+), (?:[A-Z]\.(?: ?[A-Z]\.)*)")
_ENTRY = re.compile(r"^(?P<authors>.+?) \((?P<year>\d{4})[a-z]?\)\.", re.DOTALL)


def sources_entries(evidence_markdown: str) -> list[str]:
    """The entries of the Sources list, each joined onto one line."""
    _, _, after = evidence_markdown.partition("\n## Sources")
    section = after.split("\n## ", 1)[0]
    entries: list[str] = []
    for line in section.splitlines():
        if line.startswith("- "):
            entries.append(line[2:].strip())
        elif line.startswith("  ") and entries:
            entries[-1] += " " + line.strip()
    return entries


def reference_keys(evidence_markdown: str) -> set[str]:
    """The short citation each reference answers to: "Neff 2003", "Neff & Germer 2013",
    "Ferrari et al. 2019"."""
    keys: set[str] = set()
    for entry in sources_entries(evidence_markdown):
        match = _ENTRY.match(entry)
        assert match, f"a Sources entry without '(year).': {entry[:60]}"
        surnames = _AUTHOR.findall(match["authors"])
        assert surnames, f"no authors found in: {entry[:60]}"
        year = match["year"]
        if len(surnames) == 1:
            keys.add(f"{surnames[0]} {year}")
        elif len(surnames) == 2:
            keys.add(f"{surnames[0]} & {surnames[1]} {year}")
        else:
            keys.add(f"{surnames[0]} et al. {year}")
    return keys


def unreferenced(body: str, keys: set[str]) -> list[str]:
    return [marker for marker in citations_in(body) if marker not in keys]


@pytest.fixture(scope="module")
def keys() -> set[str]:
    return reference_keys(EVIDENCE.read_text(encoding="utf-8"))


def test_reference_keys_read_the_sources_list(keys: set[str]) -> None:
    assert {"Neff 2003", "Neff & Germer 2013", "Ferrari et al. 2019"} <= keys
    assert {"MacBeth & Gumley 2012", "Longe et al. 2010", "Breines & Chen 2012"} <= keys


@pytest.mark.parametrize("piece_id", sorted(EXPECTED_IDS))
def test_every_citation_has_a_reference(piece_id: str, keys: set[str]) -> None:
    piece = find_piece(piece_id)
    assert piece is not None
    assert unreferenced(piece.body, keys) == [], f"{piece_id}: cites what evidence.md lacks"


def test_a_citation_without_a_reference_fails(keys: set[str]) -> None:
    body = "True [Neff 2003]. Made up [Smith & Jones 1999]. Wrong year [Ferrari et al. 2018]."
    assert unreferenced(body, keys) == ["Smith & Jones 1999", "Ferrari et al. 2018"]


# --- the shipped pieces -------------------------------------------------------------------


def test_the_library_holds_the_seven_pieces_in_order() -> None:
    pieces = load_library()
    assert {piece.id for piece in pieces} == EXPECTED_IDS
    assert [piece.order for piece in pieces] == sorted(piece.order for piece in pieces)
    assert len({piece.order for piece in pieces}) == len(pieces)
    assert piece_ids() == tuple(piece.id for piece in pieces)
    assert load_library() is pieces  # read once


@pytest.mark.parametrize("piece", load_library(), ids=lambda piece: piece.id)
def test_every_piece_validates(piece: Piece) -> None:
    assert piece.title
    assert len(piece.title) <= 80
    assert piece.summary
    assert len(piece.summary) <= 200
    assert piece.audience in AUDIENCES
    assert 1 <= piece.minutes <= 10
    words = len(plain_text(piece.body).split())
    assert 450 <= words <= 900, f"{piece.id}: {words} words"
    assert abs(piece.minutes - words / WORDS_A_MINUTE) <= 1, f"{piece.id}: {words} words"


def test_the_research_piece_cites_its_sources_and_no_amygdala_claim() -> None:
    piece = find_piece("what-the-research-shows")
    assert piece is not None
    assert {
        "MacBeth & Gumley 2012",
        "Ferrari et al. 2019",
        "Neff & Germer 2013",
        "Longe et al. 2010",
    } <= set(piece.citations)
    assert "did not report any finding about the amygdala" in piece.body
    assert "−0.54" in piece.body
    assert "does not show" in piece.body or "do not show" in piece.body


def test_when_to_seek_help_points_to_support() -> None:
    piece = find_piece("when-to-seek-help")
    assert piece is not None
    assert "`kindvoice support`" in piece.body
    assert "not therapy" in piece.body


@pytest.mark.parametrize(
    "typed",
    ["what-self-compassion-is", "What Self Compassion Is", " WHAT_SELF_COMPASSION_IS "],
)
def test_find_piece_forgives_case_spaces_and_underscores(typed: str) -> None:
    piece = find_piece(typed)
    assert piece is not None
    assert piece.id == "what-self-compassion-is"


def test_find_piece_unknown_is_none() -> None:
    assert find_piece("no-such-piece") is None


# --- voice ----------------------------------------------------------------------------------

VOICE_RULES = {
    "exclamation mark": re.compile(r"!"),
    "just/should/must": re.compile(r"\b(?:just|should|must)\b", re.IGNORECASE),
    "cure": re.compile(r"\bcur(?:e|es|ed|ing)\b", re.IGNORECASE),
    "you always/never": re.compile(
        r"\byou(?:'ll|'re| will| are| have)? (?:always|never)\b", re.IGNORECASE
    ),
}


def voice_problems(text: str) -> list[str]:
    return [name for name, rule in VOICE_RULES.items() if rule.search(text)]


@pytest.mark.parametrize("piece", load_library(), ids=lambda piece: piece.id)
def test_every_piece_keeps_the_voice(piece: Piece) -> None:
    for part in (piece.title, piece.summary, piece.body):
        problems = voice_problems(part)
        hits = [m.group(0) for rule in VOICE_RULES.values() for m in rule.finditer(part)]
        assert problems == [], f"{piece.id}: {problems} {hits}"


def test_the_voice_check_catches_each_rule() -> None:
    assert voice_problems("Wow!") == ["exclamation mark"]
    assert voice_problems("You should rest.") == ["just/should/must"]
    assert voice_problems("This will cure you.") == ["cure"]
    assert voice_problems("You always mess up.") == ["you always/never"]
    assert voice_problems("Adjust it, if you like.") == []


# --- readability ----------------------------------------------------------------------------


def plain_text(body: str) -> str:
    """The body as prose: no citation markers or Markdown, each line its own sentence."""
    text = re.sub(r"\s?\[[^\]]*\d{4}[a-z]?\]", "", body)
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[`*_]", "", text)
    lines: list[str] = []
    for raw in text.splitlines():
        line = re.sub(r"^\s*(?:#+|[-+]|\d+\.)\s+", "", raw).strip()
        if not line:
            continue
        if line[-1] not in '.?!"”’)':
            line = line.rstrip(":;,") + "."
        lines.append(line)
    return "\n".join(lines)


def grades() -> list[tuple[str, int, float]]:
    return [
        (
            piece.id,
            len(plain_text(piece.body).split()),
            float(textstat.flesch_kincaid_grade(plain_text(piece.body))),
        )
        for piece in load_library()
    ]


def test_plain_text_strips_markers_and_markdown() -> None:
    body = "## A heading\nSome **bold** words [Neff & Germer 2013].\n- an item\n"
    assert plain_text(body) == "A heading.\nSome bold words.\nan item."


def test_every_piece_reads_at_grade_8_or_below() -> None:
    found = grades()
    report = "\n".join(
        f"{pid:34} {words:4d} words  grade {grade:.2f}" for pid, words, grade in found
    )
    print("\nLearn library readability (Flesch–Kincaid grade):\n" + report)
    audiences = {piece.id: piece.audience for piece in load_library()}
    too_hard = [pid for pid, _, grade in found if audiences[pid] in AUDIENCES and grade > MAX_GRADE]
    assert too_hard == [], f"above grade {MAX_GRADE}:\n{report}"


# --- malformed pieces ---------------------------------------------------------------------


def test_a_good_piece_parses() -> None:
    piece = parse_piece(GOOD, "a-piece", "content/a-piece.md")
    assert piece == Piece(
        "a-piece", "A title", "A short summary.", 3, "adult", 1,
        "Some words [Neff 2003].\n", ("Neff 2003",),
    )  # fmt: skip


def test_citations_in_finds_each_marker_once_in_order() -> None:
    body = (
        "A [Neff & Germer 2013]. B [Ferrari et al. 2019]. C [Neff 2003]. "
        "Again [Neff 2003]. A [link](https://example.org) and [a note] are not citations. "
        "Three names [Raes, Pommier, Neff & Van Gucht 2011]."
    )
    assert citations_in(body) == (
        "Neff & Germer 2013",
        "Ferrari et al. 2019",
        "Neff 2003",
        "Raes, Pommier, Neff & Van Gucht 2011",
    )


def _with(line: str, replacing: str | None = None) -> str:
    """GOOD with ``line`` in its front matter, in place of the line starting ``replacing``."""
    front = GOOD_FRONT.splitlines()
    if replacing is not None:
        front = [entry for entry in front if not entry.startswith(replacing)]
    if line:
        front.insert(1, line)
    return "\n".join(front) + "\nSome words.\n"


@pytest.mark.parametrize(
    ("text", "field", "reason"),
    [
        ("Only a body.\n", "front_matter", "missing"),
        ('+++\ntitle = "x"\nNo closing fence.\n', "front_matter", "unclosed"),
        (GOOD_FRONT.replace('title = "A title"', "title = "), "", "not_toml"),
        (_with('colour = "blue"'), "colour", "unknown_field"),
        (_with("", replacing="title"), "title", "missing"),
        (_with("title = 3", replacing="title"), "title", "wrong_type"),
        (_with('title = "  "', replacing="title"), "title", "empty"),
        (_with(f'title = "{"x" * 81}"', replacing="title"), "title", "too_long"),
        (_with("", replacing="summary"), "summary", "missing"),
        (_with(f'summary = "{"x" * 201}"', replacing="summary"), "summary", "too_long"),
        (_with("", replacing="minutes"), "minutes", "missing"),
        (_with('minutes = "4"', replacing="minutes"), "minutes", "wrong_type"),
        (_with("minutes = true", replacing="minutes"), "minutes", "wrong_type"),
        (_with("minutes = 4.5", replacing="minutes"), "minutes", "wrong_type"),
        (_with("minutes = 0", replacing="minutes"), "minutes", "out_of_range"),
        (_with("minutes = 11", replacing="minutes"), "minutes", "out_of_range"),
        (_with("", replacing="audience"), "audience", "missing"),
        (_with('audience = "child"', replacing="audience"), "audience", "unknown_audience"),
        (_with("", replacing="order"), "order", "missing"),
        (_with('order = "1"', replacing="order"), "order", "wrong_type"),
        (GOOD_FRONT + "\n   \n", "body", "empty"),
    ],
)
def test_malformed_pieces_name_the_file_and_field(text: str, field: str, reason: str) -> None:
    with pytest.raises(CatalogError) as caught:
        parse_piece(text, "a-piece", "content/a-piece.md")
    assert (caught.value.source, caught.value.field, caught.value.reason) == (
        "content/a-piece.md",
        field,
        reason,
    )
    assert "content/a-piece.md" in str(caught.value)


def test_a_bad_id_is_refused() -> None:
    with pytest.raises(CatalogError) as caught:
        parse_piece(GOOD, "Not An Id", "content/Not An Id.md")
    assert (caught.value.field, caught.value.reason) == ("id", "bad_id")


# --- the practices a piece suggests --------------------------------------------------


_FRONT = 'title = "T"\nsummary = "S"\nminutes = 3\naudience = "adult"\norder = 1\n'


def test_every_practice_a_piece_suggests_exists() -> None:
    suggested = [(p.id, s) for p in load_library() for s in p.try_practices]
    assert suggested, "expected pieces to suggest practices"
    for piece_id, practice_id in suggested:
        assert find_practice(practice_id) or find_pattern(practice_id), (piece_id, practice_id)


@pytest.mark.parametrize(
    ("line", "field", "reason"),
    [
        ('try = ["no-such-practice"]', "try[0]", "unknown_practice"),
        ('try = ["gentle", "nope"]', "try[1]", "unknown_practice"),
        ("try = 3", "try", "wrong_type"),
        ('try = ["gentle", "box", "resonance", "4-7-8", "soothing-touch"]', "try", "too_long"),
    ],
)
def test_a_suggestion_that_isnt_shipped_is_named(line: str, field: str, reason: str) -> None:
    with pytest.raises(CatalogError) as caught:
        parse_piece(f"+++\n{_FRONT}{line}\n+++\nSome words.\n", "piece", "learn/piece.md")
    assert (caught.value.field, caught.value.reason) == (field, reason)
