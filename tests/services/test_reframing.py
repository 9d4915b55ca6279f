"""Working with an entry: analyses with the real engine, trap feedback, reframes."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest

from kindvoice.core.clock import FrozenClock
from kindvoice.core.errors import NotFoundError, ValidationError
from kindvoice.domain.nlp.analyzer import MODEL_VERSION, analyze
from kindvoice.domain.records import Reflection
from kindvoice.services import journal, reframing
from kindvoice.services.wiring import Context
from kindvoice.storage import reframing_repos

HARSH = "I always mess everything up. I'm such a failure."
CRISIS = "I want to kill myself tonight."


def test_analyze_entry_stores_the_summary_with_the_model_version(ctx: Context) -> None:
    entry = journal.record_thought(ctx, HARSH, "sent the report with a typo")
    assert entry.id is not None
    analysis = reframing.analyze_entry(ctx, entry.id)
    assert analysis.model_version == MODEL_VERSION
    assert analysis.is_self_critical
    stored = reframing.entry_reframing(ctx, entry.id).analysis
    assert stored is not None
    assert stored.model_version == MODEL_VERSION
    assert stored.is_self_critical
    assert stored.crisis_level == "none"
    assert stored.critic_probability == round(analysis.critic_probability, 4)
    assert [t.trap for t in stored.traps] == [t.trap for t in analysis.traps]
    for span in stored.critic_spans:
        assert entry.thought[span.start : span.end].strip()


def test_analyzing_again_replaces_the_analysis(ctx: Context, clock: FrozenClock) -> None:
    entry = journal.record_thought(ctx, HARSH)
    assert entry.id is not None
    reframing.analyze_entry(ctx, entry.id)
    clock.advance(timedelta(hours=1))
    reframing.analyze_entry(ctx, entry.id)
    stored = reframing.entry_reframing(ctx, entry.id).analysis
    assert stored is not None
    assert stored.created_at == clock.now()


def test_crisis_text_is_stored_flagged_and_gets_no_suggestions(ctx: Context) -> None:
    entry = journal.record_thought(ctx, CRISIS)
    assert entry.id is not None
    analysis = reframing.analyze_entry(ctx, entry.id)
    assert analysis.is_crisis
    assert reframing.suggest(entry.thought, analysis) == []
    stored = reframing.entry_reframing(ctx, entry.id).analysis
    assert stored is not None
    assert stored.crisis_level in {"concern", "urgent"}
    assert stored.crisis_cue
    assert journal.get_entry(ctx, entry.id).thought == CRISIS


def test_a_crisis_in_the_situation_counts_too(ctx: Context) -> None:
    entry = journal.record_thought(ctx, "I'm useless at everything", CRISIS)
    assert entry.id is not None
    assert reframing.analyze_entry(ctx, entry.id).is_crisis
    analysis, suggestions = reframing.quick_reframe("I'm useless at everything", CRISIS)
    assert analysis.is_crisis
    assert analysis.crisis.span is None  # it would point into the situation
    assert suggestions == []
    # The thought's own harshness is still what it was, with its words found.
    assert analysis.is_self_critical
    assert any(
        "useless" in "I'm useless at everything"[s.start : s.end] for s in analysis.critic_spans
    )


def test_editing_the_thought_drops_the_old_analysis_but_keeps_the_persons_work(
    ctx: Context,
) -> None:
    entry = journal.record_thought(ctx, HARSH)
    assert entry.id is not None
    reframing.analyze_entry(ctx, entry.id)
    reframing.record_trap_feedback(ctx, entry.id, "labeling", "confirmed")
    reframing.record_reframe(ctx, entry.id, "One typo isn't all of me.", "own")
    journal.edit_entry(ctx, entry.id, tags=["work"])
    assert reframing.entry_reframing(ctx, entry.id).analysis is not None
    journal.edit_entry(ctx, entry.id, thought="I made one mistake.")
    kept = reframing.entry_reframing(ctx, entry.id)
    assert kept.analysis is None
    assert [f.trap for f in kept.trap_feedback] == ["labeling"]
    assert len(kept.reframes) == 1


def test_reanalyze_all_fills_in_missing_and_stale_analyses(ctx: Context) -> None:
    entries = [journal.record_thought(ctx, text) for text in (HARSH, "Nice walk today", CRISIS)]
    first = entries[0].id
    assert first is not None
    seen: list[tuple[int, int]] = []
    assert reframing.reanalyze_all(ctx, lambda done, total: seen.append((done, total))) == 3
    assert seen[-1] == (3, 3)
    assert reframing.reanalyze_all(ctx) == 0
    with ctx.db.write() as conn:
        current = reframing_repos.load_reflections(conn, ctx.user_id, [first])[first].analysis
        assert current is not None
        older = dataclasses.replace(current, model_version="an-older-model")
        reframing_repos.replace_analysis(conn, ctx.user_id, first, older)
    assert reframing.reanalyze_all(ctx) == 1
    stored = reframing.entry_reframing(ctx, first).analysis
    assert stored is not None
    assert stored.model_version == MODEL_VERSION


def test_trap_feedback_is_checked_and_kept(ctx: Context) -> None:
    entry = journal.record_thought(ctx, HARSH)
    assert entry.id is not None
    reframing.record_trap_feedback(ctx, entry.id, "labeling", "confirmed")
    reframing.record_trap_feedback(ctx, entry.id, "mind_reading", "added")
    reframing.record_trap_feedback(ctx, entry.id, "labeling", "rejected")
    kept = reframing.entry_reframing(ctx, entry.id).trap_feedback
    assert sorted((f.trap, f.verdict) for f in kept) == [
        ("labeling", "rejected"),
        ("mind_reading", "added"),
    ]
    with pytest.raises(ValidationError) as caught:
        reframing.record_trap_feedback(ctx, entry.id, "gloom", "maybe")
    assert {(p.location, p.code) for p in caught.value.problems} == {
        ("trap", "unknown_trap"),
        ("verdict", "not_one_of"),
    }
    with pytest.raises(NotFoundError):
        reframing.record_trap_feedback(ctx, 999, "labeling", "confirmed")


def test_reframes_are_checked_like_thoughts_and_keep_both_beliefs(ctx: Context) -> None:
    entry = journal.record_thought(ctx, HARSH)
    assert entry.id is not None
    saved = reframing.record_reframe(
        ctx,
        entry.id,
        "  One typo doesn't make me a failure.  ",
        "edited",
        component="self_kindness",
        trap="labeling",
        belief_before=80,
        belief_after=35,
    )
    assert saved.id is not None
    assert saved.text == "One typo doesn't make me a failure."
    (kept,) = reframing.entry_reframing(ctx, entry.id).reframes
    assert kept == saved
    with pytest.raises(ValidationError) as caught:
        reframing.record_reframe(
            ctx, entry.id, "   ", "copied", "grit", "gloom", belief_before=101, belief_after=-3
        )
    assert {(p.location, p.code) for p in caught.value.problems} == {
        ("reframe", "empty_text"),
        ("origin", "not_one_of"),
        ("component", "not_one_of"),
        ("trap", "unknown_trap"),
        ("belief_before", "out_of_range"),
        ("belief_after", "out_of_range"),
    }
    with pytest.raises(ValidationError):
        reframing.record_reframe(ctx, entry.id, "x" * 50_001, "own")
    with pytest.raises(NotFoundError):
        reframing.record_reframe(ctx, 999, "kind words", "own")
    assert len(reframing.entry_reframing(ctx, entry.id).reframes) == 1


def test_deleting_an_entry_deletes_its_reflection(ctx: Context) -> None:
    entry = journal.record_thought(ctx, HARSH)
    assert entry.id is not None
    reframing.analyze_entry(ctx, entry.id)
    reframing.record_reframe(ctx, entry.id, "kind words", "own")
    journal.delete_entry(ctx, entry.id)
    with ctx.db.read() as conn:
        assert reframing_repos.load_reflections(conn, ctx.user_id, [entry.id]) == {
            entry.id: Reflection()
        }
    with pytest.raises(NotFoundError):
        reframing.entry_reframing(ctx, entry.id)


def test_quick_reframe_keeps_nothing_and_suggests(ctx: Context) -> None:
    analysis, suggestions = reframing.quick_reframe(HARSH, "missed the deadline")
    assert analysis == analyze(HARSH)
    assert len(suggestions) >= 3
    assert journal.count(ctx) == {
        "entries": 0,
        "checkins": 0,
        "practice_runs": 0,
        "program_events": 0,
        "assessments": 0,
    }
    with pytest.raises(ValidationError):
        reframing.quick_reframe("   ")
