"""`kindvoice report`: calm charts in one self-contained HTML page, or as PNG files."""

from __future__ import annotations

import base64
import random
import re
import stat
import struct
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kindvoice.core.config import Settings
from kindvoice.domain.nlp.types import TrapScore
from kindvoice.domain.practice_runs import PracticeKind, PracticeRun
from kindvoice.domain.program.events import ProgramEvent
from kindvoice.domain.records import (
    CheckIn,
    Entry,
    Journal,
    Reflection,
    SavedReframe,
    StoredAnalysis,
)
from kindvoice.interfaces import messages as m
from kindvoice.interfaces.cli import app as cli_app
from kindvoice.interfaces.report import charts, sections
from kindvoice.interfaces.report.html import inline, render_html
from kindvoice.services import insights

NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHART_FILES = {f"{name}.png" for name in sections.CHART_NAMES}
EARLIER_TRAPS = ("labeling", "all_or_nothing", "should_statements", "mind_reading")
LATER_TRAPS = ("fortune_telling", "labeling", "mind_reading", "comparing")
DIPS = {130: (2, 3), 95: (1, 2, 3), 70: (3,), 40: (2, 2), 12: (3, 3)}  # days ago: moods

runner = CliRunner()


def kv(*args: str) -> Any:
    return runner.invoke(cli_app.app, list(args), prog_name="kindvoice")


def one_line(text: str) -> str:
    return " ".join(text.split())


def _uid(group: int, n: int) -> str:
    return f"{group:08d}-0000-4000-8000-{n:012d}"


def _analysis(at: datetime, critical: bool, traps: tuple[str, ...]) -> StoredAnalysis:
    return StoredAnalysis(
        model_version="test",
        crisis_level="none",
        crisis_cue="",
        critic_probability=0.9 if critical else 0.1,
        is_self_critical=critical,
        traps=tuple(TrapScore(trap, 0.8) for trap in traps),
        critic_spans=(),
        created_at=at,
    )


def rich_journal(now: datetime) -> Journal:
    """Five months of made-up days with enough for every insight: entries on most days for 12
    weeks (the critic quietening, the traps shifting), kinder answers with belief
    ratings, daily check-ins with five dips, practice sessions with before-and-after
    ratings, and an 8-week program begun six weeks ago."""
    rng = random.Random(20261120)
    entries = []
    for n in range(84):
        if rng.random() < 0.3:
            continue  # a day without writing
        at = now - timedelta(days=83 - n, hours=rng.randint(0, 6))
        later = n >= 42
        critical = rng.random() < (0.75 - 0.45 * n / 83)
        pool = LATER_TRAPS if later else EARLIER_TRAPS
        traps = tuple(dict.fromkeys(rng.choices(pool, weights=(5, 3, 2, 1), k=2)))
        reframes = ()
        if n % 3 == 0:
            before = rng.randint(60, 90)
            reframes = (
                SavedReframe(
                    _uid(2, n),
                    "A kinder way to see it.",
                    "own",
                    at + timedelta(minutes=5),
                    belief_before=before,
                    belief_after=before - rng.randint(5, 35),
                ),
            )
        reflection = Reflection(_analysis(at, critical, traps), (), reframes)
        entries.append(
            Entry(
                uid=_uid(1, n),
                thought="I made a mess of it",
                situation="",
                emotions=(),
                tags=(),
                created_at=at,
                updated_at=at,
                reflection=reflection,
            )
        )
    checkins = []
    day = 150
    while day >= 0:
        moods = DIPS.get(day, (min(10, max(0, 6 + rng.choice((-1, 0, 0, 1)))),))
        for offset, mood in enumerate(moods):
            at = now - timedelta(days=day - offset, hours=1)
            checkins.append(CheckIn(_uid(3, 1000 - day + offset), at, mood, 5, 5))
        day -= len(moods)
    runs = []
    plan: tuple[tuple[str, PracticeKind, int], ...] = (
        ("box", "breathing", 22),
        ("resonance", "breathing", 7),
        ("self-compassion-break", "guided", 9),
        ("compassionate-letter", "writing", 3),  # too few for a change: "needs 5"
    )
    count = 0
    for practice, kind, sessions in plan:
        for _ in range(sessions):
            at = now - timedelta(days=rng.randint(0, 60), hours=2, minutes=count)
            stress = rng.randint(5, 8)
            kindness = rng.randint(3, 6)
            runs.append(
                PracticeRun(
                    uid=_uid(4, count),
                    practice=practice,
                    kind=kind,
                    started_at=at,
                    planned_s=300.0,
                    actual_s=300.0,
                    completed=True,
                    pattern="4-4-4-4" if kind == "breathing" else None,
                    stress_before=stress,
                    stress_after=stress - rng.randint(0, 3),
                    kindness_before=kindness,
                    kindness_after=min(10, kindness + rng.randint(0, 2)),
                )
            )
            count += 1
    start = (now - timedelta(days=42)).date()
    rest_day = start + timedelta(days=9)
    events = (
        ProgramEvent(_uid(5, 0), "start", start, now - timedelta(days=42)),
        ProgramEvent(_uid(5, 1), "skipped", rest_day, now - timedelta(days=33), item="day"),
    )
    return Journal(None, tuple(entries), tuple(checkins), tuple(runs), events)


@pytest.fixture(scope="module")
def found_and_moods() -> tuple[insights.Insights, list[tuple[date, float]]]:
    journal = rich_journal(NOW)
    return insights.compute(journal, NOW.date(), 12), insights.mood_series(journal, NOW.date())


@pytest.fixture(scope="module")
def drawn(
    found_and_moods: tuple[insights.Insights, list[tuple[date, float]]],
) -> dict[str, bytes | None]:
    return charts.draw_all(*found_and_moods)


def png_size(data: bytes) -> tuple[int, int]:
    assert data.startswith(PNG_SIGNATURE)
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def images(page: str) -> dict[str, bytes]:
    found = re.findall(r'<img id="chart-([a-z]+)" src="data:image/png;base64,([^"]+)"', page)
    return {name: base64.b64decode(data, validate=True) for name, data in found}


def test_the_rich_journal_has_enough_for_every_insight(
    found_and_moods: tuple[insights.Insights, list[tuple[date, float]]],
) -> None:
    found, moods = found_and_moods
    assert found.critic.enough
    assert found.traps.change_enough
    assert found.belief.enough
    assert found.setbacks.recovered >= 3
    assert found.helps.enough
    assert found.program is not None
    assert found.program.rate is not None
    assert len(moods) == 151  # one a day, the dips' days averaged
    assert moods == sorted(moods)


def test_mood_series_is_the_mean_of_each_days_checkins() -> None:
    items = (
        CheckIn(_uid(3, 1), NOW - timedelta(days=1), 2, 5, 5),
        CheckIn(_uid(3, 2), NOW - timedelta(days=1, hours=2), 5, 5, 5),
        CheckIn(_uid(3, 3), NOW, 7, 5, 5),
        CheckIn(_uid(3, 4), NOW + timedelta(days=2), 9, 5, 5),  # after today: left out
    )
    series = insights.mood_series(Journal(None, (), items), NOW.date())
    assert series == [(NOW.date() - timedelta(days=1), 3.5), (NOW.date(), 7.0)]


def test_every_chart_is_drawn_from_enough_data(drawn: dict[str, bytes | None]) -> None:
    assert list(drawn) == list(sections.CHART_NAMES)
    for name, data in drawn.items():
        assert data is not None, name
        width, height = png_size(data)
        assert width == 1280, name  # 8 inches at 160 dpi: crisp at 800 pixels wide
        assert 300 <= height <= 1200, (name, height)


def test_the_page_holds_every_chart_and_sentence(
    found_and_moods: tuple[insights.Insights, list[tuple[date, float]]],
    drawn: dict[str, bytes | None],
) -> None:
    found, _ = found_and_moods
    page = render_html(found, drawn)
    assert page.startswith("<!doctype html>")
    assert '<html lang="en">' in page
    assert '<meta name="viewport"' in page
    shown = images(page)
    assert set(shown) == set(sections.CHART_NAMES)
    for name, data in shown.items():
        assert data == drawn[name]
        assert png_size(data)[0] >= 800
    assert re.search(r'<img id="chart-critic" src="[^"]+" alt="[^"]{20,}"', page)
    assert 'class="few"' not in page
    for section in sections.sections(found):
        assert f'id="section-{section.key}"' in page
        for sentence in section.summary:
            assert inline(sentence) in page
        for slot in section.slots:
            assert inline(slot.shows) in page
    critical = sum(week.self_critical for week in found.critic.weeks)
    assert found.critic.share is not None
    share = f"{round(found.critic.share * 100)}%"
    plain = [
        m.say("insights.about"),
        m.say("insights.critic.share", share=share, critical=critical, n=found.critic.n),
        m.say("insights.helps.not_causes"),
        m.say("insights.setbacks.about"),
    ]
    for sentence in plain:
        assert inline(sentence) in page, sentence
    assert "patterns, not causes" in page


def test_the_page_loads_nothing_and_runs_nothing(
    found_and_moods: tuple[insights.Insights, list[tuple[date, float]]],
    drawn: dict[str, bytes | None],
) -> None:
    page = render_html(found_and_moods[0], drawn).lower()
    assert "<script" not in page
    assert "http://" not in page
    assert "https://" not in page
    assert "<link" not in page
    assert "@import" not in page
    assert "url(" not in page
    assert re.findall(r'src="([^"]{0,22})', page) == ["data:image/png;base64,"] * 6


def test_an_empty_journal_gets_a_kind_line_for_every_section_and_no_images() -> None:
    found = insights.compute(Journal(None), NOW.date(), 12)
    drawn = charts.draw_all(found, [])
    assert set(drawn.values()) == {None}
    page = render_html(found, drawn)
    assert "<img" not in page
    assert "data:image" not in page
    for name in ("critic", "traps", "belief", "mood", "setbacks", "helps", "program"):
        assert f'<p id="few-{name}" class="few">' in page, name
    assert inline(m.say("report.few.critic", need=4, have=0)) in page
    assert inline(m.say("report.few.mood", need=7, have=0)) in page
    assert inline(m.say("insights.belief.few", have=0)) in page
    assert inline(m.say("report.few.program_none")) in page
    assert page.count('class="few"') == 7


def test_a_little_data_draws_only_what_it_can(
    found_and_moods: tuple[insights.Insights, list[tuple[date, float]]],
) -> None:
    journal = rich_journal(NOW)
    recent = tuple(e for e in journal.entries if e.created_at > NOW - timedelta(days=16))
    few = Journal(None, recent, journal.checkins[-5:])
    found = insights.compute(few, NOW.date(), 12)
    drawn = charts.draw_all(found, insights.mood_series(few, NOW.date()))
    assert drawn["critic"] is None  # two weeks and a half of entries: a trend needs four
    assert drawn["traps"] is not None
    assert drawn["mood"] is None
    page = render_html(found, drawn)
    assert set(images(page)) == {"traps"}
    assert 'id="few-critic"' in page
    assert 'id="few-helps"' in page


# --- the command -------------------------------------------------------------------------


@pytest.fixture
def database(tmp_path: Path) -> str:
    """A database holding the rich journal, dated from now (the command uses the real clock)."""
    from kindvoice.services.portability import import_journal
    from kindvoice.services.wiring import open_context

    url = f"sqlite:///{tmp_path / 'report.sqlite3'}"
    context = open_context(Settings(home=tmp_path / "home", database_url=url))
    try:
        import_journal(context, rich_journal(datetime.now(UTC) - timedelta(minutes=5)))
    finally:
        context.close()
    return url


def test_report_needs_somewhere_to_go() -> None:
    result = kv("report")
    assert result.exit_code == 1
    assert "--html FILE" in one_line(result.stderr)
    assert "Nothing was saved" in one_line(result.stderr)


def test_report_html_writes_a_private_page(database: str, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    result = kv("--db", database, "report", "--html", str(target))
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    page = target.read_text(encoding="utf-8")
    assert set(images(page)) == set(sections.CHART_NAMES)
    assert str(target) in one_line(result.stdout)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_report_keeps_an_existing_file_unless_forced(database: str, tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("mine")
    refused = kv("--db", database, "report", "--html", str(target))
    assert refused.exit_code == 1
    assert "--force" in one_line(refused.stderr)
    assert target.read_text() == "mine"
    forced = kv("--db", database, "report", "--html", str(target), "--force", "--weeks", "8")
    assert forced.exit_code == 0, forced.output
    assert "The last 8 weeks" in target.read_text()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_report_html_refuses_a_folder_or_a_missing_one(tmp_path: Path) -> None:
    folder = kv("report", "--html", str(tmp_path))
    assert folder.exit_code == 1
    assert "is a folder" in one_line(folder.stderr)
    missing = kv("report", "--html", str(tmp_path / "nowhere" / "report.html"))
    assert missing.exit_code == 1
    assert "no folder" in one_line(missing.stderr)


def test_report_png_writes_each_chart_and_nothing_else(database: str, tmp_path: Path) -> None:
    folder = tmp_path / "charts"
    result = kv("--db", database, "report", "--png", str(folder))
    assert result.exit_code == 0, result.output
    assert {p.name for p in folder.iterdir()} == CHART_FILES
    for path in folder.iterdir():
        assert path.read_bytes().startswith(PNG_SIGNATURE)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "6 charts saved" in one_line(result.stdout)
    again = kv("--db", database, "report", "--png", str(folder))
    assert again.exit_code == 1
    assert "--force" in one_line(again.stderr)
    before = (folder / "critic.png").stat().st_mtime_ns
    forced = kv("--db", database, "report", "--png", str(folder), "--force")
    assert forced.exit_code == 0, forced.output
    assert {p.name for p in folder.iterdir()} == CHART_FILES
    assert (folder / "critic.png").stat().st_mtime_ns >= before


def test_report_png_with_nothing_to_draw_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "charts"
    result = kv("report", "--png", str(folder))
    assert result.exit_code == 0, result.output
    assert not folder.exists()
    assert "no pictures were saved" in one_line(result.stdout)


def test_report_png_forced_removes_charts_it_can_no_longer_draw(tmp_path: Path) -> None:
    folder = tmp_path / "charts"
    folder.mkdir()
    (folder / "critic.png").write_bytes(PNG_SIGNATURE)
    (folder / "mine.txt").write_text("keep me")
    refused = kv("report", "--png", str(folder))
    assert refused.exit_code == 1
    assert "critic.png" in one_line(refused.stderr)
    forced = kv("report", "--png", str(folder), "--force")
    assert forced.exit_code == 0, forced.output
    assert {p.name for p in folder.iterdir()} == {"mine.txt"}


def test_report_png_refuses_a_file_where_the_folder_would_be(tmp_path: Path) -> None:
    target = tmp_path / "charts"
    target.write_text("a file")
    result = kv("report", "--png", str(target))
    assert result.exit_code == 1
    assert "is a file" in one_line(result.stderr)
