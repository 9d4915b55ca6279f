"""Keeping practice runs: recording, reading back, filtering, links to entries, forgetting."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, insert, select

from kindvoice.core.clock import FrozenClock
from kindvoice.core.errors import NotFoundError, ValidationError
from kindvoice.domain.practice_runs import PracticeRun, PracticeRunDraft
from kindvoice.services import account, journal, practice_log
from kindvoice.services.wiring import Context
from kindvoice.storage import practice_repos
from kindvoice.storage.schema import practice_runs, users
from tests.services._practice import KOLKATA, practise, record


def test_record_run_gives_back_the_run_as_stored(ctx: Context, clock: FrozenClock) -> None:
    at = clock.now().astimezone(KOLKATA).replace(microsecond=250000) - timedelta(minutes=5)
    run = record(
        ctx,
        "4-7-8",
        "breathing",
        at,
        pattern="4-7-8",
        planned_s=76,
        actual_s=80.25,
        completed=True,
        stress_before=8,
        kindness_after=5,
    )
    assert run.id is not None
    assert uuid.UUID(run.uid).version == 4
    assert (run.practice, run.kind, run.pattern) == ("4-7-8", "breathing", "4-7-8")
    assert (run.planned_s, run.actual_s, run.completed) == (76.0, 80.25, True)
    assert (run.stress_before, run.stress_after) == (8, None)
    assert (run.kindness_before, run.kindness_after) == (None, 5)
    assert run.entry_uid is None
    # The exact moment, in the offset it was written in.
    assert run.started_at == at
    assert run.started_at.utcoffset() == timedelta(hours=5, minutes=30)
    assert run.started_at.microsecond == 250000
    assert practice_log.get_run(ctx, run.id) == run


def test_list_runs_newest_first_with_filters(ctx: Context, clock: FrozenClock) -> None:
    runs = practise(ctx, clock, letter_entry=None)
    assert practice_log.list_runs(ctx) == runs[::-1]
    assert practice_log.list_runs(ctx, limit=2) == runs[:1:-1]
    assert practice_log.list_runs(ctx, practice="box") == [runs[0]]
    assert practice_log.list_runs(ctx, practice="nothing-like-it") == []
    assert practice_log.list_runs(ctx, since=runs[2].started_at) == [runs[3], runs[2]]
    # Since is compared as an instant, whatever offset it is given in.
    since = runs[1].started_at.astimezone(KOLKATA)
    assert practice_log.list_runs(ctx, since=since, practice="self-compassion-break") == [runs[1]]


def test_list_runs_needs_a_time_zone_for_since(ctx: Context, clock: FrozenClock) -> None:
    with pytest.raises(ValidationError) as caught:
        practice_log.list_runs(ctx, since=clock.now().replace(tzinfo=None))
    assert [(p.location, p.code) for p in caught.value.problems] == [("since", "no_time_zone")]


def test_get_run_finds_only_this_persons_runs(ctx: Context, clock: FrozenClock) -> None:
    mine = practise(ctx, clock, letter_entry=None)[0]
    with ctx.db.write() as conn:
        other_user = conn.execute(
            insert(users)
            .values(uid=str(uuid.uuid4()), is_local=False, created_at=clock.now())
            .returning(users.c.id)
        ).scalar_one()
        theirs = dataclasses.replace(mine, uid=str(uuid.uuid4()), id=None)
        (their_id,) = practice_repos.insert_practice_runs(conn, other_user, [theirs])
    with pytest.raises(NotFoundError) as caught:
        practice_log.get_run(ctx, their_id)
    assert caught.value.code == "practice_run_not_found"
    with pytest.raises(NotFoundError):
        practice_log.get_run(ctx, 999_999)
    assert their_id not in {r.id for r in practice_log.list_runs(ctx)}


def test_a_letter_links_to_its_entry_and_outlives_it(ctx: Context, clock: FrozenClock) -> None:
    entry = journal.record_thought(ctx, "Dear me, that was a hard week, and you got through it.")
    assert entry.id is not None
    letter = practise(ctx, clock, letter_entry=entry.uid)[-1]
    assert letter.entry_uid == entry.uid
    journal.delete_entry(ctx, entry.id)
    assert letter.id is not None
    kept = practice_log.get_run(ctx, letter.id)
    assert kept == dataclasses.replace(letter, entry_uid=None)


def test_record_run_refuses_an_entry_that_isnt_here(ctx: Context, clock: FrozenClock) -> None:
    missing = str(uuid.uuid4())
    with pytest.raises(ValidationError) as caught:
        practise(ctx, clock, letter_entry=missing)
    assert [(p.location, p.code, p.params) for p in caught.value.problems] == [
        ("entry_uid", "unknown_entry", {"id": missing})
    ]
    # The runs before the letter were kept; the letter wasn't.
    assert [r.practice for r in practice_log.list_runs(ctx)] == [
        "custom",
        "self-compassion-break",
        "box",
    ]


def test_record_run_checks_a_draft_built_by_hand(ctx: Context, clock: FrozenClock) -> None:
    draft = PracticeRunDraft(
        practice="Box Breathing",
        kind="breathing",
        started_at=clock.now() + timedelta(hours=1),
        planned_s=-5.0,
        actual_s=20_000.0,
        completed=True,
        stress_after=11,
    )
    with pytest.raises(ValidationError) as caught:
        practice_log.record_run(ctx, draft)
    assert [(p.location, p.code) for p in caught.value.problems] == [
        ("practice", "not_a_practice_id"),
        ("planned_s", "out_of_range"),
        ("actual_s", "out_of_range"),
        ("stress_after", "out_of_range"),
        ("started_at", "in_the_future"),
    ]
    assert practice_log.list_runs(ctx) == []


def test_forget_removes_practice_runs(ctx: Context, clock: FrozenClock) -> None:
    entry = journal.record_thought(ctx, "a letter to myself")
    practise(ctx, clock, letter_entry=entry.uid)
    removed = account.forget_everything(ctx, "forget")
    assert removed == {
        "entries": 1,
        "checkins": 0,
        "practice_runs": 4,
        "program_events": 0,
        "assessments": 0,
    }
    with ctx.db.read() as conn:
        assert conn.execute(select(func.count()).select_from(practice_runs)).scalar_one() == 0


def test_stored_runs_are_plain_practice_runs(ctx: Context, clock: FrozenClock) -> None:
    runs = practise(ctx, clock, letter_entry=None)
    assert all(isinstance(r, PracticeRun) and r.id is not None for r in runs)
    assert len({r.uid for r in runs}) == 4
