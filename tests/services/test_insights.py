"""Insights from a real database: records become points, and every insight is worked out."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from typer.testing import CliRunner

from kindvoice.core.clock import FrozenClock
from kindvoice.domain.nlp.types import TrapScore
from kindvoice.domain.records import (
    CheckIn,
    Entry,
    Journal,
    Reflection,
    SavedReframe,
    StoredAnalysis,
    TrapFeedback,
)
from kindvoice.interfaces.cli import app as cli_app
from kindvoice.interfaces.cli.insights_cmds import sparkline
from kindvoice.services import checkins, insights, journal
from kindvoice.services.wiring import Context

NOW = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def analysis(critical: bool, *traps: tuple[str, float]) -> StoredAnalysis:
    return StoredAnalysis(
        model_version="test",
        crisis_level="none",
        crisis_cue="",
        critic_probability=0.9 if critical else 0.1,
        is_self_critical=critical,
        traps=tuple(TrapScore(t, p) for t, p in traps),
        critic_spans=(),
        created_at=NOW,
    )


def entry(n: int, reflection: Reflection | None) -> Entry:
    at = NOW - timedelta(days=n)
    return Entry(
        uid=f"00000000-0000-4000-8000-{n:012d}",
        thought="I always ruin things",
        situation="",
        emotions=(),
        tags=(),
        created_at=at,
        updated_at=at,
        reflection=reflection,
    )


def test_entry_points_take_the_persons_word_over_the_engines() -> None:
    reflection = Reflection(
        analysis=analysis(
            True, ("labeling", 0.9), ("overgeneralizing", 0.7), ("mind_reading", 0.4)
        ),
        trap_feedback=(
            TrapFeedback("overgeneralizing", "rejected", NOW),
            TrapFeedback("should_statements", "added", NOW),
            TrapFeedback("labeling", "confirmed", NOW),
        ),
    )
    point = insights.entry_point(entry(0, reflection))
    assert point.self_critical is True
    assert point.traps == ("labeling", "should_statements")
    unjudged = insights.entry_point(entry(1, None))
    assert (unjudged.self_critical, unjudged.traps) == (None, ())


def test_compute_works_every_insight_out_of_a_journal() -> None:
    entries = []
    for n in range(30):
        kept = (
            SavedReframe(
                f"10000000-0000-4000-8000-{n:012d}",
                "Kinder.",
                "own",
                NOW - timedelta(days=n),
                belief_before=80,
                belief_after=50 + n % 3,
            ),
        )
        reflection = Reflection(analysis(n % 2 == 0, ("labeling", 0.8)), (), kept)
        entries.append(entry(n, reflection))
    moods = [6] * 20 + [2, 3, 6, 6, 6, 6, 6, 6, 6, 6]
    items = tuple(
        CheckIn(f"20000000-0000-4000-8000-{n:012d}", NOW - timedelta(days=29 - n), mood, 5, 5)
        for n, mood in enumerate(moods)
    )
    found = insights.compute(Journal(None, tuple(entries), items), NOW.date(), weeks=6)
    assert found.critic.n == 30
    assert found.critic.share == 0.5
    assert found.traps.enough
    assert found.traps.traps[0].trap == "labeling"
    assert found.belief.drop is not None
    assert found.belief.drop.mean == 29.0  # 80 − (50, 51, 52 in turn): 30, 29, 28 → 29
    assert found.belief.n == 30
    (setback,) = found.setbacks.setbacks
    assert (setback.reactivity, setback.recovery_days) == (4.0, 2)
    assert found.helps.n == 0
    assert found.program is None


def test_gather_reads_the_database(ctx: Context, clock: FrozenClock) -> None:
    journal.record_thought(ctx, "Nothing I do is ever good enough")
    checkins.record_checkin(ctx, 5, 6, 7, kindness=4)
    found = insights.gather(ctx, weeks=4)
    assert found.today == clock.now().date()
    assert found.weeks == 4
    assert found.critic.n == 0  # no analysis stored for this entry yet
    assert found.setbacks.n == 1
    assert not found.setbacks.enough


def test_sparkline_draws_shares_and_gaps() -> None:
    assert sparkline([0.0, 0.5, 1.0, None]) == "▁▅█ "
    assert sparkline([3.0, 3.0], low=3.0, high=3.0) == "▁▁"


def test_insights_command_speaks_plainly_when_there_is_little_data() -> None:
    runner = CliRunner()
    result = runner.invoke(cli_app.app, ["insights"], prog_name="kindvoice")
    assert result.exit_code == 0, result.output
    for key in (
        "The inner critic",
        "Thinking traps",
        "Setbacks and recovery",
        "What seems to help you",
    ):
        assert key in result.stdout
    assert "Not enough yet" in result.stdout
    assert "The 8-week program" not in result.stdout
    data = json.loads(runner.invoke(cli_app.app, ["insights", "--json"]).stdout)
    assert set(data) == {
        "today",
        "weeks",
        "critic",
        "traps",
        "belief",
        "setbacks",
        "helps",
        "program",
    }
    assert data["critic"]["enough"] is False
    assert data["program"] is None
